/*
 * ptrmap.c: pointer-keyed hash map (Fibonacci hashing, linear probing,
 * grown at half full).  No deletion: the graph and the model only add.
 */
#include "ptrmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void ptrmap_init(struct ptrmap *m)
{
	memset(m, 0, sizeof(*m));
}

void ptrmap_release(struct ptrmap *m)
{
	free(m->slots);
	ptrmap_init(m);
}

static size_t slot_of(const void *key, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 32) & (cap - 1);
}

void *ptrmap_get(const struct ptrmap *m, const void *key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = slot_of(key, m->cap); m->slots[i].key;
	     i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == key)
			return m->slots[i].value;
	}
	return NULL;
}

static void ptrmap_grow(struct ptrmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64, i;
	struct ptrmap_slot *slots = xcalloc(ncap, sizeof(*slots));

	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->slots[i].key)
			continue;
		for (j = slot_of(m->slots[i].key, ncap); slots[j].key;
		     j = (j + 1) & (ncap - 1))
			;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = ncap;
}

void *ptrmap_put(struct ptrmap *m, const void *key, void *value)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		ptrmap_grow(m);
	for (i = slot_of(key, m->cap); m->slots[i].key;
	     i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == key) {
			void *old = m->slots[i].value;

			m->slots[i].value = value;
			return old;
		}
	}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->n++;
	return NULL;
}
