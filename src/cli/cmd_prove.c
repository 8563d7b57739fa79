/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_prove.c - `vfio-kconfig-check prove`: each policy rule against
 * Kconfig itself, for every valid configuration at once (SAT): it holds,
 * or here is a configuration that breaks it.
 *
 * Waivers and baselines judge the findings of a .config, so prove does not
 * take them; --only and --skip choose the rules it reports on.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_rules.h"

struct prove_options {
	const char *witness_dir;
};

static const struct kc_option options[] = {
	KC_OWN_STRING("witness-dir", "DIR",
		      "write each witness as a full .config into DIR",
		      struct prove_options, witness_dir, KC_COMPLETE_DIR),
	{ 0 },
};

/* w holds pairs: a rule id, then its witness .config. */
static int write_witnesses(const struct kc_cli_args *a, const char *dir,
			   const struct kc_vec *w)
{
	const char **names = kc_xcalloc(w->len / 2 + 1, sizeof(*names));
	const char **texts = kc_xcalloc(w->len / 2 + 1, sizeof(*texts));
	size_t i, n = 0;
	int ret;

	for (i = 0; i + 1 < w->len; i += 2) {
		if (!kc_cli_policy_selects(&a->policy, w->items[i]))
			continue;
		names[n] = w->items[i];
		texts[n++] = w->items[i + 1];
	}
	ret = kc_cli_write_witnesses(dir, names, texts, n);
	free(names);
	free(texts);
	return ret;
}

static int prove(struct kc_cli_args *a, struct kc_model *m,
		 const struct kc_policy *policy)
{
	const struct prove_options *o = a->own;
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_vec w = KC_VEC_INIT;
	size_t i;
	int ret = KC_EXIT_OK;

	kc_analysis_prove(m, kc_policy_rules(policy), &f,
			  o->witness_dir ? &w : NULL, NULL);
	kc_cli_policy_select(&a->policy, &f);
	if (o->witness_dir)
		ret = write_witnesses(a, o->witness_dir, &w);
	if (ret == KC_EXIT_OK)
		ret = kc_cli_report_findings(a, "Kconfig", &f);
	for (i = 0; i < w.len; i++)
		free(w.items[i]);
	kc_vec_free(&w);
	kc_findings_free(&f);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	struct kc_policy *policy = NULL;
	struct kc_model *m = NULL;
	int ret = kc_cli_policy_start(a, &m, &policy);

	if (ret > 0)
		ret = prove(a, m, policy);
	else
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	/* Findings point at rule descriptions: the policy goes after them. */
	kc_policy_free(policy);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_prove = {
	.name = "prove",
	.summary = "prove policy rules against Kconfig itself (SAT)",
	.description =
		"Proves each policy rule against Kconfig itself: it holds in every valid\n"
		"configuration, or here is a valid configuration that breaks it (close to\n"
		"the defaults).  A kconfig-scope rule that can be broken is an error\n"
		"(\"Kconfig allows ...\"); a config-scope one a note.  --only and --skip\n"
		"choose the rules reported on.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY | KC_GROUP_OUTPUT |
		  KC_GROUP_REPORT,
	.options = options,
	.own_size = sizeof(struct prove_options),
	.max_args = 0,
	.run = run,
};
