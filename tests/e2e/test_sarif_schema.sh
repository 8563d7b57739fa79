#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_sarif_schema.sh - `check --format sarif` output is valid against the
# SARIF 2.1.0 JSON schema of the OASIS SARIF TC (tests/sarif/validate.mjs
# says where the schema comes from and how it is pinned).
#
# The validator's npm packages (tests/sarif/package.json, locked by
# package-lock.json) are installed with `npm ci` into the build folder,
# never into the source tree, and reused while the lock file is unchanged.
# The logs validated: every example alone and all together, on each
# embedded model; a Kconfig folder (--kconfig, a SRCROOT base); and, when
# KC_KERNEL_DIR holds Debian's Linux 6.12 tree, a real tree (--srctree,
# results with related locations under SRCROOT).  The validator's own
# self-test first shows that it rejects broken logs.
#
# Needs KC_BIN, KC_SOURCE_DIR, KC_BUILD_DIR (ctest sets them), node, npm,
# jq; KC_KERNEL_DIR is optional.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
: "${KC_BUILD_DIR:?KC_BUILD_DIR must name the build folder}"
for tool in node npm jq; do
	command -v $tool >/dev/null ||
		{ echo "test_sarif_schema.sh: $tool is needed (scripts/deps.sh test installs it)" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# ---- the validator, installed into the build folder ---------------------------------

val=$KC_BUILD_DIR/sarif
mkdir -p "$val"
if ! cmp -s "$KC_SOURCE_DIR/tests/sarif/package-lock.json" "$val/package-lock.json" ||
	! cmp -s "$KC_SOURCE_DIR/tests/sarif/package.json" "$val/package.json" ||
	[ ! -d "$val/node_modules/ajv" ]; then
	cp "$KC_SOURCE_DIR/tests/sarif/package.json" "$KC_SOURCE_DIR/tests/sarif/package-lock.json" "$val/"
	if ! (cd "$val" && npm ci --ignore-scripts --no-audit --no-fund) >"$TMP/npm.log" 2>&1; then
		cat "$TMP/npm.log" >&2
		echo "FAIL: npm ci of tests/sarif failed" >&2
		exit 1
	fi
fi
cp "$KC_SOURCE_DIR/tests/sarif/validate.mjs" "$val/"

checks=$((checks + 1))
if ! node "$val/validate.mjs" --self-test; then
	fail "the validator's self-test failed: it would not catch a broken log"
fi

# ---- SARIF logs from the embedded models and a Kconfig folder ---------------------

cd "$KC_SOURCE_DIR" || exit 1
logs=()
# sarif NAME ARGS...: one log; exit 0 or 1 (findings) are both fine.
sarif() {
	local name=$1

	shift
	"$KC_BIN" check --format sarif -o "$TMP/$name.sarif" "$@" 2>"$TMP/err"
	local rc=$?
	checks=$((checks + 1))
	if [ $rc -gt 1 ] || [ ! -s "$TMP/$name.sarif" ]; then
		fail "$name: check exited $rc: $(head -c 300 "$TMP/err")"
		return
	fi
	logs+=("$TMP/$name.sarif")
}

for model in $(cd kconfig && echo */ | tr -d /); do
	for cfg in examples/*.config; do
		sarif "$model-$(basename "$cfg" .config)" --model "$model" "$cfg"
	done
	sarif "$model-all" --model "$model" examples/*.config
done
sarif "fixture-kconfig" --kconfig tests/fixtures/full examples/bad-lines.config
# The other kinds of input: a defconfig, fragments merged onto a base.
sarif "defconfig" examples/vfio_defconfig
sarif "fragment" --base examples/distro.config examples/no-container.fragment
# A path that needs percent-encoding, relative and absolute.
mkdir -p "$TMP/a dir:x"
cp examples/both-providers.config "$TMP/a dir:x/ü #1.config"
sarif "encoded-absolute" "$TMP/a dir:x/ü #1.config"
(cd "$TMP" && "$KC_BIN" check --format sarif -o "$TMP/encoded-relative.sarif" "a dir:x/ü #1.config")
logs+=("$TMP/encoded-relative.sarif")

# ---- a real kernel tree, when the kernel tests have fetched it --------------------

tree=${KC_KERNEL_DIR:-}/linux-6.12
if [ -n "${KC_KERNEL_DIR:-}" ] && [ -f "$tree/Kconfig" ]; then
	sarif "linux-6.12" --srctree "$tree" --arch x86_64 examples/*.config
	checks=$((checks + 1))
	jq -e '.runs[0].originalUriBaseIds.SRCROOT.uri | startswith("file:///")' \
		"$TMP/linux-6.12.sarif" >/dev/null || fail "linux-6.12: no SRCROOT base"
	checks=$((checks + 1))
	jq -e '[.runs[0].results[].relatedLocations // [] | .[] |
		select(.physicalLocation.artifactLocation.uriBaseId == "SRCROOT")] | length > 0' \
		"$TMP/linux-6.12.sarif" >/dev/null || fail "linux-6.12: no related location under SRCROOT"
else
	echo "test_sarif_schema.sh: no Linux 6.12 tree in KC_KERNEL_DIR; the --srctree case is not run"
fi

# The logs exercise what the schema constrains most: related locations
# (both-providers.config has a Kconfig note), regions, fingerprints, a
# SRCROOT base (--kconfig), several rules.
checks=$((checks + 4))
jq -e '.runs[0].results[] | select(.relatedLocations) | .relatedLocations[0].physicalLocation.region.startLine' \
	"$TMP/vfio-6.6-both-providers.sarif" >/dev/null || fail "both-providers: no related location with a line"
jq -e '.runs[0].originalUriBaseIds.SRCROOT.uri' "$TMP/fixture-kconfig.sarif" >/dev/null ||
	fail "--kconfig: no SRCROOT base"
jq -e '.runs[0].tool.driver.rules | length > 2' "$TMP/vfio-6.6-all.sarif" >/dev/null ||
	fail "all examples: fewer than three rules"
jq -e '[.runs[0].results[].partialFingerprints] | length > 0' "$TMP/vfio-6.6-all.sarif" >/dev/null ||
	fail "all examples: no fingerprints"

# ---- validate -------------------------------------------------------------------------

checks=$((checks + 1))
if ! node "$val/validate.mjs" "${logs[@]}" >"$TMP/valid.log"; then
	fail "SARIF output is not valid against the SARIF 2.1.0 schema"
fi
n=$(grep -c ': valid SARIF 2.1.0$' "$TMP/valid.log")
checks=$((checks + 1))
[ "$n" -eq ${#logs[@]} ] || fail "$n of ${#logs[@]} logs reported valid"

echo "test_sarif_schema.sh: ${#logs[@]} logs validated; $checks checks, $failures failures"
[ "$failures" -eq 0 ]
