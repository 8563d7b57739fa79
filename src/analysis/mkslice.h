/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mkslice.h - the lines of a Makefile that can change some variables
 * (private to src/analysis): presence.c reads the arch Makefile once per
 * value of the symbols that decide one variable it exports, and a folder's
 * Makefile (with the files it includes) once per value of the symbols
 * that decide its lists, not once per value of every symbol the whole
 * text reads.
 */
#ifndef KC_ANALYSIS_MKSLICE_H
#define KC_ANALYSIS_MKSLICE_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"

/* A file of the slice: the Makefile, then each file it includes. */
struct slice_file {
	char *path;		/* as the reader asks for it */
	char *text;
	size_t len;
	char *out;		/* the text with the lines not kept blanked */
};

struct mk_slice {
	const struct kc_fs *fs;
	/* Variables an include path may name: srctree, ARCH, SRCARCH... */
	const char *const (*known)[2];
	size_t n_known;
	struct kc_vec files;	/* struct slice_file *, [0] the Makefile */
	struct kc_vec names;	/* char *: names assigned (literal ones) */
	struct kc_vec exported;	/* char *: names an export line names */
	bool export_all;	/* a bare "export": every variable */
	/*
	 * Include lines are not followed (their paths may rest on the
	 * Makefile's own variables): each is kept, with the conditionals
	 * around it and what its path reads, and the caller adds the files
	 * they read with mk_slice_add.
	 */
	bool open_includes;
	struct mk_slice_parse *parse;
};

/*
 * Reads 'path' and every file it includes (through fs, with the include
 * paths expanded from 'known'); false when it cannot be read or when its
 * lines cannot be sliced (a computed variable name assigned, $(eval), a
 * directive or an assignment that a tab may make a recipe line...), and
 * then every slice is the whole text.
 */
bool mk_slice_read(struct mk_slice *s, const char *path);

/*
 * Adds 'path' (with open_includes, a file an include line read) to the
 * lines a cut looks at, after mk_slice_read; false when it cannot be read
 * (nothing of it is then given) or when the lines read so far cannot be
 * sliced (every slice is then the whole text).
 */
bool mk_slice_add(struct mk_slice *s, const char *path);

/*
 * Fills each file's 'out' with only the lines that can change the value
 * or the export of a variable named in 'want' ('*' in a name matches any
 * text), with the conditionals around them and, transitively, the lines
 * that set what those lines read.  Lines read as the Kbuild reader reads
 * them (src/kbuild/make_read.c): rules and recipes are never read, so they
 * are left out; the compiler probes called by the lines kept do not run
 * without --shell, so the flags they would pass are not followed.  True
 * when some file's 'out' is not what the cut before gave (or on the
 * first): readings of the files as cut would then differ.
 */
bool mk_slice_cut(struct mk_slice *s, const char *const *want, size_t n_want);

void mk_slice_free(struct mk_slice *s);

#endif /* KC_ANALYSIS_MKSLICE_H */
