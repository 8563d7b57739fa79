#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `resolve --shell --env LLVM=1` against the kernel's own
# `make LLVM=1 alldefconfig`, byte for byte, on linux-6.12 for x86_64 and
# arm64: with clang the probes of scripts/Kconfig.include need the
# CLANG_FLAGS of scripts/Makefile.clang (the target, the assembler), and
# the arm64 probes (-mbranch-protection...) answer for the target, not the
# host.  Prints, per arch, the lines compared.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_bin
need_trees
need_tools make:make clang:clang ld.lld:lld llvm-nm:llvm flex:flex bison:bison

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for arch in x86_64 arm64; do
	# The Makefile's defaults, not this shell's.
	env -u CC -u LD -u CROSS_COMPILE -u CLANG_FLAGS -u CC_VERSION_TEXT \
		make -s -C "$K612" O="$WORK/$arch" ARCH="$arch" LLVM=1 alldefconfig \
		>"$WORK/$arch.make.log" 2>&1 ||
		fail "$arch: make LLVM=1 alldefconfig: $(tail -n 3 "$WORK/$arch.make.log")"
	env -u CC -u LD -u CROSS_COMPILE -u CLANG_FLAGS -u CC_VERSION_TEXT \
		"$KC_BIN" resolve --shell --srctree "$K612" --arch "$arch" \
		--env LLVM=1 --mode alldefconfig -o "$WORK/$arch.config" \
		2>"$WORK/$arch.err" ||
		fail "$arch: resolve --shell --env LLVM=1: $(head -n 3 "$WORK/$arch.err")"
	cmp -s "$WORK/$arch/.config" "$WORK/$arch.config" ||
		fail "$arch: not make's .config: $(diff "$WORK/$arch/.config" "$WORK/$arch.config" | head -n 8)"
	grep -q '^CONFIG_CC_IS_CLANG=y$' "$WORK/$arch.config" ||
		fail "$arch: CONFIG_CC_IS_CLANG is not y"
	note "$arch: $(wc -l <"$WORK/$arch.config") lines identical to make LLVM=1 alldefconfig"
done
grep -q '^CONFIG_CC_HAS_BRANCH_PROT_PAC_RET=y$' "$WORK/arm64.config" ||
	fail "arm64: the branch-protection probe answered for the host"
