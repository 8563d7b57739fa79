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

#endif /* KC_MODEL_INTERNAL_H */
