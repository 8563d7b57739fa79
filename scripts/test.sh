#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds and runs every test twice: a normal build with warnings as errors,
# then an AddressSanitizer + UndefinedBehaviorSanitizer build.  The kernel
# tests fetch Debian's kernel packages once into build/kernel and share them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
top=$(pwd)
kernel_dir="$top/build/kernel"
jobs=$(nproc)

# run_suite DIR [CTEST_ARGS...] -- CMAKE_ARGS...
run_suite() {
	local dir=$1 ctest_args=()
	shift
	while [[ $1 != -- ]]; do
		ctest_args+=("$1")
		shift
	done
	shift
	cmake -S . -B "$dir" -DBUILD_TESTING=ON -DKC_WERROR=ON -DKC_KERNEL_DIR="$kernel_dir" "$@" >/dev/null
	cmake --build "$dir" -j"$jobs" >/dev/null
	ctest --test-dir "$dir" -j"$jobs" --output-on-failure "${ctest_args[@]}"
}

# stage NAME COMMAND...: runs a stage and prints its wall time.
stage() {
	local name=$1 start=$SECONDS
	shift
	echo "== $name"
	"$@"
	echo "== $name: $((SECONDS - start)) s"
}

asan_suite() {
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		run_suite build-asan -LE kernel-long -- -DCMAKE_BUILD_TYPE=Debug -DKC_SANITIZE=ON
}

stage "build (warnings are errors)" run_suite build -- -DCMAKE_BUILD_TYPE=RelWithDebInfo
stage "build-asan (AddressSanitizer + UndefinedBehaviorSanitizer)" asan_suite
# Each libFuzzer harness for a bounded time, nproc at a time (fuzz/README.md).
stage "fuzz (libFuzzer, ${KC_FUZZ_SECONDS:-60} s a harness, $jobs at a time)" \
	bash fuzz/run.sh "${KC_FUZZ_SECONDS:-60}"
