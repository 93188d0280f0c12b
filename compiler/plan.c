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

/*
 * The version table's rows in order, with holes: a deleted row leaves
 * NULL in v until there are as many holes as rows, and then v is
 * compacted, so that adding, deleting and finding a row cost O(1)
 * amortized.  at[order] is the row's index in v plus one (0: no row).
 */
struct rowset {
	const struct rev **v;
	size_t len;		/* slots used in v, holes included */
	size_t cap;
	size_t holes;
	uint32_t *at;
};

struct planner {
	struct rt_ctx *ctx;
	struct graph *g;
	bool *applied;		/* by order */
	uint32_t *users;	/* by order: applied revisions that need it */
	struct rowset rows;
};

/* Is r's dependency j listed before too (in depends and in requires, a
 * warning)?  It counts once. */
static bool listed_before(const struct rev *r, uint32_t j)
{
	uint32_t k;

	for (k = 0; k < j; k++) {
		if (r->deps[k] == r->deps[j])
			return true;
	}
	return false;
}

static bool row_has(const struct rowset *rs, const struct rev *r)
{
	return rs->at[r->order] != 0;
}

static void row_add(struct rowset *rs, const struct rev *r)
{
	if (row_has(rs, r))
		RT_BUG("revision \"%s\" is a row twice", r->id);
	rs->v = xgrow(rs->v, &rs->cap, rs->len + 1, sizeof(*rs->v));
	rs->v[rs->len++] = r;
	rs->at[r->order] = (uint32_t)rs->len;
}

static void row_del(struct rowset *rs, const struct rev *r)
{
	size_t i, k = 0;

	if (!row_has(rs, r))
		RT_BUG("revision \"%s\" is not a row", r->id);
	rs->v[rs->at[r->order] - 1] = NULL;
	rs->at[r->order] = 0;
	if (++rs->holes * 2 < rs->len)
		return;
	for (i = 0; i < rs->len; i++) {
		if (rs->v[i]) {
			rs->v[k++] = rs->v[i];
			rs->at[rs->v[i]->order] = (uint32_t)k;
		}
	}
	rs->len = k;
	rs->holes = 0;
}

void planner_rows(struct planner *pl, struct vt_rows *out)
{
	const struct rowset *rs = &pl->rows;
	size_t i;

	out->v = arena_alloc(&pl->ctx->arena, (rs->len - rs->holes + 1) *
			     sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < rs->len; i++) {
		if (rs->v[i])
			out->v[out->n++] = rs->v[i];
	}
}

struct planner *planner_new(struct rt_ctx *ctx, struct graph *g,
			    const struct target *from)
{
	struct planner *pl = xcalloc(1, sizeof(*pl));
	size_t i, n = g->n ? g->n : 1;
	struct rev **rows;
	uint32_t j;

	pl->ctx = ctx;
	pl->g = g;
	pl->applied = xcalloc(n, sizeof(*pl->applied));
	pl->users = xcalloc(n, sizeof(*pl->users));
	pl->rows.at = xcalloc(n, sizeof(*pl->rows.at));
	target_closure_flags(g, from, pl->applied);
	for (i = 0; i < g->n; i++) {
		if (!pl->applied[i])
			continue;
		for (j = 0; j < g->revs[i]->ndeps; j++)
			if (!listed_before(g->revs[i], j))
				pl->users[g->revs[i]->deps[j]->order]++;
	}
	n = target_rows(ctx, g, from, &rows);
	for (i = 0; i < n; i++)
		row_add(&pl->rows, rows[i]);
	return pl;
}

void planner_free(struct planner *pl)
{
	if (!pl)
		return;
	free(pl->applied);
	free(pl->users);
	free(pl->rows.v);
	free(pl->rows.at);
	free(pl);
}

static void emit(struct step *st, struct rowset *rows, enum vt_op op,
		 const struct rev *from, const struct rev *to)
{
	struct vt_stmt *s = &st->stmts[st->nstmts++];

	s->op = op;
	s->from = from;
	s->to = to;
	if (from)
		row_del(rows, from);
	if (to)
		row_add(rows, to);
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
 * SQL.md).  None: INSERT r.  Some: DELETE all but the last, UPDATE the
 * last to r.  Rows are the applied revisions nothing applied needs, so
 * "d lies under another row" is "an applied revision needs d".
 */
static void step_up(struct planner *pl, struct rev *r, struct step *st)
{
	const struct rev **keep = xmalloc((r->ndeps + 1) * sizeof(*keep));
	size_t n = 0, i;
	uint32_t j;

	step_init(pl->ctx, st, STEP_UPGRADE, r);
	for (j = 0; j < r->ndeps; j++) {
		const struct rev *d = r->deps[j];

		if (row_has(&pl->rows, d) && pl->users[d->order] == 0 &&
		    !graph_dep_implied(pl->g, r, j))
			keep[n++] = d;
	}
	if (n == 0)
		emit(st, &pl->rows, VT_INSERT, NULL, r);
	for (i = 0; i + 1 < n; i++)
		emit(st, &pl->rows, VT_DELETE, keep[i], NULL);
	if (n)
		emit(st, &pl->rows, VT_UPDATE, keep[n - 1], r);
	pl->applied[r->order] = true;
	for (j = 0; j < r->ndeps; j++)
		if (!listed_before(r, j))
			pl->users[r->deps[j]->order]++;
	free(keep);
}

/*
 * Down: the dependencies of r, less those that are rows already or lie
 * under another remaining row (an applied revision other than r needs
 * them), and those another dependency implies (Alembic keeps them, and
 * leaves an ancestor of a row as a row).  None: DELETE r.  Some: INSERT
 * all but the last, UPDATE r to the last.
 */
static void step_down(struct planner *pl, struct rev *r, struct step *st)
{
	const struct rev **keep = xmalloc((r->ndeps + 1) * sizeof(*keep));
	size_t n = 0, i;
	uint32_t j;

	step_init(pl->ctx, st, STEP_DOWNGRADE, r);
	for (j = 0; j < r->ndeps; j++) {
		const struct rev *d = r->deps[j];

		if (!row_has(&pl->rows, d) && pl->users[d->order] <= 1 &&
		    !graph_dep_implied(pl->g, r, j))
			keep[n++] = d;
	}
	if (!row_has(&pl->rows, r))
		RT_BUG("downgrade of \"%s\", which is not a row", r->id);
	for (i = 0; i + 1 < n; i++)
		emit(st, &pl->rows, VT_INSERT, NULL, keep[i]);
	if (n)
		emit(st, &pl->rows, VT_UPDATE, r, keep[n - 1]);
	else
		emit(st, &pl->rows, VT_DELETE, r, NULL);
	pl->applied[r->order] = false;
	for (j = 0; j < r->ndeps; j++)
		if (!listed_before(r, j))
			pl->users[r->deps[j]->order]--;
	free(keep);
}

void planner_step(struct planner *pl, struct rev *r, bool down,
		  struct step *st)
{
	if (down)
		step_down(pl, r, st);
	else
		step_up(pl, r, st);
}

/* Put the state back as it was before the step that ran r, when the
 * rows were before (in their order, which the inverse step would not
 * keep). */
static void planner_undo(struct planner *pl, struct rev *r, bool down,
			 const struct vt_rows *before)
{
	struct rowset *rs = &pl->rows;
	size_t i;
	uint32_t j;

	for (i = 0; i < rs->len; i++) {
		if (rs->v[i])
			rs->at[rs->v[i]->order] = 0;
	}
	rs->len = rs->holes = 0;
	for (i = 0; i < before->n; i++)
		row_add(rs, before->v[i]);
	pl->applied[r->order] = down;
	for (j = 0; j < r->ndeps; j++) {
		if (listed_before(r, j))
			continue;
		if (down)
			pl->users[r->deps[j]->order]++;
		else
			pl->users[r->deps[j]->order]--;
	}
}

/* A plan starting from the planner's state, room for n steps. */
static struct plan *plan_new(struct planner *pl, enum step_kind kind,
			     size_t n)
{
	struct plan *p = arena_alloc(&pl->ctx->arena, sizeof(*p));

	p->kind = kind;
	p->steps = arena_alloc(&pl->ctx->arena, (n + 1) * sizeof(*p->steps));
	planner_rows(pl, &p->before);
	return p;
}

struct plan *planner_plan(struct planner *pl, struct rev *r, bool down,
			  bool advance)
{
	struct plan *p = plan_new(pl, down ? STEP_DOWNGRADE : STEP_UPGRADE, 1);

	planner_step(pl, r, down, &p->steps[p->n++]);
	planner_rows(pl, &p->after);
	if (!advance)
		planner_undo(pl, r, down, &p->before);
	return p;
}

struct plan *plan_steps(struct rt_ctx *ctx, struct graph *g,
			const struct target *from, struct rev *const *revs,
			size_t n, bool down)
{
	struct planner *pl = planner_new(ctx, g, from);
	struct plan *p = plan_new(pl, down ? STEP_DOWNGRADE : STEP_UPGRADE, n);
	size_t i;

	for (i = 0; i < n; i++)
		planner_step(pl, revs[i], down, &p->steps[p->n++]);
	planner_rows(pl, &p->after);
	planner_free(pl);
	return p;
}

struct plan *plan_one(struct rt_ctx *ctx, struct graph *g,
		      const struct target *from, struct rev *r, bool down)
{
	return plan_steps(ctx, g, from, &r, 1, down);
}

int plan_upgrade(struct rt_ctx *ctx, struct graph *g, const struct target *from,
		 const struct target *to, struct plan **out)
{
	struct planner *pl = planner_new(ctx, g, from);
	struct plan *p = plan_new(pl, STEP_UPGRADE, g->n);
	bool *want = xcalloc(g->n + 1, sizeof(*want));
	size_t i;

	target_closure_flags(g, to, want);
	for (i = 0; i < g->n; i++) {
		if (want[i] && !pl->applied[i])
			planner_step(pl, g->revs[i], false, &p->steps[p->n++]);
	}
	planner_rows(pl, &p->after);
	free(want);
	planner_free(pl);
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
	struct planner *pl = planner_new(ctx, g, from);
	const bool *have = pl->applied;
	struct plan *p;
	bool *undo;
	size_t i, errors = 0;

	for (i = 0; i < to->n; i++) {
		if (!have[to->revs[i]->order]) {
			*err = arena_printf(&ctx->arena, "\"%s\" is not applied "
					    "in the starting state",
					    to->revs[i]->id);
			planner_free(pl);
			return -1;
		}
	}
	if (to->branch && !have[to->branch->order]) {
		*err = arena_printf(&ctx->arena, "the branch of \"%s\" is not "
				    "applied in the starting state",
				    to->branch->id);
		planner_free(pl);
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
	p = plan_new(pl, STEP_DOWNGRADE, g->n);
	for (i = g->n; i-- > 0 && !errors;) {
		if (undo[i])
			planner_step(pl, g->revs[i], true, &p->steps[p->n++]);
	}
	planner_rows(pl, &p->after);
	free(undo);
	planner_free(pl);
	*out = p;
	return (int)errors;
}

/* One stamp step: "-- Running stamp_revision FROM -> TO". */
static void stamp_step(struct rt_ctx *ctx, struct plan *p,
		       struct rowset *rows, enum vt_op op,
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
	emit(st, rows, op, from, to);
}

/* Is one of a and b an ancestor of the other? */
static bool related(struct graph *g, const struct rev *a, const struct rev *b)
{
	return graph_is_ancestor(g, a, b) || graph_is_ancestor(g, b, a);
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
	struct planner *pl = planner_new(ctx, g, from);
	struct plan *p = plan_new(pl, STEP_STAMP, g->n);
	const struct vt_rows *before = &p->before;
	struct rev **want;
	size_t nwant = target_rows(ctx, g, to, &want), i, j;
	bool *used = xcalloc(before->n + 1, sizeof(*used));
	bool *wanted = xcalloc(g->n + 1, sizeof(*wanted));

	for (j = 0; j < nwant; j++)
		wanted[want[j]->order] = true;
	for (i = 0; i < before->n; i++)
		used[i] = wanted[before->v[i]->order];
	for (j = 0; j < nwant; j++) {
		const struct rev *old = NULL;

		if (row_has(&pl->rows, want[j]))
			continue;
		for (i = 0; i < before->n && !old; i++) {
			if (!used[i] && related(g, before->v[i], want[j])) {
				old = before->v[i];
				used[i] = true;
			}
		}
		stamp_step(ctx, p, &pl->rows, old ? VT_UPDATE : VT_INSERT, old,
			   want[j]);
	}
	/* An old row the new ones supersede goes (to base: all of them);
	 * one on an unrelated branch stays, as Alembic keeps it. */
	for (i = 0; i < before->n; i++) {
		const struct rev *b = before->v[i];
		bool rel = nwant == 0;

		for (j = 0; j < nwant && !rel; j++)
			rel = related(g, b, want[j]);
		if (!used[i] && rel)
			stamp_step(ctx, p, &pl->rows, VT_DELETE, b, NULL);
	}
	planner_rows(pl, &p->after);
	free(used);
	free(wanted);
	planner_free(pl);
	*out = p;
	return 0;
}
