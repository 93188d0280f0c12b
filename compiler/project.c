/*
 * project.c: discovery of .mig files and the front-end driver over them
 * (read, parse, resolve), stopping at the error cap.
 */
#include "project.h"

#define _DEFAULT_SOURCE 1	/* struct dirent's d_type */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

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

static bool has_mig_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".mig") == 0;
}

static char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = xmalloc(a + b + 2);

	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

static int walk(const char *dir, struct path_list *out, char **failed)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		*failed = xstrdup(dir);
		return -1;
	}
	while (rc == 0 && (errno = 0, e = readdir(d)) != NULL) {
		struct stat st, lst;
		char *path;

		if (e->d_name[0] == '.')
			continue;
		/* Most entries say what they are; stat only the rest. */
		if (e->d_type == DT_REG) {
			if (has_mig_suffix(e->d_name)) {
				out->v = xgrow(out->v, &out->cap, out->n + 1,
					       sizeof(*out->v));
				out->v[out->n++] = path_join(dir, e->d_name);
			}
			continue;
		}
		path = path_join(dir, e->d_name);
		if (stat(path, &st) < 0 || lstat(path, &lst) < 0) {
			if (errno == ENOENT && lstat(path, &lst) == 0) {
				/* A dangling link is no file of ours. */
				free(path);
				continue;
			}
			*failed = path;
			rc = -1;
			break;
		}
		if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode)) {
			rc = walk(path, out, failed);
			free(path);
		} else if (S_ISREG(st.st_mode) && has_mig_suffix(e->d_name)) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof(*out->v));
			out->v[out->n++] = path;
		} else {
			free(path);
		}
	}
	if (rc == 0 && errno != 0) {
		*failed = xstrdup(dir);
		rc = -1;
	}
	if (rc < 0) {
		int saved = errno;

		closedir(d);
		errno = saved;
		return rc;
	}
	closedir(d);
	return 0;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int project_find(const char *dir, char ***paths, size_t *n, char **failed)
{
	struct path_list list = { NULL, 0, 0 };
	size_t i;

	*failed = NULL;
	if (walk(dir, &list, failed) < 0) {
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
	char **paths = NULL, *failed = NULL;
	size_t n = 0, i;

	p->versions = arena_strndup(&ctx->arena, versions, strlen(versions));
	if (project_find(versions, &paths, &n, &failed) < 0) {
		diag_error(ctx, src_span_none(), "cannot read directory \"%s\": %s",
			   failed, strerror(errno));
		free(failed);
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
		parse_file(ctx, id, &f);
		resolve_file(ctx, f);
		p->files[p->nfiles++] = f;
		p->nrevs += f->nrevs;
	}
	free_paths(paths, n);
	*out = p;
	return ctx->diags.errors ? PROJECT_INVALID : PROJECT_OK;
}
