#!/usr/bin/env bash
# Whole-command timings of brokerdesk beside the sqlite3 CLI doing the equivalent work on the same
# file, on demo books of 100k and 1M customers (built once, kept in target/), printing each ratio
# ours/sqlite3 (medians of hyperfine runs). Needs sqlite3 and hyperfine (installed with
# `cargo install hyperfine --version 1.20.0 --locked` when missing; 1.20 builds on rustc 1.95).
#
#   scripts/bench.sh                 # SIZES="100000 1000000"
#   SIZES=100000 RUNS=10 scripts/bench.sh
#   SIZES=1000000 RUNS=3 ALERTS=0 scripts/bench.sh
#
# The demo build of each size is timed once with /usr/bin/time -v (wall time, peak memory) the
# first time the book is made. Results go to target/bench/*.json and the table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-10}
ALERTS=${ALERTS:-1}   # ALERTS=0 skips the `alerts run` timing (it copies the book and runs 3 times)
IMPORT=${IMPORT:-1}   # IMPORT=0 skips `import holdings` vs sqlite3 `.import` (a copy of the book per run)
IMPORT_RUNS=${IMPORT_RUNS:-3}
TODAY=2026-11-29
BIN=target/release/brokerdesk
OUT=target/bench
mkdir -p "$OUT"

command -v sqlite3 >/dev/null || { echo "sqlite3 not found" >&2; exit 1; }
if ! command -v hyperfine >/dev/null; then
  cargo install hyperfine --version 1.20.0 --locked
fi
cargo build --release --quiet

bd() { "$BIN" --db "$DB" --today "$TODAY" "$@"; }

# one comparison: NAME, our command, the sqlite3 SQL doing the same work
compare() {
  local name=$1 ours=$2 sql=$3
  local json="$OUT/$name-$N.json"
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$json" \
    -n ours "$ours" -n sqlite3 "sqlite3 $DB \"$sql\" > /dev/null" > /dev/null
  python3 - "$json" "$name" "$N" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
o, s = r["ours"], r["sqlite3"]
print(f"{sys.argv[3]:>8} {sys.argv[2]:<28} ours {o['median']*1000:8.1f} ms (min {o['min']*1000:7.1f})"
      f"  sqlite3 {s['median']*1000:8.1f} ms (min {s['min']*1000:7.1f})  ratio {o['median']/s['median']:5.2f}")
EOF
}

# the first window of the customer list as the list reads it (ids from the order, then the row)
WINDOW="SELECT b.customer_id, b.name, c.id_number, c.mobile, b.manager_id, b.tier, b.professional, b.risk_level,
  b.lowest, b.valid_until, b.total_assets, b.contribution, b.status,
  (SELECT MIN(k.due_on) FROM callback_plans k WHERE k.customer_id = b.customer_id AND k.status = 'open'),
  (SELECT COUNT(*) FROM alerts a WHERE a.customer_id = b.customer_id AND a.status = 'open')
  FROM customer_book b JOIN customers c ON c.customer_id = b.customer_id"

for N in $SIZES; do
  DB="target/bench-book-$N.db"
  if [ ! -f "$DB" ]; then
    echo "building $DB (demo --customers $N)…" >&2
    /usr/bin/time -v "$BIN" --db "$DB.building" --today "$TODAY" demo --customers "$N" \
      > "$OUT/demo-$N.out" 2> "$OUT/demo-$N.time"
    mv "$DB.building" "$DB"
    for x in -wal -shm; do [ -f "$DB.building$x" ] && mv "$DB.building$x" "$DB$x"; done
    grep -E "Elapsed|Maximum resident" "$OUT/demo-$N.time" | sed "s/^/demo $N: /"
  fi
  compare render_customers "$BIN --db $DB --today $TODAY render customers --width 120 --height 40" \
    "SELECT COUNT(*) FROM customer_book; $WINDOW ORDER BY b.total_assets DESC, b.customer_id LIMIT 36;"
  compare search_wang "$BIN --db $DB --today $TODAY render customers --search 王 --width 120 --height 40" \
    "SELECT COUNT(*) FROM customer_book WHERE search_text LIKE '%王%'; $WINDOW WHERE b.search_text LIKE '%王%' ORDER BY b.total_assets DESC, b.customer_id LIMIT 36;"
  compare search_wang_by_name "$BIN --db $DB --today $TODAY render customers --search 王 --sort name --width 120 --height 40" \
    "SELECT COUNT(*) FROM customer_book WHERE search_text LIKE '%王%'; $WINDOW WHERE b.search_text LIKE '%王%' ORDER BY b.name_key, b.customer_id LIMIT 36;"
  compare search_account "$BIN --db $DB --today $TODAY render customers --search 31080012 --width 120 --height 40" \
    "SELECT COUNT(*) FROM customer_book WHERE search_text LIKE '%31080012%'; $WINDOW WHERE b.search_text LIKE '%31080012%' ORDER BY b.total_assets DESC, b.customer_id LIMIT 36;"
  compare render_segments "$BIN --db $DB --today $TODAY render segments --width 120 --height 40" \
    "SELECT b.tier, b.professional, b.risk_level, b.valid_until, COUNT(*), SUM(b.total_assets) FROM customer_book b GROUP BY b.tier, b.professional, b.risk_type, b.valid_until, b.risk_level;"
  # import holdings: every holding of the book again under the next date (all rows new), into a
  # copy of the book, beside sqlite3's .import of the same file into a plain table with the
  # holdings table's columns, primary key and (code, as_of) index
  if [ "$IMPORT" = 1 ]; then
    H="$OUT/holdings-$N.csv"
    if [ ! -f "$H" ]; then
      "$BIN" --db "$DB" --today "$TODAY" export holdings --format csv --unmasked -o "$H.all" > /dev/null
      awk -F, 'BEGIN{OFS=","} NR==1{print $1,$2,$3,$4,$5; next} {print $1,"2025-08-27",$3,$4,$5}' "$H.all" > "$H"
      rm -f "$H.all"
    fi
    COPY="$OUT/import-$N.db"
    PLAIN="$OUT/import-plain-$N.db"
    SCHEMA="CREATE TABLE h_plain (customer_id TEXT NOT NULL, as_of TEXT NOT NULL, code TEXT NOT NULL,
      quantity INTEGER NOT NULL, cost_price INTEGER NOT NULL, PRIMARY KEY (customer_id, as_of, code)) WITHOUT ROWID;
      CREATE INDEX h_plain_code ON h_plain (code, as_of);"
    # imports into the demo book are refused: the copy's import runs are marked as the bench's
    hyperfine --style none --runs "$IMPORT_RUNS" --export-json "$OUT/import_holdings-$N.json" \
      --prepare "rm -f $COPY $COPY-wal $COPY-shm; cp $DB $COPY; sqlite3 $COPY \"UPDATE import_runs SET actor = 'bench' WHERE actor = 'demo'\"" \
      -n ours "$BIN --db $COPY --today $TODAY import holdings $H" \
      --prepare "rm -f $PLAIN; sqlite3 $PLAIN \"$SCHEMA\"" \
      -n sqlite3 "sqlite3 $PLAIN '.import --csv --skip 1 $H h_plain'" > /dev/null
    python3 - "$OUT/import_holdings-$N.json" "$N" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
o, s = r["ours"], r["sqlite3"]
cpu = lambda x: x["user"] + x["system"]
print(f"{sys.argv[2]:>8} import holdings              ours {o['median']*1000:8.1f} ms (min {o['min']*1000:7.1f})"
      f"  sqlite3 {s['median']*1000:8.1f} ms (min {s['min']*1000:7.1f})  ratio {o['median']/s['median']:5.2f}"
      f"  (cpu {cpu(o):.2f} vs {cpu(s):.2f} s: {cpu(o)/cpu(s):.2f})")
PY
    # peak memory of one more import (hyperfine does not measure it)
    rm -f "$COPY" "$COPY-wal" "$COPY-shm"; cp "$DB" "$COPY"
    sqlite3 "$COPY" "UPDATE import_runs SET actor = 'bench' WHERE actor = 'demo'"
    /usr/bin/time -v "$BIN" --db "$COPY" --today "$TODAY" import holdings "$H" 2> "$OUT/import-$N.time" > /dev/null
    grep -E "Maximum resident" "$OUT/import-$N.time" | sed "s/^\s*/$N import holdings: /"
    rm -f "$COPY" "$COPY-wal" "$COPY-shm" "$PLAIN"
  fi
  # alerts run writes: timed alone (no sqlite3 equivalent of the rules), on a copy
  [ "$ALERTS" = 1 ] || continue
  cp "$DB" "$OUT/alerts-$N.db"
  hyperfine --style none --runs 3 --export-json "$OUT/alerts_run-$N.json" \
    "$BIN --db $OUT/alerts-$N.db --today $TODAY alerts run" > /dev/null
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{sys.argv[2]:>8} alerts run                   ours {r['median']*1000:8.1f} ms (min {r['min']*1000:7.1f})\")" \
    "$OUT/alerts_run-$N.json" "$N"
  rm -f "$OUT/alerts-$N.db"*
done
