#!/bin/sh
# t_build.sh: `retort build` on real databases (SQL.md, "build"): for
# samples/todoapp, samples/branched and the rebuild project, in each
# dialect, the .up.sql files run in name order leave the same database
# as upgrade.sql, and the .down.sql files in reverse name order the
# same as downgrade.sql (no tables, no alembic_version); a per-revision
# file run out of order is refused by its guard; SHA256SUMS checks.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

# run_files <description> <file>...: run each file on $DB in turn; one
# check for all, naming the first that fails
run_files() {
	rf_what=$1
	shift
	for rf in "$@"; do
		db_run "$rf"
		if [ "$rc" != 0 ]; then
			notok "$D: $rf_what: $(basename "$rf") runs (exit status $rc)"
			tail -n 10 "$T/.run" | evidence
			return 1
		fi
	done
	ok "$D: $rf_what: all $# run"
}

build_project() {	# build_project <project dir>
	PROJ=$1
	p=$(basename "$PROJ")
	out=$T/build-$p-$D
	if ! "$RETORT" --color=never -C "$PROJ" build -d "$D" -o "$out" \
	    >"$T/.gen" 2>&1; then
		notok "$D: retort build of $p"
		evidence "$T/.gen"
		return
	fi
	dir=$out/$D
	ups=$(ls "$dir"/*.up.sql 2>/dev/null | sort)
	downs=$(ls "$dir"/*.down.sql 2>/dev/null | sort -r)
	if [ -z "$ups" ] || [ ! -f "$dir/upgrade.sql" ] ||
	    [ ! -f "$dir/downgrade.sql" ]; then
		notok "$D: $p: build wrote .up.sql files, upgrade.sql and downgrade.sql"
		ls -la "$dir" 2>&1 | evidence
		return
	fi
	if (cd "$dir" && sha256sum -c --quiet SHA256SUMS) >"$T/.sums" 2>&1; then
		ok "$D: $p: sha256sum -c SHA256SUMS"
	else
		notok "$D: $p: sha256sum -c SHA256SUMS"
		evidence "$T/.sums"
	fi

	# upgrade.sql on one database, the .up.sql files on another
	db_new "b_${p}_whole" || return
	whole=$DB
	db_run "$dir/upgrade.sql"
	expect_ran "$D: $p: upgrade.sql runs" "$dir/upgrade.sql" || return
	dump >"$T/.whole"
	db_new "b_${p}_files" || return
	# shellcheck disable=SC2086 # file names have no spaces
	run_files "$p: the .up.sql files in name order" $ups || return
	expect_eq "$D: $p: the .up.sql files leave the database upgrade.sql leaves" \
	    "$(cat "$T/.whole")" "$(dump)"

	# the first file again, out of order
	first=$(echo "$ups" | head -n 1)
	expect_refused "$D: $p: $(basename "$first") run at the heads" "$first"

	# downgrade.sql on the first, the .down.sql files on the second
	# shellcheck disable=SC2086
	run_files "$p: the .down.sql files in reverse name order" $downs || return
	dump >"$T/.files"
	expect_eq "$D: $p: after the .down.sql files: no tables" "" "$(db_tables)"
	db_drop
	DB=$whole
	db_run "$dir/downgrade.sql"
	expect_ran "$D: $p: downgrade.sql runs" "$dir/downgrade.sql" || return
	expect_eq "$D: $p: the .down.sql files leave the database downgrade.sql leaves" \
	    "$(cat "$T/.files")" "$(dump)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "retort build" || continue
	for proj in "$ROOT/samples/todoapp" "$ROOT/samples/branched" \
	    "$TESTS/projects/rebuild"; do
		build_project "$proj"
	done
done
exit 0
