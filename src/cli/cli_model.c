/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_model.c - the model options every command takes, and choosing and
 * loading the Kconfig model they name: the embedded model, a Kconfig
 * folder, or a whole kernel tree with an architecture; and reading a
 * .config with the symbol prefix they set.
 *
 * Hermetic by default: the process environment is not read unless --shell
 * is given, so the same files give the same model on every machine.  The
 * variables the kernel's Makefile would set (srctree, ARCH, SRCARCH,
 * KERNELVERSION) are derived from the options; --env adds others, and
 * --env CONFIG_=PREFIX the .config prefix.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kc_embedded.h"
#include "kc_kbuild.h"

#define MODEL_OPTION(name, kind, value, help, field, complete)               \
	{ name, 0, kind, value, help, NULL, KC_STORE_MODEL,                  \
	  offsetof(struct kc_model_source, field), complete }

const struct kc_option kc_cli_model_options[] = {
	MODEL_OPTION("model", KC_OPT_STRING, "NAME",
		     "embedded model (default " KC_EMBEDDED_DEFAULT_MODEL ")",
		     model, KC_COMPLETE_MODEL),
	MODEL_OPTION("kconfig", KC_OPT_STRING, "DIR",
		     "read DIR/Kconfig, with DIR as the source tree",
		     kconfig_dir, KC_COMPLETE_DIR),
	MODEL_OPTION("srctree", KC_OPT_STRING, "DIR",
		     "read a kernel tree (needs --arch)", srctree,
		     KC_COMPLETE_DIR),
	MODEL_OPTION("arch", KC_OPT_STRING, "ARCH",
		     "architecture, as make ARCH= (x86_64, arm64, s390, ...)",
		     arch, KC_COMPLETE_ARCH),
	MODEL_OPTION("kernel-version", KC_OPT_STRING, "X.Y",
		     "the kernel version of a --kconfig folder or --model\n"
		     "(a --srctree tree's Makefile says its own)",
		     kernel_version, KC_COMPLETE_NONE),
	MODEL_OPTION("shell", KC_OPT_FLAG, NULL,
		     "run $(shell,...) macros, and read the environment",
		     shell, KC_COMPLETE_NONE),
	MODEL_OPTION("env", KC_OPT_LIST, "NAME=VALUE",
		     "set a variable for Kconfig macros (repeatable);\n"
		     "CONFIG_=PREFIX sets the .config symbol prefix",
		     env, KC_COMPLETE_NONE),
	MODEL_OPTION("max-file-size", KC_OPT_STRING, "SIZE",
		     "the most bytes any one file read may hold (K, M, G\n"
		     "suffixes; default 64M, and 16M for rule and waiver files)",
		     max_file_size, KC_COMPLETE_NONE),
	{ 0 },
};

/* The ARCH names the kernel Makefile maps to another SRCARCH folder. */
static const struct {
	const char *arch, *srcarch;
} arch_aliases[] = {
	{ "i386", "x86" },	 { "x86_64", "x86" },
	{ "sparc32", "sparc" }, { "sparc64", "sparc" },
	{ "parisc64", "parisc" }, { "sh64", "sh" },
};

#define N_ARCH_ALIASES (sizeof(arch_aliases) / sizeof(arch_aliases[0]))

const char *kc_cli_srcarch(const char *arch)
{
	size_t i;

	for (i = 0; i < N_ARCH_ALIASES; i++)
		if (!strcmp(arch, arch_aliases[i].arch))
			return arch_aliases[i].srcarch;
	return arch;
}

const char *kc_cli_nearest(const char *word, const char *const *names,
			   size_t n)
{
	size_t i, best = strlen(word) / 3 + 2, d;
	const char *near = NULL;

	/* A typo is at most a third of the word, as symbol suggestions. */
	for (i = 0; i < n; i++) {
		d = kc_edit_distance(word, names[i], best - 1);
		if (d < best) {
			best = d;
			near = names[i];
		}
	}
	return near;
}

/*
 * "unknown ..., did you mean X?" (every name as close as the closest:
 * vfio-6.7 is as near vfio-6.5 as vfio-6.6), or "unknown ... (one of:
 * a, b)" when none is close; 'label' is how the value was given
 * ("--model vfio-6.7").
 */
static void unknown_name(const char *label, const char *value,
			 const char *what, struct kc_vec *names)
{
	const char *const *v = (const char *const *)names->items;
	const char *near = kc_cli_nearest(value, v, names->len);
	struct kc_buf b = KC_BUF_INIT;
	size_t i, d, shown = 0;

	if (near) {
		d = kc_edit_distance(value, near, strlen(value) + strlen(near));
		for (i = 0; i < names->len; i++) {
			if (kc_edit_distance(value, v[i], d) != d)
				continue;
			kc_buf_addf(&b, "%s%s", shown ? " or " : "", v[i]);
			shown++;
		}
		kc_cli_usage_error("%s: unknown %s, did you mean %s?", label,
				   what, kc_buf_str(&b));
	} else {
		for (i = 0; i < names->len; i++)
			kc_buf_addf(&b, "%s%s", i ? ", " : "", v[i]);
		kc_cli_usage_error("%s: unknown %s (one of: %s)", label, what,
				   kc_buf_str(&b));
	}
	kc_buf_free(&b);
}

/* Frees a vector of malloc'd names. */
static void free_names(struct kc_vec *v)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		free(v->items[i]);
	kc_vec_free(v);
}

/*
 * --arch names a folder of the tree's arch/ with a Kconfig, or an ARCH
 * the Makefile maps to one.  A tree without arch/ is left to the
 * parser's own error.
 */
static int check_arch(const struct kc_fs *fs, const char *arch)
{
	struct kc_vec names = KC_VEC_INIT, cands = KC_VEC_INIT, sub;
	char *path = kc_xasprintf("arch/%s/Kconfig", kc_cli_srcarch(arch));
	const char *why;
	char *label;
	size_t i, len;
	char *data;
	int ret = 0;

	if (kc_fs_read(fs, path, &data, &len, &why) == 0) {
		free(data);
		goto out;
	}
	if (kc_fs_list(fs, "arch", &names, &why) != 0)
		goto out;
	for (i = 0; i < names.len; i++) {
		char *dir = kc_xasprintf("arch/%s", (char *)names.items[i]);

		/* Folders only: arch/Kconfig is no architecture. */
		sub = (struct kc_vec)KC_VEC_INIT;
		if (kc_fs_list(fs, dir, &sub, &why) == 0)
			kc_vec_push(&cands, names.items[i]);
		free_names(&sub);
		free(dir);
	}
	for (i = 0; i < N_ARCH_ALIASES; i++)
		kc_vec_push(&cands, (void *)arch_aliases[i].arch);
	label = kc_xasprintf("--arch %s", arch);
	unknown_name(label, arch, "architecture", &cands);
	free(label);
	ret = -1;
out:
	free_names(&names);
	kc_vec_free(&cands);
	free(path);
	return ret;
}

/* An embedded model's name that is not one: say so, with the nearest. */
static void unknown_model(const char *label, const char *name, const char *what)
{
	struct kc_vec names = KC_VEC_INIT;
	char buf[128];
	size_t i;

	for (i = 0; i < kc_embedded_model_count(); i++)
		kc_vec_push(&names, kc_xstrdup(kc_embedded_model_name(i, buf,
								      sizeof(buf))));
	unknown_name(label, name, what, &names);
	free_names(&names);
}

/*
 * --srctree or --kconfig (or diff's OLD or NEW) names a folder with a
 * Kconfig file in it; an argument that is no folder may be a mistyped
 * embedded model.
 */
static int check_tree(const struct kc_model_source *src, const struct kc_fs *fs,
		      const char *root)
{
	const char *why;
	struct stat st;
	size_t len;
	char *data, *label;
	int ret = -1;

	if (src->tree_is_argument)
		label = kc_xasprintf("'%s'", root);
	else
		label = kc_xasprintf("%s %s", src->srctree ? "--srctree" :
							     "--kconfig", root);
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (src->tree_is_argument)
			unknown_model(label, root, "folder or embedded model");
		else
			kc_cli_usage_error("%s: no such folder", label);
	} else if (kc_fs_read(fs, "Kconfig", &data, &len, &why) < 0) {
		kc_cli_usage_error("%s: no Kconfig there", label);
	} else {
		free(data);
		ret = src->srctree ? check_arch(fs, src->arch) : 0;
	}
	free(label);
	return ret;
}

/* The value of the last --env NAME=VALUE for name, or NULL. */
static const char *env_option(const struct kc_model_source *src,
			      const char *name)
{
	size_t n = strlen(name), i;

	for (i = src->env.len; i-- > 0;) {
		const char *kv = src->env.items[i];

		if (!strncmp(kv, name, n) && kv[n] == '=')
			return kv + n + 1;
	}
	return NULL;
}

/* Hermetic: the process environment only with --shell. */
const char *kc_cli_config_prefix(const struct kc_model_source *src)
{
	const char *p = env_option(src, "CONFIG_");

	if (!p && src->shell)
		p = getenv("CONFIG_");
	return p;
}

/* "64M" and the like: bytes, with binary K, M and G suffixes. */
static int parse_size(const char *text, size_t *out)
{
	unsigned long long v = 0, unit = 1;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (1ULL << 40))
			return -1;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	if (*p == 'K' || *p == 'k')
		unit = 1ULL << 10;
	else if (*p == 'M' || *p == 'm')
		unit = 1ULL << 20;
	else if (*p == 'G' || *p == 'g')
		unit = 1ULL << 30;
	if (unit > 1)
		p++;
	if (*p || !v || v > (1ULL << 40) / unit)
		return -1;
	*out = (size_t)(v * unit);
	return 0;
}

void kc_cli_disk_fs_init(const struct kc_model_source *src,
			 struct kc_disk_fs *dfs, const char *root)
{
	kc_disk_fs_init(dfs, root);
	kc_fs_set_max_size(&dfs->fs, src->max_size);
}

struct kc_config *kc_cli_read_config_keep(const struct kc_model_source *src,
					  const char *path,
					  const struct kc_config_keep *keep,
					  struct kc_diags *d)
{
	struct kc_disk_fs dfs;
	struct kc_config *c;

	kc_cli_disk_fs_init(src, &dfs, NULL);
	/* "-" is standard input, as elsewhere on the command line. */
	c = kc_config_read_fs_keep(&dfs.fs,
				   strcmp(path, "-") ? path : "/dev/stdin",
				   kc_cli_config_prefix(src), keep, d);
	kc_disk_fs_release(&dfs);
	return c;
}

struct kc_config *kc_cli_read_config(const struct kc_model_source *src,
				     const char *path, struct kc_diags *d)
{
	return kc_cli_read_config_keep(src, path, NULL, d);
}

struct kc_model *kc_cli_args_model(struct kc_cli_args *a)
{
	a->src.info_to_stderr = !strcmp(a->report.output, "-");
	return kc_cli_load_model(&a->src);
}

int kc_cli_load_model_config(struct kc_cli_args *a, struct kc_model **m,
			     struct kc_config **cfg)
{
	struct kc_diags d = KC_DIAGS_INIT;

	*cfg = NULL;
	*m = kc_cli_args_model(a);
	if (!*m)
		return -1;
	if (a->positional.len) {
		*cfg = kc_cli_read_config(&a->src, a->positional.items[0], &d);
		kc_cli_print_diags(&a->src, &d);
	}
	kc_diags_free(&d);
	return a->positional.len && !*cfg ? -1 : 0;
}

static bool env_options_valid(const struct kc_model_source *src)
{
	size_t i;

	for (i = 0; i < src->env.len; i++) {
		const char *v = src->env.items[i];

		if (!strchr(v, '=') || v[0] == '=') {
			kc_cli_usage_error("--env takes NAME=VALUE, not '%s'", v);
			return false;
		}
	}
	return true;
}

/* Variables for the Kconfig macros: explicit ones, then (with --shell) the
 * process environment. */
struct env_table {
	struct kc_vec names;
	struct kc_vec values;
	bool process;
};

static void env_set(struct env_table *t, const char *name, const char *value)
{
	kc_vec_push(&t->names, kc_xstrdup(name));
	kc_vec_push(&t->values, kc_xstrdup(value));
}

static const char *env_get(void *ctx, const char *name)
{
	struct env_table *t = ctx;
	size_t i;

	/* Later settings win, as on a command line. */
	for (i = t->names.len; i-- > 0;)
		if (!strcmp(t->names.items[i], name))
			return t->values.items[i];
	return t->process ? getenv(name) : NULL;
}

/*
 * NAME, unless set: the first line of "$TOOL --version" (in the C
 * locale, as the Makefile asks), without '#' when 'no_hash'.
 */
static void version_text(struct env_table *t, const char *name,
			 const char *tool, bool no_hash)
{
	struct kc_buf b = KC_BUF_INIT;
	char line[512] = "";
	char *cmd;
	FILE *p;
	size_t i;

	if (env_get(t, name))
		return;
	cmd = kc_xasprintf("LC_ALL=C %s --version 2>/dev/null", env_get(t, tool));
	p = popen(cmd, "r");
	free(cmd);
	if (p) {
		if (!fgets(line, sizeof(line), p))
			line[0] = '\0';
		while (fgetc(p) != EOF)
			;	/* the rest, so the tool is not cut off */
		pclose(p);
	}
	for (i = 0; line[i] && line[i] != '\n'; i++)
		if (line[i] != '#' || !no_hash)
			kc_buf_addc(&b, line[i]);
	env_set(t, name, kc_buf_str(&b));
	kc_buf_free(&b);
}

/*
 * CLANG_FLAGS, unless set, when CC is clang: what the top Makefile
 * includes from scripts/Makefile.clang, for the probes of
 * scripts/Kconfig.include to ask about the target and not the host: the
 * target triple of SRCARCH (SUBARCH's for um), the assembler (LLVM_IAS=0:
 * GNU's, found beside "$(CROSS_COMPILE)elfedit"), and the four warnings
 * made errors.
 */
static void clang_flags(struct env_table *t)
{
	static const char *const triples[][2] = {
		{ "arm", "arm-linux-gnueabi" },	{ "arm64", "aarch64-linux-gnu" },
		{ "hexagon", "hexagon-linux-musl" },
		{ "loongarch", "loongarch64-linux-gnusf" },
		{ "m68k", "m68k-linux-gnu" },	{ "mips", "mipsel-linux-gnu" },
		{ "powerpc", "powerpc64le-linux-gnu" },
		{ "riscv", "riscv64-linux-gnu" }, { "s390", "s390x-linux-gnu" },
		{ "x86", "x86_64-linux-gnu" },
	};
	const char *text = env_get(t, "CC_VERSION_TEXT");
	const char *arch = env_get(t, "SRCARCH"), *ias = env_get(t, "LLVM_IAS");
	const char *cross = env_get(t, "CROSS_COMPILE");
	struct kc_buf b = KC_BUF_INIT;
	size_t i;

	if (env_get(t, "CLANG_FLAGS") || !text || !strstr(text, "clang"))
		return;
	if (arch && !strcmp(arch, "um"))
		arch = kc_cli_srcarch(env_get(t, "SUBARCH") ? env_get(t, "SUBARCH") :
				      "x86");
	for (i = 0; arch && i < sizeof(triples) / sizeof(triples[0]); i++)
		if (!strcmp(arch, triples[i][0]))
			kc_buf_addf(&b, "--target=%s", triples[i][1]);
	if (ias && !strcmp(ias, "0")) {
		char *cmd = kc_xasprintf("command -v %selfedit 2>/dev/null",
					 cross ? cross : "");
		char path[512] = "";
		FILE *p = popen(cmd, "r");
		const char *base = cross ? strrchr(cross, '/') : NULL;
		char *slash;

		free(cmd);
		if (p) {
			if (!fgets(path, sizeof(path), p))
				path[0] = '\0';
			while (fgetc(p) != EOF)
				;
			pclose(p);
		}
		/* make's $(dir): up to the last '/', kept; nothing when none */
		slash = strrchr(path, '/');
		if (slash)
			slash[1] = '\0';
		else
			path[0] = '\0';
		kc_buf_addf(&b, " -fno-integrated-as --prefix=%s%s", path,
			    base ? base + 1 : cross ? cross : "");
	} else {
		kc_buf_adds(&b, " -fintegrated-as");
	}
	kc_buf_adds(&b, " -Werror=unknown-warning-option"
		    " -Werror=ignored-optimization-argument"
		    " -Werror=option-ignored"
		    " -Werror=unused-command-line-argument");
	env_set(t, "CLANG_FLAGS", b.len && kc_buf_str(&b)[0] == ' ' ?
		kc_buf_str(&b) + 1 : kc_buf_str(&b));
	kc_buf_free(&b);
}

/*
 * With --shell, what the kernel's top Makefile sets for Kconfig when
 * neither the environment nor --env does: the tool names (with
 * CROSS_COMPILE before the cross tools, or LLVM's names when LLVM is set:
 * "1", a "PATH/" prefix or a "-VERSION" suffix, for the host compilers
 * too), CC_VERSION_TEXT, the first line of "$CC --version" without '#',
 * RUSTC_VERSION_TEXT, and with clang CLANG_FLAGS (clang_flags()).
 * Without them the probes in scripts/Kconfig.include ask an empty
 * compiler and stop.  (make lets its
 * Makefile's CC win over the environment's; here the environment, which
 * stands for make's command line, wins.)
 */
static void toolchain_defaults(struct env_table *t)
{
	/* name, GNU's, LLVM's; CROSS_COMPILE goes before the first eight */
	static const char *const tools[][3] = {
		{ "CC", "gcc", "clang" },	  { "LD", "ld", "ld.lld" },
		{ "AR", "ar", "llvm-ar" },	  { "NM", "nm", "llvm-nm" },
		{ "OBJCOPY", "objcopy", "llvm-objcopy" },
		{ "OBJDUMP", "objdump", "llvm-objdump" },
		{ "READELF", "readelf", "llvm-readelf" },
		{ "STRIP", "strip", "llvm-strip" },
		{ "HOSTCC", "gcc", "clang" },	  { "HOSTCXX", "g++", "clang++" },
	};
	const size_t n_cross = 8;
	static const char *const host[][2] = {
		{ "CONFIG_SHELL", "sh" },  { "HOSTPKG_CONFIG", "pkg-config" },
		{ "PAHOLE", "pahole" },	    { "PERL", "perl" },
		{ "PYTHON3", "python3" },  { "RUSTC", "rustc" },
		{ "BINDGEN", "bindgen" },
	};
	const char *llvm = env_get(t, "LLVM");
	const char *prefix = env_get(t, "CROSS_COMPILE");
	const char *lpre = "", *lsuf = "";
	struct kc_buf b = KC_BUF_INIT;
	size_t i, n;

	if (llvm && *llvm) {
		n = strlen(llvm);
		if (llvm[n - 1] == '/')
			lpre = llvm;
		else if (llvm[0] == '-')
			lsuf = llvm;
	}
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (env_get(t, tools[i][0]))
			continue;
		kc_buf_reset(&b);
		if (llvm && *llvm)
			kc_buf_addf(&b, "%s%s%s", lpre, tools[i][2], lsuf);
		else
			kc_buf_addf(&b, "%s%s", prefix && i < n_cross ? prefix : "",
				    tools[i][1]);
		env_set(t, tools[i][0], kc_buf_str(&b));
	}
	for (i = 0; i < sizeof(host) / sizeof(host[0]); i++)
		if (!env_get(t, host[i][0]))
			env_set(t, host[i][0], host[i][1]);
	version_text(t, "CC_VERSION_TEXT", "CC", true);
	version_text(t, "RUSTC_VERSION_TEXT", "RUSTC", false);
	clang_flags(t);
	kc_buf_free(&b);
}

static void env_free(struct env_table *t)
{
	size_t i;

	for (i = 0; i < t->names.len; i++) {
		free(t->names.items[i]);
		free(t->values.items[i]);
	}
	kc_vec_free(&t->names);
	kc_vec_free(&t->values);
}

/*
 * KERNELVERSION from the tree's top Makefile (the Kbuild layer reads it).
 * A tree whose Makefile says no version is an error: the Kconfig files
 * and the rules' version limits both depend on it.
 */
static int kernel_version(const struct kc_model_source *src,
			  const struct kc_fs *fs, struct env_table *t,
			  char **version)
{
	struct kc_diags d = KC_DIAGS_INIT;
	struct kc_kernel_version v;
	struct kc_buf b = KC_BUF_INIT;
	int rc = kc_kbuild_kernel_version(fs, "Makefile", &v, &d);

	kc_cli_print_diags(src, &d);
	kc_diags_free(&d);
	if (rc < 0)
		return -1;
	kc_kernel_version_string(&v, &b);
	env_set(t, "KERNELVERSION", kc_buf_str(&b));
	*version = kc_xstrdup(kc_buf_str(&b));
	kc_buf_free(&b);
	return 0;
}

static void print_message(void *ctx, enum kc_pp_message kind,
			  const char *file, int line, const char *text)
{
	struct kc_model_source *src = ctx;

	/* $(info) and $(warning-if) are neither errors nor the answer. */
	if (src->quiet)
		return;
	if (kind == KC_PP_INFO) {
		FILE *out = src->info_to_stderr ? stderr : stdout;

		fprintf(out, "%s\n", text);
		fflush(out);
	} else {
		fprintf(stderr, "%s:%d: %s\n", file, line, text);
	}
}

#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define CYAN "\033[1;36m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* As kc_diag_format(), coloured as the text report is. */
static void format_color(const struct kc_diag *diag, struct kc_buf *out)
{
	enum kc_severity sev = diag->severity;

	kc_buf_adds(out, BOLD);
	if (diag->file) {
		kc_buf_adds(out, diag->file);
		if (diag->line > 0)
			kc_buf_addf(out, ":%d", diag->line);
		if (diag->line > 0 && diag->col > 0)
			kc_buf_addf(out, ":%d", diag->col);
		kc_buf_adds(out, ": ");
	}
	kc_buf_addf(out, "%s%s:" RESET BOLD " %s" RESET,
		    sev == KC_SEV_ERROR ? RED : sev == KC_SEV_WARNING ? MAGENTA :
									CYAN,
		    kc_severity_name(sev), diag->message);
}

void kc_cli_print_diags(const struct kc_model_source *src,
			const struct kc_diags *d)
{
	bool color = kc_cli_color(src, STDERR_FILENO);
	struct kc_buf line = KC_BUF_INIT;
	size_t i;

	for (i = 0; i < d->len; i++) {
		if (src->quiet && !src->diags_are_answer &&
		    d->items[i].severity != KC_SEV_ERROR)
			continue;
		kc_buf_reset(&line);
		if (color)
			format_color(&d->items[i], &line);
		else
			kc_diag_format(&d->items[i], &line);
		fprintf(stderr, "%s\n", kc_buf_str(&line));
	}
	kc_buf_free(&line);
}

/*
 * srctree for the Kconfig macros.  Files are read relative to the tree
 * and the probes run in it, so a relative name would name the wrong place
 * from there: "." says the same (an in-tree build, as make run in the tree
 * sees it).  An absolute name stays, as the kernel reads it.
 */
static const char *tree_name(const char *root)
{
	return root[0] == '/' ? root : ".";
}

/*
 * With --shell, the commands see what make would export to them: the
 * variables of the table (--env, the derived ones, the defaults) over the
 * process environment.
 */
static void export_table(const struct env_table *t)
{
	size_t i;

	for (i = 0; i < t->names.len; i++)
		setenv(t->names.items[i], t->values.items[i], 1);
}

struct kc_model *kc_cli_load_model(struct kc_model_source *src)
{
	struct kc_parse_options opt = { 0 };
	struct kc_embedded_fs efs;
	struct kc_disk_fs dfs;
	struct env_table env = { KC_VEC_INIT, KC_VEC_INIT, src->shell };
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_model *m = NULL;
	const char *root = NULL;
	char *version = NULL;
	size_t i;

	if (!env_options_valid(src))
		return NULL;
	if (src->max_file_size && parse_size(src->max_file_size,
					     &src->max_size) < 0) {
		kc_cli_usage_error("--max-file-size %s: not a size (a number of bytes, or with K, M or G)",
				   src->max_file_size);
		return NULL;
	}
	if ((src->kconfig_dir != NULL) + (src->srctree != NULL) +
		    (src->model != NULL) > 1) {
		kc_cli_usage_error("--model, --kconfig and --srctree exclude each other");
		return NULL;
	}
	if (src->srctree && !src->arch) {
		kc_cli_usage_error("--srctree needs --arch (as in make ARCH=...)");
		return NULL;
	}
	if (src->arch && !src->srctree) {
		kc_cli_usage_error("--arch goes with --srctree");
		return NULL;
	}
	if (src->kernel_version && src->srctree) {
		kc_cli_usage_error("--kernel-version goes with --kconfig or --model; a --srctree tree's Makefile says its version");
		return NULL;
	}
	root = src->srctree ? src->srctree : src->kconfig_dir;
	if (src->fs) {
		/* Another provider (a git revision) over the same folder. */
		opt.fs = src->fs;
		kc_fs_set_max_size(src->fs, src->max_size);
		opt.shell_dir = src->fs_root;
		env_set(&env, "srctree", tree_name(src->fs_root));
		root = NULL;
	} else if (root) {
		kc_cli_disk_fs_init(src, &dfs, root);
		opt.fs = &dfs.fs;
		opt.shell_dir = root;
		env_set(&env, "srctree", tree_name(root));
		if (check_tree(src, opt.fs, root) < 0)
			goto out_fs;
	} else {
		const char *name = src->model ? src->model :
						KC_EMBEDDED_DEFAULT_MODEL;

		if (kc_embedded_fs_init(&efs, name) < 0) {
			char *label = kc_xasprintf("--model %s", name);

			unknown_model(label, name, "model");
			free(label);
			goto out;
		}
		opt.fs = &efs.fs;
	}
	if (src->srctree) {
		env_set(&env, "ARCH", src->arch);
		env_set(&env, "SRCARCH", kc_cli_srcarch(src->arch));
		/*
		 * arch/um/Kconfig sources arch/$(HEADER_ARCH)/um/Kconfig;
		 * arch/um/Makefile sets it from the host, and x86 is the
		 * only host with such a file.  --env can say otherwise.
		 */
		if (src->arch && !strcmp(src->arch, "um"))
			env_set(&env, "HEADER_ARCH", "x86");
		if (kernel_version(src, opt.fs, &env, &version) < 0)
			goto out_fs;
		opt.kernel_version = version;
	} else if (src->kernel_version) {
		opt.kernel_version = src->kernel_version;
	} else if (!root) {
		/* docs/embedded-model.md: the version each model stands for. */
		opt.kernel_version = kc_rules_embedded_version(
			src->model ? src->model : KC_EMBEDDED_DEFAULT_MODEL);
	}
	for (i = 0; i < src->env.len; i++) {
		const char *kv = src->env.items[i];
		char *name = kc_xstrndup(kv, (size_t)(strchr(kv, '=') - kv));

		env_set(&env, name, strchr(kv, '=') + 1);
		free(name);
	}
	if (src->shell && (src->srctree || src->kconfig_dir || src->fs))
		toolchain_defaults(&env);
	if (src->shell)
		export_table(&env);
	opt.run_shell = src->shell;
	opt.getenv = env_get;
	opt.env_ctx = &env;
	opt.message = print_message;
	opt.message_ctx = src;
	m = kc_parse(&opt, &diags);
	kc_cli_print_diags(src, &diags);
	src->warnings = diags.warnings;
out_fs:
	if (root)
		kc_disk_fs_release(&dfs);
out:
	kc_diags_free(&diags);
	env_free(&env);
	free(version);
	return m;
}
