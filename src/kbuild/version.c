/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * version.c - the kernel version from the top Makefile's first lines
 * (VERSION, PATCHLEVEL, SUBLEVEL, EXTRAVERSION), read as make reads a
 * simple variable assignment.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_kbuild.h"

static const char *const keys[4] = { "VERSION", "PATCHLEVEL", "SUBLEVEL",
				     "EXTRAVERSION" };

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * If [line, end) is "KEY [:]= value", stores the trimmed value's bounds and
 * returns the key's index; -1 otherwise.
 */
static int header_assignment(const char *line, const char *end,
			     const char **val, const char **val_end)
{
	int k;

	for (k = 0; k < 4; k++) {
		size_t n = strlen(keys[k]);
		const char *p = line + n;

		if ((size_t)(end - line) < n || strncmp(line, keys[k], n))
			continue;
		while (p < end && is_space(*p))
			p++;
		if (p < end && *p == ':')
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && is_space(*p))
			p++;
		while (end > p && (is_space(end[-1]) || end[-1] == '\r'))
			end--;
		*val = p;
		*val_end = end;
		return k;
	}
	return -1;
}

static int parse_number(const char *s, const char *e, int *out)
{
	long v = 0;

	if (s == e)
		return -1;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9' || v > 100000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = (int)v;
	return 0;
}

int kc_kbuild_kernel_version(const struct kc_fs *fs, const char *path,
			     struct kc_kernel_version *v, struct kc_diags *d)
{
	const char *p, *end, *why;
	char *data;
	size_t len;
	int line = 0, seen[4] = { 0, 0, 0, 0 };

	v->version = v->patchlevel = -1;
	v->sublevel = -1;
	v->extraversion[0] = '\0';
	if (fs->read(fs->ctx, path, &data, &len, &why) < 0) {
		kc_diags_add(d, KC_SEV_ERROR, path, 0, 0, "cannot read: %s",
			     why);
		return -1;
	}
	for (p = data, end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end, *val, *val_end;
		int k = header_assignment(p, eol, &val, &val_end);
		int *num = NULL;

		line++;
		if (k >= 0 && !seen[k]) {
			seen[k] = line;
			if (k == 0)
				num = &v->version;
			else if (k == 1)
				num = &v->patchlevel;
			else if (k == 2)
				num = &v->sublevel;
			if (num && val != val_end &&
			    parse_number(val, val_end, num) < 0) {
				kc_diags_add(d, KC_SEV_ERROR, path, line, 0,
					     "%s is not a number: '%.*s'",
					     keys[k], (int)(val_end - val), val);
				free(data);
				return -1;
			}
			if (k == 3) {
				size_t n = (size_t)(val_end - val);

				if (n >= sizeof(v->extraversion))
					n = sizeof(v->extraversion) - 1;
				memcpy(v->extraversion, val, n);
				v->extraversion[n] = '\0';
			}
		}
		p = nl ? nl + 1 : end;
	}
	free(data);
	if (!seen[0] || !seen[1]) {
		kc_diags_add(d, KC_SEV_ERROR, path, 0, 0,
			     "no '%s = N' line: not a kernel tree's top Makefile",
			     seen[0] ? "PATCHLEVEL" : "VERSION");
		return -1;
	}
	return 0;
}

void kc_kernel_version_string(const struct kc_kernel_version *v,
			      struct kc_buf *out)
{
	kc_buf_addf(out, "%d.%d", v->version, v->patchlevel);
	if (v->sublevel >= 0)
		kc_buf_addf(out, ".%d", v->sublevel);
	kc_buf_adds(out, v->extraversion);
}
