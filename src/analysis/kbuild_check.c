/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kbuild_check.c - the Kbuild Makefiles against Kconfig, as findings:
 *  - kbuild/undefined-symbol: a CONFIG_ name a Makefile reads that no
 *    Kconfig defines (what the kernel's scripts/checkkconfigsymbols.py
 *    looks for);
 *  - kbuild/never-built: an object or module that no valid configuration
 *    builds, though a Makefile lists it;
 *  - kbuild/never-module: "obj-$(CONFIG_X) += ..." where X is a tristate
 *    no valid configuration sets to m;
 *  - kbuild/part-without-dependency: "foo-$(CONFIG_Y) += part.o" where Y
 *    can be enabled while the module foo is not built: Y does not depend
 *    on what builds foo.
 * The presence conditions (presence.c) give the objects and the lines;
 * the SAT model decides what valid configurations allow.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_presence.h"
#include "kc_frontend.h"
#include "kc_sat.h"

static bool is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Is NAME defined (or NAME less a _MODULE suffix, as the kernel allows)? */
static bool defined(const struct kc_model *m, const char *name)
{
	const struct kc_symbol *s = kc_model_lookup(m, name);
	size_t n = strlen(name);

	if (s && s->type != KC_T_UNKNOWN)
		return true;
	if (n > 7 && !strcmp(name + n - 7, "_MODULE")) {
		char *base = kc_xstrndup(name, n - 7);

		s = kc_model_lookup(m, base);
		free(base);
		return s && s->type != KC_T_UNKNOWN;
	}
	return false;
}

/* Every CONFIG_ name in a Makefile's text that no Kconfig defines. */
static void undefined_in(const struct kc_model *m, const char *file,
			 const char *text, size_t len, struct kc_arena *keep,
			 struct kc_findings *out)
{
	const char *p = text, *e = text + len;
	int line = 1;

	for (; p < e; p++) {
		const char *q;
		char *name;

		if (*p == '\n')
			line++;
		if ((size_t)(e - p) < 8 || memcmp(p, "CONFIG_", 7) ||
		    (p > text && is_name_char(p[-1])))
			continue;
		for (q = p + 7; q < e && is_name_char(*q); q++)
			;
		if (q == p + 7)
			continue;
		name = kc_arena_strndup(keep, p + 7, (size_t)(q - p - 7));
		if (!defined(m, name))
			kc_findings_add(out, KC_RULE_KBUILD_UNDEFINED, KC_SEV_WARNING,
					name, file, line,
					"CONFIG_%s is read here, but no Kconfig defines %s",
					name, name);
		p = q - 1;
	}
}

static void undefined_symbols(struct presence_state *ps, struct kc_arena *keep,
			      struct kc_findings *out)
{
	size_t i;

	for (i = 0; i < ps->makefiles.len; i++) {
		const char *path = ps->makefiles.items[i], *why;
		char *text;
		size_t len;

		if (kc_fs_read(ps->kbuild->fs, path, &text, &len, &why) < 0)
			continue;
		undefined_in(ps->m, kc_arena_strdup(keep, path), text, len, keep,
			     out);
		free(text);
	}
}

/* Can some valid configuration make the printed condition true? */
static bool possible(struct kc_sat *s, struct kc_model *m, const char *cond)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_expr *e;
	struct kc_sat_tri t;
	bool r = true;

	if (!strcmp(cond, "n"))
		return false;
	e = kc_parse_expr(m, cond, "presence", 1, 1, &d);
	if (e && !d.errors) {
		t = kc_sat_expr(s, e);
		r = kc_sat_solve(s, &t.y, 1) == 10;
	}
	kc_diags_free(&d);
	return r;
}

static void never_built(struct presence_state *ps, struct kc_sat *s,
			struct kc_model *m, struct kc_findings *out)
{
	struct kc_buf y = KC_BUF_INIT, mo = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < ps->item_list.len; i++) {
		const struct presence_item *it = ps->item_list.items[i];

		kc_buf_reset(&y);
		kc_buf_reset(&mo);
		cond_print(ps->c, it->y, &y);
		cond_print(ps->c, it->m, &mo);
		if (possible(s, m, kc_buf_str(&y)) || possible(s, m, kc_buf_str(&mo)))
			continue;
		kc_findings_add(out, KC_RULE_KBUILD_NEVER_BUILT, KC_SEV_WARNING, NULL,
				NULL, 0, "%s %s: no valid configuration builds it "
				"(built in when %s; as a module when %s)",
				it->is_module ? "module" : "object", it->name,
				kc_buf_str(&y), kc_buf_str(&mo));
	}
	kc_buf_free(&y);
	kc_buf_free(&mo);
}

static void never_module(struct presence_state *ps, struct kc_sat *s,
			 struct kc_findings *out)
{
	size_t i;

	for (i = 0; i < ps->lines.len; i++) {
		const struct presence_line *l = ps->lines.items[i];
		const struct kc_symbol *sym = kc_model_lookup(ps->m, l->symbol);
		int lits[2];
		size_t n;

		if (strcmp(l->prefix, "obj-") || !sym || sym->type != KC_T_TRISTATE)
			continue;
		n = kc_sat_value_lits(s, sym, KC_MOD, lits);
		if (n && kc_sat_solve(s, lits, n) == 10)
			continue;
		kc_findings_add(out, KC_RULE_KBUILD_NEVER_MODULE, KC_SEV_WARNING,
				l->symbol, l->file, l->line,
				"obj-$(CONFIG_%s): %s is tristate, but no valid "
				"configuration sets it to m", l->symbol, l->symbol);
	}
}

static const struct presence_item *module_item(struct presence_state *ps,
					       const struct presence_line *l)
{
	struct kc_buf k = KC_BUF_INIT;
	const struct presence_item *it;

	kc_buf_addf(&k, "m %s%s%.*s", strcmp(l->dir, ".") ? l->dir : "",
		    strcmp(l->dir, ".") ? "/" : "", (int)strlen(l->prefix) - 1,
		    l->prefix);
	it = kc_map_get(ps->items, kc_buf_str(&k));
	kc_buf_free(&k);
	return it;
}

static void parts_without_dependency(struct presence_state *ps,
				     struct kc_sat *s, struct kc_model *m,
				     struct kc_findings *out)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < ps->lines.len; i++) {
		const struct presence_line *l = ps->lines.items[i];
		const struct presence_item *mod = module_item(ps, l);
		const struct kc_symbol *sym = kc_model_lookup(ps->m, l->symbol);

		if (!strcmp(l->prefix, "obj-") || !mod || !sym ||
		    (sym->type != KC_T_BOOL && sym->type != KC_T_TRISTATE))
			continue;
		kc_buf_reset(&b);
		kc_buf_addf(&b, "%s!=n && !(", l->symbol);
		cond_print(ps->c, cond_or(ps->c, mod->y, mod->m), &b);
		kc_buf_adds(&b, ")");
		if (!possible(s, m, kc_buf_str(&b)))
			continue;
		kc_findings_add(out, KC_RULE_KBUILD_PART_DEPENDENCY, KC_SEV_NOTE,
				l->symbol, l->file, l->line,
				"a part of %s is listed under CONFIG_%s, which can be "
				"enabled while %s is not built: %s does not depend "
				"on what builds it", mod->name, l->symbol, mod->name,
				l->symbol);
	}
	kc_buf_free(&b);
}

void kc_analysis_kbuild(struct kc_model *m, const struct kc_builds_options *o,
			struct kc_findings *out, struct kc_arena *keep,
			struct kc_diags *d)
{
	struct presence_state ps;
	struct kc_vec notes = KC_VEC_INIT;
	struct kc_sat *s;
	size_t i;

	memset(&ps, 0, sizeof(ps));
	ps.m = m;
	ps.kbuild = o->kbuild;
	ps.defaults = kc_eval_new(m, NULL, NULL);
	ps.c = cond_new();
	ps.a = keep;	/* the findings point at its names */
	ps.diags = d;
	ps.under = o->under;
	ps.n_under = o->n_under;
	ps.notes = &notes;
	kc_presence_compute(&ps);
	undefined_symbols(&ps, keep, out);
	s = kc_sat_new(m, false);
	never_built(&ps, s, m, out);
	never_module(&ps, s, out);
	parts_without_dependency(&ps, s, m, out);
	kc_sat_free(s);
	for (i = 0; i < notes.len; i++)
		free(notes.items[i]);
	kc_vec_free(&notes);
	kc_map_free(ps.items);
	kc_vec_free(&ps.item_list);
	kc_vec_free(&ps.makefiles);
	kc_vec_free(&ps.lines);
	cond_free(ps.c);
	kc_eval_free(ps.defaults);
}
