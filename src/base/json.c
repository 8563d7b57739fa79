/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json.c - a small streaming JSON writer, indented two spaces per level.
 */
#include <string.h>

#include "kc_base.h"

void kc_json_init(struct kc_json *j, struct kc_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void indent(struct kc_json *j)
{
	static const char spaces[] = "\n                                                                                                                                ";
	size_t n = 1 + 2 * (size_t)j->depth;

	if (n > sizeof(spaces) - 1)
		n = sizeof(spaces) - 1;
	kc_buf_add(j->out, spaces, n);
}

/* Separator and indentation before a value or a key. */
static void before_value(struct kc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->need_comma[j->depth])
		kc_buf_addc(j->out, ',');
	j->need_comma[j->depth] = true;
	indent(j);
}

static void open_level(struct kc_json *j, char c)
{
	before_value(j);
	kc_buf_addc(j->out, c);
	if (j->depth < 63)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_level(struct kc_json *j, char c)
{
	bool had_items = j->need_comma[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had_items)
		indent(j);
	kc_buf_addc(j->out, c);
	if (j->depth == 0)
		kc_buf_addc(j->out, '\n');
}

void kc_json_begin_object(struct kc_json *j)
{
	open_level(j, '{');
}

void kc_json_end_object(struct kc_json *j)
{
	close_level(j, '}');
}

void kc_json_begin_array(struct kc_json *j)
{
	open_level(j, '[');
}

void kc_json_end_array(struct kc_json *j)
{
	close_level(j, ']');
}

static void quote(struct kc_buf *out, const char *s)
{
	const char *run = s;

	kc_buf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (__builtin_expect(c >= 0x20 && c < 0x80 && c != '"' &&
				     c != '\\', 1))
			continue;
		if (c >= 0x80) {
			size_t n = kc_utf8_len((const unsigned char *)s);

			if (n) {
				s += n - 1;
				continue;
			}
		}
		kc_buf_add(out, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':
			kc_buf_add(out, "\\\"", 2);
			break;
		case '\\':
			kc_buf_add(out, "\\\\", 2);
			break;
		case '\n':
			kc_buf_add(out, "\\n", 2);
			break;
		case '\t':
			kc_buf_add(out, "\\t", 2);
			break;
		case '\r':
			kc_buf_add(out, "\\r", 2);
			break;
		default:
			/*
			 * A control character as \u00NN; a byte that is not
			 * UTF-8 as the text \xNN, so the document stays valid.
			 */
			if (c < 0x80)
				kc_buf_addf(out, "\\u%04x", c);
			else
				kc_buf_addf(out, "\\\\x%02x", c);
			break;
		}
	}
	kc_buf_add(out, run, (size_t)(s - run));
	kc_buf_addc(out, '"');
}

void kc_json_key(struct kc_json *j, const char *key)
{
	before_value(j);
	quote(j->out, key);
	kc_buf_add(j->out, ": ", 2);
	j->after_key = true;
}

void kc_json_string(struct kc_json *j, const char *s)
{
	if (!s) {
		kc_json_null(j);
		return;
	}
	before_value(j);
	quote(j->out, s);
}

/* The digits of u, after a minus sign when 'minus'. */
static void number(struct kc_json *j, unsigned long long u, bool minus)
{
	char digits[24];
	int n = sizeof(digits);

	before_value(j);
	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (minus)
		digits[--n] = '-';
	kc_buf_add(j->out, digits + n, sizeof(digits) - (size_t)n);
}

void kc_json_int(struct kc_json *j, long long v)
{
	number(j, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v,
	       v < 0);
}

void kc_json_uint(struct kc_json *j, unsigned long long v)
{
	number(j, v, false);
}

void kc_json_bool(struct kc_json *j, bool v)
{
	before_value(j);
	kc_buf_adds(j->out, v ? "true" : "false");
}

void kc_json_null(struct kc_json *j)
{
	before_value(j);
	kc_buf_adds(j->out, "null");
}

void kc_json_kv_string(struct kc_json *j, const char *key, const char *s)
{
	kc_json_key(j, key);
	kc_json_string(j, s);
}

void kc_json_kv_int(struct kc_json *j, const char *key, long long v)
{
	kc_json_key(j, key);
	kc_json_int(j, v);
}

void kc_json_kv_uint(struct kc_json *j, const char *key, unsigned long long v)
{
	kc_json_key(j, key);
	kc_json_uint(j, v);
}

void kc_json_kv_bool(struct kc_json *j, const char *key, bool v)
{
	kc_json_key(j, key);
	kc_json_bool(j, v);
}
