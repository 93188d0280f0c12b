#!/bin/sh
# t_output.sh: the forms of check's output (CLI.md "Output and exit
# status"): --format github workflow commands on stdout, colour
# (--color, NO_COLOR), determinism, and no files written.
. "$TESTS/lib.sh"

# expect_out_line <line> <description>: stdout has exactly this line
expect_out_line() {
	if printf '%s\n' "$out" | grep -qxF -- "$1"; then ok "$2"; else
		notok "$2: stdout lacks the line '$1'"
		show_out
	fi
}

# expect_out_lines <n> <description>
expect_out_lines() {
	n=$(printf '%s\n' "$out" | grep -c .)
	if [ "$n" = "$1" ]; then ok "$2"; else
		notok "$2: $n lines on stdout, expected $1"
		show_out
	fi
}

# expect_escapes <file> <description> / expect_no_escapes <file> <description>
esc=$(printf '\033')
expect_escapes() {
	if grep -q "$esc\[" "$1"; then ok "$2"; else
		notok "$2: no ANSI escape in $(basename "$1")"
	fi
}
expect_no_escapes() {
	if grep -q "$esc" "$1"; then
		notok "$2: an escape character in $(basename "$1")"
		sed -n l "$1" | head -n 10 | sed 's/^/#   /'
	else ok "$2"; fi
}

# retort_raw <args...>: like run_retort, without the --color=never it adds
retort_raw() {
	"$RETORT" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# A project with a warning (a.mig), errors (b.mig) and a note (c.mig).
mig versions/a.mig 'revision a1
up {
    create table t (id integer, name citext);
}
down { drop table t; }'
mig versions/b.mig 'revision b1
depends a1
up {
    create table u (id integer(5));
    drop tabel t;
}'
mig versions/c.mig 'revision c1
depends b1
up { create table v (id integer);
'

# --- --format github ------------------------------------------------------

run_retort check --format github
expect_rc 1 "github: exit 1 as in text format"
expect_out_line "::warning file=versions/a.mig,line=3,col=38::type \"citext\" is not portable; it is written as is for every dialect" \
	"github: the warning as ::warning with file, line and col"
expect_out_line "::error file=versions/b.mig,line=4,col=24::type \"integer\" takes no arguments" \
	"github: an error as ::error file=...,line=...,col=...::message"
expect_out_line "::error file=versions/b.mig,line=5,col=10::syntax error, unexpected identifier, expecting 'index' or 'table' or 'type' or 'sequence'" \
	"github: a syntax error"
if printf '%s\n' "$out" | grep -q '^::notice file=versions/c.mig,line=3,col=4::to match this '"'{'"'$'; then
	ok "github: a note as ::notice"
else
	notok "github: no ::notice for c.mig's unclosed '{'"
	show_out
fi
bad=$(printf '%s\n' "$out" | grep -v '^::\(error\|warning\|notice\) file=[^,]*,line=[0-9]*,col=[0-9]*::.' | head -n 1)
if [ -z "$bad" ]; then ok "github: every stdout line is a workflow command"; else
	notok "github: a stdout line is no workflow command: '$bad'"; fi
gh_order=$(printf '%s\n' "$out" |
	sed 's/^::\([a-z]*\) file=\([^,]*\),line=\([0-9]*\),col=\([0-9]*\)::.*/\2:\3:\4 \1/' |
	sed 's/ notice$/ note/')
run_retort check
text_order=$(printf '%s\n' "$err" |
	sed -n 's/^\(versions\/[a-z]*\.mig:[0-9]*:[0-9]*\): \([a-z]*\): .*/\1 \2/p')
if [ "$gh_order" = "$text_order" ] && [ -n "$gh_order" ]; then
	ok "github: the same diagnostics in the same order as the text format"
else
	notok "github: not the text format's diagnostics"
	printf '%s\n' "$gh_order" "--" "$text_order" | sed 's/^/#   /'
fi

run_retort check --format=github --strict
expect_rc 1 "github --strict: exit 1"

# Only the warning: exit 0 in github format too; --strict makes it 1.
rm versions/b.mig versions/c.mig
run_retort check --format github
expect_rc 0 "github, a warning only: exit 0"
expect_out_lines 1 "github, a warning only: one workflow command"
run_retort check --format github --strict
expect_rc 1 "github, a warning only, --strict: exit 1"

# Escaping (GitHub's rules): '%' as %25 in the message; ',' and ':' in the
# file property as %2C and %3A.
rm -rf versions
mig 'versions/a,b:c.mig' "revision 'x%y'
up { }"
run_retort check --format github
expect_rc 1 "github escaping: exit 1"
expect_out_line "::error file=versions/a%2Cb%3Ac.mig,line=1,col=10::revision id \"x%25y\" may only contain letters, digits and '_'" \
	"github escaping: %25 in the message, %2C and %3A in the file name"

# A valid project: nothing on stdout.
rm -rf versions
mig versions/ok.mig 'revision ok1
up { create table t (id integer); }
down { drop table t; }'
run_retort check --format github
expect_rc 0 "github, valid project: exit 0"
if [ -z "$out" ]; then ok "github, valid project: nothing on stdout"; else
	notok "github, valid project: stdout is not empty"; show_out; fi

# An I/O error in github format: exit 3, and an ::error without a file.
rm -rf versions
run_retort check --format github
expect_rc 3 "github, no versions directory: exit 3"
expect_out_line '::error::cannot read directory "versions": No such file or directory' \
	"github, no versions directory: an ::error with no file property"

# --- colour ---------------------------------------------------------------

mig versions/a.mig 'revision a1
up {
    create table t (id integer(5), name citext);
}'

retort_raw --color=always check
expect_rc 1 "--color=always: exit 1"
expect_escapes "$T/.err" "--color=always: ANSI escapes on stderr"
if sed "s/$esc\[[0-9;]*m//g" "$T/.err" | grep -qxF 'versions/a.mig:3:24: error: type "integer" takes no arguments'; then
	ok "--color=always: without the escapes, the same text"
else
	notok "--color=always: the text differs once the escapes are removed"
	sed -n l "$T/.err" | head -n 10 | sed 's/^/#   /'
fi
cp "$T/.err" "$T/always.err"

NO_COLOR=1 retort_raw --color=always check
if cmp -s "$T/.err" "$T/always.err"; then
	ok "--color=always wins over NO_COLOR"
else
	notok "--color=always with NO_COLOR=1 differs from --color=always"
fi

retort_raw --color=never check
expect_rc 1 "--color=never: exit 1"
expect_no_escapes "$T/.err" "--color=never: no escapes"

retort_raw check
expect_no_escapes "$T/.err" "default (auto), stderr not a terminal: no escapes"

NO_COLOR=1 retort_raw --color=auto check
expect_no_escapes "$T/.err" "--color=auto with NO_COLOR=1: no escapes"

retort_raw --color=always check --format github
expect_no_escapes "$T/.out" "--color=always --format github: no escapes in the workflow commands"

retort_raw --color=always -q check
expect_escapes "$T/.err" "--color=always -q: the error is still coloured"

# With a terminal on stderr (util-linux script), auto colours unless NO_COLOR.
if command -v script >/dev/null 2>&1 &&
	script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	script -qec "\"$RETORT\" check" /dev/null >"$T/tty.out" 2>&1 </dev/null
	expect_escapes "$T/tty.out" "--color=auto on a terminal: colour"
	NO_COLOR=1 script -qec "\"$RETORT\" check" /dev/null >"$T/tty.out" 2>&1 </dev/null
	expect_no_escapes "$T/tty.out" "--color=auto on a terminal with NO_COLOR=1: no colour"
	NO_COLOR='' script -qec "\"$RETORT\" check" /dev/null >"$T/tty.out" 2>&1 </dev/null
	expect_escapes "$T/tty.out" "--color=auto on a terminal with NO_COLOR empty: colour"
	script -qec "\"$RETORT\" --color=never check" /dev/null >"$T/tty.out" 2>&1 </dev/null
	expect_no_escapes "$T/tty.out" "--color=never on a terminal: no colour"
else
	ok "--color=auto on a terminal # skip no working script(1)"
fi

# --- determinism ----------------------------------------------------------

rm -rf versions
mig versions/a.mig 'revision a1
up {
    create table t (id integer(5), name citext);
    drop tabel t;
}'
mig versions/sub/b.mig 'revision b1
message 42
up { sql oracle $$ select 1 $$; }'
mig versions/c.mig 'revision c1
up { create table "unterminated (id integer); }'
i=1
while [ $i -le 3 ]; do
	run_retort check
	cp "$T/.err" "$T/run$i.err"
	cp "$T/.out" "$T/run$i.out"
	i=$((i + 1))
done
if cmp -s "$T/run1.err" "$T/run2.err" && cmp -s "$T/run1.err" "$T/run3.err"; then
	ok "determinism: three runs give byte-identical stderr"
else
	notok "determinism: stderr differs between runs"
fi
if cmp -s "$T/run1.out" "$T/run2.out"; then
	ok "determinism: and byte-identical stdout"
else
	notok "determinism: stdout differs between runs"
fi
run_retort check --format github
cp "$T/.out" "$T/gh1.out"
run_retort check --format github
if cmp -s "$T/.out" "$T/gh1.out"; then
	ok "determinism: github format, byte-identical stdout"
else
	notok "determinism: github format differs between runs"
fi

# The same project elsewhere, through -C: the same bytes.
mkdir other
cp -R versions other/versions
run_retort -C other check
if cmp -s "$T/.err" "$T/run1.err"; then
	ok "determinism: the same project in another directory, via -C"
else
	notok "determinism: -C other gives other output"
	diff "$T/run1.err" "$T/.err" | head -n 10 | sed 's/^/#   /'
fi
rm -rf other

# --- check writes nothing -------------------------------------------------

snapshot() {
	find . ! -name .out ! -name .err ! -name '.snap-*' | LC_ALL=C sort
}

snapshot >"$T/.snap-before"
run_retort check
run_retort check --format github
run_retort check --strict
run_retort -q check
run_retort -v check
snapshot >"$T/.snap-after"
if cmp -s "$T/.snap-before" "$T/.snap-after"; then
	ok "no output files: check on a broken project creates nothing"
else
	notok "no output files: check created files"
	diff "$T/.snap-before" "$T/.snap-after" | sed 's/^/#   /'
fi
rm -f "$T/.snap-before" "$T/.snap-after"

rm -rf versions
mig versions/ok.mig 'revision ok1
up { create table t (id integer); }
down { drop table t; }'
snapshot >"$T/.snap-before"
run_retort check
run_retort check --format github
snapshot >"$T/.snap-after"
if cmp -s "$T/.snap-before" "$T/.snap-after"; then
	ok "no output files: check on a valid project creates nothing"
else
	notok "no output files: check created files"
	diff "$T/.snap-before" "$T/.snap-after" | sed 's/^/#   /'
fi
rm -f "$T/.snap-before" "$T/.snap-after"

# Nor does it touch the sources.
cp versions/ok.mig "$T/ok.copy"
run_retort check
if cmp -s versions/ok.mig "$T/ok.copy"; then
	ok "no output files: the sources are left as they were"
else
	notok "no output files: check changed a source file"
fi

# --- -o onto a FIFO or a device: written in place, never replaced --------
# (a rename over /dev/null once turned it into a root-only file)
rm -rf versions
mig versions/a.mig 'revision a1
up { create table t (id integer); }
down { drop table t; }'
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/fifo.out" &
reader=$!
run_retort upgrade a1 -d sqlite -o "$T/fifo"
wait "$reader"
expect_rc 0 "-o FIFO: exit 0"
if [ -p "$T/fifo" ]; then ok "-o FIFO: the FIFO is still a FIFO"; else
	notok "-o FIFO: the FIFO was replaced by a file"; fi
if grep -q '^CREATE TABLE t' "$T/fifo.out"; then ok "-o FIFO: the reader got the script"; else
	notok "-o FIFO: the reader got nothing"; fi
if ls "$T"/fifo.tmp.* >/dev/null 2>&1; then notok "-o FIFO: a temporary file was left"; else
	ok "-o FIFO: no temporary file beside it"; fi

# --- a message cannot send escape sequences to the terminal --------------
rm -rf versions
mkdir versions
printf "revision e1\nmessage 'red \033[31m alert\rspoof'\nup {}\n" >versions/e.mig
for args in "history" "history -v" "heads -v" "show e1" "-v check" "graph"; do
	# shellcheck disable=SC2086
	run_retort $args
	if printf '%s%s' "$out" "$err" | od -c | grep -q '033\|\\r'; then
		notok "$args: a control character of the message reached the output"
	else
		ok "$args: the message's control characters are spaces"
	fi
done

# --- -o through a symbolic link: the file it names is replaced whole, the
# link stays a link; a link to a pipe is written in place
rm -rf versions
mig versions/a.mig 'revision a1
up { create table t (id integer); }'
echo old >"$T/target.sql"
ln -s "$T/target.sql" "$T/link.sql"
run_retort upgrade a1 -d sqlite -o "$T/link.sql"
if [ -L "$T/link.sql" ] && grep -q '^CREATE TABLE t' "$T/target.sql"; then
	ok "-o link: the target gets the script, the link stays"
else
	notok "-o link: link $(ls -l "$T/link.sql"), target $(head -c 40 "$T/target.sql")"
fi
ln -s /proc/self/fd/1 "$T/mystdout"
"$RETORT" --color=never upgrade a1 -d sqlite -o "$T/mystdout" >"$T/viastdout.sql"
if [ -L "$T/mystdout" ] && grep -q '^CREATE TABLE t' "$T/viastdout.sql"; then
	ok "-o a link to /proc/self/fd/1: the script reaches stdout, the link stays"
else
	notok "-o a link to stdout: $(ls -l "$T/mystdout")"
fi
