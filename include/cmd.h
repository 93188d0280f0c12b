/*
 * cmd.h: the subcommands, one cmd_<name>.c each.  Each parses its own
 * options and returns an exit code (cli.h); diagnostics go to stderr.
 */
#ifndef RT_CMD_H
#define RT_CMD_H

struct rt_ctx;
struct cli;

int cmd_check(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_check_help[];

#endif
