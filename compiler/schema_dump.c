/*
 * schema_dump.c: copying a whole model (schema_clone) and writing it out
 * as a deterministic snapshot (schema_dump), one line per object, which
 * the model's unit tests compare.
 */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ptrmap.h"
#include "rt.h"
#include "schema_int.h"
#include "strbuf.h"
#include "types.h"
#include "util.h"

/* Cloning: old object -> new object through a scratch map (on the heap,
 * freed at the end, so that it leaves nothing in the arena). */

static void *remap(const struct ptrmap *m, const void *old)
{
	return ptrmap_get(m, old);
}

static struct schema_column **remap_cols(struct schema *n,
					 const struct ptrmap *m,
					 struct schema_column *const *cols,
					 size_t ncols)
{
	struct schema_column **a = arena_alloc(n->arena,
					       (ncols + 1) * sizeof(*a));
	size_t i;

	for (i = 0; i < ncols; i++)	/* NULL: an index's expression */
		a[i] = cols[i] ? remap(m, cols[i]) : NULL;
	return a;
}

static void clone_table(struct schema *n, struct ptrmap *m,
			const struct schema_table *t)
{
	struct schema_table *nt = schema_alloc_table(n);
	size_t i;

	nt->obj = t->obj;
	nt->born = t->born;
	for (i = 0; i < t->ncols; i++) {
		struct schema_column *c = arena_alloc(n->arena, sizeof(*c));

		*c = *t->cols[i];
		c->table = nt;
		c->uses = 0;		/* counted again as keys are added */
		c->mark = 0;
		schema_add_column(n, nt, c);
		ptrmap_put(m, t->cols[i], c);
	}
	schema_add_table(n, nt);
	ptrmap_put(m, t, nt);
}

static void clone_keys(struct schema *n, struct ptrmap *m,
		       const struct schema_table *t)
{
	const struct schema_con *k;
	const struct schema_index *x;

	for (k = t->cons; k; k = k->next) {
		struct schema_con *nk = arena_alloc(n->arena, sizeof(*nk));

		*nk = *k;
		nk->table = remap(m, k->table);
		nk->cols = remap_cols(n, m, k->cols, k->ncols);
		if (k->kind == CON_FOREIGN_KEY) {
			nk->ref = remap(m, k->ref);
			nk->ref_cols = remap_cols(n, m, k->ref_cols, k->ncols);
		}
		schema_add_con(n, nk);
		ptrmap_put(m, k, nk);
	}
	for (x = t->indexes; x; x = x->next) {
		struct schema_index *nx = arena_alloc(n->arena, sizeof(*nx));

		*nx = *x;
		nx->table = remap(m, x->table);
		nx->cols = remap_cols(n, m, x->cols, x->ncols);
		nx->where_cols = remap_cols(n, m, x->where_cols, x->nwhere);
		schema_add_index(n, nx);
	}
}

/* Foreign keys were added table by table: put each table's inbound list
 * back in its original (creation) order. */
static void clone_inbound(const struct ptrmap *m,
			  const struct schema_table *t)
{
	struct schema_table *nt = remap(m, t);
	size_t i;

	if (nt->ninbound != t->ninbound)
		RT_BUG("cloned table has %zu foreign keys to it, not %zu",
		       nt->ninbound, t->ninbound);
	for (i = 0; i < t->ninbound; i++)
		nt->inbound[i] = remap(m, t->inbound[i]);
}

struct schema *schema_clone(struct rt_ctx *ctx, const struct schema *s)
{
	struct schema *n = schema_new(ctx);
	struct ptrmap m;
	struct schema_table **tables = schema_tables_sorted(ctx, s);
	size_t i;

	if (s->recording)
		RT_BUG("schema_clone inside schema_begin");
	n->raw_ddl = s->raw_ddl;
	for (i = 0; i < s->nschemas; i++)
		schema_note_schema(n, s->schemas[i]);
	ptrmap_init(&m);
	for (i = 0; i < s->ntables; i++)
		clone_table(n, &m, tables[i]);
	for (i = 0; i < s->ntables; i++)
		clone_keys(n, &m, tables[i]);
	for (i = 0; i < s->ntables; i++)
		clone_inbound(&m, tables[i]);
	for (i = 0; i < s->enums.cap; i++) {
		const struct schema_slot *sl = &s->enums.slots[i];
		struct schema_enum *ne;

		if (!sl->k2)
			continue;
		ne = arena_alloc(n->arena, sizeof(*ne));
		*ne = *(const struct schema_enum *)sl->val;
		schema_map_put(n, &n->enums, NULL, ne->key, ne);
	}
	for (i = 0; i < s->names.cap; i++) {
		const struct schema_slot *sl = &s->names.slots[i];
		struct schema_sequence *nq;

		if (!sl->k2 || ((const struct schema_obj *)sl->val)->kind !=
		    SCHEMA_SEQUENCE)
			continue;
		nq = arena_alloc(n->arena, sizeof(*nq));
		*nq = *(const struct schema_sequence *)sl->val;
		schema_map_put(n, &n->names, nq->obj.schema, nq->obj.key,
			       &nq->obj);
	}
	ptrmap_release(&m);
	return n;
}

/* Dumping */

/* A name bare when it is a plain lower-case identifier, else quoted. */
static void dump_name(struct strbuf *out, const char *name)
{
	if (ascii_lower_ident(name))
		strbuf_addstr(out, name);
	else
		strbuf_add_quoted(out, name, '"');
}

static void dump_table_name(struct strbuf *out, const struct schema_table *t)
{
	if (t->obj.schema_text) {
		dump_name(out, t->obj.schema_text);
		strbuf_addch(out, '.');
	}
	dump_name(out, t->obj.text);
}

/* SQL text on one line: each run of blanks becomes one space. */
static void dump_expr(struct strbuf *out, const struct ast_node *e)
{
	const char *p;
	bool blank = false;

	strbuf_addch(out, '(');
	for (p = e->u.expr.text; *p; p++) {
		if (ascii_isspace((unsigned char)*p)) {
			blank = true;
			continue;
		}
		if (blank && out->buf[out->len - 1] != '(')
			strbuf_addch(out, ' ');
		blank = false;
		strbuf_addch(out, *p);
	}
	strbuf_addch(out, ')');
}

static void dump_literal(struct strbuf *out, const struct ast_node *v)
{
	static const char *const words[] = {
		[LIT_TRUE] = "true", [LIT_FALSE] = "false", [LIT_NULL] = "null",
		[LIT_CURRENT_TIMESTAMP] = "current_timestamp",
		[LIT_CURRENT_DATE] = "current_date",
		[LIT_CURRENT_TIME] = "current_time",
		[LIT_NEW_UUID] = "new_uuid()",
		[LIT_NOW_PRECISE] = "now_precise()",
	};
	const char *p;

	if (v->kind == AST_EXPR) {
		dump_expr(out, v);
	} else if (v->u.lit.kind == LIT_NUMBER) {
		strbuf_addstr(out, v->u.lit.text);
	} else if (v->u.lit.kind == LIT_STRING) {
		strbuf_addch(out, '\'');
		for (p = v->u.lit.text; *p; p++) {
			if (*p == '\'')
				strbuf_addch(out, '\'');
			strbuf_addch(out, *p);
		}
		strbuf_addch(out, '\'');
	} else if (v->u.lit.kind == LIT_NEXTVAL) {
		const struct ast_node *q = v->u.lit.seq;

		strbuf_addstr(out, "nextval(");
		if (q && q->u.qname.schema) {
			dump_name(out, q->u.qname.schema->u.name.text);
			strbuf_addch(out, '.');
		}
		if (q)
			dump_name(out, q->u.qname.name->u.name.text);
		strbuf_addch(out, ')');
	} else {
		strbuf_addstr(out, words[v->u.lit.kind]);
	}
}

static void dump_type(struct strbuf *out, const struct ast_node *type)
{
	const struct type_info *ti = type_lookup(type->u.type.name);
	const struct ast_node *a;
	unsigned i;

	strbuf_addstr(out, ti ? ti->canonical : type->u.type.name);
	for (a = type->u.type.args.head; a; a = a->next) {
		strbuf_addstr(out, a == type->u.type.args.head ? "(" : ", ");
		if (a->kind == AST_NAME)
			strbuf_addstr(out, a->u.name.text);
		else
			dump_literal(out, a);
	}
	if (type->u.type.args.head)
		strbuf_addch(out, ')');
	for (i = 0; i < type->u.type.dims; i++)
		strbuf_addstr(out, "[]");
}

static void dump_column(struct strbuf *out, const struct schema_column *c)
{
	strbuf_addstr(out, "  column ");
	dump_name(out, c->text);
	strbuf_addch(out, ' ');
	dump_type(out, c->type);
	if (c->not_null)
		strbuf_addstr(out, " not null");
	if (c->dflt) {
		strbuf_addstr(out, " default ");
		dump_literal(out, c->dflt);
	}
	if (c->autoincrement)
		strbuf_addstr(out, " autoincrement");
	strbuf_addch(out, '\n');
}

static void dump_cols(struct strbuf *out, struct schema_column *const *cols,
		      const bool *desc, size_t n)
{
	size_t i;

	strbuf_addch(out, '(');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		dump_name(out, cols[i]->text);
		if (desc && desc[i])
			strbuf_addstr(out, " desc");
	}
	strbuf_addch(out, ')');
}

static const char *action_word(enum fk_action a)
{
	static const char *const words[] = {
		[FK_NONE] = "", [FK_NO_ACTION] = "no action",
		[FK_RESTRICT] = "restrict", [FK_CASCADE] = "cascade",
		[FK_SET_NULL] = "set null", [FK_SET_DEFAULT] = "set default",
	};

	return words[a];
}

static void dump_con(struct strbuf *out, const struct schema_con *k)
{
	static const char *const kinds[] = {
		[CON_PRIMARY_KEY] = " primary key ", [CON_UNIQUE] = " unique ",
		[CON_CHECK] = " check ", [CON_FOREIGN_KEY] = " foreign key ",
	};

	strbuf_addstr(out, "  constraint ");
	dump_name(out, k->obj.text);
	strbuf_addstr(out, kinds[k->kind]);
	if (k->kind == CON_CHECK) {
		dump_expr(out, k->check);
	} else {
		dump_cols(out, k->cols, NULL, k->ncols);
	}
	if (k->kind == CON_FOREIGN_KEY) {
		strbuf_addstr(out, " references ");
		dump_table_name(out, k->ref);
		strbuf_addch(out, ' ');
		dump_cols(out, k->ref_cols, NULL, k->ncols);
		if (k->on_delete)
			strbuf_addf(out, " on delete %s",
				    action_word(k->on_delete));
		if (k->on_update)
			strbuf_addf(out, " on update %s",
				    action_word(k->on_update));
	}
	strbuf_addch(out, '\n');
}

static void dump_index(struct strbuf *out, const struct schema_index *x)
{
	strbuf_addstr(out, x->unique ? "  unique index " : "  index ");
	dump_name(out, x->obj.text);
	strbuf_addch(out, ' ');
	dump_cols(out, x->cols, x->desc, x->ncols);
	if (x->where) {
		strbuf_addstr(out, " where ");
		dump_expr(out, x->where);
	}
	strbuf_addch(out, '\n');
}

static int cmp_obj(const void *pa, const void *pb)
{
	const struct schema_obj *a = *(const struct schema_obj *const *)pa;
	const struct schema_obj *b = *(const struct schema_obj *const *)pb;

	return strcmp(a->key, b->key);
}

/* The table's constraints, then its indexes, each sorted by name. */
static void dump_keys(struct strbuf *out, const struct schema_table *t)
{
	const struct schema_con *k;
	const struct schema_index *x;
	const struct schema_obj **objs;
	size_t n = 0, ncons, i;

	for (k = t->cons; k; k = k->next)
		n++;
	ncons = n;
	for (x = t->indexes; x; x = x->next)
		n++;
	objs = xmalloc((n + 1) * sizeof(*objs));
	n = 0;
	for (k = t->cons; k; k = k->next)
		objs[n++] = &k->obj;
	for (x = t->indexes; x; x = x->next)
		objs[n++] = &x->obj;
	qsort(objs, ncons, sizeof(*objs), cmp_obj);
	qsort(objs + ncons, n - ncons, sizeof(*objs), cmp_obj);
	for (i = 0; i < n; i++) {
		if (objs[i]->kind == SCHEMA_CONSTRAINT)
			dump_con(out, (const struct schema_con *)objs[i]);
		else
			dump_index(out, (const struct schema_index *)objs[i]);
	}
	free(objs);
}

/* "sequence s as integer increment 2 start 10 no cycle": the options
 * given, in the order of create sequence's synopsis. */
static void dump_sequence(struct strbuf *out, const struct schema_sequence *q)
{
	strbuf_addstr(out, "sequence ");
	if (q->obj.schema_text) {
		dump_name(out, q->obj.schema_text);
		strbuf_addch(out, '.');
	}
	dump_name(out, q->obj.text);
	if (q->as) {
		strbuf_addstr(out, " as ");
		dump_type(out, q->as);
	}
	if (q->increment)
		strbuf_addf(out, " increment %s", q->increment);
	if (q->minvalue)
		strbuf_addf(out, " minvalue %s", q->minvalue);
	if (q->maxvalue)
		strbuf_addf(out, " maxvalue %s", q->maxvalue);
	if (q->start)
		strbuf_addf(out, " start %s", q->start);
	if (q->cache)
		strbuf_addf(out, " cache %s", q->cache);
	if (q->cycle)
		strbuf_addstr(out, q->cycle > 0 ? " cycle" : " no cycle");
	strbuf_addch(out, '\n');
}

void schema_dump_object(struct strbuf *out, const struct schema_obj *o)
{
	if (o->kind == SCHEMA_SEQUENCE)
		dump_sequence(out, (const struct schema_sequence *)o);
	else if (o->kind == SCHEMA_CONSTRAINT)
		dump_con(out, (const struct schema_con *)o);
	else if (o->kind == SCHEMA_INDEX)
		dump_index(out, (const struct schema_index *)o);
	else
		schema_dump_table(out, (const struct schema_table *)o);
}

void schema_dump_column(struct strbuf *out, const struct schema_column *c)
{
	dump_column(out, c);
}

void schema_dump_table(struct strbuf *out, const struct schema_table *t)
{
	size_t j;

	strbuf_addstr(out, "table ");
	dump_table_name(out, t);
	strbuf_addch(out, '\n');
	for (j = 0; j < t->ncols; j++)
		dump_column(out, t->cols[j]);
	dump_keys(out, t);
}

static void dump_sequences(struct strbuf *out, const struct schema *s)
{
	struct schema_sequence **v = xmalloc((s->names.n + 1) * sizeof(*v));
	size_t i, n = schema_sequences_into(s, v);

	for (i = 0; i < n; i++)
		dump_sequence(out, v[i]);
	free(v);
}

void schema_dump(struct strbuf *out, const struct schema *s)
{
	struct schema_table **tables = xmalloc((s->ntables + 1) *
					       sizeof(*tables));
	size_t i;

	schema_sort_tables(s, tables);
	for (i = 0; i < s->ntables; i++)
		schema_dump_table(out, tables[i]);
	free(tables);
	dump_sequences(out, s);
}
