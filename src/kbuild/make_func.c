/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make_func.c - GNU make's built-in functions ("Functions for Transforming
 * Text" in the GNU make manual): text, file names, conditionals, foreach,
 * call, value, eval, origin, flavor, and the control functions.  $(shell)
 * is not run unless the caller asks; the call is recorded instead, like
 * the compiler probes of scripts/Makefile.compiler.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "make_func.h"

/* One argument of a function call, raw or expanded. */
struct mk_arg {
	const char *s;
	size_t n;
};

struct mk_call {
	struct mk *m;
	struct mk_arg *raw;	/* as written */
	struct kc_buf *val;	/* expanded (functions that take values) */
	int argc;
	const char *name;
};

typedef void mk_func_fn(struct mk_call *c, struct kc_buf *out);

struct mk_func {
	const char *name;
	int min_args;
	int max_args;		/* 0: no limit; the last takes the rest */
	bool lazy;		/* expands its arguments itself */
	mk_func_fn *fn;
};

static const char *arg(const struct mk_call *c, int i)
{
	return i < c->argc ? kc_buf_str(&c->val[i]) : "";
}

static size_t argn(const struct mk_call *c, int i)
{
	return i < c->argc ? c->val[i].len : 0;
}

/* Appends word w, with a space before every word but the first. */
static void add_word(struct kc_buf *out, bool *first, const char *w,
		     size_t n)
{
	if (!*first)
		kc_buf_addc(out, ' ');
	*first = false;
	kc_buf_add(out, w, n);
}

/* [s, s+n) without the whitespace around it. */
static void trim(const char **s, size_t *n)
{
	while (*n && mk_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && mk_space((*s)[*n - 1]))
		(*n)--;
}

static void expand_arg(struct mk_call *c, int i, struct kc_buf *out)
{
	if (i < c->argc)
		mk_expand(c->m, c->raw[i].s, c->raw[i].n, out);
}

/* ---- text ------------------------------------------------------------------------- */

static void fn_subst(struct mk_call *c, struct kc_buf *out)
{
	const char *from = arg(c, 0), *to = arg(c, 1), *t = arg(c, 2), *hit;
	size_t fn = argn(c, 0), tn = argn(c, 1), len = argn(c, 2);
	const char *end = t + len;

	if (!fn) {
		kc_buf_add(out, t, len);
		kc_buf_add(out, to, tn);
		return;
	}
	while ((hit = memmem(t, (size_t)(end - t), from, fn))) {
		kc_buf_add(out, t, (size_t)(hit - t));
		kc_buf_add(out, to, tn);
		t = hit + fn;
	}
	kc_buf_add(out, t, (size_t)(end - t));
}

static void fn_patsubst(struct mk_call *c, struct kc_buf *out)
{
	mk_patsubst(arg(c, 0), argn(c, 0), arg(c, 1), argn(c, 1), arg(c, 2),
		    argn(c, 2), out);
}

static void fn_strip(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n))
		add_word(out, &first, w, n);
}

static void fn_findstring(struct mk_call *c, struct kc_buf *out)
{
	if (memmem(arg(c, 1), argn(c, 1), arg(c, 0), argn(c, 0)))
		kc_buf_add(out, arg(c, 0), argn(c, 0));
}

static bool matches_any(const char *pats, size_t pn, const char *w, size_t wn)
{
	const char *p = pats, *end = pats + pn, *pw;
	size_t n;

	while (mk_next_word(&p, end, &pw, &n))
		if (mk_pattern_match(pw, n, w, wn, NULL, NULL))
			return true;
	return false;
}

static void filter(struct mk_call *c, struct kc_buf *out, bool keep)
{
	const char *p = arg(c, 1), *end = p + argn(c, 1), *w;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n))
		if (matches_any(arg(c, 0), argn(c, 0), w, n) == keep)
			add_word(out, &first, w, n);
}

static void fn_filter(struct mk_call *c, struct kc_buf *out)
{
	filter(c, out, true);
}

static void fn_filter_out(struct mk_call *c, struct kc_buf *out)
{
	filter(c, out, false);
}

struct word {
	const char *s;
	size_t n;
};

static int word_cmp(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int r = memcmp(x->s, y->s, n);

	if (r)
		return r;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* The words of text, in a malloc'd array. */
static struct word *split_words(const char *text, size_t len, size_t *count)
{
	const char *p = text, *end = text + len, *w;
	struct word *words = NULL;
	size_t n, cap = 0;

	*count = 0;
	while (mk_next_word(&p, end, &w, &n)) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			words = kc_xrealloc(words, cap * sizeof(*words));
		}
		words[*count].s = w;
		words[(*count)++].n = n;
	}
	return words;
}

static void fn_sort(struct mk_call *c, struct kc_buf *out)
{
	size_t count, i;
	struct word *w = split_words(arg(c, 0), argn(c, 0), &count);
	bool first = true;

	if (count)
		qsort(w, count, sizeof(*w), word_cmp);
	for (i = 0; i < count; i++)
		if (!i || word_cmp(&w[i - 1], &w[i]))
			add_word(out, &first, w[i].s, w[i].n);
	free(w);
}

/* A positive word index, or 0 with an error as make gives it. */
static long word_index(struct mk_call *c, int i, bool zero_ok)
{
	const char *s = arg(c, i);
	size_t n = argn(c, i);
	long v = 0;

	trim(&s, &n);
	if (!n)
		goto bad;
	for (; n; s++, n--) {
		if (*s < '0' || *s > '9')
			goto bad;
		if (v < 100000000)
			v = v * 10 + (*s - '0');
	}
	if (!v && !zero_ok) {
		mk_error(c->m,
			 "first argument to '%s' function must be greater than 0",
			 c->name);
		return -1;
	}
	return v;
bad:
	mk_error(c->m, "non-numeric %s argument to '%s' function",
		 i ? "second" : "first", c->name);
	return -1;
}

static void words_range(struct mk_call *c, long from, long to, int ti,
			struct kc_buf *out)
{
	const char *p = arg(c, ti), *end = p + argn(c, ti), *w;
	bool first = true;
	long i = 0;
	size_t n;

	while (mk_next_word(&p, end, &w, &n)) {
		i++;
		if (i > to)
			break;
		if (i >= from)
			add_word(out, &first, w, n);
	}
}

static void fn_word(struct mk_call *c, struct kc_buf *out)
{
	long i = word_index(c, 0, false);

	if (i > 0)
		words_range(c, i, i, 1, out);
}

static void fn_wordlist(struct mk_call *c, struct kc_buf *out)
{
	long from = word_index(c, 0, false), to;

	if (from <= 0)
		return;
	to = word_index(c, 1, true);
	if (to >= from)
		words_range(c, from, to, 2, out);
}

static void fn_words(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w;
	size_t n, count = 0;

	while (mk_next_word(&p, end, &w, &n))
		count++;
	kc_buf_addf(out, "%zu", count);
}

static void fn_firstword(struct mk_call *c, struct kc_buf *out)
{
	words_range(c, 1, 1, 0, out);
}

static void fn_lastword(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w, *last = NULL;
	size_t n, ln = 0;

	while (mk_next_word(&p, end, &w, &n)) {
		last = w;
		ln = n;
	}
	if (last)
		kc_buf_add(out, last, ln);
}

/* ---- file names -------------------------------------------------------------------- */

enum name_part { NP_DIR, NP_NOTDIR, NP_BASENAME, NP_SUFFIX };

static void name_part(struct mk_call *c, struct kc_buf *out, enum name_part k)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w, *slash, *dot;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n)) {
		slash = NULL;
		dot = NULL;
		for (size_t i = 0; i < n; i++) {
			if (w[i] == '/') {
				slash = w + i;
				dot = NULL;
			} else if (w[i] == '.') {
				dot = w + i;
			}
		}
		switch (k) {
		case NP_DIR:
			if (slash)
				add_word(out, &first, w, (size_t)(slash - w + 1));
			else
				add_word(out, &first, "./", 2);
			break;
		case NP_NOTDIR:
			if (slash)
				add_word(out, &first, slash + 1,
					 (size_t)(w + n - slash - 1));
			else
				add_word(out, &first, w, n);
			break;
		case NP_BASENAME:
			add_word(out, &first, w,
				 dot ? (size_t)(dot - w) : n);
			break;
		case NP_SUFFIX:
			if (dot)
				add_word(out, &first, dot,
					 (size_t)(w + n - dot));
			break;
		}
	}
}

static void fn_dir(struct mk_call *c, struct kc_buf *out)
{
	name_part(c, out, NP_DIR);
}

static void fn_notdir(struct mk_call *c, struct kc_buf *out)
{
	name_part(c, out, NP_NOTDIR);
}

static void fn_basename(struct mk_call *c, struct kc_buf *out)
{
	name_part(c, out, NP_BASENAME);
}

static void fn_suffix(struct mk_call *c, struct kc_buf *out)
{
	name_part(c, out, NP_SUFFIX);
}

static void affix(struct mk_call *c, struct kc_buf *out, bool prefix)
{
	const char *p = arg(c, 1), *end = p + argn(c, 1), *w;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n)) {
		if (!first)
			kc_buf_addc(out, ' ');
		first = false;
		if (prefix)
			kc_buf_add(out, arg(c, 0), argn(c, 0));
		kc_buf_add(out, w, n);
		if (!prefix)
			kc_buf_add(out, arg(c, 0), argn(c, 0));
	}
}

static void fn_addprefix(struct mk_call *c, struct kc_buf *out)
{
	affix(c, out, true);
}

static void fn_addsuffix(struct mk_call *c, struct kc_buf *out)
{
	affix(c, out, false);
}

static void fn_join(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *e1 = p + argn(c, 0);
	const char *q = arg(c, 1), *e2 = q + argn(c, 1), *w1, *w2;
	bool first = true, h1, h2;
	size_t n1, n2;

	for (;;) {
		h1 = mk_next_word(&p, e1, &w1, &n1);
		h2 = mk_next_word(&q, e2, &w2, &n2);
		if (!h1 && !h2)
			break;
		add_word(out, &first, h1 ? w1 : "", h1 ? n1 : 0);
		if (h2)
			kc_buf_add(out, w2, n2);
	}
}

/* "a/./b/../c" as "a/c"; a relative path stays relative. */
static void normalise_path(const char *w, size_t n, struct kc_buf *out)
{
	size_t base = out->len, i = 0;
	bool abs = n && w[0] == '/';

	if (abs)
		kc_buf_addc(out, '/');
	while (i < n) {
		size_t j = i, len;

		while (j < n && w[j] != '/')
			j++;
		len = j - i;
		if (len == 2 && w[i] == '.' && w[i + 1] == '.') {
			char *s = out->data + base + abs, *cut;

			if (out->len > base + abs) {
				out->data[out->len] = '\0';
				cut = strrchr(s, '/');
				out->len = cut ? (size_t)(cut - out->data)
					       : base + abs;
				out->data[out->len] = '\0';
			}
		} else if (len && !(len == 1 && w[i] == '.')) {
			if (out->len > base + abs)
				kc_buf_addc(out, '/');
			kc_buf_add(out, w + i, len);
		}
		i = j + 1;
	}
	if (out->len == base)
		kc_buf_addc(out, '.');
}

/*
 * $(abspath) and $(realpath) name the build machine's current folder for a
 * relative path; that part is recorded, and the path is normalised.
 */
static void fn_abspath(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n)) {
		if (!first)
			kc_buf_addc(out, ' ');
		first = false;
		if (w[0] != '/')
			mk_probe(c->m, c->name, strlen(c->name));
		normalise_path(w, n, out);
	}
}

/* ---- wildcard ------------------------------------------------------------------------ */

static bool has_glob(const char *s, size_t n)
{
	return memchr(s, '*', n) || memchr(s, '?', n) || memchr(s, '[', n);
}

/* The folder part of a path as the host names folders: "." for none. */
static void host_dir(const char *w, size_t n, struct kc_buf *out)
{
	normalise_path(w, n, out);
}

static const struct kc_vec *list_dir(struct mk *m, const char *dir, size_t n)
{
	struct kc_buf d = KC_BUF_INIT;
	const struct kc_vec *v;

	if (!m->host->list)
		return NULL;
	host_dir(dir, n, &d);
	v = m->host->list(m->host->ctx, kc_buf_str(&d));
	kc_buf_free(&d);
	return v;
}

static bool in_list(const struct kc_vec *v, const char *name, size_t n)
{
	size_t lo = 0, hi = v ? v->len : 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *s = v->items[mid];
		int r = strncmp(s, name, n);

		if (!r && s[n])
			r = 1;
		if (!r)
			return true;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void wildcard_one(struct mk *m, const char *w, size_t n,
			 struct kc_buf *out, bool *first)
{
	const char *slash = NULL, *base;
	const struct kc_vec *names;
	char *pat;
	size_t i, bn;

	/* outside the tree is the build machine's file system */
	if (w[0] == '/' && !m->host->run_shell) {
		mk_probe(m, w, n);
		return;
	}
	while (n > 1 && w[n - 1] == '/') {
		if (list_dir(m, w, n))
			add_word(out, first, w, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (w[i] == '/')
			slash = w + i;
	base = slash ? slash + 1 : w;
	bn = (size_t)(w + n - base);
	names = slash ? list_dir(m, w, (size_t)(slash - w))
		      : list_dir(m, ".", 1);
	if (slash && has_glob(w, (size_t)(slash - w))) {
		mk_warning(m, "wildcard '%.*s': patterns in folder names are not supported",
			   (int)n, w);
		return;
	}
	if (!has_glob(base, bn)) {
		if (in_list(names, base, bn))
			add_word(out, first, w, n);
		return;
	}
	if (!names)
		return;
	pat = kc_xstrndup(base, bn);
	for (i = 0; i < names->len; i++) {
		const char *name = names->items[i];

		if (name[0] == '.' && base[0] != '.')
			continue;
		if (fnmatch(pat, name, FNM_PERIOD))
			continue;
		if (!*first)
			kc_buf_addc(out, ' ');
		*first = false;
		kc_buf_add(out, w, (size_t)(base - w));
		kc_buf_adds(out, name);
	}
	free(pat);
}

static void fn_wildcard(struct mk_call *c, struct kc_buf *out)
{
	const char *p = arg(c, 0), *end = p + argn(c, 0), *w;
	bool first = true;
	size_t n;

	while (mk_next_word(&p, end, &w, &n))
		wildcard_one(c->m, w, n, out, &first);
}

/* ---- conditionals and loops ------------------------------------------------------------- */

/* The argument expanded, without the whitespace around it. */
static void expand_stripped(struct mk_call *c, int i, struct kc_buf *out)
{
	struct kc_buf t = KC_BUF_INIT;
	const char *s;
	size_t n;

	expand_arg(c, i, &t);
	s = kc_buf_str(&t);
	n = t.len;
	trim(&s, &n);
	kc_buf_add(out, s, n);
	kc_buf_free(&t);
}

static void fn_if(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf cond = KC_BUF_INIT;

	expand_stripped(c, 0, &cond);
	expand_arg(c, cond.len ? 1 : 2, out);
	kc_buf_free(&cond);
}

static void fn_or(struct mk_call *c, struct kc_buf *out)
{
	int i;

	for (i = 0; i < c->argc; i++) {
		size_t before = out->len;

		expand_stripped(c, i, out);
		if (out->len > before)
			return;
	}
}

static void fn_and(struct mk_call *c, struct kc_buf *out)
{
	size_t start = out->len;
	int i;

	for (i = 0; i < c->argc; i++) {
		out->len = start;
		out->data[start] = '\0';
		expand_stripped(c, i, out);
		if (out->len == start)
			return;
	}
}

static void fn_foreach(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf var = KC_BUF_INIT, list = KC_BUF_INIT;
	const struct mk_frame *saved = c->m->frames;
	struct mk_frame f;
	const char *p, *end, *w;
	bool first = true;
	size_t n;

	expand_stripped(c, 0, &var);
	expand_arg(c, 1, &list);
	p = kc_buf_str(&list);
	end = p + list.len;
	f.up = saved;
	f.name = kc_buf_str(&var);
	f.nlen = var.len;
	c->m->frames = &f;
	while (mk_next_word(&p, end, &w, &n) && !c->m->stop) {
		f.value = w;
		f.vlen = n;
		if (!first)
			kc_buf_addc(out, ' ');
		first = false;
		expand_arg(c, 2, out);
	}
	c->m->frames = saved;
	kc_buf_free(&var);
	kc_buf_free(&list);
}

/*
 * $(intcmp lhs,rhs[,lt[,eq[,gt]]]) (GNU make 4.4): without the branches,
 * the number when equal; an empty gt branch defaults to eq's.
 */
static void fn_intcmp(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf a = KC_BUF_INIT, b = KC_BUF_INIT;
	long long x, y;
	char *ea, *eb;
	int branch;

	expand_stripped(c, 0, &a);
	expand_stripped(c, 1, &b);
	x = strtoll(kc_buf_str(&a), &ea, 10);
	y = strtoll(kc_buf_str(&b), &eb, 10);
	if (*ea || *eb || !a.len || !b.len) {
		mk_error(c->m, "non-numeric argument to 'intcmp' function");
	} else if (c->argc == 2) {
		if (x == y)
			kc_buf_add(out, a.data, a.len);
	} else {
		branch = x < y ? 2 : x == y ? 3 : 4;
		if (branch == 4 && c->argc < 5)
			branch = 3;
		expand_arg(c, branch, out);
	}
	kc_buf_free(&a);
	kc_buf_free(&b);
}

/* ---- variables ------------------------------------------------------------------------------ */

static const char *const probe_names[] = {
	"cc-option", "cc-option-yn", "cc-disable-warning", "cc-ifversion",
	"cc-cross-prefix", "cc-version", "cc-fullversion", "as-option",
	"as-instr", "ld-option", "ld-ifversion", "ld-version", "try-run",
	"rustc-option", "rustc-option-yn", "hostcc-option", "hostrustc-option",
	"cc-option-align", "cc-ldoption", "as-version", "ld-name",
};

bool mk_is_probe(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(probe_names) / sizeof(probe_names[0]); i++)
		if (strlen(probe_names[i]) == n && !memcmp(probe_names[i], name, n))
			return true;
	return false;
}

/*
 * scripts/Kbuild.include's test-ge and friends and Makefile.compiler's
 * gcc-min-version and clang-min-version compare numbers of the
 * configuration, not of the build machine: they are computed here when no
 * Makefile defines them.  Returns false for other names.
 */
static bool numeric_helper(struct mk_call *c, const char *name,
			   struct kc_buf *out)
{
	struct kc_buf a = KC_BUF_INIT, b = KC_BUF_INIT;
	int rel;	/* 1: >=, 2: >, -1: <=, -2: < */
	long long x, y;
	bool r;

	if (!strcmp(name, "test-ge") || !strcmp(name, "gcc-min-version") ||
	    !strcmp(name, "clang-min-version") ||
	    !strcmp(name, "rustc-min-version"))
		rel = 1;
	else if (!strcmp(name, "test-gt"))
		rel = 2;
	else if (!strcmp(name, "test-le"))
		rel = -1;
	else if (!strcmp(name, "test-lt"))
		rel = -2;
	else
		return false;
	if (name[0] == 't') {
		expand_stripped(c, 1, &a);
		expand_stripped(c, 2, &b);
	} else {
		const char *var = name[0] == 'g' ? "CONFIG_GCC_VERSION" :
				  name[0] == 'c' ? "CONFIG_CLANG_VERSION" :
						   "CONFIG_RUSTC_VERSION";

		mk_expand_var(c->m, var, &a);
		expand_stripped(c, 1, &b);
	}
	/* "$(strip $1)0": an empty value compares as 0 */
	kc_buf_addc(&a, '0');
	kc_buf_addc(&b, '0');
	x = strtoll(kc_buf_str(&a), NULL, 10);
	y = strtoll(kc_buf_str(&b), NULL, 10);
	r = rel == 1 ? x >= y : rel == 2 ? x > y : rel == -1 ? x <= y : x < y;
	if (r)
		kc_buf_addc(out, 'y');
	kc_buf_free(&a);
	kc_buf_free(&b);
	return true;
}

/*
 * The body of a $(call): unlike a plain reference, a variable may call
 * itself (GNU make lets a function recurse, as "reverse" in its manual
 * does); the expansion depth cap ends a recursion that never stops.
 */
static void call_body(struct mk *m, const char *name, size_t n,
		      struct kc_buf *out)
{
	struct mk_var *v = mk_frame_get(m, name, n) ? NULL
						    : mk_scope_get(m->scope, name, n);
	const char *file = m->file;
	int line = m->line;

	if (!v || v->flavor != MK_RECURSIVE) {
		mk_expand_name(m, name, n, out);
		return;
	}
	if (v->build_machine)
		mk_probe(m, v->name, strlen(v->name));
	mk_expand(m, kc_buf_str(&v->value), v->value.len, out);
	m->file = file;
	m->line = line;
}

static void fn_call(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf name = KC_BUF_INIT, *vals;
	const struct mk_frame *saved = c->m->frames;
	struct mk_frame *frames;
	char (*names)[12];
	int i, nf, outer = 0;

	expand_stripped(c, 0, &name);
	if (!mk_frame_get(c->m, name.data ? name.data : "", name.len) &&
	    !mk_scope_get(c->m->scope, kc_buf_str(&name), name.len)) {
		if (mk_is_probe(name.data ? name.data : "", name.len))
			mk_probe(c->m, kc_buf_str(&name), name.len);
		else if (name.len)
			numeric_helper(c, kc_buf_str(&name), out);
		kc_buf_free(&name);
		return;
	}
	/* make hides the outer call's higher-numbered arguments */
	for (const struct mk_frame *f = saved; f; f = f->up)
		if (f->nlen && f->name[0] >= '1' && f->name[0] <= '9' &&
		    strspn(f->name, "0123456789") >= f->nlen) {
			int k = atoi(f->name);

			if (k > outer)
				outer = k;
		}
	nf = c->argc > outer + 1 ? c->argc : outer + 1;
	vals = kc_xcalloc((size_t)nf, sizeof(*vals));
	frames = kc_xcalloc((size_t)nf, sizeof(*frames));
	names = kc_xcalloc((size_t)nf, sizeof(*names));
	for (i = 1; i < c->argc; i++)
		expand_arg(c, i, &vals[i]);
	for (i = 0; i < nf; i++) {
		snprintf(names[i], sizeof(names[i]), "%d", i);
		frames[i].up = i ? &frames[i - 1] : saved;
		frames[i].name = names[i];
		frames[i].nlen = strlen(names[i]);
		frames[i].value = i ? kc_buf_str(&vals[i]) : kc_buf_str(&name);
		frames[i].vlen = i ? vals[i].len : name.len;
	}
	c->m->frames = &frames[nf - 1];
	call_body(c->m, kc_buf_str(&name), name.len, out);
	c->m->frames = saved;
	for (i = 0; i < nf; i++)
		kc_buf_free(&vals[i]);
	free(vals);
	free(frames);
	free(names);
	kc_buf_free(&name);
}

static struct mk_var *var_of(struct mk_call *c, struct kc_buf *name)
{
	expand_stripped(c, 0, name);
	return mk_scope_get(c->m->scope, kc_buf_str(name), name->len);
}

static bool config_set(struct mk_call *c, const struct kc_buf *name)
{
	const struct mk_host *h = c->m->host;

	return name->len > 7 && !memcmp(name->data, "CONFIG_", 7) &&
	       h->config && h->config(h->ctx, name->data, name->len);
}

static void fn_value(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf name = KC_BUF_INIT;
	const struct mk_frame *f;
	struct mk_var *v;

	expand_stripped(c, 0, &name);
	f = mk_frame_get(c->m, kc_buf_str(&name), name.len);
	v = mk_scope_get(c->m->scope, kc_buf_str(&name), name.len);
	if (f)
		kc_buf_add(out, f->value, f->vlen);
	else if (v)
		kc_buf_add(out, kc_buf_str(&v->value), v->value.len);
	else if (config_set(c, &name))
		mk_expand_name(c->m, name.data, name.len, out);
	kc_buf_free(&name);
}

static void fn_origin(struct mk_call *c, struct kc_buf *out)
{
	static const char *const names[] = {
		"default", "environment", "file", "command line", "override",
		"automatic",
	};
	struct kc_buf name = KC_BUF_INIT;
	struct mk_var *v = var_of(c, &name);

	if (mk_frame_get(c->m, kc_buf_str(&name), name.len))
		kc_buf_adds(out, "automatic");
	else if (v)
		kc_buf_adds(out, names[v->origin]);
	else if (config_set(c, &name))
		kc_buf_adds(out, "file");
	else
		kc_buf_adds(out, "undefined");
	kc_buf_free(&name);
}

static void fn_flavor(struct mk_call *c, struct kc_buf *out)
{
	struct kc_buf name = KC_BUF_INIT;
	struct mk_var *v = var_of(c, &name);

	if (mk_frame_get(c->m, kc_buf_str(&name), name.len))
		kc_buf_adds(out, "simple");
	else if (v)
		kc_buf_adds(out, v->flavor == MK_SIMPLE ? "simple" : "recursive");
	else if (config_set(c, &name))
		kc_buf_adds(out, "recursive");
	else
		kc_buf_adds(out, "undefined");
	kc_buf_free(&name);
}

static void fn_eval(struct mk_call *c, struct kc_buf *out)
{
	const char *file = c->m->file;
	int line = c->m->line;

	mk_read_text(c->m, arg(c, 0), argn(c, 0), file, line);
	c->m->file = file;
	c->m->line = line;
}

/* ---- control and the build machine ------------------------------------------------------- */

static void fn_error(struct mk_call *c, struct kc_buf *out)
{
	mk_error(c->m, "%s", arg(c, 0));
}

static void fn_warning(struct mk_call *c, struct kc_buf *out)
{
	mk_warning(c->m, "%s", arg(c, 0));
}

static void fn_info(struct mk_call *c, struct kc_buf *out)
{
	kc_diags_add(c->m->host->diags, KC_SEV_NOTE, c->m->file, c->m->line, 0,
		     "%s", arg(c, 0));
}

/* The command, run in the host's shell_dir (the tree, as make's objtree). */
static char *shell_script(const struct mk *m, const char *cmd)
{
	struct kc_buf b = KC_BUF_INIT;
	const char *p;

	if (!m->host->shell_dir)
		return kc_xstrdup(cmd);
	kc_buf_adds(&b, "cd -- '");
	for (p = m->host->shell_dir; *p; p++) {
		if (*p == '\'')
			kc_buf_adds(&b, "'\\''");
		else
			kc_buf_addc(&b, *p);
	}
	kc_buf_adds(&b, "' || exit 1\n");
	kc_buf_adds(&b, cmd);
	return kc_buf_detach(&b);
}

/* "The shell Function": newlines become spaces, trailing ones go. */
static void run_shell(struct mk_call *c, struct kc_buf *out)
{
	char buf[65536];
	size_t n, i;
	char *script = shell_script(c->m, arg(c, 0));
	FILE *p = popen(script, "r");

	free(script);

	if (!p) {
		mk_warning(c->m, "cannot run '%s': %s", arg(c, 0),
			   strerror(errno));
		return;
	}
	n = fread(buf, 1, sizeof(buf), p);
	pclose(p);
	while (n && buf[n - 1] == '\n')
		n--;
	for (i = 0; i < n; i++)
		if (buf[i] == '\n' || buf[i] == '\0')
			buf[i] = ' ';
	kc_buf_add(out, buf, n);
}

static void fn_shell(struct mk_call *c, struct kc_buf *out)
{
	if (c->m->host->run_shell) {
		run_shell(c, out);
		return;
	}
	mk_probe(c->m, arg(c, 0), argn(c, 0));
}

/* $(file <name) reads through the provider; writing is not done. */
static void fn_file(struct mk_call *c, struct kc_buf *out)
{
	const char *op = arg(c, 0), *why;
	size_t n = argn(c, 0);
	char *data, *path;
	size_t len;

	trim(&op, &n);
	if (!n || op[0] != '<') {
		mk_probe(c->m, op, n);
		return;
	}
	op++;
	n--;
	trim(&op, &n);
	path = kc_xstrndup(op, n);
	if (!kc_fs_read(c->m->host->fs, path, &data, &len,
				  &why)) {
		if (len && data[len - 1] == '\n')
			len--;
		kc_buf_add(out, data, len);
		free(data);
	}
	free(path);
}

static const struct mk_func funcs[] = {
	{ "abspath", 0, 1, false, fn_abspath },
	{ "addprefix", 2, 2, false, fn_addprefix },
	{ "addsuffix", 2, 2, false, fn_addsuffix },
	{ "and", 1, 0, true, fn_and },
	{ "basename", 0, 1, false, fn_basename },
	{ "call", 1, 0, true, fn_call },
	{ "dir", 0, 1, false, fn_dir },
	{ "error", 0, 1, false, fn_error },
	{ "eval", 0, 1, false, fn_eval },
	{ "file", 1, 2, false, fn_file },
	{ "filter", 2, 2, false, fn_filter },
	{ "filter-out", 2, 2, false, fn_filter_out },
	{ "findstring", 2, 2, false, fn_findstring },
	{ "firstword", 0, 1, false, fn_firstword },
	{ "flavor", 0, 1, true, fn_flavor },
	{ "foreach", 3, 3, true, fn_foreach },
	{ "if", 2, 3, true, fn_if },
	{ "info", 0, 1, false, fn_info },
	{ "intcmp", 2, 5, true, fn_intcmp },
	{ "join", 2, 2, false, fn_join },
	{ "lastword", 0, 1, false, fn_lastword },
	{ "notdir", 0, 1, false, fn_notdir },
	{ "or", 1, 0, true, fn_or },
	{ "origin", 0, 1, true, fn_origin },
	{ "patsubst", 3, 3, false, fn_patsubst },
	{ "realpath", 0, 1, false, fn_abspath },
	{ "shell", 0, 1, false, fn_shell },
	{ "sort", 0, 1, false, fn_sort },
	{ "strip", 0, 1, false, fn_strip },
	{ "subst", 3, 3, false, fn_subst },
	{ "suffix", 0, 1, false, fn_suffix },
	{ "value", 0, 1, true, fn_value },
	{ "warning", 0, 1, false, fn_warning },
	{ "wildcard", 0, 1, false, fn_wildcard },
	{ "word", 2, 2, false, fn_word },
	{ "wordlist", 3, 3, false, fn_wordlist },
	{ "words", 0, 1, false, fn_words },
};

static const struct mk_func *lookup(const char *s, size_t n)
{
	size_t lo = 0, hi = sizeof(funcs) / sizeof(funcs[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strncmp(funcs[mid].name, s, n);

		if (!r && funcs[mid].name[n])
			r = 1;
		if (!r)
			return &funcs[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Splits the arguments at the commas outside nested references of the same
 * paren as the call's; the last allowed argument takes the rest, commas
 * included, as GNU make does.
 */
static int split_args(const char *s, const char *end, char open, int max,
		      struct mk_arg **out)
{
	char close = open == '(' ? ')' : '}';
	struct mk_arg *a = NULL;
	int n = 0, cap = 0, count = 0;
	const char *start = s;

	for (;; s++) {
		bool at_end = s >= end;

		if (!at_end) {
			if (*s == open)
				count++;
			else if (*s == close)
				count--;
		}
		if (at_end || (*s == ',' && !count && (!max || n + 1 < max))) {
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				a = kc_xrealloc(a, (size_t)cap * sizeof(*a));
			}
			a[n].s = start;
			a[n++].n = (size_t)(s - start);
			start = s + 1;
		}
		if (at_end)
			break;
	}
	*out = a;
	return n;
}

bool mk_func_call(struct mk *m, const char *s, size_t n, char open,
		  struct kc_buf *out)
{
	const char *end = s + n, *p = s;
	const struct mk_func *f;
	struct mk_call c = { 0 };
	int i;

	while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '-'))
		p++;
	if (p == s || p >= end || (*p != ' ' && *p != '\t'))
		return false;
	f = lookup(s, (size_t)(p - s));
	if (!f)
		return false;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	c.m = m;
	c.name = f->name;
	c.argc = split_args(p, end, open, f->max_args, &c.raw);
	if (c.argc == 1 && !c.raw[0].n && f->min_args > 0)
		c.argc = 0;
	if (c.argc < f->min_args) {
		mk_error(m, "insufficient number of arguments (%d) to function '%s'",
			 c.argc, f->name);
		free(c.raw);
		return true;
	}
	if (!f->lazy) {
		c.val = kc_xcalloc((size_t)c.argc + 1, sizeof(*c.val));
		for (i = 0; i < c.argc; i++)
			mk_expand(m, c.raw[i].s, c.raw[i].n, &c.val[i]);
	}
	if (!m->stop)
		f->fn(&c, out);
	if (c.val)
		for (i = 0; i < c.argc; i++)
			kc_buf_free(&c.val[i]);
	free(c.val);
	free(c.raw);
	return true;
}
