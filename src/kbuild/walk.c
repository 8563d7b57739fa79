/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * walk.c - the Kbuild walk: which folders the kernel's build descends into
 * for one configuration, and what each of them builds.  The rules are those
 * of Linux 6.12's scripts/Makefile.build and scripts/Makefile.lib (read
 * there; checked against them in tests/kernel/test_modules_order.sh):
 *
 *  - a folder's Makefile is its Kbuild file when there is one (kbuild-file
 *    in scripts/Kbuild.include);
 *  - an object in obj-y and obj-m is built in; lib-y is what obj-y leaves;
 *  - foo.o is a composite when foo-objs, foo-y, foo-m (modules) or foo-
 *    is not empty; its parts are foo-objs foo-y (foo-m), not expanded again
 *    (multi-search, real-search);
 *  - "dir/" in obj-y puts dir's built-in.a into the parent's when the
 *    parent's is linked (need-builtin), and dir's modules.order into the
 *    parent's, before the obj-m entries, when modules are collected
 *    (need-modorder); "dir/" in obj-m only the latter;
 *  - a folder's built-in.a holds real-obj-y in order, each once (make's $^);
 *    its modules.order the obj-m entries in order with the subfolders'
 *    modules.order in their place (cmd_gen_order).
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild_internal.h"
#include "make.h"

struct walk {
	const struct kc_kbuild_options *opt;
	struct kc_diags *diags;
	struct kc_kbuild_result *r;
	struct kc_arena *a;		/* the result's */
	struct mk_host host;
	struct mk_scope globals;
	struct kc_map *dirs;		/* folder -> struct kc_vec * (names) */
	struct kc_vec cached;		/* those vectors, to free */
	struct kc_vec lib_vecs;		/* the vectors in libs, to free */
	struct kc_buf name;		/* scratch for config lookups */
	struct kc_map *modfiles;	/* object -> const char * ("a b") */
	struct kc_map *libs;		/* folder -> struct kc_vec * (lib.a) */
	struct kc_vec lib_dirs;		/* libs-y folders, in order */
	int depth;
};

/* What a folder gives its parent. */
struct dir_out {
	struct kc_vec builtin;	/* built-in.a members, flattened */
	struct kc_vec order;	/* modules.order lines */
};

static const char *const list_vars[] = { "obj-y", "obj-m", "lib-y", "lib-m",
					 "subdir-y", "subdir-m" };

/* ---- the host the Makefile reader asks ------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct kc_vec *host_list(void *ctx, const char *dir)
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

/* ---- word lists ---------------------------------------------------------------------- */

/* The words of variable 'name' expanded, each copied into the arena. */
static void var_words(struct walk *w, struct mk *m, const char *name,
		      struct kc_vec *out)
{
	struct kc_buf val = KC_BUF_INIT;
	const char *p, *end, *word;
	size_t n;

	mk_expand_var(m, name, &val);
	p = kc_buf_str(&val);
	end = p + val.len;
	while (mk_next_word(&p, end, &word, &n))
		kc_vec_push(out, kc_arena_strndup(w->a, word, n));
	kc_buf_free(&val);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static bool in_vec(const struct kc_vec *v, const char *s)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (!strcmp(v->items[i], s))
			return true;
	return false;
}

/* $(sort): sorted, each word once. */
static void sort_unique(struct kc_vec *v)
{
	size_t i, o = 0;

	if (v->len < 2)
		return;
	qsort(v->items, v->len, sizeof(*v->items), cmp_str);
	for (i = 0; i < v->len; i++)
		if (!o || strcmp(v->items[o - 1], v->items[i]))
			v->items[o++] = v->items[i];
	v->len = o;
}

/* Make's $^: each prerequisite once, the first time it is named. */
static void unique_in_order(struct kc_vec *v)
{
	struct kc_map *seen = kc_map_new(v->len * 2 + 1);
	size_t i, o = 0;

	for (i = 0; i < v->len; i++) {
		if (kc_map_get(seen, v->items[i]))
			continue;
		kc_map_put(seen, v->items[i], v->items[i]);
		v->items[o++] = v->items[i];
	}
	v->len = o;
	kc_map_free(seen);
}

static char *joinf(struct walk *w, const char *dir, const char *name)
{
	struct kc_buf b = KC_BUF_INIT;
	char *s;

	/* Makefile.lib adds "$(obj)/" only when obj is not "." */
	if (strcmp(dir, "."))
		kc_buf_addf(&b, "%s/", dir);
	kc_buf_adds(&b, name);
	s = kc_arena_strdup(w->a, kc_buf_str(&b));
	kc_buf_free(&b);
	return s;
}

/* ---- composites ------------------------------------------------------------------------- */

/*
 * suffix-search: the words of $(foo-objs) $(foo-y) ... for "foo.o".  For a
 * word that does not end in ".o" the substitution leaves it unchanged, and
 * the variable of that name is read once per suffix.
 */
static void suffix_search(struct walk *w, struct mk *m, const char *obj,
			  const char *const *suffixes, struct kc_vec *out)
{
	struct kc_buf name = KC_BUF_INIT;
	size_t i;

	for (i = 0; suffixes[i]; i++) {
		kc_buf_reset(&name);
		if (ends_with(obj, ".o")) {
			kc_buf_add(&name, obj, strlen(obj) - 2);
			kc_buf_adds(&name, suffixes[i]);
		} else {
			kc_buf_adds(&name, obj);
		}
		var_words(w, m, kc_buf_str(&name), out);
	}
	kc_buf_free(&name);
}

static const char *const sfx_y[] = { "-objs", "-y", NULL };
static const char *const sfx_y_any[] = { "-objs", "-y", "-", NULL };
static const char *const sfx_m[] = { "-objs", "-y", "-m", NULL };
static const char *const sfx_m_any[] = { "-objs", "-y", "-m", "-", NULL };

static bool is_multi(struct walk *w, struct mk *m, const char *obj,
		     const char *const *any)
{
	struct kc_vec parts = KC_VEC_INIT;
	bool r;

	suffix_search(w, m, obj, any, &parts);
	r = parts.len > 0;
	kc_vec_free(&parts);
	return r;
}

/* real-search: each composite replaced by its parts. */
static void real_search(struct walk *w, struct mk *m, const struct kc_vec *in,
			const char *const *sfx, const char *const *any,
			struct kc_vec *out)
{
	size_t i;

	for (i = 0; i < in->len; i++) {
		if (is_multi(w, m, in->items[i], any))
			suffix_search(w, m, in->items[i], sfx, out);
		else
			kc_vec_push(out, in->items[i]);
	}
}

/* ---- one folder ---------------------------------------------------------------------- */

/* The variables scripts/Makefile.build sets before including the Makefile. */
static void build_preset(struct walk *w, struct mk_scope *s, const char *dir,
			 bool need_builtin, bool need_modorder)
{
	static const char *const empty[] = {
		"obj-y", "obj-m", "lib-y", "lib-m", "always-y", "always-m",
		"targets", "subdir-y", "subdir-m", "EXTRA_AFLAGS",
		"EXTRA_CFLAGS", "EXTRA_CPPFLAGS", "EXTRA_LDFLAGS", "asflags-y",
		"ccflags-y", "rustflags-y", "cppflags-y", "ldflags-y",
		"subdir-asflags-y", "subdir-ccflags-y",
	};
	size_t i;

	/* the command line of "$(MAKE) $(build)=dir need-builtin=..." */
	mk_scope_set(s, "obj", 3, dir, strlen(dir), MK_RECURSIVE,
		     MK_ORIGIN_COMMAND_LINE);
	mk_scope_set(s, "need-builtin", 12, need_builtin ? "1" : "",
		     need_builtin, MK_RECURSIVE, MK_ORIGIN_COMMAND_LINE);
	mk_scope_set(s, "need-modorder", 13, need_modorder ? "1" : "",
		     need_modorder, MK_RECURSIVE, MK_ORIGIN_COMMAND_LINE);
	/* src := $(if $(VPATH),$(VPATH)/)$(obj): an in-tree build */
	mk_scope_set(s, "src", 3, dir, strlen(dir), MK_SIMPLE, MK_ORIGIN_FILE);
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		mk_scope_set(s, empty[i], strlen(empty[i]), "", 0, MK_SIMPLE,
			     MK_ORIGIN_FILE);
}

/* kbuild-file = $(or $(wildcard $(src)/Kbuild),$(src)/Makefile) */
static char *kbuild_file(struct walk *w, const char *dir)
{
	const struct kc_vec *names = host_list(w, dir);

	if (names && in_vec(names, "Kbuild"))
		return joinf(w, dir, "Kbuild");
	return joinf(w, dir, "Makefile");
}

/* Keeps the Makefile's lists as it left them, for format_lists. */
static void record_lists(struct walk *w, struct mk *m, struct kc_kbuild_dir *d,
			 struct kc_vec *raw)
{
	static const char *const sfx[] = { "-objs", "-y", "-m", "-" };
	struct kc_vec names = KC_VEC_INIT, lists = KC_VEC_INIT;
	struct kc_buf b = KC_BUF_INIT;
	size_t i, k;

	for (i = 0; i < 6; i++)
		for (k = 0; k < raw[i].len; k++)
			if (i < 2 && ends_with(raw[i].items[k], ".o"))
				kc_vec_push(&names, raw[i].items[k]);
	sort_unique(&names);
	for (i = 0; i < 6 + names.len * 4; i++) {
		struct kc_kbuild_list *l;
		struct kc_vec words = KC_VEC_INIT;

		kc_buf_reset(&b);
		if (i < 6) {
			kc_buf_adds(&b, list_vars[i]);
		} else {
			const char *o = names.items[(i - 6) / 4];

			kc_buf_add(&b, o, strlen(o) - 2);
			kc_buf_adds(&b, sfx[(i - 6) % 4]);
		}
		var_words(w, m, kc_buf_str(&b), &words);
		if (i >= 6 && !words.len) {
			kc_vec_free(&words);
			continue;
		}
		l = kc_arena_alloc(w->a, sizeof(*l));
		l->name = kc_arena_strdup(w->a, kc_buf_str(&b));
		kc_buf_reset(&b);
		for (k = 0; k < words.len; k++)
			kc_buf_addf(&b, "%s%s", k ? " " : "",
				    (char *)words.items[k]);
		l->value = kc_arena_strdup(w->a, kc_buf_str(&b));
		kc_vec_push(&lists, l);
		kc_vec_free(&words);
	}
	d->n_lists = lists.len;
	d->lists = kc_arena_alloc(w->a, (lists.len + 1) * sizeof(*d->lists));
	for (i = 0; i < lists.len; i++)
		d->lists[i] = *(struct kc_kbuild_list *)lists.items[i];
	kc_vec_free(&lists);
	kc_vec_free(&names);
	kc_buf_free(&b);
}

/*
 * KBUILD_MODFILE of a built-in object (modfile in Makefile.lib): the
 * composites of this folder that list it, else its own base name.
 */
static void note_modfile(struct walk *w, struct mk *m, const char *dir,
			 const struct kc_vec *multi, const char *obj)
{
	struct kc_vec names = KC_VEC_INIT;
	struct kc_buf b = KC_BUF_INIT;
	const char *base, *full = joinf(w, dir, obj);
	size_t i;

	for (i = 0; i < multi->len; i++) {
		struct kc_vec parts = KC_VEC_INIT;

		suffix_search(w, m, multi->items[i], sfx_m, &parts);
		if (in_vec(&parts, obj))
			kc_vec_push(&names, multi->items[i]);
		kc_vec_free(&parts);
	}
	sort_unique(&names);
	for (i = 0; i < names.len; i++) {
		const char *n = names.items[i];

		kc_buf_addf(&b, "%s%s/%.*s", i ? " " : "", dir,
			    (int)strlen(n) - 2, n);
	}
	if (!names.len) {
		base = strrchr(obj, '/');
		base = base ? base + 1 : obj;
		kc_buf_addf(&b, "%s/%.*s", dir,
			    (int)(strrchr(base, '.') ? strrchr(base, '.') - base
						      : (long)strlen(base)),
			    base);
	}
	kc_map_put(w->modfiles, full, kc_arena_strdup(w->a, kc_buf_str(&b)));
	kc_vec_free(&names);
	kc_buf_free(&b);
}

static struct kc_kbuild_module *new_module(struct walk *w, const char *dir,
					   const char *obj,
					   enum kc_kbuild_kind kind,
					   const char *makefile)
{
	struct kc_kbuild_module *mod = kc_arena_alloc(w->a, sizeof(*mod));
	const char *full = joinf(w, dir, obj);

	mod->name = kc_arena_strndup(w->a, full, strlen(full) - 2);
	mod->kind = kind;
	mod->makefile = makefile;
	kc_vec_push(&w->r->modules, mod);
	return mod;
}

static void set_objects(struct walk *w, struct kc_kbuild_module *mod,
			const char *dir, struct kc_vec *parts)
{
	size_t i;

	unique_in_order(parts);	/* the .mod file: awk '!x[$0]++' */
	mod->n_objects = parts->len;
	mod->objects = kc_arena_alloc(w->a, (parts->len + 1) * sizeof(char *));
	for (i = 0; i < parts->len; i++)
		mod->objects[i] = joinf(w, dir, parts->items[i]);
}

/* The modules and built-in objects of one folder, for the result. */
static void add_modules(struct walk *w, struct mk *m, const char *dir,
			const char *makefile, const struct kc_vec *objs,
			enum kc_kbuild_kind kind)
{
	const char *const *any = kind == KC_KBUILD_MODULE ? sfx_m_any : sfx_y_any;
	const char *const *sfx = kind == KC_KBUILD_MODULE ? sfx_m : sfx_y;
	struct kc_vec seen = KC_VEC_INIT;
	size_t i;

	for (i = 0; i < objs->len; i++) {
		const char *o = objs->items[i];
		struct kc_vec parts = KC_VEC_INIT;
		struct kc_kbuild_module *mod;

		if (!ends_with(o, ".o") || in_vec(&seen, o))
			continue;
		kc_vec_push(&seen, (void *)o);
		mod = new_module(w, dir, o, kind, makefile);
		mod->composite = is_multi(w, m, o, any);
		if (mod->composite)
			suffix_search(w, m, o, sfx, &parts);
		else
			kc_vec_push(&parts, (void *)o);
		set_objects(w, mod, dir, &parts);
		kc_vec_free(&parts);
	}
	kc_vec_free(&seen);
}

static void visit(struct walk *w, const char *dir, bool need_builtin,
		  bool need_modorder, struct dir_out *out);

/* The lists of one folder after scripts/Makefile.lib. */
struct lists {
	struct kc_vec raw[6];		/* as the Makefile left list_vars */
	struct kc_vec obj_y, obj_m;	/* after the dir/ rules */
	struct kc_vec lib, subdirs;
	struct kc_vec multi_ym;
};

static void lists_free(struct lists *l)
{
	size_t i;

	for (i = 0; i < 6; i++)
		kc_vec_free(&l->raw[i]);
	kc_vec_free(&l->obj_y);
	kc_vec_free(&l->obj_m);
	kc_vec_free(&l->lib);
	kc_vec_free(&l->subdirs);
	kc_vec_free(&l->multi_ym);
}

static char *concat(struct walk *w, const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	char *s = kc_arena_alloc(w->a, an + bn + 1);

	memcpy(s, a, an);
	memcpy(s + an, b, bn + 1);
	return s;
}

/* "Figure out what we need to build" in scripts/Makefile.lib. */
static void makefile_lib(struct walk *w, struct mk *m, struct lists *l,
			 bool need_builtin, bool need_modorder)
{
	struct kc_vec *oy = &l->raw[0], *om = &l->raw[1];
	size_t i, k;

	/* lib-y := $(filter-out $(obj-y), $(sort $(lib-y) $(lib-m))) */
	for (i = 2; i < 4; i++)
		for (k = 0; k < l->raw[i].len; k++)
			if (!in_vec(oy, l->raw[i].items[k]))
				kc_vec_push(&l->lib, l->raw[i].items[k]);
	sort_unique(&l->lib);
	/* subdir-ym: subdir-y, subdir-m and the dir/ of obj-y and obj-m */
	for (i = 4; i < 6; i++)
		for (k = 0; k < l->raw[i].len; k++)
			kc_vec_push(&l->subdirs, l->raw[i].items[k]);
	for (i = 0; i < oy->len + om->len; i++) {
		const char *o = i < oy->len ? oy->items[i]
					    : om->items[i - oy->len];

		if (ends_with(o, "/"))
			kc_vec_push(&l->subdirs,
				    kc_arena_strndup(w->a, o, strlen(o) - 1));
	}
	sort_unique(&l->subdirs);
	/* obj-m: the dir/ of obj-y first, then obj-m less what obj-y has */
	if (need_modorder)
		for (i = 0; i < oy->len; i++)
			if (ends_with(oy->items[i], "/"))
				kc_vec_push(&l->obj_m,
					    concat(w, oy->items[i],
						   strlen(oy->items[i]),
						   "modules.order"));
	for (i = 0; i < om->len; i++) {
		const char *o = om->items[i];

		if (in_vec(oy, o))
			continue;
		if (!ends_with(o, "/"))
			kc_vec_push(&l->obj_m, (void *)o);
		else if (need_modorder)
			kc_vec_push(&l->obj_m,
				    concat(w, o, strlen(o), "modules.order"));
	}
	for (i = 0; i < oy->len; i++) {
		const char *o = oy->items[i];

		if (!ends_with(o, "/"))
			kc_vec_push(&l->obj_y, (void *)o);
		else if (need_builtin)
			kc_vec_push(&l->obj_y,
				    concat(w, o, strlen(o), "built-in.a"));
	}
	/* multi-obj-ym, for KBUILD_MODFILE */
	for (i = 0; i < l->obj_y.len; i++)
		if (is_multi(w, m, l->obj_y.items[i], sfx_y_any))
			kc_vec_push(&l->multi_ym, l->obj_y.items[i]);
	for (i = 0; i < l->obj_m.len; i++)
		if (is_multi(w, m, l->obj_m.items[i], sfx_m_any))
			kc_vec_push(&l->multi_ym, l->obj_m.items[i]);
}

/* Appends the members of child's list (or the entry itself) to out. */
static void splice(struct kc_vec *out, const struct kc_vec *child)
{
	size_t i;

	for (i = 0; i < child->len; i++)
		kc_vec_push(out, child->items[i]);
}

struct child {
	const char *dir;
	struct dir_out out;
};

static void visit_children(struct walk *w, const char *dir, struct lists *l,
			   const struct kc_vec *real_y, struct kc_vec *kids)
{
	size_t i;

	for (i = 0; i < l->subdirs.len; i++) {
		const char *sub = joinf(w, dir, l->subdirs.items[i]);
		struct child *c = kc_xcalloc(1, sizeof(*c));
		char *b = concat(w, l->subdirs.items[i],
				 strlen(l->subdirs.items[i]), "/built-in.a");
		char *o = concat(w, l->subdirs.items[i],
				 strlen(l->subdirs.items[i]), "/modules.order");

		c->dir = sub;
		/* need-builtin and need-modorder of the $(subdir-ym) rule */
		visit(w, sub, in_vec(real_y, b), in_vec(&l->obj_m, o), &c->out);
		kc_vec_push(kids, c);
	}
}

static const struct dir_out *child_of(const struct kc_vec *kids,
				      const char *dir, const char *entry,
				      const char *tail)
{
	size_t i, n = strlen(entry) - strlen(tail);

	for (i = 0; i < kids->len; i++) {
		const struct child *c = kids->items[i];
		const char *rel = c->dir;

		if (strcmp(dir, "."))
			rel += strlen(dir) + 1;
		if (strlen(rel) == n && !memcmp(rel, entry, n))
			return &c->out;
	}
	return NULL;
}

static void free_children(struct kc_vec *kids)
{
	size_t i;

	for (i = 0; i < kids->len; i++) {
		struct child *c = kids->items[i];

		kc_vec_free(&c->out.builtin);
		kc_vec_free(&c->out.order);
		free(c);
	}
	kc_vec_free(kids);
}

/* $(obj)/built-in.a: $(real-obj-y), subfolders' archives flattened. */
static void compose_builtin(struct walk *w, struct mk *m, const char *dir,
			    struct lists *l, struct kc_vec *real_y,
			    const struct kc_vec *kids, struct dir_out *out)
{
	size_t i;

	unique_in_order(real_y);
	for (i = 0; i < real_y->len; i++) {
		const char *o = real_y->items[i];
		const struct dir_out *c;

		if (ends_with(o, "/built-in.a")) {
			c = child_of(kids, dir, o, "/built-in.a");
			if (c)
				splice(&out->builtin, &c->builtin);
			continue;
		}
		note_modfile(w, m, dir, &l->multi_ym, o);
		kc_vec_push(&out->builtin, joinf(w, dir, o));
	}
}

/* $(obj)/modules.order: cmd_gen_order over the obj-m prerequisites. */
static void compose_order(struct walk *w, const char *dir, struct lists *l,
			  const struct kc_vec *kids, struct dir_out *out)
{
	struct kc_vec om = KC_VEC_INIT;
	size_t i;

	splice(&om, &l->obj_m);
	unique_in_order(&om);
	for (i = 0; i < om.len; i++) {
		const char *o = om.items[i];
		const struct dir_out *c;

		if (ends_with(o, "/modules.order")) {
			c = child_of(kids, dir, o, "/modules.order");
			if (c)
				splice(&out->order, &c->order);
			continue;
		}
		kc_vec_push(&out->order, joinf(w, dir, o));
	}
	kc_vec_free(&om);
}

static void keep_lib(struct walk *w, struct mk *m, const char *dir,
		     struct lists *l)
{
	struct kc_vec *v;
	size_t i;

	if (!l->lib.len)
		return;
	v = kc_arena_alloc(w->a, sizeof(*v));
	kc_vec_push(&w->lib_vecs, v);
	for (i = 0; i < l->lib.len; i++) {
		note_modfile(w, m, dir, &l->multi_ym, l->lib.items[i]);
		kc_vec_push(v, joinf(w, dir, l->lib.items[i]));
	}
	kc_map_put(w->libs, kc_arena_strdup(w->a, dir), v);
}

static void visit(struct walk *w, const char *dir, bool need_builtin,
		  bool need_modorder, struct dir_out *out)
{
	struct kc_kbuild_dir *d = kc_arena_alloc(w->a, sizeof(*d));
	struct kc_vec kids = KC_VEC_INIT, real_y = KC_VEC_INIT;
	struct lists l;
	struct mk_scope s;
	struct mk m;
	size_t i;

	memset(&l, 0, sizeof(l));
	d->path = kc_arena_strdup(w->a, dir);
	d->makefile = kbuild_file(w, dir);
	d->need_builtin = need_builtin;
	d->need_modorder = need_modorder;
	kc_vec_push(&w->r->dirs, d);
	if (++w->depth > 64) {
		kc_diags_add(w->diags, KC_SEV_ERROR, d->makefile, 0, 0,
			     "folders nested deeper than 64");
		w->r->complete = false;
		w->depth--;
		return;
	}
	mk_scope_init(&s, &w->globals);
	build_preset(w, &s, dir, need_builtin, need_modorder);
	mk_init(&m, &w->host, &s);
	if (mk_read_file(&m, d->makefile) < 0) {
		kc_diags_add(w->diags, KC_SEV_ERROR, d->makefile, 0, 0,
			     "cannot read: no Kbuild or Makefile in '%s'", dir);
		w->r->complete = false;
		goto out;
	}
	if (m.stop)
		w->r->complete = false;
	m.stop = false;
	for (i = 0; i < 6; i++)
		var_words(w, &m, list_vars[i], &l.raw[i]);
	record_lists(w, &m, d, l.raw);
	makefile_lib(w, &m, &l, need_builtin, need_modorder);
	real_search(w, &m, &l.obj_y, sfx_y, sfx_y_any, &real_y);
	if (need_modorder)
		add_modules(w, &m, dir, d->makefile, &l.obj_m, KC_KBUILD_MODULE);
	if (need_builtin)
		add_modules(w, &m, dir, d->makefile, &l.obj_y, KC_KBUILD_BUILTIN);
	keep_lib(w, &m, dir, &l);
	visit_children(w, dir, &l, &real_y, &kids);
	if (need_builtin)
		compose_builtin(w, &m, dir, &l, &real_y, &kids, out);
	if (need_modorder)
		compose_order(w, dir, &l, &kids, out);
out:
	free_children(&kids);
	kc_vec_free(&real_y);
	lists_free(&l);
	mk_scope_release(&s);
	w->depth--;
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
	var_words(w, &m, "libs-y", &libs);
	for (i = 0; i < libs.len; i++)
		if (ends_with(libs.items[i], "/"))
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

	splice(&all, builtin);
	for (i = 0; i < w->lib_dirs.len; i++) {
		struct kc_vec *v = kc_map_get(w->libs, w->lib_dirs.items[i]);

		if (v)
			splice(&w->r->lib_objects, v);
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
		splice(&w->r->builtin_objects, k ? &rest : &head);
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

	splice(&objs, &w->r->builtin_objects);
	splice(&objs, &w->r->lib_objects);
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

struct kc_kbuild_result *kc_kbuild_walk(const struct kc_kbuild_options *opt,
					struct kc_diags *d)
{
	struct kc_kbuild_result *r = kc_xcalloc(1, sizeof(*r));
	struct dir_out top = { KC_VEC_INIT, KC_VEC_INIT };
	struct walk w;
	size_t i;

	memset(&w, 0, sizeof(w));
	r->arena = kc_arena_new();
	r->complete = true;
	w.opt = opt;
	w.diags = d;
	w.r = r;
	w.a = r->arena;
	w.dirs = kc_map_new(4096);
	w.modfiles = kc_map_new(8192);
	w.libs = kc_map_new(16);
	w.host.fs = opt->fs;
	w.host.list = host_list;
	w.host.config = host_config;
	w.host.ctx = &w;
	w.host.run_shell = opt->run_shell;
	w.host.diags = d;
	w.host.probes = &r->probes;
	w.host.arena = r->arena;
	mk_scope_init(&w.globals, NULL);
	set_globals(&w);
	if (host_list(&w, "scripts") && in_vec(host_list(&w, "scripts"),
					       "Kbuild.include"))
		read_into_globals(&w, "scripts/Kbuild.include");
	read_arch(&w);
	if (!host_list(&w, ".") ||
	    (!in_vec(host_list(&w, "."), "Kbuild") &&
	     !in_vec(host_list(&w, "."), "Makefile"))) {
		kc_diags_add(d, KC_SEV_ERROR, NULL, 0, 0,
			     "no Kbuild or Makefile at the top of the tree");
		kc_kbuild_result_free(r);
		r = NULL;
		goto out;
	}
	visit(&w, ".", true, true, &top);
	splice(&r->order, &top.order);
	vmlinux_order(&w, &top.builtin);
	kernel_order(&w);
	if (opt->modinfo)
		modules_builtin(&w);
out:
	kc_vec_free(&top.builtin);
	kc_vec_free(&top.order);
	for (i = 0; i < w.cached.len; i++) {
		struct kc_vec *v = w.cached.items[i];

		for (size_t k = 0; k < v->len; k++)
			free(v->items[k]);
		kc_vec_free(v);
		free(v);
	}
	kc_vec_free(&w.cached);
	for (i = 0; i < w.lib_vecs.len; i++)
		kc_vec_free(w.lib_vecs.items[i]);
	kc_vec_free(&w.lib_vecs);
	kc_vec_free(&w.lib_dirs);
	kc_map_free(w.dirs);
	kc_map_free(w.modfiles);
	kc_map_free(w.libs);
	kc_buf_free(&w.name);
	mk_scope_release(&w.globals);
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
