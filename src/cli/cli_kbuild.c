/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_kbuild.c - what the commands that read Kbuild share: the values of
 * a resolved configuration as include/config/auto.conf holds them, which
 * is what the Makefiles see as $(CONFIG_X); opening the tree a model came
 * from (embedded, on disk, or a git revision) for the Kbuild reader; and
 * the walk of that tree for a .config.
 */
#include <string.h>

#include "cli.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_kbuild.h"

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

void kc_cli_tree_open(const struct kc_model_source *src,
		      struct kc_cli_tree *t, struct kc_kbuild_options *kopt)
{
	const char *root = src->srctree ? src->srctree : src->kconfig_dir;

	t->on_disk = false;
	if (src->fs) {
		kopt->fs = src->fs;
		root = src->fs_root;
	} else if (root) {
		kc_cli_disk_fs_init(src, &t->dfs, root);
		t->on_disk = true;
		kopt->fs = &t->dfs.fs;
	} else {
		/* kc_cli_load_model has already refused an unknown name. */
		kc_embedded_fs_init(&t->efs, src->model ? src->model :
						KC_EMBEDDED_DEFAULT_MODEL);
		kopt->fs = &t->efs.fs;
	}
	if (src->srctree) {
		kopt->arch = src->arch;
		kopt->srcarch = kc_cli_srcarch(src->arch);
	}
	kopt->run_shell = src->shell;
	kopt->shell_dir = root;
}

void kc_cli_tree_close(struct kc_cli_tree *t)
{
	if (t->on_disk)
		kc_disk_fs_release(&t->dfs);
	t->on_disk = false;
}

struct kc_kbuild_result *kc_cli_walk(const struct kc_model_source *src,
				     const struct kc_model *m,
				     const struct kc_config *cfg,
				     struct kc_diags *d)
{
	struct kc_kbuild_options kopt = { 0 };
	struct kc_arena *arena = kc_arena_new();
	struct kc_eval *ev = kc_eval_new(m, cfg, NULL);
	struct kc_kbuild_result *r;
	struct kc_cli_tree t;
	struct kc_map *conf;

	kc_cli_tree_open(src, &t, &kopt);
	conf = kc_cli_auto_conf(ev, m, arena);
	kopt.config = kc_cli_auto_conf_value;
	kopt.config_ctx = conf;
	r = kc_kbuild_walk(&kopt, d);
	kc_map_free(conf);
	kc_cli_tree_close(&t);
	kc_eval_free(ev);
	kc_arena_free(arena);
	return r;
}
