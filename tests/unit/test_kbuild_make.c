/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_kbuild_make.c - the Makefile reader of the Kbuild layer, through an
 * in-memory tree: variable flavours, the functions, conditionals, define,
 * include, and the errors that must be located (a self-referencing
 * variable, $(error), unterminated references, deep includes).  The
 * expected texts are what GNU make 4.3 prints for the same Makefiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_kbuild.h"

/* ---- an in-memory tree ---------------------------------------------------------- */

struct file {
	const char *path;
	const char *text;
};

static const char *clean(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

static int mem_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	const struct file *f;

	for (f = ctx; f->path; f++) {
		if (strcmp(f->path, clean(path)))
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
	size_t n;
	bool found = false;

	dir = clean(dir);
	n = strcmp(dir, ".") ? strlen(dir) : 0;
	for (f = ctx; f->path; f++) {
		const char *rest = f->path, *slash;
		size_t k, i;
		bool dup = false;

		if (n) {
			if (strncmp(rest, dir, n) || rest[n] != '/')
				continue;
			rest += n + 1;
		}
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

	for (kv = ctx; kv && kv[0]; kv += 2)
		if (!strcmp(kv[0], name))
			return kv[1];
	return NULL;
}

static const char *const no_config[] = { NULL };

static struct kc_kbuild_result *walk(const struct file *files,
				     const char *const *config,
				     struct kc_diags *d)
{
	struct kc_fs fs = { .read = mem_read, .ctx = (void *)files };
	struct kc_kbuild_options o = { 0 };

	o.fs = &fs;
	o.list = mem_list;
	o.list_ctx = (void *)files;
	o.config = config_of;
	o.config_ctx = (void *)config;
	o.modinfo = true;
	return kc_kbuild_walk(&o, d);
}

/* The $(info) lines of the walk, one per line. */
static char *infos(const struct kc_diags *d)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < d->len; i++)
		if (d->items[i].severity == KC_SEV_NOTE)
			kc_buf_addf(&b, "%s\n", d->items[i].message);
	return kc_buf_detach(&b);
}

/* Reads 'kbuild' as the top Kbuild; checks $(info) output and no errors. */
static void expect_infos(const char *kbuild, const char *want)
{
	const struct file files[] = { { "Kbuild", kbuild }, { NULL, NULL } };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r = walk(files, no_config, &d);
	char *got = infos(&d);

	assert_non_null(r);
	assert_string_equal(got, want);
	assert_int_equal(d.errors, 0);
	free(got);
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

/* Reads the files; expects one error at file:line containing 'part'. */
static void expect_error(const struct file *files, const char *file, int line,
			 const char *part)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r = walk(files, no_config, &d);
	size_t i;
	bool found = false;

	for (i = 0; i < d.len; i++) {
		const struct kc_diag *g = &d.items[i];

		if (g->severity != KC_SEV_ERROR)
			continue;
		if (!g->file || strcmp(g->file, file) || g->line != line ||
		    !strstr(g->message, part))
			print_error("unexpected error %s:%d: %s\n",
				    g->file ? g->file : "-", g->line, g->message);
		else
			found = true;
	}
	assert_true(found);
	if (r)
		assert_false(r->complete);
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

/* ---- variables ---------------------------------------------------------------------- */

static void test_flavours(void **state)
{
	(void)state;
	expect_infos("V = a.o\n"
		     "obj-y += $(V) b.o\n"
		     "V = c.o\n"
		     "X := 1\n"
		     "X += $(V)\n"
		     "R = $(V)\n"
		     "R += d\n"
		     "V = e.o\n"
		     "C ?= first\n"
		     "C ?= second\n"
		     "S ::= s\n"
		     "E :=\n"
		     "E += \n"
		     "$(info [$(obj-y)] [$(X)] [$(R)] [$(C)] [$(S)] [$(E)])\n"
		     "T = 1  \n"
		     "$(info [$(T)])\n",
		     "[a.o b.o] [1 c.o] [e.o d] [first] [s] []\n[1  ]\n");
}

static void test_references(void **state)
{
	(void)state;
	expect_infos("o := a.o b.o\n"
		     "n := o\n"
		     "a-y := x.o\n"
		     "$(info [$(o:.o=.c)] [$(o:%.o=%-y)] [${o}] [$($(n))])\n"
		     "$(info [$(foreach m,$(o),$($(m:.o=-y)))] [$$o] [$(n)x])\n"
		     "$(info [$(o:.o= .c)])\n",
		     "[a.c b.c] [a-y b-y] [a.o b.o] [a.o b.o]\n"
		     "[x.o ] [$o] [ox]\n"
		     "[a .c b .c]\n");
}

static void test_config_values(void **state)
{
	static const char *const config[] = {
		"CONFIG_A", "y", "CONFIG_B", "m", "CONFIG_S", "\"text\"",
		NULL,
	};
	const struct file files[] = {
		{ "Kbuild", "obj-$(CONFIG_A) += a.o\n"
			    "obj-$(CONFIG_B) += b.o\n"
			    "obj-$(CONFIG_C) += c.o\n"
			    "ifdef CONFIG_A\n$(info A)\nendif\n"
			    "ifndef CONFIG_C\n$(info no C)\nendif\n"
			    "CONFIG_B := y\n"
			    "$(info $(CONFIG_S) $(CONFIG_B) [$(CONFIG_C)])\n" },
		{ NULL, NULL },
	};
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r = walk(files, config, &d);
	char *got = infos(&d);

	assert_string_equal(got, "A\nno C\n\"text\" y []\n");
	assert_int_equal(r->order.len, 1);
	assert_string_equal(r->order.items[0], "b.o");
	free(got);
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

/* ---- functions -------------------------------------------------------------------------- */

static void test_text_functions(void **state)
{
	(void)state;
	expect_infos("$(info [$(wordlist 2,3,a b c d)] [$(lastword a b)] [$(join a b,1 2)] [$(sort b a b)])\n"
		     "$(info [$(if $(filter x,y),t,e)] [$(or ,z)] [$(and a,b)] [$(subst .o,.c,a.o)] [$(patsubst %.o,%.c,a.o b.h)])\n"
		     "$(info [$(dir a/b c)] [$(notdir a/b)] [$(basename a/b.c)] [$(suffix a/b.c)] [$(addprefix p/,a b)] [$(addsuffix .o,a b)] [$(findstring b,abc)] [$(strip  a  b )])\n"
		     "$(info [$(words a b  c)] [$(firstword x y)] [$(word 2,x y z)] [$(filter-out a%,ab b ac)] [$(if  ,a,b,c)])\n"
		     "$(info [$(patsubst %.o, %.c, a.o b.o)] [$(subst a, b,a.o)] [$(notdir a/b c/)])\n",
		     "[b c] [b] [a1 b2] [a b]\n"
		     "[e] [z] [b] [a.c] [a.c b.h]\n"
		     "[a/ ./] [b] [a/b] [.c] [p/a p/b] [a.o b.o] [b] [a b]\n"
		     "[3] [x] [y] [b] [b,c]\n"
		     "[ a.c  b.c] [ b.o] [b ]\n");
}

static void test_call_eval_value(void **state)
{
	(void)state;
	expect_infos("f = <$(1)|$(2)|$(0)>\n"
		     "g = $(call f,$(1)x)\n"
		     "$(info [$(call f,1,2)] [$(call g,a,b)] [$(call nothing,a)])\n"
		     "$(eval E := $(words a b))\n"
		     "define mk\n$(1)-y := $(2)\nendef\n"
		     "$(eval $(call mk,foo,x.o y.o))\n"
		     "$(info [$(E)] [$(origin E)] [$(flavor g)] [$(value g)] [$(foo-y)])\n"
		     "$(info [$(origin undefined)] [$(flavor undefined)] [$(origin obj)])\n"
		     "$(info [$(call gcc-min-version, 100000)])\n"
		     "reverse = $(if $(1),$(call reverse,$(wordlist 2,$(words $(1)),$(1))) $(firstword $(1)))\n"
		     "$(info [$(strip $(call reverse,a b c d))])\n",
		     "[<1|2|f>] [<ax||f>] []\n"
		     "[2] [file] [recursive] [$(call f,$(1)x)] [x.o y.o]\n"
		     "[undefined] [undefined] [command line]\n"
		     "[]\n[d c b a]\n");
}

static void test_conditionals(void **state)
{
	(void)state;
	expect_infos("X := 1 c.o\n"
		     "ifeq ($(X),1 c.o)\n$(info yes)\nelse ifeq (a,a)\n$(info no)\nendif\n"
		     "ifeq ($(X),2)\n$(info no)\nelse ifeq (a,a)\n$(info else-if)\nelse\n$(info no)\nendif\n"
		     "ifneq \"$(filter c.o,$(X))\" ''\n$(info quoted)\nendif\n"
		     "ifdef X\n  ifndef Y\n    ifeq (a, a)\n$(info nested)\n    endif\n  endif\nelse\n$(info no)\nendif\n"
		     "ifeq (1,2)\ndefine skipped\nendif\nendef\n$(error not read)\nendif\n"
		     "E =\nifdef E\n$(info no)\nelse\n$(info empty-undef)\nendif\n",
		     "yes\nelse-if\nquoted\nnested\nempty-undef\n");
}

static void test_lines(void **state)
{
	(void)state;
	/* continuations, comments, rules and recipes */
	expect_infos("A := a \\\n     b \\\n\tc # comment \\\n still comment\n"
		     "B := x\\#y\n"
		     "$(obj)/foo.o: CFLAGS += -DX\n"
		     "target: prereq\n"
		     "\t$(error recipe lines are not read)\n"
		     "\tA := recipe\n"
		     "C = after\n"
		     "$(info [$(A)] [$(B)] [$(C)])\n"
		     "override D := o\nD := no\nexport F := f\nunexport F\n"
		     "$(info [$(D)] [$(F)])\n"
		     "G := $(subst a,b,x#y) # a '#' in a reference is no comment\n"
		     "H := $$(x) # $$ is no reference\n"
		     "$(info [$(G)] [$(value H)])\n",
		     "[a b c ] [x#y] [after]\n[o] [f]\n[x#y ] [$(x) ]\n");
}

static void test_wildcard_include(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "obj-y += sub/\n"
			    "include $(srctree)/inc.mk\n"
			    "-include missing.mk\n"
			    "sinclude missing.mk\n"
			    "$(info [$(INC)] [$(wildcard sub/*.c)] [$(wildcard sub/Kbuild sub/Makefile)])\n"
			    "$(info [$(notdir $(wildcard $(srctree)/sub/[ab].c))])\n" },
		{ "inc.mk", "INC := included\n" },
		{ "sub/Makefile", "obj-y += a.o\n" },
		{ "sub/a.c", "" },
		{ "sub/b.c", "" },
		{ "sub/c.h", "" },
		{ NULL, NULL },
	};
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r = walk(files, no_config, &d);
	char *got = infos(&d);

	assert_string_equal(got, "[included] [sub/a.c sub/b.c] [sub/Makefile]\n"
				 "[a.c b.c]\n");
	assert_int_equal(d.errors, 0);
	free(got);
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

static void test_build_machine(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "X := $(shell uname -r)\n"
			    "ccflags-y += $(call cc-option,-fno-foo)\n"
			    "obj-$(call as-instr,nop,y) += probe.o\n"
			    "Y != echo hi\n"
			    "$(info [$(X)] [$(Y)] [$(wildcard /etc/passwd)])\n"
			    "-include /etc/os-release\n" },
		{ NULL, NULL },
	};
	static const char *const what[] = { "uname -r", "cc-option",
					    "as-instr", "echo hi",
					    "/etc/passwd", "/etc/os-release" };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kbuild_result *r = walk(files, no_config, &d);
	char *got = infos(&d);
	size_t i;

	assert_string_equal(got, "[] [] []\n");
	assert_int_equal(r->probes.len, 6);
	for (i = 0; i < 6; i++) {
		const struct kc_kbuild_probe *p = r->probes.items[i];

		assert_string_equal(p->file, "Kbuild");
		assert_int_equal(p->line, i < 5 ? (int)i + 1 : 6);
		assert_string_equal(p->what, what[i]);
	}
	assert_int_equal(r->builtin_objects.len, 0);
	free(got);
	kc_kbuild_result_free(r);
	kc_diags_free(&d);
}

/* ---- errors ------------------------------------------------------------------------------- */

static void test_errors(void **state)
{
	const struct file self[] = {
		{ "Kbuild", "\nx = $(y)\ny = $(x)\na := $(x)\n" },
		{ NULL, NULL } };
	const struct file err[] = {
		{ "Kbuild", "obj-y += a.o\n$(error stop here)\nobj-y += b.o\n" },
		{ NULL, NULL } };
	const struct file unterminated[] = {
		{ "Kbuild", "\n\nA := $(foo\n" }, { NULL, NULL } };
	const struct file endif[] = {
		{ "Kbuild", "ifdef A\nB := 1\n" }, { NULL, NULL } };
	const struct file extra[] = {
		{ "Kbuild", "\nendif\n" }, { NULL, NULL } };
	const struct file loop[] = {
		{ "Kbuild", "include Kbuild\n" }, { NULL, NULL } };
	const struct file missing[] = {
		{ "Kbuild", "obj-y += a.o\ninclude nothere.mk\n" },
		{ NULL, NULL } };
	const struct file separator[] = {
		{ "Kbuild", "just words\n" }, { NULL, NULL } };
	const struct file define[] = {
		{ "Kbuild", "define X\nnever ended\n" }, { NULL, NULL } };
	const struct file args[] = {
		{ "Kbuild", "A := $(word x,a b)\n" }, { NULL, NULL } };
	const struct file endless[] = {
		{ "Kbuild", "f = $(call f,$(1)x)\nA := $(call f)\n" },
		{ NULL, NULL } };
	const struct file nodir[] = {
		{ "Kbuild", "obj-y += sub/\n" }, { NULL, NULL } };

	(void)state;
	expect_error(self, "Kbuild", 2,
		     "Recursive variable 'x' references itself (eventually)");
	expect_error(err, "Kbuild", 2, "stop here");
	expect_error(unterminated, "Kbuild", 3, "unterminated variable reference");
	expect_error(endif, "Kbuild", 1, "missing 'endif'");
	expect_error(extra, "Kbuild", 2, "extraneous 'endif'");
	expect_error(loop, "Kbuild", 1, "nested deeper than");
	expect_error(missing, "Kbuild", 2, "nothere.mk: No such file");
	expect_error(separator, "Kbuild", 1, "missing separator");
	expect_error(define, "Kbuild", 1, "missing 'endef'");
	expect_error(args, "Kbuild", 1, "non-numeric first argument to 'word'");
	expect_error(endless, "Kbuild", 2, "nested deeper than 1000");
	expect_error(nodir, "sub/Makefile", 0, "no Kbuild or Makefile");
}

/* A Makefile that expands exponentially stops at the output cap. */
static void test_output_cap(void **state)
{
	const struct file files[] = {
		{ "Kbuild", "a0 := x x x x x x x x x x x x x x x x\n"
			    "a1 = $(a0)$(a0)$(a0)$(a0)$(a0)$(a0)$(a0)$(a0)\n"
			    "a2 = $(a1)$(a1)$(a1)$(a1)$(a1)$(a1)$(a1)$(a1)\n"
			    "a3 = $(a2)$(a2)$(a2)$(a2)$(a2)$(a2)$(a2)$(a2)\n"
			    "a4 = $(a3)$(a3)$(a3)$(a3)$(a3)$(a3)$(a3)$(a3)\n"
			    "a5 = $(a4)$(a4)$(a4)$(a4)$(a4)$(a4)$(a4)$(a4)\n"
			    "a6 = $(a5)$(a5)$(a5)$(a5)$(a5)$(a5)$(a5)$(a5)\n"
			    "a7 = $(a6)$(a6)$(a6)$(a6)$(a6)$(a6)$(a6)$(a6)\n"
			    "a8 = $(a7)$(a7)$(a7)$(a7)$(a7)$(a7)$(a7)$(a7)\n"
			    "obj-y := $(a8)\n" },
		{ NULL, NULL },
	};

	(void)state;
	expect_error(files, "Kbuild", 10, "more than");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flavours),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_config_values),
		cmocka_unit_test(test_text_functions),
		cmocka_unit_test(test_call_eval_value),
		cmocka_unit_test(test_conditionals),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_wildcard_include),
		cmocka_unit_test(test_build_machine),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_output_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
