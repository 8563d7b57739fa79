/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main.c - argument dispatch for vfio-kconfig-check: one table of
 * subcommands, each in its own cmd_*.c file.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct kc_command commands[] = {
	{ "check", cmd_check, "check .config files against Kconfig (the default)" },
	{ "parse", cmd_parse, "parse Kconfig and report its errors and warnings" },
	{ "resolve", cmd_resolve, "resolve a .config as make olddefconfig does" },
	{ "dump", cmd_dump, "print the parsed Kconfig model as JSON" },
	{ "prove", cmd_prove, "prove policy rules against Kconfig itself (SAT)" },
	{ "explain", cmd_explain, "why SYMBOL=VALUE is impossible (SAT)" },
	{ "dead", cmd_dead, "symbols no valid configuration enables or disables (SAT)" },
	{ "selects", cmd_selects, "selects that can break their target's dependencies (SAT)" },
	{ "export", cmd_export, "write the model's CNF (--dimacs)" },
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
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "\nRun 'vfio-kconfig-check <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	size_t i;

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
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	/* No command named: the arguments are check's. */
	return cmd_check(argc, argv);
}
