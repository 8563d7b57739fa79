#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Parse benchmark on Debian's linux-6.12 for ARCH=x86_64 (see bench/README.md).
# Times N runs of each, interleaved so that drift hits all alike:
#   parse         vfio-kconfig-check parse --srctree linux-6.12 --arch x86_64
#   parse@cpu0    the same, pinned to one core with taskset -c 0
#   dump          vfio-kconfig-check dump ... -o /dev/null (parse + JSON)
#   dump --shell  the same with $(shell,...) executed, as the kernel does
#   conf          the kernel's conf --olddefconfig, no .config, scratch dir
#   harness       the kernel's parser alone (bin/kconfig-symbols)
# and prints each median in ms, the ratios to ours, and whether our parse
# on one core meets the goal (< 60 ms).
#
# Usage: bench/bench_parse.sh [RUNS]      (RUNS defaults to 11)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check), KC_KERNEL_DIR (default
#        $KC_BUILD_DIR/kernel); the trees come from tests/kernel/setup.sh.
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
[[ $KC_BIN == /* ]] || KC_BIN=$PWD/$KC_BIN # some runs cd elsewhere
KC_KERNEL_DIR=${KC_KERNEL_DIR:-$KC_BUILD_DIR/kernel}
export KC_SOURCE_DIR KC_BUILD_DIR KC_BIN KC_KERNEL_DIR
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/tests/kernel/lib.sh"
# shellcheck source=bench/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/bench/lib.sh"

RUNS=${1:-11}
ARCH=x86_64
GOAL_MS=60
NAMES=(parse parse@cpu0 dump "dump --shell" conf harness)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# run_one NAME: one run of the NAME command, output discarded.
run_one() {
	case $1 in
	parse)
		"$KC_BIN" parse --quiet --srctree "$K612" --arch "$ARCH" ;;
	parse@cpu0)
		taskset -c 0 "$KC_BIN" parse --quiet --srctree "$K612" \
			--arch "$ARCH" ;;
	dump)
		"$KC_BIN" dump --srctree "$K612" --arch "$ARCH" -o /dev/null ;;
	"dump --shell")
		(cd "$SCRATCH/ours" && kernel_run "$K612" "$ARCH" "$KC_BIN" dump \
			--srctree "$K612" --arch "$ARCH" --shell -o /dev/null) ;;
	conf)
		(cd "$SCRATCH/conf" && kernel_conf "$K612" "$ARCH" --olddefconfig) ;;
	harness)
		(cd "$SCRATCH/harness" &&
			kernel_run "$K612" "$ARCH" "$HARNESS" Kconfig /dev/null) ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
}

# reset: conf must find no .config and no output of an earlier run.
reset() {
	rm -rf "$SCRATCH/conf" && mkdir -p "$SCRATCH/conf" "$SCRATCH/ours" \
		"$SCRATCH/harness"
}

main() {
	local name i f med=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools taskset:util-linux awk:mawk
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_bin
	kernel_env "$K612" "$ARCH"
	note "warm-up: one run of each"
	for name in "${NAMES[@]}"; do time_one "$name" >/dev/null; done
	note "$RUNS runs each, interleaved, linux-6.12 ARCH=$ARCH, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			time_one "$name" >>"$(file_of "$name")"
		done
	done
	for i in "${!NAMES[@]}"; do
		f=$(file_of "${NAMES[i]}")
		med[i]=$(median "$f")
		printf '  %-14s median %8s ms   (min %s, max %s)\n' "${NAMES[i]}" \
			"$(ms "${med[i]}")" "$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")"
	done
	printf '  conf/parse     %s\n' "$(ratio "${med[4]}" "${med[0]}")"
	printf '  harness/parse  %s\n' "$(ratio "${med[5]}" "${med[0]}")"
	printf '  conf/dump      %s\n' "$(ratio "${med[4]}" "${med[2]}")"
	if (($(awk -v us="${med[1]}" -v g="$GOAL_MS" 'BEGIN { print (us < g * 1000) }'))); then
		note "goal met: parse on one core $(ms "${med[1]}") ms < $GOAL_MS ms"
	else
		note "goal NOT met: parse on one core $(ms "${med[1]}") ms >= $GOAL_MS ms"
	fi
}

main "$@"
