/*
 * fuzz_config.c: the libFuzzer target over retort.ini: parse one
 * in-memory file with libinih through config_parse, print the
 * diagnostics, and check what it accepted.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"
#include "rt.h"
#include "srcfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_ctx ctx;
	struct config cfg;
	uint32_t id;
	FILE *out;
	int rc;

	if (size > 1 << 16)
		return 0;
	rt_ctx_init(&ctx);
	config_init(&cfg);
	id = src_add(&ctx, "retort.ini", (const char *)data, size);
	rc = config_parse(&ctx, id, (size & 1) ? "conf" : "", &cfg);
	/* Success and errors must agree; what it accepted is whole. */
	if ((rc == 0) != (ctx.diags.errors == 0))
		__builtin_trap();
	if (rc == 0 && (cfg.ndialects > CONFIG_MAX_DIALECTS ||
			(cfg.versions && !cfg.versions[0]) ||
			(cfg.output && !cfg.output[0])))
		__builtin_trap();
	out = fopen("/dev/null", "w");
	if (!out)
		__builtin_trap();
	diag_flush(&ctx, out);
	fclose(out);
	rt_ctx_release(&ctx);
	return 0;
}
