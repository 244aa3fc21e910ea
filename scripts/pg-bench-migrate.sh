#!/usr/bin/env bash
# `brokerdesk migrate --to` beside the DBA's hand route (sqlite3 → psql \copy of every table into
# the same schema), each into a fresh database, RUNS times. Run under the test server:
#   scripts/pg-test-server.sh scripts/pg-bench-migrate.sh /tmp/big.db [RUNS]
# Prints wall / cpu (user+sys) / peak RSS of each run (/usr/bin/time -v).
set -euo pipefail
DB=$1; RUNS=${2:-3}
BIN=${BIN:-target/release/brokerdesk}
BASE=${BROKERDESK_TEST_PG%/*}
TABLES="managers customers securities prices account_snapshots holdings orders questionnaires assessments
 professional_records assessment_drafts callback_plans callback_logs alerts alert_actions warning_confirmations
 audit_log reassignments settings import_runs customer_book"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>/tmp/pg-bench-time.txt || { cat /tmp/pg-bench-time.txt >&2; exit 1; }
  awk -v l="$label" -F': ' '/Elapsed/ {w=$2} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
       END {printf "%-10s wall %s  cpu %.2f s  peak RSS %.0f MB\n", l, w, u+s, r/1024}' /tmp/pg-bench-time.txt
}
DUMP=$(mktemp /tmp/pg-bench-dump.XXXXXX.sh)
trap 'rm -f "$DUMP"' EXIT
# one table as COPY text (tab-separated, \N for NULL) from sqlite3
cat >"$DUMP" <<DUMPEOF
#!/usr/bin/env bash
exec sqlite3 -batch -noheader -separator \$'\\t' -nullvalue '\\N' "$DB" "SELECT * FROM \$1"
DUMPEOF
chmod +x "$DUMP"
hand() { # the same schema, then sqlite3 | psql \copy per table, one transaction
  local url=$1
  for f in src/store/pg/sql/*.sql; do psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$f"; done
  { echo "BEGIN;"; for t in $TABLES; do echo "\\copy $t FROM PROGRAM '$DUMP $t'"; done; echo "COMMIT;"; } |
    psql "$url" -X -q -v ON_ERROR_STOP=1
}
for i in $(seq "$RUNS"); do
  psql "$BROKERDESK_TEST_PG" -X -q -c "CREATE DATABASE bench_ours_$i" -c "CREATE DATABASE bench_hand_$i"
  measure "ours $i" "$BIN" --db "$DB" migrate --to "$BASE/bench_ours_$i"
  export -f hand; export DB TABLES DUMP
  measure "hand $i" bash -c "hand $BASE/bench_hand_$i"
  psql "$BROKERDESK_TEST_PG" -X -q -c "DROP DATABASE bench_ours_$i" -c "DROP DATABASE bench_hand_$i"
done
