#!/usr/bin/env bash
# A throw-away local PostgreSQL for the tests: `scripts/postgres.sh` starts one (installing
# the server from Debian's packages if it is missing) and prints its URL;
# `scripts/postgres.sh stop` stops it and removes its files.
set -euo pipefail
PORT=${YIBAO_PG_PORT:-54329}
DIR=${YIBAO_PG_DIR:-/tmp/yibao-pg-$PORT}
bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(bin)
if [ -z "$BIN" ]; then
  echo "installing PostgreSQL…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  BIN=$(bin)
fi
# initdb refuses root: run the server as the postgres user when we are root.
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi
if [ "${1:-}" = stop ]; then
  [ -d "$DIR/data" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >&2 || true
  rm -rf "$DIR"
  exit 0
fi
[ -d "$DIR/data" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$DIR"
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off" start >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
