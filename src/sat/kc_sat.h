/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_sat.h - the Kconfig model as a propositional formula, solved with
 * PicoSAT: every valid configuration at once.
 *
 * A valid configuration is a fixed point of the evaluator: given as a
 * .config that assigns every bool and tristate symbol, resolution gives
 * every value back unchanged.  The encoding is exact for bool and
 * tristate symbols (tests/unit/test_sat_exact.c compares it with brute
 * force through the evaluator):
 *  - a bool symbol S is one variable "S = y"; a tristate two, "S = y" and
 *    "S = m", never both;
 *  - expressions become pairs of literals "e >= m" and "e >= y", with a
 *    Tseitin variable per shared sub-expression;
 *  - each symbol's fixed-point equation (user value within its visibility,
 *    else the first visible default raised by imply within its direct
 *    dependencies; select raises either; m reads as y for bool and without
 *    MODULES) is one group of clauses, switched by a guard literal, so
 *    explanations can name the symbols whose constraints conflict;
 *  - a choice: exactly one visible member is y when any is visible,
 *    invisible members are n;
 *  - comparisons of int, hex and string symbols are free atoms (an
 *    over-approximation: every combination of their outcomes is allowed);
 *  - symbols whose values come from the build machine, and transitional
 *    symbols, are free inputs.
 * Exactness assumes MODULES has no dependencies, as in every kernel tree.
 */
#ifndef KC_SAT_H
#define KC_SAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kc_base.h"
#include "kc_model.h"

struct kc_sat;

/* A tristate value as literals: "value >= m" and "value >= y". */
struct kc_sat_tri {
	int m;
	int y;
};

/*
 * Encodes the model.  With guards, each symbol's constraints are switched
 * by a guard literal that kc_sat_solve() assumes, so an unsatisfiable
 * solve can name the conflicting symbols (explain); without, the
 * constraints are plain clauses (fewer variables: prove, dead, export).
 */
struct kc_sat *kc_sat_new(const struct kc_model *m, bool with_guards);
/*
 * The constraints of the symbols marked in 'subset' (by symbol id) only;
 * the other symbols they mention are free inputs.  A relaxation of the
 * whole model: what it rules out, the whole model rules out too, and a
 * minimal conflict found in it is a minimal conflict of the model.  Small
 * instances make explanations fast.  'subset' must outlive the instance.
 */
struct kc_sat *kc_sat_new_subset(const struct kc_model *m,
				 const unsigned char *subset, bool with_guards);
void kc_sat_free(struct kc_sat *s);

/* The literal of "S >= at_least" (at_least m or y); 0 for no variable. */
int kc_sat_symbol_lit(struct kc_sat *s, const struct kc_symbol *sym,
		      enum kc_tristate at_least);
/* Encodes an expression (a rule's, say) over the model's variables. */
struct kc_sat_tri kc_sat_expr(struct kc_sat *s, const struct kc_expr *e);
/* The guard of a symbol's (or a choice's) constraints; 0 when it has none. */
int kc_sat_guard(struct kc_sat *s, const struct kc_symbol *sym);
/* The symbol a guard belongs to, or NULL. */
const struct kc_symbol *kc_sat_guard_symbol(struct kc_sat *s, int guard);

/*
 * Solves under the assumptions (all guards are assumed too, unless
 * 'without_guards' is set, in which case the caller assumes the ones it
 * wants).  Returns 10 (satisfiable) or 20 (unsatisfiable).
 */
int kc_sat_solve(struct kc_sat *s, const int *assume, size_t n);
int kc_sat_solve_guarded(struct kc_sat *s, const int *assume, size_t n,
			 const int *guards, size_t n_guards);
/* After a satisfiable solve: a symbol's value. */
enum kc_tristate kc_sat_value(struct kc_sat *s, const struct kc_symbol *sym);
/* After a satisfiable solve: is the literal true? */
bool kc_sat_lit_true(struct kc_sat *s, int lit);
/* After an unsatisfiable solve: was this assumption part of the conflict? */
bool kc_sat_failed(struct kc_sat *s, int lit);
/* Adds a clause (0-terminated not needed: 'n' literals). */
void kc_sat_add_clause(struct kc_sat *s, const int *lits, size_t n);

/* Gates over literals, for queries built on encoded expressions. */
int kc_sat_and(struct kc_sat *s, int a, int b);
int kc_sat_or(struct kc_sat *s, int a, int b);
/* The literal of "MODULES = y" (FALSE without a modules symbol). */
int kc_sat_modules(const struct kc_sat *s);

/* The solver's next choice for a literal's variable (witness shaping). */
void kc_sat_set_phase(struct kc_sat *s, int lit, bool value);
/* The solver's next choice for every symbol variable is 'value'. */
void kc_sat_prefer_phase(struct kc_sat *s, bool value);
/* A fresh literal a with a -> l for every l: one assumption for a group. */
int kc_sat_activation(struct kc_sat *s, const int *lits, size_t n);
/* The literals that say "sym = v" (one or two); returns how many. */
size_t kc_sat_value_lits(struct kc_sat *s, const struct kc_symbol *sym,
			 enum kc_tristate v, int out[2]);
/* Every guard literal (with guards only). */
size_t kc_sat_guards(struct kc_sat *s, const int **guards);

size_t kc_sat_variables(const struct kc_sat *s);
size_t kc_sat_clauses(const struct kc_sat *s);
/* Symbols with variables (bool and tristate, defined), in model order. */
size_t kc_sat_symbol_count(const struct kc_sat *s);
const struct kc_symbol *kc_sat_symbol(const struct kc_sat *s, size_t i);

/*
 * DIMACS CNF with the guards as unit clauses, and comments naming every
 * symbol's variables ("c var 12 VFIO=y") so a model counter counts real
 * configurations when projected on them.
 */
void kc_sat_write_dimacs(const struct kc_sat *s, struct kc_buf *out);

/* ---- questions (query.c) ---------------------------------------------- */

struct kc_eval;

/* Prefer the values of 'ev' (the default configuration) in witnesses. */
void kc_sat_prefer_defaults(struct kc_sat *s, struct kc_eval *ev);
/*
 * For every symbol with variables (index as kc_sat_symbol): can some valid
 * configuration enable it (can_on) or disable it (can_off)?  Both arrays
 * have kc_sat_symbol_count() entries.
 */
void kc_sat_dead(struct kc_sat *s, unsigned char *can_on,
		 unsigned char *can_off);
/*
 * Shrinks an unsatisfiable set of assumptions to a minimal one (no entry
 * can be dropped); 'fixed' stay assumed.  Returns the new count.
 */
size_t kc_sat_minimise(struct kc_sat *s, int *lits, size_t n,
		       const int *fixed, size_t n_fixed);

/*
 * Every clause of the instance so far, literal after literal with a 0
 * closing each clause; '*len' entries.  Guards are not in it as unit
 * clauses.  Model counting (count.c) reads the CNF through this.
 */
const int *kc_sat_clause_lits(const struct kc_sat *s, size_t *len);

/* ---- counting configurations (count.c) -------------------------------- */

/*
 * The set of valid configurations as a binary decision diagram over the
 * symbol variables, every other variable (gates, comparison atoms)
 * quantified away: exact counts, and every distinct assignment of a few
 * symbols (a projection) with its count.  Guards are taken as true.  The
 * CNF is read as it stands when the count is built.
 */
struct kc_count;

/*
 * Builds the diagram; NULL with '*err' (malloc'ed) set when it would need
 * more than 'max_nodes' nodes (0: a default of 4 million, about 150 MiB
 * at most), as on a whole kernel tree.
 */
struct kc_count *kc_count_new(struct kc_sat *s, size_t max_nodes,
			      char **err);
void kc_count_free(struct kc_count *c);
/* Nodes the diagram holds, some no longer used (for reports). */
size_t kc_count_nodes(const struct kc_count *c);

/*
 * How many valid configurations satisfy every literal of 'assume' (symbol
 * variables: kc_sat_value_lits, kc_sat_symbol_lit).  False when the number
 * does not fit in 64 bits, or a literal is not of a symbol variable: no
 * number is then given.
 */
bool kc_count_configs(struct kc_count *c, const int *assume, size_t n,
		      uint64_t *out);

/*
 * Called once for every distinct assignment of the projected symbols that
 * some valid configuration has: 'values' in the order of 'syms', 'count'
 * the valid configurations having it.  A non-zero return stops the walk.
 */
typedef int (*kc_count_visit_fn)(void *ctx, const enum kc_tristate *values,
				 uint64_t count);
/*
 * Walks the projection onto 'syms' (symbols with variables; others are n
 * in every configuration).  The distinct assignments are gathered before
 * the first visit, so more than 'max_values' of them (0: no limit) stop
 * the walk before it visits any: KC_COUNT_TOO_MANY.  Returns 0, the
 * visitor's non-zero value, KC_COUNT_TOO_MANY, or -1 when a count does
 * not fit in 64 bits or the diagram grows past its limit ('*err' set).
 */
#define KC_COUNT_TOO_MANY (-2)
/* A default for max_values: some 60 bytes each are gathered at most. */
#define KC_COUNT_MAX_VALUES 1000000
int kc_count_project(struct kc_count *c, const struct kc_symbol *const *syms,
		     size_t n, size_t max_values, kc_count_visit_fn visit,
		     void *ctx, char **err);

/*
 * How many distinct values the literals 'lits' take together over the
 * valid configurations (their image).  Each is a constant, a symbol
 * variable or a gate the instance's clauses defined, as a function of
 * the symbols, before the count was built (a condition of cond_sat.c,
 * say): the distinct module builds are the image of the conditions.
 * Exact without listing the values, however many.  False with '*err'
 * (malloc'ed) when a literal is none of those, the number does not fit
 * in 64 bits or the diagram grows past its limit.
 */
bool kc_count_images(struct kc_count *c, const int *lits, size_t n,
		     uint64_t *out, char **err);

/*
 * Called once for every distinct value of the literals (as above), each
 * literal's bit (0 or 1) in 'bits', with the valid configurations giving
 * it; returns as kc_count_project() does (the values are gathered before
 * the first visit: more than 'max_values', 0 for no limit, visit none).
 */
typedef int (*kc_count_image_fn)(void *ctx, const unsigned char *bits,
				 uint64_t count);
int kc_count_image_values(struct kc_count *c, const int *lits, size_t n,
			  size_t max_values, kc_count_image_fn visit,
			  void *ctx, char **err);

/*
 * One valid configuration with the values 'values' of 'syms', close to
 * the default configuration 'ev' (the solver's phases), that resolution
 * leaves unchanged: 'out' gets the value of every symbol with variables
 * (index as kc_sat_symbol).  A candidate resolution would change (possible
 * only through int, hex or string comparisons, free in the CNF) is
 * excluded for good (a clause added to the instance) and the search goes
 * on, a bounded number of times.  False when none was found.
 */
bool kc_sat_representative(struct kc_sat *s, struct kc_eval *ev,
			   const struct kc_symbol *const *syms,
			   const enum kc_tristate *values, size_t n,
			   enum kc_tristate *out);
/* Does resolution leave this assignment (index as kc_sat_symbol) alone? */
bool kc_sat_is_fixed_point(struct kc_sat *s, const struct kc_model *m,
			   const enum kc_tristate *values);

#endif /* KC_SAT_H */
