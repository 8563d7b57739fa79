/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * schema.c - what a rule file says: the schema of docs/rules.md checked key
 * by key on one YAML document (yamldoc.c), every rule expression parsed
 * once for its syntax, and the rule set that collects the result.  Where
 * the files come from (includes, builtin:, folders) is sources.c's
 * business; nothing here needs the model the rules will be checked
 * against, kc_rules_bind() (bind.c) does the rest.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_frontend.h"
#include "rules_internal.h"

#define RULES_SCHEMA "vfio-kconfig-check/rules/1"

/* ---- small checks ---------------------------------------------------------- */

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* "ns/name", parts of letters, digits, '-', '_', '.'; not reserved. */
static const char *bad_id(const char *id)
{
	const char *p;
	bool part_empty = true;

	if (!strncmp(id, "kconfig/", 8) || !strncmp(id, "waiver/", 7))
		return "the prefixes kconfig/ and waiver/ are the tool's own";
	for (p = id; *p; p++) {
		if (*p == '/') {
			if (part_empty)
				return "a part between '/' is empty";
			part_empty = true;
		} else if (is_id_char(*p)) {
			part_empty = false;
		} else {
			return "an id holds letters, digits, '-', '_', '.' and '/'";
		}
	}
	if (part_empty)
		return "a part between '/' is empty";
	return NULL;
}

static bool is_symbol_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool parse_severity(const char *s, enum kc_severity *out)
{
	if (!strcmp(s, "error"))
		*out = KC_SEV_ERROR;
	else if (!strcmp(s, "warning"))
		*out = KC_SEV_WARNING;
	else if (!strcmp(s, "note"))
		*out = KC_SEV_NOTE;
	else
		return false;
	return true;
}

static char *copy(struct rules_loader *ld, const char *s)
{
	return s ? kc_arena_strdup(ld->r->arena, s) : NULL;
}

static const char *const *copy_list(struct rules_loader *ld, const char **items,
				    size_t n)
{
	const char **out = kc_arena_alloc(ld->r->arena,
					  (n ? n : 1) * sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = copy(ld, items[i]);
	return out;
}

/* A copy without the line breaks and blanks a block scalar ends with. */
static char *trimmed(struct rules_loader *ld, const char *s)
{
	char *t = copy(ld, s);
	size_t n = strlen(t);

	while (n && (t[n - 1] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	return t;
}

/* ---- expressions --------------------------------------------------------------- */

/*
 * The expression text of a scalar: line breaks (from YAML folding or a
 * block scalar) become spaces, trailing blanks go, so that offsets into
 * the text still match the characters of the value.
 */
static char *expr_text(struct rules_loader *ld, const char *value)
{
	char *t = copy(ld, value), *p;
	size_t n;

	for (p = t; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	n = strlen(t);
	while (n && t[n - 1] == ' ')
		t[--n] = '\0';
	return t;
}

void kc_rules_place_diags(const struct kc_diags *local, const char *file,
			  const struct ypos *pos, struct kc_diags *diags)
{
	size_t i;

	for (i = 0; i < local->len; i++) {
		const struct kc_diag *x = &local->items[i];
		int line, col;

		/* The text was parsed as line 1 from column 1. */
		ypos_at(pos, x->col > 0 ? (size_t)(x->col - 1) : 0, &line, &col);
		kc_diags_add(diags, KC_SEV_ERROR, file, line, col, "%s",
			     x->message);
	}
}

/* The syntax of one expression; -1 after reporting. */
static int check_expr(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
		      const char *key, const char **text, struct ypos *pos)
{
	struct kc_diags local = KC_DIAGS_INIT;
	const char *value = ydoc_text(d, n, key, ld->diags);
	const char *dollar;
	char *t;
	int line, col;

	if (!value)
		return -1;
	ydoc_pos(d, n, pos);
	t = expr_text(ld, value);
	if (!*t)
		return ydoc_error(d, n, ld->diags, "'%s' is empty", key);
	dollar = strchr(t, '$');
	if (dollar) {
		ypos_at(pos, (size_t)(dollar - t), &line, &col);
		kc_diags_add(ld->diags, KC_SEV_ERROR, d->name, line, col,
			     "'%s': rule expressions do not expand macros ('$')",
			     key);
		return -1;
	}
	/* Warnings count too: a rule must say exactly what it means. */
	if (!kc_parse_expr(ld->scratch, t, d->name, 1, 1, &local) ||
	    local.len) {
		kc_rules_place_diags(&local, d->name, pos, ld->diags);
		if (!local.len)
			ydoc_error(d, n, ld->diags, "'%s' does not parse", key);
		kc_diags_free(&local);
		return -1;
	}
	kc_diags_free(&local);
	*text = t;
	return 0;
}

/* ---- the parts a rule and a file share: arch, kernel, if-defined ------------ */

struct limits {
	const char *const *arches;
	size_t n_arches;
	const char *kernel;
	struct version_bound *bounds;
	size_t n_bounds;
	const char *const *if_defined;
	size_t n_if_defined;
	bool have_arch, have_kernel, have_if_defined;
};

static int read_arch(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
		     struct limits *lim)
{
	const char **items;
	yaml_node_t **nodes;
	size_t count, i;
	int ret = ydoc_texts(d, n, "arch", &items, &nodes, &count, ld->diags);

	for (i = 0; ret == 0 && i < count; i++) {
		const char *near;

		if (kc_arch_known(items[i]))
			continue;
		near = kc_arch_suggest(items[i]);
		ydoc_error(d, nodes[i], ld->diags,
			   "unknown architecture '%s'%s%s%s", items[i],
			   near ? "; did you mean '" : "", near ? near : "",
			   near ? "'?" : " (use ARCH names: x86_64, arm64, s390, powerpc, ...)");
		ret = -1;
	}
	if (ret == 0 && !count)
		ret = ydoc_error(d, n, ld->diags, "'arch' is an empty list");
	if (ret == 0) {
		lim->arches = copy_list(ld, items, count);
		lim->n_arches = count;
		lim->have_arch = true;
	}
	free(items);
	free(nodes);
	return ret;
}

static int read_kernel(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
		       struct limits *lim)
{
	const char *text = ydoc_text(d, n, "kernel", ld->diags);

	if (!text)
		return -1;
	if (kc_version_parse_range(ld->r->arena, text, &lim->bounds,
				   &lim->n_bounds) < 0)
		return ydoc_error(d, n, ld->diags,
				  "'kernel' must be a version range such as \">=6.6\" or \">=6.2, <6.9\", not '%s'",
				  text);
	lim->kernel = copy(ld, text);
	lim->have_kernel = true;
	return 0;
}

static int read_if_defined(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
			   struct limits *lim)
{
	const char **items;
	yaml_node_t **nodes;
	size_t count, i;
	int ret = ydoc_texts(d, n, "if-defined", &items, &nodes, &count,
			     ld->diags);

	for (i = 0; ret == 0 && i < count; i++) {
		if (is_symbol_name(items[i]))
			continue;
		ydoc_error(d, nodes[i], ld->diags,
			   "'if-defined' takes symbol names, not '%s'", items[i]);
		ret = -1;
	}
	if (ret == 0) {
		lim->if_defined = copy_list(ld, items, count);
		lim->n_if_defined = count;
		lim->have_if_defined = true;
	}
	free(items);
	free(nodes);
	return ret;
}

/* ---- a rule ----------------------------------------------------------------------- */

enum {
	R_ID, R_TITLE, R_SEVERITY, R_SCOPE, R_FORBID, R_REQUIRE, R_IF, R_THEN,
	R_MESSAGE, R_RATIONALE, R_REFERENCES, R_TAGS, R_ARCH, R_KERNEL,
	R_IF_DEFINED,
};

static const char *const rule_keys[] = {
	"id", "title", "severity", "scope", "forbid", "require", "if", "then",
	"message", "rationale", "references", "tags", "arch", "kernel",
	"if-defined", NULL,
};

const struct rule *kc_rules_find_rule(const struct kc_rules *r, const char *id)
{
	return kc_map_get(r->by_id, id);
}

void kc_rules_reindex(struct kc_rules *r)
{
	size_t i;

	kc_map_free(r->by_id);
	r->by_id = kc_map_new(r->rules.len);
	for (i = 0; i < r->rules.len; i++) {
		struct rule *x = r->rules.items[i];

		kc_map_put(r->by_id, x->pub.id, x);
	}
}

static int read_id(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
		   const char **out)
{
	const char *id = ydoc_text(d, n, "id", ld->diags), *why;
	const struct rule *first;

	if (!id)
		return -1;
	why = bad_id(id);
	if (why)
		return ydoc_error(d, n, ld->diags, "bad rule id '%s': %s", id,
				  why);
	first = kc_rules_find_rule(ld->r, id);
	if (first)
		return ydoc_error(d, n, ld->diags,
				  "duplicate rule id '%s' (first defined at %s:%d:%d)",
				  id, first->pub.file, first->pub.line,
				  first->pub.col);
	*out = copy(ld, id);
	return 0;
}

static int read_condition(struct rules_loader *ld, struct ydoc *d,
			  yaml_node_t *map, const struct yfields *f,
			  struct rule *x)
{
	static const int forms[] = { R_FORBID, R_REQUIRE, R_IF };
	int i, given = -1, ret = 0;

	for (i = 0; i < 3; i++) {
		if (!f->key[forms[i]])
			continue;
		if (given >= 0)
			return ydoc_error(d, f->key[forms[i]], ld->diags,
					  "rule '%s' has both '%s' and '%s'; a rule has one of forbid, require, or if with then",
					  x->pub.id, rule_keys[given],
					  rule_keys[forms[i]]);
		given = forms[i];
	}
	if (given < 0) {
		if (f->key[R_THEN])
			return ydoc_error(d, f->key[R_THEN], ld->diags,
					  "'then' without 'if' in rule '%s'",
					  x->pub.id);
		return ydoc_error(d, map, ld->diags,
				  "rule '%s' has no condition: give forbid, require, or if with then",
				  x->pub.id);
	}
	if (given != R_IF && f->key[R_THEN])
		return ydoc_error(d, f->key[R_THEN], ld->diags,
				  "'then' goes with 'if', not with '%s', in rule '%s'",
				  rule_keys[given], x->pub.id);
	if (given == R_IF && !f->key[R_THEN])
		return ydoc_error(d, f->key[R_IF], ld->diags,
				  "'if' without 'then' in rule '%s'", x->pub.id);
	x->pub.kind = given == R_FORBID ? KC_RULE_FORBID :
		      given == R_REQUIRE ? KC_RULE_REQUIRE : KC_RULE_IF_THEN;
	if (given == R_IF) {
		x->cond_key = "if";
		ret |= check_expr(ld, d, yfield(f, R_IF), "if",
				  &x->pub.cond_text, &x->cond_pos);
		x->expr_key = "then";
		ret |= check_expr(ld, d, yfield(f, R_THEN), "then",
				  &x->pub.expr_text, &x->expr_pos);
	} else {
		x->expr_key = rule_keys[given];
		ret |= check_expr(ld, d, yfield(f, given), x->expr_key,
				  &x->pub.expr_text, &x->expr_pos);
	}
	return ret;
}

static int read_texts_into(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
			   const char *key, bool urls, const char *const **out,
			   size_t *count)
{
	const char **items;
	yaml_node_t **nodes;
	size_t i;
	int ret = ydoc_texts(d, n, key, &items, &nodes, count, ld->diags);

	for (i = 0; ret == 0 && urls && i < *count; i++) {
		if (!strncmp(items[i], "https://", 8) ||
		    !strncmp(items[i], "http://", 7))
			continue;
		ret = ydoc_error(d, nodes[i], ld->diags,
				 "a reference must be an http:// or https:// URL, not '%s'",
				 items[i]);
	}
	if (ret == 0)
		*out = copy_list(ld, items, *count);
	free(items);
	free(nodes);
	return ret;
}

static int read_rule(struct rules_loader *ld, struct ydoc *d, yaml_node_t *map,
		     const struct limits *file_lim)
{
	struct rule *x = kc_arena_alloc(ld->r->arena, sizeof(*x));
	struct limits lim = *file_lim;
	struct yfields f;
	const char *t;
	int ret = 0;

	/* Unknown keys are reported, and the rest is still checked. */
	if (ydoc_fields(d, map, "a rule", rule_keys, &f, ld->diags))
		ret = -1;
	if (map->type != YAML_MAPPING_NODE)
		return -1;
	x->pub.file = d->name;
	x->pub.line = ydoc_line(map);
	x->pub.col = ydoc_col(map);
	if (!f.key[R_ID])
		return ydoc_error(d, map, ld->diags, "a rule needs an 'id'");
	if (read_id(ld, d, yfield(&f, R_ID), &x->pub.id) < 0) {
		/* Bad or taken: check the rest under the name it was given. */
		ret = -1;
		x->pub.id = yfield(&f, R_ID)->type == YAML_SCALAR_NODE ?
			copy(ld, (const char *)yfield(&f, R_ID)->data.scalar.value) :
			"?";
	} else {
		/*
		 * Listed at once, so that a later rule with the same id is
		 * reported even when this one has errors (which drop the
		 * whole file anyway).
		 */
		kc_vec_push(&ld->r->rules, x);
		kc_map_put(ld->r->by_id, x->pub.id, x);
	}
	if (!f.key[R_TITLE])
		ret = ydoc_error(d, map, ld->diags, "rule '%s' has no 'title'",
				 x->pub.id);
	else if ((t = ydoc_text(d, yfield(&f, R_TITLE), "title", ld->diags)) &&
		 strchr(t, '\n'))
		ret = ydoc_error(d, yfield(&f, R_TITLE), ld->diags,
				 "'title' must be one line");
	else if (!t)
		ret = -1;
	else
		x->pub.title = copy(ld, t);

	if (!f.key[R_SEVERITY]) {
		ret = ydoc_error(d, map, ld->diags, "rule '%s' has no 'severity'",
				 x->pub.id);
	} else if (!(t = ydoc_text(d, yfield(&f, R_SEVERITY), "severity",
				   ld->diags))) {
		ret = -1;
	} else if (!parse_severity(t, &x->pub.severity)) {
		ret = ydoc_error(d, yfield(&f, R_SEVERITY), ld->diags,
				 "severity must be error, warning or note, not '%s'",
				 t);
	}

	if (!f.key[R_SCOPE]) {
		ret = ydoc_error(d, map, ld->diags,
				 "rule '%s' has no 'scope' (config or kconfig)",
				 x->pub.id);
	} else if (!(t = ydoc_text(d, yfield(&f, R_SCOPE), "scope", ld->diags))) {
		ret = -1;
	} else if (!strcmp(t, "config")) {
		x->pub.scope = KC_SCOPE_CONFIG;
	} else if (!strcmp(t, "kconfig")) {
		x->pub.scope = KC_SCOPE_KCONFIG;
	} else {
		ret = ydoc_error(d, yfield(&f, R_SCOPE), ld->diags,
				 "scope must be config or kconfig, not '%s'", t);
	}

	ret |= read_condition(ld, d, map, &f, x);

	if (f.key[R_MESSAGE]) {
		t = ydoc_text(d, yfield(&f, R_MESSAGE), "message", ld->diags);
		if (!t)
			ret = -1;
		x->pub.message = expr_text(ld, t ? t : "");
	}
	if (f.key[R_RATIONALE]) {
		t = ydoc_text(d, yfield(&f, R_RATIONALE), "rationale", ld->diags);
		if (!t)
			ret = -1;
		x->pub.rationale = trimmed(ld, t ? t : "");
	}
	if (f.key[R_REFERENCES])
		ret |= read_texts_into(ld, d, yfield(&f, R_REFERENCES),
				       "references", true,
				       &x->pub.info.references,
				       &x->pub.info.n_references);
	if (f.key[R_TAGS])
		ret |= read_texts_into(ld, d, yfield(&f, R_TAGS), "tags", false,
				       &x->pub.info.tags, &x->pub.info.n_tags);
	if (f.key[R_ARCH])
		ret |= read_arch(ld, d, yfield(&f, R_ARCH), &lim);
	if (f.key[R_KERNEL])
		ret |= read_kernel(ld, d, yfield(&f, R_KERNEL), &lim);
	if (f.key[R_IF_DEFINED])
		ret |= read_if_defined(ld, d, yfield(&f, R_IF_DEFINED), &lim);
	if (ret)
		return -1;

	x->pub.arches = lim.arches;
	x->pub.n_arches = lim.n_arches;
	x->pub.kernel = lim.kernel;
	x->bounds = lim.bounds;
	x->n_bounds = lim.n_bounds;
	x->if_defined = lim.if_defined;
	x->n_if_defined = lim.n_if_defined;
	x->pub.status = KC_RULE_UNBOUND;
	x->pub.info.id = x->pub.id;
	x->pub.info.title = x->pub.title;
	x->pub.info.description = x->pub.rationale;
	x->pub.info.scope = x->pub.scope == KC_SCOPE_CONFIG ? "config" :
							      "kconfig";
	x->pub.info.file = x->pub.file;
	x->pub.info.line = x->pub.line;
	return 0;
}

/* ---- overrides ------------------------------------------------------------------- */

static int read_override(struct rules_loader *ld, struct ydoc *d, yaml_node_t *map)
{
	static const char *const keys[] = { "id", "severity", "disabled", NULL };
	struct override *o = kc_arena_alloc(ld->r->arena, sizeof(*o));
	struct yfields f;
	const char *t;

	int ret = 0;

	/* Unknown keys are reported, and the rest is still checked. */
	if (ydoc_fields(d, map, "an override", keys, &f, ld->diags))
		ret = -1;
	if (map->type != YAML_MAPPING_NODE)
		return -1;
	if (!f.key[0])
		return ydoc_error(d, map, ld->diags, "an override needs the 'id' of a rule");
	t = ydoc_text(d, yfield(&f, 0), "id", ld->diags);
	if (!t)
		return -1;
	o->id = copy(ld, t);
	o->file = d->name;
	o->line = ydoc_line(yfield(&f, 0));
	o->col = ydoc_col(yfield(&f, 0));
	if (!f.key[1] && !f.key[2])
		return ydoc_error(d, map, ld->diags,
				  "the override of '%s' changes nothing: give 'severity' or 'disabled'",
				  o->id);
	if (f.key[1]) {
		t = ydoc_text(d, yfield(&f, 1), "severity", ld->diags);
		if (!t)
			return -1;
		if (!parse_severity(t, &o->severity))
			return ydoc_error(d, yfield(&f, 1), ld->diags,
					  "severity must be error, warning or note, not '%s'",
					  t);
		o->set_severity = true;
	}
	if (f.key[2]) {
		t = ydoc_text(d, yfield(&f, 2), "disabled", ld->diags);
		if (!t)
			return -1;
		if (strcmp(t, "true") && strcmp(t, "false"))
			return ydoc_error(d, yfield(&f, 2), ld->diags,
					  "'disabled' must be true or false, not '%s'",
					  t);
		o->set_disabled = true;
		o->disabled = !strcmp(t, "true");
	}
	if (ret == 0)
		kc_vec_push(&ld->r->overrides, o);
	return ret;
}

/* ---- a whole file ------------------------------------------------------------------- */

enum {
	F_SCHEMA, F_INCLUDE, F_OVERRIDES, F_ARCH, F_KERNEL, F_IF_DEFINED,
	F_RULES,
};

static const char *const file_keys[] = {
	"schema", "include", "overrides", "arch", "kernel", "if-defined",
	"rules", NULL,
};

static int read_includes(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
			 bool from_builtin)
{
	const char **items;
	yaml_node_t **nodes;
	size_t count, i;
	int ret = ydoc_texts(d, n, "include", &items, &nodes, &count,
			     ld->diags);

	for (i = 0; ret == 0 && i < count; i++)
		ret = kc_rules_load_include(ld, d, nodes[i], items[i],
					    from_builtin);
	free(items);
	free(nodes);
	return ret;
}

static int read_list(struct rules_loader *ld, struct ydoc *d, yaml_node_t *n,
		     const char *key, const struct limits *lim)
{
	yaml_node_item_t *it;
	int ret = 0;

	if (n->type != YAML_SEQUENCE_NODE) {
		if (ydoc_is_null(n))
			return 0;
		return ydoc_error(d, n, ld->diags,
				  "'%s' must be a list (lines starting with '- '), not %s",
				  key, ydoc_kind(n));
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *x = ydoc_node(d, *it);

		/* As a compiler does: a file this wrong says enough by now. */
		if (ld->diags->errors >= KC_RULES_MAX_ERRORS) {
			ydoc_error(d, x, ld->diags,
				   "too many errors (%d); stopping here",
				   KC_RULES_MAX_ERRORS);
			return -1;
		}
		if (lim)
			ret |= read_rule(ld, d, x, lim);
		else
			ret |= read_override(ld, d, x);
	}
	return ret;
}

int kc_rules_read_document(struct rules_loader *ld, struct ydoc *d,
			   bool from_builtin)
{
	yaml_node_t *root = ydoc_root(d);
	struct limits lim = { 0 };
	struct yfields f;
	const char *t;
	int ret = 0;

	if (!root)
		return ydoc_error(d, NULL, ld->diags,
				  "the rule file is empty: it needs 'rules', 'include' or 'overrides'");
	/* Unknown keys are reported, and the rest is still checked. */
	if (ydoc_fields(d, root, "a rule file", file_keys, &f, ld->diags))
		ret = -1;
	if (root->type != YAML_MAPPING_NODE)
		return -1;
	if (!f.key[F_INCLUDE] && !f.key[F_OVERRIDES] && !f.key[F_RULES])
		return ydoc_error(d, root, ld->diags,
				  "the rule file has no 'rules', 'include' or 'overrides'");
	if (f.key[F_SCHEMA]) {
		t = ydoc_text(d, yfield(&f, F_SCHEMA), "schema", ld->diags);
		if (!t)
			return -1;
		if (strcmp(t, RULES_SCHEMA))
			return ydoc_error(d, yfield(&f, F_SCHEMA), ld->diags,
					  "unknown schema '%s' (this version reads " RULES_SCHEMA ")",
					  t);
	}
	if (f.key[F_ARCH])
		ret |= read_arch(ld, d, yfield(&f, F_ARCH), &lim);
	if (f.key[F_KERNEL])
		ret |= read_kernel(ld, d, yfield(&f, F_KERNEL), &lim);
	if (f.key[F_IF_DEFINED])
		ret |= read_if_defined(ld, d, yfield(&f, F_IF_DEFINED), &lim);
	if (f.key[F_INCLUDE] &&
	    read_includes(ld, d, yfield(&f, F_INCLUDE), from_builtin) < 0)
		return -1;
	if (f.key[F_RULES])
		ret |= read_list(ld, d, yfield(&f, F_RULES), "rules", &lim);
	if (f.key[F_OVERRIDES])
		ret |= read_list(ld, d, yfield(&f, F_OVERRIDES), "overrides",
				 NULL);
	return ret;
}

/* ---- the rule set ------------------------------------------------------------------ */

struct kc_rules *kc_rules_new(void)
{
	struct kc_rules *r = kc_xcalloc(1, sizeof(*r));

	r->arena = kc_arena_new();
	r->by_id = kc_map_new(64);
	return r;
}

void kc_rules_free(struct kc_rules *r)
{
	if (!r)
		return;
	kc_vec_free(&r->rules);
	kc_map_free(r->by_id);
	kc_vec_free(&r->overrides);
	kc_vec_free(&r->files);
	kc_arena_free(r->arena);
	free(r);
}

size_t kc_rules_count(const struct kc_rules *r)
{
	return r->rules.len;
}

const struct kc_rule *kc_rules_at(const struct kc_rules *r, size_t i)
{
	return i < r->rules.len ? &((struct rule *)r->rules.items[i])->pub :
				  NULL;
}

const struct kc_rule *kc_rules_find(const struct kc_rules *r, const char *id)
{
	const struct rule *x = kc_rules_find_rule(r, id);

	return x ? &x->pub : NULL;
}

const char *kc_rules_suggest(const struct kc_rules *r, const char *id)
{
	const char *best = NULL;
	size_t best_d = strlen(id) / 3 + 2, i;

	for (i = 0; i < r->rules.len; i++) {
		const struct rule *x = r->rules.items[i];
		size_t d = kc_edit_distance(id, x->pub.id, best_d - 1);

		if (d < best_d) {
			best_d = d;
			best = x->pub.id;
		}
	}
	return best;
}
