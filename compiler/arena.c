/*
 * arena.c: the bump allocator behind the AST, names and later stages.
 * Chunks grow geometrically; a request larger than a chunk gets its own.
 */
#define _DEFAULT_SOURCE 1	/* madvise */

#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <sys/mman.h>

#include "util.h"

/* Under AddressSanitizer (ARENA_CHECKED, arena.h) every allocation comes
 * here and is followed by a poisoned gap as large as the largest AST node
 * (a node is only as large as its kind's fields). */
#ifdef ARENA_CHECKED
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 128u
#else
#define ARENA_REDZONE 0u
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif

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

		ASAN_UNPOISON_MEMORY_REGION(c->data, c->size);
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
	ASAN_POISON_MEMORY_REGION(c->data, size);
	return c;
}

/* A fresh chunk for a request of need bytes that the current one cannot
 * hold; returns where the request goes. */
static char *arena_grow(struct arena *a, size_t need)
{
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
		return c->data;
	}
	c = chunk_new(csize);
	c->next = a->chunks;
	a->chunks = c;
	a->next = c->data + need;
	a->left = csize - need;
	return c->data;
}

void *arena_alloc_slow(struct arena *a, size_t size, size_t align)
{
	size_t pad = (size_t)(-(uintptr_t)a->next) & (align - 1);
	size_t need = size + ARENA_REDZONE;
	char *p;

	if (need < size || need + pad < need)
		RT_BUG("arena request of %zu bytes overflows", size);
	if (need + pad > a->left || !a->next) {
		/* Chunk data is aligned for any type. */
		p = arena_grow(a, need);
	} else {
		p = a->next + pad;
		a->next = p + need;
		a->left -= need + pad;
	}
	a->total += size;
	ASAN_UNPOISON_MEMORY_REGION(p, size);
	/* Chunks start zeroed and nothing is handed out twice. */
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_aligned(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *keep = a->chunks;
	size_t used;

	if (!keep)
		return;
	used = keep->size - a->left;
	/* The older chunks and large blocks (behind the newest) go. */
	a->chunks = keep->next;
	keep->next = NULL;
	arena_release(a);
	/* Memory is handed out zeroed: clear what was used. */
	ASAN_UNPOISON_MEMORY_REGION(keep->data, used);
	memset(keep->data, 0, used);
	ASAN_POISON_MEMORY_REGION(keep->data, keep->size);
	a->chunks = keep;
	a->next = keep->data;
	a->left = keep->size;
}

void arena_adopt(struct arena *dst, struct arena *src)
{
	struct arena_chunk *last = src->chunks;

	if (!last)
		return;
	while (last->next)
		last = last->next;
	if (dst->chunks) {
		/* Behind dst's newest chunk, which keeps its free room. */
		last->next = dst->chunks->next;
		dst->chunks->next = src->chunks;
	} else {
		dst->chunks = src->chunks;
		dst->next = src->next;
		dst->left = src->left;
	}
	dst->total += src->total;
	arena_init(src);
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
	p = arena_alloc_aligned(a, (size_t)n + 1, 1);
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
