#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1, removed afterwards.
# If DATADAM_DATABASE_URL is already set, that server is used instead.
set -euo pipefail
if [[ -n "${DATADAM_DATABASE_URL:-}" ]]; then exec "$@"; fi
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$BIN" ]]; then echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; exit 3; fi
PORT=${DATADAM_PG_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
PGDATA=$(mktemp -d /tmp/datadam-pg.XXXXXX)
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PGDATA"
cleanup() { as_postgres "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT
as_postgres "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w start \
  -o "-h 127.0.0.1 -p $PORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
export DATADAM_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/datadam"
"$@"
