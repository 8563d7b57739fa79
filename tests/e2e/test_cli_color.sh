#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_cli_color.sh - the two options every command takes about what it
# prints besides its answer:
#  - --color=auto|always|never: diagnostics on stderr and the text report
#    coloured as a compiler's (error red, warning magenta, note cyan,
#    locations bold); never in JSON, SARIF, JUnit, modules.order or a file
#    written with -o; auto colours a terminal only (script(1) gives one),
#    and not with NO_COLOR set (non-empty) or TERM=dumb;
#  - --quiet (-q): no summary lines, and on stderr errors only (no
#    warnings, notes or $(info) messages); the answer itself and the exit
#    code are unchanged; parse keeps its warnings (they are its answer).
#  - every command takes both.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both).
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
EX=$KC_SOURCE_DIR/examples
ESC=$(printf '\033')
RED="$ESC\[1;31m"
MAGENTA="$ESC\[1;35m"
CYAN="$ESC\[1;36m"
BOLD="$ESC\[1m"

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

run() {
	timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] ||
		fail "$2: exit $rc, want $1; stderr: $(head -c 300 "$TMP/err")"
}

# has FILE PATTERN WHAT: grep -q, counted
has() {
	checks=$((checks + 1))
	grep -q -- "$2" "$1" || fail "$3: no '$2' in $(basename "$1"): $(head -c 300 "$1")"
}

# plain FILE WHAT: no escape character at all
plain() {
	checks=$((checks + 1))
	! grep -q "$ESC" "$1" || fail "$2: colour in $(basename "$1")"
}

cd "$TMP" || exit 1
cfg=$EX/both-providers.config

# A Kconfig folder that warns, says $(info ...) and has an error-free model.
mkdir -p warn
cat >warn/Kconfig <<'EOF'
$(info,hello from Kconfig)
config A
	bool "a"
	default y
config A
	int
config B
	bool "b"
	help

EOF
printf 'CONFIG_A=y\n' >warn.config

# ---- --color: the text report -----------------------------------------------------------

run "$KC_BIN" check --color=always "$cfg"
expect_rc 1 "check --color=always"
has out "^$BOLD$cfg:[0-9]*: ${RED}error:" "--color=always: a bold location, a red error"
has out "  [^ ]*:[0-9]*: ${CYAN}note:" "--color=always: cyan notes"
cp out always.txt

run "$KC_BIN" check --color=never "$cfg"
expect_rc 1 "check --color=never"
plain out "--color=never"
# Without the escapes, the coloured report is the plain one.
checks=$((checks + 1))
sed "s/$ESC\[[0-9;]*m//g" always.txt | cmp -s - out ||
	fail "--color=always differs from --color=never by more than the escapes"

run "$KC_BIN" check --color auto "$cfg"
plain out "--color auto into a pipe"
run "$KC_BIN" check "$cfg"
plain out "no --color into a pipe"

run "$KC_BIN" check --color=always -o report.txt "$cfg"
expect_rc 1 "check --color=always -o FILE"
plain report.txt "--color=always -o FILE"
has report.txt "error:" "--color=always -o FILE: the report"

for f in json sarif junit; do
	run "$KC_BIN" check --color=always --format "$f" "$cfg"
	expect_rc 1 "check --color=always --format $f"
	plain out "--color=always --format $f"
done
run "$KC_BIN" modules --color=always --format order "$EX/distro.config"
expect_rc 0 "modules --color=always --format order"
plain out "--color=always: modules.order"
has out "\.ko$" "modules --format order: the list"
run "$KC_BIN" resolve --color=always "$EX/distro.config"
plain out "--color=always: resolve's .config"

# ---- --color: diagnostics ------------------------------------------------------------------

run "$KC_BIN" parse --kconfig warn --color=always
expect_rc 0 "parse --color=always"
has err "^${BOLD}Kconfig:[0-9]*:\([0-9]*:\)\{0,1\} ${MAGENTA}warning:" "--color=always: a bold location, a magenta warning"
run "$KC_BIN" parse --kconfig warn --color=never
plain err "parse --color=never"
has err "^Kconfig:[0-9]*:\([0-9]*:\)\{0,1\} warning:" "parse --color=never: the warning"
run "$KC_BIN" parse --kconfig warn
plain err "parse without --color into a pipe"

run "$KC_BIN" check --color=always missing.config
expect_rc 2 "check --color=always of a missing file"
has err "^${BOLD}missing.config: ${RED}error:" "--color=always: a red error on stderr"

run "$KC_BIN" check --color=sometimes "$cfg"
expect_rc 2 "--color=sometimes"
checks=$((checks + 1))
[ "$(cat err)" = "vfio-kconfig-check: unknown value 'sometimes' for --color (auto, always, never)" ] ||
	fail "--color=sometimes: $(cat err)"

# ---- --color=auto on a terminal --------------------------------------------------------------

if command -v script >/dev/null; then
	# script(1) gives the command a pseudo-terminal as stdout and stderr.
	on_tty() {
		env "$@" script -qec "'$KC_BIN' check $color '$cfg'; '$KC_BIN' parse $color --kconfig warn" \
			/dev/null </dev/null >tty.txt 2>&1
	}
	color=
	on_tty -u NO_COLOR TERM=xterm
	has tty.txt "${RED}error:" "auto on a terminal: the report"
	has tty.txt "${MAGENTA}warning:" "auto on a terminal: diagnostics"
	on_tty NO_COLOR=1 TERM=xterm
	plain tty.txt "auto on a terminal with NO_COLOR=1"
	has tty.txt "error:" "NO_COLOR=1: the report"
	on_tty NO_COLOR= TERM=xterm
	has tty.txt "${RED}error:" "auto on a terminal with an empty NO_COLOR"
	on_tty -u NO_COLOR TERM=dumb
	plain tty.txt "auto on a terminal with TERM=dumb"
	color=--color=never
	on_tty -u NO_COLOR TERM=xterm
	plain tty.txt "--color=never on a terminal"
	color=--color=always
	on_tty NO_COLOR=1 TERM=dumb
	has tty.txt "${RED}error:" "--color=always wins over NO_COLOR and TERM=dumb"
else
	echo "test_cli_color.sh: no script(1); --color=auto on a terminal not tried" >&2
fi

# ---- --quiet ------------------------------------------------------------------------------------

run "$KC_BIN" check "$cfg"
cp out loud.txt
has loud.txt "^$cfg: [0-9]* error" "check: the summary line"
run "$KC_BIN" check --quiet "$cfg"
expect_rc 1 "check --quiet: the exit code"
checks=$((checks + 1))
grep -v "^$cfg: [0-9]* error" loud.txt | cmp -s - out ||
	fail "check --quiet is not the report less its summary line: $(diff loud.txt out | head -5)"
run "$KC_BIN" check -q "$cfg"
checks=$((checks + 1))
grep -q "^$cfg: [0-9]* error" out && fail "check -q: the summary line"

for f in json sarif junit; do
	"$KC_BIN" check --format "$f" "$cfg" >loud.$f 2>/dev/null
	run "$KC_BIN" check --quiet --format "$f" "$cfg"
	checks=$((checks + 1))
	cmp -s loud.$f out || fail "check --quiet --format $f changes the answer"
done

# Warnings and $(info) of the model are left out, the answer stays.
run "$KC_BIN" resolve --kconfig warn warn.config
cp out resolved.txt
has err "warning:" "resolve: the model's warnings"
has err "hello from Kconfig" "resolve: the model's \$(info)"
run "$KC_BIN" resolve --quiet --kconfig warn warn.config
expect_rc 0 "resolve --quiet"
checks=$((checks + 1))
[ ! -s err ] || fail "resolve --quiet: stderr '$(cat err)'"
checks=$((checks + 1))
cmp -s resolved.txt out || fail "resolve --quiet changes the .config"

run "$KC_BIN" resolve --quiet --kconfig warn -o quiet.config warn.config
checks=$((checks + 1))
[ ! -s out ] && [ ! -s err ] || fail "resolve --quiet -o: printed '$(cat out err)'"

# Errors still print.
run "$KC_BIN" check --quiet missing.config
expect_rc 2 "check --quiet of a missing file"
has err "missing.config: error: cannot read" "--quiet keeps errors"
run "$KC_BIN" check --quiet --srctree nowhere --arch x86_64 "$cfg"
expect_rc 2 "--quiet with a bad --srctree"
has err "no such folder" "--quiet keeps usage errors"

# parse: the warnings are the answer, only the summary goes.
run "$KC_BIN" parse --kconfig warn
has out "symbols defined" "parse: the summary line"
run "$KC_BIN" parse --quiet --kconfig warn
expect_rc 0 "parse --quiet"
has err "warning:" "parse --quiet keeps the warnings"
checks=$((checks + 1))
[ ! -s out ] || fail "parse --quiet: the summary line: $(cat out)"

# ---- every command takes both ---------------------------------------------------------------

for cmd in $("$KC_BIN" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]\{1,\}\) .*/\1/p'); do
	run "$KC_BIN" "$cmd" --color=bogus
	expect_rc 2 "$cmd --color=bogus"
	has err "unknown value 'bogus' for --color" "$cmd takes --color"
	"$KC_BIN" "$cmd" --help >help.txt
	has help.txt "^  -q, --quiet" "$cmd --help lists --quiet"
	has help.txt "^  --color WHEN" "$cmd --help lists --color"
done

echo "test_cli_color: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
