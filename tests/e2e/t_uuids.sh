#!/bin/sh
# t_uuids.sh: default new_uuid() (tests/e2e/projects/uuids) on every
# server, with rows: a primary key filled by its default, a column
# added to rows that exist (PostgreSQL rewrites the table, SQLite
# rebuilds it, MariaDB copies it: each row gets a value of its own), an
# update that sets one row's again.  Every value is a UUID in lower
# case; PostgreSQL's and SQLite's are version 4.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/uuids
UUID='^[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}$'
V4='^[0-9a-f]\{8\}-[0-9a-f]\{4\}-4[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}$'

uuids_ok() {	# uuids_ok <tag> <column>: two rows, two distinct UUIDs
	vals=$(db_q "select $2 from tokens order by label")
	expect_eq "$D: $1: two distinct values of $2" "2" \
	    "$(printf '%s\n' "$vals" | grep -c "$UUID" | tr -d ' ')"
	expect_eq "$D: $1: distinct" "2" "$(printf '%s\n' "$vals" | sort -u | grep -c .)"
	if [ "$D" != mysql ]; then
		expect_eq "$D: $1: version 4" "2" \
		    "$(printf '%s\n' "$vals" | grep -c "$V4" | tr -d ' ')"
	fi
}

story() {
	db_new uuids || return
	step up1 0001 upgrade 0001 || return
	uuids_ok 0001 id
	step up2 0002 upgrade 0001:0002 || return
	uuids_ok 0002 ref
	uuids_ok "0002, ids kept" id
	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: back at 0001: rows" "a
b" "$(db_q "select label from tokens order by label")"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "uuids" || continue
	story
done
exit 0
