#!/bin/sh
# t_check.sh: `retort check` on valid and broken projects: exit status,
# what goes to stdout and stderr, the diagnostic format (CLI.md "Output
# and exit status", LANGUAGE.md "Errors"), -q, --strict and the error cap.
. "$TESTS/lib.sh"

# expect_last_err <line> <description>: the last line of stderr
expect_last_err() {
	last=$(printf '%s\n' "$err" | tail -n 1)
	if [ "$last" = "$1" ]; then ok "$2"; else
		notok "$2: last line of stderr is '$last', expected '$1'"
	fi
}

# expect_diag <file> <line> <col> <severity> <token> <message> <description>
# A diagnostic "file:line:col: severity: message" is on stderr, followed
# by the source line and a caret line whose '^' stands under the first
# byte of token; and the source file really has token at line:col.
expect_diag() {
	head="$1:$2:$3: $4: $6"
	if ! sed -n "$2p" "$1" | C=$3 TOK=$5 awk \
		'{ t = ENVIRON["TOK"]
		   exit !(substr($0, ENVIRON["C"] + 0, length(t)) == t) }'; then
		notok "$7: test bug: '$5' is not at $1:$2:$3"
		return
	fi
	if ! printf '%s\n' "$err" | grep -qxF -- "$head"; then
		notok "$7: stderr lacks the line '$head'"
		show_err
		return
	fi
	if printf '%s\n' "$err" | HEAD=$head TOK=$5 awk '
		BEGIN { h = ENVIRON["HEAD"]; t = ENVIRON["TOK"] }
		state == 1 { src = $0; state = 2; next }
		state == 2 { car = $0; state = 3; exit }
		$0 == h { state = 1 }
		END {
			if (state != 3) exit 1
			p = index(car, "^")
			if (p == 0 || substr(src, p, length(t)) != t) exit 1
			if (substr(car, p + 1, length(t) - 1) != \
			    substr("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~", 1, length(t) - 1)) exit 1
		}'; then
		ok "$7"
	else
		notok "$7: no source line with '^~~' under '$5' after '$head'"
		show_err
	fi
}

# --- a valid project -------------------------------------------------------

mkdir versions
cat >versions/1975ea83b712_create_users.mig <<'EOF'
revision 1975ea83b712
message 'create users table'
created '2024-01-01 09:00:00'

up {
    create table users (
        id integer primary key autoincrement,
        email varchar(200) not null unique
    );
}

down {
    drop table users;
}
EOF
cat >versions/3b1c2d4e5f6_add_phone.mig <<'EOF'
revision 3b1c2d4e5f6
message 'add phone_number column to users'
depends 1975ea83b712

up {
    alter table users add column phone_number varchar(20);
}

down {
    alter table users drop column phone_number;
}
EOF

run_retort check
expect_rc 0 "valid project: exit 0"
expect_out_empty "valid project: nothing on stdout"
expect_err_lines 1 "valid project: one line on stderr"
expect_err_has "retort: 2 revisions in 2 files: 0 errors, 0 warnings" \
	"valid project: the summary line counts revisions, files, errors, warnings"

run_retort -q check
expect_rc 0 "valid project, -q: exit 0"
expect_out_empty "valid project, -q: nothing on stdout"
expect_err_empty "valid project, -q: nothing on stderr"

run_retort --quiet check
expect_rc 0 "valid project, --quiet: exit 0"
expect_err_empty "valid project, --quiet: nothing on stderr"

run_retort check --strict
expect_rc 0 "valid project, --strict: exit 0"

run_retort -v check
expect_rc 0 "valid project, -v: exit 0"
expect_out_empty "valid project, -v: nothing on stdout"

run_retort check --format text
expect_rc 0 "--format text is the default format"
expect_err_has "retort: 2 revisions in 2 files: 0 errors, 0 warnings" \
	"--format text: the summary line"

# One file holding two revisions counts as one file.
rm -rf versions
mig versions/both.mig 'revision a1
up { create table t (id integer); }
down { drop table t; }

revision a2
depends a1
up { }
down { }'
run_retort check
expect_rc 0 "two revisions in one file: exit 0"
expect_err_has "retort: 2 revisions in 1 file: 0 errors, 0 warnings" \
	"two revisions in one file: the summary says 1 file"

# --- one error -------------------------------------------------------------

rm -rf versions
mig versions/x.mig 'revision a1
message '\''broken'\''
up {
    create table t (id integer(5));
}'
run_retort check
expect_rc 1 "an error: exit 1"
expect_out_empty "an error: nothing on stdout"
expect_diag versions/x.mig 4 24 error 'integer(5)' \
	'type "integer" takes no arguments' \
	"an error: path relative to the project root, line:col, source line, caret"
expect_last_err "retort: 1 revision in 1 file: 1 error, 0 warnings" \
	"an error: the summary line comes last"
expect_err_lines 4 "an error: diagnostic, source line, caret line, summary"

# The same, run from elsewhere with -C: the path stays relative to the root.
mkdir sub
cd sub || exit 1
run_retort -C .. check
expect_rc 1 "-C ..: exit 1"
cd "$T" || exit 1
expect_err_has "versions/x.mig:4:24: error: " \
	"-C ..: the path is relative to the project root"
expect_err_lacks "../versions" "-C ..: the path does not go through .."

# A syntax error: the caret is under the unexpected token.
rm -rf versions sub
mig versions/x.mig 'revision a1
up {
    drop tabel t;
}'
run_retort check
expect_rc 1 "a syntax error: exit 1"
expect_diag versions/x.mig 3 10 error tabel \
	"syntax error, unexpected identifier, expecting 'index' or 'table' or 'type' or 'sequence'" \
	"a syntax error: position and caret on the unexpected word"

# -q keeps errors (and drops the summary).
run_retort -q check
expect_rc 1 "an error, -q: exit 1"
expect_err_has "versions/x.mig:3:10: error: " "an error, -q: the error is still shown"
expect_err_lacks "retort: 1 revision" "an error, -q: no summary line"

# --- several errors, several files, one run --------------------------------

rm -rf versions
mig versions/a.mig 'revision a1
up {
    create table t (id integer(5));
    create table u (id varchar(0));
}'
mig versions/b.mig 'revision b1
depends a1
up {
    create table v (id integer);
    insert into v (id) values (1, 2);
}'
mig versions/c.mig 'revision c1
depends b1
up {
    drop tabel t;
    create table w (id integer);
    drop tabel u;
}
down {
    drop table w;
}'
run_retort check
expect_rc 1 "errors in three files: exit 1"
expect_out_empty "errors in three files: nothing on stdout"
expect_diag versions/a.mig 3 24 error 'integer(5)' 'type "integer" takes no arguments' \
	"errors in three files: first error of a.mig"
expect_diag versions/a.mig 4 32 error 0 'argument of type "varchar" must be a positive integer' \
	"errors in three files: second error of a.mig"
expect_diag versions/b.mig 5 31 error '(1, 2)' 'row has 2 values but 1 column is listed' \
	"errors in three files: the error of b.mig"
expect_diag versions/c.mig 4 10 error tabel \
	"syntax error, unexpected identifier, expecting 'index' or 'table' or 'type' or 'sequence'" \
	"errors in three files: first syntax error of c.mig"
expect_diag versions/c.mig 6 10 error tabel \
	"syntax error, unexpected identifier, expecting 'index' or 'table' or 'type' or 'sequence'" \
	"errors in three files: the parser recovered at ';' and found the second"
order=$(printf '%s\n' "$err" | sed -n 's/^\(versions\/[a-z]*\.mig:[0-9]*\):.*/\1/p' | tr '\n' ' ')
if [ "$order" = "versions/a.mig:3 versions/a.mig:4 versions/b.mig:5 versions/c.mig:4 versions/c.mig:6 " ]; then
	ok "errors in three files: reported file by file, in the order found"
else
	notok "errors in three files: reported in the order '$order'"
fi
expect_last_err "retort: 3 revisions in 3 files: 5 errors, 0 warnings" \
	"errors in three files: the summary counts them all"

# --- warnings and --strict -------------------------------------------------

rm -rf versions
mig versions/w.mig 'revision w1
up {
    create table t (id integer, name citext);
}
down { drop table t; }'
run_retort check
expect_rc 0 "a non-portable type: only a warning, exit 0"
expect_diag versions/w.mig 3 38 warning citext \
	'type "citext" is not portable; it is written as is for every dialect' \
	"a non-portable type: the warning, its position and caret"
expect_last_err "retort: 1 revision in 1 file: 0 errors, 1 warning" \
	"a non-portable type: the summary counts the warning"

run_retort check --strict
expect_rc 1 "a non-portable type, --strict: exit 1"
expect_err_has "versions/w.mig:3:38: warning: " \
	"a non-portable type, --strict: the warning is shown"

run_retort -q check
expect_rc 0 "a non-portable type, -q: exit 0"
expect_err_empty "a non-portable type, -q: the warning is not shown"

run_retort -q check --strict
expect_rc 1 "a non-portable type, -q --strict: exit 1"
expect_err_has "versions/w.mig:3:38: warning: " \
	"a non-portable type, -q --strict: the warning that fails the run is shown"

# A warning in one file and an error in another: both, exit 1.
mig versions/x.mig 'revision x1
depends w1
up {
    drop tabel t;
}'
run_retort check
expect_rc 1 "a warning and an error: exit 1"
expect_err_has "versions/w.mig:3:38: warning: " "a warning and an error: the warning"
expect_err_has "versions/x.mig:4:10: error: " "a warning and an error: the error"
expect_last_err "retort: 2 revisions in 2 files: 1 error, 1 warning" \
	"a warning and an error: the summary"

# --- the error cap ---------------------------------------------------------

# 150 errors found after parsing: 100 shown, then one line saying so.
rm -rf versions
{
	echo 'revision cap1'
	echo 'up {'
	i=1
	while [ $i -le 150 ]; do
		echo "    create table t$i (id integer(1));"
		i=$((i + 1))
	done
	echo '}'
} >cap.mig
mkdir versions
mv cap.mig versions/cap.mig
run_retort check
expect_rc 1 "150 errors: exit 1"
expect_err_count 100 "versions/cap.mig:" "150 errors: exactly 100 diagnostics are printed"
expect_err_has "versions/cap.mig:102:27: error: " "150 errors: the 100th is the one on line 102"
expect_err_lacks "versions/cap.mig:103:" "150 errors: the 101st is not printed"
expect_err_count 1 "too many errors" "150 errors: one line says there were too many"
too_many=$(printf '%s\n' "$err" | grep -n "too many errors" | cut -d: -f1)
last_diag=$(printf '%s\n' "$err" | grep -n "^versions/cap.mig:102:27:" | cut -d: -f1)
if [ -n "$too_many" ] && [ -n "$last_diag" ] && [ "$too_many" -gt "$last_diag" ]; then
	ok "150 errors: the 'too many errors' line comes after the 100th error"
else
	notok "150 errors: the 'too many errors' line is at line '$too_many', the 100th error at '$last_diag'"
fi

# 150 syntax errors: the parser stops at the cap.
rm -rf versions
{
	echo 'revision cap2'
	echo 'up {'
	i=1
	while [ $i -le 150 ]; do
		echo "    bad$i;"
		i=$((i + 1))
	done
	echo '}'
} >cap.mig
mkdir versions
mv cap.mig versions/cap.mig
run_retort check
expect_rc 1 "150 syntax errors: exit 1"
expect_err_count 100 ": error: syntax error" "150 syntax errors: exactly 100 are printed"
expect_err_has "versions/cap.mig:102:5: error: syntax error" \
	"150 syntax errors: the 100th is the one on line 102"
expect_err_lacks "versions/cap.mig:103:" "150 syntax errors: the 101st is not printed"
expect_err_count 1 "too many errors" "150 syntax errors: one line says there were too many"
# (The parser used to stop silently, and left the byte after its last
# token as NUL in the printed source: fixed in b3ae28e.)
if tr -d '\000' <"$T/.err" | cmp -s - "$T/.err"; then
	ok "150 syntax errors: no NUL byte on stderr"
else
	notok "150 syntax errors: a NUL byte on stderr"
fi
expect_err_has "    bad100;" "150 syntax errors: the 100th source line is printed intact"

# --- nesting too deep for the parser ---------------------------------------

rm -rf versions
mkdir versions
{
	printf 'revision deep\nup {\n    create table t (id integer check ('
	i=0
	while [ $i -lt 12000 ]; do
		printf '(((((((((('
		i=$((i + 10))
	done
	printf '\n'
} >versions/deep.mig
run_retort check
expect_rc 1 "12000 nested parentheses: exit 1, no crash"
expect_err_has ": error: input is nested too deeply" \
	"12000 nested parentheses: 'input is nested too deeply'"
expect_err_count 1 ": error: " "12000 nested parentheses: one error only"
if tr -d '\000' <"$T/.err" | cmp -s - "$T/.err"; then
	ok "12000 nested parentheses: no NUL byte on stderr"
else
	notok "12000 nested parentheses: a NUL byte on stderr"
fi

# Branches that do not commute: a warning at both statements, naming
# both revisions; --strict fails on it; merge says the same when it
# joins them (issue 10).
rm -rf versions
mig versions/a.mig 'revision a
up { create table t (id integer primary key, name text); }
down { drop table t; }'
mig versions/b.mig 'revision b1
depends a
created '"'"'2024-01-02 00:00:00'"'"'
up { alter table t rename to t2; }
down { alter table t2 rename to t; }
revision b2
depends a
created '"'"'2024-01-01 00:00:00'"'"'
up { alter table t add column w integer; }
down { alter table t drop column w; }'
run_retort check
expect_rc 0 "branches that do not commute: check passes"
expect_err_has 'versions/b.mig:4:6: warning: b1 renames table "t" to "t2"; b2 adds column "w" to table "t": these branches do not commute' \
	"branches that do not commute: the warning names both revisions"
expect_err_has 'versions/b.mig:9:6: note: b2 adds column "w" to table "t" here' \
	"branches that do not commute: a note at the other statement"
run_retort check --strict
expect_rc 1 "branches that do not commute: check --strict fails"
run_retort merge -m 'join b1 and b2'
expect_rc 0 "merge of branches that do not commute: exit 0"
expect_err_has 'warning: b1 renames table "t" to "t2"; b2 adds column "w" to table "t": these branches do not commute' \
	"merge of branches that do not commute: the same warning"
run_retort check
expect_err_count 1 'these branches do not commute' \
	"after the merge: the branches still do not commute for a database on one of them"
rm -rf versions
mig versions/a.mig 'revision a
up { create table t (id integer primary key, name text); create table u (id integer); }
down { drop table u; drop table t; }'
mig versions/b.mig 'revision b1
depends a
up {
    alter table t add column x integer;
    -- retort: ignore R108 (t is small)
    create index ix_t_name on t (name);
}
down { drop index ix_t_name; alter table t drop column x; }
revision b2
depends a
up { alter table t add column y integer; alter table u add column z integer; }
down { alter table u drop column z; alter table t drop column y; }'
# (A fixed id: a random one starting with "a" would draw R106's warning.)
run_retort merge -m 'join b1 and b2' --rev-id m1
expect_rc 0 "merge of branches that commute: exit 0"
expect_err_lacks 'do not commute' "merge of branches that commute: no warning"
run_retort check --strict
expect_rc 0 "branches that touch different objects: check --strict passes"
