/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_count.c - `vfio-kconfig-check count`: how many valid configurations
 * the model has, exactly, and with --project the distinct assignments of a
 * few symbols (the module builds they lead to) with their counts.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_eval.h"
#include "kc_sat.h"

struct count_options {
	const char *project;
	bool representatives;
	const char *max_values;
};

static const struct kc_option options[] = {
	KC_OWN_STRING("project", "SYM,SYM...",
		      "also list every distinct assignment of these symbols with its count",
		      struct count_options, project, KC_COMPLETE_NONE),
	KC_OWN_FLAG("representatives", 0,
		    "with --project, a valid configuration for each, close to the defaults",
		    struct count_options, representatives),
	KC_OWN_STRING("max-values", "N",
		      "with --project, stop with an error past N distinct\n"
		      "assignments (default 1000000)",
		      struct count_options, max_values, KC_COMPLETE_NONE),
	{ 0 },
};

struct printer {
	struct kc_buf *out;
	struct kc_sat *s;
	struct kc_eval *defaults;	/* NULL: no representatives */
	const struct kc_symbol *const *syms;
	size_t n;
	enum kc_tristate *rep;
};

static const char tri_char[] = "nmy";

static void print_representative(struct printer *p,
				 const enum kc_tristate *values)
{
	size_t i, total = kc_sat_symbol_count(p->s);

	if (!kc_sat_representative(p->s, p->defaults, p->syms, values, p->n,
				   p->rep)) {
		kc_buf_adds(p->out, "    (no representative found)\n");
		return;
	}
	kc_buf_adds(p->out, "    representative:");
	for (i = 0; i < total; i++)
		if (p->rep[i] != KC_NO)
			kc_buf_addf(p->out, " %s=%c", kc_sat_symbol(p->s, i)->name,
				    tri_char[p->rep[i]]);
	kc_buf_adds(p->out, "\n");
}

static int print_projection(void *ctx, const enum kc_tristate *values,
			    uint64_t count)
{
	struct printer *p = ctx;
	size_t i;

	kc_buf_adds(p->out, " ");
	for (i = 0; i < p->n; i++)
		kc_buf_addf(p->out, " %s=%c", p->syms[i]->name,
			    tri_char[values[i]]);
	kc_buf_addf(p->out, ": %llu\n", (unsigned long long)count);
	if (p->defaults)
		print_representative(p, values);
	return 0;
}

/* The symbols of "A,B,C", each defined; false (reported) otherwise. */
static bool parse_symbols(const struct kc_model *m, const char *list,
			  struct kc_vec *syms)
{
	char *copy = kc_xstrdup(list), *save = NULL, *name;
	bool ok = true;

	for (name = strtok_r(copy, ",", &save); name && ok;
	     name = strtok_r(NULL, ",", &save)) {
		const struct kc_symbol *sym = kc_model_lookup(m, name);

		if (!sym || !(sym->type == KC_T_BOOL ||
			      sym->type == KC_T_TRISTATE)) {
			kc_cli_usage_error("--project: %s is not a bool or tristate symbol of the model",
					   name);
			ok = false;
		} else {
			kc_vec_push(syms, (void *)sym);
		}
	}
	free(copy);
	return ok && syms->len > 0;
}

static int count(struct kc_cli_args *a, struct kc_model *m, struct kc_buf *out)
{
	const struct count_options *o = a->own;
	struct kc_sat *s = kc_sat_new(m, false);
	struct kc_vec syms = KC_VEC_INIT;
	struct printer p = { out, s, NULL, NULL, 0, NULL };
	struct kc_count *c;
	char *err = NULL;
	uint64_t total;
	size_t max = KC_COUNT_MAX_VALUES;
	int ret = KC_EXIT_OK, r;

	if (kc_cli_positive(o->max_values, "--max-values", &max) < 0) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	if (o->project && !parse_symbols(m, o->project, &syms)) {
		ret = KC_EXIT_USAGE;
		goto out;
	}
	c = kc_count_new(s, 0, &err);
	if (!c || !kc_count_configs(c, NULL, 0, &total)) {
		ret = kc_cli_usage_error("%s", err ? err :
				"more than 2^64 - 1 valid configurations");
		goto out_count;
	}
	kc_buf_addf(out, "%llu valid configurations\n",
		    (unsigned long long)total);
	if (!syms.len)
		goto out_count;
	p.syms = (const struct kc_symbol *const *)syms.items;
	p.n = syms.len;
	if (o->representatives) {
		p.defaults = kc_eval_new(m, NULL, NULL);
		p.rep = kc_xcalloc(kc_sat_symbol_count(s) + 1, sizeof(*p.rep));
	}
	kc_buf_adds(out, "distinct assignments of the projected symbols, with their counts:\n");
	r = kc_count_project(c, p.syms, p.n, max, print_projection, &p, &err);
	if (r == KC_COUNT_TOO_MANY)
		ret = kc_cli_usage_error("more than %zu distinct assignments of the projected symbols; project fewer symbols or raise --max-values",
					 max);
	else if (r)
		ret = kc_cli_usage_error("%s", err);
	kc_eval_free(p.defaults);
	free(p.rep);
out_count:
	kc_count_free(c);
	free(err);
out:
	kc_vec_free(&syms);
	kc_sat_free(s);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	struct kc_buf out = KC_BUF_INIT;
	struct kc_model *m;
	int ret;

	m = kc_cli_args_model(a);
	if (!m)
		return KC_EXIT_USAGE;
	ret = count(a, m, &out);
	if (ret == KC_EXIT_OK)
		ret = kc_cli_write_output(a->report.output, &out);
	kc_buf_free(&out);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_count = {
	.name = "count",
	.summary = "count valid configurations exactly (--project: per assignment)",
	.description =
		"Prints the exact number of valid configurations of the model (bool and\n"
		"tristate values that resolution keeps unchanged; see docs/sat.md).  With\n"
		"--project, also every distinct assignment of the listed symbols that\n"
		"some valid configuration has, with the number having it; the numbers\n"
		"add up to the total.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_OUTPUT,
	.options = options,
	.own_size = sizeof(struct count_options),
	.max_args = 0,
	.run = run,
};
