/*
 * project.h: finding and loading a project's .mig files: every *.mig under
 * the versions directory, recursively, in byte order of the path, each
 * read, parsed and resolved.
 */
#ifndef RT_PROJECT_H
#define RT_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;
struct ast_file;

/* A loaded project, in the context's arena. */
struct project {
	const char *versions;		/* the versions directory */
	struct ast_file **files;	/* in byte order of the path */
	size_t nfiles;
	size_t nrevs;
	bool alembic;			/* Alembic scripts (no .mig there) */
};

/* What project_load returns besides success (these are exit codes). */
enum {
	PROJECT_OK = 0,
	PROJECT_INVALID = 1,	/* diagnostics were queued */
	PROJECT_IO = 3,		/* a directory or file could not be read */
};

/* Which path project_find could not read (path is xmalloc'ed). */
struct walk_error {
	char *path;
	bool dir;		/* a directory, or a .mig file's link */
};

/*
 * List the .mig files below dir (names starting with '.' are skipped,
 * symbolic links are followed to files but never to directories, a
 * dangling .mig link is an error) into *paths (an xmalloc'ed array of
 * xmalloc'ed strings, sorted by strcmp; the caller frees both).  Returns
 * 0, or -1 with errno set and *err saying where.
 */
int project_find(const char *dir, char ***paths, size_t *n,
		 struct walk_error *err);

/* Find, read, parse and resolve everything; *out is set on PROJECT_OK
 * and PROJECT_INVALID.  I/O errors are queued as diagnostics too.  A
 * directory without .mig files is read for Alembic's .py scripts
 * instead (alembic_py.h). */
int project_load(struct rt_ctx *ctx, const char *versions,
		 struct project **out);

#endif
