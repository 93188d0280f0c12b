#!/bin/sh
# t_allkinds.sh: every statement kind of LANGUAGE.md, up and down, on
# every server, with rows (tests/e2e/projects/allkinds): create table
# with an identity key, a default, a numeric, an unnamed check; unique
# and partial indexes; insert with a quote in a string; raw SQL for one
# dialect each; rename table and column; drop and set default; add and
# drop a check; drop and create an index.  After each step: columns,
# indexes, rows, behaviour (defaults, checks, identity) and
# alembic_version.  MySQL has no partial index (a compile error, checked
# here too): there the project's index ix_accounts_active is a plain one.
# The other statement kinds on MySQL, its foreign keys above all, are
# t_keys.sh's.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/allkinds

step() {	# step <tag> <expected alembic_version> <retort command...>
	s_file=$T/$D-$1.sql
	s_want=$2
	shift 2
	gen "$s_file" "$@" || return 1
	db_run "$s_file"
	expect_ran "$D: $* runs" "$s_file" || return 1
	expect_eq "$D: after $*: alembic_version" "$s_want" "$(db_versions)"
	return 0
}

rejects() {	# rejects <description> <sql>
	if db_qraw "$2" >/dev/null 2>&1; then
		notok "$D: $1: accepted"
	else
		ok "$D: $1"
	fi
}

ROWS="select id, name, balance from accounts order by id"

story() {
	db_new allkinds || return
	step up1 0001 upgrade 0001 || return
	expect_eq "$D: 0001: rows, the quote kept" "1|O'Brien|10.5
2|Ng|0" "$(db_q "$ROWS" | sed 's/10\.50/10.5/; s/|0\.00$/|0/')"
	expect_eq "$D: 0001: indexes" "ix_accounts_active
ix_accounts_name" "$(db_indexes accounts)"
	db_do "insert into accounts (name) values ('Lee')"
	expect_eq "$D: 0001: the identity goes on after the inserted ids, the default applies" \
	    "3|new" "$(db_q "select id, status from accounts where name = 'Lee'")"
	rejects "0001: the unnamed check holds (balance >= 0)" \
	    "insert into accounts (name, balance) values ('Neg', -1)"
	rejects "0001: the unique index holds" \
	    "insert into accounts (name) values ('Ng')"

	step up2 0003 upgrade 0001:head || return
	expect_eq "$D: head: tables" "alembic_version
ledger" "$(db_tables)"
	expect_eq "$D: head: rows kept under the new names" "1|O'Brien
2|Ng
3|Lee" "$(db_q "select id, title from ledger order by id")"
	expect_eq "$D: head: indexes (the partial one dropped)" \
	    "ix_accounts_name" "$(db_indexes ledger)"
	db_do "insert into ledger (title, balance) values ('Neg', -1)"
	# (No id here: PostgreSQL's rejected inserts used sequence values.)
	expect_eq "$D: head: the balance check is gone, the default too" \
	    "-1|" "$(db_q "select balance, coalesce(status, '') from ledger where title = 'Neg'" | sed 's/-1\.00/-1/')"
	rejects "head: the new title check holds" \
	    "insert into ledger (title) values ('')"
	db_do "delete from ledger where title = 'Neg'"

	step down1 0001 downgrade head:0001 || return
	expect_eq "$D: back at 0001: tables" "accounts
alembic_version" "$(db_tables)"
	expect_eq "$D: back at 0001: rows kept" "1|O'Brien
2|Ng
3|Lee" "$(db_q "select id, name from accounts order by id")"
	expect_eq "$D: back at 0001: indexes" "ix_accounts_active
ix_accounts_name" "$(db_indexes accounts)"
	db_do "insert into accounts (name) values ('Kim')"
	expect_eq "$D: back at 0001: the default is back" \
	    "new" "$(db_q "select status from accounts where name = 'Kim'")"
	rejects "back at 0001: the balance check is back" \
	    "insert into accounts (name, balance) values ('Neg', -1)"

	step down2 "(no alembic_version table)" downgrade 0001:base || return
	expect_eq "$D: base: no tables" "" "$(db_tables)"
	db_drop
}

# The project for mysql: the partial index refused, then made plain.
mysql_project() {
	if "$RETORT" --color=never -C "$PROJ" upgrade head -d mysql \
	    >/dev/null 2>"$T/.partial"; then
		notok "mysql: the partial index is refused"
	elif grep -q "0001_accounts.mig:14:.*error: a partial index (where) cannot be written for mysql" "$T/.partial"; then
		ok "mysql: the partial index is refused, at its where"
	else
		notok "mysql: the partial index is refused, at its where"
		evidence "$T/.partial"
	fi
	mkdir -p "$T/allkinds-mysql"
	cp -R "$PROJ/versions" "$T/allkinds-mysql/"
	sed -i 's/ where (status <> .closed.)//' \
	    "$T/allkinds-mysql/versions/0001_accounts.mig" \
	    "$T/allkinds-mysql/versions/0003_checks.mig"
	PROJ=$T/allkinds-mysql
}

for D in sqlite postgresql mysql; do
	dialect_ready "every statement kind" || continue
	[ "$D" = mysql ] && mysql_project
	story
done
exit 0
