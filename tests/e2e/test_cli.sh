#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_cli.sh - the command-line tool end to end: --help, --version, the
# dump command on the embedded models and on the fixture trees (checked
# with jq against docs/dump-schema.md), writing with -o, and the exit
# codes of bad usage (2).
#
# Needs KC_BIN (the binary) and KC_SOURCE_DIR (the source tree); ctest
# sets both.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"
command -v jq >/dev/null || { echo "test_cli.sh: jq is needed" >&2; exit 1; }

FIXTURES=$KC_SOURCE_DIR/tests/fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run CMD...: runs with a time limit; sets $rc, stdout in $TMP/out,
# stderr in $TMP/err.
run() {
	timeout 20 "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] ||
		fail "$2: exit code $rc, want $1; stderr: $(head -c 400 "$TMP/err")"
}

# expect_json FILE JQ-FILTER WHAT: the filter must yield true.
expect_json() {
	checks=$((checks + 1))
	jq -e "$2" "$1" >/dev/null 2>&1 || fail "$3: jq '$2' is not true"
}

expect_same() {
	checks=$((checks + 1))
	[ "$1" == "$2" ] || fail "$3: got '$1', want '$2'"
}

expect_empty() {
	checks=$((checks + 1))
	[ ! -s "$1" ] || fail "$2: not empty: $(head -c 400 "$1")"
}

# ---- --help, --version, no arguments ----------------------------------------

run "$KC_BIN" --help
expect_rc 0 "--help"
expect_same "$(head -n1 "$TMP/out")" \
	"usage: vfio-kconfig-check [<command>] [options] [CONFIG...]" "--help first line"
grep -Eq '^  dump +print the parsed Kconfig model as JSON$' "$TMP/out" ||
	fail "--help does not list dump"
expect_empty "$TMP/err" "--help stderr"

run "$KC_BIN" -h
expect_rc 0 "-h"
grep -q '^usage: vfio-kconfig-check' "$TMP/out" || fail "-h prints no usage"

version=$(sed -n 's/^project(vfio-kconfig-check VERSION \([0-9.]*\).*/\1/p' \
	"$KC_SOURCE_DIR/CMakeLists.txt")
run "$KC_BIN" --version
expect_rc 0 "--version"
expect_same "$(cat "$TMP/out")" "vfio-kconfig-check $version" "--version"
expect_empty "$TMP/err" "--version stderr"

run "$KC_BIN"
expect_rc 2 "no arguments"
expect_empty "$TMP/out" "no arguments stdout"
grep -q '^usage: vfio-kconfig-check' "$TMP/err" || fail "no arguments: no usage on stderr"

run "$KC_BIN" --frobnicate
expect_rc 2 "unknown option"
grep -q -- "--frobnicate" "$TMP/err" || fail "unknown option not named on stderr"

run "$KC_BIN" dump --help
expect_rc 0 "dump --help"
grep -q '^usage: vfio-kconfig-check dump' "$TMP/out" || fail "dump --help"

run "$KC_BIN" dump --frobnicate
expect_rc 2 "dump with an unknown option"
expect_same "$(cat "$TMP/err")" \
	"vfio-kconfig-check: unknown option '--frobnicate' for 'dump' (try --help)" \
	"dump with an unknown option"
expect_empty "$TMP/out" "dump with an unknown option, stdout"

run "$KC_BIN" dump -o
expect_rc 2 "dump -o without a file"

# ---- dump of the embedded models ---------------------------------------------

run "$KC_BIN" dump
expect_rc 0 "dump"
expect_empty "$TMP/err" "dump stderr"
cp "$TMP/out" "$TMP/default.json"
expect_json "$TMP/default.json" '.schema == "vfio-kconfig-check/dump/1"' "dump schema"
expect_json "$TMP/default.json" '.mainmenu | test("^VFIO/IOMMUFD model vfio-6.6")' "dump mainmenu"
expect_json "$TMP/default.json" '.modules == "MODULES"' "dump modules"
expect_json "$TMP/default.json" '.files[0] == "Kconfig" and (.files | index("drivers/vfio/Kconfig") != null)' "dump files"
expect_json "$TMP/default.json" '.environment == {}' "dump environment"
for want in VFIO:tristate VFIO_GROUP:bool VFIO_CONTAINER:bool \
	IOMMUFD:tristate IOMMUFD_VFIO_CONTAINER:bool VFIO_DEVICE_CDEV:bool; do
	name=${want%%:*}
	type=${want#*:}
	expect_json "$TMP/default.json" \
		"[.symbols[] | select(.name == \"$name\")] | length == 1 and .[0].type == \"$type\" and .[0].defined" \
		"dump: $name is a defined $type"
done
expect_json "$TMP/default.json" \
	'.symbols[] | select(.name == "VFIO") | .definitions[0].kind == "menuconfig" and .definitions[0].file == "drivers/vfio/Kconfig"' \
	"dump: VFIO is a menuconfig in drivers/vfio/Kconfig"
# Without --derived, no computed dependencies.
expect_json "$TMP/default.json" '[.symbols[] | has("selected_by")] | any | not' "dump without --derived"

run "$KC_BIN" dump --model vfio-6.6
expect_rc 0 "dump --model vfio-6.6"
cmp -s "$TMP/out" "$TMP/default.json" || fail "vfio-6.6 is not the default model"

run "$KC_BIN" dump --model vfio-6.5
expect_rc 0 "dump --model vfio-6.5"
cp "$TMP/out" "$TMP/65.json"
expect_json "$TMP/65.json" '[.symbols[] | select(.name == "VFIO_GROUP")] | length == 0' \
	"vfio-6.5 has no VFIO_GROUP"
expect_json "$TMP/65.json" '[.symbols[] | select(.name == "VFIO_DEVICE_CDEV")] | length == 0' \
	"vfio-6.5 has no VFIO_DEVICE_CDEV"
expect_json "$TMP/65.json" '.symbols[] | select(.name == "VFIO_CONTAINER") | .defined and .type == "bool"' \
	"vfio-6.5 has VFIO_CONTAINER"
expect_json "$TMP/65.json" '.mainmenu | test("vfio-6.5")' "vfio-6.5 mainmenu"

run "$KC_BIN" dump --model vfio-proposed
expect_rc 0 "dump --model vfio-proposed"
jq -e . "$TMP/out" >/dev/null || fail "vfio-proposed: not JSON"

run "$KC_BIN" dump --model nosuch
expect_rc 2 "dump --model nosuch"
expect_same "$(cat "$TMP/err")" "vfio-kconfig-check: --model nosuch: unknown model (one of: vfio-6.5, vfio-6.6, vfio-proposed)" \
	"dump --model nosuch message"
expect_empty "$TMP/out" "dump --model nosuch stdout"

run "$KC_BIN" dump --model=vfio-6.5
expect_rc 0 "dump --model=vfio-6.5"
cmp -s "$TMP/out" "$TMP/65.json" || fail "--model=NAME differs from --model NAME"

run "$KC_BIN" dump --derived
expect_rc 0 "dump --derived"
cp "$TMP/out" "$TMP/derived.json"
expect_json "$TMP/derived.json" \
	'.symbols | all(has("direct_dependencies") and has("selected_by") and has("implied_by"))' \
	"dump --derived adds the computed dependencies"
expect_json "$TMP/derived.json" \
	'.symbols[] | select(.name == "VFIO_GROUP") | .direct_dependencies == "VFIO"' \
	"dump --derived: VFIO_GROUP depends on VFIO"

# ---- -o FILE ------------------------------------------------------------------

mkdir "$TMP/outdir"
run "$KC_BIN" dump -o "$TMP/outdir/model.json"
expect_rc 0 "dump -o"
expect_empty "$TMP/out" "dump -o stdout"
cmp -s "$TMP/outdir/model.json" "$TMP/default.json" || fail "dump -o wrote something else"
expect_same "$(ls -A "$TMP/outdir")" "model.json" "dump -o leaves only its file"

echo "old content" >"$TMP/outdir/model.json"
run "$KC_BIN" dump --model vfio-6.5 --output "$TMP/outdir/model.json"
expect_rc 0 "dump --output over an existing file"
cmp -s "$TMP/outdir/model.json" "$TMP/65.json" || fail "dump --output did not replace the file"
expect_same "$(ls -A "$TMP/outdir")" "model.json" "dump --output leaves only its file"

run "$KC_BIN" dump -o "$TMP/nosuchdir/model.json"
expect_rc 2 "dump -o into a missing folder"
grep -q "^vfio-kconfig-check: cannot write '$TMP/nosuchdir/model.json': " "$TMP/err" ||
	fail "dump -o into a missing folder: message: $(cat "$TMP/err")"
[ ! -e "$TMP/nosuchdir" ] || fail "dump -o into a missing folder created something"
expect_empty "$TMP/out" "dump -o into a missing folder, stdout"

run "$KC_BIN" dump -o "$TMP/outdir"
expect_rc 2 "dump -o onto a folder"
expect_same "$(ls -A "$TMP/outdir")" "model.json" "dump -o onto a folder leaves it alone"

# A model that does not parse writes nothing.
mkdir -p "$TMP/broken"
printf 'config A\n\tbool\n\tdepends on (B\n' >"$TMP/broken/Kconfig"
run "$KC_BIN" dump --kconfig "$TMP/broken" -o "$TMP/outdir/broken.json"
expect_rc 2 "dump -o of a broken tree"
[ ! -e "$TMP/outdir/broken.json" ] || fail "dump -o of a broken tree wrote a file"

# ---- --kconfig on the fixtures -------------------------------------------------

run "$KC_BIN" dump --kconfig "$FIXTURES/full" --derived
expect_rc 0 "dump --kconfig full"
expect_empty "$TMP/err" "dump --kconfig full: stderr"
cp "$TMP/out" "$TMP/full.json"
J=$TMP/full.json
expect_json "$J" '.mainmenu == "Fixture: every statement"' "full: mainmenu"
expect_json "$J" '.modules == "MODULES"' "full: modules"
expect_json "$J" '.files == ["Kconfig", "drivers/Kconfig", "drivers/more.kconfig"]' "full: files"
expect_json "$J" '.menus == [{"id": "menu@Kconfig:19", "title": "Options", "file": "Kconfig",
	"line": 19, "end_line": 39, "depends_on": "MODULES", "visible_if": "EXPERT", "parent": null}]' \
	"full: menus"
expect_json "$J" '[.symbols[].name] == ["MODULES", "EXPERT", "DRIVERS", "DRIVER_NAME",
	"DRIVER_BASE", "0x1000", "DRIVER_EXTRA", "FEATURE", "HELPER", "SUGGESTED", "LEVEL",
	"1", "10", "3", "MODE_FAST", "MODE_SAFE"]' "full: symbols in order of appearance"
expect_json "$J" '.symbols[] | select(.name == "FEATURE") ==
	{"name": "FEATURE", "type": "tristate", "defined": true, "build_machine": false,
	 "choice": null,
	 "definitions": [{"kind": "config", "file": "Kconfig", "line": 23, "depends_on": null,
			  "parent": "menu@Kconfig:19", "help": "The feature.\n\nSecond paragraph.\n"}],
	 "prompts": [{"text": "A feature", "if": "EXPERT", "file": "Kconfig", "line": 24}],
	 "defaults": [{"value": "m", "if": "MODULES", "file": "Kconfig", "line": 25},
		      {"value": "y", "if": null, "file": "Kconfig", "line": 26}],
	 "selects": [{"symbol": "HELPER", "if": "FEATURE=y", "file": "Kconfig", "line": 27}],
	 "implies": [{"symbol": "SUGGESTED", "if": null, "file": "Kconfig", "line": 28}],
	 "ranges": [],
	 "direct_dependencies": "MODULES", "selected_by": null, "implied_by": null}' \
	"full: FEATURE, field by field"
expect_json "$J" '.symbols[] | select(.name == "LEVEL") | .ranges ==
	[{"low": "1", "high": "10", "if": null, "file": "Kconfig", "line": 36}]' "full: LEVEL range"
expect_json "$J" '.symbols[] | select(.name == "HELPER") |
	.selected_by == "FEATURE && MODULES && FEATURE=y" and .direct_dependencies == "FEATURE"' \
	"full: HELPER selected_by"
expect_json "$J" '.symbols[] | select(.name == "SUGGESTED") | .implied_by == "FEATURE && MODULES"' \
	"full: SUGGESTED implied_by"
expect_json "$J" '.symbols[] | select(.name == "DRIVER_NAME") | .type == "string" and
	.defaults[0].value == "\"dummy\"" and .direct_dependencies == "DRIVERS"' "full: DRIVER_NAME"
expect_json "$J" '.symbols[] | select(.name == "DRIVER_EXTRA") |
	.definitions[0].file == "drivers/more.kconfig" and .definitions[0].depends_on == "!EXPERT || MODULES"' \
	"full: DRIVER_EXTRA"
expect_json "$J" '.symbols[] | select(.name == "0x1000") | .defined == false and .type == "unknown"' \
	"full: a number is an undefined symbol"
expect_json "$J" '.symbols[] | select(.name == "MODULES") | .modules == true' "full: MODULES flag"
expect_json "$J" '.symbols[] | select(.name == "MODE_SAFE") | .choice == "choice@Kconfig:41"' \
	"full: MODE_SAFE in its choice"
expect_json "$J" '.choices == [{"id": "choice@Kconfig:41", "type": "bool", "optional": false,
	"members": ["MODE_FAST", "MODE_SAFE"],
	"definitions": [{"kind": "choice", "file": "Kconfig", "line": 41, "depends_on": null,
			 "parent": null, "help": null}],
	"prompts": [{"text": "Mode", "if": null, "file": "Kconfig", "line": 42}],
	"defaults": [{"value": "MODE_FAST", "if": null, "file": "Kconfig", "line": 43}]}]' \
	"full: the choice"

run "$KC_BIN" dump --kconfig="$FIXTURES/other"
expect_rc 0 "dump --kconfig=other"
expect_json "$TMP/out" '.mainmenu == "Fixture: another tree" and .modules == null' "other: mainmenu"
expect_json "$TMP/out" '.symbols[] | select(.name == "FEATURE") | .type == "int"' "other: FEATURE"

run "$KC_BIN" dump --kconfig "$TMP/nosuch"
expect_rc 2 "dump --kconfig of a missing folder"
expect_same "$(cat "$TMP/err")" "vfio-kconfig-check: --kconfig $TMP/nosuch: no such folder" \
	"dump --kconfig of a missing folder"

run "$KC_BIN" dump --model vfio-6.5 --kconfig "$FIXTURES/full"
expect_rc 2 "--model and --kconfig together"
grep -q "exclude each other" "$TMP/err" || fail "--model and --kconfig: message"

run "$KC_BIN" dump --arch x86_64
expect_rc 2 "--arch without --srctree"

# ---- macros: --env and --shell ----------------------------------------------------

mkdir -p "$TMP/macros"
cat >"$TMP/macros/Kconfig" <<'EOF'
config $(NAME)
	bool "named by --env"

config CC_HAS_FEATURE
	def_bool $(shell,echo y)
EOF
run "$KC_BIN" dump --kconfig "$TMP/macros" --env NAME=FROM_ENV
expect_rc 0 "dump --env"
cp "$TMP/out" "$TMP/macros.json"
expect_json "$TMP/macros.json" '[.symbols[].name] | index("FROM_ENV") != null' "--env names a symbol"
expect_json "$TMP/macros.json" '.environment == {"NAME": "FROM_ENV"}' "--env is recorded"
# Hermetic by default: $(shell,...) is not run, gives n, and is marked.
expect_json "$TMP/macros.json" '.symbols[] | select(.name == "CC_HAS_FEATURE") |
	.build_machine and .defaults[0].value == "n" and .defaults[0].build_machine' \
	"unrun shell is marked build_machine"
expect_json "$TMP/macros.json" '.symbols[] | select(.name == "FROM_ENV") | .build_machine == false' \
	"a symbol without shell output is not marked"

run "$KC_BIN" dump --kconfig "$TMP/macros" --env NAME=FROM_ENV --shell
expect_rc 0 "dump --shell"
expect_json "$TMP/out" '.symbols[] | select(.name == "CC_HAS_FEATURE") |
	(.build_machine | not) and .defaults[0].value == "y" and (.defaults[0] | has("build_machine") | not)' \
	"--shell runs the shell"

run "$KC_BIN" dump --kconfig "$TMP/macros" --env NOEQUALS
expect_rc 2 "--env without ="

# ---- --arch um: arch/um/Kconfig sources arch/$(HEADER_ARCH)/um/Kconfig -----------

mkdir -p "$TMP/um/arch/um" "$TMP/um/arch/x86/um"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$TMP/um/Makefile"
printf 'source "arch/$(SRCARCH)/Kconfig"\n' >"$TMP/um/Kconfig"
printf 'source "arch/$(HEADER_ARCH)/um/Kconfig"\n' >"$TMP/um/arch/um/Kconfig"
printf 'config UML_X86\n\tdef_bool y\n' >"$TMP/um/arch/x86/um/Kconfig"
run "$KC_BIN" dump --srctree "$TMP/um" --arch um
expect_rc 0 "dump --arch um"
expect_json "$TMP/out" '[.symbols[].name] | index("UML_X86") != null' "--arch um reads arch/x86/um"
run "$KC_BIN" dump --srctree "$TMP/um" --arch um --env HEADER_ARCH=nosuch
expect_rc 2 "--arch um with --env HEADER_ARCH=nosuch"

# ---- the example in docs/dump-schema.md is what dump prints ----------------------

DOC=$KC_SOURCE_DIR/docs/dump-schema.md
mkdir -p "$TMP/doc"
awk '/^This tree:$/ { tree = 1; next }
     tree && /^```$/ { if (inside) exit; inside = 1; next }
     inside { print }' "$DOC" >"$TMP/doc/Kconfig"
awk '/^```json$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$DOC" >"$TMP/doc.json"
checks=$((checks + 1))
if [ -s "$TMP/doc/Kconfig" ] && [ -s "$TMP/doc.json" ]; then
	run "$KC_BIN" dump --kconfig "$TMP/doc" --derived
	cmp -s "$TMP/out" "$TMP/doc.json" ||
		fail "docs/dump-schema.md: the example differs from dump's output: $(diff "$TMP/doc.json" "$TMP/out" | head -20)"
else
	fail "docs/dump-schema.md: no example found"
fi

# ---- parse ---------------------------------------------------------------------------

run "$KC_BIN" parse --kconfig "$FIXTURES/full"
expect_rc 0 "parse --kconfig full"
expect_same "$(cat "$TMP/out")" "3 files, 12 symbols defined, 4 referenced only, 1 choices" \
	"parse summary"

echo "test_cli.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
