/*
 * emit_sqlite.c: the SQLite dialect.  What SQLite's ALTER TABLE accepts
 * is written natively; every other change becomes SQLite's own table
 * rebuild ("Making Other Kinds Of Table Schema Changes"), computed from
 * the model: no live database needed, no row, index or constraint lost.
 * The changes a revision makes to one table one after another are one
 * rebuild: the rows are copied once.
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

/* An enum column: TEXT that takes its type's labels (or NULL). */
static void enum_check(struct strbuf *out, const struct dialect *d,
		       const struct schema_column *col)
{
	size_t i;

	if (!col->enum_key)
		return;
	strbuf_addstr(out, " CHECK (");
	emit_ident(out, d, col->text);
	strbuf_addstr(out, " IN (");
	for (i = 0; i < col->enum_nlabels; i++) {
		strbuf_addstr(out, i ? ", " : "");
		emit_string(out, col->enum_labels[i]);
	}
	strbuf_addstr(out, "))");
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
		emit_value(out, d, col->dflt);
	}
	enum_check(out, d, col);
}

/* Rebuilding a table that raw SQL may have changed would lose what it
 * did (a trigger, an index, a column the model does not know). */
static bool raw_touched(struct emitter *e, const struct schema *model,
			const struct schema_table *t, const struct ast_node *s)
{
	const struct ast_node *raw = schema_raw_ddl(model, t);

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
 * A rebuild held back while the next statements of the step change the
 * same table (the emitter's dstate): the table's columns when the first
 * of them ran, by identity, with their names then and a type change's
 * USING expression, so the rows are copied once, from the old table,
 * into the shape the last of them leaves.
 */
struct fold {
	const struct schema_table *t;	/* NULL: nothing held */
	char *from;			/* the table's name then */
	size_t n, cap;
	const struct schema_column **cols;
	char **names;
	const struct ast_node **using;	/* the SELECT's expression, or NULL */
};

static struct fold *fold_of(struct emitter *e)
{
	if (!e->dstate)
		e->dstate = xcalloc(1, sizeof(struct fold));
	return e->dstate;
}

static void fold_clear(struct fold *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->from);
	f->from = NULL;
	f->n = 0;
	f->t = NULL;
}

static void sqlite_free(struct emitter *e)
{
	struct fold *f = e->dstate;

	if (!f)
		return;
	fold_clear(f);
	free(f->cols);
	free(f->names);
	free(f->using);
}

/* Start holding a rebuild of c->table: its columns before c->stmt are
 * those it has now but the one the statement added (a dropped one is
 * not copied anyway; no statement that rebuilds renames). */
static void fold_start(struct emitter *e, const struct schema_change *c)
{
	struct fold *f = fold_of(e);
	const struct schema_table *t = c->table;
	const struct ast_node *s = c->stmt;
	size_t i;

	f->t = t;
	f->from = xstrdup(t->obj.text);
	if (t->ncols > f->cap) {
		f->cap = t->ncols;
		f->cols = xrealloc(f->cols, f->cap * sizeof(*f->cols));
		f->names = xrealloc(f->names, f->cap * sizeof(*f->names));
		f->using = xrealloc(f->using, f->cap * sizeof(*f->using));
	}
	f->n = 0;
	for (i = 0; i < t->ncols; i++) {
		if (s->kind == AST_ADD_COLUMN && t->cols[i] == c->column)
			continue;
		f->cols[f->n] = t->cols[i];
		f->names[f->n] = xstrdup(t->cols[i]->text);
		f->using[f->n] = s->kind == AST_ALTER_TYPE &&
				 c->column == t->cols[i] ? s->u.alter.expr : NULL;
		f->n++;
	}
}

/* Where column col of the new table comes from, or -1: a new column. */
static long fold_source(const struct fold *f, const struct schema_column *col)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->cols[i] == col)
			return (long)i;
	}
	return -1;
}

/*
 * The rebuild of what f holds, into the shape its table has now: new
 * table under a temporary name, rows copied column by column from the
 * old names, old table dropped, new one renamed (with
 * legacy_alter_table, so views naming the table do not break the
 * rename), indexes recreated, and the foreign keys checked: a rebuild
 * that adds violations fails the transaction.
 */
static void rebuild(struct emitter *e, struct fold *f)
{
	const struct schema_table *t = f->t;
	struct strbuf *b = &e->body, tmp, name, from, tmpname;
	const struct schema_index *ix;
	size_t i;
	long k;
	bool first = true;

	e->needs_fk_off = true;
	strbuf_init(&tmp);
	strbuf_init(&name);
	strbuf_init(&from);
	strbuf_init(&tmpname);
	strbuf_addf(&tmpname, "_retort_new_%s", t->obj.text);
	emit_ident(&tmp, e->d, tmpname.buf);
	emit_ident(&name, e->d, t->obj.text);
	emit_ident(&from, e->d, f->from);
	strbuf_addf(b, "-- rebuild %s (SQLite cannot alter it in place)\n",
		    from.buf);
	/* Outside a transaction (--no-transaction, or a revision that is
	 * not transactional), a savepoint makes the rebuild whole or
	 * nothing: a failed one leaves no _retort_new_ table behind. */
	if (!emit_in_tx(e))
		strbuf_addstr(b, "SAVEPOINT retort_rebuild;\n");
	fk_count(b, true, NULL);
	emit_create_table(b, e->d, t, tmpname.buf, true);
	strbuf_addf(b, "INSERT INTO %s (", tmp.buf);
	for (i = 0; i < t->ncols; i++) {
		if (fold_source(f, t->cols[i]) < 0)
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		emit_ident(b, e->d, t->cols[i]->text);
		first = false;
	}
	strbuf_addstr(b, ")\n    SELECT ");
	first = true;
	for (i = 0; i < t->ncols; i++) {
		if ((k = fold_source(f, t->cols[i])) < 0)
			continue;
		strbuf_addstr(b, first ? "" : ", ");
		if (f->using[k])
			strbuf_addf(b, "(%s)", f->using[k]->u.expr.text);
		else
			emit_ident(b, e->d, f->names[k]);
		first = false;
	}
	strbuf_addf(b, " FROM %s;\n", from.buf);
	strbuf_addf(b, "DROP TABLE %s;\n", from.buf);
	strbuf_addstr(b, "PRAGMA legacy_alter_table = ON;\n");
	strbuf_addf(b, "ALTER TABLE %s RENAME TO %s;\n", tmp.buf, name.buf);
	strbuf_addstr(b, "PRAGMA legacy_alter_table = OFF;\n");
	for (ix = t->indexes; ix; ix = ix->next)
		emit_create_index(b, e->d, ix);
	fk_count(b, false, t->obj.text);
	if (!emit_in_tx(e))
		strbuf_addstr(b, "RELEASE retort_rebuild;\n");
	strbuf_release(&tmp);
	strbuf_release(&name);
	strbuf_release(&from);
	strbuf_release(&tmpname);
	fold_clear(f);
}

/*
 * Would statement s, met next, join a rebuild of t held back?  Every
 * change to t's columns, constraints and indexes would: the rebuild
 * writes the table as the last of them leaves it.  Not a rename of the
 * table (written natively), nor a type change with USING (its
 * expression is over the columns as they are when it runs, and the rows
 * are copied from the old table), nor anything else.
 */
static bool joins(const struct schema *model, const struct ast_node *s,
		  const struct schema_table *t)
{
	const struct schema_index *ix;

	if (ast_guarded(s))	/* it may do nothing: written on its own */
		return false;
	switch (s->kind) {
	case AST_CREATE_INDEX:
		return schema_table_named(model, s->u.index.table) == t;
	case AST_DROP_INDEX:
		ix = schema_index_named(model, s->u.drop_index.name);
		return ix && ix->table == t;
	case AST_RENAME_INDEX:
		ix = schema_index_named(model, s->u.rename_index.name);
		return ix && ix->table == t;
	case AST_ADD_COLUMN:
	case AST_DROP_COLUMN:
	case AST_RENAME_COLUMN:
	case AST_SET_NOT_NULL:
	case AST_DROP_NOT_NULL:
	case AST_SET_DEFAULT:
	case AST_DROP_DEFAULT:
	case AST_ADD_CONSTRAINT:
	case AST_DROP_CONSTRAINT:
	case AST_RENAME_CONSTRAINT:
		return schema_table_named(model, s->u.alter.table) == t;
	case AST_ALTER_TYPE:
		return !s->u.alter.expr &&
		       schema_table_named(model, s->u.alter.table) == t;
	default:
		return false;
	}
}

/* After a statement that a held rebuild took: hold on if the next one
 * joins it, else write the rebuild now. */
static void hold_or_write(struct emitter *e, const struct schema *model,
			  const struct schema_change *c)
{
	struct fold *f = e->dstate;
	const struct ast_node *next = c->stmt->next;

	if (next && joins(model, next, f->t))
		return;
	rebuild(e, f);
}

/* emit.c asks first: does a held rebuild take this statement? */
static bool sqlite_hold(struct emitter *e, const struct schema *model,
			const struct schema_change *c)
{
	struct fold *f = e->dstate;

	if (!f || !f->t)
		return false;
	hold_or_write(e, model, c);
	return true;
}

/* At the end of a step nothing is held (hold_or_write saw no next
 * statement); a block cut short by an error leaves it to be dropped. */
static void sqlite_step_end(struct emitter *e)
{
	struct fold *f = e->dstate;

	if (f && f->t)
		fold_clear(f);
}

/* A constant SQLite may add to a table with rows: a number, a string,
 * true or false (never NULL-by-default-with-NOT-NULL, never current_*). */
static bool constant_default(const struct ast_node *v)
{
	return v && v->kind == AST_LITERAL &&
	       (v->u.lit.kind == LIT_NUMBER || v->u.lit.kind == LIT_STRING ||
		v->u.lit.kind == LIT_TRUE || v->u.lit.kind == LIT_FALSE);
}

static bool null_default(const struct ast_node *v)
{
	return !v || (v->kind == AST_LITERAL && v->u.lit.kind == LIT_NULL);
}

/*
 * Can SQLite's ADD COLUMN take the column c added, with the constraints
 * from c->con on?  Not a primary key, unique or autoincrement column; a
 * constant default; NOT NULL only with a constant non-NULL default; a
 * check; a reference only on a nullable column whose default is NULL
 * (SQLite refuses any other where foreign keys are on).
 */
static bool native_add(const struct schema_change *c)
{
	const struct schema_column *col = c->column;
	const struct schema_con *k;

	for (k = c->con; k; k = k->next) {
		if (k->kind == CON_FOREIGN_KEY && null_default(col->dflt) &&
		    !col->not_null && k->ncols == 1)
			continue;
		if (k->kind == CON_CHECK)
			continue;
		return false;
	}
	if (col->autoincrement)
		return false;
	if (!null_default(col->dflt) && !constant_default(col->dflt))
		return false;
	return !col->not_null || constant_default(col->dflt);
}

/* " CONSTRAINT name REFERENCES t (c) ..." or " CONSTRAINT name CHECK
 * (...)": a column's own constraint, as ADD COLUMN takes it. */
static void column_constraint(struct strbuf *out, const struct dialect *d,
			      const struct schema_con *k)
{
	strbuf_addstr(out, " CONSTRAINT ");
	emit_ident(out, d, k->obj.text);
	if (k->kind == CON_CHECK) {
		strbuf_addf(out, " CHECK (%s)", k->check->u.expr.text);
		return;
	}
	emit_references(out, d, k);
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
	const struct schema_con *k;

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
		for (k = c->con; k; k = k->next)
			column_constraint(&e->body, e->d, k);
		strbuf_addstr(&e->body, ";\n");
		return;
	default:
		break;
	}
	if (raw_touched(e, model, t, s))
		return;
	fold_start(e, c);
	hold_or_write(e, model, c);
}

/*
 * Enum types: SQLite has none, so a column of one is TEXT with a CHECK
 * of its labels.  create and drop type leave a note; add value and
 * rename value rebuild every table with a column of the type, so the
 * CHECK takes the new labels; rename value first moves the rows to the
 * new label, with the CHECKs off for that UPDATE (the old CHECK does
 * not take the new label yet; the rebuild checks every row again).
 */
static void sqlite_etype(struct emitter *e, const struct schema *model,
			 const struct schema_change *c)
{
	const struct ast_node *s = c->stmt;
	struct schema_column **cols;
	size_t n, i, j;

	if (s->kind == AST_CREATE_TYPE || s->kind == AST_DROP_TYPE) {
		emit_enum_note(e, c, "a column of one is TEXT with a CHECK "
			       "of its labels");
		return;
	}
	n = schema_enum_columns(e->ctx, model, c->etype->key, &cols);
	emit_enum_note(e, c, n ? "the tables with a column of it are "
		       "rebuilt with the new CHECK" : "no column has it");
	for (i = 0; i < n; i++) {
		if (raw_touched(e, model, cols[i]->table, s))
			return;
	}
	if (s->kind == AST_RENAME_VALUE && n) {
		strbuf_addstr(&e->body, "PRAGMA ignore_check_constraints = ON;\n");
		for (i = 0; i < n; i++)
			emit_relabel(e, cols[i], c->old_text,
				     s->u.etype.to->u.lit.text);
		strbuf_addstr(&e->body, "PRAGMA ignore_check_constraints = OFF;\n");
	}
	/* One rebuild per table, however many of its columns have it. */
	for (i = 0; i < n; i++) {
		struct schema_change one;

		for (j = 0; j < i && cols[j]->table != cols[i]->table; j++)
			;
		if (j < i)
			continue;
		memset(&one, 0, sizeof(one));
		one.stmt = s;
		one.table = cols[i]->table;
		fold_start(e, &one);
		rebuild(e, fold_of(e));
	}
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

/* alter index: SQLite has none; the index is dropped and made again
 * from the model under its new name. */
static bool sqlite_write(struct emitter *e, const struct schema *s,
			 const struct schema_change *c)
{
	(void)s;
	if (c->stmt->kind != AST_RENAME_INDEX)
		return false;
	strbuf_addstr(&e->body, "DROP INDEX ");
	emit_ident(&e->body, e->d, c->old_text);
	strbuf_addstr(&e->body, ";\n");
	emit_create_index(&e->body, e->d, c->index);
	return true;
}

/* SQLite's ALTER TABLE has no IF [NOT] EXISTS for a column. */
static int sqlite_check(struct rt_ctx *ctx, const struct ast_node *s)
{
	if ((s->kind != AST_ADD_COLUMN && s->kind != AST_DROP_COLUMN) ||
	    !ast_guarded(s))
		return 0;
	diag_error(ctx, s->span, "%s column if %sexists cannot be written for "
		   "sqlite: its ALTER TABLE cannot test for a column; write "
		   "the plain statement (the model knows the column)",
		   s->kind == AST_ADD_COLUMN ? "add" : "drop",
		   s->kind == AST_ADD_COLUMN ? "not " : "");
	return 1;
}

const struct dialect_ops emit_sqlite_ops = {
	.coldef = sqlite_coldef,
	.check = sqlite_check,
	.hold = sqlite_hold,
	.write = sqlite_write,
	.alter = sqlite_alter,
	.step_end = sqlite_step_end,
	.free = sqlite_free,
	.guard = sqlite_guard,
	.etype = sqlite_etype,
};
