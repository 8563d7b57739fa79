/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_eval.h - Kconfig's value semantics: from a model and a .config to the
 * value of every symbol, as the kernel's `make olddefconfig` computes it,
 * and the .config the kernel's conf would write back.
 *
 * The rules (kconfig-language.rst, "Menu attributes" and "Menu
 * dependencies", and the Linux 6.12 behaviour of scripts/kconfig; a model
 * of a kernel before 6.11 gets 6.1's, docs/architecture.md "Semantics by
 * kernel version"):
 *  - a bool/tristate takes the user's value when some prompt is visible,
 *    limited by that visibility; otherwise its first visible default,
 *    raised by 'imply' within its direct dependencies; 'select' raises it
 *    in every case; 'm' becomes 'y' for bool, and for everything when
 *    MODULES is n;
 *  - an int/hex/string takes the user's value when visible, else the
 *    first visible default, then is clamped into its first visible range;
 *  - in a choice, the visible member set to y by the user wins (the one
 *    read last when several are), else the choice default, else the first
 *    visible member the user left alone, else the last visible one;
 *  - what the .config says about a symbol the tree does not define, or in
 *    a form the symbol's type does not take, is ignored.
 *
 * Without run_shell, symbols whose properties use unrun $(shell,...)
 * output (KC_SYM_BUILD_MACHINE) keep the value the .config gives them, so
 * the result does not depend on the machine's compiler.
 */
#ifndef KC_EVAL_H
#define KC_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "kc_base.h"
#include "kc_config.h"
#include "kc_model.h"

/* What became of one assignment of the .config. */
enum kc_assign_status {
	KC_AS_APPLIED,		/* taken as the symbol's user value */
	KC_AS_UNKNOWN_SYMBOL,	/* the tree defines no such symbol */
	KC_AS_NO_TYPE,		/* the symbol is only referenced, never defined */
	KC_AS_INVALID,		/* not a value of the symbol's type */
	KC_AS_IGNORED,		/* a form the kernel skips silently */
	KC_AS_OVERRIDDEN,	/* a later line assigns the same symbol */
	KC_AS_COMMENT,		/* a comment to this version's conf */
};

/*
 * The non-interactive modes of the kernel's conf (`conf --MODE`,
 * scripts/kconfig/conf.c; the make targets of the same names).  What a
 * mode reads and writes:
 *  - olddefconfig: the .config given to kc_eval_new; every symbol it does
 *    not set takes its default; writes the .config;
 *  - alldefconfig, allnoconfig, allyesconfig, allmodconfig, randconfig:
 *    no .config; the allconfig (KCONFIG_ALLCONFIG) is read as user values,
 *    then every bool and tristate symbol it leaves alone is answered with
 *    its default, n, y, m or a random value; writes the .config;
 *  - savedefconfig: as olddefconfig, then writes the minimal defconfig;
 *  - listnewconfig: as olddefconfig, then lists the symbols the user would
 *    be asked about (no value in the .config, a visible prompt).
 */
enum kc_eval_mode {
	KC_MODE_OLDDEFCONFIG,
	KC_MODE_ALLDEFCONFIG,
	KC_MODE_ALLNOCONFIG,
	KC_MODE_ALLYESCONFIG,
	KC_MODE_ALLMODCONFIG,
	KC_MODE_RANDCONFIG,
	KC_MODE_SAVEDEFCONFIG,
	KC_MODE_LISTNEWCONFIG,
	KC_MODE_COUNT
};

/* conf's name of a mode ("allyesconfig"). */
const char *kc_eval_mode_name(enum kc_eval_mode mode);
/* The mode of that name; -1 when there is none. */
int kc_eval_mode_parse(const char *name, enum kc_eval_mode *mode);
/* Starts from no .config, reading the allconfig instead (the all* modes). */
bool kc_eval_mode_is_new_config(enum kc_eval_mode mode);
/*
 * Does this library implement the mode?  kc_eval_new refuses one it does
 * not (savedefconfig and listnewconfig, for now).
 */
bool kc_eval_mode_supported(enum kc_eval_mode mode);

/*
 * conf --randconfig (randconfig.c).  The generator is the GNU C library's
 * srand()/rand(), reimplemented so that a seed gives the same numbers on
 * any C library.
 */
struct kc_rand {
	uint32_t state[31];
	int front, rear;
};
void kc_rand_seed(struct kc_rand *r, unsigned int seed);
int kc_rand_next(struct kc_rand *r);	/* 0 .. 2^31 - 1, as rand() */

/* Percentages: a bool's chance of y, a tristate's of y and of m. */
struct kc_rand_probability {
	int bool_y, tristate_y, tristate_m;
};
/* 50, 33, 33: conf's defaults. */
void kc_randconfig_default_probability(struct kc_rand_probability *p);
/*
 * KCONFIG_PROBABILITY's forms: "" (the defaults); "P" (bool y P, tristate
 * y P - P/2 and m P/2); "Y:M" (tristate y Y and m M, bool y Y+M); "B:Y:M".
 * Each a decimal 0..100, Y+M at most 100.  -1 when malformed.
 */
int kc_randconfig_parse_probability(const char *text,
				    struct kc_rand_probability *p);
/*
 * KCONFIG_SEED's form: a C integer (decimal, 0x hex, 0 octal, signed),
 * taken modulo 2^32.  -1 when malformed.
 */
int kc_randconfig_parse_seed(const char *text, unsigned int *seed);

struct kc_eval_options {
	bool run_shell;		/* false: trust .config for build-machine symbols */
	enum kc_eval_mode mode;	/* zero: olddefconfig */
	/*
	 * The all* modes and randconfig: the file KCONFIG_ALLCONFIG names,
	 * read as the user's values before the mode answers the rest; NULL
	 * for none.  The other modes ignore it.
	 */
	const struct kc_config *allconfig;
	/*
	 * randconfig: the seed (KCONFIG_SEED); has_seed says the user gave
	 * it (the tool picks one from the clock otherwise, as conf does).
	 */
	bool has_seed;
	unsigned seed;
	/* randconfig: the chances (KCONFIG_PROBABILITY); NULL: conf's defaults. */
	const struct kc_rand_probability *probability;
};

struct kc_eval;

/*
 * Applies 'cfg' (may be NULL: no .config) to the model and prepares the
 * evaluation, in the mode opt->mode (opt may be NULL: olddefconfig).  The
 * all* modes read opt->allconfig instead of 'cfg' (conf reads no .config
 * then), and kc_eval_assign_status() indexes the config that was read.
 * Values are computed lazily and cached; the model and the configs must
 * outlive the evaluator.  NULL when the mode is not supported
 * (kc_eval_mode_supported).
 */
struct kc_eval *kc_eval_new(const struct kc_model *m,
			    const struct kc_config *cfg,
			    const struct kc_eval_options *opt);
void kc_eval_free(struct kc_eval *ev);
const struct kc_model *kc_eval_model(const struct kc_eval *ev);

enum kc_tristate kc_eval_tristate(struct kc_eval *ev,
				  const struct kc_symbol *s);
/* "n"/"m"/"y" for bool and tristate, the value for the others. */
const char *kc_eval_string(struct kc_eval *ev, const struct kc_symbol *s);
enum kc_tristate kc_eval_expr(struct kc_eval *ev, const struct kc_expr *e);
/*
 * How the kernel compares two values in "A = B", "A < B", ...: as numbers
 * of the symbols' types when both read as numbers, else as strings.
 * Returns <0, 0 or >0; kc_eval_compare_op applies an operator to that.
 */
int kc_eval_compare_values(const char *s1, enum kc_type t1, const char *s2,
			   enum kc_type t2);
bool kc_eval_compare_op(enum kc_expr_op op, int r);
/* Would conf write it to .config (as a value or as "is not set")? */
bool kc_eval_written(struct kc_eval *ev, const struct kc_symbol *s);
/* The effective type: tristate reads as bool when MODULES is n. */
enum kc_type kc_eval_type(struct kc_eval *ev, const struct kc_symbol *s);

/* The parts of the computation, for explaining it. */
enum kc_tristate kc_eval_visible(struct kc_eval *ev, const struct kc_symbol *s);
enum kc_tristate kc_eval_dir_dep(struct kc_eval *ev, const struct kc_symbol *s);
enum kc_tristate kc_eval_rev_dep(struct kc_eval *ev, const struct kc_symbol *s);
enum kc_tristate kc_eval_implied(struct kc_eval *ev, const struct kc_symbol *s);
/* The default property that gave the value, or NULL. */
const struct kc_property *kc_eval_default_prop(struct kc_eval *ev,
					       const struct kc_symbol *s);
/* The range that applies (first visible one), or NULL. */
const struct kc_property *kc_eval_range_prop(struct kc_eval *ev,
					     const struct kc_symbol *s);
/* The user's value as applied, or NULL when the .config gave none. */
const struct kc_assignment *kc_eval_user(struct kc_eval *ev,
					 const struct kc_symbol *s);
/* The value taken from the .config because it comes from the build machine. */
bool kc_eval_trusted(struct kc_eval *ev, const struct kc_symbol *s);

/* Assignment i of the config kc_eval_new read. */
enum kc_assign_status kc_eval_assign_status(struct kc_eval *ev, size_t i);
/* The model's symbol assignment i names (looked up once), or NULL. */
const struct kc_symbol *kc_eval_assign_symbol(struct kc_eval *ev, size_t i);

/*
 * The expression with each symbol's value, as the kernel's own warnings
 * show them: "A [=y] && !(B [=n] || C [=n])".  'outer' is the precedence
 * of the surrounding operator (0 at the top; see kc_expr_precedence), for
 * the parentheses.
 */
void kc_eval_annotate(struct kc_eval *ev, const struct kc_expr *e, int outer,
		      struct kc_buf *out);
/* || is 1, && 2, ! 3, a symbol or comparison 4. */
int kc_expr_precedence(enum kc_expr_op op);

/*
 * The .config the kernel's conf writes for these values, byte for byte:
 * the heading, a comment block per visible menu and comment, every symbol
 * with a value to write, and "# end of" lines.
 */
void kc_eval_write_config(struct kc_eval *ev, const char *prefix,
			  struct kc_buf *out);

#endif /* KC_EVAL_H */
