#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_rules.sh - policy rules through the binary (src/rules, `check`):
#
#  1. every malformed rule file under tests/fixtures/rules/bad/ gives exit
#     2, nothing on stdout, and on stderr exactly the lines its
#     "# expect: " comments list (FILE:LINE:COL: error: MESSAGE), never a
#     crash or a hang;
#  2. every examples/rule-*.config breaks exactly the rule it is named
#     after and nothing else (no Kconfig finding either), checked with the
#     options of its "# check-args: " line, and the finding points at the
#     .config line of a symbol the rule names;
#  3. the thread's configuration gives the /dev/vfio/vfio finding and no
#     Kconfig finding;
#  4. the options: --no-default-rules, --rules FILE|DIR|builtin:NAME,
#     --list-rules, --only, --skip, --fail-on, --exit-zero, several
#     .config files, --waivers with --today, --baseline;
#  5. rule metadata in SARIF and the notes in JSON.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets them) and jq.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "test_rules.sh: jq is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
cd "$KC_SOURCE_DIR" || exit 1

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run ARGS...: the binary under a timeout; sets rc, stdout in $TMP/out,
# stderr in $TMP/err.
run() {
	timeout 20 "$KC_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	checks=$((checks + 1))
	if ((rc == 124)); then
		fail "hangs: $*"
	elif ((rc >= 128)); then
		fail "crashed (exit $rc): $*"
	fi
}

expect_rc() {
	[[ $rc == "$1" ]] || fail "$2: exit $rc, want $1; stderr: $(head -c 400 "$TMP/err")"
}

# expect_json FILTER WHAT: jq -e FILTER on $TMP/out.
expect_json() {
	jq -e "$1" "$TMP/out" >/dev/null ||
		fail "$2: '$1' does not hold; got: $(head -c 600 "$TMP/out")"
}

# ---- 1. malformed rule files ------------------------------------------------------------
cases=0
for f in tests/fixtures/rules/bad/*.yaml; do
	grep -q '^# expect: ' "$f" || continue	# helpers included by a case
	cases=$((cases + 1))
	name=$(basename "$f")
	sed -n 's/^# expect: //p' "$f" >"$TMP/want"
	(cd tests/fixtures/rules/bad && timeout 20 "$KC_BIN" check --rules "$name" \
		"$KC_SOURCE_DIR/examples/distro.config" >"$TMP/out" 2>"$TMP/err")
	rc=$?
	checks=$((checks + 1))
	expect_rc 2 "$name"
	[[ -s $TMP/out ]] && fail "$name: wrote a report to stdout"
	diff -u "$TMP/want" "$TMP/err" >"$TMP/diff" ||
		fail "$name: stderr differs from its '# expect:' lines:
$(cat "$TMP/diff")"
	while IFS= read -r line; do
		[[ $line =~ ^[^:\ ]+:[0-9]+:[0-9]+:\ error:\ .+ ]] ||
			fail "$name: not FILE:LINE:COL: error: ...: $line"
	done <"$TMP/err"
done
((cases >= 15)) || fail "only $cases malformed rule files"

# The malformed files also fail with the default pack left out.
run check --no-default-rules --rules tests/fixtures/rules/bad/duplicate-id.yaml examples/distro.config
expect_rc 2 "--no-default-rules with a bad file"

# ---- 2. each rule example breaks exactly its rule ----------------------------------------
examples=0
for cfg in examples/rule-*.config; do
	examples=$((examples + 1))
	name=$(basename "$cfg" .config)
	rule=vfio/${name#rule-}
	read -r -a args <<<"$(sed -n 's/^# check-args: //p' "$cfg")"
	run check "${args[@]}" --format json --fail-on never "$cfg"
	expect_rc 0 "$cfg"
	expect_json "[.configs[0].findings[].rule] == [\"$rule\"]" "$cfg breaks only $rule"
	# The line it points at assigns a symbol the rule names.
	line=$(jq -r '.configs[0].findings[0].location.line' "$TMP/out")
	sym=$(jq -r '.configs[0].findings[0].symbol' "$TMP/out")
	text=$(sed -n "${line}p" "$cfg")
	[[ $text == "CONFIG_$sym="* || $text == "# CONFIG_$sym is not set" ]] ||
		fail "$cfg: line $line is '$text', not an assignment of $sym"
	run check --list-rules "${args[@]}"
	grep -q "^$rule .* applies$" "$TMP/out" || fail "$cfg: $rule does not apply"
done
((examples == 9)) || fail "$examples rule examples, want 9 (one per rule of rules/vfio.yaml)"

# Every rule of the pack has its example.
run check --list-rules
while read -r id _; do
	[[ -f examples/rule-${id#vfio/}.config ]] || fail "no example for $id"
done <"$TMP/out"

# The kconfig-scope rules cannot break on the merged Kconfig: there
# Kconfig itself corrects the .config (and says so).
run check --format json --fail-on never examples/rule-two-dev-vfio-vfio-providers.config
expect_json '[.configs[0].findings[] | .rule + ":" + .symbol] == ["kconfig/not-written:IOMMUFD_VFIO_CONTAINER"]' \
	"both providers on vfio-6.6"

# ---- 3. the thread's configuration --------------------------------------------------------
run check --format json examples/rule-no-dev-vfio-vfio.config
expect_rc 1 "thread configuration"
expect_json '.configs[0].findings | length == 1' "thread: one finding"
expect_json '.configs[0].findings[0] | .rule == "vfio/no-dev-vfio-vfio" and .severity == "error" and .symbol == "VFIO_CONTAINER" and .location.line == 54 and .assigned == "n" and .resolved == "n"' \
	"thread: the finding"
expect_json '.configs[0].findings[0].notes[0] == {"message": "violated: VFIO_GROUP [=y] && !(VFIO_CONTAINER [=n] || IOMMUFD_VFIO_CONTAINER [=n])", "location": {"file": "rules/vfio.yaml", "line": 21}}' \
	"thread: the violated expression with values, at the rule"
expect_json '.configs[0].findings[0].notes[1].message | startswith("scope config: ")' "thread: the scope"
[[ $(sed -n 54p examples/rule-no-dev-vfio-vfio.config) == "# CONFIG_VFIO_CONTAINER is not set" ]] ||
	fail "thread: line 54 is not VFIO_CONTAINER's"
run check --format json examples/thread-no-container.config
expect_json '[.configs[0].findings[].rule | select(startswith("kconfig/"))] == []' \
	"thread-no-container: no Kconfig finding"
expect_json '[.configs[0].findings[].rule] | index("vfio/no-dev-vfio-vfio") != null' \
	"thread-no-container: the /dev/vfio/vfio finding"

# ---- 4. options ------------------------------------------------------------------------------
run check --no-default-rules examples/rule-no-dev-vfio-vfio.config
expect_rc 0 "--no-default-rules"
grep -qx 'examples/rule-no-dev-vfio-vfio.config: 0 errors, 0 warnings, 0 notes' "$TMP/out" ||
	fail "--no-default-rules: $(cat "$TMP/out")"

run check --no-default-rules --list-rules
expect_rc 0 "--list-rules without rules"
[[ -s $TMP/out ]] && fail "--no-default-rules --list-rules lists rules"

run check --list-rules --model vfio-6.5
expect_rc 0 "--list-rules on vfio-6.5"
grep -qx 'vfio/noiommu warning config rules/vfio.yaml:107 applies' "$TMP/out" ||
	fail "vfio-6.5: noiommu"
grep -qx 'vfio/no-dev-vfio-vfio error config rules/vfio.yaml:21 not applicable: the rule is for kernel >=6.6, the model is 6.5' "$TMP/out" ||
	fail "vfio-6.5: no-dev-vfio-vfio: $(cat "$TMP/out")"

# The same pack from disk and built in: one file, read once.
run check --rules rules/vfio.yaml --list-rules
expect_rc 0 "rules/vfio.yaml and the default pack"
[[ $(wc -l <"$TMP/out") == 9 ]] || fail "rules/vfio.yaml read twice"

# A folder; includes and overrides (tests/fixtures/rules/include).
mkdir -p "$TMP/rules"
cp tests/fixtures/rules/include/main.yaml "$TMP/rules/"
cp -r tests/fixtures/rules/include/parts "$TMP/rules/"
run check --rules "$TMP/rules" examples/rule-noiommu.config
expect_rc 1 "--rules DIR with overrides"
grep -q "^examples/rule-noiommu.config:55: error: .*\[vfio/noiommu\]$" "$TMP/out" ||
	fail "the override made vfio/noiommu an error: $(cat "$TMP/out")"

# builtin:hardening-example needs a whole tree.
run check --rules builtin:hardening-example examples/distro.config
expect_rc 2 "hardening pack on the embedded model"
grep -q "^rules/hardening-example.yaml:22:14: error: rule 'hardening/strict-kernel-rwx': symbol 'STRICT_KERNEL_RWX' is not known to this Kconfig model$" "$TMP/err" ||
	fail "hardening pack: $(head -c 600 "$TMP/err")"
run check --rules builtin:no-such-pack examples/distro.config
expect_rc 2 "unknown built-in pack"
grep -qx "error: no built-in rule pack 'no-such-pack'" "$TMP/err" || fail "builtin:no-such-pack: $(cat "$TMP/err")"

# --only, --skip (globs), --fail-on, --exit-zero.
run check --only 'vfio/*' examples/thread-no-container.config examples/typo.config
expect_rc 1 "--only vfio/*"
grep -q 'kconfig/' "$TMP/out" && fail "--only vfio/* kept a kconfig finding"
grep -qx 'examples/typo.config: 0 errors, 1 warning, 0 notes' "$TMP/out" || fail "--only: typo.config"
run check --skip vfio/no-dev-vfio-vfio --skip 'kconfig/*' examples/thread-no-container.config
expect_rc 0 "--skip"
grep -qx 'examples/thread-no-container.config: 0 errors, 1 warning, 0 notes' "$TMP/out" ||
	fail "--skip: $(cat "$TMP/out")"
run check --skip vfio/no-dev-vfio-vfio --fail-on warning examples/thread-no-container.config
expect_rc 1 "--fail-on warning"
run check --exit-zero examples/thread-no-container.config
expect_rc 0 "--exit-zero"
run check --only vfio/noiommmu examples/distro.config
expect_rc 2 "--only with an unknown id"
grep -qx "error: --only 'vfio/noiommmu' matches no rule id; did you mean 'vfio/noiommu'?" "$TMP/err" ||
	fail "--only unknown: $(cat "$TMP/err")"
run check --rules
expect_rc 2 "--rules without a value"
run check --rules=builtin:vfio --skip=vfio/noiommu examples/distro.config
expect_rc 0 "--rules=SOURCE and --skip=ID"
grep -qx 'examples/distro.config: 0 errors, 0 warnings, 0 notes' "$TMP/out" ||
	fail "--skip=vfio/noiommu: $(cat "$TMP/out")"

# Several .config files, each reported.
run check --format json examples/rule-noiommu.config examples/rule-cdev-only.config examples/distro.config
expect_json '[.configs[] | [.path, (.findings | map(.rule) | join(","))]] == [["examples/rule-noiommu.config", "vfio/noiommu"], ["examples/rule-cdev-only.config", "vfio/cdev-only"], ["examples/distro.config", "vfio/noiommu"]]' \
	"three configs"

# Waivers, judged on a fixed day.
cat >"$TMP/waivers.yaml" <<'EOF'
waivers:
  - rule: vfio/noiommu
    symbol: VFIO_NOIOMMU
    config: "rule-*"
    justification: DPDK on boards without an IOMMU
    expires: 2030-06-30
  - rule: vfio/cdev-only
    justification: iommufd-only userspace
    expires: 2024-12-31
EOF
run check --waivers "$TMP/waivers.yaml" --today 2025-01-01 examples/rule-noiommu.config examples/rule-cdev-only.config
expect_rc 0 "waivers"
grep -qx "$TMP/waivers.yaml:7: warning: the waiver of vfio/cdev-only expired on 2024-12-31; the findings it accepted count again \[waiver/expired\]" "$TMP/out" ||
	fail "expired waiver: $(cat "$TMP/out")"
grep -q "\[vfio/noiommu\]" "$TMP/out" && fail "waived finding still reported"
grep -q "^examples/rule-cdev-only.config:52: warning: .*\[vfio/cdev-only\]$" "$TMP/out" ||
	fail "the finding of an expired waiver is not reported again"
grep -qx 'examples/rule-noiommu.config: 0 errors, 1 warning, 0 notes' "$TMP/out" ||
	fail "rule-noiommu.config with waivers: $(cat "$TMP/out")"
run check --waivers "$TMP/waivers.yaml" --today 2024-06-01 examples/rule-cdev-only.config
expect_rc 0 "waiver in force"
# The finding is accepted; the noiommu waiver covers rule-* files and
# found nothing here.
cat >"$TMP/want" <<WANT
$TMP/waivers.yaml:2: note: the waiver of vfio/noiommu for VFIO_NOIOMMU matches no finding of examples/rule-cdev-only.config; is it still needed? [waiver/unused]
examples/rule-cdev-only.config: 0 errors, 0 warnings, 1 note
WANT
diff -u "$TMP/want" "$TMP/out" || fail "waiver in force"
printf 'waivers:\n  - rule: vfio/noiommu\n    justification: x\n    expires: 2025-02-30\n' >"$TMP/bad-waivers.yaml"
run check --waivers "$TMP/bad-waivers.yaml" examples/distro.config
expect_rc 2 "bad waiver file"
grep -qx "$TMP/bad-waivers.yaml:4:14: error: 'expires' must be a date YYYY-MM-DD, not '2025-02-30'" "$TMP/err" ||
	fail "bad waiver: $(cat "$TMP/err")"
run check --today 2025-1-1 examples/distro.config
expect_rc 2 "bad --today"

# A baseline: yesterday's report accepts today's same findings.
cp examples/thread-no-container.config "$TMP/a.config"
run check --format json -o "$TMP/base.json" "$TMP/a.config"
expect_rc 1 "baseline: the first report"
run check --baseline "$TMP/base.json" "$TMP/a.config"
expect_rc 0 "baseline: nothing new"
sed -i -e 's/^# CONFIG_VFIO_DEBUGFS is not set$/CONFIG_VFIO_DEBUGFS=y/' \
	-e 's/^# CONFIG_FAULT_INJECTION is not set$/CONFIG_FAULT_INJECTION=y/' \
	-e 's/^CONFIG_IOMMUFD=y$/CONFIG_IOMMUFD=y\nCONFIG_IOMMUFD_TEST=y/' "$TMP/a.config"
run check --baseline "$TMP/base.json" --format json "$TMP/a.config"
expect_json '[.configs[0].findings[].rule] == ["vfio/iommufd-test"]' "baseline: only the new finding"
run check --baseline examples/distro.config examples/distro.config
expect_rc 2 "a baseline that is no report"

# ---- 5. SARIF and JSON -------------------------------------------------------------------------
run check --format sarif examples/rule-no-dev-vfio-vfio.config
expect_json '.runs[0].tool.driver.rules[0] | .id == "vfio/no-dev-vfio-vfio" and .shortDescription.text == "The VFIO group interface without /dev/vfio/vfio" and .helpUri == "https://lore.kernel.org/all/20230717124539.743de027.alex.williamson@redhat.com/" and .properties.scope == "config" and (.properties.tags | index("thread")) != null and (.fullDescription.text | startswith("Userspace that uses the VFIO group interface"))' \
	"SARIF rule metadata"
expect_json '.runs[0].results[0].locations[0].physicalLocation | .artifactLocation.uri == "examples/rule-no-dev-vfio-vfio.config" and .region.startLine == 54' \
	"SARIF result at the .config line"
expect_json '.runs[0].results[0].relatedLocations[0].physicalLocation | .artifactLocation == {"uri": "rules/vfio.yaml"} and .region.startLine == 21' \
	"SARIF related location at the rule"
# With a source tree, the rule file still gets no SRCROOT base.
read -r -a args <<<"$(sed -n 's/^# check-args: //p' examples/rule-cdev-needs-iommufd.config)"
run check "${args[@]}" --format sarif examples/rule-cdev-needs-iommufd.config
expect_json '.runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation == {"uri": "rules/vfio.yaml"}' \
	"SARIF: a rule file is not under SRCROOT"
expect_json '.runs[0].tool.driver.rules[0].properties.scope == "kconfig"' "SARIF: kconfig scope"

echo "test_rules.sh: $checks checks, $cases malformed files, $examples rule examples, $failures failures"
((failures == 0))
