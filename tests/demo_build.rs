//! `brokerdesk demo` end to end: the generated files go through the real import path into a real
//! DB, and running it again refreshes the same book without changing a row.

use brokerdesk::store::db::Db;
use brokerdesk::demo::{self, DemoFile, DemoOptions};

fn count(conn: &Db, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn demo_imports_through_the_import_path_and_refreshes_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = brokerdesk::store::open(&dir.path().join("demo.db")).unwrap();
    let opts = DemoOptions { customers: 600, ..DemoOptions::default() };
    let first = demo::build(&mut conn, &opts).unwrap();

    assert_eq!(first.imports.len(), DemoFile::ALL.len());
    assert_eq!(first.managers, 10);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM managers"), 10);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM managers WHERE role = 'supervisor'"), 1);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM customers"), 600);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM account_snapshots") as usize, first.accounts);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM holdings") as usize, first.holdings);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM assessments") as usize, first.assessments);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM securities") as usize, first.securities);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM prices") as usize, first.price_bars);
    assert_eq!(first.statistics_date.to_string(), "2025-08-26");
    // The store holds what the generator computed: total assets = cash + market value at the
    // statistics-date close, in fen, for every customer.
    let mismatched = count(
        &conn,
        "SELECT COUNT(*) FROM account_snapshots a
         WHERE a.as_of = '2025-08-26' AND a.total_assets != a.cash + COALESCE((
           SELECT SUM((h.quantity * p.close + 5) / 10) FROM holdings h
           JOIN prices p ON p.code = h.code AND p.date = (SELECT MAX(date) FROM prices WHERE code = h.code AND date <= h.as_of)
           WHERE h.customer_id = a.customer_id AND h.as_of = a.as_of), 0)",
    );
    assert_eq!(mismatched, 0);
    // Scored by the import as by the generator.
    let c1 = count(&conn, "SELECT COUNT(*) FROM assessments WHERE level = 'C1'");
    let lowest = count(&conn, "SELECT COUNT(*) FROM assessments WHERE lowest = 1");
    assert!(c1 > 0 && lowest > 0 && lowest <= c1);

    // Refresh: same options, same book, nothing inserted or updated.
    let second = demo::build(&mut conn, &opts).unwrap();
    for r in &second.imports {
        assert_eq!((r.inserted, r.updated, r.rejected), (0, 0, 0), "{r:?}");
        assert_eq!(r.unchanged, r.rows, "{r:?}");
    }
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM assessments") as usize, first.assessments);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM customers"), 600);
}

#[test]
fn demo_refuses_a_today_before_its_data_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = brokerdesk::store::open(&dir.path().join("early.db")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 8, 25).unwrap();
    let err = demo::build(&mut conn, &DemoOptions { customers: 50, today, ..DemoOptions::default() }).unwrap_err();
    assert!(matches!(err, demo::DemoError::TodayBeforeData { .. }), "{err}");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM import_runs"), 0);
}
