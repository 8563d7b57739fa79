// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_hostile.c - inputs that once crashed the library, each kept as a
 * regression test (run under the sanitizer build too).  The Kconfig trees
 * are served from memory; .config bytes are copied into buffers of exactly
 * their length, so a read past the end is caught by AddressSanitizer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_config.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_model.h"

/* A provider serving one Kconfig file (the top) from memory. */
static int serve_top(void *ctx, const char *path, char **data, size_t *len,
		     const char **why)
{
	if (strcmp(path, "Kconfig")) {
		*why = "no such file";
		return -1;
	}
	*data = kc_xstrdup(ctx);
	*len = strlen(*data);
	return 0;
}

static struct kc_model *parse_text(const char *text, struct kc_diags *d)
{
	struct kc_fs fs = { .read = serve_top, .ctx = (void *)text };
	struct kc_parse_options opt = { .fs = &fs };

	return kc_parse(&opt, d);
}

/* Parses 'text' from a heap buffer of exactly 'len' bytes. */
static struct kc_config *parse_config_exact(const char *text,
					    const char *prefix,
					    struct kc_diags *d)
{
	size_t len = strlen(text);
	char *exact = malloc(len ? len : 1);
	struct kc_config *c;

	memcpy(exact, text, len);
	c = kc_config_parse("t.config", exact, len, prefix, d);
	free(exact);
	return c;
}

/* A choice with a prompt and no members (thirteen Kconfiglib fixtures). */
static void test_choice_without_members(void **state)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;
	struct kc_eval *ev;
	struct kc_buf out = KC_BUF_INIT;

	(void)state;
	m = parse_text("config A\n\tbool \"a\"\n\tdefault y\n"
		       "choice\n\tprompt \"x\"\nendchoice\n",
		       &d);
	assert_non_null(m);
	ev = kc_eval_new(m, NULL, NULL);
	kc_eval_write_config(ev, NULL, &out);
	assert_non_null(strstr(kc_buf_str(&out), "CONFIG_A=y\n"));
	kc_buf_free(&out);
	kc_eval_free(ev);
	kc_model_free(m);
	kc_diags_free(&d);
}

/* The last byte is '=': nothing past it may be read. */
static void test_config_ends_at_equals(void **state)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c;

	(void)state;
	c = parse_config_exact("CONFIG_A=", NULL, &d);
	assert_non_null(c);
	assert_int_equal(c->len, 1);
	assert_string_equal(c->items[0].name, "A");
	assert_string_equal(c->items[0].raw, "");
	assert_false(c->items[0].quoted);
	kc_config_free(c);
	kc_diags_free(&d);
}

/* A prefix holding '=' (CONFIG_='A=B' in the environment). */
static void test_prefix_with_equals(void **state)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c;

	(void)state;
	c = parse_config_exact("A=BX=y\nA=B=n\nA=B\n", "A=B", &d);
	assert_non_null(c);
	assert_int_equal(c->len, 2);
	assert_string_equal(c->items[0].name, "X");
	assert_string_equal(c->items[0].raw, "y");
	assert_string_equal(c->items[1].name, "");
	assert_string_equal(c->items[1].raw, "n");
	/* "A=B" alone has no '=' after the prefix: not an assignment. */
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.items[0].line, 3);
	kc_config_free(c);
	kc_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choice_without_members),
		cmocka_unit_test(test_config_ends_at_equals),
		cmocka_unit_test(test_prefix_with_equals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
