/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_dead.c - `vfio-kconfig-check dead`: the symbols no valid
 * configuration enables, and those none disables, through the SAT model.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"

struct dead_options {
	bool no_explain;
};

static const struct kc_option options[] = {
	KC_OWN_FLAG("no-explain", 0, "do not compute the deciding constraints",
		    struct dead_options, no_explain),
	{ 0 },
};

static int run(struct kc_cli_args *a)
{
	const struct dead_options *o = a->own;
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_model *m;
	int ret;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	kc_analysis_dead(m, !o->no_explain, &f, NULL);
	ret = kc_cli_report_findings(a, "Kconfig", &f);
	kc_findings_free(&f);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_dead = {
	.name = "dead",
	.summary = "symbols no valid configuration enables or disables (SAT)",
	.description =
		"Lists the symbols no valid configuration can enable (dead) and the bool\n"
		"and tristate symbols none can disable (always on), each with the\n"
		"constraints that decide it.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.options = options,
	.own_size = sizeof(struct dead_options),
	.max_args = 0,
	.run = run,
};
