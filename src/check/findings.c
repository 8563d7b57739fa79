/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * findings.c - the list of findings and its notes; sorting and filtering it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kc_check.h"

struct kc_finding *kc_findings_add(struct kc_findings *f, const char *rule,
				   enum kc_severity sev, const char *symbol,
				   const char *file, int line,
				   const char *fmt, ...)
{
	struct kc_finding *x;
	struct kc_buf msg = KC_BUF_INIT;
	va_list ap;

	KC_GROW(f->items, f->cap, f->len + 1);
	x = &f->items[f->len++];
	memset(x, 0, sizeof(*x));
	va_start(ap, fmt);
	kc_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	x->rule = rule;
	x->severity = sev;
	x->symbol = symbol ? kc_xstrdup(symbol) : NULL;
	x->file = file;
	x->line = line;
	x->message = kc_buf_detach(&msg);
	return x;
}

void kc_finding_note(struct kc_finding *f, const char *file, int line,
		     const char *fmt, ...)
{
	struct kc_buf msg = KC_BUF_INIT;
	struct kc_note *n;
	va_list ap;

	KC_GROW(f->notes, f->notes_cap, f->n_notes + 1);
	n = &f->notes[f->n_notes++];
	va_start(ap, fmt);
	kc_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	n->message = kc_buf_detach(&msg);
	n->file = file;
	n->line = line;
}

void kc_findings_free(struct kc_findings *f)
{
	size_t i, j;

	for (i = 0; i < f->len; i++) {
		struct kc_finding *x = &f->items[i];

		free(x->message);
		free(x->symbol);
		free(x->assigned);
		free(x->resolved);
		for (j = 0; j < x->n_notes; j++)
			free(x->notes[j].message);
		free(x->notes);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

void kc_findings_filter(struct kc_findings *f,
			bool (*keep)(const struct kc_finding *x, void *ctx),
			void *ctx)
{
	struct kc_findings gone = KC_FINDINGS_INIT;
	size_t i, n = 0;

	if (!f->len)
		return;
	gone.items = kc_xcalloc(f->len, sizeof(*gone.items));
	gone.cap = f->len;
	for (i = 0; i < f->len; i++) {
		if (keep(&f->items[i], ctx))
			f->items[n++] = f->items[i];
		else
			gone.items[gone.len++] = f->items[i];
	}
	f->len = n;
	/* The findings' own free releases what they own. */
	kc_findings_free(&gone);
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct kc_finding *a = pa, *b = pb;
	int r = cmp_str(a->file, b->file);

	if (r)
		return r;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	r = cmp_str(a->symbol, b->symbol);
	if (r)
		return r;
	return strcmp(a->rule, b->rule);
}

void kc_findings_sort(struct kc_findings *f)
{
	if (f->len > 1)
		qsort(f->items, f->len, sizeof(*f->items), cmp_finding);
}

const char *kc_reason_name(enum kc_reason r)
{
	static const char *const names[] = {
		[KC_REASON_NONE] = "none",
		[KC_REASON_UNMET_DEPENDENCY] = "unmet-dependency",
		[KC_REASON_NOT_VISIBLE] = "not-visible",
		[KC_REASON_SELECTED] = "selected",
		[KC_REASON_IMPLIED] = "implied",
		[KC_REASON_OUT_OF_RANGE] = "out-of-range",
		[KC_REASON_MODULES_OFF] = "modules-off",
		[KC_REASON_CHOICE] = "choice",
		[KC_REASON_DEFAULT] = "default",
	};
	return names[r];
}
