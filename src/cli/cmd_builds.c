/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_builds.c - `vfio-kconfig-check builds`: every valid configuration,
 * grouped by the module build it gives, each group with its count, its
 * modules and a representative .config; with -o DIR, a folder per build
 * (config, modules.order, modules.builtin, a generated Kbuild) and
 * index.json.  Also what `presence` and `modules --presence` share.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_kbuild.h"

struct builds_options {
	const char *format;
	struct kc_vec under;
	const char *max_builds;
	const char *max_values;
	bool counts;
};

static const char *const formats[] = { "text", "json", NULL };

static const struct kc_option options[] = {
	KC_OWN_ENUM("format", "FORMAT", "text (default) or json",
		    formats, struct builds_options, format),
	KC_OWN_LIST("under", "DIR",
		    "only the modules of folder DIR (repeatable); the\n"
		    "symbols only other folders read are projected out",
		    struct builds_options, under, KC_COMPLETE_NONE),
	KC_OWN_FLAG("counts", 0, "only the counts: no representatives or modules",
		    struct builds_options, counts),
	KC_OWN_STRING("max-builds", "N",
		      "stop with an error past N distinct builds\n"
		      "(default 100000; 2000 on a model of more\n"
		      "than 5000 symbols, such as a kernel tree)",
		      struct builds_options, max_builds, KC_COMPLETE_NONE),
	KC_OWN_STRING("max-values", "N",
		      "stop with an error past N distinct values of the\n"
		      "symbols read (default 1000000); on a kernel tree,\n"
		      "count them only up to N (default 20000)",
		      struct builds_options, max_values, KC_COMPLETE_NONE),
	{ 0 },
};

/* ---- shared with presence and modules --------------------------------------- */

struct kc_builds *kc_cli_builds(struct kc_cli_args *a,
				const struct kc_model *m,
				const struct kc_vec *under,
				struct kc_builds_options *o)
{
	struct kc_kbuild_options kopt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_cli_tree t;
	struct kc_builds *b;

	kc_cli_tree_open(&a->src, &t, &kopt);
	o->kbuild = &kopt;
	if (under) {
		o->under = (const char *const *)under->items;
		o->n_under = under->len;
	}
	b = kc_builds_compute(m, o, &d);
	o->kbuild = NULL;
	kc_cli_print_diags(&a->src, &d);
	if (b && d.errors) {
		kc_builds_free(b);
		b = NULL;
	}
	kc_diags_free(&d);
	kc_cli_tree_close(&t);
	return b;
}

/* ---- output ------------------------------------------------------------------------ */

static void order_lines(const struct kc_build *x, struct kc_buf *out)
{
	size_t i;

	for (i = 0; i < x->modules.len; i++) {
		const struct kc_kbuild_module *mod = x->modules.items[i];

		if (mod->kind == KC_KBUILD_MODULE)
			kc_buf_addf(out, "kernel/%s.ko\n", mod->name);
	}
}

static void builtin_lines(const struct kc_build *x, struct kc_buf *out)
{
	size_t i;

	for (i = 0; i < x->builtin.len; i++)
		kc_buf_addf(out, "kernel/%s.ko\n", (const char *)x->builtin.items[i]);
}

static void kbuild_file(const struct kc_build *x, struct kc_buf *out)
{
	kc_buf_addf(out, "# The modules of build %s, without conditions.\n", x->id);
	kc_kbuild_format_kbuild((const struct kc_kbuild_module *const *)
				x->modules.items, x->modules.len, out);
}

void kc_cli_json_presence(struct kc_json *j, const struct kc_builds *b)
{
	size_t i;

	kc_json_key(j, "presence");
	kc_json_begin_array(j);
	for (i = 0; i < b->n_presence; i++) {
		const struct kc_presence *p = &b->presence[i];

		kc_json_begin_object(j);
		kc_json_kv_string(j, "name", p->name);
		kc_json_kv_string(j, "kind", p->is_module ? "module" : "object");
		kc_json_kv_string(j, "y", p->builtin);
		kc_json_kv_string(j, "m", p->module);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void json_modules(struct kc_json *j, const struct kc_build *x)
{
	size_t i, k;

	kc_json_key(j, "modules");
	kc_json_begin_array(j);
	for (i = 0; i < x->modules.len; i++) {
		const struct kc_kbuild_module *mod = x->modules.items[i];

		kc_json_begin_object(j);
		kc_json_kv_string(j, "name", mod->name);
		kc_json_kv_string(j, "kind",
				  mod->kind == KC_KBUILD_MODULE ? "m" : "y");
		kc_json_key(j, "objects");
		kc_json_begin_array(j);
		for (k = 0; k < mod->n_objects; k++)
			kc_json_string(j, mod->objects[k]);
		kc_json_end_array(j);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void json_count(struct kc_json *j, const char *key, bool counted,
		       uint64_t n)
{
	kc_json_key(j, key);
	if (counted)
		kc_json_uint(j, n);
	else
		kc_json_null(j);
}

/* ---- builds as independent folders (too many to list) ------------------ */

static const char *on_kind(const struct kc_build_on *on)
{
	return on->builtin ? "y" : "m";
}

static void json_alt(struct kc_json *j, const struct kc_build_alt *alt)
{
	size_t k;

	kc_json_begin_array(j);
	for (k = 0; k < alt->n; k++) {
		kc_json_begin_object(j);
		kc_json_kv_string(j, "name", alt->on[k].name);
		kc_json_kv_string(j, "kind", alt->on[k].is_module ? "module" : "object");
		kc_json_kv_string(j, "built", on_kind(&alt->on[k]));
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void json_factored(struct kc_json *j, const struct kc_builds *b)
{
	size_t c, p, a, k;

	kc_json_key(j, "factored");
	if (!b->factored) {
		kc_json_null(j);
		return;
	}
	kc_json_begin_object(j);
	kc_json_kv_uint(j, "builds", b->n_builds);
	kc_json_key(j, "cases");
	kc_json_begin_array(j);
	for (c = 0; c < b->n_cases; c++) {
		const struct kc_build_case *x = &b->cases[c];

		kc_json_begin_object(j);
		kc_json_kv_uint(j, "builds", x->builds);
		kc_json_key(j, "when");
		kc_json_begin_array(j);
		for (k = 0; k < x->when.len; k++)
			kc_json_string(j, x->when.items[k]);
		kc_json_end_array(j);
		kc_json_key(j, "shares");
		kc_json_begin_array(j);
		for (k = 0; k < x->shares.len; k++)
			kc_json_int(j, (long long)(uintptr_t)x->shares.items[k]);
		kc_json_end_array(j);
		kc_json_key(j, "folders");
		kc_json_begin_array(j);
		for (p = 0; p < x->n_parts; p++) {
			const struct kc_build_part *bp = &x->parts[p];

			kc_json_begin_object(j);
			kc_json_key(j, "folders");
			kc_json_begin_array(j);
			for (k = 0; k < bp->n_folders; k++)
				kc_json_string(j, bp->folders[k]);
			kc_json_end_array(j);
			kc_json_key(j, "alternatives");
			kc_json_begin_array(j);
			for (a = 0; a < bp->n_alts; a++)
				json_alt(j, &bp->alts[a]);
			kc_json_end_array(j);
			kc_json_end_object(j);
		}
		kc_json_end_array(j);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
	kc_json_end_object(j);
}

/* Counted, not listed: the number, and each folder's own builds. */
static void json_by_folder(struct kc_json *j, const struct kc_builds *b)
{
	size_t f, a;

	kc_json_key(j, "by_folder");
	if (!b->by_folder) {
		kc_json_null(j);
		return;
	}
	kc_json_begin_object(j);
	kc_json_kv_uint(j, "builds", b->n_builds);
	kc_json_key(j, "folders");
	kc_json_begin_array(j);
	for (f = 0; f < b->n_folders; f++) {
		const struct kc_build_folder *x = &b->folders[f];

		kc_json_begin_object(j);
		kc_json_kv_string(j, "folder", x->name);
		kc_json_key(j, "builds");
		if (x->unlisted) {	/* more than this many */
			kc_json_null(j);
			kc_json_kv_uint(j, "more_than", x->unlisted);
			kc_json_end_object(j);
			continue;
		}
		kc_json_begin_array(j);
		for (a = 0; a < x->n_alts; a++) {
			kc_json_begin_object(j);
			kc_json_kv_uint(j, "configurations", x->configs[a]);
			kc_json_key(j, "built");
			json_alt(j, &x->alts[a]);
			kc_json_end_object(j);
		}
		kc_json_end_array(j);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
	kc_json_end_object(j);
}

/*
 * What an alternative builds, a line each; a module's only object, of its
 * own name (vfio_iommu_type1.o of vfio_iommu_type1.ko), once.
 */
static void text_alt(const struct kc_build_alt *alt, struct kc_buf *out)
{
	size_t k, q;

	for (k = 0; k < alt->n; k++) {
		const struct kc_build_on *on = &alt->on[k];
		size_t len = strlen(on->name);
		bool own = false;

		for (q = 0; !on->is_module && q < alt->n && !own; q++)
			own = alt->on[q].is_module && len > 2 &&
			      !strncmp(alt->on[q].name, on->name, len - 2) &&
			      !alt->on[q].name[len - 2] &&
			      alt->on[q].builtin == on->builtin;
		if (!own)
			kc_buf_addf(out, "        %s %s%s\n", on_kind(on), on->name,
				    !on->is_module ? "" : on->builtin ? ".o" : ".ko");
	}
}

static int stream(struct kc_buf *out, bool streaming);

static void folders_text(const struct kc_build_part *bp, struct kc_buf *out)
{
	size_t k;

	for (k = 0; k < bp->n_folders; k++)
		kc_buf_addf(out, "%s%s", k ? " + " : "", bp->folders[k]);
}

static int text_factored(const struct kc_builds *b, struct kc_buf *out)
{
	size_t c, p, a, k;
	int ret;

	for (c = 0; c < b->n_cases; c++) {
		const struct kc_build_case *x = &b->cases[c];
		bool any = false;

		kc_buf_addf(out, "\ncase %zu: %llu build%s, every combination of "
			    "one alternative of each folder\n", c + 1,
			    (unsigned long long)x->builds, x->builds == 1 ? "" : "s");
		for (k = 0; k < x->when.len; k++)
			kc_buf_addf(out, "  %s %s\n", k ? "or" : "when",
				    (const char *)x->when.items[k]);
		for (k = 0; k < x->shares.len; k++)
			kc_buf_addf(out, "%s%zu%s", k ? ", " :
				    "  some builds also in case ",
				    (size_t)(uintptr_t)x->shares.items[k],
				    k + 1 == x->shares.len ? " (counted once)\n" : "");
		for (p = 0; p < x->n_parts; p++) {
			const struct kc_build_part *bp = &x->parts[p];

			if (bp->n_alts == 1 && !bp->alts[0].n)
				continue;
			kc_buf_adds(out, "  ");
			folders_text(bp, out);
			kc_buf_addf(out, ": %zu alternative%s\n",
				    bp->n_alts, bp->n_alts == 1 ? "" : "s");
			for (a = 0; a < bp->n_alts; a++) {
				const struct kc_build_alt *alt = &bp->alts[a];

				kc_buf_addf(out, "    %zu:%s\n", a + 1,
					    alt->n ? "" : " nothing");
				text_alt(alt, out);
			}
		}
		for (p = 0; p < x->n_parts; p++) {
			const struct kc_build_part *bp = &x->parts[p];

			if (bp->n_alts != 1 || bp->alts[0].n)
				continue;
			kc_buf_adds(out, any ? ", " : "  nothing built in: ");
			folders_text(bp, out);
			any = true;
		}
		if (any)
			kc_buf_addc(out, '\n');
		ret = stream(out, true);
		if (ret)
			return ret;
	}
	return KC_EXIT_OK;
}

/* Each folder's own builds (counted, not listed), most configurations first. */
static int text_by_folder(const struct kc_builds *b, struct kc_buf *out)
{
	size_t f, a;
	int ret;

	for (f = 0; f < b->n_folders; f++) {
		const struct kc_build_folder *x = &b->folders[f];

		if (x->unlisted)
			kc_buf_addf(out, "\nfolder %s: more than %zu builds, not listed\n",
				    x->name, x->unlisted);
		else
			kc_buf_addf(out, "\nfolder %s: %zu build%s\n", x->name,
				    x->n_alts, x->n_alts == 1 ? "" : "s");
		for (a = 0; a < x->n_alts; a++) {
			const struct kc_build_alt *alt = &x->alts[a];

			kc_buf_addf(out, "    %zu: %llu configurations%s\n", a + 1,
				    (unsigned long long)x->configs[a],
				    alt->n ? "" : ", nothing built");
			text_alt(alt, out);
		}
		ret = stream(out, true);
		if (ret)
			return ret;
	}
	return KC_EXIT_OK;
}

/*
 * Standard output takes the answer a part at a time, so that thousands of
 * builds (a tree's .config is some 48 KB) are never one buffer.  Returns
 * nonzero after a write error, which is reported.
 */
#define STREAM_CHUNK (1u << 20)

static int stream(struct kc_buf *out, bool streaming)
{
	int ret;

	if (!streaming || out->len < STREAM_CHUNK)
		return KC_EXIT_OK;
	ret = kc_cli_write_output("-", out);
	kc_buf_reset(out);
	return ret;
}

/*
 * index.json, or with 'full' the whole answer (--format json), streamed
 * to standard output when 'streaming'.
 */
static int format_json(const struct kc_builds *b, bool full, bool streaming,
		       struct kc_buf *out)
{
	int ret = KC_EXIT_OK;
	struct kc_json j;
	size_t i;

	kc_json_init(&j, out);
	kc_json_begin_object(&j);
	kc_json_kv_int(&j, "version", 1);
	json_count(&j, "configurations", b->counted, b->total);
	json_count(&j, "projections", !b->tree || b->distinct, b->projections);
	/*
	 * What each build's count counts: on a tree, distinct values, or
	 * nothing when they were too many.
	 */
	kc_json_kv_string(&j, "counts", b->tree && !b->distinct ? NULL :
			  b->distinct ? "projections" : "configurations");
	kc_json_key(&j, "symbols");
	kc_json_begin_array(&j);
	for (i = 0; i < b->n_syms; i++)
		kc_json_string(&j, b->syms[i]->name);
	kc_json_end_array(&j);
	kc_json_key(&j, "builds");
	kc_json_begin_array(&j);
	for (i = 0; i < b->n; i++) {
		const struct kc_build *x = &b->items[i];

		kc_json_begin_object(&j);
		kc_json_kv_string(&j, "id", x->id);
		json_count(&j, "configurations", b->counted, x->configs);
		json_count(&j, "projections", b->distinct, x->configs);
		json_modules(&j, x);
		if (full) {
			char *config = kc_build_config(x);

			kc_json_kv_string(&j, "config", config);
			free(config);
		}
		kc_json_end_object(&j);
		ret = stream(out, streaming);
		if (ret)
			return ret;
	}
	kc_json_end_array(&j);
	json_factored(&j, b);
	json_by_folder(&j, b);
	kc_json_key(&j, "notes");
	kc_json_begin_array(&j);
	for (i = 0; i < b->notes.len; i++)
		kc_json_string(&j, b->notes.items[i]);
	kc_json_end_array(&j);
	if (full)
		kc_cli_json_presence(&j, b);
	kc_json_end_object(&j);
	kc_buf_addc(out, '\n');
	return ret;
}

static int format_text(const struct kc_builds *b, struct kc_buf *out)
{
	size_t i, k, o;
	int ret;

	if (b->counted)
		kc_buf_addf(out, "configurations: %llu\n",
			    (unsigned long long)b->total);
	else if (b->distinct)
		kc_buf_adds(out, "configurations: not counted (a kernel tree: each "
			    "build counts the distinct values of the symbols read "
			    "that give it, each extending to a valid configuration)\n");
	else if (b->tree)
		kc_buf_adds(out, "configurations: not counted (a kernel tree)\n");
	else
		kc_buf_adds(out, "configurations: not counted (model too large)\n");
	kc_buf_addf(out, "symbols the Makefiles read: %zu\n", b->n_syms);
	if (b->tree && !b->distinct)
		kc_buf_adds(out, "distinct values of them: not counted\n");
	else
		kc_buf_addf(out, "distinct values of them: %zu\n", b->projections);
	if (b->factored)
		kc_buf_addf(out, "distinct module builds: %llu, as independent "
			    "folders in %zu cases\n",
			    (unsigned long long)b->n_builds, b->n_cases);
	else if (b->by_folder)
		kc_buf_addf(out, "distinct module builds: %llu, not listed\n",
			    (unsigned long long)b->n_builds);
	else
		kc_buf_addf(out, "distinct module builds: %zu\n", b->n);
	for (i = 0; i < b->notes.len; i++)
		kc_buf_addf(out, "note: %s\n", (char *)b->notes.items[i]);
	if (b->factored)
		return text_factored(b, out);
	if (b->by_folder)
		return text_by_folder(b, out);
	for (i = 0; i < b->n; i++) {
		const struct kc_build *x = &b->items[i];

		kc_buf_addf(out, "\nbuild %s: ", x->id);
		if (b->counted)
			kc_buf_addf(out, "%llu configurations\n",
				    (unsigned long long)x->configs);
		else if (b->distinct)
			kc_buf_addf(out, "%llu distinct values of the symbols read\n",
				    (unsigned long long)x->configs);
		else if (b->tree)
			kc_buf_adds(out, "values not counted\n");
		else
			kc_buf_adds(out, "configurations not counted\n");
		for (k = 0; k < x->modules.len; k++) {
			const struct kc_kbuild_module *mod = x->modules.items[k];
			bool m = mod->kind == KC_KBUILD_MODULE;

			kc_buf_addf(out, "    %c %s.%s\n", m ? 'm' : 'y', mod->name,
				    m ? "ko" : "o");
			for (o = 0; o < mod->n_objects; o++)
				kc_buf_addf(out, "        %s\n", mod->objects[o]);
		}
		ret = stream(out, true);
		if (ret)
			return ret;
	}
	return KC_EXIT_OK;
}

static int write_one(const char *dir, const char *id, const char *name,
		     const struct kc_buf *text)
{
	struct kc_buf path = KC_BUF_INIT;
	int ret;

	if (id)
		kc_buf_addf(&path, "%s/%s/%s", dir, id, name);
	else
		kc_buf_addf(&path, "%s/%s", dir, name);
	ret = kc_cli_write_output(kc_buf_str(&path), text);
	kc_buf_free(&path);
	return ret;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return KC_EXIT_OK;
	return kc_cli_usage_error("cannot create '%s': %s", path, strerror(errno));
}

/* -o DIR: index.json and a folder per build. */
static int write_tree(const char *dir, const struct kc_builds *b)
{
	struct kc_buf t = KC_BUF_INIT, sub = KC_BUF_INIT;
	int ret = make_dir(dir);
	char *config;
	size_t i;

	for (i = 0; i < b->n && ret == KC_EXIT_OK; i++) {
		const struct kc_build *x = &b->items[i];

		kc_buf_reset(&sub);
		kc_buf_addf(&sub, "%s/%s", dir, x->id);
		ret = make_dir(kc_buf_str(&sub));
		kc_buf_reset(&t);
		config = kc_build_config(x);
		kc_buf_adds(&t, config ? config : "");
		free(config);
		if (!ret)
			ret = write_one(dir, x->id, "config", &t);
		kc_buf_reset(&t);
		order_lines(x, &t);
		if (!ret)
			ret = write_one(dir, x->id, "modules.order", &t);
		kc_buf_reset(&t);
		builtin_lines(x, &t);
		if (!ret)
			ret = write_one(dir, x->id, "modules.builtin", &t);
		kc_buf_reset(&t);
		kbuild_file(x, &t);
		if (!ret)
			ret = write_one(dir, x->id, "Kbuild", &t);
	}
	kc_buf_reset(&t);
	format_json(b, false, false, &t);
	if (!ret)
		ret = write_one(dir, NULL, "index.json", &t);
	kc_buf_free(&t);
	kc_buf_free(&sub);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	const struct builds_options *o = a->own;
	bool to_dir = strcmp(a->report.output, "-") != 0;
	bool json = o->format && !strcmp(o->format, "json");
	struct kc_buf out = KC_BUF_INIT;
	struct kc_builds_options bopt = { 0 };
	struct kc_builds *b = NULL;
	struct kc_model *m;
	int ret = KC_EXIT_USAGE;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	if (kc_cli_positive(o->max_builds, "--max-builds", &bopt.max_projections) ||
	    kc_cli_positive(o->max_values, "--max-values", &bopt.max_values)) {
		kc_model_free(m);
		return KC_EXIT_USAGE;
	}
	bopt.counts_only = o->counts;
	/* The text report lists modules only: no .config to write. */
	bopt.no_configs = !to_dir && !json;
	b = kc_cli_builds(a, m, &o->under, &bopt);
	if (!b)
		goto out;
	if (to_dir) {
		ret = write_tree(a->report.output, b);
		goto out;
	}
	if (json)
		ret = format_json(b, true, true, &out);
	else
		ret = format_text(b, &out);
	if (!ret)
		ret = kc_cli_write_output("-", &out);
out:
	kc_builds_free(b);
	kc_model_free(m);
	kc_buf_free(&out);
	return ret;
}

const struct kc_command kc_cmd_builds = {
	.name = "builds",
	.summary = "every valid configuration, grouped by the module build it gives",
	.description =
		"Enumerates the valid configurations projected onto the symbols the\n"
		"Makefiles read and groups them by the modules they build (y or m, with\n"
		"their objects).  Each build has its number of valid configurations and\n"
		"a representative .config that resolution leaves unchanged, close to the\n"
		"defaults.  With -o DIR: DIR/index.json and DIR/<id>/config,\n"
		"modules.order, modules.builtin and Kbuild (docs/modules-schema.md).\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct builds_options),
	.max_args = 0,
	.run = run,
};
