/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_kbuild_walk.c - the list rules of scripts/Makefile.lib and
 * Makefile.build on small in-memory trees: composite objects (foo-objs,
 * foo-y, foo-m, foo- alone), an object in obj-y and obj-m, subfolders in
 * obj-y, obj-m and subdir-y, Kbuild before Makefile, lib-y, the order of
 * modules.order and of the built-in objects, and modules.builtin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_kbuild.h"

struct file {
	const char *path;
	const char *text;
};

static int mem_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	const struct file *f;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (f = ctx; f->path; f++) {
		if (strcmp(f->path, path))
			continue;
		*data = kc_xstrdup(f->text);
		*len = strlen(f->text);
		return 0;
	}
	*why = "No such file or directory";
	return -1;
}

static int mem_list(void *ctx, const char *dir, struct kc_vec *names)
{
	const struct file *f;
	size_t n = strcmp(dir, ".") ? strlen(dir) : 0;
	bool found = false;

	for (f = ctx; f->path; f++) {
		const char *rest = f->path, *slash;
		size_t k, i;
		bool dup = false;

		if (n && (strncmp(rest, dir, n) || rest[n] != '/'))
			continue;
		rest += n ? n + 1 : 0;
		found = true;
		slash = strchr(rest, '/');
		k = slash ? (size_t)(slash - rest) : strlen(rest);
		for (i = 0; i < names->len && !dup; i++)
			dup = strlen(names->items[i]) == k &&
			      !strncmp(names->items[i], rest, k);
		if (!dup)
			kc_vec_push(names, kc_xstrndup(rest, k));
	}
	return found ? 0 : -1;
}

static const char *config_of(void *ctx, const char *name)
{
	const char *const *kv;

	for (kv = ctx; kv[0]; kv += 2)
		if (!strcmp(kv[0], name))
			return kv[1];
	return NULL;
}

static const char *const config[] = {
	"CONFIG_A", "y", "CONFIG_B", "m", "CONFIG_C", "m", "CONFIG_MODULES", "y",
	NULL,
};

static struct kc_kbuild_result *walk(const struct file *files)
{
	struct kc_fs fs = { .read = mem_read, .ctx = (void *)files };
	struct kc_kbuild_options o = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r;

	o.fs = &fs;
	o.list = mem_list;
	o.list_ctx = (void *)files;
	o.config = config_of;
	o.config_ctx = (void *)config;
	o.modinfo = true;
	r = kc_kbuild_walk(&o, &d);
	assert_non_null(r);
	assert_int_equal(d.errors, 0);
	assert_true(r->complete);
	kc_diags_free(&d);
	return r;
}

/* The strings of v, one per line. */
static char *lines(const struct kc_vec *v)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < v->len; i++)
		kc_buf_addf(&b, "%s\n", (const char *)v->items[i]);
	return kc_buf_detach(&b);
}

static void expect_lines(const struct kc_vec *v, const char *want)
{
	char *got = lines(v);

	assert_string_equal(got, want);
	free(got);
}

static void expect_format(const struct kc_kbuild_result *r,
			  void (*fmt)(const struct kc_kbuild_result *,
				      struct kc_buf *),
			  const char *want)
{
	struct kc_buf b = KC_BUF_INIT;

	fmt(r, &b);
	assert_string_equal(kc_buf_str(&b), want);
	kc_buf_free(&b);
}

/*
 * The top lists y/ before m/; in y/, the dir/ of obj-y come first in
 * modules.order, before the obj-m entries as written (Makefile.lib: "Just
 * put -y's first").
 */
static void test_order(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += y/\nobj-$(CONFIG_B) += m/\n" },
		{ "y/Makefile", "obj-$(CONFIG_B) += z.o\n"
				"obj-$(CONFIG_C) += sub/\n"
				"obj-y += ysub/\n"
				"obj-$(CONFIG_B) += a.o\n"
				"obj-$(CONFIG_A) += b.o\n"
				"obj-$(CONFIG_B) += b.o\n"
				"obj-$(CONFIG_B) += z.o\n" },
		{ "y/sub/Makefile", "obj-m += s.o\n" },
		{ "y/ysub/Makefile", "obj-m += ys.o\nobj-y += yb.o\n" },
		{ "m/Makefile", "obj-m += m1.o\nobj-y += not-linked.o\n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);

	(void)state;
	expect_lines(&r->order, "y/ysub/ys.o\ny/z.o\ny/sub/s.o\ny/a.o\nm/m1.o\n");
	expect_format(r, kc_kbuild_format_order,
		      "kernel/y/ysub/ys.ko\nkernel/y/z.ko\nkernel/y/sub/s.ko\n"
		      "kernel/y/a.ko\nkernel/m/m1.ko\n");
	/* b.o is in obj-y and obj-m: built in; m/ is not linked */
	expect_lines(&r->builtin_objects, "y/ysub/yb.o\ny/b.o\n");
	kc_kbuild_result_free(r);
}

static void test_composites(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += d/\n" },
		{ "d/Kbuild", "obj-m += comp.o single.o objs.o dash.o\n"
			      "obj-y += built.o\n"
			      "comp-y := c1.o c2.o\n"
			      "comp-$(CONFIG_B) += c3.o c1.o\n"
			      "comp-$(CONFIG_A) += c4.o\n"
			      "objs-objs := o1.o o2.o\n"
			      "dash- := unused.o\n"
			      "built-y := b1.o\n"
			      "built-m := ignored.o\n"
			      "built-$(CONFIG_A) += b2.o\n" },
		{ "d/Makefile", "obj-y += not-read.o\n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);

	(void)state;
	expect_format(r, kc_kbuild_format_text,
		      "m d/comp.ko\n"
		      "    d/c1.o\n    d/c2.o\n    d/c4.o\n    d/c3.o\n"
		      "m d/single.ko\n    d/single.o\n"
		      "m d/objs.ko\n    d/o1.o\n    d/o2.o\n"
		      "m d/dash.ko\n"
		      "y d/built.o\n    d/b1.o\n    d/b2.o\n");
	expect_lines(&r->builtin_objects, "d/b1.o\nd/b2.o\n");
	kc_kbuild_result_free(r);
}

static void expect_kbuild(const struct kc_kbuild_result *r, const char *want)
{
	struct kc_buf b = KC_BUF_INIT;

	kc_kbuild_format_kbuild((const struct kc_kbuild_module *const *)
				r->modules.items, r->modules.len, &b);
	assert_string_equal(kc_buf_str(&b), want);
	kc_buf_free(&b);
}

/*
 * The flags of the generated Kbuild: subdir-ccflags-y from the folders
 * above, ccflags-y less ccflags-remove-y, the object's CFLAGS_<stem>.o
 * (stem below the listing folder), remove lists (a pattern of the
 * folder's that the object's own flags add back is not removed from it);
 * tree paths made
 * reachable through $(src) or $(srctree); '$' and '#' escaped.
 */
static void test_flags(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += d/\n" },
		{ "d/Makefile", "subdir-ccflags-y += -Wextra -Wunused\n"
				"obj-y += e/\n" },
		{ "d/e/Makefile",
		  "obj-m += mod.o plain.o\n"
		  "mod-y := a.o sub/b.o s.o\n"
		  "ccflags-y += -I$(src) -I $(srctree)/include/x -DN=1\n"
		  "ccflags-$(CONFIG_A) += -DA\n"
		  "ccflags-remove-y += -Wunused -pg -Wno-%\n"
		  "CFLAGS_sub/b.o := -I$(src)/../inc -pg -DQ=a\\#b$$c -Wno-bar\n"
		  "CFLAGS_REMOVE_a.o := -Wextra\n"
		  "asflags-y := -DASM\n"
		  "AFLAGS_s.o := -include $(srctree)/arch/x86/h.h\n" },
		{ NULL, NULL },
	};
	const struct file bare[] = {
		{ "Kbuild", "obj-m += x.o\n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);

	(void)state;
	expect_kbuild(r,
		"obj-m += d/e/mod.o\n"
		"d/e/mod-y := d/e/a.o d/e/sub/b.o d/e/s.o\n"
		"CFLAGS_d/e/a.o := -Wextra -I$(src)/d/e -I $(srctree)/include/x -DN=1 -DA\n"
		"CFLAGS_REMOVE_d/e/a.o := -Wunused -pg -Wno-% -Wextra\n"
		"AFLAGS_d/e/a.o := -DASM\n"
		"CFLAGS_d/e/sub/b.o := -Wextra -I$(src)/d/e -I $(srctree)/include/x -DN=1 -DA -I$(src)/d/e/../inc -pg -DQ=a\\#b$$c -Wno-bar\n"
		"CFLAGS_REMOVE_d/e/sub/b.o := -Wunused\n"
		"AFLAGS_d/e/sub/b.o := -DASM\n"
		"CFLAGS_d/e/s.o := -Wextra -I$(src)/d/e -I $(srctree)/include/x -DN=1 -DA\n"
		"CFLAGS_REMOVE_d/e/s.o := -Wunused -pg -Wno-%\n"
		"AFLAGS_d/e/s.o := -DASM -include $(srctree)/arch/x86/h.h\n"
		"obj-m += d/e/plain.o\n"
		"CFLAGS_d/e/plain.o := -Wextra -I$(src)/d/e -I $(srctree)/include/x -DN=1 -DA\n"
		"CFLAGS_REMOVE_d/e/plain.o := -Wunused -pg -Wno-%\n"
		"AFLAGS_d/e/plain.o := -DASM\n");
	kc_kbuild_result_free(r);
	/* no flags anywhere: no flag lines */
	r = walk(bare);
	expect_kbuild(r, "obj-m += x.o\n");
	assert_null(((const struct kc_kbuild_module *)r->modules.items[0])->flags);
	kc_kbuild_result_free(r);
}

/* A folder only in subdir-y is visited, but nothing of it is collected. */
static void test_need_flags(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += a/\nsubdir-y += tools\nobj-m += m/\n" },
		{ "a/Makefile", "obj-y += a.o\nlib-y += l.o a.o\nobj-m += am.o\n" },
		{ "tools/Makefile", "obj-y += t.o\nobj-m += tm.o\n" },
		{ "m/Makefile", "obj-y += inner/\n" },
		{ "m/inner/Makefile", "obj-y += i.o\nobj-m += im.o\n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);
	size_t i;

	(void)state;
	expect_lines(&r->order, "a/am.o\nm/inner/im.o\n");
	expect_lines(&r->builtin_objects, "a/a.o\n");
	for (i = 0; i < r->dirs.len; i++) {
		const struct kc_kbuild_dir *d = r->dirs.items[i];

		if (!strcmp(d->path, "tools")) {
			assert_false(d->need_builtin);
			assert_false(d->need_modorder);
		}
		if (!strcmp(d->path, "m/inner")) {
			assert_false(d->need_builtin);
			assert_true(d->need_modorder);
		}
	}
	assert_int_equal(r->dirs.len, 5);
	kc_kbuild_result_free(r);
}

/* libs-y of the arch Makefile: its lib.a objects come after built-in.a. */
static void test_arch_and_lib(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += init/ $(ARCH_CORE) $(ARCH_LIB) $(ARCH_DRIVERS)\n" },
		{ "arch/demo/Makefile", "export BITS := 64\n"
					"core-y += arch/demo/core/\n"
					"libs-y += arch/demo/lib/\n"
					"drivers-$(CONFIG_A) += arch/demo/drv/\n"
					"all:\n\t@echo recipe\n" },
		{ "init/Makefile", "obj-y += main_$(BITS).o\n" },
		{ "arch/demo/core/Makefile", "obj-y += core.o\n" },
		{ "arch/demo/drv/Makefile", "obj-y += drv.o\n" },
		{ "lib/Makefile", "lib-y += b.o a.o\nobj-y += o.o\n" },
		{ "arch/demo/lib/Makefile", "lib-y += x.o\n" },
		{ NULL, NULL },
	};
	struct kc_fs fs = { .read = mem_read, .ctx = (void *)files };
	struct kc_kbuild_options o = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r;

	(void)state;
	o.fs = &fs;
	o.list = mem_list;
	o.list_ctx = (void *)files;
	o.config = config_of;
	o.config_ctx = (void *)config;
	o.arch = "demo";
	r = kc_kbuild_walk(&o, &d);
	assert_int_equal(d.errors, 0);
	expect_lines(&r->builtin_objects,
		     "init/main_64.o\narch/demo/core/core.o\nlib/o.o\n"
		     "arch/demo/drv/drv.o\n");
	expect_lines(&r->lib_objects, "lib/a.o\nlib/b.o\narch/demo/lib/x.o\n");
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

/*
 * modules.builtin: built-in objects whose source has MODULE_LICENSE(),
 * named by their composite (KBUILD_MODFILE), in link order.
 */
static void test_modules_builtin(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += d/ e/\n" },
		{ "d/Makefile", "obj-y += comp.o plain.o nolic.o modonly.o\n"
				"comp-y := p1.o p2.o\n" },
		{ "d/p1.c", "/* MODULE_LICENSE(\"no\") */\nint x;\n" },
		{ "d/p2.c", "MODULE_LICENSE(\"GPL\");\n" },
		{ "d/plain.c", "// MODULE_LICENSE(\"GPL\");\n"
			       "static const char *s = \"MODULE_LICENSE(x)\";\n"
			       "MODULE_LICENSE (\"GPL\");\n" },
		{ "d/nolic.c", "int y;\n" },
		{ "d/modonly.c", "#ifdef MODULE\nMODULE_LICENSE(\"GPL\");\n#endif\n" },
		{ "e/Makefile", "obj-y += shipped.o\n" },
		{ "e/shipped.c_shipped", "MODULE_LICENSE(\"GPL\");\n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);

	(void)state;
	expect_format(r, kc_kbuild_format_builtin,
		      "kernel/d/comp.ko\nkernel/d/plain.ko\nkernel/e/shipped.ko\n");
	kc_kbuild_result_free(r);
}

static void test_lists_format(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-$(CONFIG_B) += foo.o\nfoo-y := a.o\nfoo-$(CONFIG_A) += b.o\n"
			    "subdir-y := \n" },
		{ NULL, NULL },
	};
	struct kc_kbuild_result *r = walk(files);

	(void)state;
	expect_format(r, kc_kbuild_format_lists,
		      "# Kbuild need-builtin=1 need-modorder=1\n"
		      "obj-y=\nobj-m=foo.o\nlib-y=\nlib-m=\nsubdir-y=\nsubdir-m=\n"
		      "foo-y=a.o b.o\n");
	kc_kbuild_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_composites),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_need_flags),
		cmocka_unit_test(test_arch_and_lib),
		cmocka_unit_test(test_modules_builtin),
		cmocka_unit_test(test_lists_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
