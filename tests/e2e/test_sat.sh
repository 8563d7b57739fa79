#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The SAT commands end to end: dead, selects, explain and export --dimacs on
# tests/fixtures/sat and the embedded models, with the answers the models
# dictate (see docs/sat.md): the thread's cases reproduced.
set -euo pipefail
cd "$KC_SOURCE_DIR"
B=$KC_BIN
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# expect_rc WANT CMD...: run, keep stdout in $tmp/out, check the exit code
expect_rc() {
	local want=$1 rc=0
	shift
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [[ $rc == "$want" ]]; then ok; else bad "exit $rc, wanted $want: $*"; cat "$tmp/err"; fi
}
has() { if grep -qF -- "$1" "$tmp/out"; then ok; else bad "missing: $1"; cat "$tmp/out"; fi; }
hasnt() { if grep -qF -- "$1" "$tmp/out"; then bad "unexpected: $1"; else ok; fi; }

F=tests/fixtures/sat

# dead: ARCH_FOO (no prompt, no default) and what depends on it; CORE always on
expect_rc 0 "$B" dead --kconfig "$F"
has "Kconfig:7: warning: ARCH_FOO is dead: no valid configuration enables it [kconfig/dead-symbol]"
has "Kconfig:10: warning: DRIVER_ON_FOO is dead"
has "Kconfig:10: note: DRIVER_ON_FOO depends on ARCH_FOO"
has "Kconfig:14: note: CORE is always on"
hasnt "NET is"
expect_rc 1 "$B" dead --kconfig "$F" --fail-on warning
expect_rc 0 "$B" dead --kconfig "$F" --format json
has '"rule": "kconfig/dead-symbol"'

# selects: USER selects LIB past LIB's dependency on NET, with a witness
expect_rc 0 "$B" selects --kconfig "$F" --witness-dir "$tmp/w"
has "Kconfig:26: warning: USER selects LIB, which can then be m while its dependencies are unmet"
has "Kconfig:17: note: LIB depends on NET"
w=$(ls "$tmp"/w/LIB-*.config)
grep -q '^CONFIG_LIB=[ym]$' "$w" && grep -q '^# CONFIG_NET is not set$' "$w" && ok ||
	bad "witness does not show LIB on with NET off: $w"

# export: picosat counts the configurations (brute force in the unit test
# gives the same number: 2 MODULES x 2 NET x (3 or 2) USER = 10)
expect_rc 0 "$B" export --dimacs --kconfig "$F" -o "$tmp/f.cnf"
grep -q '^p cnf ' "$tmp/f.cnf" && grep -q '^c var [0-9]* USER=y$' "$tmp/f.cnf" &&
	grep -q '^c var [0-9]* USER>=m$' "$tmp/f.cnf" && ok || bad "DIMACS header or map"
n=$(picosat --all "$tmp/f.cnf" | grep -c '^s SATISFIABLE' || true)
[[ $n == 10 ]] && ok || bad "picosat --all counts $n configurations, wanted 10"

# The thread, as merged (vfio-6.6): no select breaks a dependency.
expect_rc 0 "$B" selects
has "Kconfig: 0 errors, 0 warnings, 0 notes"
# With the proposed change, VFIO selects VFIO_CONTAINER past VFIO_GROUP=n.
expect_rc 0 "$B" selects --model vfio-proposed
has "VFIO selects VFIO_CONTAINER, which can then be y while its dependencies are unmet"

# explain VFIO_CONTAINER=y with VFIO_GROUP=n: the dependency on VFIO_GROUP
printf 'CONFIG_VFIO=m\n# CONFIG_VFIO_GROUP is not set\n' >"$tmp/g.config"
expect_rc 1 "$B" explain VFIO_CONTAINER=y "$tmp/g.config"
has "error: VFIO_CONTAINER=y is impossible with this .config [kconfig/impossible-value]"
has "drivers/vfio/Kconfig:44: note: VFIO_CONTAINER depends on VFIO && VFIO_GROUP"
has "g.config:2: note: the .config sets VFIO_GROUP=n"
# explain IOMMUFD_VFIO_CONTAINER=y with VFIO_CONTAINER=y: !VFIO_CONTAINER
printf 'CONFIG_VFIO=m\nCONFIG_IOMMUFD=y\nCONFIG_VFIO_CONTAINER=y\n' >"$tmp/c.config"
expect_rc 1 "$B" explain IOMMUFD_VFIO_CONTAINER=y "$tmp/c.config"
has "drivers/iommu/iommufd/Kconfig:19: note: IOMMUFD_VFIO_CONTAINER depends on IOMMU_SUPPORT && IOMMUFD && VFIO_GROUP && !VFIO_CONTAINER"
has "c.config:3: note: the .config sets VFIO_CONTAINER=y"
# ... which the proposed change allows
expect_rc 0 "$B" explain IOMMUFD_VFIO_CONTAINER=y --model vfio-proposed "$tmp/c.config"
has "IOMMUFD_VFIO_CONTAINER=y is possible with this .config"
# alone, without a .config, it is possible in the merged model too
expect_rc 0 "$B" explain IOMMUFD_VFIO_CONTAINER=y
has "is possible [kconfig/possible-value]"
# prove, the thread reproduced.  As merged: the two providers can never
# both be set; leaving VFIO_GROUP without /dev/vfio/vfio is possible (a
# configuration error, for check): its witness is the thread's situation.
expect_rc 0 "$B" prove --witness-dir "$tmp/p66"
has "rules/vfio.yaml:46: note: vfio/two-dev-vfio-vfio-providers holds in every valid configuration"
has "note: a .config can break vfio/no-dev-vfio-vfio"
has "witness: CONFIG_VFIO_GROUP=y"
has "witness: # CONFIG_VFIO_CONTAINER is not set"
w=$(ls "$tmp"/p66/vfio-no-dev-vfio-vfio-*.config)
expect_rc 1 "$B" check "$w"
has "[vfio/no-dev-vfio-vfio]"
hasnt "[kconfig/"
# With the proposed change Kconfig allows both providers: an error, and a
# witness with both set that check confirms.
expect_rc 1 "$B" prove --model vfio-proposed --witness-dir "$tmp/pp"
has "rules/vfio.yaml:46: error: Kconfig allows a configuration that breaks vfio/two-dev-vfio-vfio-providers"
has "witness: CONFIG_VFIO_CONTAINER=y"
has "witness: CONFIG_IOMMUFD_VFIO_CONTAINER=y"
has "note: vfio/no-dev-vfio-vfio holds in every valid configuration"
w=$(ls "$tmp"/pp/vfio-two-dev-vfio-vfio-providers-*.config)
grep -q '^CONFIG_VFIO_CONTAINER=y$' "$w" && grep -q '^CONFIG_IOMMUFD_VFIO_CONTAINER=y$' "$w" &&
	ok || bad "proposed-model witness does not set both providers"
expect_rc 1 "$B" check --model vfio-proposed "$w"
has "[vfio/two-dev-vfio-vfio-providers]"
hasnt "[kconfig/"
# Before the series (6.5): no VFIO_GROUP, so the /dev/vfio/vfio rule does
# not apply; IOMMUFD_VFIO_CONTAINER depends on !VFIO_CONTAINER: it holds.
expect_rc 0 "$B" prove --model vfio-6.5
has "note: vfio/no-dev-vfio-vfio does not apply here"
has "note: vfio/two-dev-vfio-vfio-providers holds in every valid configuration"

# usage errors
expect_rc 2 "$B" explain NO_SUCH_SYMBOL=y
expect_rc 2 "$B" explain VFIO
expect_rc 2 "$B" explain VFIO=x

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
