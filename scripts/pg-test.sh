#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary directory, a server
# on a free local port as the `postgres` user (PostgreSQL refuses to run as root), the URL the
# store tests read in QUALIFY_TEST_PG, and the cluster stopped and removed afterwards.
#   scripts/pg-test.sh npx vitest run tests/store
set -euo pipefail
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-test: no PostgreSQL server binaries (apt-get install postgresql)" >&2
  exit 2
fi
DIR="$(mktemp -d /tmp/qualify-pg.XXXXXX)"
PORT="${PG_PORT:-$((20000 + RANDOM % 20000))}"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() { as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
export QUALIFY_TEST_PG="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
