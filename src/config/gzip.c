/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip.c - gzip-compressed .config files, read directly (RFC 1952, through
 * zlib).  The kernel's CONFIG_IKCONFIG_PROC gives /proc/config.gz, and
 * distributions ship config.gz files; people check copies of both.
 *
 * Everything is decided by the data: a damaged file is an error with a
 * reason (never a crash, never a partial .config), and the output is
 * capped so that a small hostile file cannot make us allocate gigabytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST
#include <zlib.h>

#include "gzip.h"
#include "kc_base.h"

bool kc_is_gzip(const char *data, size_t len)
{
	return len >= 2 && (unsigned char)data[0] == 0x1f &&
	       (unsigned char)data[1] == 0x8b;
}

/* zlib counts in uInt; feed it at most this much at a time. */
#define CHUNK ((size_t)1 << 20)

int kc_gunzip(const char *data, size_t len, size_t limit, char **out,
	      size_t *out_len, char **why)
{
	struct kc_buf buf = KC_BUF_INIT;
	size_t pos = 0;
	z_stream zs;
	int ret;

	*why = NULL;
	memset(&zs, 0, sizeof(zs));
	/* 15 + 16: the largest window, gzip wrapper only (no zlib, no raw). */
	if (inflateInit2(&zs, 15 + 16) != Z_OK) {
		*why = kc_xstrdup("cannot initialise zlib");
		return -1;
	}
	for (;;) {
		size_t in_now = len - pos < CHUNK ? len - pos : CHUNK;
		size_t room;

		kc_buf_reserve(&buf, 64 * 1024);
		room = buf.cap - buf.len - 1;
		if (room > CHUNK)
			room = CHUNK;
		/* One byte past the limit is enough to know it is exceeded. */
		if (limit < SIZE_MAX && room > limit + 1 - buf.len)
			room = limit + 1 - buf.len;
		zs.next_in = (const Bytef *)(data + pos);
		zs.avail_in = (uInt)in_now;
		zs.next_out = (Bytef *)buf.data + buf.len;
		zs.avail_out = (uInt)room;
		ret = inflate(&zs, Z_NO_FLUSH);
		pos += in_now - zs.avail_in;
		buf.len += room - zs.avail_out;
		buf.data[buf.len] = '\0';
		if (buf.len > limit) {
			*why = kc_xasprintf("decompresses to more than %zu MiB; not a .config file",
					    limit >> 20);
			goto fail;
		}
		if (ret == Z_STREAM_END) {
			if (pos == len)
				break;
			/* Another member follows (gzip a b > c), or junk. */
			if (!kc_is_gzip(data + pos, len - pos)) {
				*why = kc_xasprintf("%zu bytes of trailing data after the gzip stream",
						    len - pos);
				goto fail;
			}
			if (inflateReset(&zs) != Z_OK) {
				*why = kc_xstrdup("cannot reset zlib");
				goto fail;
			}
			continue;
		}
		if (ret == Z_BUF_ERROR && pos == len && zs.avail_out > 0) {
			*why = kc_xstrdup("truncated gzip data (unexpected end of file)");
			goto fail;
		}
		if (ret == Z_DATA_ERROR) {
			*why = kc_xasprintf("corrupt gzip data (%s)",
					    zs.msg ? zs.msg : "invalid data");
			goto fail;
		}
		if (ret == Z_MEM_ERROR) {
			*why = kc_xstrdup("out of memory while decompressing");
			goto fail;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			*why = kc_xasprintf("gzip decompression failed (zlib error %d)",
					    ret);
			goto fail;
		}
	}
	inflateEnd(&zs);
	*out_len = buf.len;
	*out = kc_buf_detach(&buf);
	return 0;
fail:
	inflateEnd(&zs);
	kc_buf_free(&buf);
	return -1;
}
