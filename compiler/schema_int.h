/*
 * schema_int.h: what the schema_*.c files share and nobody else sees: the
 * model's maps, its undo journal, and the primitive changes every
 * statement is built from.
 */
#ifndef RT_SCHEMA_INT_H
#define RT_SCHEMA_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

struct arena;
struct rt_ctx;

/* Open addressing over a pair of pointer keys; k2 NULL: empty slot. */
struct schema_slot {
	const void *k1;
	const void *k2;
	void *val;
};

struct schema_map {
	struct schema_slot *slots;	/* in the arena */
	size_t cap;			/* a power of two, or 0 */
	size_t n;
};

/* One journalled write: size bytes at addr were saved at bytes[off]. */
struct schema_undo {
	void *addr;
	size_t size;
	size_t off;
};

/*
 * What was at a name that is no more: for "table "t" does not exist" to
 * say that a revision dropped or renamed it.  Tables, indexes and
 * constraints are found by (schema, key), columns by (table, key).
 */
struct schema_grave {
	const char *what;		/* "table", "column", ... */
	const char *text;		/* its name then */
	const char *now;		/* renamed to this; NULL: dropped */
	struct src_span at;		/* the statement that did it */
	const struct ast_revision *by;	/* its revision, or NULL */
};

/* A raw sql block with DDL words, and those before it. */
struct schema_raw {
	const struct ast_node *stmt;
	unsigned seq;			/* 1 for the first */
	struct schema_raw *prev;
};

struct schema {
	struct arena *arena;
	struct schema_map names;	/* (schema, key) -> schema_obj */
	struct schema_map graves;	/* (schema or table, key) -> grave */
	struct schema_map enums;	/* (NULL, key) -> schema_enum */
	const struct ast_revision *origin;	/* the revision being applied */
	bool db_order;			/* replayed in a database's order */
	size_t ntables;
	size_t ndeferred;		/* constraints initially deferred */
	const char **schemas;		/* SQL schemas seen, first seen first */
	size_t nschemas, capschemas;
	struct schema_raw *raw_ddl;	/* the last raw DDL block, or NULL */
	unsigned gen;			/* for column marks; never undone */
	bool recording;			/* inside schema_begin */
	struct schema_undo *undo;
	size_t nundo, capundo;
	unsigned char *bytes;
	size_t nbytes, capbytes;
};

/* Save size bytes at addr in the journal before they change. */
void schema_save(struct schema *s, void *addr, size_t size);

/* Assign through the journal: the one way the model is written. */
#define SCHEMA_SET(s, lv, v)					\
	do {							\
		schema_save((s), &(lv), sizeof(lv));		\
		(lv) = (v);					\
	} while (0)

/* Maps (schema.c); writes go through the journal. */
void *schema_map_get(const struct schema_map *m, const void *k1,
		     const void *k2);
void schema_map_put(struct schema *s, struct schema_map *m, const void *k1,
		    const void *k2, void *val);
void schema_map_del(struct schema *s, struct schema_map *m, const void *k1,
		    const void *k2);

/* Remember SQL schema key (for unqualified index names). */
void schema_note_schema(struct schema *s, const char *key);

/* Indexes named key in any SQL schema but none: how many; the first two
 * go to found[0] and found[1]. */
size_t schema_indexes_anywhere(const struct schema *s, const char *key,
			       struct schema_index **found);

/* Fill out (s->ntables slots) with the tables, sorted as schema_dump
 * lists them. */
void schema_sort_tables(const struct schema *s, struct schema_table **out);

/* A fresh mark for schema_column.mark. */
unsigned schema_mark(struct schema *s);

/* A zeroed table with its column map, in s's arena. */
struct schema_table *schema_alloc_table(struct schema *s);

/*
 * Primitive changes (schema.c).  They check nothing; removing a table
 * removes its constraints and indexes, removing a column does not.
 */
void schema_add_table(struct schema *s, struct schema_table *t);
void schema_remove_table(struct schema *s, struct schema_table *t);
void schema_rename_table(struct schema *s, struct schema_table *t,
			 const char *key, const char *text);
/* A table, constraint or index under a new name in its namespace. */
void schema_rename_obj(struct schema *s, struct schema_obj *o,
		       const char *key, const char *text);
void schema_add_column(struct schema *s, struct schema_table *t,
		       struct schema_column *c);
void schema_remove_column(struct schema *s, struct schema_column *c);
void schema_rename_column(struct schema *s, struct schema_column *c,
			  const char *key, const char *text);
void schema_add_con(struct schema *s, struct schema_con *c);
void schema_remove_con(struct schema *s, struct schema_con *c);
void schema_add_index(struct schema *s, struct schema_index *x);
void schema_remove_index(struct schema *s, struct schema_index *x);

/* Scanning SQL text (schema_names.c). */

/*
 * The next bare word of text at or after *pos that is outside quotes,
 * $$ strings and comments: store its start in *start, its length in
 * *len, move *pos past it and return true; false at the end.
 */
bool schema_next_word(const char *text, size_t *pos, size_t *start,
		      size_t *len);

/* Where in raw SQL text the first DDL word is, or -1. */
long schema_ddl_word(const char *text, size_t *len);

/* For messages: "users" or "audit.events", in the arena. */
const char *schema_table_label(struct rt_ctx *ctx,
			       const struct schema_table *t);
/* "table", "constraint" or "index". */
const char *schema_kind_word(enum schema_kind kind);

#endif
