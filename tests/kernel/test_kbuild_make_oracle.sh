#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# GNU make as the oracle of the Kbuild reader.  For the Debian linux-image's
# config on linux-6.12 x86_64, every Makefile the walk reads is also read
# by GNU make (harness/kbuild_lists.mk: auto.conf, Kbuild.include, the
# folder's Kbuild file, as scripts/Makefile.build includes them), and the
# lists both leave (obj-y, obj-m, lib-y, lib-m, subdir-y, subdir-m and each
# composite's foo-objs, foo-y, foo-m, foo-) must be the same, Makefile by
# Makefile.  auto.conf is our resolve's .config without its comments: the
# CONFIG_X=value lines the kernel's auto.conf holds.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools make:make xargs:findutils diff:diffutils
need_bin
need_trees
need_image

CONFIG=$(image_file 'boot/config-*')
WRAPPER=$HERE/harness/kbuild_lists.mk
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$KC_BIN" resolve --srctree "$K612" --arch x86_64 "$CONFIG" |
	grep '^CONFIG_' >"$TMP/auto.conf" || fail "resolve failed"
"$KC_BIN" modules --srctree "$K612" --arch x86_64 "$CONFIG" --format lists \
	>"$TMP/ours" || fail "modules --format lists failed"

# One "N DIR NEED_BUILTIN NEED_MODORDER" line per Makefile, in walk order
# ("-" for an empty flag, so that xargs keeps four words).
awk '/^# / {
	dir = $2; sub(/\/?(Kbuild|Makefile)$/, "", dir); if (dir == "") dir = ".";
	nb = $3; sub(/need-builtin=/, "", nb); nm = $4; sub(/need-modorder=/, "", nm);
	printf "%05d %s %s %s\n", n++, dir, nb == "" ? "-" : nb, nm == "" ? "-" : nm
}' "$TMP/ours" >"$TMP/dirs"
count=$(wc -l <"$TMP/dirs")
((count > 1000)) || fail "the walk read only $count Makefiles"

# make_lists N DIR NB NM: GNU make's lists for one folder into out/N.
make_lists() {
	set -- "$1" "$2" "${3#-}" "${4#-}"
	env -i PATH="$PATH" ARCH=x86_64 SRCARCH=x86 BITS=64 srctree=. objtree=. \
		CC=gcc LD=ld AR=ar NM=nm OBJCOPY=objcopy OBJDUMP=objdump \
		make -s -rR -C "$K612" -f "$WRAPPER" obj="$2" need-builtin="$3" \
		need-modorder="$4" KC_AUTOCONF="$TMP/auto.conf" kc-lists \
		>"$TMP/out/$1" 2>"$TMP/out/$1.err" ||
		echo "make failed on $2: $(head -n 3 "$TMP/out/$1.err")" >>"$TMP/failed"
}
export -f make_lists
export K612 WRAPPER TMP
mkdir "$TMP/out"
note "GNU make reads the $count Makefiles of the walk"
xargs -P 2 -L 1 bash -c 'make_lists "$@"' _ <"$TMP/dirs"
[[ ! -s $TMP/failed ]] || { head -n 5 "$TMP/failed" >&2; fail "GNU make failed"; }
cat "$TMP"/out/[0-9]* >"$TMP/make"

# Compare Makefile by Makefile, naming those that differ.
split_by_makefile() {
	awk -v dir="$2" '/^# / { f = sprintf("%s/%05d", dir, n++) } { print > f }' "$1"
}
mkdir "$TMP/a" "$TMP/b"
split_by_makefile "$TMP/ours" "$TMP/a"
split_by_makefile "$TMP/make" "$TMP/b"
differ=0
for f in "$TMP"/a/*; do
	if ! cmp -s "$f" "$TMP/b/${f##*/}"; then
		((differ += 1))
		if ((differ <= 5)); then
			printf -- '--- %s\n' "$(head -n 1 "$f")" >&2
			diff "$f" "$TMP/b/${f##*/}" | head -n 10 >&2 || true
		fi
	fi
done
lists=$(grep -vc '^# ' "$TMP/ours")
note "$count Makefiles, $lists lists: $differ Makefiles differ from GNU make"
((differ == 0)) || fail "$differ Makefiles read differently from GNU make"
