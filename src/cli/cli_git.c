/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_git.c - a file provider over a git revision (or the index) of a
 * folder in a work tree, for `diff HEAD: INDEX:` in a pre-commit hook:
 * the staged Kconfig files are compared with the committed ones without
 * touching the work tree.
 *
 * Files come from one `git cat-file --batch` process (one request per
 * file, no process per file: a kernel tree sources some 1,700 Kconfig
 * files); folder listings, needed only for wildcards in `source`, from
 * `git ls-tree` (or `git ls-files` for the index).  git runs with an
 * argument vector, never through a shell.  Reading git's objects runs no
 * code from the tree, so the check stays hermetic.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/*
 * A pipe whose ends a child does not inherit past exec (dup2 onto its
 * standard streams clears the flag there): a second git process must not
 * hold the first one's input open, or the first never sees its end.
 */
static int cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Runs git with argv in 'dir'; its standard output into 'out'. */
static int run_git(const char *dir, const char *const *args, struct kc_buf *out)
{
	int fd[2], status;
	char chunk[4096];
	ssize_t n;
	pid_t pid;

	if (cloexec_pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		/* A missing folder is an answer here, not an error to show. */
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		if (chdir(dir) < 0)
			_exit(127);
		execvp("git", (char *const *)args);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			kc_buf_add(out, chunk, (size_t)n);
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/* "a/./b" and "./a" as git names them: "a/b". */
static char *object_name(const struct kc_git_fs *g, const char *path)
{
	struct kc_buf b = KC_BUF_INIT;

	while (!strncmp(path, "./", 2))
		path += 2;
	if (!strcmp(path, "."))
		path = "";	/* the folder itself */
	kc_buf_addf(&b, "%s:%s%s", g->rev ? g->rev : "", g->prefix, path);
	return kc_buf_detach(&b);
}

/* Skips 'len' bytes of cat-file's output (and its newline). */
static void skip(FILE *from, size_t len)
{
	while (len-- + 1 && getc(from) != EOF)
		;
}

static int git_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	struct kc_git_fs *g = ctx;
	char *name, header[256], type[32];
	unsigned long long size;

	if (path[0] == '/') {
		*why = "an absolute path is outside the revision";
		return -1;
	}
	name = object_name(g, path);
	fprintf(g->to, "%s\n", name);
	free(name);
	fflush(g->to);
	if (!fgets(header, sizeof(header), g->from) ||
	    sscanf(header, "%*s %31s %llu", type, &size) != 2) {
		snprintf(g->why, sizeof(g->why), "not in %s",
			 g->rev ? g->rev : "the index");
		*why = g->why;
		return -1;
	}
	if (strcmp(type, "blob") || size > g->fs.max_size) {
		skip(g->from, (size_t)size);
		*why = strcmp(type, "blob") ? "not a file" :
		       kc_fs_too_large(g->why, sizeof(g->why), g->fs.max_size);
		return -1;
	}
	*data = kc_xmalloc((size_t)size + 1);
	*len = fread(*data, 1, (size_t)size, g->from);
	(*data)[*len] = '\0';
	getc(g->from);
	return 0;
}

/* The entries of folder 'dir' ("" the top), made on first use. */
static struct kc_vec *entries(struct kc_git_fs *g, const char *dir, size_t n)
{
	char *key = kc_xstrndup(dir, n);
	struct kc_vec *v = kc_map_get(g->listing, key);

	if (!v) {
		v = kc_xcalloc(1, sizeof(*v));
		kc_vec_push(&g->listing_vecs, v);
		kc_map_put(g->listing, key, v);
		kc_vec_push(&g->listing_vecs, key);	/* freed with the vectors */
		return v;
	}
	free(key);
	return v;
}

/*
 * The whole folder listed once (ls-tree -r for a revision, ls-files for
 * the index, both sorted): every file's path gives its name to its folder
 * and each folder on the way its name to its parent, so a kernel tree
 * costs one git process, not one per folder.
 */
static void list_all(struct kc_git_fs *g)
{
	struct kc_buf out = KC_BUF_INIT;
	char *spec = object_name(g, "");
	/* --full-tree: else a folder inside the repository filters the
	 * paths of its own tree object by its name once more */
	const char *tree_args[] = { "git", "ls-tree", "-r", "--full-tree",
				    "--name-only", spec, NULL };
	const char *index_args[] = { "git", "ls-files", "--", ".", NULL };
	char *line, *save = NULL, *slash;

	g->listed = true;
	g->listing = kc_map_new(4096);
	if (run_git(g->tree, g->rev ? tree_args : index_args, &out) < 0 ||
	    !out.data) {
		kc_buf_free(&out);
		free(spec);
		return;
	}
	g->listing_text = kc_buf_detach(&out);
	for (line = strtok_r(g->listing_text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t at = 0;

		for (;;) {
			struct kc_vec *v = entries(g, line, at ? at - 1 : 0);
			const char *name = line + at;
			size_t len;

			slash = strchr(name, '/');
			len = slash ? (size_t)(slash - name) : strlen(name);
			if (!v->len || strncmp(v->items[v->len - 1], name, len) ||
			    ((const char *)v->items[v->len - 1])[len])
				kc_vec_push(v, kc_xstrndup(name, len));
			if (!slash)
				break;
			at = (size_t)(slash - line) + 1;
		}
	}
	free(spec);
}

/* The entries of a folder, from the listing of the whole. */
static int git_list(void *ctx, const char *path, struct kc_vec *names,
		    const char **why)
{
	struct kc_git_fs *g = ctx;
	const struct kc_vec *v;
	char *dir;
	size_t i, n;

	while (!strncmp(path, "./", 2))
		path += 2;
	if (!strcmp(path, "."))
		path = "";	/* the folder itself */
	if (!g->listed)
		list_all(g);
	dir = kc_xstrdup(path);
	n = strlen(dir);
	while (n && dir[n - 1] == '/')
		dir[--n] = '\0';
	v = kc_map_get(g->listing, dir);
	free(dir);
	if (!v) {
		*why = "no such folder in the revision";
		return -1;
	}
	for (i = 0; i < v->len; i++)
		kc_vec_push(names, kc_xstrdup(v->items[i]));
	return 0;
}

static int start_cat_file(struct kc_git_fs *g)
{
	int in[2], out[2];
	pid_t pid;

	if (cloexec_pipe(in) < 0)
		return -1;
	if (cloexec_pipe(out) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		if (chdir(g->tree) < 0)
			_exit(127);
		execlp("git", "git", "cat-file", "--batch", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	g->pid = pid;
	g->to = fdopen(in[1], "w");
	g->from = fdopen(out[0], "r");
	return g->to && g->from ? 0 : -1;
}

int kc_cli_git_fs_init(struct kc_git_fs *g, const char *tree, const char *rev)
{
	struct kc_buf out = KC_BUF_INIT;
	const char *prefix_args[] = { "git", "rev-parse", "--show-prefix",
				      NULL };
	char *spec = NULL;
	bool index = !rev[0] || !strcmp(rev, "INDEX");
	const char *verify_args[] = { "git", "rev-parse", "--verify", "--quiet",
				      NULL, NULL };

	memset(g, 0, sizeof(*g));
	if (run_git(tree, prefix_args, &out) < 0) {
		kc_buf_free(&out);
		kc_cli_usage_error("'%s' is not inside a git work tree (or git cannot be run)",
				   tree);
		return -1;
	}
	if (!index) {
		spec = kc_xasprintf("%s^{tree}", rev);
		verify_args[4] = spec;
		kc_buf_reset(&out);
		if (run_git(tree, verify_args, &out) < 0) {
			free(spec);
			kc_buf_free(&out);
			kc_cli_usage_error("'%s' is no revision of the git repository at '%s'",
					   rev, tree);
			return -1;
		}
		free(spec);
		kc_buf_reset(&out);
		run_git(tree, prefix_args, &out);
	}
	g->prefix = kc_xstrndup(kc_buf_str(&out), strcspn(kc_buf_str(&out), "\n"));
	kc_buf_free(&out);
	g->tree = kc_xstrdup(tree);
	g->rev = index ? NULL : kc_xstrdup(rev);
	g->fs.read = git_read;
	g->fs.list = git_list;
	g->fs.ctx = g;
	kc_fs_set_max_size(&g->fs, 0);
	if (start_cat_file(g) < 0) {
		kc_cli_git_fs_release(g);
		kc_cli_usage_error("cannot run git cat-file in '%s'", tree);
		return -1;
	}
	return 0;
}

int kc_cli_git_changed(const struct kc_git_fs *old,
		       const struct kc_git_fs *new, struct kc_vec *paths)
{
	/*
	 * Both paths of a rename (--no-renames), unquoted and NUL-separated
	 * (-z), whatever core.quotePath says.
	 */
	const char *args[12] = { "git", "diff", "--name-only", "--relative",
				 "--no-renames", "-z" };
	struct kc_buf out = KC_BUF_INIT;
	const char *p, *e, *end;
	size_t n = 6;

	if (!old->rev && !new->rev)
		return 0;	/* the index against itself */
	if (!old->rev || !new->rev)
		args[n++] = "--cached";
	if (old->rev)
		args[n++] = old->rev;
	if (new->rev)
		args[n++] = new->rev;
	args[n++] = "--";
	args[n++] = ".";
	args[n] = NULL;
	if (run_git(new->tree, args, &out) < 0) {
		kc_buf_free(&out);
		return -1;
	}
	end = kc_buf_str(&out) + out.len;
	for (p = kc_buf_str(&out); p < end; p = e + 1) {
		e = p + strnlen(p, (size_t)(end - p));
		if (e > p)
			kc_vec_push(paths, kc_xstrndup(p, (size_t)(e - p)));
	}
	kc_buf_free(&out);
	return 0;
}

void kc_cli_git_fs_release(struct kc_git_fs *g)
{
	int status;
	size_t i, k;

	for (i = 0; i + 1 < g->listing_vecs.len; i += 2) {
		struct kc_vec *v = g->listing_vecs.items[i];

		for (k = 0; k < v->len; k++)
			free(v->items[k]);
		kc_vec_free(v);
		free(v);
		free(g->listing_vecs.items[i + 1]);
	}
	kc_vec_free(&g->listing_vecs);
	kc_map_free(g->listing);
	free(g->listing_text);
	g->listing = NULL;
	g->listing_text = NULL;
	g->listed = false;

	if (g->to)
		fclose(g->to);
	if (g->from)
		fclose(g->from);
	if (g->pid > 0)
		while (waitpid(g->pid, &status, 0) < 0 && errno == EINTR)
			;
	free(g->tree);
	free(g->rev);
	free(g->prefix);
	memset(g, 0, sizeof(*g));
}
