/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_check.c - `vfio-kconfig-check [check] [options] CONFIG...`: is each
 * .config what Kconfig would keep, and if not, why.  The default command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kc_check.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_report.h"
#include "kc_rules.h"

static void check_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check [check] [options] CONFIG...\n"
		"\n"
		"Reports every assignment of each CONFIG that 'make olddefconfig' would\n"
		"not keep, every symbol it would change, and lines it would ignore, each\n"
		"with the chain of reasons, and every policy rule each CONFIG breaks (the\n"
		"built-in VFIO/IOMMUFD pack and --rules files; vfio-kconfig-rules(5)).\n"
		"\n"
		"options:\n"
		"%s"
		"  --rules SOURCE      add rules: a YAML file, a folder of them, or\n"
		"                      builtin:NAME (builtin:hardening-example); repeatable\n"
		"  --no-default-rules  leave out the built-in pack (" KC_RULES_DEFAULT_PACK ")\n"
		"  --list-rules        list the rules and whether each applies, then exit\n"
		"  --only ID           report only findings of rules matching ID (a glob,\n"
		"                      as 'vfio/*'); repeatable\n"
		"  --skip ID           leave out findings of rules matching ID; repeatable\n"
		"  --waivers FILE      accept the findings FILE lists, until their dates\n"
		"  --baseline FILE     drop findings already in FILE, an earlier report\n"
		"                      written with --format json\n"
		"  --today DATE        judge waivers as of DATE (YYYY-MM-DD; default: today)\n"
		"  --format FORMAT     text (default), json, sarif or junit\n"
		"  -o, --output FILE   write the report to FILE (atomically)\n"
		"  --fail-on LEVEL     exit 1 on findings at or above LEVEL:\n"
		"                      error (default), warning, note, or never\n"
		"  --exit-zero         same as --fail-on never\n"
		"  -h, --help          this text\n"
		"\n"
		"Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or\n"
		"a file that cannot be read.\n",
		kc_cli_model_options_help);
}

struct check_args {
	struct kc_model_source src;
	const char *output;
	enum kc_format format;
	int fail_on;		/* lowest severity that fails; 3 = never */
	struct kc_vec configs;
	/* Policy (src/rules): */
	struct kc_vec rules, only, skip;
	const char *waivers, *baseline, *today;
	bool no_default_rules, list_rules;
};

/* "--name" or "--name=value". */
static bool is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

/* Consumes one policy option; 1 when it was one, 0 if not, -1 on error. */
static int policy_option(struct check_args *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *v, *eq = strchr(arg, '=');
	struct kc_vec *list = is_option(arg, "--rules") ? &a->rules :
			      is_option(arg, "--only") ? &a->only :
			      is_option(arg, "--skip") ? &a->skip : NULL;
	const char **one = is_option(arg, "--waivers") ? &a->waivers :
			   is_option(arg, "--baseline") ? &a->baseline :
			   is_option(arg, "--today") ? &a->today : NULL;

	if (!strcmp(arg, "--no-default-rules")) {
		a->no_default_rules = true;
		return 1;
	}
	if (!strcmp(arg, "--list-rules")) {
		a->list_rules = true;
		return 1;
	}
	if (!list && !one)
		return 0;
	if (eq) {
		v = eq + 1;
	} else if (*i + 1 >= argc) {
		kc_cli_usage_error("option '%s' needs a value", arg);
		return -1;
	} else {
		v = argv[++*i];
	}
	if (list)
		kc_vec_push(list, (void *)v);
	else
		*one = v;
	return 1;
}

static int parse_fail_on(const char *v, int *out)
{
	static const char *const names[] = { "note", "warning", "error",
					     "never" };
	int i;

	for (i = 0; i < 4; i++) {
		if (!strcmp(v, names[i])) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

static const char *value_of(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		kc_cli_usage_error("option '%s' needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/* Returns 1 to go on, 0 after --help, -1 on a usage error. */
static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		int r = kc_cli_model_option(&a->src, argc, argv, &i);

		if (r == 0)
			r = policy_option(a, argc, argv, &i);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			check_usage(stdout);
			return 0;
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			if (!(a->output = value_of(argc, argv, &i)))
				return -1;
		} else if (!strcmp(arg, "--format")) {
			if (!(v = value_of(argc, argv, &i)))
				return -1;
			if (kc_format_parse(v, &a->format) < 0) {
				kc_cli_usage_error("unknown format '%s' (text, json, sarif, junit)", v);
				return -1;
			}
		} else if (!strcmp(arg, "--fail-on")) {
			if (!(v = value_of(argc, argv, &i)))
				return -1;
			if (parse_fail_on(v, &a->fail_on) < 0) {
				kc_cli_usage_error("--fail-on takes error, warning, note or never, not '%s'", v);
				return -1;
			}
		} else if (!strcmp(arg, "--exit-zero")) {
			a->fail_on = 3;
		} else if (arg[0] == '-' && arg[1]) {
			kc_cli_usage_error("unknown option '%s' (try --help)", arg);
			return -1;
		} else {
			kc_vec_push(&a->configs, (void *)arg);
		}
	}
	if (!a->configs.len && !a->list_rules) {
		kc_cli_usage_error("no .config given (try --help)");
		return -1;
	}
	return 1;
}

/* The reader's warnings (lines that are not assignments) as findings. */
static void malformed_lines(const struct kc_diags *d, const char *path,
			    struct kc_findings *f)
{
	size_t i;

	for (i = 0; i < d->len; i++) {
		const struct kc_diag *x = &d->items[i];

		if (x->severity == KC_SEV_WARNING)
			kc_findings_add(f, KC_RULE_MALFORMED_LINE,
					KC_SEV_WARNING, NULL, path, x->line,
					"%s; the kernel ignores this line",
					x->message);
	}
}

/* Loads the rules and the rest of the policy the options name. */
static struct kc_policy *load_policy(struct check_args *a, struct kc_model *m)
{
	struct kc_policy_options o = {
		.no_default_rules = a->no_default_rules,
		.rules = (const char *const *)a->rules.items,
		.n_rules = a->rules.len,
		.only = (const char *const *)a->only.items,
		.n_only = a->only.len,
		.skip = (const char *const *)a->skip.items,
		.n_skip = a->skip.len,
		.waivers = a->waivers,
		.baseline = a->baseline,
		.today = a->today,
	};
	const char *embedded = a->src.srctree || a->src.kconfig_dir ? NULL :
			       a->src.model ? a->src.model :
					      KC_EMBEDDED_DEFAULT_MODEL;
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_policy *p;

	kc_rules_target_init(&o.target, m, embedded, a->src.arch,
			     a->src.arch ? kc_cli_srcarch(a->src.arch) : NULL);
	p = kc_policy_load(m, &o, &diags);
	kc_cli_print_diags(&diags);
	kc_diags_free(&diags);
	return p;
}

static char *model_description(const struct kc_model_source *src)
{
	if (src->srctree)
		return kc_xasprintf("%s (ARCH=%s)", src->srctree, src->arch);
	if (src->kconfig_dir)
		return kc_xasprintf("%s/Kconfig", src->kconfig_dir);
	return kc_xasprintf("embedded model %s",
			    src->model ? src->model : KC_EMBEDDED_DEFAULT_MODEL);
}

static void render(const struct kc_report *r, enum kc_format fmt, bool color,
		   struct kc_buf *out)
{
	switch (fmt) {
	case KC_FORMAT_JSON:
		kc_report_json(r, out);
		break;
	case KC_FORMAT_SARIF:
		kc_report_sarif(r, out);
		break;
	case KC_FORMAT_JUNIT:
		kc_report_junit(r, out);
		break;
	default:
		kc_report_text(r, color, out);
		break;
	}
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = { .output = "-", .format = KC_FORMAT_TEXT,
				.fail_on = KC_SEV_ERROR };
	struct kc_findings *findings = NULL;
	struct kc_report_config *rcs = NULL;
	struct kc_config **cfgs = NULL;
	struct kc_model *m = NULL;
	struct kc_policy *policy = NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_report report = { 0 };
	size_t i, counts[3] = { 0, 0, 0 };
	int ret = parse_args(&a, argc, argv);
	char *desc = NULL;
	const char *why;
	bool color;

	if (ret <= 0) {
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
		goto out;
	}
	ret = KC_EXIT_OK;
	a.src.info_to_stderr = !strcmp(a.output, "-");
	m = kc_cli_load_model(&a.src);
	if (!m) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	/* Rules go into the model before anything evaluates it. */
	policy = load_policy(&a, m);
	if (!policy) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	if (a.list_rules) {
		kc_policy_list_rules(policy, &out);
		fputs(kc_buf_str(&out), stdout);
		goto out;
	}
	findings = kc_xcalloc(a.configs.len, sizeof(*findings));
	rcs = kc_xcalloc(a.configs.len, sizeof(*rcs));
	/* Findings point into their config: all stay alive until the end. */
	cfgs = kc_xcalloc(a.configs.len, sizeof(*cfgs));
	for (i = 0; i < a.configs.len; i++) {
		struct kc_diags diags = KC_DIAGS_INIT;
		struct kc_eval_options eopt = { .run_shell = a.src.shell };
		struct kc_config *cfg;
		struct kc_eval *ev;

		rcs[i].path = a.configs.items[i];
		rcs[i].findings = &findings[i];
		cfg = cfgs[i] = kc_config_read(a.configs.items[i],
					       getenv("CONFIG_"), &diags);
		if (!cfg) {
			kc_cli_print_diags(&diags);
			kc_diags_free(&diags);
			ret = KC_EXIT_USAGE;
			goto out;
		}
		malformed_lines(&diags, cfg->path, &findings[i]);
		kc_diags_free(&diags);
		ev = kc_eval_new(m, cfg, &eopt);
		kc_check_config(m, cfg, ev, &findings[i]);
		kc_policy_check(policy, cfg, ev, &findings[i]);
		kc_eval_free(ev);
		kc_findings_sort(&findings[i]);
	}
	desc = model_description(&a.src);
	report.tool_version = KC_VERSION;
	report.model = desc;
	report.srctree = a.src.srctree ? a.src.srctree : a.src.kconfig_dir;
	report.configs = rcs;
	report.n_configs = a.configs.len;
	report.fail_on = a.fail_on;
	/* https://no-color.org: a NO_COLOR that is set and not empty. */
	color = a.format == KC_FORMAT_TEXT && !strcmp(a.output, "-") &&
		isatty(STDOUT_FILENO) &&
		!(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	render(&report, a.format, color, &out);
	if (kc_write_file_atomic(a.output, kc_buf_str(&out), out.len, &why) < 0) {
		kc_cli_usage_error("cannot write '%s': %s", a.output, why);
		ret = KC_EXIT_USAGE;
		goto out;
	}
	kc_report_count(&report, &counts[KC_SEV_ERROR], &counts[KC_SEV_WARNING],
			&counts[KC_SEV_NOTE]);
	for (i = (size_t)a.fail_on; i < 3; i++)
		if (counts[i])
			ret = KC_EXIT_FINDINGS;
out:
	for (i = 0; findings && i < a.configs.len; i++)
		kc_findings_free(&findings[i]);
	free(findings);
	for (i = 0; cfgs && i < a.configs.len; i++)
		kc_config_free(cfgs[i]);
	free(cfgs);
	free(rcs);
	free(desc);
	kc_buf_free(&out);
	/* Findings point at rule descriptions: the policy goes after them. */
	kc_policy_free(policy);
	kc_model_free(m);
	kc_vec_free(&a.configs);
	kc_vec_free(&a.rules);
	kc_vec_free(&a.only);
	kc_vec_free(&a.skip);
	kc_cli_model_source_release(&a.src);
	return ret;
}
