/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_fix.c - `vfio-kconfig-check fix CONFIG`: the smallest change to a
 * .config after which it survives resolution, obeys the rules at or above
 * --fail-on and has the values --want asks for, printed as a fragment for
 * merge_config.sh and as scripts/config commands, each change with its
 * reason; -o writes the fixed .config.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_kbuild.h"

/* Candidate symbols --build tries, and how many at once at most. */
#define BUILD_MAX_CANDIDATES 24
#define BUILD_MAX_SET 2

struct fix_options {
	struct kc_vec wants;
	struct kc_vec builds;
	const char *output;
	const char *fail_on;
	const char *format;
};

/* --build: the objects, and the tree to walk for them. */
struct build_goal {
	struct kc_cli_args *a;
	const struct kc_model *m;
	const struct kc_vec *objects;
	size_t walks;
	/* Each object's presence condition is a goal of the search; false:
	 * they could not be computed, candidates are walked instead. */
	bool by_presence;
	char *why_not;		/* why not by presence */
	bool walk_agrees;	/* the fixed .config's Kbuild walk builds all */
};

static const char *const levels[] = { "error", "warning", "note", NULL };
static const char *const formats[] = { "text", "json", NULL };

static const struct kc_option options[] = {
	{ "want", 0, KC_OPT_LIST, "SYMBOL=VALUE",
	  "the fixed configuration must have this value\n(repeatable)", NULL,
	  KC_STORE_OWN, offsetof(struct fix_options, wants), KC_COMPLETE_NONE },
	{ "build", 0, KC_OPT_LIST, "OBJECT",
	  "the fixed configuration must compile OBJECT\n(drivers/vfio/group.o, or a module's .ko;\nrepeatable), by walking the tree's Kbuild", NULL,
	  KC_STORE_OWN, offsetof(struct fix_options, builds), KC_COMPLETE_NONE },
	{ "output", 'o', KC_OPT_STRING, "FILE",
	  "write the fixed .config to FILE (atomically)", NULL, KC_STORE_OWN,
	  offsetof(struct fix_options, output), KC_COMPLETE_FILE },
	KC_OWN_ENUM("fail-on", "LEVEL",
		    "obey the rules at or above LEVEL:\nerror (default), warning or note",
		    levels, struct fix_options, fail_on),
	KC_OWN_ENUM("format", "FORMAT", "text (default) or json", formats,
		    struct fix_options, format),
	{ 0 },
};

static enum kc_severity min_severity(const char *v)
{
	if (v && !strcmp(v, "note"))
		return KC_SEV_NOTE;
	if (v && !strcmp(v, "warning"))
		return KC_SEV_WARNING;
	return KC_SEV_ERROR;
}

/* "SYMBOL=y" (CONFIG_ allowed) into a want; prints why when it is not. */
static int parse_want(const struct kc_model *m, const char *text,
		      struct kc_fix_want *w)
{
	const char *eq = strchr(text, '=');
	char *name;

	if (!eq || eq == text || strlen(eq + 1) != 1 || !strchr("ymn", eq[1]))
		return kc_cli_usage_error("--want '%s': expected SYMBOL=y, SYMBOL=m or SYMBOL=n",
					  text);
	name = kc_xstrndup(text, (size_t)(eq - text));
	w->sym = kc_model_lookup(m, strncmp(name, "CONFIG_", 7) ? name :
							  name + 7);
	w->value = eq[1] == 'y' ? KC_YES : eq[1] == 'm' ? KC_MOD : KC_NO;
	if (!w->sym || !(w->sym->flags & KC_SYM_DEFINED) ||
	    (w->sym->type != KC_T_BOOL && w->sym->type != KC_T_TRISTATE)) {
		kc_cli_usage_error("--want '%s': not a bool or tristate symbol of this Kconfig tree",
				   text);
		free(name);
		return KC_EXIT_USAGE;
	}
	if (w->value == KC_MOD && w->sym->type == KC_T_BOOL)
		w->value = KC_YES;
	free(name);
	return KC_EXIT_OK;
}

/* "scripts/config --file F --enable X" for one change. */
static void command(struct kc_buf *b, const char *path,
		    const struct kc_finding *f)
{
	const char *verb = f->resolved[0] == 'y' ? "--enable" :
			   f->resolved[0] == 'm' ? "--module" : "--disable";

	kc_buf_addf(b, "scripts/config --file %s %s %s\n", path, verb,
		    f->symbol);
}

static void text_change(struct kc_buf *b, const char *prefix,
			const struct kc_finding *f)
{
	size_t i;

	kc_buf_addf(b, "# %s\n", f->message);
	for (i = 0; i < f->n_notes; i++) {
		const struct kc_note *n = &f->notes[i];

		if (n->file)
			kc_buf_addf(b, "#   %s:%d: %s\n", n->file, n->line,
				    n->message);
		else
			kc_buf_addf(b, "#   %s\n", n->message);
	}
	if (f->resolved[0] == 'n')
		kc_buf_addf(b, "# %s%s is not set\n", prefix, f->symbol);
	else
		kc_buf_addf(b, "%s%s=%s\n", prefix, f->symbol, f->resolved);
}

static bool is_change(const struct kc_fix *fx, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < fx->changes.len; i++)
		if (strlen(fx->changes.items[i].symbol) == n &&
		    !strncmp(fx->changes.items[i].symbol, name, n))
			return true;
	return false;
}

/*
 * The fragment's lines that change no value: symbols the .config leaves
 * alone whose defaults the fix would move, kept as they are.  As lines,
 * or with 'path' as scripts/config commands.
 */
static void kept_lines(const struct kc_fix *fx, const char *prefix,
		       const char *path, struct kc_buf *b)
{
	const char *p = fx->fragment, *nl;
	size_t plen = strlen(prefix);
	bool first = true;

	for (; p && *p; p = nl + 1) {
		const char *name = p + (p[0] == '#' ? 2 : 0) + plen;
		size_t n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
		bool off = p[0] == '#';

		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (is_change(fx, name, n))
			continue;
		if (first && !path)
			kc_buf_adds(b, "# kept as they are (the fix would move their defaults)\n");
		first = false;
		if (path)
			kc_buf_addf(b, "scripts/config --file %s %s %.*s\n", path,
				    off ? "--disable" :
				    name[n + 1] == 'm' ? "--module" : "--enable",
				    (int)n, name);
		else
			kc_buf_addf(b, "%.*s\n", (int)(nl - p), p);
	}
}

static void text_fix(const struct kc_fix *fx, const char *path,
		     const char *prefix, struct kc_buf *b)
{
	size_t i;

	if (!fx->n_changes) {
		kc_buf_addf(b, "# %s needs no change: every line survives resolution and every goal holds\n",
			    path);
		return;
	}
	kc_buf_addf(b, "# %s: %zu change%s (minimal: the solver proved no fix with %zu exists)\n",
		    path, fx->n_changes, fx->n_changes == 1 ? "" : "s",
		    fx->n_changes - 1);
	if (!fx->confirmed)
		kc_buf_adds(b, "# warning: resolving the fixed .config does not give every value back (int, hex or string comparisons, or values of the build machine, that the solver leaves free)\n");
	kc_buf_adds(b, "\n# fragment, for scripts/kconfig/merge_config.sh\n");
	for (i = 0; i < fx->changes.len; i++)
		text_change(b, prefix, &fx->changes.items[i]);
	kept_lines(fx, prefix, NULL, b);
	kc_buf_adds(b, "\n# the same as scripts/config commands\n");
	for (i = 0; i < fx->changes.len; i++)
		command(b, path, &fx->changes.items[i]);
	kept_lines(fx, prefix, path, b);
}

static void json_note(struct kc_json *j, const struct kc_note *n)
{
	kc_json_begin_object(j);
	kc_json_kv_string(j, "file", n->file);
	if (n->file)
		kc_json_kv_int(j, "line", n->line);
	kc_json_kv_string(j, "message", n->message);
	kc_json_end_object(j);
}

static void json_fix(const struct kc_fix *fx, const char *path,
		     const struct build_goal *g, struct kc_buf *b)
{
	struct kc_json j;
	struct kc_buf cmd = KC_BUF_INIT;
	size_t i, k;

	kc_json_init(&j, b);
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "schema", "vfio-kconfig-check/fix/1");
	kc_json_kv_string(&j, "config", path);
	kc_json_kv_bool(&j, "found", true);
	kc_json_kv_bool(&j, "confirmed", fx->confirmed);
	kc_json_kv_int(&j, "changes_count", (long long)fx->n_changes);
	kc_json_key(&j, "changes");
	kc_json_begin_array(&j);
	for (i = 0; i < fx->changes.len; i++) {
		const struct kc_finding *f = &fx->changes.items[i];

		kc_json_begin_object(&j);
		kc_json_kv_string(&j, "symbol", f->symbol);
		kc_json_kv_string(&j, "from", f->assigned);
		kc_json_kv_string(&j, "to", f->resolved);
		kc_json_kv_string(&j, "file", f->file);
		kc_json_kv_int(&j, "line", f->line);
		kc_json_kv_string(&j, "message", f->message);
		kc_buf_reset(&cmd);
		command(&cmd, path, f);
		cmd.data[cmd.len - 1] = '\0';
		kc_json_kv_string(&j, "command", kc_buf_str(&cmd));
		kc_json_key(&j, "reasons");
		kc_json_begin_array(&j);
		for (k = 0; k < f->n_notes; k++)
			json_note(&j, &f->notes[k]);
		kc_json_end_array(&j);
		kc_json_end_object(&j);
	}
	kc_json_end_array(&j);
	kc_json_kv_string(&j, "fragment", fx->fragment);
	kc_json_key(&j, "builds");
	kc_json_begin_array(&j);
	for (i = 0; g && i < g->objects->len; i++)
		kc_json_string(&j, g->objects->items[i]);
	kc_json_end_array(&j);
	kc_json_end_object(&j);
	kc_buf_addc(b, '\n');
	kc_buf_free(&cmd);
}

/* No fix: the conflict, as the report of check shows findings. */
static int no_fix(struct kc_cli_args *a, const struct kc_model *m,
		  const struct kc_config *cfg, const struct kc_fix_options *fo)
{
	const struct fix_options *o = a->own;
	struct kc_cli_report r = { "-", o->format, "never" };
	struct kc_fix fx;
	struct kc_report_config rc = { 0 };

	kc_analysis_fix(m, cfg, fo, &fx);
	rc.path = cfg->path;
	rc.findings = &fx.conflict;
	kc_cli_report_write(&r, &a->src, &rc, 1);
	kc_fix_free(&fx);
	return KC_EXIT_FINDINGS;
}

static int no_build(struct kc_cli_args *a, const struct build_goal *g,
		    size_t fixes)
{
	kc_cli_usage_error("no fix found that builds %s: tried %zu fixes, setting up to %d of the symbols its Makefiles name (%zu Kbuild walks)",
			   (const char *)g->objects->items[0], fixes,
			   BUILD_MAX_SET, g->walks);
	(void)a;
	return KC_EXIT_FINDINGS;
}

static int print_fix(struct kc_cli_args *a, struct kc_fix *fx,
		     const struct kc_config *cfg, const char *prefix,
		     const struct build_goal *g)
{
	const struct fix_options *o = a->own;
	struct kc_buf out = KC_BUF_INIT, conf = KC_BUF_INIT;
	size_t i;
	int ret;

	if (o->format && !strcmp(o->format, "json"))
		json_fix(fx, cfg->path, g, &out);
	else
		text_fix(fx, cfg->path, prefix, &out);
	for (i = 0; g && i < g->objects->len &&
		    !(o->format && !strcmp(o->format, "json")); i++) {
		const char *obj = g->objects->items[i];

		if (g->by_presence && g->walk_agrees)
			kc_buf_addf(&out, "# builds %s: its presence condition is a goal of the search (minimal with it), and walking Kbuild on the fixed .config builds it\n",
				    obj);
		else if (g->by_presence)
			kc_buf_addf(&out, "# warning: %s: its presence condition is a goal of the search, but walking Kbuild on the fixed .config does not build every object asked for\n",
				    obj);
		else
			kc_buf_addf(&out, "# builds %s: found by walking Kbuild on candidate configurations (minimal among fixes that set at most %d of the symbols its Makefiles name; %s)\n",
				    obj, BUILD_MAX_SET, g->why_not);
	}
	ret = kc_cli_write_output("-", &out);
	if (ret == KC_EXIT_OK && o->output) {
		kc_buf_adds(&conf, fx->config);
		ret = kc_cli_write_output(o->output, &conf);
	}
	kc_buf_free(&out);
	kc_buf_free(&conf);
	return ret;
}

/* ---- --build: the Kbuild walk on candidate configurations --------------- */

static bool object_in(const struct kc_vec *v, const char *object)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (!strcmp(v->items[i], object))
			return true;
	return false;
}

/* "drivers/vfio/vfio.ko", "drivers/vfio/vfio" or one of its objects. */
static bool module_has(const struct kc_kbuild_module *mod, const char *object)
{
	size_t n = strlen(mod->name), i;

	if (!strncmp(object, mod->name, n) &&
	    (!object[n] || !strcmp(object + n, ".ko") ||
	     !strcmp(object + n, ".o")))
		return true;
	for (i = 0; i < mod->n_objects; i++)
		if (!strcmp(mod->objects[i], object))
			return true;
	return false;
}

static bool built(const struct kc_kbuild_result *r, const char *object)
{
	size_t i;

	while (!strncmp(object, "./", 2))
		object += 2;
	if (object_in(&r->builtin_objects, object) ||
	    object_in(&r->lib_objects, object))
		return true;
	for (i = 0; i < r->modules.len; i++)
		if (module_has(r->modules.items[i], object))
			return true;
	return false;
}

/* Does the fixed .config compile every object asked for? */
static bool builds_all(struct build_goal *g, const char *config_text)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg = kc_config_parse("fixed", config_text,
						strlen(config_text), NULL, &d);
	struct kc_kbuild_result *r = kc_cli_walk(&g->a->src, g->m, cfg, &d);
	bool ok = true;
	size_t i;

	g->walks++;
	for (i = 0; i < g->objects->len && ok; i++)
		ok = r && built(r, g->objects->items[i]);
	kc_kbuild_result_free(r);
	kc_config_free(cfg);
	kc_diags_free(&d);
	return ok;
}

static void scan_config_names(const char *text, const struct kc_model *m,
			      struct kc_vec *out)
{
	const char *p = text;

	while ((p = strstr(p, "CONFIG_"))) {
		size_t n = strspn(p + 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		char *name = kc_xstrndup(p + 7, n);
		const struct kc_symbol *s = kc_model_lookup(m, name);
		size_t i;
		bool seen = false;

		p += 7 + n;
		free(name);
		if (!s || !(s->flags & KC_SYM_DEFINED) || !kc_symbol_prompt(s) ||
		    (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE))
			continue;
		for (i = 0; i < out->len && !seen; i++)
			seen = out->items[i] == s;
		if (!seen && out->len < BUILD_MAX_CANDIDATES)
			kc_vec_push(out, (void *)s);
	}
}

/*
 * The symbols the Makefiles on each object's path name: the folders from
 * the object's own up to the top, Kbuild or Makefile.
 */
static void candidates(struct build_goal *g, struct kc_vec *out)
{
	const struct kc_model_source *src = &g->a->src;
	const char *root = src->srctree ? src->srctree : src->kconfig_dir;
	struct kc_embedded_fs efs;
	struct kc_disk_fs dfs;
	const struct kc_fs *fs;
	size_t i;

	if (root) {
		kc_cli_disk_fs_init(src, &dfs, root);
		fs = &dfs.fs;
	} else {
		kc_embedded_fs_init(&efs, src->model ? src->model :
					  KC_EMBEDDED_DEFAULT_MODEL);
		fs = &efs.fs;
	}
	for (i = 0; i < g->objects->len; i++) {
		char *dir = kc_xstrdup(g->objects->items[i]), *slash;

		while ((slash = strrchr(dir, '/'))) {
			static const char *const names[] = { "Kbuild", "Makefile" };
			size_t k;

			*slash = '\0';
			for (k = 0; k < 2; k++) {
				char *path = kc_xasprintf("%s/%s", dir, names[k]);
				const char *why;
				char *data;
				size_t len;

				if (kc_fs_read(fs, path, &data, &len, &why) == 0) {
					scan_config_names(data, g->m, out);
					free(data);
				}
				free(path);
			}
		}
		free(dir);
	}
	if (root)
		kc_disk_fs_release(&dfs);
}

/* ---- --build by presence conditions -------------------------------------- */

/* "drivers/vfio/vfio.ko" and "drivers/vfio/vfio.o" name the module too. */
static bool names(const struct kc_presence *p, const char *want)
{
	size_t n = strlen(p->name);

	while (!strncmp(want, "./", 2))
		want += 2;
	if (!strcmp(p->name, want))
		return true;
	if (!p->is_module || strncmp(want, p->name, n))
		return false;
	return !strcmp(want + n, ".ko") || !strcmp(want + n, ".o");
}

/* The objects' folders: only the Makefiles deciding them are read. */
static void object_folders(const struct kc_vec *objects, struct kc_vec *out)
{
	size_t i, j;

	for (i = 0; i < objects->len; i++) {
		const char *o = objects->items[i], *slash;
		char *dir;
		bool seen = false;

		while (!strncmp(o, "./", 2))
			o += 2;
		slash = strrchr(o, '/');
		dir = slash ? kc_xstrndup(o, (size_t)(slash - o)) : kc_xstrdup(".");
		for (j = 0; j < out->len && !seen; j++)
			seen = !strcmp(out->items[j], dir);
		if (seen)
			free(dir);
		else
			kc_vec_push(out, dir);
	}
}

/*
 * Each object's presence condition (built in, or as or into a module),
 * from the Makefiles (kc_builds_compute), parsed into the model as a
 * goal of the fix.  KC_EXIT_OK with the goals (g->by_presence) or when
 * the conditions could not be computed (g->why_not says why: candidates
 * are walked instead); KC_EXIT_FINDINGS for an object no Makefile lists
 * (no configuration builds it).
 */
static int presence_goals(struct kc_cli_args *a, struct kc_model *m,
			  struct build_goal *g, struct kc_fix_cond *conds,
			  struct kc_vec *texts)
{
	struct kc_builds_options bopt = { .presence_only = true };
	struct kc_vec dirs = KC_VEC_INIT;
	struct kc_builds *b;
	size_t i, j;
	int ret = KC_EXIT_OK;

	object_folders(g->objects, &dirs);
	b = kc_cli_builds(a, m, &dirs, &bopt);
	for (i = 0; i < dirs.len; i++)
		free(dirs.items[i]);
	kc_vec_free(&dirs);
	if (!b) {
		g->why_not = kc_xstrdup("the presence conditions could not be computed");
		return KC_EXIT_OK;
	}
	for (i = 0; i < g->objects->len && ret == KC_EXIT_OK; i++) {
		const char *obj = g->objects->items[i];
		const struct kc_presence *p = NULL;
		struct kc_diags d = KC_DIAGS_INIT;
		char *text;

		for (j = 0; j < b->n_presence && !p; j++)
			if (names(&b->presence[j], obj))
				p = &b->presence[j];
		if (!p) {
			kc_cli_usage_error("no configuration builds %s: no Makefile of this tree lists it",
					   obj);
			ret = KC_EXIT_FINDINGS;
			break;
		}
		text = kc_xasprintf("(%s) || (%s)", p->builtin, p->module);
		conds[i].expr = kc_parse_expr(m, text, "presence", 0, 0, &d);
		kc_vec_push(texts, text);
		text = kc_xasprintf("%s is built (y: %s; m: %s)", obj, p->builtin,
				    p->module);
		conds[i].what = text;
		kc_vec_push(texts, text);
		if (!conds[i].expr) {
			kc_cli_print_diags(&a->src, &d);
			ret = KC_EXIT_USAGE;
		}
		kc_diags_free(&d);
	}
	kc_builds_free(b);
	if (ret == KC_EXIT_OK)
		g->by_presence = true;
	return ret;
}

/* ---- the fix ------------------------------------------------------------ */

struct search {
	const struct kc_model *m;
	const struct kc_config *cfg;
	struct kc_fix_options fo;
	struct kc_fix_want *wants;	/* the --want ones, then room for more */
	size_t n_fixed;			/* the --want ones */
	struct kc_fix best;
	bool have_best;
	size_t fixes;
};

/* One fix with the --want goals and 'extra' more; kept when smallest. */
static bool try_fix(struct search *se, struct build_goal *g,
		    const struct kc_fix_want *extra, size_t n_extra)
{
	struct kc_fix fx;
	bool kept = false;

	if (n_extra)	/* extra is NULL when there are none */
		memcpy(se->wants + se->n_fixed, extra,
		       n_extra * sizeof(*extra));
	se->fo.wants = se->wants;
	se->fo.n_wants = se->n_fixed + n_extra;
	kc_analysis_fix(se->m, se->cfg, &se->fo, &fx);
	se->fixes++;
	if (fx.found && (!se->have_best || fx.n_changes < se->best.n_changes) &&
	    (!g || builds_all(g, fx.config))) {
		if (se->have_best)
			kc_fix_free(&se->best);
		se->best = fx;
		se->have_best = kept = true;
	}
	if (!kept)
		kc_fix_free(&fx);
	return kept;
}

static void try_values(struct search *se, struct build_goal *g,
		       const struct kc_vec *cands, size_t from,
		       struct kc_fix_want *set, size_t n, size_t max)
{
	size_t i;
	int v;

	if (n == max) {
		try_fix(se, g, set, n);
		return;
	}
	for (i = from; i < cands->len; i++)
		for (v = KC_YES; v >= KC_MOD; v--) {
			const struct kc_symbol *s = cands->items[i];

			if (v == KC_MOD && s->type != KC_T_TRISTATE)
				continue;
			set[n].sym = s;
			set[n].value = (enum kc_tristate)v;
			try_values(se, g, cands, i + 1, set, n + 1, max);
		}
}

/*
 * --build: the Kbuild presence of an object is not in the SAT model, so
 * the walk decides on candidates: the plain fix first, then fixes that
 * also set one, then two, of the symbols the Makefiles on the object's
 * path name, the smallest that builds everything asked for kept.
 */
static void search_builds(struct search *se, struct build_goal *g)
{
	struct kc_vec cands = KC_VEC_INIT;
	struct kc_fix_want set[BUILD_MAX_SET];
	size_t k;

	if (try_fix(se, g, NULL, 0))
		return;
	candidates(g, &cands);
	for (k = 1; k <= BUILD_MAX_SET && !se->have_best; k++)
		try_values(se, g, &cands, 0, set, 0, k);
	kc_vec_free(&cands);
}

static int fix(struct kc_cli_args *a, struct kc_model *m,
	       const struct kc_policy *policy, const struct kc_config *cfg)
{
	const struct fix_options *o = a->own;
	struct search se = { 0 };
	struct build_goal g = { a, m, &o->builds, 0, false, NULL, false };
	struct kc_fix_cond *conds = kc_xcalloc(o->builds.len + 1,
					       sizeof(*conds));
	struct kc_vec texts = KC_VEC_INIT;
	size_t i;
	int ret = KC_EXIT_OK;

	/* The conditions first: parsing them may add symbols to the model. */
	if (o->builds.len) {
		ret = presence_goals(a, m, &g, conds, &texts);
		if (ret != KC_EXIT_OK)
			goto out;
	}

	se.m = m;
	se.cfg = cfg;
	se.wants = kc_xcalloc(o->wants.len + BUILD_MAX_SET + 1,
			      sizeof(*se.wants));
	for (i = 0; i < o->wants.len && ret == KC_EXIT_OK; i++)
		ret = parse_want(m, o->wants.items[i], &se.wants[i]);
	if (ret != KC_EXIT_OK)
		goto out;
	se.n_fixed = o->wants.len;
	se.fo.rules = kc_policy_rules(policy);
	se.fo.min_severity = min_severity(o->fail_on);
	se.fo.prefix = kc_cli_config_prefix(&a->src);
	if (g.by_presence) {
		se.fo.conds = conds;
		se.fo.n_conds = o->builds.len;
		try_fix(&se, NULL, NULL, 0);
		/* The Makefiles themselves confirm what the conditions say. */
		g.walk_agrees = se.have_best && builds_all(&g, se.best.config);
		if (se.have_best && !g.walk_agrees)
			se.best.confirmed = false;
	} else if (o->builds.len) {
		search_builds(&se, &g);
	} else {
		try_fix(&se, NULL, NULL, 0);
	}
	if (!se.have_best && o->builds.len && !g.by_presence)
		ret = no_build(a, &g, se.fixes);
	else if (!se.have_best)
		ret = no_fix(a, m, cfg, &se.fo);
	else
		ret = print_fix(a, &se.best, cfg,
				se.fo.prefix ? se.fo.prefix : "CONFIG_",
				o->builds.len ? &g : NULL);
	if (se.have_best)
		kc_fix_free(&se.best);
out:
	for (i = 0; i < texts.len; i++)
		free(texts.items[i]);
	kc_vec_free(&texts);
	free(conds);
	free(g.why_not);
	free(se.wants);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	struct kc_policy *policy = NULL;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	struct kc_model *m = NULL;
	int ret;

	if (a->positional.len != 1)
		return kc_cli_usage_error("fix takes one .config");
	ret = kc_cli_policy_start(a, &m, &policy);
	if (ret > 0) {
		cfg = kc_cli_read_config(&a->src, a->positional.items[0], &d);
		kc_cli_print_diags(&a->src, &d);
		ret = cfg ? fix(a, m, policy, cfg) : KC_EXIT_USAGE;
	} else {
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	}
	kc_diags_free(&d);
	kc_config_free(cfg);
	kc_policy_free(policy);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_fix = {
	.name = "fix",
	.summary = "the smallest change that makes a .config work (SAT)",
	.args = "CONFIG",
	.description =
		"Finds the smallest change to CONFIG's bool and tristate symbols after\n"
		"which every line survives resolution, every rule at or above --fail-on\n"
		"holds, and every --want is met; every other value the .config sets is\n"
		"kept.  Minimal in the number of symbols changed: the solver proves no\n"
		"smaller change exists.  Prints the change as a fragment for\n"
		"merge_config.sh and as scripts/config commands, each with its reason;\n"
		"-o writes the fixed .config.  Exit 0 with a fix (or none needed), 1\n"
		"when no change can give what is asked (with the conflicting\n"
		"constraints), 2 on bad usage.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY,
	.options = options,
	.own_size = sizeof(struct fix_options),
	.max_args = 1,
	.file_args = true,
	.run = run,
};
