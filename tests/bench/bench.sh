#!/bin/sh
# bench.sh: what `make bench` prints.  For generated projects (gen.sh:
# linear and branchy at 1,000, 10,000 and 100,000 revisions, many
# branches at 10,000 and 100,000), the median wall time and the peak
# resident memory of retort's commands, each beside its floor measured in
# the same run on the same files (warm cache):
#   read floor   readall: find the .mig files and read each one whole
#   build floor  the read floor plus copytree: a plain copy of the tree
#                build wrote
# and, where Debian's python3-alembic is installed, Alembic's
# `upgrade heads --sql` on the same migrations at 1,000 and 10,000
# revisions, with how many times faster retort is.  Figures only: nothing
# here passes or fails.  Last, `retort heads` on Alembic projects read
# in place (gen_py.sh) beside `alembic heads`.
#
# Environment: RETORT and B (where runstat, readall and copytree are);
# BENCH_DIR (scratch: default /dev/shm/retort-bench when /dev/shm has
# 4 GiB free, so that writing is not timed against the disk's flushes,
# else /tmp/retort-bench), BENCH_SIZES, BENCH_SHAPES, BENCH_RUNS (runs
# per median; 3 at 100,000 unless set), BENCH_LIMIT (seconds and MiB of
# address space after which a run is given up: "20 8192").
set -eu
: "${RETORT:?}"
: "${B:?}"
shm=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
elif [ -w /dev/shm ] && [ "${shm:-0}" -ge 4194304 ]; then
	work=/dev/shm/retort-bench
else
	work=/tmp/retort-bench
fi
sizes=${BENCH_SIZES:-1000 10000 100000}
shapes=${BENCH_SHAPES:-linear branchy many}
limit=${BENCH_LIMIT:-20 8192}
retort=$(cd "$(dirname "$RETORT")" && pwd)/$(basename "$RETORT")
python=/usr/bin/python3
have_alembic=no
if [ -x "$python" ] && "$python" -c 'import alembic' 2>/dev/null; then
	have_alembic=yes
fi

# row SHAPE N COMMAND "SECONDS MIB" FLOOR: one line of the table.
row() {
	echo "$4 $5" | awk -v shape="$1" -v n="$2" -v cmd="$3" \
	    -v limit="$limit" '{
		if ($1 == "timeout" || $1 == "failed") {
			split(limit, l, " ")
			printf "| %s | %d | %s | %s | %.3f s | | |\n", shape, n,
			    cmd, ($1 == "timeout" ? "stopped after " l[1] " s" : \
			    "failed (" l[2] " MiB address space)"), $2
			next
		}
		printf "| %s | %d | %s | %.3f s | %.3f s | %.2fx | %d MiB |\n",
		    shape, n, cmd, $1, $3, $1 / $3, $2
	}'
}

echo "$("$retort" --version | head -n 1), $(nproc) cores"
echo
echo "| shape | revisions | command | retort (median) | floor | x floor | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in $sizes; do
	for shape in $shapes; do
		if [ "$shape" = many ] && [ "$n" -lt 2000 ]; then
			continue
		fi
		runs=${BENCH_RUNS:-$([ "$n" -ge 100000 ] && echo 3 || echo 5)}
		p=$work/$shape-$n
		alembic=
		if [ "$have_alembic" = yes ] && [ "$shape" != many ] &&
		    [ "$n" -le 10000 ]; then
			alembic=$p-alembic
		fi
		sh tests/bench/gen.sh "$shape" "$n" "$p" $alembic
		"$B/readall" "$p/versions"
		floor=$("$B/runstat" "$runs" "$B/readall" "$p/versions")
		floor=${floor% *}
		r() {	# r LABEL retort-args...: time one command
			label=$1
			shift
			row "$shape" "$n" "$label" \
			    "$("$B/runstat" -t "${limit% *}" -m "${limit#* }" \
			    "$runs" "$retort" -q -C "$p" "$@")" "$floor"
		}
		r check check
		for d in postgresql sqlite; do
			r "upgrade base:heads -d $d" upgrade base:heads -d "$d" \
			    -o "$work/out.sql"
			r "downgrade heads:base -d $d" downgrade heads:base \
			    -d "$d" -o "$work/out.sql"
		done
		r heads heads
		r history history
		rm -rf "$work/build" "$work/build-copy"
		b=$("$B/runstat" -t "${limit% *}" -m "${limit#* }" 1 \
		    "$retort" -q -C "$p" build -o "$work/build")
		if [ "$b" = timeout ] || [ "$b" = failed ]; then
			row "$shape" "$n" build "$b" "$floor"
		else
			b=$("$B/runstat" -t "${limit% *}" -m "${limit#* }" \
			    "$runs" "$retort" -q -C "$p" build -o "$work/build")
			copy=$("$B/runstat" "$runs" "$B/copytree" "$work/build" \
			    "$work/build-copy")
			row "$shape" "$n" build "$b" \
			    "$(echo "$floor ${copy% *}" | awk '{ print $1 + $2 }')"
		fi
		rm -rf "$work/build" "$work/build-copy" "$work/out.sql"
		if [ -n "$alembic" ]; then
			aruns=$([ "$n" -ge 10000 ] && echo 1 || echo 3)
			a=$("$B/runstat" "$aruns" "$python" -m alembic \
			    -c "$alembic/alembic.ini" upgrade heads --sql)
			u=$("$B/runstat" "$runs" "$retort" -q -C "$p" upgrade \
			    base:heads -d postgresql -o "$work/out.sql")
			echo "$a $u" | awk -v shape="$shape" -v n="$n" \
			    -v runs="$aruns" '{
				printf "| %s | %d | Alembic upgrade --sql (postgresql, %d run%s) | ",
				    shape, n, runs, (runs > 1 ? "s" : "")
				if ($1 !~ /^[0-9]/)
					printf "%s | | | |\n", $1
				else if ($3 !~ /^[0-9]/)
					printf "%.3f s | | | %d MiB |\n", $1, $2
				else
					printf "%.3f s | | retort %.0fx faster | %d MiB |\n",
					    $1, $1 / $3, $2
			}'
		fi
		rm -rf "$p" "$p-alembic" "$work/out.sql"
	done
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
