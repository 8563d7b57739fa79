# shellcheck shell=bash disable=SC2034 # paths set here are used by the sourcing scripts
# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers for tests/kernel/*.sh and bench/bench_parse.sh (sourced).
#
# The kernel tests run our binary against Debian's real kernel trees, which
# tests/kernel/setup.sh fetches into KC_KERNEL_DIR, and use the kernel's own
# scripts/kconfig (built there at test time, never committed) as the oracle.
# The scripts get KC_BIN, KC_SOURCE_DIR, KC_BUILD_DIR and KC_KERNEL_DIR from
# ctest (tests/CMakeLists.txt).

: "${KC_KERNEL_DIR:?KC_KERNEL_DIR is not set (ctest sets it; see tests/CMakeLists.txt)}"

K612=$KC_KERNEL_DIR/linux-6.12
K61=$KC_KERNEL_DIR/linux-6.1
CONFIGS=$KC_KERNEL_DIR/configs
IMAGE612=$KC_KERNEL_DIR/image-6.12
CONF=$KC_KERNEL_DIR/bin/conf
CONF61=$KC_KERNEL_DIR/bin/conf-6.1
CONFIGS61=$KC_KERNEL_DIR/configs-6.1
HARNESS=$KC_KERNEL_DIR/bin/kconfig-symbols
HARNESS61=$KC_KERNEL_DIR/bin/kconfig-symbols-6.1
HEADERS612=$KC_KERNEL_DIR/headers-6.12

# fail MESSAGE...: report a failed check and stop the script.
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# note MESSAGE...: progress and results, on stdout so ctest shows them.
note() {
	printf -- '-- %s\n' "$*"
}

# need_tools TOOL:PACKAGE...: fail naming the Debian packages of missing tools.
need_tools() {
	local spec missing=()
	for spec in "$@"; do
		command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
	done
	((${#missing[@]} == 0)) ||
		fail "missing tools; install the Debian packages: ${missing[*]}"
}

# need_trees: the kernel tests need setup.sh to have run (ctest fixture).
# A shared lock, held until the test exits, keeps the setup of another build
# sharing KC_KERNEL_DIR (it takes the lock exclusively) from changing it.
need_trees() {
	[[ -f $KC_KERNEL_DIR/.stamp-conf && -d $K612 && -d $K61 ]] ||
		fail "kernel trees missing in $KC_KERNEL_DIR; run tests/kernel/setup.sh"
	exec 8<"$KC_KERNEL_DIR/.lock"
	flock -s -w 3000 8 || fail "timed out waiting for $KC_KERNEL_DIR/.lock"
}

# need_image: Debian's linux-image of linux-6.12's version (setup.sh).
need_image() {
	[[ -f $IMAGE612/.stamp ]] ||
		fail "no linux-image in $IMAGE612; run tests/kernel/setup.sh"
}

# need_headers: Debian's linux-headers and linux-kbuild of the image's
# kernel (setup.sh), for building modules out of tree.
need_headers() {
	[[ -f $HEADERS612/.stamp ]] ||
		fail "no linux-headers in $HEADERS612; run tests/kernel/setup.sh"
}

# image_file PATTERN: the one file of the image matching PATTERN (a glob
# under image-6.12/), e.g. image_file 'boot/config-*'.
image_file() {
	local f
	# shellcheck disable=SC2206 # the glob is wanted
	f=($IMAGE612/$1)
	[[ ${#f[@]} == 1 && -f ${f[0]} ]] || fail "no single $IMAGE612/$1"
	echo "${f[0]}"
}

# need_bin: our binary, built by cmake.
need_bin() {
	[[ -n ${KC_BIN:-} && -x $KC_BIN ]] ||
		fail "KC_BIN='${KC_BIN:-}' is not an executable; build the project first"
}

# srcarch_of ARCH: the SRCARCH the kernel Makefile derives from ARCH.
srcarch_of() {
	case $1 in
	i386 | x86_64) echo x86 ;;
	sparc32 | sparc64) echo sparc ;;
	parisc64) echo parisc ;;
	sh64) echo sh ;;
	*) echo "$1" ;;
	esac
}

# makefile_var TREE NAME: the value of a top-level "NAME = value" line.
makefile_var() {
	sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$1/Makefile" | head -n 1
}

# kernelversion_of TREE: $(KERNELVERSION) as the kernel Makefile computes it.
kernelversion_of() {
	local v p s e
	v=$(makefile_var "$1" VERSION)
	p=$(makefile_var "$1" PATCHLEVEL)
	s=$(makefile_var "$1" SUBLEVEL)
	e=$(makefile_var "$1" EXTRAVERSION)
	printf '%s%s%s%s\n' "$v" "${p:+.$p}" "${p:+${s:+.$s}}" "$e"
}

# kernel_env TREE ARCH: set KERNEL_ENV to what the kernel Makefile exports
# to scripts/kconfig for "make ARCH=... O=...": srctree, ARCH, SRCARCH, the
# toolchain names (host gcc and binutils, no CROSS_COMPILE), KERNELVERSION;
# for um, HEADER_ARCH and SUBARCH.
# Computed once per TREE and ARCH, so timed runs do not pay for it.
kernel_env() {
	local tree=$1 arch=$2
	[[ ${KERNEL_ENV_FOR:-} == "$tree $arch" ]] && return 0
	KERNEL_ENV=(PATH="$PATH" HOME="${HOME:-/}" TMPDIR="${TMPDIR:-/tmp}"
		LC_COLLATE=C LC_NUMERIC=C
		srctree="$tree" objtree=.
		ARCH="$arch" SRCARCH="$(srcarch_of "$arch")"
		VERSION="$(makefile_var "$tree" VERSION)"
		PATCHLEVEL="$(makefile_var "$tree" PATCHLEVEL)"
		SUBLEVEL="$(makefile_var "$tree" SUBLEVEL)"
		KERNELVERSION="$(kernelversion_of "$tree")"
		CONFIG_SHELL=sh HOSTCC=gcc HOSTCXX=g++ HOSTPKG_CONFIG=pkg-config
		CC=gcc LD=ld AR=ar NM=nm OBJCOPY=objcopy OBJDUMP=objdump
		READELF=readelf STRIP=strip PAHOLE=pahole PYTHON3=python3
		PERL=perl RUSTC=rustc BINDGEN=bindgen
		CC_VERSION_TEXT="$(LC_ALL=C gcc --version 2>/dev/null | head -n 1 | tr -d '#')")
	# arch/um/Makefile exports HEADER_ARCH (x86 on an x86 host), which
	# arch/um/Kconfig sources from.
	[[ $arch != um ]] || KERNEL_ENV+=(HEADER_ARCH=x86 SUBARCH=x86)
	KERNEL_ENV_FOR="$tree $arch"
}

# kernel_run TREE ARCH CMD...: run CMD with only the kernel_env environment.
# CMD runs in the current directory, which plays objtree: the $(shell,...)
# probes create scratch files there.
kernel_run() {
	local tree=$1 arch=$2
	shift 2
	kernel_env "$tree" "$arch"
	env -i "${KERNEL_ENV[@]}" "$@"
}

# kernel_conf TREE ARCH ARGS...: the kernel's conf on TREE/Kconfig.
kernel_conf() {
	local tree=$1 arch=$2
	shift 2
	kernel_run "$tree" "$arch" "$CONF" "$@" Kconfig
}

# symbol_lines: "NAME TYPE DEFINED" lines on stdin, sorted, without the
# number literals.  Both parsers look an unquoted number (default 0x1000,
# range -17 17) up like a symbol name and list it as an undefined symbol;
# it is not one, and which numbers appear depends on $(shell,...) results
# (the gcc version in GCC_VERSION's default), so it is left out of both.
symbol_lines() {
	awk '!($3 == 0 && $1 ~ /^(-?[0-9]+|0[xX][0-9a-fA-F]+)$/)' | LC_ALL=C sort
}

# kernel_symbols TREE ARCH OUT: the kernel parser's symbol lines for TREE
# into OUT.  Runs in a scratch directory.
kernel_symbols() {
	local tree=$1 arch=$2 out=$3 scratch
	scratch=$(mktemp -d)
	(cd "$scratch" && kernel_run "$tree" "$arch" "$HARNESS" Kconfig raw) ||
		{ rm -rf "$scratch"; return 1; }
	symbol_lines <"$scratch/raw" >"$out"
	rm -rf "$scratch"
}

# our_symbols JSON OUT: the same lines computed from our dump's JSON.
our_symbols() {
	jq -r '.symbols[] | "\(.name) \(.type) \(if .defined then 1 else 0 end)"' \
		"$1" | symbol_lines >"$2"
}

# config_arch CONFIG: the ARCH make uses for one of Debian's configs
# (config.DEBARCH_FEATURESET_FLAVOUR, setup.sh): x86_64 for amd64, arm64,
# powerpc for ppc64el, s390 for s390x.
config_arch() {
	local n=${1##*/}
	n=${n#config.}
	case ${n%%_*} in
	amd64) echo x86_64 ;;
	arm64) echo arm64 ;;
	ppc64el) echo powerpc ;;
	s390x) echo s390 ;;
	*) return 1 ;;
	esac
}

# debian_config_names DIR ARCH: the names after "config." of Debian's
# configs in DIR (configs/ or configs-6.1/) for ARCH, sorted, one a line.
debian_config_names() {
	local f
	for f in "$1"/config.*; do
		if [[ -f $f && $(config_arch "$f") == "$2" ]]; then echo "${f##*/config.}"; fi
	done | LC_ALL=C sort
}
