/*
 * project.h: finding and loading a project's .mig files: every *.mig under
 * the versions directory, recursively, in byte order of the path, each
 * read, parsed and resolved.
 */
#ifndef RT_PROJECT_H
#define RT_PROJECT_H

#include <stddef.h>

struct rt_ctx;
struct ast_file;

/* A loaded project, in the context's arena. */
struct project {
	const char *versions;		/* the versions directory */
	struct ast_file **files;	/* in byte order of the path */
	size_t nfiles;
	size_t nrevs;
};

/* What project_load returns besides success (these are exit codes). */
enum {
	PROJECT_OK = 0,
	PROJECT_INVALID = 1,	/* diagnostics were queued */
	PROJECT_IO = 3,		/* a directory or file could not be read */
};

/*
 * List the .mig files below dir (names starting with '.' are skipped,
 * symbolic links are followed to files but never to directories) into
 * *paths (an xmalloc'ed array of xmalloc'ed strings, sorted by strcmp;
 * the caller frees both).  Returns 0, or -1 with errno set and the path
 * that failed in *failed (xmalloc'ed).
 */
int project_find(const char *dir, char ***paths, size_t *n, char **failed);

/* Find, read, parse and resolve everything; *out is set on PROJECT_OK
 * and PROJECT_INVALID.  I/O errors are queued as diagnostics too. */
int project_load(struct rt_ctx *ctx, const char *versions,
		 struct project **out);

#endif
