/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_sat_exact.c - the SAT encoding is exact: on random small Kconfig
 * trees, the configurations the solver enumerates (with blocking clauses)
 * are exactly the fixed points of the evaluator found by brute force over
 * every assignment of the bool and tristate symbols, and their number is
 * what the exact counter (count.c) computes.
 *
 * The generator writes trees with bool and tristate symbols, MODULES,
 * prompts with and without conditions, visible and invisible symbols,
 * depends on (also "depends on A if B"), defaults with conditions, select
 * and imply with conditions, choices, if blocks and menus with visible if.
 * References only go to earlier symbols (select and imply to later ones),
 * so no tree has a recursive dependency.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_sat.h"

#define TREES 1000

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

struct gen {
	struct rng r;
	struct kc_buf out;
	int nsyms;		/* symbols S0.. defined so far */
	bool tristate[16];
	bool modules;
};

/* A random expression over the symbols defined before 'upto'. */
static void gen_expr(struct gen *g, int upto, int depth)
{
	unsigned k = rnd(&g->r, depth > 1 ? 6 : 9);
	int a = upto > 0 ? (int)rnd(&g->r, (unsigned)upto) : -1;
	static const char *const consts[] = { "y", "m", "n" };

	if (a < 0) {
		kc_buf_adds(&g->out, consts[rnd(&g->r, 3)]);
		return;
	}
	switch (k) {
	case 0:
	case 1:
	case 2:
		kc_buf_addf(&g->out, "S%d", a);
		break;
	case 3:
		kc_buf_addf(&g->out, "S%d %s %s", a,
			    rnd(&g->r, 2) ? "=" : "!=",
			    consts[rnd(&g->r, 3)]);
		break;
	case 4:
		kc_buf_adds(&g->out, consts[rnd(&g->r, 3)]);
		break;
	case 5:
		kc_buf_addf(&g->out, "S%d = S%d", a, (int)rnd(&g->r, (unsigned)upto));
		break;
	case 6:
		kc_buf_adds(&g->out, "!");
		gen_expr(g, upto, depth + 1);
		break;
	case 7:
	case 8:
		kc_buf_adds(&g->out, "(");
		gen_expr(g, upto, depth + 1);
		kc_buf_adds(&g->out, rnd(&g->r, 2) ? " && " : " || ");
		gen_expr(g, upto, depth + 1);
		kc_buf_adds(&g->out, ")");
		break;
	}
}

/*
 * Symbol i may refer to S0..S(refs-1) and select or imply S(targets)...:
 * inside a choice, members must not refer to each other (the kernel calls
 * that a recursive dependency), so both limits skip the choice.
 */
static void gen_symbol(struct gen *g, int i, int total, bool in_choice,
		       int refs, int targets)
{
	bool tri = !in_choice && g->modules && rnd(&g->r, 2);
	unsigned n, k;

	g->tristate[i] = tri;
	kc_buf_addf(&g->out, "config S%d\n\t%s", i, tri ? "tristate" : "bool");
	if (in_choice || rnd(&g->r, 10) < 7) {
		kc_buf_addf(&g->out, " \"prompt %d\"", i);
		if (rnd(&g->r, 4) == 0) {
			kc_buf_adds(&g->out, " if ");
			gen_expr(g, refs, 0);
		}
	}
	kc_buf_adds(&g->out, "\n");
	if (rnd(&g->r, 2)) {
		kc_buf_adds(&g->out, "\tdepends on ");
		gen_expr(g, refs, 0);
		if (rnd(&g->r, 6) == 0) {
			kc_buf_adds(&g->out, " if ");
			gen_expr(g, refs, 0);
		}
		kc_buf_adds(&g->out, "\n");
	}
	n = in_choice ? 0 : rnd(&g->r, 3);
	for (k = 0; k < n; k++) {
		kc_buf_adds(&g->out, "\tdefault ");
		gen_expr(g, refs, 0);
		if (rnd(&g->r, 2)) {
			kc_buf_adds(&g->out, " if ");
			gen_expr(g, refs, 0);
		}
		kc_buf_adds(&g->out, "\n");
	}
	/* select and imply point forward, so dependencies stay acyclic. */
	n = targets < total ? rnd(&g->r, 3) : 0;
	for (k = 0; k < n; k++) {
		int t = targets + (int)rnd(&g->r, (unsigned)(total - targets));

		kc_buf_addf(&g->out, "\t%s S%d", rnd(&g->r, 3) ? "select" : "imply",
			    t);
		if (rnd(&g->r, 3) == 0) {
			kc_buf_adds(&g->out, " if ");
			gen_expr(g, refs, 0);
		}
		kc_buf_adds(&g->out, "\n");
	}
}

/* A random tree in g->out; returns the number of symbols S0... */
static int gen_tree(struct gen *g, unsigned long long seed)
{
	int total, i = 0, open_if = 0;

	g->r.s = seed * 0x9e3779b97f4a7c15ull + 1;
	kc_buf_reset(&g->out);
	g->modules = rnd(&g->r, 3) != 0;
	total = 3 + (int)rnd(&g->r, g->modules ? 4 : 6);
	if (g->modules)
		kc_buf_adds(&g->out, "config MODULES\n\tbool \"modules\"\n\tmodules\n\n");
	while (i < total) {
		unsigned what = rnd(&g->r, 10);

		if (what == 0 && total - i >= 2) {
			int k, members = 2 + (int)rnd(&g->r, 2);

			if (members > total - i)
				members = total - i;
			kc_buf_adds(&g->out, "choice\n\tprompt \"choice\"\n");
			if (rnd(&g->r, 2)) {
				kc_buf_adds(&g->out, "\tdepends on ");
				gen_expr(g, i, 0);
				kc_buf_adds(&g->out, "\n");
			}
			if (rnd(&g->r, 2))
				kc_buf_addf(&g->out, "\tdefault S%d\n",
					    i + (int)rnd(&g->r, (unsigned)members));
			for (k = 0; k < members; k++)
				gen_symbol(g, i + k, total, true, i, i + members);
			i += members;
			kc_buf_adds(&g->out, "endchoice\n");
			continue;
		}
		if (what == 1 && i > 0 && !open_if) {
			kc_buf_adds(&g->out, "if ");
			gen_expr(g, i, 0);
			kc_buf_adds(&g->out, "\n");
			open_if = 1;
		} else if (what == 2 && i > 0 && !open_if) {
			kc_buf_adds(&g->out, "menu \"m\"\n\tvisible if ");
			gen_expr(g, i, 0);
			kc_buf_adds(&g->out, "\n");
			open_if = 2;
		}
		gen_symbol(g, i, total, false, i, i + 1);
		i++;
		if (open_if && rnd(&g->r, 2)) {
			kc_buf_adds(&g->out, open_if == 1 ? "endif\n" : "endmenu\n");
			open_if = 0;
		}
	}
	if (open_if)
		kc_buf_adds(&g->out, open_if == 1 ? "endif\n" : "endmenu\n");
	return total;
}

/* ---- parsing generated text ---------------------------------------------- */

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
	if (!m) {
		size_t i;

		for (i = 0; i < d.len; i++)
			fprintf(stderr, "%s:%d: %s\n", d.items[i].file,
				d.items[i].line, d.items[i].message);
		fprintf(stderr, "%s\n", text);
	}
	kc_diags_free(&d);
	return m;
}

/* ---- both sides --------------------------------------------------------- */

/* Enough for the embedded models, which cover all of VFIO and IOMMUFD. */
#define MAX_VARS 256

struct vars {
	const struct kc_symbol *sym[MAX_VARS];
	int n;
};

static void collect(struct kc_sat *s, struct vars *v)
{
	size_t i;

	v->n = 0;
	assert_true(kc_sat_symbol_count(s) <= MAX_VARS);
	for (i = 0; i < kc_sat_symbol_count(s); i++)
		v->sym[v->n++] = kc_sat_symbol(s, i);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every solution, as "nmy..." strings, sorted. */
static size_t sat_solutions(struct kc_sat *s, const struct vars *v,
			    struct kc_vec *out)
{
	for (;;) {
		int block[2 * MAX_VARS], nb = 0, k;
		char *str;

		if (kc_sat_solve(s, NULL, 0) != 10)
			break;
		str = kc_xcalloc((size_t)v->n + 1, 1);
		for (k = 0; k < v->n; k++) {
			enum kc_tristate t = kc_sat_value(s, v->sym[k]);
			int ly = kc_sat_symbol_lit(s, v->sym[k], KC_YES);
			int lm = kc_sat_symbol_lit(s, v->sym[k], KC_MOD);

			str[k] = "nmy"[t];
			/* Block exactly this assignment of the projection. */
			block[nb++] = t == KC_YES ? -ly : ly;
			if (v->sym[k]->type == KC_T_TRISTATE)
				block[nb++] = t == KC_NO ? lm : -lm;
		}
		kc_vec_push(out, str);
		kc_sat_add_clause(s, block, (size_t)nb);
	}
	qsort(out->items, out->len, sizeof(char *), cmp_str);
	return out->len;
}

static size_t brute_force(const struct kc_model *m, const struct vars *v,
			  struct kc_vec *out)
{
	int vals[MAX_VARS] = { 0 }, k;
	struct kc_buf cfg = KC_BUF_INIT;

	for (;;) {
		struct kc_diags d = KC_DIAGS_INIT;
		struct kc_config *c;
		struct kc_eval *ev;
		bool fixed = true;

		kc_buf_reset(&cfg);
		for (k = 0; k < v->n; k++) {
			if (vals[k] == 0)
				kc_buf_addf(&cfg, "# CONFIG_%s is not set\n",
					    v->sym[k]->name);
			else
				kc_buf_addf(&cfg, "CONFIG_%s=%c\n",
					    v->sym[k]->name, "nmy"[vals[k]]);
		}
		c = kc_config_parse("fp.config", kc_buf_str(&cfg), cfg.len,
				    NULL, &d);
		ev = kc_eval_new(m, c, NULL);
		for (k = 0; k < v->n && fixed; k++)
			fixed = (int)kc_eval_tristate(ev, v->sym[k]) == vals[k];
		if (fixed) {
			char *str = kc_xcalloc((size_t)v->n + 1, 1);

			for (k = 0; k < v->n; k++)
				str[k] = "nmy"[vals[k]];
			kc_vec_push(out, str);
		}
		kc_eval_free(ev);
		kc_config_free(c);
		kc_diags_free(&d);
		/* next assignment: n, y for bool; n, m, y for tristate */
		for (k = 0; k < v->n; k++) {
			bool tri = v->sym[k]->type == KC_T_TRISTATE;

			if (vals[k] == 0) {
				vals[k] = tri ? 1 : 2;
				break;
			}
			if (vals[k] == 1) {
				vals[k] = 2;
				break;
			}
			vals[k] = 0;
		}
		if (k == v->n)
			break;
	}
	kc_buf_free(&cfg);
	qsort(out->items, out->len, sizeof(char *), cmp_str);
	return out->len;
}

static void free_strings(struct kc_vec *v)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		free(v->items[i]);
	kc_vec_free(v);
}

/* The exact count of valid configurations (count.c), before any blocking. */
static uint64_t count_all(struct kc_sat *s)
{
	char *err = NULL;
	struct kc_count *c = kc_count_new(s, 0, &err);
	uint64_t n = 0;

	assert_non_null(c);
	assert_true(kc_count_configs(c, NULL, 0, &n));
	kc_count_free(c);
	return n;
}

/*
 * Returns true when the solver's enumeration, the count and brute force
 * agree; prints the difference when not.
 */
static bool compare_model(const struct kc_model *m, const char *text,
			  size_t *points)
{
	struct kc_sat *s = kc_sat_new(m, false);
	struct kc_vec a = KC_VEC_INIT, b = KC_VEC_INIT;
	struct vars v;
	uint64_t counted;
	bool same;
	size_t i;

	collect(s, &v);
	counted = count_all(s);
	sat_solutions(s, &v, &a);
	brute_force(m, &v, &b);
	same = a.len == b.len && counted == b.len;
	for (i = 0; same && i < a.len; i++)
		same = !strcmp(a.items[i], b.items[i]);
	if (!same) {
		fprintf(stderr, "MISMATCH: sat %zu, counted %llu, evaluator %zu\n%s\nsymbols:",
			a.len, (unsigned long long)counted, b.len, text);
		for (i = 0; i < (size_t)v.n; i++)
			fprintf(stderr, " %s", v.sym[i]->name);
		fprintf(stderr, "\nsat:");
		for (i = 0; i < a.len; i++)
			fprintf(stderr, " %s", (char *)a.items[i]);
		fprintf(stderr, "\neval:");
		for (i = 0; i < b.len; i++)
			fprintf(stderr, " %s", (char *)b.items[i]);
		fprintf(stderr, "\n");
	}
	*points += b.len;
	free_strings(&a);
	free_strings(&b);
	kc_sat_free(s);
	return same;
}

static void test_random_trees(void **state)
{
	struct gen g = { 0 };
	size_t points = 0, compared = 0;
	unsigned long long seed;
	int failures = 0;

	(void)state;
	for (seed = 1; seed <= TREES; seed++) {
		struct kc_model *m;

		gen_tree(&g, seed);
		m = parse_text(kc_buf_str(&g.out));
		assert_non_null(m);
		if (!compare_model(m, kc_buf_str(&g.out), &points))
			failures++;
		compared++;
		kc_model_free(m);
	}
	kc_buf_free(&g.out);
	printf("compared %zu random trees, %zu fixed points, %d mismatches\n",
	       compared, points, failures);
	assert_int_equal(failures, 0);
	assert_int_equal(compared, TREES);
}

/* A few hand-written cases whose answers are known. */
static void test_known_counts(void **state)
{
	static const struct {
		const char *text;
		size_t fixed_points;
	} cases[] = {
		/* A free bool: n or y. */
		{ "config A\n\tbool \"a\"\n", 2 },
		/* Invisible with default y: only y. */
		{ "config A\n\tbool\n\tdefault y\n", 1 },
		/* B selected by A: A=y forces B=y. */
		{ "config A\n\tbool \"a\"\n\tselect B\nconfig B\n\tbool \"b\"\n", 3 },
		/* tristate with modules: MODULES n -> A in {n,y}; y -> {n,m,y}. */
		{ "config MODULES\n\tbool \"m\"\n\tmodules\nconfig A\n\ttristate \"a\"\n", 5 },
		/* A choice of two: exactly one y. */
		{ "choice\n\tprompt \"c\"\nconfig A\n\tbool \"a\"\nconfig B\n\tbool \"b\"\nendchoice\n", 2 },
	};
	size_t i, points;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kc_model *m = parse_text(cases[i].text);

		assert_non_null(m);
		points = 0;
		assert_true(compare_model(m, cases[i].text, &points));
		assert_int_equal(points, cases[i].fixed_points);
		kc_model_free(m);
	}
}

/* ---- fixtures and the embedded models ------------------------------------- */

/* The assignment of every symbol with variables, as a .config. */
static struct kc_config *as_config(const struct vars *v, const char *vals)
{
	struct kc_buf text = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c;
	int k;

	for (k = 0; k < v->n; k++) {
		if (vals[k] == 'n')
			kc_buf_addf(&text, "# CONFIG_%s is not set\n",
				    v->sym[k]->name);
		else
			kc_buf_addf(&text, "CONFIG_%s=%c\n", v->sym[k]->name,
				    vals[k]);
	}
	c = kc_config_parse("a.config", kc_buf_str(&text), text.len, NULL, &d);
	kc_buf_free(&text);
	kc_diags_free(&d);
	return c;
}

static bool is_fixed_point(const struct kc_model *m, const struct vars *v,
			   const char *vals)
{
	struct kc_config *c = as_config(v, vals);
	struct kc_eval *ev = kc_eval_new(m, c, NULL);
	bool fixed = true;
	int k;

	for (k = 0; k < v->n && fixed; k++)
		fixed = "nmy"[kc_eval_tristate(ev, v->sym[k])] == vals[k];
	kc_eval_free(ev);
	kc_config_free(c);
	return fixed;
}

/* Does this assignment satisfy the CNF (all its values assumed)? */
static bool satisfies(struct kc_sat *s, const struct vars *v, const char *vals)
{
	int lits[2 * MAX_VARS], n = 0, k;

	for (k = 0; k < v->n; k++) {
		int two[2];
		size_t j, c = kc_sat_value_lits(s, v->sym[k],
						 vals[k] == 'y' ? KC_YES :
						 vals[k] == 'm' ? KC_MOD : KC_NO,
						 two);

		for (j = 0; j < c; j++)
			lits[n++] = two[j];
	}
	return kc_sat_solve(s, lits, (size_t)n) == 10;
}

/*
 * A model too big for brute force: the first solutions the solver
 * enumerates must be fixed points of the evaluator (soundness), and what
 * resolution makes of random assignments (the fixed points the kernel's
 * olddefconfig reaches) must satisfy the CNF (completeness).  Returns the
 * number of solutions looked at.
 */
static size_t sound_and_complete(const struct kc_model *m, unsigned seed)
{
	struct kc_sat *s = kc_sat_new(m, false);
	struct rng r = { seed * 7919ull + 3 };
	size_t i, n = 0, samples, unsound = 0, missing = 0;
	struct vars v;
	char vals[MAX_VARS + 1];

	collect(s, &v);
	for (i = 0; i < 3000 && kc_sat_solve(s, NULL, 0) == 10; i++, n++) {
		int block[2 * MAX_VARS], nb = 0, k;

		for (k = 0; k < v.n; k++) {
			enum kc_tristate t = kc_sat_value(s, v.sym[k]);
			int ly = kc_sat_symbol_lit(s, v.sym[k], KC_YES);
			int lm = kc_sat_symbol_lit(s, v.sym[k], KC_MOD);

			vals[k] = "nmy"[t];
			block[nb++] = t == KC_YES ? -ly : ly;
			if (v.sym[k]->type == KC_T_TRISTATE)
				block[nb++] = t == KC_NO ? lm : -lm;
		}
		vals[v.n] = '\0';
		if (!is_fixed_point(m, &v, vals))
			unsound++;
		kc_sat_add_clause(s, block, (size_t)nb);
	}
	kc_sat_free(s);
	s = kc_sat_new(m, false);
	for (samples = 0; samples < 2000; samples++) {
		struct kc_config *c;
		struct kc_eval *ev;
		int k;

		for (k = 0; k < v.n; k++)
			vals[k] = v.sym[k]->type == KC_T_TRISTATE ?
					  "nmy"[rnd(&r, 3)] : "ny"[rnd(&r, 2)];
		vals[v.n] = '\0';
		c = as_config(&v, vals);
		ev = kc_eval_new(m, c, NULL);
		for (k = 0; k < v.n; k++)
			vals[k] = "nmy"[kc_eval_tristate(ev, v.sym[k])];
		kc_eval_free(ev);
		kc_config_free(c);
		if (is_fixed_point(m, &v, vals) && !satisfies(s, &v, vals))
			missing++;
	}
	if (unsound || missing)
		fprintf(stderr, "%zu solutions not fixed points, %zu fixed points not solutions\n",
			unsound, missing);
	assert_int_equal(unsound, 0);
	assert_int_equal(missing, 0);
	kc_sat_free(s);
	return n;
}

static struct kc_model *parse_dir(const char *dir)
{
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_disk_fs fs;
	struct kc_model *m;

	kc_disk_fs_init(&fs, dir);
	opt.fs = &fs.fs;
	m = kc_parse(&opt, &d);
	kc_disk_fs_release(&fs);
	kc_diags_free(&d);
	return m;
}

/* Every fixture tree of tests/: exact equality when small, else both ways. */
static void test_fixtures(void **state)
{
	static const char *const dirs[] = { "sat", "full", "other",
					    "rules/kconfig-loose" };
	size_t i, points;

	(void)state;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *dir = kc_xasprintf("%s/%s", KC_TEST_FIXTURES, dirs[i]);
		struct kc_model *m = parse_dir(dir);
		struct kc_sat *s;
		struct vars v;

		assert_non_null(m);
		s = kc_sat_new(m, false);
		collect(s, &v);
		kc_sat_free(s);
		points = 0;
		if (v.n <= 12)
			assert_true(compare_model(m, dir, &points));
		else
			points = sound_and_complete(m, (unsigned)i);
		printf("%s: %d symbols, %zu %s\n", dirs[i], v.n, points,
		       v.n <= 12 ? "valid configurations, equal to brute force" :
				   "solutions checked both ways");
		kc_model_free(m);
		free(dir);
	}
}

static void test_embedded_models(void **state)
{
	static const char *const models[] = { "vfio-6.5", "vfio-6.6",
					      "vfio-proposed" };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct kc_parse_options opt = { 0 };
		struct kc_diags d = KC_DIAGS_INIT;
		struct kc_embedded_fs efs;
		struct kc_model *m;

		assert_int_equal(kc_embedded_fs_init(&efs, models[i]), 0);
		opt.fs = &efs.fs;
		m = kc_parse(&opt, &d);
		assert_non_null(m);
		printf("%s: %zu enumerated solutions are fixed points; 2000 resolved random configurations satisfy the CNF\n",
		       models[i], sound_and_complete(m, (unsigned)i + 10));
		kc_model_free(m);
		kc_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_counts),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_embedded_models),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
