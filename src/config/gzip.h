/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip.h - decompressing gzip data in memory, for .config files kept
 * compressed (config.gz, copies of /proc/config.gz).  Private to
 * src/config; the unit tests use it too.
 */
#ifndef KC_CONFIG_GZIP_H
#define KC_CONFIG_GZIP_H

#include <stdbool.h>
#include <stddef.h>

/* Whether 'data' starts with the gzip magic bytes 1f 8b (RFC 1952). */
bool kc_is_gzip(const char *data, size_t len);

/*
 * Decompresses every gzip member of 'data' (as gzip -d does with
 * concatenated members) into a malloc'd, NUL-terminated buffer.  Refuses
 * more than 'limit' bytes of output.  Returns 0, or -1 with the reason in
 * *why (malloc'd; the caller frees it): corrupt or truncated data, a
 * checksum that does not match, trailing bytes, or the limit.
 */
int kc_gunzip(const char *data, size_t len, size_t limit, char **out,
	      size_t *out_len, char **why);

#endif /* KC_CONFIG_GZIP_H */
