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
