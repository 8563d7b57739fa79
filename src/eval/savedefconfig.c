/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * savedefconfig.c - the minimal defconfig `make savedefconfig` writes, and
 * the verdict behind it, which `check` also uses for its lint of a
 * defconfig (src/check/defconfig.c).
 *
 * The menu tree is walked in order and each symbol is looked at once, at
 * its first entry.  It is written when resolution writes it, a prompt can
 * change it (visible above what selects force), its value differs from
 * the value it would have without a line of its own
 * (kc_eval_default_string), and it is not the y member a choice would
 * take anyway (before 6.11: only a bool member of a choice that is not
 * optional is left out so).  Lines are those of the .config, "# ... is
 * not set" for n.
 *
 * Without run_shell, the defaults of symbols whose values come from the
 * build machine are unknown (they depend on compiler probes): such a
 * symbol is left out, as if at its default, and one without a prompt is
 * never changeable.
 */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "kc_eval.h"

enum kc_defconfig_verdict kc_eval_defconfig_verdict(struct kc_eval *ev,
						    const struct kc_symbol *s)
{
	const struct kc_symbol *c = s->choice;
	enum kc_tristate rev;

	if (!kc_eval_written(ev, s))
		return KC_DEFCONFIG_UNWRITTEN;
	rev = kc_eval_rev_dep(ev, s);
	/*
	 * A value taken from the .config because it comes from the build
	 * machine reads as visible; one without a prompt never is.
	 */
	if (!kc_symbol_prompt(s))
		return rev != KC_NO ? KC_DEFCONFIG_SELECTED :
				      KC_DEFCONFIG_INVISIBLE;
	if (kc_eval_visible(ev, s) <= rev)
		return rev != KC_NO ? KC_DEFCONFIG_SELECTED :
				      KC_DEFCONFIG_INVISIBLE;
	if (kc_eval_trusted(ev, s))
		return KC_DEFCONFIG_BUILD_MACHINE;
	if (!strcmp(kc_eval_string(ev, s), kc_eval_default_string(ev, s)))
		return KC_DEFCONFIG_DEFAULT;
	if (c && kc_eval_tristate(ev, s) == KC_YES &&
	    kc_eval_choice_default(ev, c) == s &&
	    (!kc_eval_legacy(ev) ||
	     (!(c->flags & KC_SYM_OPTIONAL) && s->type == KC_T_BOOL)))
		return KC_DEFCONFIG_CHOICE_DEFAULT;
	return KC_DEFCONFIG_WRITE;
}

struct walk {
	struct kc_eval *ev;
	const char *prefix;
	struct kc_buf *out;
	unsigned char *seen;	/* by symbol id */
};

static void walk(struct walk *w, const struct kc_menu *menu)
{
	for (; menu; menu = menu->next) {
		const struct kc_symbol *s = menu->sym;

		if (s && !(s->flags & KC_SYM_CHOICE) && !w->seen[s->id]) {
			w->seen[s->id] = 1;
			if (kc_eval_defconfig_verdict(w->ev, s) ==
			    KC_DEFCONFIG_WRITE)
				kc_eval_write_line(w->ev, w->prefix, s, true,
						   w->out);
		}
		walk(w, menu->list);
	}
}

void kc_eval_write_defconfig(struct kc_eval *ev, const char *prefix,
			     struct kc_buf *out)
{
	const struct kc_model *m = kc_eval_model(ev);
	struct walk w = { ev, prefix ? prefix : "CONFIG_", out, NULL };

	w.seen = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	walk(&w, kc_model_root(m)->list);
	free(w.seen);
}
