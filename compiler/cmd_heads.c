/*
 * cmd_heads.c: `retort heads`: the revisions nothing depends on, in
 * upgrade order, as Alembic's `heads` prints them.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "graph.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"

const char cmd_heads_help[] =
	"usage: retort heads [-v] [--resolve-dependencies]\n"
	"\n"
	"List the heads, in upgrade order, as Alembic does: one line each,\n"
	"\"ID (LABELS) (head)\".  A head that some revision requires is an\n"
	"effective head, marked \"(effective head)\".\n"
	"\n"
	"options:\n"
	"  -v, --verbose               Alembic's block for each head: Rev,\n"
	"                              Parent, Also depends on, Branch names,\n"
	"                              Path, then the message and the Revision\n"
	"                              ID, Revises and Create Date lines\n"
	"      --resolve-dependencies  only the heads that are not effective\n"
	"                              heads (the heads `head` chooses from)\n";

enum { OPT_RESOLVE = 256 };

static const struct option heads_options[] = {
	{ "verbose", no_argument, NULL, 'v' },
	{ "resolve-dependencies", no_argument, NULL, OPT_RESOLVE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void print_heads(struct rt_ctx *ctx, const struct graph *g,
			bool verbose, bool resolve)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];

		if (!r->head || (resolve && r->effective_head))
			continue;
		if (verbose)
			revfmt_entry(&sb, ctx, r);
		else
			revfmt_line(&sb, r, REVFMT_LABELS);
		strbuf_addch(&sb, '\n');
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
}

int cmd_heads(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct cli_opts o = { "heads", "+:hv", heads_options, false, 0 };
	bool verbose = false, resolve = false;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		if (c == 'v')
			verbose = true;
		else
			resolve = true;		/* OPT_RESOLVE */
	}
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind < argc)
		return cli_usage_error("heads", "unexpected argument '%s'",
				       argv[optind]);
	/* The graph alone: no statement is needed. */
	ctx->headers_only = true;
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	print_heads(ctx, cli->pl->graph, verbose, resolve);
	return EXIT_OK;
}
