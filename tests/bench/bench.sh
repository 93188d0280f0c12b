#!/bin/sh
# bench.sh: what `make bench` prints.  Times `retort check` on generated
# projects of 1,000, 10,000 and 100,000 revisions (best of 3 runs, warm
# cache) beside the floor of merely finding and reading the same files;
# then `retort heads` on Alembic projects read in place beside Alembic.
set -eu
: "${RETORT:?}"
: "${B:?}"
work=${BENCH_DIR:-/tmp/retort-bench}
printf '%-10s %-9s %-22s %-22s\n' revisions MiB "retort check" "read files only"
for n in 1000 10000 100000; do
	sh tests/bench/gen.sh "$n" "$work/p$n"
	mib=$(du -sm "$work/p$n/versions" | cut -f1)
	check=$("$B/runstat" 3 "$RETORT" -q -C "$work/p$n" check)
	floor=$("$B/runstat" 3 "$B/readall" "$work/p$n/versions")
	printf '%-10s %-9s %-22s %-22s\n' "$n" "$mib" "$check" "$floor"
done
# Alembic's own scripts read in place (the graph only): retort heads,
# and Alembic's heads beside it when python3-alembic is installed.
printf '\n%-10s %-9s %-22s %-22s\n' scripts MiB "retort heads (.py)" \
    "alembic heads"
for n in 1000 10000; do
	sh tests/bench/gen_py.sh "$n" "$work/a$n"
	mib=$(du -sm "$work/a$n/versions" | cut -f1)
	ours=$("$B/runstat" 3 sh -c 'exec "$0" -q --versions "$1" heads >/dev/null' \
	    "$RETORT" "$work/a$n/versions")
	theirs=-
	if /usr/bin/python3 -c 'import alembic' 2>/dev/null; then
		theirs=$(PYTHONDONTWRITEBYTECODE=1 "$B/runstat" 1 sh -c \
		    'exec /usr/bin/python3 -m alembic -c "$0" heads >/dev/null' \
		    "$work/a$n/alembic.ini")
	fi
	printf '%-10s %-9s %-22s %-22s\n' "$n" "$mib" "$ours" "$theirs"
done
rm -rf "$work"
