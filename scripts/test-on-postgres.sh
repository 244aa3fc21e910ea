#!/usr/bin/env bash
# The test suite on PostgreSQL (issue 12): the library's unit tests and every integration test
# whose books come from `store::open_scratch()` / `tests/tui_fixture::conn()` run again with each
# scratch book in a fresh database on the server named by BROKERDESK_TEST_PG
# (BROKERDESK_TEST_BACKEND=postgres). Tests about the SQLite file itself (locks between
# processes, file modes, crash-kills, migrations of old files, the binary on `--db FILE`) stay
# SQLite's; tests/pg_*.rs run in the plain `cargo test` against the same server.
#
#   scripts/pg-test-server.sh scripts/test-on-postgres.sh        # a throw-away server, then this
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BROKERDESK_TEST_PG:?no server: run it as scripts/pg-test-server.sh scripts/test-on-postgres.sh}"
export BROKERDESK_TEST_BACKEND=postgres
targets=(
  alerts_chunks alerts_import allocation assessment_records audit_trail book_incremental bulk_build callbacks
  export export_tui import_asis import_rejects import_roundtrip interview report_segments search_index
  tui_allocation tui_book tui_keys tui_screens tui_segment_axes tui_today
)
args=(--lib)
for t in "${targets[@]}"; do args+=(--test "$t"); done
exec cargo test "${args[@]}" "$@"
