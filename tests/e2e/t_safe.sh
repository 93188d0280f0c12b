#!/bin/sh
# t_safe.sh: nothing from the input escapes a string, a comment or a name
# into live SQL, on every server (tests/e2e/projects/hostile): a message
# whose lines say DROP TABLE; names holding both quote characters;
# strings and defaults that end early where a backslash escapes (MySQL);
# a check whose comment MySQL would run (/*! ... */), one whose --
# comment holds a ')', one on a name with a quote in it.  A table "victim" made beside them must survive
# the upgrade and the downgrade, the rows must read back byte for byte,
# and the checks must hold as written.  On MariaDB twice: with its
# default sql_mode, and with NO_BACKSLASH_ESCAPES and ANSI_QUOTES.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/hostile

# qi <name>: a name quoted for the test's own queries, quotes doubled
qi() {
	case $D in
	mysql) printf '`%s`' "$(printf '%s' "$1" | sed 's/`/``/g')" ;;
	*) printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')" ;;
	esac
}

story() {
	db_new "safe$MODE_TAG" || return
	# A backslash in the test's own string literals.
	case "$D ${MYSQL_MODE:-}" in
	mysql*NO_BACKSLASH_ESCAPES*|sqlite*|postgresql*) B='\' ;;
	*) B='\\' ;;
	esac
	tab=$(qi 'we`ird"name')
	col=$(qi 'col`x')
	db_do "create table victim (id integer)"
	gen "$T/$D$MODE_TAG-up.sql" upgrade head || return
	db_run "$T/$D$MODE_TAG-up.sql"
	expect_ran "$D$MODE: upgrade head runs" "$T/$D$MODE_TAG-up.sql" || return
	expect_eq "$D$MODE: after upgrade head: the tables, victim among them" \
	    'alembic_version
victim
we`ird"name' "$(db_tables)"
	expect_eq "$D$MODE: the rows read back as written" \
	    '1|a\'"'"'); DROP TABLE victim; -- |b\
2|\'"'"'|c\\
3|'"'"' OR 1=1 -- \|d' "$(db_q "select id, $col, v from $tab order by id")"
	for v in "'q'" "'z$B'' -- '"; do
		if db_qraw "insert into $tab (id, v) values (9, $v)" >/dev/null 2>&1; then
			notok "$D$MODE: the check refuses v = $v"
			db_do "delete from $tab where id = 9"
		else
			ok "$D$MODE: the check refuses v = $v"
		fi
	done
	if db_qraw "insert into $tab (id, w) values (9, 0)" >/dev/null 2>&1; then
		notok "$D$MODE: the check across a -- comment refuses w = 0"
	else
		ok "$D$MODE: the check across a -- comment refuses w = 0"
	fi
	if db_qraw "insert into $tab (id, $(qi 'q"t')) values (9, 7)" >/dev/null 2>&1; then
		notok "$D$MODE: the check on a quoted name refuses 7"
	else
		ok "$D$MODE: the check on a quoted name refuses 7"
	fi
	db_do "insert into $tab (id, w) values (9, 50)"
	gen "$T/$D$MODE_TAG-down.sql" downgrade head:base || return
	db_run "$T/$D$MODE_TAG-down.sql"
	expect_ran "$D$MODE: downgrade head:base runs" "$T/$D$MODE_TAG-down.sql" ||
	    return
	expect_eq "$D$MODE: after downgrade head:base: victim only" "victim" \
	    "$(db_tables)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "hostile text" || continue
	MODE="" MODE_TAG="" MYSQL_MODE=""
	story
	if [ "$D" = mysql ]; then
		MYSQL_MODE=NO_BACKSLASH_ESCAPES,ANSI_QUOTES
		MODE=" ($MYSQL_MODE)" MODE_TAG=_nbe
		story
		MYSQL_MODE=""
	fi
done
exit 0
