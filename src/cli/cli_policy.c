/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_policy.c - the policy options `check` and `prove` share (--rules,
 * --no-default-rules, --only, --skip, --waivers, --baseline, --today,
 * --list-rules), and loading the policy they name into a model.
 */
#include <string.h>

#include "cli.h"
#include "kc_embedded.h"

const char kc_cli_policy_options_help[] =
	"  --rules SOURCE      add rules: a YAML file, a folder of them, or\n"
	"                      builtin:NAME (builtin:hardening-example); repeatable\n"
	"  --no-default-rules  leave out the built-in pack (" KC_RULES_DEFAULT_PACK ")\n"
	"  --list-rules        list the rules and whether each applies, then exit\n"
	"  --only ID           report only findings of rules matching ID (a glob,\n"
	"                      as 'vfio/*'); repeatable\n"
	"  --skip ID           leave out findings of rules matching ID; repeatable\n";

const char kc_cli_policy_check_help[] =
	"  --waivers FILE      accept the findings FILE lists, until their dates\n"
	"  --baseline FILE     drop findings already in FILE, an earlier report\n"
	"                      written with --format json\n"
	"  --today DATE        judge waivers as of DATE (YYYY-MM-DD; default: today)\n";

/* "--name" or "--name=value". */
static bool is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

int kc_cli_policy_option(struct kc_cli_policy *p, int argc, char **argv,
			 int *i)
{
	const char *arg = argv[*i], *v, *eq = strchr(arg, '=');
	struct kc_vec *list = is_option(arg, "--rules") ? &p->rules :
			      is_option(arg, "--only") ? &p->only :
			      is_option(arg, "--skip") ? &p->skip : NULL;
	const char **one = is_option(arg, "--waivers") ? &p->waivers :
			   is_option(arg, "--baseline") ? &p->baseline :
			   is_option(arg, "--today") ? &p->today : NULL;

	if (!strcmp(arg, "--no-default-rules")) {
		p->no_default_rules = true;
		return 1;
	}
	if (!strcmp(arg, "--list-rules")) {
		p->list_rules = true;
		return 1;
	}
	if (!list && !one)
		return 0;
	if (eq) {
		v = eq + 1;
	} else if (*i + 1 >= argc) {
		kc_cli_usage_error("option '%s' needs a value", arg);
		return -1;
	} else {
		v = argv[++*i];
	}
	if (list)
		kc_vec_push(list, (void *)v);
	else
		*one = v;
	return 1;
}

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

	kc_rules_target_init(&o.target, m, embedded, src->arch,
			     src->arch ? kc_cli_srcarch(src->arch) : NULL);
	pol = kc_policy_load(m, &o, &diags);
	kc_cli_print_diags(&diags);
	kc_diags_free(&diags);
	return pol;
}

void kc_cli_policy_release(struct kc_cli_policy *p)
{
	kc_vec_free(&p->rules);
	kc_vec_free(&p->only);
	kc_vec_free(&p->skip);
}
