#!/usr/bin/python3
"""tests/interop/random_sql.py: retort's SQL beside Alembic's own runs on
random revision graphs (branches, merges, labels, requires), on SQLite.

For each graph (fixed seeds), the same revisions as .mig files and as
Alembic scripts (empty upgrade/downgrade: only the version table moves):
  1. retort's `upgrade heads` run with sqlite3 leaves exactly the
     alembic_version rows that `alembic upgrade heads` online leaves;
  2. from there Alembic continues: `alembic downgrade base` on retort's
     database works and empties it, as on Alembic's own;
  3. the other way round: Alembic upgrades online to a random revision X,
     then retort's `upgrade X:heads` passes its guard and leaves the heads;
  4. retort's `downgrade heads:base` on Alembic's upgraded database
     leaves no rows (and drops the table).
Prints "interop random sql: N passed, N failed".
"""
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heads import random_graph, write_mig, py_tuple  # noqa: E402
from tally import Tally  # noqa: E402

RETORT = os.path.abspath(os.environ.get("RETORT", "bin/retort"))
GRAPHS = int(os.environ.get("INTEROP_SQL_GRAPHS", "25"))
ENV_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "alembic_branched", "env.py")


def write_alembic(d, revs):
    os.makedirs(os.path.join(d, "versions"))
    with open(os.path.join(d, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s\n")
    shutil.copy(ENV_PY, os.path.join(d, "env.py"))
    for rid, parents, requires, labels in revs:
        with open(os.path.join(d, "versions", rid + ".py"), "w") as f:
            f.write("revision = %r\ndown_revision = %s\n"
                    "branch_labels = %s\ndepends_on = %s\n\n"
                    "def upgrade():\n    pass\n\n"
                    "def downgrade():\n    pass\n"
                    % (rid, py_tuple(parents), py_tuple(labels),
                       py_tuple(requires)))


def rows(db):
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in
                      con.execute("select version_num from alembic_version"))
    except sqlite3.OperationalError:
        return None             # no table
    finally:
        con.close()


def alembic(proj, db, *args):
    p = subprocess.run([sys.executable, "-m", "alembic", "-c",
                        os.path.join(proj, "alembic.ini"),
                        "-x", "url=sqlite:///" + db] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stderr


def retort_run(mig, db, *args):
    p = subprocess.run([RETORT, "-q", "-C", mig] + list(args) +
                       ["-d", "sqlite"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        return p.returncode, p.stderr
    q = subprocess.run(["sqlite3", "-bail", db], input=p.stdout,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return q.returncode, q.stderr


def one_graph(seed, t):
    rng = random.Random(1000 + seed)
    revs = random_graph(rng)
    with tempfile.TemporaryDirectory() as tmp:
        mig, alem = os.path.join(tmp, "mig"), os.path.join(tmp, "alembic")
        write_mig(mig, revs)
        write_alembic(alem, revs)
        ours, theirs = os.path.join(tmp, "r.db"), os.path.join(tmp, "a.db")
        rc, err = retort_run(mig, ours, "upgrade", "heads")
        t.check(rc == 0, "seed %d: retort upgrade heads runs" % seed, err)
        rc, err = alembic(alem, theirs, "upgrade", "heads")
        t.check(rc == 0, "seed %d: alembic upgrade heads runs" % seed, err)
        t.check(rows(ours) == rows(theirs),
                "seed %d: the same rows after upgrade heads" % seed,
                "retort %r\nalembic %r" % (rows(ours), rows(theirs)))
        rc, err = alembic(alem, ours, "downgrade", "base")
        t.check(rc == 0 and not rows(ours),
                "seed %d: alembic downgrades retort's database to base"
                % seed, "%s rows %r" % (err, rows(ours)))
        # Alembic to a random revision X, then retort from X's state.
        x = rng.choice(revs)[0]
        mid = os.path.join(tmp, "m.db")
        rc, err = alembic(alem, mid, "upgrade", x)
        t.check(rc == 0, "seed %d: alembic upgrade %s runs" % (seed, x), err)
        rc, err = retort_run(mig, mid, "upgrade", x + ":heads")
        t.check(rc == 0 and rows(mid) == rows(theirs),
                "seed %d: retort continues %s:heads from Alembic's state"
                % (seed, x), "%s rows %r, want %r"
                % (err, rows(mid), rows(theirs)))
        rc, err = retort_run(mig, theirs, "downgrade", "heads:base")
        t.check(rc == 0 and rows(theirs) is None,
                "seed %d: retort downgrades Alembic's database to base"
                % seed, "%s rows %r" % (err, rows(theirs)))


def main():
    t = Tally()
    for seed in range(GRAPHS):
        one_graph(seed, t)
    print("interop random sql: %d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
