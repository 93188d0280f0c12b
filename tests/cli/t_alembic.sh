#!/bin/sh
# t_alembic.sh: what issue 12 added for Alembic projects as they are: a
# redundant dependency is a warning (an error under --strict) and the
# version table leaves it out; branches kept apart (retort.ini's heads);
# Alembic's history for a revision without a message.
. "$TESTS/lib.sh"

# --- a redundant dependency: a warning, and the SQL leaves it out
mkdir red && cd red || exit 1
mig versions/a.mig "revision a
up { create table t (x integer); }
down { drop table t; }"
mig versions/b.mig "revision b
depends a
up { }
down { }"
mig versions/m.mig "revision m
depends a, b
up { }
down { }"
run_retort check
expect_rc 0 "a redundant merge parent is only a warning"
expect_err_has 'versions/m.mig:2:9: warning: dependency "a" is redundant: it is already an ancestor of "b"' \
    "the warning names both revisions at the dependency"
expect_err_has "note: Alembic keeps it, and a downgrade of \"m\" leaves \"a\" in alembic_version beside its descendant \"b\"; retort leaves it out" \
    "its note says what Alembic does and what retort does"
run_retort check --strict
expect_rc 1 "check --strict fails on it"
run_retort downgrade m:b -d sqlite
expect_rc 0 "downgrade across it compiles"
if printf '%s\n' "$out" | grep -q "INSERT INTO alembic_version"; then
	notok "un-merging m inserts no row for the implied parent"
	printf '%s\n' "$out" | grep alembic_version | sed 's/^/#   /'
else
	ok "un-merging m inserts no row for the implied parent"
fi
expect_out_has "UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'm';" \
    "it moves m back to b alone"
cd "$T" || exit 1

# --- history for a revision without a message, beside Alembic's own
# (a script without a docstring: Alembic prints ", " and nothing more)
mkdir nomsg && cd nomsg || exit 1
mig versions/a.mig "revision a1
up { }
down { }"
mig versions/b.mig "revision b2
depends a1
message 'second'
up { }
down { }"
mkdir -p alembic/versions
printf '[alembic]\nscript_location = %%(here)s\n' >alembic/alembic.ini
printf "revision = 'a1'\ndown_revision = None\n" >alembic/versions/a1.py
printf '"""second\n\nRevision ID: b2\nRevises: a1\n"""\nrevision = %s\ndown_revision = %s\n' \
    "'b2'" "'a1'" >alembic/versions/b2.py
for v in "" -v; do
	run_retort history $v
	mine=$out
	theirs=$(cd alembic && /usr/bin/python3 -m alembic history $v 2>&1 |
	    sed 's#^Path: .*/versions/\(a1\|b2\)\.py$#Path: PATH#')
	mine=$(printf '%s\n' "$mine" | sed 's#^Path: .*#Path: PATH#')
	if [ "$mine" = "$theirs" ]; then
		ok "history $v: a revision without a message as Alembic prints it"
	else
		notok "history $v: a revision without a message as Alembic prints it"
		printf '%s\n' "$mine" >"$T/.mine"
		printf '%s\n' "$theirs" >"$T/.theirs"
		diff -u "$T/.theirs" "$T/.mine" | sed 's/^/#   /'
	fi
done
run_retort history
expect_out_has "<base> -> a1, " "the line ends in Alembic's ', '"
cd "$T" || exit 1

# --- branches kept apart on purpose: retort.ini's heads
mkdir apart && cd apart || exit 1
mig versions/k.mig "revision k
up { }
down { }"
mig versions/e1.mig "revision e1
depends k
label expand
up { }
down { }"
mig versions/c1.mig "revision c1
depends k
label contract
up { }
down { }"
run_retort check --strict
expect_rc 1 "two heads fail check --strict without heads ="
printf '[retort]\nheads = expand@head,\n    contract@head\n' >retort.ini
run_retort check --strict
expect_rc 0 "with the branches kept apart, check --strict passes"
if printf '%s\n' "$err" | grep -q merge; then
	notok "and no merge is advised"
else
	ok "and no merge is advised"
fi
run_retort revision -m "next"
expect_rc 2 "revision still asks which head"
expect_err_has "say which one the new revision follows with --head (expand@head or contract@head)" \
    "and names the branches instead of advising a merge"
run_retort revision -m "next" --head expand@head --rev-id e2
expect_rc 0 "revision --head expand@head follows that branch"
run_retort heads
expect_out_has "e2 (expand) (head)" "the new revision is the expand head"
run_retort merge -m "join"
expect_rc 2 "merge with no target refuses to join branches kept apart"
expect_err_has "the heads are on branches retort.ini keeps apart; name the revisions to merge them anyway" \
    "and says why"
mig versions/e3.mig "revision e3
depends e1
up { }
down { }"
run_retort check --strict
expect_rc 1 "a kept-apart branch with two heads fails check --strict"
expect_err_has 'retort.ini:2:9: warning: branch "expand" has 2 heads; a merge revision joins them' \
    "the warning points at the branch in retort.ini"
run_retort merge -m "join expand" --rev-id e4
expect_rc 0 "merge with no target joins the two heads of that branch"
run_retort show e4
expect_out_has "Merges: e3, e2" "and only them"
run_retort upgrade heads -d sqlite
expect_rc 0 "upgrade heads writes both branches"
printf '[retort]\nheads = expand@head, contrct@head, foo\n' >retort.ini
run_retort check
expect_rc 1 "a malformed heads entry is an error of retort.ini"
expect_err_has 'retort.ini:2:36: error: heads lists branches as LABEL@head, not "foo"' \
    "at its place"
printf '[retort]\nheads = expand@head, contrct@head\n' >retort.ini
run_retort check
expect_rc 0 "an unknown label in heads is a warning"
expect_err_has 'retort.ini:2:22: warning: no revision carries the label "contrct"' \
    "naming the label"
expect_err_has 'note: did you mean "contract"?' "with a did-you-mean"
expect_err_has "warning: the project has 2 heads, 1 of them on no branch that retort.ini keeps apart" \
    "and the head it leaves on no kept-apart branch is warned about"
cd "$T" || exit 1

# --- an Alembic versions/ directory read in place, beside Alembic itself:
# the forms of Python a revision script may use for what retort reads
mkdir forms && cd forms || exit 1
mkdir -p versions sub
printf '[alembic]\nscript_location = %%(here)s\nversion_locations = %%(here)s/versions %%(here)s/versions/more\n' >alembic.ini
printf 'from alembic import context\ncontext.configure(dialect_name="sqlite")\n' >env.py
cat >versions/a1_create_users.py <<'PY'
# -*- coding: utf-8 -*-
"""Create users

Revision ID: a1
Revises:
Create Date: 2024-01-01 10:00:00.123456+02:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'a1'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = ('core',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
    )
    if True:
        revision = 'not me'


def downgrade() -> None:
    op.drop_table("users")
PY
printf '%s\n' "r'''Raw \\docstring: \\n stays''' ; import os" \
    "revision = u'b' \"1\"; down_revision = ['a1']" \
    "depends_on = \\" "    ()" "x = {'a': [1, (2,)], **{}}" \
    'def upgrade(): pass' >versions/b1.tmp
printf '\357\273\277' | cat - versions/b1.tmp >versions/b1.py
rm versions/b1.tmp
printf '# vim: set fileencoding=latin-1 :\r\n"""Caf\351 \\xe9t\\u00e9\r\n\r\nsecond paragraph"""\r\nrevision = "c1"\r\ndown_revision = ("b1",)\r\nbranch_labels = "side"\r\n' >versions/c1.py
mkdir -p versions/more
printf '%s\n' '"""' '  Merge   ' '' '' '"""' "revision='m1'" \
    "down_revision=('c1','a1',)" "depends_on=('core',)" >versions/more/m1.py
printf 'this is no revision\n' >versions/README
printf '' >versions/__init__.py
run_retort --versions versions check
expect_rc 0 "check reads an Alembic versions/ directory in place"
expect_err_has "retort: 4 revisions in 4 files: 0 errors" "every script is a revision"
expect_err_has 'versions/more/m1.py:8:13: warning: "a1" is listed in both depends and requires' \
    "a label in depends_on is the revision that carries it, as Alembic reads it"
for cmd in "heads" "heads -v" "heads --resolve-dependencies" "branches" \
    "branches -v" "history" "history -v" "show m1" "show c1" "show core@head"; do
	run_retort --versions versions $cmd
	# retort's show adds its own lines after Alembic's block.
	sed '/^Children: /,$d' "$T/.out" >"$T/.mine"
	/usr/bin/python3 -m alembic $cmd >"$T/.theirs" 2>&1
	if /usr/bin/python3 "$TESTS/alembic_same.py" "$T/.mine" "$T/.theirs" \
	    >"$T/.diff"; then
		ok "$cmd on Alembic scripts: what Alembic prints"
	else
		notok "$cmd on Alembic scripts: what Alembic prints"
		sed 's/^/#   /' "$T/.diff"
	fi
done
run_retort --versions versions show a1
expect_out_has "upgrade() and downgrade(): Python, not read" \
    "show says the bodies are not read"
run_retort --versions versions upgrade heads -d sqlite
expect_rc 1 "upgrade refuses Alembic scripts read in place"
expect_err_has "retort: error: versions holds Alembic scripts, which retort reads for their graph only" \
    "and says why"
expect_err_has "note: \`retort import alembic versions\` writes them into a retort project" \
    "and what to do"
run_retort --versions versions revision -m x
expect_rc 1 "revision refuses them too"
cd "$T" || exit 1

# --- retort import alembic: what it writes, what it refuses
mkdir imp && cd imp || exit 1
mkdir -p app/alembic/versions/more
printf 'import os\n' >app/alembic/env.py
cat >app/alembic/versions/a1_users.py <<'PY'
"""Create users

Revision ID: a1
Revises:
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a1'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    op.create_table('users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=120), nullable=False),
        sa.Column('Nick', sa.Unicode(30), server_default='anon', comment='shown'),
        sa.PrimaryKeyConstraint('id'),
        mysql_engine='InnoDB',
    )
    op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=True)
    conn = op.get_bind()
    if conn.dialect.name == 'postgresql':
        op.execute("CREATE EXTENSION citext")


def downgrade():
    op.drop_index(op.f('ix_users_email'), table_name='users')
    op.drop_table('users')
PY
cat >app/alembic/versions/more/b2_flags.py <<'PY'
"""flags"""
from alembic import op
import sqlalchemy as sa

revision = 'b2'
down_revision = 'a1'
depends_on = 'core'


def upgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('admin', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column('Nick', new_column_name='nickname', existing_type=sa.Unicode(30))
    op.execute("UPDATE users SET admin = false")


def downgrade():
    raise NotImplementedError()
PY
run_retort import alembic
expect_rc 2 "import alembic without DIR is a usage error"
run_retort import flyway app
expect_rc 2 "import from anything but alembic is a usage error"
run_retort import alembic app/alembic
expect_rc 0 "import alembic DIR (Alembic's script directory) writes the project"
expect_out_has "versions/a1_users.mig" "it prints each file it writes"
expect_out_has "versions/more/b2_flags.mig" "under the scripts' own directories"
expect_err_has "retort import: 2 revisions from app/alembic/versions into versions; 1 block of Python to replace by hand" \
    "and says what is left to do"
expect_err_has "app/alembic/versions/a1_users.py:26:5: warning: an assignment to conn; it is kept in a sql python block for a person to replace" \
    "what it cannot compile is a warning at its .py line"
expect_err_has "app/alembic/versions/a1_users.py:23:9: warning: mysql_engine is for another database than retort writes; it is left out" \
    "an option for another database is left out, with a warning"
expect_err_lacks "comment" "a column's comment is kept: no warning"
cat >"$T/exp" <<'MIG'
-- imported from a1_users.py by `retort import alembic`
revision a1
message 'Create users'
label core
created '2024-05-01 12:00:00'

up {
    -- retort import: mysql_engine='InnoDB' (for another database) is left out
    create table users (
        id integer not null autoincrement,
        email varchar(120) not null,
        "Nick" varchar(30) default 'anon',
        primary key (id)
    );
    comment on column users."Nick" is 'shown';
    create unique index ix_users_email on users (email);
    -- retort import: Python that retort does not compile (a1_users.py:26); write
    -- what it does as statements or sql blocks, then delete the block
    sql python $py$
conn = op.get_bind()
if conn.dialect.name == 'postgresql':
    op.execute("CREATE EXTENSION citext")
    $py$;
}

down {
    drop index ix_users_email;
    drop table users;
}
MIG
if cmp -s "$T/exp" versions/a1_users.mig; then
	ok "the .mig of a script: header, statements, a python block"
else
	notok "the .mig of a script: header, statements, a python block"
	diff -u "$T/exp" versions/a1_users.mig | sed 's/^/#   /'
fi
cat >"$T/exp" <<'MIG'
-- imported from more/b2_flags.py by `retort import alembic`
revision b2
message 'flags'
depends a1
requires a1
MIG
if head -n 5 versions/more/b2_flags.mig | cmp -s "$T/exp" -; then
	ok "depends_on a label is written as the revision that carries it"
else
	notok "depends_on a label is written as the revision that carries it"
	head -n 5 versions/more/b2_flags.mig | diff -u "$T/exp" - | sed 's/^/#   /'
fi
grep -q 'alter table users add column admin boolean not null default false;' versions/more/b2_flags.mig &&
    ok "a batch's operations are compiled on its table" ||
    { notok "a batch's operations are compiled on its table"; sed 's/^/#   /' versions/more/b2_flags.mig; }
grep -q 'alter table users rename column "Nick" to nickname;' versions/more/b2_flags.mig &&
    ok "batch_op.alter_column(new_column_name=...) renames" ||
    { notok "batch_op.alter_column(new_column_name=...) renames"; sed 's/^/#   /' versions/more/b2_flags.mig; }
grep -q '^-- retort import: downgrade() only raises, so the revision is irreversible (no down block)$' \
    versions/more/b2_flags.mig && ! grep -q '^down' versions/more/b2_flags.mig &&
    ok "a downgrade() that raises makes the revision irreversible" ||
    { notok "a downgrade() that raises makes the revision irreversible"; sed 's/^/#   /' versions/more/b2_flags.mig; }
run_retort check
expect_rc 1 "check refuses the project while a python block is in it"
expect_err_has 'versions/a1_users.mig:19:9: error: this block is Python that `retort import alembic` could not compile: write what it does as statements or sql blocks, then delete it' \
    "at the block, saying what to do"
run_retort upgrade heads -d sqlite
expect_rc 1 "and upgrade writes nothing"
# A person replaces the block; then the project compiles.
awk '/^    -- retort import: Python/{skip=1} skip&&/^    \$py\$;$/{skip=0; print "    sql postgresql $$ CREATE EXTENSION citext $$;"; next} !skip' \
    versions/a1_users.mig >"$T/fixed" && cat "$T/fixed" >versions/a1_users.mig
run_retort check
expect_rc 0 "once the block is replaced, check passes"
run_retort upgrade heads -d sqlite -o up.sql
expect_rc 0 "and upgrade writes the SQL"
rm -f up.sql
run_retort import alembic app/alembic
expect_rc 1 "a second import refuses: versions already holds .mig files"
expect_err_has 'retort: error: "versions" already holds 2 .mig files; import writes into a project without revisions' \
    "and says so"
mkdir other && cd other || exit 1
mkdir -p versions/more
printf 'x\n' >versions/more/b2_flags.mig.keep
printf 'keep me\n' >versions/README
run_retort --versions versions import alembic ../app/alembic/versions
expect_rc 0 "import into a versions directory with other files"
mkdir -p ../three/versions/more/b2_flags.mig && cd ../three || exit 1
run_retort import alembic ../app/alembic/versions
expect_rc 1 "something in the way: import refuses"
expect_err_has 'retort: error: "versions/more/b2_flags.mig" already exists' \
    "and names it"
if [ ! -e versions/a1_users.mig ]; then
	ok "and writes nothing at all"
else
	notok "and writes nothing at all"
fi
cd "$T" || exit 1
mkdir empty && cd empty || exit 1
mkdir nothing
run_retort import alembic nothing
expect_rc 1 "a directory without scripts: nothing to import"
expect_err_has 'no Alembic revision script (*.py) under "nothing"' "says so"
cd "$T" || exit 1

# Names past 63 bytes: a foreign key's referenced column is refused at
# its string (the statement stays Python for a person), and the index
# index=True makes from a long table and column name is fitted as the
# language fits the names it gives; the .mig imported parses and checks.
mkdir -p longnames/alembic/versions && cd longnames || exit 1
long=$(printf 'c%.0s' $(seq 1 55))
longer=$(printf 'c%.0s' $(seq 1 61))
cat >alembic/versions/l1_long.py <<PY
"""long names

Revision ID: l1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'l1'
down_revision = None


def upgrade():
    op.create_table('parent', sa.Column('id', sa.Integer(), primary_key=True))
    op.create_table('tbl_$long', sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('col_$long', sa.Integer(), index=True))
    op.create_foreign_key('fk_long', 'tbl_$long', 'parent', ['id'], ['id_$longer'])


def downgrade():
    op.drop_table('tbl_$long')
    op.drop_table('parent')
PY
run_retort import alembic alembic/versions
expect_rc 0 "import of names past 63 bytes"
if grep -q "create index ix_tbl_c*_[0-9a-f]\{8\} on" versions/l1_long.mig; then
	ok "the long index name is fitted: 54 bytes, _ and 8 hex digits"
else
	notok "the long index name is fitted: 54 bytes, _ and 8 hex digits"
fi
expect_err_has "a foreign key's target is longer than 63 bytes" \
    "a referenced column past 63 bytes is refused at its string"
run_retort check
expect_rc 1 "the imported project parses; check stops only at the python block"
expect_err_has "this block is Python that \`retort import alembic\` could not compile" \
    "and names it"
cd "$T" || exit 1

# Comments: comment= of a table and a column, add_column's,
# alter_column's (None drops it, False changes nothing) and
# create/drop_table_comment, also on a batch, become comment on
# statements; the project checks and its PostgreSQL script has them.
mkdir -p comments/alembic/versions && cd comments || exit 1
cat >alembic/versions/c1_comments.py <<'PY'
"""comments

Revision ID: c1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'c1'
down_revision = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('email', sa.String(100), comment="it's mail"),
                    comment='people')
    op.add_column('users', sa.Column('phone', sa.String(20), comment='digits'))
    op.alter_column('users', 'email', comment=None, existing_type=sa.String(100))
    op.alter_column('users', 'email', comment=False, nullable=False)
    op.create_table_comment('users', 'all people', existing_comment='people')
    with op.batch_alter_table('users') as b:
        b.alter_column('phone', comment='only digits')


def downgrade():
    op.drop_table_comment('users', existing_comment='all people')
    op.drop_table('users')
PY
run_retort import alembic alembic/versions
expect_rc 0 "import of comments"
expect_err_lacks "warning" "comments import without a warning"
cat >"$T/exp" <<'MIG'
up {
    create table users (
        id integer not null autoincrement,
        email varchar(100),
        primary key (id)
    );
    comment on table users is 'people';
    comment on column users.email is 'it''s mail';
    alter table users add column phone varchar(20);
    comment on column users.phone is 'digits';
    comment on column users.email is null;
    alter table users alter column email set not null;
    comment on table users is 'all people';
    comment on column users.phone is 'only digits';
}

down {
    comment on table users is null;
    drop table users;
}
MIG
if sed -n '/^up {/,$p' versions/c1_comments.mig | cmp -s "$T/exp" -; then
	ok "each comment is a comment on statement, in order"
else
	notok "each comment is a comment on statement, in order"
	sed -n '/^up {/,$p' versions/c1_comments.mig | diff -u "$T/exp" - |
	    sed 's/^/#   /'
fi
run_retort upgrade head -d postgresql
expect_rc 0 "the imported comments compile"
expect_out_has "COMMENT ON COLUMN users.email IS 'it''s mail';" \
    "and PostgreSQL gets them"
cd "$T" || exit 1

# postgresql_using= on create_index is the language's index method.
mkdir -p gin/alembic/versions && cd gin || exit 1
cat >alembic/versions/g1_gin.py <<'PY'
"""gin

Revision ID: g1
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'g1'
down_revision = None


def upgrade():
    op.create_table('docs', sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('body', postgresql.JSONB()))
    op.create_index('ix_docs_body', 'docs', ['body'], postgresql_using='gin')
    op.create_index('ix_docs_odd', 'docs', ['id'], postgresql_using='spgist')


def downgrade():
    op.drop_index('ix_docs_body', table_name='docs')
    op.drop_table('docs')
PY
run_retort import alembic alembic/versions
expect_rc 0 "import of postgresql_using"
if grep -q "^    create index ix_docs_body on docs using gin (body);$" versions/g1_gin.mig; then
	ok "postgresql_using='gin' is using gin"
else
	notok "postgresql_using='gin' is using gin"
fi
expect_err_has "index method spgist has no equivalent in the language" \
    "a method the language lacks stays Python, with a warning"
cd "$T" || exit 1

# sa.ARRAY / postgresql.ARRAY are array types: the item type, then []
# per dimension.
mkdir -p arr/alembic/versions && cd arr || exit 1
cat >alembic/versions/a1_arrays.py <<'PY'
"""arrays

Revision ID: a1
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'a1'
down_revision = None


def upgrade():
    op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True),
                    sa.Column('tags', sa.ARRAY(sa.Text()), nullable=False),
                    sa.Column('grid', postgresql.ARRAY(sa.Integer, dimensions=2)),
                    sa.Column('names', postgresql.ARRAY(item_type=sa.String(20), as_tuple=True)))


def downgrade():
    op.drop_table('posts')
PY
run_retort import alembic alembic/versions
expect_rc 0 "import of ARRAY types"
cat >"$T/exp" <<'MIG'
    create table posts (
        id integer not null autoincrement,
        tags text[] not null,
        grid integer[][],
        names varchar(20)[],
        primary key (id)
    );
MIG
if sed -n '/^up {/,/);/p' versions/a1_arrays.mig | sed 1d | cmp -s "$T/exp" -; then
	ok "ARRAY(item) is item[], dimensions=2 is item[][]"
else
	notok "ARRAY(item) is item[], dimensions=2 is item[][]"
	sed -n '/^up {/,/);/p' versions/a1_arrays.mig | sed 1d |
	    diff -u "$T/exp" - | sed 's/^/#   /'
fi
run_retort upgrade head -d postgresql
expect_rc 0 "the imported arrays compile"
expect_out_has "    tags TEXT[] NOT NULL," "and PostgreSQL gets TEXT[]"
cd "$T" || exit 1
mkdir -p arrbad/alembic/versions && cd arrbad || exit 1
cat >alembic/versions/a2_arrays.py <<'PY'
"""odd arrays

Revision ID: a2
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'a2'
down_revision = None


def upgrade():
    op.add_column('posts', sa.Column('odd', sa.ARRAY(sa.ARRAY(sa.Integer()))))
    op.add_column('posts', sa.Column('flat', sa.ARRAY(sa.Integer(), dimensions=0)))
    op.add_column('posts', sa.Column('none', sa.ARRAY))


def downgrade():
    pass
PY
run_retort import alembic alembic/versions
expect_err_has "an ARRAY of ARRAY: write the item type with dimensions=2" \
    "an ARRAY of ARRAY stays Python, with a warning"
expect_err_has "an ARRAY's dimensions must be a whole number from 1 to 6" \
    "dimensions=0 stays Python, with a warning"
expect_err_has "ARRAY needs its item type, as in sa.ARRAY(sa.Text())" \
    "a bare ARRAY stays Python, with a warning"
cd "$T" || exit 1
