/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff_builds.c - what a change did to the module builds, over every
 * configuration: the presence condition of each object and module in
 * scope (presence.c), on each side, in one decision diagram manager so
 * that a symbol of one name is one variable on both sides and two
 * conditions are the same formula exactly when they are the same number.
 *
 *  - A condition that changed as a formula (a Makefile change): the
 *    solver of NEW is asked for a valid configuration on which the two
 *    formulas disagree; it is resolved on OLD too, to say whether OLD's
 *    Kconfig allows it as well.
 *  - The same formula: what changed is which configurations can make it
 *    true.  Built in and built as a module are asked on each side; only
 *    conditions that read a symbol of the change's cone of influence can
 *    move (the values of every other symbol are what they were).
 *  - Each pair of values the value analysis found newly possible
 *    together: the objects and modules whose conditions read one of the
 *    two symbols and that can be built with both values, each with a
 *    witness, and those that cannot be built with them.
 *
 * Each side's solver holds the constraints of the closure of the symbols
 * the conditions read (as in diff_values.c), and every witness is resolved
 * by the evaluator, which must confirm what the solver promised.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "analysis_presence.h"
#include "kc_config.h"
#include "kc_sat.h"

/*
 * Makefile readings per side at most: the folders of a subsystem take a
 * hundred or so on linux-6.12 and linux-6.1; a tree whose top Makefiles
 * need more is left uncompared rather than slow.
 */
#define MAX_READINGS 300

/* One side: its presence conditions and its solver. */
struct bside {
	const struct kc_model *m;
	const char *label;		/* "OLD", "NEW" */
	struct presence_state ps;
	struct kc_vec notes;		/* presence.c's notes, unused */
	struct kc_eval *defaults;
	unsigned char *closure;
	struct kc_sat *s;
	struct cond_sat cs;		/* the conditions as literals of s */
	size_t solves;
	struct kc_map *fragments;	/* witness values -> fragment */
};

/* An object or module and its conditions on both sides. */
struct bitem {
	const char *name;
	bool is_module;
	int yo, mo, yn, mn;
};

struct bdiff {
	struct bside old, new;
	struct cond_mgr *c;
	struct kc_arena *a;		/* the caller's: outlives the findings */
	struct kc_map *cone;		/* symbol names of the cone */
	bool all_can_move;		/* the cone was cut: ask every item */
	struct kc_vec items;		/* struct bitem * */
	struct kc_findings *out;
	struct kc_vec *witnesses;
};

/* ---- conditions as literals ------------------------------------------------ */

/* This side's symbol of the name, when it has variables. */
static const struct kc_symbol *side_symbol(const struct bside *sd,
					   const char *name)
{
	const struct kc_symbol *s = kc_model_lookup(sd->m, name);

	if (!s || !(s->flags & KC_SYM_DEFINED) ||
	    (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE))
		return NULL;
	return s;
}

/* The condition f as a literal of this side's solver. */
static int encode(struct bside *sd, const struct cond_mgr *c, int f)
{
	return cond_sat_lit(&sd->cs, c, f);
}

/*
 * Solves with 'lits' assumed (the constants taken as they are): at most
 * two values of two literals each and one condition.
 */
#define MAX_ASSUMED 5

static bool solve(struct bside *sd, const int *lits, size_t n)
{
	int as[MAX_ASSUMED];
	size_t i, k = 0;

	if (n > MAX_ASSUMED)
		abort();	/* a caller's bug: the callers pass at most 5 */
	for (i = 0; i < n; i++) {
		if (lits[i] == COND_LIT_F)
			return false;
		if (lits[i] != COND_LIT_T)
			as[k++] = lits[i];
	}
	sd->solves++;
	return kc_sat_solve(sd->s, as, k) == 10;
}

/* ---- reading a configuration ---------------------------------------------- */

struct by_name {
	struct kc_eval *ev;
	const struct kc_model *m;
};

static enum kc_tristate value_by_name(void *ctx, const struct kc_symbol *s)
{
	const struct by_name *b = ctx;
	const struct kc_symbol *x = kc_model_lookup(b->m, s->name);

	return x ? kc_eval_tristate(b->ev, x) : KC_NO;
}

/* 'y' built in, 'm' in a module, 'n' not built. */
static char state_on(struct cond_mgr *c, int y, int m, struct kc_eval *ev,
		     const struct kc_model *model)
{
	struct by_name b = { ev, model };

	if (cond_eval(c, y, value_by_name, &b))
		return 'y';
	return cond_eval(c, m, value_by_name, &b) ? 'm' : 'n';
}

static const char *state_words(char st)
{
	return st == 'y' ? "built in" : st == 'm' ? "built as (or into) a module" :
						   "not built";
}

/* ---- the sides --------------------------------------------------------------- */

static void side_init(struct bside *sd, const struct kc_model *m,
		      const char *label, const struct kc_kbuild_options *kb,
		      struct bdiff *bd, struct kc_diags *d,
		      const char *const *under, size_t n_under)
{
	memset(sd, 0, sizeof(*sd));
	sd->m = m;
	sd->label = label;
	sd->defaults = kc_eval_new(m, NULL, NULL);
	sd->ps.m = m;
	sd->ps.kbuild = kb;
	sd->ps.defaults = sd->defaults;
	sd->ps.c = bd->c;
	sd->ps.a = bd->a;
	sd->ps.diags = d;
	sd->ps.under = under;
	sd->ps.n_under = n_under;
	sd->ps.notes = &sd->notes;
}

static void side_free(struct bside *sd)
{
	size_t i;

	for (i = 0; i < sd->notes.len; i++)
		free(sd->notes.items[i]);
	kc_vec_free(&sd->notes);
	kc_map_free(sd->ps.items);
	kc_vec_free(&sd->ps.item_list);
	kc_vec_free(&sd->ps.makefiles);
	kc_vec_free(&sd->ps.lines);
	kc_sat_free(sd->s);
	free(sd->closure);
	cond_sat_free(&sd->cs);
	kc_map_free(sd->fragments);
	kc_eval_free(sd->defaults);
}

/* The solver of the closure of the symbols 'syms' names. */
static void side_cone(struct bside *sd, const char *name)
{
	const struct kc_symbol *s = side_symbol(sd, name);

	if (s && !sd->closure[s->id])
		kc_analysis_cone(sd->m, s, sd->closure);
}

/*
 * The solver of one side, over the closure of the symbols the conditions
 * read and of the symbols of the pairs (a pair's value is assumed even
 * where no condition reads that symbol).
 */
static void side_solver(struct bside *sd, const struct kc_vec *syms,
			const struct kc_vec *pairs)
{
	size_t i;

	sd->closure = kc_xcalloc(kc_model_symbol_count(sd->m) + 1, 1);
	for (i = 0; i < syms->len; i++)
		side_cone(sd, ((const struct kc_symbol *)syms->items[i])->name);
	for (i = 0; i < pairs->len; i++) {
		const struct kc_diff_pair *p = pairs->items[i];

		side_cone(sd, p->x);
		side_cone(sd, p->y);
	}
	sd->s = kc_sat_new_subset(sd->m, sd->closure, false);
	cond_sat_init(&sd->cs, sd->s, sd->m);
	kc_sat_prefer_defaults(sd->s, sd->defaults);
	sd->fragments = kc_map_new(64);
}

/* ---- where an item is listed ------------------------------------------------- */

static char *dir_of(struct kc_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? kc_arena_strndup(a, path, (size_t)(slash - path)) :
		       kc_arena_strdup(a, ".");
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The "prefix-$(CONFIG_X) += ..." line of this side listing the item. */
static const struct presence_line *line_of(struct bdiff *bd,
					   const struct bside *sd,
					   const struct bitem *it)
{
	const char *dir = dir_of(bd->a, it->name);
	const char *base = base_of(it->name);
	char *word = it->is_module ? kc_xasprintf("%s.o", base) :
				     kc_xstrdup(base);
	const struct presence_line *found = NULL;
	size_t i, k;

	for (i = 0; i < sd->ps.lines.len && !found; i++) {
		const struct presence_line *l = sd->ps.lines.items[i];

		if (strcmp(l->dir, dir) ||
		    (it->is_module && strcmp(l->prefix, "obj-")))
			continue;
		for (k = 0; l->words[k] && !found; k++)
			if (!strcmp(l->words[k], word))
				found = l;
	}
	free(word);
	return found;
}

/* The Makefile (or Kbuild) this side read for the item's folder. */
static const char *makefile_of_item(struct bdiff *bd, const struct bside *sd,
				    const struct bitem *it)
{
	const char *dir = dir_of(bd->a, it->name);
	size_t i, n = strlen(dir);

	for (i = 0; i < sd->ps.makefiles.len; i++) {
		const char *p = sd->ps.makefiles.items[i];

		if (!strncmp(p, dir, n) && p[n] == '/' && !strchr(p + n + 1, '/'))
			return p;
	}
	return NULL;
}

static void note_line(struct kc_finding *f, const char *was_now,
		      const struct presence_line *l)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t k;

	kc_buf_addf(&b, "%s: %s$(CONFIG_%s) +=", was_now, l->prefix, l->symbol);
	for (k = 0; l->words[k]; k++)
		kc_buf_addf(&b, " %s", l->words[k]);
	kc_finding_note(f, l->file, l->line, "%s", kc_buf_str(&b));
	kc_buf_free(&b);
}

static const char *display(struct bdiff *bd, const struct bitem *it)
{
	char *t, *r;

	if (!it->is_module)
		return it->name;
	t = kc_xasprintf("%s.ko", it->name);
	r = kc_arena_strdup(bd->a, t);
	free(t);
	return r;
}

/* A finding placed on NEW's line for the item (else OLD's, else its Makefile). */
static struct kc_finding *item_finding(struct bdiff *bd, const struct bitem *it,
				       const char *rule, enum kc_severity sev,
				       const char *message)
{
	const struct presence_line *ln = line_of(bd, &bd->new, it);
	const struct presence_line *lo = line_of(bd, &bd->old, it);
	const char *file = ln ? ln->file : lo ? lo->file : NULL;
	int line = ln ? ln->line : lo ? lo->line : 0;

	if (!file)
		file = makefile_of_item(bd, &bd->new, it);
	if (!file)
		file = makefile_of_item(bd, &bd->old, it);
	return kc_findings_add(bd->out, rule, sev, NULL, file, line, "%s",
			       message);
}

static char *cond_text(struct cond_mgr *c, int y, int m)
{
	struct kc_buf b = KC_BUF_INIT;

	kc_buf_adds(&b, "y: ");
	cond_print(c, y, &b);
	kc_buf_adds(&b, "; m: ");
	cond_print(c, m, &b);
	return kc_buf_detach(&b);
}

/* The witness of the side's current solution, as notes and a file. */
static struct kc_witness *witness(struct bdiff *bd, struct bside *sd,
				  struct kc_finding *f, const char *name,
				  struct kc_witness *w)
{
	struct kc_buf text = KC_BUF_INIT;

	kc_witness_from_sat(sd->m, sd->s, w);
	/* an object and its module often share a witness */
	kc_analysis_note_witness_memo(f, w, sd->m, sd->fragments, bd->a);
	if (bd->witnesses) {
		kc_witness_write(w, &text);
		kc_vec_push(bd->witnesses, kc_xstrdup(name));
		kc_vec_push(bd->witnesses, kc_buf_detach(&text));
	}
	kc_buf_free(&text);
	return w;
}

static void not_confirmed(struct kc_finding *f)
{
	kc_finding_note(f, NULL, 0,
			"the witness depends on comparisons of int, hex or string symbols, which the solver leaves free: resolution does not confirm it");
}

/* ---- the questions --------------------------------------------------------------- */

/*
 * The symbols the item's conditions read (either side's) whose value OLD
 * gives the .config otherwise than NEW, as "A=y, B=n" (NEW's values);
 * NULL when there are none.
 */
static char *resolved_apart(struct bdiff *bd, const struct bitem *it,
			    struct kc_eval *on_new, struct kc_eval *on_old)
{
	struct kc_vec sup = KC_VEC_INIT;
	struct kc_buf b = KC_BUF_INIT;
	int fs[4] = { it->yo, it->mo, it->yn, it->mn };
	struct by_name n = { on_new, bd->new.m }, o = { on_old, bd->old.m };
	size_t i;

	cond_support_all(bd->c, fs, 4, &sup);
	for (i = 0; i < sup.len; i++) {
		const struct kc_symbol *s = sup.items[i];
		enum kc_tristate vn = value_by_name(&n, s), vo = value_by_name(&o, s);

		if (vn != vo)
			kc_buf_addf(&b, "%s%s=%c", b.len ? ", " : "", s->name,
				    vo == KC_YES ? 'y' : vo == KC_MOD ? 'm' : 'n');
	}
	kc_vec_free(&sup);
	if (!b.len) {
		kc_buf_free(&b);
		return NULL;
	}
	return kc_buf_detach(&b);
}

/* A formula changed: a configuration of NEW on which the two disagree. */
static void formula_changed(struct bdiff *bd, const struct bitem *it)
{
	struct bside *sn = &bd->new;
	struct cond_sat *cs = &sn->cs;
	int ch = cond_lit_or(cs, cond_lit_xor(cs, encode(sn, bd->c, it->yo),
					      encode(sn, bd->c, it->yn)),
			     cond_lit_xor(cs, encode(sn, bd->c, it->mo),
					  encode(sn, bd->c, it->mn)));
	const char *what = display(bd, it);
	const struct presence_line *lo, *ln;
	struct kc_witness w, w0;
	struct kc_eval *on_old;
	struct kc_finding *f;
	struct kc_eval *w_ev_new;
	char sn_new, sn_old, so_old, *msg, *to, *tn, *name, *moved;

	if (!solve(sn, &ch, 1))
		return;	/* they differ on no valid configuration */
	/* w0's .config stays alive as long as the evaluators reading it */
	kc_witness_from_sat(sn->m, sn->s, &w0);
	sn_new = state_on(bd->c, it->yn, it->mn, w0.ev, sn->m);
	sn_old = state_on(bd->c, it->yo, it->mo, w0.ev, sn->m);
	on_old = kc_eval_new(bd->old.m, w0.cfg, NULL);
	so_old = state_on(bd->c, it->yo, it->mo, on_old, bd->old.m);
	w_ev_new = kc_eval_new(sn->m, w0.cfg, NULL);
	msg = kc_xasprintf("the presence condition of %s changed: on the witness it is %s with NEW's Makefiles, %s with OLD's",
			   what, state_words(sn_new), state_words(sn_old));
	f = item_finding(bd, it, KC_RULE_DIFF_BUILD, KC_SEV_NOTE, msg);
	free(msg);
	to = cond_text(bd->c, it->yo, it->mo);
	tn = cond_text(bd->c, it->yn, it->mn);
	kc_finding_note(f, NULL, 0, "was: %s", to);
	kc_finding_note(f, NULL, 0, "now: %s", tn);
	free(to);
	free(tn);
	lo = line_of(bd, &bd->old, it);
	ln = line_of(bd, &bd->new, it);
	if (lo)
		note_line(f, "was", lo);
	if (ln)
		note_line(f, "now", ln);
	moved = resolved_apart(bd, it, w_ev_new, on_old);
	if (moved)
		kc_finding_note(f, NULL, 0,
				"OLD's Kconfig resolves the witness otherwise (%s there): OLD's Makefiles make it %s",
				moved, state_words(so_old));
	else
		kc_finding_note(f, NULL, 0,
				"OLD's Kconfig gives the witness the same values of the symbols the conditions read: the same .config builds it differently");
	free(moved);
	kc_eval_free(w_ev_new);
	name = kc_xasprintf("build-changed-%s", what);
	witness(bd, sn, f, name, &w);
	if (state_on(bd->c, it->yn, it->mn, w.ev, sn->m) != sn_new)
		not_confirmed(f);
	kc_witness_free(&w);
	kc_eval_free(on_old);
	kc_witness_free(&w0);
	free(name);
}

/* Does the item's condition read a symbol of the cone (or any, cut)? */
static bool can_move(struct bdiff *bd, const struct bitem *it)
{
	struct kc_vec sup = KC_VEC_INIT;
	int fs[2] = { it->yn, it->mn };
	bool hit = bd->all_can_move;
	size_t i;

	cond_support_all(bd->c, fs, 2, &sup);
	for (i = 0; i < sup.len && !hit; i++)
		hit = kc_map_get(bd->cone, ((struct kc_symbol *)sup.items[i])->name) != NULL;
	kc_vec_free(&sup);
	return hit;
}

/* The same formula: built in, and as a module, possible on each side? */
static void buildable(struct bdiff *bd, const struct bitem *it)
{
	static const char *const how[] = { "built in", "built as (or into) a module" };
	const char *what = display(bd, it);
	int k;

	for (k = 0; k < 2; k++) {
		int f = k ? it->mn : it->yn;
		int lo = encode(&bd->old, bd->c, f), ln = encode(&bd->new, bd->c, f);
		bool po = solve(&bd->old, &lo, 1), pn;
		struct bside *at;
		struct kc_finding *fd;
		struct kc_witness w;
		char *msg, *name, *ct;

		pn = solve(&bd->new, &ln, 1);
		if (po == pn)
			continue;
		at = pn ? &bd->new : &bd->old;
		msg = kc_xasprintf(pn ? "%s can now be %s: no valid configuration of OLD did it" :
					"%s can no longer be %s: some valid configuration of OLD did it",
				   what, how[k]);
		fd = item_finding(bd, it, pn ? KC_RULE_DIFF_BUILD_POSSIBLE :
					       KC_RULE_DIFF_BUILD_IMPOSSIBLE,
				  pn ? KC_SEV_NOTE : KC_SEV_WARNING, msg);
		free(msg);
		ct = cond_text(bd->c, it->yn, it->mn);
		kc_finding_note(fd, NULL, 0, "its presence condition (the same on both sides): %s", ct);
		free(ct);
		solve(at, pn ? &ln : &lo, 1);
		name = kc_xasprintf("build-%s-%s-%c", pn ? "possible" : "impossible",
				    what, k ? 'm' : 'y');
		kc_finding_note(fd, NULL, 0, "a witness of %s:", at->label);
		witness(bd, at, fd, name, &w);
		if (state_on(bd->c, it->yn, it->mn, w.ev, at->m) != (k ? 'm' : 'y'))
			not_confirmed(fd);
		kc_witness_free(&w);
		free(name);
	}
}

static bool reads(struct bdiff *bd, const struct bitem *it, const char *a,
		  const char *b)
{
	struct kc_vec sup = KC_VEC_INIT;
	int fs[2] = { it->yn, it->mn };
	bool hit = false;
	size_t i;

	cond_support_all(bd->c, fs, 2, &sup);
	for (i = 0; i < sup.len && !hit; i++) {
		const char *n = ((struct kc_symbol *)sup.items[i])->name;

		hit = !strcmp(n, a) || !strcmp(n, b);
	}
	kc_vec_free(&sup);
	return hit;
}

static const char *tri(enum kc_tristate v)
{
	return v == KC_YES ? "y" : v == KC_MOD ? "m" : "n";
}

/*
 * A pair of values newly possible together: what can be built with both
 * among the items whose conditions read one of the two, and what cannot.
 */
static void with_pair(struct bdiff *bd, const struct kc_diff_pair *p)
{
	struct bside *sn = &bd->new;
	const struct kc_symbol *x = side_symbol(sn, p->x);
	const struct kc_symbol *y = side_symbol(sn, p->y);
	struct kc_vec built = KC_VEC_INIT, never = KC_VEC_INIT;
	int pl[4], lits[MAX_ASSUMED];
	size_t i, j, np;

	if (!x || !y)
		return;
	np = kc_sat_value_lits(sn->s, x, p->vx, pl);
	np += kc_sat_value_lits(sn->s, y, p->vy, pl + np);
	for (i = 0; i < bd->items.len; i++) {
		struct bitem *it = bd->items.items[i];

		if (!reads(bd, it, p->x, p->y))
			continue;
		memcpy(lits, pl, np * sizeof(int));
		lits[np] = cond_lit_or(&sn->cs, encode(sn, bd->c, it->yn),
				       encode(sn, bd->c, it->mn));
		kc_vec_push(solve(sn, lits, np + 1) ? &built : &never, it);
	}
	for (i = 0; i < built.len; i++) {
		struct bitem *it = built.items[i];
		const char *what = display(bd, it);
		struct kc_finding *f;
		struct kc_witness w;
		char *msg, *name, *ct, st;

		msg = kc_xasprintf("%s can be built with %s=%s and %s=%s, which no valid configuration of OLD had together",
				   what, p->x, tri(p->vx), p->y, tri(p->vy));
		f = item_finding(bd, it, KC_RULE_DIFF_BUILD_PAIR, KC_SEV_NOTE, msg);
		free(msg);
		ct = cond_text(bd->c, it->yn, it->mn);
		kc_finding_note(f, NULL, 0, "its presence condition: %s", ct);
		free(ct);
		for (j = 0; j < never.len; j++)
			kc_finding_note(f, NULL, 0, "%s is never built then",
					display(bd, never.items[j]));
		memcpy(lits, pl, np * sizeof(int));
		lits[np] = cond_lit_or(&sn->cs, encode(sn, bd->c, it->yn),
				       encode(sn, bd->c, it->mn));
		solve(sn, lits, np + 1);
		name = kc_xasprintf("build-with-%s=%s-%s=%s-%s", p->x, tri(p->vx),
				    p->y, tri(p->vy), what);
		witness(bd, sn, f, name, &w);
		st = state_on(bd->c, it->yn, it->mn, w.ev, sn->m);
		if (st == 'n' || kc_eval_tristate(w.ev, x) != p->vx ||
		    kc_eval_tristate(w.ev, y) != p->vy)
			not_confirmed(f);
		else
			kc_finding_note(f, NULL, 0, "on the witness %s is %s",
					what, state_words(st));
		kc_witness_free(&w);
		free(name);
	}
	kc_vec_free(&built);
	kc_vec_free(&never);
}

/* ---- scope ------------------------------------------------------------------------ */

static void add_dir(struct kc_arena *a, struct kc_map *seen, struct kc_vec *dirs,
		    const char *path, bool is_file)
{
	char *d;
	size_t n;

	while (!strncmp(path, "./", 2))
		path += 2;
	d = is_file ? dir_of(a, path) : kc_arena_strdup(a, path);
	n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	if (!strcmp(d, ".") || !*d || kc_map_get(seen, d))
		return;
	kc_map_put(seen, d, d);
	kc_vec_push(dirs, d);
}

/* The folders of the Kconfig files defining the symbol, on either side. */
static void symbol_dirs(struct bdiff *bd, struct kc_map *seen,
			struct kc_vec *dirs, const struct kc_model *const *ms,
			const char *name)
{
	const struct kc_menu *e;
	int k;

	for (k = 0; k < 2; k++) {
		const struct kc_symbol *s = kc_model_lookup(ms[k], name);

		for (e = s ? s->menus : NULL; e; e = e->next_def)
			if (e->file)
				add_dir(bd->a, seen, dirs, e->file, true);
	}
}

/*
 * The folders whose Makefiles are read: --under's; else, on a kernel
 * tree, those of the Kconfig files defining a changed symbol or one of
 * a pair newly possible (on either side) and those of the Makefiles that
 * changed: the folders of the whole cone would cost too many readings.  Without either,
 * the whole tree (dirs left empty, *all true).
 */
static void scope(struct bdiff *bd, const struct kc_diff_options *o,
		  const struct kc_diff_found *found, struct kc_vec *dirs,
		  bool *all)
{
	struct kc_map *seen = kc_map_new(64);
	const struct kc_model *ms[2] = { bd->old.m, bd->new.m };
	size_t i;

	*all = false;
	if (o->n_under) {
		for (i = 0; i < o->n_under; i++)
			add_dir(bd->a, seen, dirs, o->under[i], false);
	} else if (!o->kbuild_scoped) {
		*all = true;
	} else {
		for (i = 0; i < found->n_changed; i++)
			symbol_dirs(bd, seen, dirs, ms, found->cone.items[i]);
		for (i = 0; i < found->pairs.len; i++) {
			const struct kc_diff_pair *p = found->pairs.items[i];

			symbol_dirs(bd, seen, dirs, ms, p->x);
			symbol_dirs(bd, seen, dirs, ms, p->y);
		}
		for (i = 0; i < o->n_changed_makefiles; i++)
			add_dir(bd->a, seen, dirs, o->changed_makefiles[i], true);
	}
	kc_map_free(seen);
}

/* Does the tree have a top Kbuild (or, a folder of Makefiles, a Makefile)? */
static bool has_kbuild(const struct kc_kbuild_options *kb, bool kernel_tree)
{
	char *text = NULL;
	const char *why;
	size_t len;
	bool ok = kc_fs_read(kb->fs, "Kbuild", &text, &len, &why) == 0;

	free(text);
	text = NULL;
	if (!ok && !kernel_tree) {
		ok = kc_fs_read(kb->fs, "Makefile", &text, &len, &why) == 0;
		free(text);
	}
	return ok;
}

/* The items of both sides, NEW's order first. */
static void gather(struct bdiff *bd)
{
	struct kc_map *by = kc_map_new(256);
	struct bside *sides[2] = { &bd->new, &bd->old };
	struct kc_buf key = KC_BUF_INIT;
	size_t i;
	int k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < sides[k]->ps.item_list.len; i++) {
			const struct presence_item *pi = sides[k]->ps.item_list.items[i];
			struct bitem *it;

			kc_buf_reset(&key);
			kc_buf_addf(&key, "%c %s", pi->is_module ? 'm' : 'o', pi->name);
			it = kc_map_get(by, kc_buf_str(&key));
			if (!it) {
				it = kc_arena_alloc(bd->a, sizeof(*it));
				memset(it, 0, sizeof(*it));
				it->name = pi->name;
				it->is_module = pi->is_module;
				kc_map_put(by, kc_arena_strdup(bd->a, kc_buf_str(&key)), it);
				kc_vec_push(&bd->items, it);
			}
			if (k) {
				it->yo = pi->y;
				it->mo = pi->m;
			} else {
				it->yn = pi->y;
				it->mn = pi->m;
			}
		}
	kc_buf_free(&key);
	kc_map_free(by);
}

static void not_compared(struct bdiff *bd, const struct kc_diags *d)
{
	size_t i, shown = 0;
	struct kc_finding *f;

	f = kc_findings_add(bd->out, KC_RULE_DIFF_BUILD_UNKNOWN, KC_SEV_NOTE,
			    NULL, NULL, 0,
			    "the module builds were not compared: the presence conditions could not be computed");
	/* the first five errors, however many warnings come before them */
	for (i = 0; i < d->len && shown < 5; i++)
		if (d->items[i].severity >= KC_SEV_ERROR) {
			kc_finding_note(f, d->items[i].file, d->items[i].line,
					"%s", d->items[i].message);
			shown++;
		}
}

size_t kc_diff_builds(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_diff_options *o,
		      const struct kc_diff_found *found,
		      struct kc_findings *out, struct kc_vec *witnesses)
{
	struct bdiff bd;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_vec dirs = KC_VEC_INIT, syms = KC_VEC_INIT;
	int *fs;
	size_t i, solves;
	bool all, ok;

	if (!has_kbuild(o->old_kbuild, o->kbuild_scoped) ||
	    !has_kbuild(o->new_kbuild, o->kbuild_scoped))
		return 0;	/* a folder holding only Kconfig files */
	memset(&bd, 0, sizeof(bd));
	bd.c = cond_new();
	bd.a = o->keep;	/* the findings' file names */
	bd.out = out;
	bd.witnesses = witnesses;
	bd.cone = kc_map_new(found->cone.len + 1);
	bd.all_can_move = found->cone_truncated;
	for (i = 0; i < found->cone.len; i++)
		kc_map_put(bd.cone, found->cone.items[i], found->cone.items[i]);
	bd.old.m = old;	/* scope() reads the models */
	bd.new.m = new;
	scope(&bd, o, found, &dirs, &all);
	side_init(&bd.old, old, "OLD", o->old_kbuild, &bd, &d,
		  (const char *const *)dirs.items, dirs.len);
	bd.old.ps.max_runs = MAX_READINGS;
	side_init(&bd.new, new, "NEW", o->new_kbuild, &bd, &d,
		  (const char *const *)dirs.items, dirs.len);
	bd.new.ps.max_runs = MAX_READINGS;
	if (!all && !dirs.len)
		goto out;
	ok = kc_presence_compute(&bd.old.ps) && !d.errors;
	ok = ok && kc_presence_compute(&bd.new.ps) && !d.errors;
	if (!ok) {
		not_compared(&bd, &d);
		goto out;
	}
	gather(&bd);
	fs = kc_xcalloc(4 * bd.items.len + 1, sizeof(*fs));
	for (i = 0; i < bd.items.len; i++) {
		const struct bitem *it = bd.items.items[i];

		fs[4 * i] = it->yo;
		fs[4 * i + 1] = it->mo;
		fs[4 * i + 2] = it->yn;
		fs[4 * i + 3] = it->mn;
	}
	cond_support_all(bd.c, fs, 4 * bd.items.len, &syms);
	free(fs);
	side_solver(&bd.old, &syms, &found->pairs);
	side_solver(&bd.new, &syms, &found->pairs);
	for (i = 0; i < bd.items.len; i++) {
		const struct bitem *it = bd.items.items[i];

		if (it->yo != it->yn || it->mo != it->mn)
			formula_changed(&bd, it);
		else if (can_move(&bd, it))
			buildable(&bd, it);
	}
	for (i = 0; i < found->pairs.len; i++)
		with_pair(&bd, found->pairs.items[i]);
out:
	solves = bd.old.solves + bd.new.solves;
	side_free(&bd.old);
	side_free(&bd.new);
	kc_vec_free(&bd.items);
	kc_vec_free(&dirs);
	kc_vec_free(&syms);
	kc_map_free(bd.cone);
	cond_free(bd.c);
	kc_diags_free(&d);
	return solves;
}
