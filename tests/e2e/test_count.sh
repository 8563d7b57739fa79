#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# count end to end: the exact number of valid configurations and the
# projections onto a few symbols, on tests/fixtures/sat (worked out by
# hand) and the embedded models (the projections' counts add up to the
# total).  tests/unit/test_sat_count.c checks the numbers a second way.
set -euo pipefail
cd "$KC_SOURCE_DIR"
B=$KC_BIN
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect_rc() {
	local want=$1 rc=0
	shift
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [[ $rc == "$want" ]]; then ok; else bad "exit $rc, wanted $want: $*"; cat "$tmp/err"; fi
}
has() { if grep -qF -- "$1" "$tmp/out"; then ok; else bad "missing: $1"; cat "$tmp/out"; fi; }

F=tests/fixtures/sat

# MODULES and NET free, USER n/m/y with modules, n/y without: 2x2x3 + 2x2
expect_rc 0 "$B" count --kconfig "$F"
has "10 valid configurations"
expect_rc 0 "$B" count --kconfig "$F" --project USER,MODULES
has "  USER=n MODULES=n: 2"
has "  USER=y MODULES=n: 2"
has "  USER=n MODULES=y: 2"
has "  USER=m MODULES=y: 2"
has "  USER=y MODULES=y: 2"
[[ $(grep -c '^  USER=' "$tmp/out") == 5 ]] && ok || bad "5 projections wanted"

# Without comparison atoms every variable is a symbol's or a gate's, so
# picosat --all (which blocks on every variable) finds the same number.
expect_rc 0 "$B" export --dimacs --kconfig "$F" -o "$tmp/f.cnf"
n=$(picosat --all "$tmp/f.cnf" | grep -c '^s SATISFIABLE' || true)
[[ $n == 10 ]] && ok || bad "picosat --all finds $n, count says 10"

# A comparison read only inside a condition (B depends on "A && N > 2"):
# one configuration each for A=n, A=y B=n and A=y B=y, however many
# values of the comparison the CNF leaves open; the DIMACS, projected on
# the symbol variables, counted independently (count_dimacs.py) agrees.
mkdir -p "$tmp/cmp"
printf 'config N\n\tint "n"\n\tdefault 0\nconfig A\n\tbool "a"\nconfig B\n\tbool "b"\n\tdepends on A && N > 2\n' >"$tmp/cmp/Kconfig"
expect_rc 0 "$B" count --kconfig "$tmp/cmp" --project A,B
has "3 valid configurations"
has "  A=y B=n: 1"
expect_rc 0 "$B" export --dimacs --kconfig "$tmp/cmp" -o "$tmp/cmp.cnf"
n=$(python3 tests/e2e/count_dimacs.py "$tmp/cmp.cnf")
[[ $n == 3 ]] && ok || bad "count_dimacs.py finds $n, count says 3"

# The embedded models: the projections add up to the total.
for model in vfio-6.5 vfio-6.6 vfio-proposed; do
	expect_rc 0 "$B" count --model "$model" \
		--project VFIO,IOMMUFD,VFIO_PCI,VFIO_IOMMU_TYPE1 --representatives
	total=$(sed -n 's/^\([0-9]*\) valid configurations$/\1/p' "$tmp/out")
	# bash arithmetic: 64 bits, where awk may round to a double
	sum=0
	while read -r n; do sum=$((sum + n)); done < <(sed -n 's/^  [A-Z].*: \([0-9]*\)$/\1/p' "$tmp/out")
	[[ -n $total && $total == "$sum" ]] && ok ||
		bad "$model: projections sum to $sum, total $total"
	reps=$(grep -c '^    representative:' "$tmp/out" || true)
	projs=$(grep -c '^  [A-Z]' "$tmp/out" || true)
	[[ $reps == "$projs" && $projs -gt 0 ]] && ok ||
		bad "$model: $reps representatives for $projs projections"
done

# Errors: an unknown symbol, a string symbol.
expect_rc 2 "$B" count --project NO_SUCH_SYMBOL
grep -q 'NO_SUCH_SYMBOL is not a bool or tristate symbol' "$tmp/err" && ok ||
	bad "unknown symbol message"

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
