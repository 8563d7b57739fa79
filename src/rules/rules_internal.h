/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rules_internal.h - what the files of src/rules share and nobody else
 * sees: YAML documents with the positions libyaml gives (yamldoc.c), the
 * private half of a rule, and the rule set itself.
 */
#ifndef KC_RULES_INTERNAL_H
#define KC_RULES_INTERNAL_H

#include <yaml.h>

#include "kc_rules.h"

/* ---- YAML documents (yamldoc.c) ------------------------------------------ */

/*
 * One YAML document with the text it came from, so that a position inside
 * a scalar can be traced back to a line and column of the file.
 */
struct ydoc {
	const char *name;	/* the file, as messages name it */
	const char *text;	/* the bytes (kept by the caller) */
	size_t len;
	yaml_document_t doc;
	bool loaded;
};

/*
 * Parses 'text' as exactly one YAML document.  On a YAML error, adds
 * "NAME:LINE:COL: error: ..." with libyaml's position and returns -1.
 * An empty file gives a document whose root is NULL.
 */
int ydoc_load(struct ydoc *d, const char *name, const char *text, size_t len,
	      struct kc_diags *diags);
void ydoc_free(struct ydoc *d);
yaml_node_t *ydoc_root(struct ydoc *d);
yaml_node_t *ydoc_node(struct ydoc *d, int id);

/* Sorts diags[from..] by file, line and column (stable). */
void ydoc_sort_diags(struct kc_diags *diags, size_t from);

/* 1-based line and column of a node's start. */
int ydoc_line(const yaml_node_t *n);
int ydoc_col(const yaml_node_t *n);
/* An error at a node's start; returns -1. */
int ydoc_error(struct ydoc *d, const yaml_node_t *n, struct kc_diags *diags,
	       const char *fmt, ...) KC_PRINTF(4, 5);
/* "a mapping", "a list", "a text" (for "must be a list, not a text"). */
const char *ydoc_kind(const yaml_node_t *n);
/* Whether a scalar is YAML's null: empty, "~" or "null" (plain). */
bool ydoc_is_null(const yaml_node_t *n);

/* A mapping's values by key, after checking every key. */
struct yfields {
	yaml_node_t *key[24];
	yaml_node_t *value[24];
};

/*
 * Checks that 'map' is a mapping whose keys are texts, each known (one of
 * 'known', NULL-terminated, at most 24) and given once; reports each
 * problem at its key, suggesting the nearest known key.  'what' names the
 * mapping in messages ("a rule").  Fills f (NULL for absent keys).
 * Returns the number of errors (a non-mapping counts as one).
 */
int ydoc_fields(struct ydoc *d, yaml_node_t *map, const char *what,
		const char *const *known, struct yfields *f,
		struct kc_diags *diags);
/* The value of known[i], or NULL. */
static inline yaml_node_t *yfield(const struct yfields *f, int i)
{
	return f->value[i];
}

/* The value of 'key' in a mapping (other keys ignored), or NULL. */
yaml_node_t *ydoc_get(struct ydoc *d, yaml_node_t *map, const char *key);

/*
 * The text of a scalar that must be there and not be null; otherwise an
 * error "'KEY' must be a text" or "'KEY' is empty" and NULL.
 */
const char *ydoc_text(struct ydoc *d, yaml_node_t *n, const char *key,
		      struct kc_diags *diags);
/*
 * A list of texts (one text alone counts as a list of one): fills
 * items/n (nodes in *nodes when not NULL, both malloc'd; free them).
 * Returns -1 after reporting an item that is not a text.
 */
int ydoc_texts(struct ydoc *d, yaml_node_t *n, const char *key,
	       const char ***items, yaml_node_t ***nodes, size_t *count,
	       struct kc_diags *diags);

/*
 * Where a scalar's value is in the text of the file: enough to trace a
 * character offset of the value back to a line and column.
 */
struct ypos {
	const char *text;	/* the whole file */
	size_t len;
	int line, col;		/* 1-based start of the node */
	int style;		/* yaml_scalar_style_t */
};

void ydoc_pos(const struct ydoc *d, const yaml_node_t *n, struct ypos *p);
/* Line and column of the value's character 'offset'. */
void ypos_at(const struct ypos *p, size_t offset, int *line, int *col);

/* ---- rules ------------------------------------------------------------------ */

/* A version bound: "OP N.N.N", comparing only as many parts as written. */
struct version_bound {
	int op;			/* '<', 'l' (<=), '=', 'g' (>=), '>' */
	int v[3];
	int n;			/* parts written: 1 to 3 */
};

/* The private half of a rule; the public struct comes first. */
struct rule {
	struct kc_rule pub;
	struct ypos cond_pos, expr_pos;	/* for positions inside expressions */
	const char *cond_key, *expr_key; /* "if", "forbid", ... */
	struct version_bound *bounds;
	size_t n_bounds;
	const char *const *if_defined;	/* symbols the model must define */
	size_t n_if_defined;
	const char *kernel_file;	/* where 'kernel' was written */
};

/* An entry of 'overrides'. */
struct override {
	const char *id;
	const char *file;
	int line, col;			/* of the id */
	bool set_severity;
	enum kc_severity severity;
	bool set_disabled;
	bool disabled;
};

struct kc_rules {
	struct kc_arena *arena;		/* every string and rule */
	struct kc_vec rules;		/* struct rule *, in load order */
	struct kc_map *by_id;		/* id -> struct rule * */
	struct kc_vec overrides;	/* struct override * */
	struct kc_vec files;		/* identities of files read (char *) */
	bool bound;
};

/* ---- loading: schema.c reads a document, sources.c finds the files ------ */

#define KC_RULES_BUILTIN_PREFIX "builtin:"
#define KC_RULES_MAX_INCLUDE_DEPTH 32
/* Errors after which reading a rule list stops. */
#define KC_RULES_MAX_ERRORS 100

/* What one kc_rules_add() call works with. */
struct rules_loader {
	struct kc_rules *r;
	struct kc_diags *diags;
	const struct kc_fs *files;	/* rule files named by path */
	const struct kc_fs *builtin;	/* the embedded rules/ folder */
	struct kc_model *scratch;	/* for syntax checks of expressions */
	const char *stack[KC_RULES_MAX_INCLUDE_DEPTH];	/* identities read */
	int depth;
};

/*
 * Reads the rules, overrides and includes of one document; 'from_builtin'
 * limits its includes to built-in packs.  Returns -1 after reporting.
 */
int kc_rules_read_document(struct rules_loader *ld, struct ydoc *d,
			   bool from_builtin);
/* Follows one include of document d, reported at node 'at' (sources.c). */
int kc_rules_load_include(struct rules_loader *ld, struct ydoc *d,
			  yaml_node_t *at, const char *target,
			  bool from_builtin);
/* A rule read so far by its id, or NULL. */
const struct rule *kc_rules_find_rule(const struct kc_rules *r,
				      const char *id);
/* Rebuilds the id index after a failed load dropped rules. */
void kc_rules_reindex(struct kc_rules *r);

/* Version ranges: "OP VERSION[, OP VERSION]..." (limits.c). */
int kc_version_parse_range(struct kc_arena *a, const char *text,
			   struct version_bound **bounds, size_t *n);
bool kc_version_in_range(const char *version,
			 const struct version_bound *bounds, size_t n);

/*
 * Diagnostics of kc_parse_expr() on an expression parsed as line 1 from
 * column 1, added to diags as errors at their place in the rule file.
 */
void kc_rules_place_diags(const struct kc_diags *local, const char *file,
			  const struct ypos *pos, struct kc_diags *diags);

/* The architecture names a rule may name (ARCH and SRCARCH values; limits.c). */
bool kc_arch_known(const char *name);
const char *kc_arch_suggest(const char *name);

#endif /* KC_RULES_INTERNAL_H */
