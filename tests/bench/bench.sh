#!/bin/sh
# bench.sh: what `make bench` prints.  Times `retort check` on generated
# projects of 1,000, 10,000 and 100,000 revisions (best of 3 runs, warm
# cache) beside the floor of merely finding and reading the same files.
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
rm -rf "$work"
