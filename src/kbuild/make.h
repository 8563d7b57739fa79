/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make.h - a reader of the Makefile language as the kernel's Kbuild files
 * use it (private to src/kbuild).  It evaluates variable assignments,
 * conditionals, includes and the text functions of GNU make, and skips
 * rules and recipes: what is left is the variables a Makefile defines.
 *
 * The semantics follow the GNU make manual ("How to Use Variables",
 * "Conditional Parts of Makefiles", "Functions for Transforming Text"),
 * checked against GNU make itself in tests/kernel/test_kbuild_make_oracle.sh.
 */
#ifndef KC_KBUILD_MAKE_H
#define KC_KBUILD_MAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_kbuild.h"

enum mk_flavor {
	MK_UNDEFINED,
	MK_RECURSIVE,	/* '=': expanded at each use */
	MK_SIMPLE,	/* ':=': expanded once, when assigned */
};

enum mk_origin {
	MK_ORIGIN_DEFAULT,
	MK_ORIGIN_ENVIRONMENT,
	MK_ORIGIN_FILE,
	MK_ORIGIN_COMMAND_LINE,
	MK_ORIGIN_OVERRIDE,
	MK_ORIGIN_AUTOMATIC,
};

struct mk_var {
	char *name;
	struct kc_buf value;
	enum mk_flavor flavor;
	enum mk_origin origin;
	bool exported;
	bool build_machine;	/* reading it is a build-machine dependency */
	bool expanding;		/* guards against self-reference */
	const char *file;	/* where it was last assigned (arena) */
	int line;
};

/*
 * The variables of one Makefile.  'parent' holds what the Makefile
 * inherits (the environment a sub-make gets); it is only read.
 */
struct mk_scope {
	struct kc_map *map;
	struct kc_vec vars;
	struct mk_scope *parent;
	struct kc_arena *arena;
	/*
	 * Names whose value the scope's owner gives at each lookup (a map
	 * used as a set), and the function that gives it: it defines the
	 * variable in s and returns it, or returns NULL (not defined).
	 */
	const struct kc_map *asked;
	struct mk_var *(*ask)(void *ctx, struct mk_scope *s, const char *name,
			      size_t n);
	void *ask_ctx;
};

/* A variable bound for the time of a foreach or a call ($(1), $(2)...). */
struct mk_frame {
	const struct mk_frame *up;
	const char *name;
	size_t nlen;
	const char *value;
	size_t vlen;
};

/* What the reader asks its caller for. */
struct mk_host {
	const struct kc_fs *fs;
	/* The names in folder 'dir' (sorted, cached by the caller), or NULL. */
	const struct kc_vec *(*list)(void *ctx, const char *dir);
	/* A CONFIG_ variable's value as auto.conf has it, or NULL when unset. */
	const char *(*config)(void *ctx, const char *name, size_t n);
	void *ctx;
	/* Told each file an include directive reads, before it is read; or NULL. */
	void (*included)(void *ctx, const char *path);
	bool run_shell;
	const char *shell_dir;	/* the folder $(shell) runs in; NULL: here */
	struct kc_diags *diags;
	/* struct kc_kbuild_probe *: where the build machine was asked. */
	struct kc_vec *probes;
	struct kc_arena *arena;	/* for the probes */
};

struct mk {
	const struct mk_host *host;
	struct mk_scope *scope;
	const struct mk_frame *frames;
	const char *file;	/* where the line being read comes from */
	int line;
	int depth;		/* expansion depth */
	int include_depth;
	bool stop;		/* $(error ...) or a fatal error: read no more */
	size_t expanded;	/* bytes produced, against MK_MAX_OUTPUT */
};

/* Caps that keep a malformed Makefile from hanging or exhausting memory. */
#define MK_MAX_DEPTH		1000
#define MK_MAX_INCLUDE_DEPTH	32
#define MK_MAX_OUTPUT		((size_t)64 << 20)

void mk_scope_init(struct mk_scope *s, struct mk_scope *parent);
void mk_scope_release(struct mk_scope *s);
/* Defines in dst a copy of every variable of src (not of its parents). */
void mk_scope_copy(struct mk_scope *dst, const struct mk_scope *src);
struct mk_var *mk_scope_get(const struct mk_scope *s, const char *name,
			    size_t n);
/* Defines or replaces a variable in s (not in its parents). */
struct mk_var *mk_scope_set(struct mk_scope *s, const char *name, size_t n,
			    const char *value, size_t vlen,
			    enum mk_flavor flavor, enum mk_origin origin);

void mk_init(struct mk *m, const struct mk_host *host, struct mk_scope *s);

/* Expands [s, s+n) and appends the result to out. */
void mk_expand(struct mk *m, const char *s, size_t n, struct kc_buf *out);
/* The value of variable 'name' expanded, appended to out. */
void mk_expand_var(struct mk *m, const char *name, struct kc_buf *out);

/* Reads a Makefile (through host->fs); returns -1 when it cannot be read. */
int mk_read_file(struct mk *m, const char *path);
/* Reads text as Makefile lines ($(eval ...)); file and line say where. */
void mk_read_text(struct mk *m, const char *text, size_t len,
		  const char *file, int line);

/* Errors and warnings at the current location. */
void mk_error(struct mk *m, const char *fmt, ...) KC_PRINTF(2, 3);
void mk_warning(struct mk *m, const char *fmt, ...) KC_PRINTF(2, 3);
/* Records a build-machine dependency at the current location. */
void mk_probe(struct mk *m, const char *what, size_t n);

/* ---- words ---------------------------------------------------------------- */

static inline bool mk_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The next word of [*p, end); returns false at the end. */
bool mk_next_word(const char **p, const char *end, const char **w,
		  size_t *wn);
/* Does word w match pattern pat (with at most one '%')? */
bool mk_pattern_match(const char *pat, size_t pn, const char *w, size_t wn,
		      size_t *stem_at, size_t *stem_len);

#endif /* KC_KBUILD_MAKE_H */
