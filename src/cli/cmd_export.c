/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_export.c - `vfio-kconfig-check export --dimacs`: the model's CNF with
 * a comment naming every symbol variable, for model counters and other
 * solvers.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kc_sat.h"

static void export_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check export --dimacs [options]\n"
		"\n"
		"Writes the model as CNF in DIMACS: a configuration satisfies it exactly\n"
		"when resolution keeps it unchanged (see docs/sat.md).  Comments name\n"
		"each symbol's variables ('c var N NAME=y'), the constraint guards\n"
		"('c guard N NAME', each also a unit clause) and the projection ('c ind').\n"
		"\n"
		"options:\n"
		"%s"
		"  --dimacs            the format (the only one)\n"
		"  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
		"  --stats             print variable and clause counts on stderr\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help);
}

int cmd_export(int argc, char **argv)
{
	struct kc_model_source src = { 0 };
	const char *output = "-", *why;
	bool dimacs = false, stats = false;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m = NULL;
	struct kc_sat *s;
	int i, ret = KC_EXIT_OK;

	for (i = 1; i < argc; i++) {
		int r = kc_cli_model_option(&src, argc, argv, &i);

		if (!r)
			r = kc_cli_output_option(&output, argc, argv, &i);
		if (r < 0)
			goto usage;
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			export_usage(stdout);
			goto out;
		} else if (!strcmp(argv[i], "--dimacs")) {
			dimacs = true;
		} else if (!strcmp(argv[i], "--stats")) {
			stats = true;
		} else {
			kc_cli_usage_error("export: unexpected argument '%s' (try export --help)",
					   argv[i]);
			goto usage;
		}
	}
	if (!dimacs) {
		kc_cli_usage_error("export needs a format: --dimacs");
		goto usage;
	}
	src.info_to_stderr = !strcmp(output, "-");
	m = kc_cli_load_model(&src);
	if (!m)
		goto usage;
	s = kc_sat_new(m, false);
	if (stats)
		fprintf(stderr, "%zu symbols, %zu variables, %zu clauses\n",
			kc_sat_symbol_count(s), kc_sat_variables(s),
			kc_sat_clauses(s));
	kc_sat_write_dimacs(s, &out);
	kc_sat_free(s);
	if (kc_write_file_atomic(output, kc_buf_str(&out), out.len, &why) < 0) {
		kc_cli_usage_error("cannot write '%s': %s", output, why);
		goto usage;
	}
	goto out;
usage:
	ret = KC_EXIT_USAGE;
out:
	kc_buf_free(&out);
	kc_model_free(m);
	kc_cli_model_source_release(&src);
	return ret;
}
