// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_kbuild.c - the Kbuild reader: the input is a tree of two
 * Makefiles, the top `Kbuild` and `sub/Makefile` (after a line `#---`),
 * walked for a configuration that sets CONFIG_A=y, CONFIG_B=m and
 * CONFIG_S="s" and leaves every other symbol unset; then every output
 * format.  $(shell) is never run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "kc_kbuild.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The two-file tree of fuzz_common.h, under Kbuild's names. */
static int tree_read(void *ctx, const char *path, char **out, size_t *len,
		     const char **why)
{
	const char *name = !strcmp(path, "Kbuild") ? "Kconfig" :
			   !strcmp(path, "sub/Makefile") ? "sub" : "";

	return fuzz_tree_read(ctx, name, out, len, why);
}

static int tree_list(void *ctx, const char *dir, struct kc_vec *names)
{
	const struct fuzz_tree *t = ctx;

	if (!strcmp(dir, ".")) {
		kc_vec_push(names, kc_xstrdup("Kbuild"));
		if (t->sub)
			kc_vec_push(names, kc_xstrdup("sub"));
		return 0;
	}
	if (!strcmp(dir, "sub") && t->sub) {
		kc_vec_push(names, kc_xstrdup("Makefile"));
		return 0;
	}
	return -1;
}

static const char *config_value(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "CONFIG_A"))
		return "y";
	if (!strcmp(name, "CONFIG_B"))
		return "m";
	if (!strcmp(name, "CONFIG_S"))
		return "\"s\"";
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_kbuild_options opt = { 0 };
	struct kc_kbuild_result *r;
	struct fuzz_tree t;
	struct kc_fs fs = { 0 };

	if (size > 64 * 1024)
		return -1;
	fuzz_tree_init(&t, data, size);
	fs.read = tree_read;
	fs.ctx = &t;
	opt.fs = &fs;
	opt.list = tree_list;
	opt.list_ctx = &t;
	opt.config = config_value;
	opt.arch = "x86_64";
	opt.srcarch = "x86";
	r = kc_kbuild_walk(&opt, &d);
	if (r) {
		kc_kbuild_format_text(r, &out);
		kc_kbuild_format_json(r, "6.12.0", &out);
		kc_kbuild_format_order(r, &out);
		kc_kbuild_format_builtin(r, &out);
		kc_kbuild_format_lists(r, &out);
		kc_kbuild_result_free(r);
	}
	kc_buf_free(&out);
	kc_diags_free(&d);
	fuzz_tree_release(&t);
	return 0;
}
