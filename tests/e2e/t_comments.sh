#!/bin/sh
# t_comments.sh: comment on table / column (tests/e2e/projects/comments)
# on every server, up and down, with rows: PostgreSQL's COMMENT ON;
# MariaDB's table option and its column comments, written with the
# whole column (MODIFY COLUMN), a foreign-key column's key dropped and
# added back around it, and kept when the column is retyped later;
# SQLite, which keeps no comments, gets a note in the script, and a
# comment holding a newline and SQL stays inside that note.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/comments

# comments: the table's, then each column's (name|comment), one a line;
# a newline in a comment shown as \n
comments() {
	case $D in
	postgresql)
		db_q "select coalesce(obj_description('notes'::regclass, 'pg_class'), '')"
		db_q "select attname || '|' || coalesce(replace(col_description('notes'::regclass, attnum), chr(10), '\n'), '') from pg_attribute where attrelid = 'notes'::regclass and attnum > 0 and not attisdropped order by attnum"
		;;
	mysql)
		db_q "set names utf8mb4; select table_comment from information_schema.tables where table_schema = database() and table_name = 'notes'"
		db_q "set names utf8mb4; select concat(column_name, '|', replace(column_comment, char(10), '\\\\n')) from information_schema.columns where table_schema = database() and table_name = 'notes' order by ordinal_position"
		;;
	esac
}

story() {
	db_new comments || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: rows" "1|hello|Hi|1" \
	    "$(db_q 'select * from notes')"
	if [ "$D" = sqlite ]; then
		expect_eq "$D: 0001: each comment a note, its newline a space" \
		    "-- sqlite keeps no comments: comment on table notes is 'people''s notes'
-- sqlite keeps no comments: comment on column notes.body is 'line one DROP TABLE notes; -- */'
-- sqlite keeps no comments: comment on column notes.\"Title\" is 'título'
-- sqlite keeps no comments: comment on column notes.owner is 'who wrote it'" \
		    "$(grep 'keeps no comments' "$T/$D-up1.sql")"
	else
		expect_eq "$D: 0001: comments" "people's notes
id|
body|line one\\nDROP TABLE notes; -- */
Title|título
owner|who wrote it" "$(comments)"
	fi
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: 0002: rows" "1|hello|Hi|1" \
	    "$(db_q 'select * from notes')"
	[ "$D" = sqlite ] || expect_eq "$D: 0002: comments (the retyped column keeps its own)" "notes
id|
body|
Title|título
author|who wrote it" "$(comments)"
	if [ "$D" = sqlite ]; then
		db_do "pragma foreign_keys = on; delete from people"
	else
		db_do "delete from people"
	fi
	expect_eq "$D: 0002: the foreign key still cascades" "0" \
	    "$(db_q 'select count(*) from notes')"
	db_do "insert into people (id, name) values (1, 'Ann')"
	title='"Title"'
	[ "$D" = mysql ] && title='`Title`'
	db_do "insert into notes (id, body, $title, author) values (1, 'hello', 'Hi', 1)"

	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: back at 0001: rows" "1|hello|Hi|1" \
	    "$(db_q 'select * from notes')"
	[ "$D" = sqlite ] || expect_eq "$D: back at 0001: comments" "people's notes
id|
body|line one\\nDROP TABLE notes; -- */
Title|título
owner|who wrote it" "$(comments)"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: base: no tables" "" "$(db_tables)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "comments" || continue
	story
done
exit 0
