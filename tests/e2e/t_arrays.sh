#!/bin/sh
# t_arrays.sh: array column types (tests/e2e/projects/arrays).  On
# PostgreSQL: text[], integer[], integer[][] columns with rows inserted
# as array literals ('{x,y}') and by the default ('{}'), a gin index
# that answers @>, an array column added with a default, an element
# type changed (integer[] to bigint[]), a text column made an array and
# back (using), an array of an enum type; rows read back after each
# step, down undoes each.  On SQLite and MariaDB, which have no arrays,
# retort refuses the project at each array type and writes no script.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/arrays

rows() {	# rows <sql>: the rows of a query, '|' between columns
	db_q "$1"
}

story_pg() {
	db_new arrays || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: rows" "1|first|{x,y}|{1,2,3}|{{1,2},{3,4}}
2|second|{}||
3|third|{}||" "$(rows "select id, title, tags, scores, grid from posts order by id")"
	expect_eq "$D: 0001: column types" "grid|integer[]
scores|integer[]
tags|text[]" "$(rows "select column_name, format_type(atttypid, atttypmod) from information_schema.columns c join pg_attribute a on a.attrelid = 'posts'::regclass and a.attname = c.column_name where c.table_name = 'posts' and c.data_type = 'ARRAY' order by 1")"
	expect_eq "$D: 0001: the gin index answers @>" "1" \
	    "$(rows "set enable_seqscan = off; select id from posts where tags @> array['y']" | tail -n 1)"
	expect_eq "$D: 0001: an element reads back" "3" \
	    "$(rows "select grid[2][1] from posts where id = 1")"
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: 0002: rows" "1|{first}|{x,y}|{1,2,3}|{new}
2|{second}|{\"a b\",c}||{new}
3|{third}|{}||{new}" "$(rows "select id, title, tags, scores, labels from posts order by id")"
	expect_eq "$D: 0002: column types" "labels|character varying(20)[]
scores|bigint[]
title|text[]" "$(rows "select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'posts'::regclass and attname in ('labels', 'scores', 'title') order by 1")"
	step up3 0003 upgrade 0002:0003 || return
	expect_eq "$D: 0003: an array of an enum" "1|{sad,happy}
2|{happy}
3|{happy}" "$(rows "select id, moods from posts order by id")"
	db_do "insert into posts (id, title) values (4, '{fourth}')"
	expect_eq "$D: 0003: a row inserted after" "{fourth}|{}|{new}|{happy}" \
	    "$(rows "select title, tags, labels, moods from posts where id = 4")"
	db_do "delete from posts where id = 4"
	step down1 0002 downgrade 0003:0002 || return
	expect_eq "$D: back at 0002: no mood type" "0" \
	    "$(rows "select count(*) from pg_type where typname = 'mood'")"
	step down2 0001 downgrade 0002:0001 || return
	expect_eq "$D: back at 0001: rows" "1|first|{x,y}|{1,2,3}|{{1,2},{3,4}}
2|second|{}||
3|third|{}||" "$(rows "select id, title, tags, scores, grid from posts order by id")"
	expect_eq "$D: back at 0001: title and scores" "scores|integer[]
title|text" "$(rows "select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'posts'::regclass and attname in ('labels', 'scores', 'title') order by 1")"
	step down3 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: at base: no posts table" "no" \
	    "$(db_has_table posts && echo yes || echo no)"
	db_drop
}

# story_refused: no script for a dialect without arrays; the error
# names the dialect at each array type.
story_refused() {
	out=$T/$D-arrays.sql
	"$RETORT" --color=never -C "$PROJ" upgrade heads -d "$D" -o "$out" \
	    >"$T/.gen" 2>&1
	g_rc=$?
	expect_eq "$D: upgrade is refused (exit status)" "1" "$g_rc"
	expect_eq "$D: and writes no script" "no" \
	    "$([ -e "$out" ] && echo yes || echo no)"
	expect_eq "$D: one error at each array type" "8" \
	    "$(grep -c "error: an array type cannot be written for $D: it has no arrays" "$T/.gen" | tr -d ' ')"
	expect_eq "$D: the first at 0001, line 9" "1" \
	    "$(grep -c "^versions/0001_posts.mig:9:14: error: an array type" "$T/.gen" | tr -d ' ')"
}

for D in sqlite postgresql mysql; do
	case $D in
	postgresql)
		dialect_ready "arrays" || continue
		story_pg
		;;
	*) story_refused ;;
	esac
done
exit 0
