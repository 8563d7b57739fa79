#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# One real compile: the modules `modules` says a configuration builds under
# drivers/vfio and drivers/iommu/iommufd, built by the kernel's own Kbuild
# out of tree, against Debian's linux-headers of the linux-6.12 tree's
# version (setup.sh), from the Kbuild file `modules --format kbuild` writes
# and the sources it names.
#
# Four real x86_64 configurations: Debian's amd64 config, and three copies
# changed with the tree's scripts/config and completed by the kernel's conf
# (--syncconfig, which also writes the include/generated/autoconf.h the
# compile reads).  vfio.ko has group.o and container.o in the first, group.o
# and iommufd.o without container.o in the second, neither group.o nor
# container.o in the third; the fourth builds iommufd into vmlinux and adds
# vendor drivers of drivers/vfio/pci.  For each, what make produced must
# equal what `modules` printed:
#   - the .ko files: the modules of kind m (--format json --under);
#   - each module's .mod file (its objects, in link order): the module's
#     objects;
#   - modules.order: modules_order, and --format order;
#   - the generated Kbuild names exactly those modules and objects;
#   - the generated Kbuild carries the flags a Makefile gives its objects
#     (drivers/net/thunderbolt: CFLAGS_trace.o := -I$(src)), and make
#     compiles with them;
#   - modpost finds every symbol the modules use in Debian's vmlinux, in
#     the modules themselves, or exported by the source of an object the
#     configuration links into vmlinux (vmlinux_objects of the whole walk:
#     Debian's vmlinux is the one of its own config, not of the changed one).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools make:make jq:jq gcc:gcc
need_bin
need_trees
need_image
need_headers

UNDER=(--under drivers/vfio --under drivers/iommu/iommufd)
# scripts/config arguments of each configuration, after its name.
BUILDS=(
	"debian"
	"iommufd-container --module IOMMUFD --enable VFIO_DEVICE_CDEV --disable VFIO_CONTAINER --enable IOMMUFD_VFIO_CONTAINER"
	"cdev-only --module IOMMUFD --enable VFIO_DEVICE_CDEV --disable VFIO_GROUP"
	"vendor --enable IOMMUFD --enable VFIO_DEBUGFS --module MLX5_VFIO_PCI --module VIRTIO_VFIO_PCI"
)

amd64=$(find "$HEADERS612/usr/src" -maxdepth 1 -name 'linux-headers-*-amd64' | head -n 1)
common=$(find "$HEADERS612/usr/src" -maxdepth 1 -name 'linux-headers-*-common' | head -n 1)
kbuild=$(find "$HEADERS612/usr/lib" -maxdepth 1 -name 'linux-kbuild-*' | head -n 1)
[[ -d $amd64 && -d $common && -d $kbuild ]] || fail "incomplete headers in $HEADERS612"
base=$(image_file 'boot/config-*')
# The compiler Debian built the kernel with (the headers' Makefile names
# it), so the configuration's compiler probes answer as for Debian's.
cross=x86_64-linux-gnu-
need_tools "${cross}gcc-12:gcc-12"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kc-compile.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# objtree DIR: a copy of the amd64 headers folder that can hold its own
# configuration; vmlinux is left out (no BTF for the modules, which needs
# pahole).
objtree() {
	mkdir -p "$1"
	(cd "$amd64" && tar -c --exclude=./vmlinux --exclude=./scripts \
		--exclude=./tools --exclude=./Makefile .) | tar -x -C "$1"
	ln -s "$kbuild/scripts" "$1/scripts"
	ln -s "$kbuild/tools" "$1/tools"
	echo "include $common/Makefile" >"$1/Makefile"
}

# syncconfig DIR: the kernel's conf completes DIR/.config and writes
# DIR/include/config/auto.conf and include/generated/autoconf.h.
syncconfig() {
	kernel_env "$K612" x86_64
	(cd "$1" && env -i "${KERNEL_ENV[@]}" CC="${cross}gcc-12" LD="${cross}ld" \
		CC_VERSION_TEXT="$(LC_ALL=C "${cross}gcc-12" --version | head -n 1)" \
		RUSTC=false BINDGEN=false PAHOLE=false \
		"$CONF" --syncconfig Kconfig) >"$1/syncconfig.log" 2>&1 ||
		fail "conf --syncconfig in $1: $(tail -n 5 "$1/syncconfig.log")"
}

# sources KBUILD DEST: the sources of every object KBUILD names, and the
# headers of the folders they include with relative paths, from linux-6.12.
sources() {
	local o
	while IFS= read -r o; do
		case $o in
		drivers/vfio/* | drivers/iommu/iommufd/*) ;;
		*) fail "the generated Kbuild names $o, outside the folders" ;;
		esac
		[[ -f $K612/${o%.o}.c ]] || continue # a composite's name
		mkdir -p "$2/$(dirname "$o")"
		cp "$K612/${o%.o}.c" "$2/${o%.o}.c"
	done < <(sed -n 's/^obj-m += //p; s/^[^ #]*-y := //p' "$1" | tr ' ' '\n')
	(cd "$K612" && find drivers/vfio drivers/iommu/iommufd -name '*.h' &&
		find drivers/iommu -maxdepth 1 -name '*.h') |
		while IFS= read -r o; do
			mkdir -p "$2/$(dirname "$o")"
			cp "$K612/$o" "$2/$o"
		done
}

total_builds=0 total_modules=0 total_objects=0 same_mod=0 same_order=0
same_ko=0 same_kbuild=0 from_vmlinux=0
kbuilds=()
for spec in "${BUILDS[@]}"; do
	read -r -a args <<<"$spec"
	name=${args[0]}
	obj=$scratch/$name/obj src=$scratch/$name/src
	objtree "$obj"
	cp "$base" "$obj/.config"
	if ((${#args[@]} > 1)); then
		bash "$K612/scripts/config" --file "$obj/.config" "${args[@]:1}"
	fi
	syncconfig "$obj"

	our=("$KC_BIN" modules --srctree "$K612" --arch x86_64 "$obj/.config")
	"${our[@]}" "${UNDER[@]}" --format json >"$scratch/$name/modules.json" 2>/dev/null ||
		fail "$name: modules --format json failed"
	"${our[@]}" "${UNDER[@]}" --format order >"$scratch/$name/order" 2>/dev/null ||
		fail "$name: modules --format order failed"
	"${our[@]}" "${UNDER[@]}" --format kbuild >"$scratch/$name/Kbuild" 2>/dev/null ||
		fail "$name: modules --format kbuild failed"
	"${our[@]}" --format json 2>/dev/null | jq -r '.vmlinux_objects[]' \
		>"$scratch/$name/vmlinux-objects" || fail "$name: modules (whole walk) failed"
	json=$scratch/$name/modules.json
	kbuilds+=("$(sha256sum <"$scratch/$name/Kbuild" | cut -d' ' -f1)")

	# The generated Kbuild names the modules and objects of the JSON, in
	# their order.
	want=$(jq -r '.modules[] | select(.kind == "m") | "module \(.name).o",
		(select(.composite) | "parts \(.objects | join(" "))")' "$json")
	got=$(sed -n 's/^obj-m += /module /p; s/^[^ #]*-y := /parts /p' \
		"$scratch/$name/Kbuild")
	[[ $got == "$want" ]] || fail "$name: the generated Kbuild names
$got
modules --format json says
$want"
	same_kbuild=$((same_kbuild + 1))

	mkdir -p "$src"
	cp "$scratch/$name/Kbuild" "$src/Kbuild"
	sources "$src/Kbuild" "$src"
	if ! nice make -C "$obj" M="$src" -j2 KBUILD_MODPOST_WARN=1 modules \
		>"$scratch/$name/make.log" 2>&1; then
		fail "$name: make M=... modules failed: $(grep -E 'error|Error' "$scratch/$name/make.log" | head -n 20)"
	fi

	# .ko files
	want=$(jq -r '.modules[] | select(.kind == "m") | .name' "$json" | LC_ALL=C sort)
	got=$(cd "$src" && find . -name '*.ko' | sed 's|^\./||; s|\.ko$||' | LC_ALL=C sort)
	[[ $got == "$want" ]] || fail "$name: make built the modules
$got
modules --format json says
$want"
	same_ko=$((same_ko + 1))
	# each .mod file
	while IFS= read -r mod; do
		want=$(jq -r --arg m "$mod" '.modules[] | select(.name == $m) | .objects[]' "$json")
		got=$(sed "s|^$src/||" "$src/$mod.mod")
		[[ $got == "$want" ]] || fail "$name: $mod.mod lists
$got
modules --format json says
$want"
		same_mod=$((same_mod + 1))
		total_objects=$((total_objects + $(wc -l <<<"$got")))
	done < <(jq -r '.modules[] | select(.kind == "m") | .name' "$json")
	# modules.order
	got=$(sed "s|^$src/||" "$src/modules.order")
	want=$(jq -r '.modules_order[]' "$json")
	[[ $got == "$want" ]] || fail "$name: make's modules.order
$got
modules --format json says
$want"
	[[ $(sed 's|^|kernel/|; s|\.o$|.ko|' <<<"$got") == "$(cat "$scratch/$name/order")" ]] ||
		fail "$name: make's modules.order differs from modules --format order"
	same_order=$((same_order + 1))
	# Symbols modpost did not find in Debian's vmlinux or the modules: the
	# changed configuration links them into vmlinux.
	undefined=$(sed -n 's/^WARNING: modpost: "\([^"]*\)" \[.*\] undefined!$/\1/p' \
		"$scratch/$name/make.log" | LC_ALL=C sort -u)
	if [[ -n $undefined ]]; then
		[[ $name != debian ]] ||
			fail "$name: symbols missing with Debian's own config: $undefined"
		exported=$(cd "$K612" && {
			sed -n 's/\.o$/.c/p' "$scratch/$name/vmlinux-objects" |
				while IFS= read -r c; do [[ ! -f $c ]] || echo "$c"; done |
				xargs -r grep -ohE 'EXPORT_SYMBOL[A-Z_]*\([A-Za-z0-9_]+' |
				sed 's/.*(//' | LC_ALL=C sort -u || true
		})
		unexported=$(LC_ALL=C comm -23 <(echo "$undefined") <(echo "$exported"))
		[[ -z $unexported ]] ||
			fail "$name: no object of vmlinux exports: $unexported"
		from_vmlinux=$((from_vmlinux + $(wc -l <<<"$undefined")))
	fi

	n=$(jq '[.modules[] | select(.kind == "m")] | length' "$json")
	total_modules=$((total_modules + n))
	total_builds=$((total_builds + 1))
	note "$name: $n modules, $(jq -r '[.modules[] | select(.name == "drivers/vfio/vfio") | .objects[] | sub(".*/"; "")] | join(" ")' "$json") in vfio.ko; $(wc -w <<<"$undefined") symbols from vmlinux objects of the config"
done

# Four different module builds, one with group.o and container.o in
# vfio.ko, one with neither.
[[ $(printf '%s\n' "${kbuilds[@]}" | LC_ALL=C sort -u | wc -l) == 4 ]] ||
	fail "the configurations do not give four different module builds"
grep -q 'drivers/vfio/group.o.*drivers/vfio/container.o' "$scratch/debian/Kbuild" ||
	fail "Debian's config: vfio.ko without group.o and container.o"
! grep -Eq 'drivers/vfio/(group|container)\.o' "$scratch/cdev-only/Kbuild" ||
	fail "cdev-only: vfio.ko with group.o or container.o"

# Flags: drivers/net/thunderbolt's Makefile gives trace.o "-I$(src)" (the
# tracepoint header is found through it).  The generated Kbuild must carry
# it as CFLAGS_<path>.o with the folder's path below the Kbuild file, and
# make must compile with it: without the line, trace.o does not compile.
flagged=$scratch/flagged
mkdir -p "$flagged/src/drivers/net/thunderbolt"
"$KC_BIN" modules --srctree "$K612" --arch x86_64 --under drivers/net/thunderbolt \
	"$base" --format kbuild >"$flagged/src/Kbuild" 2>/dev/null ||
	fail "flagged: modules --format kbuild failed"
grep -qxF 'CFLAGS_drivers/net/thunderbolt/trace.o := -I$(src)/drivers/net/thunderbolt' \
	"$flagged/src/Kbuild" || fail "flagged: the generated Kbuild lacks trace.o's flag:
$(cat "$flagged/src/Kbuild")"
cp "$K612"/drivers/net/thunderbolt/*.[ch] "$flagged/src/drivers/net/thunderbolt/"
if ! nice make -C "$scratch/debian/obj" M="$flagged/src" -j2 KBUILD_MODPOST_WARN=1 modules \
	>"$flagged/make.log" 2>&1; then
	fail "flagged: make M=... modules failed: $(grep -E 'error|Error' "$flagged/make.log" | head -n 20)"
fi
[[ -f $flagged/src/drivers/net/thunderbolt/thunderbolt_net.ko ]] ||
	fail "flagged: no thunderbolt_net.ko"
grep -qF -- "-I$flagged/src/drivers/net/thunderbolt" \
	"$flagged/src/drivers/net/thunderbolt/.trace.o.cmd" ||
	fail "flagged: trace.o was compiled without its -I flag"
note "flags: thunderbolt_net.ko built from the generated Kbuild, trace.o with its -I\$(src)"

note "compared $total_builds builds, $total_modules modules, $total_objects objects:" \
	"identical .ko sets $same_ko, .mod files $same_mod, modules.order $same_order," \
	"generated Kbuild objects $same_kbuild; $from_vmlinux symbols from the" \
	"configurations' own vmlinux objects"
