/*
 * test_graph.c: the revision graph (order, heads, every graph error with
 * its position) and target resolution, on projects written inline.
 */
#include "testutil.h"

#include "graph.h"
#include "plan.h"
#include "project.h"
#include "target.h"

struct gtest {
	struct tparse t;
	struct project p;
	struct ast_file *files[1];
	struct graph *g;
	int errors;
	char *diags;
};

static void gbuild(struct gtest *gt, const char *src)
{
	FILE *mem;
	size_t n = 0;

	tparse_run(&gt->t, src);
	assert_int_equal(gt->t.errors, 0);
	memset(&gt->p, 0, sizeof(gt->p));
	gt->files[0] = gt->t.file;
	gt->p.files = gt->files;
	gt->p.nfiles = 1;
	gt->p.nrevs = gt->t.file->nrevs;
	gt->errors = graph_build(&gt->t.ctx, &gt->p, &gt->g);
	mem = open_memstream(&gt->diags, &n);
	assert_non_null(mem);
	diag_flush(&gt->t.ctx, mem);
	fclose(mem);
}

static void gfree(struct gtest *gt)
{
	graph_free(gt->g);
	free(gt->diags);
	tparse_free(&gt->t);
}

/* The ids of the graph in upgrade order, space-separated. */
static void order_is(struct gtest *gt, const char *want)
{
	char buf[512] = "";
	size_t i;

	assert_non_null(gt->g);
	for (i = 0; i < gt->g->n; i++) {
		strcat(buf, gt->g->revs[i]->id);
		strcat(buf, i + 1 < gt->g->n ? " " : "");
	}
	assert_string_equal(buf, want);
}

static void first_line_is(struct gtest *gt, const char *want)
{
	size_t n = strcspn(gt->diags, "\n");
	char *first = strndup(gt->diags, n);

	assert_non_null(first);
	assert_string_equal(first, want);
	free(first);
}

static void test_graph_order_created_then_id(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision b created '2024-01-02 00:00:00' up {}\n"
		    "revision a created '2024-01-03 00:00:00' up {}\n"
		    "revision c up {}\n"
		    "revision z depends a up {}\n"
		    "revision y depends b created '2024-01-09 00:00:00' up {}\n");
	assert_int_equal(gt.errors, 0);
	/* c has no created: oldest.  Then b, then a; y waits for b only. */
	order_is(&gt, "c b a z y");
	gfree(&gt);
}

static void test_graph_duplicate_id(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a up {}\nrevision a up {}\n");
	assert_int_equal(gt.errors, 1);
	first_line_is(&gt, "t.mig:2:10: error: revision id \"a\" is also used "
		      "in t.mig");
	assert_non_null(strstr(gt.diags, "t.mig:1:10: note: revision \"a\" is "
			       "first defined here"));
	gfree(&gt);
}

static void test_graph_unknown_depends_did_you_mean(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision abc123 up {}\nrevision b depends abc124 up {}\n");
	first_line_is(&gt, "t.mig:2:20: error: unknown revision \"abc124\" in "
		      "depends");
	assert_non_null(strstr(gt.diags, "note: did you mean \"abc123\"?"));
	gfree(&gt);
	gbuild(&gt, "revision abc123 up {}\nrevision b requires zz up {}\n");
	first_line_is(&gt, "t.mig:2:21: error: unknown revision \"zz\" in "
		      "requires");
	assert_null(strstr(gt.diags, "did you mean"));
	gfree(&gt);
}

static void test_graph_self_loop(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a depends a up {}\n");
	first_line_is(&gt, "t.mig:1:20: error: revision \"a\" depends on itself");
	gfree(&gt);
}

static void test_graph_cycle(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision r up {}\n"
		    "revision x depends z up {}\n"
		    "revision y depends x up {}\n"
		    "revision z requires y up {}\n");
	assert_int_equal(gt.errors, 1);
	first_line_is(&gt, "t.mig:2:20: error: dependency cycle: x -> z -> y "
		      "-> x (each depends on or requires the next)");
	assert_non_null(strstr(gt.diags, "t.mig:2:20: note: \"x\" depends on "
			       "\"z\" here\nt.mig:4:21: note: \"z\" requires "
			       "\"y\" here\nt.mig:3:20: note: \"y\" depends on "
			       "\"x\" here\n"));
	gfree(&gt);
}

static void test_graph_labels(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a label l up {}\nrevision b label l up {}\n");
	first_line_is(&gt, "t.mig:2:18: error: label \"l\" is already used by "
		      "revision \"a\"");
	gfree(&gt);
	gbuild(&gt, "revision a label b up {}\nrevision b up {}\n");
	first_line_is(&gt, "t.mig:1:18: error: label \"b\" is also a revision "
		      "id");
	gfree(&gt);
}

static void test_graph_requires_label_means_branch_head(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a label audit up {}\nrevision b depends a up {}\n"
		    "revision c requires audit up {}\n");
	assert_int_equal(gt.errors, 0);
	assert_string_equal(graph_find(gt.g, &gt.t.ctx, "c")->deps[0]->id, "b");
	/* b is required: an effective head, not a head to merge. */
	assert_true(graph_find(gt.g, &gt.t.ctx, "b")->effective_head);
	assert_int_equal(gt.g->nheads, 1);
	assert_string_equal(gt.g->heads[0]->id, "c");
	gfree(&gt);
	gbuild(&gt, "revision a label audit up {}\nrevision b depends a up {}\n"
		    "revision b2 depends a up {}\nrevision c requires audit up {}\n");
	first_line_is(&gt, "t.mig:4:21: error: label \"audit\" stands for a "
		      "branch with 2 heads");
	gfree(&gt);
}

/* The rows after upgrading every revision in order, then downgrading
 * the last ndown of them, as "id id ..." in row order. */
static void rows_after(struct gtest *gt, size_t ndown, const char *want)
{
	struct target base = { NULL, 0, NULL };
	struct planner *pl = planner_new(&gt->t.ctx, gt->g, &base);
	struct vt_rows rows;
	struct step st;
	char buf[256] = "";
	size_t i;

	for (i = 0; i < gt->g->n; i++)
		planner_step(pl, gt->g->revs[i], false, &st);
	for (i = 0; i < ndown; i++)
		planner_step(pl, gt->g->revs[gt->g->n - 1 - i], true, &st);
	planner_rows(pl, &rows);
	for (i = 0; i < rows.n; i++) {
		strcat(buf, rows.v[i]->id);
		strcat(buf, i + 1 < rows.n ? " " : "");
	}
	planner_free(pl);
	assert_string_equal(buf, want);
}

/* A dependency another implies is a warning, and the version table
 * leaves it out: un-merging m gives back b alone, not b and a. */
static void test_graph_redundant_dependency(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a up {}\nrevision b depends a up {}\n"
		    "revision m depends a, b up {}\n");
	assert_int_equal(gt.errors, 0);
	assert_int_equal(gt.t.ctx.diags.warnings, 1);
	assert_string_equal(gt.diags,
		"t.mig:3:20: warning: dependency \"a\" is redundant: it is "
		"already an ancestor of \"b\"\n"
		"revision m depends a, b up {}\n"
		"                   ^\n"
		"t.mig:3:20: note: Alembic keeps it, and a downgrade of \"m\" "
		"leaves \"a\" in alembic_version beside its descendant \"b\"; "
		"retort leaves it out of the version table's statements\n");
	rows_after(&gt, 0, "m");
	rows_after(&gt, 1, "b");
	rows_after(&gt, 3, "");
	gfree(&gt);
	gbuild(&gt, "revision a up {}\nrevision b depends a up {}\n"
		    "revision x up {}\nrevision m depends b, x requires a up {}\n");
	first_line_is(&gt, "t.mig:4:34: warning: dependency \"a\" is redundant: "
		      "it is already an ancestor of \"b\"");
	assert_int_equal(gt.errors, 0);
	rows_after(&gt, 1, "b x");
	gfree(&gt);
	gbuild(&gt, "revision a up {}\nrevision m depends a requires a up {}\n");
	first_line_is(&gt, "t.mig:2:31: warning: \"a\" is listed in both "
		      "depends and requires");
	assert_int_equal(gt.errors, 0);
	rows_after(&gt, 0, "m");
	rows_after(&gt, 1, "a");
	gfree(&gt);
}

static void test_graph_heads_warning(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, "revision a up {}\nrevision b depends a up {}\n"
		    "revision c depends a up {}\n");
	assert_int_equal(gt.errors, 0);
	assert_int_equal(gt.t.ctx.diags.warnings, 1);
	assert_string_equal(gt.diags,
		"retort: warning: the project has 2 heads; a merge revision "
		"joins them\n"
		"t.mig:2:10: note: head \"b\"\n"
		"t.mig:3:10: note: head \"c\"\n");
	assert_true(graph_is_ancestor(gt.g, graph_find(gt.g, &gt.t.ctx, "a"),
				      graph_find(gt.g, &gt.t.ctx, "c")));
	assert_false(graph_is_ancestor(gt.g, graph_find(gt.g, &gt.t.ctx, "b"),
				       graph_find(gt.g, &gt.t.ctx, "c")));
	gfree(&gt);
}

/* Resolve text from start; the result's ids, or "error: message". */
static void target_is(struct gtest *gt, const char *start, const char *text,
		      const char *want)
{
	struct target st, out;
	const char *err = NULL;
	char buf[512] = "";
	size_t i;

	if (start)
		assert_int_equal(target_resolve(&gt->t.ctx, gt->g, start, NULL,
						&st, &err), 0);
	if (target_resolve(&gt->t.ctx, gt->g, text, start ? &st : NULL, &out,
			   &err) != 0) {
		snprintf(buf, sizeof(buf), "error: %s", err);
	} else {
		for (i = 0; i < out.n; i++) {
			strcat(buf, out.revs[i]->id);
			strcat(buf, i + 1 < out.n ? " " : "");
		}
		if (out.branch)
			snprintf(buf, sizeof(buf), "%s@base", out.branch->id);
		if (!buf[0])
			strcpy(buf, "base");
	}
	assert_string_equal(buf, want);
}

#define BRANCHED \
	"revision a1 created '2024-01-01 00:00:00' up {}\n" \
	"revision b1 depends a1 created '2024-01-02 00:00:00' up {}\n" \
	"revision c1 depends b1 created '2024-01-03 00:00:00' up {}\n" \
	"revision c2 depends b1 created '2024-01-03 00:00:01' up {}\n" \
	"revision m1 depends c1, c2 created '2024-01-04 00:00:00' up {}\n" \
	"revision d1 depends m1 created '2024-01-05 00:00:00' up {}\n" \
	"revision x1 label audit created '2024-01-01 00:00:00' up {}\n" \
	"revision x2 depends x1 requires b1 created '2024-01-06 00:00:00' up {}\n"

static void test_graph_targets(void **state)
{
	struct gtest gt;

	(void)state;
	gbuild(&gt, BRANCHED);
	assert_int_equal(gt.errors, 0);
	order_is(&gt, "a1 x1 b1 c1 c2 m1 d1 x2");
	target_is(&gt, NULL, "base", "base");
	target_is(&gt, NULL, "heads", "d1 x2");
	target_is(&gt, NULL, "head", "error: \"head\" is ambiguous: the project "
		  "has 2 heads (d1, x2); name one, or use \"heads\"");
	target_is(&gt, NULL, "c", "error: revision prefix \"c\" is ambiguous: "
		  "c1, c2");
	target_is(&gt, NULL, "m", "m1");
	target_is(&gt, NULL, "nope", "error: no revision \"nope\"");
	target_is(&gt, NULL, "audit@head", "x2");
	target_is(&gt, NULL, "audit@base", "x1@base");
	target_is(&gt, NULL, "audit@x2", "x2");
	target_is(&gt, NULL, "audit@d1", "error: \"d1\" is not on branch \"audit\"");
	target_is(&gt, NULL, "b1@head", "error: the line from \"b1\" forks at "
		  "\"b1\": name one of its heads");
	target_is(&gt, NULL, "c1@head", "d1");
	target_is(&gt, NULL, "d1-1", "m1");
	target_is(&gt, NULL, "d1-2", "error: cannot step back through merge "
		  "point \"m1\" (name the revision to go to: c1 or c2)");
	target_is(&gt, NULL, "b1-2", "base");
	target_is(&gt, NULL, "b1-3", "error: \"b1\" is only 2 steps above base");
	target_is(&gt, NULL, "a1+1", "b1");
	target_is(&gt, NULL, "a1+2", "error: cannot step forward through branch "
		  "point \"b1\"");
	target_is(&gt, "d1", "-1", "m1");
	target_is(&gt, "d1,x2", "-1", "error: -1 is ambiguous from 2 revisions");
	target_is(&gt, NULL, "+1", "error: several roots: name one, as ID or "
		  "LABEL@+N");
	target_is(&gt, NULL, "audit@+1", "x1");
	target_is(&gt, "x1", "audit@+1", "x2");
	target_is(&gt, NULL, "x2,d1,x2", "d1 x2");
	target_is(&gt, NULL, "d1+x", "error: bad step count in \"d1+x\"");
	target_is(&gt, NULL, "audit@head-x", "error: bad step count in "
		  "\"audit@head-x\"");
	target_is(&gt, NULL, "audit@+x", "error: bad step count in \"audit@+x\"");
	target_is(&gt, NULL, "audit@heads", "x2");
	target_is(&gt, NULL, "audit@head-1", "x1");
	gfree(&gt);
}

static void test_graph_ranges(void **state)
{
	struct gtest gt;
	struct target from, to;
	const char *err = NULL;

	(void)state;
	gbuild(&gt, BRANCHED);
	assert_int_equal(target_range(&gt.t.ctx, gt.g, "d1", "base", &from, &to,
				      &err), 0);
	assert_int_equal(from.n, 0);
	assert_string_equal(to.revs[0]->id, "d1");
	assert_int_equal(target_range(&gt.t.ctx, gt.g, "d1:-1", NULL, &from,
				      &to, &err), 0);
	assert_string_equal(to.revs[0]->id, "m1");
	assert_int_equal(target_range(&gt.t.ctx, gt.g, "-1", NULL, &from, &to,
				      &err), -1);
	assert_string_equal(err, "\"-1\" needs a starting point: FROM:TO");
	assert_int_equal(target_range(&gt.t.ctx, gt.g, "a:b:c", "base", &from,
				      &to, &err), -1);
	assert_string_equal(err, "bad range \"a:b:c\"");
	gfree(&gt);
}

static struct rev *rdag_rev(struct gtest *gt, size_t i)
{
	char id[16];

	snprintf(id, sizeof(id), "r%zu", i);
	return graph_find(gt->g, &gt->t.ctx, id);
}

/* graph_is_ancestor against the naive closure, every pair, on random
 * graphs of every shape the generator makes. */
static void test_graph_ancestor_random(void **state)
{
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		struct rdag d;
		struct gtest gt;
		size_t a, b, n = 20 + seed * 7;

		rdag_make(&d, n, seed * 2654435761u);
		gbuild(&gt, d.text);
		assert_int_equal(gt.errors, 0);
		for (a = 0; a < n; a++) {
			for (b = 0; b < n; b++) {
				if (a == b)
					continue;
				if (graph_is_ancestor(gt.g, rdag_rev(&gt, a),
						      rdag_rev(&gt, b)) !=
				    (d.anc[b * n + a] != 0))
					fail_msg("seed %u: r%zu ancestor of r%zu",
						 seed, a, b);
			}
		}
		gfree(&gt);
		rdag_free(&d);
	}
}

/* graph_first_ancestor against the naive closure on random sets. */
static void test_graph_first_ancestor_random(void **state)
{
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 20; seed++) {
		struct rdag d;
		struct gtest gt;
		size_t n = 60, t;

		rdag_make(&d, n, seed * 40503u);
		gbuild(&gt, d.text);
		for (t = 0; t < 50; t++) {
			struct rev *v[8];
			size_t idx[8], k = 2 + rdag_rand(&seed) % 7, i, j;
			size_t want = k, want_of = 0, of = 0, got;

			for (i = 0; i < k; i++) {
				do {
					idx[i] = rdag_rand(&seed) % n;
					for (j = 0; j < i && idx[j] != idx[i]; j++)
						;
				} while (j < i);
				v[i] = rdag_rev(&gt, idx[i]);
			}
			for (i = 0; i < k && want == k; i++) {
				for (j = 0; j < k; j++) {
					if (d.anc[idx[j] * n + idx[i]]) {
						want = i;
						want_of = j;
						break;
					}
				}
			}
			got = graph_first_ancestor(gt.g, v, k, &of);
			assert_int_equal(got, want);
			if (want < k)
				assert_int_equal(of, want_of);
		}
		gfree(&gt);
		rdag_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graph_order_created_then_id),
		cmocka_unit_test(test_graph_duplicate_id),
		cmocka_unit_test(test_graph_unknown_depends_did_you_mean),
		cmocka_unit_test(test_graph_self_loop),
		cmocka_unit_test(test_graph_cycle),
		cmocka_unit_test(test_graph_labels),
		cmocka_unit_test(test_graph_requires_label_means_branch_head),
		cmocka_unit_test(test_graph_redundant_dependency),
		cmocka_unit_test(test_graph_heads_warning),
		cmocka_unit_test(test_graph_targets),
		cmocka_unit_test(test_graph_ranges),
		cmocka_unit_test(test_graph_ancestor_random),
		cmocka_unit_test(test_graph_first_ancestor_random),
	};

	return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
