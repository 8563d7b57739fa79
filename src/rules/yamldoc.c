/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * yamldoc.c - YAML documents through libyaml's document API, and the
 * checks every file format of src/rules shares: known keys given once,
 * values of the right kind, and positions (line, column) for messages,
 * down to a character inside a scalar.
 *
 * libyaml counts lines and columns from 0, in characters; messages count
 * from 1, as compilers do.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

/* Line and column (1-based, in characters) of byte 'off' of 'text'. */
static void offset_pos(const char *text, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/*
 * Sequences and mappings nested deeper than any rule, waiver or baseline
 * file needs.  Checked on the event stream before the document is built:
 * libyaml's scanner slows down quadratically with the nesting, so a file of
 * 100,000 '[' would take minutes to reject otherwise.
 */
#define YDOC_MAX_DEPTH 64

/* 0 when the nesting stays within the limit (or the text is no YAML). */
static int check_depth(const char *name, const char *text, size_t len,
		       struct kc_diags *diags)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, ret = 0;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		bool end;

		if (!yaml_parser_parse(&p, &ev))
			break;	/* the loader reports it, with its position */
		end = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YDOC_MAX_DEPTH) {
				kc_diags_add(diags, KC_SEV_ERROR, name,
					     (int)ev.start_mark.line + 1,
					     (int)ev.start_mark.column + 1,
					     "YAML nested more than %d deep",
					     YDOC_MAX_DEPTH);
				ret = -1;
				end = true;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			   ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return ret;
}

int ydoc_load(struct ydoc *d, const char *name, const char *text, size_t len,
	      struct kc_diags *diags)
{
	yaml_parser_t p;
	yaml_document_t extra;
	int ret = -1;

	memset(d, 0, sizeof(*d));
	d->name = name;
	d->text = text;
	d->len = len;
	if (check_depth(name, text, len, diags) < 0)
		return -1;
	if (!yaml_parser_initialize(&p)) {
		kc_diags_add(diags, KC_SEV_ERROR, name, 0, 0,
			     "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &d->doc))
		goto yaml_error;
	d->loaded = true;
	if (!yaml_document_get_root_node(&d->doc)) {
		ret = 0;
		goto out;
	}
	/* One document a file: a second one is a mistake, not more input. */
	if (!yaml_parser_load(&p, &extra))
		goto yaml_error;
	if (yaml_document_get_root_node(&extra)) {
		kc_diags_add(diags, KC_SEV_ERROR, name,
			     (int)extra.start_mark.line + 1,
			     (int)extra.start_mark.column + 1,
			     "a second YAML document; the file must hold one");
		yaml_document_delete(&extra);
		goto out;
	}
	yaml_document_delete(&extra);
	ret = 0;
	goto out;

yaml_error:
	if (p.error == YAML_READER_ERROR) {
		int line, col;

		offset_pos(text, p.problem_offset, &line, &col);
		kc_diags_add(diags, KC_SEV_ERROR, name, line, col,
			     "invalid YAML: %s", p.problem ? p.problem : "unreadable");
	} else if (p.error == YAML_MEMORY_ERROR) {
		kc_diags_add(diags, KC_SEV_ERROR, name, 0, 0, "out of memory");
	} else {
		const char *hint = "";

		if (p.context && strstr(p.context, "block scalar"))
			hint = "; a value that starts with '>' or '|' must be quoted, as in kernel: \">=6.6\"";
		else if (p.problem && strstr(p.problem, "mapping values are not allowed"))
			hint = "; a text that holds ': ' must be quoted";
		kc_diags_add(diags, KC_SEV_ERROR, name,
			     (int)p.problem_mark.line + 1,
			     (int)p.problem_mark.column + 1,
			     "invalid YAML: %s%s%s%s",
			     p.problem ? p.problem : "syntax error",
			     p.context ? " " : "", p.context ? p.context : "",
			     hint);
	}
out:
	yaml_parser_delete(&p);
	if (ret < 0 && d->loaded) {
		yaml_document_delete(&d->doc);
		d->loaded = false;
	}
	return ret;
}

static int diag_cmp(const struct kc_diag *a, const struct kc_diag *b)
{
	int r = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (r)
		return r;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void ydoc_sort_diags(struct kc_diags *diags, size_t from)
{
	size_t i, j;

	/* Insertion sort: stable, and the lists are short. */
	for (i = from + 1; i < diags->len; i++) {
		struct kc_diag x = diags->items[i];

		for (j = i; j > from && diag_cmp(&diags->items[j - 1], &x) > 0; j--)
			diags->items[j] = diags->items[j - 1];
		diags->items[j] = x;
	}
}

void ydoc_free(struct ydoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}

yaml_node_t *ydoc_root(struct ydoc *d)
{
	return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *ydoc_node(struct ydoc *d, int id)
{
	return yaml_document_get_node(&d->doc, id);
}

int ydoc_line(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

int ydoc_col(const yaml_node_t *n)
{
	return (int)n->start_mark.column + 1;
}

int ydoc_error(struct ydoc *d, const yaml_node_t *n, struct kc_diags *diags,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kc_diags_vadd(diags, KC_SEV_ERROR, d->name, n ? ydoc_line(n) : 0,
		      n ? ydoc_col(n) : 0, fmt, ap);
	va_end(ap);
	return -1;
}

const char *ydoc_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	default:
		return ydoc_is_null(n) ? "empty" : "a text";
	}
}

bool ydoc_is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE)
		return false;
	v = (const char *)n->data.scalar.value;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static const char *nearest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = strlen(word) / 3 + 2, i;

	for (i = 0; known[i]; i++) {
		size_t dist = kc_edit_distance(word, known[i], best_d - 1);

		if (dist < best_d) {
			best_d = dist;
			best = known[i];
		}
	}
	return best;
}

int ydoc_fields(struct ydoc *d, yaml_node_t *map, const char *what,
		const char *const *known, struct yfields *f,
		struct kc_diags *diags)
{
	yaml_node_pair_t *pair;
	int errors = 0;

	memset(f, 0, sizeof(*f));
	if (map->type != YAML_MAPPING_NODE) {
		ydoc_error(d, map, diags, "%s must be a mapping (key: value lines), not %s",
			   what, ydoc_kind(map));
		return 1;
	}
	for (pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = ydoc_node(d, pair->key);
		const char *key, *near;
		int i;

		if (k->type != YAML_SCALAR_NODE) {
			ydoc_error(d, k, diags, "a key of %s must be a text, not %s",
				   what, ydoc_kind(k));
			errors++;
			continue;
		}
		key = (const char *)k->data.scalar.value;
		for (i = 0; known[i]; i++)
			if (!strcmp(known[i], key))
				break;
		if (!known[i]) {
			near = nearest(key, known);
			if (near)
				ydoc_error(d, k, diags,
					   "unknown key '%s' in %s; did you mean '%s'?",
					   key, what, near);
			else
				ydoc_error(d, k, diags, "unknown key '%s' in %s",
					   key, what);
			errors++;
			continue;
		}
		if (f->key[i]) {
			ydoc_error(d, k, diags,
				   "'%s' is given twice in %s (first at line %d)",
				   key, what, ydoc_line(f->key[i]));
			errors++;
			continue;
		}
		f->key[i] = k;
		f->value[i] = ydoc_node(d, pair->value);
	}
	return errors;
}

yaml_node_t *ydoc_get(struct ydoc *d, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pair;

	if (map->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = ydoc_node(d, pair->key);

		if (k->type == YAML_SCALAR_NODE &&
		    !strcmp((const char *)k->data.scalar.value, key))
			return ydoc_node(d, pair->value);
	}
	return NULL;
}

const char *ydoc_text(struct ydoc *d, yaml_node_t *n, const char *key,
		      struct kc_diags *diags)
{
	if (n->type != YAML_SCALAR_NODE) {
		ydoc_error(d, n, diags, "'%s' must be a text, not %s", key,
			   ydoc_kind(n));
		return NULL;
	}
	/* "forbid: !FOO" is FOO tagged "!FOO" to YAML, not a negation. */
	if (n->tag && strncmp((const char *)n->tag, "tag:yaml.org,2002:", 18)) {
		ydoc_error(d, n, diags,
			   "'%s': YAML reads '%s' as a tag, not as text; quote the value, as in %s: \"%s ...\"",
			   key, (const char *)n->tag, key, (const char *)n->tag);
		return NULL;
	}
	if (ydoc_is_null(n) || !n->data.scalar.length) {
		ydoc_error(d, n, diags, "'%s' is empty", key);
		return NULL;
	}
	if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length) {
		ydoc_error(d, n, diags, "'%s' holds a NUL character", key);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

int ydoc_texts(struct ydoc *d, yaml_node_t *n, const char *key,
	       const char ***items, yaml_node_t ***nodes, size_t *count,
	       struct kc_diags *diags)
{
	yaml_node_item_t *it;
	size_t i = 0, cap;
	int ret = 0;

	*items = NULL;
	if (nodes)
		*nodes = NULL;
	*count = 0;
	if (n->type == YAML_MAPPING_NODE) {
		ydoc_error(d, n, diags, "'%s' must be a list of texts, not a mapping",
			   key);
		return -1;
	}
	cap = n->type == YAML_SCALAR_NODE ? 1 :
		(size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	*items = kc_xcalloc(cap ? cap : 1, sizeof(**items));
	if (nodes)
		*nodes = kc_xcalloc(cap ? cap : 1, sizeof(**nodes));
	if (n->type == YAML_SCALAR_NODE) {
		const char *t = ydoc_text(d, n, key, diags);

		if (!t)
			return -1;
		(*items)[0] = t;
		if (nodes)
			(*nodes)[0] = n;
		*count = 1;
		return 0;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *x = ydoc_node(d, *it);
		const char *t;

		if (x->type != YAML_SCALAR_NODE) {
			ydoc_error(d, x, diags,
				   "an item of '%s' must be a text, not %s",
				   key, ydoc_kind(x));
			ret = -1;
			continue;
		}
		t = ydoc_text(d, x, key, diags);
		if (!t) {
			ret = -1;
			continue;
		}
		(*items)[i] = t;
		if (nodes)
			(*nodes)[i] = x;
		i++;
	}
	*count = i;
	return ret;
}

void ydoc_pos(const struct ydoc *d, const yaml_node_t *n, struct ypos *p)
{
	p->text = d->text;
	p->len = d->len;
	p->line = ydoc_line(n);
	p->col = ydoc_col(n);
	p->style = n->type == YAML_SCALAR_NODE ? (int)n->data.scalar.style :
						 YAML_PLAIN_SCALAR_STYLE;
}

/* Byte offset of (line, col), both 1-based, col in characters. */
static size_t line_col_offset(const struct ypos *p, int line, int col)
{
	size_t off = 0;
	int l = 1, c = 1;

	while (off < p->len && l < line) {
		if (p->text[off++] == '\n')
			l++;
	}
	while (off < p->len && c < col && p->text[off] != '\n') {
		off++;
		while (off < p->len &&
		       ((unsigned char)p->text[off] & 0xc0) == 0x80)
			off++;
		c++;
	}
	return off;
}

/*
 * Walks the source from the scalar's start, one character of the value at
 * a time: a line break with the indentation after it is one character of
 * the value (folded into a space), an escape sequence is one, a doubled
 * quote in single quotes is one.  Exact for one-line scalars; close
 * enough across lines.
 */
void ypos_at(const struct ypos *p, size_t offset, int *line, int *col)
{
	size_t off = line_col_offset(p, p->line, p->col), k;
	int l = p->line, c = p->col;
	bool block = p->style == YAML_LITERAL_SCALAR_STYLE ||
		     p->style == YAML_FOLDED_SCALAR_STYLE;

	if (p->style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    p->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		off++;
		c++;
	}
	if (block) {
		while (off < p->len && p->text[off] != '\n')
			off++;
	}
	if (block || (off < p->len && p->text[off] == '\n')) {
		/* The value starts after the header line's break. */
		if (off < p->len) {
			off++;
			l++;
			c = 1;
		}
		while (off < p->len && (p->text[off] == ' ' || p->text[off] == '\t')) {
			off++;
			c++;
		}
	}
	for (k = 0; k < offset && off < p->len; k++) {
		char ch = p->text[off];

		if (ch == '\r' || ch == '\n') {
			if (ch == '\r' && off + 1 < p->len && p->text[off + 1] == '\n')
				off++;
			off++;
			l++;
			c = 1;
			while (off < p->len &&
			       (p->text[off] == ' ' || p->text[off] == '\t')) {
				off++;
				c++;
			}
			continue;
		}
		if (p->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && ch == '\\' &&
		    off + 1 < p->len) {
			size_t w = p->text[off + 1] == 'x' ? 4 :
				   p->text[off + 1] == 'u' ? 6 :
				   p->text[off + 1] == 'U' ? 10 : 2;

			off += w;
			c += (int)w;
			continue;
		}
		if (p->style == YAML_SINGLE_QUOTED_SCALAR_STYLE && ch == '\'' &&
		    off + 1 < p->len && p->text[off + 1] == '\'') {
			off += 2;
			c += 2;
			continue;
		}
		off++;
		while (off < p->len && ((unsigned char)p->text[off] & 0xc0) == 0x80)
			off++;
		c++;
	}
	*line = l;
	*col = c;
}
