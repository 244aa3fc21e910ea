#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (15) on loopback in a temp dir, runs the command given with
# BROKERDESK_TEST_PG=postgres://postgres@127.0.0.1:PORT/postgres exported, then stops the server
# and deletes the cluster (also when the command fails or the script is interrupted).
#
#   scripts/pg-test-server.sh cargo test            # the whole suite with the PostgreSQL tests on
#   scripts/pg-test-server.sh cargo test --test pg_rls
#
# PostgreSQL refuses to run as root: as root, initdb/pg_ctl run as the `postgres` system user
# (runuser). Authentication is `trust` on loopback for this test cluster only (it listens on
# 127.0.0.1 and a socket in its own temp dir, and lives as long as the command).
# PGHOST/PGPORT/PGUSER/PGDATABASE are exported too, so a bare `psql` in the command reaches it.
# Binaries: PG_BINDIR if set, else the first of /usr/lib/postgresql/15/bin, `pg_config --bindir`, PATH.
# The exit status is the command's (or 1 if the server could not start: named on stderr).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return; fi
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo ""
}
BINDIR=$(find_bindir)
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ] || [ ! -x "$BINDIR/pg_ctl" ]; then
  echo "pg-test-server: initdb/pg_ctl not found (set PG_BINDIR to PostgreSQL's bin directory)" >&2
  exit 1
fi

# As root, run the server's tools as the postgres system user.
AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-test-server: running as root and there is no 'postgres' system user to run the server as" >&2
    exit 1
  fi
  AS=(runuser -u postgres --)
fi

# A free loopback port: ask the kernel for one (python3 if there, else probe upwards from 54320).
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p=54320
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/brokerdesk-pg.XXXXXX")
DATA="$TMP/data"
chmod 755 "$TMP"
if [ "${#AS[@]}" -gt 0 ]; then chown postgres "$TMP"; fi

cleanup() {
  local rc=$?
  if [ -f "$DATA/postmaster.pid" ]; then
    "${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${AS[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
  >"$TMP/initdb.log" 2>&1 || {
  echo "pg-test-server: initdb failed:" >&2; cat "$TMP/initdb.log" >&2; exit 1;
}
# Loopback only; the socket in the temp dir; trust for this cluster (initdb wrote a trust pg_hba.conf).
started=0
for _ in 1 2 3 4 5; do
  PORT=$(free_port)
  if "${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
    started=1; break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "pg-test-server: the server did not start:" >&2; cat "$TMP/server.log" >&2 || true; exit 1
fi

export BROKERDESK_TEST_PG="postgres://postgres@127.0.0.1:$PORT/postgres"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres
echo "pg-test-server: PostgreSQL on 127.0.0.1:$PORT (data $DATA)" >&2
echo "BROKERDESK_TEST_PG=$BROKERDESK_TEST_PG"
set +e
"$@"
rc=$?
set -e
exit "$rc"
