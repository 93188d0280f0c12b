/*
 * ctx.c: creating and tearing down the per-run context.
 */
#include "rt.h"

#include <string.h>

void rt_ctx_init(struct rt_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	arena_init(&ctx->arena);
	src_table_init(&ctx->srcs);
	intern_init(&ctx->names);
}

void rt_ctx_release(struct rt_ctx *ctx)
{
	src_table_release(&ctx->srcs);
	intern_release(&ctx->names);
	arena_release(&ctx->arena);
	memset(&ctx->diags, 0, sizeof(ctx->diags));
}
