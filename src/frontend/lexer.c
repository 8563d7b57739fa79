/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lexer.c - turns Kconfig files into tokens.
 *
 * Facts it follows (kconfig-language.rst, "Kconfig syntax", and the Linux
 * 6.12 behaviour): '#' starts a comment anywhere outside quotes; a backslash
 * before a newline joins lines; keywords are recognised wherever a word
 * stands; words are made of [A-Za-z0-9_-]; a word with '$' in it is macro
 * expanded into one word token (empty expansions vanish); strings take
 * single or double quotes, backslash escapes the next character, and a
 * newline ends an unterminated string with a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

struct lex_file {
	struct lex_file *parent;
	const char *name;	/* interned in the model */
	char *data;
	size_t len;
	size_t pos;
	size_t line_start;
	int line;
	int source_line;	/* line of the 'source' that opened it */
	bool ended;		/* its closing end of line was given */
};

struct kc_lexer {
	struct kc_model *model;
	struct kc_pp *pp;
	const struct kc_fs *fs;
	struct kc_diags *diags;
	struct lex_file *file;
	struct kc_buf text;	/* current word, string, value or help */
	struct kc_buf scratch;
	enum kc_tok prev;
	int depth;
};

static const struct {
	const char *word;
	enum kc_tok tok;
} keywords[] = {
	{ "bool", TK_BOOL },
	{ "choice", TK_CHOICE },
	{ "comment", TK_COMMENT },
	{ "config", TK_CONFIG },
	{ "def_bool", TK_DEF_BOOL },
	{ "def_tristate", TK_DEF_TRISTATE },
	{ "default", TK_DEFAULT },
	{ "depends", TK_DEPENDS },
	{ "endchoice", TK_ENDCHOICE },
	{ "endif", TK_ENDIF },
	{ "endmenu", TK_ENDMENU },
	{ "help", TK_HELP },
	{ "hex", TK_HEX },
	{ "if", TK_IF },
	{ "imply", TK_IMPLY },
	{ "int", TK_INT },
	{ "mainmenu", TK_MAINMENU },
	{ "menu", TK_MENU },
	{ "menuconfig", TK_MENUCONFIG },
	{ "modules", TK_MODULES },
	{ "on", TK_ON },
	{ "option", TK_OPTION },
	{ "optional", TK_OPTIONAL },
	{ "prompt", TK_PROMPT },
	{ "range", TK_RANGE },
	{ "select", TK_SELECT },
	{ "source", TK_SOURCE },
	{ "string", TK_STRING_TYPE },
	{ "transitional", TK_TRANSITIONAL },
	{ "tristate", TK_TRISTATE },
	{ "visible", TK_VISIBLE },
};

#define MAX_SOURCE_DEPTH 200

const char *kc_tok_name(enum kc_tok t)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (keywords[i].tok == t)
			return keywords[i].word;
	switch (t) {
	case TK_EOF:
		return "end of file";
	case TK_EOL:
		return "end of line";
	case TK_WORD:
		return "word";
	case TK_STRING:
		return "quoted string";
	case TK_OR:
		return "'||'";
	case TK_AND:
		return "'&&'";
	case TK_EQUAL:
		return "'='";
	case TK_UNEQUAL:
		return "'!='";
	case TK_LESS:
		return "'<'";
	case TK_LESS_EQUAL:
		return "'<='";
	case TK_GREATER:
		return "'>'";
	case TK_GREATER_EQUAL:
		return "'>='";
	case TK_NOT:
		return "'!'";
	case TK_OPEN_PAREN:
		return "'('";
	case TK_CLOSE_PAREN:
		return "')'";
	case TK_COLON_EQUAL:
		return "':='";
	case TK_PLUS_EQUAL:
		return "'+='";
	default:
		return "token";
	}
}

static enum kc_tok keyword(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > 12)
		return TK_WORD;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (keywords[i].word[0] == s[0] &&
		    !strncmp(keywords[i].word, s, n) &&
		    keywords[i].word[n] == '\0')
			return keywords[i].tok;
	}
	return TK_WORD;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct kc_lexer *kc_lexer_new(struct kc_model *model, struct kc_pp *pp,
			      const struct kc_fs *fs, struct kc_diags *diags)
{
	struct kc_lexer *lx = kc_xcalloc(1, sizeof(*lx));

	lx->model = model;
	lx->pp = pp;
	lx->fs = fs;
	lx->diags = diags;
	lx->prev = TK_EOL;
	return lx;
}

static void pop_file(struct kc_lexer *lx)
{
	struct lex_file *f = lx->file;

	lx->file = f->parent;
	lx->depth--;
	free(f->data);
	free(f);
}

void kc_lexer_free(struct kc_lexer *lx)
{
	if (!lx)
		return;
	while (lx->file)
		pop_file(lx);
	kc_buf_free(&lx->text);
	kc_buf_free(&lx->scratch);
	free(lx);
}

static void report_recursion(struct kc_lexer *lx, const char *path, int line)
{
	struct kc_buf chain = KC_BUF_INIT;
	struct lex_file *f;
	int at = line;

	for (f = lx->file; f; f = f->parent) {
		kc_buf_addf(&chain, "\n  included from %s:%d", f->name, at);
		at = f->source_line;
	}
	kc_diags_add(lx->diags, KC_SEV_ERROR, lx->file->name, line, 0,
		     "recursive inclusion of \"%s\"%s", path,
		     kc_buf_str(&chain));
	kc_buf_free(&chain);
}

/* Points at the first NUL byte of 'data', which has one before its end. */
static void report_nul(struct kc_lexer *lx, const char *path, const char *data)
{
	const char *nul = data + strlen(data), *p, *line_start = data;
	int line = 1;

	for (p = data; p < nul; p++) {
		if (*p == '\n') {
			line++;
			line_start = p + 1;
		}
	}
	kc_diags_add(lx->diags, KC_SEV_ERROR, path, line,
		     (int)(nul - line_start) + 1,
		     "file contains a NUL byte: not a Kconfig file");
}

int kc_lexer_push_file(struct kc_lexer *lx, const char *path, int line)
{
	struct lex_file *f, *it;
	const char *why = NULL;
	char *data;
	size_t len;

	for (it = lx->file; it; it = it->parent) {
		if (!strcmp(it->name, path)) {
			report_recursion(lx, path, line);
			return -1;
		}
	}
	if (lx->depth >= MAX_SOURCE_DEPTH) {
		kc_diags_add(lx->diags, KC_SEV_ERROR, lx->file->name, line, 0,
			     "'source' nested more than %d deep",
			     MAX_SOURCE_DEPTH);
		return -1;
	}
	if (lx->fs->read(lx->fs->ctx, path, &data, &len, &why) < 0) {
		if (lx->file)
			kc_diags_add(lx->diags, KC_SEV_ERROR, lx->file->name,
				     line, 0, "can't open file \"%s\": %s",
				     path, why);
		else
			kc_diags_add(lx->diags, KC_SEV_ERROR, path, 0, 0,
				     "can't open file: %s", why);
		return -1;
	}
	if (memchr(data, '\0', len)) {
		report_nul(lx, path, data);
		free(data);
		return -1;
	}
	f = kc_xcalloc(1, sizeof(*f));
	f->parent = lx->file;
	f->name = kc_model_add_file(lx->model, path);
	f->data = data;
	f->len = len;
	f->line = 1;
	f->source_line = line;
	lx->file = f;
	lx->depth++;
	return 0;
}

int kc_lexer_push_buffer(struct kc_lexer *lx, const char *name, char *data,
			 int line)
{
	struct lex_file *f = kc_xcalloc(1, sizeof(*f));

	f->parent = lx->file;
	f->name = kc_arena_strdup(kc_model_arena(lx->model), name);
	f->data = data;
	f->len = strlen(data);
	f->line = line > 0 ? line : 1;
	lx->file = f;
	lx->depth++;
	return 0;
}

static void warn(struct kc_lexer *lx, int line, const char *fmt, const char *arg)
{
	kc_diags_add(lx->diags, KC_SEV_WARNING, lx->file->name, line, 0, fmt,
		     arg);
}

/* Copies the rest of the line from 'p' into scratch (NUL-terminated). */
static const char *rest_of_line(struct kc_lexer *lx, const char *p)
{
	const char *end = strchr(p, '\n');
	size_t n = end ? (size_t)(end - p) : strlen(p);

	kc_buf_reset(&lx->scratch);
	kc_buf_add(&lx->scratch, p, n);
	return kc_buf_str(&lx->scratch);
}

static int lex_string(struct kc_lexer *lx, struct kc_token *tok)
{
	struct lex_file *f = lx->file;
	char quote = f->data[f->pos++];

	kc_buf_reset(&lx->text);
	for (;;) {
		char c = f->data[f->pos];
		size_t start;

		if (c == '\0')
			break;
		if (c == '\n') {
			warn(lx, f->line, "multi-line strings not supported%s",
			     "");
			break;
		}
		if (c == quote) {
			f->pos++;
			break;
		}
		if (c == '$') {
			struct kc_buf out = KC_BUF_INIT;
			size_t used = 0;
			int ret;

			kc_pp_set_location(lx->pp, f->name, f->line);
			ret = kc_pp_expand_dollar(lx->pp,
						  rest_of_line(lx, f->data + f->pos),
						  &used, &out, &tok->tainted,
						  lx->diags);
			kc_buf_add(&lx->text, kc_buf_str(&out), out.len);
			kc_buf_free(&out);
			if (ret < 0)
				return -1;
			f->pos += used ? used : 1;
			continue;
		}
		if (c == '\\') {
			f->pos++;
			c = f->data[f->pos];
			if (c != '\n' && c != '\0') {
				kc_buf_addc(&lx->text, c);
				f->pos++;
			}
			continue;
		}
		start = f->pos;
		while ((c = f->data[f->pos]) && c != '\n' && c != '$' &&
		       c != '\\' && c != '"' && c != '\'')
			f->pos++;
		if (c == '"' || c == '\'') {
			if (c != quote)
				f->pos++;
		}
		kc_buf_add(&lx->text, f->data + start, f->pos - start);
	}
	tok->type = TK_STRING;
	return 0;
}

/* A word with '$' in it: expanded into one word, possibly empty. */
static int lex_expanded_word(struct kc_lexer *lx, struct kc_token *tok)
{
	struct lex_file *f = lx->file;
	size_t used = 0;

	kc_buf_reset(&lx->text);
	kc_pp_set_location(lx->pp, f->name, f->line);
	if (kc_pp_expand_token(lx->pp, rest_of_line(lx, f->data + f->pos),
			       &used, &lx->text, &tok->tainted,
			       lx->diags) < 0)
		return -1;
	f->pos += used ? used : 1;
	tok->type = TK_WORD;
	return 0;
}

static enum kc_tok lex_operator(struct lex_file *f)
{
	char c = f->data[f->pos], d = f->data[f->pos + (c ? 1 : 0)];

	f->pos++;
	switch (c) {
	case '|':
		if (d == '|') {
			f->pos++;
			return TK_OR;
		}
		break;
	case '&':
		if (d == '&') {
			f->pos++;
			return TK_AND;
		}
		break;
	case '=':
		return TK_EQUAL;
	case '!':
		if (d == '=') {
			f->pos++;
			return TK_UNEQUAL;
		}
		return TK_NOT;
	case '<':
		if (d == '=') {
			f->pos++;
			return TK_LESS_EQUAL;
		}
		return TK_LESS;
	case '>':
		if (d == '=') {
			f->pos++;
			return TK_GREATER_EQUAL;
		}
		return TK_GREATER;
	case '(':
		return TK_OPEN_PAREN;
	case ')':
		return TK_CLOSE_PAREN;
	case ':':
		if (d == '=') {
			f->pos++;
			return TK_COLON_EQUAL;
		}
		break;
	case '+':
		if (d == '=') {
			f->pos++;
			return TK_PLUS_EQUAL;
		}
		break;
	}
	return TK_EOF;	/* not an operator */
}

/*
 * End of the current file.  A sourced file gives one end of line and stays
 * open until the next token is asked for, so that a 'source' on its last
 * line, newline or not, opens its file from this one: the recursion check
 * then sees this file among the includers.  Sets *type (TK_EOF at the very
 * end, TK_EOL at a sourced file's end) and returns true, or returns false
 * when the caller should go on reading the includer.
 */
static bool end_of_file(struct kc_lexer *lx, enum kc_tok *type)
{
	struct lex_file *f = lx->file;

	if (f->ended) {
		pop_file(lx);
		return false;
	}
	if (lx->prev != TK_EOL && f->len > 0)
		warn(lx, f->line, "no new line at end of file%s", "");
	if (!f->parent) {
		pop_file(lx);
		*type = TK_EOF;
		return true;
	}
	f->ended = true;
	*type = TK_EOL;
	return true;
}

static int next_token(struct kc_lexer *lx, struct kc_token *tok)
{
	struct lex_file *f;

	for (;;) {
		char c;

		f = lx->file;
		if (!f) {
			tok->type = TK_EOF;
			return 0;
		}
		c = f->data[f->pos];
		tok->file = f->name;
		tok->line = f->line;
		tok->col = (int)(f->pos - f->line_start) + 1;
		tok->tainted = false;
		tok->text = NULL;
		tok->len = 0;
		if (c == ' ' || c == '\t' || c == '\r') {
			f->pos++;
		} else if (c == '\\' && f->data[f->pos + 1] == '\n') {
			f->pos += 2;
			f->line++;
			f->line_start = f->pos;
		} else if (c == '#') {
			while (f->data[f->pos] && f->data[f->pos] != '\n')
				f->pos++;
		} else if (c == '\n') {
			f->pos++;
			f->line++;
			f->line_start = f->pos;
			tok->type = TK_EOL;
			return 0;
		} else if (c == '\0') {
			if (!end_of_file(lx, &tok->type))
				continue;
			return 0;
		} else if (c == '"' || c == '\'') {
			return lex_string(lx, tok);
		} else if (is_word_char(c) || c == '$') {
			size_t start = f->pos, n;
			bool dollar = false;

			while (is_word_char(f->data[f->pos]) ||
			       f->data[f->pos] == '$') {
				dollar |= f->data[f->pos] == '$';
				f->pos++;
			}
			if (!dollar) {
				n = f->pos - start;
				tok->type = keyword(f->data + start, n);
				kc_buf_reset(&lx->text);
				kc_buf_add(&lx->text, f->data + start, n);
				return 0;
			}
			f->pos = start;
			if (lex_expanded_word(lx, tok) < 0)
				return -1;
			if (lx->text.len)
				return 0;
		} else {
			tok->type = lex_operator(f);
			if (tok->type != TK_EOF)
				return 0;
			kc_diags_add(lx->diags, KC_SEV_WARNING, f->name,
				     f->line, tok->col,
				     "ignoring unsupported character '%c'", c);
		}
	}
}

int kc_lexer_next(struct kc_lexer *lx, struct kc_token *tok)
{
	int ret = next_token(lx, tok);

	if (ret < 0)
		return ret;
	if (tok->type == TK_WORD || tok->type == TK_STRING ||
	    (tok->type >= TK_BOOL && tok->type <= TK_VISIBLE)) {
		tok->text = kc_buf_str(&lx->text);
		tok->len = lx->text.len;
	}
	lx->prev = tok->type;
	return 0;
}

bool kc_lexer_assignment(struct kc_lexer *lx, enum kc_pp_flavor *flavor,
			 const char **value)
{
	struct lex_file *f = lx->file;
	size_t p, start, end;

	if (!f)
		return false;
	p = f->pos;
	while (f->data[p] == ' ' || f->data[p] == '\t')
		p++;
	if (f->data[p] == '=') {
		*flavor = KC_PP_RECURSIVE;
		p += 1;
	} else if (f->data[p] == ':' && f->data[p + 1] == '=') {
		*flavor = KC_PP_SIMPLE;
		p += 2;
	} else if (f->data[p] == '+' && f->data[p + 1] == '=') {
		*flavor = KC_PP_APPEND;
		p += 2;
	} else {
		return false;
	}
	while (f->data[p] == ' ' || f->data[p] == '\t')
		p++;
	start = p;
	while (f->data[p] && f->data[p] != '\n')
		p++;
	end = p;
	f->pos = p;
	kc_buf_reset(&lx->text);
	kc_buf_add(&lx->text, f->data + start, end - start);
	*value = kc_buf_str(&lx->text);
	return true;
}

/* Does the character after the newline at 'nl' start a non-help line? */
static bool ends_help(const struct lex_file *f, size_t nl)
{
	char next = f->data[nl + 1];

	return next && next != ' ' && next != '\t' && next != '\n';
}

static void newline(struct lex_file *f)
{
	f->pos++;
	f->line++;
	f->line_start = f->pos;
}

const char *kc_lexer_help(struct kc_lexer *lx)
{
	struct lex_file *f = lx->file;
	int first_ts = 0;

	kc_buf_reset(&lx->text);
	if (!f)
		return "";
	for (;;) {
		int ts = 0;
		size_t start, end;

		while (f->data[f->pos] == ' ' || f->data[f->pos] == '\t') {
			ts = f->data[f->pos] == '\t' ? (ts & ~7) + 8 : ts + 1;
			f->pos++;
		}
		if (f->data[f->pos] == '\0')
			break;
		if (f->data[f->pos] == '\n') {
			bool stop = ends_help(f, f->pos);

			newline(f);
			if (stop)
				break;
			kc_buf_addc(&lx->text, '\n');
			continue;
		}
		if (first_ts && ts < first_ts)
			break;
		if (first_ts) {
			int extra;

			for (extra = ts - first_ts; extra > 0; extra--)
				kc_buf_addc(&lx->text, ' ');
		} else {
			first_ts = ts;
		}
		start = f->pos;
		while (f->data[f->pos] && f->data[f->pos] != '\n')
			f->pos++;
		end = f->pos;
		while (end > start &&
		       (f->data[end - 1] == ' ' || f->data[end - 1] == '\t'))
			end--;
		kc_buf_add(&lx->text, f->data + start, end - start);
		if (f->data[f->pos] == '\0')
			break;
		if (ends_help(f, f->pos)) {
			newline(f);
			break;
		}
		newline(f);
		kc_buf_addc(&lx->text, '\n');
	}
	lx->prev = TK_EOL;
	return kc_buf_str(&lx->text);
}
