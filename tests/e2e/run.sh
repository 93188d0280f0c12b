#!/bin/sh
# tests/e2e/run.sh: run every tests/e2e/t_*.sh on real databases (SQLite,
# a throwaway PostgreSQL cluster and a throwaway MariaDB server, each
# started once for all of them) and count their ok/not ok lines.  Usage: RETORT=bin/retort sh tests/e2e/run.sh
set -u
: "${RETORT:?RETORT must name the retort binary}"
case "$RETORT" in /*) ;; *) RETORT=$(pwd)/$RETORT ;; esac
export RETORT
TESTS=$(cd "$(dirname "$0")" && pwd)
export TESTS
. "$TESTS/lib.sh"	# for the cluster functions; its temp dir is ours

passed=0
failed=0
log=$T/log

# One cluster for the whole run; lib.sh's EXIT trap stops and removes it.
unset E2E_PGHOST E2E_PG_ERROR
if pg_cluster_start >"$T/.pgstart" 2>&1; then
	E2E_OWN_PG=1
	echo "# postgresql: $("$E2E_PG_BIN/postgres" --version) at $E2E_PGHOST"
else
	E2E_OWN_PG=1
	E2E_PG_ERROR=$(cat "$T/.pgstart")
	export E2E_PG_ERROR
	echo "not ok - postgresql: a throwaway cluster starts"
	printf '%s\n' "$E2E_PG_ERROR"
	failed=1
fi

# One MariaDB server likewise.
unset E2E_MYSOCK E2E_MY_ERROR
if my_server_start >"$T/.mystart" 2>&1; then
	E2E_OWN_MY=1
	echo "# mysql: $(my_client -N -B -e 'select version()') at $E2E_MYSOCK"
else
	E2E_OWN_MY=1
	E2E_MY_ERROR=$(cat "$T/.mystart")
	export E2E_MY_ERROR
	echo "not ok - mysql: a throwaway MariaDB server starts"
	printf '%s\n' "$E2E_MY_ERROR"
	failed=$((failed + 1))
fi

# E2E_ONLY=t_indexes (a glob) runs only those tests, the servers as
# always.
for t in "$TESTS"/${E2E_ONLY:-t_*}.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	status=$?
	cat "$log"
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $(basename "$t") exited with $status"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
