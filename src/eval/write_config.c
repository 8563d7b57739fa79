/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * write_config.c - the .config the kernel's conf writes, byte for byte.
 *
 * The menu tree is walked in order.  A visible menu or comment becomes a
 * block "#\n# TITLE\n#" (preceded by a blank line); a symbol with something
 * to write (see kc_eval_written) is written once, at its first entry, as
 * PREFIXNAME=value or "# PREFIXNAME is not set"; leaving a visible menu
 * writes "# end of TITLE", and the next symbol after that starts with a
 * blank line.
 */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "kc_eval.h"

struct writer {
	struct kc_eval *ev;
	const char *prefix;
	struct kc_buf *out;
	unsigned char *written;	/* by symbol id */
	bool need_newline;
};

static bool menu_visible(struct kc_eval *ev, const struct kc_menu *menu)
{
	if (!menu->prompt)
		return false;
	if (menu->visibility && kc_eval_expr(ev, menu->visibility) == KC_NO)
		return false;
	return kc_eval_expr(ev, menu->prompt->visible) != KC_NO;
}

void kc_eval_write_line(struct kc_eval *ev, const char *prefix,
			const struct kc_symbol *s, bool n_as_comment,
			struct kc_buf *out)
{
	const char *val = kc_eval_string(ev, s);

	if (n_as_comment && (s->type == KC_T_BOOL || s->type == KC_T_TRISTATE) &&
	    val[0] == 'n') {
		kc_buf_addf(out, "# %s%s is not set\n", prefix, s->name);
		return;
	}
	kc_buf_addf(out, "%s%s=", prefix, s->name);
	if (s->type == KC_T_STRING)
		kc_config_quote(val, out);
	else
		kc_buf_adds(out, val);
	kc_buf_addc(out, '\n');
}

static void write_symbol(struct writer *w, const struct kc_symbol *s)
{
	if (w->written[s->id] || !kc_eval_written(w->ev, s))
		return;
	if (w->need_newline) {
		kc_buf_addc(w->out, '\n');
		w->need_newline = false;
	}
	w->written[s->id] = 1;
	kc_eval_write_line(w->ev, w->prefix, s, true, w->out);
}

static void walk(struct writer *w, const struct kc_menu *menu)
{
	for (; menu; menu = menu->next) {
		bool is_block = !menu->sym && menu->kind != KC_M_IF;

		if (is_block && menu_visible(w->ev, menu)) {
			kc_buf_addf(w->out, "\n#\n# %s\n#\n", menu->prompt->text);
			w->need_newline = false;
		} else if (menu->sym && !(menu->sym->flags & KC_SYM_CHOICE)) {
			write_symbol(w, menu->sym);
		}
		walk(w, menu->list);
		if (menu->kind == KC_M_MENU && menu_visible(w->ev, menu)) {
			kc_buf_addf(w->out, "# end of %s\n", menu->prompt->text);
			w->need_newline = true;
		}
	}
}

void kc_eval_write_config(struct kc_eval *ev, const char *prefix,
			  struct kc_buf *out)
{
	const struct kc_model *m = kc_eval_model(ev);
	const struct kc_menu *root = kc_model_root(m);
	struct writer w = { ev, prefix ? prefix : "CONFIG_", out, NULL, false };

	w.written = kc_xcalloc(kc_model_symbol_count(m) + 1, 1);
	kc_buf_addf(out, "#\n# Automatically generated file; DO NOT EDIT.\n# %s\n#\n",
		    root->prompt ? root->prompt->text : "Main menu");
	walk(&w, root->list);
	free(w.written);
}

void kc_eval_write_output(struct kc_eval *ev, const char *prefix,
			  struct kc_buf *out)
{
	switch (kc_eval_mode(ev)) {
	case KC_MODE_SAVEDEFCONFIG:
		kc_eval_write_defconfig(ev, prefix, out);
		break;
	case KC_MODE_LISTNEWCONFIG:
		kc_eval_write_newconfig(ev, prefix, out);
		break;
	default:
		kc_eval_write_config(ev, prefix, out);
		break;
	}
}
