/*
 * srcfile.h: source files held in memory for the whole run, and the byte
 * spans that every token, AST node and diagnostic points into.  Line and
 * column are computed only when a diagnostic is printed.
 */
#ifndef RT_SRCFILE_H
#define RT_SRCFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rt_ctx;

/* Bytes [start, end) of source file number file. */
struct src_span {
	uint32_t file;
	uint32_t start;
	uint32_t end;
};

/* The largest source file: the scanner takes an int length plus two. */
#define SRC_MAX_LEN (INT_MAX - 2)

/* The file number of a span that points nowhere (I/O and usage errors). */
#define SRC_NONE UINT32_MAX

static inline struct src_span src_span_none(void)
{
	struct src_span s = { SRC_NONE, 0, 0 };

	return s;
}

struct src_file {
	const char *path;	/* as shown in diagnostics */
	char *data;		/* len bytes, then two NUL bytes (for the scanner) */
	uint32_t len;
	bool data_in_arena;	/* else xmalloc'ed */
	uint32_t *lines;	/* start offset of each line, built on demand */
	uint32_t nlines;
};

/* Every file read in this run, owned by struct rt_ctx. */
struct src_table {
	struct src_file **files;
	size_t n;
	size_t cap;
};

void src_table_init(struct src_table *t);
void src_table_release(struct src_table *t);

/*
 * Read the file at path into the table.  On success store its number in
 * *id and return 0; on failure return -1 with errno set (the caller
 * reports it).  A file over SRC_MAX_LEN bytes fails with EFBIG.
 */
int src_read(struct rt_ctx *ctx, const char *path, uint32_t *id);

/*
 * Number the next n files without reading them yet: returns the first
 * number; each is filled once by src_load.  Until then src_get of it is
 * NULL.
 */
uint32_t src_reserve(struct rt_ctx *ctx, size_t n);

/*
 * Read file name, relative to the directory open as fd dir (AT_FDCWD:
 * the current one), into reserved number id, in ctx's arena, under the
 * name path (kept, not copied: it must live as long as ctx).  Threads
 * may load different numbers at once, each with its own ctx whose srcs
 * is a copy of the reserving one's.  Returns 0, or -1 with errno set.
 */
int src_load(struct rt_ctx *ctx, uint32_t id, int dir, const char *name,
	     const char *path);

/* Add len bytes from memory under the name path; returns its number. */
uint32_t src_add(struct rt_ctx *ctx, const char *path, const char *data,
		 size_t len);

struct src_file *src_get(const struct rt_ctx *ctx, uint32_t id);

/* 1-based line and byte column of offset off in f. */
void src_position(struct src_file *f, uint32_t off, uint32_t *line,
		  uint32_t *col);

/* Bounds [*start, *end) of 1-based line in f, without the newline. */
void src_line_bounds(struct src_file *f, uint32_t line, uint32_t *start,
		     uint32_t *end);

#endif
