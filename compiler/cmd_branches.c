/*
 * cmd_branches.c: `retort branches`: the branch points (revisions two or
 * more revisions depend on), newest first, each with its children, as
 * Alembic's `branches` prints them.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "graph.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"

const char cmd_branches_help[] =
	"usage: retort branches [-v]\n"
	"\n"
	"List the branch points (revisions that two or more revisions depend\n"
	"on), newest first, as Alembic does: the branch point's line, then one\n"
	"line per child, \"-> CHILD\" under the id, then a blank line.\n"
	"\n"
	"options:\n"
	"  -v, --verbose   the branch point's block (as in `retort heads -v`)\n"
	"                  and each child's message\n";

static const struct option branches_options[] = {
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void add_branch_point(struct strbuf *sb, struct rt_ctx *ctx,
			     const struct rev *r, bool verbose)
{
	struct rev **kids;
	size_t nk = revfmt_sorted(ctx, r->children, r->nchildren, &kids);
	size_t i;

	/* Alembic: "%s\n%s\n" % (the branch point, its children) */
	if (verbose)
		revfmt_entry(sb, ctx, r);
	else
		revfmt_line(sb, r, REVFMT_LABELS | REVFMT_TREE);
	strbuf_addch(sb, '\n');
	for (i = 0; i < nk; i++) {
		strbuf_addf(sb, "%*s -> ", (int)strlen(r->id), "");
		revfmt_line(sb, kids[i], REVFMT_LABELS | REVFMT_TREE |
			    (verbose ? REVFMT_DOC : 0u));
		strbuf_addch(sb, '\n');
	}
	strbuf_addch(sb, '\n');
}

int cmd_branches(struct rt_ctx *ctx, const struct cli *cli, int argc,
		 char **argv)
{
	struct cli_opts o = { "branches", "+:hv", branches_options, false, 0 };
	const struct graph *g;
	struct strbuf sb;
	bool verbose = false;
	size_t i;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0)
		verbose = true;		/* -v */
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind < argc)
		return cli_usage_error("branches", "unexpected argument '%s'",
				       argv[optind]);
	/* The graph alone: no statement is needed. */
	ctx->headers_only = true;
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	strbuf_init(&sb);
	for (i = g->n; i-- > 0;) {
		if (g->revs[i]->nchildren > 1)
			add_branch_point(&sb, ctx, g->revs[i], verbose);
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return EXIT_OK;
}
