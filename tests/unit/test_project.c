/*
 * test_project.c: loading a project on several threads gives what one
 * thread gives: the same files, revisions and trees, and the same
 * diagnostics in the same order, down to where the error cap stops.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alembic_py.h"
#include "project.h"
#include "util.h"

struct tree {
	char dir[64];
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * n files in dir/versions (every 7th in a subdirectory); bad_every > 0
 * makes every bad_every-th file hold two syntax errors and a bad
 * created date; every 5th uses a type that draws a warning.
 */
static void make_tree(struct tree *t, size_t n, size_t bad_every)
{
	char path[256];
	size_t i;

	snprintf(t->dir, sizeof(t->dir), "/tmp/retort-test-project-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(path, sizeof(path), "%s/versions", t->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/versions/sub", t->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	for (i = 0; i < n; i++) {
		char text[512], dep[64] = "";
		bool bad = bad_every && i % bad_every == 0;

		if (i)
			snprintf(dep, sizeof(dep), "depends r%zu\n%s", i - 1,
				 bad ? "created 'yesterday'\n" : "");
		snprintf(text, sizeof(text),
			 "revision r%zu\nmessage 'step %zu'\n%s%s"
			 "up {\n    create table t%zu (id integer, x %s);\n"
			 "%s}\n%s", i, i, dep, i % 10 ? "" : "label l\n",
			 i, i % 5 ? "text" : "citext",
			 bad ? "    create table ;\n    drop index ;\n" : "",
			 i % 3 ? "down {\n    drop table t0;\n}\n" : "");
		snprintf(path, sizeof(path), "%s/versions/%s%04zu_r%zu.mig",
			 t->dir, i % 7 ? "" : "sub/", i, i);
		write_file(path, text);
	}
}

static void remove_tree(struct tree *t)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

/* Everything a load gives, as text: its result, the diagnostics, and
 * every revision's id and up block (headers: loaded with headers_only,
 * and its id, clauses and blocks without statements). */
static char *load_text_as(const struct tree *t, unsigned nthreads,
			  bool headers)
{
	struct rt_ctx ctx;
	struct project *p = NULL;
	struct strbuf sb;
	char versions[128], *diags = NULL;
	size_t n = 0, i;
	FILE *mem;
	int rc;

	rt_ctx_init(&ctx);
	ctx.headers_only = headers;
	snprintf(versions, sizeof(versions), "%s/versions", t->dir);
	rc = project_load_threads(&ctx, versions, nthreads, &p);
	strbuf_init(&sb);
	strbuf_addf(&sb, "rc %d, %zu files, %zu revisions, %u errors, "
		    "%u warnings\n", rc, p->nfiles, p->nrevs,
		    ctx.diags.errors, ctx.diags.warnings);
	for (i = 0; i < p->nfiles; i++) {
		const struct ast_revision *r;

		strbuf_addf(&sb, "%s:", src_get(&ctx, p->files[i]->file)->path);
		for (r = p->files[i]->revs; r; r = r->next) {
			const struct ast_node *c;

			strbuf_addch(&sb, ' ');
			if (r->id)
				ast_dump(&sb, r->id);
			for (c = r->clauses.head; c; c = c->next)
				ast_dump(&sb, c);
			strbuf_addf(&sb, " %s %s %s %d%d%d%d%d",
				    r->message ? r->message : "-",
				    r->created ? r->created : "-",
				    r->transactional ? "t" : "f",
				    r->depends != NULL, r->requires != NULL,
				    r->labels != NULL, r->up != NULL,
				    r->down != NULL);
			if (r->up && !headers)
				ast_dump(&sb, r->up);
		}
		strbuf_addch(&sb, '\n');
	}
	mem = open_memstream(&diags, &n);
	assert_non_null(mem);
	diag_flush(&ctx, mem);
	fclose(mem);
	strbuf_addstr(&sb, diags);
	free(diags);
	rt_ctx_release(&ctx);
	return strbuf_detach(&sb, NULL);
}

static char *load_text(const struct tree *t, unsigned nthreads)
{
	return load_text_as(t, nthreads, false);
}

/* The headers of a full load as text, as load_text_as(.., true) says. */
static char *headers_of_full(const struct tree *t)
{
	char *full = load_text(t, 1), *p = full, *q = full;

	/* Drop each "(up ...)" dump: up to the end of its line. */
	while (*p) {
		if (strncmp(p, "(up", 3) == 0) {
			p += strcspn(p, "\n");
			continue;
		}
		*q++ = *p++;
	}
	*q = '\0';
	return full;
}

static void same_for_any_threads(size_t nfiles, size_t bad_every,
				 const char *want_first_line)
{
	static const unsigned threads[] = { 2, 3, 8, 0 };
	struct tree t;
	char *one, *headers;
	size_t i;

	make_tree(&t, nfiles, bad_every);
	one = load_text(&t, 1);
	assert_true(strncmp(one, want_first_line, strlen(want_first_line)) == 0);
	for (i = 0; i < ARRAY_SIZE(threads); i++) {
		char *more = load_text(&t, threads[i]);

		assert_string_equal(more, one);
		free(more);
	}
	/* Loading headers only gives the same headers and diagnostics. */
	headers = headers_of_full(&t);
	for (i = 0; i < ARRAY_SIZE(threads); i++) {
		char *more = load_text_as(&t, threads[i], true);

		assert_string_equal(more, headers);
		free(more);
	}
	free(headers);
	free(one);
	remove_tree(&t);
}

static void test_project_threads_clean(void **state)
{
	(void)state;
	same_for_any_threads(300, 0, "rc 0, 300 files, 300 revisions, "
			     "0 errors, 60 warnings\n");
}

static void test_project_threads_errors(void **state)
{
	(void)state;
	same_for_any_threads(300, 29, "rc 1, 300 files, 300 revisions, "
			     "32 errors, 60 warnings\n");
}

/* 3 errors in each of 100 files: the cap stops in the 34th of them,
 * the 134th file, as it does on one thread. */
static void test_project_threads_error_cap(void **state)
{
	(void)state;
	same_for_any_threads(400, 4, "rc 1, 134 files, 134 revisions, "
			     "102 errors, 27 warnings\n");
}

/* The Create Date line of an Alembic docstring: offsets applied, and a
 * line cut short anywhere is no date (and is not read past its end). */
static void test_alembic_create_date(void **state)
{
	static const char *const cut[] = {
		"Create Date: 2024-01-01 09:00:00.00000-",
		"Create Date: 2024-01-01 09:00:00+0",
		"Create Date: 2024-01-01 09:00:00+05:",
		"Create Date: 2024-01-01 09:00:00+05:3",
		"Create Date: 2024-01-01 09:00",
	};
	char buf[20];
	size_t i;

	(void)state;
	assert_true(alembic_py_create_date("x\nCreate Date: 2024-03-01 "
					   "12:00:00.000000+05:30\n", buf));
	assert_string_equal(buf, "2024-03-01 06:30:00");
	assert_true(alembic_py_create_date("Create Date: 2024-01-01 "
					   "23:30:00-0100", buf));
	assert_string_equal(buf, "2024-01-02 00:30:00");
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		/* An exact-size copy, so ASan sees a read past its end. */
		size_t n = strlen(cut[i]) + 1;
		char *doc = xmalloc(n);

		memcpy(doc, cut[i], n);
		assert_false(alembic_py_create_date(doc, buf));
		free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alembic_create_date),
		cmocka_unit_test(test_project_threads_clean),
		cmocka_unit_test(test_project_threads_errors),
		cmocka_unit_test(test_project_threads_error_cap),
	};

	return cmocka_run_group_tests_name("project", tests, NULL, NULL);
}
