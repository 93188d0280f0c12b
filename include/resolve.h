/*
 * resolve.h: the checks a single file can answer on its own, run after it
 * parses: header clauses (each once, of the right form), revision ids and
 * labels, blocks (an up block, at most one of each), raw-block dialects,
 * types and VALUES arity.  Fills in struct ast_revision's summary fields.
 */
#ifndef RT_RESOLVE_H
#define RT_RESOLVE_H

struct rt_ctx;
struct ast_file;

#include <stddef.h>

/* The longest revision id: Alembic's version_num is VARCHAR(32). */
#define REVISION_ID_MAX 32

/* What is wrong with s as a revision id or label (LANGUAGE.md). */
enum word_problem {
	WORD_OK,
	WORD_EMPTY,
	WORD_CHARS,		/* other than [A-Za-z0-9_] */
	WORD_LONG,		/* over REVISION_ID_MAX */
	WORD_RESERVED,		/* head, base, a clause word, ... */
};

enum word_problem resolve_word_problem(const char *s);

/* The message for problem p of s, a "revision id" or "label" (what),
 * in the context's arena; p must not be WORD_OK. */
const char *resolve_word_message(struct rt_ctx *ctx, enum word_problem p,
				 const char *s, const char *what);

/* Check one parsed file; returns the number of errors raised. */
int resolve_file(struct rt_ctx *ctx, struct ast_file *file);

/* After every file of a project resolved: warn about each type that is
 * neither portable nor an enum type the project creates. */
void resolve_types(struct rt_ctx *ctx, struct ast_file *const *files,
		   size_t n);

#endif
