/*
 * emit_int.h: what emit.c shares with the dialect emitters
 * (emit_pg.c, emit_sqlite.c): the emitter state, the dialect vtable, and
 * the helpers for names, literals and column definitions.
 */
#ifndef RT_EMIT_INT_H
#define RT_EMIT_INT_H

#include <stdbool.h>

#include "ast.h"
#include "emit.h"
#include "schema.h"
#include "strbuf.h"

struct rt_ctx;

struct emitter {
	struct rt_ctx *ctx;
	const struct dialect *d;
	const struct emit_opts *o;
	struct schema *model;		/* the state the next statement meets */
	struct strbuf body;		/* statements, between the header and end */
	bool needs_fk_off;		/* sqlite: a rebuild needs foreign keys off */
	int errors;
};

struct dialect {
	const char *name;
	unsigned bit;			/* DIALECT_* for raw blocks */
	const char *run_with;		/* how the header says to run it */
	const char *begin;		/* "BEGIN;" */
	/* Is word (lower case) reserved here, so a name must be quoted? */
	bool (*reserved)(const char *word);
	/* A column's whole definition in CREATE TABLE. */
	void (*coldef)(struct strbuf *out, const struct dialect *d,
		       const struct schema_column *col);
	/* Check one statement (not muted); returns errors raised. */
	int (*check)(struct rt_ctx *ctx, const struct ast_node *stmt);
	/* Emit one ALTER TABLE statement and apply it to e->model (the
	 * rest emit.c writes the same for every dialect). */
	void (*alter)(struct emitter *e, const struct ast_node *stmt);
	/* After an INSERT, what the dialect needs (NULL: nothing). */
	void (*after_insert)(struct emitter *e, const struct ast_node *stmt);
	/* The guard: stop unless the version table holds exactly rows. */
	void (*guard)(struct emitter *e, struct strbuf *out,
		      const char *const *rows, size_t n);
	/* Where no transaction is open, the guard needs one. */
	bool guard_needs_tx;
	/* ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY works. */
	bool alter_add_fk;
	/* It has SQL schemas, so emit_opts' version_schema applies. */
	bool schemas;
	/* The statement that sets the lock timeout in a transaction, up to
	 * the duration's string literal and ';'; NULL: none. */
	const char *lock_timeout;
};

extern const struct dialect dialect_postgresql;
extern const struct dialect dialect_sqlite;

/* A name, quoted only where this dialect needs it. */
void emit_ident(struct strbuf *out, const struct dialect *d, const char *name);

/* [schema.]name of a model object. */
void emit_objname(struct strbuf *out, const struct dialect *d,
		  const struct schema_obj *o);

/* A string literal: '...' with ' doubled. */
void emit_string(struct strbuf *out, const char *s);

/* A literal (AST_LITERAL) or a parenthesised expression (AST_EXPR). */
void emit_value(struct strbuf *out, const struct ast_node *v);

/* Column list "(a, b DESC)" of a key or index. */
void emit_columns(struct strbuf *out, const struct dialect *d,
		  struct schema_column *const *cols, const bool *desc,
		  size_t n);

/* "CONSTRAINT name PRIMARY KEY (a)" and the like, from the model. */
void emit_constraint(struct strbuf *out, const struct dialect *d,
		     const struct schema_con *c);

/* "CREATE [UNIQUE] INDEX name ON table (cols) [WHERE (expr)];\n" */
void emit_create_index(struct strbuf *out, const struct dialect *d,
		       const struct schema_index *ix);

/* The whole CREATE TABLE for a model table, under the name given. */
void emit_create_table(struct strbuf *out, const struct dialect *d,
		       const struct schema_table *t, const char *as_name,
		       void (*coldef)(struct strbuf *,
				      const struct dialect *,
				      const struct schema_column *));

/* The same without its foreign keys (added later with ALTER TABLE). */
void emit_create_table_nofk(struct strbuf *out, const struct dialect *d,
			    const struct schema_table *t,
			    void (*coldef)(struct strbuf *,
					   const struct dialect *,
					   const struct schema_column *));

/* The raw block's text for this dialect (with its ';'), if it is for it. */
void emit_raw(struct emitter *e, const struct ast_node *stmt);

/* INSERT INTO ... VALUES ...; */
void emit_insert(struct emitter *e, const struct ast_node *stmt);

/* Apply stmt to the model (muted: check already reported everything). */
void emit_apply(struct emitter *e, const struct ast_node *stmt);

/* Is word in the sorted list (a dialect's reserved words)? */
bool emit_word_in(const char *word, const char *const *list, size_t n);

#endif
