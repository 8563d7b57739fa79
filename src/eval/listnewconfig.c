/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * listnewconfig.c - what `make listnewconfig` lists: the symbols conf
 * would ask about, those with no value in the .config whose prompt is
 * shown and that a prompt can change (visible above what selects force),
 * each as "PREFIXNAME=value" with the value they get (n written as n).
 *
 * conf walks its menu tree and does not enter a menu it would not show:
 * one whose prompt is invisible (or whose "visible if" is n), unless it is
 * a symbol whose value is not n and which has a child that is shown.  The
 * tree is the one the Kconfig files write, where conf also puts under a
 * symbol with a prompt the entries that follow it and depend on it (see
 * "Menu structure" in kconfig-language.rst): those whose condition has the
 * symbol as one of its &&-operands (S, S=y, S=m, S!=n), or contains it
 * and has every &&-operand of the symbol's own prompt condition.  An
 * entry without a prompt keeps no such children.
 */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "kc_eval.h"

struct walk {
	struct kc_eval *ev;
	const char *prefix;
	struct kc_buf *out;
};

static bool expr_same(const struct kc_expr *a, const struct kc_expr *b)
{
	if (!a || !b)
		return a == b;
	if (a->op != b->op)
		return false;
	switch (a->op) {
	case KC_E_AND:
	case KC_E_OR:
		return expr_same(a->sub[0], b->sub[0]) &&
		       expr_same(a->sub[1], b->sub[1]);
	case KC_E_NOT:
		return expr_same(a->sub[0], b->sub[0]);
	case KC_E_SYMBOL:
		return a->sym[0] == b->sym[0];
	default:
		return a->sym[0] == b->sym[0] && a->sym[1] == b->sym[1];
	}
}

static bool mentions(const struct kc_expr *e, const struct kc_symbol *s)
{
	if (!e)
		return false;
	switch (e->op) {
	case KC_E_AND:
	case KC_E_OR:
		return mentions(e->sub[0], s) || mentions(e->sub[1], s);
	case KC_E_NOT:
		return mentions(e->sub[0], s);
	case KC_E_SYMBOL:
		return e->sym[0] == s;
	default:
		return e->sym[0] == s || e->sym[1] == s;
	}
}

static bool is_tri_const(const struct kc_symbol *s, const char *name)
{
	return (s->flags & KC_SYM_CONST) && s->name && !strcmp(s->name, name);
}

/* Is 's' (S, S=y, S=m or S!=n) one of the &&-operands of 'e'? */
static bool requires(const struct kc_expr *e, const struct kc_symbol *s)
{
	if (!e)
		return false;
	switch (e->op) {
	case KC_E_AND:
		return requires(e->sub[0], s) || requires(e->sub[1], s);
	case KC_E_SYMBOL:
		return e->sym[0] == s;
	case KC_E_EQUAL:
		return e->sym[0] == s && (is_tri_const(e->sym[1], "y") ||
					  is_tri_const(e->sym[1], "m"));
	case KC_E_UNEQUAL:
		return e->sym[0] == s && is_tri_const(e->sym[1], "n");
	default:
		return false;
	}
}

/* Is the &&-operand 'leaf' one of the &&-operands of 'e'? */
static bool has_operand(const struct kc_expr *e, const struct kc_expr *leaf)
{
	if (e && e->op == KC_E_AND)
		return has_operand(e->sub[0], leaf) ||
		       has_operand(e->sub[1], leaf);
	return expr_same(e, leaf);
}

/* Is every &&-operand of 'base' one of those of 'e'? */
static bool has_operands_of(const struct kc_expr *e,
			    const struct kc_expr *base)
{
	if (!base)
		return true;
	if (base->op == KC_E_AND)
		return has_operands_of(e, base->sub[0]) &&
		       has_operands_of(e, base->sub[1]);
	return has_operand(e, base);
}

static const struct kc_expr *entry_cond(const struct kc_menu *menu)
{
	return menu->prompt ? menu->prompt->visible : menu->dep_all;
}

/*
 * The entries after 'menu' (a symbol with a prompt) that conf puts under
 * it: returns the last of them, or NULL.
 */
static const struct kc_menu *last_child(const struct kc_menu *menu)
{
	const struct kc_symbol *s = menu->sym;
	const struct kc_expr *base = menu->prompt->visible;
	const struct kc_menu *next, *last = NULL;

	for (next = menu->next; next; next = next->next) {
		const struct kc_expr *cond = entry_cond(next);

		if (!mentions(cond, s))
			break;
		if (!requires(cond, s) && !has_operands_of(cond, base))
			break;
		/* It takes the entries that depend on it in turn. */
		if (next->sym && next->prompt && !next->list) {
			const struct kc_menu *l = last_child(next);

			if (l)
				next = l;
		}
		last = next;
	}
	return last;
}

/* The last entry conf puts under 'menu', or NULL. */
static const struct kc_menu *group_end(const struct kc_menu *menu)
{
	if (menu->sym && menu->prompt && !menu->list)
		return last_child(menu);
	return NULL;
}

static bool menu_shown(struct walk *w, const struct kc_menu *menu,
		       const struct kc_menu *end);

/* Is some child of 'menu' shown: its list, or the siblings up to 'end'? */
static bool child_shown(struct walk *w, const struct kc_menu *menu,
			const struct kc_menu *end)
{
	const struct kc_menu *c, *l;

	for (c = menu->list; c; c = c->next)
		if (menu_shown(w, c, NULL))
			return true;
	for (c = end ? menu->next : NULL; c; c = c->next) {
		l = group_end(c);
		if (menu_shown(w, c, l))
			return true;
		if (l)
			c = l;
		if (c == end)
			break;
	}
	return false;
}

/* Would conf show the menu (menu_is_visible)?  'end': its last child. */
static bool menu_shown(struct walk *w, const struct kc_menu *menu,
		       const struct kc_menu *end)
{
	const struct kc_symbol *s = menu->sym;

	if (!menu->prompt)
		return false;
	if (menu->visibility &&
	    kc_eval_expr(w->ev, menu->visibility) == KC_NO)
		return false;
	if (kc_eval_expr(w->ev, menu->prompt->visible) != KC_NO)
		return true;
	if (!s || kc_eval_tristate(w->ev, s) == KC_NO)
		return false;
	return child_shown(w, menu, end);
}

static void list_symbol(struct walk *w, const struct kc_symbol *s)
{
	if (!s->name || (s->flags & KC_SYM_CHOICE) ||
	    s->type == KC_T_UNKNOWN || kc_eval_user_kept(w->ev, s))
		return;
	if (kc_eval_visible(w->ev, s) <= kc_eval_rev_dep(w->ev, s))
		return;
	kc_eval_write_line(w->ev, w->prefix, s, false, w->out);
}

/* The entries from 'menu' up to 'end' (NULL: the last sibling). */
static void walk(struct walk *w, const struct kc_menu *menu,
		 const struct kc_menu *end)
{
	for (; menu; menu = menu->next) {
		const struct kc_menu *last = group_end(menu);

		if (menu_shown(w, menu, last)) {
			if (menu->sym)
				list_symbol(w, menu->sym);
			walk(w, menu->list, NULL);
			if (last)
				walk(w, menu->next, last);
		}
		if (last)
			menu = last;
		if (menu == end)
			break;
	}
}

void kc_eval_write_newconfig(struct kc_eval *ev, const char *prefix,
			     struct kc_buf *out)
{
	struct walk w = { ev, prefix ? prefix : "CONFIG_", out };

	walk(&w, kc_model_root(kc_eval_model(ev))->list, NULL);
}
