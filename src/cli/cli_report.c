/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_report.c - the report options every analysis command shares
 * (--format, -o, --fail-on, --exit-zero), and writing the report.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kc_embedded.h"

const char kc_cli_report_options_help[] =
	"  --format FORMAT     text (default), json, sarif or junit\n"
	"  -o, --output FILE   write the report to FILE (atomically)\n"
	"  --fail-on LEVEL     exit 1 on findings at or above LEVEL:\n"
	"                      error (default), warning, note, or never\n"
	"  --exit-zero         same as --fail-on never\n";

void kc_cli_report_init(struct kc_cli_report *r)
{
	memset(r, 0, sizeof(*r));
	r->output = "-";
	r->format = KC_FORMAT_TEXT;
	r->fail_on = KC_SEV_ERROR;
}

static int fail_on_level(const char *v)
{
	static const char *const names[] = { "note", "warning", "error",
					     "never" };
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(v, names[i]))
			return i;
	return -1;
}

int kc_cli_report_option(struct kc_cli_report *r, int argc, char **argv,
			 int *i)
{
	const char *arg = argv[*i];

	if (!strcmp(arg, "--exit-zero")) {
		r->fail_on = 3;
		return 1;
	}
	if (strcmp(arg, "-o") && strcmp(arg, "--output") &&
	    strcmp(arg, "--format") && strcmp(arg, "--fail-on"))
		return 0;
	if (*i + 1 >= argc) {
		kc_cli_usage_error("option '%s' needs a value", arg);
		return -1;
	}
	(*i)++;
	if (!strcmp(arg, "--format")) {
		if (kc_format_parse(argv[*i], &r->format) < 0) {
			kc_cli_usage_error("unknown format '%s' (text, json, sarif, junit)",
					   argv[*i]);
			return -1;
		}
	} else if (!strcmp(arg, "--fail-on")) {
		r->fail_on = fail_on_level(argv[*i]);
		if (r->fail_on < 0) {
			kc_cli_usage_error("--fail-on takes error, warning, note or never, not '%s'",
					   argv[*i]);
			return -1;
		}
	} else {
		r->output = argv[*i];
	}
	return 1;
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
	const char *why;
	int ret = KC_EXIT_OK;

	report.tool_version = KC_VERSION;
	report.model = desc;
	report.srctree = src->srctree ? src->srctree : src->kconfig_dir;
	report.configs = configs;
	report.n_configs = n;
	report.fail_on = r->fail_on;
	switch (r->format) {
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
		kc_report_text(&report,
			       !strcmp(r->output, "-") &&
				       isatty(STDOUT_FILENO) &&
				       !(getenv("NO_COLOR") &&
					 *getenv("NO_COLOR")),
			       &out);
		break;
	}
	if (kc_write_file_atomic(r->output, kc_buf_str(&out), out.len,
				 &why) < 0) {
		kc_cli_usage_error("cannot write '%s': %s", r->output, why);
		ret = KC_EXIT_USAGE;
	} else {
		kc_report_count(&report, &c[KC_SEV_ERROR], &c[KC_SEV_WARNING],
				&c[KC_SEV_NOTE]);
		for (i = (size_t)r->fail_on; i < 3; i++)
			if (c[i])
				ret = KC_EXIT_FINDINGS;
	}
	kc_buf_free(&out);
	free(desc);
	return ret;
}
