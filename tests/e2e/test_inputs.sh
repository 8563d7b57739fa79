#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_inputs.sh - the kinds of .config check takes and what each owes:
# bad content is an error (an empty file, a line that is no assignment, a
# value of the wrong type); against a partial model (the embedded ones, or
# --kconfig DIR --partial) a symbol outside it is counted, not reported,
# except a likely misspelling, and absent stand-ins are fine; a defconfig
# leaves symbols out on purpose and gets savedefconfig's lint as notes;
# fragments are merged onto --base in order, each override a note naming
# both lines; kinds come from names or --input.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both) and jq.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"

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
	checks=$((checks + 1))
	timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# want_rc N WHAT: the last run exited N.
want_rc() {
	[ "$rc" -eq "$1" ] ||
		fail "$2: exit $rc, want $1; $(head -c 400 "$TMP/out" "$TMP/err")"
}

# has JQ WHAT: the last run's JSON report satisfies JQ.
has() {
	checks=$((checks + 1))
	jq -e "$1" "$TMP/out" >/dev/null 2>&1 ||
		fail "$2: $(head -c 600 "$TMP/out")"
}

# The default example, a whole .config of the embedded model.
FULL=$KC_SOURCE_DIR/examples/distro.config

# ---- bad content is an error ---------------------------------------------
: >"$TMP/empty.config"
run "$KC_BIN" check --format json "$TMP/empty.config"
want_rc 1 "an empty file"
has '.configs[0].findings | any(.rule == "kconfig/empty" and .severity == "error" and .location.line == 1)' \
	"an empty file is a kconfig/empty error at line 1"

printf '# only a comment\n\n' >"$TMP/comments.config"
run "$KC_BIN" check "$TMP/comments.config"
want_rc 1 "a file of comments"

printf 'garbage line\nCONFIG_VFIO=maybe\n' >"$TMP/garbage.config"
run "$KC_BIN" check --format json "$TMP/garbage.config"
want_rc 1 "garbage and a wrong value"
has '[.configs[0].findings[] | select(.severity == "error") | [.rule, .location.line]] | contains([["kconfig/malformed-line", 1], ["kconfig/invalid-value", 2]])' \
	"garbage line and VFIO=maybe are errors with their lines"

# ---- a partial model -------------------------------------------------------
{ cat "$FULL"; printf 'CONFIG_NOT_IN_THE_MODEL=y\nCONFIG_EXT4_FS=m\n'; } >"$TMP/real.config"
run "$KC_BIN" check --format json "$TMP/real.config"
want_rc 0 "symbols outside the embedded model"
has '.configs[0] | .outside_model == 2 and .kind == "full" and ([.findings[] | select(.rule | startswith("kconfig/"))] | length == 0)' \
	"two lines outside the model, no finding"
run "$KC_BIN" check "$TMP/real.config"
grep -q '; 2 lines outside the model$' "$TMP/out" ||
	fail "the text summary counts the lines outside the model: $(tail -1 "$TMP/out")"

# A stand-in absent (another architecture's) is no finding.
grep -v -e '^# CONFIG_ARM64 is not set' -e '^# CONFIG_S390 is not set' "$FULL" >"$TMP/x86.config"
run "$KC_BIN" check --format json "$TMP/x86.config"
want_rc 0 "absent stand-ins"
has '[.configs[0].findings[] | select(.rule | startswith("kconfig/"))] | length == 0' \
	"absent stand-ins give no finding"

# A VFIO symbol left out of a full .config still is.
grep -v '^CONFIG_VFIO_GROUP=' "$FULL" >"$TMP/nogroup.config"
run "$KC_BIN" check --format json "$TMP/nogroup.config"
has '.configs[0].findings | any(.rule == "kconfig/missing" and .symbol == "VFIO_GROUP")' \
	"a model symbol left out is kconfig/missing"

# A misspelt model symbol is still reported.
run "$KC_BIN" check --format json "$KC_SOURCE_DIR/examples/typo.config"
has '[.configs[0].findings[] | select(.rule == "kconfig/unknown-symbol")] | length == 2' \
	"misspellings of model symbols are unknown-symbol findings"

# --kconfig DIR is a whole tree unless --partial says otherwise.
run "$KC_BIN" check --kconfig "$KC_SOURCE_DIR/kconfig/vfio-6.6" --format json "$TMP/real.config"
has '.configs[0] | .outside_model == 0 and ([.findings[] | select(.rule == "kconfig/unknown-symbol")] | length == 2)' \
	"--kconfig: symbols it does not define are unknown"
run "$KC_BIN" check --kconfig "$KC_SOURCE_DIR/kconfig/vfio-6.6" --partial --format json "$TMP/real.config"
want_rc 0 "--kconfig --partial"
has '.configs[0].outside_model == 2' "--kconfig --partial counts lines outside"
run "$KC_BIN" check --partial "$TMP/real.config"
want_rc 2 "--partial without --kconfig"

# ---- defconfigs --------------------------------------------------------------
printf 'CONFIG_IOMMUFD=m\nCONFIG_VFIO=m\nCONFIG_VFIO_PCI=m\n' >"$TMP/vfio_defconfig"
run "$KC_BIN" check --format json "$TMP/vfio_defconfig"
want_rc 0 "a minimal defconfig"
has '.configs[0] | .kind == "defconfig" and (.findings | all(.severity == "note"))' \
	"a defconfig: no missing symbols, notes at most"

# Restated defaults, a value a select forces, the order, a duplicate.
printf 'CONFIG_VFIO=m\nCONFIG_IOMMUFD=m\nCONFIG_VFIO_GROUP=y\nCONFIG_VFIO_VIRQFD=y\nCONFIG_VFIO_PCI=m\nCONFIG_VFIO_PCI=m\n' >"$TMP/lint_defconfig"
run "$KC_BIN" check --format json "$TMP/lint_defconfig"
want_rc 0 "the lint is notes"
has '[.configs[0].findings[] | [.rule, .location.line]] | contains([["kconfig/order", 2], ["kconfig/redundant", 3], ["kconfig/redundant", 4], ["kconfig/duplicate", 5]])' \
	"the defconfig lint: duplicate, order, restated default, forced by select"

# A line that does not survive is an error, with its reasons.
printf 'CONFIG_VFIO=m\nCONFIG_VFIO_DEVICE_CDEV=y\n' >"$TMP/cdev_defconfig"
run "$KC_BIN" check --format json "$TMP/cdev_defconfig"
want_rc 1 "a defconfig line that does not survive"
has '.configs[0].findings | any(.rule == "kconfig/not-written" and .location.line == 2 and (.notes | length > 0))' \
	"the dropped line, with its reason chain"

# --input overrides the name.
cp "$TMP/vfio_defconfig" "$TMP/plain.config"
run "$KC_BIN" check --input defconfig --format json "$TMP/plain.config"
has '.configs[0].kind == "defconfig"' "--input defconfig"
run "$KC_BIN" check --input full --format json "$TMP/vfio_defconfig"
has '.configs[0].kind == "full" and any(.configs[0].findings[]; .rule == "kconfig/missing")' \
	"--input full"

# ---- fragments -----------------------------------------------------------------
mkdir -p "$TMP/kernel/configs"
printf 'CONFIG_IOMMUFD=y\nCONFIG_VFIO=m\n' >"$TMP/kernel/configs/a.config"
printf 'CONFIG_VFIO=y\nCONFIG_VFIO_DEVICE_CDEV=y\n' >"$TMP/b.fragment"
run "$KC_BIN" check --format json "$TMP/kernel/configs/a.config" "$TMP/b.fragment"
want_rc 0 "two fragments"
has '(.configs | length == 1) and .configs[0].kind == "fragment"' "the fragments are one check"
has '.configs[0].findings | any(.rule == "kconfig/override" and .symbol == "VFIO" and (.location.file | endswith("a.config")) and .location.line == 2 and (.notes[0].location.file | endswith("b.fragment")) and .notes[0].location.line == 1)' \
	"an override names both lines"

run "$KC_BIN" check --each --format json "$TMP/kernel/configs/a.config" "$TMP/b.fragment"
want_rc 1 "two fragments, each on its own (b alone lacks IOMMUFD)"
has '(.configs | length == 2) and all(.configs[]; .kind == "fragment") and all(.configs[].findings[]; .rule != "kconfig/override")' \
	"--each checks every fragment alone"

# Onto a base: the base's lines too must survive.
printf '# CONFIG_VFIO_NOIOMMU is not set\n' >"$TMP/safe.fragment"
run "$KC_BIN" check --format json --base "$FULL" "$TMP/safe.fragment"
want_rc 0 "a fragment onto the example"
has '.configs[0].findings | any(.rule == "kconfig/override" and .symbol == "VFIO_NOIOMMU") and all(.rule != "vfio/noiommu")' \
	"the fragment overrides the base"
printf 'CONFIG_IOMMUFD=n\n' >"$TMP/off.fragment"
run "$KC_BIN" check --format json --base "$FULL" "$TMP/off.fragment"
want_rc 1 "a fragment that drops what the base asks for"
has '.configs[0].findings | any(.rule == "kconfig/not-written" and .symbol == "VFIO_DEVICE_CDEV" and (.location.file | endswith("distro.config")))' \
	"the base line the fragment breaks is reported in the base"
run "$KC_BIN" check --base "$FULL" "$TMP/vfio_defconfig"
want_rc 2 "--base without fragments"

# A whole .config that lies in a folder named kernel/configs (a distro's
# configs unpacked there) is no fragment: only NAME.config files are.
mkdir -p "$TMP/data/kernel/configs"
cp "$FULL" "$TMP/data/kernel/configs/config.amd64_none_amd64"
cp "$FULL" "$TMP/data/kernel/configs/config.amd64_none_cloud-amd64"
run "$KC_BIN" check --format json "$TMP/data/kernel/configs/config.amd64_none_amd64" \
	"$TMP/data/kernel/configs/config.amd64_none_cloud-amd64"
has '(.configs | length == 2) and all(.configs[]; .kind == "full")' \
	"configs under a kernel/configs folder without .config are full"
mkdir -p "$TMP/notkernel/configs"
printf 'CONFIG_VFIO=m\n' >"$TMP/notkernel/configs/x.config"
run "$KC_BIN" check --format json "$TMP/notkernel/configs/x.config"
has '.configs[0].kind == "full"' "notkernel/configs is not kernel/configs"

echo "test_inputs.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
