/*
 * test_plan.c: plans and version-table statements against Alembic's own
 * output (tests/alembic-reference/): fed Alembic's order of steps, our
 * statements leave the same rows after every step; in our own order, the
 * same revisions run and the same rows remain.
 */
#include "testutil.h"

#include "graph.h"
#include "plan.h"
#include "project.h"
#include "target.h"
#include "util.h"

#define REF "tests/alembic-reference/"
#define MAX_ROWS 16

struct fixture {
	struct rt_ctx ctx;
	struct project *p;
	struct graph *g;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	rt_ctx_init(&f->ctx);
	if (project_load(&f->ctx, "samples/branched/versions", &f->p) != 0 ||
	    graph_build(&f->ctx, f->p, &f->g) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	graph_free(f->g);
	rt_ctx_release(&f->ctx);
	free(f);
	return 0;
}

/* A set of row ids as one sorted, space-separated string. */
struct rowset {
	char v[MAX_ROWS][33];
	size_t n;
};

static void set_add(struct rowset *s, const char *id)
{
	assert_true(s->n < MAX_ROWS);
	snprintf(s->v[s->n++], sizeof(s->v[0]), "%s", id);
}

static void set_del(struct rowset *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], id) == 0) {
			memmove(s->v[i], s->v[i + 1],
				(s->n - i - 1) * sizeof(s->v[0]));
			s->n--;
			return;
		}
	}
	fail_msg("row %s is not in the table", id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void set_string(struct rowset *s, char *out, size_t size)
{
	size_t i;

	qsort(s->v, s->n, sizeof(s->v[0]), cmp_str);
	out[0] = '\0';
	for (i = 0; i < s->n; i++) {
		strncat(out, s->v[i], size - strlen(out) - 1);
		strncat(out, " ", size - strlen(out) - 1);
	}
}

static void rows_string(const struct vt_rows *r, char *out, size_t size)
{
	struct rowset s = { .n = 0 };
	size_t i;

	for (i = 0; i < r->n; i++)
		set_add(&s, r->v[i]->id);
	set_string(&s, out, size);
}

/* The id between the first pair of quotes after key in line. */
static void quoted_after(const char *line, const char *key, char *out)
{
	const char *p = strstr(line, key);

	assert_non_null(p);
	p = strchr(p + strlen(key), '\'');
	assert_non_null(p);
	sscanf(p + 1, "%32[0-9a-f]", out);
}

/* Apply one Alembic statement line to s; false if it is none. */
static bool alembic_stmt(const char *line, struct rowset *s)
{
	char a[33], b[33];

	if (strncmp(line, "INSERT INTO alembic_version", 27) == 0) {
		quoted_after(line, "VALUES", a);
		set_add(s, a);
	} else if (strncmp(line, "UPDATE alembic_version", 22) == 0) {
		quoted_after(line, "version_num=", b);
		quoted_after(line, "WHERE", a);
		set_del(s, a);
		set_add(s, b);
	} else if (strncmp(line, "DELETE FROM alembic_version", 27) == 0) {
		quoted_after(line, "WHERE", a);
		set_del(s, a);
	} else {
		return false;
	}
	return true;
}

/* The revision a "-- Running upgrade/downgrade" line runs. */
static struct rev *running_rev(struct fixture *f, const char *line, bool up)
{
	char id[33] = "";
	const char *arrow = strstr(line, "-> ");

	assert_non_null(arrow);
	if (up)
		sscanf(arrow + 3, "%32[0-9a-f]", id);
	else
		sscanf(line + strlen("-- Running downgrade "), "%32[0-9a-f]", id);
	return graph_find(f->g, &f->ctx, id);
}

static void resolve(struct fixture *f, const char *text, struct target *t)
{
	const char *err = NULL;

	if (target_resolve(&f->ctx, f->g, text, NULL, t, &err) != 0)
		fail_msg("target %s: %s", text, err);
}

/*
 * Replay ref (Alembic's script for FROM:TO) step by step beside ours fed
 * the same revision, comparing rows after every step; return the final
 * rows and the revisions Alembic ran (in its order) through the outs.
 */
static void replay(struct fixture *f, const char *ref, const char *from_text,
		   char *final, size_t size, char ran[][33], size_t *nran)
{
	char path[256], line[512], a[512], b[512];
	struct target from;
	struct rev **rows;
	struct rowset alembic = { .n = 0 };
	struct vt_rows ours = { NULL, 0, 0 };
	struct step st;
	size_t n, i;
	FILE *in;
	bool started = false;

	snprintf(path, sizeof(path), REF "%s", ref);
	in = fopen(path, "r");
	assert_non_null(in);
	resolve(f, from_text, &from);
	n = target_rows(&f->ctx, f->g, &from, &rows);
	for (i = 0; i < n; i++) {
		set_add(&alembic, rows[i]->id);
		ours.v = xgrow(ours.v, &ours.cap, ours.n + 1, sizeof(*ours.v));
		ours.v[ours.n++] = rows[i];
	}
	*nran = 0;
	while (fgets(line, sizeof(line), in)) {
		bool up = strncmp(line, "-- Running upgrade ", 19) == 0;
		bool down = strncmp(line, "-- Running downgrade ", 21) == 0;

		if (up || down) {
			struct rev *r = running_rev(f, line, up);

			if (started) {
				set_string(&alembic, a, sizeof(a));
				rows_string(&ours, b, sizeof(b));
				assert_string_equal(b, a);
			}
			started = true;
			assert_non_null(r);
			snprintf(ran[(*nran)++], 33, "%s", r->id);
			if (up)
				vt_upgrade(&f->ctx, f->g, &ours, r, &st);
			else
				vt_downgrade(&f->ctx, f->g, &ours, r, &st);
			continue;
		}
		alembic_stmt(line, &alembic);
	}
	fclose(in);
	set_string(&alembic, a, sizeof(a));
	rows_string(&ours, b, sizeof(b));
	assert_string_equal(b, a);
	snprintf(final, size, "%s", a);
	vt_rows_release(&ours);
}

/* Our own plan for the same range runs the same revisions (as a set) and
 * leaves the same rows. */
static void check_range(void **state, const char *ref, const char *from_text,
			const char *to_text, bool up)
{
	struct fixture *f = *state;
	char final[512], mine[512], ran[16][33];
	size_t nran, i, j;
	struct target from, to;
	struct plan *p = NULL;
	const char *err = NULL;

	replay(f, ref, from_text, final, sizeof(final), ran, &nran);
	resolve(f, from_text, &from);
	if (target_resolve(&f->ctx, f->g, to_text, &from, &to, &err) != 0)
		fail_msg("target %s: %s", to_text, err);
	if (up)
		assert_int_equal(plan_upgrade(&f->ctx, f->g, &from, &to, &p), 0);
	else
		assert_int_equal(plan_downgrade(&f->ctx, f->g, &from, &to, &p,
						&err), 0);
	rows_string(&p->after, mine, sizeof(mine));
	assert_string_equal(mine, final);
	assert_int_equal(p->n, nran);
	for (i = 0; i < p->n; i++) {
		for (j = 0; j < nran && strcmp(ran[j], p->steps[i].rev->id); j++)
			;
		if (j == nran)
			fail_msg("%s runs %s, which Alembic does not", ref,
				 p->steps[i].rev->id);
	}
}

#define A "a1b2c3d4e5f6"
#define B "b2c3d4e5f6a7"
#define C1 "c1d2e3f4a5b6"
#define D "d1e2f3a4b5c6"
#define M "d0e1f2a3b4c5"
#define X1 "e1f2a3b4c5d6"
#define X2 "e2f3a4b5c6d7"

static void test_plan_up_base_heads(void **s) { check_range(s, "pg__up_base-heads.sql", "base", "heads", true); }
static void test_plan_up_base_d(void **s) { check_range(s, "pg__up_base-D.sql", "base", D, true); }
static void test_plan_up_b_m(void **s) { check_range(s, "pg__up_B-M.sql", B, M, true); }
static void test_plan_up_c1_d(void **s) { check_range(s, "pg__up_C1-D.sql", C1, D, true); }
static void test_plan_up_d_heads(void **s) { check_range(s, "pg__up_D-heads.sql", D, "heads", true); }
static void test_plan_up_base_x2(void **s) { check_range(s, "pg__up_base-X2.sql", "base", X2, true); }
static void test_plan_up_x1_audit_head(void **s) { check_range(s, "pg__up_X1-audit@head.sql", X1, "audit@head", true); }
static void test_plan_down_m_b(void **s) { check_range(s, "pg__down_M-B.sql", M, B, false); }
static void test_plan_down_d_base(void **s) { check_range(s, "pg__down_D-base.sql", D, "base", false); }
static void test_plan_down_d_minus_1(void **s) { check_range(s, "pg__down_D--1.sql", D, "-1", false); }
static void test_plan_down_d_c1(void **s) { check_range(s, "pg__down_D-C1.sql", D, C1, false); }
static void test_plan_down_x2_base(void **s) { check_range(s, "pg__down_X2-base.sql", X2, "base", false); }

/* CLI.md: from D and X2, down to B undoes D, M, C1, C2 and keeps X2;
 * down to A also undoes X2, which requires B, and keeps X1. */
static void check_undone(struct fixture *f, const char *to_text,
			 const char *want_rows, size_t want_steps)
{
	struct target from, to;
	struct plan *p;
	const char *err = NULL;
	char rows[512];

	resolve(f, D "," X2, &from);
	resolve(f, to_text, &to);
	assert_int_equal(plan_downgrade(&f->ctx, f->g, &from, &to, &p, &err), 0);
	rows_string(&p->after, rows, sizeof(rows));
	assert_string_equal(rows, want_rows);
	assert_int_equal(p->n, want_steps);
}

static void test_plan_down_from_two_heads(void **state)
{
	struct fixture *f = *state;

	check_undone(f, B, X2 " ", 4);
	check_undone(f, A, A " " X1 " ", 6);
	check_undone(f, C1, C1 " " "c2d3e4f5a6b7 " X2 " ", 2);
	check_undone(f, "audit@base", D " ", 2);
	check_undone(f, "base", "", 8);
}

static void test_plan_stamp(void **state)
{
	struct fixture *f = *state;
	struct target from, to;
	struct plan *p;

	resolve(f, B, &from);
	resolve(f, D, &to);
	plan_stamp(&f->ctx, f->g, &from, &to, &p);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->steps[0].stmts[0].op, VT_UPDATE);
	resolve(f, "base", &from);
	resolve(f, "heads", &to);
	plan_stamp(&f->ctx, f->g, &from, &to, &p);
	assert_int_equal(p->n, 2);
	assert_int_equal(p->steps[0].stmts[0].op, VT_INSERT);
	assert_int_equal(p->steps[1].stmts[0].op, VT_INSERT);
	resolve(f, D, &from);
	resolve(f, "base", &to);
	plan_stamp(&f->ctx, f->g, &from, &to, &p);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->steps[0].stmts[0].op, VT_DELETE);
	assert_int_equal(p->after.n, 0);
}

/* Alembic's stamp script for FROM:TO, replayed: the rows it leaves and
 * its statements' kinds, in order ("IUD" letters). */
static void alembic_stamp(const char *ref, struct rowset *rows, char *ops)
{
	char path[256], line[512];
	FILE *in;

	snprintf(path, sizeof(path), REF "%s", ref);
	in = fopen(path, "r");
	assert_non_null(in);
	while (fgets(line, sizeof(line), in)) {
		if (alembic_stmt(line, rows))
			*ops++ = line[0];
	}
	*ops = '\0';
	fclose(in);
}

static void check_stamp(struct fixture *f, const char *ref,
			const char *from_text, const char *to_text)
{
	struct rowset theirs = { .n = 0 };
	struct target from, to;
	struct plan *p;
	struct rev **rows;
	char ops[64], mine[64] = "", a[512], b[512];
	size_t i, j, n;

	resolve(f, from_text, &from);
	resolve(f, to_text, &to);
	n = target_rows(&f->ctx, f->g, &from, &rows);
	for (i = 0; i < n; i++)
		set_add(&theirs, rows[i]->id);
	alembic_stamp(ref, &theirs, ops);
	assert_int_equal(plan_stamp(&f->ctx, f->g, &from, &to, &p), 0);
	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->steps[i].nstmts; j++) {
			enum vt_op op = p->steps[i].stmts[j].op;

			strcat(mine, op == VT_INSERT ? "I" : op == VT_UPDATE ?
			       "U" : "D");
		}
	}
	assert_string_equal(mine, ops);
	set_string(&theirs, a, sizeof(a));
	rows_string(&p->after, b, sizeof(b));
	assert_string_equal(b, a);
}

static void test_plan_stamp_like_alembic(void **state)
{
	struct fixture *f = *state;
	struct target from, to;
	struct plan *p;
	char rows[512];

	/* Across branches Alembic keeps the unrelated row. */
	resolve(f, C1, &from);
	resolve(f, X2, &to);
	assert_int_equal(plan_stamp(&f->ctx, f->g, &from, &to, &p), 0);
	rows_string(&p->after, rows, sizeof(rows));
	assert_string_equal(rows, C1 " " X2 " ");

	check_stamp(f, "pg__stamp_heads.sql", "base", "heads");
	check_stamp(f, "pg__stamp_B-D.sql", B, D);
	check_stamp(f, "pg__stamp_D-base.sql", D, "base");
}

static void test_plan_down_target_not_applied(void **state)
{
	struct fixture *f = *state;
	struct target from, to;
	struct plan *p;
	const char *err = NULL;

	resolve(f, C1, &from);
	resolve(f, D, &to);
	assert_int_equal(plan_downgrade(&f->ctx, f->g, &from, &to, &p, &err), -1);
	assert_string_equal(err, "\"" D "\" is not applied in the starting state");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_up_base_heads),
		cmocka_unit_test(test_plan_up_base_d),
		cmocka_unit_test(test_plan_up_b_m),
		cmocka_unit_test(test_plan_up_c1_d),
		cmocka_unit_test(test_plan_up_d_heads),
		cmocka_unit_test(test_plan_up_base_x2),
		cmocka_unit_test(test_plan_up_x1_audit_head),
		cmocka_unit_test(test_plan_down_m_b),
		cmocka_unit_test(test_plan_down_d_base),
		cmocka_unit_test(test_plan_down_d_minus_1),
		cmocka_unit_test(test_plan_down_d_c1),
		cmocka_unit_test(test_plan_down_x2_base),
		cmocka_unit_test(test_plan_down_from_two_heads),
		cmocka_unit_test(test_plan_stamp),
		cmocka_unit_test(test_plan_stamp_like_alembic),
		cmocka_unit_test(test_plan_down_target_not_applied),
	};

	return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
