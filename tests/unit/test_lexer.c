// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_lexer.c - Kconfig tokens (src/frontend/lexer.c).
 *
 * Follows "Kconfig syntax" in Documentation/kbuild/kconfig-language.rst and
 * the Linux 6.12 lexer: keywords wherever a word stands, '#' comments,
 * backslash-newline, both kinds of quotes with backslash escapes, macro
 * expansion in words and strings, help texts, the 'source' stack and the
 * warnings the kernel's lexer prints.  Files come from an in-memory
 * provider, so a test shows its whole input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kc_frontend.h"
#include "lexer.h"
#include "preprocess.h"

/* ---- an in-memory file provider ------------------------------------------ */

struct mem_file {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

struct mem_fs {
	struct kc_fs fs;
	const struct mem_file *files;
	size_t n;
	int reads;
};

static int mem_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	struct mem_fs *mfs = ctx;
	size_t i;

	mfs->reads++;
	for (i = 0; i < mfs->n; i++) {
		const struct mem_file *f = &mfs->files[i];
		size_t n = f->len ? f->len : strlen(f->data);

		if (strcmp(f->name, path))
			continue;
		*data = kc_xmalloc(n + 1);
		memcpy(*data, f->data, n);
		(*data)[n] = '\0';
		*len = n;
		return 0;
	}
	*why = "No such file or directory";
	return -1;
}

/* ---- fixture: a lexer over a few files ------------------------------------ */

struct fx {
	struct kc_model *m;
	struct kc_parse_options opt;
	struct kc_pp *pp;
	struct mem_fs mfs;
	struct kc_lexer *lx;
	struct kc_diags diags;
	struct kc_buf out;
};

static int setup(void **state)
{
	struct fx *f = kc_xcalloc(1, sizeof(*f));

	f->m = kc_model_new();
	f->mfs.fs.read = mem_read;
	f->mfs.fs.ctx = &f->mfs;
	f->opt.fs = &f->mfs.fs;
	f->pp = kc_pp_new(&f->opt);
	f->lx = kc_lexer_new(f->m, f->pp, &f->mfs.fs, &f->diags);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	kc_lexer_free(f->lx);
	kc_pp_free(f->pp);
	kc_model_free(f->m);
	kc_diags_free(&f->diags);
	kc_buf_free(&f->out);
	free(f);
	return 0;
}

static void use_files(struct fx *f, const struct mem_file *files, size_t n)
{
	f->mfs.files = files;
	f->mfs.n = n;
}

#define USE_FILES(f, arr) use_files(f, arr, sizeof(arr) / sizeof(arr[0]))

static const char *op_text(enum kc_tok t)
{
	switch (t) {
	case TK_OR:
		return "||";
	case TK_AND:
		return "&&";
	case TK_EQUAL:
		return "=";
	case TK_UNEQUAL:
		return "!=";
	case TK_LESS:
		return "<";
	case TK_LESS_EQUAL:
		return "<=";
	case TK_GREATER:
		return ">";
	case TK_GREATER_EQUAL:
		return ">=";
	case TK_NOT:
		return "!";
	case TK_OPEN_PAREN:
		return "(";
	case TK_CLOSE_PAREN:
		return ")";
	case TK_COLON_EQUAL:
		return ":=";
	case TK_PLUS_EQUAL:
		return "+=";
	default:
		return NULL;
	}
}

/*
 * One token as text: keywords as <name>, words bare, strings in double
 * quotes, end of line as '|', a tainted word or string with a '~' suffix.
 */
static void format_token(const struct kc_token *t, struct kc_buf *out)
{
	const char *op = op_text(t->type);

	if (out->len)
		kc_buf_addc(out, ' ');
	if (t->type == TK_EOL)
		kc_buf_adds(out, "|");
	else if (t->type == TK_WORD)
		kc_buf_adds(out, t->text);
	else if (t->type == TK_STRING)
		kc_buf_addf(out, "\"%s\"", t->text);
	else if (op)
		kc_buf_adds(out, op);
	else
		kc_buf_addf(out, "<%s>", kc_tok_name(t->type));
	if (t->tainted)
		kc_buf_addc(out, '~');
}

/* Lexes the file 'Kconfig' to its end; returns the tokens as text. */
static const char *lex_all(struct fx *f)
{
	struct kc_token t;
	int guard = 0;

	kc_buf_reset(&f->out);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	for (;;) {
		assert_int_equal(kc_lexer_next(f->lx, &t), 0);
		if (t.type == TK_EOF)
			break;
		format_token(&t, &f->out);
		assert_true(++guard < 10000);
	}
	return kc_buf_str(&f->out);
}

/* Lexes one file with the given text. */
static const char *lex_text(struct fx *f, const char *text)
{
	static struct mem_file one[1];

	one[0].name = "Kconfig";
	one[0].data = text;
	one[0].len = 0;
	use_files(f, one, 1);
	return lex_all(f);
}

static const char *diag_text(const struct kc_diags *d, size_t i)
{
	static struct kc_buf b;

	kc_buf_reset(&b);
	assert_true(i < d->len);
	kc_diag_format(&d->items[i], &b);
	return kc_buf_str(&b);
}

static void assert_no_diags(const struct fx *f)
{
	if (f->diags.len)
		fail_msg("unexpected diagnostic: %s", diag_text(&f->diags, 0));
}

/* ---- keywords, words and operators ---------------------------------------- */

static void test_every_keyword(void **state)
{
	struct fx *f = *state;

	assert_string_equal(
		lex_text(
			f,
			"bool choice comment config def_bool def_tristate default\n"
			"depends endchoice endif endmenu help hex if imply int\n"
			"mainmenu menu menuconfig modules on option optional prompt\n"
			"range select source string transitional tristate visible\n"),
		"<bool> <choice> <comment> <config> <def_bool> <def_tristate> <default> | "
		"<depends> <endchoice> <endif> <endmenu> <help> <hex> <if> <imply> <int> | "
		"<mainmenu> <menu> <menuconfig> <modules> <on> <option> <optional> <prompt> | "
		"<range> <select> <source> <string> <transitional> <tristate> <visible> |");
	assert_no_diags(f);
}

static void test_keyword_lookalikes_are_words(void **state)
{
	struct fx *f = *state;

	/* Case matters, and a keyword must be the whole word. */
	assert_string_equal(
		lex_text(f, "Config configs bools i default_y def ON\n"),
		"Config configs bools i default_y def ON |");
	assert_no_diags(f);
}

static void test_words(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "FOO_BAR-1 0x1F 42 -3 y m n\n"),
			    "FOO_BAR-1 0x1F 42 -3 y m n |");
	assert_no_diags(f);
}

static void test_operators(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "|| && = != < <= > >= ! ( ) := +=\n"),
			    "|| && = != < <= > >= ! ( ) := += |");
	/* Without spaces, the longest operator wins. */
	assert_string_equal(lex_text(f, "!A&&B||C<=D>=E!=F\n"),
			    "! A && B || C <= D >= E != F |");
	assert_no_diags(f);
}

static void test_lone_operator_characters_warn(void **state)
{
	struct fx *f = *state;

	/* '|', '&', ':' and '+' alone are not operators. */
	assert_string_equal(lex_text(f, "A | B & C : D + E ; F\n"),
			    "A B C D E F |");
	assert_int_equal(f->diags.len, 5);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"Kconfig:1:3: warning: ignoring unsupported character '|'");
	assert_string_equal(
		diag_text(&f->diags, 1),
		"Kconfig:1:7: warning: ignoring unsupported character '&'");
	assert_string_equal(
		diag_text(&f->diags, 2),
		"Kconfig:1:11: warning: ignoring unsupported character ':'");
	assert_string_equal(
		diag_text(&f->diags, 3),
		"Kconfig:1:15: warning: ignoring unsupported character '+'");
	assert_string_equal(
		diag_text(&f->diags, 4),
		"Kconfig:1:19: warning: ignoring unsupported character ';'");
	assert_int_equal(f->diags.errors, 0);
}

/* ---- comments, blanks and line joining ------------------------------------ */

static void test_comments(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f,
				     "# a whole-line comment\n"
				     "config A # trailing \"comment\" && junk\n"
				     "\tprompt \"not # a comment\"\n"
				     "#\n"),
			    "| <config> A | <prompt> \"not # a comment\" | |");
	assert_no_diags(f);
}

static void test_backslash_newline_joins_lines(void **state)
{
	struct fx *f = *state;
	struct kc_token t;
	static const struct mem_file files[] = {
		{ "Kconfig", "depends on A && \\\n\tB || \\\n C\nX\n", 0 },
	};

	USE_FILES(f, files);
	assert_string_equal(lex_all(f), "<depends> <on> A && B || C | X |");
	assert_no_diags(f);

	/* Lines keep counting across the joins. */
	kc_lexer_free(f->lx);
	f->lx = kc_lexer_new(f->m, f->pp, &f->mfs.fs, &f->diags);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	do {
		assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	} while (t.type != TK_WORD || strcmp(t.text, "C"));
	assert_int_equal(t.line, 3);
	assert_int_equal(t.col, 2);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_EOL);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "X");
	assert_int_equal(t.line, 4);
	assert_int_equal(t.col, 1);
}

static void test_token_positions(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig", "config FOO\n\tbool \"x\" if A\n", 0 },
	};
	static const struct {
		enum kc_tok type;
		int line, col;
	} want[] = {
		{ TK_CONFIG, 1, 1 }, { TK_WORD, 1, 8 },	  { TK_EOL, 1, 11 },
		{ TK_BOOL, 2, 2 },   { TK_STRING, 2, 7 }, { TK_IF, 2, 11 },
		{ TK_WORD, 2, 14 },  { TK_EOL, 2, 15 },	  { TK_EOF, 3, 1 },
	};
	struct kc_token t;
	size_t i;

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(kc_lexer_next(f->lx, &t), 0);
		assert_int_equal(t.type, want[i].type);
		if (t.type == TK_EOF)
			break;
		assert_string_equal(t.file, "Kconfig");
		assert_int_equal(t.line, want[i].line);
		assert_int_equal(t.col, want[i].col);
	}
	assert_no_diags(f);
}

/* ---- strings ---------------------------------------------------------------- */

static void test_strings_both_quotes(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "\"double\" 'single' \"\" ''\n"),
			    "\"double\" \"single\" \"\" \"\" |");
	/* The other quote is an ordinary character inside a string. */
	assert_string_equal(lex_text(f, "\"it's\" 'say \"hi\"'\n"),
			    "\"it's\" \"say \"hi\"\" |");
	assert_no_diags(f);
}

static void test_string_escapes(void **state)
{
	struct fx *f = *state;

	/* A backslash takes the next character as it is. */
	assert_string_equal(
		lex_text(f, "\"a\\\"b\" 'c\\'d' \"e\\\\f\" \"\\n\\t\"\n"),
		"\"a\"b\" \"c'd\" \"e\\f\" \"nt\" |");
	assert_no_diags(f);
}

static void test_string_keeps_spaces_and_keywords(void **state)
{
	struct fx *f = *state;
	struct kc_token t;
	static const struct mem_file files[] = {
		{ "Kconfig", "\"  config  if && # \"\n", 0 },
	};

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_STRING);
	assert_string_equal(t.text, "  config  if && # ");
	assert_int_equal(t.len, 18);
	assert_no_diags(f);
}

static void test_unterminated_string_warns(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "prompt \"open\nconfig B\n"),
			    "<prompt> \"open\" | <config> B |");
	assert_int_equal(f->diags.len, 1);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"Kconfig:1: warning: multi-line strings not supported");
	assert_int_equal(f->diags.errors, 0);
}

static void test_backslash_newline_inside_string(void **state)
{
	struct fx *f = *state;

	/* As in the kernel: the string ends at the newline, with a warning. */
	assert_string_equal(lex_text(f, "\"ab\\\ncd\"\n"),
			    "\"ab\" | cd \"\" |");
	assert_int_equal(f->diags.len, 2);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"Kconfig:1: warning: multi-line strings not supported");
	assert_string_equal(
		diag_text(&f->diags, 1),
		"Kconfig:2: warning: multi-line strings not supported");
}

/* ---- end of file -------------------------------------------------------------- */

static void test_no_newline_at_end_of_file(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "config A\n\tbool"),
			    "<config> A | <bool>");
	assert_int_equal(f->diags.len, 1);
	assert_string_equal(diag_text(&f->diags, 0),
			    "Kconfig:2: warning: no new line at end of file");
}

static void test_newline_at_end_no_warning(void **state)
{
	struct fx *f = *state;

	assert_string_equal(lex_text(f, "config A\n# last comment"),
			    "<config> A |");
	assert_no_diags(f);
	assert_string_equal(lex_text(f, ""), "");
	assert_no_diags(f);
}

/* ---- macros ------------------------------------------------------------------- */

static void assign(struct fx *f, const char *name, const char *value)
{
	assert_int_equal(kc_pp_assign(f->pp, name, KC_PP_RECURSIVE, value,
				      &f->diags),
			 0);
}

static void test_macro_in_word(void **state)
{
	struct fx *f = *state;

	assign(f, "PREFIX", "CONFIG");
	assign(f, "EMPTY", "");
	assign(f, "KW", "config");
	assert_string_equal(
		lex_text(f, "$(PREFIX)_X X_$(PREFIX)-y A $(EMPTY) B\n"),
		"CONFIG_X X_CONFIG-y A B |");
	/* An expanded word is a word, even when it spells a keyword. */
	assert_string_equal(lex_text(f, "$(KW) config\n"), "config <config> |");
	/* A '$' without '(' is literal. */
	assert_string_equal(lex_text(f, "A$B\n"), "A$B |");
	assert_no_diags(f);
}

static void test_macro_in_string(void **state)
{
	struct fx *f = *state;

	assign(f, "NAME", "world");
	assign(f, "Q", "\"quoted\"");
	assert_string_equal(
		lex_text(
			f,
			"\"hello $(NAME)!\" '$(NAME)' \"$group_id\" \"$(Q)\"\n"),
		"\"hello world!\" \"world\" \"$group_id\" \"\"quoted\"\" |");
	assert_no_diags(f);
}

static void test_unrun_shell_taints_token(void **state)
{
	struct fx *f = *state;

	/* Without run_shell, $(shell,...) expands to "n" and taints. */
	assert_string_equal(
		lex_text(
			f,
			"$(shell,echo y) \"cc $(shell,uname -r)\" plain \"text\"\n"),
		"n~ \"cc n\"~ plain \"text\" |");
	assert_no_diags(f);
}

static void test_macro_error_stops_lexer(void **state)
{
	struct fx *f = *state;
	struct kc_token t;
	static const struct mem_file files[] = {
		{ "Kconfig", "config A\n$(error-if,y,stop here)\n", 0 },
	};

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_EOL);
	assert_int_equal(kc_lexer_next(f->lx, &t), -1);
	assert_int_equal(f->diags.errors, 1);
	assert_string_equal(diag_text(&f->diags, 0),
			    "Kconfig:2: error: stop here");
}

/* ---- assignments ---------------------------------------------------------------- */

static void test_assignment_value(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig",
		  "X :=   value with # hash  \nY+=$(X)\nZ = \nW foo\n", 0 },
	};
	enum kc_pp_flavor flavor;
	const char *value;
	struct kc_token t;

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);

	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "X");
	assert_true(kc_lexer_assignment(f->lx, &flavor, &value));
	assert_int_equal(flavor, KC_PP_SIMPLE);
	/* The raw rest of the line: leading blanks go, the rest stays. */
	assert_string_equal(value, "value with # hash  ");
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_EOL);

	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "Y");
	assert_true(kc_lexer_assignment(f->lx, &flavor, &value));
	assert_int_equal(flavor, KC_PP_APPEND);
	assert_string_equal(value, "$(X)");
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);

	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "Z");
	assert_true(kc_lexer_assignment(f->lx, &flavor, &value));
	assert_int_equal(flavor, KC_PP_RECURSIVE);
	assert_string_equal(value, "");
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);

	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "W");
	assert_false(kc_lexer_assignment(f->lx, &flavor, &value));
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "foo");
	assert_no_diags(f);
}

/* ---- help text ------------------------------------------------------------------ */

/* Lexes up to the end of the 'help' line, then reads the help text. */
static const char *help_of(struct fx *f, const char *text,
			   struct kc_token *after)
{
	static struct mem_file one[1];
	struct kc_token t;
	const char *help;

	one[0].name = "Kconfig";
	one[0].data = text;
	use_files(f, one, 1);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	do {
		assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	} while (t.type != TK_HELP);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_EOL);
	help = kc_lexer_help(f->lx);
	kc_buf_reset(&f->out);
	kc_buf_adds(&f->out, help);
	assert_int_equal(kc_lexer_next(f->lx, after), 0);
	return kc_buf_str(&f->out);
}

static void test_help_basic(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	assert_string_equal(help_of(f,
				    "help\n"
				    "  First line.\n"
				    "  Second line.\n"
				    "config NEXT\n",
				    &t),
			    "First line.\nSecond line.");
	assert_int_equal(t.type, TK_CONFIG);
	assert_int_equal(t.line, 4);
	assert_no_diags(f);
}

static void test_help_keeps_blank_lines_and_indent(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	assert_string_equal(
		help_of(f,
			"help\n"
			"\tPara one.\n"
			"\n"
			"\t  indented by two\n"
			"\t\tby a tab\n"
			"   \n"
			"\tPara two.   \n"
			"\n"
			"endmenu\n",
			&t),
		"Para one.\n\n  indented by two\n        by a tab\n\nPara two.\n");
	assert_int_equal(t.type, TK_ENDMENU);
	assert_int_equal(t.line, 9);
}

static void test_help_ends_at_smaller_indent(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	/* The kernel keeps the newline before a less indented line. */
	assert_string_equal(help_of(f,
				    "help\n"
				    "    deep text\n"
				    "      deeper\n"
				    "  default y\n",
				    &t),
			    "deep text\n  deeper\n");
	assert_int_equal(t.type, TK_DEFAULT);
	assert_int_equal(t.line, 4);
	assert_int_equal(t.col, 3);
}

static void test_help_tabs_count_to_eight(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	/* A tab and eight spaces indent alike; a tab plus space is deeper. */
	assert_string_equal(help_of(f,
				    "help\n"
				    "\ta\n"
				    "        b\n"
				    "\t c\n"
				    "  \td\n"
				    "       e\n",
				    &t),
			    "a\nb\n c\nd\n");
	assert_int_equal(t.type, TK_WORD);
	assert_string_equal(t.text, "e");
}

static void test_help_at_end_of_file(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	assert_string_equal(help_of(f, "help\n  last words", &t), "last words");
	assert_int_equal(t.type, TK_EOF);
	/* A help text ending the file needs no final newline. */
	assert_no_diags(f);
}

static void test_help_empty(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	assert_string_equal(help_of(f, "help\n\nconfig B\n", &t), "");
	assert_int_equal(t.type, TK_CONFIG);
	assert_int_equal(t.line, 3);
}

static void test_help_leading_blank_lines(void **state)
{
	struct fx *f = *state;
	struct kc_token t;

	assert_string_equal(help_of(f, "help\n\n\n  text\nX\n", &t),
			    "\n\ntext");
	assert_string_equal(t.text, "X");
}

/* ---- the source stack ------------------------------------------------------------ */

static void test_source_stack(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig", "A\nB\n", 0 },
		{ "sub/Kconfig", "S1\nS2\n", 0 },
	};
	struct kc_token t;

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_string_equal(t.text, "A");
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(t.type, TK_EOL);
	assert_int_equal(kc_lexer_push_file(f->lx, "sub/Kconfig", 1), 0);
	kc_buf_reset(&f->out);
	for (;;) {
		assert_int_equal(kc_lexer_next(f->lx, &t), 0);
		if (t.type == TK_EOF)
			break;
		if (f->out.len)
			kc_buf_addc(&f->out, ' ');
		if (t.type == TK_WORD)
			kc_buf_addf(&f->out, "%s@%s:%d", t.text, t.file,
				    t.line);
		else
			kc_buf_adds(&f->out, t.type == TK_EOL ? "|" : "?");
	}
	/* The end of the sourced file is one more end of line. */
	assert_string_equal(
		kc_buf_str(&f->out),
		"S1@sub/Kconfig:1 | S2@sub/Kconfig:2 | | B@Kconfig:2 |");
	assert_int_equal(kc_model_file_count(f->m), 2);
	assert_string_equal(kc_model_file(f->m, 0), "Kconfig");
	assert_string_equal(kc_model_file(f->m, 1), "sub/Kconfig");
	assert_no_diags(f);
}

static void test_source_recursion(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig", "x\n", 0 },
		{ "a/Kconfig", "x\n", 0 },
	};
	struct kc_token t;

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	assert_int_equal(kc_lexer_next(f->lx, &t), 0);
	assert_int_equal(kc_lexer_push_file(f->lx, "a/Kconfig", 3), 0);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 7), -1);
	assert_int_equal(f->diags.errors, 1);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"a/Kconfig:7: error: recursive inclusion of \"Kconfig\"\n"
		"  included from a/Kconfig:7\n"
		"  included from Kconfig:3");
}

static void test_source_missing_file(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig", "x\n", 0 },
	};

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "nosuch", 0), -1);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"nosuch: error: can't open file: No such file or directory");
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), 0);
	assert_int_equal(kc_lexer_push_file(f->lx, "gone/Kconfig", 12), -1);
	assert_string_equal(
		diag_text(&f->diags, 1),
		"Kconfig:12: error: can't open file \"gone/Kconfig\": No such file or directory");
	assert_int_equal(f->diags.errors, 2);
}

static void test_source_nul_byte(void **state)
{
	struct fx *f = *state;
	static const struct mem_file files[] = {
		{ "Kconfig", "config A\n\tbool \"x\0y\"\n", 21 },
	};

	USE_FILES(f, files);
	assert_int_equal(kc_lexer_push_file(f->lx, "Kconfig", 0), -1);
	assert_int_equal(f->diags.errors, 1);
	/* The error points at the NUL byte. */
	assert_string_equal(
		diag_text(&f->diags, 0),
		"Kconfig:2:9: error: file contains a NUL byte: not a Kconfig file");
}

static void test_source_depth_limit(void **state)
{
	struct fx *f = *state;
	static struct mem_file files[260];
	static char names[260][16];
	size_t i;
	int ret = 0;

	for (i = 0; i < 260; i++) {
		snprintf(names[i], sizeof(names[i]), "K%zu", i);
		files[i].name = names[i];
		files[i].data = "x\n";
	}
	use_files(f, files, 260);
	for (i = 0; i < 260 && ret == 0; i++)
		ret = kc_lexer_push_file(f->lx, names[i], (int)i + 1);
	assert_int_equal(ret, -1);
	assert_int_equal(i, 201);
	assert_int_equal(f->diags.errors, 1);
	assert_string_equal(
		diag_text(&f->diags, 0),
		"K199:201: error: 'source' nested more than 200 deep");
}

static void test_token_names(void **state)
{
	(void)state;
	assert_string_equal(kc_tok_name(TK_EOF), "end of file");
	assert_string_equal(kc_tok_name(TK_EOL), "end of line");
	assert_string_equal(kc_tok_name(TK_WORD), "word");
	assert_string_equal(kc_tok_name(TK_STRING), "quoted string");
	assert_string_equal(kc_tok_name(TK_STRING_TYPE), "string");
	assert_string_equal(kc_tok_name(TK_DEF_TRISTATE), "def_tristate");
	assert_string_equal(kc_tok_name(TK_UNEQUAL), "'!='");
	assert_string_equal(kc_tok_name(TK_PLUS_EQUAL), "'+='");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_keyword),
		T(test_keyword_lookalikes_are_words),
		T(test_words),
		T(test_operators),
		T(test_lone_operator_characters_warn),
		T(test_comments),
		T(test_backslash_newline_joins_lines),
		T(test_token_positions),
		T(test_strings_both_quotes),
		T(test_string_escapes),
		T(test_string_keeps_spaces_and_keywords),
		T(test_unterminated_string_warns),
		T(test_backslash_newline_inside_string),
		T(test_no_newline_at_end_of_file),
		T(test_newline_at_end_no_warning),
		T(test_macro_in_word),
		T(test_macro_in_string),
		T(test_unrun_shell_taints_token),
		T(test_macro_error_stops_lexer),
		T(test_assignment_value),
		T(test_help_basic),
		T(test_help_keeps_blank_lines_and_indent),
		T(test_help_ends_at_smaller_indent),
		T(test_help_tabs_count_to_eight),
		T(test_help_at_end_of_file),
		T(test_help_empty),
		T(test_help_leading_blank_lines),
		T(test_source_stack),
		T(test_source_recursion),
		T(test_source_missing_file),
		T(test_source_nul_byte),
		T(test_source_depth_limit),
		T(test_token_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
