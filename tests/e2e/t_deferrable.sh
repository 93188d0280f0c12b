#!/bin/sh
# t_deferrable.sh: deferrable constraints, with rows.
# tests/e2e/projects/deferfk (PostgreSQL, SQLite; a compile error for
# mysql): a foreign key deferred to commit (a child inserted before its
# parent in one revision), a column's key deferrable but immediate,
# both kept through SQLite's table rebuild.  projects/deferuq
# (PostgreSQL; SQLite checks uniqueness at once): a deferrable unique
# key lets one UPDATE swap two positions, and one added by alter table
# initially deferred lets two statements swap two codes.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

# defers <table>: "name deferrable deferred" for each foreign or
# unique key of the table, as the server keeps it
defers() {
	case $D in
	sqlite)
		db_q "select sql from sqlite_master where type = 'table' and name = '$1'" |
		    sed -n 's/.*CONSTRAINT \([a-z_]*\) .*REFERENCES.*DEFERRABLE INITIALLY DEFERRED.*/\1 true true/p; s/.*CONSTRAINT \([a-z_]*\) .*REFERENCES.*DEFERRABLE,*$/\1 true false/p' | sort
		;;
	postgresql)
		db_q "select conname || ' ' || condeferrable || ' ' || condeferred from pg_constraint where conrelid = 'public.$1'::regclass and contype in ('f', 'u') order by 1"
		;;
	esac
}

sqlq() {	# sqlq <sql>: run on SQLite with foreign keys on
	if [ "$D" = sqlite ]; then db_qraw "pragma foreign_keys = on; $1"; else db_qraw "$1"; fi
}

story_fk() {
	PROJ=$TESTS/projects/deferfk
	db_new deferfk || return
	step up1 0001 upgrade 0001 || return
	want="fk_children_other_parents true false
fk_children_parent true true"
	expect_eq "$D: deferfk 0001: the keys are deferrable" "$want" "$(defers children)"
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: deferfk 0002: the child went in before its parent" "1|10" \
	    "$(db_q "select c.id, p.id from children c join parents p on p.id = c.parent")"
	step up3 0003 upgrade 0002:0003 || return
	expect_eq "$D: deferfk 0003: still deferrable after the change" "$want" "$(defers children)"
	if sqlq "begin; insert into children (id, parent) values (2, 20); insert into parents (id) values (20); commit;" >/dev/null 2>&1; then
		ok "$D: deferfk 0003: a deferred key waits for commit"
	else
		notok "$D: deferfk 0003: a deferred key waits for commit"
	fi
	if sqlq "begin; insert into children (id, parent, other) values (3, 10, 30); insert into parents (id) values (30); commit;" >/dev/null 2>&1; then
		notok "$D: deferfk 0003: an initially immediate key does not"
	else
		ok "$D: deferfk 0003: an initially immediate key does not"
	fi
	if sqlq "begin; insert into children (id, parent) values (4, 40); commit;" >/dev/null 2>&1; then
		notok "$D: deferfk 0003: a missing parent fails at commit"
	else
		ok "$D: deferfk 0003: a missing parent fails at commit"
	fi
	expect_eq "$D: deferfk 0003: rows" "1|10
2|20" "$(db_q "select id, parent from children order by id")"
	db_do "delete from children where id = 2"
	db_do "delete from parents where id = 20"
	step down1 0001 downgrade 0003:0001 || return
	expect_eq "$D: deferfk back at 0001: no rows" "0" "$(db_q "select count(*) from children")"
	expect_eq "$D: deferfk back at 0001: still deferrable" "$want" "$(defers children)"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

# The whole upgrade as one transaction: the rows 0002 left for commit
# to check are still pending when 0003 alters the table.
story_fk_whole() {
	PROJ=$TESTS/projects/deferfk
	db_new deferfk || return
	step whole 0003 upgrade heads || return
	expect_eq "$D: deferfk in one script: rows" "1|10" \
	    "$(db_q "select id, parent from children order by id")"
	db_drop
}

story_uq() {
	PROJ=$TESTS/projects/deferuq
	db_new deferuq || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: deferuq 0001: deferrable, initially immediate" "uq_slots_pos true false" "$(defers slots)"
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D: deferuq 0002: positions and codes swapped" "1|2|b
2|1|a" "$(db_q "select id, pos, code from slots order by id")"
	expect_eq "$D: deferuq 0002: the added key is initially deferred" "uq_slots_code true true
uq_slots_pos true false" "$(defers slots)"
	step down1 0001 downgrade 0002:0001 || return
	expect_eq "$D: deferuq back at 0001: rows" "1|1|a
2|2|b" "$(db_q "select id, pos, code from slots order by id")"
	step down2 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

for D in sqlite postgresql; do
	dialect_ready "deferrable" || continue
	story_fk
	story_fk_whole
	[ "$D" = postgresql ] && story_uq
done
exit 0
