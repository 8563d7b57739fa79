/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_check.h - findings about one .config: every assignment that would not
 * survive `make olddefconfig`, every symbol resolution would change, and
 * lines the kernel would skip, each with the chain of reasons a developer
 * can act on.
 */
#ifndef KC_CHECK_H
#define KC_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_config.h"
#include "kc_eval.h"
#include "kc_model.h"

/* Rule ids of the Kconfig findings (stable: SARIF and baselines use them). */
#define KC_RULE_VALUE_CHANGED	"kconfig/value-changed"	   /* set, resolves otherwise */
#define KC_RULE_NOT_WRITTEN	"kconfig/not-written"	   /* set, resolution drops it */
#define KC_RULE_MISSING	"kconfig/missing"	   /* not set, resolution writes it */
#define KC_RULE_UNKNOWN_SYMBOL	"kconfig/unknown-symbol"   /* not in the tree */
#define KC_RULE_INVALID_VALUE	"kconfig/invalid-value"	   /* not a value of its type */
#define KC_RULE_IGNORED_VALUE	"kconfig/ignored-value"	   /* a form the kernel skips */
#define KC_RULE_DUPLICATE	"kconfig/duplicate"	   /* assigned twice; last wins */
#define KC_RULE_MALFORMED_LINE	"kconfig/malformed-line"   /* not an assignment */
#define KC_RULE_CHOICE	"kconfig/choice"	   /* no or several members set */
#define KC_RULE_BUILD_MACHINE	"kconfig/build-machine"	   /* value taken on trust */
#define KC_RULE_EMPTY		"kconfig/empty"		   /* no assignment at all */
#define KC_RULE_OVERRIDE	"kconfig/override"	   /* a later file sets it again */
#define KC_RULE_REDUNDANT	"kconfig/redundant"	   /* savedefconfig drops it */
#define KC_RULE_ORDER		"kconfig/order"		   /* not in savedefconfig's order */

/* Why a value changed (for KC_RULE_VALUE_CHANGED and KC_RULE_NOT_WRITTEN). */
enum kc_reason {
	KC_REASON_NONE,
	KC_REASON_UNMET_DEPENDENCY,	/* depends on ... is n (or m) */
	KC_REASON_NOT_VISIBLE,		/* no prompt: the default decides */
	KC_REASON_SELECTED,		/* raised by select */
	KC_REASON_IMPLIED,		/* raised by imply */
	KC_REASON_OUT_OF_RANGE,		/* clamped into its range */
	KC_REASON_MODULES_OFF,		/* m without MODULES=y */
	KC_REASON_CHOICE,		/* another member of the choice won */
	KC_REASON_DEFAULT,		/* unset: the default gives it */
};

/*
 * What reports say about a policy rule (src/rules fills it, for SARIF's
 * tool.driver.rules and the like); the kconfig/... rules have none.
 */
struct kc_rule_info {
	const char *id;
	const char *title;		/* one line */
	const char *description;	/* the rule's rationale, or NULL */
	const char *scope;		/* "config", "kconfig", or NULL */
	const char *const *references;	/* URLs */
	size_t n_references;
	const char *const *tags;
	size_t n_tags;
	const char *file;		/* where the rule is written, or NULL */
	int line;
};

/* A step of the explanation, pointing into Kconfig or the .config. */
struct kc_note {
	char *message;
	const char *file;	/* NULL when it points nowhere */
	int line;
};

struct kc_finding {
	const char *rule;	/* one of KC_RULE_* (or a policy rule id) */
	enum kc_severity severity;
	enum kc_reason reason;
	char *message;
	char *symbol;		/* NULL for line-level findings (a copy) */
	const char *file;	/* the .config (or rule file) */
	int line;		/* 0 when the symbol is not in the file */
	int col;
	char *assigned;		/* as written in the .config, or NULL */
	char *resolved;		/* after resolution, or NULL */
	struct kc_note *notes;
	size_t n_notes;
	size_t notes_cap;	/* allocated room in notes */
	/* Policy rules: the rule's description (owned by the rule set). */
	const struct kc_rule_info *info;
};

struct kc_findings {
	struct kc_finding *items;
	size_t len;
	size_t cap;
};

#define KC_FINDINGS_INIT { NULL, 0, 0 }

/* Appends a finding (strings are copied); returns it for adding notes. */
struct kc_finding *kc_findings_add(struct kc_findings *f, const char *rule,
				   enum kc_severity sev, const char *symbol,
				   const char *file, int line,
				   const char *fmt, ...) KC_PRINTF(7, 8);
void kc_finding_note(struct kc_finding *f, const char *file, int line,
		     const char *fmt, ...) KC_PRINTF(4, 5);
void kc_findings_free(struct kc_findings *f);
/* Removes the findings for which keep() is false (freeing them). */
void kc_findings_filter(struct kc_findings *f,
			bool (*keep)(const struct kc_finding *x, void *ctx),
			void *ctx);
/* Sorted by file, then line, then symbol name. */
void kc_findings_sort(struct kc_findings *f);
const char *kc_reason_name(enum kc_reason r);

/* What kind of .config is checked (docs/check-schema.md, "Input kinds"). */
enum kc_input_kind {
	KC_INPUT_FULL,		/* a whole .config: what resolution adds counts */
	KC_INPUT_DEFCONFIG,	/* minimal by design: absent symbols are fine */
	KC_INPUT_FRAGMENT,	/* fragments merged onto a base, likewise */
};

struct kc_check_options {
	enum kc_input_kind kind;
	/*
	 * The model describes only part of a kernel (an embedded model):
	 * assignments of symbols it does not define are outside it, not
	 * unknown, and its stand-ins (symbols defined only in its top-level
	 * Kconfig file) may be absent.
	 */
	bool partial_model;
};

/* What a check counted besides its findings. */
struct kc_check_stats {
	size_t outside;		/* lines about symbols outside a partial model */
};

/*
 * Checks one .config against the model.  'ev' must have been created from
 * the same model and config.  Findings are appended to 'out'.  The first
 * form checks a full .config against a whole tree.
 */
void kc_check_config(const struct kc_model *m, const struct kc_config *cfg,
		     struct kc_eval *ev, struct kc_findings *out);
void kc_check_config_as(const struct kc_model *m, const struct kc_config *cfg,
			struct kc_eval *ev, const struct kc_check_options *opt,
			struct kc_check_stats *stats, struct kc_findings *out);

/*
 * The names a check against partial model 'm' needs from a .config: those
 * of its symbols, and those sharing a first word with one (for "did you
 * mean").  The lines a reading with this filter drops are counted as
 * outside the model.
 */
void kc_check_partial_keep(const struct kc_model *m,
			   struct kc_config_keep *keep);

/*
 * Findings about reading one file: each line the reader could not take
 * (its warnings in 'reader') and a file without any assignment are errors.
 */
void kc_check_read(const char *path, const struct kc_config *cfg,
		   const struct kc_diags *reader, struct kc_findings *out);

/*
 * The lint of a defconfig, as notes: lines `make savedefconfig` would not
 * write (a restated default, a value a select forces) and lines out of its
 * order (src/check/defconfig.c).
 */
void kc_check_defconfig_lint(const struct kc_model *m,
			     const struct kc_config *cfg, struct kc_eval *ev,
			     struct kc_findings *out);

/* Whether 's' is one of a partial model's stand-ins (see above). */
bool kc_check_is_stand_in(const struct kc_symbol *s);

#endif /* KC_CHECK_H */
