/*
 * cli.c: global options, the command table and dispatch (after git.c):
 * `retort [global options] COMMAND [options] [arguments]`.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "alembic_py.h"
#include "arena.h"
#include "ast.h"
#include "cmd.h"
#include "config.h"
#include "dialect.h"
#include "emit.h"
#include "graph.h"
#include "project.h"
#include "rt.h"
#include "schema.h"
#include "strbuf.h"
#include "util.h"

static int cmd_help(struct rt_ctx *ctx, const struct cli *cli, int argc,
		    char **argv);
static int unknown_command(const char *name);

static const char cmd_help_help[] =
	"usage: retort help [COMMAND]\n"
	"\n"
	"Show the help of retort, or of one command (the same as\n"
	"`retort COMMAND --help`).\n";

/* Sorted by name.  The flags say what each needs loaded (cli_load). */
static const struct command commands[] = {
	{ "branches", cmd_branches, "list the branch points",
	  cmd_branches_help, CMD_GRAPH | CMD_QUIET },
	{ "build", cmd_build, "every dialect's ordered SQL files and checksums",
	  cmd_build_help, CMD_GRAPH },
	/* CMD_GRAPH: check replays the model itself, with its lints. */
	{ "check", cmd_check, "parse and check every revision", cmd_check_help,
	  CMD_GRAPH },
	{ "downgrade", cmd_downgrade, "the SQL that moves a database back",
	  cmd_downgrade_help, CMD_GRAPH },
	{ "graph", cmd_graph, "the revision graph for Graphviz or Mermaid",
	  cmd_graph_help, CMD_GRAPH | CMD_QUIET },
	{ "heads", cmd_heads, "list the heads", cmd_heads_help,
	  CMD_GRAPH | CMD_QUIET },
	{ "help", cmd_help, "show help for retort or a command", cmd_help_help,
	  CMD_NO_CONFIG },
	{ "history", cmd_history, "list revisions, newest first",
	  cmd_history_help, CMD_GRAPH | CMD_QUIET },
	{ "import", cmd_import, "write .mig files from Alembic's scripts",
	  cmd_import_help, 0 },
	{ "init", cmd_init, "create retort.ini and versions/ in a directory",
	  cmd_init_help, CMD_NO_CONFIG },
	{ "merge", cmd_merge, "write a revision that merges heads",
	  cmd_merge_help, CMD_GRAPH },
	{ "revision", cmd_revision, "write a new, empty revision file",
	  cmd_revision_help, CMD_GRAPH },
	{ "schema", cmd_schema, "the modelled schema as CREATE statements",
	  cmd_schema_help, CMD_MODEL },
	{ "show", cmd_show, "show everything about a revision", cmd_show_help,
	  CMD_GRAPH | CMD_QUIET },
	{ "stamp", cmd_stamp, "the SQL that only sets the version table",
	  cmd_stamp_help, CMD_GRAPH },
	{ "upgrade", cmd_upgrade, "the SQL that moves a database forward",
	  cmd_upgrade_help, CMD_GRAPH },
	{ "verify", cmd_verify, "run the project in an in-memory SQLite",
	  cmd_verify_help, CMD_GRAPH },
};

static const char program_usage[] =
	"usage: retort [global options] COMMAND [options] [arguments]\n"
	"\n"
	"retort compiles .mig migration files into SQL scripts that keep an\n"
	"Alembic-compatible alembic_version table, offline.\n"
	"\n"
	"global options:\n"
	"  -C, --directory DIR   act as if started in DIR (the project root)\n"
	"  -c, --config FILE     the config file (default: retort.ini, if any)\n"
	"      --versions DIR    the versions directory (default: the config's,\n"
	"                        else versions)\n"
	"  -q, --quiet           print only errors on stderr\n"
	"  -v, --verbose         print more on stderr\n"
	"      --color=WHEN      colour diagnostics: auto, always or never\n"
	"  -h, --help            show this help, or a command's\n"
	"      --version         show the version\n"
	"\n"
	"commands:\n";

const struct command *cli_commands(size_t *n)
{
	*n = ARRAY_SIZE(commands);
	return commands;
}

const char *cli_program_usage(void)
{
	return program_usage;
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

static void print_program_help(FILE *out)
{
	size_t i;

	fputs(program_usage, out);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s  %s\n", commands[i].name,
			commands[i].summary);
	fputs("\nSee `retort help COMMAND` for one command's options.\n", out);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "retort%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* The characters of a long option's name after its "--". */
#define LONG_CHARS "abcdefghijklmnopqrstuvwxyz-"

/* Every command takes it, whether or not its help says so. */
static const char help_option[] = "--help";

/*
 * The long option a misspelt one is a slip of, among the options the
 * command's (or the program's) help lists: that text is the one list of
 * options a user sees.  Returns where it starts in the help text, with
 * its length in *out_len, or NULL.  (The candidates pass through one
 * buffer, so only suggest_item, never suggest_best, is read here.)
 */
static const char *near_long_option(const char *cmd, const char *arg,
				    size_t len, int *out_len)
{
	const struct command *c = cmd ? find_command(cmd) : NULL;
	const char *help = c ? c->help : program_usage, *p = help;
	char word[64], cand[64];
	struct suggest sg;

	if (len >= sizeof(word))
		return NULL;
	memcpy(word, arg, len);
	word[len] = '\0';
	suggest_init(&sg, word);
	suggest_add(&sg, help_option, help_option);
	while ((p = strstr(p, "--")) != NULL) {
		size_t k = 2 + strspn(p + 2, LONG_CHARS);

		if (k > 2 && k < sizeof(cand)) {
			memcpy(cand, p, k);
			cand[k] = '\0';
			suggest_add(&sg, cand, p);
		}
		p += k;
	}
	p = suggest_item(&sg);
	if (p)
		*out_len = (int)(2 + strspn(p + 2, LONG_CHARS));
	return p;
}

/* Commands whose argument is a target, where "-1" is a slip of "head:-1". */
static bool takes_target(const char *cmd)
{
	return cmd && (strcmp(cmd, "upgrade") == 0 ||
		       strcmp(cmd, "downgrade") == 0 ||
		       strcmp(cmd, "stamp") == 0);
}

/* The word "-N" (digits) whose first digit getopt refused, or NULL. */
static const char *negative_word(char **argv, int digit)
{
	size_t i;

	for (i = 1; argv[i]; i++) {
		const char *w = argv[i];

		if (strcmp(w, "--") == 0)
			break;
		if (w[0] == '-' && w[1] == digit &&
		    strspn(w + 1, "0123456789") == strlen(w + 1))
			return w;
	}
	return NULL;
}

int cli_bad_option(const char *cmd, int c, int optopt_value, char **argv,
		   int optind_value)
{
	/* getopt leaves optind on a group of short options ("-Zq") until
	 * it is done with it, so the word it names may be the one before. */
	const char *arg = argv[optind_value - 1];
	bool is_long = optind_value > 1 && arg[0] == '-' && arg[1] == '-';
	bool is_short = optopt_value > 0 && optopt_value < 128 &&
			(!is_long || strchr(arg + 2, optopt_value) == NULL);
	size_t len = strcspn(arg, "=");

	if (c == ':') {
		if (is_short && !is_long)
			return cli_usage_error(cmd,
					       "option '-%c' needs an argument",
					       optopt_value);
		return cli_usage_error(cmd, "option '%s' needs an argument",
				       arg);
	}
	if (is_short && ascii_isdigit(optopt_value) && takes_target(cmd)) {
		const char *w = negative_word(argv, optopt_value);

		if (w)
			return cli_usage_error(cmd, "unknown option '%s' (a "
					       "relative target goes after a "
					       "range's colon: head:%s)", w, w);
	}
	/* An argument to an option that takes none: "--strict=x". */
	if (is_long && c == '?' && optopt_value != 0 && arg[len] == '=')
		return cli_usage_error(cmd, "option '%.*s' takes no argument",
				       (int)len, arg);
	if (is_short)
		return cli_usage_error(cmd, "unknown option '-%c'",
				       optopt_value);
	{
		int near_len = 0;
		const char *near = near_long_option(cmd, arg, len, &near_len);

		if (near)
			return cli_usage_error(cmd, "unknown option '%.*s' (did "
					       "you mean '%.*s'?)", (int)len, arg,
					       near_len, near);
	}
	return cli_usage_error(cmd, "unknown option '%.*s'", (int)len, arg);
}

int cli_print_help(const char *cmd)
{
	const struct command *c = cmd ? find_command(cmd) : NULL;

	if (!cmd) {
		print_program_help(stdout);
		return EXIT_OK;
	}
	if (!c)
		return unknown_command(cmd);
	{
		struct strbuf text;

		strbuf_init(&text);
		dialect_expand(&text, c->help);
		fputs(text.buf, stdout);
		strbuf_release(&text);
	}
	return EXIT_OK;
}

static int cmd_help(struct rt_ctx *ctx, const struct cli *cli, int argc,
		    char **argv)
{
	(void)ctx;
	(void)cli;
	if (argc > 2)
		return cli_usage_error("help", "too many arguments");
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
			  strcmp(argv[1], "-h") == 0))
		return cli_print_help("help");
	return cli_print_help(argc == 2 ? argv[1] : NULL);
}

int cli_load(struct rt_ctx *ctx, const struct cli *cli)
{
	struct pipeline *pl = cli->pl;
	unsigned flags = cli->cmd->flags;
	int rc;

	rc = project_load(ctx, cli->versions, &pl->project);
	if (rc == PROJECT_IO)
		return EXIT_IO;
	if (rc == PROJECT_OK &&
	    alembic_py_refuse(ctx, pl->project, cli->argv0_cmd))
		return EXIT_INVALID;
	if (rc != PROJECT_OK || graph_build(ctx, pl->project, &pl->graph) != 0)
		return EXIT_INVALID;
	/* A project with errors shows its warnings too. */
	if (flags & CMD_QUIET)
		ctx->quiet = true;
	return flags & CMD_MODEL ? cli_replay(ctx, cli) : EXIT_OK;
}

int cli_replay(struct rt_ctx *ctx, const struct cli *cli)
{
	struct pipeline *pl = cli->pl;
	struct ast_revision **revs;
	size_t i;
	int rc;

	revs = xmalloc((pl->graph->n + 1) * sizeof(*revs));
	for (i = 0; i < pl->graph->n; i++)
		revs[i] = pl->graph->revs[i]->ast;
	ctx->stage = "schema";
	rc = schema_replay(ctx, revs, pl->graph->n, pl->watch, &pl->model) ?
	     EXIT_INVALID : EXIT_OK;
	ctx->stage = NULL;
	free(revs);
	return rc;
}

void cli_replay_quietly(struct rt_ctx *ctx, const struct cli *cli,
			const struct schema_watch *watch)
{
	struct pipeline *pl = cli->pl;

	pl->watch = watch;
	ctx->diags.mute++;
	cli_replay(ctx, cli);
	ctx->diags.mute--;
	pl->watch = NULL;
}

int cli_next_option(struct cli_opts *o, int argc, char **argv)
{
	int c;

	if (!o->started) {
		optind = 0;
		o->started = true;
	}
	c = getopt_long(argc, argv, o->optstring, o->longopts, NULL);
	switch (c) {
	case -1:
		return CLI_OPT_END;
	case 'h':
		o->rc = cli_print_help(o->cmd);
		return CLI_OPT_STOP;
	case '?':
	case ':':
		o->rc = cli_bad_option(o->cmd, c, optopt, argv, optind);
		return CLI_OPT_STOP;
	default:
		return c;
	}
}

/* Does a command's argv hold -h or --help before "--"? */
static bool asks_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

const struct dialect *cli_default_dialect(const struct cli *cli)
{
	return cli->cfg->ndialects ? cli->cfg->dialects[0] : NULL;
}

size_t cli_dialects(const struct cli *cli, const struct dialect **out)
{
	const struct config *cfg = cli->cfg;
	size_t i;

	if (cfg->ndialects == 0)
		return dialect_defaults(out);
	for (i = 0; i < cfg->ndialects; i++)
		out[i] = cfg->dialects[i];
	return cfg->ndialects;
}

const struct dialect *cli_dialect_arg(const char *cmd, const char *name)
{
	const struct dialect *d = dialect_find(name);
	struct strbuf known;

	if (d)
		return d;
	strbuf_init(&known);
	dialect_list(&known, DIALECTS_WRITTEN, " or ");
	cli_usage_error(cmd, "unknown dialect '%s' (expected %s)", name,
			known.buf);
	strbuf_release(&known);
	return NULL;
}

int cli_no_dialect(const char *cmd)
{
	struct strbuf known;

	strbuf_init(&known);
	dialect_list(&known, DIALECTS_WRITTEN, " or ");
	cli_usage_error(cmd, "no dialect: give -d %s, or set dialects in %s",
			known.buf, CONFIG_FILE);
	strbuf_release(&known);
	return EXIT_USAGE;
}

void cli_emit_defaults(const struct cli *cli, struct emit_opts *o)
{
	const struct config *cfg = cli->cfg;

	memset(o, 0, sizeof(*o));
	o->version_table = cfg->version_table ? cfg->version_table
					      : "alembic_version";
	o->version_schema = cfg->version_table_schema;
	o->tx = cfg->transaction_per_migration ? TX_PER_MIGRATION : TX_SCRIPT;
	o->guard = true;
	o->lock_timeout = cfg->lock_timeout;
}

static int unknown_command(const char *name)
{
	struct suggest sg;
	const char *best;
	size_t i;

	fprintf(stderr, "retort: unknown command '%s'\n", name);
	suggest_init(&sg, name);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		suggest_add(&sg, commands[i].name, NULL);
	best = suggest_best(&sg);
	/* Or the one command it begins: "hist" for history (two letters
	 * at least: one is no word yet). */
	if (!best && strlen(name) >= 2) {
		size_t hits = 0;

		for (i = 0; i < ARRAY_SIZE(commands); i++) {
			if (strncmp(commands[i].name, name, strlen(name)) == 0) {
				hits++;
				best = commands[i].name;
			}
		}
		if (hits != 1)
			best = NULL;
	}
	if (best)
		fprintf(stderr, "note: did you mean '%s'?\n", best);
	else
		fputs("note: see 'retort --help' for the commands\n", stderr);
	return EXIT_USAGE;
}

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

static bool want_color(enum color_mode mode)
{
	const char *nc = getenv("NO_COLOR");

	if (mode != COLOR_AUTO)
		return mode == COLOR_ALWAYS;
	return isatty(STDERR_FILENO) && !(nc && *nc);
}

enum { OPT_VERSIONS = 256, OPT_COLOR, OPT_VERSION };

static const struct option global_options[] = {
	{ "directory", required_argument, NULL, 'C' },
	{ "config", required_argument, NULL, 'c' },
	{ "versions", required_argument, NULL, OPT_VERSIONS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static int parse_color(const char *s, enum color_mode *mode)
{
	if (strcmp(s, "auto") == 0)
		*mode = COLOR_AUTO;
	else if (strcmp(s, "always") == 0)
		*mode = COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*mode = COLOR_NEVER;
	else
		return cli_usage_error(NULL,
				       "--color must be auto, always or never, "
				       "not '%s'", s);
	return EXIT_OK;
}

static int run(struct rt_ctx *ctx, struct pipeline *pl, int argc,
	       char **argv)
{
	struct cli cli = { NULL, NULL, NULL, NULL, NULL, NULL, pl };
	struct config *cfg = arena_alloc(&ctx->arena, sizeof(*cfg));
	enum color_mode color = COLOR_AUTO;
	const char *dir = NULL, *config = NULL;
	const struct command *cmd;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:C:c:qvh", global_options,
				NULL)) != -1) {
		switch (c) {
		case 'C':
			dir = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case OPT_VERSIONS:
			cli.versions = optarg;
			break;
		case 'q':
			ctx->quiet = true;
			break;
		case 'v':
			ctx->verbose++;
			break;
		case OPT_COLOR:
			if (parse_color(optarg, &color) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h':
			print_program_help(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("retort %s\n", RT_VERSION);
			return EXIT_OK;
		default:
			return cli_bad_option(NULL, c, optopt, argv, optind);
		}
	}
	ctx->color = want_color(color);
	if (optind >= argc) {
		print_program_help(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (!cmd)
		return unknown_command(argv[optind]);
	if (dir && chdir(dir) < 0) {
		fprintf(stderr, "retort: cannot change to directory '%s': %s\n",
			dir, strerror(errno));
		return EXIT_IO;
	}
	cli.argv0_cmd = cmd->name;
	cli.cmd = cmd;
	cli.config_opt = config;
	cli.versions_opt = cli.versions;
	config_init(cfg);
	cli.cfg = cfg;
	ctx->cfg = cfg;
	if (!(cmd->flags & CMD_NO_CONFIG)) {
		/* `retort CMD --help` works even with a broken retort.ini,
		 * as `retort help CMD` does: its errors are kept quiet when
		 * the command line asks for help, and then the help is all
		 * that is printed. */
		bool help = asks_help(argc - optind, argv + optind);
		int rc;

		ctx->diags.mute += help;
		rc = config_load(ctx, config ? config : CONFIG_FILE,
				 config != NULL, cfg);
		ctx->diags.mute -= help;
		if (rc != EXIT_OK)
			return help ? cli_print_help(cmd->name) : rc;
	}
	if (!cli.versions)
		cli.versions = cfg->versions ? cfg->versions : "versions";
	return cmd->run(ctx, &cli, argc - optind, argv + optind);
}

int cli_main(int argc, char **argv)
{
	struct rt_ctx ctx;
	struct pipeline pl = { NULL, NULL, NULL, NULL };
	int rc;

	rt_ctx_init(&ctx);
	rc = run(&ctx, &pl, argc, argv);
	graph_free(pl.graph);
	diag_flush(&ctx, stderr);
	rt_ctx_release(&ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "retort: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_IO;
	}
	return rc;
}
