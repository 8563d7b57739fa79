#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Counting benchmark on the embedded models (no kernel tree needed).  Times
# N runs of each, interleaved, and prints the medians in ms:
#   parse          vfio-kconfig-check parse --model vfio-6.6 (to subtract)
#   count          vfio-kconfig-check count --model vfio-6.6: parse, encode,
#                  build the decision diagram, count
#   count 6.5      the same on vfio-6.5
#   project        count --model vfio-6.6 --project with the symbols
#                  drivers/vfio/Makefile reads (every distinct assignment
#                  with its count)
# Goal: count under 1 s.
#
# Usage: bench/bench_count.sh [RUNS]    (RUNS defaults to 5)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check).
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
[[ $KC_BIN == /* ]] || KC_BIN=$PWD/$KC_BIN

fail() {
	echo "bench_count: $*" >&2
	exit 1
}
# shellcheck source=bench/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/bench/lib.sh"

RUNS=${1:-5}
GOAL_MS=1000
NAMES=(parse count "count 6.5" project)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
PROJECT=$(grep -o 'CONFIG_[A-Z0-9_]*' \
	"$KC_SOURCE_DIR/kconfig/vfio-6.6/drivers/vfio/Makefile" |
	sed 's/^CONFIG_//' | sort -u | paste -sd, -)

run_one() {
	case $1 in
	parse) "$KC_BIN" parse --model vfio-6.6 ;;
	count) "$KC_BIN" count --model vfio-6.6 ;;
	"count 6.5") "$KC_BIN" count --model vfio-6.5 ;;
	project) "$KC_BIN" count --model vfio-6.6 --project "$PROJECT" ;;
	esac >"$SCRATCH/last.out" 2>"$SCRATCH/last.err"
}

reset() {
	:
}

[[ -x $KC_BIN ]] || fail "no binary at $KC_BIN (build first)"
for ((i = 0; i < RUNS; i++)); do
	for name in "${NAMES[@]}"; do
		time_one "$name" >>"$(file_of "$name")"
	done
done
run_one project
projections=$(grep -c '^  [A-Z]' "$SCRATCH/last.out" || true)
run_one count
echo "vfio-6.6: $(head -1 "$SCRATCH/last.out"); $projections assignments of $PROJECT"
for name in "${NAMES[@]}"; do
	printf '%-10s %8s ms (median of %d)\n' "$name" \
		"$(ms "$(median "$(file_of "$name")")")" "$RUNS"
done
us=$(median "$(file_of count)")
if awk -v us="$us" -v goal="$GOAL_MS" 'BEGIN { exit !(us / 1000 < goal) }'; then
	echo "goal met: count under $GOAL_MS ms"
else
	echo "goal missed: count over $GOAL_MS ms"
fi
