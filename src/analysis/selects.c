/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selects.c - "select" forcing a symbol on while its own dependencies are
 * unmet, in some valid configuration: the case the kernel reports as
 * "WARNING: unmet direct dependencies detected", but found for every
 * configuration at once instead of for one .config.
 *
 * A select's contribution is "SELECTOR && its visibility"; it breaks its
 * target T when it exceeds T's direct dependency (as tristates; with
 * MODULES n both read m as y).  Each answer comes with a witness that the
 * evaluator confirms: resolving the witness gives the unmet dependency.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

struct sel {
	const struct kc_symbol *by, *target;
	const struct kc_property *prop;
	bool done;
};

/* "contribution > direct dependency" for one select, as a literal. */
static int breaks(struct kc_sat *s, const struct sel *x)
{
	struct kc_sat_tri term, dir;
	int lm = kc_sat_symbol_lit(s, x->by, KC_MOD);
	int ly = kc_sat_symbol_lit(s, x->by, KC_YES);
	struct kc_sat_tri vis = kc_sat_expr(s, x->prop->visible);
	int m_case, y_case;

	term.m = kc_sat_and(s, lm, vis.m);
	term.y = kc_sat_and(s, ly, vis.y);
	dir = kc_sat_expr(s, x->target->dir_dep);
	m_case = kc_sat_and(s, term.m, -dir.m);
	if (x->target->type != KC_T_TRISTATE)
		return m_case;
	y_case = kc_sat_and(s, kc_sat_and(s, term.y, -dir.y),
			    kc_sat_modules(s));
	return kc_sat_or(s, m_case, y_case);
}

/* Does the evaluator, on this witness, see x's target selected past its
 * dependencies by x's selector? */
static bool confirmed(struct kc_witness *w, const struct sel *x)
{
	enum kc_tristate by = kc_eval_tristate(w->ev, x->by);
	enum kc_tristate vis = kc_eval_expr(w->ev, x->prop->visible);
	enum kc_tristate term = by < vis ? by : vis;
	enum kc_tristate dir = kc_eval_dir_dep(w->ev, x->target);

	if (kc_eval_type(w->ev, x->target) == KC_T_BOOL && term == KC_MOD)
		term = KC_YES;
	return term > dir;
}

static void report(const struct kc_model *m, struct kc_witness *w,
		   const struct sel *x, struct kc_findings *out,
		   struct kc_vec *witnesses)
{
	struct kc_buf e = KC_BUF_INIT, text = KC_BUF_INIT;
	const struct kc_menu *te = kc_analysis_entry(x->target);
	struct kc_finding *f;

	f = kc_findings_add(out, KC_RULE_SELECT_UNMET, KC_SEV_WARNING,
			    x->target->name, x->prop->file, x->prop->line,
			    "%s selects %s, which can then be %s while its dependencies are %s",
			    x->by->name, x->target->name,
			    kc_eval_string(w->ev, x->target),
			    kc_eval_dir_dep(w->ev, x->target) == KC_NO ? "unmet" : "only m");
	kc_expr_print(x->target->dir_dep, &e);
	kc_finding_note(f, te ? te->file : NULL, te ? te->line : 0,
			"%s depends on %s", x->target->name, kc_buf_str(&e));
	kc_finding_note(f, NULL, 0,
			"witness: %s=%s, %s=%s, and the dependencies of %s evaluate to %c",
			x->by->name, kc_eval_string(w->ev, x->by),
			x->target->name, kc_eval_string(w->ev, x->target),
			x->target->name,
			"nmy"[kc_eval_dir_dep(w->ev, x->target)]);
	if (witnesses) {
		kc_witness_write(w, &text);
		kc_vec_push(witnesses, kc_buf_detach(&text));
	}
	kc_buf_free(&e);
}

static void collect(const struct kc_model *m, struct kc_vec *sels)
{
	size_t i, n = kc_model_symbol_count(m);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *by = kc_model_symbol(m, i);
		const struct kc_property *p;

		for (p = by->props; p; p = p->next) {
			const struct kc_symbol *t;
			struct sel *x;

			if (p->kind != KC_P_SELECT)
				continue;
			t = p->expr->sym[0];
			/* No dependency means nothing to break. */
			if (!t->dir_dep || t->choice ||
			    !(t->flags & KC_SYM_DEFINED) ||
			    (t->type != KC_T_BOOL && t->type != KC_T_TRISTATE) ||
			    (by->type != KC_T_BOOL && by->type != KC_T_TRISTATE))
				continue;
			x = kc_xcalloc(1, sizeof(*x));
			x->by = by;
			x->target = t;
			x->prop = p;
			kc_vec_push(sels, x);
		}
	}
}

void kc_analysis_selects(const struct kc_model *m, struct kc_findings *out,
			 struct kc_vec *witnesses, struct kc_analysis_stats *st)
{
	struct kc_sat *s = kc_sat_new(m, false);
	struct kc_vec sels = KC_VEC_INIT;
	size_t i, j, solves = 0;

	collect(m, &sels);
	for (i = 0; i < sels.len; i++) {
		struct sel *x = sels.items[i];
		struct kc_witness w;
		int lit;

		if (x->done)
			continue;
		lit = breaks(s, x);
		solves++;
		if (kc_sat_solve(s, &lit, 1) != 10) {
			x->done = true;
			continue;
		}
		kc_witness_from_sat(m, s, &w);
		/* One witness may show several selects at once. */
		for (j = i; j < sels.len; j++) {
			struct sel *y = sels.items[j];

			if (!y->done && confirmed(&w, y)) {
				y->done = true;
				report(m, &w, y, out, witnesses);
			}
		}
		/*
		 * Unconfirmed: the solver's int/hex/string comparisons (free
		 * atoms) promised more than the evaluator gives.  Left out.
		 */
		x->done = true;
		kc_witness_free(&w);
	}
	if (st) {
		st->variables = kc_sat_variables(s);
		st->clauses = kc_sat_clauses(s);
		st->solves = solves;
	}
	for (i = 0; i < sels.len; i++)
		free(sels.items[i]);
	kc_vec_free(&sels);
	kc_sat_free(s);
}
