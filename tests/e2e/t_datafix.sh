#!/bin/sh
# t_datafix.sh: update and delete (tests/e2e/projects/datafix) on every
# server, with the rows checked after each step, up and down: a backfill
# of null booleans with false (TRUE/FALSE as each server reads them), an
# expression and a quoted column name set in one update, a string with a
# backslash (MariaDB: a hex literal, the same bytes in every sql_mode),
# an update with no where, a delete with and without one, and the down
# blocks that undo them.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/datafix

# flag as 0/1/empty whatever the server's boolean, the note's bytes in hex
ROWS="select id, name, case when flag is null then '' when flag then '1' else '0' end, score, coalesce(\"Note\", '') from flags order by id"

rows() {
	q=$ROWS
	[ "$D" = mysql ] && q=$(printf '%s' "$ROWS" | tr '"' '`')
	db_q "$q"
}

story() {
	db_new datafix || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: rows, nulls among them" "1|O'Brien||1|
2|Ng|1|2|kept
3|back\\slash||3|" "$(rows)"

	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: 0002: no flag is null; score and \"Note\" set where the note was null and id > 1" "1|O'Brien|0|1|
2|Ng|1|2|kept
3|back\\slash|0|13|it's \\n" "$(rows)"
	step down0 0001 downgrade 0002:0001 || return
	expect_eq "$D: 0002 undone: the rows as they were (its where matched the backslash)" "1|O'Brien||1|
2|Ng|1|2|kept
3|back\\slash||3|" "$(rows)"
	step up2b 0002 upgrade 0001:0002 || return

	step up3 0004 upgrade 0002:head || return
	expect_eq "$D: head: every row deleted" "" "$(rows)"

	step down1 0003 downgrade head:0003 || return
	expect_eq "$D: back at 0003: the flagged rows are back" "2|Ng|1|0|
10|seed|1|0|" "$(rows)"

	step down2 0001 downgrade 0003:0001 || return
	expect_eq "$D: back at 0001: the seed row deleted, the backfill undone" \
	    "2|Ng|1|0|" "$(rows)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "update and delete" || continue
	story
done
exit 0
