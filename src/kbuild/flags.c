/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flags.c - the compiler flags a folder's Makefile gives the objects of its
 * modules, as scripts/Makefile.lib composes them (read from the tree's
 * Makefile.lib, "_c_flags" and "_a_flags"):
 *
 *   KBUILD_CFLAGS, with the subdir-ccflags-y of the folder and of every
 *   folder above it, and ccflags-y (with EXTRA_CFLAGS), less ccflags-remove-y;
 *   then CFLAGS_<stem>.o; all of it less CFLAGS_REMOVE_<stem>.o.
 *
 * <stem> is the object's path below the folder without ".o".  The same for
 * assembler objects with asflags-y, subdir-asflags-y, asflags-remove-y,
 * AFLAGS_<stem>.o and AFLAGS_REMOVE_<stem>.o.  The walk reads every folder
 * with srctree "." and src and obj the folder, so every path in a flag is
 * relative to the top of the tree.
 */
#include <string.h>

#include "kbuild_internal.h"

/* Does 'word' match make pattern 'pat' (one '%' matches any run)? */
static bool pattern_match(const char *pat, const char *word)
{
	return mk_pattern_match(pat, strlen(pat), word, strlen(word), NULL,
				NULL);
}

static bool matches_any(const struct kc_vec *pats, const char *word)
{
	size_t i;

	for (i = 0; i < pats->len; i++)
		if (pattern_match(pats->items[i], word))
			return true;
	return false;
}

/* Does pattern 'pat' match any of 'words'? */
static bool matched_by(const char *pat, const struct kc_vec *words)
{
	size_t i;

	for (i = 0; i < words->len; i++)
		if (pattern_match(pat, words->items[i]))
			return true;
	return false;
}

/*
 * The words of 'name' in the folder's Makefile.  A compiler probe met
 * while reading the Makefile (cc-option and the like, not run) may have
 * decided any of its variables: *probed notes that a flag variable used
 * here is defined in such a Makefile.
 */
static void words_of(struct walk *w, struct mk *m, const char *name,
		     struct kc_vec *out, bool *probed)
{
	size_t n = out->len;

	kb_var_words(w, m, name, out);
	if (out->len > n && w->folder_probed)
		*probed = true;
}

void kb_flags_enter(struct walk *w, struct mk *m, bool folder_probed,
		    struct kb_flags_mark *mark)
{
	bool probed = false;

	mark->c = w->subdir_cflags.len;
	mark->a = w->subdir_aflags.len;
	mark->probed = w->subdir_probed;
	mark->folder_probed = w->folder_probed;
	w->folder_probed = folder_probed;
	words_of(w, m, "subdir-ccflags-y", &w->subdir_cflags, &probed);
	words_of(w, m, "subdir-asflags-y", &w->subdir_aflags, &probed);
	w->subdir_probed = w->subdir_probed || probed;
}

void kb_flags_leave(struct walk *w, const struct kb_flags_mark *mark)
{
	w->subdir_cflags.len = mark->c;
	w->subdir_aflags.len = mark->a;
	w->subdir_probed = mark->probed;
	w->folder_probed = mark->folder_probed;
}

static const char *join(struct walk *w, const struct kc_vec *v)
{
	struct kc_buf b = KC_BUF_INIT;
	const char *s;
	size_t i;

	if (!v->len)
		return NULL;
	for (i = 0; i < v->len; i++)
		kc_buf_addf(&b, "%s%s", i ? " " : "", (const char *)v->items[i]);
	s = kc_arena_strdup(w->a, kc_buf_str(&b));
	kc_buf_free(&b);
	return s;
}

/*
 * One kind (c or a) for one object: 'flags' and 'remove' receive the
 * words to add after the build's own flags and the words to take out of
 * all of them.  A word of the folder's remove list that the object's own
 * flags add back is not taken out.
 */
static void one_kind(struct walk *w, struct mk *m, const char *stem,
		     const struct kc_vec *subdir, const char *folder_var,
		     const char *extra_var, const char *remove_var,
		     const char *obj_prefix, struct kc_vec *flags,
		     struct kc_vec *remove, bool *probed)
{
	struct kc_vec folder = KC_VEC_INIT, folder_rm = KC_VEC_INIT;
	struct kc_vec own = KC_VEC_INIT, own_rm = KC_VEC_INIT;
	struct kc_buf name = KC_BUF_INIT;
	size_t i;

	words_of(w, m, folder_var, &folder, probed);
	words_of(w, m, extra_var, &folder, probed);
	words_of(w, m, remove_var, &folder_rm, probed);
	kc_buf_addf(&name, "%s_%s.o", obj_prefix, stem);
	words_of(w, m, kc_buf_str(&name), &own, probed);
	kc_buf_reset(&name);
	kc_buf_addf(&name, "%s_REMOVE_%s.o", obj_prefix, stem);
	words_of(w, m, kc_buf_str(&name), &own_rm, probed);
	for (i = 0; i < subdir->len; i++)
		if (!matches_any(&folder_rm, subdir->items[i]))
			kc_vec_push(flags, subdir->items[i]);
	for (i = 0; i < folder.len; i++)
		if (!matches_any(&folder_rm, folder.items[i]))
			kc_vec_push(flags, folder.items[i]);
	for (i = 0; i < own.len; i++)
		kc_vec_push(flags, own.items[i]);
	for (i = 0; i < folder_rm.len; i++)
		if (!matched_by(folder_rm.items[i], &own))
			kc_vec_push(remove, folder_rm.items[i]);
	for (i = 0; i < own_rm.len; i++)
		kc_vec_push(remove, own_rm.items[i]);
	kc_vec_free(&folder);
	kc_vec_free(&folder_rm);
	kc_vec_free(&own);
	kc_vec_free(&own_rm);
	kc_buf_free(&name);
}

void kb_module_flags(struct walk *w, struct mk *m, const char *dir,
		     struct kc_kbuild_module *mod)
{
	struct kc_kbuild_flags *f;
	size_t i, k, dn = strcmp(dir, ".") ? strlen(dir) + 1 : 0;
	bool any = false, probed = w->subdir_probed;

	f = kc_arena_alloc(w->a, (mod->n_objects + 1) * sizeof(*f));
	for (i = 0; i < mod->n_objects; i++) {
		const char *o = mod->objects[i];
		struct kc_vec v[4] = { KC_VEC_INIT, KC_VEC_INIT, KC_VEC_INIT,
				       KC_VEC_INIT };
		char *stem;

		if (strlen(o) < dn + 2)
			continue;
		stem = kc_arena_strndup(w->a, o + dn, strlen(o) - dn - 2);
		one_kind(w, m, stem, &w->subdir_cflags, "ccflags-y",
			 "EXTRA_CFLAGS", "ccflags-remove-y", "CFLAGS", &v[0],
			 &v[1], &probed);
		one_kind(w, m, stem, &w->subdir_aflags, "asflags-y",
			 "EXTRA_AFLAGS", "asflags-remove-y", "AFLAGS", &v[2],
			 &v[3], &probed);
		f[i].c = join(w, &v[0]);
		f[i].c_remove = join(w, &v[1]);
		f[i].a = join(w, &v[2]);
		f[i].a_remove = join(w, &v[3]);
		any = any || f[i].c || f[i].c_remove || f[i].a || f[i].a_remove;
		for (k = 0; k < 4; k++)
			kc_vec_free(&v[k]);
	}
	mod->flags = any ? f : NULL;
	mod->flags_probed = probed;
}
