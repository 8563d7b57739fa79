// SPDX-License-Identifier: GPL-2.0-only
/*
 * replay_main.c - runs a harness on files instead of under libFuzzer, so
 * the normal and sanitizer builds replay fuzz/regressions/ and the seed
 * corpora with gcc.  Each argument is a file or a folder of files.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kc_base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	struct kc_disk_fs dfs;
	const char *why;
	char *data, *exact;
	size_t len;
	int rc;

	kc_disk_fs_init(&dfs, NULL);
	rc = kc_fs_read(&dfs.fs, path, &data, &len, &why);
	if (rc < 0)
		fprintf(stderr, "%s: cannot read: %s\n", path, why);
	kc_disk_fs_release(&dfs);
	if (rc < 0)
		return -1;
	/* Exactly len bytes, as libFuzzer gives them: a read past is caught. */
	exact = kc_xmalloc(len ? len : 1);
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput((const uint8_t *)exact, len);
	free(exact);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of a folder, sorted, so runs are repeatable. */
static int replay_dir(const char *dir, size_t *count)
{
	struct kc_vec names = KC_VEC_INIT;
	struct dirent *e;
	DIR *dp = opendir(dir);
	size_t i;
	int rc = 0;

	if (!dp) {
		fprintf(stderr, "%s: cannot open folder\n", dir);
		return -1;
	}
	while ((e = readdir(dp)))
		if (e->d_name[0] != '.')
			kc_vec_push(&names, kc_xasprintf("%s/%s", dir, e->d_name));
	closedir(dp);
	if (names.len)
		qsort(names.items, names.len, sizeof(*names.items), by_name);
	for (i = 0; i < names.len; i++) {
		if (replay_file(names.items[i]) < 0)
			rc = -1;
		else
			(*count)++;
		free(names.items[i]);
	}
	kc_vec_free(&names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "%s: no such file or folder\n", argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) < 0)
				rc = 1;
		} else if (replay_file(argv[i]) < 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	printf("replayed %zu inputs\n", count);
	return rc;
}
