/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fs.c - the file provider interface, the on-disk provider, and atomic
 * writes of output files.
 *
 * Reading is capped: a provider never returns more than its max_size
 * bytes, so /dev/zero, a FIFO or a huge file is an error with a reason
 * and never an out-of-memory abort.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kc_base.h"

/* ---- the provider interface ------------------------------------------- */

int kc_fs_read(const struct kc_fs *fs, const char *path, char **data,
	       size_t *len, const char **why)
{
	return fs->read(fs->ctx, path, data, len, why);
}

int kc_fs_list(const struct kc_fs *fs, const char *path, struct kc_vec *names,
	       const char **why)
{
	if (!fs->list)
		return 1;
	return fs->list(fs->ctx, path, names, why);
}

char *kc_fs_canonical(const struct kc_fs *fs, const char *path)
{
	if (!fs->canonical)
		return kc_xstrdup(path);
	return fs->canonical(fs->ctx, path);
}

void kc_fs_set_max_size(struct kc_fs *fs, size_t max)
{
	fs->max_size = max ? max : KC_FS_MAX_SIZE;
}

const char *kc_fs_too_large(char *buf, size_t n, size_t max)
{
	const char *unit = "bytes";
	size_t shown = max;

	if (max >= ((size_t)1 << 20) && !(max & (((size_t)1 << 20) - 1))) {
		shown = max >> 20;
		unit = "MiB";
	} else if (max >= 1024 && !(max & 1023)) {
		shown = max >> 10;
		unit = "KiB";
	}
	snprintf(buf, n,
		 "larger than the %zu %s limit (raise it with --max-file-size)",
		 shown, unit);
	return buf;
}

/* ---- reading from disk ---------------------------------------------------- */

/* Reads what fd holds, at most max + 1 bytes; -1 with errno, -2 over max. */
static int read_capped(int fd, const struct stat *st, size_t max, char **data,
		       size_t *len)
{
	size_t cap, got = 0;
	char *buf;

	if (S_ISREG(st->st_mode) && (uintmax_t)st->st_size > max)
		return -2;
	/*
	 * A regular file: its size, a byte for the read that finds the end
	 * (without it the buffer would double, copied, for nothing) and one
	 * for the final NUL.
	 */
	cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 2 : 4096;
	buf = kc_xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (got + 1 >= cap)
			KC_GROW(buf, cap, got + 2);
		n = read(fd, buf + got, cap - got - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > max) {
			free(buf);
			return -2;
		}
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

static int disk_read_file(struct kc_disk_fs *dfs, const char *path,
			  char **data, size_t *len, const char **why)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		close(fd);
		return -1;
	}
	ret = read_capped(fd, &st, dfs->fs.max_size, data, len);
	if (ret == -1)
		*why = strerror(errno);
	else if (ret == -2)
		*why = kc_fs_too_large(dfs->why, sizeof(dfs->why),
				       dfs->fs.max_size);
	close(fd);
	return ret < 0 ? -1 : 0;
}

/* The path on disk: inside root unless absolute; malloc'd. */
static char *disk_path(const struct kc_disk_fs *dfs, const char *path)
{
	if (path[0] == '/' || !dfs->root || !dfs->root[0])
		return kc_xstrdup(path);
	return kc_xasprintf("%s/%s", dfs->root, path);
}

static int disk_read(void *ctx, const char *path, char **data, size_t *len,
		     const char **why)
{
	struct kc_disk_fs *dfs = ctx;
	char *full = disk_path(dfs, path);
	int ret = disk_read_file(dfs, full, data, len, why);

	free(full);
	return ret;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int disk_list(void *ctx, const char *path, struct kc_vec *names,
		     const char **why)
{
	char *full = disk_path(ctx, path);
	DIR *dp = opendir(full);
	size_t from = names->len;
	struct dirent *e;

	free(full);
	if (!dp && errno == ENOTDIR)
		return 1;
	if (!dp) {
		*why = strerror(errno);
		return -1;
	}
	while ((e = readdir(dp))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			kc_vec_push(names, kc_xstrdup(e->d_name));
	}
	closedir(dp);
	qsort(names->items + from, names->len - from, sizeof(*names->items),
	      compare_names);
	return 0;
}

static char *disk_canonical(void *ctx, const char *path)
{
	char *full = disk_path(ctx, path);
	char *real = realpath(full, NULL);

	free(full);
	return real;
}

void kc_disk_fs_init(struct kc_disk_fs *dfs, const char *root)
{
	memset(dfs, 0, sizeof(*dfs));
	dfs->fs.read = disk_read;
	dfs->fs.list = disk_list;
	dfs->fs.canonical = disk_canonical;
	dfs->fs.ctx = dfs;
	dfs->fs.max_size = KC_FS_MAX_SIZE;
	dfs->root = root ? kc_xstrdup(root) : NULL;
}

void kc_disk_fs_release(struct kc_disk_fs *dfs)
{
	free(dfs->root);
	dfs->root = NULL;
}

/* ---- atomic writes ------------------------------------------------------------ */

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Devices and pipes (e.g. /dev/null) are written in place. */
static int write_in_place(const char *path, const char *data, size_t len,
			  const char **why)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (write_all(fd, data, len) < 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		*why = strerror(errno);
		return -1;
	}
	return 0;
}

/*
 * Creates a temporary file next to 'path' with open()'s mode 0666, so the
 * kernel applies the umask exactly as it would to the file itself
 * (mkstemp's 0600 would hide the umask, and umask() cannot be read
 * without changing it).
 */
static int create_temp(const char *path, char **tmp)
{
	struct timespec ts;
	int attempt, fd = -1;

	clock_gettime(CLOCK_REALTIME, &ts);
	for (attempt = 0; attempt < 100 && fd < 0; attempt++) {
		*tmp = kc_xasprintf("%s.tmp.%ld.%lx", path, (long)getpid(),
				    (unsigned long)ts.tv_nsec + (unsigned long)attempt);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0) {
			free(*tmp);
			*tmp = NULL;
			if (errno != EEXIST)
				return -1;
		}
	}
	return fd;
}

/*
 * Makes the rename durable.  Some file systems cannot sync a folder
 * (EINVAL); for them the rename is as durable as it gets.
 */
static int sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, ret = 0;

	if (!slash)
		dir = kc_xstrdup(".");
	else if (slash == path)
		dir = kc_xstrdup("/");
	else
		dir = kc_xstrndup(path, (size_t)(slash - path));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL)
		ret = -1;
	if (close(fd) < 0)
		ret = -1;
	return ret;
}

/* Writes, keeps the mode of a file replaced, syncs and closes fd. */
static int fill_temp(int fd, const char *data, size_t len,
		     const struct stat *old)
{
	int ret = 0;

	if (write_all(fd, data, len) < 0)
		ret = -1;
	else if (old && fchmod(fd, old->st_mode & 07777) < 0)
		ret = -1;
	else if (fsync(fd) < 0)
		ret = -1;
	if (ret < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/*
 * The file a chain of symbolic links ends at (path itself when it is no
 * link, or names nothing yet), malloc'd; a relative link is read from its
 * own folder.  NULL with errno set on an unreadable link or a chain of
 * more than 40 (Linux's own MAXSYMLINKS).
 */
static char *follow_links(const char *path)
{
	char *cur = kc_xstrdup(path), target[PATH_MAX];
	int hops;

	for (hops = 0;; hops++) {
		const char *slash;
		struct stat st;
		ssize_t n;
		char *next;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		if (hops == 40) {
			errno = ELOOP;
			break;
		}
		n = readlink(cur, target, sizeof(target));
		if (n < 0 || (size_t)n >= sizeof(target)) {
			if (n >= 0)
				errno = ENAMETOOLONG;
			break;
		}
		target[n] = '\0';
		slash = strrchr(cur, '/');
		if (target[0] == '/' || !slash)
			next = kc_xstrdup(target);
		else
			next = kc_xasprintf("%.*s/%s", (int)(slash - cur), cur,
					    target);
		free(cur);
		cur = next;
	}
	free(cur);
	return NULL;
}

static int write_file(const char *path, const char *data, size_t len,
		      const char **why)
{
	struct stat st;
	bool replaces;
	char *tmp;
	int fd;

	replaces = stat(path, &st) == 0;
	if (replaces && !S_ISREG(st.st_mode))
		return write_in_place(path, data, len, why);
	fd = create_temp(path, &tmp);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fill_temp(fd, data, len, replaces ? &st : NULL) < 0 ||
	    rename(tmp, path) < 0) {
		*why = strerror(errno);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	if (sync_folder(path) < 0) {
		*why = strerror(errno);
		return -1;
	}
	return 0;
}

int kc_write_file_atomic(const char *path, const char *data, size_t len,
			 const char **why)
{
	char *target;
	int ret;

	if (!strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, data, len) < 0) {
			*why = strerror(errno);
			return -1;
		}
		return 0;
	}
	target = follow_links(path);
	if (!target) {
		*why = strerror(errno);
		return -1;
	}
	ret = write_file(target, data, len, why);
	free(target);
	return ret;
}

bool kc_path_in(const char *dir, const char *path)
{
	size_t n;

	while (!strncmp(dir, "./", 2))
		dir += 2;
	while (!strncmp(path, "./", 2))
		path += 2;
	n = strlen(dir);
	while (n && dir[n - 1] == '/')
		n--;
	if (!n || (n == 1 && dir[0] == '.'))
		return true;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}
