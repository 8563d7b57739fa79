/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make_read.c - reading a Makefile as GNU make does ("Writing Makefiles"
 * in the GNU make manual): logical lines joined at backslash-newlines,
 * comments, variable assignments of every flavour with the override and
 * export prefixes, define/endef, conditionals, and include.  Rules and
 * their recipes are recognised and skipped: a Kbuild reader needs only the
 * variables.
 */
#include <stdlib.h>
#include <string.h>

#include "make_func.h"

#define MK_MAX_CONDS 64

struct mk_cond {
	bool ignoring;	/* this branch is not read */
	bool taken;	/* a branch of this conditional was read */
	bool outer;	/* the enclosing text is not read */
	int line;
};

struct reader {
	struct mk *m;
	const char *p, *end;
	const char *file;
	int next_line;		/* number of the next physical line */
	struct mk_cond conds[MK_MAX_CONDS];
	int nconds;
	bool in_rule;		/* a tab line is a recipe line */
	struct kc_buf line;	/* the logical line being read */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && blank(*s))
		s++;
	return s;
}

static bool ignoring(const struct reader *r)
{
	return r->nconds && r->conds[r->nconds - 1].ignoring;
}

/* Does the physical line [s, e) end with an unescaped backslash? */
static bool continued(const char *s, const char *e)
{
	size_t n = 0;

	while (e > s && e[-1] == '\\') {
		e--;
		n++;
	}
	return n % 2 == 1;
}

/*
 * The next logical line into r->line; returns false at the end.  With
 * 'raw' the physical lines are kept as they are, newlines included (define
 * bodies); otherwise a backslash-newline and the blanks around it become one
 * space ("Splitting Long Lines").  *first says whether it began with a tab.
 */
static bool next_line(struct reader *r, bool raw, bool *tab)
{
	bool more = true;

	kc_buf_reset(&r->line);
	if (r->p >= r->end)
		return false;
	*tab = *r->p == '\t';
	r->m->file = r->file;
	r->m->line = r->next_line;
	while (more && r->p < r->end) {
		const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
		const char *e = nl ? nl : r->end, *s = r->p;

		r->next_line++;
		r->p = nl ? nl + 1 : r->end;
		if (e > s && e[-1] == '\r')
			e--;
		more = continued(s, e);
		if (raw) {
			kc_buf_add(&r->line, s, (size_t)(e - s));
			if (more)
				kc_buf_addc(&r->line, '\n');
			continue;
		}
		if (r->line.len)
			s = skip_blanks(s, e);
		if (more) {
			e--;
			while (e > s && blank(e[-1]))
				e--;
		}
		kc_buf_add(&r->line, s, (size_t)(e - s));
		if (more && r->line.len && r->line.data[r->line.len - 1] != ' ')
			kc_buf_addc(&r->line, ' ');
	}
	return true;
}

/*
 * Cuts the line at its first unescaped '#' outside variable references
 * (GNU make 4.3: "Number signs (#) appearing inside a macro reference or
 * function invocation no longer introduce comments"); "\#" stands for '#'.
 */
static void strip_comment(struct kc_buf *b)
{
	size_t i, o = 0;
	int depth = 0;

	for (i = 0; i < b->len; i++) {
		char c = b->data[i];

		if (c == '$' && i + 1 < b->len && b->data[i + 1] == '$') {
			b->data[o++] = c;
			b->data[o++] = b->data[++i];
			continue;
		}
		if (c == '$' && i + 1 < b->len &&
		    (b->data[i + 1] == '(' || b->data[i + 1] == '{')) {
			b->data[o++] = c;
			b->data[o++] = b->data[++i];
			depth++;
			continue;
		}
		if (depth && (c == '(' || c == '{'))
			depth++;
		else if (depth && (c == ')' || c == '}'))
			depth--;
		if (c == '#' && !depth) {
			size_t bs = 0;

			while (o > bs && b->data[o - 1 - bs] == '\\')
				bs++;
			if (bs % 2 == 0)
				break;
			o--;	/* "\#": the backslash goes */
		}
		b->data[o++] = c;
	}
	b->len = o;
	b->data[o] = '\0';
}

/* Is [s, end) word 'w' followed by a blank or the end (or '(' when paren)? */
static const char *keyword(const char *s, const char *end, const char *w,
			   bool paren)
{
	size_t n = strlen(w);

	if ((size_t)(end - s) < n || memcmp(s, w, n))
		return NULL;
	s += n;
	if (s == end || blank(*s) || (paren && (*s == '(' || *s == '"' ||
						 *s == '\'')))
		return skip_blanks(s, end);
	return NULL;
}

/* ---- conditionals ------------------------------------------------------------------------ */

/* The two operands of ifeq/ifneq: "(a,b)", "'a' 'b'", "\"a\" \"b\"". */
static int cond_operands(struct reader *r, const char *s, const char *end,
			 struct kc_buf *a, struct kc_buf *b)
{
	const char *a0, *a1, *b0, *b1;
	char term;
	int count = 0;

	if (s >= end)
		return -1;
	if (*s == '(') {
		for (a0 = a1 = s + 1; a1 < end; a1++) {
			if (*a1 == '(')
				count++;
			else if (*a1 == ')')
				count--;
			else if (*a1 == ',' && count <= 0)
				break;
		}
		if (a1 >= end)
			return -1;
		s = a1 + 1;
		while (a1 > a0 && blank(a1[-1]))
			a1--;
		b0 = skip_blanks(s, end);
		for (b1 = b0, count = 0; b1 < end; b1++) {
			if (*b1 == '(')
				count++;
			else if (*b1 == ')' && count-- <= 0)
				break;
		}
	} else if (*s == '"' || *s == '\'') {
		term = *s;
		a0 = s + 1;
		a1 = memchr(a0, term, (size_t)(end - a0));
		if (!a1)
			return -1;
		s = skip_blanks(a1 + 1, end);
		if (s >= end || (*s != '"' && *s != '\''))
			return -1;
		term = *s;
		b0 = s + 1;
		b1 = memchr(b0, term, (size_t)(end - b0));
		if (!b1)
			b1 = end;
	} else {
		return -1;
	}
	if (b1 >= end)
		return -1;
	if (skip_blanks(b1 + 1, end) != end)
		mk_warning(r->m, "extraneous text after 'ifeq' directive");
	mk_expand(r->m, a0, (size_t)(a1 - a0), a);
	mk_expand(r->m, b0, (size_t)(b1 - b0), b);
	return 0;
}

/* ifdef: the variable has a non-empty value (not expanded). */
static bool defined(struct mk *m, const char *s, const char *end)
{
	struct kc_buf name = KC_BUF_INIT;
	const struct mk_frame *f;
	struct mk_var *v;
	const char *n;
	size_t len;
	bool r = false;

	mk_expand(m, s, (size_t)(end - s), &name);
	n = kc_buf_str(&name);
	len = name.len;
	while (len && mk_space(n[len - 1]))
		len--;
	while (len && mk_space(*n)) {
		n++;
		len--;
	}
	f = mk_frame_get(m, n, len);
	v = mk_scope_get(m->scope, n, len);
	if (f)
		r = f->vlen > 0;
	else if (v)
		r = v->value.len > 0;
	else if (len > 7 && !memcmp(n, "CONFIG_", 7) && m->host->config)
		r = m->host->config(m->host->ctx, n, len) != NULL;
	kc_buf_free(&name);
	return r;
}

/* Evaluates "ifeq ...", "ifdef ..." (kw is the keyword); -1: not one. */
static int eval_cond(struct reader *r, const char *s, const char *end,
		     bool *value)
{
	static const char *const kws[] = { "ifeq", "ifneq", "ifdef", "ifndef" };
	struct kc_buf a = KC_BUF_INIT, b = KC_BUF_INIT;
	const char *rest = NULL;
	int k;

	for (k = 0; k < 4 && !rest; k++)
		rest = keyword(s, end, kws[k], k < 2);
	if (!rest)
		return -1;
	k--;
	if (k >= 2) {
		*value = defined(r->m, rest, end) == (k == 2);
		return 0;
	}
	if (cond_operands(r, rest, end, &a, &b) < 0) {
		mk_error(r->m, "invalid syntax in conditional");
		kc_buf_free(&a);
		kc_buf_free(&b);
		return 0;
	}
	*value = (a.len == b.len && !memcmp(kc_buf_str(&a), kc_buf_str(&b),
					    a.len)) == (k == 0);
	kc_buf_free(&a);
	kc_buf_free(&b);
	return 0;
}

static bool is_cond_start(const char *s, const char *end)
{
	return keyword(s, end, "ifeq", true) || keyword(s, end, "ifneq", true) ||
	       keyword(s, end, "ifdef", false) || keyword(s, end, "ifndef", false);
}

/* Handles a conditional directive; returns false when the line is not one. */
static bool conditional(struct reader *r, const char *s, const char *end)
{
	struct mk_cond *c;
	const char *rest;
	bool value = false;

	if (is_cond_start(s, end)) {
		if (r->nconds == MK_MAX_CONDS) {
			mk_error(r->m, "conditionals nested deeper than %d",
				 MK_MAX_CONDS);
			return true;
		}
		c = &r->conds[r->nconds];
		c->outer = ignoring(r);
		c->line = r->m->line;
		if (!c->outer)
			eval_cond(r, s, end, &value);
		r->nconds++;
		c->ignoring = c->outer || !value;
		c->taken = c->outer || value;
		return true;
	}
	if ((rest = keyword(s, end, "else", false))) {
		if (!r->nconds) {
			mk_error(r->m, "extraneous 'else'");
			return true;
		}
		c = &r->conds[r->nconds - 1];
		if (rest < end && is_cond_start(rest, end)) {
			if (!c->taken)
				eval_cond(r, rest, end, &value);
		} else {
			if (rest < end)
				mk_warning(r->m, "extraneous text after 'else' directive");
			value = true;
		}
		c->ignoring = c->taken || !value;
		c->taken = c->taken || value;
		return true;
	}
	if ((rest = keyword(s, end, "endif", false))) {
		if (!r->nconds)
			mk_error(r->m, "extraneous 'endif'");
		else
			r->nconds--;
		return true;
	}
	return false;
}

/* ---- assignments ------------------------------------------------------------------------- */

enum assign_op { OP_RECURSIVE, OP_SIMPLE, OP_APPEND, OP_COND, OP_SHELL };

struct prefixes {
	bool override;
	bool export;
	bool unexport;
};

/*
 * Finds the assignment operator or the rule colon of [s, end) outside
 * references.  Returns the operator's first character, with its kind in
 * *op and its length in *oplen; or NULL with *colon set to the rule's
 * colon (NULL when there is none).
 */
static const char *find_op(const char *s, const char *end, enum assign_op *op,
			   size_t *oplen, const char **colon)
{
	const char *p;
	int depth = 0;

	*colon = NULL;
	for (p = s; p < end; p++) {
		if (*p == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{')) {
			depth++;
			p++;
			continue;
		}
		if (depth) {
			if (*p == '(' || *p == '{')
				depth++;
			else if (*p == ')' || *p == '}')
				depth--;
			continue;
		}
		if (*p == '=') {
			*oplen = 1;
			*op = OP_RECURSIVE;
			if (p > s && (p[-1] == '+' || p[-1] == '?' || p[-1] == '!')) {
				*op = p[-1] == '+' ? OP_APPEND :
				      p[-1] == '?' ? OP_COND : OP_SHELL;
				*oplen = 2;
				return p - 1;
			}
			return p;
		}
		if (*p == ':') {
			if (p + 1 < end && p[1] == '=') {
				*op = OP_SIMPLE;
				*oplen = 2;
				return p;
			}
			if (p + 2 < end && p[1] == ':' && p[2] == '=') {
				*op = OP_SIMPLE;
				*oplen = 3;
				return p;
			}
			*colon = p;
			return NULL;
		}
	}
	return NULL;
}

static void trimmed_expand(struct mk *m, const char *s, const char *e,
			   struct kc_buf *out)
{
	size_t start = out->len;
	const char *d;

	while (s < e && mk_space(*s))
		s++;
	while (e > s && mk_space(e[-1]))
		e--;
	mk_expand(m, s, (size_t)(e - s), out);
	d = out->data ? out->data + start : "";
	while (out->len > start && mk_space(out->data[out->len - 1]))
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
	if (out->len > start && mk_space(*d)) {
		size_t skip = 0;

		while (start + skip < out->len && mk_space(d[skip]))
			skip++;
		memmove(out->data + start, d + skip, out->len - start - skip);
		out->len -= skip;
		out->data[out->len] = '\0';
	}
}

/*
 * One assignment ("The Two Flavors of Variables", "Appending More Text to
 * Variables", "The override Directive").  The value is what follows the
 * operator, leading blanks removed.
 */
static void mk_assign(struct mk *m, const char *name, size_t nlen, enum assign_op op,
	       const char *val, size_t vlen, const struct prefixes *pre)
{
	enum mk_origin origin = pre->override ? MK_ORIGIN_OVERRIDE :
						MK_ORIGIN_FILE;
	struct mk_var *old = mk_scope_get(m->scope, name, nlen), *v;
	struct kc_buf value = KC_BUF_INIT;
	enum mk_flavor flavor = MK_RECURSIVE;

	if (old && !pre->override && (old->origin == MK_ORIGIN_COMMAND_LINE ||
				      old->origin == MK_ORIGIN_OVERRIDE))
		return;
	switch (op) {
	case OP_COND:
		if (old || mk_frame_get(m, name, nlen))
			return;
		/* fall through */
	case OP_RECURSIVE:
		kc_buf_add(&value, val, vlen);
		break;
	case OP_SHELL:
		mk_probe(m, val, vlen);
		flavor = MK_SIMPLE;
		break;
	case OP_SIMPLE:
		mk_expand(m, val, vlen, &value);
		flavor = MK_SIMPLE;
		break;
	case OP_APPEND:
		if (!old) {
			kc_buf_add(&value, val, vlen);
			break;
		}
		flavor = old->flavor;
		kc_buf_add(&value, kc_buf_str(&old->value), old->value.len);
		if (!vlen)
			break;
		if (value.len)
			kc_buf_addc(&value, ' ');
		if (flavor == MK_SIMPLE)
			mk_expand(m, val, vlen, &value);
		else
			kc_buf_add(&value, val, vlen);
		if (old->origin == MK_ORIGIN_COMMAND_LINE ||
		    old->origin == MK_ORIGIN_OVERRIDE)
			origin = old->origin;
		break;
	}
	v = mk_scope_set(m->scope, name, nlen, kc_buf_str(&value), value.len,
			 flavor, origin);
	v->file = m->file;
	v->line = m->line;
	if (old && old != v)
		v->exported = old->exported;
	if (pre->export)
		v->exported = true;
	kc_buf_free(&value);
}

/* "export A B" and "unexport A B" without an assignment. */
static void mark_exported(struct mk *m, const char *s, const char *end,
			  bool exported)
{
	struct kc_buf names = KC_BUF_INIT;
	const char *p, *e, *w;
	size_t n;

	mk_expand(m, s, (size_t)(end - s), &names);
	p = kc_buf_str(&names);
	e = p + names.len;
	while (mk_next_word(&p, e, &w, &n)) {
		struct mk_var *v = mk_scope_get(m->scope, w, n);

		/* make defines an undefined variable it exports, empty */
		if (!v)
			v = mk_scope_set(m->scope, w, n, "", 0, MK_RECURSIVE,
					 MK_ORIGIN_FILE);
		else if (!kc_map_getn(m->scope->map, w, n))
			v = mk_scope_set(m->scope, w, n, kc_buf_str(&v->value),
					 v->value.len, v->flavor, v->origin);
		v->exported = exported;
	}
	kc_buf_free(&names);
}

/* ---- define/endef ---------------------------------------------------------------------- */

/* The body of a define up to its endef, counting nested defines. */
static void read_define(struct reader *r, struct kc_buf *body)
{
	int nest = 0, start = r->m->line;
	bool tab;

	while (next_line(r, true, &tab)) {
		const char *s = skip_blanks(r->line.data, r->line.data + r->line.len);
		const char *e = r->line.data + r->line.len;

		if (keyword(s, e, "endef", false) && !nest--)
			return;
		if (keyword(s, e, "define", false))
			nest++;
		if (body->len)
			kc_buf_addc(body, '\n');
		kc_buf_add(body, r->line.data, r->line.len);
	}
	r->m->line = start;
	mk_error(r->m, "missing 'endef', unterminated 'define'");
}

static void directive_define(struct reader *r, const char *s, const char *end,
			     const struct prefixes *pre)
{
	struct kc_buf name = KC_BUF_INIT, body = KC_BUF_INIT, raw = KC_BUF_INIT;
	enum assign_op op = OP_RECURSIVE;
	const char *e = end;
	const char *file = r->m->file;
	int line = r->m->line;

	while (e > s && blank(e[-1]))
		e--;
	if (e - s >= 3 && !memcmp(e - 3, "::=", 3)) {
		op = OP_SIMPLE;
		e -= 3;
	} else if (e - s >= 2 && e[-1] == '=' && strchr(":+?!", e[-2])) {
		op = e[-2] == ':' ? OP_SIMPLE : e[-2] == '+' ? OP_APPEND :
		     e[-2] == '?' ? OP_COND : OP_SHELL;
		e -= 2;
	} else if (e > s && e[-1] == '=') {
		e--;
	}
	/* the line buffer is reused for the body: keep the name's text */
	kc_buf_add(&raw, s, (size_t)(e - s));
	read_define(r, &body);
	if (ignoring(r) || r->m->stop)
		goto out;
	r->m->file = file;
	r->m->line = line;
	trimmed_expand(r->m, kc_buf_str(&raw), kc_buf_str(&raw) + raw.len,
		       &name);
	if (!name.len)
		mk_error(r->m, "empty variable name");
	else
		mk_assign(r->m, name.data, name.len, op, kc_buf_str(&body),
			  body.len, pre);
out:
	kc_buf_free(&raw);
	kc_buf_free(&name);
	kc_buf_free(&body);
}

/* ---- include ---------------------------------------------------------------------------- */

static void directive_include(struct reader *r, const char *s, const char *end,
			      bool optional)
{
	struct kc_buf files = KC_BUF_INIT;
	const char *p, *e, *w;
	size_t n;

	mk_expand(r->m, s, (size_t)(end - s), &files);
	p = kc_buf_str(&files);
	e = p + files.len;
	while (mk_next_word(&p, e, &w, &n) && !r->m->stop) {
		char *path = kc_xstrndup(w, n);
		const char *file = r->m->file;
		int line = r->m->line;

		if (path[0] == '/' && !r->m->host->run_shell) {
			/* outside the tree: the build machine's file */
			mk_probe(r->m, path, n);
		} else if (r->m->include_depth >= MK_MAX_INCLUDE_DEPTH) {
			mk_error(r->m, "includes nested deeper than %d: %s",
				 MK_MAX_INCLUDE_DEPTH, path);
		} else {
			r->m->include_depth++;
			if (r->m->host->included)
				r->m->host->included(r->m->host->ctx, path);
			if (mk_read_file(r->m, path) < 0 && !optional) {
				r->m->file = file;
				r->m->line = line;
				mk_error(r->m, "%s: No such file or directory",
					 path);
			}
			r->m->include_depth--;
		}
		r->m->file = file;
		r->m->line = line;
		free(path);
	}
	kc_buf_free(&files);
}

/* ---- one line -------------------------------------------------------------------------------- */

/* A line that neither assigns nor starts a rule: expanded for its effects. */
static void plain_line(struct reader *r, const char *s, const char *end)
{
	struct kc_buf out = KC_BUF_INIT;
	const char *p, *e;

	mk_expand(r->m, s, (size_t)(end - s), &out);
	p = kc_buf_str(&out);
	e = p + out.len;
	while (p < e && mk_space(*p))
		p++;
	if (p < e) {
		if (memchr(p, ':', (size_t)(e - p)))
			r->in_rule = true;	/* a rule made by expansion */
		else
			mk_error(r->m, "missing separator");
	}
	kc_buf_free(&out);
}

static void statement(struct reader *r, const char *s, const char *end,
		      const char *tend)
{
	struct prefixes pre = { false, false, false };
	const char *rest, *opp, *colon;
	enum assign_op op;
	size_t oplen;

	for (;;) {
		if ((rest = keyword(s, tend, "override", false)))
			pre.override = true;
		else if ((rest = keyword(s, tend, "export", false)))
			pre.export = true;
		else if ((rest = keyword(s, tend, "unexport", false)))
			pre.unexport = true;
		else if ((rest = keyword(s, tend, "private", false)))
			;
		else
			break;
		s = rest;
	}
	if ((rest = keyword(s, tend, "define", false))) {
		r->in_rule = false;
		directive_define(r, rest, tend, &pre);
		return;
	}
	if (!pre.override && !pre.export && !pre.unexport) {
		bool opt = false;

		if ((rest = keyword(s, tend, "include", false)) ||
		    ((rest = keyword(s, tend, "-include", false)) && (opt = true)) ||
		    ((rest = keyword(s, tend, "sinclude", false)) && (opt = true))) {
			r->in_rule = false;
			directive_include(r, rest, tend, opt);
			return;
		}
		if (keyword(s, tend, "vpath", false) ||
		    keyword(s, tend, "undefine", false)) {
			r->in_rule = false;
			return;
		}
	}
	opp = find_op(s, end, &op, &oplen, &colon);
	if (opp) {
		struct kc_buf name = KC_BUF_INIT;
		const char *val = skip_blanks(opp + oplen, end);

		r->in_rule = false;
		trimmed_expand(r->m, s, opp, &name);
		if (!name.len)
			mk_error(r->m, "empty variable name");
		else
			mk_assign(r->m, name.data, name.len, op, val,
				  (size_t)(end - val), &pre);
		kc_buf_free(&name);
		return;
	}
	if (colon) {
		/* a rule or a target-specific assignment: not read */
		r->in_rule = true;
		return;
	}
	if (pre.export || pre.unexport) {
		r->in_rule = false;
		mark_exported(r->m, s, tend, pre.export);
		return;
	}
	plain_line(r, s, tend);
}

static void read_lines(struct reader *r)
{
	bool tab;

	while (!r->m->stop && next_line(r, false, &tab)) {
		const char *s, *end, *tend;

		if (tab && r->in_rule)
			continue;	/* a recipe line */
		strip_comment(&r->line);
		s = skip_blanks(r->line.data, r->line.data + r->line.len);
		end = r->line.data + r->line.len;
		/* directives end at the last non-blank; values keep theirs */
		tend = end;
		while (tend > s && mk_space(tend[-1]))
			tend--;
		if (s == tend)
			continue;
		if (conditional(r, s, tend))
			continue;
		if (ignoring(r)) {
			if (keyword(s, tend, "define", false)) {
				struct kc_buf skip = KC_BUF_INIT;

				read_define(r, &skip);
				kc_buf_free(&skip);
			}
			continue;
		}
		statement(r, s, end, tend);
	}
	if (r->nconds && !r->m->stop) {
		r->m->line = r->conds[r->nconds - 1].line;
		mk_error(r->m, "missing 'endif'");
	}
}

void mk_read_text(struct mk *m, const char *text, size_t len,
		  const char *file, int line)
{
	struct reader r;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.p = text;
	r.end = text + len;
	r.file = file;
	r.next_line = line;
	if (++m->depth > MK_MAX_DEPTH) {
		mk_error(m, "$(eval) nested deeper than %d levels", MK_MAX_DEPTH);
	} else {
		read_lines(&r);
		/* $(eval) text starts in no rule: what follows keeps its own */
	}
	m->depth--;
	kc_buf_free(&r.line);
}

int mk_read_file(struct mk *m, const char *path)
{
	const struct kc_fs *fs = m->host->fs;
	const char *why, *name;
	char *data;
	size_t len;

	if (kc_fs_read(fs, path, &data, &len, &why) < 0)
		return -1;
	/* diagnostics name the file as the reader was given it */
	name = kc_arena_strdup(m->host->arena, path);
	mk_read_text(m, data, len, name, 1);
	free(data);
	return 0;
}
