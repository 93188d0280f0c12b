/*
 * schema.h: the schema model (the fourth pipeline stage).  Revisions are
 * replayed from base over a model of tables, columns, constraints and
 * indexes; each statement is checked against the model as it stands (see
 * LANGUAGE.md "Meaning: the schema model").  The emitters read the model
 * to rebuild SQLite tables and write MySQL's full column definitions.
 */
#ifndef RT_SCHEMA_H
#define RT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "srcfile.h"
#include "types.h"

struct rt_ctx;
struct strbuf;

/*
 * Ownership: a model and everything in it live in ctx->arena and go with
 * it; nothing is freed on its own, so there is no schema_free.  Objects
 * point into the AST (types, defaults, expressions, spans), which lives
 * in the same arena.  Other stages read the structs below but change a
 * model only through schema_apply, so that schema_rollback can undo it.
 *
 * Names: every name in the model is an interned, case-folded key
 * (compare by pointer), plus the spelling to write out ("text").
 * Schema-qualified tables keep the folded schema name in obj.schema;
 * unqualified tables have NULL there.
 *
 * Decisions where LANGUAGE.md and SQL.md are silent:
 *
 *  - One namespace per SQL schema holds tables, indexes and constraints
 *    (LANGUAGE.md puts indexes and constraints in one; tables join them
 *    because PostgreSQL and SQLite keep tables and indexes in one, and
 *    PostgreSQL's primary-key and unique constraints are indexes).  An
 *    index or constraint lives in its table's schema.  "users" and
 *    "public.users" are different tables: the model does not know the
 *    default schema.
 *  - Generated names are fixed when the object is created: renaming a
 *    table or a column later does not rename its constraints or indexes
 *    (as in PostgreSQL).  A generated name that is already taken is the
 *    same error as a given one ("constraint "uq_t_a" already exists");
 *    name one of them with `constraint NAME`.
 *  - ck_<table>_<n>: n is the smallest n >= 1 whose whole (fitted) name
 *    is free in the namespace, so numbers freed by a drop are reused.
 *  - A name cut to 54 bytes backs off to the start of a UTF-8 character,
 *    so the name stays valid UTF-8 (then it is shorter than 63 bytes).
 *    ASCII names are cut at exactly 54.
 *  - drop column, as PostgreSQL does: the column's own one-column
 *    constraints (primary key, unique, check, its foreign key) and
 *    indexes whose only column it is go with it.  It is an error when a
 *    multi-column index or constraint uses the column, when a foreign key
 *    references the column (PostgreSQL needs CASCADE), when it is the
 *    last column (LANGUAGE.md: a table has at least one column).
 *  - A check constraint uses the columns of its table that its
 *    expression names (bare words outside strings and comments that are
 *    column names, and quoted identifiers); a column check that names
 *    none belongs to its column.  A partial index uses the columns its
 *    where expression names, the same way.
 *  - A foreign key must name exactly the columns of the referenced
 *    table's primary key or of one of its unique constraints, in the same
 *    order (MySQL needs the order; a unique index does not count).
 *    `references t` with no columns means t's primary key.  Column types
 *    of the two sides are not compared.
 *  - A primary key makes its columns not null (PostgreSQL); dropping it
 *    leaves them not null.  `drop not null` on a primary-key column is an
 *    error, `set not null` is fine.  `null` with `not null` or `primary
 *    key` on one column, or two defaults, is an error.
 *  - autoincrement: the column must be smallint, integer or bigint, be
 *    the table's one-column primary key, and have no default; it cannot
 *    get a default, a non-integer type or lose its primary key later.
 *  - drop table is refused while a foreign key of another table
 *    references it (its own foreign keys to itself go with it); dropping
 *    a primary key or unique constraint is refused while a foreign key
 *    references its columns, unless another key of the table has the
 *    same columns (PostgreSQL needs CASCADE for both).
 *  - insert: besides unknown and repeated columns, leaving out a not-null
 *    column that has no default and is not autoincrement, or writing
 *    null into one, is an error (it would fail at run time).
 *  - A statement that fails changes as little as it can: create table
 *    with a bad constraint still creates the table without it, so one
 *    mistake does not cascade into errors in every later revision.
 *  - schema_replay skips the down check of a revision whose up block had
 *    errors (its errors would only repeat the up block's).
 *  - `drop index NAME` without a schema finds the index of that name
 *    among unqualified tables, or else the only one in any schema (so
 *    the emitters can write its schema, SQL.md); several is an error.
 *  - `if not exists` (create table, create index, add column) and `if
 *    exists` (drop table, drop index, drop column): where the model
 *    has (has not) the object, the statement does nothing, with a
 *    warning, since the model knows the answer; otherwise it is the
 *    statement without them.  The table an add or drop column names
 *    must exist, as in PostgreSQL.  A name held by an object of
 *    another kind is the usual error.
 *  - comment on table/column: the table and column must exist; the
 *    model keeps the text (NULL removes it), which MySQL's column
 *    definitions carry from then on.  A renamed column keeps it; a
 *    dropped one takes it along.
 *  - A raw sql block whose text holds create, alter, drop or rename as
 *    a word (outside quotes, $$ strings and comments) is marked in its
 *    change record, at the first such word (check warns there, R105).  It makes the model unsure of the tables
 *    that exist when it runs (schema_raw_ddl gives the emitters the first
 *    such block a table has seen); a table created after it is known.
 */

enum schema_kind {
	SCHEMA_TABLE,
	SCHEMA_CONSTRAINT,
	SCHEMA_INDEX,
	SCHEMA_SEQUENCE,
};

/* The head of every object with a name in a schema's namespace. */
struct schema_obj {
	enum schema_kind kind;
	const char *schema;		/* folded SQL schema, NULL: none */
	const char *schema_text;	/* its spelling, or NULL */
	const char *key;		/* folded, interned */
	const char *text;		/* spelling to write (interned) */
	/* Where it was created, for "note: ... is created here": a table's
	 * create table statement, a constraint's clause, an index's create
	 * index statement.  Renames keep it. */
	struct src_span created;
};

struct schema_con;
struct schema_index;
struct schema_map;

struct schema_table {
	struct schema_obj obj;
	struct schema_column **cols;	/* in position order */
	size_t ncols;
	size_t capcols;
	struct schema_map *colmap;	/* key -> column (private) */
	struct schema_con *pk;		/* the primary key, or NULL */
	struct schema_con *cons;	/* in creation order, via next */
	struct schema_con *cons_tail;
	struct schema_index *indexes;	/* in creation order, via next */
	struct schema_index *indexes_tail;
	/* Foreign keys that reference this table (its own included), in
	 * creation order. */
	struct schema_con **inbound;
	size_t ninbound;
	size_t capinbound;
	/* How many raw DDL blocks had run when it was created. */
	unsigned born;
	/* Its comment (comment on table), or NULL. */
	const char *comment;
};

struct schema_column {
	const char *key;
	const char *text;
	struct schema_table *table;
	const struct ast_node *def_node;	/* the AST_COLUMN creating it */
	const struct ast_node *type;		/* AST_TYPE, as last set */
	enum rt_type rtype;			/* TYPE_OTHER: not portable */
	bool not_null;
	bool autoincrement;
	const struct ast_node *dflt;	/* AST_LITERAL, AST_EXPR or NULL */
	/* It has had a now_precise() default: a timestamp kept with
	 * sub-second digits where the dialect needs a type for that. */
	bool precise;
	struct src_span created;		/* its definition */
	/* How often keys, checks, foreign keys (either side) and indexes
	 * (their where too) name it; 0: nothing depends on it. */
	unsigned uses;
	unsigned mark;		/* scratch for one check (private) */
	/* Its comment (comment on column), or NULL. */
	const char *comment;
	/* The enum type it has (its key: schema_enum finds it), or NULL,
	 * with the type's spelling and labels as they now are. */
	const char *enum_key;
	const char *enum_text;
	const char *const *enum_labels;
	size_t enum_nlabels;
};

/* An enum type (create type T as enum): its labels in order.  Labels
 * change by replacing the array (never written in place), so an array
 * once read stays as it was. */
struct schema_enum {
	const char *key;		/* folded, interned */
	const char *text;
	const char *const *labels;
	size_t nlabels;
	struct src_span created;
};

/*
 * A sequence (create sequence): in its schema's namespace with tables
 * and indexes, as in PostgreSQL.  Options are kept as written (numbers
 * as their text), NULL where not given: the server's default applies.
 */
struct schema_sequence {
	struct schema_obj obj;
	const struct ast_node *as;	/* AST_TYPE, or NULL (bigint) */
	const char *increment;
	const char *minvalue;
	const char *maxvalue;
	const char *start;
	const char *cache;
	int cycle;			/* 1 cycle, -1 no cycle, 0 not given */
	const struct ast_node *node;	/* the AST_CREATE_SEQUENCE */
};

struct schema_con {
	struct schema_obj obj;
	/* CON_PRIMARY_KEY, CON_UNIQUE, CON_CHECK or CON_FOREIGN_KEY */
	enum con_kind kind;
	bool named;		/* the user gave the name */
	enum con_defer defer;	/* unique, foreign key: deferrable */
	struct schema_table *table;
	/* Key columns; for a check, the columns its expression uses. */
	struct schema_column **cols;
	size_t ncols;
	const struct ast_node *check;		/* CON_CHECK: AST_EXPR */
	struct schema_table *ref;		/* CON_FOREIGN_KEY */
	struct schema_column **ref_cols;	/* ncols of them */
	enum fk_action on_delete;
	enum fk_action on_update;
	const struct ast_node *node;		/* the AST_CONSTRAINT */
	struct schema_con *prev;
	struct schema_con *next;
};

struct schema_index {
	struct schema_obj obj;
	bool unique;
	bool named;
	struct schema_table *table;
	/* The key parts: a column, or (cols[i] NULL) the expression
	 * exprs[i]; exprs is NULL when every part is a column. */
	struct schema_column **cols;
	const struct ast_node **exprs;		/* AST_EXPR or NULL each */
	bool *desc;				/* ncols of them */
	size_t ncols;
	const char *method;			/* "gin", ...; NULL: default */
	const struct ast_node *where;		/* AST_EXPR or NULL */
	/* the columns where and the key expressions name */
	struct schema_column **where_cols;
	size_t nwhere;
	const struct ast_node *node;		/* the AST_CREATE_INDEX */
	struct schema_index *prev;
	struct schema_index *next;
};

/* The model at one point (opaque). */
struct schema;

/* An empty model in ctx->arena. */
struct schema *schema_new(struct rt_ctx *ctx);

/*
 * A deep copy of s in ctx->arena: changing either leaves the other
 * alone.  The copy shares only what never changes: the AST, interned
 * names, index desc flags.  s must not be inside schema_begin.  Costs
 * the size of s: schema_replay does not clone.
 */
struct schema *schema_clone(struct rt_ctx *ctx, const struct schema *s);

/*
 * What one statement did to the model, for those who write it out (the
 * emitters).  Removed objects stay readable (they live in the arena);
 * fields that do not apply are NULL or 0.
 */
struct schema_change {
	const struct ast_node *stmt;
	/* The table the statement names (after the change; a dropped one
	 * as it was); for drop index, the index's table. */
	struct schema_table *table;
	/* The column it adds, drops, renames or alters. */
	struct schema_column *column;
	/* rename table, rename column: the name before (its spelling). */
	const char *old_text;
	/* alter type: the column's type before (AST_TYPE). */
	const struct ast_node *old_type;
	/* drop constraint: the one dropped.  create table, add column, add
	 * constraint: the first constraint it added (the others follow it
	 * through next, to the table's last), or NULL for none. */
	struct schema_con *con;
	/* create index: the new one; drop index: the one dropped. */
	struct schema_index *index;
	/* drop column: the constraints and indexes that went with it;
	 * drop table: its constraints. */
	struct schema_obj **gone;
	size_t ngone;
	/* raw sql: whether its text holds DDL words, and where the first
	 * is (check warns there; see "A raw sql block" above). */
	bool raw_ddl;
	struct src_span ddl_at;
	/* create type, drop type, add value, rename value: the type (as
	 * it is after); rename value: old_text is the old label. */
	struct schema_enum *etype;
	/* create, drop or alter sequence: the sequence. */
	struct schema_sequence *seq;
	/* `if [not] exists` found what it tests for: the statement did
	 * nothing (check warned).  Only stmt is set. */
	bool skipped;
};

/*
 * Who watches a replay statement by statement (an emitter): after(arg,
 * s, c) when a statement changed s without an error, with what it did.
 * Once a statement of a block has an error, no observer hears of the
 * rest of that block (its output is void anyway).  Observers form a
 * list through next, called in order.
 */
struct schema_observer {
	void (*after)(void *arg, const struct schema *s,
		      const struct schema_change *c);
	void *arg;
	const struct schema_observer *next;
};

/*
 * Replay one block (AST_BLOCK, up or down) over s, checking each
 * statement; a statement with an error changes s as little as it can.
 * obs (NULL: none) hears of each statement.  Returns the number of
 * errors the model raised (not those observers raise).
 */
int schema_apply(struct rt_ctx *ctx, struct schema *s,
		 const struct ast_node *block, const struct schema_observer *obs);

/*
 * Who watches a whole replay (schema_replay): begin(arg, i, down)
 * before revision i's up block (down false) or the check of its down
 * block (down true), returning the observers for that block (or NULL);
 * end(arg, i, down) after it.  begin and end may be NULL.
 */
struct schema_watch {
	const struct schema_observer *(*begin)(void *arg, size_t i, bool down,
						const struct schema *s);
	void (*end)(void *arg, size_t i, bool down, const struct schema *s);
	void *arg;
};

/*
 * The fourth pipeline stage: from an empty model, apply the up block of
 * revs[0..n) in that order.  After each up block, the revision's down
 * block (if any) is checked against the state right after the up block,
 * and that check is then undone (schema_begin/schema_rollback), so
 * errors in down blocks are reported too.  w (NULL: none) watches.
 * *out receives the final model (even with errors).  Returns the number
 * of errors raised; stops early when diag_full().
 */
int schema_replay(struct rt_ctx *ctx, struct ast_revision *const *revs,
		  size_t n, const struct schema_watch *w, struct schema **out);

/*
 * The revision whose blocks are applied next (for messages that name
 * who dropped or renamed what a statement looks for), and whether s is
 * replayed in the order a database takes (a range's FROM state and
 * plan), where such a revision is one "this database has applied".
 */
void schema_set_origin(struct schema *s, const struct ast_revision *r);
void schema_set_db_order(struct schema *s, bool on);

/*
 * Savepoints: after schema_begin(s), every change to s is journalled;
 * schema_rollback(s) puts s back exactly as it was at schema_begin,
 * schema_commit(s) keeps the changes.  Not nested.  Cheap: the cost is
 * that of the changes made, not the size of the model.
 */
void schema_begin(struct schema *s);
void schema_rollback(struct schema *s);
void schema_commit(struct schema *s);

/*
 * Append a snapshot of s to out.  Tables come in name order (unqualified
 * ones first, then by schema), each followed by its columns in position
 * order, then its constraints and indexes, each sorted by name.  One
 * line per object, names written bare when they are plain lower-case
 * identifiers and in "double quotes" otherwise:
 *
 *   table users
 *     column id integer not null autoincrement
 *     column email varchar(255) not null default 'x'
 *     column born date default (current_date - 1)
 *     constraint pk_users primary key (id)
 *     constraint uq_users_email unique (email)
 *     constraint ck_users_1 check (length(email) > 3)
 *     constraint fk_users_boss_users foreign key (boss) references users
 *       (id) on delete set null           (one line in the output)
 *     index ix_users_email (email desc)
 *     unique index ux (email) where (id > 0)
 *
 * Types are written with their LANGUAGE.md name (int -> integer) and
 * arguments; runs of blanks in expressions become one space.
 */
void schema_dump(struct strbuf *out, const struct schema *s);

/* The lines of one table in that snapshot ("table ..." and its own);
 * the line of one column, or of one constraint or index (a table: its
 * lines). */
void schema_dump_table(struct strbuf *out, const struct schema_table *t);
void schema_dump_column(struct strbuf *out, const struct schema_column *c);
void schema_dump_object(struct strbuf *out, const struct schema_obj *o);

/* Lookups by interned key (NULL when absent).  schema_key NULL: none. */
struct schema_table *schema_table(const struct schema *s, const char *key);
struct schema_table *schema_table_in(const struct schema *s,
				     const char *schema_key, const char *key);
/* The table an AST_QNAME names. */
struct schema_table *schema_table_named(const struct schema *s,
					const struct ast_node *qname);
struct schema_column *schema_column(const struct schema_table *t,
				    const char *key);
/* Any object (table, constraint or index) of that name. */
struct schema_obj *schema_object(const struct schema *s,
				 const char *schema_key, const char *key);
struct schema_con *schema_constraint(const struct schema *s,
				     const char *schema_key, const char *key);
struct schema_index *schema_index(const struct schema *s,
				  const char *schema_key, const char *key);

/* The enum type of that key (NULL: none), and the columns of every
 * table that have it (their number; out, in ctx->arena, in table order
 * as schema_dump lists them). */
struct schema_enum *schema_enum(const struct schema *s, const char *key);
size_t schema_enum_columns(struct rt_ctx *ctx, const struct schema *s,
			   const char *key, struct schema_column ***out);
/* Is label one of e's? */
bool schema_enum_has(const struct schema_enum *e, const char *label);
/* Every enum type, sorted by key (their number; out in ctx->arena). */
size_t schema_enums_sorted(struct rt_ctx *ctx, const struct schema *s,
			   struct schema_enum ***out);

/* The sequence an AST_QNAME names (NULL: none), and every sequence,
 * sorted as tables are (their number; out in ctx->arena, or into v,
 * which has room for s->names.n). */
struct schema_sequence *schema_sequence_named(const struct schema *s,
					      const struct ast_node *qname);
size_t schema_sequences_sorted(struct rt_ctx *ctx, const struct schema *s,
			       struct schema_sequence ***out);
size_t schema_sequences_into(const struct schema *s,
			     struct schema_sequence **v);
/* The first column (in table order) whose default is nextval(q) of
 * sequence q, or NULL. */
struct schema_column *schema_sequence_user(struct rt_ctx *ctx,
					   const struct schema *s,
					   const struct schema_sequence *q);

/*
 * The index that `drop index qname` names: with a schema, that schema's;
 * without, the one of the unqualified tables, or else the only index of
 * that name in any schema.  NULL if there is none, or several.
 */
struct schema_index *schema_index_named(const struct schema *s,
					const struct ast_node *qname);

/* The number of tables, and all of them sorted as schema_dump lists
 * them (an array in ctx->arena). */
size_t schema_ntables(const struct schema *s);
struct schema_table **schema_tables_sorted(struct rt_ctx *ctx,
					   const struct schema *s);
/* Has any constraint of the model `initially deferred`? (A count the
 * model keeps, undone with the rest on rollback.) */
bool schema_any_deferred(const struct schema *s);

/* Does raw sql block stmt (AST_RAW_SQL) hold DDL words (create, alter,
 * drop, rename outside quotes and comments)? */
bool schema_raw_is_ddl(const struct ast_node *stmt);

/* The first raw sql block holding DDL words that ran while t existed
 * (it may have changed t), or NULL. */
const struct ast_node *schema_raw_ddl(const struct schema *s,
				      const struct schema_table *t);

/*
 * Names the compiler gives (LANGUAGE.md).  Arguments are folded keys
 * (table: the bare name, no schema); results are interned and already
 * fitted to 63 bytes by schema_name_fit.
 */
#define SCHEMA_NAME_MAX 63
const char *schema_name_pk(struct rt_ctx *ctx, const char *table);
const char *schema_name_unique(struct rt_ctx *ctx, const char *table,
			       const char *const *cols, size_t ncols);
const char *schema_name_fk(struct rt_ctx *ctx, const char *table,
			   const char *const *cols, size_t ncols,
			   const char *reftable);
const char *schema_name_index(struct rt_ctx *ctx, const char *table,
			      const char *const *cols, size_t ncols);
/* ck_<table>_<n>, n the smallest not taken in s's schema schema_key. */
const char *schema_name_check(struct rt_ctx *ctx, const struct schema *s,
			      const char *schema_key, const char *table);
/*
 * name[0..len) in lower case; longer than 63 bytes: its first 54 bytes
 * (fewer, to end on a whole UTF-8 character), '_', and the first 8 hex
 * digits of the sha256 of the whole lower-cased name.  Interned.
 */
const char *schema_name_fit(struct rt_ctx *ctx, const char *name, size_t len);

#endif
