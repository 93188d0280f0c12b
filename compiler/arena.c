/*
 * arena.c: the bump allocator behind the AST, names and later stages.
 * Chunks grow geometrically; a request larger than a chunk gets its own.
 */
#define _DEFAULT_SOURCE 1	/* madvise */

#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <sys/mman.h>

#include "util.h"

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_MIN_CHUNK (64u * 1024u)
#define ARENA_MAX_CHUNK (8u * 1024u * 1024u)
#define ARENA_HUGE (2u * 1024u * 1024u)	/* a huge page */

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

/*
 * A zeroed chunk (calloc: fresh pages from the kernel are not cleared
 * twice).  A large one asks for transparent huge pages: a project of
 * 100,000 revisions otherwise spends a third of its time in page faults.
 */
static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = xcalloc(1, sizeof(*c) + size);

	if (size >= ARENA_HUGE) {
		uintptr_t lo = ((uintptr_t)c + ARENA_HUGE - 1) & ~(uintptr_t)(ARENA_HUGE - 1);
		uintptr_t hi = ((uintptr_t)c + sizeof(*c) + size) & ~(uintptr_t)(ARENA_HUGE - 1);

		if (hi > lo)
			madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	}
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
	/* Chunks start zeroed and nothing is handed out twice. */
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

const char *arena_path_join(struct arena *a, const char *dir,
			    const char *name)
{
	size_t n = strlen(dir);

	if (name[0] == '/' || n == 0 || strcmp(dir, ".") == 0)
		return arena_strndup(a, name, strlen(name));
	return arena_printf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/",
			    name);
}
