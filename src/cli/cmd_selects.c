/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_selects.c - `vfio-kconfig-check selects`: every select that can force
 * its target on while the target's own dependencies are unmet, in some
 * valid configuration, through the SAT model.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"

struct selects_options {
	const char *witness_dir;
};

static const struct kc_option options[] = {
	KC_OWN_STRING("witness-dir", "DIR",
		      "write a witness .config for each finding into DIR",
		      struct selects_options, witness_dir, KC_COMPLETE_DIR),
	{ 0 },
};

/* The witnesses are in the order of the findings, before sorting. */
static int write_witnesses(const char *dir, const struct kc_findings *f,
			   const struct kc_vec *w)
{
	size_t i, n = w->len < f->len ? w->len : f->len;
	const char **names = kc_xcalloc(n + 1, sizeof(*names));
	int ret;

	for (i = 0; i < n; i++)
		names[i] = f->items[i].symbol;
	ret = kc_cli_write_witnesses(dir, names,
				     (const char *const *)w->items, n);
	free(names);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	const struct selects_options *o = a->own;
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_vec w = KC_VEC_INIT;
	struct kc_model *m;
	size_t i;
	int ret = KC_EXIT_OK;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	kc_analysis_selects(m, &f, o->witness_dir ? &w : NULL, NULL);
	if (o->witness_dir)
		ret = write_witnesses(o->witness_dir, &f, &w);
	if (ret == KC_EXIT_OK)
		ret = kc_cli_report_findings(a, "Kconfig", &f);
	for (i = 0; i < w.len; i++)
		free(w.items[i]);
	kc_vec_free(&w);
	kc_findings_free(&f);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_selects = {
	.name = "selects",
	.summary = "selects that can break their target's dependencies (SAT)",
	.description =
		"Finds every select that can force its target on while the target's own\n"
		"dependencies are unmet, in some valid configuration (what the kernel\n"
		"warns about as \"unmet direct dependencies detected\" for one .config).\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.options = options,
	.own_size = sizeof(struct selects_options),
	.max_args = 0,
	.run = run,
};
