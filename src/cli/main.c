/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main.c - argument dispatch for vfio-kconfig-check: one table of
 * subcommands, each declared (options, help, run function) in its own
 * cmd_*.c file; options.c parses every command's arguments by its table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The first command is the default: without a command name, argv is its. */
static const struct kc_command *const commands[] = {
	&kc_cmd_check,
	&kc_cmd_parse,
	&kc_cmd_resolve,
	&kc_cmd_dump,
	&kc_cmd_prove,
	&kc_cmd_explain,
	&kc_cmd_dead,
	&kc_cmd_selects,
	&kc_cmd_export,
	&kc_cmd_count,
	&kc_cmd_modules,
	&kc_cmd_builds,
	&kc_cmd_presence,
	&kc_cmd_kbuild,
	&kc_cmd_diff,
	&kc_cmd_fix,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: vfio-kconfig-check [<command>] [options] [CONFIG...]\n"
		"\n"
		"Understands the Linux Kconfig language as the kernel does.\n"
		"Without --kconfig or --srctree it uses the embedded VFIO/IOMMUFD\n"
		"model.\n\ncommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(out, "\nRun 'vfio-kconfig-check <command> --help' for a command's options.\n");
}

static const struct kc_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(name, commands[i]->name))
			return commands[i];
	return NULL;
}

/*
 * A first word that is no file but close to a command name is a mistyped
 * command, not a .config that cannot be read.
 */
static const char *mistyped_command(const char *word)
{
	const char *names[N_COMMANDS];
	struct stat st;
	size_t i;

	if (word[0] == '-' || stat(word, &st) == 0)
		return NULL;
	for (i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i]->name;
	return kc_cli_nearest(word, names, N_COMMANDS);
}

static int dispatch(int argc, char **argv)
{
	const struct kc_command *cmd;
	const char *near;

	if (argc < 2) {
		usage(stderr);
		return KC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return KC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vfio-kconfig-check %s\n", KC_VERSION);
		return KC_EXIT_OK;
	}
	/* Hidden: the build installs its output as the bash completion. */
	if (!strcmp(argv[1], "--completion") && argc == 3 &&
	    !strcmp(argv[2], "bash")) {
		struct kc_buf out = KC_BUF_INIT;
		int ret;

		/* Written at once, so a failed write is reported with its cause. */
		kc_cli_completion_bash(commands, N_COMMANDS, &out);
		ret = kc_cli_write_output("-", &out);
		kc_buf_free(&out);
		return ret;
	}
	cmd = find_command(argv[1]);
	if (cmd)
		return kc_cli_run(cmd, cmd == commands[0], argc - 1, argv + 1);
	near = mistyped_command(argv[1]);
	if (near)
		return kc_cli_usage_error("unknown command '%s'; did you mean '%s'?",
					  argv[1], near);
	/* No command named: the arguments are the default command's. */
	return kc_cli_run(commands[0], true, argc, argv);
}

/*
 * Output that never reached standard output (a full disk, a closed pipe)
 * must not exit 0: flush and close it once, as git does, and say so.
 */
static int close_stdout(int ret)
{
	struct stat st;
	int err;

	/* Started with standard output closed: nothing was meant to go out. */
	if (fstat(fileno(stdout), &st) < 0)
		return ret;
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0)
		return ret;
	err = errno;
	/*
	 * A write that failed before this flush left its error flag but not
	 * its errno: the output is lost already, so one more byte finds why.
	 */
	if (!err && write(fileno(stdout), "\n", 1) < 0)
		err = errno;
	kc_cli_usage_error("write error on standard output: %s",
			   err ? strerror(err) : "unknown error");
	return KC_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	return close_stdout(dispatch(argc, argv));
}
