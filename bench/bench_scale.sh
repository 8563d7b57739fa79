#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Scale benchmark: the tool on inputs far larger than real ones, at two
# sizes each, to show the cost grows linearly (see bench/README.md):
#   rules   check with --rules of N rules (10,000 and 50,000) on a .config
#   config  check and resolve of a .config of N lines (200,000 and
#           1,000,000), every line a symbol the embedded model lacks
# Prints each median in ms, the ratio of the two sizes' medians (5.0 is
# linear) and whether each large case meets the goal (under 5 s).
#
# Usage: bench/bench_scale.sh [RUNS]      (RUNS defaults to 5)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check).
set -euo pipefail

KC_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KC_BUILD_DIR=${KC_BUILD_DIR:-$KC_SOURCE_DIR/build}
KC_BIN=${KC_BIN:-$KC_BUILD_DIR/vfio-kconfig-check}
# shellcheck source=bench/lib.sh source-path=SCRIPTDIR/..
. "$KC_SOURCE_DIR/bench/lib.sh"

fail() {
	echo "bench_scale: $*" >&2
	exit 1
}

RUNS=${1:-5}
GOAL_MS=5000
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
NAMES=("rules 10000" "rules 50000" "check 200000" "check 1000000"
	"resolve 200000" "resolve 1000000")

make_inputs() {
	python3 - "$SCRATCH" <<'PY'
import sys
t = sys.argv[1]
rule = "  - id: t/r{}\n    title: t\n    scope: config\n    severity: warning\n    forbid: VFIO_NOIOMMU\n"
for n in (10000, 50000):
    with open(f"{t}/rules-{n}.yaml", "w") as f:
        f.write("rules:\n" + "".join(rule.format(i) for i in range(n)))
for n in (200000, 1000000):
    with open(f"{t}/lines-{n}.config", "w") as f:
        f.write("".join(f"CONFIG_X{i}=y\n" for i in range(n)))
PY
	printf 'CONFIG_VFIO=y\n' >"$SCRATCH/small.config"
}

reset() { :; }

# run_one NAME: one run, output discarded; exit 1 (findings) counts as a run.
run_one() {
	local what=${1% *} n=${1#* } rc=0
	case $what in
	rules) "$KC_BIN" check --rules "$SCRATCH/rules-$n.yaml" --fail-on never \
		"$SCRATCH/small.config" || rc=$? ;;
	check) "$KC_BIN" check --fail-on never "$SCRATCH/lines-$n.config" || rc=$? ;;
	resolve) "$KC_BIN" resolve "$SCRATCH/lines-$n.config" -o - || rc=$? ;;
	esac >/dev/null 2>"$SCRATCH/last.err"
	((rc <= 1))
}

main() {
	local name i small large
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	[[ -x $KC_BIN ]] || fail "no binary at $KC_BIN (build first)"
	make_inputs
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			time_one "$name" >>"$(file_of "$name")"
		done
	done
	for name in "${NAMES[@]}"; do
		printf '%-16s median %10s ms\n' "$name" "$(ms "$(median "$(file_of "$name")")")"
	done
	for pair in "rules 10000:rules 50000" "check 200000:check 1000000" \
		"resolve 200000:resolve 1000000"; do
		small=$(median "$(file_of "${pair%%:*}")")
		large=$(median "$(file_of "${pair#*:}")")
		printf '%-16s x5 input: x%s time (linear: 5.0); goal < %d ms: %s\n' \
			"${pair%% *}" "$(ratio "$large" "$small")" "$GOAL_MS" \
			"$(awk -v l="$large" -v g="$GOAL_MS" 'BEGIN { print (l / 1000 < g) ? "met" : "NOT met" }')"
	done
}

main
