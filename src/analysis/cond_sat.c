/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cond_sat.c - conditions (cond.c's decision diagrams) as literals of a
 * solver: each node one if-then-else gate over "S = y" and "S = m", built
 * once per solver and remembered.
 */
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "kc_sat.h"

void cond_sat_init(struct cond_sat *cs, struct kc_sat *s,
		   const struct kc_model *m)
{
	memset(cs, 0, sizeof(*cs));
	cs->s = s;
	cs->m = m;
}

void cond_sat_free(struct cond_sat *cs)
{
	free(cs->memo);
	cs->memo = NULL;
	cs->memo_cap = 0;
}

int cond_lit_not(int a)
{
	return a == COND_LIT_T ? COND_LIT_F : a == COND_LIT_F ? COND_LIT_T : -a;
}

int cond_lit_and(struct cond_sat *cs, int a, int b)
{
	if (a == COND_LIT_F || b == COND_LIT_F)
		return COND_LIT_F;
	if (a == COND_LIT_T)
		return b;
	if (b == COND_LIT_T)
		return a;
	return kc_sat_and(cs->s, a, b);
}

int cond_lit_or(struct cond_sat *cs, int a, int b)
{
	return cond_lit_not(cond_lit_and(cs, cond_lit_not(a), cond_lit_not(b)));
}

int cond_lit_xor(struct cond_sat *cs, int a, int b)
{
	return cond_lit_or(cs, cond_lit_and(cs, a, cond_lit_not(b)),
			   cond_lit_and(cs, cond_lit_not(a), b));
}

/* "S = y", or "S = m" when tests_m, for the solver's symbol of S's name. */
static int var_lit(struct cond_sat *cs, const struct kc_symbol *key,
		   bool tests_m)
{
	const struct kc_symbol *s = kc_model_lookup(cs->m, key->name);
	int y, m;

	if (!s || !(s->flags & KC_SYM_DEFINED) ||
	    (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE) ||
	    !(y = kc_sat_symbol_lit(cs->s, s, KC_YES)))
		return COND_LIT_F;
	if (!tests_m)
		return y;
	m = kc_sat_symbol_lit(cs->s, s, KC_MOD);
	return m == y ? COND_LIT_F : cond_lit_and(cs, m, -y);
}

int cond_sat_lit(struct cond_sat *cs, const struct cond_mgr *c, int f)
{
	const struct kc_symbol *s;
	int lo, hi, v, r;
	bool tm;

	if (f == COND_TRUE)
		return COND_LIT_T;
	if (f == COND_FALSE)
		return COND_LIT_F;
	if ((size_t)f < cs->memo_cap && cs->memo[f])
		return cs->memo[f];
	cond_top(c, f, &s, &tm, &lo, &hi);
	v = var_lit(cs, s, tm);
	r = cond_lit_or(cs, cond_lit_and(cs, v, cond_sat_lit(cs, c, hi)),
			cond_lit_and(cs, cond_lit_not(v), cond_sat_lit(cs, c, lo)));
	if ((size_t)f >= cs->memo_cap) {
		size_t old = cs->memo_cap;

		KC_GROW(cs->memo, cs->memo_cap, (size_t)f + 1);
		memset(cs->memo + old, 0, (cs->memo_cap - old) * sizeof(int));
	}
	cs->memo[f] = r;	/* never 0: no literal is */
	return r;
}
