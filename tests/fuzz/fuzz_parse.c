/*
 * fuzz_parse.c: the libFuzzer target over the whole front end: parse and
 * resolve one in-memory file, dump what parsed, print the diagnostics in
 * every format.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "fuzzutil.h"
#include "parse.h"
#include "resolve.h"
#include "rt.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Print what was queued in every format.  Each flush empties the queue,
 * but its entries live in the arena until release, so the queue is put
 * back before the next one.  The low bit of the size picks colour.
 */
static void flush_all(struct rt_ctx *ctx, size_t size)
{
	struct diag_queue saved = ctx->diags;
	FILE *out = fopen("/dev/null", "w");

	if (!out) {
		perror("fuzz_parse: /dev/null");
		__builtin_trap();
	}
	diag_flush_github(ctx, out);
	ctx->diags = saved;
	diag_flush_json(ctx, out);
	ctx->diags = saved;
	ctx->color = (size & 1) != 0;
	diag_flush(ctx, out);
	if (ctx->diags.head)
		__builtin_trap();
	fclose(out);
}

/* Dump every node that parsed: later stages walk the same tree. */
static void dump_file(const struct ast_file *file)
{
	const struct ast_revision *r;
	const struct ast_node *n;
	struct strbuf sb;

	strbuf_init(&sb);
	for (r = file->revs; r; r = r->next) {
		if (r->id)
			ast_dump(&sb, r->id);
		for (n = r->clauses.head; n; n = n->next)
			ast_dump(&sb, n);
		for (n = r->blocks.head; n; n = n->next)
			ast_dump(&sb, n);
	}
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_ctx ctx;
	struct ast_file *file = NULL;
	uint32_t id;
	int errors;

	rt_ctx_init(&ctx);
	id = src_add(&ctx, "fuzz.mig", (const char *)data, size);
	errors = parse_file(&ctx, id, &file);
	if (!file)
		__builtin_trap();
	/* Diagnostics print the source as read: the scan must leave it be. */
	if (size && memcmp(src_get(&ctx, id)->data, data, size) != 0)
		__builtin_trap();
	errors += resolve_file(&ctx, file);
	/* Every error counted was raised through the queue. */
	if (errors < 0 || (unsigned)errors > ctx.diags.errors)
		__builtin_trap();
	check_spans(&ctx, id, size);
	dump_file(file);
	flush_all(&ctx, size);
	rt_ctx_release(&ctx);
	return 0;
}
