#!/bin/sh
# t_sequences.sh: sequences (tests/e2e/projects/sequences) on every
# server, with the values drawn checked after each step: an integer
# sequence stepping by 10 that a column defaults to, a second sequence
# (a quoted name, guarded) drawn by a column added to rows that exist
# (each row gets its own) and by an update, alter sequence ... restart,
# and the down blocks.  SQLite has no sequences: retort refuses the
# project for sqlite at each statement and writes no script.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/sequences

rows() {
	if [ "${1:-}" = batch ]; then
		db_q "select id, no, coalesce(batch, -1) from tickets order by id"
	else
		db_q "select id, no from tickets order by id"
	fi
}

# The sequences the server has, by name.
seqs() {
	case $D in
	postgresql) db_q "select relname from pg_class where relkind = 'S' order by relname" ;;
	mysql) db_q "select table_name from information_schema.tables where table_schema = database() and table_type = 'SEQUENCE' order by table_name" ;;
	esac
}

sqlite_refused() {
	if "$RETORT" --color=never -C "$PROJ" upgrade heads -d sqlite \
	    -o "$T/seq-sqlite.sql" >"$T/.seq" 2>&1; then
		notok "sqlite: sequences are refused"
		return
	fi
	if grep -q "0001_tickets.mig:4:5: error: sqlite has no sequences: create sequence cannot be written for it" "$T/.seq" &&
	    grep -q "0001_tickets.mig:7:37: error: sqlite has no sequences: nextval cannot be written for it" "$T/.seq"; then
		ok "sqlite: sequences are refused, at their statements"
	else
		notok "sqlite: sequences are refused, at their statements"
		evidence "$T/.seq"
	fi
	if [ -e "$T/seq-sqlite.sql" ]; then
		notok "sqlite: no script written"
	else
		ok "sqlite: no script written"
	fi
}

story() {
	db_new sequences || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: numbers from 100 by 10" "1|100
2|110" "$(rows)"
	expect_eq "$D: 0001: the sequence" "ticket_no" "$(seqs)"

	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: 0002: numbers go on" "1|100
2|110
3|120" "$(rows)"
	# The rows there when the column came each drew a batch number
	# (in the order the server copied them), the new row the next one.
	expect_eq "$D: 0002: batch numbers drawn, one each" "1
2
3" "$(db_q "select batch from tickets order by batch")"
	expect_eq "$D: 0002: the new row's" "3" \
	    "$(db_q "select batch from tickets where id = 3")"
	expect_eq "$D: 0002: the sequences" "Batch No
ticket_no" "$(seqs | LC_ALL=C sort)"

	step up3 0003 upgrade 0002:0003 || return
	expect_eq "$D: 0003: restarted at 500" "4|500" \
	    "$(db_q "select id, no from tickets where id = 4")"
	# "Batch No" caches 5 values per session, so a new session may
	# skip some: the insert drew a number past 3, the update a later one.
	expect_eq "$D: 0003: insert and update drew later batch numbers" "yes" \
	    "$(db_q "select case when (select batch from tickets where id = 4) > 3 and (select batch from tickets where id = 1) > (select batch from tickets where id = 4) then 'yes' else 'no' end")"

	step down3 0002 downgrade 0003:0002 || return
	expect_eq "$D: back at 0002: rows" "1|100
2|110
3|120" "$(rows)"
	step down2 0001 downgrade 0002:0001 || return
	expect_eq "$D: back at 0001: one sequence" "ticket_no" "$(seqs)"
	expect_eq "$D: back at 0001: columns" "id no title" \
	    "$(db_columns tickets | cut -d " " -f 1 | tr "\n" " " | sed "s/ $//")"
	step down1 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: at base: no sequence" "" "$(seqs)"
	db_drop
}

sqlite_refused
for D in postgresql mysql; do
	dialect_ready "sequences" || continue
	story
done
exit 0
