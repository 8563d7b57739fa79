/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - what the subcommands of vfio-kconfig-check share: the tables that
 * declare each command and its options (one parser reads them all, and the
 * --help texts and the bash completion are generated from them), loading a
 * model from the options, and printing diagnostics.  The library never
 * prints; this layer does.
 */
#ifndef KC_CLI_H
#define KC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kc_base.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_frontend.h"
#include "kc_kbuild.h"
#include "kc_model.h"
#include "kc_report.h"
#include "kc_rules.h"

enum {
	KC_EXIT_OK = 0,
	KC_EXIT_FINDINGS = 1,
	KC_EXIT_USAGE = 2,	/* bad usage or unreadable input */
};

/* ---- option tables ------------------------------------------------------------ */

enum kc_opt_kind {
	KC_OPT_FLAG,	/* --name: sets a bool */
	KC_OPT_STRING,	/* --name VALUE: a const char *, the last one wins */
	KC_OPT_LIST,	/* --name VALUE, repeatable: a struct kc_vec of them */
	KC_OPT_ENUM,	/* --name VALUE, one of 'values': a const char * */
	KC_OPT_ALIAS,	/* --name: stores values[0], as --exit-zero does */
};

/* Which part of struct kc_cli_args an option is stored in. */
enum kc_opt_store {
	KC_STORE_OWN,		/* the command's own struct (own_size) */
	KC_STORE_MODEL,		/* struct kc_model_source */
	KC_STORE_POLICY,	/* struct kc_cli_policy */
	KC_STORE_REPORT,	/* struct kc_cli_report */
};

/* What the bash completion offers as an option's value. */
enum kc_opt_complete {
	KC_COMPLETE_NONE,
	KC_COMPLETE_FILE,
	KC_COMPLETE_DIR,
	KC_COMPLETE_ARCH,	/* the srctree's arch/ folders and aliases */
	KC_COMPLETE_MODEL,	/* the embedded models */
};

struct kc_option {
	const char *name;		/* long name, without "--" */
	char short_name;		/* 0 when there is none */
	enum kc_opt_kind kind;
	const char *value_name;		/* "FILE", for help; NULL for flags */
	const char *help;		/* '\n' starts a new line of help */
	const char *const *values;	/* KC_OPT_ENUM, KC_OPT_ALIAS */
	enum kc_opt_store store;
	size_t offset;			/* offsetof() in the store */
	enum kc_opt_complete complete;
};

/* Table rows for a command's own options, stored in its struct 'type'. */
#define KC_OWN_FLAG(name, short_name, help, type, field)                    \
	{ name, short_name, KC_OPT_FLAG, NULL, help, NULL, KC_STORE_OWN,     \
	  offsetof(type, field), KC_COMPLETE_NONE }
#define KC_OWN_STRING(name, value_name, help, type, field, complete)        \
	{ name, 0, KC_OPT_STRING, value_name, help, NULL, KC_STORE_OWN,      \
	  offsetof(type, field), complete }
#define KC_OWN_LIST(name, value_name, help, type, field, complete)          \
	{ name, 0, KC_OPT_LIST, value_name, help, NULL, KC_STORE_OWN,        \
	  offsetof(type, field), complete }
#define KC_OWN_ENUM(name, value_name, help, values, type, field)            \
	{ name, 0, KC_OPT_ENUM, value_name, help, values, KC_STORE_OWN,      \
	  offsetof(type, field), KC_COMPLETE_NONE }

/* Option groups several commands share, a bit each. */
enum {
	KC_GROUP_MODEL = 1 << 0,	/* --model, --kconfig, --srctree, ... */
	KC_GROUP_POLICY = 1 << 1,	/* --rules, --only, --skip, ... */
	KC_GROUP_WAIVERS = 1 << 2,	/* --waivers, --baseline, --today */
	KC_GROUP_OUTPUT = 1 << 3,	/* -o, --output */
	KC_GROUP_REPORT = 1 << 4,	/* --format, --fail-on, --exit-zero */
	KC_GROUP_COMMON = 1 << 5,	/* every command: --quiet, --color */
};

struct kc_option_group {
	unsigned bit;
	const char *title;		/* "model options" */
	const struct kc_option *options;	/* ended by a zeroed entry */
};

/* The options of each group, in cli_model.c, cli_policy.c, cli_report.c. */
extern const struct kc_option kc_cli_model_options[];
extern const struct kc_option kc_cli_policy_options[];
extern const struct kc_option kc_cli_waiver_options[];
extern const struct kc_option kc_cli_output_options[];
extern const struct kc_option kc_cli_report_options[];
extern const struct kc_option kc_cli_common_options[];
/* The shared groups, in the order --help lists them; a zeroed entry ends it. */
extern const struct kc_option_group kc_cli_groups[];

/* ---- commands ------------------------------------------------------------------- */

/* Where the model comes from, as the options chose it. */
struct kc_model_source {
	const char *kconfig_dir;	/* --kconfig DIR */
	const char *srctree;		/* --srctree DIR */
	const char *arch;		/* --arch ARCH */
	const char *model;		/* --model NAME (embedded) */
	const char *kernel_version;	/* --kernel-version X.Y */
	bool shell;			/* --shell */
	struct kc_vec env;		/* --env NAME=VALUE, as given */
	const char *max_file_size;	/* --max-file-size SIZE, as given */
	size_t max_size;		/* its bytes, 0 for the default caps */
	bool info_to_stderr;		/* stdout carries the command's output */
	/*
	 * A provider to read the srctree or kconfig folder through instead
	 * of the disk (a git revision, cmd_diff.c), and the folder it reads.
	 */
	struct kc_fs *fs;
	const char *fs_root;
	size_t warnings;		/* set by kc_cli_load_model */
	/*
	 * What every command prints besides its answer: --quiet leaves out
	 * summary lines and what is not an error on standard error; --color
	 * (NULL: "auto") says where diagnostics and the text report are
	 * coloured (kc_cli_color).
	 */
	bool quiet;
	const char *color;
	bool diags_are_answer;		/* parse: --quiet keeps warnings */
	/* The folder is an argument (diff's OLD, NEW), not --srctree. */
	bool tree_is_argument;
};

/* The policy options of check and prove. */
struct kc_cli_policy {
	struct kc_vec rules, only, skip;
	const char *waivers, *baseline, *today;
	bool no_default_rules, list_rules;
};

/* The report options of the analysis commands. */
struct kc_cli_report {
	const char *output;	/* "-" for standard output */
	const char *format;	/* as given; NULL for text */
	const char *fail_on;	/* as given; NULL for error */
};

struct kc_command;

/* Everything the command line said, as the parser stored it. */
struct kc_cli_args {
	const struct kc_command *cmd;
	struct kc_model_source src;
	struct kc_cli_policy policy;
	struct kc_cli_report report;
	struct kc_vec positional;	/* the arguments that are not options */
	void *own;			/* the command's own options */
};

struct kc_command {
	const char *name;
	const char *summary;		/* one line, for the command list */
	const char *args;		/* the positional arguments, for usage */
	const char *description;	/* the paragraph of --help */
	unsigned groups;		/* the KC_GROUP_* it takes */
	const struct kc_option *options;	/* its own; NULL or zero-ended */
	size_t own_size;		/* the struct they are stored in */
	int max_args;			/* positional arguments at most; -1: any */
	bool file_args;			/* its arguments are files (completion) */
	const char *epilog;		/* after the options in --help, or NULL */
	int (*run)(struct kc_cli_args *a);
};

/*
 * Parses argv (argv[0] names the command) by cmd's tables and runs it.
 * 'is_default' says the command name may be left out (usage shows it in
 * brackets).  Returns the exit code.
 */
int kc_cli_run(const struct kc_command *cmd, bool is_default, int argc,
	       char **argv);
void kc_cli_command_help(const struct kc_command *cmd, bool is_default,
			 FILE *out);
/* Calls fn for every option cmd takes: the shared groups, then its own. */
void kc_cli_each_option(const struct kc_command *cmd,
			void (*fn)(const struct kc_option *o, void *ctx),
			void *ctx);
/* The bash completion script for these commands (the first is the default). */
void kc_cli_completion_bash(const struct kc_command *const *cmds, size_t n,
			    struct kc_buf *out);

/*
 * Whether what goes to fd (standard output or error) is coloured:
 * --color=always, or with auto (the default) when fd is a terminal,
 * NO_COLOR is unset or empty and TERM is not "dumb".
 */
bool kc_cli_color(const struct kc_model_source *src, int fd);

/* "vfio-kconfig-check: message" on stderr; returns KC_EXIT_USAGE. */
int kc_cli_usage_error(const char *fmt, ...) KC_PRINTF(1, 2);
/* A positive number of 'flag' into *n (untouched without the flag); -1
 * with a usage error for anything else. */
int kc_cli_positive(const char *text, const char *flag, size_t *n);

/* ---- the model ------------------------------------------------------------------- */

/* Parses the model; prints diagnostics; NULL on error. */
struct kc_model *kc_cli_load_model(struct kc_model_source *src);
/*
 * The model a command's options name, as a command with -o loads it:
 * $(info ...) goes to stderr when stdout carries the answer.
 */
struct kc_model *kc_cli_args_model(struct kc_cli_args *a);
/*
 * A provider over root on disk (NULL: paths as given) whose reads are
 * capped by --max-file-size, or by KC_FS_MAX_SIZE without it.
 */
void kc_cli_disk_fs_init(const struct kc_model_source *src,
			 struct kc_disk_fs *dfs, const char *root);
/*
 * Prints d on stderr as a compiler does (coloured as kc_cli_color says);
 * with --quiet, errors only.
 */
void kc_cli_print_diags(const struct kc_model_source *src,
			const struct kc_diags *d);
/* The SRCARCH the kernel Makefile derives from ARCH. */
const char *kc_cli_srcarch(const char *arch);
/*
 * The one of names[0..n) closest to a mistyped word, by edit distance
 * (at most a third of the word, and two); NULL when none is that close.
 */
const char *kc_cli_nearest(const char *word, const char *const *names,
			   size_t n);
/*
 * The symbol prefix of .config lines: --env CONFIG_=..., else (with
 * --shell only) the environment's CONFIG_, else NULL for "CONFIG_".
 */
const char *kc_cli_config_prefix(const struct kc_model_source *src);
/* Reads a .config ("-": standard input) with that prefix. */
struct kc_config *kc_cli_read_config(const struct kc_model_source *src,
				     const char *path, struct kc_diags *d);
/* The same, keeping only the names 'keep' may hold (kc_config_read_fs_keep). */
struct kc_config *kc_cli_read_config_keep(const struct kc_model_source *src,
					  const char *path,
					  const struct kc_config_keep *keep,
					  struct kc_diags *d);

/*
 * The model, and the .config the first argument names (NULL without one),
 * as resolve and modules begin.  0, or -1 on an error (printed).
 */
int kc_cli_load_model_config(struct kc_cli_args *a, struct kc_model **m,
			     struct kc_config **cfg);

/* ---- a git revision as a file provider (cli_git.c) ------------------------ */

/*
 * The files of a folder inside a git work tree as git has them at a
 * revision (or in the index: 'rev' NULL), read from git's objects through
 * one `git cat-file --batch`, never checked out.  The library reads
 * through providers only; running git is the tool's business.
 */
struct kc_git_fs {
	struct kc_fs fs;
	char *tree;		/* the folder, as given */
	char *rev;		/* NULL: the index */
	char *prefix;		/* the folder inside the repository, "" or "a/b/" */
	int pid;
	FILE *to, *from;	/* cat-file's input and output */
	/* Every folder's entries, from one listing of the whole folder. */
	struct kc_map *listing;	/* folder ("" the top) -> struct kc_vec * */
	struct kc_vec listing_vecs;	/* to free */
	char *listing_text;	/* the names point into it */
	bool listed;
	char why[200];
};

/* 0, or -1 after printing why (no git, no such revision). */
int kc_cli_git_fs_init(struct kc_git_fs *g, const char *tree,
		       const char *rev);
void kc_cli_git_fs_release(struct kc_git_fs *g);
/*
 * The paths (relative to the folder, malloc'd) of the files that differ
 * between two revisions of the same folder, or a revision and the index
 * (git diff --name-only); 0, or -1 when git fails.
 */
int kc_cli_git_changed(const struct kc_git_fs *old,
		       const struct kc_git_fs *new, struct kc_vec *paths);

/* ---- Kbuild (cli_kbuild.c) ------------------------------------------------- */

struct kc_eval;

/*
 * CONFIG_ name -> value of every symbol ev writes, as auto.conf holds
 * them (n left out, strings quoted); strings in arena 'a'.
 */
struct kc_map *kc_cli_auto_conf(struct kc_eval *ev, const struct kc_model *m,
				struct kc_arena *a);
/* The config() callback of struct kc_kbuild_options over such a map. */
const char *kc_cli_auto_conf_value(void *ctx, const char *name);

/*
 * The tree a model came from, open for the Kbuild reader: the embedded
 * model's files, a folder or kernel tree on disk (reads capped by
 * --max-file-size), or the provider src->fs (a git revision).
 */
struct kc_cli_tree {
	struct kc_embedded_fs efs;
	struct kc_disk_fs dfs;
	bool on_disk;
};

/* Opens it and sets kopt's fs, arch, srcarch, run_shell and shell_dir. */
void kc_cli_tree_open(const struct kc_model_source *src,
		      struct kc_cli_tree *t, struct kc_kbuild_options *kopt);
void kc_cli_tree_close(struct kc_cli_tree *t);

/*
 * Walks the Kbuild of the tree 'src' names (the embedded model's, a
 * folder, a kernel tree, a git revision) with the values cfg resolves to
 * on m (cfg NULL: the defaults).  Errors go to d; NULL when the top
 * Makefile cannot be read.
 */
struct kc_kbuild_result *kc_cli_walk(const struct kc_model_source *src,
				     const struct kc_model *m,
				     const struct kc_config *cfg,
				     struct kc_diags *d);

/* ---- policy and report -------------------------------------------------------- */

/* Loads and binds the policy into m; prints diagnostics; NULL on error. */
struct kc_policy *kc_cli_policy_load(const struct kc_cli_policy *p,
				     const struct kc_model_source *src,
				     struct kc_model *m);
/*
 * Loads the model and binds the policy into it, as check and prove begin.
 * Returns 1 to go on, 0 when --list-rules has listed the rules, -1 on an
 * error (printed).
 */
int kc_cli_policy_start(struct kc_cli_args *a, struct kc_model **m,
			struct kc_policy **policy);
/* Drops the findings --only and --skip leave out (prove's own). */
void kc_cli_policy_select(const struct kc_cli_policy *p,
			  struct kc_findings *f);
bool kc_cli_policy_selects(const struct kc_cli_policy *p, const char *id);

/* Renders and writes the report; returns the exit code. */
int kc_cli_report_write(const struct kc_cli_report *r,
			const struct kc_model_source *src,
			const struct kc_report_config *configs, size_t n);
/* Sorts the findings about one input ('what') and writes the report. */
int kc_cli_report_findings(const struct kc_cli_args *a, const char *what,
			   struct kc_findings *f);
/* Writes texts[i] to DIR/names[i]-(i+1).config; returns the exit code. */
int kc_cli_write_witnesses(const char *dir, const char *const *names,
			   const char *const *texts, size_t n);
/* Writes text to path ("-": stdout) atomically; returns the exit code. */
int kc_cli_write_output(const char *path, const struct kc_buf *text);

/* ---- the commands, each in its cmd_*.c --------------------------------------- */

extern const struct kc_command kc_cmd_check;
extern const struct kc_command kc_cmd_parse;
extern const struct kc_command kc_cmd_resolve;
extern const struct kc_command kc_cmd_dump;
extern const struct kc_command kc_cmd_prove;
extern const struct kc_command kc_cmd_explain;
extern const struct kc_command kc_cmd_dead;
extern const struct kc_command kc_cmd_selects;
extern const struct kc_command kc_cmd_export;
extern const struct kc_command kc_cmd_count;
extern const struct kc_command kc_cmd_modules;
extern const struct kc_command kc_cmd_diff;
extern const struct kc_command kc_cmd_fix;
extern const struct kc_command kc_cmd_builds;
extern const struct kc_command kc_cmd_presence;
extern const struct kc_command kc_cmd_kbuild;

/* ---- what builds, presence and modules --presence share (cmd_builds.c) ---- */

struct kc_builds;
struct kc_builds_options;
struct kc_json;
/*
 * Every build of the tree the model came from, in the folders 'under'
 * (or all), as 'o' asks (its kbuild, under and n_under are set here);
 * NULL on an error (printed).
 */
struct kc_builds *kc_cli_builds(struct kc_cli_args *a,
				const struct kc_model *m,
				const struct kc_vec *under,
				struct kc_builds_options *o);
/* "presence": [{"name", "kind", "y", "m"}] (docs/modules-schema.md) */
void kc_cli_json_presence(struct kc_json *j, const struct kc_builds *b);

#endif /* KC_CLI_H */
