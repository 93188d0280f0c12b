/*
 * script.h: the back end's driver.  It replays the model along a plan
 * (the model in the order the database takes it: FROM's state, then each
 * step in the plan's order) with emitters watching, so every script is
 * written from one replay and no emitter replays anything.
 */
#ifndef RT_SCRIPT_H
#define RT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct strbuf;
struct dialect;
struct emit_opts;
struct graph;
struct plan;
struct project;
struct rev;
struct schema;
struct target;

/*
 * The model at state t: the up blocks of closure(t) in upgrade order,
 * from an empty model.  The project was checked in upgrade order first,
 * so its warnings are not raised again; an error is one that holds only
 * in this order.  Returns the number of errors; *out is the model.
 */
int script_model_at(struct rt_ctx *ctx, struct graph *g,
		    const struct target *t, struct schema **out);

/*
 * The script for plan p (from the state `from`, described by what) in
 * dialect d, appended to out: the model is FROM's state, then each step
 * of the plan in its order.  Returns the number of errors (out is then
 * void).
 */
int script_write(struct rt_ctx *ctx, const struct project *proj,
		 struct graph *g, const struct plan *p,
		 const struct target *from, const char *what,
		 const struct dialect *d, const struct emit_opts *o,
		 struct strbuf *out);

/*
 * The same for a plan that runs every revision up from base in upgrade
 * order (upgrade base:heads), written by the one replay that also checks
 * the project (the fourth stage, down blocks included): for a project
 * that was not replayed yet.  Returns the number of errors.
 */
int script_write_all(struct rt_ctx *ctx, const struct project *proj,
		     struct graph *g, const struct plan *p,
		     const struct target *from, const char *what,
		     const struct dialect *d, const struct emit_opts *o,
		     struct strbuf *out);

/* Is p such a plan (every revision up from base, in order)? */
bool script_is_all(const struct graph *g, const struct plan *p,
		   const struct target *from);

/* What script_walk writes, and where each finished script goes. */
enum script_kind {
	SCRIPT_UP,		/* one revision's up step */
	SCRIPT_DOWN,		/* one revision's down step */
	SCRIPT_UPGRADE,		/* base -> heads */
	SCRIPT_DOWNGRADE,	/* heads -> back above the last irreversible */
};

struct script_sink {
	/* Each finished script, in order: for dialect ds[di], of revision
	 * number i in upgrade order (SCRIPT_UP, SCRIPT_DOWN).  text is
	 * the sink's to use; the walk releases it afterwards. */
	void (*file)(void *arg, size_t di, enum script_kind kind, size_t i,
		     struct strbuf *text);
	void *arg;
	bool up_files;		/* write each revision's SCRIPT_UP */
	/* Revisions before this number in upgrade order get no
	 * SCRIPT_DOWN (build: the last irreversible revision and all
	 * before it). */
	size_t down_from;
};

/*
 * The whole project in one forward replay (the fourth stage, with its
 * checks) with every dialect's emitters watching: the scripts the sink
 * asks for, then SCRIPT_UPGRADE and SCRIPT_DOWNGRADE.  The down blocks
 * are written where the replay checks them, right after their up block
 * (SCRIPT_DOWN); SCRIPT_DOWNGRADE goes on from the top by applying them
 * in reverse, down to the last revision without a down block.  Returns the number of errors: then what reached the
 * sink is void.
 */
int script_walk(struct rt_ctx *ctx, const struct project *proj,
		struct graph *g, const struct dialect *const *ds, size_t nd,
		const struct emit_opts *o, const struct script_sink *sink);

#endif
