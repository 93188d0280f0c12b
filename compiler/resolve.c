/*
 * resolve.c: per-file validation after parsing.  Everything here can be
 * decided from one revision alone; the graph and the schema model come
 * later and see only files that passed.
 */
#include "resolve.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "dialect.h"
#include "rt.h"
#include "strbuf.h"
#include "types.h"
#include "util.h"

/* Words a revision id or label may not be, in any case. */
static const char *const reserved_ids[] = {
	"base", "created", "depends", "down", "head", "heads", "label",
	"message", "requires", "revision", "statement_timeout",
	"transactional", "up",
};

static bool is_reserved_id(const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < ARRAY_SIZE(reserved_ids); i++) {
		if (ascii_eq_nocase(s, n, reserved_ids[i]))
			return true;
	}
	return false;
}

enum word_problem resolve_word_problem(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0)
		return WORD_EMPTY;
	for (i = 0; i < n; i++) {
		if (!ascii_isword((unsigned char)s[i]))
			return WORD_CHARS;
	}
	if (n > REVISION_ID_MAX)
		return WORD_LONG;
	return is_reserved_id(s) ? WORD_RESERVED : WORD_OK;
}

const char *resolve_word_message(struct rt_ctx *ctx, enum word_problem p,
				 const char *s, const char *what)
{
	switch (p) {
	case WORD_OK:
		break;
	case WORD_EMPTY:
		return arena_printf(&ctx->arena, "%s is empty", what);
	case WORD_CHARS:
		return arena_printf(&ctx->arena, "%s \"%s\" may only contain "
				    "letters, digits and '_'", what, s);
	case WORD_LONG:
		return arena_printf(&ctx->arena, "%s \"%s\" is longer than %d "
				    "characters", what, s, REVISION_ID_MAX);
	case WORD_RESERVED:
		return arena_printf(&ctx->arena, "\"%s\" is reserved and "
				    "cannot be a %s", s, what);
	}
	RT_BUG("no problem with \"%s\"", s);
}

/* Check a revision id or label; what is "revision id" or "label". */
static void check_word(struct rt_ctx *ctx, const struct ast_node *w,
		       const char *what)
{
	const char *s = w->u.word.text;
	enum word_problem p = resolve_word_problem(s);

	if (p != WORD_OK)
		diag_error(ctx, w->span, "%s",
			   resolve_word_message(ctx, p, s, what));
}

static void check_word_list(struct rt_ctx *ctx, const struct ast_node *clause,
			    const char *what)
{
	const struct ast_node *w, *v;

	for (w = clause->u.clause.words.head; w; w = w->next) {
		check_word(ctx, w, what);
		for (v = clause->u.clause.words.head; v != w; v = v->next) {
			if (v->u.word.text == w->u.word.text) {
				diag_error(ctx, w->span, "\"%s\" is listed twice",
					   w->u.word.text);
				break;
			}
		}
	}
}

static int two_digits(const char *s)
{
	if (!ascii_isdigit((unsigned char)s[0]) ||
	    !ascii_isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Is s exactly "YYYY-MM-DD HH:MM:SS", a real date and time? */
static bool valid_timestamp(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	int y, mo, d, h, mi, se, hi, lo;

	if (strlen(s) != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' ||
	    s[13] != ':' || s[16] != ':')
		return false;
	hi = two_digits(s);
	lo = two_digits(s + 2);
	mo = two_digits(s + 5);
	d = two_digits(s + 8);
	h = two_digits(s + 11);
	mi = two_digits(s + 14);
	se = two_digits(s + 17);
	if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
		return false;
	y = hi * 100 + lo;
	if (d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

/* Is v a time written without quotes (a number literal over digits,
 * '-' and more)? */
static bool bare_time(struct rt_ctx *ctx, const struct ast_node *v)
{
	const struct src_file *f = src_get(ctx, v->span.file);
	const char *p = f->data + v->span.start;
	size_t n = v->span.end - v->span.start;

	return v->u.lit.kind == LIT_NUMBER && n > 1 && ascii_isdigit(*p) &&
	       memchr(p, '-', n);
}

/* created 2024-01-01 10:00:00: the time needs its quotes. */
static void bare_created(struct rt_ctx *ctx, const struct ast_node *v)
{
	const struct src_file *f = src_get(ctx, v->span.file);

	size_t n = v->span.end - v->span.start;

	diag_error(ctx, v->span, "created takes the time in quotes: created "
		   "'%.*s%s'", (int)n, f->data + v->span.start,
		   memchr(f->data + v->span.start, ':', n) ? "" : " 00:00:00");
}

static bool is_string(const struct ast_node *lit)
{
	return lit->u.lit.kind == LIT_STRING;
}

static void resolve_clause(struct rt_ctx *ctx, struct ast_revision *rev,
			   struct ast_node *c)
{
	const struct ast_node *v = c->u.clause.value;

	switch (c->u.clause.kind) {
	case CLAUSE_MESSAGE:
		if (!is_string(v))
			diag_error(ctx, v->span,
				   "message must be a string literal");
		else
			rev->message = v->u.lit.text;
		break;
	case CLAUSE_DEPENDS:
		check_word_list(ctx, c, "revision id");
		rev->depends = c;
		break;
	case CLAUSE_REQUIRES:
		check_word_list(ctx, c, "revision id");
		rev->requires = c;
		break;
	case CLAUSE_LABEL:
		check_word_list(ctx, c, "label");
		rev->labels = c;
		break;
	case CLAUSE_CREATED:
		if (bare_time(ctx, v))
			bare_created(ctx, v);
		else if (!is_string(v) || !valid_timestamp(v->u.lit.text))
			diag_error(ctx, v->span,
				   "created must be a UTC time as "
				   "'YYYY-MM-DD HH:MM:SS'");
		else
			rev->created = v->u.lit.text;
		break;
	case CLAUSE_TRANSACTIONAL:
		if (v->u.lit.kind != LIT_TRUE && v->u.lit.kind != LIT_FALSE)
			diag_error(ctx, v->span,
				   "transactional must be true or false");
		else
			rev->transactional = v->u.lit.kind == LIT_TRUE;
		break;
	case CLAUSE_STATEMENT_TIMEOUT:
		if (!is_string(v) || !duration_ok(v->u.lit.text))
			diag_error(ctx, v->span, "statement_timeout must be a "
				   "duration in quotes: '30s', '5min', '1h' "
				   "(ms, s, min, h, d; no unit: ms; '0': none)");
		else if (duration_ms(v->u.lit.text) > INT32_MAX)
			diag_error(ctx, v->span, "statement_timeout is at most "
				   "2147483647ms (about 24 days), as PostgreSQL "
				   "takes it");
		else
			rev->statement_timeout = v->u.lit.text;
		break;
	}
}

static void resolve_header(struct rt_ctx *ctx, struct ast_revision *rev)
{
	struct ast_node *c, *d;

	if (rev->id)
		check_word(ctx, rev->id, "revision id");
	for (c = rev->clauses.head; c; c = c->next) {
		for (d = rev->clauses.head; d != c; d = d->next) {
			if (d->u.clause.kind == c->u.clause.kind)
				break;
		}
		if (d != c) {
			diag_error(ctx, c->span, "'%s' is given twice",
				   ast_clause_keyword(c->u.clause.kind));
			diag_note(ctx, d->span, "first given here");
			continue;
		}
		resolve_clause(ctx, rev, c);
	}
}

/* Returns whether the type is a portable one (resolve_types warns
 * about the others that name no enum type). */
static bool check_type(struct rt_ctx *ctx, const struct ast_node *t)
{
	const struct type_info *ti = type_lookup(t->u.type.name);
	const struct ast_node *a;

	if (!ti)
		return false;
	if (t->u.type.args.n > ti->max_args) {
		if (ti->max_args == 0)
			diag_error(ctx, t->span, "type \"%s\" takes no arguments",
				   ti->canonical);
		else
			diag_error(ctx, t->span,
				   "type \"%s\" takes at most %u argument%s",
				   ti->canonical, ti->max_args,
				   ti->max_args == 1 ? "" : "s");
		return true;
	}
	for (a = t->u.type.args.head; a; a = a->next) {
		const char *s = a->kind == AST_LITERAL && a->u.lit.kind ==
				LIT_NUMBER ? a->u.lit.text : "";
		/* A length or precision is positive; a scale may be 0. */
		bool scale = a != t->u.type.args.head;
		size_t i;

		for (i = 0; s[i] && ascii_isdigit((unsigned char)s[i]); i++)
			;
		if (i == 0 || s[i] || (!scale && strspn(s, "0") == i)) {
			diag_error(ctx, a->span,
				   "argument of type \"%s\" must be a %s "
				   "integer", ti->canonical,
				   scale ? "non-negative" : "positive");
			return true;
		}
	}
	return true;
}

static void check_expr(struct rt_ctx *ctx, const struct ast_node *e)
{
	if (!e || e->kind != AST_EXPR)
		return;
	if (e->u.expr.empty) {
		struct src_span parens = { e->span.file, e->span.start - 1,
					   e->span.end + 1 };

		diag_error(ctx, parens, "empty expression");
	}
}

/* The index methods the language knows (PostgreSQL's built-in ones);
 * only btree keeps order, enforces uniqueness, and, with gist, gin and
 * brin, takes several columns. */
static const char *const index_methods[] = {
	"brin", "btree", "gin", "gist", "hash",
};

static void check_index(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *m = s->u.index.method, *ic;
	const char *k = m ? m->u.name.key : "btree";
	size_t i;

	for (ic = s->u.index.cols.head; ic; ic = ic->next)
		check_expr(ctx, ic->u.icol.expr);
	if (!m)
		return;
	for (i = 0; i < ARRAY_SIZE(index_methods); i++)
		if (strcmp(k, index_methods[i]) == 0)
			break;
	if (i == ARRAY_SIZE(index_methods)) {
		diag_error(ctx, m->span, "unknown index method \"%s\" (btree, "
			   "hash, gin, gist or brin)", m->u.name.text);
		return;
	}
	if (strcmp(k, "btree") == 0)
		return;
	if (s->u.index.unique)
		diag_error(ctx, m->span, "a %s index cannot be unique (only "
			   "btree enforces uniqueness)", k);
	if (strcmp(k, "hash") == 0 && s->u.index.cols.n > 1)
		diag_error(ctx, m->span, "a hash index has one column");
	for (ic = s->u.index.cols.head; ic; ic = ic->next)
		if (ic->u.icol.desc)
			diag_error(ctx, ic->span, "a %s index has no order: "
				   "desc is for btree", k);
}

/*
 * `alter table t add colum x`: COLUMN is optional, so a slip of it is
 * read as the column's name and the name as an unknown type.  Say so on
 * the type's warning (resolve_types).
 */
static bool column_slip(const struct ast_node *col)
{
	const struct ast_node *name = col->u.column.name;
	struct suggest sg;

	if (name->u.name.quoted)
		return false;
	suggest_init(&sg, name->u.name.key);
	suggest_add(&sg, "column", NULL);
	return suggest_best(&sg) != NULL;
}

/* Keep a non-portable type of the file for resolve_types; col: the
 * column an add column defines, or NULL. */
static void note_type(struct rt_ctx *ctx, struct ast_file *f,
		      const struct ast_node *t, const struct ast_node *col,
		      size_t *cap)
{
	const char *name = t->u.type.name;
	struct ast_type_use *u;

	if (type_lookup(name))
		return;
	if (f->ntypes == *cap) {
		struct ast_type_use *v;

		*cap = *cap ? 2 * *cap : 8;
		v = arena_alloc(&ctx->arena, *cap * sizeof(*v));
		if (f->ntypes)
			memcpy(v, f->types, f->ntypes * sizeof(*v));
		f->types = v;
	}
	u = &f->types[f->ntypes++];
	memset(u, 0, sizeof(*u));
	u->span = t->span;
	u->name = arena_strndup(&ctx->arena, name, strlen(name));
	u->key = t->u.type.args.n ? NULL :
		 intern_lower(&ctx->names, &ctx->arena, name, strlen(name));
	if (col && column_slip(col)) {
		u->slip = true;
		u->slip_at = col->u.column.name->span;
		u->slip_name = arena_strndup(&ctx->arena,
					     col->u.column.name->u.name.text,
					     strlen(col->u.column.name->u.name.text));
	}
}

/* The file's enum types and non-portable types (struct ast_file). */
static void note_types(struct rt_ctx *ctx, struct ast_file *f)
{
	const struct ast_revision *r;
	const struct ast_node *b, *s, *e;
	size_t cap = 0, ecap = 0;

	for (r = f->revs; r; r = r->next)
		for (b = r->blocks.head; b; b = b->next)
			for (s = b->u.block.stmts.head; s; s = s->next) {
				switch (s->kind) {
				case AST_CREATE_TYPE:
					if (f->nenums == ecap) {
						const char **v;

						ecap = ecap ? 2 * ecap : 4;
						v = arena_alloc(&ctx->arena, ecap * sizeof(*v));
						if (f->nenums)
							memcpy(v, f->enums, f->nenums * sizeof(*v));
						f->enums = v;
					}
					f->enums[f->nenums++] = s->u.etype.name->u.name.key;
					break;
				case AST_CREATE_TABLE:
					for (e = s->u.create.elems.head; e; e = e->next)
						if (e->kind == AST_COLUMN)
							note_type(ctx, f, e->u.column.type, NULL, &cap);
					break;
				case AST_ADD_COLUMN:
					note_type(ctx, f, s->u.alter.def->u.column.type,
						  s->u.alter.def, &cap);
					break;
				case AST_ALTER_TYPE:
					note_type(ctx, f, s->u.alter.type, NULL, &cap);
					break;
				default:
					break;
				}
			}
}

static void check_column(struct rt_ctx *ctx, const struct ast_node *col,
			 bool added)
{
	const struct ast_node *c;

	(void)added;
	check_type(ctx, col->u.column.type);
	for (c = col->u.column.cons.head; c; c = c->next) {
		check_expr(ctx, c->u.con.value);
		if (c->u.con.kind == CON_FOREIGN_KEY && c->u.con.ref_cols.n > 1)
			diag_error(ctx, c->u.con.ref_cols.head->next->span,
				   "a column's references clause names one "
				   "column; use a table constraint "
				   "'foreign key (...) references ...'");
	}
}

/* A table constraint: its CHECK expression and foreign-key arity. */
static void check_table_con(struct rt_ctx *ctx, const struct ast_node *c)
{
	size_t n = c->u.con.cols.n, m = c->u.con.ref_cols.n;

	check_expr(ctx, c->u.con.value);
	if (c->u.con.kind == CON_FOREIGN_KEY && m && m != n)
		diag_error(ctx, c->span,
			   "foreign key has %zu column%s but references %zu",
			   n, n == 1 ? "" : "s", m);
}

static void check_elem(struct rt_ctx *ctx, const struct ast_node *e)
{
	if (e->kind == AST_COLUMN)
		check_column(ctx, e, false);
	else
		check_table_con(ctx, e);
}

static void check_create_table(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *e;
	bool columns = false;

	for (e = s->u.create.elems.head; e; e = e->next) {
		check_elem(ctx, e);
		columns |= e->kind == AST_COLUMN;
	}
	if (!columns)
		diag_error(ctx, s->u.create.table->span,
			   "table \"%s\" has no columns",
			   s->u.create.table->u.qname.name->u.name.text);
}

/* The query of insert ... (query): a select (or with ... select). */
static void check_query(struct rt_ctx *ctx, const struct ast_node *q)
{
	const char *p = q->u.expr.text;
	size_t n = 0;

	if (q->u.expr.empty) {
		check_expr(ctx, q);
		return;
	}
	while (ascii_isspace((unsigned char)*p))
		p++;
	while (ascii_isalpha((unsigned char)p[n]))
		n++;
	if ((n == 6 && ascii_eq_nocase(p, n, "select")) ||
	    (n == 4 && ascii_eq_nocase(p, n, "with")))
		return;
	diag_error(ctx, q->span, "the rows of 'insert into T (...) ( query )' "
		   "come from a query that starts with 'select' or 'with'");
}

static void check_insert(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *row;
	size_t ncols = s->u.insert.cols.n;

	if (s->u.insert.query)
		check_query(ctx, s->u.insert.query);

	for (row = s->u.insert.rows.head; row; row = row->next) {
		size_t n = row->u.row.values.n;

		if (n != ncols)
			diag_error(ctx, row->span,
				   "row has %zu value%s but %zu column%s %s "
				   "listed", n, n == 1 ? "" : "s", ncols,
				   ncols == 1 ? "" : "s",
				   ncols == 1 ? "is" : "are");
	}
}

/* A sequence option's number: an integer in bigint's range. */
static bool seq_number(struct rt_ctx *ctx, const struct ast_node *v,
		       long long *out)
{
	const char *p = v->u.lit.text;
	char *end;

	errno = 0;
	*out = strchr(p, '.') ? 0 : strtoll(p, &end, 10);
	if (strchr(p, '.') || errno || *end) {
		diag_error(ctx, v->span, "a sequence option takes an integer "
			   "in bigint's range");
		return false;
	}
	return true;
}

/*
 * create sequence: each option once, `as` a smallint, integer or
 * bigint, and the numbers as PostgreSQL takes them: increment not 0,
 * cache at least 1, minvalue below maxvalue, start between them, all
 * within the type (the defaults are PostgreSQL's).
 */
static void check_sequence(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *o, *seen[SEQ_RESTART + 1] = { 0 };
	long long v[SEQ_RESTART + 1] = { 0 };
	long long lo = INT64_MIN, hi = INT64_MAX, inc = 1, min, max, start;
	bool bad = false;

	for (o = s->u.seq.opts.head; o; o = o->next) {
		enum seq_opt k = o->u.seqopt.kind;
		const struct ast_node *val = o->u.seqopt.value;

		if (seen[k] || (k == SEQ_CYCLE && seen[SEQ_NO_CYCLE]) ||
		    (k == SEQ_NO_CYCLE && seen[SEQ_CYCLE])) {
			diag_error(ctx, o->span, "this sequence option is "
				   "given twice");
			bad = true;
			continue;
		}
		seen[k] = o;
		if (k == SEQ_AS) {
			const struct type_info *ti =
				type_lookup(val->u.type.name);
			enum rt_type t = ti ? ti->type : TYPE_OTHER;

			if (val->u.type.args.n || (t != TYPE_SMALLINT &&
			    t != TYPE_INTEGER && t != TYPE_BIGINT)) {
				diag_error(ctx, val->span, "a sequence is "
					   "smallint, integer or bigint");
				bad = true;
			} else if (t != TYPE_BIGINT) {
				hi = t == TYPE_SMALLINT ? 32767 : 2147483647;
				lo = -hi - 1;
			}
		} else if (val && !seq_number(ctx, val, &v[k])) {
			bad = true;
		}
	}
	if (bad)
		return;
	if (seen[SEQ_INCREMENT] && (inc = v[SEQ_INCREMENT]) == 0) {
		diag_error(ctx, seen[SEQ_INCREMENT]->span, "a sequence's "
			   "increment cannot be 0");
		return;
	}
	if (seen[SEQ_CACHE] && v[SEQ_CACHE] < 1) {
		diag_error(ctx, seen[SEQ_CACHE]->span, "a sequence's cache is "
			   "at least 1");
		return;
	}
	min = seen[SEQ_MINVALUE] ? v[SEQ_MINVALUE] : inc > 0 ? 1 : lo;
	max = seen[SEQ_MAXVALUE] ? v[SEQ_MAXVALUE] : inc > 0 ? hi : -1;
	start = seen[SEQ_START] ? v[SEQ_START] : inc > 0 ? min : max;
	for (o = s->u.seq.opts.head; o; o = o->next) {
		enum seq_opt k = o->u.seqopt.kind;

		if (k != SEQ_AS && o->u.seqopt.value && k != SEQ_CACHE &&
		    (v[k] < lo || v[k] > hi)) {
			diag_error(ctx, o->u.seqopt.value->span, "%lld is out "
				   "of the sequence type's range", v[k]);
			return;
		}
	}
	if (min >= max) {
		diag_error(ctx, (seen[SEQ_MINVALUE] ? seen[SEQ_MINVALUE] :
				 seen[SEQ_MAXVALUE] ? seen[SEQ_MAXVALUE] :
				 s->u.seq.name)->span,
			   "a sequence's minvalue (%lld) must be less than "
			   "its maxvalue (%lld)", min, max);
		return;
	}
	if (start < min || start > max)
		diag_error(ctx, (seen[SEQ_START] ? seen[SEQ_START] :
				 s->u.seq.name)->span,
			   "a sequence's start (%lld) must be between its "
			   "minvalue (%lld) and maxvalue (%lld)", start, min,
			   max);
}

static void check_raw(struct rt_ctx *ctx, struct ast_node *s)
{
	struct ast_node *d;
	unsigned mask = 0;

	for (d = s->u.raw.dialects.head; d; d = d->next) {
		const struct dialect *known = dialect_named(d->u.name.key);
		unsigned bit = known ? known->bit : 0;

		/* `retort import alembic` keeps what it cannot compile in
		 * `sql python $py$ ... $py$;` for a person to replace. */
		if (strcmp(d->u.name.key, "python") == 0) {
			diag_error(ctx, d->span, "this block is Python that "
				   "`retort import alembic` could not compile: "
				   "write what it does as statements or sql "
				   "blocks, then delete it");
		} else if (!bit) {
			struct strbuf names;

			strbuf_init(&names);
			dialect_list(&names, DIALECTS_KNOWN, " or ");
			diag_error(ctx, d->span, "unknown dialect \"%s\" "
				   "(expected %s)", d->u.name.text, names.buf);
			strbuf_release(&names);
		} else if (mask & bit) {
			diag_error(ctx, d->span, "dialect \"%s\" is listed twice",
				   d->u.name.text);
		}
		mask |= bit;
	}
	s->u.raw.mask = mask;
}

static void resolve_stmt(struct rt_ctx *ctx, struct ast_node *s)
{
	const struct ast_node *a;

	switch (s->kind) {
	case AST_CREATE_TABLE:
		check_create_table(ctx, s);
		break;
	case AST_ADD_COLUMN:
		check_column(ctx, s->u.alter.def, true);
		break;
	case AST_ADD_CONSTRAINT:
		check_elem(ctx, s->u.alter.def);
		break;
	case AST_ALTER_TYPE:
		check_type(ctx, s->u.alter.type);
		check_expr(ctx, s->u.alter.expr);
		break;
	case AST_SET_DEFAULT:
		check_expr(ctx, s->u.alter.expr);
		break;
	case AST_CREATE_INDEX:
		check_expr(ctx, s->u.index.where);
		check_index(ctx, s);
		break;
	case AST_INSERT:
		check_insert(ctx, s);
		break;
	case AST_UPDATE:
	case AST_DELETE:
		for (a = s->u.dml.sets.head; a; a = a->next)
			check_expr(ctx, a->u.assign.value);
		check_expr(ctx, s->u.dml.where);
		break;
	case AST_RAW_SQL:
		check_raw(ctx, s);
		break;
	case AST_CREATE_SEQUENCE:
		check_sequence(ctx, s);
		break;
	case AST_ALTER_SEQUENCE:
		if (s->u.seq.opts.head->u.seqopt.value) {
			long long v;

			seq_number(ctx, s->u.seq.opts.head->u.seqopt.value, &v);
		}
		break;
	default:
		break;
	}
}

static void resolve_blocks(struct rt_ctx *ctx, struct ast_revision *rev)
{
	struct ast_node *b, *s;

	for (b = rev->blocks.head; b; b = b->next) {
		struct ast_node **slot = b->u.block.down ? &rev->down : &rev->up;

		if (*slot) {
			diag_error(ctx, b->span, "a second '%s' block",
				   b->u.block.down ? "down" : "up");
			diag_note(ctx, (*slot)->span, "first given here");
			continue;
		}
		*slot = b;
		for (s = b->u.block.stmts.head; s; s = s->next)
			resolve_stmt(ctx, s);
	}
	if (!rev->up && rev->id)
		diag_error(ctx, rev->id->span,
			   "revision \"%s\" has no 'up' block",
			   rev->id->u.word.text);
}

int resolve_file(struct rt_ctx *ctx, struct ast_file *file)
{
	unsigned before = ctx->diags.errors;
	struct ast_revision *rev;

	if (!file->revs && file->syntax_errors == 0) {
		struct src_span at = { file->file, 0, 0 };

		diag_error(ctx, at, "no revision in this file");
	}
	for (rev = file->revs; rev; rev = rev->next) {
		resolve_header(ctx, rev);
		resolve_blocks(ctx, rev);
	}
	note_types(ctx, file);
	return (int)(ctx->diags.errors - before);
}


/* Types the project's files name: a type that is neither portable nor
 * an enum type some `create type` makes (in any file) is written as is,
 * with a warning.  Enum names are known only once every file is read,
 * hence a pass of its own after resolve_file of each. */
void resolve_types(struct rt_ctx *ctx, struct ast_file *const *files,
		   size_t n)
{
	const char *stage = ctx->stage;
	size_t i, j, k, l;

	ctx->stage = "revision";
	for (i = 0; i < n; i++) {
		for (j = 0; j < files[i]->ntypes; j++) {
			const struct ast_type_use *u = &files[i]->types[j];
			bool known = false;

			for (k = 0; u->key && k < n && !known; k++)
				for (l = 0; l < files[k]->nenums && !known; l++)
					known = files[k]->enums[l] == u->key;
			if (known)
				continue;
			diag_warning(ctx, u->span, "type \"%s\" is not portable; "
				     "it is written as is for every dialect",
				     u->name);
			if (u->slip)
				diag_note(ctx, u->slip_at, "\"%s\" is read as the "
					  "new column's name and \"%s\" as its "
					  "type; did you mean \"add column\"?",
					  u->slip_name, u->name);
		}
	}
	ctx->stage = stage;
}
