/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_findings.c - the list of findings: adding with notes, and filtering
 * (what waivers, baselines and --only/--skip use).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kc_check.h"

static bool not_b(const struct kc_finding *x, void *ctx)
{
	size_t *seen = ctx;

	(*seen)++;
	return strcmp(x->rule, "b");
}

static void test_filter(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	size_t seen = 0, i;
	static const char *const rules[] = { "a", "b", "c", "b", "d" };

	for (i = 0; i < 5; i++) {
		struct kc_finding *x = kc_findings_add(&f, rules[i],
						       KC_SEV_ERROR, NULL,
						       ".config", (int)i + 1,
						       "finding %zu", i);

		kc_finding_note(x, NULL, 0, "note %zu", i);
		kc_finding_note(x, NULL, 0, "second note %zu", i);
	}
	kc_findings_filter(&f, not_b, &seen);
	assert_int_equal(seen, 5);
	assert_int_equal(f.len, 3);
	assert_string_equal(f.items[0].rule, "a");
	assert_string_equal(f.items[1].rule, "c");
	assert_string_equal(f.items[2].rule, "d");
	assert_int_equal(f.items[2].n_notes, 2);
	assert_string_equal(f.items[2].notes[1].message, "second note 4");
	kc_findings_free(&f);
	/* Nothing to filter: keep() is not called. */
	kc_findings_filter(&f, not_b, &seen);
	assert_int_equal(seen, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
