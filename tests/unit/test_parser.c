// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_parser.c - Kconfig statements into a model (src/frontend/parser.c
 * and the finalisation in src/model/finalize.c), through kc_parse().
 *
 * One test per statement and attribute of
 * Documentation/kbuild/kconfig-language.rst, the older and newer syntax the
 * parser accepts, the macro language as the parser uses it, and every
 * error and warning with its exact location and text.  Each test writes
 * its Kconfig files into a fresh temporary folder and reads it back
 * through a kc_disk_fs; the "full" fixture under tests/fixtures is read as
 * it is.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "kc_frontend.h"
#include "kc_model.h"

/* ---- fixture: a temporary Kconfig tree ---------------------------------- */

struct fx {
	char dir[64];
	const char *root; /* folder parsed; dir unless changed */
	struct kc_parse_options opt;
	struct kc_diags d;
	struct kc_model *m;
	struct kc_buf msgs; /* $(info) and $(warning-if) output */
	struct kc_buf tmp;
};

static const char *const test_env[][2] = {
	{ "ARCH", "x86_64" },
	{ "SRCARCH", "x86" },
};

static const char *fake_getenv(void *ctx, const char *name)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(test_env) / sizeof(test_env[0]); i++)
		if (!strcmp(test_env[i][0], name))
			return test_env[i][1];
	return NULL;
}

static void record(void *ctx, enum kc_pp_message kind, const char *file,
		   int line, const char *text)
{
	struct fx *f = ctx;

	kc_buf_addf(&f->msgs, "%s|%s:%d|%s\n",
		    kind == KC_PP_INFO ? "info" : "warning", file, line, text);
}

static int setup(void **state)
{
	struct fx *f = kc_xcalloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/kc-test-parser-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->root = f->dir;
	f->opt.getenv = fake_getenv;
	f->opt.message = record;
	f->opt.message_ctx = f;
	*state = f;
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	kc_model_free(f->m);
	kc_diags_free(&f->d);
	kc_buf_free(&f->msgs);
	kc_buf_free(&f->tmp);
	free(f);
	return 0;
}

/* Writes 'len' bytes of 'text' to 'path' in the tree, making folders. */
static void write_bytes(struct fx *f, const char *path, const char *text,
			size_t len)
{
	char *full = kc_xasprintf("%s/%s", f->dir, path), *slash;
	FILE *fp;

	for (slash = strchr(full + strlen(f->dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(full, 0755);
		*slash = '/';
	}
	fp = fopen(full, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
	free(full);
}

static void write_file(struct fx *f, const char *path, const char *text)
{
	write_bytes(f, path, text, strlen(text));
}

/* Parses the tree at f->root; the model (or NULL) is in f->m. */
static struct kc_model *parse(struct fx *f)
{
	struct kc_disk_fs dfs;

	kc_model_free(f->m);
	kc_diags_free(&f->d);
	kc_disk_fs_init(&dfs, f->root);
	f->opt.fs = &dfs.fs;
	f->m = kc_parse(&f->opt, &f->d);
	kc_disk_fs_release(&dfs);
	f->opt.fs = NULL;
	return f->m;
}

/* Every diagnostic, one "file:line:col: severity: message" a line. */
static const char *diags(struct fx *f)
{
	size_t i;

	kc_buf_reset(&f->tmp);
	for (i = 0; i < f->d.len; i++) {
		kc_diag_format(&f->d.items[i], &f->tmp);
		kc_buf_addc(&f->tmp, '\n');
	}
	return kc_buf_str(&f->tmp);
}

/* Parses 'text' as the top Kconfig; it must parse without a diagnostic. */
static struct kc_model *ok(struct fx *f, const char *text)
{
	write_file(f, "Kconfig", text);
	parse(f);
	assert_string_equal(diags(f), "");
	assert_non_null(f->m);
	return f->m;
}

/* Parses 'text'; it must fail with exactly the diagnostics 'want'. */
static void fails(struct fx *f, const char *text, const char *want)
{
	write_file(f, "Kconfig", text);
	assert_null(parse(f));
	assert_string_equal(diags(f), want);
	assert_true(f->d.errors > 0);
}

/* Parses 'text'; it must succeed with exactly the warnings 'want'. */
static void warns(struct fx *f, const char *text, const char *want)
{
	write_file(f, "Kconfig", text);
	assert_non_null(parse(f));
	assert_string_equal(diags(f), want);
	assert_int_equal(f->d.errors, 0);
}

static struct kc_symbol *sym(struct fx *f, const char *name)
{
	struct kc_symbol *s = kc_model_lookup(f->m, name);

	if (!s)
		fail_msg("no symbol %s", name);
	return s;
}

/* An expression in Kconfig syntax ("y" for NULL). */
static const char *pr(const struct kc_expr *e)
{
	static struct kc_buf b;

	kc_buf_reset(&b);
	kc_expr_print(e, &b);
	return kc_buf_str(&b);
}

static void sexp_to(const struct kc_expr *e, struct kc_buf *b)
{
	static const char *const ops[] = {
		[KC_E_EQUAL] = "=",	[KC_E_UNEQUAL] = "!=",
		[KC_E_LTH] = "<",	[KC_E_LEQ] = "<=",
		[KC_E_GTH] = ">",	[KC_E_GEQ] = ">=",
		[KC_E_RANGE] = "range",
	};

	if (!e) {
		kc_buf_adds(b, "NULL");
		return;
	}
	switch (e->op) {
	case KC_E_SYMBOL:
		kc_buf_adds(b, e->sym[0]->name ? e->sym[0]->name : "<choice>");
		if (e->sym[0]->flags & KC_SYM_CONST)
			kc_buf_adds(b, "'");
		break;
	case KC_E_NOT:
		kc_buf_adds(b, "(not ");
		sexp_to(e->sub[0], b);
		kc_buf_adds(b, ")");
		break;
	case KC_E_AND:
	case KC_E_OR:
		kc_buf_adds(b, e->op == KC_E_AND ? "(and " : "(or ");
		sexp_to(e->sub[0], b);
		kc_buf_addc(b, ' ');
		sexp_to(e->sub[1], b);
		kc_buf_adds(b, ")");
		break;
	default:
		kc_buf_addf(b, "(%s %s%s %s%s)", ops[e->op], e->sym[0]->name,
			    e->sym[0]->flags & KC_SYM_CONST ? "'" : "",
			    e->sym[1]->name,
			    e->sym[1]->flags & KC_SYM_CONST ? "'" : "");
		break;
	}
	if (e->flags & KC_EXPR_BUILD_MACHINE)
		kc_buf_adds(b, "~");
}

/*
 * The structure of an expression, prefix style: constants get a "'",
 * leaves from unrun shell output a "~".
 */
static const char *sx(const struct kc_expr *e)
{
	static struct kc_buf b;

	kc_buf_reset(&b);
	sexp_to(e, &b);
	return kc_buf_str(&b);
}

/* The n-th (from 0) property of a kind. */
static struct kc_property *prop(const struct kc_symbol *s,
				enum kc_prop_kind kind, int n)
{
	struct kc_property *p;

	for (p = s->props; p; p = p->next)
		if (p->kind == kind && n-- == 0)
			return p;
	fail_msg("%s has no %s #%d", s->name ? s->name : "<choice>",
		 kc_prop_kind_name(kind), n);
	return NULL;
}

static int count_props(const struct kc_symbol *s, enum kc_prop_kind kind)
{
	struct kc_property *p;
	int n = 0;

	for (p = s->props; p; p = p->next)
		n += p->kind == kind;
	return n;
}

/* The entries directly under a menu, as "kind:name-or-title" words. */
static const char *children(const struct kc_menu *parent)
{
	static struct kc_buf b;
	const struct kc_menu *c;

	kc_buf_reset(&b);
	for (c = parent->list; c; c = c->next) {
		if (b.len)
			kc_buf_addc(&b, ' ');
		kc_buf_adds(&b, kc_menu_kind_name(c->kind));
		if (c->sym && c->sym->name)
			kc_buf_addf(&b, ":%s", c->sym->name);
		else if (c->prompt)
			kc_buf_addf(&b, ":%s", c->prompt->text);
		if (c->parent != parent)
			kc_buf_adds(&b, "(bad parent)");
	}
	return kc_buf_str(&b);
}

/* ---- config and its attributes -------------------------------------------- */

static void test_config_every_attribute(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;
	struct kc_menu *e;
	struct kc_property *p;

	ok(f, "config FOO\n" /* 1 */
	      "\ttristate \"Foo support\" if BAR\n"
	      "\tdepends on A\n"
	      "\tdefault m if B\n"
	      "\tdefault y\n" /* 5 */
	      "\tselect SEL if C\n"
	      "\timply IMP if D\n"
	      "\tdepends on E || F\n"
	      "\thelp\n"
	      "\t  Foo help.\n" /* 10 */
	      "\n"
	      "config A\n\tbool\nconfig B\n\tbool\nconfig C\n\tbool\n"
	      "config D\n\tbool\nconfig E\n\tbool\nconfig F\n\tbool\n"
	      "config BAR\n\tbool\nconfig SEL\n\tbool\nconfig IMP\n\tbool\n");
	s = sym(f, "FOO");
	assert_string_equal(s->name, "FOO");
	assert_int_equal(s->type, KC_T_TRISTATE);
	assert_true(s->flags & KC_SYM_DEFINED);
	assert_false(s->flags & (KC_SYM_CHOICE | KC_SYM_CHOICEVAL |
				 KC_SYM_BUILD_MACHINE | KC_SYM_CONST));
	e = s->menus;
	assert_non_null(e);
	assert_null(e->next_def);
	assert_int_equal(e->kind, KC_M_CONFIG);
	assert_string_equal(e->file, "Kconfig");
	assert_int_equal(e->line, 1);
	assert_ptr_equal(e->parent, kc_model_root(f->m));
	/* "depends on" lines are ANDed, in order. */
	assert_string_equal(pr(e->dep), "A && (E || F)");
	assert_string_equal(sx(e->dep), "(and A (or E F))");
	assert_string_equal(e->help, "Foo help.\n");

	p = prop(s, KC_P_PROMPT, 0);
	assert_ptr_equal(e->prompt, p);
	assert_string_equal(p->text, "Foo support");
	assert_string_equal(pr(p->cond), "BAR");
	assert_string_equal(p->file, "Kconfig");
	assert_int_equal(p->line, 2);
	assert_ptr_equal(p->menu, e);
	assert_string_equal(pr(p->visible), "A && (E || F) && BAR");

	assert_int_equal(count_props(s, KC_P_DEFAULT), 2);
	p = prop(s, KC_P_DEFAULT, 0);
	assert_string_equal(sx(p->expr), "m'");
	assert_string_equal(pr(p->cond), "B");
	assert_int_equal(p->line, 4);
	p = prop(s, KC_P_DEFAULT, 1);
	assert_string_equal(sx(p->expr), "y'");
	assert_null(p->cond);
	assert_int_equal(p->line, 5);
	assert_string_equal(pr(p->visible), "A && (E || F)");

	p = prop(s, KC_P_SELECT, 0);
	assert_string_equal(sx(p->expr), "SEL");
	assert_ptr_equal(p->expr->sym[0], sym(f, "SEL"));
	assert_string_equal(pr(p->cond), "C");
	assert_int_equal(p->line, 6);
	p = prop(s, KC_P_IMPLY, 0);
	assert_string_equal(sx(p->expr), "IMP");
	assert_string_equal(pr(p->cond), "D");
	assert_int_equal(p->line, 7);

	/* Properties keep the order they were written in. */
	assert_int_equal(s->props->kind, KC_P_PROMPT);
	assert_int_equal(s->props->next->kind, KC_P_DEFAULT);
	assert_int_equal(s->props->next->next->next->kind, KC_P_SELECT);
	assert_int_equal(s->props->next->next->next->next->kind, KC_P_IMPLY);
	assert_null(s->props->next->next->next->next->next);

	/* select and imply build the target's reverse dependencies. */
	assert_string_equal(pr(sym(f, "SEL")->rev_dep),
			    "FOO && A && (E || F) && C");
	assert_null(sym(f, "SEL")->implied);
	assert_string_equal(pr(sym(f, "IMP")->implied),
			    "FOO && A && (E || F) && D");
	assert_null(sym(f, "IMP")->rev_dep);
	assert_string_equal(pr(s->dir_dep), "A && (E || F)");
}

static void test_types_and_prompts(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *name;
		enum kc_type type;
		const char *prompt;
	} want[] = {
		{ "B", KC_T_BOOL, "a bool" },
		{ "T", KC_T_TRISTATE, "a tristate" },
		{ "I", KC_T_INT, "an int" },
		{ "H", KC_T_HEX, "a hex" },
		{ "S", KC_T_STRING, "a string" },
		{ "P", KC_T_BOOL, "by prompt" },
		{ "N", KC_T_INT, NULL },
	};
	size_t i;

	ok(f, "config B\n\tbool \"a bool\"\n"
	      "config T\n\ttristate \"a tristate\"\n"
	      "config I\n\tint \"an int\"\n"
	      "config H\n\thex 'a hex'\n"
	      "config S\n\tstring \"a string\"\n"
	      "config P\n\tbool\n\tprompt \"by prompt\"\n"
	      "config N\n\tint\n");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct kc_symbol *s = sym(f, want[i].name);
		struct kc_property *p = kc_symbol_prompt(s);

		assert_int_equal(s->type, want[i].type);
		if (!want[i].prompt) {
			assert_null(p);
			continue;
		}
		assert_non_null(p);
		assert_string_equal(p->text, want[i].prompt);
		assert_null(p->cond);
	}
}

static void test_def_bool_def_tristate(void **state)
{
	struct fx *f = *state;
	struct kc_property *p;

	ok(f, "config A\n\tdef_bool B && C if D\n"
	      "config T\n\tdef_tristate m\n"
	      "config B\n\tbool\nconfig C\n\tbool\nconfig D\n\tbool\n");
	assert_int_equal(sym(f, "A")->type, KC_T_BOOL);
	p = prop(sym(f, "A"), KC_P_DEFAULT, 0);
	assert_string_equal(sx(p->expr), "(and B C)");
	assert_string_equal(pr(p->cond), "D");
	assert_int_equal(sym(f, "T")->type, KC_T_TRISTATE);
	assert_string_equal(sx(prop(sym(f, "T"), KC_P_DEFAULT, 0)->expr), "m'");
	/* No prompt: not visible to the user. */
	assert_null(kc_symbol_prompt(sym(f, "A")));
}

static void test_range(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;
	struct kc_property *p;

	ok(f,
	   "config MAX\n\tint\n\tdefault 8\n"
	   "config N\n\thex \"n\"\n\trange 1 MAX if BIG\n\trange 0x10 \"20\"\n"
	   "config BIG\n\tbool\n");
	s = sym(f, "N");
	assert_int_equal(count_props(s, KC_P_RANGE), 2);
	p = prop(s, KC_P_RANGE, 0);
	assert_int_equal(p->expr->op, KC_E_RANGE);
	assert_string_equal(sx(p->expr), "(range 1 MAX)");
	assert_string_equal(pr(p->expr), "1 MAX");
	assert_string_equal(pr(p->cond), "BIG");
	p = prop(s, KC_P_RANGE, 1);
	assert_string_equal(sx(p->expr), "(range 0x10 20')");
	assert_null(p->cond);
	/* Unquoted numbers are (undefined) symbols, as in the kernel. */
	assert_false(sym(f, "1")->flags & (KC_SYM_CONST | KC_SYM_DEFINED));
}

static void test_menuconfig(void **state)
{
	struct fx *f = *state;
	struct kc_menu *e;

	ok(f, "menuconfig NET\n\tbool \"Networking\"\n"
	      "config NET_X\n\tbool \"x\"\n\tdepends on NET\n");
	e = sym(f, "NET")->menus;
	assert_int_equal(e->kind, KC_M_MENUCONFIG);
	assert_true(sym(f, "NET")->flags & KC_SYM_DEFINED);
	assert_string_equal(e->prompt->text, "Networking");
	assert_string_equal(children(kc_model_root(f->m)),
			    "menuconfig:NET config:NET_X");

	warns(f, "menuconfig NET\n\tbool\n",
	      "Kconfig:3: warning: menuconfig statement without prompt\n");
}

static void test_multiple_definitions(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;
	struct kc_menu *e1, *e2;

	write_file(f, "sub/Kconfig",
		   "config X\n\tdefault y if B\n\tdepends on B\n\tselect T\n");
	ok(f, "config X\n\tbool \"x\"\n\tdepends on A\n"
	      "source \"sub/Kconfig\"\n"
	      "config A\n\tbool\nconfig B\n\tbool\nconfig T\n\tbool\n");
	s = sym(f, "X");
	e1 = s->menus;
	e2 = e1->next_def;
	assert_non_null(e2);
	assert_null(e2->next_def);
	assert_string_equal(e1->file, "Kconfig");
	assert_int_equal(e1->line, 1);
	assert_string_equal(e2->file, "sub/Kconfig");
	assert_int_equal(e2->line, 1);
	assert_string_equal(pr(e1->dep), "A");
	assert_string_equal(pr(e2->dep), "B");
	/* One property list, in reading order; each knows its entry. */
	assert_ptr_equal(prop(s, KC_P_PROMPT, 0)->menu, e1);
	assert_ptr_equal(prop(s, KC_P_DEFAULT, 0)->menu, e2);
	assert_string_equal(prop(s, KC_P_DEFAULT, 0)->file, "sub/Kconfig");
	assert_int_equal(prop(s, KC_P_DEFAULT, 0)->line, 2);
	assert_string_equal(pr(prop(s, KC_P_DEFAULT, 0)->visible), "B && B");
	/* The direct dependency is the OR over the definitions. */
	assert_string_equal(pr(s->dir_dep), "A || B");
	assert_string_equal(pr(sym(f, "T")->rev_dep), "X && B");
	assert_null(e2->prompt);
}

static void test_type_redefinition_warns(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tbool\nconfig A\n\tint\n",
	      "Kconfig:3: warning: ignoring type redefinition of 'A' from 'bool' to 'integer'\n");
	assert_int_equal(sym(f, "A")->type, KC_T_BOOL);
}

static void test_prompt_redefined_warns(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tbool \"one\"\n\tprompt \"two\"\n",
	      "Kconfig:3: warning: prompt redefined\n");
	assert_string_equal(sym(f, "A")->menus->prompt->text, "two");
	assert_int_equal(count_props(sym(f, "A"), KC_P_PROMPT), 2);
}

static void test_prompt_leading_whitespace(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tbool \"  spaced\"\n",
	      "Kconfig:2: warning: leading whitespace ignored\n");
	assert_string_equal(kc_symbol_prompt(sym(f, "A"))->text, "spaced");
}

static void test_no_type_warns(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tprompt \"a\"\n",
	      "Kconfig:1: warning: config symbol 'A' defined without type\n");
	assert_int_equal(sym(f, "A")->type, KC_T_UNKNOWN);
}

static void test_property_type_warnings(void **state)
{
	struct fx *f = *state;

	warns(f,
	      "config I\n\tint\n\tselect B\n"
	      "config B\n\tbool\n\trange 1 2\n"
	      "config C\n\tbool\n\tselect S\n"
	      "config S\n\tstring\n",
	      "Kconfig:3: warning: config symbol 'I' uses select, but is not bool or tristate\n"
	      "Kconfig:6: warning: range is only allowed for int or hex symbols\n"
	      "Kconfig:9: warning: 'S' has wrong type. 'select' only accept arguments of bool and tristate type\n");
}

/* ---- help texts --------------------------------------------------------------- */

static void test_help_text(void **state)
{
	struct fx *f = *state;

	ok(f, "config A\n"
	      "\tbool \"a\"\n"
	      "\thelp\n"
	      "\t  First paragraph,\n"
	      "\t  two lines.\n"
	      "\n"
	      "\t    Indented example.\n"
	      "\n"
	      "\t  Last.\n"
	      "\n"
	      "config B\n"
	      "\tbool \"b\"\n"
	      "\thelp\n"
	      "\t  B help.\n"
	      "\tdefault y\n");
	assert_string_equal(
		sym(f, "A")->menus->help,
		"First paragraph,\ntwo lines.\n\n  Indented example.\n\nLast.\n");
	/* A less indented line ends the text and is read as an attribute. */
	assert_string_equal(sym(f, "B")->menus->help, "B help.\n");
	assert_int_equal(count_props(sym(f, "B"), KC_P_DEFAULT), 1);
	assert_int_equal(prop(sym(f, "B"), KC_P_DEFAULT, 0)->line, 15);
}

static void test_help_blank_and_twice_warn(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tbool\n\thelp\n\nconfig B\n\tbool\n",
	      "Kconfig:5: warning: 'A' defined with blank help text\n");
	assert_string_equal(sym(f, "A")->menus->help, "");
	warns(f, "config A\n\tbool\n\thelp\n\t  one\n\thelp\n\t  two\n",
	      "Kconfig:5: warning: 'A' defined with more than one help text -- only the last one will be used\n");
	assert_string_equal(sym(f, "A")->menus->help, "two\n");
}

/* ---- lexical matters, seen from the parser ------------------------------------------ */

static void test_comments_and_continuations(void **state)
{
	struct fx *f = *state;

	ok(f, "# leading comment\n"
	      "config A # the name\n"
	      "\tbool \"a # not a comment\" # a comment\n"
	      "\tdepends on B && \\\n"
	      "\t\t   C # after the join\n"
	      "\tdefault y\n"
	      "config B\n\tbool\nconfig C\n\tbool\n");
	assert_string_equal(kc_symbol_prompt(sym(f, "A"))->text,
			    "a # not a comment");
	assert_string_equal(pr(sym(f, "A")->menus->dep), "B && C");
	/* Lines count on across the join. */
	assert_int_equal(prop(sym(f, "A"), KC_P_DEFAULT, 0)->line, 6);
}

static void test_quoted_strings(void **state)
{
	struct fx *f = *state;

	ok(f,
	   "config A\n\tstring 'single \"quoted\"'\n\tdefault \"a\\\"b\\\\c\"\n");
	assert_string_equal(kc_symbol_prompt(sym(f, "A"))->text,
			    "single \"quoted\"");
	assert_string_equal(
		prop(sym(f, "A"), KC_P_DEFAULT, 0)->expr->sym[0]->name,
		"a\"b\\c");
	assert_true(prop(sym(f, "A"), KC_P_DEFAULT, 0)->expr->sym[0]->flags &
		    KC_SYM_CONST);
}

static void test_unsupported_character_warns(void **state)
{
	struct fx *f = *state;

	warns(f, "config A\n\tbool \"a\" ;\n",
	      "Kconfig:2:11: warning: ignoring unsupported character ';'\n");
}

static void test_no_newline_at_end(void **state)
{
	struct fx *f = *state;

	/* A sourced file ends in one more end of line: a warning only. */
	write_file(f, "sub/Kconfig", "config A\n\tbool");
	warns(f, "source \"sub/Kconfig\"\nconfig B\n\tbool\n",
	      "sub/Kconfig:2: warning: no new line at end of file\n");
	assert_int_equal(sym(f, "A")->type, KC_T_BOOL);
	/* The top file does not, and a statement needs its end of line. */
	fails(f, "config A\n\tbool",
	      "Kconfig:2: warning: no new line at end of file\n"
	      "Kconfig:2:6: error: syntax error: expected end of line, found end of file\n");
	fails(f, "config A\n\tbool\n\thelp",
	      "Kconfig:3: warning: no new line at end of file\n"
	      "Kconfig:3:6: error: syntax error: expected end of line, found end of file\n");
	fails(f, "menu \"m\"\nendmenu",
	      "Kconfig:2: warning: no new line at end of file\n"
	      "Kconfig:2:8: error: syntax error: expected end of line, found end of file\n");
	fails(f, "source \"sub/Kconfig\"",
	      "Kconfig:1: warning: no new line at end of file\n"
	      "Kconfig:1:21: error: syntax error: expected end of line, found end of file\n");
	/* A help text or a comment may end the file. */
	ok(f, "config A\n\tbool\n\thelp\n\t  text");
	assert_string_equal(sym(f, "A")->menus->help, "text");
	ok(f, "config A\n\tbool\n# the end");
}

/* ---- expressions --------------------------------------------------------------------- */

/* The dependency of config X after "depends on <text>". */
static const char *dep_of(struct fx *f, const char *text)
{
	char *src = kc_xasprintf("config X\n\tbool\n\tdepends on %s\n", text);

	ok(f, src);
	free(src);
	return sx(sym(f, "X")->menus->dep);
}

static void test_operator_precedence(void **state)
{
	struct fx *f = *state;

	/* || is lowest, then &&, then !; comparisons bind tightest. */
	assert_string_equal(dep_of(f, "A || B && C"), "(or A (and B C))");
	assert_string_equal(dep_of(f, "A && B || C"), "(or (and A B) C)");
	assert_string_equal(dep_of(f, "!A && B"), "(and (not A) B)");
	assert_string_equal(dep_of(f, "!A = B"), "(not (= A B))");
	assert_string_equal(dep_of(f, "!(A || B)"), "(not (or A B))");
	assert_string_equal(dep_of(f, "(A || B) && C"), "(and (or A B) C)");
	assert_string_equal(dep_of(f, "A = y || B != \"x\" && C"),
			    "(or (= A y') (and (!= B x') C))");
	assert_string_equal(
		dep_of(f, "A < 1 && B <= C && D > E || F >= G"),
		"(or (and (and (< A 1) (<= B C)) (> D E)) (>= F G))");
	/* Chains associate to the left. */
	assert_string_equal(dep_of(f, "A && B && C"), "(and (and A B) C)");
	assert_string_equal(dep_of(f, "A || B || C"), "(or (or A B) C)");
	assert_string_equal(dep_of(f, "!!A"), "(not (not A))");
	assert_string_equal(dep_of(f, "((A))"), "A");
	/* y, m and n are the constants, quoted or not. */
	assert_string_equal(dep_of(f, "y && \"m\" && n"),
			    "(and (and y' m') n')");
	assert_ptr_equal(sym(f, "X")->menus->dep->sub[0]->sub[1]->sym[0],
			 kc_model_const_mod(f->m));
}

/* ---- m and MODULES ----------------------------------------------------------------- */

static void test_m_means_m_and_modules(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;

	ok(f,
	   "config MODULES\n\tbool \"modules\"\n\tmodules\n"
	   "config A\n\ttristate \"a\" if m || B\n\tdepends on m\n\tdefault m\n"
	   "config B\n\tbool\n");
	assert_ptr_equal(kc_model_modules(f->m), sym(f, "MODULES"));
	assert_true(sym(f, "MODULES")->flags & KC_SYM_MODULES);
	s = sym(f, "A");
	/* As written ... */
	assert_string_equal(pr(s->menus->dep), "m");
	assert_string_equal(pr(prop(s, KC_P_PROMPT, 0)->cond), "m || B");
	/* ... and in the dependencies and visibilities. */
	assert_string_equal(pr(s->menus->dep_all), "m && MODULES");
	assert_string_equal(pr(s->dir_dep), "m && MODULES");
	assert_string_equal(pr(prop(s, KC_P_PROMPT, 0)->visible),
			    "m && MODULES && (m && MODULES || B)");
	/* Values are not rewritten, as in the kernel. */
	assert_string_equal(pr(prop(s, KC_P_DEFAULT, 0)->expr), "m");
	/* Comparisons with m are left alone. */
	assert_string_equal(dep_of(f, "B = m"), "(= B m')");
	assert_string_equal(pr(sym(f, "X")->menus->dep_all), "B=m");
}

static void test_m_without_modules_is_n(void **state)
{
	struct fx *f = *state;

	ok(f, "config A\n\ttristate \"a\"\n\tdepends on m\n");
	assert_ptr_equal(kc_model_modules(f->m), kc_model_const_no(f->m));
	assert_string_equal(pr(sym(f, "A")->menus->dep_all), "m && n");
}

static void test_modules_twice_fails(void **state)
{
	struct fx *f = *state;

	fails(f, "config M1\n\tbool\n\tmodules\nconfig M2\n\tbool\n\tmodules\n",
	      "Kconfig:6:2: error: symbol 'M2' redefines option 'modules' already defined by symbol 'M1'\n");
	/* The same symbol saying it twice is fine. */
	ok(f, "config M1\n\tbool\n\tmodules\nconfig M1\n\tmodules\n");
	assert_ptr_equal(kc_model_modules(f->m), sym(f, "M1"));
}

/* ---- menus, comments, if blocks ---------------------------------------------------- */

static void test_menu_depends_and_visible_if(void **state)
{
	struct fx *f = *state;
	struct kc_menu *menu;
	struct kc_symbol *a;

	ok(f, "menu \"Outer\"\n" /* 1 */
	      "\tdepends on D1\n"
	      "\tvisible if V1\n"
	      "\tdepends on D2\n"
	      "\tvisible if V2\n" /* 5 */
	      "config A\n\tbool \"a\" if C\n\tdefault y\n"
	      "menu \"Inner\"\n" /* 9 */
	      "\tvisible if m\n"
	      "config B\n\tbool \"b\"\n"
	      "endmenu\n" /* 13 */
	      "endmenu\n" /* 14 */
	      "config MODULES\n\tbool\n\tmodules\n"
	      "config D1\n\tbool\nconfig D2\n\tbool\n"
	      "config V1\n\tbool\nconfig V2\n\tbool\nconfig C\n\tbool\n");
	menu = kc_model_root(f->m)->list;
	assert_int_equal(menu->kind, KC_M_MENU);
	assert_null(menu->sym);
	assert_string_equal(menu->prompt->text, "Outer");
	assert_int_equal(menu->prompt->kind, KC_P_MENU);
	assert_int_equal(menu->line, 1);
	assert_int_equal(menu->end_line, 14);
	assert_string_equal(pr(menu->dep), "D1 && D2");
	assert_string_equal(pr(menu->visibility), "V1 && V2");
	assert_string_equal(children(menu), "config:A menu:Inner");
	assert_int_equal(menu->list->next->end_line, 13);
	assert_string_equal(pr(menu->list->next->visibility), "m");

	a = sym(f, "A");
	assert_ptr_equal(a->menus->parent, menu);
	assert_string_equal(pr(a->menus->dep_all), "D1 && D2");
	assert_string_equal(pr(a->dir_dep), "D1 && D2");
	/* A prompt also takes the "visible if" of its menus ... */
	assert_string_equal(pr(prop(a, KC_P_PROMPT, 0)->visible),
			    "D1 && D2 && C && V1 && V2");
	assert_string_equal(pr(prop(a, KC_P_PROMPT, 0)->cond), "C");
	/* ... other properties do not. */
	assert_string_equal(pr(prop(a, KC_P_DEFAULT, 0)->visible), "D1 && D2");
	/* Inner first, then outer; 'm' read as 'm && MODULES'. */
	assert_string_equal(pr(prop(sym(f, "B"), KC_P_PROMPT, 0)->visible),
			    "D1 && D2 && m && MODULES && V1 && V2");
	assert_string_equal(pr(sym(f, "B")->dir_dep), "D1 && D2");
	/* The menu's own title is not limited by its own "visible if". */
	assert_string_equal(pr(menu->prompt->visible), "D1 && D2");
}

static void test_comment_entry(void **state)
{
	struct fx *f = *state;
	struct kc_menu *c;

	ok(f, "comment \"Say Y below\"\n\tdepends on A\n\tdepends on B\n"
	      "config A\n\tbool\nconfig B\n\tbool\n");
	c = kc_model_root(f->m)->list;
	assert_int_equal(c->kind, KC_M_COMMENT);
	assert_null(c->sym);
	assert_int_equal(c->prompt->kind, KC_P_COMMENT);
	assert_string_equal(c->prompt->text, "Say Y below");
	assert_string_equal(pr(c->dep), "A && B");
	assert_string_equal(pr(c->prompt->visible), "A && B");
}

static void test_if_blocks(void **state)
{
	struct fx *f = *state;
	struct kc_menu *root;

	ok(f,
	   "if A\n"
	   "config X\n\tbool \"x\"\n\tdepends on B\n"
	   "if C || D\n"
	   "config Y\n\tbool \"y\"\n"
	   "endif\n"
	   "comment \"in if\"\n"
	   "endif\n"
	   "config Z\n\tbool\n"
	   "config A\n\tbool\nconfig B\n\tbool\nconfig C\n\tbool\nconfig D\n\tbool\n");
	/* Entries inherit the condition of every enclosing if ... */
	assert_string_equal(pr(sym(f, "X")->menus->dep), "B");
	assert_string_equal(pr(sym(f, "X")->menus->dep_all), "A && B");
	assert_string_equal(pr(sym(f, "Y")->menus->dep_all), "A && (C || D)");
	assert_string_equal(pr(sym(f, "X")->dir_dep), "A && B");
	assert_string_equal(pr(prop(sym(f, "Y"), KC_P_PROMPT, 0)->visible),
			    "A && (C || D)");
	assert_null(sym(f, "Z")->dir_dep);
	/* ... and after finalisation the if blocks are flattened. */
	root = kc_model_root(f->m);
	assert_string_equal(children(root),
			    "if config:X if config:Y comment:in if config:Z "
			    "config:A config:B config:C config:D");
	assert_null(root->list->list);
	assert_string_equal(pr(root->list->dep), "A");
	assert_int_equal(root->list->end_line, 10);
	assert_string_equal(pr(root->list->next->next->dep), "C || D");
	assert_ptr_equal(sym(f, "Y")->menus->parent, root);
}

static void test_if_inside_menu_keeps_menu_parent(void **state)
{
	struct fx *f = *state;
	struct kc_menu *menu;

	ok(f, "menu \"M\"\nif A\nconfig X\n\tbool \"x\"\nendif\nendmenu\n"
	      "config A\n\tbool\n");
	menu = kc_model_root(f->m)->list;
	assert_string_equal(children(menu), "if config:X");
	assert_ptr_equal(sym(f, "X")->menus->parent, menu);
}

/* ---- choices ----------------------------------------------------------------------- */

static void test_choice(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *c, *a, *b;
	struct kc_menu *e;

	ok(f, "choice\n"
	      "\tprompt \"Pick one\"\n"
	      "\tdepends on D\n"
	      "\tdefault B if E\n"
	      "\tdefault A\n"
	      "\thelp\n"
	      "\t  Choose.\n"
	      "config A\n\tbool \"a\"\n"
	      "config B\n\tbool \"b\"\n\tdepends on F\n"
	      "endchoice\n"
	      "config D\n\tbool\nconfig E\n\tbool\nconfig F\n\tbool\n");
	a = sym(f, "A");
	b = sym(f, "B");
	c = a->choice;
	assert_non_null(c);
	assert_ptr_equal(b->choice, c);
	assert_null(c->name);
	assert_true(c->flags & KC_SYM_CHOICE);
	assert_false(c->flags & (KC_SYM_OPTIONAL | KC_SYM_DEFINED));
	assert_int_equal(c->type, KC_T_BOOL);
	assert_int_equal(c->n_members, 2);
	assert_ptr_equal(c->members[0], a);
	assert_ptr_equal(c->members[1], b);
	assert_true(a->flags & KC_SYM_CHOICEVAL);
	assert_true(b->flags & KC_SYM_CHOICEVAL);
	e = c->menus;
	assert_int_equal(e->kind, KC_M_CHOICE);
	assert_int_equal(e->line, 1);
	assert_int_equal(e->end_line, 13);
	assert_string_equal(e->help, "Choose.");
	assert_string_equal(e->prompt->text, "Pick one");
	assert_string_equal(pr(e->dep), "D");
	assert_string_equal(children(e), "config:A config:B");
	assert_int_equal(count_props(c, KC_P_DEFAULT), 2);
	assert_string_equal(sx(prop(c, KC_P_DEFAULT, 0)->expr), "B");
	assert_string_equal(pr(prop(c, KC_P_DEFAULT, 0)->cond), "E");
	assert_string_equal(sx(prop(c, KC_P_DEFAULT, 1)->expr), "A");
	/* Members depend through the choice; they get no direct dependency. */
	assert_string_equal(pr(b->menus->dep_all), "D && F");
	assert_null(a->dir_dep);
	assert_null(b->dir_dep);
	assert_null(c->dir_dep);
	assert_ptr_equal(a->menus->parent, e);
	/* Choices are listed with the symbols, in order of appearance. */
	assert_ptr_equal(kc_model_symbol(f->m, 0), c);
	assert_int_equal(c->id, 0);
}

static void test_choice_optional_named_tristate_of_old_trees(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *c;

	ok(f, "choice OLD_NAME\n"
	      "\ttristate \"Old style\"\n"
	      "\toptional\n"
	      "config A\n\ttristate \"a\"\n"
	      "config B\n\tprompt \"b\"\n"
	      "endchoice\n");
	c = sym(f, "A")->choice;
	assert_non_null(c);
	assert_true(c->flags & KC_SYM_OPTIONAL);
	assert_int_equal(c->type, KC_T_TRISTATE);
	/* An untyped member takes the choice's type. */
	assert_int_equal(sym(f, "B")->type, KC_T_TRISTATE);
	assert_int_equal(c->n_members, 2);
	/* The name of a named choice is not a symbol. */
	assert_null(kc_model_lookup(f->m, "OLD_NAME"));
}

static void test_choice_type_from_first_member(void **state)
{
	struct fx *f = *state;

	ok(f, "choice\n\tprompt \"c\"\nconfig A\n\tprompt \"a\"\n"
	      "config B\n\ttristate \"b\"\nendchoice\n");
	assert_int_equal(sym(f, "A")->choice->type, KC_T_TRISTATE);
	assert_int_equal(sym(f, "A")->type, KC_T_TRISTATE);
}

static void test_choice_with_if_and_comment(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *c;

	ok(f, "choice\n\tprompt \"c\"\n"
	      "comment \"members:\"\n"
	      "if X\nconfig A\n\tbool \"a\"\nendif\n"
	      "config B\n\tbool \"b\"\n"
	      "endchoice\nconfig X\n\tbool\n");
	c = sym(f, "A")->choice;
	assert_int_equal(c->n_members, 2);
	assert_ptr_equal(c->members[0], sym(f, "A"));
	assert_string_equal(children(c->menus),
			    "comment:members: if config:A config:B");
	assert_string_equal(pr(sym(f, "A")->menus->dep_all), "X");
	/* Inside an if, a member gets the kernel's direct dependency. */
	assert_string_equal(pr(sym(f, "A")->dir_dep), "X");
	assert_null(sym(f, "B")->dir_dep);
}

static void test_choice_member_twice_counted_once(void **state)
{
	struct fx *f = *state;

	ok(f, "choice\n\tprompt \"c\"\nconfig A\n\tbool \"a\"\n"
	      "config A\n\tprompt \"again\"\nendchoice\n");
	assert_int_equal(sym(f, "A")->choice->n_members, 1);
}

static void test_choice_errors(void **state)
{
	struct fx *f = *state;

	fails(f, "choice\nconfig A\n\tbool \"a\"\nendchoice\n",
	      "Kconfig:1: error: choice must have a prompt\n");
	fails(f, "choice\n\tprompt \"c\"\nconfig A\n\tint \"a\"\nendchoice\n",
	      "Kconfig:3: error: choice member 'A' must be bool\n");
	fails(f, "choice\n\tprompt \"c\"\nconfig A\n\tbool\nendchoice\n",
	      "Kconfig:3: error: choice member 'A' must have a prompt\n");
	fails(f, "choice\n\tint \"c\"\nendchoice\n",
	      "Kconfig:2:2: error: a choice is bool or tristate, not int\n"
	      "Kconfig:1: error: choice must have a prompt\n");
	fails(f, "choice\n\tprompt \"c\"\nmenu \"m\"\nendmenu\nendchoice\n",
	      "Kconfig:3:1: error: 'menu' is not allowed inside a choice\n"
	      "Kconfig:4:1: error: 'endmenu' does not close the choice at Kconfig:1\n"
	      "Kconfig:5:1: error: 'endchoice' without a matching start\n");
}

/* ---- source and mainmenu ------------------------------------------------------------ */

static void test_source_relative_to_root(void **state)
{
	struct fx *f = *state;

	write_file(f, "a/Kconfig",
		   "config IN_A\n\tbool\nsource \"b/Kconfig\"\n");
	write_file(f, "b/Kconfig", "config IN_B\n\tbool\n");
	write_file(f, "a/b/Kconfig", "config WRONG\n\tbool\n");
	ok(f, "source \"a/Kconfig\"\nconfig TOP\n\tbool\n");
	assert_non_null(kc_model_lookup(f->m, "IN_B"));
	assert_null(kc_model_lookup(f->m, "WRONG"));
	assert_int_equal(kc_model_file_count(f->m), 3);
	assert_string_equal(kc_model_file(f->m, 0), "Kconfig");
	assert_string_equal(kc_model_file(f->m, 1), "a/Kconfig");
	assert_string_equal(kc_model_file(f->m, 2), "b/Kconfig");
	assert_null(kc_model_file(f->m, 3));
	assert_string_equal(sym(f, "IN_B")->menus->file, "b/Kconfig");
	assert_string_equal(sym(f, "TOP")->menus->file, "Kconfig");
	assert_int_equal(sym(f, "TOP")->menus->line, 2);
	/* Reading a file twice lists it once. */
	ok(f, "source \"b/Kconfig\"\nsource \"b/Kconfig\"\n");
	assert_int_equal(kc_model_file_count(f->m), 2);
}

static void test_source_path_from_macro(void **state)
{
	struct fx *f = *state;

	write_file(f, "arch/x86/Kconfig", "config X86\n\tdef_bool y\n");
	ok(f, "source \"arch/$(SRCARCH)/Kconfig\"\n");
	assert_string_equal(sym(f, "X86")->menus->file, "arch/x86/Kconfig");
}

static void test_mainmenu(void **state)
{
	struct fx *f = *state;
	struct kc_menu *root;

	ok(f,
	   "mainmenu \"Linux/$(ARCH) Kernel Configuration\"\nconfig A\n\tbool\n");
	root = kc_model_root(f->m);
	assert_int_equal(root->kind, KC_M_ROOT);
	assert_string_equal(root->prompt->text,
			    "Linux/x86_64 Kernel Configuration");
	assert_int_equal(root->prompt->kind, KC_P_MENU);
	assert_ptr_equal(sym(f, "A")->menus->parent, root);

	ok(f, "config A\n\tbool\n");
	assert_string_equal(kc_model_root(f->m)->prompt->text, "Main menu");

	fails(f, "config A\n\tbool\nmainmenu \"late\"\n",
	      "Kconfig:3:1: error: 'mainmenu' must come before any other statement\n");
}

/* ---- macros --------------------------------------------------------------------------- */

static void test_macros_in_words_and_strings(void **state)
{
	struct fx *f = *state;

	ok(f, "PREFIX := MY\n"
	      "late = $(WHEN)\n"
	      "WHEN := early\n"
	      "WHEN := now\n"
	      "list := a\n"
	      "list += b\n"
	      "greet = hello-$(1)-$(2)\n"
	      "config $(PREFIX)_SYM\n"
	      "\tbool \"$(late) [$(list)] $(greet,x,y) $(ARCH)\"\n"
	      "\tdepends on $(PREFIX)_OTHER\n"
	      "config MY_OTHER\n\tbool\n");
	assert_string_equal(kc_symbol_prompt(sym(f, "MY_SYM"))->text,
			    "now [a b] hello-x-y x86_64");
	assert_string_equal(pr(sym(f, "MY_SYM")->menus->dep), "MY_OTHER");
	assert_null(kc_model_lookup(f->m, "PREFIX"));
	/* The environment variables read end up in the model. */
	assert_int_equal(kc_model_env_count(f->m), 1);
	{
		const char *name, *value;

		kc_model_env(f->m, 0, &name, &value);
		assert_string_equal(name, "ARCH");
		assert_string_equal(value, "x86_64");
	}
}

static void test_macro_messages(void **state)
{
	struct fx *f = *state;

	ok(f, "$(info,hello)\n"
	      "$(warning-if,y,careful)\n"
	      "$(warning-if,n,silent)\n"
	      "config A\n\tbool\n");
	assert_string_equal(
		kc_buf_str(&f->msgs),
		"info|Kconfig:1|hello\nwarning|Kconfig:2|careful\n");
}

static void test_unrun_shell_marks_build_machine(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;
	struct kc_property *p;

	ok(f,
	   "CC_VERSION := $(shell,cc --version)\n"
	   "config CC_HAS_X\n\tdef_bool $(shell,echo y)\n"
	   "config VIA_VAR\n\tstring\n\tdefault \"$(CC_VERSION)\"\n"
	   "config IN_DEP\n\tbool \"d\"\n\tdepends on $(shell,true) || A\n"
	   "config IN_IF\n\tbool \"i\" if A\n\tdefault y if $(shell,echo y)\n"
	   "config PLAIN\n\tbool \"p\"\n\tdepends on A\n"
	   "config CC_TEXT\n\tstring\n\tdefault \"$(CC_VERSION_TEXT)\"\n"
	   "config ARCH_TEXT\n\tstring\n\tdefault \"$(ARCH)\"\n"
	   "config A\n\tbool\n");
	s = sym(f, "CC_HAS_X");
	assert_true(s->flags & KC_SYM_BUILD_MACHINE);
	p = prop(s, KC_P_DEFAULT, 0);
	assert_true(p->build_machine);
	/* Unrun, the shell gives "n". */
	assert_string_equal(sx(p->expr), "n'~");
	assert_true(kc_expr_uses_build_machine(p->expr));

	s = sym(f, "VIA_VAR");
	assert_true(s->flags & KC_SYM_BUILD_MACHINE);
	assert_string_equal(sx(prop(s, KC_P_DEFAULT, 0)->expr), "n'~");

	s = sym(f, "IN_DEP");
	assert_true(s->flags & KC_SYM_BUILD_MACHINE);
	assert_string_equal(sx(s->menus->dep), "(or n'~ A)");
	assert_true(prop(s, KC_P_PROMPT, 0)->build_machine);

	s = sym(f, "IN_IF");
	assert_true(s->flags & KC_SYM_BUILD_MACHINE);
	assert_false(prop(s, KC_P_PROMPT, 0)->build_machine);
	assert_true(prop(s, KC_P_DEFAULT, 0)->build_machine);
	assert_false(
		kc_expr_uses_build_machine(prop(s, KC_P_DEFAULT, 0)->expr));

	s = sym(f, "PLAIN");
	assert_false(s->flags & KC_SYM_BUILD_MACHINE);
	assert_false(prop(s, KC_P_PROMPT, 0)->build_machine);

	/* So is an environment variable nobody set; a set one is not. */
	s = sym(f, "CC_TEXT");
	assert_true(s->flags & KC_SYM_BUILD_MACHINE);
	assert_string_equal(sx(prop(s, KC_P_DEFAULT, 0)->expr), "'~");
	s = sym(f, "ARCH_TEXT");
	assert_false(s->flags & KC_SYM_BUILD_MACHINE);
	assert_string_equal(sx(prop(s, KC_P_DEFAULT, 0)->expr), "x86_64'");
}

static void test_recursive_macro_fails(void **state)
{
	struct fx *f = *state;

	fails(f, "X = $(Y)\nY = $(X)\nconfig $(X)\n\tbool\n",
	      "Kconfig:3: error: Recursive variable 'X' references itself (eventually)\n");
}

static void test_error_if_fails(void **state)
{
	struct fx *f = *state;

	fails(f,
	      "config A\n\tbool\n$(error-if,y,compiler too old)\nconfig B\n\tbool\n",
	      "Kconfig:3: error: compiler too old\n");
	ok(f, "$(error-if,n,not shown)\nconfig A\n\tbool\n");
}

/* ---- newer syntax: transitional, depends on A if B ------------------------------------ */

static void test_transitional(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *s;

	ok(f,
	   "config OLD_NAME\n\tbool\n\ttransitional\n\thelp\n\t  Now NEW_NAME.\n"
	   "config NEW_NAME\n\tbool \"new\"\n\tdefault OLD_NAME\n");
	s = sym(f, "OLD_NAME");
	assert_true(s->flags & KC_SYM_TRANSITIONAL);
	assert_false(sym(f, "NEW_NAME")->flags & KC_SYM_TRANSITIONAL);
	assert_null(s->props);
	/* Help ending at a line in column 0 keeps no final newline. */
	assert_string_equal(s->menus->help, "Now NEW_NAME.");
}

static void test_transitional_errors(void **state)
{
	struct fx *f = *state;

	fails(f,
	      "config T\n" /* 1 */
	      "\ttransitional\n"
	      "\tbool \"visible\"\n"
	      "\tdefault y\n"
	      "\tselect S\n" /* 5 */
	      "\timply I\n"
	      "\trange 1 2\n"
	      "\tdepends on D\n"
	      "config S\n\tbool\nconfig I\n\tbool\nconfig D\n\tbool\n",
	      "Kconfig:1: error: transitional symbol 'T' cannot have dependencies\n"
	      "Kconfig:3: error: transitional symbol 'T' cannot have a prompt\n"
	      "Kconfig:4: error: transitional symbol 'T' cannot have a default\n"
	      "Kconfig:5: error: transitional symbol 'T' cannot have a select\n"
	      "Kconfig:6: error: transitional symbol 'T' cannot have a imply\n"
	      "Kconfig:7: error: transitional symbol 'T' cannot have a range\n");
	fails(f, "config T\n\ttransitional\n",
	      "Kconfig:1: error: transitional symbol 'T' must have a type\n");
}

static void test_depends_on_if(void **state)
{
	struct fx *f = *state;
	const struct kc_expr *d;

	ok(f, "config X\n\tbool \"x\"\n\tdepends on A if B\n"
	      "config A\n\tbool\nconfig B\n\tbool\n");
	d = sym(f, "X")->menus->dep;
	/* ((B != n) && A) || (B = n), with A first. */
	assert_string_equal(pr(d), "A && B!=n || B=n");
	assert_string_equal(sx(d), "(or (and A (!= B n')) (= B n'))");
	assert_ptr_equal(d->sub[1]->sym[1], kc_model_const_no(f->m));
	assert_ptr_equal(d->sub[0]->sub[1]->sym[0], sym(f, "B"));

	/* The condition is pushed through !, && and ||. */
	assert_string_equal(
		dep_of(f, "A if B && !C"),
		"(or (and A (and (!= B n') (!= C y'))) (or (= B n') (= C y')))");
	assert_string_equal(
		dep_of(f, "A if B || C = D"),
		"(or (and A (or (!= B n') (= C D))) (and (= B n') (!= C D)))");
	/* It ANDs with the other "depends on" lines. */
	assert_string_equal(dep_of(f, "P\n\tdepends on A if B"),
			    "(and P (or (and A (!= B n')) (= B n')))");
}

/* ---- the old 'option' forms ---------------------------------------------------------- */

static void test_old_options(void **state)
{
	struct fx *f = *state;

	ok(f, "config DEFCONFIG_LIST\n\tstring\n\toption defconfig_list\n"
	      "\tdefault \"/boot/config\"\n"
	      "config MODS\n\tbool \"m\"\n\toption modules\n"
	      "config EMBEDDED\n\tbool\n\toption allnoconfig_y\n"
	      "config HOME_DIR\n\tstring\n\toption env=\"HOME\"\n");
	assert_true(sym(f, "DEFCONFIG_LIST")->flags & KC_SYM_DEFCONFIG_LIST);
	assert_ptr_equal(kc_model_modules(f->m), sym(f, "MODS"));
	assert_true(sym(f, "MODS")->flags & KC_SYM_MODULES);
	assert_true(sym(f, "EMBEDDED")->flags & KC_SYM_ALLNOCONFIG_Y);
	assert_string_equal(sym(f, "HOME_DIR")->env, "HOME");
	assert_null(sym(f, "MODS")->env);

	fails(f, "config A\n\tbool\n\toption frobnicate\n",
	      "Kconfig:3:9: error: syntax error: expected modules, defconfig_list, allnoconfig_y or env, found 'frobnicate'\n");
	fails(f, "config A\n\tstring\n\toption env HOME\n",
	      "Kconfig:3:13: error: syntax error: expected '=' after 'option env', found 'HOME'\n");
}

/* ---- symbols and flags -------------------------------------------------------------- */

static void test_referenced_and_defined(void **state)
{
	struct fx *f = *state;

	ok(f, "config A\n\tbool\n\tselect T\n"
	      "config B\n\tbool\n\tdepends on A\n"
	      "config C\n\tbool\n\tdefault UNDEF\n");
	/* Defined, used by nobody. */
	assert_true(sym(f, "C")->flags & KC_SYM_DEFINED);
	assert_false(sym(f, "C")->flags & KC_SYM_REFERENCED);
	assert_false(sym(f, "B")->flags & KC_SYM_REFERENCED);
	/* Used in an expression. */
	assert_true(sym(f, "A")->flags & KC_SYM_REFERENCED);
	assert_true(sym(f, "T")->flags & KC_SYM_REFERENCED);
	/* Referenced, never defined. */
	assert_true(sym(f, "UNDEF")->flags & KC_SYM_REFERENCED);
	assert_false(sym(f, "UNDEF")->flags & KC_SYM_DEFINED);
	assert_false(sym(f, "T")->flags & KC_SYM_DEFINED);
	assert_int_equal(sym(f, "T")->type, KC_T_UNKNOWN);
	assert_null(sym(f, "T")->menus);
}

static void test_symbol_order_and_ids(void **state)
{
	struct fx *f = *state;
	size_t i, n;

	ok(f, "config B\n\tbool\n\tdepends on A\nconfig A\n\tbool\n"
	      "choice\n\tprompt \"c\"\nconfig C\n\tbool \"c\"\nendchoice\n");
	n = kc_model_symbol_count(f->m);
	assert_int_equal(n, 4);
	assert_string_equal(kc_model_symbol(f->m, 0)->name, "B");
	assert_string_equal(kc_model_symbol(f->m, 1)->name, "A");
	assert_true(kc_model_symbol(f->m, 2)->flags & KC_SYM_CHOICE);
	assert_string_equal(kc_model_symbol(f->m, 3)->name, "C");
	assert_null(kc_model_symbol(f->m, 4));
	for (i = 0; i < n; i++)
		assert_int_equal(kc_model_symbol(f->m, i)->id, i);
	/* Constants are not listed. */
	assert_null(kc_model_lookup(f->m, "y"));
}

/* ---- errors --------------------------------------------------------------------------- */

static void test_recursive_source_fails(void **state)
{
	struct fx *f = *state;

	fails(f, "config A\n\tbool\nsource \"Kconfig\"\n",
	      "Kconfig:3: error: recursive inclusion of \"Kconfig\"\n"
	      "  included from Kconfig:3\n");

	write_file(f, "a/Kconfig", "config A\n\tbool\nsource \"b/Kconfig\"\n");
	write_file(f, "b/Kconfig", "\nsource \"a/Kconfig\"\n");
	fails(f, "source \"a/Kconfig\"\n",
	      "b/Kconfig:2: error: recursive inclusion of \"a/Kconfig\"\n"
	      "  included from b/Kconfig:2\n"
	      "  included from a/Kconfig:3\n"
	      "  included from Kconfig:1\n");
}

static void test_missing_files_fail(void **state)
{
	struct fx *f = *state;

	fails(f, "config A\n\tbool\nsource \"drivers/nosuch/Kconfig\"\n",
	      "Kconfig:3: error: can't open file \"drivers/nosuch/Kconfig\": No such file or directory\n");
	f->opt.top = "Kconfig.nosuch";
	assert_null(parse(f));
	assert_string_equal(
		diags(f),
		"Kconfig.nosuch: error: can't open file: No such file or directory\n");
	f->opt.top = NULL;
}

static void test_source_directory_fails(void **state)
{
	struct fx *f = *state;

	write_file(f, "sub/Kconfig", "");
	fails(f, "source \"sub\"\n",
	      "Kconfig:1: error: can't open file \"sub\": is a directory\n");
}

static void test_nul_byte_fails(void **state)
{
	struct fx *f = *state;

	write_bytes(f, "sub/Kconfig", "config A\n\tbool \"a\0\"\n", 20);
	fails(f, "source \"sub/Kconfig\"\n",
	      "sub/Kconfig:2:9: error: file contains a NUL byte: not a Kconfig file\n");
}

static void test_unterminated_blocks_fail(void **state)
{
	struct fx *f = *state;

	fails(f, "if A\nconfig B\n\tbool\n",
	      "Kconfig:1: error: missing 'endif' for this entry\n");
	fails(f, "config X\n\tbool\nmenu \"M\"\nconfig B\n\tbool\n",
	      "Kconfig:3: error: missing 'endmenu' for this entry\n");
	fails(f, "choice\n\tprompt \"c\"\nconfig B\n\tbool \"b\"\n",
	      "Kconfig:1: error: missing 'endchoice' for this entry\n");
	/* Each open block is reported, innermost first. */
	fails(f, "menu \"M\"\nif A\n",
	      "Kconfig:2: error: missing 'endif' for this entry\n"
	      "Kconfig:1: error: missing 'endmenu' for this entry\n");
	/* A block must end in the file it starts in. */
	write_file(f, "sub/Kconfig", "if A\n");
	fails(f, "source \"sub/Kconfig\"\nendif\n",
	      "Kconfig:2:1: error: 'endif' in a different file than its start\n");
}

static void test_mismatched_end_fails(void **state)
{
	struct fx *f = *state;

	fails(f, "menu \"M\"\nconfig B\n\tbool\nendif\n",
	      "Kconfig:4:1: error: 'endif' does not close the menu at Kconfig:1\n");
	fails(f, "config A\n\tbool\nendmenu\n",
	      "Kconfig:3:1: error: 'endmenu' without a matching start\n");
	fails(f, "if A\nendchoice\n",
	      "Kconfig:2:1: error: 'endchoice' does not close the if at Kconfig:1\n");
}

static void test_unknown_statements_fail(void **state)
{
	struct fx *f = *state;

	fails(f, "config A\n\tbool\n\tdefualt y\nconfig B\n\tbool\n",
	      "Kconfig:3:2: error: unknown statement \"defualt\"\n");
	fails(f, "frobnicate A B\n",
	      "Kconfig:1:1: error: unknown statement \"frobnicate\"\n");
	/* Indentation does not matter (outside help texts) ... */
	ok(f, "config A\nbool\n");
	assert_int_equal(sym(f, "A")->type, KC_T_BOOL);
	/* ... but an attribute needs an entry. */
	fails(f, "bool\n",
	      "Kconfig:1:1: error: invalid statement: unexpected bool\n");
	fails(f, "config A\n\tbool\n\tdepends A\n",
	      "Kconfig:3:10: error: syntax error: expected 'on' after 'depends', found 'A'\n");
	fails(f, "config \"A\"\n\tbool\n",
	      "Kconfig:1:8: error: syntax error: expected a symbol name, found \"A\"\n"
	      "Kconfig:2:2: error: invalid statement: unexpected bool\n");
	fails(f, "config y\n",
	      "Kconfig:1:1: error: 'y' is a constant, not a symbol name\n");
	fails(f, "config A\n\tbool\n\tselect \"B\"\n",
	      "Kconfig:3:9: error: syntax error: expected a symbol name, found \"B\"\n");
	fails(f, "menu M\nendmenu\n",
	      "Kconfig:1:6: error: syntax error: expected the quoted title of the menu, found 'M'\n"
	      "Kconfig:2:1: error: 'endmenu' without a matching start\n");
	fails(f, "source Kconfig.x\n",
	      "Kconfig:1:8: error: syntax error: expected the quoted path of the file to read, found 'Kconfig'\n"
	      "Kconfig:1:15: warning: ignoring unsupported character '.'\n");
}

static void test_bad_expressions_fail(void **state)
{
	struct fx *f = *state;

	fails(f, "config A\n\tbool\n\tdepends on B &&\n",
	      "Kconfig:3:17: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line\n");
	fails(f, "config A\n\tbool\n\tdepends on (B\n",
	      "Kconfig:3:15: error: syntax error: expected ')', found end of line\n");
	fails(f, "config A\n\tbool\n\tdepends on B C\n",
	      "Kconfig:3:15: error: syntax error: expected end of line, found 'C'\n");
	fails(f, "config A\n\tbool\n\tdepends on B && ) || C\n",
	      "Kconfig:3:18: error: syntax error: expected a symbol, a constant, '!' or '(', found ')'\n");
	fails(f, "config A\n\tbool\n\tdepends on B = (C)\n",
	      "Kconfig:3:17: error: syntax error: expected a symbol or a constant, found '('\n");
	fails(f, "config A\n\tbool\n\tdefault y if\n",
	      "Kconfig:3:14: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line\n");
}

static void test_bad_if_condition_one_error(void **state)
{
	struct fx *f = *state;

	/* The statements after a bad 'if' line are read as usual. */
	fails(f, "if A &&\nconfig B\n\tbool \"b\"\nendif\n",
	      "Kconfig:1:8: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line\n");
}

static void test_deep_nesting_fails(void **state)
{
	struct fx *f = *state;
	struct kc_buf b = KC_BUF_INIT;
	int i;

	kc_buf_adds(&b, "config A\n\tbool\n\tdepends on ");
	for (i = 0; i < 10000; i++)
		kc_buf_addc(&b, '(');
	kc_buf_adds(&b, "B");
	for (i = 0; i < 10000; i++)
		kc_buf_addc(&b, ')');
	kc_buf_adds(&b, "\n");
	fails(f, kc_buf_str(&b),
	      "Kconfig:3:513: error: expression nested too deeply\n");

	kc_buf_reset(&b);
	kc_buf_adds(&b, "if ");
	for (i = 0; i < 10000; i++)
		kc_buf_addc(&b, '!');
	kc_buf_adds(&b, "B\nendif\n");
	fails(f, kc_buf_str(&b),
	      "Kconfig:1:504: error: expression nested too deeply\n");

	/* 500 levels, the leaf included, are fine. */
	kc_buf_reset(&b);
	kc_buf_adds(&b, "config A\n\tbool\n\tdepends on ");
	for (i = 0; i < 498; i++)
		kc_buf_addc(&b, '(');
	kc_buf_adds(&b, "!B");
	for (i = 0; i < 498; i++)
		kc_buf_addc(&b, ')');
	kc_buf_adds(&b, "\n");
	ok(f, kc_buf_str(&b));
	assert_string_equal(pr(sym(f, "A")->menus->dep), "!B");
	kc_buf_free(&b);
}

static void test_deep_block_nesting_fails(void **state)
{
	struct fx *f = *state;
	struct kc_buf b = KC_BUF_INIT;
	int i;

	for (i = 0; i < 100000; i++)
		kc_buf_adds(&b, "if A\n");
	for (i = 0; i < 100000; i++)
		kc_buf_adds(&b, "endif\n");
	fails(f, kc_buf_str(&b),
	      "Kconfig:1001: error: blocks (menu, choice, if) nested more than 1000 deep\n");

	/* 1000 levels are fine. */
	kc_buf_reset(&b);
	for (i = 0; i < 1000; i++)
		kc_buf_adds(&b, i % 2 ? "menu \"m\"\n" : "if B\n");
	kc_buf_adds(&b, "config A\n\tbool \"a\"\n");
	for (i = 1000; i-- > 0;)
		kc_buf_adds(&b, i % 2 ? "endmenu\n" : "endif\n");
	kc_buf_adds(&b, "config B\n\tbool\n");
	ok(f, kc_buf_str(&b));
	assert_int_equal(sym(f, "A")->menus->line, 1001);
	kc_buf_free(&b);
}

/* A chain of one symbol depending on the next, n + 1 symbols long. */
static void write_chain(struct fx *f, int n)
{
	struct kc_buf b = KC_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		kc_buf_addf(&b, "config A%d\n\tbool\n\tdepends on A%d\n", i,
			    i + 1);
	kc_buf_addf(&b, "config A%d\n\tbool\n", n);
	write_file(f, "Kconfig", kc_buf_str(&b));
	kc_buf_free(&b);
}

static void test_long_dependency_chain_fails(void **state)
{
	struct fx *f = *state;

	write_chain(f, 10000);
	assert_null(parse(f));
	assert_string_equal(
		diags(f),
		"Kconfig:30001: error: dependencies nested more than 10000 symbols deep at 'A10000'\n");
	write_chain(f, 9999);
	assert_non_null(parse(f));
	assert_string_equal(diags(f), "");
	write_chain(f, 200000);
	assert_null(parse(f));
	assert_int_equal(f->d.errors, 1);
}

static void test_long_source_chain_fails(void **state)
{
	struct fx *f = *state;
	char name[32], text[64];
	int i;

	for (i = 1; i < 300; i++) {
		snprintf(name, sizeof(name), "k/%d", i);
		snprintf(text, sizeof(text),
			 "config C%d\n\tbool\nsource \"k/%d\"\n", i, i + 1);
		write_file(f, name, text);
	}
	write_file(f, "k/300", "config LAST\n\tbool\n");
	fails(f, "source \"k/1\"\n",
	      "k/199:3: error: 'source' nested more than 200 deep\n");
	/* 199 levels under the top file are fine. */
	write_file(f, "k/199", "config C199\n\tbool\n");
	ok(f, "source \"k/1\"\n");
	assert_int_equal(kc_model_file_count(f->m), 200);
}

static void test_too_many_errors_stop(void **state)
{
	struct fx *f = *state;
	struct kc_buf b = KC_BUF_INIT;
	int i;

	for (i = 0; i < 500; i++)
		kc_buf_adds(&b, "oops\n");
	write_file(f, "Kconfig", kc_buf_str(&b));
	assert_null(parse(f));
	assert_int_equal(f->d.errors, 101);
	assert_string_equal(f->d.items[99].message,
			    "unknown statement \"oops\"");
	assert_string_equal(f->d.items[100].message,
			    "too many errors, giving up");
	kc_buf_free(&b);
}

/* ---- kc_parse_expr --------------------------------------------------------------------- */

static void test_parse_expr(void **state)
{
	struct fx *f = *state;
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_expr *e;
	struct kc_buf b = KC_BUF_INIT;

	ok(f, "config VFIO\n\ttristate \"v\"\n");
	e = kc_parse_expr(f->m, "VFIO = m && !(IOMMUFD || \"x\")",
			  "rules/r.yaml", 10, 5, &d);
	assert_non_null(e);
	assert_int_equal(d.len, 0);
	assert_string_equal(sx(e), "(and (= VFIO m') (not (or IOMMUFD x')))");
	/* Symbols are interned in the model. */
	assert_ptr_equal(e->sub[0]->sym[0], sym(f, "VFIO"));
	assert_false(sym(f, "IOMMUFD")->flags & KC_SYM_DEFINED);

	/* Columns are shifted to where the text starts. */
	assert_null(kc_parse_expr(f->m, "A &&", "rules/r.yaml", 10, 5, &d));
	assert_null(kc_parse_expr(f->m, "A B", "rules/r.yaml", 11, 1, &d));
	assert_null(kc_parse_expr(f->m, "(A", NULL, 0, 0, &d));
	assert_int_equal(d.errors, 3);
	kc_diag_format(&d.items[0], &b);
	assert_string_equal(
		kc_buf_str(&b),
		"rules/r.yaml:10:9: error: syntax error: expected a symbol, a constant, '!' or '(', found end of line");
	kc_buf_reset(&b);
	kc_diag_format(&d.items[1], &b);
	assert_string_equal(
		kc_buf_str(&b),
		"rules/r.yaml:11:3: error: syntax error: expected the end of the expression, found 'B'");
	kc_buf_reset(&b);
	kc_diag_format(&d.items[2], &b);
	assert_string_equal(
		kc_buf_str(&b),
		"error: syntax error: expected ')', found end of line");
	kc_buf_free(&b);
	kc_diags_free(&d);
}

/* ---- the "full" fixture ---------------------------------------------------------------- */

static void test_full_fixture(void **state)
{
	struct fx *f = *state;
	struct kc_symbol *feat, *c;
	struct kc_menu *root;

	f->root = KC_TEST_FIXTURES "/full";
	assert_non_null(parse(f));
	assert_string_equal(diags(f), "");
	root = kc_model_root(f->m);
	assert_string_equal(root->prompt->text, "Fixture: every statement");
	assert_ptr_equal(kc_model_modules(f->m), sym(f, "MODULES"));
	assert_int_equal(kc_model_file_count(f->m), 3);
	assert_string_equal(kc_model_file(f->m, 2), "drivers/more.kconfig");
	assert_string_equal(
		children(root),
		"config:MODULES config:EXPERT menuconfig:DRIVERS if "
		"config:DRIVER_NAME config:DRIVER_BASE config:DRIVER_EXTRA "
		"menu:Options choice:Mode comment:Helpers below if "
		"config:HELPER config:SUGGESTED");

	feat = sym(f, "FEATURE");
	assert_int_equal(feat->type, KC_T_TRISTATE);
	assert_string_equal(feat->menus->help,
			    "The feature.\n\nSecond paragraph.\n");
	assert_string_equal(pr(prop(feat, KC_P_PROMPT, 0)->visible),
			    "MODULES && EXPERT && EXPERT");
	assert_string_equal(pr(sym(f, "HELPER")->rev_dep),
			    "FEATURE && MODULES && FEATURE=y");
	assert_string_equal(pr(sym(f, "SUGGESTED")->implied),
			    "FEATURE && MODULES");
	assert_string_equal(pr(sym(f, "SUGGESTED")->dir_dep), "FEATURE");
	assert_string_equal(pr(sym(f, "DRIVER_EXTRA")->dir_dep),
			    "DRIVERS && (!EXPERT || MODULES)");
	assert_int_equal(sym(f, "DRIVER_EXTRA")->type, KC_T_TRISTATE);
	assert_int_equal(sym(f, "DRIVER_BASE")->type, KC_T_HEX);
	assert_int_equal(sym(f, "DRIVER_NAME")->type, KC_T_STRING);
	assert_int_equal(sym(f, "LEVEL")->type, KC_T_INT);
	c = sym(f, "MODE_FAST")->choice;
	assert_int_equal(c->n_members, 2);
	assert_string_equal(sx(prop(c, KC_P_DEFAULT, 0)->expr), "MODE_FAST");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_config_every_attribute),
		T(test_types_and_prompts),
		T(test_def_bool_def_tristate),
		T(test_range),
		T(test_menuconfig),
		T(test_multiple_definitions),
		T(test_type_redefinition_warns),
		T(test_prompt_redefined_warns),
		T(test_prompt_leading_whitespace),
		T(test_no_type_warns),
		T(test_property_type_warnings),
		T(test_help_text),
		T(test_help_blank_and_twice_warn),
		T(test_comments_and_continuations),
		T(test_quoted_strings),
		T(test_unsupported_character_warns),
		T(test_no_newline_at_end),
		T(test_operator_precedence),
		T(test_m_means_m_and_modules),
		T(test_m_without_modules_is_n),
		T(test_modules_twice_fails),
		T(test_menu_depends_and_visible_if),
		T(test_comment_entry),
		T(test_if_blocks),
		T(test_if_inside_menu_keeps_menu_parent),
		T(test_choice),
		T(test_choice_optional_named_tristate_of_old_trees),
		T(test_choice_type_from_first_member),
		T(test_choice_with_if_and_comment),
		T(test_choice_member_twice_counted_once),
		T(test_choice_errors),
		T(test_source_relative_to_root),
		T(test_source_path_from_macro),
		T(test_mainmenu),
		T(test_macros_in_words_and_strings),
		T(test_macro_messages),
		T(test_unrun_shell_marks_build_machine),
		T(test_recursive_macro_fails),
		T(test_error_if_fails),
		T(test_transitional),
		T(test_transitional_errors),
		T(test_depends_on_if),
		T(test_old_options),
		T(test_referenced_and_defined),
		T(test_symbol_order_and_ids),
		T(test_recursive_source_fails),
		T(test_missing_files_fail),
		T(test_source_directory_fails),
		T(test_nul_byte_fails),
		T(test_unterminated_blocks_fail),
		T(test_mismatched_end_fails),
		T(test_unknown_statements_fail),
		T(test_bad_expressions_fail),
		T(test_bad_if_condition_one_error),
		T(test_deep_nesting_fails),
		T(test_deep_block_nesting_fails),
		T(test_long_dependency_chain_fails),
		T(test_long_source_chain_fails),
		T(test_too_many_errors_stop),
		T(test_parse_expr),
		T(test_full_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
