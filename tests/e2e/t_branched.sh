#!/bin/sh
# t_branched.sh: samples/branched, Alembic's reference graph (a branch
# point, a merge, a labelled second root `audit`, a `requires`), on real
# SQLite, PostgreSQL and MariaDB databases: `upgrade heads` from base,
# `downgrade heads:B` (undoes D, M, C1, C2 and keeps X2), back up from
# there to heads, and `downgrade heads:base`; tables, columns, rows and
# alembic_version after each step, the rows surviving SQLite's table
# rebuilds.  Where the same state has an Alembic script in
# tests/alembic-reference, the database must be the one Alembic's script
# leaves: the same alembic_version rows and tables (and, on PostgreSQL
# and MariaDB, where Alembic's own script for that server runs, the same
# schema; Alembic's SQLite scripts have ALTERs SQLite rejects, so SQLite
# is compared with Alembic's PostgreSQL result).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$ROOT/samples/branched
# A  a1b2c3d4e5f6  create users
# B  b2c3d4e5f6a7  add phone_number varchar(15)        (branch point)
# C1 c1d2e3f4a5b6  create orders
# C2 c2d3e4f5a6b7  unique index ix_users_email
# M  d0e1f2a3b4c5  merge C1, C2
# D  d1e2f3a4b5c6  phone_number varchar(20) not null    (head)
# X1 e1f2a3b4c5d6  audit root: audit_meta + a row
# X2 e2f3a4b5c6d7  audit_log, depends X1, requires B    (head)
B=b2c3d4e5f6a7
DD=d1e2f3a4b5c6
X2=e2f3a4b5c6d7
NOTABLE="(no alembic_version table)"

users_cols() {	# $1: the phone_number column's state: B or D
	echo "id integer not null"
	echo "email $(vc 255) not null"
	echo "first_name $(vc 50)"
	echo "last_name $(vc 50)"
	echo "hashed_password $(vc 255) not null"
	case $1 in
	B) echo "phone_number $(vc 15)" ;;
	D) echo "phone_number $(vc 20) not null" ;;
	esac
}

orders_cols() {
	echo "id integer not null"
	echo "user_id integer not null"
	case $D in
	sqlite|mysql) echo "total numeric(10, 2)" ;;
	postgresql) echo "total numeric(10,2)" ;;
	esac
	echo "created_at $(ts) not null"
}

audit_meta_cols() {
	echo "name $(vc 50) not null"
	echo "value text"
}

audit_log_cols() {
	echo "id integer not null"
	echo "user_id integer"
	echo "action $(vc 100) not null"
	echo "created_at $(ts) not null"
}

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

USERS_ROWS="select id, email, phone_number from users order by id"
AUDIT_ROWS="select id, user_id, action from audit_log order by id"
META_ROWS="select name, value from audit_meta order by name"

story() {
	db_new branched || return

	# base -> heads
	step up "$DD
$X2" upgrade heads || return
	expect_eq "$D: after upgrade heads: tables" "alembic_version
audit_log
audit_meta
orders
users" "$(db_tables)"
	expect_eq "$D: after upgrade heads: users columns" \
	    "$(users_cols D)" "$(db_columns users)"
	expect_eq "$D: after upgrade heads: users indexes" \
	    "ix_users_email" "$(db_indexes users)"
	expect_eq "$D: after upgrade heads: orders columns" \
	    "$(orders_cols)" "$(db_columns orders)"
	expect_eq "$D: after upgrade heads: audit_meta columns" \
	    "$(audit_meta_cols)" "$(db_columns audit_meta)"
	expect_eq "$D: after upgrade heads: audit_log columns" \
	    "$(audit_log_cols)" "$(db_columns audit_log)"
	expect_eq "$D: after upgrade heads: audit_meta's row" \
	    "schema|v1" "$(db_q "$META_ROWS")"
	expect_like_alembic "after upgrade heads" up_base-heads

	# Rows that must live through the way down and up again (SQLite
	# rebuilds users both ways).
	db_do "insert into users (id, email, hashed_password, phone_number) values (1, 'a@example.org', 'h', '555-0100')"
	db_do "insert into orders (id, user_id, total) values (1, 1, 9.99)"
	db_do "insert into audit_log (id, user_id, action, created_at) values (1, 1, 'login', '2024-01-01 00:00:00')"
	expect_eq "$D: rows inserted at heads" "1|a@example.org|555-0100
1|1|login
1|1|9.99" "$(db_q "$USERS_ROWS")
$(db_q "$AUDIT_ROWS")
$(db_q "select id, user_id, total from orders")"

	# heads -> B: undoes D, M, C1, C2; keeps X2 (and X1, A, B)
	step down1 "$X2" downgrade "heads:$B" || return
	expect_eq "$D: after downgrade heads:$B: tables" "alembic_version
audit_log
audit_meta
users" "$(db_tables)"
	expect_eq "$D: after downgrade heads:$B: users columns" \
	    "$(users_cols B)" "$(db_columns users)"
	expect_eq "$D: after downgrade heads:$B: users has no ix_users_email" \
	    "" "$(db_indexes users)"
	expect_eq "$D: after downgrade heads:$B: audit_log columns" \
	    "$(audit_log_cols)" "$(db_columns audit_log)"
	expect_eq "$D: after downgrade heads:$B: the rows of users, audit_log, audit_meta are kept" \
	    "1|a@example.org|555-0100
1|1|login
schema|v1" "$(db_q "$USERS_ROWS")
$(db_q "$AUDIT_ROWS")
$(db_q "$META_ROWS")"
	expect_like_alembic "after downgrade heads:$B" up_base-X2
	expect_refused "$D: downgrade heads:$B run a second time" "$T/$D-down1.sql"
	gen "$T/$D-wrong.sql" downgrade heads:base &&
	    expect_refused "$D: downgrade heads:base on a database at $X2" "$T/$D-wrong.sql"

	# X2 -> heads: C1, C2, M, D again
	step up2 "$DD
$X2" upgrade "$X2:heads" || return
	expect_eq "$D: after upgrade $X2:heads: tables" "alembic_version
audit_log
audit_meta
orders
users" "$(db_tables)"
	expect_eq "$D: after upgrade $X2:heads: users columns" \
	    "$(users_cols D)" "$(db_columns users)"
	expect_eq "$D: after upgrade $X2:heads: users indexes" \
	    "ix_users_email" "$(db_indexes users)"
	expect_eq "$D: after upgrade $X2:heads: the rows are kept, orders is new" \
	    "1|a@example.org|555-0100
1|1|login
schema|v1
0" "$(db_q "$USERS_ROWS")
$(db_q "$AUDIT_ROWS")
$(db_q "$META_ROWS")
$(db_q "select count(*) from orders")"
	expect_like_alembic "after upgrade $X2:heads" up_base-heads
	if [ "$D" = sqlite ]; then
		expect_eq "$D: after upgrade $X2:heads: no foreign key violations" \
		    "" "$(db_q "pragma foreign_key_check")"
	fi

	# heads -> base
	step down2 "$NOTABLE" downgrade heads:base || return
	expect_eq "$D: after downgrade heads:base: no tables" "" "$(db_tables)"
	expect_refused "$D: downgrade heads:base run a second time" "$T/$D-down2.sql"
	db_drop
}

# Alembic's results first: the SQLite story is compared with them too.
for r in postgresql mysql; do
	alembic_ref $r up_base-heads
	alembic_ref $r up_base-X2
done
for D in postgresql sqlite mysql; do
	dialect_ready "the branched graph" || continue
	story
done
exit 0
