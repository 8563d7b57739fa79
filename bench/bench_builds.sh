#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# builds and presence benchmark on the embedded vfio-6.6 model (see
# bench/README.md).  Times N runs of each, interleaved:
#   presence all     presence conditions of every object and module of the
#                    model (presence: the whole computation, one printed)
#   builds iommufd   builds --under drivers/iommu/iommufd -o DIR: the
#                    count, 8 builds, their representatives and files
#   builds pci       builds --under drivers/vfio/pci --counts: 6,153
#                    projections grouped into 5,831 builds, counts only
#   builds whole     builds on every folder: 231,269,839 builds, counted,
#                    not listed, and each folder's own builds
#   count            export --dimacs piped to nothing: the model alone
# and prints each median in ms and whether builds iommufd and builds
# whole are under 1 s.
# kmax (Python and z3) is not installed here: it is Boolean only and
# cannot tell a module from built in, so it has no figure to compare.
#
# Usage: bench/bench_builds.sh [RUNS]    (RUNS defaults to 5)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check).
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
[[ $KC_BIN == /* ]] || KC_BIN=$PWD/$KC_BIN
# shellcheck source=bench/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/bench/lib.sh"

fail() {
	echo "bench_builds.sh: $*" >&2
	exit 1
}

RUNS=${1:-5}
GOAL_MS=1000
NAMES=("presence all" "builds iommufd" "builds pci" "builds whole" "count")
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

run_one() {
	case $1 in
	"presence all") "$KC_BIN" presence --model vfio-6.6 drivers/vfio/vfio.ko ;;
	"builds iommufd") rm -rf "$SCRATCH/out"
		"$KC_BIN" builds --model vfio-6.6 --under drivers/iommu/iommufd \
			-o "$SCRATCH/out" ;;
	"builds pci") "$KC_BIN" builds --model vfio-6.6 --under drivers/vfio/pci \
		--counts ;;
	"builds whole") "$KC_BIN" builds --model vfio-6.6 ;;
	count) "$KC_BIN" export --dimacs --model vfio-6.6 ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
}

reset() {
	:
}

goal() {
	if (($(awk -v a="$2" -v g="$GOAL_MS" 'BEGIN { print (a < g * 1000) }'))); then
		echo "goal met: $1 $(ms "$2") ms < $GOAL_MS ms"
	else
		echo "goal NOT met: $1 $(ms "$2") ms (goal < $GOAL_MS ms)"
	fi
}

main() {
	local name i f med=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 2; }
	for name in "${NAMES[@]}"; do time_one "$name" >/dev/null; done
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			time_one "$name" >>"$(file_of "$name")"
		done
	done
	for i in "${!NAMES[@]}"; do
		f=$(file_of "${NAMES[i]}")
		med[i]=$(median "$f")
		printf '  %-16s median %9s ms   (min %s, max %s)\n' "${NAMES[i]}" \
			"$(ms "${med[i]}")" "$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")"
	done
	goal "builds --under drivers/iommu/iommufd" "${med[1]}"
	goal "builds (every folder, counted)" "${med[3]}"
}

main "$@"
