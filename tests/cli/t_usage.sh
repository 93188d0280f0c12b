#!/bin/sh
# t_usage.sh: the command line itself (CLI.md "Global options", "Output
# and exit status"): usage errors exit 2 with a one-line message on
# stderr and nothing on stdout; help and --version exit 0 on stdout.
. "$TESTS/lib.sh"

# expect_err_is <line> <description>: stderr is exactly that one line
expect_err_is() {
	if [ "$err" = "$1" ]; then ok "$2"; else
		notok "$2: stderr is not '$1'"
		show_err
	fi
}

# A valid project, so that a usage error is never a project error.
mig versions/a.mig 'revision a1
up { create table t (id integer); }
down { drop table t; }'

# --- commands -------------------------------------------------------------

run_retort upgade
expect_rc 2 "unknown command: exit 2"
expect_err_has "unknown command 'upgade'" "unknown command: named in the message"
expect_out_empty "unknown command: nothing on stdout"
expect_err_has "did you mean 'upgrade'?" "unknown command: the near one is suggested"

run_retort xyzzy
expect_rc 2 "unknown command far from any command: exit 2"
expect_err_lacks "did you mean" "unknown command far from any command: no suggestion"

run_retort chek
expect_rc 2 "misspelt command: exit 2"
expect_err_has "unknown command 'chek'" "misspelt command: named in the message"
expect_err_has "did you mean 'check'?" "misspelt command: suggests 'check'"

run_retort cehck
expect_err_has "did you mean 'check'?" "transposed letters: suggests 'check'"

run_retort CHECK
expect_rc 2 "commands are case-sensitive: CHECK is unknown"
expect_err_has "unknown command 'CHECK'" "CHECK: named in the message"

run_retort hlep
expect_err_has "did you mean 'help'?" "misspelt help: suggests 'help'"

# No command at all: the usage, on stderr, exit 2.
run_retort
expect_rc 2 "no command: exit 2"
expect_out_empty "no command: nothing on stdout"
expect_err_has "usage: retort" "no command: the usage on stderr"

run_retort -q
expect_rc 2 "only global options: exit 2"
expect_err_has "usage: retort" "only global options: the usage on stderr"

# --- global options -------------------------------------------------------

usage_error "unknown long global option" --frobnicate check
expect_err_has "unknown option '--frobnicate'" "unknown long global option: named"

usage_error "unknown short global option" -Z check
expect_err_has "unknown option '-Z'" "unknown short global option: named"

usage_error "unknown short option in a cluster" -qZ check
expect_err_has "unknown option '-Z'" "unknown short option in a cluster: -Z is named"

usage_error "unknown letter in the middle of a cluster" --quiet -Zq check
expect_err_has "unknown option '-Z'" "unknown letter in the middle of a cluster: -Z is named"
expect_err_lacks "'--quiet'" "unknown letter in the middle of a cluster: --quiet is not blamed"
usage_error "unknown letter in a check option cluster" check --strict -xq
expect_err_has "unknown option '-x'" "unknown letter in a check option cluster: -x is named"

usage_error "-C without its argument" -C
expect_err_has "'-C' needs an argument" "-C without its argument: says so"

usage_error "--directory without its argument" --directory
expect_err_has "'--directory' needs an argument" "--directory without its argument: says so"

usage_error "--versions without its argument" --versions
expect_err_has "'--versions' needs an argument" "--versions without its argument: says so"

usage_error "bad --color value" --color=blue check
expect_err_has "blue" "bad --color value: the value is named"
expect_err_has "auto, always or never" "bad --color value: the choices are named"

usage_error "empty --color value" --color= check

usage_error "--color without a value" --color
expect_err_has "'--color' needs an argument" "--color without a value: says so"

# Global options belong before the command.
usage_error "a global option after the command" check --frob
expect_err_has "retort check: unknown option '--frob'" \
	"an unknown check option: the message names the command and the option"

# --- check's options ------------------------------------------------------

usage_error "unknown short check option" check -x
expect_err_has "unknown option '-x'" "unknown short check option: named"

usage_error "--format without its argument" check --format
expect_err_has "'--format' needs an argument" "--format without its argument: says so"

usage_error "bad --format" check --format xml
expect_err_has "'xml'" "bad --format: the value is named"
expect_err_has "github" "bad --format: the choices are named"

usage_error "bad --format=" check --format=TEXT
expect_err_has "'TEXT'" "formats are case-sensitive: TEXT is named"

usage_error "unexpected positional argument" check extra
expect_err_has "'extra'" "unexpected positional argument: named"

usage_error "positional argument after options" check --strict extra
expect_err_has "'extra'" "positional argument after options: named"

usage_error "positional argument after --" check -- extra
expect_err_has "'extra'" "positional argument after --: named"

# Usage errors come before any reading: no versions directory needed.
mv versions versions.away
usage_error "a usage error without a versions directory" check --format xml
expect_err_lacks "cannot read" "a usage error is reported before any I/O"
mv versions.away versions

run_retort check --strict --format text
expect_rc 0 "check --strict --format text: valid options, exit 0"

# --- help -----------------------------------------------------------------

run_retort --help
expect_rc 0 "--help: exit 0"
expect_out_has "usage: retort" "--help: the usage on stdout"
expect_out_has "check" "--help: lists the check command"
expect_out_has "--versions" "--help: lists the global options"
expect_err_empty "--help: nothing on stderr"
cp "$T/.out" "$T/help.out"

run_retort -h
expect_rc 0 "-h: exit 0"
if cmp -s "$T/.out" "$T/help.out"; then ok "-h: the same as --help"; else
	notok "-h: differs from --help"; fi

run_retort help
expect_rc 0 "help: exit 0"
if cmp -s "$T/.out" "$T/help.out"; then ok "help: the same as --help"; else
	notok "help: differs from --help"; fi

run_retort --help check
expect_rc 0 "--help before a command: exit 0, the program's help"

run_retort help check
expect_rc 0 "help check: exit 0"
expect_out_has "usage: retort check" "help check: check's usage on stdout"
expect_out_has "--strict" "help check: lists --strict"
expect_out_has "--format" "help check: lists --format"
expect_err_empty "help check: nothing on stderr"
cp "$T/.out" "$T/check.out"

run_retort check --help
expect_rc 0 "check --help: exit 0"
expect_err_empty "check --help: nothing on stderr"
if cmp -s "$T/.out" "$T/check.out"; then ok "check --help: the same as help check"; else
	notok "check --help: differs from help check"; fi

run_retort check -h
expect_rc 0 "check -h: exit 0"
if cmp -s "$T/.out" "$T/check.out"; then ok "check -h: the same as help check"; else
	notok "check -h: differs from help check"; fi

run_retort help help
expect_rc 0 "help help: exit 0"
expect_out_has "usage: retort help" "help help: help's own usage"

run_retort help --help
expect_rc 0 "help --help: exit 0"
expect_out_has "usage: retort help" "help --help: help's own usage"

run_retort help frob
expect_rc 2 "help for an unknown command: exit 2"
expect_err_has "unknown command 'frob'" "help for an unknown command: named"
expect_err_has "see 'retort --help'" "help for an unknown command: points at --help"
run_retort help upgade
expect_rc 2 "help for a misspelt command: exit 2"
expect_err_has "did you mean 'upgrade'?" "help for a misspelt command: did you mean"
run_retort hist
expect_err_has "did you mean 'history'?" "the start of one command: suggests it"
run_retort he
expect_err_has "see 'retort --help'" "the start of several commands: no guess"
run_retort upgrade head --dialcet sqlite
expect_rc 2 "a misspelt long option: exit 2"
expect_err_has "unknown option '--dialcet' (did you mean '--dialect'?)" \
	"a misspelt long option: the option its help lists"
run_retort check --hlep
expect_err_has "(did you mean '--help'?)" "a misspelt --help: suggested"
run_retort --versoins x check
expect_err_has "(did you mean '--versions'?)" "a misspelt global option: suggested"
run_retort check --strict=yes
expect_err_has "option '--strict' takes no argument" "an argument to a flag: said so"
run_retort upgrade x -12
expect_err_has "unknown option '-12' (a relative target goes after a range's colon: head:-12)" \
	"-12 after another word: the hint names -12"
run_retort check -1
expect_err_lines 1 "check -1: no target hint where no target is taken"
run_retort i
expect_err_has "see 'retort --help'" "one letter: no guess"
run_retort upgrade --frobnicate
expect_err_lines 1 "an option like none: no guess, one line"
run_retort downgrade -1 -d sqlite
expect_rc 2 "downgrade -1 (Alembic's habit): exit 2"
expect_err_has "head:-1" "downgrade -1: points at head:-1"

usage_error "help with two arguments" help check extra

# Help does not need a project.
mv versions versions.away
run_retort check --help
expect_rc 0 "check --help without a versions directory: exit 0"
mv versions.away versions

# Every command of the list: `help CMD`, `CMD --help` and `CMD -h` print
# the same usage on stdout, exit 0, and need no project.
run_retort --help
cmds=$(printf '%s\n' "$out" | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 15 ] && ok "--help lists every command" ||
	notok "--help lists $(printf '%s\n' "$cmds" | wc -l) commands"
mv versions versions.away
for c in $cmds; do
	run_retort help "$c"
	cp "$T/.out" "$T/h.out"
	h_rc=$rc
	run_retort "$c" --help
	l_rc=$rc
	cp "$T/.out" "$T/l.out"
	run_retort "$c" -h
	if [ "$h_rc$l_rc$rc" = 000 ] && [ -z "$err" ] &&
	    head -n 1 "$T/h.out" | grep -q "^usage: retort $c" &&
	    cmp -s "$T/h.out" "$T/l.out" && cmp -s "$T/h.out" "$T/.out"; then
		ok "$c: help $c, $c --help and $c -h agree"
	else
		notok "$c: help exit $h_rc, --help exit $l_rc, -h exit $rc"
	fi
done
mv versions.away versions

# --- version --------------------------------------------------------------

run_retort --version
expect_rc 0 "--version: exit 0"
if [ "$out" = "retort 0.1.0" ]; then ok "--version: prints 'retort 0.1.0'"; else
	notok "--version: prints '$out'"; fi
expect_err_empty "--version: nothing on stderr"

run_retort --version check
expect_rc 0 "--version before a command: exit 0, no command run"
if [ "$out" = "retort 0.1.0" ]; then ok "--version check: only the version"; else
	notok "--version check: prints '$out'"; fi
expect_err_empty "--version check: nothing on stderr (check did not run)"
