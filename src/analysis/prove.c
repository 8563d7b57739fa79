/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prove.c - policy rules against Kconfig itself: for each rule, either it
 * holds in every valid configuration, or here is a valid configuration
 * that breaks it, as close to the defaults as the solver finds.
 *
 * A kconfig-scope rule that can be broken is an error ("Kconfig allows
 * ..."): Kconfig was meant to make that impossible.  A config-scope rule
 * that can be broken is a note: a .config can get it wrong, which is what
 * `check` is for.  A rule no valid configuration satisfies, and a rule
 * that does not apply to this tree, are said as such.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "kc_rules.h"

/* "the rule is broken", as a literal. */
static int violation(struct kc_sat *s, const struct kc_rule *r)
{
	struct kc_sat_tri e = kc_sat_expr(s, r->expr), c;

	switch (r->kind) {
	case KC_RULE_FORBID:
		return e.m;
	case KC_RULE_REQUIRE:
		return -e.m;
	default:
		c = kc_sat_expr(s, r->cond);
		return kc_sat_and(s, c.m, -e.m);
	}
}

bool kc_analysis_rule_broken(struct kc_eval *ev, const struct kc_rule *r)
{
	enum kc_tristate e = kc_eval_expr(ev, r->expr);

	switch (r->kind) {
	case KC_RULE_FORBID:
		return e != KC_NO;
	case KC_RULE_REQUIRE:
		return e == KC_NO;
	default:
		return kc_eval_expr(ev, r->cond) != KC_NO && e == KC_NO;
	}
}

/*
 * Brings the solver's current witness closer to the defaults: for each
 * symbol that differs, ask whether the rule can still be broken with the
 * default value kept, and keep it if so.  Bounded: a good witness, not a
 * guaranteed smallest one.
 */
static void shrink(struct kc_sat *s, struct kc_eval *def, int viol,
		   struct kc_vec *kept)
{
	size_t i, n = kc_sat_symbol_count(s), tries = 0;
	enum kc_tristate *cur = kc_xcalloc(n + 1, sizeof(*cur));

	for (i = 0; i < n; i++)
		cur[i] = kc_sat_value(s, kc_sat_symbol(s, i));
	for (i = 0; i < n && tries < 40; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		enum kc_tristate d = kc_eval_tristate(def, sym);
		int lits[2], *as;
		size_t k, j, na;

		if (cur[i] == d)
			continue;
		tries++;
		k = kc_sat_value_lits(s, sym, d, lits);
		na = kept->len + k + 1;
		as = kc_xmalloc(na * sizeof(int));
		for (j = 0; j < kept->len; j++)
			as[j] = (int)(intptr_t)kept->items[j];
		memcpy(as + kept->len, lits, k * sizeof(int));
		as[na - 1] = viol;
		if (kc_sat_solve(s, as, na) == 10) {
			for (j = 0; j < k; j++)
				kc_vec_push(kept, (void *)(intptr_t)lits[j]);
			for (j = 0; j < n; j++)
				cur[j] = kc_sat_value(s, kc_sat_symbol(s, j));
		}
		free(as);
	}
	/* Leave the solver on the final witness. */
	{
		int *as = kc_xmalloc((kept->len + 1) * sizeof(int));

		for (i = 0; i < kept->len; i++)
			as[i] = (int)(intptr_t)kept->items[i];
		as[kept->len] = viol;
		kc_sat_solve(s, as, kept->len + 1);
		free(as);
	}
	free(cur);
}

static struct kc_finding *add(struct kc_findings *out, const struct kc_rule *r,
			      enum kc_severity sev, const char *fmt,
			      const char *a, const char *b)
{
	struct kc_finding *f = kc_findings_add(out, r->id, sev, NULL, r->file,
					       r->line, fmt, a, b);

	f->info = &r->info;
	if (r->applies_note)
		kc_finding_note(f, NULL, 0, "%s", r->applies_note);
	return f;
}

/*
 * With 'verdict_only', a broken rule's witness is neither brought closer
 * to the defaults nor written as notes: the verdict is the same.
 */
static void prove_rule(const struct kc_model *m, struct kc_sat *s,
		       struct kc_eval *def, const struct kc_rule *r,
		       bool verdict_only, struct kc_findings *out,
		       struct kc_vec *witnesses)
{
	bool kconfig = r->scope == KC_SCOPE_KCONFIG;
	struct kc_vec kept = KC_VEC_INIT;
	struct kc_witness w;
	struct kc_finding *f;
	int viol = violation(s, r), ok = -viol;

	if (kc_sat_solve(s, &ok, 1) != 10) {
		add(out, r, KC_SEV_WARNING,
		    "%s cannot be satisfied: no valid configuration of this tree obeys it (%s)",
		    r->id, r->title);
		return;
	}
	kc_sat_prefer_defaults(s, def);
	if (kc_sat_solve(s, &viol, 1) != 10) {
		add(out, r, KC_SEV_NOTE,
		    "%s holds in every valid configuration (%s)", r->id,
		    r->title);
		return;
	}
	if (!verdict_only)
		shrink(s, def, viol, &kept);
	kc_vec_free(&kept);
	kc_witness_from_sat(m, s, &w);
	if (!kc_analysis_rule_broken(w.ev, r)) {
		f = add(out, r, KC_SEV_WARNING,
			"%s: only the free int, hex or string comparisons let a configuration break it; not decided exactly (%s)",
			r->id, r->title);
		kc_witness_free(&w);
		return;
	}
	if (kconfig)
		f = add(out, r, KC_SEV_ERROR,
			"Kconfig allows a configuration that breaks %s (%s)",
			r->id, r->title);
	else
		f = add(out, r, KC_SEV_NOTE,
			"a .config can break %s (%s): a configuration error, for check to catch",
			r->id, r->title);
	if (!verdict_only)
		kc_analysis_note_witness(f, &w, m);
	if (witnesses) {
		struct kc_buf text = KC_BUF_INIT;

		/* Pairs: the rule id, then the witness .config. */
		kc_vec_push(witnesses, kc_xstrdup(r->id));
		kc_witness_write(&w, &text);
		kc_vec_push(witnesses, kc_buf_detach(&text));
	}
	kc_witness_free(&w);
}

/* The rules asked, each once; NULL 'which': all of them. */
static void prove_rules(const struct kc_model *m, struct kc_sat *s,
			const struct kc_rules *rules,
			const unsigned char *which, bool verdict_only,
			struct kc_findings *out, struct kc_vec *witnesses)
{
	struct kc_eval *def = kc_eval_new(m, NULL, NULL);
	size_t i, n = kc_rules_count(rules);

	for (i = 0; i < n; i++) {
		const struct kc_rule *r = kc_rules_at(rules, i);

		if (which && !which[i])
			continue;
		if (r->status == KC_RULE_NOT_APPLICABLE) {
			add(out, r, KC_SEV_NOTE, "%s does not apply here: %s",
			    r->id, r->why_not ? r->why_not : "");
			continue;
		}
		if (r->status != KC_RULE_APPLIES)
			continue;
		prove_rule(m, s, def, r, verdict_only, out, witnesses);
	}
	kc_eval_free(def);
}

void kc_analysis_prove(const struct kc_model *m, const struct kc_rules *rules,
		       struct kc_findings *out, struct kc_vec *witnesses,
		       struct kc_analysis_stats *st)
{
	struct kc_sat *s = kc_sat_new(m, false);

	prove_rules(m, s, rules, NULL, false, out, witnesses);
	if (st) {
		st->variables = kc_sat_variables(s);
		st->clauses = kc_sat_clauses(s);
	}
	kc_sat_free(s);
}

void kc_analysis_prove_some(const struct kc_model *m,
			    const struct kc_rules *rules,
			    const unsigned char *which, bool verdict_only,
			    struct kc_findings *out, struct kc_vec *witnesses)
{
	unsigned char *mark = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	size_t i, n = kc_rules_count(rules);
	struct kc_sat *s;

	for (i = 0; i < n; i++) {
		const struct kc_rule *r = kc_rules_at(rules, i);

		if (!which[i] || r->status != KC_RULE_APPLIES)
			continue;
		kc_analysis_cone_expr(m, r->expr, mark);
		kc_analysis_cone_expr(m, r->cond, mark);
	}
	s = kc_sat_new_subset(m, mark, false);
	prove_rules(m, s, rules, which, verdict_only, out, witnesses);
	kc_sat_free(s);
	free(mark);
}
