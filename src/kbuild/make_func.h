/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make_func.h - the built-in functions of GNU make (private to src/kbuild),
 * and the helpers make_expand.c and make_func.c share.
 */
#ifndef KC_KBUILD_MAKE_FUNC_H
#define KC_KBUILD_MAKE_FUNC_H

#include "make.h"

/*
 * If [s, s+n) (the text between the parens of a reference) is a call of a
 * built-in function, appends its result to out and returns true.
 */
bool mk_func_call(struct mk *m, const char *s, size_t n, char open,
		  struct kc_buf *out);

const struct mk_frame *mk_frame_get(const struct mk *m, const char *name,
				    size_t n);
void mk_expand_name(struct mk *m, const char *name, size_t n,
		    struct kc_buf *out);
void mk_patsubst(const char *pat, size_t pn, const char *rep, size_t rn,
		 const char *text, size_t tn, struct kc_buf *out);

/*
 * Is 'name' one of the compiler and tool probes of scripts/Makefile.compiler
 * (cc-option, as-instr, ld-option, ...)?  A $(call) of one that no
 * Makefile defined asks the build machine.
 */
bool mk_is_probe(const char *name, size_t n);

#endif /* KC_KBUILD_MAKE_FUNC_H */
