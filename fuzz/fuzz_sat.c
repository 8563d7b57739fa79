// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_sat.c - small Kconfig trees through the front end and the CNF
 * encoding, then the questions every analysis asks: one solve, the dead
 * and always-on symbols, and the default configuration as a witness
 * preference.  Inputs are kept small so each run stays fast.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "kc_eval.h"
#include "kc_model.h"
#include "kc_sat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct fuzz_tree t;
	struct kc_model *m;

	if (size > 4096)
		return -1;
	fuzz_tree_init(&t, data, size);
	m = fuzz_parse(&t, &d);
	if (m) {
		struct kc_sat *s = kc_sat_new(m, false);
		struct kc_eval *ev = kc_eval_new(m, NULL, NULL);
		size_t n = kc_sat_symbol_count(s);
		unsigned char *on = kc_xcalloc(n ? n : 1, 1);
		unsigned char *off = kc_xcalloc(n ? n : 1, 1);

		kc_sat_prefer_defaults(s, ev);
		if (kc_sat_solve(s, NULL, 0) == 10)
			kc_sat_dead(s, on, off);
		free(on);
		free(off);
		kc_eval_free(ev);
		kc_sat_free(s);
		kc_model_free(m);
	}
	kc_diags_free(&d);
	fuzz_tree_release(&t);
	return 0;
}
