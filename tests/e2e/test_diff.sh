#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_diff.sh - `diff` and `fix` end to end:
#  - diff vfio-6.6 vfio-proposed reports the thread's two findings (the
#    select past VFIO_GROUP=n, both /dev/vfio/vfio providers at once) and
#    exits 1; the way back exits 0; JSON and SARIF parse; witnesses are
#    written and resolve to what they claim;
#  - a small fixture pair shows every structural kind (added, removed,
#    retyped, prompt, default, dependency, select, imply, range), a value
#    newly impossible with the conflict that forbids it, and --config;
#  - module builds from presence conditions: the thread's container.o
#    built without group.o (a pair newly possible), a Makefile-only change
#    (another formula, with a witness) and a Kconfig-only change (an
#    object newly buildable), each witness resolved and walked;
#  - REV: sides read from git (HEAD: against the index), in a subfolder too;
#  - --under: the changes under the folders, their consequences anywhere;
#  - fix: a one-change fix, a fix whose minimality needs the solver (the
#    obvious repair takes two changes, the minimal one), --want, no fix
#    (exit 1, with the conflict), -o writes a .config every line of which
#    survives, JSON; --build with the object's presence condition a goal
#    of the same search: the smallest change, through a symbol the
#    Makefile does not name, proven minimal.
#
# Needs KC_BIN and KC_SOURCE_DIR (ctest sets both), python3 and git.
set -u

: "${KC_BIN:?KC_BIN must name the vfio-kconfig-check binary}"
: "${KC_SOURCE_DIR:?KC_SOURCE_DIR must name the source tree}"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0
cd "$KC_SOURCE_DIR" || exit 1

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

run() {
	timeout 60 "$KC_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] || fail "$2: exit $rc, want $1: $(head -c 400 "$TMP/err")"
}

expect_out() {
	checks=$((checks + 1))
	grep -qF -- "$1" "$TMP/out" || fail "$2: no '$1' in: $(head -c 1500 "$TMP/out")"
}

expect_no() {
	checks=$((checks + 1))
	! grep -qF -- "$1" "$TMP/out" || fail "$2: '$1' should not be there"
}

# ---- the thread's change ----------------------------------------------------------

run diff vfio-6.6 vfio-proposed --witness-dir "$TMP/w"
expect_rc 1 "diff vfio-6.6 vfio-proposed"
expect_out 'new: VFIO selects VFIO_CONTAINER, which can then be y while its dependencies are unmet' "select past VFIO_GROUP=n"
expect_out 'VFIO_GROUP=n together with VFIO_CONTAINER=y is newly possible' "the select's pair"
expect_out 'VFIO_CONTAINER=y together with IOMMUFD_VFIO_CONTAINER=y is newly possible' "both providers, as a pair"
expect_out 'error: vfio/two-dev-vfio-vfio-providers changed from "holds" to "broken by some valid configuration"' "both providers, as a rule"
expect_out 'drivers/vfio/Kconfig:12: note: was: select VFIO_CONTAINER if IOMMUFD=n' "the old select, located"
expect_out 'drivers/vfio/Kconfig:13: note: now: select VFIO_CONTAINER if IOMMUFD_VFIO_CONTAINER=n' "the new select, located"
expect_out 'now: depends on IOMMU_SUPPORT && IOMMUFD && VFIO_GROUP' "the new dependency"
expect_out 'vfio-6.6 -> vfio-proposed: 1 error, 1 warning' "the summary"
expect_out 'drivers/vfio/Makefile:9: note: drivers/vfio/container.o can be built with VFIO_GROUP=n and VFIO_CONTAINER=y, which no valid configuration of OLD had together [diff/build-with-new-pair]' "the module build the select past VFIO_GROUP=n makes"
expect_out 'drivers/vfio/group.o is never built then' "the group code is not built with it"
expect_out 'drivers/vfio/container.o can be built with VFIO_CONTAINER=y and IOMMUFD_VFIO_CONTAINER=y' "the container code with both providers"
expect_no '[diff/build-changed]' "no Makefile changed"

# Each witness is a valid configuration of its side: resolve gives it back.
checks=$((checks + 1))
ls "$TMP/w" | grep -q 'possible-VFIO_CONTAINER=y-IOMMUFD_VFIO_CONTAINER=y' || fail "no witness file for the pair: $(ls "$TMP/w")"
for f in "$TMP"/w/possible-*.config "$TMP"/w/rule-*.config; do
	checks=$((checks + 1))
	"$KC_BIN" resolve --model vfio-proposed "$f" >"$TMP/res" 2>/dev/null
	cmp -s "$f" "$TMP/res" || fail "witness $(basename "$f") does not resolve to itself on vfio-proposed"
done
checks=$((checks + 1))
grep -q '^CONFIG_VFIO_CONTAINER=y' "$TMP"/w/possible-VFIO_CONTAINER=y-IOMMUFD_VFIO_CONTAINER=y-*.config &&
	grep -q '^CONFIG_IOMMUFD_VFIO_CONTAINER=y' "$TMP"/w/possible-VFIO_CONTAINER=y-IOMMUFD_VFIO_CONTAINER=y-*.config ||
	fail "the pair's witness does not have both providers"

# The pair's consequence, on its witness: resolve gives it back, and the
# Kbuild walk builds container.o into vfio.ko without group.o.
checks=$((checks + 1))
wpair=$(ls "$TMP"/w/build-with-VFIO_GROUP=n-VFIO_CONTAINER=y-drivers-vfio-container.o-*.config 2>/dev/null | head -n 1)
if [ -z "$wpair" ]; then
	fail "no witness file for container.o with VFIO_GROUP=n: $(ls "$TMP/w")"
else
	"$KC_BIN" resolve --model vfio-proposed "$wpair" >"$TMP/res" 2>/dev/null
	cmp -s "$wpair" "$TMP/res" || fail "the pair's build witness does not resolve to itself"
	checks=$((checks + 1))
	grep -qx '# CONFIG_VFIO_GROUP is not set' "$wpair" && grep -qx 'CONFIG_VFIO_CONTAINER=y' "$wpair" ||
		fail "the pair's build witness does not have VFIO_GROUP=n and VFIO_CONTAINER=y"
	"$KC_BIN" modules --model vfio-proposed "$wpair" >"$TMP/mods" 2>/dev/null
	checks=$((checks + 1))
	awk '/^[a-z] /{m=($2=="drivers/vfio/vfio.ko")} m' "$TMP/mods" >"$TMP/vfio.ko"
	grep -qx '    drivers/vfio/container.o' "$TMP/vfio.ko" && ! grep -q 'group.o' "$TMP/mods" ||
		fail "modules on the pair's witness: container.o not in vfio.ko, or group.o built: $(cat "$TMP/mods")"
fi

run diff vfio-proposed vfio-6.6
expect_rc 0 "the way back makes nothing worse that is an error"
expect_out 'VFIO_CONTAINER=y together with IOMMUFD_VFIO_CONTAINER=y is no longer possible' "the way back: the pair"
expect_out 'gone: VFIO selects VFIO_CONTAINER' "the way back: the select"

run diff vfio-6.6 vfio-6.6
expect_rc 0 "a model against itself"
expect_out 'vfio-6.6 -> vfio-6.6: 0 errors, 0 warnings, 0 notes' "nothing changed"

run diff vfio-6.6 vfio-proposed --format json
expect_rc 1 "json"
checks=$((checks + 1))
python3 - "$TMP/out" <<'PY' || fail "json: not the check/1 document with the findings"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "vfio-kconfig-check/check/1"
c = d["configs"][0]
assert c["path"] == "vfio-6.6 -> vfio-proposed"
rules = {f["rule"] for f in c["findings"]}
for r in ("diff/select-changed", "diff/dependency-changed", "diff/newly-possible",
          "diff/rule-verdict-changed", "diff/new-finding"):
    assert r in rules, r
PY

run diff vfio-6.6 vfio-proposed --format sarif
expect_rc 1 "sarif"
checks=$((checks + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0"; assert any(r["ruleId"]=="diff/rule-verdict-changed" for r in d["runs"][0]["results"])' "$TMP/out" ||
	fail "sarif: not a SARIF log with the verdict"

run diff vfio-6.5 vfio-6.6
expect_out 'the presence condition of drivers/vfio/platform/vfio_amba.o changed: on the witness it is built as (or into) a module with NEW'"'"'s Makefiles, not built with OLD'"'"'s [diff/build-changed]' "builds: a driver new in 6.6"
expect_out 'now: obj-$(CONFIG_VFIO_AMBA) += vfio-amba.o' "builds: its Makefile line"

# ---- module builds: a Makefile-only change, a Kconfig-only change ----------------

# witness_builds_on_new WHAT DIR PREFIX OBJECT NEW OLD: the witness
# DIR/PREFIX-*.config exists, resolves to itself on NEW, and `modules` on it
# builds OBJECT with NEW and not with OLD (NEW and OLD: the model options).
witness_builds_on_new() {
	local w
	checks=$((checks + 1))
	w=$(ls "$2/$3"-*.config 2>/dev/null | head -n 1)
	if [ -z "$w" ]; then
		fail "$1: no witness file: $(ls "$2")"
		return
	fi
	# shellcheck disable=SC2086 # the model options are words
	"$KC_BIN" resolve $5 "$w" >"$TMP/res" 2>/dev/null
	cmp -s "$w" "$TMP/res" || fail "$1: the witness does not resolve to itself"
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$KC_BIN" modules $5 "$w" >"$TMP/mods.new" 2>/dev/null
	# shellcheck disable=SC2086
	"$KC_BIN" modules $6 "$w" >"$TMP/mods.old" 2>/dev/null
	grep -q "$4" "$TMP/mods.new" && ! grep -q "$4" "$TMP/mods.old" ||
		fail "$1: modules on the witness does not build $4 with NEW only: $(cat "$TMP/mods.new")"
}

# container.o moved from VFIO_CONTAINER's line to VFIO_GROUP's: the same
# Kconfig, another formula; the witness builds it on one side only.
cp -r kconfig/vfio-6.6 "$TMP/mk"
sed -i 's/^vfio-$(CONFIG_VFIO_CONTAINER) += container.o/vfio-$(CONFIG_VFIO_GROUP) += container.o/' "$TMP/mk/drivers/vfio/Makefile"
run diff vfio-6.6 "$TMP/mk" --witness-dir "$TMP/wmk"
expect_rc 0 "Makefile-only change"
expect_out 'drivers/vfio/Makefile:9: note: the presence condition of drivers/vfio/container.o changed' "Makefile-only: the object"
expect_out 'was: y: VFIO=y && VFIO_CONTAINER; m: VFIO=m && VFIO_CONTAINER' "Makefile-only: the old condition"
expect_out 'now: y: VFIO=y && VFIO_GROUP; m: VFIO=m && VFIO_GROUP' "Makefile-only: the new condition"
expect_out 'drivers/vfio/Makefile:9: note: was: vfio-$(CONFIG_VFIO_CONTAINER) += container.o' "Makefile-only: the old line"
expect_out 'drivers/vfio/Makefile:9: note: now: vfio-$(CONFIG_VFIO_GROUP) += container.o' "Makefile-only: the new line"
expect_out 'the same .config builds it differently' "Makefile-only: the same Kconfig on both sides"
expect_no 'group.o' "Makefile-only: nothing else changed"
witness_builds_on_new "Makefile-only" "$TMP/wmk" build-changed-drivers-vfio-container.o \
	drivers/vfio/container.o "--kconfig $TMP/mk" "--model vfio-6.6"

run diff vfio-6.6 "$TMP/mk" --format json
checks=$((checks + 1))
python3 - "$TMP/out" <<'PY' || fail "Makefile-only: json"
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["configs"][0]["findings"] if x["rule"] == "diff/build-changed"]
assert len(f) == 1 and f[0]["location"]["file"] == "drivers/vfio/Makefile" and f[0]["location"]["line"] == 9, f
assert any(n["message"].startswith("witness: ") for n in f[0]["notes"])
PY
run diff vfio-6.6 "$TMP/mk" --format sarif
checks=$((checks + 1))
python3 - "$TMP/out" <<'PY' || fail "Makefile-only: sarif"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
assert "shortDescription" in rules["diff/build-changed"], rules
assert run["results"][0]["ruleId"] == "diff/build-changed"
PY

# DRV's dependency on n dropped: the Makefile is the same, the object can
# now be built, in and as a module.
mkdir -p "$TMP/ko/drv" "$TMP/kn/drv"
cat >"$TMP/ko/Kconfig" <<'KC'
config MODULES
	bool "modules"
	default y
	modules
config BUS
	bool "bus"
config DRV
	tristate "drv"
	depends on BUS && n
KC
sed 's/depends on BUS && n/depends on BUS/' "$TMP/ko/Kconfig" >"$TMP/kn/Kconfig"
for d in ko kn; do
	printf 'obj-y += drv/\n' >"$TMP/$d/Kbuild"
	printf 'obj-$(CONFIG_DRV) += drv.o\n' >"$TMP/$d/drv/Makefile"
done
run diff "$TMP/ko" "$TMP/kn" --no-default-rules --witness-dir "$TMP/wk"
expect_rc 0 "Kconfig-only change"
expect_out 'drv/Makefile:1: note: drv/drv.o can now be built in: no valid configuration of OLD did it [diff/build-newly-possible]' "Kconfig-only: built in"
expect_out 'drv/drv.o can now be built as (or into) a module' "Kconfig-only: as a module"
expect_out 'its presence condition (the same on both sides): y: DRV=y; m: DRV=m' "Kconfig-only: the condition"
witness_builds_on_new "Kconfig-only" "$TMP/wk" build-possible-drv-drv.o-y drv/drv.o \
	"--kconfig $TMP/kn" "--kconfig $TMP/ko"
run diff "$TMP/kn" "$TMP/ko" --no-default-rules
expect_out 'drv/drv.o can no longer be built in: some valid configuration of OLD did it [diff/build-no-longer-possible]' "Kconfig-only: the way back"

# The same from git, in a folder inside the repository: HEAD: against the
# staged change, the Makefiles listed from the revision and the index.
mkdir -p "$TMP/brepo/sub"
git -C "$TMP/brepo" init -q
cp -r "$TMP/kn/." "$TMP/brepo/sub/"
git -C "$TMP/brepo" add -A
git -C "$TMP/brepo" -c user.name=test -c user.email=test@example.invalid -c commit.gpgsign=false commit -qm kn
cp "$TMP/ko/Kconfig" "$TMP/brepo/sub/Kconfig"
git -C "$TMP/brepo" add -A
run diff --kconfig "$TMP/brepo/sub" --no-default-rules HEAD: INDEX:
expect_out 'drv/drv.o can no longer be built in' "git: module builds from a folder inside the repository"
expect_no 'diff/build-not-compared' "git: the Makefiles are found"
run diff vfio-6.6 vfio-proposed --structure-only
expect_rc 0 "structure only"
expect_no 'newly possible' "structure only: no SAT"

run diff vfio-6.6 vfio-proposed --quick
expect_no 'diff/new-finding' "quick: no whole-model comparison"
expect_no 'diff/build-changed' "quick: builds on the defaults only (the same here)"
expect_out 'diff/rule-verdict-changed' "quick: still the verdicts"

run diff vfio-6.6
expect_rc 2 "one side only"
run diff vfio-6.6 vfio-nope
expect_rc 2 "a side that is neither a model nor a folder"
run diff HEAD: INDEX:
expect_rc 2 "a revision without --srctree or --kconfig"

# ---- a fixture pair: every kind of structural change ------------------------------

mkdir -p "$TMP/old" "$TMP/new"
cat >"$TMP/old/Kconfig" <<'KC'
config MODULES
	bool "modules"
	default y
	modules
config A
	bool "A"
config B
	tristate "B"
	depends on A
	default m
config C
	bool "C"
	select D
config D
	bool
config E
	int "E"
	range 0 10
config GONE
	bool "gone"
config TYPE
	bool "type"
config F
	bool "F"
	imply A
config G
	bool "G"
	default y
config H
	bool "H"
KC
cat >"$TMP/new/Kconfig" <<'KC'
config MODULES
	bool "modules"
	default y
	modules
config A
	bool "A is renamed"
config B
	tristate "B"
	depends on A && !G
	default y
config C
	bool "C"
	select D if A
config D
	bool
config E
	int "E"
	range 0 20
config NEWSYM
	bool "new"
	default y
config TYPE
	tristate "type"
config F
	bool "F"
config G
	bool "G"
	default y
config H
	bool "H"
	depends on n
KC
run diff "$TMP/old" "$TMP/new"
expect_rc 0 "fixture"
for kind in symbol-added symbol-removed symbol-retyped prompt-changed default-changed \
	dependency-changed select-changed imply-changed range-changed; do
	expect_out "[diff/$kind]" "fixture: $kind"
done
expect_out 'B=y together with G=y is no longer possible' "fixture: a pair made impossible"
expect_out 'H=y is no longer possible' "fixture: a value made impossible"
expect_out "now: H depends on n" "fixture: the conflict that forbids it"

printf 'CONFIG_MODULES=y\nCONFIG_A=y\nCONFIG_B=m\nCONFIG_G=y\nCONFIG_GONE=y\nCONFIG_H=y\nCONFIG_TYPE=y\n' >"$TMP/fixture.config"
run diff "$TMP/old" "$TMP/new" --config "$TMP/fixture.config" --quick
expect_out 'NEWSYM is new: it gets y [diff/config-new-symbol]' "--config: a new symbol"
expect_out 'default y' "--config: the new symbol's reason"
expect_out 'B=m is no longer written' "--config: a value resolution now drops"
expect_out 'H=y is no longer written' "--config: another"
expect_out 'GONE=y is no longer written' "--config: a dropped symbol"

# ---- REV: sides from git ------------------------------------------------------------

git_() {
	git -C "$TMP/repo" -c user.name=test -c user.email=test@example.invalid \
		-c init.defaultBranch=main -c commit.gpgsign=false "$@"
}
mkdir -p "$TMP/repo/sub"
git_ init -q
cp "$TMP/old/Kconfig" "$TMP/repo/sub/Kconfig"
git_ add sub && git_ commit -qm old
cp "$TMP/new/Kconfig" "$TMP/repo/sub/Kconfig"
git_ add sub
echo 'config WORKTREE_ONLY' >>"$TMP/repo/sub/Kconfig"
run diff --kconfig "$TMP/repo/sub" HEAD: INDEX: --quick
expect_rc 0 "git: HEAD: against INDEX:"
expect_out 'B=y together with G=y is no longer possible' "git: the staged change"
expect_no 'WORKTREE_ONLY' "git: the work tree is not read"
run diff --kconfig "$TMP/repo/sub" HEAD: HEAD:
expect_out 'HEAD: -> HEAD:: 0 errors, 0 warnings, 0 notes' "git: a revision against itself"
run diff --kconfig "$TMP/repo/sub" nosuchrev: INDEX:
expect_rc 2 "git: no such revision"

# ---- fix --------------------------------------------------------------------------------

# --under: only the changes under the folders count; their consequences
# are followed anywhere.
run diff vfio-6.6 vfio-proposed --quick --under drivers/vfio
expect_out 'the selects of VFIO changed' "under: drivers/vfio's change"
expect_no 'the dependencies of IOMMUFD_VFIO_CONTAINER changed' "under: not drivers/iommu's"
expect_out 'VFIO_GROUP=n together with VFIO_CONTAINER=y is newly possible' "under: the select's consequence"
run diff vfio-6.6 vfio-proposed --quick --under ./drivers/iommu/
expect_out 'the dependencies of IOMMUFD_VFIO_CONTAINER changed' "under: drivers/iommu's change"
expect_no 'the selects of VFIO changed' "under: not drivers/vfio's"
run diff vfio-6.6 vfio-proposed --quick --under drivers/nowhere
expect_rc 0 "under: nothing changed there"
expect_no '[diff/' "under: no finding"

run fix examples/rule-no-dev-vfio-vfio.config
expect_rc 0 "fix: one change"
expect_out '1 change (minimal: the solver proved no fix with 0 exists)' "fix: minimality"
expect_out 'CONFIG_VFIO_CONTAINER=y' "fix: the fragment"
expect_out 'scripts/config --file examples/rule-no-dev-vfio-vfio.config --enable VFIO_CONTAINER' "fix: the command"
expect_out 'rule vfio/no-dev-vfio-vfio' "fix: the reason"

run fix examples/distro.config
expect_out 'needs no change' "fix: a good .config"

run fix examples/distro.config --want VFIO_CONTAINER=y --want IOMMUFD_VFIO_CONTAINER=y
expect_rc 1 "fix: no fix"
expect_out '[fix/no-fix]' "fix: says so"
expect_out 'depends on IOMMU_SUPPORT && IOMMUFD && VFIO_GROUP && !VFIO_CONTAINER' "fix: the conflict"

# X=y needs P and Q, which nothing but selects set: W1 selects P, W2
# selects Q, W selects both.  Wanting X=y, W alone is the smallest change
# (W1 and W2 would be two), and the solver proves none smaller exists;
# with X wanted on an empty .config, X's own line counts too.
mkdir -p "$TMP/min"
cat >"$TMP/min/Kconfig" <<'KC'
config P
	bool
config Q
	bool
config W1
	bool "W1"
	select P
config W2
	bool "W2"
	select Q
config W
	bool "W"
	select P
	select Q
config X
	bool "X"
	depends on P && Q
KC
printf 'CONFIG_X=y\n' >"$TMP/min.config"
run fix --kconfig "$TMP/min" --no-default-rules "$TMP/min.config"
expect_rc 0 "fix: a line that cannot survive"
expect_out '1 change (minimal: the solver proved no fix with 0 exists)' "fix: X=y kept through W, or dropped: one change"
: >"$TMP/empty.config"
run fix --kconfig "$TMP/min" --no-default-rules "$TMP/empty.config"
expect_out 'needs no change' "fix: an empty .config"
run fix --kconfig "$TMP/min" --no-default-rules "$TMP/empty.config" --want X=y -o "$TMP/min.fixed"
expect_rc 0 "fix: --want"
expect_out '2 changes (minimal: the solver proved no fix with 1 exists)' "fix: X and W (W1 and W2 would make three)"
expect_out 'CONFIG_W=y' "fix: W is the change"
expect_no 'CONFIG_W1=y' "fix: not W1 and W2"
expect_out 'wanted: X=y' "fix: the want as a reason"
checks=$((checks + 1))
"$KC_BIN" check --kconfig "$TMP/min" --no-default-rules "$TMP/min.fixed" >"$TMP/out" 2>&1 ||
	fail "fix -o: the fixed .config does not check clean: $(cat "$TMP/out")"
checks=$((checks + 1))
grep -q '^CONFIG_X=y' "$TMP/min.fixed" || fail "fix -o: X=y is not in the fixed .config"

run fix examples/rule-no-dev-vfio-vfio.config --format json
checks=$((checks + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]=="vfio-kconfig-check/fix/1" and d["changes_count"]==1 and d["changes"][0]["symbol"]=="VFIO_CONTAINER" and d["changes"][0]["reasons"]' "$TMP/out" ||
	fail "fix json: $(head -c 400 "$TMP/out")"

# --build: an object behind a symbol, and a module behind two.
run fix examples/rule-no-dev-vfio-vfio.config --build drivers/vfio/container.o
expect_rc 0 "fix --build: an object"
expect_out 'CONFIG_VFIO_CONTAINER=y' "fix --build: its symbol"
expect_out '# builds drivers/vfio/container.o: its presence condition is a goal of the search (minimal with it), and walking Kbuild on the fixed .config builds it' "fix --build: says how"
run fix examples/distro.config --build drivers/vfio/pci/mlx5/mlx5-vfio-pci.ko -o "$TMP/mlx5.config"
expect_rc 0 "fix --build: a module"
expect_out 'CONFIG_MLX5_VFIO_PCI=m' "fix --build: the module's symbol"
checks=$((checks + 1))
"$KC_BIN" modules "$TMP/mlx5.config" | grep -q 'drivers/vfio/pci/mlx5/mlx5-vfio-pci.ko' ||
	fail "fix --build: the fixed .config does not build the module"
run fix examples/distro.config --build drivers/nope.o
expect_rc 1 "fix --build: nothing builds it"

# --build is minimal: the object's presence condition is a goal of the
# search.  x.o is built by A (which needs P and Q, which only selects set:
# HUB selects both, W1 and W2 one each) or by B, which has no prompt and
# follows W: W alone is the smallest change, and none of the Makefile's own
# symbols gives it (A and HUB would be two).  y.o only comes with A: two
# changes, A and HUB, not A, W1 and W2.
mkdir -p "$TMP/btree/drv"
cat >"$TMP/btree/Kconfig" <<'KC'
config MODULES
	bool "modules"
	default y
	modules
config P
	bool
config Q
	bool
config W1
	bool "W1"
	select P
config W2
	bool "W2"
	select Q
config HUB
	bool "hub"
	select P
	select Q
config A
	tristate "A"
	depends on P && Q
config W
	bool "W"
config B
	tristate
	default m if W
KC
printf 'obj-y += drv/\n' >"$TMP/btree/Kbuild"
printf 'obj-$(CONFIG_A) += x.o y.o\nobj-$(CONFIG_B) += x.o\n' >"$TMP/btree/drv/Makefile"
printf 'CONFIG_MODULES=y\n' >"$TMP/b.config"
run fix --kconfig "$TMP/btree" --no-default-rules "$TMP/b.config" --build drv/x.o
expect_rc 0 "fix --build: minimal"
expect_out '1 change (minimal: the solver proved no fix with 0 exists)' "fix --build: W alone, proven"
expect_out 'CONFIG_W=y' "fix --build: W"
expect_no 'CONFIG_A=' "fix --build: not through A"
expect_out 'wanted: drv/x.o is built' "fix --build: the presence condition as a reason"
expect_out '# builds drv/x.o: its presence condition is a goal of the search' "fix --build: by presence"
run fix --kconfig "$TMP/btree" --no-default-rules "$TMP/b.config" --build drv/y.o
expect_rc 0 "fix --build: two changes"
expect_out '2 changes (minimal: the solver proved no fix with 1 exists)' "fix --build: A and HUB, proven"
expect_out 'CONFIG_HUB=y' "fix --build: HUB"
expect_no 'CONFIG_W1=y' "fix --build: not W1 and W2"
printf 'CONFIG_MODULES=y\n# CONFIG_W is not set\n# CONFIG_A is not set\n' >"$TMP/b2.config"
run fix --kconfig "$TMP/btree" --no-default-rules "$TMP/b2.config" --build drv/x.o
expect_rc 0 "fix --build: both routes need a line changed"
expect_out '1 change (minimal: the solver proved no fix with 0 exists)' "fix --build: W's line rewritten"
expect_out 'CONFIG_W=y' "fix --build: W again"

# A pair of two m values (two literals each) with a condition: the most
# assumptions one question takes.
mkdir -p "$TMP/mm-old" "$TMP/mm-new"
for side in old new; do
	printf 'config MODULES\n\tbool "modules"\n\tdefault y\n\tmodules\n\nconfig A\n\ttristate "A"\n\nconfig B\n\ttristate "B"\n' \
		>"$TMP/mm-$side/Kconfig"
	printf 'obj-$(CONFIG_A) += a.o\nobj-$(CONFIG_B) += b.o\n' >"$TMP/mm-$side/Kbuild"
done
printf '\tdepends on A != m\n' >>"$TMP/mm-old/Kconfig"
run diff "$TMP/mm-old" "$TMP/mm-new"
expect_rc 0 "diff: an m-m pair"
expect_out 'b.o can be built with B=m and A=m, which no valid configuration of OLD had together' "diff: b.o with the m-m pair"

# Without --shell, a symbol resting on the build machine is taken on
# trust from the .config: fix keeps HAS_X=y (no prompt: the compiler
# decides it) and never raises P, whose prompt the machine may not offer;
# lowering P is the user's choice.
mkdir -p "$TMP/bm"
cat >"$TMP/bm/Kconfig" <<'KC'
config HAS_X
	def_bool $(shell,echo y)
config P
	bool "P"
	depends on $(shell,echo y)
config Q
	bool "Q"
	depends on HAS_X
KC
printf 'CONFIG_HAS_X=y\n# CONFIG_P is not set\nCONFIG_Q=y\n' >"$TMP/bm.config"
printf 'CONFIG_HAS_X=y\nCONFIG_P=y\n' >"$TMP/bm-p.config"
printf 'schema: vfio-kconfig-check/rules/1\nrules:\n  - id: t/no-x\n    title: no X\n    severity: error\n    scope: config\n    forbid: HAS_X\n' \
	>"$TMP/bm.yaml"
run fix --kconfig "$TMP/bm" --no-default-rules --rules "$TMP/bm.yaml" "$TMP/bm.config"
expect_rc 1 "fix: a compiler probe's answer is not the user's to change"
expect_out 'HAS_X=y comes from the build machine' "fix: the conflict names the build machine"
expect_out 'rule t/no-x' "fix: and the rule"
run fix --kconfig "$TMP/bm" --no-default-rules "$TMP/bm.config" --want P=y
expect_rc 1 "fix: P is not raised past what the machine offered"
expect_out 'P=n rests on the build machine' "fix: says why"
run fix --kconfig "$TMP/bm" --no-default-rules "$TMP/bm-p.config" --want P=n
expect_rc 0 "fix: P lowered"
expect_out '1 change (minimal' "fix: P's one change"
run fix --kconfig "$TMP/bm" --no-default-rules "$TMP/bm.config" --want Q=n
expect_rc 0 "fix: Q, which only depends on HAS_X, lowered"
# A probe's answer combined with the user's symbol: MIX is FOO && the
# probe, so turning FOO off turns MIX off; the fix may then move MIX, and
# says it is not confirmed (only the machine says where MIX goes).
mkdir -p "$TMP/mix"
cat >"$TMP/mix/Kconfig" <<'KC'
config FOO
	bool "foo"
config MIX
	def_bool FOO && $(shell,echo y)
KC
printf 'CONFIG_FOO=y\nCONFIG_MIX=y\n' >"$TMP/mix.config"
printf 'schema: vfio-kconfig-check/rules/1\nrules:\n  - id: t/no-mix\n    title: no MIX\n    severity: error\n    scope: config\n    forbid: MIX\n' \
	>"$TMP/mix.yaml"
run fix --kconfig "$TMP/mix" --no-default-rules --rules "$TMP/mix.yaml" "$TMP/mix.config" -o "$TMP/mix.fixed"
expect_rc 0 "fix: MIX follows FOO, so turning FOO off is a fix"
expect_out 'FOO=y becomes FOO=n' "fix: FOO is the change"
expect_out 'warning: resolving the fixed .config does not give every value back' "fix: MIX moved with FOO, which only the machine confirms"
checks=$((checks + 1))
grep -q '^# CONFIG_MIX is not set' "$TMP/mix.fixed" || fail "fix: MIX is not off in the fixed .config: $(cat "$TMP/mix.fixed")"
run fix --kconfig "$TMP/mix" --no-default-rules --shell --rules "$TMP/mix.yaml" "$TMP/mix.config"
expect_rc 0 "fix --shell: the same fix, the probe run"

run fix examples/distro.config --want NOPE=y
expect_rc 2 "fix: an unknown want"

echo "test_diff.sh: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
