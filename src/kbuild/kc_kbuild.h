/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_kbuild.h - the Kbuild layer: reading a kernel tree's Makefiles.
 *
 * Today: the kernel version from the top Makefile's header.  Every read
 * goes through a struct kc_fs, like the Kconfig front end.
 */
#ifndef KC_KBUILD_H
#define KC_KBUILD_H

#include "kc_base.h"

/* VERSION, PATCHLEVEL, SUBLEVEL and EXTRAVERSION of a top Makefile. */
struct kc_kernel_version {
	int version;		/* -1 when the Makefile does not say */
	int patchlevel;
	int sublevel;		/* -1 when empty */
	char extraversion[64];	/* "" when empty */
};

/*
 * Reads the header assignments of the Makefile at 'path' (through fs) the
 * way make would: "VERSION = 6" with any spacing around '='.  Returns 0, or
 * -1 with a located diagnostic in d (unreadable file, no VERSION or
 * PATCHLEVEL, a value that is not a number).
 */
int kc_kbuild_kernel_version(const struct kc_fs *fs, const char *path,
			     struct kc_kernel_version *v, struct kc_diags *d);

/*
 * KERNELVERSION as the kernel's Makefile composes it: "6.12.0" (an empty
 * SUBLEVEL is left out, "0" is not), then EXTRAVERSION.
 */
void kc_kernel_version_string(const struct kc_kernel_version *v,
			      struct kc_buf *out);

#endif /* KC_KBUILD_H */
