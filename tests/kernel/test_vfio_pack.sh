#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The built-in VFIO/IOMMUFD rule pack (rules/vfio.yaml) against Debian's
# real kernel trees:
#
#   1. it binds cleanly to linux-6.12 for x86_64, arm64 and s390, with all
#      nine rules applying, and to linux-6.1 (x86_64), where only
#      vfio/noiommu applies (the other rules name symbols of 6.2 and 6.6);
#      the hardening example binds to the three 6.12 trees too, its x86
#      rules applying on x86_64 only, and the page-table-isolation rule of
#      the version that has the symbol;
#   2. Debian's three amd64 6.12 configurations give exactly the findings
#      listed in DEBIAN_FINDINGS below, with the reason for each;
#   3. the thread's configuration, made from Debian's amd64 configuration
#      on the real tree, gives the /dev/vfio/vfio finding, and turning on
#      VFIO_NOIOMMU gives the taint warning.
#
# Checks are hermetic (no --shell): no VFIO or IOMMUFD symbol depends on the
# build machine.  --only 'vfio/*' keeps the Kconfig findings of a hermetic
# check out of the comparison (test_check_diff.sh is about those).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

bad() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}

# The findings of the VFIO pack on Debian's configurations, one line each:
# CONFIG RULE SEVERITY SYMBOL LINE-TEXT.  Why a reader agrees:
#  - vfio/no-iommufd (note) on all three: Debian builds VFIO=m with
#    IOMMU_SUPPORT=y but "# CONFIG_IOMMUFD is not set", so there is no
#    /dev/iommu and no VFIO device cdev, only the legacy container.  True,
#    and a deliberate choice, hence a note (exit status 0).
#  - nothing else: Debian has VFIO_GROUP=y with VFIO_CONTAINER=y (so
#    /dev/vfio/vfio exists; IOMMUFD_VFIO_CONTAINER cannot be set without
#    IOMMUFD), VFIO_NOIOMMU not set, no IOMMUFD_TEST, and no cdev-only
#    setup.  The kconfig-scope rules hold, as Kconfig guarantees.
DEBIAN_FINDINGS='config.amd64_none_amd64 vfio/no-iommufd note IOMMUFD # CONFIG_IOMMUFD is not set
config.amd64_none_cloud-amd64 vfio/no-iommufd note IOMMUFD # CONFIG_IOMMUFD is not set
config.amd64_rt_amd64 vfio/no-iommufd note IOMMUFD # CONFIG_IOMMUFD is not set'

# rules_status TREE ARCH [ARGS...]: "ID STATUS" lines of --list-rules.
rules_status() {
	local tree=$1 arch=$2
	shift 2
	"$KC_BIN" check --srctree "$tree" --arch "$arch" --list-rules "$@" \
		2>"$WORK/err" | awk '{ print $1, $5 }' || {
		cat "$WORK/err" >&2
		return 1
	}
}

# findings CONFIG...: "CONFIG RULE SEVERITY SYMBOL LINE-TEXT" per finding of
# the VFIO pack on linux-6.12 x86_64 (LINE-TEXT: the .config line it
# points at).
findings() {
	local rc=0
	"$KC_BIN" check --srctree "$K612" --arch x86_64 --only 'vfio/*' \
		--format json --fail-on never -o "$WORK/report.json" "$@" \
		2>"$WORK/err" || rc=$?
	((rc == 0)) || {
		cat "$WORK/err" >&2
		bad "check exited $rc on $*"
		return 0
	}
	jq -r '.configs[] | .path as $p | .findings[] |
		[$p, .rule, .severity, .symbol, (.location.line | tostring)] | @tsv' \
		"$WORK/report.json" |
		while IFS=$'\t' read -r path rule sev sym line; do
			printf '%s %s %s %s %s\n' "$(basename "$path")" "$rule" \
				"$sev" "$sym" "$(sed -n "${line}p" "$path")"
		done
}

main() {
	local arch want got cfg
	need_tools jq:jq
	need_trees
	need_bin

	# ---- 1. the packs bind to the real trees -------------------------------------
	want=$(printf '%s applies\n' vfio/no-dev-vfio-vfio \
		vfio/two-dev-vfio-vfio-providers vfio/no-userspace-interface \
		vfio/cdev-needs-iommufd vfio/noiommu vfio/iommufd-vfio-container \
		vfio/iommufd-test vfio/cdev-only vfio/no-iommufd)
	for arch in x86_64 arm64 s390; do
		got=$(rules_status "$K612" "$arch") || bad "the VFIO pack does not bind to linux-6.12 $arch"
		[[ $got == "$want" ]] || bad "linux-6.12 $arch: $got"
	done
	note "the VFIO pack binds to linux-6.12 x86_64, arm64, s390: 9 rules apply"
	got=$(rules_status "$K61" x86_64) || bad "the VFIO pack does not bind to linux-6.1"
	[[ $(grep -c ' applies$' <<<"$got") == 1 && $got == *"vfio/noiommu applies"* ]] ||
		bad "linux-6.1: $got"
	note "linux-6.1 x86_64: only vfio/noiommu applies"

	for arch in x86_64 arm64 s390; do
		got=$(rules_status "$K612" "$arch" --no-default-rules \
			--rules builtin:hardening-example) ||
			bad "the hardening pack does not bind to linux-6.12 $arch"
		want="hardening/strict-kernel-rwx applies
hardening/strict-devmem applies
hardening/stackprotector-strong applies
hardening/hardened-usercopy applies
hardening/slab-freelist-hardened applies
hardening/module-signing applies
hardening/init-on-alloc applies
hardening/iommu-strict applies"
		if [[ $arch == x86_64 ]]; then
			want+="
hardening/x86-legacy-vsyscall applies
hardening/x86-page-table-isolation applies
hardening/x86-page-table-isolation-before-6.9 not"
		else
			want+="
hardening/x86-legacy-vsyscall not
hardening/x86-page-table-isolation not
hardening/x86-page-table-isolation-before-6.9 not"
		fi
		[[ $got == "$want" ]] || bad "hardening pack on linux-6.12 $arch: $got"
	done
	note "the hardening example binds to linux-6.12 x86_64, arm64, s390"

	# ---- 2. Debian's configurations -------------------------------------------------
	got=$(findings "$CONFIGS/config.amd64_none_amd64" \
		"$CONFIGS/config.amd64_none_cloud-amd64" "$CONFIGS/config.amd64_rt_amd64")
	if [[ $got != "$DEBIAN_FINDINGS" ]]; then
		bad "Debian's configurations: findings differ"
		diff <(echo "$DEBIAN_FINDINGS") <(echo "$got") >&2 || true
	fi
	note "Debian amd64 6.12 (none, cloud, rt): vfio/no-iommufd (note) each, nothing else"

	# ---- 3. the thread's configuration on the real tree ------------------------------
	cfg=$WORK/thread.config
	sed -e 's/^# CONFIG_IOMMUFD is not set$/CONFIG_IOMMUFD=y\n# CONFIG_IOMMUFD_VFIO_CONTAINER is not set/' \
		-e 's/^CONFIG_VFIO_CONTAINER=y$/# CONFIG_VFIO_CONTAINER is not set/' \
		"$CONFIGS/config.amd64_none_amd64" >"$cfg"
	got=$(findings "$cfg")
	[[ $got == "thread.config vfio/no-dev-vfio-vfio error VFIO_CONTAINER # CONFIG_VFIO_CONTAINER is not set" ]] ||
		bad "the thread's configuration on linux-6.12: $got"
	note "IOMMUFD=y, VFIO_GROUP=y, no container: vfio/no-dev-vfio-vfio"

	cfg=$WORK/noiommu.config
	sed 's/^# CONFIG_VFIO_NOIOMMU is not set$/CONFIG_VFIO_NOIOMMU=y/' \
		"$CONFIGS/config.amd64_none_amd64" >"$cfg"
	got=$(findings "$cfg")
	want="noiommu.config vfio/noiommu warning VFIO_NOIOMMU CONFIG_VFIO_NOIOMMU=y
noiommu.config vfio/no-iommufd note IOMMUFD # CONFIG_IOMMUFD is not set"
	[[ $got == "$want" ]] || bad "VFIO_NOIOMMU=y on linux-6.12: $got"
	note "VFIO_NOIOMMU=y: vfio/noiommu"

	((failures == 0)) || fail "$failures checks failed"
}

main "$@"
