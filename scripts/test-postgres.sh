#!/usr/bin/env bash
# Starts (or reuses) a throw-away PostgreSQL 15 on 127.0.0.1 for the store tests and prints
#   export GLASSHOUSE_TEST_PG_URL=postgres://postgres@127.0.0.1:<port>/postgres
# on stdout, so `eval "$(bash scripts/test-postgres.sh)"` works. Progress goes to stderr.
# State lives in /tmp/glasshouse-test-pg; `bash scripts/test-postgres.sh stop` stops it.
set -euo pipefail

STATE=/tmp/glasshouse-test-pg
DATA="$STATE/data"
BIN=/usr/lib/postgresql/15/bin

say() { echo "test-postgres: $*" >&2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_url() {
  echo "export GLASSHOUSE_TEST_PG_URL=postgres://postgres@127.0.0.1:$(cat "$STATE/port")/postgres"
}

if [ ! -x "$BIN/initdb" ]; then
  [ "$(id -u)" = 0 ] || { say "PostgreSQL 15 is missing; run as root or: apt-get install -y postgresql"; exit 3; }
  say "installing PostgreSQL 15 (apt-get install postgresql)…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi

if [ "${1:-}" = stop ]; then
  if [ -d "$DATA" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate stop >&2 || true; fi
  rm -rf "$STATE"
  exit 0
fi

if [ -f "$STATE/port" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  say "reusing the server in $STATE"
  print_url
  exit 0
fi

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
fi

rm -rf "$STATE"
mkdir -p "$STATE"
[ "$(id -u)" = 0 ] && chown postgres "$STATE"

PORT=""
for candidate in $(seq 54329 54429); do
  if ! port_in_use "$candidate"; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || { say "no free port in 54329-54429"; exit 3; }
echo "$PORT" >"$STATE/port"

say "initdb in $DATA…"
as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
  || { cat "$STATE/initdb.log" >&2; exit 3; }

say "starting on 127.0.0.1:$PORT…"
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$STATE/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $STATE -c fsync=off -c full_page_writes=off -c max_connections=200" \
  start >&2 || { cat "$STATE/server.log" >&2; exit 3; }

print_url
