/*
 * alembic_op.c: an Alembic revision script as .mig text (alembic_op.h):
 * the header from its revision, and each statement of upgrade() and
 * downgrade() compiled where it is an op.* call with literal arguments,
 * or kept, as it stands, in a `sql python` block that check refuses.
 */
#include "alembic_op.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alembic_py.h"
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "graph.h"
#include "lexsup.h"
#include "pysrc.h"
#include "rt.h"
#include "schema.h"
#include "strbuf.h"
#include "util.h"

/* A name bound to a table in the function (for bulk_insert). */
struct binding {
	const char *var;
	const struct py_node *table;	/* sa.table(...), op.create_table(...) */
};

/* The longest name the language takes (LANGUAGE.md). */
#define NAME_MAX_LEN 63

struct tr {
	struct rt_ctx *ctx;
	const struct py_module *m;
	struct alembic_op_stats *stats;
	const char *path;		/* the .py, for messages */
	struct strbuf *out;		/* the block being written */
	const struct py_stmt *stmt;	/* the statement being compiled */
	const char *why;		/* why it is not, or NULL */
	struct src_span why_at;
	/* with op.batch_alter_table(TABLE) as ALIAS */
	const char *alias;
	const struct py_node *batch_table;
	const struct py_node *batch_schema;
	struct binding *vars;
	size_t nvars, cap;
	/* statements not compiled, waiting for one python block */
	const struct py_stmt *pend;
	const struct py_stmt *pend_last;
	/* what was left out of the statement being compiled: comment
	 * lines before it, and warnings raised once it is compiled */
	struct strbuf notes;
	struct dropped {
		struct src_span at;
		const char *msg;
	} *dropped;
	size_t ndropped, dcap;
};

/* s for a comment line of the .mig: what is not valid UTF-8, and
 * control characters (a line end would end the comment), become '?'. */
static const char *comment_safe(struct rt_ctx *ctx, const char *s)
{
	struct strbuf sb;
	size_t n = strlen(s), i = 0, k;
	const char *out;

	strbuf_init(&sb);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		k = c < 0x80 ? 1 : utf8_seq_len(s + i, n - i);
		if (k == 0 || ascii_iscntrl(c) || terminal_control_len(s + i,
									 n - i)) {
			strbuf_addch(&sb, '?');
			k = k ? k : 1;
		} else {
			strbuf_add(&sb, s + i, k);
		}
		i += k;
	}
	out = arena_strndup(&ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* Leave something out of the statement (an option for another
 * database, a comment): a comment line in the .mig and a warning, both
 * only if the statement is compiled. */
static void leave_out(struct tr *t, const struct py_node *at,
		      const char *comment, const char *msg)
{
	strbuf_addf(&t->notes, "    -- retort import: %s is left out\n",
		    comment_safe(t->ctx, comment));
	t->dropped = xgrow(t->dropped, &t->dcap, t->ndropped + 1,
			   sizeof(*t->dropped));
	t->dropped[t->ndropped].at = at->span;
	t->dropped[t->ndropped++].msg = msg;
}

static bool fail(struct tr *t, const struct py_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct tr *t, const struct py_node *at, const char *fmt, ...)
{
	va_list ap;

	if (t->why)
		return false;
	va_start(ap, fmt);
	t->why = arena_vprintf(&t->ctx->arena, fmt, ap);
	va_end(ap);
	t->why_at = at ? at->span : t->stmt->head;
	return false;
}

/* The source text of n (an expression), for messages. */
static const char *source_of(struct tr *t, const struct py_node *n)
{
	const struct src_file *f = src_get(t->ctx, t->m->file);
	size_t len;

	if (!n)
		return "nothing";
	len = n->span.end - n->span.start;
	if (len > 60)
		return arena_printf(&t->ctx->arena, "%.57s...",
				    f->data + n->span.start);
	return arena_strndup(&t->ctx->arena, f->data + n->span.start, len);
}

/* ------------------------------------------------------------------ */
/* Arguments */

/* Parameter names in order: positional i is params[i]. */
static const struct py_node *arg(const struct py_node *call,
				 const char *const *params, const char *name)
{
	const struct py_node *n = call->items;
	size_t i;

	for (i = 0; params[i]; i++, n = n ? n->next : NULL) {
		if (strcmp(params[i], name) == 0)
			return n ? n : pysrc_kwarg(call, name);
	}
	return pysrc_kwarg(call, name);
}

static bool in_list(const char *s, const char *const *v)
{
	for (; v && *v; v++) {
		if (strcmp(s, *v) == 0)
			return true;
	}
	return false;
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/*
 * No more positional arguments than params (any number when params is
 * NULL), and every keyword one of params or extra.  A MySQL option
 * (mysql_engine=...) is left out with a note: retort writes no MySQL.
 */
static bool check_args(struct tr *t, const struct py_node *call,
		       const char *what, const char *const *params,
		       const char *const *extra)
{
	const struct py_node *k;
	size_t n = 0;

	while (params && params[n])
		n++;
	if (params && call->nitems > n) {
		const struct py_node *x = call->items;

		while (n--)
			x = x->next;
		return fail(t, x, "%s takes no argument here", what);
	}
	for (k = call->kwargs; k; k = k->next) {
		if (in_list(k->text, params) || in_list(k->text, extra))
			continue;
		if (has_prefix(k->text, "mysql_") ||
		    has_prefix(k->text, "mariadb_") ||
		    has_prefix(k->text, "mssql_") ||
		    has_prefix(k->text, "oracle_")) {
			leave_out(t, k, arena_printf(&t->ctx->arena, "%s=%s "
				  "(for another database)", k->text,
				  source_of(t, k->obj)),
				  arena_printf(&t->ctx->arena, "%s is for "
				  "another database than retort writes; it "
				  "is left out", k->text));
			continue;
		}
		return fail(t, k, "%s: retort has no equivalent of %s=", what,
			    k->text);
	}
	return true;
}

static bool is_none(const struct py_node *n)
{
	return n && n->kind == PYN_CONST && strcmp(n->text, "None") == 0;
}

static bool is_const(const struct py_node *n, const char *v)
{
	return n && n->kind == PYN_CONST && strcmp(n->text, v) == 0;
}

/* A string, or op.f('...') (a name already converted), of any length. */
static bool text_value(struct tr *t, const struct py_node *n,
		       const char *what, const char **out)
{
	if (n && n->kind == PYN_CALL && n->obj->kind == PYN_ATTR &&
	    strcmp(n->obj->text, "f") == 0 && n->nitems == 1 &&
	    n->nkwargs == 0)
		n = n->items;
	if (!pysrc_is_text(n) || memchr(n->text, '\0', n->len) || n->len == 0)
		return fail(t, n, "%s must be a string literal", what);
	*out = n->text;
	return true;
}

/* A name: a string the language can hold. */
static bool text_arg(struct tr *t, const struct py_node *n, const char *what,
		     const char **out)
{
	if (!text_value(t, n, what, out))
		return false;
	if (strlen(*out) > NAME_MAX_LEN)
		return fail(t, n, "%s is longer than %d bytes", what,
			    NAME_MAX_LEN);
	return true;
}

/* Optional: a string, or None / absent (*out NULL). */
static bool opt_text(struct tr *t, const struct py_node *n, const char *what,
		     const char **out)
{
	*out = NULL;
	return !n || is_none(n) || text_arg(t, n, what, out);
}

/* A list or tuple of names (each read by item: text_arg, or
 * text_value for dotted targets checked part by part). */
static bool text_list_of(struct tr *t, const struct py_node *n,
			 const char *what, const char ***out, size_t *count,
			 bool (*item)(struct tr *, const struct py_node *,
				      const char *, const char **))
{
	const struct py_node *i;
	size_t k = 0;

	if (!n || (n->kind != PYN_LIST && n->kind != PYN_TUPLE) ||
	    n->nitems == 0)
		return fail(t, n, "%s must be a list of names", what);
	*out = arena_alloc(&t->ctx->arena, n->nitems * sizeof(**out));
	for (i = n->items; i; i = i->next) {
		if (!item(t, i, what, &(*out)[k++]))
			return false;
	}
	*count = k;
	return true;
}

static bool text_list(struct tr *t, const struct py_node *n, const char *what,
		      const char ***out, size_t *count)
{
	return text_list_of(t, n, what, out, count, text_arg);
}

static bool flag_arg(struct tr *t, const struct py_node *n, const char *what,
		     bool *out)
{
	if (!n)
		return true;
	if (is_const(n, "True") || is_const(n, "False")) {
		*out = is_const(n, "True");
		return true;
	}
	return fail(t, n, "%s must be True or False", what);
}

/* ------------------------------------------------------------------ */
/* Names, literals, types */

/* A name as the language reads it: bare when that keeps it, else
 * quoted (upper case, a keyword, other characters). */
static void add_name(struct strbuf *sb, const char *name)
{
	const char *p = name;
	bool bare = ascii_islower((unsigned char)*p) || *p == '_';

	for (; *p && bare; p++)
		bare = ascii_islower((unsigned char)*p) || *p == '_' ||
		       ascii_isdigit((unsigned char)*p);
	if (bare && !kw_lookup(name, strlen(name)))
		strbuf_addstr(sb, name);
	else
		strbuf_add_quoted(sb, name, '"');
}

static void add_table(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema) {
		add_name(sb, schema);
		strbuf_addch(sb, '.');
	}
	add_name(sb, name);
}

static void add_names(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	strbuf_addch(sb, '(');
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, i ? ", " : "");
		add_name(sb, v[i]);
	}
	strbuf_addch(sb, ')');
}

/* A Python number the language reads as written (42, -7, 3.14). */
static bool plain_number(const char *s, struct strbuf *sb)
{
	size_t i = *s == '-', digits = 0, dots = 0;

	for (; s[i]; i++) {
		if (ascii_isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] == '.' && digits && !dots)
			dots++;
		else if (s[i] != '_' || !digits)
			return false;
	}
	if (!digits || s[strlen(s) - 1] == '.')
		return false;
	for (i = 0; s[i]; i++) {
		if (s[i] != '_')
			strbuf_addch(sb, s[i]);
	}
	return true;
}

/* A value of an insert or default: string, number, True, False, None. */
static bool add_literal(struct tr *t, struct strbuf *sb,
			const struct py_node *v, const char *what)
{
	if (pysrc_is_text(v) && !memchr(v->text, '\0', v->len)) {
		strbuf_add_quoted(sb, v->text, '\'');
		return true;
	}
	if (v->kind == PYN_NUMBER && plain_number(v->text, sb))
		return true;
	if (v->kind == PYN_CONST) {
		strbuf_addstr(sb, is_none(v) ? "null" :
			      is_const(v, "True") ? "true" : "false");
		return true;
	}
	return fail(t, v, "%s must be a literal (a string, a number, True, "
		    "False or None)", what);
}

/* The class name a type or call names (sa.String(40): "String"). */
static const char *callee_name(const struct py_node *n)
{
	if (n->kind == PYN_CALL)
		n = n->obj;
	if (n->kind == PYN_ATTR || n->kind == PYN_NAME)
		return n->text;
	return NULL;
}

/* Is n (a type or call) written in a dialect's module
 * (postgresql.JSONB, sa.dialects.mysql.TINYINT)? */
static bool dialect_type(const struct py_node *n)
{
	static const char *const d[] = { "postgresql", "mysql", "sqlite",
					 "mssql", "oracle", "pg", "dialects",
					 NULL };

	if (n->kind == PYN_CALL)
		n = n->obj;
	for (n = n->kind == PYN_ATTR ? n->obj : NULL; n;
	     n = n->kind == PYN_ATTR ? n->obj : NULL) {
		if ((n->kind == PYN_ATTR || n->kind == PYN_NAME) &&
		    in_list(n->text, d))
			return true;
	}
	return false;
}

enum tkind { T_PLAIN, T_LENGTH, T_PRECISION, T_TIMEZONE };

static const struct {
	const char *py;
	const char *mig;
	enum tkind kind;
	const char *tz;		/* T_TIMEZONE: with timezone=True */
} types[] = {
	{ "BIGINT", "bigint", T_PLAIN, NULL },
	{ "BINARY", "blob", T_PLAIN, NULL },
	{ "BLOB", "blob", T_PLAIN, NULL },
	{ "BOOLEAN", "boolean", T_PLAIN, NULL },
	{ "BYTEA", "blob", T_PLAIN, NULL },
	{ "BigInteger", "bigint", T_PLAIN, NULL },
	{ "Boolean", "boolean", T_PLAIN, NULL },
	{ "CHAR", "char", T_LENGTH, NULL },
	{ "CLOB", "text", T_PLAIN, NULL },
	{ "DATE", "date", T_PLAIN, NULL },
	{ "DATETIME", "timestamp", T_TIMEZONE, "timestamptz" },
	{ "DECIMAL", "numeric", T_PRECISION, NULL },
	{ "DOUBLE", "double", T_PLAIN, NULL },
	{ "DOUBLE_PRECISION", "double", T_PLAIN, NULL },
	{ "Date", "date", T_PLAIN, NULL },
	{ "DateTime", "timestamp", T_TIMEZONE, "timestamptz" },
	{ "Double", "double", T_PLAIN, NULL },
	{ "FLOAT", "double", T_PLAIN, NULL },
	{ "Float", "double", T_PLAIN, NULL },
	{ "INT", "integer", T_PLAIN, NULL },
	{ "INTEGER", "integer", T_PLAIN, NULL },
	{ "Integer", "integer", T_PLAIN, NULL },
	{ "JSON", "json", T_PLAIN, NULL },
	{ "JSONB", "json", T_PLAIN, NULL },
	{ "LargeBinary", "blob", T_PLAIN, NULL },
	{ "NCHAR", "char", T_LENGTH, NULL },
	{ "NUMERIC", "numeric", T_PRECISION, NULL },
	{ "NVARCHAR", "varchar", T_LENGTH, NULL },
	{ "Numeric", "numeric", T_PRECISION, NULL },
	{ "REAL", "real", T_PLAIN, NULL },
	{ "SMALLINT", "smallint", T_PLAIN, NULL },
	{ "SmallInteger", "smallint", T_PLAIN, NULL },
	{ "String", "varchar", T_LENGTH, NULL },
	{ "TEXT", "text", T_PLAIN, NULL },
	{ "TIME", "time", T_PLAIN, NULL },
	{ "TIMESTAMP", "timestamp", T_TIMEZONE, "timestamptz" },
	{ "Text", "text", T_PLAIN, NULL },
	{ "Time", "time", T_PLAIN, NULL },
	{ "UUID", "uuid", T_PLAIN, NULL },
	{ "Unicode", "varchar", T_LENGTH, NULL },
	{ "UnicodeText", "text", T_PLAIN, NULL },
	{ "Uuid", "uuid", T_PLAIN, NULL },
	{ "VARBINARY", "blob", T_PLAIN, NULL },
	{ "VARCHAR", "varchar", T_LENGTH, NULL },
};

/* Keyword arguments a type may have that change no DDL retort writes. */
static const char *const type_kwargs[] = {
	"length", "precision", "scale", "timezone", "as_uuid", "asdecimal",
	"none_as_null", "astext_type", "decimal_return_scale",
	"create_constraint", "native_uuid", NULL,
};

/* A positive integer argument. */
static bool int_arg(struct tr *t, const struct py_node *n, struct strbuf *sb)
{
	if (n && n->kind == PYN_NUMBER && n->text[0] != '-' &&
	    plain_number(n->text, sb) && !strchr(n->text, '.'))
		return true;
	return fail(t, n, "a type's length or precision must be a whole "
		    "number");
}

/* A type that is neither mapped nor refused: an upper-case dialect type
 * (postgresql.INET, mysql.TINYINT(1)) is written as it is named, which
 * the language passes through with a warning. */
static bool pass_through(struct tr *t, struct strbuf *sb,
			 const struct py_node *n, const char *name)
{
	const struct py_node *a;
	size_t i;

	for (i = 0; name[i]; i++) {
		if (!ascii_isupper((unsigned char)name[i]) &&
		    !ascii_isdigit((unsigned char)name[i]) && name[i] != '_')
			return fail(t, n, "type %s has no equivalent in the "
				    "language", source_of(t, n));
	}
	if (!dialect_type(n))
		return fail(t, n, "type %s has no equivalent in the language",
			    source_of(t, n));
	for (i = 0; name[i]; i++)
		strbuf_addch(sb, ascii_tolower((unsigned char)name[i]));
	if (n->kind != PYN_CALL || (n->nitems == 0 && n->nkwargs == 0))
		return true;
	if (n->nkwargs)
		return fail(t, n, "type %s has no equivalent in the language",
			    source_of(t, n));
	strbuf_addch(sb, '(');
	for (a = n->items; a; a = a->next) {
		strbuf_addstr(sb, a == n->items ? "" : ", ");
		if (!int_arg(t, a, sb))
			return false;
	}
	strbuf_addch(sb, ')');
	return true;
}

static bool add_array(struct tr *t, struct strbuf *sb,
		      const struct py_node *n);

/* A SQLAlchemy type (sa.String(40), sa.Integer, postgresql.JSONB()) in
 * the language; *integer says whether it is integer (for autoincrement). */
static bool add_type(struct tr *t, struct strbuf *sb, const struct py_node *n,
		     bool *integer)
{
	const char *name = n ? callee_name(n) : NULL;
	const struct py_node *a, *b;
	static const char *const p_len[] = { "length", NULL };
	static const char *const p_prec[] = { "precision", "scale", NULL };
	static const char *const p_none[] = { NULL };
	size_t i;

	*integer = false;
	if (!name || (n->kind != PYN_CALL && n->kind != PYN_ATTR &&
		      n->kind != PYN_NAME))
		return fail(t, n, "a column's type must be a SQLAlchemy type");
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (strcmp(types[i].py, name) == 0)
			break;
	}
	if (strcmp(name, "ARRAY") == 0)
		return add_array(t, sb, n);
	if (i == ARRAY_SIZE(types))
		return pass_through(t, sb, n, name);
	*integer = strcmp(types[i].mig, "integer") == 0;
	if (n->kind != PYN_CALL) {
		strbuf_addstr(sb, types[i].mig);
		return true;
	}
	if (!check_args(t, n, name, types[i].kind == T_LENGTH ? p_len :
			types[i].kind == T_PRECISION ? p_prec : p_none,
			type_kwargs))
		return false;
	if (is_const(pysrc_kwarg(n, "create_constraint"), "True"))
		return fail(t, n, "%s(create_constraint=True) adds a CHECK "
			    "that retort does not write", name);
	if (types[i].kind == T_TIMEZONE &&
	    is_const(pysrc_kwarg(n, "timezone"), "True")) {
		strbuf_addstr(sb, types[i].tz);
		return true;
	}
	strbuf_addstr(sb, types[i].mig);
	if (types[i].kind == T_LENGTH) {
		a = arg(n, p_len, "length");
		if (a && !is_none(a)) {
			strbuf_addch(sb, '(');
			if (!int_arg(t, a, sb))
				return false;
			strbuf_addch(sb, ')');
		} else if (strcmp(types[i].mig, "char") == 0) {
			strbuf_addstr(sb, "(1)");
		}
	} else if (types[i].kind == T_PRECISION) {
		a = arg(n, p_prec, "precision");
		b = arg(n, p_prec, "scale");
		if (a && !is_none(a)) {
			strbuf_addch(sb, '(');
			if (!int_arg(t, a, sb))
				return false;
			if (b && !is_none(b)) {
				strbuf_addstr(sb, ", ");
				if (!int_arg(t, b, sb))
					return false;
			}
			strbuf_addch(sb, ')');
		}
	}
	return true;
}

/* sa.ARRAY(item_type, dimensions=N) or postgresql.ARRAY(...): the item
 * type with [] for each dimension (one when not given). */
static bool add_array(struct tr *t, struct strbuf *sb,
		      const struct py_node *n)
{
	static const char *const params[] = { "item_type", "as_tuple",
					      "dimensions", "zero_indexes",
					      NULL };
	const struct py_node *item, *dims;
	bool integer;
	long k = 1;

	if (n->kind != PYN_CALL || !check_args(t, n, "ARRAY", params, NULL))
		return n->kind == PYN_CALL ? false :
		       fail(t, n, "ARRAY needs its item type, as in "
			    "sa.ARRAY(sa.Text())");
	item = arg(n, params, "item_type");
	if (!item || is_none(item))
		return fail(t, n, "ARRAY needs its item type, as in "
			    "sa.ARRAY(sa.Text())");
	if (callee_name(item) && strcmp(callee_name(item), "ARRAY") == 0)
		return fail(t, item, "an ARRAY of ARRAY: write the item type "
			    "with dimensions=2");
	if (!add_type(t, sb, item, &integer))
		return false;
	dims = arg(n, params, "dimensions");
	if (dims && !is_none(dims)) {
		char *end = NULL;

		if (dims->kind == PYN_NUMBER)
			k = strtol(dims->text, &end, 10);
		if (dims->kind != PYN_NUMBER || *end || k < 1 || k > 6)
			return fail(t, dims, "an ARRAY's dimensions must be a "
				    "whole number from 1 to 6");
	}
	while (k--)
		strbuf_addstr(sb, "[]");
	return true;
}

/* SQL text of sa.text('...') or a plain string (a check's condition). */
static bool sql_text(struct tr *t, const struct py_node *n, const char *what,
		     const char **out)
{
	if (n && n->kind == PYN_CALL && (pysrc_is_chain(n->obj, "sa.text") ||
					 pysrc_is_chain(n->obj, "text") ||
					 pysrc_is_chain(n->obj,
							"sqlalchemy.text")) &&
	    n->nitems == 1 && n->nkwargs == 0)
		n = n->items;
	if (!pysrc_is_text(n) || memchr(n->text, '\0', n->len))
		return fail(t, n, "%s must be SQL text (a string or "
			    "sa.text('...'))", what);
	*out = n->text;
	return true;
}

/*
 * Can SQL text stand between the parentheses of a default, check, where
 * or using as the language reads them?  Conservatively: quotes closed,
 * parentheses balanced outside them, no comment, and outside quotes only
 * characters the language's scanner takes.
 */
static bool sql_fits(const char *s)
{
	int depth = 0;
	char q = 0;
	size_t word = 0;		/* a name's length so far */

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		/* A name (bare or quoted) is at most 63 bytes, and a
		 * quoted one not empty, as everywhere in the language. */
		word = ascii_isword(c) || (q == '"' && c != '"') ? word + 1 : 0;
		if (word > NAME_MAX_LEN)
			return false;
		if (q) {
			if (c == '"' && q == '"' && s[-1] == '"')
				return false;
			q = c == (unsigned char)q ? 0 : q;
			continue;
		}
		if (c == '\'' || c == '"')
			q = (char)c;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth < 0)
			return false;
		else if ((c == '-' && s[1] == '-') || (c == '/' && s[1] == '*'))
			return false;
		else if (!ascii_isalnum(c) && !strchr(" \t\n_(),.+*/<>=~!@%^&|?:[]-", c))
			return false;
	}
	return q == 0 && depth == 0;
}

/* SQL text to put between parentheses: sql_text that sql_fits. */
static bool expr_text(struct tr *t, const struct py_node *n, const char *what,
		      const char **out)
{
	if (!sql_text(t, n, what, out))
		return false;
	if (!sql_fits(*out))
		return fail(t, n, "%s: the language cannot hold this SQL "
			    "between parentheses", what);
	return true;
}

/* Is s (trimmed) one SQL literal the language has? Then append it. */
static bool sql_literal(const char *s, struct strbuf *sb)
{
	static const char *const words[] = {
		"true", "false", "null", "current_timestamp", "current_date",
		"current_time",
	};
	size_t n = strlen(s), i, k;

	while (n && ascii_isspace((unsigned char)s[n - 1]))
		n--;
	while (n && ascii_isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		if (ascii_eq_nocase(s, n, words[i])) {
			strbuf_addstr(sb, words[i]);
			return true;
		}
	}
	if (n >= 2 && s[0] == '\'' && s[n - 1] == '\'') {
		for (i = 1; i + 1 < n; i++) {
			if (s[i] == '\'' && (i + 2 >= n || s[++i] != '\''))
				return false;
		}
		strbuf_add(sb, s, n);
		return true;
	}
	/* A number: [-]digits[.digits] */
	i = s[0] == '-';
	for (k = i; k < n && ascii_isdigit((unsigned char)s[k]); k++)
		;
	if (k == i)
		return false;
	if (k < n && s[k] == '.') {
		size_t d = ++k;

		while (k < n && ascii_isdigit((unsigned char)s[k]))
			k++;
		if (k == d)
			return false;
	}
	if (k != n)
		return false;
	strbuf_add(sb, s, n);
	return true;
}

/* server_default: a string, sa.text('...'), sa.func.now(), sa.true()... */
static bool add_default(struct tr *t, struct strbuf *sb,
			const struct py_node *v)
{
	const char *sql, *fn;

	if (pysrc_is_text(v)) {
		strbuf_add_quoted(sb, v->text, '\'');
		return true;
	}
	if (v->kind == PYN_CALL && v->nitems == 0 && v->nkwargs == 0 &&
	    v->obj->kind == PYN_ATTR) {
		fn = v->obj->text;
		if (pysrc_is_chain(v->obj->obj, "sa.func") ||
		    pysrc_is_chain(v->obj->obj, "func") ||
		    pysrc_is_chain(v->obj->obj, "sqlalchemy.func")) {
			if (ascii_eq_nocase(fn, strlen(fn), "now") ||
			    ascii_eq_nocase(fn, strlen(fn), "current_timestamp")) {
				strbuf_addstr(sb, "current_timestamp");
				return true;
			}
			if (ascii_eq_nocase(fn, strlen(fn), "current_date") ||
			    ascii_eq_nocase(fn, strlen(fn), "current_time")) {
				strbuf_addstr(sb, fn);
				return true;
			}
		}
		if (strcmp(fn, "true") == 0 || strcmp(fn, "false") == 0) {
			strbuf_addstr(sb, fn);
			return true;
		}
	}
	if (!sql_text(t, v, "server_default", &sql))
		return false;
	if (sql_literal(sql, sb))
		return true;
	if (!expr_text(t, v, "server_default", &sql))
		return false;
	strbuf_addf(sb, "(%s)", sql);
	return true;
}

static const char *fk_action(const char *s)
{
	static const char *const v[] = { "cascade", "set null",
					 "set default", "restrict",
					 "no action" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		if (ascii_eq_nocase(s, strlen(s), v[i]))
			return v[i];
	}
	return NULL;
}

/* " on delete X on update Y" of a foreign key's ondelete/onupdate. */
static bool add_fk_actions(struct tr *t, struct strbuf *sb,
			   const struct py_node *call)
{
	static const char *const keys[] = { "ondelete", "onupdate" };
	size_t i;

	for (i = 0; i < 2; i++) {
		const struct py_node *v = pysrc_kwarg(call, keys[i]);
		const char *s, *a;

		if (!v || is_none(v))
			continue;
		if (!text_arg(t, v, keys[i], &s))
			return false;
		a = fk_action(s);
		if (!a)
			return fail(t, v, "%s='%s' is no action the language "
				    "has", keys[i], s);
		strbuf_addf(sb, " on %s %s", i ? "update" : "delete", a);
	}
	return true;
}

/* "[schema.]table.column" of a ForeignKey: into *table and *col. */
static bool split_ref(struct tr *t, const struct py_node *n,
		      struct strbuf *table, const char **col)
{
	const char *s, *dot, *p, *q;

	if (!text_value(t, n, "a foreign key's target", &s))
		return false;
	dot = strrchr(s, '.');
	if (!dot || dot == s || !dot[1])
		return fail(t, n, "a foreign key's target must be 'table.column'");
	for (p = s;; p = q + 1) {
		size_t len;

		q = strchr(p, '.');
		len = q ? (size_t)(q - p) : strlen(p);
		if (len == 0 || len > NAME_MAX_LEN)
			return fail(t, n, "a foreign key's target has an empty "
				    "name or one longer than %d bytes",
				    NAME_MAX_LEN);
		if (!q)
			break;
	}
	*col = dot + 1;
	{
		const char *tbl = arena_strndup(&t->ctx->arena, s,
						(size_t)(dot - s));
		const char *sdot = strchr(tbl, '.');

		if (sdot)
			add_table(table, arena_strndup(&t->ctx->arena, tbl,
						       (size_t)(sdot - tbl)),
				  sdot + 1);
		else
			add_table(table, NULL, tbl);
	}
	return true;
}

static bool is_sa(const struct py_node *n, const char *name)
{
	const char *chains[4];
	char a[64], b[64], c[64];
	size_t i;

	snprintf(a, sizeof(a), "sa.%s", name);
	snprintf(b, sizeof(b), "sqlalchemy.%s", name);
	snprintf(c, sizeof(c), "sa.schema.%s", name);
	chains[0] = name;
	chains[1] = a;
	chains[2] = b;
	chains[3] = c;
	for (i = 0; i < ARRAY_SIZE(chains); i++) {
		if (pysrc_is_chain(n, chains[i]))
			return true;
	}
	return false;
}

static bool is_call_of(const struct py_node *n, const char *name)
{
	return n && n->kind == PYN_CALL && is_sa(n->obj, name);
}

/* sa.ForeignKey('t.c', ondelete=..., name=...) as a column constraint. */
static bool add_column_fk(struct tr *t, struct strbuf *sb,
			  const struct py_node *fk)
{
	static const char *const params[] = { "column", NULL };
	static const char *const extra[] = { "ondelete", "onupdate", "name",
					     "use_alter", NULL };
	const char *name, *col;
	struct strbuf table;
	bool ok;

	if (!check_args(t, fk, "sa.ForeignKey", params, extra) ||
	    !opt_text(t, pysrc_kwarg(fk, "name"), "a constraint's name", &name))
		return false;
	strbuf_init(&table);
	ok = split_ref(t, arg(fk, params, "column"), &table, &col);
	if (ok) {
		if (name) {
			strbuf_addstr(sb, " constraint ");
			add_name(sb, name);
		}
		strbuf_addf(sb, " references %s (", table.buf);
		add_name(sb, col);
		strbuf_addch(sb, ')');
		ok = add_fk_actions(t, sb, fk);
	}
	strbuf_release(&table);
	return ok;
}

/* One column of sa.Column(...), as read before it is written. */
struct col {
	const char *name;
	struct strbuf type;		/* in the language */
	struct strbuf dflt;		/* " default X", or empty */
	struct strbuf tail;		/* check, references */
	bool integer;			/* an integer type */
	bool pk, fk, unique, index;
	bool not_null, nullable_given;
	int autoinc;			/* -1 False, 0 'auto', 1 True */
	const struct py_node *identity;	/* sa.Identity(), or NULL */
	const char *comment;		/* comment=, or NULL */
};

static void col_init(struct col *c)
{
	memset(c, 0, sizeof(*c));
	strbuf_init(&c->type);
	strbuf_init(&c->dflt);
	strbuf_init(&c->tail);
}

static void col_release(struct col *c)
{
	strbuf_release(&c->type);
	strbuf_release(&c->dflt);
	strbuf_release(&c->tail);
}

/* Positional arguments of sa.Column after its type: foreign keys and
 * check constraints. */
static bool column_extras(struct tr *t, struct col *c,
			  const struct py_node *x)
{
	const char *sql, *name;

	for (; x; x = x->next) {
		if (is_call_of(x, "ForeignKey")) {
			if (!add_column_fk(t, &c->tail, x))
				return false;
			c->fk = true;
		} else if (is_call_of(x, "Identity") && x->nitems == 0 &&
			   (x->nkwargs == 0 || (x->nkwargs == 1 &&
			    is_const(pysrc_kwarg(x, "always"), "False")))) {
			/* GENERATED BY DEFAULT AS IDENTITY: autoincrement,
			 * on the one integer column of the key only. */
			c->autoinc = 1;
			c->identity = x;
		} else if (is_call_of(x, "CheckConstraint")) {
			if (x->nitems != 1 || !expr_text(t, x->items,
							 "a check", &sql) ||
			    !opt_text(t, pysrc_kwarg(x, "name"),
				      "a constraint's name", &name))
				return false;
			if (name) {
				strbuf_addstr(&c->tail, " constraint ");
				add_name(&c->tail, name);
			}
			strbuf_addf(&c->tail, " check (%s)", sql);
		} else {
			return fail(t, x, "%s in a column has no equivalent "
				    "in the language", source_of(t, x));
		}
	}
	return true;
}

/* A comment= value: a string (*out), None (*out NULL), or for
 * alter_column False, the default, which changes nothing (*keep). */
static bool comment_arg(struct tr *t, const struct py_node *v,
			const char **out, bool *keep)
{
	*out = NULL;
	*keep = !v || is_const(v, "False");
	if (*keep || is_none(v))
		return true;
	if (!pysrc_is_text(v) || memchr(v->text, '\0', v->len))
		return fail(t, v, "a comment must be a string literal or None");
	*out = v->text;
	return true;
}

/* comment on table TABLE / column TABLE.COL is 'TEXT' | null (table is
 * written already, qualified as the language reads it). */
static void add_comment_on(struct strbuf *sb, const char *table,
			   const char *col, const char *text)
{
	strbuf_addf(sb, "    comment on %s %s", col ? "column" : "table",
		    table);
	if (col) {
		strbuf_addch(sb, '.');
		add_name(sb, col);
	}
	strbuf_addstr(sb, " is ");
	if (text)
		strbuf_add_quoted(sb, text, '\'');
	else
		strbuf_addstr(sb, "null");
	strbuf_addstr(sb, ";\n");
}

/* sa.Column(...) into c (col_init'ed by the caller). */
static bool read_column(struct tr *t, const struct py_node *call,
			struct col *c)
{
	static const char *const params[] = { "name", "type_", NULL };
	static const char *const extra[] = {
		"nullable", "primary_key", "unique", "index",
		"server_default", "autoincrement", "default", "onupdate",
		"comment", "doc", "info", "key", "quote", NULL,
	};
	const struct py_node *v;
	bool b = false;

	if (!call)
		return fail(t, NULL, "a column is missing");
	if (!is_call_of(call, "Column"))
		return fail(t, call, "%s is no sa.Column(...)",
			    source_of(t, call));
	if (call->nitems < 2)
		return fail(t, call, "sa.Column needs a name and a type");
	if (!text_arg(t, call->items, "a column's name", &c->name) ||
	    !add_type(t, &c->type, call->items->next, &c->integer) ||
	    !column_extras(t, c, call->items->next->next))
		return false;
	{
		/* Positional arguments were taken above. */
		const struct py_node *k;

		for (k = call->kwargs; k; k = k->next) {
			if (!in_list(k->text, extra) && !in_list(k->text, params))
				return fail(t, k, "sa.Column: retort has no "
					    "equivalent of %s=", k->text);
		}
	}
	if (!flag_arg(t, pysrc_kwarg(call, "primary_key"), "primary_key",
		      &c->pk) ||
	    !flag_arg(t, pysrc_kwarg(call, "unique"), "unique", &c->unique) ||
	    !flag_arg(t, pysrc_kwarg(call, "index"), "index", &c->index))
		return false;
	v = pysrc_kwarg(call, "nullable");
	if (v) {
		if (!flag_arg(t, v, "nullable", &b))
			return false;
		c->nullable_given = true;
		c->not_null = !b;
	}
	v = pysrc_kwarg(call, "autoincrement");
	if (v && !(pysrc_is_text(v) && strcmp(v->text, "auto") == 0)) {
		if (!flag_arg(t, v, "autoincrement", &b))
			return false;
		c->autoinc = b ? 1 : -1;
	}
	v = pysrc_kwarg(call, "server_default");
	if (v && !is_none(v)) {
		strbuf_addstr(&c->dflt, " default ");
		if (!add_default(t, &c->dflt, v))
			return false;
	}
	return comment_arg(t, pysrc_kwarg(call, "comment"), &c->comment, &b);
}

/*
 * The column definition.  SQLAlchemy makes a primary key column NOT
 * NULL, and the one integer column of a primary key (without a foreign
 * key) autoincrementing unless told otherwise.
 */
static void add_column(struct strbuf *sb, const struct col *c, bool autoinc,
		       bool inline_pk)
{
	add_name(sb, c->name);
	strbuf_addf(sb, " %s", c->type.buf);
	if (c->not_null || c->pk)
		strbuf_addstr(sb, " not null");
	if (inline_pk)
		strbuf_addstr(sb, " primary key");
	if (autoinc)
		strbuf_addstr(sb, " autoincrement");
	if (c->unique && !c->index)
		strbuf_addstr(sb, " unique");
	strbuf_addstr(sb, c->dflt.buf);
	strbuf_addstr(sb, c->tail.buf);
}

/* "    create [unique] index ix_T_C on T (C);" of Column(index=True). */
static void add_column_index(struct tr *t, struct strbuf *sb,
			     const char *schema, const char *table,
			     const struct col *c)
{
	struct strbuf name;

	strbuf_init(&name);
	strbuf_addf(&name, "ix_%s_%s", table, c->name);
	strbuf_addf(sb, "    create %sindex ", c->unique ? "unique " : "");
	/* A name past 63 bytes is fitted as the language fits the names
	 * it gives (SQLAlchemy cuts its own with an md5 suffix, per
	 * database; such an index is renamed by hand if it matters). */
	add_name(sb, name.len > SCHEMA_NAME_MAX ?
		 schema_name_fit(t->ctx, name.buf, name.len) : name.buf);
	strbuf_addstr(sb, " on ");
	add_table(sb, schema, table);
	strbuf_addstr(sb, " (");
	add_name(sb, c->name);
	strbuf_addstr(sb, ");\n");
	strbuf_release(&name);
}

static bool int_type(const struct col *c)
{
	return strcmp(c->type.buf, "integer") == 0 ||
	       strcmp(c->type.buf, "bigint") == 0 ||
	       strcmp(c->type.buf, "smallint") == 0;
}

/* "[constraint NAME] " of a constraint call's name=. */
static bool add_con_name(struct tr *t, struct strbuf *sb,
			 const struct py_node *call)
{
	const char *name;

	if (!opt_text(t, pysrc_kwarg(call, "name"), "a constraint's name",
		      &name))
		return false;
	if (name) {
		strbuf_addstr(sb, "constraint ");
		add_name(sb, name);
		strbuf_addch(sb, ' ');
	}
	return true;
}

/* Strings given one by one: sa.UniqueConstraint('a', 'b'). */
static bool text_items(struct tr *t, const struct py_node *call,
		       const char *what, const char ***out, size_t *n)
{
	const struct py_node *i;

	*n = 0;
	*out = arena_alloc(&t->ctx->arena, (call->nitems + 1) * sizeof(**out));
	for (i = call->items; i; i = i->next) {
		if (!text_arg(t, i, what, &(*out)[(*n)++]))
			return false;
	}
	if (*n == 0)
		return fail(t, call, "%s names no column", what);
	return true;
}

/* A table constraint of create_table (not its primary key). */
static bool add_table_con(struct tr *t, struct strbuf *sb,
			  const struct py_node *x)
{
	static const char *const fkp[] = { "columns", "refcolumns", NULL };
	static const char *const fkx[] = { "name", "ondelete", "onupdate",
					   "use_alter", NULL };
	static const char *const named[] = { "name", NULL };
	const char **cols, **refs, *sql;
	size_t n, m, i;

	strbuf_addstr(sb, ",\n        ");
	if (!add_con_name(t, sb, x))
		return false;
	if (is_call_of(x, "UniqueConstraint")) {
		if (!check_args(t, x, "sa.UniqueConstraint", NULL, named) ||
		    !text_items(t, x, "sa.UniqueConstraint", &cols, &n))
			return false;
		strbuf_addstr(sb, "unique ");
		add_names(sb, cols, n);
		return true;
	}
	if (is_call_of(x, "CheckConstraint")) {
		if (x->nitems != 1 || !check_args(t, x, "sa.CheckConstraint",
						  fkp + 1, named) ||
		    !expr_text(t, x->items, "a check", &sql))
			return false;
		strbuf_addf(sb, "check (%s)", sql);
		return true;
	}
	if (!is_call_of(x, "ForeignKeyConstraint"))
		return fail(t, x, "%s in a table has no equivalent in the "
			    "language", source_of(t, x));
	if (!check_args(t, x, "sa.ForeignKeyConstraint", fkp, fkx) ||
	    !text_list(t, arg(x, fkp, "columns"), "a foreign key's columns",
		       &cols, &n) ||
	    !text_list_of(t, arg(x, fkp, "refcolumns"), "a foreign key's "
			  "target", &refs, &m, text_value))
		return false;
	if (n != m)
		return fail(t, x, "a foreign key names %zu columns and %zu "
			    "targets", n, m);
	strbuf_addstr(sb, "foreign key ");
	add_names(sb, cols, n);
	{
		struct strbuf table, first;
		const char *col;
		bool ok = true;

		strbuf_init(&table);
		strbuf_init(&first);
		strbuf_addstr(sb, " references ");
		for (i = 0; i < m && ok; i++) {
			const struct py_node *r = arg(x, fkp, "refcolumns")->items;
			size_t k;

			for (k = 0; k < i; k++)
				r = r->next;
			strbuf_reset(&table);
			ok = split_ref(t, r, &table, &col);
			if (ok && i == 0) {
				strbuf_addf(sb, "%s (", table.buf);
				strbuf_addstr(&first, table.buf);
			} else if (ok && strcmp(first.buf, table.buf) != 0) {
				ok = fail(t, r, "a foreign key's targets are "
					  "in different tables");
			}
			if (ok) {
				strbuf_addstr(sb, i ? ", " : "");
				add_name(sb, col);
			}
		}
		strbuf_release(&table);
		strbuf_release(&first);
		if (!ok)
			return false;
	}
	strbuf_addch(sb, ')');
	return add_fk_actions(t, sb, x);
}

/* sa.Index('ix', 'a', 'b', unique=True) given to create_table. */
static bool add_table_index(struct tr *t, struct strbuf *sb,
			    const char *schema, const char *table,
			    const struct py_node *x)
{
	static const char *const ex[] = { "unique", NULL };
	const char **cols, *name;
	bool unique = false;
	size_t n;

	if (x->nitems < 2 || !check_args(t, x, "sa.Index", NULL, ex) ||
	    !opt_text(t, x->items, "an index's name", &name) ||
	    !flag_arg(t, pysrc_kwarg(x, "unique"), "unique", &unique))
		return false;
	{
		struct py_node rest = *x;

		rest.items = x->items->next;
		rest.nitems = x->nitems - 1;
		if (!text_items(t, &rest, "sa.Index", &cols, &n))
			return false;
	}
	strbuf_addf(sb, "    create %sindex ", unique ? "unique " : "");
	if (name) {
		add_name(sb, name);
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, "on ");
	add_table(sb, schema, table);
	strbuf_addch(sb, ' ');
	add_names(sb, cols, n);
	strbuf_addstr(sb, ";\n");
	return true;
}

/* create_table's primary key: its PrimaryKeyConstraint, else the
 * columns that say primary_key=True. */
static bool table_pk(struct tr *t, const struct py_node *call,
		     struct col *cols, size_t ncols, struct strbuf *pk)
{
	const struct py_node *x, *pkc = NULL;
	const char **names = NULL;
	size_t n = 0, i, k;

	for (x = call->items->next; x; x = x->next) {
		if (is_call_of(x, "PrimaryKeyConstraint")) {
			if (pkc)
				return fail(t, x, "a second primary key");
			pkc = x;
		}
	}
	if (pkc) {
		static const char *const named[] = { "name", NULL };

		if (!check_args(t, pkc, "sa.PrimaryKeyConstraint", NULL,
				named) ||
		    !text_items(t, pkc, "sa.PrimaryKeyConstraint", &names, &n))
			return false;
		for (i = 0; i < n; i++) {
			for (k = 0; k < ncols; k++) {
				if (strcmp(cols[k].name, names[i]) == 0)
					cols[k].pk = true;
			}
		}
		if (!add_con_name(t, pk, pkc))
			return false;
	}
	strbuf_addstr(pk, "primary key (");
	for (k = 0, i = 0; k < ncols; k++) {
		if (!cols[k].pk)
			continue;
		strbuf_addstr(pk, i++ ? ", " : "");
		add_name(pk, cols[k].name);
	}
	strbuf_addch(pk, ')');
	if (i == 0)
		strbuf_reset(pk);
	return true;
}

/* The column SQLAlchemy makes autoincrement: the one column of the
 * primary key, of an integer type and with no foreign key, unless
 * autoincrement=False; a bigint or smallint one only when asked. */
static size_t autoinc_column(const struct col *cols, size_t n)
{
	size_t k, pk = n, npk = 0;

	for (k = 0; k < n; k++) {
		if (cols[k].pk) {
			pk = k;
			npk++;
		}
	}
	if (npk != 1 || cols[pk].fk || cols[pk].autoinc < 0)
		return n;
	if (cols[pk].integer || (cols[pk].autoinc > 0 && int_type(&cols[pk])))
		return pk;
	return n;
}

static bool op_create_table(struct tr *t, const struct py_node *call,
			    struct strbuf *sb, const char **table_out)
{
	static const char *const extra[] = { "schema", "comment", NULL };
	const struct py_node *x;
	struct col *cols;
	struct strbuf cons, pk, idx, qual;
	const char *name, *schema, *comment;
	size_t n = 0, k, ai;
	bool ok = true, keep;

	if (call->nitems < 1 || !text_arg(t, call->items, "the table's name",
					  &name) ||
	    !opt_text(t, pysrc_kwarg(call, "schema"), "schema", &schema))
		return false;
	if (!check_args(t, call, "op.create_table", NULL, extra) ||
	    !comment_arg(t, pysrc_kwarg(call, "comment"), &comment, &keep))
		return false;
	*table_out = name;
	cols = arena_alloc(&t->ctx->arena, call->nitems * sizeof(*cols));
	strbuf_init(&cons);
	strbuf_init(&pk);
	strbuf_init(&idx);
	for (x = call->items->next; x && ok; x = x->next) {
		if (is_call_of(x, "Column")) {
			col_init(&cols[n]);
			ok = read_column(t, x, &cols[n++]);
		}
		else if (is_call_of(x, "Index"))
			ok = add_table_index(t, &idx, schema, name, x);
		else if (!is_call_of(x, "PrimaryKeyConstraint"))
			ok = add_table_con(t, &cons, x);
	}
	if (ok && n == 0)
		ok = fail(t, call, "op.create_table with no column");
	if (ok)
		ok = table_pk(t, call, cols, n, &pk);
	if (ok) {
		ai = autoinc_column(cols, n);
		for (k = 0; k < n && ok; k++) {
			if (cols[k].identity && k != ai)
				ok = fail(t, cols[k].identity, "sa.Identity() "
					  "on a column that is not the one "
					  "integer column of the primary key");
		}
	}
	if (ok) {
		strbuf_addstr(sb, "    create table ");
		add_table(sb, schema, name);
		strbuf_addstr(sb, " (");
		for (k = 0; k < n; k++) {
			strbuf_addstr(sb, k ? ",\n        " : "\n        ");
			add_column(sb, &cols[k], k == ai, false);
		}
		if (pk.len)
			strbuf_addf(sb, ",\n        %s", pk.buf);
		strbuf_addf(sb, "%s\n    );\n", cons.buf);
		for (k = 0; k < n; k++) {
			if (cols[k].index)
				add_column_index(t, sb, schema, name, &cols[k]);
		}
		strbuf_addstr(sb, idx.buf);
		strbuf_init(&qual);
		add_table(&qual, schema, name);
		if (comment)
			add_comment_on(sb, qual.buf, NULL, comment);
		for (k = 0; k < n; k++) {
			if (cols[k].comment)
				add_comment_on(sb, qual.buf, cols[k].name,
					       cols[k].comment);
		}
		strbuf_release(&qual);
	}
	for (k = 0; k < n; k++)
		col_release(&cols[k]);
	strbuf_release(&cons);
	strbuf_release(&pk);
	strbuf_release(&idx);
	return ok;
}

/* ------------------------------------------------------------------ */
/* op.* and batch_op.* */

/* An operation's positional parameters; in a batch, without the one
 * that names the table (the batch names it). */
static const char *const *params(struct tr *t, const char *const *p,
				 const char *table_param)
{
	const char **v;
	size_t n = 0, k = 0;

	if (!t->alias)
		return p;
	while (p[n])
		n++;
	v = arena_alloc(&t->ctx->arena, (n + 1) * sizeof(*v));
	for (n = 0; p[n]; n++) {
		if (strcmp(p[n], table_param) != 0)
			v[k++] = p[n];
	}
	return v;
}

/* The table an operation works on: its argument, or the batch's. */
static bool op_table(struct tr *t, const struct py_node *call,
		     const char *const *p, const char *param,
		     const char *schema_kw, struct strbuf *sb,
		     const char **name)
{
	const char *schema;

	if (t->alias) {
		if (!text_arg(t, t->batch_table, "the batch's table", name) ||
		    !opt_text(t, t->batch_schema, "schema", &schema))
			return false;
	} else if (!text_arg(t, arg(call, p, param), "the table's name",
			     name) ||
		   !opt_text(t, pysrc_kwarg(call, schema_kw), "schema",
			     &schema)) {
		return false;
	}
	add_table(sb, schema, *name);
	return true;
}

static bool op_drop_table(struct tr *t, const struct py_node *call,
			  struct strbuf *sb)
{
	static const char *const p[] = { "table_name", NULL };
	static const char *const ex[] = { "schema", NULL };
	struct strbuf table;
	const char *name;
	bool ok;

	strbuf_init(&table);
	ok = check_args(t, call, "op.drop_table", p, ex) &&
	     op_table(t, call, p, "table_name", "schema", &table, &name);
	if (ok)
		strbuf_addf(sb, "    drop table %s;\n", table.buf);
	strbuf_release(&table);
	return ok;
}

static bool op_rename_table(struct tr *t, const struct py_node *call,
			    struct strbuf *sb)
{
	static const char *const p[] = { "old_table_name", "new_table_name",
					 NULL };
	static const char *const ex[] = { "schema", NULL };
	struct strbuf table;
	const char *name, *to;
	bool ok;

	strbuf_init(&table);
	ok = check_args(t, call, "op.rename_table", p, ex) &&
	     op_table(t, call, p, "old_table_name", "schema", &table, &name) &&
	     text_arg(t, arg(call, p, "new_table_name"), "the new name", &to);
	if (ok) {
		strbuf_addf(sb, "    alter table %s rename to ", table.buf);
		add_name(sb, to);
		strbuf_addstr(sb, ";\n");
	}
	strbuf_release(&table);
	return ok;
}

static bool op_add_column(struct tr *t, const struct py_node *call,
			  struct strbuf *sb)
{
	static const char *const p0[] = { "table_name", "column", NULL };
	static const char *const ex[] = { "schema", "insert_before",
					  "insert_after", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *name, *schema = NULL;
	struct strbuf table;
	struct col c;
	bool ok;

	strbuf_init(&table);
	col_init(&c);
	ok = check_args(t, call, "add_column", p, ex) &&
	     op_table(t, call, p, "table_name", "schema", &table, &name) &&
	     read_column(t, arg(call, p, "column"), &c);
	if (ok && c.identity)
		ok = fail(t, c.identity, "sa.Identity() on an added column");
	if (ok) {
		strbuf_addf(sb, "    alter table %s add column ", table.buf);
		add_column(sb, &c, false, c.pk);
		strbuf_addstr(sb, ";\n");
		if (c.index) {
			if (!t->alias)
				opt_text(t, pysrc_kwarg(call, "schema"),
					 "schema", &schema);
			else
				opt_text(t, t->batch_schema, "schema", &schema);
			add_column_index(t, sb, schema, name, &c);
		}
		if (c.comment)
			add_comment_on(sb, table.buf, c.name, c.comment);
	}
	col_release(&c);
	strbuf_release(&table);
	return ok;
}

static bool op_drop_column(struct tr *t, const struct py_node *call,
			   struct strbuf *sb)
{
	static const char *const p0[] = { "table_name", "column_name", NULL };
	static const char *const ex[] = { "schema", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *name, *col;
	struct strbuf table;
	bool ok;

	strbuf_init(&table);
	ok = check_args(t, call, "drop_column", p, ex) &&
	     op_table(t, call, p, "table_name", "schema", &table, &name) &&
	     text_arg(t, arg(call, p, "column_name"), "the column's name", &col);
	if (ok) {
		strbuf_addf(sb, "    alter table %s drop column ", table.buf);
		add_name(sb, col);
		strbuf_addstr(sb, ";\n");
	}
	strbuf_release(&table);
	return ok;
}

/* alter_column: a statement for each change, in Alembic's order (type,
 * nullability, default), the rename last. */
static bool op_alter_column(struct tr *t, const struct py_node *call,
			    struct strbuf *sb)
{
	static const char *const p0[] = { "table_name", "column_name", NULL };
	static const char *const ex[] = {
		"schema", "nullable", "server_default", "new_column_name",
		"type_", "existing_type", "existing_server_default",
		"existing_nullable", "existing_comment", "comment",
		"postgresql_using", "existing_autoincrement", NULL,
	};
	const char *const *p = params(t, p0, "table_name");
	const struct py_node *v;
	const char *name, *col, *to = NULL, *using, *comment;
	struct strbuf table, head;
	bool ok, b = false, integer, keep;

	strbuf_init(&table);
	strbuf_init(&head);
	ok = check_args(t, call, "alter_column", p, ex) &&
	     op_table(t, call, p, "table_name", "schema", &table, &name) &&
	     text_arg(t, arg(call, p, "column_name"), "the column's name",
		      &col) &&
	     opt_text(t, pysrc_kwarg(call, "new_column_name"),
		      "new_column_name", &to);
	if (ok) {
		strbuf_addf(&head, "    alter table %s alter column ",
			    table.buf);
		add_name(&head, col);
	}
	v = pysrc_kwarg(call, "type_");
	if (ok && v && !is_none(v)) {
		strbuf_addf(sb, "%s type ", head.buf);
		ok = add_type(t, sb, v, &integer);
		v = pysrc_kwarg(call, "postgresql_using");
		if (ok && v && expr_text(t, v, "postgresql_using", &using))
			strbuf_addf(sb, " using (%s)", using);
		else if (ok && v)
			ok = false;
		strbuf_addstr(sb, ";\n");
	}
	v = pysrc_kwarg(call, "nullable");
	if (ok && v && !is_none(v)) {
		ok = flag_arg(t, v, "nullable", &b);
		strbuf_addf(sb, "%s %s not null;\n", head.buf,
			    b ? "drop" : "set");
	}
	v = pysrc_kwarg(call, "server_default");
	if (ok && v && !is_const(v, "False")) {
		strbuf_addf(sb, "%s %s", head.buf, is_none(v) ? "drop default"
							      : "set default ");
		if (!is_none(v))
			ok = add_default(t, sb, v);
		strbuf_addstr(sb, ";\n");
	}
	if (ok)
		ok = comment_arg(t, pysrc_kwarg(call, "comment"), &comment,
				 &keep);
	if (ok && !keep)
		add_comment_on(sb, table.buf, col, comment);
	if (ok && to) {
		strbuf_addf(sb, "    alter table %s rename column ", table.buf);
		add_name(sb, col);
		strbuf_addstr(sb, " to ");
		add_name(sb, to);
		strbuf_addstr(sb, ";\n");
	}
	strbuf_release(&table);
	strbuf_release(&head);
	return ok;
}

/* create_table_comment (comment=) and drop_table_comment. */
static bool table_comment(struct tr *t, const struct py_node *call,
			  struct strbuf *sb, bool drop)
{
	static const char *const pc[] = { "table_name", "comment", NULL };
	static const char *const pd[] = { "table_name", NULL };
	static const char *const ex[] = { "existing_comment", "schema",
					  NULL };
	const char *const *p = params(t, drop ? pd : pc, "table_name");
	const char *name, *comment = NULL;
	struct strbuf table;
	bool ok, keep = false;

	strbuf_init(&table);
	ok = check_args(t, call, drop ? "drop_table_comment" :
			"create_table_comment", p, ex) &&
	     op_table(t, call, p, "table_name", "schema", &table, &name);
	if (ok && !drop) {
		ok = comment_arg(t, arg(call, p, "comment"), &comment, &keep);
		if (ok && (keep || !comment))
			ok = fail(t, call, "create_table_comment needs a "
				  "comment");
	}
	if (ok)
		add_comment_on(sb, table.buf, NULL, comment);
	strbuf_release(&table);
	return ok;
}

static bool op_create_table_comment(struct tr *t, const struct py_node *call,
				    struct strbuf *sb)
{
	return table_comment(t, call, sb, false);
}

static bool op_drop_table_comment(struct tr *t, const struct py_node *call,
				  struct strbuf *sb)
{
	return table_comment(t, call, sb, true);
}

/* postgresql_where and sqlite_where: one WHERE for every dialect, or
 * none; the two must agree (a partial index for one database only has
 * no equivalent). */
static bool index_where(struct tr *t, const struct py_node *call,
			struct strbuf *sb)
{
	const struct py_node *pg = pysrc_kwarg(call, "postgresql_where");
	const struct py_node *lite = pysrc_kwarg(call, "sqlite_where");
	const char *a = NULL, *b = NULL;

	if (pg && !expr_text(t, pg, "postgresql_where", &a))
		return false;
	if (lite && !expr_text(t, lite, "sqlite_where", &b))
		return false;
	if (!a && !b)
		return true;
	if (!a || !b || strcmp(a, b) != 0)
		return fail(t, pg ? pg : lite, "a partial index for one "
			    "database only has no equivalent in the language");
	strbuf_addf(sb, " where (%s)", a);
	return true;
}

static bool op_create_index(struct tr *t, const struct py_node *call,
			    struct strbuf *sb)
{
	static const char *const p0[] = { "index_name", "table_name",
					  "columns", NULL };
	static const char *const ex[] = { "schema", "unique",
					  "postgresql_where", "sqlite_where",
					  "postgresql_using", NULL };
	static const char *const methods[] = { "btree", "hash", "gin",
					       "gist", "brin", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *name, *table_name, **cols, *method = NULL;
	struct strbuf table;
	bool ok, unique = false;
	size_t n;

	strbuf_init(&table);
	ok = check_args(t, call, "create_index", p, ex) &&
	     opt_text(t, arg(call, p, "index_name"), "the index's name",
		      &name) &&
	     op_table(t, call, p, "table_name", "schema", &table,
		      &table_name) &&
	     text_list(t, arg(call, p, "columns"), "an index's columns",
		       &cols, &n) &&
	     flag_arg(t, pysrc_kwarg(call, "unique"), "unique", &unique) &&
	     opt_text(t, pysrc_kwarg(call, "postgresql_using"),
		      "postgresql_using", &method);
	/* The language's index methods (PostgreSQL's own); SQLite and
	 * MySQL write a B-tree or refuse gin, gist and brin at the
	 * statement, so the choice stays visible. */
	if (ok && method && !in_list(method, methods))
		ok = fail(t, pysrc_kwarg(call, "postgresql_using"),
			  "index method %s has no equivalent in the language",
			  method);
	if (ok) {
		strbuf_addf(sb, "    create %sindex ", unique ? "unique " : "");
		if (name) {
			add_name(sb, name);
			strbuf_addch(sb, ' ');
		}
		strbuf_addf(sb, "on %s ", table.buf);
		if (method)
			strbuf_addf(sb, "using %s ", method);
		add_names(sb, cols, n);
		ok = index_where(t, call, sb);
		strbuf_addstr(sb, ";\n");
	}
	strbuf_release(&table);
	return ok;
}

static bool op_drop_index(struct tr *t, const struct py_node *call,
			  struct strbuf *sb)
{
	static const char *const p0[] = { "index_name", "table_name", NULL };
	static const char *const ex[] = { "schema", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *name, *schema = NULL;

	if (!check_args(t, call, "drop_index", p, ex) ||
	    !text_arg(t, arg(call, p, "index_name"), "the index's name",
		      &name) ||
	    !opt_text(t, t->alias ? t->batch_schema :
		      pysrc_kwarg(call, "schema"), "schema", &schema))
		return false;
	strbuf_addstr(sb, "    drop index ");
	add_table(sb, schema, name);
	strbuf_addstr(sb, ";\n");
	return true;
}

/* "    alter table T add [constraint N] " for the create_* constraints. */
static bool add_constraint_head(struct tr *t, const struct py_node *call,
				const char *const *p, const char *table_param,
				const char *schema_kw, struct strbuf *sb)
{
	struct strbuf table;
	const char *name, *table_name;
	bool ok;

	strbuf_init(&table);
	ok = opt_text(t, arg(call, p, "constraint_name"),
		      "the constraint's name", &name) &&
	     op_table(t, call, p, table_param, schema_kw, &table, &table_name);
	if (ok) {
		strbuf_addf(sb, "    alter table %s add ", table.buf);
		if (name) {
			strbuf_addstr(sb, "constraint ");
			add_name(sb, name);
			strbuf_addch(sb, ' ');
		}
	}
	strbuf_release(&table);
	return ok;
}

static bool op_create_foreign_key(struct tr *t, const struct py_node *call,
				  struct strbuf *sb)
{
	static const char *const p0[] = { "constraint_name", "source_table",
					  "referent_table", "local_cols",
					  "remote_cols", NULL };
	static const char *const ex[] = { "onupdate", "ondelete",
					  "source_schema", "referent_schema",
					  NULL };
	const char *const *p = params(t, p0, "source_table");
	const char **local, **remote, *ref, *ref_schema;
	size_t n, m;

	if (!check_args(t, call, "create_foreign_key", p, ex) ||
	    !add_constraint_head(t, call, p, "source_table", "source_schema",
				 sb) ||
	    !text_arg(t, arg(call, p, "referent_table"), "the referenced "
		      "table", &ref) ||
	    !opt_text(t, pysrc_kwarg(call, "referent_schema"),
		      "referent_schema", &ref_schema) ||
	    !text_list(t, arg(call, p, "local_cols"), "a foreign key's "
		       "columns", &local, &n) ||
	    !text_list(t, arg(call, p, "remote_cols"), "a foreign key's "
		       "target", &remote, &m))
		return false;
	if (n != m)
		return fail(t, call, "a foreign key names %zu columns and %zu "
			    "targets", n, m);
	strbuf_addstr(sb, "foreign key ");
	add_names(sb, local, n);
	strbuf_addstr(sb, " references ");
	add_table(sb, ref_schema, ref);
	strbuf_addch(sb, ' ');
	add_names(sb, remote, m);
	if (!add_fk_actions(t, sb, call))
		return false;
	strbuf_addstr(sb, ";\n");
	return true;
}

/* create_unique_constraint and create_primary_key. */
static bool op_create_key(struct tr *t, const struct py_node *call,
			  struct strbuf *sb, bool primary)
{
	static const char *const p0[] = { "constraint_name", "table_name",
					  "columns", NULL };
	static const char *const ex[] = { "schema", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char **cols;
	size_t n;

	if (!check_args(t, call, primary ? "create_primary_key" :
			"create_unique_constraint", p, ex) ||
	    !add_constraint_head(t, call, p, "table_name", "schema", sb) ||
	    !text_list(t, arg(call, p, "columns"), "a key's columns", &cols,
		       &n))
		return false;
	strbuf_addstr(sb, primary ? "primary key " : "unique ");
	add_names(sb, cols, n);
	strbuf_addstr(sb, ";\n");
	return true;
}

static bool op_create_check(struct tr *t, const struct py_node *call,
			    struct strbuf *sb)
{
	static const char *const p0[] = { "constraint_name", "table_name",
					  "condition", NULL };
	static const char *const ex[] = { "schema", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *sql;

	if (!check_args(t, call, "create_check_constraint", p, ex) ||
	    !add_constraint_head(t, call, p, "table_name", "schema", sb) ||
	    !expr_text(t, arg(call, p, "condition"), "a check's condition",
		       &sql))
		return false;
	strbuf_addf(sb, "check (%s);\n", sql);
	return true;
}

static bool op_drop_constraint(struct tr *t, const struct py_node *call,
			       struct strbuf *sb)
{
	static const char *const p0[] = { "constraint_name", "table_name",
					  "type_", NULL };
	static const char *const ex[] = { "schema", NULL };
	const char *const *p = params(t, p0, "table_name");
	const char *name, *table_name, *type;
	struct strbuf table;
	bool ok;

	strbuf_init(&table);
	ok = check_args(t, call, "drop_constraint", p, ex) &&
	     text_arg(t, arg(call, p, "constraint_name"),
		      "the constraint's name", &name) &&
	     op_table(t, call, p, "table_name", "schema", &table,
		      &table_name) &&
	     opt_text(t, arg(call, p, "type_"), "type_", &type);
	if (ok) {
		strbuf_addf(sb, "    alter table %s drop constraint ",
			    table.buf);
		add_name(sb, name);
		strbuf_addstr(sb, ";\n");
	}
	strbuf_release(&table);
	return ok;
}

/* text in a raw block after lead, closed by a $tag$ it does not hold:
 * $$ (for no tag) or $tag$, else $sql1$ or $tag1$, ... */
static void add_raw(struct strbuf *sb, const char *lead, const char *text,
		    const char *tag)
{
	char t[32];
	unsigned i;

	snprintf(t, sizeof(t), "$%s$", tag);
	for (i = 1; strstr(text, t); i++)
		snprintf(t, sizeof(t), "$%s%u$", *tag ? tag : "sql", i);
	if (!strchr(text, '\n')) {
		strbuf_addf(sb, "%s%s %s %s;\n", lead, t, text, t);
		return;
	}
	strbuf_addf(sb, "%s%s\n%s", lead, t, text);
	if (!strbuf_ends_with_newline(sb))
		strbuf_addch(sb, '\n');
	strbuf_addf(sb, "    %s;\n", t);
}

static bool op_execute(struct tr *t, const struct py_node *call,
		       struct strbuf *sb)
{
	static const char *const p[] = { "sqltext", NULL };
	const char *sql;

	if (!check_args(t, call, "op.execute", p, NULL) ||
	    !sql_text(t, arg(call, p, "sqltext"), "op.execute's SQL", &sql))
		return false;
	add_raw(sb, "    sql ", sql, "");
	return true;
}

/* The table a bulk_insert names: sa.table(...), sa.Table(...) or
 * op.create_table(...), inline or bound to a name in the function. */
static const struct py_node *bulk_table(struct tr *t, const struct py_node *n)
{
	size_t i;

	if (n && n->kind == PYN_NAME) {
		for (i = t->nvars; i-- > 0;) {
			if (strcmp(t->vars[i].var, n->text) == 0)
				return t->vars[i].table;
		}
		return NULL;
	}
	if (is_call_of(n, "table") || is_call_of(n, "Table") ||
	    pysrc_is_chain(n ? n->obj : NULL, "sa.sql.table") ||
	    (n && n->kind == PYN_CALL && pysrc_is_chain(n->obj,
						       "op.create_table")))
		return n;
	return NULL;
}

/* One INSERT for rows [from, to) of a bulk_insert, which share keys. */
static bool add_insert(struct tr *t, struct strbuf *sb, const char *table,
		       const struct py_node *from, const struct py_node *to)
{
	const struct py_node *row, *k, *v;

	strbuf_addf(sb, "    insert into %s (", table);
	for (k = from->items; k; k = k->next) {
		strbuf_addstr(sb, k == from->items ? "" : ", ");
		add_name(sb, k->text);
	}
	strbuf_addstr(sb, ") values");
	for (row = from; row != to; row = row->next) {
		strbuf_addstr(sb, row == from ? "\n        (" : ",\n        (");
		for (k = from->items; k; k = k->next) {
			/* This row's value for the key (its keys are the
			 * same, maybe in another order). */
			const struct py_node *rk = row->items;

			for (v = row->kwargs; strcmp(rk->text, k->text) != 0;
			     rk = rk->next)
				v = v->next;
			strbuf_addstr(sb, k == from->items ? "" : ", ");
			if (!add_literal(t, sb, v, "a bulk_insert value"))
				return false;
		}
		strbuf_addch(sb, ')');
	}
	strbuf_addstr(sb, ";\n");
	return true;
}

/* Do two dicts have the same string keys? */
static bool same_keys(const struct py_node *a, const struct py_node *b)
{
	const struct py_node *x, *y;

	if (a->nitems != b->nitems)
		return false;
	for (x = a->items; x; x = x->next) {
		for (y = b->items; y && strcmp(x->text, y->text) != 0;
		     y = y->next)
			;
		if (!y)
			return false;
	}
	return true;
}

static bool op_bulk_insert(struct tr *t, const struct py_node *call,
			   struct strbuf *sb)
{
	static const char *const p[] = { "table", "rows", "multiinsert",
					 NULL };
	const struct py_node *tbl, *rows, *row, *k, *run;
	const char *name, *schema;
	struct strbuf table;
	bool ok;

	if (!check_args(t, call, "op.bulk_insert", p, NULL))
		return false;
	tbl = bulk_table(t, arg(call, p, "table"));
	rows = arg(call, p, "rows");
	if (!tbl)
		return fail(t, arg(call, p, "table") ? arg(call, p, "table") :
			    call, "bulk_insert's table must be sa.table(...) "
			    "or a name bound to one in this function");
	if (!rows || (rows->kind != PYN_LIST && rows->kind != PYN_TUPLE))
		return fail(t, rows, "bulk_insert's rows must be a list of "
			    "dicts");
	if (!text_arg(t, tbl->items, "the table's name", &name) ||
	    !opt_text(t, pysrc_kwarg(tbl, "schema"), "schema", &schema))
		return false;
	for (row = rows->items; row; row = row->next) {
		if (row->kind != PYN_DICT || row->nitems == 0)
			return fail(t, row, "a bulk_insert row must be a dict "
				    "of column names and literals");
		for (k = row->items; k; k = k->next) {
			const char *s;

			if (!text_arg(t, k, "a column's name", &s))
				return false;
		}
	}
	strbuf_init(&table);
	add_table(&table, schema, name);
	ok = true;
	/* One INSERT for each run of rows with the same keys. */
	for (run = rows->items; run && ok;) {
		for (row = run->next; row && same_keys(run, row); row = row->next)
			;
		ok = add_insert(t, sb, table.buf, run, row);
		run = row;
	}
	strbuf_release(&table);
	return ok;
}

typedef bool op_fn(struct tr *t, const struct py_node *call,
		   struct strbuf *sb);

static bool op_create_unique(struct tr *t, const struct py_node *call,
			     struct strbuf *sb)
{
	return op_create_key(t, call, sb, false);
}

static bool op_create_primary(struct tr *t, const struct py_node *call,
			      struct strbuf *sb)
{
	return op_create_key(t, call, sb, true);
}

/* The operations compiled, by name; batch: also on a batch's alias. */
static const struct {
	const char *name;
	op_fn *fn;
	bool batch;
} ops[] = {
	{ "add_column", op_add_column, true },
	{ "alter_column", op_alter_column, true },
	{ "bulk_insert", op_bulk_insert, false },
	{ "create_check_constraint", op_create_check, true },
	{ "create_foreign_key", op_create_foreign_key, true },
	{ "create_index", op_create_index, true },
	{ "create_primary_key", op_create_primary, true },
	{ "create_table_comment", op_create_table_comment, true },
	{ "create_unique_constraint", op_create_unique, true },
	{ "drop_column", op_drop_column, true },
	{ "drop_constraint", op_drop_constraint, true },
	{ "drop_index", op_drop_index, true },
	{ "drop_table", op_drop_table, false },
	{ "drop_table_comment", op_drop_table_comment, true },
	{ "execute", op_execute, false },
	{ "rename_table", op_rename_table, false },
};

/* Bind name to the table that value (a call) makes or describes. */
static void bind(struct tr *t, const char *name, const struct py_node *value)
{
	t->vars = xgrow(t->vars, &t->cap, t->nvars + 1, sizeof(*t->vars));
	t->vars[t->nvars].var = name;
	t->vars[t->nvars++].table = value;
}

/* An expression statement (or an assignment's value) that is a call of
 * op.X or, in a batch, of its alias. */
static bool op_statement(struct tr *t, const struct py_node *call,
			 struct strbuf *sb)
{
	const struct py_node *f;
	const char *on, *name;
	size_t i;

	if (!call || call->kind != PYN_CALL || call->obj->kind != PYN_ATTR ||
	    call->obj->obj->kind != PYN_NAME)
		return fail(t, call, "%s is not an op.* call",
			    call ? source_of(t, call) : "this");
	f = call->obj;
	on = f->obj->text;
	name = f->text;
	if (strcmp(on, "op") != 0 && !(t->alias && strcmp(on, t->alias) == 0))
		return fail(t, call, "%s() is not an op.* call",
			    source_of(t, f));
	if (strcmp(name, "create_table") == 0 && strcmp(on, "op") == 0) {
		const char *table;

		return op_create_table(t, call, sb, &table);
	}
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (strcmp(ops[i].name, name) != 0)
			continue;
		if (strcmp(on, "op") != 0 && !ops[i].batch)
			break;
		{
			/* op.X inside a batch names its own table. */
			const char *alias = t->alias;
			bool ok;

			if (strcmp(on, "op") == 0)
				t->alias = NULL;
			ok = ops[i].fn(t, call, sb);
			t->alias = alias;
			return ok;
		}
	}
	return fail(t, call, "%s.%s() is no operation retort compiles", on,
		    name);
}

/* ------------------------------------------------------------------ */
/* Statements and python blocks */

static const char *article(const char *word)
{
	return strchr("aeiou", word[0]) ? "an" : "a";
}

/* The start of the line that holds offset off. */
static uint32_t line_start(const struct src_file *f, uint32_t off)
{
	while (off > 0 && f->data[off - 1] != '\n' && f->data[off - 1] != '\r')
		off--;
	return off;
}

/*
 * The statements waiting (t->pend to t->pend_last), as they stand, in a
 * sql python block: their whole lines, with the first line's indentation
 * taken off every line that has it, and "\r\n" made "\n".
 */
static void flush_python(struct tr *t)
{
	struct src_file *f = src_get(t->ctx, t->m->file);
	uint32_t start, end, i, cut, line, col;
	struct strbuf text;

	if (!t->pend)
		return;
	start = line_start(f, t->pend->span.start);
	end = t->pend_last->span.end;
	cut = t->pend->span.start - start;
	strbuf_init(&text);
	for (i = start; i < end;) {
		uint32_t k = 0;

		while (k < cut && i + k < end && (f->data[i + k] == ' ' ||
						  f->data[i + k] == '\t'))
			k++;
		for (i += k; i < end && f->data[i] != '\n' && f->data[i] != '\r';
		     i++)
			strbuf_addch(&text, f->data[i]);
		strbuf_addch(&text, '\n');
		i += i < end && f->data[i] == '\r' ? 1 : 0;
		i += i < end && f->data[i] == '\n' ? 1 : 0;
	}
	src_position(f, t->pend->span.start, &line, &col);
	strbuf_addf(t->out, "    -- retort import: Python that retort does not "
		    "compile (%s:%u); write\n    -- what it does as statements "
		    "or sql blocks, then delete the block\n",
		    comment_safe(t->ctx, t->path), line);
	add_raw(t->out, "    sql python ", text.buf, "py");
	strbuf_release(&text);
	t->stats->blocks++;
	t->pend = t->pend_last = NULL;
}

/* Why statement s is not compiled, when nothing more precise said. */
static void why_not(struct tr *t, const struct py_stmt *s)
{
	switch (s->kind) {
	case PYS_OTHER:
		if (s->keyword)
			fail(t, NULL, "%s %s statement", article(s->keyword),
			     s->keyword);
		else
			fail(t, NULL, "this statement");
		break;
	case PYS_ASSIGN:
		fail(t, NULL, "an assignment to %s", s->name);
		break;
	case PYS_DEF:
		fail(t, NULL, "a function definition");
		break;
	case PYS_WITH:
		fail(t, s->value, "a with statement");
		break;
	default:
		fail(t, s->value, "this expression");
		break;
	}
}

static void body(struct tr *t, const struct py_stmt *s);

/* with op.batch_alter_table(TABLE[, schema=...]) as ALIAS: the body with
 * that table.  Returns false when the with is something else. */
static bool batch(struct tr *t, const struct py_stmt *s)
{
	static const char *const p[] = { "table_name", "schema", NULL };
	static const char *const ex[] = { "recreate", NULL };
	const struct py_node *call = s->value, *saved_t, *saved_s;
	const char *saved_a, *name;

	if (!call || call->kind != PYN_CALL ||
	    !pysrc_is_chain(call->obj, "op.batch_alter_table") || !s->name)
		return false;
	if (!check_args(t, call, "op.batch_alter_table", p, ex) ||
	    !text_arg(t, arg(call, p, "table_name"), "the batch's table",
		      &name))
		return false;
	saved_a = t->alias;
	saved_t = t->batch_table;
	saved_s = t->batch_schema;
	t->alias = s->name;
	t->batch_table = arg(call, p, "table_name");
	t->batch_schema = arg(call, p, "schema");
	body(t, s->body);
	t->alias = saved_a;
	t->batch_table = saved_t;
	t->batch_schema = saved_s;
	return true;
}

/* One statement of a function body into sb; false with t->why set when
 * it is not compiled.  A with block writes its body itself (*done). */
static bool statement(struct tr *t, const struct py_stmt *s,
		      struct strbuf *sb, bool *done)
{
	const struct py_node *v = s->value;

	*done = false;
	switch (s->kind) {
	case PYS_PASS:
		return true;
	case PYS_EXPR:
		if (v->kind == PYN_STRING)
			return true;	/* a docstring or a comment */
		return op_statement(t, v, sb);
	case PYS_ASSIGN:
		if (is_call_of(v, "table") || is_call_of(v, "Table")) {
			bind(t, s->name, v);
			return true;
		}
		if (v->kind == PYN_CALL &&
		    pysrc_is_chain(v->obj, "op.create_table") &&
		    op_statement(t, v, sb)) {
			bind(t, s->name, v);
			return true;
		}
		break;
	case PYS_WITH:
		if (t->why == NULL && batch(t, s)) {
			*done = true;
			return true;
		}
		break;
	default:
		break;
	}
	why_not(t, s);
	return false;
}

/* The warning for a statement that is not compiled. */
static void not_compiled(struct tr *t)
{
	diag_warning(t->ctx, t->why_at, "%s; it is kept in a sql python "
		     "block for a person to replace", t->why);
}

static void body(struct tr *t, const struct py_stmt *s)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (; s; s = s->next) {
		bool done;

		strbuf_reset(&sb);
		strbuf_reset(&t->notes);
		t->ndropped = 0;
		t->stmt = s;
		t->why = NULL;
		if (statement(t, s, &sb, &done)) {
			if (done)
				continue;
			if (sb.len)
				flush_python(t);
			strbuf_addstr(t->out, t->notes.buf);
			strbuf_addstr(t->out, sb.buf);
			for (i = 0; i < t->ndropped; i++)
				diag_warning(t->ctx, t->dropped[i].at, "%s",
					     t->dropped[i].msg);
			t->stats->dropped += (unsigned)t->ndropped;
			continue;
		}
		not_compiled(t);
		if (!t->pend)
			t->pend = s;
		t->pend_last = s;
	}
	flush_python(t);
	strbuf_release(&sb);
}

/* ------------------------------------------------------------------ */
/* The revision */

/* Is the function's body one raise (downgrade() that refuses)? */
static bool only_raises(const struct py_stmt *s)
{
	return s && !s->next && s->kind == PYS_OTHER && s->keyword &&
	       strcmp(s->keyword, "raise") == 0;
}

/*
 * One block from function fn: "up {...}" or "down {...}".  A downgrade()
 * that is missing or only raises makes the revision irreversible (no
 * down block), as the language says it.
 */
static void function_block(struct tr *t, const char *fn, const char *block)
{
	const struct py_stmt *def = alembic_py_function(t->m, fn);
	bool down = strcmp(block, "down") == 0;

	t->nvars = 0;
	if (down && (!def || only_raises(def->body))) {
		strbuf_addf(t->out, "\n-- retort import: downgrade() %s, so the "
			    "revision is irreversible (no down block)\n",
			    def ? "only raises" : "is missing");
		return;
	}
	strbuf_addf(t->out, "\n%s {\n", block);
	if (!def) {
		strbuf_addf(t->out, "    -- retort import: the script has no "
			    "%s()\n", fn);
	} else if (def->params) {
		/* upgrade(engine_name) and the like: all of it by hand. */
		t->stmt = def;
		t->why = NULL;
		fail(t, NULL, "%s() takes parameters", fn);
		not_compiled(t);
		t->pend = t->pend_last = def;
		flush_python(t);
	} else {
		body(t, def->body);
	}
	strbuf_addstr(t->out, "}\n");
}

static void add_word(struct strbuf *sb, const char *w)
{
	if (kw_lookup(w, strlen(w)))
		strbuf_add_quoted(sb, w, '\'');
	else
		strbuf_addstr(sb, w);
}

/* The message: the docstring without the lines Alembic's template adds
 * (Revision ID, Revises, Create Date), which the header says. */
static void add_message(struct tr *t, const char *doc)
{
	static const char *const template[] = { "Revision ID:", "Revises:",
						"Create Date:" };
	struct strbuf m;
	const char *p = doc, *s;
	size_t n, i;

	strbuf_init(&m);
	while (p && *p) {
		const char *e = strchr(p, '\n'), *q = p;
		size_t len = e ? (size_t)(e - p) : strlen(p);
		bool skip = false;

		while (*q == ' ' || *q == '\t')
			q++;
		for (i = 0; i < ARRAY_SIZE(template); i++)
			skip |= has_prefix(q, template[i]);
		if (!skip) {
			strbuf_add(&m, p, len);
			strbuf_addch(&m, '\n');
		}
		p = e ? e + 1 : NULL;
	}
	s = pysrc_strip(m.buf, m.len, &n);
	if (n) {
		strbuf_addstr(t->out, "message ");
		strbuf_add_quoted(t->out, arena_strndup(&t->ctx->arena, s, n),
				  '\'');
		strbuf_addch(t->out, '\n');
	}
	strbuf_release(&m);
}

static void add_header(struct tr *t, const struct rev *r)
{
	const struct ast_node *w;
	uint32_t i;

	strbuf_addf(t->out, "-- imported from %s by `retort import alembic`\n"
		    "revision ", comment_safe(t->ctx, t->path));
	add_word(t->out, r->id);
	strbuf_addch(t->out, '\n');
	if (r->ast->message)
		add_message(t, r->ast->message);
	for (i = 0; i < r->nparents; i++) {
		strbuf_addstr(t->out, i ? ", " : "depends ");
		add_word(t->out, r->deps[i]->id);
	}
	strbuf_addstr(t->out, r->nparents ? "\n" : "");
	/* depends_on: as the graph resolved it (a label there is the
	 * revision that carries it, which `requires LABEL` is not). */
	for (i = r->nparents; i < r->ndeps; i++) {
		strbuf_addstr(t->out, i > r->nparents ? ", " : "requires ");
		add_word(t->out, r->deps[i]->id);
	}
	strbuf_addstr(t->out, r->ndeps > r->nparents ? "\n" : "");
	w = r->ast->labels ? r->ast->labels->u.clause.words.head : NULL;
	for (; w; w = w->next) {
		strbuf_addstr(t->out, w == r->ast->labels->u.clause.words.head ?
			      "label " : ", ");
		add_word(t->out, w->u.word.text);
	}
	strbuf_addstr(t->out, r->ast->labels ? "\n" : "");
	if (r->ast->created)
		strbuf_addf(t->out, "created '%s'\n", r->ast->created);
}

void alembic_op_render(struct rt_ctx *ctx, const struct py_module *m,
		       const struct rev *r, const char *from,
		       struct strbuf *out, struct alembic_op_stats *stats)
{
	struct tr t;

	memset(&t, 0, sizeof(t));
	t.ctx = ctx;
	t.m = m;
	t.stats = stats;
	t.path = from;
	t.out = out;
	strbuf_init(&t.notes);
	add_header(&t, r);
	function_block(&t, "upgrade", "up");
	function_block(&t, "downgrade", "down");
	strbuf_release(&t.notes);
	free(t.vars);
	free(t.dropped);
}
