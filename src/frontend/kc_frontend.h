/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_frontend.h - reading Kconfig: macro preprocessing, lexing and parsing a
 * whole tree (following 'source') into a kc_model.
 *
 * Hermetic by default: $(shell,...) is not run unless run_shell is set.
 * Without it, the expansion yields the placeholder "n", and everything
 * built from that text is marked as coming from the build machine
 * (KC_EXPR_BUILD_MACHINE on expression leaves, build_machine on
 * properties, KC_SYM_BUILD_MACHINE on symbols).
 */
#ifndef KC_FRONTEND_H
#define KC_FRONTEND_H

#include <stdbool.h>

#include "kc_base.h"
#include "kc_model.h"

/* What $(info,...) and $(warning-if,...) print; the caller shows it. */
enum kc_pp_message {
	KC_PP_INFO,	/* $(info,text): the kernel prints "text" on stdout */
	KC_PP_WARNING,	/* $(warning-if,y,text): "file:line: text" on stderr */
};

struct kc_parse_options {
	const struct kc_fs *fs;		/* where files come from (required) */
	const char *top;		/* top-level file; NULL means "Kconfig" */
	bool run_shell;			/* run $(shell,...) */
	/* Environment lookup for $(NAME); NULL reads nothing (all empty). */
	const char *(*getenv)(void *ctx, const char *name);
	void *env_ctx;
	/* Receives $(info) and $(warning-if) output; NULL drops it. */
	void (*message)(void *ctx, enum kc_pp_message kind, const char *file,
			int line, const char *text);
	void *message_ctx;
	/* Working directory for $(shell,...); NULL means the current one. */
	const char *shell_dir;
	/*
	 * The kernel version the files belong to ("6.1", "6.12.117"), whose
	 * conf the model follows where kernel lines differ; NULL: unknown.
	 */
	const char *kernel_version;
};

/*
 * Parses the tree.  On success returns the finalised model (warnings may be
 * in diags).  On error returns NULL with at least one KC_SEV_ERROR in diags,
 * each with file and line.
 */
struct kc_model *kc_parse(const struct kc_parse_options *opt,
			  struct kc_diags *diags);

/* Parses a single expression (rules use this); symbols are interned in m. */
struct kc_expr *kc_parse_expr(struct kc_model *m, const char *text,
			      const char *file, int line, int col,
			      struct kc_diags *diags);

#endif /* KC_FRONTEND_H */
