/*
 * separate.h: branches kept apart on purpose (retort.ini's `heads`, as
 * LABEL@head: an Alembic expand/contract pair).  Their heads are no
 * multiple-heads warning, get no advice to merge them, and `merge` does
 * not join them unless told to.
 */
#ifndef RT_SEPARATE_H
#define RT_SEPARATE_H

#include <stdbool.h>
#include <stddef.h>

#include "srcfile.h"

struct rt_ctx;
struct config;
struct graph;
struct rev;
struct strbuf;

/*
 * Add item ("LABEL@head", written at span at of the config file) to
 * cfg's branches kept apart.  Returns NULL, or the error message (in the
 * context's arena) for an item of another form, a label that cannot be
 * one, or one listed twice.
 */
const char *separate_add(struct rt_ctx *ctx, struct config *cfg,
			 const char *item, struct src_span at);

/* The branches kept apart in the run's config (ctx->cfg), if any. */
size_t separate_count(const struct rt_ctx *ctx);

/*
 * The graph's heads beside the branches kept apart, for graph.c: warn
 * about a declared label no revision carries, a kept-apart branch with
 * several heads, and heads on no kept-apart branch (with the others).
 * Returns false, doing nothing, when no branch is kept apart: then the
 * caller's plain multiple-heads warning applies.
 */
bool separate_check_heads(struct rt_ctx *ctx, struct graph *g);

/* Append " (L1@head or L2@head)" for the branches kept apart, or
 * nothing: what `revision --head` takes among several heads. */
void separate_head_hint(const struct rt_ctx *ctx, struct strbuf *sb);

/*
 * merge's parents when no target is given and branches are kept apart:
 * the heads of the one group that has several (a kept-apart branch, or
 * the heads on none).  Fills out (room for g->nheads) and returns how
 * many; 0 with *why set when there is no such group or more than one.
 */
size_t separate_merge_heads(struct rt_ctx *ctx, struct graph *g,
			    struct rev **out, const char **why);

#endif
