#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Kconfig files in the older syntax (tests/fixtures/old-syntax: named,
# optional, tristate and prompt-less choices, entries nested under a
# choice's members, comments and if blocks inside choices, selects from
# members, ranges and empty numbers),
# judged by linux-6.1's own conf (bin/conf-6.1, built by setup.sh).
#
# For each fixture, the inputs are what conf-6.1 writes for allyes, allno,
# allmod, alldef and 16 randconfig seeds (4 in the sanitizer build), and
# two perturbed copies of each
# (KC_PERTURB, fixed seeds).  `resolve --kconfig DIR --kernel-version 6.1`
# must write conf --olddefconfig's .config byte for byte.  A fixture named
# rejected-* holds syntax 6.1 no longer reads (option env=, ---help---,
# def_int, a menu inside a choice): conf refuses it, and so must we.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

FIXTURES=${KC_SOURCE_DIR:-$HERE/../..}/tests/fixtures/old-syntax
# The sanitizer build (KC_SANITIZE=1) or KC_QUICK=1 takes 4 seeds.
RAND_SEEDS=16
[[ ${KC_QUICK:-${KC_SANITIZE:-0}} != 1 ]] || RAND_SEEDS=4

# conf61 FIXTURE DIR ARGS...: conf-6.1 on FIXTURE/Kconfig, in DIR.
conf61() {
	local fixture=$1 dir=$2
	shift 2
	(cd "$dir" && env -i PATH="$PATH" srctree="$fixture" "$@" "$CONF61" \
		"${CONF_ARGS[@]}" Kconfig) >"$dir/conf.log" 2>&1
}

# compare FIXTURE INPUT: 0 when resolve writes what conf --olddefconfig does.
compare() {
	local fixture=$1 input=$2 w
	w=$(mktemp -d)
	cp "$input" "$w/.config"
	CONF_ARGS=(--olddefconfig)
	conf61 "$fixture" "$w" || { rm -rf "$w"; return 1; }
	"$KC_BIN" resolve --kconfig "$fixture" --kernel-version 6.1 "$input" \
		-o "$w/ours" >"$w/ours.log" 2>&1 || true
	if cmp -s "$w/.config" "$w/ours"; then
		rm -rf "$w"
		return 0
	fi
	{
		echo "   $(basename "$fixture") $(basename "$input"):"
		diff "$w/.config" "$w/ours" 2>&1 | head -n 10 | sed 's/^/     /'
	} >>"$WORK/failures"
	rm -rf "$w"
	return 1
}

main() {
	local fixture name w n ident total=0 same=0 b i seed
	need_trees
	need_bin
	[[ -x $CONF61 ]] || fail "no $CONF61; run tests/kernel/setup.sh"
	[[ -n ${KC_PERTURB:-} && -x $KC_PERTURB ]] || fail "KC_PERTURB is not set"
	WORK=$(mktemp -d)
	trap 'rm -rf "$WORK"' EXIT
	: >"$WORK/failures"
	for fixture in "$FIXTURES"/*/; do
		fixture=${fixture%/}
		name=$(basename "$fixture")
		n=0 ident=0
		if [[ $name == rejected-* ]]; then
			w=$(mktemp -d)
			CONF_ARGS=(--olddefconfig)
			n=1
			if ! conf61 "$fixture" "$w" &&
				! "$KC_BIN" resolve --kconfig "$fixture" --kernel-version 6.1 \
					-o "$w/ours" >/dev/null 2>&1; then
				ident=1
			else
				echo "   $name: conf-6.1 and resolve do not both refuse it" >>"$WORK/failures"
			fi
			rm -rf "$w"
		else
			mkdir -p "$WORK/$name"
			for b in allyes allno allmod alldef $(seq 1 "$RAND_SEEDS"); do
				w=$(mktemp -d)
				if [[ $b == all* ]]; then
					CONF_ARGS=("--${b}config")
					conf61 "$fixture" "$w" || fail "conf-6.1 --${b}config failed on $name"
				else
					CONF_ARGS=(--randconfig)
					conf61 "$fixture" "$w" KCONFIG_SEED="$b" ||
						fail "conf-6.1 --randconfig failed on $name"
				fi
				cp "$w/.config" "$WORK/$name/$b.config"
				rm -rf "$w"
				for i in 1 2; do
					seed=$((700000 + ${#name} * 1000 + i * 100 + ${b/all*/0}))
					"$KC_PERTURB" "$seed" <"$WORK/$name/$b.config" \
						>"$WORK/$name/$b.p$i.config"
				done
			done
			for b in "$WORK/$name"/*.config; do
				n=$((n + 1))
				if compare "$fixture" "$b"; then ident=$((ident + 1)); fi
			done
		fi
		printf '   %-22s compared %d, identical %d\n' "$name" "$n" "$ident"
		total=$((total + n))
		same=$((same + ident))
	done
	note "old syntax against linux-6.1's conf: compared $total, identical $same"
	if ((same != total)); then
		note "first differences (conf < > ours):"
		head -n 60 "$WORK/failures"
		fail "resolve differs from conf-6.1 on older-syntax fixtures"
	fi
}

main "$@"
