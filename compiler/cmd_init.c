/*
 * cmd_init.c: `retort init [DIR]`: a new project, as `alembic init`
 * makes one: DIR/retort.ini (every key, commented), DIR/versions/ and
 * DIR/versions/README.  Nothing that exists is overwritten: if any of
 * them is there, nothing is written at all; if a step fails, what was
 * made before it is removed again.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "config.h"
#include "diag.h"
#include "out.h"
#include "strbuf.h"
#include "rt.h"
#include "util.h"

const char cmd_init_help[] =
	"usage: retort init [DIR]\n"
	"\n"
	"Start a project in DIR (default: the current directory, which -C\n"
	"sets): retort.ini with every setting and what it does, an empty\n"
	"versions/ for the .mig files and versions/README.  DIR is made if it\n"
	"does not exist.  retort refuses, writing nothing, if DIR already\n"
	"holds retort.ini or versions.\n";

static const char versions_readme[] =
	"This directory holds the project's migrations: every *.mig file in it\n"
	"or below it, one or more revisions each (other files are ignored).\n"
	"\n"
	"  retort revision -m \"create users table\"   a new revision to fill in\n"
	"  retort check                              parse and check them all\n"
	"  retort history                            newest first\n"
	"  retort upgrade head -d sqlite             the SQL to bring a database\n"
	"                                            to the head\n"
	"  retort downgrade head:-1 -d sqlite        the SQL to undo the last one\n"
	"\n"
	"`retort help` lists every command; `man retort` tells the rest.\n";

static const struct option init_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* What init made, to undo it if a later step fails. */
struct made {
	const char *path[4];
	bool dir[4];
	size_t n;
};

static void undo(struct made *m)
{
	while (m->n--) {
		if (m->dir[m->n])
			rmdir(m->path[m->n]);
		else
			unlink(m->path[m->n]);
	}
}

static int fail(struct rt_ctx *ctx, struct made *m, const char *what,
		const char *path)
{
	diag_error(ctx, src_span_none(), "cannot %s \"%s\": %s", what, path,
		   strerror(errno));
	undo(m);
	return EXIT_IO;
}

int cmd_init(struct rt_ctx *ctx, const struct cli *cli, int argc,
	     char **argv)
{
	const char *dir = ".", *ini, *versions, *readme;
	struct made m = { { NULL }, { false }, 0 };
	struct cli_opts o = { "init", ":h", init_options, false, 0 };
	struct stat st;
	struct strbuf text;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) >= 0)
		;
	if (c == CLI_OPT_STOP)
		return o.rc;
	if (argc - optind > 1)
		return cli_usage_error("init", "too many arguments");
	if (cli->config_opt || cli->versions_opt)
		return cli_usage_error("init", "%s does not apply: init writes "
				       "DIR/" CONFIG_FILE " and DIR/versions",
				       cli->config_opt ? "-c" : "--versions");
	if (optind < argc)
		dir = argv[optind];
	if (!*dir)
		return cli_usage_error("init", "the directory name is empty");
	ini = arena_path_join(&ctx->arena, dir, CONFIG_FILE);
	versions = arena_path_join(&ctx->arena, dir, "versions");
	readme = arena_path_join(&ctx->arena, versions, "README");

	if (lstat(ini, &st) == 0 || lstat(versions, &st) == 0) {
		const char *there = lstat(ini, &st) == 0 ? ini : versions;

		diag_error(ctx, src_span_none(), "\"%s\" already exists; init "
			   "writes nothing over a project", there);
		return EXIT_INVALID;
	}
	if (stat(dir, &st) < 0) {
		if (errno != ENOENT || mkdir(dir, 0777) < 0)
			return fail(ctx, &m, "make directory", dir);
		m.path[m.n] = dir;
		m.dir[m.n++] = true;
	} else if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return fail(ctx, &m, "use directory", dir);
	}
	strbuf_init(&text);
	config_template(&text);
	rc = out_write_new(ini, text.buf, text.len);
	strbuf_release(&text);
	if (rc < 0)
		return fail(ctx, &m, "write", ini);
	m.path[m.n] = ini;
	m.dir[m.n++] = false;
	if (mkdir(versions, 0777) < 0)
		return fail(ctx, &m, "make directory", versions);
	m.path[m.n] = versions;
	m.dir[m.n++] = true;
	if (out_write_new(readme, versions_readme,
			  sizeof(versions_readme) - 1) < 0)
		return fail(ctx, &m, "write", readme);
	if (!ctx->quiet)
		fprintf(stderr, "retort: created %s, %s/ and %s\n", ini,
			versions, readme);
	return EXIT_OK;
}
