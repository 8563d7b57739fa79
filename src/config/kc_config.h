/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_config.h - .config files: reading what a user or the kernel wrote, and
 * writing what the kernel's conf would write.
 *
 * Reading knows nothing of Kconfig: it splits the file into assignments
 * (each with its line), decodes quoted strings, and reports lines that are
 * not assignments.  Whether a value suits its symbol is the evaluator's
 * business (kc_eval.h), as it needs the model.
 */
#ifndef KC_CONFIG_H
#define KC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kc_base.h"

enum kc_assign_kind {
	KC_ASSIGN_VALUE,	/* CONFIG_FOO=value */
	KC_ASSIGN_NOT_SET,	/* # CONFIG_FOO is not set */
	/*
	 * "# CONFIG_FOO is not set" with more after it: a comment to the
	 * conf of 6.12, "is not set" to that of 6.1 (which compares only the
	 * start).  The evaluator decides by the model's kernel version.
	 */
	KC_ASSIGN_NOT_SET_LOOSE,
};

struct kc_assignment {
	enum kc_assign_kind kind;
	const char *name;	/* without the prefix */
	size_t name_len;	/* strlen(name) */
	const char *raw;	/* the text after '=' (NOT_SET: "n") */
	/*
	 * For a value in double quotes: the text between them with backslash
	 * escapes removed; NULL when the quotes do not close.
	 */
	const char *unquoted;
	bool quoted;		/* raw starts with '"' */
	int line;
	/* The file the line is in when it is not the config's own path
	 * (a merged config, kc_config_merge), else NULL. */
	const char *file;
};

struct kc_config {
	char *path;
	struct kc_assignment *items;
	size_t len;
	struct kc_arena *arena;
	/*
	 * The file's text, which names and values point into; NULL when a
	 * keep filter read it (names and values are then in the arena).
	 */
	char *text;
	size_t dropped;	/* assignments a keep filter left out */
};

/*
 * Which names a reading keeps, by the start of their first word (the
 * bytes before the first '_', or the whole name).  A check against a partial model needs
 * only the lines whose names may be the model's own or share a first word
 * with one of them (for a "did you mean"): in both cases the first word
 * is that of some name of the model.  A Debian config has about 11,000
 * lines and the embedded model a hundred names, so most lines are only
 * counted.  The filter is a set of hashes: it may keep a name it need
 * not, never drop one it must keep.
 */
struct kc_config_keep {
	uint64_t bits[65536 / 64];
};

void kc_config_keep_init(struct kc_config_keep *k);
void kc_config_keep_add(struct kc_config_keep *k, const char *name);
bool kc_config_keep_may(const struct kc_config_keep *k, const char *name,
			size_t len);

/*
 * Splits 'data' (the file's bytes) into assignments.  'prefix' is the
 * symbol prefix (NULL means "CONFIG_", as the kernel's CONFIG_ variable
 * overrides it).  Lines that are neither assignments, comments nor blank
 * are reported as warnings with file and line ("unexpected data", as the
 * kernel says).  A NUL byte makes the whole file an error (returns NULL).
 */
struct kc_config *kc_config_parse(const char *path, const char *data,
				  size_t len, const char *prefix,
				  struct kc_diags *diags);
/*
 * Reads and parses a file through 'fs'; plain or gzip-compressed, neither
 * the file nor what it unpacks to larger than the provider's cap.  NULL on
 * error.
 */
struct kc_config *kc_config_read_fs(const struct kc_fs *fs, const char *path,
				    const char *prefix, struct kc_diags *diags);
/*
 * The same, keeping only the assignments whose names 'keep' may hold; the
 * others are checked as lines (a malformed one is still reported) and
 * counted in 'dropped'.  The text is not kept.  'keep' NULL keeps all.
 */
struct kc_config *kc_config_read_fs_keep(const struct kc_fs *fs,
					 const char *path, const char *prefix,
					 const struct kc_config_keep *keep,
					 struct kc_diags *diags);
/* The same from disk, paths as given, with the cap KC_FS_MAX_SIZE. */
struct kc_config *kc_config_read(const char *path, const char *prefix,
				 struct kc_diags *diags);
/*
 * The same from disk, as the kernel's conf reads it: a NUL byte ends its
 * line (with a warning) instead of making the file an error.  `resolve`
 * reads this way; `check`, a gate, refuses such a file.
 */
struct kc_config *kc_config_read_as_conf(const char *path, const char *prefix,
					 struct kc_diags *diags);
void kc_config_free(struct kc_config *c);
/*
 * Frees the assignments and the text once they have been checked, keeping
 * the path and the arena: what a finding may point at.  'len' becomes 0.
 */
void kc_config_drop_lines(struct kc_config *c);

/*
 * The configs applied in order onto one another, as merge_config.sh
 * merges a base and its fragments: every assignment of each, in order, so
 * that a later one overrides an earlier one as the kernel's reader does,
 * each keeping its file and line.  Strings are copied: the parts may be
 * freed afterwards.  'path' names the result; its 'dropped' is the sum of
 * theirs.
 */
struct kc_config *kc_config_merge(const char *path,
				  const struct kc_config *const *parts,
				  size_t n);
/* The file assignment 'a' of 'c' comes from. */
const char *kc_config_file(const struct kc_config *c,
			   const struct kc_assignment *a);

/* "\"...\"" with '"' and '\\' escaped, as conf writes strings. */
void kc_config_quote(const char *value, struct kc_buf *out);

#endif /* KC_CONFIG_H */
