/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * walk.c - one folder of the Kbuild walk: what it builds for one
 * configuration, and which subfolders it descends into.  The rules are those
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const list_vars[] = { "obj-y", "obj-m", "lib-y", "lib-m",
					 "subdir-y", "subdir-m" };

/* ---- word lists ---------------------------------------------------------------------- */

/* The words of variable 'name' expanded, each copied into the arena. */
void kb_var_words(struct walk *w, struct mk *m, const char *name,
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

bool kb_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

bool kb_in_vec(const struct kc_vec *v, const char *s)
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

static char *concat(struct walk *w, const char *a, size_t an, const char *b);

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
		if (kb_ends_with(obj, ".o")) {
			kc_buf_add(&name, obj, strlen(obj) - 2);
			kc_buf_adds(&name, suffixes[i]);
		} else {
			kc_buf_adds(&name, obj);
		}
		kb_var_words(w, m, kc_buf_str(&name), out);
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
	const struct kc_vec *names = kb_host_list(w, dir);

	if (names && kb_in_vec(names, "Kbuild"))
		return joinf(w, dir, "Kbuild");
	return joinf(w, dir, "Makefile");
}

/*
 * One folder alone (no_descend): the composites of every list the
 * Makefile defines ("foo.o" for foo-y, foo-m, foo-objs, foo-), whether or
 * not obj-y or obj-m names them in this configuration.
 */
static void every_list_name(struct walk *w, const struct mk_scope *s,
			    struct kc_vec *names)
{
	static const char *const sfx[] = { "-objs", "-y", "-m", "-" };
	size_t i, k;

	for (i = 0; i < s->vars.len; i++) {
		const struct mk_var *v = s->vars.items[i];

		for (k = 0; k < 4; k++) {
			size_t n = strlen(v->name), sn = strlen(sfx[k]);

			if (n <= sn || strcmp(v->name + n - sn, sfx[k]))
				continue;
			kc_vec_push(names, concat(w, v->name, n - sn, ".o"));
			break;
		}
	}
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
			if (i < 2 && kb_ends_with(raw[i].items[k], ".o"))
				kc_vec_push(&names, raw[i].items[k]);
	if (w->opt->no_descend)
		every_list_name(w, m->scope, &names);
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
		kb_var_words(w, m, kc_buf_str(&b), &words);
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
		if (kb_in_vec(&parts, obj))
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

		if (!kb_ends_with(o, ".o") || kb_in_vec(&seen, o))
			continue;
		kc_vec_push(&seen, (void *)o);
		mod = new_module(w, dir, o, kind, makefile);
		mod->composite = is_multi(w, m, o, any);
		if (mod->composite)
			suffix_search(w, m, o, sfx, &parts);
		else
			kc_vec_push(&parts, (void *)o);
		set_objects(w, mod, dir, &parts);
		if (kind == KC_KBUILD_MODULE)
			kb_module_flags(w, m, dir, mod);
		kc_vec_free(&parts);
	}
	kc_vec_free(&seen);
}

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
			if (!kb_in_vec(oy, l->raw[i].items[k]))
				kc_vec_push(&l->lib, l->raw[i].items[k]);
	sort_unique(&l->lib);
	/* subdir-ym: subdir-y, subdir-m and the dir/ of obj-y and obj-m */
	for (i = 4; i < 6; i++)
		for (k = 0; k < l->raw[i].len; k++)
			kc_vec_push(&l->subdirs, l->raw[i].items[k]);
	for (i = 0; i < oy->len + om->len; i++) {
		const char *o = i < oy->len ? oy->items[i]
					    : om->items[i - oy->len];

		if (kb_ends_with(o, "/"))
			kc_vec_push(&l->subdirs,
				    kc_arena_strndup(w->a, o, strlen(o) - 1));
	}
	sort_unique(&l->subdirs);
	/* obj-m: the dir/ of obj-y first, then obj-m less what obj-y has */
	if (need_modorder)
		for (i = 0; i < oy->len; i++)
			if (kb_ends_with(oy->items[i], "/"))
				kc_vec_push(&l->obj_m,
					    concat(w, oy->items[i],
						   strlen(oy->items[i]),
						   "modules.order"));
	for (i = 0; i < om->len; i++) {
		const char *o = om->items[i];

		if (kb_in_vec(oy, o))
			continue;
		if (!kb_ends_with(o, "/"))
			kc_vec_push(&l->obj_m, (void *)o);
		else if (need_modorder)
			kc_vec_push(&l->obj_m,
				    concat(w, o, strlen(o), "modules.order"));
	}
	for (i = 0; i < oy->len; i++) {
		const char *o = oy->items[i];

		if (!kb_ends_with(o, "/"))
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
void kb_splice(struct kc_vec *out, const struct kc_vec *child)
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
		kb_visit(w, sub, kb_in_vec(real_y, b), kb_in_vec(&l->obj_m, o), &c->out);
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

		if (kb_ends_with(o, "/built-in.a")) {
			c = child_of(kids, dir, o, "/built-in.a");
			if (c)
				kb_splice(&out->builtin, &c->builtin);
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

	kb_splice(&om, &l->obj_m);
	unique_in_order(&om);
	for (i = 0; i < om.len; i++) {
		const char *o = om.items[i];
		const struct dir_out *c;

		if (kb_ends_with(o, "/modules.order")) {
			c = child_of(kids, dir, o, "/modules.order");
			if (c)
				kb_splice(&out->order, &c->order);
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

void kb_visit(struct walk *w, const char *dir, bool need_builtin,
		  bool need_modorder, struct dir_out *out)
{
	struct kc_kbuild_dir *d = kc_arena_alloc(w->a, sizeof(*d));
	struct kc_vec kids = KC_VEC_INIT, real_y = KC_VEC_INIT;
	struct lists l;
	struct mk_scope s;
	struct mk m;
	struct kb_flags_mark mark;
	bool entered = false;
	size_t i, probes;

	memset(&l, 0, sizeof(l));
	d->path = kc_arena_strdup(w->a, dir);
	d->makefile = kbuild_file(w, dir);
	d->need_builtin = need_builtin;
	d->need_modorder = need_modorder;
	kc_vec_push(&w->r->dirs, d);
	if (w->depth > 0 && (w->opt->no_descend ||
			     (w->opt->descend &&
			      !w->opt->descend(w->opt->config_ctx, dir))))
		return;		/* listed with what its parent gives it */
	if (++w->depth > 64) {
		kc_diags_add(w->diags, KC_SEV_ERROR, d->makefile, 0, 0,
			     "folders nested deeper than 64");
		w->r->complete = false;
		w->depth--;
		return;
	}
	kb_enter(w, dir);
	mk_scope_init(&s, &w->globals);
	build_preset(w, &s, dir, need_builtin, need_modorder);
	mk_init(&m, &w->host, &s);
	probes = w->r->probes.len;
	if (mk_read_file(&m, d->makefile) < 0) {
		kc_diags_add(w->diags, KC_SEV_ERROR, d->makefile, 0, 0,
			     "cannot read: no Kbuild or Makefile in '%s'", dir);
		w->r->complete = false;
		goto out;
	}
	if (m.stop)
		w->r->complete = false;
	m.stop = false;
	kb_flags_enter(w, &m, w->r->probes.len > probes, &mark);
	entered = true;
	for (i = 0; i < 6; i++)
		kb_var_words(w, &m, list_vars[i], &l.raw[i]);
	record_lists(w, &m, d, l.raw);
	makefile_lib(w, &m, &l, need_builtin, need_modorder);
	real_search(w, &m, &l.obj_y, sfx_y, sfx_y_any, &real_y);
	if (need_modorder)
		add_modules(w, &m, dir, d->makefile, &l.obj_m, KC_KBUILD_MODULE);
	if (need_builtin)
		add_modules(w, &m, dir, d->makefile, &l.obj_y, KC_KBUILD_BUILTIN);
	keep_lib(w, &m, dir, &l);
	visit_children(w, dir, &l, &real_y, &kids);
	kb_enter(w, dir);	/* composites are expanded again below */
	if (need_builtin)
		compose_builtin(w, &m, dir, &l, &real_y, &kids, out);
	if (need_modorder)
		compose_order(w, dir, &l, &kids, out);
out:
	if (entered)
		kb_flags_leave(w, &mark);
	free_children(&kids);
	kc_vec_free(&real_y);
	lists_free(&l);
	mk_scope_release(&s);
	w->depth--;
}

