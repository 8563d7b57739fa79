/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * presence.c - where each object and module is built, over every
 * configuration: a condition for built in and one for built as (or into) a
 * loadable module, folder by folder from the top Kbuild.
 *
 * A folder's Makefile is read alone (the walk's start_dir and no_descend)
 * once per value of the symbols it reads, found as a decision tree: a
 * symbol read for the first time takes n, and the next run tries its next
 * value.  A Makefile's reading is deterministic given the values it read,
 * so the leaves partition the configurations exactly.  Lines of the
 * commonest form, "prefix-$(CONFIG_X) += words" outside conditionals,
 * whose lists the Makefile never reads back nor reassigns after them, are
 * taken out before reading and added as "words in prefix-y when X=y, in
 * prefix-m when X=m, in prefix- otherwise", and so are conditionals on
 * one symbol that hold only such lines: so most Makefiles are read once
 * however many symbols they name.  When the first reading read a symbol,
 * the Makefile and the files its readings include are cut (mkslice.c) to
 * the lines that can change the lists presence reads (obj-y, obj-m, the
 * composites' lists), and the readings start over on the cut: a
 * conditional that only sets flags (amdgpu's includes test CC_IS_CLANG,
 * KASAN and KCSAN around -Wframe-larger-than) is no longer read, nor split
 * on.  Each file is read from disk once a run.  Makefile.lib's rules
 * (scripts/Makefile.lib: composites, dir/ entries, an object in obj-y and
 * obj-m is built in) are then applied to the lists as conditions.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_presence.h"
#include "kc_config.h"
#include "mkslice.h"
#include "kc_eval.h"
#include "kc_kbuild.h"

#define MAX_LEAVES 100000

/* ---- conditional word lists ---------------------------------------------------- */

/* A list variable: each word with the condition under which it is in it. */
struct clist {
	struct kc_map *cond;		/* word -> condition + 1 */
	struct kc_vec words;		/* in first-seen order */
};

struct folder_lists {
	struct kc_map *by_name;		/* list name -> struct clist * */
	struct kc_vec all;
};

static struct clist *clist_get(struct presence_state *ps, struct folder_lists *f,
			       const char *name)
{
	struct clist *l = kc_map_get(f->by_name, name);

	if (!l) {
		l = kc_xcalloc(1, sizeof(*l));
		l->cond = kc_map_new(16);
		kc_map_put(f->by_name, kc_arena_strdup(ps->a, name), l);
		kc_vec_push(&f->all, l);
	}
	return l;
}

static int clist_cond(const struct folder_lists *f, const char *name,
		      const char *word)
{
	const struct clist *l = kc_map_get(f->by_name, name);
	size_t v = l ? (size_t)kc_map_get(l->cond, word) : 0;

	return v ? (int)v - 1 : COND_FALSE;
}

static void clist_add(struct presence_state *ps, struct folder_lists *f,
		      const char *name, const char *word, int c)
{
	struct clist *l;
	int old;

	if (c == COND_FALSE)
		return;
	l = clist_get(ps, f, name);
	old = (int)(size_t)kc_map_get(l->cond, word);
	if (!old) {
		word = kc_arena_strdup(ps->a, word);
		kc_vec_push(&l->words, (void *)word);
		old = COND_FALSE;
	} else {
		old--;
	}
	kc_map_put(l->cond, word, (void *)(size_t)(cond_or(ps->c, old, c) + 1));
}

/* Some word is in the list. */
static int clist_nonempty(struct presence_state *ps, const struct folder_lists *f,
			  const char *name)
{
	const struct clist *l = kc_map_get(f->by_name, name);
	int r = COND_FALSE;
	size_t i;

	for (i = 0; l && i < l->words.len; i++)
		r = cond_or(ps->c, r, clist_cond(f, name, l->words.items[i]));
	return r;
}

static void folder_lists_free(struct folder_lists *f)
{
	size_t i;

	for (i = 0; i < f->all.len; i++) {
		struct clist *l = f->all.items[i];

		kc_map_free(l->cond);
		kc_vec_free(&l->words);
		free(l);
	}
	kc_vec_free(&f->all);
	kc_map_free(f->by_name);
}

/* ---- lines of the commonest form ------------------------------------------------- */

/* "prefix-$(CONFIG_X) += words", outside conditionals. */
struct simple {
	char *prefix;		/* "obj-", "vfio-" */
	char *symbol;		/* "VFIO" */
	struct kc_vec words;	/* char * */
	size_t start, end;	/* the logical line in the text */
	size_t line_no;
	int depth;		/* conditionals around it */
	int cond;		/* a conditional's, taken out with it (or true) */
	bool taken;		/* taken out of the text */
};

static bool name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
	       ch == '.' || ch == '/' || ch == '+';
}

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Parses one logical line [p, e) as a simple line; NULL when it is not. */
static struct simple *parse_simple(const char *p, const char *e)
{
	const char *q, *pre, *sym, *sym_end;
	struct simple *s;
	char close;

	p = skip_ws(p, e);
	pre = p;
	while (p < e && name_char(*p))
		p++;
	if (p == pre || p[-1] != '-' || e - p < 10 || p[0] != '$' ||
	    (p[1] != '(' && p[1] != '{') || memcmp(p + 2, "CONFIG_", 7))
		return NULL;
	close = p[1] == '(' ? ')' : '}';
	q = sym = p + 9;
	while (q < e && name_char(*q) && *q != '-' && *q != '.' && *q != '/')
		q++;
	if (q == sym || q >= e || *q != close)
		return NULL;
	sym_end = q;
	p = skip_ws(q + 1, e);
	if (e - p < 2 || memcmp(p, "+=", 2))
		return NULL;
	/* a backslash-newline joins the lines: one blank, as make reads it */
	for (q = p + 2; q < e; q++)
		if (*q == '$' || *q == '#' || *q == ';' ||
		    (*q == '\\' && (q + 1 >= e || q[1] != '\n')))
			return NULL;
	s = kc_xcalloc(1, sizeof(*s));
	s->cond = COND_TRUE;
	s->prefix = kc_xstrndup(pre, (size_t)(sym - 9 - pre));
	s->symbol = kc_xstrndup(sym, (size_t)(sym_end - sym));
	for (q = p + 2; q < e;) {
		const char *w;

		q = skip_ws(q, e);
		w = q;
		while (q < e && *q != ' ' && *q != '\t' && *q != '\n' &&
		       !(*q == '\\' && q + 1 < e && q[1] == '\n'))
			q++;
		if (q > w)
			kc_vec_push(&s->words, kc_xstrndup(w, (size_t)(q - w)));
		while (q < e && (*q == '\n' || *q == '\\'))
			q++;
	}
	return s;
}

static void simple_free(struct simple *s)
{
	size_t i;

	for (i = 0; i < s->words.len; i++)
		free(s->words.items[i]);
	kc_vec_free(&s->words);
	free(s->prefix);
	free(s->symbol);
	free(s);
}

static bool starts_word(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(e - p) >= n && !memcmp(p, w, n) &&
	       ((size_t)(e - p) == n || p[n] == ' ' || p[n] == '\t' ||
		p[n] == '(' || p[n] == '\n');
}

/* The end of the logical line starting at p: backslash-newlines joined. */
static const char *line_end(const char *p, const char *e)
{
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t bs = 0;

		if (!nl)
			return e;
		while (nl - bs > p && nl[-1 - (long)bs] == '\\')
			bs++;
		if (bs % 2 == 0)
			return nl;
		p = nl + 1;
	}
	return e;
}

/*
 * May the variable name [p, p + n) be one of the lists the simple lines of
 * 'prefix' add to?  With tri_only (every symbol of those lines bool,
 * tristate or undefined: "prefix-y", "prefix-m" or "prefix-"), only those
 * three names; else any name starting with the prefix.  A name with a
 * reference in it may be any whose text before the reference agrees
 * with the prefix.
 */
static bool names_list(const char *prefix, const char *p, size_t n, bool tri_only)
{
	size_t pn = strlen(prefix), lit;

	/* the literal text before a reference must agree with the prefix */
	for (lit = 0; lit < n && p[lit] != '$'; lit++)
		;
	if (memcmp(p, prefix, lit < pn ? lit : pn))
		return false;
	if (lit < n)
		return true;	/* computed: may be any name so starting */
	if (n < pn)
		return false;
	if (!tri_only)
		return true;
	return n == pn || (n == pn + 1 && (p[pn] == 'y' || p[pn] == 'm'));
}

/*
 * Does the line [p, e) assign to a list of 'prefix' other than by "+="
 * (which would undo what simple lines before it added)?  tri_only: as
 * names_list.
 */
static bool reassigns(const char *p, const char *e, const char *prefix,
		      bool tri_only)
{
	static const char *const mods[] = { "override", "export", "private" };
	size_t n = strlen(prefix), i;
	const char *q, *name_end;

	p = skip_ws(p, e);
	for (i = 0; i < 3; i++)
		if (starts_word(p, e, mods[i])) {
			p = skip_ws(p + strlen(mods[i]), e);
			i = (size_t)-1;
		}
	if (starts_word(p, e, "define") || starts_word(p, e, "undefine")) {
		p = skip_ws(p + (*p == 'd' ? 6 : 8), e);
		for (q = p; q < e && *q != ' ' && *q != '\t' && *q != '\n' && *q != '='; q++)
			;
		return names_list(prefix, p, (size_t)(q - p), tri_only);
	}
	if ((size_t)(e - p) < n || memcmp(p, prefix, n))
		return false;
	for (q = p + n; q < e && *q != '='; q++)
		if (*q == '#')
			return false;
	if (q >= e)
		return false;
	name_end = q;
	while (name_end > p && strchr(" \t+?:!", name_end[-1]))
		name_end--;
	if (!names_list(prefix, p, (size_t)(name_end - p), tri_only))
		return false;
	return q == p + n || q[-1] != '+';
}

struct scan {
	struct kc_vec simple;	/* struct simple *, outside define */
	struct kc_vec lines;	/* [start, end) pairs of every logical line */
	struct kc_vec in_define;	/* [start, end) pairs of define bodies */
	/*
	 * A directive started by a tab (a recipe line after a rule, a
	 * directive elsewhere): the depths above may not be the reader's;
	 * nothing is taken out.
	 */
	bool unsure;
	bool eval;	/* $(eval): any variable may be set, CONFIG_ ones too */
};

static void scan_lines(const char *text, size_t len, struct scan *sc)
{
	const char *p = text, *e = text + len;
	int depth = 0;
	bool in_define = false;
	size_t line_no = 1;

	while (p < e) {
		const char *le = line_end(p, e), *w = skip_ws(p, le);
		struct simple *s;

		kc_vec_push(&sc->lines, (void *)(size_t)(p - text));
		kc_vec_push(&sc->lines, (void *)(size_t)(le - text));
		if (in_define) {
			in_define = !starts_word(w, le, "endef");
			kc_vec_push(&sc->in_define, (void *)(size_t)(p - text));
			kc_vec_push(&sc->in_define, (void *)(size_t)(le - text));
		} else if (starts_word(w, le, "define")) {
			in_define = true;
		} else if (starts_word(w, le, "ifeq") || starts_word(w, le, "ifneq") ||
			   starts_word(w, le, "ifdef") || starts_word(w, le, "ifndef")) {
			depth++;
			sc->unsure |= *p == '\t';
		} else if (starts_word(w, le, "endif") || starts_word(w, le, "else")) {
			depth -= w[1] == 'n';
			sc->unsure |= *p == '\t';
		} else if (*p != '\t' && (s = parse_simple(p, le))) {
			s->depth = depth;
			s->start = (size_t)(p - text);
			s->end = (size_t)(le - text);
			s->line_no = line_no;
			kc_vec_push(&sc->simple, s);
		}
		if (memmem(p, (size_t)(le - p), "$(eval", 6) ||
		    memmem(p, (size_t)(le - p), "${eval", 6))
			sc->eval = true;
		for (const char *q = p; q < le; q++)
			line_no += *q == '\n';
		p = le < e ? le + 1 : e;
		line_no++;
	}
}

/* The logical line of sc holding offset 'at': [*start, *end). */
static void line_of(const struct scan *sc, size_t at, size_t *start, size_t *end)
{
	size_t lo = 0, hi = sc->lines.len / 2;

	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;

		if ((size_t)sc->lines.items[2 * mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	*start = (size_t)sc->lines.items[2 * lo];
	*end = (size_t)sc->lines.items[2 * lo + 1];
}

static bool in_ranges(const struct kc_vec *v, size_t at)
{
	size_t i;

	for (i = 0; i < v->len; i += 2)
		if ((size_t)v->items[i] <= at && at < (size_t)v->items[i + 1])
			return true;
	return false;
}

/*
 * Does line [ls, le) start a rule (a ':' outside references before any
 * '=', and not part of ":=")?  The reader never expands a rule line.
 */
static bool rule_line(const char *text, size_t ls, size_t le)
{
	const char *q;
	int depth = 0;

	for (q = text + ls; q < text + le; q++) {
		if (*q == '$' && q + 1 < text + le && (q[1] == '(' || q[1] == '{')) {
			depth++;
			q++;
		} else if ((*q == ')' || *q == '}') && depth) {
			depth--;
		} else if (!depth && (*q == '=' || *q == '#')) {
			return false;
		} else if (!depth && *q == ':') {
			return !(q + 1 < text + le && q[1] == '=');
		}
	}
	return false;
}

/*
 * Is variable 'name' read anywhere ("$(name)", "${name}", "$(name:a=b)")
 * but in a rule line?  A line starting with a tab may be a recipe or not:
 * it counts.
 */
static bool referenced(const char *text, size_t len, const struct scan *sc,
		       const char *name, size_t n)
{
	struct kc_buf ref = KC_BUF_INIT;
	bool r = false;
	size_t i;

	for (i = 0; i < 2 && !r; i++) {
		const char *p = text, *e = text + len, *hit;

		kc_buf_reset(&ref);
		kc_buf_adds(&ref, i ? "${" : "$(");
		kc_buf_add(&ref, name, n);
		while (!r && (hit = memmem(p, (size_t)(e - p), ref.data, ref.len))) {
			const char *after = hit + ref.len;
			size_t ls, le;

			p = after;
			if (after < e && *after != ')' && *after != '}' && *after != ':')
				continue;	/* another name */
			line_of(sc, (size_t)(hit - text), &ls, &le);
			r = text[ls] == '\t' || !rule_line(text, ls, le);
		}
	}
	kc_buf_free(&ref);
	return r;
}

/*
 * A reading back of a list of 'prefix' at text + at ("$(prefix-y)" or
 * "$(prefix-m)", n bytes) that a placeholder word can stand for: in a rule
 * line (never read), or a word of the value of an assignment after every
 * simple line of the prefix, outside functions, to a list the Makefile
 * never reads back itself.  The words of the placeholder are then the
 * list's, each under its condition (add_leaf).
 */
static bool placeholder_ok(const char *text, size_t len, const struct scan *sc,
			   const char *prefix, bool tri_only, size_t last_simple,
			   size_t at, size_t *n)
{
	size_t pn = strlen(prefix), ls, le, k;
	const char *p = text + at, *q, *op = NULL, *name_end;
	char close = p[1] == '(' ? ')' : '}';
	int depth = 0;

	if (at + 2 + pn + 2 > len || (p[2 + pn] != 'y' && p[2 + pn] != 'm') ||
	    p[3 + pn] != close)
		return false;
	*n = 4 + pn;
	line_of(sc, at, &ls, &le);
	if (text[ls] == '\t' || in_ranges(&sc->in_define, at))
		return false;
	for (q = text + ls; q < text + le; q++) {
		if (*q == '$' && q + 1 < text + le && (q[1] == '(' || q[1] == '{')) {
			depth++;
			q++;
		} else if ((*q == ')' || *q == '}') && depth) {
			depth--;
		} else if (!depth && *q == '#') {
			return false;
		} else if (!depth && *q == '=') {
			op = q;
			break;
		} else if (!depth && *q == ':') {
			if (q + 1 < text + le && q[1] == '=') {
				op = q;
				break;
			}
			*n = 0;
			return true;	/* a rule: not read */
		}
	}
	if (!op || p < op || ls < last_simple)
		return false;
	/* outside functions: no reference open at p */
	for (q = op, depth = 0; q < p; q++) {
		if (*q == '$' && (q[1] == '(' || q[1] == '{')) {
			depth++;
			q++;
		} else if ((*q == ')' || *q == '}') && depth) {
			depth--;
		}
	}
	if (depth)
		return false;
	name_end = op;
	while (name_end > text + ls && strchr(" \t+?:!", name_end[-1]))
		name_end--;
	q = skip_ws(text + ls, name_end);
	for (k = 0; q + k < name_end; k++)
		if (q[k] == '$' || q[k] == ' ' || q[k] == '\t')
			return false;
	if (!k || names_list(prefix, q, (size_t)(name_end - q), tri_only))
		return false;
	return !referenced(text, len, sc, q, (size_t)(name_end - q));
}

/*
 * May the simple lines of 'prefix' be taken out of the text?  The places
 * where the lists are read back, each replaced by a placeholder, go to
 * 'at' as offset and length pairs.
 */
static bool prefix_free(const char *text, size_t len, const struct scan *sc,
			const char *prefix, bool tri_only, size_t first_start,
			size_t last_end, struct kc_vec *at)
{
	struct kc_buf ref = KC_BUF_INIT;
	bool ok = true;
	size_t i;

	for (i = 0; i < 2 && ok; i++) {
		const char *p = text, *e = text + len, *hit;

		kc_buf_reset(&ref);
		kc_buf_addf(&ref, "%s%s", i ? "${" : "$(", prefix);
		while (ok && (hit = memmem(p, (size_t)(e - p), ref.data, ref.len))) {
			size_t n = 0;

			ok = placeholder_ok(text, len, sc, prefix, tri_only, last_end,
					    (size_t)(hit - text), &n);
			if (ok && n) {
				kc_vec_push(at, (void *)(size_t)(hit - text));
				kc_vec_push(at, (void *)n);
			}
			p = hit + ref.len;
		}
	}
	for (i = 0; ok && i < sc->lines.len; i += 2) {
		size_t s = (size_t)sc->lines.items[i], e = (size_t)sc->lines.items[i + 1];

		if (s > first_start && reassigns(text + s, text + e, prefix, tri_only))
			ok = false;
	}
	kc_buf_free(&ref);
	return ok;
}

/* ---- reading one folder ---------------------------------------------------------- */

/* A provider that gives one Makefile rewritten and every other file as is. */
struct wrap_fs {
	struct kc_fs fs;
	const struct kc_fs *inner;
	const char *path;
	const char *text;
	size_t len;
	const struct kc_vec *slices;	/* struct slice_file *, or NULL */
	struct presence_state *ps;	/* its copies of the files read */
};

/*
 * A file of the tree as the first reading read it: a folder is read once
 * per leaf of its decision tree and the files it includes with it
 * (amdgpu's dozens of Makefiles, thousands of times), and the tree does
 * not change meanwhile.
 */
struct file_copy {
	char *data;		/* NULL: the read failed */
	size_t len;
	int rc;
	const char *why;
};

static int give(const char *text, size_t n, char **data, size_t *len)
{
	*data = kc_xmalloc(n + 1);
	memcpy(*data, text, n);
	(*data)[n] = 0;
	*len = n;
	return 0;
}

static int read_copy(struct wrap_fs *w, const char *path, char **data,
		     size_t *len, const char **why)
{
	struct presence_state *ps = w->ps;
	struct file_copy *c = ps && ps->files ? kc_map_get(ps->files, path) : NULL;

	if (!c && ps && ps->files) {
		c = kc_arena_alloc(ps->a, sizeof(*c));
		memset(c, 0, sizeof(*c));
		c->rc = kc_fs_read(w->inner, path, &c->data, &c->len, &c->why);
		if (c->rc != 0) {
			free(c->data);
			c->data = NULL;
			c->why = kc_arena_strdup(ps->a, c->why ? c->why : "unreadable");
		}
		kc_map_put(ps->files, kc_arena_strdup(ps->a, path), c);
		kc_vec_push(&ps->file_copies, c);
	}
	if (!c)
		return kc_fs_read(w->inner, path, data, len, why);
	if (c->rc != 0) {
		*why = c->why;
		return c->rc;
	}
	return give(c->data, c->len, data, len);
}

static int wrap_read(void *ctx, const char *path, char **data, size_t *len,
		     const char **why)
{
	struct wrap_fs *w = ctx;
	size_t i;

	/* a slice of the Makefile is cut from its rewritten text */
	for (i = 0; w->slices && i < w->slices->len; i++) {
		const struct slice_file *f = w->slices->items[i];

		if (!strcmp(path, f->path))
			return give(f->out, f->len, data, len);
	}
	if (w->path && !strcmp(path, w->path))
		return give(w->text, w->len, data, len);
	return read_copy(w, path, data, len, why);
}

static int wrap_list(void *ctx, const char *path, struct kc_vec *names,
		     const char **why)
{
	struct wrap_fs *w = ctx;

	return kc_fs_list(w->inner, path, names, why);
}

static char *wrap_canonical(void *ctx, const char *path)
{
	struct wrap_fs *w = ctx;

	return kc_fs_canonical(w->inner, path);
}

/* The folder being read: its simple lines and the decision tree. */
struct folder {
	struct presence_state *ps;
	const char *dir;
	const char *path;		/* its Makefile */
	struct kc_vec simple;		/* struct simple *, taken out */
	struct folder_lists sfl;	/* the lists of those lines alone */
	/*
	 * What the reading read, in order: a const struct kc_symbol *, or a
	 * struct top_var * (is_var), and the value it was given (for a
	 * variable, the index of its value).
	 */
	struct kc_vec stack;
	int *vals;
	bool *is_var;
	size_t vals_cap, is_var_cap;
	struct kc_buf scratch;
	bool top_phase;			/* reading the arch Makefile */
	/*
	 * The Makefile and the files its readings included, cut to the
	 * lines that can change the lists the readings give (NULL: read
	 * whole); the files in it (or unreadable) by path, the files
	 * included since it was last cut, and the composites whose lists
	 * the cut keeps.
	 */
	struct mk_slice *sl;
	struct kc_map *pool;
	struct kc_vec fresh;		/* const char * */
	struct kc_map *bases;
	struct kc_vec base_names;	/* const char * */
	size_t scanned;			/* files of sl scan_bases read */
};

static void note(struct presence_state *ps, const char *fmt, const char *arg)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	kc_buf_addf(&b, fmt, arg);
	for (i = 0; i < ps->notes->len; i++)
		if (!strcmp(ps->notes->items[i], kc_buf_str(&b)))
			break;
	if (i == ps->notes->len)
		kc_vec_push(ps->notes, kc_xstrdup(kc_buf_str(&b)));
	kc_buf_free(&b);
}

/* An int, hex or string symbol: the default configuration's value. */
static const char *other_value(struct folder *f, const struct kc_symbol *sym)
{
	const char *v;

	note(f->ps, "CONFIG_%s (int, hex or string) is read with its default value",
	     sym->name);
	if (!kc_eval_written(f->ps->defaults, sym))
		return NULL;
	v = kc_eval_string(f->ps->defaults, sym);
	kc_buf_reset(&f->scratch);
	if (sym->type == KC_T_STRING)
		kc_config_quote(v, &f->scratch);
	else
		kc_buf_adds(&f->scratch, v);
	return kc_arena_strdup(f->ps->a, kc_buf_str(&f->scratch));
}

/*
 * A variable the arch Makefile leaves to every folder (exported, or
 * ARCH_CORE, ARCH_LIB, ARCH_DRIVERS), with each value it takes and the
 * condition under which it takes it.
 */
struct top_var {
	const char *name;
	struct kc_vec values;	/* const char *, NULL: not defined */
	int *conds;
	size_t conds_cap;
};

/* The top read once: every folder's reading starts from it. */
struct presence_top {
	struct kc_kbuild_top *base;	/* Kbuild.include, the globals */
	struct kc_vec vars;		/* struct top_var * */
	struct kc_vec names;		/* const char *: their names */
	struct kc_map *by_name;
	const struct kc_fs *fs;		/* the tree */
	struct kc_arena *a;
	struct kc_map *listings;	/* folder -> struct listing * */
	struct kc_vec listing_vecs;
};

/* A folder's names, listed once (none: no such folder). */
struct listing {
	struct kc_vec names;
	bool none;
};

static size_t push_read(struct folder *f, const void *what, bool is_var)
{
	size_t i = f->stack.len;

	kc_vec_push(&f->stack, (void *)what);
	if (f->stack.len > f->vals_cap)
		KC_GROW(f->vals, f->vals_cap, f->stack.len);
	if (f->stack.len > f->is_var_cap)
		KC_GROW(f->is_var, f->is_var_cap, f->stack.len);
	f->vals[i] = KC_NO;
	f->is_var[i] = is_var;
	return i;
}

static size_t stack_index(const struct folder *f, const void *what)
{
	size_t i;

	for (i = 0; i < f->stack.len; i++)
		if (f->stack.items[i] == what)
			break;
	return i;
}

/* The value of a top variable for this reading: its next branch. */
static const char *top_value(void *ctx, const char *name)
{
	struct folder *f = ctx;
	struct top_var *tv = kc_map_get(f->ps->top->by_name, name);
	size_t i;

	if (!tv || !tv->values.len)
		return NULL;
	if (tv->values.len == 1)
		return tv->values.items[0];
	i = stack_index(f, tv);
	if (i == f->stack.len)
		i = push_read(f, tv, true);
	return tv->values.items[f->vals[i]];
}

static const char *tree_value(void *ctx, const char *name)
{
	struct folder *f = ctx;
	const struct kc_symbol *sym;
	size_t i;

	if (strncmp(name, "CONFIG_", 7))
		return NULL;
	sym = kc_model_lookup(f->ps->m, name + 7);
	if (!sym || sym->type == KC_T_UNKNOWN)
		return NULL;	/* no Kconfig defines it: never set */
	if (sym->type != KC_T_BOOL && sym->type != KC_T_TRISTATE)
		return other_value(f, sym);
	i = stack_index(f, sym);
	if (i == f->stack.len)
		i = push_read(f, sym, false);	/* a new branch: n first */
	return f->vals[i] == KC_YES ? "y" : f->vals[i] == KC_MOD ? "m" : NULL;
}

/* The next leaf of the decision tree; false when every leaf was read. */
static bool next_leaf(struct folder *f)
{
	while (f->stack.len) {
		size_t i = f->stack.len - 1;
		const struct kc_symbol *s = f->stack.items[i];

		if (f->is_var[i]) {
			const struct top_var *tv = f->stack.items[i];

			if ((size_t)f->vals[i] + 1 < tv->values.len) {
				f->vals[i]++;
				return true;
			}
			f->stack.len--;
			continue;
		}
		if (f->vals[i] == KC_NO) {
			f->vals[i] = s->type == KC_T_TRISTATE ? KC_MOD : KC_YES;
			return true;
		}
		if (f->vals[i] == KC_MOD) {
			f->vals[i] = KC_YES;
			return true;
		}
		f->stack.len--;
	}
	return false;
}

static int leaf_cond(struct folder *f)
{
	int c = COND_TRUE;
	size_t i;

	for (i = 0; i < f->stack.len; i++) {
		const struct top_var *tv = f->stack.items[i];

		c = cond_and(f->ps->c, c,
			     f->is_var[i] ? tv->conds[f->vals[i]]
					  : cond_is(f->ps->c, f->stack.items[i],
						    1u << f->vals[i]));
	}
	return c;
}

/* A folder to read, with the conditions its parent gives it. */
struct pending {
	const char *dir;
	int nb, nm;		/* need-builtin, need-modorder */
};

static char *join(struct presence_state *ps, const char *dir, const char *name)
{
	struct kc_buf b = KC_BUF_INIT;
	char *s;

	if (strcmp(dir, "."))
		kc_buf_addf(&b, "%s/", dir);
	kc_buf_adds(&b, name);
	s = kc_arena_strdup(ps->a, kc_buf_str(&b));
	kc_buf_free(&b);
	return s;
}

static bool path_under(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return !strcmp(dir, ".") ||
	       (!strncmp(path, dir, n) && (path[n] == '/' || !path[n]));
}

static bool asked(const struct presence_state *ps, const char *path)
{
	size_t i;

	if (!ps->n_under)
		return true;
	for (i = 0; i < ps->n_under; i++)
		if (path_under(ps->under[i], path))
			return true;
	return false;
}

/* Is the folder asked for, or on the way to one? */
static bool on_the_way(const struct presence_state *ps, const char *dir)
{
	size_t i;

	if (asked(ps, dir))
		return true;
	for (i = 0; i < ps->n_under; i++)
		if (path_under(dir, ps->under[i]))
			return true;
	return false;
}

/*
 * The names in folder 'dir' (the options' list), each folder listed once
 * for every reading.
 */
static int cached_list(void *ctx, const char *dir, struct kc_vec *names)
{
	struct presence_top *t = ctx;
	struct listing *l = kc_map_get(t->listings, dir);
	const char *why;
	size_t i;

	if (!l) {
		l = kc_xcalloc(1, sizeof(*l));
		if (kc_fs_list(t->fs, dir, &l->names, &why) != 0)
			l->none = true;
		kc_vec_push(&t->listing_vecs, l);
		kc_map_put(t->listings, kc_arena_strdup(t->a, dir), l);
	}
	if (l->none)
		return -1;
	for (i = 0; i < l->names.len; i++)
		kc_vec_push(names, kc_xstrdup(l->names.items[i]));
	return 0;
}

/* kbuild-file in scripts/Kbuild.include: Kbuild when there is one. */
static char *makefile_of(struct presence_state *ps, const char *dir)
{
	struct kc_vec names = KC_VEC_INIT;
	const char *why;
	bool kbuild = false;
	size_t i;

	if (ps->top ? cached_list(ps->top, dir, &names) == 0
		    : kc_fs_list(ps->kbuild->fs, dir, &names, &why) == 0)
		for (i = 0; i < names.len; i++)
			kbuild |= !strcmp(names.items[i], "Kbuild");
	for (i = 0; i < names.len; i++)
		free(names.items[i]);
	kc_vec_free(&names);
	return join(ps, dir, kbuild ? "Kbuild" : "Makefile");
}

static void record_line(struct folder *f, const struct simple *s)
{
	struct presence_line *l = kc_arena_alloc(f->ps->a, sizeof(*l));
	const char **w = kc_arena_alloc(f->ps->a,
					(s->words.len + 1) * sizeof(*w));
	size_t i;

	l->file = f->path;
	l->line = (int)s->line_no;
	l->dir = f->dir;
	l->prefix = kc_arena_strdup(f->ps->a, s->prefix);
	l->symbol = kc_arena_strdup(f->ps->a, s->symbol);
	for (i = 0; i < s->words.len; i++)
		w[i] = kc_arena_strdup(f->ps->a, s->words.items[i]);
	w[s->words.len] = NULL;
	l->words = w;
	kc_vec_push(&f->ps->lines, l);
}

/* A text inserted into the Makefile at an offset. */
struct edit {
	size_t at;
	char *text;
};

static int cmp_edits(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static void add_edit(struct edit **e, size_t *n, size_t *cap, size_t at,
		     char *text)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*e)[i].at == at) {
			free(text);
			return;
		}
	if (*n == *cap)
		KC_GROW(*e, *cap, *n + 1);
	(*e)[(*n)++] = (struct edit){ at, text };
}

/*
 * The condition of a conditional directive [p, e) on one bool or tristate
 * symbol, as make's reading decides it: "ifeq ($(CONFIG_X),y)" (or m, or
 * empty), "ifneq" of the same, "ifdef CONFIG_X", "ifndef CONFIG_X".  -1
 * for any other form.
 */
static int directive_cond(struct presence_state *ps, const char *p, const char *e)
{
	const char *q, *name;
	const struct kc_symbol *sym;
	unsigned mask;
	bool eq, def;
	char buf[128];
	size_t n;

	p = skip_ws(p, e);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	def = starts_word(p, e, "ifdef") || starts_word(p, e, "ifndef");
	eq = starts_word(p, e, "ifeq") || starts_word(p, e, "ifdef");
	if (!def && !starts_word(p, e, "ifeq") && !starts_word(p, e, "ifneq"))
		return -1;
	q = p + (starts_word(p, e, "ifeq") || starts_word(p, e, "ifdef") ? 4 : 5);
	q = skip_ws(q + (def ? 1 : 0), e);
	if (!def) {
		if (e - q < 12 || memcmp(q, "($(CONFIG_", 10))
			return -1;
		q += 10;
	} else if (e - q < 8 || memcmp(q, "CONFIG_", 7)) {
		return -1;
	} else {
		q += 7;
	}
	name = q;
	while (q < e && ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
			 (*q >= '0' && *q <= '9') || *q == '_'))
		q++;
	n = (size_t)(q - name);
	if (!n || n >= sizeof(buf))
		return -1;
	if (def) {
		if (q != e)
			return -1;
		mask = 6;	/* a non-empty value: y or m */
	} else {
		if (e - q < 3 || q[0] != ')' || q[1] != ',' || e[-1] != ')')
			return -1;
		q += 2;
		if (e - q == 1)
			mask = 1;	/* "": n */
		else if (e - q == 2 && *q == 'y')
			mask = 4;
		else if (e - q == 2 && *q == 'm')
			mask = 2;
		else
			return -1;
	}
	memcpy(buf, name, n);
	buf[n] = 0;
	sym = kc_model_lookup(ps->m, buf);
	if (!sym || (sym->type != KC_T_BOOL && sym->type != KC_T_TRISTATE))
		return -1;
	if (!eq)
		mask = 7 & ~mask;
	return cond_is(ps->c, sym, mask);
}

/*
 * Is the first line from sc's line index 'from' on that is not blank, a
 * comment or a conditional directive started by a tab?  Its being a
 * recipe line or not may depend on the assignments of a block before it
 * (make ends a rule's recipe at an assignment), so that block stays.
 */
static bool recipe_may_follow(const char *text, const struct scan *sc, size_t from)
{
	size_t i;

	for (i = from; i < sc->lines.len; i += 2) {
		size_t ls = (size_t)sc->lines.items[i], le = (size_t)sc->lines.items[i + 1];
		const char *w = skip_ws(text + ls, text + le), *e = text + le;

		if (w == e || *w == '#')
			continue;
		if (text[ls] == '\t')
			return true;
		if (!starts_word(w, e, "ifeq") && !starts_word(w, e, "ifneq") &&
		    !starts_word(w, e, "ifdef") && !starts_word(w, e, "ifndef") &&
		    !starts_word(w, e, "else") && !starts_word(w, e, "endif"))
			return false;
	}
	return false;
}

/*
 * A conditional at the top of the text on one symbol (directive_cond),
 * without else, holding only simple lines taken out, blank lines and
 * comments, is taken out too: its lines are added under its condition, and
 * the reading does not decide it (which would double the readings for
 * each such block: kernel/bpf has seven).
 */
static void blocks_taken_out(struct folder *f, const char *text,
			     const struct scan *sc, char *out)
{
	size_t i, k, open_at = 0, open_end = 0, first_simple = 0, at_simple = 0;
	int depth = 0, cond = -1;
	bool ok = false;

	/*
	 * Not when a define body may hold directives, nor when the text
	 * includes a file, calls $(eval) or sets a CONFIG_ variable itself:
	 * the symbol's value might not be the configuration's then.
	 */
	if (sc->in_define.len || sc->eval)
		return;
	for (i = 0; i < sc->lines.len; i += 2) {
		size_t ls = (size_t)sc->lines.items[i], le = (size_t)sc->lines.items[i + 1];
		const char *w = skip_ws(text + ls, text + le), *r = w;

		if (starts_word(w, text + le, "include") || starts_word(w, text + le, "-include") ||
		    starts_word(w, text + le, "sinclude"))
			return;
		for (;;) {
			static const char *const kw[] = { "export", "override", "private",
							  "define", "undefine" };
			size_t k2;

			for (k2 = 0; k2 < 5 && !starts_word(r, text + le, kw[k2]); k2++)
				;
			if (k2 == 5)
				break;
			r = skip_ws(r + strlen(kw[k2]), text + le);
		}
		if ((size_t)(text + le - r) >= 7 && !memcmp(r, "CONFIG_", 7))
			return;
	}
	for (i = 0; i < sc->lines.len; i += 2) {
		size_t ls = (size_t)sc->lines.items[i], le = (size_t)sc->lines.items[i + 1];
		const char *w = skip_ws(text + ls, text + le);
		const struct simple *s;

		while (at_simple < f->simple.len &&
		       ((const struct simple *)f->simple.items[at_simple])->start < ls)
			at_simple++;
		s = at_simple < f->simple.len ? f->simple.items[at_simple] : NULL;
		if (s && s->start != ls)
			s = NULL;
		if (starts_word(w, text + le, "ifeq") || starts_word(w, text + le, "ifneq") ||
		    starts_word(w, text + le, "ifdef") || starts_word(w, text + le, "ifndef")) {
			if (!depth++) {
				open_at = ls;
				open_end = le;
				first_simple = at_simple;
				cond = text[ls] == '\t' ? -1 :
				       directive_cond(f->ps, text + ls, text + le);
				ok = cond >= 0;
			} else {
				ok = false;
			}
		} else if (starts_word(w, text + le, "endif")) {
			if (depth && !--depth && ok && text[ls] != '\t' &&
			    !recipe_may_follow(text, sc, i + 2)) {
				for (k = open_at; k < open_end; k++)
					if (out[k] != '\n')
						out[k] = ' ';
				for (k = ls; k < le; k++)
					if (out[k] != '\n')
						out[k] = ' ';
				for (k = first_simple; k < at_simple; k++) {
					struct simple *t = f->simple.items[k];

					t->depth = 0;
					t->cond = cond;
				}
			}
		} else if (depth && w < text + le && *w != '#' && !(s && s->depth == 1)) {
			ok = false;	/* a line the reading must read */
		}
	}
}

#define MARKS "kc-marks-y"
#define PLACEHOLDER "kc-list:"

/*
 * The Makefile's text with the simple lines that can be taken out blanked
 * (newlines kept, so diagnostics keep their line numbers) and each reading
 * back of their lists followed by a placeholder word ("kc-list:vfio-y");
 * a line inside a conditional leaves "kc-marks-y += N" (N its index in
 * f->simple), so the reading says whether it was reached.  Those lines go
 * to f->simple.  *out_len: the new text's length.
 */
static char *take_out_simple(struct folder *f, const char *text, size_t len,
			     size_t *out_len)
{
	struct scan sc = { KC_VEC_INIT, KC_VEC_INIT, KC_VEC_INIT, false, false };
	struct kc_vec rejected = KC_VEC_INIT;
	struct kc_buf res = KC_BUF_INIT;
	struct edit *edits = NULL;
	size_t n_edits = 0, cap = 0;
	char *out = kc_xmalloc(len + 1);
	size_t i, k, at;
	bool marks = memmem(text, len, MARKS, strlen(MARKS)) != NULL;

	memcpy(out, text, len);
	out[len] = 0;
	scan_lines(text, len, &sc);
	for (i = 0; i < sc.simple.len; i++) {
		struct simple *s = sc.simple.items[i];
		struct kc_vec here = KC_VEC_INIT;
		size_t first = s->start, last = s->end;
		bool nested = false, tri_only = true;

		if (sc.unsure) {
			kc_vec_push(&rejected, s);
			continue;
		}

		for (k = 0; k < sc.simple.len; k++) {
			const struct simple *t = sc.simple.items[k];
			const struct kc_symbol *sym;

			if (strcmp(t->prefix, s->prefix))
				continue;
			if (t->start < first)
				first = t->start;
			if (t->end > last)
				last = t->end;
			nested |= t->depth > 0;
			sym = kc_model_lookup(f->ps->m, t->symbol);
			if (sym && sym->type != KC_T_BOOL && sym->type != KC_T_TRISTATE &&
			    sym->type != KC_T_UNKNOWN)
				tri_only = false;
		}
		if (!prefix_free(text, len, &sc, s->prefix, tri_only, first, last, &here) ||
		    (nested && (here.len || marks))) {
			/* freed below: the lines after it still compare with it */
			kc_vec_push(&rejected, s);
			kc_vec_free(&here);
			continue;
		}
		for (k = 0; k < here.len; k += 2) {
			size_t off = (size_t)here.items[k], n = (size_t)here.items[k + 1];
			struct kc_buf t = KC_BUF_INIT;

			kc_buf_adds(&t, " " PLACEHOLDER);
			kc_buf_add(&t, text + off + 2, n - 3);
			add_edit(&edits, &n_edits, &cap, off + n, kc_xstrdup(kc_buf_str(&t)));
			kc_buf_free(&t);
		}
		kc_vec_free(&here);
		for (k = s->start; k < s->end; k++)
			if (out[k] != '\n')
				out[k] = ' ';
		s->taken = true;
		kc_vec_push(&f->simple, s);
		record_line(f, s);
	}
	blocks_taken_out(f, text, &sc, out);
	/*
	 * What stands in a taken-out line's place: a line still inside a
	 * conditional leaves its mark; one the reading always read, an empty
	 * assignment, which ends a rule's recipe as the line did (a tab line
	 * after it is not a recipe line).
	 */
	for (i = 0; i < f->simple.len; i++) {
		const struct simple *s = f->simple.items[i];
		struct kc_buf t = KC_BUF_INIT;

		if (s->depth)
			kc_buf_addf(&t, MARKS " += %zu", i);
		else if (s->cond == COND_TRUE)
			kc_buf_adds(&t, "kc-taken :=");
		else
			continue;	/* a block's: see blocks_taken_out */
		add_edit(&edits, &n_edits, &cap, s->start, kc_xstrdup(kc_buf_str(&t)));
		kc_buf_free(&t);
	}
	for (i = 0; i < rejected.len; i++)
		simple_free(rejected.items[i]);
	kc_vec_free(&rejected);
	kc_vec_free(&sc.simple);
	kc_vec_free(&sc.lines);
	kc_vec_free(&sc.in_define);
	if (n_edits)
		qsort(edits, n_edits, sizeof(*edits), cmp_edits);
	for (i = 0, at = 0; i < n_edits; i++) {
		kc_buf_add(&res, out + at, edits[i].at - at);
		kc_buf_adds(&res, edits[i].text);
		at = edits[i].at;
		free(edits[i].text);
	}
	kc_buf_add(&res, out + at, len - at);
	free(edits);
	free(out);
	*out_len = res.len;
	out = kc_xstrdup(kc_buf_str(&res));
	kc_buf_free(&res);
	return out;
}

/* What simple line s adds under condition c: words in prefix-y, -m or -. */
static void add_simple_line(struct folder *f, struct folder_lists *fl,
			    const struct simple *s, int c0)
{
	struct presence_state *ps = f->ps;
	const struct kc_symbol *sym = kc_model_lookup(ps->m, s->symbol);
	bool tri = sym && (sym->type == KC_T_BOOL || sym->type == KC_T_TRISTATE);
	struct kc_buf name = KC_BUF_INIT;
	size_t k, v;

	for (v = 0; v < 3; v++) {
		static const char *const suffix[] = { "", "m", "y" };
		int c;

		if (!tri && v)
			continue;
		if (!tri && sym && sym->type != KC_T_UNKNOWN) {
			const char *val = other_value(f, sym);

			kc_buf_reset(&name);
			kc_buf_addf(&name, "%s%s", s->prefix, val ? val : "");
			c = COND_TRUE;
		} else {
			kc_buf_reset(&name);
			kc_buf_addf(&name, "%s%s", s->prefix, suffix[v]);
			c = tri ? cond_is(ps->c, sym, 1u << v) : COND_TRUE;
		}
		c = cond_and(ps->c, c, c0);
		for (k = 0; k < s->words.len; k++)
			clist_add(ps, fl, kc_buf_str(&name), s->words.items[k], c);
	}
	kc_buf_free(&name);
}

/* The simple lines outside conditionals: always read. */
static void add_simple(struct folder *f, struct folder_lists *fl)
{
	size_t i;

	for (i = 0; i < f->simple.len; i++) {
		const struct simple *s = f->simple.items[i];

		if (!s->depth)
			add_simple_line(f, fl, s, s->cond);
	}
}

/* The lists one leaf's reading left, under the leaf's condition. */
static void add_leaf(struct folder *f, const struct kc_kbuild_result *r,
		     int c, struct folder_lists *fl)
{
	const struct kc_kbuild_dir *self = r->dirs.items[0];
	size_t i, k;

	for (i = 0; i < self->n_lists; i++) {
		const struct kc_kbuild_list *l = &self->lists[i];
		const char *p = l->value;

		if (!strcmp(l->name, MARKS)) {
			/* the simple lines inside conditionals this reading reached */
			while (*p) {
				char *end;
				unsigned long n = strtoul(p, &end, 10);

				if (end == p)
					break;
				if (n < f->simple.len)
					add_simple_line(f, fl, f->simple.items[n], c);
				p = end;
				while (*p == ' ')
					p++;
			}
			continue;
		}
		while (*p) {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			char *w = kc_arena_strndup(f->ps->a, p, n);

			if (!strncmp(w, PLACEHOLDER, strlen(PLACEHOLDER))) {
				/* the words the simple lines gave that list */
				const char *name = w + strlen(PLACEHOLDER);
				const struct clist *src = kc_map_get(f->sfl.by_name, name);

				for (k = 0; src && k < src->words.len; k++) {
					const char *x = src->words.items[k];

					clist_add(f->ps, fl, l->name, x,
						  cond_and(f->ps->c, c,
							   clist_cond(&f->sfl, name, x)));
				}
			} else {
				clist_add(f->ps, fl, l->name, w, c);
			}
			p += n;
			while (*p == ' ')
				p++;
		}
	}
}

static void copy_diags(struct presence_state *ps, const struct kc_diags *d)
{
	size_t i;

	for (i = 0; i < d->len; i++)
		kc_diags_add(ps->diags, d->items[i].severity, d->items[i].file,
			     d->items[i].line, d->items[i].col, "%s",
			     d->items[i].message);
	if (d->errors)
		ps->failed = true;
}

/* The options of a reading through wfs, with f's decision tree. */
static void reading_options(struct presence_state *ps, struct folder *f,
			    struct wrap_fs *wfs, struct kc_kbuild_options *opt)
{
	*opt = *ps->kbuild;
	wfs->inner = ps->kbuild->fs;
	wfs->ps = ps;
	wfs->fs = *ps->kbuild->fs;
	wfs->fs.read = wrap_read;
	wfs->fs.list = wrap_list;
	wfs->fs.canonical = wrap_canonical;
	wfs->fs.ctx = wfs;
	opt->fs = &wfs->fs;
	opt->config = tree_value;
	opt->config_ctx = f;
	opt->enter = NULL;
	opt->included = NULL;
	opt->modinfo = false;
	if (ps->top) {
		opt->list = cached_list;
		opt->list_ctx = ps->top;
	}
}

static void folder_free(struct folder *f)
{
	size_t i;

	for (i = 0; i < f->simple.len; i++)
		simple_free(f->simple.items[i]);
	kc_vec_free(&f->simple);
	if (f->sfl.by_name)
		folder_lists_free(&f->sfl);
	kc_vec_free(&f->stack);
	free(f->vals);
	free(f->is_var);
	kc_buf_free(&f->scratch);
	if (f->sl) {
		mk_slice_free(f->sl);
		free(f->sl);
	}
	if (f->pool)
		kc_map_free(f->pool);
	kc_vec_free(&f->fresh);
	if (f->bases)
		kc_map_free(f->bases);
	kc_vec_free(&f->base_names);
}

/* A file a reading included: one the cut has not seen goes to f->fresh. */
static void folder_included(void *ctx, const char *path)
{
	struct folder *f = ctx;
	size_t i;

	if (kc_map_get(f->pool, path))
		return;
	for (i = 0; i < f->fresh.len; i++)
		if (!strcmp(f->fresh.items[i], path))
			return;
	kc_vec_push(&f->fresh, kc_arena_strdup(f->ps->a, path));
}

/*
 * The composites obj-y and obj-m name in fl ("foo.o": foo-objs, foo-y,
 * foo-m, foo-), added to those whose lists the cut keeps; true when one
 * is new.
 */
static bool add_base(struct folder *f, const char *w, size_t n)
{
	char *base;

	if (n < 3 || memcmp(w + n - 2, ".o", 2))
		return false;
	base = kc_arena_strndup(f->ps->a, w, n - 2);
	if (kc_map_get(f->bases, base))
		return false;
	kc_map_put(f->bases, base, base);
	kc_vec_push(&f->base_names, base);
	return true;
}

static bool note_bases(struct folder *f, const struct folder_lists *fl)
{
	static const char *const lists[] = { "obj-y", "obj-m" };
	bool fresh = false;
	size_t i, k;

	for (i = 0; i < 2; i++) {
		const struct clist *l = kc_map_get(fl->by_name, lists[i]);

		for (k = 0; l && k < l->words.len; k++)
			fresh |= add_base(f, l->words.items[k],
					  strlen(l->words.items[k]));
	}
	return fresh;
}

/*
 * Every name "foo.o" written in the files of the cut from f->scanned on:
 * the composites obj-y and obj-m may name, so that a reading that names
 * one seldom has to start over (note_bases).
 */
static void scan_bases(struct folder *f)
{
	for (; f->scanned < f->sl->files.len; f->scanned++) {
		const struct slice_file *sf = f->sl->files.items[f->scanned];
		const char *p = sf->text, *e = sf->text + sf->len;

		while (p < e) {
			const char *w;

			while (p < e && !name_char(*p))
				p++;
			for (w = p; p < e && name_char(*p); p++)
				;
			add_base(f, w, (size_t)(p - w));
		}
	}
}

/*
 * Cuts the Makefile and the files it included to the lines that can
 * change what the readings give presence: obj-y, obj-m, lib-y, lib-m,
 * the marks of the simple lines reached, and the lists of the
 * composites obj-y and obj-m name.  The walk records more (subdir-y, a
 * list of every name ending in -y), which nothing here reads.  True when
 * the files as cut are not those the readings so far were given.
 */
static bool folder_cut(struct folder *f)
{
	static const char *const lists[] = { "obj-y", "obj-m", "lib-y", "lib-m",
					     MARKS };
	static const char *const sfx[] = { "-objs", "-y", "-m", "-" };
	struct kc_vec want = KC_VEC_INIT;
	size_t i, k;
	bool changed;

	for (i = 0; i < f->fresh.len; i++) {
		kc_map_put(f->pool, f->fresh.items[i], f->fresh.items[i]);
		mk_slice_add(f->sl, f->fresh.items[i]);
	}
	f->fresh.len = 0;
	scan_bases(f);
	for (i = 0; i < 5; i++)
		kc_vec_push(&want, kc_xstrdup(lists[i]));
	for (i = 0; i < f->base_names.len; i++)
		for (k = 0; k < 4; k++) {
			struct kc_buf b = KC_BUF_INIT;

			kc_buf_addf(&b, "%s%s", (const char *)f->base_names.items[i],
				    sfx[k]);
			kc_vec_push(&want, kc_xstrdup(kc_buf_str(&b)));
			kc_buf_free(&b);
		}
	changed = mk_slice_cut(f->sl, (const char *const *)want.items, want.len);
	for (i = 0; i < want.len; i++)
		free(want.items[i]);
	kc_vec_free(&want);
	return changed;
}

/*
 * After a first reading that read a symbol: the Makefile is cut (its
 * rewritten text, as wfs gives it) so the readings to come are split on
 * fewer symbols.  False when it cannot be (the readings go on whole).
 */
static bool slice_start(struct folder *f, struct wrap_fs *wfs,
			const struct folder_lists *fl)
{
	f->sl = kc_xcalloc(1, sizeof(*f->sl));
	f->sl->fs = &wfs->fs;
	f->sl->open_includes = true;
	if (!mk_slice_read(f->sl, f->path)) {
		mk_slice_free(f->sl);
		free(f->sl);
		f->sl = NULL;
		return false;
	}
	f->bases = kc_map_new(16);
	note_bases(f, fl);
	wfs->slices = &f->sl->files;	/* cut before the next reading */
	return true;
}

/* The folder's readings start over, the lists with them. */
static void folder_restart(struct folder *f, struct folder_lists *fl)
{
	folder_lists_free(fl);
	fl->by_name = kc_map_new(64);
	memset(&fl->all, 0, sizeof(fl->all));
	add_simple(f, fl);
	f->stack.len = 0;
}

static bool too_many(struct presence_state *ps, const char *path, size_t leaves)
{
	if (ps->max_runs && ps->runs > ps->max_runs) {
		kc_diags_add(ps->diags, KC_SEV_ERROR, NULL, 0, 0,
			     "more than %zu Makefile readings in all (at %s)",
			     ps->max_runs, path);
		return true;
	}
	if (leaves <= MAX_LEAVES)
		return false;
	kc_diags_add(ps->diags, KC_SEV_ERROR, path, 0, 0,
		     "more than %d readings for the values of the symbols it "
		     "reads", MAX_LEAVES);
	return true;
}

/*
 * Reads folder 'dir' once per leaf of its decision tree: its lists as
 * conditions.  When the first reading read a symbol, the Makefile and the
 * files it included are cut (folder_cut) and the readings start over; so
 * they do when a reading includes a file the cut has not seen, or when
 * obj-y or obj-m names a composite whose lists the cut did not keep and
 * the cut that keeps them is another text.  A cut reading gives those
 * lists as the whole one does in every configuration, so the conditions
 * are the same.
 */
static bool read_folder(struct presence_state *ps, const char *dir,
			struct folder_lists *fl)
{
	struct folder f = { .ps = ps, .dir = dir };
	struct kc_kbuild_options opt;
	struct wrap_fs wfs = { .slices = NULL };

	f.sfl.by_name = kc_map_new(16);
	char *text = NULL, *rewritten = NULL;
	const char *why;
	size_t len, leaves = 0, notes_at;
	bool ok = true;

	reading_options(ps, &f, &wfs, &opt);
	wfs.path = makefile_of(ps, dir);
	f.path = wfs.path;
	kc_vec_push(&ps->makefiles, (void *)wfs.path);
	if (kc_fs_read(ps->kbuild->fs, wfs.path, &text, &len, &why) == 0) {
		rewritten = take_out_simple(&f, text, len, &wfs.len);
		wfs.text = rewritten;
	} else {
		wfs.path = NULL;	/* the walk reports it */
	}
	opt.start_dir = dir;
	opt.no_descend = true;
	if (ps->top) {
		opt.top = ps->top->base;
		opt.top_vars = (const char *const *)ps->top->names.items;
		opt.n_top_vars = ps->top->names.len;
		opt.top_value = top_value;
	}
	opt.included = folder_included;
	f.pool = kc_map_new(16);
	notes_at = ps->notes->len;
	add_simple(&f, fl);
	add_simple(&f, &f.sfl);
	for (;;) {
		bool again = false;

		do {
			struct kc_diags d = KC_DIAGS_INIT;
			struct kc_kbuild_result *r = kc_kbuild_walk(&opt, &d);

			copy_diags(ps, &d);
			kc_diags_free(&d);
			ps->runs++;
			if (!r || ps->failed || too_many(ps, f.path, ++leaves)) {
				kc_kbuild_result_free(r);
				ok = false;
				break;
			}
			add_leaf(&f, r, leaf_cond(&f), fl);
			kc_kbuild_result_free(r);
			if (f.sl ? f.fresh.len != 0
				 : leaves == 1 && f.stack.len && wfs.path &&
				   slice_start(&f, &wfs, fl))
				again = true;
		} while (!again && next_leaf(&f));
		if (!ok)
			break;
		if (again)
			folder_cut(&f);
		else if (f.sl && note_bases(&f, fl))
			/*
			 * One more pass for all the composites this one named,
			 * unless the cut that keeps their lists is the same
			 * text: its readings would be these.
			 */
			again = folder_cut(&f);
		if (!again)
			break;
		/* the notes are those of the readings whose lists count */
		while (ps->notes->len > notes_at)
			free(ps->notes->items[--ps->notes->len]);
		folder_restart(&f, fl);
		leaves = 0;
	}
	folder_free(&f);
	free(text);
	free(rewritten);
	return ok;
}

/* ---- the top, read once ------------------------------------------------------------ */

static void top_var_add(struct presence_state *ps, struct top_var *tv,
			const char *value, int c)
{
	size_t i;

	if (c == COND_FALSE)
		return;
	for (i = 0; i < tv->values.len; i++) {
		const char *v = tv->values.items[i];

		if ((!v && !value) || (v && value && !strcmp(v, value))) {
			tv->conds[i] = cond_or(ps->c, tv->conds[i], c);
			return;
		}
	}
	kc_vec_push(&tv->values, value ? kc_arena_strdup(ps->a, value) : NULL);
	if (tv->values.len > tv->conds_cap)
		KC_GROW(tv->conds, tv->conds_cap, tv->values.len);
	tv->conds[i] = c;
}

/*
 * The values variable tv->name takes for every folder, each with its
 * condition: the arch Makefile cut to the lines that can change it (or the
 * lists behind it), read once per value of the symbols those lines read.
 */
static bool top_var_values(struct presence_state *ps, struct mk_slice *sl,
			   struct top_var *tv)
{
	static const char *const core[] = { "core-y" }, *const lib[] = { "libs-y" },
		*const drv[] = { "drivers-y", "drivers-m" };
	struct folder f = { .ps = ps, .dir = "." };
	struct kc_kbuild_options opt;
	struct wrap_fs wfs = { .path = NULL };
	size_t leaves = 0;
	bool ok = true;

	f.path = ((struct slice_file *)sl->files.items[0])->path;
	if (!strcmp(tv->name, "ARCH_CORE"))
		mk_slice_cut(sl, core, 1);
	else if (!strcmp(tv->name, "ARCH_LIB"))
		mk_slice_cut(sl, lib, 1);
	else if (!strcmp(tv->name, "ARCH_DRIVERS"))
		mk_slice_cut(sl, drv, 2);
	else
		mk_slice_cut(sl, &tv->name, 1);
	reading_options(ps, &f, &wfs, &opt);
	wfs.slices = &sl->files;
	do {
		struct kc_diags d = KC_DIAGS_INIT;
		struct kc_kbuild_top *t = kc_kbuild_top_read(&opt, &d);

		copy_diags(ps, &d);
		kc_diags_free(&d);
		ps->runs++;
		if (ps->failed || too_many(ps, f.path, ++leaves)) {
			kc_kbuild_top_free(t);
			ok = false;
			break;
		}
		top_var_add(ps, tv, kc_kbuild_top_value(t, tv->name), leaf_cond(&f));
		kc_kbuild_top_free(t);
	} while (next_leaf(&f));
	folder_free(&f);
	return ok;
}

static void top_free(struct presence_top *t)
{
	size_t i, k;

	if (!t)
		return;
	kc_kbuild_top_free(t->base);
	for (i = 0; i < t->vars.len; i++) {
		struct top_var *tv = t->vars.items[i];

		kc_vec_free(&tv->values);
		free(tv->conds);
		free(tv);
	}
	kc_vec_free(&t->vars);
	kc_vec_free(&t->names);
	kc_map_free(t->by_name);
	for (i = 0; i < t->listing_vecs.len; i++) {
		struct listing *l = t->listing_vecs.items[i];

		for (k = 0; k < l->names.len; k++)
			free(l->names.items[k]);
		kc_vec_free(&l->names);
		free(l);
	}
	kc_vec_free(&t->listing_vecs);
	kc_map_free(t->listings);
	free(t);
}

/*
 * The top Makefile's part, read once: the globals and scripts/
 * Kbuild.include as every folder's reading starts from them, and each
 * variable the arch Makefile leaves to the folders with its values (a
 * folder that reads one is read once per value).  NULL when the arch
 * Makefile cannot be cut into slices: each folder's reading then reads it.
 */
static struct presence_top *top_read(struct presence_state *ps)
{
	const struct kc_kbuild_options *k = ps->kbuild;
	const char *srcarch = k->srcarch ? k->srcarch : k->arch;
	const char *const known[][2] = {
		{ "srctree", "." }, { "objtree", "." }, { "srcroot", "." },
		{ "ARCH", k->arch ? k->arch : "" }, { "SRCARCH", srcarch ? srcarch : "" },
	};
	static const char *const arch_lists[] = { "ARCH_CORE", "ARCH_LIB",
						  "ARCH_DRIVERS" };
	struct presence_top *t = kc_xcalloc(1, sizeof(*t));
	struct mk_slice sl = { .fs = k->fs, .known = known, .n_known = 5 };
	struct kc_vec names = KC_VEC_INIT;
	struct kc_buf path = KC_BUF_INIT;
	struct kc_kbuild_options opt;
	struct wrap_fs wfs = { .path = NULL };
	struct folder f = { .ps = ps, .dir = "." };
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i;

	t->by_name = kc_map_new(64);
	t->listings = kc_map_new(4096);
	t->fs = k->fs;
	t->a = ps->a;
	ps->top = t;
	if (k->arch) {
		kc_buf_addf(&path, "arch/%s/Makefile", srcarch);
		if (!mk_slice_read(&sl, kc_buf_str(&path)) || k->run_shell ||
		    sl.export_all)
			goto fail;
	}
	/* the base: the arch Makefile cut to nothing, read with no symbol */
	mk_slice_cut(&sl, NULL, 0);
	reading_options(ps, &f, &wfs, &opt);
	wfs.slices = &sl.files;
	opt.config = NULL;
	t->base = kc_kbuild_top_read(&opt, &d);
	copy_diags(ps, &d);
	kc_diags_free(&d);
	for (i = 0; i < 3 && k->arch; i++)
		kc_vec_push(&names, (void *)arch_lists[i]);
	for (i = 0; i < sl.exported.len; i++)
		kc_vec_push(&names, sl.exported.items[i]);
	/* an assignment to a global keeps its export */
	for (i = 0; i < sl.names.len; i++)
		if (kc_kbuild_top_value(t->base, sl.names.items[i]))
			kc_vec_push(&names, sl.names.items[i]);
	for (i = 0; i < names.len && !ps->failed; i++) {
		struct top_var *tv;

		if (kc_map_get(t->by_name, names.items[i]))
			continue;
		tv = kc_xcalloc(1, sizeof(*tv));
		tv->name = kc_arena_strdup(ps->a, names.items[i]);
		kc_vec_push(&t->vars, tv);
		kc_vec_push(&t->names, (void *)tv->name);
		kc_map_put(t->by_name, tv->name, tv);
		if (!top_var_values(ps, &sl, tv))
			break;
	}
	kc_vec_free(&names);
	kc_buf_free(&path);
	mk_slice_free(&sl);
	return t;
fail:
	kc_buf_free(&path);
	mk_slice_free(&sl);
	top_free(t);
	ps->top = NULL;
	return NULL;
}

/* ---- scripts/Makefile.lib on conditions ------------------------------------------- */

static struct presence_item *item(struct presence_state *ps, const char *name,
				  bool is_module)
{
	struct kc_buf k = KC_BUF_INIT;
	struct presence_item *it;

	kc_buf_addf(&k, "%c %s", is_module ? 'm' : 'o', name);
	it = kc_map_get(ps->items, kc_buf_str(&k));
	if (!it) {
		it = kc_arena_alloc(ps->a, sizeof(*it));
		it->name = kc_arena_strdup(ps->a, name);
		it->is_module = is_module;
		it->y = it->m = COND_FALSE;
		kc_map_put(ps->items, kc_arena_strdup(ps->a, kc_buf_str(&k)), it);
		kc_vec_push(&ps->item_list, it);
	}
	kc_buf_free(&k);
	return it;
}

static int list_of(struct presence_state *ps, const struct folder_lists *fl,
		   const char *base, const char *suffix)
{
	struct kc_buf b = KC_BUF_INIT;
	int c;

	kc_buf_addf(&b, "%s%s", base, suffix);
	c = clist_nonempty(ps, fl, kc_buf_str(&b));
	kc_buf_free(&b);
	return c;
}

/* Parts of composite 'base' in the lists of 'suffixes', as conditions. */
static void add_parts(struct presence_state *ps, const struct folder_lists *fl,
		      const char *dir, const char *base,
		      const char *const *suffixes, int c, bool module)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i, k;

	for (i = 0; suffixes[i]; i++) {
		const struct clist *l;

		kc_buf_reset(&b);
		kc_buf_addf(&b, "%s%s", base, suffixes[i]);
		l = kc_map_get(fl->by_name, kc_buf_str(&b));
		for (k = 0; l && k < l->words.len; k++) {
			const char *w = l->words.items[k];
			struct presence_item *it = item(ps, join(ps, dir, w), false);
			int in = cond_and(ps->c, c, clist_cond(fl, kc_buf_str(&b), w));

			if (module)
				it->m = cond_or(ps->c, it->m, in);
			else
				it->y = cond_or(ps->c, it->y, in);
		}
	}
	kc_buf_free(&b);
}

/*
 * One object of obj-y or obj-m: built in when its folder's built-in.a is
 * wanted and obj-y has it; a module when modules.order is wanted, obj-m
 * has it and obj-y does not.  It is a composite when foo-objs, foo-y, foo-
 * (and for a module foo-m) has a word (multi-obj-y, multi-obj-m).
 */
static void lib_object(struct presence_state *ps, const struct folder_lists *fl,
		       const char *dir, const char *o, const struct pending *self)
{
	static const char *const sfx_y[] = { "-objs", "-y", NULL };
	static const char *const sfx_m[] = { "-objs", "-y", "-m", NULL };
	struct cond_mgr *c = ps->c;
	char *base = kc_arena_strndup(ps->a, o, strlen(o) - 2);
	int in_y = clist_cond(fl, "obj-y", o), in_m = clist_cond(fl, "obj-m", o);
	int yb = cond_and(c, self->nb, in_y);
	int mb = cond_and(c, self->nm, cond_and(c, in_m, cond_not(c, in_y)));
	int multi_y = cond_or(c, cond_or(c, list_of(ps, fl, base, "-objs"),
					 list_of(ps, fl, base, "-y")),
			      list_of(ps, fl, base, "-"));
	int multi_m = cond_or(c, multi_y, list_of(ps, fl, base, "-m"));
	struct presence_item *mod = item(ps, join(ps, dir, base), true);
	int sy = cond_and(c, yb, cond_not(c, multi_y));
	int sm = cond_and(c, mb, cond_not(c, multi_m));

	mod->y = cond_or(c, mod->y, yb);
	mod->m = cond_or(c, mod->m, mb);
	/* a composite is never an object of its own */
	if (sy != COND_FALSE || sm != COND_FALSE) {
		struct presence_item *single = item(ps, join(ps, dir, o), false);

		single->y = cond_or(c, single->y, sy);
		single->m = cond_or(c, single->m, sm);
	}
	add_parts(ps, fl, dir, base, sfx_y, cond_and(c, yb, multi_y), false);
	add_parts(ps, fl, dir, base, sfx_m, cond_and(c, mb, multi_m), true);
}

/*
 * "dir/" in obj-y: dir's built-in.a is linked when its parent's is, and
 * its modules.order read when its parent's is; "dir/" in obj-m only the
 * latter (the $(subdir-ym) rule, need-builtin and need-modorder).
 */
static void subfolders(struct presence_state *ps, const struct folder_lists *fl,
		       const struct pending *self, struct kc_vec *kids)
{
	static const char *const lists[] = { "obj-y", "obj-m" };
	struct kc_map *done = kc_map_new(16);
	size_t i, k;

	for (i = 0; i < 2; i++) {
		const struct clist *l = kc_map_get(fl->by_name, lists[i]);

		for (k = 0; l && k < l->words.len; k++) {
			const char *w = l->words.items[k];
			size_t n = strlen(w);
			int in_y = clist_cond(fl, "obj-y", w);
			int in_m = clist_cond(fl, "obj-m", w);
			struct pending *p;

			if (!n || w[n - 1] != '/' || kc_map_get(done, w))
				continue;
			kc_map_put(done, w, (void *)w);
			p = kc_arena_alloc(ps->a, sizeof(*p));
			p->dir = join(ps, self->dir, kc_arena_strndup(ps->a, w, n - 1));
			p->nb = cond_and(ps->c, self->nb, in_y);
			p->nm = cond_and(ps->c, self->nm, cond_or(ps->c, in_y, in_m));
			kc_vec_push(kids, p);
		}
	}
	kc_map_free(done);
}

static void lib_rules(struct presence_state *ps, const struct folder_lists *fl,
		      const struct pending *self)
{
	static const char *const lists[] = { "obj-y", "obj-m" };
	struct kc_map *done = kc_map_new(64);
	size_t i, k;

	for (i = 0; i < 2; i++) {
		const struct clist *l = kc_map_get(fl->by_name, lists[i]);

		for (k = 0; l && k < l->words.len; k++) {
			const char *w = l->words.items[k];
			size_t n = strlen(w);

			if (n < 3 || strcmp(w + n - 2, ".o") || kc_map_get(done, w))
				continue;
			kc_map_put(done, w, (void *)w);
			if (asked(ps, join(ps, self->dir, w)))
				lib_object(ps, fl, self->dir, w, self);
		}
	}
	if (kc_map_get(fl->by_name, "lib-y") || kc_map_get(fl->by_name, "lib-m"))
		note(ps, "the lib-y objects of %s are not given conditions",
		     self->dir);
	kc_map_free(done);
}

/* ---- the whole tree ---------------------------------------------------------------- */

char *presence_folder(struct kc_arena *a, const struct presence_item *it)
{
	const char *slash = strrchr(it->name, '/');

	return kc_arena_strndup(a, it->name, slash ? (size_t)(slash - it->name) : 0);
}

bool kc_presence_compute(struct presence_state *ps)
{
	struct kc_vec queue = KC_VEC_INIT;
	struct pending *top = kc_arena_alloc(ps->a, sizeof(*top));
	size_t at;

	ps->items = kc_map_new(1024);
	ps->files = kc_map_new(4096);
	top_read(ps);
	top->dir = ".";
	top->nb = top->nm = COND_TRUE;
	kc_vec_push(&queue, top);
	for (at = 0; at < queue.len && !ps->failed; at++) {
		struct pending *p = queue.items[at];
		struct folder_lists fl = { kc_map_new(64), KC_VEC_INIT };
		struct kc_vec kids = KC_VEC_INIT;
		size_t i;

		if ((p->nb == COND_FALSE && p->nm == COND_FALSE) ||
		    !on_the_way(ps, p->dir)) {
			folder_lists_free(&fl);
			continue;
		}
		if (read_folder(ps, p->dir, &fl)) {
			lib_rules(ps, &fl, p);
			subfolders(ps, &fl, p, &kids);
			for (i = 0; i < kids.len; i++)
				kc_vec_push(&queue, kids.items[i]);
		}
		kc_vec_free(&kids);
		folder_lists_free(&fl);
	}
	kc_vec_free(&queue);
	top_free(ps->top);
	ps->top = NULL;
	for (at = 0; at < ps->file_copies.len; at++)
		free(((struct file_copy *)ps->file_copies.items[at])->data);
	kc_vec_free(&ps->file_copies);
	kc_map_free(ps->files);
	ps->files = NULL;
	return !ps->failed;
}
