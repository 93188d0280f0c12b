#!/bin/sh
# t_keys.sh: keys changed under rows, and strings with backslashes, on
# every server (tests/e2e/projects/keys); written for what MySQL makes
# hard, checked the same on SQLite and PostgreSQL:
#   - columns a foreign key joins, changed on both sides (MySQL drops
#     the key and adds it back around MODIFY COLUMN), and the key still
#     holds after, ON DELETE CASCADE included;
#   - an index a foreign key needs, dropped (MySQL refuses unless the
#     key goes and comes back), then made again; on MySQL the index
#     InnoDB makes for the key is there exactly when no other serves;
#   - a primary key, a unique key and a check dropped and made again; a
#     column dropped with its foreign key, one with its check; an
#     AUTO_INCREMENT key column added to a table with rows;
#   - names MySQL reserves ("order") or cannot write bare ("Display
#     Name"), renamed;
#   - strings and defaults holding backslashes keep their bytes: on
#     MariaDB twice, once with its default sql_mode and once with
#     NO_BACKSLASH_ESCAPES and ANSI_QUOTES (SQL.md: the same value in
#     every sql_mode).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/keys
NOTABLE="(no alembic_version table)"

step() {	# step <file tag> <expected alembic_version> <retort command...>
	s_file=$T/$D-$1.sql
	s_want=$2
	shift 2
	gen "$s_file" "$@" || return 1
	db_run "$s_file"
	expect_ran "$D$MODE: $* runs" "$s_file" || return 1
	expect_eq "$D$MODE: after $*: alembic_version" "$s_want" "$(db_versions)"
	return 0
}

# qi <name>: the name quoted for the test's own queries
qi() {
	case $D in
	mysql) printf '`%s`' "$1" ;;
	*) printf '"%s"' "$1" ;;
	esac
}

# bsl: B, a backslash in a string literal of the test's own queries
# (MySQL reads \\ as one, unless its sql_mode has NO_BACKSLASH_ESCAPES)
bsl() {
	case "$D ${MYSQL_MODE:-}" in
	*NO_BACKSLASH_ESCAPES*|sqlite*|postgresql*) B='\' ;;
	*) B='\\' ;;
	esac
}

rejects() {	# rejects <description> <sql>
	if db_qraw "$FK$2" >/dev/null 2>&1; then
		notok "$D$MODE: $1: accepted"
	else
		ok "$D$MODE: $1"
	fi
}

# my_fk_index <table>: on MySQL, the table's indexes by name, PRIMARY
# and the one InnoDB made for a foreign key included
my_fk_index() {
	db_q "select distinct index_name from information_schema.statistics where table_schema = database() and table_name = '$1' order by binary index_name"
}

story() {
	db_new "keys$MODE_TAG" || return
	FK=""
	[ "$D" = sqlite ] && FK="pragma foreign_keys = on; "
	bsl
	USERS="select id, email, country, $(qi "Display Name"), $(qi order), note, case when flag then 1 else 0 end from users order by id"

	# 0001: the rows, backslashes and quotes as written
	step up1 0001 upgrade 0001 || return
	expect_eq "$D$MODE: 0001: users, the strings' backslashes kept" \
	    '1|a@x|fr|back\slash|1|it'"'"'s|1
2|b@x|jp|quote\'"'"'s end\|2|it'"'"'s|1' "$(db_q "$USERS")"
	db_do "insert into users (email) values ('c@x')"
	expect_eq "$D$MODE: 0001: the defaults, a backslash at the end of one" \
	    '3|c@x||C:\new\|0|it'"'"'s|1' "$(db_q "$USERS" | grep '^3|')"
	rejects "0001: the check holds (email <> 'x\\y')" \
	    "insert into users (email) values ('x${B}y')"
	rejects "0001: email is unique" "insert into users (email) values ('a@x')"
	rejects "0001: posts.user_id references users" \
	    "insert into posts (user_id, title) values (99, 'x')"
	rejects "0001: users.country references countries" \
	    "insert into users (email, country) values ('d@x', 'zz')"

	# 0002: the keys changed under the rows
	step up2 0002 upgrade 0001:0002 || return
	expect_eq "$D$MODE: 0002: users' rows kept, renamed column and new one" \
	    '1|back\slash|fr|0
2|quote\'"'"'s end\|jp|0
3|C:\new\||0' "$(db_q "select id, display_name, country, code from users order by id")"
	expect_eq "$D$MODE: 0002: posts kept" "1|hello
2|world" "$(db_q "select user_id, title from posts order by id")"
	expect_eq "$D$MODE: 0002: the country code is longer on both sides" \
	    "code $(vc 3) not null
country $(vc 3)" "$(db_columns countries | grep '^code')
$(db_columns users | grep '^country')"
	db_do "insert into countries (code, name) values ('usa', 'USA')"
	db_do "${FK}insert into users (id, email, country, flag) values (4, 'e@x', 'usa', true)"
	rejects "0002: users.country still references countries" \
	    "insert into users (email, country) values ('f@x', 'zzz')"
	rejects "0002: posts.user_id still references users" \
	    "insert into posts (user_id, title) values (99, 'x')"
	db_do "insert into posts (user_id, title) values (null, 'nobody')"
	db_do "insert into tags (name, weight) values ('a', 2)"
	expect_eq "$D$MODE: 0002: posts.user_id takes NULL, tags.name a second 'a'" \
	    "1 2" "$(db_q "select count(*) from posts where user_id is null") $(db_q "select count(*) from tags where name = 'a'")"
	rejects "0002: flag has no default any more" \
	    "insert into users (id, email) values (5, 'g@x')"
	db_do "insert into users (id, email, flag) values (5, 'g@x', false)"
	expect_eq "$D$MODE: 0002: the new default holds a backslash" \
	    '5|n\b' "$(db_q "select id, note from users where id = 5")"
	rejects "0002: (email, order) is unique" \
	    "insert into users (email, $(qi order)) values ('a@x', 0)"
	db_do "insert into users (id, email, $(qi order), flag) values (6, 'a@x', 7, true)"
	db_do "${FK}delete from users where id = 1"
	expect_eq "$D$MODE: 0002: deleting a user still deletes its posts" \
	    "2|world
|nobody" "$(db_q "select coalesce(user_id, 0), title from posts order by id" | sed 's/^0|/|/')"
	if [ "$D" = mysql ]; then
		expect_eq "$D$MODE: 0002: posts has the index InnoDB made for its foreign key, no other" \
		    "PRIMARY
fk_posts_user_id_users" "$(my_fk_index posts)"
	fi
	# What 0002's down block needs: no NULL user, no second 'a', no
	# three-letter country, no second a@x.
	db_do "delete from posts where user_id is null"
	db_do "delete from tags where weight = 2"
	db_do "delete from users where id in (4, 6)"
	db_do "delete from countries where code = 'usa'"

	# 0003: a column dropped with its foreign key, a key column added
	step up3 0003 upgrade 0002:0003 || return
	# (SQLite's autoincrement key is its rowid, INTEGER whatever it was)
	pid=bigint
	[ "$D" = sqlite ] && pid=integer
	expect_eq "$D$MODE: 0003: posts without user_id" "id $pid not null
title $(vc 100) not null
body text" "$(db_columns posts)"
	expect_eq "$D$MODE: 0003: counters' rows numbered" "x|1
y|1" "$(db_q "select name, case when id > 0 then 1 else 0 end from counters order by id")"
	db_do "insert into counters (name) values ('z')"
	expect_eq "$D$MODE: 0003: counters.id goes on" "3" \
	    "$(db_q "select count(distinct id) from counters")"

	# back to 0001, the posts given a user on the way
	step down1 0002 downgrade 0003:0002 || return
	db_do "update posts set user_id = 2"
	step down2 0001 downgrade 0002:0001 || return
	expect_eq "$D$MODE: back at 0001: users" \
	    '2|b@x|jp|quote\'"'"'s end\|2|it'"'"'s|1
3|c@x||C:\new\|0|it'"'"'s|1
5|g@x||C:\new\|0|n\b|0' "$(db_q "$USERS")"
	expect_eq "$D$MODE: back at 0001: the country code is char(2) again" \
	    "2" "$(db_q "select count(*) from countries where code in ('fr', 'jp')")"
	expect_eq "$D$MODE: back at 0001: posts' index" "ix_posts_user_title" \
	    "$(db_indexes posts)"
	if [ "$D" = mysql ]; then
		expect_eq "$D$MODE: back at 0001: the foreign key's own index went when ix_posts_user_title came" \
		    "PRIMARY
ix_posts_user_title" "$(my_fk_index posts)"
	fi
	rejects "back at 0001: email is unique again" \
	    "insert into users (email) values ('b@x')"
	rejects "back at 0001: tags.name is a key again" \
	    "insert into tags (name) values ('a')"
	rejects "back at 0001: the check is back" \
	    "insert into users (email) values ('x${B}y')"
	rejects "back at 0001: posts.user_id is not null again" \
	    "insert into posts (title) values ('x')"
	db_do "${FK}delete from users where id = 2"
	expect_eq "$D$MODE: back at 0001: deleting a user deletes its posts" \
	    "0" "$(db_q "select count(*) from posts")"

	step down3 "$NOTABLE" downgrade 0001:base || return
	expect_eq "$D$MODE: base: no tables" "" "$(db_tables)"
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "keys under rows" || continue
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
