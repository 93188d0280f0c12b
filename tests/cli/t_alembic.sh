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
