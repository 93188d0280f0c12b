/*
 * intern.c: the identifier table (FNV-1a, linear probing, grown at half
 * full).  Small enough that a library would cost more than it saves.
 */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "arena.h"
#include "util.h"

struct intern_lock {
	pthread_mutex_t mutex;
};

void intern_init(struct intern_table *t)
{
	memset(t, 0, sizeof(*t));
}

void intern_release(struct intern_table *t)
{
	if (t->lock)
		RT_BUG("intern table released while shared");
	free(t->slots);
	free(t->hashes);
	intern_init(t);
}

void intern_share_begin(struct intern_table *t)
{
	t->lock = xmalloc(sizeof(*t->lock));
	if (pthread_mutex_init(&t->lock->mutex, NULL) != 0)
		RT_BUG("cannot create the intern table's lock");
}

void intern_view(struct intern_table *view, struct intern_table *t)
{
	intern_init(view);
	view->shared = t;
}

void intern_share_end(struct intern_table *t)
{
	pthread_mutex_destroy(&t->lock->mutex);
	free(t->lock);
	t->lock = NULL;
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void intern_grow(struct intern_table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 256, i;
	const char **slots = xcalloc(ncap, sizeof(*slots));
	uint32_t *hashes = xcalloc(ncap, sizeof(*hashes));

	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->slots[i])
			continue;
		j = t->hashes[i] & (ncap - 1);
		while (slots[j])
			j = (j + 1) & (ncap - 1);
		slots[j] = t->slots[i];
		hashes[j] = t->hashes[i];
	}
	free(t->slots);
	free(t->hashes);
	t->slots = slots;
	t->hashes = hashes;
	t->cap = ncap;
}

static const char *intern_hashed(struct intern_table *t, struct arena *a,
				  const char *s, size_t n, uint32_t h)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap)
		intern_grow(t);
	for (i = h & (t->cap - 1); t->slots[i]; i = (i + 1) & (t->cap - 1)) {
		if (t->hashes[i] == h && strncmp(t->slots[i], s, n) == 0 &&
		    t->slots[i][n] == '\0')
			return t->slots[i];
	}
	t->slots[i] = arena_strndup(a, s, n);
	t->hashes[i] = h;
	t->n++;
	return t->slots[i];
}

const char *intern(struct intern_table *t, struct arena *a, const char *s,
		   size_t n)
{
	uint32_t h = fnv1a(s, n);
	const char *r;

	if (!t->shared)
		return intern_hashed(t, a, s, n, h);
	pthread_mutex_lock(&t->shared->lock->mutex);
	r = intern_hashed(t->shared, a, s, n, h);
	pthread_mutex_unlock(&t->shared->lock->mutex);
	return r;
}

const char *intern_lower(struct intern_table *t, struct arena *a,
			 const char *s, size_t n)
{
	char small[128] = "";
	char *buf = n < sizeof(small) ? small : xmalloc(n);
	const char *r;
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)ascii_tolower((unsigned char)s[i]);
	r = intern(t, a, buf, n);
	if (buf != small)
		free(buf);
	return r;
}
