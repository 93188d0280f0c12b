#!/bin/sh
# t_guards.sh: if not exists / if exists (tests/e2e/projects/guards) on
# every server, up and down, with rows.  Twice: on a database where
# create_all() has already made the tables (with a column the model does
# not know, and without one it does), so every guard is decided by the
# server; and on an empty one.  Where the model already knows the
# answer, the statement is a note in the script.  SQLite's ALTER TABLE
# cannot test for a column, so the column guards (0002) are a compile
# error there, checked too; SQLite runs 0001 only.
# Then drop constraint if exists (tests/e2e/projects/guardcon): a check,
# a unique key and a foreign key dropped on a database that has them,
# and on one where they were dropped by hand before (PostgreSQL and
# MariaDB decide on the server; SQLite rebuilds the table from the
# model, so only the first).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/guards
NOTABLE="(no alembic_version table)"

cols() {	# the column names of table $1, one line
	db_columns "$1" | awk '{ printf "%s%s", sep, $1; sep = " " } END { print "" }'
}

story() {	# story <tag> <head>
	db_new "guards$1" || return
	if [ "$1" = pre ]; then
		# as create_all() would have left it
		db_do "create table users (id integer primary key, email varchar(50) not null, nick varchar(20))"
		db_do "create unique index ix_users_email on users (email)"
		db_do "insert into users (id, email, nick) values (1, 'a@x', 'al')"
	fi
	step "$1-up" "$2" upgrade head || return
	if [ "$1" = pre ]; then
		expect_eq "$D: $1: users as create_all made it, the guards skipped on the server" \
		    "id email nick" "$(cols users)"
		expect_eq "$D: $1: its rows kept" "1|a@x|al" \
		    "$(db_q 'select id, email, nick from users')"
	elif [ "$2" = 0002 ]; then
		expect_eq "$D: $1: users with nick, without legacy" \
		    "id email nick" "$(cols users)"
	else
		expect_eq "$D: $1: users as 0001 makes it" \
		    "id email legacy" "$(cols users)"
	fi
	expect_eq "$D: $1: tables" "alembic_version
tags
users" "$(db_tables)"
	expect_eq "$D: $1: the unique index" "ix_users_email" "$(db_indexes users)"
	expect_eq "$D: $1: what the model knew is a note" \
	    "-- skipped: table old_stuff does not exist here (drop table if exists)
-- skipped: index ix_old_stuff does not exist here (drop index if exists)" \
	    "$(grep '^-- skipped: ' "$T/$D-$1-up.sql" | grep -v tags.name)"
	db_do "insert into tags (id, name) values (1, 'x')"
	if [ "$2" = 0002 ]; then
		step "$1-down1" 0001 downgrade 0002:0001 || return
		expect_eq "$D: $1: back at 0001: legacy added back, nick dropped" \
		    "id email legacy" "$(cols users)"
	fi
	step "$1-down" "$NOTABLE" downgrade 0001:base || return
	expect_eq "$D: $1: base: no tables" "" "$(db_tables)"
	db_drop
}

sqlite_project() {
	if "$RETORT" --color=never -C "$PROJ" upgrade head -d sqlite \
	    >/dev/null 2>"$T/.guards"; then
		notok "sqlite: add column if not exists is refused"
	elif grep -q "0002_columns.mig:7:5: error: add column if not exists cannot be written for sqlite" "$T/.guards" &&
	    grep -q "0002_columns.mig:8:5: error: drop column if exists cannot be written for sqlite" "$T/.guards"; then
		ok "sqlite: the column guards are refused, at their statements"
	else
		notok "sqlite: the column guards are refused, at their statements"
		evidence "$T/.guards"
	fi
	mkdir -p "$T/guards-sqlite/versions"
	cp "$PROJ/versions/0001_users.mig" "$T/guards-sqlite/versions/"
	PROJ=$T/guards-sqlite
}

con_story() {	# con_story <tag>: guardcon, up and down
	PROJ=$TESTS/projects/guardcon
	db_new "guardcon$1" || return
	step "$1-up1" 0001 upgrade 0001 || return
	if [ "$1" = byhand ]; then
		db_do "alter table tags drop constraint fk_tags_user" 2>/dev/null ||
			db_do "alter table tags drop foreign key fk_tags_user"
		db_do "alter table users drop constraint ck_users_email"
		if [ "$D" = mysql ]; then
			db_do "alter table users drop index uq_users_email"
		else
			db_do "alter table users drop constraint uq_users_email"
		fi
	fi
	step "$1-up2" 0002 upgrade 0001:0002 || return
	expect_eq "$D: $1: what the model knew is a note" \
	    "-- skipped: constraint tags.fk_tags_gone does not exist here (drop constraint if exists)" \
	    "$(grep '^-- skipped: ' "$T/$D-$1-up2.sql")"
	# What the keys refused is accepted now.
	db_do "insert into users (id, email) values (2, ''), (3, 'a@x')"
	db_do "insert into tags (id, user_id) values (2, 99)"
	expect_eq "$D: $1: no check, no unique key, no foreign key left" \
	    "1|a@x
2|
3|a@x" "$(db_q 'select id, email from users order by id')"
	step "$1-down" 0001 downgrade 0002:0001 || return
	expect_eq "$D: $1: down: the rows the keys refuse deleted" "1|a@x|1|1" \
	    "$(db_q 'select u.id, u.email, t.id, t.user_id from users u join tags t on t.user_id = u.id')"
	db_do "insert into users (id, email) values (4, '')" 2>/dev/null
	expect_eq "$D: $1: down: the check is back" "1" \
	    "$(db_q 'select count(*) from users')"
	fkon=
	[ "$D" = sqlite ] && fkon="pragma foreign_keys = on; "
	db_do "${fkon}insert into tags (id, user_id) values (3, 99)" 2>/dev/null
	expect_eq "$D: $1: down: the foreign key is back" "1" \
	    "$(db_q 'select count(*) from tags')"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "if exists" || continue
	con_story model
	[ "$D" = sqlite ] || con_story byhand
	PROJ=$TESTS/projects/guards
	head=0002
	if [ "$D" = sqlite ]; then
		sqlite_project
		head=0001
	fi
	story pre "$head"
	story fresh "$head"
done
exit 0
