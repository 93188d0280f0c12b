#!/bin/sh
# tests/run.sh: run every test suite and print one closing line,
# "tests: N passed, N failed".  Usage: RETORT=bin/retort sh tests/run.sh UNIT_BIN...
# Unit binaries are cmocka's; the CLI and golden suites are shell.
set -u
: "${RETORT:?RETORT must name the retort binary}"
export RETORT
passed=0
failed=0

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

# Each suite's output goes to a log of its own; the suites run in
# TEST_JOBS lanes at once (default 2: most of their time is waiting on
# servers and processes, not on a core), and their logs are printed
# and counted in the order below, the same on any number of lanes.
# Every server a suite starts is its own, on a Unix socket in its own
# temporary directory, so suites never share one.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0
add() {	# add <name> <command...>: the next suite
	n=$((n + 1))
	printf '%s\n' "$1" >"$dir/$n.name"
	shift
	for a in "$@"; do printf '%s\n' "$a"; done >"$dir/$n.cmd"
}

# The two longest first, so that they start at once.
add "e2e" sh tests/e2e/run.sh
# retort's SQL and Alembic taking turns on SQLite, PostgreSQL 15 and
# MariaDB.
add "interop db" /usr/bin/python3 tests/interop/alembic_db.py
for t in "$@"; do
	add "unit $(basename "$t")" "$t"
done
add "golden" sh tests/golden/run.sh
add "golden sql" sh tests/golden-sql/run.sh
add "cli" sh tests/cli/run.sh
# Random projects in every order a database can take (sqlite3 library).
add "orders" /usr/bin/python3 tests/e2e/orders.py
# The README's walkthrough, run in sqlite3, its outputs compared.
add "readme" /usr/bin/python3 tests/doc/readme.py README.md
# Alembic itself as an oracle (Debian's python3-alembic, not pip's).
add "interop" /usr/bin/python3 tests/interop/heads.py
add "interop random sql" /usr/bin/python3 tests/interop/random_sql.py
# The README's recipe for taking over a database Alembic migrated.
add "interop takeover" /usr/bin/python3 tests/interop/takeover.py
# Twelve real Alembic histories (../shared/realworld) beside Alembic.
add "interop realworld" /usr/bin/python3 tests/interop/realworld.py
# retort import alembic, with Alembic's own upgrades as the oracle.
add "interop import" /usr/bin/python3 tests/interop/import_alembic.py

suite() {	# suite <i>: run suite i into its log, its status into .rc
	s=$1
	set --
	while IFS= read -r a; do set -- "$@" "$a"; done <"$dir/$s.cmd"
	"$@" >"$dir/$s.log" 2>&1
	echo $? >"$dir/$s.rc"
}

# Each lane takes the next suite no lane has claimed (mkdir is atomic).
lane() {
	i=1
	while [ "$i" -le "$n" ]; do
		if mkdir "$dir/$i.claim" 2>/dev/null; then
			suite "$i"
		fi
		i=$((i + 1))
	done
}

echo "tests: $n suites in ${TEST_JOBS:-2} lanes; each log is printed when all are done"
k=1
while [ "$k" -le "${TEST_JOBS:-2}" ]; do
	lane &
	k=$((k + 1))
done
wait

i=1
while [ "$i" -le "$n" ]; do
	echo "== $(cat "$dir/$i.name")"
	cat "$dir/$i.log"
	count "$dir/$i.log"
	# A suite that died without counting a failure still fails.
	if [ "$(cat "$dir/$i.rc" 2>/dev/null)" != 0 ] &&
	   ! grep -q 'FAILED\|[1-9][0-9]* failed$' "$dir/$i.log"; then
		failed=$((failed + 1))
	fi
	i=$((i + 1))
done

# The failures again, last, under their suites' names: a CI log is
# often read from its tail, and the logs above run to thousands of lines.
if [ "$failed" -ne 0 ]; then
	echo "== failures"
	i=1
	while [ "$i" -le "$n" ]; do
		name=$(cat "$dir/$i.name")
		grep -E '^not ok|^\[  FAILED  \] [^0-9]|^\[  ERROR   \]' "$dir/$i.log" |
			head -n 20 | sed "s|^|$name: |"
		if [ "$(cat "$dir/$i.rc" 2>/dev/null)" != 0 ]; then
			echo "$name: exit status $(cat "$dir/$i.rc" 2>/dev/null || echo '(none)'); its last lines:"
			tail -n 5 "$dir/$i.log" | sed "s|^|$name:   |"
		fi
		i=$((i + 1))
	done
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
