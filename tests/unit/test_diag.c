/*
 * test_diag.c: the diagnostic format: path:line:col, the source line, the
 * marker under the span (tabs copied, one mark per UTF-8 character),
 * notes, the error cap, and GitHub workflow commands.
 */
#include "testutil.h"

static char *flush_to_string(struct rt_ctx *ctx, bool github)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&buf, &n);

	assert_non_null(mem);
	if (github)
		diag_flush_github(ctx, mem);
	else
		diag_flush(ctx, mem);
	fclose(mem);
	return buf;
}

static void test_diag_caret_and_tilde(void **state)
{
	struct rt_ctx ctx;
	const char *src = "up {\n  alter table users drop column emial;\n}\n";
	struct src_span at;
	uint32_t id;
	char *out;

	(void)state;
	rt_ctx_init(&ctx);
	id = src_add(&ctx, "v/x.mig", src, strlen(src));
	at.file = id;
	at.start = (uint32_t)(strstr(src, "emial") - src);
	at.end = at.start + 5;
	diag_error(&ctx, at, "table \"%s\" has no column \"%s\"", "users",
		   "emial");
	diag_note(&ctx, at, "a note");
	out = flush_to_string(&ctx, false);
	assert_string_equal(out,
		"v/x.mig:2:33: error: table \"users\" has no column \"emial\"\n"
		"  alter table users drop column emial;\n"
		"                                ^~~~~\n"
		"v/x.mig:2:33: note: a note\n");
	free(out);
	rt_ctx_release(&ctx);
}

static void test_diag_tabs_and_utf8(void **state)
{
	struct rt_ctx ctx;
	const char *src = "\t'\xc3\xa9t\xc3\xa9' x\n";
	struct src_span at;
	uint32_t id;
	char *out;

	(void)state;
	rt_ctx_init(&ctx);
	id = src_add(&ctx, "t.mig", src, strlen(src));
	at.file = id;
	at.start = (uint32_t)(strchr(src, 'x') - src);
	at.end = at.start + 1;
	diag_error(&ctx, at, "boom");
	at.start = 1;
	at.end = 8;
	diag_warning(&ctx, at, "string");
	out = flush_to_string(&ctx, false);
	assert_string_equal(out,
		"t.mig:1:10: error: boom\n"
		"\t'\xc3\xa9t\xc3\xa9' x\n"
		"\t      ^\n"
		"t.mig:1:2: warning: string\n"
		"\t'\xc3\xa9t\xc3\xa9' x\n"
		"\t^~~~~\n");
	free(out);
	rt_ctx_release(&ctx);
}

static void test_diag_quiet_drops_warnings(void **state)
{
	struct rt_ctx ctx;
	uint32_t id;
	struct src_span at;
	char *out;

	(void)state;
	rt_ctx_init(&ctx);
	ctx.quiet = true;
	id = src_add(&ctx, "t.mig", "abc\n", 4);
	at.file = id;
	at.start = 0;
	at.end = 1;
	diag_warning(&ctx, at, "w");
	diag_note(&ctx, at, "note of w");
	diag_error(&ctx, at, "e");
	out = flush_to_string(&ctx, false);
	assert_string_equal(out, "t.mig:1:1: error: e\nabc\n^\n");
	free(out);
	rt_ctx_release(&ctx);
}

static void test_diag_cap(void **state)
{
	struct rt_ctx ctx;
	int i;
	char *out, *last;

	(void)state;
	rt_ctx_init(&ctx);
	for (i = 0; i < DIAG_MAX_ERRORS + 5; i++)
		diag_error(&ctx, src_span_none(), "e%d", i);
	assert_true(diag_full(&ctx));
	assert_int_equal(ctx.diags.errors, DIAG_MAX_ERRORS + 5);
	out = flush_to_string(&ctx, false);
	assert_non_null(strstr(out, "retort: error: e99\n"));
	assert_null(strstr(out, "e100"));
	last = strstr(out, "too many errors");
	assert_non_null(last);
	free(out);
	rt_ctx_release(&ctx);
}

static void test_diag_github(void **state)
{
	struct rt_ctx ctx;
	uint32_t id;
	struct src_span at;
	char *out;

	(void)state;
	rt_ctx_init(&ctx);
	id = src_add(&ctx, "a,b:c.mig", "x\ny\n", 4);
	at.file = id;
	at.start = 2;
	at.end = 3;
	diag_error(&ctx, at, "100%% bad\nreally");
	out = flush_to_string(&ctx, true);
	assert_string_equal(out,
		"::error file=a%2Cb%3Ac.mig,line=2,col=1::100%25 bad%0Areally\n");
	free(out);
	rt_ctx_release(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_caret_and_tilde),
		cmocka_unit_test(test_diag_tabs_and_utf8),
		cmocka_unit_test(test_diag_quiet_drops_warnings),
		cmocka_unit_test(test_diag_cap),
		cmocka_unit_test(test_diag_github),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
