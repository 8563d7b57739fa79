/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * perturb.c - test tool for the kernel differential tests: reads a .config
 * on stdin and writes a damaged copy on stdout, deterministically from SEED:
 *
 *   perturb SEED < in.config > out.config
 *
 * On a few percent of the lines each, it
 *   - flips a value (y -> n|m, m -> y|n, "is not set" -> y|m, another
 *     number, another string, a string or number set "is not set");
 *   - drops the line;
 *   - corrupts the value with one the kernel rejects or reads by its first
 *     character only ("garbage", "", "0xZZ", "\"unterminated", "-",
 *     "99999999999999999999", "yes", "mod", "Y", ...);
 *   - assigns the symbol again, differently, some lines later (the kernel
 *     keeps the last valid assignment);
 *   - inserts an assignment to a symbol no Kconfig defines;
 *   - inserts a malformed line (no '=', leading blank, "#CONFIG_", trailing
 *     blank after "is not set", "CONFIG_=y", stray text);
 *   - ends the line with CRLF;
 * and for one seed in four it drops the final newline (a CRLF last line
 * keeps its '\r').  The rate per
 * operation (0.2 %, 1 % or 3 %) is also chosen by the seed, so a series of
 * seeds gives light and heavy damage.  The generator is its own xorshift64*
 * seeded through splitmix64: the same SEED gives the same bytes everywhere.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct prng {
	uint64_t s;
};

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t prng_next(struct prng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

/* prng_below: a number in [0, n), n > 0; the bias is irrelevant here. */
static unsigned prng_below(struct prng *r, unsigned n)
{
	return (unsigned)((prng_next(r) >> 33) % n);
}

static const char *pick(struct prng *r, const char *const *v, size_t n)
{
	return v[prng_below(r, (unsigned)n)];
}

#define PICK(r, v) pick((r), (v), sizeof(v) / sizeof((v)[0]))

/* A .config line, split: NAME and VALUE point into the line buffer. */
enum line_kind { LINE_OTHER, LINE_ASSIGN, LINE_UNSET };

struct line {
	enum line_kind kind;
	char *name;
	char *value; /* LINE_ASSIGN only */
};

static struct line classify(char *s)
{
	static const char unset_tail[] = " is not set";
	struct line l = { LINE_OTHER, NULL, NULL };
	char *eq, *sp;

	if (!strncmp(s, "CONFIG_", 7) && (eq = strchr(s + 7, '=')) && eq > s + 7) {
		*eq = '\0';
		l.kind = LINE_ASSIGN;
		l.name = s + 7;
		l.value = eq + 1;
	} else if (!strncmp(s, "# CONFIG_", 9) && (sp = strchr(s + 9, ' ')) &&
		   sp > s + 9 && !strcmp(sp, unset_tail)) {
		*sp = '\0';
		l.kind = LINE_UNSET;
		l.name = s + 9;
	}
	return l;
}

static int is_tristate_value(const char *v)
{
	return (v[0] == 'y' || v[0] == 'm' || v[0] == 'n') && !v[1];
}

/*
 * flipped: another valid-looking value for NAME, by the shape of its
 * current value; NULL value means "is not set".  Returns NULL for "write
 * it as is not set".
 */
static const char *flipped(struct prng *r, const char *value, char *buf,
			   size_t size)
{
	static const char *const numbers[] = { "0", "1", "-1", "2", "7", "64",
					       "4096", "65536", "2147483647" };
	static const char *const hexes[] = { "0x0", "0x1", "0xff", "0x1000",
					     "0xffffffff", "0X10", "10" };
	static const char *const strings[] = { "\"\"", "\"kc-perturb\"",
					       "\"a \\\"quoted\\\" one\"",
					       "\"back\\\\slash\"" };

	if (!value)
		return prng_below(r, 2) ? "y" : "m";
	if (is_tristate_value(value)) {
		switch (value[0]) {
		case 'y':
			return prng_below(r, 2) ? "n" : "m";
		case 'm':
			return prng_below(r, 2) ? "y" : "n";
		default:
			return prng_below(r, 2) ? "y" : "m";
		}
	}
	if (prng_below(r, 8) == 0)
		return NULL;
	if (value[0] == '"')
		return PICK(r, strings);
	if (value[0] == '0' && (value[1] == 'x' || value[1] == 'X'))
		return PICK(r, hexes);
	if (prng_below(r, 2)) {
		/* near the current number: crosses range bounds often */
		long long v = strtoll(value, NULL, 10);

		if (v > -1000000000LL && v < 1000000000LL) {
			snprintf(buf, size, "%lld",
				 v + (long long)prng_below(r, 5) - 2);
			return buf;
		}
	}
	return PICK(r, numbers);
}

static const char *corrupted(struct prng *r)
{
	static const char *const bad[] = {
		"garbage", "", "0xZZ", "\"unterminated", "-",
		"99999999999999999999", "-99999999999999999999", "0x", "00",
		"Y", "M", "N", "yes", "no", "mod", "maybe", "y # comment",
		"\"s\" trailing", "12abc", " y", "\"a\\", "0x10g", "--1",
	};

	return PICK(r, bad);
}

static void put_line(FILE *out, const char *text, int crlf)
{
	fputs(text, out);
	fputs(crlf ? "\r\n" : "\n", out);
}

static void put_assign(FILE *out, const char *name, const char *value,
		       int crlf)
{
	if (value)
		fprintf(out, "CONFIG_%s=%s%s", name, value, crlf ? "\r\n" : "\n");
	else
		fprintf(out, "# CONFIG_%s is not set%s", name,
			crlf ? "\r\n" : "\n");
}

static void put_malformed(struct prng *r, FILE *out, const char *name)
{
	const char *n = name ? name : "KC_PERTURB_NONAME";

	switch (prng_below(r, 7)) {
	case 0:
		fprintf(out, "CONFIG_%s\n", n);
		break;
	case 1:
		fprintf(out, " CONFIG_%s=y\n", n);
		break;
	case 2:
		fprintf(out, "#CONFIG_%s is not set\n", n);
		break;
	case 3:
		fprintf(out, "# CONFIG_%s is not set \n", n);
		break;
	case 4:
		fputs("CONFIG_=y\n", out);
		break;
	case 5:
		fputs("this is not a config line\n", out);
		break;
	default:
		fprintf(out, "config_%s=y\n", n);
		break;
	}
}

/* Duplicates wait a few lines before they are written. */
#define MAX_PENDING 64

struct pending {
	char *text;
	unsigned wait;
};

static void flush_pending(FILE *out, struct pending *p, size_t *n, int all)
{
	size_t i = 0;

	while (i < *n) {
		if (all || p[i].wait == 0) {
			put_line(out, p[i].text, 0);
			free(p[i].text);
			p[i] = p[--*n];
		} else {
			p[i++].wait--;
		}
	}
}

/*
 * perturb: the damaged copy of IN into OUT; *DROP_FINAL_NEWLINE says
 * whether the caller should take the last '\n' off.
 */
static int perturb(uint64_t seed, FILE *in, FILE *out, int *drop_final_newline)
{
	static const unsigned rates[] = { 2, 10, 30 }; /* per mille */
	struct pending pending[MAX_PENDING];
	size_t npending = 0, cap = 0;
	struct prng r = { splitmix64(seed) | 1 };
	char *buf = NULL, numbuf[32];
	unsigned rate, unknown = 0;
	ssize_t len;

	rate = rates[prng_below(&r, 3)];
	*drop_final_newline = prng_below(&r, 4) == 0;
	while ((len = getline(&buf, &cap, in)) != -1) {
		struct line l;
		unsigned op = prng_below(&r, 1000);
		int crlf = prng_below(&r, 1000) < rate;

		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		flush_pending(out, pending, &npending, 0);
		/* insertions before the line */
		if (prng_below(&r, 1000) < rate)
			fprintf(out, "CONFIG_KC_PERTURB_UNKNOWN_%u=%s\n", unknown++,
				prng_below(&r, 2) ? "y" : "\"x\"");
		l = classify(buf);
		if (prng_below(&r, 1000) < rate)
			put_malformed(&r, out, l.name);
		if (l.kind == LINE_OTHER) {
			put_line(out, buf, crlf);
			continue;
		}
		if (op < rate) { /* flip */
			put_assign(out, l.name,
				   flipped(&r, l.kind == LINE_ASSIGN ? l.value : NULL,
					   numbuf, sizeof(numbuf)),
				   crlf);
		} else if (op < 2 * rate) { /* drop */
			continue;
		} else if (op < 3 * rate) { /* corrupt */
			put_assign(out, l.name, corrupted(&r), crlf);
		} else {
			put_assign(out, l.name,
				   l.kind == LINE_ASSIGN ? l.value : NULL, crlf);
			if (op < 4 * rate && npending < MAX_PENDING) {
				/* assigned again, differently, later on */
				const char *v = prng_below(&r, 4)
					? flipped(&r, l.kind == LINE_ASSIGN ? l.value : NULL,
						  numbuf, sizeof(numbuf))
					: corrupted(&r);
				size_t n = strlen(l.name) + (v ? strlen(v) : 0) + 32;
				char *text = malloc(n);

				if (!text)
					goto oom;
				if (v)
					snprintf(text, n, "CONFIG_%s=%s", l.name, v);
				else
					snprintf(text, n, "# CONFIG_%s is not set", l.name);
				pending[npending].text = text;
				pending[npending++].wait = prng_below(&r, 50);
			}
		}
	}
	flush_pending(out, pending, &npending, 1);
	free(buf);
	if (ferror(in)) {
		fprintf(stderr, "perturb: read error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
oom:
	fprintf(stderr, "perturb: out of memory\n");
	free(buf);
	return 1;
}

int main(int argc, char **argv)
{
	char *end;
	uint64_t seed;
	char *data = NULL;
	size_t size = 0;
	FILE *mem;
	int ret, drop_final_newline = 0;

	if (argc != 2 || !argv[1][0]) {
		fprintf(stderr, "usage: perturb SEED < in.config > out.config\n");
		return 2;
	}
	errno = 0;
	seed = strtoull(argv[1], &end, 0);
	if (errno || *end) {
		fprintf(stderr, "perturb: SEED must be a number, got '%s'\n",
			argv[1]);
		return 2;
	}
	/* Written to memory first, so the final newline can be taken off. */
	mem = open_memstream(&data, &size);
	if (!mem) {
		fprintf(stderr, "perturb: %s\n", strerror(errno));
		return 1;
	}
	ret = perturb(seed, stdin, mem, &drop_final_newline);
	if (fclose(mem) != 0 || ret) {
		free(data);
		return 1;
	}
	/* A CRLF last line keeps its '\r': the kernel then reads it as part
	 * of the value (it strips '\r' only before '\n'). */
	if (drop_final_newline && size > 0 && data[size - 1] == '\n')
		size--;
	ret = fwrite(data, 1, size, stdout) == size && fflush(stdout) == 0 ? 0 : 1;
	if (ret)
		fprintf(stderr, "perturb: write error: %s\n", strerror(errno));
	free(data);
	return ret;
}
