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

/*
 * A Kbuild file without conditions that builds these modules: an obj-m
 * line per module, a composite's parts spelled out as "path/name-y"
 * (Makefile.lib's multi-search looks up $(m:.o=-y) with the path the obj-m
 * entry has, and prefixes each part with $(obj)/).  Built-in entries
 * cannot be built outside vmlinux; they are listed as comments.
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
		if (!m->composite)
			continue;
		kc_buf_addf(out, "%s-y :=", m->name);
		for (k = 0; k < m->n_objects; k++)
			kc_buf_addf(out, " %s", m->objects[k]);
		kc_buf_addc(out, '\n');
	}
}
