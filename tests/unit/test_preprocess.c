/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_preprocess.c - the Kconfig macro language (src/frontend/preprocess.c).
 *
 * Covers the rules of Documentation/kbuild/kconfig-macro-language.rst, the
 * behaviours the kernel's scripts/kconfig/tests/preprocess/ checks (with
 * our own inputs), taint propagation, every error message, and the limits
 * that keep hostile input from hanging or exhausting memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "preprocess.h"

struct fx {
	struct kc_parse_options opt;
	struct kc_pp *pp;
	struct kc_diags diags;
	struct kc_buf msgs; /* "I|file|line|text\n" per message */
	struct kc_buf out;
	int getenv_calls;
};

static const char *const test_env[][2] = {
	{ "CC", "gcc" },     { "EMPTY", "" },	     { "SRCARCH", "x86" },
	{ "X", "from-env" }, { "info", "env-info" },
};

static const char *fake_getenv(void *ctx, const char *name)
{
	struct fx *f = ctx;
	size_t i;

	f->getenv_calls++;
	for (i = 0; i < sizeof(test_env) / sizeof(test_env[0]); i++) {
		if (!strcmp(test_env[i][0], name))
			return test_env[i][1];
	}
	return NULL;
}

static void record(void *ctx, enum kc_pp_message kind, const char *file,
		   int line, const char *text)
{
	struct fx *f = ctx;

	kc_buf_addf(&f->msgs, "%c|%s|%d|%s\n", kind == KC_PP_INFO ? 'I' : 'W',
		    file ? file : "(null)", line, text);
}

static int setup(void **state)
{
	struct fx *f = kc_xcalloc(1, sizeof(*f));

	f->opt.getenv = fake_getenv;
	f->opt.env_ctx = f;
	f->opt.message = record;
	f->opt.message_ctx = f;
	f->pp = kc_pp_new(&f->opt);
	kc_pp_set_location(f->pp, "Kconfig", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	kc_pp_free(f->pp);
	kc_diags_free(&f->diags);
	kc_buf_free(&f->msgs);
	kc_buf_free(&f->out);
	free(f);
	return 0;
}

/* Starts over with the options in f->opt (e.g. after setting run_shell). */
static void reopen(struct fx *f)
{
	kc_pp_free(f->pp);
	f->pp = kc_pp_new(&f->opt);
	kc_pp_set_location(f->pp, "Kconfig", 1);
}

static void at(struct fx *f, int line)
{
	kc_pp_set_location(f->pp, "Kconfig", line);
}

static void assign(struct fx *f, const char *name, enum kc_pp_flavor flavor,
		   const char *value)
{
	size_t before = f->diags.len;

	assert_int_equal(kc_pp_assign(f->pp, name, flavor, value, &f->diags),
			 0);
	assert_int_equal(f->diags.len, before);
}

#define RECURSIVE KC_PP_RECURSIVE
#define SIMPLE KC_PP_SIMPLE
#define APPEND KC_PP_APPEND

/* Expands 'in' and checks the exact text and taint, and that no diag came. */
static void expect_taint(struct fx *f, const char *in, const char *want,
			 bool want_taint)
{
	size_t before = f->diags.len;
	bool tainted = false;

	kc_buf_reset(&f->out);
	assert_int_equal(kc_pp_expand(f->pp, in, &f->out, &tainted, &f->diags),
			 0);
	assert_string_equal(kc_buf_str(&f->out), want);
	assert_int_equal(f->diags.len, before);
	assert_int_equal(tainted, want_taint);
}

static void expect(struct fx *f, const char *in, const char *want)
{
	expect_taint(f, in, want, false);
}

/* Checks the last diag: an error at Kconfig:line, column 0, saying msg. */
static void check_error(struct fx *f, int line, const char *msg)
{
	const struct kc_diag *d;

	assert_true(f->diags.len > 0);
	d = &f->diags.items[f->diags.len - 1];
	assert_int_equal(d->severity, KC_SEV_ERROR);
	assert_string_equal(d->file, "Kconfig");
	assert_int_equal(d->line, line);
	assert_int_equal(d->col, 0);
	assert_string_equal(d->message, msg);
}

/* Expands 'in', which must fail with exactly one new error 'msg'. */
static void expect_error(struct fx *f, const char *in, const char *msg)
{
	size_t before = f->diags.len;
	bool tainted = false;

	kc_buf_reset(&f->out);
	kc_buf_adds(&f->out, "keep");
	assert_int_equal(kc_pp_expand(f->pp, in, &f->out, &tainted, &f->diags),
			 -1);
	assert_int_equal(f->diags.len, before + 1);
	assert_int_equal(f->diags.errors, before + 1);
	check_error(f, f->diags.items[before].line, msg);
	/* A failed expansion leaves the caller's buffer as it was. */
	assert_string_equal(kc_buf_str(&f->out), "keep");
}

static void clear_diags(struct fx *f)
{
	kc_diags_free(&f->diags);
}

/* ---- plain text and '$' ------------------------------------------------- */

static void test_literal_text(void **state)
{
	struct fx *f = *state;

	expect(f, "", "");
	expect(f, "plain text, with (parens) and \"quotes\"",
	       "plain text, with (parens) and \"quotes\"");
	/* Only "$(" starts a reference. */
	expect(f, "$", "$");
	expect(f, "$$", "$$");
	expect(f, "a$b ${CC} $CC", "a$b ${CC} $CC");
	expect(f, "cost: 5$", "cost: 5$");
	assert_string_equal(kc_buf_str(&f->msgs), "");
}

static void test_expand_appends(void **state)
{
	struct fx *f = *state;
	struct kc_buf out = KC_BUF_INIT;
	bool tainted = true;

	assign(f, "V", SIMPLE, "value");
	kc_buf_adds(&out, "pre:");
	assert_int_equal(kc_pp_expand(f->pp, "$(V)", &out, &tainted, &f->diags),
			 0);
	assert_string_equal(kc_buf_str(&out), "pre:value");
	/* Taint is only ever set, never cleared. */
	assert_true(tainted);
	kc_buf_free(&out);
}

static void test_undefined_is_empty(void **state)
{
	struct fx *f = *state;

	/*
	 * Without run_shell the tool is hermetic: a variable nobody set is
	 * what the build machine's environment would have provided.
	 */
	expect_taint(f, "[$(UNDEFINED)]", "[]", true);
	expect(f, "[$()]", "[]");
	expect(f, "[$(nofunc,a,b)]", "[]");
	/* Missing function arguments are no environment variables. */
	expect(f, "[$(2)]", "[]");
	f->opt.run_shell = true;
	reopen(f);
	expect(f, "[$(UNDEFINED)]", "[]");
}

/* ---- variables (kernel: preprocess/variable) ---------------------------- */

static void test_simple_variable(void **state)
{
	struct fx *f = *state;

	assign(f, "N", SIMPLE, "one");
	assign(f, "S", SIMPLE, "<$(N)>");
	assign(f, "N", SIMPLE, "two");
	expect(f, "S = $(S)", "S = <one>");
}

static void test_recursive_variable(void **state)
{
	struct fx *f = *state;

	assign(f, "N", SIMPLE, "one");
	assign(f, "R", RECURSIVE, "<$(N)>");
	assign(f, "N", SIMPLE, "two");
	expect(f, "R = $(R)", "R = <two>");
}

static void test_append_simple(void **state)
{
	struct fx *f = *state;

	assign(f, "S", SIMPLE, "a");
	assign(f, "M", SIMPLE, "b");
	assign(f, "S", APPEND, "$(M)");
	assign(f, "M", SIMPLE, "c");
	expect(f, "$(S)", "a b");
	/* The appended part was expanded once, not again at use. */
	assign(f, "D", SIMPLE, "$");
	assign(f, "S", APPEND, "$(D)(M)");
	expect(f, "$(S)", "a b $(M)");
}

static void test_append_recursive(void **state)
{
	struct fx *f = *state;

	assign(f, "R", RECURSIVE, "a");
	assign(f, "M", SIMPLE, "b");
	assign(f, "R", APPEND, "$(M)");
	assign(f, "M", SIMPLE, "c");
	expect(f, "$(R)", "a c");
}

static void test_append_undefined(void **state)
{
	struct fx *f = *state;

	/* Behaves as '=': the value is expanded at use. */
	assign(f, "M", SIMPLE, "b");
	assign(f, "U", APPEND, "$(M)");
	assign(f, "M", SIMPLE, "c");
	expect(f, "$(U)", "c");
}

static void test_append_to_empty(void **state)
{
	struct fx *f = *state;

	/* Always joined with one space, even to an empty value. */
	assign(f, "E", SIMPLE, "");
	assign(f, "E", APPEND, "a");
	expect(f, "[$(E)]", "[ a]");
	assign(f, "E", APPEND, "");
	expect(f, "[$(E)]", "[ a ]");
}

static void test_reassign_changes_flavor(void **state)
{
	struct fx *f = *state;

	assign(f, "V", RECURSIVE, "$(W)");
	assign(f, "W", SIMPLE, "1");
	expect(f, "$(V)", "1");
	assign(f, "V", SIMPLE, "$(W)");
	assign(f, "W", SIMPLE, "2");
	expect(f, "$(V)", "1");
	/* '+=' now follows the simple flavor. */
	assign(f, "V", APPEND, "$(W)");
	assign(f, "W", SIMPLE, "3");
	expect(f, "$(V)", "1 2");
	assign(f, "V", RECURSIVE, "$(W)");
	expect(f, "$(V)", "3");
}

static void test_computed_variable_name(void **state)
{
	struct fx *f = *state;
	bool tainted = false;

	/* The left side is expanded by the caller; "$(X)$(Y) := 5". */
	assign(f, "P", SIMPLE, "A");
	assign(f, "Q", SIMPLE, "B");
	assert_int_equal(kc_pp_expand(f->pp, "$(P)$(Q)", &f->out, &tainted,
				      &f->diags),
			 0);
	assign(f, kc_buf_str(&f->out), SIMPLE, "5");
	expect(f, "AB = $(AB)", "AB = 5");
	/* And a reference can compute the name it looks up. */
	expect(f, "$($(P)$(Q))", "5");
}

static void test_simple_value_not_reexpanded(void **state)
{
	struct fx *f = *state;

	/* Kernel escape test: "$(X)" comes out as text, not expanded. */
	assign(f, "X", SIMPLE, "bad");
	assign(f, "dollar", SIMPLE, "$");
	assign(f, "Y", SIMPLE, "$(dollar)(X)");
	expect(f, "$(Y)", "$(X)");
	assign(f, "Y", RECURSIVE, "$(dollar)(X)");
	expect(f, "$(Y)", "$(X)");
	assign(f, "unterminated", SIMPLE, "$(dollar)(");
	expect(f, "$(unterminated)", "$(");
}

/* ---- escapes (kernel: preprocess/escape) -------------------------------- */

static void test_escape_tricks(void **state)
{
	struct fx *f = *state;

	assign(f, "comma", SIMPLE, ",");
	assign(f, "left_paren", SIMPLE, "(");
	assign(f, "show", RECURSIVE, "<$(1)>");
	expect(f, "$(show,a$(comma) b)", "<a, b>");
	expect(f, "$(show,$(left_paren))", "<(>");
	/* Quotes and spaces are verbatim inside a reference. */
	expect(f, "$(show,  ' \" '\"   ' ''' \"'\")",
	       "<  ' \" '\"   ' ''' \"'\">");
	expect(f, "$(show,$)", "<$>");
	expect(f, "$(show,$$)", "<$$>");
	/* A variable may be called "$". */
	assign(f, "$", SIMPLE, "dollar-var");
	expect(f, "$(show,$($))", "<dollar-var>");
}

static void test_commas_split_at_top_level(void **state)
{
	struct fx *f = *state;

	assign(f, "two", RECURSIVE, "1=[$(1)] 2=[$(2)] 3=[$(3)]");
	assign(f, "inner", RECURSIVE, "$(1)+$(2)");
	expect(f, "$(two,$(inner,a,b),c)", "1=[a+b] 2=[c] 3=[]");
	/* Parentheses that are not references also nest. */
	expect(f, "$(two,(a,b),c)", "1=[(a,b)] 2=[c] 3=[]");
	/* Whitespace around the commas is kept. */
	expect(f, "$(two, a , b )", "1=[ a ] 2=[ b ] 3=[]");
	expect(f, "$(two,,)", "1=[] 2=[] 3=[]");
}

/* ---- user functions ----------------------------------------------------- */

static void test_user_function(void **state)
{
	struct fx *f = *state;

	assign(f, "greeting", RECURSIVE, "$(1), my name is $(2).");
	expect(f, "$(greeting,Hello,John)", "Hello, my name is John.");
	/* Missing arguments are empty, extra ones ignored. */
	expect(f, "$(greeting,Hello)", "Hello, my name is .");
	expect(f, "$(greeting,Hello,John,ignored,ignored)",
	       "Hello, my name is John.");
	/* Outside a call $(1) is an ordinary (undefined) name. */
	expect(f, "[$(1)]", "[]");
}

static void test_function_argument_scope(void **state)
{
	struct fx *f = *state;

	/* Arguments of a nested call are expanded in the caller's scope. */
	assign(f, "outer", RECURSIVE, "$(inner,$(2)-$(1))");
	assign(f, "inner", RECURSIVE, "<$(1)|$(2)>");
	expect(f, "$(outer,a,b)", "<b-a|>");
	/* A plain variable used in a body does not see the arguments. */
	assign(f, "plain", RECURSIVE, "[$(1)]");
	assign(f, "body", RECURSIVE, "$(plain)$(1)");
	expect(f, "$(body,x)", "[]x");
	/* An argument is text: it is not expanded again. */
	assign(f, "dollar", SIMPLE, "$");
	assign(f, "X", SIMPLE, "bad");
	expect(f, "$(inner,$(dollar)(X))", "<$(X)|>");
}

static void test_argument_number_forms(void **state)
{
	struct fx *f = *state;

	/*
	 * The kernel reads the number with strtoul() over the raw text, so
	 * " 1", "+1" and "01" are argument 1, while "1 " and "-1" are not.
	 */
	assign(f, "forms", RECURSIVE, "$( 1)|$(+1)|$(01)|$(1 )|$(-1)|$(0)");
	expect(f, "$(forms,a)", "a|a|a|||");
	/* "$(1,x)" is a call of something named 1, not the argument. */
	assign(f, "call1", RECURSIVE, "[$(1,x)]");
	expect(f, "$(call1,a)", "[]");
	/* An expanded name is never an argument number. */
	assign(f, "one", SIMPLE, "1");
	assign(f, "computed", RECURSIVE, "[$($(one))]");
	expect(f, "$(computed,a)", "[]");
	/* A variable called "2" serves when there is no second argument. */
	assign(f, "2", SIMPLE, "var-two");
	assign(f, "second", RECURSIVE, "$(2)");
	expect(f, "$(second,a,b)", "b");
	expect(f, "$(second,a)", "var-two");
}

static void test_simple_variable_with_arguments(void **state)
{
	struct fx *f = *state;

	assign(f, "S", SIMPLE, "fixed $(1)");
	expect(f, "$(S,a)", "fixed ");
}

static void test_sixteen_parts(void **state)
{
	struct fx *f = *state;

	assign(f, "last", RECURSIVE, "$(1)$(15)$(16)");
	/* A name and 15 arguments is the most a reference may have. */
	expect(f, "$(last,a,2,3,4,5,6,7,8,9,10,11,12,13,14,o)", "ao");
	expect_error(f, "$(last,a,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16)",
		     "too many function arguments");
	/* Counted before anything is expanded. */
	expect_error(f, "$(x$(error-if,y,no),1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6)",
		     "too many function arguments");
}

static void test_recursion_through_arguments(void **state)
{
	struct fx *f = *state;

	/* A function may call itself with arguments: f(x) -> f(y) -> done. */
	assign(f, "f", RECURSIVE, "$(f-$(1))");
	assign(f, "f-x", RECURSIVE, "$(f,y)");
	assign(f, "f-y", SIMPLE, "done");
	expect(f, "$(f,x)", "done");
}

/* ---- recursion errors (kernel: preprocess/circular_expansion) ----------- */

static void test_circular_expansion(void **state)
{
	struct fx *f = *state;

	assign(f, "X", RECURSIVE, "$(Y)");
	assign(f, "Y", RECURSIVE, "$(X)");
	at(f, 5);
	expect_error(f, "$(info $(X))",
		     "Recursive variable 'X' references itself (eventually)");
	check_error(f, 5,
		    "Recursive variable 'X' references itself (eventually)");
	expect_error(f, "$(Y)",
		     "Recursive variable 'Y' references itself (eventually)");
	assign(f, "self", RECURSIVE, "a$(self)");
	expect_error(
		f, "$(self)",
		"Recursive variable 'self' references itself (eventually)");
	/* A function called without arguments counts as a variable. */
	assign(f, "fn", RECURSIVE, "$(g,$(fn))");
	expect_error(f, "$(fn,1)",
		     "Recursive variable 'fn' references itself (eventually)");
	assert_string_equal(kc_buf_str(&f->msgs), "");
}

static void test_too_deep_recursion(void **state)
{
	struct fx *f = *state;

	assign(f, "deep", RECURSIVE, "$(deep,x$(1))");
	expect_error(f, "$(deep,a)", "Too deep recursive expansion");
	/* Mutual recursion of several functions is stopped as well. */
	assign(f, "r1", RECURSIVE, "$(r2,x)");
	assign(f, "r2", RECURSIVE, "$(r3,x)");
	assign(f, "r3", RECURSIVE, "$(r4,x)");
	assign(f, "r4", RECURSIVE, "$(r5,x)");
	assign(f, "r5", RECURSIVE, "$(r1,x)");
	expect_error(f, "$(r1,x)", "Too deep recursive expansion");
}

/* Builds $($($(...))) 'n' deep. */
static char *nested_refs(size_t n)
{
	char *in = kc_xmalloc(3 * n + 1), *p = in;
	size_t i;

	for (i = 0; i < n; i++) {
		*p++ = '$';
		*p++ = '(';
	}
	for (i = 0; i < n; i++)
		*p++ = ')';
	*p = '\0';
	return in;
}

static void test_deep_textual_nesting(void **state)
{
	struct fx *f = *state;
	char *in;

	/* Moderate nesting is fine: every level names "". */
	expect(f, "[$($($($($($())))))]", "[]");
	in = nested_refs(1000);
	expect(f, in, "");
	free(in);
	/* Deeper nesting must not blow the stack. */
	in = nested_refs(4100);
	expect_error(f, in, "Too deep recursive expansion");
	free(in);
	/* Nor may rescanning a long line at every level take forever. */
	in = nested_refs(1000000);
	expect_error(f, in, "expansion too large");
	free(in);
}

/* ---- built-in functions (kernel: preprocess/builtin_func) --------------- */

static void test_info(void **state)
{
	struct fx *f = *state;

	at(f, 4);
	expect(f, "[$(info,hello world 0)]", "[]");
	expect(f, "$(info,)", "");
	assert_string_equal(kc_buf_str(&f->msgs),
			    "I|Kconfig|4|hello world 0\nI|Kconfig|4|\n");
}

static void test_warning_if(void **state)
{
	struct fx *f = *state;

	at(f, 8);
	expect(f, "[$(warning-if,y,hello world 1)]", "[]");
	/* Only exactly "y" triggers it. */
	expect(f, "$(warning-if,n,no)$(warning-if,Y,no)$(warning-if, y,no)",
	       "");
	expect(f, "$(warning-if,,no)$(warning-if,yy,no)", "");
	assign(f, "warning", RECURSIVE, "$(warning-if,y,$(1))");
	at(f, 26);
	expect(f, "$(warning,filename=$(filename))", "");
	at(f, 27);
	expect(f, "$(warning,lineno=$(lineno))", "");
	assert_string_equal(kc_buf_str(&f->msgs),
			    "W|Kconfig|8|hello world 1\n"
			    "W|Kconfig|26|filename=Kconfig\n"
			    "W|Kconfig|27|lineno=27\n");
}

static void test_error_if(void **state)
{
	struct fx *f = *state;

	expect(f, "[$(error-if,n,this should not be printed)]", "[]");
	expect(f, "$(error-if,,x)$(error-if,yes,x)", "");
	at(f, 12);
	expect_error(f, "before $(error-if,y,stop here) after", "stop here");
	check_error(f, 12, "stop here");
	assert_string_equal(kc_buf_str(&f->msgs), "");
}

static void test_filename_lineno(void **state)
{
	struct fx *f = *state;
	char name[64];

	kc_pp_set_location(f->pp, "arch/x86/Kconfig", 42);
	expect(f, "$(filename):$(lineno)", "arch/x86/Kconfig:42");
	/* The location is copied: the caller's buffer may change. */
	snprintf(name, sizeof(name), "%s", "init/Kconfig");
	kc_pp_set_location(f->pp, name, 7);
	snprintf(name, sizeof(name), "%s", "changed");
	expect(f, "$(filename):$(lineno)", "init/Kconfig:7");
	kc_pp_set_location(f->pp, "init/Kconfig", 8);
	expect(f, "$(lineno)", "8");
}

static void test_no_location(void **state)
{
	struct fx *f = *state;
	struct kc_pp *pp = kc_pp_new(&f->opt);
	bool tainted = false;

	assert_int_equal(kc_pp_expand(pp, "[$(filename)|$(lineno)]", &f->out,
				      &tainted, &f->diags),
			 0);
	assert_string_equal(kc_buf_str(&f->out), "[|0]");
	assert_int_equal(kc_pp_expand(pp, "$(error-if,y,nowhere)", &f->out,
				      &tainted, &f->diags),
			 -1);
	assert_int_equal(f->diags.len, 1);
	assert_null(f->diags.items[0].file);
	assert_int_equal(f->diags.items[0].line, 0);
	assert_string_equal(f->diags.items[0].message, "nowhere");
	kc_pp_free(pp);
}

static void test_builtin_argument_counts(void **state)
{
	struct fx *f = *state;

	at(f, 3);
	expect_error(f, "$(info)",
		     "too few function arguments passed to 'info'");
	check_error(f, 3, "too few function arguments passed to 'info'");
	expect_error(f, "$(info,a,b)",
		     "too many function arguments passed to 'info'");
	expect_error(f, "$(shell)",
		     "too few function arguments passed to 'shell'");
	expect_error(f, "$(shell,a,b)",
		     "too many function arguments passed to 'shell'");
	expect_error(f, "$(warning-if,y)",
		     "too few function arguments passed to 'warning-if'");
	expect_error(f, "$(warning-if,y,a,b)",
		     "too many function arguments passed to 'warning-if'");
	expect_error(f, "$(error-if,y)",
		     "too few function arguments passed to 'error-if'");
	expect_error(f, "$(error-if,n,a,b)",
		     "too many function arguments passed to 'error-if'");
	expect_error(f, "$(filename,)",
		     "too many function arguments passed to 'filename'");
	expect_error(f, "$(lineno,x)",
		     "too many function arguments passed to 'lineno'");
	assert_string_equal(kc_buf_str(&f->msgs), "");
}

static void test_variable_shadows_builtin(void **state)
{
	struct fx *f = *state;

	assign(f, "lineno", SIMPLE, "mine");
	expect(f, "$(lineno)", "mine");
}

static void test_no_message_callback(void **state)
{
	struct fx *f = *state;

	f->opt.message = NULL;
	reopen(f);
	expect(f, "$(info,x)$(warning-if,y,x)", "");
}

/* ---- shell --------------------------------------------------------------- */

static void test_shell_hermetic(void **state)
{
	struct fx *f = *state;

	/* Not run: the placeholder "n", marked as tainted. */
	expect_taint(f, "$(shell,echo ran > /dev/null; echo y)", "n", true);
	expect_taint(f, "[$(shell,false)]", "[n]", true);
	expect(f, "no shell here", "no shell here");
}

static void test_shell_runs(void **state)
{
	struct fx *f = *state;

	f->opt.run_shell = true;
	reopen(f);
	expect(f, "$(shell,echo hello world 3)", "hello world 3");
	/* Trailing newlines go, the others become spaces. */
	expect(f, "$(shell,printf 'hello\\nworld\\n\\n4\\n\\n\\n')",
	       "hello world  4");
	expect(f, "[$(shell,printf 'a\\nb\\n\\n')]", "[a b]");
	expect(f, "[$(shell,true)]", "[]");
	/* stderr and the exit status are not part of the value. */
	expect(f, "[$(shell,echo out; echo err >&2; exit 3)]", "[out]");
	/* The text ends at a NUL byte. */
	expect(f, "[$(shell,printf 'a\\0b')]", "[a]");
	assign(f, "comma", SIMPLE, ",");
	expect(f, "$(shell,echo hello$(comma) world)", "hello, world");
}

static void test_shell_truncates(void **state)
{
	struct fx *f = *state;
	char want[4096];

	f->opt.run_shell = true;
	reopen(f);
	memset(want, 'x', 4095);
	want[4095] = '\0';
	/* The kernel keeps 4095 bytes of output. */
	expect(f, "$(shell,head -c 10000 /dev/zero | tr '\\0' x)", want);
	expect(f, "$(shell,head -c 4095 /dev/zero | tr '\\0' x)", want);
	want[4094] = '\0';
	expect(f, "$(shell,head -c 4094 /dev/zero | tr '\\0' x)", want);
}

static void test_shell_dir(void **state)
{
	struct fx *f = *state;

	f->opt.run_shell = true;
	f->opt.shell_dir = "/";
	reopen(f);
	expect(f, "$(shell,pwd)", "/");
	expect(f, "$(shell,pwd; cd /tmp; pwd)", "/ /tmp");
	f->opt.shell_dir = "/nonexistent dir '";
	reopen(f);
	expect(f, "[$(shell,echo ran)]", "[]");
}

/* ---- taint --------------------------------------------------------------- */

static void test_taint_through_variables(void **state)
{
	struct fx *f = *state;

	assign(f, "S", SIMPLE, "<$(shell,uname -m)>");
	expect_taint(f, "$(S)", "<n>", true);
	/* A recursive variable is tainted when its expansion is. */
	assign(f, "R", RECURSIVE, "$(shell,true)");
	expect_taint(f, "$(R)", "n", true);
	assign(f, "RS", RECURSIVE, "[$(S)]");
	expect_taint(f, "$(RS)", "[<n>]", true);
	assign(f, "SR", SIMPLE, "[$(R)]");
	expect_taint(f, "$(SR)", "[n]", true);
	/* Clean variables stay clean; redefining clears the taint. */
	assign(f, "C", SIMPLE, "clean");
	expect_taint(f, "$(C)", "clean", false);
	assign(f, "S", SIMPLE, "clean");
	expect_taint(f, "$(S)", "clean", false);
	assign(f, "S", RECURSIVE, "clean");
	expect_taint(f, "$(S) $(RS)", "clean [clean]", false);
}

static void test_taint_through_append(void **state)
{
	struct fx *f = *state;

	assign(f, "S", SIMPLE, "a");
	assign(f, "S", APPEND, "$(shell,x)");
	expect_taint(f, "$(S)", "a n", true);
	assign(f, "S", APPEND, "b");
	expect_taint(f, "$(S)", "a n b", true);
	assign(f, "R", RECURSIVE, "a");
	assign(f, "R", APPEND, "$(T)");
	/* T is not set yet: hermetic mode counts it as the build machine's. */
	expect_taint(f, "$(R)", "a ", true);
	assign(f, "T", RECURSIVE, "b");
	expect_taint(f, "$(R)", "a b", false);
	assign(f, "T", RECURSIVE, "$(shell,x)");
	expect_taint(f, "$(R)", "a n", true);
}

static void test_taint_through_functions(void **state)
{
	struct fx *f = *state;

	assign(f, "wrap", RECURSIVE, "<$(1)>");
	expect_taint(f, "$(wrap,$(shell,x))", "<n>", true);
	expect_taint(f, "$(wrap,clean)", "<clean>", false);
	/* An argument the body never uses does not taint the result. */
	expect_taint(f, "$(wrap,a,$(shell,x))", "<a>", false);
	/* Through a chain of calls. */
	assign(f, "outer", RECURSIVE, "$(wrap,$(2))");
	expect_taint(f, "$(outer,a,$(shell,x))", "<n>", true);
	expect_taint(f, "$(outer,$(shell,x),b)", "<b>", false);
	/* A function body that runs shell itself. */
	assign(f, "cc-option", RECURSIVE,
	       "$(success,$(CC) -Werror $(1) -c -x c /dev/null -o /dev/null)");
	assign(f, "success", RECURSIVE,
	       "$(shell,{ $(1); } >/dev/null 2>&1 && echo y || echo n)");
	expect_taint(f, "$(cc-option,-mfoo)", "n", true);
}

static void test_taint_through_names_and_builtins(void **state)
{
	struct fx *f = *state;

	/* A name built from shell output taints what it finds. */
	assign(f, "n", SIMPLE, "clean");
	expect_taint(f, "$($(shell,x))", "clean", true);
	expect_taint(f, "$(undefined$(shell,x))", "", true);
	/* A built-in given tainted text is tainted. */
	expect_taint(f, "$(error-if,$(shell,x),y)", "", true);
	expect_taint(f, "$(info,$(shell,x))", "", true);
	assert_string_equal(kc_buf_str(&f->msgs), "I|Kconfig|1|n\n");
	expect_taint(f, "$(filename)", "Kconfig", false);
}

/* ---- environment --------------------------------------------------------- */

static void test_environment(void **state)
{
	struct fx *f = *state;
	const char *name, *value;

	assert_int_equal(kc_pp_env_count(f->pp), 0);
	expect_taint(f, "$(CC) $(SRCARCH) [$(NOPE)] [$(EMPTY)] $(CC)",
		     "gcc x86 [] [] gcc", true);
	/* Found ones are recorded once each, in order of first use. */
	assert_int_equal(kc_pp_env_count(f->pp), 3);
	kc_pp_env(f->pp, 0, &name, &value);
	assert_string_equal(name, "CC");
	assert_string_equal(value, "gcc");
	kc_pp_env(f->pp, 1, &name, &value);
	assert_string_equal(name, "SRCARCH");
	assert_string_equal(value, "x86");
	kc_pp_env(f->pp, 2, &name, &value);
	assert_string_equal(name, "EMPTY");
	assert_string_equal(value, "");
	/* The recorded value is reused rather than asked for again. */
	f->getenv_calls = 0;
	expect(f, "$(CC)", "gcc");
	assert_int_equal(f->getenv_calls, 0);
	assert_int_equal(kc_pp_env_count(f->pp), 3);
}

static void test_environment_lookup_order(void **state)
{
	struct fx *f = *state;
	const char *name, *value;

	/* Variables come first; then built-ins; arguments never reach env. */
	assign(f, "X", SIMPLE, "from-var");
	expect(f, "$(X)", "from-var");
	expect(f, "$(CC,arg)", "");
	expect_error(f, "$(info)",
		     "too few function arguments passed to 'info'");
	expect(f, "[$()]", "[]");
	assert_int_equal(kc_pp_env_count(f->pp), 0);
	/* X2 is unset, so the name (and the result) is tainted. */
	expect_taint(f, "$(SRC$(X2)ARCH)", "x86", true);
	assert_int_equal(kc_pp_env_count(f->pp), 1);
	kc_pp_env(f->pp, 0, &name, &value);
	assert_string_equal(name, "SRCARCH");
}

static void test_environment_without_getenv(void **state)
{
	struct fx *f = *state;

	f->opt.getenv = NULL;
	reopen(f);
	expect_taint(f, "[$(CC)]", "[]", true);
	assert_int_equal(kc_pp_env_count(f->pp), 0);
}

/* ---- errors -------------------------------------------------------------- */

static void test_unterminated_reference(void **state)
{
	struct fx *f = *state;

	at(f, 9);
	expect_error(f, "a $(foo",
		     "unterminated reference to 'foo': missing ')'");
	check_error(f, 9, "unterminated reference to 'foo': missing ')'");
	expect_error(f, "$(a$(b) c",
		     "unterminated reference to 'a$(b) c': missing ')'");
	expect_error(f, "$(", "unterminated reference to '': missing ')'");
	/* An error in a variable's value surfaces at its use. */
	assign(f, "broken", RECURSIVE, "$(oops");
	expect_error(f, "$(broken)",
		     "unterminated reference to 'oops': missing ')'");
}

static void test_assign_errors(void **state)
{
	struct fx *f = *state;

	at(f, 6);
	assert_int_equal(kc_pp_assign(f->pp, "V", SIMPLE, "$(error-if,y,nope)",
				      &f->diags),
			 -1);
	check_error(f, 6, "nope");
	/* The failed assignment defined nothing. */
	clear_diags(f);
	expect_taint(f, "[$(V)]", "[]", true);
	assign(f, "V", SIMPLE, "old");
	assert_int_equal(kc_pp_assign(f->pp, "V", APPEND, "$(x", &f->diags),
			 -1);
	check_error(f, 6, "unterminated reference to 'x': missing ')'");
	clear_diags(f);
	expect(f, "$(V)", "old");
}

static void test_blowup_size(void **state)
{
	struct fx *f = *state;
	char name[16], value[32], leaf[1025];
	bool tainted = false;
	int i;

	/* v0 doubles v1, which doubles v2 ...: 2^40 KiB. */
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		snprintf(value, sizeof(value), "$(v%d)$(v%d)", i + 1, i + 1);
		assign(f, name, RECURSIVE, value);
	}
	memset(leaf, 'x', 1024);
	leaf[1024] = '\0';
	assign(f, "v40", RECURSIVE, leaf);
	expect_error(f, "$(v0)", "expansion too large");
	clear_diags(f);

	/* Exactly 16 MiB (2^14 KiB) is allowed, one byte more is not. */
	kc_buf_reset(&f->out);
	assert_int_equal(
		kc_pp_expand(f->pp, "$(v26)", &f->out, &tainted, &f->diags), 0);
	assert_int_equal(f->out.len, (size_t)16 << 20);
	/* The cap counts what one call adds, not what 'out' held before. */
	assert_int_equal(
		kc_pp_expand(f->pp, "$(v26)", &f->out, &tainted, &f->diags), 0);
	assert_int_equal(f->out.len, (size_t)32 << 20);
	assert_int_equal(kc_pp_expand(f->pp, "$(v26)x", &f->out, &tainted,
				      &f->diags),
			 -1);
	assert_int_equal(f->out.len, (size_t)32 << 20);
	check_error(f, 1, "expansion too large");
	clear_diags(f);
	/* Also inside a function argument that is thrown away. */
	expect_error(f, "$(unused,$(v25)$(v25)$(v25))", "expansion too large");
}

static void test_blowup_empty(void **state)
{
	struct fx *f = *state;
	char name[16], value[32];
	int i;

	/* Doubling that produces nothing still must not run for hours. */
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof(name), "e%d", i);
		snprintf(value, sizeof(value), "$(e%d)$(e%d)", i + 1, i + 1);
		assign(f, name, RECURSIVE, value);
	}
	expect_error(f, "[$(e0)]", "expansion too large");
	/* But the budget is per request: the next one starts afresh. */
	expect_taint(f, "[$(e42)]", "[]", true);
}

static void test_blowup_simple(void **state)
{
	struct fx *f = *state;
	int i, ret = 0;

	/* X := $(X)$(X) a line at a time: 16 bytes * 2^20 is the most. */
	assign(f, "X", SIMPLE, "0123456789abcdef");
	for (i = 0; i < 40 && !ret; i++)
		ret = kc_pp_assign(f->pp, "X", SIMPLE, "$(X)$(X)", &f->diags);
	assert_int_equal(ret, -1);
	assert_int_equal(i, 21);
	check_error(f, 1, "expansion too large");
	clear_diags(f);
	/* X += $(X) cannot grow a value past the cap either. */
	assert_int_equal(kc_pp_assign(f->pp, "X", APPEND, "$(X)", &f->diags),
			 -1);
	check_error(f, 1, "expansion too large");
	clear_diags(f);
	/* Nor can '+=' on a recursive variable, one line at a time. */
	assign(f, "R", RECURSIVE, "");
	kc_buf_reset(&f->out);
	kc_buf_reserve(&f->out, (size_t)4 << 20);
	for (i = 0; i < (4 << 20); i++)
		f->out.data[i] = 'r';
	f->out.data[4 << 20] = '\0';
	for (i = 0, ret = 0; i < 8 && !ret; i++)
		ret = kc_pp_assign(f->pp, "R", APPEND, f->out.data, &f->diags);
	assert_int_equal(ret, -1);
	assert_int_equal(i, 4);
	check_error(f, 1, "expansion too large");
}

/* ---- the lexer's entry points -------------------------------------------- */

static void expect_token(struct fx *f, const char *in, const char *want,
			 size_t want_used, bool want_taint)
{
	size_t used = 99;
	bool tainted = false;

	kc_buf_reset(&f->out);
	assert_int_equal(kc_pp_expand_token(f->pp, in, &used, &f->out, &tainted,
					    &f->diags),
			 0);
	assert_string_equal(kc_buf_str(&f->out), want);
	assert_int_equal(used, want_used);
	assert_int_equal(tainted, want_taint);
	assert_int_equal(f->diags.len, 0);
}

static void test_expand_token(void **state)
{
	struct fx *f = *state;

	assign(f, "V", SIMPLE, "val ue");
	assign(f, "f", RECURSIVE, "<$(1)>");
	expect_token(f, "abc_DEF-09 rest", "abc_DEF-09", 10, false);
	expect_token(f, "$(V)tail=1", "val uetail", 8, false);
	expect_token(f, "pre$(V)", "preval ue", 7, false);
	expect_token(f, "$(f, a b)x y", "< a b>x", 10, false);
	expect_token(f, "A\"q\"", "A", 1, false);
	expect_token(f, "A)", "A", 1, false);
	expect_token(f, "A\nB", "A", 1, false);
	expect_token(f, "A.B", "A", 1, false);
	expect_token(f, " lead", "", 0, false);
	expect_token(f, "", "", 0, false);
	/* '$' not followed by '(' belongs to the token. */
	expect_token(f, "a$b c", "a$b", 3, false);
	expect_token(f, "$(shell,x)y z", "ny", 11, true);
}

static void test_expand_token_stops_at_newline(void **state)
{
	struct fx *f = *state;
	size_t used = 99;
	bool tainted = false;

	/* A reference never continues on the next line. */
	assert_int_equal(kc_pp_expand_token(f->pp, "$(foo\nbar)", &used,
					    &f->out, &tainted, &f->diags),
			 -1);
	check_error(f, 1, "unterminated reference to 'foo': missing ')'");
}

static void expect_dollar(struct fx *f, const char *in, const char *want,
			  size_t want_used)
{
	size_t used = 99;
	bool tainted = false;

	kc_buf_reset(&f->out);
	assert_int_equal(kc_pp_expand_dollar(f->pp, in, &used, &f->out,
					     &tainted, &f->diags),
			 0);
	assert_string_equal(kc_buf_str(&f->out), want);
	assert_int_equal(used, want_used);
	assert_int_equal(f->diags.len, 0);
}

static void test_expand_dollar(void **state)
{
	struct fx *f = *state;
	size_t used = 99;
	bool tainted = false;

	assign(f, "V", SIMPLE, "val");
	expect_dollar(f, "$(V) rest\"", "val", 4);
	expect_dollar(f, "$(V)$(V)", "val", 4);
	expect_dollar(f, "$(f,(a),$(V))x", "", 13);
	expect_dollar(f, "$V", "$", 1);
	expect_dollar(f, "$", "$", 1);
	expect_dollar(f, "$\n", "$", 1);
	assert_int_equal(kc_pp_expand_dollar(f->pp, "$(shell,x)\"", &used,
					     &f->out, &tainted, &f->diags),
			 0);
	assert_true(tainted);
	assert_int_equal(used, 10);
	assert_int_equal(kc_pp_expand_dollar(f->pp, "$(V\n)", &used, &f->out,
					     &tainted, &f->diags),
			 -1);
	check_error(f, 1, "unterminated reference to 'V': missing ')'");
}

/* ---- lifetime ------------------------------------------------------------ */

static void test_many_variables(void **state)
{
	struct fx *f = *state;
	char name[32], in[64], want[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "var%d", i);
		snprintf(in, sizeof(in), "value %d", i);
		assign(f, name, i % 2 ? SIMPLE : RECURSIVE, in);
	}
	for (i = 0; i < 5000; i += 997) {
		snprintf(in, sizeof(in), "$(var%d)", i);
		snprintf(want, sizeof(want), "value %d", i);
		expect(f, in, want);
	}
	kc_pp_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_literal_text),
		T(test_expand_appends),
		T(test_undefined_is_empty),
		T(test_simple_variable),
		T(test_recursive_variable),
		T(test_append_simple),
		T(test_append_recursive),
		T(test_append_undefined),
		T(test_append_to_empty),
		T(test_reassign_changes_flavor),
		T(test_computed_variable_name),
		T(test_simple_value_not_reexpanded),
		T(test_escape_tricks),
		T(test_commas_split_at_top_level),
		T(test_user_function),
		T(test_function_argument_scope),
		T(test_argument_number_forms),
		T(test_simple_variable_with_arguments),
		T(test_sixteen_parts),
		T(test_recursion_through_arguments),
		T(test_circular_expansion),
		T(test_too_deep_recursion),
		T(test_deep_textual_nesting),
		T(test_info),
		T(test_warning_if),
		T(test_error_if),
		T(test_filename_lineno),
		T(test_no_location),
		T(test_builtin_argument_counts),
		T(test_variable_shadows_builtin),
		T(test_no_message_callback),
		T(test_shell_hermetic),
		T(test_shell_runs),
		T(test_shell_truncates),
		T(test_shell_dir),
		T(test_taint_through_variables),
		T(test_taint_through_append),
		T(test_taint_through_functions),
		T(test_taint_through_names_and_builtins),
		T(test_environment),
		T(test_environment_lookup_order),
		T(test_environment_without_getenv),
		T(test_unterminated_reference),
		T(test_assign_errors),
		T(test_blowup_size),
		T(test_blowup_empty),
		T(test_blowup_simple),
		T(test_expand_token),
		T(test_expand_token_stops_at_newline),
		T(test_expand_dollar),
		T(test_many_variables),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
