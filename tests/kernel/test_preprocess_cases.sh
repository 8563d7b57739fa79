#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Checks our macro preprocessor against the kernel's own test cases in
# linux-6.12/scripts/kconfig/tests/preprocess/*/, the way the kernel's
# pytest suite checks conf: stdout must contain expected_stdout (when the
# case has one), stderr must equal expected_stderr, circular_expansion must
# fail and the others succeed.  Our error lines are compiler-style
# ("Kconfig:5: error: MESSAGE" where the kernel prints "Kconfig:5: MESSAGE"),
# so exactly one ": error" after the location is stripped before comparing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

CASES=$K612/scripts/kconfig/tests/preprocess
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# contains FILE PART: FILE's text contains PART's text (trailing newlines
# count; read -d '' keeps them where $(cat) would drop them).
contains() {
	local text part
	IFS= read -r -d '' text <"$1" || true
	IFS= read -r -d '' part <"$2" || true
	[[ $text == *"$part"* ]]
}

# expected_to_fail CASE: the cases in which conf must exit non-zero.
expected_to_fail() {
	[[ $1 == circular_expansion ]]
}

# run_case DIR: 0 when our binary behaves as the case expects, else 1.
run_case() {
	local dir=$1 name rc=0 problems=()
	name=$(basename "$dir")
	(cd "$dir" && "$KC_BIN" dump --kconfig "$dir" --shell -o /dev/null) \
		>"$WORK/$name.out" 2>"$WORK/$name.raw-err" || rc=$?
	sed -E 's/^([^:]+:[0-9]+): error:/\1:/' "$WORK/$name.raw-err" \
		>"$WORK/$name.err"
	if expected_to_fail "$name"; then
		((rc != 0)) || problems+=("exit 0, expected non-zero")
	else
		((rc == 0)) || problems+=("exit $rc, expected 0")
	fi
	if [[ -f $dir/expected_stdout ]] &&
		! contains "$WORK/$name.out" "$dir/expected_stdout"; then
		problems+=("stdout does not contain expected_stdout")
	fi
	if [[ -f $dir/expected_stderr ]] &&
		! cmp -s "$dir/expected_stderr" "$WORK/$name.err"; then
		problems+=("stderr differs from expected_stderr")
	fi
	if ((${#problems[@]} == 0)); then
		note "PASS $name"
		return 0
	fi
	note "FAIL $name: $(printf '%s; ' "${problems[@]}")"
	[[ ! -f $dir/expected_stdout ]] ||
		diff -u "$dir/expected_stdout" "$WORK/$name.out" | sed 's/^/   /' || true
	[[ ! -f $dir/expected_stderr ]] ||
		diff -u "$dir/expected_stderr" "$WORK/$name.err" | sed 's/^/   /' || true
	return 1
}

main() {
	local dir count=0 failed=0
	need_trees
	need_bin
	for dir in "$CASES"/*/; do
		[[ -f $dir/Kconfig ]] || continue
		count=$((count + 1))
		run_case "${dir%/}" || failed=$((failed + 1))
	done
	((count > 0)) || fail "no test cases under $CASES"
	((failed == 0)) || fail "$failed of $count preprocess cases failed"
	note "all $count preprocess cases pass"
}

main "$@"
