#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the store tests, on 127.0.0.1 only, with
# trust authentication, in DIR. Never for real data.
#
#   scripts/pg-test-server.sh start DIR   # prints the connection string (for WKB_TEST_PG)
#   scripts/pg-test-server.sh stop DIR    # stops it and removes DIR's data
#
# Use with a trap so that the server always stops:
#   export WKB_TEST_PG=$(scripts/pg-test-server.sh start "$tmp")
#   trap 'scripts/pg-test-server.sh stop "$tmp"' EXIT
set -euo pipefail

usage() { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2

bindir=${WKB_PG_BINDIR:-/usr/lib/postgresql/15/bin}
[[ -x $bindir/initdb ]] || { echo "$0: PostgreSQL 15 not found in $bindir (apt-get install postgresql)" >&2; exit 3; }

# initdb refuses to run as root: run the server as the postgres user then.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A random high port; when it is taken the server does not start and the
# loop below tries another.
free_port() { echo $((20000 + RANDOM % 40000)); }

case $cmd in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # A port can be taken between choosing and binding: try a few.
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(free_port)
      if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null; then
        echo "$port" >"$dir/port"
        as_pg "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
          -c "CREATE DATABASE wkbtest" >/dev/null
        echo "postgresql://postgres@127.0.0.1:$port/wkbtest"
        exit 0
      fi
    done
    echo "$0: the server did not start; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    if [[ -d $dir/data ]]; then
      as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$dir/data"
    fi
    ;;
  *) usage ;;
esac
