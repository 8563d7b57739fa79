#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_install.sh - `cmake --install` (what `make install` runs) of the
# build being tested, into a temporary DESTDIR: the binary, both man pages,
# every rule pack and the bash completion land where they should, the
# installed binary runs, the man pages are valid roff for the man macros
# (groff -man -ww: every warning counts), and the completion script loads.
#
# Needs KC_BUILD_DIR and KC_SOURCE_DIR (ctest sets both), cmake, groff
# (Debian's groff-base) and bash.
set -u

: "${KC_BUILD_DIR:?KC_BUILD_DIR must name the build folder}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
for tool in cmake groff; do
	command -v $tool >/dev/null || { echo "test_install.sh: $tool is needed" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

expect_file() {
	checks=$((checks + 1))
	[ -f "$1" ] || fail "not installed: ${1#"$TMP"/root}"
}

root=$TMP/root
prefix=/usr
if ! DESTDIR=$root cmake --install "$KC_BUILD_DIR" --prefix "$prefix" >"$TMP/log" 2>&1; then
	cat "$TMP/log" >&2
	echo "FAIL: cmake --install failed" >&2
	exit 1
fi
dest=$root$prefix

# ---- every file in its place ----------------------------------------------------

expect_file "$dest/bin/vfio-kconfig-check"
checks=$((checks + 1))
[ -x "$dest/bin/vfio-kconfig-check" ] || fail "the binary is not executable"

man_pages=("$KC_SOURCE_DIR"/man/vfio-kconfig-check.1)
expect_file "$dest/share/man/man1/vfio-kconfig-check.1"
# The rules manual is written with the rules; install it once it exists.
if [ -f "$KC_SOURCE_DIR/man/vfio-kconfig-rules.5" ]; then
	expect_file "$dest/share/man/man5/vfio-kconfig-rules.5"
	man_pages+=("$KC_SOURCE_DIR/man/vfio-kconfig-rules.5")
fi
for page in "$KC_SOURCE_DIR"/man/*.[0-9]; do
	sec=${page##*.}
	expect_file "$dest/share/man/man$sec/$(basename "$page")"
	cmp -s "$page" "$dest/share/man/man$sec/$(basename "$page")" ||
		fail "$(basename "$page") differs from the source"
done

shopt -s nullglob
packs=("$KC_SOURCE_DIR"/rules/*.yaml)
shopt -u nullglob
for pack in "${packs[@]}"; do
	expect_file "$dest/share/vfio-kconfig-check/rules/$(basename "$pack")"
done
checks=$((checks + 1))
installed=$(find "$dest/share/vfio-kconfig-check/rules" -name '*.yaml' 2>/dev/null | wc -l)
[ "$installed" -eq ${#packs[@]} ] || fail "$installed rule packs installed, ${#packs[@]} in rules/"

# bash-completion's completionsdir when its pkg-config file says so, else
# the conventional place; both are under the prefix.
comp=$(find "$dest" -path '*/bash-completion/completions/vfio-kconfig-check' -type f)
checks=$((checks + 1))
if [ -z "$comp" ]; then
	fail "the bash completion is not installed under $prefix/share/bash-completion/completions"
else
	"$dest/bin/vfio-kconfig-check" --completion bash >"$TMP/completion" 2>&1
	cmp -s "$comp" "$TMP/completion" ||
		fail "the installed bash completion is not what the binary generates"
	checks=$((checks + 1))
	bash -c 'source "$1" && complete -p vfio-kconfig-check' _ "$comp" >"$TMP/complete" 2>&1 ||
		fail "the bash completion does not load: $(cat "$TMP/complete")"
fi

# Nothing outside the prefix (DESTDIR must hold everything).
checks=$((checks + 1))
outside=$(cd "$root" && find . -type f ! -path ".$prefix/*")
[ -z "$outside" ] || fail "installed outside $prefix: $outside"

# ---- the installed binary runs ------------------------------------------------------

version=$(sed -n 's/^project(vfio-kconfig-check VERSION \([0-9.]*\).*/\1/p' \
	"$KC_SOURCE_DIR/CMakeLists.txt")
checks=$((checks + 1))
out=$("$dest/bin/vfio-kconfig-check" --version 2>&1)
[ "$out" = "vfio-kconfig-check $version" ] || fail "installed --version says '$out'"
checks=$((checks + 1))
"$dest/bin/vfio-kconfig-check" check "$KC_SOURCE_DIR/examples/distro.config" >/dev/null 2>&1 ||
	fail "the installed binary does not check examples/distro.config cleanly"

# ---- the man pages are valid roff ------------------------------------------------------

for page in "${man_pages[@]}"; do
	name=$(basename "$page")
	checks=$((checks + 1))
	# -ww: all warnings; -z: no output; any message is a failure.
	msgs=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
	[ -z "$msgs" ] || fail "$name: groff warns: $msgs"
	checks=$((checks + 1))
	head=$(grep -m1 '^\.TH ' "$page")
	case $name in
	*.1) sec=1 ;;
	*.5) sec=5 ;;
	*) sec=? ;;
	esac
	[[ $head == ".TH "*" $sec "* ]] || fail "$name: .TH does not name section $sec: $head"
	grep -q '^\.SH NAME' "$page" || fail "$name: no NAME section"
done
# The tool's page names the version it documents.
checks=$((checks + 1))
grep -q "^\.TH .*\"vfio\\\\-kconfig\\\\-check $version\"" "$KC_SOURCE_DIR/man/vfio-kconfig-check.1" ||
	fail "vfio-kconfig-check.1: .TH does not name version $version"

echo "test_install.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
