/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lexer.h - Kconfig tokens (internal to the front end).
 *
 * The lexer reads a stack of files (one per pending 'source'), expands
 * macros as the kernel's lexer does, and hands the parser one token at a
 * time.  Keywords are recognised wherever a word may stand.  A word holding
 * a $(...) reference is expanded into exactly one word token; an empty
 * expansion yields no token.  Inside quotes, references are expanded into
 * the string.
 */
#ifndef KC_LEXER_H
#define KC_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "kc_base.h"
#include "kc_model.h"
#include "preprocess.h"

enum kc_tok {
	TK_EOF,
	TK_EOL,
	TK_WORD,
	TK_STRING,
	/* keywords */
	TK_BOOL,
	TK_CHOICE,
	TK_COMMENT,
	TK_CONFIG,
	TK_DEF_BOOL,
	TK_DEF_TRISTATE,
	TK_DEFAULT,
	TK_DEPENDS,
	TK_ENDCHOICE,
	TK_ENDIF,
	TK_ENDMENU,
	TK_HELP,
	TK_HEX,
	TK_IF,
	TK_IMPLY,
	TK_INT,
	TK_MAINMENU,
	TK_MENU,
	TK_MENUCONFIG,
	TK_MODULES,
	TK_ON,
	TK_OPTION,
	TK_OPTIONAL,
	TK_PROMPT,
	TK_RANGE,
	TK_SELECT,
	TK_SOURCE,
	TK_STRING_TYPE,
	TK_TRANSITIONAL,
	TK_TRISTATE,
	TK_VISIBLE,
	/* operators */
	TK_OR,
	TK_AND,
	TK_EQUAL,
	TK_UNEQUAL,
	TK_LESS,
	TK_LESS_EQUAL,
	TK_GREATER,
	TK_GREATER_EQUAL,
	TK_NOT,
	TK_OPEN_PAREN,
	TK_CLOSE_PAREN,
	TK_COLON_EQUAL,
	TK_PLUS_EQUAL,
};

struct kc_token {
	enum kc_tok type;
	const char *text;	/* word or string contents; owned by the lexer */
	size_t len;
	bool tainted;		/* text holds unrun shell output */
	const char *file;	/* interned in the model */
	int line;
	int col;
};

struct kc_lexer;

struct kc_lexer *kc_lexer_new(struct kc_model *model, struct kc_pp *pp,
			      const struct kc_fs *fs, struct kc_diags *diags);
void kc_lexer_free(struct kc_lexer *lx);

/*
 * Starts reading 'path' (a 'source' of the current file, or the top file
 * when none is open).  Returns -1 with an error for a missing file or a
 * recursive inclusion; 'line' is the line of the source statement.
 */
int kc_lexer_push_file(struct kc_lexer *lx, const char *path, int line);

/* Reads 'data' (malloc'd, taken over) as a file named 'name' from 'line'. */
int kc_lexer_push_buffer(struct kc_lexer *lx, const char *name, char *data,
			 int line);

/* Next token; -1 when the preprocessor failed (error already reported). */
int kc_lexer_next(struct kc_lexer *lx, struct kc_token *tok);

/*
 * Right after a word at the start of a statement: if '=', ':=' or '+='
 * follows, consumes it and the raw rest of the line (not the newline),
 * stores the operator in *flavor and the value in *value (owned by the
 * lexer), and returns true.
 */
bool kc_lexer_assignment(struct kc_lexer *lx, enum kc_pp_flavor *flavor,
			 const char **value);

/*
 * Reads a help text; call right after the end of the 'help' line.  The
 * text ends before the first line indented less than its first line.
 * Returns the text (owned by the lexer).
 */
const char *kc_lexer_help(struct kc_lexer *lx);

const char *kc_tok_name(enum kc_tok t);

#endif /* KC_LEXER_H */
