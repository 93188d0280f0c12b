/*
 * dialect.h: the one table of SQL dialects.  A row says what a dialect is
 * called, what it can do, how it quotes names and spells the portable
 * types, which words it reserves, how a script for it is run, and which
 * emitter writes it.  Everything else asks the table: a new dialect is a
 * row in dialect.c and its own emit_<name>.c, and nothing else changes.
 *
 * The language knows every dialect of the table (a raw block may name
 * it); retort writes those with an emitter (ops not NULL).
 */
#ifndef RT_DIALECT_H
#define RT_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "types.h"

struct strbuf;
struct dialect_ops;
struct lock_effect;
struct schema;
struct schema_change;

/* How a dialect writes sequences (create sequence). */
enum seq_style {
	SEQUENCES_NONE,		/* none: a compile error (SQLite) */
	SEQUENCES_PG,		/* PostgreSQL's statements and nextval('s') */
	SEQUENCES_MARIADB,	/* MariaDB 10.3+: no AS, NOCYCLE, NEXTVAL(s) */
};

/* How a dialect writes an enum type (create type T as enum). */
enum enum_style {
	ENUM_NAMED,		/* a type of its own (PostgreSQL) */
	ENUM_CHECK,		/* TEXT with CHECK (c IN (...)) (SQLite) */
	ENUM_INLINE,		/* ENUM('a', ...) on each column (MySQL) */
};

struct dialect {
	const char *name;		/* "postgresql", as typed */
	unsigned bit;			/* its bit in a raw block's mask */
	const char *client;		/* the client program ("psql") */
	const char *run_with;		/* the header's "run with:" line */
	/* The statement that opens a transaction ("BEGIN;"); DDL is
	 * transactional where this is not NULL. */
	const char *begin;
	char quote;			/* the identifier quote character */
	bool schemas;			/* it has SQL schemas */
	bool guard_needs_tx;		/* the guard needs a transaction */
	bool alter_add_fk;		/* ALTER TABLE ... ADD FOREIGN KEY */
	bool by_default;		/* build and check it without config */
	/* Its emitter finds errors of its own in the model (a key on a
	 * text column for mysql), so check writes its scripts to find
	 * them. */
	bool model_checks;
	/* CREATE INDEX ... USING method: it has more kinds of index than
	 * the B-tree (false: gin, gist and brin are compile errors, and
	 * a hash index is written as a B-tree, with a note). */
	bool index_methods;
	/* An index key part may be an expression ((lower(c))). */
	bool index_exprs;
	/* CREATE / DROP INDEX CONCURRENTLY, which only runs outside a
	 * transaction (false: a plain statement, with a note). */
	bool concurrently;
	/* DEFERRABLE on a unique key, on a foreign key (false: a
	 * compile error). */
	bool defer_unique;
	bool defer_fk;
	/* It refuses to alter a table whose deferred checks are pending
	 * (PostgreSQL): SET CONSTRAINTS ... IMMEDIATE runs them first. */
	bool set_constraints;
	/* Array column types, elem[] (false: a compile error). */
	bool arrays;
	/* new_uuid(): an expression that makes a random UUID as text
	 * (its type's spelling of a uuid), per row. */
	const char *new_uuid;
	/* now_precise(): the statement's start time with sub-second
	 * digits, for a timestamp column's default; and the spelling of
	 * a timestamp column that has (or had) such a default, or NULL:
	 * the type table's. */
	const char *now_precise;
	const char *precise_timestamp;
	/* What every script runs first, right after its header (the
	 * connection's character set), or NULL. */
	const char *session;
	/* The statement that sets the lock timeout inside a transaction,
	 * up to the duration's string literal; NULL: none. */
	const char *lock_timeout;
	/* Reserved words, lower case and sorted: a name that is one is
	 * quoted. */
	const char *const *reserved;
	size_t nreserved;
	/* The spelling of each portable type (indexed by enum rt_type; the
	 * type's arguments follow unless the spelling has its own). */
	const char *const *types;
	enum enum_style enums;
	enum seq_style sequences;
	/* The emitter (emit_int.h), or NULL: not written yet. */
	const struct dialect_ops *ops;
	/* What each DDL statement locks, rewrites and scans (locks.h), for
	 * the lock notes in its scripts and check's lock lints; NULL: not
	 * known. */
	void (*locks)(const struct schema *s, const struct schema_change *c,
		      struct lock_effect *out);
};

/* The emitters' entry points, each defined in its emit_<name>.c. */
extern const struct dialect_ops emit_postgresql_ops;
extern const struct dialect_ops emit_sqlite_ops;
extern const struct dialect_ops emit_mysql_ops;

/* Every row, in the table's order. */
size_t dialect_count(void);
const struct dialect *dialect_at(size_t i);

/* The dialect retort can write called name, or NULL. */
const struct dialect *dialect_find(const char *name);

/* The row called name, written or not (a raw block's dialects), or
 * NULL. */
const struct dialect *dialect_named(const char *name);

/* Is word (lower case) reserved in d, so a name must be quoted? */
bool dialect_reserved(const struct dialect *d, const char *word);

/* Which dialects dialect_list names. */
enum dialect_filter {
	DIALECTS_KNOWN,		/* every row (what a raw block may name) */
	DIALECTS_WRITTEN,	/* those retort writes */
	DIALECTS_DEFAULT,	/* written by default (by_default) */
	DIALECTS_SCHEMAS,	/* written, with SQL schemas */
	DIALECTS_LOCK_TIMEOUT,	/* written, with a lock timeout */
	DIALECTS_LOCKS,		/* written, with a lock table */
	DIALECTS_TX,		/* written, with transactional DDL */
};

/*
 * Append the names of the dialects the filter takes, for a message or
 * help text, joined by ", " and, before the last, by last
 * ("postgresql, sqlite or mysql" with " or ").
 */
void dialect_list(struct strbuf *out, enum dialect_filter f,
		  const char *last);

/*
 * Copy text to out, with each @DIALECTS@ made the dialects retort
 * writes joined by " or ", @DEFAULT_DIALECTS@ the default ones joined
 * by " and " (@DEFAULT_DIALECT_LIST@ by ", "), @SCHEMA_DIALECTS@,
 * @LOCK_DIALECTS@, @LOCKS_DIALECTS@ and @TX_DIALECTS@ those with
 * schemas, a lock timeout, a lock table or transactional DDL joined by
 * " or " (help texts name them so).
 */
void dialect_expand(struct strbuf *out, const char *text);

/* The dialects build writes and check checks when the config names
 * none (by_default).  Fills out (room for dialect_count()) and returns
 * how many. */
size_t dialect_defaults(const struct dialect **out);

#endif
