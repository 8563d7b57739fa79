#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_limits.sh - hostile inputs that never end: /dev/zero and a FIFO fed
# without end, given as a .config, a rule file, a waiver file, a baseline,
# a rule include and a Kconfig 'source'.  Each read stops at the cap of
# its provider: exit code 2 and an error naming the file and the limit;
# never a crash, an out-of-memory abort or a hang.
#
# Needs KC_BIN (the binary); ctest sets it.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"

TMP=$(mktemp -d)
FEED=
cleanup() {
	[ -n "$FEED" ] && kill "$FEED" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_cap FILE LIMIT ARGS...: exit 2, and "FILE...LIMIT MiB limit" on stderr.
expect_cap() {
	local file=$1 limit=$2 rc
	shift 2
	timeout 60 "$KC_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -ne 2 ]; then
		fail "$*: exit $rc, expected 2"
		sed 's/^/  /' "$TMP/err" | head -5 >&2
		return
	fi
	if ! grep -q "^$file.*larger than the $limit MiB limit" "$TMP/err"; then
		fail "$*: no error naming $file and the $limit MiB limit"
		sed 's/^/  /' "$TMP/err" | head -5 >&2
	fi
}

: >"$TMP/empty.config"

expect_cap /dev/zero 64 /dev/zero
expect_cap /dev/zero 64 check /dev/zero
expect_cap /dev/zero 16 check --rules /dev/zero "$TMP/empty.config"
expect_cap /dev/zero 16 check --waivers /dev/zero "$TMP/empty.config"
expect_cap /dev/zero 64 check --baseline /dev/zero "$TMP/empty.config"

# An include of a rule file is read through the same provider.
cat >"$TMP/include.yaml" <<'YAML'
schema: vfio-kconfig-check/rules/1
include: /dev/zero
YAML
expect_cap "$TMP/include.yaml" 16 check --rules "$TMP/include.yaml" \
	"$TMP/empty.config"

# An absolute 'source' in a tree on disk is read as the kernel reads it,
# under the same cap.
mkdir -p "$TMP/tree"
printf 'source "/dev/zero"\n' >"$TMP/tree/Kconfig"
expect_cap 'Kconfig:1: .*"/dev/zero"' 64 parse --kconfig "$TMP/tree"

# A FIFO whose writer never stops.
mkfifo "$TMP/fifo"
timeout 120 cat /dev/zero >"$TMP/fifo" 2>/dev/null &
FEED=$!
expect_cap "$TMP/fifo" 64 check "$TMP/fifo"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "all limits hold"
