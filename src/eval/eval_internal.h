/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eval_internal.h - what the eval layer's own files (randconfig.c) may do
 * to an evaluator besides reading values: give a symbol a user value, as a
 * .config line would, before any value is computed.
 */
#ifndef KC_EVAL_INTERNAL_H
#define KC_EVAL_INTERNAL_H

#include "kc_eval.h"

/* Does 's' have a user value (from the .config or set below)? */
bool kc_eval_has_user(struct kc_eval *ev, const struct kc_symbol *s);
/* Gives a bool or tristate 's' the user value 't'. */
void kc_eval_set_user_tristate(struct kc_eval *ev, const struct kc_symbol *s,
			       enum kc_tristate t);
/* Puts choice member 's' last in its choice's order of preference. */
void kc_eval_choice_demote(struct kc_eval *ev, const struct kc_symbol *s);

#endif /* KC_EVAL_INTERNAL_H */
