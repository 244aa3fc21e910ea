//! Migrations (issue 11, item 2): a book at schema version 1, as the first store commit shipped
//! it (tests/fixtures/schema-v1), is upgraded in place after an automatic backup `<db>.bak-v1`,
//! and every record survives; a file from a newer brokerdesk is refused and left byte-identical.

mod tui_fixture;

use std::path::{Path, PathBuf};

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

/// Tables whose rows must all come through the upgrade, with their count in the fixture.
const SURVIVORS: &[(&str, i64)] = &[
    ("managers", 2),
    ("customers", 3),
    ("account_snapshots", 3),
    ("securities", 1),
    ("prices", 1),
    ("holdings", 1),
    ("orders", 1),
    ("questionnaires", 1),
    ("assessments", 1),
    ("audit_log", 1),
    ("import_runs", 1),
];

fn v1_book(dir: &Path) -> PathBuf {
    let db = dir.join("v1.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v1/001_initial_as_shipped.sql")).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v1/data.sql")).unwrap();
    db
}

fn count(conn: &rusqlite::Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn version(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_version_1_book_is_backed_up_and_upgraded_with_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = v1_book(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(version(&conn), 1);
        for (table, n) in SURVIVORS {
            assert_eq!(count(&conn, table), *n, "fixture {table}");
        }
    }
    let (code, out, err) = bd(&db, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("schema: version 6 of 6") && out.contains("check: ok"), "{out}");

    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(version(&conn), 6);
    for (table, n) in SURVIVORS {
        assert_eq!(count(&conn, table), *n, "upgraded {table}");
    }
    // the open routine callback became the customer's plan; the assessment kept its answers
    let plan: (String, String) = conn
        .query_row("SELECT customer_id, due_on FROM callback_plans WHERE status = 'open'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(plan, ("310800000001".to_string(), "2025-09-10".to_string()));
    let (answers, level): (String, String) =
        conn.query_row("SELECT answers, level FROM assessments", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((answers.as_str(), level.as_str()), ("A,B,C", "C3"));
    let id: String =
        conn.query_row("SELECT id_number FROM customers WHERE customer_id = '310800000002'", [], |r| r.get(0)).unwrap();
    assert_eq!(id, "11010119851120002X");

    // the backup is the book as it was, private
    let bak = dir.path().join("v1.db.bak-v1");
    let old = rusqlite::Connection::open(&bak).unwrap();
    assert_eq!(version(&old), 1);
    for (table, n) in SURVIVORS {
        assert_eq!(count(&old, table), *n, "backup {table}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&bak).unwrap().permissions().mode() & 0o777, 0o600);
    }

    // the book is usable: the derived list is rebuilt from the records
    let (code, out, err) = bd(&db, &["report", "segments", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().count() > 1, "{out}");
}

#[test]
fn a_book_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = v1_book(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for args in [&["check"][..], &["report", "segments"], &["render", "today"], &["backup", "copy.db"]] {
        let (code, _, err) = bd(&db, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("written by a newer brokerdesk (schema version 99; this build knows up to 6)"), "{err}");
    }
    let (_, _, err) = tui_fixture::bd(&db, &["check"]);
    assert!(err.contains("由更新版本的 brokerdesk 写入"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file changed");
    for suffix in ["-wal", "-shm", ".bak-v99"] {
        assert!(!dir.path().join(format!("v1.db{suffix}")).exists(), "{suffix}");
    }
    assert!(!dir.path().join("copy.db").exists());
}
