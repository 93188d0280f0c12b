#!/usr/bin/python3
"""tests/e2e/orders.py: every order a database can take, on random
projects run by the sqlite3 library (issue 10).

Each project (fixed seeds) is a root that creates three tables, then two
branches of random revisions (columns added, dropped and renamed, tables
renamed, indexes made and dropped, rows inserted, columns altered) and
maybe a merge.  Projects that `retort check` refuses are skipped (the
statements are drawn blind, so many are).  On each kept project:

  1. retort never dies by a signal: `upgrade` and `downgrade` over ranges
     in both branch orders, for sqlite and postgresql, exit 0, 1 or 2,
     and an exit 1 comes with a located error;
  2. soundness of check's commutation warnings: when check says nothing
     about two branches and the upgrade order runs on SQLite, the
     database that takes the second branch first (upgrade base:B2, then
     B2:heads) compiles and runs, and ends with the same schema as the
     upgrade order;
  3. when retort compiles the other order and the script runs, the rows
     and the version table are those the upgrade order leaves.

Prints "orders: N passed, N failed".
"""
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

RETORT = os.path.abspath(os.environ.get("RETORT", "bin/retort"))
PROJECTS = int(os.environ.get("ORDERS_PROJECTS", "60"))

passed = 0
failed = 0


def ok(cond, desc, evidence=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + desc)
    else:
        failed += 1
        print("not ok - " + desc)
        for line in str(evidence).splitlines()[:20]:
            print("#   " + line)


def retort(proj, *args):
    p = subprocess.run([RETORT, "--color=never", "-C", proj] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


class Gen:
    """Random statements over a small vocabulary, tracking a rough idea
    of what exists so that some projects check clean."""

    def __init__(self, rnd, base):
        self.r = rnd
        self.base = base        # row ids of this branch start here
        self.tables = {"t1": ["id", "a"], "t2": ["id", "b"],
                       "t3": ["id", "c"]}
        self.indexes = {}
        self.n = 0

    def stmt(self):
        r = self.r
        t = r.choice(sorted(self.tables))
        cols = self.tables[t]
        self.n += 1
        k = r.randrange(9)
        if k == 0:
            c = "x%d" % self.n
            cols.append(c)
            return ("alter table %s add column %s integer" % (t, c),
                    "alter table %s drop column %s" % (t, c))
        if k == 1 and len(cols) > 2:
            c = r.choice(cols[1:])
            d = "r%d" % self.n
            cols[cols.index(c)] = d
            return ("alter table %s rename column %s to %s" % (t, c, d),
                    "alter table %s rename column %s to %s" % (t, d, c))
        if k == 2:
            u = "u%d" % self.n
            self.tables[u] = self.tables.pop(t)
            return ("alter table %s rename to %s" % (t, u),
                    "alter table %s rename to %s" % (u, t))
        if k == 3 and len(cols) > 1:
            c = r.choice(cols[1:])
            i = "ix%d" % self.n
            return ("create index %s on %s (%s)" % (i, t, c),
                    "drop index %s" % i)
        if k == 4:
            i = self.base + self.n
            return ("insert into %s (id) values (%d)" % (t, i),
                    "sql $$ delete from %s where id = %d $$" % (t, i))
        if k == 5 and len(cols) > 1:
            c = r.choice(cols[1:])
            return ("alter table %s alter column %s set default 7" % (t, c),
                    "alter table %s alter column %s drop default" % (t, c))
        if k == 6 and len(cols) > 1:
            c = r.choice(cols[1:])
            return ("alter table %s alter column %s type bigint" % (t, c),
                    "alter table %s alter column %s type integer" % (t, c))
        if k == 7:
            c = "n%d" % self.n
            cols.append(c)
            return ("alter table %s add column %s integer not null" % (t, c),
                    "alter table %s drop column %s" % (t, c))
        c = "y%d" % self.n
        cols.append(c)
        return ("alter table %s add column %s text default 'v'" % (t, c),
                "alter table %s drop column %s" % (t, c))


def write(proj, revs):
    os.makedirs(os.path.join(proj, "versions"), exist_ok=True)
    for name, text in revs:
        with open(os.path.join(proj, "versions", name + ".mig"), "w") as f:
            f.write(text)


def revision(rid, parents, day, ups, downs):
    deps = "depends %s\n" % ", ".join(parents) if parents else ""
    return ("revision %s\n%screated '2024-01-%02d 00:00:00'\n"
            "up {\n%s}\ndown {\n%s}\n"
            % (rid, deps, day,
               "".join("    %s;\n" % s for s in ups),
               "".join("    %s;\n" % s for s in reversed(downs))))


def project(seed, d):
    rnd = random.Random(seed)
    revs = [("root", revision(
        "root", [], 1,
        ["create table t1 (id integer primary key, a integer)",
         "create table t2 (id integer primary key, b integer)",
         "create table t3 (id integer primary key, c integer)"],
        ["drop table t3", "drop table t2", "drop table t1"]))]
    day = 2
    heads = []
    for b, base in (("l", 1000), ("r", 2000)):
        g = Gen(random.Random(rnd.random()), base)
        prev = "root"
        for i in range(rnd.randrange(1, 4)):
            rid = "%s%d" % (b, i + 1)
            ups, downs = [], []
            for _ in range(rnd.randrange(1, 3)):
                u, dn = g.stmt()
                ups.append(u)
                downs.append(dn)
            revs.append((rid, revision(rid, [prev], rnd.choice(
                range(2, 28)), ups, downs)))
            prev = rid
            day += 1
        heads.append(prev)
    write(d, revs)
    return heads


def located(err):
    return re.search(r"^versions/[^:]+:\d+:\d+: error: ", err, re.M)


def run_sqlite(db, sql):
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.executescript(sql)
        return None
    except sqlite3.Error as e:
        return str(e)
    finally:
        con.close()


def schema(db):
    con = sqlite3.connect(db)
    try:
        out = []
        for (t,) in con.execute("select name from sqlite_master where "
                                "type = 'table' order by name"):
            cols = sorted("%s %s %s" % (r[1], r[2].lower(), r[3])
                          for r in con.execute("pragma table_info(%s)" % t))
            out.append((t, cols))
        idx = sorted(r[0] for r in con.execute(
            "select name from sqlite_master where type = 'index' and "
            "name not like 'sqlite_autoindex%'"))
        return out, idx
    finally:
        con.close()


def versions(db):
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in
                      con.execute("select version_num from alembic_version"))
    except sqlite3.Error:
        return None
    finally:
        con.close()


def main():
    kept = 0
    seed = 0
    tmp = tempfile.mkdtemp(prefix="retort-orders.")
    while kept < PROJECTS and seed < PROJECTS * 40:
        seed += 1
        d = os.path.join(tmp, "p%d" % seed)
        h1, h2 = project(seed, d)
        rc, _, err = retort(d, "check")
        if rc != 0:
            continue
        kept += 1
        clash = "do not commute" in err
        # 1. no signal, located errors, over ranges in both orders
        for dia in ("sqlite", "postgresql"):
            for rng in ("%s:%s" % (h1, h2), "%s:%s" % (h2, h1),
                        "%s:heads" % h1, "%s:heads" % h2):
                rc, _, err = retort(d, "upgrade", rng, "-d", dia)
                ok(rc in (0, 1) and (rc == 0 or located(err)),
                   "seed %d: upgrade %s -d %s: exit %d%s" %
                   (seed, rng, dia, rc, ", located" if rc == 1 else ""),
                   err)
            rc, _, err = retort(d, "downgrade", "heads:root", "-d", dia)
            ok(rc in (0, 1) and (rc == 0 or located(err)),
               "seed %d: downgrade heads:root -d %s: exit %d" %
               (seed, dia, rc), err)
        # 2 and 3: the upgrade order, then h2 first
        ref = os.path.join(tmp, "ref%d.db" % seed)
        rc, sql, err = retort(d, "upgrade", "heads", "-d", "sqlite")
        ok(rc == 0, "seed %d: upgrade heads compiles" % seed, err)
        if run_sqlite(ref, sql) is not None:
            # The data fails in any order (a NOT NULL column added
            # without a default to a table with rows): not an order's.
            continue
        other = os.path.join(tmp, "other%d.db" % seed)
        rc1, sql1, err1 = retort(d, "upgrade", h2, "-d", "sqlite")
        rc2, sql2, err2 = retort(d, "upgrade", "%s:heads" % h2,
                                 "-d", "sqlite")
        if rc1 == 0 and rc2 == 0:
            e = run_sqlite(other, sql1) or run_sqlite(other, sql2)
            if e is None:
                ok(schema(other) == schema(ref) or clash,
                   "seed %d: %s first, then the rest: the schema of the "
                   "upgrade order%s" % (seed, h2, " (clash warned)"
                                        if clash else ""),
                   "%r\n%r" % (schema(other), schema(ref)))
                ok(versions(other) == versions(ref),
                   "seed %d: %s first: the version rows" % (seed, h2),
                   "%r %r" % (versions(other), versions(ref)))
            else:
                ok(clash, "seed %d: %s first fails on the server only "
                   "where check warned" % (seed, h2), e)
        else:
            ok(clash, "seed %d: %s first does not compile only where "
               "check warned" % (seed, h2), err1 + err2)
    ok(kept >= PROJECTS // 2, "%d projects kept of %d drawn" % (kept, seed))
    subprocess.run(["rm", "-rf", tmp])
    print("orders: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
