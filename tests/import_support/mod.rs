//! Helpers shared by the `import_*` integration tests.
#![allow(dead_code)]

use brokerdesk::store::db::{Db, FromRow};
use std::path::PathBuf;

use brokerdesk::import::{ImportError, ImportKind, ImportOptions, ImportReport, import_bytes};
use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 27).unwrap()
}

/// The tests' options; messages in English (the texts these tests assert).
pub fn opts() -> ImportOptions {
    ImportOptions {
        lang: brokerdesk::session::Lang::En,
        ..ImportOptions::new("tester", today(), brokerdesk::clock::now(Some(today())))
    }
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn db() -> Db {
    brokerdesk::store::open_scratch().unwrap()
}

/// Imports a fixture by its bare file name (so messages read `name.csv:LINE: …`).
pub fn import(conn: &mut Db, kind: ImportKind, name: &str) -> Result<ImportReport, ImportError> {
    import_bytes(conn, kind, name, &fixture(name), &opts())
}

/// The good base book: managers, customers, securities, prices, holdings, accounts.
pub fn base(conn: &mut Db) -> Vec<ImportReport> {
    [
        (ImportKind::Managers, "managers.csv"),
        (ImportKind::Customers, "customers.csv"),
        (ImportKind::Securities, "securities.csv"),
        (ImportKind::Prices, "prices.csv"),
        (ImportKind::Holdings, "holdings.csv"),
        (ImportKind::Accounts, "accounts.csv"),
    ]
    .into_iter()
    .map(|(k, f)| import(conn, k, f).unwrap_or_else(|e| panic!("{f}: {e}")))
    .collect()
}

pub const TABLES: &[&str] = &[
    "managers",
    "customers",
    "account_snapshots",
    "securities",
    "prices",
    "holdings",
    "orders",
    "questionnaires",
    "assessments",
    "import_runs",
    "customer_book",
];

/// Row count of every table the imports touch.
pub fn counts(conn: &Db) -> Vec<(&'static str, i64)> {
    TABLES
        .iter()
        .map(|t| (*t, conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
        .collect()
}

pub fn count(conn: &Db, table: &str) -> i64 {
    value(conn, &format!("SELECT COUNT(*) FROM {table}"))
}

/// The first column of the first row of `sql`.
pub fn value<T: rusqlite::types::FromSql>(conn: &Db, sql: &str) -> T {
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The first row of `sql` as a tuple: `let (a, b): (i64, String) = row(&conn, "SELECT a, b …")`.
pub fn row<T>(conn: &Db, sql: &str) -> T
where
    T: FromRow,
{
    conn.query_row(sql, [], |r| T::from_row(r)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Every row of `sql` as a tuple.
pub fn rows<T>(conn: &Db, sql: &str) -> Vec<T>
where
    T: FromRow,
{
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let rows = stmt.query_map([], |r| T::from_row(r)).unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// (inserted, updated, unchanged, rejected) of a report.
pub fn tally(r: &ImportReport) -> (usize, usize, usize, usize) {
    (r.inserted, r.updated, r.unchanged, r.rejected)
}

/// The problem lines of a rejected import (without the summary line).
pub fn problem_lines(e: &ImportError) -> Vec<String> {
    match e {
        ImportError::Rejected { .. } => e.to_string().lines().skip(1).map(str::to_string).collect(),
        other => panic!("expected Rejected, got {other}"),
    }
}

/// Imports `bytes` as `kind` (named `name`) into a fresh base book, expects it refused with
/// nothing written, and returns the error.
pub fn refuse(kind: ImportKind, name: &str, bytes: &[u8]) -> ImportError {
    let mut conn = db();
    base(&mut conn);
    let before = counts(&conn);
    let e = import_bytes(&mut conn, kind, name, bytes, &opts()).expect_err("the file must be refused");
    assert_eq!(counts(&conn), before, "{name}: the DB changed");
    assert!(conn.is_autocommit(), "{name}: the import's transaction was left open");
    e
}

/// [`refuse`] for a text, returning the problem lines.
pub fn refused(kind: ImportKind, name: &str, text: &str) -> Vec<String> {
    problem_lines(&refuse(kind, name, text.as_bytes()))
}
