/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * baseline.c - an earlier JSON report of check (docs/check-schema.md) as
 * the list of findings already known, so that a project can adopt the
 * tool and fail only on what is new.
 *
 * The report is read with libyaml: JSON as our writer (or jq) produces it
 * is valid YAML.  Keys the reader does not need are ignored, so reports
 * of later versions of the same schema still serve.
 *
 * The key of a finding is the one SARIF's partialFingerprints use: the
 * rule and the symbol, or the rule and the line for findings without a
 * symbol; the message is not part of it.  A .config is matched to the
 * report's entry with the same path, or, when there is none, to the
 * entries with the same file name (so a baseline taken in another folder
 * still serves).  Each known finding accepts one current finding.
 */
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

#define CHECK_SCHEMA "vfio-kconfig-check/check/1"

struct known {
	const char *config;
	const char *rule;
	const char *symbol;	/* NULL when the finding had none */
	int line;
};

struct kc_baseline {
	struct kc_arena *arena;
	struct known *items;
	size_t len, cap;
	struct kc_vec paths;	/* every config of the report */
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static const char *text_or_null(struct ydoc *d, yaml_node_t *n,
				const char *key, bool *ok,
				struct kc_diags *diags)
{
	if (!n || ydoc_is_null(n))
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		ydoc_error(d, n, diags, "'%s' must be a text or null, not %s",
			   key, ydoc_kind(n));
		*ok = false;
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static int read_finding(struct kc_baseline *b, struct ydoc *d,
			yaml_node_t *n, const char *config,
			struct kc_diags *diags)
{
	yaml_node_t *loc, *line;
	struct known *k;
	const char *rule, *symbol;
	bool ok = true;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_error(d, n, diags, "a finding must be a mapping, not %s",
				  ydoc_kind(n));
	rule = text_or_null(d, ydoc_get(d, n, "rule"), "rule", &ok, diags);
	symbol = text_or_null(d, ydoc_get(d, n, "symbol"), "symbol", &ok, diags);
	if (!ok)
		return -1;
	if (!rule)
		return ydoc_error(d, n, diags, "a finding without a 'rule'");
	KC_GROW(b->items, b->cap, b->len + 1);
	k = &b->items[b->len++];
	k->config = config;
	k->rule = kc_arena_strdup(b->arena, rule);
	k->symbol = symbol ? kc_arena_strdup(b->arena, symbol) : NULL;
	k->line = 0;
	loc = ydoc_get(d, n, "location");
	line = loc ? ydoc_get(d, loc, "line") : NULL;
	if (line && !ydoc_is_null(line)) {
		char *end;
		long v = line->type == YAML_SCALAR_NODE ?
			strtol((const char *)line->data.scalar.value, &end, 10) : -1;

		if (v < 1 || v > 100000000 || *end)
			return ydoc_error(d, line, diags,
					  "'line' must be a positive number or null");
		k->line = (int)v;
	}
	return 0;
}

static int read_config(struct kc_baseline *b, struct ydoc *d, yaml_node_t *n,
		       struct kc_diags *diags)
{
	yaml_node_t *findings;
	yaml_node_item_t *it;
	const char *path;
	bool ok = true;
	int ret = 0;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_error(d, n, diags, "a config must be a mapping, not %s",
				  ydoc_kind(n));
	path = text_or_null(d, ydoc_get(d, n, "path"), "path", &ok, diags);
	if (!ok)
		return -1;
	if (!path)
		return ydoc_error(d, n, diags, "a config without a 'path'");
	path = kc_arena_strdup(b->arena, path);
	kc_vec_push(&b->paths, (void *)path);
	findings = ydoc_get(d, n, "findings");
	if (!findings || findings->type != YAML_SEQUENCE_NODE)
		return ydoc_error(d, findings ? findings : n, diags,
				  "a config needs a list of 'findings'");
	for (it = findings->data.sequence.items.start;
	     it < findings->data.sequence.items.top; it++)
		ret |= read_finding(b, d, ydoc_node(d, *it), path, diags);
	return ret;
}

static int read_report(struct kc_baseline *b, struct ydoc *d,
		       struct kc_diags *diags)
{
	yaml_node_t *root = ydoc_root(d), *schema, *configs;
	yaml_node_item_t *it;
	int ret = 0;

	if (!root)
		return ydoc_error(d, NULL, diags, "the baseline is empty");
	if (root->type != YAML_MAPPING_NODE)
		return ydoc_error(d, root, diags,
				  "a baseline is a JSON report of check (--format json), not %s",
				  ydoc_kind(root));
	schema = ydoc_get(d, root, "schema");
	if (!schema || schema->type != YAML_SCALAR_NODE ||
	    strcmp((const char *)schema->data.scalar.value, CHECK_SCHEMA))
		return ydoc_error(d, schema ? schema : root, diags,
				  "a baseline is a JSON report of check with schema " CHECK_SCHEMA);
	configs = ydoc_get(d, root, "configs");
	if (!configs || configs->type != YAML_SEQUENCE_NODE)
		return ydoc_error(d, configs ? configs : root, diags,
				  "the report has no list of 'configs'");
	for (it = configs->data.sequence.items.start;
	     it < configs->data.sequence.items.top; it++)
		ret |= read_config(b, d, ydoc_node(d, *it), diags);
	return ret;
}

struct kc_baseline *kc_baseline_parse(const char *name, const char *text,
				      size_t len, struct kc_diags *diags)
{
	struct kc_baseline *b = kc_xcalloc(1, sizeof(*b));
	struct ydoc d;
	int ret;

	b->arena = kc_arena_new();
	if (memchr(text, '\0', len)) {
		kc_diags_add(diags, KC_SEV_ERROR, name, 0, 0,
			     "the baseline holds a NUL byte");
		kc_baseline_free(b);
		return NULL;
	}
	if (ydoc_load(&d, name, text, len, diags) < 0) {
		kc_baseline_free(b);
		return NULL;
	}
	ret = read_report(b, &d, diags);
	ydoc_free(&d);
	if (ret < 0) {
		kc_baseline_free(b);
		return NULL;
	}
	return b;
}

struct kc_baseline *kc_baseline_read(const struct kc_fs *fs, const char *path,
				     struct kc_diags *diags)
{
	struct kc_baseline *b;
	const char *why;
	char *data;
	size_t len;

	if (kc_fs_read(fs, path, &data, &len, &why) < 0) {
		kc_diags_add(diags, KC_SEV_ERROR, path, 0, 0,
			     "cannot read the baseline: %s", why);
		return NULL;
	}
	b = kc_baseline_parse(path, data, len, diags);
	free(data);
	return b;
}

void kc_baseline_free(struct kc_baseline *b)
{
	if (!b)
		return;
	free(b->items);
	kc_vec_free(&b->paths);
	kc_arena_free(b->arena);
	free(b);
}

struct apply_ctx {
	const struct kc_baseline *b;
	bool *taken;
	bool *mine;		/* entries of the report's matching config */
	size_t dropped;
};

static bool same_key(const struct known *k, const struct kc_finding *f)
{
	if (strcmp(k->rule, f->rule))
		return false;
	if (k->symbol || f->symbol)
		return k->symbol && f->symbol && !strcmp(k->symbol, f->symbol);
	return k->line == f->line;
}

static bool is_new(const struct kc_finding *f, void *p)
{
	struct apply_ctx *c = p;
	size_t i;

	for (i = 0; i < c->b->len; i++) {
		if (!c->mine[i] || c->taken[i] || !same_key(&c->b->items[i], f))
			continue;
		c->taken[i] = true;
		c->dropped++;
		return false;
	}
	return true;
}

size_t kc_baseline_apply(const struct kc_baseline *b, const char *config_path,
			 struct kc_findings *f)
{
	struct apply_ctx c = { b, NULL, NULL, 0 };
	bool exact = false;
	size_t i;

	if (!b || !b->len)
		return 0;
	for (i = 0; i < b->paths.len; i++)
		if (!strcmp(b->paths.items[i], config_path))
			exact = true;
	c.taken = kc_xcalloc(b->len, sizeof(*c.taken));
	c.mine = kc_xcalloc(b->len, sizeof(*c.mine));
	for (i = 0; i < b->len; i++)
		c.mine[i] = exact ? !strcmp(b->items[i].config, config_path) :
				    !strcmp(base_name(b->items[i].config),
					    base_name(config_path));
	kc_findings_filter(f, is_new, &c);
	free(c.taken);
	free(c.mine);
	return c.dropped;
}
