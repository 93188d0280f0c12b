/*
 * arena.h: bump allocator for everything one compilation builds (AST,
 * names, graph, schema).  Nothing in an arena is freed on its own; the
 * whole arena goes at once with arena_release().
 */
#ifndef RT_ARENA_H
#define RT_ARENA_H

#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Under AddressSanitizer every allocation goes through arena.c, which
 * pads it with a poisoned gap as large as the largest AST node, so that
 * reading past an object is caught even inside a chunk. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_CHECKED 1
#endif
#endif

struct arena_chunk;

/* Embedded by its owner; zero-initialise or call arena_init(). */
struct arena {
	struct arena_chunk *chunks;	/* newest first */
	char *next;			/* free space in the newest chunk */
	size_t left;			/* bytes left there */
	size_t total;			/* bytes handed out, for statistics */
};

void arena_init(struct arena *a);

/* Free every chunk; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

/*
 * Empty the arena but keep its newest chunk for what comes next (cheaper
 * than arena_release when an arena is refilled over and over).
 */
void arena_reset(struct arena *a);

/* The rest of arena_alloc_aligned: a new chunk (not for callers). */
void *arena_alloc_slow(struct arena *a, size_t size, size_t align);

/*
 * size bytes, zeroed, aligned to align (a power of two, at most that of
 * max_align_t); never NULL.  For the many small objects of the AST and
 * for strings (align 1), which would waste room padded to 16.  Inline:
 * a parse makes half a million of them per 10,000 revisions.
 */
static inline void *arena_alloc_aligned(struct arena *a, size_t size,
					size_t align)
{
#ifndef ARENA_CHECKED
	size_t pad = (size_t)(-(uintptr_t)a->next) & (align - 1);

	if (a->next && size <= a->left && pad <= a->left - size) {
		char *p = a->next + pad;

		a->next = p + size;
		a->left -= size + pad;
		a->total += size;
		return p;
	}
#endif
	return arena_alloc_slow(a, size, align);
}

/* size bytes, zeroed, aligned for any type; never NULL. */
static inline void *arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, alignof(max_align_t));
}

/* A NUL-terminated copy of s[0..n) in the arena (unaligned). */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/*
 * Move every chunk of src into dst (src is empty afterwards): what was
 * allocated in src lives as long as dst.  For arenas filled by worker
 * threads, each owning one, and handed to the run's arena at the end.
 */
void arena_adopt(struct arena *dst, struct arena *src);

/*
 * The path name under directory dir, in the arena: name itself when it
 * is absolute or dir is "" or "."; else dir, a '/' unless dir ends with
 * one, and name.
 */
const char *arena_path_join(struct arena *a, const char *dir,
			    const char *name);

/* A formatted string in the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
