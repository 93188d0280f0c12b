#!/bin/sh
# t_concurrent.sh: create / drop index concurrently
# (tests/e2e/projects/concurrent, its 0002 `transactional false`) on
# every server, up and down, with rows.  PostgreSQL builds the indexes
# outside any transaction (CREATE INDEX CONCURRENTLY refuses to run
# inside one) and they come out valid; SQLite and MariaDB write plain
# statements.  Also with --transaction-per-migration and as one
# script, since the transactions around 0002 are closed and opened
# again either way.
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$TESTS/projects/concurrent

valid() {	# valid: on PostgreSQL, the invalid indexes of items (none)
	[ "$D" = postgresql ] || return 0
	db_q "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.items'::regclass and not i.indisvalid"
}

story() {	# story <tag> [retort options...]
	tag=$1
	shift
	db_new concurrent || return
	step "$tag-up" 0003 upgrade heads "$@" || return
	expect_eq "$D: $tag: indexes" "ix_items_name
ux_items_code" "$(db_indexes items)"
	expect_eq "$D: $tag: no invalid index" "" "$(valid)"
	if db_qraw "insert into items (id, code) values (9, 'a')" >/dev/null 2>&1; then
		notok "$D: $tag: the unique index refuses a second 'a'"
	else
		ok "$D: $tag: the unique index refuses a second 'a'"
	fi
	expect_eq "$D: $tag: rows" "1|a|apple
3|c|apple" "$(db_q "select id, code, name from items where name = 'apple' order by id")"
	step "$tag-down1" 0001 downgrade 0003:0001 "$@" || return
	expect_eq "$D: $tag: back at 0001: no index" "" "$(db_indexes items)"
	expect_eq "$D: $tag: back at 0001: rows" "3" "$(db_q "select count(*) from items")"
	step "$tag-down2" "(no alembic_version table)" downgrade 0001:base "$@" || return
	db_drop
}

for D in sqlite postgresql mysql; do
	dialect_ready "concurrent" || continue
	story whole
	story tpm --transaction-per-migration
done
exit 0
