#!/bin/sh
# gen.sh N DIR: a project of N revisions in a line, one file each, each
# adding a column and an index to one of 50 tables (about 330 bytes),
# after a first one that creates the tables.
set -eu
n=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir/versions"
awk -v n="$n" -v dir="$dir/versions" 'BEGIN {
	# A first revision creates the 50 tables the others alter.
	prev = "000000000000"
	f = sprintf("%s/0000000_%s.mig", dir, prev)
	printf "revision %s\nmessage %ctables%c\n\nup {\n", prev, 39, 39 > f
	for (t = 0; t < 50; t++)
		printf "    create table t%d (id integer primary key);\n", t > f
	printf "}\n" > f
	close(f)
	for (i = 1; i < n; i++) {
		id = sprintf("%012x", i * 7919 + 184467440)
		f = sprintf("%s/%07d_%s.mig", dir, i, id)
		t = "t" (i % 50)
		printf "revision %s\nmessage %cstep %d%c\n", id, 39, i, 39 > f
		if (prev != "")
			printf "depends %s\n", prev > f
		printf "created %c2024-01-01 00:00:00%c\n\nup {\n", 39, 39 > f
		printf "    alter table %s add column c%d varchar(20) not null default %cx%c;\n", t, i, 39, 39 > f
		printf "    create index ix_%d on %s (c%d);\n}\n\ndown {\n", i, t, i > f
		printf "    drop index ix_%d;\n    alter table %s drop column c%d;\n}\n", i, t, i > f
		close(f)
		prev = id
	}
}'
