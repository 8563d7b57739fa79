#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_cli_help.sh - the command line's self-description and manners:
#  - `--help` and `-h` of the tool and of every command print a usage on
#    stdout and exit 0; `--version` prints the version; an unknown option
#    exits 2 naming it, with nothing on stdout;
#  - every option a --help lists is in the man page and is offered by the
#    bash completion the binary generates (--completion bash), and the
#    completion's --format, --fail-on and --model values are the ones the
#    binary accepts;
#  - colour: the text report is coloured only when stdout is a terminal
#    (run under script(1) for a pty), never with NO_COLOR set to a
#    non-empty value, never into a pipe or a file.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both), and script(1) from
# util-linux (Debian's bsdutils) for the terminal cases.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
MAN=$KC_SOURCE_DIR/man/vfio-kconfig-check.1
COMPLETION=$TMP/completion
"$KC_BIN" --completion bash >"$COMPLETION" || { echo "FAIL: --completion bash" >&2; exit 1; }
ESC=$(printf '\033')

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

run() {
	timeout 20 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] ||
		fail "$2: exit $rc, want $1; stderr: $(head -c 300 "$TMP/err")"
}

# The options a usage text lists: "  -o, --output FILE  ..." lines.
options_of() {
	sed -n 's/^ \{1,4\}\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' "$1"
}

cd "$KC_SOURCE_DIR" || exit 1

# The completion, loaded without the bash-completion package, asked for
# what it offers after "vfio-kconfig-check [CMD] PREFIX".
complete_words() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_vfio_kconfig_check
		printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$@" 2>&1
}

# ---- the tool: --help, -h, --version -------------------------------------------

for flag in --help -h; do
	run "$KC_BIN" $flag
	expect_rc 0 "$flag"
	grep -q '^usage: vfio-kconfig-check' "$TMP/out" || fail "$flag: no usage on stdout"
	[ ! -s "$TMP/err" ] || fail "$flag: stderr not empty"
done
run "$KC_BIN" --help
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z]\{1,\}\) .*/\1/p' "$TMP/out")
for cmd in check parse resolve dump; do
	checks=$((checks + 1))
	grep -qx "$cmd" <<<"$commands" || fail "--help does not list $cmd"
done
offered_commands=$(PATH=$(dirname "$KC_BIN"):$PATH complete_words vfio-kconfig-check "")

version=$(sed -n 's/^project(vfio-kconfig-check VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
run "$KC_BIN" --version
expect_rc 0 "--version"
checks=$((checks + 1))
[ "$(cat "$TMP/out")" = "vfio-kconfig-check $version" ] || fail "--version prints '$(cat "$TMP/out")'"

# ---- every command: --help, -h, an unknown option --------------------------------

for cmd in $commands; do
	checks=$((checks + 3))
	grep -qx "$cmd" <<<"$offered_commands" || fail "the bash completion does not offer the command $cmd"
	grep -q "^\.BR $cmd " "$MAN" || fail "man/vfio-kconfig-check.1 has no entry for $cmd under COMMANDS"
	grep -q "^\.B $cmd\$" "$MAN" || fail "man/vfio-kconfig-check.1 has no SYNOPSIS for $cmd"
	for flag in --help -h; do
		run "$KC_BIN" "$cmd" $flag
		expect_rc 0 "$cmd $flag"
		grep -q "^usage: vfio-kconfig-check \[\{0,1\}$cmd" "$TMP/out" ||
			fail "$cmd $flag: no usage line for $cmd: $(head -n1 "$TMP/out")"
		[ ! -s "$TMP/err" ] || fail "$cmd $flag: stderr: $(head -c 200 "$TMP/err")"
	done
	run "$KC_BIN" "$cmd" --help
	cp "$TMP/out" "$TMP/help.$cmd"
	grep -q -- '-h, --help' "$TMP/help.$cmd" || fail "$cmd --help does not list --help"

	run "$KC_BIN" "$cmd" --no-such-option
	expect_rc 2 "$cmd --no-such-option"
	checks=$((checks + 1))
	[ ! -s "$TMP/out" ] || fail "$cmd --no-such-option: stdout not empty"
	grep -q -- "--no-such-option" "$TMP/err" || fail "$cmd --no-such-option: the option is not named"

	offered=$(PATH=$(dirname "$KC_BIN"):$PATH complete_words vfio-kconfig-check "$cmd" --)
	opts=$(options_of "$TMP/help.$cmd")
	checks=$((checks + 1))
	[ -n "$opts" ] || fail "$cmd --help lists no options"
	for opt in $opts; do
		checks=$((checks + 2))
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$MAN" ||
			fail "$cmd $opt is not in man/vfio-kconfig-check.1"
		grep -qx -- "$opt" <<<"$offered" || fail "the bash completion does not offer $cmd $opt"
	done
done

# The default command is check: a .config or check's options come first.
run "$KC_BIN" --no-such-option
expect_rc 2 "--no-such-option without a command"
run "$KC_BIN" check
expect_rc 2 "check without a .config"
run "$KC_BIN" check --format
expect_rc 2 "--format without a value"

# ---- the completion's value lists are the binary's ----------------------------------

# What the completion offers after "CMD --OPTION ".
values() {
	complete_words vfio-kconfig-check "$1" "$2" "" | tr '\n' ' ' | sed 's/ $//'
}
for fmt in $(values check --format); do
	run "$KC_BIN" check --format "$fmt" --exit-zero examples/distro.config
	expect_rc 0 "check --format $fmt (offered by the completion)"
done
# Accepted: any exit but 2 (findings may or may not reach the level).
expect_accepted() {
	checks=$((checks + 1))
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] ||
		fail "$1: exit $rc; stderr: $(head -c 300 "$TMP/err")"
}
run "$KC_BIN" check --format yaml examples/distro.config
expect_rc 2 "check --format yaml"
checks=$((checks + 1))
grep -q "(text, json, sarif, junit)" "$TMP/err" || fail "--format yaml: the formats are not listed"
for level in $(values check --fail-on); do
	run "$KC_BIN" check --fail-on "$level" examples/distro.config
	expect_accepted "check --fail-on $level (offered by the completion)"
done
checks=$((checks + 1))
[ "$(values parse --model)" = "$(cd kconfig && echo */ | tr -d /)" ] ||
	fail "completion models '$(values parse --model)' are not kconfig/'s '$(cd kconfig && echo */ | tr -d /)'"
for model in $(values parse --model); do
	run "$KC_BIN" parse -q --model "$model"
	expect_rc 0 "parse --model $model (offered by the completion)"
done
checks=$((checks + 1))
offered=$(complete_words vfio-kconfig-check check --format j)
[ "$offered" = "json
junit" ] || fail "completing --format j offers '$offered'"

# ---- colour: only on a terminal, never with NO_COLOR -------------------------------

cfg=examples/both-providers.config
has_escape() {
	grep -q "$ESC\[" "$1"
}

run "$KC_BIN" check "$cfg"
checks=$((checks + 1))
has_escape "$TMP/out" && fail "colour in a pipe"
run "$KC_BIN" check -o "$TMP/report.txt" "$cfg"
checks=$((checks + 1))
has_escape "$TMP/report.txt" && fail "colour in an -o file"

if command -v script >/dev/null; then
	# script(1) gives the command a pseudo-terminal as stdout.
	on_tty() {
		env "$@" script -qec "'$KC_BIN' check '$cfg'" /dev/null </dev/null >"$TMP/tty" 2>&1
	}
	checks=$((checks + 1))
	on_tty -u NO_COLOR
	if has_escape "$TMP/tty"; then
		grep -q "$ESC\[1;31merror:" "$TMP/tty" || fail "on a terminal: errors are not red"
	else
		fail "no colour on a terminal: $(head -c 200 "$TMP/tty")"
	fi
	checks=$((checks + 1))
	on_tty NO_COLOR=1
	has_escape "$TMP/tty" && fail "colour on a terminal with NO_COLOR=1"
	grep -q "^$cfg:67: error: " "$TMP/tty" || fail "NO_COLOR=1: the report is missing"
	# no-color.org: an empty NO_COLOR does not count.
	checks=$((checks + 1))
	on_tty NO_COLOR=
	has_escape "$TMP/tty" || fail "no colour on a terminal with an empty NO_COLOR"
	checks=$((checks + 1))
	env -u NO_COLOR script -qec "'$KC_BIN' check --format json '$cfg'" /dev/null </dev/null >"$TMP/tty" 2>&1
	has_escape "$TMP/tty" && fail "colour in JSON on a terminal"
else
	echo "test_cli_help.sh: script(1) not found: terminal cases not run" >&2
	fail "script(1) is needed (Debian's bsdutils)"
fi

echo "test_cli_help.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
