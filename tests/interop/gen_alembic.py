#!/usr/bin/python3
"""tests/interop/gen_alembic.py: random Alembic projects, as a team's
autogenerate-and-edit history looks (SQLite-ready: alterations inside
`with op.batch_alter_table(...)`), for `retort import alembic` to take
and Alembic itself to run as the oracle (tests/interop/import_alembic.py).

A model of the schema is kept while the revisions are drawn, so every
operation is valid where it runs, on SQLite and on PostgreSQL, with rows
in the tables, and every downgrade() undoes its upgrade().  Usage as a
program: gen_alembic.py SEED N DIR writes DIR/alembic.ini, DIR/env.py
and N revisions in DIR/versions.
"""
import os
import random
import sys

TYPES = [
    ("sa.Integer()", "int"),
    ("sa.BigInteger()", "int"),
    ("sa.SmallInteger()", "int"),
    ("sa.String(length=%d)", "str"),
    ("sa.Unicode(length=%d)", "str"),
    ("sa.Text()", "str"),
    ("sa.Boolean()", "bool"),
    ("sa.DateTime()", "dt"),
    ("sa.DateTime(timezone=True)", "dt"),
    ("sa.Date()", "date"),
    ("sa.Time()", "time"),
    ("sa.Numeric(precision=10, scale=2)", "num"),
    ("sa.CHAR(length=3)", "char"),
]

ENV_PY = '''"""env.py of a generated project: online against -x url=URL."""
from alembic import context, op
from sqlalchemy import create_engine, pool

url = context.get_x_argument(as_dictionary=True)["url"]


def sqlite_alter_column_in_batch():
    def alter_column(table_name, column_name, schema=None, **kw):
        with op.batch_alter_table(table_name, schema=schema) as batch:
            batch.alter_column(column_name, **kw)
    op.alter_column = alter_column


engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        sqlite_alter_column_in_batch()
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
'''


class Col:
    def __init__(self, name, typ, kind, nullable=True, default=None,
                 length=None):
        self.name, self.typ, self.kind = name, typ, kind
        self.nullable, self.default, self.length = nullable, default, length

    def sa(self):
        if "%d" in self.typ:
            return self.typ % self.length
        return self.typ

    def column(self, extra=""):
        out = "sa.Column(%r, %s" % (self.name, self.sa())
        out += extra
        if self.default is not None:
            out += ", server_default=%s" % self.default
        out += ", nullable=%s)" % self.nullable
        return out


class Table:
    def __init__(self, name, branch):
        self.name = name
        self.branch = branch    # "main", "side", or "" (seen by both)
        self.cols = []          # Col, the first is the integer key "id"
        self.fks = {}           # constraint name -> (col, table)
        self.uniques = {}       # name -> [cols]
        self.checks = {}        # name -> sql
        self.indexes = {}       # name -> (col, unique)
        self.rows = 0

    def col(self, name):
        return next(c for c in self.cols if c.name == name)

    def used(self):
        """Columns in a key, index or constraint."""
        s = {"id"}
        for col, _ in self.fks.values():
            s.add(col)
        for cols in self.uniques.values():
            s.update(cols)
        for col, _ in self.indexes.values():
            s.add(col)
        for name in self.checks:
            s.add(name.split("_", 2)[2])
        return s


def value(c, i):
    """A literal for row i of column c (unique per row, never NULL)."""
    return {
        "int": str(i), "str": repr("v%d" % i), "bool": "True",
        "dt": repr("2024-01-%02d 10:00:00" % (i % 28 + 1)),
        "date": repr("2024-02-%02d" % (i % 28 + 1)),
        "time": repr("10:%02d:00" % (i % 60)),
        "num": "%d.5" % i, "char": repr("c%02d" % (i % 100)),
    }[c.kind]


DEFAULTS = {
    "int": ["sa.text('0')", "'7'"], "str": ["'none'", "sa.text(\"'x'\")"],
    "bool": ["sa.false()", "sa.true()"],
    "dt": ["sa.func.now()", "sa.text('CURRENT_TIMESTAMP')"],
    "date": [None], "time": [None], "num": ["sa.text('0')"],
    "char": ["'abc'"],
}


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.tables = {}
        self.n = 0
        self.branch = ""        # the branch being written

    def name(self, prefix):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    def new_col(self, nullable=True, default_ok=True):
        typ, kind = self.rng.choice(TYPES)
        c = Col(self.name("c"), typ, kind, nullable,
                length=self.rng.choice([20, 40, 100]))
        d = self.rng.choice(DEFAULTS[kind])
        if default_ok and d and self.rng.random() < 0.3:
            c.default = d
        return c

    def mine(self):
        """The tables this branch may touch: its own and the common
        ones (the other branch's may not exist yet where this runs)."""
        return [t for t in self.tables.values()
                if t.branch in ("", self.branch)]

    def referable(self, exclude=None):
        return [t for t in self.mine() if t.name != exclude]

    # Each op returns (upgrade lines, downgrade lines) and updates the
    # model; the downgrade lines run in reverse order of the ops.

    def create_table(self):
        t = Table(self.name("t"), self.branch)
        t.cols.append(Col("id", "sa.Integer()", "int", False))
        for _ in range(self.rng.randint(1, 4)):
            t.cols.append(self.new_col(self.rng.random() < 0.6))
        lines = ["    op.create_table(", "        %r," % t.name]
        for c in t.cols:
            extra = ""
            # Column(index=True): SQLAlchemy's ix_<table>_<column>.
            if c.name != "id" and self.rng.random() < 0.15:
                extra = ", index=True"
                t.indexes["ix_%s_%s" % (t.name, c.name)] = (c.name, False)
            lines.append("        %s," % c.column(extra))
        refs = self.referable()
        if refs and self.rng.random() < 0.4:
            ref = self.rng.choice(refs)
            c = Col(self.name("ref"), "sa.Integer()", "int", True)
            t.cols.append(c)
            fk = "fk_%s_%s" % (t.name, c.name)
            ondelete = self.rng.choice(["CASCADE", "SET NULL"])
            if self.rng.random() < 0.5:
                lines.append("        %s," % c.column(
                    ", sa.ForeignKey('%s.id', name=%r, ondelete=%r)" %
                    (ref.name, fk, ondelete)))
            else:
                lines.append("        %s," % c.column())
                lines.append("        sa.ForeignKeyConstraint([%r], "
                             "['%s.id'], name=%r, ondelete=%r)," %
                             (c.name, ref.name, fk, ondelete))
            t.fks[fk] = (c.name, ref.name)
        keys = [c for c in t.cols[1:] if c.kind in ("int", "str")
                and not c.default]
        if keys and self.rng.random() < 0.3:
            u = keys[0]
            uq = "uq_%s_%s" % (t.name, u.name)
            lines.append("        sa.UniqueConstraint(%r, name=%r)," %
                         (u.name, uq))
            t.uniques[uq] = [u.name]
        lines.append("        sa.PrimaryKeyConstraint('id'),")
        lines.append("    )")
        down = []
        plain = [c for c in t.cols[1:] if c.name not in t.used()]
        if plain and self.rng.random() < 0.4:
            c = self.rng.choice(plain)
            ix = "ix_%s_%s" % (t.name, c.name)
            lines.append("    op.create_index(op.f(%r), %r, [%r], "
                         "unique=False)" % (ix, t.name, c.name))
            down.append("    op.drop_index(op.f(%r), table_name=%r)" %
                        (ix, t.name))
            t.indexes[ix] = (c.name, False)
        down.append("    op.drop_table(%r)" % t.name)
        self.tables[t.name] = t
        return lines, down

    def bulk_insert(self, t):
        cols = [c for c in t.cols if c.name not in
                {col for col, _ in t.fks.values()}]
        lines = ["    %s_table = sa.table(%r, %s)" % (
            t.name, t.name, ", ".join(
                # Dates as text: SQLite's DateTime takes only datetime
                # objects, and a script's literals are strings.
                "sa.column(%r, %s)" % (c.name, "sa.String()" if c.kind in
                                       ("dt", "date", "time") else c.sa())
                for c in cols)),
                 "    op.bulk_insert(%s_table, [" % t.name]
        rows = []
        for _ in range(self.rng.randint(1, 3)):
            t.rows += 1
            rows.append("        {%s}," % ", ".join(
                "%r: %s" % (c.name, value(c, t.rows) if c.name != "id"
                            else str(t.rows)) for c in cols))
        lines += rows + ["    ])"]
        down = ["    op.execute(\"DELETE FROM %s WHERE id > %d\")" %
                (t.name, t.rows - len(rows))]
        return lines, down, len(rows)

    def batch(self, t, body, undo):
        return (["    with op.batch_alter_table(%r, schema=None) as "
                 "batch_op:" % t.name] + ["        " + x for x in body],
                ["    with op.batch_alter_table(%r, schema=None) as "
                 "batch_op:" % t.name] + ["        " + x for x in undo])

    def alter(self, t):
        free = [c for c in t.cols if c.name not in t.used()]
        # A column dropped must come back in downgrade(), rows and all.
        droppable = [c for c in free if c.nullable or
                     (c.default and c.kind not in ("dt", "date", "time"))]
        # Rows added before a column was share its default: no key.
        keyable = [c for c in free if c.kind == "int" and not c.default]
        choices = ["add"]
        if droppable:
            choices += ["drop"]
        if free:
            choices += ["rename", "default", "index"]
            if t.rows == 0:
                choices += ["notnull"]
            if [c for c in free if c.kind == "str" and "%d" in c.typ]:
                choices += ["widen"]
            if keyable:
                choices += ["check", "unique"]
        if self.referable(t.name):
            choices += ["fk"]
        what = self.rng.choice(choices)
        c = self.rng.choice(free) if free else None
        if what == "add":
            n = self.new_col(True)
            constant = n.kind not in ("dt", "date", "time")
            if constant and self.rng.random() < 0.3:
                n.nullable = False
                n.default = DEFAULTS[n.kind][0]
            t.cols.append(n)
            # SQLite adds no column with a default that is no constant.
            if (constant or n.default is None) and self.rng.random() < 0.5:
                return (["    op.add_column(%r, %s)" % (t.name, n.column())],
                        ["    op.drop_column(%r, %r)" % (t.name, n.name)])
            return self.batch(t, ["batch_op.add_column(%s)" % n.column()],
                              ["batch_op.drop_column(%r)" % n.name])
        if what == "drop":
            c = self.rng.choice(droppable)
            t.cols.remove(c)
            constant = c.default is None or c.kind not in ("dt", "date",
                                                           "time")
            if self.rng.random() < 0.5 or not constant:
                return self.batch(t, ["batch_op.drop_column(%r)" % c.name],
                                  ["batch_op.add_column(%s)" % c.column()])
            return (["    op.drop_column(%r, %r)" % (t.name, c.name)],
                    ["    op.add_column(%r, %s)" % (t.name, c.column())])
        if what == "rename":
            new = self.name("r")
            old = c.name
            c.name = new
            return self.batch(
                t, ["batch_op.alter_column(%r, new_column_name=%r)" %
                    (old, new)],
                ["batch_op.alter_column(%r, new_column_name=%r)" %
                 (new, old)])
        if what == "default":
            d = DEFAULTS[c.kind][0]
            if d is None:
                d = "'2024-01-01'" if c.kind == "date" else "'10:00:00'"
            old = c.default
            c.default = d
            return self.batch(
                t, ["batch_op.alter_column(%r, existing_type=%s, "
                    "server_default=%s)" % (c.name, c.sa(), d)],
                ["batch_op.alter_column(%r, existing_type=%s, "
                 "server_default=%s)" % (c.name, c.sa(), old)])
        if what == "notnull":
            was = c.nullable
            c.nullable = not was
            return (["    op.alter_column(%r, %r, existing_type=%s, "
                     "nullable=%s)" % (t.name, c.name, c.sa(), c.nullable)],
                    ["    op.alter_column(%r, %r, existing_type=%s, "
                     "nullable=%s)" % (t.name, c.name, c.sa(), was)])
        if what == "widen":
            c = self.rng.choice([x for x in free if x.kind == "str" and
                                 "%d" in x.typ])
            old = c.sa()
            c.length += 50
            return self.batch(
                t, ["batch_op.alter_column(%r, existing_type=%s, type_=%s)"
                    % (c.name, old, c.sa())],
                ["batch_op.alter_column(%r, existing_type=%s, type_=%s)"
                 % (c.name, c.sa(), old)])
        if what == "index":
            ix = "ix_%s_%s" % (t.name, c.name)
            t.indexes[ix] = (c.name, False)
            return (["    op.create_index(op.f(%r), %r, [%r], unique=False)"
                     % (ix, t.name, c.name)],
                    ["    op.drop_index(op.f(%r), table_name=%r)" %
                     (ix, t.name)])
        if what == "check":
            c = self.rng.choice(keyable)
            ck = "ck_%s_%s" % (t.name, c.name)
            t.checks[ck] = "%s >= 0" % c.name
            return self.batch(
                t, ["batch_op.create_check_constraint(%r, %r)" %
                    (ck, "%s >= 0" % c.name)],
                ["batch_op.drop_constraint(%r, type_='check')" % ck])
        if what == "unique":
            c = self.rng.choice(keyable)
            uq = "uq_%s_%s" % (t.name, c.name)
            t.uniques[uq] = [c.name]
            return self.batch(
                t, ["batch_op.create_unique_constraint(%r, [%r])" %
                    (uq, c.name)],
                ["batch_op.drop_constraint(%r, type_='unique')" % uq])
        ref = self.rng.choice(self.referable(t.name))
        n = Col(self.name("ref"), "sa.Integer()", "int", True)
        t.cols.append(n)
        fk = "fk_%s_%s" % (t.name, n.name)
        t.fks[fk] = (n.name, ref.name)
        return self.batch(
            t, ["batch_op.add_column(%s)" % n.column(),
                "batch_op.create_foreign_key(%r, %r, [%r], ['id'])" %
                (fk, ref.name, n.name)],
            ["batch_op.drop_constraint(%r, type_='foreignkey')" % fk,
             "batch_op.drop_column(%r)" % n.name])

    def rename_table(self, t):
        new = self.name("t")
        old = t.name
        del self.tables[old]
        t.name = new
        self.tables[new] = t
        for other in self.tables.values():
            other.fks = {k: (c, new if r == old else r)
                         for k, (c, r) in other.fks.items()}
        return (["    op.rename_table(%r, %r)" % (old, new)],
                ["    op.rename_table(%r, %r)" % (new, old)])

    def revision_ops(self, branch):
        """One revision's ops on branch: (upgrade lines, downgrade
        lines)."""
        up, down = [], []
        self.branch = branch
        for _ in range(self.rng.randint(1, 3)):
            mine = self.mine()
            roll = self.rng.random()
            if not mine or roll < 0.2:
                u, d = self.create_table()
            elif roll < 0.24:
                u, d = self.rename_table(self.rng.choice(mine))
            elif roll < 0.3:
                u, d, _ = self.bulk_insert(self.rng.choice(mine))
            elif roll < 0.35:
                t = self.rng.choice(mine)
                u = ["    op.execute(\"UPDATE %s SET id = id\")" % t.name]
                d = ["    pass"]
            else:
                u, d = self.alter(self.rng.choice(mine))
            up += u
            down = d + down
        return up, down


def script(rid, parents, labels, msg, up, down, created):
    revises = ", ".join(parents)
    dr = "None" if not parents else repr(parents[0]) if len(parents) == 1 \
        else "(%s)" % ", ".join(repr(p) for p in parents)
    return '''"""%s

Revision ID: %s
Revises: %s
Create Date: %s

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = %r
down_revision = %s
branch_labels = %s
depends_on = None


def upgrade() -> None:
%s


def downgrade() -> None:
%s
''' % (msg, rid, revises, created, rid, dr,
       repr(tuple(labels)) if labels else "None",
       "\n".join(up) or "    pass", "\n".join(down) or "    pass")


def generate(seed, n, d):
    """n revisions into project directory d: a main line, and a labelled
    side branch from a third of the way that a merge joins again."""
    rng = random.Random(seed)
    g = Gen(rng)
    os.makedirs(os.path.join(d, "versions"))
    with open(os.path.join(d, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s\n")
    with open(os.path.join(d, "env.py"), "w") as f:
        f.write(ENV_PY)
    head, side, side_left = None, None, max(2, n // 10)
    for i in range(1, n + 1):
        rid = "%04x%08x" % (i, rng.getrandbits(32))
        created = "2024-%02d-%02d %02d:00:00.000000" % (
            1 + i // 280 % 12, 1 + i // 10 % 28, i % 10)
        labels, branch, msg = [], "main", "step %d" % i
        if i == n // 3:
            parents, labels, branch = [head], ["side"], "side"
            msg = "side branch root"
        elif side and side_left > 0 and rng.random() < 0.5:
            parents, branch, msg = [side], "side", "side step %d" % i
            side_left -= 1
        elif side and side_left <= 0:
            parents, msg = [head, side], "merge the side branch"
        else:
            parents = [head] if head else []
        if len(parents) == 2:
            up, down = [], []
            for t in g.tables.values():
                t.branch = ""
            side = None
        else:
            up, down = g.revision_ops(branch)
        with open(os.path.join(d, "versions", "%s_%s.py" % (
                rid, msg.replace(" ", "_"))), "w") as f:
            f.write(script(rid, parents, labels, msg, up, down, created))
        if branch == "side":
            side = rid
        else:
            head = rid


if __name__ == "__main__":
    generate(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
