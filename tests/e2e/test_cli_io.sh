#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_cli_io.sh - what the command line reads and writes, by name:
#  - an option (or diff's OLD or NEW) naming something that is not there
#    says which option and what it named, in one line, with exit 2: --srctree and --kconfig
#    without a Kconfig, a --srctree that is no folder, an unknown --arch
#    (with the nearest arch/ folder or ARCH alias), an unknown --model
#    (with the nearest embedded models), a missing CONFIG file;
#  - -o onto a symbolic link writes the file the link ends at (through a
#    chain of links, relative to each link's folder) and leaves the link;
#    a link to nothing creates the file it names; every command with -o.
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

# ---- a small kernel tree: arch/x86 and arch/arm64, and arch/Kconfig -----------

mkdir -p linux/arch/x86 linux/arch/arm64 empty
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n' >linux/Makefile
printf 'source "arch/$(SRCARCH)/Kconfig"\nsource "arch/Kconfig"\n' >linux/Kconfig
printf 'config HAVE_X\n\tbool\n' >linux/arch/Kconfig
printf 'config X86\n\tdef_bool y\n' >linux/arch/x86/Kconfig
printf 'config ARM64\n\tdef_bool y\n' >linux/arch/arm64/Kconfig
printf 'CONFIG_X86=y\n' >x86.config

run "$KC_BIN" resolve --srctree linux --arch x86_64 x86.config
expect_rc 0 "the small tree with --arch x86_64"
run "$KC_BIN" resolve --srctree linux --arch arm64 x86.config
expect_rc 0 "the small tree with --arch arm64"

# ---- errors that name the thing at fault ------------------------------------------

run "$KC_BIN" check --srctree empty --arch x86_64 x86.config
expect_rc 2 "--srctree without a Kconfig"
expect_err "vfio-kconfig-check: --srctree empty: no Kconfig there" "--srctree without a Kconfig"

run "$KC_BIN" check --srctree nowhere --arch x86_64 x86.config
expect_rc 2 "--srctree that does not exist"
expect_err "vfio-kconfig-check: --srctree nowhere: no such folder" "--srctree that does not exist"

run "$KC_BIN" check --srctree x86.config --arch x86_64 x86.config
expect_rc 2 "--srctree naming a file"
expect_err "vfio-kconfig-check: --srctree x86.config: no such folder" "--srctree naming a file"

run "$KC_BIN" check --kconfig empty x86.config
expect_rc 2 "--kconfig without a Kconfig"
expect_err "vfio-kconfig-check: --kconfig empty: no Kconfig there" "--kconfig without a Kconfig"

run "$KC_BIN" resolve --srctree linux --arch x86_65 x86.config
expect_rc 2 "--arch x86_65"
expect_err "vfio-kconfig-check: --arch x86_65: unknown architecture, did you mean x86_64?" "--arch x86_65"

run "$KC_BIN" resolve --srctree linux --arch arm65 x86.config
expect_rc 2 "--arch arm65"
expect_err "vfio-kconfig-check: --arch arm65: unknown architecture, did you mean arm64?" "--arch arm65"

# arch/Kconfig is a file, not an architecture; the aliases are listed.
run "$KC_BIN" resolve --srctree linux --arch powerpc x86.config
expect_rc 2 "--arch with nothing near"
expect_err "vfio-kconfig-check: --arch powerpc: unknown architecture (one of: arm64, x86, i386, x86_64, sparc32, sparc64, parisc64, sh64)" \
	"--arch with nothing near"

run "$KC_BIN" check --model vfio-6.7 "$EX/distro.config"
expect_rc 2 "--model vfio-6.7"
expect_err "vfio-kconfig-check: --model vfio-6.7: unknown model, did you mean vfio-6.5 or vfio-6.6?" "--model vfio-6.7"

run "$KC_BIN" check --model zzzzzzzz "$EX/distro.config"
expect_rc 2 "--model with nothing near"
expect_err "vfio-kconfig-check: --model zzzzzzzz: unknown model (one of: vfio-6.5, vfio-6.6, vfio-proposed)" \
	"--model with nothing near"

# diff's sides are arguments: named as given, a near embedded model offered.
run "$KC_BIN" diff vfio-6.7 vfio-6.6
expect_rc 2 "diff of a mistyped model"
expect_err "vfio-kconfig-check: 'vfio-6.7': unknown folder or embedded model, did you mean vfio-6.5 or vfio-6.6?" \
	"diff of a mistyped model"
run "$KC_BIN" diff vfio-6.6 empty
expect_rc 2 "diff of a folder without a Kconfig"
expect_err "vfio-kconfig-check: 'empty': no Kconfig there" "diff of a folder without a Kconfig"

for cmd in check resolve modules; do
	run "$KC_BIN" "$cmd" missing.config
	expect_rc 2 "$cmd of a missing CONFIG"
	expect_err "missing.config: error: cannot read: No such file or directory" "$cmd of a missing CONFIG"
done

# ---- -o onto a symbolic link -----------------------------------------------------------

# Each command with -o, and what it is given; the output is compared with
# the same command writing to a plain file.
cfg=$EX/distro.config
commands=(
	"resolve $cfg"
	"check --format json $cfg"
	"dump"
	"prove"
	"explain VFIO_CONTAINER=y"
	"dead"
	"selects"
	"export --dimacs"
	"count"
	"modules --format order $cfg"
	"presence drivers/vfio/vfio.ko"
	"kbuild --format json"
	"fix $cfg"
	"diff vfio-6.6 vfio-proposed"
)
for c in "${commands[@]}"; do
	name=${c%% *}
	# shellcheck disable=SC2086
	timeout 120 "$KC_BIN" $c -o "want-$name" >/dev/null 2>&1
	mkdir -p "real-$name" "links-$name"
	echo old >"real-$name/target"
	chmod 0640 "real-$name/target"
	ln -s "../real-$name/target" "links-$name/link"
	# shellcheck disable=SC2086
	run "$KC_BIN" $c -o "links-$name/link"
	checks=$((checks + 1))
	if [ ! -s "want-$name" ]; then
		fail "$name -o FILE wrote nothing"
	elif [ ! -L "links-$name/link" ]; then
		fail "$name -o LINK: the link was replaced"
	elif ! cmp -s "real-$name/target" "want-$name"; then
		fail "$name -o LINK: the target does not hold the output (exit $rc: $(head -c 200 "$TMP/err"))"
	fi
	checks=$((checks + 1))
	[ "$(stat -c %a "real-$name/target")" = 640 ] ||
		fail "$name -o LINK: the target lost its mode"
	checks=$((checks + 1))
	leftovers=$(find "real-$name" "links-$name" -name '*.tmp.*' | wc -l)
	[ "$leftovers" -eq 0 ] || fail "$name -o LINK: temporary files left behind"
done

# A chain of two links, the second relative to its own folder.
mkdir -p chain/a chain/b
echo old >chain/b/file
ln -s file chain/b/second
ln -s ../b/second chain/a/first
run "$KC_BIN" resolve "$cfg" -o chain/a/first
expect_rc 0 "-o onto a chain of links"
checks=$((checks + 1))
[ -L chain/a/first ] && [ -L chain/b/second ] && cmp -s chain/b/file want-resolve ||
	fail "-o onto a chain of links: the links stay, the file they end at is written"

# A link to nothing: the file it names is created, as '>' would.
mkdir -p dangling
ln -s new.config dangling/link
run "$KC_BIN" resolve "$cfg" -o dangling/link
expect_rc 0 "-o onto a dangling link"
checks=$((checks + 1))
[ -L dangling/link ] && cmp -s dangling/new.config want-resolve ||
	fail "-o onto a dangling link: the file it names is created"

# A link into a folder that does not exist: an error naming the link.
ln -s nowhere/x.config dangling/deep
run "$KC_BIN" resolve "$cfg" -o dangling/deep
expect_rc 2 "-o onto a link into no folder"
expect_err "vfio-kconfig-check: cannot write 'dangling/deep': No such file or directory" \
	"-o onto a link into no folder"

# A loop of links.
ln -s loop2 loop1
ln -s loop1 loop2
run "$KC_BIN" resolve "$cfg" -o loop1
expect_rc 2 "-o onto a loop of links"
expect_err "vfio-kconfig-check: cannot write 'loop1': Too many levels of symbolic links" \
	"-o onto a loop of links"

# builds -o DIR through a link to a folder: the folder is filled.
mkdir -p real-builds
ln -s real-builds builds-link
run "$KC_BIN" builds --under drivers/vfio/platform -o builds-link
expect_rc 0 "builds -o onto a link to a folder"
checks=$((checks + 1))
[ -L builds-link ] && [ -s real-builds/index.json ] ||
	fail "builds -o LINK: index.json is written into the folder the link names"

echo "test_cli_io: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
