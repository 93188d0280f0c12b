#!/bin/sh
# t_inspect.sh: the inspection commands (CLI.md "Heads", "Commands"):
# heads, branches, history (-r, -v, --graph), show and graph, on
# samples/branched and samples/todoapp.  Where our format is Alembic's,
# the expected text is taken from Alembic 1.8's own output in
# ALEMBIC_REF, so drift from Alembic fails here; the rest (our Path,
# history's order, show's extra lines, --graph, graph) is written out.
. "$TESTS/lib.sh"

SAMPLES=$(cd "$TESTS/../../samples" && pwd)
ALEMBIC_REF=${ALEMBIC_REF:-$(cd "$TESTS/../alembic-reference" && pwd)}

# expect_out_file <expected file> <description>: stdout is exactly it
expect_out_file() {
	if cmp -s "$1" "$T/.out"; then ok "$2"; else
		notok "$2: stdout differs"
		diff -u "$1" "$T/.out" | head -n 40 | sed 's/^/#   /'
	fi
}

# expect_sorted_file <expected file> <description>: the same lines,
# in any order
expect_sorted_file() {
	sort "$1" >"$T/.want"
	sort "$T/.out" >"$T/.got"
	if cmp -s "$T/.want" "$T/.got"; then ok "$2"; else
		notok "$2: the set of lines differs"
		diff -u "$T/.want" "$T/.got" | head -n 40 | sed 's/^/#   /'
	fi
}

# Alembic's Path is absolute and names the .py file; ours is the .mig
# file relative to the project root.
alembic() {
	sed 's#^Path: /srv/app/migrations/versions/\(.*\)\.py$#Path: versions/\1.mig#' \
		"$ALEMBIC_REF/$1"
}

# alembic_blocks: keep only the Alembic part of `show` output: each
# block from "Rev:" through the blank line after the message.
alembic_blocks() {
	awk '/^Rev: /{on=1; st=0}
	     on{print}
	     on && st==0 && /^Path: /{st=1; next}
	     on && st==1 && /^$/{st=2; next}
	     on && st==2 && /^$/{on=0}' "$T/.out"
}

B="-C $SAMPLES/branched"
TODO="-C $SAMPLES/todoapp"

if [ -f "$ALEMBIC_REF/pg__history.sql" ]; then
	ok "Alembic's reference outputs are in $ALEMBIC_REF"
else
	notok "Alembic's reference outputs are missing: $ALEMBIC_REF"
fi

# --- heads ------------------------------------------------------------------

# shellcheck disable=SC2086
run_retort $B heads
expect_rc 0 "heads: exit 0"
expect_out_file "$ALEMBIC_REF/pg__heads.sql" "heads: Alembic's lines"
if [ -z "$err" ]; then ok "heads: nothing on stderr (no several-heads warning)"
else notok "heads: stderr is not empty"; fi

run_retort $B heads --resolve-dependencies
expect_out_file "$ALEMBIC_REF/pg__heads_resolve.sql" \
	"heads --resolve-dependencies: Alembic's lines"

alembic pg__heads_verbose.sql >"$T/exp"
run_retort $B heads -v
expect_out_file "$T/exp" "heads -v: Alembic's blocks (with our Path)"
run_retort $B heads --verbose
expect_out_file "$T/exp" "heads --verbose: the same as -v"

run_retort $TODO heads
printf '9c4f2a1d7b3e (head)\n' >"$T/exp"
expect_out_file "$T/exp" "todoapp heads: the one head"

# An effective head: a head that something requires.
mkdir -p eff/versions
mig eff/versions/a.mig "revision a1
message 'a one'
up {}"
mig eff/versions/b.mig "revision b1
label lib
message 'b one'
up {}"
mig eff/versions/c.mig "revision c1
depends a1
requires lib
message 'c one'
up {}"
run_retort -C eff heads
printf 'b1 (lib) (effective head)\nc1 (head)\n' >"$T/exp"
expect_out_file "$T/exp" "heads: an effective head is marked so"
run_retort -C eff heads --resolve-dependencies
printf 'c1 (head)\n' >"$T/exp"
expect_out_file "$T/exp" "heads --resolve-dependencies: no effective head"
run_retort -C eff history
cat >"$T/exp" <<'EOF'
a1 (lib) -> c1 (head), c one
<base> -> b1 (lib) (effective head), b one
<base> -> a1, a one
EOF
expect_out_file "$T/exp" "history: requires as written, effective head marked"

# --- branches ---------------------------------------------------------------

run_retort $B branches
expect_rc 0 "branches: exit 0"
expect_out_file "$ALEMBIC_REF/pg__branches.sql" "branches: Alembic's lines"

alembic pg__branches_verbose.sql >"$T/exp"
run_retort $B branches -v
expect_out_file "$T/exp" "branches -v: Alembic's block and children"

run_retort $TODO branches
expect_rc 0 "todoapp branches: exit 0"
expect_out_empty "todoapp branches: no branch point, no output"

# --- history ----------------------------------------------------------------

# Our order is the reverse of upgrade order; Alembic's follows its
# directory listing.  Each line's text must be Alembic's.
run_retort $B history
expect_rc 0 "history: exit 0"
expect_sorted_file "$ALEMBIC_REF/pg__history.sql" \
	"history: every line is Alembic's"
cat >"$T/exp" <<'EOF'
e1f2a3b4c5d6 (b2c3d4e5f6a7) -> e2f3a4b5c6d7 (audit) (head), X2: create audit_log (depends_on B)
d0e1f2a3b4c5 -> d1e2f3a4b5c6 (head), D: phone_number NOT NULL, String(20)
c1d2e3f4a5b6, c2d3e4f5a6b7 -> d0e1f2a3b4c5 (mergepoint), M: merge C1 and C2
b2c3d4e5f6a7 -> c2d3e4f5a6b7, C2: index users.email
b2c3d4e5f6a7 -> c1d2e3f4a5b6, C1: create orders
a1b2c3d4e5f6 -> b2c3d4e5f6a7 (branchpoint), B: add phone_number
<base> -> e1f2a3b4c5d6 (audit), X1: audit branch root
<base> -> a1b2c3d4e5f6, A: create users
EOF
expect_out_file "$T/exp" "history: newest first, the reverse of upgrade order"

# Each Alembic range: the same lines (as a set).
for pair in "B-M b2c3d4e5f6a7:d0e1f2a3b4c5" "D- d1e2f3a4b5c6:" \
	"-C1 :c1d2e3f4a5b6" "base-audit@head base:audit@head" \
	"prefix b2c3:d0e1"; do
	name=${pair%% *}
	range=${pair#* }
	run_retort $B history -r "$range"
	expect_rc 0 "history -r $range: exit 0"
	expect_sorted_file "$ALEMBIC_REF/pg__history_r_$name.sql" \
		"history -r $range: Alembic's lines"
done

# Verbose: Alembic's blocks.  Alembic lists C1 before C2 here; our order
# puts C2 (created later) first, so compare block by block as a set.
split_blocks() {	# one line per block, its lines joined by |
	awk 'BEGIN{RS=""; FS="\n"} {s=$1; for (i = 2; i <= NF; i++) s = s "|" $i; print s}' "$1"
}
alembic pg__history_verbose.sql >"$T/exp.v"
run_retort $B history -v
split_blocks "$T/exp.v" | sort >"$T/exp.b"
split_blocks "$T/.out" | sort >"$T/got.b"
if cmp -s "$T/exp.b" "$T/got.b"; then ok "history -v: every block is Alembic's"
else notok "history -v: the blocks differ"
	diff -u "$T/exp.b" "$T/got.b" | head -n 20 | sed 's/^/#   /'; fi
n=$(grep -c '^Rev: ' "$T/.out")
if [ "$n" = 8 ]; then ok "history -v: eight blocks"; else
	notok "history -v: $n blocks"; fi

alembic pg__history_r_B-M_verbose.sql >"$T/exp.v"
run_retort $B history -v -r b2c3d4e5f6a7:d0e1f2a3b4c5
split_blocks "$T/exp.v" | sort >"$T/exp.b"
split_blocks "$T/.out" | sort >"$T/got.b"
if cmp -s "$T/exp.b" "$T/got.b"; then ok "history -v -r B:M: Alembic's blocks"
else notok "history -v -r B:M: the blocks differ"
	diff -u "$T/exp.b" "$T/got.b" | head -n 20 | sed 's/^/#   /'; fi

# Ranges Alembic refuses (not ancestor to descendant): a usage error.
for f in pg__history_r_C1-C2.sql pg__history_r_D-B_reversed.sql \
	pg__history_r_X1-D.sql; do
	range=$(sed -n 's/^FAILED: Requested range \([^ ]*\) does not refer to ancestor\/descendant.*/\1/p' \
		"$ALEMBIC_REF/$f")
	if [ -n "$range" ]; then ok "$f: Alembic refuses range $range"; else
		notok "$f: no range in Alembic's message"; range="x:y"; fi
	usage_error "history -r $range" $B history -r "$range"
	expect_err_has "is not an ancestor of" "history -r $range: says why"
done

run_retort $B history -r b2c3d4e5f6a7:e2f3a4b5c6d7
printf '%s\n' "a1b2c3d4e5f6 -> b2c3d4e5f6a7 (branchpoint), B: add phone_number" \
	>"$T/exp"
expect_out_file "$T/exp" \
	"history -r B:X2: only FROM's descendants through depends, as Alembic"

run_retort $B history -r audit@base:
cat >"$T/exp" <<'EOF'
e1f2a3b4c5d6 (b2c3d4e5f6a7) -> e2f3a4b5c6d7 (audit) (head), X2: create audit_log (depends_on B)
a1b2c3d4e5f6 -> b2c3d4e5f6a7 (branchpoint), B: add phone_number
<base> -> e1f2a3b4c5d6 (audit), X1: audit branch root
<base> -> a1b2c3d4e5f6, A: create users
EOF
expect_out_file "$T/exp" "history -r audit@base: the branch's heads and what they need"

run_retort $TODO history
cat >"$T/exp" <<'EOF'
3b1c2d4e5f6 -> 9c4f2a1d7b3e (head), create todos table
1975ea83b712 -> 3b1c2d4e5f6, add phone_number column to users
<base> -> 1975ea83b712, create users table
EOF
expect_out_file "$T/exp" "todoapp history: the subject is the message's first line"

# --- history --graph --------------------------------------------------------

run_retort $B history --graph
expect_rc 0 "history --graph: exit 0"
cat >"$T/exp" <<'EOF'
* e1f2a3b4c5d6 (b2c3d4e5f6a7) -> e2f3a4b5c6d7 (audit) (head), X2: create audit_log (depends_on B)
| * d0e1f2a3b4c5 -> d1e2f3a4b5c6 (head), D: phone_number NOT NULL, String(20)
| * c1d2e3f4a5b6, c2d3e4f5a6b7 -> d0e1f2a3b4c5 (mergepoint), M: merge C1 and C2
| |\
| | * b2c3d4e5f6a7 -> c2d3e4f5a6b7, C2: index users.email
| * | b2c3d4e5f6a7 -> c1d2e3f4a5b6, C1: create orders
| |/
| * a1b2c3d4e5f6 -> b2c3d4e5f6a7 (branchpoint), B: add phone_number
* | <base> -> e1f2a3b4c5d6 (audit), X1: audit branch root
 /
* <base> -> a1b2c3d4e5f6, A: create users
EOF
expect_out_file "$T/exp" "history --graph: branched"

run_retort $B history --graph -r b2c3d4e5f6a7:d0e1f2a3b4c5
cat >"$T/exp" <<'EOF'
* c1d2e3f4a5b6, c2d3e4f5a6b7 -> d0e1f2a3b4c5 (mergepoint), M: merge C1 and C2
|\
| * b2c3d4e5f6a7 -> c2d3e4f5a6b7, C2: index users.email
* | b2c3d4e5f6a7 -> c1d2e3f4a5b6, C1: create orders
|/
* a1b2c3d4e5f6 -> b2c3d4e5f6a7 (branchpoint), B: add phone_number
EOF
expect_out_file "$T/exp" "history --graph -r B:M: only the range's edges"

run_retort $TODO history --graph
cat >"$T/exp" <<'EOF'
* 3b1c2d4e5f6 -> 9c4f2a1d7b3e (head), create todos table
* 1975ea83b712 -> 3b1c2d4e5f6, add phone_number column to users
* <base> -> 1975ea83b712, create users table
EOF
expect_out_file "$T/exp" "history --graph: todoapp, one line"

# -v --graph: the block's lines after the columns.
run_retort $TODO history --graph -v
sed 's/^<4>$/    /; s/<4>$/    /' >"$T/exp" <<'EOF'
* Rev: 9c4f2a1d7b3e (head)
| Parent: 3b1c2d4e5f6
| Path: versions/9c4f2a1d7b3e_create_todos_table.mig
|
|     create todos table
| <4>
|     Each todo belongs to a user; deleting the user deletes its todos.
| <4>
|     Revision ID: 9c4f2a1d7b3e
|     Revises: 3b1c2d4e5f6
|     Create Date: 2024-01-03 09:00:00
|
* Rev: 3b1c2d4e5f6
| Parent: 1975ea83b712
| Path: versions/3b1c2d4e5f6_add_phone_number_column_to_users.mig
|
|     add phone_number column to users
| <4>
|     Revision ID: 3b1c2d4e5f6
|     Revises: 1975ea83b712
|     Create Date: 2024-01-02 09:00:00
|
* Rev: 1975ea83b712
  Parent: <base>
  Path: versions/1975ea83b712_create_users_table.mig

      create users table
  <4>
      Revision ID: 1975ea83b712
      Revises:
      Create Date: 2024-01-01 09:00:00

EOF
expect_out_file "$T/exp" "history --graph -v: todoapp"

# A merge of three roots: fork rows, parents left to right as written.
mkdir -p m3/versions
for x in a b c; do mig m3/versions/$x.mig "revision ${x}1
message '$x'
up {}"; done
mig m3/versions/m.mig "revision m1
message 'm'
depends a1, b1, c1
up {}"
run_retort -C m3 history --graph
cat >"$T/exp" <<'EOF'
* a1, b1, c1 -> m1 (head) (mergepoint), m
|\
|\ \
| | * <base> -> c1, c
| * <base> -> b1, b
* <base> -> a1, a
EOF
expect_out_file "$T/exp" "history --graph: a three-way merge"

# A crossing, a join of two lines and a root in the last column.
mkdir -p x/versions
mig x/versions/x.mig "revision r1
created '2024-01-01 00:00:00'
up {}
revision q1
created '2024-01-02 00:00:00'
up {}
revision s1
depends r1
created '2024-01-03 00:00:00'
up {}
revision t1
depends r1, q1
created '2024-01-04 00:00:00'
up {}
revision u1
depends q1
created '2024-01-05 00:00:00'
up {}
revision z1
created '2024-01-06 00:00:00'
up {}"
run_retort -C x history --graph
# z1 ends where u1 starts: an empty row between.  q1's lines cross r1's
# to join.
cat >"$T/exp" <<'EOF'
* <base> -> z1 (head), 

* q1 -> u1 (head), 
| * r1, q1 -> t1 (head) (mergepoint), 
| |\
| | | * r1 -> s1 (head), 
|  X  |
|/ / /
* | | <base> -> q1 (branchpoint), 
 / /
|/
* <base> -> r1 (branchpoint), 
EOF
expect_out_file "$T/exp" "history --graph: crossing, joins, separated roots"

# --- show -------------------------------------------------------------------

# The first lines of each block are Alembic's `show`; then ours.
for pair in "B b2c3d4e5f6a7" "M d0e1f2a3b4c5" "X2 e2f3a4b5c6d7" \
	"audit@head audit@head" "prefix_d1 d1" "heads heads"; do
	name=${pair%% *}
	target=${pair#* }
	run_retort $B show "$target"
	expect_rc 0 "show $target: exit 0"
	alembic "pg__show_$name.sql" >"$T/exp"
	alembic_blocks >"$T/got"
	if cmp -s "$T/exp" "$T/got"; then ok "show $target: Alembic's block"
	else notok "show $target: Alembic's block differs"
		diff -u "$T/exp" "$T/got" | head -n 30 | sed 's/^/#   /'; fi
done

run_retort $B show b2c3d4e5f6a7
{ alembic pg__show_B.sql; cat <<'EOF'; } >"$T/exp"
Children: c1d2e3f4a5b6, c2d3e4f5a6b7
Required by: e2f3a4b5c6d7
Source: versions/b2c3d4e5f6a7_add_phone.mig:1

up {
    alter table users add column phone_number varchar(15);
}
down {
    alter table users drop column phone_number;
}

EOF
expect_out_file "$T/exp" "show B: children, requirers, source, statements"

run_retort $B show e2f3
{ alembic pg__show_X2.sql; cat <<'EOF'; } >"$T/exp"
Children: (none)
Requires: b2c3d4e5f6a7
Source: versions/e2f3a4b5c6d7_audit_log.mig:1

up {
    create table audit_log (
        id integer not null autoincrement,
        user_id integer,
        action varchar(100) not null,
        created_at timestamp not null,
        foreign key (user_id) references users (id),
        primary key (id)
    );
}
down {
    drop table audit_log;
}

EOF
expect_out_file "$T/exp" "show X2: multi-line statement keeps its layout"

run_retort $B show d0e1f2a3b4c5
{ alembic pg__show_M.sql; cat <<'EOF'; } >"$T/exp"
Children: d1e2f3a4b5c6
Source: versions/d0e1f2a3b4c5_merge.mig:1

up {
}
down {
}

EOF
expect_out_file "$T/exp" "show M: empty blocks"

run_retort $TODO show 9c4f
sed 's/^<4>$/    /' >"$T/exp" <<'EOF'
Rev: 9c4f2a1d7b3e (head)
Parent: 3b1c2d4e5f6
Path: versions/9c4f2a1d7b3e_create_todos_table.mig

    create todos table
<4>
    Each todo belongs to a user; deleting the user deletes its todos.
<4>
    Revision ID: 9c4f2a1d7b3e
    Revises: 3b1c2d4e5f6
    Create Date: 2024-01-03 09:00:00

Children: (none)
Source: versions/9c4f2a1d7b3e_create_todos_table.mig:2

up {
    create table todos (
        id integer primary key autoincrement,
        title varchar(200) not null,
        description text,
        priority integer not null default 1 check (priority between 1 and 5),
        complete boolean not null default false,
        owner_id integer not null references users (id) on delete cascade
    );
    create index ix_todos_owner_id on todos (owner_id);
}
down {
    drop index ix_todos_owner_id;
    drop table todos;
}

EOF
expect_out_file "$T/exp" "todoapp show: a message of several lines"

mig irr/versions/a.mig "revision a1
transactional false
up {
	create table t (
		id integer
	);
}"
run_retort -C irr show a1
cat >"$T/exp" <<'EOF'
Rev: a1 (head)
Parent: <base>
Path: versions/a.mig


Children: (none)
Transactional: false
Source: versions/a.mig:1

up {
    create table t (
    	id integer
    );
}
down: none (the revision is irreversible)

EOF
expect_out_file "$T/exp" "show: no message, no created, irreversible, tabs"

# Alembic refuses `show head` with two heads and `show d` (ambiguous).
if grep -q "Multiple head revisions" "$ALEMBIC_REF/pg__show_head.sql"; then
	ok "Alembic refuses show head"; else notok "pg__show_head.sql changed"; fi
usage_error "show head with two heads" $B show head
expect_err_has "d1e2f3a4b5c6, e2f3a4b5c6d7" "show head: names the heads"
if grep -q "Can't locate revision identified by 'd'" \
	"$ALEMBIC_REF/pg__show_prefix_d.sql"; then
	ok "Alembic refuses show d"; else notok "pg__show_prefix_d.sql changed"; fi
usage_error "show d (ambiguous prefix)" $B show d
expect_err_has "d0e1f2a3b4c5, d1e2f3a4b5c6" "show d: names the candidates"
usage_error "show an unknown revision" $B show ffff
expect_err_has '"ffff"' "show ffff: names it"
usage_error "show base" $B show base
usage_error "show without a target" $B show
expect_err_has "missing TARGET" "show without a target: says so"
usage_error "show with two targets" $B show b2c3 d0e1
expect_err_has "'d0e1'" "show with two targets: names the second"

# --- graph ------------------------------------------------------------------

run_retort $B graph
expect_rc 0 "graph: exit 0"
cat >"$T/exp" <<'EOF'
digraph revisions {
	node [shape=box];
	"a1b2c3d4e5f6" [label="a1b2c3d\nA: create users"];
	"e1f2a3b4c5d6" [label="e1f2a3b (audit)\nX1: audit branch root"];
	"b2c3d4e5f6a7" [label="b2c3d4e\nB: add phone_number"];
	"c1d2e3f4a5b6" [label="c1d2e3f\nC1: create orders"];
	"c2d3e4f5a6b7" [label="c2d3e4f\nC2: index users.email"];
	"d0e1f2a3b4c5" [label="d0e1f2a\nM: merge C1 and C2"];
	"d1e2f3a4b5c6" [label="d1e2f3a (head)\nD: phone_number NOT NULL, String(20)", peripheries=2];
	"e2f3a4b5c6d7" [label="e2f3a4b (head)\nX2: create audit_log (depends_on B)", peripheries=2];
	"a1b2c3d4e5f6" -> "b2c3d4e5f6a7";
	"b2c3d4e5f6a7" -> "c1d2e3f4a5b6";
	"b2c3d4e5f6a7" -> "c2d3e4f5a6b7";
	"c1d2e3f4a5b6" -> "d0e1f2a3b4c5";
	"c2d3e4f5a6b7" -> "d0e1f2a3b4c5";
	"d0e1f2a3b4c5" -> "d1e2f3a4b5c6";
	"e1f2a3b4c5d6" -> "e2f3a4b5c6d7";
	"b2c3d4e5f6a7" -> "e2f3a4b5c6d7" [style=dashed];
}
EOF
expect_out_file "$T/exp" "graph: dot, requires dashed, heads marked"
run_retort $B graph --format=dot
expect_out_file "$T/exp" "graph --format=dot: the default"

run_retort $B graph --format mermaid
cat >"$T/exp" <<'EOF'
flowchart TD
    r_a1b2c3d4e5f6["a1b2c3d<br/>A: create users"]
    r_e1f2a3b4c5d6["e1f2a3b (audit)<br/>X1: audit branch root"]
    r_b2c3d4e5f6a7["b2c3d4e<br/>B: add phone_number"]
    r_c1d2e3f4a5b6["c1d2e3f<br/>C1: create orders"]
    r_c2d3e4f5a6b7["c2d3e4f<br/>C2: index users.email"]
    r_d0e1f2a3b4c5["d0e1f2a<br/>M: merge C1 and C2"]
    r_d1e2f3a4b5c6["d1e2f3a (head)<br/>D: phone_number NOT NULL, String(20)"]:::head
    r_e2f3a4b5c6d7["e2f3a4b (head)<br/>X2: create audit_log (depends_on B)"]:::head
    r_a1b2c3d4e5f6 --> r_b2c3d4e5f6a7
    r_b2c3d4e5f6a7 --> r_c1d2e3f4a5b6
    r_b2c3d4e5f6a7 --> r_c2d3e4f5a6b7
    r_c1d2e3f4a5b6 --> r_d0e1f2a3b4c5
    r_c2d3e4f5a6b7 --> r_d0e1f2a3b4c5
    r_d0e1f2a3b4c5 --> r_d1e2f3a4b5c6
    r_e1f2a3b4c5d6 --> r_e2f3a4b5c6d7
    r_b2c3d4e5f6a7 -.-> r_e2f3a4b5c6d7
    classDef head stroke-width:3px
EOF
expect_out_file "$T/exp" "graph --format mermaid"

run_retort $TODO graph
cat >"$T/exp" <<'EOF'
digraph revisions {
	node [shape=box];
	"1975ea83b712" [label="1975ea8\ncreate users table"];
	"3b1c2d4e5f6" [label="3b1c2d4\nadd phone_number column to users"];
	"9c4f2a1d7b3e" [label="9c4f2a1 (head)\ncreate todos table", peripheries=2];
	"1975ea83b712" -> "3b1c2d4e5f6";
	"3b1c2d4e5f6" -> "9c4f2a1d7b3e";
}
EOF
expect_out_file "$T/exp" "todoapp graph: dot"

# Short ids grow past 7 characters where needed; labels are escaped.
mig esc/versions/a.mig "revision abcdef01
message 'say \"hi\" <b> & #1, a message longer than forty bytes in all'
up {}
revision abcdef02
depends abcdef01
message 'x'
up {}"
run_retort -C esc graph
cat >"$T/exp" <<'EOF'
digraph revisions {
	node [shape=box];
	"abcdef01" [label="abcdef01\nsay \"hi\" <b> & #1, a message longer than..."];
	"abcdef02" [label="abcdef02 (head)\nx", peripheries=2];
	"abcdef01" -> "abcdef02";
}
EOF
expect_out_file "$T/exp" "graph: unique short ids, dot escapes, cut subject"
run_retort -C esc graph --format mermaid
cat >"$T/exp" <<'EOF'
flowchart TD
    r_abcdef01["abcdef01<br/>say #34;hi#34; #60;b#62; #38; #35;1, a message longer than..."]
    r_abcdef02["abcdef02 (head)<br/>x"]:::head
    r_abcdef01 --> r_abcdef02
    classDef head stroke-width:3px
EOF
expect_out_file "$T/exp" "graph --format mermaid: entity codes"

# --- determinism ------------------------------------------------------------

for cmd in "heads -v" "branches -v" "history -v" "history --graph" \
	"show heads" "graph" "graph --format mermaid"; do
	run_retort $B $cmd
	cp "$T/.out" "$T/run1"
	run_retort $B $cmd
	if cmp -s "$T/run1" "$T/.out"; then ok "$cmd: the same bytes twice"
	else notok "$cmd: differs between runs"; fi
done

# --- usage errors, help, broken projects ------------------------------------

for cmd in heads branches history show graph; do
	run_retort $B $cmd --help
	expect_rc 0 "$cmd --help: exit 0"
	expect_out_has "usage: retort $cmd" "$cmd --help: the usage on stdout"
	cp "$T/.out" "$T/help1"
	run_retort help $cmd
	if cmp -s "$T/help1" "$T/.out"; then ok "help $cmd: the same as $cmd --help"
	else notok "help $cmd: differs from $cmd --help"; fi
	usage_error "$cmd: unknown option" $B $cmd --frob
	expect_err_has "retort $cmd: unknown option '--frob'" \
		"$cmd --frob: names the command and the option"
	usage_error "$cmd: unknown short option" $B $cmd -Z
done
for cmd in heads branches history graph; do
	usage_error "$cmd: an argument" $B $cmd extra
	expect_err_has "'extra'" "$cmd extra: names it"
done
usage_error "heads --resolve-dependencies=x" $B heads --resolve-dependencies=x
usage_error "history -r without its range" $B history -r
expect_err_has "'-r' needs an argument" "history -r: says so"
usage_error "history -r without a colon" $B history -r b2c3d4e5f6a7
expect_err_has "FROM:TO, FROM: or :TO" "history -r without a colon: the forms"
usage_error "history -r with two colons" $B history -r a:b:c
usage_error "history -r with an unknown end" $B history -r :ffff
expect_err_has '"ffff"' "history -r :ffff: names it"
usage_error "graph --format png" $B graph --format png
expect_err_has "'png'" "graph --format png: names the format"
expect_err_has "dot or mermaid" "graph --format png: names the choices"

# Usage errors come before reading the project.
usage_error "a usage error needs no project" -C "$T" graph --format png

mig broken/versions/a.mig "revision a1
depends zz
up {}"
for cmd in heads branches history "show a1" graph; do
	run_retort -C broken $cmd
	expect_rc 1 "$cmd on a broken project: exit 1"
	expect_err_has 'unknown revision "zz" in depends' \
		"$cmd on a broken project: the diagnostic"
	expect_out_empty "$cmd on a broken project: nothing on stdout"
done

mkdir -p novers
run_retort -C novers history
expect_rc 3 "history without a versions directory: exit 3"
