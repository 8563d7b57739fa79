#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Checks that our parser finds the same symbols as the kernel's own on
# linux-6.12 for x86_64: the set of "NAME TYPE DEFINED" lines printed by the
# kernel's parser (bin/kconfig-symbols, run with the environment the kernel
# Makefile exports) must equal the set computed from our dump's JSON.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

ARCH=x86_64
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# compare_sides KERNEL OURS: one line per name on which the sorted lists
# differ, with what each side says, and names listed twice.
compare_sides() {
	cut -d' ' -f1 "$1" | uniq -d | sed 's/$/ listed twice by the kernel/'
	cut -d' ' -f1 "$2" | uniq -d | sed 's/$/ listed twice by ours/'
	LC_ALL=C join -a 1 -a 2 -e - -o 0,1.2,1.3,2.2,2.3 "$1" "$2" |
		awk '$2 != $4 || $3 != $5 {
			printf "%s kernel: %s %s ours: %s %s\n", $1, $2, $3, $4, $5 }'
}

main() {
	local rc=0
	need_tools jq:jq
	need_trees
	need_bin
	kernel_symbols "$K612" "$ARCH" "$WORK/kernel.txt" 2>"$WORK/kernel.err" || {
		cat "$WORK/kernel.err" >&2
		fail "the kernel's parser failed on linux-6.12 $ARCH"
	}
	"$KC_BIN" dump --srctree "$K612" --arch "$ARCH" -o "$WORK/ours.json" \
		>/dev/null 2>"$WORK/ours.err" || rc=$?
	((rc == 0)) || {
		head -n 20 "$WORK/ours.err" >&2
		fail "our dump exited $rc on linux-6.12 $ARCH"
	}
	our_symbols "$WORK/ours.json" "$WORK/ours.txt"
	note "kernel: $(wc -l <"$WORK/kernel.txt") symbols," \
		"$(grep -c ' 1$' "$WORK/kernel.txt" || true) defined"
	note "ours:   $(wc -l <"$WORK/ours.txt") symbols," \
		"$(grep -c ' 1$' "$WORK/ours.txt" || true) defined"
	if ! cmp -s "$WORK/kernel.txt" "$WORK/ours.txt"; then
		compare_sides "$WORK/kernel.txt" "$WORK/ours.txt" >"$WORK/diff"
		note "$(wc -l <"$WORK/diff") symbols differ; first 50" \
			"(NAME kernel: TYPE DEFINED ours: TYPE DEFINED, - = absent):"
		head -n 50 "$WORK/diff"
		fail "symbol sets differ"
	fi
	note "symbol sets match"
}

main "$@"
