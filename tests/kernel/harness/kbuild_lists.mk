# SPDX-License-Identifier: GPL-2.0-only
# GNU make as the oracle of the Kbuild reader: reads one folder's Kbuild
# file as scripts/Makefile.build does, and prints its lists in the format of
# `vfio-kconfig-check modules --format lists`.  Run from the top of the tree:
#
#   make -s -rR -f kbuild_lists.mk obj=DIR need-builtin=1 need-modorder=1 \
#        KC_AUTOCONF=auto.conf kc-lists
#
# with the environment a sub-make of the kernel's build gets (ARCH, SRCARCH,
# BITS, srctree, the tool names).  The compiler probes of
# scripts/Makefile.compiler are not defined, as in the reader's hermetic
# mode: a $(call cc-option,...) expands to nothing.

kc-lists: ; @:
.PHONY: kc-lists

# Makefile.build reads auto.conf first; the top Makefile too, before the
# arch Makefile.
-include $(KC_AUTOCONF)

# The top Makefile's part before descending: core-y, drivers-y and libs-y,
# the arch Makefile, and what it exports to the top Kbuild.
ifeq ($(obj),.)
core-y :=
drivers-y :=
libs-y := lib/
include $(srctree)/arch/$(SRCARCH)/Makefile
export ARCH_CORE := $(core-y)
export ARCH_LIB := $(filter %/, $(libs-y))
export ARCH_DRIVERS := $(drivers-y) $(drivers-m)
endif

# scripts/Makefile.build, up to the Kbuild file.
src := $(obj)
obj-y :=
obj-m :=
lib-y :=
lib-m :=
always-y :=
always-m :=
targets :=
subdir-y :=
subdir-m :=
EXTRA_AFLAGS :=
EXTRA_CFLAGS :=
EXTRA_CPPFLAGS :=
EXTRA_LDFLAGS :=
asflags-y :=
ccflags-y :=
rustflags-y :=
cppflags-y :=
ldflags-y :=
subdir-asflags-y :=
subdir-ccflags-y :=
include $(srctree)/scripts/Kbuild.include
include $(kbuild-file)

# The lists, as the reader prints them.
kc-names := $(sort $(filter %.o,$(obj-y) $(obj-m)))
$(info # $(patsubst ./%,%,$(kbuild-file)) need-builtin=$(need-builtin) need-modorder=$(need-modorder))
$(foreach v,obj-y obj-m lib-y lib-m subdir-y subdir-m,$(info $(v)=$(strip $($(v)))))
$(foreach n,$(kc-names),$(foreach s,-objs -y -m -,$(if $(strip $($(n:.o=$s))),$(info $(n:.o=$s)=$(strip $($(n:.o=$s)))))))
