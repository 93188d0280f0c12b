/*
 * pysrc.h: Alembic's Python scripts read without Python: the scanner
 * (grammar/pyscan.l) and a reader of the small subset retort takes from
 * them.  A module becomes its statements, each with its span and, where
 * it is in the subset, its parts: assignments to a name, expression
 * statements, `def`, `with` and `pass`.  Expressions are literals
 * (strings with implicit concatenation, numbers, None/True/False, a
 * negative number), names, attributes, calls with positional and keyword
 * arguments, lists, tuples and dicts; anything else (operators,
 * comprehensions, lambdas, f-strings, subscripts) is an opaque node
 * spanning its source.  Compound statements retort does not read (if,
 * for, try, class, ...) are opaque statements spanning their bodies.
 */
#ifndef RT_PYSRC_H
#define RT_PYSRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcfile.h"

struct rt_ctx;

/* Tokens: single-character punctuation is its own character. */
enum py_token_kind {
	PYT_END = 0,
	PYT_NEWLINE = 256,	/* a physical line end */
	PYT_NAME,
	PYT_NUMBER,
	PYT_STRING,		/* any prefix, quote and length */
	PYT_OP,			/* any other operator */
	PYT_INVALID,		/* a lexical error (pyscan_state's message) */
};

struct py_token {
	int kind;
	uint32_t start;
	uint32_t end;
};

/* The scanner's extra data, owned by the caller of pyscan_next. */
struct pyscan_state {
	uint32_t offset;	/* bytes consumed so far */
	uint32_t open;		/* opener of a triple-quoted string */
	const char *error;	/* message of the INVALID token returned */
};

/* The scanner proper (flex's yylex, renamed). */
typedef void *yyscan_t;
int pyscan_next(struct py_token *tok, yyscan_t scanner);

/* YY_USER_ACTION: span the token and move past it. */
static inline void pyscan_advance(struct pyscan_state *s, struct py_token *t,
				  uint32_t len)
{
	t->start = s->offset;
	s->offset += len;
	t->end = s->offset;
}

/* A triple-quoted string starts: remember where. */
static inline void pyscan_open(struct pyscan_state *s,
			       const struct py_token *t)
{
	s->open = t->start;
}

/* It ends here: the token spans it whole. */
static inline int pyscan_close(struct pyscan_state *s, struct py_token *t)
{
	t->start = s->open;
	return PYT_STRING;
}

/* An INVALID token for what was just scanned. */
static inline int pyscan_error(struct pyscan_state *s, struct py_token *t,
			       const char *msg)
{
	(void)t;
	s->error = msg;
	return PYT_INVALID;
}

/* An INVALID token at the opener of a string that runs to the end. */
static inline int pyscan_unterminated(struct pyscan_state *s,
				      struct py_token *t)
{
	t->start = s->open;
	t->end = s->open + 3;
	s->error = "unterminated string";
	return PYT_INVALID;
}

enum py_kind {
	PYN_NAME,		/* text: the name */
	PYN_NUMBER,		/* text: as written, with its '-' if any */
	PYN_STRING,		/* text, len: the value (see flags) */
	PYN_CONST,		/* text: "None", "True" or "False" */
	PYN_ATTR,		/* obj.text */
	PYN_CALL,		/* obj(items..., kwargs...) */
	PYN_LIST,		/* [items] */
	PYN_TUPLE,		/* (items) */
	PYN_DICT,		/* {items: kwargs (the values)} */
	PYN_KWARG,		/* text=obj, in a call's kwargs */
	PYN_OPAQUE,		/* anything else: only its span */
};

struct py_node {
	enum py_kind kind;
	struct src_span span;
	struct py_node *next;		/* in the list that holds it */
	const char *text;
	size_t len;
	struct py_node *obj;
	struct py_node *items;
	struct py_node *kwargs;
	size_t nitems;
	size_t nkwargs;
	/* PYN_STRING: a bytes or f-string is no text literal; bad is why
	 * the value could not be decoded (an escape retort does not know,
	 * invalid UTF-8), or NULL. */
	bool bytes;
	bool fstring;
	const char *bad;
};

enum py_stmt_kind {
	PYS_ASSIGN,		/* name [: annotation] = value */
	PYS_EXPR,		/* an expression on its own */
	PYS_DEF,		/* def name(...): body */
	PYS_WITH,		/* with value [as name]: body */
	PYS_PASS,
	PYS_OTHER,		/* anything else, with its body if any */
};

struct py_stmt {
	enum py_stmt_kind kind;
	struct src_span span;		/* the statement, its body included */
	struct src_span head;		/* its first logical line */
	const char *keyword;		/* PYS_OTHER: its first word, or NULL */
	const char *name;		/* PYS_ASSIGN: target; PYS_DEF: name;
					 * PYS_WITH: the name after 'as' */
	struct py_node *value;		/* ASSIGN, EXPR, WITH */
	bool params;			/* PYS_DEF: it takes parameters */
	struct py_stmt *body;		/* DEF, WITH, and a compound OTHER */
	struct py_stmt *next;
};

/* A read module: in the context's arena. */
struct py_module {
	uint32_t file;
	struct py_stmt *stmts;		/* the module level */
	unsigned errors;		/* lexical and bracket errors */
};

/*
 * Read source file number file as Python.  Lexical errors (an
 * unterminated string, a NUL byte, an unclosed or mismatched bracket)
 * are queued as diagnostics and counted in the module's errors; the
 * statements are read anyway.  Never fails otherwise.
 */
struct py_module *pysrc_read(struct rt_ctx *ctx, uint32_t file);

/* The module's docstring (its first statement, a string), or NULL. */
const struct py_node *pysrc_docstring(const struct py_module *m);

/*
 * Python's str.strip() of s[0..n) (ASCII white space, the information
 * separators \x1c-\x1f, and the Unicode spaces Python strips, in UTF-8):
 * sets *len and returns where the stripped text starts.
 */
const char *pysrc_strip(const char *s, size_t n, size_t *len);

/* Is n a string that is a text literal with a decoded value? */
static inline bool pysrc_is_text(const struct py_node *n)
{
	return n && n->kind == PYN_STRING && !n->bytes && !n->fstring &&
	       !n->bad;
}

/* Is n the attribute chain a.b.c (or the name a when chain is "a")? */
bool pysrc_is_chain(const struct py_node *n, const char *chain);

/* The keyword argument name of call n, or NULL. */
const struct py_node *pysrc_kwarg(const struct py_node *call,
				  const char *name);

#endif
