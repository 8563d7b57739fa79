#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_modules.sh - the modules command end to end on the small tree of
# tests/fixtures/kbuild (Kconfig and Kbuild files): each format for three
# configurations (the defaults, VFIO built in, no MODULES), the JSON
# document's shape, the build-machine record of a compiler probe, and
# broken Makefiles, which must give located errors and exit 2, never a
# crash.  Modules are listed in the kernel's order: modules.order, then
# the built-in ones in link order.  With an embedded model that has a top
# Kbuild, modules runs on it too.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both) and jq.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "test_modules.sh: jq is needed" >&2; exit 1; }

TREE=$KC_SOURCE_DIR/tests/fixtures/kbuild
MODULES=("$KC_BIN" modules --kconfig "$TREE")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run CMD...: stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
	timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# expect WHAT WANT CMD...: CMD exits 0, prints WANT, nothing on stderr.
expect() {
	local what=$1 want=$2
	shift 2
	checks=$((checks + 1))
	run "$@"
	if [ "$rc" -ne 0 ]; then
		fail "$what: exit $rc; stderr: $(head -c 300 "$TMP/err")"
	elif [ "$(cat "$TMP/out")" != "$want" ]; then
		fail "$what: got:
$(cat "$TMP/out")
want:
$want"
	elif [ -s "$TMP/err" ]; then
		fail "$what: stderr: $(head -c 300 "$TMP/err")"
	fi
}

# expect_error WHAT PATTERN CMD...: CMD exits 2 and stderr matches PATTERN.
expect_error() {
	local what=$1 pattern=$2
	shift 2
	checks=$((checks + 1))
	run "$@"
	if [ "$rc" -ne 2 ]; then
		fail "$what: exit $rc, want 2; stderr: $(head -c 300 "$TMP/err")"
	elif ! grep -q -- "$pattern" "$TMP/err"; then
		fail "$what: stderr lacks '$pattern': $(head -c 300 "$TMP/err")"
	fi
}

# ---- the defaults: VFIO and VFIO_PCI m, IOMMUFD y -------------------------------

expect "text" "m drivers/vfio/vfio.ko
    drivers/vfio/vfio_main.o
    drivers/vfio/group.o
    drivers/vfio/iommufd.o
m drivers/vfio/pci/vfio-pci.ko
    drivers/vfio/pci/vfio_pci.o
y drivers/iommu/iommufd/iommufd.o
    drivers/iommu/iommufd/main.o
    drivers/iommu/iommufd/device.o" "${MODULES[@]}"
expect "order" "kernel/drivers/vfio/vfio.ko
kernel/drivers/vfio/pci/vfio-pci.ko" "${MODULES[@]}" --format order
expect "builtin" "kernel/drivers/iommu/iommufd/iommufd.ko" "${MODULES[@]}" --format builtin
expect "lists" "# Kbuild need-builtin=1 need-modorder=1
obj-y=drivers/
obj-m=
lib-y=
lib-m=
subdir-y=
subdir-m=
# drivers/Makefile need-builtin=1 need-modorder=1
obj-y=iommu/
obj-m=vfio/
lib-y=
lib-m=
subdir-y=
subdir-m=
# drivers/iommu/Makefile need-builtin=1 need-modorder=1
obj-y=iommufd/
obj-m=
lib-y=
lib-m=
subdir-y=
subdir-m=
# drivers/iommu/iommufd/Makefile need-builtin=1 need-modorder=1
obj-y=iommufd.o
obj-m=
lib-y=
lib-m=
subdir-y=
subdir-m=
iommufd-y=main.o device.o
# drivers/vfio/Makefile need-builtin= need-modorder=1
obj-y=
obj-m=vfio.o pci/
lib-y=
lib-m=
subdir-y=
subdir-m=
vfio-y=vfio_main.o group.o iommufd.o
# drivers/vfio/pci/Makefile need-builtin= need-modorder=1
obj-y=
obj-m=vfio-pci.o
lib-y=
lib-m=
subdir-y=
subdir-m=
vfio-pci-y=vfio_pci.o" "${MODULES[@]}" --format lists

# kbuild: the generated Kbuild of this configuration, obj-m lines and each
# composite's parts from the top of the tree; built-in entries as comments.
expect "kbuild" "obj-m += drivers/vfio/vfio.o
drivers/vfio/vfio-y := drivers/vfio/vfio_main.o drivers/vfio/group.o drivers/vfio/iommufd.o
obj-m += drivers/vfio/pci/vfio-pci.o
drivers/vfio/pci/vfio-pci-y := drivers/vfio/pci/vfio_pci.o
# built in: drivers/iommu/iommufd/iommufd.o" "${MODULES[@]}" --format kbuild

# --under: only what the folders build, in every format.
expect "under drivers/vfio/pci: kbuild" "obj-m += drivers/vfio/pci/vfio-pci.o
drivers/vfio/pci/vfio-pci-y := drivers/vfio/pci/vfio_pci.o" \
	"${MODULES[@]}" --format kbuild --under drivers/vfio/pci
expect "under drivers/vfio: order" "kernel/drivers/vfio/vfio.ko
kernel/drivers/vfio/pci/vfio-pci.ko" "${MODULES[@]}" --format order --under drivers/vfio/
expect "under drivers/vfio: builtin" "" "${MODULES[@]}" --format builtin --under drivers/vfio
expect "under drivers/iommu and drivers/vfio/pci: text" "m drivers/vfio/pci/vfio-pci.ko
    drivers/vfio/pci/vfio_pci.o
y drivers/iommu/iommufd/iommufd.o
    drivers/iommu/iommufd/main.o
    drivers/iommu/iommufd/device.o" \
	"${MODULES[@]}" --under drivers/iommu --under drivers/vfio/pci
expect "under a prefix that is no folder" "" "${MODULES[@]}" --format order --under drivers/vfi
checks=$((checks + 1))
run "${MODULES[@]}" --format json --under drivers/iommu
if [ "$rc" -ne 0 ] || ! jq -e '
	(.modules | map(.name)) == ["drivers/iommu/iommufd/iommufd"] and
	.modules_order == [] and
	.modules_builtin == ["drivers/iommu/iommufd/iommufd"] and
	.vmlinux_objects == ["drivers/iommu/iommufd/main.o",
			     "drivers/iommu/iommufd/device.o"] and
	.build_machine == [{ "file": "drivers/iommu/iommufd/Makefile",
			     "line": 2, "what": "cc-option" }]' "$TMP/out" >/dev/null; then
	fail "json --under drivers/iommu: exit $rc: $(head -c 600 "$TMP/out")"
fi
checks=$((checks + 1))
run "${MODULES[@]}" --format json --under drivers/vfio
if [ "$rc" -ne 0 ] || ! jq -e '
	(.modules | map(.name)) == ["drivers/vfio/vfio", "drivers/vfio/pci/vfio-pci"] and
	.vmlinux_objects == [] and .build_machine == []' "$TMP/out" >/dev/null; then
	fail "json --under drivers/vfio: exit $rc: $(head -c 600 "$TMP/out")"
fi

checks=$((checks + 1))
run "${MODULES[@]}" --format json --presence --under drivers/vfio/pci
if [ "$rc" -ne 0 ] || ! jq -e '(.presence | map(.name)) ==
	["drivers/vfio/pci/vfio_pci.o", "drivers/vfio/pci/vfio-pci"]' "$TMP/out" >/dev/null; then
	fail "json --presence --under drivers/vfio/pci: exit $rc: $(head -c 600 "$TMP/out")"
fi

# JSON: the shape of docs/modules-schema.md, and the probe's place.
checks=$((checks + 1))
run "${MODULES[@]}" --format json
if [ "$rc" -ne 0 ] || ! jq -e '
	.version == 1 and .complete == true and (.modules | length) == 3 and
	.modules[0] == { "name": "drivers/vfio/vfio", "kind": "m",
		"composite": true, "makefile": "drivers/vfio/Makefile",
		"objects": ["drivers/vfio/vfio_main.o", "drivers/vfio/group.o",
			    "drivers/vfio/iommufd.o"] } and
	.modules_order == ["drivers/vfio/vfio.o", "drivers/vfio/pci/vfio-pci.o"] and
	.modules_builtin == ["drivers/iommu/iommufd/iommufd"] and
	.vmlinux_objects == ["drivers/iommu/iommufd/main.o",
			     "drivers/iommu/iommufd/device.o"] and
	.lib_objects == [] and
	.build_machine == [{ "file": "drivers/iommu/iommufd/Makefile",
			     "line": 2, "what": "cc-option" }]' "$TMP/out" >/dev/null; then
	fail "json: exit $rc: $(head -c 600 "$TMP/out")"
fi

# ---- other configurations --------------------------------------------------------

printf 'CONFIG_VFIO=y\n' >"$TMP/vfio-y.config"
expect "VFIO=y: order" "" "${MODULES[@]}" --format order "$TMP/vfio-y.config"
expect "VFIO=y: builtin" "kernel/drivers/vfio/vfio.ko
kernel/drivers/iommu/iommufd/iommufd.ko" "${MODULES[@]}" --format builtin "$TMP/vfio-y.config"

printf '# CONFIG_MODULES is not set\n' >"$TMP/nomodules.config"
expect "no MODULES: text" "y drivers/vfio/vfio.o
    drivers/vfio/vfio_main.o
    drivers/vfio/group.o
    drivers/vfio/iommufd.o
y drivers/vfio/pci/vfio-pci.o
    drivers/vfio/pci/vfio_pci.o
y drivers/iommu/iommufd/iommufd.o
    drivers/iommu/iommufd/main.o
    drivers/iommu/iommufd/device.o" "${MODULES[@]}" "$TMP/nomodules.config"

# ---- broken Makefiles: located errors, exit 2 --------------------------------------

# broken NAME FILE TEXT: a copy of the tree with FILE's text replaced.
broken() {
	rm -rf "${TMP:?}/$1"
	cp -r "$TREE" "$TMP/$1"
	printf '%s' "$3" >"$TMP/$1/$2"
}

broken error drivers/vfio/Makefile $'obj-m += vfio.o\n$(error stop here)\n'
expect_error "\$(error)" "drivers/vfio/Makefile:2: error: stop here" \
	"$KC_BIN" modules --kconfig "$TMP/error"
broken self drivers/Makefile $'\nA = $(B)\nB = $(A)\nobj-y += $(A)\n'
expect_error "self-reference" \
	"drivers/Makefile:2: error: Recursive variable 'A' references itself" \
	"$KC_BIN" modules --kconfig "$TMP/self"
broken unterminated drivers/iommu/Makefile $'obj-y += $(foo\n'
expect_error "unterminated reference" \
	"drivers/iommu/Makefile:1: error: unterminated variable reference" \
	"$KC_BIN" modules --kconfig "$TMP/unterminated"
broken nodir drivers/Makefile $'obj-y += missing/\n'
expect_error "a folder without a Makefile" \
	"drivers/missing/Makefile: error:.*no Kbuild or Makefile" \
	"$KC_BIN" modules --kconfig "$TMP/nodir"
broken loop Kbuild $'include Kbuild\n'
expect_error "include loop" "Kbuild:1: error: includes nested deeper than" \
	"$KC_BIN" modules --kconfig "$TMP/loop"
broken endif drivers/Makefile $'ifdef CONFIG_VFIO\nobj-y += vfio/\n'
expect_error "missing endif" "drivers/Makefile:1: error: missing 'endif'" \
	"$KC_BIN" modules --kconfig "$TMP/endif"
rm -rf "$TMP/notop" && cp -r "$TREE" "$TMP/notop" && rm "$TMP/notop/Kbuild"
expect_error "no top Kbuild" "no Kbuild or Makefile at the top" \
	"$KC_BIN" modules --kconfig "$TMP/notop"
expect_error "unknown format" "format" "${MODULES[@]}" --format yaml

# ---- the embedded models with Kbuild files -------------------------------------------

for dir in "$KC_SOURCE_DIR"/kconfig/*/; do
	model=$(basename "$dir")
	[ -f "$dir/Kbuild" ] || continue
	checks=$((checks + 1))
	run "$KC_BIN" modules --model "$model" --format json
	if [ "$rc" -ne 0 ] || ! jq -e '.complete' "$TMP/out" >/dev/null; then
		fail "embedded model $model: exit $rc; $(head -c 300 "$TMP/err")"
	fi
	# a distribution's choices build the VFIO modules
	[ -f "$KC_SOURCE_DIR/examples/distro.config" ] || continue
	checks=$((checks + 1))
	run "$KC_BIN" modules --model "$model" --format order \
		"$KC_SOURCE_DIR/examples/distro.config"
	if [ "$rc" -ne 0 ] || ! grep -q '^kernel/drivers/vfio/vfio.ko$' "$TMP/out"; then
		fail "embedded model $model, distro.config: exit $rc; $(head -c 300 "$TMP/out")"
	fi
done

echo "test_modules.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
