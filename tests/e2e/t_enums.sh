#!/bin/sh
# t_enums.sh: enum types (tests/e2e/projects/enums) on every server, the
# rows and the labels checked after each step: create type and columns
# of it (PostgreSQL's own type, SQLite's TEXT with a CHECK, MariaDB's
# ENUM), add value before and after a label (outside a transaction, as
# PostgreSQL needs before the label is used), rename value with the
# rows moved to the new label, a varchar column converted to the type
# and back, a label no server takes refused, and the down blocks.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/enums

rows() {
	t=text
	[ "$D" = mysql ] && t=char
	if [ "${1:-}" = later ]; then
		db_q "select id, name, coalesce(cast(feeling as $t), '-'), coalesce(cast(later as $t), '-') from people order by id"
	else
		db_q "select id, name, coalesce(cast(feeling as $t), '-') from people order by id"
	fi
}

# The labels of the type, in order, as the server keeps them: PostgreSQL's
# pg_enum, MariaDB's column type, SQLite's CHECK in the table's SQL.
labels() {
	case $D in
	postgresql) db_q "select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum e join pg_type t on t.oid = e.enumtypid where t.typname = 'mood'" ;;
	mysql) db_q "select column_type from information_schema.columns where table_schema = database() and table_name = 'people' and column_name = 'feeling'" ;;
	sqlite) db_q "select substr(sql, instr(sql, 'CHECK (feeling'), instr(substr(sql, instr(sql, 'CHECK (feeling')), '))') + 1) from sqlite_master where name = 'people'" ;;
	esac
}

# refused <sql>: the server rejects it (a label not in the type)
refused() {
	if db_qraw "$1" >/dev/null 2>&1; then
		notok "$D: refused: $1"
	else
		ok "$D: refused: $1"
	fi
}

story() {
	db_new enums || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: rows with labels and a null" "1|a|sad
2|b|it's fine
3|c|-" "$(rows)"
	case $D in
	postgresql) want="sad,ok,it's fine" ;;
	mysql) want="enum('sad','ok','it''s fine')" ;;
	sqlite) want="CHECK (feeling IN ('sad', 'ok', 'it''s fine'))" ;;
	esac
	expect_eq "$D: 0001: the labels" "$want" "$(labels)"
	refused "insert into people (id, name, feeling) values (9, 'x', 'happy')"

	step up2 0002 upgrade 0001:0002 || return
	case $D in
	postgresql) want="meh,sad,ok,happy,it's fine" ;;
	mysql) want="enum('meh','sad','ok','happy','it''s fine')" ;;
	sqlite) want="CHECK (feeling IN ('meh', 'sad', 'ok', 'happy', 'it''s fine'))" ;;
	esac
	expect_eq "$D: 0002: labels added before and after" "$want" "$(labels)"
	expect_eq "$D: 0002: the rows kept" "1|a|sad
2|b|it's fine
3|c|-" "$(rows)"

	step up3 0003 upgrade 0002:0003 || return
	case $D in
	postgresql) want="meh,blue,ok,happy,it's fine" ;;
	mysql) want="enum('meh','blue','ok','happy','it''s fine')" ;;
	sqlite) want="CHECK (feeling IN ('meh', 'blue', 'ok', 'happy', 'it''s fine'))" ;;
	esac
	expect_eq "$D: 0003: sad renamed blue in place" "$want" "$(labels)"
	expect_eq "$D: 0003: the sad row is blue, a happy one added, later set" "1|a|blue|meh
2|b|it's fine|-
3|c|-|-
4|d|happy|-" "$(rows later)"
	t=text
	[ "$D" = mysql ] && t=char
	expect_eq "$D: 0003: tickets' state converted" "1|ok
2|happy" "$(db_q "select id, cast(state as $t) from tickets order by id")"
	refused "insert into people (id, name, feeling) values (9, 'x', 'sad')"
	refused "insert into tickets (id, state) values (9, 'nope')"

	step down1 0002 downgrade 0003:0002 || return
	expect_eq "$D: 0003 undone: blue is sad again, the row gone" "1|a|sad
2|b|it's fine
3|c|-" "$(rows)"
	expect_eq "$D: 0003 undone: tickets' state text again" "1|ok
2|happy" "$(db_q "select id, state from tickets order by id")"

	step down2 "(no alembic_version table)" downgrade 0002:base || return
	if db_has_table people; then notok "$D: base: people dropped"
	else ok "$D: base: people dropped"; fi
	[ "$D" = postgresql ] &&
		expect_eq "$D: base: type mood dropped" "0" \
		    "$(db_q "select count(*) from pg_type where typname = 'mood'")"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "enum types" || continue
	story
done
exit 0
