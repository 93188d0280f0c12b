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

/* SQLite's keywords (sqlite.org/lang_keywords.html); sorted. */
static const char *const sqlite_keywords[] = {
	"abort", "action", "add", "after", "all", "alter", "always",
	"analyze", "and", "as", "asc", "attach", "autoincrement", "before",
	"begin", "between", "by", "cascade", "case", "cast", "check",
	"collate", "column", "commit", "conflict", "constraint", "create",
	"cross", "current", "current_date", "current_time",
	"current_timestamp", "database", "default", "deferrable", "deferred",
	"delete", "desc", "detach", "distinct", "do", "drop", "each", "else",
	"end", "escape", "except", "exclude", "exclusive", "exists",
	"explain", "fail", "filter", "first", "following", "for", "foreign",
	"from", "full", "generated", "glob", "group", "groups", "having",
	"if", "ignore", "immediate", "in", "index", "indexed", "initially",
	"inner", "insert", "instead", "intersect", "into", "is", "isnull",
	"join", "key", "last", "left", "like", "limit", "match",
	"materialized", "natural", "no", "not", "nothing", "notnull", "null",
	"nulls", "of", "offset", "on", "or", "order", "others", "outer",
	"over", "partition", "plan", "pragma", "preceding", "primary",
	"query", "raise", "range", "recursive", "references", "regexp",
	"reindex", "release", "rename", "replace", "restrict", "returning",
	"right", "rollback", "row", "rows", "savepoint", "select", "set",
	"table", "temp", "temporary", "then", "ties", "to", "transaction",
	"trigger", "unbounded", "union", "unique", "update", "using",
	"vacuum", "values", "view", "virtual", "when", "where", "window",
	"with", "without",
};

static bool sqlite_is_reserved(const char *word)
{
	return emit_word_in(word, sqlite_keywords, ARRAY_SIZE(sqlite_keywords));
}

static void sqlite_type(struct strbuf *out, const struct schema_column *col)
{
	static const char *const names[] = {
		[TYPE_SMALLINT] = "SMALLINT",
		[TYPE_INTEGER] = "INTEGER",
		[TYPE_BIGINT] = "BIGINT",
		[TYPE_BOOLEAN] = "BOOLEAN",
		[TYPE_VARCHAR] = "VARCHAR",
		[TYPE_CHAR] = "CHAR",
		[TYPE_TEXT] = "TEXT",
		[TYPE_NUMERIC] = "NUMERIC",
		[TYPE_REAL] = "REAL",
		[TYPE_DOUBLE] = "REAL",
		[TYPE_DATE] = "DATE",
		[TYPE_TIME] = "TIME",
		[TYPE_TIMESTAMP] = "DATETIME",
		[TYPE_TIMESTAMPTZ] = "DATETIME",
		[TYPE_UUID] = "CHAR(36)",
		[TYPE_JSON] = "JSON",
		[TYPE_BLOB] = "BLOB",
	};
	const struct ast_node *a;

	/* The rowid: exactly INTEGER, whatever integer type was asked for. */
	if (col->autoincrement) {
		strbuf_addstr(out, "INTEGER");
		return;
	}
	if (col->rtype != TYPE_OTHER)
		strbuf_addstr(out, names[col->rtype]);
	else
		strbuf_addstr(out, col->type->u.type.name);
	if (!col->type->u.type.args.n || col->rtype == TYPE_UUID)
		return;
	strbuf_addch(out, '(');
	for (a = col->type->u.type.args.head; a; a = a->next) {
		if (a->kind == AST_NAME)
			strbuf_addstr(out, a->u.name.text);
		else
			emit_value(out, a);
		strbuf_addstr(out, a->next ? ", " : "");
	}
	strbuf_addch(out, ')');
}

static void sqlite_coldef(struct strbuf *out, const struct dialect *d,
			  const struct schema_column *col)
{
	emit_ident(out, d, col->text);
	strbuf_addch(out, ' ');
	sqlite_type(out, col);
	if (col->not_null)
		strbuf_addstr(out, " NOT NULL");
	if (col->dflt) {
		strbuf_addstr(out, " DEFAULT ");
		emit_value(out, col->dflt);
	}
}

/* The columns of a table before a change, by identity: the model alters
 * column objects in place, so a pointer finds a column's old name. */
struct old_table {
	struct schema_column **cols;
	const char **names;
	size_t n;
	const struct schema_con *last_con;
};

static void snapshot(struct emitter *e, const struct schema_table *t,
		     struct old_table *old)
{
	size_t i;

	old->n = t->ncols;
	old->cols = arena_alloc(&e->ctx->arena, (t->ncols + 1) *
				sizeof(*old->cols));
	old->names = arena_alloc(&e->ctx->arena, (t->ncols + 1) *
				 sizeof(*old->names));
	for (i = 0; i < t->ncols; i++) {
		old->cols[i] = t->cols[i];
		old->names[i] = t->cols[i]->text;
	}
	old->last_con = t->cons_tail;
}

static const char *old_name(const struct old_table *old,
			    const struct schema_column *col)
{
	size_t i;

	for (i = 0; i < old->n; i++) {
		if (old->cols[i] == col)
			return old->names[i];
	}
	return NULL;
}

/* Rebuilding a table that raw SQL may have changed would lose what it
 * did (a trigger, an index, a column the model does not know). */
static bool raw_touched(struct emitter *e, const struct ast_node *s)
{
	const struct ast_node *raw = schema_raw_ddl(e->model);

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
 * The table rebuild, after s has been applied to the model (t is the new
 * shape): new table under a temporary name, rows copied column by column
 * from the old names, old table dropped, new one renamed (with
 * legacy_alter_table, so views naming the table do not break the
 * rename), indexes recreated, and the foreign keys checked: a rebuild
 * that adds violations fails the transaction.
 */
static void rebuild(struct emitter *e, const struct ast_node *s,
		    struct schema_table *t, const struct old_table *old,
		    const char *old_table_name)
{
	struct strbuf *b = &e->body, tmp, from;
	const char *tmpname = arena_printf(&e->ctx->arena, "_retort_new_%s",
					   t->obj.text);
	const struct schema_index *ix;
	size_t i;
	bool first = true;

	e->needs_fk_off = true;
	strbuf_init(&tmp);
	strbuf_init(&from);
	emit_ident(&tmp, e->d, tmpname);
	emit_ident(&from, e->d, old_table_name);
	strbuf_addf(b, "-- rebuild %s (SQLite cannot alter it in place)\n",
		    from.buf);
	if (e->o->tx == TX_NONE)
		strbuf_addstr(b, "SAVEPOINT retort_rebuild;\n");
	fk_count(b, true, NULL);
	emit_create_table(b, e->d, t, tmpname, sqlite_coldef);
	strbuf_addf(b, "INSERT INTO %s (", tmp.buf);
	for (i = 0; i < t->ncols; i++) {
		if (!old_name(old, t->cols[i]))
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		emit_ident(b, e->d, t->cols[i]->text);
		first = false;
	}
	strbuf_addstr(b, ")\n    SELECT ");
	first = true;
	for (i = 0; i < t->ncols; i++) {
		const char *was = old_name(old, t->cols[i]);

		if (!was)
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		if (s->kind == AST_ALTER_TYPE && s->u.alter.expr &&
		    schema_column(t, s->u.alter.column->u.name.key) == t->cols[i])
			strbuf_addf(b, "(%s)", s->u.alter.expr->u.expr.text);
		else
			emit_ident(b, e->d, was);
		first = false;
	}
	strbuf_addf(b, " FROM %s;\n", from.buf);
	strbuf_addf(b, "DROP TABLE %s;\n", from.buf);
	strbuf_addstr(b, "PRAGMA legacy_alter_table = ON;\n");
	strbuf_addf(b, "ALTER TABLE %s RENAME TO ", tmp.buf);
	emit_ident(b, e->d, t->obj.text);
	strbuf_addstr(b, ";\nPRAGMA legacy_alter_table = OFF;\n");
	for (ix = t->indexes; ix; ix = ix->next)
		emit_create_index(b, e->d, ix);
	fk_count(b, false, t->obj.text);
	if (e->o->tx == TX_NONE)
		strbuf_addstr(b, "RELEASE retort_rebuild;\n");
	strbuf_release(&tmp);
	strbuf_release(&from);
}

/* A constant SQLite may add to a table with rows: a number, a string,
 * true or false (never NULL-by-default-with-NOT-NULL, never current_*). */
static bool constant_default(const struct ast_node *v)
{
	return v && v->kind == AST_LITERAL &&
	       (v->u.lit.kind == LIT_NUMBER || v->u.lit.kind == LIT_STRING ||
		v->u.lit.kind == LIT_TRUE || v->u.lit.kind == LIT_FALSE);
}

/* After the model added column c (with constraints after last): can
 * SQLite's ADD COLUMN take it? */
static bool native_add(const struct schema_table *t,
		       const struct schema_column *c,
		       const struct schema_con *last)
{
	const struct schema_con *added = last ? last->next : t->cons;

	if (added || c->autoincrement)
		return false;
	if (c->dflt && !constant_default(c->dflt))
		return false;
	return !c->not_null || constant_default(c->dflt);
}

static void alter_prefix(struct emitter *e, const char *table)
{
	strbuf_addstr(&e->body, "ALTER TABLE ");
	emit_ident(&e->body, e->d, table);
	strbuf_addch(&e->body, ' ');
}

static void sqlite_alter(struct emitter *e, const struct ast_node *s)
{
	struct schema_table *t = schema_table_named(e->model, s->u.alter.table);
	const char *name = t->obj.text;
	struct schema_column *col = s->u.alter.column ?
		schema_column(t, s->u.alter.column->u.name.key) : NULL;
	struct old_table old;

	switch (s->kind) {
	case AST_RENAME_TABLE:
		alter_prefix(e, name);
		strbuf_addstr(&e->body, "RENAME TO ");
		emit_ident(&e->body, e->d, s->u.alter.name->u.name.text);
		strbuf_addstr(&e->body, ";\n");
		emit_apply(e, s);
		return;
	case AST_RENAME_COLUMN:
		alter_prefix(e, name);
		strbuf_addstr(&e->body, "RENAME COLUMN ");
		emit_ident(&e->body, e->d, col->text);
		strbuf_addstr(&e->body, " TO ");
		emit_ident(&e->body, e->d, s->u.alter.name->u.name.text);
		strbuf_addstr(&e->body, ";\n");
		emit_apply(e, s);
		return;
	case AST_DROP_COLUMN:
		if (col->uses == 0) {
			alter_prefix(e, name);
			strbuf_addstr(&e->body, "DROP COLUMN ");
			emit_ident(&e->body, e->d, col->text);
			strbuf_addstr(&e->body, ";\n");
			emit_apply(e, s);
			return;
		}
		break;
	default:
		break;
	}
	snapshot(e, t, &old);
	emit_apply(e, s);
	if (s->kind == AST_ADD_COLUMN &&
	    native_add(t, t->cols[t->ncols - 1], old.last_con)) {
		alter_prefix(e, name);
		strbuf_addstr(&e->body, "ADD COLUMN ");
		sqlite_coldef(&e->body, e->d, t->cols[t->ncols - 1]);
		strbuf_addstr(&e->body, ";\n");
		return;
	}
	if (!raw_touched(e, s))
		rebuild(e, s, t, &old, name);
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
	emit_ident(&vt, e->d, e->o->version_table);
	strbuf_addf(&msg, "retort: this script expects %s to %s",
		    e->o->version_table, n ? "hold exactly: " : "be empty");
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

const struct dialect dialect_sqlite = {
	.name = "sqlite",
	.bit = DIALECT_SQLITE,
	.run_with = "sqlite3 -bail DATABASE < THIS_FILE",
	.begin = "BEGIN IMMEDIATE;",
	.reserved = sqlite_is_reserved,
	.coldef = sqlite_coldef,
	.check = sqlite_check,
	.alter = sqlite_alter,
	.after_insert = NULL,
	.guard = sqlite_guard,
	.guard_needs_tx = true,
	.alter_add_fk = false,
};
