/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kbuild_internal.h - what the files of the Kbuild walk share (private to
 * src/kbuild): the walk's state, what a folder gives its parent, and the
 * helpers walk.c (one folder: Makefile.build and Makefile.lib's rules) and
 * top.c (the top Makefile's part, the whole walk and its result) use.
 */
#ifndef KC_KBUILD_INTERNAL_H
#define KC_KBUILD_INTERNAL_H

#include <stdbool.h>

#include "kc_base.h"
#include "kc_kbuild.h"
#include "make.h"

struct walk {
	const struct kc_kbuild_options *opt;
	struct kc_diags *diags;
	struct kc_kbuild_result *r;
	struct kc_arena *a;		/* the result's */
	struct mk_host host;
	struct mk_scope globals;
	struct kc_map *dirs;		/* folder -> struct kc_vec * (names) */
	struct kc_vec cached;		/* those vectors, to free */
	struct kc_vec lib_vecs;		/* the vectors in libs, to free */
	struct kc_buf name;		/* scratch for config lookups */
	struct kc_map *modfiles;	/* object -> const char * ("a b") */
	struct kc_map *libs;		/* folder -> struct kc_vec * (lib.a) */
	struct kc_vec lib_dirs;		/* libs-y folders, in order */
	struct kc_map *asked;		/* the options' top_vars, as a set */
	/* subdir-ccflags-y and subdir-asflags-y of the folders being read */
	struct kc_vec subdir_cflags, subdir_aflags;
	bool subdir_probed;		/* some of them may rest on an unrun probe */
	bool folder_probed;		/* the folder being read met one */
	int depth;
};

/* Where the subdir flags stood before a folder added its own (flags.c). */
struct kb_flags_mark {
	size_t c, a;
	bool probed, folder_probed;
};

/*
 * Adds the folder's subdir-ccflags-y and subdir-asflags-y (flags.c);
 * folder_probed: reading its Makefile met a compiler probe, not run.
 */
void kb_flags_enter(struct walk *w, struct mk *m, bool folder_probed,
		    struct kb_flags_mark *mark);
/* Takes them away again, leaving the folder. */
void kb_flags_leave(struct walk *w, const struct kb_flags_mark *mark);
/* The flags of each object of a loadable module listed in 'dir'. */
void kb_module_flags(struct walk *w, struct mk *m, const char *dir,
		     struct kc_kbuild_module *mod);

/* What a folder gives its parent. */
struct dir_out {
	struct kc_vec builtin;	/* built-in.a members, flattened */
	struct kc_vec order;	/* modules.order lines */
};

/* The names in folder 'dir', sorted and cached; NULL when it is none. */
const struct kc_vec *kb_host_list(void *ctx, const char *dir);
/* The words of variable 'name' expanded, copied into the walk's arena. */
void kb_var_words(struct walk *w, struct mk *m, const char *name,
		  struct kc_vec *out);
/* Tells the caller whose Makefile is read from now on (options' enter). */
void kb_enter(struct walk *w, const char *dir);
bool kb_ends_with(const char *s, const char *suffix);
bool kb_in_vec(const struct kc_vec *v, const char *s);
/* Appends the items of 'from' to 'out'. */
void kb_splice(struct kc_vec *out, const struct kc_vec *from);
/*
 * Reads folder 'dir' as "$(MAKE) $(build)=dir need-builtin=...
 * need-modorder=..." does, then its subfolders; adds its modules to the
 * result and its built-in.a members and modules.order lines to out.
 */
void kb_visit(struct walk *w, const char *dir, bool need_builtin,
	      bool need_modorder, struct dir_out *out);

/*
 * Does the source of built-in object 'obj' ("fs/ext4/super.o": its .c
 * file, or its .c_shipped, read through fs) use MODULE_LICENSE() outside
 * comments and outside "#ifdef MODULE" blocks?  Such an object gets a
 * "file=" entry in vmlinux's .modinfo (include/linux/module.h,
 * MODULE_FILE).
 */
bool kb_object_declares_license(const struct kc_fs *fs, const char *obj);

#endif /* KC_KBUILD_INTERNAL_H */
