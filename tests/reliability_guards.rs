//! Append-only guards (issue 11, item 1): every table of records a person makes refuses UPDATE,
//! DELETE and a REPLACE of an existing row (REPLACE's implicit delete fires no DELETE trigger); a
//! questionnaire version assessments refer to cannot be deleted; `check` names each missing
//! guard and exits 1.

mod tui_fixture;

use brokerdesk::store::db::Db;
use std::path::Path;

use brokerdesk::store::guards::{APPEND_ONLY, EXPECTED};

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

/// A 40-customer demo book with at least one row in every append-only table.
fn book(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("g.db");
    let (code, _, err) = bd(&db, &["demo", "--customers", "40"]);
    assert_eq!(code, 0, "{err}");
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    // the demo makes no classifications, alert actions, confirmations or reassignments: add one
    // of each as the app would (a plain INSERT of a new id is allowed)
    conn.execute_batch(
        "INSERT INTO professional_records (id, installation_id, customer_id, conversion, criterion, reason,
             decided_on, recorded_at)
         SELECT '0190a000-0000-7000-8000-000000000001', 'i', customer_id, 'to_professional', 'assets', 'r',
             '2026-11-29', 'x' FROM customers LIMIT 1;
         INSERT INTO alert_actions (id, installation_id, alert_id, customer_id, rule, subject, severity, action,
             manager_id, at, note)
         SELECT '0190a000-0000-7000-8000-000000000002', 'i', id, customer_id, rule, subject, severity,
             'acknowledge', 'M01', 'x', 'n' FROM alerts LIMIT 1;
         INSERT INTO warning_confirmations (id, installation_id, alert_id, customer_id, code, product_rating,
             manager_id, at, note)
         SELECT '0190a000-0000-7000-8000-000000000003', 'i', NULL, customer_id, '600000', 'R4', 'M01', 'x', 'n'
         FROM customers LIMIT 1;
         INSERT INTO reassignments (id, installation_id, customer_id, from_manager, to_manager, by_manager, at)
         SELECT '0190a000-0000-7000-8000-000000000004', 'i', customer_id, manager_id, manager_id, 'S', 'x'
         FROM customers LIMIT 1;",
    )
    .unwrap();
    db
}

fn count(conn: &Db, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn every_append_only_table_refuses_update_delete_and_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    let mut refused = 0;
    for table in APPEND_ONLY {
        let before = count(&conn, table);
        assert!(before > 0, "{table} has no row to attack");
        let first_col: String = conn
            .query_row(&format!("SELECT name FROM pragma_table_info('{table}') WHERE cid = 1"), [], |r| r.get(0))
            .unwrap();
        let snapshot = |c: &Db| -> String {
            c.query_row(&format!("SELECT group_concat(quote({first_col}), '|') FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        let was = snapshot(&conn);
        for sql in [
            format!("UPDATE {table} SET {first_col} = {first_col}"),
            format!("UPDATE OR REPLACE {table} SET {first_col} = {first_col}"),
            format!("DELETE FROM {table}"),
            format!("INSERT OR REPLACE INTO {table} SELECT * FROM {table} LIMIT 1"),
            format!("REPLACE INTO {table} SELECT * FROM {table} LIMIT 1"),
            format!("INSERT INTO {table} SELECT * FROM {table} LIMIT 1"),
        ] {
            let err = conn.execute(&sql, []).expect_err(&sql).to_string();
            assert!(err.contains("append-only"), "{sql}: {err}");
            refused += 1;
        }
        assert_eq!(count(&conn, table), before, "{table}");
        assert_eq!(snapshot(&conn), was, "{table}");
    }
    assert_eq!(refused, APPEND_ONLY.len() * 6);
}

#[test]
fn a_replace_on_the_row_number_or_the_import_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('assessments') WHERE name <> 'id'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let cols = cols.join(", ");
    // a new id on an old row number
    let sql = format!(
        "INSERT OR REPLACE INTO assessments (rowid, id, {cols}) SELECT rowid, 'new-id', {cols} FROM assessments LIMIT 1"
    );
    let err = conn.execute(&sql, []).unwrap_err().to_string();
    assert!(err.contains("append-only"), "{err}");
    // a new id on an imported row's business key
    let sql = format!(
        "INSERT OR REPLACE INTO assessments (id, {cols}) SELECT 'new-id', {cols} FROM assessments
         WHERE source = 'import' LIMIT 1"
    );
    if let Err(e) = conn.execute(&sql, []) {
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    assert_eq!(
        conn.query_row("SELECT COUNT(*) FROM assessments WHERE id = 'new-id'", [], |r| r.get::<_, i64>(0)).unwrap(),
        0
    );
}

#[test]
fn a_questionnaire_in_use_is_neither_deleted_nor_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    for sql in [
        "DELETE FROM questionnaires",
        "INSERT OR REPLACE INTO questionnaires SELECT * FROM questionnaires",
        "UPDATE questionnaires SET title = 'x'",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("immutable"), "{sql}: {err}");
    }
    // a version nobody used yet may go (loaded by mistake)
    conn.execute(
        "INSERT INTO questionnaires (id, version, title, definition, loaded_at) VALUES ('spare', 1, 't', '{}', 'x')",
        [],
    )
    .unwrap();
    assert_eq!(conn.execute("DELETE FROM questionnaires WHERE id = 'spare'", []).unwrap(), 1);
}

#[test]
fn check_names_each_missing_guard_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let (code, out, err) = bd(&db, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("check: ok\n"), "{out}");
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    conn.execute_batch("DROP TRIGGER audit_log_no_delete; DROP TRIGGER assessments_no_replace;").unwrap();
    drop(conn);
    let (code, out, _) = bd(&db, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("guard trigger assessments_no_replace (table assessments) is missing"), "{out}");
    assert!(out.contains("guard trigger audit_log_no_delete (table audit_log) is missing"), "{out}");
    assert!(out.contains("check: 2 problems found"), "{out}");
    assert_eq!(EXPECTED.len(), 25);
}

#[test]
fn check_reports_dangling_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let conn = Db::from(rusqlite::Connection::open(&db).unwrap());
    // foreign keys off: an orphan can be written (a tool other than brokerdesk)
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; INSERT INTO account_snapshots (customer_id, as_of, cash, total_assets) VALUES ('nobody', '2025-01-01', 0, 0);",
    )
    .unwrap();
    drop(conn);
    let (code, out, _) = bd(&db, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("foreign keys: 1 violations") && out.contains("check: 1 problems found"), "{out}");
}
