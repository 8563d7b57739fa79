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
#include "kc_analysis.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_kbuild.h"

struct modules_options {
	const char *format;
	struct kc_vec under;
	bool presence;
};

static const char *const formats[] = { "text", "json", "order", "builtin",
				       "kbuild", "lists", NULL };

static const struct kc_option options[] = {
	KC_OWN_ENUM("format", "FORMAT",
		    "text (default), json, order (modules.order),\n"
		    "builtin (modules.builtin) or kbuild (a Kbuild\n"
		    "file without conditions that builds the modules);\n"
		    "lists prints each Makefile's lists, for testing\n"
		    "the reader",
		    formats, struct modules_options, format),
	KC_OWN_LIST("under", "DIR",
		    "only what folder DIR and its subfolders build\n"
		    "(repeatable)",
		    struct modules_options, under, KC_COMPLETE_NONE),
	KC_OWN_FLAG("presence", 0,
		    "with --format json: the presence condition of\n"
		    "every object and module, and its value here",
		    struct modules_options, presence),
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
	else if (!strcmp(fmt, "kbuild"))
		kc_kbuild_format_kbuild((const struct kc_kbuild_module *const *)
					r->modules.items, r->modules.len, out);
	else
		kc_kbuild_format_lists(r, out);
}

/*
 * The value of a presence condition on this configuration: the printed
 * expression parsed and evaluated as Kconfig would, so the text itself is
 * what is checked against the walk.
 */
static bool holds(struct kc_model *m, struct kc_eval *ev, const char *text)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_expr *e = kc_parse_expr(m, text, "presence", 1, 1, &d);
	bool r = e && !d.errors && kc_eval_expr(ev, e) != KC_NO;

	kc_diags_free(&d);
	return r;
}

/* "presence": [...] spliced in before the object's closing brace. */
static void add_presence(struct kc_cli_args *a, struct kc_model *m,
			 struct kc_eval *ev, struct kc_buf *out)
{
	const struct modules_options *o = a->own;
	struct kc_builds_options bopt = { .presence_only = true };
	struct kc_builds *b = kc_cli_builds(a, m, &o->under, &bopt);
	struct kc_buf arr = KC_BUF_INIT, tail = KC_BUF_INIT;
	struct kc_json j;
	size_t i, end;

	if (!b)
		return;
	kc_json_init(&j, &arr);
	kc_json_begin_array(&j);
	for (i = 0; i < b->n_presence; i++) {
		const struct kc_presence *p = &b->presence[i];
		bool y = holds(m, ev, p->builtin), mo = holds(m, ev, p->module);

		kc_json_begin_object(&j);
		kc_json_kv_string(&j, "name", p->name);
		kc_json_kv_string(&j, "kind", p->is_module ? "module" : "object");
		kc_json_kv_string(&j, "y", p->builtin);
		kc_json_kv_string(&j, "m", p->module);
		kc_json_kv_string(&j, "here", y && mo ? "ym" : y ? "y" : mo ? "m" : "n");
		kc_json_end_object(&j);
	}
	kc_json_end_array(&j);
	for (end = out->len; end > 0 && out->data[end - 1] != '}'; end--)
		;
	if (end) {
		kc_buf_add(&tail, out->data + end - 1, out->len - end + 1);
		out->len = end - 1;
		while (out->len && (out->data[out->len - 1] == '\n' ||
				    out->data[out->len - 1] == ' '))
			out->len--;
		kc_buf_addf(out, ",\n  \"presence\": %s\n", kc_buf_str(&arr));
		kc_buf_adds(out, kc_buf_str(&tail));
	}
	kc_buf_free(&arr);
	kc_buf_free(&tail);
	kc_builds_free(b);
}

/* Walks the tree the model came from, with the values of ev. */
static int walk(struct kc_cli_args *a, struct kc_map *conf,
		struct kc_buf *out)
{
	const struct modules_options *o = a->own;
	struct kc_kbuild_options kopt = { 0 };
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_kernel_version ver;
	struct kc_buf release = KC_BUF_INIT;
	struct kc_kbuild_result *r;
	struct kc_cli_tree t;
	int ret = KC_EXIT_OK;

	kc_cli_tree_open(&a->src, &t, &kopt);
	kopt.config = kc_cli_auto_conf_value;
	kopt.config_ctx = conf;
	kopt.modinfo = o->format && (!strcmp(o->format, "builtin") ||
				     !strcmp(o->format, "json"));
	r = kc_kbuild_walk(&kopt, &diags);
	if (a->src.srctree &&
	    kc_kbuild_kernel_version(kopt.fs, "Makefile", &ver, &diags) == 0)
		kc_kernel_version_string(&ver, &release);
	kc_cli_print_diags(&a->src, &diags);
	if (!r || diags.errors)
		ret = KC_EXIT_USAGE;
	kc_kbuild_result_keep_under(r, (const char *const *)o->under.items,
				    o->under.len);
	if (r)
		format(o->format, r, release.len ? release.data : NULL, out);
	kc_kbuild_result_free(r);
	kc_buf_free(&release);
	kc_diags_free(&diags);
	kc_cli_tree_close(&t);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	const struct modules_options *o = a->own;
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
	ret = walk(a, conf, &out);
	if (o->presence && ret == KC_EXIT_OK)
		add_presence(a, m, ev, &out);
	kc_eval_free(ev);
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
		"modules.builtin, --format kbuild a Kbuild file that builds the\n"
		"modules out of tree; json is described in docs/modules-schema.md.\n"
		"--under limits every format to what the given folders build.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct modules_options),
	.max_args = 1,
	.file_args = true,
	.epilog = "Without --shell, $(shell ...) and the compiler probes of the Makefiles\n"
		  "are not run; they expand to nothing and JSON lists where they are.\n",
	.run = run,
};
