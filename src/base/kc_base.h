/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kc_base.h - the base layer: memory arenas, growable buffers, pointer
 * vectors, a string-keyed hash map, diagnostics as values, and the file
 * provider every reader goes through.  Nothing here knows about Kconfig.
 *
 * Errors are values: the library never prints and never exits.  A caller
 * collects struct kc_diag entries and decides how to show them.
 */
#ifndef KC_BASE_H
#define KC_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define KC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define KC_PRINTF(fmt, args)
#endif

/* ---- arena: bump allocation, freed all at once ------------------------ */

struct kc_arena;

struct kc_arena *kc_arena_new(void);
void kc_arena_free(struct kc_arena *a);
/* Zero-filled, aligned for any object.  Aborts only on out-of-memory. */
void *kc_arena_alloc(struct kc_arena *a, size_t size);
char *kc_arena_strdup(struct kc_arena *a, const char *s);
char *kc_arena_strndup(struct kc_arena *a, const char *s, size_t n);
size_t kc_arena_bytes(const struct kc_arena *a);

/* ---- malloc wrappers that never return NULL ---------------------------- */

void *kc_xmalloc(size_t size);
void *kc_xcalloc(size_t n, size_t size);
void *kc_xrealloc(void *p, size_t size);
char *kc_xstrdup(const char *s);
char *kc_xstrndup(const char *s, size_t n);
char *kc_xasprintf(const char *fmt, ...) KC_PRINTF(1, 2);

/* ---- growable arrays ------------------------------------------------------ */

/*
 * Makes room for at least 'need' items of 'size' bytes in 'items', whose
 * capacity is *cap items: the capacity at least doubles, so that adding one
 * item at a time costs amortised constant time.  Returns the array
 * (reallocated).  A byte count that would overflow size_t aborts, like
 * running out of memory.
 */
void *kc_grow_array(void *items, size_t *cap, size_t need, size_t size);

/* KC_GROW(v->items, v->cap, v->len + 1): room for one more item. */
#define KC_GROW(items, cap, need)                                          \
	((items) = kc_grow_array((items), &(cap), (need), sizeof(*(items))))

/* ---- growable byte buffer, always NUL-terminated ----------------------- */

struct kc_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define KC_BUF_INIT { NULL, 0, 0 }

void kc_buf_grow(struct kc_buf *b, size_t extra);

static inline void kc_buf_reserve(struct kc_buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		kc_buf_grow(b, extra);
}

static inline void kc_buf_add(struct kc_buf *b, const char *s, size_t n)
{
	kc_buf_reserve(b, n);
	__builtin_memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void kc_buf_addc(struct kc_buf *b, char c)
{
	kc_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void kc_buf_adds(struct kc_buf *b, const char *s);
void kc_buf_addf(struct kc_buf *b, const char *fmt, ...) KC_PRINTF(2, 3);
void kc_buf_vaddf(struct kc_buf *b, const char *fmt, va_list ap);
void kc_buf_reset(struct kc_buf *b);
/* Returns the string ("" when empty); stays owned by the buffer. */
const char *kc_buf_str(const struct kc_buf *b);
/* Hands the string to the caller (malloc'd) and empties the buffer. */
char *kc_buf_detach(struct kc_buf *b);
void kc_buf_free(struct kc_buf *b);

/* ---- vector of pointers ------------------------------------------------ */

struct kc_vec {
	void **items;
	size_t len;
	size_t cap;
};

#define KC_VEC_INIT { NULL, 0, 0 }

void kc_vec_push(struct kc_vec *v, void *item);
void *kc_vec_pop(struct kc_vec *v);
void kc_vec_free(struct kc_vec *v);

/* ---- string-keyed hash map (keys are not copied) ----------------------- */

struct kc_map;

struct kc_map *kc_map_new(size_t expected);
void kc_map_free(struct kc_map *m);
void *kc_map_get(const struct kc_map *m, const char *key);
void *kc_map_getn(const struct kc_map *m, const char *key, size_t n);
/* Inserts or replaces; the key must outlive the map. */
void kc_map_put(struct kc_map *m, const char *key, void *value);
size_t kc_map_count(const struct kc_map *m);
uint32_t kc_hash(const char *s, size_t n);

/* ---- diagnostics ------------------------------------------------------- */

enum kc_severity {
	KC_SEV_NOTE,
	KC_SEV_WARNING,
	KC_SEV_ERROR,
};

struct kc_diag {
	enum kc_severity severity;
	char *file;	/* may be NULL when no file applies */
	int line;	/* 1-based; 0 when unknown */
	int col;	/* 1-based; 0 when unknown */
	char *message;
};

struct kc_diags {
	struct kc_diag *items;
	size_t len;
	size_t cap;
	size_t errors;
	size_t warnings;
};

#define KC_DIAGS_INIT { NULL, 0, 0, 0, 0 }

void kc_diags_add(struct kc_diags *d, enum kc_severity sev, const char *file,
		  int line, int col, const char *fmt, ...) KC_PRINTF(6, 7);
void kc_diags_vadd(struct kc_diags *d, enum kc_severity sev, const char *file,
		   int line, int col, const char *fmt, va_list ap);
void kc_diags_free(struct kc_diags *d);
const char *kc_severity_name(enum kc_severity sev);
/* "file:line:col: error: message" (parts that are unknown are left out). */
void kc_diag_format(const struct kc_diag *diag, struct kc_buf *out);

/* ---- file provider ------------------------------------------------------ */

/*
 * How many bytes one read may return unless the provider is told otherwise:
 * Kconfig files, .config files, Makefiles and JSON reports are read with
 * KC_FS_MAX_SIZE; rule and waiver files (YAML, parsed into a tree of nodes
 * much larger than the text) with KC_FS_MAX_YAML_SIZE.  Without a cap,
 * /dev/zero or a FIFO would be read until memory runs out.
 */
#define KC_FS_MAX_SIZE		((size_t)64 << 20)
#define KC_FS_MAX_YAML_SIZE	((size_t)16 << 20)

/*
 * Every file the library reads goes through a provider, so the same code
 * reads a kernel tree on disk and the files compiled into the binary.
 *
 * read() returns 0 and a malloc'd, NUL-terminated buffer the caller frees,
 * or -1 with the reason in *why (a static string, or one the provider owns
 * that stays valid until its next call).  A file larger than max_size is an
 * error, found without reading more than max_size + 1 bytes.
 *
 * list() pushes the names in a folder ("." and ".." left out) onto 'names',
 * sorted, each malloc'd.  Returns 0, 1 when 'path' is a file and not a
 * folder, or -1 with the reason in *why.  NULL: the provider has no folders.
 *
 * canonical() returns one name (malloc'd) for every spelling of the same
 * file, or NULL when there is no such file.  NULL: the path is its name.
 */
struct kc_fs {
	int (*read)(void *ctx, const char *path, char **data, size_t *len,
		    const char **why);
	int (*list)(void *ctx, const char *path, struct kc_vec *names,
		    const char **why);
	char *(*canonical)(void *ctx, const char *path);
	void *ctx;
	size_t max_size;	/* bytes one read may return; read() enforces it */
};

int kc_fs_read(const struct kc_fs *fs, const char *path, char **data,
	       size_t *len, const char **why);
/* The verbs, with the defaults above for a provider without list or canonical. */
int kc_fs_list(const struct kc_fs *fs, const char *path, struct kc_vec *names,
	       const char **why);
char *kc_fs_canonical(const struct kc_fs *fs, const char *path);
/* Sets the cap of one read; 0 restores KC_FS_MAX_SIZE. */
void kc_fs_set_max_size(struct kc_fs *fs, size_t max);
/*
 * The reason a provider gives for a file over the cap, written into buf:
 * "larger than the 64 MiB limit (raise it with --max-file-size)".
 */
const char *kc_fs_too_large(char *buf, size_t n, size_t max);

/*
 * A provider over a directory on disk.  Relative paths resolve inside root;
 * absolute paths, and every path when root is NULL or empty, are read as
 * given (as the kernel's conf reads an absolute 'source').  The cap starts
 * at KC_FS_MAX_SIZE.
 */
struct kc_disk_fs {
	struct kc_fs fs;
	char *root;
	char why[96];		/* the reason of the last failed read */
};

void kc_disk_fs_init(struct kc_disk_fs *dfs, const char *root);
void kc_disk_fs_release(struct kc_disk_fs *dfs);

/*
 * Writes 'len' bytes to 'path' atomically: a temporary file in the same
 * folder, synced, then rename() and a sync of the folder.  A new file gets
 * mode 0666 less the umask, as open() gives; a file replaced keeps its
 * mode.  "-" writes to stdout; devices and FIFOs are written in place.
 * A symbolic link is followed to the file it ends at, which is replaced
 * atomically the same way (temporary file in the target's folder), and
 * the link stays; a link to nothing creates the file it names, as the
 * shell's '>' does.  Returns 0, or -1 with the reason in *why (static
 * string).
 */
int kc_write_file_atomic(const char *path, const char *data, size_t len,
			 const char **why);

/*
 * Whether tree path 'path' is folder 'dir' or lies inside it, as --under
 * means it: "./" in front of either and '/' at the end of dir do not
 * count, and "." or "" is the whole tree.
 */
bool kc_path_in(const char *dir, const char *path);

/* ---- JSON writer ----------------------------------------------------------- */

struct kc_json {
	struct kc_buf *out;
	int depth;
	bool need_comma[64];
	bool after_key;
};

void kc_json_init(struct kc_json *j, struct kc_buf *out);
void kc_json_begin_object(struct kc_json *j);
void kc_json_end_object(struct kc_json *j);
void kc_json_begin_array(struct kc_json *j);
void kc_json_end_array(struct kc_json *j);
void kc_json_key(struct kc_json *j, const char *key);
void kc_json_string(struct kc_json *j, const char *s);	/* NULL: null */
void kc_json_int(struct kc_json *j, long long v);
/* Counts up to 2^64 - 1 (configurations, builds). */
void kc_json_uint(struct kc_json *j, unsigned long long v);
void kc_json_bool(struct kc_json *j, bool v);
void kc_json_null(struct kc_json *j);
/* key + value shorthands */
void kc_json_kv_string(struct kc_json *j, const char *key, const char *s);
void kc_json_kv_int(struct kc_json *j, const char *key, long long v);
void kc_json_kv_uint(struct kc_json *j, const char *key, unsigned long long v);
void kc_json_kv_bool(struct kc_json *j, const char *key, bool v);

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * The length of the well-formed UTF-8 sequence of two to four bytes at s
 * (no overlong forms, surrogates or noncharacters U+FFFE/U+FFFF), or 0:
 * an ASCII byte or a byte that is not UTF-8.  s must be NUL-terminated.
 */
size_t kc_utf8_len(const unsigned char *s);
/*
 * Appends text[0..len) with every byte that is not part of well-formed
 * UTF-8 written as the four characters \xNN; returns whether any was.
 * text[len] must be a NUL byte (kc_buf and C strings are).
 */
bool kc_utf8_escape(struct kc_buf *out, const char *text, size_t len);

/* Levenshtein distance, capped: returns max+1 once it is exceeded. */
size_t kc_edit_distance(const char *a, const char *b, size_t max);

#endif /* KC_BASE_H */
