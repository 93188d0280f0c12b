#!/bin/sh
# t_newuser.sh: a new user's first project, from an empty directory, on
# real SQLite, PostgreSQL and MariaDB databases: `retort init`, a retort.ini that
# makes the dialect the default (no -d anywhere), two revisions written
# by `retort revision` and filled in as a person would, `upgrade head`
# (the row the application then stores keeps a NULL phone number), a
# side branch from the first revision, the refusal to guess a parent,
# `retort merge`, one head again, the upgrade through the merge and the
# downgrade back to the first revision.  Tables, columns, rows and
# alembic_version are checked after every step.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

# r <retort args...>: retort in the project, no -d; sets rc, $T/.r
r() {
	"$RETORT" --color=never -C "$PROJ" "$@" >"$T/.r" 2>"$T/.rerr"
	rc=$?
}

# fill <file> <up statements> <down statements>: what a person types
# into the empty blocks `retort revision` writes
fill() {
	UP=$2 DOWN=$3 awk '{ print }
	    /^up \{$/ { print ENVIRON["UP"] }
	    /^down \{$/ { print ENVIRON["DOWN"] }' \
	    "$1" >"$1.new" && mv "$1.new" "$1"
}

# new_revision <var> <retort revision args...>: the new file's path
# (relative to the project) in <var>; a failure is reported
new_revision() {
	nr_var=$1
	shift
	r "$@"
	if [ "$rc" != 0 ] || [ ! -f "$PROJ/$(cat "$T/.r")" ]; then
		notok "$D: retort $* writes a revision"
		evidence "$T/.rerr"
		return 1
	fi
	eval "$nr_var=\$(cat \"\$T/.r\")"
	return 0
}

# id_of <path>: the revision id a written file names
id_of() {
	sed -n 's/^revision \(.*\)$/\1/p' "$PROJ/$1"
}

# apply <tag> <expected alembic_version> <retort command...>: write the
# script with the config's dialect, run it, check alembic_version
apply() {
	a_file=$T/$D-$1.sql
	a_want=$2
	shift 2
	r "$@" -o "$a_file"
	if [ "$rc" != 0 ]; then
		notok "$D: retort $* (no -d) writes a script"
		evidence "$T/.rerr"
		return 1
	fi
	if ! head -n 1 "$a_file" | grep -q "($D)"; then
		notok "$D: retort $* writes $D, the config's first dialect"
		head -n 1 "$a_file" | evidence
		return 1
	fi
	db_run "$a_file"
	expect_ran "$D: $* runs" "$a_file" || return 1
	expect_eq "$D: after $*: alembic_version" "$a_want" "$(db_versions)"
}

story() {
	PROJ=$T/newuser-$D
	"$RETORT" --color=never init "$PROJ" >"$T/.r" 2>"$T/.rerr"
	rc=$?
	[ "$rc" = 0 ] && ok "$D: retort init makes the project" ||
		{ notok "$D: retort init"; evidence "$T/.rerr"; return; }
	printf '[retort]\ndialects = %s\n' "$D" >"$PROJ/retort.ini"
	db_new newuser || return

	# 1. the users table
	new_revision F1 revision -m "create users table" || return
	fill "$PROJ/$F1" "    create table users (
        id integer primary key autoincrement,
        email varchar(200) not null unique,
        first_name varchar(50)
    );" "    drop table users;"
	R1=$(id_of "$F1")
	apply up1 "$R1" upgrade head || return
	expect_eq "$D: after upgrade head: tables" "alembic_version
users" "$(db_tables)"
	db_do "insert into users (email, first_name) values ('test@mail.com', 'Ali')"

	# 2. phone_number, from where the database is
	new_revision F2 revision -m "add phone_number column to users" || return
	grep -qx "depends $R1" "$PROJ/$F2" && ok "$D: the second revision depends on the first" ||
		notok "$D: the second revision's depends: $(grep depends "$PROJ/$F2")"
	fill "$PROJ/$F2" "    alter table users add column phone_number varchar(20);" \
	    "    alter table users drop column phone_number;"
	R2=$(id_of "$F2")
	apply up2 "$R2" upgrade "$R1:head" || return
	expect_eq "$D: the old row is kept, its phone_number NULL" \
	    "1|test@mail.com|Ali|NULL" \
	    "$(db_q "select id, email, first_name, coalesce(phone_number, 'NULL') from users")"

	# 3. a side branch from the first revision, and the refusal to guess
	new_revision F3 revision -m "create todos table" --head "$R1" || return
	fill "$PROJ/$F3" "    create table todos (
        id integer primary key autoincrement,
        user_id integer not null references users (id),
        title varchar(200) not null
    );" "    drop table todos;"
	R3=$(id_of "$F3")
	r heads
	expect_eq "$D: two heads" "$(printf '%s (head)\n%s (head)\n' "$R2" "$R3" | sort)" \
	    "$(sort "$T/.r")"
	n=$(ls "$PROJ/versions" | wc -l)
	r revision -m "add due date"
	if [ "$rc" = 2 ] && grep -q "there are 2 heads" "$T/.rerr" &&
	    [ "$(ls "$PROJ/versions" | wc -l)" = "$n" ]; then
		ok "$D: revision refuses to guess between two heads, writing nothing"
	else
		notok "$D: revision with two heads: exit status $rc"
		evidence "$T/.rerr"
	fi
	r check --strict
	[ "$rc" = 1 ] && ok "$D: check --strict fails on two heads" ||
		notok "$D: check --strict with two heads: exit status $rc"

	# 4. merge: one head again, and the upgrade through it
	new_revision F4 merge -m "merge todos and phone numbers" || return
	R4=$(id_of "$F4")
	r heads
	expect_eq "$D: one head after the merge" "$R4 (head)" "$(cat "$T/.r")"
	r check --strict
	[ "$rc" = 0 ] && ok "$D: check --strict passes after the merge" ||
		{ notok "$D: check --strict after the merge: exit status $rc"; evidence "$T/.rerr"; }
	apply up3 "$R4" upgrade "$R2:head" || return
	expect_eq "$D: after the merge: tables" "alembic_version
todos
users" "$(db_tables)"
	db_do "insert into todos (user_id, title) values (1, 'buy milk')"
	expect_eq "$D: the todos table takes a row for the old user" \
	    "1|buy milk" "$(db_q "select user_id, title from todos")"

	# 5. back to the first revision: todos and phone_number go, the row stays
	apply down1 "$R1" downgrade "head:$R1" || return
	expect_eq "$D: after the downgrade: tables" "alembic_version
users" "$(db_tables)"
	expect_eq "$D: after the downgrade: the row is still there" \
	    "1|test@mail.com|Ali" "$(db_q "select id, email, first_name from users")"
	case "$(db_columns users)" in
	*phone_number*) notok "$D: phone_number is gone after the downgrade" ;;
	*) ok "$D: phone_number is gone after the downgrade" ;;
	esac
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "a new user's project" || continue
	story
done
exit 0
