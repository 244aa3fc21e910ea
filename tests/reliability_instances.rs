//! Two instances on one book (issue 11, item 3): a writer waits for another's lock (saying so)
//! instead of failing with SQLite's "database is locked", and on timeout names the holder; reads
//! never write, and rules are per process (`--rules` computes tiers privately).

mod tui_fixture;

use std::path::Path;
use std::time::{Duration, Instant};

use brokerdesk::domain::calendar::Calendar;
use brokerdesk::domain::rules::Rules;
use brokerdesk::domain::schedule::{CallOutcome, Channel};
use brokerdesk::store::book::Scope;
use brokerdesk::store::callbacks::{self, Caller, NewCall};

/// `brokerdesk --lang en --db DB --today … ARGS` with `BROKERDESK_LOCK_WAIT_SECS=wait`.
fn bd_wait(db: &Path, wait: u64, args: &[&str]) -> (i32, String, String) {
    let wait = wait.to_string();
    tui_fixture::bd_env(db, &[("BROKERDESK_LOCK_WAIT_SECS", &wait)], &[&["--lang", "en"][..], args].concat())
}

fn demo(dir: &Path, n: &str) -> std::path::PathBuf {
    let db = dir.join("two.db");
    let (code, _, err) = bd_wait(&db, 10, &["demo", "--customers", n]);
    assert_eq!(code, 0, "{err}");
    db
}

/// A write lock held by "another instance" (this test) until dropped.
fn hold_lock(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', '1');").unwrap();
    conn
}

#[test]
fn a_writer_waits_then_names_the_holder_never_database_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "60");
    let lock = hold_lock(&db);
    // the holder's note, as a long import leaves it (this test process is alive)
    let note = dir.path().join(format!("two.db.writer-{}", std::process::id()));
    std::fs::write(&note, format!("pid={}\ncommand=import holdings\nsince=2026-12-03T07:00:00Z\n", std::process::id()))
        .unwrap();
    let started = Instant::now();
    let (code, out, err) = bd_wait(&db, 2, &["alerts", "run"]);
    let took = started.elapsed();
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("waiting for another import to finish…"), "{err}");
    assert!(err.contains("is being written by another process: still busy after 2 s"), "{err}");
    assert!(err.contains(&format!("pid {} (import holdings, 2026-12-03T07:00:00Z)", std::process::id())), "{err}");
    assert!(!err.contains("database is locked"), "{err}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(20), "{took:?}");
    // the import path says the same
    let csv = dir.path().join("m.csv");
    std::fs::write(&csv, "manager_id,name,branch,role\nS009,赵敏,测试营业部,supervisor\n").unwrap();
    let (_, _, err) = bd_wait(&db, 1, &["import", "managers", csv.to_str().unwrap()]);
    assert!(!err.contains("database is locked"), "{err}");
    drop(lock);
    std::fs::remove_file(&note).unwrap();
}

#[test]
fn a_writer_waits_for_the_lock_and_then_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "60");
    let lock = hold_lock(&db);
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        lock.execute_batch("COMMIT").unwrap();
    });
    let (code, out, err) = bd_wait(&db, 60, &["alerts", "run"]);
    release.join().unwrap();
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("waiting for another import to finish…"), "{err}");
    assert!(out.contains("customers"), "{out}");
}

#[test]
fn calls_logged_while_another_instance_writes_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "300");
    let before: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM callback_logs", [], |r| r.get(0))
        .unwrap();
    // instance A: alerts runs, back to back (each a write transaction over the book)
    let db_a = db.clone();
    let a = std::thread::spawn(move || {
        let mut codes = Vec::new();
        for _ in 0..4 {
            let (code, _, err) = bd_wait(&db_a, 60, &["alerts", "run"]);
            assert!(!err.contains("database is locked"), "{err}");
            codes.push(code);
        }
        codes
    });
    // instance B (this process): a call logged per customer, each in its own write transaction
    let mut conn = brokerdesk::store::open(&db).unwrap();
    let ids: Vec<String> = conn
        .prepare("SELECT customer_id FROM customers WHERE status = 'active' ORDER BY customer_id LIMIT 40")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let today = tui_fixture::d(tui_fixture::TODAY);
    let mut logged = 0;
    for id in &ids {
        let tx = brokerdesk::store::write_tx(&mut conn).unwrap();
        let call = NewCall {
            customer_id: id.clone(),
            plan_id: None,
            channel: Channel::Phone,
            outcome: CallOutcome::NotReached,
            note: String::new(),
            next_on: None,
        };
        let by = Caller { manager_id: "S001", scope: &Scope::Branch, today, now: chrono::Utc::now() };
        callbacks::log_call(&tx, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap();
        tx.commit().unwrap();
        logged += 1;
    }
    let codes = a.join().unwrap();
    assert_eq!(codes, [0, 0, 0, 0]);
    let after: i64 = conn.query_row("SELECT COUNT(*) FROM callback_logs", [], |r| r.get(0)).unwrap();
    assert_eq!((logged, after - before), (40, 40));
}

/// The firm's rules: T1 from 200万 of assets instead of 500万.
fn firm_rules(dir: &Path) -> std::path::PathBuf {
    let text = brokerdesk::domain::rules::DEFAULT_RULES_TOML.replacen(
        "min_assets_yuan = 5000000",
        "min_assets_yuan = 2000000",
        1,
    );
    let path = dir.join("firm.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn t1_count(csv: &str) -> u64 {
    // the matrix CSV: one line per tier, the first field the tier, then counts per type
    let line = csv.lines().find(|l| l.starts_with("T1")).unwrap_or_else(|| panic!("{csv}"));
    line.split(',').skip(1).filter_map(|c| c.trim().parse::<u64>().ok()).next().unwrap_or(0)
}

#[test]
fn reads_under_other_rules_write_nothing_and_do_not_disturb_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "300");
    let firm = firm_rules(dir.path());
    let fingerprint = |db: &Path| -> String {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT value FROM settings WHERE key = 'book_tier_rules'", [], |r| r.get(0))
            .unwrap()
    };
    let stored = fingerprint(&db);
    let (_, default_out, _) = bd_wait(&db, 5, &["report", "segments", "--format", "csv"]);
    // another instance holds the write lock all along: reads must not need it
    let lock = hold_lock(&db);
    let started = Instant::now();
    let (code, firm_out, err) =
        bd_wait(&db, 1, &["--rules", firm.to_str().unwrap(), "report", "segments", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("waiting"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let (code, again, err) = bd_wait(&db, 1, &["report", "segments", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    drop(lock);
    assert!(t1_count(&firm_out) > t1_count(&default_out), "{firm_out}\n{default_out}");
    assert_eq!(again, default_out, "the default reader saw the firm's tiers");
    assert_eq!(fingerprint(&db), stored, "a read recorded other rules");
    let (code, out, _) = bd_wait(&db, 1, &["check"]);
    assert_eq!(code, 0, "{out}");
}
