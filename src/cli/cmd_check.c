/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_check.c - `vfio-kconfig-check [check] [options] CONFIG...`: is each
 * .config what Kconfig would keep, and if not, why.  The default command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_check.h"
#include "kc_config.h"
#include "kc_eval.h"
#include "kc_report.h"
#include "kc_rules.h"

/* The reader's warnings (lines that are not assignments) as findings. */
static void malformed_lines(const struct kc_diags *d, const char *path,
			    struct kc_findings *f)
{
	size_t i;

	for (i = 0; i < d->len; i++) {
		const struct kc_diag *x = &d->items[i];

		if (x->severity == KC_SEV_WARNING)
			kc_findings_add(f, KC_RULE_MALFORMED_LINE,
					KC_SEV_WARNING, NULL, path, x->line,
					"%s; the kernel ignores this line",
					x->message);
	}
}

/* Checks one .config into f; false when it cannot be read. */
static bool check_one(const struct kc_cli_args *a, struct kc_model *m,
		      const struct kc_policy *policy, const char *path,
		      struct kc_config **cfg_out, struct kc_findings *f)
{
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_config *cfg;
	struct kc_eval *ev;

	cfg = *cfg_out = kc_cli_read_config(&a->src, path, &diags);
	if (!cfg) {
		kc_cli_print_diags(&diags);
		kc_diags_free(&diags);
		return false;
	}
	malformed_lines(&diags, cfg->path, f);
	kc_diags_free(&diags);
	ev = kc_eval_new(m, cfg, &eopt);
	kc_check_config(m, cfg, ev, f);
	kc_policy_check(policy, cfg, ev, f);
	kc_eval_free(ev);
	kc_findings_sort(f);
	return true;
}

static int run(struct kc_cli_args *a)
{
	struct kc_findings *findings = NULL;
	struct kc_report_config *rcs = NULL;
	struct kc_config **cfgs = NULL;
	struct kc_model *m = NULL;
	struct kc_policy *policy = NULL;
	size_t i, n = a->positional.len;
	int r, ret = KC_EXIT_USAGE;

	if (!n && !a->policy.list_rules)
		return kc_cli_usage_error("no .config given (try --help)");
	r = kc_cli_policy_start(a, &m, &policy);
	if (r <= 0) {
		ret = r < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
		goto out;
	}
	findings = kc_xcalloc(n, sizeof(*findings));
	rcs = kc_xcalloc(n, sizeof(*rcs));
	/* Findings point into their config: all stay alive until the end. */
	cfgs = kc_xcalloc(n, sizeof(*cfgs));
	for (i = 0; i < n; i++) {
		rcs[i].path = a->positional.items[i];
		rcs[i].findings = &findings[i];
		if (!check_one(a, m, policy, a->positional.items[i], &cfgs[i],
			       &findings[i]))
			goto out;
	}
	ret = kc_cli_report_write(&a->report, &a->src, rcs, n);
out:
	for (i = 0; findings && i < n; i++)
		kc_findings_free(&findings[i]);
	free(findings);
	for (i = 0; cfgs && i < n; i++)
		kc_config_free(cfgs[i]);
	free(cfgs);
	free(rcs);
	/* Findings point at rule descriptions: the policy goes after them. */
	kc_policy_free(policy);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_check = {
	.name = "check",
	.summary = "check .config files against Kconfig (the default)",
	.args = "CONFIG...",
	.description =
		"Reports every assignment of each CONFIG that 'make olddefconfig' would\n"
		"not keep, every symbol it would change, and lines it would ignore, each\n"
		"with the chain of reasons, and every policy rule each CONFIG breaks (the\n"
		"built-in VFIO/IOMMUFD pack and --rules files; vfio-kconfig-rules(5)).\n"
		"A CONFIG of '-' is read from standard input.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY | KC_GROUP_WAIVERS |
		  KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.max_args = -1,
	.file_args = true,
	.epilog = "Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or\n"
		  "a file that cannot be read.\n",
	.run = run,
};
