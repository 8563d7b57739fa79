/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diag.c - diagnostics as values: severity, file, line, column, message.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_base.h"

void kc_diags_vadd(struct kc_diags *d, enum kc_severity sev, const char *file,
		   int line, int col, const char *fmt, va_list ap)
{
	struct kc_buf msg = KC_BUF_INIT;
	struct kc_diag *e;

	KC_GROW(d->items, d->cap, d->len + 1);
	kc_buf_vaddf(&msg, fmt, ap);
	e = &d->items[d->len++];
	e->severity = sev;
	e->file = file ? kc_xstrdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->message = kc_buf_detach(&msg);
	if (sev == KC_SEV_ERROR)
		d->errors++;
	else if (sev == KC_SEV_WARNING)
		d->warnings++;
}

void kc_diags_add(struct kc_diags *d, enum kc_severity sev, const char *file,
		  int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kc_diags_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void kc_diags_free(struct kc_diags *d)
{
	size_t i;

	for (i = 0; i < d->len; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

const char *kc_severity_name(enum kc_severity sev)
{
	switch (sev) {
	case KC_SEV_NOTE:
		return "note";
	case KC_SEV_WARNING:
		return "warning";
	case KC_SEV_ERROR:
		return "error";
	}
	return "error";
}

void kc_diag_format(const struct kc_diag *diag, struct kc_buf *out)
{
	if (diag->file) {
		kc_buf_adds(out, diag->file);
		if (diag->line > 0) {
			kc_buf_addf(out, ":%d", diag->line);
			if (diag->col > 0)
				kc_buf_addf(out, ":%d", diag->col);
		}
		kc_buf_adds(out, ": ");
	}
	kc_buf_addf(out, "%s: %s", kc_severity_name(diag->severity),
		    diag->message);
}
