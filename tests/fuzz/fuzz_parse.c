/*
 * fuzz_parse.c: the libFuzzer target over the whole front end: parse and
 * resolve one in-memory file, then print its diagnostics (both formats).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "resolve.h"
#include "rt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Print what was queued.  diag_flush_github leaves the queue alone, so it
 * goes first; the low bit of the size picks colour for diag_flush, which
 * touches nothing but the printing.
 */
static void flush_all(struct rt_ctx *ctx, size_t size)
{
	FILE *out = fopen("/dev/null", "w");

	if (!out) {
		perror("fuzz_parse: /dev/null");
		__builtin_trap();
	}
	diag_flush_github(ctx, out);
	ctx->color = (size & 1) != 0;
	diag_flush(ctx, out);
	fclose(out);
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
	errors += resolve_file(&ctx, file);
	/* Every error counted was raised through the queue. */
	if (errors < 0 || (unsigned)errors > ctx.diags.errors)
		__builtin_trap();
	flush_all(&ctx, size);
	rt_ctx_release(&ctx);
	return 0;
}
