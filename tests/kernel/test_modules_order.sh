#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Kbuild walk against Debian's own build of the same tree: for the
# linux-image's config, `modules --format order` must be the image's
# /lib/modules/<release>/modules.order line for line, and `--format
# builtin` its modules.builtin.  The JSON output must agree with both, and
# list every module of modules.order as "m" with its objects; the text
# output lists them in the same order.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/kernel/lib.sh source-path=SCRIPTDIR/../..
. "$HERE/lib.sh"

need_tools jq:jq diff:diffutils
need_bin
need_trees
need_image

CONFIG=$(image_file 'boot/config-*')
ORDER=$(image_file 'lib/modules/*/modules.order')
BUILTIN=$(image_file 'lib/modules/*/modules.builtin')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

modules() {
	"$KC_BIN" modules --srctree "$K612" --arch x86_64 "$CONFIG" "$@"
}

# compare WHAT OURS THEIRS: report the line counts and the differing lines.
compare() {
	local what=$1 ours=$2 theirs=$3 differ
	differ=$(diff "$ours" "$theirs" | grep -c '^[<>]' || true)
	note "$what: ours $(wc -l <"$ours") lines, Debian's $(wc -l <"$theirs"), $differ differing"
	if ((differ)); then
		diff "$ours" "$theirs" | head -n 20 >&2
		fail "$what differs from $(basename "$(dirname "$theirs")")/$(basename "$theirs")"
	fi
}

modules --format order >"$TMP/order" || fail "modules --format order failed"
compare modules.order "$TMP/order" "$ORDER"

modules --format builtin >"$TMP/builtin" || fail "modules --format builtin failed"
compare modules.builtin "$TMP/builtin" "$BUILTIN"

# JSON: the same two lists, and a module entry for each modules.order line.
modules --format json >"$TMP/json" || fail "modules --format json failed"
jq -r '.modules_order[] | sub("\\.o$"; "") | "kernel/\(.).ko"' "$TMP/json" >"$TMP/json-order"
compare "JSON modules_order" "$TMP/json-order" "$ORDER"
jq -r '.modules_builtin[] | "kernel/\(.).ko"' "$TMP/json" >"$TMP/json-builtin"
compare "JSON modules_builtin" "$TMP/json-builtin" "$BUILTIN"
jq -r '.modules[] | select(.kind == "m") | "kernel/\(.name).ko"' "$TMP/json" |
	LC_ALL=C sort >"$TMP/json-modules"
LC_ALL=C sort "$ORDER" >"$TMP/sorted-order"
compare "JSON modules of kind m (sorted)" "$TMP/json-modules" "$TMP/sorted-order"
empty=$(jq '[.modules[] | select(.kind == "m" and (.objects | length) == 0)] | length' "$TMP/json")
[[ $empty == 0 ]] || fail "$empty modules without objects in the JSON"

# The text format lists the modules in modules.order's order.
modules >"$TMP/text" || fail "modules (text) failed"
sed -n 's|^m \(.*\)$|kernel/\1|p' "$TMP/text" >"$TMP/text-order"
compare "text's m lines" "$TMP/text-order" "$ORDER"
note "modules: $(grep -c '^m ' "$TMP/text") m, $(grep -c '^y ' "$TMP/text") y; identical to Debian's build"
