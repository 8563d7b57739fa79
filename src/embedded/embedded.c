/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * embedded.c - lookup over the files compiled into the binary.
 */
#include <stdio.h>
#include <string.h>

#include "kc_embedded.h"

const struct kc_embedded_file *kc_embedded_lookup(const char *path)
{
	const struct kc_embedded_file *f;

	for (f = kc_embedded_files; f->path; f++)
		if (!strcmp(f->path, path))
			return f;
	return NULL;
}

/* The model folder of an embedded path "kconfig/<model>/...". */
static size_t model_of(const char *path, const char **name)
{
	const char *slash;

	if (strncmp(path, "kconfig/", 8))
		return 0;
	*name = path + 8;
	slash = strchr(*name, '/');
	return slash ? (size_t)(slash - *name) : 0;
}

/* Visits distinct model names in table order (the table is sorted). */
static size_t nth_model(size_t want, const char **name)
{
	const struct kc_embedded_file *f;
	const char *prev = NULL, *cur;
	size_t prevlen = 0, len, idx = 0;

	for (f = kc_embedded_files; f->path; f++) {
		len = model_of(f->path, &cur);
		if (!len)
			continue;
		if (prev && len == prevlen && !memcmp(prev, cur, len))
			continue;
		if (idx++ == want) {
			*name = cur;
			return len;
		}
		prev = cur;
		prevlen = len;
	}
	return 0;
}

size_t kc_embedded_model_count(void)
{
	const char *name;
	size_t n = 0;

	while (nth_model(n, &name))
		n++;
	return n;
}

const char *kc_embedded_model_name(size_t i, char *buf, size_t n)
{
	const char *name;
	size_t len = nth_model(i, &name);

	if (!n)
		return buf;
	if (len >= n)
		len = n - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return buf;
}

static int embedded_read(void *ctx, const char *path, char **data,
			 size_t *len, const char **why)
{
	struct kc_embedded_fs *efs = ctx;
	const struct kc_embedded_file *f;
	char full[512];

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (snprintf(full, sizeof(full), "%s%s", efs->prefix, path) >=
	    (int)sizeof(full)) {
		*why = "path too long";
		return -1;
	}
	f = kc_embedded_lookup(full);
	if (!f) {
		*why = "no such file in the embedded model";
		return -1;
	}
	*data = kc_xstrndup(f->data, f->len);
	*len = f->len;
	return 0;
}

int kc_embedded_fs_init(struct kc_embedded_fs *efs, const char *model)
{
	size_t i, n = kc_embedded_model_count();
	char name[128];

	for (i = 0; i < n; i++) {
		if (!strcmp(kc_embedded_model_name(i, name, sizeof(name)),
			    model))
			break;
	}
	if (i == n)
		return -1;
	snprintf(efs->prefix, sizeof(efs->prefix), "kconfig/%s/", model);
	efs->fs.read = embedded_read;
	efs->fs.ctx = efs;
	return 0;
}
