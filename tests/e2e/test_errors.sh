#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_errors.sh - malformed Kconfig trees through the binary.  Each must
# give exit code 2 and the expected "FILE:LINE[:COL]: error: MESSAGE" line
# on stderr, with FILE relative to the tree; never a crash (exit >= 128)
# and never a hang (each run under `timeout 10`).  Every line of stderr
# that says "error:" must have that shape.  Inputs that only draw
# warnings must still parse (exit 0).
#
# Needs KC_BIN (the binary); ctest sets it.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
cases=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# tree NAME: a fresh, empty tree; its path in $T.
tree() {
	T=$TMP/$1
	rm -rf "$T"
	mkdir -p "$T"
}

# put PATH: writes stdin to PATH in the current tree.
put() {
	mkdir -p "$(dirname "$T/$1")"
	cat >"$T/$1"
}

# parse_tree: runs the binary on the current tree; sets $rc, stderr in
# $TMP/err.
parse_tree() {
	timeout 10 "$KC_BIN" dump --kconfig "$T" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# expect_error NAME LINE: the current tree must fail with LINE on stderr.
expect_error() {
	local name=$1 want=$2 line

	cases=$((cases + 1))
	parse_tree
	if [ "$rc" -eq 124 ]; then
		fail "$name: hangs (killed after 10 s)"
		return
	fi
	if [ "$rc" -ge 128 ]; then
		fail "$name: crashed (exit $rc)"
		return
	fi
	[ "$rc" -eq 2 ] || fail "$name: exit code $rc, want 2"
	grep -qxF -- "$want" "$TMP/err" ||
		fail "$name: no line '$want' on stderr; got: $(head -c 600 "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "$name: wrote to stdout"
	while IFS= read -r line; do
		case $line in
		*error:*)
			[[ $line =~ ^[^/:\ ][^:\ ]*:[0-9]+(:[0-9]+)?:\ error:\ .+ ]] ||
				fail "$name: badly formed error line: $line"
			;;
		esac
	done <"$TMP/err"
}

# expect_warning NAME LINE: the current tree parses, with LINE on stderr.
expect_warning() {
	local name=$1 want=$2

	cases=$((cases + 1))
	parse_tree
	[ "$rc" -eq 0 ] || fail "$name: exit code $rc, want 0; stderr: $(head -c 600 "$TMP/err")"
	grep -qxF -- "$want" "$TMP/err" ||
		fail "$name: no line '$want' on stderr; got: $(head -c 600 "$TMP/err")"
	jq -e .schema "$TMP/out" >/dev/null 2>&1 || fail "$name: no model on stdout"
}

# ---- source -----------------------------------------------------------------------

tree source-self
put Kconfig <<'EOF'
config A
	bool
source "Kconfig"
EOF
expect_error "a file sourcing itself" \
	'Kconfig:3: error: recursive inclusion of "Kconfig"'

tree source-loop
put Kconfig <<'EOF'
source "a/Kconfig"
EOF
put a/Kconfig <<'EOF'
source "b/Kconfig"
EOF
put b/Kconfig <<'EOF'
config B
	bool
source "a/Kconfig"
EOF
expect_error "A sources B sources A" \
	'b/Kconfig:3: error: recursive inclusion of "a/Kconfig"'
grep -qxF '  included from a/Kconfig:1' "$TMP/err" || fail "A->B->A: no inclusion chain"

tree source-missing
put Kconfig <<'EOF'
config A
	bool

source "drivers/nosuch/Kconfig"
EOF
expect_error "a missing sourced file" \
	'Kconfig:4: error: can'"'"'t open file "drivers/nosuch/Kconfig": No such file or directory'

tree source-chain
mkdir -p "$T/chain"
for i in $(seq 1 300); do
	printf 'config C%d\n\tbool\nsource "chain/%d"\n' "$i" $((i + 1)) >"$T/chain/$i"
done
printf 'source "chain/1"\n' >"$T/Kconfig"
expect_error "a source chain 300 deep" \
	"chain/199:3: error: 'source' nested more than 200 deep"

tree nul-byte
printf 'config A\n\tbool "a\0b"\n' >"$T/Kconfig"
expect_error "a NUL byte" \
	"Kconfig:2:9: error: file contains a NUL byte: not a Kconfig file"

# ---- macros -----------------------------------------------------------------------

tree macro-loop
put Kconfig <<'EOF'
X = $(Y)
Y = $(X)
config $(X)
	bool
EOF
expect_error "recursive macro expansion" \
	"Kconfig:3: error: Recursive variable 'X' references itself (eventually)"

tree error-if
put Kconfig <<'EOF'
config A
	bool
$(error-if,y,this tree wants a newer compiler)
EOF
expect_error "error-if" "Kconfig:3: error: this tree wants a newer compiler"

tree macro-unterminated
put Kconfig <<'EOF'
config $(FOO
	bool
EOF
expect_error "an unterminated reference" \
	"Kconfig:1: error: unterminated reference to 'FOO': missing ')'"

# ---- blocks ------------------------------------------------------------------------

tree if-open
put Kconfig <<'EOF'
config A
	bool
if A
config B
	bool
EOF
expect_error "if without endif" "Kconfig:3: error: missing 'endif' for this entry"

tree menu-open
put Kconfig <<'EOF'
menu "Drivers"
config B
	bool
EOF
expect_error "menu without endmenu" "Kconfig:1: error: missing 'endmenu' for this entry"

tree choice-open
put Kconfig <<'EOF'
choice
	prompt "Pick"
config B
	bool "b"
EOF
expect_error "choice without endchoice" "Kconfig:1: error: missing 'endchoice' for this entry"

tree end-mismatch
put Kconfig <<'EOF'
menu "Drivers"
config B
	bool
endif
EOF
expect_error "endif closing a menu" \
	"Kconfig:4:1: error: 'endif' does not close the menu at Kconfig:1"

tree end-alone
put Kconfig <<'EOF'
config B
	bool
endmenu
EOF
expect_error "endmenu without menu" "Kconfig:3:1: error: 'endmenu' without a matching start"

tree deep-blocks
{
	yes 'if A' | head -n 100000
	yes 'endif' | head -n 100000
} >"$T/Kconfig"
expect_error "100000 nested if blocks" \
	"Kconfig:1001: error: blocks (menu, choice, if) nested more than 1000 deep"

# ---- statements and attributes ---------------------------------------------------------

tree misspelled
put Kconfig <<'EOF'
config A
	bool "a"
	defualt y
EOF
expect_error "a misspelled attribute" 'Kconfig:3:2: error: unknown statement "defualt"'

tree unknown-statement
put Kconfig <<'EOF'
configure A
EOF
expect_error "an unknown statement" 'Kconfig:1:1: error: unknown statement "configure"'

tree stray-attribute
put Kconfig <<'EOF'
	default y
EOF
expect_error "an attribute without an entry" \
	"Kconfig:1:2: error: invalid statement: unexpected default"

tree bad-and
put Kconfig <<'EOF'
config A
	bool
	depends on B &&
EOF
expect_error "depends on A &&" \
	"Kconfig:3:17: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line"

tree bad-paren
put Kconfig <<'EOF'
config A
	bool
	depends on (B
EOF
expect_error "depends on (A" "Kconfig:3:15: error: syntax error: expected ')', found end of line"

tree bad-juxtaposed
put Kconfig <<'EOF'
config A
	bool
	depends on B C
EOF
expect_error "depends on A B" "Kconfig:3:15: error: syntax error: expected end of line, found 'C'"

tree deep-parens
{
	printf 'config A\n\tbool\n\tdepends on '
	head -c 10000 /dev/zero | tr '\0' '('
	printf 'B'
	head -c 10000 /dev/zero | tr '\0' ')'
	printf '\n'
} >"$T/Kconfig"
expect_error "10000 nested parentheses" "Kconfig:3:513: error: expression nested too deeply"

tree deep-not
{
	printf 'config A\n\tbool\n\tdepends on '
	head -c 100000 /dev/zero | tr '\0' '!'
	printf 'B\n'
} >"$T/Kconfig"
expect_error "100000 negations" "Kconfig:3:513: error: expression nested too deeply"

# ---- choices, modules, transitional ------------------------------------------------------

tree choice-int
put Kconfig <<'EOF'
choice
	prompt "Pick"
config A
	int "a"
endchoice
EOF
expect_error "a choice member that is not bool" "Kconfig:3: error: choice member 'A' must be bool"

tree choice-no-prompt
put Kconfig <<'EOF'
choice
config A
	bool "a"
endchoice
EOF
expect_error "a choice without a prompt" "Kconfig:1: error: choice must have a prompt"

tree modules-twice
put Kconfig <<'EOF'
config MODULES
	bool "modules"
	modules
config MODULES2
	bool
	modules
EOF
expect_error "modules defined twice" \
	"Kconfig:6:2: error: symbol 'MODULES2' redefines option 'modules' already defined by symbol 'MODULES'"

tree transitional-prompt
put Kconfig <<'EOF'
config OLD
	bool "visible"
	transitional
EOF
expect_error "a transitional symbol with a prompt" \
	"Kconfig:2: error: transitional symbol 'OLD' cannot have a prompt"

tree transitional-untyped
put Kconfig <<'EOF'
config OLD
	transitional
EOF
expect_error "a transitional symbol without a type" \
	"Kconfig:1: error: transitional symbol 'OLD' must have a type"

# ---- after parsing ------------------------------------------------------------------------

tree dep-loop
put Kconfig <<'EOF'
config A
	bool "a"
	depends on B
config B
	bool "b"
	depends on A
EOF
expect_error "a recursive dependency" "Kconfig:1: error: recursive dependency detected: A -> B -> A"

tree long-chain
awk 'BEGIN { for (i = 0; i < 200000; i++)
	printf "config A%d\n\tbool\n\tdepends on A%d\n", i, i + 1 }' >"$T/Kconfig"
expect_error "a dependency chain 200000 long" \
	"Kconfig:30001: error: dependencies nested more than 10000 symbols deep at 'A10000'"

tree top-no-newline
printf 'config A\n\tbool' >"$T/Kconfig"
expect_error "no newline at the end of the top file" \
	"Kconfig:2:6: error: syntax error: expected end of line, found end of file"

# ---- the top file ---------------------------------------------------------------------------

tree no-top
cases=$((cases + 1))
parse_tree
[ "$rc" -eq 2 ] || fail "a missing top file: exit code $rc, want 2"
grep -qx "vfio-kconfig-check: --kconfig .*/no-top: no Kconfig there" "$TMP/err" ||
	fail "a missing top file: $(cat "$TMP/err")"

# ---- warnings only --------------------------------------------------------------------------

tree warn-type
put Kconfig <<'EOF'
config A
	bool
config A
	int
EOF
expect_warning "a type redefinition" \
	"Kconfig:3: warning: ignoring type redefinition of 'A' from 'bool' to 'integer'"

tree warn-newline
printf 'source "sub/Kconfig"\n' >"$T/Kconfig"
mkdir "$T/sub"
printf 'config A\n\tbool' >"$T/sub/Kconfig"
expect_warning "no newline at the end of a sourced file" \
	"sub/Kconfig:2: warning: no new line at end of file"

tree warn-help
put Kconfig <<'EOF'
config A
	bool
	help

config B
	bool
EOF
expect_warning "a blank help text" "Kconfig:5: warning: 'A' defined with blank help text"

tree warn-char
put Kconfig <<'EOF'
config A
	bool "a" ;
EOF
expect_warning "an unsupported character" \
	"Kconfig:2:11: warning: ignoring unsupported character ';'"

echo "test_errors.sh: $cases cases, $failures failures"
[ "$failures" -eq 0 ]
