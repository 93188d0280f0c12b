#!/bin/sh
# tests/cli/run.sh: run every tests/cli/t_*.sh and count its ok/not ok lines.
set -u
: "${RETORT:?RETORT must name the retort binary}"
case "$RETORT" in /*) ;; *) RETORT=$(pwd)/$RETORT ;; esac
export RETORT
TESTS=$(cd "$(dirname "$0")" && pwd)
export TESTS
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
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
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
