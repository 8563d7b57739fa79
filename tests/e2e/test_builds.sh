#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_builds.sh - builds and presence end to end on the embedded models:
#  - builds -o DIR, limited to drivers/iommu/iommufd and drivers/vfio/platform:
#    the builds' counts add up to the model's number of valid
#    configurations, and that number equals a second count of the same
#    CNF by an independent counter (count_dimacs.py); every representative
#    .config of the 40 largest builds is a fixed point (resolve leaves it
#    unchanged); the modules
#    command on it writes the build's modules.order and, with --format
#    kbuild, the build's generated Kbuild;
#  - presence conditions against the walk: on random valid configurations
#    (random inputs resolved), every object's and module's conditions, as
#    printed and evaluated as Kconfig expressions, say what the walk built;
#  - builds --counts on the whole of vfio-6.6's drivers/vfio/pci; on the
#    whole model, more values of the symbols read than --max-values: the
#    builds counted, not listed, in bounded memory, and on smaller parts
#    the counted answer (each folder's builds) against the listed one
#    (builds_by_folder.py);
#  - presence against the walk on every configuration of a small tree
#    whose Makefile continues "prefix-$(CONFIG_X) +=" lines with
#    backslashes and reads their list back into a -objs list, and of one
#    whose Makefile includes files by its own variables, around
#    conditionals that set only flags (its readings cut to the lines that
#    set the lists).
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both), jq and python3.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "test_builds.sh: jq is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "test_builds.sh: python3 is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
UNDER=(--under drivers/iommu/iommufd --under drivers/vfio/platform)

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

check_builds() {
	local model=$1 out=$TMP/$model total sum second id n
	if ! timeout 300 "$KC_BIN" builds --model "$model" "${UNDER[@]}" -o "$out" \
		2>"$TMP/err"; then
		fail "$model: builds -o failed: $(head -3 "$TMP/err")"
		return
	fi
	total=$(jq '.configurations' "$out/index.json")
	sum=$(jq '[.builds[].configurations] | add' "$out/index.json")
	n=$(jq '.builds | length' "$out/index.json")
	checks=$((checks + 1))
	[[ $total == "$sum" ]] || fail "$model: counts add up to $sum, not $total"
	"$KC_BIN" export --dimacs --model "$model" -o "$TMP/$model.cnf"
	second=$(timeout 600 python3 "$KC_SOURCE_DIR/tests/e2e/count_dimacs.py" \
		"$TMP/$model.cnf")
	checks=$((checks + 1))
	[[ $second == "$total" ]] ||
		fail "$model: $total valid configurations, the second count says $second"
	echo "$model: $total valid configurations (counted twice), $n builds under ${UNDER[*]}"
	# the 40 largest builds: each resolve and modules run costs a process
	for id in $(jq -r '.builds[:40][].id' "$out/index.json"); do
		checks=$((checks + 1))
		"$KC_BIN" resolve --model "$model" "$out/$id/config" -o "$TMP/resolved" 2>/dev/null
		cmp -s "$out/$id/config" "$TMP/resolved" ||
			fail "$model build $id: its config is no fixed point"
		"$KC_BIN" modules --model "$model" "$out/$id/config" --format order \
			"${UNDER[@]}" >"$TMP/order"
		cmp -s "$out/$id/modules.order" "$TMP/order" ||
			fail "$model build $id: modules.order differs from the modules command's"
		# The generated Kbuild (after its comment line) is the one modules
		# writes for the representative (tests/kernel/test_real_compile.sh
		# compiles those).
		"$KC_BIN" modules --model "$model" "$out/$id/config" --format kbuild \
			"${UNDER[@]}" >"$TMP/kbuild"
		tail -n +2 "$out/$id/Kbuild" | cmp -s - "$TMP/kbuild" ||
			fail "$model build $id: Kbuild differs from modules --format kbuild"
	done
}

# A random .config over the model's symbols (seeded), for resolve.
random_input() {
	python3 - "$1" "$2" <<'EOF'
import random, re, sys
names = sorted({m.group(1) for m in re.finditer(r'^c var \d+ (\w+)(=y|>=m)$',
        open(sys.argv[1]).read(), re.M)})
r = random.Random(int(sys.argv[2]))
for n in names:
    print('CONFIG_%s=%s' % (n, r.choice('nmyy')))
EOF
}

# Do the presence conditions say, on this configuration, what the walk built?
compare_presence() {
	python3 - "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
built = {}
for mod in doc['modules']:
    built.setdefault(('module', mod['name']), set()).add(mod['kind'])
    for o in mod['objects']:
        built.setdefault(('object', o), set()).add(mod['kind'])
bad = 0
for p in doc['presence']:
    want = ''.join(sorted(built.get((p['kind'], p['name']), set()), reverse=True)) or 'n'
    if p['here'] != want:
        print('%s %s: conditions say %s, the walk %s (y: %s; m: %s)' %
              (p['kind'], p['name'], p['here'], want, p['y'], p['m']))
        bad += 1
named = {(p['kind'], p['name']) for p in doc['presence']}
for k in built:
    if k not in named:
        print('%s %s: built, but has no presence condition' % k)
        bad += 1
print('compared %d' % len(doc['presence']), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

check_presence() {
	local model=$1 seed
	for seed in $(seq 1 12); do
		random_input "$TMP/$model.cnf" "$seed" >"$TMP/in.config"
		"$KC_BIN" resolve --model "$model" "$TMP/in.config" -o "$TMP/valid.config" \
			2>/dev/null
		"$KC_BIN" modules --model "$model" "$TMP/valid.config" --format json \
			--presence >"$TMP/modules.json" 2>"$TMP/err"
		checks=$((checks + 1))
		compare_presence "$TMP/modules.json" >"$TMP/diff" 2>/dev/null ||
			fail "$model seed $seed: $(head -3 "$TMP/diff")"
	done
}

for model in vfio-6.5 vfio-6.6 vfio-proposed; do
	check_builds "$model"
	check_presence "$model"
done

checks=$((checks + 1))
"$KC_BIN" presence --model vfio-6.6 drivers/vfio/group.o >"$TMP/out"
grep -qx '    m: VFIO=m && VFIO_GROUP' "$TMP/out" ||
	fail "presence drivers/vfio/group.o: $(cat "$TMP/out")"
checks=$((checks + 1))
"$KC_BIN" builds --model vfio-6.6 --under drivers/vfio/pci --counts >"$TMP/out"
grep -q '^distinct module builds: [0-9]' "$TMP/out" ||
	fail "builds --counts: $(head -5 "$TMP/out")"
# The whole of vfio-6.6 has 231 million values of the symbols read, and
# as many builds: they are counted, not listed, in bounded memory (under
# a limit on it, gathering the values would fail), each folder's own
# builds given with the configurations giving each.
# A sanitizer build reserves terabytes of address space, so it does not
# even start under the bound: it gets ASan's own limit on resident memory.
if ! bash -c 'ulimit -v 1000000 && "$0" --version' "$KC_BIN" >/dev/null 2>&1; then
	bounded() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=2000" timeout 120 "$@"; }
else
	bounded() { (ulimit -v 1000000 && timeout 120 "$@"); }
fi
for args in "--counts" "--counts --max-values 6000" ""; do
	checks=$((checks + 1))
	rc=0
	limit="--max-values"
	# shellcheck disable=SC2086
	bounded "$KC_BIN" builds --model vfio-6.6 $args >"$TMP/out" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] &&
		grep -qx 'configurations: 3877941072756543' "$TMP/out" &&
		grep -qx 'distinct values of them: 231278479' "$TMP/out" &&
		grep -qx 'distinct module builds: 231269839, not listed' "$TMP/out" &&
		grep -q "^note: more values of the symbols read than $limit: the builds are counted, not listed" "$TMP/out" &&
		[ "$(grep -c '^folder ' "$TMP/out")" -eq 14 ] &&
		grep -qx 'folder drivers/vfio/pci: 14 builds' "$TMP/out" &&
		grep -qx 'folder drivers/vfio/platform/reset: 27 builds' "$TMP/out" ||
		fail "builds $args on the whole of vfio-6.6: exit $rc, $(head -c 600 "$TMP/out")"
done
# Counted and listed agree where both can be had: the number of builds
# and of values, and each folder's builds with their configurations.
n=0
for args in "--under drivers/vfio/platform --max-builds 1" \
	"--under drivers/iommu/iommufd --max-builds 1" \
	"--under drivers/vfio/mdev --under drivers/vfio/fsl-mc --under drivers/vfio/cdx --max-builds 1" \
	"--under drivers/vfio/platform --under drivers/iommu/iommufd --under drivers/vfio/mdev --max-builds 100" \
	"--under drivers/vfio/pci --max-values 6152"; do
	n=$((n + 1))
	checks=$((checks + 1))
	listed=${args% --max-*}
	# shellcheck disable=SC2086
	"$KC_BIN" builds --model vfio-6.6 $listed --format json >"$TMP/listed$n.json" 2>"$TMP/err" &&
		"$KC_BIN" builds --model vfio-6.6 $args --counts --format json >"$TMP/counted$n.json" 2>>"$TMP/err" &&
		python3 "$KC_SOURCE_DIR/tests/e2e/builds_by_folder.py" "$TMP/listed$n.json" \
			"$TMP/counted$n.json" >"$TMP/out" 2>&1 ||
		fail "builds $args, counted against listed: $(cat "$TMP/err" "$TMP/out" | head -c 600)"
done
checks=$((checks + 1))
"$KC_BIN" builds --model vfio-6.6 --under drivers/vfio/pci --counts --max-values 6153 >"$TMP/out" 2>&1 &&
	grep -qx 'distinct module builds: 5831' "$TMP/out" ||
	fail "builds --max-values 6153 on drivers/vfio/pci's 6,153 values: $(head -c 300 "$TMP/out")"
checks=$((checks + 1))
rc=0
"$KC_BIN" count --model vfio-6.6 --project VFIO,VFIO_PCI,VFIO_PCI_CORE --max-values 2 >"$TMP/out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q 'more than 2 distinct assignments' "$TMP/out" ||
	fail "count --project --max-values 2: exit $rc, $(head -c 300 "$TMP/out")"

# A folder with more builds than are listed (ten independent drivers,
# 3^10 builds) beside a small one (two drivers, 9): the number is exact
# (3^12; with MODULES=n, 2^12 configurations more and no build more),
# the small folder's builds listed, the large one's not.
mkdir -p "$TMP/many/big" "$TMP/many/small"
{
	printf 'config MODULES\n\tbool "modules"\n\tdefault y\n\tmodules\n'
	for i in 0 1 2 3 4 5 6 7 8 9; do printf 'config BIG%s\n\ttristate "big %s"\n' "$i" "$i"; done
	for i in 0 1; do printf 'config SMALL%s\n\ttristate "small %s"\n' "$i" "$i"; done
} >"$TMP/many/Kconfig"
printf 'obj-y += big/ small/\n' >"$TMP/many/Kbuild"
for i in 0 1 2 3 4 5 6 7 8 9; do printf 'obj-$(CONFIG_BIG%s) += b%s.o\n' "$i" "$i"; done >"$TMP/many/big/Makefile"
printf 'obj-$(CONFIG_SMALL0) += s0.o\nobj-$(CONFIG_SMALL1) += s1.o\n' >"$TMP/many/small/Makefile"
checks=$((checks + 1))
"$KC_BIN" builds --kconfig "$TMP/many" --max-builds 10 >"$TMP/out" 2>&1 &&
	grep -qx 'configurations: 535537' "$TMP/out" &&
	grep -qx 'distinct module builds: 531441, not listed' "$TMP/out" &&
	grep -qx 'folder big: more than 20000 builds, not listed' "$TMP/out" &&
	grep -qx 'folder small: 9 builds' "$TMP/out" &&
	grep -qx '    [0-9]: 60073 configurations, nothing built' "$TMP/out" &&
	[ "$(grep -c '^        [ym] small/s0\.' "$TMP/out")" -eq 6 ] ||
	fail "builds on a folder of 59,049 builds: $(head -c 600 "$TMP/out")"
checks=$((checks + 1))
"$KC_BIN" builds --kconfig "$TMP/many" --max-builds 10 --format json >"$TMP/out" 2>&1 &&
	jq -e '.by_folder.builds == 531441 and
		(.by_folder.folders[] | select(.folder == "big") | .builds == null and .more_than == 20000) and
		(.by_folder.folders[] | select(.folder == "small") | [.builds[].configurations] | add == 535537)' \
		"$TMP/out" >/dev/null ||
	fail "builds --format json on a folder of 59,049 builds: $(head -c 600 "$TMP/out")"

# kbuild: the Makefiles against Kconfig, on a small tree with one of each.
mkdir -p "$TMP/tree/drv"
cat >"$TMP/tree/Kconfig" <<'KCONFIG'
config MODULES
	bool "modules"
	default y
	modules
config FOO
	tristate "foo"
config ALWAYS_Y
	tristate
	default y
config NEVER
	bool
config PART
	bool "part"
KCONFIG
printf 'obj-y += drv/\n' >"$TMP/tree/Kbuild"
cat >"$TMP/tree/drv/Makefile" <<'MAKEFILE'
obj-$(CONFIG_FOO) += foo.o
foo-y := main.o
foo-$(CONFIG_PART) += part.o
obj-$(CONFIG_ALWAYS_Y) += always.o
obj-$(CONFIG_NEVER) += never.o
obj-$(CONFIG_NOWHERE) += nowhere.o
MAKEFILE
checks=$((checks + 1))
"$KC_BIN" kbuild --kconfig "$TMP/tree" --format json >"$TMP/kbuild.json" 2>"$TMP/err"
got=$(grep -o '"kbuild/[a-z-]*"' "$TMP/kbuild.json" | sort -u | tr -d '"' | tr '\n' ' ')
for rule in kbuild/undefined-symbol kbuild/never-built kbuild/never-module \
	kbuild/part-without-dependency; do
	[[ " $got " == *" $rule "* ]] || fail "kbuild: no $rule finding ($got)"
done

# presence_on NAME LABEL: TMP/NAME.in resolved on the tree TMP/NAME; the
# presence conditions must say what the walk of it builds.
presence_on() {
	local tree=$TMP/$1
	"$KC_BIN" resolve --kconfig "$tree" "$TMP/$1.in" -o "$TMP/$1.config" 2>/dev/null
	checks=$((checks + 1))
	if ! "$KC_BIN" modules --kconfig "$tree" "$TMP/$1.config" \
		--format json --presence >"$TMP/$1.json" 2>"$TMP/err"; then
		fail "$1 $2: modules: $(head -c 300 "$TMP/err")"
	elif ! compare_presence "$TMP/$1.json" >"$TMP/diff" 2>/dev/null; then
		fail "$1 $2: $(head -3 "$TMP/diff")"
	fi
}

# Presence conditions of the shapes a folder's Makefile is read once for:
# "prefix-$(CONFIG_X) += words" lines continued with backslashes, their
# list read back into a -objs list ("hci_uart-objs := $(hci_uart-y)"), one
# inside conditionals of each form (ifeq, ifneq, ifdef, ifndef with else,
# nested), and an int symbol's line whose list name may be any (width-4);
# the conditions must say what the walk builds on every configuration of
# the model.
mkdir -p "$TMP/shapes/drivers/bt"
cat >"$TMP/shapes/Kconfig" <<'KCONFIG'
config HCI
	tristate "hci"
config H4
	bool "h4"
	depends on HCI
config BCSP
	bool "bcsp"
	depends on HCI
config NET
	bool "net"
config WIDTH
	int "width"
	default 4
KCONFIG
printf 'obj-y += drivers/\n' >"$TMP/shapes/Kbuild"
printf 'obj-y += bt/\n' >"$TMP/shapes/drivers/Makefile"
cat >"$TMP/shapes/drivers/bt/Makefile" <<'MAKEFILE'
obj-$(CONFIG_HCI) += hci_uart.o
hci_uart-y := hci_ldisc.o
hci_uart-$(CONFIG_H4) += \
	hci_h4.o
hci_uart-$(CONFIG_BCSP) += hci_bcsp.o \
	hci_bcsp_crc.o
hci_uart-objs := $(hci_uart-y)
ifeq ($(CONFIG_NET),y)
obj-$(CONFIG_HCI) += hci_net.o
endif
ifdef CONFIG_BCSP
obj-$(CONFIG_HCI) += bcsp_extra.o
endif
ifneq ($(CONFIG_HCI),)
# a comment
obj-$(CONFIG_NET) += hci_any.o
endif
ifeq ($(CONFIG_HCI),m)
obj-$(CONFIG_NET) += hci_mod_net.o
endif
ifndef CONFIG_H4
obj-$(CONFIG_HCI) += no_h4.o
else
obj-$(CONFIG_HCI) += with_h4.o
endif
ifneq ($(CONFIG_H4),y)
ifeq ($(CONFIG_NET),y)
obj-$(CONFIG_HCI) += nested.o
endif
endif
obj-$(CONFIG_HCI) += width.o
width-$(CONFIG_WIDTH) += w4.o
width-objs := $(width-y)
MAKEFILE
for hci in n m y; do
	for h4 in n y; do
		for bcsp in n y; do
			for net in n y; do
				printf 'CONFIG_HCI=%s\nCONFIG_H4=%s\nCONFIG_BCSP=%s\nCONFIG_NET=%s\n' \
					"$hci" "$h4" "$bcsp" "$net" >"$TMP/shapes.in"
				presence_on shapes "$hci$h4$bcsp$net"
			done
		done
	done
done
# A rule, then lines taken out, then tab-started lines: whether those are
# recipe lines (not read) depends on the assignments before them, which
# must still end the rule's recipe once taken out.
mkdir -p "$TMP/recipe/drivers/bt"
printf 'config A\n\tbool "a"\nconfig B\n\ttristate "b"\nconfig C\n\ttristate "c"\n' \
	>"$TMP/recipe/Kconfig"
printf 'obj-y += drivers/\n' >"$TMP/recipe/Kbuild"
printf 'obj-y += bt/\n' >"$TMP/recipe/drivers/Makefile"
printf '%s\n' '$(obj)/x.o: FORCE' 'ifeq ($(CONFIG_A),y)' 'obj-$(CONFIG_B) += b.o' 'endif' \
	'	obj-$(CONFIG_C) += c.o' '$(obj)/y.o: FORCE' 'obj-$(CONFIG_B) += \' '	b2.o' \
	'	obj-$(CONFIG_C) += c2.o' >"$TMP/recipe/drivers/bt/Makefile"
for a in n y; do
	for b in n m y; do
		for c in n m y; do
			printf 'CONFIG_A=%s\nCONFIG_B=%s\nCONFIG_C=%s\n' "$a" "$b" "$c" >"$TMP/recipe.in"
			presence_on recipe "$a$b$c"
		done
	done
done

# A folder whose Makefile includes files by its own variables ($(src)/..,
# $(addsuffix) of a list), one only when DC is set, with conditionals that
# set only flags (on CLANG, KASAN, an int symbol) around and in them, and a
# composite whose name a variable gives (extra_$(BITS)): the readings are
# cut to the lines that set the lists, and must still say what the walk
# builds.
mkdir -p "$TMP/cut/drivers/gpu" "$TMP/cut/drivers/display/sub"
cat >"$TMP/cut/Kconfig" <<'KCONFIG'
config DRM
	tristate "drm"
config DC
	bool "dc"
	depends on DRM
config FP
	bool "fp"
config CLANG
	bool "clang"
config KASAN
	bool "kasan"
config X64
	bool "x64"
config FRAME
	int "frame"
	default 2048
KCONFIG
printf 'obj-y += drivers/\n' >"$TMP/cut/Kbuild"
printf 'obj-y += gpu/\n' >"$TMP/cut/drivers/Makefile"
cat >"$TMP/cut/drivers/gpu/Makefile" <<'MAKEFILE'
FULL_PATH = $(src)/..
ccflags-y := -I$(FULL_PATH)/inc
ifeq ($(CONFIG_CLANG),y)
ccflags-y += -Wno-x
endif
gpu-y := core.o
ifeq ($(CONFIG_X64),y)
BITS := 64
else
BITS := 32
endif
gpu-y += part_$(BITS).o
ifneq ($(CONFIG_DC),)
include $(FULL_PATH)/display/Makefile
gpu-y += $(DISPLAY_FILES)
endif
include $(FULL_PATH)/common.mk
gpu-y += $(COMMON)
obj-$(CONFIG_DRM) += gpu.o
obj-$(CONFIG_DRM) += extra_$(BITS).o
extra_$(BITS)-y := e1.o e2_$(BITS).o
MAKEFILE
cat >"$TMP/cut/drivers/display/Makefile" <<'MAKEFILE'
ifneq ($(CONFIG_FRAME),0)
ifeq ($(CONFIG_KASAN),y)
frame_flag := -Wframe-larger-than=$(CONFIG_FRAME)
endif
endif
CFLAGS_dc.o := $(frame_flag)
DISPLAY_FILES := dc.o
ifdef CONFIG_FP
DISPLAY_FILES += fp.o
endif
DISPLAY_LIBS = sub
include $(addsuffix /Makefile,$(addprefix $(FULL_PATH)/display/,$(DISPLAY_LIBS)))
MAKEFILE
printf '%s\n' 'ifeq ($(CONFIG_CLANG),y)' 'subdir-ccflags-y += -Wno-y' 'endif' \
	'DISPLAY_FILES += sub/s.o' >"$TMP/cut/drivers/display/sub/Makefile"
printf '%s\n' 'COMMON := common.o' 'ifeq ($(CONFIG_KASAN),y)' \
	'CFLAGS_common.o += -O1' 'endif' >"$TMP/cut/drivers/common.mk"
for drm in n m y; do
	for dc in n y; do
		for fp in n y; do
			for x64 in n y; do
				for flags in n y; do
					printf 'CONFIG_DRM=%s\nCONFIG_DC=%s\nCONFIG_FP=%s\nCONFIG_X64=%s\n' \
						"$drm" "$dc" "$fp" "$x64" >"$TMP/cut.in"
					printf 'CONFIG_CLANG=%s\nCONFIG_KASAN=%s\n' "$flags" "$flags" \
						>>"$TMP/cut.in"
					presence_on cut "$drm$dc$fp$x64$flags"
				done
			done
		done
	done
done
# the int symbol only sets a flag: the cut readings never read it
checks=$((checks + 1))
"$KC_BIN" presence --kconfig "$TMP/cut" drivers/gpu/sub/s.o >"$TMP/out" 2>&1
grep -q 'y: DRM=y && DC$' "$TMP/out" && ! grep -q 'FRAME' "$TMP/out" ||
	fail "presence drivers/gpu/sub/s.o: $(cat "$TMP/out")"

# and the object on the continued line is built with H4 only
checks=$((checks + 1))
"$KC_BIN" presence --kconfig "$TMP/shapes" drivers/bt/hci_h4.o >"$TMP/out" 2>&1
grep -q 'H4' "$TMP/out" || fail "presence drivers/bt/hci_h4.o: $(cat "$TMP/out")"

# the limits take positive numbers only: a usage error (exit 2) otherwise
for flag in --max-builds --max-values; do
	for bad in 0 -5 12x abc; do
		checks=$((checks + 1))
		rc=0
		"$KC_BIN" builds --model vfio-6.6 "$flag" "$bad" >"$TMP/out" 2>&1 || rc=$?
		[[ $rc == 2 ]] && grep -q -- "$flag takes a positive number, not '$bad'" "$TMP/out" ||
			fail "builds $flag $bad: exit $rc, $(head -n 2 "$TMP/out")"
	done
done

echo "test_builds.sh: $checks checks, $failures failures"
[[ $failures == 0 ]]
