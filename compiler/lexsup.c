/*
 * lexsup.c: keyword lookup, the scanner's allocator hooks and the helpers
 * its rules call (grammar/lexer.l stays one line per rule).
 */
#include "lexsup.h"

#include <stdlib.h>
#include <string.h>

#include "kwhash.h"
#include "parser.h"
#include "util.h"

struct keyword {
	const char *word;
	size_t len;
	int token;
};

#define RT_KEYWORD(w, t) { w, sizeof(w) - 1, t },
static const struct keyword keywords[] = {
#include "keywords.def"
};
#undef RT_KEYWORD

int kw_lookup(const char *s, size_t n)
{
	const struct keyword *k;
	unsigned slot;
	size_t i;

	if (n < KW_MIN_LEN || n > KW_MAX_LEN)
		return 0;
	slot = kw_slot[kw_hash(s, n, KW_SEED) & (KW_SLOTS - 1)];
	if (!slot)
		return 0;
	k = &keywords[slot - 1];
	if (k->len != n)
		return 0;
	/* Keywords are mostly written in lower case, as listed. */
	if (memcmp(s, k->word, n) == 0)
		return k->token;
	for (i = 0; i < n; i++) {
		if (ascii_tolower((unsigned char)s[i]) != k->word[i])
			return 0;
	}
	return k->token;
}

int lex_word(const char *s, size_t n)
{
	int tok = kw_lookup(s, n);

	return tok ? tok : TOK_IDENT;
}

void lex_open(struct lex_state *ls, const struct src_span *loc)
{
	ls->open = loc->start;
	ls->open_len = loc->end - loc->start;
}

int lex_close(struct lex_state *ls, struct src_span *loc, int tok)
{
	loc->start = ls->open;
	return tok;
}

bool lex_raw_closes(const struct lex_state *ls, const char *text, size_t n)
{
	return n == ls->open_len && memcmp(text, ls->data + ls->open, n) == 0;
}

int lex_error(struct lex_state *ls, const char *msg)
{
	ls->error = msg;
	return TOK_INVALID;
}

int lex_unterminated(struct lex_state *ls, struct src_span *loc,
		     const char *msg)
{
	loc->file = ls->file;
	loc->start = ls->open;
	loc->end = ls->open + ls->open_len;
	ls->fatal = true;
	ls->error = msg;
	return TOK_INVALID;
}

/* flex's allocator hooks (%option noyyalloc ...), so it shares xmalloc. */
void *rt_yyalloc(size_t size, void *scanner);
void *rt_yyrealloc(void *ptr, size_t size, void *scanner);
void rt_yyfree(void *ptr, void *scanner);

void *rt_yyalloc(size_t size, void *scanner)
{
	(void)scanner;
	return xmalloc(size);
}

void *rt_yyrealloc(void *ptr, size_t size, void *scanner)
{
	(void)scanner;
	return xrealloc(ptr, size);
}

void rt_yyfree(void *ptr, void *scanner)
{
	(void)scanner;
	free(ptr);
}
