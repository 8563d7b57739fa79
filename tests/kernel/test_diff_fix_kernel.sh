#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# diff and fix on the whole linux-6.12 tree for x86_64:
#  - diff: the tree's Kconfig files against the same files with the
#    thread's proposed change applied to drivers/vfio/Kconfig and
#    drivers/iommu/iommufd/Kconfig, both read from git revisions of one
#    repository (REV: sides, as the pre-commit hook reads them): the
#    structural change, both /dev/vfio/vfio providers at once (a pair and
#    the rule verdict, an error), the container code built beside
#    iommufd's provider (presence conditions), exit 1; then a Makefile-only
#    change (container.o under another symbol), found through git's list of
#    changed files, with the two Makefile lines;
#  - diff of linux-6.1 and linux-6.12 under drivers/vfio and drivers/iommu,
#    module builds compared (iommufd is new);
#  - fix: a Debian config with VFIO_NOIOMMU wanted is one change, proven
#    minimal, and the fixed .config resolves to itself.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

git_() {
	git -C "$WORK/tree" -c user.name=test -c user.email=test@example.invalid \
		-c init.defaultBranch=main -c commit.gpgsign=false "$@"
}

main() {
	local out rc cfg
	need_trees
	need_bin
	need_tools git:git

	# Only what Kconfig and Kbuild read: the Kconfig files and the
	# Makefiles.  Kernel tests running GNU make in the tree at the same
	# time create and remove .tmp_PID folders there (Kbuild.include's
	# try-run): find skips them, and one vanishing under it is no failure.
	mkdir -p "$WORK/tree"
	(cd "$K612" && {
		find . -name '.tmp_*' -prune -o \( -name 'Kconfig*' -o -name 'Makefile*' \
			-o -name 'Kbuild*' -o -name '*.include' \) -print 2>/dev/null || true
	} | tar -cf - -T -) | tar -xf - -C "$WORK/tree"
	[[ -f $WORK/tree/drivers/vfio/Kconfig ]] || fail "no Kconfig files copied from $K612"
	git_ init -q
	git_ add -A
	git_ commit -q -m linux-6.12
	sed -i 's/select VFIO_CONTAINER if IOMMUFD=n/select VFIO_CONTAINER if IOMMUFD_VFIO_CONTAINER=n/' \
		"$WORK/tree/drivers/vfio/Kconfig"
	sed -i 's/^\tdepends on VFIO_GROUP && !VFIO_CONTAINER/\tdepends on VFIO_GROUP/; s/^\tdefault VFIO_GROUP && !VFIO_CONTAINER/\tdefault n/' \
		"$WORK/tree/drivers/iommu/iommufd/Kconfig"
	git_ add -A

	rc=0
	out=$("$KC_BIN" diff --quick --srctree "$WORK/tree" --arch x86_64 HEAD: INDEX: 2>&1) || rc=$?
	((rc == 1)) || fail "diff: exit $rc, want 1: $(head -c 2000 <<<"$out")"
	grep -qF 'now: select VFIO_CONTAINER if IOMMUFD_VFIO_CONTAINER=n' <<<"$out" ||
		fail "diff: the changed select is not reported"
	grep -qF 'VFIO_CONTAINER=y together with IOMMUFD_VFIO_CONTAINER=y is newly possible' <<<"$out" ||
		fail "diff: both providers, as a pair, not reported"
	grep -qF 'error: vfio/two-dev-vfio-vfio-providers changed from "holds"' <<<"$out" ||
		fail "diff: the rule verdict not reported"
	grep -qE 'drivers/vfio/container.o can be built with (IOMMUFD_VFIO_CONTAINER=y and VFIO_CONTAINER=y|VFIO_CONTAINER=y and IOMMUFD_VFIO_CONTAINER=y)' <<<"$out" ||
		fail "diff: the container code built beside iommufd's provider not reported"
	note "diff HEAD: INDEX: on linux-6.12: $(tail -1 <<<"$out")"

	# A Makefile-only change: container.o moved under VFIO_GROUP.  git
	# names the changed Makefile; its folder's presence conditions are
	# compared, with a witness.
	git_ commit -q -m proposed
	sed -i 's/^vfio-$(CONFIG_VFIO_CONTAINER) += container.o/vfio-$(CONFIG_VFIO_GROUP) += container.o/' \
		"$WORK/tree/drivers/vfio/Makefile"
	git_ add -A
	rc=0
	out=$("$KC_BIN" diff --quick --srctree "$WORK/tree" --arch x86_64 HEAD: INDEX: 2>&1) || rc=$?
	((rc == 0)) || fail "diff of a Makefile: exit $rc, want 0: $(head -c 2000 <<<"$out")"
	grep -qF 'drivers/vfio/Makefile:8: note: the presence condition of drivers/vfio/container.o changed' <<<"$out" ||
		fail "diff of a Makefile: container.o not reported: $(head -c 2000 <<<"$out")"
	grep -qF 'now: vfio-$(CONFIG_VFIO_GROUP) += container.o' <<<"$out" ||
		fail "diff of a Makefile: the new line not given"
	note "diff of drivers/vfio/Makefile on linux-6.12: $(tail -1 <<<"$out")"

	# Two releases: linux-6.1 to linux-6.12 under drivers/vfio and
	# drivers/iommu, the module builds compared too (6.1's arch/x86/
	# Makefile indents directives with tabs; the presence conditions read
	# it once, not in every folder).
	rc=0
	out=$("$KC_BIN" diff --quick --arch x86_64 --under drivers/vfio --under drivers/iommu \
		"$K61" "$K612" 2>&1) || rc=$?
	((rc == 0)) || fail "diff 6.1 6.12: exit $rc, want 0: $(head -c 2000 <<<"$out")"
	! grep -F 'diff/build-not-compared' <<<"$out" ||
		fail "diff 6.1 6.12: the module builds not compared"
	grep -qF "drivers/iommu/iommufd/Makefile: note: the presence condition of drivers/iommu/iommufd/main.o changed: on the witness it is built as (or into) a module with NEW's Makefiles, not built with OLD's [diff/build-changed]" <<<"$out" ||
		fail "diff 6.1 6.12: iommufd (new in 6.2) not reported as a changed build: $(head -c 2000 <<<"$out")"
	note "diff linux-6.1 linux-6.12 under drivers/vfio and drivers/iommu: $(grep -c 'diff/build-' <<<"$out") build findings; $(tail -1 <<<"$out")"

	cfg=$CONFIGS/config.amd64_none_amd64
	[[ -f $cfg ]] || fail "no $cfg"
	out=$("$KC_BIN" fix --srctree "$K612" --arch x86_64 "$cfg" --want VFIO_NOIOMMU=y \
		-o "$WORK/fixed.config")
	grep -qF '1 change (minimal: the solver proved no fix with 0 exists)' <<<"$out" ||
		fail "fix: not one proven change: $out"
	grep -qx 'CONFIG_VFIO_NOIOMMU=y' "$WORK/fixed.config" || fail "fix: VFIO_NOIOMMU=y is not in the fixed .config"
	"$KC_BIN" resolve --srctree "$K612" --arch x86_64 "$WORK/fixed.config" -o "$WORK/resolved.config"
	cmp -s "$WORK/fixed.config" "$WORK/resolved.config" || fail "fix: the fixed .config does not resolve to itself"
	note "fix --want VFIO_NOIOMMU=y on $(basename "$cfg"): one change"
}

main "$@"
