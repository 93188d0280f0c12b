/*
 * alembic_op.h: one Alembic revision script written as a .mig file, for
 * `retort import alembic`: the header clauses from its revision, and the
 * bodies of upgrade() and downgrade() where they are op.* calls with
 * literal arguments (create_table with sa.Column and constraints,
 * add/drop/alter_column, indexes, constraints, rename_table, bulk_insert,
 * execute, the same inside `with op.batch_alter_table(...)`), with
 * SQLAlchemy's types mapped to the language's.  Anything else is a
 * warning at its .py line and is written, as it stands, into a
 * `sql python $py$ ... $py$;` block, which check refuses (resolve.c)
 * until a person replaces it: nothing is dropped silently.
 */
#ifndef RT_ALEMBIC_OP_H
#define RT_ALEMBIC_OP_H

struct rt_ctx;
struct py_module;
struct rev;
struct strbuf;

/* What a script's import left for a person. */
struct alembic_op_stats {
	unsigned blocks;	/* sql python blocks written */
	unsigned dropped;	/* options left out (MySQL's, comments) */
};

/*
 * Append to out the .mig text of the script read as m, whose revision
 * (in the graph of the scripts) is r; from is the script's path, for a
 * comment on the first line.  Warnings are queued at the script's
 * lines; stats (the caller's) counts what they say.
 */
void alembic_op_render(struct rt_ctx *ctx, const struct py_module *m,
		       const struct rev *r, const char *from,
		       struct strbuf *out, struct alembic_op_stats *stats);

#endif
