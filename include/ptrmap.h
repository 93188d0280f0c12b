/*
 * ptrmap.h: a map from pointers (interned names) to pointers, for the
 * graph's and the schema's lookups by name.  Open addressing; owned by
 * whoever embeds it; keys are compared by address.
 */
#ifndef RT_PTRMAP_H
#define RT_PTRMAP_H

#include <stddef.h>

struct ptrmap_slot {
	const void *key;
	void *value;
};

struct ptrmap {
	struct ptrmap_slot *slots;	/* xmalloc'ed; NULL key: empty */
	size_t cap;			/* a power of two, or 0 */
	size_t n;
};

void ptrmap_init(struct ptrmap *m);
void ptrmap_release(struct ptrmap *m);

/* The value stored for key, or NULL. */
void *ptrmap_get(const struct ptrmap *m, const void *key);

/* Store value for key (not NULL); returns the value it replaces, or NULL. */
void *ptrmap_put(struct ptrmap *m, const void *key, void *value);

#endif
