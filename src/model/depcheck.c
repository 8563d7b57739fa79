/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * depcheck.c - the checks the kernel makes on a finished model before it
 * accepts it, each an error:
 *
 *  - recursive dependencies (kconfig-language.rst, "Kconfig recursive
 *    dependency limitations"): a symbol whose value would depend on itself
 *    through depends on, select, imply, prompts, defaults or ranges.  A
 *    choice and its members count as one node, as in the kernel;
 *  - a choice member with a default of its own;
 *  - a choice member with a prompt outside its choice.
 *
 * Besides matching the kernel, the first check is what lets every later
 * stage evaluate symbols by plain recursion.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_model.h"
#include "model_internal.h"

enum { UNSEEN, ON_STACK, DONE };

/*
 * The search recurses once per symbol on a dependency path; a longer path
 * is refused rather than allowed to overflow the stack.  Real trees stay
 * far below (Linux: a few dozen).
 */
#define MAX_CHAIN 10000

struct depcheck {
	struct kc_model *m;
	struct kc_diags *diags;
	unsigned char *state;		/* by symbol id */
	struct kc_symbol **stack;	/* the path being explored */
	size_t depth;
	bool failed;
	bool too_deep;			/* MAX_CHAIN reached: stop searching */
};

static struct kc_symbol *visit(struct depcheck *c, struct kc_symbol *s);

/* The node a symbol belongs to: its choice, when it is a member. */
static struct kc_symbol *node_of(struct kc_symbol *s)
{
	return s->choice ? s->choice : s;
}

static struct kc_symbol *visit_expr(struct depcheck *c,
				    const struct kc_expr *e)
{
	struct kc_symbol *hit;

	/* What conf simplifies away depends on nothing (kc_expr_fold). */
	if (!e || kc_expr_fold(c->m, e) >= 0)
		return NULL;
	switch (e->op) {
	case KC_E_NOT:
		return visit_expr(c, e->sub[0]);
	case KC_E_AND:
	case KC_E_OR:
		hit = visit_expr(c, e->sub[0]);
		return hit ? hit : visit_expr(c, e->sub[1]);
	case KC_E_SYMBOL:
		return visit(c, e->sym[0]);
	default:
		hit = visit(c, e->sym[0]);
		return hit ? hit : visit(c, e->sym[1]);
	}
}

/* Everything the value of one symbol is computed from. */
static struct kc_symbol *visit_symbol_deps(struct depcheck *c,
					   struct kc_symbol *s)
{
	struct kc_property *p;
	struct kc_symbol *hit;

	if ((hit = visit_expr(c, s->dir_dep)) ||
	    (hit = visit_expr(c, s->rev_dep)) ||
	    (hit = visit_expr(c, s->implied)))
		return hit;
	for (p = s->props; p; p = p->next) {
		if (p->kind == KC_P_SELECT || p->kind == KC_P_IMPLY)
			continue;
		if ((hit = visit_expr(c, p->visible)))
			return hit;
		if (p->kind == KC_P_DEFAULT && !(s->flags & KC_SYM_CHOICE) &&
		    (hit = visit_expr(c, p->expr)))
			return hit;
	}
	return NULL;
}

static void report_cycle(struct depcheck *c, struct kc_symbol *start)
{
	struct kc_buf chain = KC_BUF_INIT;
	const struct kc_menu *at = start->menus;
	size_t i = c->depth;

	while (i > 0 && c->stack[i - 1] != start)
		i--;
	for (i = i ? i - 1 : 0; i < c->depth; i++)
		kc_buf_addf(&chain, "%s -> ", c->stack[i]->name ?
						      c->stack[i]->name :
						      "<choice>");
	kc_buf_adds(&chain, start->name ? start->name : "<choice>");
	kc_diags_add(c->diags, KC_SEV_ERROR, at ? at->file : NULL,
		     at ? at->line : 0, 0,
		     "recursive dependency detected: %s", kc_buf_str(&chain));
	kc_buf_free(&chain);
	c->failed = true;
}

static struct kc_symbol *visit(struct depcheck *c, struct kc_symbol *s)
{
	struct kc_symbol *node, *hit = NULL;
	size_t i;

	if (s->flags & KC_SYM_CONST)
		return NULL;
	node = node_of(s);
	if (c->state[node->id] == DONE)
		return NULL;
	if (c->too_deep)
		return node;
	if (c->depth >= MAX_CHAIN) {
		const struct kc_menu *at = node->menus;

		kc_diags_add(c->diags, KC_SEV_ERROR, at ? at->file : NULL,
			     at ? at->line : 0, 0,
			     "dependencies nested more than %d symbols deep at '%s'",
			     MAX_CHAIN, node->name ? node->name : "<choice>");
		c->too_deep = true;
		c->failed = true;
		return node;
	}
	if (c->state[node->id] == ON_STACK) {
		report_cycle(c, node);
		return node;
	}
	c->state[node->id] = ON_STACK;
	c->stack[c->depth++] = node;
	hit = visit_symbol_deps(c, node);
	for (i = 0; !hit && i < node->n_members; i++)
		hit = visit_symbol_deps(c, node->members[i]);
	c->depth--;
	c->state[node->id] = DONE;
	return hit;
}

static void check_choice_members(struct depcheck *c, struct kc_symbol *choice)
{
	const struct kc_menu *cmenu = choice->menus;
	size_t i;

	for (i = 0; i < choice->n_members; i++) {
		const struct kc_symbol *s = choice->members[i];
		const struct kc_property *p;

		for (p = s->props; p; p = p->next) {
			if (p->kind == KC_P_DEFAULT) {
				kc_diags_add(c->diags, KC_SEV_ERROR, p->file,
					     p->line, 0,
					     "defaults for choice values not supported ('%s')",
					     s->name);
				c->failed = true;
			}
			/* A named choice (before 6.12) has several entries. */
			if (p->kind == KC_P_PROMPT && cmenu &&
			    (!p->menu->parent ||
			     p->menu->parent->sym != choice)) {
				kc_diags_add(c->diags, KC_SEV_ERROR, p->file,
					     p->line, 0,
					     "choice value '%s' has a prompt outside its choice group",
					     s->name);
				c->failed = true;
			}
		}
	}
}

int kc_model_check(struct kc_model *m, struct kc_diags *diags)
{
	struct depcheck c = { m, diags, NULL, NULL, 0, false, false };
	size_t i, n = m->symbols.len;

	c.state = kc_xcalloc(n ? n : 1, 1);
	c.stack = kc_xcalloc(n ? n : 1, sizeof(*c.stack));
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = m->symbols.items[i];

		if (s->flags & KC_SYM_CHOICE)
			check_choice_members(&c, s);
		/* One report per cycle is enough; go on to find others. */
		visit(&c, s);
	}
	free(c.state);
	free(c.stack);
	return c.failed ? -1 : 0;
}
