/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * policy.c - everything check applies besides Kconfig itself, put
 * together from the command line's choices: the default rule pack and
 * --rules files bound to the model, --only and --skip, waivers, the
 * baseline, and the date waivers are judged by.  The CLI stays a thin
 * layer of options over this.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

/* ---- the model's version -------------------------------------------------------- */

const char *kc_rules_embedded_version(const char *model)
{
	/* docs/embedded-model.md: which kernel each embedded model stands for. */
	static const struct {
		const char *model, *version;
	} table[] = {
		{ "vfio-6.5", "6.5" },
		{ "vfio-6.6", "6.6" },
		{ "vfio-proposed", "6.6" },
	};
	size_t i;

	for (i = 0; model && i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].model, model))
			return table[i].version;
	return NULL;
}

void kc_rules_target_init(struct kc_rules_target *t, const struct kc_model *m,
			  const char *embedded, const char *arch,
			  const char *srcarch)
{
	size_t i;

	t->arch = arch;
	t->srcarch = srcarch;
	t->kernel_version = m ? kc_model_kernel_version(m) : NULL;
	if (!t->kernel_version)
		t->kernel_version = kc_rules_embedded_version(embedded);
	for (i = 0; !t->kernel_version && m && i < kc_model_env_count(m); i++) {
		const char *name, *value;

		kc_model_env(m, i, &name, &value);
		if (!strcmp(name, "KERNELVERSION") && value && *value)
			t->kernel_version = value;
	}
}

/* ---- the policy ------------------------------------------------------------------------ */

struct kc_policy {
	struct kc_rules *rules;
	struct kc_waivers *waivers;
	struct kc_baseline *baseline;
	long today;
	const char *const *only;
	size_t n_only;
	const char *const *skip;
	size_t n_skip;
};

/* Ids a finding can have besides the loaded rules'. */
static const char *const fixed_ids[] = {
	KC_RULE_VALUE_CHANGED, KC_RULE_NOT_WRITTEN, KC_RULE_MISSING,
	KC_RULE_UNKNOWN_SYMBOL, KC_RULE_INVALID_VALUE, KC_RULE_IGNORED_VALUE,
	KC_RULE_DUPLICATE, KC_RULE_MALFORMED_LINE, KC_RULE_CHOICE,
	KC_RULE_BUILD_MACHINE, KC_RULE_WAIVER_EXPIRED, KC_RULE_WAIVER_UNUSED,
};

static bool pattern_matches_some(const struct kc_rules *r, const char *pat)
{
	size_t i;

	for (i = 0; i < sizeof(fixed_ids) / sizeof(fixed_ids[0]); i++)
		if (!fnmatch(pat, fixed_ids[i], 0))
			return true;
	for (i = 0; i < kc_rules_count(r); i++)
		if (!fnmatch(pat, kc_rules_at(r, i)->id, 0))
			return true;
	return false;
}

static const char *nearest_id(const struct kc_rules *r, const char *pat)
{
	const char *best = kc_rules_suggest(r, pat);
	size_t best_d = best ? kc_edit_distance(pat, best, 64) :
			       strlen(pat) / 3 + 2;
	size_t i;

	for (i = 0; i < sizeof(fixed_ids) / sizeof(fixed_ids[0]); i++) {
		size_t d = kc_edit_distance(pat, fixed_ids[i], best_d - 1);

		if (d < best_d) {
			best_d = d;
			best = fixed_ids[i];
		}
	}
	return best;
}

static int check_patterns(const struct kc_rules *r, const char *option,
			  const char *const *pats, size_t n,
			  struct kc_diags *diags)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < n; i++) {
		const char *near;

		if (pattern_matches_some(r, pats[i]))
			continue;
		near = nearest_id(r, pats[i]);
		kc_diags_add(diags, KC_SEV_ERROR, NULL, 0, 0,
			     "%s '%s' matches no rule id%s%s%s", option,
			     pats[i], near ? "; did you mean '" : "",
			     near ? near : "", near ? "'?" : "");
		ret = -1;
	}
	return ret;
}

static struct kc_policy *load(struct kc_model *m,
			      const struct kc_policy_options *o,
			      const struct kc_fs *yaml_fs,
			      const struct kc_fs *json_fs, struct kc_diags *diags)
{
	struct kc_policy *p = kc_xcalloc(1, sizeof(*p));
	size_t errors = diags->errors, i;

	p->rules = kc_rules_new();
	p->only = o->only;
	p->n_only = o->n_only;
	p->skip = o->skip;
	p->n_skip = o->n_skip;
	if (!o->no_default_rules)
		kc_rules_add_fs(p->rules, yaml_fs, KC_RULES_DEFAULT_PACK, diags);
	for (i = 0; i < o->n_rules; i++)
		kc_rules_add_fs(p->rules, yaml_fs, o->rules[i], diags);
	if (diags->errors == errors)
		kc_rules_bind(p->rules, m, &o->target, diags);
	if (diags->errors == errors) {
		check_patterns(p->rules, "--only", o->only, o->n_only, diags);
		check_patterns(p->rules, "--skip", o->skip, o->n_skip, diags);
	}
	p->today = o->today ? kc_date_parse(o->today) : kc_date_today();
	if (p->today < 0)
		kc_diags_add(diags, KC_SEV_ERROR, NULL, 0, 0,
			     "--today takes a date YYYY-MM-DD, not '%s'",
			     o->today);
	if (o->waivers)
		p->waivers = kc_waivers_read(yaml_fs, o->waivers, diags);
	if (o->baseline)
		p->baseline = kc_baseline_read(json_fs, o->baseline, diags);
	if (diags->errors != errors) {
		kc_policy_free(p);
		return NULL;
	}
	return p;
}

struct kc_policy *kc_policy_load(struct kc_model *m,
				 const struct kc_policy_options *o,
				 struct kc_diags *diags)
{
	struct kc_disk_fs yaml, json;
	struct kc_policy *p;

	if (o->fs)
		return load(m, o, o->fs, o->fs, diags);
	/* Rule and waiver files are YAML: a smaller cap than a report's. */
	kc_disk_fs_init(&yaml, NULL);
	kc_fs_set_max_size(&yaml.fs, KC_FS_MAX_YAML_SIZE);
	kc_disk_fs_init(&json, NULL);
	p = load(m, o, &yaml.fs, &json.fs, diags);
	kc_disk_fs_release(&yaml);
	kc_disk_fs_release(&json);
	return p;
}

void kc_policy_free(struct kc_policy *p)
{
	if (!p)
		return;
	kc_rules_free(p->rules);
	kc_waivers_free(p->waivers);
	kc_baseline_free(p->baseline);
	free(p);
}

const struct kc_rules *kc_policy_rules(const struct kc_policy *p)
{
	return p->rules;
}

static bool any_match(const char *const *pats, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!fnmatch(pats[i], id, 0))
			return true;
	return false;
}

static bool selected(const struct kc_finding *f, void *ctx)
{
	const struct kc_policy *p = ctx;

	if (p->n_only && !any_match(p->only, p->n_only, f->rule))
		return false;
	return !any_match(p->skip, p->n_skip, f->rule);
}

void kc_policy_check(const struct kc_policy *p, const struct kc_config *cfg,
		     struct kc_eval *ev, struct kc_findings *f)
{
	kc_rules_check(p->rules, cfg, ev, f);
	kc_waivers_apply(p->waivers, cfg->path, p->today, f);
	kc_baseline_apply(p->baseline, cfg->path, f);
	if (p->n_only || p->n_skip)
		kc_findings_filter(f, selected, (void *)p);
}

void kc_policy_list_rules(const struct kc_policy *p, struct kc_buf *out)
{
	size_t i;

	for (i = 0; i < kc_rules_count(p->rules); i++) {
		const struct kc_rule *r = kc_rules_at(p->rules, i);

		kc_buf_addf(out, "%s %s %s %s:%d ", r->id,
			    kc_severity_name(r->severity),
			    r->scope == KC_SCOPE_CONFIG ? "config" : "kconfig",
			    r->file, r->line);
		switch (r->status) {
		case KC_RULE_APPLIES:
			kc_buf_adds(out, "applies\n");
			break;
		case KC_RULE_DISABLED:
			kc_buf_addf(out, "disabled: %s\n", r->why_not);
			break;
		case KC_RULE_NOT_APPLICABLE:
			kc_buf_addf(out, "not applicable: %s\n", r->why_not);
			break;
		default:
			kc_buf_adds(out, "not bound\n");
			break;
		}
	}
}
