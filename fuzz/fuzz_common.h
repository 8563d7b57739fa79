/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_common.h - what the libFuzzer harnesses share: a Kconfig tree served
 * from the fuzzer's bytes.  The input is split at the first "\n#---\n":
 * the part before is the top Kconfig, the part after a second file named
 * "sub" that the first may `source`.  Every other path is absent, so no
 * harness touches the disk.
 */
#ifndef KC_FUZZ_COMMON_H
#define KC_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "kc_base.h"
#include "kc_frontend.h"

struct fuzz_tree {
	char *top, *sub;
	size_t top_len, sub_len;
};

static inline char *fuzz_dup(const uint8_t *p, size_t n)
{
	char *s = kc_xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static inline void fuzz_tree_init(struct fuzz_tree *t, const uint8_t *data,
				  size_t size)
{
	static const char sep[] = "\n#---\n";
	const uint8_t *cut = memmem(data, size, sep, sizeof(sep) - 1);
	size_t top = cut ? (size_t)(cut - data) : size;

	t->top = fuzz_dup(data, top);
	t->top_len = top;
	if (cut) {
		size_t off = top + sizeof(sep) - 1;

		t->sub = fuzz_dup(data + off, size - off);
		t->sub_len = size - off;
	} else {
		t->sub = NULL;
		t->sub_len = 0;
	}
}

static inline void fuzz_tree_release(struct fuzz_tree *t)
{
	free(t->top);
	free(t->sub);
}

static inline int fuzz_tree_read(void *ctx, const char *path, char **data,
				 size_t *len, const char **why)
{
	const struct fuzz_tree *t = ctx;
	const char *text = NULL;
	size_t n = 0;

	if (!strcmp(path, "Kconfig")) {
		text = t->top;
		n = t->top_len;
	} else if (!strcmp(path, "sub") && t->sub) {
		text = t->sub;
		n = t->sub_len;
	}
	if (!text) {
		*why = "no such file";
		return -1;
	}
	*data = kc_xmalloc(n + 1);
	memcpy(*data, text, n + 1);
	*len = n;
	return 0;
}

/* Parses the tree; NULL when the front end rejects it. */
static inline struct kc_model *fuzz_parse(struct fuzz_tree *t,
					  struct kc_diags *d)
{
	struct kc_fs fs = { .read = fuzz_tree_read, .ctx = t };
	struct kc_parse_options opt = { .fs = &fs };

	return kc_parse(&opt, d);
}

#endif /* KC_FUZZ_COMMON_H */
