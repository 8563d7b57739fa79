/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff_values.c - what a Kconfig change did to the values a valid
 * configuration can have: both models in the SAT solver, the question
 * "is S=v possible" asked of each, for every symbol in the cone of
 * influence of what changed (the changed symbols, and every symbol whose
 * constraints mention one, transitively: nothing else can have moved), and
 * "are S=a and T=b possible together" for the pairs of symbols the change
 * touched directly, which is where a change that moves no single value
 * shows (two symbols that used to exclude each other).
 *
 * Every answer that differs comes with a witness .config from the side
 * where the value is possible; a value that became impossible also gets
 * the minimal conflict that now forbids it (explain).
 *
 * Each satisfiable solve shows many values at once: they are all recorded,
 * so most questions need no solve of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

#define DEFAULT_MAX_CONE 256
#define MAX_PAIR_SYMBOLS 24
/* In side.seen: every value of the symbol some solve could show, it has. */
#define COVERED 0x80u

/* One model and its solver, with what solves have shown possible. */
struct side {
	const struct kc_model *m;
	unsigned char *closure;	/* by symbol id: the symbols encoded */
	struct kc_sat *s;
	struct kc_eval *def;
	unsigned char *seen;	/* by symbol id: bit v when S=v was seen */
	const struct kc_symbol **pair_syms;	/* the pair symbols here */
	unsigned short *pairs;	/* [a * np + b]: bit 3*va+vb seen */
	size_t np;
	size_t solves;
};

/* The same symbol in both models, comparable by value. */
struct both {
	const struct kc_symbol *o, *n;
};

static bool comparable(const struct kc_symbol *o, const struct kc_symbol *n)
{
	return o && n && (o->flags & KC_SYM_DEFINED) &&
	       (n->flags & KC_SYM_DEFINED) && o->type == n->type &&
	       (o->type == KC_T_BOOL || o->type == KC_T_TRISTATE) &&
	       !o->choice && !n->choice;
}

/*
 * Every symbol the values of the symbols named in 'a' and 'b' can depend
 * on: their constraints, the constraints of what those mention, and so on
 * (kc_analysis_cone).  Nothing outside it is mentioned by a constraint in
 * it.
 */
static unsigned char *closure_of(const struct kc_model *m,
				 const struct kc_vec *a, const struct kc_vec *b)
{
	unsigned char *mark = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	const struct kc_vec *v[2] = { a, b };
	size_t i;
	int k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < v[k]->len; i++) {
			const struct kc_symbol *s = kc_model_lookup(m, v[k]->items[i]);

			if (s && !mark[s->id])
				kc_analysis_cone(m, s, mark);
		}
	return mark;
}

/*
 * The solver holds the constraints of the closure only.  A configuration
 * of the closure extends to a valid configuration of the whole model (the
 * symbols outside it resolved from it in dependency order, as conf does):
 * so a value is possible in the closure exactly when some valid
 * configuration of the whole model has it, and the closure of a change in
 * one Kconfig file is a small part of a kernel tree.
 */
static void side_init(struct side *sd, const struct kc_model *m,
		      unsigned char *closure)
{
	memset(sd, 0, sizeof(*sd));
	sd->m = m;
	sd->closure = closure;
	sd->s = kc_sat_new_subset(m, closure, false);
	sd->def = kc_eval_new(m, NULL, NULL);
	kc_sat_prefer_defaults(sd->s, sd->def);
	sd->seen = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
}

/* The pair symbols of this side; solves record their pairs from now on. */
static void side_pairs(struct side *sd, const struct kc_symbol **syms,
		       size_t np)
{
	sd->pair_syms = syms;
	sd->pairs = kc_xcalloc(np * np + 1, sizeof(*sd->pairs));
	sd->np = np;
}

static void side_free(struct side *sd)
{
	free(sd->seen);
	free(sd->pairs);
	kc_eval_free(sd->def);
	kc_sat_free(sd->s);
	free(sd->closure);
}

/* Records every value the current solution shows. */
static void record(struct side *sd)
{
	size_t i, j, n = kc_sat_symbol_count(sd->s);
	enum kc_tristate *pv = kc_xcalloc(sd->np + 1, sizeof(*pv));

	for (i = 0; i < n; i++) {
		const struct kc_symbol *x = kc_sat_symbol(sd->s, i);

		sd->seen[x->id] |= (unsigned char)(1u << kc_sat_value(sd->s, x));
	}
	for (i = 0; i < sd->np; i++)
		pv[i] = kc_sat_value(sd->s, sd->pair_syms[i]);
	for (i = 0; i < sd->np; i++)
		for (j = 0; j < sd->np; j++)
			sd->pairs[i * sd->np + j] |= 1u << (3 * pv[i] + pv[j]);
	free(pv);
}

/* Solves for x=vx (and y=vy when y is set); true when possible. */
static bool solve_for(struct side *sd, const struct kc_symbol *x,
		      enum kc_tristate vx, const struct kc_symbol *y,
		      enum kc_tristate vy)
{
	int lits[4];
	size_t n = kc_sat_value_lits(sd->s, x, vx, lits);

	if (y)
		n += kc_sat_value_lits(sd->s, y, vy, lits + n);
	sd->solves++;
	if (kc_sat_solve(sd->s, lits, n) != 10)
		return false;
	record(sd);
	return true;
}

static const char *tri(enum kc_tristate v)
{
	return v == KC_YES ? "y" : v == KC_MOD ? "m" : "n";
}

static int values(const struct kc_symbol *s)
{
	return s->type == KC_T_TRISTATE ? 3 : 2;
}

static enum kc_tristate value_at(const struct kc_symbol *s, int i)
{
	static const enum kc_tristate bool_v[] = { KC_NO, KC_YES };
	static const enum kc_tristate tri_v[] = { KC_NO, KC_MOD, KC_YES };

	return s->type == KC_T_TRISTATE ? tri_v[i] : bool_v[i];
}

static bool possible(struct side *sd, const struct kc_symbol *x,
		     enum kc_tristate v)
{
	if (sd->seen[x->id] & (1u << v))
		return true;
	if (sd->seen[x->id] & COVERED)
		return false;
	return solve_for(sd, x, v, NULL, KC_NO);
}

static int value_lit(struct kc_sat *s, const struct kc_symbol *x,
		     enum kc_tristate v)
{
	int lits[2];
	size_t n = kc_sat_value_lits(s, x, v, lits);

	return n == 2 ? kc_sat_and(s, lits[0], lits[1]) : lits[0];
}

/* Turns the solver's next choices for x towards the value v. */
static void phase_towards(struct kc_sat *s, const struct kc_symbol *x,
			  enum kc_tristate v)
{
	int m = kc_sat_symbol_lit(s, x, KC_MOD);
	int y = kc_sat_symbol_lit(s, x, KC_YES);

	if (m != y)
		kc_sat_set_phase(s, m, v != KC_NO);
	kc_sat_set_phase(s, y, v == KC_YES);
}

/* Turns the solver's next choice for every symbol towards the value v. */
static void phase_all(struct kc_sat *s, enum kc_tristate v)
{
	size_t i, n = kc_sat_symbol_count(s);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *x = kc_sat_symbol(s, i);

		/* m needs MODULES=y, and lets bool symbols be on. */
		phase_towards(s, x, x->type == KC_T_BOOL && v == KC_MOD ?
					    KC_YES : v);
	}
}

/*
 * Every value of every symbol in 'syms' some valid configuration has, in
 * few solves.  For each value in turn (y, m, n), every symbol's phase is
 * turned towards it, and each solve asks for that value of any symbol no
 * solve has shown it for yet (one clause over all of them, switched on by
 * a fresh literal and off for good after): a solution shows many at once,
 * all recorded, and the first unsatisfiable solve proves every one still
 * unseen impossible.  The phases go back to the defaults after, for the
 * witnesses.
 */
static void cover(struct side *sd, const struct kc_symbol *const *syms,
		  size_t n)
{
	static const enum kc_tristate order[] = { KC_YES, KC_MOD, KC_NO };
	int *clause = kc_xcalloc(n + 2, sizeof(int));
	size_t i, k, pass;
	int act, r;

	for (pass = 0; pass < 3; pass++) {
		enum kc_tristate v = order[pass];

		phase_all(sd->s, v);
		for (;;) {
			k = 1;
			for (i = 0; i < n; i++)
				if (!(sd->seen[syms[i]->id] & (1u << v)) &&
				    (v != KC_MOD || syms[i]->type == KC_T_TRISTATE))
					clause[k++] = value_lit(sd->s, syms[i], v);
			if (k == 1)
				break;
			act = kc_sat_activation(sd->s, NULL, 0);
			clause[0] = -act;
			kc_sat_add_clause(sd->s, clause, k);
			sd->solves++;
			r = kc_sat_solve(sd->s, &act, 1);
			if (r == 10)
				record(sd);
			act = -act;
			kc_sat_add_clause(sd->s, &act, 1);
			if (r != 10)
				break;
		}
	}
	for (i = 0; i < n; i++)
		sd->seen[syms[i]->id] |= COVERED;
	kc_sat_prefer_defaults(sd->s, sd->def);
	free(clause);
}

static bool pair_possible(struct side *sd, size_t a, size_t b,
			  enum kc_tristate va, enum kc_tristate vb)
{
	if (sd->pairs[a * sd->np + b] & (1u << (3 * va + vb)))
		return true;
	return solve_for(sd, sd->pair_syms[a], va, sd->pair_syms[b], vb);
}

/* ---- the cone of influence -------------------------------------------- */

/* users[y]: the symbols whose constraints mention y (by symbol id). */
static struct kc_vec *users_of(const struct kc_model *m)
{
	size_t i, j, n = kc_model_symbol_count(m);
	struct kc_vec *users = kc_xcalloc(n + 1, sizeof(*users));
	unsigned char *mark = kc_xcalloc(n + 1, 1);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *x = kc_model_symbol(m, i);
		struct kc_vec added = KC_VEC_INIT;

		kc_analysis_mentions(m, x, mark, &added);
		for (j = 0; j < added.len; j++) {
			const struct kc_symbol *y = added.items[j];

			mark[y->id] = 0;
			if (y != x)
				kc_vec_push(&users[y->id], (void *)x);
		}
		kc_vec_free(&added);
	}
	free(mark);
	return users;
}

static void users_free(const struct kc_model *m, struct kc_vec *users)
{
	size_t i, n = kc_model_symbol_count(m);

	for (i = 0; i < n; i++)
		kc_vec_free(&users[i]);
	free(users);
}

struct cone {
	struct kc_map *seen;
	struct kc_vec names;	/* breadth first: nearest first */
	size_t max;
	bool truncated;
};

static void cone_add(struct cone *c, const char *name)
{
	if (!name || kc_map_get(c->seen, name))
		return;
	if (c->names.len >= c->max) {
		c->truncated = true;
		return;
	}
	kc_map_put(c->seen, name, (void *)name);
	kc_vec_push(&c->names, (void *)name);
}

/*
 * Breadth first over both models at once, so the cap keeps the symbols
 * nearest to the change on either side.
 */
static void cone_build(const struct kc_model *old, const struct kc_model *new,
		       const struct kc_vec *changed, struct cone *c)
{
	struct kc_vec *uo = users_of(old), *un = users_of(new);
	size_t i, j;

	for (i = 0; i < changed->len; i++)
		cone_add(c, changed->items[i]);
	for (i = 0; i < c->names.len; i++) {
		const struct kc_symbol *so = kc_model_lookup(old, c->names.items[i]);
		const struct kc_symbol *sn = kc_model_lookup(new, c->names.items[i]);

		for (j = 0; so && j < uo[so->id].len; j++)
			cone_add(c, ((struct kc_symbol *)uo[so->id].items[j])->name);
		for (j = 0; sn && j < un[sn->id].len; j++)
			cone_add(c, ((struct kc_symbol *)un[sn->id].items[j])->name);
	}
	users_free(old, uo);
	users_free(new, un);
}

/* ---- findings --------------------------------------------------------- */

static void push_witness(struct kc_vec *witnesses, struct kc_witness *w,
			 char *name)
{
	struct kc_buf text = KC_BUF_INIT;

	if (!witnesses) {
		free(name);
		return;
	}
	kc_witness_write(w, &text);
	kc_vec_push(witnesses, name);
	kc_vec_push(witnesses, kc_buf_detach(&text));
}

/*
 * The witness of the side where the query holds: the solver is put back
 * on it, the evaluator confirms it (a comparison of int, hex or string
 * symbols is free in the CNF and can promise too much).
 */
static void note_witness(struct side *sd, const struct kc_symbol *x,
			 enum kc_tristate vx, const struct kc_symbol *y,
			 enum kc_tristate vy, struct kc_finding *f,
			 struct kc_vec *witnesses, char *name)
{
	struct kc_witness w;
	bool ok;

	solve_for(sd, x, vx, y, vy);
	kc_witness_from_sat(sd->m, sd->s, &w);
	ok = kc_eval_tristate(w.ev, x) == vx &&
	     (!y || kc_eval_tristate(w.ev, y) == vy);
	if (!ok)
		kc_finding_note(f, NULL, 0,
				"the witness depends on comparisons of int, hex or string symbols, which the solver leaves free: resolution does not confirm it");
	kc_analysis_note_witness(f, &w, sd->m);
	push_witness(witnesses, &w, name);
	kc_witness_free(&w);
}

/* For a value NEW forbids: the minimal conflict, as explain gives it. */
static void note_conflict(const struct kc_model *new,
			  const struct kc_symbol *x, enum kc_tristate v,
			  struct kc_finding *f)
{
	struct kc_findings tmp = KC_FINDINGS_INIT;
	size_t i;

	kc_analysis_explain(new, x, v, NULL, &tmp, NULL);
	for (i = 0; tmp.len && i < tmp.items[0].n_notes; i++)
		kc_finding_note(f, tmp.items[0].notes[i].file,
				tmp.items[0].notes[i].line, "now: %s",
				tmp.items[0].notes[i].message);
	kc_findings_free(&tmp);
}

static void single_changed(struct side *so, struct side *sn,
			   const struct both *b, enum kc_tristate v, bool now,
			   struct kc_findings *out, struct kc_vec *witnesses)
{
	const struct kc_menu *e = kc_analysis_entry(b->n);
	struct kc_finding *f;

	f = kc_findings_add(out, now ? KC_RULE_DIFF_POSSIBLE :
				       KC_RULE_DIFF_IMPOSSIBLE,
			    now ? KC_SEV_NOTE : KC_SEV_WARNING, b->n->name,
			    e ? e->file : NULL, e ? e->line : 0,
			    now ? "%s=%s is newly possible: no valid configuration had it before the change" :
				  "%s=%s is no longer possible: some valid configuration had it before the change",
			    b->n->name, tri(v));
	if (now) {
		note_witness(sn, b->n, v, NULL, KC_NO, f, witnesses,
			     kc_xasprintf("possible-%s=%s", b->n->name, tri(v)));
		return;
	}
	note_conflict(sn->m, b->n, v, f);
	note_witness(so, b->o, v, NULL, KC_NO, f, witnesses,
		     kc_xasprintf("impossible-%s=%s", b->n->name, tri(v)));
}

/* Singles: every value of every symbol in the cone. */
static void diff_singles(struct side *so, struct side *sn,
			 const struct cone *c, unsigned char *moved,
			 struct kc_findings *out, struct kc_vec *witnesses)
{
	const struct kc_symbol **xo = kc_xcalloc(c->names.len + 1, sizeof(*xo));
	const struct kc_symbol **xn = kc_xcalloc(c->names.len + 1, sizeof(*xn));
	size_t i, n = 0;
	int k;

	for (i = 0; i < c->names.len; i++) {
		struct both b = { kc_model_lookup(so->m, c->names.items[i]),
				  kc_model_lookup(sn->m, c->names.items[i]) };

		if (comparable(b.o, b.n)) {
			xo[n] = b.o;
			xn[n++] = b.n;
		}
	}
	cover(so, xo, n);
	cover(sn, xn, n);
	free(xo);
	free(xn);
	for (i = 0; i < c->names.len; i++) {
		struct both b = { kc_model_lookup(so->m, c->names.items[i]),
				  kc_model_lookup(sn->m, c->names.items[i]) };

		if (!comparable(b.o, b.n))
			continue;
		for (k = 0; k < values(b.n); k++) {
			enum kc_tristate v = value_at(b.n, k);
			bool po = possible(so, b.o, v), pn = possible(sn, b.n, v);

			if (po == pn)
				continue;
			moved[b.n->id] = 1;
			single_changed(so, sn, &b, v, pn, out, witnesses);
		}
	}
}

static void pair_changed(struct side *so, struct side *sn, size_t a, size_t b,
			 enum kc_tristate va, enum kc_tristate vb, bool now,
			 struct kc_findings *out, struct kc_vec *witnesses,
			 struct kc_diff_found *found)
{
	const struct kc_symbol *x = sn->pair_syms[a], *y = sn->pair_syms[b];
	const struct kc_menu *e = kc_analysis_entry(x);
	struct side *at = now ? sn : so;
	struct kc_finding *f;

	f = kc_findings_add(out, now ? KC_RULE_DIFF_POSSIBLE :
				       KC_RULE_DIFF_IMPOSSIBLE,
			    now ? KC_SEV_NOTE : KC_SEV_WARNING, x->name,
			    e ? e->file : NULL, e ? e->line : 0,
			    now ? "%s=%s together with %s=%s is newly possible: each was possible before the change, never both" :
				  "%s=%s together with %s=%s is no longer possible: each still is, but not both",
			    x->name, tri(va), y->name, tri(vb));
	note_witness(at, at->pair_syms[a], va, at->pair_syms[b], vb, f,
		     witnesses,
		     kc_xasprintf("%s-%s=%s-%s=%s",
				  now ? "possible" : "impossible", x->name,
				  tri(va), y->name, tri(vb)));
	if (now && found) {
		struct kc_diff_pair *p = kc_xcalloc(1, sizeof(*p));

		p->x = kc_xstrdup(x->name);
		p->y = kc_xstrdup(y->name);
		p->vx = va;
		p->vy = vb;
		kc_vec_push(&found->pairs, p);
	}
}

/* The pair symbols: touched, comparable, whose single values did not move. */
static size_t pair_symbols(const struct kc_model *old,
			   const struct kc_model *new,
			   const struct kc_vec *touched,
			   const unsigned char *moved,
			   const struct kc_symbol **po,
			   const struct kc_symbol **pn)
{
	size_t i, n = 0;

	for (i = 0; i < touched->len && n < MAX_PAIR_SYMBOLS; i++) {
		const struct kc_symbol *o = kc_model_lookup(old, touched->items[i]);
		const struct kc_symbol *s = kc_model_lookup(new, touched->items[i]);

		if (comparable(o, s) && !moved[s->id]) {
			po[n] = o;
			pn[n++] = s;
		}
	}
	return n;
}

static void diff_pairs(struct side *so, struct side *sn,
		       struct kc_findings *out, struct kc_vec *witnesses,
		       struct kc_diff_found *found)
{
	size_t a, b, np = sn->np;
	int ka, kb;

	for (a = 0; a < np; a++)
		for (b = a + 1; b < np; b++)
			for (ka = 0; ka < values(sn->pair_syms[a]); ka++)
				for (kb = 0; kb < values(sn->pair_syms[b]); kb++) {
					enum kc_tristate va = value_at(sn->pair_syms[a], ka);
					enum kc_tristate vb = value_at(sn->pair_syms[b], kb);
					bool po, pn;

					/* Only values each side has alone. */
					if (!possible(so, so->pair_syms[a], va) ||
					    !possible(so, so->pair_syms[b], vb))
						continue;
					po = pair_possible(so, a, b, va, vb);
					pn = pair_possible(sn, a, b, va, vb);
					if (po != pn)
						pair_changed(so, sn, a, b, va, vb,
							     pn, out, witnesses,
							     found);
				}
}

void kc_diff_found_free(struct kc_diff_found *f)
{
	size_t i;

	for (i = 0; i < f->cone.len; i++)
		free(f->cone.items[i]);
	for (i = 0; i < f->pairs.len; i++) {
		struct kc_diff_pair *p = f->pairs.items[i];

		free(p->x);
		free(p->y);
		free(p);
	}
	kc_vec_free(&f->cone);
	kc_vec_free(&f->pairs);
}

size_t kc_diff_values(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_vec *changed,
		      const struct kc_vec *touched, size_t max_cone,
		      struct kc_findings *out, struct kc_vec *witnesses,
		      struct kc_diff_found *found)
{
	struct cone c = { kc_map_new(64), KC_VEC_INIT,
			  max_cone ? max_cone : DEFAULT_MAX_CONE, false };
	const struct kc_symbol *po[MAX_PAIR_SYMBOLS], *pn[MAX_PAIR_SYMBOLS];
	unsigned char *moved = kc_xcalloc(kc_model_symbol_count(new) + 1, 1);
	struct side so, sn;
	size_t np, solves;

	cone_build(old, new, changed, &c);
	side_init(&so, old, closure_of(old, &c.names, touched));
	side_init(&sn, new, closure_of(new, &c.names, touched));
	diff_singles(&so, &sn, &c, moved, out, witnesses);
	/* A symbol whose own values moved has said so already. */
	np = pair_symbols(old, new, touched, moved, po, pn);
	side_pairs(&so, po, np);
	side_pairs(&sn, pn, np);
	diff_pairs(&so, &sn, out, witnesses, found);
	if (c.truncated)
		kc_findings_add(out, KC_RULE_DIFF_CONE, KC_SEV_NOTE, NULL, NULL,
				0,
				"the cone of influence of the change was cut at its %zu symbols nearest to it (the values of the others were not compared)",
				c.names.len);
	solves = so.solves + sn.solves;
	for (np = 0; found && np < c.names.len; np++)
		kc_vec_push(&found->cone, kc_xstrdup(c.names.items[np]));
	if (found) {
		found->cone_truncated = c.truncated;
		/* cone_build() put the changed symbols first */
		found->n_changed = changed->len < c.names.len ? changed->len :
								 c.names.len;
	}
	side_free(&so);
	side_free(&sn);
	kc_vec_free(&c.names);
	kc_map_free(c.seen);
	free(moved);
	return solves;
}
