/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_sarif.c - findings as a SARIF 2.1.0 log (OASIS "Static Analysis
 * Results Interchange Format"), for code scanning services and IDEs.
 *
 * One run holds the results of every checked .config.  The driver lists
 * one reportingDescriptor per rule id the results use, in order of first
 * use, and each result's ruleIndex points into that list.
 *
 * Locations are URI references (SARIF 3.4.3): a relative path stays
 * relative, an absolute one becomes a file:// URI, and bytes outside
 * RFC 3986's unreserved set, '/' and the sub-delimiters are percent-encoded.
 * A .config path is given as the user wrote it (relative to where the tool
 * ran).  A note's Kconfig file is relative to the source tree: with a
 * srctree it gets uriBaseId "SRCROOT", defined in run.originalUriBaseIds.
 * A note that points into the finding's own file (or any checked .config)
 * is a .config location and gets no base.  Notes that point nowhere have
 * no location to give, so they become further lines of message.text.
 *
 * Policy rules (src/rules) carry their description with their findings
 * (struct kc_rule_info): their reportingDescriptor gets the rule's title
 * as shortDescription, its rationale as fullDescription and help, its
 * first reference as helpUri, and tags, scope and references as
 * properties.  A note pointing into a rule file is not a Kconfig file, so
 * it gets no SRCROOT base either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_report.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_BASE_ID "SRCROOT"
#define SARIF_FINGERPRINT "vfioKconfigCheck/v1"

/* The sentence a code scanning service shows for each Kconfig rule. */
static const struct {
	const char *id;
	const char *text;
} rule_descriptions[] = {
	{ KC_RULE_VALUE_CHANGED,
	  "An assignment in the .config resolves to a different value." },
	{ KC_RULE_NOT_WRITTEN,
	  "An assignment in the .config does not survive resolution: make olddefconfig would not write it." },
	{ KC_RULE_MISSING,
	  "A symbol the .config does not set would be written by resolution." },
	{ KC_RULE_UNKNOWN_SYMBOL,
	  "The .config sets a symbol that the Kconfig tree does not define." },
	{ KC_RULE_INVALID_VALUE,
	  "The .config assigns a value that is not valid for the symbol's type." },
	{ KC_RULE_IGNORED_VALUE,
	  "The .config line has a form that the kernel skips." },
	{ KC_RULE_DUPLICATE,
	  "A symbol is assigned more than once; the last assignment wins." },
	{ KC_RULE_MALFORMED_LINE,
	  "A line of the .config is neither an assignment nor a comment." },
	{ KC_RULE_CHOICE,
	  "A choice has no member or several members set." },
	{ KC_RULE_BUILD_MACHINE,
	  "The value depends on the build machine and is taken on trust." },
	{ KC_RULE_EMPTY,
	  "The .config has no assignment at all." },
	{ KC_RULE_OVERRIDE,
	  "A fragment sets again a symbol its base or an earlier fragment set." },
	{ KC_RULE_REDUNDANT,
	  "A defconfig line that make savedefconfig would not write." },
	{ KC_RULE_ORDER,
	  "A defconfig line out of make savedefconfig's order." },
	/* diff's module builds (src/analysis/diff_builds.c, docs/diff.md) */
	{ "diff/build-changed",
	  "The presence condition of an object or module changed as a formula: a valid configuration builds it differently with the new Makefiles." },
	{ "diff/build-newly-possible",
	  "An object or module can now be built in (or as a module): no valid configuration of the old Kconfig did it." },
	{ "diff/build-no-longer-possible",
	  "An object or module can no longer be built in (or as a module): some valid configuration of the old Kconfig did it." },
	{ "diff/build-with-new-pair",
	  "An object or module can be built with two values that no valid configuration of the old Kconfig had together." },
	{ "diff/build-not-compared",
	  "The presence conditions of the module builds could not be computed, so the builds were not compared." },
};

struct sarif_rule {
	const char *id;
	enum kc_severity level;	/* the most severe of its results */
	const struct kc_rule_info *info;	/* policy rules, else NULL */
};

struct sarif_rules {
	struct sarif_rule *items;
	size_t len;
	struct kc_map *index;	/* id -> position + 1 */
};

static const char *rule_id(const struct kc_finding *f)
{
	return f->rule ? f->rule : "unknown";
}

static const char *rule_description(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(rule_descriptions) / sizeof(rule_descriptions[0]);
	     i++) {
		if (!strcmp(id, rule_descriptions[i].id))
			return rule_descriptions[i].text;
	}
	return id;
}

static size_t rule_index(const struct sarif_rules *rules, const char *id)
{
	return (size_t)(uintptr_t)kc_map_get(rules->index, id) - 1;
}

static size_t count_findings(const struct kc_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_configs; i++)
		n += r->configs[i].findings ? r->configs[i].findings->len : 0;
	return n;
}

static void collect_rules(const struct kc_report *r, struct sarif_rules *rules)
{
	size_t n = count_findings(r);
	size_t i, k;

	rules->items = kc_xcalloc(n ? n : 1, sizeof(*rules->items));
	rules->len = 0;
	rules->index = kc_map_new(n);
	for (i = 0; i < r->n_configs; i++) {
		const struct kc_findings *f = r->configs[i].findings;

		for (k = 0; f && k < f->len; k++) {
			const char *id = rule_id(&f->items[k]);
			enum kc_severity sev = f->items[k].severity;
			uintptr_t pos = (uintptr_t)kc_map_get(rules->index, id);

			if (pos) {
				if (sev > rules->items[pos - 1].level)
					rules->items[pos - 1].level = sev;
				if (!rules->items[pos - 1].info)
					rules->items[pos - 1].info = f->items[k].info;
				continue;
			}
			rules->items[rules->len].id = id;
			rules->items[rules->len].level = sev;
			rules->items[rules->len].info = f->items[k].info;
			rules->len++;
			kc_map_put(rules->index, id, (void *)(uintptr_t)rules->len);
		}
	}
}

static void free_rules(struct sarif_rules *rules)
{
	free(rules->items);
	kc_map_free(rules->index);
}

/* RFC 3986 pchar less ':' (so a relative path never looks like a scheme). */
static bool uri_keeps(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c && strchr("-._~/!$&'()*+,;=@", c);
}

static void uri_encode(struct kc_buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if (uri_keeps(*p)) {
			kc_buf_addc(out, (char)*p);
			continue;
		}
		kc_buf_addc(out, '%');
		kc_buf_addc(out, hex[*p >> 4]);
		kc_buf_addc(out, hex[*p & 15]);
	}
}

/* A file path as a URI reference: relative stays relative. */
static void path_to_uri(struct kc_buf *out, const char *path)
{
	if (path[0] == '/')
		kc_buf_adds(out, "file://");
	uri_encode(out, path);
}

/*
 * The absolute form of 'dir' with "." and ".." segments removed the way
 * RFC 3986 5.2.4 removes them (lexically, no symlinks followed), ending
 * in '/'.  Returns false when the working directory is unknown.
 */
static bool absolute_dir(const char *dir, struct kc_buf *out)
{
	struct kc_buf full = KC_BUF_INIT;
	const char *p;

	if (dir[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return false;
		kc_buf_adds(&full, cwd);
		kc_buf_addc(&full, '/');
		free(cwd);
	}
	kc_buf_adds(&full, dir);

	kc_buf_addc(out, '/');
	for (p = kc_buf_str(&full); *p;) {
		const char *seg;
		size_t n;

		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			/* Drop the last segment; "/.." stays "/". */
			if (out->len > 1) {
				out->len--;
				while (out->data[out->len - 1] != '/')
					out->len--;
				out->data[out->len] = '\0';
			}
			continue;
		}
		kc_buf_add(out, seg, n);
		kc_buf_addc(out, '/');
	}
	kc_buf_free(&full);
	return true;
}

static void sarif_region(struct kc_json *j, int line)
{
	if (line <= 0)
		return;
	kc_json_key(j, "region");
	kc_json_begin_object(j);
	kc_json_kv_int(j, "startLine", line);
	kc_json_end_object(j);
}

/* "physicalLocation": { artifactLocation, region } */
static void sarif_physical(struct kc_json *j, struct kc_buf *scratch,
			   const char *path, const char *base_id, int line)
{
	kc_buf_reset(scratch);
	path_to_uri(scratch, path);
	kc_json_key(j, "physicalLocation");
	kc_json_begin_object(j);
	kc_json_key(j, "artifactLocation");
	kc_json_begin_object(j);
	kc_json_kv_string(j, "uri", kc_buf_str(scratch));
	if (base_id && path[0] != '/')
		kc_json_kv_string(j, "uriBaseId", base_id);
	kc_json_end_object(j);
	sarif_region(j, line);
	kc_json_end_object(j);
}

static void sarif_text(struct kc_json *j, const char *text)
{
	kc_json_key(j, "message");
	kc_json_begin_object(j);
	kc_json_kv_string(j, "text", text);
	kc_json_end_object(j);
}

/* Whether a note points into a checked .config rather than into Kconfig. */
static bool is_config_file(const struct kc_report *r, const char *finding_file,
			   const char *file)
{
	size_t i;

	if (finding_file && !strcmp(file, finding_file))
		return true;
	for (i = 0; i < r->n_configs; i++) {
		if (r->configs[i].path && !strcmp(file, r->configs[i].path))
			return true;
	}
	return false;
}

static size_t located_notes(const struct kc_finding *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n_notes; i++)
		n += f->notes[i].file != NULL;
	return n;
}

static void sarif_related(struct kc_json *j, struct kc_buf *scratch,
			  const struct kc_report *r, const struct kc_finding *f,
			  const char *file)
{
	size_t i, id = 0;

	if (!located_notes(f))
		return;
	kc_json_key(j, "relatedLocations");
	kc_json_begin_array(j);
	for (i = 0; i < f->n_notes; i++) {
		const struct kc_note *n = &f->notes[i];
		const char *base = NULL;

		if (!n->file)
			continue;
		if (r->srctree && !is_config_file(r, file, n->file) &&
		    !(f->info && f->info->file && !strcmp(n->file, f->info->file)))
			base = SARIF_BASE_ID;
		kc_json_begin_object(j);
		/* Ids keep the array's items unique, as the schema asks. */
		kc_json_kv_int(j, "id", (long long)++id);
		sarif_physical(j, scratch, n->file, base, n->line);
		sarif_text(j, n->message);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
}

static void sarif_result(struct kc_json *j, struct kc_buf *scratch,
			 const struct kc_report *r,
			 const struct sarif_rules *rules,
			 const struct kc_report_config *c,
			 const struct kc_finding *f)
{
	const char *file = f->file ? f->file : c->path;
	const char *id = rule_id(f);
	size_t i;

	kc_json_begin_object(j);
	kc_json_kv_string(j, "ruleId", id);
	kc_json_kv_int(j, "ruleIndex", (long long)rule_index(rules, id));
	kc_json_kv_string(j, "level", kc_severity_name(f->severity));

	kc_buf_reset(scratch);
	kc_buf_adds(scratch, f->message ? f->message : "");
	for (i = 0; i < f->n_notes; i++) {
		if (f->notes[i].file)
			continue;
		kc_buf_addc(scratch, '\n');
		kc_buf_adds(scratch, f->notes[i].message);
	}
	sarif_text(j, kc_buf_str(scratch));

	if (file) {
		kc_json_key(j, "locations");
		kc_json_begin_array(j);
		kc_json_begin_object(j);
		sarif_physical(j, scratch, file, NULL, f->line);
		kc_json_end_object(j);
		kc_json_end_array(j);
	}
	sarif_related(j, scratch, r, f, file);

	kc_buf_reset(scratch);
	if (f->symbol)
		kc_buf_addf(scratch, "%s:%s", id, f->symbol);
	else
		kc_buf_addf(scratch, "%s:%d", id, f->line);
	kc_json_key(j, "partialFingerprints");
	kc_json_begin_object(j);
	kc_json_kv_string(j, SARIF_FINGERPRINT, kc_buf_str(scratch));
	kc_json_end_object(j);
	kc_json_end_object(j);
}

static void sarif_strings(struct kc_json *j, const char *key,
			  const char *const *items, size_t n)
{
	size_t i;

	kc_json_key(j, key);
	kc_json_begin_array(j);
	for (i = 0; i < n; i++)
		kc_json_string(j, items[i]);
	kc_json_end_array(j);
}

/* What a policy rule says about itself, beyond its short description. */
static void sarif_rule_info(struct kc_json *j, const struct kc_rule_info *info)
{
	if (info->description) {
		kc_json_key(j, "fullDescription");
		kc_json_begin_object(j);
		kc_json_kv_string(j, "text", info->description);
		kc_json_end_object(j);
	}
	if (info->description || info->n_references) {
		struct kc_buf help = KC_BUF_INIT;
		size_t i;

		kc_buf_adds(&help, info->description ? info->description :
						       info->title);
		if (info->n_references)
			kc_buf_adds(&help, "\n\nReferences:");
		for (i = 0; i < info->n_references; i++)
			kc_buf_addf(&help, "\n%s", info->references[i]);
		kc_json_key(j, "help");
		kc_json_begin_object(j);
		kc_json_kv_string(j, "text", kc_buf_str(&help));
		kc_json_end_object(j);
		kc_buf_free(&help);
	}
	if (info->n_references)
		kc_json_kv_string(j, "helpUri", info->references[0]);
	if (!info->n_tags && !info->scope && !info->n_references)
		return;
	kc_json_key(j, "properties");
	kc_json_begin_object(j);
	if (info->n_tags)
		sarif_strings(j, "tags", info->tags, info->n_tags);
	if (info->scope)
		kc_json_kv_string(j, "scope", info->scope);
	if (info->n_references)
		sarif_strings(j, "references", info->references,
			      info->n_references);
	kc_json_end_object(j);
}

static void sarif_driver(struct kc_json *j, const struct kc_report *r,
			 const struct sarif_rules *rules)
{
	size_t i;

	kc_json_key(j, "tool");
	kc_json_begin_object(j);
	kc_json_key(j, "driver");
	kc_json_begin_object(j);
	kc_json_kv_string(j, "name", "vfio-kconfig-check");
	if (r->tool_version)
		kc_json_kv_string(j, "version", r->tool_version);
	kc_json_key(j, "rules");
	kc_json_begin_array(j);
	for (i = 0; i < rules->len; i++) {
		kc_json_begin_object(j);
		kc_json_kv_string(j, "id", rules->items[i].id);
		kc_json_key(j, "shortDescription");
		kc_json_begin_object(j);
		kc_json_kv_string(j, "text",
				  rules->items[i].info && rules->items[i].info->title ?
					  rules->items[i].info->title :
					  rule_description(rules->items[i].id));
		kc_json_end_object(j);
		if (rules->items[i].info)
			sarif_rule_info(j, rules->items[i].info);
		kc_json_key(j, "defaultConfiguration");
		kc_json_begin_object(j);
		kc_json_kv_string(j, "level",
				  kc_severity_name(rules->items[i].level));
		kc_json_end_object(j);
		kc_json_end_object(j);
	}
	kc_json_end_array(j);
	kc_json_end_object(j);
	kc_json_end_object(j);
}

static void sarif_base_ids(struct kc_json *j, struct kc_buf *scratch,
			   const struct kc_report *r)
{
	struct kc_buf dir = KC_BUF_INIT;

	if (!r->srctree || !absolute_dir(r->srctree, &dir))
		goto out;
	kc_buf_reset(scratch);
	path_to_uri(scratch, kc_buf_str(&dir));
	kc_json_key(j, "originalUriBaseIds");
	kc_json_begin_object(j);
	kc_json_key(j, SARIF_BASE_ID);
	kc_json_begin_object(j);
	kc_json_kv_string(j, "uri", kc_buf_str(scratch));
	kc_json_end_object(j);
	kc_json_end_object(j);
out:
	kc_buf_free(&dir);
}

void kc_report_sarif(const struct kc_report *r, struct kc_buf *out)
{
	struct kc_buf scratch = KC_BUF_INIT;
	struct sarif_rules rules;
	struct kc_json j;
	size_t i, k;

	collect_rules(r, &rules);
	kc_json_init(&j, out);
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "$schema", SARIF_SCHEMA);
	kc_json_kv_string(&j, "version", "2.1.0");
	kc_json_key(&j, "runs");
	kc_json_begin_array(&j);
	kc_json_begin_object(&j);
	sarif_driver(&j, r, &rules);
	sarif_base_ids(&j, &scratch, r);
	kc_json_key(&j, "results");
	kc_json_begin_array(&j);
	for (i = 0; i < r->n_configs; i++) {
		const struct kc_report_config *c = &r->configs[i];

		for (k = 0; c->findings && k < c->findings->len; k++)
			sarif_result(&j, &scratch, r, &rules, c,
				     &c->findings->items[k]);
	}
	kc_json_end_array(&j);
	kc_json_end_object(&j);
	kc_json_end_array(&j);
	kc_json_end_object(&j);
	kc_buf_free(&scratch);
	free_rules(&rules);
}
