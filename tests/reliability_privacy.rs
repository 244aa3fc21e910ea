//! Privacy (issue 11, item 8): no full ID number or mobile in any screen, report, export,
//! message or log by default; a manager's queries never return another manager's customer.

mod tui_fixture;

use std::path::Path;

use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::{self, BookFilter, Scope, SortKey};
use proptest::prelude::*;

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

/// Every full ID number (and USCC) and mobile of the book.
fn secrets(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out: Vec<String> = conn
        .prepare("SELECT id_number FROM customers UNION SELECT mobile FROM customers WHERE mobile IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    out.retain(|s: &String| s.len() >= 11);
    out
}

#[test]
fn no_output_export_or_log_holds_a_full_id_number_or_mobile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let (code, out, err) = bd(&db, &["demo", "--customers", "60"]);
    assert_eq!(code, 0, "{err}");
    let secrets = secrets(&db);
    assert!(secrets.len() > 60, "{}", secrets.len());
    let mut texts = vec![out, err];
    let first: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let mut commands: Vec<Vec<String>> = Vec::new();
    for screen in ["today", "customers", "segments", "customer", "callbacks", "alerts", "audit", "allocate"] {
        commands.push(vec![
            "render".into(),
            screen.into(),
            "--width".into(),
            "240".into(),
            "--height".into(),
            "80".into(),
        ]);
    }
    commands.push(vec!["render".into(), "customer".into(), "--customer".into(), first.clone()]);
    for report in ["segments", "alerts", "callbacks", "coverage", "assessments"] {
        for format in ["text", "csv", "json"] {
            commands.push(vec!["report".into(), report.into(), "--format".into(), format.into()]);
        }
    }
    for args in [vec!["check"], vec!["alerts", "run"], vec!["assess", "print", "--customer", first.as_str()]] {
        commands.push(args.into_iter().map(String::from).collect());
    }
    let mut files = Vec::new();
    for view in ["customers", "segments", "holdings", "callbacks", "calls", "alerts", "assessments", "audit"] {
        for format in ["csv", "xlsx"] {
            let f = dir.path().join(format!("{view}.{format}"));
            commands.push(
                ["export", view, "--format", format, "-o", f.to_str().unwrap()].into_iter().map(String::from).collect(),
            );
            files.push(f);
        }
    }
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, out, err) = bd(&db, &args);
        texts.push(format!("{args:?}\n{out}\n{err}"));
    }
    // exports as bytes (xlsx is a zip: compare its inflated sheets too, through calamine's view)
    for f in &files {
        if let Ok(bytes) = std::fs::read(f) {
            texts.push(format!("{}\n{}", f.display(), String::from_utf8_lossy(&bytes)));
            if f.extension().is_some_and(|e| e == "xlsx") {
                use calamine::{Reader, open_workbook_auto};
                let mut wb = open_workbook_auto(f).unwrap();
                for name in wb.sheet_names() {
                    let range = wb.worksheet_range(&name).unwrap();
                    for row in range.rows() {
                        texts.push(row.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(","));
                    }
                }
            }
        }
    }
    // any log the program keeps beside the book
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "log") {
            texts.push(std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
    let mut leaks = Vec::new();
    for t in &texts {
        for s in &secrets {
            if t.contains(s.as_str()) {
                leaks.push(format!("{s} in {}", t.lines().next().unwrap_or("")));
            }
        }
    }
    assert!(leaks.is_empty(), "{} leaks: {:?}", leaks.len(), &leaks[..leaks.len().min(10)]);
    assert!(texts.len() > 40, "{}", texts.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_managers_queries_never_return_another_managers_customer(
        m in 0usize..12,
        text in "[0-9]{0,3}|[a-z]{0,2}",
        tier in proptest::option::of(0usize..4),
        alerts in any::<bool>(),
        sort in 0usize..5,
    ) {
        let s = tui_fixture::session();
        let conn = &s.conn;
        let managers: Vec<String> = conn
            .prepare("SELECT manager_id FROM managers ORDER BY manager_id").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        let me = managers[m % managers.len()].clone();
        let scope = Scope::Manager(me.clone());
        let filter = BookFilter {
            scope: scope.clone(),
            tier: tier.map(|i| Tier::ALL[i]),
            text,
            with_alerts: alerts,
            ..BookFilter::default()
        };
        let sort = [SortKey::AssetsDesc, SortKey::ContributionDesc, SortKey::Name, SortKey::CustomerId, SortKey::Tier][sort];
        let owner = |id: &str| -> String {
            conn.query_row("SELECT manager_id FROM customers WHERE customer_id = ?1", [id], |r| r.get(0)).unwrap()
        };
        let ids = book::ids(conn, &filter, sort, s.today).unwrap();
        prop_assert_eq!(ids.len() as u64, book::count(conn, &filter, s.today).unwrap());
        for id in &ids {
            prop_assert_eq!(owner(id), me.clone());
        }
        for a in brokerdesk::store::alerts::all(conn, &scope).unwrap() {
            prop_assert_eq!(owner(&a.customer_id), me.clone());
        }
        for r in brokerdesk::store::callbacks::lists::report_rows(conn, &scope, s.today).unwrap() {
            prop_assert_eq!(owner(&r.customer_id), me.clone());
        }
        // and another manager's customer is not in scope for me
        let other: Option<String> = conn
            .query_row("SELECT customer_id FROM customers WHERE manager_id <> ?1 LIMIT 1", [&me], |r| r.get(0))
            .ok();
        if let Some(other) = other {
            prop_assert!(!book::in_scope(conn, &scope, &other).unwrap());
        }
    }
}
