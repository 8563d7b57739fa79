/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_model.h - the Kconfig model: symbols, properties, menu entries and
 * expressions, with the vocabulary of the kernel's scripts/kconfig.
 *
 * A model is built by the front end (kc_frontend.h) and is read-only
 * afterwards: every later stage (evaluator, rules, SAT encoding, dump) takes
 * it as input and never changes it.  Everything hangs off one arena, so
 * kc_model_free() releases it all; two models can live side by side.
 *
 * The structs below are public for reading.  Only the front end fills them.
 */
#ifndef KC_MODEL_H
#define KC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"

enum kc_type {
	KC_T_UNKNOWN,
	KC_T_BOOL,
	KC_T_TRISTATE,
	KC_T_INT,
	KC_T_HEX,
	KC_T_STRING,
};

enum kc_tristate {
	KC_NO = 0,
	KC_MOD = 1,
	KC_YES = 2,
};

enum kc_expr_op {
	KC_E_SYMBOL,	/* sym[0] */
	KC_E_NOT,	/* !sub[0] */
	KC_E_AND,	/* sub[0] && sub[1] */
	KC_E_OR,	/* sub[0] || sub[1] */
	KC_E_EQUAL,	/* sym[0] = sym[1] */
	KC_E_UNEQUAL,	/* sym[0] != sym[1] */
	KC_E_LTH,	/* sym[0] < sym[1] */
	KC_E_LEQ,	/* sym[0] <= sym[1] */
	KC_E_GTH,	/* sym[0] > sym[1] */
	KC_E_GEQ,	/* sym[0] >= sym[1] */
	KC_E_RANGE,	/* range sym[0] sym[1] (only in range properties) */
};

/* The leaf's text came out of a $(shell,...) that was not run. */
#define KC_EXPR_BUILD_MACHINE 0x1u

struct kc_symbol;

struct kc_expr {
	enum kc_expr_op op;
	unsigned flags;
	union {
		struct kc_expr *sub[2];
		struct kc_symbol *sym[2];
	};
};

enum kc_prop_kind {
	KC_P_PROMPT,	/* prompt of a config, menuconfig or choice */
	KC_P_DEFAULT,	/* default / def_bool / def_tristate; choice default */
	KC_P_SELECT,
	KC_P_IMPLY,
	KC_P_RANGE,
	KC_P_MENU,	/* title of a menu, or the mainmenu */
	KC_P_COMMENT,	/* text of a comment entry */
};

struct kc_menu;

struct kc_property {
	enum kc_prop_kind kind;
	struct kc_property *next;	/* next property of the same symbol */
	struct kc_menu *menu;		/* the entry it was written in */
	const char *file;
	int line;
	const char *text;		/* prompt, menu and comment text */
	/*
	 * default: the value; select/imply: KC_E_SYMBOL of the target;
	 * range: KC_E_RANGE of the bounds; prompts: NULL.
	 */
	struct kc_expr *expr;
	struct kc_expr *cond;		/* the "if" part as written, or NULL */
	/*
	 * cond && every dependency the entry inherits (its own "depends on",
	 * enclosing if/menu/choice), with a bare 'm' read as 'm && MODULES'.
	 * NULL means always visible.  Filled when the model is finalised.
	 */
	struct kc_expr *visible;
	bool build_machine;		/* expr or cond uses unrun shell output */
};

enum kc_menu_kind {
	KC_M_ROOT,
	KC_M_CONFIG,
	KC_M_MENUCONFIG,
	KC_M_CHOICE,
	KC_M_MENU,
	KC_M_COMMENT,
	KC_M_IF,
};

struct kc_menu {
	enum kc_menu_kind kind;
	struct kc_menu *parent;		/* enclosing menu, choice, if or root */
	struct kc_menu *list;		/* first child */
	struct kc_menu *next;		/* next sibling */
	struct kc_menu *next_def;	/* next entry defining the same symbol */
	struct kc_symbol *sym;		/* config, menuconfig, choice */
	struct kc_property *prompt;	/* prompt, menu title, comment text */
	/*
	 * The first property of a config, menuconfig or choice entry in its
	 * symbol's list; the entry's properties follow it, contiguously.
	 */
	struct kc_property *props;
	struct kc_expr *dep;		/* "depends on" lines (if: condition) */
	struct kc_expr *visibility;	/* "visible if" of a menu */
	struct kc_expr *dep_all;	/* dep && inherited deps (finalised) */
	const char *help;
	const char *file;
	int line;
	int end_line;			/* endmenu/endchoice/endif line */
};

/* Symbol flags */
#define KC_SYM_CONST		0x0001u	/* y, m, n, "quoted" or a number */
#define KC_SYM_DEFINED		0x0002u	/* has at least one config entry */
#define KC_SYM_CHOICE		0x0004u	/* the (nameless) symbol of a choice */
#define KC_SYM_CHOICEVAL	0x0008u	/* member of a choice */
#define KC_SYM_OPTIONAL		0x0010u	/* choice marked optional (<= 6.1) */
#define KC_SYM_BUILD_MACHINE	0x0020u	/* a property uses unrun shell output */
#define KC_SYM_TRANSITIONAL	0x0040u	/* Linux 6.18 transitional symbol */
#define KC_SYM_MODULES		0x0080u	/* the 'modules' symbol */
#define KC_SYM_ALLNOCONFIG_Y	0x0100u	/* option allnoconfig_y (old trees) */
#define KC_SYM_DEFCONFIG_LIST	0x0200u	/* option defconfig_list (old trees) */
#define KC_SYM_REFERENCED	0x0400u	/* used in some expression */

struct kc_symbol {
	const char *name;		/* NULL for a choice */
	enum kc_type type;
	unsigned flags;
	unsigned id;			/* dense index, see kc_model_symbol() */
	struct kc_property *props;	/* in definition order */
	struct kc_property **props_tail;
	struct kc_menu *menus;		/* entries defining it, via next_def */
	struct kc_menu **menus_tail;
	struct kc_symbol *choice;	/* the choice it belongs to */
	struct kc_symbol **members;	/* choice members, for a choice */
	size_t n_members;
	size_t members_cap;		/* allocated room in members */
	const char *env;		/* option env="..." (old trees) */
	/* Filled when the model is finalised: */
	struct kc_expr *dir_dep;	/* OR of the dep_all of its entries */
	struct kc_expr *rev_dep;	/* OR of (selector && visible) */
	struct kc_expr *implied;	/* OR of (implier && visible) */
};

struct kc_model;

void kc_model_free(struct kc_model *m);

/* Non-constant symbols and choices, in order of first appearance. */
size_t kc_model_symbol_count(const struct kc_model *m);
struct kc_symbol *kc_model_symbol(const struct kc_model *m, size_t i);
/* A non-constant symbol by name (defined or only referenced), or NULL. */
struct kc_symbol *kc_model_lookup(const struct kc_model *m, const char *name);
/* The same for a name of 'len' bytes, not NUL-terminated. */
struct kc_symbol *kc_model_lookupn(const struct kc_model *m, const char *name,
				   size_t len);
struct kc_menu *kc_model_root(const struct kc_model *m);
/* The symbol with 'modules', or the constant n when there is none. */
struct kc_symbol *kc_model_modules(const struct kc_model *m);
struct kc_symbol *kc_model_const_yes(const struct kc_model *m);
struct kc_symbol *kc_model_const_mod(const struct kc_model *m);
struct kc_symbol *kc_model_const_no(const struct kc_model *m);
/* Every Kconfig file read, in order (paths as given to source). */
size_t kc_model_file_count(const struct kc_model *m);
const char *kc_model_file(const struct kc_model *m, size_t i);
/* Environment variables the Kconfig files referenced, with values. */
size_t kc_model_env_count(const struct kc_model *m);
void kc_model_env(const struct kc_model *m, size_t i, const char **name,
		  const char **value);
/* Nearest defined symbol name to 'name' (edit distance), or NULL. */
const char *kc_model_suggest(const struct kc_model *m, const char *name);

/*
 * The kernel version the model stands for ("6.1", "6.12.117", ...), or NULL
 * when unknown.  The evaluator follows that version's conf where kernel
 * lines differ (docs/architecture.md, "Semantics followed").
 */
const char *kc_model_kernel_version(const struct kc_model *m);
/*
 * True when the version is known and older than major.minor.  An unknown
 * version reads as the newest line the project follows (6.12).
 */
bool kc_model_kernel_before(const struct kc_model *m, int major, int minor);
/*
 * conf before Linux 6.11 (measured on 6.1): tristate and optional
 * choices, a choice with a value of its own that its members depend on,
 * out-of-range .config values dropped rather than clamped, "# CONFIG_FOO
 * is not set" read by its start.
 */
bool kc_model_legacy_conf(const struct kc_model *m);

const char *kc_type_name(enum kc_type t);
const char *kc_prop_kind_name(enum kc_prop_kind k);
const char *kc_menu_kind_name(enum kc_menu_kind k);
/* Kconfig syntax with minimal parentheses; constants quoted when needed. */
void kc_expr_print(const struct kc_expr *e, struct kc_buf *out);
bool kc_expr_uses_build_machine(const struct kc_expr *e);
/* Does e name s (as an operand, anywhere in it)? */
bool kc_expr_mentions(const struct kc_expr *e, const struct kc_symbol *s);
/* The first prompt property of a symbol, or NULL. */
struct kc_property *kc_symbol_prompt(const struct kc_symbol *s);

/*
 * The whole model as JSON, schema "vfio-kconfig-check/dump/1".  With
 * 'derived', each symbol also gets its computed direct dependencies and
 * reverse dependencies (large on a whole kernel tree).
 */
void kc_model_to_json(const struct kc_model *m, bool derived,
		      struct kc_buf *out);

/*
 * Construction, for the front end only.  The builder owns the model until
 * kc_model_finish() hands it out.
 */
struct kc_model *kc_model_new(void);
struct kc_arena *kc_model_arena(struct kc_model *m);
struct kc_symbol *kc_model_intern(struct kc_model *m, const char *name,
				  size_t len);
struct kc_symbol *kc_model_const(struct kc_model *m, const char *text,
				 size_t len);
struct kc_symbol *kc_model_new_choice(struct kc_model *m);
const char *kc_model_add_file(struct kc_model *m, const char *path);
void kc_model_add_env(struct kc_model *m, const char *name,
		      const char *value);
void kc_model_set_modules(struct kc_model *m, struct kc_symbol *s);
/* "X.Y[.Z...]"; returns -1 (and keeps the version unknown) otherwise. */
int kc_model_set_kernel_version(struct kc_model *m, const char *version);
struct kc_expr *kc_expr_new_symbol(struct kc_model *m, struct kc_symbol *s);
struct kc_expr *kc_expr_new_unary(struct kc_model *m, enum kc_expr_op op,
				  struct kc_expr *sub);
struct kc_expr *kc_expr_new_binary(struct kc_model *m, enum kc_expr_op op,
				   struct kc_expr *a, struct kc_expr *b);
struct kc_expr *kc_expr_new_compare(struct kc_model *m, enum kc_expr_op op,
				    struct kc_symbol *a, struct kc_symbol *b);
/* a && b, where either may be NULL (meaning y). */
struct kc_expr *kc_expr_and(struct kc_model *m, struct kc_expr *a,
			    struct kc_expr *b);
struct kc_expr *kc_expr_or(struct kc_model *m, struct kc_expr *a,
			   struct kc_expr *b);
/* op (KC_E_AND or KC_E_OR) over n operands, as a balanced tree; NULL if none. */
struct kc_expr *kc_expr_join(struct kc_model *m, enum kc_expr_op op,
			     struct kc_expr *const *items, size_t n);
/* "e = v" (equal) or "e != v", v being the constant n or y. */
struct kc_expr *kc_expr_trans_compare(struct kc_model *m, struct kc_expr *e,
				      bool equal, struct kc_symbol *v);
void kc_symbol_add_prop(struct kc_symbol *s, struct kc_property *p);
void kc_symbol_add_menu(struct kc_symbol *s, struct kc_menu *menu);
/*
 * Propagates dependencies (dep_all, visible, dir_dep, rev_dep, implied),
 * settles choice types and flags, and reports what the kernel reports as
 * warnings (a symbol without a type, ...).  Returns the number of errors.
 */
int kc_model_finalize(struct kc_model *m, struct kc_diags *diags);
/*
 * The checks the kernel makes before accepting a finished model: recursive
 * dependencies, defaults on choice members, prompts of choice members
 * outside their choice.  Returns 0, or -1 after adding errors to diags.
 */
int kc_model_check(struct kc_model *m, struct kc_diags *diags);

#endif /* KC_MODEL_H */
