#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_cli_options.sh - the one option parser and what the command table
# promises:
#  - every spelling works the same everywhere: --opt=value, --opt value,
#    -o value, -ovalue, "--" ends the options, "-" is standard input;
#  - unknown options name the command (and the nearest option), a missing
#    value is named, a flag given a value is refused, all with exit 2;
#  - options a command used to accept and ignore are unknown to it;
#    prove applies --only and --skip;
#  - a mistyped command is named as one, unless a file has that name;
#  - a write error on standard output exits 2 and says so;
#  - the .config prefix comes from --env CONFIG_=..., and from the
#    environment only with --shell;
#  - with --shell, the toolchain variables the kernel's Makefile sets
#    (CC with CROSS_COMPILE or LLVM, CC_VERSION_TEXT from the compiler)
#    have its defaults when the environment and --env leave them unset,
#    and a relative tree's own files are found by the probes;
#  - the generated bash completion lists exactly the commands and the
#    options of the table (as each --help prints it), and each command's
#    own --format values;
#  - each command's entry in the manual lists its own options and none it
#    does not take.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both) and jq.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "test_cli_options.sh: jq is needed" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
EX=$KC_SOURCE_DIR/examples

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

expect_err() {
	checks=$((checks + 1))
	[ "$(cat "$TMP/err")" = "$1" ] || fail "$2: stderr '$(cat "$TMP/err")', want '$1'"
}

cd "$TMP" || exit 1

# ---- spellings ---------------------------------------------------------------------

for spelling in "--output=$TMP/a.json" "--output $TMP/a.json" "-o $TMP/a.json" "-o$TMP/a.json"; do
	rm -f "$TMP/a.json"
	# shellcheck disable=SC2086 # the spelling is one or two words
	run "$KC_BIN" dump $spelling
	expect_rc 0 "dump $spelling"
	checks=$((checks + 1))
	jq -e '.symbols' "$TMP/a.json" >/dev/null 2>&1 || fail "dump $spelling: no JSON in the file"
done
run "$KC_BIN" check --format=json "$EX/distro.config"
expect_rc 0 "check --format=json"
checks=$((checks + 1))
jq -e . "$TMP/out" >/dev/null 2>&1 || fail "check --format=json: not JSON"

# "--" ends the options: a .config named like an option.
cp "$EX/distro.config" "$TMP/--odd.config"
run "$KC_BIN" check -- --odd.config
expect_rc 0 "check -- --odd.config"
# "-" is standard input.
run "$KC_BIN" check - <"$EX/both-providers.config"
expect_rc 1 "check - < both-providers.config"
checks=$((checks + 1))
grep -q "error: " "$TMP/out" || fail "check -: the findings of standard input are missing"
"$KC_BIN" resolve "$EX/distro.config" >"$TMP/from-file"
run "$KC_BIN" resolve - <"$EX/distro.config"
expect_rc 0 "resolve -"
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/from-file" || fail "resolve -: differs from resolve FILE"

# ---- errors ---------------------------------------------------------------------------

run "$KC_BIN" prove --frobnicate
expect_rc 2 "prove --frobnicate"
expect_err "vfio-kconfig-check: unknown option '--frobnicate' for 'prove' (try --help)" "prove --frobnicate"
run "$KC_BIN" prove --witnes-dir "$TMP/w"
expect_rc 2 "prove --witnes-dir"
expect_err "vfio-kconfig-check: unknown option '--witnes-dir' for 'prove'; did you mean '--witness-dir'? (try --help)" \
	"prove --witnes-dir"
run "$KC_BIN" check --format=json --rules
expect_rc 2 "check --rules without a value"
expect_err "vfio-kconfig-check: option '--rules' needs a value (SOURCE)" "check --rules without a value"
run "$KC_BIN" resolve -o
expect_rc 2 "resolve -o without a value"
expect_err "vfio-kconfig-check: option '-o' needs a value (FILE)" "resolve -o without a value"
run "$KC_BIN" parse --werror=yes
expect_rc 2 "parse --werror=yes"
expect_err "vfio-kconfig-check: option '--werror' takes no value" "parse --werror=yes"
run "$KC_BIN" dump extra
expect_rc 2 "dump extra"
run "$KC_BIN" resolve a.config b.config
expect_rc 2 "resolve with two .config files"

# ---- options that were accepted and ignored ----------------------------------------------

for args in "prove --waivers w.yaml" "prove --baseline b.json" "prove --today 2026-01-01" \
	"prove --no-explain" "dead --witness-dir $TMP/w" "explain --no-explain VFIO=y" \
	"explain --witness-dir $TMP/w VFIO=y" "selects --no-explain" "resolve --format json"; do
	# shellcheck disable=SC2086
	run "$KC_BIN" $args
	expect_rc 2 "$args"
	checks=$((checks + 1))
	grep -q "^vfio-kconfig-check: unknown option '--[a-z-]*' for '${args%% *}'" "$TMP/err" ||
		fail "$args: not refused as an unknown option: $(cat "$TMP/err")"
done

# prove reports only the rules --only and --skip choose.
rule=vfio/no-dev-vfio-vfio
run "$KC_BIN" prove --format json --exit-zero --only "$rule"
expect_rc 0 "prove --only"
checks=$((checks + 1))
rules=$(jq -r '[.. | objects | select(has("rule")) | .rule] | unique | join(" ")' "$TMP/out")
[ "$rules" = "$rule" ] || fail "prove --only $rule reports on: $rules"
run "$KC_BIN" prove --format json --exit-zero --skip "$rule"
expect_rc 0 "prove --skip"
checks=$((checks + 1))
jq -e --arg r "$rule" '[.. | objects | select(has("rule")) | .rule] | index($r) == null' "$TMP/out" >/dev/null ||
	fail "prove --skip $rule still reports it"

# ---- a mistyped command ------------------------------------------------------------------

run "$KC_BIN" prvoe
expect_rc 2 "prvoe"
expect_err "vfio-kconfig-check: unknown command 'prvoe'; did you mean 'prove'?" "prvoe"
# A file of that name is a .config, as before.
cp "$EX/distro.config" prvoe
run "$KC_BIN" prvoe
expect_rc 0 "prvoe, a file"
rm -f prvoe

# ---- standard output that cannot be written -----------------------------------------------

if [ -w /dev/full ]; then
	for args in "--list-rules" "--version" "--help" "parse" "dead --format json" "--completion bash"; do
		# shellcheck disable=SC2086
		timeout 60 "$KC_BIN" $args >/dev/full 2>"$TMP/err"
		rc=$?
		expect_rc 2 "$args > /dev/full"
		checks=$((checks + 1))
		grep -q "^vfio-kconfig-check: \(write error on standard output\|cannot write '-'\): No space left on device" "$TMP/err" ||
			fail "$args > /dev/full: $(cat "$TMP/err")"
	done
else
	fail "/dev/full is needed"
fi
# Started with standard output closed, as git: no output meant, no error.
timeout 60 "$KC_BIN" parse -q >&- 2>"$TMP/err"
rc=$?
expect_rc 0 "parse -q with standard output closed"

# ---- the .config prefix: hermetic unless --shell ---------------------------------------------

printf 'FOO_VFIO=y\nCONFIG_VFIO=m\n' >prefix.config
CONFIG_=FOO_ "$KC_BIN" resolve prefix.config >"$TMP/out" 2>/dev/null
checks=$((checks + 1))
grep -q '^CONFIG_VFIO=m$' "$TMP/out" || fail "CONFIG_=FOO_ in the environment, without --shell: the prefix changed"
CONFIG_=FOO_ "$KC_BIN" resolve --shell prefix.config >"$TMP/out" 2>/dev/null
checks=$((checks + 1))
grep -q '^FOO_VFIO=y$' "$TMP/out" || fail "CONFIG_=FOO_ with --shell: the prefix is not FOO_"
"$KC_BIN" resolve --env CONFIG_=FOO_ prefix.config >"$TMP/out" 2>/dev/null
checks=$((checks + 1))
grep -q '^FOO_VFIO=y$' "$TMP/out" || fail "--env CONFIG_=FOO_: the prefix is not FOO_"
CONFIG_=FOO_ "$KC_BIN" check --format json --exit-zero prefix.config >"$TMP/out" 2>/dev/null
checks=$((checks + 1))
grep -q 'FOO_VFIO' "$TMP/out" || fail "check, CONFIG_=FOO_ without --shell: FOO_VFIO is not reported as a stray line"

# ---- --shell: the kernel Makefile's toolchain defaults --------------------------------------------

mkdir -p tc
printf 'ok\n' >tc/probe.txt
cat >tc/Kconfig <<'KC'
config CCNAME
	string
	default "$(CC)"
config LDNAME
	string
	default "$(LD)"
config VTEXT
	string
	default "$(CC_VERSION_TEXT)"
config PROBE
	string
	default "$(shell,cat $(srctree)/probe.txt)"
config CLANGFLAGS
	string
	default "$(CLANG_FLAGS)"
source "$(srctree)/sub.Kconfig"
KC
printf 'config SUB\n\tbool\n\tdefault y\n' >tc/sub.Kconfig
tc_resolve() {
	env -u CC -u LD -u CC_VERSION_TEXT -u CROSS_COMPILE -u LLVM -u LLVM_IAS \
		-u CLANG_FLAGS -u SRCARCH "$@" \
		"$KC_BIN" resolve --kconfig tc --mode alldefconfig --shell >"$TMP/out" 2>"$TMP/err"
}
tc_resolve
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME="gcc"$' "$TMP/out" && grep -q '^CONFIG_LDNAME="ld"$' "$TMP/out" ||
	fail "--shell without CC: not the Makefile's gcc and ld: $(grep NAME "$TMP/out")"
checks=$((checks + 1))
vt=$(gcc --version 2>/dev/null | head -n 1 | tr -d '#')
grep -qxF "CONFIG_VTEXT=\"$vt\"" "$TMP/out" ||
	fail "--shell: CC_VERSION_TEXT is not gcc's first line '$vt': $(grep VTEXT "$TMP/out")"
checks=$((checks + 1))
grep -q '^CONFIG_PROBE="ok"$' "$TMP/out" ||
	fail "--shell on a relative folder: \$(srctree)/probe.txt not found: $(grep PROBE "$TMP/out") $(head -n 3 "$TMP/err")"
tc_resolve CROSS_COMPILE=aarch64-linux-gnu-
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME="aarch64-linux-gnu-gcc"$' "$TMP/out" ||
	fail "--shell with CROSS_COMPILE: $(grep CCNAME "$TMP/out")"
tc_resolve LLVM=-17
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME="clang-17"$' "$TMP/out" && grep -q '^CONFIG_LDNAME="ld.lld-17"$' "$TMP/out" ||
	fail "--shell with LLVM=-17: $(grep NAME "$TMP/out")"
tc_resolve CC=cc CC_VERSION_TEXT=mine
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME="cc"$' "$TMP/out" && grep -q '^CONFIG_VTEXT="mine"$' "$TMP/out" ||
	fail "--shell: the environment's CC and CC_VERSION_TEXT are not kept: $(grep -E 'CCNAME|VTEXT' "$TMP/out")"
env -u CC "$KC_BIN" resolve --kconfig tc --mode alldefconfig >"$TMP/out" 2>&1
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME=""$' "$TMP/out" ||
	fail "without --shell, CC has a value: $(grep CCNAME "$TMP/out")"
checks=$((checks + 1))
grep -q '^CONFIG_SUB=y$' "$TMP/out" ||
	fail "a relative folder's source \"\$(srctree)/...\": $(head -n 3 "$TMP/out")"
tc_resolve LLVM=1
checks=$((checks + 1))
grep -q '^CONFIG_CCNAME="clang"$' "$TMP/out" ||
	fail "--shell with LLVM=1: $(grep CCNAME "$TMP/out")"
# clang's probes ask about the target (scripts/Makefile.clang): without
# CLANG_FLAGS, scripts/Kconfig.include stopped at "unknown assembler".
werror='-Werror=unknown-warning-option -Werror=ignored-optimization-argument -Werror=option-ignored -Werror=unused-command-line-argument'
tc_resolve LLVM=1 SRCARCH=arm64
checks=$((checks + 1))
grep -qxF "CONFIG_CLANGFLAGS=\"--target=aarch64-linux-gnu -fintegrated-as $werror\"" "$TMP/out" ||
	fail "--shell with LLVM=1 on arm64: $(grep CLANGFLAGS "$TMP/out")"
tc_resolve LLVM=1 LLVM_IAS=0 SRCARCH=x86 CROSS_COMPILE=/nowhere/x86_64-linux-gnu-
checks=$((checks + 1))
grep -qxF "CONFIG_CLANGFLAGS=\"--target=x86_64-linux-gnu -fno-integrated-as --prefix=x86_64-linux-gnu- $werror\"" "$TMP/out" ||
	fail "--shell with LLVM_IAS=0: $(grep CLANGFLAGS "$TMP/out")"
tc_resolve LLVM=1 SRCARCH=arm64 CLANG_FLAGS=mine
checks=$((checks + 1))
grep -q '^CONFIG_CLANGFLAGS="mine"$' "$TMP/out" ||
	fail "--shell: the environment's CLANG_FLAGS is not kept: $(grep CLANGFLAGS "$TMP/out")"
tc_resolve SRCARCH=arm64
checks=$((checks + 1))
grep -q '^CONFIG_CLANGFLAGS=""$' "$TMP/out" ||
	fail "--shell with gcc: CLANG_FLAGS is set: $(grep CLANGFLAGS "$TMP/out")"

# ---- the completion is the table ----------------------------------------------------------------

"$KC_BIN" --completion bash >completion || fail "--completion bash"
in_completion() {
	bash -c 'source "$1"; shift; "$@"' _ "$TMP/completion" "$@"
}
commands=$("$KC_BIN" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | sort)
offered=$(in_completion eval 'printf "%s\n" $_vfio_kconfig_check_commands' | sort)
checks=$((checks + 1))
[ "$commands" = "$offered" ] || fail "completion commands '$offered' are not --help's '$commands'"
for cmd in $commands; do
	want=$("$KC_BIN" "$cmd" --help |
		sed -n 's/^ \{1,4\}\(-[a-zA-Z]\)\{0,1\}\(, \)\{0,1\}\(--[a-z][a-z-]*\).*/\1 \3/p' |
		tr ' ' '\n' | sed '/^$/d' | sort)
	got=$(in_completion _vfio_kconfig_check_options "$cmd" | tr ' ' '\n' | sed '/^$/d' | sort)
	checks=$((checks + 1))
	[ "$want" = "$got" ] || fail "$cmd: completion options '$(echo $got)' are not --help's '$(echo $want)'"
done

# Option values are the command's own: each --format value offered is one
# the command's --help names (modules has other formats than the reports).
for cmd in $commands; do
	"$KC_BIN" "$cmd" --help >help.txt
	grep -q -- '--format FORMAT' help.txt || continue
	# The --format entry: its line and the help lines under it.
	sed -n '/--format FORMAT/,/^  -/p' help.txt >format.txt
	offered=$(in_completion eval 'COMP_WORDS=(vfio-kconfig-check '"$cmd"' --format ""); COMP_CWORD=3; _vfio_kconfig_check; echo "${COMPREPLY[@]}"')
	checks=$((checks + 1))
	[ -n "$offered" ] || fail "$cmd --format: the completion offers nothing"
	for v in $offered; do
		checks=$((checks + 1))
		grep -qw -- "$v" format.txt || fail "$cmd --format: the completion offers '$v', not in $cmd --help"
	done
done

# ---- the manual follows the table ----------------------------------------------------------

# Each command's entry under COMMANDS lists its own options (the "options:"
# part of its --help) and no option the command does not take.
MAN=$KC_SOURCE_DIR/man/vfio-kconfig-check.1
man_items() {
	awk -v cmd="$1" '$0 ~ "^\\.BR " cmd " " {on=1} on && /^\.RE$/ {exit} on' "$MAN" |
		awk '/^\.TP$/ {getline; print}' | grep -o '\\-\\-[a-z][a-z\\-]*' | tr -d '\\' | sort -u
}
for cmd in $commands; do
	"$KC_BIN" "$cmd" --help >help.txt
	all=$(grep -o -- '^ \{1,4\}\(-[a-zA-Z], \)\{0,1\}--[a-z][a-z-]*' help.txt | grep -o -- '--[a-z-]*' | sort -u)
	own=$(sed -n '/^options:$/,/^$/p' help.txt | grep -o -- '^ \{1,4\}\(-[a-zA-Z], \)\{0,1\}--[a-z][a-z-]*' |
		grep -o -- '--[a-z-]*' | sort -u)
	items=$(man_items "$cmd")
	checks=$((checks + 1))
	[ -n "$items" ] || fail "man: no option list under the $cmd entry"
	for opt in $own; do
		checks=$((checks + 1))
		grep -qx -- "$opt" <<<"$items" || fail "man: the $cmd entry does not list $opt"
	done
	for opt in $items; do
		checks=$((checks + 1))
		grep -qx -- "$opt" <<<"$all" || fail "man: the $cmd entry lists $opt, which $cmd does not take"
	done
done

# ---- check --jobs: the same report whatever N, errors in command-line order ----

cfgs=("$EX"/*.config "$EX"/no-container.fragment)
run "$KC_BIN" check --jobs 1 --fail-on never --format json "${cfgs[@]}"
expect_rc 0 "check --jobs 1 over the examples"
cp "$TMP/out" "$TMP/jobs1.json"
for n in 2 5; do
	run "$KC_BIN" check --jobs "$n" --fail-on never --format json "${cfgs[@]}"
	expect_rc 0 "check --jobs $n over the examples"
	checks=$((checks + 1))
	cmp -s "$TMP/jobs1.json" "$TMP/out" ||
		fail "check --jobs $n: the report differs from --jobs 1"
done
checks=$((checks + 1))
[ "$(jq '.configs | length' "$TMP/jobs1.json" 2>/dev/null)" = "${#cfgs[@]}" ] ||
	fail "check --jobs 1: the report does not have one entry a CONFIG"
run "$KC_BIN" check --jobs 3 "$EX/distro.config" "$TMP/missing-a" "$TMP/missing-b"
expect_rc 2 "check --jobs 3 with unreadable files"
checks=$((checks + 1))
[ "$(grep -c 'cannot read' "$TMP/err")" = 1 ] && grep -q "missing-a" "$TMP/err" ||
	fail "check --jobs 3: want only the first unreadable file named, got '$(cat "$TMP/err")'"
for bad in 0 -1 x 257 ""; do
	run "$KC_BIN" check --jobs "$bad" "$EX/distro.config"
	expect_rc 2 "check --jobs '$bad'"
	expect_err "vfio-kconfig-check: --jobs takes a number from 1 to 256, not '$bad'" "check --jobs '$bad'"
done

echo "test_cli_options.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
