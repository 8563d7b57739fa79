#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Installs the Debian 12 packages vfio-kconfig-check needs, when missing.
#   scripts/deps.sh build   what building the tool needs
#   scripts/deps.sh test    that plus what the test suite needs
# As root it runs apt-get; otherwise it names the missing packages and stops.
set -euo pipefail

# zlib1g-dev: reading gzip-compressed .config files (config.gz).
build_pkgs=(gcc make cmake pkg-config picosat libyaml-dev zlib1g-dev)
# cmocka: unit tests; jq: reading JSON in tests; flex, bison: building the
# kernel's own conf as an oracle; xz-utils: unpacking Debian's kernel source;
# ca-certificates for apt over https mirrors; gzip: compressed .config
# tests; libxml2-utils: xmllint, the JUnit output is well-formed XML;
# groff-base: linting the man pages; bsdutils: script(1), colour on a
# terminal; git: the pre-commit hook test; clang and libclang-rt-14-dev:
# libFuzzer and its sanitizer runtimes (fuzz/run.sh); python3: generating
# hostile trees and perturbed inputs in tests; gcc-12 and libelf1: building
# VFIO and IOMMUFD modules against Debian's linux-headers with the compiler
# Debian built the kernel with, and the objtool of its linux-kbuild package
# (extracted, not installed, so its libelf1 dependency is named here);
# lld and llvm: the linker and tools an LLVM=1 build names, which the
# kernel's Kconfig probes ask (tests/kernel/test_shell_llvm.sh).
test_pkgs=(libcmocka-dev jq flex bison xz-utils ca-certificates gzip
	libxml2-utils groff-base bsdutils git clang libclang-rt-14-dev python3
	gcc-12 libelf1 lld llvm)

case "${1:-build}" in
build) want=("${build_pkgs[@]}") ;;
test)
	want=("${build_pkgs[@]}" "${test_pkgs[@]}")
	# Node.js and npm run the SARIF schema validation (tests/sarif/).  A
	# machine may have them from elsewhere (NodeSource's nodejs bundles
	# npm); Debian's are installed only when the commands are missing.
	command -v node >/dev/null || want+=(nodejs)
	command -v npm >/dev/null || want+=(npm)
	;;
*) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "Missing Debian packages: ${missing[*]}" >&2
	echo "Install them with: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt or dpkg (unattended upgrades on a fresh machine) holds the
# lock for a while: wait for it, up to ten minutes, instead of failing.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
	"${missing[@]}" >/dev/null
