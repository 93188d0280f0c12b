#!/usr/bin/python3
"""tests/interop/takeover.py: the README's "Taking over an Alembic
database", baseline recipe, done for real on SQLite.

Alembic 1.8 (Debian's python3-alembic) migrates a database online to
revision B of the reference graph (tests/interop/alembic_branched/) and
the application stores a row.  Then, as the README says, a new retort
project is made with `retort init`, a root revision with B's id
(`retort revision --rev-id B --head base`) whose up block holds the
schema as it stands, and a new revision after it, written by `retort
revision`.  retort's `upgrade B:head` must pass its guard on Alembic's
database, add the new table, keep the row and leave alembic_version at
the new revision; a script for another starting point must stop at its
guard; and `upgrade head` on an empty database must make the same
schema the takeover leaves.

Prints "ok - ..."/"not ok - ..." and "interop takeover: N passed, N
failed"; exits 1 on any failure.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
RETORT = os.path.abspath(os.path.join(
    ROOT, os.environ.get("RETORT", "bin/retort")))
ALEMBIC_INI = os.path.join(ROOT, "tests", "interop", "alembic_branched",
                           "alembic.ini")
B = "b2c3d4e5f6a7"

BASELINE_UP = """\
    create table users (
        id integer not null autoincrement,
        email varchar(255) not null,
        first_name varchar(50),
        last_name varchar(50),
        hashed_password varchar(255) not null,
        phone_number varchar(15),
        primary key (id)
    );"""
NEW_UP = """\
    create table notes (
        id integer primary key autoincrement,
        user_id integer not null references users (id),
        body text not null
    );"""

passed = failed = 0


def report(good, what, evidence=""):
    global passed, failed
    if good:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)
        for line in str(evidence).splitlines()[-15:]:
            print("#   " + line)


def run(cmd, cwd=None, stdin=None):
    p = subprocess.run(cmd, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def retort(proj, *args):
    return run([RETORT, "--color=never", "-C", proj] + list(args))


def fill(path, up, down):
    """Type the statements into the empty blocks retort wrote."""
    with open(path) as f:
        text = f.read()
    text = text.replace("up {\n}", "up {\n%s\n}" % up, 1)
    text = text.replace("down {\n}", "down {\n%s\n}" % down, 1)
    with open(path, "w") as f:
        f.write(text)


def sqlite_run(db, script):
    with open(script) as f:
        return run(["sqlite3", "-bail", db], stdin=f)


def query(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def schema(db):
    """Tables and their columns (name, type, notnull, pk), in order."""
    out = []
    for (t,) in query(db, "SELECT name FROM sqlite_master WHERE type = "
                      "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        cols = query(db, "SELECT name, upper(type), \"notnull\", pk FROM "
                     "pragma_table_info('%s') ORDER BY cid" % t)
        out.append((t, tuple(cols)))
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="retort-takeover-")
    try:
        takeover(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("interop takeover: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def takeover(tmp):
    db = os.path.join(tmp, "app.db")

    # Alembic's database, at B, with the application's row.
    rc, out = run([sys.executable, "-m", "alembic", "-c", ALEMBIC_INI,
                   "-x", "url=sqlite:///" + db, "upgrade", B])
    report(rc == 0, "alembic upgrade %s makes the database" % B, out)
    if rc:
        return
    con = sqlite3.connect(db)
    con.execute("INSERT INTO users (email, hashed_password, phone_number) "
                "VALUES ('ali@example.com', 'x', '555')")
    con.commit()
    con.close()

    # The retort project: baseline with B's id, then a new revision.
    proj = os.path.join(tmp, "proj")
    rc, out = run([RETORT, "init", proj])
    report(rc == 0, "retort init", out)
    with open(os.path.join(proj, "retort.ini"), "w") as f:
        f.write("[retort]\ndialects = sqlite\n")
    rc, out = retort(proj, "revision", "-m", "baseline from alembic",
                     "--rev-id", B, "--head", "base")
    base_file = out.strip()
    report(rc == 0 and base_file == "versions/%s_baseline_from_alembic.mig"
           % B, "a baseline revision with Alembic's id", out)
    if rc:
        return
    fill(os.path.join(proj, base_file), BASELINE_UP, "    drop table users;")
    rc, out = retort(proj, "revision", "-m", "add notes")
    new_file = out.strip()
    report(rc == 0, "a new revision after the baseline", out)
    if rc:
        return
    fill(os.path.join(proj, new_file), NEW_UP, "    drop table notes;")
    new_id = os.path.basename(new_file)[:12]
    rc, out = retort(proj, "check", "--strict")
    report(rc == 0, "the project checks clean", out)

    # A script for the wrong starting point stops at its guard.
    wrong = os.path.join(tmp, "wrong.sql")
    before = schema(db)
    rc, out = retort(proj, "upgrade", "head", "-o", wrong)
    rc2, out2 = sqlite_run(db, wrong) if rc == 0 else (0, out)
    report(rc == 0 and rc2 != 0 and "expects alembic_version" in out2
           and schema(db) == before,
           "upgrade base:head is refused by its guard on Alembic's database",
           out2)

    # The takeover proper.
    up = os.path.join(tmp, "up.sql")
    rc, out = retort(proj, "upgrade", B + ":head", "-o", up)
    report(rc == 0, "retort upgrade %s:head writes the script" % B, out)
    rc, out = sqlite_run(db, up)
    report(rc == 0, "it runs on Alembic's database", out)
    report(query(db, "SELECT version_num FROM alembic_version") ==
           [(new_id,)], "alembic_version is at the new revision",
           query(db, "SELECT version_num FROM alembic_version"))
    report(query(db, "SELECT email, phone_number FROM users") ==
           [("ali@example.com", "555")], "the application's row is kept",
           query(db, "SELECT * FROM users"))
    con = sqlite3.connect(db)
    con.execute("INSERT INTO notes (user_id, body) VALUES (1, 'hello')")
    con.commit()
    con.close()
    report(query(db, "SELECT user_id, body FROM notes") == [(1, "hello")],
           "the new table takes rows")

    # A new database from the retort project alone has the same schema.
    fresh = os.path.join(tmp, "fresh.db")
    whole = os.path.join(tmp, "whole.sql")
    rc, out = retort(proj, "upgrade", "head", "-o", whole)
    rc2, out2 = sqlite_run(fresh, whole) if rc == 0 else (1, out)
    report(rc2 == 0, "upgrade head makes a new database", out2)
    a, b = schema(db), schema(fresh)
    report([t for t, _ in a] == [t for t, _ in b],
           "the new database has the same tables", "%s\n%s" % (a, b))
    cols = {t: [(c[0], c[1]) for c in cs] for t, cs in a}
    fcols = {t: [(c[0], c[1]) for c in cs] for t, cs in b}
    report(cols == fcols, "and the same columns and types",
           "taken over: %s\nnew: %s" % (cols, fcols))



if __name__ == "__main__":
    sys.exit(main())
