#!/bin/sh
# t_guards.sh: if not exists / if exists (tests/e2e/projects/guards) on
# every server, up and down, with rows.  Twice: on a database where
# create_all() has already made the tables (with a column the model does
# not know, and without one it does), so every guard is decided by the
# server; and on an empty one.  Where the model already knows the
# answer, the statement is a note in the script.  SQLite's ALTER TABLE
# cannot test for a column, so the column guards (0002) are a compile
# error there, checked too; SQLite runs 0001 only.
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

for D in sqlite postgresql mysql; do
	dialect_ready "if exists" || continue
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
