#!/bin/sh
# t_copyrows.sh: insert into T (cols) ( query ) (tests/e2e/projects/
# copyrows) on every server, the rows checked after each step: rows
# counted and grouped from another table, a quoted column name in the
# query re-quoted per dialect (MariaDB's backticks), explicit values
# into an autoincrement column (PostgreSQL's sequence moved past them,
# so the next insert takes the next id everywhere), and the down
# blocks.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/copyrows

teams() { db_q "select id, name, size from teams order by id"; }

story() {
	db_new copyrows || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: no team yet" "" "$(teams)"

	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: 0002: one row per active team, counted, and solo" "1|red|2
100|solo|1" "$(teams)"

	step up3 0003 upgrade 0002:0003 || return
	expect_eq "$D: 0003: the late team takes the id after 100" "1|red|2
100|solo|1
101|late|0" "$(teams)"

	step down1 0001 downgrade 0003:0001 || return
	expect_eq "$D: back at 0001: the copied rows deleted" "" "$(teams)"
	expect_eq "$D: back at 0001: people kept" "4" \
	    "$(db_q "select count(*) from people")"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "insert from a query" || continue
	story
done
exit 0
