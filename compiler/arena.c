/*
 * arena.c: the bump allocator behind the AST, names and later stages.
 * Chunks grow geometrically; a request larger than a chunk gets its own.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_MIN_CHUNK (64u * 1024u)
#define ARENA_MAX_CHUNK (4u * 1024u * 1024u)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	alignas(max_align_t) char data[];
};

void arena_init(struct arena *a)
{
	memset(a, 0, sizeof(*a));
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->chunks;

	while (c) {
		struct arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	arena_init(a);
}

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof(*c) + size);

	c->size = size;
	c->next = NULL;
	return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
	size_t need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	void *p;

	if (need < size)
		RT_BUG("arena request of %zu bytes overflows", size);
	if (need > a->left) {
		size_t csize = a->chunks ? a->chunks->size * 2 : ARENA_MIN_CHUNK;
		struct arena_chunk *c;

		if (csize > ARENA_MAX_CHUNK)
			csize = ARENA_MAX_CHUNK;
		if (need > csize / 4) {
			/* A large block gets a chunk of its own behind the current one. */
			c = chunk_new(need);
			if (a->chunks) {
				c->next = a->chunks->next;
				a->chunks->next = c;
			} else {
				c->next = NULL;
				a->chunks = c;
				a->next = c->data + need;
				a->left = 0;
			}
			a->total += need;
			memset(c->data, 0, need);
			return c->data;
		}
		c = chunk_new(csize);
		c->next = a->chunks;
		a->chunks = c;
		a->next = c->data;
		a->left = csize;
	}
	p = a->next;
	a->next += need;
	a->left -= need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		RT_BUG("bad format string \"%s\"", fmt);
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
