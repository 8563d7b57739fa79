/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_presence.c - `vfio-kconfig-check presence NAME`: the Kconfig
 * expressions under which an object or a module is built in and built as
 * a loadable module, over every valid configuration (docs/modules-schema.md).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"

struct presence_options {
	struct kc_vec under;
};

static const struct kc_option options[] = {
	KC_OWN_LIST("under", "DIR",
		    "read only the Makefiles that decide folder DIR\n"
		    "(repeatable)",
		    struct presence_options, under, KC_COMPLETE_NONE),
	{ 0 },
};

/* "drivers/vfio/vfio.ko" and "drivers/vfio/vfio.o" name the module too. */
static bool names(const struct kc_presence *p, const char *want)
{
	size_t n = strlen(p->name);

	if (!strcmp(p->name, want))
		return true;
	if (!p->is_module || strncmp(want, p->name, n))
		return false;
	return !strcmp(want + n, ".ko") || !strcmp(want + n, ".o");
}

static int run(struct kc_cli_args *a)
{
	const struct presence_options *o = a->own;
	const char *want = a->positional.len ? a->positional.items[0] : NULL;
	struct kc_buf out = KC_BUF_INIT;
	struct kc_builds_options bopt = { .presence_only = true };
	struct kc_builds *b = NULL;
	struct kc_model *m;
	int ret = KC_EXIT_USAGE;
	size_t i, found = 0;

	if (!want)
		return kc_cli_usage_error("presence needs an object or a module");
	if (!strncmp(want, "./", 2))
		want += 2;
	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	b = kc_cli_builds(a, m, &o->under, &bopt);
	if (!b)
		goto out;
	for (i = 0; i < b->n_presence; i++) {
		const struct kc_presence *p = &b->presence[i];

		if (!names(p, want))
			continue;
		kc_buf_addf(&out, "%s %s\n    y: %s\n    m: %s\n",
			    p->is_module ? "module" : "object", p->name,
			    p->builtin, p->module);
		found++;
	}
	for (i = 0; i < b->notes.len; i++)
		kc_buf_addf(&out, "note: %s\n", (char *)b->notes.items[i]);
	if (!found) {
		ret = kc_cli_usage_error("no valid configuration builds '%s'", want);
		goto out;
	}
	ret = kc_cli_write_output(a->report.output, &out);
out:
	kc_builds_free(b);
	kc_model_free(m);
	kc_buf_free(&out);
	return ret;
}

const struct kc_command kc_cmd_presence = {
	.name = "presence",
	.summary = "under which Kconfig condition an object or module is built",
	.args = "OBJECT_OR_MODULE",
	.description =
		"Prints the Kconfig expressions under which OBJECT_OR_MODULE (a path\n"
		"such as drivers/vfio/group.o, or a module drivers/vfio/vfio.ko) is\n"
		"built in (y) and built as or into a loadable module (m), over every\n"
		"valid configuration of the model.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct presence_options),
	.max_args = 1,
	.run = run,
};
