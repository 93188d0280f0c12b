/*
 * schema.c: the schema model's storage: pointer-keyed maps, the undo
 * journal behind savepoints, the primitive changes and lookups.  The
 * statements and the replay built on them are schema_apply.c's.
 */
#include "schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "rt.h"
#include "schema_int.h"
#include "util.h"

/* Journal */

void schema_save(struct schema *s, void *addr, size_t size)
{
	struct schema_undo *u;

	if (!s->recording)
		return;
	if (s->nundo == s->capundo) {
		size_t cap = s->capundo ? s->capundo * 2 : 256;
		struct schema_undo *a = arena_alloc(s->arena, cap * sizeof(*a));

		if (s->nundo)
			memcpy(a, s->undo, s->nundo * sizeof(*a));
		s->undo = a;
		s->capundo = cap;
	}
	if (s->nbytes + size > s->capbytes) {
		size_t cap = s->capbytes ? s->capbytes * 2 : 4096;
		unsigned char *b;

		while (cap < s->nbytes + size)
			cap *= 2;
		b = arena_alloc(s->arena, cap);
		if (s->nbytes)
			memcpy(b, s->bytes, s->nbytes);
		s->bytes = b;
		s->capbytes = cap;
	}
	u = &s->undo[s->nundo++];
	u->addr = addr;
	u->size = size;
	u->off = s->nbytes;
	memcpy(s->bytes + s->nbytes, addr, size);
	s->nbytes += size;
}

void schema_begin(struct schema *s)
{
	s->recording = true;
	s->nundo = 0;
	s->nbytes = 0;
}

void schema_rollback(struct schema *s)
{
	size_t i = s->nundo;

	while (i-- > 0) {
		const struct schema_undo *u = &s->undo[i];

		memcpy(u->addr, s->bytes + u->off, u->size);
	}
	schema_commit(s);
}

void schema_commit(struct schema *s)
{
	s->recording = false;
	s->nundo = 0;
	s->nbytes = 0;
}

unsigned schema_mark(struct schema *s)
{
	return ++s->gen;
}

/* Maps */

static size_t map_hash(const void *k1, const void *k2)
{
	uint64_t h = (uint64_t)(uintptr_t)k1 * 0x9E3779B97F4A7C15ull;

	h ^= (uint64_t)(uintptr_t)k2 * 0xC2B2AE3D27D4EB4Full;
	h ^= h >> 31;
	h *= 0x94D049BB133111EBull;
	h ^= h >> 29;
	return (size_t)h;
}

void *schema_map_get(const struct schema_map *m, const void *k1,
		     const void *k2)
{
	size_t mask, i;

	if (!m->cap)
		return NULL;
	mask = m->cap - 1;
	for (i = map_hash(k1, k2) & mask; m->slots[i].k2; i = (i + 1) & mask) {
		if (m->slots[i].k1 == k1 && m->slots[i].k2 == k2)
			return m->slots[i].val;
	}
	return NULL;
}

/* The new array is fresh memory: only the map's header is journalled. */
static void map_grow(struct schema *s, struct schema_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 8, mask = ncap - 1, i, j;
	struct schema_slot *slots = arena_alloc(s->arena,
						 ncap * sizeof(*slots));

	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].k2)
			continue;
		j = map_hash(m->slots[i].k1, m->slots[i].k2) & mask;
		while (slots[j].k2)
			j = (j + 1) & mask;
		slots[j] = m->slots[i];
	}
	SCHEMA_SET(s, m->slots, slots);
	SCHEMA_SET(s, m->cap, ncap);
}

void schema_map_put(struct schema *s, struct schema_map *m, const void *k1,
		    const void *k2, void *val)
{
	size_t mask, i;

	if ((m->n + 1) * 2 > m->cap)
		map_grow(s, m);
	mask = m->cap - 1;
	for (i = map_hash(k1, k2) & mask; m->slots[i].k2; i = (i + 1) & mask) {
		if (m->slots[i].k1 == k1 && m->slots[i].k2 == k2) {
			SCHEMA_SET(s, m->slots[i].val, val);
			return;
		}
	}
	schema_save(s, &m->slots[i], sizeof(m->slots[i]));
	m->slots[i].k1 = k1;
	m->slots[i].k2 = k2;
	m->slots[i].val = val;
	SCHEMA_SET(s, m->n, m->n + 1);
}

/* Linear probing's backward-shift deletion: no tombstones. */
void schema_map_del(struct schema *s, struct schema_map *m, const void *k1,
		    const void *k2)
{
	struct schema_slot *sl = m->slots;
	size_t mask, i, j, home;

	if (!m->cap)
		return;
	mask = m->cap - 1;
	for (i = map_hash(k1, k2) & mask; sl[i].k2; i = (i + 1) & mask) {
		if (sl[i].k1 == k1 && sl[i].k2 == k2)
			break;
	}
	if (!sl[i].k2)
		return;
	for (j = (i + 1) & mask; sl[j].k2; j = (j + 1) & mask) {
		home = map_hash(sl[j].k1, sl[j].k2) & mask;
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		schema_save(s, &sl[i], sizeof(sl[i]));
		sl[i] = sl[j];
		i = j;
	}
	schema_save(s, &sl[i], sizeof(sl[i]));
	memset(&sl[i], 0, sizeof(sl[i]));
	SCHEMA_SET(s, m->n, m->n - 1);
}

/* Primitive changes */

struct schema_table *schema_alloc_table(struct schema *s)
{
	struct schema_table *t = arena_alloc(s->arena, sizeof(*t));

	t->obj.kind = SCHEMA_TABLE;
	t->colmap = arena_alloc(s->arena, sizeof(*t->colmap));
	return t;
}

void schema_add_table(struct schema *s, struct schema_table *t)
{
	schema_map_put(s, &s->names, t->obj.schema, t->obj.key, &t->obj);
	SCHEMA_SET(s, s->ntables, s->ntables + 1);
}

void schema_remove_table(struct schema *s, struct schema_table *t)
{
	while (t->cons)
		schema_remove_con(s, t->cons);
	while (t->indexes)
		schema_remove_index(s, t->indexes);
	schema_map_del(s, &s->names, t->obj.schema, t->obj.key);
	SCHEMA_SET(s, s->ntables, s->ntables - 1);
}

void schema_rename_obj(struct schema *s, struct schema_obj *o,
		       const char *key, const char *text)
{
	schema_map_del(s, &s->names, o->schema, o->key);
	SCHEMA_SET(s, o->key, key);
	SCHEMA_SET(s, o->text, text);
	schema_map_put(s, &s->names, o->schema, key, o);
}

void schema_rename_table(struct schema *s, struct schema_table *t,
			 const char *key, const char *text)
{
	schema_rename_obj(s, &t->obj, key, text);
}

void schema_add_column(struct schema *s, struct schema_table *t,
		       struct schema_column *c)
{
	if (t->ncols == t->capcols) {
		size_t cap = t->capcols ? t->capcols * 2 : 8;
		struct schema_column **a = arena_alloc(s->arena,
						       cap * sizeof(*a));

		if (t->ncols)
			memcpy(a, t->cols, t->ncols * sizeof(*a));
		SCHEMA_SET(s, t->cols, a);
		SCHEMA_SET(s, t->capcols, cap);
	}
	SCHEMA_SET(s, t->cols[t->ncols], c);
	SCHEMA_SET(s, t->ncols, t->ncols + 1);
	schema_map_put(s, t->colmap, NULL, c->key, c);
}

void schema_remove_column(struct schema *s, struct schema_column *c)
{
	struct schema_table *t = c->table;
	size_t i = t->ncols;

	while (i > 0 && t->cols[i - 1] != c)
		i--;
	if (i-- == 0)
		RT_BUG("column \"%s\" is not in its table", c->text);
	schema_save(s, &t->cols[i], (t->ncols - i) * sizeof(t->cols[0]));
	memmove(&t->cols[i], &t->cols[i + 1],
		(t->ncols - i - 1) * sizeof(t->cols[0]));
	SCHEMA_SET(s, t->ncols, t->ncols - 1);
	schema_map_del(s, t->colmap, NULL, c->key);
}

void schema_rename_column(struct schema *s, struct schema_column *c,
			  const char *key, const char *text)
{
	schema_map_del(s, c->table->colmap, NULL, c->key);
	SCHEMA_SET(s, c->key, key);
	SCHEMA_SET(s, c->text, text);
	schema_map_put(s, c->table->colmap, NULL, key, c);
}

static void use_columns(struct schema *s, struct schema_column **cols,
			size_t n, int delta)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cols[i])	/* NULL: an index's expression */
			SCHEMA_SET(s, cols[i]->uses,
			   (unsigned)((int)cols[i]->uses + delta));
}

static void inbound_add(struct schema *s, struct schema_table *t,
			struct schema_con *fk)
{
	if (t->ninbound == t->capinbound) {
		size_t cap = t->capinbound ? t->capinbound * 2 : 4;
		struct schema_con **a = arena_alloc(s->arena, cap * sizeof(*a));

		if (t->ninbound)
			memcpy(a, t->inbound, t->ninbound * sizeof(*a));
		SCHEMA_SET(s, t->inbound, a);
		SCHEMA_SET(s, t->capinbound, cap);
	}
	SCHEMA_SET(s, t->inbound[t->ninbound], fk);
	SCHEMA_SET(s, t->ninbound, t->ninbound + 1);
}

static void inbound_remove(struct schema *s, struct schema_table *t,
			   const struct schema_con *fk)
{
	size_t i = t->ninbound;

	while (i > 0 && t->inbound[i - 1] != fk)
		i--;
	if (i-- == 0)
		RT_BUG("foreign key \"%s\" is not in its target", fk->obj.text);
	schema_save(s, &t->inbound[i], (t->ninbound - i) * sizeof(fk));
	memmove(&t->inbound[i], &t->inbound[i + 1],
		(t->ninbound - i - 1) * sizeof(fk));
	SCHEMA_SET(s, t->ninbound, t->ninbound - 1);
}

void schema_add_con(struct schema *s, struct schema_con *c)
{
	struct schema_table *t = c->table;

	SCHEMA_SET(s, c->prev, t->cons_tail);
	SCHEMA_SET(s, c->next, NULL);
	if (t->cons_tail)
		SCHEMA_SET(s, t->cons_tail->next, c);
	else
		SCHEMA_SET(s, t->cons, c);
	SCHEMA_SET(s, t->cons_tail, c);
	schema_map_put(s, &s->names, c->obj.schema, c->obj.key, &c->obj);
	if (c->defer == DEFER_DEFERRED)
		SCHEMA_SET(s, s->ndeferred, s->ndeferred + 1);
	use_columns(s, c->cols, c->ncols, 1);
	if (c->kind == CON_FOREIGN_KEY) {
		use_columns(s, c->ref_cols, c->ncols, 1);
		inbound_add(s, c->ref, c);
	}
	if (c->kind == CON_PRIMARY_KEY)
		SCHEMA_SET(s, t->pk, c);
}

void schema_remove_con(struct schema *s, struct schema_con *c)
{
	struct schema_table *t = c->table;

	if (c->prev)
		SCHEMA_SET(s, c->prev->next, c->next);
	else
		SCHEMA_SET(s, t->cons, c->next);
	if (c->next)
		SCHEMA_SET(s, c->next->prev, c->prev);
	else
		SCHEMA_SET(s, t->cons_tail, c->prev);
	schema_map_del(s, &s->names, c->obj.schema, c->obj.key);
	if (c->defer == DEFER_DEFERRED)
		SCHEMA_SET(s, s->ndeferred, s->ndeferred - 1);
	use_columns(s, c->cols, c->ncols, -1);
	if (c->kind == CON_FOREIGN_KEY) {
		use_columns(s, c->ref_cols, c->ncols, -1);
		inbound_remove(s, c->ref, c);
	}
	if (t->pk == c)
		SCHEMA_SET(s, t->pk, NULL);
}

void schema_add_index(struct schema *s, struct schema_index *x)
{
	struct schema_table *t = x->table;

	SCHEMA_SET(s, x->prev, t->indexes_tail);
	SCHEMA_SET(s, x->next, NULL);
	if (t->indexes_tail)
		SCHEMA_SET(s, t->indexes_tail->next, x);
	else
		SCHEMA_SET(s, t->indexes, x);
	SCHEMA_SET(s, t->indexes_tail, x);
	schema_map_put(s, &s->names, x->obj.schema, x->obj.key, &x->obj);
	use_columns(s, x->cols, x->ncols, 1);
	use_columns(s, x->where_cols, x->nwhere, 1);
}

void schema_remove_index(struct schema *s, struct schema_index *x)
{
	struct schema_table *t = x->table;

	if (x->prev)
		SCHEMA_SET(s, x->prev->next, x->next);
	else
		SCHEMA_SET(s, t->indexes, x->next);
	if (x->next)
		SCHEMA_SET(s, x->next->prev, x->prev);
	else
		SCHEMA_SET(s, t->indexes_tail, x->prev);
	schema_map_del(s, &s->names, x->obj.schema, x->obj.key);
	use_columns(s, x->cols, x->ncols, -1);
	use_columns(s, x->where_cols, x->nwhere, -1);
}

/* Lookups */

struct schema_obj *schema_object(const struct schema *s,
				 const char *schema_key, const char *key)
{
	return schema_map_get(&s->names, schema_key, key);
}

struct schema_table *schema_table_in(const struct schema *s,
				     const char *schema_key, const char *key)
{
	struct schema_obj *o = schema_object(s, schema_key, key);

	return o && o->kind == SCHEMA_TABLE ? (struct schema_table *)o : NULL;
}

struct schema_table *schema_table(const struct schema *s, const char *key)
{
	return schema_table_in(s, NULL, key);
}

struct schema_table *schema_table_named(const struct schema *s,
					const struct ast_node *qname)
{
	const struct ast_node *sch = qname->u.qname.schema;

	return schema_table_in(s, sch ? sch->u.name.key : NULL,
			       qname->u.qname.name->u.name.key);
}

struct schema_column *schema_column(const struct schema_table *t,
				    const char *key)
{
	return schema_map_get(t->colmap, NULL, key);
}

struct schema_con *schema_constraint(const struct schema *s,
				     const char *schema_key, const char *key)
{
	struct schema_obj *o = schema_object(s, schema_key, key);

	return o && o->kind == SCHEMA_CONSTRAINT ? (struct schema_con *)o
						 : NULL;
}

struct schema_index *schema_index(const struct schema *s,
				  const char *schema_key, const char *key)
{
	struct schema_obj *o = schema_object(s, schema_key, key);

	return o && o->kind == SCHEMA_INDEX ? (struct schema_index *)o : NULL;
}

void schema_note_schema(struct schema *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->nschemas; i++) {
		if (s->schemas[i] == key)
			return;
	}
	if (s->nschemas == s->capschemas) {
		size_t cap = s->capschemas ? s->capschemas * 2 : 4;
		const char **a = arena_alloc(s->arena, cap * sizeof(*a));

		if (s->nschemas)
			memcpy(a, s->schemas, s->nschemas * sizeof(*a));
		SCHEMA_SET(s, s->schemas, a);
		SCHEMA_SET(s, s->capschemas, cap);
	}
	SCHEMA_SET(s, s->schemas[s->nschemas], key);
	SCHEMA_SET(s, s->nschemas, s->nschemas + 1);
}

size_t schema_indexes_anywhere(const struct schema *s, const char *key,
			       struct schema_index **found)
{
	size_t i, n = 0;

	for (i = 0; i < s->nschemas; i++) {
		struct schema_index *x = schema_index(s, s->schemas[i], key);

		if (x && n < 2)
			found[n] = x;
		n += x != NULL;
	}
	return n;
}

struct schema_index *schema_index_named(const struct schema *s,
					const struct ast_node *qname)
{
	const struct ast_node *sch = qname->u.qname.schema;
	const char *key = qname->u.qname.name->u.name.key;
	struct schema_index *found[2];

	if (sch)
		return schema_index(s, sch->u.name.key, key);
	if (schema_object(s, NULL, key))
		return schema_index(s, NULL, key);
	return schema_indexes_anywhere(s, key, found) == 1 ? found[0] : NULL;
}

size_t schema_ntables(const struct schema *s)
{
	return s->ntables;
}

bool schema_any_deferred(const struct schema *s)
{
	return s->ndeferred != 0;
}

const struct ast_node *schema_raw_ddl(const struct schema *s,
				      const struct schema_table *t)
{
	const struct schema_raw *r = s->raw_ddl;

	if (!r || r->seq <= t->born)
		return NULL;
	while (r->prev && r->prev->seq > t->born)
		r = r->prev;
	return r->stmt;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_table(const void *pa, const void *pb)
{
	const struct schema_table *a = *(struct schema_table *const *)pa;
	const struct schema_table *b = *(struct schema_table *const *)pb;
	int c = cmp_str(a->obj.schema, b->obj.schema);

	return c ? c : strcmp(a->obj.key, b->obj.key);
}

void schema_sort_tables(const struct schema *s, struct schema_table **out)
{
	size_t i, n = 0;

	for (i = 0; i < s->names.cap; i++) {
		struct schema_obj *o = s->names.slots[i].val;

		if (s->names.slots[i].k2 && o->kind == SCHEMA_TABLE)
			out[n++] = (struct schema_table *)o;
	}
	qsort(out, n, sizeof(*out), cmp_table);
}

struct schema_sequence *schema_sequence_named(const struct schema *s,
					      const struct ast_node *qname)
{
	const struct ast_node *sch = qname->u.qname.schema;
	struct schema_obj *o = schema_object(s, sch ? sch->u.name.key : NULL,
					     qname->u.qname.name->u.name.key);

	return o && o->kind == SCHEMA_SEQUENCE ? (struct schema_sequence *)o
					       : NULL;
}

static int cmp_seq(const void *pa, const void *pb)
{
	const struct schema_sequence *a =
		*(struct schema_sequence *const *)pa;
	const struct schema_sequence *b =
		*(struct schema_sequence *const *)pb;
	int c = cmp_str(a->obj.schema, b->obj.schema);

	return c ? c : strcmp(a->obj.key, b->obj.key);
}

size_t schema_sequences_into(const struct schema *s,
			     struct schema_sequence **v)
{
	size_t i, n = 0;

	for (i = 0; i < s->names.cap; i++) {
		struct schema_obj *o = s->names.slots[i].val;

		if (s->names.slots[i].k2 && o->kind == SCHEMA_SEQUENCE)
			v[n++] = (struct schema_sequence *)o;
	}
	qsort(v, n, sizeof(*v), cmp_seq);
	return n;
}

size_t schema_sequences_sorted(struct rt_ctx *ctx, const struct schema *s,
			       struct schema_sequence ***out)
{
	*out = arena_alloc(&ctx->arena, (s->names.n + 1) * sizeof(**out));
	return schema_sequences_into(s, *out);
}

struct schema_column *schema_sequence_user(struct rt_ctx *ctx,
					   const struct schema *s,
					   const struct schema_sequence *q)
{
	struct schema_table **all = schema_tables_sorted(ctx, s);
	size_t i, j;

	for (i = 0; i < s->ntables; i++) {
		for (j = 0; j < all[i]->ncols; j++) {
			const struct ast_node *d = all[i]->cols[j]->dflt;

			if (d && d->kind == AST_LITERAL &&
			    d->u.lit.kind == LIT_NEXTVAL && d->u.lit.seq &&
			    schema_sequence_named(s, d->u.lit.seq) == q)
				return all[i]->cols[j];
		}
	}
	return NULL;
}

struct schema_table **schema_tables_sorted(struct rt_ctx *ctx,
					   const struct schema *s)
{
	struct schema_table **a = arena_alloc(&ctx->arena,
					      (s->ntables + 1) * sizeof(*a));

	schema_sort_tables(s, a);
	return a;
}

/* A new model */

struct schema_enum *schema_enum(const struct schema *s, const char *key)
{
	return key ? schema_map_get(&s->enums, NULL, key) : NULL;
}

bool schema_enum_has(const struct schema_enum *e, const char *label)
{
	size_t i;

	for (i = 0; i < e->nlabels; i++) {
		if (strcmp(e->labels[i], label) == 0)
			return true;
	}
	return false;
}

size_t schema_enum_columns(struct rt_ctx *ctx, const struct schema *s,
			   const char *key, struct schema_column ***out)
{
	struct schema_table **all = schema_tables_sorted(ctx, s);
	size_t i, j, n = 0, cap = 0;
	struct schema_column **cols = NULL;

	for (i = 0; i < s->ntables; i++) {
		for (j = 0; j < all[i]->ncols; j++)
			cap += all[i]->cols[j]->enum_key == key;
	}
	cols = arena_alloc(&ctx->arena, (cap + 1) * sizeof(*cols));
	for (i = 0; i < s->ntables; i++) {
		for (j = 0; j < all[i]->ncols; j++) {
			if (all[i]->cols[j]->enum_key == key)
				cols[n++] = all[i]->cols[j];
		}
	}
	*out = cols;
	return n;
}

static int enum_cmp(const void *a, const void *b)
{
	const struct schema_enum *x = *(struct schema_enum *const *)a;
	const struct schema_enum *y = *(struct schema_enum *const *)b;

	return strcmp(x->key, y->key);
}

size_t schema_enums_sorted(struct rt_ctx *ctx, const struct schema *s,
			   struct schema_enum ***out)
{
	struct schema_enum **v = arena_alloc(&ctx->arena, (s->enums.n + 1) *
					     sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < s->enums.cap; i++) {
		if (s->enums.slots[i].k2)
			v[n++] = s->enums.slots[i].val;
	}
	qsort(v, n, sizeof(*v), enum_cmp);
	*out = v;
	return n;
}

struct schema *schema_new(struct rt_ctx *ctx)
{
	struct schema *s = arena_alloc(&ctx->arena, sizeof(*s));

	s->arena = &ctx->arena;
	return s;
}

void schema_set_origin(struct schema *s, const struct ast_revision *r)
{
	s->origin = r;
}

void schema_set_db_order(struct schema *s, bool on)
{
	s->db_order = on;
}
