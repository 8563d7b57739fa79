// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_rules.c - policy rules (src/rules/): reading rule files with
 * libyaml (every malformed case with its exact message and position),
 * includes and overrides, binding to a model (symbols, types,
 * applicability by arch, kernel version and if-defined), what a rule
 * reports on a .config (tristate semantics, the line it points at, the
 * notes), waivers, baselines, and the built-in packs against the
 * embedded models.
 *
 * Messages are compared in full, "FILE:LINE:COL: error: MESSAGE", as the
 * CLI prints them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_check.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_report.h"
#include "kc_rules.h"
#include "rules_internal.h"

/* ---- helpers ------------------------------------------------------------- */

struct mem_file {
	const char *name;
	const char *data;
};

struct mem_fs {
	struct kc_fs fs;
	const struct mem_file *files;
};

static int mem_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	struct mem_fs *mfs = ctx;
	const struct mem_file *f;

	for (f = mfs->files; f->name; f++) {
		if (strcmp(f->name, path))
			continue;
		*len = strlen(f->data);
		*data = kc_xstrdup(f->data);
		return 0;
	}
	*why = "No such file or directory";
	return -1;
}

/* A small tree with one symbol of each type, and one only referenced. */
static const struct mem_file small_tree[] = {
	{ "Kconfig",
	  "config MODULES\n"
	  "\tbool \"modules\"\n"
	  "\tmodules\n"
	  "\tdefault y\n"
	  "config TRI\n"
	  "\ttristate \"a tristate\"\n"
	  "config BOO\n"
	  "\tbool \"a bool\"\n"
	  "\tdepends on TRI || OTHER_ARCH\n"
	  "config NUM\n"
	  "\tint \"an int\"\n"
	  "\tdefault 4\n"
	  "config HEXA\n"
	  "\thex \"a hex\"\n"
	  "\tdefault 0x10\n"
	  "config STR\n"
	  "\tstring \"a string\"\n" },
	{ NULL, NULL },
};

static struct kc_model *parse_tree(const struct mem_file *files)
{
	struct mem_fs mfs = { { .read = mem_read }, files };
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;

	mfs.fs.ctx = &mfs;
	opt.fs = &mfs.fs;
	m = kc_parse(&opt, &d);
	assert_non_null(m);
	assert_int_equal(d.errors, 0);
	kc_diags_free(&d);
	return m;
}

static struct kc_model *embedded_model(const char *name)
{
	struct kc_embedded_fs efs;
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;

	assert_int_equal(kc_embedded_fs_init(&efs, name), 0);
	opt.fs = &efs.fs;
	m = kc_parse(&opt, &d);
	assert_non_null(m);
	kc_diags_free(&d);
	return m;
}

static int add(struct kc_rules *r, const char *name, const char *text,
	       struct kc_diags *d)
{
	return kc_rules_add_text(r, name, text, strlen(text), d);
}

/* The diagnostics, exactly: one formatted line each, in order. */
static void expect_diags(const struct kc_diags *d, ...)
{
	struct kc_buf line = KC_BUF_INIT;
	const char *want;
	size_t i = 0;
	va_list ap;

	va_start(ap, d);
	while ((want = va_arg(ap, const char *))) {
		if (i >= d->len)
			fail_msg("missing diagnostic: %s", want);
		kc_buf_reset(&line);
		kc_diag_format(&d->items[i], &line);
		if (strcmp(kc_buf_str(&line), want))
			fail_msg("diagnostic %zu:\n  got:  %s\n  want: %s", i,
				 kc_buf_str(&line), want);
		i++;
	}
	va_end(ap);
	if (i != d->len) {
		kc_buf_reset(&line);
		kc_diag_format(&d->items[i], &line);
		fail_msg("unexpected diagnostic: %s", kc_buf_str(&line));
	}
	kc_buf_free(&line);
}

/* One rule around an expression part; 'extra' is more keys. */
static char *rule_text(const char *cond_key, const char *expr,
		       const char *extra)
{
	return kc_xasprintf("rules:\n"
			    "  - id: t/r\n"
			    "    title: T\n"
			    "    severity: error\n"
			    "    scope: config\n"
			    "%s"
			    "    %s: %s\n",
			    extra ? extra : "", cond_key, expr);
}

/* Reads and binds one text; returns the bind result, diags in d. */
static int load_bind(struct kc_rules *r, struct kc_model *m,
		     const struct kc_rules_target *t, const char *text,
		     struct kc_diags *d)
{
	if (add(r, "t.yaml", text, d) < 0)
		return -2;
	return kc_rules_bind(r, m, t, d);
}

static struct kc_config *config(const char *text)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *c = kc_config_parse("t.config", text, strlen(text),
					      NULL, &d);

	assert_non_null(c);
	kc_diags_free(&d);
	return c;
}

/* ---- reading: a valid file ------------------------------------------------ */

static void test_read_valid(void **state)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	const struct kc_rule *x;

	(void)state;
	assert_int_equal(add(r, "t.yaml",
			     "schema: vfio-kconfig-check/rules/1\n"
			     "rules:\n"
			     "  - id: t/one\n"
			     "    title: One\n"
			     "    severity: warning\n"
			     "    scope: kconfig\n"
			     "    if: A\n"
			     "    then: B || C\n"
			     "    message: broken\n"
			     "    rationale: |\n"
			     "      why\n"
			     "    references: [https://example.org/a, http://example.org/b]\n"
			     "    tags: single\n"
			     "    arch: [x86, s390]\n"
			     "    kernel: \">=6.2, <6.9\"\n",
			     &d),
			 0);
	expect_diags(&d, NULL);
	assert_int_equal(kc_rules_count(r), 1);
	x = kc_rules_at(r, 0);
	assert_string_equal(x->id, "t/one");
	assert_string_equal(x->title, "One");
	assert_int_equal(x->severity, KC_SEV_WARNING);
	assert_int_equal(x->scope, KC_SCOPE_KCONFIG);
	assert_int_equal(x->kind, KC_RULE_IF_THEN);
	assert_string_equal(x->cond_text, "A");
	assert_string_equal(x->expr_text, "B || C");
	assert_string_equal(x->message, "broken");
	assert_string_equal(x->rationale, "why");
	assert_int_equal(x->info.n_references, 2);
	assert_string_equal(x->info.references[1], "http://example.org/b");
	assert_int_equal(x->info.n_tags, 1);
	assert_string_equal(x->info.tags[0], "single");
	assert_string_equal(x->info.scope, "kconfig");
	assert_int_equal(x->n_arches, 2);
	assert_string_equal(x->kernel, ">=6.2, <6.9");
	assert_string_equal(x->file, "t.yaml");
	assert_int_equal(x->line, 3);
	assert_int_equal(x->col, 5);
	assert_int_equal(x->status, KC_RULE_UNBOUND);
	assert_ptr_equal(kc_rules_find(r, "t/one"), x);
	assert_null(kc_rules_find(r, "t/two"));
	kc_diags_free(&d);
	kc_rules_free(r);
}

/* ---- reading: malformed files, message and position ---------------------- */

static void expect_load_error(const char *text, ...)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf line = KC_BUF_INIT;
	const char *want;
	size_t i = 0;
	va_list ap;

	assert_int_equal(add(r, "t.yaml", text, &d), -1);
	/* Never half-loaded. */
	assert_int_equal(kc_rules_count(r), 0);
	va_start(ap, text);
	while ((want = va_arg(ap, const char *))) {
		if (i >= d.len)
			fail_msg("missing diagnostic: %s", want);
		kc_buf_reset(&line);
		kc_diag_format(&d.items[i], &line);
		if (strcmp(kc_buf_str(&line), want))
			fail_msg("diagnostic %zu:\n  got:  %s\n  want: %s", i,
				 kc_buf_str(&line), want);
		i++;
	}
	va_end(ap);
	if (i != d.len) {
		kc_buf_reset(&line);
		kc_diag_format(&d.items[i], &line);
		fail_msg("unexpected diagnostic: %s", kc_buf_str(&line));
	}
	kc_buf_free(&line);
	kc_diags_free(&d);
	kc_rules_free(r);
}

static void test_yaml_errors(void **state)
{
	(void)state;
	expect_load_error("rules:\n  - id: [a\n",
			  "t.yaml:3:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence",
			  NULL);
	expect_load_error("rules:\n  - id: a\n   title: b\n",
			  "t.yaml:3:4: error: invalid YAML: did not find expected '-' indicator while parsing a block collection",
			  NULL);
	expect_load_error("rules:\n  - message: a: b\n",
			  "t.yaml:2:15: error: invalid YAML: mapping values are not allowed in this context; a text that holds ': ' must be quoted",
			  NULL);
	expect_load_error("rules:\n  - id: a\n    kernel: >=6.6\n",
			  "t.yaml:3:14: error: invalid YAML: did not find expected comment or line break while scanning a block scalar; a value that starts with '>' or '|' must be quoted, as in kernel: \">=6.6\"",
			  NULL);
	expect_load_error("rules: []\n---\nrules: []\n",
			  "t.yaml:2:1: error: a second YAML document; the file must hold one",
			  NULL);
	expect_load_error("", "t.yaml: error: the rule file is empty: it needs 'rules', 'include' or 'overrides'",
			  NULL);
	expect_load_error("# nothing\n",
			  "t.yaml: error: the rule file is empty: it needs 'rules', 'include' or 'overrides'",
			  NULL);
	expect_load_error("- a\n",
			  "t.yaml:1:1: error: a rule file must be a mapping (key: value lines), not a list",
			  NULL);
	expect_load_error("schema: x\n",
			  "t.yaml:1:1: error: the rule file has no 'rules', 'include' or 'overrides'",
			  NULL);
	expect_load_error("schema: vfio-kconfig-check/rules/2\nrules: []\n",
			  "t.yaml:1:9: error: unknown schema 'vfio-kconfig-check/rules/2' (this version reads vfio-kconfig-check/rules/1)",
			  NULL);
	expect_load_error("rules: {a: b}\n",
			  "t.yaml:1:8: error: 'rules' must be a list (lines starting with '- '), not a mapping",
			  NULL);
	expect_load_error("rules:\n  - just text\n",
			  "t.yaml:2:5: error: a rule must be a mapping (key: value lines), not a text",
			  NULL);
	expect_load_error("rules:\n  - ? [a]\n    : b\n",
			  "t.yaml:2:5: error: a rule needs an 'id'",
			  "t.yaml:2:7: error: a key of a rule must be a text, not a list",
			  NULL);
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect_load_error("rulez: []\nrules: []\n",
			  "t.yaml:1:1: error: unknown key 'rulez' in a rule file; did you mean 'rules'?",
			  NULL);
	expect_load_error("rules:\n"
			  "  - id: t/a\n"
			  "    title: A\n"
			  "    severity: error\n"
			  "    scope: config\n"
			  "    forbid: VFIO\n"
			  "    refrences: [https://x.org]\n"
			  "    colour: red\n",
			  "t.yaml:7:5: error: unknown key 'refrences' in a rule; did you mean 'references'?",
			  "t.yaml:8:5: error: unknown key 'colour' in a rule",
			  NULL);
	expect_load_error("rules:\n"
			  "  - id: t/a\n"
			  "    title: A\n"
			  "    title: B\n"
			  "    severity: error\n"
			  "    scope: config\n"
			  "    forbid: VFIO\n",
			  "t.yaml:4:5: error: 'title' is given twice in a rule (first at line 3)",
			  NULL);
	expect_load_error("overrides:\n  - id: a\n    severty: error\n",
			  "t.yaml:2:5: error: the override of 'a' changes nothing: give 'severity' or 'disabled'",
			  "t.yaml:3:5: error: unknown key 'severty' in an override; did you mean 'severity'?",
			  NULL);
}

static void test_missing_fields(void **state)
{
	(void)state;
	expect_load_error("rules:\n  - title: A\n    severity: note\n    scope: config\n    forbid: A\n",
			  "t.yaml:2:5: error: a rule needs an 'id'", NULL);
	expect_load_error("rules:\n  - id: t/a\n    forbid: A\n",
			  "t.yaml:2:5: error: rule 't/a' has no 'title'",
			  "t.yaml:2:5: error: rule 't/a' has no 'severity'",
			  "t.yaml:2:5: error: rule 't/a' has no 'scope' (config or kconfig)",
			  NULL);
	expect_load_error("rules:\n  - id: t/a\n    title: A\n    severity: note\n    scope: config\n",
			  "t.yaml:2:5: error: rule 't/a' has no condition: give forbid, require, or if with then",
			  NULL);
	expect_load_error("rules:\n  - id: t/a\n    title:\n    severity: note\n    scope: config\n    forbid: A\n",
			  "t.yaml:3:11: error: 'title' is empty", NULL);
	expect_load_error("overrides:\n  - severity: note\n",
			  "t.yaml:2:5: error: an override needs the 'id' of a rule",
			  NULL);
}

static void test_conditions(void **state)
{
	char *t;

	(void)state;
	t = rule_text("require", "B", "    forbid: A\n");
	expect_load_error(t, "t.yaml:7:5: error: rule 't/r' has both 'forbid' and 'require'; a rule has one of forbid, require, or if with then",
			  NULL);
	free(t);
	t = rule_text("if", "A", NULL);
	expect_load_error(t, "t.yaml:6:5: error: 'if' without 'then' in rule 't/r'",
			  NULL);
	free(t);
	t = rule_text("then", "A", NULL);
	expect_load_error(t, "t.yaml:6:5: error: 'then' without 'if' in rule 't/r'",
			  NULL);
	free(t);
	t = rule_text("then", "A", "    forbid: B\n");
	expect_load_error(t, "t.yaml:7:5: error: 'then' goes with 'if', not with 'forbid', in rule 't/r'",
			  NULL);
	free(t);
	t = rule_text("forbid", "[A]", NULL);
	expect_load_error(t, "t.yaml:6:13: error: 'forbid' must be a text, not a list",
			  NULL);
	free(t);
	t = rule_text("forbid", "''", NULL);
	expect_load_error(t, "t.yaml:6:13: error: 'forbid' is empty", NULL);
	free(t);
}

static void test_bad_values(void **state)
{
	char *t;

	(void)state;
	t = rule_text("forbid", "A", "    arch: arm65\n");
	expect_load_error(t, "t.yaml:6:11: error: unknown architecture 'arm65'; did you mean 'arm64'?",
			  NULL);
	free(t);
	t = rule_text("forbid", "A", "    arch: []\n");
	expect_load_error(t, "t.yaml:6:11: error: 'arch' is an empty list", NULL);
	free(t);
	t = rule_text("forbid", "A", "    kernel: \"> 6.x\"\n");
	expect_load_error(t, "t.yaml:6:13: error: 'kernel' must be a version range such as \">=6.6\" or \">=6.2, <6.9\", not '> 6.x'",
			  NULL);
	free(t);
	t = rule_text("forbid", "A", "    if-defined: [VFIO, CONFIG-X]\n");
	expect_load_error(t, "t.yaml:6:24: error: 'if-defined' takes symbol names, not 'CONFIG-X'",
			  NULL);
	free(t);
	t = rule_text("forbid", "A", "    references: [ftp://x]\n");
	expect_load_error(t, "t.yaml:6:18: error: a reference must be an http:// or https:// URL, not 'ftp://x'",
			  NULL);
	free(t);
	t = rule_text("forbid", "A", "    tags: [a, [b]]\n");
	expect_load_error(t, "t.yaml:6:15: error: an item of 'tags' must be a text, not a list",
			  NULL);
	free(t);
	t = rule_text("forbid", "A", "    title: |\n      two\n      lines\n");
	expect_load_error(t, "t.yaml:6:5: error: 'title' is given twice in a rule (first at line 3)",
			  NULL);
	free(t);
	expect_load_error("rules:\n  - id: t/a\n    title: |\n      two\n      lines\n    severity: note\n    scope: config\n    forbid: A\n",
			  "t.yaml:3:12: error: 'title' must be one line", NULL);
	expect_load_error("rules:\n  - id: kconfig/mine\n    title: A\n    severity: note\n    scope: config\n    forbid: A\n",
			  "t.yaml:2:9: error: bad rule id 'kconfig/mine': the prefixes kconfig/ and waiver/ are the tool's own",
			  NULL);
	expect_load_error("rules:\n  - id: a//b\n    title: A\n    severity: note\n    scope: config\n    forbid: A\n",
			  "t.yaml:2:9: error: bad rule id 'a//b': a part between '/' is empty",
			  NULL);
	expect_load_error("overrides:\n  - id: a\n    disabled: yes\n",
			  "t.yaml:3:15: error: 'disabled' must be true or false, not 'yes'",
			  NULL);
	expect_load_error("overrides:\n  - id: a\n    severity: high\n",
			  "t.yaml:3:15: error: severity must be error, warning or note, not 'high'",
			  NULL);
}

static void test_duplicate_ids(void **state)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	char *t = rule_text("forbid", "A", NULL);

	(void)state;
	expect_load_error("rules:\n"
			  "  - id: t/a\n    title: A\n    severity: note\n    scope: config\n    forbid: A\n"
			  "  - id: t/a\n    title: B\n    severity: note\n    scope: config\n    forbid: B\n",
			  "t.yaml:7:9: error: duplicate rule id 't/a' (first defined at t.yaml:2:5)",
			  NULL);
	/* Across files: the second file is refused as a whole. */
	assert_int_equal(add(r, "first.yaml", t, &d), 0);
	assert_int_equal(add(r, "second.yaml", t, &d), -1);
	expect_diags(&d, "second.yaml:2:9: error: duplicate rule id 't/r' (first defined at first.yaml:2:5)",
		     NULL);
	assert_int_equal(kc_rules_count(r), 1);
	free(t);
	kc_diags_free(&d);
	kc_rules_free(r);
}

/* Syntax errors at the character where parsing stopped, in each style. */
static void test_expression_syntax(void **state)
{
	char *t;

	(void)state;
	t = rule_text("forbid", "A && (B ||", NULL);
	expect_load_error(t, "t.yaml:6:23: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line",
			  NULL);
	free(t);
	t = rule_text("require", "\"A = = y\"", NULL);
	expect_load_error(t, "t.yaml:6:19: error: syntax error: expected a symbol or a constant, found '='",
			  NULL);
	free(t);
	t = rule_text("forbid", "'A && ''x'' B'", NULL);
	expect_load_error(t, "t.yaml:6:25: error: syntax error: expected the end of the expression, found 'B'",
			  NULL);
	free(t);
	/* A plain value over two lines. */
	t = rule_text("forbid", "A &&\n      B C", NULL);
	expect_load_error(t, "t.yaml:7:9: error: syntax error: expected the end of the expression, found 'C'",
			  NULL);
	free(t);
	/* A literal block: the lines are joined with blanks. */
	t = rule_text("require", "|\n      A ||\n      (B && )", NULL);
	expect_load_error(t, "t.yaml:8:13: error: syntax error: expected a symbol, a constant, '!' or '(', found ')'",
			  NULL);
	free(t);
	t = rule_text("forbid", "A & B", NULL);
	expect_load_error(t, "t.yaml:6:15: error: ignoring unsupported character '&'",
			  "t.yaml:6:17: error: syntax error: expected the end of the expression, found 'B'",
			  NULL);
	free(t);
	/* A leading '!' is a YAML tag: the value must be quoted. */
	t = rule_text("require", "!VFIO_GROUP", NULL);
	expect_load_error(t, "t.yaml:6:14: error: 'require': YAML reads '!VFIO_GROUP' as a tag, not as text; quote the value, as in require: \"!VFIO_GROUP ...\"",
			  NULL);
	free(t);
	t = rule_text("forbid", "A && $(B)", NULL);
	expect_load_error(t, "t.yaml:6:18: error: 'forbid': rule expressions do not expand macros ('$')",
			  NULL);
	free(t);
	/* The 'if' of an if/then is checked too. */
	t = rule_text("then", "B", "    if: (A\n");
	expect_load_error(t, "t.yaml:6:11: error: syntax error: expected ')', found end of line",
			  NULL);
	free(t);
}

/* ---- includes and overrides ------------------------------------------------ */

static void test_includes_and_overrides(void **state)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m = embedded_model("vfio-6.6");
	struct kc_rules_target t = { NULL, NULL, "6.6" };
	const struct kc_rule *x;

	(void)state;
	/* The built-in pack first, then a file that includes it again. */
	assert_int_equal(kc_rules_add(r, "builtin:vfio", &d), 0);
	assert_int_equal(kc_rules_add(r, KC_TEST_FIXTURES "/rules/include/main.yaml",
				      &d), 0);
	expect_diags(&d, NULL);
	assert_int_equal(kc_rules_count(r), 11);
	x = kc_rules_at(r, 9);
	assert_string_equal(x->id, "site/pci-core-module");
	assert_string_equal(x->file,
			    KC_TEST_FIXTURES "/rules/include/parts/local.yaml");
	assert_int_equal(kc_rules_bind(r, m, &t, &d), 0);
	expect_diags(&d, NULL);
	x = kc_rules_find(r, "vfio/noiommu");
	assert_int_equal(x->severity, KC_SEV_ERROR);
	assert_int_equal(x->status, KC_RULE_APPLIES);
	x = kc_rules_find(r, "vfio/no-iommufd");
	assert_int_equal(x->status, KC_RULE_DISABLED);
	assert_string_equal(x->why_not, "by the override at " KC_TEST_FIXTURES
			    "/rules/include/main.yaml:10");
	assert_null(x->expr);
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

static void test_include_errors(void **state)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;

	(void)state;
	assert_int_equal(kc_rules_add(r, KC_TEST_FIXTURES "/rules/bad/include-cycle.yaml",
				      &d), -1);
	expect_diags(&d, KC_TEST_FIXTURES "/rules/bad/include-cycle-2.yaml:3:5: error: '"
		     KC_TEST_FIXTURES "/rules/bad/include-cycle.yaml' includes itself (through 2 files)",
		     NULL);
	kc_diags_free(&d);
	assert_int_equal(add(r, "t.yaml", "include: [builtin:nosuch]\n", &d), -1);
	expect_diags(&d, "t.yaml:1:11: error: no built-in rule pack 'nosuch'",
		     NULL);
	kc_diags_free(&d);
	assert_int_equal(add(r, "dir/t.yaml", "include:\n  - gone.yaml\n", &d),
			 -1);
	expect_diags(&d, "dir/t.yaml:2:5: error: cannot read the included file 'dir/gone.yaml': No such file or directory",
		     NULL);
	kc_diags_free(&d);
	assert_int_equal(kc_rules_add(r, "/nonexistent/rules.yaml", &d), -1);
	expect_diags(&d, "/nonexistent/rules.yaml: error: cannot read the rule file: No such file or directory",
		     NULL);
	kc_diags_free(&d);
	assert_int_equal(kc_rules_count(r), 0);
	kc_rules_free(r);
}

static void test_override_unknown(void **state)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m = embedded_model("vfio-6.6");

	(void)state;
	assert_int_equal(kc_rules_add(r, "builtin:vfio", &d), 0);
	assert_int_equal(add(r, "o.yaml", "overrides:\n  - id: vfio/noiommmu\n    disabled: true\n", &d),
			 0);
	assert_int_equal(kc_rules_bind(r, m, NULL, &d), -1);
	expect_diags(&d, "o.yaml:2:9: error: override of an unknown rule 'vfio/noiommmu'; did you mean 'vfio/noiommu'?",
		     NULL);
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

/* ---- binding: symbols, types, applicability --------------------------------- */

static void expect_bind_error(struct kc_model *m, const char *text, ...)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf line = KC_BUF_INIT;
	size_t before = kc_model_symbol_count(m), i = 0;
	const char *want;
	va_list ap;

	assert_int_equal(load_bind(r, m, NULL, text, &d), -1);
	/* A refused rule set leaves the model as it was. */
	assert_int_equal(kc_model_symbol_count(m), before);
	va_start(ap, text);
	while ((want = va_arg(ap, const char *))) {
		if (i >= d.len)
			fail_msg("missing diagnostic: %s", want);
		kc_buf_reset(&line);
		kc_diag_format(&d.items[i], &line);
		if (strcmp(kc_buf_str(&line), want))
			fail_msg("diagnostic %zu:\n  got:  %s\n  want: %s", i,
				 kc_buf_str(&line), want);
		i++;
	}
	va_end(ap);
	assert_int_equal(i, d.len);
	kc_buf_free(&line);
	kc_diags_free(&d);
	kc_rules_free(r);
}

static void test_bind_symbols(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	char *t;

	(void)state;
	t = rule_text("forbid", "TRI && TRII", NULL);
	expect_bind_error(m, t, "t.yaml:6:20: error: rule 't/r': symbol 'TRII' is not known to this Kconfig model; did you mean 'TRI'?",
			  NULL);
	free(t);
	t = rule_text("then", "BOO", "    if: >-\n      TRI &&\n      ZZZZZZZZZZZZ\n");
	expect_bind_error(m, t, "t.yaml:8:7: error: rule 't/r': symbol 'ZZZZZZZZZZZZ' is not known to this Kconfig model",
			  NULL);
	free(t);
	/* Only referenced by the tree (an other architecture's symbol): n. */
	t = rule_text("forbid", "OTHER_ARCH || NUM > 3 || HEXA = 0x10 || STR = \"x\"", NULL);
	assert_int_equal(load_bind(r, m, NULL, t, &d), 0);
	expect_diags(&d, NULL);
	assert_int_equal(kc_rules_at(r, 0)->status, KC_RULE_APPLIES);
	assert_non_null(kc_rules_at(r, 0)->expr);
	free(t);
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

static void test_bind_types(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	char *t;

	(void)state;
	t = rule_text("forbid", "TRI && NUM", NULL);
	expect_bind_error(m, t, "t.yaml:6:20: error: rule 't/r': NUM is an int symbol, and alone it is always n; compare it with a value",
			  NULL);
	free(t);
	t = rule_text("require", "'!STR'", NULL);
	expect_bind_error(m, t, "t.yaml:6:16: error: rule 't/r': STR is a string symbol, and alone it is always n; compare it with a value",
			  NULL);
	free(t);
	t = rule_text("forbid", "TRI >= m", NULL);
	expect_bind_error(m, t, "t.yaml:6:13: error: rule 't/r': TRI is a bool or tristate symbol; compare it with = or !=, not an order",
			  NULL);
	free(t);
	t = rule_text("forbid", "BOO = \"yes\"", NULL);
	expect_bind_error(m, t, "t.yaml:6:13: error: rule 't/r': BOO is a bool or tristate symbol; compare it with y, m, n or another such symbol, not 'yes'",
			  NULL);
	free(t);
	t = rule_text("forbid", "NUM = y", NULL);
	expect_bind_error(m, t, "t.yaml:6:13: error: rule 't/r': NUM is an int symbol; compare it with a number, not 'y'",
			  NULL);
	free(t);
	t = rule_text("forbid", "NUM > 0x10", NULL);
	expect_bind_error(m, t, "t.yaml:6:13: error: rule 't/r': NUM is an int symbol; compare it with a number, not '0x10'",
			  NULL);
	free(t);
	t = rule_text("forbid", "HEXA = \"zz\"", NULL);
	expect_bind_error(m, t, "t.yaml:6:13: error: rule 't/r': HEXA is a hex symbol; compare it with a number, not 'zz'",
			  NULL);
	free(t);
	t = rule_text("forbid", "TRI || 42", NULL);
	expect_bind_error(m, t, "t.yaml:6:20: error: rule 't/r': the constant '42' is not a condition (only y, m and n are)",
			  NULL);
	free(t);
	t = rule_text("forbid", "TRI || \"x\"", NULL);
	expect_bind_error(m, t, "t.yaml:6:20: error: rule 't/r': the constant 'x' is not a condition (only y, m and n are)",
			  NULL);
	free(t);
	kc_model_free(m);
}

static void test_applicability(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_rules_target t = { "x86_64", "x86", "6.12.117" };
	const char *text =
		"rules:\n"
		"  - {id: a/x86, title: A, severity: note, scope: config, arch: [x86], forbid: TRI}\n"
		"  - {id: a/x86-64, title: A, severity: note, scope: config, arch: x86_64, forbid: TRI}\n"
		"  - {id: a/arm64, title: A, severity: note, scope: config, arch: [arm64], forbid: ARM64_ONLY}\n"
		"  - {id: a/new, title: A, severity: note, scope: config, kernel: \">=6.13\", forbid: LATER}\n"
		"  - {id: a/range, title: A, severity: note, scope: config, kernel: \">=6.2, <=6.12\", forbid: TRI}\n"
		"  - {id: a/old, title: A, severity: note, scope: config, kernel: \"<6.12\", forbid: GONE}\n"
		"  - {id: a/defined, title: A, severity: note, scope: config, if-defined: [BOO], forbid: TRI}\n"
		"  - {id: a/undefined, title: A, severity: note, scope: config, if-defined: [OTHER_ARCH], forbid: TRI}\n";

	(void)state;
	assert_int_equal(load_bind(r, m, &t, text, &d), 0);
	expect_diags(&d, NULL);
	assert_int_equal(kc_rules_find(r, "a/x86")->status, KC_RULE_APPLIES);
	assert_int_equal(kc_rules_find(r, "a/x86-64")->status, KC_RULE_APPLIES);
	assert_int_equal(kc_rules_find(r, "a/arm64")->status,
			 KC_RULE_NOT_APPLICABLE);
	assert_string_equal(kc_rules_find(r, "a/arm64")->why_not,
			    "the rule is for other architectures than x86_64");
	assert_string_equal(kc_rules_find(r, "a/new")->why_not,
			    "the rule is for kernel >=6.13, the model is 6.12.117");
	assert_int_equal(kc_rules_find(r, "a/range")->status, KC_RULE_APPLIES);
	assert_string_equal(kc_rules_find(r, "a/old")->why_not,
			    "the rule is for kernel <6.12, the model is 6.12.117");
	assert_int_equal(kc_rules_find(r, "a/defined")->status, KC_RULE_APPLIES);
	assert_string_equal(kc_rules_find(r, "a/undefined")->why_not,
			    "the model does not define OTHER_ARCH");
	kc_diags_free(&d);
	kc_rules_free(r);

	/* A model without arch or version: limited rules do not apply. */
	r = kc_rules_new();
	assert_int_equal(load_bind(r, m, NULL, text, &d), 0);
	assert_string_equal(kc_rules_find(r, "a/x86")->why_not,
			    "the model has no architecture (embedded model or --kconfig), and the rule is limited to some");
	assert_string_equal(kc_rules_find(r, "a/range")->why_not,
			    "the model's kernel version is unknown, and the rule is limited to some");
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

static void test_file_level_limits(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_rules_target t = { "arm64", "arm64", "6.1" };

	(void)state;
	assert_int_equal(load_bind(r, m, &t,
				   "if-defined: [VFIO]\n"
				   "rules:\n"
				   "  - {id: f/a, title: A, severity: note, scope: config, forbid: VFIO_THING}\n"
				   "  - {id: f/b, title: B, severity: note, scope: config, if-defined: [TRI], forbid: TRI}\n",
				   &d),
			 0);
	expect_diags(&d, NULL);
	assert_string_equal(kc_rules_find(r, "f/a")->why_not,
			    "the model does not define VFIO");
	/* A rule's own limit replaces the file's. */
	assert_int_equal(kc_rules_find(r, "f/b")->status, KC_RULE_APPLIES);
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

static void test_versions(void **state)
{
	struct kc_arena *a = kc_arena_new();
	static const struct {
		const char *range, *version;
		bool in;
	} cases[] = {
		{ ">=6.6", "6.6", true },	{ ">=6.6", "6.12.117", true },
		{ ">=6.6", "6.5.9", false },	{ "<6.9", "6.9.1", false },
		{ "<6.9", "6.8.12", true },	{ "<=6.11", "6.11.5", true },
		{ "<=6.11", "6.12", false },	{ "6.6", "6.6.30", true },
		{ "=6", "6.12", true },		{ ">6.1", "6.1.192", false },
		{ ">6.1", "6.2", true },	{ ">=6.2, <6.9", "6.8", true },
		{ ">=6.2, <6.9", "6.9", false }, { "==6.12.117", "6.12.117", true },
		{ ">=6.6", "6.12.0-rc3", true }, { ">=6.6", "garbage", false },
	};
	const char *bad[] = { "", ">=", "6.x", ">=6.6,", "~6.6", ">=6.6 6.7" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct version_bound *bounds;
		size_t n;

		assert_int_equal(kc_version_parse_range(a, cases[i].range,
							&bounds, &n),
				 0);
		if (kc_version_in_range(cases[i].version, bounds, n) !=
		    cases[i].in)
			fail_msg("%s in %s: want %d", cases[i].version,
				 cases[i].range, cases[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct version_bound *bounds;
		size_t n;

		if (kc_version_parse_range(a, bad[i], &bounds, &n) == 0)
			fail_msg("'%s' parsed as a version range", bad[i]);
	}
	kc_arena_free(a);
}

/* ---- checking a .config ------------------------------------------------------- */

struct checked {
	struct kc_findings f;
	struct kc_config *cfg;
};

/* Rule sets of check_text, freed by release(). */
static struct kc_vec leaked_rules;

static void check_text(struct kc_model *m, const char *rules,
		       const char *cfgtext, struct checked *out)
{
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_eval *ev;

	assert_int_equal(load_bind(r, m, NULL, rules, &d), 0);
	expect_diags(&d, NULL);
	out->cfg = config(cfgtext);
	memset(&out->f, 0, sizeof(out->f));
	ev = kc_eval_new(m, out->cfg, NULL);
	kc_rules_check(r, out->cfg, ev, &out->f);
	kc_eval_free(ev);
	/* Rule ids and infos point into the rules: keep them for the test. */
	kc_diags_free(&d);
	kc_vec_push(&leaked_rules, r);
}

static void release(struct checked *c)
{
	size_t i;

	kc_findings_free(&c->f);
	kc_config_free(c->cfg);
	for (i = 0; i < leaked_rules.len; i++)
		kc_rules_free(leaked_rules.items[i]);
	leaked_rules.len = 0;
}

static void test_thread_configuration(void **state)
{
	struct kc_model *m = embedded_model("vfio-6.6");
	struct kc_rules *r = kc_rules_new();
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_rules_target t = { NULL, NULL, "6.6" };
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_config *cfg;
	struct kc_eval *ev;
	const struct kc_finding *x;

	(void)state;
	assert_int_equal(kc_rules_add(r, "builtin:vfio", &d), 0);
	assert_int_equal(kc_rules_bind(r, m, &t, &d), 0);
	cfg = config("CONFIG_MMU=y\nCONFIG_IOMMU_SUPPORT=y\nCONFIG_IOMMUFD=y\n"
		     "CONFIG_VFIO=y\n# CONFIG_VFIO_DEVICE_CDEV is not set\n"
		     "CONFIG_VFIO_GROUP=y\n# CONFIG_VFIO_CONTAINER is not set\n"
		     "# CONFIG_IOMMUFD_VFIO_CONTAINER is not set\n");
	ev = kc_eval_new(m, cfg, NULL);
	kc_rules_check(r, cfg, ev, &f);
	kc_eval_free(ev);
	assert_int_equal(f.len, 1);
	x = &f.items[0];
	assert_string_equal(x->rule, "vfio/no-dev-vfio-vfio");
	assert_int_equal(x->severity, KC_SEV_ERROR);
	/* The line that makes it break: VFIO_CONTAINER, the first of 'then'. */
	assert_string_equal(x->symbol, "VFIO_CONTAINER");
	assert_string_equal(x->file, "t.config");
	assert_int_equal(x->line, 7);
	assert_string_equal(x->assigned, "n");
	assert_string_equal(x->resolved, "n");
	assert_string_equal(x->message,
			    "VFIO_GROUP is set but nothing provides /dev/vfio/vfio: set VFIO_CONTAINER (or, to test iommufd, IOMMUFD_VFIO_CONTAINER)");
	assert_int_equal(x->n_notes, 2);
	assert_string_equal(x->notes[0].message,
			    "violated: VFIO_GROUP [=y] && !(VFIO_CONTAINER [=n] || IOMMUFD_VFIO_CONTAINER [=n])");
	assert_string_equal(x->notes[0].file, "rules/vfio.yaml");
	assert_int_equal(x->notes[0].line, 21);
	assert_null(x->notes[1].file);
	assert_string_equal(x->notes[1].message,
			    "scope config: Kconfig allows this, the .config chose it (\"a configuration error, not a Kconfig error\")");
	assert_non_null(x->info);
	assert_string_equal(x->info->id, "vfio/no-dev-vfio-vfio");
	assert_string_equal(x->info->scope, "config");
	assert_string_equal(x->info->references[0],
			    "https://lore.kernel.org/all/20230717124539.743de027.alex.williamson@redhat.com/");
	kc_findings_free(&f);
	kc_config_free(cfg);
	kc_diags_free(&d);
	kc_rules_free(r);
	kc_model_free(m);
}

#define RULE(id, key, expr)                                                    \
	"  - {id: " id ", title: T, severity: warning, scope: config, " key   \
	": \"" expr "\"}\n"

/* Kconfig's tristate logic, read as set (y or m) or not (n). */
static void test_tristate_semantics(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	struct checked c;
	const char *rules = "rules:\n"
		RULE("s/forbid-tri", "forbid", "TRI")
		RULE("s/require-tri", "require", "TRI")
		RULE("s/require-tri-y", "require", "TRI = y")
		RULE("s/forbid-not-tri", "forbid", "!TRI")
		RULE("s/forbid-tri-and-boo", "forbid", "TRI && BOO")
		RULE("s/require-num", "require", "NUM > 8")
		"  - {id: s/if-then, title: T, severity: note, scope: kconfig, if: TRI, then: BOO}\n";
	const char *want[] = { "s/forbid-tri", "s/require-tri-y",
			       "s/forbid-not-tri", "s/require-num",
			       "s/if-then" };
	size_t i;

	(void)state;
	check_text(m, rules, "CONFIG_TRI=m\n# CONFIG_BOO is not set\n", &c);
	/*
	 * TRI=m: forbid TRI breaks (m is set), require TRI holds, require
	 * TRI = y breaks, forbid !TRI breaks too (!m is m, as in Kconfig),
	 * TRI && BOO is n; NUM is 4 by default; if TRI then BOO breaks.
	 */
	assert_int_equal(c.f.len, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(c.f.items[i].rule, want[i]);
	assert_int_equal(c.f.items[4].severity, KC_SEV_NOTE);
	assert_string_equal(c.f.items[4].notes[0].message,
			    "violated: TRI [=m] && !BOO [=n]");
	assert_string_equal(c.f.items[4].notes[1].message,
			    "scope kconfig: Kconfig itself should make this impossible, yet this .config resolves to it: a Kconfig error");
	/* if/then points at the line of 'then' (BOO), not 'if' (TRI). */
	assert_string_equal(c.f.items[4].symbol, "BOO");
	assert_int_equal(c.f.items[4].line, 2);
	/* NUM is not in the .config: no line, the symbol still named. */
	assert_string_equal(c.f.items[3].symbol, "NUM");
	assert_int_equal(c.f.items[3].line, 0);
	assert_null(c.f.items[3].assigned);
	assert_string_equal(c.f.items[3].resolved, "4");
	assert_string_equal(c.f.items[3].notes[0].message,
			    "violated: !(NUM [=4] > 8)");
	release(&c);

	check_text(m, rules, "CONFIG_TRI=y\nCONFIG_BOO=y\nCONFIG_NUM=9\n", &c);
	assert_int_equal(c.f.len, 2);
	assert_string_equal(c.f.items[0].rule, "s/forbid-tri");
	assert_string_equal(c.f.items[1].rule, "s/forbid-tri-and-boo");
	assert_string_equal(c.f.items[1].notes[0].message,
			    "violated: TRI [=y] && BOO [=y]");
	release(&c);
	kc_model_free(m);
}

/* The symbol a finding points at: one that makes the rule break. */
static void test_location(void **state)
{
	struct kc_model *m = parse_tree(small_tree);
	struct checked c;

	(void)state;
	/* Set because of NUM only: NUM's line, not TRI's. */
	check_text(m, "rules:\n" RULE("l/a", "forbid", "TRI || NUM = 5"),
		   "# CONFIG_TRI is not set\nCONFIG_NUM=5\n", &c);
	assert_int_equal(c.f.len, 1);
	assert_string_equal(c.f.items[0].symbol, "NUM");
	assert_int_equal(c.f.items[0].line, 2);
	release(&c);
	/* The deciding symbol not in the .config: another one that is. */
	check_text(m, "rules:\n" RULE("l/b", "require", "BOO && NUM = 5"),
		   "CONFIG_BOO=y\nCONFIG_TRI=y\n", &c);
	assert_int_equal(c.f.len, 1);
	assert_string_equal(c.f.items[0].symbol, "BOO");
	assert_int_equal(c.f.items[0].line, 1);
	release(&c);
	kc_model_free(m);
}

/* ---- waivers ---------------------------------------------------------------------- */

static void expect_waiver_error(const char *text, const char *want)
{
	struct kc_diags d = KC_DIAGS_INIT;

	assert_null(kc_waivers_parse("w.yaml", text, strlen(text), &d));
	expect_diags(&d, want, NULL);
	kc_diags_free(&d);
}

static void test_waiver_errors(void **state)
{
	(void)state;
	expect_waiver_error("waivers:\n  - rule: a/b\n    expires: 2025-01-01\n",
			    "w.yaml:2:5: error: a waiver needs 'justification'");
	expect_waiver_error("waivers:\n  - rule: a/b\n    justification: x\n    expires: 2025-02-29\n",
			    "w.yaml:4:14: error: 'expires' must be a date YYYY-MM-DD, not '2025-02-29'");
	expect_waiver_error("waivers:\n  - rule: a/b\n    justification: x\n    expires: 2025-01-01\n    symbol: CONFIG_X=y\n",
			    "w.yaml:5:13: error: 'symbol' takes a symbol name without CONFIG_, not 'CONFIG_X=y'");
	expect_waiver_error("waivers:\n  - rule: a/b\n    justfication: x\n    expires: 2025-01-01\n",
			    "w.yaml:3:5: error: unknown key 'justfication' in a waiver; did you mean 'justification'?");
	expect_waiver_error("waiver: []\n",
			    "w.yaml:1:1: error: unknown key 'waiver' in a waiver file; did you mean 'waivers'?");
	expect_waiver_error("waivers: {}\n",
			    "w.yaml:1:10: error: 'waivers' must be a list (lines starting with '- '), not a mapping");
	expect_waiver_error("", "w.yaml: error: the waiver file is empty: it needs 'waivers'");
}

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(kc_date_parse("1970-01-01"), 0);
	assert_int_equal(kc_date_parse("1970-01-02"), 1);
	assert_int_equal(kc_date_parse("2000-03-01") - kc_date_parse("2000-02-28"), 2);
	assert_int_equal(kc_date_parse("2100-03-01") - kc_date_parse("2100-02-28"), 1);
	assert_int_equal(kc_date_parse("2024-12-31") - kc_date_parse("2024-01-01"), 365);
	assert_int_equal(kc_date_parse("2024-02-30"), -1);
	assert_int_equal(kc_date_parse("2024-13-01"), -1);
	assert_int_equal(kc_date_parse("2024-1-01"), -1);
	assert_int_equal(kc_date_parse("2024-01-01x"), -1);
	assert_true(kc_date_today() > kc_date_parse("2024-01-01"));
}

static struct kc_finding *finding(struct kc_findings *f, const char *rule,
				  const char *symbol, int line)
{
	struct kc_finding *x = kc_findings_add(f, rule, KC_SEV_WARNING, symbol,
					       "dir/a.config", line, "m");

	return x;
}

static void test_waivers_apply(void **state)
{
	const char *text =
		"waivers:\n"
		"  - rule: vfio/noiommu\n"			/* 2 */
		"    symbol: VFIO_NOIOMMU\n"
		"    justification: DPDK without an IOMMU\n"
		"    expires: 2025-06-30\n"
		"  - rule: kconfig/missing\n"			/* 6 */
		"    config: \"a.*\"\n"
		"    justification: any symbol, base name glob\n"
		"    expires: 2025-06-30\n"
		"  - rule: vfio/old\n"				/* 10 */
		"    justification: long gone\n"
		"    expires: 2025-01-01\n"
		"  - rule: vfio/elsewhere\n"			/* 13 */
		"    config: \"other/*\"\n"
		"    justification: another folder\n"
		"    expires: 2025-06-30\n"
		"  - rule: vfio/unused\n"			/* 17 */
		"    justification: nothing matches\n"
		"    expires: 2025-06-30\n";
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_waivers *w = kc_waivers_parse("w.yaml", text, strlen(text), &d);
	struct kc_findings f = KC_FINDINGS_INIT;

	(void)state;
	assert_non_null(w);
	finding(&f, "vfio/noiommu", "VFIO_NOIOMMU", 3);
	finding(&f, "vfio/noiommu", "OTHER", 4);	/* other symbol: kept */
	finding(&f, "kconfig/missing", "X", 0);
	finding(&f, "kconfig/missing", "Y", 0);
	finding(&f, "vfio/old", "Z", 9);		/* expired: kept */
	finding(&f, "vfio/elsewhere", "Z", 10);		/* not covered: kept */
	kc_waivers_apply(w, "dir/a.config", kc_date_parse("2025-06-30"), &f);
	assert_int_equal(f.len, 5);
	assert_string_equal(f.items[0].symbol, "OTHER");
	assert_string_equal(f.items[1].rule, "vfio/old");
	assert_string_equal(f.items[2].rule, "vfio/elsewhere");
	assert_string_equal(f.items[3].rule, "waiver/expired");
	assert_string_equal(f.items[3].file, "w.yaml");
	assert_int_equal(f.items[3].line, 10);
	assert_int_equal(f.items[3].severity, KC_SEV_WARNING);
	assert_string_equal(f.items[3].message,
			    "the waiver of vfio/old expired on 2025-01-01; the findings it accepted count again");
	assert_string_equal(f.items[3].notes[0].message,
			    "justification: long gone");
	assert_string_equal(f.items[4].rule, "waiver/unused");
	assert_int_equal(f.items[4].line, 17);
	assert_int_equal(f.items[4].severity, KC_SEV_NOTE);
	assert_string_equal(f.items[4].message,
			    "the waiver of vfio/unused matches no finding of dir/a.config; is it still needed?");
	kc_findings_free(&f);
	/* The day after: the first waivers have expired too. */
	finding(&f, "vfio/noiommu", "VFIO_NOIOMMU", 3);
	kc_waivers_apply(w, "b.config", kc_date_parse("2025-07-01"), &f);
	assert_int_equal(f.len, 4);
	assert_string_equal(f.items[0].rule, "vfio/noiommu");
	assert_int_equal(f.items[1].line, 2);
	assert_string_equal(f.items[1].message,
			    "the waiver of vfio/noiommu for VFIO_NOIOMMU expired on 2025-06-30; the findings it accepted count again");
	assert_int_equal(f.items[2].line, 10);
	assert_int_equal(f.items[3].line, 17);
	kc_findings_free(&f);
	kc_waivers_free(w);
	kc_diags_free(&d);
}

/* ---- baselines ---------------------------------------------------------------------------- */

static void test_baseline(void **state)
{
	struct kc_findings old = KC_FINDINGS_INIT, now = KC_FINDINGS_INIT;
	struct kc_report_config rc = { "dir/a.config", &old, NULL, 0 };
	struct kc_report rep = { .tool_version = "0", .model = "model",
				 .configs = &rc, .n_configs = 1 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf json = KC_BUF_INIT;
	struct kc_baseline *b;

	(void)state;
	finding(&old, "vfio/noiommu", "VFIO_NOIOMMU", 3);
	finding(&old, "kconfig/malformed-line", NULL, 7);
	finding(&old, "kconfig/missing", "A", 0);
	kc_report_json(&rep, &json);
	b = kc_baseline_parse("base.json", kc_buf_str(&json), json.len, &d);
	assert_non_null(b);
	expect_diags(&d, NULL);

	/* Same keys, other lines and messages: known.  New ones stay. */
	finding(&now, "vfio/noiommu", "VFIO_NOIOMMU", 30);
	finding(&now, "vfio/noiommu", "VFIO_NOIOMMU", 31);	/* a second one */
	finding(&now, "kconfig/malformed-line", NULL, 7);
	finding(&now, "kconfig/malformed-line", NULL, 8);	/* other line */
	finding(&now, "kconfig/missing", "B", 0);
	assert_int_equal(kc_baseline_apply(b, "dir/a.config", &now), 2);
	assert_int_equal(now.len, 3);
	assert_int_equal(now.items[0].line, 31);
	assert_int_equal(now.items[1].line, 8);
	assert_string_equal(now.items[2].symbol, "B");
	kc_findings_free(&now);

	/* Another folder, same file name: still the same .config. */
	finding(&now, "kconfig/missing", "A", 0);
	assert_int_equal(kc_baseline_apply(b, "elsewhere/a.config", &now), 1);
	assert_int_equal(now.len, 0);
	/* Another file: nothing known. */
	finding(&now, "kconfig/missing", "A", 0);
	assert_int_equal(kc_baseline_apply(b, "b.config", &now), 0);
	assert_int_equal(now.len, 1);
	kc_findings_free(&now);
	kc_baseline_free(b);
	kc_findings_free(&old);
	kc_buf_free(&json);

	/* jq -c style: no blanks at all. */
	b = kc_baseline_parse("c.json",
			      "{\"schema\":\"vfio-kconfig-check/check/1\",\"configs\":[{\"path\":\"a\",\"findings\":[{\"rule\":\"r/x\",\"symbol\":null,\"location\":{\"line\":4}}]}]}",
			      strlen("{\"schema\":\"vfio-kconfig-check/check/1\",\"configs\":[{\"path\":\"a\",\"findings\":[{\"rule\":\"r/x\",\"symbol\":null,\"location\":{\"line\":4}}]}]}"),
			      &d);
	assert_non_null(b);
	finding(&now, "r/x", NULL, 4);
	assert_int_equal(kc_baseline_apply(b, "a", &now), 1);
	kc_findings_free(&now);
	kc_baseline_free(b);
	kc_diags_free(&d);
}

static void expect_baseline_error(const char *text, const char *want)
{
	struct kc_diags d = KC_DIAGS_INIT;

	assert_null(kc_baseline_parse("b.json", text, strlen(text), &d));
	expect_diags(&d, want, NULL);
	kc_diags_free(&d);
}

static void test_baseline_errors(void **state)
{
	(void)state;
	expect_baseline_error("{\"schema\": \"vfio-kconfig-check/dump/1\"}",
			      "b.json:1:12: error: a baseline is a JSON report of check with schema vfio-kconfig-check/check/1");
	expect_baseline_error("[1, 2]",
			      "b.json:1:1: error: a baseline is a JSON report of check (--format json), not a list");
	expect_baseline_error("{\"schema\": \"vfio-kconfig-check/check/1\",\n \"configs\": [{\"findings\": []}]}",
			      "b.json:2:14: error: a config without a 'path'");
	expect_baseline_error("{\"schema\": \"vfio-kconfig-check/check/1\",\n \"configs\": [{\"path\": \"a\", \"findings\": [{\"rule\": \"r\", \"location\": {\"line\": -3}}]}]}",
			      "b.json:2:76: error: 'line' must be a positive number or null");
	expect_baseline_error("{\"schema\": \"vfio-kconfig-check/check/1\", \"configs\": [",
			      "b.json:2:1: error: invalid YAML: did not find expected node content while parsing a flow node");
}

/* ---- the policy, and the built-in packs ------------------------------------------------ */

static void test_policy_patterns(void **state)
{
	struct kc_model *m = embedded_model("vfio-6.6");
	const char *only[] = { "vfio/*", "vfio/noiommmu" };
	const char *skip[] = { "kconfig/misssing" };
	struct kc_policy_options o = { .only = only, .n_only = 2,
				       .skip = skip, .n_skip = 1,
				       .today = "2025-13-01" };
	struct kc_diags d = KC_DIAGS_INIT;

	(void)state;
	kc_rules_target_init(&o.target, m, "vfio-6.6", NULL, NULL);
	assert_string_equal(o.target.kernel_version, "6.6");
	assert_null(kc_policy_load(m, &o, &d));
	expect_diags(&d,
		     "error: --only 'vfio/noiommmu' matches no rule id; did you mean 'vfio/noiommu'?",
		     "error: --skip 'kconfig/misssing' matches no rule id; did you mean 'kconfig/missing'?",
		     "error: --today takes a date YYYY-MM-DD, not '2025-13-01'",
		     NULL);
	kc_diags_free(&d);
	kc_model_free(m);
}

/* The VFIO pack binds cleanly to every embedded model. */
static void test_builtin_packs(void **state)
{
	static const struct {
		const char *model;
		size_t applies;
	} cases[] = {
		{ "vfio-6.5", 4 },	/* the >=6.6 rules do not apply */
		{ "vfio-6.6", 9 },
		{ "vfio-proposed", 9 },
	};
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kc_model *m = embedded_model(cases[i].model);
		struct kc_rules *r = kc_rules_new();
		struct kc_rules_target t;
		size_t applies = 0;

		kc_rules_target_init(&t, m, cases[i].model, NULL, NULL);
		assert_int_equal(kc_rules_add(r, "builtin:vfio", &d), 0);
		assert_int_equal(kc_rules_bind(r, m, &t, &d), 0);
		expect_diags(&d, NULL);
		assert_int_equal(kc_rules_count(r), 9);
		for (k = 0; k < kc_rules_count(r); k++)
			applies += kc_rules_at(r, k)->status == KC_RULE_APPLIES;
		assert_int_equal(applies, cases[i].applies);
		kc_rules_free(r);
		kc_model_free(m);
	}
	/* The hardening example names whole-tree symbols: refused here. */
	{
		struct kc_model *m = embedded_model("vfio-6.6");
		struct kc_rules *r = kc_rules_new();
		struct kc_rules_target t = { NULL, NULL, "6.6" };

		assert_int_equal(kc_rules_add(r, "builtin:hardening-example", &d), 0);
		assert_int_equal(kc_rules_bind(r, m, &t, &d), -1);
		assert_true(d.errors > 5);
		kc_rules_free(r);
		kc_model_free(m);
		kc_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_valid),
		cmocka_unit_test(test_yaml_errors),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_expression_syntax),
		cmocka_unit_test(test_includes_and_overrides),
		cmocka_unit_test(test_include_errors),
		cmocka_unit_test(test_override_unknown),
		cmocka_unit_test(test_bind_symbols),
		cmocka_unit_test(test_bind_types),
		cmocka_unit_test(test_applicability),
		cmocka_unit_test(test_file_level_limits),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_thread_configuration),
		cmocka_unit_test(test_tristate_semantics),
		cmocka_unit_test(test_location),
		cmocka_unit_test(test_waiver_errors),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_waivers_apply),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_baseline_errors),
		cmocka_unit_test(test_policy_patterns),
		cmocka_unit_test(test_builtin_packs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
