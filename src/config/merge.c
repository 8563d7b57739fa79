/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * merge.c - a base .config and fragments as one config, the way
 * scripts/kconfig/merge_config.sh combines them before the kernel reads
 * the result: the lines of each file in order, a later assignment of a
 * symbol winning over an earlier one.  Unlike merge_config.sh, the earlier
 * lines are kept (the evaluator marks them overridden), so that a check
 * can name both lines of each override.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_config.h"

static const char *copy(struct kc_arena *arena, const char *s)
{
	return s ? kc_arena_strdup(arena, s) : NULL;
}

struct kc_config *kc_config_merge(const char *path,
				  const struct kc_config *const *parts,
				  size_t n)
{
	struct kc_config *c = kc_xcalloc(1, sizeof(*c));
	size_t i, j, cap = 0;

	c->path = kc_xstrdup(path);
	c->arena = kc_arena_new();
	for (i = 0; i < n; i++) {
		const struct kc_config *p = parts[i];
		const char *file = copy(c->arena, p->path);

		c->dropped += p->dropped;

		for (j = 0; j < p->len; j++) {
			struct kc_assignment a = p->items[j];

			a.name = kc_arena_strndup(c->arena, a.name, a.name_len);
			a.raw = copy(c->arena, a.raw);
			a.unquoted = copy(c->arena, a.unquoted);
			a.file = a.file ? copy(c->arena, a.file) : file;
			KC_GROW(c->items, cap, c->len + 1);
			c->items[c->len++] = a;
		}
	}
	return c;
}

const char *kc_config_file(const struct kc_config *c,
			   const struct kc_assignment *a)
{
	return a->file ? a->file : c->path;
}
