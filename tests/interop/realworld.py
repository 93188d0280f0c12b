#!/usr/bin/python3
"""tests/interop/realworld.py: the revision graphs of twelve public
Alembic projects (../shared/realworld/*.json, read here, never copied
into the repository) beside Alembic 1.8 itself.

Each graph is written three ways: .mig stubs (empty up and down blocks,
in the projects' own subdirectories), Alembic stubs (what Alembic reads:
the template's docstring, or none where the project's script has none,
and down_revision, branch_labels and depends_on in the form the project
wrote them: a string, a tuple, a list, None or left out), and that same
Alembic versions/ directory read by retort in place.  Then, for each:

 1. heads, heads --resolve-dependencies, branches, history and history -v
    print what Alembic prints (history in retort's own order, so as
    sorted lines and blocks; Path lines name the file), for the .mig
    project and for the .py directory read in place;
 2. check passes on both (warnings allowed: neutron's four redundant
    depends_on and its two kept-apart heads);
 3. Alembic's upgrade base:heads, step by step in Alembic's own order:
    before each step retort writes `upgrade ROWS:R` (ROWS: the rows
    Alembic's version table holds there), the script runs on a SQLite
    database that retort's earlier steps made (its guard checks the rows)
    and must leave the rows Alembic's table holds after the step;
 4. retort's own upgrade base:heads leaves Alembic's final rows, and its
    downgrade heads:base empties the table; Alembic's own downgrade is
    checked for the corruption SQL.md describes (a row beside its own
    ancestor): where it happens, retort's downgrade of the same range
    must not;
 5. a few sampled targets: upgrade base:X leaves Alembic's rows.

Alembic runs in this process (offline, with an on_version_apply hook),
so loading each project costs one read of its scripts.  Prints "ok - "
and "not ok - " lines and "interop realworld: N passed, N failed".
"""
import concurrent.futures
import contextlib
import glob
import io
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import Tally  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
RETORT = os.path.abspath(os.path.join(
    ROOT, os.environ.get("RETORT", "bin/retort")))
DATA = os.environ.get("REALWORLD",
                      os.path.join(ROOT, "..", "shared", "realworld"))
SAMPLES = int(os.environ.get("REALWORLD_SAMPLES", "3"))

ENV_PY = '''
from alembic import context

def run():
    hook = context.config.attributes.get("hook")
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(connection=connection,
                          on_version_apply=[hook] if hook else [])
        with context.begin_transaction():
            context.run_migrations()

run()
'''


def q(s):
    return "'" + s.replace("'", "''") + "'"


def py_value(raw, kind):
    if kind == "none":
        return "None"
    if kind == "str":
        return repr(raw)
    if kind == "tuple":
        return "(" + "".join(repr(x) + ", " for x in raw) + ")"
    if kind == "list":
        return repr(list(raw))
    raise ValueError(kind)


def docstring(r):
    """The template's docstring, as retort shows a .mig message; none
    for a script without one (a revision without a message)."""
    if not r["message"]:
        return ""
    lines = [r["message"], "", "Revision ID: " + r["id"],
             ("Revises: " + ", ".join(r["parents"])).rstrip()]
    if r["created"]:
        lines.append("Create Date: " + r["created"])
    return '"""%s\n\n"""\n' % "\n".join(lines).replace("\\", "\\\\")


def write_projects(proj, tmp):
    mig, alem = os.path.join(tmp, "mig"), os.path.join(tmp, "alembic")
    os.makedirs(os.path.join(alem, "versions"))
    with open(os.path.join(alem, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s\n")
    with open(os.path.join(alem, "env.py"), "w") as f:
        f.write(ENV_PY)
    names = set()
    for r in proj["revisions"]:
        rel = os.path.splitext(r["file"])[0]
        path = os.path.join(mig, "versions", rel + ".mig")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        lines = ["revision " + q(r["id"])]
        if r["message"]:
            lines.append("message " + q(r["message"]))
        if r["created"]:
            lines.append("created " + q(r["created"]))
        for word, key in (("depends", "parents"), ("requires", "depends_on"),
                          ("label", "labels")):
            if r[key]:
                lines.append(word + " " + ", ".join(q(x) for x in r[key]))
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\nup { }\ndown { }\n")
        base = os.path.basename(r["file"])
        assert base not in names, base
        names.add(base)
        body = [docstring(r), "revision = %r" % r["id"],
                "down_revision = " + py_value(r["down_revision_raw"],
                                              r["down_revision_kind"])]
        for var, key in (("branch_labels", "labels"),
                         ("depends_on", "depends_on")):
            if r[key + "_kind"] != "missing":
                body.append("%s = %s" % (var, py_value(
                    r[key] if r[key + "_kind"] != "str" else r[key][0],
                    r[key + "_kind"])))
        body += ["", "", "def upgrade():", "    pass", "", "",
                 "def downgrade():", "    pass", ""]
        with open(os.path.join(alem, "versions", base), "w") as f:
            f.write("\n".join(body))
    if proj["project"] == "neutron":
        with open(os.path.join(mig, "retort.ini"), "w") as f:
            f.write("[retort]\nheads = expand@head, contract@head\n")
    return mig, alem


def retort(*args, cwd):
    p = subprocess.run([RETORT, "--color=never", "-q"] + list(args), cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


class Alembic:
    """Alembic 1.8 in this process, on one project.  Its scripts are read
    once: every command gets the same ScriptDirectory."""

    def __init__(self, d):
        from alembic.config import Config
        from alembic.script import ScriptDirectory
        self.Config = Config
        self.d = d
        self.script = ScriptDirectory.from_config(self.cfg(None))
        if not hasattr(ScriptDirectory, "_realworld_from_config"):
            ScriptDirectory._realworld_from_config = \
                ScriptDirectory.from_config
            ScriptDirectory.from_config = classmethod(
                lambda cls, config: config.attributes.get("script") or
                cls._realworld_from_config(config))

    def cfg(self, out):
        c = self.Config(os.path.join(self.d, "alembic.ini"), stdout=out)
        if hasattr(self, "script"):
            c.attributes["script"] = self.script
        return c

    def text(self, fn, *args, **kw):
        """What the command prints, as on a UTF-8 terminal (Alembic
        encodes to the stream's encoding; a StringIO has none)."""
        from alembic import command
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            getattr(command, fn)(self.cfg(out), *args, **kw)
        out.flush()
        return raw.getvalue().decode("utf-8")

    def engine(self):
        """An in-memory SQLite database that lives as long as the
        engine (one connection, shared by every command run on it)."""
        from sqlalchemy import create_engine, pool
        return create_engine("sqlite://", poolclass=pool.StaticPool)

    def steps(self, db, fn, target):
        """Alembic's fn (upgrade/downgrade) to target, online on db
        (an engine): a list of (revision, rows after) in its order."""
        from alembic import command
        seen = []

        def hook(ctx, step, heads, run_args):
            seen.append((step.up_revision_id, sorted(heads)))
        out = io.StringIO()
        c = self.cfg(out)
        c.attributes["hook"] = hook
        c.attributes["engine"] = db
        with contextlib.redirect_stdout(io.StringIO()):
            getattr(command, fn)(c, target)
        return seen


def normalize_labels(line):
    """Alembic keeps labels and children in sets: sort "(a, b)" runs and
    the "Branches into:" list."""
    line = re.sub(r"\(([^()]*, [^()]*)\)",
                  lambda m: "(" + ", ".join(sorted(m.group(1).split(", ")))
                  + ")", line)
    if line.startswith("Branches into: "):
        line = "Branches into: " + ", ".join(sorted(line[15:].split(", ")))
    return line


def lines_of(text):
    return sorted(normalize_labels(x) for x in text.splitlines())


def blocks_of(text):
    """history -v / branches: blank-line separated entries, Path lines
    reduced to the file's name without its directory and suffix."""
    text = re.sub(r"(?m)^Path: [^\n]*?([^/\n]*)\.(py|mig)$", r"Path: \1",
                  text)
    out, cur = [], []
    for line in text.splitlines():
        if line.startswith("Rev: ") and cur:
            out.append("\n".join(cur).rstrip("\n"))
            cur = []
        cur.append(normalize_labels(line))
    if cur:
        out.append("\n".join(cur).rstrip("\n"))
    return sorted(out)


def branch_blocks(text):
    """branches: a branch point, then its children (in set order)."""
    out = []
    for part in text.split("\n\n"):
        lines = [normalize_labels(x) for x in part.splitlines()]
        if lines:
            out.append("\n".join(lines[:1] + sorted(lines[1:])))
    return sorted(out)


def sqlite_rows(db):
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute(
            "select version_num from alembic_version"))
    except sqlite3.OperationalError:
        return None
    finally:
        con.close()


def run_sql(db, sql):
    """Run a script as `sqlite3 -bail` does (stop at the first error),
    in this process: a thousand sqlite3 processes would cost more than
    everything else here."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(sql)
        return 0, ""
    except sqlite3.Error as e:
        return 1, str(e)
    finally:
        con.close()


def ancestors_of(proj):
    deps = {r["id"]: r["parents"] + r["depends_on"]
            for r in proj["revisions"]}
    memo = {}

    def anc(x):
        if x not in memo:
            s = set()
            for d in deps.get(x, []):
                s.add(d)
                s |= anc(d)
            memo[x] = s
        return memo[x]
    sys.setrecursionlimit(10000)
    return anc


def inspect(t, name, mig, alem, al):
    pyv = os.path.join(alem, "versions")
    want = {
        "heads": lines_of(al.text("heads")),
        "heads --resolve-dependencies": lines_of(
            al.text("heads", resolve_dependencies=True)),
        "branches": branch_blocks(al.text("branches")),
        "history": lines_of(al.text("history")),
        "history -v": blocks_of(al.text("history", verbose=True)),
    }
    for where, args in (("mig", ["-C", mig]), ("py", ["--versions", pyv])):
        for cmd, w in want.items():
            rc, out, err = retort(*(args + cmd.split()), cwd=alem)
            got = branch_blocks(out) if cmd == "branches" else \
                blocks_of(out) if cmd.endswith("-v") else lines_of(out)
            diff = "\n".join(x for x in got if x not in w)[:3000] + \
                "\n--- alembic only:\n" + \
                "\n".join(x for x in w if x not in got)[:3000]
            t.check(rc == 0 and got == w, "%s (%s): %s as Alembic prints it"
                    % (name, where, cmd), err + diff)
        rc, out, err = retort(*(args + ["check"]), cwd=alem)
        t.check(rc == 0, "%s (%s): check passes" % (name, where), err)


def upgrade_steps(t, name, mig, al, tmp):
    steps = al.steps(al.db, "upgrade", "heads")
    froms, rows = [], []
    for rev, after in steps:
        froms.append(",".join(rows) if rows else "base")
        rows = after

    def script(k):
        return retort("upgrade", "%s:%s" % (froms[k], steps[k][0]), "-d",
                      "sqlite", cwd=mig)
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        scripts = list(ex.map(script, range(len(steps))))
    db = os.path.join(tmp, "steps.db")
    bad = []
    for k, (rc, sql, err) in enumerate(scripts):
        if rc != 0:
            bad.append("step %d %s: retort exit %d: %s" % (k, steps[k][0],
                                                           rc, err))
            break
        rc, err = run_sql(db, sql)
        got = sqlite_rows(db) or []
        if rc != 0 or got != steps[k][1]:
            bad.append("step %d %s: sqlite3 exit %d %s rows %r, Alembic %r"
                       % (k, steps[k][0], rc, err, got, steps[k][1]))
            break
    t.check(not bad, "%s: %d upgrade steps in Alembic's order leave "
            "Alembic's rows after each" % (name, len(steps)), "\n".join(bad))
    return steps[-1][1] if steps else []


def whole_runs(t, name, proj, mig, al, tmp, final):
    db = os.path.join(tmp, "whole.db")
    rc, sql, err = retort("upgrade", "heads", "-d", "sqlite", cwd=mig)
    rc2, err2 = run_sql(db, sql) if rc == 0 else (rc, err)
    t.check(rc2 == 0 and sqlite_rows(db) == final,
            "%s: retort's upgrade base:heads leaves Alembic's rows" % name,
            "%s rows %r want %r" % (err2, sqlite_rows(db), final))
    anc = ancestors_of(proj)
    corrupt = [(rev, rows) for rev, rows in al.steps(al.db, "downgrade",
                                                     "base")
        if any(a in anc(b) for a in rows for b in rows)]
    rc, sql, err = retort("downgrade", "heads:base", "-d", "sqlite",
                          cwd=mig)
    tracked = []
    rc2, err2 = run_sql(db, sql) if rc == 0 else (rc, err)
    t.check(rc2 == 0 and sqlite_rows(db) is None,
            "%s: retort's downgrade heads:base empties and drops the table"
            % name, "%s %r" % (err2, sqlite_rows(db)))
    if corrupt:
        rows = set()
        for line in sql.splitlines() + ["-- Running (end)"]:
            # Between steps (a step may INSERT a parent before it
            # UPDATEs itself to the other).
            if line.startswith("-- Running") and \
                    any(a in anc(b) for a in rows for b in rows):
                tracked.append(sorted(rows))
            m = re.match(r"INSERT INTO alembic_version \(version_num\) "
                         r"VALUES \('([^']*)'\)", line)
            if m:
                rows.add(m.group(1))
            m = re.match(r"UPDATE alembic_version SET version_num='([^']*)'"
                         r" WHERE alembic_version.version_num = '([^']*)'",
                         line)
            if m:
                rows.discard(m.group(2))
                rows.add(m.group(1))
            m = re.match(r"DELETE FROM alembic_version WHERE "
                         r"alembic_version.version_num = '([^']*)'", line)
            if m:
                rows.discard(m.group(1))
        t.check(not tracked, "%s: Alembic's downgrade leaves a row beside "
                "its ancestor (%d times, first after %s); retort's never"
                % (name, len(corrupt), corrupt[0][0]),
                "retort: %r" % tracked[:3])


def sampled(t, name, proj, mig, al, tmp):
    rng = random.Random(name)
    ids = [r["id"] for r in proj["revisions"]]
    for k, x in enumerate(rng.sample(ids, min(SAMPLES, len(ids)))):
        steps = al.steps(al.engine(), "upgrade", x)
        want = steps[-1][1] if steps else []
        db = os.path.join(tmp, "sample%d.db" % k)
        rc, sql, err = retort("upgrade", "base:" + x, "-d", "sqlite",
                              cwd=mig)
        rc2, err2 = run_sql(db, sql) if rc == 0 else (rc, err)
        t.check(rc2 == 0 and sqlite_rows(db) == want,
                "%s: upgrade base:%s leaves Alembic's rows" % (name, x),
                "%s rows %r want %r" % (err2, sqlite_rows(db), want))


def main():
    sys.dont_write_bytecode = True
    t = Tally()
    files = sorted(glob.glob(os.path.join(DATA, "*.json")))
    t.check(len(files) == 12, "twelve real graphs in %s" % DATA,
            "found %d" % len(files))
    total = 0
    for path in files:
        with open(path) as f:
            proj = json.load(f)
        name = proj["project"]
        total += len(proj["revisions"])
        with tempfile.TemporaryDirectory() as tmp:
            mig, alem = write_projects(proj, tmp)
            al = Alembic(alem)
            al.db = al.engine()
            inspect(t, name, mig, alem, al)
            final = upgrade_steps(t, name, mig, al, tmp)
            whole_runs(t, name, proj, mig, al, tmp, final)
            sampled(t, name, proj, mig, al, tmp)
    print("# %d revisions in %d projects" % (total, len(files)))
    print("interop realworld: %d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
