/*
 * cmd_build.c: `retort build`: for each dialect, a directory of ordered
 * per-revision scripts (NNNN_<id>_<slug>.up.sql / .down.sql), the whole
 * upgrade.sql and downgrade.sql, a README and SHA256SUMS (SQL.md
 * "build").  One forward replay writes them all (script_walk), each file
 * into a new directory as soon as it is done; each dialect's directory
 * then replaces the old one whole, so no stale file survives, and on any
 * error nothing is left of what this run made.
 */
#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sha2.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "cli.h"
#include "config.h"
#include "diag.h"
#include "dialect.h"
#include "emit.h"
#include "graph.h"
#include "plan.h"
#include "project.h"
#include "revfmt.h"
#include "rt.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_build_help[] =
	"usage: retort build [-d DIALECT]... [-o DIR]\n"
	"\n"
	"Write, for each dialect (default: the config's dialects, else\n"
	"@DEFAULT_DIALECTS@), DIR/DIALECT/ with one .up.sql and one\n"
	".down.sql per revision in upgrade order, upgrade.sql (base -> heads),\n"
	"downgrade.sql (heads -> base), a README and SHA256SUMS (check with\n"
	"`sha256sum -c SHA256SUMS`).  DIR (default: the config's output, else\n"
	"build) must be empty or a directory retort built before (it holds a\n"
	".retort-build marker); each DIR/DIALECT/ is replaced whole.\n"
	"\n"
	"options:\n"
	"  -d, --dialect NAME        a dialect (repeatable): @DIALECTS@\n"
	"  -o, --output DIR          the output directory (default: the\n"
	"                            config's output, else build)\n"
	"  --version-table NAME      the version table (alembic_version)\n";

#define MARKER ".retort-build"

static const char readme_text[] =
	"These scripts were written by retort build.\n"
	"\n"
	"Run the .up.sql files in name order to go from an empty database to\n"
	"the heads, or upgrade.sql alone: both leave the same database.  Run\n"
	"the .down.sql files in reverse name order to go back, or\n"
	"downgrade.sql.  Each script starts by checking that the version table\n"
	"holds exactly the rows the files before it leave, and stops without\n"
	"changing anything when it does not; so a file run twice, or out of\n"
	"order, is refused.  Check the files with: sha256sum -c SHA256SUMS\n";

/* One dialect's new directory, written as the walk finishes each file. */
struct outdir {
	const struct dialect *d;
	char *tmp;		/* DIR/.<dialect>.new.XXXXXX, or NULL */
	FILE *sums;		/* its SHA256SUMS, being written */
	/* SHA256SUMS is in name order: a revision's .down.sql comes
	 * before its .up.sql, upgrade.sql after downgrade.sql. */
	char *held;		/* the line held back, or NULL */
};

struct build {
	struct rt_ctx *ctx;
	struct graph *g;
	const char *dir;
	struct outdir *od;
	size_t nd;
	int width;		/* digits of the file numbers */
	int err;		/* the first write error's errno, or 0 */
	const char *err_path;
	struct strbuf name;
};

static char *path_in(const char *dir, const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void failed(struct build *b, const char *path)
{
	if (b->err)
		return;
	b->err = errno ? errno : EIO;
	b->err_path = arena_strndup(&b->ctx->arena, path, strlen(path));
}

/* A file of od's that could not be written, named where it was going. */
static void failed_in(struct build *b, const struct outdir *od,
		      const char *name)
{
	if (b->err)
		return;
	b->err = errno ? errno : EIO;
	b->err_path = arena_printf(&b->ctx->arena, "%s/%s/%s", b->dir,
				   od->d->name, name);
}

static void write_file(struct build *b, struct outdir *od, const char *name,
		       const struct strbuf *text)
{
	char *path = path_in(od->tmp, name);
	FILE *f = fopen(path, "w");
	bool ok = f && fwrite(text->buf, 1, text->len, f) == text->len;

	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		failed_in(b, od, name);
	free(path);
}

static void sum_line(struct build *b, struct outdir *od, const char *line)
{
	if (fputs(line, od->sums) == EOF)
		failed_in(b, od, "SHA256SUMS");
}

/* Write name into od's directory and its line into SHA256SUMS. */
static void add_file(struct build *b, struct outdir *od, const char *name,
		     const struct strbuf *text, bool hold)
{
	char hex[SHA256_DIGEST_STRING_LENGTH];
	char *line;

	if (b->err)
		return;
	write_file(b, od, name, text);
	SHA256Data((const uint8_t *)text->buf, text->len, hex);
	line = xmalloc(strlen(hex) + strlen(name) + 4);
	sprintf(line, "%s  %s\n", hex, name);
	if (hold) {
		free(od->held);
		od->held = line;
		return;
	}
	sum_line(b, od, line);
	free(line);
}

static void release_held(struct build *b, struct outdir *od)
{
	if (!od->held)
		return;
	sum_line(b, od, od->held);
	free(od->held);
	od->held = NULL;
}

/* script_walk's sink: each finished script into its dialect's files. */
static void build_file(void *arg, size_t di, enum script_kind kind, size_t i,
		       struct strbuf *text)
{
	struct build *b = arg;
	struct outdir *od = &b->od[di];
	struct rev *r = b->g->revs[i];

	switch (kind) {
	case SCRIPT_UP:
	case SCRIPT_DOWN:
		strbuf_reset(&b->name);
		strbuf_addf(&b->name, "%0*zu_%s", b->width, i + 1, r->id);
		revfmt_add_slug(&b->name, r->ast->message);
		strbuf_addstr(&b->name, kind == SCRIPT_UP ? ".up.sql"
							  : ".down.sql");
		if (kind == SCRIPT_UP)
			release_held(b, od);
		add_file(b, od, b->name.buf, text, kind == SCRIPT_UP);
		return;
	case SCRIPT_UPGRADE:
		release_held(b, od);
		add_file(b, od, "upgrade.sql", text, true);
		return;
	case SCRIPT_DOWNGRADE:
		add_file(b, od, "downgrade.sql", text, false);
		return;
	}
}

/* Remove a directory that holds only files (an earlier build's, or
 * this run's). */
static int remove_flat(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		char *path;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = path_in(dir, e->d_name);
		if (unlink(path) < 0)
			rc = -1;
		free(path);
	}
	closedir(d);
	return rc < 0 ? -1 : rmdir(dir);
}

/*
 * DIR must be new, empty, or an earlier build (it has the marker).
 * *made says whether this run made it.
 */
static int check_dir(struct rt_ctx *ctx, const char *dir, bool *made)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true, marked = false;

	*made = false;
	if (!d && errno == ENOENT) {
		if (mkdir(dir, 0777) == 0) {
			*made = true;
			return EXIT_OK;
		}
	}
	if (!d) {
		diag_error(ctx, src_span_none(), "cannot use \"%s\": %s", dir,
			   strerror(errno));
		return EXIT_IO;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
		if (strcmp(e->d_name, MARKER) == 0)
			marked = true;
	}
	closedir(d);
	if (!empty && !marked)
		return cli_usage_error("build", "\"%s\" is not empty and was not "
				       "made by retort build (no %s); refusing "
				       "to write into it", dir, MARKER);
	return EXIT_OK;
}

static void open_dirs(struct build *b)
{
	size_t i;

	for (i = 0; i < b->nd && !b->err; i++) {
		struct outdir *od = &b->od[i];
		char *tmp = xmalloc(strlen(b->dir) + strlen(od->d->name) + 16);
		char *sums;

		sprintf(tmp, "%s/.%s.new.XXXXXX", b->dir, od->d->name);
		if (!mkdtemp(tmp)) {
			failed(b, tmp);
			free(tmp);
			return;
		}
		od->tmp = tmp;
		sums = path_in(tmp, "SHA256SUMS");
		od->sums = fopen(sums, "w");
		if (!od->sums)
			failed(b, sums);
		free(sums);
	}
}

/* README and the end of SHA256SUMS. */
static void close_dirs(struct build *b)
{
	size_t i;

	for (i = 0; i < b->nd; i++) {
		struct outdir *od = &b->od[i];
		struct strbuf readme;

		if (!od->sums)
			continue;
		if (!b->err) {
			strbuf_init(&readme);
			strbuf_addstr(&readme, readme_text);
			add_file(b, od, "README", &readme, false);
			strbuf_release(&readme);
		}
		/* upgrade.sql's line, held back, comes last. */
		release_held(b, od);
		if (fclose(od->sums) != 0)
			failed_in(b, od, "SHA256SUMS");
		od->sums = NULL;
	}
}

/* Each new directory replaces DIR/<dialect>/, and the marker says who
 * made DIR. */
static void install(struct build *b)
{
	char *marker = path_in(b->dir, MARKER);
	FILE *f = fopen(marker, "w");
	size_t i;

	if (!f || fputs("retort build output: each dialect's directory is "
			"replaced whole by the next build\n", f) < 0)
		failed(b, marker);
	if (f && fclose(f) != 0)
		failed(b, marker);
	free(marker);
	for (i = 0; i < b->nd && !b->err; i++) {
		struct outdir *od = &b->od[i];
		char *final = path_in(b->dir, od->d->name);

		if (chmod(od->tmp, 0755) < 0 || remove_flat(final) < 0 ||
		    rename(od->tmp, final) < 0)
			failed(b, final);
		else
			free(od->tmp), od->tmp = NULL;
		free(final);
	}
}

/* After an error: nothing this run made stays. */
static void clean_up(struct build *b, bool made)
{
	size_t i;

	for (i = 0; i < b->nd; i++) {
		if (b->od[i].sums)
			fclose(b->od[i].sums);
		if (b->od[i].tmp)
			remove_flat(b->od[i].tmp);
		if (made) {
			char *final = path_in(b->dir, b->od[i].d->name);

			remove_flat(final);
			free(final);
		}
	}
	if (made) {
		char *marker = path_in(b->dir, MARKER);

		unlink(marker);
		free(marker);
		rmdir(b->dir);
	}
}

static const struct option build_options[] = {
	{ "dialect", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "version-table", required_argument, NULL, 256 },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The last revision without a down block: it and all before it get no
 * .down.sql, and downgrade.sql stops above it (build warns). */
static size_t irreversible(struct rt_ctx *ctx, const struct graph *g)
{
	size_t i, keep = 0;

	for (i = 0; i < g->n; i++)
		if (!g->revs[i]->ast->down)
			keep = i + 1;
	if (keep)
		diag_warning(ctx, g->revs[keep - 1]->ast->id->span,
			     "revision \"%s\" has no down block: build writes "
			     "no .down.sql for it or for the %zu revision%s "
			     "before it, and downgrade.sql stops above it",
			     g->revs[keep - 1]->id, keep - 1,
			     keep == 2 ? "" : "s");
	return keep;
}

int cmd_build(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct cli_opts opts = { "build", ":d:o:h", build_options, false, 0 };
	const struct dialect *ds[CONFIG_MAX_DIALECTS];
	struct outdir od[CONFIG_MAX_DIALECTS];
	struct script_sink sink = { build_file, NULL, true, 0 };
	struct emit_opts o;
	struct build b;
	const char *dir = cli->cfg->output ? cli->cfg->output : "build";
	size_t nd = 0, i, n;
	bool made = false;
	int c, rc, errors;

	cli_emit_defaults(cli, &o);
	while ((c = cli_next_option(&opts, argc, argv)) >= 0) {
		switch (c) {
		case 'd':
			if (nd == CONFIG_MAX_DIALECTS ||
			    !(ds[nd] = cli_dialect_arg("build", optarg)))
				return EXIT_USAGE;
			for (i = 0; i < nd && ds[i] != ds[nd]; i++)
				;
			nd += i == nd;
			break;
		case 'o':
			dir = optarg;
			break;
		default:	/* --version-table */
			if (!sql_plain_name(optarg))
				return cli_usage_error("build", "'%s' is not a "
						       "plain SQL name", optarg);
			o.version_table = optarg;
			break;
		}
	}
	if (c == CLI_OPT_STOP)
		return opts.rc;
	if (optind < argc)
		return cli_usage_error("build", "unexpected argument '%s'",
				       argv[optind]);
	if (nd == 0)
		nd = cli_dialects(cli, ds);
	rc = cli_load(ctx, cli);
	for (i = 0; rc == EXIT_OK && i < nd; i++)
		if (emit_check(ctx, cli->pl->graph, ds[i]) != 0)
			rc = EXIT_INVALID;
	if (rc != EXIT_OK)
		return rc;
	memset(&b, 0, sizeof(b));
	memset(od, 0, sizeof(od));
	b.ctx = ctx;
	b.g = cli->pl->graph;
	b.dir = dir;
	b.od = od;
	b.nd = nd;
	for (i = 0; i < nd; i++)
		od[i].d = ds[i];
	b.width = 4;
	for (n = b.g->n; n >= 10000 && b.width < 20; n /= 10)
		b.width++;
	sink.down_from = irreversible(ctx, b.g);
	sink.arg = &b;
	rc = check_dir(ctx, dir, &made);
	if (rc != EXIT_OK)
		return rc;
	strbuf_init(&b.name);
	open_dirs(&b);
	errors = b.err ? 0 : script_walk(ctx, cli->pl->project, b.g, ds, nd,
					 &o, &sink);
	close_dirs(&b);
	if (!errors && !b.err)
		install(&b);
	strbuf_release(&b.name);
	for (i = 0; i < nd; i++)
		free(od[i].held);
	if (errors || b.err) {
		clean_up(&b, made);
		for (i = 0; i < nd; i++)
			free(od[i].tmp);
		if (errors)
			return EXIT_INVALID;
		diag_error(ctx, src_span_none(), "cannot write \"%s\": %s",
			   b.err_path, strerror(b.err));
		return EXIT_IO;
	}
	return EXIT_OK;
}
