// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_report.c - findings rendered as JSON (docs/check-schema.md) and as
 * SARIF 2.1.0 (src/report/report_json.c, report_sarif.c), and the helpers
 * every format shares (report_common.c).
 *
 * Findings are built by hand.  Each output is first parsed back by a small
 * strict JSON reader below (duplicate keys, raw control characters, bad
 * escapes, invalid UTF-8 and trailing text are errors), then fields are
 * looked up by path, "runs.0.results.1.ruleIndex".  A few tests also pin
 * exact bytes: the indentation and the escapes as written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kc_report.h"

/* ---- a strict JSON reader, for tests only --------------------------------- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype type;
	bool b;
	long long num;		/* integers only: the writer emits no others */
	char *str;
	size_t len;		/* items of an array or object */
	char **keys;		/* object keys, decoded */
	struct jv **items;
};

struct jparser {
	const char *p;
	const char *err;
};

static struct jv *jparse_value(struct jparser *ps, int depth);

static void jfree(struct jv *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->len; i++) {
		if (v->keys)
			free(v->keys[i]);
		jfree(v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->str);
	free(v);
}

static void jskip_ws(struct jparser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' ||
	       *ps->p == '\r')
		ps->p++;
}

static int jhex4(const char *s)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void jput_utf8(struct kc_buf *b, unsigned int cp)
{
	if (cp < 0x80) {
		kc_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		kc_buf_addc(b, (char)(0xc0 | (cp >> 6)));
		kc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		kc_buf_addc(b, (char)(0xe0 | (cp >> 12)));
		kc_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		kc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		kc_buf_addc(b, (char)(0xf0 | (cp >> 18)));
		kc_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		kc_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		kc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Length of a well-formed UTF-8 sequence at s (not ASCII), or 0. */
static int jutf8_len(const unsigned char *s)
{
	int n, i;
	unsigned int cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static char *jparse_string(struct jparser *ps)
{
	struct kc_buf b = KC_BUF_INIT;

	ps->p++;	/* '"' */
	kc_buf_reserve(&b, 0);
	for (;;) {
		unsigned char c = (unsigned char)*ps->p;

		if (c == '"') {
			ps->p++;
			return kc_buf_detach(&b);
		}
		if (c < 0x20) {
			ps->err = c ? "raw control character in string" :
				      "unterminated string";
			goto fail;
		}
		if (c >= 0x80) {
			int n = jutf8_len((const unsigned char *)ps->p);

			if (!n) {
				ps->err = "invalid UTF-8";
				goto fail;
			}
			kc_buf_add(&b, ps->p, (size_t)n);
			ps->p += n;
			continue;
		}
		if (c != '\\') {
			kc_buf_addc(&b, (char)c);
			ps->p++;
			continue;
		}
		ps->p++;
		switch (*ps->p++) {
		case '"':
			kc_buf_addc(&b, '"');
			break;
		case '\\':
			kc_buf_addc(&b, '\\');
			break;
		case '/':
			kc_buf_addc(&b, '/');
			break;
		case 'b':
			kc_buf_addc(&b, '\b');
			break;
		case 'f':
			kc_buf_addc(&b, '\f');
			break;
		case 'n':
			kc_buf_addc(&b, '\n');
			break;
		case 'r':
			kc_buf_addc(&b, '\r');
			break;
		case 't':
			kc_buf_addc(&b, '\t');
			break;
		case 'u': {
			int hi = jhex4(ps->p), lo;

			if (hi < 0)
				goto bad_escape;
			ps->p += 4;
			if (hi >= 0xdc00 && hi <= 0xdfff)
				goto bad_escape;
			if (hi >= 0xd800 && hi <= 0xdbff) {
				if (ps->p[0] != '\\' || ps->p[1] != 'u')
					goto bad_escape;
				lo = jhex4(ps->p + 2);
				if (lo < 0xdc00 || lo > 0xdfff)
					goto bad_escape;
				ps->p += 6;
				hi = 0x10000 + ((hi - 0xd800) << 10) +
				     (lo - 0xdc00);
			}
			jput_utf8(&b, (unsigned int)hi);
			break;
		}
		default:
			goto bad_escape;
		}
	}
bad_escape:
	ps->err = "bad escape";
fail:
	kc_buf_free(&b);
	return NULL;
}

static struct jv *jnew(enum jtype t)
{
	struct jv *v = kc_xcalloc(1, sizeof(*v));

	v->type = t;
	return v;
}

static void jappend(struct jv *v, char *key, struct jv *item)
{
	v->items = kc_xrealloc(v->items, (v->len + 1) * sizeof(*v->items));
	if (v->type == J_OBJ) {
		v->keys = kc_xrealloc(v->keys, (v->len + 1) * sizeof(*v->keys));
		v->keys[v->len] = key;
	}
	v->items[v->len++] = item;
}

static struct jv *jparse_container(struct jparser *ps, int depth)
{
	bool obj = *ps->p == '{';
	char close = obj ? '}' : ']';
	struct jv *v = jnew(obj ? J_OBJ : J_ARR);

	ps->p++;
	jskip_ws(ps);
	if (*ps->p == close) {
		ps->p++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct jv *item;
		size_t i;

		jskip_ws(ps);
		if (obj) {
			if (*ps->p != '"') {
				ps->err = "expected a key";
				goto fail;
			}
			key = jparse_string(ps);
			if (!key)
				goto fail;
			for (i = 0; i < v->len; i++) {
				if (!strcmp(v->keys[i], key)) {
					ps->err = "duplicate key";
					free(key);
					goto fail;
				}
			}
			jskip_ws(ps);
			if (*ps->p != ':') {
				ps->err = "expected ':'";
				free(key);
				goto fail;
			}
			ps->p++;
		}
		item = jparse_value(ps, depth + 1);
		if (!item) {
			free(key);
			goto fail;
		}
		jappend(v, key, item);
		jskip_ws(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return v;
		}
		ps->err = "expected ',' or the end of a container";
		goto fail;
	}
fail:
	jfree(v);
	return NULL;
}

static struct jv *jparse_value(struct jparser *ps, int depth)
{
	struct jv *v;

	jskip_ws(ps);
	if (depth > 64) {
		ps->err = "too deep";
		return NULL;
	}
	switch (*ps->p) {
	case '{':
	case '[':
		return jparse_container(ps, depth);
	case '"':
		v = jnew(J_STR);
		v->str = jparse_string(ps);
		if (!v->str) {
			jfree(v);
			return NULL;
		}
		return v;
	case 't':
	case 'f':
	case 'n':
		if (!strncmp(ps->p, "true", 4) || !strncmp(ps->p, "null", 4)) {
			v = jnew(*ps->p == 'n' ? J_NULL : J_BOOL);
			v->b = *ps->p == 't';
			ps->p += 4;
			return v;
		}
		if (!strncmp(ps->p, "false", 5)) {
			v = jnew(J_BOOL);
			ps->p += 5;
			return v;
		}
		break;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
			const char *s = ps->p;
			char *end;

			if (*s == '-')
				s++;
			if (*s == '0' && s[1] >= '0' && s[1] <= '9')
				break;	/* leading zero */
			if (!(*s >= '0' && *s <= '9'))
				break;
			v = jnew(J_NUM);
			v->num = strtoll(ps->p, &end, 10);
			ps->p = end;
			if (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E') {
				ps->err = "non-integer number";
				jfree(v);
				return NULL;
			}
			return v;
		}
		break;
	}
	ps->err = "unexpected character";
	return NULL;
}

/* Parses a whole document or fails the test, showing where and why. */
static struct jv *jparse(const char *text)
{
	struct jparser ps = { text, NULL };
	struct jv *v = jparse_value(&ps, 0);

	if (v) {
		jskip_ws(&ps);
		if (*ps.p) {
			ps.err = "text after the document";
			jfree(v);
			v = NULL;
		}
	}
	if (!v) {
		print_error("JSON error at offset %td: %s\n%s\n",
			    ps.p - text, ps.err ? ps.err : "?", text);
		fail();
	}
	return v;
}

/* The value at a dotted path ("runs.0.tool"), or NULL when absent. */
static const struct jv *jget(const struct jv *v, const char *path)
{
	char part[128];

	while (v && *path) {
		size_t n = strcspn(path, ".");
		size_t i;

		assert_true(n < sizeof(part));
		memcpy(part, path, n);
		part[n] = '\0';
		path += n + (path[n] == '.');
		if (v->type == J_ARR) {
			char *end;
			unsigned long k = strtoul(part, &end, 10);

			v = (*end || k >= v->len) ? NULL : v->items[k];
		} else if (v->type == J_OBJ) {
			const struct jv *found = NULL;

			for (i = 0; i < v->len; i++) {
				if (!strcmp(v->keys[i], part))
					found = v->items[i];
			}
			v = found;
		} else {
			v = NULL;
		}
	}
	return v;
}

static const char *jstr(const struct jv *root, const char *path)
{
	const struct jv *v = jget(root, path);

	if (!v || v->type != J_STR) {
		print_error("%s: %s\n", path, v ? "not a string" : "missing");
		fail();
	}
	return v->str;
}

static long long jint(const struct jv *root, const char *path)
{
	const struct jv *v = jget(root, path);

	if (!v || v->type != J_NUM) {
		print_error("%s: %s\n", path, v ? "not a number" : "missing");
		fail();
	}
	return v->num;
}

static bool jnull(const struct jv *root, const char *path)
{
	const struct jv *v = jget(root, path);

	if (!v) {
		print_error("%s: missing\n", path);
		fail();
	}
	return v->type == J_NULL;
}

static size_t jlen(const struct jv *root, const char *path)
{
	const struct jv *v = jget(root, path);

	if (!v || (v->type != J_ARR && v->type != J_OBJ)) {
		print_error("%s: %s\n", path, v ? "not a container" : "missing");
		fail();
	}
	return v->len;
}

static const char *jpath(char *buf, size_t size, const char *fmt, ...)
	KC_PRINTF(3, 4);

static const char *jpath(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return buf;
}

/* ---- fixtures --------------------------------------------------------- */

#define MSG_TRICKY "quote \" backslash \\ tab \t nl \n ctl \x01\x1f del \x7f Größe ✓ 𝄞"

static struct kc_report make_report(const struct kc_report_config *configs,
				    size_t n)
{
	struct kc_report r = {
		.tool_version = "0.1.0",
		.model = "embedded model vfio-6.6",
		.srctree = NULL,
		.configs = configs,
		.n_configs = n,
	};
	return r;
}

/* A .config with one finding of each kind of location. */
static void add_sample(struct kc_findings *f, const char *path)
{
	struct kc_finding *x;

	x = kc_findings_add(f, KC_RULE_NOT_WRITTEN, KC_SEV_ERROR, "VFIO_PCI",
			    path, 12, "CONFIG_VFIO_PCI=%s is not written", "m");
	x->reason = KC_REASON_UNMET_DEPENDENCY;
	x->col = 1;
	x->assigned = kc_xstrdup("m");
	x->resolved = kc_xstrdup("n");
	kc_finding_note(x, "drivers/vfio/pci/Kconfig", 3,
			"VFIO_PCI depends on %s", "PCI && MMU");
	kc_finding_note(x, NULL, 0, "PCI is n");

	x = kc_findings_add(f, KC_RULE_MALFORMED_LINE, KC_SEV_WARNING, NULL,
			    path, 40, "line is not an assignment");
	x = kc_findings_add(f, KC_RULE_MISSING, KC_SEV_NOTE, "VFIO_IOMMU_TYPE1",
			    path, 0, "CONFIG_VFIO_IOMMU_TYPE1 would be written");
	x->reason = KC_REASON_DEFAULT;
	x->resolved = kc_xstrdup("y");
}

/* ---- report_common.c ---------------------------------------------------- */

static void test_format_parse(void **state)
{
	enum kc_format fmt = KC_FORMAT_TEXT;

	assert_int_equal(kc_format_parse("json", &fmt), 0);
	assert_int_equal(fmt, KC_FORMAT_JSON);
	assert_int_equal(kc_format_parse("sarif", &fmt), 0);
	assert_int_equal(fmt, KC_FORMAT_SARIF);
	assert_int_equal(kc_format_parse("text", &fmt), 0);
	assert_int_equal(fmt, KC_FORMAT_TEXT);

	fmt = KC_FORMAT_SARIF;
	assert_int_equal(kc_format_parse("JSON", &fmt), -1);
	assert_int_equal(kc_format_parse("xml", &fmt), -1);
	assert_int_equal(kc_format_parse("", &fmt), -1);
	assert_int_equal(kc_format_parse("sarif2", &fmt), -1);
	assert_int_equal(kc_format_parse(NULL, &fmt), -1);
	assert_int_equal(fmt, KC_FORMAT_SARIF);	/* untouched on failure */
}

static void test_count(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT, b = KC_FINDINGS_INIT;
	struct kc_findings empty = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = {
		{ "a/.config", &a, NULL, 0 },
		{ "b/.config", &b, NULL, 0 },
		{ "c", &empty, NULL, 0 },
	};
	struct kc_report r = make_report(configs, 3);
	size_t e = 9, w = 9, n = 9;

	kc_report_count(&r, &e, &w, &n);
	assert_int_equal(e, 0);
	assert_int_equal(w, 0);
	assert_int_equal(n, 0);

	add_sample(&a, "a/.config");
	add_sample(&b, "b/.config");
	kc_findings_add(&b, KC_RULE_DUPLICATE, KC_SEV_WARNING, "X",
			"b/.config", 7, "CONFIG_X assigned twice");
	kc_report_count(&r, &e, &w, &n);
	assert_int_equal(e, 2);
	assert_int_equal(w, 3);
	assert_int_equal(n, 2);
	kc_report_count(&r, NULL, &w, NULL);	/* any may be NULL */
	assert_int_equal(w, 3);

	kc_findings_free(&a);
	kc_findings_free(&b);
}

/* ---- JSON ------------------------------------------------------------- */

static void test_json_empty_exact(void **state)
{
	struct kc_findings none = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { ".config", &none, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;

	kc_report_json(&r, &out);
	assert_string_equal(kc_buf_str(&out),
		"{\n"
		"  \"schema\": \"vfio-kconfig-check/check/1\",\n"
		"  \"tool\": {\n"
		"    \"name\": \"vfio-kconfig-check\",\n"
		"    \"version\": \"0.1.0\"\n"
		"  },\n"
		"  \"model\": \"embedded model vfio-6.6\",\n"
		"  \"configs\": [\n"
		"    {\n"
		"      \"path\": \".config\",\n"
		"      \"kind\": null,\n"
		"      \"outside_model\": 0,\n"
		"      \"findings\": [],\n"
		"      \"summary\": {\n"
		"        \"errors\": 0,\n"
		"        \"warnings\": 0,\n"
		"        \"notes\": 0\n"
		"      }\n"
		"    }\n"
		"  ],\n"
		"  \"summary\": {\n"
		"    \"errors\": 0,\n"
		"    \"warnings\": 0,\n"
		"    \"notes\": 0\n"
		"  }\n"
		"}\n");

	/* No configs at all is still a whole document. */
	r.n_configs = 0;
	kc_buf_reset(&out);
	kc_report_json(&r, &out);
	assert_non_null(strstr(kc_buf_str(&out), "\"configs\": [],\n"));
	jfree(jparse(kc_buf_str(&out)));
	kc_buf_free(&out);
}

static void test_json_finding_fields(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "out/.config", &f, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;
	struct jv *doc;

	add_sample(&f, "out/.config");
	kc_report_json(&r, &out);
	doc = jparse(kc_buf_str(&out));

	assert_string_equal(jstr(doc, "schema"), "vfio-kconfig-check/check/1");
	assert_string_equal(jstr(doc, "tool.name"), "vfio-kconfig-check");
	assert_string_equal(jstr(doc, "tool.version"), "0.1.0");
	assert_string_equal(jstr(doc, "model"), "embedded model vfio-6.6");
	assert_int_equal(jlen(doc, ""), 5);
	assert_int_equal(jlen(doc, "configs"), 1);
	assert_string_equal(jstr(doc, "configs.0.path"), "out/.config");
	assert_int_equal(jlen(doc, "configs.0.findings"), 3);

	/* A finding with everything set; every finding has the same keys. */
	assert_int_equal(jlen(doc, "configs.0.findings.0"), 9);
	assert_string_equal(jstr(doc, "configs.0.findings.0.rule"),
			    "kconfig/not-written");
	assert_string_equal(jstr(doc, "configs.0.findings.0.severity"),
			    "error");
	assert_string_equal(jstr(doc, "configs.0.findings.0.reason"),
			    "unmet-dependency");
	assert_string_equal(jstr(doc, "configs.0.findings.0.symbol"),
			    "VFIO_PCI");
	assert_string_equal(jstr(doc, "configs.0.findings.0.message"),
			    "CONFIG_VFIO_PCI=m is not written");
	assert_string_equal(jstr(doc, "configs.0.findings.0.location.file"),
			    "out/.config");
	assert_int_equal(jint(doc, "configs.0.findings.0.location.line"), 12);
	assert_int_equal(jint(doc, "configs.0.findings.0.location.column"), 1);
	assert_string_equal(jstr(doc, "configs.0.findings.0.assigned"), "m");
	assert_string_equal(jstr(doc, "configs.0.findings.0.resolved"), "n");

	/* Notes with and without a file. */
	assert_int_equal(jlen(doc, "configs.0.findings.0.notes"), 2);
	assert_string_equal(jstr(doc, "configs.0.findings.0.notes.0.message"),
			    "VFIO_PCI depends on PCI && MMU");
	assert_string_equal(
		jstr(doc, "configs.0.findings.0.notes.0.location.file"),
		"drivers/vfio/pci/Kconfig");
	assert_int_equal(jint(doc, "configs.0.findings.0.notes.0.location.line"),
			 3);
	assert_string_equal(jstr(doc, "configs.0.findings.0.notes.1.message"),
			    "PCI is n");
	assert_true(jnull(doc, "configs.0.findings.0.notes.1.location.file"));
	assert_true(jnull(doc, "configs.0.findings.0.notes.1.location.line"));

	/* A line-level finding: no symbol, reason, values or notes. */
	assert_int_equal(jlen(doc, "configs.0.findings.1"), 9);
	assert_string_equal(jstr(doc, "configs.0.findings.1.severity"),
			    "warning");
	assert_true(jnull(doc, "configs.0.findings.1.reason"));
	assert_true(jnull(doc, "configs.0.findings.1.symbol"));
	assert_true(jnull(doc, "configs.0.findings.1.assigned"));
	assert_true(jnull(doc, "configs.0.findings.1.resolved"));
	assert_int_equal(jint(doc, "configs.0.findings.1.location.line"), 40);
	assert_true(jnull(doc, "configs.0.findings.1.location.column"));
	assert_int_equal(jlen(doc, "configs.0.findings.1.notes"), 0);

	/* A symbol the file does not set: no line, no column. */
	assert_string_equal(jstr(doc, "configs.0.findings.2.severity"), "note");
	assert_string_equal(jstr(doc, "configs.0.findings.2.reason"), "default");
	assert_true(jnull(doc, "configs.0.findings.2.location.line"));
	assert_true(jnull(doc, "configs.0.findings.2.location.column"));
	assert_true(jnull(doc, "configs.0.findings.2.assigned"));
	assert_string_equal(jstr(doc, "configs.0.findings.2.resolved"), "y");

	assert_int_equal(jint(doc, "configs.0.summary.errors"), 1);
	assert_int_equal(jint(doc, "configs.0.summary.warnings"), 1);
	assert_int_equal(jint(doc, "configs.0.summary.notes"), 1);

	jfree(doc);
	kc_buf_free(&out);
	kc_findings_free(&f);
}

static void test_json_escaping(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "dir \"q\"\\.config", &f, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;
	struct kc_finding *x;
	const char *s;
	struct jv *doc;

	x = kc_findings_add(&f, "vfio/policy\\x", KC_SEV_ERROR, "S", NULL, 1,
			    "%s", MSG_TRICKY);
	kc_finding_note(x, "K\"conf", 2, "note\x02");
	r.model = "m\xc3\xa9";
	kc_report_json(&r, &out);
	s = kc_buf_str(&out);

	/* The escapes as written; UTF-8 and DEL pass through as bytes. */
	assert_non_null(strstr(s, "\"message\": \"quote \\\" backslash \\\\ "
				  "tab \\t nl \\n ctl \\u0001\\u001f del \x7f "
				  "Größe ✓ 𝄞\""));
	assert_non_null(strstr(s, "\"path\": \"dir \\\"q\\\"\\\\.config\""));
	assert_non_null(strstr(s, "\"note\\u0002\""));
	assert_non_null(strstr(s, "\"model\": \"m\xc3\xa9\""));

	/* And they read back as the original bytes. */
	doc = jparse(s);
	assert_string_equal(jstr(doc, "configs.0.findings.0.message"),
			    MSG_TRICKY);
	assert_string_equal(jstr(doc, "configs.0.findings.0.rule"),
			    "vfio/policy\\x");
	/* A finding without a file is located in its .config. */
	assert_string_equal(jstr(doc, "configs.0.findings.0.location.file"),
			    "dir \"q\"\\.config");
	assert_string_equal(
		jstr(doc, "configs.0.findings.0.notes.0.location.file"),
		"K\"conf");
	assert_string_equal(jstr(doc, "configs.0.findings.0.notes.0.message"),
			    "note\x02");
	jfree(doc);
	kc_buf_free(&out);
	kc_findings_free(&f);
}

static void test_json_several_configs(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT, b = KC_FINDINGS_INIT;
	struct kc_findings c = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = {
		{ "a.config", &a, NULL, 0 },
		{ "b.config", &b, NULL, 0 },
		{ "c.config", &c, NULL, 0 },
	};
	struct kc_report r = make_report(configs, 3);
	struct kc_buf out = KC_BUF_INIT;
	struct jv *doc;

	add_sample(&a, "a.config");
	kc_findings_add(&c, KC_RULE_UNKNOWN_SYMBOL, KC_SEV_WARNING, "NOPE",
			"c.config", 5, "CONFIG_NOPE is not a symbol");
	kc_findings_add(&c, KC_RULE_INVALID_VALUE, KC_SEV_ERROR, "N",
			"c.config", 6, "CONFIG_N=abc is not an int");
	r.tool_version = NULL;
	r.model = NULL;
	kc_report_json(&r, &out);
	doc = jparse(kc_buf_str(&out));

	assert_true(jnull(doc, "tool.version"));
	assert_true(jnull(doc, "model"));
	assert_int_equal(jlen(doc, "configs"), 3);
	assert_string_equal(jstr(doc, "configs.0.path"), "a.config");
	assert_string_equal(jstr(doc, "configs.1.path"), "b.config");
	assert_string_equal(jstr(doc, "configs.2.path"), "c.config");
	assert_int_equal(jlen(doc, "configs.0.findings"), 3);
	assert_int_equal(jlen(doc, "configs.1.findings"), 0);
	assert_int_equal(jlen(doc, "configs.2.findings"), 2);
	assert_string_equal(jstr(doc, "configs.2.findings.1.symbol"), "N");

	assert_int_equal(jint(doc, "configs.1.summary.errors"), 0);
	assert_int_equal(jint(doc, "configs.2.summary.errors"), 1);
	assert_int_equal(jint(doc, "configs.2.summary.warnings"), 1);
	assert_int_equal(jint(doc, "configs.2.summary.notes"), 0);
	assert_int_equal(jint(doc, "summary.errors"), 2);
	assert_int_equal(jint(doc, "summary.warnings"), 2);
	assert_int_equal(jint(doc, "summary.notes"), 1);

	jfree(doc);
	kc_buf_free(&out);
	kc_findings_free(&a);
	kc_findings_free(&c);
}

/* ---- SARIF -------------------------------------------------------------- */

static void test_sarif_empty(void **state)
{
	struct kc_findings none = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { ".config", &none, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;
	struct jv *doc;

	kc_report_sarif(&r, &out);
	doc = jparse(kc_buf_str(&out));
	assert_string_equal(jstr(doc, "$schema"),
			    "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(jstr(doc, "version"), "2.1.0");
	assert_int_equal(jlen(doc, ""), 3);
	assert_int_equal(jlen(doc, "runs"), 1);
	assert_string_equal(jstr(doc, "runs.0.tool.driver.name"),
			    "vfio-kconfig-check");
	assert_string_equal(jstr(doc, "runs.0.tool.driver.version"), "0.1.0");
	assert_null(jget(doc, "runs.0.tool.driver.informationUri"));
	assert_int_equal(jlen(doc, "runs.0.tool.driver.rules"), 0);
	assert_int_equal(jlen(doc, "runs.0.results"), 0);
	assert_null(jget(doc, "runs.0.originalUriBaseIds"));
	jfree(doc);

	/* No configs, no version: still valid, version left out. */
	r.n_configs = 0;
	r.tool_version = NULL;
	kc_buf_reset(&out);
	kc_report_sarif(&r, &out);
	doc = jparse(kc_buf_str(&out));
	assert_null(jget(doc, "runs.0.tool.driver.version"));
	assert_int_equal(jlen(doc, "runs.0.results"), 0);
	jfree(doc);
	kc_buf_free(&out);
}

static void test_sarif_rules_and_index(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT, b = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = {
		{ "a.config", &a, NULL, 0 }, { "b.config", &b, NULL, 0 },
	};
	struct kc_report r = make_report(configs, 2);
	struct kc_buf out = KC_BUF_INIT;
	char p1[128], p2[128];
	struct jv *doc;
	size_t i, n;

	add_sample(&a, "a.config");	/* not-written, malformed-line, missing */
	kc_findings_add(&b, KC_RULE_MALFORMED_LINE, KC_SEV_ERROR, NULL,
			"b.config", 2, "line is not an assignment");
	kc_findings_add(&b, "vfio/iommu-required", KC_SEV_WARNING, "IOMMU",
			"b.config", 0, "VFIO needs an IOMMU");
	kc_findings_add(&b, KC_RULE_NOT_WRITTEN, KC_SEV_WARNING, "Y",
			"b.config", 9, "CONFIG_Y=y is not written");
	kc_report_sarif(&r, &out);
	doc = jparse(kc_buf_str(&out));

	/* One descriptor per rule used, in order of first use. */
	assert_int_equal(jlen(doc, "runs.0.tool.driver.rules"), 4);
	assert_string_equal(jstr(doc, "runs.0.tool.driver.rules.0.id"),
			    "kconfig/not-written");
	assert_string_equal(jstr(doc, "runs.0.tool.driver.rules.1.id"),
			    "kconfig/malformed-line");
	assert_string_equal(jstr(doc, "runs.0.tool.driver.rules.2.id"),
			    "kconfig/missing");
	assert_string_equal(jstr(doc, "runs.0.tool.driver.rules.3.id"),
			    "vfio/iommu-required");
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.2.shortDescription.text"),
		"A symbol the .config does not set would be written by resolution.");
	/* Rules without a sentence of their own are described by their id. */
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.3.shortDescription.text"),
		"vfio/iommu-required");
	/* The default level is the most severe level the rule was used at. */
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.0.defaultConfiguration.level"),
		"error");
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.1.defaultConfiguration.level"),
		"error");
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.2.defaultConfiguration.level"),
		"note");
	assert_string_equal(
		jstr(doc, "runs.0.tool.driver.rules.3.defaultConfiguration.level"),
		"warning");

	/* Every result's ruleIndex names its ruleId's descriptor. */
	n = jlen(doc, "runs.0.results");
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		long long k = jint(doc, jpath(p1, sizeof(p1),
					      "runs.0.results.%zu.ruleIndex", i));

		assert_true(k >= 0 && k < 4);
		assert_string_equal(
			jstr(doc, jpath(p1, sizeof(p1),
					"runs.0.results.%zu.ruleId", i)),
			jstr(doc, jpath(p2, sizeof(p2),
					"runs.0.tool.driver.rules.%lld.id", k)));
	}
	assert_int_equal(jint(doc, "runs.0.results.5.ruleIndex"), 0);
	assert_int_equal(jint(doc, "runs.0.results.4.ruleIndex"), 3);
	assert_string_equal(jstr(doc, "runs.0.results.0.level"), "error");
	assert_string_equal(jstr(doc, "runs.0.results.1.level"), "warning");
	assert_string_equal(jstr(doc, "runs.0.results.2.level"), "note");
	assert_string_equal(jstr(doc, "runs.0.results.5.level"), "warning");

	/* Results of the second config point into it. */
	assert_string_equal(
		jstr(doc, "runs.0.results.3.locations.0.physicalLocation."
			  "artifactLocation.uri"),
		"b.config");

	/* Fingerprints: the symbol, or the line for line-level findings. */
	assert_string_equal(
		jstr(doc, "runs.0.results.0.partialFingerprints."
			  "vfioKconfigCheck/v1"),
		"kconfig/not-written:VFIO_PCI");
	assert_string_equal(
		jstr(doc, "runs.0.results.1.partialFingerprints."
			  "vfioKconfigCheck/v1"),
		"kconfig/malformed-line:40");
	assert_string_equal(
		jstr(doc, "runs.0.results.4.partialFingerprints."
			  "vfioKconfigCheck/v1"),
		"vfio/iommu-required:IOMMU");

	jfree(doc);
	kc_buf_free(&out);
	kc_findings_free(&a);
	kc_findings_free(&b);
}

static void test_sarif_locations_and_notes(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = {
		{ "my configs/x#1%.config", &f, NULL, 0 },
	};
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;
	struct kc_finding *x;
	struct jv *doc;

	add_sample(&f, "my configs/x#1%.config");
	x = kc_findings_add(&f, KC_RULE_DUPLICATE, KC_SEV_WARNING, "A",
			    "/abs/dir/ü:1.config", 8, "CONFIG_A assigned twice");
	kc_finding_note(x, "/abs/dir/ü:1.config", 4, "first assigned here");
	kc_finding_note(x, "Kconfig", 0, "A is defined here");
	kc_finding_note(x, "Kconfig", 0, "A is defined here");
	kc_finding_note(x, NULL, 0, "the last assignment wins");
	kc_finding_note(x, NULL, 0, "second line");
	kc_report_sarif(&r, &out);
	doc = jparse(kc_buf_str(&out));

	/* The .config as a relative URI reference, percent-encoded. */
	assert_string_equal(
		jstr(doc, "runs.0.results.0.locations.0.physicalLocation."
			  "artifactLocation.uri"),
		"my%20configs/x%231%25.config");
	assert_null(jget(doc, "runs.0.results.0.locations.0.physicalLocation."
			      "artifactLocation.uriBaseId"));
	assert_int_equal(
		jint(doc, "runs.0.results.0.locations.0.physicalLocation."
			  "region.startLine"),
		12);
	/* No line: no region. */
	assert_null(jget(doc, "runs.0.results.2.locations.0.physicalLocation."
			      "region"));

	/* A note with a file is a related location, without SRCROOT when
	 * there is no source tree; a note without one joins the message. */
	assert_string_equal(jstr(doc, "runs.0.results.0.message.text"),
			    "CONFIG_VFIO_PCI=m is not written\nPCI is n");
	assert_int_equal(jlen(doc, "runs.0.results.0.relatedLocations"), 1);
	assert_int_equal(jint(doc, "runs.0.results.0.relatedLocations.0.id"), 1);
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.0.physicalLocation."
			  "artifactLocation.uri"),
		"drivers/vfio/pci/Kconfig");
	assert_null(jget(doc, "runs.0.results.0.relatedLocations.0."
			      "physicalLocation.artifactLocation.uriBaseId"));
	assert_int_equal(
		jint(doc, "runs.0.results.0.relatedLocations.0.physicalLocation."
			  "region.startLine"),
		3);
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.0.message.text"),
		"VFIO_PCI depends on PCI && MMU");
	/* Findings without notes have no relatedLocations. */
	assert_null(jget(doc, "runs.0.results.1.relatedLocations"));
	assert_string_equal(jstr(doc, "runs.0.results.1.message.text"),
			    "line is not an assignment");

	/* An absolute path becomes a file:// URI; ':' and UTF-8 encoded. */
	assert_string_equal(
		jstr(doc, "runs.0.results.3.locations.0.physicalLocation."
			  "artifactLocation.uri"),
		"file:///abs/dir/%C3%BC%3A1.config");
	assert_string_equal(jstr(doc, "runs.0.results.3.message.text"),
			    "CONFIG_A assigned twice\n"
			    "the last assignment wins\nsecond line");
	assert_int_equal(jlen(doc, "runs.0.results.3.relatedLocations"), 3);
	assert_string_equal(
		jstr(doc, "runs.0.results.3.relatedLocations.0.physicalLocation."
			  "artifactLocation.uri"),
		"file:///abs/dir/%C3%BC%3A1.config");
	/* Equal notes stay distinct items by their ids. */
	assert_int_equal(jint(doc, "runs.0.results.3.relatedLocations.1.id"), 2);
	assert_int_equal(jint(doc, "runs.0.results.3.relatedLocations.2.id"), 3);
	assert_null(jget(doc, "runs.0.results.3.relatedLocations.1."
			      "physicalLocation.region"));

	jfree(doc);
	kc_buf_free(&out);
	kc_findings_free(&f);
}

static void test_sarif_srcroot(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "build/.config", &f, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT, again = KC_BUF_INIT;
	struct kc_finding *x;
	char *cwd;
	struct jv *doc;

	x = kc_findings_add(&f, KC_RULE_VALUE_CHANGED, KC_SEV_ERROR, "B",
			    "build/.config", 3, "CONFIG_B=y resolves to m");
	kc_finding_note(x, "drivers/Kconfig", 10, "B depends on C");
	kc_finding_note(x, "build/.config", 2, "C is set to m here");
	kc_finding_note(x, "/usr/src/other/Kconfig", 1, "absolute");

	r.srctree = "/usr/src/linux 6.6/./arch/../";
	kc_report_sarif(&r, &out);
	doc = jparse(kc_buf_str(&out));
	assert_string_equal(jstr(doc, "runs.0.originalUriBaseIds.SRCROOT.uri"),
			    "file:///usr/src/linux%206.6/");
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.0.physicalLocation."
			  "artifactLocation.uri"),
		"drivers/Kconfig");
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.0.physicalLocation."
			  "artifactLocation.uriBaseId"),
		"SRCROOT");
	/* The .config is not in the source tree: no base. */
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.1.physicalLocation."
			  "artifactLocation.uri"),
		"build/.config");
	assert_null(jget(doc, "runs.0.results.0.relatedLocations.1."
			      "physicalLocation.artifactLocation.uriBaseId"));
	/* Nor does an absolute path need one. */
	assert_string_equal(
		jstr(doc, "runs.0.results.0.relatedLocations.2.physicalLocation."
			  "artifactLocation.uri"),
		"file:///usr/src/other/Kconfig");
	assert_null(jget(doc, "runs.0.results.0.relatedLocations.2."
			      "physicalLocation.artifactLocation.uriBaseId"));
	assert_null(jget(doc, "runs.0.results.0.locations.0.physicalLocation."
			      "artifactLocation.uriBaseId"));
	jfree(doc);

	/* A relative source tree is made absolute from the working folder. */
	cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	assert_int_equal(chdir("/"), 0);
	r.srctree = "src//linux/.";
	kc_buf_reset(&out);
	kc_report_sarif(&r, &out);
	r.srctree = "..";	/* above the root is the root */
	kc_buf_reset(&again);
	kc_report_sarif(&r, &again);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	doc = jparse(kc_buf_str(&out));
	assert_string_equal(jstr(doc, "runs.0.originalUriBaseIds.SRCROOT.uri"),
			    "file:///src/linux/");
	jfree(doc);
	doc = jparse(kc_buf_str(&again));
	assert_string_equal(jstr(doc, "runs.0.originalUriBaseIds.SRCROOT.uri"),
			    "file:///");
	jfree(doc);

	kc_buf_free(&out);
	kc_buf_free(&again);
	kc_findings_free(&f);
}

static void test_sarif_escaping(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { ".config", &f, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT, again = KC_BUF_INIT;
	struct kc_finding *x;
	struct jv *doc;

	x = kc_findings_add(&f, "vfio/\"quoted\"", KC_SEV_NOTE, "S", ".config",
			    1, "%s", MSG_TRICKY);
	kc_finding_note(x, NULL, 0, "tab\there");
	kc_report_sarif(&r, &out);
	assert_non_null(strstr(kc_buf_str(&out),
			       "\"text\": \"quote \\\" backslash \\\\ tab \\t "
			       "nl \\n ctl \\u0001\\u001f del \x7f Größe ✓ 𝄞"
			       "\\ntab\\there\""));
	doc = jparse(kc_buf_str(&out));
	assert_string_equal(jstr(doc, "runs.0.results.0.message.text"),
			    MSG_TRICKY "\ntab\there");
	assert_string_equal(jstr(doc, "runs.0.results.0.ruleId"),
			    "vfio/\"quoted\"");
	assert_string_equal(jstr(doc, "runs.0.tool.driver.rules.0.id"),
			    "vfio/\"quoted\"");

	/* The same findings give the same bytes. */
	kc_report_sarif(&r, &again);
	assert_string_equal(kc_buf_str(&out), kc_buf_str(&again));

	jfree(doc);
	kc_buf_free(&out);
	kc_buf_free(&again);
	kc_findings_free(&f);
}

/*
 * Bytes that are not UTF-8 (a Latin-1 .config string, a truncated
 * sequence, an overlong form) are escaped as the text \xNN in JSON and
 * SARIF, so strict readers accept the document, and in the text report,
 * which then says so; well-formed UTF-8 passes through.
 */
static void test_non_utf8_bytes(void **state)
{
	struct kc_findings f = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "caf\xe9.config", &f, NULL, 0 } };
	struct kc_report r = make_report(configs, 1);
	struct kc_buf out = KC_BUF_INIT;
	struct jv *doc;

	kc_findings_add(&f, "vfio/x", KC_SEV_ERROR, "S", NULL, 1, "%s",
			"d\xe9j\xe0 \xc3 \xc0\xaf \xef\xbf\xbe ok \xc3\xa9");
	kc_report_json(&r, &out);
	doc = jparse(kc_buf_str(&out));
	assert_string_equal(jstr(doc, "configs.0.findings.0.message"),
			    "d\\xe9j\\xe0 \\xc3 \\xc0\\xaf \\xef\\xbf\\xbe ok \xc3\xa9");
	assert_string_equal(jstr(doc, "configs.0.path"), "caf\\xe9.config");
	jfree(doc);
	kc_buf_reset(&out);
	kc_report_sarif(&r, &out);
	jfree(jparse(kc_buf_str(&out)));
	kc_buf_reset(&out);
	kc_report_text(&r, false, &out);
	assert_non_null(strstr(kc_buf_str(&out),
			       "error: d\\xe9j\\xe0 \\xc3 "
			       "\\xc0\\xaf \\xef\\xbf\\xbe ok \xc3\xa9 [vfio/x]\n"));
	assert_non_null(strstr(kc_buf_str(&out), "\ncaf\\xe9.config: 1 error"));
	assert_non_null(strstr(kc_buf_str(&out),
			       "note: bytes that are not UTF-8 are shown as \\xNN\n"));
	kc_buf_reset(&out);
	kc_findings_free(&f);
	f = (struct kc_findings)KC_FINDINGS_INIT;
	configs[0].path = "ok.config";
	kc_findings_add(&f, "vfio/x", KC_SEV_ERROR, "S", NULL, 1, "Gr\xc3\xb6\xc3\x9f" "e");
	kc_report_text(&r, false, &out);
	assert_null(strstr(kc_buf_str(&out), "not UTF-8"));
	kc_buf_free(&out);
	kc_findings_free(&f);
}

/* The reader itself must refuse what a broken writer could produce. */
static void test_reader_is_strict(void **state)
{
	static const char *const bad[] = {
		"{\"a\": 1,}", "{\"a\": 1 \"b\": 2}", "{\"a\": 1, \"a\": 2}",
		"[\"\x01\"]", "[\"\\x\"]", "[\"\xc3\"]", "[1] [2]", "[01]",
		"[\"\\ud800\"]",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct jparser ps = { bad[i], NULL };
		struct jv *v = jparse_value(&ps, 0);

		if (v) {
			jskip_ws(&ps);
			if (!*ps.p) {
				print_error("accepted: %s\n", bad[i]);
				fail();
			}
			jfree(v);
		}
	}
}

/* Numbers at the ends of their ranges, as JSON writes them. */
static void test_json_numbers(void **state)
{
	struct kc_buf out = KC_BUF_INIT;
	struct kc_json j;

	(void)state;
	kc_json_init(&j, &out);
	kc_json_begin_array(&j);
	kc_json_uint(&j, UINT64_MAX);
	kc_json_uint(&j, 0);
	kc_json_int(&j, INT64_MIN);
	kc_json_int(&j, -7);
	kc_json_end_array(&j);
	{
		char *text = kc_xstrdup(kc_buf_str(&out)), *r, *w;

		for (r = w = text; *r; r++)	/* the layout aside */
			if (*r != ' ' && *r != '\n')
				*w++ = *r;
		*w = '\0';
		assert_string_equal(text,
				    "[18446744073709551615,0,-9223372036854775808,-7]");
		free(text);
	}
	kc_buf_free(&out);
}

int main(void)
{
#define T(fn) cmocka_unit_test(fn)
	const struct CMUnitTest tests[] = {
		T(test_reader_is_strict),
		T(test_format_parse),
		T(test_count),
		T(test_json_empty_exact),
		T(test_json_finding_fields),
		T(test_json_escaping),
		T(test_json_several_configs),
		T(test_sarif_empty),
		T(test_sarif_rules_and_index),
		T(test_sarif_locations_and_notes),
		T(test_sarif_srcroot),
		T(test_sarif_escaping),
		T(test_non_utf8_bytes),
		T(test_json_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
