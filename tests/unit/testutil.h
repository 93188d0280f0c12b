/*
 * testutil.h: helpers shared by the cmocka unit tests: run the front end
 * on a string and capture its diagnostics as text, dump ASTs.
 */
#ifndef RT_TESTUTIL_H
#define RT_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "resolve.h"
#include "rt.h"
#include "strbuf.h"

/* One front-end run over an in-memory file named "t.mig". */
struct tparse {
	struct rt_ctx ctx;
	struct ast_file *file;
	int errors;		/* parse + resolve errors */
	unsigned warnings;
	char *diags;		/* everything diag_flush printed (malloc) */
};

/* Parse and resolve len bytes of src (which may hold NUL bytes). */
static inline void tparse_run_n(struct tparse *t, const char *src, size_t len)
{
	FILE *mem;
	size_t n = 0;
	uint32_t id;

	memset(t, 0, sizeof(*t));
	rt_ctx_init(&t->ctx);
	id = src_add(&t->ctx, "t.mig", src, len);
	t->errors = parse_file(&t->ctx, id, &t->file);
	t->errors += resolve_file(&t->ctx, t->file);
	resolve_types(&t->ctx, &t->file, 1);
	t->warnings = t->ctx.diags.warnings;
	mem = open_memstream(&t->diags, &n);
	assert_non_null(mem);
	diag_flush(&t->ctx, mem);
	fclose(mem);
}

static inline void tparse_run(struct tparse *t, const char *src)
{
	tparse_run_n(t, src, strlen(src));
}

static inline void tparse_free(struct tparse *t)
{
	free(t->diags);
	rt_ctx_release(&t->ctx);
}

/* The first line of the diagnostics ("t.mig:L:C: error: ..."). */
static inline char *tparse_first_line(const struct tparse *t)
{
	const char *nl = strchr(t->diags, '\n');
	size_t n = nl ? (size_t)(nl - t->diags) : strlen(t->diags);
	char *s = malloc(n + 1);

	assert_non_null(s);
	memcpy(s, t->diags, n);
	s[n] = '\0';
	return s;
}

/* Assert that the diagnostics' first line is exactly want. */
#define assert_first_diag(t, want)					\
	do {								\
		char *first_ = tparse_first_line(t);			\
		assert_string_equal(first_, want);			\
		free(first_);						\
	} while (0)

/* Dump the statements of the first revision's block (down or up),
 * one per line, into a malloc'ed string. */
static inline char *tparse_dump_block(const struct tparse *t, bool down)
{
	const struct ast_revision *r = t->file->revs;
	const struct ast_node *b, *s;
	struct strbuf sb;

	strbuf_init(&sb);
	assert_non_null(r);
	b = down ? r->down : r->up;
	assert_non_null(b);
	for (s = b->u.block.stmts.head; s; s = s->next) {
		ast_dump(&sb, s);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * A random revision graph for checking graph algorithms against a naive
 * reference: n revisions r0..r<n-1>, each depending on (and sometimes
 * requiring) up to three earlier ones, never redundantly (check rejects
 * that), as .mig text; anc[b * n + a] says a is an ancestor of b.
 */
#define RDAG_MAX_DEPS 3

struct rdag {
	size_t n;
	unsigned char *anc;
	size_t ndeps[512];
	size_t nparents[512];
	size_t deps[512][RDAG_MAX_DEPS];
	char *text;		/* malloc'ed */
};

static inline uint32_t rdag_rand(uint32_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 17;
	*seed ^= *seed << 5;
	return *seed;
}

/* May d join the dependencies of i chosen so far (none implies another)? */
static inline bool rdag_fits(const struct rdag *g, size_t i, size_t d)
{
	size_t k;

	for (k = 0; k < g->ndeps[i]; k++) {
		size_t e = g->deps[i][k];

		if (e == d || g->anc[e * g->n + d] || g->anc[d * g->n + e])
			return false;
	}
	return true;
}

static inline void rdag_make(struct rdag *g, size_t n, uint32_t seed)
{
	struct strbuf sb;
	size_t i, k, x;

	assert_true(n <= 512);
	memset(g, 0, sizeof(*g));
	g->n = n;
	g->anc = calloc(n * n, 1);
	assert_non_null(g->anc);
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		size_t want = i == 0 || rdag_rand(&seed) % 20 == 0 ? 0
			      : 1 + rdag_rand(&seed) % RDAG_MAX_DEPS;

		for (k = 0; k < want; k++) {
			/* Mostly a recent revision: long lines, and merges. */
			size_t span = rdag_rand(&seed) % 4 ? (i < 8 ? i : 8) : i;
			size_t d = i - 1 - rdag_rand(&seed) % span;

			if (rdag_fits(g, i, d))
				g->deps[i][g->ndeps[i]++] = d;
		}
		g->nparents[i] = g->ndeps[i] ? 1 + rdag_rand(&seed) %
						   g->ndeps[i] : 0;
		for (k = 0; k < g->ndeps[i]; k++) {
			size_t d = g->deps[i][k];

			g->anc[i * n + d] = 1;
			for (x = 0; x < n; x++)
				g->anc[i * n + x] |= g->anc[d * n + x];
		}
		strbuf_addf(&sb, "revision r%zu", i);
		for (k = 0; k < g->ndeps[i]; k++)
			strbuf_addf(&sb, "%s r%zu", k == 0 ? " depends" :
				    k == g->nparents[i] ? " requires" : ",",
				    g->deps[i][k]);
		strbuf_addstr(&sb, " up {}\n");
	}
	g->text = strbuf_detach(&sb, NULL);
}

static inline void rdag_free(struct rdag *g)
{
	free(g->anc);
	free(g->text);
}

#endif
