/*
 * cmd_check.c: `retort check`: load the whole project (parse, resolve),
 * print every diagnostic, and say whether it is valid.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "cli.h"
#include "diag.h"
#include "graph.h"
#include "project.h"
#include "rt.h"

const char cmd_check_help[] =
	"usage: retort check [--strict] [--format text|github]\n"
	"\n"
	"Parse every .mig file under the versions directory and check it.\n"
	"Exit status 0 when the project is valid, 1 when it has errors (or,\n"
	"with --strict, warnings), 2 for a usage error, 3 when a file cannot\n"
	"be read.\n"
	"\n"
	"options:\n"
	"  --strict          treat warnings as errors\n"
	"  --format FORMAT   text (default), or github for GitHub Actions\n"
	"                    workflow commands on stdout\n";

enum { OPT_STRICT = 256, OPT_FORMAT };

static const struct option check_options[] = {
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* -v: each file and the revisions in it, with their summaries. */
static void list_revisions(struct rt_ctx *ctx, const struct project *p)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++) {
		const struct ast_file *f = p->files[i];
		const struct ast_revision *r;

		for (r = f->revs; r; r = r->next) {
			const char *m = r->message ? r->message : "";
			int len = (int)strcspn(m, "\n");

			fprintf(stderr, "%s: %s%s%.*s\n",
				src_get(ctx, f->file)->path,
				r->id ? r->id->u.word.text : "?",
				len ? "  " : "", len, m);
		}
	}
}

int cmd_check(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct project *p = NULL;
	struct graph *g = NULL;
	bool strict = false, github = false;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+:h", check_options, NULL)) != -1) {
		switch (c) {
		case OPT_STRICT:
			strict = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "github") == 0)
				github = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("check",
						       "unknown format '%s' "
						       "(expected text or "
						       "github)", optarg);
			break;
		case 'h':
			return cli_print_help("check");
		default:
			return cli_bad_option("check", c, optopt, argv, optind);
		}
	}
	if (optind < argc)
		return cli_usage_error("check", "unexpected argument '%s'",
				       argv[optind]);

	rc = project_load(ctx, cli->versions, &p);
	if (rc == PROJECT_OK && graph_build(ctx, p, &g) == 0)
		graph_free(g);
	if (ctx->verbose && rc != PROJECT_IO)
		list_revisions(ctx, p);
	/* Under --strict a warning fails the run, so it is always shown. */
	if (strict)
		ctx->quiet = false;
	if (github)
		diag_flush_github(ctx, stdout);
	else
		diag_flush(ctx, stderr);
	if (rc == PROJECT_IO)
		return EXIT_IO;
	if (!ctx->quiet) {
		unsigned e = ctx->diags.errors, w = ctx->diags.warnings;

		fprintf(stderr,
			"retort: %zu revision%s in %zu file%s: %u error%s, "
			"%u warning%s\n",
			p->nrevs, p->nrevs == 1 ? "" : "s", p->nfiles,
			p->nfiles == 1 ? "" : "s", e, e == 1 ? "" : "s", w,
			w == 1 ? "" : "s");
	}
	if (ctx->diags.errors)
		return EXIT_INVALID;
	if (strict && ctx->diags.warnings)
		return EXIT_INVALID;
	return EXIT_OK;
}
