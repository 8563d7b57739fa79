/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * analysis_presence.h - presence conditions (presence.c), for builds.c
 * (private to src/analysis).
 */
#ifndef KC_ANALYSIS_PRESENCE_H
#define KC_ANALYSIS_PRESENCE_H

#include "cond.h"
#include "kc_analysis.h"
#include "kc_eval.h"
#include "kc_kbuild.h"

/* One object or module and where it is built. */
struct presence_item {
	const char *name;
	bool is_module;
	int y, m;			/* conditions */
};

/* A "prefix-$(CONFIG_X) += words" line, as presence.c took it out. */
struct presence_line {
	const char *file;
	int line;
	const char *dir;		/* the folder */
	const char *prefix;		/* "obj-", "vfio-" */
	const char *symbol;		/* "VFIO", without CONFIG_ */
	const char *const *words;	/* "vfio.o", ...; NULL-terminated */
};

struct presence_state {
	const struct kc_model *m;
	const struct kc_kbuild_options *kbuild;
	struct kc_eval *defaults;	/* values of int, hex and string symbols */
	struct cond_mgr *c;
	struct kc_arena *a;
	struct kc_diags *diags;
	const char *const *under;
	size_t n_under;
	struct kc_map *items;		/* "o name" / "m name" -> item */
	struct kc_vec item_list;	/* struct presence_item * */
	struct kc_vec *notes;		/* char * (malloc'd), each once */
	size_t runs;			/* Makefile readings */
	size_t max_runs;		/* an error past it; 0: no limit */
	struct kc_vec makefiles;	/* const char *: each folder's, read */
	struct kc_vec lines;		/* struct presence_line * */
	struct presence_top *top;	/* the top, read once (presence.c) */
	struct kc_map *files;		/* path -> struct file_copy, read once */
	struct kc_vec file_copies;	/* struct file_copy *, to free */
	bool failed;
};

/* An item's folder: its name up to the last '/' ("" at the top), in a. */
char *presence_folder(struct kc_arena *a, const struct presence_item *it);

/* Fills ps->item_list; false on an error (in ps->diags). */
bool kc_presence_compute(struct presence_state *ps);

/*
 * The builds as independent folders, when they are too many to list
 * (factor.c): fills b's cases and returns 0 when proved, else 1 with the
 * reason in why_not.  'closure' as kc_sat_new_subset takes it; folders
 * with more than max_alts builds of their own are not split.
 */
int kc_builds_factor(const struct kc_model *m, const unsigned char *closure,
		     struct presence_state *ps, struct kc_eval *defaults,
		     size_t max_alts, struct kc_builds *b, struct kc_buf *why_not);

#endif /* KC_ANALYSIS_PRESENCE_H */
