# tests/cli/lib.sh: helpers for the CLI tests, sourced by each t_*.sh
# (the one place they are defined).  Every check prints "ok - ..." or
# "not ok - ..." followed by its evidence as "#   " lines; run.sh counts
# them.  $RETORT is absolute; each test file runs in a fresh temp dir
# ($T).  Only POSIX sh, grep, sed and awk: the suite runs the same with
# any of them (dash or bash, mawk or gawk).

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# mig <path> <content>: write a .mig file (directories made as needed).
mig() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

# run_retort <args...>: run retort; sets $rc, $out (stdout), $err (stderr).
run_retort() {
	"$RETORT" --color=never "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# show_err, show_out: the evidence, the last run's stderr or stdout
show_err() {
	printf '%s\n' "$err" | head -n 24 | sed 's/^/#   /'
}
show_out() {
	sed 's/^/#   /' "$T/.out" | head -n 40
}

# expect_rc <want> <description>
expect_rc() {
	if [ "$rc" = "$1" ]; then ok "$2"; else
		notok "$2: exit status $rc, expected $1"
		show_err
	fi
}

# expect_err_has <fixed text> <description>
expect_err_has() {
	if printf '%s\n' "$err" | grep -qF -- "$1"; then ok "$2"; else
		notok "$2: stderr lacks '$1'"
		show_err
	fi
}

# expect_err_lacks <fixed text> <description>
expect_err_lacks() {
	if printf '%s\n' "$err" | grep -qF -- "$1"; then
		notok "$2: stderr has '$1'"
		show_err
	else ok "$2"; fi
}

# expect_err_count <n> <fixed text> <description>: n lines of stderr
# contain the text
expect_err_count() {
	n=$(printf '%s\n' "$err" | grep -cF -- "$2")
	if [ "$n" = "$1" ]; then ok "$3"; else
		notok "$3: $n lines with '$2', expected $1"
		show_err
	fi
}

# expect_err_empty <description>
expect_err_empty() {
	if [ -z "$err" ]; then ok "$1"; else
		notok "$1: stderr is not empty"
		show_err
	fi
}

# expect_out_has <fixed text> <description>
expect_out_has() {
	if printf '%s\n' "$out" | grep -qF -- "$1"; then ok "$2"; else
		notok "$2: stdout lacks '$1'"
		show_out
	fi
}

# expect_out_empty <description>
expect_out_empty() {
	if [ ! -s "$T/.out" ]; then ok "$1"; else
		notok "$1: stdout is not empty"
		show_out
	fi
}

# expect_err_lines <n> <description>: stderr has exactly n lines
expect_err_lines() {
	n=$(printf '%s\n' "$err" | grep -c .)
	if [ "$n" = "$1" ]; then ok "$2"; else
		notok "$2: $n lines on stderr, expected $1"
		show_err
	fi
}

# usage_error <description> <args...>: exit 2, one line on stderr,
# nothing on stdout
usage_error() {
	desc=$1
	shift
	run_retort "$@"
	expect_rc 2 "$desc: exit 2"
	expect_err_lines 1 "$desc: a one-line message"
	expect_out_empty "$desc: nothing on stdout"
}

# expect_file <path> <description> / expect_no_file <path> <description>
expect_file() {
	if [ -e "$1" ]; then ok "$2"; else notok "$2: $1 does not exist"; fi
}
expect_no_file() {
	if [ -e "$1" ]; then notok "$2: $1 exists"; else ok "$2"; fi
}
