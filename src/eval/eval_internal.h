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

/*
 * Before 6.11, conf --randconfig works on conf's cache of computed values
 * (a value, once computed, is kept until forgotten), so the order in which
 * it computes and forgets matters; these follow it.
 */
/* Has 's' been computed since it was last forgotten? */
bool kc_eval_computed(struct kc_eval *ev, const struct kc_symbol *s);
/* Forgets every computed value, then computes MODULES, as conf does. */
void kc_eval_forget_all(struct kc_eval *ev);
/* Forgets the computed value of 's'. */
void kc_eval_forget(struct kc_eval *ev, const struct kc_symbol *s);
/* Before 6.11: choice 'c' read with value 't' and 'chosen' set to y. */
void kc_eval_set_user_choice(struct kc_eval *ev, const struct kc_symbol *c,
			     enum kc_tristate t,
			     const struct kc_symbol *chosen);

#endif /* KC_EVAL_INTERNAL_H */
