/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_resolve.c - `vfio-kconfig-check resolve CONFIG [-o OUT]`: what
 * `make olddefconfig` does, the .config the kernel's conf would write;
 * with --mode randconfig, what `conf --randconfig` writes.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kc_config.h"
#include "kc_eval.h"

struct resolve_options {
	const char *mode;
	const char *seed;
	const char *allconfig;
	const char *probability;
};

static const char *const modes[] = { "olddefconfig", "randconfig", NULL };

static const struct kc_option options[] = {
	KC_OWN_ENUM("mode", "MODE",
		    "what conf does: olddefconfig (default) or\nrandconfig",
		    modes, struct resolve_options, mode),
	KC_OWN_STRING("seed", "N",
		      "randconfig's seed, as KCONFIG_SEED (decimal,\n0x hex); required with randconfig",
		      struct resolve_options, seed, KC_COMPLETE_NONE),
	KC_OWN_STRING("allconfig", "FILE",
		      "values to keep, as KCONFIG_ALLCONFIG=FILE",
		      struct resolve_options, allconfig, KC_COMPLETE_FILE),
	KC_OWN_STRING("probability", "SPEC",
		      "randconfig's chances, as KCONFIG_PROBABILITY:\nP, Y:M or B:Y:M in percent (default 50:33:33)",
		      struct resolve_options, probability, KC_COMPLETE_NONE),
	{ 0 }
};

static struct kc_config *read_config(struct kc_cli_args *a, const char *path)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg;

	cfg = kc_config_read_as_conf(strcmp(path, "-") ? path : "/dev/stdin",
				     kc_cli_config_prefix(&a->src), &d);
	kc_cli_print_diags(&d);
	kc_diags_free(&d);
	return cfg;
}

/* --seed and --probability, checked before the model is read. */
static int random_settings(const struct resolve_options *o, bool random,
			   unsigned int *seed, struct kc_rand_probability *p)
{
	kc_randconfig_default_probability(p);
	if (!random) {
		if (o->seed || o->probability) {
			kc_cli_usage_error("--seed and --probability need --mode randconfig");
			return -1;
		}
		return 0;
	}
	if (!o->seed) {
		kc_cli_usage_error("--mode randconfig needs --seed N");
		return -1;
	}
	if (kc_randconfig_parse_seed(o->seed, seed)) {
		kc_cli_usage_error("--seed '%s' is not an integer", o->seed);
		return -1;
	}
	if (o->probability &&
	    kc_randconfig_parse_probability(o->probability, p)) {
		kc_cli_usage_error("--probability '%s': expected P, Y:M or B:Y:M, each 0..100, Y+M at most 100",
			     o->probability);
		return -1;
	}
	return 0;
}

static int run(struct kc_cli_args *a)
{
	const struct resolve_options *o = a->own;
	bool random = o->mode && !strcmp(o->mode, "randconfig");
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_rand_probability prob;
	unsigned int seed = 0;
	struct kc_config *cfg = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m = NULL;
	struct kc_eval *ev;
	int ret = KC_EXIT_USAGE;

	/* As conf reads it: a NUL byte in a line warns, and ends the line. */
	a->src.info_to_stderr = !strcmp(a->report.output, "-");
	if (random_settings(o, random, &seed, &prob))
		goto out;
	if (random && a->positional.len) {
		kc_cli_usage_error("--mode randconfig takes no CONFIG (use --allconfig)");
		goto out;
	}
	if (!random && o->allconfig) {
		kc_cli_usage_error("--allconfig needs --mode randconfig");
		goto out;
	}
	m = kc_cli_load_model(&a->src);
	if (!m)
		goto out;
	if (a->positional.len || o->allconfig) {
		cfg = read_config(a, a->positional.len ? a->positional.items[0] :
							 o->allconfig);
		if (!cfg)
			goto out;
	}
	ev = kc_eval_new(m, cfg, &eopt);
	if (random)
		kc_eval_randconfig(ev, seed, &prob);
	kc_eval_write_config(ev, kc_cli_config_prefix(&a->src), &out);
	kc_eval_free(ev);
	ret = kc_cli_write_output(a->report.output, &out);
out:
	kc_buf_free(&out);
	kc_config_free(cfg);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_resolve = {
	.name = "resolve",
	.summary = "resolve a .config as make olddefconfig does",
	.args = "[CONFIG]",
	.description =
		"Resolves CONFIG as 'make olddefconfig' does and prints the .config the\n"
		"kernel's conf would write.  Without CONFIG, starts from no .config\n"
		"(every symbol at its default); a CONFIG of '-' is read from standard\n"
		"input.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct resolve_options),
	.max_args = 1,
	.file_args = true,
	.epilog = "Without --shell, symbols whose values come from the build machine\n"
		  "(compiler and tool probes) keep the values CONFIG gives them.\n",
	.run = run,
};
