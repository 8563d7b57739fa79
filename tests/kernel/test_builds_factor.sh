#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# builds on a kernel tree (linux-6.12, x86_64) when the builds are too
# many to list: they are given as independent folders (src/analysis/
# factor.c), and their number must be exact.  Checks:
#  - on drivers/vfio/platform, mdev, fsl-mc, cdx and drivers/iommu/
#    iommufd, whose builds the solver can also list one by one, the number
#    counted as independent folders (with --max-builds 10, so that they do
#    not fit the list) equals the number listed (--counts, with room);
#  - the same with --format json: "factored" holds that number, and the
#    cases' products add up to it where no case shares builds;
#  - the issue's command, drivers/vfio with drivers/iommu/iommufd (tens of
#    millions of builds, more than a list can hold), exits 0 with the
#    number (json: some four minutes on one core); every folder under
#    drivers/vfio that builds something appears in the answer.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools jq:jq
need_bin
need_trees

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TREE=(--srctree "$K612" --arch x86_64)

# number_of FILE: the N of "distinct module builds: N".
number_of() {
	sed -n 's/^distinct module builds: \([0-9]*\).*/\1/p' "$1"
}

start=$SECONDS
SMALL=(--under drivers/vfio/platform --under drivers/vfio/mdev
	--under drivers/vfio/fsl-mc --under drivers/vfio/cdx
	--under drivers/iommu/iommufd)
"$KC_BIN" builds "${TREE[@]}" "${SMALL[@]}" --counts --max-builds 100000 \
	>"$WORK/listed.txt" 2>"$WORK/err" || fail "builds listed: $(head -n 3 "$WORK/err")"
"$KC_BIN" builds "${TREE[@]}" "${SMALL[@]}" --max-builds 10 \
	>"$WORK/factored.txt" 2>"$WORK/err" || fail "builds factored: $(head -n 3 "$WORK/err")"
listed=$(number_of "$WORK/listed.txt")
factored=$(number_of "$WORK/factored.txt")
grep -q '^distinct module builds: [0-9]*, as independent folders' "$WORK/factored.txt" ||
	fail "past --max-builds 10 the builds are not given as folders: $(sed -n 4p "$WORK/factored.txt")"
[[ -n $listed && $listed -gt 1000 && $listed == "$factored" ]] ||
	fail "listed one by one: '$listed' builds; as independent folders: '$factored'"
note "5 folders: $listed builds listed one by one, $factored counted as independent folders"
"$KC_BIN" builds "${TREE[@]}" "${SMALL[@]}" --max-builds 10 --format json \
	>"$WORK/factored.json" 2>"$WORK/err" || fail "builds --format json: $(head -n 3 "$WORK/err")"
jq -e --argjson n "$listed" '.factored.builds == $n and (.builds | length) == 0' \
	"$WORK/factored.json" >/dev/null || fail "json: .factored.builds is not $listed"
jq -e '[.factored.cases[] | select((.shares | length) == 0)
	| .builds == ([.folders[] | (.alternatives | length)] | reduce .[] as $x (1; . * $x))]
	| all' "$WORK/factored.json" >/dev/null ||
	fail "json: a case's builds are not the product of its folders' alternatives"
note "$((SECONDS - start)) s"

start=$SECONDS
BIG=(--under drivers/vfio --under drivers/iommu/iommufd)
"$KC_BIN" builds "${TREE[@]}" "${BIG[@]}" --format json >"$WORK/big.json" 2>"$WORK/err" ||
	fail "builds ${BIG[*]} --format json: $(head -n 3 "$WORK/err")"
big=$(jq '.factored.builds' "$WORK/big.json")
[[ $big =~ ^[0-9]+$ && $big -gt 1000000 ]] || fail "drivers/vfio with iommufd: '$big' builds"
for folder in drivers/vfio drivers/vfio/pci drivers/vfio/pci/mlx5 drivers/vfio/platform \
	drivers/vfio/mdev drivers/iommu/iommufd; do
	jq -e --arg f "$folder" '[.factored.cases[].folders[].folders[]] | index($f) != null' \
		"$WORK/big.json" >/dev/null || fail "folder $folder is missing from the answer"
done
note "drivers/vfio and drivers/iommu/iommufd: $big builds in $(jq '.factored.cases | length' "$WORK/big.json") cases, $((SECONDS - start)) s"
