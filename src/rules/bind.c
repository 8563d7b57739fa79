/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bind.c - rules meet a model: overrides applied, each rule found to apply
 * or not (arch, kernel version, if-defined), the symbols of the rules that
 * apply looked up, their types checked, and their expressions parsed into
 * the model by kc_parse_expr(), the parser Kconfig files go through.
 *
 * A name in a rule is fine when the model defines it or when the model's
 * own Kconfig files refer to it (S390 in an x86_64 tree: the kernel reads
 * such a symbol as n, and so does the rule).  A name the model has never
 * heard of is an error, with the nearest defined name suggested: it is
 * most likely a misspelling.  Rules that do not apply are not looked up,
 * so a pack can name symbols of later kernels or other architectures in
 * rules limited to those.
 *
 * Nothing is parsed into the model until every rule has passed, so a bad
 * rule file leaves the model as it was.
 */
#include <stdarg.h>
#include <string.h>

#include "kc_frontend.h"
#include "rules_internal.h"

struct binder {
	struct kc_rules *r;
	struct kc_model *m;
	const struct kc_rules_target *t;
	struct kc_model *scratch;
	struct kc_diags *diags;
	int errors;
};

static bool is_number(const char *s)
{
	if (s[0] == '-')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		if (!*s)
			return false;
		for (; *s; s++)
			if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
			      (*s >= 'A' && *s <= 'F')))
				return false;
		return true;
	}
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool is_decimal(const char *s)
{
	return is_number(s) && !strchr(s, 'x') && !strchr(s, 'X');
}

static bool is_hex(const char *s)
{
	const char *p = s;

	if (is_number(s))
		return true;
	/* A hex symbol also takes digits without the 0x. */
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
		      (*p >= 'A' && *p <= 'F')))
			return false;
	return *s != '\0';
}

static bool is_tristate_const(const struct kc_symbol *s)
{
	return (s->flags & KC_SYM_CONST) && s->name[0] && !s->name[1] &&
	       strchr("ymn", s->name[0]);
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * Offset of 'name' in 'text': as a word outside quotes, or, for a quoted
 * constant, of the quote that opens it (0 when not found).
 */
static size_t word_offset(const char *text, const char *name)
{
	size_t n = strlen(name), i;
	char quote = 0;

	for (i = 0; text[i]; i++) {
		if (quote) {
			if (text[i] == '\\' && text[i + 1])
				i++;
			else if (text[i] == quote)
				quote = 0;
			continue;
		}
		if (text[i] == '"' || text[i] == '\'') {
			if (!strncmp(text + i + 1, name, n) &&
			    text[i + 1 + n] == text[i])
				return i;
			quote = text[i];
			continue;
		}
		if (!strncmp(text + i, name, n) && !word_char(text[i + n]) &&
		    (i == 0 || !word_char(text[i - 1])))
			return i;
	}
	return 0;
}

/* An error at the place of 'name' in an expression of rule x. */
static void error_at_name(struct binder *b, const struct rule *x, bool cond,
			  const char *name, const char *fmt, ...)
	KC_PRINTF(5, 6);

static void error_at_name(struct binder *b, const struct rule *x, bool cond,
			  const char *name, const char *fmt, ...)
{
	const struct ypos *pos = cond ? &x->cond_pos : &x->expr_pos;
	const char *text = cond ? x->pub.cond_text : x->pub.expr_text;
	int line, col;
	va_list ap;

	ypos_at(pos, word_offset(text, name), &line, &col);
	va_start(ap, fmt);
	kc_diags_vadd(b->diags, KC_SEV_ERROR, x->pub.file, line, col, fmt, ap);
	va_end(ap);
	b->errors++;
}

/* ---- names and types ----------------------------------------------------------- */

enum leaf_type {
	L_TRISTATE,	/* bool or tristate symbol, or y/m/n */
	L_UNTYPED,	/* a symbol the model only refers to: n */
	L_INT,
	L_HEX,
	L_STRING,	/* string symbol */
	L_NUMBER,	/* an unquoted number, which Kconfig reads as a symbol */
	L_TEXT,		/* a quoted constant */
	L_UNKNOWN,	/* not known to the model: reported already */
};

static enum leaf_type leaf_type(struct binder *b, const struct kc_symbol *s,
				const struct kc_symbol **real)
{
	const struct kc_symbol *ms;

	*real = NULL;
	if (is_tristate_const(s))
		return L_TRISTATE;
	if (s->flags & KC_SYM_CONST)
		return L_TEXT;
	if (is_number(s->name))
		return L_NUMBER;
	ms = kc_model_lookup(b->m, s->name);
	*real = ms;
	if (!ms)
		return L_UNKNOWN;
	switch (ms->type) {
	case KC_T_BOOL:
	case KC_T_TRISTATE:
		return L_TRISTATE;
	case KC_T_INT:
		return L_INT;
	case KC_T_HEX:
		return L_HEX;
	case KC_T_STRING:
		return L_STRING;
	default:
		return L_UNTYPED;
	}
}

static const char *type_words(enum leaf_type t)
{
	switch (t) {
	case L_INT:
		return "an int symbol";
	case L_HEX:
		return "a hex symbol";
	case L_STRING:
		return "a string symbol";
	default:
		return "a bool or tristate symbol";
	}
}

/* Every name must be known to the model; reports the unknown ones. */
static void check_names(struct binder *b, const struct rule *x, bool cond,
			const struct kc_expr *e)
{
	int i, n;

	switch (e->op) {
	case KC_E_NOT:
		check_names(b, x, cond, e->sub[0]);
		return;
	case KC_E_AND:
	case KC_E_OR:
		check_names(b, x, cond, e->sub[0]);
		check_names(b, x, cond, e->sub[1]);
		return;
	default:
		break;
	}
	n = e->op == KC_E_SYMBOL ? 1 : 2;
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = e->sym[i];
		const char *near;

		if ((s->flags & KC_SYM_CONST) || is_number(s->name) ||
		    kc_model_lookup(b->m, s->name))
			continue;
		near = kc_model_suggest(b->m, s->name);
		if (near)
			error_at_name(b, x, cond, s->name,
				      "rule '%s': symbol '%s' is not known to this Kconfig model; did you mean '%s'?",
				      x->pub.id, s->name, near);
		else
			error_at_name(b, x, cond, s->name,
				      "rule '%s': symbol '%s' is not known to this Kconfig model",
				      x->pub.id, s->name);
	}
}

static bool ordered(enum kc_expr_op op)
{
	return op == KC_E_LTH || op == KC_E_LEQ || op == KC_E_GTH ||
	       op == KC_E_GEQ;
}

/* One side of a comparison against the other side's type. */
static void check_compare(struct binder *b, const struct rule *x, bool cond,
			  const struct kc_expr *e, int i)
{
	const struct kc_symbol *s = e->sym[i], *o = e->sym[!i], *rs, *ro;
	enum leaf_type ts = leaf_type(b, s, &rs), to = leaf_type(b, o, &ro);

	if (ts == L_UNKNOWN || to == L_UNKNOWN)
		return;
	if (ts == L_TRISTATE && !(s->flags & KC_SYM_CONST)) {
		if (ordered(e->op)) {
			error_at_name(b, x, cond, s->name,
				      "rule '%s': %s is %s; compare it with = or !=, not an order",
				      x->pub.id, s->name, type_words(ts));
			return;
		}
		if (to == L_INT || to == L_HEX || to == L_STRING ||
		    to == L_NUMBER || to == L_TEXT)
			error_at_name(b, x, cond, s->name,
				      "rule '%s': %s is a bool or tristate symbol; compare it with y, m, n or another such symbol, not '%s'",
				      x->pub.id, s->name, o->name);
		return;
	}
	if (ts == L_INT || ts == L_HEX) {
		bool ok = to == L_INT || to == L_HEX || to == L_UNTYPED ||
			  ((to == L_NUMBER || to == L_TEXT) &&
			   (ts == L_INT ? is_decimal(o->name) : is_hex(o->name)));

		if (!ok)
			error_at_name(b, x, cond, s->name,
				      "rule '%s': %s is %s; compare it with a number, not '%s'",
				      x->pub.id, s->name, type_words(ts), o->name);
	}
}

/* Types: a condition must be a bool/tristate; comparisons must fit. */
static void check_types(struct binder *b, const struct rule *x, bool cond,
			const struct kc_expr *e)
{
	const struct kc_symbol *real;
	enum leaf_type t;

	switch (e->op) {
	case KC_E_NOT:
		check_types(b, x, cond, e->sub[0]);
		return;
	case KC_E_AND:
	case KC_E_OR:
		check_types(b, x, cond, e->sub[0]);
		check_types(b, x, cond, e->sub[1]);
		return;
	case KC_E_SYMBOL:
		t = leaf_type(b, e->sym[0], &real);
		if (t == L_TRISTATE || t == L_UNTYPED || t == L_UNKNOWN)
			return;
		if (t == L_TEXT || t == L_NUMBER)
			error_at_name(b, x, cond, e->sym[0]->name,
				      "rule '%s': the constant '%s' is not a condition (only y, m and n are)",
				      x->pub.id, e->sym[0]->name);
		else
			error_at_name(b, x, cond, e->sym[0]->name,
				      "rule '%s': %s is %s, and alone it is always n; compare it with a value",
				      x->pub.id, e->sym[0]->name, type_words(t));
		return;
	default:
		check_compare(b, x, cond, e, 0);
		check_compare(b, x, cond, e, 1);
		return;
	}
}

/* ---- applicability ----------------------------------------------------------------- */

static const char *why_not(struct binder *b, const struct rule *x)
{
	const struct kc_rules_target *t = b->t;
	struct kc_arena *a = b->r->arena;
	size_t i;

	if (x->pub.n_arches) {
		bool match = false;

		if (!t->arch)
			return "the model has no architecture (embedded model or --kconfig), and the rule is limited to some";
		for (i = 0; i < x->pub.n_arches; i++)
			if (!strcmp(x->pub.arches[i], t->arch) ||
			    (t->srcarch && !strcmp(x->pub.arches[i], t->srcarch)))
				match = true;
		if (!match) {
			char *s = kc_xasprintf("the rule is for other architectures than %s",
					       t->arch);
			char *kept = kc_arena_strdup(a, s);

			free(s);
			return kept;
		}
	}
	/* An unknown version applies the rule, with a note (check_rule). */
	if (x->n_bounds && t->kernel_version) {
		if (!kc_version_in_range(t->kernel_version, x->bounds,
					 x->n_bounds)) {
			char *s = kc_xasprintf("the rule is for kernel %s, the model is %s",
					       x->pub.kernel, t->kernel_version);
			char *kept = kc_arena_strdup(a, s);

			free(s);
			return kept;
		}
	}
	for (i = 0; i < x->n_if_defined; i++) {
		const struct kc_symbol *s = kc_model_lookup(b->m, x->if_defined[i]);

		if (!s || !(s->flags & KC_SYM_DEFINED)) {
			char *msg = kc_xasprintf("the model does not define %s",
						 x->if_defined[i]);
			char *kept = kc_arena_strdup(a, msg);

			free(msg);
			return kept;
		}
	}
	return NULL;
}

/* An expression that passed the loader's syntax check, into model m. */
static struct kc_expr *parse(struct binder *b, struct kc_model *m,
			     const struct rule *x, bool cond)
{
	struct kc_diags local = KC_DIAGS_INIT;
	const char *text = cond ? x->pub.cond_text : x->pub.expr_text;
	struct kc_expr *e = kc_parse_expr(m, text, x->pub.file, 1, 1, &local);

	if (!e || local.len) {
		kc_rules_place_diags(&local, x->pub.file,
				     cond ? &x->cond_pos : &x->expr_pos,
				     b->diags);
		b->errors++;
		e = NULL;
	}
	kc_diags_free(&local);
	return e;
}

/* A symbol the expression names that the model does not know, or NULL. */
static const char *unknown_name(struct binder *b, const struct kc_expr *e)
{
	const char *name;
	int i, n;

	if (!e)
		return NULL;
	switch (e->op) {
	case KC_E_NOT:
		return unknown_name(b, e->sub[0]);
	case KC_E_AND:
	case KC_E_OR:
		name = unknown_name(b, e->sub[0]);
		return name ? name : unknown_name(b, e->sub[1]);
	default:
		break;
	}
	n = e->op == KC_E_SYMBOL ? 1 : 2;
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = e->sym[i];

		if (!(s->flags & KC_SYM_CONST) && !is_number(s->name) &&
		    !kc_model_lookup(b->m, s->name))
			return s->name;
	}
	return NULL;
}

/*
 * A rule limited to some kernel versions, on a model whose version is
 * unknown: it applies, with a note saying so, unless it names symbols the
 * model does not have (a rule for another kernel line).  Returns true when
 * it was found not to apply.
 */
static bool unknown_version(struct binder *b, struct rule *x)
{
	struct kc_diags quiet = KC_DIAGS_INIT;
	struct kc_expr *e;
	const char *name = NULL;
	char *s;

	e = x->pub.cond_text ? kc_parse_expr(b->scratch, x->pub.cond_text,
					     x->pub.file, 1, 1, &quiet) : NULL;
	name = unknown_name(b, e);
	e = kc_parse_expr(b->scratch, x->pub.expr_text, x->pub.file, 1, 1,
			  &quiet);
	if (!name)
		name = unknown_name(b, e);
	kc_diags_free(&quiet);
	if (name) {
		s = kc_xasprintf("the model's kernel version is unknown, and it does not define %s (the rule is for kernel %s)",
				 name, x->pub.kernel);
		x->pub.status = KC_RULE_NOT_APPLICABLE;
		x->pub.why_not = kc_arena_strdup(b->r->arena, s);
		free(s);
		return true;
	}
	s = kc_xasprintf("the model's kernel version is unknown (--kernel-version X.Y says it); the rule is for kernel %s",
			 x->pub.kernel);
	x->pub.applies_note = kc_arena_strdup(b->r->arena, s);
	free(s);
	return false;
}

static void check_rule(struct binder *b, struct rule *x)
{
	const char *why = why_not(b, x);
	struct kc_expr *e;

	if (why) {
		x->pub.status = KC_RULE_NOT_APPLICABLE;
		x->pub.why_not = why;
		return;
	}
	x->pub.status = KC_RULE_APPLIES;
	if (x->n_bounds && !b->t->kernel_version && unknown_version(b, x))
		return;
	if (x->pub.kind == KC_RULE_IF_THEN) {
		e = parse(b, b->scratch, x, true);
		if (e) {
			int before = b->errors;

			check_names(b, x, true, e);
			if (b->errors == before)
				check_types(b, x, true, e);
		}
	}
	e = parse(b, b->scratch, x, false);
	if (e) {
		int before = b->errors;

		check_names(b, x, false, e);
		if (b->errors == before)
			check_types(b, x, false, e);
	}
}

static int apply_overrides(struct binder *b)
{
	size_t i;

	for (i = 0; i < b->r->overrides.len; i++) {
		const struct override *o = b->r->overrides.items[i];
		struct rule *x = (struct rule *)kc_rules_find(b->r, o->id);
		const char *near;

		if (!x) {
			near = kc_rules_suggest(b->r, o->id);
			kc_diags_add(b->diags, KC_SEV_ERROR, o->file, o->line,
				     o->col, "override of an unknown rule '%s'%s%s%s",
				     o->id, near ? "; did you mean '" : "",
				     near ? near : "", near ? "'?" : "");
			b->errors++;
			continue;
		}
		if (o->set_severity)
			x->pub.severity = o->severity;
		if (o->set_disabled) {
			char *s = kc_xasprintf("by the override at %s:%d",
					       o->file, o->line);

			x->pub.status = o->disabled ? KC_RULE_DISABLED :
						      KC_RULE_UNBOUND;
			x->pub.why_not = o->disabled ?
				kc_arena_strdup(b->r->arena, s) : NULL;
			free(s);
		}
	}
	return b->errors ? -1 : 0;
}

int kc_rules_bind(struct kc_rules *r, struct kc_model *m,
		  const struct kc_rules_target *t, struct kc_diags *diags)
{
	static const struct kc_rules_target none;
	struct binder b = { r, m, t ? t : &none, NULL, diags, 0 };
	size_t i, n_diags = diags->len;

	if (r->bound) {
		kc_diags_add(diags, KC_SEV_ERROR, NULL, 0, 0,
			     "rules are already bound to a model");
		return -1;
	}
	if (apply_overrides(&b) < 0)
		return -1;
	b.scratch = kc_model_new();
	for (i = 0; i < r->rules.len; i++) {
		struct rule *x = r->rules.items[i];

		if (x->pub.status != KC_RULE_DISABLED)
			check_rule(&b, x);
	}
	kc_model_free(b.scratch);
	ydoc_sort_diags(diags, n_diags);
	if (b.errors) {
		for (i = 0; i < r->rules.len; i++) {
			struct rule *x = r->rules.items[i];

			if (x->pub.status == KC_RULE_APPLIES)
				x->pub.status = KC_RULE_UNBOUND;
		}
		return -1;
	}
	/* Every rule passed: only now does the model take their symbols. */
	for (i = 0; i < r->rules.len; i++) {
		struct rule *x = r->rules.items[i];

		if (x->pub.status != KC_RULE_APPLIES)
			continue;
		if (x->pub.kind == KC_RULE_IF_THEN)
			x->pub.cond = parse(&b, m, x, true);
		x->pub.expr = parse(&b, m, x, false);
	}
	r->bound = true;
	return b.errors ? -1 : 0;
}
