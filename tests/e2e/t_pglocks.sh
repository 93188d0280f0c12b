#!/bin/sh
# t_pglocks.sh: the lock notes of retort's PostgreSQL scripts against a
# real PostgreSQL 15.  tests/e2e/projects/locks has one statement (or
# one combined ALTER TABLE) per revision; its script, one transaction
# per revision, gets a query after each statement that keeps the
# relation locks this session holds then (pg_locks), and one before and
# after that keeps each table's relfilenode.  Each note must name
# exactly the tables locked, each in the strongest mode taken, and say
# "rewrites T" exactly when T's relfilenode changed.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

D=postgresql
PROJ=$ROOT/tests/e2e/projects/locks
dialect_ready "lock notes" || exit 0
db_new locks || exit 0
gen "$T/up.sql" upgrade head --transaction-per-migration || exit 0

db_do "create table lock_log (n integer, rel oid, mode text);
create table node_log (n integer, at text, rel oid, name text, node oid);
create function log_nodes(k integer, at text) returns void language sql as \$\$
  insert into node_log select k, at, oid, relname, relfilenode from pg_class
  where relkind = 'r' and relnamespace = 'public'::regnamespace
    and relname not in ('lock_log', 'node_log', 'alembic_version') \$\$;
create function log_locks(k integer) returns void language sql as \$\$
  insert into lock_log select k, relation, mode from pg_locks
  where pid = pg_backend_pid() and locktype = 'relation' and granted \$\$;"

# Each note, then its statement (to the line ending in ';'): a call
# before it and two after it.  The notes, numbered, go to notes.txt.
awk -v notes="$T/notes.txt" '
	/^-- lock: / { n++; print substr($0, 10) > notes; pending = 1
		print "SELECT log_nodes(" n ", '\''before'\'');"; print; next }
	{ print }
	pending && /;$/ { print "SELECT log_locks(" n ");";
		print "SELECT log_nodes(" n ", '\''after'\'');"; pending = 0 }
' "$T/up.sql" >"$T/logged.sql"
db_run "$T/logged.sql"
expect_ran "postgresql: the script with its lock notes runs" "$T/logged.sql" || exit 0

# What the server did, in the notes' words: "MODE on t, MODE on u[,
# rewrites t]", the table the statement names first.
mode_name="replace(replace(replace(replace(replace(mode, 'Lock', ''), 'Exclusive', ' EXCLUSIVE'), 'Share', ' SHARE'), 'Access', 'ACCESS'), 'Row', ' ROW')"
db_q "with locks as (
  select l.n, b.name, max(case l.mode
      when 'AccessShareLock' then 1 when 'RowShareLock' then 2
      when 'RowExclusiveLock' then 3 when 'ShareUpdateExclusiveLock' then 4
      when 'ShareLock' then 5 when 'ShareRowExclusiveLock' then 6
      when 'ExclusiveLock' then 7 when 'AccessExclusiveLock' then 8 end) as m
  from lock_log l
  join (select distinct n, rel, name from node_log) b on b.n = l.n and b.rel = l.rel
  group by l.n, b.name),
named as (
  select n, name, (array['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE',
    'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE',
    'ACCESS EXCLUSIVE'])[m] as mode from locks),
rewrites as (
  select a.n, string_agg(a.name, ', ' order by a.name) as names
  from node_log a join node_log b on b.n = a.n and b.rel = a.rel
  where a.at = 'after' and b.at = 'before' and a.node <> b.node
  group by a.n)
select n.n || ' ' || string_agg(n.mode || ' on ' || n.name, ', '
    order by n.name) || coalesce(', rewrites ' || r.names, '')
from named n left join rewrites r on r.n = n.n
group by n.n, r.names order by n.n" >"$T/server.txt"

# The notes, with their tables in name order and without "scans" (the
# server's statistics do not show a scan inside the transaction).
awk '{ n++; line = $0; sub(/, scans [a-z_]*$/, "", line)
	rw = ""; if (match(line, /, rewrites [a-z_]*$/)) {
		rw = substr(line, RSTART); line = substr(line, 1, RSTART - 1) }
	k = split(line, parts, ", ")
	for (i = 1; i <= k; i++) { split(parts[i], mt, " on "); tbl[i] = mt[2]; all[i] = parts[i] }
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
		if (tbl[j] < tbl[i]) { t = tbl[i]; tbl[i] = tbl[j]; tbl[j] = t
			t = all[i]; all[i] = all[j]; all[j] = t }
	out = all[1]; for (i = 2; i <= k; i++) out = out ", " all[i]
	print n " " out rw }' "$T/notes.txt" >"$T/expected.txt"
expect_eq "postgresql: every lock note names the tables the statement locked, each in its strongest mode, and the rewrites" \
	"$(cat "$T/expected.txt")" "$(cat "$T/server.txt")"
n=$(wc -l <"$T/notes.txt" | tr -d ' ')
if [ "$n" -ge 20 ]; then ok "postgresql: $n statements compared"; else
	notok "postgresql: only $n lock notes"; fi
grep -q 'ALTER TABLE orders$' "$T/up.sql" &&
    ok "postgresql: three changes to one table are one ALTER TABLE" ||
    notok "postgresql: no combined ALTER TABLE in the script"
db_drop
