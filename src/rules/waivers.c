/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * waivers.c - a YAML file of accepted findings: each waiver names a rule,
 * optionally a symbol and the .config files it covers, says why, and
 * until when.
 *
 *   waivers:
 *     - rule: vfio/noiommu
 *       symbol: VFIO_NOIOMMU
 *       config: "config.amd64_*"
 *       justification: DPDK on boards without an IOMMU
 *       expires: 2026-06-30
 *
 * A waiver in force (today is on or before 'expires') drops the findings
 * it matches from the report.  An expired one waives nothing and is
 * itself a finding (waiver/expired, a warning at its line in the waiver
 * file); one in force that matches nothing in a .config it covers is a
 * waiver/unused note, so stale waivers get noticed.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules_internal.h"

#define WAIVERS_SCHEMA "vfio-kconfig-check/waivers/1"

struct waiver {
	const char *rule;
	const char *symbol;	/* NULL: any symbol (and findings without one) */
	const char *config;	/* glob, NULL: every .config */
	const char *justification;
	const char *expires_text;
	long expires;
	int line, col;
};

struct kc_waivers {
	struct kc_arena *arena;
	const char *path;
	struct waiver *items;
	size_t len;
};

static const struct kc_rule_info expired_info = {
	.id = KC_RULE_WAIVER_EXPIRED,
	.title = "A waiver has expired: the findings it accepted count again.",
};

static const struct kc_rule_info unused_info = {
	.id = KC_RULE_WAIVER_UNUSED,
	.title = "A waiver matches no finding: it may be stale.",
};

/* ---- dates ------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long kc_date_parse(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	long y, m, d;
	int i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
	}
	if (s[10])
		return -1;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return -1;
	if (d > mdays[m - 1] +
		    (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	return days_from_civil(y, m, d);
}

long kc_date_today(void)
{
	return (long)(time(NULL) / 86400);
}

/* ---- reading -------------------------------------------------------------------- */

enum { W_RULE, W_SYMBOL, W_CONFIG, W_JUSTIFICATION, W_EXPIRES };

static int read_waiver(struct kc_waivers *w, struct ydoc *d, yaml_node_t *map,
		       struct waiver *x, struct kc_diags *diags)
{
	static const char *const keys[] = { "rule", "symbol", "config",
					    "justification", "expires", NULL };
	static const char *const required[] = { "rule", NULL, NULL,
						"justification", "expires" };
	struct yfields f;
	const char *t[5] = { NULL };
	int i, ret = 0;

	if (ydoc_fields(d, map, "a waiver", keys, &f, diags))
		return -1;
	x->line = ydoc_line(map);
	x->col = ydoc_col(map);
	for (i = 0; i < 5; i++) {
		if (!f.key[i]) {
			if (required[i])
				ret = ydoc_error(d, map, diags,
						 "a waiver needs '%s'",
						 required[i]);
			continue;
		}
		t[i] = ydoc_text(d, yfield(&f, i), keys[i], diags);
		if (!t[i])
			ret = -1;
	}
	if (ret)
		return -1;
	if (t[W_SYMBOL] && strspn(t[W_SYMBOL],
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") !=
				   strlen(t[W_SYMBOL]))
		return ydoc_error(d, yfield(&f, W_SYMBOL), diags,
				  "'symbol' takes a symbol name without CONFIG_, not '%s'",
				  t[W_SYMBOL]);
	x->expires = kc_date_parse(t[W_EXPIRES]);
	if (x->expires < 0)
		return ydoc_error(d, yfield(&f, W_EXPIRES), diags,
				  "'expires' must be a date YYYY-MM-DD, not '%s'",
				  t[W_EXPIRES]);
	x->rule = kc_arena_strdup(w->arena, t[W_RULE]);
	x->symbol = t[W_SYMBOL] ? kc_arena_strdup(w->arena, t[W_SYMBOL]) : NULL;
	x->config = t[W_CONFIG] ? kc_arena_strdup(w->arena, t[W_CONFIG]) : NULL;
	x->justification = kc_arena_strdup(w->arena, t[W_JUSTIFICATION]);
	x->expires_text = kc_arena_strdup(w->arena, t[W_EXPIRES]);
	return 0;
}

static int read_document(struct kc_waivers *w, struct ydoc *d,
			 struct kc_diags *diags)
{
	static const char *const keys[] = { "schema", "waivers", NULL };
	yaml_node_t *root = ydoc_root(d), *list;
	yaml_node_item_t *it;
	struct yfields f;
	const char *t;
	size_t n;
	int ret = 0;

	if (!root)
		return ydoc_error(d, NULL, diags,
				  "the waiver file is empty: it needs 'waivers'");
	if (ydoc_fields(d, root, "a waiver file", keys, &f, diags))
		return -1;
	if (f.key[0]) {
		t = ydoc_text(d, yfield(&f, 0), "schema", diags);
		if (!t)
			return -1;
		if (strcmp(t, WAIVERS_SCHEMA))
			return ydoc_error(d, yfield(&f, 0), diags,
					  "unknown schema '%s' (this version reads " WAIVERS_SCHEMA ")",
					  t);
	}
	if (!f.key[1])
		return ydoc_error(d, root, diags, "the waiver file has no 'waivers'");
	list = yfield(&f, 1);
	if (ydoc_is_null(list))
		return 0;
	if (list->type != YAML_SEQUENCE_NODE)
		return ydoc_error(d, list, diags,
				  "'waivers' must be a list (lines starting with '- '), not %s",
				  ydoc_kind(list));
	n = (size_t)(list->data.sequence.items.top -
		     list->data.sequence.items.start);
	w->items = kc_arena_alloc(w->arena, (n ? n : 1) * sizeof(*w->items));
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		if (read_waiver(w, d, ydoc_node(d, *it), &w->items[w->len],
				diags) < 0)
			ret = -1;
		else
			w->len++;
	}
	return ret;
}

struct kc_waivers *kc_waivers_parse(const char *name, const char *text,
				    size_t len, struct kc_diags *diags)
{
	struct kc_waivers *w = kc_xcalloc(1, sizeof(*w));
	struct ydoc d;
	int ret;

	w->arena = kc_arena_new();
	w->path = kc_arena_strdup(w->arena, name);
	if (memchr(text, '\0', len)) {
		kc_diags_add(diags, KC_SEV_ERROR, name, 0, 0,
			     "the waiver file holds a NUL byte");
		kc_waivers_free(w);
		return NULL;
	}
	if (ydoc_load(&d, w->path, text, len, diags) < 0) {
		kc_waivers_free(w);
		return NULL;
	}
	ret = read_document(w, &d, diags);
	ydoc_free(&d);
	if (ret < 0) {
		kc_waivers_free(w);
		return NULL;
	}
	return w;
}

struct kc_waivers *kc_waivers_read(const struct kc_fs *fs, const char *path,
				   struct kc_diags *diags)
{
	struct kc_waivers *w;
	const char *why;
	char *data;
	size_t len;

	if (kc_fs_read(fs, path, &data, &len, &why) < 0) {
		kc_diags_add(diags, KC_SEV_ERROR, path, 0, 0,
			     "cannot read the waiver file: %s", why);
		return NULL;
	}
	w = kc_waivers_parse(path, data, len, diags);
	free(data);
	return w;
}

void kc_waivers_free(struct kc_waivers *w)
{
	if (!w)
		return;
	kc_arena_free(w->arena);
	free(w);
}

/* ---- applying ------------------------------------------------------------------------ */

/* A glob without '/' also matches the base name: "config.*" covers a/config.x. */
static bool covers(const struct waiver *x, const char *path)
{
	const char *base;

	if (!x->config)
		return true;
	if (fnmatch(x->config, path, 0) == 0)
		return true;
	if (strchr(x->config, '/'))
		return false;
	base = strrchr(path, '/');
	return fnmatch(x->config, base ? base + 1 : path, 0) == 0;
}

static bool matches(const struct waiver *x, const struct kc_finding *f)
{
	if (strcmp(x->rule, f->rule))
		return false;
	return !x->symbol || (f->symbol && !strcmp(x->symbol, f->symbol));
}

struct apply_ctx {
	const struct kc_waivers *w;
	const char *path;
	long today;
	size_t *used;
};

static bool not_waived(const struct kc_finding *f, void *p)
{
	struct apply_ctx *c = p;
	size_t i;

	for (i = 0; i < c->w->len; i++) {
		const struct waiver *x = &c->w->items[i];

		if (c->today > x->expires || !covers(x, c->path) ||
		    !matches(x, f))
			continue;
		c->used[i]++;
		return false;
	}
	return true;
}

static void waiver_name(const struct waiver *x, struct kc_buf *out)
{
	kc_buf_addf(out, "the waiver of %s", x->rule);
	if (x->symbol)
		kc_buf_addf(out, " for %s", x->symbol);
}

void kc_waivers_apply(const struct kc_waivers *w, const char *config_path,
		      long today, struct kc_findings *f)
{
	struct apply_ctx c = { w, config_path, today, NULL };
	struct kc_buf name = KC_BUF_INIT;
	struct kc_finding *x;
	size_t i;

	if (!w || !w->len)
		return;
	c.used = kc_xcalloc(w->len, sizeof(*c.used));
	kc_findings_filter(f, not_waived, &c);
	for (i = 0; i < w->len; i++) {
		const struct waiver *v = &w->items[i];

		if (!covers(v, config_path))
			continue;
		kc_buf_reset(&name);
		waiver_name(v, &name);
		if (today > v->expires) {
			x = kc_findings_add(f, KC_RULE_WAIVER_EXPIRED,
					    KC_SEV_WARNING, v->symbol, w->path,
					    v->line,
					    "%s expired on %s; the findings it accepted count again",
					    kc_buf_str(&name), v->expires_text);
			x->info = &expired_info;
			kc_finding_note(x, NULL, 0, "justification: %s",
					v->justification);
		} else if (!c.used[i]) {
			x = kc_findings_add(f, KC_RULE_WAIVER_UNUSED,
					    KC_SEV_NOTE, v->symbol, w->path,
					    v->line,
					    "%s matches no finding of %s; is it still needed?",
					    kc_buf_str(&name), config_path);
			x->info = &unused_info;
		}
	}
	kc_buf_free(&name);
	free(c.used);
}
