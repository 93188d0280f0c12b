/*
 * emit.c: the dialect-independent half of the back end: the script's
 * header, transactions, version table, guard and Alembic's comment lines,
 * the statements every dialect writes alike, and the helpers every
 * dialect uses for names, literals and DDL parts.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include <sha2.h>

#include "ast.h"
#include "diag.h"
#include "emit_int.h"
#include "graph.h"
#include "plan.h"
#include "project.h"
#include "rt.h"
#include "target.h"
#include "util.h"

void emit_ident(struct strbuf *out, const struct dialect *d, const char *name)
{
	if (ascii_lower_ident(name) && !dialect_reserved(d, name))
		strbuf_addstr(out, name);
	else
		strbuf_add_quoted(out, name, d->quote);
}

void emit_objname(struct strbuf *out, const struct dialect *d,
		  const struct schema_obj *o)
{
	if (o->schema_text) {
		emit_ident(out, d, o->schema_text);
		strbuf_addch(out, '.');
	}
	emit_ident(out, d, o->text);
}

void emit_string(struct strbuf *out, const char *s)
{
	strbuf_add_quoted(out, s, '\'');
}

void emit_expr(struct strbuf *out, const struct dialect *d,
	       const struct ast_node *expr)
{
	strbuf_addch(out, '(');
	if (d->ops->expr)
		d->ops->expr(out, d, expr);
	else
		strbuf_addstr(out, expr->u.expr.text);
	strbuf_addch(out, ')');
}

/* [schema.]name of a sequence as the dialect writes a name. */
static void seq_qname(struct strbuf *out, const struct dialect *d,
		      const struct ast_node *q)
{
	if (q->u.qname.schema) {
		emit_ident(out, d, q->u.qname.schema->u.name.text);
		strbuf_addch(out, '.');
	}
	emit_ident(out, d, q->u.qname.name->u.name.text);
}

/* nextval(S): PostgreSQL's nextval('s') takes the name as SQL writes
 * it, in a string (so "Odd" keeps its quotes inside); MariaDB's
 * NEXTVAL(s) takes the name itself. */
static void emit_nextval(struct strbuf *out, const struct dialect *d,
			 const struct ast_node *q)
{
	struct strbuf name;

	strbuf_init(&name);
	seq_qname(&name, d, q);
	if (d->sequences == SEQUENCES_PG) {
		strbuf_addstr(out, "nextval(");
		emit_string(out, name.buf);
	} else {
		strbuf_addstr(out, "NEXTVAL(");
		strbuf_addstr(out, name.buf);
	}
	strbuf_addch(out, ')');
	strbuf_release(&name);
}

void emit_value(struct strbuf *out, const struct dialect *d,
		const struct ast_node *v)
{
	static const char *const words[] = {
		[LIT_TRUE] = "TRUE",
		[LIT_FALSE] = "FALSE",
		[LIT_NULL] = "NULL",
		[LIT_CURRENT_TIMESTAMP] = "CURRENT_TIMESTAMP",
		[LIT_CURRENT_DATE] = "CURRENT_DATE",
		[LIT_CURRENT_TIME] = "CURRENT_TIME",
		[LIT_NEW_UUID] = NULL,	/* the dialect's new_uuid */
		[LIT_NOW_PRECISE] = NULL,	/* the dialect's now_precise */
	};

	if (v->kind == AST_EXPR) {
		emit_expr(out, d, v);
		return;
	}
	switch (v->u.lit.kind) {
	case LIT_NUMBER:
		strbuf_addstr(out, v->u.lit.text);
		break;
	case LIT_STRING:
		if (d->ops->string)
			d->ops->string(out, v->u.lit.text);
		else
			emit_string(out, v->u.lit.text);
		break;
	case LIT_NEW_UUID:
		strbuf_addstr(out, d->new_uuid);
		break;
	case LIT_NOW_PRECISE:
		strbuf_addstr(out, d->now_precise);
		break;
	case LIT_NEXTVAL:
		emit_nextval(out, d, v->u.lit.seq);
		break;
	default:
		strbuf_addstr(out, words[v->u.lit.kind]);
		break;
	}
}

/* The type of col's values (of its elements, for an array). */
static void emit_elem_type(struct strbuf *out, const struct dialect *d,
			   const struct schema_column *col)
{
	const struct ast_node *a;
	enum rt_type elem = type_elem(col->type);
	const char *spelling = elem != TYPE_OTHER ? d->types[elem] : NULL;
	size_t i;

	if (col->enum_key && d->enums == ENUM_NAMED) {
		emit_ident(out, d, col->enum_text);
		return;
	}
	if (col->enum_key && d->enums == ENUM_CHECK) {
		strbuf_addstr(out, "TEXT");
		return;
	}
	if (col->enum_key) {
		strbuf_addstr(out, "ENUM(");
		for (i = 0; i < col->enum_nlabels; i++) {
			strbuf_addstr(out, i ? ", " : "");
			emit_string(out, col->enum_labels[i]);
		}
		strbuf_addch(out, ')');
		return;
	}

	if (col->precise && d->precise_timestamp &&
	    (elem == TYPE_TIMESTAMP || elem == TYPE_TIMESTAMPTZ))
		spelling = d->precise_timestamp;
	strbuf_addstr(out, spelling ? spelling : col->type->u.type.name);
	/* A spelling with its own arguments (CHAR(36) for uuid) drops
	 * the type's. */
	if (!col->type->u.type.args.n || (spelling && strchr(spelling, '(')))
		return;
	strbuf_addch(out, '(');
	for (a = col->type->u.type.args.head; a; a = a->next) {
		if (a->kind == AST_NAME)
			strbuf_addstr(out, a->u.name.text);
		else
			emit_value(out, d, a);
		strbuf_addstr(out, a->next ? ", " : "");
	}
	strbuf_addch(out, ')');
}

void emit_type(struct strbuf *out, const struct dialect *d,
	       const struct schema_column *col)
{
	unsigned i;

	emit_elem_type(out, d, col);
	for (i = 0; i < col->type->u.type.dims; i++)
		strbuf_addstr(out, "[]");
}

void emit_columns(struct strbuf *out, const struct dialect *d,
		  struct schema_column *const *cols, const bool *desc,
		  size_t n)
{
	size_t i;

	strbuf_addch(out, '(');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		emit_ident(out, d, cols[i]->text);
		if (desc && desc[i])
			strbuf_addstr(out, " DESC");
	}
	strbuf_addch(out, ')');
}

void emit_references(struct strbuf *out, const struct dialect *d,
		     const struct schema_con *fk)
{
	strbuf_addstr(out, " REFERENCES ");
	emit_objname(out, d, &fk->ref->obj);
	strbuf_addch(out, ' ');
	emit_columns(out, d, fk->ref_cols, NULL, fk->ncols);
	if (fk->on_delete)
		strbuf_addf(out, " ON DELETE %s",
			    ast_fk_action_sql(fk->on_delete));
	if (fk->on_update)
		strbuf_addf(out, " ON UPDATE %s",
			    ast_fk_action_sql(fk->on_update));
}

/* DEFERRABLE [INITIALLY DEFERRED]: each dialect that writes it reads
 * it so (emit_check refuses it where it cannot). */
static void emit_defer(struct strbuf *out, enum con_defer defer)
{
	if (defer != DEFER_NONE)
		strbuf_addstr(out, defer == DEFER_DEFERRED ?
			      " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
}

void emit_constraint(struct strbuf *out, const struct dialect *d,
		     const struct schema_con *c)
{
	strbuf_addstr(out, "CONSTRAINT ");
	emit_ident(out, d, c->obj.text);
	switch (c->kind) {
	case CON_PRIMARY_KEY:
		strbuf_addstr(out, " PRIMARY KEY ");
		emit_columns(out, d, c->cols, NULL, c->ncols);
		break;
	case CON_UNIQUE:
		strbuf_addstr(out, " UNIQUE ");
		emit_columns(out, d, c->cols, NULL, c->ncols);
		emit_defer(out, c->defer);
		break;
	case CON_CHECK:
		strbuf_addstr(out, " CHECK ");
		emit_expr(out, d, c->check);
		break;
	case CON_FOREIGN_KEY:
		strbuf_addstr(out, " FOREIGN KEY ");
		emit_columns(out, d, c->cols, NULL, c->ncols);
		emit_references(out, d, c);
		emit_defer(out, c->defer);
		break;
	default:
		RT_BUG("constraint kind %d in the model", (int)c->kind);
	}
}

void emit_create_index(struct strbuf *out, const struct dialect *d,
		       const struct schema_index *ix)
{
	size_t i;

	strbuf_addf(out, "CREATE %sINDEX ", ix->unique ? "UNIQUE " : "");
	emit_ident(out, d, ix->obj.text);
	strbuf_addstr(out, " ON ");
	emit_objname(out, d, &ix->table->obj);
	if (ix->method && d->index_methods)
		strbuf_addf(out, " USING %s", ix->method);
	strbuf_addstr(out, " (");
	for (i = 0; i < ix->ncols; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		if (ix->cols[i])
			emit_ident(out, d, ix->cols[i]->text);
		else
			emit_expr(out, d, ix->exprs[i]);
		if (ix->desc[i])
			strbuf_addstr(out, " DESC");
	}
	strbuf_addch(out, ')');
	if (ix->where) {
		strbuf_addstr(out, " WHERE ");
		emit_expr(out, d, ix->where);
	}
	strbuf_addstr(out, ";\n");
}

void emit_create_table(struct strbuf *out, const struct dialect *d,
		       const struct schema_table *t, const char *as_name,
		       bool fks)
{
	const struct schema_con *c, *last = NULL;
	size_t i;

	for (c = t->cons; c; c = c->next)
		if (fks || c->kind != CON_FOREIGN_KEY)
			last = c;
	strbuf_addstr(out, "CREATE TABLE ");
	if (as_name)
		emit_ident(out, d, as_name);
	else
		emit_objname(out, d, &t->obj);
	strbuf_addstr(out, " (\n");
	for (i = 0; i < t->ncols; i++) {
		strbuf_addstr(out, "    ");
		d->ops->coldef(out, d, t->cols[i]);
		strbuf_addstr(out, i + 1 < t->ncols || last ? ",\n" : "\n");
	}
	for (c = t->cons; c && last; c = c->next) {
		if (!fks && c->kind == CON_FOREIGN_KEY)
			continue;
		strbuf_addstr(out, "    ");
		emit_constraint(out, d, c);
		strbuf_addstr(out, c != last ? ",\n" : "\n");
		if (c == last)
			break;
	}
	strbuf_addstr(out, ");\n");
}

/* The raw block's text for this dialect (with its ';'), if it is for it. */
static void emit_raw(struct emitter *e, const struct ast_node *stmt)
{
	const char *text = stmt->u.raw.text;
	size_t n = strlen(text);

	if (stmt->u.raw.mask && !(stmt->u.raw.mask & e->d->bit))
		return;
	strbuf_addstr(&e->body, text);
	/* A ';' on a line of its own where the block lacks one. */
	while (n > 0 && ascii_isspace((unsigned char)text[n - 1]))
		n--;
	if (n == 0 || text[n - 1] != ';') {
		if (strbuf_ends_with_newline(&e->body))
			strbuf_addstr(&e->body, ";\n");
		else
			strbuf_addstr(&e->body, "\n;\n");
	} else if (!strbuf_ends_with_newline(&e->body)) {
		strbuf_addch(&e->body, '\n');
	}
}

/* A query as d reads it, without the blanks around it, and its ';' on
 * a line of its own when its last line may end in a comment. */
static void emit_query(struct strbuf *out, const struct dialect *d,
		       const struct ast_node *q)
{
	struct strbuf t;
	const char *p, *last, *c;
	size_t n;
	bool comment = false;

	strbuf_init(&t);
	if (d->ops->expr)
		d->ops->expr(&t, d, q);
	else
		strbuf_addstr(&t, q->u.expr.text);
	for (p = t.buf; ascii_isspace((unsigned char)*p); p++)
		;
	n = t.len - (size_t)(p - t.buf);
	while (n && ascii_isspace((unsigned char)p[n - 1]))
		n--;
	strbuf_add(out, p, n);
	for (last = p + n; last > p && last[-1] != '\n'; last--)
		;
	for (c = last; c < p + n; c++)
		comment |= *c == '#' || (*c == '-' && c + 1 < p + n && c[1] == '-');
	if (comment)
		strbuf_addch(out, '\n');
	strbuf_addstr(out, ";\n");
	strbuf_release(&t);
}

static void emit_insert(struct emitter *e, const struct schema_change *c)
{
	const struct ast_node *stmt = c->stmt, *n, *row, *v;

	strbuf_addstr(&e->body, "INSERT INTO ");
	emit_objname(&e->body, e->d, &c->table->obj);
	strbuf_addstr(&e->body, " (");
	for (n = stmt->u.insert.cols.head; n; n = n->next) {
		emit_ident(&e->body, e->d,
			   schema_column(c->table, n->u.name.key)->text);
		strbuf_addstr(&e->body, n->next ? ", " : "");
	}
	if (stmt->u.insert.query) {
		strbuf_addstr(&e->body, ")\n    ");
		emit_query(&e->body, e->d, stmt->u.insert.query);
		return;
	}
	strbuf_addstr(&e->body, ") VALUES");
	for (row = stmt->u.insert.rows.head; row; row = row->next) {
		strbuf_addstr(&e->body, "\n    (");
		for (v = row->u.row.values.head; v; v = v->next) {
			emit_value(&e->body, e->d, v);
			strbuf_addstr(&e->body, v->next ? ", " : "");
		}
		strbuf_addstr(&e->body, row->next ? ")," : ");\n");
	}
}

/* A comment line: control characters (C0, DEL) become spaces, so no
 * text can end the comment early (PostgreSQL ends one at a bare CR). */
static void comment_line(struct strbuf *out, const char *text, size_t n)
{
	size_t i;

	strbuf_addstr(out, "--");
	if (n)
		strbuf_addch(out, ' ');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		strbuf_addch(out, ascii_iscntrl(c) ? ' ' : (char)c);
	}
	strbuf_addch(out, '\n');
}

void emit_note(struct strbuf *out, const char *text, size_t n)
{
	comment_line(out, text, n);
}

void emit_enum_note(struct emitter *e, const struct schema_change *c,
		    const char *how)
{
	static const char *const verbs[] = {
		[AST_CREATE_TYPE] = "create type", [AST_DROP_TYPE] = "drop type",
		[AST_ADD_VALUE] = "alter type", [AST_RENAME_VALUE] = "alter type",
	};
	struct strbuf note;

	strbuf_init(&note);
	strbuf_addf(&note, "%s has no enum types: %s ", e->d->name,
		    verbs[c->stmt->kind]);
	emit_ident(&note, e->d, c->etype->text);
	strbuf_addf(&note, " (%s)", how);
	comment_line(&e->body, note.buf, note.len);
	strbuf_release(&note);
}

void emit_relabel(struct emitter *e, const struct schema_column *col,
		  const char *from, const char *to)
{
	struct strbuf *b = &e->body;

	strbuf_addstr(b, "UPDATE ");
	emit_objname(b, e->d, &col->table->obj);
	strbuf_addstr(b, " SET ");
	emit_ident(b, e->d, col->text);
	strbuf_addstr(b, " = ");
	emit_string(b, to);
	strbuf_addstr(b, " WHERE ");
	emit_ident(b, e->d, col->text);
	strbuf_addstr(b, " = ");
	emit_string(b, from);
	strbuf_addstr(b, ";\n");
}

/* The bounds of a smallint or integer sequence, for MariaDB before
 * 11.5, whose sequences have no AS (always BIGINT): the type's maximum
 * (ascending) or minimum (descending) unless the revision gives one. */
static void seq_bounds(struct strbuf *out, const struct schema_sequence *q)
{
	const struct type_info *ti = type_lookup(q->as->u.type.name);
	bool down = q->increment && q->increment[0] == '-';

	if (ti->type == TYPE_BIGINT)
		return;
	if (!down && !q->maxvalue)
		strbuf_addstr(out, ti->type == TYPE_SMALLINT ?
			      " MAXVALUE 32767" : " MAXVALUE 2147483647");
	if (down && !q->minvalue)
		strbuf_addstr(out, ti->type == TYPE_SMALLINT ?
			      " MINVALUE -32768" : " MINVALUE -2147483648");
}

/* create, drop and alter sequence, the same in PostgreSQL and MariaDB
 * but for AS and NO CYCLE. */
static void emit_sequence_def(struct strbuf *out, const struct dialect *d,
		       const struct schema_sequence *q, bool guard)
{
	bool maria = d->sequences == SEQUENCES_MARIADB;

	strbuf_addstr(out, guard ? "CREATE SEQUENCE IF NOT EXISTS " :
		      "CREATE SEQUENCE ");
	emit_objname(out, d, &q->obj);
	if (q->as && !maria) {
		strbuf_addstr(out, " AS ");
		strbuf_addstr(out, d->types[type_lookup(q->as->u.type.name)->type]);
	}
	if (q->increment)
		strbuf_addf(out, " INCREMENT BY %s", q->increment);
	if (q->minvalue)
		strbuf_addf(out, " MINVALUE %s", q->minvalue);
	if (q->maxvalue)
		strbuf_addf(out, " MAXVALUE %s", q->maxvalue);
	if (q->as && maria)
		seq_bounds(out, q);
	if (q->start)
		strbuf_addf(out, " START WITH %s", q->start);
	if (q->cache)
		strbuf_addf(out, " CACHE %s", q->cache);
	if (q->cycle)
		strbuf_addstr(out, q->cycle > 0 ? " CYCLE" : maria ?
			      " NOCYCLE" : " NO CYCLE");
	strbuf_addstr(out, ";\n");
}

static void emit_sequence(struct emitter *e, const struct schema_change *c)
{
	const struct ast_node *stmt = c->stmt;
	const struct ast_node *v;
	struct strbuf *b = &e->body;

	switch (stmt->kind) {
	case AST_CREATE_SEQUENCE:
		emit_sequence_def(b, e->d, c->seq, ast_guarded(stmt));
		break;
	case AST_DROP_SEQUENCE:
		strbuf_addstr(b, ast_guarded(stmt) ? "DROP SEQUENCE IF EXISTS "
			      : "DROP SEQUENCE ");
		emit_objname(b, e->d, &c->seq->obj);
		strbuf_addstr(b, ";\n");
		break;
	default:
		v = stmt->u.seq.opts.head->u.seqopt.value;
		strbuf_addstr(b, "ALTER SEQUENCE ");
		emit_objname(b, e->d, &c->seq->obj);
		strbuf_addstr(b, " RESTART");
		if (v)
			strbuf_addf(b, " WITH %s", v->u.lit.text);
		strbuf_addstr(b, ";\n");
		break;
	}
}

/* comment on: the dialect's statement, or (a dialect with no comments)
 * a note in the script, the text on one comment line. */
static void emit_comment(struct emitter *e, const struct schema_change *c)
{
	const struct ast_node *stmt = c->stmt;
	const struct ast_node *text = stmt->u.comment.text;
	struct strbuf note;

	if (e->d->ops->comment) {
		e->d->ops->comment(e, c);
		return;
	}
	strbuf_init(&note);
	strbuf_addf(&note, "%s keeps no comments: comment on %s ", e->d->name,
		    c->column ? "column" : "table");
	emit_objname(&note, e->d, &c->table->obj);
	if (c->column) {
		strbuf_addch(&note, '.');
		emit_ident(&note, e->d, c->column->text);
	}
	strbuf_addstr(&note, " is ");
	if (text->u.lit.kind == LIT_STRING)
		emit_string(&note, text->u.lit.text);
	else
		strbuf_addstr(&note, "null");
	comment_line(&e->body, note.buf, note.len);
	strbuf_release(&note);
}

/* A statement whose `if [not] exists` the model found true did
 * nothing: a note says so. */
static void emit_skipped(struct emitter *e, const struct ast_node *stmt)
{
	const struct ast_node *qn = emit_stmt_table(stmt), *col = NULL;
	const char *what = "table", *words;
	bool exists = true;
	struct strbuf note;

	switch (stmt->kind) {
	case AST_CREATE_TABLE:
		words = "create table if not exists";
		break;
	case AST_DROP_TABLE:
		words = "drop table if exists";
		exists = false;
		break;
	case AST_ADD_COLUMN:
		what = "column";
		col = stmt->u.alter.def->u.column.name;
		words = "add column if not exists";
		break;
	case AST_DROP_COLUMN:
		what = "column";
		col = stmt->u.alter.column;
		words = "drop column if exists";
		exists = false;
		break;
	case AST_DROP_CONSTRAINT:
		what = "constraint";
		col = stmt->u.alter.name;
		words = "drop constraint if exists";
		exists = false;
		break;
	case AST_CREATE_INDEX:
		what = "index";
		qn = NULL;
		col = stmt->u.index.name;
		words = "create index if not exists";
		break;
	case AST_CREATE_SEQUENCE:
		what = "sequence";
		words = "create sequence if not exists";
		break;
	case AST_DROP_SEQUENCE:
		what = "sequence";
		words = "drop sequence if exists";
		exists = false;
		break;
	default:
		what = "index";
		words = "drop index if exists";
		exists = false;
		break;
	}
	strbuf_init(&note);
	strbuf_addf(&note, "skipped: %s ", what);
	if (qn && qn->u.qname.schema)
		strbuf_addf(&note, "%s.", qn->u.qname.schema->u.name.text);
	if (qn)
		strbuf_addstr(&note, qn->u.qname.name->u.name.text);
	strbuf_addf(&note, "%s%s %s here (%s)", qn && col ? "." : "",
		    col ? col->u.name.text : "",
		    exists ? "already exists" : "does not exist", words);
	comment_line(&e->body, note.buf, note.len);
	strbuf_release(&note);
}

/* A dialect with only B-tree indexes writes `using hash` as one: a
 * note says so. */
static void method_note(struct emitter *e, const struct schema_index *ix)
{
	struct strbuf note;

	strbuf_init(&note);
	strbuf_addf(&note, "%s has only B-tree indexes: index ", e->d->name);
	emit_ident(&note, e->d, ix->obj.text);
	strbuf_addf(&note, " is one (using %s)", ix->method);
	comment_line(&e->body, note.buf, note.len);
	strbuf_release(&note);
}

/* What emit writes, with CONCURRENTLY (where the dialect has it) and
 * `if [not] exists` after its first words (lead: "CREATE TABLE ",
 * "CREATE INDEX ", ...) where the statement was written with them. */
static void add_guarded(struct emitter *e, const struct ast_node *stmt,
			const struct strbuf *sql, size_t lead)
{
	strbuf_add(&e->body, sql->buf, lead);
	if (ast_concurrent(stmt) && e->d->concurrently)
		strbuf_addstr(&e->body, "CONCURRENTLY ");
	if (ast_guarded(stmt))
		strbuf_addstr(&e->body, stmt->kind == AST_DROP_INDEX ?
			      "IF EXISTS " : "IF NOT EXISTS ");
	strbuf_add(&e->body, sql->buf + lead, sql->len - lead);
}

/* `concurrently` where the dialect has none: a note says so. */
static void concurrently_note(struct emitter *e, const struct ast_node *stmt)
{
	strbuf_addf(&e->body, "-- %s has no concurrently: a plain %s\n",
		    e->d->name, stmt->kind == AST_DROP_INDEX ? "DROP INDEX" :
		    "CREATE INDEX");
}

/* UPDATE t SET c = v, ... [WHERE (expr)]; and DELETE FROM t [WHERE ...]; */
static void emit_dml(struct emitter *e, const struct schema_change *c)
{
	const struct ast_node *stmt = c->stmt, *a;

	strbuf_addstr(&e->body, stmt->kind == AST_UPDATE ? "UPDATE " :
			       "DELETE FROM ");
	emit_objname(&e->body, e->d, &c->table->obj);
	for (a = stmt->u.dml.sets.head; a; a = a->next) {
		strbuf_addstr(&e->body, a == stmt->u.dml.sets.head ? " SET " :
				       ", ");
		emit_ident(&e->body, e->d,
			   schema_column(c->table,
					 a->u.assign.column->u.name.key)->text);
		strbuf_addstr(&e->body, " = ");
		emit_value(&e->body, e->d, a->u.assign.value);
	}
	if (stmt->u.dml.where) {
		strbuf_addstr(&e->body, " WHERE ");
		emit_expr(&e->body, e->d, stmt->u.dml.where);
	}
	strbuf_addstr(&e->body, ";\n");
}

/* Deferred constraints */

static void pend_con(struct emitter *e, const struct schema_con *k)
{
	size_t i;

	if (k->defer != DEFER_DEFERRED)
		return;
	for (i = 0; i < e->npend; i++)
		if (e->pend[i] == k)
			return;
	e->pend = xgrow(e->pend, &e->cappend, e->npend + 1, sizeof(*e->pend));
	e->pend[e->npend++] = k;
}

static void pend_table(struct emitter *e, const struct schema_table *t)
{
	const struct schema_con *k;
	size_t i;

	for (k = t->cons; k; k = k->next)
		pend_con(e, k);
	for (i = 0; i < t->ninbound; i++)
		pend_con(e, t->inbound[i]);
}

/* A data change leaves the checks of the deferred constraints it
 * touches (a raw block: of any) for later. */
static void pend_data(struct emitter *e, const struct schema *s,
		      const struct schema_change *c)
{
	struct schema_table **all;
	size_t i, n;

	switch (c->stmt->kind) {
	case AST_INSERT:
	case AST_UPDATE:
	case AST_DELETE:
		pend_table(e, c->table);
		return;
	case AST_RAW_SQL:
		/* Most models have none: no sorted copy of every table
		 * (in the arena) for each raw block, then. */
		if (!schema_any_deferred(s))
			return;
		all = schema_tables_sorted(e->ctx, s);
		n = schema_ntables(s);
		for (i = 0; i < n; i++)
			pend_table(e, all[i]);
		return;
	default:
		return;
	}
}

/* PostgreSQL will not alter a table with deferred checks pending: run
 * them now (SET CONSTRAINTS ... IMMEDIATE), then defer the constraints
 * again for the rest of the transaction. */
static void flush_pending(struct emitter *e)
{
	size_t i, m;

	if (!e->npend)
		return;
	strbuf_addstr(&e->body, "-- deferred constraints are checked here, "
		      "before the table changes or the revision ends\n");
	for (m = 0; m < 2; m++) {
		strbuf_addstr(&e->body, "SET CONSTRAINTS ");
		for (i = 0; i < e->npend; i++) {
			const struct schema_con *k = e->pend[i];

			if (i)
				strbuf_addstr(&e->body, ", ");
			if (k->table->obj.schema_text) {
				emit_ident(&e->body, e->d,
					   k->table->obj.schema_text);
				strbuf_addch(&e->body, '.');
			}
			emit_ident(&e->body, e->d, k->obj.text);
		}
		strbuf_addstr(&e->body, m ? " DEFERRED;\n" : " IMMEDIATE;\n");
	}
	strbuf_addch(&e->body, '\n');
	e->npend = 0;
}

/*
 * One statement the model took (the emitter's schema_observer).  What is
 * written the same in every dialect is here; ALTER TABLE is the
 * dialect's.  Statements that create something are written from the
 * model after the change, so generated names and the like come from it.
 */
static void emit_stmt(void *arg, const struct schema *s,
		      const struct schema_change *c)
{
	struct emitter *e = arg;
	const struct ast_node *stmt = c->stmt;
	size_t len = e->body.len;
	struct strbuf one;

	if (c->skipped) {
		emit_skipped(e, stmt);
		goto done;
	}
	if (e->d->set_constraints && stmt->kind != AST_INSERT &&
	    stmt->kind != AST_UPDATE && stmt->kind != AST_DELETE &&
	    stmt->kind != AST_COMMENT) {
		flush_pending(e);
		len = e->body.len;
	}
	if (stmt->kind == AST_CREATE_INDEX && c->index->method &&
	    strcmp(c->index->method, "hash") == 0 && !e->d->index_methods)
		method_note(e, c->index);
	if (ast_concurrent(stmt) && !e->d->concurrently)
		concurrently_note(e, stmt);
	if (e->d->ops->hold && e->d->ops->hold(e, s, c))
		goto done;
	if (e->d->ops->write && e->d->ops->write(e, s, c))
		goto done;
	switch (stmt->kind) {
	case AST_CREATE_TABLE:
	case AST_CREATE_INDEX:
		strbuf_init(&one);
		if (stmt->kind == AST_CREATE_TABLE)
			emit_create_table(&one, e->d, c->table, NULL, true);
		else
			emit_create_index(&one, e->d, c->index);
		add_guarded(e, stmt, &one, strlen(
			    stmt->kind == AST_CREATE_TABLE ? "CREATE TABLE " :
			    c->index->unique ? "CREATE UNIQUE INDEX " :
			    "CREATE INDEX "));
		strbuf_release(&one);
		break;
	case AST_DROP_TABLE:
		strbuf_addstr(&e->body, "DROP TABLE ");
		if (ast_guarded(stmt))
			strbuf_addstr(&e->body, "IF EXISTS ");
		emit_objname(&e->body, e->d, &c->table->obj);
		strbuf_addstr(&e->body, ";\n");
		break;
	case AST_DROP_INDEX:
		/* With the table's schema, where it has one (PostgreSQL). */
		strbuf_init(&one);
		strbuf_addstr(&one, "DROP INDEX ");
		if (c->table->obj.schema_text) {
			emit_ident(&one, e->d, c->table->obj.schema_text);
			strbuf_addch(&one, '.');
		}
		emit_ident(&one, e->d, c->index->obj.text);
		strbuf_addstr(&one, ";\n");
		add_guarded(e, stmt, &one, strlen("DROP INDEX "));
		strbuf_release(&one);
		break;
	case AST_RENAME_INDEX:
		/* With the table's schema, where it has one (PostgreSQL). */
		strbuf_addstr(&e->body, "ALTER INDEX ");
		if (c->table->obj.schema_text) {
			emit_ident(&e->body, e->d, c->table->obj.schema_text);
			strbuf_addch(&e->body, '.');
		}
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, " RENAME TO ");
		emit_ident(&e->body, e->d, c->index->obj.text);
		strbuf_addstr(&e->body, ";\n");
		break;
	case AST_INSERT:
		emit_insert(e, c);
		if (e->d->ops->after_insert)
			e->d->ops->after_insert(e, c);
		break;
	case AST_UPDATE:
	case AST_DELETE:
		emit_dml(e, c);
		break;
	case AST_COMMENT:
		emit_comment(e, c);
		break;
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
		e->d->ops->etype(e, s, c);
		break;
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
		emit_sequence(e, c);
		break;
	case AST_RAW_SQL:
		emit_raw(e, stmt);
		break;
	default:
		e->d->ops->alter(e, s, c);
		break;
	}
done:
	if (e->d->set_constraints && emit_in_tx(e))
		pend_data(e, s, c);
	/* A blank line after each statement (a dialect may hold one back
	 * to write it with the next). */
	if (e->body.len != len)
		strbuf_addch(&e->body, '\n');
}

static void message_lines(struct strbuf *out, const char *msg)
{
	while (msg && *msg) {
		size_t n = strcspn(msg, "\n");

		comment_line(out, msg, n);
		msg += n;
		if (*msg)
			msg++;
	}
}

static const char *const step_words[] = {
	[STEP_UPGRADE] = "upgrade",
	[STEP_DOWNGRADE] = "downgrade",
	[STEP_STAMP] = "stamp_revision",
};

/* Alembic's "-- Running upgrade A, B -> C" (two spaces for a root). */
static void running_line(struct strbuf *out, const struct step *st)
{
	size_t i;

	strbuf_addf(out, "-- Running %s ", step_words[st->kind]);
	for (i = 0; i < st->nleft; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", st->left[i]->id);
	strbuf_addstr(out, " -> ");
	for (i = 0; i < st->nright; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", st->right[i]->id);
	strbuf_addch(out, '\n');
}

static void vt_name(struct strbuf *out, const struct emitter *e)
{
	if (e->o.version_schema) {
		emit_ident(out, e->d, e->o.version_schema);
		strbuf_addch(out, '.');
	}
	emit_ident(out, e->d, e->o.version_table);
}

/* The version-table statements, as Alembic writes them. */
static void vt_stmt(struct strbuf *out, const struct emitter *e,
		    const struct vt_stmt *s)
{
	switch (s->op) {
	case VT_INSERT:
		strbuf_addstr(out, "INSERT INTO ");
		vt_name(out, e);
		strbuf_addf(out, " (version_num) VALUES ('%s');\n", s->to->id);
		return;
	case VT_UPDATE:
		strbuf_addstr(out, "UPDATE ");
		vt_name(out, e);
		strbuf_addf(out, " SET version_num='%s' WHERE ", s->to->id);
		vt_name(out, e);
		strbuf_addf(out, ".version_num = '%s';\n", s->from->id);
		return;
	case VT_DELETE:
		strbuf_addstr(out, "DELETE FROM ");
		vt_name(out, e);
		strbuf_addstr(out, " WHERE ");
		vt_name(out, e);
		strbuf_addf(out, ".version_num = '%s';\n", s->from->id);
		return;
	}
	RT_BUG("version-table statement %d", (int)s->op);
}

static void create_version_table(struct strbuf *out, const struct emitter *e)
{
	strbuf_addstr(out, "CREATE TABLE IF NOT EXISTS ");
	vt_name(out, e);
	strbuf_addstr(out, " (\n    version_num VARCHAR(32) NOT NULL,\n"
		      "    CONSTRAINT ");
	{
		struct strbuf pkc;

		strbuf_init(&pkc);
		strbuf_addf(&pkc, "%s_pkc", e->o.version_table);
		emit_ident(out, e->d, pkc.buf);
		strbuf_release(&pkc);
	}
	strbuf_addstr(out, " PRIMARY KEY (version_num)\n);\n\n");
}

void emit_digest(struct rt_ctx *ctx, const struct project *proj,
		 const uint32_t *files, size_t nfiles, char *hex)
{
	SHA2_CTX sha;
	size_t i, n = files ? nfiles : proj->nfiles;

	if (!files && proj->digest[0]) {	/* hashed while read */
		memcpy(hex, proj->digest, sizeof(proj->digest));
		return;
	}
	SHA256Init(&sha);
	for (i = 0; i < n; i++) {
		const struct src_file *f = src_get(ctx, files ? files[i] :
						   proj->files[i]->file);

		SHA256Update(&sha, (const uint8_t *)f->path, strlen(f->path) + 1);
		SHA256Update(&sha, (const uint8_t *)f->data, f->len);
		SHA256Update(&sha, (const uint8_t *)"", 1);
	}
	SHA256End(&sha, hex);
}

struct emitter *emit_new(struct rt_ctx *ctx, const struct project *proj,
			 const struct plan *p, const struct target *from,
			 const char *what, const struct dialect *d,
			 const struct emit_opts *o)
{
	struct emitter *e = xcalloc(1, sizeof(*e));

	e->ctx = ctx;
	e->d = d;
	e->o = *o;
	/* The version table's schema is for dialects that have schemas
	 * (retort.ini sets it for the whole project). */
	if (!d->schemas)
		e->o.version_schema = NULL;
	e->proj = proj;
	e->p = p;
	e->from = from;
	e->what = xstrdup(what);
	e->steps = xcalloc(p->n + 1, sizeof(*e->steps));
	e->obs.after = emit_stmt;
	e->obs.arg = e;
	strbuf_init(&e->body);
	return e;
}

const struct schema_observer *emit_observer(struct emitter *e,
					    const struct schema_observer *next)
{
	e->obs.next = next;
	return &e->obs;
}

/* One step into e->body: its comments, then (after its statements) its
 * version rows. */
/* The revision's statement_timeout, on before its statements and off
 * after them (a note where the dialect has none). */
static void step_timeout(struct emitter *e, bool on)
{
	const struct rev *r = e->p->steps[e->cur].rev;
	const char *dur = r ? r->ast->statement_timeout : NULL;

	if (!dur)
		return;
	if (e->d->ops->timeout)
		e->d->ops->timeout(e, dur, on);
	else if (on)
		strbuf_addf(&e->body, "-- %s has no statement timeout: "
			    "statement_timeout '%s' is not set\n\n",
			    e->d->name, dur);
}

void emit_step_begin(struct emitter *e, size_t i)
{
	const struct step *st = &e->p->steps[i];

	e->cur = i;
	strbuf_reset(&e->body);
	running_line(&e->body, st);
	if (st->rev)
		message_lines(&e->body, st->rev->ast->message);
	strbuf_addch(&e->body, '\n');
	step_timeout(e, true);
}

void emit_step_end(struct emitter *e)
{
	const struct step *st = &e->p->steps[e->cur];
	size_t i;

	if (e->d->ops->step_end)
		e->d->ops->step_end(e);
	flush_pending(e);
	step_timeout(e, false);
	for (i = 0; i < st->nstmts; i++)
		vt_stmt(&e->body, e, &st->stmts[i]);
	strbuf_addch(&e->body, '\n');
	e->steps[e->cur] = e->body;
	strbuf_init(&e->body);
}

static void open_tx(struct strbuf *out, const struct emitter *e)
{
	strbuf_addf(out, "%s\n\n", e->d->begin);
	if (e->o.lock_timeout && e->d->lock_timeout) {
		strbuf_addstr(out, e->d->lock_timeout);
		emit_string(out, e->o.lock_timeout);
		strbuf_addstr(out, ";\n\n");
	}
}

static void guard(struct strbuf *out, struct emitter *e, const struct plan *p)
{
	const char **rows;
	size_t i;

	if (!e->o.guard)
		return;
	rows = xmalloc((p->before.n + 1) * sizeof(*rows));
	for (i = 0; i < p->before.n; i++)
		rows[i] = p->before.v[i]->id;
	e->d->ops->guard(e, out, rows, p->before.n);
	free(rows);
	strbuf_addch(out, '\n');
}

static void commit(struct strbuf *out, bool *open)
{
	strbuf_addstr(out, "COMMIT;\n");
	*open = false;
}

/*
 * Transactions (SQL.md): one around the script, or one per revision, or
 * none; a revision with `transactional false` runs outside any, so the
 * transaction before it is committed and a new one opened after it.  The
 * version table is created, and the guard runs, in the first one.
 */
static void assemble(struct strbuf *out, struct emitter *e,
		     const struct plan *p, const struct target *from,
		     const struct strbuf *steps)
{
	/* A dialect whose DDL is not transactional has none at all. */
	bool none = e->o.tx == TX_NONE || !e->d->begin;
	bool per = !none && e->o.tx == TX_PER_MIGRATION;
	bool open = false;
	size_t i;

	if (!none) {
		open_tx(out, e);
		open = true;
	}
	if (from->n == 0 && !from->branch)
		create_version_table(out, e);
	if (e->o.purge) {
		strbuf_addstr(out, "DELETE FROM ");
		vt_name(out, e);
		strbuf_addstr(out, ";\n\n");
	} else if (!open && e->o.guard && e->d->guard_needs_tx) {
		strbuf_addf(out, "%s\n\n", e->d->begin);
		guard(out, e, p);
		strbuf_addstr(out, "COMMIT;\n\n");
	} else {
		guard(out, e, p);
	}
	for (i = 0; i < p->n; i++) {
		const struct rev *r = p->steps[i].rev;
		/* emit_in_tx says the same of the step being written. */
		bool want = !none && !(r && !r->ast->transactional);

		if (open && (!want || (per && i > 0))) {
			commit(out, &open);
			strbuf_addch(out, '\n');
		}
		if (!open && want) {
			open_tx(out, e);
			open = true;
		}
		strbuf_add(out, steps[i].buf, steps[i].len);
	}
	/* Alembic drops an emptied table after the last COMMIT. */
	if (open && per)
		commit(out, &open);
	if (p->after.n == 0) {
		strbuf_addstr(out, per ? "\nDROP TABLE " : "DROP TABLE ");
		vt_name(out, e);
		strbuf_addstr(out, open ? ";\n\n" : ";\n");
	}
	if (open)
		commit(out, &open);
}

bool emit_in_tx(const struct emitter *e)
{
	const struct rev *r = e->p->steps[e->cur].rev;

	return e->d->begin && e->o.tx != TX_NONE &&
	       !(r && !r->ast->transactional);
}

int emit_errors(const struct emitter *e)
{
	return e->errors;
}

void emit_free(struct emitter *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->p->n; i++)
		strbuf_release(&e->steps[i]);
	strbuf_release(&e->body);
	free(e->steps);
	free(e->what);
	free(e->pend);
	if (e->dstate && e->d->ops->free)
		e->d->ops->free(e);
	free(e->dstate);
	free(e);
}

int emit_finish(struct emitter *e, struct strbuf *out)
{
	const struct plan *p = e->p;
	char hex[SHA256_DIGEST_STRING_LENGTH];
	int errors = e->errors;

	if (e->o.has_source)
		emit_digest(e->ctx, e->proj, &e->o.source, 1, hex);
	else
		emit_digest(e->ctx, e->proj, NULL, 0, hex);
	strbuf_addf(out, "-- retort %s: %s (%s), %zu revision%s\n",
		    RT_VERSION, e->what, e->d->name, p->n, p->n == 1 ? "" : "s");
	strbuf_addf(out, "-- run with: %s\n", e->d->run_with);
	strbuf_addf(out, "-- source sha256 %s\n", hex);
	if (!e->d->begin)
		strbuf_addf(out, "-- no transaction: %s commits each DDL "
			    "statement at once, so a statement\n"
			    "-- that fails can leave its revision half done; "
			    "the version table then\n"
			    "-- holds the rows of the last revision done "
			    "whole\n", e->d->name);
	if (e->needs_fk_off)
		strbuf_addstr(out, "PRAGMA foreign_keys = OFF;\n");
	strbuf_addch(out, '\n');
	if (e->d->session)
		strbuf_addf(out, "%s\n\n", e->d->session);
	assemble(out, e, p, e->from, e->steps);
	if (e->needs_fk_off)
		strbuf_addstr(out, "\nPRAGMA foreign_keys = ON;\n");
	if (e->d->ops->end)
		e->d->ops->end(e, out);
	emit_free(e);
	return errors;
}

const struct ast_node *emit_stmt_table(const struct ast_node *s)
{
	switch (s->kind) {
	case AST_CREATE_TABLE:
		return s->u.create.table;
	case AST_CREATE_INDEX:
		return s->u.index.table;
	case AST_DROP_INDEX:
		return s->u.drop_index.name;
	case AST_RENAME_INDEX:
		return s->u.rename_index.name;
	case AST_INSERT:
		return s->u.insert.table;
	case AST_UPDATE:
	case AST_DELETE:
		return s->u.dml.table;
	case AST_COMMENT:
		return s->u.comment.table;
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
		return s->u.seq.name;
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
	case AST_RAW_SQL:
		return NULL;
	default:
		return s->u.alter.table;
	}
}

static int qualified(struct rt_ctx *ctx, const struct dialect *d,
		     const struct ast_node *q)
{
	if (!q || !q->u.qname.schema)
		return 0;
	diag_error(ctx, q->span, "%s has no schemas: \"%s.%s\" cannot be "
		   "written for it", d->name, q->u.qname.schema->u.name.text,
		   q->u.qname.name->u.name.text);
	return 1;
}

/* The table a foreign key of el (a column or a constraint) names. */
static const struct ast_node *fk_table(const struct ast_node *el)
{
	const struct ast_node *c;

	if (el && el->kind == AST_CONSTRAINT)
		return el->u.con.kind == CON_FOREIGN_KEY ?
		       el->u.con.ref_table : NULL;
	for (c = el ? el->u.column.cons.head : NULL; c; c = c->next)
		if (c->u.con.kind == CON_FOREIGN_KEY)
			return c->u.con.ref_table;
	return NULL;
}

/* The elements a statement makes, columns and table constraints: a
 * create table's, or the one of add column or add constraint.  Walk
 * them with made_first and made_next. */
static const struct ast_node *made_first(const struct ast_node *s)
{
	if (s->kind == AST_CREATE_TABLE)
		return s->u.create.elems.head;
	if (s->kind == AST_ADD_COLUMN || s->kind == AST_ADD_CONSTRAINT)
		return s->u.alter.def;
	return NULL;
}

static const struct ast_node *made_next(const struct ast_node *s,
					const struct ast_node *el)
{
	return s->kind == AST_CREATE_TABLE ? el->next : NULL;
}

/* A dialect without schemas cannot write a schema-qualified name (for
 * sqlite an attached database is no schema; for mysql it would name a
 * database): not the statement's table, nor one a foreign key
 * references. */
static int no_schemas(struct rt_ctx *ctx, const struct dialect *d,
		      const struct ast_node *s)
{
	const struct ast_node *el;
	int errors = qualified(ctx, d, emit_stmt_table(s));

	for (el = made_first(s); el; el = made_next(s, el))
		errors += qualified(ctx, d, fk_table(el));
	return errors;
}

/* An index method or an expression key part the dialect lacks. */
static int index_kinds(struct rt_ctx *ctx, const struct dialect *d,
		       const struct ast_node *s)
{
	const struct ast_node *m, *ic;
	int errors = 0;

	if (s->kind != AST_CREATE_INDEX)
		return 0;
	m = s->u.index.method;
	if (m && !d->index_methods && strcmp(m->u.name.key, "btree") != 0 &&
	    strcmp(m->u.name.key, "hash") != 0) {
		diag_error(ctx, m->span, "a %s index cannot be written for "
			   "%s: it has only B-tree indexes (btree and hash "
			   "are written as one)", m->u.name.key, d->name);
		errors++;
	}
	for (ic = s->u.index.cols.head; ic && !d->index_exprs; ic = ic->next)
		if (ic->u.icol.expr) {
			diag_error(ctx, ic->span, "an index on an expression "
				   "cannot be written for %s (MariaDB has no "
				   "functional key parts: index a generated "
				   "column)", d->name);
			errors++;
		}
	return errors;
}

/* A deferrable constraint the dialect checks at once. */
static int defer_con(struct rt_ctx *ctx, const struct dialect *d,
		     const struct ast_node *con)
{
	bool uq = con->u.con.kind == CON_UNIQUE;

	if (con->u.con.defer == DEFER_NONE ||
	    (uq ? d->defer_unique : d->defer_fk))
		return 0;
	diag_error(ctx, con->span, "a deferrable %s cannot be written for %s: "
		   "it checks %s at once", uq ? "unique key" : "foreign key",
		   d->name, d->defer_fk ? "uniqueness" : "every constraint");
	return 1;
}

/* The constraints a statement makes (of its columns too), each through
 * defer_con. */
static int defer_cons(struct rt_ctx *ctx, const struct dialect *d,
		      const struct ast_node *s)
{
	const struct ast_node *el, *c;
	int errors = 0;

	for (el = made_first(s); el; el = made_next(s, el)) {
		if (el->kind == AST_CONSTRAINT) {
			errors += defer_con(ctx, d, el);
			continue;
		}
		for (c = el->u.column.cons.head; c; c = c->next)
			errors += defer_con(ctx, d, c);
	}
	return errors;
}

/* An array type where the dialect has none. */
static int array_type(struct rt_ctx *ctx, const struct dialect *d,
		      const struct ast_node *type)
{
	if (d->arrays || !type || !type->u.type.dims)
		return 0;
	diag_error(ctx, type->span, "an array type cannot be written for %s: "
		   "it has no arrays (keep the list in a json column, or in a "
		   "table of its own)", d->name);
	return 1;
}

/* The array types of the columns a statement makes or changes. */
static int array_types(struct rt_ctx *ctx, const struct dialect *d,
		       const struct ast_node *s)
{
	const struct ast_node *el;
	int errors = 0;

	if (d->arrays)
		return 0;
	if (s->kind == AST_ALTER_TYPE)
		return array_type(ctx, d, s->u.alter.type);
	for (el = made_first(s); el; el = made_next(s, el))
		if (el->kind == AST_COLUMN)
			errors += array_type(ctx, d, el->u.column.type);
	return errors;
}

/* nextval(S) where the dialect has no sequences, or (a dialect without
 * schemas) S has a schema. */
static int no_sequences_value(struct rt_ctx *ctx, const struct dialect *d,
			      const struct ast_node *v)
{
	if (!v || v->kind != AST_LITERAL || v->u.lit.kind != LIT_NEXTVAL)
		return 0;
	if (d->sequences != SEQUENCES_NONE)
		return d->schemas ? 0 : qualified(ctx, d, v->u.lit.seq);
	diag_error(ctx, v->span, "%s has no sequences: nextval cannot be "
		   "written for it", d->name);
	return 1;
}

/* A sequence statement, or a default or value nextval(S), that the
 * dialect cannot write (see no_sequences_value). */
static int no_sequences(struct rt_ctx *ctx, const struct dialect *d,
			const struct ast_node *s)
{
	const struct ast_node *el, *c, *v = NULL, *a;
	int errors = 0;

	if (d->sequences == SEQUENCES_NONE &&
	    (s->kind == AST_CREATE_SEQUENCE || s->kind == AST_DROP_SEQUENCE ||
	     s->kind == AST_ALTER_SEQUENCE)) {
		diag_error(ctx, s->span, "%s has no sequences: %s sequence "
			   "cannot be written for it (an integer primary key "
			   "with autoincrement numbers rows portably)",
			   d->name, s->kind == AST_CREATE_SEQUENCE ? "create" :
			   s->kind == AST_DROP_SEQUENCE ? "drop" : "alter");
		return 1;
	}
	if (s->kind == AST_SET_DEFAULT)
		v = s->u.alter.expr;
	for (el = made_first(s); el; el = made_next(s, el)) {
		if (el->kind != AST_COLUMN)
			continue;
		for (c = el->u.column.cons.head; c; c = c->next)
			if (c->u.con.kind == CON_DEFAULT)
				errors += no_sequences_value(ctx, d,
							     c->u.con.value);
	}
	for (a = s->kind == AST_UPDATE ? s->u.dml.sets.head : NULL; a;
	     a = a->next)
		errors += no_sequences_value(ctx, d, a->u.assign.value);
	return errors + no_sequences_value(ctx, d, v);
}

/* CONCURRENTLY runs outside any transaction: only in a revision that
 * says `transactional false`. */
static int concurrently_tx(struct rt_ctx *ctx, const struct dialect *d,
			   const struct ast_revision *r,
			   const struct ast_node *s)
{
	if (!d->concurrently || !ast_concurrent(s) || !r->transactional)
		return 0;
	diag_error(ctx, s->span, "%s index concurrently cannot run inside a "
		   "transaction (%s): write 'transactional false' in the "
		   "header of revision %s", s->kind == AST_DROP_INDEX ?
		   "drop" : "create", d->name, r->id ? r->id->u.word.text :
		   "?");
	return 1;
}

int emit_check(struct rt_ctx *ctx, const struct graph *g,
	       const struct dialect *d)
{
	int errors = 0;
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct ast_node *b, *s;

		for (b = g->revs[i]->ast->blocks.head; b; b = b->next)
			for (s = b->u.block.stmts.head; s; s = s->next) {
				errors += concurrently_tx(ctx, d,
							  g->revs[i]->ast, s);
				if (!d->schemas)
					errors += no_schemas(ctx, d, s);
				errors += index_kinds(ctx, d, s);
				errors += defer_cons(ctx, d, s);
				errors += array_types(ctx, d, s);
				errors += no_sequences(ctx, d, s);
				if (d->ops->check)
					errors += d->ops->check(ctx, s);
			}
	}
	return errors;
}

int emit_schema(struct rt_ctx *ctx, const struct schema *s,
		const struct dialect *d, struct strbuf *out)
{
	struct schema_table **tables = schema_tables_sorted(ctx, s);
	size_t i, n = schema_ntables(s);
	int errors = 0;

	for (i = 0; i < n && d->ops->check_table; i++)
		errors += d->ops->check_table(ctx, d, tables[i]);
	for (i = 0; i < n; i++) {
		const struct schema_index *ix;

		const struct schema_con *k;
		size_t j;

		for (j = 0; j < tables[i]->ncols; j++)
			errors += array_type(ctx, d, tables[i]->cols[j]->type);
		for (ix = tables[i]->indexes; ix; ix = ix->next)
			if (ix->node)
				errors += index_kinds(ctx, d, ix->node);
		for (k = tables[i]->cons; k; k = k->next)
			if (k->node && k->node->kind == AST_CONSTRAINT)
				errors += defer_con(ctx, d, k->node);
	}
	if (errors)
		return errors;

	/* Enum types first (a dialect with types of their own), by name. */
	if (d->enums == ENUM_NAMED) {
		struct schema_enum **en;
		size_t k, m = schema_enums_sorted(ctx, s, &en);

		for (k = 0; k < m; k++) {
			strbuf_addstr(out, "CREATE TYPE ");
			emit_ident(out, d, en[k]->text);
			strbuf_addstr(out, " AS ENUM (");
			for (i = 0; i < en[k]->nlabels; i++) {
				strbuf_addstr(out, i ? ", " : "");
				emit_string(out, en[k]->labels[i]);
			}
			strbuf_addstr(out, k + 1 < m ? ");\n" : ");\n\n");
		}
	}
	/* Sequences before the tables whose defaults use them, by name. */
	if (d->sequences != SEQUENCES_NONE) {
		struct schema_sequence **sq;
		size_t k, m = schema_sequences_sorted(ctx, s, &sq);

		for (k = 0; k < m; k++)
			emit_sequence_def(out, d, sq[k], false);
		if (m)
			strbuf_addch(out, '\n');
	}
	/* Tables in name order may reference later ones: where the dialect
	 * can add a foreign key afterwards, the keys come last. */
	for (i = 0; i < n; i++) {
		const struct schema_index *ix;

		emit_create_table(out, d, tables[i], NULL, !d->alter_add_fk);
		for (ix = tables[i]->indexes; ix; ix = ix->next)
			emit_create_index(out, d, ix);
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < n && d->alter_add_fk; i++) {
		const struct schema_con *c;

		for (c = tables[i]->cons; c; c = c->next) {
			if (c->kind != CON_FOREIGN_KEY)
				continue;
			strbuf_addstr(out, "ALTER TABLE ");
			emit_objname(out, d, &tables[i]->obj);
			strbuf_addstr(out, " ADD ");
			emit_constraint(out, d, c);
			strbuf_addstr(out, ";\n");
		}
	}
	return 0;
}
