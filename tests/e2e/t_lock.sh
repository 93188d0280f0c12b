#!/bin/sh
# t_lock.sh: two runs of the same script at once must not both pass
# (SQL.md, "Guard"): PostgreSQL's guard takes LOCK TABLE alembic_version
# IN EXCLUSIVE MODE, so the second run waits for the first to commit and
# then stops at its guard; SQLite's BEGIN IMMEDIATE makes the second run
# stop at once; MySQL's guard takes a named lock (GET_LOCK) that the
# first run holds until it ends, so the second stops at once.  The script is `stamp 1975ea83b712:3b1c2d4e5f6` on
# samples/todoapp: without the lock the second run's guard would pass
# while the first is still open, and its UPDATE, waiting for the
# first's, would then find no row and succeed too.  The first run is
# held open just after its guard (a client command that marks a file
# and sleeps), and the second starts once the mark is there.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$ROOT/samples/todoapp
R1=1975ea83b712
R2=3b1c2d4e5f6

# hold <script> <out> <mark>: the script with a pause just after its
# guard (before its first step) that creates the file <mark> first
hold() {
	h_at=$(guard_end "$1")
	case $D in
	sqlite) h_cmd=".shell touch '$3'; sleep 1.5" ;;
	postgresql) h_cmd="\\! touch '$3'; sleep 1.5" ;;
	# (mariadb ends a \! command at a ';')
	mysql) h_cmd="\\! touch '$3' && sleep 1.5" ;;
	esac
	# Text goes to awk through the environment: -v would take its
	# backslashes as escapes, and gawk and mawk read "\\!" apart.
	HOLD_AT=$h_at HOLD_CMD=$h_cmd awk \
	    '{ print } NR == ENVIRON["HOLD_AT"] + 0 { print ENVIRON["HOLD_CMD"] }' \
	    "$1" >"$2"
}

race() {
	db_new lock || return
	gen "$T/$D-up.sql" upgrade "$R1" || return
	db_run "$T/$D-up.sql"
	expect_ran "$D: upgrade $R1 runs" "$T/$D-up.sql" || return
	gen "$T/$D-stamp.sql" stamp "$R1:$R2" || return
	mark=$T/$D-first-passed-guard
	hold "$T/$D-stamp.sql" "$T/$D-first.sql" "$mark"

	# The first run, in the background, held open after its guard.
	(
		case $D in
		sqlite) sqlite3 -bail "$DB" <"$T/$D-first.sql" ;;
		postgresql) psql_ -q -d "$DB" -f "$T/$D-first.sql" ;;
		mysql) my_client "$DB" <"$T/$D-first.sql" ;;
		esac >"$T/.first" 2>&1
		echo $? >"$T/.first-rc"
	) &
	first=$!
	i=0
	while [ ! -f "$mark" ] && [ "$i" -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ ! -f "$mark" ]; then
		wait "$first"
		notok "$D: the first run gets past its guard"
		evidence "$T/.first"
		return
	fi

	# The second run, while the first is open.
	db_run "$T/$D-stamp.sql"
	wait "$first"
	first_rc=$(cat "$T/.first-rc")
	if [ "$first_rc" = 0 ]; then
		ok "$D: two runs of stamp $R1:$R2 at once: the first passes"
	else
		notok "$D: two runs of stamp $R1:$R2 at once: the first passes (exit status $first_rc)"
		tail -n 8 "$T/.first" | evidence
	fi
	el=$(error_line)
	ge=$(guard_end "$T/$D-stamp.sql")
	if [ "$rc" != 0 ] && [ -n "$el" ] && [ "$el" -le "$ge" ]; then
		ok "$D: two runs of stamp $R1:$R2 at once: the second stops in its guard (line $el)"
	else
		notok "$D: two runs of stamp $R1:$R2 at once: the second stops in its guard (exit status $rc, error at line ${el:-?}, guard ends at $ge)"
		tail -n 8 "$T/.run" | evidence
	fi
	if [ "$D" = mysql ]; then
		# Its rows were still right: the lock stopped it.
		if grep -q 'retort: another retort script is running here' "$T/.run"; then
			ok "$D: the second run is stopped by the lock"
		else
			notok "$D: the second run is stopped by the lock"
			tail -n 4 "$T/.run" | evidence
		fi
	fi
	expect_eq "$D: two runs of stamp $R1:$R2 at once: alembic_version" \
	    "$R2" "$(db_versions)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "two runs at once" || continue
	race
done
exit 0
