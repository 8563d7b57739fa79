/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * explain.c - why SYMBOL=VALUE is impossible: the query and, with a .config,
 * each of its assignments are assumptions; an unsatisfiable solve gives the
 * symbol constraints and assignments in conflict, minimised so that
 * dropping any one of them makes the value possible.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

static const char *tri_name(enum kc_tristate v)
{
	return v == KC_YES ? "y" : v == KC_MOD ? "m" : "n";
}

/* Activation literals for the .config's bool/tristate assignments. */
static size_t config_assumptions(struct kc_sat *s, const struct kc_model *m,
				 const struct kc_config *cfg, int *acts,
				 const struct kc_assignment **which)
{
	size_t i, n = 0;

	for (i = 0; cfg && i < cfg->len; i++) {
		const struct kc_assignment *a = &cfg->items[i];
		const struct kc_symbol *sym = kc_model_lookup(m, a->name);
		enum kc_tristate v;
		int lits[2];
		size_t k;

		if (!sym || (sym->type != KC_T_BOOL &&
			     sym->type != KC_T_TRISTATE))
			continue;
		if (a->kind == KC_ASSIGN_NOT_SET_LOOSE &&
		    !kc_model_legacy_conf(m))
			continue;	/* a comment to 6.12's conf */
		v = a->raw[0] == 'y' ? KC_YES :
		    a->raw[0] == 'm' && sym->type == KC_T_TRISTATE ? KC_MOD :
		    a->raw[0] == 'n' ? KC_NO : (enum kc_tristate)-1;
		if ((int)v < 0)
			continue;
		k = kc_sat_value_lits(s, sym, v, lits);
		if (!k)
			continue;
		acts[n] = kc_sat_activation(s, lits, k);
		which[n++] = a;
	}
	return n;
}

bool kc_analysis_explain(const struct kc_model *m,
			 const struct kc_symbol *sym, enum kc_tristate v,
			 const struct kc_config *cfg, struct kc_findings *out,
			 struct kc_analysis_stats *st)
{
	struct kc_sat *s = kc_sat_new(m, true);
	size_t na = cfg ? cfg->len : 0, nacts, i, k, nc;
	int *acts = kc_xcalloc(na + 1, sizeof(int)), *core = NULL;
	unsigned char *cone;
	const struct kc_assignment **which = kc_xcalloc(na + 1, sizeof(*which));
	const struct kc_menu *e = kc_analysis_entry(sym);
	struct kc_finding *f;
	int q[2];
	size_t nq = kc_sat_value_lits(s, sym, v, q);
	bool possible;

	nacts = config_assumptions(s, m, cfg, acts, which);
	/* The query's cone, and every assigned symbol's: they all interact. */
	cone = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	kc_analysis_cone(m, sym, cone);
	for (i = 0; i < nacts; i++) {
		const struct kc_symbol *x = kc_model_lookup(m, which[i]->name);

		if (x)
			kc_analysis_cone(m, x, cone);
	}
	nc = nq ? kc_analysis_core(s, cone, q, nq, acts, nacts, &core) : 0;
	free(cone);
	possible = nq && !core;
	if (possible) {
		struct kc_witness w;

		f = kc_findings_add(out, KC_RULE_POSSIBLE, KC_SEV_NOTE,
				    sym->name, e ? e->file : NULL,
				    e ? e->line : 0,
				    "%s=%s is possible%s", sym->name,
				    tri_name(v), cfg ? " with this .config" : "");
		kc_witness_from_sat(m, s, &w);
		kc_finding_note(f, NULL, 0,
				"for example where resolution gives %s=%s",
				sym->name, kc_eval_string(w.ev, sym));
		kc_witness_free(&w);
	} else {
		f = kc_findings_add(out, KC_RULE_IMPOSSIBLE, KC_SEV_ERROR,
				    sym->name, e ? e->file : NULL,
				    e ? e->line : 0,
				    "%s=%s is impossible%s", sym->name,
				    tri_name(v), cfg ? " with this .config" : "");
		if (!nq)
			kc_finding_note(f, NULL, 0,
					"%s has no variable: it is not a defined bool or tristate",
					sym->name);
		for (i = 0; i < nc; i++) {
			const struct kc_symbol *c = kc_sat_guard_symbol(s, core[i]);

			if (c) {
				kc_analysis_note_constraint(m, c, f);
				continue;
			}
			for (k = 0; k < nacts; k++)
				if (acts[k] == core[i])
					kc_finding_note(f, cfg->path,
							which[k]->line,
							"the .config sets %s=%s",
							which[k]->name,
							which[k]->raw);
		}
	}
	if (st) {
		st->variables = kc_sat_variables(s);
		st->clauses = kc_sat_clauses(s);
	}
	free(core);
	free(acts);
	free(which);
	kc_sat_free(s);
	return possible;
}
