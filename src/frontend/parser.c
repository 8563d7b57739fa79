/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * parser.c - Kconfig statements into a kc_model.
 *
 * The grammar is the one in kconfig-language.rst ("Kconfig syntax", "Menu
 * attributes", "Menu dependencies"), with what older and newer kernels add:
 * named and 'optional' choices and tristate choices (Linux <= 6.1), the
 * 'option' forms of older trees, 'transitional' symbols and "depends on A
 * if B" (Linux 6.18 and later).
 *
 * A statement is a line (lines joined by backslash-newline).  On a syntax
 * error the parser reports it with file, line and column, skips to the end
 * of the line and goes on, so one run shows every error; any error makes
 * kc_parse() fail as a whole.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kc_frontend.h"
#include "lexer.h"
#include "preprocess.h"

#define MAX_ERRORS 100
#define MAX_EXPR_DEPTH 500
/* Blocks (menu, choice, if) inside each other; real trees use < 20. */
#define MAX_BLOCK_DEPTH 1000
/* "depends on" lines of one entry: they chain, so they are bounded. */
#define MAX_DEPENDS_LINES 1000
#define KC_STR_(x) #x
#define KC_STR(x) KC_STR_(x)

struct parser {
	struct kc_model *m;
	struct kc_lexer *lx;
	struct kc_pp *pp;
	struct kc_diags *diags;
	struct kc_token tok;		/* the current (lookahead) token */
	struct kc_menu *menu;		/* block new entries go into */
	struct kc_menu **last;		/* where the next entry is linked */
	struct kc_menu *entry;		/* entry whose options are read */
	struct kc_symbol *choice;	/* innermost open choice */
	/*
	 * Before 6.11, the entries (struct kc_menu) of the innermost open
	 * choice a new entry may nest under: its last member, then the
	 * entries nested under it (see nests_in_choice()).
	 */
	struct kc_vec *choice_nest;
	struct kc_map *named_choices;	/* name -> choice, before 6.12 */
	bool fatal;			/* the preprocessor stopped the parse */
	bool seen_statement;
	int depth;
	int blocks;			/* open menu, choice and if blocks */
	int entry_depends;		/* "depends on" lines of 'entry' */
};

static void advance(struct parser *p)
{
	if (p->fatal) {
		p->tok.type = TK_EOF;
		return;
	}
	if (kc_lexer_next(p->lx, &p->tok) < 0) {
		p->fatal = true;
		p->tok.type = TK_EOF;
	}
}

static bool too_many_errors(struct parser *p)
{
	return p->diags->errors >= MAX_ERRORS;
}

static void error_at(struct parser *p, const struct kc_token *t,
		     const char *fmt, const char *arg)
{
	/* After a fatal error the tokens left are not worth reporting. */
	if (too_many_errors(p) || p->fatal)
		return;
	kc_diags_add(p->diags, KC_SEV_ERROR, t->file, t->line, t->col, fmt,
		     arg);
	if (too_many_errors(p))
		kc_diags_add(p->diags, KC_SEV_ERROR, t->file, t->line, 0,
			     "too many errors, giving up");
}

static void warning_at(struct parser *p, const char *file, int line,
		       const char *fmt, const char *arg)
{
	kc_diags_add(p->diags, KC_SEV_WARNING, file, line, 0, fmt, arg);
}

/* Skips the rest of the statement, including its end of line. */
static void skip_line(struct parser *p)
{
	while (p->tok.type != TK_EOL && p->tok.type != TK_EOF)
		advance(p);
	if (p->tok.type == TK_EOL)
		advance(p);
}

static void unexpected(struct parser *p, const char *wanted)
{
	struct kc_buf msg = KC_BUF_INIT;

	kc_buf_addf(&msg, "syntax error: expected %s, found ", wanted);
	if (p->tok.type == TK_WORD)
		kc_buf_addf(&msg, "'%s'", p->tok.text);
	else if (p->tok.type == TK_STRING)
		kc_buf_addf(&msg, "\"%s\"", p->tok.text);
	else
		kc_buf_adds(&msg, kc_tok_name(p->tok.type));
	error_at(p, &p->tok, "%s", kc_buf_str(&msg));
	kc_buf_free(&msg);
}

/*
 * Ends a statement: the current token must be the end of the line.  Does
 * not read past it, so a 'source' can open its file before the next token.
 */
static bool at_eol(struct parser *p)
{
	if (p->tok.type == TK_EOL)
		return true;
	/*
	 * The end of a sourced file is an end of line, the end of the top
	 * file is not: as in the kernel, its last statement needs a newline.
	 */
	unexpected(p, "end of line");
	while (p->tok.type != TK_EOL && p->tok.type != TK_EOF)
		advance(p);
	return false;
}

static bool expect_eol(struct parser *p)
{
	bool ok = at_eol(p);

	if (p->tok.type == TK_EOL)
		advance(p);
	return ok;
}

/* ---- expressions ----------------------------------------------------------- */

static struct kc_expr *parse_or(struct parser *p);

static struct kc_symbol *token_symbol(struct parser *p, bool *tainted)
{
	struct kc_symbol *s;

	*tainted = p->tok.tainted;
	if (p->tok.type == TK_STRING)
		s = kc_model_const(p->m, p->tok.text, p->tok.len);
	else
		s = kc_model_intern(p->m, p->tok.text, p->tok.len);
	s->flags |= KC_SYM_REFERENCED;
	advance(p);
	return s;
}

static bool at_symbol(const struct parser *p)
{
	return p->tok.type == TK_WORD || p->tok.type == TK_STRING;
}

static enum kc_expr_op compare_op(enum kc_tok t)
{
	switch (t) {
	case TK_EQUAL:
		return KC_E_EQUAL;
	case TK_UNEQUAL:
		return KC_E_UNEQUAL;
	case TK_LESS:
		return KC_E_LTH;
	case TK_LESS_EQUAL:
		return KC_E_LEQ;
	case TK_GREATER:
		return KC_E_GTH;
	case TK_GREATER_EQUAL:
		return KC_E_GEQ;
	default:
		return KC_E_SYMBOL;
	}
}

static struct kc_expr *parse_primary(struct parser *p)
{
	struct kc_expr *e;
	struct kc_symbol *a, *b;
	enum kc_expr_op op;
	bool ta, tb = false;

	if (++p->depth > MAX_EXPR_DEPTH) {
		error_at(p, &p->tok, "expression nested too deeply%s", "");
		return NULL;
	}
	if (p->tok.type == TK_NOT) {
		advance(p);
		e = parse_primary(p);
		p->depth--;
		return e ? kc_expr_new_unary(p->m, KC_E_NOT, e) : NULL;
	}
	if (p->tok.type == TK_OPEN_PAREN) {
		advance(p);
		e = parse_or(p);
		if (e && p->tok.type != TK_CLOSE_PAREN) {
			unexpected(p, "')'");
			e = NULL;
		}
		if (e)
			advance(p);
		p->depth--;
		return e;
	}
	p->depth--;
	if (!at_symbol(p)) {
		unexpected(p, "a symbol, a constant, '!' or '('");
		return NULL;
	}
	a = token_symbol(p, &ta);
	op = compare_op(p->tok.type);
	if (op == KC_E_SYMBOL) {
		e = kc_expr_new_symbol(p->m, a);
	} else {
		advance(p);
		if (!at_symbol(p)) {
			unexpected(p, "a symbol or a constant");
			return NULL;
		}
		b = token_symbol(p, &tb);
		e = kc_expr_new_compare(p->m, op, a, b);
	}
	if (ta || tb)
		e->flags |= KC_EXPR_BUILD_MACHINE;
	return e;
}

/*
 * "a OP b OP c ...": every operand first, then one balanced tree
 * (kc_expr_join), so a flat chain of any length is shallow.
 */
static struct kc_expr *parse_chain(struct parser *p, enum kc_tok tok,
				   enum kc_expr_op op,
				   struct kc_expr *(*operand)(struct parser *))
{
	struct kc_vec items = KC_VEC_INIT;
	struct kc_expr *e = operand(p);

	while (e && p->tok.type == tok) {
		kc_vec_push(&items, e);
		advance(p);
		e = operand(p);
	}
	if (e && items.len) {
		kc_vec_push(&items, e);
		e = kc_expr_join(p->m, op, (struct kc_expr *const *)items.items,
				 items.len);
	}
	kc_vec_free(&items);
	return e;
}

static struct kc_expr *parse_and(struct parser *p)
{
	return parse_chain(p, TK_AND, KC_E_AND, parse_primary);
}

static struct kc_expr *parse_or(struct parser *p)
{
	return parse_chain(p, TK_OR, KC_E_OR, parse_and);
}

/*
 * An expression; on error, reports it once and skips to the end of the
 * line (the end of line itself is left for the caller).
 */
static struct kc_expr *parse_expr(struct parser *p)
{
	struct kc_expr *e;

	p->depth = 0;
	e = parse_or(p);
	if (!e) {
		while (p->tok.type != TK_EOL && p->tok.type != TK_EOF)
			advance(p);
	}
	return e;
}

/* Optional "if EXPR"; *ok is false after a syntax error. */
static struct kc_expr *parse_if_expr(struct parser *p, bool *ok)
{
	struct kc_expr *e;

	*ok = true;
	if (p->tok.type != TK_IF)
		return NULL;
	advance(p);
	e = parse_expr(p);
	*ok = e != NULL;
	return e;
}

/* ---- entries and properties ------------------------------------------------ */

static struct kc_menu *add_entry(struct parser *p, enum kc_menu_kind kind,
				 struct kc_symbol *sym,
				 const struct kc_token *at)
{
	struct kc_menu *menu = kc_arena_alloc(kc_model_arena(p->m),
					      sizeof(*menu));

	menu->kind = kind;
	menu->sym = sym;
	menu->parent = p->menu;
	menu->file = at->file;
	menu->line = at->line;
	*p->last = menu;
	p->last = &menu->next;
	p->entry = menu;
	p->entry_depends = 0;
	if (sym) {
		kc_symbol_add_menu(sym, menu);
		if (kind == KC_M_CONFIG || kind == KC_M_MENUCONFIG)
			sym->flags |= KC_SYM_DEFINED;
	}
	return menu;
}

static struct kc_property *add_prop(struct parser *p, enum kc_prop_kind kind,
				    struct kc_expr *expr, struct kc_expr *cond,
				    int line)
{
	struct kc_property *prop = kc_arena_alloc(kc_model_arena(p->m),
						  sizeof(*prop));

	prop->kind = kind;
	prop->menu = p->entry;
	prop->file = p->entry->file;
	prop->line = line;
	prop->expr = expr;
	prop->cond = cond;
	if (p->entry->sym)
		kc_symbol_add_prop(p->entry->sym, prop);
	return prop;
}

static void add_prompt(struct parser *p, enum kc_prop_kind kind,
		       const struct kc_token *text, struct kc_expr *cond,
		       int line)
{
	struct kc_property *prop = add_prop(p, kind, NULL, cond, line);
	const char *s = text->text;

	prop->file = text->file;
	if (isspace((unsigned char)*s)) {
		warning_at(p, text->file, line, "leading whitespace ignored%s",
			   "");
		while (isspace((unsigned char)*s))
			s++;
	}
	if (p->entry->prompt)
		warning_at(p, text->file, line, "prompt redefined%s", "");
	prop->text = kc_arena_strdup(kc_model_arena(p->m), s);
	p->entry->prompt = prop;
}

static const char *conf_type_name(enum kc_type t)
{
	return t == KC_T_INT ? "integer" : kc_type_name(t);
}

static void set_type(struct parser *p, enum kc_type type, int line)
{
	struct kc_symbol *s = p->entry->sym;
	struct kc_buf msg = KC_BUF_INIT;

	if (s->type == type)
		return;
	if (s->type == KC_T_UNKNOWN) {
		s->type = type;
		return;
	}
	/* conf (6.12) names int "integer" here, and places it at the entry. */
	(void)line;
	kc_buf_addf(&msg, "ignoring type redefinition of '%s' from '%s' to '%s'",
		    s->name ? s->name : "<choice>", conf_type_name(s->type),
		    conf_type_name(type));
	warning_at(p, p->entry->file, p->entry->line, "%s", kc_buf_str(&msg));
	kc_buf_free(&msg);
}

static enum kc_type type_of(enum kc_tok t)
{
	switch (t) {
	case TK_BOOL:
	case TK_DEF_BOOL:
		return KC_T_BOOL;
	case TK_TRISTATE:
	case TK_DEF_TRISTATE:
		return KC_T_TRISTATE;
	case TK_INT:
		return KC_T_INT;
	case TK_HEX:
		return KC_T_HEX;
	case TK_STRING_TYPE:
		return KC_T_STRING;
	default:
		return KC_T_UNKNOWN;
	}
}

/* "depends on EXPR [if COND]": COND != n gives EXPR, COND = n gives y. */
static void parse_depends(struct parser *p)
{
	struct kc_model *m = p->m;
	struct kc_expr *dep, *cond;
	bool ok;

	advance(p);
	if (p->tok.type != TK_ON) {
		unexpected(p, "'on' after 'depends'");
		skip_line(p);
		return;
	}
	if (++p->entry_depends > MAX_DEPENDS_LINES) {
		error_at(p, &p->tok, "more than " KC_STR(MAX_DEPENDS_LINES)
			 " 'depends on' lines in one entry%s", "");
		skip_line(p);
		return;
	}
	advance(p);
	dep = parse_expr(p);
	if (!dep) {
		skip_line(p);
		return;
	}
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	if (cond) {
		struct kc_expr *on, *off;

		on = kc_expr_trans_compare(m, cond, false, kc_model_const_no(m));
		off = kc_expr_trans_compare(m, cond, true, kc_model_const_no(m));
		dep = kc_expr_or(m, kc_expr_and(m, dep, on), off);
	}
	p->entry->dep = kc_expr_and(m, p->entry->dep, dep);
	expect_eol(p);
}

static void parse_help(struct parser *p)
{
	struct kc_menu *entry = p->entry;
	const char *who = entry->sym && entry->sym->name ? entry->sym->name :
							   "<choice>";
	int line = p->tok.line;
	const char *text;

	advance(p);
	if (!at_eol(p)) {
		skip_line(p);
		return;
	}
	if (p->tok.type == TK_EOF)
		return;
	/* The lexer stands right after the newline: read the text there. */
	text = kc_lexer_help(p->lx);
	if (entry->help)
		warning_at(p, entry->file, line,
			   "'%s' defined with more than one help text -- only the last one will be used",
			   who);
	entry->help = kc_arena_strdup(kc_model_arena(p->m), text);
	advance(p);
	/* conf (6.12) says it where the help text has ended: the next token. */
	if (!entry->help[strspn(entry->help, " \f\n\r\t\v")])
		warning_at(p, entry->file, p->tok.line,
			   "'%s' defined with blank help text", who);
}

/* "TYPE ["prompt" [if EXPR]]" */
static void parse_type(struct parser *p, bool in_choice)
{
	enum kc_type type = type_of(p->tok.type);
	struct kc_token at = p->tok;
	struct kc_token text;
	struct kc_expr *cond;
	bool ok;

	advance(p);
	if (in_choice && type != KC_T_BOOL && type != KC_T_TRISTATE) {
		error_at(p, &at, "a choice is bool or tristate, not %s",
			 kc_type_name(type));
		skip_line(p);
		return;
	}
	set_type(p, type, at.line);
	if (p->tok.type != TK_STRING) {
		expect_eol(p);
		return;
	}
	text = p->tok;
	text.text = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
	advance(p);
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	add_prompt(p, KC_P_PROMPT, &text, cond, at.line);
	expect_eol(p);
}

/* "prompt "text" [if EXPR]" */
static void parse_prompt(struct parser *p)
{
	struct kc_token text;
	struct kc_expr *cond;
	int line = p->tok.line;
	bool ok;

	advance(p);
	if (p->tok.type != TK_STRING) {
		unexpected(p, "a quoted prompt");
		skip_line(p);
		return;
	}
	text = p->tok;
	text.text = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
	advance(p);
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	add_prompt(p, KC_P_PROMPT, &text, cond, line);
	expect_eol(p);
}

/* "default EXPR [if EXPR]", "def_bool ...", "def_tristate ..." */
static void parse_default(struct parser *p, bool in_choice)
{
	enum kc_type type = type_of(p->tok.type);
	struct kc_expr *e, *cond;
	int line = p->tok.line;
	bool ok;

	advance(p);
	if (in_choice) {
		/* A choice's default names one of its members. */
		if (p->tok.type != TK_WORD) {
			unexpected(p, "the name of a choice member");
			skip_line(p);
			return;
		}
		e = parse_primary(p);
	} else {
		e = parse_expr(p);
	}
	if (!e) {
		skip_line(p);
		return;
	}
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	add_prop(p, KC_P_DEFAULT, e, cond, line);
	if (type != KC_T_UNKNOWN)
		set_type(p, type, line);
	expect_eol(p);
}

/* "select SYMBOL [if EXPR]", "imply SYMBOL [if EXPR]" */
static void parse_reverse(struct parser *p, enum kc_prop_kind kind)
{
	struct kc_expr *target, *cond;
	int line = p->tok.line;
	bool ok, tainted;

	advance(p);
	if (p->tok.type != TK_WORD) {
		unexpected(p, "a symbol name");
		skip_line(p);
		return;
	}
	target = kc_expr_new_symbol(p->m, token_symbol(p, &tainted));
	if (tainted)
		target->flags |= KC_EXPR_BUILD_MACHINE;
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	add_prop(p, kind, target, cond, line);
	expect_eol(p);
}

/* "range SYMBOL SYMBOL [if EXPR]" */
static void parse_range(struct parser *p)
{
	struct kc_symbol *lo, *hi;
	struct kc_expr *e, *cond;
	int line = p->tok.line;
	bool ok, t1, t2;

	advance(p);
	if (!at_symbol(p)) {
		unexpected(p, "the lower bound of the range");
		skip_line(p);
		return;
	}
	lo = token_symbol(p, &t1);
	if (!at_symbol(p)) {
		unexpected(p, "the upper bound of the range");
		skip_line(p);
		return;
	}
	hi = token_symbol(p, &t2);
	cond = parse_if_expr(p, &ok);
	if (!ok) {
		skip_line(p);
		return;
	}
	e = kc_expr_new_compare(p->m, KC_E_RANGE, lo, hi);
	if (t1 || t2)
		e->flags |= KC_EXPR_BUILD_MACHINE;
	add_prop(p, KC_P_RANGE, e, cond, line);
	expect_eol(p);
}

static void set_modules(struct parser *p, const struct kc_token *at)
{
	struct kc_symbol *old = kc_model_modules(p->m);
	struct kc_buf msg = KC_BUF_INIT;

	if (old != kc_model_const_no(p->m) && old != p->entry->sym) {
		kc_buf_addf(&msg,
			    "symbol '%s' redefines option 'modules' already defined by symbol '%s'",
			    p->entry->sym->name, old->name);
		error_at(p, at, "%s", kc_buf_str(&msg));
		kc_buf_free(&msg);
		return;
	}
	kc_model_set_modules(p->m, p->entry->sym);
}

/* "option env=..." and friends, from trees before Linux 5.x. */
static void parse_option(struct parser *p)
{
	struct kc_symbol *s = p->entry->sym;
	struct kc_token at;

	advance(p);
	at = p->tok;
	if (p->tok.type == TK_MODULES) {
		advance(p);
		set_modules(p, &at);
	} else if (p->tok.type == TK_WORD &&
		   !strcmp(p->tok.text, "defconfig_list")) {
		s->flags |= KC_SYM_DEFCONFIG_LIST;
		advance(p);
	} else if (p->tok.type == TK_WORD &&
		   !strcmp(p->tok.text, "allnoconfig_y")) {
		s->flags |= KC_SYM_ALLNOCONFIG_Y;
		advance(p);
	} else if (p->tok.type == TK_WORD && !strcmp(p->tok.text, "env")) {
		advance(p);
		if (p->tok.type != TK_EQUAL) {
			unexpected(p, "'=' after 'option env'");
			skip_line(p);
			return;
		}
		advance(p);
		if (p->tok.type != TK_STRING) {
			unexpected(p, "the quoted name of an environment variable");
			skip_line(p);
			return;
		}
		s->env = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
		advance(p);
	} else {
		unexpected(p, "modules, defconfig_list, allnoconfig_y or env");
		skip_line(p);
		return;
	}
	expect_eol(p);
}

/* Properties of a config, menuconfig or choice entry, until another statement. */
static void parse_entry_options(struct parser *p, bool is_choice)
{
	for (;;) {
		struct kc_token at = p->tok;

		if (p->fatal)
			return;
		switch (p->tok.type) {
		case TK_EOL:
			advance(p);
			break;
		case TK_BOOL:
		case TK_TRISTATE:
		case TK_INT:
		case TK_HEX:
		case TK_STRING_TYPE:
			parse_type(p, is_choice);
			break;
		case TK_PROMPT:
			parse_prompt(p);
			break;
		case TK_DEFAULT:
			parse_default(p, is_choice);
			break;
		case TK_DEF_BOOL:
		case TK_DEF_TRISTATE:
			if (is_choice)
				return;
			parse_default(p, false);
			break;
		case TK_SELECT:
		case TK_IMPLY:
			if (is_choice)
				return;
			parse_reverse(p, at.type == TK_SELECT ? KC_P_SELECT :
								KC_P_IMPLY);
			break;
		case TK_RANGE:
			if (is_choice)
				return;
			parse_range(p);
			break;
		case TK_DEPENDS:
			parse_depends(p);
			break;
		case TK_HELP:
			parse_help(p);
			break;
		case TK_MODULES:
			if (is_choice)
				return;
			advance(p);
			set_modules(p, &at);
			expect_eol(p);
			break;
		case TK_TRANSITIONAL:
			if (is_choice)
				return;
			p->entry->sym->flags |= KC_SYM_TRANSITIONAL;
			advance(p);
			expect_eol(p);
			break;
		case TK_OPTIONAL:
			if (!is_choice)
				return;
			p->entry->sym->flags |= KC_SYM_OPTIONAL;
			advance(p);
			expect_eol(p);
			break;
		case TK_OPTION:
			/*
			 * Gone from conf by 6.1 ('modules' is its own
			 * statement there); a tree of unknown version may be
			 * older.
			 */
			if (is_choice || kc_model_kernel_version(p->m))
				return;
			parse_option(p);
			break;
		default:
			return;
		}
	}
}

/* A transitional symbol carries an old value over: a type and help only. */
static void check_transitional(struct parser *p, struct kc_menu *entry)
{
	struct kc_symbol *s = entry->sym;
	struct kc_property *prop;

	if (!(s->flags & KC_SYM_TRANSITIONAL))
		return;
	if (s->type == KC_T_UNKNOWN)
		kc_diags_add(p->diags, KC_SEV_ERROR, entry->file, entry->line,
			     0, "transitional symbol '%s' must have a type",
			     s->name);
	if (entry->dep)
		kc_diags_add(p->diags, KC_SEV_ERROR, entry->file, entry->line,
			     0,
			     "transitional symbol '%s' cannot have dependencies",
			     s->name);
	for (prop = entry->props; prop && prop->menu == entry;
	     prop = prop->next) {
		kc_diags_add(p->diags, KC_SEV_ERROR, prop->file, prop->line, 0,
			     "transitional symbol '%s' cannot have a %s",
			     s->name, kc_prop_kind_name(prop->kind));
	}
}

static bool is_const(const struct kc_symbol *s, const char *name)
{
	return (s->flags & KC_SYM_CONST) && s->name && !strcmp(s->name, name);
}

/* One side of a comparison is s, the other the constant 'name'. */
static bool compares(const struct kc_expr *e, const struct kc_symbol *s,
		     const char *name)
{
	return (e->sym[0] == s && is_const(e->sym[1], name)) ||
	       (e->sym[1] == s && is_const(e->sym[0], name));
}

/*
 * Whether e, read as a conjunction, holds only when s is not n: one of
 * its conjuncts is s, s = y, s = m or s != n.
 */
static bool needs_symbol(const struct kc_expr *e, const struct kc_symbol *s)
{
	if (!e)
		return false;
	switch (e->op) {
	case KC_E_AND:
		return needs_symbol(e->sub[0], s) || needs_symbol(e->sub[1], s);
	case KC_E_SYMBOL:
		return e->sym[0] == s;
	case KC_E_EQUAL:
		return compares(e, s, "y") || compares(e, s, "m");
	case KC_E_UNEQUAL:
		return compares(e, s, "n");
	default:
		return false;
	}
}

/*
 * Whether an entry's "depends on", its prompt's "if" or an if block around
 * it inside the choice needs s.
 */
static bool entry_needs(const struct kc_menu *entry, const struct kc_symbol *s)
{
	const struct kc_menu *up;

	if (needs_symbol(entry->dep, s) ||
	    (entry->prompt && needs_symbol(entry->prompt->cond, s)))
		return true;
	for (up = entry->parent; up && up->kind == KC_M_IF; up = up->parent)
		if (needs_symbol(up->dep, s))
			return true;
	return false;
}


/* Whether an entry's dependencies, prompt condition or ifs name s at all. */
static bool entry_mentions(const struct kc_menu *entry,
			   const struct kc_symbol *s)
{
	const struct kc_menu *up;

	if (kc_expr_mentions(entry->dep, s) ||
	    (entry->prompt && kc_expr_mentions(entry->prompt->cond, s)))
		return true;
	for (up = entry->parent; up && up->kind == KC_M_IF; up = up->parent)
		if (kc_expr_mentions(up->dep, s))
			return true;
	return false;
}

static bool expr_same(const struct kc_expr *a, const struct kc_expr *b)
{
	if (a->op != b->op)
		return false;
	switch (a->op) {
	case KC_E_NOT:
		return expr_same(a->sub[0], b->sub[0]);
	case KC_E_AND:
	case KC_E_OR:
		return expr_same(a->sub[0], b->sub[0]) &&
		       expr_same(a->sub[1], b->sub[1]);
	case KC_E_SYMBOL:
		return a->sym[0] == b->sym[0];
	default:
		return a->sym[0] == b->sym[0] && a->sym[1] == b->sym[1];
	}
}

/* Whether c is one of the conjuncts of e. */
static bool has_conjunct(const struct kc_expr *e, const struct kc_expr *c)
{
	if (!e)
		return false;
	if (e->op == KC_E_AND &&
	    (has_conjunct(e->sub[0], c) || has_conjunct(e->sub[1], c)))
		return true;
	return expr_same(e, c);
}

/* Whether c is a conjunct of the entry's dependencies, prompt or ifs. */
static bool entry_has_conjunct(const struct kc_menu *entry,
			       const struct kc_expr *c)
{
	const struct kc_menu *up;

	if (has_conjunct(entry->dep, c) ||
	    (entry->prompt && has_conjunct(entry->prompt->cond, c)))
		return true;
	for (up = entry->parent; up && up->kind == KC_M_IF; up = up->parent)
		if (has_conjunct(up->dep, c))
			return true;
	return false;
}

/* Whether every conjunct of e is one of the entry's. */
static bool entry_covers(const struct kc_menu *entry, const struct kc_expr *e)
{
	if (!e)
		return true;
	if (e->op == KC_E_AND)
		return entry_covers(entry, e->sub[0]) &&
		       entry_covers(entry, e->sub[1]);
	return entry_has_conjunct(entry, e);
}

/*
 * Whether 'entry' nests under the earlier entry 'under': it needs its
 * symbol, or it names it in another way and its dependencies include
 * every one of those of 'under' ("depends on" and the ifs around it
 * inside the choice).
 */
static bool nests_under(const struct kc_menu *entry, const struct kc_menu *under)
{
	const struct kc_menu *up;

	if (entry_needs(entry, under->sym))
		return true;
	if (!entry_mentions(entry, under->sym) || !entry_covers(entry, under->dep))
		return false;
	for (up = under->parent; up && up->kind == KC_M_IF; up = up->parent)
		if (!entry_covers(entry, up->dep))
			return false;
	return true;
}

/*
 * Before 6.11 (measured with 6.1's conf): inside a choice, a config entry
 * that follows a member and needs it (needs_symbol(): A, A && B, A = y,
 * A != n in its "depends on", its prompt's "if" or an if block around it),
 * or names it otherwise (!A, A = n, B || A) while its dependencies include
 * all of the member's, is placed under that member, as kconfig-language
 * .rst's "Menu structure" describes, and so is no member of the choice: an
 * ordinary symbol that may be y beside the member.  An entry that follows
 * it and nests under it, or under the member, nests in turn.  Such an entry is no dependency cycle there;
 * 6.12 keeps every entry a member and reports one.  Returns whether
 * 'entry' nests; otherwise it becomes the member later entries may nest
 * under.
 */
static bool nests_in_choice(struct parser *p, const struct kc_menu *entry)
{
	struct kc_vec *nest = p->choice_nest;
	size_t i;

	if (!nest || !kc_model_legacy_conf(p->m))
		return false;
	for (i = nest->len; i-- > 0;) {
		if (!nests_under(entry, nest->items[i]))
			continue;
		nest->len = i + 1;
		kc_vec_push(nest, (void *)entry);
		return true;
	}
	nest->len = 0;
	kc_vec_push(nest, (void *)entry);
	return false;
}

static void parse_config(struct parser *p)
{
	bool menuconfig = p->tok.type == TK_MENUCONFIG;
	struct kc_token at = p->tok;
	struct kc_symbol *s;
	struct kc_menu *entry;

	advance(p);
	if (p->tok.type != TK_WORD) {
		unexpected(p, "a symbol name");
		skip_line(p);
		return;
	}
	/* A definition is not a use: no KC_SYM_REFERENCED here. */
	s = kc_model_intern(p->m, p->tok.text, p->tok.len);
	advance(p);
	if (s->flags & KC_SYM_CONST) {
		error_at(p, &at, "'%s' is a constant, not a symbol name",
			 s->name);
		skip_line(p);
		return;
	}
	entry = add_entry(p, menuconfig ? KC_M_MENUCONFIG : KC_M_CONFIG, s,
			  &at);
	expect_eol(p);
	parse_entry_options(p, false);
	/* conf (6.12) says it once the entry has ended: at the next token. */
	if (menuconfig && !entry->prompt)
		warning_at(p, entry->file, p->tok.line,
			   "menuconfig statement without prompt%s", "");
	check_transitional(p, entry);
	if (!p->choice || nests_in_choice(p, entry))
		return;
	/* Before 6.11 conf warns and leaves the member invisible. */
	if (!entry->prompt && kc_model_legacy_conf(p->m))
		kc_diags_add(p->diags, KC_SEV_WARNING, entry->file,
			     entry->line, 0, "choice value must have a prompt");
	else if (!entry->prompt)
		kc_diags_add(p->diags, KC_SEV_ERROR, entry->file, entry->line,
			     0, "choice member '%s' must have a prompt",
			     s->name);
	if (s->type != KC_T_UNKNOWN && s->type != KC_T_BOOL &&
	    s->type != KC_T_TRISTATE)
		kc_diags_add(p->diags, KC_SEV_ERROR, entry->file, entry->line,
			     0, "choice member '%s' must be bool", s->name);
	if (!s->choice) {
		struct kc_symbol *c = p->choice;

		s->choice = c;
		s->flags |= KC_SYM_CHOICEVAL;
		KC_GROW(c->members, c->members_cap, c->n_members + 1);
		c->members[c->n_members++] = s;
	}
}

static void parse_block(struct parser *p, struct kc_menu *block,
			bool in_choice);

static void parse_choice(struct parser *p)
{
	struct kc_token at = p->tok;
	struct kc_symbol *outer = p->choice;
	struct kc_vec *outer_nest = p->choice_nest;
	struct kc_vec nest = KC_VEC_INIT;
	struct kc_symbol *c;
	struct kc_menu *entry;

	advance(p);
	c = NULL;
	if (p->tok.type == TK_WORD) {
		/*
		 * Named choices, before 6.12 (kconfig-language.rst of 6.1,
		 * "choices"): every definition of one name is the same choice.
		 */
		if (!p->named_choices)
			p->named_choices = kc_map_new(16);
		c = kc_map_get(p->named_choices, p->tok.text);
		if (!c) {
			c = kc_model_new_choice(p->m);
			kc_map_put(p->named_choices,
				   kc_arena_strdup(kc_model_arena(p->m),
						   p->tok.text), c);
		}
		advance(p);
	}
	if (!c)
		c = kc_model_new_choice(p->m);
	entry = add_entry(p, KC_M_CHOICE, c, &at);
	expect_eol(p);
	parse_entry_options(p, true);
	/* Before 6.11 conf warns, and the choice stays invisible. */
	if (!kc_symbol_prompt(c) && kc_model_legacy_conf(p->m))
		kc_diags_add(p->diags, KC_SEV_WARNING, entry->file,
			     entry->line, 0, "choice must have a prompt");
	else if (!entry->prompt && !kc_model_legacy_conf(p->m))
		kc_diags_add(p->diags, KC_SEV_ERROR, entry->file, entry->line,
			     0, "choice must have a prompt");
	p->choice = c;
	p->choice_nest = &nest;
	parse_block(p, entry, true);
	p->choice = outer;
	p->choice_nest = outer_nest;
	kc_vec_free(&nest);
}

static void parse_menu(struct parser *p)
{
	struct kc_token at = p->tok;
	struct kc_menu *entry;
	struct kc_token text;

	advance(p);
	if (p->tok.type != TK_STRING) {
		unexpected(p, "the quoted title of the menu");
		skip_line(p);
		return;
	}
	text = p->tok;
	text.text = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
	entry = add_entry(p, KC_M_MENU, NULL, &at);
	add_prompt(p, KC_P_MENU, &text, NULL, at.line);
	advance(p);
	expect_eol(p);
	for (;;) {
		bool ok;

		if (p->tok.type == TK_EOL) {
			advance(p);
		} else if (p->tok.type == TK_DEPENDS) {
			parse_depends(p);
		} else if (p->tok.type == TK_VISIBLE) {
			struct kc_expr *e;

			advance(p);
			e = parse_if_expr(p, &ok);
			if (!ok) {
				skip_line(p);
				continue;
			}
			entry->visibility = kc_expr_and(p->m, entry->visibility,
							e);
			expect_eol(p);
		} else {
			break;
		}
	}
	parse_block(p, entry, false);
}

static void parse_comment(struct parser *p)
{
	struct kc_token at = p->tok;
	struct kc_token text;

	advance(p);
	if (p->tok.type != TK_STRING) {
		unexpected(p, "the quoted text of the comment");
		skip_line(p);
		return;
	}
	text = p->tok;
	text.text = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
	add_entry(p, KC_M_COMMENT, NULL, &at);
	add_prompt(p, KC_P_COMMENT, &text, NULL, at.line);
	advance(p);
	expect_eol(p);
	while (p->tok.type == TK_DEPENDS || p->tok.type == TK_EOL) {
		if (p->tok.type == TK_EOL)
			advance(p);
		else
			parse_depends(p);
	}
}

static void parse_if(struct parser *p, bool in_choice)
{
	struct kc_token at = p->tok;
	struct kc_menu *entry;
	struct kc_expr *e;

	advance(p);
	e = parse_expr(p);
	if (!e)
		e = kc_expr_new_symbol(p->m, kc_model_const_no(p->m));
	entry = add_entry(p, KC_M_IF, NULL, &at);
	entry->dep = e;
	expect_eol(p);
	parse_block(p, entry, in_choice);
}

static void parse_source(struct parser *p)
{
	struct kc_token at = p->tok;
	char *path;

	advance(p);
	if (p->tok.type != TK_STRING) {
		unexpected(p, "the quoted path of the file to read");
		skip_line(p);
		return;
	}
	path = kc_xstrdup(p->tok.text);
	advance(p);
	/* Open the file before the lexer reads past this line. */
	if (at_eol(p) && !too_many_errors(p) &&
	    kc_lexer_push_file(p->lx, path, at.line) < 0)
		p->fatal = true;
	free(path);
	if (p->tok.type == TK_EOL)
		advance(p);
}

static void parse_assignment(struct parser *p)
{
	struct kc_token at = p->tok;
	enum kc_pp_flavor flavor;
	const char *value;
	char *name = kc_xstrdup(p->tok.text);

	if (!kc_lexer_assignment(p->lx, &flavor, &value)) {
		error_at(p, &at, "unknown statement \"%s\"", name);
		free(name);
		advance(p);
		skip_line(p);
		return;
	}
	/*
	 * conf (6.12) handles an assignment once its line is read, newline
	 * and all: $(lineno) and messages inside it name the next line.
	 */
	kc_pp_set_location(p->pp, at.file, at.line + 1);
	if (kc_pp_assign(p->pp, name, flavor, value, p->diags) < 0)
		p->fatal = true;
	free(name);
	advance(p);
	expect_eol(p);
}

static void parse_mainmenu(struct parser *p)
{
	struct kc_token at = p->tok;
	struct kc_menu *root = kc_model_root(p->m);
	struct kc_token text;

	if (p->seen_statement) {
		error_at(p, &at, "'mainmenu' must come before any other statement%s",
			 "");
		skip_line(p);
		return;
	}
	advance(p);
	if (p->tok.type != TK_STRING) {
		unexpected(p, "the quoted title of the main menu");
		skip_line(p);
		return;
	}
	text = p->tok;
	text.text = kc_arena_strdup(kc_model_arena(p->m), p->tok.text);
	p->entry = root;
	add_prompt(p, KC_P_MENU, &text, NULL, at.line);
	advance(p);
	expect_eol(p);
}

/* One statement; returns false at an end token or the end of input. */
static bool parse_statement(struct parser *p, bool in_choice)
{
	enum kc_tok t = p->tok.type;

	if (t == TK_EOL) {
		advance(p);
		return true;
	}
	if (t == TK_EOF || t == TK_ENDMENU || t == TK_ENDCHOICE ||
	    t == TK_ENDIF || p->fatal)
		return false;
	if (t == TK_MAINMENU && !in_choice) {
		parse_mainmenu(p);
		return true;
	}
	p->seen_statement = true;
	switch (t) {
	case TK_MENUCONFIG:
		/* The grammar of both 6.1 and 6.12 lets a choice hold configs only. */
		if (in_choice)
			break;
		parse_config(p);
		return true;
	case TK_CONFIG:
		parse_config(p);
		return true;
	case TK_COMMENT:
		parse_comment(p);
		return true;
	case TK_IF:
		parse_if(p, in_choice);
		return true;
	default:
		break;
	}
	if (!in_choice) {
		switch (t) {
		case TK_CHOICE:
			parse_choice(p);
			return true;
		case TK_MENU:
			parse_menu(p);
			return true;
		case TK_SOURCE:
			parse_source(p);
			return true;
		case TK_WORD:
			parse_assignment(p);
			return true;
		default:
			break;
		}
	}
	if (t == TK_WORD)
		error_at(p, &p->tok, "unknown statement \"%s\"", p->tok.text);
	else if (in_choice && (t == TK_CHOICE || t == TK_MENU ||
			       t == TK_SOURCE || t == TK_MENUCONFIG))
		error_at(p, &p->tok, "'%s' is not allowed inside a choice",
			 kc_tok_name(t));
	else
		error_at(p, &p->tok, "invalid statement: unexpected %s",
			 kc_tok_name(t));
	skip_line(p);
	return true;
}

static const char *end_word(enum kc_menu_kind kind)
{
	switch (kind) {
	case KC_M_MENU:
		return "endmenu";
	case KC_M_CHOICE:
		return "endchoice";
	default:
		return "endif";
	}
}

static enum kc_tok end_token(enum kc_menu_kind kind)
{
	switch (kind) {
	case KC_M_MENU:
		return TK_ENDMENU;
	case KC_M_CHOICE:
		return TK_ENDCHOICE;
	default:
		return TK_ENDIF;
	}
}

/* The entries of a menu, choice or if, up to and including its end. */
static void parse_block(struct parser *p, struct kc_menu *block,
			bool in_choice)
{
	struct kc_menu *outer = p->menu;
	struct kc_menu **outer_last = p->last;

	/* The parser recurses per block: bound it rather than the stack. */
	if (p->blocks >= MAX_BLOCK_DEPTH) {
		if (!p->fatal)
			kc_diags_add(p->diags, KC_SEV_ERROR, block->file,
				     block->line, 0,
				     "blocks (menu, choice, if) nested more than %d deep",
				     MAX_BLOCK_DEPTH);
		p->fatal = true;
		return;
	}
	p->blocks++;
	p->menu = block;
	p->last = &block->list;
	while (parse_statement(p, in_choice))
		;
	p->menu = outer;
	p->last = outer_last;
	p->blocks--;
	if (p->fatal)
		return;
	if (p->tok.type == TK_EOF) {
		struct kc_token at = { .file = block->file, .line = block->line };

		error_at(p, &at, "missing '%s' for this entry",
			 end_word(block->kind));
		return;
	}
	block->end_line = p->tok.line;
	if (p->tok.type != end_token(block->kind)) {
		struct kc_buf msg = KC_BUF_INIT;

		kc_buf_addf(&msg, "'%s' does not close the %s at %s:%d",
			    kc_tok_name(p->tok.type),
			    kc_menu_kind_name(block->kind), block->file,
			    block->line);
		error_at(p, &p->tok, "%s", kc_buf_str(&msg));
		kc_buf_free(&msg);
	} else if (p->tok.file != block->file) {
		error_at(p, &p->tok, "'%s' in a different file than its start",
			 kc_tok_name(p->tok.type));
	}
	advance(p);
	expect_eol(p);
}

static void parse_top(struct parser *p)
{
	struct kc_menu *root = kc_model_root(p->m);

	p->menu = root;
	p->last = &root->list;
	p->entry = root;
	advance(p);
	for (;;) {
		while (parse_statement(p, false))
			;
		if (p->tok.type == TK_EOF || p->fatal)
			break;
		error_at(p, &p->tok, "'%s' without a matching start",
			 kc_tok_name(p->tok.type));
		skip_line(p);
	}
}

static void copy_env(struct kc_model *m, const struct kc_pp *pp)
{
	size_t i, n = kc_pp_env_count(pp);

	for (i = 0; i < n; i++) {
		const char *name, *value;

		kc_pp_env(pp, i, &name, &value);
		kc_model_add_env(m, name, value);
	}
}

struct kc_model *kc_parse(const struct kc_parse_options *opt,
			  struct kc_diags *diags)
{
	struct parser p = { 0 };
	size_t errors = diags->errors;
	const char *top = opt->top ? opt->top : "Kconfig";

	p.m = kc_model_new();
	p.diags = diags;
	if (opt->kernel_version &&
	    kc_model_set_kernel_version(p.m, opt->kernel_version) < 0) {
		kc_diags_add(diags, KC_SEV_ERROR, NULL, 0, 0,
			     "kernel version '%s' is not of the form X.Y",
			     opt->kernel_version);
		kc_model_free(p.m);
		return NULL;
	}
	p.pp = kc_pp_new(opt);
	p.lx = kc_lexer_new(p.m, p.pp, opt->fs, diags);
	if (kc_lexer_push_file(p.lx, top, 0) == 0)
		parse_top(&p);
	copy_env(p.m, p.pp);
	if (p.named_choices)
		kc_map_free(p.named_choices);
	kc_lexer_free(p.lx);
	kc_pp_free(p.pp);
	if (diags->errors == errors) {
		struct kc_menu *root = kc_model_root(p.m);

		if (!root->prompt) {
			struct kc_property *prop;

			prop = kc_arena_alloc(kc_model_arena(p.m), sizeof(*prop));
			prop->kind = KC_P_MENU;
			prop->menu = root;
			prop->text = "Main menu";
			root->prompt = prop;
		}
		kc_model_finalize(p.m, diags);
		kc_model_check(p.m, diags);
	}
	if (diags->errors != errors) {
		kc_model_free(p.m);
		return NULL;
	}
	return p.m;
}

struct kc_expr *kc_parse_expr(struct kc_model *m, const char *text,
			      const char *file, int line, int col,
			      struct kc_diags *diags)
{
	struct kc_parse_options opt = { 0 };
	struct parser p = { 0 };
	struct kc_buf src = KC_BUF_INIT;
	struct kc_expr *e = NULL;
	size_t errors = diags->errors;
	struct kc_diags local = KC_DIAGS_INIT;
	size_t i;

	/* The text is read as a one-line file named after its origin. */
	kc_buf_addf(&src, "%s\n", text);
	p.m = m;
	p.diags = &local;
	p.pp = kc_pp_new(&opt);
	p.lx = kc_lexer_new(m, p.pp, NULL, &local);
	if (kc_lexer_push_buffer(p.lx, file ? file : "<expression>",
				 kc_buf_detach(&src), line) == 0) {
		advance(&p);
		e = parse_expr(&p);
		if (e && p.tok.type != TK_EOL && p.tok.type != TK_EOF) {
			unexpected(&p, "the end of the expression");
			e = NULL;
		}
	}
	kc_lexer_free(p.lx);
	kc_pp_free(p.pp);
	/* Columns are relative to the expression: shift them into place. */
	for (i = 0; i < local.len; i++) {
		struct kc_diag *d = &local.items[i];

		kc_diags_add(diags, d->severity, file, line,
			     d->col ? col + d->col - 1 : col, "%s", d->message);
	}
	kc_diags_free(&local);
	return diags->errors == errors ? e : NULL;
}
