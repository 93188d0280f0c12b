/*
 * sarif.c: the diagnostics as a SARIF 2.1.0 log (sarif.h), for code
 * scanning services.  Lines are 1-based; columns count UTF-16 code units
 * from the start of the line (the format's default columnKind).
 */
#include "sarif.h"

#include <string.h>

#include "diag.h"
#include "lint.h"
#include "rt.h"
#include "srcfile.h"
#include "util.h"

/* The stages' codes (struct diag's code when no lint raised it). */
static const struct {
	const char *code;
	const char *text;
} stages[] = {
	{ "syntax", "a .mig file does not follow the language's grammar" },
	{ "revision", "a revision's header or blocks are invalid" },
	{ "graph", "the revision graph is invalid (cycles, unknown or "
		   "redundant dependencies, several heads)" },
	{ "schema", "a statement does not hold against the schema model, "
		    "or a dialect cannot write it" },
	{ "retort", "a file, directory or setting cannot be used" },
};

/* The index of code among the rules written (lints, then stages). */
static size_t rule_index(const struct diag *d)
{
	size_t i;

	if (d->lint)
		return (size_t)lint_find(d->code, strlen(d->code));
	for (i = 0; i < ARRAY_SIZE(stages); i++) {
		if (strcmp(stages[i].code, d->code) == 0)
			return NLINTS + i;
	}
	return NLINTS + ARRAY_SIZE(stages) - 1;
}

static const char *rule_id(size_t i)
{
	return i < NLINTS ? lint_rule((enum lint_id)i)->code
			  : stages[i - NLINTS].code;
}

static void text_object(FILE *out, const char *key, const char *text)
{
	fprintf(out, "\"%s\": {\"text\": ", key);
	json_string(out, text);
	fputc('}', out);
}

/* A lint's help: its rationale, then how to turn it off. */
static void help_text(FILE *out, const struct lint_rule *r)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s. To accept one statement, write "
		 "\"-- retort: ignore %s\" on or above it; to turn it off for "
		 "the project, add -%s to lints in retort.ini.", r->rationale,
		 r->code, r->code);
	json_string(out, buf);
}

static void rules(FILE *out)
{
	size_t i;

	fputs("\"rules\": [", out);
	for (i = 0; i < NLINTS; i++) {
		const struct lint_rule *r = lint_rule((enum lint_id)i);

		fprintf(out, "%s\n            {\"id\": \"%s\", \"name\": ",
			i ? "," : "", r->code);
		json_string(out, r->name);
		fputs(", ", out);
		text_object(out, "shortDescription", r->summary);
		fputs(", ", out);
		text_object(out, "fullDescription", r->rationale);
		fputs(", \"help\": {\"text\": ", out);
		help_text(out, r);
		fputc('}', out);
		fputs(", \"defaultConfiguration\": {\"level\": \"warning\"}, "
		      "\"properties\": {\"tags\": [", out);
		fputs(r->locking ? "\"postgresql\", \"locking\"" : "\"migration\"",
		      out);
		fputs("]}}", out);
	}
	for (i = 0; i < ARRAY_SIZE(stages); i++) {
		fprintf(out, ",\n            {\"id\": \"%s\", ", stages[i].code);
		text_object(out, "shortDescription", stages[i].text);
		fputs(", \"defaultConfiguration\": {\"level\": \"error\"}}",
		      out);
	}
	fputs("\n          ]", out);
}

/* A relative path as a URI reference: unreserved characters and '/'
 * as they are, every other byte %XX. */
static void uri(FILE *out, const char *path)
{
	fputc('"', out);
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if (ascii_isalnum(c) || strchr("-._~/", c))
			fputc(c, out);
		else
			fprintf(out, "%%%02X", c);
	}
	fputc('"', out);
}

/* Line and column (UTF-16 code units, 1-based) of offset off in f. */
static void position(struct src_file *f, uint32_t off, uint32_t *line,
		     uint32_t *col)
{
	uint32_t s, e, i, byte_col;

	src_position(f, off, line, &byte_col);
	src_line_bounds(f, *line, &s, &e);
	*col = 1;
	for (i = s; i < off && i < f->len;) {
		size_t n = utf8_seq_len(f->data + i, f->len - i);

		*col += n == 4 ? 2 : 1;
		i += (uint32_t)(n ? n : 1);
	}
}

static void location(struct rt_ctx *ctx, FILE *out, const struct diag *d)
{
	struct src_file *f = src_get(ctx, d->span.file);
	uint32_t line, col, eline, ecol;

	position(f, d->span.start, &line, &col);
	position(f, d->span.end > d->span.start ? d->span.end : d->span.start,
		 &eline, &ecol);
	fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	uri(out, f->path);
	fprintf(out, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
		"\"endLine\": %u, \"endColumn\": %u}}", line, col, eline, ecol);
}

static void result(struct rt_ctx *ctx, FILE *out, const struct diag *d,
		   bool first)
{
	const struct diag *n;
	size_t ri = rule_index(d), id = 0;

	fprintf(out, "%s\n            {\"ruleId\": \"%s\", \"ruleIndex\": %zu, "
		"\"level\": \"%s\", ", first ? "" : ",", rule_id(ri), ri,
		d->level == DIAG_ERROR ? "error" : "warning");
	text_object(out, "message", d->msg);
	if (d->span.file != SRC_NONE) {
		fputs(", \"locations\": [{", out);
		location(ctx, out, d);
		fputs("}]", out);
	}
	for (n = d->next; n && n->level == DIAG_NOTE; n = n->next) {
		fputs(id ? ", {" : ", \"relatedLocations\": [{", out);
		fprintf(out, "\"id\": %zu, ", id++);
		if (n->span.file != SRC_NONE) {
			location(ctx, out, n);
			fputs(", ", out);
		}
		text_object(out, "message", n->msg);
		fputc('}', out);
	}
	fputs(id ? "]}" : "}", out);
}

void sarif_flush(struct rt_ctx *ctx, FILE *out)
{
	struct diag_queue *q = &ctx->diags;
	const struct diag *d;
	bool first = true;

	fputs("{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/"
	      "v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	      "      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"retort\",\n", out);
	fprintf(out, "          \"version\": \"%s\",\n          ", RT_VERSION);
	rules(out);
	fputs("\n        }\n      },\n      \"columnKind\": \"utf16CodeUnits\",\n"
	      "      \"results\": [", out);
	for (d = q->head; d; d = d->next) {
		if (d->level == DIAG_NOTE)
			continue;
		result(ctx, out, d, first);
		first = false;
	}
	fputs(first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n", out);
	q->head = q->tail = NULL;
	q->overflow = false;
}
