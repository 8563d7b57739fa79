/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reader.c - splitting a .config into assignments.
 *
 * The format is the one the kernel writes and reads: "PREFIXNAME=value",
 * "# PREFIXNAME is not set", other '#' lines and blank lines ignored, a
 * CR before the newline dropped, no final newline needed.  A file that
 * starts with the gzip magic is decompressed first (gzip.c).  A reading
 * may keep only the names a filter lets through (struct kc_config_keep),
 * counting the rest: a partial model needs a tenth of a distro config.
 */
#include <stdlib.h>
#include <string.h>

#include "gzip.h"
#include "kc_config.h"

/* The text between double quotes, escapes removed; NULL if unterminated. */
static const char *unquote(struct kc_arena *arena, const char *s, size_t n)
{
	char *out = kc_arena_alloc(arena, n + 1), *o = out;
	size_t i;

	for (i = 1; i < n; i++) {
		if (s[i] == '"')
			return out;
		if (s[i] == '\\') {
			if (++i >= n)
				break;
		}
		*o++ = s[i];
	}
	return NULL;
}

void kc_config_keep_init(struct kc_config_keep *k)
{
	memset(k, 0, sizeof(*k));
}

/*
 * A hash of the first three bytes of the name's first word (the bytes
 * before its first '_'), zeros past its end: a function of the first word,
 * cheaper than hashing all of it.  The byte after the name is readable.
 */
static inline unsigned keep_key(const char *name, size_t len)
{
	uint32_t b0 = len > 0 ? (unsigned char)name[0] : 0;
	uint32_t b1 = len > 1 ? (unsigned char)name[1] : 0;
	uint32_t b2 = len > 2 ? (unsigned char)name[2] : 0;
	uint32_t w;

	if (b0 == '_')
		w = 0;
	else if (b1 == '_')
		w = b0;
	else if (b2 == '_')
		w = b0 | b1 << 8;
	else
		w = b0 | b1 << 8 | b2 << 16;
	return (w * 0x9e3779b1u) >> 16;
}

static inline bool keep_may(const struct kc_config_keep *k, const char *name,
			    size_t len)
{
	unsigned key = keep_key(name, len);

	return k->bits[key / 64] >> (key % 64) & 1;
}

void kc_config_keep_add(struct kc_config_keep *k, const char *name)
{
	unsigned key = keep_key(name, strlen(name));

	k->bits[key / 64] |= (uint64_t)1 << (key % 64);
}

bool kc_config_keep_may(const struct kc_config_keep *k, const char *name,
			size_t len)
{
	return keep_may(k, name, len);
}

/* Does the line start with the prefix?  The usual CONFIG_ compares inline. */
static bool has_prefix(const char *line, const char *prefix, size_t plen)
{
	if (plen == 7)
		return !memcmp(line, prefix, 7);
	return !memcmp(line, prefix, plen);
}

/*
 * One line of the config's own text, 'n' bytes long, with a byte after it
 * that may be overwritten (the newline, the CR or the final NUL): names
 * and values are ended in place, not copied.
 */
/* What a reading carries from line to line. */
struct reading {
	struct kc_config *c;
	size_t cap;			/* of c->items */
	const char *prefix;
	size_t plen;
	const struct kc_config_keep *keep;	/* NULL: keep all */
	struct kc_diags *diags;
};

static void parse_line(struct reading *r, char *line, size_t n, int lineno)
{
	struct kc_config *c = r->c;
	const char *prefix = r->prefix;
	size_t plen = r->plen;
	struct kc_diags *diags = r->diags;
	struct kc_assignment *a;
	char *eq, *name, *sp = NULL;

	if (n == 0)
		return;
	if (line[0] == '#') {
		static const char tail[] = " is not set";

		if (n < 2 + plen || line[1] != ' ' ||
		    !has_prefix(line + 2, prefix, plen))
			return;
		name = line + 2 + plen;
		sp = memchr(name, ' ', n - (size_t)(name - line));
		if (!sp || (size_t)(line + n - sp) < sizeof(tail) - 1 ||
		    memcmp(sp, tail, sizeof(tail) - 1))
			return;
		eq = sp;
	} else if (n < plen || !has_prefix(line, prefix, plen) ||
		   !(eq = memchr(line + plen, '=', n - plen))) {
		/* The '=' after the name: a prefix may itself contain one. */
		kc_diags_add(diags, KC_SEV_WARNING, c->path, lineno, 1,
			     "unexpected data: %.*s", (int)(n > 80 ? 80 : n),
			     line);
		return;
	} else {
		name = line + plen;
	}
	if (r->keep && !keep_may(r->keep, name, (size_t)(eq - name))) {
		c->dropped++;
		return;
	}
	if (c->len == r->cap)
		KC_GROW(c->items, r->cap, c->len + 1);
	a = &c->items[c->len++];
	*a = (struct kc_assignment){ .name = name, .line = lineno };
	a->name_len = (size_t)(eq - name);
	*eq = '\0';
	/* Without the text, what is kept is copied. */
	if (r->keep)
		a->name = kc_arena_strndup(c->arena, name, a->name_len);
	if (sp) {
		a->kind = (size_t)(line + n - sp) == 11 ? KC_ASSIGN_NOT_SET :
				  KC_ASSIGN_NOT_SET_LOOSE;
		a->raw = "n";
		return;
	}
	line[n] = '\0';
	a->kind = KC_ASSIGN_VALUE;
	a->raw = r->keep ? kc_arena_strdup(c->arena, eq + 1) : eq + 1;
	a->quoted = eq[1] == '"';
	if (a->quoted)
		a->unquoted = unquote(c->arena, eq + 1,
				      n - (size_t)(eq + 1 - line));
}

/*
 * Parses 'text' (len bytes and a NUL after them), which c then owns, or
 * frees when 'keep' filters the names.
 */
static struct kc_config *parse_text(const char *path, char *text, size_t len,
				    const char *prefix,
				    const struct kc_config_keep *keep,
				    struct kc_diags *diags)
{
	struct kc_config *c;
	struct reading r;
	size_t pos = 0;
	int lineno = 0;

	if (memchr(text, '\0', len)) {
		kc_diags_add(diags, KC_SEV_ERROR, path, 0, 0,
			     "contains a NUL byte: not a .config file");
		free(text);
		return NULL;
	}
	c = kc_xcalloc(1, sizeof(*c));
	c->path = kc_xstrdup(path);
	c->arena = kc_arena_new();
	c->text = text;
	if (!prefix)
		prefix = "CONFIG_";
	r = (struct reading){ c, 0, prefix, strlen(prefix), keep, diags };
	/*
	 * Lines of a distro .config average over 30 bytes: rarely a
	 * regrowth.  A filtered reading keeps a tenth of a distro config.
	 */
	r.cap = keep ? len / 256 + 64 : len / 24 + 16;
	c->items = kc_xmalloc(r.cap * sizeof(*c->items));
	while (pos < len) {
		char *line = text + pos;
		char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		parse_line(&r, line, n, lineno);
	}
	if (keep) {
		free(c->text);
		c->text = NULL;
	}
	return c;
}

struct kc_config *kc_config_parse(const char *path, const char *data,
				  size_t len, const char *prefix,
				  struct kc_diags *diags)
{
	char *text = kc_xmalloc(len + 1);

	memcpy(text, data, len);
	text[len] = '\0';
	return parse_text(path, text, len, prefix, NULL, diags);
}

void kc_config_free(struct kc_config *c)
{
	if (!c)
		return;
	free(c->items);
	free(c->text);
	free(c->path);
	kc_arena_free(c->arena);
	free(c);
}

void kc_config_drop_lines(struct kc_config *c)
{
	free(c->items);
	free(c->text);
	c->items = NULL;
	c->text = NULL;
	c->len = 0;
}

void kc_config_quote(const char *value, struct kc_buf *out)
{
	const char *run = value;

	kc_buf_addc(out, '"');
	for (; *value; value++) {
		if (*value != '"' && *value != '\\')
			continue;
		kc_buf_add(out, run, (size_t)(value - run));
		kc_buf_addc(out, '\\');
		run = value;
	}
	kc_buf_add(out, run, (size_t)(value - run));
	kc_buf_addc(out, '"');
}

/*
 * The bytes as the kernel's conf reads them: it takes each line as a C
 * string, so a NUL byte ends the line's text (a string value cut there
 * is unterminated, "invalid string found").  Each such line gets a
 * warning; the copy is for kc_config_parse.
 */
static char *cut_at_nul(const char *path, const char *data, size_t *len,
			struct kc_diags *diags)
{
	char *out = kc_xmalloc(*len + 1);
	size_t i, n = 0;
	int line = 1;
	bool skipping = false;

	for (i = 0; i < *len; i++) {
		if (data[i] == '\n') {
			skipping = false;
			line++;
		} else if (data[i] == '\0' && !skipping) {
			kc_diags_add(diags, KC_SEV_WARNING, path, line, 0,
				     "a NUL byte ends the line here, as the kernel's conf reads it");
			skipping = true;
		}
		if (!skipping)
			out[n++] = data[i];
	}
	*len = n;
	return out;
}

static struct kc_config *read_fs(const struct kc_fs *fs, const char *path,
				 const char *prefix, bool as_conf,
				 const struct kc_config_keep *keep,
				 struct kc_diags *diags);

struct kc_config *kc_config_read_fs(const struct kc_fs *fs, const char *path,
				    const char *prefix, struct kc_diags *diags)
{
	return read_fs(fs, path, prefix, false, NULL, diags);
}

struct kc_config *kc_config_read_fs_keep(const struct kc_fs *fs,
					 const char *path, const char *prefix,
					 const struct kc_config_keep *keep,
					 struct kc_diags *diags)
{
	return read_fs(fs, path, prefix, false, keep, diags);
}

struct kc_config *kc_config_read_as_conf(const char *path, const char *prefix,
					 struct kc_diags *diags)
{
	struct kc_disk_fs dfs;
	struct kc_config *c;

	kc_disk_fs_init(&dfs, NULL);
	c = read_fs(&dfs.fs, path, prefix, true, NULL, diags);
	kc_disk_fs_release(&dfs);
	return c;
}

static struct kc_config *read_fs(const struct kc_fs *fs, const char *path,
				 const char *prefix, bool as_conf,
				 const struct kc_config_keep *keep,
				 struct kc_diags *diags)
{
	const char *why;
	char *data;
	size_t len;

	if (kc_fs_read(fs, path, &data, &len, &why) < 0) {
		kc_diags_add(diags, KC_SEV_ERROR, path, 0, 0,
			     "cannot read: %s", why);
		return NULL;
	}
	if (kc_is_gzip(data, len)) {
		char *plain, *gz_why;
		size_t plain_len;

		/* The cap of a read is also the cap of what it unpacks to. */
		if (kc_gunzip(data, len, fs->max_size, &plain, &plain_len,
			      &gz_why) < 0) {
			kc_diags_add(diags, KC_SEV_ERROR, path, 0, 0,
				     "cannot decompress: %s", gz_why);
			free(gz_why);
			free(data);
			return NULL;
		}
		free(data);
		data = plain;
		len = plain_len;
	}
	if (as_conf && memchr(data, '\0', len)) {
		char *cut = cut_at_nul(path, data, &len, diags);

		free(data);
		data = cut;
	}
	/* The config keeps the text, one byte longer for a final NUL. */
	data = kc_xrealloc(data, len + 1);
	data[len] = '\0';
	return parse_text(path, data, len, prefix, keep, diags);
}

struct kc_config *kc_config_read(const char *path, const char *prefix,
				 struct kc_diags *diags)
{
	struct kc_disk_fs dfs;
	struct kc_config *c;

	kc_disk_fs_init(&dfs, NULL);
	c = kc_config_read_fs(&dfs.fs, path, prefix, diags);
	kc_disk_fs_release(&dfs);
	return c;
}
