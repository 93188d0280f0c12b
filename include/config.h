/*
 * config.h: the project's settings file, retort.ini (CLI.md "The config
 * file"), read with libinih.  Every key is optional; a command-line
 * option wins over the file.  An unknown section or key, a key set
 * twice, or a bad value is an error at retort.ini:LINE:COL.
 */
#ifndef RT_CONFIG_H
#define RT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srcfile.h"

struct rt_ctx;
struct dialect;

/* The default name of the file, in the project root. */
#define CONFIG_FILE "retort.ini"

/* At most this many dialects in `dialects`. */
#define CONFIG_MAX_DIALECTS 4

/* What the file says; strings live in the context's arena. */
struct config {
	const char *path;		/* the file read; NULL: none */
	const char *versions;		/* NULL: not set (paths are already
					 * joined to the file's directory) */
	const struct dialect *dialects[CONFIG_MAX_DIALECTS];
	size_t ndialects;		/* 0: not set */
	const char *output;		/* build's directory; NULL: not set */
	const char *version_table;	/* NULL: not set */
	const char *version_table_schema; /* NULL: none */
	bool transaction_per_migration;
	const char *lock_timeout;	/* NULL: none */
	unsigned long lints_off;	/* lint_set: the lints turned off */
	/* heads: branches kept apart, as LABEL@head (separate.h) */
	const char **separate;		/* the labels, interned */
	struct src_span *separate_at;	/* where each is written */
	size_t nseparate;
};

/*
 * The file `retort init` writes: every key, each with a comment saying
 * what it does, set to its default; appended to out (the dialects come
 * from the dialect table).  The man page prints it too.
 */
struct strbuf;
void config_template(struct strbuf *out);

/* A config with nothing set (no file). */
void config_init(struct config *cfg);

/*
 * Read path into cfg (after config_init).  A missing file is not an error
 * unless required (the -c option).  Returns EXIT_OK, EXIT_INVALID with
 * diagnostics queued (every error of the file), or EXIT_IO with one
 * queued.  The source is kept in the context's table, so the diagnostics
 * show its lines.
 */
int config_load(struct rt_ctx *ctx, const char *path, bool required,
		struct config *cfg);

/*
 * The same for a file already in the context's table (config_load and
 * the fuzz target): dir is the directory relative paths in it start
 * from ("" for the current one).
 */
int config_parse(struct rt_ctx *ctx, uint32_t file, const char *dir,
		 struct config *cfg);

#endif
