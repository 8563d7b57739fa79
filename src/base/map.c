/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * map.c - open-addressing hash map from strings to pointers.  Symbol tables,
 * macro variables and file sets all sit on it; it never copies keys.
 */
#include <stdlib.h>
#include <string.h>

#include "kc_base.h"

struct map_slot {
	const char *key;
	size_t keylen;
	uint32_t hash;
	void *value;
};

struct kc_map {
	struct map_slot *slots;
	size_t mask;
	size_t count;
};

/*
 * Eight bytes a step (a multiply and a shift each), the last step reading
 * the tail as two overlapping loads: a symbol name costs a few steps, not
 * one multiply a byte.  Nothing depends on the values beyond this process.
 */
static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return h ^ (h >> 32);
}

uint32_t kc_hash(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = 0xcbf29ce484222325u ^ n, w;
	uint32_t lo, hi;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = mix(h, w);
	}
	if (n >= 4) {
		memcpy(&lo, p, 4);
		memcpy(&hi, p + n - 4, 4);
		h = mix(h, lo | (uint64_t)hi << 32);
	} else if (n) {
		h = mix(h, p[0] | (uint64_t)p[n / 2] << 8 |
				   (uint64_t)p[n - 1] << 16);
	}
	h = mix(h, 0xff51afd7ed558ccdu);
	return (uint32_t)h;
}

struct kc_map *kc_map_new(size_t expected)
{
	struct kc_map *m = kc_xcalloc(1, sizeof(*m));
	size_t cap = 16;

	/*
	 * Twice the expected count, as a power of two; cap / 2 < expected
	 * cannot overflow as expected * 2 could, and the bound stops the
	 * doubling before it wraps to 0 (calloc then refuses the size).
	 */
	while (cap / 2 < expected && cap <= SIZE_MAX / 4)
		cap *= 2;
	m->slots = kc_xcalloc(cap, sizeof(struct map_slot));
	m->mask = cap - 1;
	return m;
}

void kc_map_free(struct kc_map *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static struct map_slot *find_slot(const struct kc_map *m, const char *key,
				  size_t n, uint32_t h)
{
	size_t i = h & m->mask;

	for (;;) {
		struct map_slot *s = &m->slots[i];

		if (!s->key)
			return s;
		if (s->hash == h && s->keylen == n && !memcmp(s->key, key, n))
			return s;
		i = (i + 1) & m->mask;
	}
}

void *kc_map_getn(const struct kc_map *m, const char *key, size_t n)
{
	struct map_slot *s = find_slot(m, key, n, kc_hash(key, n));

	return s->key ? s->value : NULL;
}

void *kc_map_get(const struct kc_map *m, const char *key)
{
	return kc_map_getn(m, key, strlen(key));
}

static void grow(struct kc_map *m)
{
	struct map_slot *old = m->slots;
	size_t oldcap = m->mask + 1, i;

	m->slots = kc_xcalloc(oldcap * 2, sizeof(struct map_slot));
	m->mask = oldcap * 2 - 1;
	for (i = 0; i < oldcap; i++) {
		if (old[i].key) {
			struct map_slot *s = find_slot(m, old[i].key,
						       old[i].keylen,
						       old[i].hash);
			*s = old[i];
		}
	}
	free(old);
}

void kc_map_put(struct kc_map *m, const char *key, void *value)
{
	size_t n = strlen(key);
	uint32_t h = kc_hash(key, n);
	struct map_slot *s = find_slot(m, key, n, h);

	if (s->key) {
		s->value = value;
		return;
	}
	if ((m->count + 1) * 2 > m->mask + 1) {
		grow(m);
		s = find_slot(m, key, n, h);
	}
	s->key = key;
	s->keylen = n;
	s->hash = h;
	s->value = value;
	m->count++;
}

size_t kc_map_count(const struct kc_map *m)
{
	return m->count;
}
