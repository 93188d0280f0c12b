#!/bin/sh
# t_man.sh: retort.1, which compiler/mkman.c prints from the --help texts:
# groff reads it without a warning, man renders it, and every command,
# every long option of each, and every line of retort.ini are in it.
# The page is $RETORT_MAN (make test-run sets it), else build/rel/retort.1.
. "$TESTS/lib.sh"

root=$(cd "$TESTS/../.." && pwd)
MAN=${RETORT_MAN:-build/rel/retort.1}
case "$MAN" in /*) ;; *) MAN=$root/$MAN ;; esac

# show <file>: its start, as a TAP comment
show() {
	head -n 12 "$1" | sed 's/^/#   /'
}

if [ ! -f "$MAN" ]; then
	notok "man page: $MAN is missing (make man)"
	exit 0
fi
if ! command -v groff >/dev/null 2>&1; then
	notok "man page: groff is not installed (Debian's groff-base)"
	exit 0
fi

# --- the roff source -------------------------------------------------------

groff -man -ww -z "$MAN" >"$T/warn" 2>&1
if [ $? -eq 0 ] && [ ! -s "$T/warn" ]; then
	ok "man page: groff -man -ww reports nothing"
else
	notok "man page: groff -man -ww warns"
	show "$T/warn"
fi

if grep -n -e '--' "$MAN" >"$T/dash"; then
	notok "man page: every '-' of an option is written \\-"
	show "$T/dash"
else ok "man page: every '-' of an option is written \\-"; fi

ver=$("$RETORT" --version | sed 's/^retort //')
th=$(sed -n '/^\.TH /p' "$MAN")
case "$th" in
*"retort $ver"*) ok "man page: .TH names version $ver" ;;
*) notok "man page: .TH lacks 'retort $ver': $th" ;;
esac
if printf '%s\n' "$th" | grep -q '[12][0-9][0-9][0-9]'; then
	notok "man page: .TH has a date (the page must not depend on the day)"
else ok "man page: .TH has no date"; fi

mkman=$(dirname "$MAN")/mkman
if [ -x "$mkman" ]; then
	"$mkman" >"$T/again.1" 2>"$T/mkman.err"
	if [ $? -eq 0 ] && cmp -s "$T/again.1" "$MAN" && [ ! -s "$T/mkman.err" ]; then
		ok "man page: mkman prints the same page again"
	else notok "man page: mkman prints a different page, or fails"; fi
fi

# --- rendered --------------------------------------------------------------

if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -l "$MAN" >"$T/man.txt" 2>"$T/man.err"
	if [ $? -eq 0 ] && [ ! -s "$T/man.err" ] &&
	   grep -q '^COMMANDS$' "$T/man.txt"; then
		ok "man page: man -l renders it without a warning"
	else
		notok "man page: man -l fails or warns"
		show "$T/man.err"
	fi
else
	ok "man page: man -l renders it # SKIP man is not installed"
fi

# ASCII (options keep their '-'), no bold or underline, no line breaks
# short of 200 columns.
groff -man -Tascii -P-cbou -rLL=200n "$MAN" >"$T/page.txt" 2>/dev/null
if [ -s "$T/page.txt" ] && ! grep -q "$(printf '\b')" "$T/page.txt"; then
	ok "man page: groff -Tascii renders plain text"
else notok "man page: groff -Tascii fails or leaves overstrikes"; fi

# section <heading>: the lines of that section of the rendered page
section() {
	H=$1 awk '/^[^ ]/ { on = ($0 == ENVIRON["H"]); next } on' "$T/page.txt"
}

# subsection <command>: the lines of its subsection of COMMANDS
subsection() {
	section COMMANDS |
	    H="   $1" awk '/^   [^ ]/ { on = ($0 == ENVIRON["H"]); next } on'
}

# long_options <file>: every --option named in it, once each
long_options() {
	grep -o -e '--[a-z][a-z0-9-]*' "$1" | sort -u
}

# missing_options <help file> <text>: those of the help's long options
# the text lacks, on one line
missing_options() {
	for o in $(long_options "$1"); do
		printf '%s\n' "$2" | grep -qE -e "(^|[^a-z-])$o([^a-z0-9-]|\$)" ||
			printf ' %s' "$o"
	done
}

missing=""
for s in NAME SYNOPSIS DESCRIPTION 'GLOBAL OPTIONS' COMMANDS CONFIGURATION \
	 'EXIT STATUS' ENVIRONMENT FILES 'SEE ALSO'; do
	grep -qx "$s" "$T/page.txt" || missing="$missing '$s'"
done
if [ -z "$missing" ]; then ok "man page: every section is there"
else notok "man page: sections missing:$missing"; fi

"$RETORT" --help >"$T/help" 2>&1
sed '/^commands:$/,$d' "$T/help" >"$T/global"
m=$(missing_options "$T/global" "$(section 'GLOBAL OPTIONS')")
if [ -z "$m" ]; then ok "man page: GLOBAL OPTIONS has every global option"
else notok "man page: GLOBAL OPTIONS lacks$m"; fi

cmds=$(awk '/^commands:$/ { on = 1; next } on && !NF { exit } on { print $1 }' \
	"$T/help")
if [ -n "$cmds" ]; then ok "retort --help lists the commands"
else notok "retort --help lists no commands"; fi
n=$(section COMMANDS | grep -c '^   [^ ]')
if [ "$n" = "$(printf '%s\n' $cmds | grep -c .)" ]; then
	ok "man page: one subsection per command ($n)"
else notok "man page: $n subsections in COMMANDS for $(echo $cmds | wc -w) commands"; fi

for c in $cmds; do
	if ! section COMMANDS | grep -qx "   $c"; then
		notok "man page: COMMANDS has no subsection for $c"
		continue
	fi
	ok "man page: COMMANDS has a subsection for $c"
	"$RETORT" "$c" --help >"$T/help.$c" 2>&1
	sub=$(subsection "$c")
	m=$(missing_options "$T/help.$c" "$sub")
	if [ -z "$m" ]; then ok "man page: $c: every long option of its --help"
	else notok "man page: $c: its subsection lacks$m"; fi
	# The usage lines, joined, are the subsection's first line.
	want=$(sed -n '1,/^$/p' "$T/help.$c" | sed 's/^ *//; s/^usage: //; s/^or: //' |
	       tr '\n' ' ' | sed 's/  *$//')
	got=$(printf '%s\n' "$sub" | grep -m 1 . | sed 's/^ *//')
	if [ "$got" = "$want" ]; then ok "man page: $c: its synopsis is its usage"
	else notok "man page: $c: synopsis '$got', usage '$want'"; fi
done

# --- retort.ini ------------------------------------------------------------

"$RETORT" init proj >/dev/null 2>&1
if [ -f proj/retort.ini ]; then
	conf=$(section CONFIGURATION | sed 's/^ *//')
	keys=""
	lines=""
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		printf '%s\n' "$conf" | grep -qxF -e "$line" && continue
		case "$line" in
		'#'*) lines="$lines
#   $line" ;;
		*) keys="$keys '$line'" ;;
		esac
	done <proj/retort.ini
	if [ -z "$keys" ]; then ok "man page: CONFIGURATION has every key line of retort.ini"
	else notok "man page: CONFIGURATION lacks$keys"; fi
	if [ -z "$lines" ]; then ok "man page: CONFIGURATION has every comment of retort.ini"
	else notok "man page: CONFIGURATION lacks comment lines:$lines"; fi
else
	notok "man page: retort init wrote no retort.ini to compare with"
fi
