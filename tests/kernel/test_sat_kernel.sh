#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The SAT model on the whole linux-6.12 tree for x86_64:
#  - its size stays within ConfigFix's model of a comparable tree (75,888
#    variables, 308,209 clauses for 6.17 x86);
#  - completeness on real configurations: each Debian amd64 config, resolved by
#    the evaluator (a fixed point), satisfies the CNF ("explain" with that
#    .config finds the values possible);
#  - dead and selects run through and give answers a reader can check:
#    VFIO_PCI_ZDEV_KVM (depends on S390) is dead on x86, X86_64 is always on;
#  - prove: the VFIO pack against the tree; the two /dev/vfio/vfio
#    providers can never both be set.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

ARCH=x86_64
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

main() {
	local stats vars clauses cfg name rc
	need_trees
	need_bin
	stats=$("$KC_BIN" export --dimacs --stats --srctree "$K612" --arch "$ARCH" \
		-o "$WORK/x86.cnf" 2>&1 >/dev/null)
	note "encoding: $stats"
	vars=$(sed -n 's/.* \([0-9]*\) variables.*/\1/p' <<<"$stats")
	clauses=$(sed -n 's/.* \([0-9]*\) clauses.*/\1/p' <<<"$stats")
	[[ -n $vars && $vars -le 75888 ]] || fail "too many variables: $vars"
	[[ -n $clauses && $clauses -le 308209 ]] || fail "too many clauses: $clauses"

	for cfg in "$CONFIGS"/config.amd64_*; do
		name=$(basename "$cfg")
		"$KC_BIN" resolve --srctree "$K612" --arch "$ARCH" "$cfg" \
			-o "$WORK/$name.resolved" 2>/dev/null
		rc=0
		"$KC_BIN" explain VFIO=m --srctree "$K612" --arch "$ARCH" \
			"$WORK/$name.resolved" >"$WORK/out" 2>&1 || rc=$?
		grep -q "VFIO=m is possible with this .config" "$WORK/out" || {
			cat "$WORK/out"
			fail "$name, resolved, does not satisfy the CNF (exit $rc)"
		}
		note "$name resolved: a model of the CNF"
	done

	"$KC_BIN" dead --srctree "$K612" --arch "$ARCH" --format json \
		-o "$WORK/dead.json"
	jq -e '.configs[0].findings[] | select(.symbol == "VFIO_PCI_ZDEV_KVM" and .rule == "kconfig/dead-symbol")' \
		"$WORK/dead.json" >/dev/null || fail "VFIO_PCI_ZDEV_KVM is not reported dead"
	jq -e '.configs[0].findings[] | select(.symbol == "X86_64" and .rule == "kconfig/always-on")' \
		"$WORK/dead.json" >/dev/null || fail "X86_64 is not reported always on"
	note "dead: $(jq '[.configs[0].findings[] | select(.rule == "kconfig/dead-symbol")] | length' "$WORK/dead.json") dead, $(jq '[.configs[0].findings[] | select(.rule == "kconfig/always-on")] | length' "$WORK/dead.json") always on"

	"$KC_BIN" selects --srctree "$K612" --arch "$ARCH" --format json \
		-o "$WORK/selects.json" --witness-dir "$WORK/w"
	note "selects: $(jq '.configs[0].findings | length' "$WORK/selects.json") selects can break their target's dependencies"
	# Each witness, resolved again, is a fixed point: check finds nothing
	# to change in it.
	for w in "$WORK"/w/*.config; do
		[[ -e $w ]] || continue
		"$KC_BIN" check --no-default-rules --srctree "$K612" --arch "$ARCH" \
			--format json -o "$WORK/wcheck.json" "$w" || true
		jq -e '[.configs[0].findings[] | select(.rule == "kconfig/value-changed" or .rule == "kconfig/not-written")] | length == 0' \
			"$WORK/wcheck.json" >/dev/null || fail "witness $w is not stable under resolution"
	done
	# The VFIO pack against the whole tree: as merged, Kconfig makes the
	# two /dev/vfio/vfio providers exclusive.
	"$KC_BIN" prove --srctree "$K612" --arch "$ARCH" --format json \
		-o "$WORK/prove.json" || fail "prove found a kconfig-scope rule broken"
	jq -e '.configs[0].findings[] | select(.rule == "vfio/two-dev-vfio-vfio-providers" and (.message | test("holds in every valid configuration")))' \
		"$WORK/prove.json" >/dev/null || fail "two-dev-vfio-vfio-providers not proved"
	note "prove: $(jq '[.configs[0].findings[] | select(.message | test("holds in every"))] | length' "$WORK/prove.json") rules hold in every configuration"
	note "ok"
}

main "$@"
