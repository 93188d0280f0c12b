#!/usr/bin/python3
"""tests/interop/import_alembic.py: `retort import alembic` with Alembic
1.8 as the oracle, on SQLite and a throwaway PostgreSQL 15 cluster.

Projects: generated Alembic histories (tests/interop/gen_alembic.py:
create_table with columns, keys, foreign keys, unique and check
constraints and indexes, add/drop/alter/rename column, rename_table,
bulk_insert, execute, most alterations inside batch_alter_table, a
labelled side branch and a merge), and the samples as Alembic scripts
(tests/interop/alembic_branched is samples/branched; alembic_todoapp is
samples/todoapp).  For each:

 1. import writes one .mig per script, and `retort check` passes with
    no error and no warning but the lints' (R1xx: what the migrations
    themselves do, such as dropping a column);
 2. Alembic's online `upgrade heads` and retort's `upgrade heads` SQL
    (run with sqlite3 / psql) leave the same tables, columns (type,
    nullability, default), indexes, keys and constraints, and the same
    alembic_version rows; so does `upgrade` to a revision part-way;
 3. Alembic's `downgrade base` and retort's `downgrade heads:base`
    both leave no table.

Prints "ok - "/"not ok - " lines and "interop import: N passed, N
failed".
"""
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import alembic_db  # noqa: E402
from alembic_db import SQLite, PostgreSQL, sh, schema_diff  # noqa: E402
import gen_alembic  # noqa: E402
from tally import Tally  # noqa: E402

ROOT = alembic_db.ROOT
RETORT = alembic_db.RETORT
PYTHON = "/usr/bin/python3"
# (seed, revisions): one project of a realistic length, one short.
GENERATED = [(1, 120), (7, 40)]


def alembic(proj, be, db, *args):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return sh([PYTHON, "-m", "alembic", "-c",
               os.path.join(proj, "alembic.ini"), "-x",
               "url=" + be.url(db)] + list(args), env=env)


def retort(mig, *args):
    return sh([RETORT, "--color=never", "-q", "-C", mig] + list(args))


def retort_run(mig, be, db, tmp, *args):
    """retort's script for args, run on db: (rc, output)."""
    path = os.path.join(tmp, "script-%s.sql" % be.name)
    rc, out = retort(mig, *(list(args) + ["-d", be.dialect, "-o", path]))
    if rc != 0:
        return rc, out
    rc, out, _ = be.run_script(db, path)
    return rc, out


def tables_left(be, db):
    return sorted(x[1] for x in be.schema(db) if x[0] == "table")


# Defaults that are the same value written two ways: SQLAlchemy writes
# SQLite's booleans as 1 and 0 where retort writes TRUE and FALSE (SQLite
# reads both as 1 and 0), and func.now() as now() on PostgreSQL where
# retort writes CURRENT_TIMESTAMP (the same function there; SQLite has no
# now()).
SAME_DEFAULT = {"TRUE": "1", "FALSE": "0", "CURRENT_TIMESTAMP": "now()"}


def normalized(schema):
    out = set()
    for x in schema:
        if x[0] == "column" and x[5] in SAME_DEFAULT:
            x = x[:5] + (SAME_DEFAULT[x[5]],) + x[6:]
        out.add(x)
    return frozenset(out)


def import_project(t, name, proj, tmp, quiet):
    """retort init + import: the .mig project's directory, or None."""
    mig = os.path.join(tmp, "mig-" + name)
    os.makedirs(mig)
    rc, out = retort(mig, "init")
    rc, out = retort(mig, "import", "alembic", os.path.join(proj,
                                                             "versions"))
    if not t.check(rc == 0, "%s: import alembic writes the project" % name,
                   out):
        return None
    n = len([f for f in os.listdir(os.path.join(proj, "versions"))
             if f.endswith(".py")])
    got = len([f for f in os.listdir(os.path.join(mig, "versions"))
               if f.endswith(".mig")])
    t.check(got == n, "%s: one .mig per script (%d)" % (name, n),
            "%d .mig files" % got)
    rc, out = sh([RETORT, "--color=never", "-C", mig, "check"])
    if quiet:
        others = [l for l in out.splitlines() if ": warning: " in l and
                  not re.search(r"\[R1[0-9][0-9]\]$", l)]
        t.check(rc == 0 and ": 0 errors, " in out and not others,
                "%s: check passes, no warning but lints" % name, out)
    else:
        t.check(rc == 0, "%s: check passes" % name, out)
    return mig


def compare(t, name, be, proj, mig, tmp, target):
    """Alembic's online upgrade to target and retort's SQL for base:target
    leave the same schema and rows."""
    theirs = be.new(name + "_a")
    ours = be.new(name + "_r")
    rc, out = alembic(proj, be, theirs, "upgrade", target)
    if not t.check(rc == 0, "%s %s: alembic upgrade %s" % (name, be.name,
                                                         target), out):
        return None
    rc, out = retort_run(mig, be, ours, tmp, "upgrade", target)
    if not t.check(rc == 0, "%s %s: retort's upgrade %s runs" %
                   (name, be.name, target), out):
        return None
    a, b = normalized(be.schema(theirs)), normalized(be.schema(ours))
    t.check(a == b, "%s %s: upgrade %s leaves Alembic's schema (%d tables)"
            % (name, be.name, target, len([x for x in a
                                           if x[0] == "table"])),
            schema_diff(a, b, "alembic", "retort"))
    t.check(be.rows(theirs) == be.rows(ours), "%s %s: and Alembic's "
            "alembic_version rows" % (name, be.name),
            "%r / %r" % (be.rows(theirs), be.rows(ours)))
    return theirs, ours


def downgrade(t, name, be, proj, mig, tmp, dbs):
    theirs, ours = dbs
    rc, out = alembic(proj, be, theirs, "downgrade", "base")
    t.check(rc == 0 and not tables_left(be, theirs),
            "%s %s: alembic downgrade base leaves no table" % (name, be.name),
            out + repr(tables_left(be, theirs)))
    rc, out = retort_run(mig, be, ours, tmp, "downgrade", "heads:base")
    t.check(rc == 0 and not tables_left(be, ours) and be.rows(ours) is None,
            "%s %s: retort's downgrade heads:base leaves no table" %
            (name, be.name), out + repr(tables_left(be, ours)))


def middle(proj):
    """A revision of the main line half-way (by file name order)."""
    names = sorted(f for f in os.listdir(os.path.join(proj, "versions"))
                   if "_step_" in f)
    return names[len(names) // 2].split("_", 1)[0] if names else None


def projects(tmp):
    out = []
    for seed, n in GENERATED:
        d = os.path.join(tmp, "gen%d" % seed)
        gen_alembic.generate(seed, n, d)
        out.append(("generated%d" % seed, d))
    for sample in ("alembic_branched", "alembic_todoapp"):
        d = os.path.join(tmp, sample)
        shutil.copytree(os.path.join(HERE, sample), d)
        if not os.path.exists(os.path.join(d, "env.py")):
            shutil.copy(os.path.join(HERE, "alembic_branched", "env.py"), d)
        out.append((sample, d))
    return out


def main():
    t = Tally()
    tmp = tempfile.mkdtemp(prefix="retort-import-")
    pg = PostgreSQL(tmp)
    try:
        try:
            pg.start()
            backends = [SQLite(tmp), pg]
        except (RuntimeError, OSError) as e:
            t.check(False, "a PostgreSQL 15 cluster starts", str(e))
            backends = [SQLite(tmp)]
        for name, proj in projects(tmp):
            # The samples have two heads on purpose: a warning.
            mig = import_project(t, name, proj, tmp,
                                 name.startswith("generated"))
            if not mig:
                continue
            for be in backends:
                dbs = compare(t, name, be, proj, mig, tmp, "heads")
                if dbs:
                    downgrade(t, name, be, proj, mig, tmp, dbs)
                mid = middle(proj) if name.startswith("generated") else None
                if mid:
                    compare(t, name, be, proj, mig, tmp, mid)
    finally:
        pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print("interop import: %d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
