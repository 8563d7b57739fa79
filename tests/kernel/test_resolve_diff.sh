#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Differential test of `resolve` against the kernel's own conf (linux-6.12,
# built by setup.sh), on x86_64, arm64 and s390; with KC_DIFF_KERNEL=6.1,
# against linux-6.1's conf on its tree.  ctest runs it as shards
# (tests/CMakeLists.txt): the default plan below on 6.12, per arch (x86_64,
# arm64, s390), and on 6.1 (x86_64, arm64, s390, powerpc), Debian's configs
# of the architectures other than x86_64 in a shard of their own per tree
# ("debian": arm64 and powerpc on 6.12, arm64, powerpc and s390 on 6.1);
# and the defconfig and allmodconfig of every 6.12 architecture.  Each prints "compared N, identical M" per tree
# and arch.
#
# Inputs, per ARCH:
#   bases      Debian's configs of the tree's version for ARCH (setup.sh):
#              amd64 none, cloud, rt on x86_64; arm64 none, 16k (6.12),
#              cloud, rt on arm64; ppc64el none and 64k (6.12) on powerpc;
#              s390x none on s390, 6.1 only (Debian 12 has no 6.12 kernel
#              for s390x);
#              every ARCH: conf --allyesconfig, --allmodconfig,
#              --alldefconfig, --allnoconfig, and --randconfig with fixed
#              KCONFIG_SEED values;
#   perturbed  each base damaged by KC_PERTURB (tests/kernel/perturb.c)
#              with fixed seeds: values flipped, dropped, corrupted,
#              assigned twice, unknown symbols, malformed lines, CRLF, no
#              final newline.  20 seeds a base on x86_64 (200 inputs; the
#              ctest shard asks for 8, 80 inputs), 5 on
#              the others (30 each), and 2 for each Debian config of an
#              ARCH other than x86_64 (KC_DIFF_DEBIAN_SEEDS).
# For each input, conf --olddefconfig (INPUT copied to .config in a scratch
# directory) is the oracle, and in the same environment (lib.sh kernel_run):
#   1. `resolve --shell INPUT` must be byte-identical to conf's .config
#      (every base, and the first KC_DIFF_SHELL_SEEDS perturbed copies of
#      each, default 2: the probes give the same values whatever the
#      input, and cost ~2 s a run);
#   2. `resolve INPUT` (no --shell) may differ only because of build-machine
#      values: every differing line is classified as a symbol our `dump`
#      marks build_machine, or as derived (another symbol, or a menu
#      comment, whose value or visibility follows from those), and the rule
#      asserted is: resolving INPUT with the build-machine symbols set to
#      the values conf computed on this machine (their lines taken out of
#      INPUT, conf's lines for them appended) gives conf's .config byte for
#      byte.  So a derived difference passes only if the build-machine
#      values alone explain it.
# Any mismatch fails the test; the counts and the first mismatches are
# printed.
#
# conf costs ~1.8 s a run (its $(shell,...) probes) and so does
# `resolve --shell`, so inputs run KC_JOBS (default: nproc) at a time, and
# conf's results are cached in KC_KERNEL_DIR/oracle-cache, keyed by the
# input, the conf binary, the tree, the environment and the toolchain's
# identity: a second build sharing KC_KERNEL_DIR (the ASan suite) and
# test_check_diff.sh reuse them.  KC_ORACLE_CACHE=0 turns the cache off.
# KC_DIFF_ONLY=REGEX keeps the inputs whose "ARCH ID" matches (debugging).
# KC_QUICK=1 takes 4 seeds a base on x86_64 and 2 elsewhere (64 perturbed
# inputs in all); it is the default in the sanitizer build (KC_SANITIZE=1),
# where our binary is slower and the same code paths are what matters;
# KC_QUICK=0 there asks for all of them.
#
# test_check_diff.sh sources this file for the input plan, the cached
# oracle and the .config reader; main runs only when it is executed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

# The tree and its oracle: KC_DIFF_KERNEL=6.12 (default) or 6.1.  The shards
# ctest runs (tests/CMakeLists.txt) set it, KC_DIFF_ARCHES (a blank-separated
# list) and KC_DIFF_BASES (the bases of every ARCH; "debian" stands for
# Debian's configs of the tree's version for that ARCH, and "defconfig"
# for the arch's KBUILD_DEFCONFIG) and KC_DIFF_SEEDS (perturbed copies a
# base; default 20 on x86_64, 5 elsewhere, and KC_DIFF_DEBIAN_SEEDS, 2,
# for a Debian config of another ARCH than x86_64).
DIFF_KERNEL=${KC_DIFF_KERNEL:-6.12}
case $DIFF_KERNEL in
6.12) TREE=$K612 ORACLE=$CONF ORACLE_SYMBOLS=$HARNESS DEBIAN_CONFIGS=$CONFIGS ;;
6.1) TREE=$K61 ORACLE=$CONF61 ORACLE_SYMBOLS=$HARNESS61 DEBIAN_CONFIGS=$CONFIGS61 ;;
*) fail "KC_DIFF_KERNEL must be 6.12 or 6.1, not '$DIFF_KERNEL'" ;;
esac
read -ra DIFF_ARCHES <<<"${KC_DIFF_ARCHES:-x86_64 arm64 s390}"
read -ra DIFF_BASES <<<"${KC_DIFF_BASES:-debian allyes allmod alldef allno rand}"
RAND_SEEDS=(0x1 0x2a 0x5eed)
JOBS=${KC_JOBS:-$(nproc)}
ORACLE_CACHE=$KC_KERNEL_DIR/oracle-cache

# ---------------------------------------------------------------- the plan

# debian_bases ARCH: "debian-NAME" for each of Debian's configs of the
# tree's version for ARCH (config.NAME), one a line.  Only 6.12 on s390
# has none; anywhere else none means setup.sh did not fetch them.
debian_bases() {
	local names n
	names=$(debian_config_names "$DEBIAN_CONFIGS" "$1")
	if [[ -z $names ]]; then
		[[ $DIFF_KERNEL == 6.12 && $1 == s390 ]] ||
			fail "no Debian config of linux-$DIFF_KERNEL for $1 in $DEBIAN_CONFIGS; run tests/kernel/setup.sh"
		return 0
	fi
	for n in $names; do echo "debian-$n"; done
}

# bases_of ARCH: the base names for ARCH, one a line.  Debian's configs
# come first on x86_64 and last elsewhere, where they came later.
bases_of() {
	local b s debian=""
	for b in "${DIFF_BASES[@]}"; do
		case $b in
		debian)
			debian=$(debian_bases "$1")
			[[ $1 == x86_64 ]] || continue
			echo "$debian"
			debian=""
			;;
		rand)
			for s in "${RAND_SEEDS[@]:0:$([[ $1 == x86_64 ]] && echo 3 || echo 2)}"; do
				echo "rand-$s"
			done
			;;
		*) echo "$b" ;;
		esac
	done
	[[ -z $debian ]] || echo "$debian"
}

# defconfig_of ARCH: the tree's default configuration file for ARCH:
# configs/ARCH_defconfig or configs/defconfig, else the file the arch
# Makefile's KBUILD_DEFCONFIG names, else (when that one is made by merging
# fragments, as on mips and powerpc) generic_defconfig or the first of
# configs/ by name.
defconfig_of() {
	local dir f name
	dir=$TREE/arch/$(srcarch_of "$1")
	for f in "$dir/configs/${1}_defconfig" "$dir/configs/defconfig"; do
		[[ -f $f ]] && { echo "$f"; return 0; }
	done
	name=$(sed -n 's/^[[:space:]]*KBUILD_DEFCONFIG[[:space:]]*[:?]*=[[:space:]]*//p' \
		"$dir/Makefile" 2>/dev/null | head -n 1)
	for f in "$dir/configs/$name" "$dir/configs/generic_defconfig" \
		"$dir/configs/${1}_defconfig"; do
		[[ -n $name && -f $f ]] && { echo "$f"; return 0; }
	done
	f=$(find "$dir/configs" -maxdepth 1 -name '*defconfig' -type f | LC_ALL=C sort | head -n 1)
	[[ -n $f ]] || return 1
	echo "$f"
}

# quick: KC_QUICK=1 asks for fewer inputs; unset, the sanitizer build
# (KC_SANITIZE=1, from tests/CMakeLists.txt) takes fewer.
quick() {
	[[ ${KC_QUICK:-${KC_SANITIZE:-0}} == 1 ]]
}

# seeds_per_base ARCH BASE: how many perturbed copies of BASE.
seeds_per_base() {
	if [[ -n ${KC_DIFF_SEEDS:-} ]]; then
		echo "$KC_DIFF_SEEDS"
	elif [[ $1 != x86_64 && $2 == debian-* ]]; then
		echo "${KC_DIFF_DEBIAN_SEEDS:-2}"
	elif quick; then
		[[ $1 == x86_64 ]] && echo 4 || echo 2
	else
		[[ $1 == x86_64 ]] && echo 20 || echo 5
	fi
}

# perturb_seed ARCH BASE_INDEX I: the fixed KC_PERTURB seed of one copy.
perturb_seed() {
	local a
	case $1 in x86_64) a=1 ;; arm64) a=2 ;; *) a=3 ;; esac
	echo $((a * 100000 + $2 * 1000 + $3 + 1))
}

# ------------------------------------------------------- the cached oracle

# oracle_fingerprint ARCH: what conf's output depends on besides its input:
# conf itself, the tree, the environment kernel_run gives it, and the
# identity of the tools its $(shell,...) probes run.
oracle_fingerprint() {
	local arch=$1 t p
	kernel_env "$TREE" "$arch"
	{
		sha256sum "$ORACLE" | cut -d' ' -f1
		cat "$TREE/.stamp"
		printf '%s\n' "${KERNEL_ENV[@]}"
		for t in gcc "$(gcc -print-prog-name=cc1)" as ld ld.lld clang rustc \
			bindgen pahole objcopy objdump nm ar readelf strip python3 \
			perl sh; do
			p=$(type -P "$t" 2>/dev/null) || p=$(type -P "$(basename "$t")" 2>/dev/null) ||
				{ echo "no $t"; continue; }
			stat -L -c '%n %s %Y %i' "$p"
		done
	} | sha256sum | cut -d' ' -f1
}

# oracle_prepare: fingerprints of every ARCH into the environment, so the
# jobs this script starts need not compute them again.
oracle_prepare() {
	local arch
	for arch in "${DIFF_ARCHES[@]}"; do
		export "ORACLE_FP_$arch=$(oracle_fingerprint "$arch")"
	done
	mkdir -p "$ORACLE_CACHE"
	# Results for another conf or toolchain are kept a day, then pruned.
	find "$ORACLE_CACHE" -mindepth 1 -maxdepth 1 -type d -mtime +1 \
		-exec rm -rf {} + 2>/dev/null || true
}

# no_autoconf DIR: an include/config/auto.conf in DIR, as in a tree built
# before, so that conf does not write include/ (a file for each of ~10,000
# symbols, a second of system time in a fresh directory).  The .config it
# writes is the same.
no_autoconf() {
	mkdir -p "$1/include/config"
	: >"$1/include/config/auto.conf"
}

# oracle_conf ARCH MODE SEED INPUT OUT: the .config conf --MODE writes
# starting from INPUT (- for none), with KCONFIG_SEED=SEED unless SEED is
# -, into OUT.  Cached; conf's messages go to OUT.log.
oracle_conf() {
	local arch=$1 mode=$2 seed=$3 input=$4 out=$5 fpvar="ORACLE_FP_$1"
	local fp=${!fpvar:-} key dir scratch rc=0 cmd=("$ORACLE")
	[[ -n $fp ]] || fp=$(oracle_fingerprint "$arch")
	key=$({ printf '%s\n' "$mode" "$seed"; [[ $input == - ]] || cat "$input"; } |
		sha256sum | cut -d' ' -f1)
	dir=$ORACLE_CACHE/$fp/$arch
	if [[ ${KC_ORACLE_CACHE:-1} != 0 && -f $dir/$key.config ]]; then
		cp "$dir/$key.config" "$out"
		: >"$out.log"
		return 0
	fi
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kc-conf.XXXXXX")
	[[ $input == - ]] || cp "$input" "$scratch/.config"
	no_autoconf "$scratch"
	[[ $seed == - ]] || cmd=(env "KCONFIG_SEED=$seed" "$ORACLE")
	(cd "$scratch" && kernel_run "$TREE" "$arch" "${cmd[@]}" "--$mode" Kconfig) \
		>"$out.log" 2>&1 || rc=$?
	if ((rc != 0)) || [[ ! -f $scratch/.config ]]; then
		rm -rf "$scratch"
		printf 'conf --%s exited %d on %s:\n' "$mode" "$rc" "$input" >&2
		head -n 20 "$out.log" >&2
		return 1
	fi
	cp "$scratch/.config" "$out"
	if [[ ${KC_ORACLE_CACHE:-1} != 0 ]]; then
		mkdir -p "$dir"
		cp "$scratch/.config" "$scratch/cache.tmp"
		mv -f "$scratch/cache.tmp" "$dir/$key.config"
	fi
	rm -rf "$scratch"
}

# oracle_types ARCH OUT: "NAME TYPE" of every symbol the kernel's parser
# knows for ARCH (bin/kconfig-symbols, or bin/kconfig-symbols-6.1 on the 6.1
# tree), cached like conf's results.
oracle_types() {
	local arch=$1 out=$2 fpvar="ORACLE_FP_$1" fp dir scratch
	fp=${!fpvar:-}
	[[ -n $fp ]] || fp=$(oracle_fingerprint "$arch")
	dir=$ORACLE_CACHE/$fp/$arch
	if [[ ${KC_ORACLE_CACHE:-1} != 0 && -f $dir/types ]]; then
		cp "$dir/types" "$out"
		return 0
	fi
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kc-types.XXXXXX")
	(cd "$scratch" && kernel_run "$TREE" "$arch" "$ORACLE_SYMBOLS" Kconfig raw) \
		>"$scratch/log" 2>&1 || {
		cat "$scratch/log" >&2
		rm -rf "$scratch"
		return 1
	}
	cut -d' ' -f1,2 "$scratch/raw" | LC_ALL=C sort >"$out"
	if [[ ${KC_ORACLE_CACHE:-1} != 0 ]]; then
		mkdir -p "$dir"
		cp "$out" "$scratch/types.tmp"
		mv -f "$scratch/types.tmp" "$dir/types"
	fi
	rm -rf "$scratch"
}

# ------------------------------------------------------------- the inputs

# make_base ARCH BASE OUT: the unperturbed input named BASE.
make_base() {
	local arch=$1 base=$2 out=$3
	case $base in
	debian-*) cp "$DEBIAN_CONFIGS/config.${base#debian-}" "$out" ;;
	defconfig)
		oracle_conf "$arch" "defconfig=$(defconfig_of "$arch")" - - "$out" ;;
	rand-*) oracle_conf "$arch" randconfig "${base#rand-}" - "$out" ;;
	all*) oracle_conf "$arch" "${base}config" - - "$out" ;;
	*) fail "unknown base $base" ;;
	esac
}

# make_inputs DIR LIST [MAX_SEEDS]: the bases and their perturbed copies of
# every ARCH into DIR/ARCH.ID.config, "ARCH ID PATH" lines into LIST (bases
# first).  MAX_SEEDS, when given, caps the copies a base (a sample).
make_inputs() {
	local dir=$1 list=$2 max=${3:-} arch base i n bi di si path
	local -a bases
	mkdir -p "$dir"
	: >"$list"
	for arch in "${DIFF_ARCHES[@]}"; do
		# Fails here, not in the process substitution, when Debian's
		# configs of ARCH are missing.
		[[ " ${DIFF_BASES[*]} " != *" debian "* ]] || debian_bases "$arch" >/dev/null
		[[ $DIFF_KERNEL != 6.12 || $arch != s390 || " ${DIFF_BASES[*]} " != *" debian "* ]] ||
			note "s390: no Debian config of linux-6.12 (Debian 12 has no 6.12 kernel for s390x)"
		mapfile -t bases < <(bases_of "$arch")
		# The conf runs that make the bases, two at a time.
		printf '%s\n' "${bases[@]}" | xargs -P "$JOBS" -I{} \
			bash "${BASH_SOURCE[0]}" --make-base "$arch" {} "$dir/$arch.{}.config"
		for base in "${bases[@]}"; do
			[[ -s $dir/$arch.$base.config ]] || fail "no base $arch $base"
			echo "$arch $base $dir/$arch.$base.config" >>"$list"
		done
		bi=0
		di=50
		for base in "${bases[@]}"; do
			n=$(seeds_per_base "$arch" "$base")
			[[ -z $max ]] || ((n <= max)) || n=$max
			# Debian's configs of the other ARCHes count from 50, so
			# their copies are the same whatever other bases run.
			if [[ $arch != x86_64 && $base == debian-* ]]; then
				si=$di
				di=$((di + 1))
			else
				si=$bi
				bi=$((bi + 1))
			fi
			for ((i = 0; i < n; i++)); do
				path=$dir/$arch.$base.p$i.config
				"$KC_PERTURB" "$(perturb_seed "$arch" "$si" "$i")" \
					<"$dir/$arch.$base.config" >"$path" ||
					fail "$KC_PERTURB failed on $arch $base"
				echo "$arch $base.p$i $path" >>"$list"
			done
		done
	done
}

# only_inputs LIST: with KC_DIFF_ONLY set (an extended regex), keep only
# the "ARCH ID" lines of LIST it matches: for a closer look at a few.
only_inputs() {
	[[ -n ${KC_DIFF_ONLY:-} ]] || return 0
	grep -E -- "$KC_DIFF_ONLY" "$1" >"$1.only" || fail "KC_DIFF_ONLY='$KC_DIFF_ONLY' matches no input"
	mv "$1.only" "$1"
	note "KC_DIFF_ONLY='$KC_DIFF_ONLY': $(wc -l <"$1") inputs"
}

# need_perturb: the generator, built by cmake (tests/CMakeLists.txt).
need_perturb() {
	[[ -n ${KC_PERTURB:-} && -x $KC_PERTURB ]] ||
		fail "KC_PERTURB='${KC_PERTURB:-}' is not an executable; build the project first"
}

# ------------------------------------------------------ the .config reader

# The kernel's reading of a .config (scripts/kconfig/confdata.c,
# conf_read_simple and conf_set_sym_val, Linux 6.12), in awk, over TYPES
# ("NAME TYPE" lines) and a .config:
#  - '\r' is stripped only before '\n' (a last line without '\n' keeps it);
#  - "# CONFIG_NAME is not set", exactly, assigns "n" (6.1's conf, -v
#    loose=1: any text may follow it); other '#' lines and empty lines are
#    nothing; any other line not "CONFIG_NAME=VALUE" is ignored (a warning);
#  - NAME must be a symbol of the tree: an unknown name, or a symbol of type
#    unknown (only referenced), assigns nothing;
#  - tristate: VALUE's first character m, y or n; bool: y or n; anything
#    else is invalid and ignored;
#  - string: VALUE must start with '"' (else ignored); backslash takes the
#    next character literally; the value ends at the next '"' and what
#    follows it is ignored; no closing '"' is invalid;
#  - int: optional '-', then digits with no leading zero (0 alone is
#    fine); hex: optional 0x or 0X, then one or more hex digits; the
#    text is kept as written;
#  - the last valid assignment of a symbol wins; an invalid one leaves the
#    earlier value.
# Prints "NAME<TAB>TYPE<TAB>VALUE" for every symbol validly assigned.
# -v lastnl=0 says the file does not end with '\n'.
# shellcheck disable=SC2016 # an awk program: its $ are awk's
KCONFIG_READ_AWK='
function valid_int(s,   i, c) {
	i = 1
	if (substr(s, 1, 1) == "-") i = 2
	c = substr(s, i, 1)
	if (c !~ /^[0-9]$/) return 0
	if (c == "0" && length(s) > i) return 0
	return substr(s, i + 1) ~ /^[0-9]*$/
}
function valid_hex(s) {
	if (substr(s, 1, 2) == "0x" || substr(s, 1, 2) == "0X") s = substr(s, 3)
	return s ~ /^[0-9a-fA-F]+$/
}
# decode_string: the value of "...", or "\001" when invalid.
function decode_string(s,   out, i, c, n) {
	n = length(s)
	out = ""
	for (i = 2; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") return out
		if (c == "\\") {
			if (i == n) return "\001"
			i++
			c = substr(s, i, 1)
		}
		out = out c
	}
	return "\001"
}
NR == FNR { type[$1] = $2; next }
{ line[++nlines] = $0 }
END {
	for (k = 1; k <= nlines; k++) {
		l = line[k]
		if ((k < nlines || lastnl) && substr(l, length(l), 1) == "\r")
			l = substr(l, 1, length(l) - 1)
		if (l == "") continue
		if (substr(l, 1, 1) == "#") {
			if (substr(l, 1, 9) != "# CONFIG_") continue
			rest = substr(l, 10)
			sp = index(rest, " ")
			if (!sp) continue
			tail = substr(rest, sp + 1)
			if (loose) tail = substr(tail, 1, 10)
			if (tail != "is not set") continue
			name = substr(rest, 1, sp - 1)
			val = "n"
		} else {
			if (substr(l, 1, 7) != "CONFIG_") continue
			rest = substr(l, 8)
			eq = index(rest, "=")
			if (!eq) continue
			name = substr(rest, 1, eq - 1)
			val = substr(rest, eq + 1)
		}
		if (!(name in type)) continue
		t = type[name]
		c = substr(val, 1, 1)
		if (t == "tristate" || t == "bool") {
			if (c == "y" || c == "n" || (c == "m" && t == "tristate"))
				value[name] = c
		} else if (t == "string") {
			if (c != "\"") continue
			v = decode_string(val)
			if (v != "\001") value[name] = v
		} else if (t == "int") {
			if (valid_int(val)) value[name] = val
		} else if (t == "hex") {
			if (valid_hex(val)) value[name] = val
		}
	}
	for (name in value) printf "%s\t%s\t%s\n", name, type[name], value[name]
}'

# kconfig_values TYPES FILE: the values the kernel of DIFF_KERNEL reads from
# FILE, sorted "NAME<TAB>TYPE<TAB>VALUE" lines (see KCONFIG_READ_AWK).
kconfig_values() {
	local lastnl=1 loose=0
	[[ ! -s $2 || $(tail -c 1 "$2" | od -An -c | tr -d ' ') == '\n' ]] || lastnl=0
	[[ $DIFF_KERNEL != 6.1 ]] || loose=1
	LC_ALL=C awk -v lastnl="$lastnl" -v loose="$loose" "$KCONFIG_READ_AWK" "$1" "$2" |
		LC_ALL=C sort
}

# config_names FILE: the symbol names on the lines of a .config the kernel
# writes (assignments and "is not set"), one a line, in order.
config_names() {
	sed -n -e 's/^CONFIG_\([^=]*\)=.*/\1/p' \
		-e 's/^# CONFIG_\([^ ]*\) is not set$/\1/p' "$1"
}

# ------------------------------------------------------------------ a job

# with_build_machine_values INPUT EXPECTED BM OUT: INPUT with its lines for
# the symbols named in BM taken out and conf's lines for them (from
# EXPECTED) appended.  A last line without '\n' that ends in '\r' gets a
# blank before the added '\n', so the kernel reads it as before (it strips
# '\r' only before '\n').
with_build_machine_values() {
	local input=$1 expected=$2 bm=$3 out=$4 lastnl=1
	[[ ! -s $input || $(tail -c 1 "$input" | od -An -c | tr -d ' ') == '\n' ]] ||
		lastnl=0
	LC_ALL=C awk -v lastnl="$lastnl" '
		NR == FNR { bm[$1] = 1; next }
		{
			name = ""
			if (substr($0, 1, 9) == "# CONFIG_") {
				name = substr($0, 10); sub(/ .*/, "", name)
			} else if (substr($0, 1, 7) == "CONFIG_") {
				name = substr($0, 8); sub(/=.*/, "", name)
			}
			if (!(name in bm)) print
		}' "$bm" "$input" >"$out.body"
	# awk ended every line with '\n'; the kernel read INPUT's last line
	# without one, which only matters when it ends in '\r'.
	if ((lastnl == 0)) && [[ $(tail -c 2 "$out.body" | od -An -c | tr -d ' ') == '\r\n' ]]; then
		truncate -s -1 "$out.body"
		printf ' \n' >>"$out.body"
	fi
	{
		cat "$out.body"
		LC_ALL=C awk 'NR == FNR { bm[$1] = 1; next }
			/^CONFIG_/ { n = substr($0, 8); sub(/=.*/, "", n); if (n in bm) print; next }
			/^# CONFIG_.* is not set$/ { n = substr($0, 10); sub(/ .*/, "", n); if (n in bm) print }' \
			"$bm" "$expected"
	} >"$out"
	rm -f "$out.body"
}

# diff_names A B: the names on the symbol lines that differ between the
# .config files A and B, sorted, each once.
diff_names() {
	{ diff "$1" "$2" || true; } | sed -n 's/^[<>] //p' | sed -n \
		-e 's/^CONFIG_\([^=]*\)=.*/\1/p' \
		-e 's/^# CONFIG_\([^ ]*\) is not set$/\1/p' | LC_ALL=C sort -u
}

# diff_other_lines A B: the differing lines that are not symbol lines
# (menu comments, blank lines), with their side.
diff_other_lines() {
	{ diff "$1" "$2" || true; } | grep -E '^[<>] ' |
		grep -vE '^[<>] (CONFIG_[^=]*=|# CONFIG_[^ ]* is not set$)' || true
}

# with_shell ID: whether the input ID ("ARCH BASE" or "ARCH BASE.pI") is
# compared with --shell too: every base, and the first SHELL_SEEDS
# perturbed copies of each (KC_DIFF_SHELL_SEEDS, default 2).  --shell costs
# the $(shell,...) probes again (~2 s); they give the same values whatever
# the input, and the copies past those are compared without --shell,
# where the same evaluator reads them and build-machine values must
# explain every difference.
with_shell() {
	local i
	[[ $1 =~ \.p([0-9]+)$ ]] || return 0
	i=${BASH_REMATCH[1]}
	((i < ${KC_DIFF_SHELL_SEEDS:-2}))
}

# job ARCH ID INPUT RES: the comparisons for one input; results into RES/ID.*
#   ID.shell     identical | mismatch | error
#   ID.noshell   identical | explained | unexplained | error
#   ID.bm, ID.derived, ID.other   differing build-machine symbols, other
#                symbols, other lines in the no-shell output
#   ID.unexplained   the symbols that still differ with conf's build-machine
#                values substituted
job() {
	local arch=$1 id=$2 input=$3 res=$4 w rc same
	w=$res/$id.d
	mkdir -p "$w/cwd"
	oracle_conf "$arch" olddefconfig - "$input" "$w/conf.config" 2>"$w/conf.err" || {
		echo error >"$res/$id.shell"
		echo error >"$res/$id.noshell"
		cp "$w/conf.err" "$res/$id.err"
		return 0
	}
	rc=0
	if ! with_shell "$id"; then
		echo skipped >"$res/$id.shell"
	elif ! (cd "$w/cwd" && kernel_run "$TREE" "$arch" "$KC_BIN" resolve --srctree "$TREE" \
		--arch "$arch" --shell "$input" -o "$w/shell.config") >"$w/shell.log" 2>&1; then
		echo error >"$res/$id.shell"
		{ echo "resolve --shell failed:"; head -n 20 "$w/shell.log"; } >"$res/$id.shell.err"
	elif [[ ! -f $w/shell.config ]]; then
		echo error >"$res/$id.shell"
		{ echo "resolve --shell wrote no .config:"; head -n 20 "$w/shell.log"; } >"$res/$id.shell.err"
	elif cmp -s "$w/conf.config" "$w/shell.config"; then
		echo identical >"$res/$id.shell"
	else
		echo mismatch >"$res/$id.shell"
		diff "$w/conf.config" "$w/shell.config" | head -n 20 >"$res/$id.shell.diff" || true
	fi

	rc=0
	(cd "$w/cwd" && kernel_run "$TREE" "$arch" "$KC_BIN" resolve --srctree "$TREE" \
		--arch "$arch" "$input" -o "$w/noshell.config") \
		>"$w/noshell.log" 2>&1 || rc=$?
	if ((rc != 0)) || [[ ! -f $w/noshell.config ]]; then
		echo error >"$res/$id.noshell"
		{ echo "resolve exited $rc:"; head -n 20 "$w/noshell.log"; } >"$res/$id.noshell.err"
		rm -rf "$w"
		return 0
	fi
	if cmp -s "$w/conf.config" "$w/noshell.config"; then
		echo identical >"$res/$id.noshell"
		rm -rf "$w"
		return 0
	fi
	diff_names "$w/conf.config" "$w/noshell.config" >"$w/names"
	LC_ALL=C join "$w/names" "$res/bm.$arch" >"$res/$id.bm" || true
	LC_ALL=C join -v 1 "$w/names" "$res/bm.$arch" >"$res/$id.derived" || true
	diff_other_lines "$w/conf.config" "$w/noshell.config" >"$res/$id.other"
	# The rule: with conf's build-machine values, no difference is left.
	with_build_machine_values "$input" "$w/conf.config" "$res/bm.$arch" "$w/subst.input"
	rc=0
	(cd "$w/cwd" && kernel_run "$TREE" "$arch" "$KC_BIN" resolve --srctree "$TREE" \
		--arch "$arch" "$w/subst.input" -o "$w/subst.config") \
		>"$w/subst.log" 2>&1 || rc=$?
	if ((rc == 0)) && cmp -s "$w/conf.config" "$w/subst.config"; then
		echo explained >"$res/$id.noshell"
	else
		echo unexplained >"$res/$id.noshell"
		diff_names "$w/conf.config" "$w/subst.config" >"$res/$id.unexplained"
		# The substituted input must mean the same to conf, or the
		# difference is the test's; conf says (one more run, only here).
		if oracle_conf "$arch" olddefconfig - "$w/subst.input" "$w/conf2.config" \
			2>/dev/null && cmp -s "$w/conf.config" "$w/conf2.config"; then
			same="yes"
		else
			same="NO: the substitution changed the input's meaning, a bug in this test"
		fi
		{
			echo "no --shell, differing symbols not marked build_machine:" \
				"$(tr '\n' ' ' <"$res/$id.derived")"
			echo "conf gives the same .config for the substituted input: $same"
			echo "with conf's build-machine values substituted (resolve exit $rc):"
			diff "$w/conf.config" "$w/subst.config" 2>&1 | head -n 20 || true
		} >"$res/$id.noshell.diff"
	fi
	rm -rf "$w"
}

# ------------------------------------------------------------- reporting

# show_first STATUS_SUFFIX VALUE DETAIL_SUFFIX LIST: the first 5 inputs of
# LIST whose RES/ID.STATUS_SUFFIX is VALUE, with their DETAIL files.
show_first() {
	local res=$1 kind=$2 want=$3 list=$4 arch id path shown=0 f
	while read -r arch id path; do
		[[ $(cat "$res/$arch.$id.$kind") == "$want" ]] || continue
		echo "   $arch $id ($path):"
		for f in "$res/$arch.$id.$kind.diff" "$res/$arch.$id.$kind.err" "$res/$arch.$id.err"; do
			[[ -f $f ]] && sed 's/^/     /' "$f"
		done
		shown=$((shown + 1))
		((shown < 5)) || break
	done <"$list"
}

# tally RES SUFFIX N: the N most frequent lines of the RES/*.SUFFIX files,
# each with the number of inputs it came from; nothing when there are none
# (every input identical).
tally() {
	local -a files
	files=("$1"/*."$2")
	[[ -e ${files[0]} ]] || return 0
	cat "${files[@]}" | sort | uniq -c | sort -rn | head -n "$3" | sed 's/^/   /' || true
}

count_of() {
	local res=$1 kind=$2 want=$3 arch=${4:-}
	cat "$res"/${arch:+$arch.}*."$kind" 2>/dev/null | grep -cx "$want" || true
}

main() {
	local res arch n ident bad=0 t0 explained unexplained
	need_tools jq:jq awk:mawk xargs:findutils od:coreutils
	need_trees
	need_bin
	need_perturb
	[[ $JOBS =~ ^[1-9][0-9]*$ ]] || fail "KC_JOBS must be a positive number"
	WORK=$(mktemp -d)
	[[ ${KC_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
	res=$WORK/res
	mkdir -p "$res"
	t0=$SECONDS
	oracle_prepare
	for arch in "${DIFF_ARCHES[@]}"; do
		"$KC_BIN" dump --srctree "$TREE" --arch "$arch" -o "$WORK/dump.$arch.json" \
			2>"$WORK/dump.err" || { head -n 20 "$WORK/dump.err" >&2; fail "dump failed for $arch"; }
		jq -r '.symbols[] | select(.build_machine) | .name' "$WORK/dump.$arch.json" |
			LC_ALL=C sort -u >"$res/bm.$arch"
		rm -f "$WORK/dump.$arch.json"
		note "$arch: $(wc -l <"$res/bm.$arch") symbols marked build_machine by our dump"
	done
	! quick || note "quick: fewer perturbed inputs (KC_QUICK=${KC_QUICK:-unset}, KC_SANITIZE=${KC_SANITIZE:-unset})"
	make_inputs "$WORK/in" "$WORK/list"
	only_inputs "$WORK/list"
	note "$(wc -l <"$WORK/list") inputs ($(grep -c '\.p[0-9]' "$WORK/list") perturbed)," \
		"$JOBS at a time; bases made in $((SECONDS - t0)) s"
	awk '{ print $1, $2, $3 }' "$WORK/list" | xargs -P "$JOBS" -n 3 \
		bash "${BASH_SOURCE[0]}" --job "$res"

	note "resolve --shell against conf --olddefconfig (byte for byte; every base and" \
		"the first ${KC_DIFF_SHELL_SEEDS:-2} perturbed copies of each):"
	for arch in "${DIFF_ARCHES[@]}"; do
		n=$(grep -c "^$arch " "$WORK/list" || true)
		((n > 0)) || continue
		n=$((n - $(count_of "$res" shell skipped "$arch")))
		ident=$(count_of "$res" shell identical "$arch")
		printf '   linux-%s %-10s compared %d, identical %d, %d mismatches, %d errors\n' \
			"$DIFF_KERNEL" "$arch" "$n" "$ident" "$(count_of "$res" shell mismatch "$arch")" \
			"$(count_of "$res" shell error "$arch")"
		((ident == n)) || bad=1
	done
	if ((bad)); then
		note "first mismatching inputs (conf < > ours, first 20 diff lines):"
		show_first "$res" shell mismatch "$WORK/list"
		show_first "$res" shell error "$WORK/list"
	fi

	note "resolve without --shell against conf --olddefconfig:"
	for arch in "${DIFF_ARCHES[@]}"; do
		n=$(grep -c "^$arch " "$WORK/list" || true)
		((n > 0)) || continue
		ident=$(count_of "$res" noshell identical "$arch")
		explained=$(count_of "$res" noshell explained "$arch")
		unexplained=$(count_of "$res" noshell unexplained "$arch")
		printf '   %-7s %4d inputs, %4d identical, %4d differ only by build-machine values, %4d other, %d errors\n' \
			"$arch" "$n" "$ident" "$explained" "$unexplained" \
			"$(count_of "$res" noshell error "$arch")"
		((ident + explained == n)) || bad=1
	done
	note "differing build-machine symbols (inputs where each differs):"
	tally "$res" bm 20
	note "differing symbols derived from them (not marked build_machine):"
	tally "$res" derived 30
	note "differing non-symbol lines (menu comments):"
	tally "$res" other 10
	if (($(count_of "$res" noshell unexplained) + $(count_of "$res" noshell error) > 0)); then
		note "symbols that differ even with conf's build-machine values (inputs where each does):"
		tally "$res" unexplained 30
		note "first inputs with differences build-machine values do not explain:"
		show_first "$res" noshell unexplained "$WORK/list"
		show_first "$res" noshell error "$WORK/list"
	fi
	note "done in $((SECONDS - t0)) s"
	((bad == 0)) || fail "resolve differs from the kernel's conf"
	note "resolve matches conf on every input"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	case ${1:-} in
	--job)
		shift
		res=$1 && shift
		job "$1" "$1.$2" "$3" "$res"
		;;
	--make-base) make_base "$2" "$3" "$4" ;;
	*) main "$@" ;;
	esac
fi
