/*
 * test_parser.c: the grammar (grammar/parser.y) and the per-file checks
 * (resolve.c): every construct of LANGUAGE.md through its AST dump, and
 * every syntax and semantic error with its exact position and notes.
 */
#include "testutil.h"

/* Parse src; it must have no diagnostics at all. */
static void run_clean(struct tparse *t, const char *src)
{
	tparse_run(t, src);
	assert_string_equal(t->diags, "");
	assert_int_equal(t->errors, 0);
	assert_int_equal(t->warnings, 0);
}

/* The block (up or down) of revision r, dumped one statement a line. */
static char *dump_rev_block(const struct ast_revision *r, bool down)
{
	const struct ast_node *b = down ? r->down : r->up, *s;
	struct strbuf sb;

	assert_non_null(b);
	strbuf_init(&sb);
	for (s = b->u.block.stmts.head; s; s = s->next) {
		ast_dump(&sb, s);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb, NULL);
}

/* The clauses of revision r, dumped one a line. */
static char *dump_clauses(const struct ast_revision *r)
{
	const struct ast_node *c;
	struct strbuf sb;

	strbuf_init(&sb);
	for (c = r->clauses.head; c; c = c->next) {
		ast_dump(&sb, c);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb, NULL);
}

/* The statements of "revision a\nup {\n" body "\n}\n" dump as want. */
static void check_up(const char *body, const char *want)
{
	struct tparse t;
	struct strbuf src;
	char *dump;

	strbuf_init(&src);
	strbuf_addf(&src, "revision a\nup {\n%s\n}\n", body);
	run_clean(&t, src.buf);
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, want);
	free(dump);
	tparse_free(&t);
	strbuf_release(&src);
}

/* The header clauses of src dump as want (src must be clean). */
static void check_clauses(const char *src, const char *want)
{
	struct tparse t;
	char *dump;

	run_clean(&t, src);
	dump = dump_clauses(t.file->revs);
	assert_string_equal(dump, want);
	free(dump);
	tparse_free(&t);
}

/* The first diagnostic line of src is want. */
static void check_first(const char *src, const char *want)
{
	struct tparse t;

	tparse_run(&t, src);
	assert_first_diag(&t, want);
	tparse_free(&t);
}

/* Everything printed for src is exactly want. */
static void check_diags(const char *src, const char *want)
{
	struct tparse t;

	tparse_run(&t, src);
	assert_string_equal(t.diags, want);
	tparse_free(&t);
}

/* The "file:line:col: level: message" lines of the diagnostics, without
 * their source and marker lines. */
static char *diag_heads(const struct tparse *t)
{
	const char *p = t->diags, *nl;
	struct strbuf sb;

	strbuf_init(&sb);
	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		if (strncmp(p, "t.mig:", 6) == 0 ||
		    strncmp(p, "retort:", 7) == 0)
			strbuf_add(&sb, p, (size_t)(nl - p + 1));
	}
	return strbuf_detach(&sb, NULL);
}

/* The diagnostic heads of src are want, and there are nerr errors. */
static void check_heads(const char *src, int nerr, const char *want)
{
	struct tparse t;
	char *heads;

	tparse_run(&t, src);
	heads = diag_heads(&t);
	assert_string_equal(heads, want);
	assert_int_equal(t.errors, nerr);
	free(heads);
	tparse_free(&t);
}

/* --- create table ----------------------------------------------------- */

static void test_parser_column_constraints(void **state)
{
	(void)state;
	check_up("create table t (a int not null null primary key unique "
		 "autoincrement default 1 check (a > 0) references u);",
		 "(create_table t (column a int (not_null) (null) "
		 "(primary_key) (unique) (autoincrement) (default 1) "
		 "(check (expr \"a > 0\")) (foreign_key u)))\n");
}

static void test_parser_column_default_expr(void **state)
{
	(void)state;
	check_up("create table t (a int default (1 + 2), b text "
		 "default ('x' || 'y'));",
		 "(create_table t (column a int (default (expr \"1 + 2\"))) "
		 "(column b text (default (expr \"'x' || 'y'\"))))\n");
}

static void test_parser_column_references_forms(void **state)
{
	(void)state;
	check_up("create table t (a int references u, b int references u (id), "
		 "c int references s.u(id));",
		 "(create_table t (column a int (foreign_key u)) "
		 "(column b int (foreign_key u (id))) "
		 "(column c int (foreign_key s.u (id))))\n");
}

static void test_parser_named_column_constraints(void **state)
{
	(void)state;
	check_up("create table t (a int constraint a_pk primary key "
		 "constraint a_uq unique constraint a_ck check (a <> 0) "
		 "constraint a_fk references u (id) on delete cascade);",
		 "(create_table t (column a int (primary_key (name a_pk)) "
		 "(unique (name a_uq)) (check (name a_ck) (expr \"a <> 0\")) "
		 "(foreign_key (name a_fk) u (id) (on_delete CASCADE))))\n");
}

static void test_parser_fk_on_delete_actions(void **state)
{
	(void)state;
	check_up("create table t (a int references u on delete cascade, "
		 "b int references u on delete set null, "
		 "c int references u on delete set default, "
		 "d int references u on delete restrict, "
		 "e int references u on delete no action);",
		 "(create_table t "
		 "(column a int (foreign_key u (on_delete CASCADE))) "
		 "(column b int (foreign_key u (on_delete SET NULL))) "
		 "(column c int (foreign_key u (on_delete SET DEFAULT))) "
		 "(column d int (foreign_key u (on_delete RESTRICT))) "
		 "(column e int (foreign_key u (on_delete NO ACTION))))\n");
}

static void test_parser_fk_on_update_actions(void **state)
{
	(void)state;
	check_up("create table t (a int references u on update cascade, "
		 "b int references u on update set null, "
		 "c int references u on update set default, "
		 "d int references u on update restrict, "
		 "e int references u on update no action);",
		 "(create_table t "
		 "(column a int (foreign_key u (on_update CASCADE))) "
		 "(column b int (foreign_key u (on_update SET NULL))) "
		 "(column c int (foreign_key u (on_update SET DEFAULT))) "
		 "(column d int (foreign_key u (on_update RESTRICT))) "
		 "(column e int (foreign_key u (on_update NO ACTION))))\n");
}

static void test_parser_fk_both_actions_any_order(void **state)
{
	(void)state;
	check_up("create table t (a int references u (id) on update cascade "
		 "on delete set null);",
		 "(create_table t (column a int (foreign_key u (id) "
		 "(on_delete SET NULL) (on_update CASCADE))))\n");
}

static void test_parser_table_constraints(void **state)
{
	(void)state;
	check_up("create table t (a int, b int, primary key (a, b), "
		 "unique (b), check (a < b), foreign key (a, b) references "
		 "u (x, y) on delete cascade on update restrict);",
		 "(create_table t (column a int) (column b int) "
		 "(primary_key (a b)) (unique (b)) (check (expr \"a < b\")) "
		 "(foreign_key (a b) u (x y) (on_delete CASCADE) "
		 "(on_update RESTRICT)))\n");
}

static void test_parser_named_table_constraints(void **state)
{
	(void)state;
	check_up("create table t (a int, constraint t_pk primary key (a), "
		 "constraint t_uq unique (a), constraint t_ck check (a > 0), "
		 "constraint t_fk foreign key (a) references s.u (id));",
		 "(create_table t (column a int) (primary_key (name t_pk) (a)) "
		 "(unique (name t_uq) (a)) "
		 "(check (name t_ck) (expr \"a > 0\")) "
		 "(foreign_key (name t_fk) (a) s.u (id)))\n");
}

static void test_parser_create_table_qualified_quoted(void **state)
{
	(void)state;
	check_up("create table Audit.\"Events\" (\"Id\" bigint, Kind text);",
		 "(create_table audit.\"Events\" (column \"Id\" bigint) "
		 "(column kind text))\n");
}

static void test_parser_drop_table(void **state)
{
	(void)state;
	check_up("drop table t; drop table audit.events;",
		 "(drop_table t)\n(drop_table audit.events)\n");
}

/* --- alter table ------------------------------------------------------ */

static void test_parser_alter_rename_table(void **state)
{
	(void)state;
	check_up("alter table s.t rename to u;", "(rename_table s.t u)\n");
}

static void test_parser_alter_add_column(void **state)
{
	(void)state;
	check_up("alter table t add column a int not null default 0;\n"
		 "alter table t add b text;",
		 "(add_column t (column a int (not_null) (default 0)))\n"
		 "(add_column t (column b text))\n");
}

static void test_parser_alter_drop_column(void **state)
{
	(void)state;
	check_up("alter table t drop column a; alter table t drop b;",
		 "(drop_column t a)\n(drop_column t b)\n");
}

static void test_parser_alter_rename_column(void **state)
{
	(void)state;
	check_up("alter table t rename column a to b; "
		 "alter table t rename c to d;",
		 "(rename_column t a b)\n(rename_column t c d)\n");
}

static void test_parser_alter_type(void **state)
{
	(void)state;
	check_up("alter table t alter column a type bigint; "
		 "alter table t alter b type varchar(10);",
		 "(alter_type t a bigint)\n(alter_type t b varchar(10))\n");
}

static void test_parser_alter_set_data_type(void **state)
{
	(void)state;
	check_up("alter table t alter column a set data type text; "
		 "alter table t alter b set data type numeric(8, 2);",
		 "(alter_type t a text)\n(alter_type t b numeric(8 2))\n");
}

static void test_parser_alter_type_using(void **state)
{
	(void)state;
	check_up("alter table t alter a type int using (a::int); "
		 "alter table t alter column b set data type text "
		 "using (\"B\" || '');",
		 "(alter_type t a int (using (expr \"a::int\")))\n"
		 "(alter_type t b text (using (expr \"\"\"B\"\" || ''\" "
		 "\"B\")))\n");
}

static void test_parser_alter_not_null(void **state)
{
	(void)state;
	check_up("alter table t alter column a set not null; "
		 "alter table t alter a drop not null;",
		 "(set_not_null t a)\n(drop_not_null t a)\n");
}

static void test_parser_alter_set_default(void **state)
{
	(void)state;
	check_up("alter table t alter column a set default -7; "
		 "alter table t alter a set default (now()); "
		 "alter table t alter a set default current_timestamp;",
		 "(set_default t a -7)\n"
		 "(set_default t a (expr \"now()\"))\n"
		 "(set_default t a current_timestamp)\n");
}

static void test_parser_alter_drop_default(void **state)
{
	(void)state;
	check_up("alter table t alter column a drop default; "
		 "alter table t alter a drop default;",
		 "(drop_default t a)\n(drop_default t a)\n");
}

static void test_parser_alter_add_constraint(void **state)
{
	(void)state;
	check_up("alter table t add primary key (a);\n"
		 "alter table t add unique (a, b);\n"
		 "alter table t add check (a > 0);\n"
		 "alter table t add foreign key (a) references u (id) "
		 "on delete cascade;\n"
		 "alter table t add constraint t_uq unique (b);",
		 "(add_constraint t (primary_key (a)))\n"
		 "(add_constraint t (unique (a b)))\n"
		 "(add_constraint t (check (expr \"a > 0\")))\n"
		 "(add_constraint t (foreign_key (a) u (id) "
		 "(on_delete CASCADE)))\n"
		 "(add_constraint t (unique (name t_uq) (b)))\n");
}

static void test_parser_alter_drop_constraint(void **state)
{
	(void)state;
	check_up("alter table t drop constraint t_uq;",
		 "(drop_constraint t t_uq)\n");
}

/* --- indexes ---------------------------------------------------------- */

static void test_parser_create_index_named(void **state)
{
	(void)state;
	check_up("create index ix_t_a on t (a);",
		 "(create_index (name ix_t_a) t (a))\n");
}

static void test_parser_create_index_unnamed(void **state)
{
	(void)state;
	check_up("create index on s.t (a, b);",
		 "(create_index s.t (a b))\n");
}

static void test_parser_create_unique_index(void **state)
{
	(void)state;
	check_up("create unique index ux on t (a); "
		 "CREATE UNIQUE INDEX on t (b);",
		 "(create_index unique (name ux) t (a))\n"
		 "(create_index unique t (b))\n");
}

static void test_parser_create_index_asc_desc(void **state)
{
	(void)state;
	check_up("create index on t (a asc, b desc, c);",
		 "(create_index t (a b desc c))\n");
}

static void test_parser_create_index_where(void **state)
{
	(void)state;
	check_up("create index ix on t (a) where (a is not null and "
		 "(b > 0));",
		 "(create_index (name ix) t (a) (where (expr "
		 "\"a is not null and (b > 0)\")))\n");
}

static void test_parser_drop_index(void **state)
{
	(void)state;
	check_up("drop index ix; drop index audit.ix;",
		 "(drop_index ix)\n(drop_index audit.ix)\n");
}

/* --- insert and raw SQL ------------------------------------------------ */

static void test_parser_insert_rows(void **state)
{
	(void)state;
	check_up("insert into s.t (a, b) values (1, 'x'), (-2, null), "
		 "(3.14, true), (false, 'it''s');",
		 "(insert s.t (a b) (1 'x') (-2 null) (3.14 true) "
		 "(false 'it''s'))\n");
}

static void test_parser_insert_time_literals(void **state)
{
	(void)state;
	check_up("insert into t (a, b, c) values (current_timestamp, "
		 "current_date, current_time);",
		 "(insert t (a b c) (current_timestamp current_date "
		 "current_time))\n");
}

/* --- issue 11: data changes, comments, renames, guards ----------------- */

static void test_parser_update_delete(void **state)
{
	(void)state;
	check_up("update s.t set a = false, \"B\" = (b + 1) where (a is null);"
		 " update t set c = null; delete from t where (id = 2);"
		 " delete from t;",
		 "(update s.t (= a false) (= \"B\" (expr \"b + 1\")) "
		 "(where (expr \"a is null\")))\n"
		 "(update t (= c null))\n"
		 "(delete t (where (expr \"id = 2\")))\n"
		 "(delete t)\n");
}

static void test_parser_comment_on(void **state)
{
	(void)state;
	check_up("comment on table s.t is 'x'; comment on column t.c is null;"
		 " comment on column s.t.\"C\" is 'it''s';",
		 "(comment s.t 'x')\n(comment t.c null)\n"
		 "(comment s.t.\"C\" 'it''s')\n");
}

static void test_parser_renames(void **state)
{
	(void)state;
	check_up("alter table t rename constraint a to b;"
		 " alter index s.ix rename to iy;",
		 "(rename_constraint t b a)\n(rename_index s.ix iy)\n");
}

static void test_parser_index_kinds(void **state)
{
	(void)state;
	check_up("create index ix on t using gin (j);"
		 " create unique index ux on s.t ((lower(\"C\")) desc, id);",
		 "(create_index (name ix) t (using gin) (j))\n"
		 "(create_index unique (name ux) s.t "
		 "((expr \"lower(\"\"C\"\")\" \"C\") desc id))\n");
	check_up("create index concurrently ix on t (a);"
		 " drop index concurrently if exists ix;",
		 "(create_index concurrently (name ix) t (a))\n"
		 "(drop_index concurrently ix)\n");
}

static void test_parser_deferrable(void **state)
{
	(void)state;
	check_up("create table t (a integer references p deferrable,"
		 " b integer unique deferrable initially deferred,"
		 " constraint u unique (a) deferrable initially immediate);",
		 "(create_table t (column a integer (foreign_key p "
		 "deferrable)) (column b integer (unique deferred)) "
		 "(unique (name u) (a) deferrable))\n");
}

static void test_parser_guards(void **state)
{
	struct tparse t;
	const struct ast_node *st;
	int n = 0;

	(void)state;
	run_clean(&t, "revision a\nup {\n"
		  "create table if not exists t (id integer);\n"
		  "drop table if exists t;\n"
		  "create unique index if not exists ix on t (id);\n"
		  "drop index if exists ix;\n"
		  "alter table t add column if not exists c integer;\n"
		  "alter table t drop if exists c;\n"
		  "create table if (if integer, exists integer);\n"
		  "}\n");
	for (st = t.file->revs->up->u.block.stmts.head; st; st = st->next)
		n += ast_guarded(st);
	assert_int_equal(n, 6);
	assert_false(ast_guarded(t.file->revs->up->u.block.stmts.tail));
	tparse_free(&t);
}

static void test_parser_enum_types(void **state)
{
	(void)state;
	check_up("create type \"Mood\" as enum ('a', 'it''s');"
		 " alter type mood add value 'c';"
		 " alter type mood add value 'd' before 'a';"
		 " alter type mood add value 'e' after 'c';"
		 " alter type mood rename value 'a' to 'x';"
		 " drop type mood;"
		 " create table value (as integer, enum text, before date);",
		 "(create_type \"Mood\" 'a' 'it''s')\n"
		 "(add_value mood 'c')\n"
		 "(add_value mood 'd' before 'a')\n"
		 "(add_value mood 'e' after 'c')\n"
		 "(rename_value mood 'a' to 'x')\n"
		 "(drop_type mood)\n"
		 "(create_table value (column as integer) (column enum text) "
		 "(column before date))\n");
}

static void test_parser_now_precise(void **state)
{
	(void)state;
	check_up("create table now_precise (now_precise timestamp default"
		 " now_precise());"
		 " alter table t alter a set default now_precise ( );"
		 " update t set a = now_precise();",
		 "(create_table now_precise (column now_precise timestamp "
		 "(default now_precise())))\n"
		 "(set_default t a now_precise())\n"
		 "(update t (= a now_precise()))\n");
}

static void test_parser_array_types(void **state)
{
	(void)state;
	check_up("create table t (a text[], b varchar(20)[][], c text[]"
		 " check (b[1][2] <> 'x'), d double precision[]);"
		 " alter table t alter column a type integer [ ] using (a::int[]);",
		 "(create_table t (column a text[]) (column b varchar(20)[][]) "
		 "(column c text[] (check (expr \"b[1][2] <> 'x'\"))) "
		 "(column d double precision[]))\n"
		 "(alter_type t a integer[] (using (expr \"a::int[]\")))\n");
}

static void test_parser_sequences(void **state)
{
	(void)state;
	check_up("create sequence if not exists s.n as integer increment by -2"
		 " minvalue -9 maxvalue -1 start with -1 cache 5 cycle;"
		 " create sequence m increment 3 start 7 no cycle;"
		 " create table t (a bigint default nextval(s.n));"
		 " update t set a = nextval(\"M\");"
		 " alter sequence m restart; alter sequence m restart with 4;"
		 " drop sequence if exists s.n; drop sequence m;"
		 " create table start (cache integer, cycle text, by date);",
		 "(create_sequence guard s.n (as integer) (increment -2) "
		 "(minvalue -9) (maxvalue -1) (start -1) (cache 5) (cycle))\n"
		 "(create_sequence m (increment 3) (start 7) (no_cycle))\n"
		 "(create_table t (column a bigint (default nextval(s.n))))\n"
		 "(update t (= a nextval(\"M\")))\n"
		 "(alter_sequence m (restart))\n"
		 "(alter_sequence m (restart 4))\n"
		 "(drop_sequence guard s.n)\n"
		 "(drop_sequence m)\n"
		 "(create_table start (column cache integer) "
		 "(column cycle text) (column by date))\n");
}

static void test_parser_insert_query(void **state)
{
	(void)state;
	check_up("insert into s.t (a, \"B\") (select x, y from u where (x > 1));",
		 "(insert s.t (a \"B\") (query (expr \"select x, y from u "
		 "where (x > 1)\")))\n");
}

static void test_parser_sql_every_dialect(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	run_clean(&t, "revision a\nup { sql $$select 1$$; }\n");
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(sql \"select 1\")\n");
	assert_int_equal(t.file->revs->up->u.block.stmts.head->u.raw.mask, 0);
	free(dump);
	tparse_free(&t);
}

static void test_parser_sql_one_dialect(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	run_clean(&t, "revision a\nup { sql sqlite $t$ vacuum $t$; }\n");
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(sql (sqlite) \" vacuum \")\n");
	assert_int_equal(t.file->revs->up->u.block.stmts.head->u.raw.mask,
			 DIALECT_SQLITE);
	free(dump);
	tparse_free(&t);
}

static void test_parser_sql_dialect_list(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	run_clean(&t, "revision a\nup { sql PostgreSQL, mysql, Sqlite "
		      "$$x$$; }\n");
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(sql (postgresql mysql sqlite) \"x\")\n");
	assert_int_equal(t.file->revs->up->u.block.stmts.head->u.raw.mask,
			 DIALECT_POSTGRESQL | DIALECT_MYSQL | DIALECT_SQLITE);
	free(dump);
	tparse_free(&t);
}

/* --- types ------------------------------------------------------------ */

static void test_parser_portable_types(void **state)
{
	(void)state;
	check_up("create table t (a smallint, b integer, c int, d bigint, "
		 "e boolean, f bool, g varchar(20), h char(2), i text, "
		 "j numeric(10, 2), k decimal, l real, m double, n date, "
		 "o time, p timestamp, q timestamptz, r uuid, s json, "
		 "u blob);",
		 "(create_table t (column a smallint) (column b integer) "
		 "(column c int) (column d bigint) (column e boolean) "
		 "(column f bool) (column g varchar(20)) (column h char(2)) "
		 "(column i text) (column j numeric(10 2)) "
		 "(column k decimal) (column l real) (column m double) "
		 "(column n date) (column o time) (column p timestamp) "
		 "(column q timestamptz) (column r uuid) (column s json) "
		 "(column u blob))\n");
}

static void test_parser_multiword_types(void **state)
{
	(void)state;
	check_up("create table t (a double precision, "
		 "b character varying(30), c timestamp with time zone, "
		 "d numeric(5), e varchar);",
		 "(create_table t (column a double precision) "
		 "(column b character varying(30)) "
		 "(column c timestamp with time zone) "
		 "(column d numeric(5)) (column e varchar))\n");
}

static void test_parser_nonportable_type_warning(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  create table t (a money);\n}\n");
	assert_string_equal(t.diags,
		"t.mig:3:21: warning: type \"money\" is not portable; it is "
		"written as is for every dialect\n"
		"  create table t (a money);\n"
		"                    ^~~~~\n");
	assert_int_equal(t.errors, 0);
	assert_int_equal(t.warnings, 1);
	tparse_free(&t);
}

static void test_parser_nonportable_type_with_args(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	tparse_run(&t, "revision a\nup { alter table t add g "
		       "geometry(point, 4326); }\n");
	assert_first_diag(&t, "t.mig:2:26: warning: type \"geometry\" is not "
			      "portable; it is written as is for every "
			      "dialect");
	assert_int_equal(t.errors, 0);
	assert_int_equal(t.warnings, 1);
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(add_column t (column g "
				  "geometry(point 4326)))\n");
	free(dump);
	tparse_free(&t);
}

/* --- literals and expressions ------------------------------------------ */

static void test_parser_default_literals(void **state)
{
	(void)state;
	check_up("create table t (a int default -7, b real default 3.14, "
		 "c text default 'x', d bool default true, e bool default "
		 "false, f int default null, g timestamp default "
		 "current_timestamp, h date default current_date, "
		 "i time default current_time);",
		 "(create_table t (column a int (default -7)) "
		 "(column b real (default 3.14)) (column c text (default 'x')) "
		 "(column d bool (default true)) "
		 "(column e bool (default false)) "
		 "(column f int (default null)) "
		 "(column g timestamp (default current_timestamp)) "
		 "(column h date (default current_date)) "
		 "(column i time (default current_time)))\n");
}

static void test_parser_expr_nested_parens(void **state)
{
	(void)state;
	check_up("create table t (a int check ((a > 0) and (f(g(a)) < 9)));",
		 "(create_table t (column a int (check (expr "
		 "\"(a > 0) and (f(g(a)) < 9)\"))))\n");
}

static void test_parser_expr_parens_in_strings(void **state)
{
	(void)state;
	check_up("create table t (a text check (a <> ')' and a <> '(('));",
		 "(create_table t (column a text (check (expr "
		 "\"a <> ')' and a <> '(('\"))))\n");
}

static void test_parser_expr_qidents(void **state)
{
	(void)state;
	check_up("create table t (a int check (\"A\" > 0 and (\"B\" < "
		 "\"c\"\"d\") and 'x' <> \"A\"));",
		 "(create_table t (column a int (check (expr "
		 "\"\"\"A\"\" > 0 and (\"\"B\"\" < \"\"c\"\"\"\"d\"\") and "
		 "'x' <> \"\"A\"\"\" \"A\" \"B\" \"c\"\"d\" \"A\"))))\n");
}

static void test_parser_expr_keywords_verbatim(void **state)
{
	(void)state;
	check_up("create index on t (a) where (a IS NOT NULL AND b "
		 "= 'Up');",
		 "(create_index t (a) (where (expr "
		 "\"a IS NOT NULL AND b = 'Up'\")))\n");
}

/* --- header clauses and revisions --------------------------------------- */

static void test_parser_message_multiline(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision a\nmessage 'add users\n\nlonger text, "
		      "it''s fine'\nup { }\n");
	assert_string_equal(t.file->revs->message,
			    "add users\n\nlonger text, it's fine");
	tparse_free(&t);
}

static void test_parser_depends_list(void **state)
{
	(void)state;
	check_clauses("revision a\ndepends 1975ea83b712, 'b_2', 0001\n"
		      "up { }\n",
		      "(depends 1975ea83b712 b_2 0001)\n");
}

static void test_parser_requires_and_label(void **state)
{
	(void)state;
	check_clauses("revision a\nrequires x, y\nlabel main, Feature_X\n"
		      "up { }\n",
		      "(requires x y)\n(label main Feature_X)\n");
}

static void test_parser_created(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision a\ncreated '2024-02-29 23:59:59'\nup { }\n");
	assert_string_equal(t.file->revs->created, "2024-02-29 23:59:59");
	tparse_free(&t);
}

static void test_parser_transactional(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision a\ntransactional false\nup { }\n"
		      "revision b\nup { }\n"
		      "revision c\ntransactional TRUE\nup { }\n");
	assert_false(t.file->revs->transactional);
	assert_true(t.file->revs->next->transactional);
	assert_true(t.file->revs->next->next->transactional);
	tparse_free(&t);
}

static void test_parser_clauses_any_order(void **state)
{
	(void)state;
	check_clauses("revision a\ntransactional false\nlabel l\n"
		      "created '2023-01-02 03:04:05'\nrequires r\n"
		      "depends d\nmessage 'm'\nup { }\ndown { }\n",
		      "(transactional false)\n(label l)\n"
		      "(created '2023-01-02 03:04:05')\n(requires r)\n"
		      "(depends d)\n(message 'm')\n");
}

static void test_parser_blocks(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision a\ndown { drop table t; }\n"
		      "up { create table t (a int); }\n"
		      "revision b\nup { }\n");
	assert_int_equal(t.file->revs->up->u.block.stmts.n, 1);
	assert_int_equal(t.file->revs->down->u.block.stmts.n, 1);
	assert_int_equal(t.file->revs->next->up->u.block.stmts.n, 0);
	assert_null(t.file->revs->next->down);
	tparse_free(&t);
}

static void test_parser_several_revisions(void **state)
{
	struct tparse t;
	const struct ast_revision *r;
	char *dump;

	(void)state;
	run_clean(&t, "revision a\nup { create table t (x int); }\n"
		      "down { drop table t; }\n"
		      "revision b\ndepends a\nup { drop table t; }\n");
	assert_int_equal(t.file->nrevs, 2);
	r = t.file->revs->next;
	assert_string_equal(r->id->u.word.text, "b");
	dump = dump_rev_block(r, false);
	assert_string_equal(dump, "(drop_table t)\n");
	free(dump);
	tparse_free(&t);
}

static void test_parser_keyword_named_columns(void **state)
{
	(void)state;
	check_up("create table data (created timestamp, message text, "
		 "type text, key int, data json, label text, depends int, "
		 "action text, zone text, time time);\n"
		 "create index on data (created desc, key);\n"
		 "insert into data (type, message) values ('a', 'b');\n"
		 "alter table data rename column type to kind;",
		 "(create_table data (column created timestamp) "
		 "(column message text) (column type text) (column key int) "
		 "(column data json) (column label text) (column depends int) "
		 "(column action text) (column zone text) "
		 "(column time time))\n"
		 "(create_index data (created desc key))\n"
		 "(insert data (type message) ('a' 'b'))\n"
		 "(rename_column data type kind)\n");
}

static void test_parser_quoted_reserved_names(void **state)
{
	(void)state;
	check_up("create table \"check\" (\"up\" int, \"null\" text);",
		 "(create_table \"check\" (column \"up\" int) "
		 "(column \"null\" text))\n");
}

/* --- syntax errors ------------------------------------------------------ */

static void test_parser_expecting_table_or_index(void **state)
{
	(void)state;
	check_diags("revision a\nup {\n  drop t;\n}\n",
		    "t.mig:3:8: error: syntax error, unexpected identifier, "
		    "expecting 'index' or 'table' or 'type' or 'sequence'\n"
		    "  drop t;\n"
		    "       ^\n");
}

static void test_parser_expecting_paren(void **state)
{
	(void)state;
	check_first("revision a\nup { insert into t (a) values 1; }\n",
		    "t.mig:2:31: error: syntax error, unexpected number, "
		    "expecting '('");
}

static void test_parser_expecting_semicolon(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table t }\n",
		    "t.mig:2:19: error: syntax error, unexpected '}', "
		    "expecting ';' or '.'");
}

static void test_parser_expecting_fk_action(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int references u "
		    "on delete nothing); }\n",
		    "t.mig:2:51: error: syntax error, unexpected identifier, "
		    "expecting 'cascade' or 'no' or 'restrict' or 'set'");
}

static void test_parser_expecting_revision(void **state)
{
	(void)state;
	check_first("up { }\n",
		    "t.mig:1:1: error: syntax error, unexpected 'up', "
		    "expecting end of file or 'revision'");
}

static void test_parser_expecting_block(void **state)
{
	(void)state;
	check_first("revision a\nup { } message 'x'\n",
		    "t.mig:2:8: error: syntax error, unexpected 'message', "
		    "expecting end of file or 'down' or 'revision' or 'up'");
}

static void test_parser_expecting_a_name(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int,); }\n",
		    "t.mig:2:28: error: syntax error, unexpected ')', "
		    "expecting a name or a constraint");
}

static void test_parser_expecting_a_statement(void **state)
{
	(void)state;
	check_diags("revision a\nup { ; }\n",
		    "t.mig:2:6: error: syntax error, unexpected ';', "
		    "expecting a statement or '}'\n"
		    "up { ; }\n"
		    "     ^\n"
		    "t.mig:2:4: note: to match this '{'\n");
}

static void test_parser_recovery_everywhere(void **state)
{
	struct tparse t;
	char *heads, *dump;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  drop t;\n"
		       "  create table ok (id int);\n  alter table t add;\n}\n"
		       "down {\n  drop table ok extra;\n}\n"
		       "revision b\nup {\n  create index on;\n"
		       "  drop table z;\n}\n");
	heads = diag_heads(&t);
	assert_string_equal(heads,
		"t.mig:3:8: error: syntax error, unexpected identifier, "
		"expecting 'index' or 'table' or 'type' or 'sequence'\n"
		"t.mig:5:20: error: syntax error, unexpected ';', "
		"expecting a name or a constraint\n"
		"t.mig:8:17: error: syntax error, unexpected identifier, "
		"expecting ';' or '.'\n"
		"t.mig:12:18: error: syntax error, unexpected ';', "
		"expecting a name\n");
	assert_int_equal(t.errors, 4);
	dump = dump_rev_block(t.file->revs->next, false);
	assert_string_equal(dump, "(drop_table z)\n");
	free(dump);
	free(heads);
	tparse_free(&t);
}

static void test_parser_recovery_keeps_good_statements(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  drop t;\n"
		       "  create table ok (id int);\n  alter table t add;\n"
		       "  drop table last;\n}\n");
	assert_int_equal(t.errors, 2);
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(create_table ok (column id int))\n"
				  "(drop_table last)\n");
	free(dump);
	tparse_free(&t);
}

static void test_parser_missing_brace_at_eof(void **state)
{
	(void)state;
	check_diags("revision a\nup {\n  drop table t;\n",
		    "t.mig:3:16: error: syntax error, unexpected end of file, "
		    "expecting a statement or '}'\n"
		    "  drop table t;\n"
		    "               ^\n"
		    "t.mig:2:4: note: to match this '{'\n");
}

static void test_parser_missing_brace_before_revision(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  drop table t;\n"
		       "revision b\nup { drop table u; }\n");
	assert_first_diag(&t, "t.mig:4:1: error: syntax error, unexpected "
			      "'revision', expecting a statement or '}'");
	assert_non_null(strstr(t.diags,
			       "\nt.mig:2:4: note: to match this '{'\n"));
	assert_int_equal(t.errors, 1);
	dump = dump_rev_block(t.file->revs->next, false);
	assert_string_equal(dump, "(drop_table u)\n");
	free(dump);
	tparse_free(&t);
}

static void test_parser_missing_paren(void **state)
{
	(void)state;
	check_diags("revision a\nup {\n  create table t (a int;\n}\n",
		    "t.mig:3:24: error: syntax error, unexpected ';', "
		    "expecting ')'\n"
		    "  create table t (a int;\n"
		    "                       ^\n"
		    "t.mig:3:18: note: to match this '('\n");
}

static void test_parser_brace_inside_expr(void **state)
{
	(void)state;
	check_heads("revision a\nup {\n  create table t (a int check "
		    "((a > 0)\n}\nrevision b\nup { }\n", 1,
		    "t.mig:4:1: error: syntax error, unexpected '}', "
		    "expecting ')'\n"
		    "t.mig:3:31: note: to match this '('\n");
}

/* --- header errors ------------------------------------------------------- */

static void test_parser_duplicate_clause(void **state)
{
	(void)state;
	check_diags("revision a\nmessage 'x'\nlabel l\nmessage 'y'\nup { }\n",
		    "t.mig:4:1: error: 'message' is given twice\n"
		    "message 'y'\n"
		    "^~~~~~~~~~~\n"
		    "t.mig:2:1: note: first given here\n");
}

static void test_parser_duplicate_depends(void **state)
{
	(void)state;
	check_heads("revision a\ndepends b\ndepends c, d\nup { }\n", 1,
		    "t.mig:3:1: error: 'depends' is given twice\n"
		    "t.mig:2:1: note: first given here\n");
}

static void test_parser_duplicate_up_block(void **state)
{
	(void)state;
	check_diags("revision a\nup { }\ndown { }\nup { }\n",
		    "t.mig:4:1: error: a second 'up' block\n"
		    "up { }\n"
		    "^~~~~~\n"
		    "t.mig:2:1: note: first given here\n");
}

static void test_parser_duplicate_down_block(void **state)
{
	(void)state;
	check_heads("revision a\ndown { }\nup { }\ndown {\n}\n", 1,
		    "t.mig:4:1: error: a second 'down' block\n"
		    "t.mig:2:1: note: first given here\n");
}

static void test_parser_missing_up_block(void **state)
{
	(void)state;
	check_diags("revision a1\nmessage 'x'\ndown { }\n",
		    "t.mig:1:10: error: revision \"a1\" has no 'up' block\n"
		    "revision a1\n"
		    "         ^~\n");
}

static void test_parser_id_32_chars(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision abcdefghijabcdefghijabcdefghij12\nup { }\n");
	tparse_free(&t);
}

static void test_parser_id_33_chars(void **state)
{
	(void)state;
	check_first("revision abcdefghijabcdefghijabcdefghij123\nup { }\n",
		    "t.mig:1:10: error: revision id "
		    "\"abcdefghijabcdefghijabcdefghij123\" is longer than "
		    "32 characters");
}

static void test_parser_id_head_any_case(void **state)
{
	(void)state;
	check_first("revision HEAD\nup { }\n",
		    "t.mig:1:10: error: \"HEAD\" is reserved and cannot be a "
		    "revision id");
	check_first("revision heads\nup { }\n",
		    "t.mig:1:10: error: \"heads\" is reserved and cannot be a "
		    "revision id");
	check_first("revision bAsE\nup { }\n",
		    "t.mig:1:10: error: \"bAsE\" is reserved and cannot be a "
		    "revision id");
}

static void test_parser_id_reserved_as_string(void **state)
{
	(void)state;
	check_first("revision 'Heads'\nup { }\n",
		    "t.mig:1:10: error: \"Heads\" is reserved and cannot be a "
		    "revision id");
	check_first("revision 'base'\nup { }\n",
		    "t.mig:1:10: error: \"base\" is reserved and cannot be a "
		    "revision id");
}

static void test_parser_id_clause_word_as_string(void **state)
{
	(void)state;
	check_first("revision 'Up'\nup { }\n",
		    "t.mig:1:10: error: \"Up\" is reserved and cannot be a "
		    "revision id");
	check_first("revision 'MESSAGE'\nup { }\n",
		    "t.mig:1:10: error: \"MESSAGE\" is reserved and cannot be "
		    "a revision id");
	check_first("revision 'transactional'\nup { }\n",
		    "t.mig:1:10: error: \"transactional\" is reserved and "
		    "cannot be a revision id");
}

static void test_parser_id_in_depends_reserved(void **state)
{
	(void)state;
	check_first("revision a\ndepends Head\nup { }\n",
		    "t.mig:2:9: error: \"Head\" is reserved and cannot be a "
		    "revision id");
}

static void test_parser_id_bad_characters(void **state)
{
	(void)state;
	check_diags("revision 'a-b'\nup { }\n",
		    "t.mig:1:10: error: revision id \"a-b\" may only contain "
		    "letters, digits and '_'\n"
		    "revision 'a-b'\n"
		    "         ^~~~~\n");
	check_first("revision 1.5\nup { }\n",
		    "t.mig:1:10: error: revision id \"1.5\" may only contain "
		    "letters, digits and '_'");
}

static void test_parser_id_empty(void **state)
{
	(void)state;
	check_first("revision ''\nup { }\n",
		    "t.mig:1:10: error: revision id is empty");
}

static void test_parser_created_bad_format(void **state)
{
	(void)state;
	check_diags("revision a\ncreated '2023-1-01 00:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'\n"
		    "created '2023-1-01 00:00:00'\n"
		    "        ^~~~~~~~~~~~~~~~~~~~\n");
	check_first("revision a\ncreated '2023-01-01T00:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
}

static void test_parser_created_impossible_date(void **state)
{
	(void)state;
	check_first("revision a\ncreated '2023-02-29 12:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
	check_first("revision a\ncreated '1900-02-29 12:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
	check_first("revision a\ncreated '2023-04-31 12:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
	check_first("revision a\ncreated '2023-01-01 24:00:00'\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
}

static void test_parser_created_not_string(void **state)
{
	(void)state;
	check_first("revision a\ncreated 20230101\nup { }\n",
		    "t.mig:2:9: error: created must be a UTC time as "
		    "'YYYY-MM-DD HH:MM:SS'");
}

static void test_parser_transactional_not_bool(void **state)
{
	(void)state;
	check_diags("revision a\ntransactional 'false'\nup { }\n",
		    "t.mig:2:15: error: transactional must be true or false\n"
		    "transactional 'false'\n"
		    "              ^~~~~~~\n");
	check_first("revision a\ntransactional 0\nup { }\n",
		    "t.mig:2:15: error: transactional must be true or false");
}

static void test_parser_message_not_string(void **state)
{
	(void)state;
	check_first("revision a\nmessage 42\nup { }\n",
		    "t.mig:2:9: error: message must be a string literal");
	check_first("revision a\nmessage null\nup { }\n",
		    "t.mig:2:9: error: message must be a string literal");
}

static void test_parser_depends_listed_twice(void **state)
{
	(void)state;
	check_diags("revision a\ndepends b, c, 'b'\nup { }\n",
		    "t.mig:2:15: error: \"b\" is listed twice\n"
		    "depends b, c, 'b'\n"
		    "              ^~~\n");
}

static void test_parser_label_errors(void **state)
{
	(void)state;
	check_heads("revision a\nlabel x, head, x\nup { }\n", 2,
		    "t.mig:2:10: error: \"head\" is reserved and cannot be "
		    "a label\n"
		    "t.mig:2:16: error: \"x\" is listed twice\n");
}

/* --- statement errors ---------------------------------------------------- */

static void test_parser_unknown_dialect(void **state)
{
	(void)state;
	check_diags("revision a\nup { sql oracle $$ x $$; }\n",
		    "t.mig:2:10: error: unknown dialect \"oracle\" (expected "
		    "postgresql, sqlite or mysql)\n"
		    "up { sql oracle $$ x $$; }\n"
		    "         ^~~~~~\n");
}

static void test_parser_duplicate_dialect(void **state)
{
	(void)state;
	check_first("revision a\nup { sql sqlite, mysql, SQLite $$ x $$; }\n",
		    "t.mig:2:25: error: dialect \"sqlite\" is listed twice");
}

static void test_parser_values_too_few(void **state)
{
	(void)state;
	check_diags("revision a\nup { insert into t (a, b) values (1, 2), "
		    "(3); }\n",
		    "t.mig:2:42: error: row has 1 value but 2 columns are "
		    "listed\n"
		    "up { insert into t (a, b) values (1, 2), (3); }\n"
		    "                                         ^~~\n");
}

static void test_parser_values_too_many(void **state)
{
	(void)state;
	check_first("revision a\nup { insert into t (a) values (1, 2); }\n",
		    "t.mig:2:31: error: row has 2 values but 1 column is "
		    "listed");
}

static void test_parser_empty_check(void **state)
{
	(void)state;
	check_diags("revision a\nup { create table t (a int check ()); }\n",
		    "t.mig:2:34: error: empty expression\n"
		    "up { create table t (a int check ()); }\n"
		    "                                 ^~\n");
}

static void test_parser_empty_expr_elsewhere(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int, check ( )); }\n",
		    "t.mig:2:35: error: empty expression");
	check_first("revision a\nup { create index on t (a) where (\t); }\n",
		    "t.mig:2:34: error: empty expression");
	check_first("revision a\nup { alter table t alter a set default (); "
		    "}\n",
		    "t.mig:2:40: error: empty expression");
	check_first("revision a\nup { alter table t alter a type int "
		    "using (); }\n",
		    "t.mig:2:43: error: empty expression");
}

static void test_parser_type_takes_no_args(void **state)
{
	(void)state;
	check_diags("revision a\nup { create table t (a integer(5)); }\n",
		    "t.mig:2:24: error: type \"integer\" takes no arguments\n"
		    "up { create table t (a integer(5)); }\n"
		    "                       ^~~~~~~~~~\n");
}

static void test_parser_type_too_many_args(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a numeric(1,2,3)); }\n",
		    "t.mig:2:24: error: type \"numeric\" takes at most 2 "
		    "arguments");
	check_first("revision a\nup { create table t (a varchar(1, 2)); }\n",
		    "t.mig:2:24: error: type \"varchar\" takes at most 1 "
		    "argument");
}

static void test_parser_type_arg_not_positive(void **state)
{
	(void)state;
	check_diags("revision a\nup { create table t (a varchar(0)); }\n",
		    "t.mig:2:32: error: argument of type \"varchar\" must be "
		    "a positive integer\n"
		    "up { create table t (a varchar(0)); }\n"
		    "                               ^\n");
	check_first("revision a\nup { create table t (a char(-1)); }\n",
		    "t.mig:2:29: error: argument of type \"char\" must be "
		    "a positive integer");
}

static void test_parser_type_arg_not_integer(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a varchar(x)); }\n",
		    "t.mig:2:32: error: argument of type \"varchar\" must be "
		    "a positive integer");
	check_first("revision a\nup { alter table t add a "
		    "character varying(2.5); }\n",
		    "t.mig:2:44: error: argument of type \"varchar\" must be "
		    "a positive integer");
}

static void test_parser_on_delete_twice(void **state)
{
	(void)state;
	check_diags("revision a\nup { create table t (a int references u "
		    "on delete cascade on delete restrict); }\n",
		    "t.mig:2:59: error: ON DELETE is given twice\n"
		    "up { create table t (a int references u on delete "
		    "cascade on delete restrict); }\n"
		    "                                      "
		    "                    ^~~~~~~~~~~~~~~~~~\n");
}

static void test_parser_on_update_twice(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int, foreign key (a) "
		    "references u (id) on update cascade on delete cascade "
		    "on update set null); }\n",
		    "t.mig:2:99: error: ON UPDATE is given twice");
}

static void test_parser_table_without_columns(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (primary key (a)); }\n",
		    "t.mig:2:19: error: table \"t\" has no columns");
}

static void test_parser_fk_arity(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int, b int, "
		    "foreign key (a, b) references u (x)); }\n",
		    "t.mig:2:36: error: foreign key has 2 columns but "
		    "references 1");
	check_first("revision a\nup { create table t (a int references "
		    "u (x, y)); }\n",
		    "t.mig:2:45: error: a column's references clause names "
		    "one column; use a table constraint 'foreign key (...) "
		    "references ...'");
}

/* --- whole-file errors ------------------------------------------------- */

static void test_parser_empty_file(void **state)
{
	(void)state;
	check_diags("", "t.mig:1:1: error: no revision in this file\n"
			"\n"
			"^\n");
}

static void test_parser_comment_only_file(void **state)
{
	(void)state;
	check_first("-- nothing here\n/* still nothing */\n",
		    "t.mig:1:1: error: no revision in this file");
}

/* src: one revision whose up block holds n bad statements. */
static char *many_errors(int n)
{
	struct strbuf sb;
	int i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "revision a\nup {\n");
	for (i = 1; i <= n; i++)
		strbuf_addf(&sb, "  drop t%d;\n", i);
	strbuf_addstr(&sb, "}\n");
	return strbuf_detach(&sb, NULL);
}

static void test_parser_error_cap(void **state)
{
	struct tparse t;
	char *src = many_errors(150), *heads;
	const char *p;
	int n = 0;

	(void)state;
	tparse_run(&t, src);
	heads = diag_heads(&t);
	for (p = heads; (p = strstr(p, "t.mig:")) != NULL; p++)
		n++;
	assert_int_equal(n, DIAG_MAX_ERRORS);
	assert_non_null(strstr(heads, "t.mig:102:8: error: "));
	assert_null(strstr(heads, "t.mig:103:"));
	free(heads);
	free(src);
	tparse_free(&t);
}

static void test_parser_nested_too_deeply(void **state)
{
	struct tparse t;
	struct strbuf sb;
	int i;

	(void)state;
	strbuf_init(&sb);
	strbuf_addstr(&sb, "revision a\nup {\n  create table t (a int check ");
	for (i = 0; i < 20000; i++)
		strbuf_addch(&sb, '(');
	for (i = 0; i < 20000; i++)
		strbuf_addch(&sb, ')');
	strbuf_addstr(&sb, ");\n}\n");
	tparse_run(&t, sb.buf);
	assert_int_equal(strncmp(t.diags, "t.mig:3:", 8), 0);
	assert_non_null(strstr(t.diags, ": error: input is nested too "
					"deeply\n"));
	assert_int_equal(t.errors, 1);
	strbuf_release(&sb);
	tparse_free(&t);
}

/* Regressions: bugs found while writing these tests, now fixed. */
/* "at most 100, then a count": past the cap the run says so. */
static void test_parser_regression_error_cap_count(void **state)
{
	struct tparse t;
	char *src = many_errors(150);

	(void)state;
	tparse_run(&t, src);
	assert_non_null(strstr(t.diags, "\nretort: error: too many errors, "
					"stopped after 100\n"));
	free(src);
	tparse_free(&t);
}

/* The source line under the last diagnostic shown is printed whole. */
static void test_parser_regression_source_intact_after_cap(void **state)
{
	struct tparse t;
	char *src = many_errors(150);

	(void)state;
	tparse_run(&t, src);
	assert_non_null(strstr(t.diags, "t.mig:102:8: error: syntax error, "
				"unexpected identifier, expecting 'index' or "
				"'table' or 'type' or 'sequence'\n  drop t100;\n"));
	free(src);
	tparse_free(&t);
}

static void test_parser_regression_source_intact_after_abort(void **state)
{
	struct tparse t;
	struct strbuf sb;
	int i;

	(void)state;
	strbuf_init(&sb);
	strbuf_addstr(&sb, "revision a\nup {\n  create table t (a int check ");
	for (i = 0; i < 20000; i++)
		strbuf_addch(&sb, '(');
	for (i = 0; i < 20000; i++)
		strbuf_addch(&sb, ')');
	strbuf_addstr(&sb, ");\n}\n");
	tparse_run(&t, sb.buf);
	assert_non_null(strstr(t.diags, ")));\n  "));
	strbuf_release(&sb);
	tparse_free(&t);
}

/* "to match this" names the bracket left open, not the unexpected one. */
static void test_parser_regression_note_not_on_unexpected_brace(void **state)
{
	(void)state;
	check_heads("revision a\nup { {\n}\n", 1,
		    "t.mig:2:6: error: syntax error, unexpected '{', "
		    "expecting a statement or '}'\n"
		    "t.mig:2:4: note: to match this '{'\n");
}

static void test_parser_regression_note_not_on_unexpected_paren(void **state)
{
	(void)state;
	check_heads("revision a\nup {\n  create table t (a double "
		    "precision(3));\n}\n", 1,
		    "t.mig:3:37: error: syntax error, unexpected '(', "
		    "expecting ')'\n"
		    "t.mig:3:18: note: to match this '('\n");
}

/* The duplicate action is pointed at from its 'on', past comments. */
static void test_parser_regression_on_delete_twice_after_comment(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int references u "
		    "on delete cascade /* c */ on delete restrict); }\n",
		    "t.mig:2:67: error: ON DELETE is given twice");
}

/* numeric(p, s): a scale of 0 is valid in every dialect. */
static void test_parser_regression_numeric_scale_zero(void **state)
{
	(void)state;
	check_up("create table t (a numeric(10, 0), b decimal(5,0));",
		 "(create_table t (column a numeric(10 0)) "
		 "(column b decimal(5 0)))\n");
}

/* A '#' line comment inside an expression is a comment too. */
static void test_parser_regression_hash_comment_only_expr(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int check (\n"
		    "  # note\n  )); }\n",
		    "t.mig:2:34: error: empty expression");
}

/* A comment stands for a blank: a comment-only expression is empty. */
static void test_parser_regression_comment_only_expr(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int check "
		    "( /* none */ )); }\n",
		    "t.mig:2:34: error: empty expression");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parser_column_constraints),
		cmocka_unit_test(test_parser_column_default_expr),
		cmocka_unit_test(test_parser_column_references_forms),
		cmocka_unit_test(test_parser_named_column_constraints),
		cmocka_unit_test(test_parser_fk_on_delete_actions),
		cmocka_unit_test(test_parser_fk_on_update_actions),
		cmocka_unit_test(test_parser_fk_both_actions_any_order),
		cmocka_unit_test(test_parser_table_constraints),
		cmocka_unit_test(test_parser_named_table_constraints),
		cmocka_unit_test(test_parser_create_table_qualified_quoted),
		cmocka_unit_test(test_parser_drop_table),
		cmocka_unit_test(test_parser_alter_rename_table),
		cmocka_unit_test(test_parser_alter_add_column),
		cmocka_unit_test(test_parser_alter_drop_column),
		cmocka_unit_test(test_parser_alter_rename_column),
		cmocka_unit_test(test_parser_alter_type),
		cmocka_unit_test(test_parser_alter_set_data_type),
		cmocka_unit_test(test_parser_alter_type_using),
		cmocka_unit_test(test_parser_alter_not_null),
		cmocka_unit_test(test_parser_alter_set_default),
		cmocka_unit_test(test_parser_alter_drop_default),
		cmocka_unit_test(test_parser_alter_add_constraint),
		cmocka_unit_test(test_parser_alter_drop_constraint),
		cmocka_unit_test(test_parser_create_index_named),
		cmocka_unit_test(test_parser_create_index_unnamed),
		cmocka_unit_test(test_parser_create_unique_index),
		cmocka_unit_test(test_parser_create_index_asc_desc),
		cmocka_unit_test(test_parser_create_index_where),
		cmocka_unit_test(test_parser_enum_types),
		cmocka_unit_test(test_parser_now_precise),
		cmocka_unit_test(test_parser_array_types),
		cmocka_unit_test(test_parser_sequences),
		cmocka_unit_test(test_parser_insert_query),
		cmocka_unit_test(test_parser_drop_index),
		cmocka_unit_test(test_parser_insert_rows),
		cmocka_unit_test(test_parser_update_delete),
		cmocka_unit_test(test_parser_comment_on),
		cmocka_unit_test(test_parser_renames),
		cmocka_unit_test(test_parser_index_kinds),
		cmocka_unit_test(test_parser_deferrable),
		cmocka_unit_test(test_parser_guards),
		cmocka_unit_test(test_parser_insert_time_literals),
		cmocka_unit_test(test_parser_sql_every_dialect),
		cmocka_unit_test(test_parser_sql_one_dialect),
		cmocka_unit_test(test_parser_sql_dialect_list),
		cmocka_unit_test(test_parser_portable_types),
		cmocka_unit_test(test_parser_multiword_types),
		cmocka_unit_test(test_parser_nonportable_type_warning),
		cmocka_unit_test(test_parser_nonportable_type_with_args),
		cmocka_unit_test(test_parser_default_literals),
		cmocka_unit_test(test_parser_expr_nested_parens),
		cmocka_unit_test(test_parser_expr_parens_in_strings),
		cmocka_unit_test(test_parser_expr_qidents),
		cmocka_unit_test(test_parser_expr_keywords_verbatim),
		cmocka_unit_test(test_parser_message_multiline),
		cmocka_unit_test(test_parser_depends_list),
		cmocka_unit_test(test_parser_requires_and_label),
		cmocka_unit_test(test_parser_created),
		cmocka_unit_test(test_parser_transactional),
		cmocka_unit_test(test_parser_clauses_any_order),
		cmocka_unit_test(test_parser_blocks),
		cmocka_unit_test(test_parser_several_revisions),
		cmocka_unit_test(test_parser_keyword_named_columns),
		cmocka_unit_test(test_parser_quoted_reserved_names),
		cmocka_unit_test(test_parser_expecting_table_or_index),
		cmocka_unit_test(test_parser_expecting_paren),
		cmocka_unit_test(test_parser_expecting_semicolon),
		cmocka_unit_test(test_parser_expecting_fk_action),
		cmocka_unit_test(test_parser_expecting_revision),
		cmocka_unit_test(test_parser_expecting_block),
		cmocka_unit_test(test_parser_expecting_a_name),
		cmocka_unit_test(test_parser_expecting_a_statement),
		cmocka_unit_test(test_parser_recovery_everywhere),
		cmocka_unit_test(test_parser_recovery_keeps_good_statements),
		cmocka_unit_test(test_parser_missing_brace_at_eof),
		cmocka_unit_test(test_parser_missing_brace_before_revision),
		cmocka_unit_test(test_parser_missing_paren),
		cmocka_unit_test(test_parser_brace_inside_expr),
		cmocka_unit_test(test_parser_duplicate_clause),
		cmocka_unit_test(test_parser_duplicate_depends),
		cmocka_unit_test(test_parser_duplicate_up_block),
		cmocka_unit_test(test_parser_duplicate_down_block),
		cmocka_unit_test(test_parser_missing_up_block),
		cmocka_unit_test(test_parser_id_32_chars),
		cmocka_unit_test(test_parser_id_33_chars),
		cmocka_unit_test(test_parser_id_head_any_case),
		cmocka_unit_test(test_parser_id_reserved_as_string),
		cmocka_unit_test(test_parser_id_clause_word_as_string),
		cmocka_unit_test(test_parser_id_in_depends_reserved),
		cmocka_unit_test(test_parser_id_bad_characters),
		cmocka_unit_test(test_parser_id_empty),
		cmocka_unit_test(test_parser_created_bad_format),
		cmocka_unit_test(test_parser_created_impossible_date),
		cmocka_unit_test(test_parser_created_not_string),
		cmocka_unit_test(test_parser_transactional_not_bool),
		cmocka_unit_test(test_parser_message_not_string),
		cmocka_unit_test(test_parser_depends_listed_twice),
		cmocka_unit_test(test_parser_label_errors),
		cmocka_unit_test(test_parser_unknown_dialect),
		cmocka_unit_test(test_parser_duplicate_dialect),
		cmocka_unit_test(test_parser_values_too_few),
		cmocka_unit_test(test_parser_values_too_many),
		cmocka_unit_test(test_parser_empty_check),
		cmocka_unit_test(test_parser_empty_expr_elsewhere),
		cmocka_unit_test(test_parser_type_takes_no_args),
		cmocka_unit_test(test_parser_type_too_many_args),
		cmocka_unit_test(test_parser_type_arg_not_positive),
		cmocka_unit_test(test_parser_type_arg_not_integer),
		cmocka_unit_test(test_parser_on_delete_twice),
		cmocka_unit_test(test_parser_on_update_twice),
		cmocka_unit_test(test_parser_table_without_columns),
		cmocka_unit_test(test_parser_fk_arity),
		cmocka_unit_test(test_parser_empty_file),
		cmocka_unit_test(test_parser_comment_only_file),
		cmocka_unit_test(test_parser_error_cap),
		cmocka_unit_test(test_parser_nested_too_deeply),
		cmocka_unit_test(test_parser_regression_error_cap_count),
		cmocka_unit_test(test_parser_regression_source_intact_after_cap),
		cmocka_unit_test(test_parser_regression_source_intact_after_abort),
		cmocka_unit_test(test_parser_regression_note_not_on_unexpected_brace),
		cmocka_unit_test(test_parser_regression_note_not_on_unexpected_paren),
		cmocka_unit_test(test_parser_regression_on_delete_twice_after_comment),
		cmocka_unit_test(test_parser_regression_numeric_scale_zero),
		cmocka_unit_test(test_parser_regression_comment_only_expr),
		cmocka_unit_test(test_parser_regression_hash_comment_only_expr),
	};

	return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
