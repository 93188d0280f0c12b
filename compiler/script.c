/*
 * script.c: the back end's driver: the model replayed along a plan with
 * emitters watching (script.h).
 */
#include "script.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "emit.h"
#include "graph.h"
#include "plan.h"
#include "rt.h"
#include "schema.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

int script_model_at(struct rt_ctx *ctx, struct graph *g,
		    const struct target *t, struct schema **out)
{
	bool *in = xcalloc(g->n + 1, sizeof(*in));
	unsigned before = ctx->diags.errors;
	size_t i;

	target_closure_flags(g, t, in);
	*out = schema_new(ctx);
	schema_set_db_order(*out, true);
	ctx->diags.mute_warnings++;
	for (i = 0; i < g->n && !diag_full(ctx); i++) {
		if (!in[i] || !g->revs[i]->ast->up)
			continue;
		schema_set_origin(*out, g->revs[i]->ast);
		schema_apply(ctx, *out, g->revs[i]->ast->up, NULL);
	}
	ctx->diags.mute_warnings--;
	free(in);
	return (int)(ctx->diags.errors - before);
}

/* The block a step runs: a revision's up or down block; none for a
 * stamp. */
static const struct ast_node *step_block(const struct step *st)
{
	if (!st->rev || st->kind == STEP_STAMP)
		return NULL;
	return st->kind == STEP_DOWNGRADE ? st->rev->ast->down
					  : st->rev->ast->up;
}

int script_write(struct rt_ctx *ctx, const struct project *proj,
		 struct graph *g, const struct plan *p,
		 const struct target *from, const char *what,
		 const struct dialect *d, const struct emit_opts *o,
		 struct strbuf *out)
{
	unsigned before = ctx->diags.errors;
	struct emitter *e;
	struct schema *model;
	size_t i;

	if (script_model_at(ctx, g, from, &model) != 0)
		return (int)(ctx->diags.errors - before);
	e = emit_new(ctx, proj, p, from, what, d, o);
	ctx->diags.mute_warnings++;
	/* Past an error of the model, its state is no one's; the
	 * emitter's own errors (what this dialect cannot write) leave it
	 * sound, so they are all reported. */
	for (i = 0; i < p->n && ctx->diags.errors - before ==
			       (unsigned)emit_errors(e); i++) {
		const struct ast_node *block = step_block(&p->steps[i]);

		emit_step_begin(e, i);
		if (block) {
			schema_set_origin(model, p->steps[i].rev->ast);
			schema_apply(ctx, model, block, emit_observer(e, NULL));
		}
		emit_step_end(e);
	}
	ctx->diags.mute_warnings--;
	if (ctx->diags.errors != before) {
		emit_free(e);
		return (int)(ctx->diags.errors - before);
	}
	return emit_finish(e, out);
}

bool script_is_all(const struct graph *g, const struct plan *p,
		   const struct target *from)
{
	size_t i;

	if (p->kind != STEP_UPGRADE || from->n || from->branch || p->n != g->n)
		return false;
	for (i = 0; i < p->n; i++)
		if (p->steps[i].rev != g->revs[i])
			return false;
	return true;
}

/* script_write_all's watch: the emitter on each up block, step i
 * around revision i; the down checks go unwatched. */
struct all {
	struct rt_ctx *ctx;
	struct emitter *e;
	unsigned errors0;
	bool failed;		/* the model had an error: stop writing */
};

static bool all_failed(const struct all *a, struct rt_ctx *ctx)
{
	return ctx->diags.errors - a->errors0 != (unsigned)emit_errors(a->e);
}

static const struct schema_observer *all_begin(void *arg, size_t i,
					       bool down,
					       const struct schema *s)
{
	struct all *a = arg;

	(void)s;
	if (down || a->failed)
		return NULL;
	emit_step_begin(a->e, i);
	return emit_observer(a->e, NULL);
}

static void all_end(void *arg, size_t i, bool down, const struct schema *s)
{
	struct all *a = arg;

	(void)i;
	(void)s;
	if (down || a->failed)
		return;
	emit_step_end(a->e);
	a->failed = all_failed(a, a->ctx);
}

int script_write_all(struct rt_ctx *ctx, const struct project *proj,
		     struct graph *g, const struct plan *p,
		     const struct target *from, const char *what,
		     const struct dialect *d, const struct emit_opts *o,
		     struct strbuf *out)
{
	struct ast_revision **revs = xmalloc((g->n + 1) * sizeof(*revs));
	struct all a = { ctx, emit_new(ctx, proj, p, from, what, d, o),
			 ctx->diags.errors, false };
	struct schema_watch watch = { all_begin, all_end, &a };
	struct schema *model;
	size_t i;

	for (i = 0; i < g->n; i++)
		revs[i] = g->revs[i]->ast;
	ctx->stage = "schema";
	schema_replay(ctx, revs, g->n, &watch, &model);
	ctx->stage = NULL;
	free(revs);
	if (all_failed(&a, ctx)) {
		emit_free(a.e);
		return (int)(ctx->diags.errors - a.errors0);
	}
	return emit_finish(a.e, out);
}

/* "a1,b2" for a version table's rows, or "base". */
static void rows_text(struct strbuf *out, const struct vt_rows *r)
{
	size_t i;

	if (r->n == 0)
		strbuf_addstr(out, "base");
	for (i = 0; i < r->n; i++)
		strbuf_addf(out, "%s%s", i ? "," : "", r->v[i]->id);
}

/* A new emitter for p, described as "kind before -> after". */
static struct emitter *emitter_for(struct rt_ctx *ctx,
				   const struct project *proj,
				   const struct plan *p,
				   const struct target *from, const char *kind,
				   const struct dialect *d,
				   const struct emit_opts *o)
{
	struct strbuf what;
	struct emitter *e;

	strbuf_init(&what);
	strbuf_addf(&what, "%s ", kind);
	rows_text(&what, &p->before);
	strbuf_addstr(&what, " -> ");
	rows_text(&what, &p->after);
	e = emit_new(ctx, proj, p, from, what.buf, d, o);
	strbuf_release(&what);
	return e;
}

/* script_walk's state, per dialect and shared. */
struct walk_dialect {
	const struct dialect *d;
	struct emitter *whole;		/* SCRIPT_UPGRADE */
	struct emitter *one;		/* this revision's up or down file */
};

struct walk {
	struct rt_ctx *ctx;
	const struct project *proj;
	struct graph *g;
	const struct emit_opts *o;
	struct emit_opts one_o;		/* a per-revision file's */
	const struct script_sink *sink;
	struct walk_dialect *wd;
	size_t nd;
	const struct plan *up;		/* base -> heads */
	struct plan *one;		/* this revision's step */
	struct target at;		/* the state the step starts from */
	struct planner *pl;		/* the version rows of that state */
	unsigned errors0;
	unsigned emit_errors;		/* of the emitters finished */
};

/* Has the model had an error?  Then its state is no one's, and the
 * emitters stop; their own errors (what a dialect cannot write) leave
 * it sound, so the walk goes on and reports them all. */
static bool walk_failed(const struct walk *w)
{
	unsigned mine = w->emit_errors;
	size_t k;

	for (k = 0; k < w->nd; k++)
		if (w->wd[k].whole)
			mine += (unsigned)emit_errors(w->wd[k].whole);
	return w->ctx->diags.errors - w->errors0 != mine;
}

static int finish(struct walk *w, struct emitter *e, struct strbuf *text)
{
	int errors = emit_finish(e, text);

	w->emit_errors += (unsigned)errors;
	return errors;
}

/* Before revision i's up block, or its down block's check: start each
 * dialect's emitters and chain their observers. */
static const struct schema_observer *walk_begin(void *arg, size_t i,
						bool down,
						const struct schema *s)
{
	struct walk *w = arg;
	const struct schema_observer *obs = NULL;
	struct rev *r = w->g->revs[i];
	bool one = down ? i >= w->sink->down_from && r->ast->down
			: w->sink->up_files;
	size_t k;

	(void)s;
	if (walk_failed(w))
		return NULL;
	if (one) {
		/* Up: from the revisions before it; down: from those
		 * through it.  The rows go along with the walk. */
		w->at.revs = w->g->revs;
		w->at.n = down ? i + 1 : i;
		w->at.branch = NULL;
		w->one = planner_plan(w->pl, r, down, false);
		w->one_o = *w->o;
		w->one_o.has_source = true;
		w->one_o.source = r->ast->id->span.file;
	}
	for (k = w->nd; k-- > 0;) {
		struct walk_dialect *wd = &w->wd[k];

		if (!down) {
			emit_step_begin(wd->whole, i);
			obs = emit_observer(wd->whole, obs);
		}
		if (one) {
			wd->one = emitter_for(w->ctx, w->proj, w->one, &w->at,
					      down ? "downgrade" : "upgrade",
					      wd->d, &w->one_o);
			emit_step_begin(wd->one, 0);
			obs = emit_observer(wd->one, obs);
		}
	}
	return obs;
}

static void walk_end(void *arg, size_t i, bool down, const struct schema *s)
{
	struct walk *w = arg;
	size_t k;

	(void)s;
	/* The whole upgrade's step i leaves the rows of the state through
	 * revision i. */
	if (!down) {
		struct step scratch;

		planner_step(w->pl, w->g->revs[i], false, &scratch);
	}
	for (k = 0; k < w->nd; k++) {
		struct walk_dialect *wd = &w->wd[k];
		struct strbuf text;

		if (!down && !walk_failed(w))
			emit_step_end(wd->whole);
		if (!wd->one)
			continue;
		if (walk_failed(w)) {
			emit_free(wd->one);
			wd->one = NULL;
			continue;
		}
		emit_step_end(wd->one);
		strbuf_init(&text);
		if (finish(w, wd->one, &text) == 0)
			w->sink->file(w->sink->arg, k, down ? SCRIPT_DOWN
							    : SCRIPT_UP,
				      i, &text);
		wd->one = NULL;
		strbuf_release(&text);
	}
}

/* Finish each dialect's whole script (upgrade.sql, then
 * downgrade.sql) into the sink, or drop it after an error. */
static void finish_whole(struct walk *w, enum script_kind kind)
{
	size_t k;

	for (k = 0; k < w->nd; k++) {
		struct emitter *e = w->wd[k].whole;
		struct strbuf text;

		w->wd[k].whole = NULL;
		if (walk_failed(w)) {
			emit_free(e);
			continue;
		}
		strbuf_init(&text);
		if (finish(w, e, &text) == 0)
			w->sink->file(w->sink->arg, k, kind, 0, &text);
		strbuf_release(&text);
	}
}

/* downgrade.sql: from the top, each down block in reverse upgrade
 * order down to the last revision without one, with one emitter per
 * dialect watching. */
static void walk_down(struct walk *w, struct schema *model)
{
	struct graph *g = w->g;
	size_t n = 0, i, k;
	struct rev **down = xmalloc((g->n + 1) * sizeof(*down));
	struct target *all = &w->at;
	struct plan *p;

	all->revs = g->revs;
	all->n = g->n;
	all->branch = NULL;
	while (n < g->n && g->revs[g->n - 1 - n]->ast->down) {
		down[n] = g->revs[g->n - 1 - n];
		n++;
	}
	p = plan_steps(w->ctx, g, all, down, n, true);
	for (k = 0; k < w->nd; k++)
		w->wd[k].whole = emitter_for(w->ctx, w->proj, p, all,
					     "downgrade", w->wd[k].d, w->o);
	/* The replay raised the down blocks' warnings already. */
	w->ctx->diags.mute_warnings++;
	for (i = 0; i < n && !walk_failed(w); i++) {
		const struct schema_observer *obs = NULL;

		for (k = w->nd; k-- > 0;) {
			emit_step_begin(w->wd[k].whole, i);
			obs = emit_observer(w->wd[k].whole, obs);
		}
		schema_set_origin(model, down[i]->ast);
		schema_apply(w->ctx, model, down[i]->ast->down, obs);
		for (k = 0; k < w->nd && !walk_failed(w); k++)
			emit_step_end(w->wd[k].whole);
	}
	w->ctx->diags.mute_warnings--;
	finish_whole(w, SCRIPT_DOWNGRADE);
	free(down);
}

int script_walk(struct rt_ctx *ctx, const struct project *proj,
		struct graph *g, const struct dialect *const *ds, size_t nd,
		const struct emit_opts *o, const struct script_sink *sink)
{
	struct ast_revision **revs = xmalloc((g->n + 1) * sizeof(*revs));
	struct target base = { NULL, 0, NULL }, all = { g->revs, g->n, NULL };
	struct schema_watch watch = { walk_begin, walk_end, NULL };
	struct walk w;
	struct plan *up;
	struct schema *model;
	size_t i, k;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.proj = proj;
	w.g = g;
	w.o = o;
	w.sink = sink;
	w.nd = nd;
	w.errors0 = ctx->diags.errors;
	w.wd = xcalloc(nd + 1, sizeof(*w.wd));
	w.pl = planner_new(ctx, g, &base);
	plan_upgrade(ctx, g, &base, &all, &up);
	if (up->n != g->n)
		RT_BUG("the whole upgrade has %zu steps for %zu revisions",
		       up->n, g->n);
	w.up = up;
	for (k = 0; k < nd; k++) {
		w.wd[k].d = ds[k];
		w.wd[k].whole = emitter_for(ctx, proj, up, &base, "upgrade",
					    ds[k], o);
	}
	for (i = 0; i < g->n; i++)
		revs[i] = g->revs[i]->ast;
	watch.arg = &w;
	ctx->stage = "schema";
	schema_replay(ctx, revs, g->n, &watch, &model);
	ctx->stage = NULL;
	finish_whole(&w, SCRIPT_UPGRADE);
	if (!walk_failed(&w))
		walk_down(&w, model);
	planner_free(w.pl);
	free(w.wd);
	free(revs);
	return (int)(ctx->diags.errors - w.errors0);
}
