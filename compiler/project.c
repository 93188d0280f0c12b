/*
 * project.c: discovery of .mig files (or, where there are none, Alembic's
 * .py scripts) and the front-end driver over them (read, parse, resolve),
 * stopping at the error cap.
 */
#include "project.h"

#define _DEFAULT_SOURCE 1	/* struct dirent's d_type */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

#include "alembic_py.h"
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "resolve.h"
#include "rt.h"
#include "util.h"

struct path_list {
	char **v;
	size_t n;
	size_t cap;
};

enum entry {
	ENTRY_SKIP,
	ENTRY_DIR,
	ENTRY_MIG,
};

static bool has_mig_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".mig") == 0;
}

static char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);

	/* "versions/" and "versions" name the same directory. */
	while (a > 1 && dir[a - 1] == '/')
		a--;
	char *p = xmalloc(a + b + 2);

	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* Fail with errno as it stands, naming path (a directory or not). */
static int walk_fail(struct walk_error *err, char *path, bool dir)
{
	err->path = path;
	err->dir = dir;
	return -1;
}

/*
 * Where an entry goes: a directory to walk, a .mig file to take, or
 * nowhere.  d_type answers for most entries without a system call.  A
 * link is followed to a file, never to a directory; a dangling .mig link
 * is an error, since it may stand for a missing migration.
 */
static int classify(const char *path, const struct dirent *e, bool mig,
		    enum entry *kind)
{
	struct stat st;
	unsigned char type = e->d_type;

	if (type == DT_UNKNOWN) {
		if (lstat(path, &st) < 0)
			return -1;
		type = S_ISDIR(st.st_mode) ? DT_DIR
		     : S_ISREG(st.st_mode) ? DT_REG
		     : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
	}
	*kind = ENTRY_SKIP;
	if (type == DT_DIR)
		*kind = ENTRY_DIR;
	else if (mig && type == DT_REG)
		*kind = ENTRY_MIG;
	else if (mig && type == DT_LNK) {
		if (stat(path, &st) < 0)
			return -1;
		if (S_ISREG(st.st_mode))
			*kind = ENTRY_MIG;
	}
	return 0;
}

static int walk(const char *dir, bool (*pick)(const char *name),
		struct path_list *out, struct walk_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0, saved;

	if (!d)
		return walk_fail(err, xstrdup(dir), true);
	while (rc == 0 && (errno = 0, e = readdir(d)) != NULL) {
		bool mig = pick(e->d_name);
		enum entry kind;
		char *path;

		if (e->d_name[0] == '.' ||
		    (!mig && (e->d_type == DT_REG || e->d_type == DT_LNK)))
			continue;
		path = path_join(dir, e->d_name);
		if (classify(path, e, mig, &kind) < 0) {
			rc = walk_fail(err, path, false);
		} else if (kind == ENTRY_DIR) {
			rc = walk(path, pick, out, err);
			free(path);
		} else if (kind == ENTRY_MIG) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof(*out->v));
			out->v[out->n++] = path;
		} else {
			free(path);
		}
	}
	if (rc == 0 && errno != 0)
		rc = walk_fail(err, xstrdup(dir), true);
	saved = errno;
	closedir(d);
	errno = saved;
	return rc;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files below dir whose names pick takes (project_find). */
static int find(const char *dir, bool (*pick)(const char *name),
		char ***paths, size_t *n, struct walk_error *err)
{
	struct path_list list = { NULL, 0, 0 };
	size_t i;

	err->path = NULL;
	err->dir = false;
	if (walk(dir, pick, &list, err) < 0) {
		int saved = errno;

		for (i = 0; i < list.n; i++)
			free(list.v[i]);
		free(list.v);
		errno = saved;
		return -1;
	}
	if (list.n)
		qsort(list.v, list.n, sizeof(*list.v), cmp_path);
	*paths = list.v;
	*n = list.n;
	return 0;
}

int project_find(const char *dir, char ***paths, size_t *n,
		 struct walk_error *err)
{
	return find(dir, has_mig_suffix, paths, n, err);
}

static void free_paths(char **paths, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

int project_load(struct rt_ctx *ctx, const char *versions,
		 struct project **out)
{
	struct project *p = arena_alloc(&ctx->arena, sizeof(*p));
	char **paths = NULL;
	struct walk_error err;
	size_t n = 0, i;

	p->versions = arena_strndup(&ctx->arena, versions, strlen(versions));
	if (project_find(versions, &paths, &n, &err) == 0 && n == 0) {
		free(paths);
		p->alembic = find(versions, alembic_py_wanted, &paths, &n,
				  &err) == 0 && n > 0;
	}
	if (err.path) {
		diag_error(ctx, src_span_none(), "cannot read %s\"%s\": %s",
			   err.dir ? "directory " : "", err.path,
			   strerror(errno));
		free(err.path);
		return PROJECT_IO;
	}
	p->files = arena_alloc(&ctx->arena, (n ? n : 1) * sizeof(*p->files));
	for (i = 0; i < n && !diag_full(ctx); i++) {
		struct ast_file *f;
		uint32_t id;

		if (src_read(ctx, paths[i], &id) < 0) {
			diag_error(ctx, src_span_none(), "cannot read \"%s\": %s",
				   paths[i], strerror(errno));
			free_paths(paths, n);
			return PROJECT_IO;
		}
		if (p->alembic) {
			alembic_py_load(ctx, id, &f);
		} else {
			ctx->stage = "syntax";
			parse_file(ctx, id, &f);
			ctx->stage = "revision";
			resolve_file(ctx, f);
			ctx->stage = NULL;
		}
		p->files[p->nfiles++] = f;
		p->nrevs += f->nrevs;
	}
	free_paths(paths, n);
	*out = p;
	return ctx->diags.errors ? PROJECT_INVALID : PROJECT_OK;
}
