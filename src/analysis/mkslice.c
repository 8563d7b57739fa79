/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mkslice.c - a backward slice of a Makefile (mkslice.h): the lines that
 * can change some variables, found on the text alone.
 *
 * Each logical line is classified as GNU make reads it ("Writing
 * Makefiles" in its manual): a conditional directive, an assignment (its
 * name as a pattern, each reference in it read as '*'), define/endef, an
 * export, an include, a $(error ...), or something the Kbuild reader never
 * reads for variables (rules, recipes, comments, $(info ...)).  Every
 * reference a line makes is collected the same way.  A fixed point then
 * keeps each assignment to a wanted name, adds what it reads to the wanted
 * names, and keeps the conditionals around it; a line calling $(error ...)
 * is kept wherever it is.  The slice is flow insensitive, so it keeps too
 * much rather than too little; where the text is beyond this (a variable
 * assigned under a name computed at reading time, $(eval), in a define's
 * body too, a line a tab could make a recipe), nothing is cut.  The files
 * a Makefile includes are read with it when their paths rest on known
 * variables only (the arch Makefile: $(srctree), $(ARCH)); with
 * open_includes, for paths that rest on the Makefile's own variables
 * (amdgpu's $(FULL_AMD_PATH)/pm/Makefile), each include line is kept and
 * the caller adds the files its readings included.
 */
#include <stdlib.h>
#include <string.h>

#include "mkslice.h"

#define MAX_INCLUDES 16

enum kind {
	K_OTHER,	/* never read for variables, or nothing to keep */
	K_ASSIGN,	/* NAME op value, undefine NAME */
	K_DEFINE,	/* define NAME ... endef */
	K_EXPORT,	/* export / unexport NAMES */
	K_INCLUDE,
	K_ERROR,	/* a line calling $(error ...) */
	K_IF,		/* ifeq, ifneq, ifdef, ifndef */
	K_ELSE,
	K_ENDIF,
};

struct sline {
	size_t file;
	size_t start, end;	/* the lines kept: [start, end) of the text */
	enum kind kind;
	char *name;		/* K_ASSIGN, K_DEFINE: the name as a pattern */
	struct kc_vec words;	/* K_EXPORT: names; char * */
	struct kc_vec refs;	/* char *: the names it reads, as patterns */
	long block;		/* the innermost conditional around it; -1 */
	long include;		/* K_INCLUDE: the file's index; -1 */
	bool tab;		/* starts with a tab: maybe a recipe line */
	bool error;		/* calls $(error ...): may stop the reading */
	bool kept;
};

struct sblock {
	long parent;
	struct kc_vec directives;	/* struct sline * */
	bool kept;
};

struct mk_slice_parse {
	struct mk_slice *s;
	struct kc_vec lines;	/* struct sline * */
	struct kc_vec blocks;	/* struct sblock * */
	bool failed;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p, const char *e)
{
	while (p < e && blank(*p))
		p++;
	return p;
}

/* The end of the logical line at p: backslash-newlines joined. */
static const char *logical_end(const char *p, const char *e)
{
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t bs = 0;

		if (!nl)
			return e;
		while (nl - (long)bs > p && nl[-1 - (long)bs] == '\\')
			bs++;
		if (bs % 2 == 0)
			return nl;
		p = nl + 1;
	}
	return e;
}

/* Does [p, e) start with keyword w, followed by a blank, '(' or the end? */
static const char *keyword(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(e - p) < n || memcmp(p, w, n))
		return NULL;
	if ((size_t)(e - p) > n && !blank(p[n]) && p[n] != '(' && p[n] != '\n' &&
	    p[n] != '\\')
		return NULL;
	return skip_blanks(p + n, e);
}

/* The end of the reference whose opening paren is at p; e if unclosed. */
static const char *ref_end(const char *p, const char *e)
{
	char open = *p, close = open == '(' ? ')' : '}';
	int depth = 0;

	for (; p < e; p++) {
		if (*p == open)
			depth++;
		else if (*p == close && --depth == 0)
			return p;
	}
	return e;
}

/*
 * A name written at p as a pattern: each reference in it is '*'.  Stops
 * at a blank, ':', ',', '=', a closing paren or the end; *next is where.
 */
static char *pattern_at(const char *p, const char *e, const char **next)
{
	struct kc_buf b = KC_BUF_INIT;
	char *r;

	while (p < e && !blank(*p) && *p != ':' && *p != ',' && *p != '=' &&
	       *p != ')' && *p != '}' && *p != '\n' && *p != '#') {
		if (*p == '$' && p + 1 < e && (p[1] == '(' || p[1] == '{')) {
			p = ref_end(p + 1, e);
			p = p < e ? p + 1 : e;
			if (!b.len || b.data[b.len - 1] != '*')
				kc_buf_addc(&b, '*');
			continue;
		}
		if (*p == '$' && p + 1 < e) {
			if (p[1] != '$' && (!b.len || b.data[b.len - 1] != '*'))
				kc_buf_addc(&b, '*');
			p += 2;
			continue;
		}
		if (*p == '\\' && p + 1 < e && p[1] == '\n') {
			p += 2;
			continue;
		}
		kc_buf_addc(&b, *p++);
	}
	*next = p;
	r = kc_xstrdup(kc_buf_str(&b));
	kc_buf_free(&b);
	return r;
}

/* The functions whose first argument names a variable. */
static bool names_variable(const char *fn)
{
	return !strcmp(fn, "call") || !strcmp(fn, "origin") ||
	       !strcmp(fn, "value") || !strcmp(fn, "flavor");
}

static bool is_function(const char *fn)
{
	static const char *const fns[] = {
		"subst", "patsubst", "strip", "findstring", "filter",
		"filter-out", "sort", "word", "wordlist", "words", "firstword",
		"lastword", "dir", "notdir", "suffix", "basename", "addsuffix",
		"addprefix", "join", "wildcard", "realpath", "abspath", "error",
		"warning", "info", "shell", "origin", "flavor", "foreach", "if",
		"or", "and", "call", "eval", "file", "value", "intcmp", "let",
		"guile", NULL
	};
	size_t i;

	for (i = 0; fns[i]; i++)
		if (!strcmp(fn, fns[i]))
			return true;
	return false;
}

/* Every reference in [p, e), pushed onto refs as patterns. */
static void collect_refs(const char *p, const char *e, struct kc_vec *refs)
{
	for (; p < e; p++) {
		const char *q;
		char *name;

		if (*p != '$' || p + 1 >= e)
			continue;
		if (p[1] == '$') {
			p++;
			continue;
		}
		if (p[1] != '(' && p[1] != '{') {
			char one[2] = { p[1], 0 };

			kc_vec_push(refs, kc_xstrdup(one));
			p++;
			continue;
		}
		name = pattern_at(p + 2, e, &q);
		if (q < e && blank(*q) && is_function(name)) {
			if (names_variable(name)) {
				free(name);
				name = pattern_at(skip_blanks(q, e), e, &q);
				kc_vec_push(refs, name);
			} else {
				free(name);
			}
		} else {
			kc_vec_push(refs, name);
		}
		p++;	/* the references inside are found in turn */
	}
}

static struct sline *new_line(struct mk_slice_parse *ps, size_t file, size_t start,
			      size_t end, long block)
{
	struct sline *l = kc_xcalloc(1, sizeof(*l));
	const char *text = ((struct slice_file *)ps->s->files.items[file])->text;

	/*
	 * Wherever it is (a directive, an assignment made at once), it
	 * stops the reading when expanded: kept with what decides it.  A
	 * define's body (end not known yet) is expanded where it is called.
	 */
	l->error = end > start &&
		   (memmem(text + start, end - start, "$(error", 7) ||
		    memmem(text + start, end - start, "${error", 7));
	l->file = file;
	l->start = start;
	l->end = end;
	l->block = block;
	l->include = -1;
	kc_vec_push(&ps->lines, l);
	return l;
}

static bool read_file(struct mk_slice_parse *ps, const char *path, int depth);

/* Expands an include line's words from the known variables; NULL if not. */
static char *include_path(const struct mk_slice *s, const char *p, const char *e)
{
	struct kc_buf b = KC_BUF_INIT;
	char *r = NULL;

	p = skip_blanks(p, e);
	while (e > p && (blank(e[-1]) || e[-1] == '\n'))
		e--;
	while (p < e) {
		if (blank(*p))
			goto out;	/* one file only */
		if (*p == '$' && p + 1 < e && (p[1] == '(' || p[1] == '{')) {
			const char *q = ref_end(p + 1, e);
			size_t i, n = (size_t)(q - p - 2);

			if (q >= e)
				goto out;
			for (i = 0; i < s->n_known; i++)
				if (strlen(s->known[i][0]) == n &&
				    !memcmp(p + 2, s->known[i][0], n))
					break;
			if (i == s->n_known)
				goto out;
			kc_buf_adds(&b, s->known[i][1]);
			p = q + 1;
			continue;
		}
		if (*p == '$')
			goto out;
		kc_buf_addc(&b, *p++);
	}
	r = kc_xstrdup(kc_buf_str(&b));
out:
	kc_buf_free(&b);
	return r;
}

/*
 * Whether a tab line is a recipe line: the reader's in_rule after the
 * lines before it, over every way through the conditionals.
 */
enum rule_state { IN_TEXT, IN_RULE, EITHER };

static enum rule_state merge(enum rule_state a, enum rule_state b)
{
	return a == b ? a : EITHER;
}

struct cond_state {
	enum rule_state start, acc;
	bool has_else;
};

/* Where the rule state of the lines of a file is followed. */
struct file_scan {
	long block;
	enum rule_state state;
	struct cond_state conds[64];
	int nconds;
};

static void directive(struct mk_slice_parse *ps, struct file_scan *fs,
		      struct sline *l, const char *r, const char *le)
{
	struct sblock *b;

	if (l->kind == K_IF) {
		b = kc_xcalloc(1, sizeof(*b));
		b->parent = fs->block;
		kc_vec_push(&ps->blocks, b);
		fs->block = (long)ps->blocks.len - 1;
		l->block = fs->block;
		if (fs->nconds == 64) {
			ps->failed = true;
		} else {
			fs->conds[fs->nconds].start = fs->state;
			fs->conds[fs->nconds].acc = fs->state;
			fs->conds[fs->nconds++].has_else = false;
		}
	} else if (fs->block < 0 || !fs->nconds) {
		ps->failed = true;
		return;
	}
	b = ps->blocks.items[fs->block];
	l->block = fs->block;
	kc_vec_push(&b->directives, l);
	if (r) {
		const char *q;

		collect_refs(r, le, &l->refs);
		if ((q = keyword(r, le, "ifdef")) || (q = keyword(r, le, "ifndef")))
			kc_vec_push(&l->refs, pattern_at(q, le, &q));
	}
	if (l->kind == K_ELSE) {
		struct cond_state *c = &fs->conds[fs->nconds - 1];

		c->acc = c->has_else ? merge(c->acc, fs->state) : fs->state;
		c->has_else = true;
		fs->state = c->start;
	} else if (l->kind == K_ENDIF) {
		struct cond_state *c = &fs->conds[--fs->nconds];

		fs->state = c->has_else ? merge(c->acc, fs->state)
					: merge(c->start, fs->state);
		fs->block = b->parent;
	}
}

/*
 * The assignment operator of [p, e) outside references, as make_read.c's
 * find_op finds it; NULL for a rule (*rule set) or no operator.
 */
static const char *find_assign(const char *p, const char *e, bool *rule)
{
	*rule = false;
	for (; p < e; p++) {
		if (*p == '$' && p + 1 < e && (p[1] == '(' || p[1] == '{')) {
			p = ref_end(p + 1, e);
			if (p >= e)
				return NULL;
			continue;
		}
		if (*p == '#')
			return NULL;
		if (*p == '=' || ((*p == '+' || *p == '?' || *p == '!') &&
				  p + 1 < e && p[1] == '='))
			return p;
		if (*p == ':') {
			size_t n = 1;

			while (p + n < e && p[n] == ':' && n < 3)
				n++;
			if (p + n < e && p[n] == '=')
				return p;
			*rule = true;
			return NULL;
		}
	}
	return NULL;
}

/*
 * Is a tab-started directive surely one: outside any rule on the branch
 * followed, and on every branch of the conditionals around it (a skipped
 * branch leaves the state of the branch taken, under which make may read
 * the line as a recipe line)?
 */
static bool tab_directive_sure(const struct file_scan *fs)
{
	int i;

	if (fs->state != IN_TEXT)
		return false;
	for (i = 0; i < fs->nconds; i++)
		if (fs->conds[i].start != IN_TEXT || fs->conds[i].acc != IN_TEXT)
			return false;
	return true;
}

/* One logical line [p, le) of file 'fi', outside define bodies. */
static void classify(struct mk_slice_parse *ps, size_t fi, const char *text,
		     const char *p, const char *le, struct file_scan *fs,
		     int depth)
{
	const char *s = skip_blanks(p, le), *r, *op;
	bool tab = *p == '\t', exp = false, unexp = false, rule;
	enum rule_state before = fs->state;
	struct sline *l;

	if (s == le || *s == '#')
		return;
	if (tab && fs->state == IN_RULE)
		return;		/* a recipe line: never read */
	if ((r = keyword(s, le, "ifeq")) || (r = keyword(s, le, "ifneq")) ||
	    (r = keyword(s, le, "ifdef")) || (r = keyword(s, le, "ifndef")) ||
	    (r = keyword(s, le, "else")) || keyword(s, le, "endif")) {
		/*
		 * After a rule a tab starts a recipe line (returned above);
		 * outside any, make takes a tab-indented directive as one, as
		 * linux-6.1's arch/x86/Makefile writes them.
		 */
		if (tab && !tab_directive_sure(fs))
			ps->failed = true;	/* a directive or a recipe line */
		l = new_line(ps, fi, (size_t)(p - text), (size_t)(le - text), -1);
		l->kind = keyword(s, le, "else") ? K_ELSE :
			  keyword(s, le, "endif") ? K_ENDIF : K_IF;
		if (l->kind == K_IF)
			r = s;	/* ifdef NAME: NAME is read too */
		directive(ps, fs, l, r, le);
		return;
	}
	if (memmem(s, (size_t)(le - s), "eval", 4))
		ps->failed = true;	/* $(eval) may assign anything */
	l = new_line(ps, fi, (size_t)(p - text), (size_t)(le - text), fs->block);
	l->tab = tab && fs->state != IN_TEXT;
	collect_refs(s, le, &l->refs);
	fs->state = IN_TEXT;
	for (;;) {
		if ((r = keyword(s, le, "override")) || (r = keyword(s, le, "private")))
			s = r;
		else if ((r = keyword(s, le, "export")) && (exp = true))
			s = r;
		else if ((r = keyword(s, le, "unexport")) && (unexp = true))
			s = r;
		else
			break;
	}
	if (!exp && !unexp &&
	    ((r = keyword(s, le, "include")) || (r = keyword(s, le, "-include")) ||
	     (r = keyword(s, le, "sinclude")))) {
		char *path = include_path(ps->s, r, le);

		l->kind = K_INCLUDE;
		if (ps->s->open_includes) {
			/* kept, with what its path reads: the caller adds the files */
		} else if (!path || depth >= MAX_INCLUDES) {
			ps->failed = true;
		} else {
			size_t i;

			for (i = 0; i < ps->s->files.len; i++)
				if (!strcmp(((struct slice_file *)ps->s->files.items[i])->path,
					    path))
					break;
			if (i == ps->s->files.len && !read_file(ps, path, depth + 1) &&
			    keyword(s, le, "include"))
				ps->failed = true;
			for (i = 0; i < ps->s->files.len; i++)
				if (!strcmp(((struct slice_file *)ps->s->files.items[i])->path,
					    path))
					l->include = (long)i;
		}
		free(path);
		goto out;
	}
	if (!exp && !unexp && keyword(s, le, "undefine")) {
		const char *q;

		l->kind = K_ASSIGN;
		l->name = pattern_at(skip_blanks(s + 8, le), le, &q);
		goto out;
	}
	if (!exp && !unexp && keyword(s, le, "vpath"))
		goto out;
	op = find_assign(s, le, &rule);
	if (op) {
		const char *ne = op, *q;

		while (ne > s && (blank(ne[-1]) || ne[-1] == ':'))
			ne--;
		l->kind = K_ASSIGN;
		l->name = pattern_at(s, ne, &q);
		if (q != ne) {
			free(l->name);
			l->name = kc_xstrdup("*");	/* an odd name: any */
		}
		if (exp)
			kc_vec_push(&ps->s->exported, kc_xstrdup(l->name));
		goto out;
	}
	if (rule) {
		fs->state = IN_RULE;	/* a rule or a target-specific one */
		goto out;
	}
	if (exp || unexp) {
		const char *q = s;

		l->kind = K_EXPORT;
		while ((q = skip_blanks(q, le)) < le) {
			const char *n;
			char *w = pattern_at(q, le, &n);

			if (n == q) {
				free(w);
				break;
			}
			kc_vec_push(&l->words, w);
			if (exp)
				kc_vec_push(&ps->s->exported, kc_xstrdup(w));
			q = n;
		}
		if (exp && !l->words.len)
			ps->s->export_all = true;
		goto out;
	}
	/* expanded for its effects: a rule when it expands to one */
	fs->state = merge(before, IN_RULE);
	if (memmem(s, (size_t)(le - s), "$(error", 7) ||
	    memmem(s, (size_t)(le - s), "${error", 7))
		l->kind = K_ERROR;	/* may stop the reading */
out:
	if (tab && before == EITHER)
		fs->state = EITHER;	/* a recipe line, or not */
}

/* A define at p: the lines up to its endef; returns where they end. */
static const char *define_block(struct mk_slice_parse *ps, size_t fi, const char *text,
				const char *p, const char *e, long block)
{
	const char *le = logical_end(p, e), *s = skip_blanks(p, le), *q;
	struct sline *l = new_line(ps, fi, (size_t)(p - text), 0, block);
	int nest = 0;

	for (;;) {
		if ((q = keyword(s, le, "override")) || (q = keyword(s, le, "export")) ||
		    (q = keyword(s, le, "private")))
			s = q;
		else
			break;
	}
	s = keyword(s, le, "define");
	l->kind = K_DEFINE;
	l->name = pattern_at(s, le, &q);
	collect_refs(s, le, &l->refs);
	p = le < e ? le + 1 : e;
	while (p < e) {
		const char *ne = memchr(p, '\n', (size_t)(e - p)), *w;

		ne = ne ? ne : e;
		w = skip_blanks(p, ne);
		collect_refs(p, ne, &l->refs);
		if (memmem(p, (size_t)(ne - p), "eval", 4))
			ps->failed = true;	/* a $(call) of it may assign anything */
		if (keyword(w, ne, "endef") && !nest--) {
			l->end = (size_t)(ne - text);
			return ne < e ? ne + 1 : e;
		}
		if (keyword(w, ne, "define"))
			nest++;
		p = ne < e ? ne + 1 : e;
	}
	ps->failed = true;	/* no endef */
	l->end = (size_t)(e - text);
	return e;
}

static bool read_file(struct mk_slice_parse *ps, const char *path, int depth)
{
	struct slice_file *f;
	const char *why, *p, *e;
	struct file_scan fs = { .block = -1, .state = IN_TEXT };
	char *data;
	size_t len, fi;

	if (kc_fs_read(ps->s->fs, path, &data, &len, &why) != 0)
		return false;
	f = kc_xcalloc(1, sizeof(*f));
	f->path = kc_xstrdup(path);
	f->text = data;
	f->len = len;
	fi = ps->s->files.len;
	kc_vec_push(&ps->s->files, f);
	p = data;
	e = data + len;
	while (p < e) {
		const char *le = logical_end(p, e), *s = skip_blanks(p, le), *q = s;

		for (;;) {
			const char *r;

			if ((r = keyword(q, le, "override")) || (r = keyword(q, le, "export")) ||
			    (r = keyword(q, le, "private")))
				q = r;
			else
				break;
		}
		if (keyword(q, le, "define") && (*p != '\t' || fs.state != IN_RULE)) {
			if (*p == '\t' && fs.state == EITHER)
				ps->failed = true;
			p = define_block(ps, fi, data, p, e, fs.block);
			fs.state = IN_TEXT;
			continue;
		}
		classify(ps, fi, data, p, le, &fs, depth);
		p = le < e ? le + 1 : e;
	}
	if (fs.nconds)
		ps->failed = true;	/* unbalanced: the reader reports it */
	return true;
}

/* Could names written as patterns a and b be the same name? */
static bool may_match(const char *a, const char *b)
{
	const char *sa = strchr(a, '*'), *sb = strchr(b, '*');
	size_t pa, pb, la = strlen(a), lb = strlen(b), xa, xb, n;

	if (!sa && !sb)
		return !strcmp(a, b);
	pa = sa ? (size_t)(sa - a) : la;
	pb = sb ? (size_t)(sb - b) : lb;
	n = pa < pb ? pa : pb;
	if (memcmp(a, b, n))
		return false;
	xa = sa ? la - (size_t)(strrchr(a, '*') + 1 - a) : la;
	xb = sb ? lb - (size_t)(strrchr(b, '*') + 1 - b) : lb;
	n = xa < xb ? xa : xb;
	return !memcmp(a + la - n, b + lb - n, n);
}

static bool wanted(const struct kc_vec *want, const char *name)
{
	size_t i;

	for (i = 0; i < want->len; i++)
		if (may_match(want->items[i], name))
			return true;
	return false;
}

static void want_refs(struct kc_vec *want, const struct kc_vec *refs)
{
	size_t i, k;

	for (i = 0; i < refs->len; i++) {
		for (k = 0; k < want->len; k++)
			if (!strcmp(want->items[k], refs->items[i]))
				break;
		if (k == want->len)
			kc_vec_push(want, refs->items[i]);
	}
}

bool mk_slice_read(struct mk_slice *s, const char *path)
{
	struct mk_slice_parse *ps = kc_xcalloc(1, sizeof(*ps));
	size_t i;

	ps->s = s;
	if (!read_file(ps, path, 0))
		ps->failed = true;
	for (i = 0; i < ps->lines.len; i++) {
		const struct sline *l = ps->lines.items[i];
		size_t k;

		if ((l->kind == K_ASSIGN || l->kind == K_DEFINE) && !strchr(l->name, '*'))
			kc_vec_push(&s->names, kc_xstrdup(l->name));
		for (k = 0; l->kind == K_EXPORT && k < l->words.len; k++)
			if (!strchr(l->words.items[k], '*'))
				kc_vec_push(&s->names, kc_xstrdup(l->words.items[k]));
	}
	s->parse = ps;
	return !ps->failed;
}

bool mk_slice_add(struct mk_slice *s, const char *path)
{
	struct mk_slice_parse *ps = s->parse;

	if (!ps)
		return false;
	if (!read_file(ps, path, 0))
		return false;	/* unread: nothing of it to cut */
	return !ps->failed;
}

/* Keeps line l and the conditionals around it; false: cut nothing. */
static bool keep(struct mk_slice_parse *ps, struct sline *l, struct kc_vec *want)
{
	long b;

	l->kept = true;
	if (l->tab)
		return false;	/* a recipe line, or not: as the reader goes */
	want_refs(want, &l->refs);
	for (b = l->block; b >= 0;) {
		struct sblock *bl = ps->blocks.items[b];
		size_t i;

		if (bl->kept)
			break;
		bl->kept = true;
		for (i = 0; i < bl->directives.len; i++) {
			struct sline *d = bl->directives.items[i];

			d->kept = true;
			want_refs(want, &d->refs);
		}
		b = bl->parent;
	}
	return true;
}

static bool file_kept(const struct mk_slice_parse *ps, long file)
{
	size_t i;

	for (i = 0; i < ps->lines.len; i++) {
		const struct sline *l = ps->lines.items[i];

		if ((long)l->file == file && l->kept)
			return true;
	}
	return false;
}

static bool wants_line(const struct mk_slice_parse *ps, const struct sline *l,
		       const struct kc_vec *want)
{
	size_t k;

	if (l->error)
		return true;
	switch (l->kind) {
	case K_ASSIGN:
	case K_DEFINE:
		return wanted(want, l->name);
	case K_EXPORT:
		if (!l->words.len)
			return true;	/* export every variable */
		for (k = 0; k < l->words.len; k++)
			if (wanted(want, l->words.items[k]))
				return true;
		return false;
	case K_INCLUDE:
		return l->include < 0 || file_kept(ps, l->include);
	case K_ERROR:
		return true;
	default:
		return false;
	}
}

bool mk_slice_cut(struct mk_slice *s, const char *const *want_in, size_t n_want)
{
	struct mk_slice_parse *ps = s->parse;
	struct kc_vec want = KC_VEC_INIT;
	bool whole = !ps || ps->failed, changed = true, differs = false;
	char **old = kc_xcalloc(s->files.len + 1, sizeof(*old));
	size_t i;

	for (i = 0; ps && i < ps->lines.len; i++)
		((struct sline *)ps->lines.items[i])->kept = false;
	for (i = 0; ps && i < ps->blocks.len; i++)
		((struct sblock *)ps->blocks.items[i])->kept = false;
	for (i = 0; i < n_want; i++)
		kc_vec_push(&want, (void *)want_in[i]);
	while (!whole && changed) {
		changed = false;
		for (i = 0; i < ps->lines.len && !whole; i++) {
			struct sline *l = ps->lines.items[i];

			if (l->kept || !wants_line(ps, l, &want))
				continue;
			changed = true;
			if (!keep(ps, l, &want))
				whole = true;
		}
	}
	for (i = 0; i < s->files.len; i++) {
		struct slice_file *f = s->files.items[i];

		old[i] = f->out;
		f->out = kc_xmalloc(f->len + 1);
		memcpy(f->out, f->text, f->len);
		f->out[f->len] = 0;
		if (whole)
			continue;
		for (size_t k = 0; k < f->len; k++)
			if (f->out[k] != '\n')
				f->out[k] = ' ';
	}
	for (i = 0; !whole && i < ps->lines.len; i++) {
		const struct sline *l = ps->lines.items[i];
		struct slice_file *f = s->files.items[l->file];

		if (l->kept)
			memcpy(f->out + l->start, f->text + l->start, l->end - l->start);
	}
	for (i = 0; i < s->files.len; i++) {
		const struct slice_file *f = s->files.items[i];

		differs |= !old[i] || memcmp(old[i], f->out, f->len);
		free(old[i]);
	}
	free(old);
	kc_vec_free(&want);
	return differs;
}

void mk_slice_free(struct mk_slice *s)
{
	struct mk_slice_parse *ps = s->parse;
	size_t i, k;

	for (i = 0; i < s->files.len; i++) {
		struct slice_file *f = s->files.items[i];

		free(f->path);
		free(f->text);
		free(f->out);
		free(f);
	}
	kc_vec_free(&s->files);
	for (i = 0; i < s->names.len; i++)
		free(s->names.items[i]);
	kc_vec_free(&s->names);
	for (i = 0; i < s->exported.len; i++)
		free(s->exported.items[i]);
	kc_vec_free(&s->exported);
	for (i = 0; ps && i < ps->lines.len; i++) {
		struct sline *l = ps->lines.items[i];

		free(l->name);
		for (k = 0; k < l->words.len; k++)
			free(l->words.items[k]);
		kc_vec_free(&l->words);
		for (k = 0; k < l->refs.len; k++)
			free(l->refs.items[k]);
		kc_vec_free(&l->refs);
		free(l);
	}
	for (i = 0; ps && i < ps->blocks.len; i++) {
		struct sblock *b = ps->blocks.items[i];

		kc_vec_free(&b->directives);
		free(b);
	}
	if (ps) {
		kc_vec_free(&ps->lines);
		kc_vec_free(&ps->blocks);
		free(ps);
	}
}
