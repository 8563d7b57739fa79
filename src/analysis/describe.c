/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * describe.c - a constraint of the model in one sentence, with the Kconfig
 * line it comes from, for the notes of SAT-based findings.
 */
#include <string.h>

#include "analysis_internal.h"

static const struct kc_menu *main_entry(const struct kc_symbol *s)
{
	const struct kc_menu *menu;

	for (menu = s->menus; menu; menu = menu->next_def)
		if (menu->prompt)
			return menu;
	return s->menus;
}

static void add_expr(struct kc_buf *b, const char *what,
		     const struct kc_expr *e)
{
	kc_buf_adds(b, what);
	kc_expr_print(e, b);
}

/* Who selects (or implies) s, by name: "A, B and 2 more". */
static void reverse_names(const struct kc_model *m, const struct kc_symbol *s,
			  enum kc_prop_kind kind, struct kc_buf *b)
{
	size_t i, n = kc_model_symbol_count(m), shown = 0, more = 0;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *by = kc_model_symbol(m, i);
		const struct kc_property *p;

		for (p = by->props; p; p = p->next) {
			if (p->kind != kind || p->expr->sym[0] != s)
				continue;
			if (shown < 4)
				kc_buf_addf(b, "%s%s", shown ? ", " : "",
					    by->name);
			else
				more++;
			shown++;
			break;
		}
	}
	if (more)
		kc_buf_addf(b, " and %zu more", more);
}

void kc_analysis_note_constraint(const struct kc_model *m,
				 const struct kc_symbol *s,
				 struct kc_finding *f)
{
	const struct kc_menu *entry = main_entry(s);
	const struct kc_property *p;
	struct kc_buf b = KC_BUF_INIT;
	bool prompt = false;
	int defaults = 0;

	if (s->flags & KC_SYM_CHOICE) {
		const struct kc_property *pr = kc_symbol_prompt(s);

		kc_finding_note(f, entry ? entry->file : NULL,
				entry ? entry->line : 0,
				"the choice \"%s\": when any member is visible, exactly one visible member is y",
				pr && pr->text ? pr->text : "");
		return;
	}
	for (p = s->props; p; p = p->next) {
		prompt |= p->kind == KC_P_PROMPT;
		defaults += p->kind == KC_P_DEFAULT;
	}
	kc_buf_addf(&b, "%s", s->name);
	if (s->dir_dep)
		add_expr(&b, " depends on ", s->dir_dep);
	if (!prompt) {
		kc_buf_adds(&b, s->dir_dep ? "; " : " ");
		kc_buf_adds(&b, "has no prompt, so its value is its default");
	}
	for (p = s->props; p && defaults; p = p->next) {
		if (p->kind != KC_P_DEFAULT)
			continue;
		add_expr(&b, "; default ", p->expr);
		if (p->cond)
			add_expr(&b, " if ", p->cond);
	}
	if (s->rev_dep) {
		kc_buf_adds(&b, "; selected by ");
		reverse_names(m, s, KC_P_SELECT, &b);
	}
	if (s->implied) {
		kc_buf_adds(&b, "; implied by ");
		reverse_names(m, s, KC_P_IMPLY, &b);
	}
	kc_finding_note(f, entry ? entry->file : NULL, entry ? entry->line : 0,
			"%s", kc_buf_str(&b));
	kc_buf_free(&b);
}

const struct kc_menu *kc_analysis_entry(const struct kc_symbol *s)
{
	return main_entry(s);
}
