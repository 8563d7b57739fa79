/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_fix.c - `vfio-kconfig-check fix CONFIG`: the smallest change to a
 * .config after which it survives resolution, obeys the rules at or above
 * --fail-on and has the values --want asks for, printed as a fragment for
 * merge_config.sh and as scripts/config commands, each change with its
 * reason; -o writes the fixed .config.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kc_analysis.h"

struct fix_options {
	struct kc_vec wants;
	const char *output;
	const char *fail_on;
	const char *format;
};

static const char *const levels[] = { "error", "warning", "note", NULL };
static const char *const formats[] = { "text", "json", NULL };

static const struct kc_option options[] = {
	{ "want", 0, KC_OPT_LIST, "SYMBOL=VALUE",
	  "the fixed configuration must have this value\n(repeatable)", NULL,
	  KC_STORE_OWN, offsetof(struct fix_options, wants), KC_COMPLETE_NONE },
	{ "output", 'o', KC_OPT_STRING, "FILE",
	  "write the fixed .config to FILE (atomically)", NULL, KC_STORE_OWN,
	  offsetof(struct fix_options, output), KC_COMPLETE_FILE },
	KC_OWN_ENUM("fail-on", "LEVEL",
		    "obey the rules at or above LEVEL:\nerror (default), warning or note",
		    levels, struct fix_options, fail_on),
	KC_OWN_ENUM("format", "FORMAT", "text (default) or json", formats,
		    struct fix_options, format),
	{ 0 },
};

static enum kc_severity min_severity(const char *v)
{
	if (v && !strcmp(v, "note"))
		return KC_SEV_NOTE;
	if (v && !strcmp(v, "warning"))
		return KC_SEV_WARNING;
	return KC_SEV_ERROR;
}

/* "SYMBOL=y" (CONFIG_ allowed) into a want; prints why when it is not. */
static int parse_want(const struct kc_model *m, const char *text,
		      struct kc_fix_want *w)
{
	const char *eq = strchr(text, '=');
	char *name;

	if (!eq || eq == text || strlen(eq + 1) != 1 || !strchr("ymn", eq[1]))
		return kc_cli_usage_error("--want '%s': expected SYMBOL=y, SYMBOL=m or SYMBOL=n",
					  text);
	name = kc_xstrndup(text, (size_t)(eq - text));
	w->sym = kc_model_lookup(m, strncmp(name, "CONFIG_", 7) ? name :
							  name + 7);
	w->value = eq[1] == 'y' ? KC_YES : eq[1] == 'm' ? KC_MOD : KC_NO;
	if (!w->sym || !(w->sym->flags & KC_SYM_DEFINED) ||
	    (w->sym->type != KC_T_BOOL && w->sym->type != KC_T_TRISTATE)) {
		kc_cli_usage_error("--want '%s': not a bool or tristate symbol of this Kconfig tree",
				   text);
		free(name);
		return KC_EXIT_USAGE;
	}
	if (w->value == KC_MOD && w->sym->type == KC_T_BOOL)
		w->value = KC_YES;
	free(name);
	return KC_EXIT_OK;
}

/* "scripts/config --file F --enable X" for one change. */
static void command(struct kc_buf *b, const char *path,
		    const struct kc_finding *f)
{
	const char *verb = f->resolved[0] == 'y' ? "--enable" :
			   f->resolved[0] == 'm' ? "--module" : "--disable";

	kc_buf_addf(b, "scripts/config --file %s %s %s\n", path, verb,
		    f->symbol);
}

static void text_change(struct kc_buf *b, const char *prefix,
			const struct kc_finding *f)
{
	size_t i;

	kc_buf_addf(b, "# %s\n", f->message);
	for (i = 0; i < f->n_notes; i++) {
		const struct kc_note *n = &f->notes[i];

		if (n->file)
			kc_buf_addf(b, "#   %s:%d: %s\n", n->file, n->line,
				    n->message);
		else
			kc_buf_addf(b, "#   %s\n", n->message);
	}
	if (f->resolved[0] == 'n')
		kc_buf_addf(b, "# %s%s is not set\n", prefix, f->symbol);
	else
		kc_buf_addf(b, "%s%s=%s\n", prefix, f->symbol, f->resolved);
}

static void text_fix(const struct kc_fix *fx, const char *path,
		     const char *prefix, struct kc_buf *b)
{
	size_t i;

	if (!fx->n_changes) {
		kc_buf_addf(b, "# %s needs no change: every line survives resolution and every goal holds\n",
			    path);
		return;
	}
	kc_buf_addf(b, "# %s: %zu change%s (minimal: the solver proved no fix with %zu exists)\n",
		    path, fx->n_changes, fx->n_changes == 1 ? "" : "s",
		    fx->n_changes - 1);
	if (!fx->confirmed)
		kc_buf_adds(b, "# warning: resolving the fixed .config does not give every value back (int, hex or string comparisons the solver leaves free)\n");
	kc_buf_adds(b, "\n# fragment, for scripts/kconfig/merge_config.sh\n");
	for (i = 0; i < fx->changes.len; i++)
		text_change(b, prefix, &fx->changes.items[i]);
	kc_buf_adds(b, "\n# the same as scripts/config commands\n");
	for (i = 0; i < fx->changes.len; i++)
		command(b, path, &fx->changes.items[i]);
}

static void json_note(struct kc_json *j, const struct kc_note *n)
{
	kc_json_begin_object(j);
	kc_json_kv_string(j, "file", n->file);
	if (n->file)
		kc_json_kv_int(j, "line", n->line);
	kc_json_kv_string(j, "message", n->message);
	kc_json_end_object(j);
}

static void json_fix(const struct kc_fix *fx, const char *path,
		     struct kc_buf *b)
{
	struct kc_json j;
	struct kc_buf cmd = KC_BUF_INIT;
	size_t i, k;

	kc_json_init(&j, b);
	kc_json_begin_object(&j);
	kc_json_kv_string(&j, "schema", "vfio-kconfig-check/fix/1");
	kc_json_kv_string(&j, "config", path);
	kc_json_kv_bool(&j, "found", true);
	kc_json_kv_bool(&j, "confirmed", fx->confirmed);
	kc_json_kv_int(&j, "changes_count", (long long)fx->n_changes);
	kc_json_key(&j, "changes");
	kc_json_begin_array(&j);
	for (i = 0; i < fx->changes.len; i++) {
		const struct kc_finding *f = &fx->changes.items[i];

		kc_json_begin_object(&j);
		kc_json_kv_string(&j, "symbol", f->symbol);
		kc_json_kv_string(&j, "from", f->assigned);
		kc_json_kv_string(&j, "to", f->resolved);
		kc_json_kv_string(&j, "file", f->file);
		kc_json_kv_int(&j, "line", f->line);
		kc_json_kv_string(&j, "message", f->message);
		kc_buf_reset(&cmd);
		command(&cmd, path, f);
		cmd.data[cmd.len - 1] = '\0';
		kc_json_kv_string(&j, "command", kc_buf_str(&cmd));
		kc_json_key(&j, "reasons");
		kc_json_begin_array(&j);
		for (k = 0; k < f->n_notes; k++)
			json_note(&j, &f->notes[k]);
		kc_json_end_array(&j);
		kc_json_end_object(&j);
	}
	kc_json_end_array(&j);
	kc_json_kv_string(&j, "fragment", fx->fragment);
	kc_json_end_object(&j);
	kc_buf_addc(b, '\n');
	kc_buf_free(&cmd);
}

static int no_fix(struct kc_cli_args *a, struct kc_fix *fx, const char *path)
{
	const struct fix_options *o = a->own;
	struct kc_cli_report r = { "-", o->format, "never" };
	struct kc_report_config rc = { path, &fx->conflict, NULL, 0 };

	kc_cli_report_write(&r, &a->src, &rc, 1);
	return KC_EXIT_FINDINGS;
}

static int print_fix(struct kc_cli_args *a, struct kc_fix *fx,
		     const struct kc_config *cfg, const char *prefix)
{
	const struct fix_options *o = a->own;
	struct kc_buf out = KC_BUF_INIT, conf = KC_BUF_INIT;
	int ret;

	if (o->format && !strcmp(o->format, "json"))
		json_fix(fx, cfg->path, &out);
	else
		text_fix(fx, cfg->path, prefix, &out);
	ret = kc_cli_write_output("-", &out);
	if (ret == KC_EXIT_OK && o->output) {
		kc_buf_adds(&conf, fx->config);
		ret = kc_cli_write_output(o->output, &conf);
	}
	kc_buf_free(&out);
	kc_buf_free(&conf);
	return ret;
}

static int fix(struct kc_cli_args *a, struct kc_model *m,
	       const struct kc_policy *policy, const struct kc_config *cfg)
{
	const struct fix_options *o = a->own;
	struct kc_fix_want *wants = kc_xcalloc(o->wants.len + 1, sizeof(*wants));
	struct kc_fix_options fo = { 0 };
	struct kc_fix fx;
	size_t i;
	int ret = KC_EXIT_OK;

	for (i = 0; i < o->wants.len && ret == KC_EXIT_OK; i++)
		ret = parse_want(m, o->wants.items[i], &wants[i]);
	if (ret != KC_EXIT_OK) {
		free(wants);
		return ret;
	}
	fo.rules = kc_policy_rules(policy);
	fo.min_severity = min_severity(o->fail_on);
	fo.wants = wants;
	fo.n_wants = o->wants.len;
	fo.prefix = kc_cli_config_prefix(&a->src);
	kc_analysis_fix(m, cfg, &fo, &fx);
	if (!fx.found)
		ret = no_fix(a, &fx, cfg->path);
	else
		ret = print_fix(a, &fx, cfg,
				fo.prefix ? fo.prefix : "CONFIG_");
	kc_fix_free(&fx);
	free(wants);
	return ret;
}

static int run(struct kc_cli_args *a)
{
	struct kc_policy *policy = NULL;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_config *cfg = NULL;
	struct kc_model *m = NULL;
	int ret;

	if (a->positional.len != 1)
		return kc_cli_usage_error("fix takes one .config");
	ret = kc_cli_policy_start(a, &m, &policy);
	if (ret > 0) {
		cfg = kc_cli_read_config(&a->src, a->positional.items[0], &d);
		kc_cli_print_diags(&d);
		ret = cfg ? fix(a, m, policy, cfg) : KC_EXIT_USAGE;
	} else {
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	}
	kc_diags_free(&d);
	kc_config_free(cfg);
	kc_policy_free(policy);
	kc_model_free(m);
	return ret;
}

const struct kc_command kc_cmd_fix = {
	.name = "fix",
	.summary = "the smallest change that makes a .config work (SAT)",
	.args = "CONFIG",
	.description =
		"Finds the smallest change to CONFIG's bool and tristate symbols after\n"
		"which every line survives resolution, every rule at or above --fail-on\n"
		"holds, and every --want is met; every other value the .config sets is\n"
		"kept.  Minimal in the number of symbols changed: the solver proves no\n"
		"smaller change exists.  Prints the change as a fragment for\n"
		"merge_config.sh and as scripts/config commands, each with its reason;\n"
		"-o writes the fixed .config.  Exit 0 with a fix (or none needed), 1\n"
		"when no change can give what is asked (with the conflicting\n"
		"constraints), 2 on bad usage.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY,
	.options = options,
	.own_size = sizeof(struct fix_options),
	.max_args = 1,
	.file_args = true,
	.run = run,
};
