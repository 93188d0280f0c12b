/*
 * emit_int.h: what emit.c shares with the dialect emitters
 * (emit_<dialect>.c): the emitter's state, the entry points each dialect
 * provides (its row of the dialect table points at them), and the
 * helpers for names, literals and DDL parts written alike everywhere.
 */
#ifndef RT_EMIT_INT_H
#define RT_EMIT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "dialect.h"
#include "emit.h"
#include "schema.h"
#include "strbuf.h"

struct rt_ctx;
struct project;
struct plan;
struct target;

/*
 * One script being written.  The driver replays the model along the
 * plan; the emitter hears of each statement (schema_observer) after the
 * model took it, and writes it from what changed and the model as it
 * then stands.  It never changes the model.
 */
struct emitter {
	struct rt_ctx *ctx;
	const struct dialect *d;
	struct emit_opts o;
	const struct project *proj;
	const struct plan *p;
	const struct target *from;
	char *what;			/* "upgrade base -> a1" */
	struct strbuf *steps;		/* each step's text, p->n of them */
	struct strbuf body;		/* the step being written */
	size_t cur;			/* its number */
	bool needs_fk_off;		/* sqlite: a rebuild needs foreign keys off */
	int errors;
	struct schema_observer obs;
	void *dstate;			/* the dialect's own, or NULL */
	/* Deferred constraints that data changes of this step may have
	 * left to check (d->set_constraints), each once. */
	const struct schema_con **pend;
	size_t npend, cappend;
};

/* A dialect's emitter: its entry points (dialect.h's ops). */
struct dialect_ops {
	/* A column's whole definition in CREATE TABLE. */
	void (*coldef)(struct strbuf *out, const struct dialect *d,
		       const struct schema_column *col);
	/* Check one statement for what the dialect cannot express (a
	 * schema-qualified name where it has no schemas is emit.c's);
	 * returns the errors raised (at the statement).  NULL: nothing. */
	int (*check)(struct rt_ctx *ctx, const struct ast_node *stmt);
	/* What the dialect cannot write of a table as the model has it
	 * (retort schema), reported at the objects' places; returns the
	 * errors.  NULL: nothing. */
	int (*check_table)(struct rt_ctx *ctx, const struct dialect *d,
			   const struct schema_table *t);
	/* Asked first of every statement the model took: does what the
	 * dialect holds back take this one too (then nothing else is
	 * written for it)?  NULL: it holds nothing. */
	bool (*hold)(struct emitter *e, const struct schema *s,
		     const struct schema_change *c);
	/* A statement emit.c writes alike in every dialect, written this
	 * dialect's way (mysql's DROP INDEX name ON table): true when it
	 * wrote it, false to leave it to emit.c.  NULL: none differs. */
	bool (*write)(struct emitter *e, const struct schema *s,
		      const struct schema_change *c);
	/* Write one ALTER TABLE statement that the model took: c says
	 * what it did, s is the model after it.  (emit.c writes every
	 * other statement the same in each dialect.) */
	void (*alter)(struct emitter *e, const struct schema *s,
		      const struct schema_change *c);
	/* comment on table or column: the dialect's statement (NULL: it
	 * keeps no comments, and the script gets a note instead). */
	void (*comment)(struct emitter *e, const struct schema_change *c);
	/* create type, drop type, alter type ... add value / rename
	 * value: the dialect's statements for an enum type. */
	void (*etype)(struct emitter *e, const struct schema *s,
		      const struct schema_change *c);
	/* After an INSERT, what the dialect needs (NULL: nothing). */
	void (*after_insert)(struct emitter *e, const struct schema_change *c);
	/* At the end of each step, write what the dialect held back
	 * (NULL: nothing held). */
	void (*step_end)(struct emitter *e);
	/* A revision's statement_timeout (a duration duration_ok takes):
	 * set it (on) before the revision's first statement, put it back
	 * (off) after its last.  NULL: the dialect has none, and the
	 * script says so in a note. */
	void (*timeout)(struct emitter *e, const char *duration, bool on);
	/* Free what dstate holds, before it is freed (NULL: nothing). */
	void (*free)(struct emitter *e);
	/* The guard: stop unless the version table holds exactly rows. */
	void (*guard)(struct emitter *e, struct strbuf *out,
		      const char *const *rows, size_t n);
	/* The script's last statements, after everything else (NULL:
	 * none). */
	void (*end)(struct emitter *e, struct strbuf *out);
	/* A string literal of a value (an insert, a default), where the
	 * dialect reads '...' otherwise than SQL does (NULL: emit_string). */
	void (*string)(struct strbuf *out, const char *s);
	/* An expression's text where the dialect reads it otherwise than
	 * as written (NULL: as written); without the parentheses. */
	void (*expr)(struct strbuf *out, const struct dialect *d,
		     const struct ast_node *expr);
};

/* Does the step being written run inside a transaction (not under
 * --no-transaction, not a `transactional false` revision)? */
bool emit_in_tx(const struct emitter *e);

/* The table (AST_QNAME) a statement names: the one it creates, alters,
 * indexes or inserts into; a drop index's index name; NULL for raw SQL. */
const struct ast_node *emit_stmt_table(const struct ast_node *s);

/* A comment line of text[0..n): control characters become spaces. */
void emit_note(struct strbuf *out, const char *text, size_t n);

/* A script note for a dialect with no enum types: "-- sqlite has no
 * enum types: create type mood (its columns are ...)". */
void emit_enum_note(struct emitter *e, const struct schema_change *c,
		    const char *how);

/* "UPDATE t SET c = 'to' WHERE c = 'from';": an enum column's rows
 * moved to a renamed label (dialects whose columns hold the text). */
void emit_relabel(struct emitter *e, const struct schema_column *col,
		  const char *from, const char *to);

/* A name, quoted only where this dialect needs it. */
void emit_ident(struct strbuf *out, const struct dialect *d, const char *name);

/* [schema.]name of a model object. */
void emit_objname(struct strbuf *out, const struct dialect *d,
		  const struct schema_obj *o);

/* A string literal: '...' with ' doubled (SQL's; a value the user
 * wrote goes through emit_value, the dialect's). */
void emit_string(struct strbuf *out, const char *s);

/* A literal (AST_LITERAL) or a parenthesised expression (AST_EXPR), as
 * dialect d reads it. */
void emit_value(struct strbuf *out, const struct dialect *d,
		const struct ast_node *v);

/* "(expr)": an expression (AST_EXPR) in its parentheses, as d reads it. */
void emit_expr(struct strbuf *out, const struct dialect *d,
	       const struct ast_node *expr);

/* A column's type: the dialect's spelling of a portable type (with its
 * arguments), or a non-portable one as written. */
void emit_type(struct strbuf *out, const struct dialect *d,
	       const struct schema_column *col);

/* Column list "(a, b DESC)" of a key or index. */
void emit_columns(struct strbuf *out, const struct dialect *d,
		  struct schema_column *const *cols, const bool *desc,
		  size_t n);

/* " REFERENCES t (c) [ON DELETE ...] [ON UPDATE ...]" of a foreign key. */
void emit_references(struct strbuf *out, const struct dialect *d,
		     const struct schema_con *fk);

/* "CONSTRAINT name PRIMARY KEY (a)" and the like, from the model. */
void emit_constraint(struct strbuf *out, const struct dialect *d,
		     const struct schema_con *c);

/* "CREATE [UNIQUE] INDEX name ON table (cols) [WHERE (expr)];\n" */
void emit_create_index(struct strbuf *out, const struct dialect *d,
		       const struct schema_index *ix);

/* The whole CREATE TABLE for a model table, under the name given
 * (NULL: its own), with or without its foreign keys. */
void emit_create_table(struct strbuf *out, const struct dialect *d,
		       const struct schema_table *t, const char *as_name,
		       bool fks);

#endif
