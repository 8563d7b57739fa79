/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * analysis_internal.h - what the files of the analysis layer share.
 */
#ifndef KC_ANALYSIS_INTERNAL_H
#define KC_ANALYSIS_INTERNAL_H

#include "kc_analysis.h"
#include "kc_eval.h"
#include "kc_sat.h"

/* A note describing the constraint behind a symbol's (or choice's) guard. */
void kc_analysis_note_constraint(const struct kc_model *m,
				 const struct kc_symbol *s,
				 struct kc_finding *f);
/* The definition carrying the prompt, else the first one. */
const struct kc_menu *kc_analysis_entry(const struct kc_symbol *s);
/*
 * The guards of a minimal conflict between the model and 'query' (plus the
 * activation literals in 'extra', which may be part of the answer too),
 * among the constraints of the symbols marked in 'cone' (NULL: all).
 * Returns the number of literals written to 'core' (guards and extras);
 * *core is NULL when there is no conflict.
 */
size_t kc_analysis_core(struct kc_sat *s, const unsigned char *cone,
			const int *query, size_t nq, const int *extra,
			size_t ne, int **core);
/*
 * Marks (by symbol id) every symbol whose value the seed's value can
 * depend on: through dependencies, selects, implies, prompts, defaults,
 * choices and MODULES.  'mark' has kc_model_symbol_count() entries.
 */
void kc_analysis_cone(const struct kc_model *m, const struct kc_symbol *seed,
		      unsigned char *mark);
/* The same for every symbol the expression mentions. */
void kc_analysis_cone_expr(const struct kc_model *m, const struct kc_expr *e,
			   unsigned char *mark);
/*
 * The symbols x's own constraint mentions, not yet marked: each is marked
 * and pushed to 'added'.
 */
void kc_analysis_mentions(const struct kc_model *m, const struct kc_symbol *x,
			  unsigned char *mark, struct kc_vec *added);
/* Adds to 'mark' the symbols the marked ones' constraints mention;
 * returns how many were added (0: the mark is closed). */
size_t kc_analysis_grow(const struct kc_model *m, unsigned char *mark);
/*
 * The current SAT solution as a configuration: the bool and tristate
 * values as a .config, resolved by the evaluator (which fills in int, hex
 * and string symbols from their defaults).
 */
struct kc_witness {
	struct kc_config *cfg;
	struct kc_eval *ev;
	char *values;		/* the solver's values it was resolved from */
};

void kc_witness_from_sat(const struct kc_model *m, struct kc_sat *s,
			 struct kc_witness *w);
/* The witness as the .config conf would write. */
void kc_witness_write(struct kc_witness *w, struct kc_buf *out);
void kc_witness_free(struct kc_witness *w);
/*
 * The witness as notes "witness: CONFIG_X=y": the .config fragment of
 * user-settable symbols that resolves to it (at most 40 lines).
 */
void kc_analysis_note_witness(struct kc_finding *f, struct kc_witness *w,
			      const struct kc_model *m);
/*
 * The same, with 'memo' (solver's values -> fragment, keys and fragments
 * in arena 'a'): a witness of the same values as one before is described
 * without resolving its fragment again.
 */
void kc_analysis_note_witness_memo(struct kc_finding *f, struct kc_witness *w,
				   const struct kc_model *m, struct kc_map *memo,
				   struct kc_arena *a);

struct kc_rule;
/* Does the resolved configuration break the rule? (prove.c) */
bool kc_analysis_rule_broken(struct kc_eval *ev, const struct kc_rule *r);

/*
 * As kc_analysis_prove(), for the rules whose 'which' entry (by index in
 * 'rules') is set only, each solved on the constraints of the symbols its
 * verdict can depend on (kc_analysis_cone_expr of its expressions) rather
 * than the whole model: every configuration of that closure extends to a
 * valid configuration of the model, so the verdicts are the same.  With
 * 'verdict_only', a broken rule's finding has no witness notes, and its
 * witness is the solver's first.
 */
void kc_analysis_prove_some(const struct kc_model *m,
			    const struct kc_rules *rules,
			    const unsigned char *which, bool verdict_only,
			    struct kc_findings *out, struct kc_vec *witnesses);

/* Two values that became possible together (diff_values.c). */
struct kc_diff_pair {
	char *x, *y;			/* symbol names */
	enum kc_tristate vx, vy;
};

/* What the value analysis found, for the module builds (diff_builds.c). */
struct kc_diff_found {
	struct kc_vec cone;		/* char *: the cone of influence */
	size_t n_changed;		/* its first: the changed symbols */
	bool cone_truncated;
	struct kc_vec pairs;		/* struct kc_diff_pair *: newly possible */
};

void kc_diff_found_free(struct kc_diff_found *f);

/*
 * diff_values.c: the values (and pairs of values among 'touched') that
 * became possible or impossible, in the cone of influence of 'changed'
 * (symbol names); the cone and the pairs newly possible into 'found' when
 * it is not NULL.  Returns the number of solves.
 */
size_t kc_diff_values(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_vec *changed,
		      const struct kc_vec *touched, size_t max_cone,
		      struct kc_findings *out, struct kc_vec *witnesses,
		      struct kc_diff_found *found);

/*
 * diff_builds.c: every object and module in scope whose presence
 * condition changed as a formula (with a configuration where the two
 * disagree), that became buildable or unbuildable, or that a newly
 * possible pair of values lets be built.  Returns the number of solves.
 */
size_t kc_diff_builds(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_diff_options *o,
		      const struct kc_diff_found *found,
		      struct kc_findings *out, struct kc_vec *witnesses);
/* diff_config.c: what 'cfg' becomes on NEW, against what it is on OLD. */
void kc_diff_config(const struct kc_model *old, const struct kc_model *new,
		    const struct kc_config *cfg, struct kc_findings *out);

#endif /* KC_ANALYSIS_INTERNAL_H */
