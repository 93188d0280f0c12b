/*
 * target.c: resolving Alembic-style targets against the graph.  Every
 * failure is a usage error with a one-line message, as CLI.md asks.
 */
#include "target.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "graph.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

struct resolver {
	struct rt_ctx *ctx;
	struct graph *g;
	const struct target *start;
	const char **err;
};

static int fail(struct resolver *rs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct resolver *rs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*rs->err = arena_vprintf(&rs->ctx->arena, fmt, ap);
	va_end(ap);
	return -1;
}

static void set_one(struct resolver *rs, struct target *out, struct rev *r)
{
	out->revs = arena_alloc(&rs->ctx->arena, sizeof(*out->revs));
	out->revs[0] = r;
	out->n = 1;
	out->branch = NULL;
}

static void set_base(struct target *out)
{
	out->revs = NULL;
	out->n = 0;
	out->branch = NULL;
}

/* "N" as a step count (1 or more); -1 if s is not one. */
static long parse_count(const char *s)
{
	char *end;
	long n;

	if (!ascii_isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (*end || errno || n < 1 || n > 1000000)
		return -1;
	return n;
}

/* For a target that names nothing: the target word or revision id it
 * is a slip of, or NULL. */
static const char *closest_word(const struct graph *g, const char *s)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, s);
	suggest_add(&sg, "head", NULL);
	suggest_add(&sg, "heads", NULL);
	suggest_add(&sg, "base", NULL);
	for (i = 0; i < g->n; i++)
		suggest_add(&sg, g->revs[i]->id, NULL);
	return suggest_best(&sg);
}

/* A revision by exact id, else by unique prefix. */
static int find_rev(struct resolver *rs, const char *s, struct rev **out)
{
	struct graph *g = rs->g;
	struct rev *r = graph_find(g, rs->ctx, s);
	struct strbuf sb;
	size_t i, n = strlen(s), hits = 0;

	if (r) {
		*out = r;
		return 0;
	}
	strbuf_init(&sb);
	for (i = 0; i < g->n; i++) {
		if (n && strncmp(g->revs[i]->id, s, n) == 0) {
			if (hits++ < 10)
				strbuf_addf(&sb, "%s%s", hits > 1 ? ", " : "",
					    g->revs[i]->id);
			r = g->revs[i];
		}
	}
	if (hits == 1) {
		strbuf_release(&sb);
		*out = r;
		return 0;
	}
	if (hits == 0) {
		const char *near = closest_word(g, s);

		if (near)
			fail(rs, "no revision \"%s\" (did you mean \"%s\"?)", s,
			     near);
		else
			fail(rs, "no revision \"%s\"", s);
	} else
		fail(rs, "revision prefix \"%s\" is ambiguous: %s%s", s, sb.buf,
		     hits > 10 ? ", ..." : "");
	strbuf_release(&sb);
	return -1;
}

/* n steps down the depends line from r (to base at most). */
static int walk_down(struct resolver *rs, struct rev *r, long n,
		     struct target *out)
{
	const char *from = r->id;
	long i;

	for (i = 0; i < n; i++) {
		if (r->nparents > 1) {
			struct strbuf sb;
			uint32_t k;

			strbuf_init(&sb);
			for (k = 0; k < r->nparents; k++) {
				strbuf_addf(&sb, "%s%s", k ? " or " : "",
					    r->deps[k]->id);
				if (n - i - 1 > 0)
					strbuf_addf(&sb, "-%ld", n - i - 1);
			}
			fail(rs, "cannot step back through merge point \"%s\" "
			     "(name the revision to go to: %s)", r->id, sb.buf);
			strbuf_release(&sb);
			return -1;
		}
		if (r->nparents == 0) {
			if (i + 1 < n)
				return fail(rs, "\"%s\" is only %ld step%s "
					    "above base", from, i + 1,
					    i ? "s" : "");
			set_base(out);
			return 0;
		}
		r = r->deps[0];
	}
	set_one(rs, out, r);
	return 0;
}

/* n steps up the depends line from r. */
static int walk_up(struct resolver *rs, struct rev *r, long n,
		   struct target *out)
{
	long i;

	for (i = 0; i < n; i++) {
		if (r->nchildren > 1)
			return fail(rs, "cannot step forward through branch "
				    "point \"%s\"", r->id);
		if (r->nchildren == 0)
			return fail(rs, "\"%s\" is a head: no %ld step%s above "
				    "it", r->id, n - i, n - i > 1 ? "s" : "");
		r = r->children[0];
	}
	set_one(rs, out, r);
	return 0;
}

/* The single root (for +N from base). */
static int only_root(struct resolver *rs, struct rev **out)
{
	size_t i, roots = 0;

	*out = NULL;
	for (i = 0; i < rs->g->n; i++) {
		if (rs->g->revs[i]->nparents == 0) {
			*out = rs->g->revs[i];
			roots++;
		}
	}
	if (roots == 1)
		return 0;
	return fail(rs, roots ? "several roots: name one, as ID or LABEL@+N"
			      : "the project has no revisions");
}

/* The head reached from r through depends children; an error if that
 * forks.  what names the thing for the message. */
static int head_from(struct resolver *rs, struct rev *r, struct target *out)
{
	struct rev *start = r;

	while (r->nchildren == 1)
		r = r->children[0];
	if (r->nchildren > 1)
		return fail(rs, "the line from \"%s\" forks at \"%s\": name "
			    "one of its heads", start->id, r->id);
	set_one(rs, out, r);
	return 0;
}

static int cmp_order(const void *a, const void *b)
{
	const struct rev *x = *(struct rev *const *)a;
	const struct rev *y = *(struct rev *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* LABEL@heads: every head of the branch that starts at r. */
static int branch_heads_of(struct resolver *rs, struct rev *r,
			   struct target *out)
{
	struct graph *g = rs->g;
	uint32_t walk = graph_walk_begin(g), i;
	size_t sp = 0;

	set_base(out);
	out->revs = arena_alloc(&rs->ctx->arena, (g->n ? g->n : 1) *
				sizeof(*out->revs));
	r->mark = walk;
	g->stack[sp++] = r;
	while (sp) {
		struct rev *x = g->stack[--sp];

		if (x->nchildren == 0)
			out->revs[out->n++] = x;
		for (i = 0; i < x->nchildren; i++) {
			if (x->children[i]->mark != walk) {
				x->children[i]->mark = walk;
				g->stack[sp++] = x->children[i];
			}
		}
	}
	/* In upgrade order, as every target. */
	qsort(out->revs, out->n, sizeof(*out->revs), cmp_order);
	return 0;
}

static int resolve_one(struct resolver *rs, const char *s, struct target *out);

/* LABEL@head: the one head of the branch (it may fork and join again),
 * as Alembic takes the heads that carry the label. */
static int branch_head(struct resolver *rs, struct rev *r, const char *label,
		       struct target *out)
{
	branch_heads_of(rs, r, out);
	if (out->n == 1)
		return 0;
	return fail(rs, "branch \"%s\" has %zu heads: name one, or use "
		    "%s@heads", label, out->n, label);
}

/* LABEL@X and ID@head. */
static int resolve_at(struct resolver *rs, const char *s, const char *at,
		      struct target *out)
{
	struct rt_ctx *ctx = rs->ctx;
	char *left = arena_strndup(&ctx->arena, s, (size_t)(at - s));
	const char *right = at + 1;
	struct rev *lrev = graph_label(rs->g, ctx, left), *r;
	const char *label = lrev ? intern(&ctx->names, &ctx->arena, left,
					  strlen(left)) : NULL;
	long n;

	if (!lrev) {
		if (strcmp(right, "head") != 0)
			return fail(rs, "no branch label \"%s\"", left);
		if (find_rev(rs, left, &r) < 0)
			return -1;
		return head_from(rs, r, out);
	}
	if (strcmp(right, "head") == 0)
		return branch_head(rs, lrev, left, out);
	if (strcmp(right, "heads") == 0)
		return branch_heads_of(rs, lrev, out);
	if (strcmp(right, "base") == 0) {
		set_base(out);
		out->branch = lrev;
		return 0;
	}
	if (strncmp(right, "head-", 5) == 0) {
		if ((n = parse_count(right + 5)) < 0)
			return fail(rs, "bad step count in \"%s\"", s);
		if (head_from(rs, lrev, out) < 0)
			return -1;
		return walk_down(rs, out->revs[0], n, out);
	}
	if (right[0] == '+' || right[0] == '-') {
		if ((n = parse_count(right + 1)) < 0)
			return fail(rs, "bad step count in \"%s\"", s);
		size_t i;

		/* From the start's revision on this branch, or its base. */
		for (i = 0, r = NULL; rs->start && i < rs->start->n; i++) {
			if (graph_on_branch(rs->start->revs[i], label))
				r = rs->start->revs[i];
		}
		if (right[0] == '-')
			return r ? walk_down(rs, r, n, out)
				 : fail(rs, "branch \"%s\" is not applied at the "
					"start", left);
		if (!r)
			return n == 1 ? (set_one(rs, out, lrev), 0)
				      : walk_up(rs, lrev, n - 1, out);
		return walk_up(rs, r, n, out);
	}
	if (resolve_one(rs, right, out) < 0)
		return -1;
	if (out->n != 1 || !graph_on_branch(out->revs[0], label))
		return fail(rs, "\"%s\" is not on branch \"%s\"", right, left);
	return 0;
}

/* Relative to the start: +N / -N. */
static int resolve_relative(struct resolver *rs, char sign, long n,
			    struct target *out)
{
	const struct target *st = rs->start;
	struct rev *r = NULL;

	if (st && st->n > 1)
		return fail(rs, "%c%ld is ambiguous from %zu revisions", sign,
			    n, st->n);
	if (sign == '-') {
		if (!st || st->n == 0)
			return fail(rs, "-%ld steps below base", n);
		return walk_down(rs, st->revs[0], n, out);
	}
	if (!st || st->n == 0) {
		if (only_root(rs, &r) < 0)
			return -1;
		return n == 1 ? (set_one(rs, out, r), 0)
			      : walk_up(rs, r, n - 1, out);
	}
	return walk_up(rs, st->revs[0], n, out);
}

static int resolve_one(struct resolver *rs, const char *s, struct target *out)
{
	struct graph *g = rs->g;
	const char *at = strchr(s, '@'), *pm;
	struct rev *r;
	long n;

	set_base(out);
	if (strcmp(s, "base") == 0)
		return 0;
	if (strcmp(s, "heads") == 0) {
		size_t i;

		out->revs = arena_alloc(&rs->ctx->arena, (g->n ? g->n : 1) *
					sizeof(*out->revs));
		for (i = 0; i < g->n; i++) {
			if (g->revs[i]->head)
				out->revs[out->n++] = g->revs[i];
		}
		return 0;
	}
	if (strcmp(s, "head") == 0 || strncmp(s, "head-", 5) == 0 ||
	    strncmp(s, "head+", 5) == 0) {
		if (g->nheads != 1) {
			struct strbuf sb;
			size_t i;

			if (g->nheads == 0)
				return fail(rs, "the project has no revisions");
			strbuf_init(&sb);
			for (i = 0; i < g->nheads; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "",
					    g->heads[i]->id);
			fail(rs, "\"head\" is ambiguous: the project has %zu "
			     "heads (%s); name one, or use \"heads\"",
			     g->nheads, sb.buf);
			strbuf_release(&sb);
			return -1;
		}
		if (s[4] == '\0') {
			set_one(rs, out, g->heads[0]);
			return 0;
		}
		if ((n = parse_count(s + 5)) < 0)
			return fail(rs, "bad step count in \"%s\"", s);
		return s[4] == '-' ? walk_down(rs, g->heads[0], n, out)
				   : walk_up(rs, g->heads[0], n, out);
	}
	if (at)
		return resolve_at(rs, s, at, out);
	if (s[0] == '+' || s[0] == '-') {
		if ((n = parse_count(s + 1)) < 0)
			return fail(rs, "bad step count in \"%s\"", s);
		return resolve_relative(rs, s[0], n, out);
	}
	pm = s + strcspn(s, "+-");
	if (*pm) {
		char *id = arena_strndup(&rs->ctx->arena, s, (size_t)(pm - s));

		if ((n = parse_count(pm + 1)) < 0)
			return fail(rs, "bad step count in \"%s\"", s);
		if (find_rev(rs, id, &r) < 0)
			return -1;
		return *pm == '-' ? walk_down(rs, r, n, out)
				  : walk_up(rs, r, n, out);
	}
	if (find_rev(rs, s, &r) < 0)
		return -1;
	set_one(rs, out, r);
	return 0;
}

int target_resolve(struct rt_ctx *ctx, struct graph *g, const char *text,
		   const struct target *start, struct target *out,
		   const char **err)
{
	struct resolver rs = { ctx, g, start, err };
	struct target part;
	const char *p = text;
	bool *in;
	size_t i;
	int rc = 0;

	if (!strchr(text, ','))
		return resolve_one(&rs, text, out);
	/* a,b: the union, each once, in order. */
	set_base(out);
	in = xcalloc(g->n + 1, sizeof(*in));
	while (*p && rc == 0) {
		size_t len = strcspn(p, ",");
		char *one = arena_strndup(&ctx->arena, p, len);

		if (len == 0)
			rc = fail(&rs, "empty name in \"%s\"", text);
		else if (resolve_one(&rs, one, &part) < 0)
			rc = -1;
		else if (part.branch)
			rc = fail(&rs, "\"%s\" cannot be part of a list", one);
		for (i = 0; rc == 0 && i < part.n; i++)
			in[part.revs[i]->order] = true;
		p += len;
		if (*p == ',')
			p++;
	}
	for (i = 0; rc == 0 && i < g->n; i++)
		out->n += in[i];
	if (rc == 0) {
		out->revs = arena_alloc(&ctx->arena, (out->n + 1) *
					sizeof(*out->revs));
		for (i = 0, out->n = 0; i < g->n; i++) {
			if (in[i])
				out->revs[out->n++] = g->revs[i];
		}
	}
	free(in);
	return rc;
}

int target_range(struct rt_ctx *ctx, struct graph *g, const char *text,
		 const char *default_from, struct target *from,
		 struct target *to, const char **err)
{
	const char *colon = strchr(text, ':');
	const char *to_text = colon ? colon + 1 : text;
	char *from_text = colon ? arena_strndup(&ctx->arena, text,
						(size_t)(colon - text)) : NULL;

	if (!from_text) {
		if (!default_from) {
			*err = arena_printf(&ctx->arena, "\"%s\" needs a "
					    "starting point: FROM:TO", text);
			return -1;
		}
		from_text = arena_strndup(&ctx->arena, default_from,
					  strlen(default_from));
	}
	if (*from_text == '\0' || *to_text == '\0' || strchr(to_text, ':')) {
		*err = arena_printf(&ctx->arena, "bad range \"%s\"", text);
		return -1;
	}
	if (target_resolve(ctx, g, from_text, NULL, from, err) < 0)
		return -1;
	return target_resolve(ctx, g, to_text, from, to, err);
}

unsigned target_mark_closure(struct graph *g, const struct target *t)
{
	uint32_t walk = graph_walk_begin(g), j;
	struct rev **stack = g->stack;
	size_t sp = 0, i;

	for (i = 0; i < t->n; i++) {
		if (t->revs[i]->mark != walk) {
			t->revs[i]->mark = walk;
			stack[sp++] = t->revs[i];
		}
	}
	while (sp) {
		struct rev *r = stack[--sp];

		for (j = 0; j < r->ndeps; j++) {
			if (r->deps[j]->mark != walk) {
				r->deps[j]->mark = walk;
				stack[sp++] = r->deps[j];
			}
		}
	}
	return walk;
}

void target_closure_flags(struct graph *g, const struct target *t, bool *in)
{
	unsigned walk = target_mark_closure(g, t);
	size_t i;

	for (i = 0; i < g->n; i++)
		in[i] = g->revs[i]->mark == walk;
}

size_t target_rows(struct rt_ctx *ctx, struct graph *g,
		   const struct target *t, struct rev ***rows)
{
	unsigned walk = target_mark_closure(g, t);
	bool *needed = xcalloc(g->n ? g->n : 1, sizeof(*needed));
	size_t i, n = 0;
	uint32_t j;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		if (r->mark != walk)
			continue;
		for (j = 0; j < r->ndeps; j++)
			needed[r->deps[j]->order] = true;
	}
	*rows = arena_alloc(&ctx->arena, (g->n ? g->n : 1) * sizeof(**rows));
	for (i = 0; i < g->n; i++) {
		if (g->revs[i]->mark == walk && !needed[i])
			(*rows)[n++] = g->revs[i];
	}
	free(needed);
	return n;
}
