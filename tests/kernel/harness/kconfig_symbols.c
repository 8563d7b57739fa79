// SPDX-License-Identifier: GPL-2.0-only
/*
 * kconfig-symbols: the oracle for tests/kernel/test_symbols_match.sh.
 *
 * Our code, but not part of the product: tests/kernel/setup.sh compiles it
 * at test time against the kernel's own scripts/kconfig objects, taken from
 * Debian's linux-source-6.12 package (bin/kconfig-symbols) and from
 * linux-source-6.1 (bin/kconfig-symbols-6.1, for the 6.1 tree, which has
 * tristate choices 6.12's parser refuses); nothing of the kernel is in this
 * repository.  It parses a Kconfig tree with the kernel's parser and prints
 * one line per named symbol:
 *
 *	NAME TYPE DEFINED
 *
 * TYPE is bool, tristate, int, hex, string or unknown; DEFINED is 1 when the
 * symbol has at least one config/menuconfig entry, 0 when it is only
 * referenced.  Choices (nameless) and quoted constants ("x86") are left
 * out.  Unquoted numbers (default 0x1000, range -17 17) are looked up like
 * symbol names by the kernel's parser and are printed as it has them, as
 * undefined symbols of type unknown.  The order is the kernel's hash order.
 *
 * Usage: kconfig-symbols KCONFIG [OUTFILE]
 * $(info,...) from the tree goes to stdout, so OUTFILE keeps them apart.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lkc.h"
#include "internal.h"

/* 6.12 keeps the symbols in a hash table; 6.1 in an array of chains. */
#ifdef HASHTABLE_DECLARE
#define KC_KCONFIG_61 0
#else
#define KC_KCONFIG_61 1
#endif

static const char *type_name(enum symbol_type type)
{
	switch (type) {
	case S_BOOLEAN:
		return "bool";
	case S_TRISTATE:
		return "tristate";
	case S_INT:
		return "int";
	case S_HEX:
		return "hex";
	case S_STRING:
		return "string";
	default:
		return "unknown";
	}
}

#if KC_KCONFIG_61
/* Defined: a config or menuconfig entry gave it a P_SYMBOL property. */
static int is_defined(struct symbol *sym)
{
	struct property *prop;

	for_all_properties(sym, prop, P_SYMBOL)
		return 1;
	return 0;
}
#else
static int is_defined(struct symbol *sym)
{
	return !list_empty(&sym->menus);
}
#endif

static void print_symbol(FILE *out, struct symbol *sym)
{
	if (!sym->name || (sym->flags & SYMBOL_CONST))
		return;
	fprintf(out, "%s %s %d\n", sym->name, type_name(sym->type),
		is_defined(sym));
}

static int print_symbols(FILE *out)
{
	struct symbol *sym;
#if KC_KCONFIG_61
	int i;

	for_all_symbols(i, sym)
		print_symbol(out, sym);
#else
	for_all_symbols(sym)
		print_symbol(out, sym);
#endif
	return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	FILE *out = stdout;
	int ret;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s KCONFIG [OUTFILE]\n", argv[0]);
		return 2;
	}
	conf_parse(argv[1]); /* exits on a parse error */
	fflush(stdout);
	if (argc == 3) {
		out = fopen(argv[2], "w");
		if (!out) {
			perror(argv[2]);
			return 1;
		}
	}
	ret = print_symbols(out);
	if (fclose(out) != 0 || ret != 0) {
		perror(argc == 3 ? argv[2] : "stdout");
		return 1;
	}
	return 0;
}
