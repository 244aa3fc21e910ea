//! Crash safety (issue 11, items 7–8): `import holdings` and `alerts run` SIGKILLed at random
//! moments leave a book that `check` calls sound and that holds the whole file (or the whole run)
//! or none of it; a `demo` killed half-way is reported incomplete. CI-sized here
//! (`RELIABILITY_CRASH_RUNS`, default 30 imports + 10 alerts runs); `scripts/crash-kill.sh` runs
//! a larger batch against a release build.
#![cfg(unix)]

mod tui_fixture;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

const CUSTOMERS: usize = 600;
const PER_CUSTOMER: usize = 4;

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

fn spawn(db: &Path, args: &[&str]) -> Child {
    let dir = db.parent().unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "").unwrap();
    Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .current_dir(dir)
        .env("BROKERDESK_CONFIG", &config)
        .args(["--lang", "en", "--db", db.to_str().unwrap(), "--today", tui_fixture::TODAY])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// An imported book (managers, customers, securities) and a holdings file for every customer.
fn base(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("base.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for kind in ["managers", "securities"] {
        let f = fixtures.join(format!("{kind}.csv"));
        let (code, out, err) = bd(&db, &["import", kind, f.to_str().unwrap()]);
        assert_eq!(code, 0, "{kind}: {out}{err}");
    }
    let mut customers = String::from("customer_id,name,kind,gender,birth_date,id_number,mobile,manager_id,opened_on\n");
    let mut holdings = String::from("customer_id,as_of,code,quantity,cost_price\n");
    let codes = ["600519", "000001", "110043", "510300"];
    for i in 0..CUSTOMERS {
        let id = 200_000 + i;
        let seq = format!("{:03}", i % 1000);
        let rid = tui_fixture::resident_id("110105", "19800101", &seq);
        customers.push_str(&format!("{id},客户{i},individual,,,{rid},,M001,2015-03-02\n"));
        for (k, code) in codes.iter().enumerate().take(PER_CUSTOMER) {
            holdings.push_str(&format!("{id},2025-08-26,{code},{},{}.5\n", 100 * (k + 1 + i % 7), 10 + k));
        }
    }
    let cf = dir.join("customers.csv");
    std::fs::write(&cf, customers).unwrap();
    let (code, out, err) = bd(&db, &["import", "customers", cf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let hf = dir.join("holdings.csv");
    std::fs::write(&hf, holdings).unwrap();
    // fold the WAL into the file so a plain copy is the whole book
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    drop(conn);
    (db, hf)
}

fn copy_book(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    for s in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", to.display()));
    }
}

fn runs() -> usize {
    std::env::var("RELIABILITY_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(30)
}

#[test]
fn killed_imports_and_alert_runs_leave_a_sound_book_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (base, holdings) = base(dir.path());
    let rows = (CUSTOMERS * PER_CUSTOMER) as i64;
    // how long a whole import and a whole alerts run take: the kills land within that window
    let whole = dir.path().join("whole.db");
    copy_book(&base, &whole);
    let started = Instant::now();
    let (code, out, err) = bd(&whole, &["import", "holdings", holdings.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let import_took = started.elapsed();
    assert_eq!(count(&whole, "SELECT COUNT(*) FROM holdings"), rows);
    let alerts_before = count(&whole, "SELECT COUNT(*) FROM alerts");
    let started = Instant::now();
    let (code, out, err) = bd(&whole, &["alerts", "run"]);
    assert_eq!(code, 0, "{out}{err}");
    let alerts_took = started.elapsed();
    let alerts_after = count(&whole, "SELECT COUNT(*) FROM alerts");

    let seed: u64 = std::env::var("RELIABILITY_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let (mut killed, mut none, mut all) = (0, 0, 0);
    let n = runs();
    for run in 0..n + n / 3 {
        let db = dir.path().join(format!("run{run}.db"));
        let alerts = run >= n;
        let window = if alerts { alerts_took } else { import_took };
        if alerts {
            copy_book(&whole, &db);
        } else {
            copy_book(&base, &db);
        }
        let wait = Duration::from_micros(rng.random_range(0..=window.as_micros() as u64 + 1));
        let mut child = if alerts {
            spawn(&db, &["alerts", "run"])
        } else {
            spawn(&db, &["import", "holdings", holdings.to_str().unwrap()])
        };
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let (code, out, err) = bd(&db, &["check"]);
        assert_eq!(code, 0, "seed {seed} run {run} after {wait:?}: {out}{err}");
        assert!(out.contains("integrity: ok") && out.contains("check: ok"), "seed {seed} run {run}: {out}");
        if alerts {
            // the run replaces the alert set as a whole (the same book: the same findings)
            let now = count(&db, "SELECT COUNT(*) FROM alerts");
            assert!(now == alerts_after || now == alerts_before, "seed {seed} run {run}: {now} alerts");
        } else {
            let held = count(&db, "SELECT COUNT(*) FROM holdings");
            let runs_logged = count(&db, "SELECT COUNT(*) FROM import_runs WHERE kind = 'holdings'");
            match held {
                0 => {
                    assert_eq!(runs_logged, 0, "seed {seed} run {run}");
                    none += 1;
                }
                h if h == rows => {
                    assert_eq!(runs_logged, 1, "seed {seed} run {run}");
                    all += 1;
                }
                h => panic!("seed {seed} run {run} after {wait:?}: {h} of {rows} holdings (a half import)"),
            }
        }
        let _ = std::fs::remove_file(&db);
    }
    eprintln!("crash: seed {seed}, {} runs, {killed} killed, imports whole {all} / none {none}", n + n / 3);
    assert!(killed >= n / 3, "only {killed} of {} runs were killed mid-way", n + n / 3);
}

#[test]
fn a_demo_killed_half_way_is_reported_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = spawn(&db, &["demo", "--customers", "400"]);
    // kill as soon as the build has begun (its marker is committed)
    let started = Instant::now();
    loop {
        let marked = db.exists()
            && rusqlite::Connection::open(&db)
                .ok()
                .and_then(|c| {
                    c.query_row("SELECT COUNT(*) FROM settings WHERE key = 'building'", [], |r| r.get::<_, i64>(0)).ok()
                })
                .is_some_and(|n| n == 1);
        if marked {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the demo finished before it was seen building");
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (code, out, _) = bd(&db, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("incomplete: demo was stopped before it finished"), "{out}");
    // building it again completes it
    let (code, _, err) = bd(&db, &["demo", "--customers", "40"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = bd(&db, &["check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn audit_instants_are_real_time_even_under_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/managers.csv");
    let before = chrono::Utc::now() - chrono::Duration::seconds(5);
    let (code, _, err) = bd(&db, &["import", "managers", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let after = chrono::Utc::now() + chrono::Duration::seconds(5);
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in ["SELECT at FROM import_runs", "SELECT at FROM audit_log"] {
        let ats: Vec<String> =
            conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        for at in ats {
            let t = chrono::DateTime::parse_from_rfc3339(&at).unwrap().with_timezone(&chrono::Utc);
            assert!(t >= before && t <= after, "{sql}: {at} is not now (--today {})", tui_fixture::TODAY);
        }
    }
}
