/*
 * ast.c: constructors for the syntax tree (called from grammar actions)
 * and the token decoding they do, the names of kinds, clauses and
 * foreign-key actions for messages, and a compact S-expression dump
 * (ast_dump) for the parser's unit tests.
 */
#include "ast.h"

#include <stdalign.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "parse.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

/* The longest identifier, in bytes, as in PostgreSQL. */
#define NAME_MAX_BYTES 63

void ast_list_append(struct ast_list *list, struct ast_node *node)
{
	if (!node)
		return;
	node->next = NULL;
	if (list->tail)
		list->tail->next = node;
	else
		list->head = node;
	list->tail = node;
	list->n++;
}

/* The bytes a node of each kind takes: the header and its own member of
 * the union, not the largest (a name node is 48 bytes, not 112). */
#define NODE_SIZE(member) \
	(offsetof(struct ast_node, u) + sizeof(((struct ast_node *)NULL)->u.member))

static const unsigned char node_size[] = {
	[AST_CREATE_TABLE] = NODE_SIZE(create),
	[AST_DROP_TABLE] = NODE_SIZE(alter),
	[AST_RENAME_TABLE] = NODE_SIZE(alter),
	[AST_ADD_COLUMN] = NODE_SIZE(alter),
	[AST_DROP_COLUMN] = NODE_SIZE(alter),
	[AST_RENAME_COLUMN] = NODE_SIZE(alter),
	[AST_ALTER_TYPE] = NODE_SIZE(alter),
	[AST_SET_NOT_NULL] = NODE_SIZE(alter),
	[AST_DROP_NOT_NULL] = NODE_SIZE(alter),
	[AST_SET_DEFAULT] = NODE_SIZE(alter),
	[AST_DROP_DEFAULT] = NODE_SIZE(alter),
	[AST_ADD_CONSTRAINT] = NODE_SIZE(alter),
	[AST_DROP_CONSTRAINT] = NODE_SIZE(alter),
	[AST_RENAME_CONSTRAINT] = NODE_SIZE(alter),
	[AST_CREATE_INDEX] = NODE_SIZE(index),
	[AST_DROP_INDEX] = NODE_SIZE(drop_index),
	[AST_RENAME_INDEX] = NODE_SIZE(rename_index),
	[AST_INSERT] = NODE_SIZE(insert),
	[AST_UPDATE] = NODE_SIZE(dml),
	[AST_DELETE] = NODE_SIZE(dml),
	[AST_COMMENT] = NODE_SIZE(comment),
	[AST_CREATE_TYPE] = NODE_SIZE(etype),
	[AST_DROP_TYPE] = NODE_SIZE(etype),
	[AST_ADD_VALUE] = NODE_SIZE(etype),
	[AST_RENAME_VALUE] = NODE_SIZE(etype),
	[AST_CREATE_SEQUENCE] = NODE_SIZE(seq),
	[AST_DROP_SEQUENCE] = NODE_SIZE(seq),
	[AST_ALTER_SEQUENCE] = NODE_SIZE(seq),
	[AST_SEQ_OPTION] = NODE_SIZE(seqopt),
	[AST_RAW_SQL] = NODE_SIZE(raw),
	[AST_NAME] = NODE_SIZE(name),
	[AST_QNAME] = NODE_SIZE(qname),
	[AST_WORD] = NODE_SIZE(word),
	[AST_TYPE] = NODE_SIZE(type),
	[AST_LITERAL] = NODE_SIZE(lit),
	[AST_EXPR] = NODE_SIZE(expr),
	[AST_COLUMN] = NODE_SIZE(column),
	[AST_CONSTRAINT] = NODE_SIZE(con),
	[AST_INDEX_COLUMN] = NODE_SIZE(icol),
	[AST_ROW] = NODE_SIZE(row),
	[AST_ASSIGN] = NODE_SIZE(assign),
	[AST_CLAUSE] = NODE_SIZE(clause),
	[AST_BLOCK] = NODE_SIZE(block),
};

static struct ast_node *node_new(struct parse_ctx *pc, enum ast_kind kind,
				 struct src_span span)
{
	struct ast_node *n;

	if ((size_t)kind >= ARRAY_SIZE(node_size) || !node_size[kind])
		RT_BUG("bad node kind %d", (int)kind);
	n = arena_alloc_aligned(pc->nodes, node_size[kind],
				alignof(struct ast_node));
	n->kind = kind;
	n->span = span;
	return n;
}

static const char *tok_text(const struct parse_ctx *pc, struct src_span s)
{
	return pc->src->data + s.start;
}

/* Decode a quoted token ('...' or "..."): drop the quotes, undouble. */
static char *unquote(struct parse_ctx *pc, struct src_span s, size_t *len)
{
	const char *p = tok_text(pc, s);
	size_t n = s.end - s.start, i, o = 0;
	char q = p[0];
	char *out = arena_alloc_aligned(pc->nodes, n, 1);

	for (i = 1; i + 1 < n; i++) {
		out[o++] = p[i];
		if (p[i] == q)
			i++;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* Decode a name token: its folded key and its spelling (the key unless
 * quoted), interned; true if it was quoted. */
static bool name_decode(struct parse_ctx *pc, struct src_span tok,
			const char **key, const char **text)
{
	struct rt_ctx *ctx = pc->ctx;
	const char *p = tok_text(pc, tok);
	size_t len = tok.end - tok.start;
	bool quoted = p[0] == '"';

	if (quoted) {
		char *s = unquote(pc, tok, &len);

		if (len == 0)
			diag_error(ctx, tok, "zero-length quoted identifier");
		*key = intern_lower(&ctx->names, &ctx->arena, s, len);
		*text = intern(&ctx->names, &ctx->arena, s, len);
	} else {
		*key = *text = intern_lower(&ctx->names, &ctx->arena, p, len);
	}
	if (len > NAME_MAX_BYTES)
		diag_error(ctx, tok, "identifier is longer than %d bytes",
			   NAME_MAX_BYTES);
	return quoted;
}

struct ast_node *ast_new_name(struct parse_ctx *pc, struct src_span tok)
{
	struct ast_node *n = node_new(pc, AST_NAME, tok);

	n->u.name.quoted = name_decode(pc, tok, &n->u.name.key,
				       &n->u.name.text);
	return n;
}

const char *ast_type_name(struct parse_ctx *pc, struct src_span tok)
{
	const char *key, *text;

	name_decode(pc, tok, &key, &text);
	return text;
}

struct ast_node *ast_new_qname(struct parse_ctx *pc, struct src_span span,
			       struct ast_node *schema, struct ast_node *name)
{
	struct ast_node *n = node_new(pc, AST_QNAME, span);

	n->u.qname.schema = schema;
	n->u.qname.name = name;
	return n;
}

struct ast_node *ast_new_word(struct parse_ctx *pc, struct src_span tok)
{
	struct ast_node *n = node_new(pc, AST_WORD, tok);
	struct rt_ctx *ctx = pc->ctx;
	const char *p = tok_text(pc, tok);
	size_t len = tok.end - tok.start;

	if (p[0] == '\'')
		p = unquote(pc, tok, &len);
	n->u.word.text = intern(&ctx->names, &ctx->arena, p, len);
	return n;
}

static struct ast_node *type_new(struct parse_ctx *pc, struct src_span span,
				 const char *name, struct ast_list *args)
{
	struct ast_node *n = node_new(pc, AST_TYPE, span);

	n->u.type.name = name;
	if (args)
		n->u.type.args = *args;
	return n;
}

struct ast_node *ast_new_type_named(struct parse_ctx *pc,
				    struct src_span span, const char *name,
				    struct ast_list *args)
{
	return type_new(pc, span, name, args);
}

struct ast_node *ast_type_array(struct parse_ctx *pc, struct src_span span,
				struct ast_node *type)
{
	(void)pc;
	type->u.type.dims++;
	type->span = span;
	return type;
}

struct ast_node *ast_new_literal(struct parse_ctx *pc, struct src_span span,
				 enum lit_kind kind)
{
	struct ast_node *n = node_new(pc, AST_LITERAL, span);
	const char *p = tok_text(pc, span);
	size_t len = span.end - span.start;

	n->u.lit.kind = kind;
	if (kind == LIT_STRING) {
		n->u.lit.text = unquote(pc, span, &len);
	} else if (kind == LIT_NUMBER) {
		/* '-' NUMBER may have blanks or comments in between. */
		size_t digits = len, sign = p[0] == '-';
		char *text;

		while (digits > 0 && (ascii_isdigit((unsigned char)p[digits - 1]) ||
				      p[digits - 1] == '.'))
			digits--;
		text = arena_alloc_aligned(pc->nodes, sign + len - digits + 1, 1);
		text[0] = '-';
		memcpy(text + sign, p + digits, len - digits);
		n->u.lit.text = text;
	}
	return n;
}

struct ast_node *ast_new_expr(struct parse_ctx *pc)
{
	return node_new(pc, AST_EXPR, parse_start_span(pc));
}

struct ast_node *ast_expr_add_qident(struct parse_ctx *pc,
				     struct ast_node *expr,
				     struct src_span tok)
{
	ast_list_append(&expr->u.expr.qidents, ast_new_name(pc, tok));
	return expr;
}

struct ast_node *ast_expr_add_ident(struct parse_ctx *pc,
				    struct ast_node *expr,
				    struct src_span tok)
{
	if (tok.end - tok.start > NAME_MAX_BYTES)
		diag_error(pc->ctx, tok, "identifier is longer than %d bytes",
			   NAME_MAX_BYTES);
	return expr;
}

struct ast_node *ast_expr_nest(struct ast_node *outer, struct ast_node *inner)
{
	struct ast_list *o = &outer->u.expr.qidents;
	struct ast_list *i = &inner->u.expr.qidents;

	if (i->head) {
		if (o->tail)
			o->tail->next = i->head;
		else
			o->head = i->head;
		o->tail = i->tail;
		o->n += i->n;
	}
	return outer;
}

struct ast_node *ast_expr_close(struct parse_ctx *pc, struct ast_node *expr,
				struct src_span lparen, struct src_span body,
				struct src_span rparen)
{
	/* An empty body's span is empty; comments are no tokens. */
	expr->u.expr.empty = body.start == body.end;
	expr->span.file = lparen.file;
	expr->span.start = lparen.end;
	expr->span.end = rparen.start;
	expr->u.expr.text = arena_strndup(pc->nodes,
					  tok_text(pc, expr->span),
					  expr->span.end - expr->span.start);
	return expr;
}

struct ast_node *ast_new_column(struct parse_ctx *pc, struct src_span span,
				struct ast_node *name, struct ast_node *type,
				struct ast_list *cons)
{
	struct ast_node *n = node_new(pc, AST_COLUMN, span);

	n->u.column.name = name;
	n->u.column.type = type;
	n->u.column.cons = *cons;
	return n;
}

struct ast_node *ast_new_constraint(struct parse_ctx *pc, struct src_span span,
				    enum con_kind kind)
{
	struct ast_node *n = node_new(pc, AST_CONSTRAINT, span);

	n->u.con.kind = kind;
	return n;
}

struct ast_node *ast_new_key(struct parse_ctx *pc, struct src_span span,
			     enum con_kind kind, struct ast_list *cols)
{
	struct ast_node *n = ast_new_constraint(pc, span, kind);

	n->u.con.cols = *cols;
	return n;
}

struct ast_node *ast_new_valued(struct parse_ctx *pc, struct src_span span,
				enum con_kind kind, struct ast_node *value)
{
	struct ast_node *n = ast_new_constraint(pc, span, kind);

	n->u.con.value = value;
	return n;
}

struct ast_node *ast_new_references(struct parse_ctx *pc,
				    struct src_span span,
				    struct ast_node *table,
				    struct ast_list *cols)
{
	struct ast_node *n = ast_new_constraint(pc, span, CON_FOREIGN_KEY);

	n->u.con.ref_table = table;
	n->u.con.ref_cols = *cols;
	return n;
}

struct ast_node *ast_new_foreign_key(struct parse_ctx *pc,
				     struct src_span span,
				     struct ast_list *cols,
				     struct ast_node *references)
{
	(void)pc;
	references->span = span;
	references->u.con.cols = *cols;
	return references;
}

struct ast_node *ast_fk_action(struct parse_ctx *pc, struct src_span span,
			       struct src_span on, struct ast_node *fk,
			       bool on_update, enum fk_action action)
{
	enum fk_action *slot = on_update ? &fk->u.con.on_update
					 : &fk->u.con.on_delete;
	struct src_span at = { span.file, on.start, span.end };

	if (*slot != FK_NONE)
		diag_error(pc->ctx, at, "ON %s is given twice",
			   on_update ? "UPDATE" : "DELETE");
	*slot = action;
	fk->span = span;
	return fk;
}

struct ast_node *ast_con_defer(struct parse_ctx *pc, struct src_span span,
			       struct src_span at, struct ast_node *con,
			       enum con_defer defer)
{
	if (con->u.con.defer != DEFER_NONE)
		diag_error(pc->ctx, at, "DEFERRABLE is given twice");
	con->u.con.defer = defer;
	con->span = span;
	return con;
}

struct ast_node *ast_constraint_named(struct src_span span,
				      struct ast_node *name,
				      struct ast_node *con)
{
	con->u.con.name = name;
	con->span = span;
	return con;
}

struct ast_node *ast_new_create_table(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *table,
				      struct ast_list *elems)
{
	struct ast_node *n = node_new(pc, AST_CREATE_TABLE, span);

	n->u.create.table = table;
	n->u.create.elems = *elems;
	return n;
}

struct ast_node *ast_new_drop_table(struct parse_ctx *pc, struct src_span span,
				    struct ast_node *table)
{
	struct ast_node *n = node_new(pc, AST_DROP_TABLE, span);

	n->u.alter.table = table;
	return n;
}

struct ast_node *ast_new_alter(struct parse_ctx *pc, struct src_span span,
			       enum ast_kind kind, struct ast_node *column)
{
	struct ast_node *n = node_new(pc, kind, span);

	n->u.alter.column = column;
	return n;
}

struct ast_node *ast_alter_set(struct ast_node *alter, struct ast_node *name,
			       struct ast_node *def, struct ast_node *type,
			       struct ast_node *expr)
{
	alter->u.alter.name = name;
	alter->u.alter.def = def;
	alter->u.alter.type = type;
	alter->u.alter.expr = expr;
	return alter;
}

struct ast_node *ast_alter_table(struct src_span span, struct ast_node *table,
				 struct ast_node *alter)
{
	alter->span = span;
	alter->u.alter.table = table;
	return alter;
}

struct ast_node *ast_new_index_column(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *name,
				      struct ast_node *expr, bool desc)
{
	struct ast_node *n = node_new(pc, AST_INDEX_COLUMN, span);

	n->u.icol.name = name;
	n->u.icol.expr = expr;
	n->u.icol.desc = desc;
	return n;
}

struct ast_node *ast_new_create_index(struct parse_ctx *pc,
				      struct src_span span, bool unique,
				      struct ast_node *name,
				      struct ast_node *table,
				      struct ast_node *method,
				      struct ast_list *cols,
				      struct ast_node *where)
{
	struct ast_node *n = node_new(pc, AST_CREATE_INDEX, span);

	n->u.index.method = method;
	n->u.index.unique = unique;
	n->u.index.name = name;
	n->u.index.table = table;
	n->u.index.cols = *cols;
	n->u.index.where = where;
	return n;
}

struct ast_node *ast_new_drop_index(struct parse_ctx *pc, struct src_span span,
				    struct ast_node *name)
{
	struct ast_node *n = node_new(pc, AST_DROP_INDEX, span);

	n->u.drop_index.name = name;
	return n;
}

struct ast_node *ast_new_rename_index(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *name,
				      struct ast_node *to)
{
	struct ast_node *n = node_new(pc, AST_RENAME_INDEX, span);

	n->u.rename_index.name = name;
	n->u.rename_index.to = to;
	return n;
}

struct ast_node *ast_new_row(struct parse_ctx *pc, struct src_span span,
			     struct ast_list *values)
{
	struct ast_node *n = node_new(pc, AST_ROW, span);

	n->u.row.values = *values;
	return n;
}

struct ast_node *ast_new_insert(struct parse_ctx *pc, struct src_span span,
				struct ast_node *table, struct ast_list *cols,
				struct ast_list *rows)
{
	struct ast_node *n = node_new(pc, AST_INSERT, span);

	n->u.insert.table = table;
	n->u.insert.cols = *cols;
	n->u.insert.rows = *rows;
	return n;
}

struct ast_node *ast_new_insert_query(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *table,
				      struct ast_list *cols,
				      struct ast_node *query)
{
	struct ast_list none = { 0 };
	struct ast_node *n = ast_new_insert(pc, span, table, cols, &none);

	n->u.insert.query = query;
	return n;
}

/* Where a statement of kind k keeps its `if [not] exists` flag (an
 * offset into the node), or 0 if it has none. */
static size_t guard_offset(enum ast_kind k)
{
	switch (k) {
	case AST_CREATE_TABLE:
		return offsetof(struct ast_node, u.create.guard);
	case AST_DROP_TABLE:
	case AST_ADD_COLUMN:
	case AST_DROP_COLUMN:
	case AST_DROP_CONSTRAINT:
		return offsetof(struct ast_node, u.alter.guard);
	case AST_CREATE_INDEX:
		return offsetof(struct ast_node, u.index.guard);
	case AST_DROP_INDEX:
		return offsetof(struct ast_node, u.drop_index.guard);
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
		return offsetof(struct ast_node, u.seq.guard);
	default:
		return 0;
	}
}

struct ast_node *ast_guard(struct ast_node *stmt)
{
	size_t off = guard_offset(stmt->kind);

	if (!off)
		RT_BUG("if exists on %s", ast_kind_name(stmt->kind));
	*(bool *)((char *)stmt + off) = true;
	return stmt;
}

bool ast_guarded(const struct ast_node *stmt)
{
	size_t off = guard_offset(stmt->kind);

	return off && *(const bool *)((const char *)stmt + off);
}

struct ast_node *ast_new_assign(struct parse_ctx *pc, struct src_span span,
				struct ast_node *column, struct src_span op,
				struct ast_node *value)
{
	struct ast_node *n = node_new(pc, AST_ASSIGN, span);

	if (op.end - op.start != 1 || tok_text(pc, op)[0] != '=')
		diag_error(pc->ctx, op, "expected '=' after the column name");
	n->u.assign.column = column;
	n->u.assign.value = value;
	return n;
}

struct ast_node *ast_new_dml(struct parse_ctx *pc, struct src_span span,
			     enum ast_kind kind, struct ast_node *table,
			     struct ast_list *sets, struct ast_node *where)
{
	struct ast_node *n = node_new(pc, kind, span);

	n->u.dml.table = table;
	if (sets)
		n->u.dml.sets = *sets;
	n->u.dml.where = where;
	return n;
}

struct ast_node *ast_new_comment(struct parse_ctx *pc, struct src_span span,
				 struct ast_node *table, struct ast_node *column,
				 struct ast_node *text)
{
	struct ast_node *n = node_new(pc, AST_COMMENT, span);

	n->u.comment.table = table;
	n->u.comment.column = column;
	n->u.comment.text = text;
	return n;
}

struct ast_node *ast_new_comment_column(struct parse_ctx *pc,
					struct src_span span,
					struct ast_node *a, struct ast_node *b,
					struct ast_node *c,
					struct ast_node *text)
{
	struct ast_node *schema = c ? a : NULL, *table = c ? b : a;
	struct src_span at = { a->span.file, a->span.start, table->span.end };

	return ast_new_comment(pc, span, ast_new_qname(pc, at, schema, table),
			       c ? c : b, text);
}

struct ast_node *ast_new_enum(struct parse_ctx *pc, struct src_span span,
			      enum ast_kind kind, struct ast_node *name,
			      struct ast_list *labels)
{
	struct ast_node *n = node_new(pc, kind, span);

	n->u.etype.name = name;
	if (labels)
		n->u.etype.labels = *labels;
	return n;
}

struct ast_node *ast_enum_set(struct ast_node *stmt, struct ast_node *value,
			      struct ast_node *to, struct ast_node *near,
			      bool after)
{
	stmt->u.etype.value = value;
	stmt->u.etype.to = to;
	stmt->u.etype.near = near;
	stmt->u.etype.after = after;
	return stmt;
}

struct ast_node *ast_new_sequence(struct parse_ctx *pc, struct src_span span,
				  enum ast_kind kind, struct ast_node *name,
				  struct ast_list *opts)
{
	struct ast_node *n = node_new(pc, kind, span);

	n->u.seq.name = name;
	if (opts)
		n->u.seq.opts = *opts;
	return n;
}

struct ast_node *ast_new_seq_opt(struct parse_ctx *pc, struct src_span span,
				 enum seq_opt kind, struct ast_node *value)
{
	struct ast_node *n = node_new(pc, AST_SEQ_OPTION, span);

	n->u.seqopt.kind = kind;
	n->u.seqopt.value = value;
	return n;
}

struct ast_node *ast_new_nextval(struct parse_ctx *pc, struct src_span span,
				 struct ast_node *seq)
{
	struct ast_node *n = ast_new_literal(pc, span, LIT_NEXTVAL);

	n->u.lit.seq = seq;
	return n;
}

struct ast_node *ast_new_nextval_string(struct parse_ctx *pc,
					struct src_span span,
					struct src_span str)
{
	diag_error(pc->ctx, str, "nextval takes the sequence's name, not a "
		   "string: write nextval(%.*s)",
		   (int)(str.end - str.start > 2 ? str.end - str.start - 2 : 0),
		   tok_text(pc, str) + 1);
	return ast_new_literal(pc, span, LIT_NEXTVAL);
}

struct ast_node *ast_new_raw(struct parse_ctx *pc, struct src_span span,
			     struct ast_list *dialects, struct src_span raw)
{
	struct ast_node *n = node_new(pc, AST_RAW_SQL, span);
	const char *p = tok_text(pc, raw);
	uint32_t tag = 1;

	while (p[tag] != '$')
		tag++;
	tag++;
	n->u.raw.body.file = raw.file;
	n->u.raw.body.start = raw.start + tag;
	n->u.raw.body.end = raw.end - tag;
	n->u.raw.text = arena_strndup(pc->nodes, p + tag,
				      raw.end - raw.start - 2 * tag);
	if (dialects)
		n->u.raw.dialects = *dialects;
	return n;
}

struct ast_node *ast_new_clause(struct parse_ctx *pc, struct src_span span,
				enum clause_kind kind, struct ast_list *words,
				struct ast_node *value)
{
	struct ast_node *n = node_new(pc, AST_CLAUSE, span);

	n->u.clause.kind = kind;
	if (words)
		n->u.clause.words = *words;
	n->u.clause.value = value;
	return n;
}

struct ast_node *ast_new_block(struct parse_ctx *pc, struct src_span span,
			       bool down, struct ast_list *stmts)
{
	struct ast_node *n = node_new(pc, AST_BLOCK, span);

	n->u.block.down = down;
	n->u.block.stmts = *stmts;
	return n;
}

struct ast_revision *ast_new_revision(struct parse_ctx *pc,
				      struct src_span span,
				      struct ast_node *id,
				      struct ast_list *clauses,
				      struct ast_list *blocks)
{
	struct ast_revision *r = arena_alloc(pc->nodes, sizeof(*r));

	r->span = span;
	r->id = id;
	r->clauses = *clauses;
	r->blocks = *blocks;
	r->transactional = true;
	return r;
}

void ast_file_add(struct parse_ctx *pc, struct ast_revision *rev)
{
	struct ast_file *f = pc->out;

	if (f->last)
		f->last->next = rev;
	else
		f->revs = rev;
	f->last = rev;
	f->nrevs++;
}

/* A copy of node n alone in a (its lists and children are n's). */
static struct ast_node *node_copy(struct arena *a, const struct ast_node *n)
{
	struct ast_node *c = arena_alloc_aligned(a, node_size[n->kind],
						 alignof(struct ast_node));

	memcpy(c, n, node_size[n->kind]);
	return c;
}

/* A copy of list in a: each node copied by copy. */
static void list_copy(struct arena *a, struct ast_list *list,
		      struct ast_node *(*copy)(struct arena *,
					       const struct ast_node *))
{
	const struct ast_node *n = list->head;

	memset(list, 0, sizeof(*list));
	for (; n; n = n->next)
		ast_list_append(list, copy(a, n));
}

static const char *text_copy(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static struct ast_node *clause_copy(struct arena *a, const struct ast_node *n)
{
	struct ast_node *c = node_copy(a, n);

	list_copy(a, &c->u.clause.words, node_copy);
	if (n->u.clause.value) {
		c->u.clause.value = node_copy(a, n->u.clause.value);
		c->u.clause.value->u.lit.text =
			text_copy(a, n->u.clause.value->u.lit.text);
	}
	return c;
}

static struct ast_node *block_copy(struct arena *a, const struct ast_node *n)
{
	struct ast_node *c = node_copy(a, n);

	memset(&c->u.block.stmts, 0, sizeof(c->u.block.stmts));
	return c;
}

/* The copy of the node that stands where n stands in list from copied
 * to the same place in list to. */
static struct ast_node *same_place(const struct ast_list *from,
				   const struct ast_list *to,
				   const struct ast_node *n)
{
	const struct ast_node *f = from->head;
	struct ast_node *t = to->head;

	if (!n)
		return NULL;
	while (f != n) {
		f = f->next;
		t = t->next;
	}
	return t;
}

static struct ast_revision *revision_headers(struct arena *a,
					     const struct ast_revision *r)
{
	struct ast_revision *c = arena_alloc(a, sizeof(*c));

	*c = *r;
	c->next = NULL;
	c->id = r->id ? node_copy(a, r->id) : NULL;
	list_copy(a, &c->clauses, clause_copy);
	list_copy(a, &c->blocks, block_copy);
	c->message = text_copy(a, r->message);
	c->created = text_copy(a, r->created);
	c->depends = same_place(&r->clauses, &c->clauses, r->depends);
	c->requires = same_place(&r->clauses, &c->clauses, r->requires);
	c->labels = same_place(&r->clauses, &c->clauses, r->labels);
	c->up = same_place(&r->blocks, &c->blocks, r->up);
	c->down = same_place(&r->blocks, &c->blocks, r->down);
	return c;
}

struct ast_file *ast_file_headers(struct arena *a, const struct ast_file *f)
{
	struct ast_file *c = arena_alloc(a, sizeof(*c));
	const struct ast_revision *r;

	*c = *f;
	c->revs = c->last = NULL;
	for (r = f->revs; r; r = r->next) {
		struct ast_revision *h = revision_headers(a, r);

		if (c->last)
			c->last->next = h;
		else
			c->revs = h;
		c->last = h;
	}
	return c;
}

const char *ast_kind_name(enum ast_kind kind)
{
	static const char *const names[] = {
		[AST_CREATE_TABLE] = "create_table",
		[AST_DROP_TABLE] = "drop_table",
		[AST_RENAME_TABLE] = "rename_table",
		[AST_ADD_COLUMN] = "add_column",
		[AST_DROP_COLUMN] = "drop_column",
		[AST_RENAME_COLUMN] = "rename_column",
		[AST_ALTER_TYPE] = "alter_type",
		[AST_SET_NOT_NULL] = "set_not_null",
		[AST_DROP_NOT_NULL] = "drop_not_null",
		[AST_SET_DEFAULT] = "set_default",
		[AST_DROP_DEFAULT] = "drop_default",
		[AST_ADD_CONSTRAINT] = "add_constraint",
		[AST_DROP_CONSTRAINT] = "drop_constraint",
		[AST_RENAME_CONSTRAINT] = "rename_constraint",
		[AST_CREATE_INDEX] = "create_index",
		[AST_DROP_INDEX] = "drop_index",
		[AST_RENAME_INDEX] = "rename_index",
		[AST_INSERT] = "insert",
		[AST_UPDATE] = "update",
		[AST_DELETE] = "delete",
		[AST_COMMENT] = "comment",
		[AST_CREATE_TYPE] = "create_type",
		[AST_DROP_TYPE] = "drop_type",
		[AST_ADD_VALUE] = "add_value",
		[AST_RENAME_VALUE] = "rename_value",
		[AST_CREATE_SEQUENCE] = "create_sequence",
		[AST_DROP_SEQUENCE] = "drop_sequence",
		[AST_ALTER_SEQUENCE] = "alter_sequence",
		[AST_SEQ_OPTION] = "seq_option",
		[AST_RAW_SQL] = "sql",
		[AST_NAME] = "name",
		[AST_QNAME] = "qname",
		[AST_WORD] = "word",
		[AST_TYPE] = "type",
		[AST_LITERAL] = "literal",
		[AST_EXPR] = "expr",
		[AST_COLUMN] = "column",
		[AST_CONSTRAINT] = "constraint",
		[AST_INDEX_COLUMN] = "index_column",
		[AST_ROW] = "row",
		[AST_ASSIGN] = "assign",
		[AST_CLAUSE] = "clause",
		[AST_BLOCK] = "block",
	};

	if ((size_t)kind >= ARRAY_SIZE(names) || !names[kind])
		RT_BUG("bad node kind %d", (int)kind);
	return names[kind];
}

const char *ast_clause_keyword(enum clause_kind kind)
{
	switch (kind) {
	case CLAUSE_MESSAGE:
		return "message";
	case CLAUSE_DEPENDS:
		return "depends";
	case CLAUSE_REQUIRES:
		return "requires";
	case CLAUSE_LABEL:
		return "label";
	case CLAUSE_CREATED:
		return "created";
	case CLAUSE_TRANSACTIONAL:
		return "transactional";
	case CLAUSE_STATEMENT_TIMEOUT:
		return "statement_timeout";
	}
	RT_BUG("bad clause kind %d", (int)kind);
}

const char *ast_fk_action_sql(enum fk_action action)
{
	switch (action) {
	case FK_NONE:
		return "";
	case FK_NO_ACTION:
		return "NO ACTION";
	case FK_RESTRICT:
		return "RESTRICT";
	case FK_CASCADE:
		return "CASCADE";
	case FK_SET_NULL:
		return "SET NULL";
	case FK_SET_DEFAULT:
		return "SET DEFAULT";
	}
	RT_BUG("bad foreign key action %d", (int)action);
}

static void dump_list(struct strbuf *out, const struct ast_list *list)
{
	const struct ast_node *n;

	for (n = list->head; n; n = n->next) {
		strbuf_addch(out, ' ');
		ast_dump(out, n);
	}
}

static void dump_paren_list(struct strbuf *out, const struct ast_list *list)
{
	const struct ast_node *n;

	strbuf_addch(out, '(');
	for (n = list->head; n; n = n->next) {
		if (n != list->head)
			strbuf_addch(out, ' ');
		ast_dump(out, n);
	}
	strbuf_addch(out, ')');
}

static void dump_opt(struct strbuf *out, const char *tag,
		     const struct ast_node *n)
{
	if (!n)
		return;
	strbuf_addf(out, " (%s ", tag);
	ast_dump(out, n);
	strbuf_addch(out, ')');
}

static const char *const lit_words[] = {
	[LIT_TRUE] = "true",
	[LIT_FALSE] = "false",
	[LIT_NULL] = "null",
	[LIT_CURRENT_TIMESTAMP] = "current_timestamp",
	[LIT_CURRENT_DATE] = "current_date",
	[LIT_CURRENT_TIME] = "current_time",
	[LIT_NEW_UUID] = "new_uuid()",
	[LIT_NOW_PRECISE] = "now_precise()",
	[LIT_NEXTVAL] = "nextval",
};

static const char *const con_words[] = {
	[CON_NOT_NULL] = "not_null",
	[CON_NULL] = "null",
	[CON_PRIMARY_KEY] = "primary_key",
	[CON_UNIQUE] = "unique",
	[CON_AUTOINCREMENT] = "autoincrement",
	[CON_DEFAULT] = "default",
	[CON_CHECK] = "check",
	[CON_FOREIGN_KEY] = "foreign_key",
};

static void dump_constraint(struct strbuf *out, const struct ast_node *n)
{
	strbuf_addf(out, "(%s", con_words[n->u.con.kind]);
	dump_opt(out, "name", n->u.con.name);
	if (n->u.con.cols.n) {
		strbuf_addch(out, ' ');
		dump_paren_list(out, &n->u.con.cols);
	}
	if (n->u.con.ref_table) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.con.ref_table);
		if (n->u.con.ref_cols.n) {
			strbuf_addch(out, ' ');
			dump_paren_list(out, &n->u.con.ref_cols);
		}
	}
	if (n->u.con.on_delete)
		strbuf_addf(out, " (on_delete %s)",
			    ast_fk_action_sql(n->u.con.on_delete));
	if (n->u.con.on_update)
		strbuf_addf(out, " (on_update %s)",
			    ast_fk_action_sql(n->u.con.on_update));
	if (n->u.con.defer)
		strbuf_addstr(out, n->u.con.defer == DEFER_DEFERRED ?
			      " deferred" : " deferrable");
	if (n->u.con.value) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.con.value);
	}
	strbuf_addch(out, ')');
}

static void dump_alter(struct strbuf *out, const struct ast_node *n)
{
	strbuf_addf(out, "(%s ", ast_kind_name(n->kind));
	ast_dump(out, n->u.alter.table);
	if (n->u.alter.column) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.alter.column);
	}
	if (n->u.alter.name) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.alter.name);
	}
	if (n->u.alter.def) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.alter.def);
	}
	if (n->u.alter.type) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.alter.type);
	}
	if (n->kind == AST_ALTER_TYPE)
		dump_opt(out, "using", n->u.alter.expr);
	else if (n->u.alter.expr) {
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.alter.expr);
	}
	strbuf_addch(out, ')');
}

static void dump_part(struct strbuf *out, const struct ast_node *n)
{
	unsigned i;

	switch (n->kind) {
	case AST_NAME:
		if (n->u.name.quoted)
			strbuf_add_quoted(out, n->u.name.text, '"');
		else
			strbuf_addstr(out, n->u.name.text);
		break;
	case AST_QNAME:
		if (n->u.qname.schema) {
			ast_dump(out, n->u.qname.schema);
			strbuf_addch(out, '.');
		}
		ast_dump(out, n->u.qname.name);
		break;
	case AST_WORD:
		strbuf_addstr(out, n->u.word.text);
		break;
	case AST_TYPE:
		strbuf_addstr(out, n->u.type.name);
		if (n->u.type.args.n)
			dump_paren_list(out, &n->u.type.args);
		for (i = 0; i < n->u.type.dims; i++)
			strbuf_addstr(out, "[]");
		break;
	case AST_LITERAL:
		if (n->u.lit.kind == LIT_NUMBER)
			strbuf_addstr(out, n->u.lit.text);
		else if (n->u.lit.kind == LIT_STRING)
			strbuf_add_quoted(out, n->u.lit.text, '\'');
		else
			strbuf_addstr(out, lit_words[n->u.lit.kind]);
		if (n->u.lit.kind == LIT_NEXTVAL) {
			strbuf_addch(out, '(');
			if (n->u.lit.seq)
				ast_dump(out, n->u.lit.seq);
			strbuf_addch(out, ')');
		}
		break;
	case AST_EXPR:
		strbuf_addstr(out, "(expr ");
		strbuf_add_quoted(out, n->u.expr.text, '"');
		dump_list(out, &n->u.expr.qidents);
		strbuf_addch(out, ')');
		break;
	case AST_COLUMN:
		strbuf_addstr(out, "(column ");
		ast_dump(out, n->u.column.name);
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.column.type);
		dump_list(out, &n->u.column.cons);
		strbuf_addch(out, ')');
		break;
	case AST_CONSTRAINT:
		dump_constraint(out, n);
		break;
	case AST_INDEX_COLUMN:
		ast_dump(out, n->u.icol.name ? n->u.icol.name : n->u.icol.expr);
		if (n->u.icol.desc)
			strbuf_addstr(out, " desc");
		break;
	case AST_ROW:
		dump_paren_list(out, &n->u.row.values);
		break;
	case AST_ASSIGN:
		strbuf_addstr(out, "(= ");
		ast_dump(out, n->u.assign.column);
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.assign.value);
		strbuf_addch(out, ')');
		break;
	case AST_CLAUSE:
		strbuf_addf(out, "(%s", ast_clause_keyword(n->u.clause.kind));
		dump_list(out, &n->u.clause.words);
		if (n->u.clause.value) {
			strbuf_addch(out, ' ');
			ast_dump(out, n->u.clause.value);
		}
		strbuf_addch(out, ')');
		break;
	case AST_BLOCK:
		strbuf_addstr(out, n->u.block.down ? "(down" : "(up");
		dump_list(out, &n->u.block.stmts);
		strbuf_addch(out, ')');
		break;
	default:
		RT_BUG("not a part: %s", ast_kind_name(n->kind));
	}
}

void ast_dump(struct strbuf *out, const struct ast_node *n)
{
	switch (n->kind) {
	case AST_CREATE_TABLE:
		strbuf_addstr(out, "(create_table ");
		ast_dump(out, n->u.create.table);
		dump_list(out, &n->u.create.elems);
		strbuf_addch(out, ')');
		break;
	case AST_DROP_TABLE:
	case AST_RENAME_TABLE:
	case AST_ADD_COLUMN:
	case AST_DROP_COLUMN:
	case AST_RENAME_COLUMN:
	case AST_ALTER_TYPE:
	case AST_SET_NOT_NULL:
	case AST_DROP_NOT_NULL:
	case AST_SET_DEFAULT:
	case AST_DROP_DEFAULT:
	case AST_ADD_CONSTRAINT:
	case AST_DROP_CONSTRAINT:
	case AST_RENAME_CONSTRAINT:
		dump_alter(out, n);
		break;
	case AST_CREATE_INDEX:
		strbuf_addf(out, "(create_index%s%s",
			    n->u.index.unique ? " unique" : "",
			    n->u.index.concurrently ? " concurrently" : "");
		dump_opt(out, "name", n->u.index.name);
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.index.table);
		dump_opt(out, "using", n->u.index.method);
		strbuf_addch(out, ' ');
		dump_paren_list(out, &n->u.index.cols);
		dump_opt(out, "where", n->u.index.where);
		strbuf_addch(out, ')');
		break;
	case AST_DROP_INDEX:
		strbuf_addstr(out, n->u.drop_index.concurrently ?
			      "(drop_index concurrently " : "(drop_index ");
		ast_dump(out, n->u.drop_index.name);
		strbuf_addch(out, ')');
		break;
	case AST_RENAME_INDEX:
		strbuf_addstr(out, "(rename_index ");
		ast_dump(out, n->u.rename_index.name);
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.rename_index.to);
		strbuf_addch(out, ')');
		break;
	case AST_INSERT:
		strbuf_addstr(out, "(insert ");
		ast_dump(out, n->u.insert.table);
		strbuf_addch(out, ' ');
		dump_paren_list(out, &n->u.insert.cols);
		dump_list(out, &n->u.insert.rows);
		dump_opt(out, "query", n->u.insert.query);
		strbuf_addch(out, ')');
		break;
	case AST_UPDATE:
	case AST_DELETE:
		strbuf_addf(out, "(%s ", ast_kind_name(n->kind));
		ast_dump(out, n->u.dml.table);
		dump_list(out, &n->u.dml.sets);
		dump_opt(out, "where", n->u.dml.where);
		strbuf_addch(out, ')');
		break;
	case AST_COMMENT:
		strbuf_addstr(out, "(comment ");
		ast_dump(out, n->u.comment.table);
		if (n->u.comment.column) {
			strbuf_addch(out, '.');
			ast_dump(out, n->u.comment.column);
		}
		strbuf_addch(out, ' ');
		ast_dump(out, n->u.comment.text);
		strbuf_addch(out, ')');
		break;
	case AST_CREATE_TYPE:
	case AST_DROP_TYPE:
	case AST_ADD_VALUE:
	case AST_RENAME_VALUE:
		strbuf_addf(out, "(%s ", ast_kind_name(n->kind));
		ast_dump(out, n->u.etype.name);
		dump_list(out, &n->u.etype.labels);
		if (n->u.etype.value) {
			strbuf_addch(out, ' ');
			ast_dump(out, n->u.etype.value);
		}
		if (n->u.etype.to) {
			strbuf_addstr(out, " to ");
			ast_dump(out, n->u.etype.to);
		}
		if (n->u.etype.near) {
			strbuf_addstr(out, n->u.etype.after ? " after " :
				      " before ");
			ast_dump(out, n->u.etype.near);
		}
		strbuf_addch(out, ')');
		break;
	case AST_CREATE_SEQUENCE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
		strbuf_addf(out, "(%s ", ast_kind_name(n->kind));
		if (n->u.seq.guard)
			strbuf_addstr(out, "guard ");
		ast_dump(out, n->u.seq.name);
		dump_list(out, &n->u.seq.opts);
		strbuf_addch(out, ')');
		break;
	case AST_SEQ_OPTION: {
		static const char *const words[] = {
			[SEQ_AS] = "as", [SEQ_INCREMENT] = "increment",
			[SEQ_MINVALUE] = "minvalue", [SEQ_MAXVALUE] = "maxvalue",
			[SEQ_START] = "start", [SEQ_CACHE] = "cache",
			[SEQ_CYCLE] = "cycle", [SEQ_NO_CYCLE] = "no_cycle",
			[SEQ_RESTART] = "restart",
		};

		strbuf_addf(out, "(%s", words[n->u.seqopt.kind]);
		if (n->u.seqopt.value) {
			strbuf_addch(out, ' ');
			ast_dump(out, n->u.seqopt.value);
		}
		strbuf_addch(out, ')');
		break;
	}
	case AST_RAW_SQL:
		strbuf_addstr(out, "(sql");
		if (n->u.raw.dialects.n) {
			strbuf_addch(out, ' ');
			dump_paren_list(out, &n->u.raw.dialects);
		}
		strbuf_addch(out, ' ');
		strbuf_add_quoted(out, n->u.raw.text, '"');
		strbuf_addch(out, ')');
		break;
	default:
		dump_part(out, n);
		break;
	}
}

struct ast_node *ast_concurrently(struct ast_node *stmt, bool on)
{
	if (stmt->kind == AST_CREATE_INDEX)
		stmt->u.index.concurrently = on;
	else if (stmt->kind == AST_DROP_INDEX)
		stmt->u.drop_index.concurrently = on;
	else
		RT_BUG("concurrently on %s", ast_kind_name(stmt->kind));
	return stmt;
}

bool ast_concurrent(const struct ast_node *stmt)
{
	if (stmt->kind == AST_CREATE_INDEX)
		return stmt->u.index.concurrently;
	return stmt->kind == AST_DROP_INDEX && stmt->u.drop_index.concurrently;
}
