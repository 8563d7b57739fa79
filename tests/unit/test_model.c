// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_model.c - the model layer (src/model/): the symbol table and its
 * look-ups, building and printing expressions, kc_expr_trans_compare()
 * (checked against a tristate evaluator over every assignment), the
 * nearest-name suggestion, and two models alive side by side.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_frontend.h"
#include "kc_model.h"

/* ---- helpers ------------------------------------------------------------ */

static const char *pr(const struct kc_expr *e)
{
	static struct kc_buf b;

	kc_buf_reset(&b);
	kc_expr_print(e, &b);
	return kc_buf_str(&b);
}

static struct kc_symbol *S(struct kc_model *m, const char *name)
{
	return kc_model_intern(m, name, strlen(name));
}

static struct kc_symbol *C(struct kc_model *m, const char *text)
{
	return kc_model_const(m, text, strlen(text));
}

static struct kc_expr *sym(struct kc_model *m, const char *name)
{
	return kc_expr_new_symbol(m, S(m, name));
}

static struct kc_expr *e_not(struct kc_model *m, struct kc_expr *e)
{
	return kc_expr_new_unary(m, KC_E_NOT, e);
}

static struct kc_expr *e_and(struct kc_model *m, struct kc_expr *a,
			     struct kc_expr *b)
{
	return kc_expr_new_binary(m, KC_E_AND, a, b);
}

static struct kc_expr *e_or(struct kc_model *m, struct kc_expr *a,
			    struct kc_expr *b)
{
	return kc_expr_new_binary(m, KC_E_OR, a, b);
}

static struct kc_expr *cmp(struct kc_model *m, enum kc_expr_op op,
			   const char *a, const char *b)
{
	return kc_expr_new_compare(m, op, S(m, a), S(m, b));
}

static struct kc_model *parse_fixture(const char *name, struct kc_diags *d)
{
	char *dir = kc_xasprintf("%s/%s", KC_TEST_FIXTURES, name);
	struct kc_parse_options opt = { 0 };
	struct kc_disk_fs dfs;
	struct kc_model *m;

	kc_disk_fs_init(&dfs, dir);
	opt.fs = &dfs.fs;
	m = kc_parse(&opt, d);
	kc_disk_fs_release(&dfs);
	free(dir);
	return m;
}

/* ---- the symbol table ------------------------------------------------------ */

static void test_intern_and_constants(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_symbol *a;

	(void)state;
	a = S(m, "A");
	assert_ptr_equal(S(m, "A"), a);
	assert_ptr_equal(kc_model_intern(m, "AB", 1), a);
	assert_string_equal(a->name, "A");
	assert_int_equal(a->type, KC_T_UNKNOWN);
	assert_int_equal(a->flags, 0);
	/* y, m and n are the constants, as words or as quoted text. */
	assert_ptr_equal(S(m, "y"), kc_model_const_yes(m));
	assert_ptr_equal(C(m, "m"), kc_model_const_mod(m));
	assert_ptr_equal(S(m, "n"), kc_model_const_no(m));
	assert_int_equal(kc_model_const_yes(m)->type, KC_T_TRISTATE);
	assert_true(kc_model_const_no(m)->flags & KC_SYM_CONST);
	/* Quoted text is a constant, apart from the symbol of that name. */
	assert_ptr_equal(C(m, "A"), C(m, "A"));
	assert_ptr_not_equal(C(m, "A"), a);
	assert_true(C(m, "A")->flags & KC_SYM_CONST);
	/* Only non-constant symbols are counted and looked up. */
	assert_int_equal(kc_model_symbol_count(m), 1);
	assert_ptr_equal(kc_model_symbol(m, 0), a);
	assert_null(kc_model_symbol(m, 1));
	assert_ptr_equal(kc_model_lookup(m, "A"), a);
	assert_null(kc_model_lookup(m, "y"));
	assert_null(kc_model_lookup(m, "B"));
	/* No modules symbol means the constant n. */
	assert_ptr_equal(kc_model_modules(m), kc_model_const_no(m));
	kc_model_free(m);
}

static void test_lookup_after_parse(void **state)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m = parse_fixture("full", &d);
	struct kc_symbol *s;

	(void)state;
	assert_non_null(m);
	assert_int_equal(d.len, 0);
	s = kc_model_lookup(m, "FEATURE");
	assert_non_null(s);
	assert_string_equal(s->name, "FEATURE");
	assert_true(s->flags & KC_SYM_DEFINED);
	assert_ptr_equal(kc_model_symbol(m, s->id), s);
	/* Referenced only: a symbol, not defined. */
	assert_non_null(kc_model_lookup(m, "1"));
	assert_false(kc_model_lookup(m, "1")->flags & KC_SYM_DEFINED);
	/* Quoted text, keywords and unknown names are not symbols. */
	assert_null(kc_model_lookup(m, "dummy"));
	assert_null(kc_model_lookup(m, "Mode"));
	assert_null(kc_model_lookup(m, "config"));
	assert_null(kc_model_lookup(m, "feature"));
	assert_null(kc_model_lookup(m, ""));
	kc_model_free(m);
	kc_diags_free(&d);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(kc_type_name(KC_T_UNKNOWN), "unknown");
	assert_string_equal(kc_type_name(KC_T_BOOL), "bool");
	assert_string_equal(kc_type_name(KC_T_TRISTATE), "tristate");
	assert_string_equal(kc_type_name(KC_T_INT), "int");
	assert_string_equal(kc_type_name(KC_T_HEX), "hex");
	assert_string_equal(kc_type_name(KC_T_STRING), "string");
	assert_string_equal(kc_prop_kind_name(KC_P_PROMPT), "prompt");
	assert_string_equal(kc_prop_kind_name(KC_P_DEFAULT), "default");
	assert_string_equal(kc_prop_kind_name(KC_P_SELECT), "select");
	assert_string_equal(kc_prop_kind_name(KC_P_IMPLY), "imply");
	assert_string_equal(kc_prop_kind_name(KC_P_RANGE), "range");
	assert_string_equal(kc_prop_kind_name(KC_P_MENU), "menu");
	assert_string_equal(kc_prop_kind_name(KC_P_COMMENT), "comment");
	assert_string_equal(kc_menu_kind_name(KC_M_ROOT), "root");
	assert_string_equal(kc_menu_kind_name(KC_M_CONFIG), "config");
	assert_string_equal(kc_menu_kind_name(KC_M_MENUCONFIG), "menuconfig");
	assert_string_equal(kc_menu_kind_name(KC_M_CHOICE), "choice");
	assert_string_equal(kc_menu_kind_name(KC_M_MENU), "menu");
	assert_string_equal(kc_menu_kind_name(KC_M_COMMENT), "comment");
	assert_string_equal(kc_menu_kind_name(KC_M_IF), "if");
}

/* ---- printing ------------------------------------------------------------------ */

static void test_print_leaves(void **state)
{
	struct kc_model *m = kc_model_new();

	(void)state;
	assert_string_equal(pr(NULL), "y");
	assert_string_equal(pr(sym(m, "FOO_BAR")), "FOO_BAR");
	assert_string_equal(pr(sym(m, "y")), "y");
	assert_string_equal(pr(sym(m, "m")), "m");
	assert_string_equal(pr(sym(m, "n")), "n");
	/* An unquoted number is a symbol and prints bare. */
	assert_string_equal(pr(sym(m, "0x10")), "0x10");
	/* Other constants are quoted, with escapes. */
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, "text"))),
			    "\"text\"");
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, "10"))), "\"10\"");
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, ""))), "\"\"");
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, "a \"b\" \\c"))),
			    "\"a \\\"b\\\" \\\\c\"");
	/* A one-letter constant other than y, m, n still needs its quotes. */
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, "a"))), "\"a\"");
	assert_string_equal(pr(kc_expr_new_symbol(m, C(m, "5"))), "\"5\"");
	assert_string_equal(pr(kc_expr_new_symbol(m, kc_model_new_choice(m))),
			    "<choice>");
	kc_model_free(m);
}

static void test_print_operators(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_expr *a = sym(m, "A"), *b = sym(m, "B"), *c = sym(m, "C"),
		       *d = sym(m, "D");

	(void)state;
	assert_string_equal(pr(e_not(m, a)), "!A");
	assert_string_equal(pr(e_not(m, e_not(m, a))), "!!A");
	assert_string_equal(pr(e_not(m, e_and(m, a, b))), "!(A && B)");
	assert_string_equal(pr(e_not(m, e_or(m, a, b))), "!(A || B)");
	assert_string_equal(pr(e_not(m, cmp(m, KC_E_EQUAL, "A", "B"))), "!A=B");
	assert_string_equal(pr(e_and(m, a, b)), "A && B");
	assert_string_equal(pr(e_or(m, a, b)), "A || B");
	/* Same-precedence chains need no parentheses, either way round. */
	assert_string_equal(pr(e_and(m, e_and(m, a, b), c)), "A && B && C");
	assert_string_equal(pr(e_and(m, a, e_and(m, b, c))), "A && B && C");
	assert_string_equal(pr(e_or(m, a, e_or(m, b, c))), "A || B || C");
	assert_string_equal(pr(e_or(m, e_and(m, a, b), e_and(m, c, d))),
			    "A && B || C && D");
	assert_string_equal(pr(e_and(m, e_or(m, a, b), e_or(m, c, d))),
			    "(A || B) && (C || D)");
	assert_string_equal(pr(e_and(m, a, e_or(m, b, e_not(m, c)))),
			    "A && (B || !C)");
	assert_string_equal(pr(e_and(m, e_not(m, a), b)), "!A && B");
	assert_string_equal(pr(cmp(m, KC_E_EQUAL, "A", "y")), "A=y");
	assert_string_equal(pr(cmp(m, KC_E_UNEQUAL, "A", "B")), "A!=B");
	assert_string_equal(pr(cmp(m, KC_E_LTH, "A", "1")), "A<1");
	assert_string_equal(pr(cmp(m, KC_E_LEQ, "A", "1")), "A<=1");
	assert_string_equal(pr(cmp(m, KC_E_GTH, "A", "1")), "A>1");
	assert_string_equal(pr(cmp(m, KC_E_GEQ, "A", "1")), "A>=1");
	assert_string_equal(pr(cmp(m, KC_E_RANGE, "1", "MAX")), "1 MAX");
	assert_string_equal(
		pr(kc_expr_new_compare(m, KC_E_EQUAL, S(m, "S"), C(m, "x y"))),
		"S=\"x y\"");
	kc_model_free(m);
}

static void test_and_or_with_null(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_expr *a = sym(m, "A"), *b = sym(m, "B");

	(void)state;
	assert_null(kc_expr_and(m, NULL, NULL));
	assert_ptr_equal(kc_expr_and(m, NULL, a), a);
	assert_ptr_equal(kc_expr_and(m, a, NULL), a);
	assert_ptr_equal(kc_expr_or(m, NULL, b), b);
	assert_ptr_equal(kc_expr_or(m, b, NULL), b);
	assert_string_equal(pr(kc_expr_and(m, a, b)), "A && B");
	assert_string_equal(pr(kc_expr_or(m, a, b)), "A || B");
	kc_model_free(m);
}

/* Printing, then parsing the text back, gives the same text. */
static void test_print_parse_round_trip(void **state)
{
	static const char *const texts[] = {
		"A",
		"!A",
		"!!A",
		"A && B || C && D",
		"(A || B) && (C || D)",
		"!(A || B) && C=y",
		"!A=B",
		"A!=\"a\"",
		"S=\"x y\" || S=\"\"",
		"S=\"say \\\"hi\\\"\"",
		"A<1 && B<=C || D>0x10 && E>=\"5\"",
		"A && (B || !C && (D || E))",
		"m && MODULES",
	};
	struct kc_model *m = kc_model_new();
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct kc_expr *e = kc_parse_expr(m, texts[i], "t", 1, 1, &d);

		assert_non_null(e);
		assert_string_equal(pr(e), texts[i]);
	}
	assert_int_equal(d.len, 0);
	kc_diags_free(&d);
	kc_model_free(m);
}

static void test_uses_build_machine(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_expr *t = sym(m, "T"), *a = sym(m, "A");

	(void)state;
	t->flags |= KC_EXPR_BUILD_MACHINE;
	assert_false(kc_expr_uses_build_machine(NULL));
	assert_false(kc_expr_uses_build_machine(a));
	assert_true(kc_expr_uses_build_machine(t));
	assert_true(kc_expr_uses_build_machine(e_not(m, t)));
	assert_true(kc_expr_uses_build_machine(e_or(m, a, e_and(m, a, t))));
	assert_false(kc_expr_uses_build_machine(e_or(m, a, e_and(m, a, a))));
	kc_model_free(m);
}

/* ---- kc_expr_trans_compare ------------------------------------------------------ */

static void test_trans_compare_shapes(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_symbol *no = kc_model_const_no(m),
			 *yes = kc_model_const_yes(m);
	struct kc_expr *a = sym(m, "A"), *b = sym(m, "B"), *e;

	(void)state;
	assert_string_equal(pr(kc_expr_trans_compare(m, a, true, no)), "A=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, a, false, no)), "A!=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, a, true, yes)), "A=y");
	assert_string_equal(pr(kc_expr_trans_compare(m, a, false, yes)),
			    "A!=y");
	/* !A is n exactly when A is y. */
	assert_string_equal(pr(kc_expr_trans_compare(m, e_not(m, a), true, no)),
			    "A=y");
	assert_string_equal(
		pr(kc_expr_trans_compare(m, e_not(m, a), false, no)), "A!=y");
	assert_string_equal(
		pr(kc_expr_trans_compare(m, e_not(m, a), true, yes)), "A=n");
	/* && is the minimum, || the maximum. */
	e = e_and(m, a, b);
	assert_string_equal(pr(kc_expr_trans_compare(m, e, true, no)),
			    "A=n || B=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, false, no)),
			    "A!=n && B!=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, true, yes)),
			    "A=y && B=y");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, false, yes)),
			    "A!=y || B!=y");
	e = e_or(m, a, b);
	assert_string_equal(pr(kc_expr_trans_compare(m, e, true, no)),
			    "A=n && B=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, false, no)),
			    "A!=n || B!=n");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, true, yes)),
			    "A=y || B=y");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, false, yes)),
			    "A!=y && B!=y");
	/* A comparison is y or n: "= y" and "!= n" keep it as it is. */
	e = cmp(m, KC_E_EQUAL, "A", "B");
	assert_ptr_equal(kc_expr_trans_compare(m, e, true, yes), e);
	assert_ptr_equal(kc_expr_trans_compare(m, e, false, no), e);
	assert_string_equal(pr(kc_expr_trans_compare(m, e, true, no)), "A!=B");
	assert_string_equal(pr(kc_expr_trans_compare(m, e, false, yes)),
			    "A!=B");
	assert_string_equal(
		pr(kc_expr_trans_compare(m, cmp(m, KC_E_UNEQUAL, "A", "B"),
					 true, no)),
		"A=B");
	assert_string_equal(pr(kc_expr_trans_compare(
				    m, cmp(m, KC_E_LTH, "A", "B"), true, no)),
			    "A>=B");
	assert_string_equal(pr(kc_expr_trans_compare(
				    m, cmp(m, KC_E_LEQ, "A", "B"), true, no)),
			    "A>B");
	assert_string_equal(pr(kc_expr_trans_compare(
				    m, cmp(m, KC_E_GTH, "A", "B"), true, no)),
			    "A<=B");
	assert_string_equal(pr(kc_expr_trans_compare(
				    m, cmp(m, KC_E_GEQ, "A", "B"), true, no)),
			    "A<B");
	kc_model_free(m);
}

static void test_trans_compare_keeps_build_machine(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_symbol *no = kc_model_const_no(m);
	struct kc_expr *t = sym(m, "T"), *c = cmp(m, KC_E_EQUAL, "A", "B"), *r;

	(void)state;
	t->flags |= KC_EXPR_BUILD_MACHINE;
	c->flags |= KC_EXPR_BUILD_MACHINE;
	r = kc_expr_trans_compare(m, t, false, no);
	assert_int_equal(r->op, KC_E_UNEQUAL);
	assert_true(r->flags & KC_EXPR_BUILD_MACHINE);
	r = kc_expr_trans_compare(m, c, true, no);
	assert_int_equal(r->op, KC_E_UNEQUAL);
	assert_true(r->flags & KC_EXPR_BUILD_MACHINE);
	r = kc_expr_trans_compare(m, e_and(m, sym(m, "A"), e_not(m, t)), true,
				  no);
	assert_true(kc_expr_uses_build_machine(r));
	assert_false(r->sub[0]->flags & KC_EXPR_BUILD_MACHINE);
	assert_true(r->sub[1]->flags & KC_EXPR_BUILD_MACHINE);
	kc_model_free(m);
}

/* A tristate evaluator over symbols A, B, C (values in vals[0..2]). */
static int tri_of(const struct kc_model *m, const struct kc_symbol *s,
		  const int vals[3])
{
	if (s == kc_model_const_yes(m))
		return KC_YES;
	if (s == kc_model_const_mod(m))
		return KC_MOD;
	if (s == kc_model_const_no(m))
		return KC_NO;
	assert_true(s->name[0] >= 'A' && s->name[0] <= 'C' && !s->name[1]);
	return vals[s->name[0] - 'A'];
}

static int eval(const struct kc_model *m, const struct kc_expr *e,
		const int vals[3])
{
	int a, b;

	switch (e->op) {
	case KC_E_SYMBOL:
		return tri_of(m, e->sym[0], vals);
	case KC_E_NOT:
		return KC_YES - eval(m, e->sub[0], vals);
	case KC_E_AND:
		a = eval(m, e->sub[0], vals);
		b = eval(m, e->sub[1], vals);
		return a < b ? a : b;
	case KC_E_OR:
		a = eval(m, e->sub[0], vals);
		b = eval(m, e->sub[1], vals);
		return a > b ? a : b;
	case KC_E_EQUAL:
		return tri_of(m, e->sym[0], vals) ==
				       tri_of(m, e->sym[1], vals) ?
			       KC_YES :
			       KC_NO;
	case KC_E_UNEQUAL:
		return tri_of(m, e->sym[0], vals) !=
				       tri_of(m, e->sym[1], vals) ?
			       KC_YES :
			       KC_NO;
	default:
		fail_msg("unexpected operator %d", e->op);
		return KC_NO;
	}
}

/*
 * "e = v" and "e != v" for v in {n, y}, over every tristate assignment of
 * A, B and C: the rewritten expression must be y exactly when the
 * comparison holds, and never m.
 */
static void test_trans_compare_semantics(void **state)
{
	struct kc_model *m = kc_model_new();
	struct kc_diags d = KC_DIAGS_INIT;
	static const char *const texts[] = {
		"A",
		"!A",
		"A && B",
		"A || B",
		"!(A && !B) || C",
		"(A || m) && !(B || !C)",
		"A = B && !(C != y)",
		"!(A = m) || B && C",
		"y && A || n",
	};
	struct kc_symbol *vs[2];
	size_t i;
	int vals[3], k, j, eq;

	(void)state;
	vs[0] = kc_model_const_no(m);
	vs[1] = kc_model_const_yes(m);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct kc_expr *e = kc_parse_expr(m, texts[i], "t", 1, 1, &d);

		assert_non_null(e);
		for (j = 0; j < 2; j++) {
			for (eq = 0; eq < 2; eq++) {
				struct kc_expr *t =
					kc_expr_trans_compare(m, e, eq, vs[j]);

				for (k = 0; k < 27; k++) {
					int want, got, v = j ? KC_YES : KC_NO;

					vals[0] = k % 3;
					vals[1] = k / 3 % 3;
					vals[2] = k / 9;
					want = (eval(m, e, vals) == v) == eq;
					got = eval(m, t, vals);
					if (got != (want ? KC_YES : KC_NO))
						fail_msg(
							"%s %s %s at A=%d B=%d C=%d: got %d from %s",
							texts[i],
							eq ? "=" : "!=",
							vs[j]->name, vals[0],
							vals[1], vals[2], got,
							pr(t));
				}
			}
		}
	}
	assert_int_equal(d.len, 0);
	kc_diags_free(&d);
	kc_model_free(m);
}

/* ---- suggestions ------------------------------------------------------------------- */

static void test_suggest(void **state)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;
	const char *src =
		"config VFIO\n\ttristate\n"
		"config VFIO_PCI\n\ttristate\n\tdepends on UNDEFINED_THING\n"
		"config IOMMUFD\n\ttristate\n"
		"config AB1\n\tbool\nconfig AB2\n\tbool\n"
		"choice\n\tprompt \"c\"\nconfig CHOSEN\n\tbool \"x\"\nendchoice\n";
	char dir[] = "/tmp/kc-test-model-XXXXXX";
	struct kc_parse_options opt = { 0 };
	struct kc_disk_fs dfs;
	char *path;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = kc_xasprintf("%s/Kconfig", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(src, fp);
	fclose(fp);
	kc_disk_fs_init(&dfs, dir);
	opt.fs = &dfs.fs;
	m = kc_parse(&opt, &d);
	kc_disk_fs_release(&dfs);
	remove(path);
	remove(dir);
	free(path);
	assert_non_null(m);

	assert_string_equal(kc_model_suggest(m, "VFIO_PCII"), "VFIO_PCI");
	assert_string_equal(kc_model_suggest(m, "VFIO_PC"), "VFIO_PCI");
	assert_string_equal(kc_model_suggest(m, "VFI"), "VFIO");
	assert_string_equal(kc_model_suggest(m, "IOMMU_FD"), "IOMMUFD");
	assert_string_equal(kc_model_suggest(m, "IOMMUFD"), "IOMMUFD");
	assert_string_equal(kc_model_suggest(m, "CHOSN"), "CHOSEN");
	/* The first of equally near names wins. */
	assert_string_equal(kc_model_suggest(m, "AB3"), "AB1");
	/* Too far away (about a third of the length, at most four edits). */
	assert_null(kc_model_suggest(m, "vfio"));
	assert_null(kc_model_suggest(m, "XYZ"));
	assert_null(kc_model_suggest(m, ""));
	assert_null(kc_model_suggest(m, "VFIO_PCI_CORE_EXTRA"));
	/* Only defined symbols are offered. */
	assert_null(kc_model_suggest(m, "UNDEFINED_THIN"));
	kc_model_free(m);
	kc_diags_free(&d);
}

/* ---- two models --------------------------------------------------------------------- */

static void test_two_models_side_by_side(void **state)
{
	struct kc_diags d1 = KC_DIAGS_INIT, d2 = KC_DIAGS_INIT;
	struct kc_model *full, *other;
	struct kc_symbol *f1, *f2;
	struct kc_buf j1 = KC_BUF_INIT, j2 = KC_BUF_INIT;

	(void)state;
	full = parse_fixture("full", &d1);
	other = parse_fixture("other", &d2);
	assert_non_null(full);
	assert_non_null(other);
	assert_int_equal(d1.len, 0);
	assert_int_equal(d2.len, 0);

	f1 = kc_model_lookup(full, "FEATURE");
	f2 = kc_model_lookup(other, "FEATURE");
	assert_non_null(f1);
	assert_non_null(f2);
	assert_ptr_not_equal(f1, f2);
	assert_int_equal(f1->type, KC_T_TRISTATE);
	assert_int_equal(f2->type, KC_T_INT);
	assert_string_equal(kc_symbol_prompt(f2)->text,
			    "FEATURE means something else here");
	assert_null(kc_model_lookup(full, "ONLY_HERE"));
	assert_null(kc_model_lookup(other, "HELPER"));
	assert_string_equal(kc_model_root(full)->prompt->text,
			    "Fixture: every statement");
	assert_string_equal(kc_model_root(other)->prompt->text,
			    "Fixture: another tree");
	assert_int_equal(kc_model_file_count(full), 3);
	assert_int_equal(kc_model_file_count(other), 1);
	assert_string_equal(kc_model_modules(full)->name, "MODULES");
	assert_ptr_equal(kc_model_modules(other), kc_model_const_no(other));
	assert_ptr_not_equal(kc_model_const_yes(full),
			     kc_model_const_yes(other));
	assert_string_equal(
		pr(kc_model_lookup(other, "FEATURE_HELPER")->rev_dep),
		"ONLY_HERE");
	assert_string_equal(kc_model_suggest(other, "ONLY_HER"), "ONLY_HERE");
	assert_null(kc_model_suggest(full, "ONLY_HER"));

	/* Each still dumps on its own after the other is gone. */
	kc_model_to_json(full, true, &j1);
	kc_model_free(full);
	kc_model_to_json(other, true, &j2);
	assert_non_null(strstr(kc_buf_str(&j2), "\"name\": \"ONLY_HERE\""));
	assert_null(strstr(kc_buf_str(&j2), "\"name\": \"HELPER\""));
	assert_non_null(strstr(kc_buf_str(&j1), "\"name\": \"HELPER\""));
	kc_model_free(other);
	kc_buf_free(&j1);
	kc_buf_free(&j2);
	kc_diags_free(&d1);
	kc_diags_free(&d2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern_and_constants),
		cmocka_unit_test(test_lookup_after_parse),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_print_leaves),
		cmocka_unit_test(test_print_operators),
		cmocka_unit_test(test_and_or_with_null),
		cmocka_unit_test(test_print_parse_round_trip),
		cmocka_unit_test(test_uses_build_machine),
		cmocka_unit_test(test_trans_compare_shapes),
		cmocka_unit_test(test_trans_compare_keeps_build_machine),
		cmocka_unit_test(test_trans_compare_semantics),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_two_models_side_by_side),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
