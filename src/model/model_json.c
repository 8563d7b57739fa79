/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model_json.c - the model as JSON (the `dump` command), in the schema
 * documented in docs/dump-schema.md ("vfio-kconfig-check/dump/1").
 */
#include <stdio.h>

#include "kc_model.h"
#include "model_internal.h"

static void kv_expr(struct kc_json *j, struct kc_buf *tmp, const char *key,
		    const struct kc_expr *e)
{
	kc_json_key(j, key);
	if (!e) {
		kc_json_null(j);
		return;
	}
	kc_buf_reset(tmp);
	kc_expr_print(e, tmp);
	kc_json_string(j, kc_buf_str(tmp));
}

static void location(struct kc_json *j, const char *file, int line)
{
	kc_json_kv_string(j, "file", file);
	kc_json_kv_int(j, "line", line);
}

/* "menu@FILE:LINE" or "choice@FILE:LINE": how entries refer to blocks. */
static void menu_id(struct kc_buf *out, const struct kc_menu *menu)
{
	kc_buf_addf(out, "%s@%s:%d", kc_menu_kind_name(menu->kind), menu->file,
		    menu->line);
}

static void choice_id(struct kc_buf *out, const struct kc_symbol *c)
{
	if (c->menus)
		menu_id(out, c->menus);
	else
		kc_buf_addf(out, "choice#%u", c->id);
}

/* The enclosing menu or choice of an entry, by id, or null at top level. */
static void parent_ref(struct kc_json *j, struct kc_buf *tmp,
		       const struct kc_menu *menu)
{
	for (menu = menu->parent; menu; menu = menu->parent) {
		if (menu->kind == KC_M_MENU || menu->kind == KC_M_CHOICE)
			break;
	}
	kc_json_key(j, "parent");
	if (!menu) {
		kc_json_null(j);
		return;
	}
	kc_buf_reset(tmp);
	menu_id(tmp, menu);
	kc_json_string(j, kc_buf_str(tmp));
}

static void definitions(struct kc_json *j, struct kc_buf *tmp,
			const struct kc_symbol *s)
{
	const struct kc_menu *menu;

	kc_json_key(j, "definitions");
	kc_json_begin_array(j);
	for (menu = s->menus; menu; menu = menu->next_def) {
		kc_json_begin_object(j);
		kc_json_kv_string(j, "kind", kc_menu_kind_name(menu->kind));
		location(j, menu->file, menu->line);
		kv_expr(j, tmp, "depends_on", menu->dep);
		parent_ref(j, tmp, menu);
		kc_json_kv_string(j, "help", menu->help);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void props(struct kc_json *j, struct kc_buf *tmp,
		  const struct kc_symbol *s, enum kc_prop_kind kind,
		  const char *key)
{
	const struct kc_property *p;

	kc_json_key(j, key);
	kc_json_begin_array(j);
	for (p = s->props; p; p = p->next) {
		if (p->kind != kind)
			continue;
		kc_json_begin_object(j);
		switch (kind) {
		case KC_P_PROMPT:
			kc_json_kv_string(j, "text", p->text);
			break;
		case KC_P_DEFAULT:
			kv_expr(j, tmp, "value", p->expr);
			break;
		case KC_P_SELECT:
		case KC_P_IMPLY:
			kc_json_kv_string(j, "symbol", p->expr->sym[0]->name);
			break;
		case KC_P_RANGE:
			kc_json_kv_string(j, "low", p->expr->sym[0]->name);
			kc_json_kv_string(j, "high", p->expr->sym[1]->name);
			break;
		default:
			break;
		}
		kv_expr(j, tmp, "if", p->cond);
		location(j, p->file, p->line);
		if (p->build_machine)
			kc_json_kv_bool(j, "build_machine", true);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void symbol(struct kc_json *j, struct kc_buf *tmp,
		   const struct kc_symbol *s, bool derived)
{
	kc_json_begin_object(j);
	kc_json_kv_string(j, "name", s->name);
	kc_json_kv_string(j, "type", kc_type_name(s->type));
	kc_json_kv_bool(j, "defined", s->flags & KC_SYM_DEFINED);
	kc_json_kv_bool(j, "build_machine", s->flags & KC_SYM_BUILD_MACHINE);
	if (s->flags & KC_SYM_TRANSITIONAL)
		kc_json_kv_bool(j, "transitional", true);
	if (s->flags & KC_SYM_MODULES)
		kc_json_kv_bool(j, "modules", true);
	if (s->env)
		kc_json_kv_string(j, "env", s->env);
	kc_json_key(j, "choice");
	if (s->choice) {
		kc_buf_reset(tmp);
		choice_id(tmp, s->choice);
		kc_json_string(j, kc_buf_str(tmp));
	} else {
		kc_json_null(j);
	}
	definitions(j, tmp, s);
	props(j, tmp, s, KC_P_PROMPT, "prompts");
	props(j, tmp, s, KC_P_DEFAULT, "defaults");
	props(j, tmp, s, KC_P_SELECT, "selects");
	props(j, tmp, s, KC_P_IMPLY, "implies");
	props(j, tmp, s, KC_P_RANGE, "ranges");
	if (derived) {
		kv_expr(j, tmp, "direct_dependencies", s->dir_dep);
		kv_expr(j, tmp, "selected_by", s->rev_dep);
		kv_expr(j, tmp, "implied_by", s->implied);
	}
	kc_json_end_object(j);
}

static void choice(struct kc_json *j, struct kc_buf *tmp,
		   const struct kc_symbol *c)
{
	size_t i;

	kc_json_begin_object(j);
	kc_buf_reset(tmp);
	choice_id(tmp, c);
	kc_json_kv_string(j, "id", kc_buf_str(tmp));
	kc_json_kv_string(j, "type", kc_type_name(c->type));
	kc_json_kv_bool(j, "optional", c->flags & KC_SYM_OPTIONAL);
	kc_json_key(j, "members");
	kc_json_begin_array(j);
	for (i = 0; i < c->n_members; i++)
		kc_json_string(j, c->members[i]->name);
	kc_json_end_array(j);
	definitions(j, tmp, c);
	props(j, tmp, c, KC_P_PROMPT, "prompts");
	props(j, tmp, c, KC_P_DEFAULT, "defaults");
	kc_json_end_object(j);
}

static void menus(struct kc_json *j, struct kc_buf *tmp,
		  const struct kc_menu *parent)
{
	const struct kc_menu *menu;

	for (menu = parent->list; menu; menu = menu->next) {
		if (menu->kind == KC_M_MENU) {
			kc_json_begin_object(j);
			kc_buf_reset(tmp);
			menu_id(tmp, menu);
			kc_json_kv_string(j, "id", kc_buf_str(tmp));
			kc_json_kv_string(j, "title", menu->prompt->text);
			location(j, menu->file, menu->line);
			kc_json_kv_int(j, "end_line", menu->end_line);
			kv_expr(j, tmp, "depends_on", menu->dep);
			kv_expr(j, tmp, "visible_if", menu->visibility);
			parent_ref(j, tmp, menu);
			kc_json_end_object(j);
		}
		menus(j, tmp, menu);
	}
}

void kc_model_to_json(const struct kc_model *m, bool derived,
		      struct kc_buf *out)
{
	struct kc_buf tmp = KC_BUF_INIT;
	struct kc_json j;
	size_t i;

	kc_json_init(&j, out);
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "schema", "vfio-kconfig-check/dump/1");
	kc_json_kv_string(&j, "mainmenu", m->root->prompt ?
					  m->root->prompt->text : NULL);
	kc_json_kv_string(&j, "modules", m->modules == m->no ? NULL :
							      m->modules->name);
	kc_json_key(&j, "files");
	kc_json_begin_array(&j);
	for (i = 0; i < m->files.len; i++)
		kc_json_string(&j, m->files.items[i]);
	kc_json_end_array(&j);
	kc_json_key(&j, "environment");
	kc_json_begin_object(&j);
	for (i = 0; i < m->env_names.len; i++)
		kc_json_kv_string(&j, m->env_names.items[i],
				  m->env_values.items[i]);
	kc_json_end_object(&j);
	kc_json_key(&j, "menus");
	kc_json_begin_array(&j);
	menus(&j, &tmp, m->root);
	kc_json_end_array(&j);
	kc_json_key(&j, "symbols");
	kc_json_begin_array(&j);
	for (i = 0; i < m->symbols.len; i++) {
		const struct kc_symbol *s = m->symbols.items[i];

		if (!(s->flags & KC_SYM_CHOICE))
			symbol(&j, &tmp, s, derived);
	}
	kc_json_end_array(&j);
	kc_json_key(&j, "choices");
	kc_json_begin_array(&j);
	for (i = 0; i < m->symbols.len; i++) {
		const struct kc_symbol *s = m->symbols.items[i];

		if (s->flags & KC_SYM_CHOICE)
			choice(&j, &tmp, s);
	}
	kc_json_end_array(&j);
	kc_json_end_object(&j);
	kc_buf_free(&tmp);
}
