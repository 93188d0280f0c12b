/*
 * lexsup.h: what the flex scanner (grammar/lexer.l) needs beyond its
 * rules: its per-scan state, keyword lookup and the helpers its actions
 * call.  The scanner never prints; a lexical error is an INVALID token
 * whose message is in struct lex_state.
 */
#ifndef RT_LEXSUP_H
#define RT_LEXSUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcfile.h"

struct parse_ctx;

/* The scanner's extra data, owned by the parse that runs it. */
struct lex_state {
	struct parse_ctx *pc;
	const char *data;	/* the whole source */
	uint32_t file;
	uint32_t offset;	/* bytes consumed so far */
	uint32_t open;		/* opener of the string/comment/raw block */
	uint32_t open_len;	/* its length ($tag$ for a raw block) */
	const char *error;	/* message of the INVALID token returned */
	bool fatal;		/* an unterminated construct hit the end */
};

/* The keyword token for s[0..n), any case, or 0 if it is no keyword. */
int kw_lookup(const char *s, size_t n);

/* Slots of kw_lookup's perfect hash (a power of two; 256 left no
 * seed once the keywords passed 80). */
#define KW_SLOTS 512u

/*
 * The hash kw_lookup finds a keyword's slot with, where compiler/mkkw.c
 * chose a seed that gives each keyword a slot of its own: the length and
 * the first two and last two bytes (n >= 2), letters in any case
 * (c | 0x20); kw_lookup then compares the keyword there.
 */
static inline uint32_t kw_hash(const char *s, size_t n, uint32_t seed)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t h = seed ^ (uint32_t)n;

	h = (h ^ (u[0] | 0x20u)) * 16777619u;
	h = (h ^ (u[1] | 0x20u)) * 16777619u;
	h = (h ^ (u[n - 2] | 0x20u)) * 16777619u;
	h = (h ^ (u[n - 1] | 0x20u)) * 16777619u;
	return h ^ (h >> 15);
}

/* The scanner proper (flex's yylex, renamed; parse.c filters it). */
union RT_YYSTYPE;
typedef void *yyscan_t;
int lex_scan(union RT_YYSTYPE *lval, struct src_span *lloc, yyscan_t scanner);

/* After a scan that stopped early: the source as it was (lexer.l). */
void lex_restore(yyscan_t scanner);

/* YY_USER_ACTION: set the token's span and move past it. */
static inline void lex_advance(struct lex_state *ls, struct src_span *loc,
			       uint32_t len)
{
	loc->file = ls->file;
	loc->start = ls->offset;
	ls->offset += len;
	loc->end = ls->offset;
}

/* After yyless(n): the token is only its first n bytes. */
static inline void lex_rewind(struct lex_state *ls, struct src_span *loc,
			      uint32_t n)
{
	ls->offset = loc->start + n;
	loc->end = ls->offset;
}

/* Remember the opener of a multi-part token (quote, comment, $tag$). */
void lex_open(struct lex_state *ls, const struct src_span *loc);

/* The token that the opener began ends here: span it and return tok. */
int lex_close(struct lex_state *ls, struct src_span *loc, int tok);

/* Is the $tag$ just scanned the one that closes the raw block? */
bool lex_raw_closes(const struct lex_state *ls, const char *text, size_t n);

/* An INVALID token for the span just scanned. */
int lex_error(struct lex_state *ls, const char *msg);

/* An INVALID token at the opener: the construct runs to the end. */
int lex_unterminated(struct lex_state *ls, struct src_span *loc,
		     const char *msg);

/* An identifier or keyword. */
int lex_word(const char *s, size_t n);

#endif
