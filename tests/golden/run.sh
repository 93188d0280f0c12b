#!/bin/sh
# tests/golden/run.sh: each tests/golden/<case>/ is a project; `retort
# check` on it must print exactly expected.err on stderr and exit with
# expected.rc, the same bytes on two runs.  Every samples/<project>/
# must check without errors.  With UPDATE=1, rewrite the
# expected files from what retort prints (review the diff!).
set -u
: "${RETORT:?RETORT must name the retort binary}"
case "$RETORT" in /*) ;; *) RETORT=$(pwd)/$RETORT ;; esac
passed=0
failed=0
out=$(mktemp)
out2=$(mktemp)
trap 'rm -f "$out" "$out2"' EXIT

for dir in tests/golden/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	(cd "$dir" && NO_COLOR=1 "$RETORT" --color=never check) >/dev/null 2>"$out"
	rc=$?
	(cd "$dir" && NO_COLOR=1 "$RETORT" --color=never check) >/dev/null 2>"$out2"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out" "$dir/expected.err"
		echo "$rc" >"$dir/expected.rc"
	fi
	if ! cmp -s "$out" "$out2"; then
		echo "not ok - $name: two runs differ"
		failed=$((failed + 1))
	elif ! diff -u "$dir/expected.err" "$out"; then
		echo "not ok - $name: diagnostics differ"
		failed=$((failed + 1))
	elif [ "$rc" != "$(cat "$dir/expected.rc")" ]; then
		echo "not ok - $name: exit status $rc, expected $(cat "$dir/expected.rc")"
		failed=$((failed + 1))
	else
		echo "ok - $name"
		passed=$((passed + 1))
	fi
done
# Every sample project must check without errors (samples/branched has
# two heads on purpose: that warning is allowed).
for dir in samples/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	(cd "$dir" && "$RETORT" --color=never check) >/dev/null 2>"$out"
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q ': 0 errors, [0-9]* warnings*$' "$out"; then
		echo "ok - sample $name"
		passed=$((passed + 1))
	else
		echo "not ok - sample $name (exit $rc)"
		cat "$out"
		failed=$((failed + 1))
	fi
done
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
