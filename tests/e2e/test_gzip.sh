#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_gzip.sh - gzip-compressed .config files (config.gz, copies of
# /proc/config.gz) are read directly (src/config/gzip.c): every example
# gives the same report compressed as plain, apart from the file name;
# resolve reads them too; a corrupt, truncated or oversized file is an
# error naming the file, exit 2, never a crash.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both), gzip, jq and
# coreutils (od, dd).
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v gzip >/dev/null || { echo "test_gzip.sh: gzip is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run CMD...: stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
	timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# expect_error FILE WHAT PATTERN: check of FILE exits 2, prints nothing on
# stdout, and names FILE with PATTERN on stderr.
expect_error() {
	checks=$((checks + 1))
	run "$KC_BIN" check "$1"
	if [ "$rc" -ne 2 ]; then
		fail "$2: exit $rc, want 2; stderr: $(head -c 300 "$TMP/err")"
		return
	fi
	[ ! -s "$TMP/out" ] || fail "$2: stdout not empty"
	grep -q -- "^$1: error: cannot decompress: .*$3" "$TMP/err" ||
		fail "$2: stderr does not name the file with '$3': $(head -c 300 "$TMP/err")"
}

cd "$KC_SOURCE_DIR" || exit 1

# ---- every example: same report, same exit status ------------------------------

n=0
for cfg in examples/*.config; do
	name=$(basename "$cfg" .config)
	gz=$TMP/$name.config.gz
	# Half with the file name in the gzip header (gzip's default), half
	# without (-n), as /proc/config.gz has none.
	if [ $((n % 2)) -eq 0 ]; then gzip -c "$cfg" >"$gz"; else gzip -nc "$cfg" >"$gz"; fi
	n=$((n + 1))
	for fmt in text json; do
		checks=$((checks + 1))
		run "$KC_BIN" check --format "$fmt" "$cfg"
		plain_rc=$rc
		cp "$TMP/out" "$TMP/plain"
		run "$KC_BIN" check --format "$fmt" "$gz"
		[ "$rc" -eq "$plain_rc" ] || fail "$cfg ($fmt): exit $rc compressed, $plain_rc plain"
		[ ! -s "$TMP/err" ] || fail "$cfg ($fmt): stderr: $(head -c 300 "$TMP/err")"
		sed "s|$gz|$cfg|g" "$TMP/out" >"$TMP/renamed"
		diff -u "$TMP/plain" "$TMP/renamed" >/dev/null ||
			fail "$cfg ($fmt): the report of the gzip copy differs: $(diff -u "$TMP/plain" "$TMP/renamed" | head -20)"
	done
done
[ "$n" -gt 0 ] || fail "no examples found"

# Findings really come through (not an empty file read as clean).
run "$KC_BIN" check "$TMP/both-providers.config.gz"
checks=$((checks + 1))
grep -q "^$TMP/both-providers.config.gz:67: error: .*\[kconfig/not-written\]" "$TMP/out" ||
	fail "both-providers.config.gz: the not-written error is missing"

# resolve reads gzip too.
checks=$((checks + 1))
"$KC_BIN" resolve examples/distro.config >"$TMP/resolved.plain" 2>&1
"$KC_BIN" resolve "$TMP/distro.config.gz" >"$TMP/resolved.gz" 2>&1
cmp -s "$TMP/resolved.plain" "$TMP/resolved.gz" || fail "resolve of distro.config.gz differs"

# Several members, as `gzip -c a b > c` writes: the concatenation.
checks=$((checks + 1))
cat examples/selected.config examples/typo.config >"$TMP/cat.config"
{ gzip -c examples/selected.config; gzip -c examples/typo.config; } >"$TMP/cat.config.gz"
run "$KC_BIN" check --format json "$TMP/cat.config"
jq -S '.configs[0].findings' "$TMP/out" | sed "s|$TMP/cat.config|X|g" >"$TMP/a"
run "$KC_BIN" check --format json "$TMP/cat.config.gz"
jq -S '.configs[0].findings' "$TMP/out" | sed "s|$TMP/cat.config.gz|X|g" >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "two gzip members are not read as their concatenation"

# An empty file compressed is an empty .config, not an error.
checks=$((checks + 1))
: | gzip -c >"$TMP/empty.config.gz"
run "$KC_BIN" check --exit-zero "$TMP/empty.config.gz"
[ "$rc" -eq 0 ] || fail "empty.config.gz: exit $rc, want 0: $(head -c 300 "$TMP/err")"

# ---- damaged files: exit 2 with the file name ------------------------------------

good=$TMP/distro.config.gz
size=$(stat -c %s "$good")

# A flipped byte in the deflate data, and in the CRC-32 and length trailer.
for off in $((size / 2)) $((size - 6)) $((size - 2)); do
	cp "$good" "$TMP/flip$off.gz"
	byte=$(od -An -tu1 -j "$off" -N1 "$good" | tr -d ' ')
	printf "\\$(printf %03o $((byte ^ 0x55)))" |
		dd of="$TMP/flip$off.gz" bs=1 seek="$off" conv=notrunc status=none
	cmp -s "$good" "$TMP/flip$off.gz" && fail "byte $off was not changed"
	expect_error "$TMP/flip$off.gz" "byte $off flipped" "corrupt gzip data"
done

# Cut short: inside the data, inside the trailer, just the magic.
head -c $((size / 2)) "$good" >"$TMP/half.gz"
expect_error "$TMP/half.gz" "truncated in the data" "truncated"
head -c $((size - 3)) "$good" >"$TMP/notrailer.gz"
expect_error "$TMP/notrailer.gz" "truncated in the trailer" "truncated"
printf '\037\213' >"$TMP/magic.gz"
expect_error "$TMP/magic.gz" "only the magic bytes" "truncated"

# Bytes after the last member that are not another member.
{ cat "$good"; echo junk; } >"$TMP/trailing.gz"
expect_error "$TMP/trailing.gz" "trailing junk" "trailing data"

# More than 64 MiB once decompressed: refused, not allocated.
head -c $((65 << 20)) /dev/zero | gzip -1 -c >"$TMP/big.gz"
expect_error "$TMP/big.gz" "65 MiB of zeros" "more than 64 MiB"

echo "test_gzip.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
