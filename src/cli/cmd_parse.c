/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_parse.c - `vfio-kconfig-check parse`: read a Kconfig tree and report
 * every error and warning the kernel's parser would, with a one-line
 * summary.  Meant for pre-commit hooks on Kconfig changes.
 */
#include <stddef.h>
#include <stdio.h>

#include "cli.h"

struct parse_options {
	bool werror;
};

static const struct kc_option options[] = {
	KC_OWN_FLAG("werror", 0, "treat warnings as errors",
		    struct parse_options, werror),
	{ 0 },
};

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

static int run(struct kc_cli_args *a)
{
	const struct parse_options *o = a->own;
	struct kc_model *m;
	int ret = KC_EXIT_OK;

	/* The warnings are parse's answer: --quiet keeps them. */
	a->src.diags_are_answer = true;
	m = kc_cli_load_model(&a->src);
	if (!m)
		return KC_EXIT_USAGE;
	if (!a->src.quiet)
		summary(m);
	if (o->werror && a->src.warnings)
		ret = KC_EXIT_USAGE;
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_parse = {
	.name = "parse",
	.summary = "parse Kconfig and report its errors and warnings",
	.description =
		"Parses the Kconfig model and prints its errors and warnings.\n"
		"Exit 0 when it parses (warnings allowed, unless --werror), 2 otherwise.\n",
	.groups = KC_GROUP_MODEL,
	.options = options,
	.own_size = sizeof(struct parse_options),
	.max_args = 0,
	.run = run,
};
