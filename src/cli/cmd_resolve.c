/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_resolve.c - `vfio-kconfig-check resolve [--mode MODE] [CONFIG]`: what
 * the kernel's conf writes in one of its non-interactive modes (kc_eval.h,
 * enum kc_eval_mode): the .config of `make olddefconfig` by default.
 */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "cli.h"
#include "kc_config.h"
#include "kc_eval.h"

struct resolve_options {
	const char *mode;	/* --mode MODE; NULL: olddefconfig */
	const char *allconfig;	/* --allconfig FILE */
	const char *seed;	/* --seed N, as given */
	const char *probability;	/* --probability SPEC, as given */
};

static const char *const mode_names[] = {
	"olddefconfig", "alldefconfig", "allnoconfig", "allyesconfig",
	"allmodconfig", "randconfig", "savedefconfig", "listnewconfig", NULL
};

static const struct kc_option resolve_options[] = {
	KC_OWN_ENUM("mode", "MODE",
		    "what conf does (default olddefconfig): olddefconfig,\n"
		    "alldefconfig, allnoconfig, allyesconfig, allmodconfig,\n"
		    "randconfig, savedefconfig or listnewconfig",
		    mode_names, struct resolve_options, mode),
	KC_OWN_STRING("allconfig", "FILE",
		      "the all* modes: values to start from, as\n"
		      "KCONFIG_ALLCONFIG=FILE gives them",
		      struct resolve_options, allconfig, KC_COMPLETE_FILE),
	KC_OWN_STRING("seed", "N",
		      "randconfig: the seed, as KCONFIG_SEED=N gives it\n"
		      "(decimal, 0x hex; without it, one from the clock)",
		      struct resolve_options, seed, KC_COMPLETE_NONE),
	KC_OWN_STRING("probability", "SPEC",
		      "randconfig: the chances in percent, as\n"
		      "KCONFIG_PROBABILITY=SPEC: P, Y:M or B:Y:M\n"
		      "(default 50:33:33)",
		      struct resolve_options, probability, KC_COMPLETE_NONE),
	{ 0 },
};

/*
 * randconfig without --seed: one from the clock, as conf makes it
 * ((seconds + 1) * (microseconds + 1)), printed as conf prints it so the
 * run can be repeated.
 */
static unsigned clock_seed(void)
{
	struct timeval now;
	unsigned seed;

	gettimeofday(&now, NULL);
	seed = (unsigned)((now.tv_sec + 1) * (now.tv_usec + 1));
	fprintf(stderr, "KCONFIG_SEED=0x%X\n", seed);
	return seed;
}

/* The options against the mode; fills eopt.  Prints and returns 2 on error. */
static int check_options(const struct resolve_options *o,
			 const struct kc_cli_args *a,
			 struct kc_eval_options *eopt,
			 struct kc_rand_probability *prob)
{
	const char *name;

	if (o->mode && kc_eval_mode_parse(o->mode, &eopt->mode) < 0)
		return kc_cli_usage_error("resolve: unknown --mode '%s'",
					  o->mode);
	name = kc_eval_mode_name(eopt->mode);
	if (!kc_eval_mode_supported(eopt->mode))
		return kc_cli_usage_error("resolve: --mode %s is not supported yet",
					  name);
	if (kc_eval_mode_is_new_config(eopt->mode) && a->positional.len)
		return kc_cli_usage_error(
			"resolve: --mode %s reads no CONFIG, as conf reads no .config in it;\n"
			"give the values to start from with --allconfig", name);
	if (o->allconfig && !kc_eval_mode_is_new_config(eopt->mode))
		return kc_cli_usage_error(
			"resolve: --allconfig goes with --mode alldefconfig, allnoconfig,\n"
			"allyesconfig, allmodconfig or randconfig, not %s", name);
	if (o->seed && eopt->mode != KC_MODE_RANDCONFIG)
		return kc_cli_usage_error(
			"resolve: --seed goes with --mode randconfig, not %s", name);
	if (o->probability && eopt->mode != KC_MODE_RANDCONFIG)
		return kc_cli_usage_error(
			"resolve: --probability goes with --mode randconfig, not %s",
			name);
	if (o->seed) {
		if (kc_randconfig_parse_seed(o->seed, &eopt->seed) < 0)
			return kc_cli_usage_error(
				"resolve: --seed '%s' is not a number", o->seed);
		eopt->has_seed = true;
	}
	if (o->probability) {
		if (kc_randconfig_parse_probability(o->probability, prob) < 0)
			return kc_cli_usage_error(
				"resolve: --probability '%s': expected P, Y:M or B:Y:M,\n"
				"each 0 to 100 and Y+M at most 100", o->probability);
		eopt->probability = prob;
	}
	return KC_EXIT_OK;
}

/* Reads a .config as conf does; '-' is standard input.  NULL on error. */
static struct kc_config *read_config(const struct kc_cli_args *a,
				     const char *path)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg;

	cfg = kc_config_read_as_conf(strcmp(path, "-") ? path : "/dev/stdin",
				     kc_cli_config_prefix(&a->src), &d);
	kc_cli_print_diags(&a->src, &d);
	kc_diags_free(&d);
	return cfg;
}

static int run(struct kc_cli_args *a)
{
	const struct resolve_options *o = a->own;
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_rand_probability prob;
	struct kc_config *cfg = NULL, *allconfig = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m = NULL;
	struct kc_eval *ev;
	int ret;

	ret = check_options(o, a, &eopt, &prob);
	if (ret != KC_EXIT_OK)
		return ret;
	ret = KC_EXIT_USAGE;
	/* As conf reads it: a NUL byte in a line warns, and ends the line. */
	m = kc_cli_args_model(a);
	if (!m)
		goto out;
	if (a->positional.len) {
		cfg = read_config(a, a->positional.items[0]);
		if (!cfg)
			goto out;
	}
	if (o->allconfig) {
		allconfig = read_config(a, o->allconfig);
		if (!allconfig)
			goto out;
		eopt.allconfig = allconfig;
	}
	if (eopt.mode == KC_MODE_RANDCONFIG && !eopt.has_seed)
		eopt.seed = clock_seed();
	ev = kc_eval_new(m, cfg, &eopt);
	kc_eval_write_config(ev, kc_cli_config_prefix(&a->src), &out);
	kc_eval_free(ev);
	ret = kc_cli_write_output(a->report.output, &out);
out:
	kc_buf_free(&out);
	kc_config_free(allconfig);
	kc_config_free(cfg);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_resolve = {
	.name = "resolve",
	.summary = "write what the kernel's conf writes (make olddefconfig, ...)",
	.args = "[CONFIG]",
	.description =
		"Writes what the kernel's conf writes in one of its non-interactive\n"
		"modes, byte for byte.  By default (--mode olddefconfig), resolves\n"
		"CONFIG as 'make olddefconfig' does and prints the .config conf would\n"
		"write; without CONFIG, starts from no .config (every symbol at its\n"
		"default); a CONFIG of '-' is read from standard input.\n"
		"\n"
		"alldefconfig, allnoconfig, allyesconfig, allmodconfig and randconfig\n"
		"read no CONFIG: they start from the --allconfig FILE, if any, and\n"
		"answer every other bool and tristate symbol with its default, n, y, m\n"
		"or a random value.  randconfig draws as 'KCONFIG_SEED=N conf\n"
		"--randconfig' of the same tree does (the model's kernel version\n"
		"chooses 6.12's or 6.1's way), so one seed gives the same .config.\n",
	.options = resolve_options,
	.own_size = sizeof(struct resolve_options),
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.max_args = 1,
	.file_args = true,
	.epilog = "Without --shell, symbols whose values come from the build machine\n"
		  "(compiler and tool probes) keep the values CONFIG or --allconfig gives\n"
		  "them.\n",
	.run = run,
};
