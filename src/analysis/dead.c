/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dead.c - symbols that no valid configuration enables (dead), and bool or
 * tristate symbols that none disables (always on).
 *
 * The search runs on the model without guards (fewer variables, faster);
 * each answer is then explained on the guarded model: a minimal set of
 * symbol constraints that forbid the value.
 */
#include <stdlib.h>

#include "analysis_internal.h"

/*
 * The constraints that forbid 'sym' to be on (or off): a minimal conflict.
 * It is looked for among the constraints of sym and its neighbours first,
 * the rest of the model left free, widening the neighbourhood a layer at a
 * time until the value becomes impossible: most answers need only a few
 * symbols, and a small instance solves in microseconds.
 */
static void explain_value(const struct kc_model *m,
			  const struct kc_symbol *sym, bool on,
			  struct kc_finding *f)
{
	size_t nsym = kc_model_symbol_count(m);
	unsigned char *mark = kc_xcalloc(nsym + 1, 1);
	int *core = NULL;
	size_t i, n = 0;

	mark[sym->id] = 1;
	if (sym->choice)
		mark[sym->choice->id] = 1;
	for (;;) {
		struct kc_sat *g = kc_sat_new_subset(m, mark, true);
		int lit = kc_sat_symbol_lit(g, sym, KC_MOD);

		lit = on ? lit : -lit;
		n = kc_analysis_core(g, NULL, &lit, 1, NULL, 0, &core);
		for (i = 0; core && i < n; i++) {
			const struct kc_symbol *c =
				kc_sat_guard_symbol(g, core[i]);

			if (c)
				kc_analysis_note_constraint(m, c, f);
		}
		kc_sat_free(g);
		if (core || !kc_analysis_grow(m, mark))
			break;
	}
	free(core);
	free(mark);
}

void kc_analysis_dead(const struct kc_model *m, bool explain,
		      struct kc_findings *out, struct kc_analysis_stats *st)
{
	struct kc_sat *s = kc_sat_new(m, false);
	size_t i, n = kc_sat_symbol_count(s);
	unsigned char *on = kc_xcalloc(n + 1, 1), *off = kc_xcalloc(n + 1, 1);

	if (st) {
		st->variables = kc_sat_variables(s);
		st->clauses = kc_sat_clauses(s);
	}
	kc_sat_dead(s, on, off);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		const struct kc_menu *e = kc_analysis_entry(sym);
		struct kc_finding *f;

		if (on[i] && off[i])
			continue;
		if (!on[i] && !off[i]) {
			f = kc_findings_add(out, KC_RULE_DEAD, KC_SEV_ERROR,
					    sym->name, e ? e->file : NULL,
					    e ? e->line : 0,
					    "no valid configuration exists: the constraints around %s contradict each other",
					    sym->name);
		} else if (!on[i]) {
			f = kc_findings_add(out, KC_RULE_DEAD, KC_SEV_WARNING,
					    sym->name, e ? e->file : NULL,
					    e ? e->line : 0,
					    "%s is dead: no valid configuration enables it",
					    sym->name);
			if (explain)
				explain_value(m, sym, true, f);
		} else {
			f = kc_findings_add(out, KC_RULE_ALWAYS_ON, KC_SEV_NOTE,
					    sym->name, e ? e->file : NULL,
					    e ? e->line : 0,
					    "%s is always on: no valid configuration disables it",
					    sym->name);
			if (explain)
				explain_value(m, sym, false, f);
		}
	}
	free(on);
	free(off);
	kc_sat_free(s);
}
