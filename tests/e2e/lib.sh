# tests/e2e/lib.sh: helpers for the end-to-end tests, sourced by each
# t_*.sh.  retort's scripts run on real databases, the way SQL.md says
# they are run: `sqlite3 -bail DB < FILE` and `psql -v ON_ERROR_STOP=1
# -f FILE`.  Every check prints "ok - ..." or "not ok - ..." followed by
# its evidence as "#   " lines; run.sh counts them.
#
# PostgreSQL is a throwaway cluster (initdb in a temp dir, Unix socket in
# that dir, no TCP), started once by run.sh and shared by the test files
# through E2E_PGHOST and E2E_PG_BIN; a t_*.sh run alone starts its own.
# Each test makes its own database in it.  When the cluster cannot be
# started, every PostgreSQL part reports "not ok": SQL.md requires
# PostgreSQL, so the suite fails rather than skips.
#
# The functions below work on the current dialect $D ("sqlite" or
# "postgresql", retort's -d names) and database $DB, so a story is
# written once and run for both dialects.

set -u
: "${RETORT:?RETORT must name the retort binary}"
case "$RETORT" in /*) ;; *) RETORT=$(pwd)/$RETORT ;; esac
export RETORT
: "${TESTS:=$(cd "$(dirname "$0")" && pwd)}"
ROOT=$(cd "$TESTS/../.." && pwd)
E2E_TEST=$(basename "$0" .sh)
export LC_ALL=C

T=$(mktemp -d)
chmod 755 "$T"
E2E_OWN_PG=""

cleanup() {
	[ -n "$E2E_OWN_PG" ] && pg_cluster_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT HUP TERM PIPE

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# evidence [FILE]: stdin or FILE as TAP comment lines
evidence() {
	if [ $# -gt 0 ]; then sed 's/^/#   /' "$1"; else sed 's/^/#   /'; fi
}

# ---------------------------------------------------------------------------
# The PostgreSQL cluster

# pg_find_bin: the directory of initdb and pg_ctl.  The Debian package
# puts them in /usr/lib/postgresql/15/bin, not on PATH; PostgreSQL 15 is
# the server SQL.md names, so it is preferred.
pg_find_bin() {
	if [ -n "${E2E_PG_BIN:-}" ]; then echo "$E2E_PG_BIN"; return 0; fi
	for d in /usr/lib/postgresql/15/bin \
	    $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	p=$(command -v pg_ctl 2>/dev/null) || return 1
	[ -x "$(dirname "$p")/initdb" ] || return 1
	dirname "$p"
}

# as_pg <command...>: run a server command as the cluster's owner (the
# server refuses to run as root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		if command -v runuser >/dev/null 2>&1; then
			(cd / && runuser -u postgres -- "$@")
		else
			(cd / && setpriv --reuid=postgres --regid=postgres \
			    --init-groups -- "$@")
		fi
	else
		"$@"
	fi
}

# pg_cluster_start: initdb a cluster into a fresh temp dir and start it
# with its socket there.  Sets and exports E2E_PGDIR, E2E_PGHOST and
# E2E_PG_BIN.  On failure prints why on stdout (as "#   " lines) and
# returns 1.
pg_cluster_start() {
	E2E_PG_BIN=$(pg_find_bin) || {
		echo "#   no initdb/pg_ctl: not in /usr/lib/postgresql/*/bin nor on PATH"
		echo "#   (Debian: apt-get install postgresql-15)"
		return 1
	}
	if [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin postgres >/dev/null 2>&1 || {
			echo "#   no 'postgres' user and useradd failed"
			return 1
		}
	fi
	# A short path (the socket's must stay under 108 bytes, so not
	# $TMPDIR); in memory when there is room, where createdb is ten times
	# faster than on disk.
	pg_tmp=/tmp
	if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	    [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 1048576 ] 2>/dev/null; then
		pg_tmp=/dev/shm
	fi
	E2E_PGDIR=$(mktemp -d "${E2E_PG_TMP:-$pg_tmp}/retort-e2e-pg.XXXXXX") ||
	    return 1
	E2E_PGHOST=$E2E_PGDIR
	export E2E_PGDIR E2E_PGHOST E2E_PG_BIN
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$E2E_PGDIR" || return 1
	fi
	chmod 755 "$E2E_PGDIR"
	if ! as_pg "$E2E_PG_BIN/initdb" -D "$E2E_PGDIR/data" -U postgres \
	    -A trust -E UTF8 --locale=C --no-sync \
	    >"$E2E_PGDIR/initdb.log" 2>&1; then
		echo "#   initdb failed:"
		tail -n 20 "$E2E_PGDIR/initdb.log" | evidence
		return 1
	fi
	if ! as_pg "$E2E_PG_BIN/pg_ctl" -D "$E2E_PGDIR/data" \
	    -l "$E2E_PGDIR/server.log" -w -t 60 \
	    -o "-k $E2E_PGDIR -p 5432 -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
	    start >"$E2E_PGDIR/pg_ctl.log" 2>&1; then
		echo "#   pg_ctl start failed:"
		tail -n 20 "$E2E_PGDIR/pg_ctl.log" "$E2E_PGDIR/server.log" \
		    2>/dev/null | evidence
		return 1
	fi
	pg_env
	if ! "$E2E_PG_BIN/psql" -X -At -d postgres -c 'select 1' \
	    >"$E2E_PGDIR/probe.log" 2>&1; then
		echo "#   the server started but psql cannot connect:"
		evidence "$E2E_PGDIR/probe.log"
		return 1
	fi
	return 0
}

# pg_cluster_stop: stop the cluster and delete its directory.
pg_cluster_stop() {
	[ -n "${E2E_PGDIR:-}" ] && [ -d "$E2E_PGDIR" ] || return 0
	if [ -f "$E2E_PGDIR/data/postmaster.pid" ]; then
		as_pg "$E2E_PG_BIN/pg_ctl" -D "$E2E_PGDIR/data" -m immediate \
		    -w stop >/dev/null 2>&1
		# If pg_ctl could not stop it, end the postmaster by its pid.
		if [ -f "$E2E_PGDIR/data/postmaster.pid" ]; then
			pid=$(head -n 1 "$E2E_PGDIR/data/postmaster.pid")
			[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
		fi
	fi
	rm -rf "$E2E_PGDIR"
	E2E_PGDIR=""
}

# pg_env: point libpq at the cluster and nowhere else.
pg_env() {
	export PGHOST="$E2E_PGHOST" PGPORT=5432 PGUSER=postgres
	unset PGDATABASE PGSERVICE PGSERVICEFILE PGOPTIONS PGPASSWORD \
	    PGPASSFILE PGSSLMODE PGHOSTADDR PGAPPNAME 2>/dev/null
}

# pg_ready: is there a cluster to use?  run.sh starts one and exports
# E2E_PGHOST (or E2E_PG_ERROR when it could not); alone, start our own.
pg_ready() {
	if [ -n "${E2E_PG_ERROR:-}" ]; then return 1; fi
	if [ -n "${E2E_PGHOST:-}" ]; then pg_env; return 0; fi
	if pg_cluster_start >"$T/.pgstart" 2>&1; then
		E2E_OWN_PG=1
		return 0
	fi
	E2E_OWN_PG=1	# remove whatever was made
	E2E_PG_ERROR=$(cat "$T/.pgstart")
	return 1
}

# dialect_ready <what>: can the current dialect run?  When PostgreSQL is
# not there, says so as a failure.
dialect_ready() {
	[ "$D" = postgresql ] || return 0
	pg_ready && return 0
	notok "postgresql: $1: no PostgreSQL cluster, not run"
	printf '%s\n' "${E2E_PG_ERROR:-}" | grep . | sed 's/^\(#   \)*/#   /'
	return 1
}

# ---------------------------------------------------------------------------
# Databases of the current dialect $D

# psql_ <psql args...>: psql without ~/.psqlrc, stopping at an error
psql_() { "$E2E_PG_BIN/psql" -X -v ON_ERROR_STOP=1 "$@"; }

# db_new <name>: a fresh, empty database; sets DB.
db_new() {
	case $D in
	sqlite)
		DB=$T/$1.db
		rm -f "$DB"
		;;
	postgresql)
		DB=$(printf 'e2e_%s_%s' "${E2E_TEST#t_}" "$1" |
		    tr -c 'a-zA-Z0-9_' '_' | tr 'A-Z' 'a-z' | cut -c 1-63)
		"$E2E_PG_BIN/dropdb" --if-exists "$DB" >/dev/null 2>&1
		if ! "$E2E_PG_BIN/createdb" -T template0 "$DB" \
		    >"$T/.createdb" 2>&1; then
			notok "postgresql: createdb $DB"
			evidence "$T/.createdb"
			return 1
		fi
		;;
	esac
	return 0
}

# db_drop: drop the current database (files go with $T anyway).
db_drop() {
	case $D in
	sqlite) rm -f "$DB" ;;
	postgresql) "$E2E_PG_BIN/dropdb" --if-exists "$DB" >/dev/null 2>&1 ;;
	esac
}

# db_run <file>: run a script the way SQL.md says; sets rc, and the
# client's output is in $T/.run.  With SQLITE_FK_ON set, sqlite3 starts
# with foreign keys on, as for a user whose ~/.sqliterc turns them on.
db_run() {
	case $D in
	sqlite)
		if [ -n "${SQLITE_FK_ON:-}" ]; then
			sqlite3 -bail -cmd 'PRAGMA foreign_keys = ON' "$DB" <"$1"
		else
			sqlite3 -bail "$DB" <"$1"
		fi >"$T/.run" 2>&1
		;;
	postgresql) psql_ -q -d "$DB" -f "$1" >"$T/.run" 2>&1 ;;
	esac
	rc=$?
}

# db_qraw <sql>: run statements, print the rows ('|' between columns,
# NULL as the empty string) and errors; the client's exit status
db_qraw() {
	case $D in
	sqlite) sqlite3 "$DB" "$1" 2>&1 ;;
	postgresql) psql_ -At -d "$DB" -c "$1" 2>&1 ;;
	esac
}

# db_q <sql>: a query of the test itself, which must not fail: print its
# rows; when it fails, print the error as its output (so it shows as a
# difference) and count a failure on stderr (so two databases that fail
# alike cannot pass a comparison).
db_q() {
	if db_qraw "$1" >"$T/.q"; then
		cat "$T/.q"
		return 0
	fi
	cat "$T/.q"
	{
		notok "$D: a query of the test fails on ${DB##*/}"
		echo "#   $1" | cut -c 1-200
		evidence "$T/.q"
	} >&2
	return 1
}

# db_do <sql>: statements whose output is of no interest (a failure is
# counted as in db_q)
db_do() {
	db_q "$1" >/dev/null
}

# db_has_table <name>: does the table exist?
db_has_table() {
	case $D in
	sqlite) n=$(db_q "select count(*) from sqlite_master where type = 'table' and name = '$1'") ;;
	postgresql) n=$(db_q "select count(*) from pg_tables where schemaname = 'public' and tablename = '$1'") ;;
	esac
	[ "$n" = 1 ]
}

# db_tables: the user tables, one a line, sorted (SQLite's own
# sqlite_sequence and the like left out)
db_tables() {
	case $D in
	sqlite) db_q "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name" ;;
	postgresql) db_q "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name collate \"C\"" ;;
	esac
}

# db_versions: alembic_version's rows, sorted, or a line saying it is gone
db_versions() {
	if db_has_table alembic_version; then
		db_q "select version_num from alembic_version order by version_num"
	else
		echo "(no alembic_version table)"
	fi
}

# db_columns <table>: "name type[ not null]" per column, in order.  Types
# as the database reports them: format_type() on PostgreSQL, the declared
# type in lower case on SQLite (an INTEGER PRIMARY KEY is the rowid and
# so not null whether or not it says so).
db_columns() {
	case $D in
	sqlite) db_q "select name || ' ' || lower(type) || case when \"notnull\" or (pk and lower(type) = 'integer') then ' not null' else '' end from pragma_table_info('$1') order by cid" ;;
	postgresql) db_q "select attname || ' ' || format_type(atttypid, atttypmod) || case when attnotnull then ' not null' else '' end from pg_attribute where attrelid = 'public.$1'::regclass and attnum > 0 and not attisdropped order by attnum" ;;
	esac
}

# db_indexes <table>: the names of the table's indexes that are not its
# primary key's (SQLite's automatic ones left out), sorted
db_indexes() {
	case $D in
	sqlite) db_q "select name from sqlite_master where type = 'index' and tbl_name = '$1' and name not like 'sqlite\\_autoindex%' escape '\\' order by name" ;;
	postgresql) db_q "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.$1'::regclass and not i.indisprimary and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype = 'u') order by 1" ;;
	esac
}

# db_dump: everything in the database, schema and rows, as text
db_dump() {
	case $D in
	sqlite) sqlite3 "$DB" .dump 2>&1 ;;
	postgresql)
		# Leave out the version lines and the random \restrict key.
		"$E2E_PG_BIN/pg_dump" --no-owner --no-privileges -d "$DB" 2>&1 |
		    grep -v '^-- Dumped \(from\|by\)\|^\\\(un\)\{0,1\}restrict '
		;;
	esac
	echo "-- row counts"
	for t in $(db_tables); do
		echo "$t $(db_q "select count(*) from \"$t\"")"
	done
}

# dump: db_dump with timestamps made <time> (rows stamped with
# current_timestamp differ from run to run)
dump() {
	db_dump | sed 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9][.0-9]*/<time>/g'
}

# vc <n>, ts: varchar(n) and timestamp as db_columns reports them in $D
vc() {
	case $D in
	sqlite) echo "varchar($1)" ;;
	postgresql) echo "character varying($1)" ;;
	esac
}
ts() {
	case $D in
	sqlite) echo "datetime" ;;
	postgresql) echo "timestamp without time zone" ;;
	esac
}

# pg_schema: PostgreSQL's whole public schema, names of generated things
# left out: tables, columns (type, not null, default other than a
# sequence's), constraints by definition (their names are generated),
# indexes that are no constraint's (named by the user).  For comparing
# two databases.
pg_schema() {
	db_q "select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end || coalesce(' default ' || nullif(pg_get_expr(d.adbin, d.adrelid), ''), '') from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum and pg_get_expr(d.adbin, d.adrelid) not like 'nextval(%' where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by c.relname collate \"C\", a.attnum" |
	    sed 's/ default $//'
	db_q "select 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace order by 1"
	db_q "select 'index ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indrelid where c.relnamespace = 'public'::regnamespace and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) order by 1"
}

# ---------------------------------------------------------------------------
# retort

# gen <out> <retort command and arguments...>: write the script for the
# current dialect and project $PROJ to <out>.  On failure reports
# "not ok" and returns 1.
gen() {
	g_out=$1
	shift
	if "$RETORT" --color=never -C "$PROJ" "$@" -d "$D" -o "$g_out" \
	    >"$T/.gen" 2>&1 && [ -s "$g_out" ]; then
		return 0
	fi
	notok "$D: retort $* -d $D writes a script"
	evidence "$T/.gen"
	return 1
}

# ---------------------------------------------------------------------------
# Checks

# expect_eq <description> <expected> <actual>: the two texts are equal;
# else a unified diff (expected, actual) as evidence
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; return 0; fi
	notok "$1"
	printf '%s\n' "$2" >"$T/.want"
	printf '%s\n' "$3" >"$T/.got"
	diff -u --label expected --label actual "$T/.want" "$T/.got" | evidence
	return 1
}

# expect_ran <description> <script>: the last db_run succeeded
expect_ran() {
	if [ "$rc" = 0 ]; then ok "$1"; return 0; fi
	notok "$1: exit status $rc"
	tail -n 15 "$T/.run" | evidence
	echo "#   script: $2"
	return 1
}

# guard_end <script>: the number of the line before the script's first
# step ("-- Running ..."), or of its last line when it has none
guard_end() {
	n=$(grep -n -m 1 '^-- Running' "$1" | cut -d: -f1)
	if [ -n "$n" ]; then echo $((n - 1)); else wc -l <"$1" | tr -d ' '; fi
}

# error_line: the script line the client reported the error at
error_line() {
	case $D in
	sqlite) sed -n 's/.*rror.* near line \([0-9][0-9]*\).*/\1/p' "$T/.run" | head -n 1 ;;
	postgresql) sed -n 's/^psql:.*:\([0-9][0-9]*\): \(ERROR\|FATAL\): .*/\1/p' "$T/.run" | head -n 1 ;;
	esac
}

# expect_refused <description> <script>: running the script on $DB
# fails, in its guard (before its first step), and changes nothing.
expect_refused() {
	db_dump >"$T/.before"
	db_run "$2"
	db_dump >"$T/.after"
	el=$(error_line)
	ge=$(guard_end "$2")
	if [ "$rc" = 0 ]; then
		notok "$1: stopped (it ran, exit status 0)"
		tail -n 5 "$T/.run" | evidence
	elif [ -z "$el" ] || [ "$el" -gt "$ge" ]; then
		notok "$1: stopped in the guard (error at line ${el:-?}, the first step starts at line $((ge + 1)))"
		tail -n 8 "$T/.run" | evidence
		sed -n "${el:-1}p" "$2" | sed 's/^/#   line: /'
	else
		ok "$1: stopped in the guard (line $el)"
	fi
	if cmp -s "$T/.before" "$T/.after"; then
		ok "$1: database unchanged"
	else
		notok "$1: database unchanged"
		diff -u --label before --label after "$T/.before" "$T/.after" |
		    head -n 40 | evidence
	fi
}

# ---------------------------------------------------------------------------
# Alembic's own scripts (tests/alembic-reference: Alembic 1.8.1's offline
# PostgreSQL output for samples/branched's graph)

REFDIR=$ROOT/tests/alembic-reference

# alembic_ref <name> [<setup script>]: run Alembic's pg__<name>.sql on a
# fresh PostgreSQL database, after retort's PostgreSQL setup script (the
# starting state) when one is given; keep the alembic_version rows, the
# tables and the schema in $T/ref-<name>.versions, .tables and .schema.
# Reports "not ok" and returns 1 when it cannot.  Once per name.
alembic_ref() {
	[ -f "$T/ref-$1.versions" ] && return 0
	ar_d=${D:-} ar_db=${DB:-}
	D=postgresql
	ar_ok=0
	if pg_ready && db_new "ref_$1"; then
		if [ $# -gt 1 ]; then
			db_run "$2"
			expect_ran "alembic reference $1: the starting state (retort's $(basename "$2"))" "$2" ||
			    ar_ok=1
		fi
		if [ "$ar_ok" = 0 ]; then
			db_run "$REFDIR/pg__$1.sql"
			if [ "$rc" = 0 ]; then
				db_versions >"$T/ref-$1.versions"
				db_tables >"$T/ref-$1.tables"
				pg_schema >"$T/ref-$1.schema"
			else
				notok "alembic reference $1: Alembic's pg__$1.sql runs on PostgreSQL"
				tail -n 10 "$T/.run" | evidence
				ar_ok=1
			fi
		fi
		db_drop
	else
		ar_ok=1
	fi
	D=$ar_d DB=$ar_db
	return $ar_ok
}

# expect_like_alembic <what> <name>: the current database's
# alembic_version rows and tables are those Alembic's script <name>
# left (and, on PostgreSQL, the whole schema)
expect_like_alembic() {
	if [ ! -f "$T/ref-$2.versions" ]; then
		notok "$D: $1: alembic_version as after Alembic's $2 (no reference: it needs PostgreSQL)"
		return 1
	fi
	expect_eq "$D: $1: alembic_version as after Alembic's $2" \
	    "$(cat "$T/ref-$2.versions")" "$(db_versions)"
	expect_eq "$D: $1: tables as after Alembic's $2" \
	    "$(cat "$T/ref-$2.tables")" "$(db_tables)"
	if [ "$D" = postgresql ]; then
		expect_eq "$D: $1: schema as after Alembic's $2" \
		    "$(cat "$T/ref-$2.schema")" "$(pg_schema)"
	fi
}
