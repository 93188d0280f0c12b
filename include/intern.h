/*
 * intern.h: one canonical copy of each identifier, so that names compare
 * by pointer.  Strings live in the context's arena; the table is owned by
 * struct rt_ctx.
 */
#ifndef RT_INTERN_H
#define RT_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct intern_lock;

/* A name's hash and length beside it: a probe reads one slot. */
struct intern_slot {
	const char *s;		/* NULL: empty */
	uint32_t hash;
	uint32_t len;
};

struct intern_table {
	struct intern_slot *slots;	/* open addressing */
	size_t cap;		/* a power of two, or 0 */
	size_t n;
	/* Threads share a table through views (intern_view): a view asks
	 * shared, under its lock, for any name not in its own cache (the
	 * names it interned last, by hash: most are the same few). */
	struct intern_table *shared;
	struct intern_slot *cache;	/* a view's, INTERN_CACHE of them */
	struct intern_lock *lock;	/* set while views may be in use */
};

void intern_init(struct intern_table *t);
void intern_release(struct intern_table *t);

/*
 * Let several threads intern into t at once: intern_share_begin(t), then
 * each thread its own intern_view(&view, t) (released with
 * intern_view_release); intern_share_end(t) once they are done.  The names interned through
 * a view are t's; their copies go to the arena passed with each call.
 */
void intern_share_begin(struct intern_table *t);
void intern_view(struct intern_table *view, struct intern_table *t);
void intern_view_release(struct intern_table *view);
void intern_share_end(struct intern_table *t);

/* The canonical copy of s[0..n), exactly as given. */
const char *intern(struct intern_table *t, struct arena *a, const char *s,
		   size_t n);

/* The canonical copy of s[0..n) with ASCII letters folded to lower case. */
const char *intern_lower(struct intern_table *t, struct arena *a,
			 const char *s, size_t n);

#endif
