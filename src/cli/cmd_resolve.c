/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_resolve.c - `vfio-kconfig-check resolve CONFIG [-o OUT]`: what
 * `make olddefconfig` does, the .config the kernel's conf would write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_config.h"
#include "kc_eval.h"

static void resolve_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check resolve [options] [CONFIG]\n"
		"\n"
		"Resolves CONFIG as 'make olddefconfig' does and prints the .config the\n"
		"kernel's conf would write.  Without CONFIG, starts from no .config\n"
		"(every symbol at its default).\n"
		"\n"
		"options:\n"
		"%s"
		"  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
		"  -h, --help          this text\n"
		"\n"
		"Without --shell, symbols whose values come from the build machine\n"
		"(compiler and tool probes) keep the values CONFIG gives them.\n",
		kc_cli_model_options_help);
}

int cmd_resolve(int argc, char **argv)
{
	struct kc_model_source src = { 0 };
	struct kc_eval_options eopt = { 0 };
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	const char *output = "-", *input = NULL, *why;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m = NULL;
	struct kc_eval *ev;
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
			resolve_usage(stdout);
			goto out;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			kc_cli_usage_error("resolve: unknown option '%s' (try resolve --help)",
					   argv[i]);
			goto usage;
		} else if (input) {
			kc_cli_usage_error("resolve takes one .config");
			goto usage;
		} else {
			input = argv[i];
		}
	}
	src.info_to_stderr = !strcmp(output, "-");
	m = kc_cli_load_model(&src);
	if (!m)
		goto usage;
	if (input) {
		cfg = kc_config_read(input, getenv("CONFIG_"), &diags);
		kc_cli_print_diags(&diags);
		if (!cfg)
			goto usage;
	}
	eopt.run_shell = src.shell;
	ev = kc_eval_new(m, cfg, &eopt);
	kc_eval_write_config(ev, getenv("CONFIG_"), &out);
	kc_eval_free(ev);
	if (kc_write_file_atomic(output, kc_buf_str(&out), out.len, &why) < 0) {
		kc_cli_usage_error("cannot write '%s': %s", output, why);
		ret = KC_EXIT_USAGE;
	}
	goto out;
usage:
	ret = KC_EXIT_USAGE;
out:
	kc_buf_free(&out);
	kc_diags_free(&diags);
	kc_config_free(cfg);
	kc_model_free(m);
	kc_cli_model_source_release(&src);
	return ret;
}
