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
# MariaDB is a throwaway server the same way (mariadb-install-db into a
# temp dir, mariadbd on a Unix socket there, no TCP), started once by
# run.sh and shared through E2E_MYSOCK; a t_*.sh run alone starts its
# own.  It is MariaDB 10.11, the mysql dialect's server (SQL.md); when
# it cannot start, every mysql part reports "not ok".
#
# The functions below work on the current dialect $D ("sqlite",
# "postgresql" or "mysql", retort's -d names) and database $DB, so a
# story is written once and run for every dialect.

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
E2E_OWN_MY=""

cleanup() {
	[ -n "$E2E_OWN_PG" ] && pg_cluster_stop
	[ -n "$E2E_OWN_MY" ] && my_server_stop
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

# ---------------------------------------------------------------------------
# The MariaDB server

# e2e_tmp: a short directory for a server's files (a socket's path must
# stay under 108 bytes, so not $TMPDIR): /dev/shm when it has 1 GB free,
# where a server's writes cost nothing, else /tmp
e2e_tmp() {
	if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	    [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 1048576 ] 2>/dev/null; then
		echo /dev/shm
	else
		echo /tmp
	fi
}

# my_server_start: mariadb-install-db into a fresh temp dir and start
# mariadbd there: its socket, data, pid file and log in that dir, no TCP,
# no option file read (--no-defaults: the machine's own MariaDB, if it
# has one, is neither read nor touched).  As root the server runs as the
# mysql user (--user; made with useradd if missing), as anyone else as
# that user.  root@localhost has no password.  The character set is
# utf8mb4, as Debian's own configuration sets it (the built-in default
# is latin1).  Sets and exports E2E_MYDIR and E2E_MYSOCK.  On failure
# prints why (as "#   " lines) and returns 1.
my_server_start() {
	for p in mariadb-install-db mariadb; do
		command -v "$p" >/dev/null 2>&1 && continue
		echo "#   no $p on PATH (Debian: apt-get install mariadb-server)"
		return 1
	done
	E2E_MYD=$(command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd)
	if [ ! -x "$E2E_MYD" ]; then
		echo "#   no mariadbd (Debian: apt-get install mariadb-server)"
		return 1
	fi
	my_user=""
	if [ "$(id -u)" = 0 ]; then
		if ! id -u mysql >/dev/null 2>&1; then
			useradd --system --no-create-home --home-dir /nonexistent \
			    --shell /usr/sbin/nologin mysql >/dev/null 2>&1 || {
				echo "#   no 'mysql' user and useradd failed"
				return 1
			}
		fi
		my_user=--user=mysql
	fi
	E2E_MYDIR=$(mktemp -d "${E2E_MY_TMP:-$(e2e_tmp)}/retort-e2e-my.XXXXXX") ||
	    return 1
	E2E_MYSOCK=$E2E_MYDIR/sock
	export E2E_MYDIR E2E_MYSOCK
	chmod 755 "$E2E_MYDIR"
	[ -n "$my_user" ] && chown mysql: "$E2E_MYDIR"
	# Small logs and buffers, no flushing: a test server.
	set -- --no-defaults $my_user --datadir="$E2E_MYDIR/data" \
	    --innodb-log-file-size=4M --innodb-buffer-pool-size=32M
	if ! (cd / && mariadb-install-db "$@" --skip-test-db \
	    --auth-root-authentication-method=normal --skip-name-resolve \
	    >"$E2E_MYDIR/install.log" 2>&1); then
		echo "#   mariadb-install-db failed:"
		tail -n 20 "$E2E_MYDIR/install.log" | evidence
		return 1
	fi
	(cd / && exec "$E2E_MYD" "$@" --socket="$E2E_MYSOCK" \
	    --skip-networking --pid-file="$E2E_MYDIR/pid" \
	    --log-error="$E2E_MYDIR/server.log" \
	    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_general_ci \
	    >"$E2E_MYDIR/mariadbd.out" 2>&1 </dev/null) &
	i=0
	until my_client -e 'select 1' >"$E2E_MYDIR/probe.log" 2>&1; do
		i=$((i + 1))
		if [ "$i" -gt 300 ] || ! kill -0 $! 2>/dev/null; then
			echo "#   mariadbd did not start:"
			tail -n 20 "$E2E_MYDIR/server.log" "$E2E_MYDIR/probe.log" \
			    2>/dev/null | evidence
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# my_server_stop: stop the server by its pid and delete its directory.
my_server_stop() {
	[ -n "${E2E_MYDIR:-}" ] && [ -d "$E2E_MYDIR" ] || return 0
	pid=$(cat "$E2E_MYDIR/pid" 2>/dev/null)
	if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
		i=0
		while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
	fi
	rm -rf "$E2E_MYDIR"
	E2E_MYDIR=""
}

# my_client <mariadb args...>: the client, on the test server only
my_client() {
	mariadb --no-defaults --socket="$E2E_MYSOCK" -u root "$@"
}

# my_ready: is there a server to use?  As pg_ready.
my_ready() {
	if [ -n "${E2E_MY_ERROR:-}" ]; then return 1; fi
	if [ -n "${E2E_MYSOCK:-}" ]; then return 0; fi
	if my_server_start >"$T/.mystart" 2>&1; then
		E2E_OWN_MY=1
		return 0
	fi
	E2E_OWN_MY=1	# remove whatever was made
	E2E_MY_ERROR=$(cat "$T/.mystart")
	return 1
}

# dialect_ready <what>: can the current dialect run?  When its server
# is not there, says so as a failure.
dialect_ready() {
	case $D in
	postgresql)
		pg_ready && return 0
		notok "postgresql: $1: no PostgreSQL cluster, not run"
		printf '%s\n' "${E2E_PG_ERROR:-}" | grep . | sed 's/^\(#   \)*/#   /'
		;;
	mysql)
		my_ready && return 0
		notok "mysql: $1: no MariaDB server, not run"
		printf '%s\n' "${E2E_MY_ERROR:-}" | grep . | sed 's/^\(#   \)*/#   /'
		;;
	*) return 0 ;;
	esac
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
	mysql)
		DB=$(printf 'e2e_%s_%s' "${E2E_TEST#t_}" "$1" |
		    tr -c 'a-zA-Z0-9_' '_' | tr 'A-Z' 'a-z' | cut -c 1-64)
		if ! my_client -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB" \
		    >"$T/.createdb" 2>&1; then
			notok "mysql: CREATE DATABASE $DB"
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
	mysql) my_client -e "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 ;;
	esac
}

# db_run <file>: run a script the way SQL.md says; sets rc, and the
# client's output is in $T/.run.  With SQLITE_FK_ON set, sqlite3 starts
# with foreign keys on, as for a user whose ~/.sqliterc turns them on.
# With MYSQL_MODE set, the mariadb session adds it to its sql_mode (as a
# server configured so would: NO_BACKSLASH_ESCAPES, ANSI_QUOTES).
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
	mysql)
		if [ -n "${MYSQL_MODE:-}" ]; then
			my_client --init-command="SET SESSION sql_mode = CONCAT(@@sql_mode, ',$MYSQL_MODE')" "$DB" <"$1"
		else
			my_client "$DB" <"$1"
		fi >"$T/.run" 2>&1
		;;
	esac
	rc=$?
}

# my_rows: mariadb's XML rows (-X) on stdin as lines of values joined by
# '|', NULL as the empty string (its batch output cannot tell NULL from
# the string 'NULL')
my_rows() {
	awk 'function unxml(s) {
		gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
		gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
		gsub(/&amp;/, "\\&", s)
		return s
	}
	/^  <row>$/ { row = ""; n = 0; next }
	/^  <\/row>$/ { print row; next }
	infield {
		v = v "\n" $0
		if (v ~ /<\/field>$/) { sub(/<\/field>$/, "", v); add(v); infield = 0 }
		next
	}
	function add(x) { row = (n++ ? row "|" : "") unxml(x) }
	/^\t<field name=".*" xsi:nil="true" \/>$/ { add(""); next }
	/^\t<field name="/ {
		v = $0
		sub(/^\t<field name="[^"]*">/, "", v)
		if (v ~ /<\/field>$/) { sub(/<\/field>$/, "", v); add(v) }
		else infield = 1
	}'
}

# db_qraw <sql>: run statements, print the rows ('|' between columns,
# NULL as the empty string) and errors; the client's exit status
db_qraw() {
	case $D in
	sqlite) sqlite3 "$DB" "$1" 2>&1 ;;
	postgresql) psql_ -At -d "$DB" -c "$1" 2>&1 ;;
	mysql)
		if my_client ${MYSQL_MODE:+"--init-command=SET SESSION sql_mode = CONCAT(@@sql_mode, ',$MYSQL_MODE')"} \
		    -X -e "$1" "$DB" >"$T/.myq" 2>&1; then
			my_rows <"$T/.myq"
		else
			cat "$T/.myq"
			return 1
		fi
		;;
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
	mysql) n=$(db_q "select count(*) from information_schema.tables where table_schema = database() and table_name = '$1'") ;;
	esac
	[ "$n" = 1 ]
}

# db_tables: the user tables, one a line, sorted (SQLite's own
# sqlite_sequence and the like left out)
db_tables() {
	case $D in
	sqlite) db_q "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name" ;;
	postgresql) db_q "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name collate \"C\"" ;;
	mysql) db_q "select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by binary table_name" ;;
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
# so not null whether or not it says so), COLUMN_TYPE on MariaDB with its
# integers' display widths left out (int(11) is integer, tinyint(1)
# boolean) and decimal(p,s) said numeric(p, s), as SQLite says it.
db_columns() {
	case $D in
	sqlite) db_q "select name || ' ' || lower(type) || case when \"notnull\" or (pk and lower(type) = 'integer') then ' not null' else '' end from pragma_table_info('$1') order by cid" ;;
	postgresql) db_q "select attname || ' ' || format_type(atttypid, atttypmod) || case when attnotnull then ' not null' else '' end from pg_attribute where attrelid = 'public.$1'::regclass and attnum > 0 and not attisdropped order by attnum" ;;
	mysql) db_q "select concat(column_name, ' ', $MY_TYPE, case when is_nullable = 'NO' then ' not null' else '' end) from information_schema.columns where table_schema = database() and table_name = '$1' order by ordinal_position" ;;
	esac
}

# MariaDB's column type, as db_columns gives it
MY_TYPE="case when column_type = 'tinyint(1)' then 'boolean' when data_type = 'int' then 'integer' when data_type in ('smallint', 'bigint') then data_type when data_type = 'decimal' then concat('numeric(', numeric_precision, ', ', numeric_scale, ')') else column_type end"

# db_indexes <table>: the names of the table's indexes that are not its
# primary key's (SQLite's automatic ones left out), sorted
db_indexes() {
	case $D in
	sqlite) db_q "select name from sqlite_master where type = 'index' and tbl_name = '$1' and name not like 'sqlite\\_autoindex%' escape '\\' order by name" ;;
	postgresql) db_q "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.$1'::regclass and not i.indisprimary and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype = 'u') order by 1" ;;
	# MariaDB keeps no difference between a unique key and a unique
	# index: both are listed; the index InnoDB makes for a foreign key
	# (named after it) is not.
	mysql) db_q "select distinct index_name from information_schema.statistics s where table_schema = database() and table_name = '$1' and index_name <> 'PRIMARY' and not exists (select 1 from information_schema.table_constraints k where k.table_schema = s.table_schema and k.table_name = s.table_name and k.constraint_name = s.index_name and k.constraint_type = 'FOREIGN KEY') order by binary index_name" ;;
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
	mysql)
		mariadb-dump --no-defaults --socket="$E2E_MYSOCK" -u root \
		    --skip-dump-date --skip-comments --compact "$DB" 2>&1
		;;
	esac
	echo "-- row counts"
	for t in $(db_tables); do
		case $D in
		mysql) echo "$t $(db_q "select count(*) from \`$t\`")" ;;
		*) echo "$t $(db_q "select count(*) from \"$t\"")" ;;
		esac
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
	sqlite|mysql) echo "varchar($1)" ;;
	postgresql) echo "character varying($1)" ;;
	esac
}
ts() {
	case $D in
	sqlite|mysql) echo "datetime" ;;
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

# step <tag> <expected alembic_version> <retort command...>: write the
# script of the command to $T/$D-<tag>.sql for $PROJ, run it on $DB, and
# check that it ran and left alembic_version so
step() {
	s_file=$T/$D-$1.sql
	s_want=$2
	shift 2
	gen "$s_file" "$@" || return 1
	db_run "$s_file"
	expect_ran "$D: $* runs" "$s_file" || return 1
	expect_eq "$D: after $*: alembic_version" "$s_want" "$(db_versions)"
	return 0
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
	mysql) sed -n 's/^ERROR [0-9]* ([0-9A-Z]*) at line \([0-9][0-9]*\).*/\1/p' "$T/.run" | head -n 1 ;;
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
# PostgreSQL and MySQL output for samples/branched's graph)

REFDIR=$ROOT/tests/alembic-reference

# alembic_ref <dialect> <name> [<setup script>]: run Alembic's script
# <name> for <dialect> (pg__<name>.sql on PostgreSQL, mysql__<name>.sql
# on MariaDB) on a fresh database, after retort's setup script for that
# dialect (the starting state) when one is given; keep the
# alembic_version rows, the tables and the schema in
# $T/ref-<dialect>-<name>.versions, .tables and .schema.  Reports "not
# ok" and returns 1 when it cannot.  Once per dialect and name.
alembic_ref() {
	ar_out=$T/ref-$1-$2
	[ -f "$ar_out.versions" ] && return 0
	ar_d=${D:-} ar_db=${DB:-}
	D=$1
	case $D in
	postgresql) ar_file=$REFDIR/pg__$2.sql ;;
	*) ar_file=$REFDIR/${D}__$2.sql ;;
	esac
	ar_ok=0
	if dialect_ready "alembic reference $2" && db_new "ref_$2"; then
		if [ $# -gt 2 ]; then
			db_run "$3"
			expect_ran "$D: alembic reference $2: the starting state (retort's $(basename "$3"))" "$3" ||
			    ar_ok=1
		fi
		if [ "$ar_ok" = 0 ]; then
			db_run "$ar_file"
			if [ "$rc" = 0 ]; then
				db_versions >"$ar_out.versions"
				db_tables >"$ar_out.tables"
				db_schema >"$ar_out.schema"
			else
				notok "$D: alembic reference $2: Alembic's $(basename "$ar_file") runs"
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

# db_schema: the whole schema, for comparing with Alembic's (pg_schema,
# my_schema; SQLite's is not compared: Alembic's SQLite scripts have
# ALTERs SQLite rejects)
db_schema() {
	case $D in
	postgresql) pg_schema ;;
	mysql) my_schema ;;
	esac
}

# my_schema: MariaDB's schema of the current database, names of
# generated things left out: columns (type, not null, default, extra),
# keys and indexes by their columns (InnoDB names the index of an
# unnamed foreign key after its column, and retort's after the key),
# foreign keys and checks by definition.
my_schema() {
	db_q "select concat('column ', table_name, '.', column_name, ' ', column_type, if(is_nullable = 'NO', ' not null', ''), coalesce(concat(' default ', column_default), ''), if(extra <> '', concat(' ', extra), '')) from information_schema.columns where table_schema = database() order by binary table_name, ordinal_position"
	db_q "select i from (select concat(if(non_unique, 'index ', 'unique '), table_name, ' (', group_concat(column_name order by seq_in_index), ')') as i from information_schema.statistics where table_schema = database() group by table_name, index_name, non_unique) x order by binary i"
	db_q "select f from (select concat('foreign key ', k.table_name, ' (', group_concat(k.column_name order by k.ordinal_position), ') references ', k.referenced_table_name, ' (', group_concat(k.referenced_column_name order by k.ordinal_position), ') on delete ', r.delete_rule, ' on update ', r.update_rule) as f from information_schema.key_column_usage k join information_schema.referential_constraints r on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name where k.table_schema = database() and k.referenced_table_name is not null group by k.table_name, k.constraint_name, k.referenced_table_name, r.delete_rule, r.update_rule) x order by binary f"
	db_q "select concat('check ', table_name, ' ', check_clause) as c from information_schema.check_constraints where constraint_schema = database() order by binary c"
}

# expect_like_alembic <what> <name>: the current database's
# alembic_version rows and tables are those Alembic's script <name>
# left, in this dialect where Alembic's reference has it (and then the
# whole schema too), else on PostgreSQL
expect_like_alembic() {
	el_d=postgresql
	[ -f "$T/ref-$D-$2.versions" ] && el_d=$D
	el_ref=$T/ref-$el_d-$2
	if [ ! -f "$el_ref.versions" ]; then
		notok "$D: $1: alembic_version as after Alembic's $2 (no reference: it needs PostgreSQL)"
		return 1
	fi
	expect_eq "$D: $1: alembic_version as after Alembic's $2" \
	    "$(cat "$el_ref.versions")" "$(db_versions)"
	expect_eq "$D: $1: tables as after Alembic's $2" \
	    "$(cat "$el_ref.tables")" "$(db_tables)"
	if [ "$el_d" = "$D" ]; then
		expect_eq "$D: $1: schema as after Alembic's $2" \
		    "$(cat "$el_ref.schema")" "$(db_schema)"
	fi
}
