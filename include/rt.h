/*
 * rt.h: struct rt_ctx, the state of one run.  Every stage takes it first;
 * nothing else is global.
 */
#ifndef RT_RT_H
#define RT_RT_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "intern.h"
#include "srcfile.h"

struct config;

struct rt_ctx {
	struct arena arena;		/* AST, names, messages */
	struct diag_queue diags;
	struct src_table srcs;
	struct intern_table names;
	bool color;			/* colour diagnostics */
	bool quiet;			/* -q: no warnings, no progress */
	int verbose;			/* -v count */
	/* project_load keeps only what the graph needs of each revision
	 * (ast_file_headers): for the commands that read no statement. */
	bool headers_only;
	/* project_load need not hash the sources (struct project's
	 * digest): for the commands that write no SQL. */
	bool no_digest;
	const char *stage;		/* code of the diagnostics raised now */
	const struct config *cfg;	/* retort.ini as read, or NULL */
};

void rt_ctx_init(struct rt_ctx *ctx);

/* Free everything the context owns (diagnostics must have been flushed). */
void rt_ctx_release(struct rt_ctx *ctx);

#endif
