/*
 * graph.c: building and checking the revision graph, and its upgrade
 * order: Kahn's algorithm over depends and requires, ties broken by
 * `created` (none counts as oldest), then by id.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "project.h"
#include "rt.h"
#include "separate.h"
#include "strbuf.h"
#include "util.h"

static const char *rev_path(struct rt_ctx *ctx, const struct rev *r)
{
	return src_get(ctx, r->ast->id->span.file)->path;
}

/* Every revision of the project, in file order, with its id registered;
 * a duplicate id is an error naming both files. */
static int collect(struct rt_ctx *ctx, const struct project *p,
		   struct graph *g)
{
	size_t i, total = 0;
	int errors = 0;

	for (i = 0; i < p->nfiles; i++)
		total += p->files[i]->nrevs;
	g->revs = arena_alloc(&ctx->arena, (total ? total : 1) *
			      sizeof(*g->revs));
	for (i = 0; i < p->nfiles; i++) {
		struct ast_revision *a;

		for (a = p->files[i]->revs; a; a = a->next) {
			struct rev *r = arena_alloc(&ctx->arena, sizeof(*r));
			struct rev *old;

			r->id = a->id->u.word.text;
			r->ast = a;
			old = ptrmap_get(&g->by_id, r->id);
			if (old) {
				diag_error(ctx, a->id->span,
					   "revision id \"%s\" is also used in %s",
					   r->id, rev_path(ctx, old));
				diag_note(ctx, old->ast->id->span,
					  "revision \"%s\" is first defined here",
					  r->id);
				errors++;
				continue;
			}
			ptrmap_put(&g->by_id, r->id, r);
			g->revs[g->n++] = r;
		}
	}
	return errors;
}

/* Labels: unique, and never a revision id. */
static int collect_labels(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;
	int errors = 0;

	for (i = 0; i < g->n; i++) {
		struct ast_node *c = g->revs[i]->ast->labels, *w;

		for (w = c ? c->u.clause.words.head : NULL; w; w = w->next) {
			const char *l = w->u.word.text;
			struct rev *other = ptrmap_get(&g->by_label, l);

			if (ptrmap_get(&g->by_id, l)) {
				diag_error(ctx, w->span,
					   "label \"%s\" is also a revision id", l);
				errors++;
			} else if (other) {
				diag_error(ctx, w->span,
					   "label \"%s\" is already used by "
					   "revision \"%s\"", l, other->id);
				diag_note(ctx, other->ast->labels->span,
					  "\"%s\" is first given here", l);
				errors++;
			} else {
				ptrmap_put(&g->by_label, l, g->revs[i]);
			}
		}
	}
	return errors;
}

/* The closest revision id to a misspelt one, for "did you mean". */
static const struct rev *closest(const struct graph *g, const char *id)
{
	struct suggest sg;
	size_t i, n = strlen(id);

	suggest_init(&sg, id);
	for (i = 0; i < g->n; i++) {
		if (strncmp(g->revs[i]->id, id, n) == 0)
			return g->revs[i];	/* a prefix of a real id */
		suggest_add(&sg, g->revs[i]->id, g->revs[i]);
	}
	return suggest_item(&sg);
}

static void unknown_dep(struct rt_ctx *ctx, const struct graph *g,
			const struct ast_node *w, bool requires)
{
	const struct rev *near = closest(g, w->u.word.text);

	if (!requires && ptrmap_get(&g->by_label, w->u.word.text)) {
		diag_error(ctx, w->span,
			   "\"%s\" is a label; depends takes revision ids",
			   w->u.word.text);
		return;
	}
	diag_error(ctx, w->span, "unknown revision \"%s\" in %s",
		   w->u.word.text, requires ? "requires" : "depends");
	if (near)
		diag_note(ctx, near->ast->id->span, "did you mean \"%s\"?",
			  near->id);
}

static size_t clause_len(const struct ast_node *c)
{
	return c ? c->u.clause.words.n : 0;
}

/* Resolve depends words to revisions; record children. */
static int link_parents(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;
	int errors = 0;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];
		size_t cap = clause_len(r->ast->depends) +
			     clause_len(r->ast->requires);
		struct ast_node *w;

		r->deps = arena_alloc(&ctx->arena, (cap ? cap : 1) *
				      sizeof(*r->deps));
		r->word = arena_alloc(&ctx->arena, (cap ? cap : 1) *
				      sizeof(*r->word));
		w = r->ast->depends ? r->ast->depends->u.clause.words.head
				    : NULL;
		for (; w; w = w->next) {
			struct rev *p = ptrmap_get(&g->by_id, w->u.word.text);

			if (!p) {
				unknown_dep(ctx, g, w, false);
				errors++;
			} else if (p == r) {
				diag_error(ctx, w->span,
					   "revision \"%s\" depends on itself",
					   r->id);
				errors++;
			} else {
				r->word[r->ndeps] = w;
				r->deps[r->ndeps++] = p;
				p->nchildren++;
			}
		}
		r->nparents = r->ndeps;
	}
	return errors;
}

static void fill_children(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;
	uint32_t j;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		r->children = arena_alloc(&ctx->arena, (r->nchildren ?
				r->nchildren : 1) * sizeof(*r->children));
		r->nchildren = 0;
	}
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		for (j = 0; j < r->nparents; j++) {
			struct rev *p = r->deps[j];

			p->children[p->nchildren++] = r;
		}
	}
}

uint32_t graph_walk_begin(struct graph *g)
{
	size_t i;

	if (++g->walk == 0) {
		for (i = 0; i < g->n; i++)
			g->revs[i]->mark = 0;
		g->walk = 1;
	}
	return g->walk;
}

/* Push r on the walk's stack unless the walk has seen it. */
static void walk_push(struct graph *g, size_t *sp, struct rev *r,
		      uint32_t walk)
{
	if (r->mark != walk) {
		r->mark = walk;
		g->stack[(*sp)++] = r;
	}
}

/* The heads of the branch that starts at r (r and what descends from it
 * through depends): up to max into out; returns how many there are. */
static size_t branch_heads(struct graph *g, struct rev *r, struct rev **out,
			   size_t max)
{
	uint32_t walk = graph_walk_begin(g);
	size_t sp = 0, n = 0;

	walk_push(g, &sp, r, walk);
	while (sp) {
		struct rev *x = g->stack[--sp];
		uint32_t i;

		if (x->nchildren == 0) {
			if (n < max)
				out[n] = x;
			n++;
		}
		for (i = 0; i < x->nchildren; i++)
			walk_push(g, &sp, x->children[i], walk);
	}
	return n;
}

/* The heads of a labelled branch: the first, and how many there are. */
struct label_heads {
	struct rev *head;
	size_t n;
};

/* The heads of the branch that starts at label, walked once per label
 * however many revisions require it (memo: label rev -> label_heads). */
static const struct label_heads *label_heads(struct rt_ctx *ctx,
					     struct graph *g,
					     struct ptrmap *memo,
					     struct rev *label)
{
	struct label_heads *lh = ptrmap_get(memo, label);
	struct rev *heads[1] = { NULL };

	if (!lh) {
		lh = arena_alloc(&ctx->arena, sizeof(*lh));
		lh->n = branch_heads(g, label, heads, 1);
		lh->head = heads[0];
		ptrmap_put(memo, label, lh);
	}
	return lh;
}

/* Resolve requires words: a revision id, or a label for its branch's
 * head; record the requirers. */
static int link_requires(struct rt_ctx *ctx, struct graph *g)
{
	struct ptrmap memo;
	size_t i;
	int errors = 0;

	ptrmap_init(&memo);
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];
		struct ast_node *w = r->ast->requires ?
				     r->ast->requires->u.clause.words.head : NULL;

		for (; w; w = w->next) {
			struct rev *p = ptrmap_get(&g->by_id, w->u.word.text);
			struct rev *label = ptrmap_get(&g->by_label,
						       w->u.word.text);

			/* Alembic reads a label in depends_on as the
			 * revision that carries it, not its branch's head. */
			if (!p && label && r->ast->alembic)
				p = label;
			if (!p && label) {
				const struct label_heads *lh =
					label_heads(ctx, g, &memo, label);

				if (lh->n != 1) {
					diag_error(ctx, w->span,
						   "label \"%s\" stands for a "
						   "branch with %zu heads",
						   w->u.word.text, lh->n);
					errors++;
					continue;
				}
				p = lh->head;
			}
			if (!p) {
				unknown_dep(ctx, g, w, true);
				errors++;
			} else if (p == r) {
				diag_error(ctx, w->span,
					   "revision \"%s\" requires itself",
					   r->id);
				errors++;
			} else {
				r->word[r->ndeps] = w;
				r->deps[r->ndeps++] = p;
				p->nrequirers++;
			}
		}
	}
	ptrmap_release(&memo);
	return errors;
}

static void fill_requirers(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;
	uint32_t j;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		r->requirers = arena_alloc(&ctx->arena, (r->nrequirers ?
				r->nrequirers : 1) * sizeof(*r->requirers));
		r->nrequirers = 0;
	}
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		for (j = r->nparents; j < r->ndeps; j++) {
			struct rev *p = r->deps[j];

			p->requirers[p->nrequirers++] = r;
		}
	}
}

/* CLI.md "Order": earlier `created` first (none is oldest), then id. */
static int order_cmp(const struct rev *a, const struct rev *b)
{
	const char *ca = a->ast->created, *cb = b->ast->created;

	if (ca != cb) {
		int c;

		if (!ca)
			return -1;
		if (!cb)
			return 1;
		c = strcmp(ca, cb);
		if (c)
			return c;
	}
	return strcmp(a->id, b->id);
}

struct heap {
	struct rev **v;
	size_t n;
};

static void heap_push(struct heap *h, struct rev *r)
{
	size_t i = h->n++;

	while (i > 0) {
		size_t up = (i - 1) / 2;

		if (order_cmp(h->v[up], r) <= 0)
			break;
		h->v[i] = h->v[up];
		i = up;
	}
	h->v[i] = r;
}

static struct rev *heap_pop(struct heap *h)
{
	struct rev *top = h->v[0], *last = h->v[--h->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && order_cmp(h->v[c + 1], h->v[c]) < 0)
			c++;
		if (order_cmp(last, h->v[c]) <= 0)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
	return top;
}

static void release(struct heap *h, struct rev *r)
{
	if (--r->mark == 0)
		heap_push(h, r);
}

/* Kahn's algorithm; returns how many revisions it could order (all of
 * them unless there is a cycle).  The order replaces g->revs. */
static size_t topo_sort(struct rt_ctx *ctx, struct graph *g)
{
	struct heap h = { xmalloc((g->n ? g->n : 1) * sizeof(*h.v)), 0 };
	struct rev **order = arena_alloc(&ctx->arena, (g->n ? g->n : 1) *
					 sizeof(*order));
	size_t i, k = 0;
	uint32_t j;

	for (i = 0; i < g->n; i++) {
		g->revs[i]->mark = g->revs[i]->ndeps;
		g->revs[i]->order = UINT32_MAX;
		if (g->revs[i]->ndeps == 0)
			heap_push(&h, g->revs[i]);
	}
	while (h.n) {
		struct rev *r = heap_pop(&h);

		r->order = (uint32_t)k;
		order[k++] = r;
		for (j = 0; j < r->nchildren; j++)
			release(&h, r->children[j]);
		for (j = 0; j < r->nrequirers; j++)
			release(&h, r->requirers[j]);
	}
	free(h.v);
	if (k == g->n)
		g->revs = order;
	return k;
}

/* A dependency of r that could not be ordered either (on a cycle's path). */
static uint32_t unordered_dep(const struct rev *r)
{
	uint32_t j;

	for (j = 0; j < r->ndeps; j++) {
		if (r->deps[j]->order == UINT32_MAX)
			return j;
	}
	RT_BUG("revision \"%s\" is stuck with no stuck dependency", r->id);
}

/*
 * Some revisions could not be ordered: each has a dependency that could
 * not be either, so following those from any of them comes round to a
 * cycle.  Report it once, as "a -> b -> c -> a" (each depends on or
 * requires the next), with a note at every edge.
 */
static void report_cycle(struct rt_ctx *ctx, struct graph *g)
{
	struct rev *r = NULL, *start;
	struct strbuf sb;
	uint32_t walk = graph_walk_begin(g), j;
	size_t i;

	for (i = 0; i < g->n && !r; i++) {
		if (g->revs[i]->order == UINT32_MAX)
			r = g->revs[i];
	}
	while (r->mark != walk) {
		r->mark = walk;
		r = r->deps[unordered_dep(r)];
	}
	start = r;
	strbuf_init(&sb);
	strbuf_addstr(&sb, start->id);
	do {
		r = r->deps[unordered_dep(r)];
		strbuf_addf(&sb, " -> %s", r->id);
	} while (r != start);
	j = unordered_dep(start);
	diag_error(ctx, start->word[j]->span,
		   "dependency cycle: %s (each depends on or requires the next)",
		   sb.buf);
	strbuf_release(&sb);
	r = start;
	do {
		j = unordered_dep(r);
		diag_note(ctx, r->word[j]->span, "\"%s\" %s \"%s\" here", r->id,
			  j < r->nparents ? "depends on" : "requires",
			  r->deps[j]->id);
		r = r->deps[j];
	} while (r != start);
}

/*
 * Reachability labels (GRAIL, Yildirim, Chaoji and Zaki, VLDB 2010): two
 * depth-first walks from the roots along children and requirers, the
 * second taking every list backwards.  For walk k, pre and post number
 * the revisions as the walk enters and leaves them, and low is the
 * smallest post of the revision and everything below it.  If a is an
 * ancestor of b, then in both walks [low(b), post(b)] lies inside
 * [low(a), post(a)]; and if the walk entered b while inside a (pre(a) <
 * pre(b), post(b) < post(a)), a is an ancestor of b.  Most questions are
 * answered by the first test failing or the second holding.
 */
struct graph_reach {
	uint32_t pre[2];
	uint32_t post[2];
	uint32_t low[2];
};

/* The i-th revision that depends on or requires r, in order (walk 0)
 * or from the end (walk 1). */
static struct rev *successor(const struct rev *r, uint32_t i, int k)
{
	if (k)
		i = r->nchildren + r->nrequirers - 1 - i;
	return i < r->nchildren ? r->children[i]
				: r->requirers[i - r->nchildren];
}

/* Walk k, without recursion: next[order] is how many successors of the
 * revision the walk has looked at. */
static void reach_walk(struct graph *g, int k, uint32_t *next)
{
	struct graph_reach *lab = g->reach;
	uint32_t pre = 0, post = 0;
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct rev *root = g->revs[k ? g->n - 1 - i : i];
		size_t sp = 0;

		if (root->ndeps || lab[root->order].pre[k] != UINT32_MAX)
			continue;
		lab[root->order].pre[k] = pre++;
		g->stack[sp++] = root;
		while (sp) {
			struct rev *x = g->stack[sp - 1];
			struct graph_reach *lx = &lab[x->order];
			uint32_t deg = x->nchildren + x->nrequirers, j;

			if (next[x->order] < deg) {
				struct rev *y = successor(x, next[x->order]++, k);

				if (lab[y->order].pre[k] == UINT32_MAX) {
					lab[y->order].pre[k] = pre++;
					g->stack[sp++] = y;
				}
				continue;
			}
			lx->post[k] = lx->low[k] = post++;
			for (j = 0; j < deg; j++) {
				uint32_t low = lab[successor(x, j, k)->order].low[k];

				if (low < lx->low[k])
					lx->low[k] = low;
			}
			sp--;
		}
	}
}

static void build_reach(struct rt_ctx *ctx, struct graph *g)
{
	uint32_t *next = xcalloc(g->n ? g->n : 1, sizeof(*next));
	size_t i;

	g->reach = arena_alloc(&ctx->arena, (g->n ? g->n : 1) *
			       sizeof(*g->reach));
	for (i = 0; i < g->n; i++)
		g->reach[i].pre[0] = g->reach[i].pre[1] = UINT32_MAX;
	reach_walk(g, 0, next);
	memset(next, 0, g->n * sizeof(*next));
	reach_walk(g, 1, next);
	free(next);
}

/* 0: a is no ancestor of b; 1: it is; -1: the labels cannot tell. */
static int reach_test(const struct graph_reach *a, const struct graph_reach *b)
{
	int k;

	for (k = 0; k < 2; k++) {
		if (b->post[k] > a->post[k] || b->low[k] < a->low[k])
			return 0;
	}
	for (k = 0; k < 2; k++) {
		if (a->pre[k] < b->pre[k])
			return 1;
	}
	return -1;
}

bool graph_is_ancestor(struct graph *g, const struct rev *a,
		       const struct rev *b)
{
	const struct graph_reach *la = &g->reach[a->order];
	uint32_t walk, j;
	size_t sp = 0;
	int t;

	/* Only what comes after a in the order can descend from it. */
	if (a->order >= b->order)
		return false;
	if ((t = reach_test(la, &g->reach[b->order])) >= 0)
		return t;
	walk = graph_walk_begin(g);
	for (j = 0; j < b->ndeps; j++)
		walk_push(g, &sp, b->deps[j], walk);
	while (sp) {
		struct rev *x = g->stack[--sp];

		if (x == a)
			return true;
		if (x->order < a->order)
			continue;
		t = reach_test(la, &g->reach[x->order]);
		if (t > 0)
			return true;
		if (t < 0) {
			for (j = 0; j < x->ndeps; j++)
				walk_push(g, &sp, x->deps[j], walk);
		}
	}
	return false;
}

size_t graph_first_ancestor(struct graph *g, struct rev *const *v, size_t n,
			    size_t *of)
{
	uint32_t walk = graph_walk_begin(g), j;
	size_t sp = 0, i, first = n;

	/* Everything below some v[j], not counting v[j] itself. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i]->ndeps; j++)
			walk_push(g, &sp, v[i]->deps[j], walk);
	}
	while (sp) {
		struct rev *x = g->stack[--sp];

		for (j = 0; j < x->ndeps; j++)
			walk_push(g, &sp, x->deps[j], walk);
	}
	for (i = 0; i < n && first == n; i++) {
		if (v[i]->mark == walk)
			first = i;
	}
	for (i = 0; i < n && first < n; i++) {
		if (i != first && graph_is_ancestor(g, v[first], v[i])) {
			*of = i;
			break;
		}
	}
	return first;
}

bool graph_dep_implied(struct graph *g, const struct rev *r, uint32_t j)
{
	uint32_t k;

	for (k = 0; k < r->ndeps && r->ndeps > 1; k++) {
		if (r->deps[k] == r->deps[j] ? k < j :
		    graph_is_ancestor(g, r->deps[j], r->deps[k]))
			return true;
	}
	return false;
}

/* The dependency of r that already implies dependency j. */
static uint32_t implier(struct graph *g, const struct rev *r, uint32_t j)
{
	uint32_t k;

	for (k = 0; k < r->ndeps; k++) {
		if (r->deps[k] != r->deps[j] &&
		    graph_is_ancestor(g, r->deps[j], r->deps[k]))
			return k;
	}
	RT_BUG("no dependency of \"%s\" implies \"%s\"", r->id,
	       r->deps[j]->id);
}

/*
 * A dependency that another dependency already implies is a warning
 * (SQL.md): Alembic keeps it in its version table and corrupts the table
 * on the way down; retort's version-table rule leaves it out (plan.c),
 * so the history compiles unchanged.  So is one listed in both depends
 * and requires (Alembic takes it too), whose second mention is left out.
 */
static void check_redundant(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];
		uint32_t a, b;

		for (a = 0; a < r->ndeps && r->ndeps > 1; a++) {
			for (b = 0; b < a && r->deps[a] != r->deps[b]; b++)
				;
			if (b < a) {
				diag_warning(ctx, r->word[a]->span,
					     "\"%s\" is listed in both "
					     "depends and requires",
					     r->deps[a]->id);
			} else if (graph_dep_implied(g, r, a)) {
				b = implier(g, r, a);
				diag_warning(ctx, r->word[a]->span,
					     "dependency \"%s\" is redundant: "
					     "it is already an ancestor of "
					     "\"%s\"", r->deps[a]->id,
					     r->deps[b]->id);
				diag_note(ctx, r->word[a]->span,
					  "Alembic keeps it, and a downgrade "
					  "of \"%s\" leaves \"%s\" in "
					  "alembic_version beside its "
					  "descendant \"%s\"; retort leaves "
					  "it out of the version table's "
					  "statements", r->id, r->deps[a]->id,
					  r->deps[b]->id);
			}
		}
	}
}

static bool has_label(const char **v, uint32_t n, const char *l)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (v[i] == l)
			return true;
	}
	return false;
}

static int cmp_rev_order(const void *a, const void *b)
{
	const struct rev *x = *(struct rev *const *)a;
	const struct rev *y = *(struct rev *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* Children and requirers were gathered in file order: put them in
 * upgrade order, so every listing of them is. */
static void sort_edges(struct graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		if (r->nchildren > 1)
			qsort(r->children, r->nchildren, sizeof(*r->children),
			      cmp_rev_order);
		if (r->nrequirers > 1)
			qsort(r->requirers, r->nrequirers,
			      sizeof(*r->requirers), cmp_rev_order);
	}
}

/* Branch labels flow down depends edges; in order, so parents are done.
 * A revision with one parent and no label of its own shares its set. */
static void propagate_labels(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];
		struct ast_node *c = r->ast->labels, *w;
		uint32_t total = (uint32_t)clause_len(c), j, k;

		if (total == 0 && r->nparents == 1) {
			r->branch = r->deps[0]->branch;
			r->nbranch = r->deps[0]->nbranch;
			continue;
		}
		for (j = 0; j < r->nparents; j++)
			total += r->deps[j]->nbranch;
		if (total == 0)
			continue;
		r->branch = arena_alloc(&ctx->arena, total * sizeof(*r->branch));
		for (w = c ? c->u.clause.words.head : NULL; w; w = w->next)
			r->branch[r->nbranch++] = w->u.word.text;
		for (j = 0; j < r->nparents; j++) {
			const struct rev *p = r->deps[j];

			for (k = 0; k < p->nbranch; k++) {
				if (!has_label(r->branch, r->nbranch,
					       p->branch[k]))
					r->branch[r->nbranch++] = p->branch[k];
			}
		}
	}
}

static void find_heads(struct rt_ctx *ctx, struct graph *g)
{
	size_t i;

	g->heads = arena_alloc(&ctx->arena, (g->n ? g->n : 1) *
			       sizeof(*g->heads));
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		r->head = r->nchildren == 0;
		r->effective_head = r->head && r->nrequirers > 0;
		if (r->head && !r->effective_head)
			g->heads[g->nheads++] = r;
	}
	/* Branches retort.ini keeps apart are warned about there. */
	if (separate_check_heads(ctx, g) || g->nheads < 2)
		return;
	diag_warning(ctx, src_span_none(),
		     "the project has %zu heads; a merge revision joins them",
		     g->nheads);
	for (i = 0; i < g->nheads; i++)
		diag_note(ctx, g->heads[i]->ast->id->span, "head \"%s\"",
			  g->heads[i]->id);
}

int graph_build(struct rt_ctx *ctx, const struct project *p,
		struct graph **out)
{
	struct graph *g = xcalloc(1, sizeof(*g));
	int errors;

	*out = NULL;
	ctx->stage = "graph";
	ptrmap_init(&g->by_id);
	ptrmap_init(&g->by_label);
	errors = collect(ctx, p, g);
	g->stack = xmalloc((g->n ? g->n : 1) * sizeof(*g->stack));
	errors += collect_labels(ctx, g);
	errors += link_parents(ctx, g);
	fill_children(ctx, g);
	errors += link_requires(ctx, g);
	fill_requirers(ctx, g);
	if (topo_sort(ctx, g) != g->n) {
		report_cycle(ctx, g);
		errors++;
	}
	if (errors == 0) {
		sort_edges(g);
		build_reach(ctx, g);
		check_redundant(ctx, g);
	}
	if (errors) {
		graph_free(g);
		ctx->stage = NULL;
		return errors;
	}
	propagate_labels(ctx, g);
	find_heads(ctx, g);
	ctx->stage = NULL;
	*out = g;
	return 0;
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	ptrmap_release(&g->by_id);
	ptrmap_release(&g->by_label);
	free(g->stack);
	free(g);
}

struct rev *graph_find(const struct graph *g, struct rt_ctx *ctx,
		       const char *id)
{
	return ptrmap_get(&g->by_id, intern(&ctx->names, &ctx->arena, id,
					    strlen(id)));
}

struct rev *graph_label(const struct graph *g, struct rt_ctx *ctx,
			const char *label)
{
	return ptrmap_get(&g->by_label, intern(&ctx->names, &ctx->arena,
					       label, strlen(label)));
}
