#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Each examples/NAME.config (and each NAME_defconfig and NAME.fragment, the
# other kinds of input), checked against the embedded default model (or
# with the options of its "# check-args:" line), gives exactly the report in
# examples/NAME.expected (stdout, then a line "exit: N" with the exit status).  Regenerate after an intended change with
#   KC_UPDATE_EXAMPLES=1 ctest -R test_examples
set -euo pipefail
cd "$KC_SOURCE_DIR"
fail=0
count=0
for cfg in examples/*.config examples/*defconfig examples/*.fragment; do
	name=${cfg%.config}
	name=${name%.fragment}
	actual=$(mktemp)
	set +e
	# A "# check-args: ..." line in the example adds options (e.g. a model).
	read -r -a args <<<"$(sed -n 's/^# check-args: //p' "$cfg")"
	"$KC_BIN" check "${args[@]}" "$cfg" >"$actual" 2>&1
	echo "exit: $?" >>"$actual"
	set -e
	count=$((count + 1))
	if [[ -n ${KC_UPDATE_EXAMPLES:-} ]]; then
		cp "$actual" "$name.expected"
	elif ! diff -u "$name.expected" "$actual"; then
		echo "FAIL: $cfg differs from $name.expected"
		fail=1
	fi
	rm -f "$actual"
done
[[ $count -gt 0 ]] || { echo "FAIL: no examples found"; exit 1; }
echo "$count examples checked"
exit $fail
