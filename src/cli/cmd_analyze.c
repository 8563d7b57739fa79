/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_analyze.c - the commands that answer for every configuration at
 * once, through the SAT model: `dead`, `selects` and `explain`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kc_analysis.h"
#include "kc_rules.h"
#include "kc_config.h"

struct analyze_args {
	struct kc_model_source src;
	struct kc_cli_report report;
	struct kc_cli_policy policy;	/* prove only */
	bool policy_options;
	const char *witness_dir;
	bool no_explain;
	struct kc_vec positional;
};

/* Returns 1 to go on, 0 after --help, -1 on a usage error. */
static int parse(struct analyze_args *a, int argc, char **argv,
		 void (*usage)(FILE *), bool takes_positional)
{
	int i;

	kc_cli_report_init(&a->report);
	for (i = 1; i < argc; i++) {
		int r = kc_cli_model_option(&a->src, argc, argv, &i);

		if (!r)
			r = kc_cli_report_option(&a->report, argc, argv, &i);
		if (!r && a->policy_options)
			r = kc_cli_policy_option(&a->policy, argc, argv, &i);
		if (r < 0)
			return -1;
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--no-explain")) {
			a->no_explain = true;
		} else if (!strcmp(argv[i], "--witness-dir")) {
			if (i + 1 >= argc) {
				kc_cli_usage_error("option '%s' needs a value", argv[i]);
				return -1;
			}
			a->witness_dir = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			kc_cli_usage_error("unknown option '%s' (try --help)", argv[i]);
			return -1;
		} else if (takes_positional) {
			kc_vec_push(&a->positional, argv[i]);
		} else {
			kc_cli_usage_error("unexpected argument '%s' (try --help)", argv[i]);
			return -1;
		}
	}
	a->src.info_to_stderr = !strcmp(a->report.output, "-");
	return 1;
}

static void release(struct analyze_args *a)
{
	kc_cli_policy_release(&a->policy);
	kc_vec_free(&a->positional);
	kc_cli_model_source_release(&a->src);
}

static int finish(struct analyze_args *a, struct kc_findings *f,
		  const char *what)
{
	struct kc_report_config rc = { what, f };

	kc_findings_sort(f);
	return kc_cli_report_write(&a->report, &a->src, &rc, 1);
}

/* ---- dead --------------------------------------------------------------------- */

static void dead_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check dead [options]\n"
		"\n"
		"Lists the symbols no valid configuration can enable (dead) and the bool\n"
		"and tristate symbols none can disable (always on), each with the\n"
		"constraints that decide it.\n"
		"\n"
		"options:\n%s%s"
		"  --no-explain        do not compute the deciding constraints\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help, kc_cli_report_options_help);
}

int cmd_dead(int argc, char **argv)
{
	struct analyze_args a = { 0 };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_model *m;
	int ret = parse(&a, argc, argv, dead_usage, false);

	if (ret <= 0) {
		release(&a);
		return ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	}
	m = kc_cli_load_model(&a.src);
	if (!m) {
		release(&a);
		return KC_EXIT_USAGE;
	}
	kc_analysis_dead(m, !a.no_explain, &f, NULL);
	ret = finish(&a, &f, "Kconfig");
	kc_findings_free(&f);
	kc_model_free(m);
	release(&a);
	return ret;
}

/* ---- selects ------------------------------------------------------------------ */

static void selects_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check selects [options]\n"
		"\n"
		"Finds every select that can force its target on while the target's own\n"
		"dependencies are unmet, in some valid configuration (what the kernel\n"
		"warns about as \"unmet direct dependencies detected\" for one .config).\n"
		"\n"
		"options:\n%s%s"
		"  --witness-dir DIR   write a witness .config for each finding into DIR\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help, kc_cli_report_options_help);
}

/* Writes texts[i] to DIR/names[i]-(i+1).config. */
static int write_witnesses(const char *dir, const char *const *names,
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

int cmd_selects(int argc, char **argv)
{
	struct analyze_args a = { 0 };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_vec w = KC_VEC_INIT;
	struct kc_model *m;
	size_t i;
	int ret = parse(&a, argc, argv, selects_usage, false);

	if (ret <= 0) {
		release(&a);
		return ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	}
	m = kc_cli_load_model(&a.src);
	if (!m) {
		release(&a);
		return KC_EXIT_USAGE;
	}
	kc_analysis_selects(m, &f, a.witness_dir ? &w : NULL, NULL);
	ret = KC_EXIT_OK;
	if (a.witness_dir) {
		const char **names = kc_xcalloc(w.len + 1, sizeof(*names));

		for (i = 0; i < w.len && i < f.len; i++)
			names[i] = f.items[i].symbol;
		ret = write_witnesses(a.witness_dir, names,
				      (const char *const *)w.items,
				      w.len < f.len ? w.len : f.len);
		free(names);
	}
	if (ret == KC_EXIT_OK)
		ret = finish(&a, &f, "Kconfig");
	for (i = 0; i < w.len; i++)
		free(w.items[i]);
	kc_vec_free(&w);
	kc_findings_free(&f);
	kc_model_free(m);
	release(&a);
	return ret;
}

/* ---- explain ------------------------------------------------------------------ */

static void explain_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check explain [options] SYMBOL=VALUE [CONFIG]\n"
		"\n"
		"Says whether SYMBOL=VALUE (y, m or n) is possible in some valid\n"
		"configuration, together with the bool and tristate values CONFIG sets\n"
		"if given; if not, lists a minimal set of conflicting constraints\n"
		"(dropping any one of them would make it possible).\n"
		"\n"
		"options:\n%s%s"
		"  -h, --help          this text\n",
		kc_cli_model_options_help, kc_cli_report_options_help);
}

int cmd_explain(int argc, char **argv)
{
	struct analyze_args a = { 0 };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	struct kc_model *m = NULL;
	const struct kc_symbol *sym;
	const char *query, *eq;
	enum kc_tristate v;
	char *name = NULL;
	int ret = parse(&a, argc, argv, explain_usage, true);

	if (ret <= 0)
		goto out;
	ret = KC_EXIT_USAGE;
	if (a.positional.len < 1 || a.positional.len > 2) {
		kc_cli_usage_error("explain takes SYMBOL=VALUE and at most one .config");
		goto out;
	}
	query = a.positional.items[0];
	eq = strchr(query, '=');
	if (!eq || eq == query || strlen(eq + 1) != 1 ||
	    !strchr("ymn", eq[1])) {
		kc_cli_usage_error("'%s': expected SYMBOL=y, SYMBOL=m or SYMBOL=n", query);
		goto out;
	}
	name = kc_xstrndup(query, (size_t)(eq - query));
	if (!strncmp(name, "CONFIG_", 7))
		memmove(name, name + 7, strlen(name + 7) + 1);
	v = eq[1] == 'y' ? KC_YES : eq[1] == 'm' ? KC_MOD : KC_NO;
	m = kc_cli_load_model(&a.src);
	if (!m)
		goto out;
	sym = kc_model_lookup(m, name);
	if (!sym || !(sym->flags & KC_SYM_DEFINED)) {
		const char *near = kc_model_suggest(m, name);

		kc_cli_usage_error("%s is not a symbol of this Kconfig tree%s%s%s",
				   name, near ? " (did you mean " : "",
				   near ? near : "", near ? "?)" : "");
		goto out;
	}
	if (a.positional.len == 2) {
		cfg = kc_config_read(a.positional.items[1], getenv("CONFIG_"), &d);
		kc_cli_print_diags(&d);
		if (!cfg)
			goto out;
	}
	kc_analysis_explain(m, sym, v, cfg, &f, NULL);
	ret = finish(&a, &f, cfg ? cfg->path : "Kconfig");
out:
	if (ret == 0 && !m && a.positional.len == 0)
		ret = KC_EXIT_OK;
	kc_findings_free(&f);
	kc_diags_free(&d);
	kc_config_free(cfg);
	kc_model_free(m);
	free(name);
	release(&a);
	return ret < 0 ? KC_EXIT_USAGE : ret;
}

/* ---- prove -------------------------------------------------------------------- */

static void prove_usage(FILE *out)
{
	fprintf(out,
		"usage: vfio-kconfig-check prove [options]\n"
		"\n"
		"Proves each policy rule against Kconfig itself: it holds in every valid\n"
		"configuration, or here is a valid configuration that breaks it (close to\n"
		"the defaults).  A kconfig-scope rule that can be broken is an error\n"
		"(\"Kconfig allows ...\"); a config-scope one a note.\n"
		"\n"
		"options:\n%s%s%s"
		"  --witness-dir DIR   write each witness as a full .config into DIR\n"
		"  -h, --help          this text\n",
		kc_cli_model_options_help, kc_cli_policy_options_help,
		kc_cli_report_options_help);
}

int cmd_prove(int argc, char **argv)
{
	struct analyze_args a = { .policy_options = true };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_policy *policy = NULL;
	struct kc_vec w = KC_VEC_INIT;
	struct kc_model *m = NULL;
	struct kc_buf out = KC_BUF_INIT;
	size_t i;
	int ret = parse(&a, argc, argv, prove_usage, false);

	if (ret <= 0) {
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
		goto out;
	}
	ret = KC_EXIT_USAGE;
	m = kc_cli_load_model(&a.src);
	if (!m)
		goto out;
	policy = kc_cli_policy_load(&a.policy, &a.src, m);
	if (!policy)
		goto out;
	if (a.policy.list_rules) {
		kc_policy_list_rules(policy, &out);
		fputs(kc_buf_str(&out), stdout);
		ret = KC_EXIT_OK;
		goto out;
	}
	kc_analysis_prove(m, kc_policy_rules(policy), &f,
			  a.witness_dir ? &w : NULL, NULL);
	ret = KC_EXIT_OK;
	if (a.witness_dir) {
		const char **names = kc_xcalloc(w.len / 2 + 1, sizeof(*names));
		const char **texts = kc_xcalloc(w.len / 2 + 1, sizeof(*texts));

		for (i = 0; i + 1 < w.len; i += 2) {
			names[i / 2] = w.items[i];
			texts[i / 2] = w.items[i + 1];
		}
		ret = write_witnesses(a.witness_dir, names, texts, w.len / 2);
		free(names);
		free(texts);
	}
	if (ret == KC_EXIT_OK)
		ret = finish(&a, &f, "Kconfig");
out:
	for (i = 0; i < w.len; i++)
		free(w.items[i]);
	kc_vec_free(&w);
	kc_findings_free(&f);
	kc_buf_free(&out);
	kc_policy_free(policy);
	kc_model_free(m);
	release(&a);
	return ret;
}
