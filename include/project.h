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
	/* The sha256 of the sources as SQL headers give it (each file's
	 * path, NUL, contents, NUL, in path order), in hex, computed while
	 * they are read; "" when not (ctx->headers_only or ctx->no_digest,
	 * or the load stopped early). */
	char digest[65];
	bool alembic;			/* Alembic scripts (no .mig there) */
};

/* What project_load returns besides success (these are exit codes). */
enum {
	PROJECT_OK = 0,
	PROJECT_INVALID = 1,	/* diagnostics were queued */
	PROJECT_IO = 3,		/* a directory or file could not be read */
};

/*
 * Find every *.mig under the versions directory (recursively; names
 * starting with '.' are skipped, symbolic links are followed to files but
 * never to directories, a dangling .mig link is an error), read, parse
 * and resolve each, in byte order of the path; *out is set.  Returns
 * PROJECT_OK, PROJECT_INVALID or PROJECT_IO, the errors queued as
 * diagnostics (I/O errors too).  Files are read and parsed on up to
 * nthreads threads (0: one per core, fewer for a small project); the
 * project and the diagnostics are the same for any number, down to where
 * the error cap stops.
 */
int project_load_threads(struct rt_ctx *ctx, const char *versions,
			 unsigned nthreads, struct project **out);

/* How many .mig files are below dir (*n); -1 after an error, queued. */
int project_count_mig(struct rt_ctx *ctx, const char *dir, size_t *n);

/* project_load_threads with as many threads as are worth it.  A
 * directory without .mig files is read for Alembic's .py scripts
 * instead (alembic_py.h). */
int project_load(struct rt_ctx *ctx, const char *versions,
		 struct project **out);

#endif
