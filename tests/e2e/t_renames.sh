#!/bin/sh
# t_renames.sh: alter table ... rename constraint and alter index ...
# rename to (tests/e2e/projects/renames) on every server, up and down,
# with rows: a foreign key, a check, a unique key, a primary key and an
# index renamed, then dropped by their new names (which fails if any
# name is not what the model says).  PostgreSQL renames natively;
# SQLite rebuilds the table for a constraint and drops and makes the
# index again; MariaDB renames the unique key and the index (RENAME
# INDEX), drops and adds back the check and the foreign key (the index
# InnoDB made for the key renamed with it), and has nothing to do for a
# primary key, which it always names PRIMARY.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/renames

# names: the constraints of pets and owners other than primary keys,
# and (not mysql) the primary keys, as "pk name"
names() {
	case $D in
	sqlite)
		db_q "select sql from sqlite_master where type = 'table' and name in ('pets', 'owners')" |
		    grep -o 'CONSTRAINT [a-z_]* [A-Z]*' |
		    awk '{ print ($3 == "PRIMARY" ? "pk " : "") $2 }' | sort
		;;
	postgresql)
		db_q "select case when contype = 'p' then 'pk ' else '' end || conname from pg_constraint where conrelid in ('public.pets'::regclass, 'public.owners'::regclass)" | sort
		;;
	mysql)
		db_q "select constraint_name from information_schema.table_constraints where table_schema = database() and table_name in ('pets', 'owners') and constraint_type <> 'PRIMARY KEY'" | sort
		;;
	esac
}

# all_indexes: every index of pets, the one InnoDB made for a foreign
# key included (mysql), primary keys and unique keys left out
all_indexes() {
	if [ "$D" = mysql ]; then
		db_q "select distinct index_name from information_schema.statistics where table_schema = database() and table_name = 'pets' and index_name <> 'PRIMARY' order by 1"
	else
		db_indexes pets
	fi
}

expect_names() {	# expect_names <tag> <fk> <ck> <uq> <pk> <index>
	if [ "$D" = mysql ]; then
		want=$(printf '%s\n' "$2" "$3" "$4" | sort)
		want_ix=$(printf '%s\n' "$2" "$6" | sort)
	else
		want=$(printf '%s\n' "$2" "$3" "$4" "pk $5" "pk pk_pets" | sort)
		want_ix=$6
	fi
	expect_eq "$D: $1: constraint names" "$want" "$(names)"
	expect_eq "$D: $1: index names" "$want_ix" "$(all_indexes)"
}

ROWS="select p.id, p.name, o.code from pets p join owners o on o.id = p.owner order by p.id"

story() {
	db_new renames || return
	step up1 0001 upgrade 0001 || return
	expect_names 0001 fk_old ck_old uq_code pk_owners ix_old

	step up2 0002 upgrade 0001:0002 || return
	expect_names 0002 fk_pets_owner ck_pets_name uq_owners_code owners_pkey ix_pets_name
	expect_eq "$D: 0002: rows kept" "1|Rex|A
2|Tom|B" "$(db_q "$ROWS")"
	if db_qraw "insert into pets (id, name, owner) values (3, '', 1)" >/dev/null 2>&1; then
		notok "$D: 0002: the renamed check still holds"
	else
		ok "$D: 0002: the renamed check still holds"
	fi
	if [ "$D" = sqlite ]; then
		db_do "pragma foreign_keys = on; delete from owners where id = 2"
	else
		db_do "delete from owners where id = 2"
	fi
	expect_eq "$D: 0002: the renamed foreign key still cascades" "1|Rex|A" \
	    "$(db_q "$ROWS")"
	db_do "insert into owners (id, code) values (2, 'B')"
	db_do "insert into pets (id, name, owner) values (2, 'Tom', 2)"

	step up3 0003 upgrade 0002:0003 || return
	expect_eq "$D: 0003: dropped by their new names" "" "$(names | grep -v '^pk ')"

	step down1 0002 downgrade 0003:0002 || return
	expect_names "back at 0002" fk_pets_owner ck_pets_name uq_owners_code owners_pkey ix_pets_name
	step down2 0001 downgrade 0002:0001 || return
	expect_names "back at 0001" fk_old ck_old uq_code pk_owners ix_old
	expect_eq "$D: back at 0001: rows kept" "1|Rex|A
2|Tom|B" "$(db_q "$ROWS")"
	step down3 "(no alembic_version table)" downgrade 0001:base || return
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "renames" || continue
	story
done
exit 0
