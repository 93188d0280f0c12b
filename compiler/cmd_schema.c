/*
 * cmd_schema.c: `retort schema [TARGET] -d DIALECT`: the modelled schema
 * at TARGET (default heads) as that dialect's CREATE statements.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "emit.h"
#include "graph.h"
#include "rt.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_schema_help[] =
	"usage: retort schema [TARGET] [-d DIALECT]\n"
	"\n"
	"Print the schema the model holds at TARGET (default heads) as\n"
	"CREATE TABLE and CREATE INDEX statements for DIALECT, tables in\n"
	"name order.  Nothing is run; raw SQL blocks are not in the model.\n"
	"\n"
	"options:\n"
	"  -d, --dialect NAME        the dialect (default: the first of the\n"
	"                            config's dialects): @DIALECTS@\n";

static const struct option schema_options[] = {
	{ "dialect", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Is closure(t) every revision (the model the load replayed)? */
static bool whole(struct graph *g, const struct target *t)
{
	bool *in = xcalloc(g->n + 1, sizeof(*in));
	size_t i, n = 0;

	target_closure_flags(g, t, in);
	for (i = 0; i < g->n; i++)
		n += in[i];
	free(in);
	return n == g->n;
}

int cmd_schema(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv)
{
	struct cli_opts o = { "schema", ":d:h", schema_options, false, 0 };
	const struct dialect *d = NULL;
	const char *text = "heads", *err = NULL;
	struct graph *g;
	struct schema *model;
	struct target t;
	struct strbuf out;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		/* -d */
		if (!(d = cli_dialect_arg("schema", optarg)))
			return EXIT_USAGE;
	}
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind + 1 < argc)
		return cli_usage_error("schema", "too many arguments");
	if (optind < argc)
		text = argv[optind];
	if (!d)
		d = cli_default_dialect(cli);
	if (!d)
		return cli_no_dialect("schema");
	rc = cli_load(ctx, cli);
	if (rc == EXIT_OK && emit_check(ctx, cli->pl->graph, d) != 0)
		rc = EXIT_INVALID;
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	if (target_resolve(ctx, g, text, NULL, &t, &err) < 0)
		return cli_usage_error("schema", "%s", err);
	model = cli->pl->model;
	if (!whole(g, &t) && script_model_at(ctx, g, &t, &model) != 0)
		return EXIT_INVALID;
	strbuf_init(&out);
	if (emit_schema(ctx, model, d, &out) != 0)
		rc = EXIT_INVALID;
	else
		fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return rc;
}
