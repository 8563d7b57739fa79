// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_junit.c - findings rendered as JUnit XML (src/report/report_junit.c)
 * for GitLab and Jenkins: the exact bytes of a small report, which
 * findings become <failure> for each --fail-on level, the counts, and the
 * escaping that keeps every output well-formed XML 1.0 in UTF-8 whatever
 * bytes a .config holds.  tests/e2e/test_junit.sh runs a real XML parser
 * over the tool's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_report.h"

static struct kc_report make_report(const struct kc_report_config *configs,
				    size_t n, int fail_on)
{
	struct kc_report r = {
		.tool_version = "0.1.0",
		.model = "embedded model vfio-6.6",
		.configs = configs,
		.n_configs = n,
		.fail_on = fail_on,
	};
	return r;
}

/* An error with notes, a warning about a line, a note without a line. */
static void add_sample(struct kc_findings *f, const char *path)
{
	struct kc_finding *x;

	x = kc_findings_add(f, KC_RULE_NOT_WRITTEN, KC_SEV_ERROR, "VFIO_PCI",
			    path, 12, "CONFIG_VFIO_PCI=m is not written");
	kc_finding_note(x, "drivers/vfio/pci/Kconfig", 3,
			"VFIO_PCI depends on PCI && MMU");
	kc_finding_note(x, NULL, 0, "PCI is n");
	kc_findings_add(f, KC_RULE_MALFORMED_LINE, KC_SEV_WARNING, NULL, path,
			40, "line is not an assignment");
	kc_findings_add(f, KC_RULE_MISSING, KC_SEV_NOTE, "VFIO_IOMMU_TYPE1",
			path, 0, "CONFIG_VFIO_IOMMU_TYPE1 would be written");
}

static char *render(const struct kc_report *r)
{
	struct kc_buf out = KC_BUF_INIT;

	kc_report_junit(r, &out);
	return kc_buf_detach(&out);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* Whether s is UTF-8 and holds only characters XML 1.0 allows. */
static bool xml_chars_ok(const unsigned char *s)
{
	while (*s) {
		unsigned int cp;
		int n, i;

		if (*s < 0x80) {
			if (*s < 0x20 && *s != '\n' && *s != '\t' && *s != '\r')
				return false;
			s++;
			continue;
		}
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 2, cp = *s & 0x1f;
		else if (*s >= 0xe0 && *s <= 0xef)
			n = 3, cp = *s & 0x0f;
		else if (*s >= 0xf0 && *s <= 0xf4)
			n = 4, cp = *s & 0x07;
		else
			return false;
		for (i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
		    cp == 0xfffe || cp == 0xffff)
			return false;
		s += n;
	}
	return true;
}

static void test_format_parse(void **state)
{
	enum kc_format fmt = KC_FORMAT_TEXT;

	assert_int_equal(kc_format_parse("junit", &fmt), 0);
	assert_int_equal(fmt, KC_FORMAT_JUNIT);
	assert_int_equal(kc_format_parse("JUnit", &fmt), -1);
	assert_int_equal(kc_format_parse("xml", &fmt), -1);
}

static void test_exact(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT, clean = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = {
		{ "build/.config", &a, NULL, 0 }, { "ok.config", &clean, NULL, 0 },
	};
	struct kc_report r = make_report(configs, 2, KC_SEV_WARNING);
	char *xml;

	add_sample(&a, "build/.config");
	xml = render(&r);
	assert_string_equal(xml,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"vfio-kconfig-check\" tests=\"4\" failures=\"2\" errors=\"0\" time=\"0\">\n"
		"  <testsuite name=\"build/.config\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
		"    <properties>\n"
		"      <property name=\"vfio-kconfig-check.version\" value=\"0.1.0\"/>\n"
		"      <property name=\"model\" value=\"embedded model vfio-6.6\"/>\n"
		"    </properties>\n"
		"    <testcase classname=\"build/.config\" name=\"kconfig/not-written:VFIO_PCI\" file=\"build/.config\" line=\"12\" time=\"0\">\n"
		"      <failure type=\"error\" message=\"CONFIG_VFIO_PCI=m is not written\">"
		"build/.config:12: error: CONFIG_VFIO_PCI=m is not written [kconfig/not-written]\n"
		"  drivers/vfio/pci/Kconfig:3: note: VFIO_PCI depends on PCI &amp;&amp; MMU\n"
		"  note: PCI is n\n"
		"</failure>\n"
		"    </testcase>\n"
		"    <testcase classname=\"build/.config\" name=\"kconfig/malformed-line:40\" file=\"build/.config\" line=\"40\" time=\"0\">\n"
		"      <failure type=\"warning\" message=\"line is not an assignment\">"
		"build/.config:40: warning: line is not an assignment [kconfig/malformed-line]\n"
		"</failure>\n"
		"    </testcase>\n"
		"    <testcase classname=\"build/.config\" name=\"kconfig/missing:VFIO_IOMMU_TYPE1\" file=\"build/.config\" time=\"0\">\n"
		"      <system-out>"
		"build/.config: note: CONFIG_VFIO_IOMMU_TYPE1 would be written [kconfig/missing]\n"
		"</system-out>\n"
		"    </testcase>\n"
		"  </testsuite>\n"
		"  <testsuite name=\"ok.config\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
		"    <properties>\n"
		"      <property name=\"vfio-kconfig-check.version\" value=\"0.1.0\"/>\n"
		"      <property name=\"model\" value=\"embedded model vfio-6.6\"/>\n"
		"    </properties>\n"
		"    <testcase classname=\"ok.config\" name=\"no findings\" file=\"ok.config\" time=\"0\"/>\n"
		"  </testsuite>\n"
		"</testsuites>\n");
	free(xml);
	kc_findings_free(&a);
}

/* --fail-on note, warning, error, never: 3, 2, 1, 0 failures. */
static void test_fail_on(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { ".config", &a, NULL, 0 } };
	static const char *const totals[] = {
		"tests=\"3\" failures=\"3\"", "tests=\"3\" failures=\"2\"",
		"tests=\"3\" failures=\"1\"", "tests=\"3\" failures=\"0\"",
	};
	int level;

	add_sample(&a, ".config");
	for (level = KC_SEV_NOTE; level <= KC_SEV_ERROR + 1; level++) {
		struct kc_report r = make_report(configs, 1, level);
		char *xml = render(&r);

		assert_int_equal(count(xml, "<failure "), 3 - level);
		assert_int_equal(count(xml, "<system-out>"), level);
		assert_int_equal(count(xml, "<testcase "), 3);
		/* The root and the suite agree. */
		assert_int_equal(count(xml, totals[level]), 2);
		free(xml);
	}
	kc_findings_free(&a);
}

/* A .config without findings still gives a test, so dashboards count it. */
static void test_no_configs_and_clean(void **state)
{
	struct kc_findings clean = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "a", &clean, NULL, 0 },
					      { "b", NULL, NULL, 0 } };
	struct kc_report r = make_report(configs, 2, KC_SEV_ERROR);
	char *xml = render(&r);

	assert_non_null(strstr(xml, "<testsuites name=\"vfio-kconfig-check\" tests=\"2\" failures=\"0\""));
	assert_int_equal(count(xml, "name=\"no findings\""), 2);
	free(xml);

	r = make_report(configs, 0, KC_SEV_ERROR);
	r.tool_version = NULL;
	r.model = NULL;
	xml = render(&r);
	assert_string_equal(xml,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"vfio-kconfig-check\" tests=\"0\" failures=\"0\" errors=\"0\" time=\"0\">\n"
		"</testsuites>\n");
	free(xml);
}

/*
 * Markup characters, newlines in attributes, C0 controls (not allowed in
 * XML 1.0 even as references) and bytes that are not UTF-8: Latin-1, an
 * overlong '/', a UTF-16 surrogate, U+FFFE, a lone continuation byte, a
 * sequence cut short at the end.
 */
static void test_escaping(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { "dir/<a&b>\"'.config", &a, NULL, 0 } };
	struct kc_report r = make_report(configs, 1, KC_SEV_NOTE);
	struct kc_finding *x;
	char *xml;

	x = kc_findings_add(&a, "vfio/<rule>&", KC_SEV_ERROR, "S\"1", NULL, 7,
			    "a<b & c>d \"q\" 'a' nl\nnext tab\tcr\r ctl\x01\x1f "
			    "del\x7f caf\xe9 overlong\xc0\xaf sur\xed\xa0\x80 "
			    "fffe\xef\xbf\xbe lone\x80 Größe ✓ 𝄞 cut\xe2\x9c");
	kc_finding_note(x, "K&conf", 2, "note <%s>", "x\x02y");
	x->col = 1;
	xml = render(&r);

	assert_true(xml_chars_ok((const unsigned char *)xml));
	/* Attributes: markup escaped, newline, tab and CR as references. */
	assert_non_null(strstr(xml, " classname=\"dir/&lt;a&amp;b&gt;&quot;'.config\""));
	assert_non_null(strstr(xml, " name=\"vfio/&lt;rule&gt;&amp;:S&quot;1\""));
	assert_non_null(strstr(xml,
		" message=\"a&lt;b &amp; c&gt;d &quot;q&quot; 'a' nl&#10;next tab&#9;cr&#13; ctl\xef\xbf\xbd\xef\xbf\xbd "
		"del\x7f caf\xef\xbf\xbd overlong\xef\xbf\xbd\xef\xbf\xbd sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
		"fffe\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd lone\xef\xbf\xbd Größe ✓ 𝄞 cut\xef\xbf\xbd\xef\xbf\xbd\""));
	/* Text: newline and tab kept, quotes need no escape. */
	assert_non_null(strstr(xml,
		">dir/&lt;a&amp;b&gt;\"'.config:7: error: a&lt;b &amp; c&gt;d \"q\" 'a' nl\nnext tab\tcr&#13; ctl"));
	assert_non_null(strstr(xml, "  K&amp;conf:2: note: note &lt;x\xef\xbf\xbdy&gt;\n</failure>"));
	free(xml);
	kc_findings_free(&a);
}

/* The same findings give the same bytes. */
static void test_deterministic(void **state)
{
	struct kc_findings a = KC_FINDINGS_INIT;
	struct kc_report_config configs[] = { { ".config", &a, NULL, 0 } };
	struct kc_report r = make_report(configs, 1, KC_SEV_ERROR);
	char *one, *two;

	add_sample(&a, ".config");
	one = render(&r);
	two = render(&r);
	assert_string_equal(one, two);
	assert_null(strstr(one, "timestamp"));
	free(one);
	free(two);
	kc_findings_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_fail_on),
		cmocka_unit_test(test_no_configs_and_clean),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
