/*
 * emit_sqlite.c: the SQLite dialect.  What SQLite's ALTER TABLE accepts
 * is written natively; every other change becomes SQLite's own table
 * rebuild ("Making Other Kinds Of Table Schema Changes"), computed from
 * the model: no live database needed, no row, index or constraint lost.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "emit_int.h"
#include "rt.h"
#include "util.h"

/* The rowid: exactly INTEGER, whatever integer type was asked for. */
static void sqlite_type(struct strbuf *out, const struct dialect *d,
			const struct schema_column *col)
{
	if (col->autoincrement)
		strbuf_addstr(out, "INTEGER");
	else
		emit_type(out, d, col);
}

static void sqlite_coldef(struct strbuf *out, const struct dialect *d,
			  const struct schema_column *col)
{
	emit_ident(out, d, col->text);
	strbuf_addch(out, ' ');
	sqlite_type(out, d, col);
	if (col->not_null)
		strbuf_addstr(out, " NOT NULL");
	if (col->dflt) {
		strbuf_addstr(out, " DEFAULT ");
		emit_value(out, col->dflt);
	}
}

/* Rebuilding a table that raw SQL may have changed would lose what it
 * did (a trigger, an index, a column the model does not know). */
static bool raw_touched(struct emitter *e, const struct schema *model,
			const struct ast_node *s)
{
	const struct ast_node *raw = schema_raw_ddl(model);

	if (!raw)
		return false;
	diag_error(e->ctx, s->span,
		   "cannot rebuild this table for sqlite: raw SQL may have "
		   "changed the schema, and a rebuild would lose what it did");
	diag_note(e->ctx, raw->span, "the raw SQL is here");
	e->errors++;
	return true;
}

static void fk_count(struct strbuf *b, bool before, const char *table)
{
	if (before) {
		strbuf_addstr(b, "CREATE TEMP TABLE retort_fk_before AS SELECT "
			      "count(*) AS n FROM pragma_foreign_key_check;\n");
		return;
	}
	strbuf_addstr(b, "CREATE TEMP TABLE retort_fk_after (ok INTEGER "
		      "CONSTRAINT ");
	strbuf_addf(b, "\"retort: rebuilding %s added foreign key violations\"",
		    table);
	strbuf_addstr(b, " CHECK (ok));\n"
		      "INSERT INTO retort_fk_after SELECT (SELECT count(*) FROM "
		      "pragma_foreign_key_check) <= (SELECT n FROM "
		      "retort_fk_before);\n"
		      "DROP TABLE retort_fk_after;\n"
		      "DROP TABLE retort_fk_before;\n");
}

/*
 * The table rebuild, after the model took c (t is the new shape): new
 * table under a temporary name, rows copied column by column (every
 * column but one the statement adds; a type change's USING expression
 * for its column), old table dropped, new one renamed (with
 * legacy_alter_table, so views naming the table do not break the
 * rename), indexes recreated, and the foreign keys checked: a rebuild
 * that adds violations fails the transaction.
 */
static void rebuild(struct emitter *e, const struct schema_change *c)
{
	const struct schema_table *t = c->table;
	const struct ast_node *s = c->stmt;
	const struct schema_column *added = s->kind == AST_ADD_COLUMN ?
					    c->column : NULL;
	struct strbuf *b = &e->body, tmp, name, tmpname;
	const struct schema_index *ix;
	size_t i;
	bool first = true;

	e->needs_fk_off = true;
	strbuf_init(&tmp);
	strbuf_init(&name);
	strbuf_init(&tmpname);
	strbuf_addf(&tmpname, "_retort_new_%s", t->obj.text);
	emit_ident(&tmp, e->d, tmpname.buf);
	emit_ident(&name, e->d, t->obj.text);
	strbuf_addf(b, "-- rebuild %s (SQLite cannot alter it in place)\n",
		    name.buf);
	if (e->o.tx == TX_NONE)
		strbuf_addstr(b, "SAVEPOINT retort_rebuild;\n");
	fk_count(b, true, NULL);
	emit_create_table(b, e->d, t, tmpname.buf, true);
	strbuf_addf(b, "INSERT INTO %s (", tmp.buf);
	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i] == added)
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		emit_ident(b, e->d, t->cols[i]->text);
		first = false;
	}
	strbuf_addstr(b, ")\n    SELECT ");
	first = true;
	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i] == added)
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		if (s->kind == AST_ALTER_TYPE && s->u.alter.expr &&
		    c->column == t->cols[i])
			strbuf_addf(b, "(%s)", s->u.alter.expr->u.expr.text);
		else
			emit_ident(b, e->d, t->cols[i]->text);
		first = false;
	}
	strbuf_addf(b, " FROM %s;\n", name.buf);
	strbuf_addf(b, "DROP TABLE %s;\n", name.buf);
	strbuf_addstr(b, "PRAGMA legacy_alter_table = ON;\n");
	strbuf_addf(b, "ALTER TABLE %s RENAME TO %s;\n", tmp.buf, name.buf);
	strbuf_addstr(b, "PRAGMA legacy_alter_table = OFF;\n");
	for (ix = t->indexes; ix; ix = ix->next)
		emit_create_index(b, e->d, ix);
	fk_count(b, false, t->obj.text);
	if (e->o.tx == TX_NONE)
		strbuf_addstr(b, "RELEASE retort_rebuild;\n");
	strbuf_release(&tmp);
	strbuf_release(&name);
	strbuf_release(&tmpname);
}

/* A constant SQLite may add to a table with rows: a number, a string,
 * true or false (never NULL-by-default-with-NOT-NULL, never current_*). */
static bool constant_default(const struct ast_node *v)
{
	return v && v->kind == AST_LITERAL &&
	       (v->u.lit.kind == LIT_NUMBER || v->u.lit.kind == LIT_STRING ||
		v->u.lit.kind == LIT_TRUE || v->u.lit.kind == LIT_FALSE);
}

/* Can SQLite's ADD COLUMN take the column c added (with the
 * constraints from c->con on)? */
static bool native_add(const struct schema_change *c)
{
	const struct schema_column *col = c->column;

	if (c->con || col->autoincrement)
		return false;
	if (col->dflt && !constant_default(col->dflt))
		return false;
	return !col->not_null || constant_default(col->dflt);
}

static void alter_prefix(struct emitter *e, const char *table)
{
	strbuf_addstr(&e->body, "ALTER TABLE ");
	emit_ident(&e->body, e->d, table);
	strbuf_addch(&e->body, ' ');
}

static void sqlite_alter(struct emitter *e, const struct schema *model,
			 const struct schema_change *c)
{
	const struct ast_node *s = c->stmt;
	const struct schema_table *t = c->table;

	switch (s->kind) {
	case AST_RENAME_TABLE:
		alter_prefix(e, c->old_text);
		strbuf_addstr(&e->body, "RENAME TO ");
		emit_ident(&e->body, e->d, t->obj.text);
		strbuf_addstr(&e->body, ";\n");
		return;
	case AST_RENAME_COLUMN:
		alter_prefix(e, t->obj.text);
		strbuf_addstr(&e->body, "RENAME COLUMN ");
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, " TO ");
		emit_ident(&e->body, e->d, c->column->text);
		strbuf_addstr(&e->body, ";\n");
		return;
	case AST_DROP_COLUMN:
		/* Natively, unless something went with it. */
		if (c->ngone)
			break;
		alter_prefix(e, t->obj.text);
		strbuf_addstr(&e->body, "DROP COLUMN ");
		emit_ident(&e->body, e->d, c->column->text);
		strbuf_addstr(&e->body, ";\n");
		return;
	case AST_ADD_COLUMN:
		if (!native_add(c))
			break;
		alter_prefix(e, t->obj.text);
		strbuf_addstr(&e->body, "ADD COLUMN ");
		sqlite_coldef(&e->body, e->d, c->column);
		strbuf_addstr(&e->body, ";\n");
		return;
	default:
		break;
	}
	if (!raw_touched(e, model, s))
		rebuild(e, c);
}

static const struct ast_node *stmt_table(const struct ast_node *s)
{
	switch (s->kind) {
	case AST_CREATE_TABLE:
		return s->u.create.table;
	case AST_CREATE_INDEX:
		return s->u.index.table;
	case AST_DROP_INDEX:
		return s->u.drop_index.name;
	case AST_INSERT:
		return s->u.insert.table;
	case AST_RAW_SQL:
		return NULL;
	default:
		return s->u.alter.table;
	}
}

/* SQLite has no schemas (an attached database is no schema). */
static int sqlite_check(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *q = stmt_table(s);

	if (q && q->u.qname.schema) {
		diag_error(ctx, q->span, "sqlite has no schemas: \"%s.%s\" "
			   "cannot be written for it",
			   q->u.qname.schema->u.name.text,
			   q->u.qname.name->u.name.text);
		return 1;
	}
	return 0;
}

/* No DO blocks in SQLite: a CHECK that fails names what was expected. */
static void sqlite_guard(struct emitter *e, struct strbuf *out,
			 const char *const *rows, size_t n)
{
	struct strbuf vt, msg, list;
	size_t i;

	strbuf_init(&vt);
	strbuf_init(&msg);
	strbuf_init(&list);
	emit_ident(&vt, e->d, e->o.version_table);
	strbuf_addf(&msg, "retort: this script expects %s to %s",
		    e->o.version_table, n ? "hold exactly: " : "be empty");
	for (i = 0; i < n; i++) {
		strbuf_addf(&msg, "%s%s", i ? ", " : "", rows[i]);
		strbuf_addf(&list, "%s'%s'", i ? ", " : "", rows[i]);
	}
	strbuf_addstr(out, "CREATE TEMP TABLE retort_guard (ok INTEGER "
		      "CONSTRAINT ");
	strbuf_add_quoted(out, msg.buf, '"');
	strbuf_addstr(out, " CHECK (ok));\n");
	strbuf_addf(out, "INSERT INTO retort_guard SELECT (SELECT count(*) "
		    "FROM %s) = %zu", vt.buf, n);
	if (n)
		strbuf_addf(out, " AND (SELECT count(*) FROM %s WHERE "
			    "version_num IN (%s)) = %zu", vt.buf, list.buf, n);
	strbuf_addstr(out, ";\nDROP TABLE retort_guard;\n");
	strbuf_release(&vt);
	strbuf_release(&msg);
	strbuf_release(&list);
}

const struct dialect_ops emit_sqlite_ops = {
	.coldef = sqlite_coldef,
	.check = sqlite_check,
	.alter = sqlite_alter,
	.guard = sqlite_guard,
};
