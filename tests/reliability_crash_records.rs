//! Crash safety of the records a person makes at the desk (issue 11, "saving an assessment and
//! logging a callback"): a writer saving interviews and logging calls back to back, each in its own
//! write transaction as the TUI does, is SIGKILLed at random moments. After every kill `check` calls
//! the book sound, and every record came with its audit row (and its callback re-plan): never a
//! record without its audit row, nor an audit row without its record.
//!
//! The writer is this test binary itself, started again with `BROKERDESK_CRASH_WRITER=<db>` on the
//! ignored test `crash_writer` (the TUI's save paths are library calls; no terminal is needed).
#![cfg(unix)]

mod tui_fixture;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use brokerdesk::domain::calendar::Calendar;
use brokerdesk::domain::risk::RiskLevel;
use brokerdesk::domain::rules::Rules;
use brokerdesk::domain::schedule::{CallOutcome, Channel};
use brokerdesk::store::assessments::NewInterview;
use brokerdesk::store::book::Scope;
use brokerdesk::store::callbacks::{self, Caller, NewCall};
use rand::{Rng, SeedableRng};

const WRITER_ENV: &str = "BROKERDESK_CRASH_WRITER";

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

/// (interviews saved, their audit rows, calls logged, their audit rows).
fn counts(db: &Path) -> (i64, i64, i64, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    (
        n("SELECT COUNT(*) FROM assessments WHERE source = 'interview'"),
        n("SELECT COUNT(*) FROM audit_log WHERE action = 'assessment'"),
        n("SELECT COUNT(*) FROM callback_logs"),
        n("SELECT COUNT(*) FROM audit_log WHERE action = 'log_call'"),
    )
}

/// The writer (run only as the child of the test below): interviews and calls, one per
/// transaction, round the active customers until killed (or 5,000 records).
#[test]
#[ignore = "the child process of killed_while_saving_interviews_and_logging_calls_every_record_is_whole"]
fn crash_writer() {
    let Ok(db) = std::env::var(WRITER_ENV) else { return };
    let mut conn = brokerdesk::store::open(Path::new(&db)).unwrap();
    let customers: Vec<(String, String)> = conn
        .prepare("SELECT customer_id, manager_id FROM customers WHERE status = 'active' ORDER BY customer_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (rules, cal) = (Rules::defaults(), Calendar::defaults());
    let q = brokerdesk::assets::default_questionnaire();
    let today = tui_fixture::d(tui_fixture::TODAY);
    let levels = [RiskLevel::C2, RiskLevel::C3, RiskLevel::C4];
    for i in 0..5_000usize {
        let (id, manager) = &customers[i % customers.len()];
        let now = chrono::Utc::now();
        let tx = brokerdesk::store::write_tx(&mut conn).unwrap();
        if i % 2 == 0 {
            let a = NewInterview {
                customer_id: id.clone(),
                answers: "A".into(),
                answers_shown: Vec::new(),
                score: 40,
                level: levels[i % levels.len()],
                lowest: false,
                lowest_cause: String::new(),
                no_full_civil_capacity: false,
                age_note: String::new(),
                assessed_on: today,
                valid_until: today + chrono::Days::new(730),
                manager_id: manager.clone(),
                previous_level: None,
                reason: String::new(),
            };
            brokerdesk::store::assessments::save_interview(&tx, &rules, &q, &a, now).unwrap();
        } else {
            let call = NewCall {
                customer_id: id.clone(),
                plan_id: None,
                channel: Channel::Phone,
                outcome: if i % 3 == 0 { CallOutcome::Reached } else { CallOutcome::NotReached },
                note: format!("第 {i} 次"),
                next_on: None,
            };
            let by = Caller { manager_id: "S001", scope: &Scope::Branch, today, now };
            callbacks::log_call(&tx, &call, by, &rules, &cal).unwrap();
        }
        tx.commit().unwrap();
    }
}

#[test]
fn killed_while_saving_interviews_and_logging_calls_every_record_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let (code, _, err) = bd(&db, &["demo", "--customers", "200"]);
    assert_eq!(code, 0, "{err}");
    let (i0, ia0, c0, ca0) = counts(&db);
    let runs: usize = std::env::var("RELIABILITY_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let seed: u64 = std::env::var("RELIABILITY_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let (mut killed, mut last) = (0, (i0, c0));
    for run in 0..runs {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_writer", "--ignored", "--test-threads=1"])
            .env(WRITER_ENV, &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.random_range(150..900)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let (code, out, err) = bd(&db, &["check"]);
        assert_eq!(code, 0, "seed {seed} run {run}: {out}{err}");
        assert!(out.contains("integrity: ok") && out.contains("check: ok"), "seed {seed} run {run}: {out}");
        let (i, ia, c, ca) = counts(&db);
        // each record with its audit row: the differences from the start stay equal
        assert_eq!(i - i0, ia - ia0, "seed {seed} run {run}: interviews without their audit row");
        assert_eq!(c - c0, ca - ca0, "seed {seed} run {run}: calls without their audit row");
        assert!((i, c) >= last, "records only grow");
        last = (i, c);
    }
    let (i, _, c, _) = counts(&db);
    eprintln!("crash (records): seed {seed}, {runs} runs, {killed} killed, {} interviews, {} calls kept", i - i0, c - c0);
    assert!(killed * 2 >= runs, "only {killed} of {runs} runs were killed mid-way");
    assert!(i > i0 && c > c0, "the writer wrote between kills");
}
