/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * options.c - the one option parser of vfio-kconfig-check, after git's
 * parse-options: every command declares its options in tables (its own,
 * and the shared groups it takes), and this file reads argv by them and
 * prints --help from them, so every command spells options the same way:
 * "--opt=value", "--opt value", "-o value", "-ovalue", "--" ends the
 * options, and a lone "-" is an argument.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int kc_cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vfio-kconfig-check: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return KC_EXIT_USAGE;
}

const struct kc_option_group kc_cli_groups[] = {
	{ KC_GROUP_MODEL, "model options", kc_cli_model_options },
	{ KC_GROUP_POLICY, "policy options", kc_cli_policy_options },
	{ KC_GROUP_WAIVERS, "waiver options", kc_cli_waiver_options },
	{ KC_GROUP_OUTPUT, "output options", kc_cli_output_options },
	{ KC_GROUP_REPORT, "report options", kc_cli_report_options },
	{ KC_GROUP_COMMON, "common options", kc_cli_common_options },
	{ 0, NULL, NULL },
};

static bool takes_group(const struct kc_command *cmd,
			const struct kc_option_group *g)
{
	return g->bit == KC_GROUP_COMMON || (cmd->groups & g->bit);
}

void kc_cli_each_option(const struct kc_command *cmd,
			void (*fn)(const struct kc_option *o, void *ctx),
			void *ctx)
{
	const struct kc_option *o;
	size_t g;

	for (g = 0; kc_cli_groups[g].options; g++) {
		if (!takes_group(cmd, &kc_cli_groups[g]))
			continue;
		for (o = kc_cli_groups[g].options; o->name; o++)
			fn(o, ctx);
	}
	for (o = cmd->options; o && o->name; o++)
		fn(o, ctx);
}

/* ---- looking options up ---------------------------------------------------------- */

struct lookup {
	const char *name;	/* long name, or NULL for short */
	size_t len;
	char short_name;
	const struct kc_option *found;
	const char *nearest;	/* for a mistyped long name */
	size_t nearest_d;
};

static void match_option(const struct kc_option *o, void *ctx)
{
	struct lookup *l = ctx;
	size_t d;

	if (l->found)
		return;
	if (!l->name) {
		if (o->short_name && o->short_name == l->short_name)
			l->found = o;
		return;
	}
	if (strlen(o->name) == l->len && !strncmp(o->name, l->name, l->len)) {
		l->found = o;
		return;
	}
	d = kc_edit_distance(l->name, o->name, l->nearest_d - 1);
	if (d < l->nearest_d) {
		l->nearest = o->name;
		l->nearest_d = d;
	}
}

static const struct kc_option *find_long(const struct kc_command *cmd,
					 const char *name, size_t len,
					 const char **nearest)
{
	struct lookup l = { .name = name, .len = len };
	char *copy = kc_xstrndup(name, len);

	/* A typo is at most a third of the name, as symbol suggestions. */
	l.nearest_d = len / 3 + 2;
	l.name = copy;
	kc_cli_each_option(cmd, match_option, &l);
	free(copy);
	*nearest = l.nearest;
	return l.found;
}

static const struct kc_option *find_short(const struct kc_command *cmd,
					  char c)
{
	struct lookup l = { .short_name = c };

	kc_cli_each_option(cmd, match_option, &l);
	return l.found;
}

/* ---- storing values ------------------------------------------------------------------ */

static void *store_of(const struct kc_option *o, struct kc_cli_args *a)
{
	switch (o->store) {
	case KC_STORE_MODEL:
		return (char *)&a->src + o->offset;
	case KC_STORE_POLICY:
		return (char *)&a->policy + o->offset;
	case KC_STORE_REPORT:
		return (char *)&a->report + o->offset;
	default:
		return (char *)a->own + o->offset;
	}
}

static void enum_values(const struct kc_option *o, struct kc_buf *b)
{
	size_t i;

	for (i = 0; o->values[i]; i++)
		kc_buf_addf(b, "%s%s", i ? ", " : "", o->values[i]);
}

static int check_enum(const struct kc_option *o, const char *v)
{
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	for (i = 0; o->values[i]; i++)
		if (!strcmp(o->values[i], v))
			return 0;
	enum_values(o, &b);
	kc_cli_usage_error("unknown value '%s' for --%s (%s)", v, o->name,
			   kc_buf_str(&b));
	kc_buf_free(&b);
	return -1;
}

/* Stores one option; v is its value (NULL for flags).  -1 on error. */
static int store(const struct kc_option *o, const char *v,
		 struct kc_cli_args *a)
{
	void *p = store_of(o, a);

	switch (o->kind) {
	case KC_OPT_FLAG:
		*(bool *)p = true;
		return 0;
	case KC_OPT_ALIAS:
		*(const char **)p = o->values[0];
		return 0;
	case KC_OPT_LIST:
		kc_vec_push(p, (void *)v);
		return 0;
	case KC_OPT_ENUM:
		if (check_enum(o, v) < 0)
			return -1;
		/* fall through */
	default:
		*(const char **)p = v;
		return 0;
	}
}

static bool takes_value(const struct kc_option *o)
{
	return o->kind != KC_OPT_FLAG && o->kind != KC_OPT_ALIAS;
}

/* ---- reading argv ---------------------------------------------------------------------- */

struct parser {
	const struct kc_command *cmd;
	int argc;
	char **argv;
	int i;			/* the argument being read */
	struct kc_cli_args *a;
};

static int unknown_option(const struct parser *p, const char *arg,
			  const char *nearest)
{
	if (nearest)
		kc_cli_usage_error("unknown option '%s' for '%s'; did you mean '--%s'? (try --help)",
				   arg, p->cmd->name, nearest);
	else
		kc_cli_usage_error("unknown option '%s' for '%s' (try --help)",
				   arg, p->cmd->name);
	return -1;
}

/* The value of option o: 'inline' (after '=' or a short name), or the next
 * argument. */
static int value_of(struct parser *p, const struct kc_option *o,
		    const char *spelled, const char *inline_value)
{
	if (!takes_value(o)) {
		if (!inline_value)
			return store(o, NULL, p->a);
		kc_cli_usage_error("option '%s' takes no value", spelled);
		return -1;
	}
	if (inline_value)
		return store(o, inline_value, p->a);
	if (p->i + 1 >= p->argc) {
		kc_cli_usage_error("option '%s' needs a value (%s)", spelled,
				   o->value_name);
		return -1;
	}
	return store(o, p->argv[++p->i], p->a);
}

static int long_option(struct parser *p, const char *arg)
{
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct kc_option *o;
	const char *nearest;
	char *spelled = kc_xstrndup(arg, len + 2);
	int r;

	o = find_long(p->cmd, name, len, &nearest);
	if (!o)
		r = unknown_option(p, spelled, nearest);
	else
		r = value_of(p, o, spelled, eq ? eq + 1 : NULL);
	free(spelled);
	return r;
}

/* "-o FILE" or "-oFILE"; flags are not bundled. */
static int short_option(struct parser *p, const char *arg)
{
	const struct kc_option *o = find_short(p->cmd, arg[1]);
	char spelled[3] = { '-', arg[1], '\0' };

	if (!o || (arg[2] && !takes_value(o)))
		return unknown_option(p, arg, NULL);
	return value_of(p, o, spelled, arg[2] ? arg + 2 : NULL);
}

static int positional(struct parser *p, const char *arg)
{
	const struct kc_command *cmd = p->cmd;

	if (cmd->max_args >= 0 && p->a->positional.len >= (size_t)cmd->max_args) {
		if (!cmd->max_args)
			kc_cli_usage_error("'%s' takes no arguments, not '%s' (try --help)",
					   cmd->name, arg);
		else
			kc_cli_usage_error("'%s' takes %s, not also '%s' (try --help)",
					   cmd->name, cmd->args, arg);
		return -1;
	}
	kc_vec_push(&p->a->positional, (void *)arg);
	return 0;
}

/* 1 to run the command, 0 after --help, -1 on a usage error. */
static int parse(struct parser *p, bool is_default)
{
	bool options = true;
	int r;

	for (p->i = 1; p->i < p->argc; p->i++) {
		const char *arg = p->argv[p->i];

		if (options && !strcmp(arg, "--")) {
			options = false;
			continue;
		}
		if (options && (!strcmp(arg, "-h") || !strcmp(arg, "--help"))) {
			kc_cli_command_help(p->cmd, is_default, stdout);
			return 0;
		}
		if (options && !strncmp(arg, "--", 2))
			r = long_option(p, arg);
		else if (options && arg[0] == '-' && arg[1])
			r = short_option(p, arg);
		else
			r = positional(p, arg);
		if (r < 0)
			return -1;
	}
	return 1;
}

static void release(struct kc_cli_args *a)
{
	const struct kc_option *o;

	kc_vec_free(&a->src.env);
	kc_vec_free(&a->policy.rules);
	kc_vec_free(&a->policy.only);
	kc_vec_free(&a->policy.skip);
	kc_vec_free(&a->positional);
	for (o = a->cmd->options; o && o->name; o++)
		if (o->kind == KC_OPT_LIST)
			kc_vec_free(store_of(o, a));
	free(a->own);
}

int kc_cli_run(const struct kc_command *cmd, bool is_default, int argc,
	       char **argv)
{
	struct kc_cli_args a = { .cmd = cmd };
	struct parser p = { cmd, argc, argv, 0, &a };
	int ret;

	a.report.output = "-";
	a.own = kc_xcalloc(1, cmd->own_size ? cmd->own_size : 1);
	ret = parse(&p, is_default);
	if (ret > 0)
		ret = cmd->run(&a);
	else
		ret = ret < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
	release(&a);
	return ret;
}

/* ---- --help ------------------------------------------------------------------------------ */

/* "  -o, --output FILE   help", continuation lines under the help column. */
static void print_option(const struct kc_option *o, void *ctx)
{
	FILE *out = ctx;
	struct kc_buf left = KC_BUF_INIT;
	const char *h = o->help, *nl;

	if (o->short_name)
		kc_buf_addf(&left, "-%c, ", o->short_name);
	kc_buf_addf(&left, "--%s", o->name);
	if (takes_value(o))
		kc_buf_addf(&left, " %s", o->value_name);
	if (left.len > 19)
		fprintf(out, "  %s\n%22s", kc_buf_str(&left), "");
	else
		fprintf(out, "  %-19s ", kc_buf_str(&left));
	while ((nl = strchr(h, '\n'))) {
		fprintf(out, "%.*s\n%22s", (int)(nl - h), h, "");
		h = nl + 1;
	}
	fprintf(out, "%s\n", h);
	kc_buf_free(&left);
}

void kc_cli_command_help(const struct kc_command *cmd, bool is_default,
			 FILE *out)
{
	const struct kc_option *o;
	size_t g;

	fprintf(out, "usage: vfio-kconfig-check %s%s%s [options]%s%s\n\n%s",
		is_default ? "[" : "", cmd->name, is_default ? "]" : "",
		cmd->args ? " " : "", cmd->args ? cmd->args : "",
		cmd->description);
	for (g = 0; kc_cli_groups[g].options; g++) {
		if (!takes_group(cmd, &kc_cli_groups[g]))
			continue;
		fprintf(out, "\n%s:\n", kc_cli_groups[g].title);
		for (o = kc_cli_groups[g].options; o->name; o++)
			print_option(o, out);
	}
	fprintf(out, "\noptions:\n");
	for (o = cmd->options; o && o->name; o++)
		print_option(o, out);
	fprintf(out, "  -h, --help          this text\n");
	if (cmd->epilog)
		fprintf(out, "\n%s", cmd->epilog);
}

int kc_cli_positive(const char *text, const char *flag, size_t *n)
{
	unsigned long long v;
	char *end;

	if (!text)
		return 0;
	v = strtoull(text, &end, 10);
	if (*end || !v || *text == '-') {
		kc_cli_usage_error("%s takes a positive number, not '%s'",
				   flag, text);
		return -1;
	}
	*n = (size_t)v;
	return 0;
}
