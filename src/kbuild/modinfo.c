/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modinfo.c - does a built-in object record itself in modules.builtin?
 * include/linux/module.h: outside a module (no -DMODULE), MODULE_LICENSE()
 * also writes MODULE_INFO(file, KBUILD_MODFILE), and
 * scripts/Makefile.vmlinux_o lists those "file=" entries.  The source is
 * read as the preprocessor would see it for a built-in object, as far as
 * a scan can: comments and string literals skipped, "#ifdef MODULE"
 * blocks left out.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild_internal.h"

#define MAX_IFS 64

struct scan {
	const char *p, *end;
	bool off[MAX_IFS];	/* this #if level is not compiled */
	bool module_test[MAX_IFS];
	int depth;
	bool at_line_start;
};

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static bool skipped(const struct scan *s)
{
	int i;

	for (i = 0; i < s->depth && i < MAX_IFS; i++)
		if (s->off[i])
			return true;
	return false;
}

/* Is [p, e) after the directive word "MODULE" alone (spaces around)? */
static bool names_module(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e - p == 6 && !memcmp(p, "MODULE", 6);
}

/* A preprocessor line: only the conditionals on MODULE matter. */
static void directive(struct scan *s, const char *p, const char *e)
{
	const char *w;
	size_t n;

	while (p < e && (*p == ' ' || *p == '\t' || *p == '#'))
		p++;
	w = p;
	while (p < e && ident_char(*p))
		p++;
	n = (size_t)(p - w);
	if ((n == 5 && !memcmp(w, "ifdef", 5)) ||
	    (n == 6 && !memcmp(w, "ifndef", 6)) ||
	    (n == 2 && !memcmp(w, "if", 2))) {
		bool mod = n != 2 && names_module(p, e);

		if (s->depth < MAX_IFS) {
			/* built in: MODULE is not defined */
			s->off[s->depth] = mod && n == 5;
			s->module_test[s->depth] = mod;
		}
		s->depth++;
	} else if (n == 4 && !memcmp(w, "else", 4)) {
		if (s->depth > 0 && s->depth <= MAX_IFS &&
		    s->module_test[s->depth - 1])
			s->off[s->depth - 1] = !s->off[s->depth - 1];
	} else if (n == 5 && !memcmp(w, "endif", 5)) {
		if (s->depth > 0)
			s->depth--;
	}
}

/* The end of the logical line at p (backslash-newlines joined). */
static const char *line_end(const char *p, const char *end)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return end;
		if (nl > p && nl[-1] == '\\') {
			p = nl + 1;
			continue;
		}
		return nl;
	}
	return end;
}

static bool scan_license(struct scan *s)
{
	const char *p = s->p, *end = s->end;

	s->at_line_start = true;
	while (p < end) {
		char c = *p;

		if (c == '\n') {
			s->at_line_start = true;
			p++;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			p++;
		} else if (c == '#' && s->at_line_start) {
			const char *e = line_end(p, end);

			directive(s, p, e);
			p = e;
		} else if (c == '/' && p + 1 < end && p[1] == '*') {
			const char *e = p + 2 < end ?
				memmem(p + 2, (size_t)(end - p - 2), "*/", 2) : NULL;

			p = e ? e + 2 : end;
		} else if (c == '/' && p + 1 < end && p[1] == '/') {
			const char *e = memchr(p, '\n', (size_t)(end - p));

			p = e ? e : end;
		} else if (c == '"' || c == '\'') {
			for (p++; p < end && *p != c && *p != '\n'; p++)
				if (*p == '\\')
					p++;
			p++;
			s->at_line_start = false;
		} else if (ident_char(c)) {
			const char *w = p;

			while (p < end && ident_char(*p))
				p++;
			s->at_line_start = false;
			if (p - w == 14 && !memcmp(w, "MODULE_LICENSE", 14) &&
			    !skipped(s)) {
				const char *q = p;

				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				if (q < end && *q == '(')
					return true;
			}
		} else {
			s->at_line_start = false;
			p++;
		}
	}
	return false;
}

bool kb_object_declares_license(const struct kc_fs *fs, const char *obj)
{
	size_t n = strlen(obj), len;
	struct scan s;
	const char *why;
	char *path, *data;
	bool r;

	if (n < 3 || strcmp(obj + n - 2, ".o"))
		return false;
	path = kc_xasprintf("%.*s.c", (int)(n - 2), obj);
	if (kc_fs_read(fs, path, &data, &len, &why) < 0) {
		/* Makefile.lib: $(obj)/%: $(src)/%_shipped, a copy */
		free(path);
		path = kc_xasprintf("%.*s.c_shipped", (int)(n - 2), obj);
		if (kc_fs_read(fs, path, &data, &len, &why) < 0) {
			free(path);
			return false;
		}
	}
	memset(&s, 0, sizeof(s));
	s.p = data;
	s.end = data + len;
	r = scan_license(&s);
	free(data);
	free(path);
	return r;
}
