/*
 * schema_apply.c: replaying a block's statements over the model, with the
 * checks of LANGUAGE.md "Meaning: the schema model".  Each statement is
 * checked first and then changes the model through the primitives.
 */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "rt.h"
#include "schema_int.h"
#include "strbuf.h"
#include "types.h"
#include "util.h"

/* Names in the AST and in messages */

static const char *qn_schema(const struct ast_node *qn)
{
	return qn->u.qname.schema ? qn->u.qname.schema->u.name.key : NULL;
}

static const char *qn_label(struct rt_ctx *ctx, const struct ast_node *qn)
{
	const struct ast_node *sch = qn->u.qname.schema;

	if (!sch)
		return qn->u.qname.name->u.name.text;
	return arena_printf(&ctx->arena, "%s.%s", sch->u.name.text,
			    qn->u.qname.name->u.name.text);
}

static const char *obj_label(struct rt_ctx *ctx, const struct schema_obj *o)
{
	if (o->kind == SCHEMA_TABLE)
		return schema_table_label(ctx, (const struct schema_table *)o);
	if (o->kind == SCHEMA_SEQUENCE && o->schema_text)
		return arena_printf(&ctx->arena, "%s.%s", o->schema_text,
				    o->text);
	return o->text;
}

/* Remember that the name k1.key held what, which stmt drops (now
 * NULL) or renames to now. */
static void bury(struct schema *s, const void *k1, const char *key,
		 const char *what, const char *text, const char *now,
		 const struct ast_node *stmt)
{
	struct schema_grave *g = arena_alloc(s->arena, sizeof(*g));

	g->what = what;
	g->text = text;
	g->now = now;
	g->at = stmt->span;
	g->by = s->origin;
	schema_map_put(s, &s->graves, k1, key, g);
}

/* After "... does not exist": which revision dropped or renamed it. */
static void note_grave(struct rt_ctx *ctx, const struct schema *s,
		       const void *k1, const char *key)
{
	const struct schema_grave *g = schema_map_get(&s->graves, k1, key);

	if (!g)
		return;
	if (g->now)
		diag_note(ctx, g->at, "%s \"%s\" was renamed to \"%s\"%s%s%s",
			  g->what, g->text, g->now, g->by ? " by " : "",
			  g->by ? g->by->id->u.word.text : "",
			  s->db_order ? ", which this database has applied"
				      : "");
	else
		diag_note(ctx, g->at, "%s \"%s\" was dropped%s%s%s", g->what,
			  g->text, g->by ? " by " : "",
			  g->by ? g->by->id->u.word.text : "",
			  s->db_order ? ", which this database has applied"
				      : "");
}

static void note_created(struct rt_ctx *ctx, const struct schema_obj *o)
{
	diag_note(ctx, o->created, "%s \"%s\" is created here",
		  schema_kind_word(o->kind), obj_label(ctx, o));
}

static void error_exists(struct rt_ctx *ctx, struct src_span at,
			 const struct schema_obj *old)
{
	diag_error(ctx, at, "%s \"%s\" already exists",
		   schema_kind_word(old->kind), obj_label(ctx, old));
	note_created(ctx, old);
}

static struct schema_table *find_table(struct rt_ctx *ctx,
				       const struct schema *s,
				       const struct ast_node *qn)
{
	struct schema_table *t = schema_table_named(s, qn);
	struct schema_table **all;
	const struct schema_table *best = NULL;
	struct suggest sg;
	size_t i, n;

	if (t)
		return t;
	diag_error(ctx, qn->span, "table \"%s\" does not exist",
		   qn_label(ctx, qn));
	if (schema_map_get(&s->graves, qn_schema(qn),
			   qn->u.qname.name->u.name.key)) {
		note_grave(ctx, s, qn_schema(qn), qn->u.qname.name->u.name.key);
		return NULL;
	}
	n = schema_ntables(s);
	all = xmalloc((n + 1) * sizeof(*all));
	schema_sort_tables(s, all);
	suggest_init(&sg, qn->u.qname.name->u.name.key);
	for (i = 0; i < n; i++)
		suggest_add(&sg, all[i]->obj.key, all[i]);
	best = suggest_item(&sg);
	if (best)
		diag_note(ctx, best->obj.created, "did you mean \"%s\"? it is "
			  "created here", schema_table_label(ctx, best));
	free(all);
	return NULL;
}

static struct schema_column *find_column(struct rt_ctx *ctx,
					 const struct schema *s,
					 const struct schema_table *t,
					 const struct ast_node *name)
{
	struct schema_column *c = schema_column(t, name->u.name.key);

	if (!c) {
		const struct schema_column *best = NULL;
		struct suggest sg;
		size_t i;

		suggest_init(&sg, name->u.name.key);
		for (i = 0; i < t->ncols; i++)
			suggest_add(&sg, t->cols[i]->key, t->cols[i]);
		best = suggest_item(&sg);
		diag_error(ctx, name->span, "table \"%s\" has no column \"%s\"%s%s%s",
			   schema_table_label(ctx, t), name->u.name.text,
			   best ? " (did you mean \"" : "",
			   best ? best->text : "", best ? "\"?)" : "");
		if (schema_map_get(&s->graves, t, name->u.name.key))
			note_grave(ctx, s, t, name->u.name.key);
		else
			note_created(ctx, &t->obj);
	}
	return c;
}

static bool is_integer(enum rt_type type)
{
	return type == TYPE_SMALLINT || type == TYPE_INTEGER ||
	       type == TYPE_BIGINT;
}

/* The enum type that type (AST_TYPE) names in s, or NULL. */
static const struct schema_enum *enum_of(struct rt_ctx *ctx,
					 const struct schema *s,
					 const struct ast_node *type)
{
	const char *name = type->u.type.name;

	if (type->u.type.args.n || type_lookup(name))
		return NULL;
	return schema_enum(s, intern_lower(&ctx->names, &ctx->arena, name,
					   strlen(name)));
}

/* Column c has enum type e (NULL: none), as e now is. */
static void set_enum(struct schema *s, struct schema_column *c,
		     const struct schema_enum *e)
{
	SCHEMA_SET(s, c->enum_key, e ? e->key : NULL);
	SCHEMA_SET(s, c->enum_text, e ? e->text : NULL);
	SCHEMA_SET(s, c->enum_labels, e ? e->labels : NULL);
	SCHEMA_SET(s, c->enum_nlabels, e ? e->nlabels : 0);
}

/* The sequence that qn names; NULL (reported) if there is none. */
static struct schema_sequence *find_sequence(struct rt_ctx *ctx,
					     const struct schema *s,
					     const struct ast_node *qn)
{
	struct schema_sequence *q = schema_sequence_named(s, qn);

	if (!q) {
		diag_error(ctx, qn->span, "sequence \"%s\" does not exist",
			   qn_label(ctx, qn));
		note_grave(ctx, s, qn_schema(qn), qn->u.qname.name->u.name.key);
	}
	return q;
}

/* A literal v going into column c: nextval(S) must name a sequence;
 * if c has an enum type, v must be null or one of its labels. */
static bool enum_value_ok(struct rt_ctx *ctx, const struct schema *s,
			  const struct schema_column *c,
			  const struct ast_node *v)
{
	const struct schema_enum *e = schema_enum(s, c->enum_key);

	if (v && v->kind == AST_LITERAL && v->u.lit.kind == LIT_NEXTVAL &&
	    (!v->u.lit.seq || !find_sequence(ctx, s, v->u.lit.seq)))
		return false;

	if (!e || !v || v->kind != AST_LITERAL || v->u.lit.kind == LIT_NULL ||
	    c->rtype == TYPE_ARRAY)
		return true;
	if (v->u.lit.kind == LIT_STRING && schema_enum_has(e, v->u.lit.text))
		return true;
	if (v->u.lit.kind == LIT_STRING)
		diag_error(ctx, v->span, "'%s' is not a label of enum type "
			   "\"%s\" (column \"%s\")", v->u.lit.text, e->text,
			   c->text);
	else
		diag_error(ctx, v->span, "column \"%s\" has enum type \"%s\": "
			   "its values are labels in quotes", c->text, e->text);
	diag_note(ctx, e->created, "type \"%s\" is created here", e->text);
	return false;
}

static bool is_string(enum rt_type type)
{
	return type == TYPE_TEXT || type == TYPE_VARCHAR || type == TYPE_CHAR;
}

static bool is_timestamp(enum rt_type type)
{
	return type == TYPE_TIMESTAMP || type == TYPE_TIMESTAMPTZ;
}

static bool is_now_precise(const struct ast_node *v)
{
	return v && v->kind == AST_LITERAL && v->u.lit.kind == LIT_NOW_PRECISE;
}

/* A literal v going into an array column c: null, or a string that
 * PostgreSQL reads as an array ('{a,b}', '{}'); an ( expr ) is not
 * read. */
static bool array_value_ok(struct rt_ctx *ctx, const struct schema_column *c,
			   const struct ast_node *v)
{
	const char *p, *e;

	if (!v || v->kind != AST_LITERAL || v->u.lit.kind == LIT_NULL)
		return true;
	if (v->u.lit.kind == LIT_STRING) {
		p = v->u.lit.text;
		e = p + strlen(p);
		while (*p && ascii_isspace((unsigned char)*p))
			p++;
		while (e > p && ascii_isspace((unsigned char)e[-1]))
			e--;
		/* [1:2]={...} gives the bounds. */
		if (e > p && (*p == '{' || *p == '[') && e[-1] == '}')
			return true;
	}
	diag_error(ctx, v->span, "column \"%s\" is an array: its literal is "
		   "a string in braces, such as '{a,b}' or '{}' (or write "
		   "( array[...] ))", c->text);
	diag_note(ctx, c->created, "column \"%s\" is created here", c->text);
	return false;
}

/* A value v (a default, an insert's or an update's) going into column
 * c: now_precise() only into a timestamp column, an array's literal in
 * braces, an enum column's literal a label. */
static bool value_ok(struct rt_ctx *ctx, const struct schema *s,
		     const struct schema_column *c, const struct ast_node *v)
{
	if (is_now_precise(v) && !is_timestamp(c->rtype)) {
		diag_error(ctx, v->span, "now_precise() goes into a timestamp "
			   "or timestamptz column; column \"%s\" is %s%s",
			   c->text, c->type->u.type.name,
			   c->type->u.type.dims ? "[]" : "");
		diag_note(ctx, c->created, "column \"%s\" is created here",
			  c->text);
		return false;
	}
	if (c->rtype == TYPE_ARRAY && !array_value_ok(ctx, c, v))
		return false;
	return enum_value_ok(ctx, s, c, v);
}

/* Column lists */

/* The AST_NAME of a list element (AST_NAME, AST_INDEX_COLUMN or
 * AST_ASSIGN). */
static const struct ast_node *elem_name(const struct ast_node *n)
{
	if (n->kind == AST_ASSIGN)
		return n->u.assign.column;
	return n->kind == AST_INDEX_COLUMN ? n->u.icol.name : n;
}

/* The column of t that name names in a list, marked with mark (so a
 * second mention is an error); NULL after an error. */
static struct schema_column *list_column(struct rt_ctx *ctx,
					 struct schema *s,
					 const struct schema_table *t,
					 const struct ast_node *name,
					 unsigned mark)
{
	struct schema_column *c = find_column(ctx, s, t, name);

	if (!c)
		return NULL;
	if (c->mark == mark) {
		diag_error(ctx, name->span, "column \"%s\" is listed twice",
			   name->u.name.text);
		return NULL;
	}
	c->mark = mark;
	return c;
}

/* The columns of t that the list names, each once; NULL after an error. */
static struct schema_column **resolve_cols(struct rt_ctx *ctx,
					  struct schema *s,
					  const struct schema_table *t,
					  const struct ast_list *list)
{
	struct schema_column **cols = arena_alloc(&ctx->arena,
						  list->n * sizeof(*cols));
	unsigned mark = schema_mark(s);
	const struct ast_node *n;
	size_t i = 0;

	for (n = list->head; n; n = n->next) {
		struct schema_column *c = list_column(ctx, s, t, elem_name(n),
						      mark);

		if (!c)
			return NULL;
		cols[i++] = c;
	}
	return cols;
}

/* The columns of t that expression expr names (see schema.h). */
static struct schema_column **expr_columns(struct rt_ctx *ctx,
					  struct schema *s,
					  const struct schema_table *t,
					  const struct ast_node *expr,
					  size_t *n)
{
	size_t size = (t->ncols + 1) * sizeof(struct schema_column *);
	struct schema_column **cols = arena_alloc(&ctx->arena, size);
	const char *text = expr->u.expr.text;
	unsigned mark = schema_mark(s);
	const struct ast_node *q = expr->u.expr.qidents.head;
	size_t pos = 0, start, len;

	*n = 0;
	for (;;) {
		const char *key;
		struct schema_column *c;

		if (schema_next_word(text, &pos, &start, &len)) {
			key = intern_lower(&ctx->names, &ctx->arena,
					   text + start, len);
		} else if (q) {
			key = q->u.name.key;
			q = q->next;
		} else {
			break;
		}
		c = schema_column(t, key);
		if (c && c->mark != mark) {
			c->mark = mark;
			cols[(*n)++] = c;
		}
	}
	return cols;
}

/* Columns */

static void column_attrs(struct rt_ctx *ctx, struct schema_column *c,
			 const struct ast_node *def)
{
	const struct ast_node *k, *null = NULL;
	bool key = false;

	for (k = def->u.column.cons.head; k; k = k->next) {
		switch (k->u.con.kind) {
		case CON_NOT_NULL:
			c->not_null = true;
			break;
		case CON_PRIMARY_KEY:
			key = true;
			break;
		case CON_NULL:
			null = k;
			break;
		case CON_DEFAULT:
			if (c->dflt)
				diag_error(ctx, k->span,
					   "column \"%s\" has more than one "
					   "default", c->text);
			else
				c->dflt = k->u.con.value;
			break;
		case CON_AUTOINCREMENT:
			c->autoincrement = true;
			break;
		default:
			break;
		}
	}
	if (null && (c->not_null || key))
		diag_error(ctx, null->span,
			   "conflicting null and not null for column \"%s\"",
			   c->text);
}

/* Add the column that def (AST_COLUMN) defines; NULL if the name is
 * taken.  Its key constraints come later (add_column_cons). */
static struct schema_column *add_column_def(struct rt_ctx *ctx,
					    struct schema *s,
					    struct schema_table *t,
					    const struct ast_node *def)
{
	const struct ast_node *name = def->u.column.name;
	struct schema_column *old = schema_column(t, name->u.name.key), *c;

	if (old) {
		diag_error(ctx, name->span,
			   "table \"%s\" already has a column \"%s\"",
			   schema_table_label(ctx, t), name->u.name.text);
		diag_note(ctx, old->created, "column \"%s\" is created here",
			  old->text);
		return NULL;
	}
	c = arena_alloc(&ctx->arena, sizeof(*c));
	c->key = name->u.name.key;
	c->text = name->u.name.text;
	c->table = t;
	c->def_node = def;
	c->type = def->u.column.type;
	c->rtype = type_of_node(c->type);
	set_enum(s, c, enum_of(ctx, s, c->type));
	c->created = def->span;
	column_attrs(ctx, c, def);
	if (!value_ok(ctx, s, c, c->dflt))
		c->dflt = NULL;
	c->precise = is_now_precise(c->dflt);
	schema_add_column(s, t, c);
	return c;
}

/* After its constraints: is c's autoincrement allowed?  If not, say so
 * and drop it. */
static void check_autoincrement(struct rt_ctx *ctx, struct schema *s,
				struct schema_column *c)
{
	const struct schema_con *pk = c->table->pk;
	const struct ast_node *k;

	if (!c->autoincrement)
		return;
	for (k = c->def_node->u.column.cons.head; k; k = k->next) {
		if (k->u.con.kind == CON_AUTOINCREMENT)
			break;
	}
	if (!is_integer(c->rtype))
		diag_error(ctx, k->span, "autoincrement column \"%s\" must be "
			   "smallint, integer or bigint", c->text);
	else if (!pk || pk->ncols != 1 || pk->cols[0] != c)
		diag_error(ctx, k->span, "autoincrement column \"%s\" must be "
			   "the one-column primary key of its table", c->text);
	else if (c->dflt)
		diag_error(ctx, k->span, "autoincrement column \"%s\" cannot "
			   "have a default", c->text);
	else
		return;
	SCHEMA_SET(s, c->autoincrement, false);
}

/* Constraints */

/* Does some primary key or unique constraint of t have exactly cols? */
static bool is_key_of(const struct schema_table *t,
		      struct schema_column *const *cols, size_t n)
{
	const struct schema_con *k;

	for (k = t->cons; k; k = k->next) {
		if ((k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE) &&
		    k->ncols == n &&
		    memcmp(k->cols, cols, n * sizeof(*cols)) == 0)
			return true;
	}
	return false;
}

/* The referenced side of foreign key c (defined by con). */
static bool fk_target(struct rt_ctx *ctx, struct schema *s,
		      struct schema_con *c, const struct ast_node *con)
{
	const struct ast_node *rq = con->u.con.ref_table;
	const struct ast_list *rc = &con->u.con.ref_cols;
	struct schema_table *ref = find_table(ctx, s, rq);

	if (!ref)
		return false;
	c->ref = ref;
	c->on_delete = con->u.con.on_delete;
	c->on_update = con->u.con.on_update;
	if (rc->n == 0 && !ref->pk) {
		diag_error(ctx, rq->span, "table \"%s\" has no primary key for "
			   "the foreign key to reference",
			   schema_table_label(ctx, ref));
		note_created(ctx, &ref->obj);
		return false;
	}
	if (rc->n == 0 && ref->pk->ncols != c->ncols) {
		diag_error(ctx, con->span, "foreign key has %zu column%s but "
			   "the primary key of table \"%s\" has %zu", c->ncols,
			   c->ncols == 1 ? "" : "s",
			   schema_table_label(ctx, ref), ref->pk->ncols);
		note_created(ctx, &ref->pk->obj);
		return false;
	}
	if (rc->n == 0) {
		c->ref_cols = ref->pk->cols;
		return true;
	}
	c->ref_cols = resolve_cols(ctx, s, ref, rc);
	if (!c->ref_cols)
		return false;
	if (!is_key_of(ref, c->ref_cols, c->ncols)) {
		struct src_span at = { rq->span.file, rc->head->span.start,
				       rc->tail->span.end };
		struct strbuf cols;
		size_t i;

		strbuf_init(&cols);
		for (i = 0; i < c->ncols; i++)
			strbuf_addf(&cols, "%s\"%s\"", i ? ", " : "",
				    c->ref_cols[i]->text);
		diag_error(ctx, at, "foreign key references \"%s\" (%s), which "
			   "is neither the primary key nor unique",
			   schema_table_label(ctx, ref), cols.buf);
		strbuf_release(&cols);
		note_created(ctx, &ref->obj);
		return false;
	}
	return true;
}

static const char *con_gen_name(struct rt_ctx *ctx, const struct schema *s,
				const struct schema_con *c)
{
	const struct schema_table *t = c->table;
	const char **keys = arena_alloc(&ctx->arena,
					(c->ncols + 1) * sizeof(*keys));
	size_t i;

	for (i = 0; i < c->ncols; i++)
		keys[i] = c->cols[i]->key;
	switch (c->kind) {
	case CON_PRIMARY_KEY:
		return schema_name_pk(ctx, t->obj.key);
	case CON_UNIQUE:
		return schema_name_unique(ctx, t->obj.key, keys, c->ncols);
	case CON_FOREIGN_KEY:
		return schema_name_fk(ctx, t->obj.key, keys, c->ncols,
				      c->ref->obj.key);
	default:
		return schema_name_check(ctx, s, t->obj.schema, t->obj.key);
	}
}

/* Give c its name; false if the name is taken. */
static bool name_con(struct rt_ctx *ctx, const struct schema *s,
		     struct schema_con *c, const struct ast_node *con)
{
	const struct ast_node *name = con->u.con.name;
	const struct schema_obj *old;

	if (name) {
		c->obj.key = name->u.name.key;
		c->obj.text = name->u.name.text;
	} else {
		c->obj.key = c->obj.text = con_gen_name(ctx, s, c);
	}
	old = schema_object(s, c->obj.schema, c->obj.key);
	if (old) {
		error_exists(ctx, name ? name->span : con->span, old);
		return false;
	}
	return true;
}

/* The columns of key, check or foreign key c; col: a column constraint's
 * own column, or NULL. */
static bool con_cols(struct rt_ctx *ctx, struct schema *s,
		     struct schema_con *c, const struct ast_node *con,
		     struct schema_column *col)
{
	if (c->kind == CON_CHECK) {
		c->check = con->u.con.value;
		c->cols = expr_columns(ctx, s, c->table, c->check, &c->ncols);
		if (c->ncols == 0 && col) {
			c->cols[0] = col;
			c->ncols = 1;
		}
		return true;
	}
	if (col) {
		c->cols = arena_alloc(&ctx->arena, sizeof(*c->cols));
		c->cols[0] = col;
		c->ncols = 1;
		return true;
	}
	c->ncols = con->u.con.cols.n;
	c->cols = resolve_cols(ctx, s, c->table, &con->u.con.cols);
	return c->cols != NULL;
}

static bool second_pk(struct rt_ctx *ctx, const struct schema_table *t,
		      const struct ast_node *con)
{
	if (con->u.con.kind != CON_PRIMARY_KEY || !t->pk)
		return false;
	diag_error(ctx, con->span, "multiple primary keys for table \"%s\" "
		   "are not allowed", schema_table_label(ctx, t));
	note_created(ctx, &t->pk->obj);
	return true;
}

/* Add the constraint con (AST_CONSTRAINT) defines, if it is a key, check
 * or foreign key; col: a column constraint's column, or NULL. */
static void add_constraint(struct rt_ctx *ctx, struct schema *s,
			   struct schema_table *t, const struct ast_node *con,
			   struct schema_column *col)
{
	enum con_kind kind = con->u.con.kind;
	struct schema_con *c;
	size_t i;

	if ((kind != CON_PRIMARY_KEY && kind != CON_UNIQUE &&
	     kind != CON_CHECK && kind != CON_FOREIGN_KEY) ||
	    second_pk(ctx, t, con))
		return;
	c = arena_alloc(&ctx->arena, sizeof(*c));
	c->obj.kind = SCHEMA_CONSTRAINT;
	c->obj.schema = t->obj.schema;
	c->obj.schema_text = t->obj.schema_text;
	c->obj.created = con->span;
	c->kind = kind;
	c->named = con->u.con.name != NULL;
	c->table = t;
	c->node = con;
	c->defer = con->u.con.defer;
	if (!con_cols(ctx, s, c, con, col) ||
	    (kind == CON_FOREIGN_KEY && !fk_target(ctx, s, c, con)) ||
	    !name_con(ctx, s, c, con))
		return;
	schema_add_con(s, c);
	for (i = 0; kind == CON_PRIMARY_KEY && i < c->ncols; i++)
		SCHEMA_SET(s, c->cols[i]->not_null, true);
}

/* Is con a foreign key to t itself?  It waits until t's keys exist. */
static bool self_fk(const struct schema_table *t, const struct ast_node *con)
{
	const struct ast_node *rq = con->u.con.ref_table;

	return con->u.con.kind == CON_FOREIGN_KEY &&
	       qn_schema(rq) == t->obj.schema &&
	       rq->u.qname.name->u.name.key == t->obj.key;
}

/* The key, check and foreign-key constraints of col's definition: the
 * foreign keys to its own table (late) or the others. */
static void add_column_cons(struct rt_ctx *ctx, struct schema *s,
			    struct schema_table *t, struct schema_column *col,
			    bool late)
{
	const struct ast_node *k;

	for (k = col->def_node->u.column.cons.head; k; k = k->next) {
		if (self_fk(t, k) == late)
			add_constraint(ctx, s, t, k, col);
	}
}

/* Tables */

static void add_elems(struct rt_ctx *ctx, struct schema *s,
		      struct schema_table *t, const struct ast_node *e,
		      bool late)
{
	for (; e; e = e->next) {
		struct schema_column *col;

		if (e->kind == AST_CONSTRAINT) {
			if (self_fk(t, e) == late)
				add_constraint(ctx, s, t, e, NULL);
			continue;
		}
		col = schema_column(t, e->u.column.name->u.name.key);
		if (col && col->def_node == e)
			add_column_cons(ctx, s, t, col, late);
	}
}

static void gone(struct rt_ctx *ctx, struct schema_change *chg,
		 struct schema_obj *o, size_t room);

static void create_table(struct rt_ctx *ctx, struct schema *s,
			 const struct ast_node *stmt, struct schema_change *chg)
{
	const struct ast_node *qn = stmt->u.create.table, *e;
	const struct ast_node *sch = qn->u.qname.schema;
	const struct ast_node *name = qn->u.qname.name;
	const struct schema_obj *old;
	struct schema_table *t;
	size_t i;

	old = schema_object(s, qn_schema(qn), name->u.name.key);
	if (old) {
		error_exists(ctx, qn->span, old);
		return;
	}
	if (!sch && schema_enum(s, name->u.name.key)) {
		diag_error(ctx, qn->span, "table \"%s\" would have the name of "
			   "a type (PostgreSQL makes a type for each table)",
			   name->u.name.text);
		diag_note(ctx, schema_enum(s, name->u.name.key)->created,
			  "type \"%s\" is created here", name->u.name.text);
		return;
	}
	t = schema_alloc_table(s);
	if (sch)
		schema_note_schema(s, sch->u.name.key);
	t->obj.schema = sch ? sch->u.name.key : NULL;
	t->obj.schema_text = sch ? sch->u.name.text : NULL;
	t->obj.key = name->u.name.key;
	t->obj.text = name->u.name.text;
	t->obj.created = stmt->span;
	t->born = s->raw_ddl ? s->raw_ddl->seq : 0;
	schema_add_table(s, t);
	for (e = stmt->u.create.elems.head; e; e = e->next) {
		if (e->kind == AST_COLUMN)
			add_column_def(ctx, s, t, e);
	}
	/* In the order written, but foreign keys to the table itself after
	 * the keys they reference. */
	add_elems(ctx, s, t, stmt->u.create.elems.head, false);
	add_elems(ctx, s, t, stmt->u.create.elems.head, true);
	for (i = 0; i < t->ncols; i++)
		check_autoincrement(ctx, s, t->cols[i]);
	chg->table = t;
	chg->con = t->cons;
}

static void drop_table(struct rt_ctx *ctx, struct schema *s,
		       const struct ast_node *stmt, struct schema_table *t,
		       struct schema_change *chg)
{
	struct schema_con *k;
	size_t i, n = 0;

	for (i = 0; i < t->ninbound; i++) {
		const struct schema_con *fk = t->inbound[i];

		if (fk->table == t)
			continue;
		diag_error(ctx, stmt->u.alter.table->span,
			   "cannot drop table \"%s\": foreign key \"%s\" of "
			   "table \"%s\" references it",
			   schema_table_label(ctx, t), fk->obj.text,
			   schema_table_label(ctx, fk->table));
		note_created(ctx, &fk->obj);
		return;
	}
	/* Its constraints go with it (the emitters may need their other
	 * ends). */
	for (k = t->cons; k; k = k->next)
		n++;
	for (k = t->cons; k; k = k->next)
		gone(ctx, chg, &k->obj, n);
	bury(s, t->obj.schema, t->obj.key, "table", t->obj.text, NULL, stmt);
	schema_remove_table(s, t);
}

static void rename_table(struct rt_ctx *ctx, struct schema *s,
			 const struct ast_node *stmt, struct schema_table *t,
			 struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.alter.name;
	const struct schema_obj *old;

	old = schema_object(s, t->obj.schema, name->u.name.key);
	if (old) {
		error_exists(ctx, name->span, old);
		return;
	}
	chg->old_text = t->obj.text;
	bury(s, t->obj.schema, t->obj.key, "table", t->obj.text,
	     name->u.name.text, stmt);
	schema_rename_table(s, t, name->u.name.key, name->u.name.text);
}

static void add_column(struct rt_ctx *ctx, struct schema *s,
		       const struct ast_node *stmt, struct schema_table *t,
		       struct schema_change *chg)
{
	struct schema_con *last = t->cons_tail;
	struct schema_column *c = add_column_def(ctx, s, t, stmt->u.alter.def);

	if (!c)
		return;
	add_column_cons(ctx, s, t, c, false);
	add_column_cons(ctx, s, t, c, true);
	check_autoincrement(ctx, s, c);
	chg->column = c;
	chg->con = last ? last->next : t->cons;
}

/* Dropping a column */

/* How k, a constraint of c's table, uses c: 0 not at all, 1 alone, 2
 * with other columns.  A foreign key's referenced columns are another
 * key's: they do not count here. */
static int con_use(const struct schema_con *k, const struct schema_column *c)
{
	unsigned use = 0;
	size_t i;

	for (i = 0; i < k->ncols; i++)
		use |= k->cols[i] == c ? 1u : 2u;
	return !(use & 1u) ? 0 : (use & 2u) ? 2 : 1;
}

static int index_use(const struct schema_index *x,
		     const struct schema_column *c)
{
	unsigned use = 0;
	size_t i;

	for (i = 0; i < x->ncols; i++)
		use |= x->cols[i] == c ? 1u : 2u;
	for (i = 0; i < x->nwhere; i++)
		use |= x->where_cols[i] == c ? 1u : 2u;
	return !(use & 1u) ? 0 : (use & 2u) ? 2 : 1;
}

static bool references_column(const struct schema_con *fk,
			      const struct schema_column *c)
{
	size_t i;

	for (i = 0; i < fk->ncols; i++) {
		if (fk->ref_cols[i] == c)
			return true;
	}
	return false;
}

/* Report why c cannot be dropped, if something else needs it. */
static bool column_blocked(struct rt_ctx *ctx, const struct schema_column *c,
			   struct src_span at)
{
	const struct schema_table *t = c->table;
	const struct schema_con *k;
	const struct schema_index *x;
	const struct schema_obj *user = NULL;
	size_t i;

	for (i = 0; i < t->ninbound; i++) {
		k = t->inbound[i];
		if (!references_column(k, c) ||
		    (k->table == t && con_use(k, c) == 1))
			continue;
		diag_error(ctx, at, "cannot drop column \"%s\" of table "
			   "\"%s\": foreign key \"%s\" of table \"%s\" "
			   "references it",
			   c->text, schema_table_label(ctx, t), k->obj.text,
			   schema_table_label(ctx, k->table));
		note_created(ctx, &k->obj);
		return true;
	}
	for (k = t->cons; k && !user; k = k->next) {
		if (con_use(k, c) == 2)
			user = &k->obj;
	}
	for (x = t->indexes; x && !user; x = x->next) {
		if (index_use(x, c) == 2)
			user = &x->obj;
	}
	if (!user)
		return false;
	diag_error(ctx, at, "cannot drop column \"%s\" of table \"%s\": "
		   "%s \"%s\" still uses it", c->text,
		   schema_table_label(ctx, t), schema_kind_word(user->kind),
		   user->text);
	note_created(ctx, user);
	return true;
}

/* Keep o among what went with a dropped column. */
static void gone(struct rt_ctx *ctx, struct schema_change *chg,
		 struct schema_obj *o, size_t room)
{
	if (!chg->gone)
		chg->gone = arena_alloc(&ctx->arena, room * sizeof(*chg->gone));
	chg->gone[chg->ngone++] = o;
}

static void drop_column(struct rt_ctx *ctx, struct schema *s,
			const struct ast_node *stmt, struct schema_table *t,
			struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.alter.column;
	struct schema_column *c = find_column(ctx, s, t, name);
	struct schema_con *k, *knext;
	struct schema_index *x, *xnext;
	size_t room;

	if (!c)
		return;
	if (t->ncols == 1) {
		diag_error(ctx, name->span, "cannot drop column \"%s\": it is "
			   "the only column of table \"%s\"", c->text,
			   schema_table_label(ctx, t));
		return;
	}
	if (c->uses && column_blocked(ctx, c, name->span))
		return;
	/* Its own one-column constraints and indexes go with it. */
	room = c->uses;
	for (k = t->cons; k && c->uses; k = knext) {
		knext = k->next;
		if (con_use(k, c) != 1)
			continue;
		gone(ctx, chg, &k->obj, room);
		schema_remove_con(s, k);
	}
	for (x = t->indexes; x && c->uses; x = xnext) {
		xnext = x->next;
		if (index_use(x, c) != 1)
			continue;
		gone(ctx, chg, &x->obj, room);
		schema_remove_index(s, x);
	}
	bury(s, t, c->key, "column", c->text, NULL, stmt);
	schema_remove_column(s, c);
	chg->column = c;
}

/* Columns */

static void rename_column(struct rt_ctx *ctx, struct schema *s,
			  const struct ast_node *stmt, struct schema_table *t,
			  struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.alter.name;
	struct schema_column *c = find_column(ctx, s, t, stmt->u.alter.column);
	const struct schema_column *old;

	if (!c)
		return;
	old = schema_column(t, name->u.name.key);
	if (old) {
		diag_error(ctx, name->span,
			   "table \"%s\" already has a column \"%s\"",
			   schema_table_label(ctx, t), name->u.name.text);
		diag_note(ctx, old->created, "column \"%s\" is created here",
			  old->text);
		return;
	}
	chg->column = c;
	chg->old_text = c->text;
	bury(s, t, c->key, "column", c->text, name->u.name.text, stmt);
	schema_rename_column(s, c, name->u.name.key, name->u.name.text);
}

static const struct schema_con *primary_key_of(const struct schema_column *c)
{
	const struct schema_con *pk = c->table->pk;
	size_t i;

	for (i = 0; pk && i < pk->ncols; i++) {
		if (pk->cols[i] == c)
			return pk;
	}
	return NULL;
}

/* alter column: type, not null, default. */
static void alter_column(struct rt_ctx *ctx, struct schema *s,
			 const struct ast_node *stmt, struct schema_table *t,
			 struct schema_change *chg)
{
	struct schema_column *c = find_column(ctx, s, t, stmt->u.alter.column);
	const struct ast_node *type = stmt->u.alter.type;
	const struct ast_node *expr = stmt->u.alter.expr;
	const struct schema_con *pk;

	if (!c)
		return;
	switch (stmt->kind) {
	case AST_ALTER_TYPE:
		if (c->autoincrement && !is_integer(type_of_node(type))) {
			diag_error(ctx, type->span, "autoincrement column "
				   "\"%s\" must be smallint, integer or "
				   "bigint", c->text);
			return;
		}
		if (is_now_precise(c->dflt) && !is_timestamp(type_of_node(type))) {
			diag_error(ctx, type->span, "column \"%s\" has the "
				   "default now_precise(), which only a "
				   "timestamp or timestamptz column takes: "
				   "drop the default first", c->text);
			diag_note(ctx, c->dflt->span, "the default is given "
				  "here");
			return;
		}
		/* An array goes into a string type as its text ('{a,b}'),
		 * PostgreSQL's I/O cast; nothing else changes arrayness. */
		if (!stmt->u.alter.expr &&
		    !c->type->u.type.dims != !type->u.type.dims &&
		    (type->u.type.dims || !is_string(type_of_node(type)))) {
			bool to = type->u.type.dims != 0;

			diag_error(ctx, type->span, "column \"%s\" %s an array: "
				   "no cast does that, so say how with using "
				   "( expr ), such as using (%s%s%s)", c->text,
				   to ? "becomes" : "stops being",
				   to ? "array[" : "", c->text,
				   to ? "]" : "[1]");
			return;
		}
		chg->old_type = c->type;
		SCHEMA_SET(s, c->type, type);
		SCHEMA_SET(s, c->rtype, type_of_node(type));
		set_enum(s, c, enum_of(ctx, s, type));
		if (!value_ok(ctx, s, c, c->dflt))
			return;
		break;
	case AST_SET_NOT_NULL:
		SCHEMA_SET(s, c->not_null, true);
		break;
	case AST_DROP_NOT_NULL:
		pk = primary_key_of(c);
		if (pk) {
			diag_error(ctx, stmt->u.alter.column->span,
				   "column \"%s\" of table \"%s\" is in a "
				   "primary key", c->text,
				   schema_table_label(ctx, t));
			note_created(ctx, &pk->obj);
			return;
		}
		SCHEMA_SET(s, c->not_null, false);
		break;
	case AST_SET_DEFAULT:
		if (c->autoincrement) {
			diag_error(ctx, expr->span, "autoincrement column "
				   "\"%s\" cannot have a default", c->text);
			return;
		}
		if (!value_ok(ctx, s, c, expr))
			return;
		SCHEMA_SET(s, c->dflt, expr);
		if (is_now_precise(expr))
			SCHEMA_SET(s, c->precise, true);
		break;
	case AST_DROP_DEFAULT:
		SCHEMA_SET(s, c->dflt, NULL);
		break;
	default:
		RT_BUG("not an alter column statement: %s",
		       ast_kind_name(stmt->kind));
	}
	chg->column = c;
}

/* Dropping a constraint */

/* Is there a key of k's table other than k on the same columns? */
static bool other_key(const struct schema_con *k)
{
	const struct schema_con *o;

	for (o = k->table->cons; o; o = o->next) {
		if (o != k && (o->kind == CON_PRIMARY_KEY ||
			       o->kind == CON_UNIQUE) &&
		    o->ncols == k->ncols &&
		    memcmp(o->cols, k->cols, k->ncols * sizeof(*k->cols)) == 0)
			return true;
	}
	return false;
}

static bool con_blocked(struct rt_ctx *ctx, const struct schema_con *k,
			struct src_span at)
{
	const struct schema_table *t = k->table;
	size_t i;

	for (i = 0; k->kind != CON_CHECK && k->kind != CON_FOREIGN_KEY &&
		    i < t->ninbound; i++) {
		const struct schema_con *fk = t->inbound[i];

		if (fk->ncols != k->ncols ||
		    memcmp(fk->ref_cols, k->cols,
			   k->ncols * sizeof(*k->cols)) != 0 ||
		    other_key(k))
			continue;
		diag_error(ctx, at, "cannot drop constraint \"%s\": foreign "
			   "key \"%s\" of table \"%s\" references it",
			   k->obj.text, fk->obj.text,
			   schema_table_label(ctx, fk->table));
		note_created(ctx, &fk->obj);
		return true;
	}
	for (i = 0; k->kind == CON_PRIMARY_KEY && i < k->ncols; i++) {
		if (!k->cols[i]->autoincrement)
			continue;
		diag_error(ctx, at, "cannot drop constraint \"%s\": column "
			   "\"%s\" is autoincrement", k->obj.text,
			   k->cols[i]->text);
		return true;
	}
	return false;
}

/* The constraint of t that name (AST_NAME) names; NULL after an error
 * (verb: what to do with an index of that name instead). */
static struct schema_con *find_con(struct rt_ctx *ctx, struct schema *s,
				   struct schema_table *t,
				   const struct ast_node *name, const char *verb)
{
	struct schema_obj *o = schema_object(s, t->obj.schema,
					     name->u.name.key);
	struct schema_con *k = o && o->kind == SCHEMA_CONSTRAINT ?
			       (struct schema_con *)o : NULL;

	if (k && k->table == t)
		return k;
	diag_error(ctx, name->span, "table \"%s\" has no constraint \"%s\"",
		   schema_table_label(ctx, t), name->u.name.text);
	if (o && o->kind == SCHEMA_INDEX)
		diag_note(ctx, o->created, "\"%s\" is an index, created "
			  "here; %s it with '%s index'", o->text, verb, verb);
	else if (!o && schema_map_get(&s->graves, t->obj.schema,
				      name->u.name.key))
		note_grave(ctx, s, t->obj.schema, name->u.name.key);
	else
		note_created(ctx, &t->obj);
	return NULL;
}

/* Is name free for an object of schema sch?  Else say what holds it. */
static bool name_free(struct rt_ctx *ctx, const struct schema *s,
		      const char *sch, const struct ast_node *name)
{
	const struct schema_obj *old = schema_object(s, sch, name->u.name.key);

	if (old)
		error_exists(ctx, name->span, old);
	return !old;
}

static void rename_constraint(struct rt_ctx *ctx, struct schema *s,
			      const struct ast_node *stmt,
			      struct schema_table *t,
			      struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.alter.name;
	struct schema_con *k = find_con(ctx, s, t, stmt->u.alter.def,
					"alter");

	if (!k || !name_free(ctx, s, t->obj.schema, name))
		return;
	chg->con = k;
	chg->old_text = k->obj.text;
	bury(s, k->obj.schema, k->obj.key, "constraint", k->obj.text,
	     name->u.name.text, stmt);
	schema_rename_obj(s, &k->obj, name->u.name.key, name->u.name.text);
	SCHEMA_SET(s, k->named, true);
}

static void drop_constraint(struct rt_ctx *ctx, struct schema *s,
			    const struct ast_node *stmt,
			    struct schema_table *t, struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.alter.name;
	struct schema_con *k = find_con(ctx, s, t, name, "drop");

	if (!k)
		return;
	if (con_blocked(ctx, k, name->span))
		return;
	bury(s, k->obj.schema, k->obj.key, "constraint", k->obj.text, NULL,
	     stmt);
	schema_remove_con(s, k);
	chg->con = k;
}

/* Indexes */

static bool name_index(struct rt_ctx *ctx, const struct schema *s,
		       struct schema_index *x, const struct ast_node *stmt)
{
	const struct ast_node *name = stmt->u.index.name;
	const struct schema_obj *old;
	const char **keys;
	size_t i;

	if (name) {
		x->obj.key = name->u.name.key;
		x->obj.text = name->u.name.text;
	} else {
		keys = arena_alloc(&ctx->arena, x->ncols * sizeof(*keys));
		for (i = 0; i < x->ncols; i++)
			keys[i] = x->cols[i]->key;
		x->obj.key = x->obj.text = schema_name_index(
			ctx, x->table->obj.key, keys, x->ncols);
	}
	old = schema_object(s, x->obj.schema, x->obj.key);
	if (old) {
		error_exists(ctx, name ? name->span : stmt->span, old);
		return false;
	}
	return true;
}

/* The columns of x's key parts, each once (cols[i] NULL for an
 * expression, kept in exprs); false after an error. */
static bool index_parts(struct rt_ctx *ctx, struct schema *s,
			struct schema_index *x, const struct ast_node *stmt)
{
	const struct ast_node *ic;
	unsigned mark = schema_mark(s);
	size_t i = 0;

	x->cols = arena_alloc(&ctx->arena, x->ncols * sizeof(*x->cols));
	x->desc = arena_alloc(&ctx->arena, x->ncols * sizeof(*x->desc));
	for (ic = stmt->u.index.cols.head; ic; ic = ic->next, i++) {
		const struct ast_node *name = ic->u.icol.name;
		struct schema_column *c;

		x->desc[i] = ic->u.icol.desc;
		if (!name) {
			if (!x->exprs)
				x->exprs = arena_alloc(&ctx->arena, x->ncols *
						       sizeof(*x->exprs));
			x->exprs[i] = ic->u.icol.expr;
			x->cols[i] = NULL;
			continue;
		}
		c = list_column(ctx, s, x->table, name, mark);
		if (!c)
			return false;
		x->cols[i] = c;
	}
	return true;
}

/* The columns the where clause and the key expressions name. */
static void index_expr_columns(struct rt_ctx *ctx, struct schema *s,
			       struct schema_index *x)
{
	size_t i, n, k;
	struct schema_column **found;

	x->nwhere = 0;
	x->where_cols = arena_alloc(&ctx->arena, (x->table->ncols + 1) *
				    (x->ncols + 1) * sizeof(*x->where_cols));
	for (i = 0; i <= x->ncols; i++) {
		const struct ast_node *e = i < x->ncols ?
			(x->exprs ? x->exprs[i] : NULL) : x->where;

		if (!e)
			continue;
		found = expr_columns(ctx, s, x->table, e, &n);
		for (k = 0; k < n; k++)
			x->where_cols[x->nwhere++] = found[k];
	}
}

static void create_index(struct rt_ctx *ctx, struct schema *s,
			 const struct ast_node *stmt, struct schema_table *t,
			 struct schema_change *chg)
{
	struct schema_index *x = arena_alloc(&ctx->arena, sizeof(*x));
	const struct ast_node *m = stmt->u.index.method;

	x->obj.kind = SCHEMA_INDEX;
	x->obj.schema = t->obj.schema;
	x->obj.schema_text = t->obj.schema_text;
	x->obj.created = stmt->span;
	x->unique = stmt->u.index.unique;
	x->named = stmt->u.index.name != NULL;
	x->table = t;
	x->node = stmt;
	x->ncols = stmt->u.index.cols.n;
	x->method = m ? m->u.name.key : NULL;
	if (!index_parts(ctx, s, x, stmt))
		return;
	x->where = stmt->u.index.where;
	index_expr_columns(ctx, s, x);
	if (x->exprs && !x->named) {
		diag_error(ctx, stmt->span, "an index on an expression needs "
			   "a name: create index NAME on ...");
		return;
	}
	if (!name_index(ctx, s, x, stmt))
		return;
	schema_add_index(s, x);
	chg->index = x;
}

/* An unqualified index name that is no unqualified table's: the only
 * index of that name in any schema. */
static struct schema_obj *index_anywhere(struct rt_ctx *ctx,
					 const struct schema *s,
					 const struct ast_node *qn,
					 bool *reported)
{
	const char *key = qn->u.qname.name->u.name.key;
	struct schema_index *found[2];
	size_t i, n = schema_indexes_anywhere(s, key, found);

	if (n <= 1)
		return n ? &found[0]->obj : NULL;
	diag_error(ctx, qn->span, "index \"%s\" is in more than one schema; "
		   "name its schema", qn->u.qname.name->u.name.text);
	for (i = 0; i < 2; i++)
		diag_note(ctx, found[i]->obj.created,
			  "index \"%s.%s\" is created here",
			  found[i]->obj.schema_text, found[i]->obj.text);
	*reported = true;
	return NULL;
}

/* The index qn (AST_QNAME) names (see schema.h); NULL after an error. */
static struct schema_index *find_index(struct rt_ctx *ctx,
				       const struct schema *s,
				       const struct ast_node *qn)
{
	struct schema_obj *o = schema_object(s, qn_schema(qn),
					     qn->u.qname.name->u.name.key);
	bool reported = false;

	if (!o && !qn->u.qname.schema)
		o = index_anywhere(ctx, s, qn, &reported);
	if (reported)
		return NULL;
	if (!o) {
		diag_error(ctx, qn->span, "index \"%s\" does not exist",
			   qn_label(ctx, qn));
		note_grave(ctx, s, qn_schema(qn), qn->u.qname.name->u.name.key);
		return NULL;
	}
	if (o->kind != SCHEMA_INDEX) {
		diag_error(ctx, qn->span, "\"%s\" is a %s, not an index",
			   obj_label(ctx, o), schema_kind_word(o->kind));
		note_created(ctx, o);
		return NULL;
	}
	return (struct schema_index *)o;
}

static void drop_index(struct rt_ctx *ctx, struct schema *s,
		       const struct ast_node *stmt, struct schema_change *chg)
{
	struct schema_index *x = find_index(ctx, s, stmt->u.drop_index.name);

	if (!x)
		return;
	chg->index = x;
	chg->table = x->table;
	bury(s, x->obj.schema, x->obj.key, "index", x->obj.text, NULL, stmt);
	schema_remove_index(s, x);
}

static void rename_index(struct rt_ctx *ctx, struct schema *s,
			 const struct ast_node *stmt, struct schema_change *chg)
{
	const struct ast_node *to = stmt->u.rename_index.to;
	struct schema_index *x = find_index(ctx, s, stmt->u.rename_index.name);

	if (!x || !name_free(ctx, s, x->obj.schema, to))
		return;
	chg->index = x;
	chg->table = x->table;
	chg->old_text = x->obj.text;
	bury(s, x->obj.schema, x->obj.key, "index", x->obj.text,
	     to->u.name.text, stmt);
	schema_rename_obj(s, &x->obj, to->u.name.key, to->u.name.text);
	SCHEMA_SET(s, x->named, true);
}

/* insert */

/* Columns the insert leaves out must be nullable, have a default or be
 * autoincrement. */
static bool insert_covers(struct rt_ctx *ctx, const struct schema_table *t,
			  const struct ast_node *stmt, unsigned mark)
{
	const struct ast_list *names = &stmt->u.insert.cols;
	struct src_span at = { names->head->span.file,
			       names->head->span.start,
			       names->tail->span.end };
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		const struct schema_column *c = t->cols[i];

		if (c->mark == mark || !c->not_null || c->dflt ||
		    c->autoincrement)
			continue;
		diag_error(ctx, at, "insert leaves out column \"%s\" of table "
			   "\"%s\", which is not null and has no default",
			   c->text, schema_table_label(ctx, t));
		diag_note(ctx, c->created, "column \"%s\" is created here",
			  c->text);
		return false;
	}
	return true;
}

static void insert(struct rt_ctx *ctx, struct schema *s,
		   const struct ast_node *stmt, struct schema_table *t)
{
	struct schema_column **cols;
	const struct ast_node *row, *v;
	size_t n = stmt->u.insert.cols.n, i;
	unsigned mark;

	cols = resolve_cols(ctx, s, t, &stmt->u.insert.cols);
	if (!cols)
		return;
	mark = schema_mark(s);
	for (i = 0; i < n; i++)
		cols[i]->mark = mark;
	if (!insert_covers(ctx, t, stmt, mark))
		return;
	for (row = stmt->u.insert.rows.head; row; row = row->next) {
		for (v = row->u.row.values.head, i = 0; v && i < n;
		     v = v->next, i++) {
			if (!value_ok(ctx, s, cols[i], v))
				return;
			if (v->u.lit.kind != LIT_NULL || !cols[i]->not_null)
				continue;
			diag_error(ctx, v->span, "null value in column \"%s\" "
				   "of table \"%s\", which is not null",
				   cols[i]->text, schema_table_label(ctx, t));
			return;
		}
	}
}

/* update: the columns it sets exist, each once, and none that is not
 * null gets null.  (delete needs only its table.) */
static void update(struct rt_ctx *ctx, struct schema *s,
		   const struct ast_node *stmt, struct schema_table *t)
{
	struct schema_column **cols;
	const struct ast_node *a;
	size_t i = 0;

	cols = resolve_cols(ctx, s, t, &stmt->u.dml.sets);
	if (!cols)
		return;
	for (a = stmt->u.dml.sets.head; a; a = a->next, i++) {
		const struct ast_node *v = a->u.assign.value;

		if (!value_ok(ctx, s, cols[i], v))
			return;
		if (v->kind != AST_LITERAL || v->u.lit.kind != LIT_NULL ||
		    !cols[i]->not_null)
			continue;
		diag_error(ctx, v->span, "null value in column \"%s\" of table "
			   "\"%s\", which is not null", cols[i]->text,
			   schema_table_label(ctx, t));
		diag_note(ctx, cols[i]->created, "column \"%s\" is created "
			  "here", cols[i]->text);
		return;
	}
}

/* comment on table / column: kept in the model. */
static void comment(struct rt_ctx *ctx, struct schema *s,
		    const struct ast_node *stmt, struct schema_table *t,
		    struct schema_change *chg)
{
	const struct ast_node *text = stmt->u.comment.text;
	const char *value = text->u.lit.kind == LIT_STRING ?
			    text->u.lit.text : NULL;
	struct schema_column *c;

	if (!stmt->u.comment.column) {
		SCHEMA_SET(s, t->comment, value);
		return;
	}
	c = find_column(ctx, s, t, stmt->u.comment.column);
	if (!c)
		return;
	SCHEMA_SET(s, c->comment, value);
	chg->column = c;
}

/* Enum types */

/* The enum type name names; NULL (reported) if there is none. */
static struct schema_enum *find_enum(struct rt_ctx *ctx,
				     const struct schema *s,
				     const struct ast_node *name)
{
	struct schema_enum *e = schema_enum(s, name->u.name.key);

	if (!e) {
		diag_error(ctx, name->span, "type \"%s\" does not exist",
			   name->u.name.text);
		note_grave(ctx, s, NULL, name->u.name.key);
	}
	return e;
}

/* A label new to e (NULL: a new type's, checked against those before
 * it in the list); false after an error. */
static bool label_ok(struct rt_ctx *ctx, const struct schema_enum *e,
		     const struct ast_node *label)
{
	const char *text = label->u.lit.text;

	if (!*text || strlen(text) > SCHEMA_NAME_MAX) {
		diag_error(ctx, label->span, "an enum label is 1 to %d bytes "
			   "long (PostgreSQL's limit)", SCHEMA_NAME_MAX);
		return false;
	}
	if (e && schema_enum_has(e, text)) {
		diag_error(ctx, label->span, "enum type \"%s\" already has "
			   "the label '%s'", e->text, text);
		diag_note(ctx, e->created, "type \"%s\" is created here",
			  e->text);
		return false;
	}
	return true;
}

/* Is label one of e's?  Else say so. */
static long label_at(struct rt_ctx *ctx, const struct schema_enum *e,
		     const struct ast_node *label)
{
	size_t i;

	for (i = 0; i < e->nlabels; i++) {
		if (strcmp(e->labels[i], label->u.lit.text) == 0)
			return (long)i;
	}
	diag_error(ctx, label->span, "enum type \"%s\" has no label '%s'",
		   e->text, label->u.lit.text);
	diag_note(ctx, e->created, "type \"%s\" is created here", e->text);
	return -1;
}

static void create_enum(struct rt_ctx *ctx, struct schema *s,
			const struct ast_node *stmt, struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.etype.name, *l;
	const struct schema_enum *old = schema_enum(s, name->u.name.key);
	const struct schema_obj *table = schema_object(s, NULL,
						       name->u.name.key);
	struct schema_enum *e;
	const char **labels;
	size_t n = 0;

	if (old) {
		diag_error(ctx, name->span, "type \"%s\" already exists",
			   name->u.name.text);
		diag_note(ctx, old->created, "type \"%s\" is created here",
			  old->text);
		return;
	}
	if (table && table->kind == SCHEMA_TABLE) {
		/* PostgreSQL gives every table a type of its name. */
		diag_error(ctx, name->span, "type \"%s\" would have the name "
			   "of a table (PostgreSQL makes a type for each "
			   "table)", name->u.name.text);
		note_created(ctx, table);
		return;
	}
	e = arena_alloc(&ctx->arena, sizeof(*e));
	e->key = name->u.name.key;
	e->text = name->u.name.text;
	e->created = stmt->span;
	labels = arena_alloc(&ctx->arena,
			     stmt->u.etype.labels.n * sizeof(*labels));
	for (l = stmt->u.etype.labels.head; l; l = l->next) {
		e->labels = labels;
		e->nlabels = n;
		if (!label_ok(ctx, e, l))
			return;
		labels[n++] = l->u.lit.text;
	}
	e->nlabels = n;
	schema_map_put(s, &s->enums, NULL, e->key, e);
	chg->etype = e;
}

static void drop_enum(struct rt_ctx *ctx, struct schema *s,
		      const struct ast_node *stmt, struct schema_change *chg)
{
	const struct ast_node *name = stmt->u.etype.name;
	struct schema_enum *e = find_enum(ctx, s, name);
	struct schema_column **cols;

	if (!e)
		return;
	if (schema_enum_columns(ctx, s, e->key, &cols)) {
		diag_error(ctx, name->span, "cannot drop type \"%s\": column "
			   "\"%s\" of table \"%s\" has it", e->text,
			   cols[0]->text, schema_table_label(ctx, cols[0]->table));
		diag_note(ctx, cols[0]->created, "column \"%s\" is created "
			  "here", cols[0]->text);
		return;
	}
	bury(s, NULL, e->key, "type", e->text, NULL, stmt);
	schema_map_del(s, &s->enums, NULL, e->key);
	chg->etype = e;
}

/* The columns of type e take its labels as they now are. */
static void relabel(struct rt_ctx *ctx, struct schema *s,
		    const struct schema_enum *e)
{
	struct schema_column **cols;
	size_t i, n = schema_enum_columns(ctx, s, e->key, &cols);

	for (i = 0; i < n; i++)
		set_enum(s, cols[i], e);
}

/* add value (before or after a label, or last) and rename value: a new
 * label array in place of the old. */
static void alter_enum(struct rt_ctx *ctx, struct schema *s,
		       const struct ast_node *stmt, struct schema_change *chg)
{
	struct schema_enum *e = find_enum(ctx, s, stmt->u.etype.name);
	const struct ast_node *near = stmt->u.etype.near;
	const char **labels;
	long at;
	size_t i, j = 0, pos;

	if (!e)
		return;
	labels = arena_alloc(&ctx->arena, (e->nlabels + 1) * sizeof(*labels));
	if (stmt->kind == AST_RENAME_VALUE) {
		at = label_at(ctx, e, stmt->u.etype.value);
		if (at < 0 || !label_ok(ctx, e, stmt->u.etype.to))
			return;
		memcpy(labels, e->labels, e->nlabels * sizeof(*labels));
		labels[at] = stmt->u.etype.to->u.lit.text;
		chg->old_text = e->labels[at];
		SCHEMA_SET(s, e->labels, labels);
		relabel(ctx, s, e);
		chg->etype = e;
		return;
	}
	if (!label_ok(ctx, e, stmt->u.etype.value))
		return;
	pos = e->nlabels;
	if (near) {
		at = label_at(ctx, e, near);
		if (at < 0)
			return;
		pos = (size_t)at + stmt->u.etype.after;
	}
	for (i = 0; i <= e->nlabels; i++) {
		if (i == pos)
			labels[j++] = stmt->u.etype.value->u.lit.text;
		if (i < e->nlabels)
			labels[j++] = e->labels[i];
	}
	SCHEMA_SET(s, e->labels, labels);
	SCHEMA_SET(s, e->nlabels, e->nlabels + 1);
	relabel(ctx, s, e);
	chg->etype = e;
}

/* Sequences */

/* A sequence's option of kind k as written, or NULL. */
static const struct ast_node *seq_opt(const struct ast_node *stmt,
				      enum seq_opt k)
{
	const struct ast_node *o;

	for (o = stmt->u.seq.opts.head; o; o = o->next)
		if (o->u.seqopt.kind == k)
			return o;
	return NULL;
}

static const char *seq_num(const struct ast_node *stmt, enum seq_opt k)
{
	const struct ast_node *o = seq_opt(stmt, k);

	return o ? o->u.seqopt.value->u.lit.text : NULL;
}

static void create_sequence(struct rt_ctx *ctx, struct schema *s,
			    const struct ast_node *stmt,
			    struct schema_change *chg)
{
	const struct ast_node *qn = stmt->u.seq.name;
	const struct ast_node *sch = qn->u.qname.schema;
	const struct ast_node *name = qn->u.qname.name, *as;
	const struct schema_obj *old;
	struct schema_sequence *q;

	old = schema_object(s, qn_schema(qn), name->u.name.key);
	if (old) {
		error_exists(ctx, qn->span, old);
		return;
	}
	q = arena_alloc(&ctx->arena, sizeof(*q));
	q->obj.kind = SCHEMA_SEQUENCE;
	if (sch)
		schema_note_schema(s, sch->u.name.key);
	q->obj.schema = sch ? sch->u.name.key : NULL;
	q->obj.schema_text = sch ? sch->u.name.text : NULL;
	q->obj.key = name->u.name.key;
	q->obj.text = name->u.name.text;
	q->obj.created = stmt->span;
	as = seq_opt(stmt, SEQ_AS);
	q->as = as ? as->u.seqopt.value : NULL;
	q->increment = seq_num(stmt, SEQ_INCREMENT);
	q->minvalue = seq_num(stmt, SEQ_MINVALUE);
	q->maxvalue = seq_num(stmt, SEQ_MAXVALUE);
	q->start = seq_num(stmt, SEQ_START);
	q->cache = seq_num(stmt, SEQ_CACHE);
	q->cycle = seq_opt(stmt, SEQ_CYCLE) ? 1 :
		   seq_opt(stmt, SEQ_NO_CYCLE) ? -1 : 0;
	q->node = stmt;
	schema_map_put(s, &s->names, q->obj.schema, q->obj.key, &q->obj);
	chg->seq = q;
}

/* drop sequence, as PostgreSQL: refused while a default uses it. */
static void drop_sequence(struct rt_ctx *ctx, struct schema *s,
			  const struct ast_node *stmt,
			  struct schema_change *chg)
{
	struct schema_sequence *q = find_sequence(ctx, s, stmt->u.seq.name);
	const struct schema_column *c;

	if (!q)
		return;
	c = schema_sequence_user(ctx, s, q);
	if (c) {
		diag_error(ctx, stmt->u.seq.name->span, "cannot drop sequence "
			   "\"%s\": the default of column \"%s\" of table "
			   "\"%s\" uses it", obj_label(ctx, &q->obj), c->text,
			   schema_table_label(ctx, c->table));
		diag_note(ctx, c->created, "column \"%s\" is created here",
			  c->text);
		return;
	}
	bury(s, q->obj.schema, q->obj.key, "sequence", q->obj.text, NULL,
	     stmt);
	schema_map_del(s, &s->names, q->obj.schema, q->obj.key);
	chg->seq = q;
}

/* alter sequence ... restart: the model keeps no current value. */
static void alter_sequence(struct rt_ctx *ctx, struct schema *s,
			   const struct ast_node *stmt,
			   struct schema_change *chg)
{
	chg->seq = find_sequence(ctx, s, stmt->u.seq.name);
}

/* Raw SQL */

static void raw_sql(struct rt_ctx *ctx, struct schema *s,
		    const struct ast_node *stmt, struct schema_change *chg)
{
	const char *text = stmt->u.raw.text;
	size_t len;
	long off = schema_ddl_word(text, &len);
	struct src_span at = stmt->u.raw.body;
	struct schema_raw *r;

	if (off < 0)
		return;
	at.start += (uint32_t)off;
	at.end = at.start + (uint32_t)len;
	chg->raw_ddl = true;
	chg->ddl_at = at;
	r = arena_alloc(&ctx->arena, sizeof(*r));
	r->stmt = stmt;
	r->prev = s->raw_ddl;
	r->seq = s->raw_ddl ? s->raw_ddl->seq + 1 : 1;
	SCHEMA_SET(s, s->raw_ddl, r);
}

/* if [not] exists */

static void warn_skip(struct rt_ctx *ctx, struct src_span at, bool exists,
		      const char *what, const char *name)
{
	diag_warning(ctx, at, "%s \"%s\" %s, so 'if %sexists' makes this "
		     "statement do nothing", what, name,
		     exists ? "already exists" : "does not exist",
		     exists ? "not " : "");
}

/* As warn_skip, for a part of table t: its column or constraint. */
static void warn_skip_in(struct rt_ctx *ctx, struct src_span at,
			 const struct schema_table *t, bool exists,
			 const char *what, const char *name)
{
	diag_warning(ctx, at, "table \"%s\" %s %s \"%s\", so 'if %sexists' "
		     "makes this statement do nothing",
		     schema_table_label(ctx, t),
		     exists ? "already has a" : "has no", what, name,
		     exists ? "not " : "");
}

/* Does a guarded statement find what its `if [not] exists` tests for
 * (then it does nothing, with a warning)? */
static bool guard_skips(struct rt_ctx *ctx, const struct schema *s,
			const struct ast_node *stmt)
{
	const struct ast_node *qn, *name;
	const struct schema_table *t;
	const struct schema_column *c;
	const struct schema_obj *o;
	const struct schema_sequence *q;

	switch (stmt->kind) {
	case AST_CREATE_TABLE:
		qn = stmt->u.create.table;
		t = schema_table_named(s, qn);
		if (!t)
			return false;
		warn_skip(ctx, qn->span, true, "table", qn_label(ctx, qn));
		note_created(ctx, &t->obj);
		return true;
	case AST_DROP_TABLE:
		qn = stmt->u.alter.table;
		if (schema_table_named(s, qn) ||
		    schema_object(s, qn_schema(qn), qn->u.qname.name->u.name.key))
			return false;
		warn_skip(ctx, qn->span, false, "table", qn_label(ctx, qn));
		note_grave(ctx, s, qn_schema(qn), qn->u.qname.name->u.name.key);
		return true;
	case AST_ADD_COLUMN:
	case AST_DROP_COLUMN:
		t = schema_table_named(s, stmt->u.alter.table);
		name = stmt->kind == AST_ADD_COLUMN ?
		       stmt->u.alter.def->u.column.name : stmt->u.alter.column;
		if (!t)
			return false;
		c = schema_column(t, name->u.name.key);
		if ((c != NULL) != (stmt->kind == AST_ADD_COLUMN))
			return false;
		warn_skip_in(ctx, name->span, t, c != NULL, "column",
			     name->u.name.text);
		if (c)
			diag_note(ctx, c->created, "column \"%s\" is created "
				  "here", c->text);
		else
			note_grave(ctx, s, t, name->u.name.key);
		return true;
	case AST_DROP_CONSTRAINT:
		/* Absent, or held by another kind of object: the usual
		 * error (an index is dropped with 'drop index'). */
		t = schema_table_named(s, stmt->u.alter.table);
		name = stmt->u.alter.name;
		if (!t || schema_object(s, t->obj.schema, name->u.name.key))
			return false;
		warn_skip_in(ctx, name->span, t, false, "constraint",
			     name->u.name.text);
		note_grave(ctx, s, t->obj.schema, name->u.name.key);
		return true;
	case AST_CREATE_INDEX:
		name = stmt->u.index.name;
		t = schema_table_named(s, stmt->u.index.table);
		o = t ? schema_object(s, t->obj.schema, name->u.name.key) : NULL;
		if (!o || o->kind != SCHEMA_INDEX)
			return false;
		warn_skip(ctx, name->span, true, "index", name->u.name.text);
		note_created(ctx, o);
		return true;
	case AST_DROP_INDEX:
		qn = stmt->u.drop_index.name;
		if (schema_index_named(s, qn) ||
		    schema_object(s, qn_schema(qn), qn->u.qname.name->u.name.key))
			return false;
		warn_skip(ctx, qn->span, false, "index", qn_label(ctx, qn));
		note_grave(ctx, s, qn_schema(qn), qn->u.qname.name->u.name.key);
		return true;
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
		qn = stmt->u.seq.name;
		q = schema_sequence_named(s, qn);
		if ((q != NULL) != (stmt->kind == AST_CREATE_SEQUENCE))
			return false;
		if (stmt->kind == AST_DROP_SEQUENCE &&
		    schema_object(s, qn_schema(qn), qn->u.qname.name->u.name.key))
			return false;
		warn_skip(ctx, qn->span, stmt->kind == AST_CREATE_SEQUENCE,
			  "sequence", qn_label(ctx, qn));
		if (stmt->kind == AST_CREATE_SEQUENCE)
			note_created(ctx, &q->obj);
		else
			note_grave(ctx, s, qn_schema(qn),
				   qn->u.qname.name->u.name.key);
		return true;
	default:
		return false;
	}
}

/* Statements */

/* drop table and every alter table statement. */
static void apply_alter(struct rt_ctx *ctx, struct schema *s,
			const struct ast_node *stmt, struct schema_change *chg)
{
	struct schema_table *t = find_table(ctx, s, stmt->u.alter.table);
	struct schema_con *last;

	if (!t)
		return;
	chg->table = t;
	switch (stmt->kind) {
	case AST_DROP_TABLE:
		drop_table(ctx, s, stmt, t, chg);
		break;
	case AST_RENAME_TABLE:
		rename_table(ctx, s, stmt, t, chg);
		break;
	case AST_ADD_COLUMN:
		add_column(ctx, s, stmt, t, chg);
		break;
	case AST_DROP_COLUMN:
		drop_column(ctx, s, stmt, t, chg);
		break;
	case AST_RENAME_COLUMN:
		rename_column(ctx, s, stmt, t, chg);
		break;
	case AST_ADD_CONSTRAINT:
		last = t->cons_tail;
		add_constraint(ctx, s, t, stmt->u.alter.def, NULL);
		chg->con = last ? last->next : t->cons;
		break;
	case AST_DROP_CONSTRAINT:
		drop_constraint(ctx, s, stmt, t, chg);
		break;
	case AST_RENAME_CONSTRAINT:
		rename_constraint(ctx, s, stmt, t, chg);
		break;
	default:
		alter_column(ctx, s, stmt, t, chg);
		break;
	}
}

static void apply_stmt(struct rt_ctx *ctx, struct schema *s,
		       const struct ast_node *stmt, struct schema_change *chg)
{
	struct schema_table *t;

	if (ast_guarded(stmt) && guard_skips(ctx, s, stmt)) {
		chg->skipped = true;
		return;
	}
	switch (stmt->kind) {
	case AST_CREATE_TABLE:
		create_table(ctx, s, stmt, chg);
		break;
	case AST_CREATE_INDEX:
		t = find_table(ctx, s, stmt->u.index.table);
		chg->table = t;
		if (t)
			create_index(ctx, s, stmt, t, chg);
		break;
	case AST_DROP_INDEX:
		drop_index(ctx, s, stmt, chg);
		break;
	case AST_RENAME_INDEX:
		rename_index(ctx, s, stmt, chg);
		break;
	case AST_INSERT:
		t = find_table(ctx, s, stmt->u.insert.table);
		chg->table = t;
		if (t)
			insert(ctx, s, stmt, t);
		break;
	case AST_UPDATE:
	case AST_DELETE:
		t = find_table(ctx, s, stmt->u.dml.table);
		chg->table = t;
		if (t && stmt->kind == AST_UPDATE)
			update(ctx, s, stmt, t);
		break;
	case AST_COMMENT:
		t = find_table(ctx, s, stmt->u.comment.table);
		chg->table = t;
		if (t)
			comment(ctx, s, stmt, t, chg);
		break;
	case AST_CREATE_TYPE:
		create_enum(ctx, s, stmt, chg);
		break;
	case AST_DROP_TYPE:
		drop_enum(ctx, s, stmt, chg);
		break;
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
		alter_enum(ctx, s, stmt, chg);
		break;
	case AST_CREATE_SEQUENCE:
		create_sequence(ctx, s, stmt, chg);
		break;
	case AST_DROP_SEQUENCE:
		drop_sequence(ctx, s, stmt, chg);
		break;
	case AST_ALTER_SEQUENCE:
		alter_sequence(ctx, s, stmt, chg);
		break;
	case AST_RAW_SQL:
		raw_sql(ctx, s, stmt, chg);
		break;
	default:
		apply_alter(ctx, s, stmt, chg);
		break;
	}
}

int schema_apply(struct rt_ctx *ctx, struct schema *s,
		 const struct ast_node *block, const struct schema_observer *obs)
{
	const struct ast_node *stmt;
	int errors = 0;

	for (stmt = block->u.block.stmts.head; stmt && !diag_full(ctx);
	     stmt = stmt->next) {
		struct schema_change chg;
		unsigned had = ctx->diags.errors;
		const struct schema_observer *o;

		memset(&chg, 0, sizeof(chg));
		chg.stmt = stmt;
		apply_stmt(ctx, s, stmt, &chg);
		if (ctx->diags.errors != had) {
			errors += (int)(ctx->diags.errors - had);
			obs = NULL;
		}
		for (o = obs; o; o = o->next)
			o->after(o->arg, s, &chg);
	}
	return errors;
}

/* The stage */

int schema_replay(struct rt_ctx *ctx, struct ast_revision *const *revs,
		  size_t n, const struct schema_watch *w, struct schema **out)
{
	unsigned before = ctx->diags.errors;
	struct schema *s = schema_new(ctx);
	size_t i;

	for (i = 0; i < n && !diag_full(ctx); i++) {
		const struct ast_revision *r = revs[i];
		const struct schema_observer *obs = NULL;
		int errors = 0;

		schema_set_origin(s, r);
		if (w && w->begin)
			obs = w->begin(w->arg, i, false, s);
		if (r->up)
			errors = schema_apply(ctx, s, r->up, obs);
		if (w && w->end)
			w->end(w->arg, i, false, s);
		if (!r->down || errors)
			continue;
		schema_begin(s);
		obs = w && w->begin ? w->begin(w->arg, i, true, s) : NULL;
		schema_apply(ctx, s, r->down, obs);
		if (w && w->end)
			w->end(w->arg, i, true, s);
		schema_rollback(s);
	}
	*out = s;
	return (int)(ctx->diags.errors - before);
}
