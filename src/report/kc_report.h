/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_report.h - findings rendered for people and machines: text like a
 * compiler, JSON (docs/check-schema.md), SARIF 2.1.0 and JUnit XML (for
 * GitLab and Jenkins test reports).  One file per format; none of them
 * prints, they fill a buffer.
 */
#ifndef KC_REPORT_H
#define KC_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_check.h"

enum kc_format {
	KC_FORMAT_TEXT,
	KC_FORMAT_JSON,
	KC_FORMAT_SARIF,
	KC_FORMAT_JUNIT,
};

/* The findings of one checked .config. */
struct kc_report_config {
	const char *path;
	const struct kc_findings *findings;
	/* "full", "defconfig" or "fragment"; NULL says nothing. */
	const char *kind;
	/* Lines about symbols outside a partial model (no findings). */
	size_t outside;
};

struct kc_report {
	const char *tool_version;	/* e.g. "0.1.0" */
	/* What the .config files were checked against, for people:
	 * "embedded model vfio-6.6", "linux/ (ARCH=x86_64)". */
	const char *model;
	/* Folder that Kconfig paths in notes are relative to, or NULL for
	 * the embedded model (SARIF: the SRCROOT base). */
	const char *srctree;
	const struct kc_report_config *configs;
	size_t n_configs;
	/*
	 * JUnit: the lowest severity reported as a <failure> (what --fail-on
	 * sets): KC_SEV_NOTE makes every finding a failure (the zero value),
	 * KC_SEV_ERROR + 1 none.  Findings below it are passing test cases.
	 */
	int fail_on;
	/* Text: leave out the summary line of each .config (--quiet). */
	bool no_summary;
};

/* Parses "text", "json", "sarif" or "junit"; -1 when it is none of them. */
int kc_format_parse(const char *name, enum kc_format *out);

/*
 * Text: "FILE:LINE: SEVERITY: MESSAGE [RULE]" per finding, then its notes
 * indented ("  KCONFIG_FILE:LINE: note: ..."), then a summary line
 * (unless r->no_summary).
 * Colour (ANSI) only when 'color' is set.
 */
void kc_report_text(const struct kc_report *r, bool color,
		    struct kc_buf *out);
void kc_report_json(const struct kc_report *r, struct kc_buf *out);
void kc_report_sarif(const struct kc_report *r, struct kc_buf *out);
/*
 * JUnit XML as GitLab and Jenkins read it: a <testsuite> per .config, a
 * <testcase> per finding (a <failure> at or above r->fail_on), one passing
 * <testcase> for a .config without findings.  docs/integration.md.
 */
void kc_report_junit(const struct kc_report *r, struct kc_buf *out);

/* Counts by severity over all configs. */
void kc_report_count(const struct kc_report *r, size_t *errors,
		     size_t *warnings, size_t *notes);

#endif /* KC_REPORT_H */
