/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_report.c - the output and report options (-o, --format, --fail-on,
 * --exit-zero) the commands share, and writing what they produce: the
 * report, other output, witness .config files.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kc_embedded.h"

static const char *const formats[] = { "text", "json", "sarif", "junit",
				      NULL };
static const char *const levels[] = { "error", "warning", "note", "never",
				      NULL };
static const char *const never[] = { "never", NULL };
static const char *const whens[] = { "auto", "always", "never", NULL };

#define REPORT_OPTION(name, short_name, kind, value, help, values, field)    \
	{ name, short_name, kind, value, help, values, KC_STORE_REPORT,      \
	  offsetof(struct kc_cli_report, field), KC_COMPLETE_NONE }

const struct kc_option kc_cli_output_options[] = {
	{ "output", 'o', KC_OPT_STRING, "FILE",
	  "write to FILE (atomically) instead of stdout", NULL,
	  KC_STORE_REPORT, offsetof(struct kc_cli_report, output),
	  KC_COMPLETE_FILE },
	{ 0 },
};

const struct kc_option kc_cli_report_options[] = {
	REPORT_OPTION("format", 0, KC_OPT_ENUM, "FORMAT",
		      "text (default), json, sarif or junit", formats, format),
	REPORT_OPTION("fail-on", 0, KC_OPT_ENUM, "LEVEL",
		      "exit 1 on findings at or above LEVEL:\n"
		      "error (default), warning, note, or never",
		      levels, fail_on),
	REPORT_OPTION("exit-zero", 0, KC_OPT_ALIAS, NULL,
		      "same as --fail-on never", never, fail_on),
	{ 0 },
};

const struct kc_option kc_cli_common_options[] = {
	{ "quiet", 'q', KC_OPT_FLAG, NULL,
	  "no summary lines; on stderr, errors only", NULL,
	  KC_STORE_MODEL, offsetof(struct kc_model_source, quiet),
	  KC_COMPLETE_NONE },
	{ "color", 0, KC_OPT_ENUM, "WHEN",
	  "colour diagnostics and the text report: auto\n"
	  "(default: on a terminal, unless NO_COLOR or\n"
	  "TERM=dumb), always or never", whens,
	  KC_STORE_MODEL, offsetof(struct kc_model_source, color),
	  KC_COMPLETE_NONE },
	{ 0 },
};

bool kc_cli_color(const struct kc_model_source *src, int fd)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	if (src->color && strcmp(src->color, "auto"))
		return !strcmp(src->color, "always");
	/* no-color.org: an empty NO_COLOR does not count. */
	if ((no_color && *no_color) || (term && !strcmp(term, "dumb")))
		return false;
	return isatty(fd);
}

/* The lowest failing severity (KC_SEV_NOTE..KC_SEV_ERROR); 3 = never. */
static int fail_on_level(const char *v)
{
	static const char *const names[] = { "note", "warning", "error",
					     "never" };
	int i;

	for (i = 0; v && i < 4; i++)
		if (!strcmp(v, names[i]))
			return i;
	return KC_SEV_ERROR;
}

static char *describe(const struct kc_model_source *src)
{
	if (src->srctree)
		return kc_xasprintf("%s (ARCH=%s)", src->srctree, src->arch);
	if (src->kconfig_dir)
		return kc_xasprintf("%s/Kconfig", src->kconfig_dir);
	return kc_xasprintf("embedded model %s",
			    src->model ? src->model : KC_EMBEDDED_DEFAULT_MODEL);
}

int kc_cli_report_write(const struct kc_cli_report *r,
			const struct kc_model_source *src,
			const struct kc_report_config *configs, size_t n)
{
	struct kc_report report = { 0 };
	struct kc_buf out = KC_BUF_INIT;
	size_t c[3] = { 0, 0, 0 }, i;
	char *desc = describe(src);
	int fail_on = fail_on_level(r->fail_on), ret;
	enum kc_format format;

	report.tool_version = KC_VERSION;
	report.model = desc;
	report.srctree = src->srctree ? src->srctree : src->kconfig_dir;
	report.configs = configs;
	report.n_configs = n;
	report.fail_on = fail_on;
	report.no_summary = src->quiet;
	if (!r->format || kc_format_parse(r->format, &format) < 0)
		format = KC_FORMAT_TEXT;
	switch (format) {
	case KC_FORMAT_JSON:
		kc_report_json(&report, &out);
		break;
	case KC_FORMAT_SARIF:
		kc_report_sarif(&report, &out);
		break;
	case KC_FORMAT_JUNIT:
		kc_report_junit(&report, &out);
		break;
	default:
		/* Never into a file: colour is for a reader at a terminal. */
		kc_report_text(&report,
			       !strcmp(r->output, "-") &&
				       kc_cli_color(src, STDOUT_FILENO),
			       &out);
		break;
	}
	ret = kc_cli_write_output(r->output, &out);
	if (ret == KC_EXIT_OK) {
		kc_report_count(&report, &c[KC_SEV_ERROR], &c[KC_SEV_WARNING],
				&c[KC_SEV_NOTE]);
		for (i = (size_t)fail_on; i < 3; i++)
			if (c[i])
				ret = KC_EXIT_FINDINGS;
	}
	kc_buf_free(&out);
	free(desc);
	return ret;
}

int kc_cli_write_output(const char *path, const struct kc_buf *text)
{
	const char *why;

	if (kc_write_file_atomic(path, text->data ? text->data : "", text->len,
				 &why) < 0)
		return kc_cli_usage_error("cannot write '%s': %s", path, why);
	return KC_EXIT_OK;
}

int kc_cli_write_witnesses(const char *dir, const char *const *names,
			   const char *const *texts, size_t n)
{
	size_t i;

	if (mkdir(dir, 0755) < 0) {
		struct stat st;

		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
			return kc_cli_usage_error("cannot create '%s'", dir);
	}
	for (i = 0; i < n; i++) {
		char *name = kc_xstrdup(names[i]), *c, *path;
		const char *why;
		int r;

		/* Rule ids hold '/': one flat folder of files. */
		for (c = name; *c; c++)
			if (*c == '/')
				*c = '-';
		path = kc_xasprintf("%s/%s-%zu.config", dir, name, i + 1);
		free(name);
		r = kc_write_file_atomic(path, texts[i], strlen(texts[i]),
					 &why);
		if (r < 0)
			kc_cli_usage_error("cannot write '%s': %s", path, why);
		free(path);
		if (r < 0)
			return KC_EXIT_USAGE;
	}
	return KC_EXIT_OK;
}

int kc_cli_report_findings(const struct kc_cli_args *a, const char *what,
			   struct kc_findings *f)
{
	struct kc_report_config rc = { what, f, NULL, 0 };

	kc_findings_sort(f);
	return kc_cli_report_write(&a->report, &a->src, &rc, 1);
}
