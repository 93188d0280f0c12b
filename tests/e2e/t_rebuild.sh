#!/bin/sh
# t_rebuild.sh: changes that SQLite can only make by rebuilding a table
# (SQL.md, "SQLite: every ALTER made to work"), on tables with rows:
# tests/e2e/projects/rebuild has a parent table whose rows a child
# table references ON DELETE CASCADE; 0002 changes parent's type,
# nullability, default and adds a check (four rebuilds), 0003 adds to
# child a NOT NULL column with a non-constant default (a rebuild) and
# renames a column.  Rows are never lost, least of all child rows to the
# cascade, even for a user whose sqlite3 starts with foreign keys on; a
# view made outside retort on the rebuilt table keeps working; keys,
# checks, defaults and indexes come out as the model says.  PostgreSQL
# runs the same project natively, with the same checks.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/rebuild
SQLITE_FK_ON=1

step() {	# step <file tag> <expected alembic_version> <retort command...>
	s_file=$T/$D-$1.sql
	s_want=$2
	shift 2
	gen "$s_file" "$@" || return 1
	db_run "$s_file"
	expect_ran "$D: $* runs" "$s_file" || return 1
	expect_eq "$D: after $*: alembic_version" "$s_want" "$(db_versions)"
	return 0
}

PARENT_ROWS="select id, name, coalesce(note, 'NULL'), score from parent order by id"
PARENTS="1|one|first|10
2|two|NULL|20
3|three|third|30"

parent_cols() {	# $1: 1 (as created) or 2 (after 0002)
	echo "id integer not null"
	if [ "$1" = 1 ]; then
		echo "name $(vc 50) not null"
		echo "note text"
		echo "score integer"
	else
		echo "name $(vc 100) not null"
		echo "note text"
		echo "score integer not null"
	fi
}

child_cols() {	# $1: 1 (as created) or 3 (after 0003)
	echo "id integer not null"
	echo "parent_id integer not null"
	if [ "$1" = 1 ]; then
		echo "label $(vc 20)"
	else
		echo "tag $(vc 20)"
		case $D in
		sqlite) echo "created_at datetime not null" ;;
		postgresql) echo "created_at timestamp without time zone not null" ;;
		esac
	fi
}

fk_check() {	# no foreign key violations (SQLite)
	[ "$D" = sqlite ] || return 0
	expect_eq "$D: $1: no foreign key violations" "" \
	    "$(db_q "pragma foreign_key_check")"
}

story() {
	db_new rebuild || return
	fk="pragma foreign_keys = on;"
	[ "$D" = sqlite ] || fk=""

	step up1 0001 upgrade 0001 || return
	expect_eq "$D: after upgrade 0001: parent rows" \
	    "$PARENTS" "$(db_q "$PARENT_ROWS")"
	expect_eq "$D: after upgrade 0001: child rows" "1|1|a
2|1|b
3|2|c
4|3|d" "$(db_q "select id, parent_id, label from child order by id")"
	if [ "$D" = sqlite ]; then
		# PostgreSQL itself refuses to change the type of a column a
		# view uses, so the view is SQLite's only.
		db_do "create view parent_names as select id, name from parent"
	fi

	step up2 0003 upgrade 0001:head || return
	expect_eq "$D: after upgrade 0001:head: parent columns" \
	    "$(parent_cols 2)" "$(db_columns parent)"
	expect_eq "$D: after upgrade 0001:head: child columns" \
	    "$(child_cols 3)" "$(db_columns child)"
	expect_eq "$D: after upgrade 0001:head: parent rows kept" \
	    "$PARENTS" "$(db_q "$PARENT_ROWS")"
	expect_eq "$D: after upgrade 0001:head: child rows kept, created_at filled in" \
	    "1|1|a|1
2|1|b|1
3|2|c|1
4|3|d|1" "$(db_q "select id, parent_id, tag, case when created_at is not null then 1 else 0 end from child order by id")"
	expect_eq "$D: after upgrade 0001:head: child indexes" \
	    "ix_child_parent_id" "$(db_indexes child)"
	fk_check "after upgrade 0001:head"
	if [ "$D" = sqlite ]; then
		expect_eq "$D: after upgrade 0001:head: a view on parent still works" \
		    "3" "$(db_q "select count(*) from parent_names")"
	fi
	db_do "insert into parent (id, name) values (4, 'four')"
	expect_eq "$D: after upgrade 0001:head: parent.score's default is 1" \
	    "4|four|NULL|1" "$(db_q "$PARENT_ROWS" | grep '^4|')"
	db_do "delete from parent where id = 4"
	if db_qraw "insert into parent (id, name, score) values (5, 'five', -1)" >/dev/null; then
		notok "$D: after upgrade 0001:head: parent.score is checked (>= 0): a row with -1 was accepted"
		db_do "delete from parent where id = 5"
	else
		ok "$D: after upgrade 0001:head: parent.score is checked (>= 0)"
	fi
	if db_qraw "$fk insert into child (id, parent_id) values (9, 99)" >/dev/null; then
		notok "$D: after upgrade 0001:head: child.parent_id references parent: a row for parent 99 was accepted"
		db_do "delete from child where id = 9"
	else
		ok "$D: after upgrade 0001:head: child.parent_id references parent"
	fi

	step down1 0001 downgrade head:0001 || return
	expect_eq "$D: after downgrade head:0001: parent columns" \
	    "$(parent_cols 1)" "$(db_columns parent)"
	expect_eq "$D: after downgrade head:0001: child columns" \
	    "$(child_cols 1)" "$(db_columns child)"
	expect_eq "$D: after downgrade head:0001: parent rows kept" \
	    "$PARENTS" "$(db_q "$PARENT_ROWS")"
	expect_eq "$D: after downgrade head:0001: child rows kept" "1|1|a
2|1|b
3|2|c
4|3|d" "$(db_q "select id, parent_id, label from child order by id")"
	expect_eq "$D: after downgrade head:0001: child indexes" \
	    "ix_child_parent_id" "$(db_indexes child)"
	fk_check "after downgrade head:0001"
	if [ "$D" = sqlite ]; then
		expect_eq "$D: after downgrade head:0001: a view on parent still works" \
		    "3" "$(db_q "select count(*) from parent_names")"
	fi
	db_do "$fk delete from parent where id = 3"
	expect_eq "$D: after downgrade head:0001: deleting a parent still deletes its children" \
	    "1|1
2|1
3|2" "$(db_q "select id, parent_id from child order by id")"

	step down2 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: after downgrade 0001:base: no tables" "" "$(db_tables)"
	db_drop
}

for D in sqlite postgresql; do
	dialect_ready "table rebuilds with rows" || continue
	story
done
exit 0
