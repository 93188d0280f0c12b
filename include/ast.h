/*
 * ast.h: the syntax tree of .mig files.  Every node lives in the context's
 * arena and carries the span of source it came from.  The parser builds it
 * through the ast_new_* constructors; resolve.c then validates it and fills
 * in the revision summaries (struct ast_revision's resolved fields).
 */
#ifndef RT_AST_H
#define RT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcfile.h"

struct arena;
struct parse_ctx;
struct strbuf;

enum ast_kind {
	/* statements inside up/down blocks */
	AST_CREATE_TABLE,
	AST_DROP_TABLE,
	AST_RENAME_TABLE,
	AST_ADD_COLUMN,
	AST_DROP_COLUMN,
	AST_RENAME_COLUMN,
	AST_ALTER_TYPE,
	AST_SET_NOT_NULL,
	AST_DROP_NOT_NULL,
	AST_SET_DEFAULT,
	AST_DROP_DEFAULT,
	AST_ADD_CONSTRAINT,
	AST_DROP_CONSTRAINT,
	AST_RENAME_CONSTRAINT,
	AST_CREATE_INDEX,
	AST_DROP_INDEX,
	AST_RENAME_INDEX,
	AST_INSERT,
	AST_UPDATE,
	AST_DELETE,
	AST_COMMENT,
	AST_CREATE_TYPE,	/* create type T as enum (...) */
	AST_DROP_TYPE,
	AST_ADD_VALUE,		/* alter type T add value '...' */
	AST_RENAME_VALUE,	/* alter type T rename value 'a' to 'b' */
	AST_CREATE_SEQUENCE,	/* create sequence S [options] */
	AST_DROP_SEQUENCE,
	AST_ALTER_SEQUENCE,	/* alter sequence S restart [with N] */
	AST_RAW_SQL,
	/* parts */
	AST_NAME,		/* an SQL identifier */
	AST_QNAME,		/* [schema.]name */
	AST_WORD,		/* a revision id or label, case kept */
	AST_TYPE,
	AST_LITERAL,
	AST_EXPR,		/* verbatim SQL between parentheses */
	AST_COLUMN,		/* a column definition */
	AST_CONSTRAINT,		/* column or table constraint */
	AST_INDEX_COLUMN,
	AST_ROW,		/* one VALUES row */
	AST_ASSIGN,		/* one SET c = value of an update */
	AST_SEQ_OPTION,		/* one option of create/alter sequence */
	/* revision structure */
	AST_CLAUSE,
	AST_BLOCK,
};

enum lit_kind {
	LIT_NUMBER,
	LIT_STRING,
	LIT_TRUE,
	LIT_FALSE,
	LIT_NULL,
	LIT_CURRENT_TIMESTAMP,
	LIT_CURRENT_DATE,
	LIT_CURRENT_TIME,
	LIT_NEW_UUID,		/* new_uuid(): a random (version 4) UUID */
	LIT_NOW_PRECISE,	/* now_precise(): the time, sub-second */
	LIT_NEXTVAL,		/* nextval(S): the next value of sequence S */
};

/* The options of create sequence (and alter sequence's restart). */
enum seq_opt {
	SEQ_AS,			/* as smallint | integer | bigint */
	SEQ_INCREMENT,
	SEQ_MINVALUE,
	SEQ_MAXVALUE,
	SEQ_START,
	SEQ_CACHE,
	SEQ_CYCLE,
	SEQ_NO_CYCLE,
	SEQ_RESTART,		/* alter sequence: value NULL, or WITH's */
};

enum con_kind {
	CON_NOT_NULL,
	CON_NULL,
	CON_PRIMARY_KEY,
	CON_UNIQUE,
	CON_AUTOINCREMENT,
	CON_DEFAULT,
	CON_CHECK,
	CON_FOREIGN_KEY,
};

enum fk_action {
	FK_NONE,		/* not given */
	FK_NO_ACTION,
	FK_RESTRICT,
	FK_CASCADE,
	FK_SET_NULL,
	FK_SET_DEFAULT,
};

/* deferrable [initially immediate | initially deferred] */
enum con_defer {
	DEFER_NONE,		/* not deferrable */
	DEFER_IMMEDIATE,	/* deferrable [initially immediate] */
	DEFER_DEFERRED,		/* deferrable initially deferred */
};

enum clause_kind {
	CLAUSE_MESSAGE,
	CLAUSE_DEPENDS,
	CLAUSE_REQUIRES,
	CLAUSE_LABEL,
	CLAUSE_CREATED,
	CLAUSE_TRANSACTIONAL,
	CLAUSE_STATEMENT_TIMEOUT,
};

/* Dialect bits for raw blocks; 0 means every dialect. */
enum dialect_bit {
	DIALECT_POSTGRESQL = 1u << 0,
	DIALECT_SQLITE = 1u << 1,
	DIALECT_MYSQL = 1u << 2,
};

struct ast_node;

/* A singly linked list of nodes through their next field. */
struct ast_list {
	struct ast_node *head;
	struct ast_node *tail;
	size_t n;
};

/*
 * A node is allocated with only its kind's member of the union u (see
 * node_size in ast.c), so never copy a whole struct ast_node, and never
 * read another kind's member.
 */
struct ast_node {
	enum ast_kind kind;
	struct src_span span;
	struct ast_node *next;		/* in the list that holds it */
	union {
		/* AST_NAME: key is the folded, interned name the model
		 * compares by pointer; text is the spelling to write out
		 * (equal to key unless quoted). */
		struct {
			const char *key;
			const char *text;
			bool quoted;
		} name;
		/* AST_QNAME */
		struct {
			struct ast_node *schema;	/* AST_NAME or NULL */
			struct ast_node *name;		/* AST_NAME */
		} qname;
		/* AST_WORD: interned, case kept */
		struct {
			const char *text;
		} word;
		/* AST_TYPE: name is the canonical lower-case spelling
		 * ("double precision"); args are AST_LITERAL or AST_NAME */
		struct {
			const char *name;
			struct ast_list args;
			unsigned dims;	/* an array of dims dimensions */
		} type;
		/* AST_LITERAL: text is the number as written (with its
		 * sign), the decoded string, or NULL; LIT_NEXTVAL: seq is
		 * the sequence (AST_QNAME) */
		struct {
			enum lit_kind kind;
			const char *text;
			struct ast_node *seq;
		} lit;
		/* AST_EXPR: span covers the text between the parentheses;
		 * qidents are the quoted identifiers in it (AST_NAME) */
		struct {
			const char *text;
			bool empty;	/* no token between the parentheses */
			struct ast_list qidents;
		} expr;
		/* AST_COLUMN */
		struct {
			struct ast_node *name;
			struct ast_node *type;
			struct ast_list cons;		/* AST_CONSTRAINT */
		} column;
		/* AST_CONSTRAINT.  cols is empty for a column constraint
		 * (it applies to its column); value is the DEFAULT literal
		 * or expression, or the CHECK expression. */
		struct {
			enum con_kind kind;
			struct ast_node *name;		/* AST_NAME or NULL */
			struct ast_list cols;		/* AST_NAME */
			struct ast_node *ref_table;	/* AST_QNAME */
			struct ast_list ref_cols;	/* AST_NAME */
			enum fk_action on_delete;
			enum fk_action on_update;
			enum con_defer defer;		/* unique, foreign key */
			struct ast_node *value;
		} con;
		/* AST_INDEX_COLUMN: a column (name) or an expression
		 * (expr, AST_EXPR; name NULL) */
		struct {
			struct ast_node *name;
			struct ast_node *expr;
			bool desc;
		} icol;
		/* AST_ROW */
		struct {
			struct ast_list values;		/* AST_LITERAL */
		} row;
		/* AST_CREATE_TABLE */
		struct {
			struct ast_node *table;		/* AST_QNAME */
			struct ast_list elems;	/* AST_COLUMN, AST_CONSTRAINT */
			bool guard;		/* if not exists */
		} create;
		/*
		 * AST_DROP_TABLE and every ALTER TABLE kind.  Which fields
		 * are set depends on the kind:
		 *   RENAME_TABLE: name (new name)
		 *   ADD_COLUMN: def (AST_COLUMN)
		 *   DROP_COLUMN, SET_NOT_NULL, DROP_NOT_NULL, DROP_DEFAULT:
		 *     column
		 *   RENAME_COLUMN: column, name (new name)
		 *   ALTER_TYPE: column, type, expr (USING, or NULL)
		 *   SET_DEFAULT: column, expr (AST_LITERAL or AST_EXPR)
		 *   ADD_CONSTRAINT: def (AST_CONSTRAINT)
		 *   DROP_CONSTRAINT: name
		 *   RENAME_CONSTRAINT: def (its name, AST_NAME), name (new)
		 */
		struct {
			struct ast_node *table;		/* AST_QNAME */
			struct ast_node *column;	/* AST_NAME */
			struct ast_node *name;		/* AST_NAME */
			struct ast_node *def;
			struct ast_node *type;
			struct ast_node *expr;
			/* DROP_TABLE, DROP_COLUMN, DROP_CONSTRAINT: if
			 * exists; ADD_COLUMN: if not exists */
			bool guard;
		} alter;
		/* AST_CREATE_INDEX */
		struct {
			struct ast_node *name;		/* AST_NAME or NULL */
			struct ast_node *table;		/* AST_QNAME */
			bool unique;
			struct ast_list cols;		/* AST_INDEX_COLUMN */
			struct ast_node *where;		/* AST_EXPR or NULL */
			/* using METHOD (AST_NAME), or NULL */
			struct ast_node *method;
			bool guard;			/* if not exists */
			bool concurrently;
		} index;
		/* AST_DROP_INDEX */
		struct {
			struct ast_node *name;		/* AST_QNAME */
			bool guard;			/* if exists */
			bool concurrently;
		} drop_index;
		/* AST_RENAME_INDEX */
		struct {
			struct ast_node *name;		/* AST_QNAME */
			struct ast_node *to;		/* AST_NAME */
		} rename_index;
		/* AST_INSERT: values rows, or (rows empty) a query */
		struct {
			struct ast_node *table;		/* AST_QNAME */
			struct ast_list cols;		/* AST_NAME */
			struct ast_list rows;		/* AST_ROW */
			struct ast_node *query;		/* AST_EXPR or NULL */
		} insert;
		/* AST_UPDATE and AST_DELETE (sets empty) */
		struct {
			struct ast_node *table;		/* AST_QNAME */
			struct ast_list sets;		/* AST_ASSIGN */
			struct ast_node *where;		/* AST_EXPR or NULL */
		} dml;
		/* AST_ASSIGN: value is an AST_LITERAL or AST_EXPR */
		struct {
			struct ast_node *column;	/* AST_NAME */
			struct ast_node *value;
		} assign;
		/* AST_COMMENT: on the table, or on its column; text is a
		 * string literal, or null (no comment) */
		struct {
			struct ast_node *table;		/* AST_QNAME */
			struct ast_node *column;	/* AST_NAME or NULL */
			struct ast_node *text;		/* AST_LITERAL */
		} comment;
		/* AST_CREATE_TYPE (labels), AST_DROP_TYPE, AST_ADD_VALUE
		 * (value, and near: the label it goes before or after, or
		 * NULL), AST_RENAME_VALUE (value, to).  Labels and values
		 * are string literals (AST_LITERAL). */
		struct {
			struct ast_node *name;		/* AST_NAME */
			struct ast_list labels;
			struct ast_node *value;
			struct ast_node *to;
			struct ast_node *near;
			bool after;
		} etype;
		/* AST_CREATE_SEQUENCE (opts: any but SEQ_RESTART),
		 * AST_DROP_SEQUENCE (no opts), AST_ALTER_SEQUENCE (one
		 * SEQ_RESTART). */
		struct {
			struct ast_node *name;		/* AST_QNAME */
			struct ast_list opts;		/* AST_SEQ_OPTION */
			bool guard;			/* if [not] exists */
		} seq;
		/* AST_SEQ_OPTION: value is a number (AST_LITERAL), the
		 * type (SEQ_AS, AST_TYPE) or NULL */
		struct {
			enum seq_opt kind;
			struct ast_node *value;
		} seqopt;
		/* AST_RAW_SQL: body is the span between the $tag$s, text
		 * a copy of it */
		struct {
			struct ast_list dialects;	/* AST_NAME, may be empty */
			unsigned mask;			/* set by resolve; 0: all */
			struct src_span body;
			const char *text;
		} raw;
		/* AST_CLAUSE: words for depends/requires/label; value
		 * (AST_LITERAL) for message/created/transactional */
		struct {
			enum clause_kind kind;
			struct ast_list words;		/* AST_WORD */
			struct ast_node *value;
		} clause;
		/* AST_BLOCK */
		struct {
			bool down;
			struct ast_list stmts;
		} block;
	} u;
};

/* One revision as written, and (after resolve) what its clauses say. */
struct ast_revision {
	struct src_span span;		/* 'revision' through the last block */
	struct ast_node *id;		/* AST_WORD */
	struct ast_list clauses;	/* AST_CLAUSE, as written */
	struct ast_list blocks;		/* AST_BLOCK, as written */
	struct ast_revision *next;	/* in its file */

	/* Filled in by resolve_file(). */
	const char *message;		/* NULL if none */
	const char *created;		/* "YYYY-MM-DD HH:MM:SS" or NULL */
	bool transactional;
	/* statement_timeout: a duration as duration_ok reads it, or NULL */
	const char *statement_timeout;
	struct ast_node *depends;	/* AST_CLAUSE or NULL */
	struct ast_node *requires;	/* AST_CLAUSE or NULL */
	struct ast_node *labels;	/* AST_CLAUSE or NULL */
	struct ast_node *up;		/* AST_BLOCK; NULL only on error */
	struct ast_node *down;		/* AST_BLOCK; NULL: irreversible */
	/* Read from an Alembic script (alembic_py.c): message is its
	 * docstring as Alembic reads it, and up and down are empty, since
	 * its Python is not read. */
	bool alembic;
};

/* A parsed .mig file. */
/* A column type that is not portable (resolve_file notes it; whether
 * it names an enum type is known once every file is read). */
struct ast_type_use {
	struct src_span span;		/* the type */
	const char *name;		/* as written */
	const char *key;		/* folded, interned; NULL: has args */
	/* `add colum x`: the column's name looks like a slip of COLUMN. */
	bool slip;
	struct src_span slip_at;
	const char *slip_name;
};

struct ast_file {
	uint32_t file;			/* source file number */
	struct ast_revision *revs;
	struct ast_revision *last;
	size_t nrevs;
	unsigned syntax_errors;		/* errors raised while parsing it */
	/* Set by resolve_file, in the context's arena (they outlive a
	 * headers-only load's statements): the enum types the file
	 * creates (keys) and its non-portable types. */
	const char **enums;
	size_t nenums;
	struct ast_type_use *types;
	size_t ntypes;
};

/* Append node (ignored when NULL) to list. */
void ast_list_append(struct ast_list *list, struct ast_node *node);

/*
 * Constructors called by the grammar actions, one per construct.  They
 * allocate in the parse's arena and decode token text (folding names,
 * undoubling quotes); they make no semantic checks.  Token arguments are
 * given as spans into the file being parsed.
 */
struct ast_node *ast_new_name(struct parse_ctx *pc, struct src_span tok);
struct ast_node *ast_new_qname(struct parse_ctx *pc, struct src_span span,
			       struct ast_node *schema, struct ast_node *name);
struct ast_node *ast_new_word(struct parse_ctx *pc, struct src_span tok);
/* Mark stmt (create or drop table, add or drop column, create or drop
 * index) as written with `if [not] exists`; returns it. */
struct ast_node *ast_guard(struct ast_node *stmt);
/* Was stmt written with `if [not] exists`?  (false for other kinds) */
bool ast_guarded(const struct ast_node *stmt);
/* Mark a create or drop index `concurrently` (when on); returns stmt.
 * ast_concurrent: is it so marked? */
struct ast_node *ast_concurrently(struct ast_node *stmt, bool on);
bool ast_concurrent(const struct ast_node *stmt);
/* A type name token's spelling (decoded and checked as a name is). */
const char *ast_type_name(struct parse_ctx *pc, struct src_span tok);
/* type as the element of an array: one dimension more, span widened
 * to cover the brackets. */
struct ast_node *ast_type_array(struct parse_ctx *pc, struct src_span span,
				struct ast_node *type);
struct ast_node *ast_new_type_named(struct parse_ctx *pc,
				    struct src_span span, const char *name,
				    struct ast_list *args);
struct ast_node *ast_new_literal(struct parse_ctx *pc, struct src_span span,
				 enum lit_kind kind);
struct ast_node *ast_new_expr(struct parse_ctx *pc);
struct ast_node *ast_expr_add_qident(struct parse_ctx *pc,
				     struct ast_node *expr,
				     struct src_span tok);
struct ast_node *ast_expr_add_ident(struct parse_ctx *pc,
				    struct ast_node *expr,
				    struct src_span tok);
struct ast_node *ast_expr_nest(struct ast_node *outer, struct ast_node *inner);
struct ast_node *ast_expr_close(struct parse_ctx *pc, struct ast_node *expr,
				struct src_span lparen, struct src_span body,
				struct src_span rparen);
struct ast_node *ast_new_column(struct parse_ctx *pc, struct src_span span,
				struct ast_node *name, struct ast_node *type,
				struct ast_list *cons);
struct ast_node *ast_new_constraint(struct parse_ctx *pc, struct src_span span,
				    enum con_kind kind);
struct ast_node *ast_new_key(struct parse_ctx *pc, struct src_span span,
			     enum con_kind kind, struct ast_list *cols);
struct ast_node *ast_new_valued(struct parse_ctx *pc, struct src_span span,
				enum con_kind kind, struct ast_node *value);
struct ast_node *ast_new_references(struct parse_ctx *pc,
				    struct src_span span,
				    struct ast_node *table,
				    struct ast_list *cols);
struct ast_node *ast_new_foreign_key(struct parse_ctx *pc,
				     struct src_span span,
				     struct ast_list *cols,
				     struct ast_node *references);
/* `deferrable ...` (at: its words) on unique or foreign key con. */
struct ast_node *ast_con_defer(struct parse_ctx *pc, struct src_span span,
			       struct src_span at, struct ast_node *con,
			       enum con_defer defer);
struct ast_node *ast_fk_action(struct parse_ctx *pc, struct src_span span,
			       struct src_span on, struct ast_node *fk,
			       bool on_update, enum fk_action action);
struct ast_node *ast_constraint_named(struct src_span span,
				      struct ast_node *name,
				      struct ast_node *con);
struct ast_node *ast_new_create_table(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *table,
				      struct ast_list *elems);
struct ast_node *ast_new_drop_table(struct parse_ctx *pc, struct src_span span,
				    struct ast_node *table);
struct ast_node *ast_new_alter(struct parse_ctx *pc, struct src_span span,
			       enum ast_kind kind, struct ast_node *column);
struct ast_node *ast_alter_set(struct ast_node *alter, struct ast_node *name,
			       struct ast_node *def, struct ast_node *type,
			       struct ast_node *expr);
struct ast_node *ast_alter_table(struct src_span span, struct ast_node *table,
				 struct ast_node *alter);
struct ast_node *ast_new_index_column(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *name,
				      struct ast_node *expr, bool desc);
struct ast_node *ast_new_create_index(struct parse_ctx *pc,
				      struct src_span span, bool unique,
				      struct ast_node *name,
				      struct ast_node *table,
				      struct ast_node *method,
				      struct ast_list *cols,
				      struct ast_node *where);
struct ast_node *ast_new_drop_index(struct parse_ctx *pc, struct src_span span,
				    struct ast_node *name);
struct ast_node *ast_new_rename_index(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *name,
				      struct ast_node *to);
struct ast_node *ast_new_row(struct parse_ctx *pc, struct src_span span,
			     struct ast_list *values);
struct ast_node *ast_new_insert(struct parse_ctx *pc, struct src_span span,
				struct ast_node *table, struct ast_list *cols,
				struct ast_list *rows);
/* insert into T (cols) (select ...): the query verbatim. */
struct ast_node *ast_new_insert_query(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *table,
				      struct ast_list *cols,
				      struct ast_node *query);
/* `column OP value`: op must be '=' (reported here if not). */
struct ast_node *ast_new_assign(struct parse_ctx *pc, struct src_span span,
				struct ast_node *column, struct src_span op,
				struct ast_node *value);
/* update (kind AST_UPDATE, sets given) or delete (AST_DELETE, sets
 * NULL); where may be NULL. */
struct ast_node *ast_new_dml(struct parse_ctx *pc, struct src_span span,
			     enum ast_kind kind, struct ast_node *table,
			     struct ast_list *sets, struct ast_node *where);
/* comment on table T is ...; */
struct ast_node *ast_new_comment(struct parse_ctx *pc, struct src_span span,
				 struct ast_node *table, struct ast_node *column,
				 struct ast_node *text);
/* comment on column a.b[.c] is ...: a table and its column, or (c not
 * NULL) a schema, a table and its column. */
struct ast_node *ast_new_comment_column(struct parse_ctx *pc,
					struct src_span span,
					struct ast_node *a, struct ast_node *b,
					struct ast_node *c,
					struct ast_node *text);
/* create type, drop type, alter type ... add value / rename value:
 * kind says which; labels (create) may be NULL. */
struct ast_node *ast_new_enum(struct parse_ctx *pc, struct src_span span,
			      enum ast_kind kind, struct ast_node *name,
			      struct ast_list *labels);
/* Set an enum statement's value, to (rename) or near label; returns it. */
struct ast_node *ast_enum_set(struct ast_node *stmt, struct ast_node *value,
			      struct ast_node *to, struct ast_node *near,
			      bool after);
/* create, drop or alter sequence (kind says which); opts may be NULL. */
struct ast_node *ast_new_sequence(struct parse_ctx *pc, struct src_span span,
				  enum ast_kind kind, struct ast_node *name,
				  struct ast_list *opts);
struct ast_node *ast_new_seq_opt(struct parse_ctx *pc, struct src_span span,
				 enum seq_opt kind, struct ast_node *value);
/* nextval(S) (a LIT_NEXTVAL literal), and nextval('S'), an error that
 * says to write the name bare (a LIT_NEXTVAL of no sequence). */
struct ast_node *ast_new_nextval(struct parse_ctx *pc, struct src_span span,
				 struct ast_node *seq);
struct ast_node *ast_new_nextval_string(struct parse_ctx *pc,
					struct src_span span,
					struct src_span str);
struct ast_node *ast_new_raw(struct parse_ctx *pc, struct src_span span,
			     struct ast_list *dialects, struct src_span raw);
struct ast_node *ast_new_clause(struct parse_ctx *pc, struct src_span span,
				enum clause_kind kind, struct ast_list *words,
				struct ast_node *value);
struct ast_node *ast_new_block(struct parse_ctx *pc, struct src_span span,
			       bool down, struct ast_list *stmts);
struct ast_revision *ast_new_revision(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *id,
				      struct ast_list *clauses,
				      struct ast_list *blocks);
void ast_file_add(struct parse_ctx *pc, struct ast_revision *rev);

/*
 * A copy of f in a with only what the graph needs of each revision: its
 * id, clauses (words and values), message and created, and its blocks
 * without their statements.  For commands that read the graph alone, so
 * that f's statements can be thrown away with their arena.
 */
struct ast_file *ast_file_headers(struct arena *a, const struct ast_file *f);

/* Names for messages and dumps. */
const char *ast_kind_name(enum ast_kind kind);
const char *ast_clause_keyword(enum clause_kind kind);
const char *ast_fk_action_sql(enum fk_action action);

/*
 * Append a one-line S-expression of node to out (for the parser's
 * tests): (create_table users (column id integer (primary_key))).
 */
void ast_dump(struct strbuf *out, const struct ast_node *node);

#endif
