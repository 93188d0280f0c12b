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

/* What the global options and the config file say, for the commands. */
struct cli {
	const char *versions;	/* versions directory */
	const char *argv0_cmd;	/* the command's name as typed */
	const struct config *cfg;	/* retort.ini (defaults when none) */
	const char *config_opt;	/* -c FILE as given, or NULL */
	const char *versions_opt;	/* --versions DIR as given, or NULL */
};

/* struct command's flags. */
enum {
	CMD_NO_CONFIG = 1,	/* runs without reading retort.ini (init, help) */
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
 * For commands: load the project (find, parse, resolve) and build its
 * graph.  Returns EXIT_OK with *p and *g set (free *g with graph_free),
 * or the exit code to return (diagnostics are queued; cli_main prints
 * them).  Several heads are only a warning here.
 */
struct project;
struct graph;
int cli_load_graph(struct rt_ctx *ctx, const struct cli *cli,
		   struct project **p, struct graph **g);

/*
 * cli_load_graph, then the schema model replayed over the whole project:
 * what every command that writes SQL needs to be true first.
 */
int cli_load_model(struct rt_ctx *ctx, const struct cli *cli,
		   struct project **p, struct graph **g);

/*
 * The dialect a command writes when -d is not given: the first of the
 * config's dialects, or NULL (then -d is required).
 */
struct dialect;
const struct dialect *cli_default_dialect(const struct cli *cli);

/*
 * The dialects build writes and check checks: the config's, else
 * postgresql and sqlite.  Fills out (room for CONFIG_MAX_DIALECTS) and
 * returns how many.
 */
size_t cli_dialects(const struct cli *cli, const struct dialect **out);

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
