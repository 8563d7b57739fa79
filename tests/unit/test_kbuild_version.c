/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_kbuild_version.c - the kernel version from a top Makefile: spacing,
 * ':=', an empty SUBLEVEL, EXTRAVERSION, and the malformed headers that
 * must be located errors (a "VERSION 6" line without '=' once crashed the
 * CLI's own reader).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_kbuild.h"

/* A provider serving one string as every file. */
static int one_file(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	(void)path;
	(void)why;
	*data = kc_xstrdup(ctx);
	*len = strlen(*data);
	return 0;
}

static int version_of(const char *text, struct kc_buf *out,
		      struct kc_diags *d)
{
	struct kc_fs fs = { .read = one_file, .ctx = (void *)text };
	struct kc_kernel_version v;

	if (kc_kbuild_kernel_version(&fs, "Makefile", &v, d) < 0)
		return -1;
	kc_kernel_version_string(&v, out);
	return 0;
}

static void expect_version(const char *text, const char *want)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf b = KC_BUF_INIT;

	assert_int_equal(version_of(text, &b, &d), 0);
	assert_string_equal(kc_buf_str(&b), want);
	assert_int_equal(d.len, 0);
	kc_buf_free(&b);
	kc_diags_free(&d);
}

static void expect_error(const char *text, int line, const char *part)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf b = KC_BUF_INIT;

	assert_int_equal(version_of(text, &b, &d), -1);
	assert_int_equal(d.len, 1);
	assert_int_equal(d.items[0].line, line);
	assert_string_equal(d.items[0].file, "Makefile");
	assert_non_null(strstr(d.items[0].message, part));
	kc_buf_free(&b);
	kc_diags_free(&d);
}

static void test_real_headers(void **state)
{
	(void)state;
	expect_version("# SPDX\nVERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 117\n"
		       "EXTRAVERSION =\nNAME = Baby Opossum Posse\n",
		       "6.12.117");
	expect_version("VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n"
		       "EXTRAVERSION = -rc3\n", "6.1.0-rc3");
	expect_version("VERSION=6\nPATCHLEVEL:=12\nSUBLEVEL =\n", "6.12");
	expect_version("VERSION\t= 5 \r\nPATCHLEVEL = 10\n", "5.10");
	/* Only the first assignment counts, as in the header. */
	expect_version("VERSION = 6\nPATCHLEVEL = 12\nVERSION = 7\n", "6.12");
}

static void test_malformed_headers(void **state)
{
	(void)state;
	expect_error("VERSION 6\nPATCHLEVEL 12\n", 0, "VERSION");
	expect_error("VERSION = 6\n", 0, "PATCHLEVEL");
	expect_error("VERSION = six\nPATCHLEVEL = 12\n", 1, "not a number");
	expect_error("", 0, "VERSION");
	expect_error("VERSION = 99999999999999\nPATCHLEVEL = 1\n", 1,
		     "not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_headers),
		cmocka_unit_test(test_malformed_headers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
