#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# diff benchmark on Debian's linux-6.12 for ARCH=x86_64 (see bench/README.md).
# A copy of the tree (its Kconfig files and the top Makefile, as
# tests/kernel/test_diff_fix_kernel.sh copies them) in a git repository,
# with a one-line change staged in drivers/iommu/iommufd/Kconfig (the
# dependency that kept the two /dev/vfio/vfio providers apart dropped).
# Times N runs of each, interleaved so that drift hits all alike:
#   parse         vfio-kconfig-check parse of the changed copy
#   diff REV:     diff --quick --srctree COPY --arch x86_64 HEAD: INDEX:
#                 (the pre-commit hook's case: both sides read from git)
#   diff folders  diff --quick --arch x86_64 OLD-COPY COPY
#   diff 6.1/6.12 diff --quick --arch x86_64 --under drivers/vfio
#                 --under drivers/iommu linux-6.1 linux-6.12
# and prints each median in ms (wall, and CPU: user + system), the ratios
# to parse, and whether the hook's case meets the goal (wall < 3 s).  On a
# busy machine the wall times grow with the load; the CPU times much less.
#
# Usage: bench/bench_diff.sh [RUNS]      (RUNS defaults to 5)
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

RUNS=${1:-5}
ARCH=x86_64
GOAL_MS=3000
NAMES=(parse "diff REV:" "diff folders" "diff 6.1/6.12")
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

git_() {
	git -C "$SCRATCH/new" -c user.name=bench -c user.email=bench@example.invalid \
		-c init.defaultBranch=main -c commit.gpgsign=false "$@"
}

# copy_tree DEST: linux-6.12's Kconfig files and top Makefile.
copy_tree() {
	mkdir -p "$1"
	(cd "$K612" && {
		find . -name '.tmp_*' -prune -o -name 'Kconfig*' -print 2>/dev/null || true
		echo ./Makefile
	} | tar -cf - -T -) | tar -xf - -C "$1"
	[[ -f $1/drivers/iommu/iommufd/Kconfig ]] || fail "no Kconfig files copied from $K612"
}

# run_one NAME: one run of the NAME command, output discarded.  diff exits
# 1 for the change's error-level finding; --exit-zero keeps failures apart.
run_one() {
	case $1 in
	parse)
		"$KC_BIN" parse --quiet --srctree "$SCRATCH/new" --arch "$ARCH" ;;
	"diff REV:")
		"$KC_BIN" diff --quick --exit-zero --srctree "$SCRATCH/new" \
			--arch "$ARCH" HEAD: INDEX: ;;
	"diff folders")
		"$KC_BIN" diff --quick --exit-zero --arch "$ARCH" \
			"$SCRATCH/old" "$SCRATCH/new" ;;
	"diff 6.1/6.12")
		"$KC_BIN" diff --quick --exit-zero --arch "$ARCH" \
			--under drivers/vfio --under drivers/iommu "$K61" "$K612" ;;
	esac >"$SCRATCH/last.out" 2>"$SCRATCH/last.err"
}

reset() {
	:
}

# timed NAME: one run of NAME; appends its wall time (us) to NAME's file
# and its CPU time (user + system, us) to "cpu NAME"'s.
timed() {
	local t0 t1 cpu TIMEFORMAT='%3U %3S'
	t0=$(now_us)
	cpu=$({ time run_one "$1" 2>/dev/null; } 2>&1) || {
		cat "$SCRATCH/last.err" >&2
		fail "'$1' failed"
	}
	t1=$(now_us)
	echo $((t1 - t0)) >>"$(file_of "$1")"
	awk -v c="$cpu" 'BEGIN { split(c, a, " "); printf "%d\n", (a[1] + a[2]) * 1000000 }' \
		>>"$(file_of "cpu $1")"
}

main() {
	local name i f med=() cpu=()
	[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, got '$RUNS'"
	need_tools git:git awk:mawk
	bash "$KC_SOURCE_DIR/tests/kernel/setup.sh"
	need_trees
	need_bin
	copy_tree "$SCRATCH/old"
	copy_tree "$SCRATCH/new"
	git_ init -q
	git_ add -A
	git_ commit -q -m linux-6.12
	sed -i 's/^\tdepends on VFIO_GROUP && !VFIO_CONTAINER$/\tdepends on VFIO_GROUP/' \
		"$SCRATCH/new/drivers/iommu/iommufd/Kconfig"
	git_ add -A
	[[ $(git_ diff --cached --numstat) == "1	1	drivers/iommu/iommufd/Kconfig" ]] ||
		fail "the one-line change did not apply: $(git_ diff --cached --stat)"
	note "warm-up: one run of each"
	for name in "${NAMES[@]}"; do
		time_one "$name" >/dev/null
		note "  $name: $(tail -n 1 "$SCRATCH/last.out")"
	done
	grep -q 'two-dev-vfio-vfio-providers changed from "holds"' <(
		run_one "diff REV:"
		cat "$SCRATCH/last.out"
	) || fail "diff REV: does not report the rule now broken"
	note "$RUNS runs each, interleaved, linux-6.12 ARCH=$ARCH, $(nproc) cores"
	for ((i = 0; i < RUNS; i++)); do
		for name in "${NAMES[@]}"; do
			timed "$name"
		done
	done
	for i in "${!NAMES[@]}"; do
		f=$(file_of "${NAMES[i]}")
		med[i]=$(median "$f")
		cpu[i]=$(median "$(file_of "cpu ${NAMES[i]}")")
		printf '  %-14s median %8s ms   (min %s, max %s)   CPU median %s ms\n' "${NAMES[i]}" \
			"$(ms "${med[i]}")" "$(ms "$(sort -n "$f" | head -n 1)")" \
			"$(ms "$(sort -n "$f" | tail -n 1)")" "$(ms "${cpu[i]}")"
	done
	for i in 1 2 3; do
		printf '  %-14s %s x parse (CPU: %s x)\n' "${NAMES[i]}" \
			"$(ratio "${med[i]}" "${med[0]}")" "$(ratio "${cpu[i]}" "${cpu[0]}")"
	done
	if (($(awk -v us="${med[1]}" -v g="$GOAL_MS" 'BEGIN { print (us < g * 1000) }'))); then
		note "goal met: diff REV: (the hook's case) $(ms "${med[1]}") ms < $GOAL_MS ms"
	else
		note "goal NOT met: diff REV: (the hook's case) $(ms "${med[1]}") ms >= $GOAL_MS ms"
	fi
}

main "$@"
