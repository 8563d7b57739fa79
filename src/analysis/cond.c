/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cond.c - conditions over symbol values as reduced ordered binary
 * decision diagrams (cond.h): hash-consed nodes, one memoised apply, and
 * the printing as a Kconfig expression.  Small by design: a presence
 * condition reads the few symbols on the way from the top Kbuild to one
 * object.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"

struct node {
	int var;		/* INT32_MAX for the two leaves */
	int lo, hi;
};

enum op { OP_AND, OP_OR, OP_XOR };

struct memo {
	int op, a, b, r;
};

struct cond_mgr {
	struct node *nodes;
	size_t n, cap;
	int *table;		/* unique table: node index + 1, 0 empty */
	size_t table_cap;
	struct memo *memo;	/* apply cache, direct-mapped */
	size_t memo_cap;
	struct kc_vec syms;	/* symbol k has variables 2k (=y), 2k+1 (=m) */
	struct kc_map *index;	/* name -> k + 1 */
};

#define LEAF_VAR INT32_MAX
#define MEMO_SIZE 65536

static size_t hash3(int a, int b, int c)
{
	uint64_t h = (uint64_t)(uint32_t)a * 0x9e3779b97f4a7c15ull;

	h ^= (uint64_t)(uint32_t)b * 0xc2b2ae3d27d4eb4full + (h >> 29);
	h ^= (uint64_t)(uint32_t)c * 0x165667b19e3779f9ull + (h >> 31);
	return (size_t)(h ^ (h >> 33));
}

static void table_put(struct cond_mgr *c, int k)
{
	const struct node *x = &c->nodes[k];
	size_t i = hash3(x->var, x->lo, x->hi) & (c->table_cap - 1);

	while (c->table[i])
		i = (i + 1) & (c->table_cap - 1);
	c->table[i] = k + 1;
}

static void grow(struct cond_mgr *c)
{
	size_t i;

	if (c->n == c->cap) {
		KC_GROW(c->nodes, c->cap, c->n + 1);
	}
	if (2 * (c->n + 1) < c->table_cap)
		return;
	free(c->table);
	c->table_cap *= 2;
	c->table = kc_xcalloc(c->table_cap, sizeof(*c->table));
	for (i = 2; i < c->n; i++)
		table_put(c, (int)i);
}

static int mk(struct cond_mgr *c, int var, int lo, int hi)
{
	size_t i;

	if (lo == hi)
		return lo;
	i = hash3(var, lo, hi) & (c->table_cap - 1);
	for (; c->table[i]; i = (i + 1) & (c->table_cap - 1)) {
		const struct node *x = &c->nodes[c->table[i] - 1];

		if (x->var == var && x->lo == lo && x->hi == hi)
			return c->table[i] - 1;
	}
	grow(c);
	c->nodes[c->n] = (struct node){ var, lo, hi };
	table_put(c, (int)c->n);
	return (int)c->n++;
}

struct cond_mgr *cond_new(void)
{
	struct cond_mgr *c = kc_xcalloc(1, sizeof(*c));

	c->table_cap = 1024;
	c->table = kc_xcalloc(c->table_cap, sizeof(*c->table));
	c->memo_cap = MEMO_SIZE;
	c->memo = kc_xcalloc(c->memo_cap, sizeof(*c->memo));
	c->index = kc_map_new(64);
	grow(c);
	c->nodes[0] = (struct node){ LEAF_VAR, 0, 0 };
	c->nodes[1] = (struct node){ LEAF_VAR, 1, 1 };
	c->n = 2;
	return c;
}

void cond_free(struct cond_mgr *c)
{
	if (!c)
		return;
	free(c->nodes);
	free(c->table);
	free(c->memo);
	kc_vec_free(&c->syms);
	kc_map_free(c->index);
	free(c);
}

static int leaf_op(int op, int a, int b)
{
	switch (op) {
	case OP_AND: return a & b;
	case OP_OR: return a | b;
	default: return a ^ b;
	}
}

static int apply(struct cond_mgr *c, int op, int a, int b)
{
	const struct node *x, *y;
	struct memo *slot;
	int var, r;

	if (a < 2 && b < 2)
		return leaf_op(op, a, b);
	if (op == OP_AND && (a == 0 || b == 0))
		return 0;
	if (op == OP_OR && (a == 1 || b == 1))
		return 1;
	if (op != OP_XOR && a == b)
		return a;
	slot = &c->memo[hash3(op, a, b) & (c->memo_cap - 1)];
	if (slot->op == op + 1 && slot->a == a && slot->b == b)
		return slot->r;
	x = &c->nodes[a];
	y = &c->nodes[b];
	var = x->var < y->var ? x->var : y->var;
	{
		int alo = x->var == var ? x->lo : a, ahi = x->var == var ? x->hi : a;
		int blo = y->var == var ? y->lo : b, bhi = y->var == var ? y->hi : b;
		int lo = apply(c, op, alo, blo);
		int hi = apply(c, op, ahi, bhi);

		r = mk(c, var, lo, hi);
	}
	slot = &c->memo[hash3(op, a, b) & (c->memo_cap - 1)];
	*slot = (struct memo){ op + 1, a, b, r };
	return r;
}

int cond_and(struct cond_mgr *c, int a, int b)
{
	return apply(c, OP_AND, a, b);
}

int cond_or(struct cond_mgr *c, int a, int b)
{
	return apply(c, OP_OR, a, b);
}

int cond_not(struct cond_mgr *c, int a)
{
	return apply(c, OP_XOR, a, COND_TRUE);
}

static int sym_index(struct cond_mgr *c, const struct kc_symbol *s)
{
	size_t k = (size_t)kc_map_get(c->index, s->name);

	if (!k) {
		kc_vec_push(&c->syms, (void *)s);
		k = c->syms.len;
		kc_map_put(c->index, s->name, (void *)k);
	}
	return (int)k - 1;
}

int cond_is(struct cond_mgr *c, const struct kc_symbol *s, unsigned mask)
{
	int k = sym_index(c, s), vy = 2 * k, vm = 2 * k + 1;
	int is_y = mk(c, vy, 0, 1), is_m = mk(c, vm, 0, 1);
	int not_y = mk(c, vy, 1, 0);
	int r = 0;

	if (s->type == KC_T_BOOL) {
		/* never m: its "= m" variable is not used */
		if (mask & (1u << KC_YES))
			r = cond_or(c, r, is_y);
		if (mask & (1u << KC_NO))
			r = cond_or(c, r, not_y);
		return r;
	}
	if (mask & (1u << KC_YES))
		r = cond_or(c, r, is_y);
	if (mask & (1u << KC_MOD))
		r = cond_or(c, r, cond_and(c, not_y, is_m));
	if (mask & (1u << KC_NO))
		r = cond_or(c, r, cond_and(c, not_y, mk(c, vm, 1, 0)));
	return r;
}

/* Marks in seen the symbols f reads; each node visited once (visited). */
static void support_mark(struct cond_mgr *c, int f, unsigned char *seen,
			 unsigned char *visited)
{
	struct kc_vec stack = KC_VEC_INIT;

	kc_vec_push(&stack, (void *)(size_t)f);
	while (stack.len) {
		size_t x = (size_t)stack.items[--stack.len];

		if (x < 2 || visited[x])
			continue;
		visited[x] = 1;
		seen[c->nodes[x].var / 2] = 1;
		kc_vec_push(&stack, (void *)(size_t)c->nodes[x].lo);
		kc_vec_push(&stack, (void *)(size_t)c->nodes[x].hi);
	}
	kc_vec_free(&stack);
}

void cond_support(struct cond_mgr *c, int f, struct kc_vec *out)
{
	cond_support_all(c, &f, 1, out);
}

void cond_support_all(struct cond_mgr *c, const int *fs, size_t n,
		      struct kc_vec *out)
{
	unsigned char *seen = kc_xcalloc(c->syms.len + 1, 1);
	unsigned char *visited = kc_xcalloc(c->n + 1, 1);
	size_t i, k;

	for (i = 0; i < n; i++)
		support_mark(c, fs[i], seen, visited);
	for (i = 0; i < out->len; i++) {
		const struct kc_symbol *s = out->items[i];

		k = (size_t)kc_map_get(c->index, s->name);
		if (k && c->syms.items[k - 1] == s)
			seen[k - 1] = 0;	/* already there */
	}
	for (k = 0; k < c->syms.len; k++)
		if (seen[k])
			kc_vec_push(out, c->syms.items[k]);
	free(seen);
	free(visited);
}

bool cond_eval(const struct cond_mgr *c, int f,
	       enum kc_tristate (*value)(void *ctx, const struct kc_symbol *s),
	       void *ctx)
{
	while (f >= 2) {
		const struct node *x = &c->nodes[f];
		enum kc_tristate v = value(ctx, c->syms.items[x->var / 2]);
		bool on = x->var % 2 ? v == KC_MOD : v == KC_YES;

		f = on ? x->hi : x->lo;
	}
	return f == COND_TRUE;
}

bool cond_top(const struct cond_mgr *c, int f, const struct kc_symbol **s,
	      bool *tests_m, int *lo, int *hi)
{
	const struct node *x;

	if (f < 2)
		return false;
	x = &c->nodes[f];
	*s = c->syms.items[x->var / 2];
	*tests_m = x->var % 2;
	*lo = x->lo;
	*hi = x->hi;
	return true;
}

/* f with symbol k's value fixed to v. */
static int restrict_sym(struct cond_mgr *c, int f, int k, enum kc_tristate v)
{
	const struct node *x;
	int lo, hi;

	if (f < 2 || c->nodes[f].var / 2 > k)
		return f;
	x = &c->nodes[f];
	if (x->var / 2 == k) {
		bool on = x->var % 2 ? v == KC_MOD : v == KC_YES;

		return restrict_sym(c, on ? x->hi : x->lo, k, v);
	}
	lo = restrict_sym(c, x->lo, k, v);
	hi = restrict_sym(c, c->nodes[f].hi, k, v);
	return mk(c, c->nodes[f].var, lo, hi);
}

static const char tri_char[] = "nmy";

static void literal(const struct kc_symbol *s, unsigned set, struct kc_buf *out)
{
	if (s->type == KC_T_BOOL) {
		kc_buf_addf(out, "%s%s", set & (1u << KC_YES) ? "" : "!", s->name);
		return;
	}
	if (set == 1u || set == 2u || set == 4u)
		kc_buf_addf(out, "%s=%c", s->name, tri_char[set == 1 ? 0 : set == 2 ? 1 : 2]);
	else
		kc_buf_addf(out, "%s!=%c", s->name,
			    tri_char[set == 6 ? 0 : set == 5 ? 1 : 2]);
}

void cond_print(struct cond_mgr *c, int f, struct kc_buf *out)
{
	const struct kc_symbol *s;
	int k, sub[3];
	unsigned v, w, done = 0, values;
	bool first = true;

	if (f < 2) {
		kc_buf_adds(out, f ? "y" : "n");
		return;
	}
	k = c->nodes[f].var / 2;
	s = c->syms.items[k];
	/* m is no value of a bool symbol */
	values = s->type == KC_T_BOOL ? 5u : 7u;
	for (v = 0; v < 3; v++)
		sub[v] = restrict_sym(c, f, k, (enum kc_tristate)v);
	for (v = 0; v < 3; v++) {
		unsigned set = 1u << v;
		struct kc_buf b = KC_BUF_INIT;

		if (!(values & set) || (done & set) || sub[v] == COND_FALSE)
			continue;
		for (w = v + 1; w < 3; w++)
			if ((values & (1u << w)) && sub[w] == sub[v])
				set |= 1u << w;
		done |= set;
		if (!first)
			kc_buf_adds(out, " || ");
		first = false;
		if ((set | ~values) == 7u || (set | (~values & 7u)) == 7u) {
			cond_print(c, sub[v], out);
			continue;
		}
		literal(s, set, out);
		if (sub[v] == COND_TRUE)
			continue;
		cond_print(c, sub[v], &b);
		kc_buf_addf(out, strstr(kc_buf_str(&b), "||") ? " && (%s)" : " && %s",
			    kc_buf_str(&b));
		kc_buf_free(&b);
	}
	if (first)
		kc_buf_adds(out, "n");
}
