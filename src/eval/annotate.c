/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * annotate.c - an expression with the value of each of its symbols, as the
 * kernel's own warnings show them: "A [=y] && !(B [=n] || C [=n])".
 */
#include <string.h>

#include "kc_eval.h"

int kc_expr_precedence(enum kc_expr_op op)
{
	return op == KC_E_OR ? 1 : op == KC_E_AND ? 2 : op == KC_E_NOT ? 3 : 4;
}

static void annotate_symbol(struct kc_eval *ev, const struct kc_symbol *s,
			    struct kc_buf *out)
{
	if (s->flags & KC_SYM_CONST) {
		if (s->name[0] && !s->name[1] && strchr("ymn", s->name[0]))
			kc_buf_adds(out, s->name);
		else
			kc_buf_addf(out, "\"%s\"", s->name);
		return;
	}
	if (!s->name) {
		kc_buf_adds(out, "<choice>");
		return;
	}
	/* An unquoted number is a symbol to Kconfig, but reads as itself. */
	if (!(s->flags & KC_SYM_DEFINED) && s->name[0] >= '0' &&
	    s->name[0] <= '9') {
		kc_buf_adds(out, s->name);
		return;
	}
	kc_buf_addf(out, "%s [=%s]", s->name, kc_eval_string(ev, s));
}

void kc_eval_annotate(struct kc_eval *ev, const struct kc_expr *e, int outer,
		      struct kc_buf *out)
{
	static const char *const ops[] = {
		[KC_E_EQUAL] = "=", [KC_E_UNEQUAL] = "!=", [KC_E_LTH] = "<",
		[KC_E_LEQ] = "<=",  [KC_E_GTH] = ">",	   [KC_E_GEQ] = ">=",
	};
	int prec = kc_expr_precedence(e->op);
	bool paren = prec < outer;

	if (paren)
		kc_buf_addc(out, '(');
	switch (e->op) {
	case KC_E_SYMBOL:
		annotate_symbol(ev, e->sym[0], out);
		break;
	case KC_E_NOT:
		kc_buf_addc(out, '!');
		kc_eval_annotate(ev, e->sub[0], prec + 1, out);
		break;
	case KC_E_AND:
	case KC_E_OR:
		kc_eval_annotate(ev, e->sub[0], prec, out);
		kc_buf_adds(out, e->op == KC_E_AND ? " && " : " || ");
		kc_eval_annotate(ev, e->sub[1], prec, out);
		break;
	case KC_E_RANGE:
		annotate_symbol(ev, e->sym[0], out);
		kc_buf_addc(out, ' ');
		annotate_symbol(ev, e->sym[1], out);
		break;
	default:
		annotate_symbol(ev, e->sym[0], out);
		kc_buf_addf(out, " %s ", ops[e->op]);
		annotate_symbol(ev, e->sym[1], out);
		break;
	}
	if (paren)
		kc_buf_addc(out, ')');
}
