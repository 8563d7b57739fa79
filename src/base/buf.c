/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * buf.c - growable strings and pointer vectors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_base.h"

void kc_buf_grow(struct kc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	/* len + extra + 1 wraps only for a length no allocation can hold. */
	if (need < b->len)
		need = SIZE_MAX;
	if (need <= b->cap)
		return;
	if (need < 64)
		need = 64;
	KC_GROW(b->data, b->cap, need);
}

void kc_buf_adds(struct kc_buf *b, const char *s)
{
	kc_buf_add(b, s, strlen(s));
}

void kc_buf_vaddf(struct kc_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	kc_buf_reserve(b, 64);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		kc_buf_reserve(b, (size_t)n);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	}
	va_end(ap2);
	if (n > 0)
		b->len += (size_t)n;
}

void kc_buf_addf(struct kc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void kc_buf_reset(struct kc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

const char *kc_buf_str(const struct kc_buf *b)
{
	return b->data ? b->data : "";
}

char *kc_buf_detach(struct kc_buf *b)
{
	char *s = b->data ? b->data : kc_xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void kc_buf_free(struct kc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void kc_vec_push(struct kc_vec *v, void *item)
{
	KC_GROW(v->items, v->cap, v->len + 1);
	v->items[v->len++] = item;
}

void *kc_vec_pop(struct kc_vec *v)
{
	return v->len ? v->items[--v->len] : NULL;
}

void kc_vec_free(struct kc_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

size_t kc_edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t stack_row[128], *row, best, result;

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	/* Symbol names are short: no allocation for the usual call. */
	row = lb < 128 ? stack_row : kc_xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = diag + cost;

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max) {
			if (row != stack_row)
				free(row);
			return max + 1;
		}
	}
	result = row[lb];
	if (row != stack_row)
		free(row);
	return result > max ? max + 1 : result;
}
