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
