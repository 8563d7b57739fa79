/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sat_internal.h - what the files of src/sat share and nobody else sees:
 * the instance itself.  encode.c builds it, session.c solves it and reads
 * values back, dimacs.c writes it out.
 */
#ifndef KC_SAT_INTERNAL_H
#define KC_SAT_INTERNAL_H

#include <picosat/picosat.h>
#include <stdint.h>

#include "kc_sat.h"

#define LIT_TRUE 1
#define LIT_FALSE (-1)

/* A small open-addressing hash map from two words to a literal. */
struct pair_slot {
	uintptr_t a, b;
	int value;
	bool used;
};

struct pair_map {
	struct pair_slot *slots;
	size_t mask, count;
};

/*
 * A tristate S is two variables, "S >= m" and "S = y" (the second implies
 * the first): n, m and y are the three assignments allowed, so counting
 * solutions projected on them counts configurations.  A bool is one.
 */
struct sym_vars {
	int y;		/* "S = y" */
	int ge_m;	/* "S >= m" (the same variable as y for a bool) */
	int guard;	/* switches the symbol's (or choice's) constraints */
};

struct kc_sat {
	const struct kc_model *m;
	PicoSAT *ps;
	int nvars;
	struct kc_vec syms;		/* symbols with variables */
	struct sym_vars *vars;		/* by symbol id */
	struct pair_map gates;		/* (op|a, b) -> gate literal */
	struct pair_map exprs;		/* (expr, part) -> literal */
	int *clauses;			/* all clauses, 0-terminated */
	size_t clen, ccap, nclauses;
	int *guard_owner;		/* guard variable -> symbol id + 1 */
	size_t guard_cap;
	struct kc_vec guards;		/* the guard literals */
	bool with_guards;
	const unsigned char *subset;	/* symbols to encode, or NULL */
	int *guard_list;		/* kc_sat_guards() copy */
	size_t guard_list_cap;
	int modules_y;
};

/* Does it have variables in this instance (see kc_sat_new_subset)? */
static inline bool sat_var_of(const struct kc_sat *s,
			      const struct kc_symbol *sym)
{
	return !(sym->flags & KC_SYM_CONST) && s->vars[sym->id].y != 0;
}

#endif /* KC_SAT_INTERNAL_H */
