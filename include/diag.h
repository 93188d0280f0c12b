/*
 * diag.h: the one diagnostics module.  Stages queue errors, warnings and
 * notes here with the span they are about; diag_flush prints them in the
 * order raised, as "path:line:col: error: message", the source line and a
 * caret line.
 */
#ifndef RT_DIAG_H
#define RT_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "srcfile.h"

struct rt_ctx;

/* The spec's cap: after this many errors, a stage stops and says so. */
#define DIAG_MAX_ERRORS 100

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

struct diag {
	enum diag_level level;
	struct src_span span;	/* file SRC_NONE: no location */
	/* The stage that raised it (ctx->stage), or a lint's code
	 * ("R101", diag_lint): JSON's "code", SARIF's ruleId. */
	const char *code;
	bool lint;		/* code is a lint's, shown after the message */
	const char *msg;	/* in the context's arena */
	struct diag *next;
};

/* Embedded in struct rt_ctx. */
struct diag_queue {
	struct diag *head;
	struct diag *tail;
	unsigned errors;	/* every error raised, shown or not */
	unsigned warnings;
	bool overflow;		/* more than DIAG_MAX_ERRORS errors */
	bool last_dropped;	/* notes after a dropped diagnostic go too */
	unsigned mute;		/* > 0: drop everything (help after a bad
				 * retort.ini) */
	/* > 0: drop warnings and their notes (a second replay of what was
	 * checked already: only its errors are new). */
	unsigned mute_warnings;
	bool last_muted;	/* notes after a muted warning go too */
};

/*
 * Queue a diagnostic.  Messages start in lower case, name SQL objects in
 * double quotes and have no final period.  Past DIAG_MAX_ERRORS errors,
 * errors (and their notes) are counted but not queued.
 */
void diag_error(struct rt_ctx *ctx, struct src_span span, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));
void diag_warning(struct rt_ctx *ctx, struct src_span span, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));
/*
 * A warning of the lint with this code (static, "R101"): text output
 * shows it after the message ("... [R101]"), json as "code", github as
 * the title, sarif as the ruleId.
 */
void diag_lint(struct rt_ctx *ctx, struct src_span span, const char *code,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A note attaches to the diagnostic queued just before it. */
void diag_note(struct rt_ctx *ctx, struct src_span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True once an error past the cap was raised: stages should stop. */
bool diag_full(const struct rt_ctx *ctx);

/*
 * Print and dequeue everything queued, to out, in the order raised.
 * Warnings and their notes are left out when ctx->quiet is set; colour
 * follows ctx->color.
 */
void diag_flush(struct rt_ctx *ctx, FILE *out);

/*
 * Print and dequeue everything as GitHub Actions workflow commands, one
 * line each ("::error file=F,line=L,col=C::message", a lint's code as
 * title=); notes become ::notice.
 */
void diag_flush_github(struct rt_ctx *ctx, FILE *out);

/*
 * Print and dequeue everything as check --format json's "diagnostics"
 * array (CLI.md): [{"file", "line", "column", "severity", "code",
 * "message", "notes"}, ...], each error or warning with its notes
 * nested in "notes" ({"file", "line", "column", "message"}).  A
 * diagnostic without a place has "file": null, line and column 0.
 */
void diag_flush_json(struct rt_ctx *ctx, FILE *out);

/* A JSON string literal for s. */
void json_string(FILE *out, const char *s);

#endif
