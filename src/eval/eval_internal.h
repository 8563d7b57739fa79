/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eval_internal.h - what the files of the evaluator share: the user
 * values the modes of conf set (modes.c, and randconfig.c for
 * KC_MODE_RANDCONFIG) before any value is computed.  Other layers use
 * kc_eval.h.
 */
#ifndef KC_EVAL_INTERNAL_H
#define KC_EVAL_INTERNAL_H

#include "kc_eval.h"

/* Does the symbol have a user value (conf's sym_has_value)? */
bool kc_eval_has_user(struct kc_eval *ev, const struct kc_symbol *s);
/* Gives a bool or tristate symbol the user value t, as a .config line would. */
void kc_eval_set_user_tri(struct kc_eval *ev, const struct kc_symbol *s,
			  enum kc_tristate t);
/*
 * Puts a choice member last in its choice's order of preference: a member
 * chosen by the mode yields to any the allconfig set to y.
 */
void kc_eval_choice_prefer_last(struct kc_eval *ev,
				const struct kc_symbol *member);
/*
 * Before 6.11, reading a .config gives every choice a user value of its
 * own (n unless a member's line says more), except a choice a member's
 * line made inconsistent, which loses it.  Does choice 'c' have one?
 */
bool kc_eval_legacy_choice_read(struct kc_eval *ev, const struct kc_symbol *c);
/* Does the evaluator follow the conf of Linux 6.1 (kc_model_legacy_conf)? */
bool kc_eval_legacy(const struct kc_eval *ev);
enum kc_eval_mode kc_eval_mode(const struct kc_eval *ev);

/*
 * modes.c: the all* modes' answers for every bool and tristate symbol the
 * allconfig left alone (conf_set_all_new_symbols).  Called by kc_eval_new
 * once the allconfig is read, before any value is computed.
 */
void kc_eval_fill_new_symbols(struct kc_eval *ev);

#endif /* KC_EVAL_INTERNAL_H */
