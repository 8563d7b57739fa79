/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_common.c - what every output format shares: the format names the
 * CLI accepts and the counts by severity that summaries and exit codes use.
 */
#include <string.h>

#include "kc_report.h"

int kc_format_parse(const char *name, enum kc_format *out)
{
	static const struct {
		const char *name;
		enum kc_format format;
	} formats[] = {
		{ "text", KC_FORMAT_TEXT },
		{ "json", KC_FORMAT_JSON },
		{ "sarif", KC_FORMAT_SARIF },
		{ "junit", KC_FORMAT_JUNIT },
	};
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (!strcmp(name, formats[i].name)) {
			*out = formats[i].format;
			return 0;
		}
	}
	return -1;
}

void kc_report_count(const struct kc_report *r, size_t *errors,
		     size_t *warnings, size_t *notes)
{
	size_t e = 0, w = 0, n = 0;
	size_t i, k;

	for (i = 0; i < r->n_configs; i++) {
		const struct kc_findings *f = r->configs[i].findings;

		for (k = 0; f && k < f->len; k++) {
			switch (f->items[k].severity) {
			case KC_SEV_ERROR:
				e++;
				break;
			case KC_SEV_WARNING:
				w++;
				break;
			case KC_SEV_NOTE:
				n++;
				break;
			}
		}
	}
	if (errors)
		*errors = e;
	if (warnings)
		*warnings = w;
	if (notes)
		*notes = n;
}
