//! Bulk builds: `demo --customers` bounds, and the bulk rewrite of `customer_book` (indexes
//! dropped, rows written, indexes built again) leaves the same rows and the same indexes.

mod tui_fixture;

use brokerdesk::store::db::Db;
use brokerdesk::domain::rules::Rules;
use tui_fixture::bd;

#[test]
fn demo_customers_is_bounded_at_five_million() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, _, err) = bd(&db, &["demo", "--customers", "5000001"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'5000001' 无效（可用：1 至 5000000 之间的整数）"), "{err}");
    let (code, _, err) = bd(&db, &["--lang", "en", "demo", "--customers", "5000001"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("must be between 1 and 5000000"), "{err}");
    let (code, _, err) = bd(&db, &["demo", "--customers", "0"]);
    assert_eq!(code, 2, "{err}");
    assert!(!db.exists(), "refused before the DB is made");
}

#[test]
fn the_bulk_rewrite_gives_the_rows_and_indexes_of_the_plain_one() {
    // the bulk path is SQLite's (PostgreSQL keeps its indexes): this test is about the file
    let conn = tui_fixture::conn_in_memory();
    let dump = |c: &Db| -> (Vec<String>, Vec<String>) {
        let rows = c
            .prepare("SELECT json_array(customer_id, tier, total_assets, risk_level, search_text, name_key) FROM customer_book ORDER BY customer_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let schema = c
            .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'customer_book' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        (rows, schema)
    };
    let plain = dump(&conn);
    assert_eq!(plain.0.len(), 12);
    assert_eq!(plain.1.len(), 10);
    let tx = conn.transaction().unwrap();
    let n = brokerdesk::store::bulk::without_indexes(&tx, "customer_book", || {
        tx.execute("DELETE FROM customer_book", [])?;
        brokerdesk::store::book::refresh(&tx, &Rules::defaults())
    })
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(n, 12);
    assert_eq!(dump(&conn), plain);
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}
