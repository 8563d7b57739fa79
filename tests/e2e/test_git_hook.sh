#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_git_hook.sh - contrib/git-hooks/pre-commit in a small kernel-like
# git tree: staged Kconfig changes are parsed, staged defconfigs are
# checked with the architecture from their arch/ARCH/configs/ path, staged
# fragments are merged as `make NAME.config` merges them, what is
# checked is the index (not the working tree), and a real `git commit` is
# refused or accepted accordingly.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both) and git.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v git >/dev/null || { echo "test_git_hook.sh: git is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HOOK=$KC_SOURCE_DIR/contrib/git-hooks/pre-commit
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# The tiny tree has none of the VFIO symbols the built-in policy pack
# names: leave the pack out (and so test the checkArgs setting).
export KC_CHECK_ARGS=--no-default-rules
export KC_DIFF_ARGS="--quick --no-default-rules"

# hook WHAT WANT-RC: runs the hook in the tree; output in $TMP/out.
hook() {
	checks=$((checks + 1))
	(cd "$TMP/linux" && VFIO_KCONFIG_CHECK=$KC_BIN bash "$HOOK") >"$TMP/out" 2>&1
	rc=$?
	[ "$rc" -eq "$2" ] || fail "$1: hook exit $rc, want $2: $(head -c 600 "$TMP/out")"
}

git_() {
	git -C "$TMP/linux" -c user.name=test -c user.email=test@example.invalid \
		-c init.defaultBranch=main -c commit.gpgsign=false "$@"
}

# ---- a tiny tree: two architectures, a driver, an arm64 defconfig ------------------

mkdir -p "$TMP/linux/arch/x86" "$TMP/linux/arch/arm64/configs" "$TMP/linux/drivers"
cd "$TMP/linux" || exit 1
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n' >Makefile
cat >Kconfig <<'KC'
mainmenu "Test $(SRCARCH)"
source "arch/$(SRCARCH)/Kconfig"
source "drivers/Kconfig"
KC
printf 'config X86\n\tdef_bool y\n' >arch/x86/Kconfig
printf 'config ARM64\n\tdef_bool y\n' >arch/arm64/Kconfig
cat >drivers/Kconfig <<'KC'
config PCI
	bool "PCI"
config VFIO
	bool "VFIO"
	depends on PCI
config ARM_ONLY
	bool "arm64 only"
	depends on ARM64
KC
printf 'CONFIG_PCI=y\nCONFIG_VFIO=y\nCONFIG_ARM_ONLY=y\n' >arch/arm64/configs/defconfig
git_ init -q . && git_ add -A && git_ commit -q -m base --no-verify || exit 1

# Nothing relevant staged: nothing to do.
echo readme >README && git_ add README
hook "an unrelated file" 0
[ ! -s "$TMP/out" ] || fail "an unrelated file: the hook printed: $(head -c 200 "$TMP/out")"
git_ reset -q

# A defconfig under arch/arm64 is checked with ARCH=arm64: ARM_ONLY holds.
echo >>arch/arm64/configs/defconfig
git_ add arch/arm64/configs/defconfig
hook "arm64 defconfig" 0
grep -q 'check arch/arm64/configs/defconfig (ARCH=arm64)' "$TMP/out" ||
	fail "arm64 defconfig: not checked with ARCH=arm64: $(cat "$TMP/out")"

# VFIO without PCI does not survive: an error, the commit is refused, and
# the report names the tree's path, not the hook's copy.
printf 'CONFIG_VFIO=y\nCONFIG_ARM_ONLY=y\n' >arch/arm64/configs/defconfig
git_ add arch/arm64/configs/defconfig
hook "VFIO without PCI" 1
grep -q '^arch/arm64/configs/defconfig:1: error: .*VFIO' "$TMP/out" ||
	fail "VFIO without PCI: no error naming arch/arm64/configs/defconfig:1: $(cat "$TMP/out")"
checks=$((checks + 1))
mkdir -p .git/hooks && cp "$HOOK" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
git_ config vfio-kconfig-check.binary "$KC_BIN"
git_ config vfio-kconfig-check.checkArgs --no-default-rules
if git_ commit -q -m bad >/dev/null 2>&1; then
	fail "git commit went through with a failing defconfig"
	git_ reset -q --soft HEAD~1
fi

# The index decides: fixed in the index, broken in the working tree.
printf 'CONFIG_PCI=y\nCONFIG_VFIO=y\n' >arch/arm64/configs/defconfig
git_ add arch/arm64/configs/defconfig
printf 'CONFIG_VFIO=y\n' >arch/arm64/configs/defconfig
hook "good in the index, bad in the working tree" 0
checks=$((checks + 1))
git_ commit -q -m good >/dev/null 2>&1 || fail "git commit of a good defconfig was refused"
git_ checkout -q -- arch/arm64/configs/defconfig

# A Kconfig syntax error is caught by parse; the message names the file.
printf 'config BROKEN\n\tbool "broken"\n\tdepends on (PCI\n' >>drivers/Kconfig
git_ add drivers/Kconfig
hook "Kconfig syntax error" 1
grep -q '^drivers/Kconfig:' "$TMP/out" || fail "Kconfig syntax error: drivers/Kconfig not named: $(cat "$TMP/out")"
checks=$((checks + 1))
if git_ commit -q -m broken >/dev/null 2>&1; then
	fail "git commit went through with a broken Kconfig"
fi

# ... and the staged copy is what is parsed: fix the working tree only.
git_ show HEAD:drivers/Kconfig >drivers/Kconfig
hook "broken in the index, fixed in the working tree" 1

# diff: a Kconfig change that lets a rule break is refused; the report
# says what changed, read from the index.
git_ checkout -q HEAD -- drivers/Kconfig
cat >"$TMP/pci-vfio.yaml" <<'YAML'
schema: vfio-kconfig-check/rules/1
rules:
  - id: test/vfio-needs-pci
    title: VFIO needs PCI
    severity: error
    scope: kconfig
    if: VFIO
    then: PCI
YAML
sed -i 's/^\tdepends on PCI$/\tdepends on PCI || X86/' drivers/Kconfig
git_ add drivers/Kconfig
KC_DIFF_ARGS="--quick --no-default-rules --rules $TMP/pci-vfio.yaml" hook "a dependency loosened past a rule" 1
grep -q 'diff HEAD: INDEX:' "$TMP/out" || fail "diff: not run: $(cat "$TMP/out")"
grep -q 'the dependencies of VFIO changed' "$TMP/out" || fail "diff: the change not reported: $(cat "$TMP/out")"
grep -q 'test/vfio-needs-pci changed from "holds"' "$TMP/out" || fail "diff: the verdict not reported: $(cat "$TMP/out")"
KC_DIFF=false KC_DIFF_ARGS="--quick --no-default-rules --rules $TMP/pci-vfio.yaml" hook "diff turned off" 0
git_ checkout -q HEAD -- drivers/Kconfig

# Settings: KC_ARCH picks the architecture for paths that do not say it.
git_ checkout -q HEAD -- drivers/Kconfig
printf 'CONFIG_ARM_ONLY=y\n' >.config
git_ add -f .config
KC_ARCH=x86_64 hook "ARM_ONLY in an x86_64 .config" 1
grep -q 'check .config (ARCH=x86_64)' "$TMP/out" || fail "KC_ARCH: $(cat "$TMP/out")"
KC_ARCH=arm64 hook "ARM_ONLY in an arm64 .config" 0

# A fragment is merged as `make vfio.config` merges it: kernel/configs/
# vfio.config and arch/arm64/configs/vfio.config, onto arm64's defconfig.
git_ reset -q
mkdir -p kernel/configs
printf 'CONFIG_VFIO=y\n' >kernel/configs/vfio.config
printf '# CONFIG_PCI is not set\n' >arch/arm64/configs/vfio.config
git_ add kernel/configs/vfio.config arch/arm64/configs/vfio.config
KC_ARCH=arm64 hook "a fragment that turns PCI off under VFIO" 1
grep -q 'check --base arch/arm64/configs/defconfig kernel/configs/vfio.config arch/arm64/configs/vfio.config (ARCH=arm64)' "$TMP/out" ||
	fail "fragments: not merged onto the defconfig: $(cat "$TMP/out")"
grep -q '^kernel/configs/vfio.config:1: error: .*VFIO' "$TMP/out" ||
	fail "fragments: no error naming kernel/configs/vfio.config:1: $(cat "$TMP/out")"
[ "$(grep -c '^pre-commit: vfio-kconfig-check check' "$TMP/out")" -eq 1 ] ||
	fail "fragments: the two files of one set are checked once: $(cat "$TMP/out")"
printf 'CONFIG_PCI=y\n' >arch/arm64/configs/vfio.config
git_ add arch/arm64/configs/vfio.config
KC_ARCH=arm64 hook "a fragment that keeps PCI" 0
KC_ARCH=arm64 KC_FRAGMENT_BASE=none hook "the same fragment onto the defaults" 0

echo "test_git_hook.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
