/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model.c - the symbol table and the construction verbs of a kc_model.
 *
 * Like the kernel, the single-letter names y, m and n always mean the
 * tristate constants, quoted or not.  Any other unquoted word (a number
 * too) is a non-constant symbol that may or may not be defined; quoted
 * text is a constant symbol.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kc_model.h"
#include "model_internal.h"

struct kc_model *kc_model_new(void)
{
	struct kc_model *m = kc_xcalloc(1, sizeof(*m));

	m->arena = kc_arena_new();
	m->kv_major = -1;
	m->kv_minor = -1;
	m->syms = kc_map_new(16384);
	m->consts = kc_map_new(4096);
	m->fileset = kc_map_new(2048);
	m->yes = kc_arena_alloc(m->arena, sizeof(struct kc_symbol));
	m->mod = kc_arena_alloc(m->arena, sizeof(struct kc_symbol));
	m->no = kc_arena_alloc(m->arena, sizeof(struct kc_symbol));
	m->yes->name = "y";
	m->mod->name = "m";
	m->no->name = "n";
	m->yes->type = m->mod->type = m->no->type = KC_T_TRISTATE;
	m->yes->flags = m->mod->flags = m->no->flags = KC_SYM_CONST;
	m->modules = m->no;
	m->root = kc_arena_alloc(m->arena, sizeof(struct kc_menu));
	m->root->kind = KC_M_ROOT;
	return m;
}

void kc_model_free(struct kc_model *m)
{
	size_t i;

	if (!m)
		return;
	/* The member arrays of choices grow with realloc, outside the arena. */
	for (i = 0; i < m->symbols.len; i++) {
		struct kc_symbol *s = m->symbols.items[i];

		if (s->flags & KC_SYM_CHOICE)
			free(s->members);
	}
	kc_map_free(m->syms);
	kc_map_free(m->consts);
	kc_map_free(m->fileset);
	kc_vec_free(&m->symbols);
	kc_vec_free(&m->files);
	kc_vec_free(&m->env_names);
	kc_vec_free(&m->env_values);
	kc_arena_free(m->arena);
	free(m);
}

struct kc_arena *kc_model_arena(struct kc_model *m)
{
	return m->arena;
}

static struct kc_symbol *tristate_const(struct kc_model *m, const char *name,
					size_t len)
{
	if (len != 1)
		return NULL;
	switch (name[0]) {
	case 'y':
		return m->yes;
	case 'm':
		return m->mod;
	case 'n':
		return m->no;
	}
	return NULL;
}

static struct kc_symbol *new_symbol(struct kc_model *m, const char *name)
{
	struct kc_symbol *s = kc_arena_alloc(m->arena, sizeof(*s));

	s->name = name;
	s->props_tail = &s->props;
	s->menus_tail = &s->menus;
	return s;
}

struct kc_symbol *kc_model_intern(struct kc_model *m, const char *name,
				  size_t len)
{
	struct kc_symbol *s = tristate_const(m, name, len);

	if (s)
		return s;
	s = kc_map_getn(m->syms, name, len);
	if (s)
		return s;
	s = new_symbol(m, kc_arena_strndup(m->arena, name, len));
	s->id = (unsigned)m->symbols.len;
	kc_vec_push(&m->symbols, s);
	kc_map_put(m->syms, s->name, s);
	return s;
}

struct kc_symbol *kc_model_const(struct kc_model *m, const char *text,
				 size_t len)
{
	struct kc_symbol *s = tristate_const(m, text, len);

	if (s)
		return s;
	s = kc_map_getn(m->consts, text, len);
	if (s)
		return s;
	s = new_symbol(m, kc_arena_strndup(m->arena, text, len));
	s->flags = KC_SYM_CONST;
	kc_map_put(m->consts, s->name, s);
	return s;
}

struct kc_symbol *kc_model_new_choice(struct kc_model *m)
{
	struct kc_symbol *s = new_symbol(m, NULL);

	s->flags = KC_SYM_CHOICE;
	s->id = (unsigned)m->symbols.len;
	kc_vec_push(&m->symbols, s);
	return s;
}

const char *kc_model_add_file(struct kc_model *m, const char *path)
{
	char *copy = kc_map_get(m->fileset, path);

	if (copy)
		return copy;
	copy = kc_arena_strdup(m->arena, path);
	kc_map_put(m->fileset, copy, copy);
	kc_vec_push(&m->files, copy);
	return copy;
}

void kc_model_add_env(struct kc_model *m, const char *name, const char *value)
{
	kc_vec_push(&m->env_names, kc_arena_strdup(m->arena, name));
	kc_vec_push(&m->env_values, kc_arena_strdup(m->arena, value));
}

void kc_model_set_modules(struct kc_model *m, struct kc_symbol *s)
{
	m->modules = s;
	s->flags |= KC_SYM_MODULES;
}

static bool read_number(const char **s, int *v)
{
	long n = 0;

	if (!isdigit((unsigned char)**s))
		return false;
	while (isdigit((unsigned char)**s) && n < 100000)
		n = n * 10 + (*(*s)++ - '0');
	*v = (int)n;
	return true;
}

int kc_model_set_kernel_version(struct kc_model *m, const char *version)
{
	const char *s = version;
	int major, minor;

	if (!s || !read_number(&s, &major) || *s++ != '.' ||
	    !read_number(&s, &minor))
		return -1;
	/* A sublevel and an extraversion ("6.1.192", "6.12-rc1") may follow. */
	m->kernel_version = kc_arena_strdup(m->arena, version);
	m->kv_major = major;
	m->kv_minor = minor;
	return 0;
}

/* ---- accessors ------------------------------------------------------------ */

const char *kc_model_kernel_version(const struct kc_model *m)
{
	return m->kernel_version;
}

bool kc_model_kernel_before(const struct kc_model *m, int major, int minor)
{
	if (m->kv_major < 0)
		return false;
	return m->kv_major < major ||
	       (m->kv_major == major && m->kv_minor < minor);
}

bool kc_model_legacy_conf(const struct kc_model *m)
{
	/*
	 * Linux 6.11 dropped tristate choices and the choice's own value
	 * (kconfig-language.rst of 6.12, "choices", against 6.1's).
	 */
	return kc_model_kernel_before(m, 6, 11);
}

size_t kc_model_symbol_count(const struct kc_model *m)
{
	return m->symbols.len;
}

struct kc_symbol *kc_model_symbol(const struct kc_model *m, size_t i)
{
	return i < m->symbols.len ? m->symbols.items[i] : NULL;
}

struct kc_symbol *kc_model_lookup(const struct kc_model *m, const char *name)
{
	return kc_map_get(m->syms, name);
}

struct kc_symbol *kc_model_lookupn(const struct kc_model *m, const char *name,
				   size_t len)
{
	return kc_map_getn(m->syms, name, len);
}

struct kc_menu *kc_model_root(const struct kc_model *m)
{
	return m->root;
}

struct kc_symbol *kc_model_modules(const struct kc_model *m)
{
	return m->modules;
}

struct kc_symbol *kc_model_const_yes(const struct kc_model *m)
{
	return m->yes;
}

struct kc_symbol *kc_model_const_mod(const struct kc_model *m)
{
	return m->mod;
}

struct kc_symbol *kc_model_const_no(const struct kc_model *m)
{
	return m->no;
}

size_t kc_model_file_count(const struct kc_model *m)
{
	return m->files.len;
}

const char *kc_model_file(const struct kc_model *m, size_t i)
{
	return i < m->files.len ? m->files.items[i] : NULL;
}

size_t kc_model_env_count(const struct kc_model *m)
{
	return m->env_names.len;
}

void kc_model_env(const struct kc_model *m, size_t i, const char **name,
		  const char **value)
{
	*name = m->env_names.items[i];
	*value = m->env_values.items[i];
}

/*
 * The characters of a name as a set of 64 (each byte's low six bits), and
 * its length.  An edit (insert, delete, substitute) adds at most one
 * member to such a set and takes away at most one, so two names whose
 * sets differ in k members are at least (k + 1) / 2 edits apart.
 */
static uint64_t char_set(const char *name, size_t *len)
{
	uint64_t set = 0;
	const char *p;

	for (p = name; *p; p++)
		set |= (uint64_t)1 << ((unsigned char)*p & 63);
	*len = (size_t)(p - name);
	return set;
}

static size_t bit_count(uint64_t x)
{
	size_t n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

const char *kc_model_suggest(const struct kc_model *m, const char *name)
{
	const char *best = NULL;
	size_t best_d, i, max, len, slen;
	uint64_t set = char_set(name, &len);

	max = len / 3 + 1;
	if (max > 4)
		max = 4;
	best_d = max + 1;
	for (i = 0; i < m->symbols.len; i++) {
		struct kc_symbol *s = m->symbols.items[i];
		uint64_t diff;
		size_t d;

		if (!s->name || !(s->flags & KC_SYM_DEFINED))
			continue;
		/* Names that cannot be close enough skip the distance. */
		diff = set ^ char_set(s->name, &slen);
		if ((len > slen ? len - slen : slen - len) >= best_d ||
		    (bit_count(diff) + 1) / 2 >= best_d)
			continue;
		d = kc_edit_distance(name, s->name, best_d - 1);
		if (d < best_d) {
			best_d = d;
			best = s->name;
		}
	}
	return best;
}

struct kc_property *kc_symbol_prompt(const struct kc_symbol *s)
{
	struct kc_property *p;

	for (p = s->props; p; p = p->next)
		if (p->kind == KC_P_PROMPT)
			return p;
	return NULL;
}

void kc_symbol_add_prop(struct kc_symbol *s, struct kc_property *p)
{
	if (p->menu && !p->menu->props)
		p->menu->props = p;
	*s->props_tail = p;
	s->props_tail = &p->next;
}

void kc_symbol_add_menu(struct kc_symbol *s, struct kc_menu *menu)
{
	*s->menus_tail = menu;
	s->menus_tail = &menu->next_def;
}

const char *kc_type_name(enum kc_type t)
{
	switch (t) {
	case KC_T_BOOL:
		return "bool";
	case KC_T_TRISTATE:
		return "tristate";
	case KC_T_INT:
		return "int";
	case KC_T_HEX:
		return "hex";
	case KC_T_STRING:
		return "string";
	case KC_T_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *kc_prop_kind_name(enum kc_prop_kind k)
{
	static const char *const names[] = {
		[KC_P_PROMPT] = "prompt",   [KC_P_DEFAULT] = "default",
		[KC_P_SELECT] = "select",   [KC_P_IMPLY] = "imply",
		[KC_P_RANGE] = "range",     [KC_P_MENU] = "menu",
		[KC_P_COMMENT] = "comment",
	};
	return names[k];
}

const char *kc_menu_kind_name(enum kc_menu_kind k)
{
	static const char *const names[] = {
		[KC_M_ROOT] = "root",	      [KC_M_CONFIG] = "config",
		[KC_M_MENUCONFIG] = "menuconfig", [KC_M_CHOICE] = "choice",
		[KC_M_MENU] = "menu",	      [KC_M_COMMENT] = "comment",
		[KC_M_IF] = "if",
	};
	return names[k];
}
