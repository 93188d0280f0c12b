/*
 * cmd_migrate.c: `retort upgrade`, `downgrade` and `stamp`: check the
 * whole project, resolve the range, plan it and write the script for one
 * dialect, to stdout or atomically to -o FILE.  Any error: no output.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "cli.h"
#include "dialect.h"
#include "diag.h"
#include "emit.h"
#include "graph.h"
#include "out.h"
#include "plan.h"
#include "project.h"
#include "rt.h"
#include "schema.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

#define COMMON_OPTIONS \
	"  -d, --dialect NAME        the dialect (default: the first of the\n" \
	"                            config's dialects): @DIALECTS@\n" \
	"  -o, --output FILE         write FILE (atomically) instead of stdout\n" \
	"  --version-table NAME      the version table (alembic_version)\n" \
	"  --version-table-schema S  its schema (@SCHEMA_DIALECTS@)\n" \
	"  --transaction-per-migration  BEGIN/COMMIT around each revision\n" \
	"  --no-transaction-per-migration  one transaction for the whole\n" \
	"                            script (the default, unless the config\n" \
	"                            says otherwise)\n" \
	"  --no-transaction          no transactions at all (the three for\n" \
	"                            @TX_DIALECTS@; the others commit DDL at\n" \
	"                            once and have none)\n" \
	"  --no-guard                no check of the version table first\n" \
	"  --lock-timeout DURATION   the lock timeout in each transaction (5s,\n" \
	"                            200ms; an empty DURATION sets none), for\n" \
	"                            @LOCK_DIALECTS@\n"

const char cmd_upgrade_help[] =
	"usage: retort upgrade [FROM:]TO [-d DIALECT] [options]\n"
	"\n"
	"Write the SQL that moves a database from FROM (default base) to TO.\n"
	"FROM may name several revisions (heads, a,b).  The script first\n"
	"checks that the version table holds exactly FROM's rows, and stops,\n"
	"changing nothing, if it does not.\n"
	"\n"
	"options:\n" COMMON_OPTIONS;

const char cmd_downgrade_help[] =
	"usage: retort downgrade FROM:TO [-d DIALECT] [options]\n"
	"\n"
	"Write the SQL that moves a database back from FROM to TO: every\n"
	"revision of FROM's state that descends from TO is undone, newest\n"
	"first, and every one that depends on or requires one undone.  TO\n"
	"may be relative: head:-1 is one step back from the head.\n"
	"\n"
	"options:\n" COMMON_OPTIONS;

const char cmd_stamp_help[] =
	"usage: retort stamp [FROM:]TO [-d DIALECT] [options] [--purge]\n"
	"\n"
	"Write only the version-table statements that move it from FROM to\n"
	"TO, with no schema change.\n"
	"\n"
	"options:\n" COMMON_OPTIONS
	"  --purge                   empty the version table first (no guard)\n";

enum {
	OPT_VT = 256,
	OPT_VT_SCHEMA,
	OPT_TPM,
	OPT_NO_TPM,
	OPT_NO_TX,
	OPT_NO_GUARD,
	OPT_LOCK,
	OPT_PURGE,
};

static const struct option migrate_options[] = {
	{ "dialect", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "version-table", required_argument, NULL, OPT_VT },
	{ "version-table-schema", required_argument, NULL, OPT_VT_SCHEMA },
	{ "transaction-per-migration", no_argument, NULL, OPT_TPM },
	{ "no-transaction-per-migration", no_argument, NULL, OPT_NO_TPM },
	{ "no-transaction", no_argument, NULL, OPT_NO_TX },
	{ "no-guard", no_argument, NULL, OPT_NO_GUARD },
	{ "lock-timeout", required_argument, NULL, OPT_LOCK },
	{ "purge", no_argument, NULL, OPT_PURGE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct migrate {
	enum step_kind kind;
	const char *name;
	const struct dialect *d;
	const char *output;
	const char *range;
	struct emit_opts o;
};

static int parse_options(struct migrate *m, int argc, char **argv)
{
	struct cli_opts o = { m->name, ":d:o:h", migrate_options, false, 0 };
	bool schema_given = false;
	int c;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		switch (c) {
		case 'd':
			m->d = cli_dialect_arg(m->name, optarg);
			if (!m->d)
				return EXIT_USAGE;
			break;
		case 'o':
			m->output = optarg;
			break;
		case OPT_VT:
		case OPT_VT_SCHEMA:
			if (!sql_plain_name(optarg))
				return cli_usage_error(m->name, "'%s' is not a "
						       "plain SQL name", optarg);
			*(c == OPT_VT ? &m->o.version_table
				      : &m->o.version_schema) = optarg;
			schema_given |= c == OPT_VT_SCHEMA;
			break;
		case OPT_TPM:
			m->o.tx = TX_PER_MIGRATION;
			break;
		case OPT_NO_TPM:
			m->o.tx = TX_SCRIPT;
			break;
		case OPT_NO_TX:
			m->o.tx = TX_NONE;
			break;
		case OPT_NO_GUARD:
			m->o.guard = false;
			break;
		case OPT_LOCK:
			if (!*optarg) {
				m->o.lock_timeout = NULL;
				break;
			}
			if (!duration_ok(optarg))
				return cli_usage_error(m->name, "bad duration "
						       "'%s' (like 5s or 200ms)",
						       optarg);
			m->o.lock_timeout = optarg;
			break;
		case OPT_PURGE:
			if (m->kind != STEP_STAMP)
				return cli_bad_option(m->name, '?', 0, argv,
						      optind);
			m->o.purge = true;
			break;
		}
	}
	if (c == CLI_OPT_STOP)
		return o.rc == EXIT_OK ? -1 : o.rc;
	if (optind + 1 != argc)
		return cli_usage_error(m->name, optind < argc ?
				       "too many arguments" :
				       "missing the range ([FROM:]TO)");
	m->range = argv[optind];
	if (!m->d)
		return cli_no_dialect(m->name);
	/* The config's schema applies where there are schemas (emit.c);
	 * the option, given for a dialect without, is a mistake. */
	if (schema_given && !m->d->schemas) {
		struct strbuf which;

		strbuf_init(&which);
		dialect_list(&which, DIALECTS_SCHEMAS, " and ");
		cli_usage_error(m->name, "--version-table-schema is for %s "
				"only", which.buf);
		strbuf_release(&which);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * The whole project must be valid, for this dialect too.  The model is
 * replayed here unless the script is the whole upgrade from base, which
 * the one replay that checks the project writes (*whole).
 */
static int validate(struct rt_ctx *ctx, const struct cli *cli,
		    const struct migrate *m, struct target *from,
		    struct target *to, struct plan **whole)
{
	struct graph *g;
	struct plan *plan;
	const char *err;
	int rc = cli_load(ctx, cli);

	*whole = NULL;
	if (rc == EXIT_OK && emit_check(ctx, cli->pl->graph, m->d) != 0)
		rc = EXIT_INVALID;
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	if (m->kind == STEP_UPGRADE &&
	    target_range(ctx, g, m->range, "base", from, to, &err) == 0 &&
	    !to->branch && plan_upgrade(ctx, g, from, to, &plan) == 0 &&
	    script_is_all(g, plan, from)) {
		*whole = plan;
		return EXIT_OK;
	}
	return cli_replay(ctx, cli);
}

static const char *state_text(struct rt_ctx *ctx, const struct target *t)
{
	struct strbuf sb;
	const char *r;
	size_t i;

	if (t->branch)
		return arena_printf(&ctx->arena, "%s@base", t->branch->id);
	if (t->n == 0)
		return "base";
	strbuf_init(&sb);
	for (i = 0; i < t->n; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", t->revs[i]->id);
	r = arena_strndup(&ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

static int make_plan(struct rt_ctx *ctx, struct graph *g, struct migrate *m,
		     struct target *from, struct target *to,
		     struct plan **plan)
{
	const char *err = NULL;
	int rc;

	if (target_range(ctx, g, m->range,
			 m->kind == STEP_DOWNGRADE ? NULL : "base",
			 from, to, &err) < 0)
		return cli_usage_error(m->name, "%s", err);
	if (m->kind != STEP_DOWNGRADE && to->branch)
		return cli_usage_error(m->name, "\"%s\" is a downgrade target",
				       m->range);
	if (m->kind == STEP_UPGRADE)
		rc = plan_upgrade(ctx, g, from, to, plan);
	else if (m->kind == STEP_STAMP)
		rc = plan_stamp(ctx, g, m->o.purge ? &(struct target){ 0 } : from,
				to, plan);
	else
		rc = plan_downgrade(ctx, g, from, to, plan, &err);
	if (rc < 0)
		return cli_usage_error(m->name, "%s", err);
	return rc ? EXIT_INVALID : EXIT_OK;
}

static int migrate(struct rt_ctx *ctx, const struct cli *cli,
		   struct migrate *m, int argc, char **argv)
{
	struct graph *g;
	struct target from, to;
	struct plan *plan = NULL;
	struct strbuf sql;
	const char *what;
	struct plan *whole;
	int rc;

	cli_emit_defaults(cli, &m->o);
	m->d = cli_default_dialect(cli);
	rc = parse_options(m, argc, argv);
	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	rc = validate(ctx, cli, m, &from, &to, &whole);
	g = cli->pl->graph;
	plan = whole;
	if (rc == EXIT_OK && !whole)
		rc = make_plan(ctx, g, m, &from, &to, &plan);
	if (rc != EXIT_OK)
		return rc;
	if (m->o.lock_timeout && m->o.tx == TX_NONE && m->d->lock_timeout)
		diag_warning(ctx, src_span_none(), "lock_timeout %s is not set: "
			     "it is set for a transaction, and there is none "
			     "with --no-transaction", m->o.lock_timeout);
	if (m->o.purge)
		memset(&from, 0, sizeof(from));
	if (plan->n == 0 && !m->o.purge)
		diag_warning(ctx, src_span_none(), "nothing to do: %s is "
			     "already where %s leads", state_text(ctx, &from),
			     m->range);
	what = arena_printf(&ctx->arena, "%s %s -> %s", m->name,
			    state_text(ctx, &from), state_text(ctx, &to));
	strbuf_init(&sql);
	if ((whole ? script_write_all : script_write)(ctx, cli->pl->project, g,
						      plan, &from, what, m->d,
						      &m->o, &sql) != 0)
		rc = EXIT_INVALID;
	else if (out_write(m->output, sql.buf, sql.len) < 0) {
		rc = EXIT_IO;
		/* Standard output's failure is cli_main's to report, once. */
		if (m->output && strcmp(m->output, "-") != 0)
			diag_error(ctx, src_span_none(), "cannot write \"%s\": %s",
				   m->output, strerror(errno));
	}
	strbuf_release(&sql);
	return rc;
}

int cmd_upgrade(struct rt_ctx *ctx, const struct cli *cli, int argc,
		char **argv)
{
	struct migrate m = { .kind = STEP_UPGRADE, .name = "upgrade" };

	return migrate(ctx, cli, &m, argc, argv);
}

int cmd_downgrade(struct rt_ctx *ctx, const struct cli *cli, int argc,
		  char **argv)
{
	struct migrate m = { .kind = STEP_DOWNGRADE, .name = "downgrade" };

	return migrate(ctx, cli, &m, argc, argv);
}

int cmd_stamp(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct migrate m = { .kind = STEP_STAMP, .name = "stamp" };

	return migrate(ctx, cli, &m, argc, argv);
}
