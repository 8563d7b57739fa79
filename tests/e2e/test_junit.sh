#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_junit.sh - `check --format junit` end to end: every example's report
# is well-formed XML (xmllint), has one <testsuite> per .config, and its
# <failure> elements are exactly the findings --fail-on counts, so the JUnit
# report and the exit status agree; a .config full of markup characters,
# control characters and Latin-1 bytes still gives well-formed XML; every
# command that takes --format writes JUnit when asked.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both), jq and xmllint
# (Debian's libxml2-utils).
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
for tool in jq xmllint; do
	command -v $tool >/dev/null || { echo "test_junit.sh: $tool is needed" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# xpath FILE EXPR: the value of an XPath expression.
xpath() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}

cd "$KC_SOURCE_DIR" || exit 1
configs=(examples/*.config)
[ ${#configs[@]} -gt 0 ] || { echo "FAIL: no examples" >&2; exit 1; }

# ---- all examples at once, for every --fail-on level ----------------------------

"$KC_BIN" check --format json --exit-zero "${configs[@]}" >"$TMP/all.json"
for level in error warning note never; do
	checks=$((checks + 1))
	"$KC_BIN" check --format junit --fail-on $level -o "$TMP/$level.xml" "${configs[@]}"
	rc=$?
	if ! xmllint --noout "$TMP/$level.xml" 2>"$TMP/lint"; then
		fail "--fail-on $level: not well-formed: $(head -c 400 "$TMP/lint")"
		continue
	fi
	case $level in
	error) want=$(jq '.summary.errors' "$TMP/all.json") ;;
	warning) want=$(jq '.summary.errors + .summary.warnings' "$TMP/all.json") ;;
	note) want=$(jq '.summary.errors + .summary.warnings + .summary.notes' "$TMP/all.json") ;;
	never) want=0 ;;
	esac
	got=$(xpath "$TMP/$level.xml" 'count(//testcase/failure)')
	[ "$got" = "$want" ] || fail "--fail-on $level: $got <failure> elements, want $want"
	attr=$(xpath "$TMP/$level.xml" 'string(/testsuites/@failures)')
	[ "$attr" = "$want" ] || fail "--fail-on $level: testsuites failures=\"$attr\", want $want"
	# Exit 1 exactly when there is a failure.
	if [ "$want" -gt 0 ]; then want_rc=1; else want_rc=0; fi
	[ "$rc" -eq "$want_rc" ] || fail "--fail-on $level: exit $rc with $want failures"
done

xml=$TMP/warning.xml
checks=$((checks + 1))
n=$(xpath "$xml" 'count(/testsuites/testsuite)')
[ "$n" = "${#configs[@]}" ] || fail "$n testsuites for ${#configs[@]} configs"
i=1
for cfg in "${configs[@]}"; do
	checks=$((checks + 1))
	name=$(xpath "$xml" "string(/testsuites/testsuite[$i]/@name)")
	[ "$name" = "$cfg" ] || fail "testsuite $i is named '$name', want '$cfg'"
	findings=$(jq --arg p "$cfg" '[.configs[] | select(.path == $p) | .findings[]] | length' "$TMP/all.json")
	cases=$(xpath "$xml" "count(/testsuites/testsuite[$i]/testcase)")
	if [ "$findings" -eq 0 ]; then
		[ "$cases" = 1 ] && [ "$(xpath "$xml" "string(/testsuites/testsuite[$i]/testcase/@name)")" = "no findings" ] ||
			fail "$cfg: a clean .config should give one 'no findings' case"
	else
		[ "$cases" = "$findings" ] || fail "$cfg: $cases test cases for $findings findings"
	fi
	i=$((i + 1))
done

# The VFIO example: its error is a failure pointing at the line.
checks=$((checks + 1))
tc='//testsuite[@name="examples/both-providers.config"]/testcase[@name="kconfig/not-written:IOMMUFD_VFIO_CONTAINER"]'
[ "$(xpath "$xml" "string($tc/@line)")" = 67 ] || fail "both-providers: no test case at line 67"
[ "$(xpath "$xml" "string($tc/failure/@type)")" = error ] || fail "both-providers: the failure is not an error"
xpath "$xml" "string($tc/failure)" | grep -q 'drivers/iommu/iommufd/Kconfig:19: note: .*VFIO_GROUP \[=y\] && !VFIO_CONTAINER' ||
	fail "both-providers: the failure text lacks the Kconfig note"

# ---- bytes that XML cannot carry as they are -------------------------------------

checks=$((checks + 1))
printf 'CONFIG_VFIO=y\n<tag attr="v"> & \001\002 caf\351 \300\257\nCONFIG_NOPE_<&>=y\n' >"$TMP/nasty&<>.config"
"$KC_BIN" check --format junit --fail-on note -o "$TMP/nasty.xml" "$TMP/nasty&<>.config"
if xmllint --noout "$TMP/nasty.xml" 2>"$TMP/lint"; then
	[ "$(xpath "$TMP/nasty.xml" 'string(/testsuites/testsuite/@name)')" = "$TMP/nasty&<>.config" ] ||
		fail "nasty: the suite name does not round-trip"
	xpath "$TMP/nasty.xml" 'string(//testcase[contains(@name, "malformed-line")]/failure/@message)' |
		grep -q '<tag attr="v"> & ' || fail "nasty: the malformed line's text does not round-trip"
else
	fail "nasty: not well-formed: $(head -c 400 "$TMP/lint")"
fi

# ---- every command with --format writes JUnit, not text ----------------------------

commands=$("$KC_BIN" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
for cmd in $commands; do
	"$KC_BIN" "$cmd" --help | grep -q -- '--format FORMAT .*junit' || continue
	case $cmd in
	check) args=(examples/both-providers.config) ;;
	explain) args=(VFIO_CONTAINER=y) ;;
	diff) args=(vfio-6.6 vfio-proposed) ;;
	*) args=() ;;
	esac
	checks=$((checks + 1))
	"$KC_BIN" "$cmd" --format junit --exit-zero -o "$TMP/$cmd.xml" "${args[@]}" 2>"$TMP/err"
	if [ "$(head -c 5 "$TMP/$cmd.xml")" != "<?xml" ]; then
		fail "$cmd --format junit does not write XML: $(head -c 200 "$TMP/$cmd.xml")"
	elif ! xmllint --noout "$TMP/$cmd.xml" 2>"$TMP/lint"; then
		fail "$cmd --format junit: not well-formed: $(head -c 300 "$TMP/lint")"
	fi
done

echo "test_junit.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
