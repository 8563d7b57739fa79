/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_analysis.h - answers about every valid configuration at once, built on
 * the SAT layer and reported as findings (so text, JSON and SARIF come for
 * free):
 *  - dead: symbols no valid configuration enables, and bool/tristate
 *    symbols none disables, each with the constraints that decide it;
 *  - selects: selects that can force their target on while the target's
 *    own dependencies are unmet, in some valid configuration, each with a
 *    witness;
 *  - explain: why SYMBOL=VALUE is impossible, alone or with the values of
 *    a .config: a minimal set of conflicting constraints;
 *  - diff: what a change to the Kconfig files did, between two models;
 *  - fix: the smallest change to a .config after which it is valid, obeys
 *    the rules, and has the values wanted.
 */
#ifndef KC_ANALYSIS_H
#define KC_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "kc_check.h"
#include "kc_config.h"
#include "kc_model.h"

#define KC_RULE_DEAD		"kconfig/dead-symbol"
#define KC_RULE_ALWAYS_ON	"kconfig/always-on"
#define KC_RULE_SELECT_UNMET	"kconfig/select-unmet-dependency"
#define KC_RULE_IMPOSSIBLE	"kconfig/impossible-value"
#define KC_RULE_POSSIBLE	"kconfig/possible-value"

struct kc_analysis_stats {
	size_t variables, clauses, solves;
};

/* Dead and always-on symbols; 'explain' adds the deciding constraints. */
void kc_analysis_dead(const struct kc_model *m, bool explain,
		      struct kc_findings *out, struct kc_analysis_stats *st);

/*
 * Selects that can force their target past its direct dependencies.  For
 * each, a witness .config (values as conf would write them) is appended to
 * 'witnesses' (one malloc'd string per finding, in finding order) when
 * 'witnesses' is not NULL.
 */
void kc_analysis_selects(const struct kc_model *m, struct kc_findings *out,
			 struct kc_vec *witnesses,
			 struct kc_analysis_stats *st);

/*
 * Is sym=v possible (together with the values 'cfg' assigns, if any)?
 * Returns true when it is, with a finding that says so; false with a
 * finding whose notes are a minimal set of conflicting constraints.
 */
bool kc_analysis_explain(const struct kc_model *m,
			 const struct kc_symbol *sym, enum kc_tristate v,
			 const struct kc_config *cfg, struct kc_findings *out,
			 struct kc_analysis_stats *st);

struct kc_rules;

/*
 * Every applicable rule against Kconfig itself: holds in every valid
 * configuration (a note), or a witness that breaks it (an error for a
 * kconfig-scope rule, a note for a config-scope one), or cannot be
 * satisfied at all (a warning).  Rules that do not apply to this tree are
 * said so.  With 'witnesses', each witness is appended as two malloc'd
 * strings: the rule id, then the .config.
 */
void kc_analysis_prove(const struct kc_model *m, const struct kc_rules *rules,
		       struct kc_findings *out, struct kc_vec *witnesses,
		       struct kc_analysis_stats *st);

/* ---- builds: every valid configuration by the module build it gives ---- */

struct kc_kbuild_options;
struct kc_kbuild_result;

/* One distinct module build. */
struct kc_build {
	char id[24];			/* "0001", "0002", ... */
	uint64_t configs;		/* valid configurations giving it */
	/*
	 * A representative .config (conf's text), deflated: a tree's is
	 * some 48 KB and a tree has thousands of builds.  kc_build_config()
	 * gives the text.
	 */
	unsigned char *config_z;
	size_t config_z_len, config_len;
	/*
	 * struct kc_kbuild_module * of the representative's walk, limited
	 * to the folders asked, and its modules.builtin names there; their
	 * strings are shared by every build (kc_builds.arena).
	 */
	struct kc_vec modules;
	struct kc_vec builtin;		/* const char *: "drivers/vfio/vfio" */
};

/* A build's representative .config (malloc'd), or NULL when it has none. */
char *kc_build_config(const struct kc_build *x);

/*
 * Where an object or a module is built, as Kconfig expressions over the
 * symbols the Makefiles read ("y": always, "n": never).
 */
struct kc_presence {
	const char *name;	/* "drivers/vfio/vfio_main.o", or the module
				 * "drivers/vfio/vfio" */
	bool is_module;
	char *builtin;		/* built in (obj-y, into vmlinux) */
	char *module;		/* built as, or into, a loadable module */
};

/* An object or module built in one alternative of a folder. */
struct kc_build_on {
	const char *name;	/* as kc_presence names it */
	bool is_module;
	bool builtin;		/* built in; else built as or into a module */
};

/* One of a folder's builds: what it builds there (nothing: n is 0). */
struct kc_build_alt {
	struct kc_build_on *on;
	size_t n;
};

/* Folders whose builds go together: the constraints join them. */
struct kc_build_part {
	const char **folders;
	size_t n_folders;
	struct kc_build_alt *alts;
	size_t n_alts;
};

/*
 * Builds too many to list (factor.c): for the values of the symbols
 * several folders read in 'when' (each "A=y && B=m", all giving the same
 * builds), the builds are every combination of one alternative of each
 * folder, 'builds' of them.
 */
struct kc_build_case {
	struct kc_vec when;	/* char * */
	/*
	 * The cases (numbered from 1) sharing builds with this one: n_builds
	 * counts each build once all the same.
	 */
	struct kc_vec shares;	/* size_t, as (void *)(uintptr_t) */
	struct kc_build_part *parts;
	size_t n_parts;
	uint64_t builds;
};

/*
 * One folder's own builds, when the builds of the whole are too many to
 * list on a model the counter holds: what the folder builds in each, and
 * in how many valid configurations (a folder's add up to the total).
 */
struct kc_build_folder {
	const char *name;
	struct kc_build_alt *alts;
	uint64_t *configs;		/* by alternative */
	size_t n_alts;
	size_t unlisted;		/* more builds than this: none listed */
};

struct kc_builds {
	/*
	 * The builds were too many to list (more than max_projections), and
	 * are given as independent folders instead: n is 0, cases say what
	 * they are and n_builds how many, exactly.
	 */
	bool factored;
	/*
	 * Or, on a model the counter holds, counted without being listed:
	 * n is 0, n_builds their exact number, folders each folder's own.
	 */
	bool by_folder;
	struct kc_build_folder *folders;
	size_t n_folders;
	uint64_t n_builds;
	struct kc_build_case *cases;
	size_t n_cases;
	size_t n_shared;	/* symbols several folders read */
	bool counted;		/* false: configuration counts unknown */
	/*
	 * A model too large to count whole (a kernel tree): total and each
	 * build's configs are numbers of distinct values of the symbols read
	 * (each extends to a valid configuration), not of configurations.
	 */
	bool distinct;
	/*
	 * A kernel tree: the builds were found one solve each; without
	 * distinct, their values were too many to count (a note says so).
	 */
	bool tree;
	uint64_t total;		/* valid configurations of the model */
	size_t projections;	/* distinct values of the symbols read */
	const struct kc_symbol **syms;	/* the symbols read, projected on */
	size_t n_syms;
	struct kc_build *items;
	size_t n;
	struct kc_presence *presence;	/* objects, then modules, by name */
	size_t n_presence;
	struct kc_vec notes;	/* char *: where the answer is approximate */
	struct kc_arena *arena;	/* the names */
};

struct kc_builds_options {
	/* The tree and arch; the config callback is the analysis's own. */
	const struct kc_kbuild_options *kbuild;
	const char *const *under;	/* limit to these folders (or NULL) */
	size_t n_under;
	size_t max_projections;		/* builds at most; 0: 100,000 */
	/*
	 * Values of the symbols read at most; 0: 1,000,000 (on a tree, the
	 * ones counted after the builds are found; 0: 20,000)
	 */
	size_t max_values;
	bool presence_only;		/* no builds: presence conditions */
	bool counts_only;		/* builds without representatives */
	/*
	 * Representatives found and walked, but their .config texts not
	 * written (a quarter of the time on a tree: every symbol of the
	 * model evaluated); kc_build_config() then gives NULL.
	 */
	bool no_configs;
};

/*
 * The presence condition of every object and module (folder by folder
 * from the top Kbuild, presence.c), then the valid configurations
 * projected onto the symbols those conditions read, grouped by the values
 * of the conditions: one group per distinct module build, with its count
 * (exact, from the configuration counter; counted is false when the model
 * is too large for it) and a representative that resolution leaves
 * unchanged, whose real walk must agree.  NULL with an error in d when
 * the tree cannot be read or the builds exceed max_projections.
 */
struct kc_builds *kc_builds_compute(const struct kc_model *m,
				    const struct kc_builds_options *o,
				    struct kc_diags *d);
void kc_builds_free(struct kc_builds *b);

/* ---- the Makefiles against Kconfig (kbuild_check.c) ------------------- */

#define KC_RULE_KBUILD_UNDEFINED	"kbuild/undefined-symbol"
#define KC_RULE_KBUILD_NEVER_BUILT	"kbuild/never-built"
#define KC_RULE_KBUILD_NEVER_MODULE	"kbuild/never-module"
#define KC_RULE_KBUILD_PART_DEPENDENCY	"kbuild/part-without-dependency"

/*
 * CONFIG_ names the Makefiles read that no Kconfig defines (warning),
 * objects and modules no valid configuration builds (warning),
 * "obj-$(CONFIG_X)" lines whose tristate X can never be m (warning), and
 * composite parts listed under a symbol that can be enabled while their
 * module is not built (note).  The findings' file and symbol names live
 * in 'keep', which must outlive them.  Errors reading the tree go to d.
 */
void kc_analysis_kbuild(struct kc_model *m, const struct kc_builds_options *o,
			struct kc_findings *out, struct kc_arena *keep,
			struct kc_diags *d);

/* ---- diff (diff.c, diff_values.c, diff_config.c) --------------------- */

#define KC_RULE_DIFF_ADDED	"diff/symbol-added"
#define KC_RULE_DIFF_REMOVED	"diff/symbol-removed"
#define KC_RULE_DIFF_RETYPED	"diff/symbol-retyped"
#define KC_RULE_DIFF_PROMPT	"diff/prompt-changed"
#define KC_RULE_DIFF_DEFAULT	"diff/default-changed"
#define KC_RULE_DIFF_DEPENDS	"diff/dependency-changed"
#define KC_RULE_DIFF_SELECT	"diff/select-changed"
#define KC_RULE_DIFF_IMPLY	"diff/imply-changed"
#define KC_RULE_DIFF_RANGE	"diff/range-changed"
#define KC_RULE_DIFF_POSSIBLE	"diff/newly-possible"
#define KC_RULE_DIFF_IMPOSSIBLE "diff/newly-impossible"
#define KC_RULE_DIFF_CONE	"diff/cone-truncated"
#define KC_RULE_DIFF_VERDICT	"diff/rule-verdict-changed"
#define KC_RULE_DIFF_NEW_FINDING	"diff/new-finding"
#define KC_RULE_DIFF_GONE_FINDING	"diff/gone-finding"
#define KC_RULE_DIFF_CONFIG_NEW	"diff/config-new-symbol"
#define KC_RULE_DIFF_CONFIG_CHANGED	"diff/config-value-changed"
#define KC_RULE_DIFF_CONFIG_DROPPED	"diff/config-symbol-dropped"
/* Module builds, from the presence conditions (diff_builds.c). */
#define KC_RULE_DIFF_BUILD	"diff/build-changed"
#define KC_RULE_DIFF_BUILD_POSSIBLE	"diff/build-newly-possible"
#define KC_RULE_DIFF_BUILD_IMPOSSIBLE	"diff/build-no-longer-possible"
#define KC_RULE_DIFF_BUILD_PAIR	"diff/build-with-new-pair"
#define KC_RULE_DIFF_BUILD_UNKNOWN	"diff/build-not-compared"

struct kc_diff_options {
	/* The same policy bound to each model; NULL: no verdicts compared. */
	const struct kc_rules *old_rules, *new_rules;
	/* What this .config becomes on NEW; NULL for none. */
	const struct kc_config *config;
	bool structure_only;	/* no SAT: the structural diff only */
	bool whole_model;	/* also compare selects and dead findings */
	size_t max_cone;	/* symbols whose values are compared; 0: 256 */
	/*
	 * Only the symbols defined in Kconfig files under these folders
	 * (on either side) count as changed, and only the whole-model
	 * findings placed under them are compared; none: the whole tree.
	 */
	const char *const *under;
	size_t n_under;
	/*
	 * Each side's tree for its Kbuild Makefiles (NULL: module builds
	 * not compared).  With kbuild_scoped (a kernel tree), only the
	 * Makefiles that decide the folders in scope are read: the --under
	 * folders, else those of the Kconfig files defining a changed symbol
	 * or one of a pair newly possible, and those of changed_makefiles;
	 * without it,
	 * every Makefile from the top Kbuild down.
	 */
	const struct kc_kbuild_options *old_kbuild, *new_kbuild;
	/* The Makefile names the findings point to live here (needed with
	 * the trees); it must outlive the findings. */
	struct kc_arena *keep;
	bool kbuild_scoped;
	const char *const *changed_makefiles;	/* paths, NEW's side */
	size_t n_changed_makefiles;
};

/*
 * What changed from OLD to NEW, as findings (docs/diff.md): structural
 * changes are notes; values that became possible are notes, values that
 * became impossible warnings; a rule verdict or a whole-model finding that
 * got worse keeps the severity NEW's own analysis gives it (a
 * kconfig-scope rule now broken is an error).  With 'witnesses', each
 * witness is appended as two malloc'd strings: a name, then the .config.
 */
void kc_analysis_diff(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_diff_options *o,
		      struct kc_findings *out, struct kc_vec *witnesses,
		      struct kc_analysis_stats *st);

/* ---- fix (fix.c) ----------------------------------------------------- */

#define KC_RULE_FIX_CHANGE	"fix/change"
#define KC_RULE_FIX_NONE	"fix/no-fix"

/* A value the fixed configuration must have. */
struct kc_fix_want {
	const struct kc_symbol *sym;	/* bool or tristate, defined */
	enum kc_tristate value;
};

/*
 * An expression the fixed configuration must make y: the presence
 * condition of an object or module, say (kc_builds_compute).
 */
struct kc_fix_cond {
	const struct kc_expr *expr;	/* over the model's symbols */
	const char *what;		/* "drivers/vfio/group.o is built" */
};

struct kc_fix_options {
	/* Rules at or above min_severity must hold; NULL: none. */
	const struct kc_rules *rules;
	enum kc_severity min_severity;
	const struct kc_fix_want *wants;
	size_t n_wants;
	const struct kc_fix_cond *conds;
	size_t n_conds;
	const char *prefix;		/* of .config lines; NULL: CONFIG_ */
};

struct kc_fix {
	bool found;		/* false: no change gives what is asked */
	/* Resolution of the fixed .config gives every line and goal back. */
	bool confirmed;
	size_t n_changes;	/* minimal: no fix with fewer exists */
	/* One finding per change (.config line or Kconfig entry), its
	 * reasons as notes; assigned/resolved are the old and new value. */
	struct kc_findings changes;
	/* Without a fix: one finding, the conflicting constraints as notes. */
	struct kc_findings conflict;
	char *config;		/* the fixed .config as conf writes it */
	char *fragment;		/* the changes, for merge_config.sh */
	size_t solves;
};

/*
 * The smallest change to cfg's bool and tristate symbols (lines changed
 * or added: each symbol counts once) after which every line survives
 * resolution, every rule at or above the severity holds and every want
 * and condition is met; minimal in the number of symbols changed, proven
 * by the solver.
 * int, hex and string lines are kept as they are.
 */
void kc_analysis_fix(const struct kc_model *m, const struct kc_config *cfg,
		     const struct kc_fix_options *o, struct kc_fix *out);
void kc_fix_free(struct kc_fix *f);

#endif /* KC_ANALYSIS_H */
