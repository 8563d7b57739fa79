// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_kconfig.c - the Kconfig front end (preprocessor, lexer, parser,
 * finalisation, the checks after parsing), then the evaluator and the
 * .config writer and the model's JSON on whatever parses.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "kc_eval.h"
#include "kc_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_buf out = KC_BUF_INIT;
	struct fuzz_tree t;
	struct kc_model *m;

	if (size > 64 * 1024)
		return -1;
	fuzz_tree_init(&t, data, size);
	m = fuzz_parse(&t, &d);
	if (m) {
		struct kc_eval *ev = kc_eval_new(m, NULL, NULL);

		kc_eval_write_config(ev, NULL, &out);
		kc_eval_free(ev);
		kc_buf_reset(&out);
		kc_model_to_json(m, true, &out);
		kc_model_free(m);
	}
	kc_buf_free(&out);
	kc_diags_free(&d);
	fuzz_tree_release(&t);
	return 0;
}
