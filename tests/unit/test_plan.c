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
	struct planner *pl;
	struct vt_rows ours;
	struct step st;
	size_t n, i;
	FILE *in;
	bool started = false;

	snprintf(path, sizeof(path), REF "%s", ref);
	in = fopen(path, "r");
	assert_non_null(in);
	resolve(f, from_text, &from);
	n = target_rows(&f->ctx, f->g, &from, &rows);
	for (i = 0; i < n; i++)
		set_add(&alembic, rows[i]->id);
	pl = planner_new(&f->ctx, f->g, &from);
	*nran = 0;
	while (fgets(line, sizeof(line), in)) {
		bool up = strncmp(line, "-- Running upgrade ", 19) == 0;
		bool down = strncmp(line, "-- Running downgrade ", 21) == 0;

		if (up || down) {
			struct rev *r = running_rev(f, line, up);

			if (started) {
				set_string(&alembic, a, sizeof(a));
				planner_rows(pl, &ours);
				rows_string(&ours, b, sizeof(b));
				assert_string_equal(b, a);
			}
			started = true;
			assert_non_null(r);
			snprintf(ran[(*nran)++], 33, "%s", r->id);
			planner_step(pl, r, !up, &st);
			continue;
		}
		alembic_stmt(line, &alembic);
	}
	fclose(in);
	set_string(&alembic, a, sizeof(a));
	planner_rows(pl, &ours);
	rows_string(&ours, b, sizeof(b));
	assert_string_equal(b, a);
	snprintf(final, size, "%s", a);
	planner_free(pl);
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

/*
 * The planner against a naive HeadMaintainer (SQL.md's rules with
 * ancestors looked up in the naive closure) on random graphs: from a
 * random state, random steps up and down, comparing every statement and
 * the rows, in order, after every step.
 */
struct naive {
	const struct rdag *d;
	size_t rows[512];
	size_t nrows;
	bool applied[512];
	char ops[64];		/* the last step's statements, "I3 U1>4" */
};

static bool naive_has(const struct naive *nv, size_t r)
{
	size_t i;

	for (i = 0; i < nv->nrows; i++) {
		if (nv->rows[i] == r)
			return true;
	}
	return false;
}

/* Is d an ancestor of a row other than skip (SIZE_MAX: none)? */
static bool naive_under(const struct naive *nv, size_t d, size_t skip)
{
	size_t i;

	for (i = 0; i < nv->nrows; i++) {
		size_t x = nv->rows[i];

		if (x != skip && x != d && nv->d->anc[x * nv->d->n + d])
			return true;
	}
	return false;
}

static void naive_op(struct naive *nv, char op, size_t from, size_t to)
{
	size_t i, len = strlen(nv->ops);

	if (from != SIZE_MAX) {
		for (i = 0; nv->rows[i] != from; i++)
			;
		memmove(nv->rows + i, nv->rows + i + 1,
			(nv->nrows - i - 1) * sizeof(*nv->rows));
		nv->nrows--;
	}
	if (to != SIZE_MAX)
		nv->rows[nv->nrows++] = to;
	snprintf(nv->ops + len, sizeof(nv->ops) - len, "%c%zu>%zu ", op,
		 from == SIZE_MAX ? 0 : from, to == SIZE_MAX ? 0 : to);
}

static void naive_step(struct naive *nv, size_t r, bool down)
{
	const struct rdag *d = nv->d;
	size_t keep[RDAG_MAX_DEPS], n = 0, i, k;

	nv->ops[0] = '\0';
	for (k = 0; k < d->ndeps[r]; k++) {
		size_t x = d->deps[r][k];

		if (down ? !naive_has(nv, x) && !naive_under(nv, x, r)
			 : naive_has(nv, x) && !naive_under(nv, x, SIZE_MAX))
			keep[n++] = x;
	}
	if (!down) {
		if (n == 0)
			naive_op(nv, 'I', SIZE_MAX, r);
		for (i = 0; i + 1 < n; i++)
			naive_op(nv, 'D', keep[i], SIZE_MAX);
		if (n)
			naive_op(nv, 'U', keep[n - 1], r);
	} else {
		for (i = 0; i + 1 < n; i++)
			naive_op(nv, 'I', SIZE_MAX, keep[i]);
		if (n)
			naive_op(nv, 'U', r, keep[n - 1]);
		else
			naive_op(nv, 'D', r, SIZE_MAX);
	}
	nv->applied[r] = !down;
}

static size_t rev_index(const struct rev *r)
{
	return (size_t)strtoul(r->id + 1, NULL, 10);
}

static void ours_ops(const struct step *st, char *out, size_t size)
{
	static const char letter[] = { [VT_INSERT] = 'I', [VT_UPDATE] = 'U',
				       [VT_DELETE] = 'D' };
	size_t i, len;

	out[0] = '\0';
	for (i = 0; i < st->nstmts; i++) {
		const struct vt_stmt *s = &st->stmts[i];

		len = strlen(out);
		snprintf(out + len, size - len, "%c%zu>%zu ", letter[s->op],
			 s->from ? rev_index(s->from) : 0,
			 s->to ? rev_index(s->to) : 0);
	}
}

static void rows_match(struct planner *pl, const struct naive *nv,
		       uint32_t seed)
{
	struct vt_rows ours;
	size_t i;

	planner_rows(pl, &ours);
	if (ours.n != nv->nrows)
		fail_msg("seed %u: %zu rows, naive %zu", seed, ours.n,
			 nv->nrows);
	for (i = 0; i < ours.n; i++) {
		if (rev_index(ours.v[i]) != nv->rows[i])
			fail_msg("seed %u: row %zu is r%zu, naive r%zu", seed,
				 i, rev_index(ours.v[i]), nv->rows[i]);
	}
}

/* A revision the walk may run next (up or down), or SIZE_MAX. */
static size_t pick_step(const struct naive *nv, uint32_t *seed, bool *down)
{
	const struct rdag *d = nv->d;
	size_t tries, k, j;

	for (tries = 0; tries < 200; tries++) {
		size_t r = rdag_rand(seed) % d->n;
		bool ok = true;

		*down = nv->applied[r];
		for (k = 0; k < d->ndeps[r] && !*down; k++)
			ok = ok && nv->applied[d->deps[r][k]];
		for (j = 0; j < d->n && *down; j++) {
			for (k = 0; k < d->ndeps[j]; k++)
				ok = ok && !(nv->applied[j] &&
					     d->deps[j][k] == r);
		}
		if (ok)
			return r;
	}
	return SIZE_MAX;
}

static void test_plan_planner_random(void **state)
{
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 30; seed++) {
		struct rdag d;
		struct tparse t;
		struct project p = { 0 };
		struct ast_file *files[1];
		struct graph *g;
		struct naive nv = { 0 };
		struct target from;
		struct planner *pl;
		char id[16], ours[64];
		size_t n = 40 + seed * 3, i, k, step;
		uint32_t s = seed;

		rdag_make(&d, n, seed * 97u);
		tparse_run(&t, d.text);
		files[0] = t.file;
		p.files = files;
		p.nfiles = 1;
		assert_int_equal(graph_build(&t.ctx, &p, &g), 0);
		/* The start: a random revision, and all it needs. */
		snprintf(id, sizeof(id), "r%u", rdag_rand(&s) % (uint32_t)n);
		assert_int_equal(target_resolve(&t.ctx, g, id, NULL, &from,
						&(const char *){ NULL }), 0);
		nv.d = &d;
		for (i = 0; i < g->n; i++) {
			size_t x = rev_index(g->revs[i]);

			nv.applied[x] = x == rev_index(from.revs[0]) ||
					d.anc[rev_index(from.revs[0]) * n + x];
		}
		for (i = 0; i < g->n; i++) {
			size_t x = rev_index(g->revs[i]);
			bool needed = false;

			for (k = 0; k < n && !needed; k++)
				needed = nv.applied[k] && d.anc[k * n + x];
			if (nv.applied[x] && !needed)
				nv.rows[nv.nrows++] = x;
		}
		pl = planner_new(&t.ctx, g, &from);
		rows_match(pl, &nv, seed);
		for (step = 0; step < 300; step++) {
			struct step st;
			bool down;
			size_t r = pick_step(&nv, &s, &down);

			if (r == SIZE_MAX)
				break;
			snprintf(id, sizeof(id), "r%zu", r);
			planner_step(pl, graph_find(g, &t.ctx, id), down, &st);
			naive_step(&nv, r, down);
			ours_ops(&st, ours, sizeof(ours));
			if (strcmp(ours, nv.ops) != 0)
				fail_msg("seed %u, step %zu (r%zu %s): %s, naive %s",
					 seed, step, r, down ? "down" : "up",
					 ours, nv.ops);
			rows_match(pl, &nv, seed);
		}
		planner_free(pl);
		graph_free(g);
		tparse_free(&t);
		rdag_free(&d);
	}
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
		cmocka_unit_test(test_plan_planner_random),
	};

	return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
