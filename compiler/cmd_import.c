/*
 * cmd_import.c: `retort import alembic DIR`: one .mig file per Alembic
 * revision script of DIR, written into the project's versions directory
 * (alembic_op.c writes each), all or nothing, never over a file.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "alembic_op.h"
#include "arena.h"
#include "ast.h"
#include "cli.h"
#include "diag.h"
#include "graph.h"
#include "out.h"
#include "parse.h"
#include "project.h"
#include "pysrc.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

const char cmd_import_help[] =
	"usage: retort import alembic DIR\n"
	"\n"
	"Write one .mig file per Alembic revision script under DIR (an\n"
	"Alembic versions/ directory, or the script directory whose env.py\n"
	"and versions/ it holds) into the project's versions directory, under\n"
	"the same relative name with .mig for .py, and print each path.  The\n"
	"header clauses come from revision, down_revision, branch_labels,\n"
	"depends_on and the docstring; up and down from upgrade() and\n"
	"downgrade() where they are op.* calls with literal arguments.\n"
	"Anything else is a warning at its .py line and is kept, as it\n"
	"stands, in a `sql python $py$ ... $py$;` block, which check refuses\n"
	"until a person replaces it.  Nothing is written when the scripts\n"
	"have errors, when the versions directory already holds .mig files,\n"
	"or when a file to write exists.\n";

static const struct option import_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* One file to write. */
struct out_file {
	const char *path;
	struct strbuf text;
};

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* DIR, or DIR/versions when DIR is Alembic's script directory. */
static const char *scripts_dir(struct rt_ctx *ctx, const char *dir)
{
	const char *env = arena_path_join(&ctx->arena, dir, "env.py");
	const char *versions = arena_path_join(&ctx->arena, dir, "versions");

	if (access(env, F_OK) == 0 && is_dir(versions))
		return versions;
	return dir;
}

/* The Alembic scripts and their graph; EXIT_OK or the exit code. */
static int load_scripts(struct rt_ctx *ctx, const char *dir,
			struct project **p, struct graph **g)
{
	int rc = project_load(ctx, dir, p);

	*g = NULL;
	if (rc == PROJECT_IO)
		return EXIT_IO;
	if (!(*p)->alembic) {
		if ((*p)->nfiles)
			diag_error(ctx, src_span_none(), "\"%s\" holds .mig "
				   "files, not Alembic scripts", dir);
		else
			diag_error(ctx, src_span_none(), "no Alembic revision "
				   "script (*.py) under \"%s\"", dir);
		return EXIT_INVALID;
	}
	if (rc != PROJECT_OK || graph_build(ctx, *p, g) != 0) {
		diag_note(ctx, src_span_none(), "so nothing was imported");
		return EXIT_INVALID;
	}
	return EXIT_OK;
}

/* The versions directory: made when missing, and without .mig files. */
static int check_target(struct rt_ctx *ctx, const char *versions)
{
	size_t n = 0;

	if (!is_dir(versions)) {
		if (mkdir(versions, 0777) == 0)
			return EXIT_OK;
		diag_error(ctx, src_span_none(), "cannot make the versions "
			   "directory \"%s\": %s", versions, strerror(errno));
		return EXIT_IO;
	}
	if (project_count_mig(ctx, versions, &n) < 0)
		return EXIT_IO;
	if (n) {
		diag_error(ctx, src_span_none(), "\"%s\" already holds %zu .mig "
			   "file%s; import writes into a project without "
			   "revisions", versions, n, n == 1 ? "" : "s");
		return EXIT_INVALID;
	}
	return EXIT_OK;
}

/* The .mig path of script path under dir: versions/REL.mig. */
static const char *target_path(struct rt_ctx *ctx, const char *dir,
			       const char *versions, const char *path,
			       const char **rel)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	*rel = path + n + (path[n] == '/');
	return arena_printf(&ctx->arena, "%s/%.*s.mig", versions,
			    (int)(strlen(*rel) - 3), *rel);
}

/* Render every script; a file that exists already is an error. */
static int render_all(struct rt_ctx *ctx, const char *dir,
		      const char *versions, const struct project *p,
		      struct graph *g, struct out_file *out,
		      struct alembic_op_stats *stats)
{
	size_t i;
	int rc = EXIT_OK;

	for (i = 0; i < p->nfiles; i++) {
		const struct ast_file *f = p->files[i];
		const char *rel;
		struct rev *r = graph_find(g, ctx, f->revs->id->u.word.text);

		out[i].path = target_path(ctx, dir, versions,
					  src_get(ctx, f->file)->path, &rel);
		strbuf_init(&out[i].text);
		if (access(out[i].path, F_OK) == 0) {
			diag_error(ctx, src_span_none(), "\"%s\" already exists",
				   out[i].path);
			rc = EXIT_INVALID;
			continue;
		}
		ctx->stage = "import";
		alembic_op_render(ctx, pysrc_read(ctx, f->file), r, rel,
				  &out[i].text, stats);
		ctx->stage = NULL;
	}
	return rc;
}

/* What import writes, retort must read: every file parses. */
static int reparse(struct rt_ctx *ctx, struct out_file *out, size_t n)
{
	unsigned before = ctx->diags.errors;
	struct ast_file *f;
	size_t i;

	for (i = 0; i < n; i++)
		parse_file(ctx, src_add(ctx, out[i].path, out[i].text.buf,
					out[i].text.len), &f);
	if (ctx->diags.errors == before)
		return EXIT_OK;
	diag_note(ctx, src_span_none(), "import wrote text that does not "
		  "parse (a bug in retort), so nothing was written");
	return EXIT_INVALID;
}

/* mkdir -p of the directory that holds path (below versions). */
static int make_parents(const char *path)
{
	char *copy = xstrdup(path), *p;
	int rc = 0;

	for (p = strchr(copy + 1, '/'); p && rc == 0; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

/* Write them all, or (on an error) none: the ones written go again. */
static int write_all(struct rt_ctx *ctx, struct out_file *out, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (make_parents(out[i].path) < 0 ||
		    out_write_new(out[i].path, out[i].text.buf,
				  out[i].text.len) < 0) {
			diag_error(ctx, src_span_none(), "cannot write \"%s\": "
				   "%s", out[i].path, strerror(errno));
			for (k = 0; k < i; k++)
				unlink(out[k].path);
			return EXIT_IO;
		}
	}
	for (i = 0; i < n; i++)
		printf("%s\n", out[i].path);
	return EXIT_OK;
}

static int import_alembic(struct rt_ctx *ctx, const struct cli *cli,
			  const char *dir)
{
	struct alembic_op_stats stats = { 0, 0 };
	struct project *p = NULL;
	struct graph *g = NULL;
	struct out_file *out = NULL;
	size_t i, n = 0;
	int rc;

	dir = scripts_dir(ctx, dir);
	rc = load_scripts(ctx, dir, &p, &g);
	if (rc == EXIT_OK)
		rc = check_target(ctx, cli->versions);
	if (rc == EXIT_OK) {
		n = p->nfiles;
		out = xcalloc(n + 1, sizeof(*out));
		rc = render_all(ctx, dir, cli->versions, p, g, out, &stats);
	}
	if (rc == EXIT_OK)
		rc = reparse(ctx, out, n);
	if (rc == EXIT_OK)
		rc = write_all(ctx, out, n);
	if (rc == EXIT_OK && !ctx->quiet)
		fprintf(stderr, "retort import: %zu revision%s from %s into %s"
			"%s\n", n, n == 1 ? "" : "s", dir, cli->versions,
			stats.blocks ? arena_printf(&ctx->arena, "; %u block%s "
				"of Python to replace by hand (`retort "
				"check` shows them)", stats.blocks,
				stats.blocks == 1 ? "" : "s") : "");
	for (i = 0; i < n; i++)
		strbuf_release(&out[i].text);
	free(out);
	graph_free(g);
	return rc;
}

int cmd_import(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv)
{
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+:h", import_options,
				NULL)) != -1) {
		if (c == 'h')
			return cli_print_help("import");
		return cli_bad_option("import", c, optopt, argv, optind);
	}
	if (optind >= argc)
		return cli_usage_error("import", "missing what to import from "
				       "(retort import alembic DIR)");
	if (strcmp(argv[optind], "alembic") != 0)
		return cli_usage_error("import", "cannot import from '%s' (only "
				       "'alembic')", argv[optind]);
	if (optind + 1 >= argc)
		return cli_usage_error("import", "missing DIR (the Alembic "
				       "versions directory)");
	if (optind + 2 < argc)
		return cli_usage_error("import", "unexpected argument '%s'",
				       argv[optind + 2]);
	return import_alembic(ctx, cli, argv[optind + 1]);
}
