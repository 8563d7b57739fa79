/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sources.c - where rule files come from: a path, a folder of *.yaml
 * files, "builtin:NAME" (the embedded rules/NAME.yaml), and the includes
 * of each, followed with cycle and depth checks.  Every byte is read
 * through a struct kc_fs: the caller's provider for paths, the embedded
 * rules/ provider for built-in packs.  What a file says is schema.c's
 * business.
 *
 * A call of kc_rules_add() is all or nothing: on any error, the rules,
 * overrides and files it read are dropped again.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kc_embedded.h"
#include "kc_frontend.h"
#include "rules_internal.h"

#define BUILTIN_PREFIX KC_RULES_BUILTIN_PREFIX
#define BUILTIN_DIR "rules/"

static int load_text(struct rules_loader *ld, const char *name,
		     const char *identity, const char *text, size_t len,
		     struct ydoc *from, yaml_node_t *at);

/* An error at an include, or about the file itself when none. */
static int KC_PRINTF(5, 6) report(struct rules_loader *ld, struct ydoc *from,
				   yaml_node_t *at, const char *file,
				   const char *fmt, ...)
{
	struct kc_buf msg = KC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (from)
		ydoc_error(from, at, ld->diags, "%s", kc_buf_str(&msg));
	else
		kc_diags_add(ld->diags, KC_SEV_ERROR, file, 0, 0, "%s",
			     kc_buf_str(&msg));
	kc_buf_free(&msg);
	return -1;
}

/* "NAME" -> "NAME.yaml" inside rules/ (NAME may already have either part). */
static char *builtin_name(const char *name)
{
	size_t n = strlen(name);
	bool ext = (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
		   (n > 4 && !strcmp(name + n - 4, ".yml"));

	if (!strncmp(name, BUILTIN_DIR, strlen(BUILTIN_DIR)))
		name += strlen(BUILTIN_DIR);
	return kc_xasprintf("%s%s", name, ext ? "" : ".yaml");
}

static bool yaml_name(const char *n)
{
	size_t len = strlen(n);

	return n[0] != '.' &&
	       ((len > 5 && !strcmp(n + len - 5, ".yaml")) ||
		(len > 4 && !strcmp(n + len - 4, ".yml")));
}

static void free_names(struct kc_vec *names)
{
	size_t i;

	for (i = 0; i < names->len; i++)
		free(names->items[i]);
	kc_vec_free(names);
}

/* The built-in pack with exactly these bytes, as "builtin:rules/X", or NULL. */
static char *builtin_twin(struct rules_loader *ld, const char *data,
			  size_t len)
{
	struct kc_vec names = KC_VEC_INIT;
	const char *why;
	char *twin = NULL;
	size_t i;

	if (kc_fs_list(ld->builtin, "", &names, &why) != 0)
		return NULL;
	for (i = 0; !twin && i < names.len; i++) {
		char *pack, *canon;
		size_t n;

		if (!yaml_name(names.items[i]) ||
		    kc_fs_read(ld->builtin, names.items[i], &pack, &n, &why) < 0)
			continue;
		canon = n == len && !memcmp(pack, data, len) ?
				kc_fs_canonical(ld->builtin, names.items[i]) :
				NULL;
		if (canon)
			twin = kc_xasprintf(BUILTIN_PREFIX "%s", canon);
		free(canon);
		free(pack);
	}
	free_names(&names);
	return twin;
}

/*
 * The identity of a file named by path: the name of the built-in pack
 * with the same bytes (so --rules rules/ in a checkout and the default
 * pack are one file, read once), else its canonical name.
 */
static char *path_identity(struct rules_loader *ld, const char *path,
			   const char *data, size_t len)
{
	char *id = builtin_twin(ld, data, len);

	if (!id)
		id = kc_fs_canonical(ld->files, path);
	return id ? id : kc_xstrdup(path);
}

static int load_builtin(struct rules_loader *ld, const char *name,
			struct ydoc *from, yaml_node_t *at)
{
	char *rel = builtin_name(name), *canon, *identity, *data;
	const char *why;
	size_t len;
	int ret = -1;

	canon = kc_fs_canonical(ld->builtin, rel);
	if (!canon)
		report(ld, from, at, NULL, "no built-in rule pack '%s'", name);
	else if (kc_fs_read(ld->builtin, rel, &data, &len, &why) < 0)
		report(ld, from, at, canon, "cannot read '%s': %s", canon, why);
	else {
		identity = kc_xasprintf(BUILTIN_PREFIX "%s", canon);
		ret = load_text(ld, kc_arena_strdup(ld->r->arena, canon),
				identity, data, len, from, at);
		free(identity);
		free(data);
	}
	free(canon);
	free(rel);
	return ret;
}

static int load_path(struct rules_loader *ld, const char *path,
		     struct ydoc *from, yaml_node_t *at)
{
	char *data, *identity;
	const char *why;
	size_t len;
	int ret;

	if (kc_fs_read(ld->files, path, &data, &len, &why) < 0) {
		if (from)
			return report(ld, from, at, path,
				      "cannot read the included file '%s': %s",
				      path, why);
		return report(ld, NULL, NULL, path,
			      "cannot read the rule file: %s", why);
	}
	identity = path_identity(ld, path, data, len);
	ret = load_text(ld, kc_arena_strdup(ld->r->arena, path), identity,
			data, len, from, at);
	free(identity);
	free(data);
	return ret;
}

/* An include, relative to the including file (or to rules/ for built-ins). */
int kc_rules_load_include(struct rules_loader *ld, struct ydoc *d,
			  yaml_node_t *at, const char *target,
			  bool from_builtin)
{
	const char *slash;
	char *path;
	int ret;

	if (!strncmp(target, BUILTIN_PREFIX, strlen(BUILTIN_PREFIX)))
		return load_builtin(ld, target + strlen(BUILTIN_PREFIX), d, at);
	if (from_builtin) {
		if (target[0] == '/' || strstr(target, ".."))
			return ydoc_error(d, at, ld->diags,
					  "a built-in pack includes only built-in packs, not '%s'",
					  target);
		return load_builtin(ld, target, d, at);
	}
	slash = strrchr(d->name, '/');
	if (target[0] == '/' || !slash)
		path = kc_xstrdup(target);
	else
		path = kc_xasprintf("%.*s/%s", (int)(slash - d->name), d->name,
				    target);
	ret = load_path(ld, path, d, at);
	free(path);
	return ret;
}

static bool already_read(const struct kc_rules *r, const char *identity)
{
	size_t i;

	for (i = 0; i < r->files.len; i++)
		if (!strcmp(r->files.items[i], identity))
			return true;
	return false;
}

static int load_text(struct rules_loader *ld, const char *name,
		     const char *identity, const char *text, size_t len,
		     struct ydoc *from, yaml_node_t *at)
{
	struct ydoc d;
	char *kept;
	int i, ret;

	for (i = 0; i < ld->depth; i++) {
		if (strcmp(ld->stack[i], identity))
			continue;
		return ydoc_error(from, at, ld->diags,
				  "'%s' includes itself (through %d file%s)",
				  name, ld->depth - i,
				  ld->depth - i == 1 ? "" : "s");
	}
	if (already_read(ld->r, identity))
		return 0;
	if (ld->depth == KC_RULES_MAX_INCLUDE_DEPTH)
		return ydoc_error(from, at, ld->diags,
				  "includes nested more than %d deep",
				  KC_RULES_MAX_INCLUDE_DEPTH);
	/* Positions inside expressions need the text for as long as rules live. */
	kept = kc_arena_alloc(ld->r->arena, len + 1);
	memcpy(kept, text, len);
	if (memchr(kept, '\0', len)) {
		kc_diags_add(ld->diags, KC_SEV_ERROR, name, 0, 0,
			     "the rule file holds a NUL byte");
		return -1;
	}
	if (ydoc_load(&d, name, kept, len, ld->diags) < 0)
		return -1;
	kc_vec_push(&ld->r->files, kc_arena_strdup(ld->r->arena, identity));
	ld->stack[ld->depth++] = identity;
	ret = kc_rules_read_document(ld, &d,
				     !strncmp(identity, BUILTIN_PREFIX,
					      strlen(BUILTIN_PREFIX)));
	ld->depth--;
	ydoc_free(&d);
	return ret;
}

/* The *.yaml and *.yml files of a folder listed in 'names', by name. */
static int load_dir(struct rules_loader *ld, const char *dir,
		    const struct kc_vec *names)
{
	size_t i, n = 0;
	int ret = 0;

	for (i = 0; i < names->len; i++) {
		char *path;

		if (!yaml_name(names->items[i]))
			continue;
		path = kc_xasprintf("%s%s%s", dir,
				    dir[strlen(dir) - 1] == '/' ? "" : "/",
				    (char *)names->items[i]);
		if (load_path(ld, path, NULL, NULL) < 0)
			ret = -1;
		free(path);
		n++;
	}
	if (ret == 0 && !n)
		kc_diags_add(ld->diags, KC_SEV_ERROR, dir, 0, 0,
			     "the rule folder holds no .yaml file");
	return ret || !n ? -1 : 0;
}

/* A path: a folder of rule files, or one rule file. */
static int load_source(struct rules_loader *ld, const char *source)
{
	struct kc_vec names = KC_VEC_INIT;
	const char *why = NULL;
	int kind, ret;

	if (!strncmp(source, BUILTIN_PREFIX, strlen(BUILTIN_PREFIX)))
		return load_builtin(ld, source + strlen(BUILTIN_PREFIX), NULL,
				    NULL);
	kind = kc_fs_list(ld->files, source, &names, &why);
	/* A path that cannot be listed is read, which says why it fails. */
	if (kind == 0)
		ret = load_dir(ld, source, &names);
	else
		ret = load_path(ld, source, NULL, NULL);
	free_names(&names);
	return ret;
}

static int run(struct kc_rules *r, const struct kc_fs *fs,
	       struct kc_diags *diags, const char *source, const char *name,
	       const char *text, size_t len)
{
	struct rules_loader ld = { .r = r, .diags = diags, .files = fs };
	size_t n_rules = r->rules.len, n_over = r->overrides.len;
	size_t n_files = r->files.len, errors = diags->errors;
	size_t n_diags = diags->len;
	struct kc_embedded_fs builtin;
	int ret;

	if (r->bound) {
		kc_diags_add(diags, KC_SEV_ERROR, NULL, 0, 0,
			     "rules are already bound to a model");
		return -1;
	}
	kc_embedded_rules_fs_init(&builtin);
	kc_fs_set_max_size(&builtin.fs, KC_FS_MAX_YAML_SIZE);
	ld.builtin = &builtin.fs;
	ld.scratch = kc_model_new();
	if (name)
		ret = load_text(&ld, kc_arena_strdup(r->arena, name), name,
				text, len, NULL, NULL);
	else
		ret = load_source(&ld, source);
	kc_model_free(ld.scratch);
	ydoc_sort_diags(diags, n_diags);
	if (ret == 0 && diags->errors == errors)
		return 0;
	/* All or nothing: forget what this call read. */
	r->rules.len = n_rules;
	r->overrides.len = n_over;
	r->files.len = n_files;
	kc_rules_reindex(r);
	return -1;
}

int kc_rules_add_fs(struct kc_rules *r, const struct kc_fs *fs,
		    const char *source, struct kc_diags *diags)
{
	return run(r, fs, diags, source, NULL, NULL, 0);
}

int kc_rules_add(struct kc_rules *r, const char *source,
		 struct kc_diags *diags)
{
	struct kc_disk_fs dfs;
	int ret;

	kc_disk_fs_init(&dfs, NULL);
	kc_fs_set_max_size(&dfs.fs, KC_FS_MAX_YAML_SIZE);
	ret = kc_rules_add_fs(r, &dfs.fs, source, diags);
	kc_disk_fs_release(&dfs);
	return ret;
}

int kc_rules_add_text(struct kc_rules *r, const char *name, const char *text,
		      size_t len, struct kc_diags *diags)
{
	struct kc_disk_fs dfs;
	int ret;

	/* Includes of a text are paths on disk, as for a file. */
	kc_disk_fs_init(&dfs, NULL);
	kc_fs_set_max_size(&dfs.fs, KC_FS_MAX_YAML_SIZE);
	ret = run(r, &dfs.fs, diags, NULL, name, text, len);
	kc_disk_fs_release(&dfs);
	return ret;
}
