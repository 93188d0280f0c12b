#!/usr/bin/python3
"""tests/interop/alembic_db.py: retort's SQL and Alembic take turns on
real databases (SQL.md, "The version table").

The graph is samples/branched/ for retort and tests/interop/
alembic_branched/ (the same graph as Alembic revision scripts, copied
from the reference) for Alembic, which creates the same tables.  For
SQLite files, a throwaway PostgreSQL 15 cluster and a throwaway MariaDB
10.11 server:

 1. retort first: retort's upgrade, downgrade or stamp script for a
    range, run with `sqlite3 -bail` or `psql -v ON_ERROR_STOP=1`, must
    leave a database that `alembic current` reads exactly as the one
    Alembic migrated online itself for the same range (same
    alembic_version rows, same tables, columns, indexes and keys); then
    Alembic must continue from it (`upgrade heads`, or a downgrade) and
    end where Alembic alone ends.
 2. Alembic first: Alembic migrates a database online to a state X (one
    target at a time), then retort's `upgrade X:heads` and `downgrade
    X:base` must pass their guard and finish at the heads / at base, and
    a script for another FROM must stop at its guard, changing nothing.
 3. An application's inserts that leave the integer keys out work on
    retort's tables as on Alembic's.

Alembic is Debian's python3-alembic (1.8) with SQLAlchemy 1.4,
python3-psycopg2 and python3-pymysql, run as `/usr/bin/python3 -m
alembic`.  PostgreSQL and MariaDB are required, not optional: if a
server cannot start, that is a failure.
Prints "ok - ..."/"not ok - ..." lines (evidence as "#   " lines) and
"interop db: N passed, N failed"; exits 1 on any failure.
"""
import concurrent.futures
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
RETORT = os.path.abspath(os.path.join(
    ROOT, os.environ.get("RETORT", "bin/retort")))
PROJECT = os.path.join(ROOT, "samples", "branched")
ALEMBIC_INI = os.path.join(ROOT, "tests", "interop", "alembic_branched",
                           "alembic.ini")
PYTHON = "/usr/bin/python3"

A, B = "a1b2c3d4e5f6", "b2c3d4e5f6a7"
C1, C2 = "c1d2e3f4a5b6", "c2d3e4f5a6b7"
M, D = "d0e1f2a3b4c5", "d1e2f3a4b5c6"
X1, X2 = "e1f2a3b4c5d6", "e2f3a4b5c6d7"
HEADS = frozenset({D, X2})

# Part 1: (retort command, range, options, Alembic's own command and
# target[, what Alembic does next on both databases: upgrade heads]).
# Each tool brings its own database to FROM its own way first.
TPM, NOTX = ("--transaction-per-migration",), ("--no-transaction",)
RETORT_FIRST = [
    ("upgrade", "base:heads", (), "upgrade", "heads"),
    ("upgrade", "base:" + D, (), "upgrade", D),
    ("upgrade", "base:" + X2, (), "upgrade", X2),
    ("upgrade", "base:" + C1, (), "upgrade", C1),
    ("downgrade", "heads:" + B, (), "downgrade", B),
    ("downgrade", "heads:" + C1, (), "downgrade", C1),
    ("downgrade", "heads:base", (), "downgrade", "base"),
    ("upgrade", "base:heads", TPM, "upgrade", "heads"),
    ("downgrade", "heads:base", NOTX, "downgrade", "base"),
    ("upgrade", C1 + ":" + X2, (), "upgrade", X2),
    # Alembic's downgrades over the tables retort made.
    ("upgrade", "base:heads", (), "upgrade", "heads", ("downgrade", "base")),
    ("upgrade", "base:" + D, (), "upgrade", D, ("downgrade", A)),
    # stamp: the version table only, Alembic's `stamp TO` online.
    ("stamp", "heads", (), "stamp", "heads"),
    ("stamp", B + ":" + D, (), "stamp", D),
    ("stamp", "heads:" + B, (), "stamp", B),
    ("stamp", "heads:base", (), "stamp", "base"),
]
# Not in RETORT_FIRST: a stamp whose TO is on another branch than FROM
# (`stamp c1d2e3f4a5b6:e2f3a4b5c6d7`).  Alembic's own stamp, offline and
# online, INSERTs TO and keeps FROM; retort also DELETEs FROM, leaving the
# rows of `upgrade base:TO` as SQL.md says.  The two disagree, and the
# spec has to choose before it can be tested here.

# Part 2: the targets Alembic upgrades to, one at a time; the state is
# their ids (retort's FROM), and Alembic must leave exactly those rows.
ALEMBIC_FIRST = [
    [A], [B], [C1], [C1, C2], [M], [X1], [X2], [B, X1], [D, X1],
    [D, X2],
]
# Extra downgrades retort runs from Alembic's state (besides X:base):
# each with the rows Alembic's own downgrade leaves (checked in part 1).
ALEMBIC_FIRST_DOWN = {
    (D, X2): [B, C1],
}


# What an application written against Alembic's schema does: insert
# rows and let the database number them.
INSERTS = [
    "INSERT INTO users (id, email, hashed_password, phone_number) "
    "VALUES (1000, 'bob@example.org', 'x', '555-0101')",
    "INSERT INTO users (email, hashed_password, phone_number) "
    "VALUES ('ann@example.org', 'x', '555-0100')",
    "INSERT INTO orders (user_id, total) VALUES (1000, 9.99)",
    "INSERT INTO audit_log (user_id, action, created_at) "
    "VALUES (NULL, 'login', CURRENT_TIMESTAMP)",
]


def sh(cmd, stdin=None, env=None, cwd=ROOT):
    """Run cmd; (returncode, stdout+stderr)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=stdin, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, "%s: %s" % (cmd[0], e)
    return p.returncode, p.stdout


def shown(cmd):
    return " ".join(c if c and " " not in c else repr(c) for c in cmd)


class Failed(Exception):
    """A step that the rest of a case depends on failed."""


class Case:
    """One story's checks, printed together once it has run."""

    def __init__(self, title):
        self.title = title
        self.lines = []
        self.passed = 0
        self.failed = 0

    def check(self, cond, what, evidence=""):
        if cond:
            self.passed += 1
            self.lines.append("ok - %s: %s" % (self.title, what))
        else:
            self.failed += 1
            self.lines.append("not ok - %s: %s" % (self.title, what))
            for line in evidence.rstrip("\n").splitlines()[-40:]:
                self.lines.append("#   " + line)
        return cond

    def must(self, cond, what, evidence=""):
        if not self.check(cond, what, evidence):
            raise Failed()


def rows_text(rows):
    return "no alembic_version table" if rows is None else \
        "{%s}" % ", ".join(sorted(rows))


# ---------------------------------------------------------------------------
# The two databases

class SQLite:
    name = "sqlite"
    dialect = "sqlite"
    transactional = True

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "sqlite")
        os.makedirs(self.dir)
        self.lock = threading.Lock()
        self.n = 0

    def new(self, hint, template=None):
        with self.lock:
            self.n += 1
            path = os.path.join(self.dir, "%03d_%s.db" % (self.n, hint))
        if template:
            shutil.copyfile(template, path)
        return path

    def url(self, db):
        return "sqlite:///" + db

    def run_script(self, db, path):
        cmd = ["sqlite3", "-bail", db]
        with open(path) as f:
            rc, out = sh(cmd, stdin=f)
        return rc, out, shown(cmd) + " < " + path

    def rows(self, db):
        con = sqlite3.connect(db)
        try:
            if not con.execute("SELECT 1 FROM sqlite_master WHERE type = "
                               "'table' AND name = 'alembic_version'"
                               ).fetchone():
                return None
            return frozenset(r[0] for r in con.execute(
                "SELECT version_num FROM alembic_version"))
        finally:
            con.close()

    def try_inserts(self, db):
        """Run INSERTS on a copy of db; [(statement, error or None)]."""
        copy = self.new("inserts", template=db)
        con = sqlite3.connect(copy, isolation_level=None)
        out = []
        try:
            for stmt in INSERTS:
                try:
                    con.execute(stmt)
                    out.append((stmt, None))
                except sqlite3.Error as e:
                    out.append((stmt, str(e)))
        finally:
            con.close()
        return out

    def schema(self, db):
        """Tables, columns, indexes and keys, without the names SQLite
        or a tool makes up (constraint names differ: pk_users is ours)."""
        con = sqlite3.connect(db)
        out = set()
        try:
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                "name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'")]
            for t in tables:
                out.add(("table", t))
                for _, col, typ, notnull, dflt, pk in con.execute(
                        "PRAGMA table_info(%s)" % qi(t)):
                    out.add(("column", t, col, typ.upper(), bool(notnull),
                             dflt, pk))
                for _, iname, unique, origin, _ in con.execute(
                        "PRAGMA index_list(%s)" % qi(t)):
                    if origin == "pk":
                        continue
                    cols = tuple(r[2] for r in con.execute(
                        "PRAGMA index_info(%s)" % qi(iname)))
                    out.add(("index", t, iname if origin == "c" else "",
                             bool(unique), cols))
                fks = {}
                for fid, _, ref, frm, to, *_ in con.execute(
                        "PRAGMA foreign_key_list(%s)" % qi(t)):
                    fks.setdefault(fid, [ref, [], []])
                    fks[fid][1].append(frm)
                    fks[fid][2].append(to)
                for ref, frm, to in fks.values():
                    out.add(("fk", t, tuple(frm), ref, tuple(to)))
        finally:
            con.close()
        return frozenset(out)


def qi(name):
    return '"%s"' % name.replace('"', '""')


class PostgreSQL:
    """A throwaway cluster: initdb into a temp dir (owned by the postgres
    user when we are root: the server refuses to run as root), a Unix
    socket there and no TCP, trust authentication for the superuser
    "postgres".  stop() ends it and removes the directory."""
    name = "postgresql"
    dialect = "postgresql"
    transactional = True
    SUPER = "postgres"

    def __init__(self, tmp):
        import psycopg2  # python3-psycopg2
        self.psycopg2 = psycopg2
        self.lock = threading.Lock()
        self.n = 0
        self.started = False
        self.root = os.geteuid() == 0
        self.bin = self.find_bin()
        self.base = tempfile.mkdtemp(prefix="retort-interop-pg-")
        self.data = os.path.join(self.base, "data")
        self.sock = self.base

    def start(self):
        os.chmod(self.base, 0o755)
        if self.root:
            shutil.chown(self.base, "postgres", "postgres")
        if self.bin is None:
            raise RuntimeError("no initdb/pg_ctl in /usr/lib/postgresql/"
                               "*/bin nor on PATH (Debian: postgresql-15)")
        rc, out = self.as_pg([os.path.join(self.bin, "initdb"), "-D",
                              self.data, "-U", self.SUPER, "--auth=trust",
                              "-E", "UTF8", "--locale=C", "--no-sync"])
        if rc != 0:
            raise RuntimeError("initdb failed:\n" + out)
        opts = "-k %s -c listen_addresses='' -c fsync=off " \
               "-c full_page_writes=off" % self.sock
        rc, out = self.as_pg([os.path.join(self.bin, "pg_ctl"), "-D",
                              self.data, "-l",
                              os.path.join(self.base, "server.log"),
                              "-o", opts, "-w", "start"])
        self.started = True     # stop() even when start half-failed
        if rc != 0:
            try:
                with open(os.path.join(self.base, "server.log")) as f:
                    out += f.read()
            except OSError:
                pass
            raise RuntimeError("pg_ctl start failed:\n" + out)

    @staticmethod
    def find_bin():
        cands = ["/usr/lib/postgresql/15/bin"]
        if os.path.isdir("/usr/lib/postgresql"):
            cands += sorted((os.path.join("/usr/lib/postgresql", v, "bin")
                             for v in os.listdir("/usr/lib/postgresql")),
                            reverse=True)
        p = shutil.which("pg_ctl")
        if p:
            cands.append(os.path.dirname(os.path.realpath(p)))
        for d in cands:
            if os.access(os.path.join(d, "initdb"), os.X_OK) and \
                    os.access(os.path.join(d, "pg_ctl"), os.X_OK):
                return d
        return None

    def as_pg(self, cmd):
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        return sh(cmd, cwd=self.base)

    def stop(self):
        if self.started:
            self.as_pg([os.path.join(self.bin, "pg_ctl"), "-D", self.data,
                        "-m", "immediate", "-w", "stop"])
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)

    def connect(self, db):
        return self.psycopg2.connect(dbname=db, host=self.sock,
                                     user=self.SUPER)

    def new(self, hint, template=None):
        with self.lock:
            self.n += 1
            db = "t%03d_%s" % (self.n, hint.replace("-", "_"))
        con = self.connect("postgres")
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute('CREATE DATABASE "%s"%s' % (
                    db, ' TEMPLATE "%s"' % template if template else ""))
        finally:
            con.close()
        return db

    def url(self, db):
        return "postgresql+psycopg2://%s@/%s?host=%s" % (self.SUPER, db,
                                                         self.sock)

    def run_script(self, db, path):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.sock,
               "-U", self.SUPER, "-d", db, "-f", path]
        rc, out = sh(cmd)
        return rc, out, shown(cmd)

    def query(self, db, sql):
        con = self.connect(db)
        try:
            with con.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall()
        finally:
            con.close()

    def try_inserts(self, db):
        copy = self.new("inserts", template=db)
        con = self.connect(copy)
        con.autocommit = True
        out = []
        try:
            with con.cursor() as cur:
                for stmt in INSERTS:
                    try:
                        cur.execute(stmt)
                        out.append((stmt, None))
                    except self.psycopg2.Error as e:
                        out.append((stmt, str(e).strip()))
        finally:
            con.close()
        return out

    def rows(self, db):
        if self.query(db, "SELECT to_regclass('public.alembic_version')"
                      )[0][0] is None:
            return None
        return frozenset(r[0] for r in self.query(
            db, "SELECT version_num FROM alembic_version"))

    def schema(self, db):
        out = set()
        for t, in self.query(db, """
                SELECT relname FROM pg_class c JOIN pg_namespace n
                  ON n.oid = c.relnamespace
                WHERE nspname = 'public' AND relkind = 'r'
                  AND relname <> 'alembic_version'"""):
            out.add(("table", t))
        for r in self.query(db, """
                SELECT c.relname, a.attname,
                       format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid
                LEFT JOIN pg_attrdef d
                  ON d.adrelid = c.oid AND d.adnum = a.attnum
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                  AND c.relname <> 'alembic_version'
                  AND a.attnum > 0 AND NOT a.attisdropped"""):
            t, col, typ, notnull, dflt, ident = r
            # Whether and how a column generates its values (SERIAL's
            # nextval default, an identity) is checked with INSERTS, once,
            # not as part of the shape.
            if ident or (dflt or "").startswith("nextval("):
                dflt = None
            out.add(("column", t, col, typ, notnull, dflt))
        for r in self.query(db, """
                SELECT c.relname, i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x
                JOIN pg_class c ON c.oid = x.indrelid
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname <> 'alembic_version'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                  WHERE k.conindid = x.indexrelid)"""):
            out.add(("index",) + tuple(r))
        # Constraints by what they are, not by name (pk_users is ours,
        # users_pkey PostgreSQL's default for Alembic's unnamed key).
        for r in self.query(db, """
                SELECT c.relname, k.contype, pg_get_constraintdef(k.oid)
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public'
                  AND c.relname <> 'alembic_version'"""):
            out.add(("constraint",) + tuple(r))
        return frozenset(out)


class MariaDB:
    """A throwaway MariaDB 10.11 server, as tests/e2e/lib.sh makes one:
    mariadb-install-db into a temp dir, mariadbd with its socket there,
    no TCP, no option file read (the machine's own MariaDB, if any, is
    neither read nor touched); as root it runs as the mysql user.
    root@localhost has no password.  utf8mb4, as Debian configures it.
    MySQL has no CREATE DATABASE ... TEMPLATE: a copy is a dump loaded
    into a new database."""
    name = "mysql"
    dialect = "mysql"
    transactional = False   # its DDL commits at once

    def __init__(self, tmp):
        import pymysql  # python3-pymysql
        self.pymysql = pymysql
        self.lock = threading.Lock()
        self.n = 0
        self.proc = None
        self.root = os.geteuid() == 0
        base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
        self.base = tempfile.mkdtemp(prefix="retort-interop-my-", dir=base)
        self.sock = os.path.join(self.base, "sock")

    def start(self):
        os.chmod(self.base, 0o755)
        user = []
        if self.root:
            shutil.chown(self.base, "mysql", "mysql")
            user = ["--user=mysql"]
        common = ["--no-defaults"] + user + [
            "--datadir=" + os.path.join(self.base, "data"),
            "--innodb-log-file-size=4M", "--innodb-buffer-pool-size=32M"]
        rc, out = sh(["mariadb-install-db"] + common + [
            "--skip-test-db", "--auth-root-authentication-method=normal",
            "--skip-name-resolve"], cwd="/")
        if rc != 0:
            raise RuntimeError("mariadb-install-db failed:\n" + out)
        mariadbd = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        log = open(os.path.join(self.base, "mariadbd.out"), "w")
        self.proc = subprocess.Popen(
            [mariadbd] + common + [
                "--socket=" + self.sock, "--skip-networking",
                "--pid-file=" + os.path.join(self.base, "pid"),
                "--log-error=" + os.path.join(self.base, "server.log"),
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci"],
            cwd="/", stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT)
        log.close()
        for _ in range(300):
            if self.proc.poll() is not None:
                break
            try:
                self.connect(None).close()
                return
            except self.pymysql.Error:
                time.sleep(0.1)
        try:
            with open(os.path.join(self.base, "server.log")) as f:
                out = f.read()[-2000:]
        except OSError:
            out = ""
        raise RuntimeError("mariadbd did not start:\n" + out)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        shutil.rmtree(self.base, ignore_errors=True)

    def connect(self, db):
        return self.pymysql.connect(unix_socket=self.sock, user="root",
                                    database=db, autocommit=True)

    def client(self, *args):
        return ["mariadb", "--no-defaults", "--socket=" + self.sock,
                "-u", "root"] + list(args)

    def new(self, hint, template=None):
        with self.lock:
            self.n += 1
            db = "t%03d_%s" % (self.n, hint.replace("-", "_"))
        con = self.connect(None)
        try:
            with con.cursor() as cur:
                cur.execute("CREATE DATABASE `%s`" % db)
        finally:
            con.close()
        if template:
            # Copying the template is the harness's own step, not what
            # is tested: mariadb-dump has been seen to exit 2 once in a
            # loaded run, so it gets three tries, and its stderr is
            # shown if all fail.
            for attempt in range(3):
                dump = subprocess.run(
                    ["mariadb-dump", "--no-defaults",
                     "--socket=" + self.sock, "-u", "root", template],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    timeout=120)
                if dump.returncode == 0:
                    break
                time.sleep(1)
            else:
                raise RuntimeError("mariadb-dump %s: exit %d: %s" % (
                    template, dump.returncode,
                    dump.stderr.decode("utf-8", "replace")))
            subprocess.run(self.client(db), input=dump.stdout,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=120, check=True)
        return db

    def url(self, db):
        return "mysql+pymysql://root@localhost/%s?unix_socket=%s" % (
            db, self.sock)

    def run_script(self, db, path):
        cmd = self.client(db)
        with open(path) as f:
            rc, out = sh(cmd, stdin=f)
        return rc, out, shown(cmd) + " < " + path

    def query(self, db, sql):
        con = self.connect(db)
        try:
            with con.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall()
        finally:
            con.close()

    def try_inserts(self, db):
        copy = self.new("inserts", template=db)
        con = self.connect(copy)
        out = []
        try:
            with con.cursor() as cur:
                for stmt in INSERTS:
                    try:
                        cur.execute(stmt)
                        out.append((stmt, None))
                    except self.pymysql.Error as e:
                        out.append((stmt, str(e)))
        finally:
            con.close()
        return out

    def rows(self, db):
        if not self.query(db, "SELECT 1 FROM information_schema.tables "
                          "WHERE table_schema = DATABASE() AND "
                          "table_name = 'alembic_version'"):
            return None
        return frozenset(r[0] for r in self.query(
            db, "SELECT version_num FROM alembic_version"))

    def schema(self, db):
        """Tables, columns (type, nullability, default, extra), keys and
        indexes by their columns (InnoDB names an unnamed foreign key's
        index after its column, retort's after the key), foreign keys
        and checks by definition."""
        out = set()
        skip = "AND table_name <> 'alembic_version'"
        for t, in self.query(db, "SELECT table_name FROM "
                             "information_schema.tables WHERE table_schema"
                             " = DATABASE() " + skip):
            out.add(("table", t))
        for r in self.query(db, "SELECT table_name, column_name, "
                            "column_type, is_nullable, column_default, extra"
                            " FROM information_schema.columns WHERE "
                            "table_schema = DATABASE() " + skip):
            out.add(("column",) + tuple(r))
        for r in self.query(db, "SELECT table_name, non_unique, "
                            "group_concat(column_name ORDER BY seq_in_index)"
                            " FROM information_schema.statistics WHERE "
                            "table_schema = DATABASE() " + skip +
                            " GROUP BY table_name, index_name, non_unique"):
            out.add(("index",) + tuple(r))
        for r in self.query(db, """
                SELECT k.table_name,
                       group_concat(k.column_name ORDER BY k.ordinal_position),
                       k.referenced_table_name,
                       group_concat(k.referenced_column_name
                                    ORDER BY k.ordinal_position),
                       r.delete_rule, r.update_rule
                FROM information_schema.key_column_usage k
                JOIN information_schema.referential_constraints r
                  ON r.constraint_schema = k.constraint_schema
                 AND r.constraint_name = k.constraint_name
                WHERE k.table_schema = DATABASE()
                  AND k.referenced_table_name IS NOT NULL
                GROUP BY k.table_name, k.constraint_name,
                         k.referenced_table_name, r.delete_rule,
                         r.update_rule"""):
            out.add(("fk",) + tuple(r))
        for r in self.query(db, "SELECT table_name, check_clause FROM "
                            "information_schema.check_constraints WHERE "
                            "constraint_schema = DATABASE()"):
            out.add(("check",) + tuple(r))
        return frozenset(out)


# ---------------------------------------------------------------------------
# The tools

def alembic(be, db, *args):
    """`alembic -x url=... ARGS` on db: (rc, output, command line)."""
    cmd = [PYTHON, "-m", "alembic", "-c", ALEMBIC_INI,
           "-x", "url=" + be.url(db)] + list(args)
    # A fixed hash seed: which merge parent Alembic DELETEs follows it.
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    rc, out = sh(cmd, env=env)
    return rc, out, shown(cmd)


def alembic_current(be, db):
    """The revision ids `alembic current` prints, and its output."""
    rc, out, cmd = alembic(be, db, "current")
    ids = set()
    for line in out.splitlines():
        w = line.split(" ", 1)[0]
        if len(w) == 12 and all(ch in "0123456789abcdef" for ch in w):
            ids.add(w)
    return (frozenset(ids) if rc == 0 else None), "$ %s\n%s" % (cmd, out)


def retort_sql(be, cmd, rng, tmp, flags=()):
    """Compile retort's script: (rc, its path, evidence)."""
    fd, path = tempfile.mkstemp(prefix="%s_%s_" % (be.name, cmd),
                                suffix=".sql", dir=tmp)
    os.close(fd)
    os.chmod(path, 0o644)
    args = [RETORT, "-C", PROJECT, "-q", cmd, rng, "-d", be.dialect] + \
        list(flags) + ["-o", path]
    rc, out = sh(args)
    return rc, path, "$ %s\n%s" % (shown(args), out)


def run_retort(case, be, db, cmd, rng, tmp, what=None, flags=()):
    """Compile and run retort's `cmd rng` on db; both must succeed."""
    rc, path, ev = retort_sql(be, cmd, rng, tmp, flags)
    spelled = " ".join((cmd, rng) + tuple(flags))
    case.must(rc == 0, "retort %s -d %s compiles" % (spelled, be.dialect),
              ev)
    rc, out, shown_cmd = be.run_script(db, path)
    case.must(rc == 0, what or "retort's %s runs" % spelled,
              "$ %s\n%s" % (shown_cmd, out))
    return path


def schema_diff(a, b, an, bn):
    lines = []
    for x in sorted(a - b, key=repr):
        lines.append("only in %s: %r" % (an, x))
    for x in sorted(b - a, key=repr):
        lines.append("only in %s: %r" % (bn, x))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The stories

class Fixtures:
    """Per database: Alembic alone at the heads, retort alone at the
    heads (templates to copy), and their schemas."""

    def __init__(self, be, tmp):
        self.be, self.tmp = be, tmp
        case = Case("%s: set-up" % be.name)
        self.case = case
        try:
            self.alembic_heads = be.new("alembic_heads")
            rc, out, cmd = alembic(be, self.alembic_heads, "upgrade",
                                   "heads")
            case.must(rc == 0, "Alembic alone upgrades an empty database "
                      "to heads online", "$ %s\n%s" % (cmd, out))
            case.must(be.rows(self.alembic_heads) == HEADS,
                      "Alembic alone leaves the heads in alembic_version",
                      rows_text(be.rows(self.alembic_heads)))
            self.heads_schema = be.schema(self.alembic_heads)
            self.retort_heads = be.new("retort_heads")
            run_retort(case, be, self.retort_heads, "upgrade",
                       "base:heads", tmp)
            self.ok = True
            a = be.try_inserts(self.alembic_heads)
            r = be.try_inserts(self.retort_heads)
            case.check(all(e is None for _, e in a),
                       "rows without ids insert into Alembic's tables "
                       "(its integer keys number them)",
                       "\n".join("%s\n  -> %s" % x for x in a if x[1]))
            case.check(r == a, "and into retort's tables just the same",
                       "\n".join("%s\n  retort: %s\n  Alembic: %s"
                                 % (st, re_ or "ok", ae or "ok")
                                 for (st, re_), (_, ae) in zip(r, a)
                                 if re_ != ae))
        except Failed:
            self.ok = False
        except Exception as e:  # noqa: a database error is a failure
            case.check(False, "set-up", "%s: %s" % (type(e).__name__, e))
            self.ok = False


def retort_first(fx, rcmd, rng, flags, acmd, target,
                 then=("upgrade", "heads")):
    """Part 1: retort's script, then Alembic reads and continues."""
    be, tmp = fx.be, fx.tmp
    case = Case("%s: retort %s, then Alembic%s"
                % (be.name, " ".join((rcmd, rng) + flags),
                   "" if then == ("upgrade", "heads") else " " + then[0]))
    try:
        start = rng.split(":")[0] if ":" in rng else "base"
        hint = "%s_%s" % (rcmd[:2], target[:6])
        if start == "base":
            rdb, adb = be.new("r" + hint), be.new("a" + hint)
        elif start == "heads":
            rdb = be.new("r" + hint, template=fx.retort_heads)
            adb = be.new("a" + hint, template=fx.alembic_heads)
        else:
            rdb, adb = be.new("r" + hint), be.new("a" + hint)
            run_retort(case, be, rdb, "upgrade", "base:" + start, tmp)
            rc, out, cmd = alembic(be, adb, "upgrade", start)
            case.must(rc == 0, "Alembic's own `upgrade %s` online" % start,
                      "$ %s\n%s" % (cmd, out))
        run_retort(case, be, rdb, rcmd, rng, tmp, flags=flags)
        rc, out, cmd = alembic(be, adb, acmd, target)
        case.must(rc == 0, "Alembic's own `%s %s` online" % (acmd, target),
                  "$ %s\n%s" % (cmd, out))
        rcur, rev = alembic_current(be, rdb)
        acur, aev = alembic_current(be, adb)
        case.check(rcur is not None and rcur == acur,
                   "alembic current reads retort's database as {%s}, as "
                   "Alembic's own" % ", ".join(sorted(acur or [])),
                   "retort's database:\n%s\nAlembic's database:\n%s"
                   % (rev, aev))
        rrows, arows = be.rows(rdb), be.rows(adb)
        case.check((rrows or frozenset()) == (arows or frozenset()),
                   "same alembic_version rows %s" % rows_text(arows),
                   "retort: %s\nAlembic: %s" % (rows_text(rrows),
                                                rows_text(arows)))
        rs, as_ = be.schema(rdb), be.schema(adb)
        case.check(rs == as_, "same tables, columns, indexes and keys",
                   schema_diff(rs, as_, "retort's", "Alembic's"))
        if rcmd == "stamp":     # the schema is not what the rows say
            return case
        # Alembic continues, on retort's database and on its own.
        ccmd, ctarget = then
        rc, out, cmd = alembic(be, rdb, ccmd, ctarget)
        case.must(rc == 0, "`alembic %s %s` continues from retort's state"
                  % then, "$ %s\n%s" % (cmd, out))
        rc2, out2, cmd2 = alembic(be, adb, ccmd, ctarget)
        case.must(rc2 == 0, "`alembic %s %s` on Alembic's own" % then,
                  "$ %s\n%s" % (cmd2, out2))
        rrows, arows = be.rows(rdb), be.rows(adb)
        want = HEADS if then == ("upgrade", "heads") else arows
        case.check(rrows == arows == want,
                   "then both hold the same rows %s" % rows_text(arows),
                   "retort's then Alembic's: %s\nAlembic alone: %s"
                   % (rows_text(rrows), rows_text(arows)))
        rs, as_ = be.schema(rdb), be.schema(adb)
        case.check(rs == as_, "and the schema Alembic alone leaves",
                   schema_diff(rs, as_, "retort+Alembic", "Alembic alone"))
    except Failed:
        pass
    except Exception as e:  # noqa
        case.check(False, "unexpected error", "%s: %s"
                   % (type(e).__name__, e))
    return case


def alembic_first(fx, targets):
    """Part 2: Alembic migrates online to a state, retort continues."""
    be, tmp = fx.be, fx.tmp
    state = ",".join(targets)
    case = Case("%s: Alembic to %s, then retort" % (be.name, state))
    case.be = be
    try:
        hint = "x_" + "_".join(t[:4] for t in targets)
        adb = be.new(hint)
        for t in targets:
            rc, out, cmd = alembic(be, adb, "upgrade", t)
            case.must(rc == 0, "Alembic upgrades online to %s" % t,
                      "$ %s\n%s" % (cmd, out))
        rows = be.rows(adb)
        case.must(rows == frozenset(targets),
                  "Alembic leaves the rows %s" % rows_text(rows),
                  "expected {%s}" % ", ".join(sorted(targets)))
        base_rows = rows
        # Copies of Alembic's database, before anything runs on it.
        up = be.new(hint + "_up", template=adb)
        down = be.new(hint + "_dn", template=adb)
        wrong = be.new(hint + "_wr", template=adb)
        extra = [(t, be.new(hint + "_d" + t[:4], template=adb))
                 for t in ALEMBIC_FIRST_DOWN.get(tuple(targets), [])]

        run_retort(case, be, up, "upgrade", state + ":heads", tmp,
                   "retort's upgrade %s:heads passes its guard and runs"
                   % state)
        rows = be.rows(up)
        case.check(rows == HEADS, "it leaves the heads %s"
                   % rows_text(HEADS), "observed " + rows_text(rows))
        cur, ev = alembic_current(be, up)
        case.check(cur == HEADS, "alembic current reads the heads", ev)
        s = be.schema(up)
        case.check(s == fx.heads_schema,
                   "the schema is what Alembic alone makes at the heads",
                   schema_diff(s, fx.heads_schema, "Alembic+retort",
                               "Alembic alone"))

        run_retort(case, be, down, "downgrade", state + ":base", tmp,
                   "retort's downgrade %s:base passes its guard and runs"
                   % state)
        rows = be.rows(down)
        s = be.schema(down)
        case.check(not rows and not s, "it leaves no version row and no "
                   "table", "rows: %s\nschema: %s" % (rows_text(rows),
                                                       sorted(s)))
        for t, db in extra:
            rng = "%s:%s" % (state, t)
            run_retort(case, be, db, "downgrade", rng, tmp)
            rc, out, cmd = alembic(be, adb, "downgrade", t)
            case.must(rc == 0, "Alembic's own downgrade %s" % t,
                      "$ %s\n%s" % (cmd, out))
            rrows, arows = be.rows(db), be.rows(adb)
            case.check(rrows == arows, "retort's downgrade %s leaves "
                       "the rows Alembic's own leaves, %s"
                       % (rng, rows_text(arows)),
                       "retort: %s\nAlembic: %s" % (rows_text(rrows),
                                                    rows_text(arows)))
            rs, as_ = be.schema(db), be.schema(adb)
            case.check(rs == as_, "and the same schema",
                       schema_diff(rs, as_, "retort's", "Alembic's"))
            rc, out, cmd = alembic(be, adb, "upgrade", "heads")
            case.must(rc == 0, "Alembic back to heads", "$ %s\n%s"
                      % (cmd, out))

        # A FROM that is not the state: the guard stops the script.
        other = B if targets == [A] else A
        rng = "%s:heads" % other
        rc, path, ev = retort_sql(be, "upgrade", rng, tmp)
        case.must(rc == 0, "retort upgrade %s compiles" % rng, ev)
        before = be.schema(wrong)
        rc, out, shown_cmd = be.run_script(wrong, path)
        after_rows = be.rows(wrong)
        # (MySQL's guard says it in the constraint's name: 64
        # characters hold no list of revisions, the comment above does)
        case.check(rc != 0 and ("retort: this script expects" in out or
                                "retort: the version table is not as the "
                                "comment above says" in out)
                   and after_rows == base_rows
                   and be.schema(wrong) == before,
                   "retort's upgrade %s stops at its guard on this "
                   "state, changing nothing" % rng,
                   "$ %s\nexit %d\n%s\nrows after: %s"
                   % (shown_cmd, rc, out, rows_text(after_rows)))
    except Failed:
        pass
    except Exception as e:  # noqa
        case.check(False, "unexpected error", "%s: %s"
                   % (type(e).__name__, e))
    return case


def env_offline_matches_reference():
    """The Alembic project here is the reference's: offline, its env.py
    writes Alembic's reference output (tests/alembic-reference/, the
    PostgreSQL and MySQL files) byte for byte."""
    case = Case("alembic_branched")
    for name, args in (("pg__up_base-heads.sql", ["upgrade", "base:heads"]),
                       ("pg__down_D-base.sql", ["downgrade", D + ":base"]),
                       ("pg__stamp_heads.sql", ["stamp", "heads"]),
                       ("mysql__up_base-heads.sql",
                        ["upgrade", "base:heads"]),
                       ("mysql__down_D-base.sql",
                        ["downgrade", D + ":base"])):
        path = os.path.join(ROOT, "tests", "alembic-reference", name)
        dialect = "mysql" if name.startswith("mysql") else "postgresql"
        cmd = [PYTHON, "-m", "alembic", "-c", ALEMBIC_INI, "-x",
               "dialect=" + dialect] + args + ["--sql"]
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, PYTHONHASHSEED="0",
                                    PYTHONDONTWRITEBYTECODE="1"))
        try:
            with open(path) as f:
                want = f.read()
        except OSError as e:
            want = str(e)
        case.check(p.returncode == 0 and p.stdout == want,
                   "env.py offline writes %s byte for byte"
                   % os.path.relpath(path, ROOT),
                   "$ PYTHONHASHSEED=0 %s\n%s" % (shown(cmd), p.stderr))
    return case


# ---------------------------------------------------------------------------

def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    os.environ["LC_ALL"] = "C"
    tmp = tempfile.mkdtemp(prefix="retort-interop-db-")
    os.chmod(tmp, 0o755)      # psql may run as another user
    results = []
    pg = my = None
    try:
        results.append(env_offline_matches_reference())
        backends = [SQLite(tmp)]
        try:
            pg = PostgreSQL(tmp)
            pg.start()
            backends.append(pg)
        except Exception as e:  # noqa: no PostgreSQL is a failure
            c = Case("postgresql")
            c.check(False, "a throwaway PostgreSQL cluster starts",
                    "%s: %s" % (type(e).__name__, e))
            results.append(c)
        try:
            my = MariaDB(tmp)
            my.start()
            backends.append(my)
        except Exception as e:  # noqa: no MariaDB is a failure
            c = Case("mysql")
            c.check(False, "a throwaway MariaDB server starts",
                    "%s: %s" % (type(e).__name__, e))
            results.append(c)
        # Each story has databases of its own, so they run side by side;
        # most of the time goes to starting Python for each alembic.
        pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(2, min(6, (os.cpu_count() or 2) * 2)))
        try:
            fixtures = list(pool.map(lambda be: Fixtures(be, tmp),
                                     backends))
            jobs = []
            for fx in fixtures:
                results.append(fx.case)
                if not fx.ok:
                    continue
                for r in RETORT_FIRST:
                    # The transaction options change no MySQL script.
                    if r[2] and not fx.be.transactional:
                        continue
                    jobs.append(pool.submit(retort_first, fx, *r))
                for targets in ALEMBIC_FIRST:
                    jobs.append(pool.submit(alembic_first, fx, targets))
            results += [j.result() for j in jobs]
        finally:
            # On a signal, do not wait for the queued stories.
            pool.shutdown(wait=False, cancel_futures=True)
    finally:
        if pg is not None:
            pg.stop()
        if my is not None:
            my.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    passed = failed = 0
    for c in results:
        for line in c.lines:
            print(line)
        passed += c.passed
        failed += c.failed
    print("interop db: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
