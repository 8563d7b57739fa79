/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * preprocess.c - the Kconfig macro language: variables, user functions,
 * environment variables and the built-in functions, expanded the way
 * Documentation/kbuild/kconfig-macro-language.rst describes.
 *
 * All state lives in struct kc_pp; one expansion request carries its own
 * bookkeeping (diagnostics, depth, work done) in struct pp_run on the stack.
 * Besides the kernel's own limits (16 parts in a reference, 1000 nested
 * expansions of one variable) there are guards the kernel lacks, so hostile
 * input can neither hang us nor exhaust memory or stack: a cap on the size
 * of any one expansion result, on the total nesting depth, and on the work
 * one top-level request may do.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "preprocess.h"

/* A reference is a name plus at most 15 arguments ("Built-in functions"). */
#define PP_MAX_PARTS 16
/* The kernel's limit on nested expansions of one variable. */
#define PP_MAX_VAR_DEPTH 1000
/* Any nesting at all (textual or through variables): protects the stack. */
#define PP_MAX_DEPTH 4000
/* No single expansion result may grow beyond this. */
#define PP_MAX_RESULT ((size_t)16 << 20)
/*
 * Work one top-level request may do, in bytes produced; each reference and
 * each shell run also costs a fixed amount.  Exponential chains that yield
 * empty text (A = $(B)$(B), B = $(C)$(C), ...) stop here instead of
 * running for hours.  A real tree uses a tiny fraction of it.
 */
#define PP_WORK_BUDGET ((size_t)256 << 20)
#define PP_REF_COST 256
#define PP_SHELL_COST ((size_t)1 << 16)
/* The kernel reads one buffer of 4096 bytes and keeps 4095 of them. */
#define PP_SHELL_MAX 4095

struct pp_var {
	char *name;
	struct kc_buf value;
	bool simple; /* ':=' flavor: value is final text */
	bool tainted; /* unrun shell output is in a simple value */
	int exp_count; /* expansions of this variable in progress */
};

struct pp_env {
	char *name;
	char *value;
};

struct kc_pp {
	bool run_shell;
	const char *(*getenv)(void *ctx, const char *name);
	void *env_ctx;
	void (*message)(void *ctx, enum kc_pp_message kind, const char *file,
			int line, const char *text);
	void *message_ctx;
	char *shell_dir;

	char *file; /* NULL until kc_pp_set_location */
	int line;

	struct kc_map *vars; /* name -> struct pp_var */
	struct kc_vec var_list; /* the same, for freeing */
	struct kc_map *env; /* name -> struct pp_env, once looked up */
	struct kc_vec env_list; /* the same, in lookup order */
	struct kc_vec call_pool; /* spare struct pp_call */
};

/* One top-level request. */
struct pp_run {
	struct kc_pp *pp;
	struct kc_diags *diags;
	struct kc_buf *top; /* the caller's buffer ... */
	size_t top_base; /* ... and its length on entry */
	size_t work;
	int depth;
};

/*
 * Spare calls are pooled to save malloc per reference.  Typical nesting is a
 * handful of levels; the limits keep a hostile one from pinning memory.
 */
#define PP_POOL_MAX 64
#define PP_POOL_KEEP 256

/* The evaluated parts of one reference $(name,arg1,...). */
struct pp_call {
	int argc;
	struct kc_buf name;
	bool name_tainted;
	struct kc_buf argv[PP_MAX_PARTS - 1];
	bool arg_tainted[PP_MAX_PARTS - 1];
};

static int expand_text(struct pp_run *r, const char *s, size_t len, bool token,
		       size_t *consumed, const struct pp_call *args,
		       struct kc_buf *out, bool *tainted);

static int pp_error(struct pp_run *r, const char *fmt, ...) KC_PRINTF(2, 3);

static int pp_error(struct pp_run *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->diags)
		return -1;
	va_start(ap, fmt);
	kc_diags_vadd(r->diags, KC_SEV_ERROR, r->pp->file, r->pp->line, 0, fmt,
		      ap);
	va_end(ap);
	return -1;
}

static int charge(struct pp_run *r, size_t cost)
{
	r->work += cost;
	if (r->work > PP_WORK_BUDGET)
		return pp_error(r, "expansion too large");
	return 0;
}

/* Appends expansion text, enforcing the size cap and the work budget. */
static int emit(struct pp_run *r, struct kc_buf *out, const char *s, size_t n)
{
	size_t base = out == r->top ? r->top_base : 0;

	if (!n)
		return 0;
	if (out->len - base + n > PP_MAX_RESULT)
		return pp_error(r, "expansion too large");
	if (charge(r, n))
		return -1;
	kc_buf_add(out, s, n);
	return 0;
}

static bool is_token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The kernel reads $(1), $(2)... with strtoul() over the whole unexpanded
 * text between the parentheses, so " 1" and "+1" also name argument 1.
 * Returns the argument number, or 0 when the text is not one.
 */
static size_t arg_index(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len && is_space(s[i]))
		i++;
	if (i < len && s[i] == '+')
		i++;
	if (i == len)
		return 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (n < (size_t)PP_MAX_PARTS)
			n = n * 10 + (size_t)(s[i] - '0');
	}
	return n;
}

/* ---- variables --------------------------------------------------------- */

static int expand_var(struct pp_run *r, struct pp_var *v,
		      const struct pp_call *call, struct kc_buf *out,
		      bool *tainted)
{
	int ret;

	if (call->argc == 0 && v->exp_count)
		return pp_error(
			r,
			"Recursive variable '%s' references itself (eventually)",
			v->name);
	if (v->exp_count > PP_MAX_VAR_DEPTH)
		return pp_error(r, "Too deep recursive expansion");

	if (v->simple) {
		if (v->tainted)
			*tainted = true;
		return emit(r, out, kc_buf_str(&v->value), v->value.len);
	}
	v->exp_count++;
	ret = expand_text(r, kc_buf_str(&v->value), v->value.len, false, NULL,
			  call, out, tainted);
	v->exp_count--;
	return ret;
}

/* ---- built-in functions ------------------------------------------------ */

/* Prefixes the command with a cd, so the library never changes its cwd. */
static char *shell_script(const struct kc_pp *pp, const char *cmd)
{
	struct kc_buf b = KC_BUF_INIT;
	const char *p;

	if (!pp->shell_dir)
		return kc_xstrdup(cmd);
	kc_buf_adds(&b, "cd -- '");
	for (p = pp->shell_dir; *p; p++) {
		if (*p == '\'')
			kc_buf_adds(&b, "'\\''");
		else
			kc_buf_addc(&b, *p);
	}
	kc_buf_adds(&b, "' || exit 1\n");
	kc_buf_adds(&b, cmd);
	return kc_buf_detach(&b);
}

static int run_shell(struct pp_run *r, const char *cmd, struct kc_buf *out)
{
	char buf[PP_SHELL_MAX + 1];
	char *script, *nul;
	size_t n, i;
	FILE *p;

	if (charge(r, PP_SHELL_COST))
		return -1;
	script = shell_script(r->pp, cmd);
	p = popen(script, "r");
	free(script);
	if (!p)
		return pp_error(r, "cannot run '%s': %s", cmd, strerror(errno));
	n = fread(buf, 1, sizeof(buf), p);
	if (n == sizeof(buf))
		n--;
	if (pclose(p) == -1)
		return pp_error(r, "cannot run '%s': %s", cmd, strerror(errno));

	/*
	 * Trailing newlines go, the others become spaces ("Built-in
	 * functions"); like the kernel, the text also ends at a NUL byte.
	 */
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	nul = memchr(buf, '\0', n);
	if (nul)
		n = (size_t)(nul - buf);
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n')
			buf[i] = ' ';
	}
	return emit(r, out, buf, n);
}

static int do_shell(struct pp_run *r, const struct pp_call *c,
		    struct kc_buf *out, bool *tainted)
{
	/* Hermetic mode: the answer would come from the build machine. */
	if (!r->pp->run_shell) {
		*tainted = true;
		return emit(r, out, "n", 1);
	}
	return run_shell(r, kc_buf_str(&c->argv[0]), out);
}

static int do_info(struct pp_run *r, const struct pp_call *c,
		   struct kc_buf *out, bool *tainted)
{
	struct kc_pp *pp = r->pp;

	if (pp->message)
		pp->message(pp->message_ctx, KC_PP_INFO, pp->file, pp->line,
			    kc_buf_str(&c->argv[0]));
	return 0;
}

static int do_warning_if(struct pp_run *r, const struct pp_call *c,
			 struct kc_buf *out, bool *tainted)
{
	struct kc_pp *pp = r->pp;

	if (strcmp(kc_buf_str(&c->argv[0]), "y") || !pp->message)
		return 0;
	pp->message(pp->message_ctx, KC_PP_WARNING, pp->file, pp->line,
		    kc_buf_str(&c->argv[1]));
	return 0;
}

static int do_error_if(struct pp_run *r, const struct pp_call *c,
		       struct kc_buf *out, bool *tainted)
{
	if (strcmp(kc_buf_str(&c->argv[0]), "y"))
		return 0;
	return pp_error(r, "%s", kc_buf_str(&c->argv[1]));
}

static int do_filename(struct pp_run *r, const struct pp_call *c,
		       struct kc_buf *out, bool *tainted)
{
	const char *file = r->pp->file ? r->pp->file : "";

	return emit(r, out, file, strlen(file));
}

static int do_lineno(struct pp_run *r, const struct pp_call *c,
		     struct kc_buf *out, bool *tainted)
{
	char num[16];
	int n = snprintf(num, sizeof(num), "%d", r->pp->line);

	return emit(r, out, num, (size_t)n);
}

struct pp_builtin {
	const char *name;
	int min_args;
	int max_args;
	int (*fn)(struct pp_run *r, const struct pp_call *c, struct kc_buf *out,
		  bool *tainted);
};

static const struct pp_builtin builtins[] = {
	{ "error-if", 2, 2, do_error_if },
	{ "filename", 0, 0, do_filename },
	{ "info", 1, 1, do_info },
	{ "lineno", 0, 0, do_lineno },
	{ "shell", 1, 1, do_shell },
	{ "warning-if", 2, 2, do_warning_if },
};

static const struct pp_builtin *find_builtin(const struct kc_buf *name)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (!strcmp(builtins[i].name, kc_buf_str(name)))
			return &builtins[i];
	}
	return NULL;
}

static int call_builtin(struct pp_run *r, const struct pp_builtin *f,
			const struct pp_call *c, struct kc_buf *out,
			bool *tainted)
{
	int i;

	if (c->argc < f->min_args)
		return pp_error(r, "too few function arguments passed to '%s'",
				f->name);
	if (c->argc > f->max_args)
		return pp_error(r, "too many function arguments passed to '%s'",
				f->name);
	/* Whatever a built-in does, it does it with its arguments. */
	for (i = 0; i < c->argc; i++) {
		if (c->arg_tainted[i])
			*tainted = true;
	}
	return f->fn(r, c, out, tainted);
}

/* ---- environment ------------------------------------------------------- */

/* Could this be the name of an environment variable (not "2", not "")? */
static bool env_name(const struct kc_buf *name)
{
	size_t i;

	if (!name->len || isdigit((unsigned char)name->data[0]))
		return false;
	for (i = 0; i < name->len; i++) {
		char ch = name->data[i];

		if (!isalnum((unsigned char)ch) && ch != '_')
			return false;
	}
	return true;
}

/* Returns the value, remembering each variable found the first time. */
static const char *env_lookup(struct kc_pp *pp, const struct kc_buf *name)
{
	struct pp_env *e;
	const char *value;

	if (!name->len || !pp->getenv)
		return NULL;
	e = kc_map_getn(pp->env, name->data, name->len);
	if (e)
		return e->value;
	value = pp->getenv(pp->env_ctx, name->data);
	if (!value)
		return NULL;
	e = kc_xmalloc(sizeof(*e));
	e->name = kc_xstrndup(name->data, name->len);
	e->value = kc_xstrdup(value);
	kc_map_put(pp->env, e->name, e);
	kc_vec_push(&pp->env_list, e);
	return e->value;
}

/* ---- references -------------------------------------------------------- */

static struct pp_call *call_get(struct kc_pp *pp)
{
	struct pp_call *c = kc_vec_pop(&pp->call_pool);

	return c ? c : kc_xcalloc(1, sizeof(*c));
}

static void call_buf_release(struct kc_buf *b)
{
	if (b->cap > PP_POOL_KEEP)
		kc_buf_free(b);
	else
		kc_buf_reset(b);
}

static void call_free(struct pp_call *c)
{
	int i;

	kc_buf_free(&c->name);
	for (i = 0; i < PP_MAX_PARTS - 1; i++)
		kc_buf_free(&c->argv[i]);
	free(c);
}

static void call_put(struct kc_pp *pp, struct pp_call *c)
{
	int i;

	if (pp->call_pool.len >= PP_POOL_MAX) {
		call_free(c);
		return;
	}
	call_buf_release(&c->name);
	for (i = 0; i < PP_MAX_PARTS - 1; i++) {
		call_buf_release(&c->argv[i]);
		c->arg_tainted[i] = false;
	}
	c->name_tainted = false;
	c->argc = 0;
	kc_vec_push(&pp->call_pool, c);
}

/* Splits s into the name and arguments of c, expanding each part. */
static int eval_parts(struct pp_run *r, const char *s, size_t len,
		      const struct pp_call *args, struct pp_call *c)
{
	size_t i, start = 0;
	int nest = 0, part = 0;

	for (i = 0; i <= len; i++) {
		struct kc_buf *dst;
		bool *taint;

		if (i < len && s[i] == '(')
			nest++;
		else if (i < len && s[i] == ')')
			nest--;
		if (i < len && (s[i] != ',' || nest != 0))
			continue;
		dst = part ? &c->argv[part - 1] : &c->name;
		taint = part ? &c->arg_tainted[part - 1] : &c->name_tainted;
		if (expand_text(r, s + start, i - start, false, NULL, args, dst,
				taint))
			return -1;
		part++;
		start = i + 1;
	}
	c->argc = part - 1;
	return 0;
}

/*
 * Evaluates the text between "$(" and its ")": an argument of the
 * enclosing user function, a variable, a built-in function, an environment
 * variable, or nothing, in that order.
 */
static int eval_clause(struct pp_run *r, const char *s, size_t len,
		       size_t parts, const struct pp_call *args,
		       struct kc_buf *out, bool *tainted)
{
	const struct pp_builtin *f;
	struct pp_call *c;
	struct pp_var *v;
	const char *value;
	size_t n = arg_index(s, len);
	int ret = 0;

	if (n && args && n <= (size_t)args->argc) {
		if (args->arg_tainted[n - 1])
			*tainted = true;
		return emit(r, out, kc_buf_str(&args->argv[n - 1]),
			    args->argv[n - 1].len);
	}
	if (parts > PP_MAX_PARTS)
		return pp_error(r, "too many function arguments");
	/* Splitting rescans the text at each nesting level: it is work. */
	if (charge(r, len))
		return -1;

	c = call_get(r->pp);
	if (eval_parts(r, s, len, args, c)) {
		ret = -1;
		goto out;
	}
	/* A name built from tainted text taints whatever it finds. */
	if (c->name_tainted)
		*tainted = true;

	v = kc_map_getn(r->pp->vars, kc_buf_str(&c->name), c->name.len);
	f = v ? NULL : find_builtin(&c->name);
	if (v) {
		ret = expand_var(r, v, c, out, tainted);
	} else if (f) {
		ret = call_builtin(r, f, c, out, tainted);
	} else if (c->argc == 0) {
		value = env_lookup(r->pp, &c->name);
		if (value)
			ret = emit(r, out, value, strlen(value));
		else if (!r->pp->run_shell && env_name(&c->name))
			/*
			 * Hermetic: a variable nobody set (CC, LD,
			 * CC_VERSION_TEXT...) is what the build machine's
			 * environment would provide.
			 */
			*tainted = true;
	}
out:
	call_put(r->pp, c);
	return ret;
}

/*
 * Expands the reference at s[0] == '$' within s[0..len).  The closing
 * parenthesis must come before len; the callers set len to the end of the
 * string or, for the lexer's entry points, of the line.
 */
static int expand_ref(struct pp_run *r, const char *s, size_t len,
		      size_t *consumed, const struct pp_call *args,
		      struct kc_buf *out, bool *tainted)
{
	size_t i, parts = 1;
	int nest = 0, ret;

	/* Only "$(" starts a reference; any other '$' is literal. */
	if (len < 2 || s[1] != '(') {
		*consumed = 1;
		return emit(r, out, "$", 1);
	}
	/* Find the matching ')' and count the parts split by top commas. */
	for (i = 2; i < len; i++) {
		if (s[i] == '(')
			nest++;
		else if (s[i] == ')' && nest-- == 0)
			break;
		else if (s[i] == ',' && nest == 0)
			parts++;
	}
	if (i == len)
		return pp_error(r,
				"unterminated reference to '%.*s': missing ')'",
				(int)(len - 2), s + 2);
	*consumed = i + 1;

	if (charge(r, i))
		return -1;
	if (r->depth >= PP_MAX_DEPTH)
		return pp_error(r, "Too deep recursive expansion");
	if (charge(r, PP_REF_COST))
		return -1;
	r->depth++;
	ret = eval_clause(r, s + 2, i - 2, parts, args, out, tainted);
	r->depth--;
	return ret;
}

/*
 * Expands s[0..len).  In token mode it stops at the first character outside
 * a reference that cannot be part of a word; *consumed (if not NULL)
 * receives the number of bytes used.
 */
static int expand_text(struct pp_run *r, const char *s, size_t len, bool token,
		       size_t *consumed, const struct pp_call *args,
		       struct kc_buf *out, bool *tainted)
{
	size_t i = 0, lit = 0, used;

	while (i < len) {
		if (s[i] == '$') {
			if (emit(r, out, s + lit, i - lit) ||
			    expand_ref(r, s + i, len - i, &used, args, out,
				       tainted))
				return -1;
			i += used;
			lit = i;
			continue;
		}
		if (token && !is_token_char(s[i]))
			break;
		i++;
	}
	if (consumed)
		*consumed = i;
	return emit(r, out, s + lit, i - lit);
}

/* ---- the public verbs -------------------------------------------------- */

struct kc_pp *kc_pp_new(const struct kc_parse_options *opt)
{
	struct kc_pp *pp = kc_xcalloc(1, sizeof(*pp));

	if (opt) {
		pp->run_shell = opt->run_shell;
		pp->getenv = opt->getenv;
		pp->env_ctx = opt->env_ctx;
		pp->message = opt->message;
		pp->message_ctx = opt->message_ctx;
		if (opt->shell_dir)
			pp->shell_dir = kc_xstrdup(opt->shell_dir);
	}
	pp->vars = kc_map_new(64);
	pp->env = kc_map_new(16);
	return pp;
}

void kc_pp_free(struct kc_pp *pp)
{
	size_t i;

	if (!pp)
		return;
	for (i = 0; i < pp->var_list.len; i++) {
		struct pp_var *v = pp->var_list.items[i];

		free(v->name);
		kc_buf_free(&v->value);
		free(v);
	}
	for (i = 0; i < pp->env_list.len; i++) {
		struct pp_env *e = pp->env_list.items[i];

		free(e->name);
		free(e->value);
		free(e);
	}
	for (i = 0; i < pp->call_pool.len; i++)
		call_free(pp->call_pool.items[i]);
	kc_vec_free(&pp->var_list);
	kc_vec_free(&pp->env_list);
	kc_vec_free(&pp->call_pool);
	kc_map_free(pp->vars);
	kc_map_free(pp->env);
	free(pp->shell_dir);
	free(pp->file);
	free(pp);
}

void kc_pp_set_location(struct kc_pp *pp, const char *file, int line)
{
	pp->line = line;
	/* Called for every line: copy the name only when it changes. */
	if (pp->file && file && !strcmp(pp->file, file))
		return;
	free(pp->file);
	pp->file = file ? kc_xstrdup(file) : NULL;
}

static void run_init(struct pp_run *r, struct kc_pp *pp, struct kc_buf *out,
		     struct kc_diags *diags)
{
	memset(r, 0, sizeof(*r));
	r->pp = pp;
	r->diags = diags;
	r->top = out;
	r->top_base = out ? out->len : 0;
}

/* On error the caller's buffer is left as it was. */
static int run_done(struct pp_run *r, int ret)
{
	if (ret && r->top && r->top->data) {
		r->top->len = r->top_base;
		r->top->data[r->top_base] = '\0';
	}
	return ret;
}

static size_t line_len(const char *in)
{
	return strcspn(in, "\n");
}

int kc_pp_expand(struct kc_pp *pp, const char *in, struct kc_buf *out,
		 bool *tainted, struct kc_diags *diags)
{
	struct pp_run r;

	run_init(&r, pp, out, diags);
	return run_done(&r, expand_text(&r, in, strlen(in), false, NULL, NULL,
					out, tainted));
}

int kc_pp_expand_token(struct kc_pp *pp, const char *in, size_t *consumed,
		       struct kc_buf *out, bool *tainted,
		       struct kc_diags *diags)
{
	struct pp_run r;

	*consumed = 0;
	run_init(&r, pp, out, diags);
	return run_done(&r, expand_text(&r, in, line_len(in), true, consumed,
					NULL, out, tainted));
}

int kc_pp_expand_dollar(struct kc_pp *pp, const char *in, size_t *consumed,
			struct kc_buf *out, bool *tainted,
			struct kc_diags *diags)
{
	struct pp_run r;

	*consumed = 0;
	if (in[0] != '$')
		return 0;
	run_init(&r, pp, out, diags);
	return run_done(&r, expand_ref(&r, in, line_len(in), consumed, NULL,
				       out, tainted));
}

static struct pp_var *var_new(struct kc_pp *pp, const char *name)
{
	struct pp_var *v = kc_xcalloc(1, sizeof(*v));

	v->name = kc_xstrdup(name);
	kc_map_put(pp->vars, v->name, v);
	kc_vec_push(&pp->var_list, v);
	return v;
}

int kc_pp_assign(struct kc_pp *pp, const char *name, enum kc_pp_flavor flavor,
		 const char *value, struct kc_diags *diags)
{
	struct pp_var *v = kc_map_get(pp->vars, name);
	struct kc_buf text = KC_BUF_INIT;
	bool simple, taint = false;
	struct pp_run r;

	/* '+=' keeps the flavor of a defined variable, else it is '='. */
	if (flavor == KC_PP_APPEND)
		simple = v && v->simple;
	else
		simple = flavor == KC_PP_SIMPLE;

	if (simple) {
		run_init(&r, pp, &text, diags);
		if (expand_text(&r, value, strlen(value), false, NULL, NULL,
				&text, &taint)) {
			kc_buf_free(&text);
			return -1;
		}
	} else {
		kc_buf_adds(&text, value);
	}

	if (flavor == KC_PP_APPEND && v) {
		if (v->value.len + 1 + text.len > PP_MAX_RESULT) {
			kc_buf_free(&text);
			run_init(&r, pp, NULL, diags);
			return pp_error(&r, "expansion too large");
		}
		kc_buf_addc(&v->value, ' ');
		kc_buf_add(&v->value, kc_buf_str(&text), text.len);
		v->tainted |= taint;
		kc_buf_free(&text);
		return 0;
	}
	if (!v)
		v = var_new(pp, name);
	kc_buf_free(&v->value);
	v->value = text;
	v->simple = simple;
	v->tainted = taint;
	return 0;
}

size_t kc_pp_env_count(const struct kc_pp *pp)
{
	return pp->env_list.len;
}

void kc_pp_env(const struct kc_pp *pp, size_t i, const char **name,
	       const char **value)
{
	const struct pp_env *e = pp->env_list.items[i];

	*name = e->name;
	*value = e->value;
}
