#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Presence conditions on the whole linux-6.12 tree for ARCH=x86_64: every
# object's and module's two conditions, evaluated as Kconfig expressions
# under Debian's amd64 config (`modules --format json --presence`, key
# "here"), must say exactly what the walk of that config builds, for every
# object and module (harness/compare_presence.py); and the presence of a
# few objects whose Makefiles read what the arch Makefile exports (BITS)
# or read their lists back must be the expected expressions.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools python3:python3
need_bin
need_trees
need_image

CONFIG=$(image_file 'boot/config-*')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$KC_BIN" modules --srctree "$K612" --arch x86_64 "$CONFIG" --format json \
	--presence >"$TMP/presence.json" 2>"$TMP/err" ||
	fail "modules --presence failed: $(grep -v 'Kconfig' "$TMP/err" | head -n 3)"
python3 "$HERE/harness/compare_presence.py" "$TMP/presence.json" \
	>"$TMP/differ" 2>"$TMP/count" || {
	head -n 20 "$TMP/differ" >&2
	fail "$(wc -l <"$TMP/differ") presence conditions disagree with the walk"
}
count=$(cat "$TMP/count")
((count > 20000)) || fail "only $count presence conditions on the whole tree"
note "$count presence conditions agree with the walk of Debian's config"

# expect NAME Y M: the two expressions of one entry.
expect() {
	local got
	got=$(python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
for p in doc["presence"]:
    if p["name"] == sys.argv[2]:
        print(p["y"] + " | " + p["m"])
' "$TMP/presence.json" "$1")
	[[ $got == "$2 | $3" ]] || fail "$1: y: ... | m: ... is '$got', not '$2 | $3'"
}
# arch/x86/kernel/Makefile: head_$(BITS).o, BITS from the arch Makefile
expect arch/x86/kernel/head_64.o "!X86_32" "n"
expect arch/x86/kernel/head_32.o "X86_32" "n"
# drivers/gpu/drm/msm/Makefile: msm-y += $(adreno-y) $(msm-display-y)
expect drivers/gpu/drm/msm/dsi/phy/dsi_phy_7nm.o \
	"DRM_MSM=y && DRM_MSM_DSI_7NM_PHY" "DRM_MSM=m && DRM_MSM_DSI_7NM_PHY"
# arch/x86/Makefile: drivers-$(CONFIG_PCI) += arch/x86/pci/
expect arch/x86/pci/common.o "PCI" "n"
