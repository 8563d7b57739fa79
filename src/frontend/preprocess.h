/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * preprocess.h - the Kconfig macro language (internal to the front end).
 *
 * Follows Documentation/kbuild/kconfig-macro-language.rst: variables with
 * '=', ':=' and '+=', user functions with $(1)..., environment variables,
 * and the built-ins shell, info, warning-if, error-if, filename, lineno.
 * References always look like $(...); a '$' not followed by '(' is literal.
 *
 * Every expansion reports whether unrun shell output went into it
 * ("tainted").  Variables remember the taint of their value.
 */
#ifndef KC_PREPROCESS_H
#define KC_PREPROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_frontend.h"

struct kc_pp;

enum kc_pp_flavor {
	KC_PP_RECURSIVE,	/* = */
	KC_PP_SIMPLE,		/* := */
	KC_PP_APPEND,		/* += */
};

struct kc_pp *kc_pp_new(const struct kc_parse_options *opt);
void kc_pp_free(struct kc_pp *pp);

/* The file and line $(filename), $(lineno) and messages refer to. */
void kc_pp_set_location(struct kc_pp *pp, const char *file, int line);

/*
 * All functions below return 0, or -1 after adding an error (with the
 * current location) to diags.  Output is appended to 'out'; *tainted is
 * set to true (never cleared) when unrun shell output went into it.
 */

/* NAME op VALUE; NAME is already expanded, VALUE is raw text. */
int kc_pp_assign(struct kc_pp *pp, const char *name, enum kc_pp_flavor flavor,
		 const char *value, struct kc_diags *diags);

/* Expands every reference in the NUL-terminated string 'in'. */
int kc_pp_expand(struct kc_pp *pp, const char *in, struct kc_buf *out,
		 bool *tainted, struct kc_diags *diags);

/*
 * Expands one token: characters [A-Za-z0-9_-] and $(...) references, up to
 * the first other character outside a reference.  'in' need not be
 * NUL-terminated at the token end; *consumed receives the number of input
 * bytes used.  The input must end at a NUL or newline at the latest.
 */
int kc_pp_expand_token(struct kc_pp *pp, const char *in, size_t *consumed,
		       struct kc_buf *out, bool *tainted,
		       struct kc_diags *diags);

/*
 * Expands the single reference at 'in' (in[0] == '$').  A '$' not followed
 * by '(' yields "$" and consumes one byte.
 */
int kc_pp_expand_dollar(struct kc_pp *pp, const char *in, size_t *consumed,
			struct kc_buf *out, bool *tainted,
			struct kc_diags *diags);

/* Environment variables looked up so far, with their values, in order. */
size_t kc_pp_env_count(const struct kc_pp *pp);
void kc_pp_env(const struct kc_pp *pp, size_t i, const char **name,
	       const char **value);

#endif /* KC_PREPROCESS_H */
