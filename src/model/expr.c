/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * expr.c - building and printing expressions.
 */
#include <string.h>

#include "kc_model.h"
#include "model_internal.h"

static struct kc_expr *expr_alloc(struct kc_model *m, enum kc_expr_op op)
{
	struct kc_expr *e = kc_arena_alloc(m->arena, sizeof(*e));

	e->op = op;
	return e;
}

struct kc_expr *kc_expr_new_symbol(struct kc_model *m, struct kc_symbol *s)
{
	struct kc_expr *e = expr_alloc(m, KC_E_SYMBOL);

	e->sym[0] = s;
	return e;
}

struct kc_expr *kc_expr_new_unary(struct kc_model *m, enum kc_expr_op op,
				  struct kc_expr *sub)
{
	struct kc_expr *e = expr_alloc(m, op);

	e->sub[0] = sub;
	return e;
}

struct kc_expr *kc_expr_new_binary(struct kc_model *m, enum kc_expr_op op,
				   struct kc_expr *a, struct kc_expr *b)
{
	struct kc_expr *e = expr_alloc(m, op);

	e->sub[0] = a;
	e->sub[1] = b;
	return e;
}

struct kc_expr *kc_expr_new_compare(struct kc_model *m, enum kc_expr_op op,
				    struct kc_symbol *a, struct kc_symbol *b)
{
	struct kc_expr *e = expr_alloc(m, op);

	e->sym[0] = a;
	e->sym[1] = b;
	return e;
}

struct kc_expr *kc_expr_and(struct kc_model *m, struct kc_expr *a,
			    struct kc_expr *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return kc_expr_new_binary(m, KC_E_AND, a, b);
}

struct kc_expr *kc_expr_or(struct kc_model *m, struct kc_expr *a,
			   struct kc_expr *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return kc_expr_new_binary(m, KC_E_OR, a, b);
}

/*
 * The same operator over 'n' operands, operands in order.  Up to
 * JOIN_CHAIN operands make the left-deep chain the kernel's parser builds
 * ((a && b) && c); longer runs (a flat "A && B && ..." of thousands, every
 * select of a much-selected symbol) become a balanced tree of such chains,
 * so the recursive walks of every later stage stay shallow.  && and || are
 * associative in tristate logic, and the printer writes a same-operator
 * chain without parentheses whatever its shape.
 */
#define JOIN_CHAIN 32

struct kc_expr *kc_expr_join(struct kc_model *m, enum kc_expr_op op,
			     struct kc_expr *const *items, size_t n)
{
	struct kc_expr *e;
	size_t i, half;

	if (n == 0)
		return NULL;
	if (n <= JOIN_CHAIN) {
		for (e = items[0], i = 1; i < n; i++)
			e = kc_expr_new_binary(m, op, e, items[i]);
		return e;
	}
	half = n / 2;
	return kc_expr_new_binary(m, op, kc_expr_join(m, op, items, half),
				  kc_expr_join(m, op, items + half, n - half));
}

bool kc_expr_uses_build_machine(const struct kc_expr *e)
{
	if (!e)
		return false;
	if (e->flags & KC_EXPR_BUILD_MACHINE)
		return true;
	switch (e->op) {
	case KC_E_NOT:
		return kc_expr_uses_build_machine(e->sub[0]);
	case KC_E_AND:
	case KC_E_OR:
		return kc_expr_uses_build_machine(e->sub[0]) ||
		       kc_expr_uses_build_machine(e->sub[1]);
	default:
		return false;
	}
}

/* Precedence, lowest first, as in kconfig-language.rst. */
static int prec(enum kc_expr_op op)
{
	switch (op) {
	case KC_E_OR:
		return 1;
	case KC_E_AND:
		return 2;
	case KC_E_NOT:
		return 3;
	default:
		return 4;
	}
}

static void print_symbol(const struct kc_symbol *s, struct kc_buf *out)
{
	const char *p;

	if (!s->name) {
		kc_buf_adds(out, "<choice>");
		return;
	}
	/* Only y, m and n mean themselves unquoted; "a" is not symbol a. */
	if (!(s->flags & KC_SYM_CONST) ||
	    (s->name[0] && strchr("ymn", s->name[0]) && !s->name[1])) {
		kc_buf_adds(out, s->name);
		return;
	}
	kc_buf_addc(out, '"');
	for (p = s->name; *p; p++) {
		if (*p == '"' || *p == '\\')
			kc_buf_addc(out, '\\');
		kc_buf_addc(out, *p);
	}
	kc_buf_addc(out, '"');
}

static const char *compare_op(enum kc_expr_op op)
{
	switch (op) {
	case KC_E_EQUAL:
		return "=";
	case KC_E_UNEQUAL:
		return "!=";
	case KC_E_LTH:
		return "<";
	case KC_E_LEQ:
		return "<=";
	case KC_E_GTH:
		return ">";
	case KC_E_GEQ:
		return ">=";
	default:
		return " ";
	}
}

static void print_sub(const struct kc_expr *e, int parent_prec,
		      struct kc_buf *out);

static void print_expr(const struct kc_expr *e, struct kc_buf *out)
{
	switch (e->op) {
	case KC_E_SYMBOL:
		print_symbol(e->sym[0], out);
		break;
	case KC_E_NOT:
		kc_buf_addc(out, '!');
		print_sub(e->sub[0], prec(KC_E_NOT), out);
		break;
	case KC_E_AND:
	case KC_E_OR:
		print_sub(e->sub[0], prec(e->op), out);
		kc_buf_adds(out, e->op == KC_E_AND ? " && " : " || ");
		print_sub(e->sub[1], prec(e->op), out);
		break;
	case KC_E_RANGE:
		print_symbol(e->sym[0], out);
		kc_buf_addc(out, ' ');
		print_symbol(e->sym[1], out);
		break;
	default:
		print_symbol(e->sym[0], out);
		kc_buf_adds(out, compare_op(e->op));
		print_symbol(e->sym[1], out);
		break;
	}
}

static void print_sub(const struct kc_expr *e, int parent_prec,
		      struct kc_buf *out)
{
	/* Same-precedence chains of && or || need no parentheses. */
	bool paren = prec(e->op) < parent_prec ||
		     (e->op == KC_E_NOT && parent_prec > prec(KC_E_NOT));

	if (paren)
		kc_buf_addc(out, '(');
	print_expr(e, out);
	if (paren)
		kc_buf_addc(out, ')');
}

void kc_expr_print(const struct kc_expr *e, struct kc_buf *out)
{
	if (!e) {
		kc_buf_adds(out, "y");
		return;
	}
	print_expr(e, out);
}

static enum kc_expr_op negate_compare(enum kc_expr_op op)
{
	switch (op) {
	case KC_E_EQUAL:
		return KC_E_UNEQUAL;
	case KC_E_UNEQUAL:
		return KC_E_EQUAL;
	case KC_E_LTH:
		return KC_E_GEQ;
	case KC_E_GEQ:
		return KC_E_LTH;
	case KC_E_LEQ:
		return KC_E_GTH;
	default:
		return KC_E_LEQ;
	}
}

/*
 * "e = v" (equal) or "e != v" as an expression over symbol comparisons,
 * for v one of n and y.  Pushes the comparison down through !, && and ||.
 */
struct kc_expr *kc_expr_trans_compare(struct kc_model *m, struct kc_expr *e,
				      bool equal, struct kc_symbol *v)
{
	struct kc_symbol *other = v == m->no ? m->yes : m->no;
	struct kc_expr *a, *b, *r;
	bool to_and;

	switch (e->op) {
	case KC_E_SYMBOL:
		r = kc_expr_new_compare(m, equal ? KC_E_EQUAL : KC_E_UNEQUAL,
					e->sym[0], v);
		break;
	case KC_E_NOT:
		return kc_expr_trans_compare(m, e->sub[0], equal, other);
	case KC_E_AND:
	case KC_E_OR:
		a = kc_expr_trans_compare(m, e->sub[0], equal, v);
		b = kc_expr_trans_compare(m, e->sub[1], equal, v);
		/* (a && b) = n is (a = n) || (b = n); the rest by duality. */
		to_and = (e->op == KC_E_AND) == ((v == m->no) != equal);
		return kc_expr_new_binary(m, to_and ? KC_E_AND : KC_E_OR, a, b);
	case KC_E_RANGE:
		return e;
	default:
		/* A comparison is y or n: "c = y" and "c != n" are c itself. */
		if (equal == (v == m->yes))
			return e;
		r = kc_expr_new_compare(m, negate_compare(e->op), e->sym[0],
					e->sym[1]);
		break;
	}
	r->flags = e->flags;
	return r;
}

/* A bool symbol compared with the constant m: never equal. */
static bool bool_tested_for_m(const struct kc_model *m, const struct kc_expr *e)
{
	const struct kc_symbol *a = e->sym[0], *b = e->sym[1];

	return (a->type == KC_T_BOOL && !(a->flags & KC_SYM_CONST) &&
		b == m->mod) ||
	       (b->type == KC_T_BOOL && !(b->flags & KC_SYM_CONST) &&
		a == m->mod);
}

static bool is_bool_negation(const struct kc_expr *a, const struct kc_expr *b)
{
	return a->op == KC_E_SYMBOL && b->op == KC_E_NOT &&
	       b->sub[0]->op == KC_E_SYMBOL && a->sym[0] == b->sub[0]->sym[0] &&
	       a->sym[0]->type == KC_T_BOOL &&
	       !(a->sym[0]->flags & KC_SYM_CONST);
}

int kc_expr_fold(const struct kc_model *m, const struct kc_expr *e)
{
	int a, b;

	if (!e)
		return KC_YES;
	switch (e->op) {
	case KC_E_SYMBOL:
		if (e->sym[0] == m->yes)
			return KC_YES;
		if (e->sym[0] == m->mod)
			return KC_MOD;
		if (e->sym[0] == m->no)
			return KC_NO;
		return -1;
	case KC_E_NOT:
		a = kc_expr_fold(m, e->sub[0]);
		return a < 0 ? -1 : KC_YES - a;
	case KC_E_AND:
		a = kc_expr_fold(m, e->sub[0]);
		b = kc_expr_fold(m, e->sub[1]);
		if (a == KC_NO || b == KC_NO)
			return KC_NO;
		return a < 0 || b < 0 ? -1 : a < b ? a : b;
	case KC_E_OR:
		if (is_bool_negation(e->sub[0], e->sub[1]) ||
		    is_bool_negation(e->sub[1], e->sub[0]))
			return KC_YES;
		a = kc_expr_fold(m, e->sub[0]);
		b = kc_expr_fold(m, e->sub[1]);
		if (a == KC_YES || b == KC_YES)
			return KC_YES;
		return a < 0 || b < 0 ? -1 : a > b ? a : b;
	case KC_E_EQUAL:
		return bool_tested_for_m(m, e) ? KC_NO : -1;
	case KC_E_UNEQUAL:
		return bool_tested_for_m(m, e) ? KC_YES : -1;
	default:
		return -1;
	}
}

/* Does e name s (as an operand, anywhere in it)? */
bool kc_expr_mentions(const struct kc_expr *e, const struct kc_symbol *s)
{
	if (!e)
		return false;
	switch (e->op) {
	case KC_E_NOT:
		return kc_expr_mentions(e->sub[0], s);
	case KC_E_AND:
	case KC_E_OR:
		return kc_expr_mentions(e->sub[0], s) ||
		       kc_expr_mentions(e->sub[1], s);
	case KC_E_SYMBOL:
		return e->sym[0] == s;
	default:
		return e->sym[0] == s || e->sym[1] == s;
	}
}
