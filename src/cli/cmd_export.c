/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_export.c - `vfio-kconfig-check export --dimacs`: the model's CNF with
 * a comment naming every symbol variable, for model counters and other
 * solvers.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kc_sat.h"

struct export_options {
	bool dimacs, stats;
};

static const struct kc_option options[] = {
	KC_OWN_FLAG("dimacs", 0, "the format (the only one)",
		    struct export_options, dimacs),
	KC_OWN_FLAG("stats", 0, "print variable and clause counts on stderr",
		    struct export_options, stats),
	{ 0 },
};

static int run(struct kc_cli_args *a)
{
	const struct export_options *o = a->own;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m;
	struct kc_sat *s;
	int ret;

	if (!o->dimacs)
		return kc_cli_usage_error("export needs a format: --dimacs");
	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	s = kc_sat_new(m, false);
	if (o->stats)
		fprintf(stderr, "%zu symbols, %zu variables, %zu clauses\n",
			kc_sat_symbol_count(s), kc_sat_variables(s),
			kc_sat_clauses(s));
	kc_sat_write_dimacs(s, &out);
	kc_sat_free(s);
	ret = kc_cli_write_output(a->report.output, &out);
	kc_buf_free(&out);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_export = {
	.name = "export",
	.summary = "write the model's CNF (--dimacs)",
	.description =
		"Writes the model as CNF in DIMACS: a configuration satisfies it exactly\n"
		"when resolution keeps it unchanged (see docs/sat.md).  Comments name\n"
		"each symbol's variables ('c var N NAME=y'), the constraint guards\n"
		"('c guard N NAME', each also a unit clause) and the projection ('c ind').\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct export_options),
	.max_args = 0,
	.run = run,
};
