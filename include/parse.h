/*
 * parse.h: parsing one .mig file into an AST (the first pipeline stage),
 * and the state the grammar's actions and error reports share.
 */
#ifndef RT_PARSE_H
#define RT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexsup.h"
#include "srcfile.h"

struct rt_ctx;
struct arena;
struct ast_file;

/* At most this many expected tokens are listed in a syntax error. */
#define PARSE_MAX_EXPECTED 5
/* Expected tokens looked at for "to match this" notes. */
#define PARSE_MAX_LOOKAHEAD 128
/* Open brackets remembered for "to match this" notes. */
#define PARSE_MAX_NEST 64

struct parse_ctx {
	struct rt_ctx *ctx;
	struct arena *nodes;		/* the tree's nodes and texts */
	struct src_file *src;
	uint32_t file;
	struct ast_file *out;
	struct lex_state lex;
	uint32_t open_at[PARSE_MAX_NEST];	/* offsets of open ( and { */
	char open_ch[PARSE_MAX_NEST];
	unsigned nopen;				/* may exceed PARSE_MAX_NEST */
	uint32_t last_end;		/* end of the last token returned */
	bool at_end;			/* the scanner has returned end of file */
	bool stop;			/* error cap reached: feed end of file */
};

/*
 * Parse source file number file.  *out receives the AST (in the context's
 * arena) even when there were errors, so later checks can still run on
 * what parsed.  Returns the number of errors raised.
 */
int parse_file(struct rt_ctx *ctx, uint32_t file, struct ast_file **out);

/*
 * The same, with the tree's nodes and texts in nodes instead of the
 * context's arena (names are interned there still, diagnostics queued in
 * the context).
 */
int parse_file_in(struct rt_ctx *ctx, uint32_t file, struct arena *nodes,
		  struct ast_file **out);

/* For the grammar: the span before the first token. */
struct src_span parse_start_span(const struct parse_ctx *pc);

/* For the grammar: report a syntax error at span. */
void parse_syntax_error(struct parse_ctx *pc, struct src_span span,
			const char *unexpected, const char *const *expected,
			size_t nexpected);
void parse_error(struct parse_ctx *pc, struct src_span span, const char *msg);

#endif
