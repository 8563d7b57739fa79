/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * finalize.c - from the parsed entries to the dependencies every later stage
 * uses, following "Menu dependencies" and "Menu structure" in
 * kconfig-language.rst and the Linux 6.12 behaviour of scripts/kconfig:
 *
 *  - an entry's dependencies are its own "depends on" ANDed with those of
 *    every enclosing menu, if and choice (dep_all);
 *  - a property is visible under its own "if" ANDed with dep_all;
 *  - a bare 'm' in a condition means 'm && MODULES', so it is n without
 *    module support;
 *  - "select S if C" in FOO adds FOO && visible to S's reverse dependency,
 *    "imply" likewise to S's implied value;
 *  - a symbol's direct dependency is the OR over its definitions outside
 *    choices (members of a choice depend through the choice itself);
 *  - if blocks are flattened: their entries take the if's place.
 */
#include <string.h>

#include "kc_model.h"
#include "model_internal.h"

static struct kc_expr *rewrite_m(struct kc_model *m, struct kc_expr *e)
{
	if (!e)
		return NULL;
	switch (e->op) {
	case KC_E_NOT:
		return kc_expr_new_unary(m, KC_E_NOT, rewrite_m(m, e->sub[0]));
	case KC_E_AND:
	case KC_E_OR:
		return kc_expr_new_binary(m, e->op, rewrite_m(m, e->sub[0]),
					  rewrite_m(m, e->sub[1]));
	case KC_E_SYMBOL:
		if (e->sym[0] == m->mod)
			return kc_expr_and(m, e,
					   kc_expr_new_symbol(m, m->modules));
		return e;
	default:
		return e;
	}
}

static void add_reverse(struct kc_model *m, struct kc_menu *menu,
			struct kc_property *p)
{
	struct kc_symbol *target = p->expr->sym[0];
	struct kc_expr *term;

	term = kc_expr_and(m, kc_expr_new_symbol(m, menu->sym), p->visible);
	if (p->kind == KC_P_SELECT)
		target->rev_dep = kc_expr_or(m, target->rev_dep, term);
	else
		target->implied = kc_expr_or(m, target->implied, term);
}

/*
 * A prompt's own condition, ANDed with the "visible if" of every menu
 * around it: a hidden menu hides the prompts in it, not their values.
 */
static struct kc_expr *prompt_cond(struct kc_model *m,
				   const struct kc_property *p)
{
	struct kc_expr *cond = p->cond;
	const struct kc_menu *up;

	if (p->kind != KC_P_PROMPT)
		return cond;
	for (up = p->menu->parent; up; up = up->parent)
		if (up->visibility)
			cond = kc_expr_and(m, cond, up->visibility);
	return cond;
}

static void finalize_props(struct kc_model *m, struct kc_menu *menu)
{
	struct kc_property *p;

	p = menu->sym ? menu->sym->props : menu->prompt;
	for (; p; p = p->next) {
		if (p->menu != menu)
			continue;
		p->visible = kc_expr_and(m, menu->dep_all,
					 rewrite_m(m, prompt_cond(m, p)));
		p->build_machine = kc_expr_uses_build_machine(p->expr) ||
				   kc_expr_uses_build_machine(p->visible);
		if (p->build_machine && menu->sym)
			menu->sym->flags |= KC_SYM_BUILD_MACHINE;
		if (p->kind == KC_P_SELECT || p->kind == KC_P_IMPLY)
			add_reverse(m, menu, p);
		if (!menu->sym)
			break;	/* only the prompt of a menu or comment */
	}
}

static void finalize_menu(struct kc_model *m, struct kc_menu *parent,
			  bool inside_choice)
{
	struct kc_menu *menu;

	for (menu = parent->list; menu; menu = menu->next) {
		menu->dep_all = kc_expr_and(m, parent->dep_all,
					    rewrite_m(m, menu->dep));
		finalize_props(m, menu);
	}
	for (menu = parent->list; menu; menu = menu->next) {
		if (menu->list)
			finalize_menu(m, menu, menu->kind == KC_M_CHOICE);
		if (menu->sym && !inside_choice &&
		    menu->kind != KC_M_CHOICE)
			menu->sym->dir_dep = kc_expr_or(m, menu->sym->dir_dep,
							menu->dep_all);
	}
}

/* Moves the children of every if block into the block's place. */
static void flatten_ifs(struct kc_menu *parent)
{
	struct kc_menu *menu, *last;

	for (menu = parent->list; menu; menu = menu->next) {
		flatten_ifs(menu);
		if (menu->kind != KC_M_IF || !menu->list)
			continue;
		for (last = menu->list;; last = last->next) {
			last->parent = parent;
			if (!last->next)
				break;
		}
		last->next = menu->next;
		menu->next = menu->list;
		menu->list = NULL;
	}
}

static void settle_choice(struct kc_model *m, struct kc_symbol *choice,
			  struct kc_diags *diags)
{
	size_t i;

	/* Before 6.12 a choice takes its type from its first typed member. */
	for (i = 0; i < choice->n_members && choice->type == KC_T_UNKNOWN; i++)
		choice->type = choice->members[i]->type;
	if (choice->type == KC_T_UNKNOWN)
		choice->type = KC_T_BOOL;
	for (i = 0; i < choice->n_members; i++) {
		struct kc_symbol *s = choice->members[i];

		if (s->type == KC_T_UNKNOWN)
			s->type = choice->type;
	}
}

static void check_symbol(struct kc_model *m, struct kc_symbol *s,
			 struct kc_diags *diags)
{
	struct kc_property *p;
	struct kc_menu *first = s->menus;

	if (s->type == KC_T_UNKNOWN && first)
		kc_diags_add(diags, KC_SEV_WARNING, first->file, first->line, 0,
			     "config symbol '%s' defined without type",
			     s->name ? s->name : "<choice>");
	for (p = s->props; p; p = p->next) {
		struct kc_symbol *t;

		switch (p->kind) {
		case KC_P_SELECT:
		case KC_P_IMPLY:
			t = p->expr->sym[0];
			if (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE)
				kc_diags_add(diags, KC_SEV_WARNING, p->file,
					     p->line, 0,
					     "config symbol '%s' uses %s, but is not bool or tristate",
					     s->name, kc_prop_kind_name(p->kind));
			else if (t->type != KC_T_UNKNOWN &&
				 t->type != KC_T_BOOL &&
				 t->type != KC_T_TRISTATE)
				kc_diags_add(diags, KC_SEV_WARNING, p->file,
					     p->line, 0,
					     "'%s' has wrong type. '%s' only accept arguments of bool and tristate type",
					     t->name, kc_prop_kind_name(p->kind));
			break;
		case KC_P_RANGE:
			if (s->type != KC_T_INT && s->type != KC_T_HEX)
				kc_diags_add(diags, KC_SEV_WARNING, p->file,
					     p->line, 0,
					     "range is only allowed for int or hex symbols");
			break;
		default:
			break;
		}
	}
}

int kc_model_finalize(struct kc_model *m, struct kc_diags *diags)
{
	size_t i, errors = diags->errors;

	for (i = 0; i < m->symbols.len; i++) {
		struct kc_symbol *s = m->symbols.items[i];

		if (s->flags & KC_SYM_CHOICE)
			settle_choice(m, s, diags);
	}
	finalize_menu(m, m->root, false);
	flatten_ifs(m->root);
	for (i = 0; i < m->symbols.len; i++)
		check_symbol(m, m->symbols.items[i], diags);
	return (int)(diags->errors - errors);
}
