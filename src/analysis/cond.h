/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cond.h - conditions over the values of Kconfig symbols, as reduced
 * ordered binary decision diagrams (private to src/analysis): where an
 * object or a module is built.  A symbol S is two variables, "S = y" and
 * "S = m" (never both; neither is n; a bool symbol has only the first,
 * never being m), so a condition is canonical: two
 * conditions are equal exactly when they are the same number.
 */
#ifndef KC_ANALYSIS_COND_H
#define KC_ANALYSIS_COND_H

#include <limits.h>
#include <stdbool.h>

#include "kc_base.h"
#include "kc_model.h"

#define COND_FALSE 0
#define COND_TRUE 1

struct cond_mgr;

struct cond_mgr *cond_new(void);
void cond_free(struct cond_mgr *c);

/*
 * "S is one of the values in 'mask'" (bit 1 << KC_NO, 1 << KC_MOD,
 * 1 << KC_YES).  Symbols get their variables in the order first asked.
 */
int cond_is(struct cond_mgr *c, const struct kc_symbol *s, unsigned mask);
int cond_and(struct cond_mgr *c, int a, int b);
int cond_or(struct cond_mgr *c, int a, int b);
int cond_not(struct cond_mgr *c, int a);

/* The symbols a condition reads, pushed onto 'out' (each once). */
void cond_support(struct cond_mgr *c, int f, struct kc_vec *out);
/* The same for the n conditions fs, in one pass over their nodes. */
void cond_support_all(struct cond_mgr *c, const int *fs, size_t n,
		      struct kc_vec *out);

/*
 * f's top node: the symbol it tests, whether the test is "= m" (else
 * "= y"), and the branches for the test false (lo) and true (hi); false
 * for the two leaves.
 */
bool cond_top(const struct cond_mgr *c, int f, const struct kc_symbol **s,
	      bool *tests_m, int *lo, int *hi);

/* The value of f when each symbol has the value 'value' gives. */
bool cond_eval(const struct cond_mgr *c, int f,
	       enum kc_tristate (*value)(void *ctx, const struct kc_symbol *s),
	       void *ctx);

/*
 * f as a Kconfig expression: "y", "n", or comparisons such as "VFIO=m",
 * "VFIO!=n" (a bool symbol as "S" or "!S") joined by && and ||, one
 * symbol decided at a time, its values with equal rest merged.
 */
void cond_print(struct cond_mgr *c, int f, struct kc_buf *out);

/* ---- conditions as solver literals (cond_sat.c) ---------------------------- */

struct kc_sat;

/* The constants, among literals: no solver variable. */
#define COND_LIT_T INT_MAX
#define COND_LIT_F (-INT_MAX)

/*
 * One solver's literals for the conditions of one manager.  A condition's
 * symbol is looked up by name in m, the solver's model, so a manager
 * shared by two models (diff) gives each its own literals; a symbol m
 * lacks, or one without variables, is n.
 */
struct cond_sat {
	struct kc_sat *s;
	const struct kc_model *m;
	int *memo;			/* condition -> literal (0: none yet) */
	size_t memo_cap;
};

void cond_sat_init(struct cond_sat *cs, struct kc_sat *s,
		   const struct kc_model *m);
void cond_sat_free(struct cond_sat *cs);
/* f as a literal of cs's solver (COND_LIT_T, COND_LIT_F for constants). */
int cond_sat_lit(struct cond_sat *cs, const struct cond_mgr *c, int f);
int cond_lit_not(int a);
int cond_lit_and(struct cond_sat *cs, int a, int b);
int cond_lit_or(struct cond_sat *cs, int a, int b);
int cond_lit_xor(struct cond_sat *cs, int a, int b);

#endif /* KC_ANALYSIS_COND_H */
