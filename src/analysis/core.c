/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * core.c - minimal conflicts and witnesses, shared by the analyses.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

/* ---- the cone of influence ----------------------------------------------- */

static void cone_push(const struct kc_symbol *x, unsigned char *mark,
		      struct kc_vec *todo)
{
	if ((x->flags & KC_SYM_CONST) || mark[x->id])
		return;
	mark[x->id] = 1;
	kc_vec_push(todo, (void *)x);
}

static void cone_expr(const struct kc_expr *e, unsigned char *mark,
		      struct kc_vec *todo)
{
	if (!e)
		return;
	switch (e->op) {
	case KC_E_NOT:
		cone_expr(e->sub[0], mark, todo);
		break;
	case KC_E_AND:
	case KC_E_OR:
		cone_expr(e->sub[0], mark, todo);
		cone_expr(e->sub[1], mark, todo);
		break;
	case KC_E_SYMBOL:
		cone_push(e->sym[0], mark, todo);
		break;
	default:
		cone_push(e->sym[0], mark, todo);
		cone_push(e->sym[1], mark, todo);
		break;
	}
}

/* The symbols one symbol's own constraint mentions. */
static void neighbours(const struct kc_model *m, const struct kc_symbol *x,
		       unsigned char *mark, struct kc_vec *todo)
{
	const struct kc_property *p;
	size_t i;

	cone_expr(x->dir_dep, mark, todo);
	cone_expr(x->rev_dep, mark, todo);
	cone_expr(x->implied, mark, todo);
	for (p = x->props; p; p = p->next) {
		cone_expr(p->visible, mark, todo);
		if (p->kind == KC_P_DEFAULT)
			cone_expr(p->expr, mark, todo);
	}
	/* A choice and its members decide each other. */
	if (x->choice)
		cone_push(x->choice, mark, todo);
	for (i = 0; i < x->n_members; i++)
		cone_push(x->members[i], mark, todo);
	if (!(kc_model_modules(m)->flags & KC_SYM_CONST))
		cone_push(kc_model_modules(m), mark, todo);
}

void kc_analysis_mentions(const struct kc_model *m, const struct kc_symbol *x,
			  unsigned char *mark, struct kc_vec *added)
{
	neighbours(m, x, mark, added);
}

size_t kc_analysis_grow(const struct kc_model *m, unsigned char *mark)
{
	struct kc_vec layer = KC_VEC_INIT, added = KC_VEC_INIT;
	size_t i, n = kc_model_symbol_count(m), grown;

	for (i = 0; i < n; i++)
		if (mark[i])
			kc_vec_push(&layer, kc_model_symbol(m, i));
	for (i = 0; i < layer.len; i++)
		neighbours(m, layer.items[i], mark, &added);
	grown = added.len;
	kc_vec_free(&layer);
	kc_vec_free(&added);
	return grown;
}

void kc_analysis_cone(const struct kc_model *m, const struct kc_symbol *seed,
		      unsigned char *mark)
{
	struct kc_vec todo = KC_VEC_INIT;

	cone_push(seed, mark, &todo);
	while (todo.len)
		neighbours(m, kc_vec_pop(&todo), mark, &todo);
	kc_vec_free(&todo);
}

void kc_analysis_cone_expr(const struct kc_model *m, const struct kc_expr *e,
			   unsigned char *mark)
{
	struct kc_vec todo = KC_VEC_INIT;

	cone_expr(e, mark, &todo);
	while (todo.len)
		neighbours(m, kc_vec_pop(&todo), mark, &todo);
	kc_vec_free(&todo);
}

size_t kc_analysis_core(struct kc_sat *s, const unsigned char *cone,
			const int *query, size_t nq, const int *extra,
			size_t ne, int **core)
{
	const int *guards;
	size_t ng = kc_sat_guards(s, &guards), i, n = 0;
	int *all = kc_xmalloc((ng + ne + 1) * sizeof(int));

	/*
	 * Only the constraints of symbols the query can depend on: the rest
	 * cannot take part in the conflict, and leaving them unassumed keeps
	 * every solve small.
	 */
	for (i = 0; i < ng; i++) {
		const struct kc_symbol *x = kc_sat_guard_symbol(s, guards[i]);

		if (!cone || (x && cone[x->id]))
			all[n++] = guards[i];
	}
	if (ne)
		memcpy(all + n, extra, ne * sizeof(int));
	n += ne;
	if (kc_sat_solve_guarded(s, query, nq, all, n) != 20) {
		free(all);
		*core = NULL;
		return 0;
	}
	ng = n;
	for (i = 0, n = 0; i < ng; i++)
		if (kc_sat_failed(s, all[i]))
			all[n++] = all[i];
	n = kc_sat_minimise(s, all, n, query, nq);
	*core = all;
	return n;
}

void kc_witness_from_sat(const struct kc_model *m, struct kc_sat *s,
			 struct kc_witness *w)
{
	struct kc_buf text = KC_BUF_INIT;
	struct kc_diags d = KC_DIAGS_INIT;
	size_t i, n = kc_sat_symbol_count(s);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		enum kc_tristate v = kc_sat_value(s, sym);

		if (v == KC_NO)
			kc_buf_addf(&text, "# CONFIG_%s is not set\n",
				    sym->name);
		else
			kc_buf_addf(&text, "CONFIG_%s=%c\n", sym->name,
				    v == KC_YES ? 'y' : 'm');
	}
	w->cfg = kc_config_parse("witness", kc_buf_str(&text), text.len,
				 "CONFIG_", &d);
	w->ev = kc_eval_new(m, w->cfg, NULL);
	w->values = kc_buf_detach(&text);
	kc_diags_free(&d);
}

void kc_witness_write(struct kc_witness *w, struct kc_buf *out)
{
	kc_eval_write_config(w->ev, "CONFIG_", out);
}

void kc_witness_free(struct kc_witness *w)
{
	kc_eval_free(w->ev);
	kc_config_free(w->cfg);
	free(w->values);
	w->ev = NULL;
	w->cfg = NULL;
	w->values = NULL;
}

/* ---- a witness as the fragment a user would write ---------------------- */

static bool settable(const struct kc_symbol *sym)
{
	return (sym->flags & KC_SYM_DEFINED) && kc_symbol_prompt(sym) &&
	       (sym->type == KC_T_BOOL || sym->type == KC_T_TRISTATE);
}

/*
 * The witness as a .config fragment that resolves to it: start from
 * nothing, resolve, and add the value of every symbol a user can set whose
 * resolved value still differs from the witness, until nothing differs.
 * What is left is what a user would have to write: few symbols, each
 * checkable with `check` or `resolve`.
 */
/* The fragment of user-settable symbols that resolves to w, into frag. */
static void witness_fragment(struct kc_witness *w, const struct kc_model *m,
			     struct kc_buf *frag)
{
	size_t i, n = kc_model_symbol_count(m), rounds;
	bool same = false;

	for (rounds = 0; rounds < 20 && !same; rounds++) {
		struct kc_diags d = KC_DIAGS_INIT;
		struct kc_config *c = kc_config_parse("fragment",
						      kc_buf_str(frag),
						      frag->len, "CONFIG_", &d);
		struct kc_eval *ev = kc_eval_new(m, c, NULL);

		same = true;
		for (i = 0; i < n; i++) {
			const struct kc_symbol *sym = kc_model_symbol(m, i);
			const char *want;

			if (!settable(sym) || kc_eval_trusted(w->ev, sym))
				continue;
			want = kc_eval_string(w->ev, sym);
			if (!strcmp(want, kc_eval_string(ev, sym)))
				continue;
			same = false;
			if (kc_eval_user(ev, sym))
				continue;	/* set already; others decide */
			if (want[0] == 'n')
				kc_buf_addf(frag, "# CONFIG_%s is not set\n",
					    sym->name);
			else
				kc_buf_addf(frag, "CONFIG_%s=%s\n",
					    sym->name, want);
		}
		kc_eval_free(ev);
		kc_config_free(c);
		kc_diags_free(&d);
	}
}

/* The fragment as notes, at most 40 lines. */
static void note_fragment(struct kc_finding *f, const char *frag, size_t len)
{
	size_t i, lines = 0;

	for (i = 0; i < len; i++) {
		const char *line = frag + i;
		const char *nl = strchr(line, '\n');
		int n = (int)(nl - line);

		if (lines++ < 40)
			kc_finding_note(f, NULL, 0, "witness: %.*s", n, line);
		i += (size_t)n;
	}
	if (lines > 40)
		kc_finding_note(f, NULL, 0, "witness: and %zu more lines",
				lines - 40);
	if (!lines)
		kc_finding_note(f, NULL, 0,
				"witness: the default configuration itself");
}

void kc_analysis_note_witness(struct kc_finding *f, struct kc_witness *w,
			      const struct kc_model *m)
{
	struct kc_buf frag = KC_BUF_INIT;

	witness_fragment(w, m, &frag);
	note_fragment(f, kc_buf_str(&frag), frag.len);
	kc_buf_free(&frag);
}

void kc_analysis_note_witness_memo(struct kc_finding *f, struct kc_witness *w,
				   const struct kc_model *m, struct kc_map *memo,
				   struct kc_arena *a)
{
	const char *known = w->values ? kc_map_get(memo, w->values) : NULL;
	struct kc_buf frag = KC_BUF_INIT;

	if (known) {
		note_fragment(f, known, strlen(known));
		return;
	}
	witness_fragment(w, m, &frag);
	note_fragment(f, kc_buf_str(&frag), frag.len);
	if (w->values)
		kc_map_put(memo, kc_arena_strdup(a, w->values),
			   kc_arena_strdup(a, kc_buf_str(&frag)));
	kc_buf_free(&frag);
}
