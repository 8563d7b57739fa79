/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_policy.c - the policy options `check` and `prove` share (--rules,
 * --no-default-rules, --list-rules, --only, --skip), the waiver options
 * only `check` takes (--waivers, --baseline, --today: they judge the
 * findings of a .config), and loading the policy they name into a model.
 */
#include <fnmatch.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "kc_embedded.h"

#define POLICY_OPTION(name, kind, value, help, field, complete)              \
	{ name, 0, kind, value, help, NULL, KC_STORE_POLICY,                 \
	  offsetof(struct kc_cli_policy, field), complete }

const struct kc_option kc_cli_policy_options[] = {
	POLICY_OPTION("rules", KC_OPT_LIST, "SOURCE",
		      "add rules: a YAML file, a folder of them, or\n"
		      "builtin:NAME (builtin:hardening-example); repeatable",
		      rules, KC_COMPLETE_FILE),
	POLICY_OPTION("no-default-rules", KC_OPT_FLAG, NULL,
		      "leave out the built-in pack (" KC_RULES_DEFAULT_PACK ")",
		      no_default_rules, KC_COMPLETE_NONE),
	POLICY_OPTION("list-rules", KC_OPT_FLAG, NULL,
		      "list the rules and whether each applies, then exit",
		      list_rules, KC_COMPLETE_NONE),
	POLICY_OPTION("only", KC_OPT_LIST, "ID",
		      "report only findings of rules matching ID (a glob,\n"
		      "as 'vfio/*'); repeatable",
		      only, KC_COMPLETE_NONE),
	POLICY_OPTION("skip", KC_OPT_LIST, "ID",
		      "leave out findings of rules matching ID; repeatable",
		      skip, KC_COMPLETE_NONE),
	{ 0 },
};

const struct kc_option kc_cli_waiver_options[] = {
	POLICY_OPTION("waivers", KC_OPT_STRING, "FILE",
		      "accept the findings FILE lists, until their dates",
		      waivers, KC_COMPLETE_FILE),
	POLICY_OPTION("baseline", KC_OPT_STRING, "FILE",
		      "drop findings already in FILE, an earlier report\n"
		      "written with --format json",
		      baseline, KC_COMPLETE_FILE),
	POLICY_OPTION("today", KC_OPT_STRING, "DATE",
		      "judge waivers as of DATE (YYYY-MM-DD; default: today)",
		      today, KC_COMPLETE_NONE),
	{ 0 },
};

struct kc_policy *kc_cli_policy_load(const struct kc_cli_policy *p,
				     const struct kc_model_source *src,
				     struct kc_model *m)
{
	struct kc_policy_options o = {
		.no_default_rules = p->no_default_rules,
		.rules = (const char *const *)p->rules.items,
		.n_rules = p->rules.len,
		.only = (const char *const *)p->only.items,
		.n_only = p->only.len,
		.skip = (const char *const *)p->skip.items,
		.n_skip = p->skip.len,
		.waivers = p->waivers,
		.baseline = p->baseline,
		.today = p->today,
	};
	const char *embedded = src->srctree || src->kconfig_dir ? NULL :
			       src->model ? src->model :
					    KC_EMBEDDED_DEFAULT_MODEL;
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_policy *pol;
	struct kc_disk_fs dfs;

	/* --max-file-size caps rule, waiver and baseline files alike. */
	kc_cli_disk_fs_init(src, &dfs, NULL);
	if (src->max_size)
		o.fs = &dfs.fs;
	kc_rules_target_init(&o.target, m, embedded, src->arch,
			     src->arch ? kc_cli_srcarch(src->arch) : NULL);
	pol = kc_policy_load(m, &o, &diags);
	kc_disk_fs_release(&dfs);
	kc_cli_print_diags(src, &diags);
	kc_diags_free(&diags);
	return pol;
}

int kc_cli_policy_start(struct kc_cli_args *a, struct kc_model **m,
			struct kc_policy **policy)
{
	struct kc_buf out = KC_BUF_INIT;

	*m = kc_cli_args_model(a);
	if (!*m)
		return -1;
	/* Rules go into the model before anything evaluates it. */
	*policy = kc_cli_policy_load(&a->policy, &a->src, *m);
	if (!*policy)
		return -1;
	if (!a->policy.list_rules)
		return 1;
	kc_policy_list_rules(*policy, &out);
	fputs(kc_buf_str(&out), stdout);
	kc_buf_free(&out);
	return 0;
}

static bool any_match(const struct kc_vec *pats, const char *id)
{
	size_t i;

	for (i = 0; i < pats->len; i++)
		if (!fnmatch(pats->items[i], id, 0))
			return true;
	return false;
}

/* The same choice kc_policy_check() makes for check's findings. */
bool kc_cli_policy_selects(const struct kc_cli_policy *p, const char *id)
{
	if (p->only.len && !any_match(&p->only, id))
		return false;
	return !any_match(&p->skip, id);
}

static bool keep_finding(const struct kc_finding *f, void *ctx)
{
	return kc_cli_policy_selects(ctx, f->rule);
}

void kc_cli_policy_select(const struct kc_cli_policy *p,
			  struct kc_findings *f)
{
	if (p->only.len || p->skip.len)
		kc_rules_filter_findings(f, keep_finding, (void *)p);
}
