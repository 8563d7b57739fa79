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
 *  - a symbol's direct dependency is the OR over its definitions, but for
 *    the definitions of choice members inside their choice (they depend
 *    through the choice itself);
 *  - if blocks are flattened: their entries take the if's place.
 */
#include <ctype.h>
#include <stdlib.h>
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

/*
 * The terms of each symbol's ORs (rev_dep, implied, dir_dep), gathered
 * over the whole tree and joined once at the end as balanced trees: a
 * symbol selected from thousands of places gets a shallow expression.
 */
struct or_terms {
	struct kc_vec *rev_dep, *implied, *dir_dep;	/* by symbol id */
};

static void add_term(struct kc_vec *terms, const struct kc_symbol *s,
		     struct kc_expr *e)
{
	kc_vec_push(&terms[s->id], e);
}

/* The choice 'menu' lies in, or NULL. */
static const struct kc_menu *enclosing_choice(const struct kc_menu *menu)
{
	for (menu = menu->parent; menu; menu = menu->parent)
		if (menu->kind == KC_M_CHOICE)
			return menu;
	return NULL;
}

/* The dependencies of 'menu' up to, not including, 'choice'. */
static struct kc_expr *deps_below(struct kc_model *m,
				  const struct kc_menu *menu,
				  const struct kc_menu *choice)
{
	struct kc_expr *dep = rewrite_m(m, menu->dep);

	if (menu->parent == choice)
		return dep;
	return kc_expr_and(m, deps_below(m, menu->parent, choice), dep);
}

static void add_reverse(struct kc_model *m, struct or_terms *t,
			struct kc_menu *menu, struct kc_property *p)
{
	struct kc_symbol *target = p->expr->sym[0];
	const struct kc_menu *choice;
	struct kc_expr *vis = p->visible, *term;

	/*
	 * Before 6.11 the entries of a choice depend on the choice's own
	 * value, not on what the choice depends on: a bool choice under an
	 * 'm' condition is 'y', so "select" in its 'y' member selects 'y'.
	 * The selecting symbol's value never exceeds the choice's, so the
	 * choice's term drops out.
	 */
	if (kc_model_legacy_conf(m) && (choice = enclosing_choice(menu)))
		vis = kc_expr_and(m, deps_below(m, menu, choice),
				  rewrite_m(m, p->cond));
	term = kc_expr_and(m, kc_expr_new_symbol(m, menu->sym), vis);
	add_term(p->kind == KC_P_SELECT ? t->rev_dep : t->implied, target,
		 term);
}

static struct kc_expr *join_terms(struct kc_model *m, struct kc_vec *v)
{
	struct kc_expr *e = kc_expr_join(m, KC_E_OR,
					 (struct kc_expr *const *)v->items,
					 v->len);

	kc_vec_free(v);
	return e;
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

static void finalize_props(struct kc_model *m, struct or_terms *t,
			   struct kc_menu *menu)
{
	struct kc_property *p;

	/* Only this entry's run of properties: linear in the whole tree. */
	p = menu->sym ? menu->props : menu->prompt;
	for (; p && p->menu == menu; p = p->next) {
		p->visible = kc_expr_and(m, menu->dep_all,
					 rewrite_m(m, prompt_cond(m, p)));
		p->build_machine = kc_expr_uses_build_machine(p->expr) ||
				   kc_expr_uses_build_machine(p->visible);
		if (p->build_machine && menu->sym)
			menu->sym->flags |= KC_SYM_BUILD_MACHINE;
		if (p->kind == KC_P_SELECT || p->kind == KC_P_IMPLY) {
			/*
			 * The target's lower bound (or suggestion) then rests
			 * on the unrun probes too: its value also comes from
			 * the build machine.
			 */
			if (p->build_machine)
				p->expr->sym[0]->flags |= KC_SYM_BUILD_MACHINE;
			add_reverse(m, t, menu, p);
		}
		if (!menu->sym)
			break;	/* only the prompt of a menu or comment */
	}
}

static void finalize_menu(struct kc_model *m, struct or_terms *t,
			  struct kc_menu *parent, bool inside_choice)
{
	struct kc_menu *menu;

	for (menu = parent->list; menu; menu = menu->next) {
		menu->dep_all = kc_expr_and(m, parent->dep_all,
					    rewrite_m(m, menu->dep));
		finalize_props(m, t, menu);
	}
	for (menu = parent->list; menu; menu = menu->next) {
		if (menu->list)
			finalize_menu(m, t, menu, menu->kind == KC_M_CHOICE);
		if (menu->sym && !(inside_choice && menu->sym->choice) &&
		    menu->kind != KC_M_CHOICE && menu->dep_all)
			/*
			 * A definition without dependencies adds nothing to
			 * the OR (it stays NULL, "y", only when every one is
			 * without), as the kernel's conf builds it.
			 */
			add_term(t->dir_dep, menu->sym, menu->dep_all);
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
	const struct kc_property *p;
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
	for (p = choice->props; p; p = p->next)
		if (p->kind == KC_P_DEFAULT && p->expr->op == KC_E_SYMBOL &&
		    p->expr->sym[0]->choice != choice)
			kc_diags_add(diags, KC_SEV_WARNING, p->file, p->line, 0,
				     "choice default symbol '%s' is not contained in the choice",
				     p->expr->sym[0]->name);
}

static bool number_text_valid(enum kc_type type, const char *p)
{
	if (type == KC_T_HEX) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			p += 2;
		if (!*p)
			return false;
		for (; *p; p++)
			if (!isxdigit((unsigned char)*p))
				return false;
		return true;
	}
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p) || (*p == '0' && p[1]))
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

/*
 * A default or range bound of an int or hex symbol, as conf (6.12) judges
 * it: an int or hex symbol, or a number of the symbol's own type.
 */
static bool number_valid(enum kc_type type, const struct kc_symbol *v)
{
	if (v->type == KC_T_INT || v->type == KC_T_HEX)
		return true;
	if (!(v->flags & KC_SYM_CONST) && v->type != KC_T_UNKNOWN)
		return false;
	return v->name && number_text_valid(type, v->name);
}

/* Both bounds valid (conf does not compare them). */
static bool range_valid(enum kc_type type, const struct kc_expr *r)
{
	return number_valid(type, r->sym[0]) && number_valid(type, r->sym[1]);
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
			else if (!range_valid(s->type, p->expr))
				kc_diags_add(diags, KC_SEV_WARNING, p->file,
					     p->line, 0, "range is invalid");
			break;
		case KC_P_DEFAULT:
			/*
			 * A probe's output is no number when the probe was not
			 * run (no --shell): nothing is wrong with the tree.
			 */
			if ((s->type == KC_T_INT || s->type == KC_T_HEX) &&
			    !p->build_machine && p->expr->op == KC_E_SYMBOL &&
			    !number_valid(s->type, p->expr->sym[0]))
				kc_diags_add(diags, KC_SEV_WARNING, p->file,
					     p->line, 0,
					     "'%s': number is invalid", s->name);
			break;
		default:
			break;
		}
	}
}

/* conf's warning for a bool symbol compared with m (kc_expr_fold). */
static void warn_bool_m(struct kc_model *m, const struct kc_expr *e,
			struct kc_diags *diags)
{
	const struct kc_symbol *b;

	if (!e)
		return;
	switch (e->op) {
	case KC_E_NOT:
		warn_bool_m(m, e->sub[0], diags);
		return;
	case KC_E_AND:
	case KC_E_OR:
		warn_bool_m(m, e->sub[0], diags);
		warn_bool_m(m, e->sub[1], diags);
		return;
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
		if (kc_expr_fold(m, e) < 0)
			return;
		b = e->sym[0] == m->mod ? e->sym[1] : e->sym[0];
		/* conf says it without a place. */
		kc_diags_add(diags, KC_SEV_WARNING, NULL, 0, 0,
			     "boolean symbol %s tested for 'm'? test forced to '%s'",
			     b->name, e->op == KC_E_EQUAL ? "n" : "y");
		return;
	default:
		return;
	}
}

static void warn_menus_bool_m(struct kc_model *m, struct kc_menu *menu,
			      struct kc_diags *diags)
{
	struct kc_property *p;

	for (; menu; menu = menu->next) {
		warn_bool_m(m, menu->dep, diags);
		warn_bool_m(m, menu->visibility, diags);
		if (menu->prompt)
			warn_bool_m(m, menu->prompt->cond, diags);
		for (p = menu->props; p && p->menu == menu; p = p->next)
			if (p != menu->prompt)
				warn_bool_m(m, p->cond, diags);
		warn_menus_bool_m(m, menu->list, diags);
	}
}

/* Every menu's dependencies, then each symbol's ORs, joined once. */
static void finalize_symbols_ors(struct kc_model *m)
{
	size_t i, n = m->symbols.len;
	struct or_terms t = {
		kc_xcalloc(n ? n : 1, sizeof(struct kc_vec)),
		kc_xcalloc(n ? n : 1, sizeof(struct kc_vec)),
		kc_xcalloc(n ? n : 1, sizeof(struct kc_vec)),
	};

	finalize_menu(m, &t, m->root, false);
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = m->symbols.items[i];

		s->rev_dep = join_terms(m, &t.rev_dep[i]);
		s->implied = join_terms(m, &t.implied[i]);
		s->dir_dep = join_terms(m, &t.dir_dep[i]);
	}
	free(t.rev_dep);
	free(t.implied);
	free(t.dir_dep);
}

int kc_model_finalize(struct kc_model *m, struct kc_diags *diags)
{
	size_t i, errors = diags->errors;

	for (i = 0; i < m->symbols.len; i++) {
		struct kc_symbol *s = m->symbols.items[i];

		if (s->flags & KC_SYM_CHOICE)
			settle_choice(m, s, diags);
	}
	warn_menus_bool_m(m, m->root->list, diags);
	finalize_symbols_ors(m);
	flatten_ifs(m->root);
	for (i = 0; i < m->symbols.len; i++)
		check_symbol(m, m->symbols.items[i], diags);
	return (int)(diags->errors - errors);
}
