// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_conf_semantics.c - small Kconfig trees resolved end to end (parse,
 * evaluate, write the .config), each with the .config and the messages the
 * kernel's own conf gives for it: the places where 6.12's conf simplifies,
 * warns or writes something a plain reading of the language would not,
 * and the places where 6.1's conf differs from 6.12's (the model's kernel
 * version chooses).  The expected texts were taken from running the conf
 * of each version on the same files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kc_config.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_model.h"

struct result {
	int ok;			/* the model parsed */
	struct kc_buf config;	/* the .config written, without its heading */
	struct kc_buf msgs;	/* every diagnostic, one a line */
};

static void write_file(const char *dir, const char *name, const char *text,
		       size_t len)
{
	char *path = kc_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void add_diags(struct result *r, const struct kc_diags *d)
{
	size_t i;

	for (i = 0; i < d->len; i++) {
		kc_diag_format(&d->items[i], &r->msgs);
		kc_buf_addc(&r->msgs, '\n');
	}
}

/*
 * Resolves 'config' (config_len bytes) against 'kconfig' as a model of
 * kernel 'version' (NULL: unknown); r->config gets the .config after its
 * four heading lines.
 */
static void resolve_n(struct result *r, const char *version,
		      const char *kconfig, const char *config,
		      size_t config_len)
{
	char dir[] = "/tmp/kc-test-conf-XXXXXX";
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_disk_fs dfs;
	struct kc_model *m;
	struct kc_config *cfg;
	struct kc_eval *ev;
	struct kc_buf out = KC_BUF_INIT;
	const char *body;
	char *path;
	int i;

	memset(r, 0, sizeof(*r));
	assert_non_null(mkdtemp(dir));
	write_file(dir, "Kconfig", kconfig, strlen(kconfig));
	write_file(dir, ".config", config, config_len);
	kc_disk_fs_init(&dfs, dir);
	opt.fs = &dfs.fs;
	opt.kernel_version = version;
	m = kc_parse(&opt, &d);
	path = kc_xasprintf("%s/.config", dir);
	if (m) {
		r->ok = 1;
		cfg = kc_config_read(path, NULL, &d);
		assert_non_null(cfg);
		ev = kc_eval_new(m, cfg, NULL);
		kc_eval_write_config(ev, "CONFIG_", &out);
		body = kc_buf_str(&out);
		for (i = 0; i < 4 && strchr(body, '\n'); i++)
			body = strchr(body, '\n') + 1;
		kc_buf_adds(&r->config, body);
		kc_buf_free(&out);
		kc_eval_free(ev);
		kc_config_free(cfg);
		kc_model_free(m);
	}
	add_diags(r, &d);
	kc_diags_free(&d);
	kc_disk_fs_release(&dfs);
	unlink(path);
	free(path);
	path = kc_xasprintf("%s/Kconfig", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void resolve(struct result *r, const char *version,
		    const char *kconfig, const char *config)
{
	resolve_n(r, version, kconfig, config, strlen(config));
}

static void result_free(struct result *r)
{
	kc_buf_free(&r->config);
	kc_buf_free(&r->msgs);
}

static void expect(const char *version, const char *kconfig,
		   const char *config, const char *want_config,
		   const char *want_msgs)
{
	struct result r;

	resolve(&r, version, kconfig, config);
	assert_string_equal(kc_buf_str(&r.msgs), want_msgs);
	assert_true(r.ok);
	assert_string_equal(kc_buf_str(&r.config), want_config);
	result_free(&r);
}

/* ---- 6.12: what conf simplifies before looking for recursion -------------- */

static void test_bool_tested_for_m(void **state)
{
	(void)state;
	expect(NULL, "config A\n\tbool \"a\"\n\tdepends on A = m\n", "", "",
	       "warning: boolean symbol A tested for 'm'? test forced to 'n'\n");
	expect(NULL, "config A\n\tbool \"a\"\n\tdepends on A != m\n", "",
	       "# CONFIG_A is not set\n",
	       "warning: boolean symbol A tested for 'm'? test forced to 'y'\n");
}

static void test_or_y_and_n_simplified(void **state)
{
	(void)state;
	expect(NULL,
	       "config B\n\tbool \"b\"\n\tdepends on A\n"
	       "config A\n\tbool \"a\"\n\tdepends on B || y\n",
	       "", "# CONFIG_A is not set\n", "");
	expect(NULL,
	       "config C\n\tbool \"c\"\n\tdepends on A\n"
	       "config A\n\tbool \"a\"\n\tdepends on n && C\n",
	       "", "", "");
	expect(NULL, "config A\n\tbool \"a\"\n\tdepends on A || !A\n", "",
	       "# CONFIG_A is not set\n", "");
}

static void test_choice_depends_on_n(void **state)
{
	(void)state;
	expect(NULL,
	       "config X\n\tbool \"x\"\n"
	       "choice\n\tprompt \"c\"\n\tdepends on n\n"
	       "config P\n\tbool \"p\"\n\tdepends on Q\n"
	       "config Q\n\tbool \"q\"\n\tdepends on P\nendchoice\n",
	       "", "# CONFIG_X is not set\n", "");
}

static void test_prompt_if_m_without_modules(void **state)
{
	(void)state;
	expect(NULL,
	       "config X\n\tbool \"x\" if m\n"
	       "config Y\n\tbool \"y\"\n\tdepends on X\n",
	       "", "", "");
}

/*
 * Without --shell, a symbol selected by one whose dependencies rest on a
 * $(shell,...) probe (6.1's arm64 GCC_SUPPORTS_DYNAMIC_FTRACE_WITH_REGS)
 * comes from the build machine too: it keeps the .config's value, and so
 * does what depends on it.
 */
static void test_select_under_probe_keeps_config_value(void **state)
{
	static const char kconfig[] =
		"config CC_IS_GCC\n\tdef_bool y\n"
		"config GCC_HAS_X\n\tdef_bool CC_IS_GCC\n"
		"\tdepends on $(shell,true)\n\tselect HAVE_X\n"
		"config HAVE_X\n\tbool\n"
		"config USE_X\n\tbool \"use x\"\n\tdepends on HAVE_X\n";

	(void)state;
	expect(NULL, kconfig,
	       "CONFIG_GCC_HAS_X=y\nCONFIG_HAVE_X=y\nCONFIG_USE_X=y\n",
	       "CONFIG_CC_IS_GCC=y\nCONFIG_GCC_HAS_X=y\nCONFIG_HAVE_X=y\n"
	       "CONFIG_USE_X=y\n",
	       "");
	/* A .config that does not give it: computed, the probe reading n. */
	expect(NULL, kconfig, "CONFIG_GCC_HAS_X=y\nCONFIG_USE_X=y\n",
	       "CONFIG_CC_IS_GCC=y\nCONFIG_GCC_HAS_X=y\n", "");
}

/* ---- 6.12: values ----------------------------------------------------------------- */

static void test_bool_symbol_as_text_default(void **state)
{
	(void)state;
	expect(NULL,
	       "config A\n\tbool\n\tdefault y\n"
	       "config S\n\tstring\n\tdefault A\n"
	       "config I\n\tint\n\tdefault A\n"
	       "config H\n\thex\n\tdefault A\n",
	       "", "CONFIG_A=y\nCONFIG_S=\"n\"\nCONFIG_I=n\nCONFIG_H=n\n",
	       "Kconfig:9: warning: 'I': number is invalid\n"
	       "Kconfig:12: warning: 'H': number is invalid\n");
}

/* An unrun probe's output is no number: the tree is not at fault. */
static void test_unrun_probe_number_not_warned(void **state)
{
	(void)state;
	expect(NULL, "config V\n\tint\n\tdefault $(shell,echo 7)\n", "",
	       "CONFIG_V=n\n", "");
}

static void test_number_and_range_warnings(void **state)
{
	(void)state;
	expect(NULL,
	       "config J\n\tint\n\tdefault 3\n"
	       "config I3\n\tint\n\tdefault 0x10\n"
	       "config K\n\tint\n\tdefault \"x\"\n\trange 1 FOO\n"
	       "config L\n\tint\n\tdefault 5\n\trange 10 1\n"
	       "config I5\n\tint\n\trange J 5\n",
	       "", "CONFIG_J=3\nCONFIG_I3=0x10\nCONFIG_K=1\nCONFIG_L=10\n",
	       "Kconfig:6: warning: 'I3': number is invalid\n"
	       "Kconfig:9: warning: 'K': number is invalid\n"
	       "Kconfig:10: warning: range is invalid\n");
}

static void test_lineno_in_simple_assignment(void **state)
{
	(void)state;
	expect(NULL, "X := $(lineno)\nconfig S\n\tstring\n\tdefault \"$(X)\"\n",
	       "", "CONFIG_S=\"2\"\n", "");
}

static void test_menuconfig_in_choice(void **state)
{
	struct result r;

	(void)state;
	resolve(&r, NULL, "choice\n\tprompt \"c\"\nmenuconfig A\n\tbool \"a\"\nendchoice\n",
		"");
	assert_false(r.ok);
	assert_non_null(strstr(kc_buf_str(&r.msgs),
			       "Kconfig:3:1: error: 'menuconfig' is not allowed inside a choice"));
	result_free(&r);
}

static void test_warning_places(void **state)
{
	(void)state;
	expect(NULL,
	       "menuconfig M\n\tbool\nconfig A\n\tbool \"a\"\n\thelp\n\n"
	       "config B\n\tbool \"b\"\nconfig B\n\tint\n",
	       "", "# CONFIG_A is not set\n# CONFIG_B is not set\n",
	       "Kconfig:3: warning: menuconfig statement without prompt\n"
	       "Kconfig:7: warning: 'A' defined with blank help text\n"
	       "Kconfig:9: warning: ignoring type redefinition of 'B' from 'bool' to 'integer'\n");
}

static void test_choice_default_outside(void **state)
{
	(void)state;
	expect(NULL,
	       "config X\n\tbool \"x\"\nchoice\n\tprompt \"c\"\n\tdefault X\n"
	       "config A\n\tbool \"a\"\nendchoice\n",
	       "", "# CONFIG_X is not set\n# CONFIG_A is not set\n",
	       "Kconfig:5: warning: choice default symbol 'X' is not contained in the choice\n");
}

/* ---- 6.1 against 6.12 ------------------------------------------------------------- */

static const char *const choices =
	"config MODULES\n\tbool \"modules\"\n\tdefault y\n\tmodules\n"
	"config DEP\n\ttristate \"dep\"\n"
	"config S\n\tstring \"s\"\n"
	"choice\n\tprompt \"tc\"\n\tdepends on DEP\n"
	"config A\n\ttristate \"a\"\nconfig B\n\ttristate \"b\"\nendchoice\n"
	"choice\n\tprompt \"bc\" if S != \"\"\n"
	"config C\n\tbool \"c\"\nconfig D\n\tbool \"d\"\nendchoice\n"
	"choice\n\tprompt \"oc\"\n\toptional\n"
	"config E\n\tbool \"e\"\nconfig F\n\tbool \"f\"\nendchoice\n"
	"config R\n\tint \"r\"\n\trange 4 256\n\tdefault 32\n";

static void test_61_invisible_choice_writes_no_member(void **state)
{
	(void)state;
	expect("6.1", choices, "",
	       "CONFIG_MODULES=y\n# CONFIG_DEP is not set\nCONFIG_S=\"\"\n"
	       "CONFIG_R=32\n", "");
}

static void test_61_tristate_choice(void **state)
{
	(void)state;
	/* Visible at m, no member set: the choice is m, every member n. */
	expect("6.1", choices, "CONFIG_DEP=m\n",
	       "CONFIG_MODULES=y\nCONFIG_DEP=m\nCONFIG_S=\"\"\n"
	       "# CONFIG_A is not set\n# CONFIG_B is not set\nCONFIG_R=32\n", "");
	/* m mode: each member its own value, at most m. */
	expect("6.1", choices, "CONFIG_DEP=m\nCONFIG_A=y\nCONFIG_B=y\n",
	       "CONFIG_MODULES=y\nCONFIG_DEP=m\nCONFIG_S=\"\"\n"
	       "CONFIG_A=m\nCONFIG_B=m\nCONFIG_R=32\n", "");
	/* An m after a y: inconsistent, the choice keeps no value. */
	expect("6.1", choices, "CONFIG_DEP=y\nCONFIG_B=y\nCONFIG_A=m\n",
	       "CONFIG_MODULES=y\nCONFIG_DEP=y\nCONFIG_S=\"\"\n"
	       "CONFIG_A=m\nCONFIG_B=m\nCONFIG_R=32\n", "");
	/* The member last read as y is chosen, even if set n later. */
	expect("6.1", choices, "CONFIG_DEP=y\nCONFIG_A=y\nCONFIG_A=n\n",
	       "CONFIG_MODULES=y\nCONFIG_DEP=y\nCONFIG_S=\"\"\n"
	       "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_R=32\n", "");
}

/*
 * Before 6.11 an entry in a choice that needs the member before it is
 * placed under that member and is no member itself; 6.12 keeps it a member
 * and calls the dependency on its sibling a cycle.
 */
static void test_61_entry_under_member_in_choice(void **state)
{
	static const char kconfig[] =
		"choice\n\tprompt \"c\"\n"
		"config CA\n\tbool \"a\"\n"
		"config CB\n\tbool \"b\"\n\tdepends on CA\n"
		"endchoice\n";
	struct result r;

	(void)state;
	expect("6.1", kconfig, "CONFIG_CA=y\nCONFIG_CB=y\n",
	       "CONFIG_CA=y\nCONFIG_CB=y\n", "");
	expect("6.1", kconfig, "", "CONFIG_CA=y\n# CONFIG_CB is not set\n", "");
	resolve(&r, NULL, kconfig, "");
	assert_false(r.ok);
	assert_non_null(strstr(kc_buf_str(&r.msgs), "recursive dependency"));
	result_free(&r);
}

/*
 * Before 6.11 an entry that names the member before it without needing it
 * (!A) nests only if its dependencies include all of the member's: here
 * the member has none, so CB nests; once CA depends on X, CB stays a
 * member and the dependency on its sibling is a cycle.
 */
static void test_61_entry_naming_member_in_choice(void **state)
{
	struct result r;

	(void)state;
	expect("6.1",
	       "config X\n\tbool \"x\"\n"
	       "choice\n\tprompt \"c\"\n"
	       "config CA\n\tbool \"a\"\n"
	       "config CB\n\tbool \"b\"\n\tdepends on X && !CA\n"
	       "config CC\n\tbool \"c\"\n"
	       "endchoice\n",
	       "CONFIG_X=y\nCONFIG_CC=y\nCONFIG_CB=y\n",
	       "CONFIG_X=y\n# CONFIG_CA is not set\nCONFIG_CB=y\nCONFIG_CC=y\n", "");
	resolve(&r, "6.1",
		"config X\n\tbool \"x\"\n"
		"choice\n\tprompt \"c\"\n"
		"config CA\n\tbool \"a\"\n\tdepends on X\n"
		"config CB\n\tbool \"b\"\n\tdepends on !CA\n"
		"endchoice\n",
		"");
	assert_false(r.ok);
	assert_non_null(strstr(kc_buf_str(&r.msgs), "recursive dependency"));
	result_free(&r);
}

static void test_61_optional_choice(void **state)
{
	(void)state;
	expect("6.1", choices, "CONFIG_F=y\nCONFIG_E=y\n",
	       "CONFIG_MODULES=y\n# CONFIG_DEP is not set\nCONFIG_S=\"\"\n"
	       "CONFIG_E=y\n# CONFIG_F is not set\nCONFIG_R=32\n", "");
}

static void test_61_out_of_range_dropped(void **state)
{
	(void)state;
	expect("6.1", choices, "CONFIG_R=5060\n",
	       "CONFIG_MODULES=y\n# CONFIG_DEP is not set\nCONFIG_S=\"\"\n"
	       "CONFIG_R=32\n", "");
	/* 6.12 clamps it. */
	expect("6.12",
	       "config R\n\tint \"r\"\n\trange 4 256\n\tdefault 32\n",
	       "CONFIG_R=5060\n", "CONFIG_R=256\n", "");
}

static void test_61_not_set_read_by_its_start(void **state)
{
	static const char *const k = "config A\n\tbool \"a\"\n\tdefault y\n"
				     "config B\n\tbool \"b\"\n\tdefault y\n";
	static const char *const c = "# CONFIG_A is not set \n"
				     "# CONFIG_B is not settled\n";

	(void)state;
	expect("6.1", k, c, "# CONFIG_A is not set\n# CONFIG_B is not set\n", "");
	expect("6.12", k, c, "CONFIG_A=y\nCONFIG_B=y\n", "");
}

static void test_nul_byte_as_conf_reads_it(void **state)
{
	static const char text[] = "CONFIG_S=\"a\0b\"\nCONFIG_T=\"t\"\n";
	char dir[] = "/tmp/kc-test-nul-XXXXXX";
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c;
	char *path;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, ".config", text, sizeof(text) - 1);
	path = kc_xasprintf("%s/.config", dir);
	/* A gate refuses the file... */
	assert_null(kc_config_read(path, NULL, &d));
	kc_diags_free(&d);
	/* ...resolve reads it as conf does: the line ends at the NUL. */
	c = kc_config_read_as_conf(path, NULL, &d);
	assert_non_null(c);
	assert_int_equal(c->len, 2);
	assert_string_equal(c->items[0].raw, "\"a");
	assert_null(c->items[0].unquoted);
	assert_string_equal(c->items[1].unquoted, "t");
	assert_int_equal(d.len, 1);
	assert_non_null(strstr(d.items[0].message, "NUL byte ends the line"));
	kc_config_free(c);
	kc_diags_free(&d);
	unlink(path);
	free(path);
	rmdir(dir);
}

/*
 * A reading with a keep filter keeps the names whose first word starts as
 * one of the filter's does (a superset of what a partial model needs),
 * counts the others, still reports malformed lines, and keeps no text.
 */
static void test_keep_filter(void **state)
{
	static const char text[] =
		"CONFIG_VFIO=m\n"
		"# CONFIG_VFIO_NOIOMMU is not set\n"
		"CONFIG_VFIX_TYPO=y\n"	/* same first word start: kept */
		"CONFIG_NET=y\n"
		"# CONFIG_USB is not set\n"
		"# CONFIG_SND is a comment\n"
		"CONFIG_BROKEN\n"
		"CONFIG_S=\"x\"\n"
		"CONFIG_P=\"x\"\n"		/* the first word "P" is not "PCI" */
		"CONFIG_PCI_MSI=y\n";
	char dir[] = "/tmp/kc-test-keep-XXXXXX";
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config_keep *keep = malloc(sizeof(*keep));
	struct kc_disk_fs dfs;
	struct kc_config *c;
	char *path;

	(void)state;
	assert_non_null(keep);
	assert_non_null(mkdtemp(dir));
	write_file(dir, ".config", text, sizeof(text) - 1);
	path = kc_xasprintf("%s/.config", dir);
	kc_config_keep_init(keep);
	kc_config_keep_add(keep, "VFIO_PCI");
	kc_config_keep_add(keep, "PCI");
	kc_config_keep_add(keep, "S");
	assert_true(kc_config_keep_may(keep, "VFIO", 4));
	assert_true(kc_config_keep_may(keep, "PCI_MSI", 7));
	assert_false(kc_config_keep_may(keep, "NET", 3));
	kc_disk_fs_init(&dfs, NULL);
	c = kc_config_read_fs_keep(&dfs.fs, path, NULL, keep, &d);
	kc_disk_fs_release(&dfs);
	assert_non_null(c);
	assert_null(c->text);
	assert_int_equal(c->len, 5);
	assert_int_equal(c->dropped, 3);
	assert_string_equal(c->items[0].name, "VFIO");
	assert_string_equal(c->items[0].raw, "m");
	assert_int_equal(c->items[1].kind, KC_ASSIGN_NOT_SET);
	assert_string_equal(c->items[1].name, "VFIO_NOIOMMU");
	assert_string_equal(c->items[2].name, "VFIX_TYPO");
	assert_string_equal(c->items[3].unquoted, "x");
	assert_string_equal(c->items[4].name, "PCI_MSI");
	assert_int_equal(c->items[4].line, 10);
	assert_int_equal(d.len, 1);
	assert_int_equal(d.items[0].line, 7);
	assert_non_null(strstr(d.items[0].message, "unexpected data"));
	kc_config_free(c);
	kc_diags_free(&d);
	free(keep);
	unlink(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bool_tested_for_m),
		cmocka_unit_test(test_or_y_and_n_simplified),
		cmocka_unit_test(test_choice_depends_on_n),
		cmocka_unit_test(test_prompt_if_m_without_modules),
		cmocka_unit_test(test_select_under_probe_keeps_config_value),
		cmocka_unit_test(test_bool_symbol_as_text_default),
		cmocka_unit_test(test_unrun_probe_number_not_warned),
		cmocka_unit_test(test_number_and_range_warnings),
		cmocka_unit_test(test_lineno_in_simple_assignment),
		cmocka_unit_test(test_menuconfig_in_choice),
		cmocka_unit_test(test_warning_places),
		cmocka_unit_test(test_choice_default_outside),
		cmocka_unit_test(test_61_invisible_choice_writes_no_member),
		cmocka_unit_test(test_61_tristate_choice),
		cmocka_unit_test(test_61_optional_choice),
		cmocka_unit_test(test_61_entry_under_member_in_choice),
		cmocka_unit_test(test_61_entry_naming_member_in_choice),
		cmocka_unit_test(test_61_out_of_range_dropped),
		cmocka_unit_test(test_61_not_set_read_by_its_start),
		cmocka_unit_test(test_nul_byte_as_conf_reads_it),
		cmocka_unit_test(test_keep_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
