/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - what the subcommands of vfio-kconfig-check share: the dispatch
 * table's entry type, loading a model from the command line's options, and
 * printing diagnostics.  The library never prints; this layer does.
 */
#ifndef KC_CLI_H
#define KC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "kc_base.h"
#include "kc_frontend.h"
#include "kc_model.h"
#include "kc_report.h"
#include "kc_rules.h"

enum {
	KC_EXIT_OK = 0,
	KC_EXIT_FINDINGS = 1,
	KC_EXIT_USAGE = 2,	/* bad usage or unreadable input */
};

struct kc_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

/* Where the model comes from, as the options chose it. */
struct kc_model_source {
	const char *kconfig_dir;	/* --kconfig DIR */
	const char *srctree;		/* --srctree DIR */
	const char *arch;		/* --arch ARCH */
	const char *model;		/* --model NAME (embedded) */
	bool shell;			/* --shell */
	struct kc_vec env;		/* --env NAME=VALUE, as given */
	bool info_to_stderr;		/* stdout carries the command's output */
	size_t warnings;		/* set by kc_cli_load_model */
};

/*
 * Consumes one model option at argv[*i] (advancing *i past its value).
 * Returns 1 when it was one, 0 when it was not, -1 on a usage error
 * (already printed).
 */
int kc_cli_model_option(struct kc_model_source *src, int argc, char **argv,
			int *i);
/* "-o FILE" or "--output FILE": 1 when it was one, 0 if not, -1 on error. */
int kc_cli_output_option(const char **output, int argc, char **argv, int *i);
/* Parses the model; prints diagnostics; NULL on error. */
struct kc_model *kc_cli_load_model(struct kc_model_source *src);
void kc_cli_model_source_release(struct kc_model_source *src);
/* Help text for the model options, for each command's --help. */
extern const char kc_cli_model_options_help[];

void kc_cli_print_diags(const struct kc_diags *d);
/* "vfio-kconfig-check: message" on stderr; returns KC_EXIT_USAGE. */
int kc_cli_usage_error(const char *fmt, ...) KC_PRINTF(1, 2);
/* The SRCARCH the kernel Makefile derives from ARCH. */
const char *kc_cli_srcarch(const char *arch);

/* The report options of the analysis commands, and writing the report. */
struct kc_cli_report {
	const char *output;
	enum kc_format format;
	int fail_on;		/* lowest failing severity; 3 = never */
};

extern const char kc_cli_report_options_help[];
void kc_cli_report_init(struct kc_cli_report *r);
/* Like kc_cli_model_option, for --format, -o, --fail-on, --exit-zero. */
int kc_cli_report_option(struct kc_cli_report *r, int argc, char **argv,
			 int *i);
/* Renders and writes the report; returns the exit code. */
int kc_cli_report_write(const struct kc_cli_report *r,
			const struct kc_model_source *src,
			const struct kc_report_config *configs, size_t n);

/* The policy options of check and prove. */
struct kc_cli_policy {
	struct kc_vec rules, only, skip;
	const char *waivers, *baseline, *today;
	bool no_default_rules, list_rules;
};

extern const char kc_cli_policy_options_help[];
extern const char kc_cli_policy_check_help[];	/* waivers, baseline */
int kc_cli_policy_option(struct kc_cli_policy *p, int argc, char **argv,
			 int *i);
/* Loads and binds the policy into m; prints diagnostics; NULL on error. */
struct kc_policy *kc_cli_policy_load(const struct kc_cli_policy *p,
				     const struct kc_model_source *src,
				     struct kc_model *m);
void kc_cli_policy_release(struct kc_cli_policy *p);

int cmd_dump(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_dead(int argc, char **argv);
int cmd_selects(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_prove(int argc, char **argv);

#endif /* KC_CLI_H */
