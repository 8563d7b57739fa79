/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * utf8.c - telling well-formed UTF-8 from other bytes, so every report is
 * valid UTF-8 whatever the .config, Kconfig or rule file held (a Latin-1
 * string in a .config is the usual case).
 */
#include "kc_base.h"

size_t kc_utf8_len(const unsigned char *s)
{
	size_t n, i;
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
	/* Overlong forms, surrogates, beyond U+10FFFF, U+FFFE and U+FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

bool kc_utf8_escape(struct kc_buf *out, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *end = s + len, *run = s;
	bool escaped = false;

	while (s < end) {
		size_t n;

		if (*s < 0x80) {
			s++;
			continue;
		}
		/* The NUL after the text stops kc_utf8_len at the end. */
		n = kc_utf8_len(s);
		if (n && s + n <= end) {
			s += n;
			continue;
		}
		kc_buf_add(out, (const char *)run, (size_t)(s - run));
		kc_buf_addf(out, "\\x%02x", *s);
		escaped = true;
		run = ++s;
	}
	kc_buf_add(out, (const char *)run, (size_t)(s - run));
	return escaped;
}
