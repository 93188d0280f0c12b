#!/bin/sh
# t_language.sh: lexical and grammar rules of LANGUAGE.md seen through
# `retort check`: what must be accepted, what must be rejected, and
# where the error points.  (One golden case per diagnostic message is in
# tests/golden/; these are the rules that need a contrast.)
. "$TESTS/lib.sh"

# The language, not the lints (a revision without down is R104's).
printf '[retort]\nlints = none\n' >retort.ini

# accepts <description> <content>: one file with that content checks clean
accepts() {
	rm -rf versions
	mig versions/x.mig "$2"
	run_retort check
	if [ "$rc" = 0 ] && printf '%s\n' "$err" | grep -q ' 0 errors, 0 warnings$'; then
		ok "accepts $1"
	else
		notok "accepts $1: exit $rc"
		show_err
	fi
}

# rejects <description> <line:col> <message> <content>: exit 1 and an
# error "versions/x.mig:<line:col>: error: <message>..."
rejects() {
	rm -rf versions
	mig versions/x.mig "$4"
	run_retort check
	if [ "$rc" = 1 ] && printf '%s\n' "$err" | grep -qF -- "versions/x.mig:$2: error: $3"; then
		ok "rejects $1"
	else
		notok "rejects $1: exit $rc, expected 1 and 'versions/x.mig:$2: error: $3'"
		show_err
	fi
}

# --- keywords, names, comments --------------------------------------------

accepts "keywords in any case" 'REVISION a1
Message '\''x'\''
UP { CREATE TABLE T (ID INTEGER NOT NULL DEFAULT 1); }
Down { Drop Table t; }'

accepts "header words as names inside blocks" 'revision a1
up { create table message (depends integer, label text, created text); }'

rejects "a reserved word as a column name" 3:36 "syntax error, unexpected identifier, expecting '('" 'revision a1
up {
    create table t (id int, unique int);
}'

accepts "a reserved word quoted as a name" 'revision a1
up { create table "unique" ("not" integer, "null" text); }'

accepts "'#' comments where '#' is the first non-blank character" '# top
  # indented
	# after a tab
revision a1
up {
    # inside a block
    create table t (id integer);
}'

rejects "'#' after code on a line" 2:37 "syntax error, unexpected operator" 'revision a1
up { create table t (id integer); } # not a comment here'

accepts "'--' comments anywhere, also on the last line without a newline" 'revision a1 -- the id
up { -- open
    create table t (id integer); -- a table
} -- end'

rejects "nested block comments (they do not nest)" 3:26 "syntax error" 'revision a1
up {
    /* outer /* inner */ still outer */
}'

accepts "block comments where a space may stand" 'revision/**/a1
up{create/*x*/table/*y*/t(id/**/integer);}'

# --- literals -------------------------------------------------------------

accepts "'' inside a string, and no backslash escapes" 'revision a1
message '\''it'\'''\''s C:\'\''
up { }'

accepts "\"\" inside a quoted identifier" 'revision a1
up { create table "say ""hi""" (id integer); }'

accepts "negative and decimal numbers as defaults" 'revision a1
up { create table t (a integer default -7, b real default 3.14, c numeric(5, 2) default - 1.5); }'

accepts "raw blocks with tags, and \$\$ inside a tagged block" 'revision a1
up {
    sql $$ select 1 $$;
    sql postgresql $fn$ select '\''$$'\'' $fn$;
    sql sqlite, mysql $a$ select $b$ x $b$ $a$;
}'

accepts "parentheses inside strings, quoted names and comments of an expression" 'revision a1
up { create table t (a text check (a <> '\'')'\'' and "a" <> '\''('\'' /* ) */)); }'

# --- revision ids ---------------------------------------------------------

accepts "revision ids starting with a digit, bare or quoted" 'revision 1975ea83b712
up { }

revision 0001
depends 1975ea83b712
up { }

revision '\''2a'\''
depends '\''0001'\''
up { }'

rejects "a revision id with a '-'" 1:10 "revision id \"a-b\" may only contain" "revision 'a-b'
up { }"

# --- types ----------------------------------------------------------------

accepts "every portable type spelling" 'revision a1
up {
    create table t (
        a smallint, b integer, c int, d bigint, e boolean, f bool,
        g varchar(10), h character varying(10), i char(1), j text,
        k numeric(10, 2), l decimal(5), m real, n double,
        o double precision, p date, q time, r timestamp, s timestamptz,
        u timestamp with time zone, v uuid, w json, x blob
    );
}'

rejects "a portable type with an argument of 0" 2:32 "argument of type \"varchar\" must be a positive integer" 'revision a1
up { create table t (a varchar(0)); }'

accepts "numeric with a scale of 0" 'revision a1
up { create table t (a numeric(10, 0), b decimal(5, 0)); }'

# --- empty expressions ----------------------------------------------------

rejects "an empty check ()" 2:38 "empty expression" 'revision a1
up { create table t (a integer check ()); }'

rejects "an expression of blanks, error at its '('" 2:38 "empty expression" 'revision a1
up { create table t (a integer check (  )); }'

rejects "an expression holding only a comment" 2:38 "empty expression" 'revision a1
up { create table t (a integer check (/* nothing */)); }'

# --- invalid UTF-8 --------------------------------------------------------

rm -rf versions
mkdir versions
printf "revision a1\nmessage 'caf\351'\nup { }\n" >versions/x.mig
run_retort check
expect_rc 1 "a Latin-1 byte in a string: exit 1"
expect_err_has "versions/x.mig:2:13: error: invalid UTF-8 sequence" \
	"a Latin-1 byte in a string: the error is at the byte"

printf "revision a1\nmessage 'ok'\nup { sql \$\$ select '\351\377' \$\$; }\n" >versions/x.mig
run_retort check
expect_rc 0 "invalid UTF-8 inside a raw block is taken byte for byte"

# A character cut off (the first bytes of a multi-byte sequence, then
# something else) is one error at its start, not one per byte.
printf "revision a1\nmessage 'a\342\202b'\nup { }\n" >versions/x.mig
run_retort check
expect_rc 1 "a cut-off 3-byte character: exit 1"
expect_err_count 1 "invalid UTF-8 sequence" "a cut-off 3-byte character: one error"
expect_err_has "versions/x.mig:2:11: error: invalid UTF-8 sequence" \
	"a cut-off 3-byte character: at its first byte"

printf "revision a1\nmessage 'a\360\237\216b'\nup { }\n" >versions/x.mig
run_retort check
expect_err_count 1 "invalid UTF-8 sequence" "a cut-off 4-byte character: one error"
