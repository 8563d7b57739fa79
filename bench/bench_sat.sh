#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SAT benchmark on Debian's linux-6.12 for ARCH=x86_64 (see bench/README.md).
# Times N runs (default 3) of each, interleaved, and prints the medians:
#   encode   vfio-kconfig-check export --dimacs -o /dev/null (parse + encode)
#   parse    vfio-kconfig-check parse (to subtract: encode - parse)
#   prove    vfio-kconfig-check prove (the VFIO pack against the tree)
#   selects  vfio-kconfig-check selects (every select of the tree)
#   dead     vfio-kconfig-check dead (every symbol, with explanations)
# and the size of the CNF against ConfigFix's model of a comparable tree.
# Goals: encode < 1 s, prove < 2 s, selects and dead < 60 s each.
#
# Usage: bench/bench_sat.sh [RUNS]
# Env:   KC_BUILD_DIR, KC_BIN, KC_KERNEL_DIR as for bench_parse.sh.
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
[[ $KC_BIN == /* ]] || KC_BIN=$PWD/$KC_BIN
KC_KERNEL_DIR=${KC_KERNEL_DIR:-$KC_BUILD_DIR/kernel}
export KC_SOURCE_DIR KC_BUILD_DIR KC_BIN KC_KERNEL_DIR
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/tests/kernel/lib.sh"

RUNS=${1:-3}
ARCH=x86_64
NAMES=(parse encode prove selects dead)
GOALS=(0 1000 2000 60000 60000)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((10#$t / 1000))
}

run_one() {
	local common=(--srctree "$K612" --arch "$ARCH")
	case $1 in
	parse) "$KC_BIN" parse --quiet "${common[@]}" ;;
	encode) "$KC_BIN" export --dimacs "${common[@]}" -o /dev/null ;;
	prove) "$KC_BIN" prove "${common[@]}" --exit-zero -o /dev/null ;;
	selects) "$KC_BIN" selects "${common[@]}" --exit-zero -o /dev/null ;;
	dead) "$KC_BIN" dead "${common[@]}" --exit-zero -o /dev/null ;;
	esac >/dev/null 2>"$SCRATCH/err"
}

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

main() {
	local i name t0 t1 med stats
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_bin
	stats=$("$KC_BIN" export --dimacs --stats --srctree "$K612" --arch "$ARCH" \
		-o /dev/null 2>&1 >/dev/null)
	note "CNF: $stats (ConfigFix, 6.17 x86: 75888 variables, 308209 clauses)"
	note "$RUNS runs each, interleaved, linux-6.12 ARCH=$ARCH, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			t0=$(now_ms)
			run_one "$name" || { cat "$SCRATCH/err" >&2; fail "$name failed"; }
			t1=$(now_ms)
			echo $((t1 - t0)) >>"$SCRATCH/$name"
		done
	done
	for i in "${!NAMES[@]}"; do
		med=$(median "$SCRATCH/${NAMES[i]}")
		if ((GOALS[i])); then
			printf '  %-8s median %8s ms   goal < %s ms: %s\n' "${NAMES[i]}" "$med" \
				"${GOALS[i]}" "$( ((${med%.*} < GOALS[i])) && echo met || echo NOT met)"
		else
			printf '  %-8s median %8s ms\n' "${NAMES[i]}" "$med"
		fi
	done
}

main "$@"
