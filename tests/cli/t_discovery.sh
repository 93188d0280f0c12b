#!/bin/sh
# t_discovery.sh: which files `retort check` reads (LANGUAGE.md "A
# revision": every *.mig under the versions directory, recursively, in
# byte order of the path; dot files and directories and other files
# ignored; symbolic links followed to files, never to directories), the
# versions directory (-C, --versions) and I/O errors (exit 3).
. "$TESTS/lib.sh"

# expect_files <list> <description>: the files named in error
# diagnostics, in order of appearance, space-separated
expect_files() {
	got=$(printf '%s\n' "$err" | sed -n 's/^\([^ ]*\.mig\):[0-9]*:[0-9]*: error: .*/\1/p' |
		tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$1" ]; then ok "$2"; else
		notok "$2: files in the order '$got', expected '$1'"
		show_err
	fi
}

# broken <path> <id>: a revision with one syntax error (line 2, col 6)
broken() {
	mig "$1" "revision $2
up { bogus; }"
}

# good <path> <id>: a valid revision
good() {
	mig "$1" "revision $2
up { }
down { }"
}

# --- byte order of the path -----------------------------------------------

# Byte order: 'B' (0x42) < 'a'; in "a-b.mig" < "a.mig" < "a/b.mig" the
# bytes after "a" are '-' (0x2d) < '.' (0x2e) < '/' (0x2f); "a0" after
# "a/"; "b.mig" after all of "a...".  Created in a scrambled order so
# that readdir's order is no help.
broken versions/b.mig r_b
broken versions/a/b.mig r_a_b
broken versions/a0.mig r_a0
broken versions/B.mig r_B
broken versions/a.mig r_a
broken versions/a-b.mig r_a_dash_b
broken versions/a/a/z.mig r_a_a_z
broken versions/_.mig r_underscore
run_retort check
expect_rc 1 "order: exit 1"
expect_files "versions/B.mig versions/_.mig versions/a-b.mig versions/a.mig versions/a/a/z.mig versions/a/b.mig versions/a0.mig versions/b.mig" \
	"order: files are read recursively, in byte order of the whole path"
expect_err_has "retort: 8 revisions in 8 files: 8 errors" \
	"order: every file is counted"

# The same files in another directory tree, created in the reverse
# order: byte-identical output apart from nothing.
cp "$T/.err" "$T/first.err"
rm -rf versions
broken versions/_.mig r_underscore
broken versions/a/a/z.mig r_a_a_z
broken versions/a-b.mig r_a_dash_b
broken versions/a.mig r_a
broken versions/B.mig r_B
broken versions/a0.mig r_a0
broken versions/a/b.mig r_a_b
broken versions/b.mig r_b
run_retort check
if cmp -s "$T/.err" "$T/first.err"; then
	ok "order: creation order makes no difference to the output"
else
	notok "order: creation order changed the output"
	diff "$T/first.err" "$T/.err" | head -n 20 | sed 's/^/#   /'
fi

# --- what is ignored ------------------------------------------------------

rm -rf versions
good versions/ok.mig r_ok
broken versions/.hidden.mig r_hidden
broken versions/.dir/inside.mig r_dotdir
broken versions/sub/.deeper/inside.mig r_dotdir2
broken versions/notes.txt r_txt
broken versions/ok.mig.bak r_bak
broken versions/README r_readme
broken versions/upper.MIG r_upper
broken versions/.mig r_dotmig
broken versions/mig r_bare
run_retort check
expect_rc 0 "ignored files: exit 0 (none of the broken files was read)"
expect_err_has "retort: 1 revision in 1 file: 0 errors, 0 warnings" \
	"ignored files: only ok.mig counts"
expect_err_lacks "hidden" "ignored files: a .mig file whose name starts with '.'"
expect_err_lacks "inside" "ignored files: .mig files in directories whose names start with '.'"
expect_err_lacks "notes.txt" "ignored files: a .txt file"
expect_err_lacks ".bak" "ignored files: a .mig.bak file"
expect_err_lacks "upper.MIG" "ignored files: the suffix is .mig exactly, not .MIG"

# A directory named like a .mig file is walked, not read as a file.
rm -rf versions
broken versions/dir.mig/inner.mig r_inner
run_retort check
expect_rc 1 "a directory called dir.mig: exit 1"
expect_files "versions/dir.mig/inner.mig" "a directory called dir.mig: walked into, its file read"

# --- symbolic links -------------------------------------------------------

rm -rf versions
mkdir elsewhere elsewhere/dir
broken elsewhere/target.mig r_link
broken elsewhere/dir/under_linked_dir.mig r_linked_dir
good versions/ok.mig r_ok
ln -s ../elsewhere/target.mig versions/link.mig
ln -s ../elsewhere/dir versions/linkdir
ln -s ../elsewhere/dir versions/linkdir.mig
run_retort check
expect_rc 1 "symbolic links: exit 1 (the file behind link.mig is broken)"
expect_files "versions/link.mig" \
	"symbolic links: a link to a .mig file is followed, and named by the link's path"
expect_err_lacks "under_linked_dir" "symbolic links: a link to a directory is not followed"
expect_err_has "retort: 2 revisions in 2 files: 1 error" \
	"symbolic links: ok.mig and link.mig, nothing else"

# A dangling .mig link may stand for a missing migration: an I/O error.
ln -s ../elsewhere/nothing.mig versions/dangling.mig
run_retort check
expect_rc 3 "a dangling .mig link: exit 3"
expect_err_lines 1 "a dangling .mig link: a one-line message"
expect_err_has 'cannot read "versions/dangling.mig": No such file or directory' \
	"a dangling .mig link: the message names it"
rm -f versions/dangling.mig

# A link to a .txt file is not a .mig file; a .mig link to a file whatever
# its name is one.
rm -rf versions elsewhere
mkdir elsewhere
broken elsewhere/plain.txt r_txt
good versions/ok.mig r_ok
ln -s ../elsewhere/plain.txt versions/via.mig
run_retort check
expect_files "versions/via.mig" "symbolic links: the link's name decides, not the target's"

# A named pipe called x.mig is no file: ignored, and check does not hang.
rm -rf versions
good versions/ok.mig r_ok
if mkfifo versions/pipe.mig 2>/dev/null; then
	run_retort check
	expect_rc 0 "a named pipe called pipe.mig: ignored, exit 0"
else
	ok "a named pipe called pipe.mig # skip no mkfifo"
fi

# A symbolic link loop.
rm -rf versions
good versions/ok.mig r_ok
ln -s loop.mig versions/loop.mig
run_retort check
expect_rc 3 "a symbolic link loop called loop.mig: exit 3"
expect_err_lines 1 "a symbolic link loop called loop.mig: a one-line message"
expect_err_has '"versions/loop.mig"' "a symbolic link loop called loop.mig: the message names it"
expect_err_lacks "directory" "a symbolic link loop called loop.mig: not called a directory"

rm -f versions/loop.mig
ln -s loop.txt versions/loop.txt
run_retort check
expect_rc 0 "a symbolic link loop called loop.txt: ignored like other non-.mig files"
rm -f versions/loop.txt

# --- the versions directory -----------------------------------------------

rm -rf versions elsewhere
mkdir versions
run_retort check
expect_rc 0 "an empty versions directory: exit 0"
expect_err_has "retort: 0 revisions in 0 files: 0 errors, 0 warnings" \
	"an empty versions directory: the summary says 0 files"

rm -rf versions
mkdir -p versions/a/b/c
run_retort check
expect_rc 0 "a versions directory with only empty subdirectories: exit 0"

rm -rf versions
run_retort check
expect_rc 3 "no versions directory: exit 3"
expect_err_lines 1 "no versions directory: a one-line message"
expect_err_has '"versions"' "no versions directory: the message names it"
if [ -z "$out" ]; then ok "no versions directory: nothing on stdout"; else
	notok "no versions directory: stdout is not empty"; fi

run_retort -q check
expect_rc 3 "no versions directory, -q: exit 3"
expect_err_has '"versions"' "no versions directory, -q: the message is still shown"

# versions is a file, not a directory
echo "not a directory" >versions
run_retort check
expect_rc 3 "versions is a plain file: exit 3"
expect_err_lines 1 "versions is a plain file: a one-line message"
expect_err_has '"versions"' "versions is a plain file: the message names it"
rm -f versions

# --versions DIR: another directory name
broken migrations/m.mig r_m
good versions/v.mig r_v
run_retort --versions migrations check
expect_rc 1 "--versions migrations: exit 1 (reads migrations/, not versions/)"
expect_files "migrations/m.mig" "--versions migrations: paths start with that directory"

run_retort --versions nowhere check
expect_rc 3 "--versions to a missing directory: exit 3"
expect_err_lines 1 "--versions to a missing directory: a one-line message"
expect_err_has '"nowhere"' "--versions to a missing directory: the message names it"

# --versions with a nested path and with ./
run_retort --versions ./migrations check
expect_files "./migrations/m.mig" "--versions ./migrations: the path as given"

# A trailing slash on --versions names the same directory.
run_retort --versions migrations/ check
expect_files "migrations/m.mig" "--versions migrations/: no doubled slash in the paths"

# -C DIR: the project root; --versions is relative to it, whatever the order
rm -rf migrations versions
broken proj/versions/p.mig r_p
broken proj/migs/q.mig r_q
run_retort -C proj check
expect_rc 1 "-C proj: exit 1"
expect_files "versions/p.mig" "-C proj: reads proj/versions, paths relative to proj"

run_retort -C proj --versions migs check
expect_files "migs/q.mig" "-C proj --versions migs: --versions is relative to -C"

run_retort --versions migs -C proj check
expect_files "migs/q.mig" "--versions migs -C proj: the same in the other order"

run_retort --directory proj check
expect_files "versions/p.mig" "--directory proj: the long form of -C"

run_retort --directory=proj --versions=migs check
expect_files "migs/q.mig" "--directory=proj --versions=migs: the = forms"

run_retort -Cproj check
expect_files "versions/p.mig" "-Cproj: the argument glued to -C"

run_retort -C nowhere check
expect_rc 3 "-C to a missing directory: exit 3"
expect_err_lines 1 "-C to a missing directory: a one-line message"
expect_err_has "nowhere" "-C to a missing directory: the message names it"

run_retort -C proj/versions/p.mig check
expect_rc 3 "-C to a file: exit 3"
expect_err_lines 1 "-C to a file: a one-line message"

# An absolute --versions: paths are shown as given.
run_retort --versions "$T/proj/migs" check
expect_files "$T/proj/migs/q.mig" "--versions /abs/path: the paths as given"

# --- unreadable files and directories -------------------------------------

rm -rf proj
good versions/a.mig r_a
good versions/b.mig r_b
chmod 000 versions/b.mig
if [ "$(id -u)" = 0 ]; then
	ok "an unreadable file: exit 3 # skip running as root, chmod does not stop reads"
	ok "an unreadable file: a one-line message naming it # skip running as root"
else
	run_retort check
	expect_rc 3 "an unreadable file: exit 3"
	expect_err_lines 1 "an unreadable file: a one-line message naming it"
	expect_err_has '"versions/b.mig"' "an unreadable file: the message names the file"
fi
chmod 644 versions/b.mig

mkdir versions/locked
good versions/locked/c.mig r_c
chmod 000 versions/locked
if [ "$(id -u)" = 0 ]; then
	ok "an unreadable subdirectory: exit 3 # skip running as root"
else
	run_retort check
	expect_rc 3 "an unreadable subdirectory: exit 3"
	expect_err_lines 1 "an unreadable subdirectory: a one-line message"
	expect_err_has '"versions/locked"' "an unreadable subdirectory: the message names it"
fi
chmod 755 versions/locked

# As root, the same through setpriv as an unprivileged user, when that works.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	as_nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$RETORT" --color=never "$@" >"$T/.out" 2>"$T/.err"
		rc=$?
		out=$(cat "$T/.out")
		err=$(cat "$T/.err")
	}
	chmod 755 "$T"
	chmod -R a+rX versions
	chmod 000 versions/b.mig
	as_nobody check
	if [ "$rc" = 126 ] || [ "$rc" = 127 ]; then
		ok "an unreadable file (as nobody): # skip the binary cannot run as nobody"
	else
		expect_rc 3 "an unreadable file (as nobody): exit 3"
		expect_err_lines 1 "an unreadable file (as nobody): a one-line message"
		expect_err_has '"versions/b.mig"' "an unreadable file (as nobody): the message names the file"
	fi
	chmod 644 versions/b.mig
	chmod 000 versions/locked
	as_nobody check
	if [ "$rc" = 126 ] || [ "$rc" = 127 ]; then
		ok "an unreadable subdirectory (as nobody): # skip the binary cannot run as nobody"
	else
		expect_rc 3 "an unreadable subdirectory (as nobody): exit 3"
		expect_err_lines 1 "an unreadable subdirectory (as nobody): a one-line message"
		expect_err_has '"versions/locked"' "an unreadable subdirectory (as nobody): the message names it"
	fi
	chmod 755 versions/locked
fi
