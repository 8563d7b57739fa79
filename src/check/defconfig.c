/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * defconfig.c - the lint of a defconfig: the lines `make savedefconfig`
 * would not write, and those out of its order, as notes.
 *
 * savedefconfig (scripts/kconfig/confdata.c, conf_write_defconfig) walks
 * the menu tree once and writes a symbol at its first entry when conf
 * would write it, a prompt could change it (visible above what selects
 * force) and its value differs from the value it would have without the
 * line (sym_get_string_default: the first visible default, raised by
 * select and imply), a choice's default member being left out too.  A
 * defconfig line that survives resolution but would not be written is a
 * line the file could drop.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_check.h"

static enum kc_tristate tri_max(enum kc_tristate a, enum kc_tristate b)
{
	return a > b ? a : b;
}

static enum kc_tristate tri_min(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}

static const struct kc_property *first_default(struct kc_eval *ev,
					       const struct kc_symbol *s,
					       enum kc_tristate *vis)
{
	const struct kc_property *p;

	for (p = s->props; p; p = p->next) {
		if (p->kind != KC_P_DEFAULT)
			continue;
		*vis = p->visible ? kc_eval_expr(ev, p->visible) : KC_YES;
		if (*vis != KC_NO)
			return p;
	}
	return NULL;
}

/* The value the symbol would have without the line (a string to compare). */
static const char *value_without_line(struct kc_eval *ev,
				      const struct kc_symbol *s)
{
	static const char *const tri[] = { "n", "m", "y" };
	enum kc_tristate vis, v = KC_NO;
	const struct kc_property *p = first_default(ev, s, &vis);

	if (s->type != KC_T_BOOL && s->type != KC_T_TRISTATE) {
		if (p && p->expr->op == KC_E_SYMBOL)
			return kc_eval_string(ev, p->expr->sym[0]);
		return s->type == KC_T_INT ? "0" :
		       s->type == KC_T_HEX ? "0x0" : "";
	}
	if (p)
		v = tri_min(kc_eval_expr(ev, p->expr), vis);
	v = tri_max(v, kc_eval_rev_dep(ev, s));
	if (v == KC_MOD && kc_eval_type(ev, s) == KC_T_BOOL)
		v = KC_YES;
	v = tri_max(v, kc_eval_implied(ev, s));
	return tri[v];
}

/* The member a choice takes when no line picks one (sym_choice_default). */
static const struct kc_symbol *choice_default(struct kc_eval *ev,
					      const struct kc_symbol *ch)
{
	const struct kc_property *p;
	size_t i;

	for (p = ch->props; p; p = p->next) {
		if (p->kind != KC_P_DEFAULT ||
		    (p->visible && kc_eval_expr(ev, p->visible) == KC_NO))
			continue;
		if (p->expr->op == KC_E_SYMBOL &&
		    kc_eval_visible(ev, p->expr->sym[0]) != KC_NO)
			return p->expr->sym[0];
	}
	for (i = 0; i < ch->n_members; i++)
		if (kc_eval_visible(ev, ch->members[i]) != KC_NO)
			return ch->members[i];
	return NULL;
}

/* Why savedefconfig would not write 's' (NULL: it would). */
static const char *why_dropped(struct kc_eval *ev, const struct kc_symbol *s)
{
	const char *v;

	if (!kc_eval_written(ev, s))
		return "resolution does not write %s";
	if (kc_eval_visible(ev, s) <= kc_eval_rev_dep(ev, s))
		return kc_eval_rev_dep(ev, s) != KC_NO ?
			       "a select forces the value of %s" :
			       "no prompt of %s is visible";
	v = kc_eval_string(ev, s);
	if (!strcmp(v, value_without_line(ev, s)))
		return "%s has that value without the line";
	if (s->choice && kc_eval_tristate(ev, s) == KC_YES &&
	    choice_default(ev, s->choice) == s)
		return "%s is the choice's default member";
	return NULL;
}

static void note_dropped(struct kc_findings *out, const struct kc_config *cfg,
			 const struct kc_assignment *a,
			 const struct kc_symbol *s, const char *why)
{
	struct kc_buf b = KC_BUF_INIT;

	kc_buf_addf(&b, why, s->name);
	kc_findings_add(out, KC_RULE_REDUNDANT, KC_SEV_NOTE, s->name,
			kc_config_file(cfg, a), a->line,
			"savedefconfig would drop this line: %s",
			kc_buf_str(&b));
	kc_buf_free(&b);
}

/* Each symbol's place in savedefconfig's output: its first menu entry. */
static void menu_order(const struct kc_menu *menu, unsigned *pos,
		       unsigned *next)
{
	for (; menu; menu = menu->next) {
		const struct kc_symbol *s = menu->sym;

		if (s && !pos[s->id])
			pos[s->id] = ++*next;
		menu_order(menu->list, pos, next);
	}
}

void kc_check_defconfig_lint(const struct kc_model *m,
			     const struct kc_config *cfg, struct kc_eval *ev,
			     struct kc_findings *out)
{
	size_t i, n = kc_model_symbol_count(m);
	unsigned *pos = kc_xcalloc(n + 1, sizeof(*pos)), next = 0;
	const struct kc_assignment *prev = NULL;
	unsigned prev_pos = 0;

	menu_order(kc_model_root(m), pos, &next);
	for (i = 0; i < cfg->len; i++) {
		const struct kc_assignment *a = &cfg->items[i];
		const struct kc_symbol *s = kc_eval_assign_symbol(ev, i);
		const char *why;

		if (kc_eval_assign_status(ev, i) != KC_AS_APPLIED ||
		    kc_eval_user(ev, s) != a)
			continue;
		why = why_dropped(ev, s);
		if (why) {
			note_dropped(out, cfg, a, s, why);
			continue;
		}
		if (pos[s->id] < prev_pos)
			kc_findings_add(out, KC_RULE_ORDER, KC_SEV_NOTE,
					s->name, kc_config_file(cfg, a),
					a->line,
					"%s comes before %s (line %d) in savedefconfig's order",
					s->name, prev->name, prev->line);
		else
			prev_pos = pos[s->id], prev = a;
	}
	free(pos);
}
