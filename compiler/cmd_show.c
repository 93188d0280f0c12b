/*
 * cmd_show.c: `retort show TARGET`: everything about one revision (or
 * each revision TARGET names): Alembic's `show` block, then its place in
 * the graph, where it is written, and its up and down statements.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "cli.h"
#include "graph.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"
#include "target.h"

const char cmd_show_help[] =
	"usage: retort show TARGET\n"
	"\n"
	"Show the revision TARGET names (an id or a unique prefix, head,\n"
	"LABEL@head, ...; `heads` shows each head), in upgrade order.  For each:\n"
	"\n"
	"  Alembic's `show` block: Rev (with (head), (effective head),\n"
	"  (branchpoint), (mergepoint)), Parent or Merges, Also depends on,\n"
	"  Branches into, Branch names, Path, a blank line, and the message\n"
	"  with Revision ID, Revises and Create Date, indented by four spaces;\n"
	"  a blank line;\n"
	"  Children: the revisions that depend on it, or (none);\n"
	"  Requires: what its requires clause resolves to (if it has one);\n"
	"  Required by: the revisions that require it (if any);\n"
	"  Transactional: false (only for a transactional false revision);\n"
	"  Statement timeout: its statement_timeout (if it has one);\n"
	"  Source: FILE:LINE of its `revision` line;\n"
	"  a blank line, then its up and down blocks with each statement's\n"
	"  source text (a missing down block is shown as irreversible), and\n"
	"  a blank line.\n"
	"\n"
	"A target that names no revision, or is ambiguous, is a usage error\n"
	"(exit 2).\n";

static const struct option show_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Skip up to max bytes of blanks (spaces and tabs) from data[i]. */
static uint32_t skip_indent(const char *data, uint32_t i, uint32_t end,
			    uint32_t max)
{
	while (max && i < end && (data[i] == ' ' || data[i] == '\t')) {
		i++;
		max--;
	}
	return i;
}

/*
 * A statement's source text and its ';', indented by four spaces.  Its
 * later lines lose as much of the first line's indentation as they have,
 * so they keep their place relative to the first.
 */
static void add_stmt(struct strbuf *sb, struct rt_ctx *ctx,
		     const struct ast_node *s)
{
	struct src_file *f = src_get(ctx, s->span.file);
	uint32_t line, col, i = s->span.start, end = s->span.end;

	src_position(f, s->span.start, &line, &col);
	strbuf_addstr(sb, "    ");
	while (i < end) {
		char c = f->data[i++];

		if (c == '\r' && i < end && f->data[i] == '\n')
			continue;
		strbuf_addch(sb, c);
		if (c != '\n')
			continue;
		i = skip_indent(f->data, i, end, col - 1);
		if (i < end && f->data[i] != '\n' && f->data[i] != '\r')
			strbuf_addstr(sb, "    ");
	}
	strbuf_addstr(sb, ";\n");
}

static void add_block(struct strbuf *sb, struct rt_ctx *ctx,
		      const struct ast_node *b, const char *name)
{
	const struct ast_node *s;

	if (!b) {
		strbuf_addf(sb, "%s: none (the revision is irreversible)\n",
			    name);
		return;
	}
	strbuf_addf(sb, "%s {\n", name);
	for (s = b->u.block.stmts.head; s; s = s->next)
		add_stmt(sb, ctx, s);
	strbuf_addstr(sb, "}\n");
}

/* "Name: a, b" of the revisions v[0..n) in upgrade order. */
static void add_list(struct strbuf *sb, struct rt_ctx *ctx, const char *name,
		     struct rev *const *v, size_t n)
{
	struct rev **sorted;

	revfmt_sorted(ctx, v, n, &sorted);
	strbuf_addf(sb, "%s: ", name);
	if (n)
		revfmt_ids(sb, sorted, n);
	else
		strbuf_addstr(sb, "(none)");
	strbuf_addch(sb, '\n');
}

static void add_show(struct strbuf *sb, struct rt_ctx *ctx,
		     const struct rev *r)
{
	uint32_t line, col;

	revfmt_entry(sb, ctx, r);
	strbuf_addch(sb, '\n');
	add_list(sb, ctx, "Children", r->children, r->nchildren);
	if (r->ndeps > r->nparents) {
		strbuf_addstr(sb, "Requires: ");
		revfmt_ids(sb, r->deps + r->nparents, r->ndeps - r->nparents);
		strbuf_addch(sb, '\n');
	}
	if (r->nrequirers)
		add_list(sb, ctx, "Required by", r->requirers, r->nrequirers);
	if (!r->ast->transactional)
		strbuf_addstr(sb, "Transactional: false\n");
	if (r->ast->statement_timeout)
		strbuf_addf(sb, "Statement timeout: %s\n",
			    r->ast->statement_timeout);
	src_position(src_get(ctx, r->ast->span.file), r->ast->span.start,
		     &line, &col);
	strbuf_addf(sb, "Source: %s:%u\n\n", revfmt_path(ctx, r), line);
	if (r->ast->alembic) {
		strbuf_addstr(sb, "upgrade() and downgrade(): Python, not read "
			      "(retort import alembic compiles them)\n\n");
		return;
	}
	add_block(sb, ctx, r->ast->up, "up");
	add_block(sb, ctx, r->ast->down, "down");
	strbuf_addch(sb, '\n');
}

int cmd_show(struct rt_ctx *ctx, const struct cli *cli, int argc,
	     char **argv)
{
	struct cli_opts o = { "show", "+:h", show_options, false, 0 };
	struct target t;
	struct strbuf sb;
	const char *err;
	size_t i;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0)
		;
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind >= argc)
		return cli_usage_error("show", "missing TARGET");
	if (optind + 1 < argc)
		return cli_usage_error("show", "unexpected argument '%s'",
				       argv[optind + 1]);
	/* Statements are shown, no SQL is written. */
	ctx->no_digest = true;
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	if (target_resolve(ctx, cli->pl->graph, argv[optind], NULL, &t,
			   &err) < 0)
		return cli_usage_error("show", "%s", err);
	if (t.n == 0)
		return cli_usage_error("show", "\"%s\" names no revision",
				       argv[optind]);
	strbuf_init(&sb);
	for (i = 0; i < t.n; i++)
		add_show(&sb, ctx, t.revs[i]);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return EXIT_OK;
}
