/*
 * lint.c: check's lints (lint.h): a watcher of the replay that checks
 * the project, raising each lint at its statement unless a comment or
 * retort.ini turns it off.  The static inverse check (R111) compares the
 * tables a revision names before its up block with the same tables
 * after its up and down blocks.
 */
#include "lint.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "dialect.h"
#include "graph.h"
#include "locks.h"
#include "ptrmap.h"
#include "rt.h"
#include "schema.h"
#include "strbuf.h"
#include "types.h"
#include "util.h"

static const struct lint_rule rules[NLINTS] = {
	[LINT_DESTRUCTIVE] = { "R101", "destructive-change",
		"an up block drops a table or a column that holds data",
		"the rows or values are gone, and the down block cannot bring "
		"them back; keep the data (rename it, copy it first) or mark "
		"the drop as meant", false },
	[LINT_NOT_NULL_NO_DEFAULT] = { "R102", "not-null-without-default",
		"a not null column without a default is added to a table "
		"that existed before the revision",
		"the statement fails on a table that has rows; give the column "
		"a default, or add it nullable, fill it, then set not null",
		false },
	[LINT_NARROWING] = { "R103", "type-narrowing",
		"a column's type is narrowed (a shorter varchar, a smaller "
		"integer, less numeric precision or scale)",
		"values that do not fit make the migration fail or are cut; "
		"check the data first, or keep the wider type", false },
	[LINT_IRREVERSIBLE] = { "R104", "irreversible-revision",
		"a revision has no down block",
		"no downgrade can pass it; write the down block, or 'down { }' "
		"when there is nothing to undo", false },
	[LINT_RAW_DDL] = { "R105", "raw-ddl",
		"raw SQL holds DDL that the schema model cannot follow",
		"retort checks statements and rebuilds SQLite tables from its "
		"model, which does not see this change; write it in the "
		"language where it can", false },
	[LINT_ID_PREFIX] = { "R106", "revision-id-prefix",
		"a revision id is a prefix of another",
		"the shorter id as a target means its own revision, so a "
		"prefix meant for the longer one is taken for it; give ids "
		"that are no prefix of each other", false },
	[LINT_REWRITE] = { "R107", "table-rewrite",
		"a change makes the database rewrite a table that existed "
		"before the revision",
		"the table is locked (ACCESS EXCLUSIVE) while every row is "
		"copied and every index rebuilt; add a new column and fill it "
		"in batches instead", true },
	[LINT_INDEX_LOCK] = { "R108", "index-without-concurrently",
		"an index is built on a table that existed before the "
		"revision, without CONCURRENTLY",
		"writes to the table wait (SHARE lock) until the index is "
		"built; CREATE INDEX CONCURRENTLY, in a revision with "
		"'transactional false', lets them go on", true },
	[LINT_CONSTRAINT_SCAN] = { "R109", "constraint-without-not-valid",
		"a foreign key or check constraint is added to a table that "
		"existed before the revision, validated at once",
		"every row is checked under the statement's lock; add it NOT "
		"VALID, then VALIDATE CONSTRAINT in a later transaction (SHARE "
		"UPDATE EXCLUSIVE: writes go on)", true },
	[LINT_SET_NOT_NULL_SCAN] = { "R110", "set-not-null-scan",
		"set not null on a table that existed before the revision, "
		"without a check that proves it",
		"every row is read under ACCESS EXCLUSIVE; a valid check "
		"(COLUMN is not null) added in an earlier revision lets the "
		"database skip the scan", true },
	[LINT_DOWN_NOT_INVERSE] = { "R111", "down-does-not-undo-up",
		"a down block does not put back the schema its up block "
		"changed",
		"a downgrade must leave what the upgrade found; make down undo "
		"exactly what up does (what is left over, missing or "
		"different is named)", false },
};

const struct lint_rule *lint_rule(enum lint_id id)
{
	return &rules[id];
}

int lint_find(const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < NLINTS; i++) {
		if (ascii_eq_nocase(code, len, rules[i].code))
			return (int)i;
	}
	return -1;
}

/*
 * One thing the inverse check compares, by name, as it was before the up
 * block: a whole table (one the revision creates, drops or renames), or
 * a column, constraint or index a statement names or makes.  What no
 * statement names cannot change, so the cost is the revision's.
 */
enum snap_kind { SNAP_TABLE, SNAP_COLUMN, SNAP_OBJECT };

struct snap {
	enum snap_kind kind;
	const char *schema;	/* folded SQL schema, or NULL */
	const char *table;	/* folded table name (not for SNAP_OBJECT) */
	const char *key;	/* folded column, constraint or index name */
	const char *label;	/* the table's name, for messages */
	char *before;		/* its lines then, or NULL: there was none */
};

struct lint {
	struct rt_ctx *ctx;
	struct graph *g;
	lint_set off;
	const struct dialect *locks;	/* a dialect with a lock table */
	struct schema_watch watch;
	struct schema_observer obs;
	const struct schema_watch *inner;
	size_t rev;			/* the revision replayed */
	bool down;			/* its down block is */
	struct ptrmap created;		/* tables its up block created */
	struct ptrmap prefix;		/* rev -> a rev its id prefixes */
	bool noted[NLINTS];		/* the rationale was shown */
	struct snap *snaps;		/* what the revision touches */
	size_t nsnaps, capsnaps;
	unsigned errors;		/* before its down block */
};

/* Suppression */

/* Does text[from, to) hold "retort: ignore" with this code after a
 * comment start on its line? */
static bool ignores(const char *text, size_t from, size_t to,
		    const char *code)
{
	static const char mark[] = "retort:";
	size_t i;

	for (i = from; i + sizeof(mark) - 1 <= to; i++) {
		size_t j = i + sizeof(mark) - 1, k, n;
		bool comment = false;

		if (memcmp(text + i, mark, sizeof(mark) - 1) != 0)
			continue;
		for (k = i; k > from && text[k - 1] != '\n'; k--) {
			if ((text[k - 1] == '-' && k - 1 > from &&
			     text[k - 2] == '-') || text[k - 1] == '#' ||
			    (text[k - 1] == '*' && k - 1 > from &&
			     text[k - 2] == '/'))
				comment = true;
		}
		while (j < to && text[j] == ' ')
			j++;
		if (!comment || to - j < 6 || memcmp(text + j, "ignore", 6))
			continue;
		for (j += 6; j < to && text[j] != '\n';) {
			while (j < to && (text[j] == ' ' || text[j] == ',' ||
					  text[j] == '\t'))
				j++;
			for (n = 0; j + n < to && ascii_isword(text[j + n]); n++)
				;
			if (n && ascii_eq_nocase(text + j, n, code))
				return true;
			if (n == 0)
				break;
			j += n;
		}
	}
	return false;
}

/* Is the line [s, e) only a comment (after blanks)? */
static bool comment_line(const char *text, size_t s, size_t e)
{
	while (s < e && (text[s] == ' ' || text[s] == '\t'))
		s++;
	return (e - s >= 2 && text[s] == '-' && text[s + 1] == '-') ||
	       (s < e && text[s] == '#') ||
	       (e - s >= 2 && text[s] == '/' && text[s + 1] == '*');
}

/* "-- retort: ignore CODE" on the lines of span, or on the comment
 * lines just above them. */
static bool suppressed(struct rt_ctx *ctx, struct src_span at,
		       const char *code)
{
	const struct src_file *f;
	size_t s, e;

	if (at.file == SRC_NONE)
		return false;
	f = src_get(ctx, at.file);
	for (s = at.start; s > 0 && f->data[s - 1] != '\n'; s--)
		;
	for (e = at.end; e < f->len && f->data[e] != '\n'; e++)
		;
	if (ignores(f->data, s, e, code))
		return true;
	while (s > 0) {
		size_t ls = s - 1;

		while (ls > 0 && f->data[ls - 1] != '\n')
			ls--;
		if (!comment_line(f->data, ls, s - 1))
			return false;
		if (ignores(f->data, ls, s - 1, code))
			return true;
		s = ls;
	}
	return false;
}

/* Raising */

static bool on(const struct lint *l, enum lint_id id)
{
	return !(l->off & ((lint_set)1 << id)) &&
	       (!rules[id].locking || l->locks);
}

static bool raise(struct lint *l, enum lint_id id, struct src_span at,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The warning, and the first time its code fires, its rationale. */
static bool raise(struct lint *l, enum lint_id id, struct src_span at,
		  const char *fmt, ...)
{
	struct strbuf msg;
	va_list ap;

	if (!on(l, id) || suppressed(l->ctx, at, rules[id].code))
		return false;
	strbuf_init(&msg);
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_lint(l->ctx, at, rules[id].code, "%s", msg.buf);
	strbuf_release(&msg);
	if (!l->noted[id]) {
		l->noted[id] = true;
		diag_note(l->ctx, at, "%s: %s; to accept it, write "
			  "\"-- retort: ignore %s\" on or above that line",
			  rules[id].code, rules[id].rationale, rules[id].code);
	}
	return true;
}

/* Types */



/* The width of a string type in characters; LONG_MAX: unbounded. */
static long str_width(enum rt_type t, const struct ast_node *type)
{
	long n = type_arg(type, 0);

	switch (t) {
	case TYPE_TEXT:
		return LONG_MAX;
	case TYPE_VARCHAR:
		return n < 0 ? LONG_MAX : n;
	case TYPE_CHAR:
		return n < 0 ? 1 : n;
	default:
		return -1;
	}
}

static int int_rank(enum rt_type t)
{
	return t == TYPE_SMALLINT ? 1 : t == TYPE_INTEGER ? 2 :
	       t == TYPE_BIGINT ? 3 : 0;
}

/* Can values of type from not fit in type to? */
static bool narrows(const struct ast_node *from, const struct ast_node *to)
{
	enum rt_type a = type_of_node(from), b = type_of_node(to);
	long p0, s0, p1, s1;

	/* Arrays narrow as their elements do (the arguments are the
	 * elements'). */
	if (a == TYPE_ARRAY && b == TYPE_ARRAY) {
		a = type_elem(from);
		b = type_elem(to);
	}
	if (int_rank(a) && int_rank(b))
		return int_rank(b) < int_rank(a);
	if (str_width(a, from) >= 0 && str_width(b, to) >= 0)
		return str_width(b, to) < str_width(a, from);
	if (a == TYPE_NUMERIC && b == TYPE_NUMERIC) {
		p0 = type_arg(from, 0);
		p1 = type_arg(to, 0);
		s0 = type_arg(from, 1) < 0 ? 0 : type_arg(from, 1);
		s1 = type_arg(to, 1) < 0 ? 0 : type_arg(to, 1);
		if (p1 < 0)
			return false;
		return p0 < 0 || p1 - s1 < p0 - s0 || s1 < s0;
	}
	if (a == TYPE_DOUBLE && b == TYPE_REAL)
		return true;
	/* A fraction that an integer cannot hold. */
	return (a == TYPE_NUMERIC || a == TYPE_REAL || a == TYPE_DOUBLE) &&
	       int_rank(b);
}

/* "varchar(100)" for messages, in the arena. */
static const char *type_text(struct rt_ctx *ctx, const struct ast_node *type)
{
	const struct type_info *ti = type_lookup(type->u.type.name);
	const struct ast_node *a;
	struct strbuf sb;
	const char *s;
	unsigned i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, ti ? ti->canonical : type->u.type.name);
	for (a = type->u.type.args.head; a; a = a->next) {
		strbuf_addstr(&sb, a == type->u.type.args.head ? "(" : ", ");
		strbuf_addstr(&sb, a->kind == AST_NAME ? a->u.name.text
			      : a->u.lit.text ? a->u.lit.text : "?");
	}
	if (type->u.type.args.head)
		strbuf_addch(&sb, ')');
	for (i = 0; i < type->u.type.dims; i++)
		strbuf_addstr(&sb, "[]");
	s = arena_strndup(&ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

/* Statement lints */

/* Did the table exist before this revision? */
static bool existed(const struct lint *l, const struct schema_table *t)
{
	return t && !ptrmap_get(&l->created, t);
}

static const char *label(struct lint *l, const struct schema_table *t)
{
	if (!t->obj.schema_text)
		return t->obj.text;
	return arena_printf(&l->ctx->arena, "%s.%s", t->obj.schema_text,
			    t->obj.text);
}

static void lint_alter_type(struct lint *l, const struct schema *s,
			    const struct schema_change *c)
{
	const struct ast_node *st = c->stmt;
	const struct schema_column *col = c->column;
	struct lock_effect e;

	if (narrows(c->old_type, col->type))
		raise(l, LINT_NARROWING, st->span, "column \"%s\" of table "
		      "\"%s\" is narrowed from %s to %s", col->text,
		      label(l, c->table), type_text(l->ctx, c->old_type),
		      type_text(l->ctx, col->type));
	if (!l->locks)
		return;
	l->locks->locks(s, c, &e);
	if (e.rewrites)
		raise(l, LINT_REWRITE, st->span, "%s rewrites table \"%s\" to "
		      "change column \"%s\" from %s to %s", l->locks->name,
		      label(l, c->table), col->text,
		      type_text(l->ctx, c->old_type),
		      type_text(l->ctx, col->type));
}

static void lint_add_column(struct lint *l, const struct schema *s,
			    const struct schema_change *c)
{
	const struct schema_column *col = c->column;
	struct lock_effect e;

	if (col->not_null && !col->dflt && !col->autoincrement)
		raise(l, LINT_NOT_NULL_NO_DEFAULT, c->stmt->span, "not null "
		      "column \"%s\" without a default is added to table "
		      "\"%s\", which fails if it has rows", col->text,
		      label(l, c->table));
	if (!l->locks)
		return;
	l->locks->locks(s, c, &e);
	if (e.rewrites)
		raise(l, LINT_REWRITE, c->stmt->span, "%s rewrites table "
		      "\"%s\" to add column \"%s\" (%s)", l->locks->name,
		      label(l, c->table), col->text, col->autoincrement ?
		      "an identity fills every row" : "a volatile default is "
		      "computed for every row");
}

static void lint_add_constraint(struct lint *l, const struct schema_change *c)
{
	const struct schema_con *k;

	for (k = c->con; k; k = k->next) {
		if (k->kind == CON_FOREIGN_KEY)
			raise(l, LINT_CONSTRAINT_SCAN, k->node->span, "foreign "
			      "key \"%s\" is validated on all of table \"%s\" "
			      "while it and table \"%s\" are locked (SHARE ROW "
			      "EXCLUSIVE)", k->obj.text, label(l, c->table),
			      label(l, k->ref));
		else if (k->kind == CON_CHECK)
			raise(l, LINT_CONSTRAINT_SCAN, k->node->span, "check "
			      "constraint \"%s\" is validated on all of table "
			      "\"%s\" while it is locked (ACCESS EXCLUSIVE)",
			      k->obj.text, label(l, c->table));
	}
}

/* What an up block's statement risks, on a table that existed before
 * the revision. */
static void lint_stmt(struct lint *l, const struct schema *s,
		      const struct schema_change *c)
{
	const struct ast_node *st = c->stmt;
	struct lock_effect e;

	switch (st->kind) {
	case AST_DROP_TABLE:
		raise(l, LINT_DESTRUCTIVE, st->span, "drop table \"%s\" "
		      "deletes the table and its rows", label(l, c->table));
		break;
	case AST_DROP_COLUMN:
		raise(l, LINT_DESTRUCTIVE, st->span, "drop column \"%s\" "
		      "deletes the values of that column of table \"%s\"",
		      c->column->text, label(l, c->table));
		break;
	case AST_ADD_COLUMN:
		lint_add_column(l, s, c);
		break;
	case AST_ALTER_TYPE:
		lint_alter_type(l, s, c);
		break;
	case AST_CREATE_INDEX:
		if (ast_concurrent(st))
			break;
		raise(l, LINT_INDEX_LOCK, st->span, "index \"%s\" is built "
		      "while writes to table \"%s\" wait (SHARE lock)",
		      c->index->obj.text, label(l, c->table));
		break;
	case AST_ADD_CONSTRAINT:
		lint_add_constraint(l, c);
		break;
	case AST_SET_NOT_NULL:
		if (!l->locks)
			break;
		l->locks->locks(s, c, &e);
		if (e.scans)
			raise(l, LINT_SET_NOT_NULL_SCAN, st->span, "set not "
			      "null reads all of table \"%s\" to check column "
			      "\"%s\" while it is locked (ACCESS EXCLUSIVE)",
			      label(l, c->table), c->column->text);
		break;
	default:
		break;
	}
}

static void snap_change(struct lint *l, const struct schema *s,
			const struct schema_change *c);

/* The observer: after each statement the model took. */
static void lint_after(void *arg, const struct schema *s,
		       const struct schema_change *c)
{
	struct lint *l = arg;
	const struct ast_node *st = c->stmt;

	if (st->kind == AST_RAW_SQL && c->raw_ddl) {
		const struct src_file *f = src_get(l->ctx, c->ddl_at.file);

		raise(l, LINT_RAW_DDL, c->ddl_at, "raw SQL holds DDL ('%.*s'); "
		      "the schema model may be out of date from here on",
		      (int)(c->ddl_at.end - c->ddl_at.start),
		      f->data + c->ddl_at.start);
		return;
	}
	if (c->skipped)		/* it did nothing */
		return;
	if (l->nsnaps)
		snap_change(l, s, c);
	if (l->down)
		return;
	if (st->kind == AST_CREATE_TABLE) {
		ptrmap_put(&l->created, c->table, c->table);
		return;
	}
	if (existed(l, c->table))
		lint_stmt(l, s, c);
}

/* The inverse check (R111) */

/* The lines of what sn names in s (none: nothing appended). */
static void snap_dump(const struct schema *s, const struct snap *sn,
		      struct strbuf *out)
{
	const struct schema_table *t = NULL;
	const struct schema_column *c;
	const struct schema_obj *o;

	if (sn->kind != SNAP_OBJECT)
		t = schema_table_in(s, sn->schema, sn->table);
	if (sn->kind == SNAP_TABLE && t) {
		schema_dump_table(out, t);
	} else if (sn->kind == SNAP_COLUMN && t &&
		   (c = schema_column(t, sn->key)) != NULL) {
		schema_dump_column(out, c);
	} else if (sn->kind == SNAP_OBJECT &&
		   (o = schema_object(s, sn->schema, sn->key)) != NULL &&
		   o->kind != SCHEMA_TABLE) {
		schema_dump_object(out, o);
	}
}

/* Keep sn (once); now: it is what it was before the up block, else it
 * was not there (something the revision made). */
static void snap_keep(struct lint *l, const struct schema *s,
		      const struct snap *sn, bool now)
{
	struct snap *k;
	struct strbuf dump;
	size_t i;

	for (i = 0; i < l->nsnaps; i++) {
		k = &l->snaps[i];
		if (k->kind == sn->kind && k->schema == sn->schema &&
		    k->table == sn->table && k->key == sn->key)
			return;
	}
	l->snaps = xgrow(l->snaps, &l->capsnaps, l->nsnaps + 1,
			 sizeof(*l->snaps));
	k = &l->snaps[l->nsnaps++];
	*k = *sn;
	k->before = NULL;
	strbuf_init(&dump);
	if (now)
		snap_dump(s, k, &dump);
	if (dump.len)
		k->before = strbuf_detach(&dump, NULL);
	strbuf_release(&dump);
}

static const char *qn_key(const struct ast_node *qn)
{
	return qn->u.qname.schema ? qn->u.qname.schema->u.name.key : NULL;
}

static void snap_table(struct lint *l, const struct schema *s,
		       const struct ast_node *qn, const struct ast_node *name)
{
	struct snap sn = { SNAP_TABLE, qn_key(qn), name->u.name.key, NULL,
			   name->u.name.text, NULL };

	snap_keep(l, s, &sn, true);
}

static void snap_column(struct lint *l, const struct schema *s,
			const struct ast_node *qn, const struct ast_node *col)
{
	struct snap sn = { SNAP_COLUMN, qn_key(qn),
			   qn->u.qname.name->u.name.key, col->u.name.key,
			   qn->u.qname.name->u.name.text, NULL };

	snap_keep(l, s, &sn, true);
}

static void snap_named(struct lint *l, const struct schema *s,
		       const char *schema, const struct ast_node *name,
		       const char *table)
{
	struct snap sn = { SNAP_OBJECT, schema, NULL, name->u.name.key, table,
			   NULL };

	snap_keep(l, s, &sn, true);
}

/* A column's own constraints and indexes, which a drop takes along. */
static void snap_dependents(struct lint *l, const struct schema *s,
			    const struct ast_node *qn,
			    const struct ast_node *col)
{
	const struct schema_table *t = schema_table_named(s, qn);
	const struct schema_column *c = t ? schema_column(t, col->u.name.key)
					  : NULL;
	const struct schema_con *k;
	const struct schema_index *x;
	struct snap sn = { SNAP_OBJECT, qn_key(qn), NULL, NULL,
			   qn->u.qname.name->u.name.text, NULL };

	for (k = c ? t->cons : NULL; k; k = k->next) {
		if (k->ncols == 1 && k->cols[0] == c) {
			sn.key = k->obj.key;
			snap_keep(l, s, &sn, true);
		}
	}
	for (x = c ? t->indexes : NULL; x; x = x->next) {
		if (x->ncols == 1 && x->cols[0] == c) {
			sn.key = x->obj.key;
			snap_keep(l, s, &sn, true);
		}
	}
}

/* What a statement names, as it is before the up block. */
static void snap_stmt(struct lint *l, const struct schema *s,
		      const struct ast_node *st)
{
	const struct ast_node *qn = NULL, *k;
	const struct schema_index *x;

	switch (st->kind) {
	case AST_CREATE_TABLE:
		snap_table(l, s, st->u.create.table,
			   st->u.create.table->u.qname.name);
		return;
	case AST_DROP_TABLE:
		qn = st->u.alter.table;
		snap_table(l, s, qn, qn->u.qname.name);
		return;
	case AST_RENAME_TABLE:
		qn = st->u.alter.table;
		snap_table(l, s, qn, qn->u.qname.name);
		snap_table(l, s, qn, st->u.alter.name);
		return;
	case AST_CREATE_INDEX:
		if (st->u.index.name)
			snap_named(l, s, qn_key(st->u.index.table),
				   st->u.index.name,
				   st->u.index.table->u.qname.name->u.name.text);
		return;
	case AST_DROP_INDEX:
		qn = st->u.drop_index.name;
		x = schema_index_named(s, qn);
		snap_named(l, s, x ? x->obj.schema : qn_key(qn),
			   qn->u.qname.name, x ? x->table->obj.text : "?");
		return;
	case AST_RENAME_INDEX:
		qn = st->u.rename_index.name;
		x = schema_index_named(s, qn);
		snap_named(l, s, x ? x->obj.schema : qn_key(qn),
			   qn->u.qname.name, x ? x->table->obj.text : "?");
		snap_named(l, s, x ? x->obj.schema : qn_key(qn),
			   st->u.rename_index.to,
			   x ? x->table->obj.text : "?");
		return;
	case AST_INSERT:
	case AST_UPDATE:
	case AST_DELETE:
	case AST_COMMENT:
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
	case AST_RAW_SQL:
		return;
	default:
		break;
	}
	qn = st->u.alter.table;
	switch (st->kind) {
	case AST_ADD_COLUMN:
		snap_column(l, s, qn, st->u.alter.def->u.column.name);
		for (k = st->u.alter.def->u.column.cons.head; k; k = k->next)
			if (k->u.con.name)
				snap_named(l, s, qn_key(qn), k->u.con.name,
					   qn->u.qname.name->u.name.text);
		return;
	case AST_DROP_COLUMN:
		snap_column(l, s, qn, st->u.alter.column);
		snap_dependents(l, s, qn, st->u.alter.column);
		return;
	case AST_RENAME_COLUMN:
		snap_column(l, s, qn, st->u.alter.column);
		snap_column(l, s, qn, st->u.alter.name);
		return;
	case AST_ADD_CONSTRAINT:
		k = st->u.alter.def;
		if (k->u.con.name)
			snap_named(l, s, qn_key(qn), k->u.con.name,
				   qn->u.qname.name->u.name.text);
		/* A primary key makes its columns not null. */
		for (k = k->u.con.cols.head; k; k = k->next)
			snap_column(l, s, qn, k);
		return;
	case AST_DROP_CONSTRAINT:
		snap_named(l, s, qn_key(qn), st->u.alter.name,
			   qn->u.qname.name->u.name.text);
		return;
	case AST_RENAME_CONSTRAINT:
		snap_named(l, s, qn_key(qn), st->u.alter.def,
			   qn->u.qname.name->u.name.text);
		snap_named(l, s, qn_key(qn), st->u.alter.name,
			   qn->u.qname.name->u.name.text);
		return;
	default:
		snap_column(l, s, qn, st->u.alter.column);
		return;
	}
}

static void snap_block(struct lint *l, const struct schema *s,
		       const struct ast_node *block)
{
	const struct ast_node *st;

	for (st = block ? block->u.block.stmts.head : NULL; st; st = st->next)
		snap_stmt(l, s, st);
}

/* Something a statement made under a generated name: there was none
 * before the revision (else making it would have failed). */
static void snap_made(struct lint *l, const struct schema *s,
		      const struct schema_obj *o, const struct schema_table *t)
{
	struct snap sn = { SNAP_OBJECT, o->schema, NULL, o->key, t->obj.text,
			   NULL };

	snap_keep(l, s, &sn, false);
}

static void snap_change(struct lint *l, const struct schema *s,
			const struct schema_change *c)
{
	const struct schema_con *k;

	switch (c->stmt->kind) {
	case AST_ADD_COLUMN:
	case AST_ADD_CONSTRAINT:
		for (k = c->con; k; k = k->next)
			snap_made(l, s, &k->obj, c->table);
		break;
	case AST_CREATE_INDEX:
		snap_made(l, s, &c->index->obj, c->table);
		break;
	default:
		break;
	}
}

static void snap_clear(struct lint *l)
{
	size_t i;

	for (i = 0; i < l->nsnaps; i++)
		free(l->snaps[i].before);
	l->nsnaps = 0;
}

/* One line of a table's dump: "column x ..." -> kind "column", name
 * "x", rest "...". */
struct line {
	const char *kind;
	const char *name;
	size_t nname;
	const char *rest;
	size_t nrest;
};

static size_t split_lines(char *dump, struct line **out, bool table)
{
	size_t n = 0, cap = 0;
	char *p = dump, *e;

	*out = NULL;
	if (!dump)
		return 0;
	/* Skip "table ...". */
	if (table)
		p = strchr(p, '\n') + 1;
	for (; *p; p = e + 1) {
		struct line ln;
		char *w;

		e = strchr(p, '\n');
		*e = '\0';
		while (*p == ' ')
			p++;
		ln.kind = p;
		if (strncmp(p, "unique index ", 13) == 0)
			w = p + 13;
		else
			w = strchr(p, ' ') + 1;
		w[-1] = '\0';
		ln.name = w;
		ln.nname = strcspn(w, " ");
		ln.rest = w + ln.nname;
		ln.nrest = strlen(ln.rest);
		if (strcmp(ln.kind, "unique index") == 0)
			ln.kind = "index";
		*out = xgrow(*out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = ln;
	}
	return n;
}

static int cmp_line(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int c = strcmp(a->kind, b->kind);
	size_t n = a->nname < b->nname ? a->nname : b->nname;

	if (c)
		return c;
	c = memcmp(a->name, b->name, n);
	return c ? c : (a->nname > b->nname) - (a->nname < b->nname);
}

/* A dumped name, in double quotes unless the dump quoted it. */
static const char *dumped_name(struct lint *l, const char *name, size_t n)
{
	if (n && name[0] == '"')
		return arena_strndup(&l->ctx->arena, name, n);
	return arena_printf(&l->ctx->arena, "\"%.*s\"", (int)n, name);
}

/* One difference, as a message (in the arena), or NULL. */
static const char *line_diff(struct lint *l, const char *table,
			     const struct line *a, const struct line *b)
{
	const struct line *x = a ? a : b;

	if (!a || !b)
		return arena_printf(&l->ctx->arena, "%s %s of table \"%s\" "
				    "is %s", x->kind,
				    dumped_name(l, x->name, x->nname), table,
				    a ? "missing" : "left over");
	if (a->nrest == b->nrest && memcmp(a->rest, b->rest, a->nrest) == 0)
		return NULL;
	/* The rest starts with a blank, or is empty. */
	return arena_printf(&l->ctx->arena, "%s %s of table \"%s\" was "
			    "%.*s before up and is %.*s after down", a->kind,
			    dumped_name(l, a->name, a->nname), table,
			    (int)(a->nrest ? a->nrest - 1 : 0),
			    a->rest + (a->nrest != 0),
			    (int)(b->nrest ? b->nrest - 1 : 0),
			    b->rest + (b->nrest != 0));
}

/* Append the differences between one table's two dumps to msgs. */
static void table_diff(struct lint *l, const struct snap *sn,
		       const char *after, const char ***msgs, size_t *n,
		       size_t *cap)
{
	char *a = sn->before ? xstrdup(sn->before) : NULL;
	char *b = after ? xstrdup(after) : NULL;
	struct line *la, *lb;
	size_t na, nb, i = 0, j = 0;

	if (!a != !b && sn->kind == SNAP_TABLE) {
		*msgs = xgrow(*msgs, cap, *n + 1, sizeof(**msgs));
		(*msgs)[(*n)++] = arena_printf(&l->ctx->arena, "table \"%s\" "
					       "is %s", sn->label, a ? "missing"
					       : "left over");
	}
	na = split_lines(a, &la, sn->kind == SNAP_TABLE);
	nb = split_lines(b, &lb, sn->kind == SNAP_TABLE);
	if (na)
		qsort(la, na, sizeof(*la), cmp_line);
	if (nb)
		qsort(lb, nb, sizeof(*lb), cmp_line);
	while ((sn->kind != SNAP_TABLE || (a && b)) && (i < na || j < nb)) {
		int c = i == na ? 1 : j == nb ? -1 : cmp_line(&la[i], &lb[j]);
		const char *m = line_diff(l, sn->label, c <= 0 ? &la[i] : NULL,
					  c >= 0 ? &lb[j] : NULL);

		i += c <= 0;
		j += c >= 0;
		if (!m)
			continue;
		*msgs = xgrow(*msgs, cap, *n + 1, sizeof(**msgs));
		(*msgs)[(*n)++] = m;
	}
	free(la);
	free(lb);
	free(a);
	free(b);
}

/* Is the table of sn kept whole (its own snap says it all)? */
static bool in_whole_table(const struct lint *l, const struct snap *sn)
{
	size_t i;

	for (i = 0; sn->kind != SNAP_TABLE && i < l->nsnaps; i++) {
		const struct snap *t = &l->snaps[i];

		if (t->kind == SNAP_TABLE && t->schema == sn->schema &&
		    strcmp(t->label, sn->label) == 0)
			return true;
	}
	return false;
}

/* After up then down: is all the revision touched as it was? */
static void inverse_check(struct lint *l, const struct schema *s,
			  const struct ast_revision *r)
{
	const char **msgs = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < l->nsnaps; i++) {
		const struct snap *sn = &l->snaps[i];
		struct strbuf dump;

		if (in_whole_table(l, sn))
			continue;
		strbuf_init(&dump);
		snap_dump(s, sn, &dump);
		if (sn->before ? strcmp(sn->before, dump.buf) != 0 : dump.len != 0)
			table_diff(l, sn, dump.len ? dump.buf : NULL, &msgs,
				   &n, &cap);
		strbuf_release(&dump);
	}
	if (n && raise(l, LINT_DOWN_NOT_INVERSE, r->down->span, "down block "
		       "of %s does not undo its up block: %s",
		       r->id->u.word.text, msgs[0]))
		for (i = 1; i < n; i++)
			diag_note(l->ctx, r->down->span, "also: %s", msgs[i]);
	free(msgs);
}

/* The watch */

static const struct schema_observer *lint_begin(void *arg, size_t i,
						bool down,
						const struct schema *s)
{
	struct lint *l = arg;
	const struct ast_revision *r = l->g->revs[i]->ast;
	const struct schema_observer *next = NULL;
	const struct rev *other;

	if (l->inner && l->inner->begin)
		next = l->inner->begin(l->inner->arg, i, down, s);
	l->rev = i;
	l->down = down;
	if (down) {
		l->errors = l->ctx->diags.errors;
	} else {
		ptrmap_release(&l->created);
		ptrmap_init(&l->created);
		if (!r->down)
			raise(l, LINT_IRREVERSIBLE, r->id->span, "revision %s "
			      "has no down block: no downgrade can pass it",
			      r->id->u.word.text);
		other = ptrmap_get(&l->prefix, l->g->revs[i]);
		if (other)
			raise(l, LINT_ID_PREFIX, r->id->span, "revision id "
			      "%s is a prefix of revision id %s",
			      r->id->u.word.text, other->id);
		snap_clear(l);
		if (r->down && on(l, LINT_DOWN_NOT_INVERSE)) {
			snap_block(l, s, r->up);
			snap_block(l, s, r->down);
		}
	}
	l->obs.next = next;
	return &l->obs;
}

static void lint_end(void *arg, size_t i, bool down, const struct schema *s)
{
	struct lint *l = arg;

	if (l->inner && l->inner->end)
		l->inner->end(l->inner->arg, i, down, s);
	if (down && l->ctx->diags.errors == l->errors && l->nsnaps)
		inverse_check(l, s, l->g->revs[i]->ast);
}

static int cmp_rev_id(const void *pa, const void *pb)
{
	const struct rev *a = *(const struct rev *const *)pa;
	const struct rev *b = *(const struct rev *const *)pb;

	return strcmp(a->id, b->id);
}

/* Which ids are a prefix of another: in byte order, a prefix comes
 * right before the ids it begins. */
static void find_prefixes(struct lint *l)
{
	struct rev **sorted = xmalloc((l->g->n + 1) * sizeof(*sorted));
	size_t i;

	if (l->g->n) {
		memcpy(sorted, l->g->revs, l->g->n * sizeof(*sorted));
		qsort(sorted, l->g->n, sizeof(*sorted), cmp_rev_id);
	}
	for (i = 0; i + 1 < l->g->n; i++) {
		size_t n = strlen(sorted[i]->id);

		if (strncmp(sorted[i]->id, sorted[i + 1]->id, n) == 0)
			ptrmap_put(&l->prefix, sorted[i], sorted[i + 1]);
	}
	free(sorted);
}

struct lint *lint_new(struct rt_ctx *ctx, struct graph *g,
		      const struct dialect *const *ds, size_t nd,
		      lint_set off)
{
	struct lint *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->ctx = ctx;
	l->g = g;
	l->off = off;
	for (i = 0; i < nd && !l->locks; i++)
		l->locks = ds[i]->locks ? ds[i] : NULL;
	l->watch.begin = lint_begin;
	l->watch.end = lint_end;
	l->watch.arg = l;
	l->obs.after = lint_after;
	l->obs.arg = l;
	ptrmap_init(&l->created);
	ptrmap_init(&l->prefix);
	if (on(l, LINT_ID_PREFIX))
		find_prefixes(l);
	return l;
}

void lint_free(struct lint *l)
{
	if (!l)
		return;
	snap_clear(l);
	free(l->snaps);
	ptrmap_release(&l->created);
	ptrmap_release(&l->prefix);
	free(l);
}

const struct schema_watch *lint_watch(struct lint *l,
				      const struct schema_watch *inner)
{
	l->inner = inner;
	return &l->watch;
}
