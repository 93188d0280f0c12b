#!/bin/sh
# samples/todoapp/demo.sh: the tutorial's story with retort and sqlite3
# (what `make demo` runs).  A users table gets one row; phone_number is
# added without losing it; the todos table follows; then the database is
# taken back down, and the row is still there.
set -eu
R=${RETORT:-retort}
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/todo.db

say() { printf '\n$ %s\n' "$*"; }
run() { say "$*"; "$@"; }
sql() { say "sqlite3 todo.db \"$1\""; sqlite3 -header -column -nullvalue NULL "$db" "$1"; }
apply() { say "sqlite3 -bail todo.db < $(basename "$1")"; sqlite3 -bail "$db" < "$1"; }

run "$R" check
run "$R" history
run "$R" upgrade 1975ea83b712 -d sqlite -o "$work/1_users.sql"
apply "$work/1_users.sql"
sql "select * from users"
run "$R" upgrade 1975ea83b712:3b1c2d4e5f6 -d sqlite -o "$work/2_phone.sql"
say "cat 2_phone.sql"
cat "$work/2_phone.sql"
apply "$work/2_phone.sql"
sql "select id, email, first_name, phone_number from users"
sql "select * from alembic_version"
say "sqlite3 -bail todo.db < 2_phone.sql    # again: the guard refuses"
if sqlite3 -bail "$db" < "$work/2_phone.sql"; then
	echo "demo: the guard did not stop a second run" >&2
	exit 1
fi
run "$R" upgrade 3b1c2d4e5f6:head -d sqlite -o "$work/3_todos.sql"
apply "$work/3_todos.sql"
sql "select name from sqlite_master where type = 'table' order by name"
run "$R" downgrade head:1975ea83b712 -d sqlite -o "$work/4_down.sql"
apply "$work/4_down.sql"
sql "select * from users"
sql "select * from alembic_version"
