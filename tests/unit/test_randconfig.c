// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_randconfig.c - conf --randconfig: the generator against this
 * machine's C library (when it is glibc, whose srand()/rand() the kernel's
 * conf calls) and against known glibc outputs; KCONFIG_SEED's and
 * KCONFIG_PROBABILITY's forms; and small trees randomised end to end, the
 * expected .config files taken from the conf of Linux 6.12 and of 6.1 run
 * with the same seeds (KCONFIG_SEED, KCONFIG_PROBABILITY,
 * KCONFIG_ALLCONFIG).
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

/* ---- the generator ------------------------------------------------------ */

static void test_rand_known_outputs(void **state)
{
	/* glibc's rand() after srand(1), and after srand(0) (read as 1). */
	static const int want[] = { 1804289383, 846930886, 1681692777,
				    1714636915, 1957747793 };
	struct kc_rand r;
	size_t i;

	(void)state;
	kc_rand_seed(&r, 1);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(kc_rand_next(&r), want[i]);
	kc_rand_seed(&r, 0);
	assert_int_equal(kc_rand_next(&r), want[0]);
	/* A seed of 2^31 and above is read as a negative word. */
	kc_rand_seed(&r, 0x80000000u);
	assert_int_equal(kc_rand_next(&r), 1336741213);
	kc_rand_seed(&r, 0xffffffffu);
	assert_int_equal(kc_rand_next(&r), 254925627);
}

static void test_rand_matches_libc(void **state)
{
#ifdef __GLIBC__
	static const unsigned int seeds[] = { 0, 1, 2, 42, 0x5eed, 127773,
					      2147483646, 2147483647,
					      0x80000000u, 0x80000001u,
					      0xdeadbeefu, 0xffffffffu };
	struct kc_rand r;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		srand(seeds[i]);
		kc_rand_seed(&r, seeds[i]);
		for (k = 0; k < 2000; k++)
			assert_int_equal(kc_rand_next(&r), rand());
	}
#else
	(void)state;
	skip();
#endif
}

/* ---- the settings ---------------------------------------------------------- */

static void expect_probability(const char *text, int by, int ty, int tm)
{
	struct kc_rand_probability p;

	assert_int_equal(kc_randconfig_parse_probability(text, &p), 0);
	assert_int_equal(p.bool_y, by);
	assert_int_equal(p.tristate_y, ty);
	assert_int_equal(p.tristate_m, tm);
}

static void test_probability(void **state)
{
	struct kc_rand_probability p;

	(void)state;
	expect_probability("", 50, 33, 33);
	expect_probability("25", 25, 13, 12);
	expect_probability("100", 100, 50, 50);
	expect_probability("10:80", 90, 10, 80);
	expect_probability("0:0", 0, 0, 0);
	expect_probability("70:20:30", 70, 20, 30);
	assert_int_equal(kc_randconfig_parse_probability("101", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("60:50", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("1:2:3:4", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("50:", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("x", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("-1", &p), -1);
	assert_int_equal(kc_randconfig_parse_probability("00050", &p), -1);
}

static void test_seed(void **state)
{
	unsigned int s;

	(void)state;
	assert_int_equal(kc_randconfig_parse_seed("42", &s), 0);
	assert_int_equal(s, 42);
	assert_int_equal(kc_randconfig_parse_seed("0x5eed", &s), 0);
	assert_int_equal(s, 0x5eed);
	assert_int_equal(kc_randconfig_parse_seed("010", &s), 0);
	assert_int_equal(s, 8);
	assert_int_equal(kc_randconfig_parse_seed("-1", &s), 0);
	assert_int_equal(s, 0xffffffffu);
	assert_int_equal(kc_randconfig_parse_seed("0x1ffffffff", &s), 0);
	assert_int_equal(s, 0xffffffffu);
	assert_int_equal(kc_randconfig_parse_seed("", &s), -1);
	assert_int_equal(kc_randconfig_parse_seed("12z", &s), -1);
	assert_int_equal(kc_randconfig_parse_seed(" 1", &s), -1);
	assert_int_equal(kc_randconfig_parse_seed("0x", &s), -1);
}

/* ---- a small tree ---------------------------------------------------------- */

static const char kconfig[] =
	"config MODULES\n\tbool \"modules\"\n\tmodules\n"
	"config A\n\ttristate \"a\"\n"
	"config B\n\tbool \"b\"\n\tdepends on A\n"
	"choice\n\tprompt \"pick\"\n"
	"config C1\n\tbool \"c1\"\n"
	"config C2\n\tbool \"c2\"\n"
	"config C3\n\tbool \"c3\"\n\tdepends on B\n"
	"endchoice\n"
	"config D\n\ttristate\n\tdefault m if A\n"
	"config E\n\ttristate \"e\"\n\tselect D\n"
	"config F\n\tbool \"f\"\n\tdefault y\n";

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = kc_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void remove_file(const char *dir, const char *name)
{
	char *path = kc_xasprintf("%s/%s", dir, name);

	unlink(path);
	free(path);
}

/*
 * A 6.1 tree: choices are visited in conf's symbol table order, the last
 * one written first; "first" has no visible member, so it is 'n' and
 * draws no member (a draw there would shift the one of "second").
 */
static const char kconfig61[] =
	"config MODULES\n\tbool \"modules\"\n\tmodules\n"
	"config BROKEN\n\tbool\n"
	"choice\n\tprompt \"second\"\n"
	"config B1\n\tbool \"b1\"\nconfig B2\n\tbool \"b2\"\n"
	"config B3\n\tbool \"b3\"\nconfig B4\n\tbool \"b4\"\n"
	"endchoice\n"
	"choice\n\tprompt \"first\"\n"
	"config A1\n\tbool \"a1\"\n\tdepends on BROKEN\n"
	"config A2\n\tbool \"a2\"\n\tdepends on BROKEN\n"
	"endchoice\n"
	"choice\n\tprompt \"tri\"\n\ttristate\n"
	"config T1\n\ttristate \"t1\"\nconfig T2\n\ttristate \"t2\"\n"
	"endchoice\n"
	"config X\n\ttristate \"x\"\n";

/*
 * The .config (after its heading) randconfig writes for 'tree' as a model
 * of 'version' with this seed, probability (NULL: defaults) and allconfig
 * (NULL: none).
 */
static void expect_random_tree(const char *tree, const char *version,
			       unsigned int seed, const char *probability,
			       const char *allconfig, const char *want)
{
	char dir[] = "/tmp/kc-test-rand-XXXXXX";
	struct kc_parse_options opt = { 0 };
	struct kc_eval_options eopt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_rand_probability p;
	struct kc_config *cfg = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_disk_fs dfs;
	struct kc_model *m;
	struct kc_eval *ev;
	const char *body;
	int i;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "Kconfig", tree);
	kc_disk_fs_init(&dfs, dir);
	opt.fs = &dfs.fs;
	opt.kernel_version = version;
	m = kc_parse(&opt, &d);
	assert_non_null(m);
	if (allconfig) {
		char *path = kc_xasprintf("%s/all.config", dir);

		write_file(dir, "all.config", allconfig);
		cfg = kc_config_read(path, NULL, &d);
		free(path);
		assert_non_null(cfg);
	}
	assert_int_equal(d.len, 0);
	assert_int_equal(kc_randconfig_parse_probability(probability ?
								 probability :
								 "",
							 &p),
			 0);
	eopt.mode = KC_MODE_RANDCONFIG;
	eopt.allconfig = cfg;
	eopt.seed = seed;
	eopt.has_seed = true;
	eopt.probability = &p;
	ev = kc_eval_new(m, NULL, &eopt);
	assert_non_null(ev);
	kc_eval_write_config(ev, "CONFIG_", &out);
	body = kc_buf_str(&out);
	for (i = 0; i < 4; i++)
		body = strchr(body, '\n') + 1;
	assert_string_equal(body, want);
	kc_buf_free(&out);
	kc_eval_free(ev);
	kc_config_free(cfg);
	kc_model_free(m);
	kc_diags_free(&d);
	kc_disk_fs_release(&dfs);
	remove_file(dir, "Kconfig");
	remove_file(dir, "all.config");
	rmdir(dir);
}

static void expect_random(unsigned int seed, const char *probability,
			  const char *allconfig, const char *want)
{
	expect_random_tree(kconfig, "6.12", seed, probability, allconfig,
			   want);
}

static void test_tree_seeds(void **state)
{
	(void)state;
	expect_random(1, NULL, NULL,
		      "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
		      "# CONFIG_C1 is not set\nCONFIG_C2=y\n"
		      "# CONFIG_E is not set\n# CONFIG_F is not set\n");
	expect_random(3, NULL, NULL,
		      "CONFIG_MODULES=y\n# CONFIG_A is not set\nCONFIG_C1=y\n"
		      "# CONFIG_C2 is not set\n# CONFIG_E is not set\n"
		      "# CONFIG_F is not set\n");
	expect_random(5, NULL, NULL,
		      "# CONFIG_MODULES is not set\nCONFIG_A=y\nCONFIG_B=y\n"
		      "CONFIG_C1=y\n# CONFIG_C2 is not set\n"
		      "# CONFIG_C3 is not set\nCONFIG_D=y\nCONFIG_E=y\n"
		      "CONFIG_F=y\n");
}

static void test_tree_probability(void **state)
{
	(void)state;
	expect_random(3, "10:80", NULL,
		      "CONFIG_MODULES=y\nCONFIG_A=m\nCONFIG_B=y\nCONFIG_C1=y\n"
		      "# CONFIG_C2 is not set\n# CONFIG_C3 is not set\n"
		      "CONFIG_D=m\nCONFIG_E=m\nCONFIG_F=y\n");
	expect_random(0, "100", NULL,
		      "CONFIG_MODULES=y\nCONFIG_A=m\nCONFIG_B=y\n"
		      "# CONFIG_C1 is not set\nCONFIG_C2=y\n"
		      "# CONFIG_C3 is not set\nCONFIG_D=m\nCONFIG_E=m\n"
		      "CONFIG_F=y\n");
}

static void test_tree_allconfig(void **state)
{
	(void)state;
	/* Values the allconfig gives are kept and draw nothing. */
	expect_random(1, NULL, "# CONFIG_C1 is not set\nCONFIG_E=y\n",
		      "# CONFIG_MODULES is not set\n# CONFIG_A is not set\n"
		      "# CONFIG_C1 is not set\nCONFIG_C2=y\nCONFIG_D=y\n"
		      "CONFIG_E=y\nCONFIG_F=y\n");
}

static void test_tree_61(void **state)
{
	(void)state;
	expect_random_tree(kconfig61, "6.1", 1, NULL, NULL,
			   "# CONFIG_MODULES is not set\n# CONFIG_B1 is not set\n"
			   "# CONFIG_B2 is not set\nCONFIG_B3=y\n"
			   "# CONFIG_B4 is not set\n# CONFIG_T1 is not set\n"
			   "CONFIG_T2=y\nCONFIG_X=y\n");
	/* An 'm' choice draws no member: each keeps its own draw. */
	expect_random_tree(kconfig61, "6.1", 4, NULL, NULL,
			   "CONFIG_MODULES=y\n# CONFIG_B1 is not set\n"
			   "# CONFIG_B2 is not set\n# CONFIG_B3 is not set\n"
			   "CONFIG_B4=y\nCONFIG_T1=m\nCONFIG_T2=m\nCONFIG_X=m\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rand_known_outputs),
		cmocka_unit_test(test_rand_matches_libc),
		cmocka_unit_test(test_probability),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_tree_seeds),
		cmocka_unit_test(test_tree_probability),
		cmocka_unit_test(test_tree_allconfig),
		cmocka_unit_test(test_tree_61),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
