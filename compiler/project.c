/*
 * project.c: discovery of .mig files (or, where there are none, Alembic's
 * .py scripts) and the front-end driver over them (read, parse, resolve),
 * on several threads, stopping at the error cap exactly where one thread
 * would.
 */
#include "project.h"

#define _DEFAULT_SOURCE 1	/* struct dirent's d_type */

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sha2.h>
#include <unistd.h>

#include "alembic_py.h"
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "resolve.h"
#include "rt.h"
#include "util.h"

/* At most this many threads read and parse. */
#define PROJECT_MAX_THREADS 8
/* A thread is worth starting for this many files. */
#define PROJECT_FILES_PER_THREAD 64

/* Directories kept open while their files are read (openat saves
 * looking the directory up again for each file); past that many, files
 * are opened by path. */
#define PROJECT_MAX_DIRS 32

/* A .mig file found: its path (in the arena), and its name in the
 * directory open as dir (-1: open the path). */
struct mig_path {
	const char *path;
	const char *name;
	int dir;
};

struct path_list {
	struct mig_path *v;
	size_t n;
	size_t cap;
	int dirs[PROJECT_MAX_DIRS];
	size_t ndirs;
};

/* Which path could not be read. */
struct walk_error {
	const char *path;
	bool dir;		/* a directory, or a .mig file's link */
};

enum entry {
	ENTRY_SKIP,
	ENTRY_DIR,
	ENTRY_MIG,
};

static bool has_mig_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && memcmp(name + n - 4, ".mig", 4) == 0;
}

/* dir/name in the arena; "versions/" and "versions" are one directory. */
static const char *path_join(struct arena *a, const char *dir,
			     const char *name, size_t nlen)
{
	size_t n = strlen(dir);
	char *p;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	p = arena_alloc_aligned(a, n + nlen + 2, 1);
	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + 1, name, nlen + 1);
	return p;
}

/* Fail with errno as it stands, naming path (a directory or not). */
static int walk_fail(struct walk_error *err, const char *path, bool dir)
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

/*
 * Add the files below dir whose names pick takes (.mig files, or
 * Alembic's scripts) to out (names starting with '.' are skipped,
 * symbolic links are followed to files but never to directories, a
 * dangling one is an error).  Returns 0, or -1 with errno set and *err
 * saying where.
 */
static int walk(struct arena *a, const char *dir,
		bool (*pick)(const char *name), struct path_list *out,
		struct walk_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0, saved, keep = -1;

	if (!d)
		return walk_fail(err, arena_strndup(a, dir, strlen(dir)), true);
	if (out->ndirs < PROJECT_MAX_DIRS &&
	    (keep = fcntl(dirfd(d), F_DUPFD_CLOEXEC, 0)) >= 0)
		out->dirs[out->ndirs++] = keep;
	while (rc == 0 && (errno = 0, e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		bool mig = pick(e->d_name);
		enum entry kind;
		const char *path;

		if (e->d_name[0] == '.' ||
		    (!mig && (e->d_type == DT_REG || e->d_type == DT_LNK)))
			continue;
		path = path_join(a, dir, e->d_name, len);
		if (classify(path, e, mig, &kind) < 0) {
			rc = walk_fail(err, path, false);
		} else if (kind == ENTRY_DIR) {
			rc = walk(a, path, pick, out, err);
		} else if (kind == ENTRY_MIG) {
			out->v = xgrow(out->v, &out->cap, out->n + 1,
				       sizeof(*out->v));
			out->v[out->n].path = path;
			out->v[out->n].name = path + strlen(path) - len;
			out->v[out->n++].dir = keep;
		}
	}
	if (rc == 0 && errno != 0)
		rc = walk_fail(err, arena_strndup(a, dir, strlen(dir)), true);
	saved = errno;
	closedir(d);
	errno = saved;
	return rc;
}

static void close_dirs(struct path_list *list)
{
	size_t i;

	for (i = 0; i < list->ndirs; i++)
		close(list->dirs[i]);
	free(list->v);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct mig_path *)a)->path,
		      ((const struct mig_path *)b)->path);
}

/* One file as a loading thread left it. */
struct loaded {
	struct ast_file *file;
	struct diag_queue diags;	/* its diagnostics alone */
	int err;			/* errno of a failed read, or 0 */
	atomic_bool done;		/* the fields above are set */
};

/*
 * What the loading threads share; each takes the next file in turn.
 * Behind them a cursor counts the errors of the files done in order, so
 * that once they pass the cap (or a file cannot be read) the files after
 * are left alone, as one thread would have stopped there.
 */
struct loader {
	struct rt_ctx *ctx;		/* the run's */
	const struct mig_path *paths;
	uint32_t first;			/* the file number of paths[0] */
	size_t n;
	atomic_size_t next;		/* the next file to take */
	atomic_size_t stop;		/* no file from here on is needed */
	struct loaded *out;		/* n of them */
	pthread_mutex_t cursor_lock;
	size_t cursor;			/* files before it are counted */
	unsigned errors;		/* their errors */
	bool stopped;			/* the cursor met the cap or a failure */
	bool digest;			/* hash the files as the cursor passes */
	bool alembic;			/* Alembic's scripts, not .mig files */
	SHA2_CTX sha;
};

/* A loading thread: its own context (arena, diagnostics) with the run's
 * file table and a view of its names, and for ctx->headers_only an
 * arena for each file's tree, emptied once its headers are copied. */
struct loading {
	struct loader *ld;
	struct rt_ctx ctx;
	struct arena scratch;
	pthread_t thread;
};

/* Parse and resolve file id in ctx; the tree is all of it, or for
 * ctx->headers_only its headers (parsed in scratch). */
static struct ast_file *parse_one(struct rt_ctx *ctx, uint32_t id,
				  struct arena *scratch, bool alembic)
{
	struct ast_file *f;

	if (alembic) {
		alembic_py_load(ctx, id, &f);
		return f;
	}
	ctx->stage = "syntax";
	parse_file_in(ctx, id, ctx->headers_only ? scratch : &ctx->arena, &f);
	ctx->stage = "revision";
	resolve_file(ctx, f);
	ctx->stage = NULL;
	if (ctx->headers_only) {
		f = ast_file_headers(&ctx->arena, f);
		arena_reset(scratch);
	}
	return f;
}

/* Read, parse and resolve paths[i] in ctx, its diagnostics kept apart. */
static void load_one(struct loader *ld, struct loading *w, size_t i)
{
	struct rt_ctx *ctx = &w->ctx;
	struct loaded *out = &ld->out[i];
	const struct mig_path *m = &ld->paths[i];
	uint32_t id = ld->first + (uint32_t)i;

	/* A queue of its own, muted as the run's is. */
	memset(&ctx->diags, 0, sizeof(ctx->diags));
	ctx->diags.mute = ld->ctx->diags.mute;
	ctx->diags.mute_warnings = ld->ctx->diags.mute_warnings;
	if (src_load(ctx, id, m->dir >= 0 ? m->dir : AT_FDCWD,
		     m->dir >= 0 ? m->name : m->path, m->path) < 0) {
		out->err = errno ? errno : EIO;
		return;
	}
	out->file = parse_one(ctx, id, &w->scratch, ld->alembic);
	out->diags = ctx->diags;
}

/*
 * Move the cursor over the files done, whoever holds it (wait: block for
 * it, else leave it to its holder).  It also feeds each file to the
 * sources' digest (project.h), which has to go in path order.
 */
static void advance(struct loader *ld, bool wait)
{
	if (wait)
		pthread_mutex_lock(&ld->cursor_lock);
	else if (pthread_mutex_trylock(&ld->cursor_lock) != 0)
		return;
	while (!ld->stopped && ld->cursor < ld->n &&
	       atomic_load(&ld->out[ld->cursor].done)) {
		size_t i = ld->cursor++;
		struct loaded *l = &ld->out[i];
		const struct src_file *f;

		ld->errors += l->diags.errors;
		if (l->err || ld->errors > DIAG_MAX_ERRORS) {
			ld->stopped = true;
			atomic_store(&ld->stop, ld->cursor);
			break;
		}
		if (!ld->digest)
			continue;
		f = ld->ctx->srcs.files[ld->first + i];
		SHA256Update(&ld->sha, (const uint8_t *)f->path,
			     strlen(f->path) + 1);
		SHA256Update(&ld->sha, (const uint8_t *)f->data, f->len);
		SHA256Update(&ld->sha, (const uint8_t *)"", 1);
	}
	pthread_mutex_unlock(&ld->cursor_lock);
}

static void *loading_run(void *arg)
{
	struct loading *w = arg;
	struct loader *ld = w->ld;
	size_t i;

	/* Files are taken in order: all before i are taken already. */
	while ((i = atomic_fetch_add(&ld->next, 1)) < atomic_load(&ld->stop)) {
		load_one(ld, w, i);
		atomic_store(&ld->out[i].done, true);
		advance(ld, false);
	}
	return NULL;
}

static void loading_init(struct loading *w, struct loader *ld)
{
	struct rt_ctx *run = ld->ctx;

	memset(w, 0, sizeof(*w));
	w->ld = ld;
	arena_init(&w->ctx.arena);
	w->ctx.srcs = run->srcs;
	intern_view(&w->ctx.names, &run->names);
	w->ctx.color = run->color;
	w->ctx.quiet = run->quiet;
	w->ctx.verbose = run->verbose;
	w->ctx.headers_only = run->headers_only;
	arena_init(&w->scratch);
}

/* How many threads: one per core, but not for a handful of files. */
static size_t thread_count(unsigned want, size_t nfiles)
{
	size_t n = want;

	if (n == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		n = cores > 0 ? (size_t)cores : 1;
		if (n > PROJECT_MAX_THREADS)
			n = PROJECT_MAX_THREADS;
		if (n > nfiles / PROJECT_FILES_PER_THREAD)
			n = nfiles / PROJECT_FILES_PER_THREAD;
	}
	return n ? n : 1;
}

/* Run load_one over every file on nthreads threads, this one included. */
static void load_all(struct loader *ld, size_t nthreads)
{
	struct loading *w = xcalloc(nthreads, sizeof(*w));
	size_t i, started = 1;

	intern_share_begin(&ld->ctx->names);
	for (i = 0; i < nthreads; i++)
		loading_init(&w[i], ld);
	for (i = 1; i < nthreads; i++) {
		if (pthread_create(&w[i].thread, NULL, loading_run, &w[i]) != 0)
			break;	/* fewer threads: the others share the work */
		started++;
	}
	loading_run(&w[0]);
	for (i = 1; i < started; i++)
		pthread_join(w[i].thread, NULL);
	intern_share_end(&ld->ctx->names);
	for (i = 0; i < nthreads; i++) {
		intern_view_release(&w[i].ctx.names);
		arena_adopt(&ld->ctx->arena, &w[i].ctx.arena);
		arena_release(&w[i].scratch);
	}
	free(w);
}

/* Queue a file's diagnostics after the run's. */
static void diag_append(struct diag_queue *q, const struct diag_queue *more)
{
	if (!more->head)
		return;
	if (q->tail)
		q->tail->next = more->head;
	else
		q->head = more->head;
	q->tail = more->tail;
	q->errors += more->errors;
	q->warnings += more->warnings;
	q->last_dropped = more->last_dropped;
}

/*
 * Take the files in order, as one thread would have loaded them: each
 * file's diagnostics after the last's.  A file whose errors pass the
 * cap would have stopped where the count is reached: it is loaded again
 * here, in the run's context, and the loading stops there.
 */
static int take_files(struct rt_ctx *ctx, struct loader *ld, struct project *p)
{
	size_t i;

	for (i = 0; i < ld->n && !diag_full(ctx); i++) {
		struct loaded *l = &ld->out[i];
		struct ast_file *f = l->file;

		if (!atomic_load(&l->done))
			RT_BUG("file %zu was not loaded", i);
		if (l->err) {
			diag_error(ctx, src_span_none(), "cannot read \"%s\": %s",
				   ld->paths[i].path, strerror(l->err));
			return PROJECT_IO;
		}
		if (ctx->diags.errors + l->diags.errors > DIAG_MAX_ERRORS) {
			struct arena scratch;

			arena_init(&scratch);
			f = parse_one(ctx, ld->first + (uint32_t)i, &scratch,
				      ld->alembic);
			arena_release(&scratch);
		} else {
			diag_append(&ctx->diags, &l->diags);
		}
		p->files[p->nfiles++] = f;
		p->nrevs += f->nrevs;
	}
	return ctx->diags.errors ? PROJECT_INVALID : PROJECT_OK;
}

int project_load_threads(struct rt_ctx *ctx, const char *versions,
			 unsigned nthreads, struct project **out)
{
	struct project *p = arena_alloc(&ctx->arena, sizeof(*p));
	struct path_list list = { NULL, 0, 0, { 0 }, 0 };
	struct walk_error err = { NULL, false };
	struct loader ld;
	size_t i;
	int rc;

	p->versions = arena_strndup(&ctx->arena, versions, strlen(versions));
	if (walk(&ctx->arena, versions, has_mig_suffix, &list, &err) == 0 &&
	    list.n == 0) {
		close_dirs(&list);
		memset(&list, 0, sizeof(list));
		if (walk(&ctx->arena, versions, alembic_py_wanted, &list,
			 &err) == 0)
			p->alembic = list.n > 0;
	}
	if (err.path) {
		diag_error(ctx, src_span_none(), "cannot read %s\"%s\": %s",
			   err.dir ? "directory " : "", err.path,
			   strerror(errno));
		close_dirs(&list);
		return PROJECT_IO;
	}
	if (list.n)
		qsort(list.v, list.n, sizeof(*list.v), cmp_path);
	p->files = arena_alloc(&ctx->arena, (list.n ? list.n : 1) *
			       sizeof(*p->files));
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.alembic = p->alembic;
	ld.paths = list.v;
	ld.n = list.n;
	ld.first = src_reserve(ctx, list.n);
	ld.out = xcalloc(list.n ? list.n : 1, sizeof(*ld.out));
	atomic_init(&ld.next, 0);
	atomic_init(&ld.stop, list.n);
	for (i = 0; i < list.n; i++)
		atomic_init(&ld.out[i].done, false);
	if (pthread_mutex_init(&ld.cursor_lock, NULL) != 0)
		RT_BUG("cannot create the loader's lock");
	ld.digest = !ctx->headers_only && !ctx->no_digest;
	if (ld.digest)
		SHA256Init(&ld.sha);
	load_all(&ld, thread_count(nthreads, list.n));
	advance(&ld, true);
	pthread_mutex_destroy(&ld.cursor_lock);
	if (ld.digest && !ld.stopped && ld.cursor == ld.n)
		SHA256End(&ld.sha, p->digest);
	rc = take_files(ctx, &ld, p);
	resolve_types(ctx, p->files, p->nfiles);
	free(ld.out);
	close_dirs(&list);
	*out = p;
	return rc;
}

int project_count_mig(struct rt_ctx *ctx, const char *dir, size_t *n)
{
	struct arena a;
	struct path_list list = { NULL, 0, 0, { 0 }, 0 };
	struct walk_error err = { NULL, false };
	int rc, saved;

	arena_init(&a);
	rc = walk(&a, dir, has_mig_suffix, &list, &err);
	saved = errno;
	*n = list.n;
	if (rc < 0)
		diag_error(ctx, src_span_none(), "cannot read %s\"%s\": %s",
			   err.dir ? "directory " : "", err.path,
			   strerror(saved));
	close_dirs(&list);
	arena_release(&a);
	return rc;
}

int project_load(struct rt_ctx *ctx, const char *versions,
		 struct project **out)
{
	return project_load_threads(ctx, versions, 0, out);
}
