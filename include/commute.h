/*
 * commute.h: do concurrent branches commute?  Two revisions that are not
 * ancestors of each other can reach a database in either order.  While
 * the model is replayed once (in upgrade order), each up block's
 * statements are recorded by what they create, drop, alter or use
 * (tables, columns, indexes and constraints, the key a foreign key
 * needs, a table's rows); two concurrent revisions whose records clash
 * on one object do not commute: in the other order a statement fails or
 * the result differs.  The cost is that of the changes, not of the
 * orders.
 */
#ifndef RT_COMMUTE_H
#define RT_COMMUTE_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct graph;
struct rev;
struct schema_watch;
struct commute;

/* A recorder for a replay (xmalloc'ed; commute_free it). */
struct commute *commute_new(struct rt_ctx *ctx);
void commute_free(struct commute *c);

/* The watch to hand schema_replay of g's revisions in upgrade order. */
const struct schema_watch *commute_watch(struct commute *c);

/*
 * After the replay: a warning for each pair of concurrent revisions
 * that do not commute, at the later one's statement in upgrade order,
 * with a note at the other's; once per pair, in a fixed order.  want
 * (NULL: every pair) picks the pairs to report.  Returns how many.
 */
size_t commute_report(struct commute *c, struct graph *g,
		      bool (*want)(void *arg, const struct rev *a,
				   const struct rev *b),
		      void *arg);

#endif
