/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * session.c - a solver session over an encoded model: solving under
 * assumptions and guards, reading values and failed assumptions back,
 * steering the solver's phases, and the instance's sizes.  PicoSAT keeps
 * what it learnt between solves, so one session answers many questions.
 */
#include <stdlib.h>

#include "sat_internal.h"

int kc_sat_guard(struct kc_sat *s, const struct kc_symbol *sym)
{
	return (sym->flags & KC_SYM_CONST) ? 0 : s->vars[sym->id].guard;
}

const struct kc_symbol *kc_sat_guard_symbol(struct kc_sat *s, int guard)
{
	if (guard <= 0 || (size_t)guard >= s->guard_cap ||
	    !s->guard_owner[guard])
		return NULL;
	return kc_model_symbol(s->m, (size_t)s->guard_owner[guard] - 1);
}

int kc_sat_solve_guarded(struct kc_sat *s, const int *assume, size_t n,
			 const int *guards, size_t n_guards)
{
	size_t i;

	for (i = 0; i < n_guards; i++)
		picosat_assume(s->ps, guards[i]);
	for (i = 0; i < n; i++)
		picosat_assume(s->ps, assume[i]);
	return picosat_sat(s->ps, -1);
}

int kc_sat_solve(struct kc_sat *s, const int *assume, size_t n)
{
	size_t i;

	for (i = 0; i < s->guards.len; i++)
		picosat_assume(s->ps, (int)(intptr_t)s->guards.items[i]);
	for (i = 0; i < n; i++)
		picosat_assume(s->ps, assume[i]);
	return picosat_sat(s->ps, -1);
}

enum kc_tristate kc_sat_value(struct kc_sat *s, const struct kc_symbol *sym)
{
	struct sym_vars *v;

	if (sym == kc_model_const_yes(s->m))
		return KC_YES;
	if (sym == kc_model_const_mod(s->m))
		return KC_MOD;
	if (!sat_var_of(s, sym))
		return KC_NO;
	v = &s->vars[sym->id];
	if (picosat_deref(s->ps, v->y) > 0)
		return KC_YES;
	if (picosat_deref(s->ps, v->ge_m) > 0)
		return KC_MOD;
	return KC_NO;
}

bool kc_sat_lit_true(struct kc_sat *s, int lit)
{
	return picosat_deref(s->ps, lit) > 0;
}

bool kc_sat_failed(struct kc_sat *s, int lit)
{
	return picosat_failed_assumption(s->ps, lit);
}

int kc_sat_modules(const struct kc_sat *s)
{
	return s->modules_y;
}

void kc_sat_set_phase(struct kc_sat *s, int lit, bool value)
{
	if (lit > 1 || lit < -1)
		picosat_set_default_phase_lit(s->ps, lit, value ? 1 : -1);
}

void kc_sat_prefer_phase(struct kc_sat *s, bool value)
{
	size_t i;

	/* Per variable: the global default phase does not steer PicoSAT's
	 * decisions past the first assignment, explicit phases do. */
	for (i = 0; i < s->syms.len; i++) {
		const struct sym_vars *v =
			&s->vars[((const struct kc_symbol *)s->syms.items[i])->id];

		picosat_set_default_phase_lit(s->ps, v->y, value ? 1 : -1);
		if (v->ge_m != v->y)
			picosat_set_default_phase_lit(s->ps, v->ge_m,
						      value ? 1 : -1);
	}
}

size_t kc_sat_value_lits(struct kc_sat *s, const struct kc_symbol *sym,
			 enum kc_tristate v, int out[2])
{
	struct sym_vars *x;

	if (!sat_var_of(s, sym))
		return 0;
	x = &s->vars[sym->id];
	switch (v) {
	case KC_YES:
		out[0] = x->y;
		return 1;
	case KC_MOD:
		if (x->ge_m == x->y) {
			out[0] = LIT_FALSE;	/* a bool is never m */
			return 1;
		}
		out[0] = x->ge_m;
		out[1] = -x->y;
		return 2;
	default:
		out[0] = -x->ge_m;
		return 1;
	}
}

size_t kc_sat_guards(struct kc_sat *s, const int **guards)
{
	*guards = (const int *)0;
	if (!s->guards.len)
		return 0;
	KC_GROW(s->guard_list, s->guard_list_cap, s->guards.len);
	for (size_t i = 0; i < s->guards.len; i++)
		s->guard_list[i] = (int)(intptr_t)s->guards.items[i];
	*guards = s->guard_list;
	return s->guards.len;
}

size_t kc_sat_variables(const struct kc_sat *s)
{
	return (size_t)s->nvars;
}

size_t kc_sat_clauses(const struct kc_sat *s)
{
	return s->nclauses;
}

size_t kc_sat_symbol_count(const struct kc_sat *s)
{
	return s->syms.len;
}

const struct kc_symbol *kc_sat_symbol(const struct kc_sat *s, size_t i)
{
	return s->syms.items[i];
}
