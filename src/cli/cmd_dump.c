/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_dump.c - `vfio-kconfig-check dump`: the parsed model as JSON.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void dump_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check dump [options]\n"
		"\n"
		"Prints the parsed Kconfig model as JSON (schema in docs/dump-schema.md).\n"
		"\n"
		"options:\n"
		"%s"
		"  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
		"  --derived           add each symbol's computed direct dependencies,\n"
		"                      selected_by and implied_by expressions\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help);
}

int cmd_dump(int argc, char **argv)
{
	struct kc_model_source src = { 0 };
	const char *output = "-";
	bool derived = false;
	struct kc_buf json = KC_BUF_INIT;
	struct kc_model *m;
	const char *why;
	int i, ret = KC_EXIT_OK;

	for (i = 1; i < argc; i++) {
		int r = kc_cli_model_option(&src, argc, argv, &i);

		if (!r)
			r = kc_cli_output_option(&output, argc, argv, &i);
		if (r < 0)
			goto out_usage;
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			dump_usage(stdout);
			goto out;
		}
		if (!strcmp(argv[i], "--derived")) {
			derived = true;
			continue;
		}
		kc_cli_usage_error("dump: unexpected argument '%s' (try dump --help)",
				   argv[i]);
		goto out_usage;
	}
	src.info_to_stderr = !strcmp(output, "-");
	m = kc_cli_load_model(&src);
	if (!m) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	kc_model_to_json(m, derived, &json);
	if (kc_write_file_atomic(output, kc_buf_str(&json), json.len,
				 &why) < 0) {
		kc_cli_usage_error("cannot write '%s': %s", output, why);
		ret = KC_EXIT_USAGE;
	}
	kc_buf_free(&json);
	kc_model_free(m);
	goto out;
out_usage:
	ret = KC_EXIT_USAGE;
out:
	kc_cli_model_source_release(&src);
	return ret;
}
