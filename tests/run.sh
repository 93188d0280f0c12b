#!/bin/sh
# tests/run.sh: run every test suite and print one closing line,
# "tests: N passed, N failed".  Usage: RETORT=bin/retort sh tests/run.sh UNIT_BIN...
# Unit binaries are cmocka's; the CLI and golden suites are shell.
set -u
: "${RETORT:?RETORT must name the retort binary}"
export RETORT
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {	# count <output file>: add cmocka's or our own totals
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -n 1)
	if [ -z "$p$f" ]; then
		p=$(sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$1" | tail -n 1)
		f=$(sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$1" | tail -n 1)
	fi
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

run() {	# run <name> <command...>
	name=$1
	shift
	echo "== $name"
	if "$@" >"$log" 2>&1; then
		cat "$log"
		count "$log"
	else
		cat "$log"
		count "$log"
		# A suite that died without counting a failure still fails.
		if ! grep -q 'FAILED\|[1-9][0-9]* failed$' "$log"; then
			failed=$((failed + 1))
		fi
	fi
}

for t in "$@"; do
	run "unit $(basename "$t")" "$t"
done
run "golden" sh tests/golden/run.sh
run "golden sql" sh tests/golden-sql/run.sh
run "cli" sh tests/cli/run.sh
run "e2e" sh tests/e2e/run.sh
# Random projects in every order a database can take (sqlite3 library).
run "orders" /usr/bin/python3 tests/e2e/orders.py
# The README's walkthrough, run in sqlite3, its outputs compared.
run "readme" /usr/bin/python3 tests/doc/readme.py README.md
# Alembic itself as an oracle (Debian's python3-alembic, not pip's).
run "interop" /usr/bin/python3 tests/interop/heads.py
# retort's SQL and Alembic taking turns on SQLite and PostgreSQL 15.
run "interop db" /usr/bin/python3 tests/interop/alembic_db.py
run "interop random sql" /usr/bin/python3 tests/interop/random_sql.py
# The README's recipe for taking over a database Alembic migrated.
run "interop takeover" /usr/bin/python3 tests/interop/takeover.py
# Twelve real Alembic histories (../shared/realworld) beside Alembic.
run "interop realworld" /usr/bin/python3 tests/interop/realworld.py
# retort import alembic, with Alembic's own upgrades as the oracle.
run "interop import" /usr/bin/python3 tests/interop/import_alembic.py

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
