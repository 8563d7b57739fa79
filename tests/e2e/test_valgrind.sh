#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_valgrind.sh - check, resolve and modules on every example under
# valgrind: no invalid read or write, no use of uninitialised memory, no
# leak (--error-exitcode).  The sanitizer build is checked by its own
# runtime instead (valgrind cannot run it), so there the test only says so.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"

if ! command -v valgrind >/dev/null; then
	echo "valgrind is not installed" >&2
	exit 1
fi
if ldd "$KC_BIN" 2>/dev/null | grep -q libasan; then
	echo "sanitizer build: valgrind is not run on it"
	echo "0 passed, 0 failed"
	exit 0
fi

failures=0
cases=0
cd "$KC_SOURCE_DIR" || exit 1
for f in examples/*.config examples/*defconfig examples/*.fragment; do
	[[ -f $f ]] || continue
	for cmd in "check --fail-on never" "resolve -o /dev/null" "modules"; do
		cases=$((cases + 1))
		# shellcheck disable=SC2086
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			"$KC_BIN" $cmd "$f" >/dev/null 2>"${TMPDIR:-/tmp}/vg.$$"
		if [[ $? == 99 ]]; then
			failures=$((failures + 1))
			echo "FAIL: valgrind on '$cmd $f':" >&2
			head -n 20 "${TMPDIR:-/tmp}/vg.$$" >&2
		fi
	done
done
rm -f "${TMPDIR:-/tmp}/vg.$$"
echo "$((cases - failures)) passed, $failures failed"
((failures == 0))
