// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_rules.c - the YAML readers: rule files (loaded and bound to the
 * embedded default model, then checked on one .config), waiver files and
 * baselines (applied to that .config's findings).  The first byte picks
 * the reader; the rest is the file.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kc_check.h"
#include "kc_config.h"
#include "kc_embedded.h"
#include "kc_eval.h"
#include "kc_frontend.h"
#include "kc_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample_config[] =
	"CONFIG_MODULES=y\nCONFIG_VFIO=m\nCONFIG_VFIO_GROUP=y\n"
	"# CONFIG_VFIO_CONTAINER is not set\nCONFIG_IOMMUFD=y\n";

struct sample {
	struct kc_model *m;
	struct kc_config *cfg;
	struct kc_findings findings;	/* of the built-in pack */
};

static struct kc_model *parse_model(void)
{
	struct kc_embedded_fs efs;
	struct kc_parse_options opt = { 0 };
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m;

	if (kc_embedded_fs_init(&efs, KC_EMBEDDED_DEFAULT_MODEL) < 0)
		abort();
	opt.fs = &efs.fs;
	m = kc_parse(&opt, &d);
	if (!m)
		abort();
	kc_diags_free(&d);
	return m;
}

/* Loads rules from 'text' into a fresh model and checks the sample. */
static void try_rules(const char *text, size_t len, struct kc_findings *f)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_model *m = parse_model();
	struct kc_rules *r = kc_rules_new();
	struct kc_rules_target target;
	struct kc_config *cfg;

	kc_rules_target_init(&target, m, KC_EMBEDDED_DEFAULT_MODEL, "x86_64",
			     "x86");
	cfg = kc_config_parse("s.config", sample_config,
			      sizeof(sample_config) - 1, NULL, &d);
	if (kc_rules_add_text(r, "fuzz.yaml", text, len, &d) == 0 &&
	    kc_rules_bind(r, m, &target, &d) == 0) {
		struct kc_eval *ev = kc_eval_new(m, cfg, NULL);

		kc_rules_check(r, cfg, ev, f);
		kc_eval_free(ev);
	}
	kc_config_free(cfg);
	kc_rules_free(r);
	kc_model_free(m);
	kc_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_findings f = KC_FINDINGS_INIT;
	const char *text = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;

	if (!size || size > 64 * 1024)
		return -1;
	switch (data[0] % 3) {
	case 0:
		try_rules(text, len, &f);
		break;
	case 1: {
		struct kc_waivers *w = kc_waivers_parse("w.yaml", text, len,
							 &d);

		if (w) {
			try_rules("", 0, &f);
			kc_waivers_apply(w, "s.config", kc_date_parse("2026-01-01"),
					 &f);
			kc_waivers_free(w);
		}
		break;
	}
	default: {
		struct kc_baseline *b = kc_baseline_parse("b.json", text, len,
							  &d);

		if (b) {
			kc_baseline_apply(b, "s.config", &f);
			kc_baseline_free(b);
		}
		break;
	}
	}
	kc_findings_free(&f);
	kc_diags_free(&d);
	return 0;
}
