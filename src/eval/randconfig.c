/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * randconfig.c - `conf --randconfig`: random user values for the symbols
 * the .config (KCONFIG_ALLCONFIG) left alone, drawn as the kernel's conf
 * draws them, so that one seed gives the same .config as
 * `KCONFIG_SEED=N conf --randconfig`.
 *
 * The numbers are those of the GNU C library's srand()/rand(), whatever
 * the C library this program runs on: an additive feedback generator over
 * 31 words, x[i] = x[i-3] + x[i-31] (mod 2^32), seeded by the
 * Park-Miller "minimal standard" sequence (16807 * x mod 2^31 - 1), with
 * the first 310 outputs discarded and the lowest bit of each output
 * dropped.
 *
 * Linux 6.12 (scripts/kconfig/conf.c, measured against its conf): the
 * menu entries are visited in menu order, depth first.  An entry draws
 * when it has a symbol, a prompt of its own, a bool or tristate type (as
 * declared, whatever MODULES is), no user value yet, and the symbol is no
 * choice member.  A plain symbol draws one number: rand() % 100 below the
 * probability of y gives y, then below y's and m's together (tristate) m,
 * else n.  A choice gives every member entry inside it that has no user
 * value yet the value y, one at a time in random order (rand() % the
 * number left), each moved last in the choice's order of preference: the
 * choice ends up with the first one drawn, or the first of the .config's
 * members when it named one.  Then the values are computed as for
 * olddefconfig.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"

/* ---- glibc's rand() ------------------------------------------------------ */

#define RAND_DEGREE 31
#define RAND_SEP 3

void kc_rand_seed(struct kc_rand *r, unsigned int seed)
{
	int32_t word;
	int i;

	if (seed == 0)
		seed = 1;
	/* The seed is kept as a signed 32-bit word, as glibc keeps it. */
	word = (int32_t)seed;
	r->state[0] = seed;
	for (i = 1; i < RAND_DEGREE; i++) {
		/* 16807 * word mod (2^31 - 1), without overflow (Schrage). */
		long long hi = word / 127773, lo = word % 127773;
		long long next = 16807 * lo - 2836 * hi;

		if (next < 0)
			next += 2147483647;
		word = (int32_t)next;
		r->state[i] = (uint32_t)word;
	}
	r->front = RAND_SEP;
	r->rear = 0;
	for (i = 0; i < RAND_DEGREE * 10; i++)
		kc_rand_next(r);
}

int kc_rand_next(struct kc_rand *r)
{
	uint32_t val = r->state[r->front] + r->state[r->rear];

	r->state[r->front] = val;
	r->front = (r->front + 1) % RAND_DEGREE;
	r->rear = (r->rear + 1) % RAND_DEGREE;
	return (int)(val >> 1);
}

/* ---- KCONFIG_SEED and KCONFIG_PROBABILITY ---------------------------------- */

int kc_randconfig_parse_seed(const char *text, unsigned int *seed)
{
	char *end;
	long v;

	/* conf reads KCONFIG_SEED with strtol(.., 0) into an unsigned int. */
	if (!text || !*text || isspace((unsigned char)*text))
		return -1;
	errno = 0;
	v = strtol(text, &end, 0);
	if (*end || errno)
		return -1;
	*seed = (unsigned int)v;
	return 0;
}

void kc_randconfig_default_probability(struct kc_rand_probability *p)
{
	p->bool_y = 50;
	p->tristate_y = 33;
	p->tristate_m = 33;
}

int kc_randconfig_parse_probability(const char *text,
				    struct kc_rand_probability *p)
{
	int v[3], n = 0;
	const char *s = text;

	kc_randconfig_default_probability(p);
	if (!*s)
		return 0;
	for (;;) {
		int x = 0, digits = 0;

		for (; isdigit((unsigned char)*s) && digits < 4; s++, digits++)
			x = x * 10 + (*s - '0');
		if (!digits || x > 100 || n == 3)
			return -1;
		v[n++] = x;
		if (!*s)
			break;
		if (*s++ != ':')
			return -1;
	}
	switch (n) {
	case 1:	/* y for bool; the same split between y and m for tristate */
		p->bool_y = v[0];
		p->tristate_m = v[0] / 2;
		p->tristate_y = v[0] - p->tristate_m;
		break;
	case 2:	/* y and m of a tristate; their sum for bool */
		p->tristate_y = v[0];
		p->tristate_m = v[1];
		p->bool_y = v[0] + v[1];
		break;
	default:
		p->bool_y = v[0];
		p->tristate_y = v[1];
		p->tristate_m = v[2];
		break;
	}
	return p->tristate_y + p->tristate_m > 100 ? -1 : 0;
}

/* ---- the walk ---------------------------------------------------------------- */

/* The next entry after 'm' in menu order, depth first, inside 'root'. */
static const struct kc_menu *menu_next(const struct kc_menu *m,
				       const struct kc_menu *root)
{
	if (m->list)
		return m->list;
	while (m != root) {
		if (m->next)
			return m->next;
		m = m->parent;
	}
	return NULL;
}

static bool draws_member(struct kc_eval *ev, const struct kc_menu *m)
{
	return m->sym && !kc_eval_has_user(ev, m->sym);
}

static void randomize_choice(struct kc_eval *ev, struct kc_rand *r,
			     const struct kc_menu *choice)
{
	const struct kc_menu *m;
	int left = 0;

	for (m = menu_next(choice, choice); m; m = menu_next(m, choice))
		left += draws_member(ev, m);
	for (; left > 0; left--) {
		int x = kc_rand_next(r) % left;

		for (m = menu_next(choice, choice); m; m = menu_next(m, choice)) {
			if (!draws_member(ev, m) || x-- > 0)
				continue;
			kc_eval_set_user_tri(ev, m->sym, KC_YES);
			if (m->sym->choice)
				kc_eval_choice_prefer_last(ev, m->sym);
			break;
		}
	}
}

static enum kc_tristate draw(struct kc_rand *r, const struct kc_symbol *s,
			     const struct kc_rand_probability *p)
{
	int x = kc_rand_next(r) % 100;

	if (s->type != KC_T_TRISTATE)
		return x < p->bool_y ? KC_YES : KC_NO;
	if (x < p->tristate_y)
		return KC_YES;
	return x < p->tristate_y + p->tristate_m ? KC_MOD : KC_NO;
}

/* ---- before 6.11 ------------------------------------------------------------ */

/* conf's symbol table: 9973 buckets, FNV-1 over the name (choices: 0). */
#define HASH_BUCKETS 9973

static unsigned int bucket_of(const struct kc_symbol *s)
{
	uint32_t h = 2166136261u;
	const char *p;

	if (!s->name)
		return 0;
	/* conf hashes the name's chars as the (signed) char of x86. */
	for (p = s->name; *p; p++)
		h = (h ^ (uint32_t)(int)(signed char)*p) * 0x01000193u;
	return h % HASH_BUCKETS;
}

struct hashed {
	unsigned int bucket;
	unsigned int id;
};

/* Bucket by bucket; in a bucket the symbol created last comes first. */
static int hash_order(const void *a, const void *b)
{
	const struct hashed *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/*
 * The symbols in the order conf's loops over its symbol table visit them.
 * The model numbers symbols in the order the parser first met them, which
 * is the order conf created them in.
 */
static const struct kc_symbol **table_order(const struct kc_model *m,
					    size_t *len)
{
	size_t i, n = kc_model_symbol_count(m);
	struct hashed *h = kc_xcalloc(n ? n : 1, sizeof(*h));
	const struct kc_symbol **out = kc_xcalloc(n ? n : 1, sizeof(*out));

	for (i = 0; i < n; i++) {
		h[i].bucket = bucket_of(kc_model_symbol(m, i));
		h[i].id = (unsigned int)i;
	}
	qsort(h, n, sizeof(*h), hash_order);
	for (i = 0; i < n; i++)
		out[i] = kc_model_symbol(m, h[i].id);
	free(h);
	*len = n;
	return out;
}

/* conf's sym_has_value() before 6.11: a choice has one once a .config is read. */
static bool has_value(struct kc_eval *ev, const struct kc_symbol *s)
{
	if (s->flags & KC_SYM_CHOICE)
		return kc_eval_legacy_choice_read(ev, s);
	return kc_eval_has_user(ev, s);
}

/*
 * Linux 6.1 (conf.c, measured against its conf): passes until one changes
 * nothing.  A pass visits the symbol table: every bool or tristate symbol
 * with no user value that is not computed yet draws one number as in
 * 6.12, prompt or not; a choice's draw is kept aside, not yet its user
 * value.  Then every value is forgotten, and each choice without a user
 * value is computed in table order; one whose value is y takes a random
 * member (rand() % the number of members) as its user choice, its own
 * drawn value as its user value, every member y or n, and it and its
 * members are forgotten.  Values computed in between stay cached, as in
 * conf.
 */
static bool legacy_pass(struct kc_eval *ev, struct kc_rand *r,
			const struct kc_rand_probability *prob,
			const struct kc_symbol **order, size_t n,
			enum kc_tristate *drawn)
{
	bool changed = false;
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = order[i];

		if (has_value(ev, s) || kc_eval_computed(ev, s) ||
		    (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE))
			continue;
		changed = true;
		if (s->flags & KC_SYM_CHOICE)
			drawn[s->id] = draw(r, s, prob);
		else
			kc_eval_set_user_tri(ev, s, draw(r, s, prob));
	}
	kc_eval_forget_all(ev);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *c = order[i], *chosen;

		if (!(c->flags & KC_SYM_CHOICE) || has_value(ev, c) ||
		    kc_eval_tristate(ev, c) != KC_YES || !c->n_members)
			continue;
		chosen = c->members[kc_rand_next(r) % (int)c->n_members];
		for (k = 0; k < c->n_members; k++) {
			kc_eval_set_user_tri(ev, c->members[k],
						  c->members[k] == chosen ?
							  KC_YES :
							  KC_NO);
			kc_eval_forget(ev, c->members[k]);
		}
		kc_eval_set_user_choice(ev, c, drawn[c->id], chosen);
		kc_eval_forget(ev, c);
		changed = true;
	}
	return changed;
}

static void randconfig_legacy(struct kc_eval *ev, struct kc_rand *r,
			      const struct kc_rand_probability *prob)
{
	const struct kc_model *m = kc_eval_model(ev);
	enum kc_tristate *drawn;
	const struct kc_symbol **order;
	size_t n;

	order = table_order(m, &n);
	drawn = kc_xcalloc(n ? n : 1, sizeof(*drawn));
	while (legacy_pass(ev, r, prob, order, n, drawn))
		;
	kc_eval_forget_all(ev);
	free(drawn);
	free(order);
}

void kc_eval_randconfig(struct kc_eval *ev, unsigned int seed,
			const struct kc_rand_probability *prob)
{
	const struct kc_menu *root = kc_model_root(kc_eval_model(ev));
	struct kc_rand_probability defaults;
	const struct kc_menu *m;
	struct kc_rand r;

	if (!prob) {
		kc_randconfig_default_probability(&defaults);
		prob = &defaults;
	}
	kc_rand_seed(&r, seed);
	if (kc_model_legacy_conf(kc_eval_model(ev))) {
		randconfig_legacy(ev, &r, prob);
		return;
	}
	for (m = menu_next(root, root); m; m = menu_next(m, root)) {
		const struct kc_symbol *s = m->sym;

		if (!s || !m->prompt || kc_eval_has_user(ev, s) || s->choice)
			continue;
		if (s->flags & KC_SYM_CHOICE) {
			randomize_choice(ev, &r, m);
			continue;
		}
		if (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE)
			continue;
		kc_eval_set_user_tri(ev, s, draw(&r, s, prob));
	}
}
