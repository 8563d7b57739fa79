#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Presence conditions on a whole tree: Debian's linux-6.12 for ARCH=x86_64
# (see bench/README.md).  Times N runs of each, interleaved:
#   modules        vfio-kconfig-check modules CONFIG --format order: one
#                  configuration's walk (parse, resolve, every Makefile once)
#   presence       vfio-kconfig-check presence init/main.o: the conditions of
#                  every object and module of the tree (each Makefile read
#                  once per value of what it reads, the arch Makefile's
#                  variables once each)
#   modules+presence  modules CONFIG --format json --presence: both, and
#                  every condition evaluated on CONFIG
# and prints each median in ms (wall and CPU), the ratio of presence to
# modules, and whether the goal is met (presence under 10 s).
#
# Usage: bench/bench_presence.sh [RUNS]    (RUNS defaults to 3)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check), KC_KERNEL_DIR (default
#        $KC_BUILD_DIR/kernel); the tree and the image come from
#        tests/kernel/setup.sh.
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
[[ $KC_BIN == /* ]] || KC_BIN=$PWD/$KC_BIN
KC_KERNEL_DIR=${KC_KERNEL_DIR:-$KC_BUILD_DIR/kernel}
export KC_SOURCE_DIR KC_BUILD_DIR KC_BIN KC_KERNEL_DIR
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/tests/kernel/lib.sh"
# shellcheck source=bench/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/bench/lib.sh"

RUNS=${1:-3}
ARCH=x86_64
GOAL_MS=10000
NAMES=(modules presence "modules+presence")
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

run_one() {
	local t
	t=$SCRATCH/cpu.${1//[^a-z0-9]/_}
	case $1 in
	modules) /usr/bin/time -a -o "$t" -f '%U %S' "$KC_BIN" modules \
		--srctree "$K612" --arch "$ARCH" "$CONFIG" --format order ;;
	presence) /usr/bin/time -a -o "$t" -f '%U %S' "$KC_BIN" presence \
		--srctree "$K612" --arch "$ARCH" init/main.o ;;
	"modules+presence") /usr/bin/time -a -o "$t" -f '%U %S' "$KC_BIN" \
		modules --srctree "$K612" --arch "$ARCH" "$CONFIG" --format json \
		--presence ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
}

reset() {
	:
}

# cpu_median NAME: the median of user + system seconds, in microseconds.
cpu_median() {
	awk '{ print ($1 + $2) * 1000000 }' "$SCRATCH/cpu.${1//[^a-z0-9]/_}" \
		>"$SCRATCH/cpu-us"
	median "$SCRATCH/cpu-us"
}

main() {
	local name i f med=() cpu=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools awk:mawk
	[[ -x /usr/bin/time ]] || fail "needs /usr/bin/time (Debian package time)"
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_bin
	need_image
	CONFIG=$(image_file 'boot/config-*')
	note "warm-up: one run of each"
	for name in "${NAMES[@]}"; do time_one "$name" >/dev/null; done
	rm -f "$SCRATCH"/cpu.*
	note "$RUNS runs each, interleaved, linux-6.12 ARCH=$ARCH, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			time_one "$name" >>"$(file_of "$name")"
		done
	done
	for i in "${!NAMES[@]}"; do
		f=$(file_of "${NAMES[i]}")
		med[i]=$(median "$f")
		cpu[i]=$(cpu_median "${NAMES[i]}")
		printf '  %-17s median %9s ms   (min %s, max %s)   cpu %9s ms\n' \
			"${NAMES[i]}" "$(ms "${med[i]}")" \
			"$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")" "$(ms "${cpu[i]}")"
	done
	printf '  presence/modules        %s (cpu %s)\n' "$(ratio "${med[1]}" "${med[0]}")" \
		"$(ratio "${cpu[1]}" "${cpu[0]}")"
	if (($(awk -v a="${med[1]}" -v g="$GOAL_MS" 'BEGIN { print (a < g * 1000) }'))); then
		note "goal met: presence of the whole tree $(ms "${med[1]}") ms < $GOAL_MS ms"
	else
		note "goal NOT met: presence of the whole tree $(ms "${med[1]}") ms" \
			"(goal < $GOAL_MS ms; cpu $(ms "${cpu[1]}") ms)"
	fi
}

main "$@"
