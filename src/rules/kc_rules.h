/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_rules.h - policy: rules written in YAML (read with libyaml) that say,
 * in Kconfig expression syntax, what a .config must or must not resolve
 * to; waivers that accept a finding until a date; baselines that accept
 * the findings of an earlier report.  docs/rules.md and
 * man/vfio-kconfig-rules.5 describe the file formats.
 *
 * Rules are read first (kc_rules_add: YAML, includes, schema checks), then
 * bound to one model (kc_rules_bind: overrides, applicability, expressions
 * parsed by kc_parse_expr() into that model, symbols and types checked).
 * Binding interns symbols in the model, so it must come before any
 * kc_eval_new() on that model.  Every step is all or nothing: on error it
 * returns -1 (or NULL) with the reasons in diags, each with file, line
 * and column, and leaves nothing half-loaded behind.
 */
#ifndef KC_RULES_H
#define KC_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_check.h"
#include "kc_config.h"
#include "kc_eval.h"
#include "kc_model.h"

/* Finding ids of the policy machinery itself (stable, like KC_RULE_*). */
#define KC_RULE_WAIVER_EXPIRED	"waiver/expired"   /* past its date */
#define KC_RULE_WAIVER_UNUSED	"waiver/unused"	   /* matched no finding */

/* The built-in pack that check applies unless told not to. */
#define KC_RULES_DEFAULT_PACK "builtin:vfio"

enum kc_rule_kind {
	KC_RULE_FORBID,		/* forbid: E      violated when E is y or m */
	KC_RULE_REQUIRE,	/* require: E     violated when E is n */
	KC_RULE_IF_THEN,	/* if: C then: E  violated when C is y or m
				 *                and E is n */
};

enum kc_rule_scope {
	KC_SCOPE_CONFIG,	/* only a .config can break it */
	KC_SCOPE_KCONFIG,	/* Kconfig itself must make breaking it impossible */
};

enum kc_rule_status {
	KC_RULE_UNBOUND,	/* read, not yet bound to a model */
	KC_RULE_APPLIES,	/* bound: checked on every .config */
	KC_RULE_NOT_APPLICABLE,	/* arch, kernel version or if-defined exclude it */
	KC_RULE_DISABLED,	/* an override disabled it */
};

/* A rule, read-only for callers (the SAT prover reads kind, cond, expr). */
struct kc_rule {
	const char *id;
	const char *title;
	const char *message;	/* NULL: the title is the message */
	const char *rationale;	/* NULL when none */
	enum kc_severity severity;	/* after overrides */
	enum kc_rule_scope scope;
	enum kc_rule_kind kind;
	const char *cond_text;	/* if: as written (IF_THEN only) */
	const char *expr_text;	/* forbid:, require: or then: as written */
	/* Parsed into the bound model; NULL unless status is APPLIES. */
	struct kc_expr *cond;
	struct kc_expr *expr;
	enum kc_rule_status status;
	const char *why_not;	/* NOT_APPLICABLE, DISABLED: why, for people */
	/* APPLIES: what could not be checked (an unknown version), or NULL */
	const char *applies_note;
	const char *const *arches;	/* ARCH or SRCARCH names; none: all */
	size_t n_arches;
	const char *kernel;	/* version range as written, or NULL */
	const char *file;	/* the rule file, as named to people */
	int line, col;		/* where the rule's mapping starts */
	struct kc_rule_info info;	/* for reports */
};

/* What rules are bound against: the model's architecture and version. */
struct kc_rules_target {
	const char *arch;	/* ARCH (x86_64), or NULL when unknown */
	const char *srcarch;	/* SRCARCH (x86), or NULL */
	const char *kernel_version;	/* "6.12.117", or NULL when unknown */
};

/*
 * The version the embedded model NAME stands for ("vfio-6.5" -> "6.5"),
 * or NULL for an unknown name.
 */
const char *kc_rules_embedded_version(const char *model);
/*
 * Fills a target: arch and srcarch as given; the version of the embedded
 * model when 'embedded' names one, else KERNELVERSION as the model's
 * Kconfig files saw it (a kernel tree's top Kconfig names it), else NULL.
 */
void kc_rules_target_init(struct kc_rules_target *t, const struct kc_model *m,
			  const char *embedded, const char *arch,
			  const char *srcarch);

struct kc_rules;

struct kc_rules *kc_rules_new(void);
void kc_rules_free(struct kc_rules *r);
/*
 * Reads a rule file and what it includes.  'source' is a path to a file,
 * a directory (its *.yaml and *.yml files, sorted by name), or
 * "builtin:NAME" (the embedded rules/NAME.yaml).  A file already read (the
 * same file, or one with the same bytes as a built-in pack) is skipped.
 * Paths, and the folders listed, are read through 'fs'; built-in packs
 * through the embedded provider.
 */
int kc_rules_add_fs(struct kc_rules *r, const struct kc_fs *fs,
		    const char *source, struct kc_diags *diags);
/* The same from disk, paths as given, capped at KC_FS_MAX_YAML_SIZE. */
int kc_rules_add(struct kc_rules *r, const char *source,
		 struct kc_diags *diags);
/* The same for a file's text; 'name' is how messages name it. */
int kc_rules_add_text(struct kc_rules *r, const char *name, const char *text,
		      size_t len, struct kc_diags *diags);
/*
 * Applies the overrides of every file read, decides which rules apply to
 * the target, parses their expressions into 'm' and checks the symbols
 * and types.  Once only.
 */
int kc_rules_bind(struct kc_rules *r, struct kc_model *m,
		  const struct kc_rules_target *t, struct kc_diags *diags);

size_t kc_rules_count(const struct kc_rules *r);
const struct kc_rule *kc_rules_at(const struct kc_rules *r, size_t i);
const struct kc_rule *kc_rules_find(const struct kc_rules *r, const char *id);
/* The nearest rule id to 'id' (edit distance), or NULL. */
const char *kc_rules_suggest(const struct kc_rules *r, const char *id);

/*
 * Checks one .config: a finding for every applicable rule it breaks, at
 * the .config line of a symbol involved, with the violated expression and
 * every symbol's value as a note.  'ev' evaluates that .config on the
 * bound model.  The rule set must outlive the findings.
 */
void kc_rules_check(const struct kc_rules *r, const struct kc_config *cfg,
		    struct kc_eval *ev, struct kc_findings *out);

/* ---- waivers ----------------------------------------------------------- */

struct kc_waivers;

/* Reads a waiver file through 'fs' (for disk: a kc_disk_fs without root). */
struct kc_waivers *kc_waivers_read(const struct kc_fs *fs, const char *path,
				   struct kc_diags *diags);
struct kc_waivers *kc_waivers_parse(const char *name, const char *text,
				    size_t len, struct kc_diags *diags);
void kc_waivers_free(struct kc_waivers *w);
/*
 * For the findings of one .config: drops those a waiver in force accepts;
 * adds a waiver/expired warning for each expired waiver that covers the
 * .config and a waiver/unused note for each waiver in force that covers it
 * but matched nothing.  'today' is a day number from kc_date_parse().  The
 * waivers must outlive the findings.
 */
void kc_waivers_apply(const struct kc_waivers *w, const char *config_path,
		      long today, struct kc_findings *f);

/* "YYYY-MM-DD" to a day number (days since 1970-01-01); -1 if invalid. */
long kc_date_parse(const char *s);
/* Today in UTC as a day number. */
long kc_date_today(void);

/* ---- baselines ------------------------------------------------------------ */

struct kc_baseline;

/* Reads a JSON report of check (schema vfio-kconfig-check/check/1). */
struct kc_baseline *kc_baseline_read(const struct kc_fs *fs, const char *path,
				     struct kc_diags *diags);
struct kc_baseline *kc_baseline_parse(const char *name, const char *text,
				      size_t len, struct kc_diags *diags);
void kc_baseline_free(struct kc_baseline *b);
/*
 * Drops the findings of one .config that the baseline already has (see
 * docs/rules.md for the key); returns how many were dropped.
 */
size_t kc_baseline_apply(const struct kc_baseline *b, const char *config_path,
			 struct kc_findings *f);

/* ---- the whole policy, as check applies it ---------------------------------- */

struct kc_policy_options {
	bool no_default_rules;		/* leave out KC_RULES_DEFAULT_PACK */
	const char *const *rules;	/* --rules, in order */
	size_t n_rules;
	const char *const *only;	/* rule id patterns (fnmatch) */
	size_t n_only;
	const char *const *skip;
	size_t n_skip;
	const char *waivers;		/* file, or NULL */
	const char *baseline;		/* file, or NULL */
	const char *today;		/* "YYYY-MM-DD", or NULL for the clock */
	/*
	 * Where --rules, waiver and baseline files are read; NULL: from disk
	 * as given, rule and waiver files capped at KC_FS_MAX_YAML_SIZE, the
	 * baseline at KC_FS_MAX_SIZE.  Built-in packs come from the binary.
	 */
	const struct kc_fs *fs;
	struct kc_rules_target target;
};

struct kc_policy;

/* Loads and binds everything the options name; NULL on any error. */
struct kc_policy *kc_policy_load(struct kc_model *m,
				 const struct kc_policy_options *o,
				 struct kc_diags *diags);
void kc_policy_free(struct kc_policy *p);
const struct kc_rules *kc_policy_rules(const struct kc_policy *p);
/*
 * After kc_check_config(): adds the rule findings of one .config, then
 * applies waivers, the baseline, and --only/--skip, in that order.
 */
void kc_policy_check(const struct kc_policy *p, const struct kc_config *cfg,
		     struct kc_eval *ev, struct kc_findings *f);
/* One line per rule: id, severity, scope, file:line, and its status. */
void kc_policy_list_rules(const struct kc_policy *p, struct kc_buf *out);

/* The former name of kc_findings_filter() (kc_check.h), kept for callers. */
static inline void kc_rules_filter_findings(struct kc_findings *f,
					    bool (*keep)(const struct kc_finding *x,
							 void *ctx),
					    void *ctx)
{
	kc_findings_filter(f, keep, ctx);
}

#endif /* KC_RULES_H */
