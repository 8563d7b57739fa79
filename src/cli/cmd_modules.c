/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_modules.c - `vfio-kconfig-check modules [CONFIG]`: which modules a
 * configuration builds, y or m, from which objects, in the kernel's order.
 * The .config is resolved as `resolve` does; the tree's Makefiles are then
 * read with the values include/config/auto.conf would hold.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_kbuild.h"

struct modules_options {
	const char *format;
};

static const char *const formats[] = { "text", "json", "order", "builtin",
				       "lists", NULL };

static const struct kc_option options[] = {
	KC_OWN_ENUM("format", "FORMAT",
		    "text (default), json, order (modules.order)\n"
		    "or builtin (modules.builtin); lists prints each\n"
		    "Makefile's lists, for testing the reader",
		    formats, struct modules_options, format),
	{ 0 },
};

static void format(const char *fmt, const struct kc_kbuild_result *r,
		   const char *release, struct kc_buf *out)
{
	if (!fmt || !strcmp(fmt, "text"))
		kc_kbuild_format_text(r, out);
	else if (!strcmp(fmt, "json"))
		kc_kbuild_format_json(r, release, out);
	else if (!strcmp(fmt, "order"))
		kc_kbuild_format_order(r, out);
	else if (!strcmp(fmt, "builtin"))
		kc_kbuild_format_builtin(r, out);
	else
		kc_kbuild_format_lists(r, out);
}

/* Walks the tree the model came from, with the values of ev. */
static int walk(struct kc_cli_args *a, struct kc_map *conf,
		struct kc_buf *out)
{
	const struct modules_options *o = a->own;
	struct kc_kbuild_options kopt = { 0 };
	struct kc_diags diags = KC_DIAGS_INIT;
	const char *root = a->src.srctree ? a->src.srctree : a->src.kconfig_dir;
	struct kc_kernel_version ver;
	struct kc_buf release = KC_BUF_INIT;
	struct kc_kbuild_result *r;
	struct kc_embedded_fs efs;
	struct kc_disk_fs dfs;
	int ret = KC_EXIT_OK;

	if (root) {
		kc_cli_disk_fs_init(&a->src, &dfs, root);
		kopt.fs = &dfs.fs;
	} else {
		kc_embedded_fs_init(&efs, a->src.model ? a->src.model :
					  KC_EMBEDDED_DEFAULT_MODEL);
		kopt.fs = &efs.fs;
	}
	kopt.config = kc_cli_auto_conf_value;
	kopt.config_ctx = conf;
	if (a->src.srctree) {
		kopt.arch = a->src.arch;
		kopt.srcarch = kc_cli_srcarch(a->src.arch);
	}
	kopt.run_shell = a->src.shell;
	kopt.shell_dir = root;
	kopt.modinfo = o->format && (!strcmp(o->format, "builtin") ||
				     !strcmp(o->format, "json"));
	r = kc_kbuild_walk(&kopt, &diags);
	if (a->src.srctree &&
	    kc_kbuild_kernel_version(kopt.fs, "Makefile", &ver, &diags) == 0)
		kc_kernel_version_string(&ver, &release);
	kc_cli_print_diags(&diags);
	if (!r || diags.errors)
		ret = KC_EXIT_USAGE;
	if (r)
		format(o->format, r, release.len ? release.data : NULL, out);
	kc_kbuild_result_free(r);
	kc_buf_free(&release);
	kc_diags_free(&diags);
	if (root)
		kc_disk_fs_release(&dfs);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_arena *arena = kc_arena_new();
	struct kc_config *cfg = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_map *conf = NULL;
	struct kc_model *m = NULL;
	struct kc_eval *ev;
	int ret = KC_EXIT_USAGE;

	if (kc_cli_load_model_config(a, &m, &cfg) < 0)
		goto out;
	ev = kc_eval_new(m, cfg, &eopt);
	conf = kc_cli_auto_conf(ev, m, arena);
	kc_eval_free(ev);
	ret = walk(a, conf, &out);
	if (kc_cli_write_output(a->report.output, &out) != KC_EXIT_OK)
		ret = KC_EXIT_USAGE;
out:
	kc_map_free(conf);
	kc_arena_free(arena);
	kc_buf_free(&out);
	kc_config_free(cfg);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_modules = {
	.name = "modules",
	.summary = "list the modules a configuration builds, in the kernel's order",
	.args = "[CONFIG]",
	.description =
		"Resolves CONFIG as 'resolve' does, then reads the tree's Kbuild\n"
		"Makefiles as the kernel's build does and prints the modules it builds\n"
		"(y: built in, m: loadable) with their objects in link order.\n"
		"--format order prints the installed modules.order, --format builtin\n"
		"modules.builtin; json is described in docs/modules-schema.md.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct modules_options),
	.max_args = 1,
	.file_args = true,
	.epilog = "Without --shell, $(shell ...) and the compiler probes of the Makefiles\n"
		  "are not run; they expand to nothing and JSON lists where they are.\n",
	.run = run,
};
