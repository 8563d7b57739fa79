#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Many configs in one call (see bench/README.md): 20 of Debian's configs
# (linux-config-6.12's amd64 configs and the linux-image's boot/config-*,
# copied in turn until there are 20; also linux-config-6.1's amd64 configs when setup.sh
# has fetched them, for the embedded model only) checked
#   one            check CONFIG: a single config, one call
#   20 in one      check CONFIG1 ... CONFIG20: one call
#   20 calls       check CONFIGi, twenty calls one after the other
# against the embedded model (the headline call) and against linux-6.12
# (ARCH=x86_64; the 6.12 configs only, as a 6.1 config is not meant for that
# tree).  Times RUNS runs of each, interleaved, and prints each median in
# ms, the ratio "20 in one" / "one" and whether it meets the goal (at most
# 2x the cost of a single config).
#
# Usage: bench/bench_configs.sh [RUNS]     (RUNS defaults to 7)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check), KC_KERNEL_DIR (default
#        $KC_BUILD_DIR/kernel); the trees and configs come from
#        tests/kernel/setup.sh, which must have run (the kernel tests run
#        it); a shared lock on them is taken, as the kernel tests take it.
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

RUNS=${1:-7}
COUNT=20
GOAL_RATIO=2
NAMES=("model one" "model 20 in one" "model 20 calls"
	"tree one" "tree 20 in one" "tree 20 calls")
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# copies DIR SOURCE...: COUNT copies of the SOURCEs, in turn, into DIR.
copies() {
	local dir=$1 i=0
	shift
	mkdir -p "$dir"
	while ((i < COUNT)); do
		for f in "$@"; do
			((i < COUNT)) || break
			i=$((i + 1))
			cp "$f" "$dir/config-$i"
		done
	done
}

# check WHERE CONFIG...: one call of check against the model or the tree.
check() {
	local where=$1 rc=0
	shift
	if [[ $where == model ]]; then
		"$KC_BIN" check --fail-on never "$@" || rc=$?
	else
		"$KC_BIN" check --srctree "$K612" --arch x86_64 --fail-on never \
			"$@" || rc=$?
	fi
	((rc <= 1))
}

run_one() {
	local where=${1%% *} what=${1#* } f
	{
		case $what in
		one) check "$where" "$SCRATCH/$where/config-1" ;;
		"20 in one") check "$where" "$SCRATCH/$where"/config-* ;;
		"20 calls")
			for f in "$SCRATCH/$where"/config-*; do
				check "$where" "$f" || return 1
			done
			;;
		esac
	} >/dev/null 2>"$SCRATCH/last.err"
}

reset() {
	:
}

main() {
	local i f med=() sources=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools awk:mawk
	need_bin
	need_trees
	need_image
	sources=("$CONFIGS"/config.amd64_* "$(image_file 'boot/config-*')")
	copies "$SCRATCH/tree" "${sources[@]}"
	for f in "$KC_KERNEL_DIR"/configs-6.1/config.amd64_*; do
		[[ -f $f ]] && sources+=("$f")
	done
	copies "$SCRATCH/model" "${sources[@]}"
	note "warm-up: one run of each"
	for i in "${!NAMES[@]}"; do time_one "${NAMES[i]}" >/dev/null; done
	note "$RUNS runs each, interleaved, $COUNT Debian configs, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for f in "${NAMES[@]}"; do
			time_one "$f" >>"$(file_of "$f")"
		done
	done
	for i in "${!NAMES[@]}"; do
		med[i]=$(median "$(file_of "${NAMES[i]}")")
		printf '  %-16s median %9s ms\n' "${NAMES[i]}" "$(ms "${med[i]}")"
	done
	for i in 0 3; do
		local what=${NAMES[i]%% *} r
		r=$(ratio "${med[i + 1]}" "${med[i]}")
		printf '  %-5s %s in one call / one config: %sx; %s calls / one call: %sx\n' \
			"$what" "$COUNT" "$r" "$COUNT" "$(ratio "${med[i + 2]}" "${med[i + 1]}")"
		if (($(awk -v r="$r" -v g="$GOAL_RATIO" 'BEGIN { print (r <= g) }'))); then
			note "goal met ($what): $COUNT configs in one call cost ${r}x one config (<= ${GOAL_RATIO}x)"
		else
			note "goal NOT met ($what): $COUNT configs in one call cost ${r}x one config (> ${GOAL_RATIO}x)"
		fi
	done
}

main "$@"
