/*
 * pysrc.c: an Alembic script read as the subset of Python that retort
 * takes from it (pysrc.h).  The scanner's tokens are grouped into logical
 * lines (brackets and backslashes join physical lines, ';' splits them),
 * the lines into statements by indentation, and each statement's tokens
 * are read as far as the subset goes; the rest stays opaque, so no valid
 * Python is ever refused here.
 */
#include "pysrc.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

#include "pyscan.h"

/* Flex allocates through these (the noyyalloc options). */
void *rt_pyalloc(size_t size, void *scanner);
void *rt_pyrealloc(void *ptr, size_t size, void *scanner);
void rt_pyfree(void *ptr, void *scanner);

void *rt_pyalloc(size_t size, void *scanner)
{
	(void)scanner;
	return xmalloc(size);
}

void *rt_pyrealloc(void *ptr, size_t size, void *scanner)
{
	(void)scanner;
	return xrealloc(ptr, size);
}

void rt_pyfree(void *ptr, void *scanner)
{
	(void)scanner;
	free(ptr);
}

/* Groups and blocks read inside each other, at most: deeper ones are
 * skipped whole (opaque), so no input can exhaust the stack. */
#define PY_MAX_NEST 100

/* A logical line: tokens [first, end) and the column it starts at. */
struct line {
	size_t first;
	size_t end;
	uint32_t indent;
};

enum coding { CODING_UTF8, CODING_LATIN1, CODING_OTHER };

struct reader {
	struct rt_ctx *ctx;
	struct src_file *src;
	uint32_t file;
	struct py_token *t;		/* tokens, line ends left out */
	size_t *match;			/* an opener's closer (n: none) */
	size_t n, cap;
	struct line *lines;
	size_t nlines, lcap;
	size_t *stack;			/* open brackets */
	size_t depth, scap;
	uint32_t semi_indent;		/* the next line's, after a ';' */
	unsigned nest;			/* groups and blocks being read */
	enum coding coding;
	const char *coding_name;	/* CODING_OTHER: as declared */
	struct py_module *m;
};

static struct src_span span_of(const struct reader *r, uint32_t start,
			       uint32_t end)
{
	struct src_span s = { r->file, start, end };

	return s;
}

static struct src_span tok_span(const struct reader *r, size_t i)
{
	return span_of(r, r->t[i].start, r->t[i].end);
}

static void lex_error(struct reader *r, struct src_span at, const char *msg)
{
	diag_error(r->ctx, at, "%s", msg);
	r->m->errors++;
}

/* ------------------------------------------------------------------ */
/* Tokens into logical lines */

/* The column of offset off (tabs to the next multiple of 8, as Python). */
static uint32_t column_of(const struct reader *r, uint32_t off)
{
	const char *d = r->src->data;
	uint32_t ls = off, col = 0, i;

	while (ls > 0 && d[ls - 1] != '\n' && d[ls - 1] != '\r')
		ls--;
	for (i = ls; i < off; i++) {
		if (d[i] == '\t')
			col = (col / 8 + 1) * 8;
		else if (d[i] == '\f')
			col = 0;
		else
			col++;
	}
	return col;
}

/* End the logical line that started at token first.  The one after a
 * ';' is on the same line, and at the same level: it takes this one's
 * indentation. */
static void end_line(struct reader *r, size_t *first, bool semi)
{
	uint32_t indent;

	if (r->n == *first)
		return;
	indent = r->semi_indent != UINT32_MAX ? r->semi_indent
					      : column_of(r, r->t[*first].start);
	r->lines = xgrow(r->lines, &r->lcap, r->nlines + 1, sizeof(*r->lines));
	r->lines[r->nlines].first = *first;
	r->lines[r->nlines].end = r->n;
	r->lines[r->nlines].indent = indent;
	r->nlines++;
	r->semi_indent = semi ? indent : UINT32_MAX;
	*first = r->n;
}

static bool is_opener(int k)
{
	return k == '(' || k == '[' || k == '{';
}

static int closer_of(int k)
{
	return k == '(' ? ')' : k == '[' ? ']' : '}';
}

/* A closing bracket: match it with the innermost opener.  Returns
 * whether to keep the token. */
static bool close_bracket(struct reader *r, const struct py_token *tok)
{
	struct src_span at = span_of(r, tok->start, tok->end);
	size_t o;

	if (r->depth == 0) {
		lex_error(r, at, arena_printf(&r->ctx->arena, "unmatched '%c'",
					      tok->kind));
		return false;
	}
	o = r->stack[--r->depth];
	if (closer_of(r->t[o].kind) != tok->kind) {
		lex_error(r, at, arena_printf(&r->ctx->arena, "closing '%c' "
					      "does not match '%c'", tok->kind,
					      r->t[o].kind));
		diag_note(r->ctx, tok_span(r, o), "opened here");
	}
	r->match[o] = r->n;
	return true;
}

static void push_token(struct reader *r, const struct py_token *tok)
{
	if (r->n + 1 >= r->cap) {
		r->t = xgrow(r->t, &r->cap, r->n + 2, sizeof(*r->t));
		r->match = xrealloc(r->match, r->cap * sizeof(*r->match));
	}
	r->t[r->n] = *tok;
	r->match[r->n] = SIZE_MAX;
	if (is_opener(tok->kind)) {
		r->stack = xgrow(r->stack, &r->scap, r->depth + 1,
				 sizeof(*r->stack));
		r->stack[r->depth++] = r->n;
	}
	r->n++;
}

/* Python's own first step: a UTF-8 byte-order mark is no character. */
static uint32_t bom_len(const struct src_file *f)
{
	return f->len >= 3 && memcmp(f->data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static void tokenize(struct reader *r)
{
	struct pyscan_state st;
	struct py_token tok;
	yyscan_t scanner;
	uint32_t skip = bom_len(r->src);
	size_t first = 0;
	int k;

	memset(&st, 0, sizeof(st));
	st.offset = skip;
	if (rt_pylex_init_extra(&st, &scanner) != 0)
		RT_BUG("cannot initialise the Python scanner");
	if (!rt_py_scan_bytes(r->src->data + skip, (int)(r->src->len - skip),
			      scanner))
		RT_BUG("cannot set up the Python scan buffer");
	while ((k = pyscan_next(&tok, scanner)) != PYT_END) {
		tok.kind = k;
		if (k == PYT_INVALID) {
			lex_error(r, span_of(r, tok.start, tok.end), st.error);
		} else if (k == PYT_NEWLINE) {
			if (r->depth == 0)
				end_line(r, &first, false);
		} else if (k == ';' && r->depth == 0) {
			end_line(r, &first, true);
		} else if (k == ')' || k == ']' || k == '}') {
			if (close_bracket(r, &tok))
				push_token(r, &tok);
		} else {
			push_token(r, &tok);
		}
	}
	rt_pylex_destroy(scanner);
	if (r->depth > 0)
		lex_error(r, tok_span(r, r->stack[0]), arena_printf(
			  &r->ctx->arena, "'%c' is never closed",
			  r->t[r->stack[0]].kind));
	/* Close what is open at the end, so every opener has a closer. */
	while (r->depth > 0) {
		tok.kind = closer_of(r->t[r->stack[r->depth - 1]].kind);
		tok.start = tok.end = r->src->len;
		close_bracket(r, &tok);
		push_token(r, &tok);
	}
	end_line(r, &first, false);
}

/* ------------------------------------------------------------------ */
/* String literals */

/* Append code point c to sb in UTF-8; false if it cannot be (a
 * surrogate, or past U+10FFFF). */
static bool add_utf8(struct strbuf *sb, uint32_t c)
{
	if (c < 0x80) {
		strbuf_addch(sb, (int)c);
	} else if (c < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (c >> 6)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		if (c >= 0xd800 && c <= 0xdfff)
			return false;
		strbuf_addch(sb, (int)(0xe0 | (c >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else if (c <= 0x10ffff) {
		strbuf_addch(sb, (int)(0xf0 | (c >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 12) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else {
		return false;
	}
	return true;
}

static int hex_value(int c)
{
	if (ascii_isdigit(c))
		return c - '0';
	c = ascii_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* \xhh, \uhhhh, \Uhhhhhhhh at p[0..n): the code point, or -1. */
static long hex_escape(const char *p, size_t n, size_t digits)
{
	long v = 0;
	size_t i;

	if (n < digits)
		return -1;
	for (i = 0; i < digits; i++) {
		int h = hex_value((unsigned char)p[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* A line end in the source is "\n" in the value, as Python reads it. */
static size_t line_end_len(const char *p, size_t n)
{
	if (n >= 2 && p[0] == '\r' && p[1] == '\n')
		return 2;
	return n >= 1 && (p[0] == '\n' || p[0] == '\r') ? 1 : 0;
}

/* One escape after a backslash at p[0..n) (p[0] is the character after
 * it).  Appends its value and returns how many bytes of p it took; sets
 * *bad when it cannot be decoded. */
static size_t add_escape(struct strbuf *sb, const char *p, size_t n,
			 const char **bad)
{
	static const char simple[] = "\\\\''\"\"a\ab\bf\fn\nr\rt\tv\v";
	size_t i, k = line_end_len(p, n);
	long v = -1;

	if (k)
		return k;	/* a backslash and a line end: nothing */
	if (n == 0) {
		strbuf_addch(sb, '\\');
		return 0;
	}
	for (i = 0; simple[i]; i += 2) {
		if (p[0] == simple[i]) {
			strbuf_addch(sb, simple[i + 1]);
			return 1;
		}
	}
	if (p[0] >= '0' && p[0] <= '7') {
		for (v = 0, k = 0; k < 3 && k < n && p[k] >= '0' && p[k] <= '7';
		     k++)
			v = v * 8 + (p[k] - '0');
	} else if (p[0] == 'x' || p[0] == 'u' || p[0] == 'U') {
		k = p[0] == 'x' ? 2 : p[0] == 'u' ? 4 : 8;
		v = hex_escape(p + 1, n - 1, k);
		k++;
	} else if (p[0] == 'N') {
		*bad = "a \\N{...} escape (retort does not know Unicode names)";
		return 0;
	} else {
		/* Unknown: the backslash stays, and the character after it
		 * is copied as any other, as Python does. */
		strbuf_addch(sb, '\\');
		return 0;
	}
	if (v == 0)
		*bad = "a NUL character";
	else if (v < 0 || !add_utf8(sb, (uint32_t)v))
		*bad = "an escape that is no character";
	return k;
}

/* Copy one source character of a literal at p[0..n): returns its length,
 * or 0 with *bad set. */
static size_t add_source_char(const struct reader *r, struct strbuf *sb,
			      const char *p, size_t n, const char **bad)
{
	unsigned char c = (unsigned char)p[0];
	size_t k = line_end_len(p, n);

	if (k) {
		strbuf_addch(sb, '\n');
		return k;
	}
	if (c < 0x80) {
		strbuf_addch(sb, c);
		return 1;
	}
	if (r->coding == CODING_LATIN1) {
		add_utf8(sb, c);
		return 1;
	}
	k = utf8_seq_len(p, n);
	if (k == 0 || r->coding == CODING_OTHER) {
		*bad = r->coding == CODING_OTHER ?
		       arena_printf(&r->ctx->arena, "text in the source "
				    "encoding \"%s\", which retort does not "
				    "read", r->coding_name) :
		       "invalid UTF-8";
		return 0;
	}
	strbuf_add(sb, p, k);
	return k;
}

/* Decode string token i into n (appending to what n holds already). */
static void decode_string(struct reader *r, size_t i, struct py_node *n,
			  struct strbuf *sb)
{
	const char *d = r->src->data, *p = d + r->t[i].start;
	const char *end = d + r->t[i].end;
	bool raw = false;
	size_t q;

	for (; *p != '\'' && *p != '"'; p++) {
		int c = ascii_tolower((unsigned char)*p);

		raw |= c == 'r';
		n->bytes |= c == 'b';
		n->fstring |= c == 'f';
	}
	q = p + 2 < end && p[1] == p[0] && p[2] == p[0] ? 3 : 1;
	p += q;
	end -= q;
	while (p < end && !n->bad) {
		size_t k;

		if (*p == '\\' && !raw && p + 1 < end) {
			k = add_escape(sb, p + 1, (size_t)(end - p - 1), &n->bad);
			p += k + 1;
		} else if (*p == '\\' && raw && p + 1 < end) {
			/* A raw string keeps the backslash and what it
			 * escapes (a quote, a line end). */
			strbuf_addch(sb, '\\');
			p++;
			k = add_source_char(r, sb, p, (size_t)(end - p),
					    &n->bad);
			p += k;
		} else {
			k = add_source_char(r, sb, p, (size_t)(end - p),
					    &n->bad);
			p += k;
		}
	}
}

/* Tokens [*i, ...) that are strings, as one node (Python joins adjacent
 * literals). */
static struct py_node *string_node(struct reader *r, size_t *i, size_t end)
{
	struct py_node *n = arena_alloc(&r->ctx->arena, sizeof(*n));
	struct strbuf sb;
	bool bytes = false, first = true;

	strbuf_init(&sb);
	n->kind = PYN_STRING;
	n->span = tok_span(r, *i);
	while (*i < end && r->t[*i].kind == PYT_STRING) {
		n->bytes = false;
		decode_string(r, *i, n, &sb);
		if (!first && n->bytes != bytes)
			n->bad = "bytes joined with text";
		bytes |= n->bytes;
		first = false;
		n->span.end = r->t[*i].end;
		(*i)++;
	}
	n->bytes = bytes;
	n->len = sb.len;
	n->text = arena_strndup(&r->ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return n;
}

static bool name_in(const char *name, const char *const *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = strlen(v[i]);
		/* "utf-8-unix" is utf-8 too (Python's get_normal_name). */
		if (strncmp(name, v[i], k) == 0 &&
		    (name[k] == '\0' || name[k] == '-'))
			return true;
	}
	return false;
}

static void set_coding(struct reader *r, const char *name)
{
	static const char *const utf8[] = { "utf-8", "utf8", "ascii",
					    "us-ascii" };
	static const char *const latin1[] = { "latin-1", "latin1",
					      "iso-8859-1", "iso8859-1",
					      "iso-latin-1", "l1", "cp819" };

	if (name_in(name, utf8, ARRAY_SIZE(utf8)))
		r->coding = CODING_UTF8;
	else if (name_in(name, latin1, ARRAY_SIZE(latin1)))
		r->coding = CODING_LATIN1;
	else {
		r->coding = CODING_OTHER;
		r->coding_name = arena_strndup(&r->ctx->arena, name,
					       strlen(name));
	}
}

/* PEP 263: a coding declaration on one of the first two lines. */
static void read_coding(struct reader *r)
{
	const char *d = r->src->data + bom_len(r->src);
	const char *end = r->src->data + r->src->len;
	int line;

	for (line = 0; line < 2 && d < end; line++) {
		const char *e = d, *p;

		while (e < end && *e != '\n' && *e != '\r')
			e++;
		for (p = d; p < e && (*p == ' ' || *p == '\t' || *p == '\f');
		     p++)
			;
		if (p < e && *p == '#') {
			const char *c = p;

			while ((c = memchr(c, 'c', (size_t)(e - c))) != NULL &&
			       !((size_t)(e - c) > 7 &&
				 memcmp(c, "coding", 6) == 0 &&
				 (c[6] == ':' || c[6] == '=')))
				c++;
			if (c) {
				size_t k;
				char name[32];

				for (c += 7; c < e && (*c == ' ' || *c == '\t');
				     c++)
					;
				for (k = 0; c + k < e && k + 1 < sizeof(name) &&
				     (ascii_isalnum((unsigned char)c[k]) ||
				      c[k] == '-' || c[k] == '_' ||
				      c[k] == '.'); k++)
					name[k] = (char)(c[k] == '_' ? '-' :
						ascii_tolower((unsigned char)c[k]));
				name[k] = '\0';
				set_coding(r, name);
				if (bom_len(r->src) && r->coding != CODING_UTF8)
					lex_error(r, span_of(r, (uint32_t)(c -
						  r->src->data), (uint32_t)(c + k -
						  r->src->data)), "a UTF-8 byte-order "
						  "mark, but a coding declaration of "
						  "another encoding");
				return;
			}
		} else if (p < e) {
			return;	/* code: no declaration after it */
		}
		d = e < end && *e == '\r' && e + 1 < end && e[1] == '\n' ?
		    e + 2 : e + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Expressions */

static struct py_node *new_node(struct reader *r, enum py_kind kind,
				uint32_t start, uint32_t end)
{
	struct py_node *n = arena_alloc(&r->ctx->arena, sizeof(*n));

	n->kind = kind;
	n->span = span_of(r, start, end);
	return n;
}

static const char *tok_text(struct reader *r, size_t i)
{
	return arena_strndup(&r->ctx->arena, r->src->data + r->t[i].start,
			     r->t[i].end - r->t[i].start);
}

static bool tok_is(const struct reader *r, size_t i, const char *word)
{
	size_t n = strlen(word);

	return r->t[i].end - r->t[i].start == n &&
	       memcmp(r->src->data + r->t[i].start, word, n) == 0;
}

static void append(struct py_node **head, size_t *count, struct py_node *n)
{
	struct py_node **p = head;

	while (*p)
		p = &(*p)->next;
	*p = n;
	(*count)++;
}

static struct py_node *expr(struct reader *r, size_t *i, size_t end);

/* Past the bracketed group that opens at token i. */
static size_t past_group(const struct reader *r, size_t i)
{
	return r->match[i] + 1;
}

/*
 * The items of the group opening at token i, separated by commas, each
 * an expression or (calls) NAME=expression; *i ends past the closer.
 * Sets *trailing when a comma ends the list; false when an item is no
 * item (a dict's missing ':', *args).
 */
static bool group_items(struct reader *r, size_t *i, struct py_node *n,
			bool call, bool dict, bool *trailing)
{
	size_t close = r->match[*i], k = *i + 1;
	bool ok = true;

	*trailing = false;
	if (r->nest >= PY_MAX_NEST) {
		*i = close + 1;
		return false;
	}
	r->nest++;
	while (k < close) {
		struct py_node *v;

		*trailing = false;
		if (call && r->t[k].kind == PYT_NAME && k + 1 < close &&
		    r->t[k + 1].kind == '=') {
			struct py_node *kw = new_node(r, PYN_KWARG,
						      r->t[k].start, 0);

			kw->text = tok_text(r, k);
			k += 2;
			kw->obj = expr(r, &k, close);
			kw->span.end = kw->obj->span.end;
			append(&n->kwargs, &n->nkwargs, kw);
		} else {
			if (r->t[k].kind == '*' || r->t[k].kind == PYT_OP)
				ok = false;
			v = expr(r, &k, close);
			if (dict) {
				if (k >= close || r->t[k].kind != ':') {
					ok = false;
					break;
				}
				k++;
				append(&n->kwargs, &n->nkwargs,
				       expr(r, &k, close));
			}
			append(&n->items, &n->nitems, v);
		}
		if (k < close && r->t[k].kind != ',') {
			ok = false;
			break;
		}
		if (k < close) {
			k++;
			*trailing = true;
		}
	}
	r->nest--;
	*i = close + 1;
	return ok;
}

/* A bracketed literal at token *i: a tuple or parenthesised expression,
 * a list or a dict; NULL when it is something else. */
static struct py_node *bracket(struct reader *r, size_t *i)
{
	int k = r->t[*i].kind;
	uint32_t start = r->t[*i].start, end = r->t[r->match[*i]].end;
	struct py_node *n = new_node(r, k == '(' ? PYN_TUPLE : k == '[' ?
				     PYN_LIST : PYN_DICT, start, end);
	bool trailing;

	if (!group_items(r, i, n, false, k == '{', &trailing) || (k == '{' && n->nitems == 0 && trailing))
		return NULL;
	/* (x) is x; (x,) is a tuple. */
	if (k == '(' && n->nitems == 1 && !trailing)
		return n->items;
	return n;
}

static struct py_node *primary(struct reader *r, size_t *i, size_t end)
{
	const struct py_token *t = &r->t[*i];
	struct py_node *n = NULL;

	if (t->kind == PYT_NAME) {
		static const char *const no[] = { "lambda", "not", "await",
						  "yield", "if", "for",
						  "async", "in", "is" };
		size_t k;

		for (k = 0; k < ARRAY_SIZE(no); k++) {
			if (tok_is(r, *i, no[k]))
				return NULL;
		}
		n = new_node(r, tok_is(r, *i, "None") || tok_is(r, *i, "True") ||
			     tok_is(r, *i, "False") ? PYN_CONST : PYN_NAME,
			     t->start, t->end);
		n->text = tok_text(r, (*i)++);
	} else if (t->kind == PYT_NUMBER) {
		n = new_node(r, PYN_NUMBER, t->start, t->end);
		n->text = tok_text(r, (*i)++);
	} else if (t->kind == '-' && *i + 1 < end &&
		   r->t[*i + 1].kind == PYT_NUMBER) {
		n = new_node(r, PYN_NUMBER, t->start, r->t[*i + 1].end);
		n->text = arena_printf(&r->ctx->arena, "-%s",
				       tok_text(r, *i + 1));
		*i += 2;
	} else if (t->kind == PYT_STRING) {
		n = string_node(r, i, end);
	} else if (is_opener(t->kind)) {
		n = bracket(r, i);
	}
	return n;
}

/* Attributes and calls after a primary; NULL when another trailer (a
 * subscript) makes it no longer the subset. */
static struct py_node *trailers(struct reader *r, size_t *i, size_t end,
				struct py_node *n)
{
	while (n && *i < end) {
		int k = r->t[*i].kind;

		if (k == '.' && *i + 1 < end && r->t[*i + 1].kind == PYT_NAME) {
			struct py_node *a = new_node(r, PYN_ATTR, n->span.start,
						     r->t[*i + 1].end);

			a->obj = n;
			a->text = tok_text(r, *i + 1);
			*i += 2;
			n = a;
		} else if (k == '(') {
			struct py_node *c = new_node(r, PYN_CALL, n->span.start,
						     r->t[r->match[*i]].end);
			bool trailing;

			c->obj = n;
			n = group_items(r, i, c, true, false, &trailing) ? c
									 : NULL;
		} else if (k == '[') {
			*i = past_group(r, *i);
			n = NULL;
		} else {
			break;
		}
	}
	return n;
}

/*
 * An expression from token *i up to end: in the subset, or an opaque
 * node up to the next ',' (or end) at this level.  *i ends there.
 */
static struct py_node *expr(struct reader *r, size_t *i, size_t end)
{
	size_t start = *i;
	struct py_node *n = NULL;

	if (*i < end)
		n = trailers(r, i, end, primary(r, i, end));
	if (n && (*i == end || r->t[*i].kind == ',' || r->t[*i].kind == ':'))
		return n;
	while (*i < end && r->t[*i].kind != ',') {
		if (is_opener(r->t[*i].kind))
			*i = past_group(r, *i);
		else
			(*i)++;
	}
	if (start == *i) {
		uint32_t at = start < r->n ? r->t[start].start : r->src->len;

		return new_node(r, PYN_OPAQUE, at, at);
	}
	return new_node(r, PYN_OPAQUE, r->t[start].start, r->t[*i - 1].end);
}

/* ------------------------------------------------------------------ */
/* Statements */

static struct py_stmt *block(struct reader *r, size_t *li, uint32_t above);

/* The first ':' at this level of tokens [i, end), or end. */
static size_t find_colon(const struct reader *r, size_t i, size_t end)
{
	while (i < end && r->t[i].kind != ':')
		i = is_opener(r->t[i].kind) ? past_group(r, i) : i + 1;
	return i < end ? i : end;
}

/* The '=' of an assignment at this level, or end; *several when there
 * is more than one ("a = b = c"). */
static size_t find_assign(const struct reader *r, size_t i, size_t end,
			  bool *several)
{
	size_t at = end;

	*several = false;
	while (i < end) {
		if (r->t[i].kind == '=') {
			*several |= at != end;
			if (at == end)
				at = i;
		}
		i = is_opener(r->t[i].kind) ? past_group(r, i) : i + 1;
	}
	return at;
}

/* A whole expression over tokens [i, end): opaque unless it is one. */
static struct py_node *whole_expr(struct reader *r, size_t i, size_t end)
{
	size_t k = i;
	struct py_node *n = expr(r, &k, end);

	if (k != end && i < end) {
		n = new_node(r, PYN_OPAQUE, r->t[i].start, r->t[end - 1].end);
	}
	return n;
}

/* def NAME(PARAMS) [-> T]: the body follows on this line or below. */
static void read_def(struct reader *r, struct py_stmt *s, size_t i,
		     size_t end, size_t *body_at)
{
	if (i + 2 < end && r->t[i + 1].kind == PYT_NAME &&
	    r->t[i + 2].kind == '(') {
		s->kind = PYS_DEF;
		s->name = tok_text(r, i + 1);
		s->params = r->match[i + 2] != i + 3;
		*body_at = find_colon(r, past_group(r, i + 2), end) + 1;
	}
}

/* with ITEM [as NAME]: only one item. */
static void read_with(struct reader *r, struct py_stmt *s, size_t i,
		      size_t end, size_t *body_at)
{
	size_t colon = find_colon(r, i + 1, end), e = colon;

	if (colon == end)
		return;
	if (e >= i + 4 && r->t[e - 2].kind == PYT_NAME &&
	    tok_is(r, e - 2, "as") && r->t[e - 1].kind == PYT_NAME) {
		s->name = tok_text(r, e - 1);
		e -= 2;
	}
	s->kind = PYS_WITH;
	s->value = whole_expr(r, i + 1, e);
	*body_at = colon + 1;
}

/* NAME [: annotation] = value */
static void read_assign(struct reader *r, struct py_stmt *s, size_t i,
			size_t end)
{
	bool several;
	size_t eq = find_assign(r, i, end, &several);

	if (eq == end || several || r->t[i].kind != PYT_NAME ||
	    (eq != i + 1 && r->t[i + 1].kind != ':'))
		return;
	s->kind = PYS_ASSIGN;
	s->name = tok_text(r, i);
	s->value = whole_expr(r, eq + 1, end);
}

static const char *const compound[] = {
	"async", "class", "elif", "else", "except", "finally", "for", "if",
	"try", "while",
};

static const char *const simple[] = {
	"assert", "break", "continue", "del", "from", "global", "import",
	"nonlocal", "raise", "return", "yield",
};

/* What one logical line is; *body_at is where a body on the same line
 * starts (end when there is none). */
static void read_head(struct reader *r, struct py_stmt *s,
		      const struct line *ln, size_t *body_at)
{
	size_t i = ln->first, end = ln->end, k;

	s->kind = PYS_OTHER;
	*body_at = end;
	if (r->t[i].kind == PYT_NAME) {
		if (tok_is(r, i, "def"))
			read_def(r, s, i, end, body_at);
		else if (tok_is(r, i, "with"))
			read_with(r, s, i, end, body_at);
		else if (tok_is(r, i, "pass") && end == i + 1)
			s->kind = PYS_PASS;
		if (s->kind != PYS_OTHER)
			return;
		for (k = 0; k < ARRAY_SIZE(compound); k++) {
			if (tok_is(r, i, compound[k])) {
				s->keyword = compound[k];
				return;
			}
		}
	}
	read_assign(r, s, i, end);
	if (s->kind != PYS_OTHER)
		return;
	/* A statement keyword (import, return, raise, ...) starts no
	 * expression retort reads: name it instead. */
	for (k = 0; k < ARRAY_SIZE(simple); k++) {
		if (r->t[i].kind == PYT_NAME && tok_is(r, i, simple[k])) {
			s->keyword = simple[k];
			return;
		}
	}
	s->kind = PYS_EXPR;
	s->value = whole_expr(r, i, end);
}

/* A body on the head's own line ("def f(): pass"): a line of its own. */
static struct py_stmt *inline_body(struct reader *r, const struct line *ln,
				   size_t from)
{
	struct line sub = { from, ln->end, ln->indent + 1 };
	struct reader *rr = r;
	size_t li = 0;
	struct line *saved = rr->lines;
	size_t nsaved = rr->nlines;
	struct py_stmt *body;

	rr->lines = &sub;
	rr->nlines = 1;
	body = block(rr, &li, ln->indent);
	rr->lines = saved;
	rr->nlines = nsaved;
	return body;
}

static struct src_span line_span(const struct reader *r, const struct line *ln)
{
	return span_of(r, r->t[ln->first].start, r->t[ln->end - 1].end);
}

/* One statement at line *li, with what belongs to it below (its body,
 * or lines indented under it that Python would refuse). */
static struct py_stmt *statement(struct reader *r, size_t *li)
{
	const struct line *ln = &r->lines[*li];
	struct py_stmt *s = arena_alloc(&r->ctx->arena, sizeof(*s));
	size_t body_at;
	bool opens = r->t[ln->end - 1].kind == ':';

	s->head = line_span(r, ln);
	s->span = s->head;
	read_head(r, s, ln, &body_at);
	(*li)++;
	r->nest++;
	if (r->nest >= PY_MAX_NEST)
		;	/* too deep: the body is skipped below, unread */
	else if (body_at < ln->end)
		s->body = inline_body(r, ln, body_at);
	else if (opens)
		s->body = block(r, li, ln->indent);
	r->nest--;
	while (*li < r->nlines && r->lines[*li].indent > ln->indent)
		(*li)++;	/* indented under a simple statement */
	s->span.end = r->t[r->lines[*li - 1].end - 1].end;
	/* Only a compound statement ends in ':' ("match x:"). */
	if (opens && s->kind != PYS_DEF && s->kind != PYS_WITH &&
	    !s->keyword) {
		s->kind = PYS_OTHER;
		s->keyword = tok_text(r, ln->first);
	}
	return s;
}

/* The statements at lines *li... indented more than above (the module:
 * above UINT32_MAX, every line). */
static struct py_stmt *block(struct reader *r, size_t *li, uint32_t above)
{
	struct py_stmt *head = NULL, **tail = &head;

	while (*li < r->nlines && (above == UINT32_MAX ||
				   r->lines[*li].indent > above)) {
		*tail = statement(r, li);
		tail = &(*tail)->next;
	}
	return head;
}

struct py_module *pysrc_read(struct rt_ctx *ctx, uint32_t file)
{
	struct reader r;
	size_t li = 0;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.file = file;
	r.src = src_get(ctx, file);
	r.semi_indent = UINT32_MAX;
	r.m = arena_alloc(&ctx->arena, sizeof(*r.m));
	r.m->file = file;
	read_coding(&r);
	tokenize(&r);
	r.m->stmts = block(&r, &li, UINT32_MAX);
	free(r.t);
	free(r.match);
	free(r.lines);
	free(r.stack);
	return r.m;
}

const struct py_node *pysrc_docstring(const struct py_module *m)
{
	const struct py_stmt *s = m->stmts;

	if (s && s->kind == PYS_EXPR && s->value->kind == PYN_STRING &&
	    !s->value->bytes && !s->value->fstring)
		return s->value;
	return NULL;
}

/* The length of the white space Python's strip() takes at s[0..n), or 0. */
static size_t py_space_len(const char *s, size_t n)
{
	static const char *const wide[] = {
		"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8",
		"\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	};
	unsigned char c = (unsigned char)s[0];
	size_t i, k;

	if (ascii_isspace(c) || (c >= 0x1c && c <= 0x1f))
		return 1;
	if (n >= 3 && c == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x8a)
		return 3;	/* U+2000 to U+200A */
	for (i = 0; i < ARRAY_SIZE(wide); i++) {
		k = strlen(wide[i]);
		if (n >= k && memcmp(s, wide[i], k) == 0)
			return k;
	}
	return 0;
}

const char *pysrc_strip(const char *s, size_t n, size_t *len)
{
	size_t k;

	while (n && (k = py_space_len(s, n)) != 0) {
		s += k;
		n -= k;
	}
	/* Backwards: a character ends at a byte that is no UTF-8 tail. */
	while (n) {
		size_t start = n - 1;

		while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80 &&
		       n - start < 3)
			start--;
		if (py_space_len(s + start, n - start) != n - start)
			break;
		n = start;
	}
	*len = n;
	return s;
}

bool pysrc_is_chain(const struct py_node *n, const char *chain)
{
	const char *dot = strrchr(chain, '.');

	if (!n)
		return false;
	if (!dot)
		return n->kind == PYN_NAME && strcmp(n->text, chain) == 0;
	if (n->kind != PYN_ATTR || strcmp(n->text, dot + 1) != 0)
		return false;
	{
		char head[64];
		size_t k = (size_t)(dot - chain);

		if (k >= sizeof(head))
			return false;
		memcpy(head, chain, k);
		head[k] = '\0';
		return pysrc_is_chain(n->obj, head);
	}
}

const struct py_node *pysrc_kwarg(const struct py_node *call,
				  const char *name)
{
	const struct py_node *k;

	for (k = call->kwargs; k; k = k->next) {
		if (strcmp(k->text, name) == 0)
			return k->obj;
	}
	return NULL;
}
