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
	intern_init(t);
}

void intern_share_begin(struct intern_table *t)
{
	t->lock = xmalloc(sizeof(*t->lock));
	if (pthread_mutex_init(&t->lock->mutex, NULL) != 0)
		RT_BUG("cannot create the intern table's lock");
}

/* Slots of a view's cache (a power of two). */
#define INTERN_CACHE 1024u

void intern_view(struct intern_table *view, struct intern_table *t)
{
	intern_init(view);
	view->shared = t;
	view->cache = xcalloc(INTERN_CACHE, sizeof(*view->cache));
}

void intern_view_release(struct intern_table *view)
{
	free(view->cache);
	intern_init(view);
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
	struct intern_slot *slots = xcalloc(ncap, sizeof(*slots));

	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->slots[i].s)
			continue;
		j = t->slots[i].hash & (ncap - 1);
		while (slots[j].s)
			j = (j + 1) & (ncap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = ncap;
}

static const char *intern_hashed(struct intern_table *t, struct arena *a,
				  const char *s, size_t n, uint32_t h)
{
	struct intern_slot *sl;
	size_t i;

	if (n > UINT32_MAX)
		RT_BUG("name of %zu bytes", n);
	if ((t->n + 1) * 2 > t->cap)
		intern_grow(t);
	for (i = h & (t->cap - 1); t->slots[i].s; i = (i + 1) & (t->cap - 1)) {
		sl = &t->slots[i];
		if (sl->hash == h && sl->len == n && memcmp(sl->s, s, n) == 0)
			return sl->s;
	}
	sl = &t->slots[i];
	sl->s = arena_strndup(a, s, n);
	sl->hash = h;
	sl->len = (uint32_t)n;
	t->n++;
	return sl->s;
}

const char *intern(struct intern_table *t, struct arena *a, const char *s,
		   size_t n)
{
	uint32_t h = fnv1a(s, n);
	const char *r;

	struct intern_slot *c;

	if (!t->shared)
		return intern_hashed(t, a, s, n, h);
	c = &t->cache[h & (INTERN_CACHE - 1)];
	if (c->s && c->hash == h && c->len == n && memcmp(c->s, s, n) == 0)
		return c->s;
	pthread_mutex_lock(&t->shared->lock->mutex);
	r = intern_hashed(t->shared, a, s, n, h);
	pthread_mutex_unlock(&t->shared->lock->mutex);
	c->s = r;
	c->hash = h;
	c->len = (uint32_t)n;
	return r;
}

const char *intern_lower(struct intern_table *t, struct arena *a,
			 const char *s, size_t n)
{
	char small[128], *buf;
	const char *r;
	size_t i = 0;

	/* Most names are written in lower case already. */
	while (i < n && !ascii_isupper((unsigned char)s[i]))
		i++;
	if (i == n)
		return intern(t, a, s, n);
	buf = n <= sizeof(small) ? small : xmalloc(n);
	memcpy(buf, s, i);
	for (; i < n; i++)
		buf[i] = (char)ascii_tolower((unsigned char)s[i]);
	r = intern(t, a, buf, n);
	if (buf != small)
		free(buf);
	return r;
}
