/*
 * arena.h: bump allocator for everything one compilation builds (AST,
 * names, graph, schema).  Nothing in an arena is freed on its own; the
 * whole arena goes at once with arena_release().
 */
#ifndef RT_ARENA_H
#define RT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

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

/* size bytes, zeroed, aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t size);

/*
 * size bytes, zeroed, aligned to align (a power of two, at most that of
 * max_align_t); never NULL.  For the many small objects of the AST and
 * for strings (align 1), which would waste room padded to 16.
 */
void *arena_alloc_aligned(struct arena *a, size_t size, size_t align);

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
