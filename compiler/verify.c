/*
 * verify.c: `retort verify` (verify.h): retort's SQLite scripts run in
 * an in-memory database, their schema read back with PRAGMAs and
 * compared with the model and with itself after a down step.  The only
 * file that includes <sqlite3.h>.
 *
 * Both sides become "facts": one line per object, a key that names it
 * for a message (column "email" of table "users") and a value (its type,
 * nullability, default; a key's columns; an index's definition), sorted
 * by key.  Column order is a fact of its own, which alone is a note, not
 * a difference.
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "ast.h"
#include "commute.h"
#include "diag.h"
#include "dialect.h"
#include "emit.h"
#include "emit_int.h"
#include "graph.h"
#include "plan.h"
#include "ptrmap.h"
#include "rt.h"
#include "schema.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

#define ORDER_KEY "column order of table"

/* Facts */

struct facts {
	char *buf;		/* "key\tvalue\n"..., split in place */
	const char **key;
	const char **val;
	size_t n;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Take the lines of sb (each "key\tvalue") as sorted facts. */
static void facts_from(struct facts *f, struct strbuf *sb)
{
	char **lines = NULL, *p;
	size_t cap = 0, n = 0, i;

	f->buf = strbuf_detach(sb, NULL);
	for (p = f->buf; *p;) {
		char *nl = strchr(p, '\n');

		lines = xgrow(lines, &cap, n + 1, sizeof(*lines));
		lines[n++] = p;
		*nl = '\0';
		p = nl + 1;
	}
	if (n)
		qsort(lines, n, sizeof(*lines), cmp_line);
	f->key = xmalloc((n + 1) * sizeof(*f->key));
	f->val = xmalloc((n + 1) * sizeof(*f->val));
	for (i = 0; i < n; i++) {
		char *tab = strchr(lines[i], '\t');

		*tab = '\0';
		f->key[i] = lines[i];
		f->val[i] = tab + 1;
	}
	f->n = n;
	free(lines);
}

static void facts_release(struct facts *f)
{
	free(f->buf);
	free(f->key);
	free(f->val);
	memset(f, 0, sizeof(*f));
}

/* A value on one line: each run of blanks one space, and a default's
 * or check's outer parentheses (SQLite drops a default's) left out. */
static void add_text(struct strbuf *sb, const char *s, size_t n, bool strip)
{
	size_t i, depth = 0;
	bool blank = false;

	if (strip && n >= 2 && s[0] == '(' && s[n - 1] == ')') {
		for (i = 0; i < n; i++) {
			depth += s[i] == '(';
			depth -= s[i] == ')';
			if (depth == 0 && i + 1 < n)
				break;
		}
		if (i == n) {
			s++;
			n -= 2;
		}
	}
	for (i = 0; i < n; i++) {
		if (ascii_isspace((unsigned char)s[i])) {
			blank = true;
			continue;
		}
		if (blank && sb->len && sb->buf[sb->len - 1] != '\t')
			strbuf_addch(sb, ' ');
		blank = false;
		strbuf_addch(sb, s[i]);
	}
}

/* Skipped tables: names (as written) raw DDL may have changed. */
struct skip {
	char **names;
	size_t n, cap;
};

static bool skipped(const struct skip *sk, const char *name)
{
	size_t i;

	for (i = 0; i < sk->n; i++) {
		if (strcmp(sk->names[i], name) == 0)
			return true;
	}
	return false;
}

static void skip_add(struct skip *sk, const char *name)
{
	if (skipped(sk, name))
		return;
	sk->names = xgrow(sk->names, &sk->cap, sk->n + 1, sizeof(*sk->names));
	sk->names[sk->n++] = xstrdup(name);
}

static void skip_release(struct skip *sk)
{
	size_t i;

	for (i = 0; i < sk->n; i++)
		free(sk->names[i]);
	free(sk->names);
	memset(sk, 0, sizeof(*sk));
}

/* Is a fact's table (the last 'table "X"' of its key) skipped? */
static bool fact_skipped(const struct skip *sk, const char *key)
{
	const char *p = key, *q, *at = NULL;
	char name[256];
	size_t n;

	while ((q = strstr(p, "table \"")) != NULL) {
		at = q + 7;
		p = at;
	}
	if (!at || !sk->n)
		return false;
	n = strcspn(at, "\"");
	if (n >= sizeof(name))
		return false;
	memcpy(name, at, n);
	name[n] = '\0';
	return skipped(sk, name);
}

/* The model's facts, in SQLite's terms (its dialect's type names). */

static void model_column(struct strbuf *sb, const struct dialect *d,
			 const struct schema_column *c)
{
	struct strbuf v;

	strbuf_addf(sb, "column \"%s\" of table \"%s\"\t", c->text,
		    c->table->obj.text);
	if (c->autoincrement)
		strbuf_addstr(sb, "INTEGER");
	else
		emit_type(sb, d, c);
	if (c->not_null)
		strbuf_addstr(sb, " NOT NULL");
	if (c->dflt) {
		strbuf_init(&v);
		emit_value(&v, d, c->dflt);
		strbuf_addstr(sb, " DEFAULT ");
		add_text(sb, v.buf, v.len, true);
		strbuf_release(&v);
	}
	strbuf_addch(sb, '\n');
}

static void model_cols(struct strbuf *sb, struct schema_column *const *cols,
		       const bool *desc, size_t n)
{
	size_t i;

	strbuf_addch(sb, '(');
	/* An expression has no name: "", as index_xinfo gives it. */
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s\"%s\"%s", i ? ", " : "",
			    cols[i] ? cols[i]->text : "",
			    desc && desc[i] ? " DESC" : "");
	strbuf_addch(sb, ')');
}

static const char *action(enum fk_action a)
{
	return a == FK_NONE ? "NO ACTION" : ast_fk_action_sql(a);
}

static void model_con(struct strbuf *sb, const struct schema_con *k)
{
	static const char *const kinds[] = {
		[CON_PRIMARY_KEY] = "PRIMARY KEY", [CON_UNIQUE] = "UNIQUE",
		[CON_CHECK] = "CHECK", [CON_FOREIGN_KEY] = "FOREIGN KEY",
	};
	const char *t = k->table->obj.text;

	strbuf_addf(sb, "constraint \"%s\" of table \"%s\"\t%s\n", k->obj.text,
		    t, kinds[k->kind]);
	switch (k->kind) {
	case CON_PRIMARY_KEY:
		strbuf_addf(sb, "primary key of table \"%s\"\t", t);
		model_cols(sb, k->cols, NULL, k->ncols);
		break;
	case CON_UNIQUE:
		strbuf_addstr(sb, "unique key ");
		model_cols(sb, k->cols, NULL, k->ncols);
		strbuf_addf(sb, " of table \"%s\"\t", t);
		break;
	case CON_CHECK:
		strbuf_addf(sb, "check \"%s\" of table \"%s\"\t", k->obj.text, t);
		add_text(sb, k->check->u.expr.text,
			 strlen(k->check->u.expr.text), false);
		break;
	default:
		strbuf_addstr(sb, "foreign key ");
		model_cols(sb, k->cols, NULL, k->ncols);
		strbuf_addf(sb, " of table \"%s\"\treferences \"%s\" ", t,
			    k->ref->obj.text);
		model_cols(sb, k->ref_cols, NULL, k->ncols);
		strbuf_addf(sb, " ON DELETE %s ON UPDATE %s",
			    action(k->on_delete), action(k->on_update));
		break;
	}
	strbuf_addch(sb, '\n');
}

static void model_index(struct strbuf *sb, const struct schema_index *x)
{
	strbuf_addf(sb, "index \"%s\" of table \"%s\"\t%s", x->obj.text,
		    x->table->obj.text, x->unique ? "UNIQUE " : "");
	model_cols(sb, x->cols, x->desc, x->ncols);
	if (x->where) {
		strbuf_addstr(sb, " WHERE ");
		add_text(sb, x->where->u.expr.text,
			 strlen(x->where->u.expr.text), false);
	}
	strbuf_addch(sb, '\n');
}

/* The model's facts; tables raw DDL may have changed go to sk. */
static void model_facts(struct rt_ctx *ctx, const struct schema *s,
			const struct dialect *d, struct facts *f,
			struct skip *sk)
{
	struct schema_table **tables = schema_tables_sorted(ctx, s);
	struct strbuf sb;
	size_t i, j;

	strbuf_init(&sb);
	for (i = 0; i < schema_ntables(s); i++) {
		const struct schema_table *t = tables[i];
		const struct schema_con *k;
		const struct schema_index *x;

		if (schema_raw_ddl(s, t)) {
			skip_add(sk, t->obj.text);
			continue;
		}
		strbuf_addf(&sb, "table \"%s\"\t\n", t->obj.text);
		strbuf_addf(&sb, ORDER_KEY " \"%s\"\t", t->obj.text);
		for (j = 0; j < t->ncols; j++)
			strbuf_addf(&sb, "%s%s", j ? ", " : "", t->cols[j]->text);
		strbuf_addch(&sb, '\n');
		for (j = 0; j < t->ncols; j++)
			model_column(&sb, d, t->cols[j]);
		for (k = t->cons; k; k = k->next)
			model_con(&sb, k);
		for (x = t->indexes; x; x = x->next)
			model_index(&sb, x);
	}
	facts_from(f, &sb);
}

/* The database */

struct db {
	sqlite3 *h;
	const char *vt;		/* the version table, left out */
};

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* Run sql (one or more statements); on failure, the message and the
 * statement that failed (xmalloc'ed) in *err and *what. */
static bool db_exec(struct db *db, const char *sql, char **err, char **what)
{
	const char *p = sql, *tail;

	*err = *what = NULL;
	while (*p) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(db->h, p, -1, &st, &tail);

		if (rc == SQLITE_OK && st) {
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK) {
			*err = xstrdup(sqlite3_errmsg(db->h));
			*what = st ? xstrdup(sqlite3_sql(st)) : xstrdup(p);
			sqlite3_finalize(st);
			/* Leave no transaction open for the next run. */
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return false;
		}
		sqlite3_finalize(st);
		if (tail == p)
			break;
		p = tail;
	}
	return true;
}

static sqlite3_stmt *db_query(struct db *db, const char *fmt, const char *arg)
{
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf(fmt, arg);

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		RT_BUG("verify: %s: %s", sql, sqlite3_errmsg(db->h));
	sqlite3_free(sql);
	return st;
}

/* The columns of index name, "(a DESC, b)". */
static void db_index_cols(struct db *db, struct strbuf *sb, const char *name,
			  bool desc)
{
	sqlite3_stmt *st = db_query(db, "PRAGMA index_xinfo(\"%w\")", name);
	bool first = true;

	strbuf_addch(sb, '(');
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!sqlite3_column_int(st, 5))
			continue;
		strbuf_addf(sb, "%s\"%s\"%s", first ? "" : ", ", col_text(st, 2),
			    desc && sqlite3_column_int(st, 3) ? " DESC" : "");
		first = false;
	}
	strbuf_addch(sb, ')');
	sqlite3_finalize(st);
}

static void db_columns(struct db *db, struct strbuf *sb, const char *t)
{
	sqlite3_stmt *st = db_query(db, "PRAGMA table_xinfo(\"%w\")", t);
	struct strbuf order;
	int npk = 0;

	strbuf_init(&order);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = col_text(st, 1);
		const char *dflt = (const char *)sqlite3_column_text(st, 4);

		strbuf_addf(&order, "%s%s", order.len ? ", " : "", name);
		strbuf_addf(sb, "column \"%s\" of table \"%s\"\t%s%s", name, t,
			    col_text(st, 2), sqlite3_column_int(st, 3) ?
			    " NOT NULL" : "");
		if (dflt) {
			strbuf_addstr(sb, " DEFAULT ");
			add_text(sb, dflt, strlen(dflt), true);
		}
		strbuf_addch(sb, '\n');
		if (sqlite3_column_int(st, 5) > npk)
			npk = sqlite3_column_int(st, 5);
	}
	strbuf_addf(sb, ORDER_KEY " \"%s\"\t%s\n", t, order.buf);
	/* The primary key's columns in key order. */
	if (npk) {
		int k;

		strbuf_addf(sb, "primary key of table \"%s\"\t(", t);
		for (k = 1; k <= npk; k++) {
			sqlite3_reset(st);
			while (sqlite3_step(st) == SQLITE_ROW) {
				if (sqlite3_column_int(st, 5) == k)
					strbuf_addf(sb, "%s\"%s\"", k > 1 ? ", " : "",
						    col_text(st, 1));
			}
		}
		strbuf_addstr(sb, ")\n");
	}
	sqlite3_finalize(st);
	strbuf_release(&order);
}

/* The text after an index's top-level WHERE, or NULL. */
static const char *where_of(const char *sql)
{
	const char *p, *w = NULL;
	int depth = 0;
	char q = 0;

	for (p = sql; *p; p++) {
		if (q) {
			q = *p == q ? 0 : q;
			continue;
		}
		if (*p == '\'' || *p == '"')
			q = *p;
		depth += *p == '(';
		depth -= *p == ')';
		if (depth == 0 && ascii_eq_nocase(p, 7, " WHERE "))
			w = p + 7;
	}
	return w;
}

static void db_indexes(struct db *db, struct strbuf *sb, const char *t)
{
	sqlite3_stmt *st = db_query(db, "PRAGMA index_list(\"%w\")", t);

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = col_text(st, 1), *origin = col_text(st, 3);
		bool unique = sqlite3_column_int(st, 2);

		if (strcmp(origin, "u") == 0) {
			strbuf_addstr(sb, "unique key ");
			db_index_cols(db, sb, name, false);
			strbuf_addf(sb, " of table \"%s\"\t\n", t);
		} else if (strcmp(origin, "c") == 0) {
			sqlite3_stmt *q = db_query(db, "SELECT sql FROM "
						   "sqlite_master WHERE type = "
						   "'index' AND name = '%q'",
						   name);
			const char *w = NULL;

			strbuf_addf(sb, "index \"%s\" of table \"%s\"\t%s",
				    name, t, unique ? "UNIQUE " : "");
			db_index_cols(db, sb, name, true);
			if (sqlite3_step(q) == SQLITE_ROW)
				w = where_of(col_text(q, 0));
			if (w) {
				strbuf_addstr(sb, " WHERE ");
				add_text(sb, w, strlen(w), true);
			}
			strbuf_addch(sb, '\n');
			sqlite3_finalize(q);
		}
	}
	sqlite3_finalize(st);
}

/* One foreign key of PRAGMA foreign_key_list, its rows gathered. */
struct fk_rows {
	struct strbuf from, to, tail;	/* tail: " ON DELETE ..." */
	char *ref;
};

static void fk_flush(struct strbuf *sb, struct fk_rows *k, const char *t)
{
	if (!k->ref)
		return;
	strbuf_addf(sb, "foreign key (%s) of table \"%s\"\treferences \"%s\" "
		    "(%s)%s\n", k->from.buf, t, k->ref, k->to.buf, k->tail.buf);
	strbuf_reset(&k->from);
	strbuf_reset(&k->to);
	strbuf_reset(&k->tail);
	free(k->ref);
	k->ref = NULL;
}

static void db_fks(struct db *db, struct strbuf *sb, const char *t)
{
	sqlite3_stmt *st = db_query(db, "PRAGMA foreign_key_list(\"%w\")", t);
	struct fk_rows k;
	int id = -1;

	strbuf_init(&k.from);
	strbuf_init(&k.to);
	strbuf_init(&k.tail);
	k.ref = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) != id) {
			fk_flush(sb, &k, t);
			id = sqlite3_column_int(st, 0);
			k.ref = xstrdup(col_text(st, 2));
			strbuf_addf(&k.tail, " ON DELETE %s ON UPDATE %s",
				    col_text(st, 6), col_text(st, 5));
		}
		strbuf_addf(&k.from, "%s\"%s\"", k.from.len ? ", " : "",
			    col_text(st, 3));
		strbuf_addf(&k.to, "%s\"%s\"", k.to.len ? ", " : "",
			    col_text(st, 4));
	}
	fk_flush(sb, &k, t);
	sqlite3_finalize(st);
	strbuf_release(&k.from);
	strbuf_release(&k.to);
	strbuf_release(&k.tail);
}

/* A name in SQL text at p (bare or "quoted"), into out; past it. */
static const char *sql_name(const char *p, struct strbuf *out)
{
	strbuf_reset(out);
	while (ascii_isspace((unsigned char)*p))
		p++;
	if (*p == '"') {
		for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
			strbuf_addch(out, *p);
			p += *p == '"';
		}
		return *p ? p + 1 : p;
	}
	while (ascii_isword((unsigned char)*p))
		strbuf_addch(out, *p++);
	return p;
}

/* The named constraints of a CREATE TABLE's text (all that retort
 * writes are named): "CONSTRAINT name KIND", and a check's text. */
static void db_constraints(struct strbuf *sb, const char *t, const char *sql)
{
	static const char *const kinds[] = {
		"PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY", "REFERENCES",
	};
	struct strbuf name;
	const char *p;
	char q = 0;

	strbuf_init(&name);
	for (p = sql; *p; p++) {
		size_t i, depth;
		const char *e;

		if (q) {
			q = *p == q ? 0 : q;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			q = *p;
			continue;
		}
		if (!ascii_eq_nocase(p, 11, "CONSTRAINT ") ||
		    (p > sql && ascii_isword((unsigned char)p[-1])))
			continue;
		p = sql_name(p + 11, &name);
		while (ascii_isspace((unsigned char)*p))
			p++;
		for (i = 0; i < ARRAY_SIZE(kinds); i++) {
			if (ascii_eq_nocase(p, strlen(kinds[i]), kinds[i]))
				break;
		}
		if (i == ARRAY_SIZE(kinds))
			continue;
		strbuf_addf(sb, "constraint \"%s\" of table \"%s\"\t%s\n",
			    name.buf, t, i == 4 ? "FOREIGN KEY" : kinds[i]);
		if (i != 2)
			continue;
		for (p += 5; *p && *p != '('; p++)
			;
		for (e = p, depth = 0; *e; e++) {
			depth += *e == '(';
			depth -= *e == ')';
			if (depth == 0)
				break;
		}
		strbuf_addf(sb, "check \"%s\" of table \"%s\"\t", name.buf, t);
		if (*p)
			add_text(sb, p + 1, (size_t)(e - p - 1), false);
		strbuf_addch(sb, '\n');
		p = *e ? e : e - 1;
	}
	strbuf_release(&name);
}

/* A table's facts as last read, and the schema text they came from
 * (its sqlite_master rows and its indexes'): PRAGMAs read only what the
 * schema says, so the same text gives the same facts. */
struct cached {
	char *name;
	char *sig;
	char *facts;
};

struct cache {
	struct cached *v;
	size_t n, cap;
};

static void cache_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].sig);
		free(c->v[i].facts);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Table t's facts into sb: the cache's when sig is the same. */
static void table_facts(struct db *db, struct cache *c, struct strbuf *sb,
			const char *t, const char *sql, const char *sig)
{
	struct strbuf one;
	size_t i;

	for (i = 0; i < c->n && strcmp(c->v[i].name, t) != 0; i++)
		;
	if (i < c->n && strcmp(c->v[i].sig, sig) == 0) {
		strbuf_addstr(sb, c->v[i].facts);
		return;
	}
	strbuf_init(&one);
	strbuf_addf(&one, "table \"%s\"\t\n", t);
	db_columns(db, &one, t);
	db_indexes(db, &one, t);
	db_fks(db, &one, t);
	db_constraints(&one, t, sql);
	strbuf_addstr(sb, one.buf);
	if (i == c->n) {
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
		c->v[c->n++].name = xstrdup(t);
	} else {
		free(c->v[i].sig);
		free(c->v[i].facts);
	}
	c->v[i].sig = xstrdup(sig);
	c->v[i].facts = strbuf_detach(&one, NULL);
}

/* The database's facts; tables in sk are left out. */
static void db_facts(struct db *db, struct cache *c, struct facts *f,
		     const struct skip *sk)
{
	sqlite3_stmt *st = db_query(db, "SELECT t.name, t.sql, (SELECT "
				    "group_concat(coalesce(i.name, '') || ':' || "
				    "coalesce(i.sql, ''), char(10)) FROM "
				    "sqlite_master i WHERE i.tbl_name = t.name) "
				    "FROM sqlite_master t WHERE t.type = 'table' "
				    "AND t.name NOT LIKE 'sqlite\\_%%' ESCAPE "
				    "'\\' AND t.name <> '%q' ORDER BY t.name",
				    db->vt);
	struct strbuf sb;

	strbuf_init(&sb);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = col_text(st, 0);

		if (!skipped(sk, t))
			table_facts(db, c, &sb, t, col_text(st, 1),
				    col_text(st, 2));
	}
	sqlite3_finalize(st);
	facts_from(f, &sb);
}

/* Comparing */

enum cmp_kind {
	CMP_MODEL,	/* a: the database, b: the model */
	CMP_UNDO,	/* a: before up, b: after down */
	CMP_REDO,	/* a: after up, b: after down and up again */
	CMP_ORDER,	/* a: in upgrade order, b: in the other order */
};

/* The differences, as messages (in the arena); column order apart:
 * *order gets that message, if it is the only difference it has. */
static size_t facts_diff(struct rt_ctx *ctx, const struct facts *a,
			 const struct facts *b, enum cmp_kind kind,
			 const struct skip *sk, const char ***out,
			 const char **order)
{
	static const char *const only_a[] = {
		[CMP_MODEL] = "is in the database but not in the model",
		[CMP_UNDO] = "is missing after the down block",
		[CMP_REDO] = "is missing after the up block ran again",
		[CMP_ORDER] = "is missing in the other order",
	};
	static const char *const only_b[] = {
		[CMP_MODEL] = "is in the model but not in the database",
		[CMP_UNDO] = "is left over after the down block",
		[CMP_REDO] = "is new after the up block ran again",
		[CMP_ORDER] = "is only there in the other order",
	};
	static const char *const was[][2] = {
		[CMP_MODEL] = { "is", "in the database but" },
		[CMP_UNDO] = { "was", "before the up block and is" },
		[CMP_REDO] = { "was", "after the up block and is" },
		[CMP_ORDER] = { "is", "in upgrade order and" },
	};
	static const char *const now[] = {
		[CMP_MODEL] = "in the model",
		[CMP_UNDO] = "after the down block",
		[CMP_REDO] = "when it ran again",
		[CMP_ORDER] = "in the other order",
	};
	size_t i = 0, j = 0, n = 0, cap = 0;

	*out = NULL;
	*order = NULL;
	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 :
			strcmp(a->key[i], b->key[j]);
		const char *m;

		if (c <= 0 && fact_skipped(sk, a->key[i])) {
			i++;
			continue;
		}
		if (c >= 0 && fact_skipped(sk, b->key[j])) {
			j++;
			continue;
		}

		if (c < 0)
			m = arena_printf(&ctx->arena, "%s %s", a->key[i],
					 only_a[kind]);
		else if (c > 0)
			m = arena_printf(&ctx->arena, "%s %s", b->key[j],
					 only_b[kind]);
		else if (strcmp(a->val[i], b->val[j]) == 0)
			m = NULL;
		else
			m = arena_printf(&ctx->arena, "%s %s %s %s %s %s",
					 a->key[i], was[kind][0], a->val[i],
					 was[kind][1], b->val[j], now[kind]);
		if (m && c == 0 && strncmp(a->key[i], ORDER_KEY,
					   strlen(ORDER_KEY)) == 0) {
			*order = m;
			m = NULL;
		}
		i += c <= 0;
		j += c >= 0;
		if (!m)
			continue;
		*out = xgrow(*out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = m;
	}
	return n;
}

/* The run */

struct verify {
	struct rt_ctx *ctx;
	const struct project *proj;
	struct graph *g;
	const struct dialect *d;
	struct emit_opts o;
	struct rev **revs;		/* the replay's, in upgrade order */
	size_t n;
	const bool *trip;		/* revs[i] gets the round trip */
	struct db db;
	struct planner *pl;		/* the version table's rows, as they go */
	struct emitter *e;
	struct plan *plan;
	struct target at;		/* the state the step starts from */
	struct strbuf up;		/* the last up script, to run again */
	struct facts before;		/* the database before the step */
	struct facts after;		/* and after its up block */
	struct skip skip;
	struct cache cache;		/* the tables' facts as last read */
	struct schema_observer obs;	/* sees raw DDL run in sqlite */
	bool raw_seen;
	bool failed;
	unsigned errors0;
	struct verify_stats *st;
};

static bool failing(const struct verify *v)
{
	return v->failed || v->ctx->diags.errors != v->errors0;
}

/* Report the differences msgs[0..n) (the first difference), at span. */
static void report(struct verify *v, struct src_span at, const char *what,
		   const char *const *msgs, size_t n)
{
	size_t i;

	diag_error(v->ctx, at, "%s: %s", what, msgs[0]);
	for (i = 1; i < n && i < 8; i++)
		diag_note(v->ctx, at, "also: %s", msgs[i]);
	if (n > 8)
		diag_note(v->ctx, at, "and %zu more difference%s", n - 8,
			  n - 8 == 1 ? "" : "s");
	v->failed = true;
}

/* Compare, and report what differs; a column order alone is a note on
 * nothing (it is said, not counted). */
static bool compare(struct verify *v, const struct facts *a,
		    const struct facts *b, enum cmp_kind kind,
		    struct src_span at, const char *what)
{
	const char **msgs, *order;
	size_t n = facts_diff(v->ctx, a, b, kind, &v->skip, &msgs, &order);

	if (n)
		report(v, at, what, msgs, n);
	else if (order)
		diag_note(v->ctx, at, "%s; verify leaves column order aside",
			  order);
	free(msgs);
	return n == 0;
}

/* The failing statement for a note: past the blanks and comment lines
 * before it, its first line. */
static const char *stmt_start(const char *p, size_t *len)
{
	for (;;) {
		while (ascii_isspace((unsigned char)*p))
			p++;
		if (p[0] != '-' || p[1] != '-')
			break;
		p += strcspn(p, "\n");
	}
	*len = strcspn(p, "\n");
	return p;
}

/* Run a script; false after reporting where SQLite failed. */
static bool run(struct verify *v, const char *sql, struct src_span at,
		const char *what)
{
	char *err, *stmt;
	const char *p;
	size_t n;

	if (db_exec(&v->db, sql, &err, &stmt))
		return true;
	p = stmt_start(stmt, &n);
	diag_error(v->ctx, at, "sqlite fails %s: %s", what, err);
	diag_note(v->ctx, at, "the statement: %.*s%s", (int)n, p,
		  p[n] && p[n + strspn(p + n, " \n;")] ? " ..." : "");
	if (strncmp(p, "INSERT", 6) == 0 && strstr(what, "again"))
		diag_note(v->ctx, at, "the down block leaves the rows the up "
			  "block inserts");
	free(err);
	free(stmt);
	v->failed = true;
	return false;
}

static const struct schema_observer *v_begin(void *arg, size_t i, bool down,
					     const struct schema *s)
{
	struct verify *v = arg;
	struct rev *r = v->revs[i];

	(void)s;
	if (failing(v) || (down && !v->trip[i]))
		return NULL;
	if (!down) {
		facts_release(&v->before);
		v->before = v->after;
		memset(&v->after, 0, sizeof(v->after));
	}
	v->at.revs = v->revs;
	v->at.n = down ? i + 1 : i;
	v->at.branch = NULL;
	v->plan = planner_plan(v->pl, r, down, false);
	/* Each script's header digests its own file only (as build's). */
	v->o.has_source = true;
	v->o.source = r->ast->id->span.file;
	v->e = emit_new(v->ctx, v->proj, v->plan, &v->at,
			down ? "verify down" : "verify up", v->d, &v->o);
	emit_step_begin(v->e, 0);
	return emit_observer(v->e, &v->obs);
}

/* Raw DDL that runs in sqlite: a table the model does not know may be
 * its, and is left out from then on. */
static void v_raw(void *arg, const struct schema *s,
		  const struct schema_change *c)
{
	struct verify *v = arg;
	unsigned mask = c->stmt->kind == AST_RAW_SQL ? c->stmt->u.raw.mask : 0;

	(void)s;
	if (c->raw_ddl && (!mask || (mask & v->d->bit)))
		v->raw_seen = true;
}

static bool has_key(const struct facts *f, const char *key)
{
	return f->n && bsearch(&key, f->key, f->n, sizeof(*f->key), cmp_line);
}

/* After raw DDL: skip the database's tables the model does not have. */
static void skip_unknown(struct verify *v, const struct facts *model)
{
	sqlite3_stmt *st;
	struct strbuf key;

	if (!v->raw_seen)
		return;
	st = db_query(&v->db, "SELECT name FROM sqlite_master WHERE type = "
		      "'table' AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' "
		      "AND name <> '%q'", v->db.vt);
	strbuf_init(&key);
	while (sqlite3_step(st) == SQLITE_ROW) {
		strbuf_reset(&key);
		strbuf_addf(&key, "table \"%s\"", col_text(st, 0));
		if (!has_key(model, key.buf))
			skip_add(&v->skip, col_text(st, 0));
	}
	strbuf_release(&key);
	sqlite3_finalize(st);
}

/* The script the emitter wrote, or NULL after an error. */
static char *v_script(struct verify *v)
{
	struct strbuf text;

	emit_step_end(v->e);
	strbuf_init(&text);
	if (failing(v)) {
		emit_free(v->e);
		v->e = NULL;
		strbuf_release(&text);
		return NULL;
	}
	if (emit_finish(v->e, &text) != 0) {
		v->e = NULL;
		strbuf_release(&text);
		v->failed = true;
		return NULL;
	}
	v->e = NULL;
	return strbuf_detach(&text, NULL);
}

static void after_up(struct verify *v, struct rev *r, const struct schema *s)
{
	struct facts model;
	char *sql = v_script(v);
	const char *id = r->id;
	struct step scratch;

	planner_step(v->pl, r, false, &scratch);
	if (!sql || !run(v, sql, r->ast->up->span,
			 arena_printf(&v->ctx->arena, "the up block of %s", id))) {
		free(sql);
		return;
	}
	strbuf_reset(&v->up);
	strbuf_addstr(&v->up, sql);
	free(sql);
	v->st->steps++;
	model_facts(v->ctx, s, v->d, &model, &v->skip);
	skip_unknown(v, &model);
	facts_release(&v->after);
	db_facts(&v->db, &v->cache, &v->after, &v->skip);
	compare(v, &v->after, &model, CMP_MODEL, r->ast->up->span,
		arena_printf(&v->ctx->arena, "after the up block of %s, the "
			     "sqlite database differs from the model", id));
	facts_release(&model);
}

static void after_down(struct verify *v, struct rev *r, const struct schema *s)
{
	struct facts model, down, again;
	char *sql = v_script(v);
	const char *id = r->id;
	struct src_span at = r->ast->down->span;

	if (!sql || !run(v, sql, at, arena_printf(&v->ctx->arena, "the down "
						  "block of %s", id))) {
		free(sql);
		return;
	}
	free(sql);
	model_facts(v->ctx, s, v->d, &model, &v->skip);
	skip_unknown(v, &model);
	db_facts(&v->db, &v->cache, &down, &v->skip);
	if (compare(v, &down, &model, CMP_MODEL, at,
		    arena_printf(&v->ctx->arena, "after the down block of %s, "
				 "the sqlite database differs from the model",
				 id)))
		compare(v, &v->before, &down, CMP_UNDO, at,
			arena_printf(&v->ctx->arena, "the down block of %s "
				     "does not undo its up block in sqlite", id));
	facts_release(&model);
	facts_release(&down);
	if (failing(v) || !run(v, v->up.buf, r->ast->up->span,
			       arena_printf(&v->ctx->arena, "the up block of "
					    "%s run again after its down block",
					    id)))
		return;
	db_facts(&v->db, &v->cache, &again, &v->skip);
	compare(v, &v->after, &again, CMP_REDO, r->ast->up->span,
		arena_printf(&v->ctx->arena, "the up block of %s run again "
			     "after its down block gives another schema", id));
	facts_release(&again);
	v->st->round_trips++;
}

static void v_end(void *arg, size_t i, bool down, const struct schema *s)
{
	struct verify *v = arg;

	if (!v->e)
		return;
	if (down)
		after_down(v, v->revs[i], s);
	else
		after_up(v, v->revs[i], s);
}

static bool db_open(struct verify *v)
{
	if (sqlite3_open(":memory:", &v->db.h) == SQLITE_OK)
		return true;
	diag_error(v->ctx, src_span_none(), "cannot open an in-memory sqlite "
		   "database: %s", sqlite3_errmsg(v->db.h));
	sqlite3_close(v->db.h);
	v->db.h = NULL;
	return false;
}

/* Branch orders */

struct pair {
	struct rev *a, *b;	/* a before b in upgrade order */
};

struct pairs {
	struct pair *v;
	size_t n, cap;
	const bool *in;		/* the revisions verified */
};

static bool want_pair(void *arg, const struct rev *a, const struct rev *b)
{
	struct pairs *p = arg;
	size_t i;

	if (!p->in[a->order] || !p->in[b->order])
		return false;
	for (i = 0; i < p->n; i++) {
		if (p->v[i].a == a && p->v[i].b == b)
			return false;
	}
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n].a = (struct rev *)(uintptr_t)a;
	p->v[p->n].b = (struct rev *)(uintptr_t)b;
	p->n++;
	return false;
}

/* The state both of a pair start from: what their dependencies need. */
static void pair_base(struct graph *g, const struct pair *p,
		      struct target *t, struct rev **buf)
{
	size_t i, n = 0;
	uint32_t k;

	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];
		bool dep = false;

		for (k = 0; k < p->a->ndeps && !dep; k++)
			dep = p->a->deps[k] == r;
		for (k = 0; k < p->b->ndeps && !dep; k++)
			dep = p->b->deps[k] == r;
		if (dep)
			buf[n++] = g->revs[i];
	}
	t->revs = buf;
	t->n = n;
	t->branch = NULL;
}

/* A fresh database taken from base to A, then through steps; false
 * after reporting an error (at the pair's later revision). */
static bool run_order(struct verify *v, const struct target *a,
		      struct rev **steps, struct facts *out,
		      const char *order)
{
	struct target base = { NULL, 0, NULL };
	struct plan *p;
	struct strbuf sql;
	struct src_span at = steps[1]->ast->up->span;
	bool ok;

	sqlite3_close(v->db.h);
	if (!db_open(v))
		return false;
	strbuf_init(&sql);
	ok = plan_upgrade(v->ctx, v->g, &base, a, &p) == 0 &&
	     script_write(v->ctx, v->proj, v->g, p, &base, "verify", v->d,
			  &v->o, &sql) == 0 &&
	     run(v, sql.buf, at, "the revisions the branches start from");
	strbuf_reset(&sql);
	if (ok) {
		unsigned e = v->ctx->diags.errors;

		p = plan_steps(v->ctx, v->g, a, steps, 2, false);
		ok = script_write(v->ctx, v->proj, v->g, p, a, "verify", v->d,
				  &v->o, &sql) == 0;
		if (!ok && v->ctx->diags.errors != e)
			diag_note(v->ctx, steps[0]->ast->id->span, "in the "
				  "order %s, which a database may take", order);
	}
	ok = ok && run(v, sql.buf, at, arena_printf(&v->ctx->arena,
		       "the branches in the order %s", order));
	strbuf_release(&sql);
	if (ok)
		db_facts(&v->db, &v->cache, out, &v->skip);
	v->failed |= !ok;
	return ok;
}

static void verify_pair(struct verify *v, const struct pair *p)
{
	struct rev **buf = xmalloc((v->g->n + 1) * sizeof(*buf));
	struct rev *fwd[2] = { p->a, p->b }, *back[2] = { p->b, p->a };
	struct facts one, two;
	struct target a;

	memset(&one, 0, sizeof(one));
	memset(&two, 0, sizeof(two));
	pair_base(v->g, p, &a, buf);
	if (run_order(v, &a, fwd, &one, arena_printf(&v->ctx->arena,
		      "%s, then %s", p->a->id, p->b->id)) &&
	    run_order(v, &a, back, &two, arena_printf(&v->ctx->arena,
		      "%s, then %s", p->b->id, p->a->id))) {
		if (compare(v, &one, &two, CMP_ORDER, p->b->ast->up->span,
			    arena_printf(&v->ctx->arena, "%s and %s give "
					 "another schema when %s runs first",
					 p->a->id, p->b->id, p->b->id)))
			v->st->orders++;
		else
			diag_note(v->ctx, p->a->ast->up->span, "%s is here; "
				  "neither is an ancestor of the other",
				  p->a->id);
	}
	facts_release(&one);
	facts_release(&two);
	free(buf);
}

static void verify_orders(struct verify *v, const bool *in)
{
	struct commute *cm = commute_new(v->ctx);
	struct ast_revision **revs = xmalloc((v->g->n + 1) * sizeof(*revs));
	struct pairs p = { NULL, 0, 0, in };
	struct schema *model;
	size_t i;

	/* The clashes check warns about, recorded by a quiet replay. */
	for (i = 0; i < v->g->n; i++)
		revs[i] = v->g->revs[i]->ast;
	v->ctx->diags.mute++;
	schema_replay(v->ctx, revs, v->g->n, commute_watch(cm), &model);
	commute_report(cm, v->g, want_pair, &p);
	v->ctx->diags.mute--;
	commute_free(cm);
	free(revs);
	for (i = 0; i < p.n && !failing(v); i++)
		verify_pair(v, &p.v[i]);
	free(p.v);
}

int verify_run(struct rt_ctx *ctx, const struct project *proj,
	       struct graph *g, const struct target *from,
	       const struct target *to, const struct emit_opts *o,
	       struct verify_stats *st)
{
	struct verify v;
	bool *in = xcalloc(g->n + 1, sizeof(*in));
	bool *done = xcalloc(g->n + 1, sizeof(*done));
	bool *trip = xcalloc(g->n + 1, sizeof(*trip));
	struct ast_revision **revs = xmalloc((g->n + 1) * sizeof(*revs));
	struct schema_watch w = { v_begin, v_end, &v };
	struct schema *model;
	size_t i;

	memset(&v, 0, sizeof(v));
	memset(st, 0, sizeof(*st));
	v.ctx = ctx;
	v.proj = proj;
	v.g = g;
	v.d = dialect_named("sqlite");
	v.o = *o;
	v.o.tx = TX_SCRIPT;
	v.o.guard = true;
	v.db.vt = v.o.version_table;
	v.st = st;
	v.errors0 = ctx->diags.errors;
	v.revs = xmalloc((g->n + 1) * sizeof(*v.revs));
	v.pl = planner_new(ctx, g, &(struct target){ NULL, 0, NULL });
	v.obs.after = v_raw;
	v.obs.arg = &v;
	strbuf_init(&v.up);
	target_closure_flags(g, to, in);
	target_closure_flags(g, from, done);
	for (i = 0; i < g->n; i++) {
		if (!in[i])
			continue;
		trip[v.n] = !done[i] && g->revs[i]->ast->down;
		revs[v.n] = g->revs[i]->ast;
		v.revs[v.n++] = g->revs[i];
	}
	v.trip = trip;
	if (db_open(&v)) {
		db_facts(&v.db, &v.cache, &v.after, &v.skip);
		ctx->stage = "schema";
		schema_replay(ctx, revs, v.n, &w, &model);
		ctx->stage = NULL;
		emit_free(v.e);
		if (!failing(&v))
			verify_orders(&v, in);
		st->skipped = v.skip.n;
		for (i = 0; i < v.skip.n && !failing(&v); i++)
			diag_note(ctx, src_span_none(), "table \"%s\" was not "
				  "compared: raw SQL with DDL may have changed "
				  "it", v.skip.names[i]);
	}
	sqlite3_close(v.db.h);
	facts_release(&v.before);
	facts_release(&v.after);
	skip_release(&v.skip);
	cache_release(&v.cache);
	planner_free(v.pl);
	strbuf_release(&v.up);
	free(v.revs);
	free(revs);
	free(trip);
	free(done);
	free(in);
	return (int)(ctx->diags.errors - v.errors0);
}
