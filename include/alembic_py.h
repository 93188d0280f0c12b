/*
 * alembic_py.h: an Alembic versions/ directory read as it is.  Each
 * revision script's module-level revision, down_revision, branch_labels
 * and depends_on (None, a string, a tuple or a list of strings) and its
 * docstring become the revision the .mig front end would make (with
 * empty up and down blocks: the Python bodies are not read), so the
 * graph and everything above it work unchanged.  What cannot be read
 * without running Python is an error at file.py:line:col.
 */
#ifndef RT_ALEMBIC_PY_H
#define RT_ALEMBIC_PY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rt_ctx;
struct ast_file;
struct project;
struct py_module;
struct py_stmt;

/* Is a file of this name (no directory) an Alembic revision script, as
 * Alembic lists them: *.py, but not __init__*? */
bool alembic_py_wanted(const char *name);

/*
 * Read source file number file: *out gets its revision (or none, on
 * errors).  The checks of resolve_file are made too.  Returns the
 * number of errors raised.
 */
int alembic_py_load(struct rt_ctx *ctx, uint32_t file, struct ast_file **out);

/*
 * The same from a module already read (pysrc_read): for import, which
 * reads the bodies too.
 */
int alembic_py_revision(struct rt_ctx *ctx, const struct py_module *m,
			struct ast_file **out);

/*
 * The commands that work on Alembic scripts read in place are those
 * that need only the graph (check, heads, branches, history, show,
 * graph).  For any other, on such a project, queue an error saying so
 * (and how to import them) and return true.
 */
bool alembic_py_refuse(struct rt_ctx *ctx, const struct project *p,
		       const char *cmd);

/* The function statement `def NAME` at the module level of m, or NULL. */
const struct py_stmt *alembic_py_function(const struct py_module *m,
					  const char *name);

/*
 * The docstring's "Create Date:" line as created wants it, in UTC
 * ("YYYY-MM-DD HH:MM:SS" into buf, room for 20 bytes): Alembic writes
 * the local time with microseconds, and an offset when configured with a
 * timezone.  Returns false when there is none, or it is no date.
 */
bool alembic_py_create_date(const char *doc, char *buf);

#endif
