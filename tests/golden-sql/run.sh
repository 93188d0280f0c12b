#!/bin/sh
# tests/golden-sql/run.sh: the SQL retort writes for the samples, compared
# byte for byte with tests/golden-sql/<case>.<dialect>.sql (two runs must
# agree too).  The end-to-end suite runs SQL like this on real servers;
# this one catches any change to it.  UPDATE=1 rewrites the expected files
# from what retort prints: review the diff.
set -u
: "${RETORT:?RETORT must name the retort binary}"
case "$RETORT" in /*) ;; *) RETORT=$(pwd)/$RETORT ;; esac
here=$(pwd)/tests/golden-sql
passed=0
failed=0
out=$(mktemp)
out2=$(mktemp)
trap 'rm -f "$out" "$out2"' EXIT

grep -v '^#' "$here/cases" | while IFS='|' read -r name sample args; do
	name=$(echo $name)
	sample=$(echo $sample)
	for d in postgresql sqlite mysql; do
		a=$(echo "$args" | sed "s/DIALECT/$d/")
		expect="$here/$name.$d.sql"
		# shellcheck disable=SC2086
		(cd "samples/$sample" && "$RETORT" -q $a) >"$out" 2>&1
		(cd "samples/$sample" && "$RETORT" -q $a) >"$out2" 2>&1
		[ "${UPDATE:-0}" = 1 ] && cp "$out" "$expect"
		if ! cmp -s "$out" "$out2"; then
			echo "not ok - $name ($d): two runs differ"
		elif ! diff -u "$expect" "$out"; then
			echo "not ok - $name ($d): output differs"
		else
			echo "ok - $name ($d)"
		fi
	done
done >"$here/.log" 2>&1
cat "$here/.log"
passed=$(grep -c '^ok - ' "$here/.log")
failed=$(grep -c '^not ok - ' "$here/.log")
rm -f "$here/.log"
echo "golden sql: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
