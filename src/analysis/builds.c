/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * builds.c - every valid configuration, grouped by the module build it
 * gives (`builds`), and where each object and module is built (presence
 * conditions, presence.c).
 *
 * The module build of a configuration is the value of every presence
 * condition on it, so it depends only on the symbols those conditions
 * read.  The valid configurations are projected onto them (src/sat/count.c
 * counts each distinct value; without the counter, PicoSAT enumerates them
 * with blocking clauses), each value is grouped by the conditions' values,
 * and each group gets a representative .config that resolution leaves
 * unchanged, whose real walk must build what the conditions say.
 *
 * On a kernel tree the values of the symbols read can be millions where
 * the builds are thousands, so the solver finds the builds themselves
 * first, the conditions being literals of it (cond_sat.c), and counts the
 * values after, when they are few enough.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "analysis_internal.h"
#include "analysis_presence.h"
#include "kc_analysis.h"
#include "kc_config.h"
#include "kc_eval.h"
#include "kc_kbuild.h"
#include "kc_sat.h"

/*
 * A model the counter holds: its builds, each with a representative (a
 * millisecond or so), at most this many by default; and the distinct
 * values of the symbols read, gathered before the first build is known,
 * at most KC_COUNT_MAX_VALUES (--max-values): the whole of vfio-6.6 has
 * tens of millions, and gathering them all would take every byte of
 * memory before the limit on builds is reached.
 */
#define DEFAULT_MAX_BUILDS 100000
/*
 * On a kernel tree the solver finds a few hundred builds a second, and
 * each representative takes a walk of its folders: the default stops
 * after about a minute rather than hours, and says how to go on (--under,
 * --max-builds).
 */
#define TREE_DEFAULT_MAX_BUILDS 2000
/*
 * A model with more symbols (a kernel tree) is not counted: the counter
 * cannot hold it.  Its builds, and the values of the symbols read when
 * they are few enough, are enumerated by the solver on the closure of
 * those symbols (every symbol their values can depend on,
 * kc_analysis_cone), which is exact: nothing outside the closure
 * constrains it, so every valid configuration of the closure extends to
 * one of the whole model (as in diff_values.c).  Each build then counts
 * the distinct values of the symbols read that give it.
 */
#define WHOLE_MODEL_MAX_SYMBOLS 5000
/*
 * On a tree the builds are found one solve each; each build's distinct
 * values of the symbols read are counted after, one solve each too, when
 * there are at most this many (else not: COMPILE_TEST alone makes
 * millions of them under drivers/vfio).
 */
#define TREE_MAX_VALUES 20000	/* --max-values */
/*
 * Builds given as independent folders (factor.c): each folder's, or each
 * group of folders the constraints join, at most this many (or
 * --max-builds when more) for each value of the symbols several read.
 */
#define FACTOR_MAX_ALTS 20000

/* One distinct module build: the values of every presence condition. */
struct group {
	char *key;			/* the conditions' values (items_key) */
	uint64_t count;
	enum kc_tristate *values;	/* the value closest to the defaults */
	size_t distance;		/* from the defaults, in symbols */
	size_t first;			/* order of discovery */
};

struct state {
	const struct kc_model *m;
	const struct kc_builds_options *o;
	struct kc_diags *diags;
	struct kc_sat *sat;		/* representatives */
	struct kc_count *count;
	unsigned char *closure;		/* by symbol id, or NULL: the whole model */
	struct kc_eval *defaults;
	struct presence_state ps;
	struct kc_vec proj;		/* const struct kc_symbol * */
	enum kc_tristate *by_id;	/* the value walked, by symbol id */
	enum kc_tristate *default_of;	/* by projection index */
	struct kc_vec groups;		/* struct group * */
	struct kc_map *by_key;		/* key -> struct group * */
	struct kc_buf key, scratch;
	const char *dir;		/* whose Makefile the walk reads */
	struct kc_arena *a;
	struct kc_arena *out;		/* the builds' strings (kc_builds.arena) */
	struct kc_arena *walk_arena;	/* one representative's walk's strings */
	struct kc_map *strings;		/* interned into 'out' */
	size_t max_builds;		/* distinct builds before giving up */
	/* On a model the counter holds: each condition's gate, y then m. */
	struct cond_sat cs;
	bool cs_on;
	int *item_lit;
	bool values_known;		/* n_values: their number, counted */
	uint64_t n_values;
	bool too_many;
	size_t values_too_many;		/* more values than this to gather */
};

/* ---- folders asked for ----------------------------------------------------- */

/* Is 'path' (a folder, object or module) inside a folder asked for? */
static bool under(const struct state *st, const char *path)
{
	size_t i;

	if (!st->o->n_under)
		return true;
	for (i = 0; i < st->o->n_under; i++)
		if (kc_path_in(st->o->under[i], path))
			return true;
	return false;
}

/* Does folder 'dir' decide whether a folder asked for is built? */
static bool relevant(const struct state *st, const char *dir)
{
	size_t i;

	if (!st->o->n_under || under(st, dir))
		return true;
	for (i = 0; i < st->o->n_under; i++)
		if (kc_path_in(dir, st->o->under[i]))
			return true;
	return false;
}


/* The representative's walk reads only the folders that matter. */
static bool descend_dir(void *ctx, const char *dir)
{
	return relevant(ctx, dir);
}

static void enter_dir(void *ctx, const char *dir)
{
	struct state *st = ctx;

	st->dir = kc_arena_strdup(st->walk_arena, dir);
}

/* ---- grouping the projection ------------------------------------------------------- */

static enum kc_tristate value_of(void *ctx, const struct kc_symbol *s)
{
	const struct state *st = ctx;

	return st->by_id[s->id];
}

/*
 * The values of every condition on the value being walked: 2 bits an item
 * (y, m), three items a printable character, so millions of builds fit.
 */
static void items_key(struct state *st, struct kc_buf *key)
{
	size_t i, n = st->ps.item_list.len;
	int packed = 0;

	kc_buf_reset(key);
	for (i = 0; i < n; i++) {
		const struct presence_item *it = st->ps.item_list.items[i];
		int v = cond_eval(st->ps.c, it->y, value_of, st) |
			cond_eval(st->ps.c, it->m, value_of, st) << 1;

		packed |= v << (2 * (i % 3));
		if (i % 3 == 2 || i == n - 1) {
			kc_buf_addc(key, (char)('!' + packed));
			packed = 0;
		}
	}
}

static int visit(void *ctx, const enum kc_tristate *values, uint64_t count)
{
	struct state *st = ctx;
	struct group *g;
	size_t i, d = 0, n = st->proj.len;

	for (i = 0; i < n; i++) {
		st->by_id[((const struct kc_symbol *)st->proj.items[i])->id] = values[i];
		d += values[i] != st->default_of[i];
	}
	items_key(st, &st->key);
	g = kc_map_get(st->by_key, kc_buf_str(&st->key));
	if (!g) {
		if (st->groups.len >= st->max_builds) {
			st->too_many = true;
			return 1;
		}
		g = kc_arena_alloc(st->a, sizeof(*g));
		g->key = kc_arena_strdup(st->a, kc_buf_str(&st->key));
		g->count = 0;
		g->values = kc_arena_alloc(st->a, (n + 1) * sizeof(*g->values));
		g->distance = (size_t)-1;
		g->first = st->groups.len;
		kc_vec_push(&st->groups, g);
		kc_map_put(st->by_key, g->key, g);
	}
	g->count += count;
	if (d < g->distance) {
		memcpy(g->values, values, n * sizeof(*values));
		g->distance = d;
	}
	return 0;
}

/* The projection's values in the solver's model, into v. */
static void read_projection(struct state *st, struct kc_sat *s,
			    enum kc_tristate *v)
{
	size_t i;

	for (i = 0; i < st->proj.len; i++)
		v[i] = kc_sat_value(s, st->proj.items[i]);
}

/*
 * Without the counter (a model too large for it): PicoSAT finds each
 * value of the projection once, a blocking clause ruling it out after.
 * Past max_values values (0: no limit) it stops: KC_COUNT_TOO_MANY.
 */
static int enumerate_blocking(struct state *st, size_t max_values,
			      size_t *seen)
{
	struct kc_sat *s = kc_sat_new_subset(st->m, st->closure, false);
	size_t i, n = st->proj.len;
	enum kc_tristate *v = kc_xcalloc(n + 1, sizeof(*v));
	int *lits = kc_xcalloc(2 * n + 1, sizeof(int));
	int ret = 0;

	kc_sat_prefer_defaults(s, st->defaults);
	while (!ret && kc_sat_solve(s, NULL, 0) == 10) {
		size_t k = 0;

		if (max_values && *seen >= max_values) {
			ret = KC_COUNT_TOO_MANY;
			break;
		}
		read_projection(st, s, v);
		for (i = 0; i < n; i++) {
			const struct kc_symbol *sym = st->proj.items[i];
			int ly = kc_sat_symbol_lit(s, sym, KC_YES);
			int lm = kc_sat_symbol_lit(s, sym, KC_MOD);

			lits[k++] = v[i] == KC_YES ? -ly : ly;
			if (lm != ly)
				lits[k++] = v[i] >= KC_MOD ? -lm : lm;
		}
		ret = visit(st, v, st->closure ? 1 : 0);
		++*seen;
		if (!k)
			break;
		kc_sat_add_clause(s, lits, k);
	}
	kc_sat_free(s);
	free(v);
	free(lits);
	return ret;
}

/*
 * On a kernel tree, one solve a build: every condition is a literal of
 * the solver, a model gives their values (a build and one value of the
 * projection that gives it), and a clause over those literals rules that
 * build out, however many values of the symbols read give it too.  The
 * groups it makes count nothing yet.
 */
static int enumerate_builds(struct state *st)
{
	struct kc_sat *s = kc_sat_new_subset(st->m, st->closure, false);
	struct cond_sat cs;
	size_t i, k, n = 0, n_items = st->ps.item_list.len;
	enum kc_tristate *v = kc_xcalloc(st->proj.len + 1, sizeof(*v));
	int *lits = kc_xcalloc(2 * n_items + 1, sizeof(int));
	int *block = kc_xcalloc(2 * n_items + 1, sizeof(int));
	unsigned char *seen;
	int ret = 0;

	cond_sat_init(&cs, s, st->m);
	kc_sat_prefer_defaults(s, st->defaults);
	for (i = 0; i < 2 * n_items; i++) {
		const struct presence_item *it = st->ps.item_list.items[i / 2];

		lits[i] = cond_sat_lit(&cs, st->ps.c, i % 2 ? it->m : it->y);
	}
	/* Each distinct condition once (an object shares its module's). */
	seen = kc_xcalloc(kc_sat_variables(s) + 1, 1);
	for (i = 0; i < 2 * n_items; i++) {
		int l = lits[i], var = l < 0 ? -l : l;

		if (l == COND_LIT_T || l == COND_LIT_F || seen[var])
			continue;
		seen[var] = 1;
		lits[n++] = l;
	}
	while (!ret && kc_sat_solve(s, NULL, 0) == 10) {
		read_projection(st, s, v);
		ret = visit(st, v, 0);
		for (k = 0; k < n; k++)
			block[k] = kc_sat_lit_true(s, lits[k]) ? -lits[k] : lits[k];
		if (!n)
			break;
		kc_sat_add_clause(s, block, n);
	}
	cond_sat_free(&cs);
	free(seen);
	kc_sat_free(s);
	free(v);
	free(lits);
	free(block);
	return ret;
}

struct counting {
	struct state *st;
	size_t seen;
};

static int visit_counted(void *ctx, const enum kc_tristate *values,
			 uint64_t count)
{
	struct counting *c = ctx;

	c->seen++;
	return visit(c->st, values, c->st->closure ? 1 : count);
}

/* Says so when the builds passed the limit. */
static void say_too_many(struct state *st)
{
	if (st->too_many)
		kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
			     "more than %zu distinct module builds; limit the "
			     "folders (--under) or raise --max-builds",
			     st->groups.len);
}

/*
 * The number of distinct values of the symbols read, without listing
 * them (the counter's image of their variables).  False with '*err'.
 */
static bool count_values(struct state *st, uint64_t *out, char **err)
{
	int *lits;
	size_t i, n = 0;
	bool ok;

	if (st->values_known) {
		*out = st->n_values;
		return true;
	}
	lits = kc_xcalloc(2 * st->proj.len + 1, sizeof(int));

	for (i = 0; i < st->proj.len; i++) {
		const struct kc_symbol *sym = st->proj.items[i];
		int ly = kc_sat_symbol_lit(st->sat, sym, KC_YES);
		int lm = kc_sat_symbol_lit(st->sat, sym, KC_MOD);

		if (!ly)
			continue;	/* n in every configuration */
		lits[n++] = ly;
		if (lm != ly)
			lits[n++] = lm;
	}
	ok = kc_count_images(st->count, lits, n, out, err);
	st->values_known = ok;
	st->n_values = *out;
	free(lits);
	return ok;
}

/*
 * Returns the number of distinct values of the projection, or -1 (with
 * too_many or values_too_many set when they were more than the limits).
 */
static long long enumerate(struct state *st, uint64_t total)
{
	struct counting c = { st, 0 };
	char *err = NULL;
	size_t max = st->o->max_values ? st->o->max_values : KC_COUNT_MAX_VALUES;
	uint64_t values = 0;
	int ret;

	if (!st->count) {
		ret = enumerate_blocking(st, max, &c.seen);
	} else {
		bool known = count_values(st, &values, &err);

		free(err);	/* the walk says why, if it fails too */
		err = NULL;
		if (known && values > max)
			ret = KC_COUNT_TOO_MANY;	/* before 60 MB are gathered */
		else if (!st->proj.len)
			ret = visit_counted(&c, NULL, total);
		else
			ret = kc_count_project(st->count,
					       (const struct kc_symbol *const *)st->proj.items,
					       st->proj.len, max, visit_counted, &c, &err);
	}
	if (ret == KC_COUNT_TOO_MANY)
		st->values_too_many = max;
	else if (ret < 0)
		kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
			     "counting the projection: %s",
			     err ? err : "failed");
	free(err);
	return ret ? -1 : (long long)c.seen;
}

/*
 * On a tree: the builds, one solve each, then the distinct values of the
 * symbols read that give each, unless there are more than --max-values
 * of them (TREE_MAX_VALUES by default; then b->distinct stays false and a
 * note says so).  Returns -1 on failure.
 */
static int enumerate_tree(struct state *st, struct kc_builds *b)
{
	size_t i, seen = 0, max = st->o->max_values ? st->o->max_values :
						       TREE_MAX_VALUES;
	int ret;

	if (enumerate_builds(st))
		return -1;
	if (st->groups.len <= max) {
		st->max_builds = st->groups.len;	/* no build is new */
		ret = enumerate_blocking(st, max, &seen);
		if (ret == 1) {
			kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
				     "a value of the symbols read gives a build "
				     "the solver did not find");
			return -1;
		}
		if (!ret) {
			b->distinct = true;
			b->projections = seen;
			b->total = seen;
			return 0;
		}
	}
	for (i = 0; i < st->groups.len; i++)
		((struct group *)st->groups.items[i])->count = 0;
	kc_vec_push(&b->notes, kc_xasprintf(
		"the distinct values of the %zu symbols read are not counted: "
		"more than %zu (--max-values)", st->proj.len, max));
	return 0;
}

/* ---- counted, not listed: a model the counter holds ------------------------------------ */

/*
 * Each condition as a gate of the solver before the counter is built,
 * so that the counter can count the builds (the image of the conditions)
 * if they are too many to list.
 */
static void condition_gates(struct state *st)
{
	size_t i, n = st->ps.item_list.len;

	cond_sat_init(&st->cs, st->sat, st->m);
	st->cs_on = true;
	st->item_lit = kc_xcalloc(2 * n + 1, sizeof(int));
	for (i = 0; i < 2 * n; i++) {
		const struct presence_item *it = st->ps.item_list.items[i / 2];

		st->item_lit[i] = cond_sat_lit(&st->cs, st->ps.c, i % 2 ? it->m : it->y);
	}
}

/* Appends l to lits unless a constant or there already; its index, or -1. */
static int lit_index(int *lits, size_t *n, int l)
{
	size_t i;

	if (l == COND_LIT_T || l == COND_LIT_F)
		return -1;
	for (i = 0; i < *n; i++)
		if (lits[i] == l)
			return (int)i;
	lits[*n] = l;
	return (int)(*n)++;
}

struct folder_walk {
	struct state *st;
	struct kc_arena *out;
	const size_t *items;		/* the folder's, by item index */
	size_t n_items;
	const int *at;			/* by item, y then m: index in bits, or -1 */
	struct kc_vec alts;		/* struct kc_build_alt * */
	struct kc_vec configs;		/* uint64_t *, the same order */
};

/* An item's y (m) value on a value of the folder's conditions. */
static bool item_on(const struct folder_walk *w, size_t j, int which,
		    const unsigned char *bits)
{
	size_t it = w->items[j];
	int l = w->st->item_lit[2 * it + which], k = w->at[2 * j + which];

	return k < 0 ? l == COND_LIT_T : bits[k];
}

static int folder_alt(void *ctx, const unsigned char *bits, uint64_t count)
{
	struct folder_walk *w = ctx;
	struct kc_build_alt *alt = kc_arena_alloc(w->out, sizeof(*alt));
	uint64_t *c = kc_arena_alloc(w->out, sizeof(*c));
	size_t j, n = 0;

	alt->on = kc_arena_alloc(w->out, (w->n_items + 1) * sizeof(*alt->on));
	for (j = 0; j < w->n_items; j++) {
		const struct presence_item *it = w->st->ps.item_list.items[w->items[j]];
		bool y = item_on(w, j, 0, bits), m = item_on(w, j, 1, bits);

		if (!y && !m)
			continue;
		alt->on[n].name = kc_arena_strdup(w->out, it->name);
		alt->on[n].is_module = it->is_module;
		alt->on[n].builtin = y;
		n++;
	}
	alt->n = n;
	*c = count;
	kc_vec_push(&w->alts, alt);
	kc_vec_push(&w->configs, c);
	return 0;
}

struct ranked_alt {
	uint64_t configs;
	size_t i;
};

static int cmp_alt(const void *a, const void *b)
{
	const struct ranked_alt *x = a, *y = b;

	if (x->configs != y->configs)
		return x->configs < y->configs ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

/* One folder's builds, most configurations first; false with 'err'. */
static bool folder_builds(struct state *st, struct kc_builds *b,
			  struct kc_build_folder *out, const size_t *items,
			  size_t n, char **err)
{
	struct folder_walk w = { st, b->arena, items, n, NULL, KC_VEC_INIT,
				 KC_VEC_INIT };
	int *lits = kc_xcalloc(2 * n + 1, sizeof(int)), *at;
	struct ranked_alt *order;
	size_t j, nl = 0;
	uint64_t sum = 0;
	int r;

	at = kc_xcalloc(2 * n + 1, sizeof(int));
	for (j = 0; j < 2 * n; j++)
		at[j] = lit_index(lits, &nl, st->item_lit[2 * items[j / 2] + j % 2]);
	w.at = at;
	r = kc_count_image_values(st->count, lits, nl, FACTOR_MAX_ALTS, folder_alt,
				  &w, err);
	if (r == KC_COUNT_TOO_MANY) {
		out->unlisted = FACTOR_MAX_ALTS;	/* the others still are */
		r = 0;
	}
	out->n_alts = w.alts.len;
	out->alts = kc_arena_alloc(b->arena, (w.alts.len + 1) * sizeof(*out->alts));
	out->configs = kc_arena_alloc(b->arena, (w.alts.len + 1) * sizeof(uint64_t));
	order = kc_xcalloc(w.alts.len + 1, sizeof(*order));
	for (j = 0; j < w.alts.len; j++)
		order[j] = (struct ranked_alt){ *(uint64_t *)w.configs.items[j], j };
	qsort(order, w.alts.len, sizeof(*order), cmp_alt);
	for (j = 0; j < w.alts.len; j++) {
		out->alts[j] = *(struct kc_build_alt *)w.alts.items[order[j].i];
		out->configs[j] = order[j].configs;
		sum += order[j].configs;
	}
	/* Every valid configuration builds one thing in each folder. */
	if (!r && !out->unlisted && b->counted && sum != b->total)
		*err = kc_xasprintf("folder %s: its builds' configurations add up to "
				    "%llu, not %llu", out->name,
				    (unsigned long long)sum,
				    (unsigned long long)b->total);
	free(order);
	free(lits);
	free(at);
	kc_vec_free(&w.alts);
	kc_vec_free(&w.configs);
	return !r && !*err;
}

/*
 * The builds of a model the counter holds, too many to list: their exact
 * number, the distinct values of the symbols read when they were too many
 * to gather, and each folder's own builds.  False with '*err'.
 */
static bool count_whole(struct state *st, struct kc_builds *b, char **err)
{
	size_t i, j, n = st->ps.item_list.len, nl = 0;
	int *lits = kc_xcalloc(2 * n + 1, sizeof(int));
	struct kc_vec names = KC_VEC_INIT, members = KC_VEC_INIT;
	struct kc_map *folder = kc_map_new(64);
	uint64_t values = 0;
	bool ok;

	for (i = 0; i < 2 * n; i++)
		lit_index(lits, &nl, st->item_lit[i]);
	ok = kc_count_images(st->count, lits, nl, &b->n_builds, err) &&
	     count_values(st, &values, err);
	b->projections = (size_t)values;
	/* The folders, in the order of their first item. */
	for (i = 0; ok && i < n; i++) {
		const struct presence_item *it = st->ps.item_list.items[i];
		char *dir = presence_folder(b->arena, it);
		struct kc_vec *v = kc_map_get(folder, dir);

		if (!v) {
			v = kc_xcalloc(1, sizeof(*v));
			kc_map_put(folder, dir, v);
			kc_vec_push(&names, dir);
			kc_vec_push(&members, v);
		}
		kc_vec_push(v, (void *)(uintptr_t)i);
	}
	b->folders = kc_xcalloc(names.len + 1, sizeof(*b->folders));
	for (i = 0; ok && i < names.len; i++) {
		const struct kc_vec *v = members.items[i];
		size_t *items = kc_xcalloc(v->len + 1, sizeof(*items));

		for (j = 0; j < v->len; j++)
			items[j] = (uintptr_t)v->items[j];
		b->folders[i].name = names.items[i];
		ok = folder_builds(st, b, &b->folders[i], items, v->len, err);
		b->n_folders = i + 1;
		free(items);
	}
	for (i = 0; i < members.len; i++) {
		kc_vec_free(members.items[i]);
		free(members.items[i]);
	}
	kc_vec_free(&members);
	kc_vec_free(&names);
	kc_map_free(folder);
	free(lits);
	b->by_folder = ok;
	return ok;
}

/*
 * The builds or the values were too many to list: the builds as
 * independent folders (factor.c), or the error saying so.  True when b
 * holds the answer.
 */
static bool too_many(struct state *st, struct kc_builds *b)
{
	struct kc_buf why = KC_BUF_INIT;
	bool ok;

	if (!st->too_many && !st->values_too_many)
		return false;
	/*
	 * A model the counter holds: counted, not listed.  Factoring would
	 * not do there: the embedded models' stand-ins (architectures as a
	 * choice, one bus for all) join nearly every folder.
	 */
	if (st->count) {
		char *err = NULL;

		ok = count_whole(st, b, &err);
		if (ok)
			kc_vec_push(&b->notes, kc_xasprintf(
				"%s: the builds are counted, not listed; each "
				"folder's own builds follow, with the valid "
				"configurations giving each", st->too_many ?
				"more builds than --max-builds" :
				"more values of the symbols read than --max-values"));
		else
			kc_buf_adds(&why, err ? err : "not counted");
		free(err);
	} else {
		/* On a tree: as independent folders. */
		ok = st->closure && !kc_builds_factor(st->m, st->closure, &st->ps,
				       st->defaults, st->max_builds > FACTOR_MAX_ALTS ?
				       st->max_builds : FACTOR_MAX_ALTS, b, &why);
	}
	if (ok && b->factored)
		kc_vec_push(&b->notes, kc_xasprintf(
			"the builds are more than %s to list one by one; "
			"given as every combination of one alternative of each "
			"folder, for each value of the %zu symbols several "
			"folders read", st->too_many ? "--max-builds" :
			"the values of the symbols read (--max-values)",
			b->n_shared));
	if (!ok) {
		if (st->values_too_many)
			kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
				     "more than %zu distinct values of the %zu "
				     "symbols the Makefiles read; limit the folders "
				     "(--under) or raise --max-values",
				     st->values_too_many, st->proj.len);
		say_too_many(st);
		if (st->count)
			kc_diags_add(st->diags, KC_SEV_NOTE, NULL, 0, 0,
				     "nor could the builds be counted: %s",
				     kc_buf_str(&why));
		else if (st->closure)
			kc_diags_add(st->diags, KC_SEV_NOTE, NULL, 0, 0,
				     "nor do the builds split into independent "
				     "folders: %s", kc_buf_str(&why));
	}
	kc_buf_free(&why);
	return ok;
}

/* ---- representatives ------------------------------------------------------------------- */

/* CONFIG_ name -> value, as include/config/auto.conf holds them. */
static const char *auto_conf(void *ctx, const char *name)
{
	struct state *st = ctx;
	const struct kc_symbol *sym;
	const char *v;

	if (strncmp(name, "CONFIG_", 7) || !relevant(st, st->dir))
		return NULL;
	sym = kc_model_lookup(st->m, name + 7);
	if (!sym || !kc_eval_written(st->defaults, sym))
		return NULL;
	v = kc_eval_string(st->defaults, sym);
	kc_buf_reset(&st->scratch);
	if (sym->type == KC_T_STRING)
		kc_config_quote(v, &st->scratch);
	else if (!strcmp(v, "n"))
		return NULL;
	else
		kc_buf_adds(&st->scratch, v);
	return kc_arena_strdup(st->walk_arena, kc_buf_str(&st->scratch));
}

/* The key the conditions give, from a real walk: y and m of every item. */
static void walk_key(struct state *st, const struct kc_kbuild_result *r,
		     struct kc_buf *key)
{
	struct kc_map *y = kc_map_new(256), *m = kc_map_new(256);
	struct kc_arena *names = kc_arena_new();	/* the maps' keys */
	struct kc_buf k = KC_BUF_INIT;
	size_t i, o;
	int packed = 0;

	for (i = 0; i < r->modules.len; i++) {
		const struct kc_kbuild_module *mod = r->modules.items[i];
		struct kc_map *to = mod->kind == KC_KBUILD_MODULE ? m : y;

		kc_buf_reset(&k);
		kc_buf_addf(&k, "m %s", mod->name);
		kc_map_put(to, kc_arena_strdup(names, kc_buf_str(&k)), to);
		for (o = 0; o < mod->n_objects; o++) {
			kc_buf_reset(&k);
			kc_buf_addf(&k, "o %s", mod->objects[o]);
			kc_map_put(to, kc_arena_strdup(names, kc_buf_str(&k)), to);
		}
	}
	kc_buf_reset(key);
	for (i = 0; i < st->ps.item_list.len; i++) {
		const struct presence_item *it = st->ps.item_list.items[i];
		int v;

		kc_buf_reset(&k);
		kc_buf_addf(&k, "%c %s", it->is_module ? 'm' : 'o', it->name);
		v = !!kc_map_get(y, kc_buf_str(&k)) + 2 * !!kc_map_get(m, kc_buf_str(&k));
		packed |= v << (2 * (i % 3));
		if (i % 3 == 2 || i == st->ps.item_list.len - 1) {
			kc_buf_addc(key, (char)('!' + packed));
			packed = 0;
		}
	}
	kc_buf_free(&k);
	kc_map_free(y);
	kc_map_free(m);
	kc_arena_free(names);
}

/* ---- what a build keeps of its representative ---------------------------------------- */

/* One copy of each string for every build (names repeat across builds). */
static const char *intern(struct state *st, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = kc_map_get(st->strings, s);
	if (!copy) {
		copy = kc_arena_strdup(st->out, s);
		kc_map_put(st->strings, copy, copy);
	}
	return copy;
}

/* A module of a walk, copied so that the walk can go. */
static struct kc_kbuild_module *keep_module(struct state *st,
					    const struct kc_kbuild_module *mod)
{
	struct kc_kbuild_module *c = kc_arena_alloc(st->out, sizeof(*c));
	struct kc_kbuild_flags *f = NULL;
	size_t k, n = mod->n_objects;

	*c = *mod;
	c->name = intern(st, mod->name);
	c->makefile = intern(st, mod->makefile);
	c->objects = kc_arena_alloc(st->out, (n + 1) * sizeof(*c->objects));
	for (k = 0; k < n; k++)
		c->objects[k] = intern(st, mod->objects[k]);
	if (mod->flags) {
		f = kc_arena_alloc(st->out, (n + 1) * sizeof(*f));
		for (k = 0; k < n; k++) {
			f[k].c = intern(st, mod->flags[k].c);
			f[k].c_remove = intern(st, mod->flags[k].c_remove);
			f[k].a = intern(st, mod->flags[k].a);
			f[k].a_remove = intern(st, mod->flags[k].a_remove);
		}
	}
	c->flags = f;
	return c;
}

/* The .config text, deflated (a tree's compresses some tenfold). */
static void keep_config(struct kc_build *out, const struct kc_buf *text)
{
	uLongf n = compressBound((uLong)text->len);

	out->config_len = text->len;
	out->config_z = kc_xmalloc(n ? n : 1);
	if (compress2(out->config_z, &n, (const Bytef *)kc_buf_str(text),
		      (uLong)text->len, 1) != Z_OK)
		abort();	/* only out of memory; compressBound() fits */
	out->config_z_len = n;
	/* The bound is the text's size and more: keep what was used. */
	out->config_z = kc_xrealloc(out->config_z, n ? n : 1);
}

char *kc_build_config(const struct kc_build *x)
{
	char *text;
	uLongf n;

	if (!x->config_z)
		return NULL;
	n = (uLongf)x->config_len;
	text = kc_xmalloc(x->config_len + 1);
	if (uncompress((Bytef *)text, &n, x->config_z,
		       (uLong)x->config_z_len) != Z_OK || n != x->config_len)
		abort();	/* only out of memory: the data is our own */
	text[n] = '\0';
	return text;
}

/*
 * The representative's .config as conf writes it, and its walk with every
 * value it has: it must build what the presence conditions say, which
 * checks them on one more configuration.
 */
static bool represent(struct state *st, struct kc_build *out,
		      const struct group *g, const enum kc_tristate *all)
{
	struct kc_kbuild_options opt = *st->o->kbuild;
	struct kc_buf text = KC_BUF_INIT, key = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_eval *saved = st->defaults, *ev;
	struct kc_kbuild_result *walk;
	struct kc_config *cfg;
	size_t i, n = kc_sat_symbol_count(st->sat);
	bool same;

	for (i = 0; i < n; i++) {
		const char *name = kc_sat_symbol(st->sat, i)->name;

		if (all[i] == KC_NO)
			kc_buf_addf(&text, "# CONFIG_%s is not set\n", name);
		else
			kc_buf_addf(&text, "CONFIG_%s=%c\n", name,
				    all[i] == KC_YES ? 'y' : 'm');
	}
	cfg = kc_config_parse("representative", kc_buf_str(&text), text.len,
			      NULL, &d);
	ev = kc_eval_new(st->m, cfg, NULL);
	if (!st->o->no_configs) {
		kc_buf_reset(&text);
		kc_eval_write_config(ev, "CONFIG_", &text);
		keep_config(out, &text);
	}
	st->defaults = ev;	/* auto_conf reads it */
	opt.config = auto_conf;
	opt.config_ctx = st;
	opt.modinfo = true;	/* for modules.builtin */
	opt.enter = enter_dir;
	opt.descend = descend_dir;
	st->dir = ".";
	st->walk_arena = kc_arena_new();
	walk = kc_kbuild_walk(&opt, &d);
	st->defaults = saved;
	if (walk)
		walk_key(st, walk, &key);
	same = walk && !strcmp(kc_buf_str(&key), g->key);
	for (i = 0; walk && i < walk->modules.len; i++) {
		const struct kc_kbuild_module *mod = walk->modules.items[i];

		if (under(st, mod->name))
			kc_vec_push(&out->modules, keep_module(st, mod));
	}
	for (i = 0; walk && i < walk->builtin_modules.len; i++) {
		const char *name = walk->builtin_modules.items[i];

		if (under(st, name))
			kc_vec_push(&out->builtin, (void *)intern(st, name));
	}
	kc_kbuild_result_free(walk);
	kc_arena_free(st->walk_arena);
	st->walk_arena = NULL;
	st->dir = NULL;
	kc_eval_free(ev);
	kc_config_free(cfg);
	kc_diags_free(&d);
	kc_buf_free(&text);
	kc_buf_free(&key);
	return same;
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = *(const struct group *const *)a;
	const struct group *y = *(const struct group *const *)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void make_builds(struct state *st, struct kc_builds *b, bool counts_only)
{
	size_t i, n = kc_sat_symbol_count(st->sat);
	enum kc_tristate *all = kc_xcalloc(n + 1, sizeof(*all));
	struct group **order = kc_xcalloc(st->groups.len + 1, sizeof(*order));

	for (i = 0; i < st->groups.len; i++)
		order[i] = st->groups.items[i];
	qsort(order, st->groups.len, sizeof(*order), cmp_group);
	b->n = st->groups.len;
	b->items = kc_xcalloc(b->n + 1, sizeof(*b->items));
	for (i = 0; i < b->n; i++) {
		struct kc_build *x = &b->items[i];

		snprintf(x->id, sizeof(x->id), "%04zu", i + 1);
		x->configs = order[i]->count;
		if (counts_only)
			continue;
		if (!kc_sat_representative(st->sat, st->defaults,
					   (const struct kc_symbol *const *)st->proj.items,
					   order[i]->values, st->proj.len, all)) {
			kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
				     "build %s: no representative .config found", x->id);
			continue;
		}
		if (!represent(st, x, order[i], all))
			kc_diags_add(st->diags, KC_SEV_ERROR, NULL, 0, 0,
				     "build %s: the representative builds other modules "
				     "than the presence conditions say", x->id);
	}
	free(order);
	free(all);
}

/* ---- the whole ------------------------------------------------------------------------- */

static void state_free(struct state *st)
{
	kc_map_free(st->by_key);
	kc_map_free(st->ps.items);
	kc_vec_free(&st->ps.item_list);
	kc_vec_free(&st->ps.makefiles);
	kc_vec_free(&st->ps.lines);
	cond_free(st->ps.c);
	kc_vec_free(&st->groups);
	kc_vec_free(&st->proj);
	kc_buf_free(&st->key);
	kc_buf_free(&st->scratch);
	free(st->by_id);
	free(st->default_of);
	kc_count_free(st->count);
	if (st->cs_on)
		cond_sat_free(&st->cs);
	free(st->item_lit);
	kc_sat_free(st->sat);
	free(st->closure);
	kc_eval_free(st->defaults);
	kc_arena_free(st->a);
	kc_map_free(st->strings);
}

static void state_init(struct state *st, const struct kc_model *m,
		       const struct kc_builds_options *o, struct kc_diags *d,
		       struct kc_vec *notes)
{
	memset(st, 0, sizeof(*st));
	st->m = m;
	st->o = o;
	st->diags = d;
	st->a = kc_arena_new();
	st->strings = kc_map_new(1024);
	st->defaults = kc_eval_new(m, NULL, NULL);
	st->by_key = kc_map_new(1024);
	st->by_id = kc_xcalloc(kc_model_symbol_count(m) + 1, sizeof(*st->by_id));
	st->ps.m = m;
	st->ps.kbuild = o->kbuild;
	st->ps.defaults = st->defaults;
	st->ps.c = cond_new();
	st->ps.a = st->a;
	st->ps.diags = d;
	st->ps.under = o->under;
	st->ps.n_under = o->n_under;
	st->ps.notes = notes;
}

/* The symbols the conditions read: the projection. */
static void projection(struct state *st)
{
	size_t i, n = st->ps.item_list.len;
	int *fs = kc_xcalloc(2 * n + 1, sizeof(*fs));

	for (i = 0; i < n; i++) {
		const struct presence_item *it = st->ps.item_list.items[i];

		fs[2 * i] = it->y;
		fs[2 * i + 1] = it->m;
	}
	cond_support_all(st->ps.c, fs, 2 * n, &st->proj);
	free(fs);
	st->default_of = kc_xcalloc(st->proj.len + 1, sizeof(*st->default_of));
	for (i = 0; i < st->proj.len; i++)
		st->default_of[i] = kc_eval_tristate(st->defaults, st->proj.items[i]);
}

static int cmp_presence(const void *a, const void *b)
{
	const struct kc_presence *x = a, *y = b;

	if (x->is_module != y->is_module)
		return x->is_module - y->is_module;
	return strcmp(x->name, y->name);
}

static void presence_out(struct state *st, struct kc_builds *b)
{
	struct kc_buf t = KC_BUF_INIT;
	size_t i;

	b->n_presence = st->ps.item_list.len;
	b->presence = kc_xcalloc(b->n_presence + 1, sizeof(*b->presence));
	for (i = 0; i < b->n_presence; i++) {
		const struct presence_item *it = st->ps.item_list.items[i];
		struct kc_presence *p = &b->presence[i];

		p->name = kc_arena_strdup(b->arena, it->name);
		p->is_module = it->is_module;
		kc_buf_reset(&t);
		cond_print(st->ps.c, it->y, &t);
		p->builtin = kc_xstrdup(kc_buf_str(&t));
		kc_buf_reset(&t);
		cond_print(st->ps.c, it->m, &t);
		p->module = kc_xstrdup(kc_buf_str(&t));
	}
	qsort(b->presence, b->n_presence, sizeof(*b->presence), cmp_presence);
	kc_buf_free(&t);
}

struct kc_builds *kc_builds_compute(const struct kc_model *m,
				    const struct kc_builds_options *o,
				    struct kc_diags *d)
{
	struct kc_builds *b = kc_xcalloc(1, sizeof(*b));
	struct state st;
	char *err = NULL;
	long long seen;
	uint64_t sum = 0;
	size_t i;

	b->arena = kc_arena_new();
	state_init(&st, m, o, d, &b->notes);
	st.out = b->arena;
	if (!kc_presence_compute(&st.ps))
		goto fail;
	presence_out(&st, b);
	projection(&st);
	b->n_syms = st.proj.len;
	b->syms = kc_xcalloc(st.proj.len + 1, sizeof(*b->syms));
	for (i = 0; i < st.proj.len; i++)
		b->syms[i] = st.proj.items[i];
	if (o->presence_only)
		goto out;
	if (kc_model_symbol_count(m) > WHOLE_MODEL_MAX_SYMBOLS) {
		st.closure = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
		for (i = 0; i < st.proj.len; i++)
			kc_analysis_cone(m, st.proj.items[i], st.closure);
	}
	st.sat = kc_sat_new_subset(m, st.closure, false);
	st.max_builds = o->max_projections ? o->max_projections :
			st.closure ? TREE_DEFAULT_MAX_BUILDS : DEFAULT_MAX_BUILDS;
	if (st.closure) {
		/* the counter cannot hold the closure */
		b->tree = true;
		if (enumerate_tree(&st, b) < 0) {
			if (!too_many(&st, b))
				goto fail;
			goto out;
		}
	} else {
		condition_gates(&st);
		st.count = kc_count_new(st.sat, 0, &err);
		free(err);
		b->counted = st.count && kc_count_configs(st.count, NULL, 0, &b->total);
		seen = enumerate(&st, b->total);
		if (seen < 0) {
			if (!too_many(&st, b))
				goto fail;
			goto out;
		}
		b->projections = (size_t)seen;
	}
	make_builds(&st, b, o->counts_only);
	for (i = 0; i < b->n; i++)
		sum += b->items[i].configs;
	if ((b->counted || b->distinct) && sum != b->total)
		kc_diags_add(d, KC_SEV_ERROR, NULL, 0, 0,
			     "the builds' counts add up to %llu, not %llu",
			     (unsigned long long)sum, (unsigned long long)b->total);
	goto out;
fail:
	kc_builds_free(b);
	b = NULL;
out:
	state_free(&st);
	return b;
}

void kc_builds_free(struct kc_builds *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->items[i].config_z);
		kc_vec_free(&b->items[i].modules);
		kc_vec_free(&b->items[i].builtin);
	}
	for (i = 0; i < b->n_presence; i++) {
		free(b->presence[i].builtin);
		free(b->presence[i].module);
	}
	for (i = 0; i < b->notes.len; i++)
		free(b->notes.items[i]);
	kc_vec_free(&b->notes);
	for (i = 0; i < b->n_cases; i++) {
		kc_vec_free(&b->cases[i].when);
		kc_vec_free(&b->cases[i].shares);
	}
	free(b->folders);
	free(b->presence);
	free(b->items);
	free(b->syms);
	kc_arena_free(b->arena);
	free(b);
}
