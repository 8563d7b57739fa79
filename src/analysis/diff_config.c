/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff_config.c - what one .config becomes when the Kconfig files change:
 * resolved on OLD and on NEW, as `make olddefconfig` would, and compared
 * symbol by symbol.  New symbols and the value each gets (what `make
 * listnewconfig` lists), values that change, symbols that are no longer
 * written; each with its reason, from the evaluator and from check.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

struct resolved {
	const struct kc_model *m;
	struct kc_eval *ev;
	struct kc_findings check;	/* check's findings, for reasons */
};

static void resolve(struct resolved *r, const struct kc_model *m,
		    const struct kc_config *cfg)
{
	r->m = m;
	r->ev = kc_eval_new(m, cfg, NULL);
	memset(&r->check, 0, sizeof(r->check));
	kc_check_config(m, cfg, r->ev, &r->check);
}

static void resolved_free(struct resolved *r)
{
	kc_findings_free(&r->check);
	kc_eval_free(r->ev);
}

/* The value conf writes, or NULL when it writes nothing for it. */
static const char *written(struct resolved *r, const char *name)
{
	const struct kc_symbol *s = kc_model_lookup(r->m, name);

	if (!s || !(s->flags & KC_SYM_DEFINED) || !kc_eval_written(r->ev, s))
		return NULL;
	return kc_eval_string(r->ev, s);
}

static const struct kc_finding *check_finding(const struct resolved *r,
					      const char *name)
{
	size_t i;

	for (i = 0; i < r->check.len; i++)
		if (r->check.items[i].symbol &&
		    !strcmp(r->check.items[i].symbol, name))
			return &r->check.items[i];
	return NULL;
}

/* Why the evaluator gave s its value: the .config, select, a default. */
static void note_reason(struct resolved *r, const struct kc_symbol *s,
			struct kc_finding *f)
{
	const struct kc_finding *c = check_finding(r, s->name);
	const struct kc_property *d = kc_eval_default_prop(r->ev, s);
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	if (c && c->n_notes) {
		for (i = 0; i < c->n_notes; i++)
			kc_finding_note(f, c->notes[i].file, c->notes[i].line,
					"%s", c->notes[i].message);
		return;
	}
	if (kc_eval_user(r->ev, s)) {
		kc_finding_note(f, NULL, 0, "the .config sets it");
	} else if ((s->type == KC_T_BOOL || s->type == KC_T_TRISTATE) &&
		   kc_eval_rev_dep(r->ev, s) != KC_NO) {
		kc_eval_annotate(r->ev, s->rev_dep, 0, &b);
		kc_finding_note(f, NULL, 0, "selected by %s", kc_buf_str(&b));
	} else if (d) {
		kc_expr_print(d->expr, &b);
		if (d->cond) {
			kc_buf_adds(&b, " if ");
			kc_eval_annotate(r->ev, d->cond, 0, &b);
		}
		kc_finding_note(f, d->file, d->line, "default %s",
				kc_buf_str(&b));
	} else {
		kc_finding_note(f, NULL, 0,
				"no default applies, and nothing selects it");
	}
	kc_buf_free(&b);
}

/* The .config line when it sets s, else where NEW defines s. */
static void place(struct resolved *r, const struct kc_config *cfg,
		  const struct kc_symbol *s, const char **file, int *line)
{
	const struct kc_assignment *a = kc_eval_user(r->ev, s);
	const struct kc_menu *e = kc_analysis_entry(s);

	*file = a ? cfg->path : e ? e->file : NULL;
	*line = a ? a->line : e ? e->line : 0;
}

static void compare_symbol(struct resolved *ro, struct resolved *rn,
			   const struct kc_config *cfg,
			   const struct kc_symbol *s, struct kc_findings *out)
{
	const char *vn = written(rn, s->name), *vo = written(ro, s->name);
	const struct kc_symbol *os = kc_model_lookup(ro->m, s->name);
	bool user = kc_eval_user(rn->ev, s) != NULL;
	struct kc_finding *f;
	const char *file;
	int line;

	if (!vn || (vo && !strcmp(vo, vn)))
		return;
	place(rn, cfg, s, &file, &line);
	if (!os || !(os->flags & KC_SYM_DEFINED))
		f = kc_findings_add(out, KC_RULE_DIFF_CONFIG_NEW, KC_SEV_NOTE,
				    s->name, file, line,
				    "%s is new: it gets %s", s->name, vn);
	else
		f = kc_findings_add(out, KC_RULE_DIFF_CONFIG_CHANGED,
				    user ? KC_SEV_WARNING : KC_SEV_NOTE,
				    s->name, file, line,
				    "%s changes from %s to %s%s", s->name,
				    vo ? vo : "unwritten", vn,
				    user ? ", though the .config sets it" : "");
	note_reason(rn, s, f);
}

void kc_diff_config(const struct kc_model *old, const struct kc_model *new,
		    const struct kc_config *cfg, struct kc_findings *out)
{
	struct resolved ro, rn;
	size_t i, n;

	resolve(&ro, old, cfg);
	resolve(&rn, new, cfg);
	n = kc_model_symbol_count(new);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(new, i);

		if (s->name && (s->flags & KC_SYM_DEFINED))
			compare_symbol(&ro, &rn, cfg, s, out);
	}
	n = kc_model_symbol_count(old);
	for (i = 0; i < n; i++) {
		const struct kc_symbol *s = kc_model_symbol(old, i);
		const struct kc_menu *e;

		if (!s->name || !written(&ro, s->name) ||
		    written(&rn, s->name))
			continue;
		e = kc_analysis_entry(s);
		kc_findings_add(out, KC_RULE_DIFF_CONFIG_DROPPED, KC_SEV_NOTE,
				s->name, e ? e->file : NULL, e ? e->line : 0,
				"%s=%s is no longer written", s->name,
				kc_eval_string(ro.ev, s));
	}
	resolved_free(&ro);
	resolved_free(&rn);
}
