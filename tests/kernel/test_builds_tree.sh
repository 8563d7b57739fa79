#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# builds on a kernel tree (linux-6.12, x86_64): `builds --srctree --arch
# --under ... -o DIR`, where the model is too large to count and each
# build counts the distinct values of the symbols the Makefiles read
# (docs/sat.md, "Counting").  Checks:
#  - index.json says so ("counts": "projections", "configurations": null);
#  - the builds' counts add up to the printed total, and the builds are
#    pairwise distinct (their modules, kinds and objects);
#  - the kernel's conf --olddefconfig keeps every value of the symbols the
#    Makefiles read in each representative .config, and `modules --under
#    ... --format order` on what conf writes gives that build's
#    modules.order (the representatives are computed without running the
#    compiler probes, so the toolchain's symbols, CC_IS_GCC and the
#    others, are what conf changes; this test's conf runs gcc);
#  - `modules --under ... --format order` on each representative writes
#    that build's modules.order;
#  - past --max-values the values are not counted (null, with a note) and
#    the same builds are listed (drivers/vfio/platform).
# The folders are drivers/iommu/iommufd (KC_BUILDS_UNDER may name
# others): drivers/vfio with drivers/iommu/iommufd has more distinct builds
# than a test can check (more than 30,000; `builds --max-builds` stops it).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools jq:jq cmp:diffutils
need_bin
need_trees

ARCH=x86_64
UNDER=()
for u in ${KC_BUILDS_UNDER:-drivers/iommu/iommufd}; do
	UNDER+=(--under "$u")
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS

"$KC_BIN" builds --srctree "$K612" --arch "$ARCH" "${UNDER[@]}" -o "$WORK/out" \
	2>"$WORK/err" || fail "builds failed: $(head -n 5 "$WORK/err")"
"$KC_BIN" builds --srctree "$K612" --arch "$ARCH" "${UNDER[@]}" --counts \
	>"$WORK/text" 2>/dev/null || fail "builds --counts failed"
idx=$WORK/out/index.json
n=$(jq '.builds | length' "$idx")
total=$(jq '.projections' "$idx")
sum=$(jq '[.builds[].projections] | add // 0' "$idx")
note "builds ${UNDER[*]}: $n builds, $total distinct values of $(jq '.symbols | length' "$idx") symbols"
[[ $n -gt 1 ]] || fail "only $n builds"
[[ $(jq -r '.counts' "$idx") == projections ]] || fail "index.json does not say what it counts"
[[ $(jq '.configurations' "$idx") == null ]] || fail "a tree's configurations counted"
[[ $sum == "$total" ]] || fail "the builds' counts add up to $sum, not $total"
grep -qx "distinct values of them: $total" "$WORK/text" ||
	fail "the text output does not print the total $total: $(head -n 5 "$WORK/text")"
grep -q '^configurations: not counted (a kernel tree' "$WORK/text" ||
	fail "the text output does not say what it counts"
dups=$(jq -r '.builds[] | [.modules[] | "\(.kind) \(.name) \(.objects | join(","))"] | join(";")' "$idx" |
	LC_ALL=C sort | uniq -d | wc -l)
[[ $dups == 0 ]] || fail "$dups builds repeat another"

# same_order ID CONFIG WHAT: `modules --format order` on CONFIG is build
# ID's modules.order.
same_order() {
	"$KC_BIN" modules --srctree "$K612" --arch "$ARCH" "${UNDER[@]}" "$2" \
		--format order >"$WORK/order" 2>/dev/null ||
		fail "build $1: modules on $3 failed"
	cmp -s "$WORK/out/$1/modules.order" "$WORK/order" ||
		fail "build $1: $3 builds another modules.order than the build lists"
}

fixed=0 orders=0
for id in $(jq -r '.builds[].id' "$idx"); do
	cfg=$WORK/out/$id/config
	scratch=$WORK/conf
	rm -rf "$scratch"
	mkdir -p "$scratch/include/config"
	: >"$scratch/include/config/auto.conf"
	cp "$cfg" "$scratch/.config"
	(cd "$scratch" && kernel_conf "$K612" "$ARCH" --olddefconfig) >"$WORK/conf.log" 2>&1 ||
		fail "build $id: conf --olddefconfig failed: $(head -n 5 "$WORK/conf.log")"
	for sym in $(jq -r '.symbols[]' "$idx"); do
		a=$(grep -E "^(CONFIG_$sym=|# CONFIG_$sym is not set)" "$cfg" || true)
		b=$(grep -E "^(CONFIG_$sym=|# CONFIG_$sym is not set)" "$scratch/.config" || true)
		[[ $a == "$b" ]] || fail "build $id: conf --olddefconfig changes $sym: '$a' to '$b'"
	done
	same_order "$id" "$scratch/.config" "conf's .config"
	fixed=$((fixed + 1))
	same_order "$id" "$cfg" "the representative"
	orders=$((orders + 1))
done
note "$fixed representatives keep their values and modules.order through conf --olddefconfig, $orders modules.order equal"

# Past --max-values the values are not counted, and the builds are the
# same: drivers/vfio/platform has 108 builds from 127 values, so 120 stops
# the count after the builds were found.
plat=(--under drivers/vfio/platform)
"$KC_BIN" builds --srctree "$K612" --arch "$ARCH" "${plat[@]}" --format json \
	>"$WORK/plat.json" 2>/dev/null || fail "builds on drivers/vfio/platform failed"
"$KC_BIN" builds --srctree "$K612" --arch "$ARCH" "${plat[@]}" --format json \
	--max-values 120 >"$WORK/plat-nc.json" 2>/dev/null ||
	fail "builds --max-values 120 on drivers/vfio/platform failed"
[[ $(jq '.projections' "$WORK/plat.json") == 127 ]] ||
	fail "drivers/vfio/platform: $(jq '.projections' "$WORK/plat.json") values, not 127"
[[ $(jq -c '[.counts, .projections, ([.builds[].projections] | unique)]' "$WORK/plat-nc.json") == '[null,null,[null]]' ]] ||
	fail "--max-values 120: the values are still counted"
jq -e '.notes | any(test("not counted: more than 120"))' "$WORK/plat-nc.json" >/dev/null ||
	fail "--max-values 120: no note says the values are not counted"
builds_set() {
	jq -r '.builds[] | [.modules[] | "\(.kind) \(.name) \(.objects | join(","))"] | join(";")' "$1" |
		LC_ALL=C sort
}
cmp -s <(builds_set "$WORK/plat.json") <(builds_set "$WORK/plat-nc.json") ||
	fail "--max-values 120 lists other builds than the counted run"
note "drivers/vfio/platform: $(jq '.builds | length' "$WORK/plat-nc.json") builds listed alike with the values counted (127) and past --max-values 120 (not counted)"
note "time: $((SECONDS - start)) s"
