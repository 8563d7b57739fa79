#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Checks that our binary parses Debian's real kernel trees without errors:
# linux-6.12 for x86_64, arm64, s390 and powerpc, linux-6.1 for x86_64.
# "dump --srctree TREE --arch ARCH" must exit 0, print no "error:" line and
# write JSON with a non-empty .symbols; the symbol count of each is printed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# parse_tree TREE ARCH: 0 when the tree parses cleanly, else 1 (and why).
parse_tree() {
	local tree=$1 arch=$2 name rc=0 count
	name=$(basename "$tree")-$arch
	"$KC_BIN" dump --srctree "$tree" --arch "$arch" -o "$WORK/$name.json" \
		>"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
	if ((rc != 0)); then
		echo "$name: exit status $rc"
		head -n 20 "$WORK/$name.err"
		return 1
	fi
	if grep -q 'error:' "$WORK/$name.out" "$WORK/$name.err"; then
		echo "$name: error lines"
		grep -h 'error:' "$WORK/$name.out" "$WORK/$name.err" | head -n 20
		return 1
	fi
	count=$(jq '.symbols | length' "$WORK/$name.json") || {
		echo "$name: output is not JSON with .symbols"
		return 1
	}
	((count > 0)) || { echo "$name: no symbols"; return 1; }
	note "$name: $count symbols, $(wc -l <"$WORK/$name.err") stderr lines"
}

main() {
	local arch failed=0
	need_tools jq:jq
	need_trees
	need_bin
	for arch in x86_64 arm64 s390 powerpc; do
		parse_tree "$K612" "$arch" || failed=1
	done
	parse_tree "$K61" x86_64 || failed=1
	((failed == 0)) || fail "some trees did not parse cleanly"
	note "all trees parsed"
}

main "$@"
