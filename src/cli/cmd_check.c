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

static void check_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check [check] [options] CONFIG...\n"
		"\n"
		"Reports every assignment of each CONFIG that 'make olddefconfig' would\n"
		"not keep, every symbol it would change, and lines it would ignore, each\n"
		"with the chain of reasons, and every policy rule each CONFIG breaks (the\n"
		"built-in VFIO/IOMMUFD pack and --rules files; vfio-kconfig-rules(5)).\n"
		"\n"
		"options:\n"
		"%s%s%s%s"
		"  -h, --help          this text\n"
		"\n"
		"Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or\n"
		"a file that cannot be read.\n",
		kc_cli_model_options_help, kc_cli_policy_options_help,
		kc_cli_policy_check_help, kc_cli_report_options_help);
}

struct check_args {
	struct kc_model_source src;
	struct kc_cli_report report;
	struct kc_cli_policy policy;
	struct kc_vec configs;
};

/* Returns 1 to go on, 0 after --help, -1 on a usage error. */
static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i;

	kc_cli_report_init(&a->report);
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int r = kc_cli_model_option(&a->src, argc, argv, &i);

		if (r == 0)
			r = kc_cli_policy_option(&a->policy, argc, argv, &i);
		if (r == 0)
			r = kc_cli_report_option(&a->report, argc, argv, &i);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			check_usage(stdout);
			return 0;
		} else if (arg[0] == '-' && arg[1]) {
			kc_cli_usage_error("unknown option '%s' (try --help)", arg);
			return -1;
		} else {
			kc_vec_push(&a->configs, (void *)arg);
		}
	}
	if (!a->configs.len && !a->policy.list_rules) {
		kc_cli_usage_error("no .config given (try --help)");
		return -1;
	}
	return 1;
}

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
static bool check_one(struct check_args *a, struct kc_model *m,
		      const struct kc_policy *policy, const char *path,
		      struct kc_config **cfg_out, struct kc_findings *f)
{
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_config *cfg;
	struct kc_eval *ev;

	cfg = *cfg_out = kc_config_read(path, getenv("CONFIG_"), &diags);
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

int cmd_check(int argc, char **argv)
{
	struct check_args a = { 0 };
	struct kc_findings *findings = NULL;
	struct kc_report_config *rcs = NULL;
	struct kc_config **cfgs = NULL;
	struct kc_model *m = NULL;
	struct kc_policy *policy = NULL;
	struct kc_buf out = KC_BUF_INIT;
	int ret = parse_args(&a, argc, argv);
	size_t i;

	if (ret <= 0) {
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
		goto out;
	}
	ret = KC_EXIT_USAGE;
	a.src.info_to_stderr = !strcmp(a.report.output, "-");
	m = kc_cli_load_model(&a.src);
	if (!m)
		goto out;
	/* Rules go into the model before anything evaluates it. */
	policy = kc_cli_policy_load(&a.policy, &a.src, m);
	if (!policy)
		goto out;
	if (a.policy.list_rules) {
		kc_policy_list_rules(policy, &out);
		fputs(kc_buf_str(&out), stdout);
		ret = KC_EXIT_OK;
		goto out;
	}
	findings = kc_xcalloc(a.configs.len, sizeof(*findings));
	rcs = kc_xcalloc(a.configs.len, sizeof(*rcs));
	/* Findings point into their config: all stay alive until the end. */
	cfgs = kc_xcalloc(a.configs.len, sizeof(*cfgs));
	for (i = 0; i < a.configs.len; i++) {
		rcs[i].path = a.configs.items[i];
		rcs[i].findings = &findings[i];
		if (!check_one(&a, m, policy, a.configs.items[i], &cfgs[i],
			       &findings[i]))
			goto out;
	}
	ret = kc_cli_report_write(&a.report, &a.src, rcs, a.configs.len);
out:
	for (i = 0; findings && i < a.configs.len; i++)
		kc_findings_free(&findings[i]);
	free(findings);
	for (i = 0; cfgs && i < a.configs.len; i++)
		kc_config_free(cfgs[i]);
	free(cfgs);
	free(rcs);
	kc_buf_free(&out);
	/* Findings point at rule descriptions: the policy goes after them. */
	kc_policy_free(policy);
	kc_model_free(m);
	kc_vec_free(&a.configs);
	kc_cli_policy_release(&a.policy);
	kc_cli_model_source_release(&a.src);
	return ret;
}
