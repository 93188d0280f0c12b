/*
 * diag.c: queueing and printing diagnostics, with the source line and a
 * caret marker under the span (tabs copied so the caret lines up).
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "rt.h"
#include "util.h"

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

/* Queue a diagnostic; returns it, or NULL when it is dropped. */
static struct diag *diag_vqueue(struct rt_ctx *ctx, enum diag_level level,
				struct src_span span, const char *fmt,
				va_list ap) __attribute__((format(printf, 4, 0)));

static struct diag *diag_vqueue(struct rt_ctx *ctx, enum diag_level level,
				struct src_span span, const char *fmt,
				va_list ap)
{
	struct diag_queue *q = &ctx->diags;
	struct diag *d;

	if (q->mute)
		return NULL;
	if (level == DIAG_WARNING && q->mute_warnings) {
		q->last_muted = true;
		return NULL;
	}
	if (level == DIAG_NOTE && q->last_muted)
		return NULL;
	q->last_muted = false;
	if (level == DIAG_NOTE) {
		if (q->last_dropped)
			return NULL;
	} else if (level == DIAG_ERROR) {
		q->errors++;
		if (q->errors > DIAG_MAX_ERRORS) {
			q->overflow = true;
			q->last_dropped = true;
			return NULL;
		}
	} else {
		q->warnings++;
	}
	q->last_dropped = false;
	d = arena_alloc(&ctx->arena, sizeof(*d));
	d->level = level;
	d->span = span;
	d->code = ctx->stage ? ctx->stage : "retort";
	d->msg = arena_vprintf(&ctx->arena, fmt, ap);
	if (q->tail)
		q->tail->next = d;
	else
		q->head = d;
	q->tail = d;
	return d;
}

void diag_error(struct rt_ctx *ctx, struct src_span span, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vqueue(ctx, DIAG_ERROR, span, fmt, ap);
	va_end(ap);
}

void diag_warning(struct rt_ctx *ctx, struct src_span span, const char *fmt,
		  ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vqueue(ctx, DIAG_WARNING, span, fmt, ap);
	va_end(ap);
}

void diag_lint(struct rt_ctx *ctx, struct src_span span, const char *code,
	       const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = diag_vqueue(ctx, DIAG_WARNING, span, fmt, ap);
	va_end(ap);
	if (d) {
		d->code = code;
		d->lint = true;
	}
}

void diag_note(struct rt_ctx *ctx, struct src_span span, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vqueue(ctx, DIAG_NOTE, span, fmt, ap);
	va_end(ap);
}

bool diag_full(const struct rt_ctx *ctx)
{
	return ctx->diags.errors > DIAG_MAX_ERRORS;
}

static const char *level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	RT_BUG("bad diagnostic level %d", (int)level);
}

static const char *level_color(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return C_RED;
	case DIAG_WARNING:
		return C_MAGENTA;
	case DIAG_NOTE:
		return C_CYAN;
	}
	RT_BUG("bad diagnostic level %d", (int)level);
}

/*
 * The marker line: a tab under a tab, nothing under a UTF-8 continuation
 * byte (so one column per character), a space under anything else; then
 * '^' under the first character of the span and '~' under the rest of it
 * on this line.
 */
static void print_marker(FILE *out, const struct src_file *f, uint32_t lstart,
			 uint32_t lend, const struct src_span *span, bool color)
{
	uint32_t i, end = span->end < lend ? span->end : lend;

	for (i = lstart; i < span->start && i < lend; i++) {
		unsigned char c = (unsigned char)f->data[i];

		if (c == '\t')
			fputc('\t', out);
		else if ((c & 0xC0) != 0x80)
			fputc(' ', out);
	}
	if (color)
		fputs(C_GREEN, out);
	fputc('^', out);
	for (i = span->start + 1; i < end; i++) {
		if (((unsigned char)f->data[i] & 0xC0) != 0x80)
			fputc('~', out);
	}
	if (color)
		fputs(C_RESET, out);
	fputc('\n', out);
}

/* The source line as written, but a control character (a NUL, an escape
 * sequence) shows as '?' rather than acting on the terminal. */
static void print_source_line(FILE *out, const char *s, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t k = (uint32_t)terminal_control_len(s + i, n - i);

		fputc(k ? '?' : c, out);
		i += k ? k - 1 : 0;
	}
	fputc('\n', out);
}

static void print_one(struct rt_ctx *ctx, FILE *out, const struct diag *d)
{
	bool color = ctx->color;

	const char *code = d->lint ? d->code : "";
	const char *open = d->lint ? " [" : "", *close = d->lint ? "]" : "";

	if (d->span.file == SRC_NONE) {
		fprintf(out, "%sretort:%s %s%s:%s %s%s%s%s\n",
			color ? C_BOLD : "", color ? C_RESET : "",
			color ? level_color(d->level) : "", level_name(d->level),
			color ? C_RESET : "", d->msg, open, code, close);
		return;
	}
	struct src_file *f = src_get(ctx, d->span.file);
	uint32_t line, col, ls, le;

	src_position(f, d->span.start, &line, &col);
	fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s%s%s%s\n", color ? C_BOLD : "",
		f->path, line, col, color ? C_RESET : "",
		color ? level_color(d->level) : "", level_name(d->level),
		color ? C_RESET : "", d->msg, open, code, close);
	if (d->level == DIAG_NOTE)
		return;
	src_line_bounds(f, line, &ls, &le);
	print_source_line(out, f->data + ls, le - ls);
	print_marker(out, f, ls, le, &d->span, color);
}

void diag_flush(struct rt_ctx *ctx, FILE *out)
{
	struct diag_queue *q = &ctx->diags;
	const struct diag *d;
	bool skip = false;

	for (d = q->head; d; d = d->next) {
		if (d->level != DIAG_NOTE)
			skip = ctx->quiet && d->level == DIAG_WARNING;
		if (!skip)
			print_one(ctx, out, d);
	}
	if (q->overflow) {
		fprintf(out, "retort: error: too many errors, stopped after %d\n",
			DIAG_MAX_ERRORS);
		q->overflow = false;
	}
	q->head = q->tail = NULL;
	fflush(out);
}

/* Workflow-command escaping: '%', CR and LF always; ':' and ',' too in
 * property values. */
static void github_escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

void diag_flush_github(struct rt_ctx *ctx, FILE *out)
{
	static const char *const kinds[] = {
		[DIAG_ERROR] = "error",
		[DIAG_WARNING] = "warning",
		[DIAG_NOTE] = "notice",
	};
	struct diag_queue *q = &ctx->diags;
	const struct diag *d;

	for (d = q->head; d; d = d->next) {
		fprintf(out, "::%s", kinds[d->level]);
		if (d->span.file != SRC_NONE) {
			struct src_file *f = src_get(ctx, d->span.file);
			uint32_t line, col;

			src_position(f, d->span.start, &line, &col);
			fputs(" file=", out);
			github_escape(out, f->path, true);
			fprintf(out, ",line=%u,col=%u", line, col);
		}
		if (d->lint)
			fprintf(out, "%stitle=%s", d->span.file != SRC_NONE ?
				",": " ", d->code);
		fputs("::", out);
		github_escape(out, d->msg, false);
		fputc('\n', out);
	}
	if (q->overflow) {
		fprintf(out, "::error::too many errors, stopped after %d\n",
			DIAG_MAX_ERRORS);
		q->overflow = false;
	}
	q->head = q->tail = NULL;
	fflush(out);
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (ascii_iscntrl(c))
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* "file": ..., "line": ..., "column": ... of d. */
static void json_place(struct rt_ctx *ctx, FILE *out, const struct diag *d)
{
	uint32_t line = 0, col = 0;

	fputs("\"file\": ", out);
	if (d->span.file != SRC_NONE) {
		struct src_file *f = src_get(ctx, d->span.file);

		src_position(f, d->span.start, &line, &col);
		json_string(out, f->path);
	} else {
		fputs("null", out);
	}
	fprintf(out, ", \"line\": %u, \"column\": %u", line, col);
}

void diag_flush_json(struct rt_ctx *ctx, FILE *out)
{
	static const char *const levels[] = {
		[DIAG_ERROR] = "error",
		[DIAG_WARNING] = "warning",
		[DIAG_NOTE] = "note",
	};
	struct diag_queue *q = &ctx->diags;
	const struct diag *d, *n;
	bool first = true;

	fputc('[', out);
	for (d = q->head; d; d = n) {
		fputs(first ? "\n    {" : ",\n    {", out);
		first = false;
		json_place(ctx, out, d);
		fprintf(out, ", \"severity\": \"%s\", \"code\": ",
			levels[d->level]);
		json_string(out, d->code);
		fputs(", \"message\": ", out);
		json_string(out, d->msg);
		fputs(", \"notes\": [", out);
		/* A note is its diagnostic's; one at the head (whose
		 * diagnostic went in an earlier flush) stands alone. */
		for (n = d->next; n && n->level == DIAG_NOTE &&
				  d->level != DIAG_NOTE; n = n->next) {
			fputs(n == d->next ? "{" : ", {", out);
			json_place(ctx, out, n);
			fputs(", \"message\": ", out);
			json_string(out, n->msg);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs(q->head ? "\n  ]" : "]", out);
	q->head = q->tail = NULL;
	q->overflow = false;
}
