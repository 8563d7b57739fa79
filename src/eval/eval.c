/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eval.c - computing symbol values (see kc_eval.h for the rules).
 *
 * Every symbol is computed at most once and on demand, by plain recursion:
 * the model has no recursive dependencies (kc_model_check() rejects them,
 * as the kernel does), so the order of computation cannot change a value.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "kc_eval.h"

#define S_VALID		0x01u
#define S_WRITE		0x02u
#define S_USER		0x04u	/* has a user value */
#define S_TRUSTED	0x08u	/* build-machine value taken from .config */
#define S_VIS_DONE	0x10u
#define S_CHOICE_DROPPED 0x20u	/* before 6.11: inconsistent choice state read */

/* One a symbol, for every symbol of a tree: kept small (a byte a tristate). */
struct sym_state {
	unsigned char flags;
	unsigned char tri;		/* enum kc_tristate, as the next five */
	unsigned char visible, dir_dep, rev_dep, implied;
	unsigned char user_tri;
	const char *val;		/* int, hex, string */
	const char *user_val;
	const struct kc_assignment *user;
	const struct kc_property *def;	/* default that gave the value */
	const struct kc_symbol *sel;	/* before 6.11, a choice: last member read as y */
};

struct kc_eval {
	const struct kc_model *m;
	const struct kc_config *cfg;
	struct kc_eval_options opt;
	struct sym_state *st;		/* by symbol id */
	enum kc_assign_status *status;	/* by assignment index */
	struct kc_symbol **assign_sym;	/* by assignment index, or NULL */
	struct kc_symbol ***prio;	/* choice members, by choice id */
	enum kc_eval_mode mode;
	enum kc_tristate modules_val;
	bool modules_done;
	bool legacy;			/* kc_model_legacy_conf() */
};

static enum kc_tristate tri_and(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}

static enum kc_tristate tri_or(enum kc_tristate a, enum kc_tristate b)
{
	return a > b ? a : b;
}

static bool is_const(const struct kc_symbol *s)
{
	return s->flags & KC_SYM_CONST;
}

static struct sym_state *state(struct kc_eval *ev, const struct kc_symbol *s)
{
	return &ev->st[s->id];
}

static void calc(struct kc_eval *ev, const struct kc_symbol *s);
static struct sym_state *computed(struct kc_eval *ev,
				  const struct kc_symbol *s);

static void calc_modules(struct kc_eval *ev)
{
	const struct kc_symbol *mod = kc_model_modules(ev->m);

	if (ev->modules_done)
		return;
	ev->modules_done = true;
	/* While MODULES itself is computed, modules count as off. */
	ev->modules_val = KC_NO;
	if (is_const(mod)) {
		ev->modules_val = KC_NO;
		return;
	}
	calc(ev, mod);
	ev->modules_val = state(ev, mod)->tri;
}

enum kc_type kc_eval_type(struct kc_eval *ev, const struct kc_symbol *s)
{
	if (s->type == KC_T_TRISTATE && !is_const(s)) {
		calc_modules(ev);
		if (ev->modules_val == KC_NO)
			return KC_T_BOOL;
	}
	return s->type;
}

static enum kc_tristate sym_tri(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st;

	if (is_const(s)) {
		if (s == kc_model_const_yes(ev->m))
			return KC_YES;
		if (s == kc_model_const_mod(ev->m))
			return KC_MOD;
		return KC_NO;
	}
	/* Most symbols an expression names are computed already. */
	st = state(ev, s);
	if (!(st->flags & S_VALID))
		calc(ev, s);
	return st->tri;
}

static const char *tri_name(enum kc_tristate t)
{
	return t == KC_YES ? "y" : t == KC_MOD ? "m" : "n";
}

const char *kc_eval_string(struct kc_eval *ev, const struct kc_symbol *s)
{
	if (s->type == KC_T_BOOL || s->type == KC_T_TRISTATE)
		return tri_name(sym_tri(ev, s));
	if (is_const(s) || s->type == KC_T_UNKNOWN)
		return s->name;
	calc(ev, s);
	return state(ev, s)->val;
}

enum kc_tristate kc_eval_tristate(struct kc_eval *ev,
				  const struct kc_symbol *s)
{
	return sym_tri(ev, s);
}

/* ---- expressions ------------------------------------------------------------ */

enum value_kind { K_STRING, K_SIGNED, K_UNSIGNED };

/* How a comparison reads a value: as a number of the symbol's type, or text. */
static enum value_kind parse_value(const char *str, enum kc_type type,
				   long long *sv, unsigned long long *uv)
{
	enum value_kind kind;
	char *tail;

	errno = 0;
	switch (type) {
	case KC_T_BOOL:
	case KC_T_TRISTATE:
		*sv = !strcmp(str, "n") ? 0 : !strcmp(str, "m") ? 1 :
		      !strcmp(str, "y") ? 2 : -1;
		return K_SIGNED;
	case KC_T_INT:
		*sv = strtoll(str, &tail, 10);
		kind = K_SIGNED;
		break;
	case KC_T_HEX:
		*uv = strtoull(str, &tail, 16);
		kind = K_UNSIGNED;
		break;
	default:
		*sv = strtoll(str, &tail, 0);
		kind = K_SIGNED;
		break;
	}
	if (!errno && !*tail && tail > str && isxdigit((unsigned char)tail[-1]))
		return kind;
	return K_STRING;
}

int kc_eval_compare_values(const char *s1, enum kc_type t1, const char *s2,
			   enum kc_type t2)
{
	enum value_kind k1 = K_STRING, k2 = K_STRING;
	long long l1 = 0, l2 = 0;
	unsigned long long u1 = 0, u2 = 0;

	if (t1 != KC_T_STRING || t2 != KC_T_STRING) {
		k1 = parse_value(s1, t1, &l1, &u1);
		k2 = parse_value(s2, t2, &l2, &u2);
	}
	if (k1 == K_STRING || k2 == K_STRING) {
		int r = strcmp(s1, s2);

		return (r > 0) - (r < 0);
	}
	if (k1 == K_UNSIGNED || k2 == K_UNSIGNED) {
		/* A signed side is read through the same union as unsigned. */
		if (k1 == K_SIGNED)
			u1 = (unsigned long long)l1;
		if (k2 == K_SIGNED)
			u2 = (unsigned long long)l2;
		return (u1 > u2) - (u1 < u2);
	}
	return (l1 > l2) - (l1 < l2);
}

static int compare(struct kc_eval *ev, const struct kc_symbol *a,
		   const struct kc_symbol *b)
{
	return kc_eval_compare_values(kc_eval_string(ev, a), a->type,
				      kc_eval_string(ev, b), b->type);
}

bool kc_eval_compare_op(enum kc_expr_op op, int r)
{
	switch (op) {
	case KC_E_EQUAL:
		return !r;
	case KC_E_UNEQUAL:
		return r;
	case KC_E_LTH:
		return r < 0;
	case KC_E_LEQ:
		return r <= 0;
	case KC_E_GTH:
		return r > 0;
	default:
		return r >= 0;
	}
}

/* An operand of && or ||: a symbol, most often, read without a call. */
static enum kc_tristate operand(struct kc_eval *ev, const struct kc_expr *e)
{
	const struct kc_symbol *s;
	const struct sym_state *st;

	if (e->op != KC_E_SYMBOL)
		return kc_eval_expr(ev, e);
	s = e->sym[0];
	if (is_const(s))
		return sym_tri(ev, s);
	st = state(ev, s);
	return st->flags & S_VALID ? st->tri : sym_tri(ev, s);
}

enum kc_tristate kc_eval_expr(struct kc_eval *ev, const struct kc_expr *e)
{
	int r;

	if (!e)
		return KC_YES;
	switch (e->op) {
	case KC_E_SYMBOL:
		return sym_tri(ev, e->sym[0]);
	case KC_E_AND:
		/* Values do not depend on the order symbols are computed in. */
		r = operand(ev, e->sub[0]);
		return r == KC_NO ? KC_NO :
				    tri_and((enum kc_tristate)r,
					    operand(ev, e->sub[1]));
	case KC_E_OR:
		r = operand(ev, e->sub[0]);
		return r == KC_YES ? KC_YES :
				     tri_or((enum kc_tristate)r,
					    operand(ev, e->sub[1]));
	case KC_E_NOT:
		return (enum kc_tristate)(2 - kc_eval_expr(ev, e->sub[0]));
	case KC_E_RANGE:
		return KC_NO;
	default:
		break;
	}
	r = compare(ev, e->sym[0], e->sym[1]);
	return kc_eval_compare_op(e->op, r) ? KC_YES : KC_NO;
}

/* ---- symbols -------------------------------------------------------------- */

static enum kc_tristate bool_limited(struct kc_eval *ev,
				     const struct kc_symbol *s,
				     enum kc_tristate t)
{
	return t == KC_MOD && kc_eval_type(ev, s) == KC_T_BOOL ? KC_YES : t;
}

/* An absent select or imply expression means n, not y. */
static enum kc_tristate expr_or_no(struct kc_eval *ev, const struct kc_expr *e)
{
	return e ? kc_eval_expr(ev, e) : KC_NO;
}

static void calc_visibility(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st = state(ev, s);
	const struct kc_property *p;
	enum kc_tristate t = KC_NO, v, dep_v = KC_NO;
	bool dep_known = false;

	for (p = s->props; p; p = p->next) {
		if (p->kind != KC_P_PROMPT)
			continue;
		v = kc_eval_expr(ev, p->visible);
		/*
		 * A prompt without a condition of its own is visible under
		 * its entry's dependencies, the very expression that is then
		 * the symbol's direct dependency when it has one definition:
		 * its value is not computed twice.
		 */
		if (p->visible == s->dir_dep) {
			dep_v = v;
			dep_known = true;
		}
		t = tri_or(t, v);
	}
	if (t == KC_MOD && s->type != KC_T_TRISTATE)
		t = KC_YES;
	/*
	 * A build-machine symbol's prompts depend on the unrun probes: the
	 * .config that set it knows it was visible.  (This matters in a
	 * choice, which picks among the visible members.)
	 */
	if (st->flags & S_TRUSTED)
		t = KC_YES;
	if (t == KC_MOD) {
		calc_modules(ev);
		if (ev->modules_val == KC_NO)
			t = KC_YES;
	}
	/*
	 * Before 6.11 a choice has a value of its own and its members depend
	 * on it: an invisible or 'n' choice hides them all, an 'm' one limits
	 * them to m.
	 */
	if (s->choice && ev->legacy) {
		enum kc_tristate cv = sym_tri(ev, s->choice);

		/* A bool member has no place in an 'm' choice (measured on 6.1). */
		t = cv == KC_MOD && s->type == KC_T_BOOL ? KC_NO : tri_and(t, cv);
	}
	st->visible = t;
	st->flags |= S_VIS_DONE;
	if (s->choice)
		return;
	if (!dep_known)
		dep_v = s->dir_dep ? kc_eval_expr(ev, s->dir_dep) : KC_YES;
	st->dir_dep = bool_limited(ev, s, dep_v);
	st->rev_dep = bool_limited(ev, s, expr_or_no(ev, s->rev_dep));
	st->implied = bool_limited(ev, s, expr_or_no(ev, s->implied));
}

static const struct kc_property *first_visible(struct kc_eval *ev,
					       const struct kc_symbol *s,
					       enum kc_prop_kind kind,
					       enum kc_tristate *vis)
{
	const struct kc_property *p;

	for (p = s->props; p; p = p->next) {
		if (p->kind != kind)
			continue;
		*vis = kc_eval_expr(ev, p->visible);
		if (*vis != KC_NO)
			return p;
	}
	return NULL;
}

static bool has_user(struct kc_eval *ev, const struct kc_symbol *s)
{
	return state(ev, s)->flags & S_USER;
}

/* The choice's own default, if visible and naming a visible member. */
static const struct kc_symbol *choice_default(struct kc_eval *ev,
					      const struct kc_symbol *c)
{
	const struct kc_property *p;
	size_t i;

	for (p = c->props; p; p = p->next) {
		const struct kc_symbol *d;

		if (p->kind != KC_P_DEFAULT ||
		    kc_eval_expr(ev, p->visible) == KC_NO)
			continue;
		d = p->expr->sym[0];
		if (!is_const(d) && state(ev, d)->visible != KC_NO)
			return d;
	}
	for (i = 0; i < c->n_members; i++)
		if (state(ev, c->members[i])->visible != KC_NO)
			return c->members[i];
	return NULL;
}

static void calc_choice(struct kc_eval *ev, const struct kc_symbol *c)
{
	struct kc_symbol **prio = ev->prio[c->id];
	const struct kc_symbol *res = NULL;
	size_t i, n = c->n_members;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = prio[i];

		calc_visibility(ev, s);
		if (state(ev, s)->visible == KC_NO)
			continue;
		if (has_user(ev, s) && state(ev, s)->user_tri == KC_YES) {
			res = s;
			break;
		}
	}
	if (!res) {
		res = choice_default(ev, c);
		if (res && has_user(ev, res) &&
		    state(ev, res)->user_tri == KC_NO)
			res = NULL;
	}
	for (i = 0; !res && i < n; i++) {
		const struct kc_symbol *s = c->members[i];

		if (state(ev, s)->visible != KC_NO && !has_user(ev, s))
			res = s;
	}
	for (i = n; !res && i-- > 0;)
		if (state(ev, prio[i])->visible != KC_NO)
			res = prio[i];
	for (i = 0; i < n; i++) {
		struct sym_state *st = state(ev, c->members[i]);

		if (st->visible == KC_NO)
			continue;
		st->tri = c->members[i] == res ? KC_YES : KC_NO;
		st->flags |= S_VALID | S_WRITE;
	}
}

/*
 * Before 6.11 (kconfig-language.rst of 6.1, "choices"): the choice's own
 * value.  A visible choice takes the value the .config gave its members
 * (the highest of them), except that a mandatory choice is never 'n'; with
 * none, a mandatory tristate choice is 'm', a bool one 'y', and an
 * 'optional' one 'n'.  The visibility bounds it.
 */
static enum kc_tristate legacy_choice_value(struct kc_eval *ev,
					    const struct kc_symbol *c)
{
	struct sym_state *st = state(ev, c);
	bool optional = c->flags & KC_SYM_OPTIONAL;
	enum kc_tristate v;

	if (st->visible == KC_NO)
		return KC_NO;
	if ((st->flags & S_USER) && (optional || st->user_tri != KC_NO))
		v = st->user_tri;
	else if (optional)
		v = KC_NO;
	else
		v = kc_eval_type(ev, c) == KC_T_TRISTATE ? KC_MOD : KC_YES;
	v = tri_and(v, st->visible);
	return bool_limited(ev, c, v);
}

/* Before 6.11: is a member of choice 'c' visible, with 'c' as it is now? */
static bool legacy_visible_member(struct kc_eval *ev, const struct kc_symbol *c)
{
	size_t i;

	for (i = 0; i < c->n_members; i++) {
		calc_visibility(ev, c->members[i]);
		if (state(ev, c->members[i])->visible != KC_NO)
			return true;
	}
	return false;
}

/*
 * Before 6.11, the members of a choice: in 'y' mode the member last read
 * as y if visible, else the choice default, else the first visible member;
 * in 'm' mode every member keeps its own .config value, at most m.
 */
static void calc_choice_legacy(struct kc_eval *ev, const struct kc_symbol *c)
{
	enum kc_tristate cv = sym_tri(ev, c);
	const struct kc_symbol *res = NULL;
	size_t i, n = c->n_members;

	for (i = 0; i < n; i++)
		calc_visibility(ev, c->members[i]);
	if (cv == KC_YES) {
		res = state(ev, c)->sel;
		if (res && state(ev, res)->visible == KC_NO)
			res = NULL;
		if (!res)
			res = choice_default(ev, c);
	}
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = c->members[i];
		struct sym_state *st = state(ev, s);

		if (st->visible == KC_NO)
			continue;
		if (cv == KC_YES)
			st->tri = s == res ? KC_YES : KC_NO;
		else
			st->tri = (st->flags & S_USER) ?
					  tri_and(st->user_tri, st->visible) :
					  KC_NO;
		st->flags |= S_VALID | S_WRITE;
	}
}

static void calc_tristate(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st = state(ev, s);
	enum kc_tristate v = KC_NO, vis;
	const struct kc_property *p;

	if (ev->legacy && (s->flags & KC_SYM_CHOICE)) {
		st->tri = legacy_choice_value(ev, s);
		/* A 'y' choice with no visible member is 'n' (6.1's conf). */
		if (st->tri == KC_YES && !legacy_visible_member(ev, s))
			st->tri = KC_NO;
		return;
	}
	if (ev->legacy && s->choice) {
		calc_choice_legacy(ev, s->choice);
		st->tri = bool_limited(ev, s, st->tri);
		return;
	}
	if (s->choice) {
		calc_choice(ev, s->choice);
		v = st->tri;
		goto out;
	}
	if (st->visible != KC_NO && (st->flags & S_USER)) {
		v = tri_and(st->user_tri, st->visible);
		goto selected;
	}
	if (st->rev_dep != KC_NO)
		st->flags |= S_WRITE;
	if (!(s->flags & KC_SYM_CHOICE)) {
		p = first_visible(ev, s, KC_P_DEFAULT, &vis);
		if (p) {
			st->def = p;
			v = tri_and(kc_eval_expr(ev, p->expr), vis);
			if (v != KC_NO)
				st->flags |= S_WRITE;
		}
		if (st->implied != KC_NO) {
			st->flags |= S_WRITE;
			v = tri_and(tri_or(v, st->implied), st->dir_dep);
		}
	}
selected:
	v = tri_or(v, st->rev_dep);
out:
	st->tri = bool_limited(ev, s, v);
}

static bool within_range(struct kc_eval *ev, const struct kc_symbol *s,
			 const char *val);

static void calc_value(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st = state(ev, s);
	const struct kc_property *p;
	enum kc_tristate vis;

	/*
	 * Before 6.11 (measured on 6.1), a .config value outside the range
	 * is dropped and the default applies; 6.12 clamps it.
	 */
	if (st->visible != KC_NO && (st->flags & S_USER) &&
	    (!ev->legacy || within_range(ev, s, st->user_val))) {
		st->val = st->user_val;
		return;
	}
	p = first_visible(ev, s, KC_P_DEFAULT, &vis);
	if (p && p->expr->op == KC_E_SYMBOL) {
		const struct kc_symbol *d = p->expr->sym[0];

		st->def = p;
		st->flags |= S_WRITE;
		/*
		 * conf (6.1 and 6.12) takes the text a symbol holds, and a bool
		 * or tristate symbol's text is "n" whatever its value.
		 */
		if (!is_const(d) &&
		    (d->type == KC_T_BOOL || d->type == KC_T_TRISTATE))
			st->val = "n";
		else
			st->val = kc_eval_string(ev, d);
	}
}

static long long range_bound(struct kc_eval *ev, const struct kc_symbol *b,
			     int base)
{
	if (b->type == KC_T_INT)
		base = 10;
	else if (b->type == KC_T_HEX)
		base = 16;
	return strtoll(kc_eval_string(ev, b), NULL, base);
}

static bool within_range(struct kc_eval *ev, const struct kc_symbol *s,
			 const char *val)
{
	int base = s->type == KC_T_INT ? 10 : 16;
	const struct kc_property *p;
	enum kc_tristate vis;
	long long v;

	if (s->type != KC_T_INT && s->type != KC_T_HEX)
		return true;
	p = first_visible(ev, s, KC_P_RANGE, &vis);
	if (!p)
		return true;
	v = strtoll(val, NULL, base);
	return v >= range_bound(ev, p->expr->sym[0], base) &&
	       v <= range_bound(ev, p->expr->sym[1], base);
}

/* Clamps an int or hex value into its first visible range. */
static void validate_range(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st = state(ev, s);
	int base = s->type == KC_T_INT ? 10 : 16;
	const struct kc_property *p;
	const struct kc_symbol *bound;
	enum kc_tristate vis;
	long long v;

	p = first_visible(ev, s, KC_P_RANGE, &vis);
	if (!p)
		return;
	v = strtoll(st->val, NULL, base);
	bound = p->expr->sym[0];
	if (v >= range_bound(ev, bound, base)) {
		bound = p->expr->sym[1];
		if (v <= range_bound(ev, bound, base))
			return;
	}
	st->val = kc_eval_string(ev, bound);
}

static void calc(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st = state(ev, s);

	if (is_const(s) || (st->flags & S_VALID))
		return;
	st->flags |= S_VALID;
	st->tri = KC_NO;
	st->def = NULL;
	switch (s->type) {
	case KC_T_INT:
		/* Before 6.11 an int or hex without a value stays empty. */
		st->val = ev->legacy ? "" : "0";
		break;
	case KC_T_HEX:
		st->val = ev->legacy ? "" : "0x0";
		break;
	case KC_T_STRING:
		st->val = "";
		break;
	case KC_T_BOOL:
	case KC_T_TRISTATE:
		st->val = "n";
		break;
	default:
		st->val = s->name ? s->name : "";
		return;
	}
	st->flags &= ~S_WRITE;
	calc_visibility(ev, s);
	if (st->visible != KC_NO)
		st->flags |= S_WRITE;
	if (st->flags & S_TRUSTED) {
		/* From the build machine: the .config knows better than we. */
		st->tri = st->user_tri;
		st->val = st->user_val ? st->user_val : st->val;
		st->flags |= S_WRITE;
		return;
	}
	if (s->flags & KC_SYM_TRANSITIONAL) {
		/* Carries the .config's value over; never written back. */
		if (st->flags & S_USER) {
			st->tri = st->user_tri;
			st->val = st->user_val ? st->user_val : st->val;
		}
		return;
	}
	if (s->type == KC_T_BOOL || s->type == KC_T_TRISTATE) {
		calc_tristate(ev, s);
	} else {
		calc_value(ev, s);
		if (s->type == KC_T_INT || s->type == KC_T_HEX)
			validate_range(ev, s);
	}
	if (s->flags & KC_SYM_CHOICE)
		st->flags &= ~S_WRITE;
}

/* ---- reading the user's values ---------------------------------------------- */

/* Is 'str' a value of this int, hex or string symbol? */
static bool string_valid(enum kc_type type, const char *str)
{
	const char *p = str;

	switch (type) {
	case KC_T_STRING:
		return true;
	case KC_T_INT:
		if (*p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return false;
		if (*p == '0' && p[1])
			return false;
		for (; *p; p++)
			if (!isdigit((unsigned char)*p))
				return false;
		return true;
	case KC_T_HEX:
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			p += 2;
		if (!*p)
			return false;
		for (; *p; p++)
			if (!isxdigit((unsigned char)*p))
				return false;
		return true;
	default:
		return false;
	}
}

static enum kc_assign_status apply(struct kc_eval *ev,
				   const struct kc_assignment *a,
				   struct kc_symbol *s)
{
	struct sym_state *st;
	const char *v = a->raw;

	/* 6.1's conf reads "# CONFIG_FOO is not set..." as n; 6.12's does not. */
	if (a->kind == KC_ASSIGN_NOT_SET_LOOSE && !ev->legacy)
		return KC_AS_COMMENT;
	if (!s)
		return KC_AS_UNKNOWN_SYMBOL;
	st = state(ev, s);
	switch (s->type) {
	case KC_T_TRISTATE:
	case KC_T_BOOL:
		if (v[0] == 'm' && s->type == KC_T_TRISTATE)
			st->user_tri = KC_MOD;
		else if (v[0] == 'y')
			st->user_tri = KC_YES;
		else if (v[0] == 'n')
			st->user_tri = KC_NO;
		else
			return KC_AS_INVALID;
		break;
	case KC_T_STRING:
		if (!a->quoted)
			return KC_AS_IGNORED;
		if (!a->unquoted)
			return KC_AS_INVALID;
		st->user_val = a->unquoted;
		break;
	case KC_T_INT:
	case KC_T_HEX:
		if (!string_valid(s->type, v))
			return KC_AS_INVALID;
		st->user_val = v;
		break;
	default:
		return KC_AS_NO_TYPE;
	}
	st->flags |= S_USER;
	st->user = a;
	return KC_AS_APPLIED;
}

bool kc_eval_computed(struct kc_eval *ev, const struct kc_symbol *s)
{
	return is_const(s) || (state(ev, s)->flags & S_VALID);
}

void kc_eval_forget(struct kc_eval *ev, const struct kc_symbol *s)
{
	state(ev, s)->flags &= ~(S_VALID | S_VIS_DONE);
}

void kc_eval_forget_all(struct kc_eval *ev)
{
	size_t i, n = kc_model_symbol_count(ev->m);

	for (i = 0; i < n; i++)
		ev->st[i].flags &= ~(S_VALID | S_VIS_DONE);
	ev->modules_done = false;
	calc_modules(ev);
}

void kc_eval_set_user_choice(struct kc_eval *ev, const struct kc_symbol *c,
			     enum kc_tristate t, const struct kc_symbol *chosen)
{
	struct sym_state *st = state(ev, c);

	st->user_tri = t;
	st->sel = chosen;
	st->flags |= S_USER;
}

/* Moves a member to the front: the last one read has the highest priority. */
static void prioritise(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct kc_symbol **prio = ev->prio[s->choice->id];
	size_t i;

	for (i = 0; prio[i] != s; i++)
		;
	memmove(prio + 1, prio, i * sizeof(*prio));
	prio[0] = (struct kc_symbol *)s;
}

/*
 * Before 6.11, what a member's line says about its choice: the choice's
 * value is the highest of its members'; a member read as y is the one
 * chosen; an 'm' after a 'y' makes the state inconsistent, and the choice
 * keeps no value from the .config at all.
 */
static void read_choice_member(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *cst = state(ev, s->choice);
	enum kc_tristate v = state(ev, s)->user_tri;

	if (cst->flags & S_CHOICE_DROPPED)
		return;
	if (v == KC_MOD && (cst->flags & S_USER) && cst->user_tri == KC_YES) {
		cst->flags &= ~S_USER;
		cst->flags |= S_CHOICE_DROPPED;
		return;
	}
	if (v == KC_YES)
		cst->sel = s;
	cst->user_tri = (cst->flags & S_USER) ? tri_or(cst->user_tri, v) : v;
	cst->flags |= S_USER;
}

static void read_config(struct kc_eval *ev)
{
	const struct kc_config *cfg = ev->cfg;
	size_t i;

	for (i = 0; i < cfg->len; i++) {
		const struct kc_assignment *a = &cfg->items[i];
		struct kc_symbol *s = kc_model_lookupn(ev->m, a->name,
						       a->name_len);
		const struct kc_assignment *prev = s ? state(ev, s)->user : NULL;

		ev->assign_sym[i] = s;
		ev->status[i] = apply(ev, a, s);
		if (ev->status[i] != KC_AS_APPLIED)
			continue;
		if (prev)
			ev->status[prev - cfg->items] = KC_AS_OVERRIDDEN;
		if (s->choice && ev->legacy)
			read_choice_member(ev, s);
		else if (s->choice)
			prioritise(ev, s);
		if (!ev->opt.run_shell && (s->flags & KC_SYM_BUILD_MACHINE))
			state(ev, s)->flags |= S_TRUSTED;
	}
}

struct kc_eval *kc_eval_new(const struct kc_model *m,
			    const struct kc_config *cfg,
			    const struct kc_eval_options *opt)
{
	struct kc_eval *ev;
	size_t i, n;
	enum kc_eval_mode mode = opt ? opt->mode : KC_MODE_OLDDEFCONFIG;

	if (!kc_eval_mode_supported(mode))
		return NULL;
	n = kc_model_symbol_count(m);
	ev = kc_xcalloc(1, sizeof(*ev));
	ev->m = m;
	ev->legacy = kc_model_legacy_conf(m);
	ev->mode = mode;
	if (opt)
		ev->opt = *opt;
	/* The all* modes read no .config, only the allconfig. */
	if (kc_eval_mode_is_new_config(mode))
		cfg = opt->allconfig;
	ev->cfg = cfg;
	ev->st = kc_xcalloc(n ? n : 1, sizeof(*ev->st));
	ev->prio = kc_xcalloc(n ? n : 1, sizeof(*ev->prio));
	for (i = 0; i < n; i++) {
		const struct kc_symbol *c = kc_model_symbol(m, i);

		if (!(c->flags & KC_SYM_CHOICE))
			continue;
		ev->prio[i] = kc_xcalloc(c->n_members ? c->n_members : 1,
					 sizeof(**ev->prio));
		if (c->n_members)	/* a choice may have no members */
			memcpy(ev->prio[i], c->members,
			       c->n_members * sizeof(*c->members));
	}
	if (cfg) {
		ev->status = kc_xcalloc(cfg->len ? cfg->len : 1,
					sizeof(*ev->status));
		ev->assign_sym = kc_xcalloc(cfg->len ? cfg->len : 1,
					    sizeof(*ev->assign_sym));
		read_config(ev);
	}
	if (kc_eval_mode_is_new_config(mode))
		kc_eval_fill_new_symbols(ev);
	return ev;
}

void kc_eval_free(struct kc_eval *ev)
{
	size_t i, n;

	if (!ev)
		return;
	n = kc_model_symbol_count(ev->m);
	for (i = 0; i < n; i++)
		free(ev->prio[i]);
	free(ev->prio);
	free(ev->st);
	free(ev->status);
	free(ev->assign_sym);
	free(ev);
}

const struct kc_model *kc_eval_model(const struct kc_eval *ev)
{
	return ev->m;
}

/* ---- what savedefconfig compares with ---------------------------------------------- */

const struct kc_symbol *kc_eval_choice_default(struct kc_eval *ev,
					       const struct kc_symbol *c)
{
	size_t i;

	for (i = 0; i < c->n_members; i++)
		if (!(state(ev, c->members[i])->flags & S_VIS_DONE))
			calc_visibility(ev, c->members[i]);
	return choice_default(ev, c);
}

const char *kc_eval_default_string(struct kc_eval *ev,
				   const struct kc_symbol *s)
{
	const struct sym_state *st;
	const struct kc_property *p;
	enum kc_tristate vis = KC_NO, v = KC_NO;
	const char *str = "";

	if (is_const(s))
		return kc_eval_string(ev, s);
	st = computed(ev, s);
	calc_modules(ev);
	p = first_visible(ev, s, KC_P_DEFAULT, &vis);
	if (s->type == KC_T_BOOL || s->type == KC_T_TRISTATE) {
		if (p)
			v = tri_and(kc_eval_expr(ev, p->expr), vis);
		v = tri_or(v, st->rev_dep);
		if (v == KC_MOD && !s->choice && ev->modules_val == KC_NO)
			v = KC_YES;
		if (v == KC_MOD && s->type == KC_T_BOOL)
			v = KC_YES;
		return tri_name(tri_or(v, st->implied));
	}
	if (p && p->expr->op == KC_E_SYMBOL) {
		const struct kc_symbol *d = p->expr->sym[0];

		/* A bool or tristate symbol's text is "n" (see calc_value). */
		if (!is_const(d) &&
		    (d->type == KC_T_BOOL || d->type == KC_T_TRISTATE))
			str = "n";
		else
			str = kc_eval_string(ev, d);
	}
	/* 6.12 reads no text as 0; 6.1 keeps it empty. */
	if (!*str && !ev->legacy && s->type == KC_T_INT)
		str = "0";
	else if (!*str && !ev->legacy && s->type == KC_T_HEX)
		str = "0x0";
	return str;
}

/* ---- for the modes (eval_internal.h) ------------------------------------------ */

bool kc_eval_has_user(struct kc_eval *ev, const struct kc_symbol *s)
{
	return !is_const(s) && has_user(ev, s);
}

void kc_eval_set_user_tri(struct kc_eval *ev, const struct kc_symbol *s,
			  enum kc_tristate t)
{
	struct sym_state *st = state(ev, s);

	st->user_tri = t;
	st->flags |= S_USER;
}

void kc_eval_choice_prefer_last(struct kc_eval *ev,
				const struct kc_symbol *member)
{
	struct kc_symbol **prio = ev->prio[member->choice->id];
	size_t i, n = member->choice->n_members;

	for (i = 0; prio[i] != member; i++)
		;
	memmove(prio + i, prio + i + 1, (n - i - 1) * sizeof(*prio));
	prio[n - 1] = (struct kc_symbol *)member;
}

bool kc_eval_user_kept(struct kc_eval *ev, const struct kc_symbol *s)
{
	struct sym_state *st;

	if (is_const(s) || !has_user(ev, s))
		return false;
	st = state(ev, s);
	return !ev->legacy || !st->user_val || within_range(ev, s, st->user_val);
}

bool kc_eval_legacy_choice_read(struct kc_eval *ev, const struct kc_symbol *c)
{
	return has_user(ev, c) ||
	       (ev->cfg && !(state(ev, c)->flags & S_CHOICE_DROPPED));
}

bool kc_eval_legacy(const struct kc_eval *ev)
{
	return ev->legacy;
}

enum kc_eval_mode kc_eval_mode(const struct kc_eval *ev)
{
	return ev->mode;
}

const struct kc_eval_options *kc_eval_options(const struct kc_eval *ev)
{
	return &ev->opt;
}

/* ---- queries ------------------------------------------------------------------ */

bool kc_eval_written(struct kc_eval *ev, const struct kc_symbol *s)
{
	if (is_const(s) || s->type == KC_T_UNKNOWN ||
	    (s->flags & (KC_SYM_CHOICE | KC_SYM_TRANSITIONAL)))
		return false;
	calc(ev, s);
	return state(ev, s)->flags & S_WRITE;
}

static struct sym_state *computed(struct kc_eval *ev,
				  const struct kc_symbol *s)
{
	calc(ev, s);
	if (!(state(ev, s)->flags & S_VIS_DONE))
		calc_visibility(ev, s);
	return state(ev, s);
}

enum kc_tristate kc_eval_visible(struct kc_eval *ev, const struct kc_symbol *s)
{
	return is_const(s) ? KC_NO : computed(ev, s)->visible;
}

enum kc_tristate kc_eval_dir_dep(struct kc_eval *ev, const struct kc_symbol *s)
{
	return is_const(s) ? KC_YES : computed(ev, s)->dir_dep;
}

enum kc_tristate kc_eval_rev_dep(struct kc_eval *ev, const struct kc_symbol *s)
{
	return is_const(s) ? KC_NO : computed(ev, s)->rev_dep;
}

enum kc_tristate kc_eval_implied(struct kc_eval *ev, const struct kc_symbol *s)
{
	return is_const(s) ? KC_NO : computed(ev, s)->implied;
}

const struct kc_property *kc_eval_default_prop(struct kc_eval *ev,
					       const struct kc_symbol *s)
{
	return is_const(s) ? NULL : computed(ev, s)->def;
}

const struct kc_property *kc_eval_range_prop(struct kc_eval *ev,
					     const struct kc_symbol *s)
{
	enum kc_tristate vis;

	return first_visible(ev, s, KC_P_RANGE, &vis);
}

const struct kc_assignment *kc_eval_user(struct kc_eval *ev,
					 const struct kc_symbol *s)
{
	return is_const(s) ? NULL : state(ev, s)->user;
}

bool kc_eval_trusted(struct kc_eval *ev, const struct kc_symbol *s)
{
	return !is_const(s) && (state(ev, s)->flags & S_TRUSTED);
}

enum kc_assign_status kc_eval_assign_status(struct kc_eval *ev, size_t i)
{
	return ev->status[i];
}

const struct kc_symbol *kc_eval_assign_symbol(struct kc_eval *ev, size_t i)
{
	return ev->assign_sym[i];
}
