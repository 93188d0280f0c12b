/*
 * cmd_graph.c: `retort graph`: the revision graph as a Graphviz (dot) or
 * Mermaid flowchart, for pictures of the project's history.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "cli.h"
#include "graph.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

const char cmd_graph_help[] =
	"usage: retort graph [--format dot|mermaid]\n"
	"\n"
	"Print the revision graph, for Graphviz (`retort graph | dot -Tsvg`)\n"
	"or Mermaid.  One node per revision, in upgrade order, labelled with\n"
	"its short id (at least 7 characters, more where needed to be\n"
	"unique), its own labels, (head) or (effective head), and on a second\n"
	"line its message's first line (cut at 40 bytes).  An edge goes from\n"
	"a revision to each revision that depends on it (solid) or requires\n"
	"it (dashed), so upgrades flow along the arrows.  Heads are drawn\n"
	"with a double border (dot) or a thick one (Mermaid class \"head\").\n"
	"\n"
	"options:\n"
	"  --format FORMAT   dot (default) or mermaid\n";

enum { OPT_FORMAT = 256 };

static const struct option graph_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

enum { SHORT_MIN = 7, SUBJECT_MAX = 40 };

static int by_id(const void *a, const void *b)
{
	return strcmp((*(struct rev *const *)a)->id,
		      (*(struct rev *const *)b)->id);
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/*
 * len[r->order]: how much of r's id to show: SHORT_MIN characters, or
 * one more than it shares with the id nearest to it in byte order,
 * whichever is longer, and never more than the whole id.
 */
static void short_lengths(const struct graph *g, size_t *len)
{
	struct rev **v = xmalloc((g->n ? g->n : 1) * sizeof(*v));
	size_t i;

	memcpy(v, g->revs, g->n * sizeof(*v));
	qsort(v, g->n, sizeof(*v), by_id);
	for (i = 0; i < g->n; i++) {
		size_t need = SHORT_MIN, full = strlen(v[i]->id), k;

		if (i > 0 && (k = common_prefix(v[i - 1]->id, v[i]->id) + 1) >
		    need)
			need = k;
		if (i + 1 < g->n &&
		    (k = common_prefix(v[i + 1]->id, v[i]->id) + 1) > need)
			need = k;
		len[v[i]->order] = need < full ? need : full;
	}
	free(v);
}

/* The label's text, unescaped: short id, own labels, head mark, then
 * (after a '\n') the subject, cut at SUBJECT_MAX bytes on a UTF-8
 * character boundary. */
static void node_text(struct strbuf *sb, const struct rev *r, size_t idlen)
{
	const struct ast_node *w;
	struct strbuf subject;
	size_t cut;

	strbuf_add(sb, r->id, idlen);
	w = r->ast->labels ? r->ast->labels->u.clause.words.head : NULL;
	for (; w; w = w->next)
		strbuf_addf(sb, " (%s)", w->u.word.text);
	if (r->head)
		strbuf_addstr(sb, r->effective_head ? " (effective head)"
						    : " (head)");
	if (!r->ast->message)
		return;
	strbuf_init(&subject);
	revfmt_subject(&subject, r->ast->message);
	cut = subject.len;
	if (cut > SUBJECT_MAX) {
		cut = SUBJECT_MAX;
		while (cut > 0 && (subject.buf[cut] & 0xC0) == 0x80)
			cut--;
	}
	strbuf_addch(sb, '\n');
	strbuf_add(sb, subject.buf, cut);
	if (cut < subject.len)
		strbuf_addstr(sb, "...");
	strbuf_release(&subject);
}

/* text as the inside of a dot string. */
static void add_dot_string(struct strbuf *sb, const char *text)
{
	for (; *text; text++) {
		if (*text == '\n')
			strbuf_addstr(sb, "\\n");
		else if (*text == '"' || *text == '\\')
			strbuf_addf(sb, "\\%c", *text);
		else
			strbuf_addch(sb, *text);
	}
}

/* text as the inside of a Mermaid "..." label: entity codes for the
 * characters Mermaid or HTML would read. */
static void add_mermaid_string(struct strbuf *sb, const char *text)
{
	for (; *text; text++) {
		if (*text == '\n')
			strbuf_addstr(sb, "<br/>");
		else if (strchr("\"#&<>", *text))
			strbuf_addf(sb, "#%d;", *text);
		else
			strbuf_addch(sb, *text);
	}
}

static void print_dot(struct strbuf *sb, const struct graph *g,
		      const size_t *len)
{
	struct strbuf text;
	size_t i;
	uint32_t j;

	strbuf_init(&text);
	strbuf_addstr(sb, "digraph revisions {\n\tnode [shape=box];\n");
	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];

		strbuf_reset(&text);
		node_text(&text, r, len[i]);
		strbuf_addf(sb, "\t\"%s\" [label=\"", r->id);
		add_dot_string(sb, text.buf);
		strbuf_addf(sb, "\"%s];\n", r->head ? ", peripheries=2" : "");
	}
	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];

		for (j = 0; j < r->ndeps; j++)
			strbuf_addf(sb, "\t\"%s\" -> \"%s\"%s;\n",
				    r->deps[j]->id, r->id,
				    j < r->nparents ? "" : " [style=dashed]");
	}
	strbuf_addstr(sb, "}\n");
	strbuf_release(&text);
}

static void print_mermaid(struct strbuf *sb, const struct graph *g,
			  const size_t *len)
{
	struct strbuf text;
	size_t i;
	uint32_t j;

	strbuf_init(&text);
	strbuf_addstr(sb, "flowchart TD\n");
	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];

		strbuf_reset(&text);
		node_text(&text, r, len[i]);
		strbuf_addf(sb, "    r_%s[\"", r->id);
		add_mermaid_string(sb, text.buf);
		strbuf_addf(sb, "\"]%s\n", r->head ? ":::head" : "");
	}
	for (i = 0; i < g->n; i++) {
		const struct rev *r = g->revs[i];

		for (j = 0; j < r->ndeps; j++)
			strbuf_addf(sb, "    r_%s %s r_%s\n", r->deps[j]->id,
				    j < r->nparents ? "-->" : "-.->", r->id);
	}
	strbuf_addstr(sb, "    classDef head stroke-width:3px\n");
	strbuf_release(&text);
}

int cmd_graph(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct cli_opts o = { "graph", "+:h", graph_options, false, 0 };
	const struct graph *g;
	struct strbuf sb;
	bool mermaid = false;
	size_t *len;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		/* --format */
		if (strcmp(optarg, "mermaid") == 0)
			mermaid = true;
		else if (strcmp(optarg, "dot") != 0)
			return cli_usage_error("graph", "unknown format '%s' "
					       "(expected dot or mermaid)",
					       optarg);
	}
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind < argc)
		return cli_usage_error("graph", "unexpected argument '%s'",
				       argv[optind]);
	/* The graph alone: no statement is needed. */
	ctx->headers_only = true;
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	len = xmalloc((g->n ? g->n : 1) * sizeof(*len));
	short_lengths(g, len);
	strbuf_init(&sb);
	if (mermaid)
		print_mermaid(&sb, g, len);
	else
		print_dot(&sb, g, len);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	free(len);
	return EXIT_OK;
}
