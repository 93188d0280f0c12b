/*
 * fuzz_pysrc.c: the libFuzzer target over Alembic's Python scripts: read
 * one in-memory file as a revision script (pysrc.c's scanner and reader,
 * alembic_py.c's header), write it as a .mig as import does
 * (alembic_op.c) and parse that, print the diagnostics, and check their
 * spans.  What import writes must always parse.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alembic_op.h"
#include "alembic_py.h"
#include "ast.h"
#include "diag.h"
#include "fuzzutil.h"
#include "graph.h"
#include "parse.h"
#include "pysrc.h"
#include "rt.h"
#include "srcfile.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk every statement and expression that was read. */
static size_t count_nodes(const struct py_node *n)
{
	size_t c = 0;

	for (; n; n = n->next) {
		if (n->span.start > n->span.end)
			__builtin_trap();
		if (n->kind == PYN_STRING && n->text && strlen(n->text) > n->len)
			__builtin_trap();
		c += 1 + count_nodes(n->obj) + count_nodes(n->items) +
		     count_nodes(n->kwargs);
	}
	return c;
}

static size_t count_stmts(const struct py_stmt *s)
{
	size_t c = 0;

	for (; s; s = s->next) {
		if (s->span.start > s->span.end || s->head.end > s->span.end)
			__builtin_trap();
		c += 1 + count_nodes(s->value) + count_stmts(s->body);
	}
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_ctx ctx;
	struct ast_file *file = NULL;
	struct py_module *m;
	FILE *out;
	uint32_t id;

	if (size > 1 << 16)
		return 0;
	rt_ctx_init(&ctx);
	id = src_add(&ctx, "fuzz.py", (const char *)data, size);
	m = pysrc_read(&ctx, id);
	count_stmts(m->stmts);
	alembic_py_revision(&ctx, m, &file);
	if (!file || (file->revs && !file->revs->id))
		__builtin_trap();
	if (size && memcmp(src_get(&ctx, id)->data, data, size) != 0)
		__builtin_trap();
	if (file->revs && ctx.diags.errors == 0) {
		struct alembic_op_stats stats = { 0, 0 };
		struct rev r;
		struct strbuf mig;
		struct ast_file *again = NULL;
		unsigned before = ctx.diags.errors;

		memset(&r, 0, sizeof(r));
		r.id = file->revs->id->u.word.text;
		r.ast = file->revs;
		strbuf_init(&mig);
		alembic_op_render(&ctx, m, &r, "fuzz.py", &mig, &stats);
		if (ctx.diags.errors != before)
			__builtin_trap();
		parse_file(&ctx, src_add(&ctx, "fuzz.mig", mig.buf, mig.len),
			   &again);
		if (ctx.diags.errors != before)
			__builtin_trap();
		strbuf_release(&mig);
	}
	check_spans(&ctx, id, size);
	out = fopen("/dev/null", "w");
	if (!out)
		__builtin_trap();
	ctx.color = (size & 1) != 0;
	diag_flush(&ctx, out);
	fclose(out);
	rt_ctx_release(&ctx);
	return 0;
}
