/*
 * cmd_history.c: `retort history`: every revision (or those of a range),
 * newest first, one line each in Alembic's format, optionally with the
 * graph drawn beside them (--graph).
 *
 * The --graph format (also docs/history-graph.md).  Rows go top to
 * bottom in the order of the list: the reverse of upgrade order, so a
 * revision comes above every revision it depends on.  Only depends
 * edges are drawn (requires edges are in the text, as "P (R) -> ID").
 * Every column is two characters wide: the line's character at the even
 * position 2*i, and the odd position 2*i+1 between column i and i+1
 * holds the diagonals.  A column is an open line of descent: it waits for
 * one revision (a parent of a revision already drawn).  Characters:
 *
 *   *  the revision of this row, in the column that waits for it; the
 *      row's text follows the last column and its space
 *   |  a line that goes straight on
 *   /  a line that moves one column left (at 2*i-1, from column i)
 *   \  a line that moves one column right (at 2*i+1, from column i)
 *   X  two neighbouring lines that swap columns (a crossing)
 *
 * For each revision R, in list order:
 *   1. If no column waits for R (a head, or its children are outside the
 *      range), a new column is added at the right for it.  If the row
 *      above is the one row of a revision whose column ended there, at
 *      that place, a row of "|" for the other columns (an empty line if
 *      there are none) comes first, so that the two do not touch.
 *   2. While a second column waits for R (R has several children),
 *      the first such column after the leftmost one, d, comes to it: if
 *      d is right next to it, a row draws d joining it ("/" at 2*d-1) and
 *      every column right of d moving one left ("/"), and d ends; else a
 *      row swaps d with its left neighbour ("X" at 2*d-1, "|" elsewhere).
 *   3. R's row: "*" in its column c, "|" in the others, then the text.
 *      With -v the block's other lines follow, each after the columns as
 *      "|" (a space in c when R has no parent drawn).
 *   4. R's parents (those in the range, in the order written): the first
 *      takes column c.  Each further parent gets a new column right after
 *      c, the last first, each on a row that draws "|" for columns up to
 *      c, "\" at 2*c+1 for the new line and "\" for every column to the
 *      right moving one right; so the parents end up left to right in
 *      the order written.  A revision with no parent ends its column; if
 *      columns are right of it, a row draws them moving one left ("/").
 * Rows other than revision rows have no text and no trailing spaces.
 * Two columns that wait for the same revision run side by side until
 * that revision's row (step 2 joins them just above it).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "graph.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_history_help[] =
	"usage: retort history [-r RANGE] [-v] [--graph]\n"
	"\n"
	"List the revisions newest first (the reverse of upgrade order), one\n"
	"line each as Alembic does:\n"
	"  PARENTS [(REQUIRES)] -> ID [(LABELS)] [(head)] [(branchpoint)]\n"
	"  [(mergepoint)], SUBJECT\n"
	"where PARENTS is <base> for a root, and SUBJECT is the message's\n"
	"first line.\n"
	"\n"
	"options:\n"
	"  -r, --rev-range RANGE  only the revisions of RANGE: FROM:TO, FROM: (to\n"
	"                         the heads) or :TO (from base).  That is what\n"
	"                         TO needs and FROM does not, and FROM itself,\n"
	"                         restricted to FROM and its descendants, as\n"
	"                         Alembic does; FROM must be TO or below it\n"
	"  -v, --verbose          Alembic's block for each revision (as in\n"
	"                         `retort heads -v`), each followed by a blank line\n"
	"      --graph            draw the graph of depends edges in ASCII beside\n"
	"                         the list (docs/history-graph.md)\n";

enum { OPT_GRAPH = 256 };

static const struct option history_options[] = {
	{ "rev-range", required_argument, NULL, 'r' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "graph", no_argument, NULL, OPT_GRAPH },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* ---- the range ---------------------------------------------------------- */

/* in[r->order] for roots[0..n) and what descends from them by depends. */
static void mark_descendants(struct graph *g, struct rev *const *roots,
			     size_t n, bool *in)
{
	struct rev **stack = xmalloc((g->n ? g->n : 1) * sizeof(*stack));
	size_t sp = 0, i;
	uint32_t j;

	memset(in, 0, g->n * sizeof(*in));
	for (i = 0; i < n; i++) {
		if (!in[roots[i]->order]) {
			in[roots[i]->order] = true;
			stack[sp++] = roots[i];
		}
	}
	while (sp) {
		struct rev *r = stack[--sp];

		for (j = 0; j < r->nchildren; j++) {
			if (!in[r->children[j]->order]) {
				in[r->children[j]->order] = true;
				stack[sp++] = r->children[j];
			}
		}
	}
	free(stack);
}

/* LABEL@base as FROM: only the TO revisions on that branch count. */
static void keep_branch(struct graph *g, struct rev *branch, struct target *to,
			bool *scratch)
{
	size_t i, n = 0;

	mark_descendants(g, &branch, 1, scratch);
	for (i = 0; i < to->n; i++) {
		if (scratch[to->revs[i]->order])
			to->revs[n++] = to->revs[i];
	}
	to->n = n;
}

/* Both ends of "FROM:TO", "FROM:" or ":TO"; -1 with *err on an error. */
static int resolve_range(struct rt_ctx *ctx, struct graph *g,
			 const char *range, struct target *from,
			 struct target *to, const char **err)
{
	const char *colon = strchr(range, ':');
	const char *to_text;
	char *from_text;

	if (!colon || strchr(colon + 1, ':')) {
		*err = arena_printf(&ctx->arena, "bad range \"%s\": expected "
				    "FROM:TO, FROM: or :TO", range);
		return -1;
	}
	from_text = arena_strndup(&ctx->arena, range, (size_t)(colon - range));
	to_text = colon[1] ? colon + 1 : "heads";
	if (target_resolve(ctx, g, *from_text ? from_text : "base", NULL,
			   from, err) < 0)
		return -1;
	return target_resolve(ctx, g, to_text, from, to, err);
}

/*
 * sel[r->order] for the revisions of range (Alembic's history -r): what
 * TO needs and FROM does not, plus FROM, kept to FROM's descendants.
 */
static int select_range(struct rt_ctx *ctx, struct graph *g,
			const char *range, bool *sel, const char **err)
{
	struct target from, to;
	bool *in_from = xcalloc(g->n ? g->n : 1, sizeof(*in_from));
	size_t i;
	int rc = 0;

	if (resolve_range(ctx, g, range, &from, &to, err) < 0) {
		free(in_from);
		return -1;
	}
	if (from.branch)
		keep_branch(g, from.branch, &to, in_from);
	target_closure_flags(g, &to, sel);
	for (i = 0; i < from.n && rc == 0; i++) {
		const char *to_text = strchr(range, ':') + 1;

		if (sel[from.revs[i]->order])
			continue;
		if (to.n == 1)
			to_text = to.revs[0]->id;
		else if (!*to_text)
			to_text = "heads";
		*err = arena_printf(&ctx->arena, "bad range \"%s\": \"%s\" is "
				    "not an ancestor of \"%s\"", range,
				    from.revs[i]->id, to_text);
		rc = -1;
	}
	if (rc == 0 && from.n) {
		target_closure_flags(g, &from, in_from);
		for (i = 0; i < g->n; i++)
			sel[i] = sel[i] && !in_from[i];
		for (i = 0; i < from.n; i++)
			sel[from.revs[i]->order] = true;
		mark_descendants(g, from.revs, from.n, in_from);
		for (i = 0; i < g->n; i++)
			sel[i] = sel[i] && in_from[i];
	}
	free(in_from);
	return rc;
}

/* ---- the graph ---------------------------------------------------------- */

/* The open lines of descent: col[i] is the revision column i waits for. */
struct lanes {
	struct rev **col;
	size_t n;
	size_t cap;
	struct strbuf *out;
	bool star_last;		/* the last row is a revision's first row */
	bool dangling;		/* and its column ended there, the last one */
};

/* The first column at or after from that waits for r, or SIZE_MAX. */
static size_t lane_find(const struct lanes *l, const struct rev *r,
			size_t from)
{
	size_t i;

	for (i = from; i < l->n; i++) {
		if (l->col[i] == r)
			return i;
	}
	return SIZE_MAX;
}

static void lane_insert(struct lanes *l, size_t at, struct rev *r)
{
	l->col = xgrow(l->col, &l->cap, l->n + 1, sizeof(*l->col));
	memmove(l->col + at + 1, l->col + at, (l->n - at) * sizeof(*l->col));
	l->col[at] = r;
	l->n++;
}

static void lane_remove(struct lanes *l, size_t at)
{
	memmove(l->col + at, l->col + at + 1,
		(l->n - at - 1) * sizeof(*l->col));
	l->n--;
}

/* A blank row for ncols columns (2 * ncols bytes); free it with
 * row_emit. */
static char *row_new(size_t ncols)
{
	char *row = xmalloc(2 * ncols + 1);

	memset(row, ' ', 2 * ncols);
	return row;
}

/* Append a row without text: trailing spaces dropped. */
static void row_emit(struct lanes *l, char *row, size_t ncols)
{
	size_t len = 2 * ncols;

	l->star_last = false;
	l->dangling = false;
	while (len && row[len - 1] == ' ')
		len--;
	strbuf_add(l->out, row, len);
	strbuf_addch(l->out, '\n');
	free(row);
}

/* Step 2: column d joins d - 1, which waits for the same revision. */
static void draw_join(struct lanes *l, size_t d)
{
	char *row = row_new(l->n);
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i < d)
			row[2 * i] = '|';
		else
			row[2 * i - 1] = '/';
	}
	row_emit(l, row, l->n);
	lane_remove(l, d);
}

/* Step 2: columns d - 1 and d swap. */
static void draw_swap(struct lanes *l, size_t d)
{
	char *row = row_new(l->n);
	struct rev *t;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i + 1 != d && i != d)
			row[2 * i] = '|';
	}
	row[2 * d - 1] = 'X';
	row_emit(l, row, l->n);
	t = l->col[d - 1];
	l->col[d - 1] = l->col[d];
	l->col[d] = t;
}

/* Step 4: a new column right after c, for parent p. */
static void draw_fork(struct lanes *l, size_t c, struct rev *p)
{
	char *row = row_new(l->n + 1);
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i <= c)
			row[2 * i] = '|';
		else
			row[2 * i + 1] = '\\';
	}
	row[2 * c + 1] = '\\';
	row_emit(l, row, l->n + 1);
	lane_insert(l, c + 1, p);
}

/* Step 4: column c ends (a root). */
static void draw_end(struct lanes *l, size_t c)
{
	char *row;
	size_t i;

	if (c + 1 == l->n) {
		l->dangling = l->star_last;
		l->n--;
		return;
	}
	row = row_new(l->n);
	for (i = 0; i < l->n; i++) {
		if (i < c)
			row[2 * i] = '|';
		else if (i > c)
			row[2 * i - 1] = '/';
	}
	row_emit(l, row, l->n);
	lane_remove(l, c);
}

/* Step 1: a row of "|" for every column (and nothing else). */
static void draw_rails(struct lanes *l)
{
	char *row = row_new(l->n);
	size_t i;

	for (i = 0; i < l->n; i++)
		row[2 * i] = '|';
	row_emit(l, row, l->n);
}

/* Steps 1 and 2: the column of r, once it is the only one for r. */
static size_t lane_of(struct lanes *l, struct rev *r)
{
	size_t c = lane_find(l, r, 0), d;

	if (c == SIZE_MAX) {
		/* Keep a new line from touching one that just ended. */
		if (l->dangling)
			draw_rails(l);
		lane_insert(l, l->n, r);
		return l->n - 1;
	}
	while ((d = lane_find(l, r, c + 1)) != SIZE_MAX) {
		if (d == c + 1)
			draw_join(l, d);
		else
			draw_swap(l, d);
	}
	return c;
}

/* Step 3: the columns before a line of text; mark is '*' in column c on
 * the revision's row, else '|' or ' '. */
static void draw_text(struct lanes *l, size_t c, char mark, const char *text,
		      size_t len)
{
	char *row = row_new(l->n);
	size_t i;

	for (i = 0; i < l->n; i++)
		row[2 * i] = i == c ? mark : '|';
	if (len == 0) {
		row_emit(l, row, l->n);
		return;
	}
	strbuf_add(l->out, row, 2 * l->n);
	strbuf_add(l->out, text, len);
	strbuf_addch(l->out, '\n');
	free(row);
	l->star_last = mark == '*';
	l->dangling = false;
}

/* One revision of the graph; text is its lines, each ending in '\n'. */
static void draw_rev(struct lanes *l, struct rev *r, const char *text,
		     const bool *sel)
{
	size_t c = lane_of(l, r), n = 0;
	const char *p = text;
	struct rev *par[64], **v = par;
	uint32_t j;

	if (r->nparents > ARRAY_SIZE(par))
		v = xmalloc(r->nparents * sizeof(*v));
	for (j = 0; j < r->nparents; j++) {
		if (sel[r->deps[j]->order])
			v[n++] = r->deps[j];
	}
	while (*p) {
		size_t len = strcspn(p, "\n");

		draw_text(l, c, p == text ? '*' : n ? '|' : ' ', p, len);
		p += len + (p[len] == '\n');
	}
	if (n == 0)
		draw_end(l, c);
	else
		l->col[c] = v[0];
	while (n > 1)
		draw_fork(l, c, v[--n]);
	if (v != par)
		free(v);
}

/* ---- the command -------------------------------------------------------- */

static void add_text(struct strbuf *sb, struct rt_ctx *ctx,
		     const struct rev *r, bool verbose)
{
	if (verbose) {
		revfmt_entry(sb, ctx, r);
		strbuf_addch(sb, '\n');
		return;
	}
	revfmt_line(sb, r, REVFMT_PARENTS | REVFMT_LABELS | REVFMT_TREE |
		    REVFMT_DOC);
	strbuf_addch(sb, '\n');
}

static void print_history(struct rt_ctx *ctx, struct graph *g,
			  const bool *sel, bool verbose, bool graph)
{
	struct strbuf out, text;
	struct lanes l = { NULL, 0, 0, &out, false, false };
	size_t i;

	strbuf_init(&out);
	strbuf_init(&text);
	for (i = g->n; i-- > 0;) {
		if (!sel[i])
			continue;
		if (!graph) {
			add_text(&out, ctx, g->revs[i], verbose);
			continue;
		}
		strbuf_reset(&text);
		add_text(&text, ctx, g->revs[i], verbose);
		draw_rev(&l, g->revs[i], text.buf, sel);
	}
	if (l.n)
		RT_BUG("history graph: %zu lines left open", l.n);
	fwrite(out.buf, 1, out.len, stdout);
	free(l.col);
	strbuf_release(&text);
	strbuf_release(&out);
}

int cmd_history(struct rt_ctx *ctx, const struct cli *cli, int argc,
		char **argv)
{
	struct cli_opts o = { "history", "+:hr:v", history_options, false,
			      0 };
	struct graph *g;
	const char *range = NULL, *err;
	bool verbose = false, graph = false, *sel;
	size_t i;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0) {
		if (c == 'r')
			range = optarg;
		else if (c == 'v')
			verbose = true;
		else
			graph = true;		/* OPT_GRAPH */
	}
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (optind < argc)
		return cli_usage_error("history", "unexpected argument '%s'",
				       argv[optind]);
	/* The graph alone: no statement is needed. */
	ctx->headers_only = true;
	rc = cli_load(ctx, cli);
	if (rc != EXIT_OK)
		return rc;
	g = cli->pl->graph;
	sel = xcalloc(g->n ? g->n : 1, sizeof(*sel));
	for (i = 0; i < g->n && !range; i++)
		sel[i] = true;
	if (range && select_range(ctx, g, range, sel, &err) < 0)
		rc = cli_usage_error("history", "%s", err);
	if (rc == EXIT_OK)
		print_history(ctx, g, sel, verbose, graph);
	free(sel);
	return rc;
}
