/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kbuild_internal.h - what the files of the Kbuild walk share (private to
 * src/kbuild).
 */
#ifndef KC_KBUILD_INTERNAL_H
#define KC_KBUILD_INTERNAL_H

#include <stdbool.h>

#include "kc_base.h"

/*
 * Does the source of built-in object 'obj' ("fs/ext4/super.o": its .c
 * file, read through fs) use MODULE_LICENSE() outside comments and
 * outside "#ifdef MODULE" blocks?  Such an object gets a "file=" entry in
 * vmlinux's .modinfo (include/linux/module.h, MODULE_FILE).
 */
bool kb_object_declares_license(const struct kc_fs *fs, const char *obj);

#endif /* KC_KBUILD_INTERNAL_H */
