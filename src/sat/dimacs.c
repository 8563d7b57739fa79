/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dimacs.c - an encoded model as DIMACS CNF (export --dimacs): the
 * clauses, the guards as unit clauses, and comments naming the symbol
 * variables and the projection ("c ind") that counts configurations.
 */
#include "sat_internal.h"

void kc_sat_write_dimacs(const struct kc_sat *s, struct kc_buf *out)
{
	size_t i;

	kc_buf_adds(out, "c vfio-kconfig-check: the Kconfig model as CNF\n"
			 "c a configuration satisfies it iff resolution keeps it unchanged\n"
			 "c var 1 is TRUE; 'c var N NAME=y' and 'c var N NAME>=m' name the\n"
			 "c symbol variables (a tristate is m when >=m holds and =y does not;\n"
			 "c project on them to count configurations);\n"
			 "c 'c guard N NAME' are the constraint switches, set by unit clauses\n");
	for (i = 0; i < s->syms.len; i++) {
		const struct kc_symbol *sym = s->syms.items[i];
		const struct sym_vars *v = &s->vars[sym->id];

		kc_buf_addf(out, "c var %d %s=y\n", v->y, sym->name);
		if (v->ge_m != v->y)
			kc_buf_addf(out, "c var %d %s>=m\n", v->ge_m,
				    sym->name);
	}
	for (i = 0; i < s->guards.len; i++) {
		int g = (int)(intptr_t)s->guards.items[i];
		const struct kc_symbol *sym = kc_model_symbol(s->m,
						(size_t)s->guard_owner[g] - 1);

		kc_buf_addf(out, "c guard %d %s\n", g,
			    sym->name ? sym->name : "<choice>");
	}
	kc_buf_adds(out, "c ind");
	for (i = 0; i < s->syms.len; i++) {
		const struct sym_vars *v = &s->vars[((const struct kc_symbol *)s->syms.items[i])->id];

		kc_buf_addf(out, " %d", v->y);
		if (v->ge_m != v->y)
			kc_buf_addf(out, " %d", v->ge_m);
	}
	kc_buf_adds(out, " 0\n");
	kc_buf_addf(out, "p cnf %d %zu\n", s->nvars,
		    s->nclauses + s->guards.len);
	for (i = 0; i < s->clen; i++)
		kc_buf_addf(out, s->clauses[i] ? "%d " : "%d\n", s->clauses[i]);
	for (i = 0; i < s->guards.len; i++)
		kc_buf_addf(out, "%d 0\n", (int)(intptr_t)s->guards.items[i]);
}
