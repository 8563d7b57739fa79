/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model_internal.h - the kc_model struct, shared by the files of the model
 * layer only.  Other layers use the accessors in kc_model.h.
 */
#ifndef KC_MODEL_INTERNAL_H
#define KC_MODEL_INTERNAL_H

#include "kc_model.h"

struct kc_model {
	struct kc_arena *arena;
	struct kc_map *syms;		/* name -> non-constant symbol */
	struct kc_map *consts;		/* text -> constant symbol */
	struct kc_vec symbols;		/* non-constant symbols and choices */
	struct kc_map *fileset;
	struct kc_vec files;
	struct kc_vec env_names;
	struct kc_vec env_values;
	struct kc_menu *root;
	struct kc_symbol *modules;
	struct kc_symbol *yes, *mod, *no;
	const char *kernel_version;	/* as given, or NULL */
	int kv_major, kv_minor;		/* -1 when unknown */
};

/*
 * The value an expression has whatever the symbols' values, as the
 * kernel's conf simplifies it before it looks for recursive dependencies
 * (Linux 6.12): y and n absorb || and &&, a bool symbol compared with m is
 * a constant, "A || !A" of a bool A is y.  -1 when it is not constant,
 * else the tristate.
 */
int kc_expr_fold(const struct kc_model *m, const struct kc_expr *e);

#endif /* KC_MODEL_INTERNAL_H */
