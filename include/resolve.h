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

/* The longest revision id: Alembic's version_num is VARCHAR(32). */
#define REVISION_ID_MAX 32

/* Check one parsed file; returns the number of errors raised. */
int resolve_file(struct rt_ctx *ctx, struct ast_file *file);

#endif
