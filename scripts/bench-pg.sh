#!/usr/bin/env bash
# The 100k-customer book on PostgreSQL beside the same book in a SQLite file (issue 12, item 6):
# the same brokerdesk commands on both backends, as the branch head and as a manager, with the
# PG/SQLite ratio per line; and `report segments` beside the GROUP BY a DBA would type into psql
# (and sqlite3). Run under a server, e.g. the throw-away test cluster:
#
#   scripts/pg-test-server.sh scripts/bench-pg.sh
#   PG_URL=postgres://postgres@127.0.0.1:5432/postgres RUNS=20 scripts/bench-pg.sh
#
# Environment (all optional):
#   PG_URL     the server as its owner/superuser (default: $BROKERDESK_TEST_PG); the user must be
#              spelled in the URL (postgres://USER@host:port/db); the roles bd_… sign in with the
#              same host and port and no password (the test cluster trusts loopback)
#   N          customers (100000)          BOOK   the SQLite book (target/bench-pg/book-$N.db)
#   PGDB       the server database (bench_pg_$N), made from BOOK with `migrate --to` + `roles sync`
#              when it is missing; FRESH=1 drops and re-makes it
#   RUNS       timed runs per command (10)   WARMUP  untimed runs first (2)
#   MANAGER    the manager's id (M03)       ONLY    a regular expression: only the lines it matches
#   NO_BUILD=1 use BIN as it is (default BIN target/release/brokerdesk, built with cargo)
#
# Roles are the cluster's, not the database's: a `roles sync` of another book on the same cluster
# (the pg_book tests) disables the bd_ roles it does not know; run `roles sync --pg` on PGDB again.
#
# Timing: hyperfine when present (one invocation per command: median, min, mean user+sys), else
# a loop of /usr/bin/time runs. Each command is also run once under /usr/bin/time for its peak
# RSS. `srv cpu` is the server's CPU per run: the growth of the postmaster's reaped children's
# time (its backends exit with the client), read from /proc when the server is local and its
# data directory readable ("-" otherwise). Results: target/bench-pg/results-$N.tsv and a table
# (markdown) on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
TODAY=2026-12-02
MANAGER=${MANAGER:-M03}
ONLY=${ONLY:-.}
BIN=${BIN:-target/release/brokerdesk}
OUT=target/bench-pg
BOOK=${BOOK:-$OUT/book-$N.db}
PGDB=${PGDB:-bench_pg_$N}
PG_URL=${PG_URL:-${BROKERDESK_TEST_PG:-}}
[ -n "$PG_URL" ] || { echo "bench-pg: set PG_URL (or run under scripts/pg-test-server.sh)" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench-pg: psql not found" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench-pg: sqlite3 not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-pg: /usr/bin/time not found (GNU time)" >&2; exit 2; }
mkdir -p "$OUT"
[ "${NO_BUILD:-0}" = 1 ] || cargo build --release --quiet

# URLs: the same server, another database / another user
url_db() { echo "${PG_URL%/*}/$1"; }
url_as() { echo "$(url_db "$PGDB")" | sed -E "s#^(postgres(ql)?://)[^@/]*@#\1$1@#"; }
OWNER_URL=$(url_db "$PGDB")

if [ ! -f "$BOOK" ]; then
  echo "bench-pg: building $BOOK (demo --customers $N)…" >&2
  rm -f "$BOOK.building"*
  /usr/bin/time -f "demo $N: wall %e s, cpu %U+%S s, peak RSS %M KB" \
    "$BIN" --db "$BOOK.building" --today "$TODAY" demo --customers "$N" >/dev/null
  mv "$BOOK.building" "$BOOK"
  for x in -wal -shm; do [ -f "$BOOK.building$x" ] && mv "$BOOK.building$x" "$BOOK$x"; done
fi
exists=$(psql "$PG_URL" -XAtc "SELECT 1 FROM pg_database WHERE datname = '$PGDB'")
if [ "${FRESH:-0}" = 1 ] && [ "$exists" = 1 ]; then
  psql "$PG_URL" -Xqc "DROP DATABASE $PGDB"; exists=
fi
if [ "$exists" != 1 ]; then
  echo "bench-pg: copying the book into $PGDB (migrate --to, roles sync)…" >&2
  psql "$PG_URL" -Xqc "CREATE DATABASE $PGDB"
  /usr/bin/time -f "migrate --to: wall %e s, cpu %U+%S s, peak RSS %M KB" \
    "$BIN" --db "$BOOK" migrate --to "$OWNER_URL" >/dev/null
  "$BIN" roles sync --pg "$OWNER_URL" >/dev/null
  psql "$OWNER_URL" -Xqc "VACUUM ANALYZE"
fi
SUPERVISOR=$(sqlite3 "$BOOK" "SELECT manager_id FROM managers WHERE role = 'supervisor' ORDER BY manager_id LIMIT 1")
role() { echo "bd_$(echo "$1" | tr '[:upper:]' '[:lower:]')"; }

# the server's CPU so far (ticks): the postmaster's own and its reaped children's
PM_PID=
if dir=$(psql "$PG_URL" -XAtc "SHOW data_directory" 2>/dev/null) && [ -r "$dir/postmaster.pid" ]; then
  PM_PID=$(head -1 "$dir/postmaster.pid")
  [ -r "/proc/$PM_PID/stat" ] || PM_PID=
fi
TICK=$(getconf CLK_TCK)
server_ticks() {
  if [ -z "$PM_PID" ]; then echo 0; return; fi
  # fields after the ")": 14 utime 15 stime 16 cutime 17 cstime (1-based in stat)
  sed 's/^.*) //' "/proc/$PM_PID/stat" | awk '{print $12 + $13 + $14 + $15}'
}

RESULTS="$OUT/results-$N.tsv"
: >"$RESULTS"
# one command timed: LINE WHO SIDE COMMAND... → a row of $RESULTS:
# line who side median_ms min_ms cpu_ms server_cpu_ms peak_rss_kb
measure() {
  local line=$1 who=$2 side=$3; shift 3
  local t0 t1 med min cpu
  t0=$(server_ticks)
  if command -v hyperfine >/dev/null; then
    local json="$OUT/run.json" quoted
    quoted=$(for a in "$@"; do printf "'%s' " "${a//\'/\'\\\'\'}"; done)
    hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "$quoted" >/dev/null
    read -r med min cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("%.1f %.1f %.1f" % (r["median"]*1e3, r["min"]*1e3, (r["user"]+r["system"])*1e3))' "$json")
  else
    local i s e walls=() cpus=()
    for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1; done
    for ((i = 0; i < RUNS; i++)); do
      s=$(date +%s%N)
      /usr/bin/time -f "%U %S" -o "$OUT/run.time" "$@" >/dev/null
      e=$(date +%s%N)
      walls+=($(((e - s) / 1000)))
      cpus+=("$(awk '{printf "%.0f", ($1 + $2) * 1e6}' "$OUT/run.time")")
    done
    read -r med min cpu < <(python3 -c 'import statistics as s,sys; w=[int(x) for x in sys.argv[1].split()]; c=[int(x) for x in sys.argv[2].split()]
print(f"{s.median(w)/1e3:.1f} {min(w)/1e3:.1f} {s.mean(c)/1e3:.1f}")' "${walls[*]}" "${cpus[*]}")
  fi
  t1=$(server_ticks)
  local srv="-"
  [ -n "$PM_PID" ] && srv=$(awk -v d=$((t1 - t0)) -v n=$((RUNS + WARMUP)) -v hz="$TICK" 'BEGIN {printf "%.1f", d * 1000 / hz / n}')
  /usr/bin/time -f "%M" -o "$OUT/rss.time" "$@" >/dev/null
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$line" "$who" "$side" "$med" "$min" "$cpu" "$srv" "$(tail -1 "$OUT/rss.time")" >>"$RESULTS"
}

# one line: the same brokerdesk arguments on the file and on the server, as WHO
both() {
  local line=$1 who=$2; shift 2
  [[ $line =~ $ONLY ]] || return 0
  local lite=("$BIN" --db "$BOOK" --today "$TODAY") pg
  if [ "$who" = manager ]; then
    lite+=(--manager "$MANAGER"); pg=("$BIN" --db "$(url_as "$(role "$MANAGER")")" --today "$TODAY")
  else
    pg=("$BIN" --db "$(url_as "$(role "$SUPERVISOR")")" --today "$TODAY")
  fi
  echo "bench-pg: $line ($who)…" >&2
  measure "$line" "$who" sqlite "${lite[@]}" "$@"
  measure "$line" "$who" pg "${pg[@]}" "$@"
}

# the DBA's matrix: tier × risk type, customers and assets, straight from customer_book, typed
# into psql by the DBA (the owner: no row-level security) and into sqlite3; the manager's line
# adds WHERE manager_id
DBA="SELECT tier, risk_type, COUNT(*), SUM(total_assets) FROM customer_book"
DBA_END="GROUP BY tier, risk_type ORDER BY tier, risk_type"
dba() {
  local who=$1 where=""
  [[ "dba group by" =~ $ONLY ]] || return 0
  [ "$who" = manager ] && where="WHERE manager_id = '$MANAGER'"
  echo "bench-pg: dba group by ($who)…" >&2
  measure "dba group by" "$who" sqlite sqlite3 "$BOOK" "$DBA $where $DBA_END"
  measure "dba group by" "$who" pg psql "$OWNER_URL" -XAtq -c "$DBA $where $DBA_END"
}

for who in supervisor manager; do
  both "render today 80x24" "$who" render today --width 80 --height 24
  both "render today 200x60" "$who" render today --width 200 --height 60
  both "render customers 80x24" "$who" render customers --width 80 --height 24
  both "render customers 200x60" "$who" render customers --width 200 --height 60
  both "render segments 120x40" "$who" render segments --width 120 --height 40
  both "search 王" "$who" render customers --search 王 --width 120 --height 40
  both "search 31080012" "$who" render customers --search 31080012 --width 120 --height 40
  both "report segments csv" "$who" report segments --format csv
  dba "$who"
done

# the table: medians (min), cpu, server cpu, peak RSS, the ratio PG/SQLite of the medians; for
# `report segments`, also its PG median over psql's
python3 - "$RESULTS" "$N" "$RUNS" <<'EOF'
import sys, csv
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
by = {(r[0], r[1], r[2]): r for r in rows}
print(f"\n{int(sys.argv[2]):,} customers, {sys.argv[3]} runs each (median / min ms; cpu = client user+sys ms; srv = server cpu ms per run; RSS MB)\n")
print("| what | who | SQLite median / min | cpu | RSS | PostgreSQL median / min | cpu + srv | RSS | PG/SQLite |")
print("|---|---|---|---|---|---|---|---|---|")
seen = []
for r in rows:
    if (r[0], r[1]) not in seen:
        seen.append((r[0], r[1]))
for line, who in seen:
    l, p = by.get((line, who, "sqlite")), by.get((line, who, "pg"))
    if not l or not p:
        continue
    mb = lambda x: f"{int(x[7]) / 1024:.0f}"
    ratio = float(p[3]) / float(l[3])
    print(f"| {line} | {who} | {l[3]} / {l[4]} | {l[5]} | {mb(l)} | {p[3]} / {p[4]} | {p[5]} + {p[6]} | {mb(p)} | {ratio:.2f} |")
for who in ("supervisor", "manager"):
    ours, dba = by.get(("report segments csv", who, "pg")), by.get(("dba group by", who, "pg"))
    if ours and dba:
        print(f"\n`report segments` on PostgreSQL ({who}) / psql's GROUP BY: {float(ours[3]) / float(dba[3]):.2f}", end="")
print()
EOF
