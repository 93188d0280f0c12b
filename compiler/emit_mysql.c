/*
 * emit_mysql.c: the MySQL / MariaDB emitter (MariaDB 10.11; MySQL 8 best
 * effort).  Columns are changed with MODIFY COLUMN and their whole
 * definition from the model, keys are dropped by kind, and foreign keys
 * are dropped and added back around what MySQL will not change under
 * them.  Strings and expressions mean the same in every sql_mode, and
 * what MySQL cannot express is an error at the statement.  Its facts
 * (types, reserved words, quoting, no transactional DDL) are its row of
 * the dialect table, dialect.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit_int.h"
#include "util.h"

/* MySQL's limits, for utf8mb4 (4 bytes a character), the default
 * character set of MariaDB 10.11 as Debian ships it and of MySQL 8. */
#define MY_KEY_BYTES 3072	/* an InnoDB index key */
#define MY_CHAR_MAX 255		/* char(n) */
#define MY_VARCHAR_MAX 16383	/* varchar(n): 65535 bytes */
#define MY_NUMERIC_P 65
#define MY_NUMERIC_S 30

/* The lock that keeps two scripts from running on one database at once
 * (a session's; the server frees it when the client goes). */
#define MY_LOCK "CONCAT('retort:', DATABASE())"

/* ------------------------------------------------------------------ */
/* Literals and expressions */

/*
 * A string literal.  A backslash is an escape unless sql_mode has
 * NO_BACKSLASH_ESCAPES, so a string holding one is written as a hex
 * literal converted to the character set of its bytes: the same value
 * in every sql_mode (SQL.md).  Not with an introducer (_utf8mb4 X'..'):
 * MariaDB keeps a check or a default expression as text, and writes
 * such a string back with its backslashes bare, so it reads another
 * string when it opens the table again.
 */
static void my_string(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (!strchr(s, '\\')) {
		emit_string(out, s);
		return;
	}
	strbuf_addstr(out, "CONVERT(X'");
	for (p = (const unsigned char *)s; *p; p++) {
		strbuf_addch(out, hex[*p >> 4]);
		strbuf_addch(out, hex[*p & 15]);
	}
	strbuf_addstr(out, "' USING utf8mb4)");
}

/* The length of the thing that starts at p in an expression's text:
 * a string, a quoted name, a comment, a raw block; 0 for anything
 * else.  Delimited as the lexer delimits them (lexer.l). */
static size_t lexeme(const char *text, const char *p)
{
	const char *q, *start = p;

	switch (*p) {
	case '\'':
	case '"':
		for (q = p + 1; *q; q++) {
			if (*q == *p && q[1] == *p)
				q++;
			else if (*q == *p)
				return (size_t)(q + 1 - p);
		}
		return strlen(p);
	case '-':
		return p[1] == '-' ? strcspn(p, "\n") : 0;
	case '/':
		if (p[1] != '*')
			return 0;
		q = strstr(p + 2, "*/");
		return q ? (size_t)(q + 2 - p) : strlen(p);
	case '#':
		/* A comment only as the first non-blank of a line. */
		while (start > text && (start[-1] == ' ' || start[-1] == '\t'))
			start--;
		return start > text && start[-1] == '\n' ? strcspn(p, "\n") : 0;
	case '$':
		q = p + 1;
		while (ascii_isword((unsigned char)*q))
			q++;
		if (*q != '$')
			return 0;
		{
			size_t tag = (size_t)(q + 1 - p);
			const char *end = p + tag;

			while ((end = strchr(end, '$')) != NULL &&
			       strncmp(end, p, tag) != 0)
				end++;
			return end ? (size_t)(end + tag - p) : strlen(p);
		}
	default:
		return 0;
	}
}

/* The text of a '...' string or "..." name of the expression (n bytes
 * at p, quotes included), its quote undoubled, to out. */
static void quoted_value(struct strbuf *out, const char *p, size_t n)
{
	size_t i;

	for (i = 1; i + 1 < n; i++) {
		strbuf_addch(out, p[i]);
		if (p[i] == p[0])
			i++;
	}
}

/*
 * An expression as MySQL must read it: a quoted name re-quoted with
 * backquotes (MySQL reads "x" as a string), a string holding a
 * backslash as a hex literal, comments dropped (MySQL runs the text of
 * a comment that opens with an exclamation mark, and ends a -- comment
 * only before a blank).  my_check has refused what cannot be carried
 * over ('#' as an operator, $$ strings).
 */
static void my_expr(struct strbuf *out, const struct dialect *d,
		    const struct ast_node *x)
{
	const char *text = x->u.expr.text, *p = text;
	struct strbuf tmp;

	strbuf_init(&tmp);
	while (*p) {
		size_t n = lexeme(text, p);

		if (n == 0) {
			strbuf_addch(out, *p++);
			continue;
		}
		strbuf_reset(&tmp);
		if (*p == '\'' || *p == '"')
			quoted_value(&tmp, p, n);
		if (*p == '"') {
			strbuf_add_quoted(out, tmp.buf, d->quote);
		} else if (*p == '\'' && strchr(tmp.buf, '\\')) {
			if (out->len && ascii_isword((unsigned char)
						       out->buf[out->len - 1]))
				strbuf_addch(out, ' ');
			my_string(out, tmp.buf);
		} else if (*p == '\'' || *p == '$') {
			strbuf_add(out, p, n);
		} else if (out->len && !ascii_isspace((unsigned char)
						    out->buf[out->len - 1])) {
			strbuf_addch(out, ' ');
		}
		p += n;
	}
	strbuf_release(&tmp);
}

/* ------------------------------------------------------------------ */
/* Column definitions */

static bool is_texty(enum rt_type t)
{
	return t == TYPE_TEXT || t == TYPE_BLOB || t == TYPE_JSON;
}

/*
 * A default as MySQL takes it: a constant as is, CURRENT_TIMESTAMP as
 * is on a DATETIME; in parentheses (an expression default, MariaDB 10.2
 * and MySQL 8.0.13) anything else: CURRENT_DATE, a string my_string
 * writes as an expression, any default of a TEXT, BLOB or JSON column
 * (MySQL takes no plain one there).
 */
static void my_default(struct strbuf *out, const struct dialect *d,
		       const struct schema_column *col)
{
	const struct ast_node *v = col->dflt;
	bool plain = v->kind == AST_LITERAL && !is_texty(col->rtype);

	if (plain && (v->u.lit.kind == LIT_CURRENT_DATE ||
		      v->u.lit.kind == LIT_NEW_UUID ||
		      v->u.lit.kind == LIT_NEXTVAL ||
		      v->u.lit.kind == LIT_CURRENT_TIME ||
		      (v->u.lit.kind == LIT_STRING &&
		       strchr(v->u.lit.text, '\\'))))
		plain = false;
	if (plain && v->u.lit.kind == LIT_CURRENT_TIMESTAMP)
		plain = col->rtype == TYPE_TIMESTAMP ||
			col->rtype == TYPE_TIMESTAMPTZ;
	if (plain || v->kind == AST_EXPR) {
		emit_value(out, d, v);
		return;
	}
	strbuf_addch(out, '(');
	emit_value(out, d, v);
	strbuf_addch(out, ')');
}

/* The column's definition; with nullable, an explicit NULL (MODIFY
 * COLUMN says the whole column). */
static void coldef(struct strbuf *out, const struct dialect *d,
		   const struct schema_column *col, bool nullable)
{
	emit_ident(out, d, col->text);
	strbuf_addch(out, ' ');
	emit_type(out, d, col);
	if (col->not_null)
		strbuf_addstr(out, " NOT NULL");
	else if (nullable)
		strbuf_addstr(out, " NULL");
	if (col->dflt) {
		strbuf_addstr(out, " DEFAULT ");
		my_default(out, d, col);
	}
	if (col->autoincrement)
		strbuf_addstr(out, " AUTO_INCREMENT");
	if (col->comment) {
		strbuf_addstr(out, " COMMENT ");
		emit_string(out, col->comment);
	}
}

static void my_coldef(struct strbuf *out, const struct dialect *d,
		      const struct schema_column *col)
{
	coldef(out, d, col, false);
}

/* ------------------------------------------------------------------ */
/* What MySQL cannot express: the statement alone */

static int check_type(struct rt_ctx *ctx, const struct ast_node *type)
{
	const struct type_info *ti = type_lookup(type->u.type.name);
	long n = type_arg(type, 0), s = type_arg(type, 1);

	if (!ti || type->u.type.dims)	/* an array: emit.c says so */
		return 0;
	if (ti->type == TYPE_VARCHAR && n < 0)
		diag_error(ctx, type->span, "varchar without a length cannot "
			   "be written for mysql");
	else if (ti->type == TYPE_VARCHAR && n > MY_VARCHAR_MAX)
		diag_error(ctx, type->span, "varchar(%ld) cannot be written "
			   "for mysql: its longest varchar is %d characters "
			   "of utf8mb4", n, MY_VARCHAR_MAX);
	else if (ti->type == TYPE_CHAR && n > MY_CHAR_MAX)
		diag_error(ctx, type->span, "char(%ld) cannot be written for "
			   "mysql: its longest char is %d", n, MY_CHAR_MAX);
	else if (ti->type == TYPE_NUMERIC && n < 0)
		diag_error(ctx, type->span, "numeric without a precision "
			   "cannot be written for mysql: it would round to "
			   "integers");
	else if (ti->type == TYPE_NUMERIC && (n > MY_NUMERIC_P ||
					      s > MY_NUMERIC_S))
		diag_error(ctx, type->span, "numeric(%ld, %ld) cannot be "
			   "written for mysql: its precision is at most %d, "
			   "its scale at most %d", n, s < 0 ? 0 : s,
			   MY_NUMERIC_P, MY_NUMERIC_S);
	else
		return 0;
	return 1;
}

/* '#' outside a comment (MySQL starts one there) and $$ strings. */
static int check_expr(struct rt_ctx *ctx, const struct ast_node *x)
{
	const char *text, *p;

	if (!x || x->kind != AST_EXPR)
		return 0;
	for (text = p = x->u.expr.text; *p;) {
		size_t n = lexeme(text, p);
		struct src_span at = { x->span.file,
				       x->span.start + (uint32_t)(p - text),
				       x->span.start + (uint32_t)(p - text) +
				       (uint32_t)(n ? n : 1) };

		if ((n == 0 && *p == '#') || (n && *p == '$')) {
			diag_error(ctx, at, *p == '#' ?
				   "'#' cannot be written for mysql: it "
				   "starts a comment there" :
				   "a $$ string in an expression cannot be "
				   "written for mysql");
			return 1;
		}
		p += n ? n : 1;
	}
	return 0;
}

/* Does expression x name the column key (folded): a bare word, or a
 * quoted name, outside strings and comments? */
static bool expr_names(const struct ast_node *x, const char *key)
{
	const char *text = x->u.expr.text, *p = text;
	size_t klen = strlen(key);

	while (*p) {
		size_t n = lexeme(text, p), i;

		if (n >= 2 && *p == '"') {
			const char *q = p + 1;

			for (i = 0; i < klen && q < p + n - 1; i++, q++) {
				if (ascii_tolower((unsigned char)*q) !=
				    (unsigned char)key[i])
					break;
				if (*q == '"')
					q++;
			}
			if (i == klen && q == p + n - 1)
				return true;
		} else if (!n && (ascii_isalpha((unsigned char)*p) ||
				  *p == '_') &&
			   (p == text || !ascii_isword((unsigned char)p[-1]))) {
			for (n = 0; ascii_isword((unsigned char)p[n]); n++)
				;
			if (ascii_eq_nocase(p, n, key))
				return true;
		}
		p += n ? n : 1;
	}
	return false;
}

/* MySQL sets an update's columns left to right, each value seeing the
 * columns set before it (PostgreSQL and SQLite: all see the old row):
 * a value that names a column set earlier in the list would differ. */
static int check_set_order(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *a, *b;

	for (a = s->u.dml.sets.head; a; a = a->next) {
		const struct ast_node *x = a->u.assign.value;

		if (x->kind != AST_EXPR)
			continue;
		for (b = s->u.dml.sets.head; b != a; b = b->next) {
			const struct ast_node *col = b->u.assign.column;

			if (!expr_names(x, col->u.name.key))
				continue;
			diag_error(ctx, x->span, "this value reads column "
				   "\"%s\", which the update sets before it: "
				   "mysql would read the new value; put this assignment "
				   "first, or split the update",
				   col->u.name.text);
			return 1;
		}
	}
	return 0;
}

/* A comment MySQL keeps as written: no backslash (a COMMENT takes no
 * hex literal, and a backslash means one thing or another by sql_mode),
 * at most 1024 characters on a column, 2048 on a table. */
static int check_comment(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *text = s->u.comment.text;
	size_t max = s->u.comment.column ? 1024 : 2048, n = 0;
	const char *p;

	if (text->u.lit.kind != LIT_STRING)
		return 0;
	for (p = text->u.lit.text; *p; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (strchr(text->u.lit.text, '\\'))
		diag_error(ctx, text->span, "a comment with a backslash cannot "
			   "be written for mysql: its meaning there depends on "
			   "sql_mode");
	else if (n > max)
		diag_error(ctx, text->span, "a %s comment of %zu characters "
			   "cannot be written for mysql: it keeps at most %zu",
			   s->u.comment.column ? "column" : "table", n, max);
	else
		return 0;
	return 1;
}

/* MySQL refuses a table or column name that ends with a space. */
static int check_name(struct rt_ctx *ctx, const struct ast_node *name)
{
	size_t n;

	if (!name)
		return 0;
	n = strlen(name->u.name.text);
	if (n == 0 || name->u.name.text[n - 1] != ' ')
		return 0;
	diag_error(ctx, name->span, "\"%s\" cannot be written for mysql: "
		   "a table or column name cannot end with a space",
		   name->u.name.text);
	return 1;
}

static int check_con(struct rt_ctx *ctx, const struct ast_node *c)
{
	int errors = check_expr(ctx, c->u.con.value);

	if (c->u.con.kind == CON_FOREIGN_KEY &&
	    (c->u.con.on_delete == FK_SET_DEFAULT ||
	     c->u.con.on_update == FK_SET_DEFAULT)) {
		diag_error(ctx, c->span, "on %s set default cannot be written "
			   "for mysql: InnoDB refuses it",
			   c->u.con.on_delete == FK_SET_DEFAULT ? "delete" :
			   "update");
		errors++;
	}
	return errors;
}

static int check_column(struct rt_ctx *ctx, const struct ast_node *col)
{
	const struct ast_node *c;
	int errors = check_name(ctx, col->u.column.name) +
		     check_type(ctx, col->u.column.type);

	for (c = col->u.column.cons.head; c; c = c->next)
		errors += check_con(ctx, c);
	return errors;
}

static int check_alter(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *a = s->u.alter.def;

	switch (s->kind) {
	case AST_ADD_COLUMN:
		return check_column(ctx, a);
	case AST_ADD_CONSTRAINT:
		return check_con(ctx, a);
	case AST_RENAME_TABLE:
	case AST_RENAME_COLUMN:
		return check_name(ctx, s->u.alter.name);
	case AST_SET_DEFAULT:
		return check_expr(ctx, s->u.alter.expr);
	case AST_ALTER_TYPE:
		if (s->u.alter.expr) {
			diag_error(ctx, s->u.alter.expr->span, "using cannot "
				   "be written for mysql: MODIFY COLUMN "
				   "converts the values itself");
			diag_note(ctx, s->span, "without using, MODIFY "
				  "COLUMN converts the values as MySQL casts "
				  "them");
			return 1;
		}
		return check_type(ctx, s->u.alter.type);
	default:
		return 0;
	}
}

/* An enum label goes into ENUM('...'), which takes no hex literal (a
 * backslash's meaning depends on sql_mode) and drops trailing spaces. */
static int check_label(struct rt_ctx *ctx, const struct ast_node *l)
{
	const char *t = l->u.lit.text;
	size_t n = strlen(t);

	if (strchr(t, '\\'))
		diag_error(ctx, l->span, "an enum label with a backslash "
			   "cannot be written for mysql (ENUM takes no hex "
			   "literal)");
	else if (n && t[n - 1] == ' ')
		diag_error(ctx, l->span, "an enum label that ends in a space "
			   "cannot be written for mysql (ENUM drops trailing "
			   "spaces)");
	else
		return 0;
	return 1;
}

/* What this statement alone asks that MySQL cannot do. */
static int my_check(struct rt_ctx *ctx, const struct ast_node *s)
{
	const struct ast_node *q = emit_stmt_table(s), *el;
	int errors = 0;

	switch (s->kind) {
	case AST_CREATE_TABLE:
		errors += check_name(ctx, q->u.qname.name);
		for (el = s->u.create.elems.head; el; el = el->next)
			errors += el->kind == AST_COLUMN ?
				  check_column(ctx, el) : check_con(ctx, el);
		return errors;
	case AST_CREATE_INDEX:
		if (s->u.index.where) {
			diag_error(ctx, s->u.index.where->span, "a partial "
				   "index (where) cannot be written for "
				   "mysql");
			errors++;
		}
		return errors;
	case AST_UPDATE:
	case AST_DELETE:
		for (el = s->u.dml.sets.head; el; el = el->next)
			errors += check_expr(ctx, el->u.assign.value);
		errors += check_expr(ctx, s->u.dml.where);
		return errors ? errors : check_set_order(ctx, s);
	case AST_COMMENT:
		return check_comment(ctx, s);
	case AST_CREATE_TYPE:
		for (el = s->u.etype.labels.head; el; el = el->next)
			errors += check_label(ctx, el);
		return errors;
	case AST_ADD_VALUE:
		return check_label(ctx, s->u.etype.value);
	case AST_RENAME_VALUE:
		return check_label(ctx, s->u.etype.to);
	case AST_INSERT:
		return check_expr(ctx, s->u.insert.query);
	case AST_DROP_INDEX:
	case AST_RENAME_INDEX:
	case AST_DROP_TABLE:
	case AST_CREATE_SEQUENCE:
		/* A MariaDB sequence is a table. */
		return check_name(ctx, s->u.seq.name->u.qname.name);
	case AST_DROP_TYPE:
	case AST_DROP_SEQUENCE:
	case AST_ALTER_SEQUENCE:
	case AST_RAW_SQL:
		return errors;
	default:
		return errors + check_alter(ctx, s);
	}
}

/* ------------------------------------------------------------------ */
/* What MySQL cannot express: the model shows it */

/* Where these errors go: at their place, counted in n. */
struct my_errs {
	struct rt_ctx *ctx;
	const struct dialect *d;
	int n;
};

static void my_error(struct my_errs *x, struct src_span at, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static void my_error(struct my_errs *x, struct src_span at, const char *fmt,
		     ...)
{
	struct strbuf msg;
	va_list ap;

	strbuf_init(&msg);
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_error(x->ctx, at, "%s", msg.buf);
	strbuf_release(&msg);
	x->n++;
}

/* The most bytes a key part of col takes (utf8mb4); 0 unknown. */
static long key_bytes(const struct schema_column *col)
{
	long n = type_arg(col->type, 0);

	switch (col->rtype) {
	case TYPE_CHAR:
		return 4 * (n < 0 ? 1 : n);
	case TYPE_VARCHAR:
		return 4 * (n < 0 ? 0 : n);
	case TYPE_UUID:
		return 4 * 36;
	case TYPE_NUMERIC:
		return 32;
	case TYPE_OTHER:
		return 0;
	default:
		return 8;
	}
}

/*
 * A key (primary, unique, foreign, an index: what, called name) on cols:
 * none may be a TEXT, BLOB or JSON column (MySQL needs a prefix length,
 * which the language cannot give, and MariaDB would quietly index a
 * prefix), and the key must fit InnoDB's 3072 bytes.  Errors at "at".
 */
static void check_key(struct my_errs *x, struct src_span at, const char *what,
		      const char *name, struct schema_column *const *cols,
		      size_t n)
{
	long bytes = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!cols[i])	/* an expression: refused in my_check */
			continue;
		if (is_texty(cols[i]->rtype)) {
			my_error(x, at, "%s \"%s\" on %s column \"%s\" cannot "
				 "be written for mysql: it needs a prefix "
				 "length", what, name,
				 cols[i]->type->u.type.name, cols[i]->text);
			return;
		}
		bytes += key_bytes(cols[i]);
	}
	if (bytes > MY_KEY_BYTES)
		my_error(x, at, "%s \"%s\" cannot be written for mysql: its "
			 "columns take up to %ld bytes in utf8mb4, and a key "
			 "at most %d", what, name, bytes, MY_KEY_BYTES);
}

/* Can a foreign key join a column of type a to one of type b?  InnoDB
 * wants integers of one size, and string to string, decimal to
 * decimal, anything else of one type. */
static bool fk_types_match(const struct dialect *d,
			   const struct schema_column *a,
			   const struct schema_column *b)
{
	enum rt_type x = a->rtype, y = b->rtype;

	if (x == TYPE_OTHER || y == TYPE_OTHER)
		return true;
	if ((x == TYPE_CHAR || x == TYPE_VARCHAR || x == TYPE_UUID) &&
	    (y == TYPE_CHAR || y == TYPE_VARCHAR || y == TYPE_UUID))
		return true;
	return strcmp(d->types[x], d->types[y]) == 0;
}

/* One constraint as MySQL must take it: one a statement made (at its
 * clause), or one whose column changed type (at that statement, at). */
static void check_con_model(struct my_errs *x, const struct schema_con *k,
			    const struct src_span *at_stmt)
{
	struct src_span at = at_stmt ? *at_stmt :
			     k->node ? k->node->span : k->obj.created;
	size_t i;

	switch (k->kind) {
	case CON_PRIMARY_KEY:
	case CON_UNIQUE:
		check_key(x, at, k->kind == CON_UNIQUE ? "unique key" :
			  "primary key", k->obj.text, k->cols, k->ncols);
		return;
	case CON_FOREIGN_KEY:
		check_key(x, at, "foreign key", k->obj.text, k->cols,
			  k->ncols);
		for (i = 0; i < k->ncols; i++) {
			if (fk_types_match(x->d, k->cols[i], k->ref_cols[i]))
				continue;
			my_error(x, at, "foreign key \"%s\" cannot be written "
				 "for mysql: it joins %s \"%s\" to %s \"%s\", "
				 "and InnoDB wants the same type on both sides",
				 k->obj.text, k->cols[i]->type->u.type.name,
				 k->cols[i]->text,
				 k->ref_cols[i]->type->u.type.name,
				 k->ref_cols[i]->text);
			return;
		}
		return;
	case CON_CHECK:
		for (i = 0; i < k->ncols; i++) {
			if (!k->cols[i]->autoincrement)
				continue;
			my_error(x, at, "check \"%s\" cannot be written for "
				 "mysql: it uses \"%s\", an AUTO_INCREMENT "
				 "column", k->obj.text, k->cols[i]->text);
			return;
		}
		return;
	default:
		return;
	}
}

static bool uses(struct schema_column *const *cols, size_t n,
		 const struct schema_column *col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cols[i] == col)
			return true;
	return false;
}

/* A column changed type: every key and foreign key it is in again. */
static void check_retyped(struct my_errs *x, const struct schema_change *c)
{
	const struct schema_table *t = c->table;
	const struct schema_con *k;
	const struct schema_index *ix;
	size_t i;

	for (k = t->cons; k; k = k->next)
		if (k->kind != CON_CHECK && uses(k->cols, k->ncols, c->column))
			check_con_model(x, k, &c->stmt->span);
	for (i = 0; i < t->ninbound; i++)
		if (t->inbound[i]->table != t &&
		    uses(t->inbound[i]->ref_cols, t->inbound[i]->ncols,
			 c->column))
			check_con_model(x, t->inbound[i], &c->stmt->span);
	for (ix = t->indexes; ix; ix = ix->next)
		if (uses(ix->cols, ix->ncols, c->column))
			check_key(x, c->stmt->span, "index", ix->obj.text,
				  ix->cols, ix->ncols);
}

/* What the statement made or changed, against the model after it. */
static void check_model(struct emitter *e, const struct schema_change *c)
{
	struct my_errs x = { e->ctx, e->d, 0 };
	const struct schema_con *k;

	switch (c->stmt->kind) {
	case AST_CREATE_TABLE:
	case AST_ADD_COLUMN:
	case AST_ADD_CONSTRAINT:
		for (k = c->con; k && !x.n; k = k->next)
			check_con_model(&x, k, NULL);
		break;
	case AST_CREATE_INDEX:
		check_key(&x, c->stmt->span, "index", c->index->obj.text,
			  c->index->cols, c->index->ncols);
		break;
	case AST_ALTER_TYPE:
		check_retyped(&x, c);
		break;
	default:
		break;
	}
	e->errors += x.n;
}

/* A table as the model has it (retort schema), each of its keys and
 * indexes at its own place. */
static int my_check_table(struct rt_ctx *ctx, const struct dialect *d,
			  const struct schema_table *t)
{
	struct my_errs x = { ctx, d, 0 };
	const struct schema_con *k;
	const struct schema_index *ix;

	for (k = t->cons; k; k = k->next)
		check_con_model(&x, k, NULL);
	for (ix = t->indexes; ix; ix = ix->next)
		check_key(&x, ix->node ? ix->node->span : ix->obj.created,
			  "index", ix->obj.text, ix->cols, ix->ncols);
	return x.n;
}

/* ------------------------------------------------------------------ */
/* Foreign keys around what MySQL will not change under them */

static void alter_table(struct strbuf *out, const struct dialect *d,
			const struct schema_table *t)
{
	strbuf_addstr(out, "ALTER TABLE ");
	emit_objname(out, d, &t->obj);
	strbuf_addch(out, ' ');
}

static void drop_fk(struct emitter *e, const struct schema_con *k)
{
	alter_table(&e->body, e->d, k->table);
	strbuf_addstr(&e->body, "DROP FOREIGN KEY ");
	emit_ident(&e->body, e->d, k->obj.text);
	strbuf_addstr(&e->body, ";\n");
}

static void add_con(struct emitter *e, const struct schema_con *k)
{
	alter_table(&e->body, e->d, k->table);
	strbuf_addstr(&e->body, "ADD ");
	emit_constraint(&e->body, e->d, k);
	strbuf_addstr(&e->body, ";\n");
}

/* Do the first n of cols begin with the foreign key's columns? */
static bool covers(struct schema_column *const *cols, size_t n,
		   const struct schema_con *fk)
{
	size_t i;

	if (n < fk->ncols)
		return false;
	for (i = 0; i < fk->ncols; i++)
		if (cols[i] != fk->cols[i])
			return false;
	return true;
}

/*
 * Does a key or index of fk's table (as the model has it) serve fk?
 * InnoDB needs one whose first columns are the foreign key's; where
 * none is, it makes one, named after the foreign key, and drops it by
 * itself when a key or index that serves is made.  So that index is
 * there exactly when no key or index of the model serves.
 */
static bool served(const struct schema_table *t, const struct schema_con *fk)
{
	const struct schema_con *k;
	const struct schema_index *ix;

	for (k = t->cons; k; k = k->next)
		if ((k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE) &&
		    covers(k->cols, k->ncols, fk))
			return true;
	for (ix = t->indexes; ix; ix = ix->next)
		if (covers(ix->cols, ix->ncols, fk))
			return true;
	return false;
}

/*
 * The foreign keys of t that the dropped key (cols) served and that no
 * other key serves now: InnoDB refuses to drop it under them, so they
 * are dropped before it and added after (then InnoDB makes their
 * index).  Their number; with out NULL, only counted.
 */
static size_t orphaned(const struct schema_table *t,
		       struct schema_column *const *cols, size_t n,
		       const struct schema_con **out)
{
	const struct schema_con *k;
	size_t m = 0;

	for (k = t->cons; k; k = k->next) {
		if (k->kind != CON_FOREIGN_KEY || !covers(cols, n, k) ||
		    served(t, k))
			continue;
		if (out)
			out[m] = k;
		m++;
	}
	return m;
}

/* Drop the key or index (its statement in what), with the foreign keys
 * it alone served dropped before it and added back after it. */
static void drop_key(struct emitter *e, const struct schema_table *t,
		     struct schema_column *const *cols, size_t n,
		     const struct strbuf *what)
{
	size_t m = orphaned(t, cols, n, NULL), i;
	const struct schema_con **fks = xcalloc(m + 1, sizeof(*fks));

	orphaned(t, cols, n, fks);
	for (i = 0; i < m; i++)
		drop_fk(e, fks[i]);
	strbuf_add(&e->body, what->buf, what->len);
	for (i = 0; i < m; i++)
		add_con(e, fks[i]);
	free(fks);
}

/* The foreign keys a column is in, on either side, each once. */
static size_t column_fks(const struct schema_table *t,
			 const struct schema_column *col,
			 const struct schema_con **out)
{
	const struct schema_con *k;
	size_t i, m = 0;

	for (k = t->cons; k; k = k->next) {
		if (k->kind == CON_FOREIGN_KEY &&
		    (uses(k->cols, k->ncols, col) ||
		     (k->ref == t && uses(k->ref_cols, k->ncols, col)))) {
			if (out)
				out[m] = k;
			m++;
		}
	}
	for (i = 0; i < t->ninbound; i++) {
		k = t->inbound[i];
		if (k->table == t || !uses(k->ref_cols, k->ncols, col))
			continue;
		if (out)
			out[m] = k;
		m++;
	}
	return m;
}

/*
 * MODIFY COLUMN with the column's whole definition from the model.
 * InnoDB will not change a column a foreign key joins (on either side),
 * so those keys are dropped first and added back after (SQL.md).
 */
static void modify(struct emitter *e, const struct schema_table *t,
		   const struct schema_column *col)
{
	size_t m = column_fks(t, col, NULL), i;
	const struct schema_con **fks = xcalloc(m + 1, sizeof(*fks));

	column_fks(t, col, fks);
	for (i = 0; i < m; i++)
		drop_fk(e, fks[i]);
	alter_table(&e->body, e->d, t);
	strbuf_addstr(&e->body, "MODIFY COLUMN ");
	coldef(&e->body, e->d, col, true);
	strbuf_addstr(&e->body, ";\n");
	for (i = 0; i < m; i++)
		add_con(e, fks[i]);
	free(fks);
}

/*
 * Enum types: MySQL's ENUM('a', ...) is part of each column's type.
 * create and drop type leave a note; add value is a MODIFY COLUMN of
 * every column of the type; rename value first adds the new label
 * (MODIFY with the old labels and the new one last), moves the rows to
 * it, then MODIFYs to the final labels (MODIFY keeps values by their
 * text, so each step keeps every row).
 */
static void my_etype(struct emitter *e, const struct schema *model,
		     const struct schema_change *c)
{
	const struct ast_node *s = c->stmt;
	struct schema_column **cols;
	const char **both;
	size_t n, i, k;

	if (s->kind == AST_CREATE_TYPE || s->kind == AST_DROP_TYPE) {
		emit_enum_note(e, c, "a column of one is ENUM('...') of its "
			       "labels");
		return;
	}
	n = schema_enum_columns(e->ctx, model, c->etype->key, &cols);
	emit_enum_note(e, c, n ? "each column of it is modified" :
		       "no column has it");
	if (s->kind == AST_RENAME_VALUE && n) {
		k = cols[0]->enum_nlabels;
		both = xcalloc(k + 1, sizeof(*both));
		for (i = 0; i < k; i++)
			both[i] = cols[0]->enum_labels[i];
		both[k] = c->old_text;
		for (i = 0; i < n; i++) {
			struct schema_column wide = *cols[i];

			wide.enum_labels = both;
			wide.enum_nlabels = k + 1;
			modify(e, cols[i]->table, &wide);
			emit_relabel(e, cols[i], c->old_text,
				     s->u.etype.to->u.lit.text);
		}
		free(both);
	}
	for (i = 0; i < n; i++)
		modify(e, cols[i]->table, cols[i]);
}

/* ------------------------------------------------------------------ */
/* The statements */

/* drop index: DROP INDEX name ON table (MySQL's index names are the
 * table's). */
static void drop_index(struct emitter *e, const struct schema_index *ix,
		       const struct ast_node *ix_stmt)
{
	struct strbuf what;

	strbuf_init(&what);
	strbuf_addstr(&what, "DROP INDEX ");
	if (ast_guarded(ix_stmt))
		strbuf_addstr(&what, "IF EXISTS ");
	emit_ident(&what, e->d, ix->obj.text);
	strbuf_addstr(&what, " ON ");
	emit_objname(&what, e->d, &ix->table->obj);
	strbuf_addstr(&what, ";\n");
	drop_key(e, ix->table, ix->cols, ix->ncols, &what);
	strbuf_release(&what);
}

/* ALTER TABLE t RENAME INDEX old TO new; */
static void rename_index(struct strbuf *out, const struct dialect *d,
			 const struct schema_table *t, const char *old,
			 const char *new_name)
{
	alter_table(out, d, t);
	strbuf_addstr(out, "RENAME INDEX ");
	emit_ident(out, d, old);
	strbuf_addstr(out, " TO ");
	emit_ident(out, d, new_name);
	strbuf_addstr(out, ";\n");
}

/* emit.c asks first of every statement: the model checks, and DROP
 * INDEX and ALTER INDEX, which MySQL writes its own way. */
static bool my_write(struct emitter *e, const struct schema *s,
		     const struct schema_change *c)
{
	(void)s;
	check_model(e, c);
	if (c->stmt->kind == AST_RENAME_INDEX) {
		rename_index(&e->body, e->d, c->table, c->old_text,
			     c->index->obj.text);
		return true;
	}
	if (c->stmt->kind != AST_DROP_INDEX)
		return false;
	drop_index(e, c->index, c->stmt);
	return true;
}

/* rename constraint: MySQL has no such statement.  A unique key is an
 * index (RENAME INDEX, MariaDB 10.5+); a check or a foreign key is
 * dropped and added back under its new name (with the index InnoDB made
 * for the key, if it did, renamed between); a primary key is always
 * named PRIMARY, so there is nothing to write. */
static void rename_constraint(struct emitter *e, const struct schema_change *c)
{
	const struct schema_con *k = c->con;

	switch (k->kind) {
	case CON_PRIMARY_KEY:
		strbuf_addstr(&e->body, "-- mysql names every primary key "
			      "PRIMARY: nothing to rename\n");
		return;
	case CON_UNIQUE:
		rename_index(&e->body, e->d, c->table, c->old_text,
			     k->obj.text);
		return;
	case CON_FOREIGN_KEY:
		alter_table(&e->body, e->d, c->table);
		strbuf_addstr(&e->body, "DROP FOREIGN KEY ");
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, ";\n");
		if (!served(c->table, k))
			rename_index(&e->body, e->d, c->table, c->old_text,
				     k->obj.text);
		break;
	default:
		alter_table(&e->body, e->d, c->table);
		strbuf_addstr(&e->body, "DROP CONSTRAINT ");
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, ";\n");
		break;
	}
	add_con(e, k);
}

/* drop constraint: by its kind, as MySQL names them; with `if exists`,
 * MariaDB's IF EXISTS on each (a primary key has none, and always
 * exists where the model says so: the name is the model's). */
static void drop_constraint(struct emitter *e, const struct schema_change *c)
{
	const struct schema_table *t = c->table;
	const struct schema_con *k = c->con;
	const char *ifx = ast_guarded(c->stmt) ? "IF EXISTS " : "";
	struct strbuf what;

	strbuf_init(&what);
	alter_table(&what, e->d, t);
	switch (k->kind) {
	case CON_PRIMARY_KEY:
		strbuf_addstr(&what, "DROP PRIMARY KEY;\n");
		break;
	case CON_UNIQUE:
		strbuf_addf(&what, "DROP INDEX %s", ifx);
		emit_ident(&what, e->d, k->obj.text);
		strbuf_addstr(&what, ";\n");
		break;
	case CON_FOREIGN_KEY:
		/* With the index InnoDB made for it, if it did. */
		strbuf_addf(&what, "DROP FOREIGN KEY %s", ifx);
		emit_ident(&what, e->d, k->obj.text);
		if (!served(t, k)) {
			strbuf_addf(&what, ", DROP INDEX %s", ifx);
			emit_ident(&what, e->d, k->obj.text);
		}
		strbuf_addstr(&what, ";\n");
		break;
	default:
		strbuf_addf(&what, "DROP CONSTRAINT %s", ifx);
		emit_ident(&what, e->d, k->obj.text);
		strbuf_addstr(&what, ";\n");
		break;
	}
	if (k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE)
		drop_key(e, t, k->cols, k->ncols, &what);
	else
		strbuf_add(&e->body, what.buf, what.len);
	strbuf_release(&what);
}

/* add column: the column and the constraints it brought, one ALTER
 * TABLE (an AUTO_INCREMENT column needs its key in the same one). */
static void add_column(struct emitter *e, const struct schema_change *c)
{
	const struct schema_con *k;

	alter_table(&e->body, e->d, c->table);
	strbuf_addstr(&e->body, ast_guarded(c->stmt) ?
		      "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
	my_coldef(&e->body, e->d, c->column);
	for (k = c->con; k; k = k->next) {
		strbuf_addstr(&e->body, ",\n    ADD ");
		emit_constraint(&e->body, e->d, k);
	}
	strbuf_addstr(&e->body, ";\n");
}

/* drop column: its foreign keys first (InnoDB refuses otherwise), and
 * its checks (MySQL 8 refuses otherwise); its keys and indexes go with
 * it. */
static void drop_column(struct emitter *e, const struct schema_change *c)
{
	size_t i;

	alter_table(&e->body, e->d, c->table);
	for (i = 0; i < c->ngone; i++) {
		const struct schema_obj *o = c->gone[i];
		const struct schema_con *k = (const struct schema_con *)o;

		if (o->kind != SCHEMA_CONSTRAINT ||
		    (k->kind != CON_FOREIGN_KEY && k->kind != CON_CHECK))
			continue;
		strbuf_addstr(&e->body, k->kind == CON_CHECK ?
			      "DROP CONSTRAINT " : "DROP FOREIGN KEY ");
		emit_ident(&e->body, e->d, o->text);
		strbuf_addstr(&e->body, ",\n    ");
	}
	strbuf_addstr(&e->body, ast_guarded(c->stmt) ?
		      "DROP COLUMN IF EXISTS " : "DROP COLUMN ");
	emit_ident(&e->body, e->d, c->column->text);
	strbuf_addstr(&e->body, ";\n");
}

/* A default alone: ALTER COLUMN, no copy of the table. */
static void set_default(struct emitter *e, const struct schema_table *t,
			const struct schema_column *col)
{
	alter_table(&e->body, e->d, t);
	strbuf_addstr(&e->body, "ALTER COLUMN ");
	emit_ident(&e->body, e->d, col->text);
	if (col->dflt) {
		strbuf_addstr(&e->body, " SET DEFAULT ");
		my_default(&e->body, e->d, col);
	} else {
		strbuf_addstr(&e->body, " DROP DEFAULT");
	}
	strbuf_addstr(&e->body, ";\n");
}

/*
 * Changes to one column one after another (its type, then NOT NULL)
 * are one MODIFY COLUMN with the definition the last of them leaves:
 * MySQL copies the table for each.  The emitter's dstate holds the
 * column while the next statement changes it too.
 */
struct held {
	const struct schema_table *t;	/* NULL: nothing held */
	const struct schema_column *col;
	bool modify;	/* its type or nullability changes, not only its
			 * default */
};

static bool column_kind(enum ast_kind k)
{
	return k == AST_ALTER_TYPE || k == AST_SET_NOT_NULL ||
	       k == AST_DROP_NOT_NULL || k == AST_SET_DEFAULT ||
	       k == AST_DROP_DEFAULT;
}

/* Does statement s, met next, change the held column too? */
static bool joins(const struct schema *model, const struct ast_node *s,
		  const struct held *h)
{
	return s && column_kind(s->kind) &&
	       schema_table_named(model, s->u.alter.table) == h->t &&
	       schema_column(h->t, s->u.alter.column->u.name.key) == h->col;
}

static void column_change(struct emitter *e, const struct schema *model,
			  const struct schema_change *c)
{
	struct held *h;

	if (!e->dstate)
		e->dstate = xcalloc(1, sizeof(struct held));
	h = e->dstate;
	if (!h->t) {
		h->t = c->table;
		h->col = c->column;
		h->modify = false;
	}
	h->modify |= c->stmt->kind != AST_SET_DEFAULT &&
		     c->stmt->kind != AST_DROP_DEFAULT;
	/* CURRENT_TIMESTAMP(6) needs the DATETIME(6) only MODIFY makes. */
	h->modify |= c->stmt->kind == AST_SET_DEFAULT &&
		     c->stmt->u.alter.expr->kind == AST_LITERAL &&
		     c->stmt->u.alter.expr->u.lit.kind == LIT_NOW_PRECISE;
	if (joins(model, c->stmt->next, h))
		return;
	if (h->modify)
		modify(e, h->t, h->col);
	else
		set_default(e, h->t, h->col);
	h->t = NULL;
}

/* emit.c asks first: does the held column change take this statement? */
static bool my_hold(struct emitter *e, const struct schema *model,
		    const struct schema_change *c)
{
	struct held *h = e->dstate;

	if (!h || !h->t)
		return false;
	check_model(e, c);
	column_change(e, model, c);
	return true;
}

/* A block cut short by an error leaves a column held: drop it. */
static void my_step_end(struct emitter *e)
{
	struct held *h = e->dstate;

	if (h)
		h->t = NULL;
}

static void rename_obj(struct emitter *e, const struct schema_change *c)
{
	if (c->stmt->kind == AST_RENAME_TABLE) {
		strbuf_addstr(&e->body, "ALTER TABLE ");
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, " RENAME TO ");
		emit_ident(&e->body, e->d, c->table->obj.text);
	} else {
		alter_table(&e->body, e->d, c->table);
		strbuf_addstr(&e->body, "RENAME COLUMN ");
		emit_ident(&e->body, e->d, c->old_text);
		strbuf_addstr(&e->body, " TO ");
		emit_ident(&e->body, e->d, c->column->text);
	}
	strbuf_addstr(&e->body, ";\n");
}

static void my_alter(struct emitter *e, const struct schema *model,
		     const struct schema_change *c)
{
	const struct schema_con *k;

	switch (c->stmt->kind) {
	case AST_RENAME_TABLE:
	case AST_RENAME_COLUMN:
		rename_obj(e, c);
		break;
	case AST_ADD_COLUMN:
		add_column(e, c);
		break;
	case AST_DROP_COLUMN:
		drop_column(e, c);
		break;
	case AST_ADD_CONSTRAINT:
		for (k = c->con; k; k = k->next)
			add_con(e, k);
		break;
	case AST_DROP_CONSTRAINT:
		drop_constraint(e, c);
		break;
	case AST_RENAME_CONSTRAINT:
		rename_constraint(e, c);
		break;
	case AST_SET_DEFAULT:
	case AST_DROP_DEFAULT:
	case AST_ALTER_TYPE:
	case AST_SET_NOT_NULL:
	case AST_DROP_NOT_NULL:
		column_change(e, model, c);
		break;
	default:
		RT_BUG("not an alter statement: %s",
		       ast_kind_name(c->stmt->kind));
	}
}

/* ------------------------------------------------------------------ */
/* The guard */

/*
 * MySQL has no statement that raises outside a routine: a temporary
 * table's named CHECK fails.  A name has at most 64 characters, so the
 * rows expected are on the comment line above.  A named lock (held
 * until the script ends) keeps a second run from passing while the
 * first is still going: MySQL has no transaction to do it.
 */
static void my_guard(struct emitter *e, struct strbuf *out,
		     const char *const *rows, size_t n)
{
	struct strbuf vt, list;
	size_t i;

	strbuf_init(&vt);
	strbuf_init(&list);
	emit_ident(&vt, e->d, e->o.version_table);
	strbuf_addf(out, "-- retort: this script expects %s to %s",
		    e->o.version_table, n ? "hold exactly: " : "be empty");
	for (i = 0; i < n; i++) {
		strbuf_addf(out, "%s%s", i ? ", " : "", rows[i]);
		strbuf_addf(&list, "%s'%s'", i ? ", " : "", rows[i]);
	}
	strbuf_addstr(out, "\n-- and takes a named lock: no other retort "
		      "script may run on this database\n-- until it ends\n"
		      "CREATE TEMPORARY TABLE retort_guard (\n"
		      "    locked INTEGER,\n    ok INTEGER,\n"
		      "    CONSTRAINT `retort: another retort script is "
		      "running here` CHECK (locked),\n"
		      "    CONSTRAINT `retort: the version table is not as "
		      "the comment above says` CHECK (ok)\n);\n");
	strbuf_addf(out, "INSERT INTO retort_guard SELECT GET_LOCK(%s, 0), "
		    "(SELECT count(*) FROM %s) = %zu", MY_LOCK, vt.buf, n);
	if (n)
		strbuf_addf(out, " AND (SELECT count(*) FROM %s WHERE "
			    "version_num IN (%s)) = %zu", vt.buf, list.buf, n);
	strbuf_addstr(out, ";\nDROP TEMPORARY TABLE retort_guard;\n");
	strbuf_release(&vt);
	strbuf_release(&list);
}

/* The lock goes at the end (else with the session). */
static void my_end(struct emitter *e, struct strbuf *out)
{
	if (!e->o.guard || e->o.purge)
		return;
	if (out->len < 2 || out->buf[out->len - 2] != '\n')
		strbuf_addch(out, '\n');
	strbuf_addf(out, "DO RELEASE_LOCK(%s);\n", MY_LOCK);
}

/* A table's comment is a table option; a column's is part of its
 * definition, so MODIFY COLUMN writes the whole column with it (the
 * model has it now), its foreign keys dropped and added back. */
static void my_comment(struct emitter *e, const struct schema_change *c)
{
	if (c->column) {
		modify(e, c->table, c->column);
		return;
	}
	alter_table(&e->body, e->d, c->table);
	strbuf_addstr(&e->body, "COMMENT = ");
	emit_string(&e->body, c->table->comment ? c->table->comment : "");
	strbuf_addstr(&e->body, ";\n");
}

/* statement_timeout: MariaDB's max_statement_time, in seconds, for
 * the revision's statements, then the server's default again.  (MySQL
 * 8 has no such variable: best effort, as for MySQL 8 at large.) */
static void my_timeout(struct emitter *e, const char *duration, bool on)
{
	uint64_t ms = duration_ms(duration);

	if (!on) {
		strbuf_addstr(&e->body, "SET SESSION max_statement_time = "
			      "DEFAULT;\n\n");
		return;
	}
	strbuf_addf(&e->body, "SET SESSION max_statement_time = %llu",
		    (unsigned long long)(ms / 1000));
	if (ms % 1000)
		strbuf_addf(&e->body, ".%03llu",
			    (unsigned long long)(ms % 1000));
	strbuf_addf(&e->body, ";  -- statement_timeout '%s'\n\n", duration);
}

const struct dialect_ops emit_mysql_ops = {
	.coldef = my_coldef,
	.check = my_check,
	.check_table = my_check_table,
	.hold = my_hold,
	.write = my_write,
	.comment = my_comment,
	.etype = my_etype,
	.alter = my_alter,
	.step_end = my_step_end,
	.timeout = my_timeout,
	.guard = my_guard,
	.end = my_end,
	.string = my_string,
	.expr = my_expr,
};
