/*
 * pglocks.c: PostgreSQL 15's table of locks for the DDL retort writes,
 * from its manual (locks.h):
 *
 *  - ALTER TABLE, Description: "An ACCESS EXCLUSIVE lock is acquired
 *    unless explicitly noted.  When multiple subcommands are given, the
 *    lock acquired will be the strictest one required by any
 *    subcommand."  ADD table_constraint: "ADD FOREIGN KEY requires only
 *    a SHARE ROW EXCLUSIVE lock ... also ... on the referenced table";
 *    normally it scans the table to verify existing rows (NOT VALID
 *    skips that; VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE).
 *    SET/DROP NOT NULL: SET NOT NULL scans the table "however, if a
 *    valid CHECK constraint exists ... which proves no NULL can exist,
 *    then the table scan is skipped".
 *  - ALTER TABLE, Notes: with a non-volatile DEFAULT (or none) ADD
 *    COLUMN needs no rewrite (since PostgreSQL 11); "Adding a column
 *    with a volatile DEFAULT or changing the type of an existing column
 *    will require the entire table and its indexes to be rewritten",
 *    except a type change that is binary coercible without USING.
 *    "Adding a CHECK or NOT NULL constraint requires scanning the table".
 *  - CREATE INDEX: a standard build "locks out writes (but not reads)"
 *    (SHARE) and scans the table; DROP INDEX takes ACCESS EXCLUSIVE on
 *    the table.
 *  - 13.3.1 Table-Level Locks, Table 13.2 (the modes and who takes
 *    them): SHARE by CREATE INDEX without CONCURRENTLY, SHARE UPDATE
 *    EXCLUSIVE by CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT and
 *    COMMENT ON (its table, for a table's or a column's comment),
 *    SHARE ROW EXCLUSIVE by CREATE TRIGGER (a foreign key's), ACCESS
 *    EXCLUSIVE by DROP TABLE and most ALTER TABLE forms.
 *
 * Dropping a foreign key (with its constraint, column or table) drops
 * its triggers on the referenced table, which takes ACCESS EXCLUSIVE
 * there too; creating one takes SHARE ROW EXCLUSIVE there.  The e2e
 * test t_locks.sh holds each statement open on a real server and reads
 * pg_locks and relfilenode against these notes.
 */
#include "locks.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "schema.h"
#include "types.h"
#include "util.h"

const char *lock_mode_name(enum lock_mode m)
{
	static const char *const names[] = {
		[LOCK_NONE] = "NO LOCK",
		[LOCK_ACCESS_SHARE] = "ACCESS SHARE",
		[LOCK_ROW_SHARE] = "ROW SHARE",
		[LOCK_ROW_EXCLUSIVE] = "ROW EXCLUSIVE",
		[LOCK_SHARE_UPDATE_EXCLUSIVE] = "SHARE UPDATE EXCLUSIVE",
		[LOCK_SHARE] = "SHARE",
		[LOCK_SHARE_ROW_EXCLUSIVE] = "SHARE ROW EXCLUSIVE",
		[LOCK_EXCLUSIVE] = "EXCLUSIVE",
		[LOCK_ACCESS_EXCLUSIVE] = "ACCESS EXCLUSIVE",
	};

	return names[m];
}

void lock_effect_other(struct lock_effect *e, const struct schema_table *t,
		       enum lock_mode m)
{
	size_t i;

	if (t == e->table) {
		if (m > e->mode)
			e->mode = m;
		return;
	}
	for (i = 0; i < e->nothers && e->others[i] != t; i++)
		;
	if (i == LOCK_MAX_OTHERS)
		i--;
	if (i == e->nothers) {
		e->others[i] = t;
		e->other_modes[i] = m;
		e->nothers++;
	} else if (m > e->other_modes[i]) {
		e->other_modes[i] = m;
	}
}

void lock_effect_merge(struct lock_effect *acc, const struct lock_effect *e)
{
	size_t i;

	if (!e->table)
		return;
	if (!acc->table) {
		*acc = *e;
		return;
	}
	lock_effect_other(acc, e->table, e->mode);
	for (i = 0; i < e->nothers; i++)
		lock_effect_other(acc, e->others[i], e->other_modes[i]);
	acc->rewrites |= e->rewrites;
	acc->scans |= e->scans;
}

static void start(struct lock_effect *out, const struct schema_table *t,
		  enum lock_mode m)
{
	memset(out, 0, sizeof(*out));
	out->table = t;
	out->mode = m;
}



/* The same type, arguments and all (a change to it is no change). */
static bool same_type(const struct ast_node *a, const struct ast_node *b)
{
	const struct ast_node *x = a->u.type.args.head, *y = b->u.type.args.head;

	if (type_of_node(a) != type_of_node(b) ||
	    type_elem(a) != type_elem(b) ||
	    (type_elem(a) == TYPE_OTHER &&
	     strcmp(a->u.type.name, b->u.type.name) != 0))
		return false;
	for (; x && y; x = x->next, y = y->next) {
		const char *tx = x->kind == AST_NAME ? x->u.name.text
						     : x->u.lit.text;
		const char *ty = y->kind == AST_NAME ? y->u.name.text
						     : y->u.lit.text;

		if (!tx || !ty || strcmp(tx, ty) != 0)
			return false;
	}
	return !x && !y;
}

bool pglocks_type_rewrites(const struct ast_node *from,
			   const struct ast_node *to)
{
	enum rt_type a = type_of_node(from), b = type_of_node(to);
	long n0 = type_arg(from, 0), n1 = type_arg(to, 0);

	if (same_type(from, to))
		return false;
	switch (a) {
	case TYPE_VARCHAR:
		/* varchar_support: a length that grows, or none. */
		return !(b == TYPE_TEXT ||
			 (b == TYPE_VARCHAR && (n1 < 0 || (n0 >= 0 && n1 >= n0))));
	case TYPE_TEXT:
		return !(b == TYPE_VARCHAR && n1 < 0);
	case TYPE_NUMERIC:
		/* numeric_support: precision up at the same scale. */
		if (b != TYPE_NUMERIC)
			return true;
		if (n1 < 0)
			return false;
		return n0 < 0 || n1 < n0 ||
		       (type_arg(from, 1) < 0 ? 0 : type_arg(from, 1)) !=
		       (type_arg(to, 1) < 0 ? 0 : type_arg(to, 1));
	default:
		return true;
	}
}

/* Does a default expression call a volatile function (one PostgreSQL
 * must evaluate per row, so ADD COLUMN rewrites)?  The common ones; an
 * unknown function is taken to be stable. */
static bool volatile_default(const struct ast_node *v)
{
	static const char *const names[] = {
		"clock_timestamp", "gen_random_uuid", "nextval", "random",
		"timeofday", "uuid_generate_v1", "uuid_generate_v1mc",
		"uuid_generate_v4",
	};
	const char *p;

	if (v && v->kind == AST_LITERAL && (v->u.lit.kind == LIT_NEW_UUID ||
					    v->u.lit.kind == LIT_NEXTVAL))
		return true;
	if (!v || v->kind != AST_EXPR)
		return false;
	for (p = v->u.expr.text; *p; p++) {
		size_t i, n = 0;

		if (!ascii_isalpha((unsigned char)*p) && *p != '_')
			continue;
		while (ascii_isword((unsigned char)p[n]))
			n++;
		for (i = 0; i < ARRAY_SIZE(names); i++) {
			if (ascii_eq_nocase(p, n, names[i]))
				return true;
		}
		p += n - 1;
	}
	return false;
}

/* Is there a check constraint "col is not null" on col's table (a
 * valid one: retort validates every constraint it adds)? */
static bool check_proves_not_null(const struct schema_column *col)
{
	const struct schema_con *k;

	for (k = col->table->cons; k; k = k->next) {
		const char *p;
		char buf[128];
		size_t n = 0;

		if (k->kind != CON_CHECK)
			continue;
		/* The text without blanks, parentheses and quotes, folded. */
		for (p = k->check->u.expr.text; *p && n + 1 < sizeof(buf); p++) {
			if (!ascii_isspace((unsigned char)*p) && *p != '(' &&
			    *p != ')' && *p != '"')
				buf[n++] = (char)ascii_tolower((unsigned char)*p);
		}
		buf[n] = '\0';
		n = strlen(col->key);
		if (strncmp(buf, col->key, n) == 0 &&
		    strcmp(buf + n, "isnotnull") == 0)
			return true;
	}
	return false;
}

void pglocks_con(const struct schema_con *k, struct lock_effect *out)
{
	if (k->kind == CON_FOREIGN_KEY) {
		start(out, k->table, LOCK_SHARE_ROW_EXCLUSIVE);
		lock_effect_other(out, k->ref, LOCK_SHARE_ROW_EXCLUSIVE);
	} else {
		start(out, k->table, LOCK_ACCESS_EXCLUSIVE);
	}
	/* Validated, or indexed, row by row. */
	out->scans = true;
}

void pglocks_column(const struct schema *s, const struct schema_change *c,
		    struct lock_effect *out)
{
	const struct schema_column *col = c->column;
	const struct ast_node *st = c->stmt;

	(void)s;
	start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
	switch (st->kind) {
	case AST_ADD_COLUMN:
		/* An identity fills every row from its sequence. */
		out->rewrites = col->autoincrement ||
				volatile_default(col->dflt);
		/* NOT NULL without a default: every row is checked. */
		out->scans = col->not_null && !col->dflt;
		break;
	case AST_ALTER_TYPE:
		out->rewrites = st->u.alter.expr ||
				pglocks_type_rewrites(c->old_type, col->type);
		break;
	case AST_SET_NOT_NULL:
		out->scans = !check_proves_not_null(col);
		break;
	default:
		break;
	}
}

/* Foreign keys of a table that go (it, or a column of it, is
 * dropped) drop their triggers on the referenced tables. */
static void fk_gone(struct lock_effect *out, const struct schema_con *k)
{
	if (k->kind == CON_FOREIGN_KEY)
		lock_effect_other(out, k->ref, LOCK_ACCESS_EXCLUSIVE);
}

void pglocks_of(const struct schema *s, const struct schema_change *c,
		struct lock_effect *out)
{
	const struct ast_node *st = c->stmt;
	const struct schema_con *k;
	struct lock_effect e;
	size_t i;

	memset(out, 0, sizeof(*out));
	switch (st->kind) {
	case AST_INSERT:
	case AST_UPDATE:
	case AST_DELETE:
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
	case AST_CREATE_SEQUENCE:	/* the sequence alone */
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
	case AST_RAW_SQL:
		return;
	case AST_CREATE_INDEX:
		start(out, c->table, ast_concurrent(st) ?
		      LOCK_SHARE_UPDATE_EXCLUSIVE : LOCK_SHARE);
		out->scans = true;
		return;
	case AST_DROP_INDEX:
		start(out, c->table, ast_concurrent(st) ?
		      LOCK_SHARE_UPDATE_EXCLUSIVE : LOCK_ACCESS_EXCLUSIVE);
		return;
	case AST_CREATE_TABLE:
		start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
		for (k = c->table->cons; k; k = k->next) {
			if (k->kind == CON_FOREIGN_KEY)
				lock_effect_other(out, k->ref,
						  LOCK_SHARE_ROW_EXCLUSIVE);
		}
		return;
	case AST_DROP_TABLE:
	case AST_DROP_COLUMN:
		start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
		for (i = 0; i < c->ngone; i++) {
			if (c->gone[i]->kind == SCHEMA_CONSTRAINT)
				fk_gone(out, (const struct schema_con *)
					     c->gone[i]);
		}
		return;
	case AST_DROP_CONSTRAINT:
		start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
		fk_gone(out, c->con);
		return;
	case AST_ADD_CONSTRAINT:
		memset(out, 0, sizeof(*out));
		for (k = c->con; k; k = k->next) {
			pglocks_con(k, &e);
			lock_effect_merge(out, &e);
		}
		if (!out->table)
			start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
		return;
	case AST_ADD_COLUMN:
		pglocks_column(s, c, out);
		for (k = c->con; k; k = k->next) {
			pglocks_con(k, &e);
			lock_effect_merge(out, &e);
		}
		return;
	case AST_ALTER_TYPE:
	case AST_SET_NOT_NULL:
		pglocks_column(s, c, out);
		return;
	case AST_RENAME_INDEX:
	case AST_COMMENT:
		/* COMMENT ON TABLE / COLUMN: PostgreSQL locks the table
		 * SHARE UPDATE EXCLUSIVE (CommentObject), as ALTER INDEX
		 * RENAME does. */
		start(out, c->table, LOCK_SHARE_UPDATE_EXCLUSIVE);
		return;
	default:
		/* Renames, drop index, drop not null, set or drop default. */
		start(out, c->table, LOCK_ACCESS_EXCLUSIVE);
		return;
	}
}
