# tests/cli/lib.sh: helpers for the CLI tests, sourced by each t_*.sh.
# Every check prints "ok - ..." or "not ok - ..."; run.sh counts them.
# $RETORT is absolute; each test file runs in a fresh temp dir ($T).

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

# expect_rc <want> <description>
expect_rc() {
	if [ "$rc" = "$1" ]; then ok "$2"; else
		notok "$2: exit status $rc, expected $1"
		printf '%s\n' "$err" | sed 's/^/#   /'
	fi
}

# expect_err_has <fixed text> <description>
expect_err_has() {
	if printf '%s\n' "$err" | grep -qF -- "$1"; then ok "$2"; else
		notok "$2: stderr lacks '$1'"
		printf '%s\n' "$err" | sed 's/^/#   /'
	fi
}

# expect_out_has <fixed text> <description>
expect_out_has() {
	if printf '%s\n' "$out" | grep -qF -- "$1"; then ok "$2"; else
		notok "$2: stdout lacks '$1'"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

# expect_err_lines <n> <description>: stderr has exactly n lines
expect_err_lines() {
	n=$(printf '%s\n' "$err" | grep -c .)
	if [ "$n" = "$1" ]; then ok "$2"; else
		notok "$2: $n lines on stderr, expected $1"
		printf '%s\n' "$err" | sed 's/^/#   /'
	fi
}
