/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check.c - what resolution would change in a .config, and why.
 *
 * A finding per symbol whose written value differs between the .config and
 * what `make olddefconfig` would write (value-changed, not-written,
 * missing), per assignment the kernel would ignore (unknown symbol, invalid
 * or ignored value, duplicate), and per choice with several members set.
 * The notes of a finding follow the computation: which dependency is unmet
 * (with each symbol's value, as the kernel's own warnings show them),
 * which select or imply raised the value, which default or range applied.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kc_check.h"

struct checker {
	const struct kc_model *m;
	const struct kc_config *cfg;
	struct kc_eval *ev;
	struct kc_findings *out;
	struct kc_buf tmp;
	const struct kc_check_options *opt;
	struct kc_check_stats *stats;
	/*
	 * Partial models: the first words of the model's own symbols, each
	 * to the index + 1 of its first symbol; same_word[i] is the index + 1
	 * of the next symbol with symbol i's first word (0 ends the list).
	 */
	struct kc_map *first_words;
	struct kc_arena *words;		/* their text */
	size_t *same_word;
	/*
	 * The first word last looked up and what it gave: a .config keeps
	 * a subsystem's lines together, so the next name often has it too.
	 */
	const char *last_word;
	size_t last_len, last_found;
};

static const char *tri_name(enum kc_tristate t)
{
	return t == KC_YES ? "y" : t == KC_MOD ? "m" : "n";
}

static bool is_bool_like(const struct kc_symbol *s)
{
	return s->type == KC_T_BOOL || s->type == KC_T_TRISTATE;
}

static const char *annotated(struct checker *c, const struct kc_expr *e)
{
	kc_buf_reset(&c->tmp);
	kc_eval_annotate(c->ev, e, 0, &c->tmp);
	return kc_buf_str(&c->tmp);
}

/* ---- dependency chains -------------------------------------------------- */

/* The definition that carries the prompt, else the first one. */
static const struct kc_menu *main_entry(const struct kc_symbol *s)
{
	const struct kc_menu *menu;

	for (menu = s->menus; menu; menu = menu->next_def)
		if (menu->prompt)
			return menu;
	return s->menus;
}

/*
 * Notes for every level of the entry's dependencies (its own depends on,
 * then each enclosing if, menu and choice) that holds it below 'want'.
 */
static void note_unmet(struct checker *c, struct kc_finding *f,
		       const struct kc_symbol *s, enum kc_tristate want)
{
	const struct kc_menu *menu = main_entry(s), *up;
	bool any = false;

	for (up = menu; up && up->kind != KC_M_ROOT; up = up->parent) {
		enum kc_tristate v;

		if (up->dep) {
			v = kc_eval_expr(c->ev, up->dep);
			if (v < want) {
				any = true;
				if (up == menu)
					kc_finding_note(f, up->file, up->line,
							"%s depends on %s",
							s->name,
							annotated(c, up->dep));
				else
					kc_finding_note(f, up->file, up->line,
							"inside '%s %s', which is %s",
							kc_menu_kind_name(up->kind),
							annotated(c, up->dep),
							tri_name(v));
			}
		}
		if (up->visibility &&
		    kc_eval_expr(c->ev, up->visibility) == KC_NO) {
			any = true;
			kc_finding_note(f, up->file, up->line,
					"inside menu '%s', visible if %s",
					up->prompt ? up->prompt->text : "",
					annotated(c, up->visibility));
		}
	}
	if (!any && s->dir_dep && kc_eval_expr(c->ev, s->dir_dep) < want)
		kc_finding_note(f, menu ? menu->file : NULL,
				menu ? menu->line : 0, "%s depends on %s",
				s->name, annotated(c, s->dir_dep));
}

/* Why no prompt of the symbol can be used. */
static void note_invisible(struct checker *c, struct kc_finding *f,
			   const struct kc_symbol *s)
{
	const struct kc_property *p;
	bool prompt = false;

	for (p = s->props; p; p = p->next) {
		if (p->kind != KC_P_PROMPT)
			continue;
		prompt = true;
		if (p->cond && kc_eval_expr(c->ev, p->cond) == KC_NO)
			kc_finding_note(f, p->file, p->line,
					"prompt \"%s\" only if %s", p->text,
					annotated(c, p->cond));
	}
	if (!prompt) {
		const struct kc_menu *menu = main_entry(s);

		kc_finding_note(f, menu ? menu->file : NULL,
				menu ? menu->line : 0,
				"%s has no prompt: a .config cannot set it; defaults and selects decide",
				s->name);
	}
}

static void note_default(struct checker *c, struct kc_finding *f,
			 const struct kc_symbol *s)
{
	const struct kc_property *p = kc_eval_default_prop(c->ev, s);
	struct kc_buf e = KC_BUF_INIT;

	if (!p) {
		kc_finding_note(f, NULL, 0,
				"no default applies, so %s is %s",
				s->name, kc_eval_string(c->ev, s));
		return;
	}
	kc_expr_print(p->expr, &e);
	if (p->cond)
		kc_finding_note(f, p->file, p->line, "default %s if %s",
				kc_buf_str(&e), annotated(c, p->cond));
	else
		kc_finding_note(f, p->file, p->line, "default %s",
				kc_buf_str(&e));
	kc_buf_free(&e);
}

/* Notes for each select (or imply) of 's' that is active. */
static int note_reverse(struct checker *c, struct kc_finding *f,
			const struct kc_symbol *s, enum kc_prop_kind kind)
{
	size_t i, n = kc_model_symbol_count(c->m);
	int found = 0;

	for (i = 0; i < n; i++) {
		const struct kc_symbol *by = kc_model_symbol(c->m, i);
		const struct kc_property *p;

		for (p = by->props; p; p = p->next) {
			enum kc_tristate v;

			if (p->kind != kind || p->expr->sym[0] != s)
				continue;
			v = kc_eval_expr(c->ev, p->visible);
			if (v == KC_NO || kc_eval_tristate(c->ev, by) == KC_NO)
				continue;
			found++;
			if (p->cond)
				kc_finding_note(f, p->file, p->line,
						"%s by %s [=%s] (if %s)",
						kind == KC_P_SELECT ? "selected" : "implied",
						by->name, kc_eval_string(c->ev, by),
						annotated(c, p->cond));
			else
				kc_finding_note(f, p->file, p->line,
						"%s by %s [=%s]",
						kind == KC_P_SELECT ? "selected" : "implied",
						by->name, kc_eval_string(c->ev, by));
		}
	}
	return found;
}

static void explain_choice(struct checker *c, struct kc_finding *f,
			   const struct kc_symbol *s)
{
	const struct kc_symbol *ch = s->choice;
	const struct kc_menu *cm = ch->menus;
	size_t i;

	f->reason = KC_REASON_CHOICE;
	if (kc_eval_visible(c->ev, s) == KC_NO) {
		note_unmet(c, f, s, KC_MOD);
		if (!f->n_notes && cm)
			kc_finding_note(f, cm->file, cm->line,
					"the choice around %s is not visible",
					s->name);
		return;
	}
	for (i = 0; i < ch->n_members; i++) {
		const struct kc_symbol *o = ch->members[i];

		if (o != s && kc_eval_tristate(c->ev, o) == KC_YES) {
			kc_finding_note(f, cm ? cm->file : NULL,
					cm ? cm->line : 0,
					"the choice selects %s instead; only one member can be y",
					o->name);
			return;
		}
	}
}

/* The reason a bool or tristate resolves to another value than assigned. */
static void explain_tristate(struct checker *c, struct kc_finding *f,
			     const struct kc_symbol *s, enum kc_tristate want)
{
	struct kc_eval *ev = c->ev;
	enum kc_tristate got = kc_eval_tristate(ev, s);
	enum kc_tristate vis = kc_eval_visible(ev, s);

	if (s->choice) {
		explain_choice(c, f, s);
		return;
	}
	if (s->type == KC_T_TRISTATE && kc_eval_type(ev, s) == KC_T_BOOL &&
	    want == KC_MOD) {
		const struct kc_symbol *mod = kc_model_modules(c->m);

		f->reason = KC_REASON_MODULES_OFF;
		kc_finding_note(f, NULL, 0,
				"m needs module support, and %s is n: m reads as y",
				mod->name ? mod->name : "MODULES");
		if (got >= want)
			return;
	}
	if (got > want) {
		if (note_reverse(c, f, s, KC_P_SELECT)) {
			f->reason = KC_REASON_SELECTED;
			return;
		}
		if (vis == KC_NO && note_reverse(c, f, s, KC_P_IMPLY)) {
			f->reason = KC_REASON_IMPLIED;
			return;
		}
		f->reason = KC_REASON_NOT_VISIBLE;
		note_invisible(c, f, s);
		note_default(c, f, s);
		return;
	}
	if (vis == KC_NO) {
		if (kc_eval_dir_dep(ev, s) < want) {
			f->reason = KC_REASON_UNMET_DEPENDENCY;
			note_unmet(c, f, s, want);
		} else {
			f->reason = KC_REASON_NOT_VISIBLE;
			note_invisible(c, f, s);
		}
		if (got != KC_NO)
			note_default(c, f, s);
		return;
	}
	f->reason = KC_REASON_UNMET_DEPENDENCY;
	kc_finding_note(f, NULL, 0, "its dependencies allow at most %s",
			tri_name(vis));
	note_unmet(c, f, s, want);
}

static void explain_value(struct checker *c, struct kc_finding *f,
			  const struct kc_symbol *s)
{
	const struct kc_property *r;

	if (kc_eval_visible(c->ev, s) == KC_NO) {
		if (kc_eval_dir_dep(c->ev, s) == KC_NO) {
			f->reason = KC_REASON_UNMET_DEPENDENCY;
			note_unmet(c, f, s, KC_MOD);
		} else {
			f->reason = KC_REASON_NOT_VISIBLE;
			note_invisible(c, f, s);
		}
		if (kc_eval_written(c->ev, s))
			note_default(c, f, s);
		return;
	}
	r = kc_eval_range_prop(c->ev, s);
	if (r) {
		f->reason = KC_REASON_OUT_OF_RANGE;
		kc_finding_note(f, r->file, r->line, "range %s to %s%s%s",
				kc_eval_string(c->ev, r->expr->sym[0]),
				kc_eval_string(c->ev, r->expr->sym[1]),
				r->cond ? " if " : "",
				r->cond ? annotated(c, r->cond) : "");
	}
}

static void explain(struct checker *c, struct kc_finding *f,
		    const struct kc_symbol *s, const struct kc_assignment *a)
{
	if (is_bool_like(s)) {
		enum kc_tristate want = a->raw[0] == 'y' ? KC_YES :
					a->raw[0] == 'm' ? KC_MOD : KC_NO;

		explain_tristate(c, f, s, want);
	} else {
		explain_value(c, f, s);
	}
}

/* ---- findings ------------------------------------------------------------------ */

bool kc_check_is_stand_in(const struct kc_symbol *s)
{
	const struct kc_menu *menu;

	if (!s->menus)
		return false;
	for (menu = s->menus; menu; menu = menu->next_def)
		if (!menu->file || strcmp(menu->file, "Kconfig"))
			return false;
	return true;
}

/*
 * In a partial model, a name it does not define is still reported when it
 * looks like a misspelling of one of the model's own symbols: close to it
 * and with the same first word (VFIO_CONTIANER for VFIO_CONTAINER), which
 * the names of the rest of the kernel (VIRTIO, ACPI_CONTAINER) are not.
 */
static const char *misspelt(struct checker *c, const struct kc_assignment *a)
{
	const struct kc_model *m = c->m;
	const char *name = a->name, *near = NULL;
	const char *us = memchr(name, '_', a->name_len);
	size_t max, best_d, i, len;

	/* Most names share no first word with the model: skip the search. */
	if (!us)
		return NULL;
	len = (size_t)(us - name);
	if (c->last_word && len == c->last_len &&
	    !memcmp(name, c->last_word, len)) {
		i = c->last_found;
	} else {
		i = (size_t)(uintptr_t)kc_map_getn(c->first_words, name, len);
		c->last_word = name;
		c->last_len = len;
		c->last_found = i;
	}
	if (!i)
		return NULL;
	/* As kc_model_suggest weighs names, among those of the same word. */
	max = a->name_len / 3 + 1;
	if (max > 4)
		max = 4;
	best_d = max + 1;
	for (; i; i = c->same_word[i - 1]) {
		const struct kc_symbol *s = kc_model_symbol(m, i - 1);
		size_t d = kc_edit_distance(name, s->name, best_d - 1);

		if (d < best_d) {
			best_d = d;
			near = s->name;
		}
	}
	return near;
}

/* A name the model does not define: unknown, or outside a partial model. */
static void unknown_symbol(struct checker *c, const struct kc_assignment *a)
{
	const char *near;
	struct kc_finding *f;

	if (c->opt->partial_model) {
		near = misspelt(c, a);
		if (!near) {
			c->stats->outside++;
			return;
		}
	} else {
		near = kc_model_suggest(c->m, a->name);
	}
	f = kc_findings_add(c->out, KC_RULE_UNKNOWN_SYMBOL, KC_SEV_WARNING,
			    NULL, kc_config_file(c->cfg, a), a->line,
			    "%s is not a symbol of this Kconfig tree; the line is ignored",
			    a->name);
	if (near)
		kc_finding_note(f, NULL, 0, "did you mean %s?", near);
}

/*
 * An assignment a later one overrides: in a .config, a duplicate; in a
 * defconfig, a note (savedefconfig writes each symbol once); between a
 * base and its fragments, what merge_config.sh calls a redefinition.
 */
static void overridden(struct checker *c, const struct kc_symbol *s,
		       const struct kc_assignment *a)
{
	const struct kc_assignment *last = kc_eval_user(c->ev, s);
	const char *file = kc_config_file(c->cfg, a);
	const char *last_file = last ? kc_config_file(c->cfg, last) : file;
	struct kc_finding *f;

	if (strcmp(file, last_file)) {
		if (!strcmp(a->raw, last->raw))
			f = kc_findings_add(c->out, KC_RULE_OVERRIDE,
					    KC_SEV_NOTE, s->name, file, a->line,
					    "%s=%s is set again, to the same value, in %s",
					    s->name, a->raw, last_file);
		else
			f = kc_findings_add(c->out, KC_RULE_OVERRIDE,
					    KC_SEV_NOTE, s->name, file, a->line,
					    "%s=%s is overridden by %s=%s in %s",
					    s->name, a->raw, s->name, last->raw,
					    last_file);
		kc_finding_note(f, last_file, last->line,
				"%s is set again here", s->name);
		return;
	}
	kc_findings_add(c->out, KC_RULE_DUPLICATE,
			c->opt->kind == KC_INPUT_FULL ? KC_SEV_WARNING :
							KC_SEV_NOTE,
			s->name, file, a->line,
			"%s is assigned again at line %d; the later value wins",
			s->name, last ? last->line : 0);
}

/* The value an applied assignment gave, in the form resolution reports. */
static const char *assigned_value(const struct kc_symbol *s,
				  const struct kc_assignment *a)
{
	if (is_bool_like(s))
		return a->raw[0] == 'y' ? "y" :
		       (a->raw[0] == 'm' && s->type == KC_T_TRISTATE) ? "m" : "n";
	if (s->type == KC_T_STRING)
		return a->unquoted ? a->unquoted : a->raw;
	return a->raw;
}

static void check_assignments(struct checker *c)
{
	const struct kc_config *cfg = c->cfg;
	size_t i;

	for (i = 0; i < cfg->len; i++) {
		const struct kc_assignment *a = &cfg->items[i];
		const struct kc_symbol *s = kc_eval_assign_symbol(c->ev, i);
		const char *path = kc_config_file(cfg, a);
		struct kc_finding *f;

		switch (kc_eval_assign_status(c->ev, i)) {
		case KC_AS_UNKNOWN_SYMBOL:
			unknown_symbol(c, a);
			break;
		case KC_AS_NO_TYPE:
			if (c->opt->partial_model) {
				c->stats->outside++;
				break;
			}
			kc_findings_add(c->out, KC_RULE_UNKNOWN_SYMBOL,
					KC_SEV_WARNING, s->name, path,
					a->line,
					"%s is referenced in Kconfig but never defined; the line is ignored",
					a->name);
			break;
		case KC_AS_INVALID:
			f = kc_findings_add(c->out, KC_RULE_INVALID_VALUE,
					    KC_SEV_ERROR, s->name, path,
					    a->line,
					    "'%s' is not a valid value for %s (%s); the line is ignored",
					    a->raw, s->name, kc_type_name(s->type));
			f->assigned = kc_xstrdup(a->raw);
			break;
		case KC_AS_IGNORED:
			kc_findings_add(c->out, KC_RULE_IGNORED_VALUE,
					KC_SEV_WARNING, s->name, path,
					a->line,
					"string %s must be in double quotes; the kernel ignores this line",
					s->name);
			break;
		case KC_AS_OVERRIDDEN:
			overridden(c, s, a);
			break;
		case KC_AS_COMMENT:
			break;
		case KC_AS_APPLIED:
			/*
			 * The kernel reads only the first character, with a
			 * warning; a gate takes the wrong type as an error.
			 */
			if ((s->type == KC_T_BOOL || s->type == KC_T_TRISTATE) &&
			    a->kind == KC_ASSIGN_VALUE && strlen(a->raw) != 1)
				kc_findings_add(c->out, KC_RULE_INVALID_VALUE,
						KC_SEV_ERROR, s->name,
						path, a->line,
						"'%s' is read as %c: only the first character of a %s value counts",
						a->raw, a->raw[0],
						kc_type_name(s->type));
			break;
		}
	}
}

/* ---- values the build machine decides ------------------------------------------ */

static const char *bm_expr(struct checker *c, const struct kc_expr *e,
			   int depth);

/*
 * The build-machine symbol that holds 's' at n, if any: 's' itself when
 * the .config does not give it (without --shell its value is a guess), or
 * one found through the dependencies of a symbol that is n.
 */
static const char *bm_symbol(struct checker *c, const struct kc_symbol *s,
			     int depth)
{
	if (s->flags & KC_SYM_CONST)
		return NULL;
	if (s->flags & KC_SYM_BUILD_MACHINE)
		return kc_eval_user(c->ev, s) ? NULL : s->name;
	if (depth == 0 || kc_eval_tristate(c->ev, s) != KC_NO)
		return NULL;
	return bm_expr(c, s->dir_dep, depth - 1);
}

static const char *bm_expr(struct checker *c, const struct kc_expr *e,
			   int depth)
{
	const char *why;

	if (!e)
		return NULL;
	if (e->flags & KC_EXPR_BUILD_MACHINE)
		return "$(shell,...)";
	switch (e->op) {
	case KC_E_NOT:
		return bm_expr(c, e->sub[0], depth);
	case KC_E_AND:
	case KC_E_OR:
		why = bm_expr(c, e->sub[0], depth);
		return why ? why : bm_expr(c, e->sub[1], depth);
	case KC_E_SYMBOL:
		return bm_symbol(c, e->sym[0], depth);
	default:
		why = bm_symbol(c, e->sym[0], 0);
		return why ? why : bm_symbol(c, e->sym[1], 0);
	}
}

/*
 * A defconfig or fragment does not give the compiler probes' values a
 * full .config holds, so without --shell a line whose dependencies rest
 * on them cannot be judged: the finding becomes a note that says so.
 */
static void build_machine_doubt(struct checker *c, struct kc_finding *f,
				const struct kc_symbol *s)
{
	const struct kc_menu *menu;
	const char *why = bm_expr(c, s->dir_dep, 4);

	/* A choice member's own dependencies are on its entries. */
	for (menu = s->menus; !why && menu; menu = menu->next_def)
		why = bm_expr(c, menu->dep_all, 4);
	if (!why)
		return;
	f->severity = KC_SEV_NOTE;
	kc_finding_note(f, NULL, 0,
			"this rests on %s, which the build machine's tools decide and the file does not give: run with --shell to compute it",
			why);
}

static void check_symbol(struct checker *c, const struct kc_symbol *s)
{
	const struct kc_assignment *a = kc_eval_user(c->ev, s);
	bool written = kc_eval_written(c->ev, s);
	const char *got = kc_eval_string(c->ev, s);
	const char *path = c->cfg ? c->cfg->path : NULL;
	const char *want;
	struct kc_finding *f;

	if (a)
		path = kc_config_file(c->cfg, a);
	if (kc_eval_trusted(c->ev, s)) {
		kc_findings_add(c->out, KC_RULE_BUILD_MACHINE, KC_SEV_NOTE,
				s->name, path, a->line,
				"%s comes from the build machine's tools; its value is taken from the .config as it is (use --shell to compute it)",
				s->name);
		return;
	}
	if (!a) {
		/*
		 * A defconfig or fragment leaves out what it does not
		 * change; a real .config leaves out a partial model's
		 * stand-ins for other architectures and subsystems.
		 */
		if (!written || c->opt->kind != KC_INPUT_FULL ||
		    (c->opt->partial_model && kc_check_is_stand_in(s)))
			return;
		f = kc_findings_add(c->out, KC_RULE_MISSING,
				    is_bool_like(s) && got[0] == 'n' ?
					    KC_SEV_NOTE : KC_SEV_WARNING,
				    s->name, path, 0,
				    "%s is not in the .config; resolution gives it %s%s%s",
				    s->name, s->type == KC_T_STRING ? "\"" : "",
				    got, s->type == KC_T_STRING ? "\"" : "");
		f->reason = KC_REASON_DEFAULT;
		f->resolved = kc_xstrdup(got);
		return;
	}
	want = assigned_value(s, a);
	if (!written) {
		if (is_bool_like(s) && want[0] == 'n')
			return;
		f = kc_findings_add(c->out, KC_RULE_NOT_WRITTEN, KC_SEV_ERROR,
				    s->name, path, a->line,
				    "%s=%s does not survive: resolution drops %s from the .config",
				    s->name, a->raw, s->name);
	} else if (strcmp(want, got)) {
		f = kc_findings_add(c->out, KC_RULE_VALUE_CHANGED, KC_SEV_ERROR,
				    s->name, path, a->line,
				    "%s is set to %s but resolves to %s%s%s",
				    s->name, a->raw,
				    s->type == KC_T_STRING ? "\"" : "", got,
				    s->type == KC_T_STRING ? "\"" : "");
	} else {
		return;
	}
	f->assigned = kc_xstrdup(want);
	f->resolved = written ? kc_xstrdup(got) : NULL;
	explain(c, f, s, a);
	if (c->opt->kind != KC_INPUT_FULL &&
	    (f->reason == KC_REASON_UNMET_DEPENDENCY ||
	     f->reason == KC_REASON_NOT_VISIBLE ||
	     f->reason == KC_REASON_CHOICE))
		build_machine_doubt(c, f, s);
}

static void check_choice(struct checker *c, const struct kc_symbol *ch)
{
	const struct kc_assignment *winner = NULL;
	size_t i, set = 0;

	for (i = 0; i < ch->n_members; i++) {
		const struct kc_symbol *s = ch->members[i];
		const struct kc_assignment *a = kc_eval_user(c->ev, s);

		if (!a || a->raw[0] != 'y' || kc_eval_visible(c->ev, s) == KC_NO)
			continue;
		set++;
		if (!winner || a > winner)
			winner = a;
	}
	if (set > 1) {
		const struct kc_menu *cm = ch->menus;
		struct kc_finding *f;

		f = kc_findings_add(c->out, KC_RULE_CHOICE, KC_SEV_WARNING,
				    winner->name,
				    kc_config_file(c->cfg, winner), winner->line,
				    "%zu members of one choice are set to y; only one can be, and the last one read (%s) wins",
				    set, winner->name);
		if (cm)
			kc_finding_note(f, cm->file, cm->line,
					"the choice \"%s\"",
					cm->prompt ? cm->prompt->text : "");
	}
}

void kc_check_config(const struct kc_model *m, const struct kc_config *cfg,
		     struct kc_eval *ev, struct kc_findings *out)
{
	const struct kc_check_options opt = { KC_INPUT_FULL, false };
	struct kc_check_stats stats;

	kc_check_config_as(m, cfg, ev, &opt, &stats, out);
}

/*
 * The first words (VFIO of VFIO_PCI) of the symbols a model defines itself,
 * each with the list of its symbols in model order (see struct checker).
 */
static void first_words(struct checker *c)
{
	const struct kc_model *m = c->m;
	size_t i, n = kc_model_symbol_count(m);

	c->words = kc_arena_new();
	c->first_words = kc_map_new(n);
	c->same_word = kc_xcalloc(n ? n : 1, sizeof(*c->same_word));
	for (i = n; i-- > 0;) {
		const struct kc_symbol *s = kc_model_symbol(m, i);
		size_t len;
		const char *word;

		if (!s->name || !(s->flags & KC_SYM_DEFINED) ||
		    kc_check_is_stand_in(s))
			continue;
		len = strcspn(s->name, "_");
		if (!s->name[len])
			continue;
		c->same_word[i] = (size_t)(uintptr_t)kc_map_getn(c->first_words,
								  s->name, len);
		word = kc_arena_strndup(c->words, s->name, len);
		kc_map_put(c->first_words, word, (void *)(uintptr_t)(i + 1));
	}
}

void kc_check_partial_keep(const struct kc_model *m,
			   struct kc_config_keep *keep)
{
	size_t i, n = kc_model_symbol_count(m);

	kc_config_keep_init(keep);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(m, i);

		if (s->name)
			kc_config_keep_add(keep, s->name);
	}
}

void kc_check_config_as(const struct kc_model *m, const struct kc_config *cfg,
			struct kc_eval *ev, const struct kc_check_options *opt,
			struct kc_check_stats *stats, struct kc_findings *out)
{
	struct checker c = { m, cfg, ev, out, KC_BUF_INIT, opt, stats, NULL,
			     NULL, NULL, NULL, 0, 0 };
	size_t i, n = kc_model_symbol_count(m);

	/* Lines a filtered reading dropped are outside (kc_check_partial_keep). */
	stats->outside = cfg ? cfg->dropped : 0;
	if (opt->partial_model)
		first_words(&c);

	if (cfg)
		check_assignments(&c);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(m, i);

		if (s->flags & KC_SYM_CHOICE) {
			if (cfg)
				check_choice(&c, s);
			continue;
		}
		if (s->type == KC_T_UNKNOWN || !(s->flags & KC_SYM_DEFINED) ||
		    (s->flags & KC_SYM_TRANSITIONAL))
			continue;
		check_symbol(&c, s);
	}
	kc_buf_free(&c.tmp);
	if (c.first_words) {
		kc_map_free(c.first_words);
		kc_arena_free(c.words);
		free(c.same_word);
	}
}
