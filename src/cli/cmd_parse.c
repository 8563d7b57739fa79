/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_parse.c - `vfio-kconfig-check parse`: read a Kconfig tree and report
 * every error and warning the kernel's parser would, with a one-line
 * summary.  Meant for pre-commit hooks on Kconfig changes.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void parse_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check parse [options]\n"
		"\n"
		"Parses the Kconfig model and prints its errors and warnings.\n"
		"Exit 0 when it parses (warnings allowed, unless --werror), 2 otherwise.\n"
		"\n"
		"options:\n"
		"%s"
		"  --werror            treat warnings as errors\n"
		"  -q, --quiet         no summary line\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help);
}

static void summary(const struct kc_model *m)
{
	size_t i, n = kc_model_symbol_count(m), defined = 0, choices = 0;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(m, i);

		if (s->flags & KC_SYM_CHOICE)
			choices++;
		else if (s->flags & KC_SYM_DEFINED)
			defined++;
	}
	printf("%zu files, %zu symbols defined, %zu referenced only, %zu choices\n",
	       kc_model_file_count(m), defined, n - defined - choices,
	       choices);
}

int cmd_parse(int argc, char **argv)
{
	struct kc_model_source src = { 0 };
	bool werror = false, quiet = false;
	struct kc_model *m;
	int i, ret = KC_EXIT_OK;

	for (i = 1; i < argc; i++) {
		int r = kc_cli_model_option(&src, argc, argv, &i);

		if (r < 0) {
			ret = KC_EXIT_USAGE;
			goto out;
		}
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			parse_usage(stdout);
			goto out;
		}
		if (!strcmp(argv[i], "--werror")) {
			werror = true;
		} else if (!strcmp(argv[i], "-q") ||
			   !strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else {
			ret = kc_cli_usage_error("parse: unexpected argument '%s' (try parse --help)",
						 argv[i]);
			goto out;
		}
	}
	src.warnings = 0;
	m = kc_cli_load_model(&src);
	if (!m) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	if (!quiet)
		summary(m);
	if (werror && src.warnings)
		ret = KC_EXIT_USAGE;
	kc_model_free(m);
out:
	kc_cli_model_source_release(&src);
	return ret;
}
