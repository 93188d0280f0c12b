#!/bin/sh
# t_backend.sh: the SQL-writing commands' errors and refusals: exit
# status, one-line messages, and no output file on any error.
. "$TESTS/lib.sh"

mig versions/x.mig 'revision a
up { create table t (id integer); }
down { drop table t; }
revision b
depends a
up { insert into t (id) values (1); }
revision c
depends b
up { alter table t add column x integer; }
down { alter table t drop column x; }'

run_retort upgrade heads
expect_rc 2 "upgrade without -d: exit 2"
expect_err_has "no dialect" "upgrade without -d: says so"

run_retort upgrade heads -d oracle
expect_rc 2 "unknown dialect: exit 2"
expect_err_has "unknown dialect 'oracle'" "unknown dialect: named"

run_retort upgrade nope -d sqlite -o out.sql
expect_rc 2 "a target that does not resolve: exit 2"
expect_err_has "no revision \"nope\"" "a target that does not resolve: named"
expect_no_file out.sql "a target that does not resolve: no output file"

run_retort downgrade c:base -d sqlite -o down.sql
expect_rc 1 "a downgrade through an irreversible revision: exit 1"
expect_err_has 'versions/x.mig:4:10: error: revision "b" has no down block' \
	"a downgrade through an irreversible revision: the revision is named at its place"
expect_no_file down.sql "a downgrade through an irreversible revision: no output file"

run_retort downgrade c:b -d sqlite -o down.sql
expect_rc 0 "a downgrade above the irreversible revision: exit 0"
if grep -q 'ALTER TABLE t DROP COLUMN x;' down.sql; then ok "it drops the column"; else notok "it drops the column"; fi

run_retort downgrade base -d sqlite
expect_rc 2 "downgrade without FROM: exit 2"
expect_err_has "needs a starting point" "downgrade without FROM: says so"

run_retort upgrade c:b -d sqlite
expect_rc 0 "an empty plan: exit 0"
expect_err_has "nothing to do" "an empty plan: a warning says so"
expect_out_has "-- retort 0.1.0: upgrade c -> b (sqlite), 0 revisions" \
	"an empty plan: the script still has its header"

run_retort build -d sqlite -o out
expect_rc 0 "build with an irreversible revision: exit 0"
expect_err_has 'warning: revision "b" has no down block' \
	"build with an irreversible revision: warns"
if [ -f out/sqlite/0003_c.down.sql ] && [ ! -e out/sqlite/0002_b.down.sql ] &&
   [ ! -e out/sqlite/0001_a.down.sql ]; then
	ok "build: .down.sql only above the irreversible revision"
else
	notok "build: .down.sql only above the irreversible revision"
fi

mkdir notmine
echo keep >notmine/file
run_retort build -o notmine
expect_rc 2 "build into a non-empty directory it did not make: exit 2"
expect_err_has "refusing to write into it" "build into a foreign directory: says so"
if [ "$(ls notmine)" = file ]; then ok "build into a foreign directory: nothing written"; else notok "build into a foreign directory: nothing written"; fi

rm -rf versions
mig versions/x.mig 'revision s
up { create table audit.events (id integer); }'
run_retort upgrade heads -d sqlite -o s.sql
expect_rc 1 "a schema-qualified table for sqlite: exit 1"
expect_err_has 'versions/x.mig:2:19: error: sqlite has no schemas: "audit.events"' \
	"a schema-qualified table for sqlite: at its place"
expect_no_file s.sql "a schema-qualified table for sqlite: no output file"
run_retort upgrade heads -d postgresql
expect_rc 0 "a schema-qualified table for postgresql: exit 0"
expect_out_has "CREATE TABLE audit.events (" "a schema-qualified table for postgresql: written"

# What MySQL cannot express is an error at the statement, for every
# command that writes mysql, and for check when mysql is configured;
# nothing is written.  The other dialects write the same project.
rm -rf versions
mig versions/x.mig 'revision v
up {
    create table t (id integer primary key);
}
down { drop table t; }
revision w
depends v
up { alter table t add column name varchar; }
down { alter table t drop column name; }'
for cmd in "upgrade heads" "downgrade w:base" "stamp heads" "schema heads"; do
	rm -f m.sql
	# shellcheck disable=SC2086
	case $cmd in
	schema*) run_retort $cmd -d mysql ;;
	*) run_retort $cmd -d mysql -o m.sql ;;
	esac
	expect_rc 1 "$cmd -d mysql with an unsized varchar: exit 1"
	expect_err_has 'versions/x.mig:8:36: error: varchar without a length cannot be written for mysql' \
		"$cmd -d mysql: the unsized varchar, at its place"
	expect_no_file m.sql "$cmd -d mysql: no output file"
done
run_retort build -d mysql -o mb
expect_rc 1 "build -d mysql with an unsized varchar: exit 1"
expect_no_file mb "build -d mysql: no output directory"
run_retort upgrade heads -d postgresql
expect_rc 0 "the unsized varchar for postgresql: exit 0"
run_retort check
expect_rc 0 "check without config (postgresql and sqlite): the unsized varchar passes"
printf '[retort]\ndialects = sqlite, mysql\n' >retort.ini
run_retort check
expect_rc 1 "check with mysql configured: exit 1"
expect_err_has 'versions/x.mig:8:36: error: varchar without a length cannot be written for mysql' \
	"check with mysql configured: the unsized varchar, at its place"
rm retort.ini
mig versions/x.mig 'revision v
up {
    create table t (id integer primary key, name varchar(20), body text);
}
down { drop table t; }'
run_retort build -d mysql -o mb
expect_rc 0 "build -d mysql: exit 0"
if [ -f mb/mysql/0001_v.up.sql ] && [ -f mb/mysql/upgrade.sql ] &&
    grep -q 'varchar(20)\|VARCHAR(20)' mb/mysql/upgrade.sql; then
	ok "build -d mysql: writes mb/mysql"
else
	notok "build -d mysql: writes mb/mysql"
	ls -R mb 2>&1 | sed 's/^/#   /'
fi
run_retort schema -d mysql
expect_out_has 'name VARCHAR(20),' "schema -d mysql: the table as mysql writes it"
mig versions/y.mig 'revision y
depends v
up { create index ix_t_body on t (body); }
down { drop index ix_t_body; }'
run_retort schema -d mysql
expect_rc 1 "schema -d mysql with an index on a text column: exit 1"
expect_err_has 'versions/y.mig:3:6: error: index "ix_t_body" on text column "body" cannot be written for mysql' \
	"schema -d mysql: the index, at its statement"
expect_out_empty "schema -d mysql with an error: nothing on stdout"
run_retort schema v -d mysql
expect_rc 0 "schema v -d mysql (before the index): exit 0"
rm versions/y.mig

# A SQLite rebuild after raw DDL would lose what the raw SQL did: refused.
rm -rf versions
mig versions/x.mig 'revision r
up {
    create table t (id integer, note text);
    sql sqlite $$ create trigger t_ins after insert on t begin select 1; end $$;
    alter table t alter column note set not null;
}'
run_retort upgrade heads -d sqlite -o r.sql
expect_rc 1 "a SQLite rebuild after raw DDL: exit 1"
expect_err_has 'versions/x.mig:5:5: error: cannot rebuild this table for sqlite' \
	"a SQLite rebuild after raw DDL: at the statement"
expect_err_has 'versions/x.mig:4:5: note: the raw SQL is here' \
	"a SQLite rebuild after raw DDL: the raw block is named"
expect_no_file r.sql "a SQLite rebuild after raw DDL: no output file"
run_retort upgrade heads -d postgresql
expect_rc 0 "the same for postgresql (no rebuild): exit 0"

# A table created after raw DDL is one the model knows whole: it can be
# rebuilt (issue 10).
rm -rf versions
mig versions/x.mig 'revision r
up {
    create table t (id integer, note text);
    sql sqlite $$ create trigger t_ins after insert on t begin select 1; end $$;
    create table u (id integer, note text);
    alter table u alter column note set not null;
}'
run_retort upgrade heads -d sqlite -o r.sql
expect_rc 0 "a rebuild of a table made after raw DDL: exit 0"
if grep -q '^-- rebuild u ' r.sql; then ok "a rebuild of a table made after raw DDL: written"
else notok "a rebuild of a table made after raw DDL: written"; fi

# Two branches that do not commute: a range in the other order meets a
# statement that does not hold there.  A located error naming who
# renamed the table, exit 1, nothing written, never a signal; in every
# dialect and for every kind of statement that looks the model up.
rm -rf versions
mig versions/a.mig 'revision a
up {
    create table t (id integer primary key, name varchar(50));
    create index ix_name on t (name);
}
down { drop table t; }'
mig versions/b1.mig 'revision b1
depends a
created '"'"'2024-01-02 00:00:00'"'"'
up { alter table t rename to t2; }
down { alter table t2 rename to t; }'
mig versions/b2.mig 'revision b2
depends a
created '"'"'2024-01-01 00:00:00'"'"'
up {
    alter table t add column w integer;
    create index ix_w on t (w);
    insert into t (id, name) values (1, '"'"'x'"'"');
    alter table t alter column name set not null;
    drop index ix_name;
}
down {
    alter table t alter column name drop not null;
    create index ix_name on t (name);
    drop index ix_w;
    alter table t drop column w;
}'
run_retort check
expect_rc 0 "branches in one order: check passes"
for d in sqlite postgresql mysql; do
	rm -f o.sql
	run_retort upgrade b1:b2 -d $d -o o.sql
	expect_rc 1 "$d: upgrade b1:b2 (b2 after b1, which renamed t): exit 1"
	expect_err_has 'versions/b2.mig:5:17: error: table "t" does not exist' \
		"$d: upgrade b1:b2: the first statement that does not hold, at its place"
	expect_err_has 'versions/b1.mig:4:6: note: table "t" was renamed to "t2" by b1, which this database has applied' \
		"$d: upgrade b1:b2: the revision that renamed the table is named"
	expect_err_count 4 'error: table "t" does not exist' \
		"$d: upgrade b1:b2: every statement on t is an error"
	expect_no_file o.sql "$d: upgrade b1:b2: no output file"
	run_retort upgrade b2:b1 -d $d -o o.sql
	expect_rc 0 "$d: upgrade b2:b1 (the upgrade order): exit 0"
	run_retort downgrade b1,b2:a -d $d -o o.sql
	expect_rc 0 "$d: downgrade b1,b2:a (b1, then b2, undone): exit 0"
done

# Output on failure: a build that cannot write (past ulimit -f) leaves
# no directory it made, and a directory that was there stays as it was;
# a failed write to standard output is reported once.
rm -rf versions
mig versions/x.mig 'revision a
up { create table t (id integer primary key, note text); }
down { drop table t; }'
i=0
while [ $i -lt 40 ]; do
	mig versions/y$i.mig "revision y$i
depends $( [ $i = 0 ] && echo a || echo y$((i - 1)) )
message 'a fairly long message, so that the scripts grow past the limit, number $i'
up { alter table t add column c$i integer default $i; create index ix_$i on t (c$i); }
down { drop index ix_$i; alter table t drop column c$i; }"
	i=$((i + 1))
done
run_retort check
expect_rc 0 "a project of 41 revisions checks"
(ulimit -f 8; "$RETORT" --color=never build -o made >"$T/.out" 2>"$T/.err")
rc=$?
err=$(cat "$T/.err")
expect_rc 3 "build past ulimit -f: exit 3"
expect_err_lines 1 "build past ulimit -f: one line"
expect_err_has 'File too large' "build past ulimit -f: says why"
expect_no_file made "build past ulimit -f: no directory left"
mkdir there
(ulimit -f 8; "$RETORT" --color=never build -o there >"$T/.out" 2>"$T/.err")
rc=$?
expect_rc 3 "build into an empty directory past ulimit -f: exit 3"
if [ -d there ] && [ -z "$(ls -A there)" ]; then
	ok "build into an empty directory past ulimit -f: it stays, empty"
else
	notok "build into an empty directory past ulimit -f: it stays, empty"
	ls -A there | sed 's/^/#   /'
fi
if [ -w /dev/full ]; then
	"$RETORT" --color=never upgrade heads -d sqlite >/dev/full 2>"$T/.err"
	rc=$?
	err=$(cat "$T/.err")
	expect_rc 3 "upgrade to a full standard output: exit 3"
	expect_err_lines 1 "upgrade to a full standard output: reported once"
fi

# drop constraint if exists on a name the model holds as an index: the
# guard does not hide the mistake; nothing is written for any dialect.
rm -rf versions
mig versions/x.mig 'revision g
up {
    create table t (id integer primary key, a integer);
    create index ix_t_a on t (a);
    alter table t drop constraint if exists ix_t_a;
}'
for d in sqlite postgresql mysql; do
	run_retort upgrade heads -d "$d" -o g.sql
	expect_rc 1 "drop constraint if exists on an index ($d): exit 1"
	expect_err_has 'versions/x.mig:5:45: error: table "t" has no constraint "ix_t_a"' \
		"drop constraint if exists on an index ($d): at its place"
	expect_no_file g.sql "drop constraint if exists on an index ($d): no output file"
done

# A raw block may change rows of any table: where the model has an
# initially deferred key, PostgreSQL's checks run before the next DDL;
# where it has none (never, or no longer), nothing is written for it.
rm -rf versions
mig versions/x.mig 'revision d1
up {
    create table p (id integer primary key);
    create table c (id integer primary key, p integer,
        constraint fk_c_p foreign key (p) references p (id) deferrable initially deferred);
}
down { drop table c; drop table p; }
revision d2
depends d1
up {
    sql postgresql $$ INSERT INTO c VALUES (1, 1) $$;
    create table after_raw (id integer);
}
down { drop table after_raw; }
revision d3
depends d2
up {
    alter table c drop constraint fk_c_p;
    sql postgresql $$ UPDATE c SET p = 2 $$;
    create table after_drop (id integer);
}
down {
    alter table c add constraint fk_c_p foreign key (p) references p (id) deferrable initially deferred;
    drop table after_drop;
}
revision d4
depends d3
up {
    sql postgresql $$ UPDATE c SET p = 3 $$;
    create table after_down (id integer);
}
down { drop table after_down; }'
run_retort upgrade d1:d2 -d postgresql
expect_rc 0 "a raw block with a deferred key in the model: exit 0"
if printf '%s\n' "$out" | grep -A5 'INSERT INTO c VALUES' | grep -q '^SET CONSTRAINTS fk_c_p IMMEDIATE;$'; then
	ok "a raw block with a deferred key in the model: its checks run after it"
else
	notok "a raw block with a deferred key in the model: its checks run after it"
	show_out
fi
run_retort upgrade d2:d3 -d postgresql
expect_rc 0 "a raw block once the deferred key is dropped: exit 0"
if printf '%s\n' "$out" | grep -q 'SET CONSTRAINTS'; then
	notok "a raw block once the deferred key is dropped: no SET CONSTRAINTS"
	show_out
else
	ok "a raw block once the deferred key is dropped: no SET CONSTRAINTS"
fi
# build replays d3's down block (which adds the key back) and rolls it
# back: d4's raw block, written after, still finds no deferred key.
run_retort build -d postgresql -o bd
expect_rc 0 "build with the deferred key dropped: exit 0"
if grep -q 'SET CONSTRAINTS' bd/postgresql/*d3*.up.sql bd/postgresql/*d4*.up.sql; then
	notok "build: d3's and d4's up, after d3's down was checked, have no SET CONSTRAINTS"
else
	ok "build: d3's and d4's up, after d3's down was checked, have no SET CONSTRAINTS"
fi
if grep -q '^SET CONSTRAINTS fk_c_p IMMEDIATE;$' bd/postgresql/*d2*.up.sql; then
	ok "build: d2's up has the checks after its raw block"
else
	notok "build: d2's up has the checks after its raw block"
fi
