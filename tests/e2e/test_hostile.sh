#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_hostile.sh - Kconfig trees shaped to exhaust the stack, through
# every command that walks the model: a flat chain of 60,000 operands,
# 200,000 symbols selecting one, 60,000 definitions of one symbol, and the
# bounded cases (too many 'depends on' lines, a dependency chain deeper
# than the limit, a file sourcing itself on its unterminated last line)
# that must be located errors; then rule files nested,
# numerous and broken beyond reason.  Never a crash (exit >= 128), each run
# under `timeout 60`.
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

# run_all DIR WANT_RC: every walking command on the tree in DIR.
run_all() {
	local dir=$1 want=$2 cmd rc
	: >"$TMP/empty.config"
	for cmd in "resolve $TMP/empty.config -o /dev/null" "check --no-default-rules $TMP/empty.config" \
		"dump --derived -o /dev/null" "export --dimacs -o /dev/null" "dead" "prove"; do
		cases=$((cases + 1))
		# shellcheck disable=SC2086
		timeout 60 "$KC_BIN" $cmd --kconfig "$dir" >/dev/null 2>"$TMP/err"
		rc=$?
		if ((rc >= 124)); then
			fail "$(basename "$dir"): '$cmd' crashed or hung (exit $rc)"
		elif [[ $want == ok && $rc == 2 ]]; then
			fail "$(basename "$dir"): '$cmd' exit 2: $(head -n 3 "$TMP/err")"
		elif [[ $want != ok ]] && ! grep -q "$want" "$TMP/err"; then
			fail "$(basename "$dir"): '$cmd' did not say '$want': $(head -n 3 "$TMP/err")"
		fi
	done
}

mkdir -p "$TMP"/{flat,selects,defs,depends,chain}
python3 - "$TMP" <<'PY'
import sys
t = sys.argv[1]
def write(name, text):
    open(f"{t}/{name}/Kconfig", "w").write(text)
write("flat", 'config A\n\tbool "a"\n\tdepends on ' + " && ".join(["B"] * 60000) +
      '\n\tdefault ' + " || ".join(["B"] * 60000) + '\nconfig B\n\tbool "b"\n')
write("selects", 'config A\n\tbool "a"\n' +
      "".join(f'config S{i}\n\tbool "s"\n\tselect A\n' for i in range(200000)))
write("defs", "".join(f'config A\n\tbool "a"\n\tdepends on B{i}\n' for i in range(60000)) +
      "".join(f'config B{i}\n\tbool "b"\n' for i in range(60000)))
write("depends", 'config A\n\tbool "a"\n' + '\tdepends on B\n' * 1001 + 'config B\n\tbool "b"\n')
write("chain", "".join(f'config S{i}\n\tbool "s"\n\tdepends on S{i + 1}\n' for i in range(20000)) +
      'config S20000\n\tbool "x"\n')
PY
run_all "$TMP/flat" ok
run_all "$TMP/selects" ok
run_all "$TMP/defs" ok
run_all "$TMP/depends" "Kconfig:1003:.*error: more than 1000 'depends on' lines in one entry"
run_all "$TMP/chain" "error: dependencies nested more than 10000 symbols deep"

# A 'source' on the last line of a file, with no newline after it, still
# opens its file from that one: a file that sources itself there, or two
# files that source each other there, are recursive inclusions, not an
# endless reading.
mkdir -p "$TMP"/{self,pair}
printf 'config A\n\tbool "a"\nsource "sub"\n' >"$TMP/self/Kconfig"
printf 'config B\n\tbool "b"\nsource "sub"' >"$TMP/self/sub"
printf 'source "a"\n' >"$TMP/pair/Kconfig"
printf 'config A\n\tbool "a"\nsource "b"' >"$TMP/pair/a"
printf 'config B\n\tbool "b"\nsource "a"' >"$TMP/pair/b"
run_all "$TMP/self" 'sub:3: error: recursive inclusion of "sub"'
run_all "$TMP/pair" 'b:3: error: recursive inclusion of "a"'

# Rule files: YAML nested 100,000 deep (libyaml alone takes minutes on it),
# 50,000 rules (the id index keeps loading linear), and a file with 8,000
# broken rules stops after 100 errors.
: >"$TMP/v.config"
python3 - "$TMP" <<'PY'
import sys
t = sys.argv[1]
open(f"{t}/deep.yaml", "w").write("rules: " + "[" * 100000 + "]" * 100000 + "\n")
rule = "  - id: t/r{}\n    title: t\n{}    severity: warning\n    forbid: VFIO_NOIOMMU\n"
open(f"{t}/many.yaml", "w").write("rules:\n" + "".join(
    rule.format(i, "    scope: config\n") for i in range(50000)))
open(f"{t}/broken.yaml", "w").write("rules:\n" + "".join(
    rule.format(i, "") for i in range(8000)))
PY
cases=$((cases + 1))
timeout 60 "$KC_BIN" --rules "$TMP/deep.yaml" "$TMP/v.config" >/dev/null 2>"$TMP/err"
rc=$?
if [[ $rc != 2 ]] || ! grep -q "deep.yaml:1:.*: error: YAML nested more than 64 deep" "$TMP/err"; then
	fail "deep YAML: exit $rc, $(head -n 2 "$TMP/err")"
fi
cases=$((cases + 1))
timeout 60 "$KC_BIN" --rules "$TMP/many.yaml" --no-default-rules --fail-on never \
	"$TMP/v.config" >/dev/null 2>"$TMP/err"
rc=$?
[[ $rc == 0 ]] || fail "50,000 rules: exit $rc, $(head -n 2 "$TMP/err")"
cases=$((cases + 1))
timeout 60 "$KC_BIN" --rules "$TMP/broken.yaml" "$TMP/v.config" >/dev/null 2>"$TMP/err"
rc=$?
n=$(grep -c "error:" "$TMP/err")
if [[ $rc != 2 || $n != 101 ]] || ! tail -n 1 "$TMP/err" | grep -q "too many errors (100); stopping here"; then
	fail "8,000 broken rules: exit $rc, $n error lines"
fi

# --max-file-size: a read over it stops with the limit named; a bad size
# is a usage error.
head -c 2000000 /dev/zero | tr '\0' '#' >"$TMP/two-mib.config"
cases=$((cases + 1))
timeout 60 "$KC_BIN" --max-file-size 1M "$TMP/two-mib.config" >/dev/null 2>"$TMP/err"
rc=$?
if [[ $rc != 2 ]] || ! grep -q "two-mib.config: error: cannot read: larger than the 1 MiB limit (raise it with --max-file-size)" "$TMP/err"; then
	fail "--max-file-size 1M: exit $rc, $(head -n 2 "$TMP/err")"
fi
cases=$((cases + 1))
timeout 60 "$KC_BIN" --max-file-size=3M "$TMP/two-mib.config" >/dev/null 2>"$TMP/err"
rc=$?
[[ $rc == 2 ]] && fail "--max-file-size 3M: exit $rc, $(head -n 2 "$TMP/err")"
cases=$((cases + 1))
timeout 60 "$KC_BIN" --max-file-size 2k --rules "$KC_SOURCE_DIR/rules/vfio.yaml" \
	"$TMP/v.config" >/dev/null 2>"$TMP/err"
rc=$?
if [[ $rc != 2 ]] || ! grep -q "vfio.yaml: error: .*larger than the 2 KiB limit" "$TMP/err"; then
	fail "--max-file-size on --rules: exit $rc, $(head -n 2 "$TMP/err")"
fi
for bad in 0 1x -5 99999999999999G; do
	cases=$((cases + 1))
	timeout 60 "$KC_BIN" --max-file-size "$bad" "$TMP/v.config" >/dev/null 2>"$TMP/err"
	rc=$?
	if [[ $rc != 2 ]] || ! grep -q "not a size" "$TMP/err"; then
		fail "--max-file-size $bad: exit $rc, $(head -n 2 "$TMP/err")"
	fi
done

echo "$((cases - failures)) passed, $failures failed"
((failures == 0))
