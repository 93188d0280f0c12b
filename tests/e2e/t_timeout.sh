#!/bin/sh
# t_timeout.sh: statement_timeout per revision (tests/e2e/projects/
# timeout, timeoutfail).  The revision that asks for '5min' sees it
# (PostgreSQL's statement_timeout, MariaDB's max_statement_time, each
# checked by a raw block inside the revision), the next one no longer
# does, as one script, per revision and with --no-transaction; a
# statement slower than its revision's '300ms' stops the script there
# (PostgreSQL: nothing of the revision is left; MariaDB: no version
# row).  SQLite has no statement timeout: a note, and the rows.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

story() {	# story <tag> [retort options...]
	tag=$1
	shift
	PROJ=$TESTS/projects/timeout
	db_new timeout || return
	step "$tag-up" 0003 upgrade heads "$@" || return
	expect_eq "$D: $tag: rows" "1|1
2|1
3|0
4|0" "$(db_q "select id, case when done then 1 else 0 end from jobs order by id")"
	step "$tag-down" "(no alembic_version table)" downgrade heads:base "$@" || return
	db_drop
}

story_fails() {
	PROJ=$TESTS/projects/timeoutfail
	db_new timeoutfail || return
	gen "$T/$D-fail.sql" upgrade heads || return
	db_run "$T/$D-fail.sql"
	if [ "$rc" = 0 ]; then
		notok "$D: a statement past the revision's timeout stops the script"
	else
		ok "$D: a statement past the revision's timeout stops the script"
		grep -i 'timeout\|max_statement_time\|interrupted' "$T/.run" | head -n 2 | sed 's/^/#   /'
	fi
	if [ "$D" = postgresql ]; then
		expect_eq "$D: no version row" "(no alembic_version table)" "$(db_versions)"
		expect_eq "$D: nothing of the revision is left" "" "$(db_tables)"
	else
		expect_eq "$D: no version row" "" "$(db_versions)"
	fi
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "timeout" || continue
	story whole
	story tpm --transaction-per-migration
	story notx --no-transaction
	if [ "$D" = sqlite ]; then
		gen "$T/sqlite-note.sql" upgrade heads || continue
		if grep -q "^-- sqlite has no statement timeout: statement_timeout '5min' is not set$" "$T/sqlite-note.sql"; then
			ok "$D: the script notes the timeout it cannot set"
		else
			notok "$D: the script notes the timeout it cannot set"
		fi
	else
		story_fails
	fi
done
exit 0
