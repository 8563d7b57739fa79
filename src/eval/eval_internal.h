/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eval_internal.h - what the files of the evaluator share: the user
 * values the modes of conf set (modes.c, and randconfig.c for
 * KC_MODE_RANDCONFIG) before any value is computed, and the cache of
 * computed values 6.1's randconfig works on.  Other layers use
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
/* The options the evaluator was made with. */
const struct kc_eval_options *kc_eval_options(const struct kc_eval *ev);

/*
 * randconfig.c: randconfig's answers (conf --randconfig with
 * KCONFIG_SEED=seed), for every symbol the allconfig left alone.
 */
void kc_eval_randconfig(struct kc_eval *ev, unsigned int seed,
			const struct kc_rand_probability *prob);

/*
 * modes.c: the all* modes' answers for every bool and tristate symbol the
 * allconfig left alone (conf_set_all_new_symbols).  Called by kc_eval_new
 * once the allconfig is read, before any value is computed.
 */
void kc_eval_fill_new_symbols(struct kc_eval *ev);

#endif /* KC_EVAL_INTERNAL_H */
