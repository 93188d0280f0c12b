/*
 * emit.h: the back end.  Turns a plan into one SQL script for one
 * dialect (SQL.md): header, transactions, the version table and its
 * guard, and each step's statements, compiled from the model as it is
 * replayed.  Dialect knowledge lives only in emit_<dialect>.c.
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
struct target;
struct dialect;

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

/* The dialect called name ("postgresql", "sqlite"), or NULL. */
const struct dialect *dialect_find(const char *name);
const char *dialect_name(const struct dialect *d);

/*
 * Check every statement of the project against what dialect d can
 * express (a schema-qualified table for sqlite, ...).  Returns the number
 * of errors, queued at the statements.
 */
int emit_check(struct rt_ctx *ctx, const struct graph *g,
	       const struct dialect *d);

/*
 * Append the script for plan p, which goes from the state `from` (as the
 * user wrote it in what: "upgrade base -> a1") to the plan's end, to out.
 * The project must be valid (check passed): emission replays the model
 * with diagnostics muted.  Returns 0, or the number of errors (a plan the
 * dialect cannot carry out: a SQLite rebuild of a table raw SQL may have
 * touched, the one error emit_check cannot see; check relies on that).
 */
int emit_script(struct rt_ctx *ctx, const struct project *proj,
		struct graph *g, const struct plan *p,
		const struct target *from, const char *what,
		const struct dialect *d, const struct emit_opts *o,
		struct strbuf *out);

/*
 * The model at state t as this dialect's CREATE statements (tables in
 * name order, then their indexes), for `retort schema`.
 */
void emit_schema(struct rt_ctx *ctx, struct graph *g, const struct target *t,
		 const struct dialect *d, struct strbuf *out);

/* sha256 (hex) of the sources, as the script header shows it: over
 * each file's path, NUL, contents, NUL; files NULL: the whole project. */
void emit_digest(struct rt_ctx *ctx, const struct project *proj,
		 const uint32_t *files, size_t nfiles, char *hex);

#endif
