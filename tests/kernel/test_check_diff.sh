#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Differential test of `check` against the kernel's own conf, on the tree
# and with the conf test_resolve_diff.sh chooses (KC_DIFF_KERNEL: linux-6.12
# by default, or linux-6.1 with Debian's 6.1 configs; ctest runs one shard
# of each, tests/CMakeLists.txt):
#
#   1. Debian's configs of the tree's version but the rt ones (amd64 none
#      and cloud; arm64 none, cloud and, on 6.12, 16k; ppc64el none and, on
#      6.12, 64k; s390x none on 6.1), each on its arch: `check` (hermetic:
#      the build-machine values are Debian's builder's, from the .config)
#      reports no finding of severity "error" (a distro config is
#      consistent).  With --shell those of the ARCHes of part 3 are checked
#      against this machine's toolchain, and those errors are printed, not
#      asserted.  The rt configs are checked and printed, not asserted:
#      they need patches linux-source does not carry (see
#      ZERO_ERROR_CONFIGS).
#   2. On every input below, the .config reader this test uses (the
#      kernel's rules, in awk) reads the same values as the kernel's own:
#      conf --olddefconfig on a flat Kconfig declaring every symbol with a
#      prompt and nothing else keeps whatever it read (reader_kconfig).
#   3. For each input of a sample of test_resolve_diff.sh's inputs (the same
#      bases, and up to 2 perturbed copies of each: 20 on x86_64, 20 on
#      arm64 and 12 on s390, the copies resolve is compared on with
#      --shell too; KC_CHECK_SEEDS=N caps them at N, 1 in the
#      6.1 shard: 20 inputs on x86_64), the set of
#      symbols check reports under the rules kconfig/value-changed,
#      kconfig/not-written and kconfig/missing equals the set of symbols
#      whose value conf --olddefconfig changes.
#
# The symbols whose value conf changes, precisely.  Only symbols the
# kernel's parser gives a type (bool, tristate, int, hex, string; from
# bin/kconfig-symbols, or bin/kconfig-symbols-6.1, for that ARCH) count; an assignment to any other name
# is ignored by conf and is not a value.
#   in(S)   the value of S in INPUT as the kernel reads it: the last valid
#           assignment, by the rules of scripts/kconfig/confdata.c (see
#           KCONFIG_READ_AWK in test_resolve_diff.sh): bool/tristate take
#           the first character of the value (y, n; m for tristate only),
#           "# CONFIG_S is not set" is n for them and ignored for the other
#           types, strings must be quoted (backslash escapes, text after the
#           closing quote ignored), int and hex must be well-formed, '\r' is
#           stripped only before '\n', invalid assignments are ignored;
#           "unset" when there is no valid assignment.
#   out(S)  the value of S in conf's .config, read the same way; when S is
#           not written there: n for bool/tristate, "absent" for the others.
#   S is changed when
#     in(S) is not "unset" and in(S) != out(S)    (value-changed, or
#                                                  not-written), or
#     in(S) is "unset" and conf writes S          (missing).
#   So a symbol not assigned in INPUT and not written by conf is not a
#   change, and neither is a bool assigned n that conf does not write.
# Any difference between the two sets, in either direction, fails the test
# and is printed with the symbol's type, in(S), out(S), the rule this
# definition implies and the rules check reported for it.
#
# check --shell runs the $(shell,...) probes (~1.5 s an input), so inputs
# run KC_JOBS (default: nproc) at a time; conf's results come from the
# cache test_resolve_diff.sh fills (KC_KERNEL_DIR/oracle-cache), or are
# computed and cached here.
set -euo pipefail

CHECK_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/test_resolve_diff.sh source-path=SCRIPTDIR/../..
. "$CHECK_HERE/test_resolve_diff.sh"

SAMPLE_SEEDS=${KC_CHECK_SEEDS:-2}
# The Debian configs that must give no error: all but the rt ones
# (config.*_rt_*).  Not config.amd64_rt_amd64: Debian builds it from the
# rt featureset, whose patches change Kconfig
# (PREEMPT_LAZY, i915 allowed with PREEMPT_RT, ...); linux-source-6.12 has
# the tree without them (PREEMPT_LAZY is unknown there), and conf itself
# drops 26 of that config's assignments there that no build-machine value
# explains (DRM_I915 and 17 DRM_I915_* options, PREEMPT_DYNAMIC,
# VFIO_MDEV, ...).  Its findings are printed, and part 3 still compares
# them with conf.
mapfile -t ZERO_ERROR_CONFIGS < <(
	for f in "$DEBIAN_CONFIGS"/config.*; do
		[[ $f == *_rt_* ]] || echo "${f##*/config.}"
	done | LC_ALL=C sort)
VALUE_RULES='["kconfig/value-changed","kconfig/not-written","kconfig/missing"]'

# run_check ARCH INPUT OUT.json LOG: check --shell --format json on INPUT
# in the kernel Makefile's environment; fails unless it exits 0 or 1.
run_check() {
	local arch=$1 input=$2 out=$3 log=$4 rc=0 cwd
	cwd=$(mktemp -d "${TMPDIR:-/tmp}/kc-check.XXXXXX")
	(cd "$cwd" && kernel_run "$TREE" "$arch" "$KC_BIN" check --srctree "$TREE" \
		--arch "$arch" --shell --format json --fail-on never -o "$out" "$input") \
		>"$log" 2>&1 || rc=$?
	rm -rf "$cwd"
	if ((rc > 1)) || [[ ! -s $out ]] || ! jq -e '.configs | length == 1' "$out" >/dev/null 2>&1; then
		{
			echo "check exited $rc on $input:"
			head -n 20 "$log"
			[[ -s $out ]] && head -c 600 "$out"
		} >"$log.err"
		return 1
	fi
}

# conf_changes TYPES INPUT OUTPUT: "NAME RULE TYPE IN OUT" for every symbol
# conf changes (the definition above); IN is "unset" or the value, OUT the
# value or "absent"; values JSON-quoted, so blanks stay in one field.
conf_changes() {
	local types=$1 input=$2 output=$3 w
	w=$(mktemp -d "${TMPDIR:-/tmp}/kc-changes.XXXXXX")
	kconfig_values "$types" "$input" >"$w/in"
	kconfig_values "$types" "$output" >"$w/out"
	LC_ALL=C awk -F '\t' '
		function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
		FILENAME == ARGV[1] { inv[$1] = $3; t[$1] = $2; next }
		{ outv[$1] = $3; t[$1] = $2 }
		END {
			for (s in inv) {
				if (s in outv) o = outv[s]
				else if (t[s] == "bool" || t[s] == "tristate") o = "n"
				else o = "\001absent"
				if (inv[s] != o)
					printf "%s %s %s %s %s\n", s,
						(s in outv) ? "kconfig/value-changed" : "kconfig/not-written",
						t[s], q(inv[s]), (o == "\001absent") ? "absent" : q(o)
			}
			for (s in outv)
				if (!(s in inv))
					printf "%s kconfig/missing %s unset %s\n", s, t[s], q(outv[s])
		}' "$w/in" "$w/out" | LC_ALL=C sort
	rm -rf "$w"
}

# reader_kconfig TYPES DEFAULT OUT: a flat Kconfig declaring every symbol
# of TYPES with a prompt, no dependency and no range: conf keeps any value
# it reads for them, so its output shows how it read a .config.  Bool and
# tristate default to DEFAULT (y or n: a symbol the input leaves unset
# comes out as DEFAULT in both), the others to markers no input uses.
# Tristate m is kept: a symbol of its own, not MODULES, has `modules`.
reader_kconfig() {
	awk -v d="$2" 'BEGIN { print "config KC_READER_MODULES\n\tbool\n\tdefault y\n\tmodules\n" }
		$2 == "bool" || $2 == "tristate" {
			printf "config %s\n\t%s \"%s\"\n\tdefault %s\n\n", $1, $2, $1, d }
		$2 == "string" { printf "config %s\n\tstring \"%s\"\n\tdefault \"kc-reader-unset\"\n\n", $1, $1 }
		$2 == "int" { printf "config %s\n\tint \"%s\"\n\tdefault 123454321\n\n", $1, $1 }
		$2 == "hex" { printf "config %s\n\thex \"%s\"\n\tdefault 0x5eed5eed\n\n", $1, $1 }' \
		"$1" >"$3"
}

# reader_crosscheck TYPES FLAT INPUT OUT: KCONFIG_READ_AWK's reading of
# INPUT against the kernel's own (conf --olddefconfig on FLAT.y and FLAT.n,
# see reader_kconfig); the differing lines into OUT, non-zero if any.
reader_crosscheck() {
	local types=$1 flat=$2 input=$3 out=$4 d w
	w=$(mktemp -d "${TMPDIR:-/tmp}/kc-reader.XXXXXX")
	for d in y n; do
		mkdir -p "$w/$d"
		cp "$input" "$w/$d/.config"
		no_autoconf "$w/$d"
		(cd "$w/$d" && env -i PATH="$PATH" "$ORACLE" --olddefconfig "$flat.$d") \
			>"$w/$d.log" 2>&1 || { cp "$w/$d.log" "$out"; rm -rf "$w"; return 1; }
		kconfig_values "$types" "$w/$d/.config" >"$w/$d.values"
	done
	LC_ALL=C join -t "$(printf '\t')" -j 1 -o 0,1.2,1.3,2.3 "$w/y.values" "$w/n.values" |
		awk -F '\t' -v OFS='\t' '
			($2 == "bool" || $2 == "tristate") && $3 != $4 { next }
			$2 == "string" && $3 == "kc-reader-unset" { next }
			$2 == "int" && $3 == "123454321" { next }
			$2 == "hex" && $3 == "0x5eed5eed" { next }
			{ print $1, $2, $3 }' | LC_ALL=C sort >"$w/kernel"
	kconfig_values "$types" "$input" >"$w/ours"
	if ! cmp -s "$w/kernel" "$w/ours"; then
		diff "$w/kernel" "$w/ours" | head -n 20 >"$out" || true
		rm -rf "$w"
		return 1
	fi
	rm -rf "$w"
}

# check_job ARCH ID INPUT RES: one input; RES/ID.status is ok, differs or
# error, RES/ID.detail says how, RES/ID.errors the findings of severity
# error.
check_job() {
	local arch=$1 id=$2 input=$3 res=$4 w
	w=$res/$id.d
	mkdir -p "$w"
	if ! oracle_conf "$arch" olddefconfig - "$input" "$w/conf.config" 2>"$w/conf.err"; then
		echo error >"$res/$id.status"
		cp "$w/conf.err" "$res/$id.detail"
		return 0
	fi
	if ! run_check "$arch" "$input" "$w/check.json" "$w/check.log"; then
		echo error >"$res/$id.status"
		cp "$w/check.log.err" "$res/$id.detail"
		return 0
	fi
	jq -r '.configs[0].findings[] | select(.severity == "error") |
		"\(.rule) \(.symbol // "-") \(.location.file // "-"):\(.location.line // "-"): \(.message)"' \
		"$w/check.json" >"$res/$id.errors"
	if ! reader_crosscheck "$res/types.$arch" "$res/reader.$arch" "$input" "$w/reader"; then
		echo reader >"$res/$id.status"
		{
			echo "  the test's .config reader disagrees with conf's (conf < > ours):"
			sed 's/^/    /' "$w/reader"
		} >"$res/$id.detail"
		rm -rf "$w"
		return 0
	fi
	conf_changes "$res/types.$arch" "$input" "$w/conf.config" >"$w/expected"
	cut -d' ' -f1 "$w/expected" >"$w/expected.names"
	jq -r --argjson rules "$VALUE_RULES" '.configs[0].findings[] |
		select(.rule as $r | $rules | index($r)) | .symbol' "$w/check.json" |
		LC_ALL=C sort -u >"$w/reported.names"
	if cmp -s "$w/expected.names" "$w/reported.names"; then
		echo ok >"$res/$id.status"
		wc -l <"$w/expected.names" >"$res/$id.count"
	else
		echo differs >"$res/$id.status"
		{
			LC_ALL=C comm -23 "$w/expected.names" "$w/reported.names" |
				LC_ALL=C join - "$w/expected" | while read -r s rule type values; do
					printf '  conf changes, check does not say so: %s (%s) input, conf: %s; expected %s; check: %s\n' \
						"$s" "$type" "$values" "$rule" \
						"$(jq -r --arg s "$s" '[.configs[0].findings[] | select(.symbol == $s) | .rule] | join(",") | if . == "" then "nothing" else . end' "$w/check.json")"
				done
			LC_ALL=C comm -13 "$w/expected.names" "$w/reported.names" | while read -r s; do
				printf '  check reports, conf keeps: %s: %s\n' "$s" \
					"$(jq -c --arg s "$s" --argjson rules "$VALUE_RULES" '[.configs[0].findings[] | select(.symbol == $s and (.rule as $r | $rules | index($r))) | {rule, assigned, resolved}]' "$w/check.json")"
			done
		} >"$res/$id.detail"
	fi
	rm -rf "$w"
}

check_main() {
	local res arch t0 n ok bad=0 shown=0 id path nerr base
	need_tools jq:jq awk:mawk xargs:findutils od:coreutils
	need_trees
	need_bin
	need_perturb
	"$KC_BIN" check --help >/dev/null 2>&1 ||
		fail "'$KC_BIN check --help' fails: the check command is missing"
	WORK=$(mktemp -d)
	[[ ${KC_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
	res=$WORK/res
	mkdir -p "$res"
	t0=$SECONDS
	oracle_prepare
	for arch in "${DIFF_ARCHES[@]}"; do
		oracle_types "$arch" "$res/types.$arch" || fail "kconfig-symbols failed for $arch"
		awk '$2 != "unknown"' "$res/types.$arch" >"$res/types.tmp" &&
			mv "$res/types.tmp" "$res/types.$arch"
		reader_kconfig "$res/types.$arch" y "$res/reader.$arch.y"
		reader_kconfig "$res/types.$arch" n "$res/reader.$arch.n"
	done
	make_inputs "$WORK/in" "$WORK/list" "$SAMPLE_SEEDS"
	only_inputs "$WORK/list"
	note "$(wc -l <"$WORK/list") inputs ($(grep -c '\.p[0-9]' "$WORK/list") perturbed)," \
		"$JOBS at a time; ready in $((SECONDS - t0)) s"
	awk '{ print $1, $2, $3 }' "$WORK/list" | xargs -P "$JOBS" -n 3 \
		bash "${BASH_SOURCE[0]}" --job "$res"

	note "check --shell on Debian's configs, findings of severity error:"
	for id in $(for arch in "${DIFF_ARCHES[@]}"; do
		[[ " ${DIFF_BASES[*]} " != *" debian "* ]] ||
			debian_bases "$arch" | sed "s/^/$arch./"
	done); do
		[[ -f $res/$id.status ]] || continue # left out by KC_DIFF_ONLY
		if [[ $(cat "$res/$id.status") == error ]]; then
			printf '   %s: check failed\n' "$id"
			sed 's/^/     /' "$res/$id.detail"
			bad=1
			continue
		fi
		nerr=$(wc -l <"$res/$id.errors")
		# With --shell the values come from this machine's toolchain,
		# not Debian's builder: printed, not asserted.
		printf '   %-44s %d errors (not asserted: this machine'"'"'s tools)\n' "$id" "$nerr"
		head -n 20 "$res/$id.errors" | sed 's/^/     /'
		((nerr <= 20)) || echo "     ... $((nerr - 20)) more"
	done
	note "check (hermetic, as a distro gate runs it) on Debian's configs, errors:"
	((${#ZERO_ERROR_CONFIGS[@]} > 0)) || fail "no Debian config in $DEBIAN_CONFIGS"
	for base in "${ZERO_ERROR_CONFIGS[@]}"; do
		"$KC_BIN" check --srctree "$TREE" --arch "$(config_arch "$base")" --format json \
			--fail-on never -o "$WORK/hermetic.json" "$DEBIAN_CONFIGS/config.$base"
		nerr=$(jq '[.configs[0].findings[] | select(.severity == "error")] | length' \
			"$WORK/hermetic.json")
		printf '   %-44s %d errors\n' "$base" "$nerr"
		jq -r '.configs[0].findings[] | select(.severity == "error") | .message' \
			"$WORK/hermetic.json" | head -n 20 | sed 's/^/     /'
		((nerr == 0)) || bad=1
	done

	note "symbols check reports as changed against those conf changes:"
	for arch in "${DIFF_ARCHES[@]}"; do
		n=$(grep -c "^$arch " "$WORK/list" || true)
		((n > 0)) || continue
		ok=$(cat "$res/$arch".*.status | grep -cx ok || true)
		printf '   %-7s %4d inputs, %4d agree, %4d differ, %d errors, %d misread by the test\n' \
			"$arch" "$n" "$ok" \
			"$(cat "$res/$arch".*.status | grep -cx differs || true)" \
			"$(cat "$res/$arch".*.status | grep -cx error || true)" \
			"$(cat "$res/$arch".*.status | grep -cx reader || true)"
		((ok == n)) || bad=1
	done
	note "changes conf makes, over all inputs that agree: $(cat "$res"/*.count 2>/dev/null |
		awk '{ s += $1 } END { print s + 0 }') symbols"
	while read -r arch id path; do
		[[ $(cat "$res/$arch.$id.status") != ok ]] || continue
		echo "   $arch $id ($path): $(cat "$res/$arch.$id.status")"
		head -n 20 "$res/$arch.$id.detail" | sed 's/^/   /'
		shown=$((shown + 1))
		((shown < 5)) || break
	done <"$WORK/list"
	note "done in $((SECONDS - t0)) s"
	((bad == 0)) || fail "check disagrees with the kernel's conf"
	note "check agrees with conf on every input"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	case ${1:-} in
	--job)
		shift
		res=$1 && shift
		check_job "$1" "$1.$2" "$3" "$res"
		;;
	*) check_main "$@" ;;
	esac
fi
