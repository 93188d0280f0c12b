/*
 * cmd_schema.c: `retort schema [TARGET] -d DIALECT`: the modelled schema
 * at TARGET (default heads) as that dialect's CREATE statements.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "emit.h"
#include "graph.h"
#include "project.h"
#include "rt.h"
#include "strbuf.h"
#include "target.h"

const char cmd_schema_help[] =
	"usage: retort schema [TARGET] [-d DIALECT]\n"
	"\n"
	"Print the schema the model holds at TARGET (default heads) as\n"
	"CREATE TABLE and CREATE INDEX statements for DIALECT, tables in\n"
	"name order.  Nothing is run; raw SQL blocks are not in the model.\n"
	"\n"
	"options:\n"
	"  -d, --dialect NAME        postgresql or sqlite (default: the first\n"
	"                            of the config's dialects)\n";

static const struct option schema_options[] = {
	{ "dialect", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_schema(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv)
{
	const struct dialect *d = NULL;
	const char *text = "heads", *err = NULL;
	struct project *p;
	struct graph *g;
	struct target t;
	struct strbuf out;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:h", schema_options, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!(d = dialect_find(optarg)))
				return cli_usage_error("schema", "unknown dialect "
						       "'%s' (expected "
						       "postgresql or sqlite)",
						       optarg);
			break;
		case 'h':
			return cli_print_help("schema");
		default:
			return cli_bad_option("schema", c, optopt, argv, optind);
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error("schema", "too many arguments");
	if (optind < argc)
		text = argv[optind];
	if (!d)
		d = cli_default_dialect(cli);
	if (!d)
		return cli_no_dialect("schema");
	rc = cli_load_model(ctx, cli, &p, &g);
	if (rc != EXIT_OK)
		return rc;
	if (target_resolve(ctx, g, text, NULL, &t, &err) < 0) {
		graph_free(g);
		return cli_usage_error("schema", "%s", err);
	}
	strbuf_init(&out);
	emit_schema(ctx, g, &t, d, &out);
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	graph_free(g);
	return EXIT_OK;
}
