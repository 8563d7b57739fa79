/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modes.c - the non-interactive modes of the kernel's conf: their names,
 * and the answers the all* modes give every bool and tristate symbol the
 * allconfig (KCONFIG_ALLCONFIG) leaves alone.
 *
 * Linux 6.12 (conf_set_all_new_symbols, observed with its conf): the menu
 * tree is walked in order, and every entry that has a prompt (visible or
 * not) and defines a bool or tristate symbol without a user value, not a
 * member of a choice, gives that symbol the mode's answer as a user value:
 * n, y or m (m for a bool too; the evaluator makes it y).  alldefconfig
 * answers nothing.  Choices keep no user value: their members are chosen
 * as olddefconfig chooses them.
 *
 * Before 6.11 (the conf of 6.1): every bool or tristate symbol without a
 * user value gets the answer, prompt or not, choice members too, and the
 * choice itself (whose own value decides between one member and several
 * modules: an optional choice answered n stays n, a mandatory one
 * becomes y).  But reading an allconfig gives every choice a value of its
 * own, n unless a member's line says more (kc_eval_legacy_choice_read),
 * so that no choice is answered then: an optional choice none of whose
 * members the allconfig names stays n even in allyesconfig.
 *
 * randconfig draws its answers from the seed (randconfig.c).
 */
#include <string.h>

#include "eval_internal.h"
#include "kc_eval.h"

static const char *const mode_names[KC_MODE_COUNT] = {
	[KC_MODE_OLDDEFCONFIG] = "olddefconfig",
	[KC_MODE_ALLDEFCONFIG] = "alldefconfig",
	[KC_MODE_ALLNOCONFIG] = "allnoconfig",
	[KC_MODE_ALLYESCONFIG] = "allyesconfig",
	[KC_MODE_ALLMODCONFIG] = "allmodconfig",
	[KC_MODE_RANDCONFIG] = "randconfig",
	[KC_MODE_SAVEDEFCONFIG] = "savedefconfig",
	[KC_MODE_LISTNEWCONFIG] = "listnewconfig",
};

const char *kc_eval_mode_name(enum kc_eval_mode mode)
{
	return (unsigned)mode < KC_MODE_COUNT ? mode_names[mode] : "?";
}

int kc_eval_mode_parse(const char *name, enum kc_eval_mode *mode)
{
	int i;

	for (i = 0; i < KC_MODE_COUNT; i++)
		if (!strcmp(name, mode_names[i])) {
			*mode = (enum kc_eval_mode)i;
			return 0;
		}
	return -1;
}

bool kc_eval_mode_is_new_config(enum kc_eval_mode mode)
{
	switch (mode) {
	case KC_MODE_ALLDEFCONFIG:
	case KC_MODE_ALLNOCONFIG:
	case KC_MODE_ALLYESCONFIG:
	case KC_MODE_ALLMODCONFIG:
	case KC_MODE_RANDCONFIG:
		return true;
	default:
		return false;
	}
}

bool kc_eval_mode_supported(enum kc_eval_mode mode)
{
	switch (mode) {
	case KC_MODE_OLDDEFCONFIG:
	case KC_MODE_ALLDEFCONFIG:
	case KC_MODE_ALLNOCONFIG:
	case KC_MODE_ALLYESCONFIG:
	case KC_MODE_ALLMODCONFIG:
	case KC_MODE_RANDCONFIG:
		return true;
	default:
		return false;
	}
}

static bool is_tristate_kind(const struct kc_symbol *s)
{
	return s->type == KC_T_BOOL || s->type == KC_T_TRISTATE;
}

/* Linux 6.12: the entries with a prompt, in menu order. */
static void fill_menus(struct kc_eval *ev, const struct kc_menu *menu,
		       enum kc_tristate answer)
{
	for (; menu; menu = menu->next) {
		const struct kc_symbol *s = menu->sym;

		if (s && menu->prompt && is_tristate_kind(s) &&
		    !(s->flags & KC_SYM_CHOICE) && !s->choice &&
		    !kc_eval_has_user(ev, s))
			kc_eval_set_user_tri(ev, s, answer);
		fill_menus(ev, menu->list, answer);
	}
}

/* Before 6.11: every bool and tristate symbol, choices and members too. */
static void fill_symbols(struct kc_eval *ev, enum kc_tristate answer)
{
	const struct kc_model *m = kc_eval_model(ev);
	size_t i, n = kc_model_symbol_count(m);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(m, i);

		if ((s->flags & KC_SYM_CONST) || !is_tristate_kind(s) ||
		    kc_eval_has_user(ev, s))
			continue;
		if ((s->flags & KC_SYM_CHOICE) &&
		    kc_eval_legacy_choice_read(ev, s))
			continue;
		kc_eval_set_user_tri(ev, s, answer);
	}
}

void kc_eval_fill_new_symbols(struct kc_eval *ev)
{
	enum kc_tristate answer;

	switch (kc_eval_mode(ev)) {
	case KC_MODE_ALLNOCONFIG:
		answer = KC_NO;
		break;
	case KC_MODE_ALLYESCONFIG:
		answer = KC_YES;
		break;
	case KC_MODE_ALLMODCONFIG:
		answer = KC_MOD;
		break;
	case KC_MODE_RANDCONFIG:
		kc_eval_randconfig(ev, kc_eval_options(ev)->seed,
				   kc_eval_options(ev)->probability);
		return;
	default:
		/* alldefconfig: every symbol keeps its default. */
		return;
	}
	if (kc_eval_legacy(ev))
		fill_symbols(ev, answer);
	else
		fill_menus(ev, kc_model_root(kc_eval_model(ev)), answer);
}
