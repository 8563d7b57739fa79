/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff.c - what a change to the Kconfig files did, between two models that
 * live side by side (OLD and NEW):
 *  - structure: symbols added, removed and retyped; prompts, defaults,
 *    dependencies, selects, implies and ranges changed, each with where it
 *    is written on both sides;
 *  - values (diff_values.c): in the cone of influence of what changed,
 *    values and pairs of values that became possible or impossible;
 *  - policy: rules whose `prove` verdict changed;
 *  - whole-model findings: `selects` and `dead` findings that are new (or
 *    gone);
 *  - with a .config: what it becomes on NEW, each change with its reason.
 *
 * Symbols are matched by name.  Expressions are compared as printed, so a
 * change in spelling only (parentheses, order of operands) counts as a
 * change: the diff is of what is written, the value analysis of what it
 * means.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "kc_rules.h"

/* ---- structure -------------------------------------------------------- */

static bool has_value(const struct kc_symbol *s)
{
	return s && (s->flags & KC_SYM_DEFINED) && s->name;
}

/* The property as one line of Kconfig: "select FOO if BAR". */
static char *prop_text(const struct kc_property *p)
{
	struct kc_buf b = KC_BUF_INIT;

	switch (p->kind) {
	case KC_P_PROMPT:
		kc_buf_addf(&b, "prompt \"%s\"", p->text ? p->text : "");
		break;
	case KC_P_RANGE:
		kc_buf_addf(&b, "range %s %s", p->expr->sym[0]->name,
			    p->expr->sym[1]->name);
		break;
	default:
		kc_buf_addf(&b, "%s ", kc_prop_kind_name(p->kind));
		kc_expr_print(p->expr, &b);
		break;
	}
	if (p->cond) {
		kc_buf_adds(&b, " if ");
		kc_expr_print(p->cond, &b);
	}
	return kc_buf_detach(&b);
}

struct prop_list {
	struct kc_vec text;		/* malloc'd lines */
	struct kc_vec props;		/* the properties */
};

static void props_of(const struct kc_symbol *s, enum kc_prop_kind kind,
		     struct prop_list *l)
{
	const struct kc_property *p;

	for (p = s ? s->props : NULL; p; p = p->next) {
		if (p->kind != kind)
			continue;
		kc_vec_push(&l->text, prop_text(p));
		kc_vec_push(&l->props, (void *)p);
	}
}

static void props_free(struct prop_list *l)
{
	size_t i;

	for (i = 0; i < l->text.len; i++)
		free(l->text.items[i]);
	kc_vec_free(&l->text);
	kc_vec_free(&l->props);
}

static bool same_lists(const struct prop_list *a, const struct prop_list *b)
{
	size_t i;

	if (a->text.len != b->text.len)
		return false;
	for (i = 0; i < a->text.len; i++)
		if (strcmp(a->text.items[i], b->text.items[i]))
			return false;
	return true;
}

static bool in_list(const struct prop_list *l, const char *text)
{
	size_t i;

	for (i = 0; i < l->text.len; i++)
		if (!strcmp(l->text.items[i], text))
			return true;
	return false;
}

/* Where a symbol is defined: the entry with its prompt, else the first. */
static void where(const struct kc_symbol *s, const char **file, int *line)
{
	const struct kc_menu *e = s ? kc_analysis_entry(s) : NULL;

	*file = e ? e->file : NULL;
	*line = e ? e->line : 0;
}

static const char *const kind_rule[] = {
	[KC_P_PROMPT] = KC_RULE_DIFF_PROMPT,
	[KC_P_DEFAULT] = KC_RULE_DIFF_DEFAULT,
	[KC_P_SELECT] = KC_RULE_DIFF_SELECT,
	[KC_P_IMPLY] = KC_RULE_DIFF_IMPLY,
	[KC_P_RANGE] = KC_RULE_DIFF_RANGE,
};

static const char *const kind_words[] = {
	[KC_P_PROMPT] = "prompts",
	[KC_P_DEFAULT] = "defaults",
	[KC_P_SELECT] = "selects",
	[KC_P_IMPLY] = "implies",
	[KC_P_RANGE] = "ranges",
};

/*
 * Order matters for prompts, defaults and ranges (the first visible one
 * counts), not for selects and implies: those are compared as sets and
 * only the lines added or removed are listed.
 */
static void diff_kind(const struct kc_symbol *o, const struct kc_symbol *n,
		      enum kc_prop_kind kind, struct kc_findings *out)
{
	struct prop_list lo = { KC_VEC_INIT, KC_VEC_INIT };
	struct prop_list ln = { KC_VEC_INIT, KC_VEC_INIT };
	bool as_set = kind == KC_P_SELECT || kind == KC_P_IMPLY;
	const struct kc_property *at;
	struct kc_finding *f;
	const char *file;
	size_t i;
	int line;

	props_of(o, kind, &lo);
	props_of(n, kind, &ln);
	if (same_lists(&lo, &ln))
		goto out;
	at = ln.props.len ? ln.props.items[0] : NULL;
	for (i = 0; as_set && i < ln.props.len; i++)
		if (!in_list(&lo, ln.text.items[i])) {
			at = ln.props.items[i];
			break;
		}
	where(n, &file, &line);
	f = kc_findings_add(out, kind_rule[kind], KC_SEV_NOTE, n->name,
			    at ? at->file : file, at ? at->line : line,
			    "the %s of %s changed", kind_words[kind], n->name);
	for (i = 0; i < lo.props.len; i++) {
		const struct kc_property *p = lo.props.items[i];

		if (!as_set || !in_list(&ln, lo.text.items[i]))
			kc_finding_note(f, p->file, p->line, "was: %s",
					(char *)lo.text.items[i]);
	}
	for (i = 0; i < ln.props.len; i++) {
		const struct kc_property *p = ln.props.items[i];

		if (!as_set || !in_list(&lo, ln.text.items[i]))
			kc_finding_note(f, p->file, p->line, "now: %s",
					(char *)ln.text.items[i]);
	}
out:
	props_free(&lo);
	props_free(&ln);
}

static char *expr_text(const struct kc_expr *e)
{
	struct kc_buf b = KC_BUF_INIT;

	if (e)
		kc_expr_print(e, &b);
	else
		kc_buf_adds(&b, "y");
	return kc_buf_detach(&b);
}

/* The direct dependencies, with what enclosing menus and ifs add. */
static void diff_depends(const struct kc_symbol *o, const struct kc_symbol *n,
			 struct kc_findings *out)
{
	char *to = expr_text(o->dir_dep), *tn = expr_text(n->dir_dep);
	const char *fo, *fn;
	struct kc_finding *f;
	int lo, ln;

	if (strcmp(to, tn)) {
		where(o, &fo, &lo);
		where(n, &fn, &ln);
		f = kc_findings_add(out, KC_RULE_DIFF_DEPENDS, KC_SEV_NOTE,
				    n->name, fn, ln,
				    "the dependencies of %s changed", n->name);
		kc_finding_note(f, fo, lo, "was: depends on %s", to);
		kc_finding_note(f, fn, ln, "now: depends on %s", tn);
	}
	free(to);
	free(tn);
}

static void diff_symbol(const struct kc_symbol *o, const struct kc_symbol *n,
			struct kc_findings *out)
{
	static const enum kc_prop_kind kinds[] = {
		KC_P_PROMPT, KC_P_DEFAULT, KC_P_SELECT, KC_P_IMPLY, KC_P_RANGE,
	};
	const char *fo, *fn;
	struct kc_finding *f;
	int lo, ln;
	size_t i;

	if (o->type != n->type) {
		where(o, &fo, &lo);
		where(n, &fn, &ln);
		f = kc_findings_add(out, KC_RULE_DIFF_RETYPED, KC_SEV_WARNING,
				    n->name, fn, ln,
				    "%s changed type from %s to %s: values a .config gives it may no longer apply",
				    n->name, kc_type_name(o->type),
				    kc_type_name(n->type));
		kc_finding_note(f, fo, lo, "was: %s %s", kc_type_name(o->type),
				o->name);
	}
	diff_depends(o, n, out);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		diff_kind(o, n, kinds[i], out);
}

static void added_or_removed(const struct kc_symbol *s, bool added,
			     struct kc_findings *out)
{
	const char *file;
	int line;

	where(s, &file, &line);
	kc_findings_add(out, added ? KC_RULE_DIFF_ADDED : KC_RULE_DIFF_REMOVED,
			KC_SEV_NOTE, s->name, file, line, "%s %s %s",
			kc_type_name(s->type), s->name,
			added ? "added" : "removed");
}

/* Is the file under one of the folders (all files when there are none)? */
static bool path_under(const struct kc_diff_options *o, const char *path)
{
	size_t i;

	if (!o->n_under)
		return true;
	for (i = 0; path && i < o->n_under; i++)
		if (kc_path_in(o->under[i], path))
			return true;
	return false;
}

/* Is some definition of the symbol, on either side, under the folders? */
static bool in_scope(const struct kc_diff_options *o,
		     const struct kc_symbol *a, const struct kc_symbol *b)
{
	const struct kc_symbol *s[2] = { a, b };
	const struct kc_menu *e;
	int k;

	if (!o->n_under)
		return true;
	for (k = 0; k < 2; k++)
		for (e = s[k] ? s[k]->menus : NULL; e; e = e->next_def)
			if (path_under(o, e->file))
				return true;
	return false;
}

/* The structural findings; 'changed' gets the name of each symbol. */
static void diff_structure(const struct kc_model *old,
			   const struct kc_model *new,
			   const struct kc_diff_options *opt,
			   struct kc_findings *out)
{
	size_t i, n = kc_model_symbol_count(new);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(new, i);
		const struct kc_symbol *o;

		if (!has_value(s))
			continue;
		o = kc_model_lookup(old, s->name);
		if (!in_scope(opt, o, s))
			continue;
		if (!has_value(o))
			added_or_removed(s, true, out);
		else
			diff_symbol(o, s, out);
	}
	n = kc_model_symbol_count(old);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(old, i);

		if (has_value(s) && !has_value(kc_model_lookup(new, s->name)) &&
		    in_scope(opt, s, NULL))
			added_or_removed(s, false, out);
	}
}

/* ---- the symbols a change touches ------------------------------------- */

static void push_name(struct kc_map *seen, struct kc_vec *v, const char *name)
{
	if (!name || kc_map_get(seen, name))
		return;
	kc_map_put(seen, name, (void *)name);
	kc_vec_push(v, (void *)name);
}

static void expr_names(const struct kc_expr *e, struct kc_map *seen,
		       struct kc_vec *v)
{
	if (!e)
		return;
	switch (e->op) {
	case KC_E_NOT:
		expr_names(e->sub[0], seen, v);
		break;
	case KC_E_AND:
	case KC_E_OR:
		expr_names(e->sub[0], seen, v);
		expr_names(e->sub[1], seen, v);
		break;
	default:
		if (!(e->sym[0]->flags & KC_SYM_CONST))
			push_name(seen, v, e->sym[0]->name);
		if (e->op != KC_E_SYMBOL && !(e->sym[1]->flags & KC_SYM_CONST))
			push_name(seen, v, e->sym[1]->name);
		break;
	}
}

/*
 * The symbols whose structure changed come first ('changed'), then, in
 * 'touched', those plus every symbol their changed properties mention on
 * either side: the pairs among them are where a change shows.
 */
static void touched_symbols(const struct kc_model *old,
			    const struct kc_model *new,
			    const struct kc_findings *structural,
			    struct kc_vec *changed, struct kc_vec *touched)
{
	struct kc_map *seen_c = kc_map_new(64), *seen_t = kc_map_new(64);
	size_t i;

	for (i = 0; i < structural->len; i++)
		push_name(seen_c, changed, structural->items[i].symbol);
	for (i = 0; i < changed->len; i++) {
		const struct kc_symbol *s[2] = {
			kc_model_lookup(old, changed->items[i]),
			kc_model_lookup(new, changed->items[i]),
		};
		const struct kc_property *p;
		int k;

		push_name(seen_t, touched, changed->items[i]);
		for (k = 0; k < 2; k++) {
			if (!s[k])
				continue;
			expr_names(s[k]->dir_dep, seen_t, touched);
			for (p = s[k]->props; p; p = p->next) {
				if (p->kind == KC_P_SELECT ||
				    p->kind == KC_P_IMPLY ||
				    p->kind == KC_P_DEFAULT)
					expr_names(p->expr, seen_t, touched);
				expr_names(p->cond, seen_t, touched);
			}
		}
	}
	kc_map_free(seen_c);
	kc_map_free(seen_t);
}

/* ---- whole-model findings, compared ----------------------------------- */

/* What identifies a finding across the two models. */
static char *finding_key(const struct kc_finding *f)
{
	const char *comma = strchr(f->message, ',');
	size_t n = comma ? (size_t)(comma - f->message) : strlen(f->message);

	return kc_xasprintf("%s\t%s\t%.*s", f->rule, f->symbol ? f->symbol : "",
			    (int)n, f->message);
}

static bool has_key(const struct kc_findings *l, const char *key)
{
	size_t i;
	bool found = false;

	for (i = 0; i < l->len && !found; i++) {
		char *k = finding_key(&l->items[i]);

		found = !strcmp(k, key);
		free(k);
	}
	return found;
}

static void copy_notes(struct kc_finding *to, const struct kc_finding *from)
{
	size_t i;

	for (i = 0; i < from->n_notes; i++)
		kc_finding_note(to, from->notes[i].file, from->notes[i].line,
				"%s", from->notes[i].message);
}

/*
 * Findings of NEW that OLD does not have keep their severity and say they
 * are new; findings OLD had and NEW lost are notes.
 */
static void compare_findings(const struct kc_findings *fo,
			     const struct kc_findings *fn, const char *rule_new,
			     const char *rule_gone,
			     const struct kc_diff_options *o,
			     struct kc_findings *out)
{
	struct kc_finding *f;
	size_t i;

	for (i = 0; i < fn->len; i++) {
		const struct kc_finding *x = &fn->items[i];
		char *k = finding_key(x);

		if (path_under(o, x->file) && !has_key(fo, k)) {
			f = kc_findings_add(out, rule_new, x->severity,
					    x->symbol, x->file, x->line,
					    "new: %s [%s]", x->message,
					    x->rule);
			copy_notes(f, x);
		}
		free(k);
	}
	for (i = 0; i < fo->len; i++) {
		const struct kc_finding *x = &fo->items[i];
		char *k = finding_key(x);

		if (path_under(o, x->file) && !has_key(fn, k))
			kc_findings_add(out, rule_gone, KC_SEV_NOTE, x->symbol,
					x->file, x->line, "gone: %s [%s]",
					x->message, x->rule);
		free(k);
	}
}

static void diff_selects(const struct kc_model *old,
			 const struct kc_model *new,
			 const struct kc_diff_options *o,
			 struct kc_findings *out, struct kc_vec *witnesses)
{
	struct kc_findings fo = KC_FINDINGS_INIT, fn = KC_FINDINGS_INIT;
	struct kc_vec wn = KC_VEC_INIT;
	size_t i;

	kc_analysis_selects(old, &fo, NULL, NULL);
	kc_analysis_selects(new, &fn, &wn, NULL);
	compare_findings(&fo, &fn, KC_RULE_DIFF_NEW_FINDING,
			 KC_RULE_DIFF_GONE_FINDING, o, out);
	for (i = 0; i < wn.len; i++) {
		char *k = finding_key(&fn.items[i]);

		if (witnesses && path_under(o, fn.items[i].file) &&
		    !has_key(&fo, k)) {
			kc_vec_push(witnesses, kc_xasprintf("select-%s",
							    fn.items[i].symbol));
			kc_vec_push(witnesses, wn.items[i]);
		} else {
			free(wn.items[i]);
		}
		free(k);
	}
	kc_vec_free(&wn);
	kc_findings_free(&fo);
	kc_findings_free(&fn);
}

static void diff_dead(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_diff_options *o,
		      struct kc_findings *out)
{
	struct kc_findings fo = KC_FINDINGS_INIT, fn = KC_FINDINGS_INIT;

	kc_analysis_dead(old, false, &fo, NULL);
	kc_analysis_dead(new, true, &fn, NULL);
	compare_findings(&fo, &fn, KC_RULE_DIFF_NEW_FINDING,
			 KC_RULE_DIFF_GONE_FINDING, o, out);
	kc_findings_free(&fo);
	kc_findings_free(&fn);
}

/* ---- rule verdicts ---------------------------------------------------- */

/* prove's verdict on a rule, from its finding. */
static const char *verdict(const struct kc_finding *f)
{
	static const struct {
		const char *says, *verdict;
	} v[] = {
		{ "holds in every", "holds" },
		{ "Kconfig allows", "broken by some valid configuration" },
		{ "a .config can break", "breakable by a .config" },
		{ "cannot be satisfied", "unsatisfiable" },
		{ "does not apply", "not applicable" },
		{ "not decided exactly", "undecided" },
	};
	size_t i;

	for (i = 0; f && i < sizeof(v) / sizeof(v[0]); i++)
		if (strstr(f->message, v[i].says))
			return v[i].verdict;
	return "absent";
}

static const struct kc_finding *by_rule(const struct kc_findings *l,
					const char *id)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!strcmp(l->items[i].rule, id))
			return &l->items[i];
	return NULL;
}

/* Can a changed symbol move the rule's verdict in m? */
static bool rule_touched(const struct kc_model *m, const struct kc_rule *r,
			 const struct kc_vec *changed)
{
	unsigned char *mark;
	bool hit = false;
	size_t i;

	if (!r || r->status != KC_RULE_APPLIES)
		return false;
	mark = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	kc_analysis_cone_expr(m, r->expr, mark);
	kc_analysis_cone_expr(m, r->cond, mark);
	for (i = 0; i < changed->len && !hit; i++) {
		const struct kc_symbol *s = kc_model_lookup(m, changed->items[i]);

		hit = s && mark[s->id];
	}
	free(mark);
	return hit;
}

/*
 * The rules whose verdict can differ: those bound differently on the two
 * sides, and those whose expressions' closure (everything their value can
 * depend on) holds a changed symbol on either side.  Every other rule
 * reads the same constraints on both sides, so its verdict is the same.
 */
static unsigned char *rules_to_ask(const struct kc_model *mine,
				   const struct kc_rules *rm,
				   const struct kc_model *other,
				   const struct kc_rules *ro,
				   const struct kc_vec *changed)
{
	size_t i, n = kc_rules_count(rm);
	unsigned char *which = kc_xcalloc(n + 1, 1);

	for (i = 0; i < n; i++) {
		const struct kc_rule *x = kc_rules_at(rm, i);
		const struct kc_rule *y = kc_rules_find(ro, x->id);

		which[i] = !y || x->status != y->status ||
			   rule_touched(mine, x, changed) ||
			   rule_touched(other, y, changed);
	}
	return which;
}

/* A verdict that got worse keeps NEW's severity; one that got better is a
 * note. */
static void diff_verdicts(const struct kc_model *old,
			  const struct kc_model *new,
			  const struct kc_diff_options *o,
			  const struct kc_vec *changed,
			  struct kc_findings *out, struct kc_vec *witnesses)
{
	struct kc_findings fo = KC_FINDINGS_INIT, fn = KC_FINDINGS_INIT;
	struct kc_vec wn = KC_VEC_INIT;
	unsigned char *wo = rules_to_ask(old, o->old_rules, new, o->new_rules,
					 changed);
	unsigned char *wnr = rules_to_ask(new, o->new_rules, old, o->old_rules,
					  changed);
	size_t i;

	/* The verdicts first; witnesses only where a verdict changed. */
	kc_analysis_prove_some(old, o->old_rules, wo, true, &fo, NULL);
	kc_analysis_prove_some(new, o->new_rules, wnr, true, &fn, NULL);
	for (i = 0; i < kc_rules_count(o->new_rules); i++) {
		const struct kc_rule *x = kc_rules_at(o->new_rules, i);

		wnr[i] = wnr[i] && strcmp(verdict(by_rule(&fo, x->id)),
					  verdict(by_rule(&fn, x->id)));
	}
	kc_findings_free(&fn);
	kc_analysis_prove_some(new, o->new_rules, wnr, false, &fn, &wn);
	free(wo);
	free(wnr);
	for (i = 0; i < fn.len; i++) {
		const struct kc_finding *x = &fn.items[i];
		const struct kc_finding *y = by_rule(&fo, x->rule);
		const char *vo = verdict(y), *vn = verdict(x);
		struct kc_finding *f;
		bool worse = !y || x->severity > y->severity;

		if (!strcmp(vo, vn))
			continue;
		f = kc_findings_add(out, KC_RULE_DIFF_VERDICT,
				    worse ? x->severity : KC_SEV_NOTE, NULL,
				    x->file, x->line,
				    "%s changed from \"%s\" to \"%s\": %s",
				    x->rule, vo, vn, x->message);
		copy_notes(f, x);
	}
	for (i = 0; witnesses && i + 1 < wn.len; i += 2) {
		const struct kc_finding *y = by_rule(&fo, wn.items[i]);
		const struct kc_finding *x = by_rule(&fn, wn.items[i]);

		if (x && strcmp(verdict(y), verdict(x))) {
			kc_vec_push(witnesses, kc_xasprintf("rule-%s",
							    (char *)wn.items[i]));
			kc_vec_push(witnesses, kc_xstrdup(wn.items[i + 1]));
		}
	}
	for (i = 0; i < wn.len; i++)
		free(wn.items[i]);
	kc_vec_free(&wn);
	kc_findings_free(&fo);
	kc_findings_free(&fn);
}

/* ---- the whole diff --------------------------------------------------- */

static void append(struct kc_findings *out, struct kc_findings *from)
{
	size_t i;

	for (i = 0; i < from->len; i++) {
		KC_GROW(out->items, out->cap, out->len + 1);
		out->items[out->len++] = from->items[i];
	}
	free(from->items);
	memset(from, 0, sizeof(*from));
}

void kc_analysis_diff(const struct kc_model *old, const struct kc_model *new,
		      const struct kc_diff_options *o,
		      struct kc_findings *out, struct kc_vec *witnesses,
		      struct kc_analysis_stats *st)
{
	struct kc_findings structural = KC_FINDINGS_INIT;
	struct kc_vec changed = KC_VEC_INIT, touched = KC_VEC_INIT;
	struct kc_diff_found found = { KC_VEC_INIT, 0, false, KC_VEC_INIT };
	size_t solves = 0;

	diff_structure(old, new, o, &structural);
	touched_symbols(old, new, &structural, &changed, &touched);
	append(out, &structural);
	if (!o->structure_only) {
		solves = kc_diff_values(old, new, &changed, &touched,
					o->max_cone, out, witnesses, &found);
		if (o->old_kbuild && o->new_kbuild && o->keep)
			solves += kc_diff_builds(old, new, o, &found, out,
						 witnesses);
		if (o->old_rules && o->new_rules)
			diff_verdicts(old, new, o, &changed, out, witnesses);
		if (o->whole_model) {
			diff_selects(old, new, o, out, witnesses);
			diff_dead(old, new, o, out);
		}
	}
	if (o->config)
		kc_diff_config(old, new, o->config, out);
	if (st)
		st->solves = solves;
	kc_diff_found_free(&found);
	kc_vec_free(&changed);
	kc_vec_free(&touched);
}
