/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fix.c - the smallest change to a .config after which every line of it
 * survives resolution, every rule at or above a severity holds, and the
 * values and conditions wanted are there (an object's presence condition
 * is one: the object is built); provably smallest in the number of
 * symbols changed.
 *
 * The resolved configuration is a valid configuration of the SAT model.
 * Each bool or tristate symbol the .config sets, and each one with a
 * prompt it leaves alone, has a target: the value its line says, or the
 * value resolution gives it now.  An indicator literal says "this symbol
 * misses its target" (its line changes, or a line is added), and a
 * sequential counter over the indicators (Sinz, 2005: "at least j of the
 * first i", one direction of the implications is enough for an upper
 * bound) turns "at most k changes" into one assumption.  A first solve,
 * with the solver's phases on the targets, gives some fix with u changes;
 * the bound is then lowered below each fix found until the solver says no
 * fix that small exists: the last fix found is minimal, and the
 * unsatisfiable solve is the proof.
 *
 * A first fix comes from assuming every target and releasing the ones in
 * the solver's conflict until a solution exists, so the counter is only as
 * wide as that fix is large.
 *
 * Every change comes with its reason: with that one symbol at its target
 * and every other symbol as the fix has it, the model has no solution (or
 * a smaller fix would exist), and the minimal conflict of that solve (the
 * wants, rules, other lines and Kconfig constraints involved) says why.
 * Reasons are asked of small guarded instances widened a layer at a time,
 * as dead.c does; the search runs without guards.
 *
 * Without --shell, a symbol whose value rests on the build machine's
 * answers (compiler and tool probes: KC_SYM_BUILD_MACHINE) is a free input
 * of the SAT model, and resolution takes its line on trust.  Its line is a
 * fact about the machine the .config was made on, not a choice: a fix
 * keeps the line of such a symbol without a prompt (CC_HAS_IBT=y stays,
 * whatever a rule says of it), and may lower the line of one with a prompt
 * (the user can turn it off) but never raise it (the machine may not
 * offer it).  The first holds while everything the symbol's value
 * depends on (its dependencies, defaults, selects: kc_analysis_mentions)
 * keeps its value: a probe's answer may be combined with the user's
 * symbols (FTRACE_MCOUNT_USE_CC, HAS_LTO_CLANG), and when those change,
 * the solver may move it; where it goes only the machine knows, so such
 * a fix is not confirmed.  Both are goals, so a conflict names them.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "kc_rules.h"

/* A symbol the fix may change. */
struct slot {
	const struct kc_symbol *sym;
	const struct kc_assignment *line;	/* the .config's, or NULL */
	enum kc_tristate target;
	enum kc_tristate value;			/* in the fix found */
	int miss;				/* indicator: misses its target */
	bool pinned;	/* no line, kept by a line the fixed .config adds */
};

/*
 * A build machine's answer the fix keeps: sym stays at value (exact), or
 * at most at value (a symbol with a prompt).
 */
struct fact {
	const struct kc_symbol *sym;
	const struct kc_assignment *line;
	enum kc_tristate value;
	bool exact;
	struct kc_vec inputs;	/* const struct kc_symbol *: bool, tristate */
};

/* A hard goal: a want, a rule, a condition or a fact, switched by an
 * activation literal. */
struct goal {
	int act;
	const struct kc_fix_want *want;		/* or */
	const struct kc_rule *rule;		/* or */
	const struct kc_fix_cond *cond;		/* or */
	const struct fact *fact;
};

struct fixer {
	const struct kc_model *m;
	const struct kc_config *cfg;
	struct kc_sat *s;
	struct kc_eval *ev0;			/* the .config as it resolves now */
	struct slot *slots;
	size_t n_slots;
	struct goal *goals;
	size_t n_goals;
	struct fact *facts;
	size_t n_facts;
	int *count;				/* count[j]: at least j+1 miss */
	size_t bound;				/* counter outputs built */
	size_t solves;
};

static enum kc_tristate line_value(const struct kc_symbol *s,
				   const struct kc_assignment *a)
{
	if (a->raw[0] == 'y')
		return KC_YES;
	if (a->raw[0] == 'm')
		return s->type == KC_T_TRISTATE ? KC_MOD : KC_YES;
	return KC_NO;
}

/*
 * A symbol without variables is n in every configuration: "sym = v" is
 * then the constant true (1) or false (-1) literal.
 */
static int value_lit(struct kc_sat *s, const struct kc_symbol *sym,
		     enum kc_tristate v)
{
	int lits[2];
	size_t k = kc_sat_value_lits(s, sym, v, lits);

	if (!k)
		return v == KC_NO ? 1 : -1;
	return k == 2 ? kc_sat_and(s, lits[0], lits[1]) : lits[0];
}

/* Start the search at the targets: the first fix found is already close. */
static void target_phase(struct kc_sat *s, const struct kc_symbol *sym,
			 enum kc_tristate v)
{
	int m = kc_sat_symbol_lit(s, sym, KC_MOD);
	int y = kc_sat_symbol_lit(s, sym, KC_YES);

	if (m && m != y)
		kc_sat_set_phase(s, m, v != KC_NO);
	if (y)
		kc_sat_set_phase(s, y, v == KC_YES);
}

/* Does one of sym's own expressions name x? */
static bool names(const struct kc_symbol *sym, const struct kc_symbol *x)
{
	const struct kc_property *p;

	if (kc_expr_mentions(sym->dir_dep, x) ||
	    kc_expr_mentions(sym->rev_dep, x) ||
	    kc_expr_mentions(sym->implied, x))
		return true;
	for (p = sym->props; p; p = p->next)
		if (kc_expr_mentions(p->visible, x) ||
		    kc_expr_mentions(p->expr, x))
			return true;
	return false;
}

/* A trusted line of a build-machine symbol, and what its value rests on. */
static void make_fact(struct fixer *fx, const struct kc_symbol *sym,
		      const struct kc_assignment *a, enum kc_tristate value,
		      bool exact, unsigned char *seen)
{
	struct fact *ft = &fx->facts[fx->n_facts++];
	struct kc_vec added = KC_VEC_INIT;
	size_t i;

	ft->sym = sym;
	ft->line = a;
	ft->value = value;
	ft->exact = exact;
	kc_analysis_mentions(fx->m, sym, seen, &added);
	for (i = 0; i < added.len; i++) {
		const struct kc_symbol *x = added.items[i];

		seen[x->id] = 0;
		/*
		 * Every symbol mentions MODULES (what m means); a bool's
		 * value rests on it only where it is named, and releasing
		 * every fact when MODULES moves would let a fix turn it off.
		 */
		if (x == kc_model_modules(fx->m) && sym->type == KC_T_BOOL &&
		    !names(sym, x))
			continue;
		if (x != sym && (x->type == KC_T_BOOL || x->type == KC_T_TRISTATE))
			kc_vec_push(&ft->inputs, (void *)x);
	}
	kc_vec_free(&added);
}

/* The symbols that can miss their targets, with their indicators. */
static void make_slots(struct fixer *fx)
{
	size_t i, n = kc_sat_symbol_count(fx->s);
	unsigned char *seen = kc_xcalloc(kc_model_symbol_count(fx->m) + 1, 1);

	fx->slots = kc_xcalloc(n + 1, sizeof(*fx->slots));
	fx->facts = kc_xcalloc(n + 1, sizeof(*fx->facts));
	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(fx->s, i);
		const struct kc_assignment *a = kc_eval_user(fx->ev0, sym);
		bool prompt = kc_symbol_prompt(sym) != NULL;
		struct slot *sl;

		if (!a && !prompt) {
			/*
			 * No line, and none can be written.  conf writes no
			 * line for such a symbol that is n: a probe's answer
			 * is then what resolution gives it.
			 */
			if (sym->flags & KC_SYM_BUILD_MACHINE)
				make_fact(fx, sym, NULL,
					  kc_eval_tristate(fx->ev0, sym), true, seen);
			continue;
		}
		if (a && a->raw[0] != 'y' && a->raw[0] != 'm' &&
		    a->raw[0] != 'n')
			continue;
		if (a && kc_eval_trusted(fx->ev0, sym))
			make_fact(fx, sym, a, line_value(sym, a), !prompt, seen);
		sl = &fx->slots[fx->n_slots++];
		sl->sym = sym;
		sl->line = a;
		sl->target = a ? line_value(sym, a) :
				 kc_eval_tristate(fx->ev0, sym);
		sl->miss = -value_lit(fx->s, sym, sl->target);
		target_phase(fx->s, sym, sl->target);
	}
	free(seen);
}

/* "The rule holds", as a literal (prove.c asks the opposite). */
static int rule_holds(struct kc_sat *s, const struct kc_rule *r)
{
	struct kc_sat_tri e = kc_sat_expr(s, r->expr), c;

	switch (r->kind) {
	case KC_RULE_FORBID:
		return -e.m;
	case KC_RULE_REQUIRE:
		return e.m;
	default:
		c = kc_sat_expr(s, r->cond);
		return -kc_sat_and(s, c.m, -e.m);
	}
}

typedef int value_lit_fn(struct kc_sat *, const struct kc_symbol *,
			 enum kc_tristate);

/*
 * "The fact holds, or something its value rests on has changed", as a
 * literal; 0 when there is no bound.  In an explanation's instance 'lit'
 * (lit_of) gives 0 for a symbol the instance leaves out, and the goal is
 * left out too (which only relaxes the instance); in the whole model
 * (value_lit) every symbol has a literal, constant when it has no
 * variables.
 */
static int fact_holds(struct kc_sat *s, struct kc_eval *ev0,
		      const struct fact *ft, value_lit_fn *lit)
{
	int holds, l;
	size_t i;

	if (ft->exact || ft->value == KC_NO) {
		holds = lit(s, ft->sym, ft->value);
	} else if (ft->value == KC_MOD) {
		l = lit(s, ft->sym, KC_YES);
		holds = l ? -l : 0;
	} else {
		return 0;	/* at most y: no bound */
	}
	for (i = 0; holds && ft->exact && i < ft->inputs.len; i++) {
		const struct kc_symbol *x = ft->inputs.items[i];

		l = lit(s, x, kc_eval_tristate(ev0, x));
		holds = l ? kc_sat_or(s, holds, -l) : 0;
	}
	return holds;
}

static void make_goals(struct fixer *fx, const struct kc_fix_options *o)
{
	size_t i, nr = o->rules ? kc_rules_count(o->rules) : 0;

	fx->goals = kc_xcalloc(o->n_wants + nr + o->n_conds + fx->n_facts + 1,
			       sizeof(*fx->goals));
	for (i = 0; i < fx->n_facts; i++) {
		int lit = fact_holds(fx->s, fx->ev0, &fx->facts[i], value_lit);
		struct goal *g;

		if (!lit)
			continue;
		g = &fx->goals[fx->n_goals++];
		g->fact = &fx->facts[i];
		g->act = kc_sat_activation(fx->s, &lit, 1);
	}
	for (i = 0; i < o->n_wants; i++) {
		struct goal *g = &fx->goals[fx->n_goals++];
		int lit = value_lit(fx->s, o->wants[i].sym, o->wants[i].value);

		g->want = &o->wants[i];
		g->act = kc_sat_activation(fx->s, &lit, 1);
	}
	for (i = 0; i < nr; i++) {
		const struct kc_rule *r = kc_rules_at(o->rules, i);
		struct goal *g;
		int lit;

		if (r->status != KC_RULE_APPLIES || r->severity < o->min_severity)
			continue;
		lit = rule_holds(fx->s, r);
		g = &fx->goals[fx->n_goals++];
		g->rule = r;
		g->act = kc_sat_activation(fx->s, &lit, 1);
	}
	for (i = 0; i < o->n_conds; i++) {
		struct goal *g = &fx->goals[fx->n_goals++];
		int lit = kc_sat_expr(fx->s, o->conds[i].expr).y;

		g->cond = &o->conds[i];
		g->act = kc_sat_activation(fx->s, &lit, 1);
	}
}

/* ---- the counter ------------------------------------------------------ */

static int fresh(struct kc_sat *s)
{
	return kc_sat_activation(s, NULL, 0);
}

/*
 * count[j] -> "at least j+1 indicators are true" in the other direction:
 * every solution with j+1 true indicators makes count[j] true, so
 * assuming -count[k] allows at most k.  Built for bounds up to 'k'.
 */
static void make_counter(struct fixer *fx, size_t k)
{
	size_t i, j, width = k + 1;
	int *prev = kc_xcalloc(width, sizeof(int));
	int *cur = kc_xcalloc(width, sizeof(int));

	for (i = 0; i < fx->n_slots; i++) {
		int x = fx->slots[i].miss;

		for (j = 0; j < width; j++) {
			int c[3];

			cur[j] = fresh(fx->s);
			if (j == 0) {
				c[0] = -x;
				c[1] = cur[0];
				kc_sat_add_clause(fx->s, c, 2);
			} else if (prev[j - 1]) {
				c[0] = -x;
				c[1] = -prev[j - 1];
				c[2] = cur[j];
				kc_sat_add_clause(fx->s, c, 3);
			}
			if (prev[j]) {
				c[0] = -prev[j];
				c[1] = cur[j];
				kc_sat_add_clause(fx->s, c, 2);
			}
		}
		memcpy(prev, cur, width * sizeof(int));
	}
	fx->count = prev;
	fx->bound = fx->n_slots ? width : 0;
	free(cur);
}

/* ---- solving ---------------------------------------------------------- */

/* Solves with every goal, and at most 'k' changes unless k is (size_t)-1. */
static bool solve(struct fixer *fx, size_t k)
{
	size_t i, n = 0;
	int *as = kc_xcalloc(fx->n_goals + 2, sizeof(int));
	bool sat;

	for (i = 0; i < fx->n_goals; i++)
		as[n++] = fx->goals[i].act;
	if (k != (size_t)-1 && k < fx->bound)
		as[n++] = -fx->count[k];
	fx->solves++;
	sat = kc_sat_solve(fx->s, as, n) == 10;
	free(as);
	return sat;
}

static size_t take_solution(struct fixer *fx)
{
	size_t i, changes = 0;

	for (i = 0; i < fx->n_slots; i++) {
		struct slot *sl = &fx->slots[i];

		sl->value = kc_sat_value(fx->s, sl->sym);
		changes += sl->value != sl->target;
	}
	return changes;
}

/*
 * A first fix close to the targets, so that the counter stays narrow: all
 * slots assumed at their targets, and those in the solver's conflict
 * released, until a solution exists (it does: the unbounded solve found
 * one).  Returns its number of changes.
 */
static size_t first_fix(struct fixer *fx)
{
	int *as = kc_xcalloc(fx->n_slots + fx->n_goals + 1, sizeof(int));
	unsigned char *free_slot = kc_xcalloc(fx->n_slots + 1, 1);
	size_t i, n, released;

	for (;;) {
		n = 0;
		for (i = 0; i < fx->n_goals; i++)
			as[n++] = fx->goals[i].act;
		for (i = 0; i < fx->n_slots; i++)
			if (!free_slot[i])
				as[n++] = -fx->slots[i].miss;
		fx->solves++;
		if (kc_sat_solve(fx->s, as, n) == 10)
			break;
		for (i = 0, released = 0; i < fx->n_slots; i++)
			if (!free_slot[i] && kc_sat_failed(fx->s, -fx->slots[i].miss)) {
				free_slot[i] = 1;
				released++;
			}
		if (!released)
			break;	/* only the goals conflict: cannot happen here */
	}
	free(as);
	free(free_slot);
	return take_solution(fx);
}

/*
 * Lowers the bound below each fix found until no smaller fix exists.
 * Returns the number of changes of the minimal fix (its values in the
 * slots).
 */
static size_t minimise(struct fixer *fx, size_t u)
{
	size_t best = u;

	if (!best)
		return 0;
	make_counter(fx, best);
	while (best > 0 && solve(fx, best - 1))
		best = take_solution(fx);
	return best;
}

/* ---- reasons ---------------------------------------------------------- */

static const char *tri(enum kc_tristate v)
{
	return v == KC_YES ? "y" : v == KC_MOD ? "m" : "n";
}

static void note_slot(const struct fixer *fx, const struct slot *sl,
		      struct kc_finding *f)
{
	if (sl->value != sl->target)
		kc_finding_note(f, NULL, 0, "and %s changes to %s (another change of this fix)",
				sl->sym->name, tri(sl->value));
	else if (sl->line)
		kc_finding_note(f, fx->cfg->path, sl->line->line,
				"the .config keeps %s=%s", sl->sym->name,
				tri(sl->value));
	else
		kc_finding_note(f, NULL, 0, "%s stays %s", sl->sym->name,
				tri(sl->value));
}

static void note_goal(const struct fixer *fx, const struct goal *g,
		      struct kc_finding *f)
{
	if (g->fact && !g->fact->line)
		kc_finding_note(f, NULL, 0,
				"%s=%s (no line: as resolution gives it) comes from the build machine (compiler and tool probes, asked only with --shell): a fix keeps it while what it depends on keeps its values",
				g->fact->sym->name, tri(g->fact->value));
	else if (g->fact && g->fact->exact)
		kc_finding_note(f, fx->cfg->path, g->fact->line->line,
				"%s=%s comes from the build machine (compiler and tool probes, asked only with --shell): a fix keeps it while what it depends on keeps its values",
				g->fact->sym->name, tri(g->fact->value));
	else if (g->fact)
		kc_finding_note(f, fx->cfg->path, g->fact->line->line,
				"%s=%s rests on the build machine (compiler and tool probes, asked only with --shell): a fix may lower it, not raise it",
				g->fact->sym->name, tri(g->fact->value));
	else if (g->want)
		kc_finding_note(f, NULL, 0, "wanted: %s=%s", g->want->sym->name,
				tri(g->want->value));
	else if (g->cond)
		kc_finding_note(f, NULL, 0, "wanted: %s", g->cond->what);
	else
		kc_finding_note(f, g->rule->file, g->rule->line,
				"rule %s: %s", g->rule->id, g->rule->title);
}

/*
 * Explanations are asked of small instances, as dead.c does: the
 * constraints of the symbols marked only, the rest free, widened a layer
 * at a time until the question has no solution.  Each instance is a
 * relaxation of the model, so its minimal conflict is one of the model;
 * and the search itself runs without guards, which a whole kernel tree
 * makes slow.
 */
struct expl {
	struct kc_sat *g;
	int *keep;		/* per slot: "has its value in the fix", or 0 */
	int *goal;		/* per goal: its activation */
};

/* Notes for a minimal conflict: guards, slot activations, goals. */
static void note_core(const struct fixer *fx, const struct expl *x,
		      const int *core, size_t n, struct kc_finding *f)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *c = kc_sat_guard_symbol(x->g, core[i]);

		if (c) {
			kc_analysis_note_constraint(fx->m, c, f);
			continue;
		}
		for (j = 0; j < fx->n_slots; j++)
			if (x->keep[j] == core[i])
				note_slot(fx, &fx->slots[j], f);
		for (j = 0; j < fx->n_goals; j++)
			if (x->goal[j] == core[i])
				note_goal(fx, &fx->goals[j], f);
	}
}

static int lit_of(struct kc_sat *g, const struct kc_symbol *sym,
		  enum kc_tristate v)
{
	int lits[2];
	size_t k = kc_sat_value_lits(g, sym, v, lits);

	if (!k)
		return 0;
	return k == 2 ? kc_sat_and(g, lits[0], lits[1]) : lits[0];
}

/*
 * In the instance of the marked symbols: slot 'which' at its target (none
 * when which is n_slots), every other marked slot as the fix has it, every
 * goal.  True, with notes, when that has no solution.
 */
static bool explain_in(struct fixer *fx, const unsigned char *mark,
		       size_t which, struct kc_finding *f)
{
	struct expl x = { kc_sat_new_subset(fx->m, mark, true),
			  kc_xcalloc(fx->n_slots + 1, sizeof(int)),
			  kc_xcalloc(fx->n_goals + 1, sizeof(int)) };
	int *extra = kc_xcalloc(fx->n_slots + fx->n_goals + 1, sizeof(int));
	int q = 0, *core = NULL, lit;
	size_t i, n = 0, nc;

	if (which < fx->n_slots)
		q = lit_of(x.g, fx->slots[which].sym, fx->slots[which].target);
	for (i = 0; i < fx->n_slots; i++) {
		const struct slot *sl = &fx->slots[i];

		/* Without a fix (which == n_slots) no slot has a value. */
		if (i == which || which == fx->n_slots || !mark[sl->sym->id])
			continue;
		lit = lit_of(x.g, sl->sym, sl->value);
		if (lit)
			extra[n++] = x.keep[i] = kc_sat_activation(x.g, &lit, 1);
	}
	for (i = 0; i < fx->n_goals; i++) {
		const struct goal *gl = &fx->goals[i];

		if (gl->fact)
			lit = fact_holds(x.g, fx->ev0, gl->fact, lit_of);
		else if (gl->want)
			lit = lit_of(x.g, gl->want->sym, gl->want->value);
		else if (gl->cond)
			lit = kc_sat_expr(x.g, gl->cond->expr).y;
		else
			lit = rule_holds(x.g, gl->rule);
		if (lit)
			extra[n++] = x.goal[i] = kc_sat_activation(x.g, &lit, 1);
	}
	nc = kc_analysis_core(x.g, NULL, &q, q ? 1 : 0, extra, n, &core);
	if (core)
		note_core(fx, &x, core, nc, f);
	free(core);
	free(extra);
	free(x.keep);
	free(x.goal);
	kc_sat_free(x.g);
	return core != NULL;
}

static void mark_symbol(unsigned char *mark, const struct kc_symbol *s)
{
	if (s && !(s->flags & KC_SYM_CONST)) {
		mark[s->id] = 1;
		if (s->choice)
			mark[s->choice->id] = 1;
	}
}

static void mark_expr(unsigned char *mark, const struct kc_expr *e)
{
	if (!e)
		return;
	switch (e->op) {
	case KC_E_NOT:
		mark_expr(mark, e->sub[0]);
		break;
	case KC_E_AND:
	case KC_E_OR:
		mark_expr(mark, e->sub[0]);
		mark_expr(mark, e->sub[1]);
		break;
	case KC_E_SYMBOL:
		mark_symbol(mark, e->sym[0]);
		break;
	default:
		mark_symbol(mark, e->sym[0]);
		mark_symbol(mark, e->sym[1]);
		break;
	}
}

/* The symbols whose constraints mention s (a select's targets, say). */
static void mark_users(const struct kc_model *m, const struct kc_symbol *s,
		       unsigned char *mark)
{
	size_t i, j, n = kc_model_symbol_count(m);
	unsigned char *seen = kc_xcalloc(n + 1, 1);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *x = kc_model_symbol(m, i);
		struct kc_vec added = KC_VEC_INIT;

		kc_analysis_mentions(m, x, seen, &added);
		for (j = 0; j < added.len; j++) {
			const struct kc_symbol *y = added.items[j];

			seen[y->id] = 0;
			if (y == s)
				mark_symbol(mark, x);
		}
		kc_vec_free(&added);
	}
	free(seen);
}

/* Seeds: the question's symbol and its users, the goals, the changes. */
static unsigned char *seed(struct fixer *fx, size_t which)
{
	unsigned char *mark = kc_xcalloc(kc_model_symbol_count(fx->m) + 1, 1);
	size_t i;

	if (which < fx->n_slots) {
		mark_symbol(mark, fx->slots[which].sym);
		mark_users(fx->m, fx->slots[which].sym, mark);
	}
	for (i = 0; i < fx->n_slots; i++)
		if (fx->slots[i].value != fx->slots[i].target)
			mark_symbol(mark, fx->slots[i].sym);
	for (i = 0; i < fx->n_goals; i++) {
		if (fx->goals[i].fact) {
			continue;	/* marked when a layer reaches it */
		} else if (fx->goals[i].want) {
			mark_symbol(mark, fx->goals[i].want->sym);
		} else if (fx->goals[i].cond) {
			mark_expr(mark, fx->goals[i].cond->expr);
		} else {
			mark_expr(mark, fx->goals[i].rule->expr);
			mark_expr(mark, fx->goals[i].rule->cond);
		}
	}
	return mark;
}

static bool explain(struct fixer *fx, size_t which, struct kc_finding *f)
{
	unsigned char *mark = seed(fx, which);
	bool found;

	while (!(found = explain_in(fx, mark, which, f)) &&
	       kc_analysis_grow(fx->m, mark))
		fx->solves++;
	free(mark);
	return found;
}

/* Why slot 'which' cannot keep its target while the others are as fixed. */
static void note_reason(struct fixer *fx, size_t which, struct kc_finding *f)
{
	if (!explain(fx, which, f))
		kc_finding_note(f, NULL, 0,
				"another fix of the same size keeps it: this one was found first");
}

static void report_changes(struct fixer *fx, struct kc_fix *out)
{
	size_t i;

	for (i = 0; i < fx->n_slots; i++) {
		const struct slot *sl = &fx->slots[i];
		const struct kc_menu *e = kc_analysis_entry(sl->sym);
		struct kc_finding *f;

		if (sl->value == sl->target)
			continue;
		f = kc_findings_add(&out->changes, KC_RULE_FIX_CHANGE,
				    KC_SEV_NOTE, sl->sym->name,
				    sl->line ? fx->cfg->path :
					       e ? e->file : NULL,
				    sl->line ? sl->line->line :
					       e ? e->line : 0,
				    sl->line ? "%s=%s becomes %s=%s" :
					       "%s (now %s, not set) is set to %s=%s",
				    sl->sym->name, tri(sl->target),
				    sl->sym->name, tri(sl->value));
		f->assigned = kc_xstrdup(tri(sl->target));
		f->resolved = kc_xstrdup(tri(sl->value));
		note_reason(fx, i, f);
	}
}

/* ---- no fix ----------------------------------------------------------- */

static void report_conflict(struct fixer *fx, struct kc_fix *out)
{
	struct kc_finding *f;

	f = kc_findings_add(&out->conflict, KC_RULE_FIX_NONE, KC_SEV_ERROR,
			    NULL, fx->cfg->path, 0,
			    "no change to the .config gives what is asked: these constraints conflict in every configuration");
	explain(fx, fx->n_slots, f);
}

/* ---- the fixed .config ------------------------------------------------ */

static const struct slot *slot_of(const struct fixer *fx,
				  const struct kc_symbol *s)
{
	size_t i;

	for (i = 0; i < fx->n_slots; i++)
		if (fx->slots[i].sym == s)
			return &fx->slots[i];
	return NULL;
}

static void line_text(struct kc_buf *b, const char *prefix, const char *name,
		      enum kc_tristate v)
{
	if (v == KC_NO)
		kc_buf_addf(b, "# %s%s is not set\n", prefix, name);
	else
		kc_buf_addf(b, "%s%s=%s\n", prefix, name, tri(v));
}

/*
 * The .config's lines with the changed ones rewritten and the new ones
 * added: what merge_config.sh makes of the .config and the fragment.
 */
static void fixed_lines(const struct fixer *fx, const char *prefix,
			struct kc_buf *text, struct kc_buf *fragment)
{
	size_t i;

	for (i = 0; i < fx->cfg->len; i++) {
		const struct kc_assignment *a = &fx->cfg->items[i];
		const struct kc_symbol *s = kc_model_lookup(fx->m, a->name);
		const struct slot *sl = s ? slot_of(fx, s) : NULL;

		if (sl && sl->value != sl->target)
			continue;
		if (a->kind == KC_ASSIGN_NOT_SET)
			kc_buf_addf(text, "# %s%s is not set\n", prefix, a->name);
		else
			kc_buf_addf(text, "%s%s=%s\n", prefix, a->name, a->raw);
	}
	for (i = 0; i < fx->n_slots; i++) {
		const struct slot *sl = &fx->slots[i];

		if (sl->value == sl->target && !sl->pinned)
			continue;
		line_text(text, prefix, sl->sym->name, sl->value);
		line_text(fragment, prefix, sl->sym->name, sl->value);
	}
}

/*
 * A symbol the .config leaves alone keeps the value it has now in the
 * fix; without a line, resolution of the fixed .config gives it its
 * default under the new values, which can differ (a driver the change
 * makes visible, default y).  Such symbols get a line that keeps their
 * value (no change of value: not counted), until resolution gives every
 * value of the fix.  Returns the evaluation of the last text.
 */
static struct kc_eval *pin_defaults(struct fixer *fx, const char *prefix,
				    struct kc_buf *text, struct kc_buf *frag,
				    struct kc_config **c, struct kc_diags *d)
{
	struct kc_eval *ev = NULL;
	size_t i, round, pinned = 1;

	for (round = 0; round < 20 && pinned; round++) {
		kc_buf_reset(text);
		kc_buf_reset(frag);
		fixed_lines(fx, prefix, text, frag);
		kc_eval_free(ev);
		kc_config_free(*c);
		*c = kc_config_parse(fx->cfg->path, kc_buf_str(text), text->len,
				     prefix, d);
		ev = kc_eval_new(fx->m, *c, NULL);
		for (i = 0, pinned = 0; i < fx->n_slots; i++) {
			struct slot *sl = &fx->slots[i];

			if (sl->line || sl->pinned || sl->value != sl->target ||
			    kc_eval_tristate(ev, sl->sym) == sl->value)
				continue;
			sl->pinned = true;
			pinned++;
		}
	}
	return ev;
}

/*
 * The fact holds in ev.  One whose inputs moved was free to move too, but
 * only the machine knows where it goes: a fix that moves it is not
 * confirmed.
 */
static bool fact_confirmed(struct kc_eval *ev, const struct fact *ft)
{
	enum kc_tristate v = kc_eval_tristate(ev, ft->sym);

	return ft->exact ? v == ft->value : v <= ft->value;
}

/* Resolution confirms the fix: every line survives, every goal holds. */
static bool confirmed(const struct fixer *fx, struct kc_eval *ev)
{
	size_t i;

	for (i = 0; i < fx->n_slots; i++) {
		const struct slot *sl = &fx->slots[i];
		bool has_line = sl->line || sl->pinned ||
				sl->value != sl->target;

		if (has_line && kc_eval_tristate(ev, sl->sym) != sl->value)
			return false;
	}
	for (i = 0; i < fx->n_goals; i++) {
		const struct goal *g = &fx->goals[i];

		if (g->want &&
		    kc_eval_tristate(ev, g->want->sym) != g->want->value)
			return false;
		if (g->fact && !fact_confirmed(ev, g->fact))
			return false;
		if (g->rule && kc_analysis_rule_broken(ev, g->rule))
			return false;
		if (g->cond && kc_eval_expr(ev, g->cond->expr) != KC_YES)
			return false;
	}
	return true;
}

static void write_fixed(struct fixer *fx, const char *prefix,
			struct kc_fix *out)
{
	struct kc_buf text = KC_BUF_INIT, frag = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c = NULL;
	struct kc_eval *ev;

	ev = pin_defaults(fx, prefix, &text, &frag, &c, &d);
	out->confirmed = confirmed(fx, ev);
	kc_buf_reset(&text);
	kc_eval_write_config(ev, prefix, &text);
	out->config = kc_buf_detach(&text);
	out->fragment = kc_buf_detach(&frag);
	kc_eval_free(ev);
	kc_config_free(c);
	kc_diags_free(&d);
}

/* ---- the whole fix ---------------------------------------------------- */

void kc_analysis_fix(const struct kc_model *m, const struct kc_config *cfg,
		     const struct kc_fix_options *o, struct kc_fix *out)
{
	struct fixer fx = { 0 };
	size_t u, i;

	memset(out, 0, sizeof(*out));
	fx.m = m;
	fx.cfg = cfg;
	fx.s = kc_sat_new(m, false);
	fx.ev0 = kc_eval_new(m, cfg, NULL);
	make_slots(&fx);
	make_goals(&fx, o);
	if (!solve(&fx, (size_t)-1)) {
		report_conflict(&fx, out);
		goto out;
	}
	out->found = true;
	u = first_fix(&fx);
	out->n_changes = minimise(&fx, u);
	/* minimise() left the slots on the last fix it found. */
	report_changes(&fx, out);
	write_fixed(&fx, o->prefix ? o->prefix : "CONFIG_", out);
out:
	out->solves = fx.solves;
	free(fx.count);
	free(fx.slots);
	free(fx.goals);
	for (i = 0; i < fx.n_facts; i++)
		kc_vec_free(&fx.facts[i].inputs);
	free(fx.facts);
	kc_eval_free(fx.ev0);
	kc_sat_free(fx.s);
}

void kc_fix_free(struct kc_fix *f)
{
	kc_findings_free(&f->changes);
	kc_findings_free(&f->conflict);
	free(f->config);
	free(f->fragment);
	memset(f, 0, sizeof(*f));
}
