/*
 * graph.h: the revision graph (the third pipeline stage).  Built from a
 * loaded project: parents (depends), cross-branch dependencies (requires,
 * Alembic's depends_on; a label there stands for its branch's head) and
 * branch labels; checked (duplicates, unknown ids, cycles, redundant
 * dependencies, several heads) and put in CLI.md's upgrade order.
 */
#ifndef RT_GRAPH_H
#define RT_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ptrmap.h"

struct rt_ctx;
struct project;
struct ast_revision;
struct ast_node;

struct rev {
	const char *id;			/* interned */
	struct ast_revision *ast;
	uint32_t order;			/* place in struct graph's revs */
	/* Dependencies: the depends parents, then the requires targets,
	 * as written; word[i] is the AST_WORD that named deps[i]. */
	struct rev **deps;
	struct ast_node **word;
	uint32_t nparents;
	uint32_t ndeps;
	struct rev **children;		/* depend on this; in upgrade order */
	uint32_t nchildren;
	struct rev **requirers;		/* require this; in upgrade order */
	uint32_t nrequirers;
	/* The labels of the branch it is on: its own and those of every
	 * ancestor through depends alone, each once (shared, read-only). */
	const char **branch;
	uint32_t nbranch;
	bool head;			/* no revision depends on it */
	bool effective_head;		/* a head that some revision requires */
	uint32_t mark;			/* scratch for walks (graph_walk_begin) */
};

struct graph_reach;

struct graph {
	struct rev **revs;		/* in upgrade order (CLI.md "Order") */
	size_t n;
	struct rev **heads;		/* heads that are not effective heads */
	size_t nheads;
	struct ptrmap by_id;		/* interned id -> struct rev */
	struct ptrmap by_label;		/* interned label -> labelled rev */
	uint32_t walk;			/* current walk generation */
	struct rev **stack;		/* scratch for walks: n entries */
	struct graph_reach *reach;	/* graph_is_ancestor's labels, by order */
};

/*
 * Build and check the graph of project p.  Returns the number of errors;
 * on 0, *out is the graph (free it with graph_free), else *out is NULL.
 * Several heads are a warning here (check --strict makes it fail).
 */
int graph_build(struct rt_ctx *ctx, const struct project *p,
		struct graph **out);

void graph_free(struct graph *g);

/* The revision with exactly this (interned or not) id, or NULL. */
struct rev *graph_find(const struct graph *g, struct rt_ctx *ctx,
		       const char *id);

/* The revision that carries label (interned or not), or NULL. */
struct rev *graph_label(const struct graph *g, struct rt_ctx *ctx,
			const char *label);

/*
 * Is a an ancestor of b (through depends and requires)?  a != b.  Most
 * answers take a few comparisons of labels graph_build computed in
 * O(V+E) (the upgrade order and two depth-first interval labellings);
 * the rest walk from b towards a, pruned by the same labels.
 */
bool graph_is_ancestor(struct graph *g, const struct rev *a,
		       const struct rev *b);

/*
 * The first v[i] that is an ancestor of another v[j], and (in *of) the
 * first such j; n if none is.  O(V+E) however large n is.
 */
size_t graph_first_ancestor(struct graph *g, struct rev *const *v, size_t n,
			    size_t *of);

/*
 * Is r's dependency deps[j] an ancestor of another of its dependencies?
 * SQL.md's version-table rule leaves such a one out (check warns).
 */
bool graph_dep_implied(struct graph *g, const struct rev *r, uint32_t j);

/* Is r on the branch that carries label (interned)? */
static inline bool graph_on_branch(const struct rev *r, const char *label)
{
	uint32_t i;

	for (i = 0; i < r->nbranch; i++) {
		if (r->branch[i] == label)
			return true;
	}
	return false;
}

/* Start a walk: every rev's mark differs from the returned value. */
uint32_t graph_walk_begin(struct graph *g);

#endif
