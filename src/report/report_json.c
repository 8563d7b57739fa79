/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_json.c - findings as JSON, schema "vfio-kconfig-check/check/1".
 *
 * docs/check-schema.md describes every field; a change to the shape here
 * is a change to that document and, unless it only adds fields, a new
 * schema number.  Absent values are written as null rather than left out,
 * so every finding has the same keys.
 */
#include "kc_report.h"

#define KC_CHECK_SCHEMA "vfio-kconfig-check/check/1"

static void json_int_or_null(struct kc_json *j, const char *key, int v)
{
	kc_json_key(j, key);
	if (v > 0)
		kc_json_int(j, v);
	else
		kc_json_null(j);
}

static void json_summary(struct kc_json *j, size_t errors, size_t warnings,
			 size_t notes)
{
	kc_json_key(j, "summary");
	kc_json_begin_object(j);
	kc_json_kv_int(j, "errors", (long long)errors);
	kc_json_kv_int(j, "warnings", (long long)warnings);
	kc_json_kv_int(j, "notes", (long long)notes);
	kc_json_end_object(j);
}

static void json_note(struct kc_json *j, const struct kc_note *n)
{
	kc_json_begin_object(j);
	kc_json_kv_string(j, "message", n->message);
	kc_json_key(j, "location");
	kc_json_begin_object(j);
	kc_json_kv_string(j, "file", n->file);
	json_int_or_null(j, "line", n->file ? n->line : 0);
	kc_json_end_object(j);
	kc_json_end_object(j);
}

static void json_finding(struct kc_json *j, const struct kc_finding *f,
			 const char *config_path)
{
	size_t i;

	kc_json_begin_object(j);
	kc_json_kv_string(j, "rule", f->rule);
	kc_json_kv_string(j, "severity", kc_severity_name(f->severity));
	kc_json_kv_string(j, "reason", f->reason == KC_REASON_NONE ?
					       NULL : kc_reason_name(f->reason));
	kc_json_kv_string(j, "symbol", f->symbol);
	kc_json_kv_string(j, "message", f->message);

	kc_json_key(j, "location");
	kc_json_begin_object(j);
	kc_json_kv_string(j, "file", f->file ? f->file : config_path);
	json_int_or_null(j, "line", f->line);
	json_int_or_null(j, "column", f->line > 0 ? f->col : 0);
	kc_json_end_object(j);

	kc_json_kv_string(j, "assigned", f->assigned);
	kc_json_kv_string(j, "resolved", f->resolved);

	kc_json_key(j, "notes");
	kc_json_begin_array(j);
	for (i = 0; i < f->n_notes; i++)
		json_note(j, &f->notes[i]);
	kc_json_end_array(j);
	kc_json_end_object(j);
}

static void json_config(struct kc_json *j, const struct kc_report_config *c)
{
	const struct kc_report one = { .configs = c, .n_configs = 1 };
	size_t errors, warnings, notes;
	size_t i;

	kc_report_count(&one, &errors, &warnings, &notes);
	kc_json_begin_object(j);
	kc_json_kv_string(j, "path", c->path);
	kc_json_kv_string(j, "kind", c->kind);
	kc_json_kv_int(j, "outside_model", (long long)c->outside);
	kc_json_key(j, "findings");
	kc_json_begin_array(j);
	for (i = 0; c->findings && i < c->findings->len; i++)
		json_finding(j, &c->findings->items[i], c->path);
	kc_json_end_array(j);
	json_summary(j, errors, warnings, notes);
	kc_json_end_object(j);
}

void kc_report_json(const struct kc_report *r, struct kc_buf *out)
{
	size_t errors, warnings, notes;
	struct kc_json j;
	size_t i;

	kc_json_init(&j, out);
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "schema", KC_CHECK_SCHEMA);
	kc_json_key(&j, "tool");
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "name", "vfio-kconfig-check");
	kc_json_kv_string(&j, "version", r->tool_version);
	kc_json_end_object(&j);
	kc_json_kv_string(&j, "model", r->model);

	kc_json_key(&j, "configs");
	kc_json_begin_array(&j);
	for (i = 0; i < r->n_configs; i++)
		json_config(&j, &r->configs[i]);
	kc_json_end_array(&j);

	kc_report_count(r, &errors, &warnings, &notes);
	json_summary(&j, errors, warnings, notes);
	kc_json_end_object(&j);
}
