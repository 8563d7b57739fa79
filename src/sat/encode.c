/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * encode.c - the model as CNF (see kc_sat.h for the encoding): gates,
 * expressions, each symbol's and choice's constraints.  Solving is
 * session.c's business, the DIMACS text dimacs.c's.
 *
 * Literals are PicoSAT's: variable numbers, negative for "not".  Variable 1
 * is TRUE (a unit clause), so -1 is FALSE and gates fold constants away.
 * Gates are hash-consed, and each expression node is encoded once: the
 * model shares the inherited-dependency part of its expressions between
 * all the entries of a menu, so the CNF shares it too.
 */
#include <picosat/picosat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kc_eval.h"
#include "sat_internal.h"

/* ---- a small hash map from two words to a literal ------------------------ */

static void pmap_init(struct pair_map *p)
{
	p->mask = 1023;
	p->count = 0;
	p->slots = kc_xcalloc(p->mask + 1, sizeof(*p->slots));
}

static size_t pmap_hash(uintptr_t a, uintptr_t b)
{
	uint64_t h = (uint64_t)a * 0x9e3779b97f4a7c15ull ^
		     ((uint64_t)b + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;

	return (size_t)(h ^ (h >> 31));
}

static struct pair_slot *pmap_find(struct pair_map *p, uintptr_t a,
				   uintptr_t b)
{
	size_t i = pmap_hash(a, b) & p->mask;

	while (p->slots[i].used && (p->slots[i].a != a || p->slots[i].b != b))
		i = (i + 1) & p->mask;
	return &p->slots[i];
}

static void pmap_grow(struct pair_map *p)
{
	struct pair_slot *old = p->slots;
	size_t i, n = p->mask + 1;

	p->mask = n * 2 - 1;
	p->slots = kc_xcalloc(n * 2, sizeof(*p->slots));
	for (i = 0; i < n; i++)
		if (old[i].used)
			*pmap_find(p, old[i].a, old[i].b) = old[i];
	free(old);
}

static int *pmap_get(struct pair_map *p, uintptr_t a, uintptr_t b)
{
	struct pair_slot *s = pmap_find(p, a, b);

	return s->used ? &s->value : NULL;
}

static void pmap_put(struct pair_map *p, uintptr_t a, uintptr_t b, int v)
{
	struct pair_slot *s;

	if ((p->count + 1) * 2 > p->mask + 1)
		pmap_grow(p);
	s = pmap_find(p, a, b);
	if (!s->used)
		p->count++;
	s->a = a;
	s->b = b;
	s->value = v;
	s->used = true;
}

/* ---- the encoder ------------------------------------------------------------ */

static int new_var(struct kc_sat *s)
{
	s->nvars++;
	picosat_inc_max_var(s->ps);
	return s->nvars;
}

static void push_lit(struct kc_sat *s, int lit)
{
	KC_GROW(s->clauses, s->ccap, s->clen + 1);
	s->clauses[s->clen++] = lit;
	picosat_add(s->ps, lit);
}

void kc_sat_add_clause(struct kc_sat *s, const int *lits, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lits[i] == LIT_TRUE)
			return;	/* satisfied */
	}
	for (i = 0; i < n; i++)
		if (lits[i] != LIT_FALSE)
			push_lit(s, lits[i]);
	push_lit(s, 0);
	s->nclauses++;
}

static void clause2(struct kc_sat *s, int a, int b)
{
	int c[2] = { a, b };

	kc_sat_add_clause(s, c, 2);
}

static void clause3(struct kc_sat *s, int a, int b, int c)
{
	int cl[3] = { a, b, c };

	kc_sat_add_clause(s, cl, 3);
}

static int lit_and(struct kc_sat *s, int a, int b)
{
	int *cached, v;

	if (a == LIT_FALSE || b == LIT_FALSE || a == -b)
		return LIT_FALSE;
	if (a == LIT_TRUE || a == b)
		return b;
	if (b == LIT_TRUE)
		return a;
	if (a > b) {
		int t = a;

		a = b;
		b = t;
	}
	cached = pmap_get(&s->gates, (uintptr_t)(intptr_t)a,
			  (uintptr_t)(intptr_t)b);
	if (cached)
		return *cached;
	v = new_var(s);
	clause2(s, -v, a);
	clause2(s, -v, b);
	clause3(s, v, -a, -b);
	pmap_put(&s->gates, (uintptr_t)(intptr_t)a, (uintptr_t)(intptr_t)b, v);
	return v;
}

static int lit_or(struct kc_sat *s, int a, int b)
{
	return -lit_and(s, -a, -b);
}

/* One gate for "c ? t : e": a variable and four clauses. */
static int lit_ite(struct kc_sat *s, int c, int t, int e)
{
	uintptr_t ka, kb;
	int *cached, v;

	if (c == LIT_TRUE || t == e)
		return t;
	if (c == LIT_FALSE)
		return e;
	if (t == LIT_TRUE || c == t)
		return lit_or(s, c, e);
	if (t == LIT_FALSE || c == -t)
		return lit_and(s, -c, e);
	if (e == LIT_TRUE || c == -e)
		return lit_or(s, -c, t);
	if (e == LIT_FALSE || c == e)
		return lit_and(s, c, t);
	ka = ((uintptr_t)1 << 62) | (uint32_t)c;
	kb = ((uintptr_t)(uint32_t)t << 32) | (uint32_t)e;
	cached = pmap_get(&s->gates, ka, kb);
	if (cached)
		return *cached;
	v = new_var(s);
	clause3(s, -c, -t, v);
	clause3(s, -c, t, -v);
	clause3(s, c, -e, v);
	clause3(s, c, e, -v);
	pmap_put(&s->gates, ka, kb, v);
	return v;
}

static struct kc_sat_tri tri_const(enum kc_tristate v)
{
	struct kc_sat_tri t = { v >= KC_MOD ? LIT_TRUE : LIT_FALSE,
				v == KC_YES ? LIT_TRUE : LIT_FALSE };
	return t;
}

static struct kc_sat_tri tri_and(struct kc_sat *s, struct kc_sat_tri a,
				 struct kc_sat_tri b)
{
	struct kc_sat_tri t = { lit_and(s, a.m, b.m), lit_and(s, a.y, b.y) };
	return t;
}

static struct kc_sat_tri tri_or(struct kc_sat *s, struct kc_sat_tri a,
				struct kc_sat_tri b)
{
	struct kc_sat_tri t = { lit_or(s, a.m, b.m), lit_or(s, a.y, b.y) };
	return t;
}

static struct kc_sat_tri tri_not(struct kc_sat_tri a)
{
	struct kc_sat_tri t = { -a.y, -a.m };
	return t;
}

static struct kc_sat_tri tri_ite(struct kc_sat *s, int c, struct kc_sat_tri a,
				 struct kc_sat_tri b)
{
	struct kc_sat_tri t = { lit_ite(s, c, a.m, b.m),
				lit_ite(s, c, a.y, b.y) };
	return t;
}

/* Can this symbol have variables at all (a defined bool or tristate)? */
static bool has_vars(const struct kc_symbol *sym)
{
	return !(sym->flags & (KC_SYM_CONST | KC_SYM_CHOICE)) &&
	       (sym->flags & KC_SYM_DEFINED) &&
	       (sym->type == KC_T_BOOL || sym->type == KC_T_TRISTATE);
}

static void make_sym_vars(struct kc_sat *s, const struct kc_symbol *sym);

/*
 * Variables for a symbol an expression mentions: in a subset instance, a
 * symbol outside the subset gets them on first use, with no constraint
 * (a free input: the instance is a relaxation of the whole model).
 */
static bool ensure_vars(struct kc_sat *s, const struct kc_symbol *sym)
{
	if (sat_var_of(s, sym))
		return true;
	if (!s->subset || !has_vars(sym))
		return false;
	make_sym_vars(s, sym);
	return true;
}

/* The value of a symbol as the .config gives it. */
static struct kc_sat_tri sym_value(struct kc_sat *s,
				   const struct kc_symbol *sym)
{
	const struct kc_model *m = s->m;
	struct sym_vars *v;
	struct kc_sat_tri t;

	if (sym == kc_model_const_yes(m))
		return tri_const(KC_YES);
	if (sym == kc_model_const_mod(m))
		return tri_const(KC_MOD);
	if (!ensure_vars(s, sym))
		return tri_const(KC_NO);
	v = &s->vars[sym->id];
	t.m = v->ge_m;
	t.y = v->y;
	return t;
}

/* m reads as y for a bool, and for a tristate when MODULES is n. */
static struct kc_sat_tri bool_limit(struct kc_sat *s,
				    const struct kc_symbol *sym,
				    struct kc_sat_tri t)
{
	if (sym->type == KC_T_BOOL)
		t.y = t.m;
	else
		t.y = lit_or(s, t.y, lit_and(s, t.m, -s->modules_y));
	return t;
}

/* "Is sym's value v" for a bool or tristate symbol with variables. */
static int is_value(struct kc_sat *s, const struct kc_symbol *sym,
		    enum kc_tristate v)
{
	struct sym_vars *x = &s->vars[sym->id];

	if (v == KC_YES)
		return x->y;
	if (v == KC_MOD)
		return x->ge_m == x->y ? LIT_FALSE : lit_and(s, x->ge_m, -x->y);
	return -x->ge_m;
}

static const char *const tri_text[] = { "n", "m", "y" };

/*
 * A comparison: exact when both sides are constants or bool/tristate
 * symbols (every combination of values is tried with the evaluator's own
 * comparison), a free atom when an int, hex or string symbol is involved.
 */
static int encode_compare(struct kc_sat *s, const struct kc_expr *e)
{
	const struct kc_symbol *a = e->sym[0], *b = e->sym[1];
	bool va = ensure_vars(s, a), vb = ensure_vars(s, b);
	int na = va ? (a->type == KC_T_TRISTATE ? 3 : 2) : 1;
	int nb = vb ? (b->type == KC_T_TRISTATE ? 3 : 2) : 1;
	int i, j, r = LIT_FALSE;

	if ((!va && !(a->flags & KC_SYM_CONST) && a->type != KC_T_UNKNOWN) ||
	    (!vb && !(b->flags & KC_SYM_CONST) && b->type != KC_T_UNKNOWN))
		return new_var(s);
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++) {
			enum kc_tristate x = va ? (enum kc_tristate)(i == 2 ? KC_MOD : i * 2) : KC_NO;
			enum kc_tristate y = vb ? (enum kc_tristate)(j == 2 ? KC_MOD : j * 2) : KC_NO;
			const char *sa = va ? tri_text[x] : a->name;
			const char *sb = vb ? tri_text[y] : b->name;
			int c;

			c = kc_eval_compare_values(sa, a->type, sb, b->type);
			if (!kc_eval_compare_op(e->op, c))
				continue;
			r = lit_or(s, r, lit_and(s, va ? is_value(s, a, x) : LIT_TRUE,
						 vb ? is_value(s, b, y) : LIT_TRUE));
		}
	}
	return r;
}

/* One gate for the OR of n literals (reverse dependencies are long ORs). */
static int lit_or_n(struct kc_sat *s, struct kc_vec *lits)
{
	int *cl, v;
	size_t i, n = 0;

	for (i = 0; i < lits->len; i++) {
		int l = (int)(intptr_t)lits->items[i];

		if (l == LIT_TRUE)
			return LIT_TRUE;
		if (l != LIT_FALSE)
			lits->items[n++] = lits->items[i];
	}
	if (n == 0)
		return LIT_FALSE;
	if (n == 1)
		return (int)(intptr_t)lits->items[0];
	if (n == 2)
		return lit_or(s, (int)(intptr_t)lits->items[0],
			      (int)(intptr_t)lits->items[1]);
	v = new_var(s);
	cl = kc_xmalloc((n + 1) * sizeof(int));
	for (i = 0; i < n; i++) {
		cl[i] = (int)(intptr_t)lits->items[i];
		clause2(s, v, -cl[i]);
	}
	cl[n] = -v;
	kc_sat_add_clause(s, cl, n + 1);
	free(cl);
	return v;
}

static void or_leaves(struct kc_sat *s, const struct kc_expr *e,
		      struct kc_vec *leaves)
{
	if (e->op == KC_E_OR && !pmap_get(&s->exprs, (uintptr_t)e, 0)) {
		or_leaves(s, e->sub[0], leaves);
		or_leaves(s, e->sub[1], leaves);
	} else {
		kc_vec_push(leaves, (void *)e);
	}
}

static struct kc_sat_tri encode_or_tree(struct kc_sat *s,
					const struct kc_expr *e)
{
	struct kc_vec leaves = KC_VEC_INIT, ms = KC_VEC_INIT, ys = KC_VEC_INIT;
	struct kc_sat_tri t;
	size_t i;

	or_leaves(s, e, &leaves);
	for (i = 0; i < leaves.len; i++) {
		struct kc_sat_tri x = kc_sat_expr(s, leaves.items[i]);

		kc_vec_push(&ms, (void *)(intptr_t)x.m);
		kc_vec_push(&ys, (void *)(intptr_t)x.y);
	}
	t.m = lit_or_n(s, &ms);
	/* For bool-only operands y and m are the same literals. */
	if (ys.len == ms.len && !memcmp(ys.items, ms.items,
					ms.len * sizeof(void *)))
		t.y = t.m;
	else
		t.y = lit_or_n(s, &ys);
	kc_vec_free(&leaves);
	kc_vec_free(&ms);
	kc_vec_free(&ys);
	return t;
}

struct kc_sat_tri kc_sat_expr(struct kc_sat *s, const struct kc_expr *e)
{
	struct kc_sat_tri t;
	int *m, *y, c;

	if (!e)
		return tri_const(KC_YES);
	m = pmap_get(&s->exprs, (uintptr_t)e, 0);
	if (m) {
		y = pmap_get(&s->exprs, (uintptr_t)e, 1);
		t.m = *m;
		t.y = *y;
		return t;
	}
	switch (e->op) {
	case KC_E_SYMBOL:
		t = sym_value(s, e->sym[0]);
		break;
	case KC_E_NOT:
		t = tri_not(kc_sat_expr(s, e->sub[0]));
		break;
	case KC_E_AND:
		t = tri_and(s, kc_sat_expr(s, e->sub[0]),
			    kc_sat_expr(s, e->sub[1]));
		break;
	case KC_E_OR:
		t = encode_or_tree(s, e);
		break;
	case KC_E_RANGE:
		t = tri_const(KC_NO);
		break;
	default:
		c = encode_compare(s, e);
		t.m = t.y = c;
		break;
	}
	pmap_put(&s->exprs, (uintptr_t)e, 0, t.m);
	pmap_put(&s->exprs, (uintptr_t)e, 1, t.y);
	return t;
}

static struct kc_sat_tri expr_or_no(struct kc_sat *s, const struct kc_expr *e)
{
	return e ? kc_sat_expr(s, e) : tri_const(KC_NO);
}

/*
 * OR of the visibility of the symbol's prompts.  The evaluator reads m as
 * y for a bool, and for a tristate without MODULES; the second is left to
 * the clauses of encode_symbol, which have a "MODULES is n" case anyway.
 */
static struct kc_sat_tri visibility(struct kc_sat *s,
				    const struct kc_symbol *sym)
{
	struct kc_sat_tri vis = tri_const(KC_NO);
	const struct kc_property *p;

	for (p = sym->props; p; p = p->next)
		if (p->kind == KC_P_PROMPT)
			vis = tri_or(s, vis, kc_sat_expr(s, p->visible));
	if (sym->type != KC_T_TRISTATE)
		vis.y = vis.m;
	return vis;
}

/* The value an invisible symbol gets: defaults, imply, select. */
static struct kc_sat_tri default_value(struct kc_sat *s,
				       const struct kc_symbol *sym)
{
	const struct kc_property *defs[256];
	struct kc_sat_tri d = tri_const(KC_NO), imp, dir;
	const struct kc_property *p;
	int n = 0;

	for (p = sym->props; p && n < 256; p = p->next)
		if (p->kind == KC_P_DEFAULT)
			defs[n++] = p;
	/* The first visible default wins: build the chain from the end. */
	while (n-- > 0) {
		struct kc_sat_tri pv = kc_sat_expr(s, defs[n]->visible);
		struct kc_sat_tri v = tri_and(s, kc_sat_expr(s, defs[n]->expr),
					      pv);

		/* v is n whenever pv is: "pv ? v : n" is v itself. */
		if (d.m == LIT_FALSE && d.y == LIT_FALSE)
			d = v;
		else
			d = tri_ite(s, pv.m, v, d);
	}
	if (sym->implied) {
		imp = bool_limit(s, sym, kc_sat_expr(s, sym->implied));
		dir = bool_limit(s, sym, sym->dir_dep ?
						 kc_sat_expr(s, sym->dir_dep) :
						 tri_const(KC_YES));
		d = tri_ite(s, imp.m, tri_and(s, tri_or(s, d, imp), dir), d);
	}
	return d;
}

/*
 * The guard of a symbol's constraints: a fresh variable when explanations
 * are wanted, else TRUE (the constraints then hold unconditionally and cost
 * no variable).
 */
static int new_guard(struct kc_sat *s, const struct kc_symbol *sym)
{
	int g;

	if (!s->with_guards)
		return LIT_TRUE;
	g = new_var(s);

	if ((size_t)g >= s->guard_cap) {
		size_t old = s->guard_cap;

		KC_GROW(s->guard_owner, s->guard_cap, (size_t)g + 1);
		memset(s->guard_owner + old, 0,
		       (s->guard_cap - old) * sizeof(int));
	}
	s->guard_owner[g] = (int)sym->id + 1;
	s->vars[sym->id].guard = g;
	kc_vec_push(&s->guards, (void *)(intptr_t)g);
	return g;
}

static bool is_free(const struct kc_symbol *sym)
{
	return sym->flags & (KC_SYM_BUILD_MACHINE | KC_SYM_TRANSITIONAL);
}

/* Adds a clause of up to 7 literals guarded by g (0-terminated list). */
static void guarded(struct kc_sat *s, int g, ...)
{
	int lits[8], n = 0, l;
	va_list ap;

	lits[n++] = -g;
	va_start(ap, g);
	while ((l = va_arg(ap, int)) != 0 && n < 8)
		lits[n++] = l;
	va_end(ap);
	kc_sat_add_clause(s, lits, (size_t)n);
}

/*
 * The fixed-point equation of a symbol outside choices, U = value(U), as
 * clauses over U (the .config's value), V (visibility, m read as y where
 * the evaluator does), R (select), D (defaults with imply) and MODULES,
 * without a variable for the value itself:
 *   visible:   value = (U && V) || R, then m read as y when it must be;
 *   invisible: value = D || R, likewise.
 */
static void encode_symbol(struct kc_sat *s, const struct kc_symbol *sym)
{
	struct kc_sat_tri u = sym_value(s, sym), v, r, d;
	int g, mody = s->modules_y;

	if (is_free(sym) || sym->choice)
		return;
	v = visibility(s, sym);
	/*
	 * Reading m as y (bool, or no MODULES) only changes "= y"; for a
	 * bool only ">= m" is used below, for a tristate the clauses have
	 * the "MODULES is n" cases, so the raw values serve.
	 */
	r = expr_or_no(s, sym->rev_dep);
	d = default_value(s, sym);
	g = new_guard(s, sym);
	/* visible: U >= m iff U >= m || R >= m, i.e. R >= m -> U >= m */
	guarded(s, g, -v.m, -r.m, u.m, 0);
	/* invisible: U >= m iff D >= m || R >= m */
	guarded(s, g, v.m, -u.m, d.m, r.m, 0);
	guarded(s, g, v.m, u.m, -d.m, 0);
	guarded(s, g, v.m, u.m, -r.m, 0);
	if (sym->type == KC_T_BOOL)
		return;	/* U >= y is U >= m */
	/* visible: U = y iff (U = y && V = y) || R = y || (U >= m && !MODULES) */
	guarded(s, g, -v.m, -r.y, u.y, 0);
	guarded(s, g, -v.m, -u.m, mody, u.y, 0);
	guarded(s, g, -v.m, -r.m, mody, u.y, 0);
	guarded(s, g, -v.m, -u.y, v.y, r.y, -mody, 0);
	/* invisible: U = y iff D = y || R = y || (value >= m && !MODULES) */
	guarded(s, g, v.m, -u.y, d.y, r.y, -mody, 0);
	guarded(s, g, v.m, -d.y, u.y, 0);
	guarded(s, g, v.m, -r.y, u.y, 0);
	guarded(s, g, v.m, -d.m, mody, u.y, 0);
	guarded(s, g, v.m, -r.m, mody, u.y, 0);
}

/* Exactly one visible member is y when any is visible; the rest are n. */
static void encode_choice(struct kc_sat *s, const struct kc_symbol *ch)
{
	int *vis = kc_xcalloc(ch->n_members + 1, sizeof(int));
	int *any = kc_xcalloc(ch->n_members + 2, sizeof(int));
	size_t i, j, n = 0;
	int g = new_guard(s, ch);

	for (i = 0; i < ch->n_members; i++) {
		const struct kc_symbol *x = ch->members[i];

		if (!ensure_vars(s, x) || is_free(x))
			continue;
		vis[i] = visibility(s, x).m;
		/* An invisible member is n; a tristate member is never m. */
		clause3(s, -g, vis[i], -s->vars[x->id].y);
		if (s->vars[x->id].ge_m != s->vars[x->id].y)
			clause3(s, -g, -s->vars[x->id].ge_m,
				s->vars[x->id].y);
		any[n++] = s->vars[x->id].y;
		for (j = 0; j < i; j++)
			if (ensure_vars(s, ch->members[j]) &&
			    !is_free(ch->members[j]))
				clause3(s, -g, -s->vars[x->id].y,
					-s->vars[ch->members[j]->id].y);
	}
	/* Some member visible -> some member y. */
	for (i = 0; i < ch->n_members; i++) {
		const struct kc_symbol *x = ch->members[i];

		if (!ensure_vars(s, x) || is_free(x))
			continue;
		any[n] = -vis[i];
		any[n + 1] = -g;
		kc_sat_add_clause(s, any, n + 2);
	}
	free(vis);
	free(any);
}

static void make_sym_vars(struct kc_sat *s, const struct kc_symbol *sym)
{
	struct sym_vars *v = &s->vars[sym->id];

	kc_vec_push(&s->syms, (void *)sym);
	v->y = new_var(s);
	if (sym->type == KC_T_TRISTATE) {
		v->ge_m = new_var(s);
		clause2(s, -v->y, v->ge_m);	/* y implies >= m */
	} else {
		v->ge_m = v->y;
	}
}

static void make_vars(struct kc_sat *s)
{
	size_t i, n = kc_model_symbol_count(s->m);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_model_symbol(s->m, i);

		if (has_vars(sym) && (!s->subset || s->subset[sym->id]))
			make_sym_vars(s, sym);
	}
}

struct kc_sat *kc_sat_new(const struct kc_model *m, bool with_guards)
{
	return kc_sat_new_subset(m, NULL, with_guards);
}

struct kc_sat *kc_sat_new_subset(const struct kc_model *m,
				 const unsigned char *subset, bool with_guards)
{
	struct kc_sat *s = kc_xcalloc(1, sizeof(*s));
	const struct kc_symbol *mod = kc_model_modules(m);
	size_t i, n = kc_model_symbol_count(m);

	s->m = m;
	s->with_guards = with_guards;
	s->subset = subset;
	s->ps = picosat_init();
	s->vars = kc_xcalloc(n + 1, sizeof(*s->vars));
	pmap_init(&s->gates);
	pmap_init(&s->exprs);
	new_var(s);			/* 1: TRUE */
	push_lit(s, LIT_TRUE);
	push_lit(s, 0);
	s->nclauses++;
	make_vars(s);
	s->modules_y = ensure_vars(s, mod) ? s->vars[mod->id].y : LIT_FALSE;
	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_model_symbol(m, i);

		if (subset && !subset[sym->id])
			continue;
		if (sym->flags & KC_SYM_CHOICE)
			encode_choice(s, sym);
		else if (sat_var_of(s, sym))
			encode_symbol(s, sym);
	}
	return s;
}

void kc_sat_free(struct kc_sat *s)
{
	if (!s)
		return;
	picosat_reset(s->ps);
	free(s->vars);
	free(s->gates.slots);
	free(s->exprs.slots);
	free(s->clauses);
	free(s->guard_owner);
	free(s->guard_list);
	kc_vec_free(&s->syms);
	kc_vec_free(&s->guards);
	free(s);
}

int kc_sat_symbol_lit(struct kc_sat *s, const struct kc_symbol *sym,
		      enum kc_tristate at_least)
{
	if (!sat_var_of(s, sym))
		return 0;
	return at_least == KC_YES ? s->vars[sym->id].y : s->vars[sym->id].ge_m;
}

int kc_sat_and(struct kc_sat *s, int a, int b)
{
	return lit_and(s, a, b);
}

int kc_sat_or(struct kc_sat *s, int a, int b)
{
	return lit_or(s, a, b);
}

int kc_sat_activation(struct kc_sat *s, const int *lits, size_t n)
{
	int a = new_var(s);
	size_t i;

	for (i = 0; i < n; i++)
		clause2(s, -a, lits[i]);
	return a;
}

const int *kc_sat_clause_lits(const struct kc_sat *s, size_t *len)
{
	*len = s->clen;
	return s->clauses;
}
