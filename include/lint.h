/*
 * lint.h: check's lints.  Each flags a risky change with a stable code
 * (R101...), at its statement, with a one-line rationale (the README has
 * a section per code).  They watch the one replay that checks the
 * project, so each knows the schema at every statement: nothing fires on
 * a table created earlier in the same revision.  A lint is off for one
 * statement with a comment "-- retort: ignore R102" on it or on the
 * comment lines just above it, and for the whole project with
 * retort.ini's `lints` key.  The lock lints (R107 to R110) run when a
 * configured dialect has a lock table (dialect.h: locks).
 */
#ifndef RT_LINT_H
#define RT_LINT_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct dialect;
struct graph;
struct schema_watch;

enum lint_id {
	LINT_DESTRUCTIVE,	/* R101 */
	LINT_NOT_NULL_NO_DEFAULT,	/* R102 */
	LINT_NARROWING,		/* R103 */
	LINT_IRREVERSIBLE,	/* R104 */
	LINT_RAW_DDL,		/* R105 */
	LINT_ID_PREFIX,		/* R106 */
	LINT_REWRITE,		/* R107 */
	LINT_INDEX_LOCK,	/* R108 */
	LINT_CONSTRAINT_SCAN,	/* R109 */
	LINT_SET_NOT_NULL_SCAN,	/* R110 */
	LINT_DOWN_NOT_INVERSE,	/* R111 */
	NLINTS
};

struct lint_rule {
	const char *code;	/* "R101" */
	const char *name;	/* "destructive-change" */
	const char *summary;	/* what it flags, one line */
	const char *rationale;	/* why, and what to do instead, one line */
	bool locking;		/* needs a dialect's lock table */
};

/* The rules, indexed by enum lint_id. */
const struct lint_rule *lint_rule(enum lint_id id);

/* The rule of a code ("R101", any case), or -1. */
int lint_find(const char *code, size_t len);

/* A set of lints, as retort.ini's `lints` leaves it: bit id set: off. */
typedef unsigned long lint_set;

struct lint;

/*
 * Lints for the replay of g's revisions in upgrade order, for the
 * dialects ds (check's), with the lints in off turned off.  The caller
 * frees it with lint_free after the replay.
 */
struct lint *lint_new(struct rt_ctx *ctx, struct graph *g,
		      const struct dialect *const *ds, size_t nd,
		      lint_set off);
void lint_free(struct lint *l);

/* The watch to hand schema_replay; it passes everything on to inner
 * (NULL: none) too. */
const struct schema_watch *lint_watch(struct lint *l,
				      const struct schema_watch *inner);

#endif
