#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# ctest fixture for the kernel tests: fetches Debian's kernel sources and
# configs into KC_KERNEL_DIR and builds the kernel's scripts/kconfig there,
# as the oracle.  Nothing of the kernel enters the repository.
#
#   debs/          linux-source-6.12, linux-source-6.1, linux-config-6.12,
#                  linux-config-6.1, and the linux-image-*-amd64-unsigned of
#                  linux-source-6.12's version
#   debs/foreign/  linux-config-6.12 of arm64 and ppc64el, linux-config-6.1
#                  of arm64, ppc64el and s390x: Debian's configs of the other
#                  architectures (kept apart from the amd64 .debs, which
#                  debs/ picks by version alone)
#   apt/           the private apt state those are fetched with (its own
#                  sources.list, lists and cache, given to apt-get through
#                  -o options; the system's apt configuration is not
#                  touched): bookworm-security for arm64 and ppc64el,
#                  bookworm for s390x (6.1 only: bookworm-security carries
#                  no s390x kernel, and Debian 12 has no 6.12 for s390x, so
#                  the 6.12 tests of s390 have no Debian config)
#   linux-6.12/    linux-6.1/   the extracted trees
#   configs/       Debian's 6.12 configs: config.amd64_none_amd64,
#                  ..._none_cloud-amd64, ..._rt_amd64,
#                  config.arm64_none_arm64, ..._none_arm64-16k,
#                  ..._none_cloud-arm64, ..._rt_arm64,
#                  config.ppc64el_none_powerpc64le, ..._none_powerpc64le-64k
#   configs-6.1/   Debian's 6.1 configs: the three amd64 names,
#                  config.arm64_none_arm64, ..._none_cloud-arm64,
#                  ..._rt_arm64, config.ppc64el_none_powerpc64le,
#                  config.s390x_none_s390x
#   image-6.12/    boot/config-* and lib/modules/*/modules.{order,builtin} of
#                  that image: what Debian's build of the tree produced
#   headers-6.12/  linux-headers-<abi>-amd64, linux-headers-<abi>-common and
#                  linux-kbuild-<abi> of that image's version, extracted
#                  together (usr/src, usr/lib), their absolute links and the
#                  amd64 Makefile's include made relative: what
#                  "make -C .../linux-headers-<abi>-amd64 M=DIR modules" needs
#   bin/conf       the kernel's conf, from linux-6.12/scripts/kconfig
#   bin/conf-6.1   the kernel's conf, from linux-6.1/scripts/kconfig
#   bin/kconfig-symbols   tests/kernel/harness/kconfig_symbols.c linked
#                  against the same kernel objects; bin/kconfig-symbols-6.1
#                  the same against linux-6.1's
#
# Each step leaves a stamp file, so a second run only checks.  A flock on
# KC_KERNEL_DIR/.lock serialises setups sharing the directory (a normal and a
# sanitizer build pointed at one KC_KERNEL_DIR).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

PACKAGES=(linux-source-6.12 linux-source-6.1 linux-config-6.12 linux-config-6.1)
# PACKAGE:ARCH of the configs of the other architectures (debs/foreign/).
FOREIGN_PACKAGES=(linux-config-6.12:arm64 linux-config-6.12:ppc64el
	linux-config-6.1:arm64 linux-config-6.1:ppc64el linux-config-6.1:s390x)
FOREIGN_SOURCES='deb [arch=arm64,ppc64el signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main
deb [arch=s390x signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main'
# The configs each package must hold, by VERSION:ARCH.
declare -A CONFIG_NAMES=(
	[6.12:amd64]="config.amd64_none_amd64 config.amd64_none_cloud-amd64 config.amd64_rt_amd64"
	[6.1:amd64]="config.amd64_none_amd64 config.amd64_none_cloud-amd64 config.amd64_rt_amd64"
	[6.12:arm64]="config.arm64_none_arm64 config.arm64_none_arm64-16k config.arm64_none_cloud-arm64 config.arm64_rt_arm64"
	[6.1:arm64]="config.arm64_none_arm64 config.arm64_none_cloud-arm64 config.arm64_rt_arm64"
	[6.12:ppc64el]="config.ppc64el_none_powerpc64le config.ppc64el_none_powerpc64le-64k"
	[6.1:ppc64el]="config.ppc64el_none_powerpc64le"
	[6.1:s390x]="config.s390x_none_s390x"
)
KCONFIG_OBJS=(confdata expr lexer.lex menu parser.tab preprocess symbol util)
HARNESS_SRC=$HERE/harness/kconfig_symbols.c

# newest_deb PACKAGE: path of the newest downloaded .deb of PACKAGE, or "".
newest_deb() {
	local f
	f=$(find "$KC_KERNEL_DIR/debs" -maxdepth 1 -name "$1_*.deb" -printf '%f\n' |
		sort -V | tail -n 1)
	if [[ -n $f ]]; then echo "$KC_KERNEL_DIR/debs/$f"; fi
}

# apt_download PACKAGE...: apt-get download into the current directory.
apt_download() {
	local opts=()
	# As root, apt downloads as _apt, which cannot write here, and falls back
	# to root with a warning; ask for root directly.
	[[ $(id -u) == 0 ]] && opts=(-o APT::Sandbox::User=root)
	apt-get -q "${opts[@]}" download "$@"
}

fetch_debs() {
	local pkg missing=() tmp
	mkdir -p "$KC_KERNEL_DIR/debs"
	for pkg in "${PACKAGES[@]}"; do
		[[ -n $(newest_deb "$pkg") ]] || missing+=("$pkg")
	done
	((${#missing[@]} > 0)) || return 0
	note "apt-get download ${missing[*]}"
	# A download dir of its own, so an interrupted run leaves no partial .deb.
	tmp=$(mktemp -d "$KC_KERNEL_DIR/debs/.dl.XXXXXX")
	if ! (cd "$tmp" && apt_download "${missing[@]}"); then
		note "download failed; apt-get update and one retry"
		apt-get -q update || fail "apt-get update failed (needs root and a Debian mirror)"
		(cd "$tmp" && apt_download "${missing[@]}") ||
			fail "apt-get download ${missing[*]} failed"
	fi
	mv "$tmp"/*.deb "$KC_KERNEL_DIR/debs/"
	rmdir "$tmp"
}

# foreign_deb PACKAGE ARCH: path of the newest .deb of PACKAGE for ARCH in
# debs/foreign, or "".
foreign_deb() {
	local f
	f=$(find "$KC_KERNEL_DIR/debs/foreign" -maxdepth 1 -name "$1_*_$2.deb" \
		-printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
	if [[ -n $f ]]; then echo "$KC_KERNEL_DIR/debs/foreign/$f"; fi
}

# fetch_foreign: the FOREIGN_PACKAGES into debs/foreign, through a private
# apt state in KC_KERNEL_DIR/apt (apt-get's -o options only; the system's
# sources, lists and cache stay as they are).  The tests rely on these
# configs, so a failure fails the setup.
fetch_foreign() {
	local spec missing=() d=$KC_KERNEL_DIR/apt tmp opts
	mkdir -p "$KC_KERNEL_DIR/debs/foreign"
	for spec in "${FOREIGN_PACKAGES[@]}"; do
		[[ -n $(foreign_deb "${spec%:*}" "${spec#*:}") ]] || missing+=("$spec")
	done
	((${#missing[@]} > 0)) || return 0
	[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] ||
		fail "no /usr/share/keyrings/debian-archive-keyring.gpg (install debian-archive-keyring)"
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
	echo "$FOREIGN_SOURCES" >"$d/sources.list"
	opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache"
		-o APT::Architectures::=arm64 -o APT::Architectures::=s390x
		-o APT::Architectures::=ppc64el -o Debug::NoLocking=1)
	[[ $(id -u) == 0 ]] && opts+=(-o APT::Sandbox::User=root)
	note "apt-get update of $d/sources.list (arm64, ppc64el, s390x)"
	apt-get -q "${opts[@]}" update ||
		fail "apt-get update of $d/sources.list failed (a Debian mirror is needed for ${missing[*]})"
	note "apt-get download ${missing[*]}"
	tmp=$(mktemp -d "$KC_KERNEL_DIR/debs/foreign/.dl.XXXXXX")
	(cd "$tmp" && apt-get -q "${opts[@]}" download "${missing[@]}") ||
		fail "apt-get download ${missing[*]} failed"
	mv "$tmp"/*.deb "$KC_KERNEL_DIR/debs/foreign/"
	rmdir "$tmp"
	for spec in "${missing[@]}"; do
		[[ -n $(foreign_deb "${spec%:*}" "${spec#*:}") ]] ||
			fail "apt-get download gave no .deb for $spec"
	done
}

# extract_tree PACKAGE DIR: the source tarball inside PACKAGE's .deb into DIR.
extract_tree() {
	local pkg=$1 dest=$2 deb stage tarball
	[[ -f $dest/.stamp && -f $dest/Kconfig ]] && return 0
	deb=$(newest_deb "$pkg")
	[[ -n $deb ]] || fail "no .deb for $pkg in $KC_KERNEL_DIR/debs"
	note "extracting $(basename "$deb") into $dest"
	stage=$KC_KERNEL_DIR/.stage-$pkg
	rm -rf "$stage" "$dest.tmp"
	dpkg -x "$deb" "$stage"
	tarball=$(find "$stage/usr/src" -maxdepth 1 -name "$pkg.tar.xz" | head -n 1)
	[[ -n $tarball ]] || fail "$deb holds no usr/src/$pkg.tar.xz"
	mkdir -p "$dest.tmp"
	xz -dc -T2 "$tarball" | tar -x --strip-components=1 -C "$dest.tmp"
	rm -rf "$stage" "$dest"
	mv "$dest.tmp" "$dest"
	basename "$deb" >"$dest/.stamp"
}

# image_package: "NAME VERSION" of the linux-image-*-amd64-unsigned package
# built from the same source version as the linux-source-6.12 .deb (the
# plain amd64 flavour, not cloud or rt).  apt knows the ABI part of the
# name (6.12.117+deb12); a .deb already downloaded answers offline.
image_package() {
	local src ver upstream name f
	src=$(newest_deb linux-source-6.12)
	[[ -n $src ]] || fail "no .deb for linux-source-6.12 in $KC_KERNEL_DIR/debs"
	ver=$(dpkg-deb -f "$src" Version)
	upstream=${ver%%-*}
	f=$(find "$KC_KERNEL_DIR/debs" -maxdepth 1 \
		-name "linux-image-${upstream}*-amd64-unsigned_${ver}_amd64.deb" \
		! -name '*-cloud-amd64-*' ! -name '*-rt-amd64-*' -printf '%f\n' | head -n 1)
	if [[ -n $f ]]; then
		echo "${f%%_*} $ver"
		return 0
	fi
	for name in $(apt-cache search --names-only \
		"^linux-image-${upstream//./\\.}[^ ]*-amd64-unsigned\$" | cut -d' ' -f1); do
		case $name in *-cloud-amd64-unsigned | *-rt-amd64-unsigned) continue ;; esac
		if apt-cache show "$name=$ver" >/dev/null 2>&1; then
			echo "$name $ver"
			return 0
		fi
	done
	fail "no linux-image-${upstream}*-amd64-unsigned of version $ver known to apt (apt-get update?)"
}

# exact_deb NAME VERSION: the downloaded .deb of that name and version
# (any architecture), or "".
exact_deb() {
	local f
	f=$(find "$KC_KERNEL_DIR/debs" -maxdepth 1 -name "${1}_${2}_*.deb" \
		-printf '%f\n' | head -n 1)
	if [[ -n $f ]]; then echo "$KC_KERNEL_DIR/debs/$f"; fi
}

# fetch_image NAME VERSION: that exact .deb into debs/, unless it is there.
fetch_image() {
	local name=$1 ver=$2 tmp
	[[ -n $(exact_deb "$name" "$ver") ]] && return 0
	note "apt-get download $name=$ver"
	tmp=$(mktemp -d "$KC_KERNEL_DIR/debs/.dl.XXXXXX")
	(cd "$tmp" && apt_download "$name=$ver") ||
		fail "apt-get download $name=$ver failed"
	mv "$tmp"/*.deb "$KC_KERNEL_DIR/debs/"
	rmdir "$tmp"
}

# extract_image: the image's config, modules.order and modules.builtin.
extract_image() {
	local name ver deb dest=$IMAGE612
	read -r name ver < <(image_package)
	deb=$KC_KERNEL_DIR/debs/${name}_${ver}_amd64.deb
	[[ -f $dest/.stamp && $(cat "$dest/.stamp") == "$(basename "$deb")" ]] &&
		return 0
	fetch_image "$name" "$ver"
	note "extracting config, modules.order and modules.builtin from $(basename "$deb")"
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest.tmp" --wildcards \
		'./boot/config-*' './lib/modules/*/modules.order' \
		'./lib/modules/*/modules.builtin'
	mv "$dest.tmp" "$dest"
	basename "$deb" >"$dest/.stamp"
}

# extract_headers: the headers and kbuild packages of the image's kernel
# ABI (linux-image-6.12.117+deb12-amd64-unsigned: 6.12.117+deb12), same
# version, into headers-6.12/.
extract_headers() {
	local name ver abi pkg dest=$HEADERS612 stamp link target
	read -r name ver < <(image_package)
	abi=${name#linux-image-}
	abi=${abi%-amd64-unsigned}
	local pkgs=("linux-headers-$abi-amd64" "linux-headers-$abi-common"
		"linux-kbuild-$abi")
	stamp="${pkgs[*]} $ver"
	[[ -f $dest/.stamp && $(cat "$dest/.stamp") == "$stamp" ]] && return 0
	for pkg in "${pkgs[@]}"; do fetch_image "$pkg" "$ver"; done
	note "extracting ${pkgs[*]} ($ver) into $dest"
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	for pkg in "${pkgs[@]}"; do dpkg -x "$(exact_deb "$pkg" "$ver")" "$dest.tmp"; done
	# The packages expect to sit at /: lib/modules/*/build and source point
	# at /usr/src, the amd64 Makefile includes the common one by its
	# absolute path.  Both are made relative to the extracted folder.
	while IFS= read -r link; do
		target=$(readlink "$link")
		ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" \
			"$dest.tmp$target")" "$link"
	done < <(find "$dest.tmp" -type l -lname '/*')
	sed -i 's|^include /usr/src/|include ../|' \
		"$dest.tmp/usr/src/linux-headers-$abi-amd64/Makefile"
	mv "$dest.tmp" "$dest"
	echo "$stamp" >"$dest/.stamp"
}

# extract_configs VERSION ARCH DEST: Debian's configs of linux-config-VERSION
# for ARCH (a Debian architecture) into DEST, next to those of the other
# architectures.  DEST/.stamp records the amd64 package, DEST/.stamp-ARCH
# the others.
extract_configs() {
	local ver=$1 arch=$2 dest=$3 deb stage name stamp
	stamp=$dest/.stamp
	[[ $arch == amd64 ]] || stamp=$dest/.stamp-$arch
	[[ -f $stamp ]] && return 0
	if [[ $arch == amd64 ]]; then
		deb=$(newest_deb "linux-config-$ver")
	else
		deb=$(foreign_deb "linux-config-$ver" "$arch")
	fi
	[[ -n $deb ]] || fail "no .deb for linux-config-$ver:$arch in $KC_KERNEL_DIR/debs"
	note "extracting configs from $(basename "$deb")"
	stage=$KC_KERNEL_DIR/.stage-linux-config-$ver-$arch
	rm -rf "$stage"
	dpkg -x "$deb" "$stage"
	mkdir -p "$dest"
	for name in ${CONFIG_NAMES[$ver:$arch]}; do
		[[ -f $stage/usr/src/linux-config-$ver/$name.xz ]] ||
			fail "$deb holds no $name.xz"
		unxz -c "$stage/usr/src/linux-config-$ver/$name.xz" >"$dest/$name.tmp"
		mv "$dest/$name.tmp" "$dest/$name"
	done
	rm -rf "$stage"
	basename "$deb" >"$stamp"
}

# build_stamp TREE: what the programs built from TREE depend on; a change
# rebuilds them.
build_stamp() {
	cat "$1/.stamp"
	sha256sum "$HARNESS_SRC" "${BASH_SOURCE[0]}" | cut -d' ' -f1
}

# build_conf WHAT TREE OBJ CONF HARNESS STAMP_FILE: a tree's own conf (the
# oracle) and our harness linked against the same objects, built from the
# tree's scripts/kconfig as its Makefile builds them, unless STAMP_FILE says
# they are up to date.
build_conf() {
	local what=$1 tree=$2 obj=$3 conf=$4 harness=$5 stamp_file=$6
	local src=$tree/scripts/kconfig
	local includes=(-I "$obj" -I "$src" -I "$tree/scripts/include")
	local objs=() o stamp
	stamp=$(build_stamp "$tree")
	if [[ -f $stamp_file && -x $conf && -x $harness &&
		$(cat "$stamp_file") == "$stamp" ]]; then
		return 0
	fi
	note "building $what"
	rm -rf "$obj" "$stamp_file"
	mkdir -p "$obj" "$KC_KERNEL_DIR/bin"
	flex -o "$obj/lexer.lex.c" -L "$src/lexer.l"
	bison -o "$obj/parser.tab.c" --defines="$obj/parser.tab.h" -t -l "$src/parser.y"
	# The kernel's code, built as its Makefile does; its warnings are not ours.
	for o in "${KCONFIG_OBJS[@]}" conf; do
		if [[ -f $obj/$o.c ]]; then
			gcc -std=gnu11 -O2 -w "${includes[@]}" -c "$obj/$o.c" -o "$obj/$o.o"
		else
			gcc -std=gnu11 -O2 -w "${includes[@]}" -c "$src/$o.c" -o "$obj/$o.o"
		fi
	done
	for o in "${KCONFIG_OBJS[@]}"; do objs+=("$obj/$o.o"); done
	gcc -o "$conf.tmp" "$obj/conf.o" "${objs[@]}"
	gcc -std=gnu11 -O2 -Wall "${includes[@]}" -o "$harness.tmp" "$HARNESS_SRC" \
		"${objs[@]}"
	mv "$conf.tmp" "$conf"
	mv "$harness.tmp" "$harness"
	echo "$stamp" >"$stamp_file"
}

main() {
	need_tools apt-get:apt dpkg:dpkg xz:xz-utils unxz:xz-utils tar:tar \
		realpath:coreutils sed:sed \
		flex:flex bison:bison gcc:gcc flock:util-linux jq:jq sha256sum:coreutils
	mkdir -p "$KC_KERNEL_DIR"
	exec 9>"$KC_KERNEL_DIR/.lock"
	if ! flock -n 9; then
		note "waiting for another build's setup or tests using $KC_KERNEL_DIR"
		flock -w 3000 9 || fail "timed out waiting for $KC_KERNEL_DIR/.lock"
	fi
	fetch_debs
	fetch_foreign
	extract_tree linux-source-6.12 "$K612"
	extract_tree linux-source-6.1 "$K61"
	extract_configs 6.12 amd64 "$CONFIGS"
	extract_configs 6.12 arm64 "$CONFIGS"
	extract_configs 6.12 ppc64el "$CONFIGS"
	extract_configs 6.1 amd64 "$CONFIGS61"
	extract_configs 6.1 arm64 "$CONFIGS61"
	extract_configs 6.1 ppc64el "$CONFIGS61"
	extract_configs 6.1 s390x "$CONFIGS61"
	extract_image
	extract_headers
	build_conf "the kernel's conf and kconfig-symbols" "$K612" \
		"$KC_KERNEL_DIR/build/kconfig" "$CONF" "$HARNESS" \
		"$KC_KERNEL_DIR/.stamp-conf"
	# linux-6.1's conf: the oracle for 6.1 trees and older syntax.
	build_conf "linux-6.1's conf and kconfig-symbols-6.1" "$K61" \
		"$KC_KERNEL_DIR/build/kconfig-6.1" "$CONF61" "$HARNESS61" \
		"$KC_KERNEL_DIR/.stamp-conf-6.1"
	note "kernel trees ready in $KC_KERNEL_DIR: $(cat "$K612/.stamp"), $(cat "$K61/.stamp")"
}

main "$@"
