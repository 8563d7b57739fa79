/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * evaluate.c - the rules that one .config breaks, from the values
 * resolution gives (kc_eval: what `make olddefconfig` would keep), so a
 * rule speaks of the configuration the kernel would be built with.
 *
 * Expressions follow Kconfig's tristate logic (kconfig-language.rst,
 * "Menu dependencies"): y is 2, m is 1, n is 0, && is the minimum, || the
 * maximum, !x is 2-x (so !m is m).  A rule reads the result as true when
 * it is y or m ("set") and false when it is n:
 *   forbid: E        broken when E is y or m
 *   require: E       broken when E is n
 *   if: C  then: E   broken when C is y or m and E is n
 *
 * A finding points at the .config line of a symbol involved: the first
 * one, in the order the rule is written, whose value makes the rule break
 * (for if/then, those of 'then' first) and that the .config assigns; else
 * any symbol of the rule the .config assigns; else the .config itself.
 * Its notes give the broken condition with every symbol's value, at the
 * rule's line, and what the rule's scope means.
 */
#include <string.h>

#include "rules_internal.h"

struct evaluator {
	const struct kc_config *cfg;
	struct kc_eval *ev;
	struct kc_buf tmp;
};

/*
 * Under the '!' the rule adds, anything but a lone symbol or constant gets
 * parentheses: "!(N [=4] > 8)" reads better than Kconfig's "!N [=4] > 8".
 */
static int negated_prec(const struct kc_expr *e)
{
	return e->op == KC_E_SYMBOL ? kc_expr_precedence(KC_E_NOT) + 1 :
				     kc_expr_precedence(KC_E_SYMBOL) + 1;
}

/* The condition under which the rule breaks, annotated. */
static void broken_condition(struct evaluator *v, const struct kc_rule *r,
			     struct kc_buf *out)
{
	switch (r->kind) {
	case KC_RULE_FORBID:
		kc_eval_annotate(v->ev, r->expr, 0, out);
		break;
	case KC_RULE_REQUIRE:
		kc_buf_addc(out, '!');
		kc_eval_annotate(v->ev, r->expr, negated_prec(r->expr), out);
		break;
	case KC_RULE_IF_THEN:
		kc_eval_annotate(v->ev, r->cond, kc_expr_precedence(KC_E_AND), out);
		kc_buf_adds(out, " && !");
		kc_eval_annotate(v->ev, r->expr, negated_prec(r->expr), out);
		break;
	}
}

/* ---- which symbols make it break ---------------------------------------------- */

static bool is_variable(const struct kc_symbol *s)
{
	return !(s->flags & KC_SYM_CONST) && s->name &&
	       !(s->name[0] >= '0' && s->name[0] <= '9') && s->name[0] != '-';
}

static void push_unique(struct kc_vec *v, const struct kc_symbol *s)
{
	size_t i;

	if (!is_variable(s))
		return;
	for (i = 0; i < v->len; i++)
		if (v->items[i] == s)
			return;
	kc_vec_push(v, (void *)s);
}

/*
 * The symbols that give e its value, when that value is 'set' (y or m) or
 * not (n), in the order they are written.
 */
static void blame(struct evaluator *v, const struct kc_expr *e, bool set,
		  struct kc_vec *out)
{
	bool a, b;

	switch (e->op) {
	case KC_E_SYMBOL:
		push_unique(out, e->sym[0]);
		return;
	case KC_E_NOT:
		blame(v, e->sub[0], !set, out);
		return;
	case KC_E_AND:
	case KC_E_OR:
		a = kc_eval_expr(v->ev, e->sub[0]) != KC_NO;
		b = kc_eval_expr(v->ev, e->sub[1]) != KC_NO;
		/* Set AND, unset OR: both sides; else only the deciding ones. */
		if ((e->op == KC_E_AND) == set) {
			blame(v, e->sub[0], set, out);
			blame(v, e->sub[1], set, out);
			return;
		}
		if (a == set)
			blame(v, e->sub[0], set, out);
		if (b == set)
			blame(v, e->sub[1], set, out);
		return;
	case KC_E_RANGE:
		return;
	default:
		push_unique(out, e->sym[0]);
		push_unique(out, e->sym[1]);
		return;
	}
}

static void all_symbols(const struct kc_expr *e, struct kc_vec *out)
{
	switch (e->op) {
	case KC_E_SYMBOL:
		push_unique(out, e->sym[0]);
		return;
	case KC_E_NOT:
		all_symbols(e->sub[0], out);
		return;
	case KC_E_AND:
	case KC_E_OR:
		all_symbols(e->sub[0], out);
		all_symbols(e->sub[1], out);
		return;
	case KC_E_RANGE:
		return;
	default:
		push_unique(out, e->sym[0]);
		push_unique(out, e->sym[1]);
		return;
	}
}

/* The assignment of the .config that gave the symbol its user value. */
static const struct kc_assignment *assignment(struct evaluator *v,
					      const struct kc_symbol *s)
{
	const struct kc_assignment *a = kc_eval_user(v->ev, s);
	size_t i;

	if (a || !v->cfg)
		return a;
	/* Not applied (invalid, or not visible): the last line naming it. */
	for (i = v->cfg->len; i-- > 0;)
		if (!strcmp(v->cfg->items[i].name, s->name))
			return &v->cfg->items[i];
	return NULL;
}

static const struct kc_symbol *first_assigned(struct evaluator *v,
					      const struct kc_vec *syms,
					      const struct kc_assignment **a)
{
	size_t i;

	for (i = 0; i < syms->len; i++) {
		*a = assignment(v, syms->items[i]);
		if (*a)
			return syms->items[i];
	}
	return NULL;
}

/* The symbol a finding points at, and its assignment (or NULL). */
/* Where a finding about assignment 'a' points (a merged config: its file). */
static const char *finding_file(const struct kc_config *cfg,
				const struct kc_assignment *a)
{
	if (!cfg)
		return NULL;
	return a ? kc_config_file(cfg, a) : cfg->path;
}

static const struct kc_symbol *locate(struct evaluator *v,
				      const struct kc_rule *r,
				      const struct kc_assignment **a)
{
	struct kc_vec culprits = KC_VEC_INIT, all = KC_VEC_INIT;
	const struct kc_symbol *s;

	switch (r->kind) {
	case KC_RULE_FORBID:
		blame(v, r->expr, true, &culprits);
		break;
	case KC_RULE_REQUIRE:
		blame(v, r->expr, false, &culprits);
		break;
	case KC_RULE_IF_THEN:
		blame(v, r->expr, false, &culprits);
		blame(v, r->cond, true, &culprits);
		break;
	}
	s = first_assigned(v, &culprits, a);
	if (!s) {
		all_symbols(r->expr, &all);
		if (r->cond)
			all_symbols(r->cond, &all);
		s = first_assigned(v, &all, a);
	}
	if (!s) {
		*a = NULL;
		s = culprits.len ? culprits.items[0] : NULL;
	}
	kc_vec_free(&culprits);
	kc_vec_free(&all);
	return s;
}

/* ---- findings ---------------------------------------------------------------- */

static bool broken(struct evaluator *v, const struct kc_rule *r)
{
	switch (r->kind) {
	case KC_RULE_FORBID:
		return kc_eval_expr(v->ev, r->expr) != KC_NO;
	case KC_RULE_REQUIRE:
		return kc_eval_expr(v->ev, r->expr) == KC_NO;
	case KC_RULE_IF_THEN:
		return kc_eval_expr(v->ev, r->cond) != KC_NO &&
		       kc_eval_expr(v->ev, r->expr) == KC_NO;
	}
	return false;
}

static const char *scope_note(enum kc_rule_scope scope)
{
	if (scope == KC_SCOPE_CONFIG)
		return "scope config: Kconfig allows this, the .config chose it (\"a configuration error, not a Kconfig error\")";
	return "scope kconfig: Kconfig itself should make this impossible, yet this .config resolves to it: a Kconfig error";
}

static void report(struct evaluator *v, const struct kc_rule *r,
		   struct kc_findings *out)
{
	const struct kc_assignment *a = NULL;
	const struct kc_symbol *s = locate(v, r, &a);
	struct kc_finding *f;

	f = kc_findings_add(out, r->id, r->severity, s ? s->name : NULL,
			    finding_file(v->cfg, a), a ? a->line : 0,
			    "%s", r->message ? r->message : r->title);
	f->info = &r->info;
	if (s) {
		if (a)
			f->assigned = kc_xstrdup(a->kind == KC_ASSIGN_NOT_SET ?
							 "n" : a->raw);
		f->resolved = kc_xstrdup(kc_eval_string(v->ev, s));
	}
	kc_buf_reset(&v->tmp);
	broken_condition(v, r, &v->tmp);
	kc_finding_note(f, r->file, r->line, "violated: %s",
			kc_buf_str(&v->tmp));
	kc_finding_note(f, NULL, 0, "%s", scope_note(r->scope));
}

void kc_rules_check(const struct kc_rules *r, const struct kc_config *cfg,
		    struct kc_eval *ev, struct kc_findings *out)
{
	struct evaluator v = { cfg, ev, KC_BUF_INIT };
	size_t i;

	for (i = 0; i < r->rules.len; i++) {
		const struct rule *x = r->rules.items[i];

		if (x->pub.status != KC_RULE_APPLIES || !x->pub.expr)
			continue;
		if (x->pub.kind == KC_RULE_IF_THEN && !x->pub.cond)
			continue;
		if (broken(&v, &x->pub))
			report(&v, &x->pub, out);
	}
	kc_buf_free(&v.tmp);
}
