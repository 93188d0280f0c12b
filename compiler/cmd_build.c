/*
 * cmd_build.c: `retort build`: for each dialect, a directory of ordered
 * per-revision scripts (NNNN_<id>_<slug>.up.sql / .down.sql), the whole
 * upgrade.sql and downgrade.sql, a README and SHA256SUMS (SQL.md
 * "build").  Everything is made in memory first; each dialect's
 * directory is then replaced whole, so no stale file survives.
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
#include "emit.h"
#include "graph.h"
#include "plan.h"
#include "project.h"
#include "revfmt.h"
#include "rt.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_build_help[] =
	"usage: retort build [-d DIALECT]... [-o DIR]\n"
	"\n"
	"Write, for each dialect (default: the config's dialects, else\n"
	"postgresql and sqlite), DIR/DIALECT/ with one .up.sql and one\n"
	".down.sql per revision in upgrade order, upgrade.sql (base -> heads),\n"
	"downgrade.sql (heads -> base), a README and SHA256SUMS (check with\n"
	"`sha256sum -c SHA256SUMS`).  DIR (default: the config's output, else\n"
	"build) must be empty or a directory retort built before (it holds a\n"
	".retort-build marker); each DIR/DIALECT/ is replaced whole.\n"
	"\n"
	"options:\n"
	"  -d, --dialect NAME        postgresql or sqlite (repeatable)\n"
	"  -o, --output DIR          the output directory (default: the\n"
	"                            config's output, else build)\n"
	"  --version-table NAME      the version table (alembic_version)\n";

#define MARKER ".retort-build"

struct outfile {
	char *name;
	struct strbuf text;
};

struct outdir {
	struct outfile *v;
	size_t n;
	size_t cap;
};

static struct strbuf *add_file(struct outdir *od, const char *name)
{
	od->v = xgrow(od->v, &od->cap, od->n + 1, sizeof(*od->v));
	od->v[od->n].name = xstrdup(name);
	strbuf_init(&od->v[od->n].text);
	return &od->v[od->n++].text;
}

static void release_dir(struct outdir *od)
{
	size_t i;

	for (i = 0; i < od->n; i++) {
		free(od->v[i].name);
		strbuf_release(&od->v[i].text);
	}
	free(od->v);
	memset(od, 0, sizeof(*od));
}

static const char *rows_text(struct rt_ctx *ctx, const struct vt_rows *r)
{
	struct strbuf sb;
	const char *s;
	size_t i;

	if (r->n == 0)
		return "base";
	strbuf_init(&sb);
	for (i = 0; i < r->n; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", r->v[i]->id);
	s = arena_strndup(&ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

static int script(struct rt_ctx *ctx, const struct project *p,
		  struct graph *g, const struct plan *plan,
		  const struct target *from, const char *kind,
		  const struct dialect *d, const struct emit_opts *o,
		  struct strbuf *out)
{
	const char *what = arena_printf(&ctx->arena, "%s %s -> %s", kind,
					rows_text(ctx, &plan->before),
					rows_text(ctx, &plan->after));
	struct emit_opts one = *o;

	/* One revision's file carries the digest of that revision's source. */
	if (plan->n == 1 && plan->steps[0].rev) {
		one.has_source = true;
		one.source = plan->steps[0].rev->ast->id->span.file;
	}
	return emit_script(ctx, p, g, plan, from, what, d, &one, out);
}

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

/* The state of the first i revisions in upgrade order. */
static struct target first(struct graph *g, size_t i)
{
	struct target t = { g->revs, i, NULL };

	return t;
}

/* Every file of one dialect, in memory. */
static int build_dialect(struct rt_ctx *ctx, const struct project *p,
			 struct graph *g, const struct dialect *d,
			 const struct dialect *first_dialect,
			 const struct emit_opts *o, struct outdir *od)
{
	size_t i, width = 4, n = g->n, keep = 0;
	struct target base = { NULL, 0, NULL }, heads;
	const char *err = NULL;
	struct strbuf name;
	int errors = 0;

	while (n >= 10000 && width < 20) {
		width++;
		n /= 10;
	}
	/* Nothing at or before the last irreversible revision goes down. */
	for (i = 0; i < g->n; i++)
		if (!g->revs[i]->ast->down)
			keep = i + 1;
	if (keep && d == first_dialect)
		diag_warning(ctx, g->revs[keep - 1]->ast->id->span,
			     "revision \"%s\" has no down block: build writes "
			     "no .down.sql for it or for the %zu revision%s "
			     "before it, and downgrade.sql stops above it",
			     g->revs[keep - 1]->id, keep - 1,
			     keep == 2 ? "" : "s");
	strbuf_init(&name);
	for (i = 0; i < g->n && !errors; i++) {
		struct rev *r = g->revs[i];
		struct target before = first(g, i), upto = first(g, i + 1);

		strbuf_reset(&name);
		strbuf_addf(&name, "%0*zu_%s", (int)width, i + 1, r->id);
		revfmt_add_slug(&name, r->ast->message);
		errors += script(ctx, p, g, plan_one(ctx, g, &before, r, false),
				 &before, "upgrade", d, o,
				 add_file(od, arena_printf(&ctx->arena,
					  "%s.up.sql", name.buf)));
		if (i >= keep)
			errors += script(ctx, p, g, plan_one(ctx, g, &upto, r,
					 true), &upto, "downgrade", d, o,
					 add_file(od, arena_printf(&ctx->arena,
						  "%s.down.sql", name.buf)));
	}
	strbuf_release(&name);
	if (errors)
		return errors;
	if (target_resolve(ctx, g, "heads", NULL, &heads, &err) < 0)
		RT_BUG("heads: %s", err);
	{
		struct plan *up;
		struct rev **down = arena_alloc(&ctx->arena, (g->n + 1) *
						sizeof(*down));
		struct target all = first(g, g->n);

		plan_upgrade(ctx, g, &base, &heads, &up);
		errors += script(ctx, p, g, up, &base, "upgrade", d, o,
				 add_file(od, "upgrade.sql"));
		for (i = 0; i + keep < g->n; i++)
			down[i] = g->revs[g->n - 1 - i];
		errors += script(ctx, p, g, plan_steps(ctx, g, &all, down,
				 g->n - keep, true), &all, "downgrade", d, o,
				 add_file(od, "downgrade.sql"));
	}
	strbuf_addstr(add_file(od, "README"), readme_text);
	return errors;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct outfile *)a)->name,
		      ((const struct outfile *)b)->name);
}

/* SHA256SUMS: "<hex>  <name>" for every other file, in name order. */
static void add_sums(struct outdir *od)
{
	struct strbuf sums;
	size_t i;

	qsort(od->v, od->n, sizeof(*od->v), cmp_file);
	strbuf_init(&sums);
	for (i = 0; i < od->n; i++) {
		char hex[SHA256_DIGEST_STRING_LENGTH];

		SHA256Data((const uint8_t *)od->v[i].text.buf, od->v[i].text.len,
			   hex);
		strbuf_addf(&sums, "%s  %s\n", hex, od->v[i].name);
	}
	{
		struct strbuf *sb = add_file(od, "SHA256SUMS");

		strbuf_release(sb);
		*sb = sums;
	}
}

/* Remove a directory that holds only files (an earlier build's). */
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
		path = xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		if (unlink(path) < 0)
			rc = -1;
		free(path);
	}
	closedir(d);
	return rc < 0 ? -1 : rmdir(dir);
}

static int write_file(const char *dir, const struct outfile *f)
{
	char *path = xmalloc(strlen(dir) + strlen(f->name) + 2);
	FILE *out;
	int rc = 0;

	sprintf(path, "%s/%s", dir, f->name);
	out = fopen(path, "w");
	if (!out || fwrite(f->text.buf, 1, f->text.len, out) != f->text.len)
		rc = -1;
	if (out && fclose(out) != 0)
		rc = -1;
	free(path);
	return rc;
}

/* DIR must be new, empty, or an earlier build (it has the marker). */
static int prepare_dir(struct rt_ctx *ctx, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true, marked = false;
	char *marker;
	FILE *f;

	if (!d && errno == ENOENT && mkdir(dir, 0777) == 0)
		d = opendir(dir);
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
	marker = arena_printf(&ctx->arena, "%s/%s", dir, MARKER);
	f = fopen(marker, "w");
	if (!f || fputs("retort build output: each dialect's directory is "
			"replaced whole by the next build\n", f) < 0 ||
	    fclose(f) != 0) {
		diag_error(ctx, src_span_none(), "cannot write \"%s\": %s",
			   marker, strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* Write od as DIR/<dialect>/, replacing what was there. */
static int install(struct rt_ctx *ctx, const char *dir, const char *dialect,
		   const struct outdir *od)
{
	char *tmp = arena_printf(&ctx->arena, "%s/.%s.new.XXXXXX", dir, dialect);
	char *final = arena_printf(&ctx->arena, "%s/%s", dir, dialect);
	size_t i;

	if (!mkdtemp(tmp))
		goto fail;
	for (i = 0; i < od->n; i++) {
		if (write_file(tmp, &od->v[i]) < 0)
			goto fail;
	}
	if (chmod(tmp, 0755) < 0 || remove_flat(final) < 0 ||
	    rename(tmp, final) < 0)
		goto fail;
	return EXIT_OK;
fail:
	diag_error(ctx, src_span_none(), "cannot write \"%s\": %s", final,
		   strerror(errno));
	remove_flat(tmp);
	return EXIT_IO;
}

static const struct option build_options[] = {
	{ "dialect", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "version-table", required_argument, NULL, 256 },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_build(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	const struct dialect *ds[CONFIG_MAX_DIALECTS];
	struct outdir od[CONFIG_MAX_DIALECTS];
	struct emit_opts o;
	const char *dir = cli->cfg->output ? cli->cfg->output : "build";
	size_t nd = 0, i;
	struct project *p;
	struct graph *g;
	int c, rc, errors = 0;

	cli_emit_defaults(cli, &o);
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:o:h", build_options, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (nd == CONFIG_MAX_DIALECTS ||
			    !(ds[nd] = dialect_find(optarg)))
				return cli_usage_error("build", "unknown dialect "
						       "'%s' (expected "
						       "postgresql or sqlite)",
						       optarg);
			for (i = 0; i < nd && ds[i] != ds[nd]; i++)
				;
			nd += i == nd;
			break;
		case 'o':
			dir = optarg;
			break;
		case 256:
			if (!sql_plain_name(optarg))
				return cli_usage_error("build", "'%s' is not a "
						       "plain SQL name", optarg);
			o.version_table = optarg;
			break;
		case 'h':
			return cli_print_help("build");
		default:
			return cli_bad_option("build", c, optopt, argv, optind);
		}
	}
	if (optind < argc)
		return cli_usage_error("build", "unexpected argument '%s'",
				       argv[optind]);
	if (nd == 0)
		nd = cli_dialects(cli, ds);
	rc = cli_load_model(ctx, cli, &p, &g);
	for (i = 0; rc == EXIT_OK && i < nd; i++)
		if (emit_check(ctx, g, ds[i]) != 0)
			rc = EXIT_INVALID;
	memset(od, 0, sizeof(od));
	for (i = 0; rc == EXIT_OK && i < nd; i++) {
		errors += build_dialect(ctx, p, g, ds[i], ds[0], &o, &od[i]);
		add_sums(&od[i]);
	}
	if (rc == EXIT_OK && errors)
		rc = EXIT_INVALID;
	if (rc == EXIT_OK)
		rc = prepare_dir(ctx, dir);
	for (i = 0; rc == EXIT_OK && i < nd; i++)
		rc = install(ctx, dir, dialect_name(ds[i]), &od[i]);
	for (i = 0; i < nd; i++)
		release_dir(&od[i]);
	graph_free(g);
	return rc;
}
