/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_diff.c - `vfio-kconfig-check diff OLD NEW`: what a change to the
 * Kconfig files did.  Each side is an embedded model's name, a folder
 * holding a Kconfig (a kernel tree with --arch), or REV: for a git
 * revision of the --srctree (or --kconfig) folder, read from git's objects
 * without a checkout.  The two models live side by side; the same policy
 * is bound to each.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_embedded.h"
#include "kc_kbuild.h"

struct diff_options {
	const char *config;
	const char *witness_dir;
	struct kc_vec under;
	bool structure_only;
	bool quick;
};

static const struct kc_option options[] = {
	KC_OWN_STRING("config", "FILE",
		      "also say what FILE (a .config) becomes on NEW:\n"
		      "values that change and new symbols, with reasons",
		      struct diff_options, config, KC_COMPLETE_FILE),
	KC_OWN_STRING("witness-dir", "DIR",
		      "write each witness as a full .config into DIR",
		      struct diff_options, witness_dir, KC_COMPLETE_DIR),
	{ "under", 0, KC_OPT_LIST, "DIR",
	  "only what changed in the Kconfig files under folder\n"
	  "DIR (repeatable), with its consequences anywhere;\n"
	  "module builds and whole-model findings under DIR only",
	  NULL, KC_STORE_OWN, offsetof(struct diff_options, under),
	  KC_COMPLETE_DIR },
	KC_OWN_FLAG("structure-only", 0,
		    "only the structural diff (no SAT, no rules)",
		    struct diff_options, structure_only),
	KC_OWN_FLAG("quick", 0,
		    "skip the whole-model selects and dead comparisons",
		    struct diff_options, quick),
	{ 0 },
};

/* One side of the diff: where its model comes from, and the model. */
struct side {
	struct kc_model_source src;
	struct kc_git_fs git;
	bool use_git;
	char *label;
	struct kc_model *m;
	struct kc_policy *policy;
};

static bool is_embedded(const char *name)
{
	struct kc_embedded_fs efs;

	return kc_embedded_fs_init(&efs, name) == 0;
}

/*
 * The model source of one side: the shared options (--arch, --env,
 * --shell) with its own origin.  REV: reads the --srctree (or --kconfig)
 * folder as git has it at REV.
 */
static int side_source(struct kc_cli_args *a, const char *arg,
		       struct side *sd)
{
	const char *tree = a->src.srctree ? a->src.srctree : a->src.kconfig_dir;
	const char *colon = strchr(arg, ':');

	sd->src = a->src;
	sd->src.model = NULL;
	sd->src.kconfig_dir = NULL;
	sd->src.srctree = NULL;
	sd->src.info_to_stderr = true;
	sd->label = kc_xstrdup(arg);
	if (colon && !strchr(arg, '/') && !is_embedded(arg)) {
		char *rev = kc_xstrndup(arg, (size_t)(colon - arg));
		int r;

		if (!tree) {
			free(rev);
			return kc_cli_usage_error("'%s': a git revision needs --srctree or --kconfig naming the work tree",
						  arg);
		}
		r = kc_cli_git_fs_init(&sd->git, tree, rev);
		free(rev);
		if (r < 0)
			return KC_EXIT_USAGE;
		sd->use_git = true;
		sd->src.fs = &sd->git.fs;
		sd->src.fs_root = tree;
		if (a->src.arch)
			sd->src.srctree = tree;
		else
			sd->src.kconfig_dir = tree;
		return KC_EXIT_OK;
	}
	if (is_embedded(arg)) {
		if (a->src.arch)
			return kc_cli_usage_error("'%s' is an embedded model: --arch goes with a kernel tree",
						  arg);
		sd->src.model = arg;
	} else if (a->src.arch) {
		sd->src.srctree = arg;
	} else {
		sd->src.kconfig_dir = arg;
	}
	sd->src.tree_is_argument = !sd->src.model;
	return KC_EXIT_OK;
}

static int side_load(struct kc_cli_args *a, struct side *sd,
		     bool with_policy)
{
	sd->m = kc_cli_load_model(&sd->src);
	if (!sd->m)
		return KC_EXIT_USAGE;
	if (!with_policy)
		return KC_EXIT_OK;
	/* Rules go into the model before anything evaluates it. */
	sd->policy = kc_cli_policy_load(&a->policy, &sd->src, sd->m);
	return sd->policy ? KC_EXIT_OK : KC_EXIT_USAGE;
}

static void side_free(struct side *sd)
{
	kc_policy_free(sd->policy);
	kc_model_free(sd->m);
	if (sd->use_git)
		kc_cli_git_fs_release(&sd->git);
	free(sd->label);
}

/* w holds pairs: a name, then its witness .config. */
static int write_witnesses(const char *dir, const struct kc_vec *w)
{
	const char **names = kc_xcalloc(w->len / 2 + 1, sizeof(*names));
	const char **texts = kc_xcalloc(w->len / 2 + 1, sizeof(*texts));
	size_t i, n = 0;
	int ret;

	for (i = 0; i + 1 < w->len; i += 2) {
		names[n] = w->items[i];
		texts[n++] = w->items[i + 1];
	}
	ret = kc_cli_write_witnesses(dir, names, texts, n);
	free(names);
	free(texts);
	return ret;
}

/*
 * Two revisions of one kernel tree: the Makefiles (and Kbuild files) that
 * differ, as git says, so that their folders' builds are compared too.
 */
static void changed_makefiles(const struct side *old, const struct side *new,
			      struct kc_vec *out)
{
	struct kc_vec all = KC_VEC_INIT;
	size_t i;

	kc_cli_git_changed(&old->git, &new->git, &all);
	for (i = 0; i < all.len; i++) {
		const char *p = all.items[i], *b = strrchr(p, '/');

		b = b ? b + 1 : p;
		if (!strcmp(b, "Makefile") || !strcmp(b, "Kbuild"))
			kc_vec_push(out, all.items[i]);
		else
			free(all.items[i]);
	}
	kc_vec_free(&all);
}

static int report(struct kc_cli_args *a, struct side *old, struct side *new,
		  struct kc_findings *f)
{
	struct kc_report_config rc = { 0 };
	char *what = kc_xasprintf("%s -> %s", old->label, new->label);
	int ret;

	rc.path = what;
	rc.findings = f;
	kc_cli_policy_select(&a->policy, f);
	kc_findings_sort(f);
	ret = kc_cli_report_write(&a->report, &new->src, &rc, 1);
	free(what);
	return ret;
}

static int diff(struct kc_cli_args *a, struct side *old, struct side *new)
{
	const struct diff_options *o = a->own;
	struct kc_diff_options d = { 0 };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	struct kc_vec w = KC_VEC_INIT;
	struct kc_kbuild_options ko = { 0 }, kn = { 0 };
	struct kc_cli_tree to, tn;
	struct kc_arena *keep = kc_arena_new();
	struct kc_vec mk = KC_VEC_INIT;
	size_t i;
	int ret = KC_EXIT_OK;

	if (o->config) {
		cfg = kc_cli_read_config(&a->src, o->config, &diags);
		kc_cli_print_diags(&a->src, &diags);
		kc_diags_free(&diags);
		if (!cfg) {
			kc_arena_free(keep);
			return KC_EXIT_USAGE;
		}
	}
	d.old_rules = old->policy ? kc_policy_rules(old->policy) : NULL;
	d.new_rules = new->policy ? kc_policy_rules(new->policy) : NULL;
	d.config = cfg;
	d.structure_only = o->structure_only;
	d.whole_model = !o->quick;
	d.under = (const char *const *)o->under.items;
	d.n_under = o->under.len;
	/* The module builds: each side's Kbuild, as its model's tree. */
	kc_cli_tree_open(&old->src, &to, &ko);
	kc_cli_tree_open(&new->src, &tn, &kn);
	d.old_kbuild = &ko;
	d.new_kbuild = &kn;
	d.kbuild_scoped = a->src.arch != NULL;
	d.keep = keep;
	if (d.kbuild_scoped && old->use_git && new->use_git)
		changed_makefiles(old, new, &mk);
	d.changed_makefiles = (const char *const *)mk.items;
	d.n_changed_makefiles = mk.len;
	kc_analysis_diff(old->m, new->m, &d, &f, &w, NULL);
	kc_cli_tree_close(&to);
	kc_cli_tree_close(&tn);
	if (o->witness_dir)
		ret = write_witnesses(o->witness_dir, &w);
	if (ret == KC_EXIT_OK)
		ret = report(a, old, new, &f);
	for (i = 0; i < w.len; i++)
		free(w.items[i]);
	kc_vec_free(&w);
	kc_findings_free(&f);
	kc_arena_free(keep);
	for (i = 0; i < mk.len; i++)
		free(mk.items[i]);
	kc_vec_free(&mk);
	kc_config_free(cfg);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	const struct diff_options *o = a->own;
	struct side old = { 0 }, new = { 0 };
	bool policy = !o->structure_only;
	int ret;

	if (a->positional.len != 2)
		return kc_cli_usage_error("diff takes OLD and NEW (see diff --help)");
	if (a->src.model)
		return kc_cli_usage_error("diff names its models as OLD and NEW, not with --model");
	ret = side_source(a, a->positional.items[0], &old);
	if (ret == KC_EXIT_OK)
		ret = side_source(a, a->positional.items[1], &new);
	if (ret == KC_EXIT_OK)
		ret = side_load(a, &old, policy);
	if (ret == KC_EXIT_OK)
		ret = side_load(a, &new, policy);
	if (ret == KC_EXIT_OK && a->policy.list_rules)
		ret = kc_cli_usage_error("diff does not take --list-rules");
	if (ret == KC_EXIT_OK)
		ret = diff(a, &old, &new);
	side_free(&old);
	side_free(&new);
	return ret;
}

const struct kc_command kc_cmd_diff = {
	.name = "diff",
	.summary = "what a Kconfig change did (SAT on both sides)",
	.args = "OLD NEW",
	.description =
		"Compares two Kconfig models.  Each of OLD and NEW is an embedded model's\n"
		"name (vfio-6.6), a folder holding a Kconfig (a kernel tree with --arch),\n"
		"or REV: for git revision REV of the --srctree (or --kconfig) folder, read\n"
		"from git without a checkout (:0: or INDEX: is the staged tree).  Reports\n"
		"symbols added, removed and retyped; prompts, defaults, dependencies,\n"
		"selects and ranges changed; in the cone of influence of the change,\n"
		"values and pairs of values newly possible or impossible (SAT on both\n"
		"models, each with a witness); rules whose prove verdict changed; new\n"
		"selects and dead findings; objects and modules whose presence condition\n"
		"changed, that became buildable or unbuildable, or that a pair of values\n"
		"newly possible together lets be built (each with a witness); with\n"
		"--config, what that .config becomes.\n"
		"Exit 1 when a change brings a finding at or above --fail-on.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY | KC_GROUP_OUTPUT |
		  KC_GROUP_REPORT,
	.options = options,
	.own_size = sizeof(struct diff_options),
	.max_args = 2,
	.run = run,
};
