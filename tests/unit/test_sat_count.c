/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_sat_count.c - exact counting of valid configurations and the
 * projections onto a few symbols (count.c), each checked a second way:
 *  - small trees with known answers, worked out by hand;
 *  - on the embedded models, counts under random partial assignments
 *    (every symbol fixed to a valid configuration's value but a few) are
 *    enumerated with the solver and blocking clauses;
 *  - the distinct projections onto symbols drivers/vfio/Makefile reads are
 *    enumerated with blocking clauses on the projection; their counts sum
 *    to the total; each representative has the projection's values and
 *    resolution (the evaluator) leaves it unchanged;
 *  - limits: a count past 64 bits and a diagram past its node limit are
 *    errors, never a number.
 * test_sat_exact.c compares the total with brute force through the
 * evaluator on 1000 random trees and the small fixture trees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_sat.h"

/* ---- models from text, from the embedded files ---------------------------- */

struct text_fs {
	struct kc_fs fs;
	const char *text;
};

static int text_read(void *ctx, const char *path, char **data, size_t *len,
		     const char **why)
{
	struct text_fs *t = ctx;

	if (strcmp(path, "Kconfig")) {
		*why = "no such file";
		return -1;
	}
	*data = kc_xstrdup(t->text);
	*len = strlen(t->text);
	return 0;
}

static struct kc_model *parse_text(const char *text)
{
	struct text_fs t = { { .read = text_read }, text };
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;

	t.fs.ctx = &t;
	opt.fs = &t.fs;
	m = kc_parse(&opt, &d);
	kc_diags_free(&d);
	return m;
}

static struct kc_model *parse_embedded(const char *model)
{
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_embedded_fs efs;
	struct kc_model *m;

	assert_int_equal(kc_embedded_fs_init(&efs, model), 0);
	opt.fs = &efs.fs;
	m = kc_parse(&opt, &d);
	kc_diags_free(&d);
	assert_non_null(m);
	return m;
}

static uint64_t total(struct kc_count *c)
{
	uint64_t n = 0;

	assert_true(kc_count_configs(c, NULL, 0, &n));
	return n;
}

/* ---- projections, collected ------------------------------------------------ */

struct collected {
	size_t n;		/* symbols projected on */
	struct kc_vec values;	/* "nmy" strings */
	struct kc_vec counts;	/* uint64_t, boxed */
	uint64_t sum;
};

static int collect_one(void *ctx, const enum kc_tristate *values,
		       uint64_t count)
{
	struct collected *col = ctx;
	char *str = kc_xcalloc(col->n + 1, 1);
	uint64_t *box = kc_xmalloc(sizeof(*box));
	size_t i;

	for (i = 0; i < col->n; i++)
		str[i] = "nmy"[values[i]];
	*box = count;
	kc_vec_push(&col->values, str);
	kc_vec_push(&col->counts, box);
	col->sum += count;
	return 0;
}

static void collected_free(struct collected *col)
{
	size_t i;

	for (i = 0; i < col->values.len; i++) {
		free(col->values.items[i]);
		free(col->counts.items[i]);
	}
	kc_vec_free(&col->values);
	kc_vec_free(&col->counts);
}

static uint64_t count_of(const struct collected *col, const char *values)
{
	size_t i;

	for (i = 0; i < col->values.len; i++)
		if (!strcmp(col->values.items[i], values))
			return *(uint64_t *)col->counts.items[i];
	return 0;
}

/* ---- small trees with known answers ---------------------------------------- */

static const char sat_fixture[] =
	"config MODULES\n\tbool \"m\"\n\tmodules\n"
	"config ARCH_FOO\n\tbool\n"
	"config DRIVER_ON_FOO\n\ttristate \"d\"\n\tdepends on ARCH_FOO\n"
	"config CORE\n\tdef_bool y\n"
	"config LIB\n\ttristate\n\tdepends on NET\n"
	"config NET\n\tbool \"net\"\n"
	"config USER\n\ttristate \"user\"\n\tselect LIB\n";

/*
 * tests/fixtures/sat: MODULES and NET free, USER n/m/y with modules and
 * n/y without, the rest forced: 2 x 2 x 3 + 2 x 2 = 10 (6 with MODULES).
 * Onto USER: n 4, m 2, y 4.
 */
static void test_known(void **state)
{
	struct kc_model *m = parse_text(sat_fixture);
	struct kc_sat *s;
	struct kc_count *c;
	struct collected col = { 1, KC_VEC_INIT, KC_VEC_INIT, 0 };
	const struct kc_symbol *user, *mods;
	char *err = NULL;
	uint64_t n;
	int lit;

	(void)state;
	assert_non_null(m);
	s = kc_sat_new(m, false);
	c = kc_count_new(s, 0, &err);
	assert_non_null(c);
	assert_int_equal(total(c), 10);
	mods = kc_model_modules(m);
	lit = kc_sat_symbol_lit(s, mods, KC_YES);
	assert_true(kc_count_configs(c, &lit, 1, &n));
	assert_int_equal(n, 6);
	lit = -1;	/* FALSE */
	assert_true(kc_count_configs(c, &lit, 1, &n));
	assert_int_equal(n, 0);
	user = kc_model_lookup(m, "USER");
	/* Three assignments: past a limit of two, none is visited. */
	assert_int_equal(kc_count_project(c, &user, 1, 2, collect_one, &col, &err),
			 KC_COUNT_TOO_MANY);
	assert_int_equal(col.values.len, 0);
	assert_int_equal(kc_count_project(c, &user, 1, 3, collect_one, &col, &err),
			 0);
	assert_int_equal(col.values.len, 3);
	assert_int_equal(count_of(&col, "n"), 4);
	assert_int_equal(count_of(&col, "m"), 2);
	assert_int_equal(count_of(&col, "y"), 4);
	assert_int_equal(col.sum, 10);
	collected_free(&col);
	kc_count_free(c);
	kc_sat_free(s);
	kc_model_free(m);
}

/* 70 free bools: 2^70 configurations, more than 64 bits hold. */
static void test_limits(void **state)
{
	struct kc_buf text = KC_BUF_INIT;
	struct kc_model *m;
	struct kc_sat *s;
	struct kc_count *c;
	char *err = NULL;
	uint64_t n = 0;
	int i, lits[8];

	(void)state;
	for (i = 0; i < 70; i++)
		kc_buf_addf(&text, "config B%d\n\tbool \"b\"\n", i);
	m = parse_text(kc_buf_str(&text));
	assert_non_null(m);
	s = kc_sat_new(m, false);
	c = kc_count_new(s, 0, &err);
	assert_non_null(c);
	assert_false(kc_count_configs(c, NULL, 0, &n));
	/* Eight fixed: 2^62 fits. */
	for (i = 0; i < 8; i++)
		lits[i] = kc_sat_symbol_lit(s, kc_sat_symbol(s, (size_t)i),
					    KC_YES);
	assert_true(kc_count_configs(c, lits, 8, &n));
	assert_true(n == (uint64_t)1 << 62);
	kc_count_free(c);
	kc_sat_free(s);
	kc_model_free(m);
	kc_buf_free(&text);

	/* A node limit too small for the sat fixture: an error. */
	m = parse_text(sat_fixture);
	s = kc_sat_new(m, false);
	assert_null(kc_count_new(s, 4, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "too large"));
	free(err);
	kc_sat_free(s);
	kc_model_free(m);
}

/* ---- the embedded models ----------------------------------------------------- */

struct rng {
	unsigned long long s;
};

static unsigned rnd(struct rng *r, unsigned n)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (unsigned)(r->s % n);
}

/* The literals saying "sym = v", appended to lits. */
static size_t push_value(struct kc_sat *s, const struct kc_symbol *sym,
			 enum kc_tristate v, int *lits, size_t k)
{
	int two[2];
	size_t j, c = kc_sat_value_lits(s, sym, v, two);

	for (j = 0; j < c; j++)
		lits[k++] = two[j];
	return k;
}

/*
 * Solutions under 'assume' that differ on 'open' symbols, enumerated with
 * blocking clauses switched by a fresh activation literal (dropped after).
 */
static uint64_t enumerate(struct kc_sat *s, int *assume, size_t k,
			  const struct kc_symbol *const *open, size_t nopen)
{
	int one = 1, act = kc_sat_activation(s, &one, 1);
	int *block = kc_xmalloc((2 * nopen + 2) * sizeof(int));
	uint64_t n = 0;

	assume[k] = act;
	while (kc_sat_solve(s, assume, k + 1) == 10) {
		size_t i, b = 0;

		for (i = 0; i < nopen; i++) {
			enum kc_tristate v = kc_sat_value(s, open[i]);
			int ly = kc_sat_symbol_lit(s, open[i], KC_YES);
			int lm = kc_sat_symbol_lit(s, open[i], KC_MOD);

			block[b++] = v == KC_YES ? -ly : ly;
			if (lm != ly)
				block[b++] = v >= KC_MOD ? -lm : lm;
		}
		block[b++] = -act;
		kc_sat_add_clause(s, block, b);
		n++;
	}
	act = -act;
	kc_sat_add_clause(s, &act, 1);
	free(block);
	return n;
}

#define OPEN 9

/*
 * A random valid configuration, all but OPEN random symbols fixed to its
 * values: the count must equal what the solver enumerates.
 */
static void check_cube(struct kc_sat *s, struct kc_count *c, struct rng *r)
{
	size_t i, k = 0, nsym = kc_sat_symbol_count(s), nopen = 0;
	const struct kc_symbol *open[OPEN];
	unsigned char *is_open = kc_xcalloc(nsym, 1);
	enum kc_tristate *vals = kc_xmalloc(nsym * sizeof(*vals));
	int *lits = kc_xmalloc((2 * nsym + 2) * sizeof(int));
	uint64_t counted, enumerated;

	for (i = 0; i < nsym; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		int ly = kc_sat_symbol_lit(s, sym, KC_YES);
		int lm = kc_sat_symbol_lit(s, sym, KC_MOD);

		kc_sat_set_phase(s, ly, rnd(r, 2));
		kc_sat_set_phase(s, lm, rnd(r, 2));
	}
	assert_int_equal(kc_sat_solve(s, NULL, 0), 10);
	for (i = 0; i < nsym; i++)
		vals[i] = kc_sat_value(s, kc_sat_symbol(s, i));
	while (nopen < OPEN && nopen < nsym) {
		size_t x = rnd(r, (unsigned)nsym);

		if (!is_open[x]) {
			is_open[x] = 1;
			open[nopen++] = kc_sat_symbol(s, x);
		}
	}
	for (i = 0; i < nsym; i++)
		if (!is_open[i])
			k = push_value(s, kc_sat_symbol(s, i), vals[i], lits, k);
	assert_true(kc_count_configs(c, lits, k, &counted));
	enumerated = enumerate(s, lits, k, open, nopen);
	if (counted != enumerated)
		fprintf(stderr, "counted %llu, enumerated %llu\n",
			(unsigned long long)counted,
			(unsigned long long)enumerated);
	assert_true(counted == enumerated);
	assert_true(counted >= 1);
	free(is_open);
	free(vals);
	free(lits);
}

/*
 * The CONFIG_ names drivers/vfio/Makefile reads, as symbols of the model,
 * at most MAX_PROJECTED of them: the number of distinct projections grows
 * fast with more, and each is enumerated and resolved below.
 */
#define MAX_PROJECTED 10

struct makefile_syms {
	const struct kc_model *m;
	struct kc_vec syms;
};

static void add_names(struct makefile_syms *ms, const char *text)
{
	const char *p = text;

	while ((p = strstr(p, "CONFIG_")) != NULL &&
	       ms->syms.len < MAX_PROJECTED) {
		char name[128];
		size_t n = 0, i;
		const struct kc_symbol *sym;

		p += 7;
		while (n + 1 < sizeof(name) &&
		       ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			*p == '_'))
			name[n++] = *p++;
		name[n] = '\0';
		sym = kc_model_lookup(ms->m, name);
		if (!sym)
			continue;
		for (i = 0; i < ms->syms.len && ms->syms.items[i] != sym; i++)
			;
		if (i == ms->syms.len)
			kc_vec_push(&ms->syms, (void *)sym);
	}
}

static void makefile_symbols(const char *model, struct makefile_syms *ms)
{
	char *path = kc_xasprintf("%s/../../kconfig/%s/drivers/vfio/Makefile",
				  KC_TEST_FIXTURES, model);
	struct kc_buf text = KC_BUF_INIT;
	char chunk[4096];
	size_t got;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kc_buf_add(&text, chunk, got);
	fclose(f);
	add_names(ms, kc_buf_str(&text));
	kc_buf_free(&text);
	free(path);
}

/* Distinct projections enumerated with blocking clauses on them alone. */
static size_t solver_projections(struct kc_sat *s,
				 const struct kc_symbol *const *syms, size_t n,
				 const struct collected *col)
{
	int *lits = kc_xmalloc(2 * sizeof(int));
	int one = 1, act = kc_sat_activation(s, &one, 1);
	int *block = kc_xmalloc((2 * n + 2) * sizeof(int));
	char *str = kc_xcalloc(n + 1, 1);
	size_t found = 0;

	lits[0] = act;
	while (kc_sat_solve(s, lits, 1) == 10) {
		size_t i, b = 0;

		for (i = 0; i < n; i++) {
			enum kc_tristate v = kc_sat_value(s, syms[i]);
			int ly = kc_sat_symbol_lit(s, syms[i], KC_YES);
			int lm = kc_sat_symbol_lit(s, syms[i], KC_MOD);

			str[i] = "nmy"[v];
			if (!ly)
				continue;
			block[b++] = v == KC_YES ? -ly : ly;
			if (lm != ly)
				block[b++] = v >= KC_MOD ? -lm : lm;
		}
		/* Each one the solver finds, the counter found too. */
		assert_true(count_of(col, str) > 0);
		block[b++] = -act;
		kc_sat_add_clause(s, block, b);
		found++;
	}
	act = -act;
	kc_sat_add_clause(s, &act, 1);
	free(lits);
	free(block);
	free(str);
	return found;
}

/* Resolution leaves the representative unchanged (the evaluator, directly). */
static bool resolves_to_itself(const struct kc_model *m, struct kc_sat *s,
			       const enum kc_tristate *vals)
{
	struct kc_buf text = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i, n = kc_sat_symbol_count(s);
	struct kc_config *cfg;
	struct kc_eval *ev;
	bool same = true;

	for (i = 0; i < n; i++)
		kc_buf_addf(&text, "CONFIG_%s=%c\n", kc_sat_symbol(s, i)->name,
			    "nmy"[vals[i]]);
	cfg = kc_config_parse("r.config", kc_buf_str(&text), text.len, NULL,
			      &d);
	ev = kc_eval_new(m, cfg, NULL);
	for (i = 0; i < n; i++)
		same = same && kc_eval_tristate(ev, kc_sat_symbol(s, i)) ==
				       vals[i];
	kc_eval_free(ev);
	kc_config_free(cfg);
	kc_diags_free(&d);
	kc_buf_free(&text);
	return same;
}

static void check_representatives(const struct kc_model *m, struct kc_sat *s,
				  const struct kc_symbol *const *syms,
				  size_t n, const struct collected *col)
{
	struct kc_eval *def = kc_eval_new(m, NULL, NULL);
	size_t i, j, nsym = kc_sat_symbol_count(s);
	enum kc_tristate *want = kc_xmalloc((n + 1) * sizeof(*want));
	enum kc_tristate *out = kc_xmalloc(nsym * sizeof(*out));

	for (i = 0; i < col->values.len; i++) {
		const char *str = col->values.items[i];

		for (j = 0; j < n; j++)
			want[j] = str[j] == 'y' ? KC_YES :
				  str[j] == 'm' ? KC_MOD : KC_NO;
		assert_true(kc_sat_representative(s, def, syms, want, n, out));
		for (j = 0; j < nsym; j++) {
			size_t p;

			for (p = 0; p < n; p++)
				if (syms[p] == kc_sat_symbol(s, j))
					assert_int_equal(out[j], want[p]);
		}
		assert_true(resolves_to_itself(m, s, out));
	}
	kc_eval_free(def);
	free(want);
	free(out);
}

static void check_model(const char *model, unsigned seed)
{
	struct kc_model *m = parse_embedded(model);
	struct kc_sat *s = kc_sat_new(m, false);
	struct makefile_syms ms = { m, KC_VEC_INIT };
	struct rng r = { seed * 2654435761ull + 1 };
	struct collected col = { 0, KC_VEC_INIT, KC_VEC_INIT, 0 };
	const struct kc_symbol *const *syms;
	struct kc_count *c;
	char *err = NULL;
	uint64_t all;
	size_t i, n;
	int cubes;

	c = kc_count_new(s, 0, &err);
	assert_non_null(c);
	all = total(c);
	for (cubes = 0; cubes < 40; cubes++)
		check_cube(s, c, &r);
	makefile_symbols(model, &ms);
	syms = (const struct kc_symbol *const *)ms.syms.items;
	col.n = ms.syms.len;
	assert_true(col.n > 0);
	if (kc_count_project(c, syms, col.n, 0, collect_one, &col, &err))
		fail_msg("%s: %s", model, err);
	assert_true(col.sum == all);
	for (i = 0; i < col.values.len; i++)
		assert_true(*(uint64_t *)col.counts.items[i] > 0);
	n = solver_projections(s, syms, col.n, &col);
	assert_int_equal(n, col.values.len);
	/* The image of the symbols' variables: the same number, not listed. */
	{
		int *lits = kc_xcalloc(2 * col.n + 1, sizeof(int));
		size_t k = 0;
		uint64_t image;

		for (i = 0; i < col.n; i++) {
			int ly = kc_sat_symbol_lit(s, syms[i], KC_YES);
			int lm = kc_sat_symbol_lit(s, syms[i], KC_MOD);

			if (!ly)
				continue;
			lits[k++] = ly;
			if (lm != ly)
				lits[k++] = lm;
		}
		if (!kc_count_images(c, lits, k, &image, &err))
			fail_msg("%s: %s", model, err);
		assert_int_equal(image, n);
		free(lits);
	}
	check_representatives(m, s, syms, col.n, &col);
	printf("%s: %llu valid configurations (%zu diagram nodes), %zu projections onto %zu Makefile symbols, 40 partial assignments enumerated\n",
	       model, (unsigned long long)all, kc_count_nodes(c), n, col.n);
	collected_free(&col);
	kc_vec_free(&ms.syms);
	kc_count_free(c);
	kc_sat_free(s);
	kc_model_free(m);
}

static void test_embedded_models(void **state)
{
	(void)state;
	check_model("vfio-6.5", 1);
	check_model("vfio-6.6", 2);
	check_model("vfio-proposed", 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_embedded_models),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
