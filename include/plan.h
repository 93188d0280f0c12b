/*
 * plan.h: the ordered steps of an upgrade, downgrade or stamp over a
 * range, each with the statements that keep Alembic's version table
 * (SQL.md "The version table").  A pure function of the graph and the
 * range; the back end only prints it.
 */
#ifndef RT_PLAN_H
#define RT_PLAN_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct graph;
struct rev;
struct target;

enum vt_op {
	VT_INSERT,	/* INSERT to */
	VT_UPDATE,	/* UPDATE from -> to */
	VT_DELETE,	/* DELETE from */
};

struct vt_stmt {
	enum vt_op op;
	const struct rev *from;
	const struct rev *to;
};

enum step_kind {
	STEP_UPGRADE,
	STEP_DOWNGRADE,
	STEP_STAMP,
};

/* One step: Alembic's "-- Running <kind> FROM -> TO" and its statements. */
struct step {
	enum step_kind kind;
	struct rev *rev;		/* the revision run; NULL for a stamp */
	const struct rev **left;	/* left of "->" */
	size_t nleft;
	const struct rev **right;	/* right of "->" */
	size_t nright;
	struct vt_stmt *stmts;		/* in the order they run */
	size_t nstmts;
};

/* The version table's rows, as revisions, in the order the steps left
 * them (a plan's before: upgrade order). */
struct vt_rows {
	const struct rev **v;
	size_t n;
};

struct plan {
	enum step_kind kind;
	struct step *steps;
	size_t n;
	struct vt_rows before;		/* the rows the guard expects */
	struct vt_rows after;		/* the rows it leaves */
};

/*
 * Plans for `upgrade FROM:TO`, `downgrade FROM:TO` and `stamp FROM:TO`,
 * in the context's arena.  Return 0, or the number of errors raised: a
 * downgrade through an irreversible revision is a project error (queued
 * at the revision); a downgrade TO outside FROM's state is a usage error
 * (-1, with *err set).
 */
int plan_upgrade(struct rt_ctx *ctx, struct graph *g, const struct target *from,
		 const struct target *to, struct plan **out);
int plan_downgrade(struct rt_ctx *ctx, struct graph *g,
		   const struct target *from, const struct target *to,
		   struct plan **out, const char **err);
int plan_stamp(struct rt_ctx *ctx, struct graph *g, const struct target *from,
	       const struct target *to, struct plan **out);

/*
 * A plan of the single step that runs r up (down: false) from the state
 * `from` (r not in it), or down (down: true) from `from` (r in it and
 * nothing in it needing r): what each of build's per-revision files does.
 */
struct plan *plan_one(struct rt_ctx *ctx, struct graph *g,
		      const struct target *from, struct rev *r, bool down);

/* The same for n revisions run in the order given. */
struct plan *plan_steps(struct rt_ctx *ctx, struct graph *g,
			const struct target *from, struct rev *const *revs,
			size_t n, bool down);

/*
 * A planner: a state that steps move, for callers that run many steps
 * (plan_one from every state of a sequence would cost O(V) each).  It
 * holds the revisions applied, the version table's rows in the order
 * Alembic's HeadMaintainer leaves them, and for each revision how many
 * applied revisions depend on or require it; each step costs the
 * number of the revision's dependencies.  planner_new costs O(V+E).
 * Owned by the caller (planner_free); what it returns is in the arena.
 */
struct planner;

struct planner *planner_new(struct rt_ctx *ctx, struct graph *g,
			    const struct target *from);
void planner_free(struct planner *pl);

/*
 * Alembic's HeadMaintainer, one step at a time: fill *st with the
 * statements that running r up (r not applied, everything it needs
 * applied) or down (r applied, nothing applied needing it) makes against
 * the rows, and move the state.  Exposed so that tests can feed Alembic's
 * own order of steps.
 */
void planner_step(struct planner *pl, struct rev *r, bool down,
		  struct step *st);

/*
 * A plan of the one step r up or down from the planner's state; advance
 * moves the state past it, else the state stays (build's .down.sql of
 * the revision just run up).
 */
struct plan *planner_plan(struct planner *pl, struct rev *r, bool down,
			  bool advance);

/* The rows now, in order (a copy in the arena). */
void planner_rows(struct planner *pl, struct vt_rows *out);

#endif
