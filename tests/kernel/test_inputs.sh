#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The headline call on real inputs, and defconfigs against the kernel's conf.
#
# 1. Debian's real configs (linux-config-6.12's of amd64, arm64 and ppc64el,
#    linux-config-6.1's of amd64, arm64, ppc64el and s390x: Debian 12 has
#    no 6.12 kernel for s390x; the linux-image's own boot/config-*, and a
#    gzip copy of it, as /proc/config.gz is) checked
#    against the embedded model: every finding comes from the VFIO pack or
#    is about a symbol the model itself defines (no unknown-symbol, no
#    malformed line, nothing about the rest of the kernel), the summary
#    counts thousands of lines outside the model, and the exit status is
#    the findings'.  The counts are printed.
# 2. The same configs against their whole tree (the tree of their version,
#    --arch of their architecture: x86_64, arm64, powerpc, s390) are
#    checked as before: a full .config, nothing outside the model, and a symbol the
#    tree does not define is still an unknown-symbol finding.
# 3. Every arch/*/configs/*defconfig of linux-6.12 for x86, arm64, s390 and
#    powerpc, checked as a defconfig (check --shell, as conf runs the
#    probes): the lines reported as not surviving (not-written,
#    value-changed, invalid-value, ignored-value, an unknown symbol given a
#    value) are exactly the lines conf --defconfig drops, the kernel's conf
#    being the oracle.  A line is dropped when the .config conf writes does
#    not hold its value; "# CONFIG_X is not set" is held when conf writes X
#    as not set or not at all.  Only the last line of each symbol counts
#    (an earlier one is a duplicate, reported as such).  The number of
#    defconfigs and lines compared is printed.
set -euo pipefail

INPUTS_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/test_resolve_diff.sh source-path=SCRIPTDIR/../..
. "$INPUTS_HERE/test_resolve_diff.sh"

DEFCONFIG_ARCH_DIRS=(x86 arm64 s390 powerpc)
SURVIVAL_RULES='["kconfig/not-written","kconfig/value-changed","kconfig/invalid-value","kconfig/ignored-value","kconfig/unknown-symbol"]'

# debian_configs: the Debian configs of part 1, "VERSION ARCH PATH" a line
# (ARCH as make takes it).
debian_configs() {
	local f arch
	for f in "$CONFIGS"/config.* "$CONFIGS61"/config.*; do
		arch=$(config_arch "$f") || fail "$f: not a Debian config name"
		if [[ $f == "$CONFIGS61"/* ]]; then echo "6.1 $arch $f"; else echo "6.12 $arch $f"; fi
	done
	echo "6.12 x86_64 $(image_file 'boot/config-*')"
}

# model_symbols OUT: the names the embedded model defines.
model_symbols() {
	"$KC_BIN" dump | jq -r '.symbols[] | select(.defined) | .name' |
		LC_ALL=C sort -u >"$1"
}

# headline PATH SYMBOLS VERSION: part 1 for one config; prints its counts.
headline() {
	local cfg=$1 symbols=$2 version=$3 json rc=0 stray
	json=$(mktemp)
	"$KC_BIN" check --format json -o "$json" "$cfg" || rc=$?
	((rc <= 1)) || fail "check exited $rc on $cfg"
	stray=$(jq -r --rawfile syms "$symbols" '
		($syms | split("\n") | map(select(. != "")) | map({(.): true}) | add) as $in
		| .configs[0].findings[]
		| select((.rule | startswith("kconfig/")) and
			 (.symbol == null or ($in[.symbol] | not) or
			  .rule == "kconfig/unknown-symbol" or
			  .rule == "kconfig/malformed-line"))
		| "\(.location.line): \(.rule) \(.message)"' "$json")
	[[ -z $stray ]] || fail "$cfg: findings from outside the VFIO model:
$stray"
	jq -e '.configs[0].outside_model > 1000' "$json" >/dev/null ||
		fail "$cfg: fewer than 1000 lines outside the model"
	jq -e --argjson rc "$rc" '(.summary.errors > 0) == ($rc == 1)' "$json" \
		>/dev/null || fail "$cfg: exit $rc does not follow the findings"
	note "$(jq -r --arg rc "$rc" '.configs[0] as $c |
		"\($c.findings | length) findings (\([$c.findings[] | select(.rule | startswith("kconfig/") | not)] | length) from the VFIO pack, \([$c.findings[] | select(.rule | startswith("kconfig/"))] | length) from the model; \(.summary.errors) errors, \(.summary.warnings) warnings, \(.summary.notes) notes), \($c.outside_model) lines outside the model, exit \($rc)"' \
		"$json"): $version $(basename "$cfg")"
	rm -f "$json"
}

# whole_tree VERSION ARCH PATH: part 2 for one config.
whole_tree() {
	local version=$1 arch=$2 cfg=$3 tree json copy rc=0
	tree=$K612
	[[ $version == 6.1 ]] && tree=$K61
	json=$(mktemp)
	copy=$(mktemp)
	{ cat "$cfg"; echo "CONFIG_NOT_A_KERNEL_SYMBOL=y"; } >"$copy"
	"$KC_BIN" check --srctree "$tree" --arch "$arch" --format json -o "$json" \
		"$copy" || rc=$?
	((rc <= 1)) || fail "check against $tree exited $rc on $cfg"
	jq -e '.configs[0] | .kind == "full" and .outside_model == 0 and
		any(.findings[]; .rule == "kconfig/unknown-symbol" and
		    (.message | startswith("NOT_A_KERNEL_SYMBOL ")))' "$json" \
		>/dev/null || fail "$cfg against $tree: not checked as a full .config"
	note "against linux-$version $arch: $(jq -r '"\(.summary.errors) errors, \(.summary.warnings) warnings, \(.summary.notes) notes"' "$json") (with one unknown symbol added): $(basename "$cfg")"
	rm -f "$json" "$copy"
}

# arch_of DIR FILE: the ARCH make uses for a defconfig of arch/DIR.
arch_of() {
	case $1/$(basename "$2") in
	x86/i386_defconfig) echo i386 ;;
	x86/*) echo x86_64 ;;
	*) echo "$1" ;;
	esac
}

# dropped_lines DEFCONFIG CONF_CONFIG: the line numbers of the defconfig's
# last assignment of each symbol whose value conf's .config does not hold.
dropped_lines() {
	awk '
	FNR == NR {
		if (match($0, /^CONFIG_[A-Za-z0-9_]+=/))
			out[substr($0, 8, RLENGTH - 8)] = substr($0, RLENGTH + 1)
		else if (match($0, /^# CONFIG_[A-Za-z0-9_]+ is not set$/))
			out[substr($0, 10, length($0) - 10 - 11 + 1)] = "n"
		next
	}
	{
		if (match($0, /^CONFIG_[A-Za-z0-9_]+=/)) {
			name = substr($0, 8, RLENGTH - 8)
			want[name] = substr($0, RLENGTH + 1)
			at[name] = FNR
		} else if (match($0, /^# CONFIG_[A-Za-z0-9_]+ is not set$/)) {
			name = substr($0, 10, length($0) - 10 - 11 + 1)
			want[name] = "n"
			at[name] = FNR
		}
	}
	END {
		for (name in want) {
			got = (name in out) ? out[name] : "n"
			if (got != want[name])
				print at[name]
		}
	}' "$2" "$1" | sort -n
}

# reported_lines JSON DEFCONFIG: the lines check says do not survive (an
# unknown symbol only on a line that gives it a value).
reported_lines() {
	jq -r --argjson rules "$SURVIVAL_RULES" --rawfile text "$2" '
		($text | split("\n")) as $lines
		| .configs[0].findings[]
		| select(.rule as $r | $rules | index($r))
		| select(.location.line != null)
		| select(.rule != "kconfig/unknown-symbol" or
			 ($lines[.location.line - 1] | startswith("CONFIG_")))
		| .location.line' "$1" | sort -nu
}

# defconfig_diff DIR FILE W: part 3 for one defconfig; appends
# "LINES DROPPED" to W/counts, the differences to W/diffs.
defconfig_diff() {
	local dir=$1 f=$2 w=$3 arch name
	arch=$(arch_of "$dir" "$f")
	name=$dir/$(basename "$f")
	oracle_conf "$arch" "defconfig=$f" - - "$w/conf.config" 2>>"$w/diffs" ||
		{ echo "$name: conf failed" >>"$w/diffs"; return 0; }
	run_check_defconfig "$arch" "$f" "$w/check.json" "$w/check.log" ||
		{ echo "$name: check failed: $(cat "$w/check.log")" >>"$w/diffs"; return 0; }
	dropped_lines "$f" "$w/conf.config" >"$w/dropped"
	reported_lines "$w/check.json" "$f" >"$w/reported"
	if ! diff "$w/dropped" "$w/reported" >"$w/d"; then
		{
			echo "$name: conf drops (<) and check reports (>) differ:"
			sed 's/^/  /' "$w/d"
		} >>"$w/diffs"
	fi
	echo "$(grep -c -E '^(CONFIG_|# CONFIG_.* is not set$)' "$f") $(wc -l <"$w/dropped")" >>"$w/counts"
}

# run_check_defconfig ARCH FILE OUT LOG: check --shell --input defconfig.
run_check_defconfig() {
	local arch=$1 f=$2 out=$3 log=$4 rc=0 cwd
	cwd=$(mktemp -d "${TMPDIR:-/tmp}/kc-check.XXXXXX")
	(cd "$cwd" && kernel_run "$K612" "$arch" "$KC_BIN" check --srctree "$K612" \
		--arch "$arch" --shell --input defconfig --format json \
		--fail-on never -o "$out" "$f") >"$log" 2>&1 || rc=$?
	rm -rf "$cwd"
	((rc == 0)) && [[ -s $out ]]
}

main() {
	local symbols w gz version arch cfg dir f n=0 lines=0 dropped=0 a b
	need_tools jq:jq gzip:gzip
	need_bin
	need_trees
	need_image
	w=$(mktemp -d)
	INPUTS_SCRATCH=$w
	trap 'rm -rf "$INPUTS_SCRATCH"' EXIT
	symbols=$w/symbols
	model_symbols "$symbols"

	note "part 1: Debian's configs against the embedded model"
	gz=$w/config.gz
	gzip -c "$(image_file 'boot/config-*')" >"$gz"
	for arch in x86_64 arm64 powerpc s390; do
		[[ -n $(debian_config_names "$CONFIGS61" "$arch") ]] ||
			fail "no Debian 6.1 config for $arch in $CONFIGS61; run tests/kernel/setup.sh"
		[[ $arch == s390 || -n $(debian_config_names "$CONFIGS" "$arch") ]] ||
			fail "no Debian 6.12 config for $arch in $CONFIGS; run tests/kernel/setup.sh"
	done
	note "Debian 12 has no 6.12 kernel for s390x: s390 on 6.1 only"
	while read -r version arch cfg; do
		headline "$cfg" "$symbols" "$version $arch"
	done < <(debian_configs)
	headline "$gz" "$symbols" "6.12 x86_64 (gzip copy of the image's)"

	note "part 2: the same configs against their whole tree"
	while read -r version arch cfg; do
		whole_tree "$version" "$arch" "$cfg"
	done < <(debian_configs)

	note "part 3: defconfigs against conf --defconfig"
	oracle_prepare
	for dir in "${DEFCONFIG_ARCH_DIRS[@]}"; do
		export "ORACLE_FP_$(arch_of "$dir" x)=$(oracle_fingerprint "$(arch_of "$dir" x)")"
	done
	export ORACLE_FP_i386
	ORACLE_FP_i386=$(oracle_fingerprint i386)
	: >"$w/diffs"
	: >"$w/counts"
	for dir in "${DEFCONFIG_ARCH_DIRS[@]}"; do
		for f in "$K612/arch/$dir/configs/"*defconfig; do
			defconfig_diff "$dir" "$f" "$w"
		done
	done
	while read -r a b; do
		n=$((n + 1))
		lines=$((lines + a))
		dropped=$((dropped + b))
	done <"$w/counts"
	note "$n defconfigs, $lines lines compared, $dropped dropped by conf and reported by check"
	if [[ -s $w/diffs ]]; then
		head -n 60 "$w/diffs"
		fail "check and conf disagree on which defconfig lines survive"
	fi
	((n >= 30)) || fail "only $n defconfigs compared"
	note "test_inputs: ok"
}

main "$@"
