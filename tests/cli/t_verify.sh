#!/bin/sh
# t_verify.sh: `retort verify` runs retort's SQLite scripts in an
# in-memory database: the samples and the end-to-end projects pass;
# a down block that leaves an index or a column behind, or puts a column
# back with another type, is caught at the revision's down block (and by
# check's R111); column order alone is a note; a table raw DDL touched
# is left out with a note; branches are run in both orders.
. "$TESTS/lib.sh"

ROOT=$(cd "$TESTS/../.." && pwd)

for p in samples/todoapp samples/branched tests/e2e/projects/allkinds \
    tests/e2e/projects/rebuild tests/e2e/projects/nontx \
    tests/e2e/projects/datafix tests/e2e/projects/comments \
    tests/e2e/projects/renames tests/e2e/projects/enums \
    tests/e2e/projects/copyrows; do
	run_retort -C "$ROOT/$p" verify
	expect_rc 0 "verify $p: exit 0"
	expect_err_has "retort verify: " "verify $p: the summary"
	expect_out_empty "verify $p: nothing on stdout"
done
run_retort -C "$ROOT/samples/branched" verify
expect_err_has "8 revisions run in sqlite and compared with the model; 8 down steps undone and run again" \
	"verify samples/branched: every revision, every round trip"
run_retort -C "$ROOT/tests/e2e/projects/nontx" verify
expect_err_has 'note: table "t" was not compared: raw SQL with DDL may have changed it' \
	"verify: a table raw DDL touched is left out, with a note"

# --- a down that leaves an index behind ------------------------------------

base='revision a
up {
    create table users (id integer primary key autoincrement,
                        email varchar(100) not null default '\''x'\'',
                        age integer, score numeric(5, 2) check (score > 0));
    create table orders (id integer primary key,
                         user_id integer references users (id) on delete cascade,
                         note text);
    create unique index ux_orders_note on orders (note desc) where (note is not null);
}
down { drop table orders; drop table users; }
'
mig versions/a.mig "$base"'
revision b
depends a
up {
    create index ix_users_email on users (email);
    alter table users add column phone text;
}
down {
    alter table users drop column phone;
}'
run_retort verify
expect_rc 1 "an index left behind: exit 1"
expect_err_has 'versions/a.mig:19:1: error: the down block of b does not undo its up block in sqlite: index "ix_users_email" of table "users" is left over after the down block' \
	"an index left behind: the error at the down block, naming the index"
run_retort check
expect_err_has 'versions/a.mig:19:1: warning: down block of b does not undo its up block: index "ix_users_email" of table "users" is left over [R111]' \
	"an index left behind: check's R111 too"

# --- a column left behind, a column put back with another type --------------

mig versions/a.mig "$base"'
revision b
depends a
up { alter table users add column phone text; }
down { }'
run_retort verify
expect_rc 1 "a column left behind: exit 1"
expect_err_has 'error: the down block of b does not undo its up block in sqlite: column "phone" of table "users" is left over after the down block' \
	"a column left behind: named"
run_retort check
expect_err_has 'column "phone" of table "users" is left over [R111]' "a column left behind: check's R111"

mig versions/a.mig "$base"'
revision b
depends a
up { alter table users drop column age; }
down { alter table users add column age varchar(10); }'
run_retort verify
expect_rc 1 "a column put back as varchar(10): exit 1"
expect_err_has 'column "age" of table "users" was INTEGER before the up block and is VARCHAR(10) after the down block' \
	"a column put back as varchar(10): both types named"

# Put back right, at the end: column order alone is a note.
mig versions/a.mig "$base"'
revision b
depends a
up { alter table users drop column age; }
down { alter table users add column age integer; }'
run_retort verify
expect_rc 0 "a column put back at the end: exit 0"
expect_err_has 'note: column order of table "users" was id, email, age, score before the up block and is id, email, score, age after the down block; verify leaves column order aside' \
	"a column put back at the end: a note on the order"

# An up block that cannot run again after its down block.
mig versions/a.mig "$base"'
revision b
depends a
up { insert into users (id, email) values (1, '\''a'\''); }
down { }'
run_retort verify
expect_rc 1 "rows the down block leaves: exit 1"
expect_err_has 'note: the down block leaves the rows the up block inserts' \
	"rows the down block leaves: said"

# --- the range ------------------------------------------------------------

mig versions/a.mig "$base"'
revision b
depends a
up { create index ix_users_email on users (email); }
down { }

revision c
depends b
up { alter table users add column phone text; }
down { alter table users drop column phone; }'
run_retort verify b:c
expect_rc 0 "verify b:c: b's round trip is not run"
expect_err_has "1 down step undone" "verify b:c: a and b are applied, c alone goes down and up"
run_retort verify a
expect_rc 0 "verify a: only a"
expect_err_has "retort verify: 1 revision run" "verify a: one revision"
usage_error "verify: a bad target" verify nosuch
usage_error "verify: two arguments" verify a b

# --- branches in both orders -----------------------------------------------

rm -rf versions
mig versions/a.mig 'revision root
up { create table users (id integer primary key, email text, name text); }
down { drop table users; }

revision b1
depends root
created '\''2024-01-01 00:00:00'\''
up { alter table users alter column name set default '\''a'\''; }
down { alter table users alter column name drop default; }

revision b2
depends root
created '\''2024-01-02 00:00:00'\''
up { alter table users alter column name set default '\''b'\''; }
down { alter table users alter column name drop default; }'
run_retort verify heads:heads
expect_rc 1 "branches that do not commute: exit 1"
expect_err_has "versions/a.mig:14:1: error: b1 and b2 give another schema when b2 runs first: column \"name\" of table \"users\" is TEXT DEFAULT 'b' in upgrade order and TEXT DEFAULT 'a' in the other order" \
	"branches that do not commute: the difference, at the later branch"
expect_err_has "versions/a.mig:8:1: note: b1 is here" "branches that do not commute: a note at the other"

mig versions/a.mig 'revision root
up { create table users (id integer primary key, email text, name text); }
down { drop table users; }

revision b1
depends root
up { alter table users add column phone text; alter table users alter column name set not null; }
down { alter table users alter column name drop not null; alter table users drop column phone; }

revision b2
depends root
up { alter table users alter column name set default '\''x'\''; create index ix_users_email on users (email); }
down { drop index ix_users_email; alter table users alter column name drop default; }

revision m
depends b1, b2
up { }
down { }'
run_retort verify
expect_rc 0 "a merge of branches that touch one column: exit 0"
expect_err_has "1 pair of branches run in both orders" "a merge: the pair is run both ways"
