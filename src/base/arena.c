/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arena.c - bump allocation for data that lives exactly as long as its owner
 * (a parsed model, a loaded rule set).  Also the malloc wrappers that treat
 * out-of-memory as the one condition the library cannot report as a value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_base.h"

#define ARENA_CHUNK (256 * 1024)
#define ARENA_ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	/* payload follows, aligned */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct kc_arena {
	struct arena_chunk *head;
	size_t bytes;
};

static void out_of_memory(size_t size)
{
	fprintf(stderr, "vfio-kconfig-check: out of memory (%zu bytes)\n",
		size);
	abort();
}

void *kc_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *kc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	/* n * size may not fit: calloc refused it, and the message says so. */
	if (!p)
		out_of_memory(size && n > SIZE_MAX / size ? SIZE_MAX : n * size);
	return p;
}

void *kc_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory(size);
	return q;
}

void *kc_grow_array(void *items, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap;

	if (need <= n)
		return items;
	n = n > SIZE_MAX / 2 ? SIZE_MAX : n * 2;
	if (n < need)
		n = need;
	if (n < 8)
		n = 8;
	if (size && n > SIZE_MAX / size) {
		n = need < 8 ? 8 : need;
		if (n > SIZE_MAX / size)
			out_of_memory(SIZE_MAX);
	}
	items = kc_xrealloc(items, n * size);
	*cap = n;
	return items;
}

char *kc_xstrdup(const char *s)
{
	return kc_xstrndup(s, strlen(s));
}

char *kc_xstrndup(const char *s, size_t n)
{
	char *p = kc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *kc_xasprintf(const char *fmt, ...)
{
	struct kc_buf b = KC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return kc_buf_detach(&b);
}

struct kc_arena *kc_arena_new(void)
{
	return kc_xcalloc(1, sizeof(struct kc_arena));
}

void kc_arena_free(struct kc_arena *a)
{
	struct arena_chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *kc_arena_alloc(struct kc_arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (!c || c->size - c->used < need) {
		size_t csize = need > ARENA_CHUNK / 4 ? need : ARENA_CHUNK;

		c = kc_xmalloc(sizeof(*c) + csize);
		c->size = csize;
		c->used = 0;
		/* A big one-off block goes behind the current chunk. */
		if (need > ARENA_CHUNK / 4 && a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->bytes += csize;
	}
	p = c->data + c->used;
	c->used += need;
	memset(p, 0, size);
	return p;
}

char *kc_arena_strndup(struct kc_arena *a, const char *s, size_t n)
{
	char *p = kc_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *kc_arena_strdup(struct kc_arena *a, const char *s)
{
	return kc_arena_strndup(a, s, strlen(s));
}

size_t kc_arena_bytes(const struct kc_arena *a)
{
	return a->bytes;
}
