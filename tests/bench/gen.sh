#!/bin/sh
# gen.sh SHAPE N DIR [ALEMBIC_DIR]: a generated project of N revisions in
# DIR/versions, one .mig file each, for `make bench`; with ALEMBIC_DIR,
# the same migrations as an Alembic project there (alembic.ini, env.py,
# script.py.mako and one .py per revision, offline only).
#
# The first revision creates 50 tables t0..t49; every other revision but
# a merge does three realistic operations, in turn:
#   A  add a NOT NULL column with a default, index it, insert a row
#   B  create a table with a foreign key, index it, add a unique constraint
#   C  add a timestamp column defaulting to now, index it descending,
#      insert two rows
# and its down block undoes them (a raw DELETE for the inserted rows).
# Merges are empty, as Alembic writes them.
#
# SHAPE is the graph:
#   linear  each revision depends on the one before
#   branchy blocks of 50: two parallel lines of 24 and 25 revisions from
#           the block's base, then a merge of both (the next block's
#           base); created times interleave the lines
#   many    1,000 parallel branches from the first revision, each of
#           (N - 1000) / 1000 revisions, created in turn, then joined
#           by 999 merges in a balanced tree (N a multiple of 1000, at
#           least 2000)
# Plain POSIX sh and awk (mawk, gawk and busybox give the same files).
set -eu
shape=$1
n=$2
dir=$3
alembic=${4:-}
case $shape in
linear|branchy|many) ;;
*) echo "gen.sh: unknown shape '$shape'" >&2; exit 2 ;;
esac
rm -rf "$dir"
mkdir -p "$dir/versions"
if [ -n "$alembic" ]; then
	rm -rf "$alembic"
	mkdir -p "$alembic/versions"
	cat >"$alembic/alembic.ini" <<'EOF'
[alembic]
script_location = %(here)s
EOF
	cat >"$alembic/env.py" <<'EOF'
"""env.py: offline only (upgrade --sql), for the dialect given with
-x dialect=NAME (default postgresql)."""
from alembic import context

xargs = context.get_x_argument(as_dictionary=True)
context.configure(dialect_name=xargs.get("dialect", "postgresql"),
                  literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
EOF
	cat >"$alembic/script.py.mako" <<'EOF'
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
EOF
fi

awk -v shape="$shape" -v n="$n" -v dir="$dir/versions" \
    -v adir="${alembic:+$alembic/versions}" '
function id(i) {
	return sprintf("%06x%06x", (i * 7919) % 16777216,
		       (i * 104729 + 12345) % 16777216)
}
# "2024-MM-DD HH:MM:SS" for s seconds after 2024-01-01 (s < 28 days).
function stamp(s) {
	return sprintf("2024-01-%02d %02d:%02d:%02d", 1 + int(s / 86400),
		       int(s % 86400 / 3600), int(s % 3600 / 60), s % 60)
}
function add(p1, p2, tm, tab) {
	par1[nr] = p1
	par2[nr] = p2
	tim[nr] = tm
	tbl[nr] = tab
	return nr++
}
function linear(i) {
	add(-1, -1, 0, 0)
	for (i = 1; i < n; i++)
		add(i - 1, -1, i, i % 50)
}
# Blocks of 50 after the first revision: line A (k = 0..23), line B
# (k = 24..48), the merge (k = 49); the last revision merges too.
function branchy(i, k, blk, base, la, lb) {
	add(-1, -1, 0, 0)
	base = 0
	for (i = 1; i < n; i++) {
		k = (i - 1) % 50
		blk = int((i - 1) / 50)
		if (k == 0)
			la = lb = base
		if (k == 49 || (i == n - 1 && k >= 25)) {
			base = add(la, lb, blk * 100 + 99, 0)
		} else if (k < 24) {
			la = add(la, -1, blk * 100 + 2 * k + 1, k % 25)
		} else {
			lb = add(lb, -1, blk * 100 + 2 * (k - 24) + 2, 25 + (k - 24) % 25)
		}
	}
}
function many(nb, len, p, j, m, t, cur, nxt, nc, nn) {
	nb = 1000
	len = int((n - nb) / nb)
	add(-1, -1, 0, 0)
	for (j = 0; j < nb; j++)
		cur[j] = 0
	for (p = 0; p < len; p++)
		for (j = 0; j < nb; j++)
			cur[j] = add(cur[j], -1, nr, j % 50)
	nc = nb
	t = nr
	while (nc > 1) {
		nn = 0
		for (m = 0; m + 1 < nc; m += 2)
			nxt[nn++] = add(cur[m], cur[m + 1], t++, 0)
		if (m < nc)
			nxt[nn++] = cur[m]
		for (m = 0; m < nn; m++)
			cur[m] = nxt[m]
		nc = nn
	}
}
function q(s) { return sprintf("%c%s%c", 39, s, 39) }
function mig_ops(i, t, f) {
	if (i % 3 == 0) {
		printf "up {\n" \
		    "    alter table %s add column c%d varchar(40) not null default %s;\n" \
		    "    create index ix_c%d on %s (c%d);\n" \
		    "    insert into %s (id, name) values (%d, %s);\n}\n\n", \
		    t, i, q("v"), i, t, i, t, i, q("row " i) > f
		printf "down {\n" \
		    "    sql $$delete from %s where id = %d$$;\n" \
		    "    drop index ix_c%d;\n" \
		    "    alter table %s drop column c%d;\n}\n", \
		    t, i, i, t, i > f
	} else if (i % 3 == 1) {
		printf "up {\n" \
		    "    create table n%d (\n" \
		    "        id integer primary key,\n" \
		    "        ref integer not null references %s (id),\n" \
		    "        label varchar(50),\n" \
		    "        amount numeric(10, 2) default 0\n    );\n" \
		    "    create index ix_n%d_ref on n%d (ref);\n" \
		    "    alter table n%d add constraint uq_n%d_label unique (label);\n}\n\n", \
		    i, t, i, i, i, i > f
		printf "down {\n" \
		    "    alter table n%d drop constraint uq_n%d_label;\n" \
		    "    drop index ix_n%d_ref;\n" \
		    "    drop table n%d;\n}\n", i, i, i, i > f
	} else {
		printf "up {\n" \
		    "    alter table %s add column d%d timestamp default current_timestamp;\n" \
		    "    create index ix_d%d on %s (d%d desc);\n" \
		    "    insert into %s (id, name) values (%d, %s), (%d, %s);\n}\n\n", \
		    t, i, i, t, i, t, i, q("row " i), i + 10000000, q("row " i "b") > f
		printf "down {\n" \
		    "    sql $$delete from %s where id in (%d, %d)$$;\n" \
		    "    drop index ix_d%d;\n" \
		    "    alter table %s drop column d%d;\n}\n", \
		    t, i, i + 10000000, i, t, i > f
	}
}
function mig(i, f, k) {
	f = sprintf("%s/%07d_%s.mig", dir, i, id(i))
	printf "revision %s\nmessage %s\n", id(i), \
	    q(par2[i] >= 0 ? "merge" : i ? "step " i : "tables") > f
	if (par1[i] >= 0)
		printf "depends %s%s\n", id(par1[i]), \
		    (par2[i] >= 0 ? ", " id(par2[i]) : "") > f
	printf "created %s\n\n", q(stamp(tim[i])) > f
	if (i == 0) {
		printf "up {\n" > f
		for (k = 0; k < 50; k++)
			printf "    create table t%d (id integer primary key, " \
			    "name varchar(100), created_at timestamp default " \
			    "current_timestamp);\n", k > f
		printf "}\n\ndown {\n" > f
		for (k = 49; k >= 0; k--)
			printf "    drop table t%d;\n", k > f
		printf "}\n" > f
	} else if (par2[i] >= 0) {
		printf "up {\n}\n\ndown {\n}\n" > f
	} else {
		mig_ops(i, "t" tbl[i], f)
	}
	close(f)
}
function py_ops(i, t, f, row) {
	row = "sa.table(" q(t) ", sa.column(" q("id") ", sa.Integer), " \
	    "sa.column(" q("name") ", sa.String))"
	if (i % 3 == 0) {
		printf "def upgrade():\n" \
		    "    op.add_column(%s, sa.Column(%s, sa.String(40), nullable=False, server_default=%s))\n" \
		    "    op.create_index(%s, %s, [%s])\n" \
		    "    op.bulk_insert(%s, [{%s: %d, %s: %s}])\n\n\n", \
		    q(t), q("c" i), q("v"), q("ix_c" i), q(t), q("c" i), \
		    row, q("id"), i, q("name"), q("row " i) > f
		printf "def downgrade():\n" \
		    "    op.execute(%s)\n" \
		    "    op.drop_index(%s, table_name=%s)\n" \
		    "    op.drop_column(%s, %s)\n", \
		    q("delete from " t " where id = " i), q("ix_c" i), q(t), \
		    q(t), q("c" i) > f
	} else if (i % 3 == 1) {
		printf "def upgrade():\n" \
		    "    op.create_table(%s,\n" \
		    "        sa.Column(%s, sa.Integer, primary_key=True),\n" \
		    "        sa.Column(%s, sa.Integer, sa.ForeignKey(%s), nullable=False),\n" \
		    "        sa.Column(%s, sa.String(50)),\n" \
		    "        sa.Column(%s, sa.Numeric(10, 2), server_default=%s))\n" \
		    "    op.create_index(%s, %s, [%s])\n" \
		    "    op.create_unique_constraint(%s, %s, [%s])\n\n\n", \
		    q("n" i), q("id"), q("ref"), q(t ".id"), q("label"), \
		    q("amount"), q("0"), q("ix_n" i "_ref"), q("n" i), q("ref"), \
		    q("uq_n" i "_label"), q("n" i), q("label") > f
		printf "def downgrade():\n" \
		    "    op.drop_constraint(%s, %s, type_=%s)\n" \
		    "    op.drop_index(%s, table_name=%s)\n" \
		    "    op.drop_table(%s)\n", \
		    q("uq_n" i "_label"), q("n" i), q("unique"), \
		    q("ix_n" i "_ref"), q("n" i), q("n" i) > f
	} else {
		printf "def upgrade():\n" \
		    "    op.add_column(%s, sa.Column(%s, sa.DateTime, server_default=sa.text(%s)))\n" \
		    "    op.create_index(%s, %s, [sa.text(%s)])\n" \
		    "    op.bulk_insert(%s, [{%s: %d, %s: %s}, {%s: %d, %s: %s}])\n\n\n", \
		    q(t), q("d" i), q("CURRENT_TIMESTAMP"), q("ix_d" i), q(t), \
		    q("d" i " DESC"), row, q("id"), i, q("name"), q("row " i), \
		    q("id"), i + 10000000, q("name"), q("row " i "b") > f
		printf "def downgrade():\n" \
		    "    op.execute(%s)\n" \
		    "    op.drop_index(%s, table_name=%s)\n" \
		    "    op.drop_column(%s, %s)\n", \
		    q("delete from " t " where id in (" i ", " (i + 10000000) ")"), \
		    q("ix_d" i), q(t), q(t), q("d" i) > f
	}
}
function py(i, f, k, down) {
	f = sprintf("%s/%s_r%d.py", adir, id(i), i)
	down = par1[i] < 0 ? "None" : par2[i] < 0 ? q(id(par1[i])) : \
	    "(" q(id(par1[i])) ", " q(id(par2[i])) ")"
	printf "\"\"\"%s\n\nRevision ID: %s\nCreate Date: %s\n\n\"\"\"\n" \
	    "from alembic import op\nimport sqlalchemy as sa\n\n" \
	    "revision = %s\ndown_revision = %s\nbranch_labels = None\n" \
	    "depends_on = None\n\n\n", \
	    (par2[i] >= 0 ? "merge" : i ? "step " i : "tables"), id(i), \
	    stamp(tim[i]), q(id(i)), down > f
	if (i == 0) {
		printf "def upgrade():\n" > f
		for (k = 0; k < 50; k++)
			printf "    op.create_table(%s, sa.Column(%s, sa.Integer, " \
			    "primary_key=True), sa.Column(%s, sa.String(100)), " \
			    "sa.Column(%s, sa.DateTime, server_default=sa.text(%s)))\n", \
			    q("t" k), q("id"), q("name"), q("created_at"), \
			    q("CURRENT_TIMESTAMP") > f
		printf "\n\ndef downgrade():\n" > f
		for (k = 49; k >= 0; k--)
			printf "    op.drop_table(%s)\n", q("t" k) > f
	} else if (par2[i] >= 0) {
		printf "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n" > f
	} else {
		py_ops(i, "t" tbl[i], f)
	}
	close(f)
}
BEGIN {
	nr = 0
	if (shape == "linear")
		linear()
	else if (shape == "branchy")
		branchy()
	else
		many()
	for (i = 0; i < nr; i++) {
		mig(i)
		if (adir != "")
			py(i)
	}
}'
