/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fs.c - reading files from disk, and the on-disk file provider.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kc_base.h"

int kc_read_file(const char *path, char **data, size_t *len, const char **why)
{
	struct stat st;
	size_t cap, got = 0;
	char *buf;
	int fd;

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
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
	buf = kc_xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (got + 1 >= cap) {
			cap *= 2;
			buf = kc_xrealloc(buf, cap);
		}
		n = read(fd, buf + got, cap - got - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

static int disk_read(void *ctx, const char *path, char **data, size_t *len,
		     const char **why)
{
	struct kc_disk_fs *dfs = ctx;
	char *full;
	int ret;

	if (path[0] == '/' || !dfs->root || !dfs->root[0])
		return kc_read_file(path, data, len, why);
	full = kc_xasprintf("%s/%s", dfs->root, path);
	ret = kc_read_file(full, data, len, why);
	free(full);
	return ret;
}

void kc_disk_fs_init(struct kc_disk_fs *dfs, const char *root)
{
	dfs->fs.read = disk_read;
	dfs->fs.ctx = dfs;
	dfs->root = root ? kc_xstrdup(root) : NULL;
}

void kc_disk_fs_release(struct kc_disk_fs *dfs)
{
	free(dfs->root);
	dfs->root = NULL;
}

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

int kc_write_file_atomic(const char *path, const char *data, size_t len,
			 const char **why)
{
	char *tmp;
	int fd;

	if (!strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, data, len) < 0) {
			*why = strerror(errno);
			return -1;
		}
		return 0;
	}
	/* Devices and pipes (e.g. /dev/null) are written directly. */
	{
		struct stat st;

		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			fd = open(path, O_WRONLY | O_CLOEXEC);
			if (fd < 0 || write_all(fd, data, len) < 0) {
				*why = strerror(errno);
				if (fd >= 0)
					close(fd);
				return -1;
			}
			close(fd);
			return 0;
		}
	}
	tmp = kc_xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		*why = strerror(errno);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		*why = strerror(errno);
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	close(fd);
	if (rename(tmp, path) < 0) {
		*why = strerror(errno);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
