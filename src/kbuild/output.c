/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * output.c - the Kbuild walk's result as text, JSON (docs/modules-schema.md),
 * the installed modules.order and modules.builtin, and the per-Makefile
 * lists the reader computed (for testing it against GNU make).
 */
#include <stdlib.h>
#include <string.h>

#include "kc_kbuild.h"

static const char *kind_name(enum kc_kbuild_kind k)
{
	return k == KC_KBUILD_MODULE ? "m" : "y";
}

void kc_kbuild_format_text(const struct kc_kbuild_result *r,
			   struct kc_buf *out)
{
	size_t i, k;

	for (i = 0; i < r->modules.len; i++) {
		const struct kc_kbuild_module *m = r->modules.items[i];

		kc_buf_addf(out, "%s %s.%s\n", kind_name(m->kind), m->name,
			    m->kind == KC_KBUILD_MODULE ? "ko" : "o");
		for (k = 0; k < m->n_objects; k++)
			kc_buf_addf(out, "    %s\n", m->objects[k]);
	}
}

/* "drivers/x/y.o" as installed: "kernel/drivers/x/y.ko" (Makefile.modinst) */
static void installed(const char *line, struct kc_buf *out)
{
	size_t n = strlen(line);

	if (n > 2 && !strcmp(line + n - 2, ".o"))
		kc_buf_addf(out, "kernel/%.*s.ko\n", (int)(n - 2), line);
	else
		kc_buf_addf(out, "%s\n", line);
}

void kc_kbuild_format_order(const struct kc_kbuild_result *r,
			    struct kc_buf *out)
{
	size_t i;

	for (i = 0; i < r->order.len; i++)
		installed(r->order.items[i], out);
}

void kc_kbuild_format_builtin(const struct kc_kbuild_result *r,
			      struct kc_buf *out)
{
	size_t i;

	for (i = 0; i < r->builtin_modules.len; i++)
		kc_buf_addf(out, "kernel/%s.ko\n",
			    (const char *)r->builtin_modules.items[i]);
}

void kc_kbuild_format_lists(const struct kc_kbuild_result *r,
			    struct kc_buf *out)
{
	size_t i, k;

	for (i = 0; i < r->dirs.len; i++) {
		const struct kc_kbuild_dir *d = r->dirs.items[i];

		kc_buf_addf(out, "# %s need-builtin=%s need-modorder=%s\n",
			    d->makefile, d->need_builtin ? "1" : "",
			    d->need_modorder ? "1" : "");
		for (k = 0; k < d->n_lists; k++)
			kc_buf_addf(out, "%s=%s\n", d->lists[k].name,
				    d->lists[k].value);
	}
}

static void json_strings(struct kc_json *j, const char *key,
			 const struct kc_vec *v)
{
	size_t i;

	kc_json_key(j, key);
	kc_json_begin_array(j);
	for (i = 0; i < v->len; i++)
		kc_json_string(j, v->items[i]);
	kc_json_end_array(j);
}

static void json_module(struct kc_json *j, const struct kc_kbuild_module *m)
{
	size_t k;

	kc_json_begin_object(j);
	kc_json_kv_string(j, "name", m->name);
	kc_json_kv_string(j, "kind", kind_name(m->kind));
	kc_json_kv_bool(j, "composite", m->composite);
	kc_json_kv_string(j, "makefile", m->makefile);
	kc_json_key(j, "objects");
	kc_json_begin_array(j);
	for (k = 0; k < m->n_objects; k++)
		kc_json_string(j, m->objects[k]);
	kc_json_end_array(j);
	kc_json_end_object(j);
}

void kc_kbuild_format_json(const struct kc_kbuild_result *r,
			   const char *kernelrelease, struct kc_buf *out)
{
	struct kc_json j;
	size_t i;

	kc_json_init(&j, out);
	kc_json_begin_object(&j);
	kc_json_kv_int(&j, "version", 1);
	kc_json_kv_string(&j, "kernelrelease", kernelrelease);
	kc_json_kv_bool(&j, "complete", r->complete);
	kc_json_key(&j, "modules");
	kc_json_begin_array(&j);
	for (i = 0; i < r->modules.len; i++)
		json_module(&j, r->modules.items[i]);
	kc_json_end_array(&j);
	json_strings(&j, "modules_order", &r->order);
	json_strings(&j, "modules_builtin", &r->builtin_modules);
	json_strings(&j, "vmlinux_objects", &r->builtin_objects);
	json_strings(&j, "lib_objects", &r->lib_objects);
	kc_json_key(&j, "build_machine");
	kc_json_begin_array(&j);
	for (i = 0; i < r->probes.len; i++) {
		const struct kc_kbuild_probe *p = r->probes.items[i];

		kc_json_begin_object(&j);
		kc_json_kv_string(&j, "file", p->file);
		kc_json_kv_int(&j, "line", p->line);
		kc_json_kv_string(&j, "what", p->what);
		kc_json_end_object(&j);
	}
	kc_json_end_array(&j);
	kc_json_end_object(&j);
	kc_buf_addc(out, '\n');
}

/* Text of a Makefile's value as a Kbuild file must spell it. */
static void add_escaped(struct kc_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '$')
			kc_buf_addc(out, '$');
		else if (s[i] == '#')
			kc_buf_addc(out, '\\');
		kc_buf_addc(out, s[i]);
	}
}

/*
 * A path of the tree (relative to its top, as the reader sees every path)
 * as the generated Kbuild reaches it: the kernel's include/ and arch/ in
 * the tree it is built against, everything else in the folder of the
 * Kbuild file, which holds the tree's folders at their paths.
 */
static void add_path(struct kc_buf *out, const char *p, size_t n)
{
	if (n && p[0] == '/') {
		add_escaped(out, p, n);
		return;
	}
	while (n >= 2 && p[0] == '.' && p[1] == '/') {
		p += 2;
		n -= 2;
		while (n && *p == '/') {
			p++;
			n--;
		}
	}
	if (n == 1 && p[0] == '.')
		n = 0;
	if ((n >= 7 && !memcmp(p, "include", 7) && (n == 7 || p[7] == '/')) ||
	    (n >= 5 && !memcmp(p, "arch/", 5)))
		kc_buf_adds(out, "$(srctree)/");
	else
		kc_buf_adds(out, "$(src)/");
	add_escaped(out, p, n);
}

static bool takes_path(const char *w, size_t n)
{
	static const char *const opts[] = { "-I", "-iquote", "-isystem",
					    "-idirafter", "-include",
					    "-imacros" };
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strlen(opts[i]) == n && !memcmp(opts[i], w, n))
			return true;
	return false;
}

/* "NAME := WORDS", the paths in WORDS made reachable from the Kbuild file. */
static void flag_line(struct kc_buf *out, const char *var, const char *obj,
		      const char *words)
{
	const char *p = words;
	bool path_next = false;

	if (!words)
		return;
	kc_buf_addf(out, "%s_%s :=", var, obj);
	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		kc_buf_addc(out, ' ');
		if (path_next) {
			add_path(out, p, n);
			path_next = false;
		} else if (n > 2 && p[0] == '-' && p[1] == 'I') {
			kc_buf_adds(out, "-I");
			add_path(out, p + 2, n - 2);
		} else {
			path_next = takes_path(p, n);
			add_escaped(out, p, n);
		}
		p += n;
	}
	kc_buf_addc(out, '\n');
}

static void flag_lines(struct kc_buf *out, const struct kc_kbuild_module *m)
{
	size_t k;

	if (!m->flags && !m->flags_probed)
		return;
	if (m->flags_probed)
		kc_buf_addf(out, "# %s: a compiler probe that was not run may add flags not here (--shell runs them)\n",
			    m->makefile);
	for (k = 0; m->flags && k < m->n_objects; k++) {
		const struct kc_kbuild_flags *f = &m->flags[k];

		flag_line(out, "CFLAGS", m->objects[k], f->c);
		flag_line(out, "CFLAGS_REMOVE", m->objects[k], f->c_remove);
		flag_line(out, "AFLAGS", m->objects[k], f->a);
		flag_line(out, "AFLAGS_REMOVE", m->objects[k], f->a_remove);
	}
}

/*
 * A Kbuild file without conditions that builds these modules: an obj-m
 * line per module, a composite's parts spelled out as "path/name-y"
 * (Makefile.lib's multi-search looks up $(m:.o=-y) with the path the obj-m
 * entry has, and prefixes each part with $(obj)/).  The flags the listing
 * Makefile gives each object follow as CFLAGS_<path>.o and the like
 * (Makefile.lib's target-stem is the object's path below the Kbuild
 * file's folder).  Built-in entries cannot be built outside vmlinux; they
 * are listed as comments.
 */
void kc_kbuild_format_kbuild(const struct kc_kbuild_module *const *mods,
			     size_t n, struct kc_buf *out)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct kc_kbuild_module *m = mods[i];

		if (m->kind == KC_KBUILD_BUILTIN) {
			kc_buf_addf(out, "# built in: %s.o\n", m->name);
			continue;
		}
		kc_buf_addf(out, "obj-m += %s.o\n", m->name);
		if (m->composite) {
			kc_buf_addf(out, "%s-y :=", m->name);
			for (k = 0; k < m->n_objects; k++)
				kc_buf_addf(out, " %s", m->objects[k]);
			kc_buf_addc(out, '\n');
		}
		flag_lines(out, m);
	}
}
