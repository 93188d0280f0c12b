#!/bin/sh
# t_reference.sh: every upgrade, downgrade and stamp range of
# tests/alembic-reference (Alembic 1.8.1's offline output for
# samples/branched), run on real databases beside Alembic's own script.
# Both start from the same state (retort's `upgrade base:FROM`); after
# Alembic's script on one PostgreSQL database and retort's on another,
# the alembic_version rows, the tables and the schema must be the same;
# the same on MariaDB with Alembic's MySQL scripts; retort's SQLite
# script must leave the rows and tables Alembic's left on PostgreSQL
# (Alembic's SQLite scripts have ALTERs SQLite rejects).
. "${TESTS:-$(cd "$(dirname "$0")" && pwd)}/lib.sh"

PROJ=$ROOT/samples/branched

# name of pg__<name>.sql | retort's command | its FROM (setup), or base
RANGES="up_base-heads|upgrade base:heads|base
up_base-D|upgrade base:d1e2f3a4b5c6|base
up_base-X2|upgrade base:e2f3a4b5c6d7|base
up_B-M|upgrade b2c3d4e5f6a7:d0e1f2a3b4c5|b2c3d4e5f6a7
up_C1-D|upgrade c1d2e3f4a5b6:d1e2f3a4b5c6|c1d2e3f4a5b6
up_D-heads|upgrade d1e2f3a4b5c6:heads|d1e2f3a4b5c6
up_X1-audit@head|upgrade e1f2a3b4c5d6:audit@head|e1f2a3b4c5d6
down_M-B|downgrade d0e1f2a3b4c5:b2c3d4e5f6a7|d0e1f2a3b4c5
down_D-base|downgrade d1e2f3a4b5c6:base|d1e2f3a4b5c6
down_D--1|downgrade d1e2f3a4b5c6:-1|d1e2f3a4b5c6
down_D-C1|downgrade d1e2f3a4b5c6:c1d2e3f4a5b6|d1e2f3a4b5c6
down_X2-base|downgrade e2f3a4b5c6d7:base|e2f3a4b5c6d7
stamp_heads|stamp heads|base
stamp_B-D|stamp b2c3d4e5f6a7:d1e2f3a4b5c6|b2c3d4e5f6a7
stamp_D-base|stamp d1e2f3a4b5c6:base|d1e2f3a4b5c6"

# setup <from>: the script that brings a fresh database of dialect $D to
# FROM (retort's upgrade base:FROM), in $setup; empty for base
setup() {
	setup=""
	[ "$1" = base ] && return 0
	setup=$T/$D-setup-$1.sql
	[ -f "$setup" ] && return 0
	gen "$setup" upgrade "$1"
}

for D in postgresql sqlite mysql; do
	dialect_ready "Alembic's reference ranges" || continue
	echo "$RANGES" | while IFS='|' read -r name cmd from; do
		setup "$from" || continue
		if [ "$D" != sqlite ]; then
			if [ -n "$setup" ]; then
				alembic_ref "$D" "$name" "$setup" || continue
			else
				alembic_ref "$D" "$name" || continue
			fi
		fi
		# shellcheck disable=SC2086 # the command is words
		gen "$T/$D-$name.sql" $cmd || continue
		db_new "r_$name" || continue
		if [ -n "$setup" ]; then
			db_run "$setup"
			expect_ran "$D: $cmd: the starting state ($from)" "$setup" ||
			    continue
		fi
		db_run "$T/$D-$name.sql"
		if expect_ran "$D: $cmd runs" "$T/$D-$name.sql"; then
			expect_like_alembic "after $cmd" "$name"
		fi
		db_drop
	done
done
exit 0
