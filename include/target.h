/*
 * target.h: Alembic's target grammar (CLI.md "Targets") resolved against
 * the graph: head, heads, base, ids and unique prefixes, LABEL@head,
 * LABEL@base, LABEL@ID, ID@head, relative steps (+N, -N, ID+N, ID-N,
 * head-N, LABEL@+N, LABEL@head-N), comma lists and FROM:TO ranges.
 */
#ifndef RT_TARGET_H
#define RT_TARGET_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct graph;
struct rev;

/*
 * A resolved target: the state that `upgrade base:TARGET` leaves is revs
 * and everything they need.  n == 0 is base.  LABEL@base also sets
 * branch: the root of that branch, whose revisions a downgrade undoes.
 */
struct target {
	struct rev **revs;	/* in upgrade order, each once (arena) */
	size_t n;
	struct rev *branch;	/* LABEL@base only */
};

/*
 * Resolve text.  Relative targets (+N, -N, LABEL@+N) step from start
 * (NULL or n == 0: base).  Returns 0, or -1 with *err set to a one-line
 * message (in the arena) for a usage error.
 */
int target_resolve(struct rt_ctx *ctx, struct graph *g, const char *text,
		   const struct target *start, struct target *out,
		   const char **err);

/*
 * Split "FROM:TO" (or just "TO", when FROM is default_from; NULL means
 * a FROM is required) and resolve both, TO relative to FROM.
 */
int target_range(struct rt_ctx *ctx, struct graph *g, const char *text,
		 const char *default_from, struct target *from,
		 struct target *to, const char **err);

/* The rows of Alembic's version table for a state: the revisions of
 * closure(t) that nothing else in it depends on or requires, in order.
 * Returns the count; *rows is in the arena. */
size_t target_rows(struct rt_ctx *ctx, struct graph *g,
		   const struct target *t, struct rev ***rows);

/* Mark closure(t) (t's revisions and all they need): every rev in it
 * gets mark == the returned walk generation. */
unsigned target_mark_closure(struct graph *g, const struct target *t);

/* closure(t) as in[r->order] flags, which outlast the next walk (marks
 * do not): in has room for every revision of g. */
void target_closure_flags(struct graph *g, const struct target *t, bool *in);

#endif
