#!/bin/sh
# t_options.sh: the SQL-writing options on real databases (CLI.md,
# SQL.md "Transactions"; MySQL has no transactional DDL, so there the
# transaction options change nothing, which is checked too):
#   --transaction-per-migration and --no-transaction leave the same
#     database as the default script, up to heads and back to base
#     (samples/branched);
#   with --transaction-per-migration a failure in a later revision keeps
#     the earlier revisions, committed with their alembic_version rows
#     (samples/todoapp);
#   --version-table and --version-table-schema put the rows there and
#     nowhere else, and the guard reads them there;
#   --lock-timeout: a script that waits for a lock longer than that
#     fails, changing nothing;
#   a revision with `transactional false` (tests/e2e/projects/nontx:
#     CREATE INDEX CONCURRENTLY, which PostgreSQL refuses in a
#     transaction) runs outside one, first in its script or not.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

NOTABLE="(no alembic_version table)"
R1=1975ea83b712
R2=3b1c2d4e5f6
R3=9c4f2a1d7b3e

# run_gen <file tag> <retort command...>: write and run; one check
run_gen() {
	rg_file=$T/$D-$1.sql
	shift
	gen "$rg_file" "$@" || return 1
	db_run "$rg_file"
	expect_ran "$D: $* runs" "$rg_file"
}

transactions() {
	PROJ=$ROOT/samples/branched
	db_new opt_default || return
	run_gen default upgrade heads || return
	dump >"$T/.default"
	db_drop
	for opt in --transaction-per-migration --no-transaction; do
		db_new "opt${opt#-}" || return
		run_gen "up$opt" upgrade heads "$opt" || continue
		expect_eq "$D: upgrade heads $opt: the same database as without it" \
		    "$(cat "$T/.default")" "$(dump)"
		run_gen "down$opt" downgrade heads:base "$opt" || continue
		expect_eq "$D: downgrade heads:base $opt: no tables" "" "$(db_tables)"
		expect_eq "$D: downgrade heads:base $opt: alembic_version dropped" \
		    "$NOTABLE" "$(db_versions)"
		db_drop
	done
	# MySQL commits DDL at once: no transaction in any of the three, and
	# the header says what a failure leaves.
	if [ "$D" = mysql ]; then
		expect_eq "$D: upgrade heads: the same script with either option, no BEGIN or COMMIT" \
		    "0 same same" \
		    "$(cat "$T/$D-default.sql" "$T/$D-up--transaction-per-migration.sql" "$T/$D-up--no-transaction.sql" | grep -c '^BEGIN\|^COMMIT') $(cmp -s "$T/$D-default.sql" "$T/$D-up--transaction-per-migration.sql" && echo same) $(cmp -s "$T/$D-default.sql" "$T/$D-up--no-transaction.sql" && echo same)"
		expect_eq "$D: the header says a failure can leave a revision half done" \
		    "1" "$(grep -c '^-- that fails can leave its revision half done' "$T/$D-default.sql")"
	fi
}

# todoapp at 1975ea83b712 with a table todos of its own: upgrade to head
# fails at CREATE TABLE todos.
per_migration_failure() {
	PROJ=$ROOT/samples/todoapp
	db_new opt_tpm_fail || return
	run_gen tpm-setup upgrade "$R1" || return
	db_do "create table todos (x integer)"
	gen "$T/$D-tpm-fail.sql" upgrade "$R1:head" --transaction-per-migration ||
	    return
	db_run "$T/$D-tpm-fail.sql"
	if [ "$rc" != 0 ] && grep -q 'todos.* already exists' "$T/.run"; then
		ok "$D: upgrade $R1:head --transaction-per-migration fails at todos"
	else
		notok "$D: upgrade $R1:head --transaction-per-migration fails at todos (exit status $rc)"
		tail -n 6 "$T/.run" | evidence
	fi
	expect_eq "$D: after it failed: $R2 is committed, with its row" \
	    "$R2
id|email|first_name|last_name|hashed_password|is_active|phone_number" \
	    "$(db_versions)
$(db_columns users | cut -d' ' -f1 | tr '\n' '|' | sed 's/|$//')"
	db_drop
}

version_table() {
	PROJ=$ROOT/samples/todoapp
	db_new opt_vt || return
	vt="--version-table my_versions"
	# shellcheck disable=SC2086
	run_gen vt-up upgrade head $vt || return
	expect_eq "$D: upgrade head $vt: tables" "my_versions
todos
users" "$(db_tables)"
	expect_eq "$D: upgrade head $vt: its rows" \
	    "$R3" "$(db_q "select version_num from my_versions")"
	expect_refused "$D: upgrade head $vt run a second time" "$T/$D-vt-up.sql"
	# shellcheck disable=SC2086
	run_gen vt-down downgrade head:base $vt || return
	expect_eq "$D: downgrade head:base $vt: no tables" "" "$(db_tables)"
	db_drop
}

version_table_schema() {
	[ "$D" = postgresql ] || return 0
	PROJ=$ROOT/samples/todoapp
	db_new opt_vts || return
	db_do "create schema meta"
	run_gen vts-up upgrade head --version-table-schema meta || return
	expect_eq "$D: upgrade head --version-table-schema meta: meta.alembic_version's rows" \
	    "$R3" "$(db_q "select version_num from meta.alembic_version")"
	expect_eq "$D: upgrade head --version-table-schema meta: public has no alembic_version" \
	    "todos
users" "$(db_tables)"
	expect_refused "$D: upgrade head --version-table-schema meta run a second time" \
	    "$T/$D-vts-up.sql"
	gen "$T/$D-vts-plain.sql" downgrade head:base &&
	    expect_refused "$D: downgrade head:base without --version-table-schema on it" \
	    "$T/$D-vts-plain.sql"
	run_gen vts-down downgrade head:base --version-table-schema meta || return
	expect_eq "$D: downgrade head:base --version-table-schema meta: no tables, meta.alembic_version dropped" \
	    "" "$(db_tables)$(db_q "select table_name from information_schema.tables where table_schema = 'meta'")"
	db_drop
}

# Another session holds users locked while the script wants to alter it.
lock_timeout() {
	[ "$D" = postgresql ] || return 0
	PROJ=$ROOT/samples/todoapp
	db_new opt_lt || return
	run_gen lt-setup upgrade "$R1" || return
	gen "$T/lt.sql" upgrade "$R1:$R2" --lock-timeout 1s || return
	db_dump >"$T/.before"	# pg_dump would wait for the lock too
	# The holder keeps the lock until the script has ended (or for a
	# minute at most), however slow the machine: a script without its
	# lock timeout would wait that minute, one with it gives up at once.
	mark=$T/lt-locked
	release=$T/lt-release
	printf '%s\n' "touch '$mark'" "i=0" \
	    "while [ ! -f '$release' ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done" \
	    >"$T/lt-hold.sh"
	printf '%s\n' "BEGIN;" "LOCK TABLE users IN ACCESS EXCLUSIVE MODE;" \
	    "\\! sh '$T/lt-hold.sh'" "COMMIT;" >"$T/lt-holder.sql"
	psql_ -q -d "$DB" -f "$T/lt-holder.sql" >"$T/.holder" 2>&1 &
	holder=$!
	i=0
	while [ ! -f "$mark" ] && [ "$i" -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	start=$(date +%s)
	db_run "$T/lt.sql"
	took=$(($(date +%s) - start))
	touch "$release"
	wait "$holder"
	if [ "$rc" != 0 ] && grep -q 'lock timeout' "$T/.run" && [ "$took" -lt 30 ]; then
		ok "$D: upgrade $R1:$R2 --lock-timeout 1s gives up on a locked table (${took}s)"
	else
		notok "$D: upgrade $R1:$R2 --lock-timeout 1s gives up on a locked table (exit status $rc after ${took}s)"
		tail -n 5 "$T/.run" | evidence
	fi
	expect_eq "$D: upgrade $R1:$R2 --lock-timeout 1s that gave up changed nothing" \
	    "$(cat "$T/.before")" "$(db_dump)"
	db_drop
}

nontx() {
	PROJ=$TESTS/projects/nontx
	db_new opt_nontx || return
	run_gen nontx-up upgrade head || return
	expect_eq "$D: upgrade head through a transactional false revision: alembic_version" \
	    "0003" "$(db_versions)"
	if [ "$D" = postgresql ]; then
		expect_eq "$D: upgrade head through a transactional false revision: the index is there" \
		    "ix_t_v" "$(db_indexes t)"
	fi
	run_gen nontx-down1 downgrade head:0001 || return
	expect_eq "$D: downgrade head:0001 through it: alembic_version, columns, rows" \
	    "0001
id integer not null
v integer
1|10
2|20" "$(db_versions)
$(db_columns t)
$(db_q "select id, v from t order by id")"
	expect_eq "$D: downgrade head:0001 through it: the index is gone" \
	    "" "$(db_indexes t)"
	# Now the first revision of the script is the one outside a
	# transaction; its guard still runs, in a transaction of its own.
	run_gen nontx-up2 upgrade 0001:head || return
	expect_eq "$D: upgrade 0001:head (first revision transactional false): alembic_version" \
	    "0003" "$(db_versions)"
	expect_refused "$D: upgrade 0001:head run a second time" "$T/$D-nontx-up2.sql"
	run_gen nontx-down2 downgrade head:base || return
	expect_eq "$D: downgrade head:base: no tables" "" "$(db_tables)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "the SQL options" || continue
	transactions
	per_migration_failure
	version_table
	version_table_schema
	lock_timeout
	nontx
done
exit 0
