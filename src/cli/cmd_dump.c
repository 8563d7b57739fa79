/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_dump.c - `vfio-kconfig-check dump`: the parsed model as JSON.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"

struct dump_options {
	bool derived;
};

static const struct kc_option options[] = {
	KC_OWN_FLAG("derived", 0,
		    "add each symbol's computed direct dependencies,\n"
		    "selected_by and implied_by expressions",
		    struct dump_options, derived),
	{ 0 },
};

static int run(struct kc_cli_args *a)
{
	const struct dump_options *o = a->own;
	struct kc_buf json = KC_BUF_INIT;
	struct kc_model *m;
	int ret;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	kc_model_to_json(m, o->derived, &json);
	ret = kc_cli_write_output(a->report.output, &json);
	kc_buf_free(&json);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_dump = {
	.name = "dump",
	.summary = "print the parsed Kconfig model as JSON",
	.description =
		"Prints the parsed Kconfig model as JSON (schema in docs/dump-schema.md).\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct dump_options),
	.max_args = 0,
	.run = run,
};
