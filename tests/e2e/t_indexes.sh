#!/bin/sh
# t_indexes.sh: index methods and expression key parts on every server
# that can hold them, with rows.  tests/e2e/projects/methods (all
# three): a hash and a btree index (PostgreSQL keeps the method;
# SQLite and MariaDB make B-trees, as the scripts' notes say), dropped
# and made again.  projects/exprindex (PostgreSQL, SQLite; an
# expression is a compile error for mysql): a unique index on
# lower(code) refuses a code that differs only in case, also after
# SQLite's table rebuild made it again from the model.
# projects/pgmethods (PostgreSQL; a compile error elsewhere): gin, gist
# and brin indexes, and a query the gin index answers.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

# methods <table>: "index method" for each index of the table (B-tree
# where the dialect has no other kind)
methods() {
	case $D in
	sqlite) db_q "select name || ' btree' from sqlite_master where type = 'index' and tbl_name = '$1' and name not like 'sqlite\\_autoindex%' escape '\\' order by name" ;;
	postgresql) db_q "select c.relname || ' ' || a.amname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where i.indrelid = 'public.$1'::regclass and not i.indisprimary order by 1" ;;
	mysql) db_q "select distinct concat(index_name, ' ', lower(index_type)) from information_schema.statistics where table_schema = database() and table_name = '$1' and index_name <> 'PRIMARY' order by 1" ;;
	esac
}

refused() {	# refused <description> <sql>: the statement fails
	if db_qraw "$2" >/dev/null 2>&1; then
		notok "$D: $1"
	else
		ok "$D: $1"
	fi
}

story_methods() {
	PROJ=$TESTS/projects/methods
	db_new methods || return
	step up1 0001 upgrade 0001 || return
	if [ "$D" = postgresql ]; then
		want="ix_docs_score btree
ix_docs_title hash"
	else
		want="ix_docs_score btree
ix_docs_title btree"
	fi
	expect_eq "$D: methods 0001: indexes and their methods" "$want" "$(methods docs)"
	expect_eq "$D: methods 0001: rows" "1|alpha|10
3|alpha|5" "$(db_q "select id, title, score from docs where title = 'alpha' order by id")"
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: methods 0002: the hash index is gone" "ix_docs_score btree" "$(methods docs)"
	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: methods back at 0001: made again" "$want" "$(methods docs)"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

story_exprs() {
	PROJ=$TESTS/projects/exprindex
	db_new exprindex || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: exprindex 0001: indexes" "ix_tags_label
ux_tags_code" "$(db_indexes tags)"
	refused "exprindex 0001: 'RED' is refused beside 'Red'" \
	    "insert into tags (id, code) values (3, 'RED')"
	db_do "insert into tags (id, code) values (3, 'green')"
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: exprindex 0002: the unique index is kept" "ux_tags_code" "$(db_indexes tags)"
	refused "exprindex 0002: 'BLUE' is refused beside 'blue'" \
	    "insert into tags (id, code) values (4, 'BLUE')"
	db_do "insert into tags (id, code) values (4, 'a code of thirty characters...')"
	db_do "delete from tags where id = 4"
	expect_eq "$D: exprindex 0002: rows kept" "1|Red|R
2|blue|b
3|green|" "$(db_q "select id, code, \"Label\" from tags order by id")"
	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: exprindex back at 0001: indexes" "ix_tags_label
ux_tags_code" "$(db_indexes tags)"
	refused "exprindex back at 0001: 'GREEN' is refused beside 'green'" \
	    "insert into tags (id, code) values (5, 'GREEN')"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

story_pg() {
	PROJ=$TESTS/projects/pgmethods
	db_new pgmethods || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: pgmethods 0001: indexes and their methods" "ix_events_at brin
ix_events_body gin
ix_events_span gist" "$(methods events)"
	expect_eq "$D: pgmethods 0001: the gin index answers @>" "1" \
	    "$(db_q "set enable_seqscan = off; select id from events where body @> '{\"k\": 1}'" | tail -n 1)"
	step down1 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "indexes" || continue
	story_methods
	[ "$D" = mysql ] || story_exprs
	[ "$D" = postgresql ] && story_pg
done
exit 0
