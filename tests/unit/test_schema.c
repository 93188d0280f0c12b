/*
 * test_schema.c: the schema model (schema*.c): replaying revisions, the
 * snapshot, the names the compiler gives, every semantic error with its
 * exact position and notes, down blocks, clones and rollback.
 */
#include "testutil.h"

#include "schema.h"

/* One run of parse, resolve and schema_replay over "t.mig". */
struct tschema {
	struct rt_ctx ctx;
	struct ast_file *file;
	struct schema *schema;
	int errors;		/* schema_replay's count */
	unsigned warnings;
	char *diags;		/* everything diag_flush printed (malloc) */
	char *dump;		/* schema_dump of the final model (malloc) */
};

static char *dump_of(const struct schema *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	schema_dump(&sb, s);
	return strbuf_detach(&sb, NULL);
}

static void flush_to(struct rt_ctx *ctx, char **out)
{
	size_t n = 0;
	FILE *mem = open_memstream(out, &n);

	assert_non_null(mem);
	diag_flush(ctx, mem);
	fclose(mem);
}

/* The revisions of the file in the order written. */
static struct ast_revision **rev_list(const struct ast_file *f, size_t *n)
{
	struct ast_revision **revs = calloc(f->nrevs + 1, sizeof(*revs));
	struct ast_revision *r;

	assert_non_null(revs);
	*n = 0;
	for (r = f->revs; r; r = r->next)
		revs[(*n)++] = r;
	return revs;
}

static void ts_run_watched(struct tschema *t, const char *src,
			   const struct schema_watch *w)
{
	struct ast_revision **revs;
	size_t n;
	uint32_t id;
	int front;

	memset(t, 0, sizeof(*t));
	rt_ctx_init(&t->ctx);
	id = src_add(&t->ctx, "t.mig", src, strlen(src));
	front = parse_file(&t->ctx, id, &t->file);
	front += resolve_file(&t->ctx, t->file);
	resolve_types(&t->ctx, &t->file, 1);
	if (front) {
		flush_to(&t->ctx, &t->diags);
		fail_msg("front end errors:\n%s", t->diags);
	}
	revs = rev_list(t->file, &n);
	t->errors = schema_replay(&t->ctx, revs, n, w, &t->schema);
	free(revs);
	t->warnings = t->ctx.diags.warnings;
	flush_to(&t->ctx, &t->diags);
	t->dump = dump_of(t->schema);
}

static void ts_run(struct tschema *t, const char *src)
{
	ts_run_watched(t, src, NULL);
}

static void ts_free(struct tschema *t)
{
	free(t->diags);
	free(t->dump);
	rt_ctx_release(&t->ctx);
}

/* "revision a\nup {\n" body "\n}\n": body starts on line 3. */
static char *up_src(const char *body)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "revision a\nup {\n%s\n}\n", body);
	return strbuf_detach(&sb, NULL);
}

/* The "file:line:col: level: message" lines, without source and marker
 * lines. */
static char *heads_of(const char *diags)
{
	const char *p = diags, *nl;
	struct strbuf sb;

	strbuf_init(&sb);
	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (strncmp(p, "t.mig:", 6) == 0)
			strbuf_add(&sb, p, (size_t)(nl - p + 1));
	}
	return strbuf_detach(&sb, NULL);
}

/* Replaying src gives no diagnostics and the snapshot want. */
static void check_dump_src(const char *src, const char *want)
{
	struct tschema t;

	ts_run(&t, src);
	assert_string_equal(t.diags, "");
	assert_int_equal(t.errors, 0);
	assert_string_equal(t.dump, want);
	ts_free(&t);
}

static void check_dump(const char *body, const char *want)
{
	char *src = up_src(body);

	check_dump_src(src, want);
	free(src);
}

/* Replaying src raises nerr errors, with these diagnostic heads. */
static void check_heads_src(const char *src, int nerr, const char *want)
{
	struct tschema t;
	char *heads;

	ts_run(&t, src);
	heads = heads_of(t.diags);
	assert_string_equal(heads, want);
	assert_int_equal(t.errors, nerr);
	free(heads);
	ts_free(&t);
}

static void check_heads(const char *body, int nerr, const char *want)
{
	char *src = up_src(body);

	check_heads_src(src, nerr, want);
	free(src);
}

#define USERS "create table users (id integer primary key, email text);\n"

/* The snapshot */

static void test_schema_dump_create(void **state)
{
	(void)state;
	check_dump(
		"create table users (\n"
		"  id bigint primary key autoincrement,\n"
		"  email varchar(255) not null unique,\n"
		"  name text default 'it''s',\n"
		"  score numeric(10, 2) default -1.5,\n"
		"  born date default (current_date\n   - 1),\n"
		"  ok bool not null default true,\n"
		"  at timestamp with time zone default current_timestamp,\n"
		"  boss bigint references users on delete set null,\n"
		"  check (score >= 0)\n"
		");\n"
		"create unique index ux on users (name desc, email) "
		"where (ok);",
		"table users\n"
		"  column id bigint not null autoincrement\n"
		"  column email varchar(255) not null\n"
		"  column name text default 'it''s'\n"
		"  column score numeric(10, 2) default -1.5\n"
		"  column born date default (current_date - 1)\n"
		"  column ok boolean not null default true\n"
		"  column at timestamptz default current_timestamp\n"
		"  column boss bigint\n"
		"  constraint ck_users_1 check (score >= 0)\n"
		"  constraint fk_users_boss_users foreign key (boss) "
		"references users (id) on delete set null\n"
		"  constraint pk_users primary key (id)\n"
		"  constraint uq_users_email unique (email)\n"
		"  unique index ux (name desc, email) where (ok)\n");
}

/* Sequences: after the tables, by schema and name, with the options
 * given; a default that draws from one; a clone keeps them. */
static void test_schema_dump_sequences(void **state)
{
	static const char want[] =
		"table t\n"
		"  column a bigint default nextval(s.\"N\")\n"
		"sequence m increment 3 start 7 no cycle\n"
		"sequence s.\"N\" as integer increment -2 minvalue -9 maxvalue -1"
		" start -1 cache 5 cycle\n";
	struct tschema t;
	struct schema *s, *c;
	char *dump;

	(void)state;
	check_dump("create sequence s.\"N\" as int increment by -2 minvalue -9"
		   " maxvalue -1 start with -1 cache 5 cycle;"
		   " create sequence m increment 3 start 7 no cycle;"
		   " create sequence gone;"
		   " create table t (a bigint default nextval(s.\"N\"));"
		   " drop sequence gone;", want);
	ts_run(&t, "revision a\nup { create sequence m; }\n");
	s = schema_new(&t.ctx);
	assert_int_equal(schema_apply(&t.ctx, s, t.file->revs->up, NULL), 0);
	c = schema_clone(&t.ctx, s);
	dump = dump_of(c);
	assert_string_equal(dump, "sequence m\n");
	free(dump);
	ts_free(&t);
}

static void test_schema_dump_sequence(void **state)
{
	(void)state;
	check_dump_src(
		"revision a\nup {\n"
		"create table users (id integer primary key, email text);\n"
		"create table orders (id integer primary key, uid integer,\n"
		"  total integer);\n"
		"}\n"
		"revision b\nup {\n"
		"alter table users add column name varchar(50);\n"
		"alter table users rename column email to mail;\n"
		"alter table users add constraint uq_mail unique (mail);\n"
		"alter table orders add foreign key (uid) references users;\n"
		"create index on orders (uid, total desc);\n"
		"create index ix_tmp on orders (total);\n"
		"drop index ix_tmp;\n"
		"alter table orders add check (total > 0);\n"
		"alter table users rename to people;\n"
		"alter table people alter column name type text;\n"
		"alter table people alter column name set not null;\n"
		"alter table people alter column name set default 'x';\n"
		"alter table people alter column mail set default ('@');\n"
		"alter table people alter column mail drop default;\n"
		"alter table orders alter column total set default 0;\n"
		"alter table orders alter column uid set not null;\n"
		"alter table orders alter column uid drop not null;\n"
		"alter table orders drop constraint ck_orders_1;\n"
		"create table audit.events (id integer, what text);\n"
		"create index on audit.events (what);\n"
		"}\n",
		"table orders\n"
		"  column id integer not null\n"
		"  column uid integer\n"
		"  column total integer default 0\n"
		"  constraint fk_orders_uid_users foreign key (uid) "
		"references people (id)\n"
		"  constraint pk_orders primary key (id)\n"
		"  index ix_orders_uid_total (uid, total desc)\n"
		"table people\n"
		"  column id integer not null\n"
		"  column mail text\n"
		"  column name text not null default 'x'\n"
		"  constraint pk_users primary key (id)\n"
		"  constraint uq_mail unique (mail)\n"
		"table audit.events\n"
		"  column id integer\n"
		"  column what text\n"
		"  index ix_events_what (what)\n");
}

static void test_schema_dump_quoted(void **state)
{
	(void)state;
	/* Quoted names keep their spelling; the model folds them. */
	check_dump(
		"create table \"Users\" (\"Id\" integer, \"a\"\"b\" text,\n"
		"  \"X\" int, unique (\"id\", x), check (\"a\"\"b\" <> ''));\n"
		"create index \"Ix\" on users (\"x\");\n"
		"alter table USERS add column \"Y\" int;\n"
		"alter table \"users\" rename column y to \"Why\";\n"
		"alter table users drop column \"A\"\"B\";\n",
		"table \"Users\"\n"
		"  column \"Id\" integer\n"
		"  column \"X\" integer\n"
		"  column \"Why\" integer\n"
		"  constraint uq_users_id_x unique (\"Id\", \"X\")\n"
		"  index \"Ix\" (\"X\")\n");
}

/* Names the compiler gives */

static void test_schema_names_generated(void **state)
{
	(void)state;
	check_dump(
		"create table \"Shop\".\"Items\" (\"Code\" text primary key,\n"
		"  a int unique, b int, c int, unique (b, c));\n"
		"create table lines (code text, item text,\n"
		"  foreign key (code, item) references \"shop\".items (b, c));\n"
		"create index on lines (item, code);",
		"table lines\n"
		"  column code text\n"
		"  column item text\n"
		"  constraint fk_lines_code_item_items foreign key (code, item) "
		"references \"Shop\".\"Items\" (b, c)\n"
		"  index ix_lines_item_code (item, code)\n"
		"table \"Shop\".\"Items\"\n"
		"  column \"Code\" text not null\n"
		"  column a integer\n"
		"  column b integer\n"
		"  column c integer\n"
		"  constraint pk_items primary key (\"Code\")\n"
		"  constraint uq_items_a unique (a)\n"
		"  constraint uq_items_b_c unique (b, c)\n");
}

static void test_schema_names_check_numbers(void **state)
{
	(void)state;
	/* Given names take numbers too; a drop frees its number. */
	check_dump(
		"create table t (a int check (a > 0), b int,\n"
		"  constraint ck_t_2 check (b > 0), check (a < b),\n"
		"  constraint ck_t_5 check (a <> 7));\n"
		"alter table t drop constraint ck_t_1;\n"
		"alter table t add check (a > 1);\n"
		"alter table t add check (a > 2);\n"
		"alter table t add check (a > 3);",
		"table t\n"
		"  column a integer\n"
		"  column b integer\n"
		"  constraint ck_t_1 check (a > 1)\n"
		"  constraint ck_t_2 check (b > 0)\n"
		"  constraint ck_t_3 check (a < b)\n"
		"  constraint ck_t_4 check (a > 2)\n"
		"  constraint ck_t_5 check (a <> 7)\n"
		"  constraint ck_t_6 check (a > 3)\n");
}

/*
 * Over 63 bytes: 54 bytes, '_', 8 hex digits of the sha256 of the whole
 * name, computed independently with `printf %s NAME | sha256sum`:
 *   uq_customer_loyalty_programme_memberships_membership_reference_code
 *     (67 bytes) -> f8cc0c4f
 *   ix_customer_loyalty_programme_memberships_abcdefghij_abcdefghij_
 *     abcdefghij_abcdefghij_abcde (91 bytes) -> 4e7ca385
 * fk_customer_loyalty_programme_memberships_customer_id_customers is
 * exactly 63 bytes and stays whole.
 */
static void test_schema_names_long(void **state)
{
	(void)state;
	check_dump(
		"create table customers (id int primary key);\n"
		"create table customer_loyalty_programme_memberships (\n"
		"  membership_reference_code text unique,\n"
		"  customer_id int references customers,\n"
		"  abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcde int);\n"
		"create index on customer_loyalty_programme_memberships\n"
		"  (abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcde);",
		"table customer_loyalty_programme_memberships\n"
		"  column membership_reference_code text\n"
		"  column customer_id integer\n"
		"  column abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcde "
		"integer\n"
		"  constraint fk_customer_loyalty_programme_memberships_customer_"
		"id_customers foreign key (customer_id) references customers "
		"(id)\n"
		"  constraint uq_customer_loyalty_programme_memberships_membership"
		"_r_f8cc0c4f unique (membership_reference_code)\n"
		"  index ix_customer_loyalty_programme_memberships_abcdefghij_a_"
		"4e7ca385 (abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcde)\n"
		"table customers\n"
		"  column id integer not null\n"
		"  constraint pk_customers primary key (id)\n");
}

#define A10 "aaaaaaaaaa"

/*
 * The boundary, case folding and UTF-8, with hashes computed by
 * `printf %s NAME | sha256sum`:
 *   ix_ and 61 a's (64 bytes) -> f23ac776
 *   pk_, 50 a's, U+00E9 (bytes 53 and 54), 10 z's (65 bytes) -> 0bee1eb0
 */
static void test_schema_names_fit(void **state)
{
	struct rt_ctx ctx;
	const char *n63 = "ix_" A10 A10 A10 A10 A10 A10;
	const char *n64 = "IX_" A10 A10 A10 A10 A10 A10 "A";
	const char *utf8 = "pk_" A10 A10 A10 A10 A10 "\xc3\xa9zzzzzzzzzz";
	const char *cols[] = { "b", "c" };

	(void)state;
	rt_ctx_init(&ctx);
	assert_int_equal(strlen(n63), 63);
	assert_string_equal(schema_name_fit(&ctx, n63, 63), n63);
	assert_string_equal(schema_name_fit(&ctx, n64, 64),
			    "ix_" A10 A10 A10 A10 A10 "a_f23ac776");
	/* The cut backs off to the start of the two-byte character. */
	assert_string_equal(schema_name_fit(&ctx, utf8, strlen(utf8)),
			    "pk_" A10 A10 A10 A10 A10 "_0bee1eb0");
	/* Results are interned: the same name is the same pointer. */
	assert_ptr_equal(schema_name_fit(&ctx, "PK_T", 4),
			 schema_name_pk(&ctx, "t"));
	assert_string_equal(schema_name_pk(&ctx, "t"), "pk_t");
	assert_string_equal(schema_name_unique(&ctx, "t", cols, 2), "uq_t_b_c");
	assert_string_equal(schema_name_fk(&ctx, "t", cols, 1, "u"),
			    "fk_t_b_u");
	assert_string_equal(schema_name_index(&ctx, "t", cols + 1, 1),
			    "ix_t_c");
	rt_ctx_release(&ctx);
}

/* Unknown objects */

static void test_schema_error_unknown_table(void **state)
{
	(void)state;
	check_heads("alter table users add column x int;\n"
		    "drop table audit.users;\n"
		    "create index on users (id);\n"
		    "insert into users (id) values (1);\n"
		    "create table t (u int references users);", 5,
		    "t.mig:3:13: error: table \"users\" does not exist\n"
		    "t.mig:4:12: error: table \"audit.users\" does not exist\n"
		    "t.mig:5:17: error: table \"users\" does not exist\n"
		    "t.mig:6:13: error: table \"users\" does not exist\n"
		    "t.mig:7:34: error: table \"users\" does not exist\n");
}

static void test_schema_error_unknown_column(void **state)
{
	(void)state;
	check_heads(USERS
		    "create index ix_users_email on users (emial);\n"
		    "alter table users alter column phone set not null;\n"
		    "alter table users alter column phone drop not null;\n"
		    "alter table users alter column phone type text;\n"
		    "alter table users alter column phone set default 1;\n"
		    "alter table users alter column phone drop default;\n"
		    "alter table users drop column phone;\n"
		    "alter table users rename column phone to x;\n"
		    "alter table users add unique (id, phone);\n", 9,
		    "t.mig:4:39: error: table \"users\" has no column \"emial\" (did you mean \"email\"?)\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:5:32: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:6:32: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:7:32: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:8:32: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:9:32: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:10:31: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:11:33: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:12:35: error: table \"users\" has no column \"phone\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n");
}

static void test_schema_error_unknown_index(void **state)
{
	(void)state;
	check_heads(USERS
		    "drop index ix_nope;\n"
		    "drop index pk_users;\n"
		    "drop index users;\n", 3,
		    "t.mig:4:12: error: index \"ix_nope\" does not exist\n"
		    "t.mig:5:12: error: \"pk_users\" is a constraint, not an "
		    "index\n"
		    "t.mig:3:32: note: constraint \"pk_users\" is created here\n"
		    "t.mig:6:12: error: \"users\" is a table, not an index\n"
		    "t.mig:3:1: note: table \"users\" is created here\n");
}

static void test_schema_error_unknown_constraint(void **state)
{
	(void)state;
	check_heads(USERS
		    "create table t (a int primary key);\n"
		    "create index ix on users (email);\n"
		    "alter table users drop constraint nope;\n"
		    "alter table users drop constraint pk_t;\n"
		    "alter table users drop constraint ix;\n", 3,
		    "t.mig:6:35: error: table \"users\" has no constraint "
		    "\"nope\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:7:35: error: table \"users\" has no constraint "
		    "\"pk_t\"\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:8:35: error: table \"users\" has no constraint \"ix\"\n"
		    "t.mig:5:1: note: \"ix\" is an index, created here; drop it "
		    "with 'drop index'\n");
}

/* Creating what exists */

static void test_schema_error_exists(void **state)
{
	(void)state;
	check_heads(USERS
		    "create table \"USERS\" (x int);\n"
		    "create index ix on users (email);\n"
		    "create index ix on users (id);\n"
		    "alter table users add constraint ix unique (email);\n"
		    "create index pk_users on users (email);\n"
		    "create table ix (a int);\n"
		    "alter table users add unique (id);\n"
		    "alter table users add unique (id);\n", 6,
		    "t.mig:4:14: error: table \"users\" already exists\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:6:14: error: index \"ix\" already exists\n"
		    "t.mig:5:1: note: index \"ix\" is created here\n"
		    "t.mig:7:34: error: index \"ix\" already exists\n"
		    "t.mig:5:1: note: index \"ix\" is created here\n"
		    "t.mig:8:14: error: constraint \"pk_users\" already exists\n"
		    "t.mig:3:32: note: constraint \"pk_users\" is created here\n"
		    "t.mig:9:14: error: index \"ix\" already exists\n"
		    "t.mig:5:1: note: index \"ix\" is created here\n"
		    "t.mig:11:23: error: constraint \"uq_users_id\" already "
		    "exists\n"
		    "t.mig:10:23: note: constraint \"uq_users_id\" is created "
		    "here\n");
}

static void test_schema_error_duplicate_column(void **state)
{
	(void)state;
	check_heads("create table t (a int, b int, A text);\n"
		    "alter table t add column b int;\n"
		    "alter table t rename column a to b;\n"
		    "create table u (a int);\n"
		    "alter table u rename to t;\n", 4,
		    "t.mig:3:31: error: table \"t\" already has a column \"a\"\n"
		    "t.mig:3:17: note: column \"a\" is created here\n"
		    "t.mig:4:26: error: table \"t\" already has a column \"b\"\n"
		    "t.mig:3:24: note: column \"b\" is created here\n"
		    "t.mig:5:34: error: table \"t\" already has a column \"b\"\n"
		    "t.mig:3:24: note: column \"b\" is created here\n"
		    "t.mig:7:25: error: table \"t\" already exists\n"
		    "t.mig:3:1: note: table \"t\" is created here\n");
}

static void test_schema_error_listed_twice(void **state)
{
	(void)state;
	check_heads(USERS
		    "insert into users (id, email, id) values (1, 'a', 2);\n"
		    "create index on users (email, email);\n"
		    "alter table users add unique (email, EMAIL);\n", 3,
		    "t.mig:4:31: error: column \"id\" is listed twice\n"
		    "t.mig:5:31: error: column \"email\" is listed twice\n"
		    "t.mig:6:38: error: column \"email\" is listed twice\n");
}

/* Dropping a column */

static void test_schema_drop_column_takes_own(void **state)
{
	(void)state;
	/* One-column constraints and indexes of the column go with it. */
	check_dump("create table t (id int primary key, a int unique "
		   "check (a > 0), b int references t, c int);\n"
		   "create index on t (a);\n"
		   "create index ix_aa on t (a) where (a > 0);\n"
		   "create index on t (c) where (c > 0);\n"
		   "alter table t drop column a;\n"
		   "alter table t drop column b;\n",
		   "table t\n"
		   "  column id integer not null\n"
		   "  column c integer\n"
		   "  constraint pk_t primary key (id)\n"
		   "  index ix_t_c (c) where (c > 0)\n");
}

static void test_schema_error_drop_column_blocked(void **state)
{
	(void)state;
	check_heads("create table t (id int primary key, a int, b int,\n"
		    "  c int, d int, check (a < b));\n"
		    "create table u (x int, t_id int references t);\n"
		    "create index ix_cd on t (c, d desc);\n"
		    "create index ix_w on t (id) where (\"d\" > 0);\n"
		    "alter table t drop column a;\n"
		    "alter table t drop column c;\n"
		    "alter table t drop column id;\n"
		    "drop index ix_cd;\n"
		    "alter table t drop column d;\n"
		    "alter table u drop column x;\n"
		    "alter table u drop column t_id;\n", 5,
		    "t.mig:8:27: error: cannot drop column \"a\" of table \"t\": "
		    "constraint \"ck_t_1\" still uses it\n"
		    "t.mig:4:17: note: constraint \"ck_t_1\" is created here\n"
		    "t.mig:9:27: error: cannot drop column \"c\" of table \"t\": "
		    "index \"ix_cd\" still uses it\n"
		    "t.mig:6:1: note: index \"ix_cd\" is created here\n"
		    "t.mig:10:27: error: cannot drop column \"id\" of table \"t\": "
		    "foreign key \"fk_u_t_id_t\" of table \"u\" references it\n"
		    "t.mig:5:33: note: constraint \"fk_u_t_id_t\" is created "
		    "here\n"
		    "t.mig:12:27: error: cannot drop column \"d\" of table \"t\": "
		    "index \"ix_w\" still uses it\n"
		    "t.mig:7:1: note: index \"ix_w\" is created here\n"
		    "t.mig:14:27: error: cannot drop column \"t_id\": it is the "
		    "only column of table \"u\"\n");
}

/* Foreign keys and keys */

static void test_schema_error_foreign_key(void **state)
{
	(void)state;
	check_heads(USERS
		    "create table nokey (a int);\n"
		    "create table two (a int, b int, primary key (a, b));\n"
		    "create table o1 (u text references users (email));\n"
		    "create table o2 (a int references nokey);\n"
		    "create table o3 (a int references two);\n"
		    "create table o4 (a int, b int,\n"
		    "  foreign key (a, b) references two (b, a));\n"
		    "create table o5 (a int, b int,\n"
		    "  foreign key (b, a) references two (a, b));\n", 4,
		    "t.mig:6:43: error: foreign key references \"users\" "
		    "(\"email\"), which is neither the primary key nor "
		    "unique\n"
		    "t.mig:3:1: note: table \"users\" is created here\n"
		    "t.mig:7:35: error: table \"nokey\" has no primary key for "
		    "the foreign key to reference\n"
		    "t.mig:4:1: note: table \"nokey\" is created here\n"
		    "t.mig:8:24: error: foreign key has 1 column but the primary "
		    "key of table \"two\" has 2\n"
		    "t.mig:5:33: note: constraint \"pk_two\" is created here\n"
		    "t.mig:10:38: error: foreign key references \"two\" (\"b\", "
		    "\"a\"), which is neither the primary key nor unique\n"
		    "t.mig:5:1: note: table \"two\" is created here\n");
}

static void test_schema_error_two_primary_keys(void **state)
{
	(void)state;
	check_heads("create table t (a int primary key, b int primary key);\n"
		    "alter table t add primary key (b);\n"
		    "create table u (a int, primary key (a), primary key (a));\n",
		    3,
		    "t.mig:3:42: error: multiple primary keys for table \"t\" "
		    "are not allowed\n"
		    "t.mig:3:23: note: constraint \"pk_t\" is created here\n"
		    "t.mig:4:19: error: multiple primary keys for table \"t\" "
		    "are not allowed\n"
		    "t.mig:3:23: note: constraint \"pk_t\" is created here\n"
		    "t.mig:5:41: error: multiple primary keys for table \"u\" "
		    "are not allowed\n"
		    "t.mig:5:24: note: constraint \"pk_u\" is created here\n");
}

static void test_schema_error_autoincrement(void **state)
{
	(void)state;
	check_heads("create table a (id text primary key autoincrement);\n"
		    "create table b (id int autoincrement);\n"
		    "create table c (x int, id int autoincrement,\n"
		    "  primary key (x, id));\n"
		    "create table d (id int primary key autoincrement "
		    "default 1);\n"
		    "create table e (id smallint primary key autoincrement);\n"
		    "alter table e alter column id type text;\n"
		    "alter table e alter column id set default 3;\n"
		    "alter table e drop constraint pk_e;\n"
		    "create table f (id int, x int primary key);\n"
		    "alter table f add column y bigint autoincrement;\n", 8,
		    "t.mig:3:37: error: autoincrement column \"id\" must be "
		    "smallint, integer or bigint\n"
		    "t.mig:4:24: error: autoincrement column \"id\" must be the "
		    "one-column primary key of its table\n"
		    "t.mig:5:31: error: autoincrement column \"id\" must be the "
		    "one-column primary key of its table\n"
		    "t.mig:7:36: error: autoincrement column \"id\" cannot have "
		    "a default\n"
		    "t.mig:9:36: error: autoincrement column \"id\" must be "
		    "smallint, integer or bigint\n"
		    "t.mig:10:43: error: autoincrement column \"id\" cannot have "
		    "a default\n"
		    "t.mig:11:31: error: cannot drop constraint \"pk_e\": column "
		    "\"id\" is autoincrement\n"
		    "t.mig:13:35: error: autoincrement column \"y\" must be the "
		    "one-column primary key of its table\n");
}

static void test_schema_autoincrement_ok(void **state)
{
	(void)state;
	check_dump("create table a (id bigint autoincrement, x int,\n"
		   "  primary key (id));\n"
		   "create table b (x int);\n"
		   "alter table b add column id integer primary key "
		   "autoincrement;\n"
		   "alter table b alter column id type bigint;\n"
		   "alter table b alter column id set not null;\n"
		   "insert into b (x) values (1), (2);\n",
		   "table a\n"
		   "  column id bigint not null autoincrement\n"
		   "  column x integer\n"
		   "  constraint pk_a primary key (id)\n"
		   "table b\n"
		   "  column x integer\n"
		   "  column id bigint not null autoincrement\n"
		   "  constraint pk_b primary key (id)\n");
}

static void test_schema_error_column_attrs(void **state)
{
	(void)state;
	check_heads("create table t (a int null not null, b int primary key "
		    "null,\n  c int default 1 default 2);\n"
		    "alter table t alter column b set not null;\n"
		    "alter table t alter column b drop not null;\n", 4,
		    "t.mig:3:23: error: conflicting null and not null for "
		    "column \"a\"\n"
		    "t.mig:3:56: error: conflicting null and not null for "
		    "column \"b\"\n"
		    "t.mig:4:19: error: column \"c\" has more than one default\n"
		    "t.mig:6:28: error: column \"b\" of table \"t\" is in a "
		    "primary key\n"
		    "t.mig:3:44: note: constraint \"pk_t\" is created here\n");
}

/* Dropping tables and constraints others depend on */

static void test_schema_error_drop_referenced(void **state)
{
	(void)state;
	check_heads(USERS
		    "create table orders (id int, uid int,\n"
		    "  constraint fk_owner foreign key (uid) references users);\n"
		    "create table tree (id int primary key, parent int "
		    "references tree);\n"
		    "drop table users;\n"
		    "alter table users drop constraint pk_users;\n"
		    "drop table tree;\n", 2,
		    "t.mig:7:12: error: cannot drop table \"users\": foreign key "
		    "\"fk_owner\" of table \"orders\" references it\n"
		    "t.mig:5:3: note: constraint \"fk_owner\" is created here\n"
		    "t.mig:8:35: error: cannot drop constraint \"pk_users\": "
		    "foreign key \"fk_owner\" of table \"orders\" references it\n"
		    "t.mig:5:3: note: constraint \"fk_owner\" is created here\n");
}

/* A table's foreign keys to itself: they do not stop a drop table, but
 * they hold their key and its columns; another key on the same columns
 * may stand in. */
static void test_schema_error_self_reference(void **state)
{
	(void)state;
	check_heads("create table t (id int primary key, code int unique, "
		    "parent int references t,\n"
		    "  other int references t (code));\n"
		    "alter table t drop column id;\n"
		    "alter table t add unique (id);\n"
		    "alter table t drop constraint pk_t;\n"
		    "alter table t drop constraint uq_t_id;\n"
		    "alter table t drop column parent;\n"
		    "alter table t drop constraint uq_t_id;\n"
		    "alter table t alter column id drop not null;\n"
		    "drop table t;\n", 2,
		    "t.mig:5:27: error: cannot drop column \"id\" of table "
		    "\"t\": foreign key \"fk_t_parent_t\" of table \"t\" "
		    "references it\n"
		    "t.mig:3:65: note: constraint \"fk_t_parent_t\" is created "
		    "here\n"
		    "t.mig:8:31: error: cannot drop constraint \"uq_t_id\": "
		    "foreign key \"fk_t_parent_t\" of table \"t\" references "
		    "it\n"
		    "t.mig:3:65: note: constraint \"fk_t_parent_t\" is created "
		    "here\n");
}

/* Errors in a create table come in the order written; a foreign key to
 * the table itself may name a key written after it. */
static void test_schema_errors_in_order(void **state)
{
	(void)state;
	check_heads("create table t (a int references nope, b int unique,\n"
		    "  p int references t (code), code int unique,\n"
		    "  unique (zz));\n", 2,
		    "t.mig:3:34: error: table \"nope\" does not exist\n"
		    "t.mig:5:11: error: table \"t\" has no column \"zz\"\n"
		    "t.mig:3:1: note: table \"t\" is created here\n");
}

static void test_schema_drop_table_after_fk(void **state)
{
	(void)state;
	check_dump(USERS
		   "create table orders (id int, uid int references users);\n"
		   "alter table orders drop constraint fk_orders_uid_users;\n"
		   "drop table users;\n"
		   "create table users (x int);\n",
		   "table orders\n"
		   "  column id integer\n"
		   "  column uid integer\n"
		   "table users\n"
		   "  column x integer\n");
}

/* Index names without a schema */

static void test_schema_drop_index_schemas(void **state)
{
	(void)state;
	check_heads("create table a.t (x int);\n"
		    "create table b.t (x int);\n"
		    "create table t (x int);\n"
		    "create index ia on a.t (x);\n"
		    "create index ib on b.t (x);\n"
		    "create index ix on a.t (x);\n"
		    "create index ix on b.t (x);\n"
		    "create index i on t (x);\n"
		    "create index i on a.t (x);\n"
		    "drop index ia;\n"
		    "drop index b.ib;\n"
		    "drop index ix;\n"
		    "drop index a.ib;\n"
		    "drop index i;\n"
		    "drop index i;\n"
		    "drop index a.i;\n", 3,
		    "t.mig:14:12: error: index \"ix\" is in more than one "
		    "schema; name its schema\n"
		    "t.mig:8:1: note: index \"a.ix\" is created here\n"
		    "t.mig:9:1: note: index \"b.ix\" is created here\n"
		    "t.mig:15:12: error: index \"a.ib\" does not exist\n"
		    /* The first "drop index i" took t's, the second a.t's. */
		    "t.mig:18:12: error: index \"a.i\" does not exist\n"
		    "t.mig:17:1: note: index \"i\" was dropped by a\n");
}

static void test_schema_index_named(void **state)
{
	struct tschema t;
	const struct ast_node *stmt;
	const struct schema_index *x;

	(void)state;
	ts_run(&t, "revision a\nup {\n"
		   "create table a.t (x int);\n"
		   "create index ia on a.t (x);\n"
		   "}\n"
		   "down {\n"
		   "drop index ia;\n"
		   "drop index a.ia;\n"
		   "drop index nope;\n"
		   "}\n");
	/* Look each down statement's index up in the final model. */
	stmt = t.file->revs->down->u.block.stmts.head;
	x = schema_index_named(t.schema, stmt->u.drop_index.name);
	assert_non_null(x);
	assert_string_equal(x->obj.schema_text, "a");
	assert_string_equal(x->table->obj.text, "t");
	assert_ptr_equal(schema_index_named(t.schema,
					    stmt->next->u.drop_index.name), x);
	assert_null(schema_index_named(t.schema,
				       stmt->next->next->u.drop_index.name));
	ts_free(&t);
}

/* insert */

static void test_schema_error_insert(void **state)
{
	(void)state;
	check_heads("create table t (id int primary key autoincrement,\n"
		    "  a text not null, b text not null default 'x', c text);\n"
		    "insert into t (a, nope) values ('1', '2');\n"
		    "insert into t (b, c) values ('1', '2');\n"
		    "insert into t (a, c) values ('1', null), (null, '2');\n"
		    "insert into t (a) values ('ok');\n", 3,
		    "t.mig:5:19: error: table \"t\" has no column \"nope\"\n"
		    "t.mig:3:1: note: table \"t\" is created here\n"
		    "t.mig:6:16: error: insert leaves out column \"a\" of table "
		    "\"t\", which is not null and has no default\n"
		    "t.mig:4:3: note: column \"a\" is created here\n"
		    "t.mig:7:43: error: null value in column \"a\" of table "
		    "\"t\", which is not null\n");
}

/* Raw SQL */

/* Raw blocks with DDL words are marked in their change record (check
 * warns there), at the first such word; the model itself is silent. */
struct raw_seen {
	struct schema_observer obs;
	int nraw;
	int nddl;
	struct src_span at;
};

static void raw_after(void *arg, const struct schema *s,
		      const struct schema_change *c)
{
	struct raw_seen *r = arg;

	(void)s;
	if (c->stmt->kind != AST_RAW_SQL)
		return;
	r->nraw++;
	if (c->raw_ddl && r->nddl++ == 0)
		r->at = c->ddl_at;
}

static const struct schema_observer *raw_begin(void *arg, size_t i, bool down,
					       const struct schema *s)
{
	struct raw_seen *r = arg;

	(void)i;
	(void)down;
	(void)s;
	return &r->obs;
}

static void test_schema_raw_ddl_marked(void **state)
{
	struct raw_seen r = { { raw_after, NULL, NULL }, 0, 0, { 0, 0, 0 } };
	struct schema_watch w = { raw_begin, NULL, &r };
	char *src = up_src("sql $$ insert into t values ('drop table x'); "
			   "-- alter\n /* rename */ select \"create\", $q$ drop "
			   "$q$; $$;\n"
			   "sql postgresql $$ select 1; DROP  TABLE x; create y $$;\n"
			   "sql $$ drop_me(); alter_x; $$;\n");
	struct tschema t;
	struct src_file *f;
	uint32_t line, col;

	(void)state;
	r.obs.arg = &r;
	ts_run_watched(&t, src, &w);
	assert_string_equal(t.diags, "");
	assert_int_equal(r.nraw, 3);
	assert_int_equal(r.nddl, 1);
	f = src_get(&t.ctx, r.at.file);
	src_position(f, r.at.start, &line, &col);
	assert_int_equal(line, 5);
	assert_int_equal(col, 29);
	assert_int_equal(r.at.end - r.at.start, 4);
	assert_memory_equal(f->data + r.at.start, "DROP", 4);
	ts_free(&t);
	free(src);
}

/* Down blocks */

static void test_schema_down_checked(void **state)
{
	(void)state;
	check_heads_src(
		"revision a\n"
		"up {\n"
		"  create table t (a int);\n"
		"}\n"
		"down {\n"
		"  alter table t drop column b;\n"
		"  drop table t;\n"
		"  drop table t;\n"
		"}\n"
		"revision b\n"
		"up {\n"
		"  alter table t add column b int;\n"
		"}\n"
		"down {\n"
		"  alter table t drop column b;\n"
		"}\n", 2,
		"t.mig:6:29: error: table \"t\" has no column \"b\"\n"
		"t.mig:3:3: note: table \"t\" is created here\n"
		"t.mig:8:14: error: table \"t\" does not exist\n"
		"t.mig:7:3: note: table \"t\" was dropped by a\n");
}

/* A down block is checked against the state right after its up block,
 * and leaves no trace on the model. */
static void test_schema_down_leaves_no_trace(void **state)
{
	static const char up_only[] =
		"revision a\nup {\n"
		"create table t (id int primary key, a int unique, b int);\n"
		"create table u (id int primary key, t_id int references t);\n"
		"create index ix_b on t (b);\n"
		"}\n";
	static const char with_down[] =
		"revision a\nup {\n"
		"create table t (id int primary key, a int unique, b int);\n"
		"create table u (id int primary key, t_id int references t);\n"
		"create index ix_b on t (b);\n"
		"}\n"
		"down {\n"
		"alter table u drop constraint fk_u_t_id_t;\n"
		"drop index ix_b;\n"
		"alter table t drop column a;\n"
		"alter table t rename column b to bb;\n"
		"alter table t rename to tt;\n"
		"create table v (x int references tt);\n"
		"create table w1 (x int);\n create table w2 (x int);\n"
		"create table w3 (x int);\n create table w4 (x int);\n"
		"create table w5 (x int);\n create table w6 (x int);\n"
		"alter table tt add column c int not null default 0;\n"
		"alter table tt alter column bb type text;\n"
		"alter table tt add check (c > 0);\n"
		"drop table u;\n"
		"alter table v drop constraint fk_v_x_tt;\n"
		"drop table tt;\n"
		"sql $$ drop table x $$;\n"
		"}\n";
	struct tschema a, b;

	(void)state;
	ts_run(&a, up_only);
	ts_run(&b, with_down);
	assert_string_equal(a.diags, "");
	assert_string_equal(b.diags, "");
	assert_string_equal(a.dump, b.dump);
	assert_true(schema_ntables(b.schema) > 0);
	assert_null(schema_raw_ddl(b.schema,
				   schema_tables_sorted(&b.ctx, b.schema)[0]));
	ts_free(&a);
	ts_free(&b);
}

static void test_schema_down_skipped_after_up_error(void **state)
{
	(void)state;
	check_heads_src("revision a\nup {\n  alter table t add column b int;\n"
			"}\ndown {\n  alter table t drop column b;\n}\n", 1,
			"t.mig:3:15: error: table \"t\" does not exist\n");
}

/* Clones and savepoints */

static const char two_revs[] =
	"revision a\nup {\n"
	"create table t (id int primary key, a int unique, b int);\n"
	"create table u (t_id int references t);\n"
	"create index on t (b);\n"
	"}\n"
	"revision b\nup {\n"
	"alter table u drop constraint fk_u_t_id_t;\n"
	"alter table t drop column a;\n"
	"alter table t rename column b to c;\n"
	"drop table t;\n"
	"create table t (x text);\n"
	"alter table u add column v int;\n"
	"sql $$ create view v as select 1 $$;\n"
	"}\n";

static const char two_revs_dump[] =
	"table t\n"
	"  column x text\n"
	"table u\n"
	"  column t_id integer\n"
	"  column v integer\n";

static const char *key(struct rt_ctx *ctx, const char *name)
{
	return intern_lower(&ctx->names, &ctx->arena, name, strlen(name));
}

static void test_schema_clone_independent(void **state)
{
	struct tschema t;
	struct schema *s, *c;
	char *before, *dump;

	(void)state;
	ts_run(&t, two_revs);
	assert_string_equal(t.dump, two_revs_dump);
	s = schema_new(&t.ctx);
	assert_int_equal(schema_apply(&t.ctx, s, t.file->revs->up, NULL), 0);
	before = dump_of(s);
	c = schema_clone(&t.ctx, s);
	dump = dump_of(c);
	assert_string_equal(dump, before);
	free(dump);
	/* The clone has its own foreign key to t: drop table t fails. */
	assert_int_equal(schema_table(c, key(&t.ctx, "t"))->ninbound, 1);
	assert_ptr_not_equal(schema_table(c, key(&t.ctx, "t")),
			     schema_table(s, key(&t.ctx, "t")));
	assert_int_equal(schema_apply(&t.ctx, c, t.file->revs->next->up, NULL), 0);
	dump = dump_of(c);
	assert_string_equal(dump, two_revs_dump);
	free(dump);
	dump = dump_of(s);
	assert_string_equal(dump, before);
	free(dump);
	free(before);
	ts_free(&t);
}

static void test_schema_rollback_restores(void **state)
{
	struct tschema t;
	struct schema *s;
	struct schema_table *tt;
	char *before, *dump;

	(void)state;
	ts_run(&t, two_revs);
	s = schema_new(&t.ctx);
	schema_apply(&t.ctx, s, t.file->revs->up, NULL);
	before = dump_of(s);
	schema_begin(s);
	assert_int_equal(schema_apply(&t.ctx, s, t.file->revs->next->up, NULL), 0);
	dump = dump_of(s);
	assert_string_equal(dump, two_revs_dump);
	assert_non_null(schema_raw_ddl(s, schema_table(s, key(&t.ctx, "t"))));
	free(dump);
	schema_rollback(s);
	dump = dump_of(s);
	assert_string_equal(dump, before);
	free(dump);
	assert_null(schema_raw_ddl(s, schema_table(s, key(&t.ctx, "t"))));
	assert_int_equal(schema_ntables(s), 2);
	tt = schema_table(s, key(&t.ctx, "t"));
	assert_non_null(tt);
	assert_int_equal(tt->ninbound, 1);
	assert_non_null(schema_column(tt, key(&t.ctx, "a")));
	assert_non_null(schema_column(tt, key(&t.ctx, "b")));
	assert_null(schema_column(tt, key(&t.ctx, "c")));
	assert_non_null(schema_constraint(s, NULL, key(&t.ctx, "uq_t_a")));
	assert_non_null(schema_index(s, NULL, key(&t.ctx, "ix_t_b")));
	assert_null(schema_index(s, NULL, key(&t.ctx, "uq_t_a")));
	assert_int_equal(schema_column(tt, key(&t.ctx, "a"))->uses, 1);
	/* After a commit the changes stay. */
	schema_begin(s);
	schema_apply(&t.ctx, s, t.file->revs->next->up, NULL);
	schema_commit(s);
	dump = dump_of(s);
	assert_string_equal(dump, two_revs_dump);
	free(dump);
	free(before);
	ts_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_dump_create),
		cmocka_unit_test(test_schema_dump_sequence),
		cmocka_unit_test(test_schema_dump_quoted),
		cmocka_unit_test(test_schema_names_generated),
		cmocka_unit_test(test_schema_names_check_numbers),
		cmocka_unit_test(test_schema_names_long),
		cmocka_unit_test(test_schema_names_fit),
		cmocka_unit_test(test_schema_error_unknown_table),
		cmocka_unit_test(test_schema_error_unknown_column),
		cmocka_unit_test(test_schema_error_unknown_index),
		cmocka_unit_test(test_schema_error_unknown_constraint),
		cmocka_unit_test(test_schema_error_exists),
		cmocka_unit_test(test_schema_error_duplicate_column),
		cmocka_unit_test(test_schema_error_listed_twice),
		cmocka_unit_test(test_schema_drop_column_takes_own),
		cmocka_unit_test(test_schema_error_drop_column_blocked),
		cmocka_unit_test(test_schema_error_foreign_key),
		cmocka_unit_test(test_schema_error_two_primary_keys),
		cmocka_unit_test(test_schema_error_autoincrement),
		cmocka_unit_test(test_schema_autoincrement_ok),
		cmocka_unit_test(test_schema_error_column_attrs),
		cmocka_unit_test(test_schema_error_drop_referenced),
		cmocka_unit_test(test_schema_error_self_reference),
		cmocka_unit_test(test_schema_errors_in_order),
		cmocka_unit_test(test_schema_drop_table_after_fk),
		cmocka_unit_test(test_schema_drop_index_schemas),
		cmocka_unit_test(test_schema_index_named),
		cmocka_unit_test(test_schema_error_insert),
		cmocka_unit_test(test_schema_raw_ddl_marked),
		cmocka_unit_test(test_schema_down_checked),
		cmocka_unit_test(test_schema_down_leaves_no_trace),
		cmocka_unit_test(test_schema_down_skipped_after_up_error),
		cmocka_unit_test(test_schema_clone_independent),
		cmocka_unit_test(test_schema_dump_sequences),
		cmocka_unit_test(test_schema_rollback_restores),
	};

	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
