/*
 * locks.h: what a DDL statement locks, and whether it rewrites or reads
 * the whole table, in a dialect that says (its row of the dialect table
 * points at its function; PostgreSQL's, pglocks.c, cites its manual).
 * The PostgreSQL emitter writes it above each statement; check's lock
 * lints read it.
 */
#ifndef RT_LOCKS_H
#define RT_LOCKS_H

#include <stdbool.h>
#include <stddef.h>

struct schema;
struct schema_change;
struct schema_table;

/* PostgreSQL's table-level lock modes, weakest first. */
enum lock_mode {
	LOCK_NONE,
	LOCK_ACCESS_SHARE,
	LOCK_ROW_SHARE,
	LOCK_ROW_EXCLUSIVE,
	LOCK_SHARE_UPDATE_EXCLUSIVE,
	LOCK_SHARE,
	LOCK_SHARE_ROW_EXCLUSIVE,
	LOCK_EXCLUSIVE,
	LOCK_ACCESS_EXCLUSIVE,
};

#define LOCK_MAX_OTHERS 8

/* What one statement (or one ALTER TABLE of several actions) does. */
struct lock_effect {
	const struct schema_table *table;	/* NULL: no DDL, no note */
	enum lock_mode mode;			/* on table */
	/* Other tables it locks (the other end of a foreign key), each
	 * once, with the mode it takes there. */
	const struct schema_table *others[LOCK_MAX_OTHERS];
	enum lock_mode other_modes[LOCK_MAX_OTHERS];
	size_t nothers;
	bool rewrites;		/* the table and its indexes are rewritten */
	bool scans;		/* every row is read (validated, indexed) */
};

/* "ACCESS EXCLUSIVE" */
const char *lock_mode_name(enum lock_mode m);

/* Fold e into acc (the strictest mode of each table wins; a rewrite or
 * a scan of either is one of both).  acc->table NULL: acc = *e. */
void lock_effect_merge(struct lock_effect *acc, const struct lock_effect *e);

/* Lock another table too (past LOCK_MAX_OTHERS, the mode of the last
 * slot rises instead: a note names the first ones). */
void lock_effect_other(struct lock_effect *e, const struct schema_table *t,
		       enum lock_mode m);

/*
 * PostgreSQL 15 (pglocks.c): what statement c (the model took it; s is
 * the model after it) locks, rewrites and scans, with the constraints
 * it adds.  out->table is NULL for what is no DDL (insert, raw SQL).
 */
void pglocks_of(const struct schema *s, const struct schema_change *c,
		struct lock_effect *out);

/* The same for one action: the column c adds or changes alone (its
 * constraints left out), or adding constraint k. */
struct schema_con;
void pglocks_column(const struct schema *s, const struct schema_change *c,
		    struct lock_effect *out);
void pglocks_con(const struct schema_con *k, struct lock_effect *out);

/* Would PostgreSQL 15 rewrite a table to change a column's type from
 * AST_TYPE from to to (no USING)?  False where it is binary coercible:
 * varchar widened or to text, text to varchar without a length,
 * numeric's precision raised at the same scale. */
struct ast_node;
bool pglocks_type_rewrites(const struct ast_node *from,
			   const struct ast_node *to);

#endif
