/*
 * emit.h: the back end.  Writes one SQL script for one dialect (SQL.md):
 * header, transactions, the version table and its guard, and each step's
 * statements.  The emitter is below the model: a driver (script.h)
 * replays the model along the plan, and the emitter hears of each
 * statement as the model takes it (a schema_observer), so it writes from
 * the model as it stands and never replays it.  What a dialect can do is
 * its row of the dialect table (dialect.h); how it writes is its own
 * emit_<dialect>.c.
 */
#ifndef RT_EMIT_H
#define RT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rt_ctx;
struct strbuf;
struct graph;
struct plan;
struct project;
struct schema;
struct schema_observer;
struct target;
struct dialect;
struct emitter;

enum tx_mode {
	TX_SCRIPT,		/* one transaction around the whole script */
	TX_PER_MIGRATION,	/* one per revision */
	TX_NONE,
};

struct emit_opts {
	const char *version_table;	/* "alembic_version" */
	const char *version_schema;	/* NULL: none; ignored for a dialect
					 * without schemas (sqlite) */
	enum tx_mode tx;
	bool guard;
	const char *lock_timeout;	/* NULL, or "5s": SET LOCAL (pg) */
	bool purge;			/* stamp --purge: empty the table first */
	/* The header's sha256 is of this source file alone (build's
	 * per-revision files), or of the whole project when has_source is
	 * false. */
	bool has_source;
	uint32_t source;
};

/*
 * Check every statement of the project against what dialect d can
 * express (a schema-qualified table for sqlite, ...).  Returns the number
 * of errors, queued at the statements.
 */
int emit_check(struct rt_ctx *ctx, const struct graph *g,
	       const struct dialect *d);

/*
 * Start the script for plan p, which goes from the state `from` (as the
 * user wrote it in what: "upgrade base -> a1") to the plan's end.  The
 * caller owns the emitter: emit_finish or emit_free it.  p, from and
 * proj must outlive it.
 */
struct emitter *emit_new(struct rt_ctx *ctx, const struct project *proj,
			 const struct plan *p, const struct target *from,
			 const char *what, const struct dialect *d,
			 const struct emit_opts *o);

/*
 * Step i of the plan (in order): emit_step_begin writes its comments;
 * the driver then applies the step's block to the model with
 * emit_observer(e, ...) watching (or nothing, for a stamp);
 * emit_step_end writes its version-table statements.
 */
void emit_step_begin(struct emitter *e, size_t i);
void emit_step_end(struct emitter *e);

/* The observer that writes each statement, followed by next (NULL:
 * none); valid while e is. */
const struct schema_observer *emit_observer(struct emitter *e,
					    const struct schema_observer *next);

/*
 * Append the whole script to out and free e.  Returns 0, or the number
 * of errors raised while writing (a plan the dialect cannot carry out:
 * a SQLite rebuild of a table raw SQL may have touched, the one error
 * emit_check cannot see; check relies on that).
 */
int emit_finish(struct emitter *e, struct strbuf *out);

/* The errors e raised so far (emit_finish returns the total). */
int emit_errors(const struct emitter *e);

/* Free e without writing (NULL: nothing). */
void emit_free(struct emitter *e);

/*
 * The model s as this dialect's CREATE statements (tables in name
 * order, then their indexes), for `retort schema`.  Returns 0, or the
 * number of errors raised for what the dialect cannot write (a key on
 * a text column for mysql); then out is left as it was.
 */
int emit_schema(struct rt_ctx *ctx, const struct schema *s,
		const struct dialect *d, struct strbuf *out);

/* sha256 (hex) of the sources, as the script header shows it: over
 * each file's path, NUL, contents, NUL; files NULL: the whole project. */
void emit_digest(struct rt_ctx *ctx, const struct project *proj,
		 const uint32_t *files, size_t nfiles, char *hex);

#endif
