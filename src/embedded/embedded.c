/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * embedded.c - lookup over the files compiled into the binary.
 */
#include <stdio.h>
#include <stdlib.h>
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

/*
 * The embedded path of 'path' inside the provider's folder, in full
 * (NUL-terminated, at most n bytes); NULL with *why when it cannot be one.
 * An absolute path names a file on the build machine, never one compiled
 * in, so it is refused here rather than looked up.
 */
static const char *full_path(const struct kc_embedded_fs *efs,
			     const char *path, char *full, size_t n,
			     const char **why)
{
	if (path[0] == '/') {
		*why = "an absolute path is outside the embedded files";
		return NULL;
	}
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (!strcmp(path, "."))
		path = "";
	if (snprintf(full, n, "%s%s", efs->prefix, path) >= (int)n) {
		*why = "path too long";
		return NULL;
	}
	return full;
}

static int embedded_read(void *ctx, const char *path, char **data,
			 size_t *len, const char **why)
{
	struct kc_embedded_fs *efs = ctx;
	const struct kc_embedded_file *f;
	char full[512];

	if (!full_path(efs, path, full, sizeof(full), why))
		return -1;
	f = kc_embedded_lookup(full);
	if (!f) {
		*why = "no such file in the embedded model";
		return -1;
	}
	if (f->len > efs->fs.max_size) {
		*why = kc_fs_too_large(efs->why, sizeof(efs->why),
				       efs->fs.max_size);
		return -1;
	}
	*data = kc_xstrndup(f->data, f->len);
	*len = f->len;
	return 0;
}

/* Pushes the name after 'dir' (up to the next '/') unless just pushed. */
static void push_child(struct kc_vec *names, size_t from, const char *rest)
{
	const char *slash = strchr(rest, '/');
	size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
	const char *last;

	if (names->len > from) {
		last = names->items[names->len - 1];
		if (strlen(last) == n && !memcmp(last, rest, n))
			return;
	}
	kc_vec_push(names, kc_xstrndup(rest, n));
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The table is sorted by path, so the files under one subfolder are
 * neighbours and its name is pushed once.
 */
static int embedded_list(void *ctx, const char *path, struct kc_vec *names,
			 const char **why)
{
	struct kc_embedded_fs *efs = ctx;
	const struct kc_embedded_file *f;
	size_t from = names->len, n;
	char dir[512];

	if (!full_path(efs, path, dir, sizeof(dir) - 1, why))
		return -1;
	if (kc_embedded_lookup(dir))
		return 1;
	n = strlen(dir);
	if (n && dir[n - 1] != '/') {
		dir[n++] = '/';
		dir[n] = '\0';
	}
	for (f = kc_embedded_files; f->path; f++)
		if (!strncmp(f->path, dir, n))
			push_child(names, from, f->path + n);
	if (names->len == from) {
		*why = "no such folder in the embedded files";
		return -1;
	}
	qsort(names->items + from, names->len - from, sizeof(*names->items),
	      compare_names);
	return 0;
}

static char *embedded_canonical(void *ctx, const char *path)
{
	struct kc_embedded_fs *efs = ctx;
	const char *why;
	char full[512];

	if (!full_path(efs, path, full, sizeof(full), &why) ||
	    !kc_embedded_lookup(full))
		return NULL;
	return kc_xstrdup(full);
}

static void init_fs(struct kc_embedded_fs *efs)
{
	efs->fs.read = embedded_read;
	efs->fs.list = embedded_list;
	efs->fs.canonical = embedded_canonical;
	efs->fs.ctx = efs;
	efs->fs.max_size = KC_FS_MAX_SIZE;
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
	init_fs(efs);
	return 0;
}

void kc_embedded_rules_fs_init(struct kc_embedded_fs *efs)
{
	snprintf(efs->prefix, sizeof(efs->prefix), "rules/");
	init_fs(efs);
}
