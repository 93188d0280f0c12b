/*
 * cli.h: the command line: global options, the one command table and
 * the helpers every cmd_* uses for its own options and usage errors.
 */
#ifndef RT_CLI_H
#define RT_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct rt_ctx;

/* Exit codes (CLI.md "Output and exit status"). */
enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1,	/* the project has errors */
	EXIT_USAGE = 2,		/* bad command, option or argument */
	EXIT_IO = 3,		/* a file cannot be read or written */
};

struct config;

struct command;
struct project;
struct graph;
struct schema;

/*
 * The pipeline's outputs that a command asked for in the command table
 * (CMD_GRAPH, CMD_MODEL), loaded by cli_load; cli.c frees them after
 * the command.
 */
struct schema_watch;
struct pipeline {
	struct project *project;
	struct graph *graph;
	/* Every revision's up block replayed in upgrade order (down blocks
	 * checked): the model at heads. */
	struct schema *model;
	/* Who watches that replay (the command sets it, or NULL). */
	const struct schema_watch *watch;
};

/* What the global options and the config file say, for the commands. */
struct cli {
	const char *versions;	/* versions directory */
	const char *argv0_cmd;	/* the command's name as typed */
	const struct command *cmd;	/* the command running */
	const struct config *cfg;	/* retort.ini (defaults when none) */
	const char *config_opt;	/* -c FILE as given, or NULL */
	const char *versions_opt;	/* --versions DIR as given, or NULL */
	struct pipeline *pl;	/* filled by cli_load */
};

/* struct command's flags: what it needs, git-style. */
enum {
	CMD_NO_CONFIG = 1,	/* runs without reading retort.ini (init, help) */
	CMD_GRAPH = 2,		/* the project, parsed, and its graph */
	CMD_MODEL = 4,		/* and the model over it (implies CMD_GRAPH) */
	/* Its output is the graph, not a verdict on the project: the
	 * project's warnings (several heads, ...) are check's to print. */
	CMD_QUIET = 8,
};

struct command {
	const char *name;
	int (*run)(struct rt_ctx *ctx, const struct cli *cli, int argc,
		   char **argv);
	const char *summary;	/* one line for `retort --help` */
	const char *help;	/* the full text for `retort CMD --help` */
	unsigned flags;		/* CMD_* */
};

/* The command table, sorted by name (for the man page generator too). */
const struct command *cli_commands(size_t *n);

/* The text of `retort --help` above the list of commands: usage, what
 * retort is, the global options. */
const char *cli_program_usage(void);

/* Run retort with the program's own argv; returns the exit code. */
int cli_main(int argc, char **argv);

/*
 * For commands: report a usage error ("retort check: ...") on stderr and
 * return EXIT_USAGE.
 */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* For commands: the message for getopt_long's '?' or ':' result. */
int cli_bad_option(const char *cmd, int c, int optopt_value, char **argv,
		   int optind_value);

/*
 * For commands, once their options are read: load what the command
 * table says the command needs into cli->pl (the project, parsed and
 * resolved; its graph; the model).  Returns EXIT_OK, or the exit code
 * to return (diagnostics are queued; cli_main prints them).  Several
 * heads are only a warning here.  CMD_QUIET keeps the project's
 * warnings from stderr from here on.
 */
int cli_load(struct rt_ctx *ctx, const struct cli *cli);

/*
 * What CMD_MODEL makes cli_load do, for a command that decides after
 * loading the graph whether it needs the model replayed on its own
 * (upgrade writes a whole upgrade from the one replay that checks).
 */
int cli_replay(struct rt_ctx *ctx, const struct cli *cli);

/*
 * The graph loaded (CMD_GRAPH), the project's model replayed once more
 * with watch looking on and every diagnostic of it muted: for a command
 * that does not check the project but wants what the replay shows
 * (merge: do the branches it joins commute?).
 */
void cli_replay_quietly(struct rt_ctx *ctx, const struct cli *cli,
			const struct schema_watch *watch);

/*
 * The option loop every command shares: cli_next_option returns the
 * next option of argv as getopt_long does (optstring and longopts the
 * command's, with 'h' for --help), CLI_OPT_END after the last (optind
 * is then the first argument), or CLI_OPT_STOP when the command is done
 * and must return o->rc: it printed its help for -h, or reported a bad
 * option.
 */
struct option;
struct cli_opts {
	const char *cmd;
	const char *optstring;
	const struct option *longopts;
	bool started;
	int rc;
};

enum { CLI_OPT_END = -1, CLI_OPT_STOP = -2 };

int cli_next_option(struct cli_opts *o, int argc, char **argv);

/*
 * The dialect a command writes when -d is not given: the first of the
 * config's dialects, or NULL (then -d is required).
 */
struct dialect;
const struct dialect *cli_default_dialect(const struct cli *cli);

/*
 * The dialects build writes and check checks: the config's, else the
 * dialect table's defaults.  Fills out (room for CONFIG_MAX_DIALECTS)
 * and returns how many.
 */
size_t cli_dialects(const struct cli *cli, const struct dialect **out);

/* -d NAME: the dialect, or NULL after the usage error (naming the
 * dialects retort writes). */
const struct dialect *cli_dialect_arg(const char *cmd, const char *name);

/* The usage error for a missing -d. */
int cli_no_dialect(const char *cmd);

/*
 * Script options as the config sets them (version table and schema,
 * transactions, lock timeout; a guard), for the command line to override.
 */
struct emit_opts;
void cli_emit_defaults(const struct cli *cli, struct emit_opts *o);

/* Print a command's help to stdout and return EXIT_OK. */
int cli_print_help(const char *cmd);

#endif
