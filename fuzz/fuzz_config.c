// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_config.c - a .config's bytes through the reader, the evaluator,
 * check and the built-in rule pack against the embedded default model,
 * then every report format.  The model and rules are loaded once.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kc_check.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_report.h"
#include "kc_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct loaded {
	struct kc_model *m;
	struct kc_rules *rules;
};

static struct loaded load(void)
{
	struct kc_embedded_fs efs;
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_rules_target target;
	struct loaded l;

	if (kc_embedded_fs_init(&efs, KC_EMBEDDED_DEFAULT_MODEL) < 0)
		abort();
	opt.fs = &efs.fs;
	l.m = kc_parse(&opt, &d);
	l.rules = kc_rules_new();
	if (!l.m || kc_rules_add(l.rules, KC_RULES_DEFAULT_PACK, &d) < 0)
		abort();
	kc_rules_target_init(&target, l.m, KC_EMBEDDED_DEFAULT_MODEL,
			     "x86_64", "x86");
	if (kc_rules_bind(l.rules, l.m, &target, &d) < 0)
		abort();
	kc_diags_free(&d);
	return l;
}

static void render_all(const struct kc_findings *f)
{
	struct kc_report_config rc = { .path = "fuzz.config", .findings = f };
	struct kc_report r = { .tool_version = "fuzz", .model = "fuzz",
			       .configs = &rc, .n_configs = 1 };
	struct kc_buf out = KC_BUF_INIT;

	kc_report_text(&r, true, &out);
	kc_buf_reset(&out);
	kc_report_json(&r, &out);
	kc_buf_reset(&out);
	kc_report_sarif(&r, &out);
	kc_buf_reset(&out);
	kc_report_junit(&r, &out);
	kc_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Loaded once per process: the harness's only state. */
	static struct loaded l;
	static int ready;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_findings f = { 0 };
	struct kc_config *cfg;

	if (size > 256 * 1024)
		return -1;
	if (!ready) {
		l = load();
		ready = 1;
	}
	cfg = kc_config_parse("fuzz.config", (const char *)data, size, NULL,
			      &d);
	if (cfg) {
		struct kc_eval *ev = kc_eval_new(l.m, cfg, NULL);
		struct kc_buf out = KC_BUF_INIT;

		kc_check_config(l.m, cfg, ev, &f);
		kc_rules_check(l.rules, cfg, ev, &f);
		kc_findings_sort(&f);
		render_all(&f);
		kc_eval_write_config(ev, NULL, &out);
		kc_buf_free(&out);
		kc_eval_free(ev);
		kc_findings_free(&f);
		kc_config_free(cfg);
	}
	kc_diags_free(&d);
	return 0;
}
