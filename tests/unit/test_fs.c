/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_fs.c - the file providers (disk and embedded: caps, folders,
 * canonical names, absolute paths), atomic writes (modes, umask), and
 * growth: the growable array helper and the hash map's sizing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kc_base.h"
#include "kc_embedded.h"
#include "kc_frontend.h"

static char *temp_dir(void)
{
	char tmpl[] = "/tmp/kc-test-fs.XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return kc_xstrdup(tmpl);
}

static void remove_tree(char *dir)
{
	char *cmd = kc_xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void write_file(const char *path, const char *text)
{
	const char *why;

	assert_int_equal(kc_write_file_atomic(path, text, strlen(text), &why),
			 0);
}

/* ---- atomic writes ----------------------------------------------------- */

static void test_new_file_follows_umask(void **state)
{
	char *dir = temp_dir(), *path = kc_xasprintf("%s/out", dir);
	mode_t old = umask(077);

	write_file(path, "x\n");
	umask(old);
	assert_int_equal(mode_of(path), 0600);
	free(path);
	remove_tree(dir);
}

static void test_new_file_default_umask(void **state)
{
	char *dir = temp_dir(), *path = kc_xasprintf("%s/out", dir);
	mode_t old = umask(022);

	write_file(path, "x\n");
	umask(old);
	assert_int_equal(mode_of(path), 0644);
	free(path);
	remove_tree(dir);
}

static void test_replaced_file_keeps_mode(void **state)
{
	char *dir = temp_dir(), *path = kc_xasprintf("%s/out", dir);
	mode_t old = umask(022);
	char *data;
	size_t len;
	const char *why;
	struct kc_disk_fs dfs;

	write_file(path, "old\n");
	assert_int_equal(chmod(path, 0600), 0);
	write_file(path, "new\n");
	umask(old);
	assert_int_equal(mode_of(path), 0600);
	kc_disk_fs_init(&dfs, NULL);
	assert_int_equal(kc_fs_read(&dfs.fs, path, &data, &len, &why), 0);
	assert_string_equal(data, "new\n");
	free(data);
	kc_disk_fs_release(&dfs);
	free(path);
	remove_tree(dir);
}

static void test_no_temporary_left(void **state)
{
	char *dir = temp_dir(), *path = kc_xasprintf("%s/out", dir);
	struct kc_disk_fs dfs;
	struct kc_vec names = KC_VEC_INIT;
	const char *why;

	write_file(path, "a");
	write_file(path, "b");
	kc_disk_fs_init(&dfs, dir);
	assert_int_equal(kc_fs_list(&dfs.fs, ".", &names, &why), 0);
	assert_int_equal(names.len, 1);
	assert_string_equal(names.items[0], "out");
	free(names.items[0]);
	kc_vec_free(&names);
	kc_disk_fs_release(&dfs);
	free(path);
	remove_tree(dir);
}

/* ---- the disk provider --------------------------------------------------- */

static void test_disk_cap_dev_zero(void **state)
{
	struct kc_disk_fs dfs;
	const char *why = NULL;
	char *data = NULL;
	size_t len;

	kc_disk_fs_init(&dfs, NULL);
	assert_int_equal(dfs.fs.max_size, KC_FS_MAX_SIZE);
	kc_fs_set_max_size(&dfs.fs, (size_t)1 << 20);
	assert_int_equal(kc_fs_read(&dfs.fs, "/dev/zero", &data, &len, &why),
			 -1);
	assert_null(data);
	assert_string_equal(why,
			    "larger than the 1 MiB limit (raise it with --max-file-size)");
	kc_disk_fs_release(&dfs);
}

static void test_disk_cap_regular_file(void **state)
{
	char *dir = temp_dir(), *path = kc_xasprintf("%s/f", dir);
	struct kc_disk_fs dfs;
	const char *why;
	char *data;
	size_t len;

	write_file(path, "0123456789");
	kc_disk_fs_init(&dfs, dir);
	kc_fs_set_max_size(&dfs.fs, 10);
	assert_int_equal(kc_fs_read(&dfs.fs, "f", &data, &len, &why), 0);
	assert_int_equal(len, 10);
	free(data);
	kc_fs_set_max_size(&dfs.fs, 9);
	assert_int_equal(kc_fs_read(&dfs.fs, "f", &data, &len, &why), -1);
	assert_non_null(strstr(why, "9 bytes limit"));
	kc_fs_set_max_size(&dfs.fs, 0);
	assert_int_equal(dfs.fs.max_size, KC_FS_MAX_SIZE);
	kc_disk_fs_release(&dfs);
	free(path);
	remove_tree(dir);
}

static void test_disk_list_and_canonical(void **state)
{
	char *dir = temp_dir(), *p;
	struct kc_disk_fs dfs;
	struct kc_vec names = KC_VEC_INIT;
	const char *why;
	char *canon, *real;
	size_t i;

	p = kc_xasprintf("%s/b.yaml", dir);
	write_file(p, "b");
	free(p);
	p = kc_xasprintf("%s/a.yaml", dir);
	write_file(p, "a");
	free(p);
	kc_disk_fs_init(&dfs, dir);
	assert_int_equal(kc_fs_list(&dfs.fs, "", &names, &why), 0);
	assert_int_equal(names.len, 2);
	assert_string_equal(names.items[0], "a.yaml");
	assert_string_equal(names.items[1], "b.yaml");
	assert_int_equal(kc_fs_list(&dfs.fs, "a.yaml", &names, &why), 1);
	assert_int_equal(kc_fs_list(&dfs.fs, "nothing", &names, &why), -1);
	canon = kc_fs_canonical(&dfs.fs, "./a.yaml");
	real = realpath(dir, NULL);
	p = kc_xasprintf("%s/a.yaml", real);
	assert_string_equal(canon, p);
	assert_null(kc_fs_canonical(&dfs.fs, "nothing"));
	for (i = 0; i < names.len; i++)
		free(names.items[i]);
	kc_vec_free(&names);
	free(p);
	free(real);
	free(canon);
	kc_disk_fs_release(&dfs);
	remove_tree(dir);
}

/* ---- the embedded provider ------------------------------------------------- */

static void test_embedded_refuses_absolute(void **state)
{
	struct kc_embedded_fs efs;
	const char *why = NULL;
	char *data = NULL;
	size_t len;

	assert_int_equal(kc_embedded_fs_init(&efs, KC_EMBEDDED_DEFAULT_MODEL),
			 0);
	assert_int_equal(kc_fs_read(&efs.fs, "Kconfig", &data, &len, &why), 0);
	free(data);
	data = NULL;
	/* Never the build machine's file, even when it exists. */
	assert_int_equal(kc_fs_read(&efs.fs, "/etc/passwd", &data, &len,
				    &why), -1);
	assert_null(data);
	assert_non_null(strstr(why, "absolute"));
	assert_null(kc_fs_canonical(&efs.fs, "/etc/passwd"));
}

static void test_embedded_rules_folder(void **state)
{
	struct kc_embedded_fs efs;
	struct kc_vec names = KC_VEC_INIT;
	const char *why;
	char *canon, *data;
	size_t i, len;
	bool vfio = false;

	kc_embedded_rules_fs_init(&efs);
	assert_int_equal(kc_fs_list(&efs.fs, "", &names, &why), 0);
	for (i = 0; i < names.len; i++) {
		if (i)
			assert_true(strcmp(names.items[i - 1],
					   names.items[i]) < 0);
		vfio |= !strcmp(names.items[i], "vfio.yaml");
	}
	for (i = 0; i < names.len; i++)
		free(names.items[i]);
	kc_vec_free(&names);
	assert_true(vfio);
	assert_int_equal(kc_fs_list(&efs.fs, "vfio.yaml", &names, &why), 1);
	canon = kc_fs_canonical(&efs.fs, "./vfio.yaml");
	assert_string_equal(canon, "rules/vfio.yaml");
	free(canon);
	kc_fs_set_max_size(&efs.fs, 16);
	assert_int_equal(kc_fs_read(&efs.fs, "vfio.yaml", &data, &len, &why),
			 -1);
	assert_non_null(strstr(why, "16 bytes limit"));
}

/* ---- an absolute 'source' goes to the provider ------------------------------ */

/* Serves one top Kconfig and records every other path it is asked for. */
struct spy_fs {
	struct kc_fs fs;
	const char *top;
	char asked[256];
};

static int spy_read(void *ctx, const char *path, char **data, size_t *len,
		    const char **why)
{
	struct spy_fs *spy = ctx;

	if (!strcmp(path, "Kconfig")) {
		*data = kc_xstrdup(spy->top);
		*len = strlen(spy->top);
		return 0;
	}
	snprintf(spy->asked, sizeof(spy->asked), "%s", path);
	*why = "not in this tree";
	return -1;
}

static void test_absolute_source_through_provider(void **state)
{
	/* A file that exists on the build machine: it must not be read. */
	struct spy_fs spy = {
		.fs = { .read = spy_read, .max_size = KC_FS_MAX_SIZE },
		.top = "source \"/etc/passwd\"\n",
	};
	struct kc_parse_options opt = { .fs = &spy.fs };
	struct kc_diags d = KC_DIAGS_INIT;

	spy.fs.ctx = &spy;
	assert_null(kc_parse(&opt, &d));
	assert_string_equal(spy.asked, "/etc/passwd");
	assert_true(d.errors > 0);
	assert_non_null(strstr(d.items[0].message, "not in this tree"));
	kc_diags_free(&d);
}

/* ---- growable arrays -------------------------------------------------------- */

static void test_grow(void **state)
{
	int *items = NULL;
	size_t cap = 0, i;

	for (i = 0; i < 1000; i++) {
		KC_GROW(items, cap, i + 1);
		items[i] = (int)i;
	}
	assert_true(cap >= 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(items[i], (int)i);
	/* Asking for no more room changes nothing. */
	i = cap;
	KC_GROW(items, cap, 3);
	assert_int_equal(cap, i);
	free(items);
}

/*
 * Runs fn in a child process: it must end by aborting (SIGABRT, or a
 * sanitizer's error exit), never hang (SIGALRM after 10 s) or succeed.
 */
static void expect_abort(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(10);
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		assert_int_equal(WTERMSIG(status), SIGABRT);
	else
		assert_int_not_equal(WEXITSTATUS(status), 0);
}

static void grow_beyond_size_t(void)
{
	uint64_t *items = NULL;
	size_t cap = 0;

	/* need * 8 bytes overflows size_t: the check must catch it. */
	KC_GROW(items, cap, SIZE_MAX / 4);
	free(items);
}

static void map_for_everything(void)
{
	kc_map_free(kc_map_new(SIZE_MAX / 2 + 1));
}

static void test_grow_overflow_aborts(void **state)
{
	expect_abort(grow_beyond_size_t);
}

static void test_path_in(void **state)
{
	(void)state;
	assert_true(kc_path_in("drivers/vfio", "drivers/vfio/pci/Makefile"));
	assert_true(kc_path_in("drivers/vfio/", "drivers/vfio/Makefile"));
	assert_true(kc_path_in("./drivers/vfio", "drivers/vfio"));
	assert_true(kc_path_in("drivers/vfio", "./drivers/vfio/Kconfig"));
	assert_true(kc_path_in(".", "init/Kconfig"));
	assert_true(kc_path_in("", "init/Kconfig"));
	assert_false(kc_path_in("drivers/vfio", "drivers/vfio-extra/Kconfig"));
	assert_false(kc_path_in("drivers/vfio", "drivers/Kconfig"));
	assert_false(kc_path_in("drivers/vfio/pci", "drivers/vfio/Kconfig"));
}

static void test_map_huge_expected_aborts(void **state)
{
	expect_abort(map_for_everything);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_file_follows_umask),
		cmocka_unit_test(test_new_file_default_umask),
		cmocka_unit_test(test_replaced_file_keeps_mode),
		cmocka_unit_test(test_no_temporary_left),
		cmocka_unit_test(test_disk_cap_dev_zero),
		cmocka_unit_test(test_disk_cap_regular_file),
		cmocka_unit_test(test_disk_list_and_canonical),
		cmocka_unit_test(test_embedded_refuses_absolute),
		cmocka_unit_test(test_embedded_rules_folder),
		cmocka_unit_test(test_absolute_source_through_provider),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow_aborts),
		cmocka_unit_test(test_map_huge_expected_aborts),
		cmocka_unit_test(test_path_in),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
