/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * top.c - the whole Kbuild walk: what the top Makefile does before it
 * descends (the variables every sub-make inherits, scripts/Kbuild.include,
 * the arch Makefile's core-y, drivers-y and libs-y), the top Kbuild, and
 * what the build makes of the folders' lists: vmlinux.a's members, lib.a,
 * modules.order, modules.builtin, and the modules in the kernel's order.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild_internal.h"

/* ---- the host the Makefile reader asks ------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const struct kc_vec *kb_host_list(void *ctx, const char *dir)
{
	static const struct kc_vec none = KC_VEC_INIT;
	struct walk *w = ctx;
	struct kc_vec *v = kc_map_get(w->dirs, dir);
	const char *why;
	char *key;

	if (v)
		return v == &none ? NULL : v;
	key = kc_arena_strdup(w->a, dir);
	v = kc_xcalloc(1, sizeof(*v));
	if (w->opt->list ? w->opt->list(w->opt->list_ctx, dir, v) < 0
			 : kc_fs_list(w->opt->fs, dir, v, &why) != 0) {
		for (size_t i = 0; i < v->len; i++)
			free(v->items[i]);
		kc_vec_free(v);
		free(v);
		kc_map_put(w->dirs, key, (void *)&none);
		return NULL;
	}
	if (v->len)
		qsort(v->items, v->len, sizeof(*v->items), cmp_str);
	kc_vec_push(&w->cached, v);
	kc_map_put(w->dirs, key, v);
	return v;
}

static const char *host_config(void *ctx, const char *name, size_t n)
{
	struct walk *w = ctx;

	if (!w->opt->config)
		return NULL;
	kc_buf_reset(&w->name);
	kc_buf_add(&w->name, name, n);
	return w->opt->config(w->opt->config_ctx, kc_buf_str(&w->name));
}

static void host_included(void *ctx, const char *path)
{
	struct walk *w = ctx;

	if (w->opt->included)
		w->opt->included(w->opt->config_ctx, path);
}

void kb_enter(struct walk *w, const char *dir)
{
	if (w->opt->enter)
		w->opt->enter(w->opt->config_ctx, dir);
}

/* ---- the top: globals, the arch Makefile, the top Kbuild -------------------------- */

static void set_global(struct walk *w, const char *name, const char *value,
		       bool build_machine)
{
	struct mk_var *v = mk_scope_set(&w->globals, name, strlen(name), value,
					strlen(value), MK_RECURSIVE,
					MK_ORIGIN_ENVIRONMENT);

	v->exported = true;
	v->build_machine = build_machine;
}

/*
 * What the top Makefile exports to every sub-make that a Kbuild file may
 * read.  The tools are the build machine's: their names are the defaults
 * of a native build, and reading them is recorded.
 */
static void set_globals(struct walk *w)
{
	static const char *const tools[][2] = {
		{ "CC", "gcc" }, { "LD", "ld" }, { "AR", "ar" }, { "NM", "nm" },
		{ "OBJCOPY", "objcopy" }, { "OBJDUMP", "objdump" },
		{ "READELF", "readelf" }, { "STRIP", "strip" },
		{ "HOSTCC", "gcc" }, { "HOSTCXX", "g++" }, { "CPP", "gcc -E" },
		{ "PERL", "perl" }, { "PYTHON3", "python3" }, { "AWK", "awk" },
		{ "CONFIG_SHELL", "sh" }, { "PAHOLE", "pahole" },
		{ "RUSTC", "rustc" }, { "BINDGEN", "bindgen" },
		{ "CC_VERSION_TEXT", "" }, { "HOSTPKG_CONFIG", "pkg-config" },
	};
	const char *arch = w->opt->arch ? w->opt->arch : "";
	const char *srcarch = w->opt->srcarch ? w->opt->srcarch : arch;
	size_t i;

	set_global(w, "srctree", ".", false);
	set_global(w, "objtree", ".", false);
	/* Linux 6.13's name for the source of an in-tree build */
	set_global(w, "srcroot", ".", false);
	set_global(w, "ARCH", arch, false);
	set_global(w, "SRCARCH", srcarch, false);
	set_global(w, "KBUILD_EXTMOD", "", false);
	set_global(w, "KBUILD_BUILTIN", "1", false);
	set_global(w, "KBUILD_MODULES", "1", false);
	set_global(w, "MAKE", "make", false);
	/*
	 * A GNU make with $(intcmp): Kbuild.include's test-ge and test-gt
	 * then compare numbers without a shell.
	 */
	set_global(w, "MAKE_VERSION", "4.4.1", false);
	set_global(w, ".FEATURES", "target-specific order-only second-expansion "
		   "else-if shortest-stem undefine oneshell nocomment "
		   "grouped-target extra-prereqs notintermediate shell-export "
		   "archives jobserver output-sync check-symlink load", false);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		set_global(w, tools[i][0], tools[i][1], true);
}

/* Reads a file into the globals (scripts/Kbuild.include), when present. */
static void read_into_globals(struct walk *w, const char *path)
{
	struct mk m;

	mk_init(&m, &w->host, &w->globals);
	if (mk_read_file(&m, path) == 0 && m.stop)
		w->r->complete = false;
}

/*
 * The top Makefile's part before the walk: core-y, drivers-y and libs-y
 * start as ":=", "" and "lib/", the arch Makefile adds to them, and
 * ARCH_CORE, ARCH_LIB and ARCH_DRIVERS are exported for the top Kbuild.
 * What the arch Makefile exports (BITS) reaches every Makefile.
 */
static void read_arch(struct walk *w)
{
	struct kc_buf path = KC_BUF_INIT, val = KC_BUF_INIT;
	struct kc_vec libs = KC_VEC_INIT;
	struct mk_scope s;
	struct mk m;
	size_t i;

	kb_enter(w, ".");
	mk_scope_init(&s, &w->globals);
	mk_scope_set(&s, "core-y", 6, "", 0, MK_SIMPLE, MK_ORIGIN_FILE);
	mk_scope_set(&s, "drivers-y", 9, "", 0, MK_SIMPLE, MK_ORIGIN_FILE);
	mk_scope_set(&s, "libs-y", 6, "lib/", 4, MK_SIMPLE, MK_ORIGIN_FILE);
	mk_init(&m, &w->host, &s);
	if (w->opt->arch) {
		kc_buf_addf(&path, "arch/%s/Makefile",
			    w->opt->srcarch ? w->opt->srcarch : w->opt->arch);
		if (mk_read_file(&m, kc_buf_str(&path)) == 0 && m.stop)
			w->r->complete = false;
	}
	m.stop = false;
	mk_expand(&m, "$(core-y)", 9, &val);
	set_global(w, "ARCH_CORE", kc_buf_str(&val), false);
	kc_buf_reset(&val);
	mk_expand(&m, "$(filter %/, $(libs-y))", 23, &val);
	set_global(w, "ARCH_LIB", kc_buf_str(&val), false);
	kb_var_words(w, &m, "libs-y", &libs);
	for (i = 0; i < libs.len; i++)
		if (kb_ends_with(libs.items[i], "/"))
			kc_vec_push(&w->lib_dirs, kc_arena_strndup(w->a, libs.items[i],
						strlen(libs.items[i]) - 1));
	kc_buf_reset(&val);
	mk_expand(&m, "$(drivers-y) $(drivers-m)", 26, &val);
	set_global(w, "ARCH_DRIVERS", kc_buf_str(&val), false);
	for (i = 0; i < s.vars.len; i++) {
		struct mk_var *v = s.vars.items[i];

		if (!v->exported)
			continue;
		kc_buf_reset(&val);
		mk_expand_var(&m, v->name, &val);
		set_global(w, kc_arena_strdup(w->a, v->name), kc_buf_str(&val),
			   false);
	}
	kc_vec_free(&libs);
	kc_buf_free(&val);
	kc_buf_free(&path);
	mk_scope_release(&s);
}

/*
 * vmlinux.a: ./built-in.a, then (with CONFIG_MODULES) the lib.a of each
 * libs-y folder; scripts/head-object-list.txt moves the objects it names
 * to the front, in archive order.  Without CONFIG_MODULES the lib.a are
 * searched by the linker instead, for what vmlinux needs; their objects
 * are listed after all the same.
 */
static void vmlinux_order(struct walk *w, struct kc_vec *builtin)
{
	struct kc_vec all = KC_VEC_INIT, head = KC_VEC_INIT, rest = KC_VEC_INIT;
	const char *why;
	char *list = NULL;
	size_t i, k, len;

	kb_splice(&all, builtin);
	for (i = 0; i < w->lib_dirs.len; i++) {
		struct kc_vec *v = kc_map_get(w->libs, w->lib_dirs.items[i]);

		if (v)
			kb_splice(&w->r->lib_objects, v);
	}
	if (kc_fs_read(w->opt->fs, "scripts/head-object-list.txt",
			     &list, &len, &why) < 0)
		list = NULL;
	for (i = 0; i < all.len; i++) {
		const char *o = all.items[i], *p = list;
		bool is_head = false;

		/* grep -F -f: any line of the list inside the name */
		while (p && *p && !is_head) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			if (n && memmem(o, strlen(o), p, n))
				is_head = true;
			p = nl ? nl + 1 : NULL;
		}
		kc_vec_push(is_head ? &head : &rest, (void *)o);
	}
	free(list);
	for (k = 0; k < 2; k++)
		kb_splice(&w->r->builtin_objects, k ? &rest : &head);
	kc_vec_free(&all);
	kc_vec_free(&head);
	kc_vec_free(&rest);
}

/*
 * modules.builtin (scripts/Makefile.vmlinux_o): the "file=" entries of
 * vmlinux.o's .modinfo, in link order, adjacent repeats dropped.
 * MODULE_LICENSE() writes one, with KBUILD_MODFILE, in a built-in object.
 */
static void modules_builtin(struct walk *w)
{
	struct kc_vec objs = KC_VEC_INIT;
	const char *last = NULL;
	size_t i;

	kb_splice(&objs, &w->r->builtin_objects);
	kb_splice(&objs, &w->r->lib_objects);
	for (i = 0; i < objs.len; i++) {
		const char *o = objs.items[i], *mf, *p, *sp;

		if (!kb_object_declares_license(w->opt->fs, o))
			continue;
		mf = kc_map_get(w->modfiles, o);
		for (p = mf; p && *p; p = sp ? sp + 1 : p + strlen(p)) {
			size_t n;

			sp = strchr(p, ' ');
			n = sp ? (size_t)(sp - p) : strlen(p);
			if (last && strlen(last) == n && !memcmp(last, p, n))
				continue;
			last = kc_arena_strndup(w->a, p, n);
			kc_vec_push(&w->r->builtin_modules, (void *)last);
		}
	}
	kc_vec_free(&objs);
}

/*
 * The modules in the kernel's order: those of modules.order as it lists
 * them, then the built-in ones by their first object's place in vmlinux.a
 * (the link order, which is also the initcall order), then the rest in
 * walk order (built-in composites with no parts).
 */
static void kernel_order(struct walk *w)
{
	struct kc_kbuild_result *r = w->r;
	struct kc_map *by_name = kc_map_new(r->modules.len * 2 + 1);
	struct kc_map *placed = kc_map_new(r->modules.len * 2 + 1);
	struct kc_vec out = KC_VEC_INIT;
	struct kc_buf key = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < r->modules.len; i++) {
		struct kc_kbuild_module *m = r->modules.items[i];

		kc_buf_reset(&key);
		kc_buf_addf(&key, "%s %s.o", m->kind == KC_KBUILD_MODULE ? "m" : "y",
			    m->name);
		if (m->kind == KC_KBUILD_BUILTIN && m->n_objects)
			kc_map_put(by_name, m->objects[0], m);
		else if (m->kind == KC_KBUILD_MODULE)
			kc_map_put(by_name, kc_arena_strdup(w->a, kc_buf_str(&key)), m);
	}
	for (i = 0; i < r->order.len + r->builtin_objects.len; i++) {
		struct kc_kbuild_module *m;

		kc_buf_reset(&key);
		if (i < r->order.len)
			kc_buf_addf(&key, "m %s", (char *)r->order.items[i]);
		else
			kc_buf_adds(&key, r->builtin_objects.items[i - r->order.len]);
		m = kc_map_get(by_name, kc_buf_str(&key));
		if (!m || kc_map_get(placed, m->name))
			continue;
		kc_map_put(placed, m->name, m);
		kc_vec_push(&out, m);
	}
	for (i = 0; i < r->modules.len; i++) {
		struct kc_kbuild_module *m = r->modules.items[i];

		if (kc_map_get(placed, m->name) != m)
			kc_vec_push(&out, m);
	}
	kc_vec_free(&r->modules);
	r->modules = out;
	kc_buf_free(&key);
	kc_map_free(by_name);
	kc_map_free(placed);
}

static void walk_begin(struct walk *w, const struct kc_kbuild_options *opt,
		       struct kc_diags *d, struct kc_kbuild_result *r)
{
	memset(w, 0, sizeof(*w));
	r->arena = kc_arena_new();
	r->complete = true;
	w->opt = opt;
	w->diags = d;
	w->r = r;
	w->a = r->arena;
	/* one folder alone: small maps, as it is read many times over */
	w->dirs = kc_map_new(opt->no_descend ? 16 : 4096);
	w->modfiles = kc_map_new(opt->no_descend ? 64 : 8192);
	w->libs = kc_map_new(16);
	w->host.fs = opt->fs;
	w->host.list = kb_host_list;
	w->host.config = host_config;
	w->host.ctx = w;
	w->host.included = host_included;
	w->host.run_shell = opt->run_shell;
	w->host.shell_dir = opt->shell_dir;
	w->host.diags = d;
	w->host.probes = &r->probes;
	w->host.arena = r->arena;
	mk_scope_init(&w->globals, NULL);
}

/* The top Makefile's part: globals, Kbuild.include, the arch Makefile. */
static void walk_top(struct walk *w)
{
	set_globals(w);
	if (kb_host_list(w, "scripts") && kb_in_vec(kb_host_list(w, "scripts"),
						"Kbuild.include"))
		read_into_globals(w, "scripts/Kbuild.include");
	read_arch(w);
}

static void walk_end(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->cached.len; i++) {
		struct kc_vec *v = w->cached.items[i];

		for (size_t k = 0; k < v->len; k++)
			free(v->items[k]);
		kc_vec_free(v);
		free(v);
	}
	kc_vec_free(&w->cached);
	for (i = 0; i < w->lib_vecs.len; i++)
		kc_vec_free(w->lib_vecs.items[i]);
	kc_vec_free(&w->lib_vecs);
	kc_vec_free(&w->lib_dirs);
	kc_vec_free(&w->subdir_cflags);
	kc_vec_free(&w->subdir_aflags);
	kc_map_free(w->dirs);
	kc_map_free(w->modfiles);
	kc_map_free(w->libs);
	kc_map_free(w->asked);
	kc_buf_free(&w->name);
	mk_scope_release(&w->globals);
}

/* ---- a top read once, for readings of one folder at a time ----------------------- */

struct kc_kbuild_top {
	struct kc_kbuild_result *r;	/* its arena holds the names */
	struct mk_scope globals;
	struct kc_vec lib_dirs;
};

struct kc_kbuild_top *kc_kbuild_top_read(const struct kc_kbuild_options *opt,
					 struct kc_diags *d)
{
	struct kc_kbuild_top *t = kc_xcalloc(1, sizeof(*t));
	struct walk w;

	t->r = kc_xcalloc(1, sizeof(*t->r));
	walk_begin(&w, opt, d, t->r);
	walk_top(&w);
	t->globals = w.globals;
	t->lib_dirs = w.lib_dirs;
	mk_scope_init(&w.globals, NULL);
	memset(&w.lib_dirs, 0, sizeof(w.lib_dirs));
	walk_end(&w);
	return t;
}

const char *kc_kbuild_top_value(const struct kc_kbuild_top *t,
				const char *name)
{
	const struct mk_var *v = mk_scope_get(&t->globals, name, strlen(name));

	return v ? kc_buf_str(&v->value) : NULL;
}

void kc_kbuild_top_free(struct kc_kbuild_top *t)
{
	if (!t)
		return;
	mk_scope_release(&t->globals);
	kc_vec_free(&t->lib_dirs);
	kc_kbuild_result_free(t->r);
	free(t);
}

/* A variable of the top asked of the caller (options' top_value). */
static struct mk_var *walk_ask(void *ctx, struct mk_scope *s, const char *name,
			       size_t n)
{
	struct walk *w = ctx;
	struct mk_var *v;
	const char *value;

	kc_buf_reset(&w->name);
	kc_buf_add(&w->name, name, n);
	value = w->opt->top_value(w->opt->config_ctx, kc_buf_str(&w->name));
	if (!value)
		return NULL;
	v = mk_scope_set(s, name, n, value, strlen(value), MK_RECURSIVE,
			 MK_ORIGIN_ENVIRONMENT);
	v->exported = true;
	return v;
}

/* The walk's globals from opt->top, read before. */
static void walk_from_top(struct walk *w)
{
	const struct kc_kbuild_top *t = w->opt->top;
	size_t i;

	mk_scope_copy(&w->globals, &t->globals);
	for (i = 0; i < t->lib_dirs.len; i++)
		kc_vec_push(&w->lib_dirs, kc_arena_strdup(w->a, t->lib_dirs.items[i]));
	if (!w->opt->top_value || !w->opt->n_top_vars)
		return;
	w->asked = kc_map_new(2 * w->opt->n_top_vars);
	for (i = 0; i < w->opt->n_top_vars; i++)
		kc_map_put(w->asked, w->opt->top_vars[i], (void *)w->opt->top_vars[i]);
	w->globals.asked = w->asked;
	w->globals.ask = walk_ask;
	w->globals.ask_ctx = w;
}

struct kc_kbuild_result *kc_kbuild_walk(const struct kc_kbuild_options *opt,
					struct kc_diags *d)
{
	struct kc_kbuild_result *r = kc_xcalloc(1, sizeof(*r));
	struct dir_out top = { KC_VEC_INIT, KC_VEC_INIT };
	struct walk w;

	walk_begin(&w, opt, d, r);
	if (opt->top)
		walk_from_top(&w);
	else
		walk_top(&w);
	if (!kb_host_list(&w, ".") ||
	    (!kb_in_vec(kb_host_list(&w, "."), "Kbuild") &&
	     !kb_in_vec(kb_host_list(&w, "."), "Makefile"))) {
		kc_diags_add(d, KC_SEV_ERROR, NULL, 0, 0,
			     "no Kbuild or Makefile at the top of the tree");
		kc_kbuild_result_free(r);
		r = NULL;
		goto out;
	}
	kb_visit(&w, opt->start_dir ? opt->start_dir : ".", true, true, &top);
	kb_splice(&r->order, &top.order);
	vmlinux_order(&w, &top.builtin);
	kernel_order(&w);
	if (opt->modinfo)
		modules_builtin(&w);
out:
	kc_vec_free(&top.builtin);
	kc_vec_free(&top.order);
	walk_end(&w);
	return r;
}

void kc_kbuild_result_free(struct kc_kbuild_result *r)
{
	if (!r)
		return;
	kc_vec_free(&r->modules);
	kc_vec_free(&r->order);
	kc_vec_free(&r->builtin_objects);
	kc_vec_free(&r->lib_objects);
	kc_vec_free(&r->builtin_modules);
	kc_vec_free(&r->dirs);
	kc_vec_free(&r->probes);
	kc_arena_free(r->arena);
	free(r);
}

static bool path_in_any(const char *const *dirs, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (kc_path_in(dirs[i], path))
			return true;
	return false;
}

/* Keeps the strings of v inside one of dirs, in their order. */
static void keep_strings(struct kc_vec *v, const char *const *dirs, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < v->len; i++)
		if (path_in_any(dirs, n, v->items[i]))
			v->items[k++] = v->items[i];
	v->len = k;
}

void kc_kbuild_result_keep_under(struct kc_kbuild_result *r,
				 const char *const *dirs, size_t n)
{
	size_t i, k;

	if (!r || !n)
		return;
	for (i = k = 0; i < r->modules.len; i++) {
		const struct kc_kbuild_module *m = r->modules.items[i];

		if (path_in_any(dirs, n, m->name))
			r->modules.items[k++] = r->modules.items[i];
	}
	r->modules.len = k;
	keep_strings(&r->order, dirs, n);
	keep_strings(&r->builtin_objects, dirs, n);
	keep_strings(&r->lib_objects, dirs, n);
	keep_strings(&r->builtin_modules, dirs, n);
	for (i = k = 0; i < r->dirs.len; i++) {
		const struct kc_kbuild_dir *d = r->dirs.items[i];

		if (path_in_any(dirs, n, d->path))
			r->dirs.items[k++] = r->dirs.items[i];
	}
	r->dirs.len = k;
	for (i = k = 0; i < r->probes.len; i++) {
		const struct kc_kbuild_probe *p = r->probes.items[i];

		if (p->file && path_in_any(dirs, n, p->file))
			r->probes.items[k++] = r->probes.items[i];
	}
	r->probes.len = k;
}
