/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * count.c - counting valid configurations exactly, and the distinct
 * assignments of a few symbols (projections) with their counts.
 *
 * The CNF (kc_sat_clause_lits) becomes a reduced ordered binary decision
 * diagram over the symbol variables.  Each gate is read back as the
 * function its clauses define (checked: exactly one value of the gate for
 * every value of its inputs) and put in where it is used; the remaining
 * constraints are conjoined in a FORCE variable order, and variables that
 * are neither a symbol's nor a gate's (comparison atoms, guards) are
 * quantified away (exists) after their last constraint.  What remains is
 * a function of the symbol variables alone whose satisfying assignments
 * are the valid configurations: a configuration counts once however many
 * outcomes of its comparisons the CNF allows (docs/sat.md, "Counting").
 *
 * A small diagram package of its own rather than a library: BuDDy and its
 * kin keep one diagram space per process in global state, exit on errors
 * and count in floating point, where this one lives in its handle, stops
 * at a node limit with an error and counts in checked 64-bit integers.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_config.h"
#include "kc_eval.h"
#include "kc_sat.h"

#define NODE_FALSE 0
#define NODE_TRUE 1
#define DEFAULT_MAX_NODES ((size_t)4 << 20)
#define GC_FLOOR ((size_t)1 << 16)	/* no collection below this many nodes */

enum { OP_AND = 1, OP_OR, OP_NOT, OP_COFACTOR, OP_EXISTS };

struct node {
	int level;		/* position in the variable order */
	int lo, hi;		/* the variable false, true */
};

struct cache_slot {
	int op, a, b, r;	/* op 0: empty */
};

struct kc_count {
	struct kc_sat *s;
	struct node *nodes;
	size_t len, cap, max;
	int *unique;		/* node indices, 0 for an empty slot */
	size_t umask;
	struct cache_slot *cache;
	size_t cmask;
	int gen;		/* makes each quantification's cache entries its own */
	int nlevels;
	int *level;		/* by variable: its level, -1 when in no clause */
	int *var_at;		/* by level: the variable */
	int *cfg_from;		/* by level: symbol-variable levels at or below */
	unsigned char *mark;	/* by level: quantify in this pass */
	int deepest_mark;
	uint64_t *memo;		/* counting: by node, valid when memo_gen matches */
	unsigned *memo_gen;
	size_t memo_cap;
	unsigned count_gen;
	/*
	 * The count below a node under no assumption on its levels, kept
	 * from call to call (nodes never change once made): counting many
	 * partial assignments then revisits only the levels they assume.
	 */
	uint64_t *whole;
	unsigned char *whole_known;
	size_t whole_cap;
	int deepest_assigned;	/* -1: no assumption */
	signed char *assign;	/* by level: -1 open, else the assumed value */
	int *open_from;		/* by level: open symbol levels at or below */
	int root;
	bool full;		/* the node limit was reached */
	/*
	 * By variable: the function a gate's clauses define, over symbol
	 * variables and free ones (-1: not a gate), kept for
	 * kc_count_images().
	 */
	int *fn;
	int nvars;
	size_t kept;		/* nodes after the last collection */
};

static void new_stamp(struct kc_count *c);

/* ---- the diagram ---------------------------------------------------------- */

static size_t hash3(int a, int b, int c)
{
	uint64_t h = (uint64_t)(uint32_t)a * 0x9e3779b97f4a7c15ull;

	h ^= ((uint64_t)(uint32_t)b + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;
	h ^= ((uint64_t)(uint32_t)c + 0x2545f4914f6cdd1dull) * 0x94d049bb133111ebull;
	return (size_t)(h ^ (h >> 29));
}

static void unique_insert(struct kc_count *c, int k)
{
	const struct node *n = &c->nodes[k];
	size_t h = hash3(n->level, n->lo, n->hi) & c->umask;

	while (c->unique[h])
		h = (h + 1) & c->umask;
	c->unique[h] = k;
}

static void unique_grow(struct kc_count *c)
{
	size_t k;

	free(c->unique);
	c->umask = c->umask * 2 + 1;
	c->unique = kc_xcalloc(c->umask + 1, sizeof(int));
	for (k = 2; k < c->len; k++)
		unique_insert(c, (int)k);
}

/* The node (level, lo, hi), shared; FALSE once the limit is reached. */
static int mk(struct kc_count *c, int level, int lo, int hi)
{
	size_t h;
	int k;

	if (lo == hi)
		return lo;
	h = hash3(level, lo, hi) & c->umask;
	while ((k = c->unique[h]) != 0) {
		const struct node *n = &c->nodes[k];

		if (n->level == level && n->lo == lo && n->hi == hi)
			return k;
		h = (h + 1) & c->umask;
	}
	if (c->len >= c->max) {
		c->full = true;
		return NODE_FALSE;
	}
	KC_GROW(c->nodes, c->cap, c->len + 1);
	c->nodes[c->len].level = level;
	c->nodes[c->len].lo = lo;
	c->nodes[c->len].hi = hi;
	c->unique[h] = (int)c->len++;
	if (c->len * 2 > c->umask)
		unique_grow(c);
	return (int)c->len - 1;
}

static struct cache_slot *cache_slot(struct kc_count *c, int op, int a, int b)
{
	return &c->cache[hash3(op, a, b) & c->cmask];
}

static int apply(struct kc_count *c, int op, int a, int b)
{
	struct cache_slot *slot;
	int la, lb, l, lo, hi, r;

	if (op == OP_AND) {
		if (a == NODE_FALSE || b == NODE_FALSE)
			return NODE_FALSE;
		if (a == NODE_TRUE || a == b)
			return b;
		if (b == NODE_TRUE)
			return a;
	} else {
		if (a == NODE_TRUE || b == NODE_TRUE)
			return NODE_TRUE;
		if (a == NODE_FALSE || a == b)
			return b;
		if (b == NODE_FALSE)
			return a;
	}
	if (a > b) {
		r = a;
		a = b;
		b = r;
	}
	slot = cache_slot(c, op, a, b);
	if (slot->op == op && slot->a == a && slot->b == b)
		return slot->r;
	la = c->nodes[a].level;
	lb = c->nodes[b].level;
	l = la < lb ? la : lb;
	lo = apply(c, op, la == l ? c->nodes[a].lo : a,
		   lb == l ? c->nodes[b].lo : b);
	hi = apply(c, op, la == l ? c->nodes[a].hi : a,
		   lb == l ? c->nodes[b].hi : b);
	r = mk(c, l, lo, hi);
	slot = cache_slot(c, op, a, b);
	*slot = (struct cache_slot){ op, a, b, r };
	return r;
}

/* f with the variables of the marked levels quantified away. */
static int exists_rec(struct kc_count *c, int f)
{
	struct cache_slot *slot;
	int op = OP_EXISTS + c->gen, l, lo, hi, r;

	if (f <= NODE_TRUE || c->nodes[f].level > c->deepest_mark)
		return f;
	slot = cache_slot(c, op, f, 0);
	if (slot->op == op && slot->a == f)
		return slot->r;
	l = c->nodes[f].level;
	lo = exists_rec(c, c->nodes[f].lo);
	hi = exists_rec(c, c->nodes[f].hi);
	r = c->mark[l] ? apply(c, OP_OR, lo, hi) : mk(c, l, lo, hi);
	slot = cache_slot(c, op, f, 0);
	*slot = (struct cache_slot){ op, f, 0, r };
	return r;
}

/* Quantifies the marked levels away and clears the marks. */
static int exists(struct kc_count *c, int f)
{
	int r;

	/* A fresh op code per pass: the marks differ from pass to pass. */
	if (c->gen > 0x3ffffff0)
		memset(c->cache, 0, (c->cmask + 1) * sizeof(*c->cache));
	c->gen = c->gen > 0x3ffffff0 ? 0 : c->gen + 1;
	r = exists_rec(c, f);
	memset(c->mark, 0, (size_t)c->nlevels);
	c->deepest_mark = -1;
	return r;
}

static void mark_level(struct kc_count *c, int l)
{
	c->mark[l] = 1;
	if (l > c->deepest_mark)
		c->deepest_mark = l;
}

/*
 * Copies the nodes f reaches into the fresh array c->nodes (garbage
 * collection: building the diagram makes far more intermediate nodes
 * than it keeps); 'map' takes old indices to new ones.
 */
static int gc_copy(struct kc_count *c, const struct node *old, int *map,
		   int f)
{
	int lo, hi;

	if (f <= NODE_TRUE || map[f])
		return f <= NODE_TRUE ? f : map[f];
	lo = gc_copy(c, old, map, old[f].lo);
	hi = gc_copy(c, old, map, old[f].hi);
	c->nodes[c->len] = (struct node){ old[f].level, lo, hi };
	map[f] = (int)c->len++;
	return map[f];
}

/* ---- the variable order ------------------------------------------------------ */

struct order_key {
	int64_t key;
	int var;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->var > y->var) - (x->var < y->var);
}

#define UNSET INT64_MIN

/* Each non-symbol variable of a clause after its lower-numbered ones. */
static void key_after_inputs(const int *cl, size_t n, int64_t *key,
			     const unsigned char *is_sym)
{
	size_t j, k;

	for (j = 0; j < n; j++) {
		int x = abs(cl[j]);

		if (is_sym[x])
			continue;
		for (k = 0; k < n; k++) {
			int y = abs(cl[k]);

			if (y < x && key[y] != UNSET &&
			    (key[x] == UNSET || key[y] + 1 > key[x]))
				key[x] = key[y] + 1;
		}
	}
}

/* A variable still without a place goes just before its first user. */
static void key_before_user(const int *cl, size_t n, int64_t *key)
{
	size_t j, k;

	for (j = 0; j < n; j++) {
		int x = abs(cl[j]);

		if (key[x] != UNSET)
			continue;
		for (k = 0; k < n; k++) {
			int y = abs(cl[k]);

			if (y != x && key[y] != UNSET)
				key[x] = key[y] - 1;
		}
	}
}

/*
 * Symbol variables in the model's order; every other variable just after
 * the latest of the lower-numbered variables it shares a clause with (a
 * gate is numbered after its inputs, so it lands by its inputs), and one
 * with none of those (a comparison atom) just before its first user.
 */
static void order_variables(struct kc_count *c, const int *cl, size_t len,
			    int nvars, const unsigned char *is_sym)
{
	struct order_key *ok = kc_xcalloc((size_t)nvars + 1, sizeof(*ok));
	int64_t *key = kc_xmalloc(((size_t)nvars + 1) * sizeof(int64_t));
	size_t i, start;
	int v, pass, n = 0;

	for (v = 0; v <= nvars; v++)
		key[v] = UNSET;
	for (i = 0; i < kc_sat_symbol_count(c->s); i++) {
		const struct kc_symbol *sym = kc_sat_symbol(c->s, i);

		key[kc_sat_symbol_lit(c->s, sym, KC_MOD)] = (int64_t)i << 20;
		key[kc_sat_symbol_lit(c->s, sym, KC_YES)] = (int64_t)i << 20;
	}
	for (pass = 0; pass < 3; pass++) {
		for (start = 0, i = 0; i < len; i++) {
			if (cl[i])
				continue;
			if (pass < 2)
				key_after_inputs(cl + start, i - start, key,
						 is_sym);
			else
				key_before_user(cl + start, i - start, key);
			start = i + 1;
		}
	}
	for (v = 1; v <= nvars; v++) {
		if (c->level[v] == -2) {	/* in some clause */
			if (key[v] == UNSET)
				key[v] = 0;
			ok[n].key = key[v];
			ok[n++].var = v;
		}
	}
	qsort(ok, (size_t)n, sizeof(*ok), cmp_order);
	c->nlevels = n;
	c->var_at = kc_xcalloc((size_t)n + 1, sizeof(int));
	for (i = 0; i < (size_t)n; i++) {
		c->level[ok[i].var] = (int)i;
		c->var_at[i] = ok[i].var;
	}
	free(ok);
	free(key);
}

/* ---- building the diagram ------------------------------------------------------ */

/* The instance's clauses and its guards (as unit clauses), flat. */
static int *all_clauses(struct kc_sat *s, size_t *len)
{
	const int *guards, *cl = kc_sat_clause_lits(s, len);
	size_t i, ng = kc_sat_guards(s, &guards);
	int *out = kc_xmalloc((*len + 2 * ng + 1) * sizeof(int));

	memcpy(out, cl, *len * sizeof(int));
	for (i = 0; i < ng; i++) {
		out[(*len)++] = guards[i];
		out[(*len)++] = 0;
	}
	return out;
}

static void setup(struct kc_count *c, int nvars, const int *cl, size_t len,
		  unsigned char *is_sym)
{
	size_t i;
	int l;

	c->level = kc_xmalloc(((size_t)nvars + 1) * sizeof(int));
	for (i = 0; i <= (size_t)nvars; i++)
		c->level[i] = -1;
	for (i = 0; i < len; i++)
		if (cl[i])
			c->level[abs(cl[i])] = -2;
	for (i = 0; i < kc_sat_symbol_count(c->s); i++) {
		const struct kc_symbol *sym = kc_sat_symbol(c->s, i);

		is_sym[kc_sat_symbol_lit(c->s, sym, KC_MOD)] = 1;
		is_sym[kc_sat_symbol_lit(c->s, sym, KC_YES)] = 1;
	}
	/* A symbol variable no clause mentions is still a free choice. */
	for (i = 1; i <= (size_t)nvars; i++)
		if (is_sym[i])
			c->level[i] = -2;
	order_variables(c, cl, len, nvars, is_sym);
	c->cfg_from = kc_xcalloc((size_t)c->nlevels + 1, sizeof(int));
	for (l = c->nlevels - 1; l >= 0; l--)
		c->cfg_from[l] = c->cfg_from[l + 1] + is_sym[c->var_at[l]];
	c->mark = kc_xcalloc((size_t)c->nlevels + 1, 1);
	c->assign = kc_xmalloc((size_t)c->nlevels + 1);
	c->open_from = kc_xcalloc((size_t)c->nlevels + 1, sizeof(int));
	c->deepest_mark = -1;
	c->umask = 4095;
	c->unique = kc_xcalloc(c->umask + 1, sizeof(int));
	c->cmask = ((size_t)1 << 18) - 1;
	c->cache = kc_xcalloc(c->cmask + 1, sizeof(*c->cache));
	c->cap = 4096;
	c->nodes = kc_xmalloc(c->cap * sizeof(*c->nodes));
	c->nodes[NODE_FALSE] = (struct node){ c->nlevels, 0, 0 };
	c->nodes[NODE_TRUE] = (struct node){ c->nlevels, 1, 1 };
	c->len = 2;
}

static int negate(struct kc_count *c, int f)
{
	struct cache_slot *slot;
	int r;

	if (f <= NODE_TRUE)
		return !f;
	slot = cache_slot(c, OP_NOT, f, 0);
	if (slot->op == OP_NOT && slot->a == f)
		return slot->r;
	r = mk(c, c->nodes[f].level, negate(c, c->nodes[f].lo),
	       negate(c, c->nodes[f].hi));
	slot = cache_slot(c, OP_NOT, f, 0);
	*slot = (struct cache_slot){ OP_NOT, f, 0, r };
	return r;
}

/* f with the variable of level l set to b. */
static int cofactor(struct kc_count *c, int f, int l, int b)
{
	struct cache_slot *slot;
	int r, key = l * 2 + b;

	if (f <= NODE_TRUE || c->nodes[f].level > l)
		return f;
	if (c->nodes[f].level == l)
		return b ? c->nodes[f].hi : c->nodes[f].lo;
	slot = cache_slot(c, OP_COFACTOR, f, key);
	if (slot->op == OP_COFACTOR && slot->a == f && slot->b == key)
		return slot->r;
	r = mk(c, c->nodes[f].level, cofactor(c, c->nodes[f].lo, l, b),
	       cofactor(c, c->nodes[f].hi, l, b));
	slot = cache_slot(c, OP_COFACTOR, f, key);
	*slot = (struct cache_slot){ OP_COFACTOR, f, key, r };
	return r;
}

/*
 * Reading the CNF back as circuits: 'fn' gives, for each variable the
 * clauses define as a function of earlier ones (a gate), that function
 * as a diagram over symbol variables and free variables; -1 for a free
 * variable (a symbol variable, a comparison atom, a guard).
 */
struct circuit {
	const int *cl;
	size_t *start;		/* by clause: its first literal */
	size_t nclauses;
	int *fn;
	unsigned char *used;	/* by clause: part of a definition */
};

static int lit_fn(struct kc_count *c, const struct circuit *k, int lit)
{
	int v = abs(lit);
	int f = k->fn[v] >= 0 ? k->fn[v] : mk(c, c->level[v], NODE_FALSE,
						NODE_TRUE);

	return lit < 0 ? negate(c, f) : f;
}

static int clause_fn(struct kc_count *c, const struct circuit *k, size_t i)
{
	size_t j;
	int r = NODE_FALSE;

	for (j = k->start[i]; k->cl[j] && !c->full; j++)
		r = apply(c, OP_OR, r, lit_fn(c, k, k->cl[j]));
	return r;
}

static int max_var(const struct circuit *k, size_t i)
{
	size_t j;
	int m = 0;

	for (j = k->start[i]; k->cl[j]; j++)
		if (abs(k->cl[j]) > m)
			m = abs(k->cl[j]);
	return m;
}

/*
 * Does the run of clauses [i, i + n) define v, the largest variable of
 * each, as a function of the others: for every value of those, exactly
 * one value of v satisfies them?  If so, sets fn[v].  The encoder writes
 * a gate's clauses right after making its variable, so the first clauses
 * that have v as their largest variable are its definition (a user's
 * clause may follow them; then the test fails and a shorter run is tried).
 */
static bool try_define(struct kc_count *c, struct circuit *k, int v,
		       size_t i, size_t n)
{
	int d = NODE_TRUE, hi, lo, l = c->level[v];
	size_t j;

	for (j = i; j < i + n && !c->full; j++)
		d = apply(c, OP_AND, d, clause_fn(c, k, j));
	hi = cofactor(c, d, l, 1);
	lo = cofactor(c, d, l, 0);
	if (apply(c, OP_OR, hi, lo) != NODE_TRUE ||
	    apply(c, OP_AND, hi, lo) != NODE_FALSE)
		return false;
	k->fn[v] = hi;
	for (j = i; j < i + n; j++)
		k->used[j] = 1;
	return true;
}

static void find_definitions(struct kc_count *c, struct circuit *k,
			     const unsigned char *is_sym)
{
	size_t i, n;

	for (i = 0; i < k->nclauses && !c->full; i++) {
		int v = max_var(k, i);

		if (!v || is_sym[v] || k->fn[v] >= 0 || k->used[i])
			continue;
		for (n = 0; i + n < k->nclauses && max_var(k, i + n) == v; n++)
			;
		for (; n > 0 && !c->full; n--)
			if (try_define(c, k, v, i, n))
				break;
		/* v's first clauses do not define it: it is free for good. */
		k->fn[v] = k->fn[v] >= 0 ? k->fn[v] : -2;
	}
}

/* Copies what is still needed to a fresh node array (see gc_copy). */
static void circuit_gc(struct kc_count *c, struct circuit *k, int nvars)
{
	struct node *old = c->nodes;
	int *map = kc_xcalloc(c->len, sizeof(int));
	int v;

	c->nodes = kc_xmalloc(c->cap * sizeof(*c->nodes));
	c->nodes[NODE_FALSE] = old[NODE_FALSE];
	c->nodes[NODE_TRUE] = old[NODE_TRUE];
	c->len = 2;
	for (v = 1; v <= nvars; v++)
		if (k->fn[v] >= 0)
			k->fn[v] = gc_copy(c, old, map, k->fn[v]);
	c->root = gc_copy(c, old, map, c->root);
	free(old);
	free(map);
	memset(c->unique, 0, (c->umask + 1) * sizeof(int));
	for (v = 2; v < (int)c->len; v++)
		unique_insert(c, v);
	memset(c->cache, 0, (c->cmask + 1) * sizeof(*c->cache));
}

struct keyed {
	int key;
	size_t i;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static void support(struct kc_count *c, int f, unsigned char *in);

/*
 * The clauses that define no gate, deepest top variable first: the
 * conjunction then grows from the bottom of the order up, and each step
 * adds a constraint just above what is there.
 */
static size_t clause_order(struct kc_count *c, struct circuit *k,
			   struct keyed *out)
{
	size_t i, n = 0;

	for (i = 0; i < k->nclauses && !c->full; i++) {
		int f;

		if (k->used[i])
			continue;
		f = clause_fn(c, k, i);
		out[n].key = c->nodes[f].level;
		out[n++].i = i;
	}
	qsort(out, n, sizeof(*out), cmp_keyed);
	return n;
}

/*
 * Levels grouped by a key (a clause, a step): key[l] is level l's, -1 for
 * none; the levels of key k are (*at)[(*from)[k]] up to (*from)[k + 1],
 * in order.
 */
static void levels_by_key(const int *key, int nlevels, size_t nkeys,
			  size_t **from, int **at)
{
	size_t *f = kc_xcalloc(nkeys + 2, sizeof(size_t)), *next, k;
	int *a = kc_xcalloc((size_t)nlevels + 1, sizeof(int)), l;

	for (l = 0; l < nlevels; l++)
		if (key[l] >= 0)
			f[key[l] + 1]++;
	for (k = 1; k <= nkeys; k++)
		f[k] += f[k - 1];
	next = kc_xmalloc((nkeys + 1) * sizeof(size_t));
	memcpy(next, f, (nkeys + 1) * sizeof(size_t));
	for (l = 0; l < nlevels; l++)
		if (key[l] >= 0)
			a[next[key[l]]++] = l;
	free(next);
	*from = f;
	*at = a;
}

/* Is v a free variable that some clause reads ('last': by clause + 1)? */
static bool frees(const struct circuit *k, const unsigned char *is_sym, int v,
		  const size_t *last)
{
	return last[v] && !is_sym[v] && k->fn[v] < 0;
}

/*
 * The clauses that define no gate, each a diagram over symbol and free
 * variables once the gates' functions are put in, conjoined; a free
 * variable that is not a symbol's is quantified away after the last
 * clause whose function reads it.
 */
static void conjoin_rest(struct kc_count *c, struct circuit *k,
			 const unsigned char *is_sym, int nvars)
{
	size_t *last = kc_xcalloc((size_t)nvars + 1, sizeof(size_t));
	struct keyed *order = kc_xmalloc((k->nclauses + 1) * sizeof(*order));
	unsigned char *in;
	size_t o, n, live = GC_FLOOR, *from;
	int l, *gone, *key;

	n = clause_order(c, k, order);
	/*
	 * A free variable's last clause is the last whose function reads
	 * it, gates put in: a comparison atom may be read only inside a
	 * gate (B depends on "A && N > 2"), in no clause of its own.
	 */
	in = kc_xcalloc((size_t)c->nlevels + 1, 1);
	for (o = 0; o < n && !c->full; o++) {
		memset(in, 0, (size_t)c->nlevels);
		new_stamp(c);
		support(c, clause_fn(c, k, order[o].i), in);
		for (l = 0; l < c->nlevels; l++)
			if (in[l])
				last[c->var_at[l]] = o + 1;
	}
	/* The free variables by their last clause. */
	key = kc_xmalloc(((size_t)c->nlevels + 1) * sizeof(int));
	for (l = 0; l < c->nlevels; l++)
		key[l] = frees(k, is_sym, c->var_at[l], last) ?
			 (int)last[c->var_at[l]] - 1 : -1;
	levels_by_key(key, c->nlevels, n, &from, &gone);
	free(key);
	c->root = NODE_TRUE;
	for (o = 0; o < n && !c->full; o++) {
		size_t i = order[o].i, g;
		bool any = false;

		c->root = apply(c, OP_AND, c->root, clause_fn(c, k, i));
		for (g = from[o]; g < from[o + 1]; g++) {
			mark_level(c, gone[g]);
			any = true;
		}
		if (any)
			c->root = exists(c, c->root);
		if (c->len > 2 * live && !c->full) {
			circuit_gc(c, k, nvars);
			live = c->len > GC_FLOOR ? c->len : GC_FLOOR;
		}
	}
	free(in);
	free(from);
	free(gone);
	free(order);
	free(last);
}

/* The levels f depends on, marked in 'in'. */
static void support(struct kc_count *c, int f, unsigned char *in)
{
	if (f <= NODE_TRUE || c->memo_gen[f] == c->count_gen)
		return;
	c->memo_gen[f] = c->count_gen;
	in[c->nodes[f].level] = 1;
	support(c, c->nodes[f].lo, in);
	support(c, c->nodes[f].hi, in);
}

static void new_stamp(struct kc_count *c)
{
	if (c->memo_cap < c->len) {
		size_t old = c->memo_cap;

		KC_GROW(c->memo, c->memo_cap, c->len);
		c->memo_gen = kc_xrealloc(c->memo_gen,
					  c->memo_cap * sizeof(unsigned));
		memset(c->memo_gen + old, 0,
		       (c->memo_cap - old) * sizeof(unsigned));
	}
	if (++c->count_gen == 0) {
		memset(c->memo_gen, 0, c->memo_cap * sizeof(unsigned));
		c->count_gen = 1;
	}
}

/*
 * The remaining clauses as hyperedges over variables (the support of
 * each clause once gates are put in): edge e is vars[from[e]..from[e+1]).
 */
struct edges {
	int *vars;
	size_t *from;
	size_t n, len, cap, fcap;
};

static void clause_edges(struct kc_count *c, struct circuit *k,
			 struct edges *e)
{
	unsigned char *in = kc_xcalloc((size_t)c->nlevels + 1, 1);
	size_t i;
	int l;

	KC_GROW(e->from, e->fcap, 1);
	e->from[0] = 0;
	for (i = 0; i < k->nclauses && !c->full; i++) {
		int f;

		if (k->used[i])
			continue;
		f = clause_fn(c, k, i);
		memset(in, 0, (size_t)c->nlevels);
		new_stamp(c);
		support(c, f, in);
		for (l = 0; l < c->nlevels; l++) {
			if (!in[l])
				continue;
			KC_GROW(e->vars, e->cap, e->len + 1);
			e->vars[e->len++] = c->var_at[l];
		}
		KC_GROW(e->from, e->fcap, e->n + 2);
		e->from[++e->n] = e->len;
	}
	free(in);
}

struct ranked {
	double pos;
	int var;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return (x->var > y->var) - (x->var < y->var);
}

/* Sum over the edges of their length in the order 'pos' (ranks). */
static double total_span(const struct edges *e, const double *pos)
{
	double span = 0;
	size_t i, j;

	for (i = 0; i < e->n; i++) {
		double lo = 1e300, hi = -1e300;

		for (j = e->from[i]; j < e->from[i + 1]; j++) {
			double p = pos[e->vars[j]];

			lo = p < lo ? p : lo;
			hi = p > hi ? p : hi;
		}
		if (hi >= lo)
			span += hi - lo;
	}
	return span;
}

#define FORCE_ROUNDS 50

/*
 * FORCE (Aloul, Markov, Sakallah 2003): every variable moves to the
 * mean centre of the clauses it is in, then ranks are taken again; the
 * ranking with the shortest total clause span wins.  Variables that share
 * constraints end up close, which keeps the diagram small.  'pos' holds
 * the starting ranks (the current levels) and gets the best ones.
 */
static void force_order(const struct edges *e, double *pos, int nvars,
			struct ranked *r, size_t nr)
{
	double *sum = kc_xcalloc((size_t)nvars + 1, sizeof(double));
	double *cnt = kc_xcalloc((size_t)nvars + 1, sizeof(double));
	double *best = kc_xmalloc(((size_t)nvars + 1) * sizeof(double));
	double best_span = total_span(e, pos);
	size_t i, j;
	int round;

	memcpy(best, pos, ((size_t)nvars + 1) * sizeof(double));
	for (round = 0; round < FORCE_ROUNDS; round++) {
		double span;

		memset(sum, 0, ((size_t)nvars + 1) * sizeof(double));
		memset(cnt, 0, ((size_t)nvars + 1) * sizeof(double));
		for (i = 0; i < e->n; i++) {
			double cog = 0;
			size_t n = e->from[i + 1] - e->from[i];

			for (j = e->from[i]; j < e->from[i + 1]; j++)
				cog += pos[e->vars[j]];
			for (j = e->from[i]; j < e->from[i + 1]; j++) {
				sum[e->vars[j]] += cog / (double)n;
				cnt[e->vars[j]] += 1;
			}
		}
		for (i = 0; i < nr; i++)
			if (cnt[r[i].var] > 0)
				r[i].pos = sum[r[i].var] / cnt[r[i].var];
		qsort(r, nr, sizeof(*r), cmp_ranked);
		for (i = 0; i < nr; i++)
			pos[r[i].var] = r[i].pos = (double)i;
		span = total_span(e, pos);
		if (span < best_span) {
			best_span = span;
			memcpy(best, pos, ((size_t)nvars + 1) * sizeof(double));
		}
	}
	memcpy(pos, best, ((size_t)nvars + 1) * sizeof(double));
	free(sum);
	free(cnt);
	free(best);
}

/* Takes the levels from the ranks in 'pos' and starts an empty diagram. */
static void reorder(struct kc_count *c, const double *pos,
		    const unsigned char *is_sym)
{
	struct ranked *r = kc_xmalloc((size_t)c->nlevels * sizeof(*r));
	int l, n = c->nlevels;

	for (l = 0; l < n; l++) {
		r[l].var = c->var_at[l];
		r[l].pos = pos[c->var_at[l]];
	}
	qsort(r, (size_t)n, sizeof(*r), cmp_ranked);
	for (l = 0; l < n; l++) {
		c->var_at[l] = r[l].var;
		c->level[r[l].var] = l;
	}
	for (l = n - 1; l >= 0; l--)
		c->cfg_from[l] = c->cfg_from[l + 1] + is_sym[c->var_at[l]];
	c->len = 2;
	memset(c->unique, 0, (c->umask + 1) * sizeof(int));
	memset(c->cache, 0, (c->cmask + 1) * sizeof(*c->cache));
	free(r);
}

/*
 * A better order than the model's for the conjunction: FORCE over the
 * clauses that remain once gates are read as functions.  Variables in no
 * such clause (gates, unused ones) go on top, where they cost nothing.
 */
static void improve_order(struct kc_count *c, struct circuit *k,
			  const unsigned char *is_sym, int nvars)
{
	struct edges e = { 0 };
	double *pos = kc_xcalloc((size_t)nvars + 1, sizeof(double));
	struct ranked *r = kc_xmalloc(((size_t)c->nlevels + 1) * sizeof(*r));
	size_t i, nr = 0;
	int l;

	clause_edges(c, k, &e);
	for (i = 0; i < e.len; i++)
		pos[e.vars[i]] = 1;	/* in some edge */
	for (l = 0; l < c->nlevels; l++) {
		int v = c->var_at[l];

		if (pos[v] > 0)
			r[nr++] = (struct ranked){ (double)l, v };
		else
			pos[v] = (double)l - c->nlevels;	/* on top */
	}
	for (i = 0; i < nr; i++)
		pos[r[i].var] = (double)i;
	force_order(&e, pos, nvars, r, nr);
	reorder(c, pos, is_sym);
	for (l = 0; l <= nvars; l++)
		k->fn[l] = -1;
	memset(k->used, 0, k->nclauses);
	free(e.vars);
	free(e.from);
	free(pos);
	free(r);
}

static void conjoin(struct kc_count *c, const int *cl, size_t len,
		    const unsigned char *is_sym)
{
	int nvars = (int)kc_sat_variables(c->s), v;
	struct circuit k = { cl, NULL, 0, NULL, NULL };
	size_t i, cap = 0, from = 0;

	for (i = 0; i < len; i++) {
		if (cl[i])
			continue;
		KC_GROW(k.start, cap, k.nclauses + 1);
		k.start[k.nclauses++] = from;
		from = i + 1;
	}
	k.fn = kc_xmalloc(((size_t)nvars + 1) * sizeof(int));
	for (v = 0; v <= nvars; v++)
		k.fn[v] = -1;
	k.used = kc_xcalloc(k.nclauses + 1, 1);
	find_definitions(c, &k, is_sym);
	if (!c->full) {
		improve_order(c, &k, is_sym, nvars);
		find_definitions(c, &k, is_sym);
	}
	if (!c->full)
		conjoin_rest(c, &k, is_sym, nvars);
	free(k.start);
	c->fn = k.fn;
	c->nvars = nvars;
	c->kept = c->len;
	free(k.used);
}

struct kc_count *kc_count_new(struct kc_sat *s, size_t max_nodes, char **err)
{
	struct kc_count *c = kc_xcalloc(1, sizeof(*c));
	int nvars = (int)kc_sat_variables(s);
	unsigned char *is_sym = kc_xcalloc((size_t)nvars + 1, 1);
	size_t len;
	int *cl = all_clauses(s, &len);

	c->s = s;
	c->max = max_nodes ? max_nodes : DEFAULT_MAX_NODES;
	setup(c, nvars, cl, len, is_sym);
	conjoin(c, cl, len, is_sym);
	free(cl);
	free(is_sym);
	if (c->full) {
		*err = kc_xasprintf("counting needs more than %zu decision diagram nodes: the model is too large to count exactly",
				    c->max);
		kc_count_free(c);
		return NULL;
	}
	return c;
}

void kc_count_free(struct kc_count *c)
{
	if (!c)
		return;
	free(c->nodes);
	free(c->unique);
	free(c->cache);
	free(c->level);
	free(c->var_at);
	free(c->cfg_from);
	free(c->mark);
	free(c->assign);
	free(c->whole);
	free(c->whole_known);
	free(c->open_from);
	free(c->memo);
	free(c->memo_gen);
	free(c->fn);
	free(c);
}

size_t kc_count_nodes(const struct kc_count *c)
{
	return c->len;
}

/* ---- counting ---------------------------------------------------------------- */

/* x * 2^k, false on overflow. */
static bool scale(uint64_t x, int k, uint64_t *out)
{
	if (x && (k >= 64 || x > (UINT64_MAX >> k)))
		return false;
	*out = k >= 64 ? 0 : x << k;
	return true;
}

/*
 * Assignments of the open symbol variables at or below f's level that
 * satisfy f, the others (c->assign) fixed.  Every node left is at a
 * symbol variable's level (the others are quantified away), so an open
 * level the diagram skips is a free choice: a factor of 2.  Counting this
 * way makes no node, however many partial assignments are counted.
 */
static bool count_rec(struct kc_count *c, int f, uint64_t *out)
{
	uint64_t part[2] = { 0, 0 };
	bool whole;
	int l, b;

	if (f <= NODE_TRUE) {
		*out = (uint64_t)f;
		return true;
	}
	l = c->nodes[f].level;
	whole = l > c->deepest_assigned;
	if (whole ? c->whole_known[f] : c->memo_gen[f] == c->count_gen) {
		*out = whole ? c->whole[f] : c->memo[f];
		return true;
	}
	for (b = 0; b < 2; b++) {
		int child = b ? c->nodes[f].hi : c->nodes[f].lo;

		if (c->assign[l] >= 0 && c->assign[l] != b)
			continue;
		if (!count_rec(c, child, &part[b]) ||
		    !scale(part[b], c->open_from[l + 1] -
				    c->open_from[c->nodes[child].level],
			   &part[b]))
			return false;
	}
	if (part[0] > UINT64_MAX - part[1])
		return false;
	*out = part[0] + part[1];
	if (whole) {
		c->whole[f] = *out;
		c->whole_known[f] = 1;
	} else {
		c->memo[f] = *out;
		c->memo_gen[f] = c->count_gen;
	}
	return true;
}

static bool count_node(struct kc_count *c, int f, uint64_t *out)
{
	uint64_t x;
	int l;

	if (c->whole_cap < c->len) {
		size_t old = c->whole_cap;

		KC_GROW(c->whole, c->whole_cap, c->len);
		c->whole_known = kc_xrealloc(c->whole_known, c->whole_cap);
		memset(c->whole_known + old, 0, c->whole_cap - old);
	}
	c->deepest_assigned = -1;
	for (l = c->nlevels - 1; l >= 0 && c->deepest_assigned < 0; l--)
		if (c->assign[l] >= 0)
			c->deepest_assigned = l;
	for (l = c->nlevels - 1; l >= 0; l--)
		c->open_from[l] = c->open_from[l + 1] +
				  (c->cfg_from[l] > c->cfg_from[l + 1] &&
				   c->assign[l] < 0);
	new_stamp(c);
	return count_rec(c, f, &x) &&
	       scale(x, c->open_from[0] - c->open_from[c->nodes[f].level],
		     out);
}

bool kc_count_configs(struct kc_count *c, const int *assume, size_t n,
		      uint64_t *out)
{
	int nvars = (int)kc_sat_variables(c->s), f = c->root;
	size_t i;
	bool ok = true;

	memset(c->assign, -1, (size_t)c->nlevels);
	for (i = 0; i < n && ok; i++) {
		int v = abs(assume[i]), l = v <= nvars ? c->level[v] : -1;
		signed char b = assume[i] > 0;

		if (assume[i] == 1)	/* TRUE */
			continue;
		if (assume[i] == -1)	/* FALSE: no configuration */
			f = NODE_FALSE;
		/* Only symbol variables are left in the diagram. */
		else if (l < 0 || c->cfg_from[l] == c->cfg_from[l + 1])
			ok = false;
		else if (c->assign[l] >= 0 && c->assign[l] != b)
			f = NODE_FALSE;	/* x and !x */
		else
			c->assign[l] = b;
	}
	return ok && count_node(c, f, out);
}

/* ---- between questions ---------------------------------------------------------- */

/*
 * Before a question: the nodes earlier ones made go, the diagram and the
 * gates' functions stay (each folder's walk makes a copy or two of the
 * diagram's upper part).
 */
static void collect(struct kc_count *c)
{
	struct circuit k = { 0 };

	if (c->len < 2 * c->kept + GC_FLOOR)
		return;
	k.fn = c->fn;
	circuit_gc(c, &k, c->nvars);
	c->kept = c->len;
	if (c->whole_known)
		memset(c->whole_known, 0, c->whole_cap);
}

/*
 * After a question that reached the node limit: what it made goes, the
 * diagram and the gates' functions (which no question changes) stay,
 * and the next question starts afresh.
 */
static void recover(struct kc_count *c)
{
	if (!c->full)
		return;
	c->kept = 0;
	collect(c);
	c->full = false;
}

/* ---- projections -------------------------------------------------------------- */

/*
 * The projection onto P is the diagram with every other symbol variable
 * quantified away; each of its paths through P's levels is one distinct
 * assignment, then counted on the whole diagram with P's values assumed
 * (count_paths).
 */
struct walk {
	struct kc_count *c;
	size_t n;
	int *lit_y, *lit_m;	/* by projected symbol: its variables, or 0 */
	int *levels;		/* the projected levels, ascending */
	size_t nlevels;
	unsigned char *bit;	/* by level: the value on the current path */
	enum kc_tristate *values;
	unsigned char *paths;	/* every path's bits, nlevels each */
	size_t npaths, paths_cap, max_paths;
	/* Counting the paths: see count_paths(). */
	unsigned *computed;	/* by node: the tick its count is from, 0: none */
	uint64_t *val;		/* by node: that count */
	unsigned *changed;	/* by projected level: the tick it last changed */
	unsigned *inval;	/* by projected level: max of changed at or below */
	int *next_p;		/* by level: the first projected level below */
	unsigned tick;
	kc_count_visit_fn visit;
	void *ctx;
	char **err;
};

static int record_path(struct walk *w)
{
	size_t i;

	if (w->max_paths && w->npaths >= w->max_paths)
		return KC_COUNT_TOO_MANY;
	KC_GROW(w->paths, w->paths_cap, (w->npaths + 1) * w->nlevels + 1);
	for (i = 0; i < w->nlevels; i++)
		w->paths[w->npaths * w->nlevels + i] = w->bit[w->levels[i]];
	w->npaths++;
	return 0;
}

/*
 * The count below f under the current path.  It depends only on the
 * projected levels at or below f's, so it stays valid while those keep
 * their values: counted in the order that changes the deepest levels
 * least often, most of the diagram is counted once for all paths.
 */
static bool count_path_rec(struct walk *w, int f, uint64_t *out)
{
	struct kc_count *c = w->c;
	uint64_t part[2] = { 0, 0 };
	int l, b, j;

	if (f <= NODE_TRUE) {
		*out = (uint64_t)f;
		return true;
	}
	l = c->nodes[f].level;
	j = w->next_p[l];
	if (w->computed[f] &&
	    w->computed[f] >= ((size_t)j < w->nlevels ? w->inval[j] : 0)) {
		*out = w->val[f];
		return true;
	}
	for (b = 0; b < 2; b++) {
		int child = b ? c->nodes[f].hi : c->nodes[f].lo;

		if (c->assign[l] >= 0 && c->assign[l] != b)
			continue;
		if (!count_path_rec(w, child, &part[b]) ||
		    !scale(part[b], c->open_from[l + 1] -
				    c->open_from[c->nodes[child].level],
			   &part[b]))
			return false;
	}
	if (part[0] > UINT64_MAX - part[1])
		return false;
	*out = w->val[f] = part[0] + part[1];
	w->computed[f] = w->tick;
	return true;
}

static int cmp_path(const void *a, const void *b, void *ctx)
{
	const struct walk *w = ctx;
	const unsigned char *x = w->paths + *(const size_t *)a * w->nlevels;
	const unsigned char *y = w->paths + *(const size_t *)b * w->nlevels;
	size_t i;

	for (i = w->nlevels; i-- > 0;)	/* the deepest level first */
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

/* Sets the path's values in c->assign and w->bit, noting what changed. */
static void take_path(struct walk *w, const unsigned char *path,
		      const unsigned char *prev)
{
	size_t i;

	w->tick++;
	for (i = 0; i < w->nlevels; i++) {
		if (!prev || prev[i] != path[i])
			w->changed[i] = w->tick;
		w->c->assign[w->levels[i]] = (signed char)path[i];
		w->bit[w->levels[i]] = path[i];
	}
	for (i = w->nlevels; i-- > 0;)
		w->inval[i] = i + 1 < w->nlevels &&
					      w->inval[i + 1] > w->changed[i] ?
				      w->inval[i + 1] : w->changed[i];
}

static int emit(struct walk *w, uint64_t count)
{
	struct kc_count *c = w->c;
	size_t i;

	for (i = 0; i < w->n; i++) {
		bool y = w->lit_y[i] && w->bit[c->level[w->lit_y[i]]];
		bool m = w->lit_m[i] && w->bit[c->level[w->lit_m[i]]];

		w->values[i] = y ? KC_YES : m ? KC_MOD : KC_NO;
	}
	return w->visit(w->ctx, w->values, count);
}

/* Counts every recorded path on the whole diagram and reports it. */
static int count_paths(struct walk *w)
{
	struct kc_count *c = w->c;
	size_t *order = kc_xmalloc((w->npaths + 1) * sizeof(size_t));
	const unsigned char *prev = NULL;
	size_t i;
	int l, r = 0;

	w->computed = kc_xcalloc(c->len, sizeof(unsigned));
	w->val = kc_xmalloc(c->len * sizeof(uint64_t));
	w->changed = kc_xcalloc(w->nlevels + 1, sizeof(unsigned));
	w->inval = kc_xcalloc(w->nlevels + 1, sizeof(unsigned));
	w->next_p = kc_xmalloc(((size_t)c->nlevels + 1) * sizeof(int));
	for (l = c->nlevels, i = w->nlevels; l >= 0; l--) {
		while (i > 0 && w->levels[i - 1] >= l)
			i--;
		w->next_p[l] = (int)i;
	}
	memset(c->assign, -1, (size_t)c->nlevels);
	for (i = 0; i < w->nlevels; i++)
		c->assign[w->levels[i]] = 0;
	for (l = c->nlevels - 1; l >= 0; l--)
		c->open_from[l] = c->open_from[l + 1] +
				  (c->cfg_from[l] > c->cfg_from[l + 1] &&
				   c->assign[l] < 0);
	for (i = 0; i < w->npaths; i++)
		order[i] = i;
	qsort_r(order, w->npaths, sizeof(size_t), cmp_path, w);
	for (i = 0; i < w->npaths && !r; i++) {
		const unsigned char *path = w->paths + order[i] * w->nlevels;
		uint64_t count;

		take_path(w, path, prev);
		prev = path;
		if (!count_path_rec(w, c->root, &count) ||
		    !scale(count, c->open_from[0] -
				  c->open_from[c->nodes[c->root].level],
			   &count)) {
			*w->err = kc_xstrdup("a projection has more than 2^64 - 1 valid configurations");
			r = -1;
		} else {
			r = emit(w, count);
		}
	}
	free(order);
	free(w->computed);
	free(w->val);
	free(w->changed);
	free(w->inval);
	free(w->next_p);
	return r;
}

/* Every path of f through the projected levels from the i-th on. */
static int walk_rec(struct walk *w, int f, size_t i)
{
	const struct kc_count *c = w->c;
	int l, b, r;

	if (f == NODE_FALSE)
		return 0;
	if (i == w->nlevels)
		return record_path(w);
	l = w->levels[i];
	for (b = 0; b < 2; b++) {
		int next = f;

		if (c->nodes[f].level == l)
			next = b ? c->nodes[f].hi : c->nodes[f].lo;
		w->bit[l] = (unsigned char)b;
		r = walk_rec(w, next, i + 1);
		if (r)
			return r;
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The projected levels, sorted, each once; marks every other symbol level. */
static void projected_levels(struct walk *w)
{
	struct kc_count *c = w->c;
	unsigned char *in = kc_xcalloc((size_t)c->nlevels + 1, 1);
	size_t i;
	int l, j;

	for (i = 0; i < w->n; i++) {
		int two[2] = { w->lit_y[i], w->lit_m[i] };

		for (j = 0; j < 2; j++) {
			if (!two[j] || in[c->level[two[j]]])
				continue;
			in[c->level[two[j]]] = 1;
			w->levels[w->nlevels++] = c->level[two[j]];
		}
	}
	qsort(w->levels, w->nlevels, sizeof(int), cmp_int);
	for (l = 0; l < c->nlevels; l++)
		if (!in[l] && c->cfg_from[l] > c->cfg_from[l + 1])
			mark_level(c, l);
	free(in);
}

int kc_count_project(struct kc_count *c, const struct kc_symbol *const *syms,
		     size_t n, size_t max_values, kc_count_visit_fn visit,
		     void *ctx, char **err)
{
	struct walk w = { .c = c, .n = n, .visit = visit, .ctx = ctx,
			  .err = err, .max_paths = max_values };
	size_t i;
	int f, r = -1;

	w.lit_y = kc_xcalloc(n + 1, sizeof(int));
	w.lit_m = kc_xcalloc(n + 1, sizeof(int));
	w.levels = kc_xcalloc(2 * n + 1, sizeof(int));
	w.values = kc_xcalloc(n + 1, sizeof(*w.values));
	w.bit = kc_xcalloc((size_t)c->nlevels + 1, 1);
	for (i = 0; i < n; i++) {
		w.lit_y[i] = kc_sat_symbol_lit(c->s, syms[i], KC_YES);
		w.lit_m[i] = kc_sat_symbol_lit(c->s, syms[i], KC_MOD);
		if (w.lit_m[i] == w.lit_y[i])
			w.lit_m[i] = 0;	/* a bool: one variable */
	}
	recover(c);
	collect(c);	/* what image questions left */
	projected_levels(&w);
	f = exists(c, c->root);
	if (c->full)
		*err = kc_xstrdup("projecting needs more decision diagram nodes than allowed");
	else if ((r = walk_rec(&w, f, 0)) == 0)
		r = count_paths(&w);
	free(w.lit_y);
	free(w.lit_m);
	free(w.levels);
	free(w.paths);
	free(w.values);
	free(w.bit);
	return r;
}

/* ---- images: the distinct values of a few functions ---------------------------- */

/*
 * The distinct values the functions F_0 .. F_n-1 (literals: symbol
 * variables or gates) take together over the valid configurations: the
 * paths of a decision tree over F_0, F_1, ... whose every leaf some
 * valid configuration reaches.  Their number is
 *
 *   N(i, C) = N(i + 1, C & F_i) + N(i + 1, C & !F_i),  N(n, C) = [C != 0]
 *
 * from C the valid configurations.  What N(i, C) is depends only on C
 * with every variable no later F reads quantified away, so each step
 * quantifies the levels it leaves behind, and equal diagrams are counted
 * once (memo by step and node): independent folders cost a sum, not a
 * product.
 */
struct image {
	struct kc_count *c;
	size_t n;
	int *f;			/* by step: the function of an input */
	size_t *perm;		/* by step: which input (its index in lits) */
	/* by step: the levels no later input reads, drop[drop_from[i]] on */
	size_t *drop_from;
	int *drop;
	int gen0;		/* step i quantifies with the cache's gen0 + i */
	struct image_slot {
		size_t step;	/* + 1; 0: empty */
		int node;
		uint64_t count;
	} *memo;
	size_t memo_mask, memo_len;
	/* kc_count_image_values(): the paths, their bits and counts */
	unsigned char *bit;
	unsigned char *paths;
	uint64_t *counts;
	size_t npaths, paths_cap, max_paths;
	bool overflow;
};

/* The function of a literal, or -1 when it is not one of the symbols. */
static int image_fn(struct kc_count *c, int lit)
{
	int v = abs(lit), f;

	if (lit == 1 || lit == -1)
		return lit > 0 ? NODE_TRUE : NODE_FALSE;
	if (v > c->nvars || c->level[v] < 0)
		return -1;
	if (c->fn[v] >= 0)
		f = c->fn[v];
	else if (c->cfg_from[c->level[v]] > c->cfg_from[c->level[v] + 1])
		f = mk(c, c->level[v], NODE_FALSE, NODE_TRUE);
	else
		return -1;	/* a comparison atom, a guard */
	return lit < 0 ? negate(c, f) : f;
}

/* C with the levels of step i quantified away (the cache kept per step). */
static int image_drop(struct image *im, size_t i, int f)
{
	struct kc_count *c = im->c;
	size_t g;
	int r, gen = c->gen;

	if (im->drop_from[i] == im->drop_from[i + 1])
		return f;
	for (g = im->drop_from[i]; g < im->drop_from[i + 1]; g++)
		mark_level(c, im->drop[g]);
	c->gen = im->gen0 + (int)i;
	r = exists_rec(c, f);
	c->gen = gen;	/* past every step's: see image_gens() */
	for (g = im->drop_from[i]; g < im->drop_from[i + 1]; g++)
		c->mark[im->drop[g]] = 0;
	c->deepest_mark = -1;
	return r;
}

static struct image_slot *image_slot(struct image *im, size_t step, int node)
{
	size_t h = hash3((int)step, node, 7) & im->memo_mask;

	while (im->memo[h].step && (im->memo[h].step != step + 1 ||
				    im->memo[h].node != node))
		h = (h + 1) & im->memo_mask;
	return &im->memo[h];
}

static void image_remember(struct image *im, size_t step, int node,
			   uint64_t count)
{
	struct image_slot *slot;

	if (2 * (im->memo_len + 1) > im->memo_mask) {
		struct image_slot *old = im->memo;
		size_t i, n = im->memo_mask + 1;

		im->memo_mask = 2 * n - 1;
		im->memo = kc_xcalloc(2 * n, sizeof(*im->memo));
		for (i = 0; i < n; i++)
			if (old[i].step)
				*image_slot(im, old[i].step - 1, old[i].node) = old[i];
		free(old);
	}
	slot = image_slot(im, step, node);
	*slot = (struct image_slot){ step + 1, node, count };
	im->memo_len++;
}

static uint64_t image_count(struct image *im, size_t i, int f)
{
	struct kc_count *c = im->c;
	struct image_slot *slot;
	uint64_t part[2] = { 0, 0 };
	int b;

	if (f == NODE_FALSE || c->full || im->overflow)
		return 0;
	if (i == im->n)
		return 1;
	slot = image_slot(im, i, f);
	if (slot->step)
		return slot->count;
	for (b = 0; b < 2; b++) {
		int g = apply(c, OP_AND, f, b ? im->f[i] : negate(c, im->f[i]));

		part[b] = image_count(im, i + 1, image_drop(im, i, g));
	}
	if (part[0] > UINT64_MAX - part[1])
		im->overflow = true;
	image_remember(im, i, f, part[0] + part[1]);
	return part[0] + part[1];
}

/*
 * The inputs' functions, and for each step the levels no later input
 * reads; those no input reads, quantified from the root first, are
 * step n's.  False with '*err' when an input is not a function of the
 * symbols.
 */
static bool image_setup(struct image *im, const int *lits, size_t n,
			char **err)
{
	struct kc_count *c = im->c;
	unsigned char *in = kc_xcalloc((size_t)c->nlevels + 1, 1);
	int *last = kc_xmalloc(((size_t)c->nlevels + 1) * sizeof(int));
	struct order_key *by_top = kc_xcalloc(n + 1, sizeof(*by_top));
	int *fn = kc_xcalloc(n + 1, sizeof(int));
	size_t i;
	bool ok = true;
	int l, bad = 0;

	im->n = n;
	im->f = kc_xcalloc(n + 1, sizeof(int));
	im->perm = kc_xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n && ok; i++) {
		fn[i] = image_fn(c, lits[i]);
		ok = fn[i] >= 0;
		bad = ok ? 0 : lits[i];
		by_top[i] = (struct order_key){ ok ? c->nodes[fn[i]].level : 0, (int)i };
	}
	/*
	 * Inputs in the order of the diagram's levels: deciding the one on
	 * top is then a cofactor, and the diagrams counted at each step are
	 * about as many as the nodes at that depth.
	 */
	qsort(by_top, n, sizeof(*by_top), cmp_order);
	for (l = 0; l < c->nlevels; l++)
		last[l] = -1;
	for (i = 0; i < n && ok; i++) {
		im->perm[i] = (size_t)by_top[i].var;
		im->f[i] = fn[im->perm[i]];
		memset(in, 0, (size_t)c->nlevels);
		new_stamp(c);
		support(c, im->f[i], in);
		for (l = 0; l < c->nlevels && ok; l++) {
			/* Over symbol variables only: the others are quantified away. */
			ok = !in[l] || c->cfg_from[l] > c->cfg_from[l + 1];
			bad = ok ? 0 : lits[im->perm[i]];
			if (in[l])
				last[l] = (int)i;
		}
	}
	if (!ok) {
		*err = kc_xasprintf("variable %d is not a function of the symbols",
				    abs(bad));
		free(in);
		free(last);
		free(by_top);
		free(fn);
		return false;
	}
	/* Each step drops the symbol levels it read last; step n: read by none. */
	for (l = 0; l < c->nlevels; l++)
		last[l] = c->cfg_from[l] == c->cfg_from[l + 1] ? -1 :
			  last[l] < 0 ? (int)n : last[l];
	levels_by_key(last, c->nlevels, n + 1, &im->drop_from, &im->drop);
	free(in);
	free(last);
	free(by_top);
	free(fn);
	return true;
}

static void image_free(struct image *im)
{
	free(im->drop_from);
	free(im->drop);
	free(im->f);
	free(im->perm);
	free(im->memo);
	free(im->bit);
	free(im->paths);
	free(im->counts);
}

/* Cache generations for n + 1 steps of their own. */
static void image_gens(struct image *im)
{
	struct kc_count *c = im->c;

	if (c->gen > 0x3ffffff0 - (int)im->n - 2) {
		memset(c->cache, 0, (c->cmask + 1) * sizeof(*c->cache));
		c->gen = 0;
	}
	im->gen0 = c->gen + 1;
	c->gen += (int)im->n + 2;
}

bool kc_count_images(struct kc_count *c, const int *lits, size_t n,
		     uint64_t *out, char **err)
{
	struct image im = { .c = c };
	bool ok;

	*out = 0;
	recover(c);
	collect(c);
	ok = image_setup(&im, lits, n, err);
	if (ok) {
		image_gens(&im);
		im.memo_mask = 1023;
		im.memo = kc_xcalloc(im.memo_mask + 1, sizeof(*im.memo));
		*out = image_count(&im, 0, image_drop(&im, n, c->root));
		if (c->full)
			*err = kc_xstrdup("counting needs more decision diagram nodes than allowed");
		else if (im.overflow)
			*err = kc_xstrdup("the number does not fit in 64 bits");
		ok = !c->full && !im.overflow;
	} else if (c->full) {
		*err = kc_xstrdup("counting needs more decision diagram nodes than allowed");
	}
	recover(c);
	image_free(&im);
	return ok;
}

/*
 * The configurations of f & g, counted without making a node: the
 * symbol assignments at or below their top level (every level left in
 * either is a symbol's).  Memo by pair, in the image's table.
 */
struct pair_slot {
	int f, g;
	unsigned gen;		/* empty unless the memo's */
	uint64_t count;
};

/*
 * Emptied for each path: pairs rarely repeat across them.  The pairs of
 * the path's own top g, most of them (the diagram above the path's first
 * symbol), in arrays by node instead.
 */
struct pair_memo {
	struct pair_slot *slot;
	size_t mask, len;
	unsigned gen;
	int g_top;
	unsigned *top_gen;
	uint64_t *top_count;
	size_t top_cap;
};

static int pair_level(const struct kc_count *c, int f, int g)
{
	int lf = c->nodes[f].level, lg = c->nodes[g].level;

	return lf < lg ? lf : lg;
}

static struct pair_slot *pair_find(struct pair_memo *pm, int f, int g)
{
	size_t h = hash3(f, g, 11) & pm->mask;

	while (pm->slot[h].gen == pm->gen &&
	       (pm->slot[h].f != f || pm->slot[h].g != g))
		h = (h + 1) & pm->mask;
	return &pm->slot[h];
}

static bool count_and(struct kc_count *c, struct pair_memo *pm, int f, int g,
		      uint64_t *out)
{
	uint64_t part[2];
	struct pair_slot *slot;
	int l, b;

	if (f == NODE_FALSE || g == NODE_FALSE) {
		*out = 0;
		return true;
	}
	if (g == NODE_TRUE)	/* f is the diagram's: counted once for all */
		return count_rec(c, f, out);
	if (g == pm->g_top && pm->top_gen[f] == pm->gen) {
		*out = pm->top_count[f];
		return true;
	}
	slot = g == pm->g_top ? NULL : pair_find(pm, f, g);
	if (slot && slot->gen == pm->gen) {
		*out = slot->count;
		return true;
	}
	l = pair_level(c, f, g);
	for (b = 0; b < 2; b++) {
		int cf = c->nodes[f].level == l ? (b ? c->nodes[f].hi : c->nodes[f].lo) : f;
		int cg = c->nodes[g].level == l ? (b ? c->nodes[g].hi : c->nodes[g].lo) : g;

		if (!count_and(c, pm, cf, cg, &part[b]) ||
		    !scale(part[b], c->cfg_from[l + 1] -
				    c->cfg_from[pair_level(c, cf, cg)], &part[b]))
			return false;
	}
	if (part[0] > UINT64_MAX - part[1])
		return false;
	*out = part[0] + part[1];
	if (g == pm->g_top) {
		pm->top_gen[f] = pm->gen;
		pm->top_count[f] = *out;
		return true;
	}
	if (2 * (pm->len + 1) > pm->mask) {
		struct pair_slot *old = pm->slot;
		size_t i, n = pm->mask + 1;

		pm->mask = 2 * n - 1;
		pm->slot = kc_xcalloc(2 * n, sizeof(*pm->slot));
		for (i = 0; i < n; i++)
			if (old[i].gen == pm->gen)
				*pair_find(pm, old[i].f, old[i].g) = old[i];
		free(old);
	}
	*pair_find(pm, f, g) = (struct pair_slot){ f, g, pm->gen, *out };
	pm->len++;
	return true;
}

/*
 * Every path of the decision tree over the inputs that some valid
 * configuration reaches, found on the diagram with the levels no later
 * input reads quantified away (small: a folder's few symbols).
 */
static int image_walk(struct image *im, size_t i, int f)
{
	struct kc_count *c = im->c;
	int b, r;

	if (f == NODE_FALSE || c->full)
		return 0;
	if (i == im->n) {
		if (im->max_paths && im->npaths >= im->max_paths)
			return KC_COUNT_TOO_MANY;
		KC_GROW(im->paths, im->paths_cap, (im->npaths + 1) * im->n + 1);
		memcpy(im->paths + im->npaths * im->n, im->bit, im->n);
		im->npaths++;
		return 0;
	}
	for (b = 1; b >= 0; b--) {
		im->bit[im->perm[i]] = (unsigned char)b;
		r = image_walk(im, i + 1,
			       image_drop(im, i, apply(c, OP_AND, f, b ? im->f[i] :
						       negate(c, im->f[i]))));
		if (r)
			return r;
	}
	return 0;
}

/* The valid configurations on path p: the diagram and the inputs' values. */
static bool path_count(struct image *im, struct pair_memo *pm, size_t p,
		       uint64_t *out)
{
	struct kc_count *c = im->c;
	const unsigned char *bits = im->paths + p * im->n;
	int g = NODE_TRUE;
	size_t i;

	for (i = 0; i < im->n && !c->full; i++)
		g = apply(c, OP_AND, g, bits[im->perm[i]] ? im->f[i] :
			  negate(c, im->f[i]));
	if (pm->top_cap < c->len) {
		size_t old = pm->top_cap;

		KC_GROW(pm->top_count, pm->top_cap, c->len);
		pm->top_gen = kc_xrealloc(pm->top_gen, pm->top_cap * sizeof(unsigned));
		memset(pm->top_gen + old, 0, (pm->top_cap - old) * sizeof(unsigned));
	}
	if (++pm->gen == 0) {	/* every 2^32 paths */
		memset(pm->slot, 0, (pm->mask + 1) * sizeof(*pm->slot));
		memset(pm->top_gen, 0, pm->top_cap * sizeof(unsigned));
		pm->gen = 1;
	}
	pm->len = 0;
	pm->g_top = g;
	if (c->full || !count_and(c, pm, c->root, g, out))
		return false;
	return scale(*out, c->cfg_from[0] - c->cfg_from[pair_level(c, c->root, g)],
		     out);
}

int kc_count_image_values(struct kc_count *c, const int *lits, size_t n,
			  size_t max_values, kc_count_image_fn visit,
			  void *ctx, char **err)
{
	struct image im = { .c = c, .max_paths = max_values };
	struct pair_memo pm = { .mask = 1023 };
	size_t i;
	int r = -1;

	recover(c);
	collect(c);
	if (image_setup(&im, lits, n, err)) {
		uint64_t total;

		image_gens(&im);
		/* Every node of the diagram counted whole (count_rec()). */
		memset(c->assign, -1, (size_t)c->nlevels);
		count_node(c, c->root, &total);
		im.bit = kc_xcalloc(n + 1, 1);
		r = image_walk(&im, 0, image_drop(&im, n, c->root));
		im.counts = kc_xcalloc(im.npaths + 1, sizeof(uint64_t));
		pm.slot = kc_xcalloc(pm.mask + 1, sizeof(*pm.slot));
		for (i = 0; !r && i < im.npaths; i++)
			if (!path_count(&im, &pm, i, &im.counts[i]))
				r = -1;
		if (c->full) {
			*err = kc_xstrdup("counting needs more decision diagram nodes than allowed");
			r = -1;
		} else if (r == -1) {
			*err = kc_xstrdup("a count does not fit in 64 bits");
		}
		for (i = 0; !r && i < im.npaths; i++)
			r = visit(ctx, im.paths + i * n, im.counts[i]);
	}
	if (r == -1 && c->full && !*err)
		*err = kc_xstrdup("counting needs more decision diagram nodes than allowed");
	recover(c);
	free(pm.slot);
	free(pm.top_gen);
	free(pm.top_count);
	image_free(&im);
	return r;
}

/* ---- representatives ------------------------------------------------------------ */

bool kc_sat_is_fixed_point(struct kc_sat *s, const struct kc_model *m,
			   const enum kc_tristate *values)
{
	struct kc_buf text = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i, n = kc_sat_symbol_count(s);
	struct kc_config *cfg;
	struct kc_eval *ev;
	bool fixed = true;

	for (i = 0; i < n; i++) {
		const char *name = kc_sat_symbol(s, i)->name;

		if (values[i] == KC_NO)
			kc_buf_addf(&text, "# CONFIG_%s is not set\n", name);
		else
			kc_buf_addf(&text, "CONFIG_%s=%c\n", name,
				    values[i] == KC_YES ? 'y' : 'm');
	}
	cfg = kc_config_parse("representative", kc_buf_str(&text), text.len,
			      NULL, &d);
	ev = kc_eval_new(m, cfg, NULL);
	for (i = 0; i < n && fixed; i++)
		fixed = kc_eval_tristate(ev, kc_sat_symbol(s, i)) == values[i];
	kc_eval_free(ev);
	kc_config_free(cfg);
	kc_diags_free(&d);
	kc_buf_free(&text);
	return fixed;
}

/* A clause no assignment but the current one falsifies: rules it out. */
static void block_values(struct kc_sat *s, const enum kc_tristate *values)
{
	size_t i, k = 0, n = kc_sat_symbol_count(s);
	int *lits = kc_xmalloc((2 * n + 1) * sizeof(int));

	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		int ly = kc_sat_symbol_lit(s, sym, KC_YES);
		int lm = kc_sat_symbol_lit(s, sym, KC_MOD);

		lits[k++] = values[i] == KC_YES ? -ly : ly;
		if (lm != ly)
			lits[k++] = values[i] >= KC_MOD ? -lm : lm;
	}
	kc_sat_add_clause(s, lits, k);
	free(lits);
}

#define REPRESENTATIVE_TRIES 32

bool kc_sat_representative(struct kc_sat *s, struct kc_eval *ev,
			   const struct kc_symbol *const *syms,
			   const enum kc_tristate *values, size_t n,
			   enum kc_tristate *out)
{
	int *lits = kc_xmalloc((2 * n + 1) * sizeof(int));
	size_t i, k = 0, total = kc_sat_symbol_count(s);
	bool found = false;
	int tries;

	for (i = 0; i < n; i++) {
		int two[2];
		size_t j, c = kc_sat_value_lits(s, syms[i], values[i], two);

		for (j = 0; j < c; j++)
			lits[k++] = two[j];
		if (!c && values[i] != KC_NO)
			goto out;	/* no variable: the symbol is always n */
	}
	kc_sat_prefer_defaults(s, ev);
	for (tries = 0; tries < REPRESENTATIVE_TRIES && !found; tries++) {
		if (kc_sat_solve(s, lits, k) != 10)
			break;
		for (i = 0; i < total; i++)
			out[i] = kc_sat_value(s, kc_sat_symbol(s, i));
		found = kc_sat_is_fixed_point(s, kc_eval_model(ev), out);
		if (!found)
			block_values(s, out);
	}
out:
	free(lits);
	return found;
}
