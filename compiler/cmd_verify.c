/*
 * cmd_verify.c: `retort verify [RANGE]`: the project run in an
 * in-memory SQLite database with retort's own scripts (verify.h).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dialect.h"
#include "emit.h"
#include "graph.h"
#include "rt.h"
#include "target.h"
#include "util.h"
#include "verify.h"

const char cmd_verify_help[] =
	"usage: retort verify [[FROM:]TO]\n"
	"\n"
	"Run the project in an in-memory SQLite database (nothing is written\n"
	"anywhere) with the scripts retort writes for sqlite, step by step\n"
	"from base to TO (default heads).  After each revision's up step the\n"
	"database's schema, read back with PRAGMAs (tables; columns with\n"
	"type, nullability and default; keys; foreign keys; checks; indexes),\n"
	"must equal the model's.  Then, for each revision after FROM (default\n"
	"base), its down step must give back the schema from before it, and\n"
	"its up step run again the schema from after it (column order aside,\n"
	"with a note).  Concurrent revisions that do not commute (check warns\n"
	"about them) are also run in the other order, which must give the\n"
	"same schema.  The first difference is an error at the revision's\n"
	"block, naming what differs; a table raw SQL with DDL may have\n"
	"changed is left out, with a note.\n"
	"\n"
	"Exit status 0 when everything matches, 1 at the first difference\n"
	"(or an error of the project), 2 for a usage error.\n";

static const struct option verify_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void summary(const struct verify_stats *st, size_t n)
{
	fprintf(stderr, "retort verify: %zu revision%s run in sqlite and "
		"compared with the model; %zu down step%s undone and run "
		"again; %zu pair%s of branches run in both orders\n", n,
		n == 1 ? "" : "s", st->round_trips,
		st->round_trips == 1 ? "" : "s", st->orders,
		st->orders == 1 ? "" : "s");
}

int cmd_verify(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv)
{
	struct cli_opts o = { "verify", "+:h", verify_options, false, 0 };
	const char *range = "heads", *err = NULL;
	const struct dialect *d = dialect_named("sqlite");
	struct target from, to;
	struct verify_stats st;
	struct emit_opts eo;
	struct graph *g;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0)
		;
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind + 1 < argc)
		return cli_usage_error("verify", "too many arguments");
	if (optind < argc)
		range = argv[optind];
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	if (target_range(ctx, g, range, "base", &from, &to, &err) < 0)
		return cli_usage_error("verify", "%s", err);
	if (to.branch)
		return cli_usage_error("verify", "\"%s\" is a downgrade target",
				       range);
	/* What sqlite cannot express is an error before anything runs. */
	if (emit_check(ctx, g, d) != 0)
		return EXIT_INVALID;
	cli_emit_defaults(cli, &eo);
	if (verify_run(ctx, cli->pl->project, g, &from, &to, &eo, &st) != 0)
		return EXIT_INVALID;
	diag_flush(ctx, stderr);
	if (!ctx->quiet) {
		size_t i, n = 0;
		bool *in = xcalloc(g->n + 1, sizeof(*in));

		target_closure_flags(g, &to, in);
		for (i = 0; i < g->n; i++)
			n += in[i];
		free(in);
		summary(&st, n);
	}
	return EXIT_OK;
}
