// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_modes.c - the non-interactive modes of conf (kc_eval.h, enum
 * kc_eval_mode) on small trees: what each mode writes, with and without an
 * allconfig, under the semantics of Linux 6.12 and of 6.1.  The expected
 * .config texts were taken from running each version's conf
 * (`conf --MODE Kconfig`, KCONFIG_ALLCONFIG=FILE) on the same files.
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

static const char tree[] =
	"mainmenu \"Modes\"\n"
	"config MODULES\n\tbool \"Module support\"\n\tmodules\n"
	"config A\n\tbool \"A\"\n"
	"config B\n\ttristate \"B\"\n"
	"config C\n\ttristate \"C\"\n\tdepends on A\n"
	"config D\n\tbool\n\tdefault y\n"
	"config S\n\tstring \"S\"\n\tdefault \"x\"\n"
	"choice\n\tprompt \"Pick\"\n"
	"config P1\n\tbool \"P1\"\n"
	"config P2\n\tbool \"P2\"\n"
	"endchoice\n";

/* The same with 6.1's tristate and optional choices. */
static const char tree61[] =
	"mainmenu \"Modes\"\n"
	"config MODULES\n\tbool \"Module support\"\n\tmodules\n"
	"config A\n\tbool \"A\"\n"
	"config B\n\ttristate \"B\"\n"
	"choice\n\tprompt \"Pick\"\n"
	"config P1\n\tbool \"P1\"\n"
	"config P2\n\tbool \"P2\"\n"
	"endchoice\n"
	"choice\n\ttristate \"TriPick\"\n"
	"config T1\n\ttristate \"T1\"\n"
	"config T2\n\ttristate \"T2\"\n"
	"endchoice\n"
	"choice\n\tbool \"Opt\"\n\toptional\n"
	"config O1\n\tbool \"O1\"\n"
	"config O2\n\tbool \"O2\"\n"
	"endchoice\n";

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = kc_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	free(path);
}

/*
 * Runs 'mode' on 'kconfig' (a model of kernel 'version', NULL: unknown)
 * with 'allconfig' (NULL: none) and checks the .config after its heading.
 */
static void expect(const char *version, const char *kconfig,
		   enum kc_eval_mode mode, const char *allconfig,
		   const char *want)
{
	char dir[] = "/tmp/kc-test-modes-XXXXXX";
	struct kc_parse_options popt = { 0 };
	struct kc_eval_options eopt = { .mode = mode };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_config *all = NULL;
	struct kc_disk_fs dfs;
	struct kc_model *m;
	struct kc_eval *ev;
	const char *body;
	char *path;
	int i;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "Kconfig", kconfig);
	kc_disk_fs_init(&dfs, dir);
	popt.fs = &dfs.fs;
	popt.kernel_version = version;
	m = kc_parse(&popt, &d);
	assert_non_null(m);
	path = kc_xasprintf("%s/all.config", dir);
	if (allconfig) {
		write_file(dir, "all.config", allconfig);
		all = kc_config_read(path, NULL, &d);
		assert_non_null(all);
		eopt.allconfig = all;
	}
	assert_int_equal(d.len, 0);
	ev = kc_eval_new(m, NULL, &eopt);
	assert_non_null(ev);
	kc_eval_write_config(ev, "CONFIG_", &out);
	body = kc_buf_str(&out);
	for (i = 0; i < 4 && strchr(body, '\n'); i++)
		body = strchr(body, '\n') + 1;
	assert_string_equal(body, want);
	kc_buf_free(&out);
	kc_eval_free(ev);
	kc_config_free(all);
	kc_model_free(m);
	kc_diags_free(&d);
	kc_disk_fs_release(&dfs);
	unlink(path);
	free(path);
	path = kc_xasprintf("%s/Kconfig", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

static const char allconfig[] = "CONFIG_A=n\nCONFIG_P2=y\n";

static void test_names(void **state)
{
	enum kc_eval_mode mode;
	int i;

	(void)state;
	for (i = 0; i < KC_MODE_COUNT; i++) {
		assert_int_equal(kc_eval_mode_parse(kc_eval_mode_name(i), &mode), 0);
		assert_int_equal(mode, i);
	}
	assert_int_equal(kc_eval_mode_parse("oldconfig", &mode), -1);
	assert_true(kc_eval_mode_is_new_config(KC_MODE_ALLNOCONFIG));
	assert_false(kc_eval_mode_is_new_config(KC_MODE_OLDDEFCONFIG));
}

static void test_unsupported_mode_refused(void **state)
{
	struct kc_eval_options eopt = { .mode = KC_MODE_SAVEDEFCONFIG };

	(void)state;
	if (kc_eval_mode_supported(KC_MODE_SAVEDEFCONFIG))
		skip();
	/* The model is not looked at before the mode is refused. */
	assert_null(kc_eval_new(NULL, NULL, &eopt));
}

static void test_alldefconfig(void **state)
{
	(void)state;
	expect(NULL, tree, KC_MODE_ALLDEFCONFIG, NULL,
	       "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
	       "# CONFIG_B is not set\nCONFIG_D=y\nCONFIG_S=\"x\"\n"
	       "CONFIG_P1=y\n# CONFIG_P2 is not set\n");
	expect(NULL, tree, KC_MODE_ALLDEFCONFIG, allconfig,
	       "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
	       "# CONFIG_B is not set\nCONFIG_D=y\nCONFIG_S=\"x\"\n"
	       "# CONFIG_P1 is not set\nCONFIG_P2=y\n");
}

static void test_allnoconfig(void **state)
{
	(void)state;
	expect(NULL, tree, KC_MODE_ALLNOCONFIG, NULL,
	       "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
	       "# CONFIG_B is not set\nCONFIG_D=y\nCONFIG_S=\"x\"\n"
	       "CONFIG_P1=y\n# CONFIG_P2 is not set\n");
}

static void test_allyesconfig(void **state)
{
	(void)state;
	expect(NULL, tree, KC_MODE_ALLYESCONFIG, NULL,
	       "CONFIG_MODULES=y\nCONFIG_A=y\nCONFIG_B=y\nCONFIG_C=y\n"
	       "CONFIG_D=y\nCONFIG_S=\"x\"\nCONFIG_P1=y\n"
	       "# CONFIG_P2 is not set\n");
	/* The allconfig's values stay; C, hidden by A=n, is not written. */
	expect(NULL, tree, KC_MODE_ALLYESCONFIG, allconfig,
	       "CONFIG_MODULES=y\n# CONFIG_A is not set\nCONFIG_B=y\n"
	       "CONFIG_D=y\nCONFIG_S=\"x\"\n# CONFIG_P1 is not set\n"
	       "CONFIG_P2=y\n");
}

static void test_allmodconfig(void **state)
{
	(void)state;
	expect(NULL, tree, KC_MODE_ALLMODCONFIG, NULL,
	       "CONFIG_MODULES=y\nCONFIG_A=y\nCONFIG_B=m\nCONFIG_C=m\n"
	       "CONFIG_D=y\nCONFIG_S=\"x\"\nCONFIG_P1=y\n"
	       "# CONFIG_P2 is not set\n");
	expect(NULL, tree, KC_MODE_ALLMODCONFIG, allconfig,
	       "CONFIG_MODULES=y\n# CONFIG_A is not set\nCONFIG_B=m\n"
	       "CONFIG_D=y\nCONFIG_S=\"x\"\n# CONFIG_P1 is not set\n"
	       "CONFIG_P2=y\n");
}

static void test_61_choices_answered(void **state)
{
	(void)state;
	/* Without an allconfig every choice is answered too. */
	expect("6.1", tree61, KC_MODE_ALLMODCONFIG, NULL,
	       "CONFIG_MODULES=y\nCONFIG_A=y\nCONFIG_B=m\nCONFIG_P1=y\n"
	       "# CONFIG_P2 is not set\nCONFIG_T1=m\nCONFIG_T2=m\n"
	       "CONFIG_O1=y\n# CONFIG_O2 is not set\n");
	expect("6.1", tree61, KC_MODE_ALLNOCONFIG, NULL,
	       "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
	       "# CONFIG_B is not set\nCONFIG_P1=y\n# CONFIG_P2 is not set\n"
	       "CONFIG_T1=y\n# CONFIG_T2 is not set\n");
}

static void test_61_allconfig_keeps_choices(void **state)
{
	(void)state;
	/*
	 * Reading an allconfig gives every choice a value: the optional one
	 * none of whose members it names stays n, even in allyesconfig.
	 */
	expect("6.1", tree61, KC_MODE_ALLYESCONFIG,
	       "CONFIG_A=n\nCONFIG_P2=y\nCONFIG_T2=y\n",
	       "CONFIG_MODULES=y\n# CONFIG_A is not set\nCONFIG_B=y\n"
	       "# CONFIG_P1 is not set\nCONFIG_P2=y\n# CONFIG_T1 is not set\n"
	       "CONFIG_T2=y\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_unsupported_mode_refused),
		cmocka_unit_test(test_alldefconfig),
		cmocka_unit_test(test_allnoconfig),
		cmocka_unit_test(test_allyesconfig),
		cmocka_unit_test(test_allmodconfig),
		cmocka_unit_test(test_61_choices_answered),
		cmocka_unit_test(test_61_allconfig_keeps_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
