#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Differential test of `resolve --mode randconfig` against the kernel's own
# `conf --randconfig`: for each case, KCONFIG_SEED=N (and, in some cases,
# KCONFIG_PROBABILITY and KCONFIG_ALLCONFIG) conf --randconfig Kconfig is the
# oracle, and `resolve --shell --mode randconfig --seed N [--probability P]
# [--allconfig FILE]` in the same environment (lib.sh kernel_run) must write
# the same .config byte for byte.
#
# The plan (KC_RAND_SEEDS=N takes N seeds an arch instead, for a longer run):
#   linux-6.12 with its conf: x86_64 12 seeds, arm64, s390 and powerpc 6
#     each; on x86_64 also the three forms of KCONFIG_PROBABILITY and an
#     allconfig (a VFIO fragment naming choice members, an int and a string);
#   linux-6.1 with its conf (another algorithm: its symbol table's order,
#     passes over choices): x86_64 6 seeds, plus a probability and the
#     allconfig; arm64, s390 and powerpc 3 each;
#   the embedded models (kconfig/*), read with --kconfig, 10 seeds each
#     against both confs (--kernel-version 6.1 for 6.1's).
# conf and `resolve --shell` cost about 1.5 s of CPU a run on a kernel tree
# (their $(shell,...) probes); conf's results are cached in
# KC_KERNEL_DIR/oracle-cache as test_resolve_diff.sh caches its own.
# Prints compared and identical per tree and arch; any mismatch fails, with
# the first differing lines.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

# verdict OUT GROUP ORACLE_CONFIG OURS_CONFIG: "GROUP same" or "GROUP
# differ" with the first differing lines, into OUT.
verdict() {
	if cmp -s "$3" "$4"; then
		echo "$2 same" >"$1"
	else
		{ echo "$2 differ"; diff "$3" "$4" | head -n 8; } >"$1"
	fi
}

# run_case OUT KERNEL ARCH SEED PROB ALLCONFIG: one comparison on a kernel
# tree ("-" for no PROB or ALLCONFIG), its verdict into OUT.
run_case() {
	local out=$1 kernel=$2 arch=$3 seed=$4 prob=$5 allconfig=$6
	local w key dir rc=0 env=(KCONFIG_SEED="$seed") opts=(--seed "$seed")
	# test_resolve_diff.sh gives the tree, the oracle and its cache.
	export KC_DIFF_KERNEL=$kernel KC_DIFF_ARCHES=$arch
	# shellcheck source=tests/kernel/test_resolve_diff.sh
	. "$HERE/test_resolve_diff.sh"
	if [[ $prob != - ]]; then
		env+=(KCONFIG_PROBABILITY="$prob")
		opts+=(--probability "$prob")
	fi
	if [[ $allconfig != - ]]; then
		env+=(KCONFIG_ALLCONFIG="$allconfig")
		opts+=(--allconfig "$allconfig")
	fi
	w=$(mktemp -d "${TMPDIR:-/tmp}/kc-rand.XXXXXX")
	mkdir -p "$w/conf" "$w/ours"
	no_autoconf "$w/conf"
	key=$({ printf '%s\n' randconfig "$seed" "$prob"; [[ $allconfig == - ]] || cat "$allconfig"; } |
		sha256sum | cut -d' ' -f1)
	dir=$ORACLE_CACHE/$(oracle_fingerprint "$arch")/$arch
	if [[ ${KC_ORACLE_CACHE:-1} != 0 && -f $dir/rand-$key.config ]]; then
		cp "$dir/rand-$key.config" "$w/conf/.config"
	else
		(cd "$w/conf" && kernel_run "$TREE" "$arch" env "${env[@]}" "$ORACLE" \
			--randconfig Kconfig) >"$w/conf.log" 2>&1 || rc=$?
		if [[ $rc != 0 || ! -f $w/conf/.config ]]; then
			echo "linux-$kernel $arch error: conf exited $rc" >"$out"
			rm -rf "$w"
			return 0
		fi
		if [[ ${KC_ORACLE_CACHE:-1} != 0 ]]; then
			mkdir -p "$dir"
			cp "$w/conf/.config" "$w/cache.tmp"
			mv -f "$w/cache.tmp" "$dir/rand-$key.config"
		fi
	fi
	(cd "$w/ours" && kernel_run "$TREE" "$arch" "$KC_BIN" resolve --srctree "$TREE" \
		--arch "$arch" --shell --mode randconfig "${opts[@]}" -o out.config) \
		>"$w/ours.log" 2>&1 || rc=$?
	if [[ $rc != 0 || ! -f $w/ours/out.config ]]; then
		echo "linux-$kernel $arch error: resolve exited $rc: $(head -n 3 "$w/ours.log")" >"$out"
	else
		verdict "$out" "linux-$kernel $arch" "$w/conf/.config" "$w/ours/out.config"
	fi
	rm -rf "$w"
}

if [[ ${1:-} == --case ]]; then
	shift
	run_case "$@"
	exit 0
fi

need_trees
need_bin
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kc-randconfig.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The allconfig: values randconfig must keep, among them a choice member
# set (HZ_250), one unset (KERNEL_GZIP), a tristate, an int and a string.
cat >"$TMP/allrandom.config" <<'EOF'
CONFIG_MODULES=y
CONFIG_VFIO=m
CONFIG_VFIO_PCI=m
# CONFIG_DEBUG_KERNEL is not set
CONFIG_HZ_250=y
# CONFIG_KERNEL_GZIP is not set
CONFIG_NR_CPUS=8
CONFIG_LOCALVERSION="-rand"
EOF

# seeds N: N fixed seeds, in the forms KCONFIG_SEED takes (decimal, hex,
# negative).
seeds() {
	local i
	for ((i = 1; i <= $1; i++)); do
		case $((i % 3)) in
		0) printf '0x%x\n' $((i * 40503 + 7)) ;;
		1) echo $((i * 7919)) ;;
		*) echo "-$i" ;;
		esac
	done
}

per_arch() {
	echo "${KC_RAND_SEEDS:-$1}"
}

{
	for s in $(seeds "$(per_arch 12)"); do echo "6.12 x86_64 $s - -"; done
	for arch in arm64 s390 powerpc; do
		for s in $(seeds "$(per_arch 6)"); do echo "6.12 $arch $s - -"; done
	done
	for p in 10:80 90 20:30:40; do echo "6.12 x86_64 0x5eed $p -"; done
	echo "6.12 x86_64 7 - $TMP/allrandom.config"
	for s in $(seeds "$(per_arch 6)"); do echo "6.1 x86_64 $s - -"; done
	for arch in arm64 s390 powerpc; do
		for s in $(seeds "$(per_arch 3)"); do echo "6.1 $arch $s - -"; done
	done
	echo "6.1 x86_64 0x5eed 10:80 -"
	echo "6.1 x86_64 7 - $TMP/allrandom.config"
} | awk -v dir="$TMP/out" '{ print dir "/" NR, $0 }' >"$TMP/plan"
mkdir -p "$TMP/out"
xargs -P "${KC_JOBS:-$(nproc)}" -L 1 bash "${BASH_SOURCE[0]}" --case <"$TMP/plan"
planned=$(wc -l <"$TMP/plan")

# The embedded models, against both confs (no $(shell,...): cheap).
for model in "$KC_SOURCE_DIR"/kconfig/*/; do
	model=$(basename "$model")
	cp -r "$KC_SOURCE_DIR/kconfig/$model" "$TMP/$model"
	mkdir -p "$TMP/c"
	for kernel in 6.12 6.1; do
		oracle=$CONF version=()
		[[ $kernel == 6.1 ]] && oracle=$CONF61 version=(--kernel-version 6.1)
		for s in $(seeds 10); do
			planned=$((planned + 1))
			out=$TMP/out/m$planned
			rm -f "$TMP/c/.config"
			if ! (cd "$TMP/c" && env KCONFIG_SEED="$s" srctree="$TMP/$model" \
				"$oracle" --randconfig "$TMP/$model/Kconfig") >/dev/null 2>&1; then
				echo "linux-$kernel $model error: conf failed" >"$out"
			elif ! "$KC_BIN" resolve --kconfig "$TMP/$model" "${version[@]}" \
				--mode randconfig --seed "$s" -o "$TMP/ours" 2>"$TMP/ours.log"; then
				echo "linux-$kernel $model error: resolve: $(head -n 3 "$TMP/ours.log")" >"$out"
			else
				verdict "$out" "linux-$kernel $model" "$TMP/c/.config" "$TMP/ours"
			fi
		done
	done
done

# "compared N, identical M" per tree and arch (or model).
find "$TMP/out" -type f | sort -V | xargs cat | awk 'NF >= 3 && !/^[-+<>]/ && $1 ~ /^linux-/ {
	k = $1 " " $2; if (!(k in n)) order[++nk] = k; n[k]++; if ($3 == "same") same[k]++ }
	END { for (i = 1; i <= nk; i++) { k = order[i]; printf "-- randconfig %s: compared %d, identical %d\n", k, n[k], same[k] + 0 } }'
results=$(find "$TMP/out" -type f | wc -l)
((results == planned)) || fail "$results results for $planned cases"
bad=0
for f in "$TMP"/out/*; do
	read -r _ _ v _ <"$f"
	[[ $v == same ]] && continue
	((bad < 5)) && { echo "mismatch:"; cat "$f"; } >&2
	bad=$((bad + 1))
done
((bad == 0)) || fail "$bad of $planned randconfig cases differ from conf's"
note "randconfig: $planned cases compared, all identical"
