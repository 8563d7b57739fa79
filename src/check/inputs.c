/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * inputs.c - findings about reading a .config: what the kernel would read
 * with a warning and go on (a line that is no assignment, a file with no
 * assignment at all) is an error for a gate.
 */
#include "kc_check.h"

void kc_check_read(const char *path, const struct kc_config *cfg,
		   const struct kc_diags *reader, struct kc_findings *out)
{
	size_t i, bad = 0;

	for (i = 0; i < reader->len; i++) {
		const struct kc_diag *x = &reader->items[i];

		if (x->severity != KC_SEV_WARNING)
			continue;
		bad++;
		kc_findings_add(out, KC_RULE_MALFORMED_LINE, KC_SEV_ERROR,
				NULL, path, x->line,
				"%s; the kernel ignores this line",
				x->message);
	}
	if (cfg && !cfg->len && !cfg->dropped && !bad)
		kc_findings_add(out, KC_RULE_EMPTY, KC_SEV_ERROR, NULL, path, 1,
				"no assignment in the file: an empty .config checks nothing");
}
