#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Kbuild benchmark on Debian's linux-6.12 for ARCH=x86_64 with the
# linux-image's config (see bench/README.md).  Times N runs of each,
# interleaved so that drift hits all alike:
#   modules        vfio-kconfig-check modules --format order: resolve the
#                  .config, read every Makefile of the walk, modules.order
#   modules@cpu0   the same, pinned to one core with taskset -c 0
#   modules json   --format json: also reads the built-in objects' sources
#                  for modules.builtin
#   make walk      GNU make reading the same Makefiles, one make per folder
#                  with tests/kernel/harness/kbuild_lists.mk (auto.conf,
#                  Kbuild.include, the folder's Kbuild file), in turn
# and prints each median in ms, the ratio of the make walk to ours, and
# whether the goals are met (modules under 1 s, at least 10x faster).
#
# Usage: bench/bench_modules.sh [RUNS]    (RUNS defaults to 5)
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

RUNS=${1:-5}
ARCH=x86_64
GOAL_MS=1000
GOAL_RATIO=10
WRAPPER=$KC_SOURCE_DIR/tests/kernel/harness/kbuild_lists.mk
NAMES=(modules modules@cpu0 "modules json" "make walk")
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

modules() {
	"$KC_BIN" modules --srctree "$K612" --arch "$ARCH" "$CONFIG" "$@"
}

# make_walk: GNU make on every folder of the walk, as in the oracle test.
make_walk() {
	local n dir nb nm
	while read -r n dir nb nm; do
		env -i PATH="$PATH" ARCH=x86_64 SRCARCH=x86 BITS=64 srctree=. \
			objtree=. CC=gcc LD=ld make -s -rR -C "$K612" -f "$WRAPPER" \
			obj="$dir" need-builtin="${nb#-}" need-modorder="${nm#-}" \
			KC_AUTOCONF="$SCRATCH/auto.conf" kc-lists || return 1
	done <"$SCRATCH/dirs"
}

run_one() {
	case $1 in
	modules) modules --format order ;;
	modules@cpu0) taskset -c 0 "$KC_BIN" modules --srctree "$K612" \
		--arch "$ARCH" "$CONFIG" --format order ;;
	"modules json") modules --format json ;;
	"make walk") make_walk ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
}

reset() {
	:
}

# The folders of the walk with their need-builtin/need-modorder, and the
# auto.conf GNU make reads.
prepare() {
	"$KC_BIN" resolve --srctree "$K612" --arch "$ARCH" "$CONFIG" |
		grep '^CONFIG_' >"$SCRATCH/auto.conf"
	modules --format lists | awk '/^# / {
		dir = $2; sub(/\/?(Kbuild|Makefile)$/, "", dir); if (dir == "") dir = ".";
		nb = $3; sub(/need-builtin=/, "", nb); nm = $4; sub(/need-modorder=/, "", nm);
		printf "%05d %s %s %s\n", n++, dir, nb == "" ? "-" : nb, nm == "" ? "-" : nm
	}' >"$SCRATCH/dirs"
	note "the walk reads $(wc -l <"$SCRATCH/dirs") Makefiles"
}

main() {
	local name i f med=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools taskset:util-linux awk:mawk make:make
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_bin
	need_image
	CONFIG=$(image_file 'boot/config-*')
	prepare
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
		printf '  %-14s median %9s ms   (min %s, max %s)\n' "${NAMES[i]}" \
			"$(ms "${med[i]}")" "$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")"
	done
	printf '  make walk/modules       %s\n' "$(ratio "${med[3]}" "${med[0]}")"
	printf '  make walk/modules json  %s\n' "$(ratio "${med[3]}" "${med[2]}")"
	if (($(awk -v a="${med[1]}" -v m="${med[3]}" -v g="$GOAL_MS" -v r="$GOAL_RATIO" \
		'BEGIN { print (a < g * 1000 && m / a >= r) }'))); then
		note "goals met: modules on one core $(ms "${med[1]}") ms < $GOAL_MS ms," \
			"$(ratio "${med[3]}" "${med[1]}")x faster than the make walk"
	else
		note "goals NOT met: modules on one core $(ms "${med[1]}") ms" \
			"(goal < $GOAL_MS ms), $(ratio "${med[3]}" "${med[1]}")x the make walk" \
			"(goal >= ${GOAL_RATIO}x)"
	fi
}

main "$@"
