/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * query.c - questions about every configuration at once: which symbols no
 * valid configuration enables (dead) or disables (always on), which selects
 * can force a symbol past its own dependencies, and why a value is
 * impossible (a minimal set of conflicting constraints).
 */
#include <picosat/picosat.h>
#include <stdlib.h>
#include <string.h>

#include "kc_eval.h"
#include "kc_sat.h"

/*
 * Seeds the solver's phases with the default configuration, so that the
 * witnesses it finds stay close to what `make olddefconfig` gives.
 */
void kc_sat_prefer_defaults(struct kc_sat *s, struct kc_eval *ev)
{
	size_t i, n = kc_sat_symbol_count(s);

	for (i = 0; i < n; i++) {
		const struct kc_symbol *sym = kc_sat_symbol(s, i);
		enum kc_tristate v = kc_eval_tristate(ev, sym);
		int ly = kc_sat_symbol_lit(s, sym, KC_YES);
		int lm = kc_sat_symbol_lit(s, sym, KC_MOD);

		kc_sat_set_phase(s, ly, v == KC_YES);
		if (lm != ly)
			kc_sat_set_phase(s, lm, v >= KC_MOD);
	}
}

void kc_sat_dead(struct kc_sat *s, unsigned char *can_on,
		 unsigned char *can_off)
{
	size_t i, j, n = kc_sat_symbol_count(s);
	int pass;

	memset(can_on, 0, n);
	memset(can_off, 0, n);
	/*
	 * Every solution settles many questions at once, so ask only about
	 * what no solution so far has shown.  While looking for symbols that
	 * can be on, the solver prefers true for its free choices (each
	 * solution then enables as much as it can); while looking for ones
	 * that can be off, false.
	 */
	for (pass = 0; pass < 2; pass++) {
		bool on = pass == 0;

		for (i = 0; i < n; i++) {
			const struct kc_symbol *sym = kc_sat_symbol(s, i);
			int lit = kc_sat_symbol_lit(s, sym, KC_MOD);

			if (on ? can_on[i] : can_off[i])
				continue;
			lit = on ? lit : -lit;
			kc_sat_prefer_phase(s, on);
			if (kc_sat_solve(s, &lit, 1) != 10)
				continue;
			for (j = 0; j < n; j++) {
				if (kc_sat_value(s, kc_sat_symbol(s, j)) == KC_NO)
					can_off[j] = 1;
				else
					can_on[j] = 1;
			}
		}
	}
}

/*
 * Minimises an unsatisfiable set of assumptions by deletion: drop each in
 * turn and leave it out when the rest still conflict (then also drop what
 * the solver did not use).  The first returned-count entries of 'lits'
 * are the minimal set; 'fixed' are assumed throughout and never dropped.
 */
size_t kc_sat_minimise(struct kc_sat *s, int *lits, size_t n,
		       const int *fixed, size_t n_fixed)
{
	int *try = kc_xmalloc((n + n_fixed + 1) * sizeof(int));
	size_t i = 0;

	while (i < n) {
		size_t k, m = 0;

		for (k = 0; k < n; k++)
			if (k != i)
				try[m++] = lits[k];
		for (k = 0; k < n_fixed; k++)
			try[m++] = fixed[k];
		if (kc_sat_solve_guarded(s, NULL, 0, try, m) != 20) {
			i++;	/* needed */
			continue;
		}
		/* Not needed; of the rest keep what the conflict used. */
		for (k = 0, m = 0; k < n; k++)
			if (k != i && kc_sat_failed(s, lits[k]))
				lits[m++] = lits[k];
		n = m;
		i = 0;
	}
	free(try);
	return n;
}
