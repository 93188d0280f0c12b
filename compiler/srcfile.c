/*
 * srcfile.c: reading source files whole, and mapping byte offsets to line
 * and column through a line-start table built the first time it is needed.
 */
#include "srcfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "rt.h"
#include "util.h"

void src_table_init(struct src_table *t)
{
	memset(t, 0, sizeof(*t));
}

void src_table_release(struct src_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!t->files[i])
			continue;
		if (!t->files[i]->data_in_arena)
			free(t->files[i]->data);
		free(t->files[i]->lines);
	}
	free(t->files);
	src_table_init(t);
}

static uint32_t src_push(struct rt_ctx *ctx, const char *path, char *data,
			 uint32_t len)
{
	struct src_table *t = &ctx->srcs;
	struct src_file *f = arena_alloc(&ctx->arena, sizeof(*f));

	if (t->n >= SRC_NONE)
		RT_BUG("too many source files");
	f->path = arena_strndup(&ctx->arena, path, strlen(path));
	f->data = data;
	f->len = len;
	t->files = xgrow(t->files, &t->cap, t->n + 1, sizeof(*t->files));
	t->files[t->n] = f;
	return (uint32_t)t->n++;
}

uint32_t src_add(struct rt_ctx *ctx, const char *path, const char *data,
		 size_t len)
{
	char *copy;

	if (len > SRC_MAX_LEN)
		RT_BUG("source of %zu bytes is too large", len);
	copy = xmalloc(len + 2);
	memcpy(copy, data, len);
	copy[len] = copy[len + 1] = '\0';
	return src_push(ctx, path, copy, (uint32_t)len);
}

static int read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return got == len ? 0 : (errno = EIO, -1);
}

/*
 * Read the regular file at path (relative to directory fd dir, or
 * AT_FDCWD) whole, followed by two NUL bytes, into memory from a (arena
 * given) or xmalloc; NULL with errno set on failure.
 */
static char *read_file(int dir, const char *path, struct arena *a,
		       uint32_t *len)
{
	struct stat st;
	char *data;
	size_t n;
	int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
	int saved;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if ((unsigned long long)st.st_size > SRC_MAX_LEN) {
		errno = EFBIG;
		goto fail;
	}
	n = (size_t)st.st_size;
	data = a ? arena_alloc_aligned(a, n + 2, 1) : xmalloc(n + 2);
	if (read_all(fd, data, n) < 0) {
		saved = errno;
		if (!a)
			free(data);
		errno = saved;
		goto fail;
	}
	close(fd);
	data[n] = data[n + 1] = '\0';
	*len = (uint32_t)n;
	return data;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
}

int src_read(struct rt_ctx *ctx, const char *path, uint32_t *id)
{
	uint32_t len;
	char *data = read_file(AT_FDCWD, path, NULL, &len);

	if (!data)
		return -1;
	*id = src_push(ctx, path, data, len);
	return 0;
}

uint32_t src_reserve(struct rt_ctx *ctx, size_t n)
{
	struct src_table *t = &ctx->srcs;
	size_t first = t->n;

	if (n > SRC_NONE - first)
		RT_BUG("too many source files");
	t->files = xgrow(t->files, &t->cap, first + n + 1, sizeof(*t->files));
	memset(t->files + first, 0, n * sizeof(*t->files));
	t->n += n;
	return (uint32_t)first;
}

int src_load(struct rt_ctx *ctx, uint32_t id, int dir, const char *name,
	     const char *path)
{
	struct src_file *f;
	uint32_t len;
	char *data = read_file(dir, name, &ctx->arena, &len);

	if (!data)
		return -1;
	f = arena_alloc(&ctx->arena, sizeof(*f));
	f->path = path;
	f->data = data;
	f->len = len;
	f->data_in_arena = true;
	ctx->srcs.files[id] = f;
	return 0;
}

struct src_file *src_get(const struct rt_ctx *ctx, uint32_t id)
{
	if (id >= ctx->srcs.n)
		RT_BUG("no source file %u", id);
	return ctx->srcs.files[id];
}

static void build_lines(struct src_file *f)
{
	size_t cap = 0, n = 0;
	uint32_t *lines = NULL;
	uint32_t i;

	lines = xgrow(lines, &cap, 1, sizeof(*lines));
	lines[n++] = 0;
	for (i = 0; i < f->len; i++) {
		if (f->data[i] == '\n') {
			lines = xgrow(lines, &cap, n + 1, sizeof(*lines));
			lines[n++] = i + 1;
		}
	}
	f->lines = lines;
	f->nlines = (uint32_t)n;
}

void src_position(struct src_file *f, uint32_t off, uint32_t *line,
		  uint32_t *col)
{
	uint32_t lo = 0, hi;

	if (!f->lines)
		build_lines(f);
	if (off > f->len)
		off = f->len;
	hi = f->nlines;
	/* The last line whose start is <= off. */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*col = off - f->lines[lo] + 1;
}

void src_line_bounds(struct src_file *f, uint32_t line, uint32_t *start,
		     uint32_t *end)
{
	uint32_t s, e;

	if (!f->lines)
		build_lines(f);
	if (line == 0 || line > f->nlines)
		RT_BUG("line %u out of range", line);
	s = f->lines[line - 1];
	e = line < f->nlines ? f->lines[line] - 1 : f->len;
	if (e > s && f->data[e - 1] == '\r')
		e--;
	*start = s;
	*end = e;
}
