/*
 * commute.c: which concurrent branches do not commute (commute.h).
 */
#include "commute.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "graph.h"
#include "rt.h"
#include "schema.h"
#include "util.h"

/* What a statement does to an object. */
enum access_kind {
	ACC_USE,	/* needs it as it is */
	ACC_CREATE,	/* makes it (it must not be there) */
	ACC_DROP,	/* removes it (a rename removes the old name) */
	ACC_ALTER,	/* changes it: the last change wins */
	ACC_ROWS,	/* a table's rows: inserts them */
	ACC_EMPTY,	/* a table's rows: needs none (NOT NULL, no default) */
	ACC_CHANGES,	/* a table's rows: changes what they may hold */
};

/* The objects: a name in a schema's namespace (table, index,
 * constraint); a column of a table (the model's table, which a rename
 * keeps); a table's rows. */
enum key_tag { KEY_NAME, KEY_COLUMN, KEY_ROWS };

struct key {
	enum key_tag tag;
	const void *k1;
	const void *k2;
	uint32_t first;		/* its first access, then through next */
	uint32_t last;
};

struct access {
	const struct ast_node *stmt;
	uint32_t rev;		/* the revision's place in upgrade order */
	uint32_t next;		/* the key's next access, or NONE */
	enum access_kind kind;
};

#define NONE UINT32_MAX

struct commute {
	struct rt_ctx *ctx;
	struct schema_watch watch;
	struct schema_observer obs;
	uint32_t rev;			/* the revision being replayed */
	struct key *keys;
	size_t nkeys, capkeys;
	uint32_t *index;		/* open addressing over keys */
	size_t capindex;		/* a power of two */
	struct access *acc;
	size_t nacc, capacc;
};

static size_t key_hash(enum key_tag tag, const void *k1, const void *k2)
{
	uint64_t h = (uint64_t)(uintptr_t)k1 * 0x9E3779B97F4A7C15ull;

	h ^= (uint64_t)(uintptr_t)k2 * 0xC2B2AE3D27D4EB4Full;
	h ^= (uint64_t)tag * 0x165667B19E3779F9ull;
	h ^= h >> 31;
	h *= 0x94D049BB133111EBull;
	h ^= h >> 29;
	return (size_t)h;
}

static void index_grow(struct commute *c)
{
	size_t cap = c->capindex ? c->capindex * 2 : 1024, i;

	free(c->index);
	c->index = xmalloc(cap * sizeof(*c->index));
	memset(c->index, 0xff, cap * sizeof(*c->index));
	c->capindex = cap;
	for (i = 0; i < c->nkeys; i++) {
		const struct key *k = &c->keys[i];
		size_t j = key_hash(k->tag, k->k1, k->k2) & (cap - 1);

		while (c->index[j] != NONE)
			j = (j + 1) & (cap - 1);
		c->index[j] = (uint32_t)i;
	}
}

/* The key (tag, k1, k2), made on first use. */
static struct key *key_of(struct commute *c, enum key_tag tag,
			  const void *k1, const void *k2)
{
	size_t j;
	struct key *k;

	if ((c->nkeys + 1) * 2 > c->capindex)
		index_grow(c);
	j = key_hash(tag, k1, k2) & (c->capindex - 1);
	for (; c->index[j] != NONE; j = (j + 1) & (c->capindex - 1)) {
		k = &c->keys[c->index[j]];
		if (k->tag == tag && k->k1 == k1 && k->k2 == k2)
			return k;
	}
	c->keys = xgrow(c->keys, &c->capkeys, c->nkeys + 1, sizeof(*c->keys));
	c->index[j] = (uint32_t)c->nkeys;
	k = &c->keys[c->nkeys++];
	k->tag = tag;
	k->k1 = k1;
	k->k2 = k2;
	k->first = k->last = NONE;
	return k;
}

static void add(struct commute *c, const struct ast_node *stmt,
		enum key_tag tag, const void *k1, const void *k2,
		enum access_kind kind)
{
	struct key *k = key_of(c, tag, k1, k2);
	uint32_t a = (uint32_t)c->nacc;

	c->acc = xgrow(c->acc, &c->capacc, c->nacc + 1, sizeof(*c->acc));
	c->acc[a].stmt = stmt;
	c->acc[a].rev = c->rev;
	c->acc[a].next = NONE;
	c->acc[a].kind = kind;
	c->nacc++;
	if (k->last == NONE)
		k->first = a;
	else
		c->acc[k->last].next = a;
	k->last = a;
}

static void add_obj(struct commute *c, const struct ast_node *stmt,
		    const struct schema_obj *o, enum access_kind kind)
{
	add(c, stmt, KEY_NAME, o->schema, o->key, kind);
}

static void add_cols(struct commute *c, const struct ast_node *stmt,
		     const struct schema_table *t,
		     struct schema_column *const *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cols[i])	/* NULL: an index's expression */
			add(c, stmt, KEY_COLUMN, t, cols[i]->key, ACC_USE);
}

/* The key constraint of fk's table that fk references. */
static const struct schema_con *fk_key(const struct schema_con *fk)
{
	const struct schema_con *k;

	for (k = fk->ref->cons; k; k = k->next) {
		if ((k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE) &&
		    k->ncols == fk->ncols &&
		    memcmp(k->cols, fk->ref_cols,
			   fk->ncols * sizeof(*k->cols)) == 0)
			return k;
	}
	return NULL;
}

/* Constraints from k on, made by stmt: their names, their columns, and
 * what a foreign key ties its table to. */
static void add_cons(struct commute *c, const struct ast_node *stmt,
		     const struct schema_con *k)
{
	for (; k; k = k->next) {
		const struct schema_con *key;

		add_obj(c, stmt, &k->obj, ACC_CREATE);
		add_cols(c, stmt, k->table, k->cols, k->ncols);
		if (k->kind != CON_FOREIGN_KEY || k->ref == k->table)
			continue;
		add_obj(c, stmt, &k->ref->obj, ACC_USE);
		add_cols(c, stmt, k->ref, k->ref_cols, k->ncols);
		if ((key = fk_key(k)) != NULL)
			add_obj(c, stmt, &key->obj, ACC_USE);
	}
}

/* The observer: what one statement of an up block did. */
static void record(void *arg, const struct schema *s,
		   const struct schema_change *ch)
{
	struct commute *c = arg;
	const struct ast_node *st = ch->stmt;
	const struct schema_table *t = ch->table;
	const struct schema_column *col = ch->column;
	const struct ast_node *n;
	size_t i;

	(void)s;
	if (ch->skipped)	/* it did nothing */
		return;
	switch (st->kind) {
	case AST_CREATE_TABLE:
		add_obj(c, st, &t->obj, ACC_CREATE);
		add_cons(c, st, ch->con);
		return;
	case AST_DROP_TABLE:
		add_obj(c, st, &t->obj, ACC_DROP);
		return;
	case AST_RENAME_TABLE:
		add(c, st, KEY_NAME, t->obj.schema,
		    st->u.alter.table->u.qname.name->u.name.key, ACC_DROP);
		add_obj(c, st, &t->obj, ACC_CREATE);
		return;
	case AST_CREATE_INDEX:
		add_obj(c, st, &t->obj, ACC_USE);
		add_cols(c, st, t, ch->index->cols, ch->index->ncols);
		add_cols(c, st, t, ch->index->where_cols, ch->index->nwhere);
		add_obj(c, st, &ch->index->obj, ACC_CREATE);
		return;
	case AST_DROP_INDEX:
		add_obj(c, st, &t->obj, ACC_USE);
		add_obj(c, st, &ch->index->obj, ACC_DROP);
		return;
	case AST_RENAME_INDEX:
		add_obj(c, st, &t->obj, ACC_USE);
		add(c, st, KEY_NAME, ch->index->obj.schema,
		    st->u.rename_index.name->u.qname.name->u.name.key,
		    ACC_DROP);
		add_obj(c, st, &ch->index->obj, ACC_CREATE);
		return;
	case AST_INSERT:
		add_obj(c, st, &t->obj, ACC_USE);
		for (n = st->u.insert.cols.head; n; n = n->next)
			add(c, st, KEY_COLUMN, t, n->u.name.key, ACC_USE);
		add(c, st, KEY_ROWS, t, NULL, ACC_ROWS);
		return;
	case AST_UPDATE:
	case AST_DELETE:
		add_obj(c, st, &t->obj, ACC_USE);
		for (n = st->u.dml.sets.head; n; n = n->next)
			add(c, st, KEY_COLUMN, t,
			    n->u.assign.column->u.name.key, ACC_USE);
		add(c, st, KEY_ROWS, t, NULL, ACC_ROWS);
		return;
	case AST_COMMENT:
		add_obj(c, st, &t->obj, ACC_USE);
		if (col)
			add(c, st, KEY_COLUMN, t, col->key, ACC_USE);
		return;
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
		/* A type's name is in the tables' namespace (PostgreSQL). */
		add(c, st, KEY_NAME, NULL, st->u.etype.name->u.name.key,
		    st->kind == AST_CREATE_TYPE ? ACC_CREATE :
		    st->kind == AST_DROP_TYPE ? ACC_DROP : ACC_ALTER);
		return;
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
		/* In the namespace of tables and indexes (PostgreSQL). */
		add_obj(c, st, &ch->seq->obj,
			st->kind == AST_CREATE_SEQUENCE ? ACC_CREATE :
			st->kind == AST_DROP_SEQUENCE ? ACC_DROP : ACC_ALTER);
		return;
	case AST_RAW_SQL:
		return;
	default:
		break;
	}
	add_obj(c, st, &t->obj, ACC_USE);
	switch (st->kind) {
	case AST_ADD_COLUMN:
		add(c, st, KEY_COLUMN, t, col->key, ACC_CREATE);
		add_cons(c, st, ch->con);
		if (col->not_null && !col->dflt && !col->autoincrement)
			add(c, st, KEY_ROWS, t, NULL, ACC_EMPTY);
		break;
	case AST_DROP_COLUMN:
		add(c, st, KEY_COLUMN, t, col->key, ACC_DROP);
		for (i = 0; i < ch->ngone; i++)
			add_obj(c, st, ch->gone[i], ACC_DROP);
		break;
	case AST_RENAME_COLUMN:
		add(c, st, KEY_COLUMN, t, st->u.alter.column->u.name.key,
		    ACC_DROP);
		add(c, st, KEY_COLUMN, t, col->key, ACC_CREATE);
		break;
	case AST_ADD_CONSTRAINT:
		add_cons(c, st, ch->con);
		break;
	case AST_DROP_CONSTRAINT:
		add_obj(c, st, &ch->con->obj, ACC_DROP);
		break;
	case AST_RENAME_CONSTRAINT:
		add(c, st, KEY_NAME, ch->con->obj.schema,
		    st->u.alter.def->u.name.key, ACC_DROP);
		add_obj(c, st, &ch->con->obj, ACC_CREATE);
		break;
	default:	/* type, nullability, default */
		add(c, st, KEY_COLUMN, t, col->key, ACC_ALTER);
		add(c, st, KEY_ROWS, t, NULL, ACC_CHANGES);
		break;
	}
}

static const struct schema_observer *watch_begin(void *arg, size_t i,
						 bool down,
						 const struct schema *s)
{
	struct commute *c = arg;

	(void)s;
	if (down)
		return NULL;
	c->rev = (uint32_t)i;
	return &c->obs;
}

struct commute *commute_new(struct rt_ctx *ctx)
{
	struct commute *c = xcalloc(1, sizeof(*c));

	c->ctx = ctx;
	c->watch.begin = watch_begin;
	c->watch.arg = c;
	c->obs.after = record;
	c->obs.arg = c;
	return c;
}

void commute_free(struct commute *c)
{
	if (!c)
		return;
	free(c->keys);
	free(c->index);
	free(c->acc);
	free(c);
}

const struct schema_watch *commute_watch(struct commute *c)
{
	return &c->watch;
}

/* Does the order of two accesses to one object matter? */
static bool clash(enum key_tag tag, enum access_kind x, enum access_kind y)
{
	if (tag == KEY_ROWS)
		return (x == ACC_ROWS && (y == ACC_EMPTY || y == ACC_CHANGES)) ||
		       (y == ACC_ROWS && (x == ACC_EMPTY || x == ACC_CHANGES));
	if (x == ACC_CREATE || x == ACC_DROP || y == ACC_CREATE ||
	    y == ACC_DROP)
		return true;
	return x == ACC_ALTER && y == ACC_ALTER;
}

/* Accesses that may clash with another of any kind: the writers. */
static bool writes(enum key_tag tag, enum access_kind k)
{
	if (tag == KEY_ROWS)
		return k == ACC_EMPTY || k == ACC_CHANGES;
	return k == ACC_CREATE || k == ACC_DROP || k == ACC_ALTER;
}

/* "adds column "w" to table "t"": what stmt does, for the warning. */
static const char *what(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *t = NULL;
	const char *tn;

	switch (s->kind) {
	case AST_CREATE_TABLE:
		t = s->u.create.table;
		break;
	case AST_CREATE_INDEX:
		t = s->u.index.table;
		break;
	case AST_INSERT:
		t = s->u.insert.table;
		break;
	case AST_UPDATE:
	case AST_DELETE:
		t = s->u.dml.table;
		break;
	case AST_COMMENT:
		t = s->u.comment.table;
		break;
	case AST_DROP_INDEX:
		return arena_printf(&ctx->arena, "drops index \"%s\"",
				    s->u.drop_index.name->u.qname.name->u.name.text);
	case AST_RENAME_INDEX:
		return arena_printf(&ctx->arena, "renames index \"%s\" to "
				    "\"%s\"", s->u.rename_index.name->u.qname.
				    name->u.name.text,
				    s->u.rename_index.to->u.name.text);
	case AST_CREATE_TYPE:
		return arena_printf(&ctx->arena, "creates type \"%s\"",
				    s->u.etype.name->u.name.text);
	case AST_DROP_TYPE:
		return arena_printf(&ctx->arena, "drops type \"%s\"",
				    s->u.etype.name->u.name.text);
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
		return arena_printf(&ctx->arena, "alters type \"%s\"",
				    s->u.etype.name->u.name.text);
	case AST_CREATE_SEQUENCE:
		return arena_printf(&ctx->arena, "creates sequence \"%s\"",
				    s->u.seq.name->u.qname.name->u.name.text);
	case AST_DROP_SEQUENCE:
		return arena_printf(&ctx->arena, "drops sequence \"%s\"",
				    s->u.seq.name->u.qname.name->u.name.text);
	case AST_ALTER_SEQUENCE:
		return arena_printf(&ctx->arena, "alters sequence \"%s\"",
				    s->u.seq.name->u.qname.name->u.name.text);
	case AST_RAW_SQL:
		return "runs raw SQL";
	default:
		t = s->u.alter.table;
		break;
	}
	tn = t->u.qname.name->u.name.text;
	switch (s->kind) {
	case AST_CREATE_TABLE:
		return arena_printf(&ctx->arena, "creates table \"%s\"", tn);
	case AST_CREATE_INDEX:
		return arena_printf(&ctx->arena, "creates an index on table "
				    "\"%s\"", tn);
	case AST_INSERT:
		return arena_printf(&ctx->arena, "inserts into table \"%s\"", tn);
	case AST_UPDATE:
		return arena_printf(&ctx->arena, "updates table \"%s\"", tn);
	case AST_DELETE:
		return arena_printf(&ctx->arena, "deletes from table \"%s\"",
				    tn);
	case AST_COMMENT:
		return arena_printf(&ctx->arena, "comments on table \"%s\"",
				    tn);
	case AST_DROP_TABLE:
		return arena_printf(&ctx->arena, "drops table \"%s\"", tn);
	case AST_RENAME_TABLE:
		return arena_printf(&ctx->arena, "renames table \"%s\" to "
				    "\"%s\"", tn, s->u.alter.name->u.name.text);
	case AST_ADD_COLUMN:
		return arena_printf(&ctx->arena, "adds column \"%s\" to table "
				    "\"%s\"", s->u.alter.def->u.column.name->
				    u.name.text, tn);
	case AST_DROP_COLUMN:
		return arena_printf(&ctx->arena, "drops column \"%s\" of table "
				    "\"%s\"", s->u.alter.column->u.name.text, tn);
	case AST_RENAME_COLUMN:
		return arena_printf(&ctx->arena, "renames column \"%s\" of "
				    "table \"%s\" to \"%s\"",
				    s->u.alter.column->u.name.text, tn,
				    s->u.alter.name->u.name.text);
	case AST_ADD_CONSTRAINT:
		return arena_printf(&ctx->arena, "adds a constraint to table "
				    "\"%s\"", tn);
	case AST_DROP_CONSTRAINT:
		return arena_printf(&ctx->arena, "drops constraint \"%s\" of "
				    "table \"%s\"", s->u.alter.name->u.name.text,
				    tn);
	case AST_RENAME_CONSTRAINT:
		return arena_printf(&ctx->arena, "renames constraint \"%s\" "
				    "of table \"%s\" to \"%s\"",
				    s->u.alter.def->u.name.text, tn,
				    s->u.alter.name->u.name.text);
	default:
		return arena_printf(&ctx->arena, "changes column \"%s\" of "
				    "table \"%s\"", s->u.alter.column->u.name.text,
				    tn);
	}
}

/* The pairs reported so far: a set of (earlier, later) revision
 * numbers, open addressing. */
struct pairs {
	uint64_t *v;		/* (a << 32 | b) + 1; 0: empty */
	size_t cap, n;
};

static bool pair_add(struct pairs *p, uint32_t a, uint32_t b)
{
	uint64_t x = ((uint64_t)a << 32 | b) + 1;
	size_t j;

	if ((p->n + 1) * 2 > p->cap) {
		struct pairs q = { NULL, p->cap ? p->cap * 2 : 64, 0 };
		size_t i;

		q.v = xcalloc(q.cap, sizeof(*q.v));
		for (i = 0; i < p->cap; i++) {
			if (!p->v[i])
				continue;
			j = key_hash(KEY_NAME, (const void *)(uintptr_t)p->v[i],
				     NULL) & (q.cap - 1);
			while (q.v[j])
				j = (j + 1) & (q.cap - 1);
			q.v[j] = p->v[i];
			q.n++;
		}
		free(p->v);
		*p = q;
	}
	j = key_hash(KEY_NAME, (const void *)(uintptr_t)x, NULL) & (p->cap - 1);
	for (; p->v[j]; j = (j + 1) & (p->cap - 1)) {
		if (p->v[j] == x)
			return false;
	}
	p->v[j] = x;
	p->n++;
	return true;
}

size_t commute_report(struct commute *c, struct graph *g,
		      bool (*want)(void *arg, const struct rev *a,
				   const struct rev *b),
		      void *arg)
{
	struct pairs done = { NULL, 0, 0 };
	size_t k, n = 0;

	for (k = 0; k < c->nkeys; k++) {
		const struct key *key = &c->keys[k];
		uint32_t w, y;

		for (w = key->first; w != NONE; w = c->acc[w].next) {
			const struct access *aw = &c->acc[w];

			if (!writes(key->tag, aw->kind))
				continue;
			for (y = key->first; y != NONE; y = c->acc[y].next) {
				const struct access *ay = &c->acc[y];
				const struct access *x1 = aw, *x2 = ay;
				struct rev *r1, *r2;

				/* Two writers meet once, from the earlier. */
				if (ay->rev == aw->rev ||
				    (writes(key->tag, ay->kind) && y < w) ||
				    !clash(key->tag, aw->kind, ay->kind))
					continue;
				if (ay->rev < aw->rev) {
					x1 = ay;
					x2 = aw;
				}
				r1 = g->revs[x1->rev];
				r2 = g->revs[x2->rev];
				if (graph_is_ancestor(g, r1, r2) ||
				    (want && !want(arg, r1, r2)) ||
				    !pair_add(&done, x1->rev, x2->rev))
					continue;
				diag_warning(c->ctx, x2->stmt->span,
					     "%s %s; %s %s: these branches do "
					     "not commute", r2->id,
					     what(c->ctx, x2->stmt), r1->id,
					     what(c->ctx, x1->stmt));
				diag_note(c->ctx, x1->stmt->span, "%s %s here; "
					  "neither revision is an ancestor of "
					  "the other, so a database may take "
					  "them in either order", r1->id,
					  what(c->ctx, x1->stmt));
				n++;
			}
		}
	}
	free(done.v);
	return n;
}
