/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_kbuild.c - `vfio-kconfig-check kbuild`: the tree's Kbuild Makefiles
 * against its Kconfig, as findings (kbuild/undefined-symbol,
 * kbuild/never-built, kbuild/never-module, kbuild/part-without-dependency).
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_kbuild.h"

struct kbuild_options {
	struct kc_vec under;
};

static const struct kc_option options[] = {
	KC_OWN_LIST("under", "DIR",
		    "only the Makefiles on the way to folder DIR\n"
		    "(repeatable)",
		    struct kbuild_options, under, KC_COMPLETE_NONE),
	{ 0 },
};

static int run(struct kc_cli_args *a)
{
	const struct kbuild_options *o = a->own;
	struct kc_kbuild_options kopt = { 0 };
	struct kc_builds_options bopt = { 0 };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_cli_tree t;
	struct kc_arena *keep;
	struct kc_model *m;
	int ret;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	kc_cli_tree_open(&a->src, &t, &kopt);
	bopt.kbuild = &kopt;
	bopt.under = (const char *const *)o->under.items;
	bopt.n_under = o->under.len;
	keep = kc_arena_new();
	kc_analysis_kbuild(m, &bopt, &f, keep, &d);
	kc_cli_print_diags(&a->src, &d);
	ret = d.errors ? KC_EXIT_USAGE : kc_cli_report_findings(a, "Kbuild", &f);
	kc_diags_free(&d);
	kc_findings_free(&f);
	kc_arena_free(keep);
	kc_cli_tree_close(&t);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_kbuild = {
	.name = "kbuild",
	.summary = "the Kbuild Makefiles against Kconfig, as findings",
	.description =
		"Reads the tree's Makefiles as presence does and reports CONFIG_ names\n"
		"no Kconfig defines (kbuild/undefined-symbol), objects and modules no\n"
		"valid configuration builds (kbuild/never-built), obj-$(CONFIG_X) lines\n"
		"whose tristate X can never be m (kbuild/never-module), and composite\n"
		"parts listed under a symbol that can be enabled while their module is\n"
		"not built (kbuild/part-without-dependency).\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.options = options,
	.own_size = sizeof(struct kbuild_options),
	.max_args = 0,
	.run = run,
};
