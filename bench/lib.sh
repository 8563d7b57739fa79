# SPDX-License-Identifier: GPL-2.0-only
# Shared by the benchmarks (sourced): the clock, timing one run, medians.
# A script defines reset (prepare a run) and run_one NAME (one run of NAME,
# output discarded, false on failure, its stderr in $SCRATCH/last.err).

# now_us: a microsecond clock without a fork where bash has one.
now_us() {
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		local t=${EPOCHREALTIME/[.,]/}
		echo "$((10#$t))"
	else
		echo "$(($(date +%s%N) / 1000))"
	fi
}

# time_one NAME: run NAME once and print its wall time in microseconds.
time_one() {
	local t0 t1
	reset
	t0=$(now_us)
	run_one "$1" || {
		cat "$SCRATCH/last.err" >&2
		fail "'$1' failed"
	}
	t1=$(now_us)
	echo $((t1 - t0))
}

# median FILE: the median of the numbers in FILE, one a line.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ms MICROSECONDS: as milliseconds with one decimal.
ms() {
	awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'
}

# file_of NAME: where NAME's timings go.
file_of() {
	echo "$SCRATCH/times.${1//[^a-z0-9]/_}"
}
