#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_layers.sh - the folder rules of docs/architecture.md, checked on the
# sources: each folder of src/ is a layer with one public header,
# kc_<folder>.h (src/cli, the tool, has none); a file includes headers of
# its own folder and public headers of other layers, never another
# folder's private header; and the graph of which layer includes which
# has no cycle.  Prints the graph.
#
# Needs KC_SOURCE_DIR (ctest sets it); defaults to the checkout holding
# this script.
set -u

SRC=${KC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/src
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# The folder whose public header is $1, or nothing.
owner_of() {
	local h=$1 dir

	for dir in "$SRC"/*/; do
		dir=${dir%/}
		[ "$h" = "kc_${dir##*/}.h" ] && [ -f "$dir/$h" ] && echo "${dir##*/}"
	done
}

for dir in "$SRC"/*/; do
	dir=${dir%/}
	layer=${dir##*/}
	if [ "$layer" != cli ] && [ ! -f "$dir/kc_$layer.h" ]; then
		fail "src/$layer has no public header kc_$layer.h"
	fi
	for h in "$dir"/kc_*.h; do
		[ -e "$h" ] || continue
		[ "${h##*/}" = "kc_$layer.h" ] ||
			fail "src/$layer/${h##*/}: a layer has one public header, kc_$layer.h"
	done
	echo "$layer $layer" >>"$TMP/edges"
	for file in "$dir"/*.c "$dir"/*.h; do
		[ -e "$file" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
			"$file" >"$TMP/includes"
		while read -r inc; do
			[ -f "$dir/$inc" ] && continue
			other=$(owner_of "$inc")
			if [ -z "$other" ]; then
				where=$(cd "$SRC" && ls -d -- */"$inc" 2>/dev/null | head -1)
				fail "src/$layer/${file##*/} includes \"$inc\"${where:+, private to src/${where%%/*}}"
				continue
			fi
			echo "$layer $other" >>"$TMP/edges"
		done <"$TMP/includes"
	done
done

sort -u "$TMP/edges" >"$TMP/graph"
echo "layer -> the layers whose public header it includes:"
awk '$1 != $2 { deps[$1] = deps[$1] " " $2 } $1 == $2 { seen[$1] = 1 }
     END { for (l in seen) printf "  %-9s ->%s\n", l, deps[l] }' "$TMP/graph" | sort
if ! tsort "$TMP/graph" >/dev/null 2>"$TMP/tsort"; then
	fail "the layers include each other in a cycle:"
	sed 's/^/  /' "$TMP/tsort" >&2
fi
if grep -v '^cli ' "$TMP/graph" | grep -q ' cli$'; then
	fail "a library layer includes the tool's header"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "layers: no private header crosses a folder, no cycle"
