#!/bin/sh
# t_config.sh: retort.ini (CLI.md "The config file retort.ini", "Global
# options", the options shared by the SQL-writing commands), as seen in
# what retort writes:
#   - no config: -d is required (exit 2), build writes both dialects;
#   - dialects: the default -d of upgrade/downgrade/stamp/schema, what
#     build writes and what check checks, continuation lines;
#   - transaction_per_migration, lock_timeout, version_table and
#     version_table_schema in the SQL text (and in sqlite3, run for real);
#   - every command-line option winning over the file;
#   - paths relative to the config file, -c, -C DIR, --versions, output;
#   - a config file that is missing, a directory or unreadable (exit 3);
#   - an error in the file stops every command (exit 1, no output);
#   - help, --help and init never read it; init's template is valid.
# The exact error messages are golden tests (tests/golden/config-*).
. "$TESTS/lib.sh"

# ini <lines>: write retort.ini in the current directory
ini() {
	printf '%s\n' "$1" >retort.ini
}

# expect_out_count <n> <basic regex> <description>: lines of stdout matching
expect_out_count() {
	n=$(printf '%s\n' "$out" | grep -c -- "$2")
	if [ "$n" = "$1" ]; then ok "$3"; else
		notok "$3: $n lines of stdout match '$2', expected $1"
		printf '%s\n' "$out" | grep -n -- "$2" | head -n 10 | sed 's/^/#   /'
	fi
}

# expect_out_lacks <fixed text> <description>
expect_out_lacks() {
	if printf '%s\n' "$out" | grep -qF -- "$1"; then
		notok "$2: stdout has '$1'"
		printf '%s\n' "$out" | grep -nF -- "$1" | head -n 5 | sed 's/^/#   /'
	else ok "$2"; fi
}

# header_is <dialect> <description>: the script's first line names it
header_is() {
	first=$(printf '%s\n' "$out" | head -n 1)
	case "$first" in
	"-- retort "*"($1), "*) ok "$2" ;;
	*) notok "$2: first line is '$first'"; show_err ;;
	esac
}

# sqlite_run <script file> <database>: apply a script; sets $rc, $err
sqlite_run() {
	sqlite3 -bail "$2" <"$1" >"$T/.sqlout" 2>"$T/.err"
	rc=$?
	err=$(cat "$T/.err")
}

have_sqlite=false
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=true

# Two revisions, so that one transaction per revision shows as two.
mig versions/x.mig 'revision a
up { create table t (id integer, ts timestamp); }
down { drop table t; }
revision b
depends a
up { alter table t add column x integer; }
down { alter table t drop column x; }'

# --- no config file ---------------------------------------------------------

run_retort upgrade head
expect_rc 2 "no config, no -d: upgrade is a usage error (exit 2)"
run_retort schema
expect_rc 2 "no config, no -d: schema is a usage error (exit 2)"

ini '[retort]
versions = versions'
run_retort stamp head
expect_rc 2 "a config without dialects, no -d: stamp is a usage error (exit 2)"

rm retort.ini
run_retort build
if [ "$rc" = 0 ] && [ -d build/postgresql ] && [ -d build/sqlite ]; then
	ok "no config: build writes build/postgresql and build/sqlite"
else
	notok "no config: build did not write both dialects into build/ (exit $rc)"
	show_err
fi
rm -rf build

# --- dialects ---------------------------------------------------------------

ini '[retort]
dialects = sqlite, postgresql'
run_retort upgrade head
header_is sqlite "dialects = sqlite, postgresql: upgrade without -d writes sqlite"
run_retort downgrade b:base
header_is sqlite "dialects = sqlite, ...: downgrade without -d writes sqlite"
run_retort stamp head
header_is sqlite "dialects = sqlite, ...: stamp without -d writes sqlite"
run_retort schema
expect_out_has "ts DATETIME" "dialects = sqlite, ...: schema without -d uses sqlite types"
run_retort upgrade head -d postgresql
header_is postgresql "-d postgresql wins over dialects = sqlite, ..."
run_retort schema -d postgresql
expect_out_has "ts TIMESTAMP WITHOUT TIME ZONE" "schema -d postgresql wins over the config"

ini '[retort]
dialects = postgresql, sqlite'
run_retort upgrade head
header_is postgresql "dialects = postgresql, sqlite: upgrade without -d writes postgresql"

# One dialect only: build writes only it (and into the configured output).
ini '[retort]
dialects = sqlite
output = dist'
run_retort build
if [ "$rc" = 0 ] && [ -f dist/sqlite/upgrade.sql ] && [ ! -e dist/postgresql ] &&
	[ ! -e build ]; then
	ok "dialects = sqlite, output = dist: build writes dist/sqlite only"
else
	notok "dialects = sqlite, output = dist: build wrote something else (exit $rc)"
	find . -path ./versions -prune -o -type d -print | sed 's/^/#   /'
fi
rm -rf dist

# An indented line continues dialects.
ini '[retort]
dialects = postgresql
    sqlite
output = both'
run_retort build
if [ "$rc" = 0 ] && [ -d both/postgresql ] && [ -d both/sqlite ]; then
	ok "dialects continued on an indented line: build writes both"
else
	notok "dialects continued on an indented line: build did not write both (exit $rc)"
	show_err
fi
rm -rf both

ini '[retort]
dialects = postgresql, mysql'
run_retort upgrade head -d postgresql -o my.sql
if [ "$rc" = 0 ] && [ -s my.sql ]; then
	ok "dialects with mysql: upgrade -d postgresql writes its script"
else
	notok "dialects with mysql: exit $rc, expected 0 and my.sql"
	show_err
fi
rm -f my.sql
ini '[retort]
dialects = mysql, sqlite'
run_retort upgrade head -o my.sql
if [ "$rc" = 0 ] && head -n 1 my.sql | grep -q '(mysql)'; then
	ok "dialects = mysql, sqlite: upgrade without -d writes mysql"
else
	notok "dialects = mysql, sqlite: upgrade without -d (exit $rc)"
	show_err
fi
rm -f my.sql

# check runs the checks of each configured dialect: a schema-qualified table
# is fine for postgresql, and something sqlite cannot express.
mkdir s
mig s/s.mig 'revision s1
up { create table s.t (id integer); }'
rm retort.ini
run_retort --versions s check
expect_err_has "sqlite has no schemas" "check, no config: a schema-qualified table fails for sqlite"
ini '[retort]
dialects = postgresql'
run_retort --versions s check
expect_rc 0 "check, dialects = postgresql: the schema-qualified table passes"
ini '[retort]
dialects = postgresql, mysql'
run_retort --versions s check
expect_err_has "mysql has no schemas" "check, dialects = postgresql, mysql: the schema-qualified table fails for mysql"
ini '[retort]
dialects = sqlite'
run_retort --versions s check
expect_rc 1 "check, dialects = sqlite: it fails"
ini '[retort]
dialects = postgresql,
  sqlite'
run_retort --versions s check
expect_rc 1 "check, dialects continued with sqlite on the next line: it fails"
rm -rf s

# --- transaction_per_migration ----------------------------------------------

ini '[retort]
dialects = sqlite'
run_retort upgrade head
expect_out_count 1 '^BEGIN IMMEDIATE;$' "default: one transaction for the whole script"

ini '[retort]
dialects = sqlite
transaction_per_migration = true'
run_retort upgrade head
expect_out_count 2 '^BEGIN IMMEDIATE;$' "transaction_per_migration = true: one transaction per revision"
# --no-transaction: only the guard's own transaction is left.
run_retort upgrade head --no-transaction
expect_out_count 1 '^BEGIN IMMEDIATE;$' "--no-transaction wins over transaction_per_migration = true"
run_retort upgrade head --no-transaction --no-guard
expect_out_count 0 '^BEGIN' "--no-transaction --no-guard: no transaction at all"
run_retort upgrade head -d postgresql
expect_out_count 2 '^BEGIN;$' "transaction_per_migration = true: postgresql too"

bad=
for v in yes YES on 1 True; do
	ini "[retort]
dialects = sqlite
transaction_per_migration = $v"
	run_retort upgrade head
	n=$(printf '%s\n' "$out" | grep -c '^BEGIN IMMEDIATE;$')
	[ "$rc" = 0 ] && [ "$n" = 2 ] || bad="$bad $v"
done
if [ -z "$bad" ]; then ok "transaction_per_migration = yes/YES/on/1/True: per revision"; else
	notok "transaction_per_migration: not per revision for:$bad"; fi
bad=
for v in no off 0 FALSE; do
	ini "[retort]
dialects = sqlite
transaction_per_migration = $v"
	run_retort upgrade head
	n=$(printf '%s\n' "$out" | grep -c '^BEGIN IMMEDIATE;$')
	[ "$rc" = 0 ] && [ "$n" = 1 ] || bad="$bad $v"
done
if [ -z "$bad" ]; then ok "transaction_per_migration = no/off/0/FALSE: one transaction"; else
	notok "transaction_per_migration: not one transaction for:$bad"; fi
# (the last value written was FALSE)
run_retort upgrade head --transaction-per-migration
expect_out_count 2 '^BEGIN IMMEDIATE;$' "--transaction-per-migration wins over transaction_per_migration = false"

# --- lock_timeout -----------------------------------------------------------

ini '[retort]
dialects = postgresql
lock_timeout = 5s'
run_retort upgrade head
expect_out_count 1 "^SET LOCAL lock_timeout = '5s';$" "lock_timeout = 5s: the postgresql script sets it"
run_retort upgrade head --transaction-per-migration
expect_out_count 2 "^SET LOCAL lock_timeout = '5s';$" "lock_timeout with a transaction per revision: set in each"
run_retort upgrade head -d sqlite
expect_out_lacks "lock_timeout" "lock_timeout: not in sqlite scripts"
run_retort upgrade head --lock-timeout 200ms
if printf '%s\n' "$out" | grep -qx "SET LOCAL lock_timeout = '200ms';" &&
	! printf '%s\n' "$out" | grep -q "'5s'"; then
	ok "--lock-timeout 200ms wins over lock_timeout = 5s"
else
	notok "--lock-timeout 200ms does not replace the config's 5s"
fi

ini '[retort]
dialects = postgresql
lock_timeout ='
run_retort upgrade head
expect_out_lacks "lock_timeout" "lock_timeout empty: no SET LOCAL"

# --- version_table, version_table_schema ------------------------------------

ini '[retort]
dialects = sqlite
version_table = my_versions
version_table_schema = meta'
run_retort upgrade head
expect_rc 0 "version_table_schema set, sqlite script: exit 0 (not applied, no error)"
if printf '%s\n' "$out" | grep -q "^CREATE TABLE IF NOT EXISTS my_versions (" &&
	! printf '%s\n' "$out" | grep -q alembic_version; then
	ok "version_table = my_versions: the sqlite script uses it, not alembic_version"
else
	notok "version_table = my_versions: not used throughout the sqlite script"
fi
expect_out_lacks "meta." "version_table_schema: not applied to the sqlite script"
cp "$T/.out" up.sql

if $have_sqlite; then
	sqlite_run up.sql db1
	v=$(sqlite3 db1 'SELECT version_num FROM my_versions' 2>&1)
	a=$(sqlite3 db1 "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'" 2>&1)
	if [ "$rc" = 0 ] && [ "$v" = b ] && [ "$a" = 0 ]; then
		ok "sqlite3 runs it: my_versions holds b, there is no alembic_version"
	else
		notok "sqlite3 run: exit $rc, my_versions '$v', alembic_version count '$a'"
		show_err
	fi
	run_retort downgrade b:a
	printf '%s\n' "$out" >down.sql
	sqlite_run down.sql db1
	v=$(sqlite3 db1 'SELECT version_num FROM my_versions' 2>&1)
	if [ "$rc" = 0 ] && [ "$v" = a ]; then
		ok "sqlite3 runs the downgrade: my_versions holds a"
	else
		notok "sqlite3 downgrade: exit $rc, my_versions '$v'"
		show_err
	fi
else
	ok "sqlite3 runs it # skip no sqlite3"
	ok "sqlite3 runs the downgrade # skip no sqlite3"
fi

run_retort upgrade head -d postgresql
expect_out_has "CREATE TABLE IF NOT EXISTS meta.my_versions (" \
	"version_table_schema = meta: the postgresql script uses meta.my_versions"
run_retort upgrade head -d postgresql --version-table vt --version-table-schema other
if printf '%s\n' "$out" | grep -q "INSERT INTO other.vt (version_num)" &&
	! printf '%s\n' "$out" | grep -q "my_versions\|meta\."; then
	ok "--version-table and --version-table-schema win over the config"
else
	notok "--version-table/--version-table-schema do not replace the config's"
fi
run_retort upgrade head --version-table-schema other
expect_rc 2 "--version-table-schema with sqlite (the default here): still a usage error"

run_retort build -o b1
if [ "$rc" = 0 ] && grep -q "meta\." b1/sqlite/*.sql; then
	notok "build: sqlite files use the config's version_table_schema"
elif [ "$rc" = 0 ] && grep -q "INSERT INTO my_versions" b1/sqlite/0001_a.up.sql; then
	ok "build: sqlite files use my_versions, without the schema"
else
	notok "build: sqlite files lack my_versions (exit $rc)"
	show_err
fi
rm -rf b1
run_retort build -d postgresql -o b2
if [ "$rc" = 0 ] && grep -q "INSERT INTO meta.my_versions" b2/postgresql/0001_a.up.sql &&
	grep -q "meta.my_versions" b2/postgresql/upgrade.sql; then
	ok "build: postgresql files use meta.my_versions"
else
	notok "build: postgresql files lack meta.my_versions (exit $rc)"
	show_err
fi
rm -rf b2
run_retort build --version-table vt2 -o b3
if [ "$rc" = 0 ] && grep -q "INSERT INTO vt2" b3/sqlite/0001_a.up.sql &&
	! grep -q my_versions b3/sqlite/upgrade.sql; then
	ok "build --version-table wins over the config's version_table"
else
	notok "build --version-table does not replace the config's (exit $rc)"
fi
rm -rf b3

# --- paths: versions, output, -c, -C, --versions ----------------------------

mkdir mig conf proj
mig mig/m.mig 'revision m1
up { create table from_mig (id integer); }
down { drop table from_mig; }'
mig proj/v/p.mig 'revision p1
up { create table from_proj (id integer); }
down { drop table from_proj; }'

ini '[retort]
dialects = sqlite
versions = mig'
run_retort upgrade head
expect_out_has "CREATE TABLE from_mig (" "versions = mig: the revisions come from mig/"
run_retort --versions versions upgrade head
if printf '%s\n' "$out" | grep -q "CREATE TABLE t (" &&
	! printf '%s\n' "$out" | grep -q from_mig; then
	ok "--versions wins over the config's versions"
else
	notok "--versions does not replace the config's versions"
	show_err
fi
rm retort.ini

printf '%s\n' '[retort]
dialects = sqlite
versions = ../mig
output = ../dist' >conf/r.ini
run_retort -c conf/r.ini upgrade head
expect_out_has "CREATE TABLE from_mig (" "-c conf/r.ini: versions = ../mig is mig/ (relative to the file)"
run_retort -c conf/r.ini build
if [ "$rc" = 0 ] && [ -f dist/sqlite/upgrade.sql ] && [ ! -e conf/dist ] &&
	[ ! -e dist/postgresql ]; then
	ok "-c conf/r.ini: build writes ../dist relative to the file, sqlite only"
else
	notok "-c conf/r.ini: build did not write dist/sqlite (exit $rc)"
	show_err
fi
run_retort -c conf/r.ini build -o out -d postgresql
if [ "$rc" = 0 ] && [ -d out/postgresql ] && [ ! -e out/sqlite ]; then
	ok "build -o and -d win over the config's output and dialects"
else
	notok "build -o out -d postgresql did not write out/postgresql only (exit $rc)"
	show_err
fi
rm -rf dist out
run_retort -C proj -c "$T/conf/r.ini" upgrade head
expect_out_has "CREATE TABLE from_mig (" "-c /absolute/path from another directory: paths still relative to the file"

printf '%s\n' '[retort]
dialects = sqlite
versions = v' >proj/retort.ini
run_retort -C proj upgrade head
expect_out_has "CREATE TABLE from_proj (" "-C proj: proj/retort.ini is read (versions = v, dialects = sqlite)"
run_retort -C proj -c ../conf/r.ini upgrade head
expect_out_has "CREATE TABLE from_mig (" "-C proj -c ../conf/r.ini: -c is relative to DIR"

run_retort -c nothere.ini check
expect_rc 3 "-c a missing file: exit 3"
run_retort -c conf check
expect_rc 3 "-c a directory: exit 3"
mkdir retort.ini
run_retort check
expect_rc 3 "retort.ini that is a directory: exit 3"
rmdir retort.ini

ini '[retort]
dialects = sqlite'
chmod 000 retort.ini
if [ "$(id -u)" = 0 ]; then
	ok "an unreadable retort.ini: exit 3 # skip running as root, chmod does not stop reads"
else
	run_retort upgrade head -o unread.sql
	expect_rc 3 "an unreadable retort.ini: exit 3"
fi
# As root, the same through setpriv as an unprivileged user, when that works.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	chmod 755 "$T"
	chmod -R a+rX versions
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$RETORT" --color=never check >"$T/.out" 2>"$T/.err"
	rc=$?
	err=$(cat "$T/.err")
	if [ "$rc" = 126 ] || [ "$rc" = 127 ]; then
		ok "an unreadable retort.ini (as nobody): # skip the binary cannot run as nobody"
	elif [ "$rc" = 3 ] && printf '%s\n' "$err" | grep -qF '"retort.ini"'; then
		ok "an unreadable retort.ini (as nobody): exit 3, naming it"
	else
		notok "an unreadable retort.ini (as nobody): exit $rc, expected 3"
		show_err
	fi
fi
chmod 644 retort.ini
rm -rf mig conf proj retort.ini

# --- an error in the file stops every command -------------------------------

ini '[retort]
dialects = sqlite
versoins = versions'
for c in upgrade downgrade stamp; do
	case $c in downgrade) r=b:base ;; *) r=head ;; esac
	run_retort $c $r -d sqlite -o $c.sql
	if [ "$rc" = 1 ] && [ ! -e $c.sql ]; then
		ok "a bad key: $c exits 1 and writes no file"
	else
		notok "a bad key: $c exit $rc, expected 1 with no $c.sql"
		show_err
	fi
done
expect_err_has "retort.ini:3:1: error:" "a bad key: the error names retort.ini and the line"
run_retort build -o bo
if [ "$rc" = 1 ] && [ ! -e bo ]; then ok "a bad key: build exits 1 and writes nothing"; else
	notok "a bad key: build exit $rc, expected 1 with no bo/"; fi
run_retort revision -m new
if [ "$rc" = 1 ] && [ "$(ls versions)" = x.mig ]; then
	ok "a bad key: revision exits 1 and writes no file"
else
	notok "a bad key: revision exit $rc, files: $(ls versions | tr '\n' ' ')"
fi
# (merge is in the list below; versions/ is looked at again after it)
bad=
for c in check heads history "show a" graph branches "schema" "merge -m m"; do
	run_retort $c
	[ "$rc" = 1 ] && [ -z "$out" ] || bad="$bad '$c'($rc)"
done
if [ -z "$bad" ]; then ok "a bad key: every other command exits 1 with nothing on stdout"; else
	notok "a bad key: these did not exit 1 silently:$bad"; fi
if [ "$(ls versions)" = x.mig ]; then ok "a bad key: merge wrote nothing"; else
	notok "a bad key: files appeared in versions/"; fi

ini '[retort]
transaction_per_migration = maybe'
run_retort upgrade head -d sqlite
if [ "$rc" = 1 ] && [ -z "$out" ]; then
	ok "a bad value: upgrade to stdout exits 1 and prints no SQL"
else
	notok "a bad value: upgrade exit $rc, stdout $(printf '%s' "$out" | wc -c) bytes"
fi

# The config error is reported before the versions directory is looked at.
ini '[retort
dialects = sqlite'
run_retort --versions missing check
expect_rc 1 "a syntax error with a missing versions directory: exit 1, not 3"

printf '[retort]\ndialects = sqlite\0\n' >retort.ini
run_retort upgrade head -o nul.sql
if [ "$rc" = 1 ] && [ ! -e nul.sql ]; then ok "a NUL byte: exit 1, no output file"; else
	notok "a NUL byte: exit $rc"; fi

mkdir conf
printf '%s\n' '[retort]' 'lock_timeout = soon' >conf/bad.ini
run_retort -c conf/bad.ini upgrade head -d postgresql -o cb.sql
if [ "$rc" = 1 ] && [ ! -e cb.sql ]; then ok "-c a broken file: exit 1, no output file"; else
	notok "-c a broken file: exit $rc"; fi
expect_err_has "conf/bad.ini:2:" "-c a broken file: the error names that file and line"
rm -rf conf

# --- help, --help and init never read it ------------------------------------

ini '[oops
versoins'
run_retort help
expect_rc 0 "broken retort.ini: help exits 0"
run_retort --help
expect_out_has "usage: retort" "broken retort.ini: --help prints the usage"
run_retort help upgrade
expect_out_has "usage: retort upgrade" "broken retort.ini: help upgrade prints upgrade's usage"
run_retort -c nothere.ini help
expect_rc 0 "-c a missing file: help does not read it (exit 0)"

run_retort init sub
if [ "$rc" = 0 ] && [ -f sub/retort.ini ] && [ -d sub/versions ]; then
	ok "broken retort.ini: init sub works"
else
	notok "broken retort.ini: init sub exit $rc"
	show_err
fi
missing=
for k in versions dialects output version_table version_table_schema \
	transaction_per_migration lock_timeout; do
	grep -q "^$k =" sub/retort.ini || missing="$missing $k"
done
if [ -z "$missing" ]; then ok "init's retort.ini sets every key"; else
	notok "init's retort.ini lacks:$missing"; fi
run_retort -C sub check
expect_rc 0 "init's retort.ini is valid: check exits 0"
run_retort -C sub upgrade heads
header_is postgresql "init's retort.ini: the default dialect is postgresql"

# --- fixed after review: --help, continuation lines, lock_timeout ------------
ini '[retort]
versoins = v'
run_retort upgrade --help
expect_rc 0 "broken retort.ini: upgrade --help exits 0"
expect_out_has "usage: retort upgrade" "broken retort.ini: upgrade --help prints its usage"
run_retort revision -h
expect_rc 0 "broken retort.ini: revision -h exits 0"

ini '[retort]
dialects =
    sqlite ; the default
    postgresql ; for production'
run_retort upgrade heads
expect_rc 0 "dialects listed on continuation lines only, with inline comments"
header_is sqlite "the first continuation line's dialect is the default"
ini '[retort]
dialects =
versions = versions'
run_retort check
expect_rc 1 "an empty dialects is an error"
expect_err_has "retort.ini:2:11: error: dialects needs at least one dialect" \
	"and says so at its place"

ini '[retort]
lock_timeout = 5s'
run_retort upgrade heads -d postgresql --no-transaction
expect_rc 0 "lock_timeout with --no-transaction still writes the script"
expect_err_has "lock_timeout 5s is not set" "but warns that SET LOCAL cannot apply"
expect_out_lacks "lock_timeout" "and writes no SET LOCAL outside a transaction"

# Every config setting can be undone from the command line.
ini '[retort]
transaction_per_migration = true
lock_timeout = 5s'
run_retort upgrade heads -d postgresql --no-transaction-per-migration
expect_out_count 1 '^BEGIN;' "--no-transaction-per-migration: one transaction despite the config"
run_retort upgrade heads -d postgresql --lock-timeout ''
expect_out_lacks "lock_timeout" "--lock-timeout '': no lock_timeout despite the config"
run_retort upgrade heads -d postgresql --no-transaction --lock-timeout=
expect_rc 0 "--no-transaction with --lock-timeout= runs"
case "$err" in *"is not set"*) notok "--lock-timeout= still warns about lock_timeout" ;;
*) ok "--lock-timeout= leaves nothing to warn about" ;; esac
