/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * defconfig.c - the lint of a defconfig: the lines `make savedefconfig`
 * would not write, and those out of its order, as notes.
 *
 * Which lines savedefconfig writes is the evaluator's verdict
 * (kc_eval_defconfig_verdict, src/eval/savedefconfig.c, which also writes
 * `resolve --mode savedefconfig`).  A defconfig line that survives
 * resolution but would not be written is a line the file could drop.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_check.h"

/* Why savedefconfig would not write 's' (NULL: it would). */
static const char *why_dropped(struct kc_eval *ev, const struct kc_symbol *s)
{
	switch (kc_eval_defconfig_verdict(ev, s)) {
	case KC_DEFCONFIG_UNWRITTEN:
		return "resolution does not write %s";
	case KC_DEFCONFIG_SELECTED:
		return "a select forces the value of %s";
	case KC_DEFCONFIG_INVISIBLE:
		return "no prompt of %s is visible";
	case KC_DEFCONFIG_DEFAULT:
		return "%s has that value without the line";
	case KC_DEFCONFIG_CHOICE_DEFAULT:
		return "%s is the choice's default member";
	case KC_DEFCONFIG_BUILD_MACHINE:
		return "the value of %s comes from the build machine "
		       "(with --shell it is compared with its default)";
	default:
		return NULL;
	}
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
