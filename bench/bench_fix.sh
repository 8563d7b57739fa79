#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# fix benchmark on Debian's linux-6.12 for ARCH=x86_64 with Debian's amd64
# config (see bench/README.md).  Cases, each drawn with a fixed seed:
#   want   --want SYMBOL=VALUE on a prompted bool or tristate symbol: y (or
#          m, for half the tristates) when the config has it off, n when on
#   rule   a policy rule the config breaks: "forbid: SYMBOL" for a symbol
#          it enables, or "require: SYMBOL" for a prompted one it leaves
#          off (a rule file of its own, --no-default-rules)
# Each case is one `fix --format json` run: a fix, minimal in the number of
# changed symbols with the solver's proof (no fix one smaller exists), or
# the proof that no fix exists (exit 1 with the conflict).  Prints every
# case, then the distribution: median, p90 and max time, the changes per
# fix, and how many cases took 2 s or more (the goal: none).
#
# Usage: bench/bench_fix.sh [WANTS [RULES [SEED]]]   (defaults 34 16 1)
# Env:   KC_BUILD_DIR (default build), KC_BIN (default
#        $KC_BUILD_DIR/vfio-kconfig-check), KC_KERNEL_DIR (default
#        $KC_BUILD_DIR/kernel); the trees come from tests/kernel/setup.sh.
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

WANTS=${1:-34}
RULES=${2:-16}
SEED=${3:-1}
ARCH=x86_64
GOAL_MS=2000
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# The config's value of a symbol: y, m or n.
value_in() {
	local v
	v=$(grep -m1 "^CONFIG_$1=" "$CFG" | cut -d= -f2) || true
	echo "${v:-n}"
}

# pick FILE: one line of FILE, drawn with bash's seeded RANDOM, into
# PICKED.  The draw happens in this shell, never inside $(...): bash
# seeds a subshell's RANDOM anew, and the cases would differ each run.
pick() {
	local n k
	n=$(wc -l <"$1")
	k=$(((RANDOM * 32768 + RANDOM) % n + 1))
	PICKED=$(sed -n "${k}p" "$1")
}

# run_case ID ARGS...: one fix run; appends "ID ms result changes what".
run_case() {
	local id=$1 t0 t1 rc=0 res changes
	shift
	t0=$(now_us)
	"$KC_BIN" fix --srctree "$K612" --arch "$ARCH" --format json "$@" "$CFG" \
		>"$SCRATCH/out.json" 2>"$SCRATCH/err" || rc=$?
	t1=$(now_us)
	case $rc in
	0)
		res=fix
		changes=$(jq -r '.changes_count' "$SCRATCH/out.json")
		[[ $(jq -r '.confirmed' "$SCRATCH/out.json") == true ]] || res=fix-unconfirmed ;;
	1)
		res=no-fix
		changes=-
		grep -q 'fix/no-fix' "$SCRATCH/out.json" || res=error ;;
	*)
		res=error
		changes=-
		head -n 5 "$SCRATCH/err" >&2 ;;
	esac
	printf '%s %d %s %s %s\n' "$id" $(((t1 - t0) / 1000)) "$res" "$changes" \
		"${*//$SCRATCH\//}" >>"$SCRATCH/results"
	printf '  %-8s %6d ms  %-8s %3s  %s\n' "$id" $(((t1 - t0) / 1000)) "$res" \
		"$changes" "${*//$SCRATCH\//}"
}

# percentile P FILE: the P-th percentile (nearest rank) of the numbers.
percentile() {
	sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END {
		r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'
}

main() {
	local i sym v kind
	[[ $WANTS =~ ^[0-9]+$ && $RULES =~ ^[0-9]+$ && $SEED =~ ^[0-9]+$ ]] ||
		fail "usage: bench_fix.sh [WANTS [RULES [SEED]]]"
	need_tools jq:jq awk:mawk
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_trees
	need_bin
	CFG=$CONFIGS/config.amd64_none_amd64
	[[ -f $CFG ]] || fail "no $CFG"
	RANDOM=$SEED
	# Prompted bool and tristate symbols of the tree, in model order.
	"$KC_BIN" dump --srctree "$K612" --arch "$ARCH" 2>/dev/null |
		jq -r '.symbols[] | select((.type == "bool" or .type == "tristate")
			and (.prompts | length) > 0) | "\(.name) \(.type)"' >"$SCRATCH/prompted"
	grep -o '^CONFIG_[A-Za-z0-9_]*=[ym]' "$CFG" | sed 's/^CONFIG_//; s/=.*//' |
		sort >"$SCRATCH/on"
	note "linux-6.12 ARCH=$ARCH, $(basename "$CFG"), $(wc -l <"$SCRATCH/prompted") prompted symbols, seed $SEED"
	for ((i = 1; i <= WANTS; i++)); do
		pick "$SCRATCH/prompted"
		read -r sym kind <<<"$PICKED"
		v=$(value_in "$sym")
		if [[ $v != n ]]; then
			v=n
		elif [[ $kind == tristate ]] && ((RANDOM % 2)); then
			v=m
		else
			v=y
		fi
		run_case "want$i" --want "$sym=$v"
	done
	for ((i = 1; i <= RULES; i++)); do
		if ((i % 2)); then
			pick "$SCRATCH/on"
			sym=$PICKED
			v="forbid: $sym"
		else
			while pick "$SCRATCH/prompted" &&
				read -r sym kind <<<"$PICKED" &&
				[[ $(value_in "$sym") != n ]]; do :; done
			v="require: $sym"
		fi
		cat >"$SCRATCH/rule$i.yaml" <<EOF
schema: vfio-kconfig-check/rules/1
rules:
  - id: bench/rule$i
    title: a rule the config breaks
    severity: error
    scope: config
    $v
EOF
		run_case "rule$i" --no-default-rules --rules "$SCRATCH/rule$i.yaml"
	done
	awk '{ print $2 }' "$SCRATCH/results" >"$SCRATCH/ms"
	awk '$3 == "fix" { print $4 }' "$SCRATCH/results" >"$SCRATCH/changes"
	note "$(wc -l <"$SCRATCH/results") cases: $(grep -c ' fix ' "$SCRATCH/results" || true) fixes (each proven minimal), $(grep -c ' no-fix ' "$SCRATCH/results" || true) proofs that no fix exists, $(grep -c -e ' error ' -e ' fix-unconfirmed ' "$SCRATCH/results" || true) errors or unconfirmed fixes"
	printf '  time (ms)          median %s, p90 %s, max %s\n' \
		"$(median "$SCRATCH/ms")" "$(percentile 90 "$SCRATCH/ms")" \
		"$(sort -n "$SCRATCH/ms" | tail -n 1)"
	if [[ -s $SCRATCH/changes ]]; then
		printf '  changes per fix    median %s, p90 %s, max %s;' \
			"$(median "$SCRATCH/changes")" "$(percentile 90 "$SCRATCH/changes")" \
			"$(sort -n "$SCRATCH/changes" | tail -n 1)"
		sort -n "$SCRATCH/changes" | uniq -c | awk '{ printf " %s x %s", $1, $2 } END { print "" }'
	fi
	if (($(awk -v g="$GOAL_MS" '$1 >= g' "$SCRATCH/ms" | wc -l) == 0)); then
		note "goal met: every case under $GOAL_MS ms"
	else
		note "goal NOT met: $(awk -v g="$GOAL_MS" '$1 >= g' "$SCRATCH/ms" | wc -l) cases took $GOAL_MS ms or more"
	fi
}

main "$@"
