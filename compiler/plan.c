/*
 * plan.c: upgrade, downgrade and stamp plans, and the version-table
 * statements of each step, as Alembic 1.8's HeadMaintainer makes them
 * (SQL.md's table; checked against ../shared/alembic-reference).
 */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "graph.h"
#include "rt.h"
#include "target.h"
#include "util.h"

void vt_rows_release(struct vt_rows *rows)
{
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

bool vt_rows_has(const struct vt_rows *rows, const struct rev *r)
{
	size_t i;

	for (i = 0; i < rows->n; i++) {
		if (rows->v[i] == r)
			return true;
	}
	return false;
}

static void rows_add(struct vt_rows *rows, const struct rev *r)
{
	rows->v = xgrow(rows->v, &rows->cap, rows->n + 1, sizeof(*rows->v));
	rows->v[rows->n++] = r;
}

static void rows_del(struct vt_rows *rows, const struct rev *r)
{
	size_t i;

	for (i = 0; i < rows->n; i++) {
		if (rows->v[i] == r) {
			memmove(rows->v + i, rows->v + i + 1,
				(rows->n - i - 1) * sizeof(*rows->v));
			rows->n--;
			return;
		}
	}
	RT_BUG("revision \"%s\" is not a row", r->id);
}

/* Is d an ancestor of a row other than skip? */
static bool under_a_row(struct graph *g, const struct vt_rows *rows,
			const struct rev *d, const struct rev *skip)
{
	size_t i;

	for (i = 0; i < rows->n; i++) {
		if (rows->v[i] != skip && rows->v[i] != d &&
		    graph_is_ancestor(g, d, rows->v[i]))
			return true;
	}
	return false;
}

static void emit(struct step *st, struct vt_rows *rows, enum vt_op op,
		 const struct rev *from, const struct rev *to)
{
	struct vt_stmt *s = &st->stmts[st->nstmts++];

	s->op = op;
	s->from = from;
	s->to = to;
	if (from)
		rows_del(rows, from);
	if (to)
		rows_add(rows, to);
}

/* The step's revision and its "-- Running" sides: the parents. */
static void step_init(struct rt_ctx *ctx, struct step *st, enum step_kind k,
		      struct rev *r)
{
	uint32_t i;

	memset(st, 0, sizeof(*st));
	st->kind = k;
	st->rev = r;
	st->stmts = arena_alloc(&ctx->arena, (r->ndeps + 2) *
				sizeof(*st->stmts));
	st->left = arena_alloc(&ctx->arena, (r->nparents + 1) *
			       sizeof(*st->left));
	st->right = arena_alloc(&ctx->arena, (r->nparents + 1) *
				sizeof(*st->right));
	for (i = 0; i < r->nparents; i++) {
		if (k == STEP_UPGRADE)
			st->left[st->nleft++] = r->deps[i];
		else
			st->right[st->nright++] = r->deps[i];
	}
	if (k == STEP_UPGRADE)
		st->right[st->nright++] = r;
	else
		st->left[st->nleft++] = r;
}

/*
 * Up: the dependencies of r that are rows, less those that lie under
 * another row (a dependency another one implies is no dependency here:
 * SQL.md).  None: INSERT r.  Some: DELETE all but the last, UPDATE
 * the last to r.
 */
void vt_upgrade(struct rt_ctx *ctx, struct graph *g, struct vt_rows *rows,
		struct rev *r, struct step *st)
{
	const struct rev **keep = xmalloc((r->ndeps + 1) * sizeof(*keep));
	size_t n = 0, i;
	uint32_t j;

	step_init(ctx, st, STEP_UPGRADE, r);
	for (j = 0; j < r->ndeps; j++) {
		if (vt_rows_has(rows, r->deps[j]) &&
		    !under_a_row(g, rows, r->deps[j], NULL) &&
		    !graph_dep_implied(g, r, j))
			keep[n++] = r->deps[j];
	}
	if (n == 0)
		emit(st, rows, VT_INSERT, NULL, r);
	for (i = 0; i + 1 < n; i++)
		emit(st, rows, VT_DELETE, keep[i], NULL);
	if (n)
		emit(st, rows, VT_UPDATE, keep[n - 1], r);
	free(keep);
}

/*
 * Down: the dependencies of r, less those that are rows already or lie
 * under another remaining row, and those another dependency implies
 * (Alembic keeps them, and leaves an ancestor of a row as a row).  None: DELETE r.  Some: INSERT all but
 * the last, UPDATE r to the last.
 */
void vt_downgrade(struct rt_ctx *ctx, struct graph *g, struct vt_rows *rows,
		  struct rev *r, struct step *st)
{
	const struct rev **keep = xmalloc((r->ndeps + 1) * sizeof(*keep));
	size_t n = 0, i;
	uint32_t j;

	step_init(ctx, st, STEP_DOWNGRADE, r);
	for (j = 0; j < r->ndeps; j++) {
		if (!vt_rows_has(rows, r->deps[j]) &&
		    !under_a_row(g, rows, r->deps[j], r) &&
		    !graph_dep_implied(g, r, j))
			keep[n++] = r->deps[j];
	}
	if (!vt_rows_has(rows, r))
		RT_BUG("downgrade of \"%s\", which is not a row", r->id);
	for (i = 0; i + 1 < n; i++)
		emit(st, rows, VT_INSERT, NULL, keep[i]);
	if (n)
		emit(st, rows, VT_UPDATE, r, keep[n - 1]);
	else
		emit(st, rows, VT_DELETE, r, NULL);
	free(keep);
}

static struct plan *plan_new(struct rt_ctx *ctx, struct graph *g,
			     enum step_kind kind, const struct target *from)
{
	struct plan *p = arena_alloc(&ctx->arena, sizeof(*p));
	struct rev **rows;
	size_t n = target_rows(ctx, g, from, &rows), i;

	p->kind = kind;
	p->steps = arena_alloc(&ctx->arena, (g->n + 1) * sizeof(*p->steps));
	for (i = 0; i < n; i++) {
		rows_add(&p->before, rows[i]);
		rows_add(&p->after, rows[i]);
	}
	return p;
}

/* The rows are the plan's, but they live in the arena like it. */
static void rows_to_arena(struct rt_ctx *ctx, struct vt_rows *rows)
{
	const struct rev **v = arena_alloc(&ctx->arena, (rows->n + 1) *
					   sizeof(*v));

	if (rows->n)
		memcpy(v, rows->v, rows->n * sizeof(*v));
	free(rows->v);
	rows->v = v;
	rows->cap = rows->n;
}

static void plan_done(struct rt_ctx *ctx, struct plan *p)
{
	rows_to_arena(ctx, &p->before);
	rows_to_arena(ctx, &p->after);
}

struct plan *plan_steps(struct rt_ctx *ctx, struct graph *g,
			const struct target *from, struct rev *const *revs,
			size_t n, bool down)
{
	struct plan *p = plan_new(ctx, g, down ? STEP_DOWNGRADE : STEP_UPGRADE,
				  from);
	size_t i;

	for (i = 0; i < n; i++) {
		if (down)
			vt_downgrade(ctx, g, &p->after, revs[i],
				     &p->steps[p->n++]);
		else
			vt_upgrade(ctx, g, &p->after, revs[i],
				   &p->steps[p->n++]);
	}
	plan_done(ctx, p);
	return p;
}

struct plan *plan_one(struct rt_ctx *ctx, struct graph *g,
		      const struct target *from, struct rev *r, bool down)
{
	return plan_steps(ctx, g, from, &r, 1, down);
}

/* closure(t) as flags by order (xcalloc'ed; the caller frees): marks
 * are scratch that graph_is_ancestor reuses, so they do not last. */
static bool *closure_flags(struct graph *g, const struct target *t)
{
	bool *in = xcalloc(g->n + 1, sizeof(*in));

	target_closure_flags(g, t, in);
	return in;
}

int plan_upgrade(struct rt_ctx *ctx, struct graph *g, const struct target *from,
		 const struct target *to, struct plan **out)
{
	struct plan *p = plan_new(ctx, g, STEP_UPGRADE, from);
	bool *have = closure_flags(g, from), *want = closure_flags(g, to);
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (want[i] && !have[i])
			vt_upgrade(ctx, g, &p->after, g->revs[i],
				   &p->steps[p->n++]);
	}
	free(have);
	free(want);
	plan_done(ctx, p);
	*out = p;
	return 0;
}

/*
 * CLI.md "What a downgrade undoes": the revisions of FROM's state that
 * descend from TO through depends (for LABEL@base: the branch itself),
 * then, in order, every revision of the state that depends on or
 * requires one already undone.  Flags by order; the caller frees.
 */
static bool *undo_set(struct graph *g, const bool *have,
		      const struct target *to)
{
	bool *undo = xcalloc(g->n + 1, sizeof(*undo));
	bool *seed = xcalloc(g->n + 1, sizeof(*seed));
	size_t i;
	uint32_t j;

	for (i = 0; i < to->n; i++)
		seed[to->revs[i]->order] = true;
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];
		bool all = to->n == 0 && !to->branch;

		if (!have[i])
			continue;
		if (all || r == to->branch)
			undo[i] = true;
		/* Through depends: below TO (strictly), or in the branch. */
		for (j = 0; j < r->nparents && !undo[i]; j++) {
			size_t o = r->deps[j]->order;

			if (seed[o] || (undo[o] && !seed[o]))
				undo[i] = true;
		}
		for (j = r->nparents; j < r->ndeps && !undo[i]; j++)
			undo[i] = undo[r->deps[j]->order];
	}
	free(seed);
	return undo;
}

int plan_downgrade(struct rt_ctx *ctx, struct graph *g,
		   const struct target *from, const struct target *to,
		   struct plan **out, const char **err)
{
	struct plan *p;
	bool *have = closure_flags(g, from), *undo;
	size_t i, errors = 0;

	for (i = 0; i < to->n; i++) {
		if (!have[to->revs[i]->order]) {
			*err = arena_printf(&ctx->arena, "\"%s\" is not applied "
					    "in the starting state",
					    to->revs[i]->id);
			free(have);
			return -1;
		}
	}
	if (to->branch && !have[to->branch->order]) {
		*err = arena_printf(&ctx->arena, "the branch of \"%s\" is not "
				    "applied in the starting state",
				    to->branch->id);
		free(have);
		return -1;
	}
	undo = undo_set(g, have, to);
	for (i = 0; i < g->n; i++) {
		struct rev *r = g->revs[i];

		if (undo[i] && !r->ast->down) {
			diag_error(ctx, r->ast->id->span,
				   "revision \"%s\" has no down block, so the "
				   "downgrade cannot pass through it", r->id);
			errors++;
		}
	}
	p = plan_new(ctx, g, STEP_DOWNGRADE, from);
	for (i = g->n; i-- > 0 && !errors;) {
		if (undo[i])
			vt_downgrade(ctx, g, &p->after, g->revs[i],
				     &p->steps[p->n++]);
	}
	free(have);
	free(undo);
	plan_done(ctx, p);
	*out = p;
	return (int)errors;
}

/* One stamp step: "-- Running stamp_revision FROM -> TO". */
static void stamp_step(struct rt_ctx *ctx, struct plan *p, enum vt_op op,
		       const struct rev *from, const struct rev *to)
{
	struct step *st = &p->steps[p->n++];

	memset(st, 0, sizeof(*st));
	st->kind = STEP_STAMP;
	st->stmts = arena_alloc(&ctx->arena, sizeof(*st->stmts));
	st->left = arena_alloc(&ctx->arena, sizeof(*st->left));
	st->right = arena_alloc(&ctx->arena, sizeof(*st->right));
	if (from)
		st->left[st->nleft++] = from;
	if (to)
		st->right[st->nright++] = to;
	emit(st, &p->after, op, from, to);
}

/*
 * Alembic's stamp: rows in both states stay; a new row that descends
 * from (or precedes) an old one replaces it with an UPDATE; other new
 * rows are INSERTed; other old rows are DELETEd when a new row supersedes
 * them (or TO is base) and kept when they are on an unrelated branch, as
 * Alembic does.  From base, or from a state TO contains, that is the rows
 * `upgrade base:TO` leaves; SQL.md asks for both, which a stamp across
 * branches cannot give, and Alembic's rows win (see README).
 */
int plan_stamp(struct rt_ctx *ctx, struct graph *g, const struct target *from,
	       const struct target *to, struct plan **out)
{
	struct plan *p = plan_new(ctx, g, STEP_STAMP, from);
	struct rev **want;
	size_t nwant = target_rows(ctx, g, to, &want), i, j;
	bool *used = xcalloc(p->before.n + 1, sizeof(*used));

	for (i = 0; i < p->before.n; i++)
		for (j = 0; j < nwant; j++)
			if (p->before.v[i] == want[j])
				used[i] = true;
	for (j = 0; j < nwant; j++) {
		const struct rev *old = NULL;

		if (vt_rows_has(&p->before, want[j]))
			continue;
		for (i = 0; i < p->before.n && !old; i++) {
			const struct rev *b = p->before.v[i];

			if (!used[i] && (graph_is_ancestor(g, b, want[j]) ||
					 graph_is_ancestor(g, want[j], b))) {
				old = b;
				used[i] = true;
			}
		}
		stamp_step(ctx, p, old ? VT_UPDATE : VT_INSERT, old, want[j]);
	}
	/* An old row the new ones supersede goes (to base: all of them);
	 * one on an unrelated branch stays, as Alembic keeps it. */
	for (i = 0; i < p->before.n; i++) {
		const struct rev *b = p->before.v[i];
		bool related = nwant == 0;

		for (j = 0; j < nwant && !related; j++)
			related = graph_is_ancestor(g, b, want[j]) ||
				  graph_is_ancestor(g, want[j], b);
		if (!used[i] && related)
			stamp_step(ctx, p, VT_DELETE, b, NULL);
	}
	free(used);
	plan_done(ctx, p);
	*out = p;
	return 0;
}
