/*
 * verify.h: `retort verify`: the project run in an in-memory SQLite
 * database (libsqlite3) with retort's own SQLite scripts, step by step
 * from base.  After each revision's up step the database's schema, read
 * back with PRAGMAs, must equal the model's; then its down step must
 * give back the schema from before it, and its up step run again the
 * schema from after it.  Concurrent revisions that do not commute (what
 * check warns about) are run in both orders, which must give the same
 * schema.  The first difference is an error at the revision's block.
 */
#ifndef RT_VERIFY_H
#define RT_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct emit_opts;
struct graph;
struct project;
struct target;

struct verify_stats {
	size_t steps;		/* up steps run and compared */
	size_t round_trips;	/* down, then up again */
	size_t orders;		/* pairs of branches run in both orders */
	size_t skipped;		/* tables left out: raw DDL touched them */
};

/*
 * Verify the revisions of closure(to) in upgrade order (the round trip
 * only for those not in closure(from)), then the pairs of them that do
 * not commute.  o: the scripts' options (version table).  Returns the
 * number of errors raised (the first difference stops it).
 */
int verify_run(struct rt_ctx *ctx, const struct project *proj,
	       struct graph *g, const struct target *from,
	       const struct target *to, const struct emit_opts *o,
	       struct verify_stats *st);

#endif
