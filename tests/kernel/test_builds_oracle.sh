#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# builds and presence against the kernel's own tools, on the embedded
# models (each copied with Linux 6.12's scripts/Kbuild.include, which GNU
# make needs for kbuild-file):
#  - configurations: the kernel's conf --randconfig with KCONFIG_SEED 1 to
#    25, and the representatives of the 25 largest builds of `builds
#    --under drivers/iommu/iommufd --under drivers/vfio/platform`;
#  - on each, every object's and module's presence conditions, evaluated as
#    Kconfig expressions, say what the walk built (harness/
#    compare_presence.py), and GNU make (harness/kbuild_lists.mk) leaves
#    every Makefile's lists as the reader does;
#  - each random configuration's module build under those folders is one
#    of the builds `builds` lists.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools make:make python3:python3 diff:diffutils
need_bin
need_trees

WRAPPER=$HERE/harness/kbuild_lists.mk
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
UNDER=(--under drivers/iommu/iommufd --under drivers/vfio/platform)
configs=0 presence=0 makefiles=0 differ=0 outside=0

# GNU make's lists for every Makefile the walk read on config $2 of tree $1.
make_oracle() {
	local tree=$1 cfg=$2 line n dir nb nm
	"$KC_BIN" resolve --kconfig "$tree" "$cfg" | grep '^CONFIG_' >"$TMP/auto.conf" || true
	"$KC_BIN" modules --kconfig "$tree" "$cfg" --format lists >"$TMP/ours"
	: >"$TMP/make"
	while read -r line; do
		dir=$(awk '{ d = $2; sub(/\/?(Kbuild|Makefile)$/, "", d); print d == "" ? "." : d }' <<<"$line")
		nb=$(sed -n 's/.*need-builtin=\([^ ]*\).*/\1/p' <<<"$line")
		nm=$(sed -n 's/.*need-modorder=\([^ ]*\).*/\1/p' <<<"$line")
		env -i PATH="$PATH" ARCH=x86_64 SRCARCH=x86 BITS=64 srctree=. objtree=. \
			make -s -rR -C "$tree" -f "$WRAPPER" obj="$dir" need-builtin="$nb" \
			need-modorder="$nm" KC_AUTOCONF="$TMP/auto.conf" kc-lists \
			>>"$TMP/make" 2>"$TMP/make.err" || fail "make failed on $dir: $(head -3 "$TMP/make.err")"
		makefiles=$((makefiles + 1))
	done < <(grep '^# ' "$TMP/ours")
	if ! cmp -s "$TMP/ours" "$TMP/make"; then
		differ=$((differ + 1))
		diff "$TMP/ours" "$TMP/make" | head -n 10 >&2 || true
	fi
}

# The module build of config $2 under the folders, as builds lists them.
build_of() {
	"$KC_BIN" modules --kconfig "$1" "$2" --format json |
		python3 -c '
import json, sys
doc = json.load(sys.stdin)
for m in doc["modules"]:
    if m["name"].startswith(("drivers/iommu/iommufd/", "drivers/vfio/platform/")):
        print(m["kind"], m["name"], " ".join(m["objects"]))'
}

for model in vfio-6.5 vfio-6.6 vfio-proposed; do
	tree=$TMP/$model
	cp -r "$KC_SOURCE_DIR/kconfig/$model" "$tree"
	mkdir -p "$tree/scripts" "$tree/arch/x86" "$TMP/conf"
	cp "$K612/scripts/Kbuild.include" "$tree/scripts/"
	: >"$tree/arch/x86/Makefile"
	"$KC_BIN" builds --kconfig "$tree" "${UNDER[@]}" -o "$TMP/$model.builds" ||
		fail "$model: builds failed"
	python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
for b in doc["builds"]:
    print("#", b["id"])
    for m in b["modules"]:
        print(m["kind"], m["name"], " ".join(m["objects"]))' \
		"$TMP/$model.builds/index.json" >"$TMP/$model.all"
	list=()
	for seed in $(seq 1 25); do
		rm -f "$TMP/conf/.config"
		(cd "$TMP/conf" && KCONFIG_SEED=$seed srctree=$tree "$CONF" --randconfig \
			"$tree/Kconfig" >/dev/null 2>&1) || fail "conf --randconfig failed"
		cp "$TMP/conf/.config" "$TMP/$model.rand$seed"
		list+=("$TMP/$model.rand$seed")
		build_of "$tree" "$TMP/$model.rand$seed" >"$TMP/one"
		# is it one of the listed builds?
		if ! python3 - "$TMP/$model.all" "$TMP/one" <<'PY'
import sys
builds, cur = [], None
for line in open(sys.argv[1]):
    if line.startswith('# '):
        cur = []
        builds.append(cur)
    else:
        cur.append(line)
sys.exit(0 if open(sys.argv[2]).readlines() in builds else 1)
PY
		then
			outside=$((outside + 1))
			echo "$model seed $seed: its module build is none of the builds listed" >&2
		fi
	done
	for id in $(python3 -c 'import json,sys; [print(b["id"]) for b in json.load(open(sys.argv[1]))["builds"][:25]]' \
		"$TMP/$model.builds/index.json"); do
		list+=("$TMP/$model.builds/$id/config")
	done
	for cfg in "${list[@]}"; do
		configs=$((configs + 1))
		"$KC_BIN" modules --kconfig "$tree" "$cfg" --format json --presence \
			>"$TMP/presence.json"
		python3 "$HERE/harness/compare_presence.py" "$TMP/presence.json" \
			2>"$TMP/n" >"$TMP/pdiff" ||
			fail "$model $cfg: presence conditions differ: $(head -3 "$TMP/pdiff")"
		presence=$((presence + $(cat "$TMP/n")))
		make_oracle "$tree" "$cfg"
	done
done
note "$configs configurations: $presence presence conditions equal the walk, $makefiles Makefiles read by GNU make ($differ configurations differ), $outside random builds not listed"
((differ == 0)) || fail "$differ configurations read differently from GNU make"
((outside == 0)) || fail "$outside random configurations build none of the listed builds"
