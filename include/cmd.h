/*
 * cmd.h: the subcommands, one cmd_<name>.c each.  Each parses its own
 * options and returns an exit code (cli.h); diagnostics go to stderr.
 */
#ifndef RT_CMD_H
#define RT_CMD_H

struct rt_ctx;
struct cli;

int cmd_branches(struct rt_ctx *ctx, const struct cli *cli, int argc,
		 char **argv);
extern const char cmd_branches_help[];

int cmd_check(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_check_help[];

int cmd_downgrade(struct rt_ctx *ctx, const struct cli *cli, int argc,
		  char **argv);
extern const char cmd_downgrade_help[];

int cmd_graph(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_graph_help[];

int cmd_heads(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_heads_help[];

int cmd_history(struct rt_ctx *ctx, const struct cli *cli, int argc,
		char **argv);
extern const char cmd_history_help[];

int cmd_stamp(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_stamp_help[];

int cmd_upgrade(struct rt_ctx *ctx, const struct cli *cli, int argc,
		char **argv);
extern const char cmd_upgrade_help[];

int cmd_schema(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv);
extern const char cmd_schema_help[];

int cmd_build(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_build_help[];

int cmd_import(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv);
extern const char cmd_import_help[];

int cmd_init(struct rt_ctx *ctx, const struct cli *cli, int argc,
	     char **argv);
extern const char cmd_init_help[];

int cmd_revision(struct rt_ctx *ctx, const struct cli *cli, int argc,
		 char **argv);
extern const char cmd_revision_help[];

int cmd_merge(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv);
extern const char cmd_merge_help[];

int cmd_show(struct rt_ctx *ctx, const struct cli *cli, int argc,
	     char **argv);
extern const char cmd_show_help[];

int cmd_verify(struct rt_ctx *ctx, const struct cli *cli, int argc,
	       char **argv);
extern const char cmd_verify_help[];

#endif
