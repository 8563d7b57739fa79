#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Check benchmark on Debian's linux-6.12 for ARCH=x86_64 (see bench/README.md):
# Debian's amd64 config (config.amd64_none_amd64) checked against the whole
# tree.  Times N runs of each, interleaved so that drift hits all alike:
#   check          vfio-kconfig-check check --srctree linux-6.12 --arch x86_64
#                  CONFIG (hermetic: no $(shell,...))
#   check --shell  the same with the $(shell,...) probes run, in the
#                  environment the kernel Makefile exports
#   conf           the kernel's conf --olddefconfig on a copy of CONFIG, in a
#                  scratch dir, same environment: what `make olddefconfig`
#                  costs, the kernel's own answer to the same question.  The
#                  dir has an include/config/auto.conf, as a build dir used
#                  before does, so conf skips writing include/ (a file per
#                  symbol, ~1 s more in a fresh dir): the ratio is not
#                  flattered.
# and prints each median in ms, the ratios conf/check and conf/check --shell,
# and whether check meets the goals (median < 100 ms, >= 10x faster than
# conf).
#
# Usage: bench/bench_check.sh [RUNS]      (RUNS defaults to 11)
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
GOAL_MS=100
GOAL_RATIO=10
NAMES=(check "check --shell" conf)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
INPUT=$SCRATCH/config.amd64_none_amd64

# run_one NAME: one run of the NAME command, output discarded.  check exits
# 1 when it has findings at or above --fail-on; never is asked, and 1 still
# counts as a run.
run_one() {
	local rc=0
	case $1 in
	check)
		"$KC_BIN" check --srctree "$K612" --arch "$ARCH" --fail-on never \
			"$INPUT" || rc=$? ;;
	"check --shell")
		(cd "$SCRATCH/ours" && kernel_run "$K612" "$ARCH" "$KC_BIN" check \
			--srctree "$K612" --arch "$ARCH" --shell --fail-on never \
			"$INPUT") || rc=$? ;;
	conf)
		(cd "$SCRATCH/conf" && kernel_conf "$K612" "$ARCH" --olddefconfig) ||
			rc=$? ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
	((rc <= 1))
}

# reset: conf gets a fresh copy of the input and no output of an earlier
# run but include/config/auto.conf (see the header).
reset() {
	rm -rf "$SCRATCH/conf" && mkdir -p "$SCRATCH/conf/include/config" "$SCRATCH/ours"
	: >"$SCRATCH/conf/include/config/auto.conf"
	cp "$INPUT" "$SCRATCH/conf/.config"
}

main() {
	local name i f med=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools awk:mawk
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_bin
	"$KC_BIN" check --help >/dev/null 2>&1 ||
		fail "'$KC_BIN check --help' fails: this binary has no check command"
	cp "$CONFIGS/config.amd64_none_amd64" "$INPUT"
	kernel_env "$K612" "$ARCH"
	note "warm-up: one run of each"
	for name in "${NAMES[@]}"; do time_one "$name" >/dev/null; done
	note "$RUNS runs each, interleaved, Debian amd64 config on linux-6.12" \
		"ARCH=$ARCH, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			time_one "$name" >>"$(file_of "$name")"
		done
	done
	for i in "${!NAMES[@]}"; do
		f=$(file_of "${NAMES[i]}")
		med[i]=$(median "$f")
		printf '  %-15s median %8s ms   (min %s, max %s)\n' "${NAMES[i]}" \
			"$(ms "${med[i]}")" "$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")"
	done
	printf '  conf/check          %s\n' "$(ratio "${med[2]}" "${med[0]}")"
	printf '  conf/check --shell  %s\n' "$(ratio "${med[2]}" "${med[1]}")"
	if (($(awk -v us="${med[0]}" -v g="$GOAL_MS" 'BEGIN { print (us < g * 1000) }'))); then
		note "goal met: check $(ms "${med[0]}") ms < $GOAL_MS ms"
	else
		note "goal NOT met: check $(ms "${med[0]}") ms >= $GOAL_MS ms"
	fi
	if (($(awk -v a="${med[2]}" -v b="${med[0]}" -v g="$GOAL_RATIO" 'BEGIN { print (a >= g * b) }'))); then
		note "goal met: check is $(ratio "${med[2]}" "${med[0]}")x faster than conf (>= ${GOAL_RATIO}x)"
	else
		note "goal NOT met: check is only $(ratio "${med[2]}" "${med[0]}")x faster than conf (< ${GOAL_RATIO}x)"
	fi
}

main "$@"
