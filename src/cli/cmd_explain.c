/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_explain.c - `vfio-kconfig-check explain SYMBOL=VALUE [CONFIG]`:
 * whether a value is possible in some valid configuration, and if not, a
 * minimal set of constraints that forbid it, through the SAT model.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_config.h"

/* "SYMBOL=y" (CONFIG_ allowed) into name and value; false if malformed. */
static bool parse_query(const char *query, char **name, enum kc_tristate *v)
{
	const char *eq = strchr(query, '=');

	if (!eq || eq == query || strlen(eq + 1) != 1 || !strchr("ymn", eq[1]))
		return false;
	*name = kc_xstrndup(query, (size_t)(eq - query));
	if (!strncmp(*name, "CONFIG_", 7))
		memmove(*name, *name + 7, strlen(*name + 7) + 1);
	*v = eq[1] == 'y' ? KC_YES : eq[1] == 'm' ? KC_MOD : KC_NO;
	return true;
}

static const struct kc_symbol *lookup(const struct kc_model *m,
				      const char *name)
{
	const struct kc_symbol *sym = kc_model_lookup(m, name);
	const char *near;

	if (sym && (sym->flags & KC_SYM_DEFINED))
		return sym;
	near = kc_model_suggest(m, name);
	kc_cli_usage_error("%s is not a symbol of this Kconfig tree%s%s%s", name,
			   near ? " (did you mean " : "", near ? near : "",
			   near ? "?)" : "");
	return NULL;
}

static int run(struct kc_cli_args *a)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	struct kc_model *m = NULL;
	const struct kc_symbol *sym;
	enum kc_tristate v;
	char *name = NULL;
	int ret = KC_EXIT_USAGE;

	if (a->positional.len < 1)
		return kc_cli_usage_error("explain takes SYMBOL=VALUE and at most one .config");
	if (!parse_query(a->positional.items[0], &name, &v))
		return kc_cli_usage_error("'%s': expected SYMBOL=y, SYMBOL=m or SYMBOL=n",
					  (const char *)a->positional.items[0]);
	m = kc_cli_args_model(a);
	if (!m)
		goto out;
	sym = lookup(m, name);
	if (!sym)
		goto out;
	if (a->positional.len == 2) {
		cfg = kc_cli_read_config(&a->src, a->positional.items[1], &d);
		kc_cli_print_diags(&a->src, &d);
		if (!cfg)
			goto out;
	}
	kc_analysis_explain(m, sym, v, cfg, &f, NULL);
	ret = kc_cli_report_findings(a, cfg ? cfg->path : "Kconfig", &f);
out:
	kc_findings_free(&f);
	kc_diags_free(&d);
	kc_config_free(cfg);
	kc_model_free(m);
	free(name);
	return ret;
}

const struct kc_command kc_cmd_explain = {
	.name = "explain",
	.summary = "why SYMBOL=VALUE is impossible (SAT)",
	.args = "SYMBOL=VALUE [CONFIG]",
	.description =
		"Says whether SYMBOL=VALUE (y, m or n) is possible in some valid\n"
		"configuration, together with the bool and tristate values CONFIG sets\n"
		"if given; if not, lists a minimal set of conflicting constraints\n"
		"(dropping any one of them would make it possible).\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.max_args = 2,
	.file_args = true,
	.run = run,
};
