#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store's tests and benchmarks, and prints the URL.
#
#   eval "$(packages/store/scripts/postgres-for-tests.sh start)"   # exports VERBATIM_TEST_DATABASE_URL
#   packages/store/scripts/postgres-for-tests.sh stop
#
# Needs the Debian packages `postgresql` (server + contrib, for pg_trgm). The data directory is
# disposable (fsync off): never point it at data you care about. As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root); otherwise as the current user.
set -euo pipefail

command="${1:-start}"
data_dir="${VERBATIM_PG_DIR:-/tmp/verbatim-pg}"
port="${VERBATIM_PG_PORT:-54329}"
database="${VERBATIM_PG_DATABASE:-verbatim_test}"

bin_dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bin_dir" ]] && command -v pg_config >/dev/null; then bin_dir="$(pg_config --bindir)"; fi
if [[ -z "$bin_dir" || ! -x "$bin_dir/initdb" ]]; then
  echo "postgres-for-tests: no PostgreSQL server found; install it: apt-get install -y postgresql" >&2
  exit 2
fi

as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if [[ ! -f "$data_dir/PG_VERSION" ]]; then
      mkdir -p "$data_dir"
      if [[ "$(id -u)" == 0 ]]; then chown postgres: "$data_dir"; fi
      as_owner "$bin_dir/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$data_dir.initdb.log" 2>&1 || {
        cat "$data_dir.initdb.log" >&2
        exit 1
      }
    fi
    if ! as_owner "$bin_dir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
      # Speed over durability: this server only ever holds test data.
      as_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w start \
        -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    fi
    if ! as_owner "$bin_dir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "select 1 from pg_database where datname = '$database'" | grep -q 1; then
      as_owner "$bin_dir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
    fi
    echo "export VERBATIM_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/$database"
    ;;
  stop)
    if [[ -f "$data_dir/PG_VERSION" ]]; then
      as_owner "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
