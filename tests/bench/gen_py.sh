#!/bin/sh
# gen_py.sh N DIR: an Alembic project of N revision scripts in a line, as
# Alembic's template writes them (docstring, the four module-level names,
# upgrade() adding a column and an index, downgrade() undoing it), for
# timing retort reading Alembic's scripts in place.
set -eu
n=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir/versions"
printf '[alembic]\nscript_location = %%(here)s\n' >"$dir/alembic.ini"
awk -v n="$n" -v dir="$dir/versions" 'BEGIN {
	q = sprintf("%c", 39)
	prev = ""
	for (i = 0; i < n; i++) {
		id = sprintf("%012x", i * 7919 + 184467440)
		f = sprintf("%s/%07d_%s_step.py", dir, i, id)
		printf "\"\"\"step %d\n\nRevision ID: %s\nRevises: %s\n", i, id, prev > f
		printf "Create Date: 2024-01-01 00:00:00.000000\n\n\"\"\"\n" > f
		printf "from alembic import op\nimport sqlalchemy as sa\n\n" > f
		printf "# revision identifiers, used by Alembic.\n" > f
		printf "revision = %s%s%s\n", q, id, q > f
		if (prev == "")
			printf "down_revision = None\n" > f
		else
			printf "down_revision = %s%s%s\n", q, prev, q > f
		printf "branch_labels = None\ndepends_on = None\n\n\n" > f
		printf "def upgrade():\n    op.add_column(%st%d%s, sa.Column(%sc%d%s, sa.String(length=20), nullable=True))\n", q, i % 50, q, q, i, q > f
		printf "    op.create_index(%six_%d%s, %st%d%s, [%sc%d%s])\n\n\n", q, i, q, q, i % 50, q, q, i, q > f
		printf "def downgrade():\n    op.drop_index(%six_%d%s, table_name=%st%d%s)\n", q, i, q, q, i % 50, q > f
		printf "    op.drop_column(%st%d%s, %sc%d%s)\n", q, i % 50, q, q, i, q > f
		close(f)
		prev = id
	}
}'
