/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_resolve.c - `vfio-kconfig-check resolve CONFIG [-o OUT]`: what
 * `make olddefconfig` does, the .config the kernel's conf would write.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kc_config.h"
#include "kc_eval.h"

static int run(struct kc_cli_args *a)
{
	struct kc_eval_options eopt = { .run_shell = a->src.shell };
	struct kc_config *cfg = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m = NULL;
	struct kc_eval *ev;
	int ret = KC_EXIT_USAGE;

	/* As conf reads it: a NUL byte in a line warns, and ends the line. */
	a->src.info_to_stderr = !strcmp(a->report.output, "-");
	m = kc_cli_load_model(&a->src);
	if (!m)
		goto out;
	if (a->positional.len) {
		const char *path = a->positional.items[0];
		struct kc_diags d = KC_DIAGS_INIT;

		cfg = kc_config_read_as_conf(strcmp(path, "-") ? path :
								  "/dev/stdin",
					     kc_cli_config_prefix(&a->src), &d);
		kc_cli_print_diags(&d);
		kc_diags_free(&d);
		if (!cfg)
			goto out;
	}
	ev = kc_eval_new(m, cfg, &eopt);
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
	.max_args = 1,
	.file_args = true,
	.epilog = "Without --shell, symbols whose values come from the build machine\n"
		  "(compiler and tool probes) keep the values CONFIG gives them.\n",
	.run = run,
};
