/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_kbuild.c - what the commands that read Kbuild share: the values of
 * a resolved configuration as include/config/auto.conf holds them, which
 * is what the Makefiles see as $(CONFIG_X).
 */
#include <string.h>

#include "cli.h"
#include "kc_eval.h"

/* CONFIG_ name -> value, as include/config/auto.conf holds them. */
struct kc_map *kc_cli_auto_conf(struct kc_eval *ev, const struct kc_model *m,
			       struct kc_arena *a)
{
	size_t i, n = kc_model_symbol_count(m);
	struct kc_map *map = kc_map_new(n + 1);
	struct kc_buf b = KC_BUF_INIT;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(m, i);
		const char *v;
		char *key;

		if (!s->name || !kc_eval_written(ev, s))
			continue;
		v = kc_eval_string(ev, s);
		kc_buf_reset(&b);
		if (s->type == KC_T_STRING)
			kc_config_quote(v, &b);
		else if (!strcmp(v, "n"))
			continue;	/* auto.conf leaves n out */
		else
			kc_buf_adds(&b, v);
		key = kc_arena_alloc(a, strlen(s->name) + 8);
		memcpy(key, "CONFIG_", 7);
		strcpy(key + 7, s->name);
		kc_map_put(map, key, kc_arena_strdup(a, kc_buf_str(&b)));
	}
	kc_buf_free(&b);
	return map;
}

const char *kc_cli_auto_conf_value(void *ctx, const char *name)
{
	return kc_map_get(ctx, name);
}
