/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_junit.c - findings as JUnit XML, the test report format GitLab
 * (artifacts:reports:junit) and Jenkins (the junit step) read.
 *
 * JUnit knows tests that pass or fail, not findings, so the mapping is:
 *
 *   <testsuites>            the whole run: counts over every .config
 *     <testsuite>           one per checked .config, named by its path
 *       <testcase>          one per finding; a .config without findings
 *                           gets one passing case, "no findings"
 *         <failure>         when the finding's severity is at or above
 *                           r->fail_on (--fail-on), so the failures are
 *                           exactly what makes the exit status 1; a
 *                           finding below it passes and keeps its text
 *                           in <system-out>
 *
 * A case is named as SARIF's partialFingerprints are, "RULE:SYMBOL" or
 * "RULE:LINE" for findings about a line, so that a CI's test history
 * follows a finding from one run to the next.  classname and file are the
 * .config's path, line its line (as pytest writes them); time is always 0
 * and there is no timestamp, so the same findings give the same bytes.
 *
 * The text is XML 1.0: markup characters are escaped, characters XML 1.0
 * cannot carry (most C0 controls) and bytes that are not UTF-8 (a .config
 * string in Latin-1) become U+FFFD, so a strict parser never rejects the
 * file.
 */
#include <string.h>

#include "kc_report.h"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* Text as XML character data or (attr) an attribute value in quotes. */
static void xml_escape(struct kc_buf *out, const char *text, bool attr)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");

	while (*s) {
		size_t n;

		switch (*s) {
		case '&':
			kc_buf_adds(out, "&amp;");
			break;
		case '<':
			kc_buf_adds(out, "&lt;");
			break;
		case '>':
			kc_buf_adds(out, "&gt;");
			break;
		case '"':
			kc_buf_adds(out, attr ? "&quot;" : "\"");
			break;
		case '\n':
		case '\t':
		case '\r':
			/* An attribute would normalise them to spaces. */
			if (attr)
				kc_buf_addf(out, "&#%d;", *s);
			else if (*s == '\r')
				kc_buf_adds(out, "&#13;");
			else
				kc_buf_addc(out, (char)*s);
			break;
		default:
			if (*s < 0x20) {
				kc_buf_adds(out, REPLACEMENT);
			} else if (*s < 0x80) {
				kc_buf_addc(out, (char)*s);
			} else if ((n = kc_utf8_len(s))) {
				kc_buf_add(out, (const char *)s, n);
				s += n;
				continue;
			} else {
				kc_buf_adds(out, REPLACEMENT);
			}
			break;
		}
		s++;
	}
}

static void attr(struct kc_buf *out, const char *name, const char *value)
{
	kc_buf_addf(out, " %s=\"", name);
	xml_escape(out, value, true);
	kc_buf_addc(out, '"');
}

static void attr_size(struct kc_buf *out, const char *name, size_t value)
{
	kc_buf_addf(out, " %s=\"%zu\"", name, value);
}

static size_t failures_in(const struct kc_findings *f, int fail_on)
{
	size_t i, n = 0;

	for (i = 0; f && i < f->len; i++)
		n += (int)f->items[i].severity >= fail_on;
	return n;
}

/* A finding as the text report prints it: "FILE:LINE: SEV: MSG [RULE]". */
static void finding_text(struct kc_buf *t, const struct kc_finding *f,
			 const char *file)
{
	size_t i;

	kc_buf_adds(t, file);
	if (f->line > 0)
		kc_buf_addf(t, ":%d", f->line);
	kc_buf_addf(t, ": %s: %s [%s]\n", kc_severity_name(f->severity),
		    f->message ? f->message : "", f->rule ? f->rule : "unknown");
	for (i = 0; i < f->n_notes; i++) {
		const struct kc_note *n = &f->notes[i];

		kc_buf_adds(t, "  ");
		if (n->file) {
			kc_buf_adds(t, n->file);
			if (n->line > 0)
				kc_buf_addf(t, ":%d", n->line);
			kc_buf_adds(t, ": ");
		}
		kc_buf_addf(t, "note: %s\n", n->message);
	}
}

static void testcase(struct kc_buf *out, struct kc_buf *scratch,
		     const struct kc_report *r, const char *path,
		     const struct kc_finding *f)
{
	const char *file = f->file ? f->file : path;
	const char *rule = f->rule ? f->rule : "unknown";
	bool failed = (int)f->severity >= r->fail_on;

	kc_buf_reset(scratch);
	if (f->symbol)
		kc_buf_addf(scratch, "%s:%s", rule, f->symbol);
	else
		kc_buf_addf(scratch, "%s:%d", rule, f->line);
	kc_buf_adds(out, "    <testcase");
	attr(out, "classname", path);
	attr(out, "name", kc_buf_str(scratch));
	attr(out, "file", file);
	if (f->line > 0)
		kc_buf_addf(out, " line=\"%d\"", f->line);
	kc_buf_adds(out, " time=\"0\">\n");

	kc_buf_reset(scratch);
	finding_text(scratch, f, file);
	if (failed) {
		kc_buf_adds(out, "      <failure");
		attr(out, "type", kc_severity_name(f->severity));
		attr(out, "message", f->message);
		kc_buf_addc(out, '>');
		xml_escape(out, kc_buf_str(scratch), false);
		kc_buf_adds(out, "</failure>\n");
	} else {
		kc_buf_adds(out, "      <system-out>");
		xml_escape(out, kc_buf_str(scratch), false);
		kc_buf_adds(out, "</system-out>\n");
	}
	kc_buf_adds(out, "    </testcase>\n");
}

static void testsuite(struct kc_buf *out, struct kc_buf *scratch,
		      const struct kc_report *r,
		      const struct kc_report_config *c)
{
	const struct kc_findings *f = c->findings;
	size_t n = f ? f->len : 0, i;
	const char *path = c->path ? c->path : "";

	kc_buf_adds(out, "  <testsuite");
	attr(out, "name", path);
	attr_size(out, "tests", n ? n : 1);
	attr_size(out, "failures", failures_in(f, r->fail_on));
	kc_buf_adds(out, " errors=\"0\" skipped=\"0\" time=\"0\">\n");
	if (r->model || r->tool_version) {
		kc_buf_adds(out, "    <properties>\n");
		if (r->tool_version) {
			kc_buf_adds(out, "      <property name=\"vfio-kconfig-check.version\"");
			attr(out, "value", r->tool_version);
			kc_buf_adds(out, "/>\n");
		}
		if (r->model) {
			kc_buf_adds(out, "      <property name=\"model\"");
			attr(out, "value", r->model);
			kc_buf_adds(out, "/>\n");
		}
		kc_buf_adds(out, "    </properties>\n");
	}
	for (i = 0; i < n; i++)
		testcase(out, scratch, r, path, &f->items[i]);
	if (!n) {
		kc_buf_adds(out, "    <testcase");
		attr(out, "classname", path);
		attr(out, "name", "no findings");
		attr(out, "file", path);
		kc_buf_adds(out, " time=\"0\"/>\n");
	}
	kc_buf_adds(out, "  </testsuite>\n");
}

void kc_report_junit(const struct kc_report *r, struct kc_buf *out)
{
	struct kc_buf scratch = KC_BUF_INIT;
	size_t i, tests = 0, failures = 0;

	for (i = 0; i < r->n_configs; i++) {
		const struct kc_findings *f = r->configs[i].findings;

		tests += f && f->len ? f->len : 1;
		failures += failures_in(f, r->fail_on);
	}
	kc_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	kc_buf_adds(out, "<testsuites name=\"vfio-kconfig-check\"");
	attr_size(out, "tests", tests);
	attr_size(out, "failures", failures);
	kc_buf_adds(out, " errors=\"0\" time=\"0\">\n");
	for (i = 0; i < r->n_configs; i++)
		testsuite(out, &scratch, r, &r->configs[i]);
	kc_buf_adds(out, "</testsuites>\n");
	kc_buf_free(&scratch);
}
