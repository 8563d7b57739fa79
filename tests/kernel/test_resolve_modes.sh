#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `resolve --mode MODE` against the kernel's own conf in the same mode,
# byte for byte, with `resolve --shell` (the modes compare defaults that
# $(shell,...) probes decide):
#  - linux-6.12 with its conf, on x86_64, arm64, s390 and powerpc:
#    alldefconfig, allnoconfig, allyesconfig, allmodconfig from nothing;
#    allnoconfig with --allconfig kernel/configs/hardening.config and
#    allmodconfig with kernel/configs/debug.config (KCONFIG_ALLCONFIG for
#    conf); savedefconfig of conf's allmodconfig and of that
#    allnoconfig; listnewconfig of the arch's defconfig; on x86_64 also
#    allyesconfig and alldefconfig with Debian's amd64 and cloud configs
#    as --allconfig, olddefconfig of the defconfig and listnewconfig of
#    Debian's 6.1 amd64 config (a .config of an older kernel, what
#    listnewconfig is for); savedefconfig of each of Debian's 6.12
#    configs, amd64, arm64 and ppc64el, each on its arch;
#  - linux-6.1 with its conf, on the same four architectures:
#    alldefconfig, allnoconfig, allyesconfig, allmodconfig from nothing
#    and savedefconfig of that allmodconfig; savedefconfig of each of
#    Debian's 6.1 configs (amd64, arm64, ppc64el, s390x), each on its arch;
#  - the embedded models vfio-6.6 and vfio-proposed (copies of kconfig/,
#    which the kernel's conf parses): every mode, from nothing and with a
#    small --allconfig, savedefconfig, listnewconfig and olddefconfig of
#    conf's allmodconfig and allnoconfig; as models of 6.6 against the
#    conf of 6.1 (before 6.11 both), and with --kernel-version 6.12
#    against the conf of 6.12.
# Prints, per tree or model and mode, compared and identical; any
# mismatch fails the test, with the first differing lines.
#
# conf's results are cached in KC_KERNEL_DIR/oracle-cache as
# test_resolve_diff.sh caches them (KC_ORACLE_CACHE=0 turns that off);
# pairs run KC_JOBS (default: nproc) at a time.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"
# The cached oracle's fingerprint and no_autoconf (its main does not run).
# shellcheck source=tests/kernel/test_resolve_diff.sh
. "$HERE/test_resolve_diff.sh"

JOBS=${KC_JOBS:-$(nproc)}
ARCHES=(x86_64 arm64 s390 powerpc)
MODELS=(vfio-6.6 vfio-proposed)

# tree_of KERNEL: the tree of 6.12 or 6.1, or the copy of an embedded model.
tree_of() {
	case $1 in
	6.12) echo "$K612" ;;
	6.1) echo "$K61" ;;
	*) echo "$WORK/models/${1%@*}" ;;
	esac
}

# conf_of KERNEL: the conf that is the oracle for it.  A model stands for
# 6.6, before 6.11, whose conf behaves as 6.1's; MODEL@6.12 is read as 6.12.
conf_of() {
	case $1 in
	6.1 | vfio-6.6 | vfio-proposed) echo "$CONF61" ;;
	*) echo "$CONF" ;;
	esac
}

# conf_run KERNEL ARCH MODE ALLCONFIG INPUT OUT: what conf --MODE writes
# (the .config, the defconfig of savedefconfig, the list of
# listnewconfig) with KCONFIG_ALLCONFIG=ALLCONFIG and INPUT as .config
# (- for none), into OUT.  Cached for the kernel trees.
conf_run() {
	local kernel=$1 arch=$2 mode=$3 allconfig=$4 input=$5 out=$6
	local tree conf fpvar fp="" key dir="" scratch rc=0 cmd
	tree=$(tree_of "$kernel")
	conf=$(conf_of "$kernel")
	if [[ $kernel == 6.* && ${KC_ORACLE_CACHE:-1} != 0 ]]; then
		fpvar="MODES_FP_${kernel//./_}_$arch"
		fp=${!fpvar:-}
		[[ -n $fp ]] || fp=$(TREE=$tree ORACLE=$conf oracle_fingerprint "$arch")
		key=$({
			printf '%s\n' "$mode"
			[[ $allconfig == - ]] && echo - || { echo allconfig; cat "$allconfig"; }
			[[ $input == - ]] && echo - || { echo input; cat "$input"; }
		} | sha256sum | cut -d' ' -f1)
		dir=$ORACLE_CACHE/$fp/$arch/modes
		if [[ -f $dir/$key ]]; then
			cp "$dir/$key" "$out"
			return 0
		fi
	fi
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kc-modes.XXXXXX")
	[[ $input == - ]] || cp "$input" "$scratch/.config"
	no_autoconf "$scratch"
	cmd=("$conf")
	[[ $allconfig == - ]] || cmd=(env "KCONFIG_ALLCONFIG=$allconfig" "$conf")
	case $mode in
	savedefconfig) cmd+=("--savedefconfig=$scratch/result") ;;
	*) cmd+=("--$mode") ;;
	esac
	if [[ $mode == listnewconfig ]]; then
		(cd "$scratch" && kernel_run "$tree" "$arch" "${cmd[@]}" Kconfig) \
			>"$scratch/result" 2>"$scratch/log" || rc=$?
	else
		(cd "$scratch" && kernel_run "$tree" "$arch" "${cmd[@]}" Kconfig) \
			>"$scratch/log" 2>&1 || rc=$?
		[[ $mode == savedefconfig ]] || mv "$scratch/.config" "$scratch/result" 2>/dev/null || true
	fi
	if ((rc != 0)) || [[ ! -f $scratch/result ]]; then
		printf 'conf --%s exited %d (%s %s):\n' "$mode" "$rc" "$kernel" "$arch" >&2
		head -n 20 "$scratch/log" >&2
		rm -rf "$scratch"
		return 1
	fi
	cp "$scratch/result" "$out"
	if [[ -n $dir ]]; then
		mkdir -p "$dir"
		mv -f "$scratch/result" "$dir/$key.tmp.$$"
		mv -f "$dir/$key.tmp.$$" "$dir/$key"
	fi
	rm -rf "$scratch"
}

# ours_run KERNEL ARCH MODE ALLCONFIG INPUT OUT: the same from resolve.
ours_run() {
	local kernel=$1 arch=$2 mode=$3 allconfig=$4 input=$5 out=$6 tree scratch rc=0
	local -a args=(resolve --mode "$mode" -o "$out")
	tree=$(tree_of "$kernel")
	[[ $allconfig == - ]] || args+=(--allconfig "$allconfig")
	case $kernel in
	6.*) args+=(--srctree "$tree" --arch "$arch" --shell) ;;
	*@6.12) args+=(--model "${kernel%@*}" --kernel-version 6.12) ;;
	*) args+=(--model "$kernel") ;;
	esac
	[[ $input == - ]] || args+=("$input")
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kc-modes.XXXXXX")
	(cd "$scratch" && kernel_run "$tree" "$arch" "$KC_BIN" "${args[@]}") \
		>"$scratch/log" 2>&1 || rc=$?
	if ((rc != 0)); then
		printf 'resolve --mode %s exited %d (%s %s):\n' "$mode" "$rc" "$kernel" "$arch" >&2
		head -n 20 "$scratch/log" >&2
	fi
	rm -rf "$scratch"
	return "$rc"
}

# pair ID KERNEL ARCH MODE ALLCONFIG INPUT: both, compared; RES/ID.status
# is identical, mismatch or error, RES/ID.diff the first differences;
# conf's output is kept as IN/ID for the inputs of the second round.
pair() {
	local id=$1 kernel=$2 arch=$3 mode=$4 allconfig=$5 input=$6
	if ! conf_run "$kernel" "$arch" "$mode" "$allconfig" "$input" "$IN/$id" 2>"$RES/$id.diff"; then
		echo error >"$RES/$id.status"
		return 0
	fi
	if ! ours_run "$kernel" "$arch" "$mode" "$allconfig" "$input" "$RES/$id.ours" 2>"$RES/$id.diff"; then
		echo error >"$RES/$id.status"
	elif cmp -s "$IN/$id" "$RES/$id.ours"; then
		echo identical >"$RES/$id.status"
	else
		echo mismatch >"$RES/$id.status"
		diff "$IN/$id" "$RES/$id.ours" | head -n 20 >"$RES/$id.diff" || true
	fi
	rm -f "$RES/$id.ours"
}

# The plan: "ID KERNEL ARCH MODE ALLCONFIG INPUT" lines, the first round
# (from nothing and from allconfigs) and the second (from the first's
# results and from given .config files).
plan_first() {
	local arch m model k
	for arch in "${ARCHES[@]}"; do
		for m in alldefconfig allnoconfig allyesconfig allmodconfig; do
			echo "6.12.$arch.$m 6.12 $arch $m - -"
		done
		echo "6.12.$arch.allnoconfig+hardening 6.12 $arch allnoconfig $K612/kernel/configs/hardening.config -"
		echo "6.12.$arch.allmodconfig+debug 6.12 $arch allmodconfig $K612/kernel/configs/debug.config -"
		for m in alldefconfig allnoconfig allyesconfig allmodconfig; do
			echo "6.1.$arch.$m 6.1 $arch $m - -"
		done
	done
	echo "6.12.x86_64.allyesconfig+debian 6.12 x86_64 allyesconfig $CONFIGS/config.amd64_none_amd64 -"
	echo "6.12.x86_64.alldefconfig+cloud 6.12 x86_64 alldefconfig $CONFIGS/config.amd64_none_cloud-amd64 -"
	for model in "${MODELS[@]}"; do
		for k in "$model" "$model@6.12"; do
			for m in alldefconfig allnoconfig allyesconfig allmodconfig; do
				echo "$k.x86_64.$m $k x86_64 $m - -"
				echo "$k.x86_64.$m+vfio $k x86_64 $m $WORK/vfio.config -"
			done
		done
	done
}

plan_second() {
	local arch m model k c def
	for arch in "${ARCHES[@]}"; do
		echo "6.12.$arch.savedefconfig:allmodconfig 6.12 $arch savedefconfig - $IN/6.12.$arch.allmodconfig"
		echo "6.12.$arch.savedefconfig:allnoconfig+hardening 6.12 $arch savedefconfig - $IN/6.12.$arch.allnoconfig+hardening"
		TREE=$K612 def=$(defconfig_of "$arch")
		echo "6.12.$arch.listnewconfig:defconfig 6.12 $arch listnewconfig - $def"
		echo "6.1.$arch.savedefconfig:allmodconfig 6.1 $arch savedefconfig - $IN/6.1.$arch.allmodconfig"
	done
	TREE=$K612 def=$(defconfig_of x86_64)
	echo "6.12.x86_64.olddefconfig:defconfig 6.12 x86_64 olddefconfig - $def"
	for c in "$CONFIGS"/config.*; do
		arch=$(config_arch "$c") || fail "$c: not a Debian config name"
		echo "6.12.$arch.savedefconfig:${c##*/config.} 6.12 $arch savedefconfig - $c"
	done
	echo "6.12.x86_64.listnewconfig:6.1-amd64 6.12 x86_64 listnewconfig - $CONFIGS61/config.amd64_none_amd64"
	for c in "$CONFIGS61"/config.*; do
		arch=$(config_arch "$c") || fail "$c: not a Debian config name"
		echo "6.1.$arch.savedefconfig:${c##*/config.} 6.1 $arch savedefconfig - $c"
	done
	for model in "${MODELS[@]}"; do
		for k in "$model" "$model@6.12"; do
			for m in savedefconfig listnewconfig olddefconfig; do
				for c in allmodconfig allnoconfig; do
					echo "$k.x86_64.$m:$c $k x86_64 $m - $IN/$k.x86_64.$c"
				done
			done
		done
	done
}

main() {
	local list id kernel arch mode rest n ident bad=0 t0=$SECONDS arch_or_model
	need_trees
	need_bin
	WORK=$(mktemp -d)
	[[ ${KC_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
	export WORK IN=$WORK/in RES=$WORK/res
	mkdir -p "$IN" "$RES" "$WORK/models"
	for arch in "${ARCHES[@]}"; do
		export "MODES_FP_6_12_$arch=$(TREE=$K612 ORACLE=$CONF oracle_fingerprint "$arch")"
	done
	for arch in "${ARCHES[@]}"; do
		export "MODES_FP_6_1_$arch=$(TREE=$K61 ORACLE=$CONF61 oracle_fingerprint "$arch")"
	done
	mkdir -p "$ORACLE_CACHE"
	for m in "${MODELS[@]}"; do
		cp -r "$KC_SOURCE_DIR/kconfig/$m" "$WORK/models/$m"
		# kernel_run reads the version of a top Makefile; a model has none.
		: >"$WORK/models/$m/Makefile"
	done
	printf 'CONFIG_VFIO=m\nCONFIG_IOMMUFD=y\n# CONFIG_VFIO_NOIOMMU is not set\n' >"$WORK/vfio.config"

	list=$WORK/list
	plan_first >"$list.1"
	xargs -P "$JOBS" -L 1 bash "${BASH_SOURCE[0]}" --pair <"$list.1"
	plan_second >"$list.2"
	xargs -P "$JOBS" -L 1 bash "${BASH_SOURCE[0]}" --pair <"$list.2"
	cat "$list.1" "$list.2" >"$list"

	note "resolve --mode against conf (byte for byte):"
	while read -r kernel arch_or_model mode; do
		n=0 ident=0
		while read -r id rest; do
			n=$((n + 1))
			[[ $(cat "$RES/$id.status") == identical ]] && ident=$((ident + 1))
		done < <(awk -v k="$kernel" -v a="$arch_or_model" -v m="$mode" \
			'$2 == k && $3 == a && $4 == m' "$list")
		printf '   %-18s %-7s %-14s compared %2d, identical %2d\n' \
			"$kernel" "$arch_or_model" "$mode" "$n" "$ident"
		((ident == n)) || bad=1
	done < <(awk '{ print $2, $3, $4 }' "$list" | awk '!seen[$0]++')
	if ((bad)); then
		note "first differences (conf < > ours):"
		while read -r id rest; do
			[[ $(cat "$RES/$id.status") == identical ]] && continue
			echo "   $id: $(cat "$RES/$id.status")"
			sed 's/^/     /' "$RES/$id.diff"
		done <"$list" | head -n 120
	fi
	note "$(wc -l <"$list") comparisons in $((SECONDS - t0)) s"
	((bad == 0)) || fail "resolve --mode differs from the kernel's conf"
	note "every mode matches conf"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	case ${1:-} in
	--pair)
		shift
		pair "$@"
		;;
	*) main "$@" ;;
	esac
fi
