#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests (reliability.md §3/§5: the share-link suite runs against SQLite and
# Postgres; there is no Docker here, so we run Debian's server binaries directly).
#
#   bash scripts/postgres.sh start   starts it (or finds it running) and prints its URL on stdout, nothing else:
#                                    export TEST_DATABASE_URL="$(bash scripts/postgres.sh start)"
#   bash scripts/postgres.sh url     prints the URL without starting anything
#   bash scripts/postgres.sh stop    stops it and deletes its data
#
# Port: PGPORT_TEST (default 54329). Loopback only, trust authentication, fsync off: it holds test data and nothing
# else, and it is meant to be fast. Progress goes to stderr so the URL can be captured.
set -euo pipefail

port="${PGPORT_TEST:-54329}"
database=score_explorer_test
base="${TMPDIR:-/tmp}/score-explorer-postgres-${port}"
data="$base/data"
log="$base/postgres.log"
url="postgres://postgres@127.0.0.1:${port}/${database}"

say() { echo "[postgres.sh] $*" >&2; }

# The newest server under /usr/lib/postgresql (Debian's layout), else whatever is on PATH.
find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null && command -v postgres >/dev/null; then
    dirname "$(readlink -f "$(command -v initdb)")"
  fi
}

ensure_installed() {
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    [ "$(id -u)" -eq 0 ] || { say "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"; exit 1; }
    say "installing Debian's postgresql package…"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
    [ -n "$bin" ] || { say "postgresql was installed but initdb/postgres are still missing"; exit 1; }
  fi
}

# PostgreSQL refuses to run as root, so as root everything runs as the package's unprivileged `postgres` user.
# fd 9 (our lock, below) is closed for every child: the server would otherwise inherit it and hold the lock forever.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@" 9>&-
  elif command -v runuser >/dev/null; then
    runuser -u postgres -- "$@" 9>&-
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")" 9>&-
  fi
}

is_running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

ensure_database() {
  local exists
  exists="$(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname = '${database}'")"
  if [ "$exists" != "1" ]; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  fi
}

start() {
  ensure_installed
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  mkdir -p "$base"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$base"
  chmod 700 "$base"

  if ! is_running; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      say "port $port is taken by another server; set PGPORT_TEST to a free port"
      exit 1
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      say "initdb in $data"
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
    fi
    say "starting PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port"
    # -w waits until the server accepts connections; the socket lives in our own directory, not /var/run.
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      say "PostgreSQL did not start; its log:"
      tail -n 30 "$log" >&2 || true
      exit 1
    fi
  fi
  ensure_database
  echo "$url"
}

stop() {
  bin="$(find_bin)"
  if [ -n "$bin" ] && is_running; then
    say "stopping PostgreSQL on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  rm -rf "$base"
}

case "${1:-}" in
  start)
    # Two callers starting at once (parallel test scripts) must not both run initdb.
    exec 9>"${TMPDIR:-/tmp}/score-explorer-postgres-${port}.lock"
    flock 9
    start
    ;;
  stop)
    exec 9>"${TMPDIR:-/tmp}/score-explorer-postgres-${port}.lock"
    flock 9
    stop
    ;;
  url) echo "$url" ;;
  *)
    echo "usage: bash scripts/postgres.sh start|stop|url" >&2
    exit 2
    ;;
esac
