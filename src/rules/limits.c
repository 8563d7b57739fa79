/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * limits.c - what limits a rule to some models: the architecture names a
 * rule may give (the kernel Makefile's ARCH values and the SRCARCH
 * folders) and kernel version ranges (">=6.2, <6.9").
 *
 * A bound compares as many parts of the model's version as it gives
 * itself, so "<=6.11" takes 6.11.5 and "<6.9" does not take 6.9.1.
 */
#include <string.h>

#include "rules_internal.h"

/* ARCH values the kernel's Makefile accepts, and the SRCARCH folders. */
static const char *const arch_names[] = {
	"alpha", "arc", "arm", "arm64", "csky", "hexagon", "i386",
	"loongarch", "m68k", "microblaze", "mips", "nios2", "openrisc",
	"parisc", "parisc64", "powerpc", "riscv", "s390", "sh", "sh64",
	"sparc", "sparc32", "sparc64", "um", "x86", "x86_64", "xtensa",
	NULL,
};

bool kc_arch_known(const char *name)
{
	size_t i;

	for (i = 0; arch_names[i]; i++)
		if (!strcmp(arch_names[i], name))
			return true;
	return false;
}

const char *kc_arch_suggest(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3, i;

	for (i = 0; arch_names[i]; i++) {
		size_t d = kc_edit_distance(name, arch_names[i], best_d - 1);

		if (d < best_d) {
			best_d = d;
			best = arch_names[i];
		}
	}
	return best;
}

/* "6", "6.6" or "6.6.30" (only the digits of each part); parts read. */
static int parse_version(const char **s, int v[3])
{
	int n = 0;

	while (n < 3 && **s >= '0' && **s <= '9') {
		long x = 0;

		while (**s >= '0' && **s <= '9') {
			x = x * 10 + (**s - '0');
			if (x > 100000)
				return 0;
			(*s)++;
		}
		v[n++] = (int)x;
		if (**s != '.')
			break;
		(*s)++;
	}
	return n;
}

int kc_version_parse_range(struct kc_arena *a, const char *text,
			   struct version_bound **bounds, size_t *n)
{
	const char *s = text;
	size_t cap = 1, count = 0;
	const char *c;

	for (c = text; *c; c++)
		cap += *c == ',';
	*bounds = kc_arena_alloc(a, cap * sizeof(**bounds));
	for (;;) {
		struct version_bound *b = &(*bounds)[count];

		while (*s == ' ')
			s++;
		if (s[0] == '>' && s[1] == '=') {
			b->op = 'g';
			s += 2;
		} else if (s[0] == '<' && s[1] == '=') {
			b->op = 'l';
			s += 2;
		} else if (s[0] == '=' && s[1] == '=') {
			b->op = '=';
			s += 2;
		} else if (*s == '>' || *s == '<' || *s == '=') {
			b->op = *s++;
		} else {
			b->op = '=';
		}
		while (*s == ' ')
			s++;
		b->n = parse_version(&s, b->v);
		if (!b->n)
			return -1;
		count++;
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (*s++ != ',')
			return -1;
	}
	*n = count;
	return 0;
}

bool kc_version_in_range(const char *version,
			 const struct version_bound *bounds, size_t n)
{
	const char *s = version;
	int v[3] = { 0, 0, 0 };
	size_t i;

	if (!parse_version(&s, v))
		return false;
	for (i = 0; i < n; i++) {
		const struct version_bound *b = &bounds[i];
		int k, cmp = 0;

		/* Compare as many parts as the bound gives: <=6.11 takes 6.11.5. */
		for (k = 0; k < b->n && !cmp; k++)
			cmp = v[k] < b->v[k] ? -1 : v[k] > b->v[k];
		switch (b->op) {
		case '<':
			if (cmp >= 0)
				return false;
			break;
		case 'l':
			if (cmp > 0)
				return false;
			break;
		case '=':
			if (cmp)
				return false;
			break;
		case 'g':
			if (cmp < 0)
				return false;
			break;
		case '>':
			if (cmp <= 0)
				return false;
			break;
		}
	}
	return true;
}
