/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_kbuild.h - the Kbuild layer: reading a kernel tree's Makefiles.
 *
 * The kernel version from the top Makefile's header, and the Kbuild walk:
 * for one configuration, which modules the tree builds (y or m), from which
 * objects, in the order the kernel's own build writes modules.order,
 * vmlinux's archive and modules.builtin.  Every read goes through a struct
 * kc_fs, like the Kconfig front end, so a kernel tree on disk and an
 * embedded model are read the same way.
 */
#ifndef KC_KBUILD_H
#define KC_KBUILD_H

#include "kc_base.h"

/* VERSION, PATCHLEVEL, SUBLEVEL and EXTRAVERSION of a top Makefile. */
struct kc_kernel_version {
	int version;		/* -1 when the Makefile does not say */
	int patchlevel;
	int sublevel;		/* -1 when empty */
	char extraversion[64];	/* "" when empty */
};

/*
 * Reads the header assignments of the Makefile at 'path' (through fs) the
 * way make would: "VERSION = 6" with any spacing around '='.  Returns 0, or
 * -1 with a located diagnostic in d (unreadable file, no VERSION or
 * PATCHLEVEL, a value that is not a number).
 */
int kc_kbuild_kernel_version(const struct kc_fs *fs, const char *path,
			     struct kc_kernel_version *v, struct kc_diags *d);

/*
 * KERNELVERSION as the kernel's Makefile composes it: "6.12.0" (an empty
 * SUBLEVEL is left out, "0" is not), then EXTRAVERSION.
 */
void kc_kernel_version_string(const struct kc_kernel_version *v,
			      struct kc_buf *out);

/* ---- the Kbuild walk -------------------------------------------------------- */

/* A place where the answer would depend on the build machine. */
struct kc_kbuild_probe {
	const char *file;	/* the Makefile (as read), or NULL */
	int line;
	const char *what;	/* the command or probe, e.g. "cc-option" */
};

struct kc_kbuild_options {
	const struct kc_fs *fs;		/* the tree, paths relative to its top */
	/*
	 * The names in folder 'dir' ("." for the top), each malloc'd, pushed
	 * onto names in any order; returns -1 when 'dir' is no folder.  Used
	 * by $(wildcard) and to choose between Kbuild and Makefile.  NULL:
	 * the provider's own list().
	 */
	int (*list)(void *ctx, const char *dir, struct kc_vec *names);
	void *list_ctx;
	/*
	 * The value of CONFIG_X as include/config/auto.conf holds it: "y",
	 * "m", a number, a string in double quotes; NULL when unset.  'name'
	 * includes the CONFIG_ prefix.
	 */
	const char *(*config)(void *ctx, const char *name);
	void *config_ctx;
	/*
	 * Called with config_ctx and a folder ("." for the top and the arch
	 * Makefile) each time the walk starts or resumes reading a Makefile's
	 * variables, so the config callback knows whose Makefile asks.  May
	 * be NULL.
	 */
	void (*enter)(void *ctx, const char *dir);
	/*
	 * Called with config_ctx and the path of each file an include
	 * directive of a Makefile reads, before it is read (so a caller that
	 * rewrites the files it gives knows which are Makefiles).  May be
	 * NULL.
	 */
	void (*included)(void *ctx, const char *path);
	/*
	 * Called with config_ctx and each folder below the first before it
	 * is read: false leaves it listed in dirs, with what its parent gives
	 * it, but unread (nothing of it is built).  A caller that wants only
	 * some folders' modules skips the rest of the tree.  May be NULL.
	 */
	bool (*descend)(void *ctx, const char *dir);
	const char *arch;		/* ARCH, e.g. "x86_64" */
	const char *srcarch;		/* SRCARCH, e.g. "x86" */
	bool run_shell;			/* run $(shell ...) (not hermetic) */
	const char *shell_dir;		/* where it runs; NULL: here */
	bool modinfo;			/* read sources for modules.builtin */
	/*
	 * One folder alone: start at 'start_dir' (NULL: the top) as if its
	 * built-in.a and modules.order were both wanted, and with no_descend
	 * list its subfolders in dirs, with the need-builtin and need-modorder
	 * it gives them, without reading them.
	 */
	const char *start_dir;
	bool no_descend;
	/*
	 * A top read before with these options (kc_kbuild_top_read): the
	 * walk starts from its variables instead of reading scripts/
	 * Kbuild.include and the arch Makefile again.  Each time a Makefile
	 * reads one of the n_top_vars variables named in top_vars, its value
	 * is top_value(config_ctx, name) instead (NULL: not defined), so a
	 * caller can give each reading the values the arch Makefile leaves
	 * in another configuration.
	 */
	const struct kc_kbuild_top *top;
	const char *const *top_vars;
	size_t n_top_vars;
	const char *(*top_value)(void *ctx, const char *name);
};

enum kc_kbuild_kind {
	KC_KBUILD_BUILTIN,	/* linked into vmlinux (obj-y) */
	KC_KBUILD_MODULE,	/* a loadable module (obj-m) */
};

/*
 * The compiler flags the listing Makefile gives one object of a module
 * (scripts/Makefile.lib): words added after the build's own flags and
 * words taken out of all of them, each NULL when none.  Paths in them are
 * relative to the top of the tree.
 */
struct kc_kbuild_flags {
	const char *c, *c_remove;	/* C objects */
	const char *a, *a_remove;	/* assembler objects */
};

/* A module, or an object of obj-y that would be one if it were obj-m. */
struct kc_kbuild_module {
	const char *name;	/* "drivers/vfio/vfio": path without suffix */
	enum kc_kbuild_kind kind;
	bool composite;		/* foo-objs, foo-y or foo-m */
	const char *makefile;	/* the Makefile that lists it */
	const char **objects;	/* in link order */
	size_t n_objects;
	/* loadable modules: one per object, or NULL when no object has any */
	const struct kc_kbuild_flags *flags;
	bool flags_probed;	/* some flag variable rests on an unrun probe */
};

/* The lists of one Makefile as it left them (for testing the reader). */
struct kc_kbuild_list {
	const char *name;	/* "obj-y", "vfio-y", ... */
	const char *value;	/* words joined by one space */
};

struct kc_kbuild_dir {
	const char *path;	/* "drivers/vfio"; "." for the top */
	const char *makefile;	/* the Kbuild or Makefile read */
	bool need_builtin;	/* its built-in.a is linked */
	bool need_modorder;	/* its modules.order is read */
	struct kc_kbuild_list *lists;
	size_t n_lists;
};

struct kc_kbuild_result {
	/*
	 * struct kc_kbuild_module *: the modules in modules.order's order,
	 * then the built-in ones in link order (docs/modules-schema.md).
	 */
	struct kc_vec modules;
	struct kc_vec order;		/* modules.order lines: "drivers/x/y.o" */
	struct kc_vec builtin_objects;	/* vmlinux.a members, archive order */
	struct kc_vec lib_objects;	/* lib.a members of libs-y folders */
	struct kc_vec builtin_modules;	/* modules.builtin names: "fs/ext4" */
	struct kc_vec dirs;		/* struct kc_kbuild_dir *, walk order */
	struct kc_vec probes;		/* struct kc_kbuild_probe * */
	struct kc_arena *arena;
	bool complete;			/* no error stopped a Makefile */
};

/*
 * Walks the tree as the kernel's build does for "make ARCH=... all": the
 * arch Makefile for core-y, drivers-y and libs-y, then the top Kbuild and
 * every folder it descends into (scripts/Makefile.build and
 * Makefile.lib's rules).  Errors (located) go to d; a Makefile with an
 * error is read up to it.  Returns NULL only when the top Kbuild or
 * Makefile cannot be read.
 */
struct kc_kbuild_result *kc_kbuild_walk(const struct kc_kbuild_options *opt,
					struct kc_diags *d);
void kc_kbuild_result_free(struct kc_kbuild_result *r);

/*
 * The top Makefile's part alone, as kc_kbuild_walk() reads it before the
 * top Kbuild: the variables every sub-make inherits, scripts/
 * Kbuild.include, and what the arch Makefile exports (ARCH_CORE, ARCH_LIB,
 * ARCH_DRIVERS, BITS, ...).  For walks of one folder at a time (the
 * options' top), and for asking what the arch Makefile leaves in a
 * configuration.  Errors (located) go to d.
 */
struct kc_kbuild_top;
struct kc_kbuild_top *kc_kbuild_top_read(const struct kc_kbuild_options *opt,
					 struct kc_diags *d);
/* The value variable 'name' has for every folder, NULL when undefined. */
const char *kc_kbuild_top_value(const struct kc_kbuild_top *t,
				const char *name);
void kc_kbuild_top_free(struct kc_kbuild_top *t);

/*
 * Keeps only what folders 'dirs' (paths from the top, each with its
 * subfolders) contribute: their modules, modules.order lines, vmlinux.a
 * and lib.a members, modules.builtin names, Makefiles read and
 * build-machine places, each list in its order.  n == 0 keeps everything.
 */
void kc_kbuild_result_keep_under(struct kc_kbuild_result *r,
				 const char *const *dirs, size_t n);

/* ---- output ----------------------------------------------------------------- */

/* Each module with y or m, then its objects, one per line, indented. */
void kc_kbuild_format_text(const struct kc_kbuild_result *r,
			   struct kc_buf *out);
/* docs/modules-schema.md */
void kc_kbuild_format_json(const struct kc_kbuild_result *r,
			   const char *kernelrelease, struct kc_buf *out);
/* /lib/modules/<release>/modules.order: "kernel/drivers/x/y.ko" lines. */
void kc_kbuild_format_order(const struct kc_kbuild_result *r,
			    struct kc_buf *out);
/* /lib/modules/<release>/modules.builtin lines. */
void kc_kbuild_format_builtin(const struct kc_kbuild_result *r,
			      struct kc_buf *out);
/* A Kbuild file without conditions that builds these modules (obj-m). */
void kc_kbuild_format_kbuild(const struct kc_kbuild_module *const *mods,
			     size_t n, struct kc_buf *out);
/* Each Makefile's lists as the reader left them (for testing it). */
void kc_kbuild_format_lists(const struct kc_kbuild_result *r,
			    struct kc_buf *out);

#endif /* KC_KBUILD_H */
