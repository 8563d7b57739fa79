#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the libFuzzer harnesses with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for a bounded time, starting
# from its seed corpus (fuzz/corpus/NAME) and every input that ever crashed
# (fuzz/regressions/NAME).  The seeds are copied: the repository is not
# changed.  Exit 1 when a harness finds a crash, a leak or a hang; the
# input is left in the work folder and its path printed.
#
#   fuzz/run.sh [SECONDS] [NAME...]     default: 60 seconds, every harness
#   KC_FUZZ_JOBS=N                      harnesses at a time (default: nproc)
#   KC_FUZZ_BUILD=dir KC_FUZZ_WORK=dir  where to build and to work
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
seconds=${1:-60}
shift || true
build=${KC_FUZZ_BUILD:-$top/build-fuzz}
work=${KC_FUZZ_WORK:-$build/work}

CC=clang cmake -S "$top" -B "$build" -DKC_FUZZ=ON -DKC_SANITIZE=ON \
	-DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

names=("$@")
if ((${#names[@]} == 0)); then
	for f in "$here"/fuzz_*.c; do
		n=${f##*/fuzz_}
		names+=("${n%.c}")
	done
fi

# run_one NAME: one harness for SECONDS; its report line into
# WORK/NAME.result, its exit status as ours.
run_one() {
	local name=$1 corpus=$work/$1 dict log start execs cov
	rm -rf "$corpus"
	mkdir -p "$corpus" "$work/artifacts"
	cp "$here/corpus/$name"/* "$corpus"/ 2>/dev/null || true
	cp "$here/regressions/$name"/* "$corpus"/ 2>/dev/null || true
	dict=$here/$name.dict
	[[ -f $dict ]] || dict=$here/kconfig.dict
	log=$work/$name.log
	start=$(date +%s)
	if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		"$build/fuzz/fuzz_$name" "$corpus" -dict="$dict" \
		-max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/$name-" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
		echo "fuzz $name: ${execs:-?} runs in $(($(date +%s) - start)) s, $cov, no crash" \
			>"$work/$name.result"
		return 0
	fi
	{
		echo "fuzz $name: FAILED; log $log"
		grep -E 'ERROR|runtime error|Test unit written' "$log" || tail -n 20 "$log"
		echo "  keep the input: cp $work/artifacts/$name-* $here/regressions/$name/"
	} >"$work/$name.result"
	return 1
}

# The harnesses run KC_FUZZ_JOBS (default: nproc) at a time, each for
# SECONDS of its own; the reports come in the harnesses' order.
jobs=${KC_FUZZ_JOBS:-$(nproc)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "KC_FUZZ_JOBS must be a positive number" >&2; exit 2; }
mkdir -p "$work"
running=()
status=0
for name in "${names[@]}"; do
	while ((${#running[@]} >= jobs)); do
		wait -n || true
		still=()
		for p in "${running[@]}"; do
			kill -0 "$p" 2>/dev/null && still+=("$p")
		done
		running=("${still[@]}")
	done
	rm -f "$work/$name.result"
	run_one "$name" &
	running+=("$!")
done
# Each harness's result file says how it ended (a job already reaped by
# wait -n has no status left to wait for).
wait || true
for name in "${names[@]}"; do
	if grep -q ', no crash$' "$work/$name.result" 2>/dev/null; then
		cat "$work/$name.result"
	else
		status=1
		cat "$work/$name.result" >&2 2>/dev/null || echo "fuzz $name: FAILED (no report)" >&2
	fi
done
exit $status
