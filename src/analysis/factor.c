/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * factor.c - the module builds when they are too many to list one by one
 * (a subsystem with a dozen independent drivers has millions): their exact
 * number, and what they are, as independent folders.
 *
 * The objects and modules are split by folder.  The symbols the
 * conditions of two folders or more read are the shared ones.  For each
 * value of the shared symbols, the solver finds each folder's distinct
 * builds (its alternatives: a few each), and the builds of the whole are
 * every combination of one alternative a folder when that is proved:
 *
 *   - a witness: one value h of every symbol no condition reads with which
 *     every alternative of every folder stays possible (one solve each);
 *   - separation: with the shared values and h fixed, and what unit
 *     propagation then forces, no clause left joins the variables of two
 *     folders (the symbols only one folder reads, and its conditions).
 *
 * Then the solutions of any choice of alternatives, one a folder, put
 * together component by component, are a solution: the product is exact.
 * Two values of the shared symbols must give either the same product
 * (counted once: VFIO=n hides whatever VFIO_PCI_CORE is) or disjoint ones;
 * else, or when the witness or the separation fails, the answer is not
 * given this way and the caller says the builds are too many.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_presence.h"
#include "kc_sat.h"

/*
 * Tries, each after merging two folders or sharing one more symbol: each
 * enumerates again, and past this many the folders are joined too much to
 * be worth it.
 */
#define MAX_ATTEMPTS 16
/* Values of the shared symbols at most: each costs a solve per alternative. */
#define MAX_SHARED_VALUES 4096

struct part {
	struct kc_vec folders;		/* const char *, in order of first item */
	size_t group;
	struct kc_vec items;		/* size_t index into the item list */
	int *lits;			/* its conditions, each once */
	size_t n_lits;
	struct kc_vec syms;		/* const struct kc_symbol *: read */
};

/* One folder's alternatives for one value of the shared symbols. */
struct alts {
	struct kc_vec keys;		/* char *: each item's value, in order */
	struct kc_vec lits;		/* int *: the conditions as they are */
	struct kc_map *set;		/* key -> (void *)1 */
};

struct factor {
	const struct kc_model *m;
	struct presence_state *ps;
	struct kc_sat *s;
	struct cond_sat cs;
	int *item_y, *item_m;		/* by item */
	struct kc_vec parts;		/* struct part * */
	unsigned char *reads;		/* by symbol id: how many folders read it */
	struct kc_vec shared;		/* const struct kc_symbol * */
	struct kc_vec values;		/* enum kc_tristate *: of the shared */
	struct alts **alts;		/* [value][part] */
	size_t max_alts;
	struct kc_buf *why;		/* why not, when not */
	struct kc_arena *a;		/* one attempt's */
	/*
	 * Folders in one group are one part: two folders the constraints
	 * join (a reset driver depending on its platform driver's symbol)
	 * are merged and the attempt made again.
	 */
	struct kc_map *group_of;	/* folder -> (void *)(group + 1) */
	struct kc_arena *keep;		/* the folder names */
	size_t n_groups;
	int clash[2];			/* parts (+1) found joined */
	/*
	 * Symbols read by one folder only that are taken as shared all the
	 * same, by symbol id: one without a prompt follows what selects it
	 * (VFIO_VIRQFD: virqfd.o is built when any VFIO driver selects it),
	 * so that folder's builds and the selecting folders' are joined only
	 * through its value.
	 */
	unsigned char *cond_on;
	const struct kc_symbol *joint;	/* found joining two folders */
	const struct kc_symbol **var_sym;	/* by variable: its symbol */
	size_t n_var_sym;
};

static void why(struct factor *f, const char *fmt, ...) KC_PRINTF(2, 3);

static void why(struct factor *f, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	if (f->why->len)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	kc_buf_adds(f->why, text);
}

/* ---- folders ------------------------------------------------------------------------------ */

/* A part's name in a message: its first folder. */
static const char *part_name(const struct part *p)
{
	return p->folders.items[0];
}

static void make_parts(struct factor *f)
{
	struct kc_map *by_group = kc_map_new(64);
	size_t i, k, n = f->ps->item_list.len;

	for (i = 0; i < n; i++) {
		const struct presence_item *it = f->ps->item_list.items[i];
		char *dir = presence_folder(f->a, it);
		void *g = kc_map_get(f->group_of, dir);
		struct part *p;
		char gkey[32];
		size_t q;

		if (!g) {
			g = (void *)(uintptr_t)++f->n_groups;
			kc_map_put(f->group_of, kc_arena_strdup(f->keep, dir), g);
		}
		snprintf(gkey, sizeof(gkey), "%zu", (size_t)(uintptr_t)g);
		p = kc_map_get(by_group, gkey);
		if (!p) {
			p = kc_arena_alloc(f->a, sizeof(*p));
			memset(p, 0, sizeof(*p));
			p->group = (uintptr_t)g;
			kc_map_put(by_group, kc_arena_strdup(f->a, gkey), p);
			kc_vec_push(&f->parts, p);
		}
		for (q = 0; q < p->folders.len; q++)
			if (!strcmp(p->folders.items[q], dir))
				break;
		if (q == p->folders.len)
			kc_vec_push(&p->folders, dir);
		kc_vec_push(&p->items, (void *)(uintptr_t)i);
	}
	kc_map_free(by_group);
	for (k = 0; k < f->parts.len; k++) {
		struct part *p = f->parts.items[k];
		int *fs = kc_xcalloc(2 * p->items.len + 1, sizeof(*fs));
		size_t j, l, nl = 0;

		p->lits = kc_xcalloc(2 * p->items.len + 1, sizeof(int));
		for (j = 0; j < p->items.len; j++) {
			size_t it = (uintptr_t)p->items.items[j];
			const struct presence_item *x = f->ps->item_list.items[it];
			int two[2] = { f->item_y[it], f->item_m[it] };

			fs[2 * j] = x->y;
			fs[2 * j + 1] = x->m;
			for (l = 0; l < 2; l++) {
				size_t q;

				if (two[l] == COND_LIT_T || two[l] == COND_LIT_F)
					continue;
				for (q = 0; q < nl; q++)
					if (p->lits[q] == two[l] || p->lits[q] == -two[l])
						break;
				if (q == nl)
					p->lits[nl++] = two[l];
			}
		}
		p->n_lits = nl;
		cond_support_all(f->ps->c, fs, 2 * p->items.len, &p->syms);
		free(fs);
		for (j = 0; j < p->syms.len; j++) {
			const struct kc_symbol *sym = p->syms.items[j];

			if (f->reads[sym->id] < 2 && f->reads[sym->id]++ == 1)
				kc_vec_push(&f->shared, (void *)sym);
		}
	}
	for (k = 0; k < f->parts.len; k++) {
		struct part *p = f->parts.items[k];
		size_t j;

		for (j = 0; j < p->syms.len; j++) {
			const struct kc_symbol *sym = p->syms.items[j];

			if (f->cond_on[sym->id] && f->reads[sym->id] == 1) {
				f->reads[sym->id] = 2;
				kc_vec_push(&f->shared, (void *)sym);
			}
		}
	}
}

/* ---- the solver ------------------------------------------------------------------------- */

/* The literals that say the shared symbols have the values v. */
static size_t shared_lits(struct factor *f, const enum kc_tristate *v, int *out)
{
	size_t i, n = 0;

	for (i = 0; i < f->shared.len; i++)
		n += kc_sat_value_lits(f->s, f->shared.items[i], v[i], out + n);
	return n;
}

/* A clause ruling the solver's values of 'syms' out, under activation a. */
static size_t block_symbols(struct factor *f, int a, const struct kc_vec *syms,
			    int *out)
{
	size_t i, n = 0;

	out[n++] = -a;
	for (i = 0; i < syms->len; i++) {
		const struct kc_symbol *sym = syms->items[i];
		int ly = kc_sat_symbol_lit(f->s, sym, KC_YES);
		int lm = kc_sat_symbol_lit(f->s, sym, KC_MOD);

		if (!ly)
			continue;
		out[n++] = kc_sat_lit_true(f->s, ly) ? -ly : ly;
		if (lm != ly)
			out[n++] = kc_sat_lit_true(f->s, lm) ? -lm : lm;
	}
	return n;
}

/* Every value of the shared symbols some valid configuration has. */
static bool shared_values(struct factor *f)
{
	size_t n = f->shared.len;
	int *block = kc_xcalloc(2 * n + 2, sizeof(int));
	int a = kc_sat_activation(f->s, NULL, 0);
	bool ok = true;

	while (kc_sat_solve(f->s, &a, 1) == 10) {
		enum kc_tristate *v;
		size_t i, k;

		if (f->values.len >= MAX_SHARED_VALUES) {
			why(f, "more than %d values of the %zu symbols several "
			    "folders read", MAX_SHARED_VALUES, n);
			ok = false;
			break;
		}
		v = kc_arena_alloc(f->a, (n + 1) * sizeof(*v));
		for (i = 0; i < n; i++)
			v[i] = kc_sat_value(f->s, f->shared.items[i]);
		kc_vec_push(&f->values, v);
		k = block_symbols(f, a, &f->shared, block);
		if (k == 1)
			break;
		kc_sat_add_clause(f->s, block, k);
	}
	block[0] = -a;
	kc_sat_add_clause(f->s, block, 1);	/* its clauses retired */
	free(block);
	return ok;
}

/* Each item of part p as the solver has it: 'n', 'm', 'y' ('b': both). */
static void part_key(struct factor *f, const struct part *p, struct kc_buf *key)
{
	size_t j;

	kc_buf_reset(key);
	for (j = 0; j < p->items.len; j++) {
		size_t it = (uintptr_t)p->items.items[j];
		int ly = f->item_y[it], lm = f->item_m[it];
		bool y = ly == COND_LIT_T || (ly != COND_LIT_F && kc_sat_lit_true(f->s, ly));
		bool m = lm == COND_LIT_T || (lm != COND_LIT_F && kc_sat_lit_true(f->s, lm));

		kc_buf_addc(key, y && m ? 'b' : y ? 'y' : m ? 'm' : 'n');
	}
}

/* Part p's alternatives when the shared symbols have the values v. */
static bool part_alts(struct factor *f, const struct part *p,
		      const enum kc_tristate *v, struct alts *out)
{
	size_t n_assume = 2 * f->shared.len + 1, i, k;
	int *assume = kc_xcalloc(n_assume + 1, sizeof(int));
	int *block = kc_xcalloc(p->n_lits + 2, sizeof(int));
	struct kc_buf key = KC_BUF_INIT;
	bool ok = true;
	int a = kc_sat_activation(f->s, NULL, 0);

	out->set = kc_map_new(16);
	assume[0] = a;
	n_assume = 1 + shared_lits(f, v, assume + 1);
	while (kc_sat_solve(f->s, assume, n_assume) == 10) {
		int *lits;

		if (out->keys.len >= f->max_alts) {
			why(f, "folder %s alone has more than %zu builds",
			    part_name(p), f->max_alts);
			ok = false;
			break;
		}
		part_key(f, p, &key);
		if (kc_map_get(out->set, kc_buf_str(&key))) {
			why(f, "a build of folder %s came back", part_name(p));
			ok = false;
			break;
		}
		lits = kc_arena_alloc(f->a, (p->n_lits + 1) * sizeof(int));
		k = 0;
		block[k++] = -a;
		for (i = 0; i < p->n_lits; i++) {
			bool t = kc_sat_lit_true(f->s, p->lits[i]);

			lits[i] = t ? p->lits[i] : -p->lits[i];
			block[k++] = -lits[i];
		}
		kc_vec_push(&out->keys, kc_arena_strdup(f->a, kc_buf_str(&key)));
		kc_vec_push(&out->lits, lits);
		kc_map_put(out->set, out->keys.items[out->keys.len - 1], (void *)1);
		if (k == 1)
			break;
		kc_sat_add_clause(f->s, block, k);
	}
	block[0] = -a;
	kc_sat_add_clause(f->s, block, 1);
	kc_buf_free(&key);
	free(assume);
	free(block);
	return ok;
}

/* ---- the proof ------------------------------------------------------------------------- */

/* The symbols no folder reads, as the solver has them: the witness. */
static size_t witness(struct factor *f, int *out)
{
	size_t i, n = 0, count = kc_sat_symbol_count(f->s);

	for (i = 0; i < count; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(f->s, i);
		int ly, lm;

		if (f->reads[sym->id])
			continue;
		ly = kc_sat_symbol_lit(f->s, sym, KC_YES);
		lm = kc_sat_symbol_lit(f->s, sym, KC_MOD);
		if (!ly)
			continue;
		out[n++] = kc_sat_lit_true(f->s, ly) ? ly : -ly;
		if (lm != ly)
			out[n++] = kc_sat_lit_true(f->s, lm) ? lm : -lm;
	}
	return n;
}

/* The symbol of a literal of the witness. */
static const struct kc_symbol *lit_symbol(struct factor *f, int lit)
{
	int x = lit < 0 ? -lit : lit;

	return (size_t)x < f->n_var_sym ? f->var_sym[x] : NULL;
}

/*
 * Removes from h the literals the last solve blamed (only those of
 * symbols without a prompt when 'no_prompt'); returns how many are left.
 */
static size_t drop_blamed(struct factor *f, int *h, size_t nh, bool no_prompt)
{
	size_t i, n = 0;

	for (i = 0; i < nh; i++) {
		const struct kc_symbol *sym = lit_symbol(f, h[i]);
		bool drop = kc_sat_failed(f->s, h[i]) &&
			    (!no_prompt || (sym && !kc_symbol_prompt(sym)));

		if (!drop)
			h[n++] = h[i];
	}
	return n;
}

/* Repairs of the witness by new values before it loses symbols instead. */
#define MAX_FLIPS 64

/*
 * The first alternative of any folder impossible with the witness h
 * (assume holds the shared values, ns literals): its literals, or NULL.
 */
static const int *failing(struct factor *f, size_t vi, const int *h, size_t nh,
			  int *assume, size_t ns, size_t *n_lits)
{
	const int *found = NULL;
	size_t k, j;
	/*
	 * The witness as one assumption implying its literals: thousands of
	 * assumptions, each its own decision, cost far more.
	 */
	int a = kc_sat_activation(f->s, h, nh);

	assume[ns] = a;
	for (k = 0; k < f->parts.len && !found; k++) {
		const struct part *p = f->parts.items[k];
		const struct alts *al = &f->alts[vi][k];

		for (j = 0; j < al->lits.len; j++) {
			memcpy(assume + ns + 1, al->lits.items[j],
			       p->n_lits * sizeof(int));
			if (kc_sat_solve(f->s, assume, ns + 1 + p->n_lits) != 10) {
				*n_lits = p->n_lits;
				found = al->lits.items[j];
				break;
			}
		}
	}
	a = -a;
	kc_sat_add_clause(f->s, &a, 1);
	/*
	 * The blame went to the activation: ask again with the literals
	 * (last, so that kc_sat_failed() reads this solve).
	 */
	if (found) {
		memcpy(assume + ns, h, nh * sizeof(int));
		memcpy(assume + ns + nh, found, *n_lits * sizeof(int));
		if (kc_sat_solve(f->s, assume, ns + nh + *n_lits) == 10)
			found = NULL;	/* cannot be: the same question */
	}
	return found;
}

/*
 * A witness for the values v: the symbols no folder reads as one solution
 * has them, less those some alternative needs free (a symbol a folder's
 * own symbol selects follows it), so that every alternative of every
 * folder stays possible.  'h' gets it ('*nh' literals).
 */
static bool find_witness(struct factor *f, size_t vi, int *h, size_t *nh,
			 int *assume)
{
	const enum kc_tristate *v = f->values.items[vi];
	unsigned char *blamed = NULL;
	size_t ns, n, i, flips = 0, n_lits = 0, nb;
	const int *lits;
	int *rest;
	bool ok = true;

	ns = shared_lits(f, v, assume);
	if (kc_sat_solve(f->s, assume, ns) != 10)
		return false;
	*nh = witness(f, h);
	rest = kc_xcalloc(*nh + 1, sizeof(int));
	blamed = kc_xcalloc(*nh + 1, 1);
	while (ok && (lits = failing(f, vi, h, *nh, assume, ns, &n_lits))) {
		for (nb = i = 0; i < *nh; i++) {
			blamed[i] = kc_sat_failed(f->s, h[i]);
			nb += blamed[i];
		}
		if (!nb) {
			ok = false;
			break;
		}
		/*
		 * New values for what the solver blames, the rest of the
		 * witness kept, when a solution has them: the witness keeps
		 * every symbol fixed, which the separation needs.
		 */
		if (flips++ < MAX_FLIPS) {
			for (n = i = 0; i < *nh; i++)
				if (!blamed[i])
					rest[n++] = h[i];
			memcpy(assume + ns, rest, n * sizeof(int));
			memcpy(assume + ns + n, lits, n_lits * sizeof(int));
			if (kc_sat_solve(f->s, assume, ns + n + n_lits) == 10) {
				for (i = 0; i < *nh; i++)
					if (blamed[i] && !kc_sat_lit_true(f->s, h[i]))
						h[i] = -h[i];
				continue;
			}
			/* drop_blamed() takes this solve's blame */
		}
		/*
		 * Else free them: the symbols without a prompt among them
		 * (they follow what selects them, or their defaults) when
		 * there are any, else all of them.
		 */
		n = drop_blamed(f, h, *nh, true);
		if (n == *nh)
			n = drop_blamed(f, h, *nh, false);
		if (n == *nh)
			ok = false;
		*nh = n;
	}
	free(rest);
	free(blamed);
	return ok;
}

static int uf_find(int *parent, int x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void uf_union(int *parent, int a, int b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a != b)
		parent[a < b ? b : a] = a < b ? a : b;
}

static int lit_value(const signed char *val, int l)
{
	int x = l < 0 ? -l : l;

	return l < 0 ? -val[x] : val[x];
}

static void mark(int *owner, int *parent, const signed char *val, int l,
		 int part, int *clash)
{
	int x = l < 0 ? -l : l, r;

	if (!l || l == COND_LIT_T || l == COND_LIT_F || val[x])
		return;
	r = uf_find(parent, x);
	if (owner[r] && owner[r] != part + 1 && !clash[0]) {
		clash[0] = owner[r];
		clash[1] = part + 1;
		clash[2] = r;
	}
	owner[r] = part + 1;
}

/*
 * A symbol of the two joined folders, read by one of them only, without a
 * prompt, in the component joining them: taken as shared, it may part
 * them.  NULL when there is none (the folders are merged instead).
 */
static const struct kc_symbol *joint(struct factor *f, int *parent,
				     const int *clash)
{
	size_t c, j;

	for (c = 0; c < 2; c++) {
		const struct part *p = f->parts.items[clash[c] - 1];

		for (j = 0; j < p->syms.len; j++) {
			const struct kc_symbol *sym = p->syms.items[j];
			int l = kc_sat_symbol_lit(f->s, sym, KC_YES);
			int lm = kc_sat_symbol_lit(f->s, sym, KC_MOD);

			if (f->reads[sym->id] > 1 || kc_symbol_prompt(sym) || !l)
				continue;
			if (uf_find(parent, l < 0 ? -l : l) == clash[2] ||
			    uf_find(parent, lm < 0 ? -lm : lm) == clash[2])
				return sym;
		}
	}
	return NULL;
}

/*
 * With the literals 'fixed' set, and what unit propagation forces, are the
 * folders' variables in separate components of the clauses left?
 */
static bool separate(struct factor *f, const int *fixed, size_t n_fixed)
{
	size_t nv = kc_sat_variables(f->s), len, i, start, k, j;
	const int *cl = kc_sat_clause_lits(f->s, &len);
	signed char *val = kc_xcalloc(nv + 1, 1);
	int *parent = kc_xcalloc(nv + 1, sizeof(int));
	int *owner = kc_xcalloc(nv + 1, sizeof(int));
	int clash[3] = { 0, 0, 0 };
	bool changed = true, ok = true;

	val[1] = 1;	/* the constant TRUE */
	for (i = 0; i < n_fixed; i++) {
		int x = fixed[i] < 0 ? -fixed[i] : fixed[i];

		val[x] = fixed[i] < 0 ? -1 : 1;
	}
	while (changed && ok) {
		changed = false;
		for (start = i = 0; i < len; i++) {
			int unknown = 0, last = 0;
			bool sat = false;

			if (cl[i])
				continue;
			for (k = start; k < i && !sat; k++) {
				int v = lit_value(val, cl[k]);

				if (v > 0)
					sat = true;
				else if (!v) {
					unknown++;
					last = cl[k];
				}
			}
			start = i + 1;
			if (sat || unknown > 1)
				continue;
			if (!unknown) {
				why(f, "the witness falsifies a clause");
				ok = false;
				break;
			}
			val[last < 0 ? -last : last] = last < 0 ? -1 : 1;
			changed = true;
		}
	}
	for (i = 0; i <= nv; i++)
		parent[i] = (int)i;
	for (start = i = 0; ok && i < len; i++) {
		int first = 0;
		bool sat = false;

		if (cl[i])
			continue;
		for (k = start; k < i; k++)
			if (lit_value(val, cl[k]) > 0)
				sat = true;
		for (k = start; k < i && !sat; k++) {
			int x = cl[k] < 0 ? -cl[k] : cl[k];

			if (val[x])
				continue;
			if (first)
				uf_union(parent, first, x);
			else
				first = x;
		}
		start = i + 1;
	}
	for (k = 0; ok && k < f->parts.len; k++) {
		const struct part *p = f->parts.items[k];

		for (j = 0; j < p->n_lits; j++)
			mark(owner, parent, val, p->lits[j], (int)k, clash);
		for (j = 0; j < p->syms.len; j++) {
			const struct kc_symbol *sym = p->syms.items[j];

			if (f->reads[sym->id] > 1)
				continue;
			mark(owner, parent, val, kc_sat_symbol_lit(f->s, sym, KC_YES),
			     (int)k, clash);
			mark(owner, parent, val, kc_sat_symbol_lit(f->s, sym, KC_MOD),
			     (int)k, clash);
		}
	}
	if (ok && clash[0]) {
		f->clash[0] = clash[0];
		f->clash[1] = clash[1];
		f->joint = joint(f, parent, clash);
		ok = false;
	}
	free(val);
	free(parent);
	free(owner);
	return ok;
}

/* ---- the answer ------------------------------------------------------------------------ */

/* Do two sets of keys have the same members (1), none in common (0), or some (-1)? */
static int compare_sets(const struct alts *x, const struct alts *y)
{
	size_t i, common = 0;

	for (i = 0; i < x->keys.len; i++)
		common += kc_map_get(y->set, x->keys.items[i]) != NULL;
	if (!common)
		return 0;
	return common == x->keys.len && common == y->keys.len ? 1 : -1;
}

static void when_text(struct factor *f, const enum kc_tristate *v,
		      struct kc_buf *t)
{
	size_t i;

	kc_buf_reset(t);
	for (i = 0; i < f->shared.len; i++)
		kc_buf_addf(t, "%s%s=%c", i ? " && " : "",
			    ((const struct kc_symbol *)f->shared.items[i])->name,
			    "nmy"[v[i]]);
	if (!f->shared.len)
		kc_buf_adds(t, "y");
}

static struct kc_build_alt make_alt(struct factor *f, const struct part *p,
				    const char *key, struct kc_arena *out)
{
	struct kc_build_alt alt;
	size_t j, n = 0;

	for (j = 0; j < p->items.len; j++)
		n += key[j] != 'n';
	alt.n = n;
	alt.on = kc_arena_alloc(out, (n + 1) * sizeof(*alt.on));
	for (n = j = 0; j < p->items.len; j++) {
		const struct presence_item *it =
			f->ps->item_list.items[(uintptr_t)p->items.items[j]];

		if (key[j] == 'n')
			continue;
		alt.on[n].name = kc_arena_strdup(out, it->name);
		alt.on[n].is_module = it->is_module;
		alt.on[n].builtin = key[j] != 'm';
		n++;
	}
	return alt;
}

/* Overlapping cases counted together at most: 2^N intersections. */
#define MAX_OVERLAPPING 12

/* Do the products of values x and y share builds (no folder disjoint)? */
static bool overlap(struct factor *f, size_t x, size_t y)
{
	size_t k;

	for (k = 0; k < f->parts.len; k++)
		if (!compare_sets(&f->alts[x][k], &f->alts[y][k]))
			return false;
	return true;
}

/* The builds the products of the values in 'set' (n of them) share. */
static __int128 intersection(struct factor *f, const size_t *set, size_t n)
{
	__int128 product = 1;
	size_t k, a, q;

	for (k = 0; k < f->parts.len && product; k++) {
		const struct alts *first = &f->alts[set[0]][k];
		size_t common = 0;

		for (a = 0; a < first->keys.len; a++) {
			for (q = 1; q < n; q++)
				if (!kc_map_get(f->alts[set[q]][k].set,
						first->keys.items[a]))
					break;
			common += q == n;
		}
		product *= (__int128)common;
	}
	return product;
}

/*
 * The number of builds: each case's product, where cases share builds
 * (values of the shared symbols hidden in some folders: VFIO_MDEV=y with
 * VFIO=m builds no mdev) by inclusion and exclusion over each group of
 * cases that share, each build counted once.  Records on each case the
 * others it shares builds with.
 */
static bool count_union(struct factor *f, const struct kc_vec *reps,
			struct kc_vec *cases, uint64_t *total)
{
	size_t n = reps->len, i, j, *group = kc_xcalloc(n + 1, sizeof(size_t));
	size_t members[MAX_OVERLAPPING], set[MAX_OVERLAPPING];
	__int128 sum = 0;
	bool ok = true;

	for (i = 0; i < n; i++)
		group[i] = i;
	for (i = 0; i < n; i++) {
		struct kc_build_case *ci = cases->items[i];

		for (j = 0; j < n; j++) {
			if (i == j || !overlap(f, (uintptr_t)reps->items[i],
					       (uintptr_t)reps->items[j]))
				continue;
			kc_vec_push(&ci->shares, (void *)(uintptr_t)(j + 1));
			if (j > i) {
				size_t gi = group[i], gj = group[j], q;

				for (q = 0; q < n; q++)
					if (group[q] == gj)
						group[q] = gi;
			}
		}
	}
	for (i = 0; i < n && ok; i++) {
		size_t m = 0, mask;

		if (group[i] != i)
			continue;
		for (j = 0; j < n; j++) {
			if (group[j] != i)
				continue;
			if (m == MAX_OVERLAPPING) {
				why(f, "more than %d values of the shared symbols "
				    "give overlapping builds", MAX_OVERLAPPING);
				ok = false;
				break;
			}
			members[m++] = (uintptr_t)reps->items[j];
		}
		for (mask = 1; ok && mask < ((size_t)1 << m); mask++) {
			size_t c = 0, q;

			for (q = 0; q < m; q++)
				if (mask & ((size_t)1 << q))
					set[c++] = members[q];
			sum += (c % 2 ? 1 : -1) * intersection(f, set, c);
		}
	}
	if (ok && (sum < 0 || sum > (__int128)UINT64_MAX)) {
		why(f, "the number of builds passes 2^64");
		ok = false;
	}
	*total = (uint64_t)sum;
	free(group);
	return ok;
}

/* The classes of values, their products, into b. */
static bool answer(struct factor *f, struct kc_builds *b)
{
	size_t nv = f->values.len, np = f->parts.len, i, j, k;
	size_t *class_of = kc_xcalloc(nv + 1, sizeof(size_t));
	struct kc_buf t = KC_BUF_INIT;
	struct kc_vec cases = KC_VEC_INIT, reps = KC_VEC_INIT;
	uint64_t total = 0;
	bool ok = true;

	for (i = 0; i < nv && ok; i++) {
		class_of[i] = i;
		for (j = 0; j < i && ok; j++) {
			bool disjoint = false, equal = true;

			if (class_of[j] != j)
				continue;
			/*
			 * The products are disjoint when one folder's sets
			 * are; the same when every folder's are.
			 */
			for (k = 0; k < np && !disjoint; k++) {
				int c = compare_sets(&f->alts[i][k], &f->alts[j][k]);

				disjoint = c == 0;
				equal = equal && c > 0;
			}
			if (disjoint || !equal)
				continue;
			class_of[i] = j;
			break;
		}
	}
	for (i = 0; i < nv && ok; i++) {
		struct kc_build_case *c;
		uint64_t product = 1;

		if (class_of[i] != i)
			continue;
		c = kc_arena_alloc(b->arena, sizeof(*c));
		memset(c, 0, sizeof(*c));
		c->n_parts = np;
		c->parts = kc_arena_alloc(b->arena, (np + 1) * sizeof(*c->parts));
		for (k = 0; k < np; k++) {
			const struct part *p = f->parts.items[k];
			const struct alts *al = &f->alts[i][k];
			struct kc_build_part *bp = &c->parts[k];

			bp->n_folders = p->folders.len;
			bp->folders = kc_arena_alloc(b->arena, (bp->n_folders + 1) *
						     sizeof(*bp->folders));
			for (j = 0; j < p->folders.len; j++)
				bp->folders[j] = kc_arena_strdup(b->arena,
								 p->folders.items[j]);
			bp->n_alts = al->keys.len;
			bp->alts = kc_arena_alloc(b->arena,
						  (bp->n_alts + 1) * sizeof(*bp->alts));
			for (j = 0; j < al->keys.len; j++)
				bp->alts[j] = make_alt(f, p, al->keys.items[j], b->arena);
			if (__builtin_mul_overflow(product, (uint64_t)al->keys.len,
						   &product)) {
				why(f, "the number of builds passes 2^64");
				ok = false;
			}
		}
		for (j = i; j < nv; j++) {
			if (class_of[j] != i)
				continue;
			when_text(f, f->values.items[j], &t);
			kc_vec_push(&c->when, kc_arena_strdup(b->arena, kc_buf_str(&t)));
		}
		c->builds = product;
		kc_vec_push(&cases, c);
		kc_vec_push(&reps, (void *)(uintptr_t)i);
	}
	if (ok)
		ok = count_union(f, &reps, &cases, &total);
	if (ok) {
		b->factored = true;
		b->n_builds = total;
		b->n_cases = cases.len;
		b->cases = kc_arena_alloc(b->arena, (cases.len + 1) * sizeof(*b->cases));
		for (i = 0; i < cases.len; i++)
			b->cases[i] = *(struct kc_build_case *)cases.items[i];
		b->n_shared = f->shared.len;
	} else {
		for (i = 0; i < cases.len; i++) {
			kc_vec_free(&((struct kc_build_case *)cases.items[i])->when);
			kc_vec_free(&((struct kc_build_case *)cases.items[i])->shares);
		}
	}
	kc_vec_free(&cases);
	kc_vec_free(&reps);
	kc_buf_free(&t);
	free(class_of);
	return ok;
}

/* Merges the two groups the separation found joined. */
static void merge(struct factor *f)
{
	const struct part *x = f->parts.items[f->clash[0] - 1];
	const struct part *y = f->parts.items[f->clash[1] - 1];
	size_t i;

	for (i = 0; i < y->folders.len; i++)
		kc_map_put(f->group_of, y->folders.items[i],
			   (void *)(uintptr_t)x->group);
}

static void attempt_free(struct factor *f)
{
	size_t i, k;

	for (i = 0; f->alts && i < f->values.len; i++) {
		for (k = 0; f->alts[i] && k < f->parts.len; k++) {
			kc_vec_free(&f->alts[i][k].keys);
			kc_vec_free(&f->alts[i][k].lits);
			kc_map_free(f->alts[i][k].set);
		}
		free(f->alts[i]);
	}
	free(f->alts);
	f->alts = NULL;
	for (k = 0; k < f->parts.len; k++) {
		struct part *p = f->parts.items[k];

		kc_vec_free(&p->items);
		kc_vec_free(&p->syms);
		kc_vec_free(&p->folders);
		free(p->lits);
	}
	kc_vec_free(&f->parts);
	kc_vec_free(&f->shared);
	kc_vec_free(&f->values);
	free(f->reads);
	free(f->item_y);
	free(f->item_m);
	cond_sat_free(&f->cs);
	kc_sat_free(f->s);
	kc_arena_free(f->a);
	free(f->var_sym);
	f->var_sym = NULL;
	f->n_var_sym = 0;
	f->reads = NULL;
	f->item_y = f->item_m = NULL;
	f->s = NULL;
	f->a = NULL;
}

/* One try with the groups as they are: true when b has the answer. */
static bool attempt(struct factor *f, const unsigned char *closure,
		    struct kc_eval *defaults, struct kc_builds *b)
{
	const struct presence_state *ps = f->ps;
	size_t i, k, n_items = ps->item_list.len, nh = 0, count;
	int *h, *assume;
	bool ok;

	f->a = kc_arena_new();
	f->s = kc_sat_new_subset(f->m, closure, false);
	cond_sat_init(&f->cs, f->s, f->m);
	kc_sat_prefer_defaults(f->s, defaults);
	f->reads = kc_xcalloc(kc_model_symbol_count(f->m) + 1, 1);
	f->item_y = kc_xcalloc(n_items + 1, sizeof(int));
	f->item_m = kc_xcalloc(n_items + 1, sizeof(int));
	for (i = 0; i < n_items; i++) {
		const struct presence_item *it = ps->item_list.items[i];

		f->item_y[i] = cond_sat_lit(&f->cs, ps->c, it->y);
		f->item_m[i] = cond_sat_lit(&f->cs, ps->c, it->m);
	}
	make_parts(f);
	ok = f->parts.len > 1;
	if (!ok)
		why(f, "the constraints join every folder");
	ok = ok && shared_values(f);
	if (ok && !f->values.len) {
		why(f, "no valid configuration");
		ok = false;
	}
	f->alts = kc_xcalloc(f->values.len + 1, sizeof(*f->alts));
	count = kc_sat_symbol_count(f->s);
	f->n_var_sym = kc_sat_variables(f->s) + 1;
	f->var_sym = kc_xcalloc(f->n_var_sym, sizeof(*f->var_sym));
	for (i = 0; i < count; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(f->s, i);
		int l[2] = { kc_sat_symbol_lit(f->s, sym, KC_YES),
			     kc_sat_symbol_lit(f->s, sym, KC_MOD) };

		for (k = 0; k < 2; k++) {
			int x = l[k] < 0 ? -l[k] : l[k];

			if (x > 1 && (size_t)x < f->n_var_sym)
				f->var_sym[x] = sym;
		}
	}
	h = kc_xcalloc(2 * count + 1, sizeof(int));
	assume = kc_xcalloc(2 * count + 2 * f->shared.len + 2 * n_items + 1,
			    sizeof(int));
	/*
	 * Value by value, so that folders the constraints join are found
	 * before every value's alternatives are.
	 */
	for (i = 0; ok && i < f->values.len; i++) {
		size_t ns;

		f->alts[i] = kc_xcalloc(f->parts.len + 1, sizeof(**f->alts));
		kc_sat_prefer_defaults(f->s, defaults);
		for (k = 0; ok && k < f->parts.len; k++)
			ok = part_alts(f, f->parts.items[k], f->values.items[i],
				       &f->alts[i][k]);
		if (!ok)
			break;
		/* A permissive witness first: every symbol y where it can be. */
		kc_sat_prefer_phase(f->s, true);
		if (!find_witness(f, i, h, &nh, assume)) {
			why(f, "no one value of the other symbols lets every "
			    "folder have all of its builds");
			ok = false;
			break;
		}
		ns = shared_lits(f, f->values.items[i], assume);
		memcpy(assume + ns, h, nh * sizeof(int));
		ok = separate(f, assume, ns + nh);
	}
	if (ok)
		ok = answer(f, b);
	free(h);
	free(assume);
	return ok;
}

int kc_builds_factor(const struct kc_model *m, const unsigned char *closure,
		     struct presence_state *ps, struct kc_eval *defaults,
		     size_t max_alts, struct kc_builds *b, struct kc_buf *why_not)
{
	struct factor f;
	int tries;
	bool ok;

	memset(&f, 0, sizeof(f));
	f.m = m;
	f.ps = ps;
	f.why = why_not;
	f.max_alts = max_alts;
	f.group_of = kc_map_new(64);
	f.keep = kc_arena_new();
	f.cond_on = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	for (tries = 0;; tries++) {
		if (tries == MAX_ATTEMPTS) {
			why(&f, "still joined after %d merges and shared symbols",
			    MAX_ATTEMPTS);
			ok = false;
			break;
		}
		f.clash[0] = f.clash[1] = 0;
		f.joint = NULL;
		ok = attempt(&f, closure, defaults, b);
		if (!ok && f.clash[0] && !why_not->len) {
			if (f.joint)
				f.cond_on[f.joint->id] = 1;
			else
				merge(&f);
			attempt_free(&f);
			continue;
		}
		break;
	}
	attempt_free(&f);
	kc_map_free(f.group_of);
	kc_arena_free(f.keep);
	free(f.cond_on);
	return ok ? 0 : 1;
}
