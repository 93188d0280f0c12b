#!/bin/sh
# t_precise.sh: default now_precise() (tests/e2e/projects/precise) on
# every server: a timestamp column created with it, a timestamptz column
# given it by set default (on MariaDB a MODIFY to DATETIME(6)); two
# inserts, each in a statement of its own, store two different times,
# each with sub-second digits (milliseconds on SQLite, microseconds on
# the others).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/precise
FRAC='^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]\{3,6\}'

# precise_ok <tag> <column> <id> <id>: the two rows' values differ and
# carry a fractional second
precise_ok() {
	vals=$(db_q "select $2 from events where id in ($3, $4) order by id")
	expect_eq "$D: $1: two values with sub-second digits" "2" \
	    "$(printf '%s\n' "$vals" | grep -c "$FRAC" | tr -d ' ')"
	expect_eq "$D: $1: they differ" "2" \
	    "$(printf '%s\n' "$vals" | sort -u | grep -c .)"
}

story() {
	db_new precise || return
	step up1 0001 upgrade 0001 || return
	db_do "insert into events (id, label) values (1, 'a')"
	db_do "insert into events (id, label) values (2, 'b')"
	precise_ok 0001 at 1 2
	step up2 0002 upgrade 0001:0002 || return
	db_do "insert into events (id, label) values (3, 'c')"
	db_do "insert into events (id, label) values (4, 'd')"
	precise_ok 0002 seen 3 4
	precise_ok "0002, kept" at 1 2
	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: back at 0001: rows" "a
b
c
d" "$(db_q "select label from events order by id")"
	precise_ok "0001 again" at 3 4
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: at base: no events table" "no" \
	    "$(db_has_table events && echo yes || echo no)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "precise" || continue
	story
done
exit 0
