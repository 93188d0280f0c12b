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
#include "commute.h"
#include "config.h"
#include "emit.h"
#include "diag.h"
#include "dialect.h"
#include "graph.h"
#include "lint.h"
#include "plan.h"
#include "project.h"
#include "revfmt.h"
#include "sarif.h"
#include "rt.h"
#include "schema.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_check_help[] =
	"usage: retort check [--strict] [--format text|json|github|sarif]\n"
	"\n"
	"Parse every .mig file under the versions directory, check the\n"
	"revision graph, replay the revisions over the schema model and run\n"
	"the lints: R101 destructive change, R102 not null without default,\n"
	"R103 type narrowing, R104 irreversible revision, R105 raw DDL, R106\n"
	"revision id prefix, R111 down does not undo up; where a configured\n"
	"dialect has a lock table (@LOCKS_DIALECTS@): R107 table rewrite,\n"
	"R108 index without concurrently, R109 constraint without not valid,\n"
	"R110 set not null scan.  A comment on or above a statement that\n"
	"says \"retort: ignore R102\", or retort.ini's lints key, turns one\n"
	"off.\n"
	"Exit status 0 when the project is valid, 1 when it has errors (or,\n"
	"with --strict, warnings, several heads among them), 2 for a usage\n"
	"error, 3 when a file cannot be read.\n"
	"\n"
	"options:\n"
	"  --strict          treat warnings as errors\n"
	"  --format FORMAT   text (default, on stderr); json (one object on\n"
	"                    stdout: errors, warnings, diagnostics, heads);\n"
	"                    github (GitHub Actions workflow commands on stdout);\n"
	"                    sarif (a SARIF 2.1.0 log on stdout)\n";

enum check_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB, FORMAT_SARIF };

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
			struct strbuf subject;

			strbuf_init(&subject);
			revfmt_subject(&subject, r->message);
			fprintf(stderr, "%s: %s%s%s\n",
				src_get(ctx, f->file)->path,
				r->id ? r->id->u.word.text : "?",
				subject.len ? "  " : "",
				subject.len ? subject.buf : "");
			strbuf_release(&subject);
		}
	}
}

/* check --format json: one object on stdout. */
static void print_json(struct rt_ctx *ctx, const struct graph *g)
{
	size_t i;

	printf("{\n  \"errors\": %u,\n  \"warnings\": %u,\n"
	       "  \"diagnostics\": ", ctx->diags.errors, ctx->diags.warnings);
	diag_flush_json(ctx, stdout);
	fputs(",\n  \"heads\": [", stdout);
	for (i = 0; g && i < g->nheads; i++) {
		fputs(i ? ", " : "", stdout);
		json_string(stdout, g->heads[i]->id);
	}
	fputs("]\n}\n", stdout);
}

static void discard(void *arg, size_t di, enum script_kind kind, size_t i,
		    struct strbuf *text)
{
	(void)arg;
	(void)di;
	(void)kind;
	(void)i;
	(void)text;
}

/*
 * Write, and throw away, every script of every dialect ds names: the
 * whole upgrade, each down block where the replay checks it (right
 * after its up block, below an irreversible revision too) and the
 * downgrade from the top.  What only writing finds (a SQLite rebuild of
 * a table raw SQL may have changed) is an error of the project too, and
 * check finds it first.  The project was replayed once already: its
 * warnings are not raised again.
 */
static int check_scripts(struct rt_ctx *ctx, const struct cli *cli,
			 const struct dialect *const *ds, size_t nd)
{
	struct script_sink sink = { discard, NULL, false, 0 };
	struct emit_opts o;
	int errors;

	cli_emit_defaults(cli, &o);
	ctx->diags.mute_warnings++;
	errors = script_walk(ctx, cli->pl->project, cli->pl->graph, ds, nd, &o,
			     &sink);
	ctx->diags.mute_warnings--;
	return errors;
}

/* Does any revision hold raw SQL with DDL?  Without it, writing cannot
 * fail where the model and emit_check passed (emit.h: a SQLite rebuild
 * after raw DDL is the one error only writing finds), so check skips
 * it, unless a dialect's emitter checks the model (dialect.h): raw
 * data changes (a DELETE in a down block) need no writing. */
static bool has_raw_ddl(const struct graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct ast_node *b, *s;

		for (b = g->revs[i]->ast->blocks.head; b; b = b->next)
			for (s = b->u.block.stmts.head; s; s = s->next)
				if (s->kind == AST_RAW_SQL &&
				    schema_raw_is_ddl(s))
					return true;
	}
	return false;
}

/* Does a revision add an enum label?  PostgreSQL's emitter then checks
 * that no statement uses it in the same transaction. */
static bool has_add_value(const struct graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct ast_node *b, *s;

		for (b = g->revs[i]->ast->blocks.head; b; b = b->next)
			for (s = b->u.block.stmts.head; s; s = s->next)
				if (s->kind == AST_ADD_VALUE)
					return true;
	}
	return false;
}

/* What each configured dialect (default: all) can express and write. */
static int check_dialects(struct rt_ctx *ctx, const struct cli *cli)
{
	const struct dialect *ds[CONFIG_MAX_DIALECTS];
	const struct graph *g = cli->pl->graph;
	size_t i, n = cli_dialects(cli, ds), nok = 0;
	bool raw = has_raw_ddl(g), enums = has_add_value(g);
	int rc = EXIT_OK;

	/* Those whose statements it can express are written: all of
	 * them after raw SQL, else those whose emitter finds errors in
	 * the model (dialect.h). */
	for (i = 0; i < n; i++) {
		if (emit_check(ctx, g, ds[i]) != 0)
			rc = EXIT_INVALID;
		else if (raw || ds[i]->model_checks ||
			 (enums && ds[i]->enums == ENUM_NAMED))
			ds[nok++] = ds[i];
	}
	if (nok && check_scripts(ctx, cli, ds, nok))
		rc = EXIT_INVALID;
	return rc;
}

static int parse_format(const char *s, enum check_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = FORMAT_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = FORMAT_JSON;
	else if (strcmp(s, "github") == 0)
		*f = FORMAT_GITHUB;
	else if (strcmp(s, "sarif") == 0)
		*f = FORMAT_SARIF;
	else
		return cli_usage_error("check", "unknown format '%s' (expected "
				       "text, json, github or sarif)", s);
	return EXIT_OK;
}

int cmd_check(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct cli_opts o = { "check", "+:h", check_options, false, 0 };
	const struct project *p;
	struct commute *cm;
	struct lint *lints = NULL;
	enum check_format format = FORMAT_TEXT;
	bool strict = false;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		if (c == OPT_STRICT)
			strict = true;
		else if (parse_format(optarg, &format) != EXIT_OK)
			return EXIT_USAGE;
	}
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind < argc)
		return cli_usage_error("check", "unexpected argument '%s'",
				       argv[optind]);

	/* The one replay also records what each revision does, to tell
	 * which concurrent branches do not commute, and runs the lints. */
	cm = commute_new(ctx);
	rc = cli_load(ctx, cli);
	if (rc == EXIT_OK) {
		const struct dialect *ds[CONFIG_MAX_DIALECTS];
		size_t nd = cli_dialects(cli, ds);

		lints = lint_new(ctx, cli->pl->graph, ds, nd,
				 cli->cfg->lints_off);
		cli->pl->watch = lint_watch(lints, commute_watch(cm));
		rc = cli_replay(ctx, cli);
	}
	p = cli->pl->project;
	if (rc == EXIT_OK)
		commute_report(cm, cli->pl->graph, NULL, NULL);
	commute_free(cm);
	lint_free(lints);
	if (rc == EXIT_OK)
		rc = check_dialects(ctx, cli);
	if (ctx->verbose && p)
		list_revisions(ctx, p);
	/* Under --strict a warning fails the run, so it is always shown. */
	if (strict)
		ctx->quiet = false;
	if (format == FORMAT_JSON)
		print_json(ctx, cli->pl->graph);
	else if (format == FORMAT_GITHUB)
		diag_flush_github(ctx, stdout);
	else if (format == FORMAT_SARIF)
		sarif_flush(ctx, stdout);
	else
		diag_flush(ctx, stderr);
	if (rc == EXIT_IO)
		return EXIT_IO;
	if (!ctx->quiet) {
		unsigned e = ctx->diags.errors, w = ctx->diags.warnings;

		fprintf(stderr,
			"retort: %zu revision%s in %zu file%s: %u error%s, "
			"%u warning%s%s\n",
			p->nrevs, p->nrevs == 1 ? "" : "s", p->nfiles,
			p->nfiles == 1 ? "" : "s", e, e == 1 ? "" : "s", w,
			w == 1 ? "" : "s", strict && w && !e ?
			" (--strict: the warnings fail the check)" : "");
	}
	if (ctx->diags.errors)
		return EXIT_INVALID;
	if (strict && ctx->diags.warnings)
		return EXIT_INVALID;
	return EXIT_OK;
}
