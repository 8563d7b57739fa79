/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make_expand.c - variables and their expansion: $(X), ${X}, $X,
 * substitution references $(X:a=b), and the references inside them, as
 * GNU make expands them ("How to Use Variables", "Advanced Features for
 * Reference to Variables").  The functions are in make_func.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "make.h"
#include "make_func.h"

void mk_scope_init(struct mk_scope *s, struct mk_scope *parent)
{
	memset(s, 0, sizeof(*s));
	s->map = kc_map_new(64);
	s->parent = parent;
	s->arena = kc_arena_new();
}

void mk_scope_release(struct mk_scope *s)
{
	size_t i;

	for (i = 0; i < s->vars.len; i++) {
		struct mk_var *v = s->vars.items[i];

		kc_buf_free(&v->value);
	}
	kc_vec_free(&s->vars);
	kc_map_free(s->map);
	kc_arena_free(s->arena);
	memset(s, 0, sizeof(*s));
}

struct mk_var *mk_scope_get(const struct mk_scope *s, const char *name,
			    size_t n)
{
	for (; s; s = s->parent) {
		struct mk_var *v;

		if (s->asked && kc_map_getn(s->asked, name, n))
			return s->ask(s->ask_ctx, (struct mk_scope *)s, name, n);
		v = kc_map_getn(s->map, name, n);
		if (v)
			return v;
	}
	return NULL;
}

void mk_scope_copy(struct mk_scope *dst, const struct mk_scope *src)
{
	size_t i;

	for (i = 0; i < src->vars.len; i++) {
		const struct mk_var *v = src->vars.items[i];
		struct mk_var *c = mk_scope_set(dst, v->name, strlen(v->name),
						kc_buf_str(&v->value),
						v->value.len, v->flavor,
						v->origin);

		c->exported = v->exported;
		c->build_machine = v->build_machine;
		c->file = v->file;
		c->line = v->line;
	}
}

struct mk_var *mk_scope_set(struct mk_scope *s, const char *name, size_t n,
			    const char *value, size_t vlen,
			    enum mk_flavor flavor, enum mk_origin origin)
{
	struct mk_var *v = kc_map_getn(s->map, name, n);

	if (!v) {
		v = kc_arena_alloc(s->arena, sizeof(*v));
		v->name = kc_arena_strndup(s->arena, name, n);
		kc_map_put(s->map, v->name, v);
		kc_vec_push(&s->vars, v);
	}
	kc_buf_reset(&v->value);
	kc_buf_add(&v->value, value, vlen);
	v->flavor = flavor;
	v->origin = origin;
	return v;
}

void mk_init(struct mk *m, const struct mk_host *host, struct mk_scope *s)
{
	memset(m, 0, sizeof(*m));
	m->host = host;
	m->scope = s;
}

static void mk_vdiag(struct mk *m, enum kc_severity sev, const char *fmt,
		     va_list ap)
{
	kc_diags_vadd(m->host->diags, sev, m->file, m->line, 0, fmt, ap);
}

void mk_error(struct mk *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mk_vdiag(m, KC_SEV_ERROR, fmt, ap);
	va_end(ap);
	m->stop = true;
}

void mk_warning(struct mk *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mk_vdiag(m, KC_SEV_WARNING, fmt, ap);
	va_end(ap);
}

void mk_probe(struct mk *m, const char *what, size_t n)
{
	struct kc_kbuild_probe *p;

	if (!m->host->probes)
		return;
	p = kc_arena_alloc(m->host->arena, sizeof(*p));
	p->file = m->file ? kc_arena_strdup(m->host->arena, m->file) : NULL;
	p->line = m->line;
	p->what = kc_arena_strndup(m->host->arena, what, n > 200 ? 200 : n);
	kc_vec_push(m->host->probes, p);
}

/* ---- looking a name up ------------------------------------------------------ */

const struct mk_frame *mk_frame_get(const struct mk *m, const char *name,
				    size_t n)
{
	const struct mk_frame *f;

	for (f = m->frames; f; f = f->up)
		if (f->nlen == n && !memcmp(f->name, name, n))
			return f;
	return NULL;
}

/*
 * The value of a reference to 'name', appended to out: a foreach or call
 * binding first, then the Makefile's variables, then the configuration
 * (auto.conf's CONFIG_ lines are read by Makefile.build before the
 * Makefile, so a Makefile's own assignment wins).
 */
void mk_expand_name(struct mk *m, const char *name, size_t n,
		    struct kc_buf *out)
{
	const struct mk_frame *f = mk_frame_get(m, name, n);
	struct mk_var *v;
	const char *file;
	int line;

	if (f) {
		kc_buf_add(out, f->value, f->vlen);
		return;
	}
	v = mk_scope_get(m->scope, name, n);
	if (!v) {
		const char *c = NULL;

		if (n > 7 && !memcmp(name, "CONFIG_", 7) && m->host->config)
			c = m->host->config(m->host->ctx, name, n);
		if (c)
			kc_buf_adds(out, c);
		return;
	}
	if (v->build_machine)
		mk_probe(m, v->name, strlen(v->name));
	if (v->flavor != MK_RECURSIVE) {
		kc_buf_add(out, v->value.data ? v->value.data : "",
			   v->value.len);
		return;
	}
	if (v->expanding) {
		/* make names the variable's definition, as here */
		if (v->file) {
			m->file = v->file;
			m->line = v->line;
		}
		mk_error(m, "Recursive variable '%s' references itself (eventually)",
			 v->name);
		return;
	}
	v->expanding = true;
	file = m->file;
	line = m->line;
	mk_expand(m, v->value.data ? v->value.data : "", v->value.len, out);
	m->file = file;
	m->line = line;
	v->expanding = false;
}

void mk_expand_var(struct mk *m, const char *name, struct kc_buf *out)
{
	mk_expand_name(m, name, strlen(name), out);
}

/* ---- words and patterns -------------------------------------------------------- */

bool mk_next_word(const char **p, const char *end, const char **w,
		  size_t *wn)
{
	const char *s = *p;

	while (s < end && mk_space(*s))
		s++;
	if (s >= end) {
		*p = end;
		return false;
	}
	*w = s;
	while (s < end && !mk_space(*s))
		s++;
	*wn = (size_t)(s - *w);
	*p = s;
	return true;
}

/* "Functions for String Substitution and Analysis": one '%' matches any
 * stem; a pattern without '%' matches only itself.  (A backslash-quoted
 * '%' is rare enough in Kbuild files to be read as a plain '%'.) */
bool mk_pattern_match(const char *pat, size_t pn, const char *w, size_t wn,
		      size_t *stem_at, size_t *stem_len)
{
	const char *pct = memchr(pat, '%', pn);
	size_t pre, post;

	if (!pct) {
		if (stem_len)
			*stem_len = 0;
		return pn == wn && !memcmp(pat, w, wn);
	}
	pre = (size_t)(pct - pat);
	post = pn - pre - 1;
	if (wn < pre + post || memcmp(w, pat, pre) ||
	    memcmp(w + wn - post, pct + 1, post))
		return false;
	if (stem_at)
		*stem_at = pre;
	if (stem_len)
		*stem_len = wn - pre - post;
	return true;
}

/*
 * $(patsubst) on every word of text: matching words become the
 * replacement with its first '%' replaced by the stem; words are joined by
 * one space.
 */
void mk_patsubst(const char *pat, size_t pn, const char *rep, size_t rn,
		 const char *text, size_t tn, struct kc_buf *out)
{
	const char *p = text, *end = text + tn, *w, *rpct;
	size_t wn, at, sl;
	bool first = true;

	rpct = memchr(rep, '%', rn);
	if (!memchr(pat, '%', pn))
		rpct = NULL;
	while (mk_next_word(&p, end, &w, &wn)) {
		if (!first)
			kc_buf_addc(out, ' ');
		first = false;
		if (!mk_pattern_match(pat, pn, w, wn, &at, &sl)) {
			kc_buf_add(out, w, wn);
		} else if (rpct) {
			kc_buf_add(out, rep, (size_t)(rpct - rep));
			kc_buf_add(out, w + at, sl);
			kc_buf_add(out, rpct + 1, rn - (size_t)(rpct - rep) - 1);
		} else {
			kc_buf_add(out, rep, rn);
		}
	}
}

/* ---- expansion ------------------------------------------------------------------ */

/* The closing paren of a reference opened just before s, or NULL. */
static const char *close_of(const char *s, const char *end, char open)
{
	char close = open == '(' ? ')' : '}';
	int count = 0;

	for (; s < end; s++) {
		if (*s == open)
			count++;
		else if (*s == close && --count < 0)
			return s;
	}
	return NULL;
}

/* The first c in [s, end) outside nested references, or NULL. */
static const char *find_top(const char *s, const char *end, char c)
{
	int count = 0;

	for (; s < end; s++) {
		if (*s == '(' || *s == '{')
			count++;
		else if ((*s == ')' || *s == '}') && count > 0)
			count--;
		else if (*s == c && !count)
			return s;
	}
	return NULL;
}

/* $(X:a=b): a word-end suffix, or a pattern when 'a' has a '%'. */
static void subst_ref(struct mk *m, const char *ref, size_t n,
		      const char *colon, struct kc_buf *out)
{
	const char *end = ref + n, *eq = find_top(colon + 1, end, '=');
	struct kc_buf val = KC_BUF_INIT, pat = KC_BUF_INIT, rep = KC_BUF_INIT;

	if (!eq) {
		mk_expand_name(m, ref, n, out);
		return;
	}
	mk_expand_name(m, ref, (size_t)(colon - ref), &val);
	if (!memchr(colon + 1, '%', (size_t)(eq - colon - 1))) {
		kc_buf_addc(&pat, '%');
		kc_buf_addc(&rep, '%');
	}
	kc_buf_add(&pat, colon + 1, (size_t)(eq - colon - 1));
	kc_buf_add(&rep, eq + 1, (size_t)(end - eq - 1));
	mk_patsubst(pat.data, pat.len, rep.data, rep.len, kc_buf_str(&val),
		    val.len, out);
	kc_buf_free(&val);
	kc_buf_free(&pat);
	kc_buf_free(&rep);
}

/* The reference whose text (between the parens) is [s, s+n). */
static void expand_ref(struct mk *m, const char *s, size_t n, char open,
		       struct kc_buf *out)
{
	struct kc_buf name = KC_BUF_INIT;
	const char *colon;

	if (mk_func_call(m, s, n, open, out))
		return;
	if (memchr(s, '$', n)) {
		mk_expand(m, s, n, &name);
		s = kc_buf_str(&name);
		n = name.len;
	}
	colon = memchr(s, ':', n);
	if (colon)
		subst_ref(m, s, n, colon, out);
	else
		mk_expand_name(m, s, n, out);
	kc_buf_free(&name);
}

void mk_expand(struct mk *m, const char *s, size_t n, struct kc_buf *out)
{
	const char *end = s + n, *d;
	size_t start = out->len;

	if (m->stop)
		return;
	if (++m->depth > MK_MAX_DEPTH) {
		mk_error(m, "expansion nested deeper than %d levels",
			 MK_MAX_DEPTH);
		m->depth--;
		return;
	}
	while (s < end && !m->stop) {
		d = memchr(s, '$', (size_t)(end - s));
		if (!d) {
			kc_buf_add(out, s, (size_t)(end - s));
			break;
		}
		kc_buf_add(out, s, (size_t)(d - s));
		if (d + 1 >= end)
			break;	/* a lone '$' at the end expands to nothing */
		if (d[1] == '$') {
			kc_buf_addc(out, '$');
			s = d + 2;
		} else if (d[1] == '(' || d[1] == '{') {
			const char *c = close_of(d + 2, end, d[1]);

			if (!c) {
				mk_error(m, "unterminated variable reference");
				break;
			}
			expand_ref(m, d + 2, (size_t)(c - d - 2), d[1], out);
			s = c + 1;
		} else {
			mk_expand_name(m, d + 1, 1, out);
			s = d + 2;
		}
	}
	m->expanded += out->len - start;
	if (m->expanded > MK_MAX_OUTPUT && !m->stop)
		mk_error(m, "expansions produce more than %zu MiB",
			 MK_MAX_OUTPUT >> 20);
	m->depth--;
}
