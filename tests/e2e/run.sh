#!/bin/sh
# tests/e2e/run.sh: run every tests/e2e/t_*.sh on real databases (SQLite
# and a throwaway PostgreSQL cluster started once for all of them) and
# count their ok/not ok lines.  Usage: RETORT=bin/retort sh tests/e2e/run.sh
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

for t in "$TESTS"/t_*.sh; do
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
