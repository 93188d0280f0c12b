#!/bin/sh
# t_tutorial.sh: the Alembic tutorial's story (samples/todoapp) on real
# SQLite, PostgreSQL and MariaDB databases, step by step: the users table and its
# seeded row, phone_number added with the row kept (NULL), todos, then
# back down to the first revision (the row still there) and to base.
# The tables, columns, rows and alembic_version are checked after every
# step; a script run twice, or on a database at another revision, is
# stopped by its guard with nothing changed; a script that fails half
# way changes nothing; a script from base runs on the empty
# alembic_version that Alembic leaves at base; the whole range in one
# script gives the same database as the steps; and the tables it makes
# behave (defaults, identity after the seeded id, unique, check, foreign
# key, cascade).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$ROOT/samples/todoapp
R1=1975ea83b712	# create users table (+ the seeded row)
R2=3b1c2d4e5f6	# add phone_number column to users
R3=9c4f2a1d7b3e	# create todos table
NOTABLE="(no alembic_version table)"

users_cols() {	# users' columns, with phone_number when $1 is "phone"
	echo "id integer not null"
	echo "email $(vc 200) not null"
	echo "first_name $(vc 50)"
	echo "last_name $(vc 50)"
	echo "hashed_password $(vc 200) not null"
	echo "is_active boolean not null"
	[ "${1:-}" = phone ] && echo "phone_number $(vc 20)"
	return 0
}

todos_cols() {
	echo "id integer not null"
	echo "title $(vc 200) not null"
	echo "description text"
	echo "priority integer not null"
	echo "complete boolean not null"
	echo "owner_id integer not null"
}

USERS_ROWS="select id, email, first_name, last_name, hashed_password, case when is_active then 'true' else 'false' end from users order by id"
USERS_PHONES="select id, coalesce(phone_number, 'NULL') from users order by id"
SEED="1|test@mail.com|Ali|Khan|1234|true"

# step <file tag> <expected alembic_version> <retort command...>: write
# the script, run it on $DB, check alembic_version
step() {
	s_file=$T/$D-$1.sql
	s_want=$2
	shift 2
	gen "$s_file" "$@" || return 1
	db_run "$s_file"
	expect_ran "$D: $* runs" "$s_file" || return 1
	expect_eq "$D: after $*: alembic_version" "$s_want" "$(db_versions)"
	return 0
}

# refused <file tag> <retort command...>: the script for another
# starting point is stopped on $DB
refused() {
	r_file=$T/$D-$1.sql
	shift
	gen "$r_file" "$@" || return 0
	expect_refused "$D: $* on a database at $(db_versions | tr '\n' ' ' | sed 's/ $//')" "$r_file"
}

# expect_sql_fails <description> <sql>: the database refuses the statement
expect_sql_fails() {
	if f_out=$(db_qraw "$2"); then
		notok "$1: the statement was accepted"
		echo "#   $2"
	else
		ok "$1"
		printf '%s\n' "$f_out" | head -n 2 | evidence
	fi
}

# The story, step by step, on one database.
story() {
	db_new tutorial || return

	# 1. upgrade 1975ea83b712: users and its seeded row
	step up1 "$R1" upgrade "$R1" || return
	expect_eq "$D: after upgrade $R1: tables" \
	    "alembic_version
users" "$(db_tables)"
	expect_eq "$D: after upgrade $R1: users columns" \
	    "$(users_cols)" "$(db_columns users)"
	expect_eq "$D: after upgrade $R1: the seeded row" \
	    "$SEED" "$(db_q "$USERS_ROWS")"

	# The same script a second time; scripts for other starting points.
	expect_refused "$D: upgrade $R1 run a second time" "$T/$D-up1.sql"
	refused wrong1 upgrade "$R2:$R3"
	refused wrong2 downgrade "$R3:$R1"

	# 2. upgrade 1975ea83b712:3b1c2d4e5f6: phone_number, the row kept
	step up2 "$R2" upgrade "$R1:$R2" || return
	expect_eq "$D: after upgrade $R1:$R2: tables" \
	    "alembic_version
users" "$(db_tables)"
	expect_eq "$D: after upgrade $R1:$R2: users columns" \
	    "$(users_cols phone)" "$(db_columns users)"
	expect_eq "$D: after upgrade $R1:$R2: the seeded row is kept" \
	    "$SEED" "$(db_q "$USERS_ROWS")"
	expect_eq "$D: after upgrade $R1:$R2: its phone_number is NULL" \
	    "1|NULL" "$(db_q "$USERS_PHONES")"
	expect_refused "$D: upgrade $R1:$R2 run a second time" "$T/$D-up2.sql"
	refused wrong3 upgrade "$R1:head"

	# 3. the rest, to head: todos
	step up3 "$R3" upgrade "$R2:head" || return
	expect_eq "$D: after upgrade $R2:head: tables" \
	    "alembic_version
todos
users" "$(db_tables)"
	expect_eq "$D: after upgrade $R2:head: todos columns" \
	    "$(todos_cols)" "$(db_columns todos)"
	expect_eq "$D: after upgrade $R2:head: todos indexes" \
	    "ix_todos_owner_id" "$(db_indexes todos)"
	expect_eq "$D: after upgrade $R2:head: users columns" \
	    "$(users_cols phone)" "$(db_columns users)"
	expect_eq "$D: after upgrade $R2:head: the seeded row is kept" \
	    "$SEED" "$(db_q "$USERS_ROWS")"
	db_dump >"$T/$D-head.dump"
	expect_refused "$D: upgrade $R2:head run a second time" "$T/$D-up3.sql"
	refused wrong4 downgrade "$R2:$R1"
	refused wrong5 upgrade "heads"

	# 4. downgrade head:1975ea83b712: phone_number and todos go, the row stays
	step down1 "$R1" downgrade "head:$R1" || return
	expect_eq "$D: after downgrade head:$R1: tables" \
	    "alembic_version
users" "$(db_tables)"
	expect_eq "$D: after downgrade head:$R1: users columns" \
	    "$(users_cols)" "$(db_columns users)"
	expect_eq "$D: after downgrade head:$R1: the seeded row is kept" \
	    "$SEED" "$(db_q "$USERS_ROWS")"
	expect_refused "$D: downgrade head:$R1 run a second time" "$T/$D-down1.sql"

	# 5. downgrade 1975ea83b712:base: nothing left, alembic_version dropped
	step down2 "$NOTABLE" downgrade "$R1:base" || return
	expect_eq "$D: after downgrade $R1:base: no tables" "" "$(db_tables)"
	expect_refused "$D: downgrade $R1:base run a second time" "$T/$D-down2.sql"
	refused wrong6 downgrade "head:base"
	db_drop
}

# A script that fails after its first step changes nothing: the database
# is at 1975ea83b712 and has a table todos of its own, so `upgrade
# 1975ea83b712:head` adds phone_number, then fails at CREATE TABLE todos.
# MySQL commits DDL at once (SQL.md): there the first step stays done
# whole, with its alembic_version row, and the database is at it.
atomic() {
	[ -f "$T/$D-up1.sql" ] || return
	db_new atomic || return
	db_run "$T/$D-up1.sql"
	expect_ran "$D: upgrade $R1 on a second database" "$T/$D-up1.sql" || return
	db_do "create table todos (x integer)"
	gen "$T/$D-atomic.sql" upgrade "$R1:head" || return
	db_dump >"$T/.before"
	db_run "$T/$D-atomic.sql"
	db_dump >"$T/.after"
	el=$(error_line)
	ge=$(guard_end "$T/$D-atomic.sql")
	if [ "$rc" != 0 ] && [ -n "$el" ] && [ "$el" -gt "$ge" ] &&
	    grep -q 'todos.* already exists' "$T/.run"; then
		ok "$D: upgrade $R1:head fails at todos, past its first step (line $el)"
	else
		notok "$D: upgrade $R1:head fails at todos, past its first step (exit status $rc, error at line ${el:-?}, guard ends at $ge)"
		tail -n 6 "$T/.run" | evidence
	fi
	if [ "$D" = mysql ]; then
		expect_eq "$D: the failed upgrade $R1:head leaves $R2 done whole, with its row" \
		    "$R2
$(users_cols phone)" "$(db_versions)
$(db_columns users)"
	elif cmp -s "$T/.before" "$T/.after"; then
		ok "$D: the failed upgrade $R1:head changed nothing"
	else
		notok "$D: the failed upgrade $R1:head changed nothing"
		diff -u --label before --label after "$T/.before" "$T/.after" |
		    head -n 40 | evidence
	fi
	db_drop
}

# A database that Alembic downgraded to base online keeps an empty
# alembic_version table; a script from base runs on it (SQL.md).
after_alembic() {
	[ -f "$T/$D-up1.sql" ] || return
	db_new empty_table || return
	db_do "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
	db_run "$T/$D-up1.sql"
	expect_ran "$D: upgrade $R1 on an empty alembic_version left by Alembic" \
	    "$T/$D-up1.sql" || return
	expect_eq "$D: upgrade $R1 on an empty alembic_version: its rows" \
	    "$R1" "$(db_versions)"
	db_do "delete from alembic_version"
	db_do "insert into alembic_version (version_num) values ('0123456789ab')"
	gen "$T/$D-up1b.sql" upgrade "$R1" || return
	expect_refused "$D: upgrade $R1 on a database at a revision retort does not know" \
	    "$T/$D-up1b.sql"
	db_drop
}

# The whole range in one script: the same database as the three steps;
# then the tables behave; then head:base in one script.
oneshot() {
	db_new oneshot || return
	step all "$R3" upgrade head || return
	if [ -f "$T/$D-head.dump" ]; then
		expect_eq "$D: upgrade head gives the same database as the three steps" \
		    "$(cat "$T/$D-head.dump")" "$(db_dump)"
	fi
	# users.id is an identity (autoincrement) that the seeded id 1 moved on
	db_do "insert into users (email, hashed_password) values ('b@mail.com', 'x')"
	expect_eq "$D: a user inserted without id gets id 2, is_active true, phone_number NULL" \
	    "2|b@mail.com|||x|true
2|NULL" "$(db_q "$USERS_ROWS" | grep -v '^1|')
$(db_q "$USERS_PHONES" | grep -v '^1|')"
	expect_sql_fails "$D: users.email is unique" \
	    "insert into users (email, hashed_password) values ('b@mail.com', 'y')"
	expect_sql_fails "$D: users.hashed_password is not null" \
	    "insert into users (email) values ('c@mail.com')"
	fk="pragma foreign_keys = on;"	# SQLite checks keys only when asked
	[ "$D" = sqlite ] || fk=""
	db_do "$fk insert into todos (title, owner_id) values ('write tests', 2)"
	expect_eq "$D: a todo gets id 1, priority 1, complete false" \
	    "1|write tests||1|false|2" \
	    "$(db_q "select id, title, description, priority, case when complete then 'true' else 'false' end, owner_id from todos")"
	expect_sql_fails "$D: todos.priority is checked (between 1 and 5)" \
	    "insert into todos (title, priority, owner_id) values ('x', 9, 2)"
	expect_sql_fails "$D: todos.owner_id references users" \
	    "$fk insert into todos (title, owner_id) values ('x', 99)"
	db_do "$fk delete from users where id = 2"
	expect_eq "$D: deleting a user deletes its todos" \
	    "0" "$(db_q "select count(*) from todos")"
	step alldown "$NOTABLE" downgrade head:base || return
	expect_eq "$D: after downgrade head:base: no tables" "" "$(db_tables)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "the tutorial" || continue
	story
	atomic
	after_alembic
	oneshot
done
exit 0
