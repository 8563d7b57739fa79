/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_embedded.h - the files compiled into the binary: the embedded Kconfig
 * models under kconfig/<model>/ and the rule packs under rules/.
 */
#ifndef KC_EMBEDDED_H
#define KC_EMBEDDED_H

#include <stddef.h>

#include "kc_base.h"

struct kc_embedded_file {
	const char *path;	/* relative to the source tree: kconfig/... */
	const char *data;	/* NUL-terminated */
	size_t len;
};

/* Generated at build time; ends with an entry whose path is NULL. */
extern const struct kc_embedded_file kc_embedded_files[];

/* The model used when neither --kconfig nor --srctree is given. */
#define KC_EMBEDDED_DEFAULT_MODEL "vfio-6.6"

/* A file by its full embedded path (e.g. "rules/vfio.yaml"), or NULL. */
const struct kc_embedded_file *kc_embedded_lookup(const char *path);

/* Models compiled in: the folder names under kconfig/, sorted. */
size_t kc_embedded_model_count(void);
/* Copies the i-th model name into buf (size n); returns buf. */
const char *kc_embedded_model_name(size_t i, char *buf, size_t n);

/*
 * A provider over one folder of the embedded files: it reads, lists and
 * names (canonical: the full embedded path) what is under its prefix, and
 * never touches the disk; an absolute path is an error.  The cap starts at
 * KC_FS_MAX_SIZE.
 */
struct kc_embedded_fs {
	struct kc_fs fs;
	char prefix[128];	/* "kconfig/<model>/" or "rules/" */
	char why[96];		/* the reason of the last failed read */
};

/* kconfig/<model>/; returns 0, or -1 when no such model is compiled in. */
int kc_embedded_fs_init(struct kc_embedded_fs *efs, const char *model);
/* rules/: the built-in rule packs. */
void kc_embedded_rules_fs_init(struct kc_embedded_fs *efs);

#endif /* KC_EMBEDDED_H */
