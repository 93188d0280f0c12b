#!/bin/sh
# t_rebuild.sh: changes that SQLite can only make by rebuilding a table
# (SQL.md, "SQLite: every ALTER made to work"), on tables with rows:
# tests/e2e/projects/rebuild has a parent table whose rows a child
# table references ON DELETE CASCADE; 0002 changes parent's type,
# nullability, default and adds a check (four changes, one rebuild),
# 0003 adds to child a NOT NULL column with a non-constant default and
# renames a column (one rebuild).  Rows are never lost, least of all
# child rows to the cascade, even for a user whose sqlite3 starts with
# foreign keys on; a view made outside retort on the rebuilt table keeps
# working; keys, checks, defaults and indexes come out as the model
# says.  PostgreSQL and MariaDB run the same project natively, with the
# same checks.  Then, on SQLite: a rebuild in a revision that is not
# transactional fails whole and runs again once the data is fixed, and
# columns SQLite can add in place (a reference, a check) are not
# rebuilt.
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
		echo "created_at $(ts) not null"
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
	if [ "$D" = sqlite ]; then
		# 0002's four changes to parent are one rebuild, 0003's two
		# to child another: the rows are copied once per table.
		expect_eq "$D: upgrade 0001:head: one rebuild of parent and one of child" \
		    "-- rebuild child (SQLite cannot alter it in place)
-- rebuild parent (SQLite cannot alter it in place)" \
		    "$(grep '^-- rebuild ' "$T/$D-up2.sql" | sort)"
	fi
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

# A revision that is not transactional rebuilds its table in a
# savepoint: when the rebuild fails (a NULL where the column becomes NOT
# NULL) nothing of it is left, and once the data is fixed the same
# script runs.  A column SQLite can add in place (a nullable reference,
# a check) is not rebuilt, with foreign keys on and rows in the table.
notx_story() {
	P=$T/notx
	rm -rf "$P"
	mkdir -p "$P/versions"
	cat >"$P/versions/x.mig" <<'MIG'
revision n1
up {
    create table owner (id integer primary key);
    create table item (id integer primary key, name text);
    insert into owner (id) values (1);
    insert into item (id, name) values (1, 'a'), (2, null);
}
down { drop table item; drop table owner; }
revision n2
depends n1
transactional false
up {
    alter table item alter column name set not null;
    alter table item alter column name set default 'none';
}
down {
    alter table item alter column name drop default;
    alter table item alter column name drop not null;
}
revision n3
depends n2
up {
    alter table item add column owner_id integer references owner (id);
    alter table item add column qty integer check (qty >= 0);
}
down {
    alter table item drop column qty;
    alter table item drop column owner_id;
}
MIG
	PROJ=$P
	db_new notx || return
	step n1 n1 upgrade n1 || return
	gen "$T/$D-n2.sql" upgrade n1:n2 || return
	expect_eq "$D: n2's two changes are one rebuild, in a savepoint" \
	    "-- rebuild item (SQLite cannot alter it in place)
RELEASE retort_rebuild;
SAVEPOINT retort_rebuild;" \
	    "$(grep '^-- rebuild \|SAVEPOINT\|RELEASE' "$T/$D-n2.sql" | sort)"
	db_run "$T/$D-n2.sql"
	if [ "$rc" != 0 ]; then ok "$D: n2 on a NULL name fails"; else
		notok "$D: n2 on a NULL name fails"; fi
	expect_eq "$D: the failed rebuild leaves no table behind" \
	    "alembic_version item owner" "$(db_tables | tr '\n' ' ' | sed 's/ $//')"
	expect_eq "$D: the failed rebuild leaves the rows" "1|a
2|" "$(db_q "select id, name from item order by id")"
	db_do "update item set name = 'b' where id = 2"
	db_run "$T/$D-n2.sql"
	expect_ran "$D: n2 runs again once the data is fixed" "$T/$D-n2.sql" ||
	    return
	expect_eq "$D: after n2: alembic_version" "n2" "$(db_versions)"
	gen "$T/$D-n3.sql" upgrade n2:n3 || return
	expect_eq "$D: n3: the reference and the check added in place" \
	    "ALTER TABLE item ADD COLUMN owner_id INTEGER CONSTRAINT fk_item_owner_id_owner REFERENCES owner (id);
ALTER TABLE item ADD COLUMN qty INTEGER CONSTRAINT ck_item_1 CHECK (qty >= 0);" \
	    "$(grep '^-- rebuild \|^ALTER TABLE item ADD' "$T/$D-n3.sql")"
	db_run "$T/$D-n3.sql"
	expect_ran "$D: n3 runs with foreign keys on" "$T/$D-n3.sql" || return
	expect_eq "$D: after n3: columns" "id integer not null
name text not null
owner_id integer
qty integer" "$(db_columns item)"
	if db_qraw "pragma foreign_keys = on; insert into item (id, name, owner_id) values (3, 'c', 9)" >/dev/null; then
		notok "$D: after n3: item.owner_id references owner"
	else ok "$D: after n3: item.owner_id references owner"; fi
	if db_qraw "insert into item (id, name, qty) values (4, 'd', -1)" >/dev/null; then
		notok "$D: after n3: item.qty is checked"
	else ok "$D: after n3: item.qty is checked"; fi
	step n3down n1 downgrade n3:n1 || return
	expect_eq "$D: after downgrade n2:n1: rows" "1|a
2|b" "$(db_q "select id, name from item order by id")"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "table rebuilds with rows" || continue
	story
done
D=sqlite
dialect_ready "a rebuild in a revision that is not transactional" &&
	notx_story
exit 0
