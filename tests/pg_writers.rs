//! Many writers on one PostgreSQL book (issue 12, item 5).
//!
//! - `ten_writers_and_an_import_lose_nothing`: the 3,000-customer demo migrated to a fresh
//!   database, `roles sync`; 10 child processes (this test binary again, on the ignored test
//!   `pg_writer_child`), each signed in with its own manager's database role (`bd_m02`…`bd_m10`,
//!   and the branch head `bd_m01`), log calls, save interview assessments and acknowledge alerts
//!   on their own customers — the library's own save paths, each write in
//!   [`Db::write_retrying`] — while `brokerdesk import holdings` of a later date runs over the
//!   whole book. Every child reports its successes; the server's counts rise by exactly their
//!   sum; the import's report matches its file; no child saw an error.
//! - `a_deadlock_with_a_session_outside_the_lock_is_retried`: a raw session that does not take
//!   the write lock deadlocks with a writer; PostgreSQL aborts the writer (40P01),
//!   `write_retrying` runs it again, and it commits once.
//! - `a_commit_elsewhere_shows_at_the_next_tick`: two sessions on one book; a call logged through
//!   another connection shows in the head's Today and coverage at the next `App::tick`, within
//!   TICK + one query; the cost of one poll of the change counter is measured.
//!
//! The server: `BROKERDESK_TEST_PG` (scripts/pg-test-server.sh sets it); unset, these tests print
//! a skip line and pass — unless `CI` or `BROKERDESK_REQUIRE_PG=1` is set, where they fail.

mod pg_support;
mod tui_fixture;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use brokerdesk::domain::calendar::Calendar;
use brokerdesk::domain::model::Role;
use brokerdesk::domain::risk::RiskLevel;
use brokerdesk::domain::rules::Rules;
use brokerdesk::domain::schedule::{CallOutcome, Channel};
use brokerdesk::store::alerts::{Actor, Handling};
use brokerdesk::store::assessments::NewInterview;
use brokerdesk::store::book::Scope;
use brokerdesk::store::callbacks::{Caller, NewCall};
use brokerdesk::store::db::Db;
use pg_support::server;
use postgres::{Client, NoTls};

const CHILD_ENV: &str = "BROKERDESK_PGW_CHILD";
const OUT_ENV: &str = "BROKERDESK_PGW_OUT";
const N_ENV: &str = "BROKERDESK_PGW_N";
/// `postgres://USER@host:port/DB` on the test server of `admin`.
fn url_for(admin: &str, user: &str, db: &str) -> String {
    pg_support::url_for(&admin.parse().unwrap(), user, db)
}

/// A fresh database on the server; its owner's URL.
fn fresh_database(admin: &str, what: &str) -> String {
    url_for(admin, "postgres", &pg_support::fresh_database(admin, what))
}

/// The children's (and the import's) today; the import's holdings are dated the business day before.
const TODAY: &str = "2026-12-01";
const IMPORT_AS_OF: &str = "2026-11-30";

/// Runs the binary on a server book: `brokerdesk --db URL --today TODAY --lang en ARGS` with an
/// empty settings file. (exit code, stdout, stderr).
fn bd_on(dir: &Path, url: &str, args: &[&str]) -> (i32, String, String) {
    let config = dir.join("config.toml");
    std::fs::write(&config, "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .current_dir(dir)
        .env("BROKERDESK_CONFIG", &config)
        .args(["--db", url, "--today", TODAY, "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What a child did: successes per kind, refusals by the rules (not errors), retries, errors.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    calls: i64,
    assessments: i64,
    acks: i64,
    retries: i64,
    errors: i64,
}

impl Tally {
    fn line(&self) -> String {
        format!("{} {} {} {} {}", self.calls, self.assessments, self.acks, self.retries, self.errors)
    }

    fn parse(s: &str) -> Tally {
        let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
        Tally { calls: v[0], assessments: v[1], acks: v[2], retries: v[3], errors: v[4] }
    }
}

/// The writer (run only as a child of `ten_writers_and_an_import_lose_nothing`): signed in with
/// the role of its URL, N writes on its own customers — a call, an assessment, an alert
/// acknowledged, in turn — each through the app's own save path, a few ms apart.
#[test]
#[ignore = "the child process of ten_writers_and_an_import_lose_nothing"]
fn pg_writer_child() {
    let Ok(url) = std::env::var(CHILD_ENV) else { return };
    let out = std::env::var(OUT_ENV).unwrap();
    let n: usize = std::env::var(N_ENV).unwrap().parse().unwrap();
    let conn = brokerdesk::store::open_server(&url).unwrap();
    let me = brokerdesk::store::managers::signed_in(&conn).unwrap().expect("a manager's role");
    let manager = brokerdesk::store::managers::get(&conn, &me).unwrap().unwrap();
    let scope = if manager.role == Role::Supervisor { Scope::Branch } else { Scope::Manager(me.clone()) };
    // its own customers only (the head sees the branch: it takes its own book too)
    let customers: Vec<String> = conn
        .prepare("SELECT customer_id FROM customers WHERE status = 'active' AND manager_id = ?1 ORDER BY customer_id")
        .unwrap()
        .query_map([&me], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // alerts of other customers than those it calls and assesses: a new assessment changes the
    // customer's level, and the import's alert run would resolve their suitability alerts
    let alerts: Vec<i64> = conn
        .prepare(
            "SELECT a.id, a.customer_id FROM alerts a CROSS JOIN customers c ON c.customer_id = a.customer_id
             WHERE a.status = 'open' AND c.manager_id = ?1 ORDER BY a.id",
        )
        .unwrap()
        .query_map([&me], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .into_iter()
        .filter(|(_, c)| !customers[..n.min(customers.len())].contains(c))
        .map(|(id, _)| id)
        .collect();
    assert!(
        customers.len() >= n && alerts.len() >= n / 3,
        "{me}: {} customers, {} alerts",
        customers.len(),
        alerts.len()
    );
    let (rules, cal) = (Rules::defaults(), Calendar::defaults());
    let q = brokerdesk::assets::default_questionnaire();
    let today = tui_fixture::d(TODAY);
    let levels = [RiskLevel::C2, RiskLevel::C3, RiskLevel::C4];
    let mut t = Tally::default();
    let mut errors = Vec::new();
    for i in 0..n {
        let now = chrono::Utc::now();
        let id = &customers[i];
        let done: Result<(), String> = match i % 3 {
            0 => {
                let call = NewCall {
                    customer_id: id.clone(),
                    plan_id: None,
                    channel: Channel::Phone,
                    outcome: if i % 2 == 0 { CallOutcome::Reached } else { CallOutcome::NotReached },
                    note: format!("{me} 第 {i} 次"),
                    next_on: None,
                };
                let by = Caller { manager_id: &me, scope: &scope, today, now };
                conn.write_retrying(|tx| brokerdesk::store::callbacks::log_call(tx, &call, by, &rules, &cal))
                    .map(|_| t.calls += 1)
                    .map_err(|e| e.to_string())
            }
            1 => {
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
                    manager_id: me.clone(),
                    previous_level: None,
                    reason: String::new(),
                };
                conn.write_retrying(|tx| brokerdesk::store::assessments::save_interview(tx, &rules, &q, &a, now))
                    .map(|_| t.assessments += 1)
                    .map_err(|e| e.to_string())
            }
            _ => {
                let by = Actor { scope: &scope, manager_id: &me, now };
                brokerdesk::store::alerts::handle(&conn, alerts[i / 3], Handling::Acknowledge, by, "已与客户沟通")
                    .map(|_| t.acks += 1)
                    .map_err(|e| e.to_string())
            }
        };
        if let Err(e) = done {
            t.errors += 1;
            errors.push(format!("{me} write {i}: {e}"));
        }
        std::thread::sleep(Duration::from_millis(5 + (i as u64 * 7) % 15));
    }
    t.retries = brokerdesk::store::db::retries() as i64;
    std::fs::write(&out, format!("{}\n{me}\n{}", t.line(), errors.join("\n"))).unwrap();
}

/// (callback_logs, interview assessments, alert_actions, their audit rows) as the owner sees them.
fn counts(c: &mut Client) -> [i64; 4] {
    let n = |c: &mut Client, sql: &str| -> i64 { c.query_one(sql, &[]).unwrap().get(0) };
    [
        n(c, "SELECT count(*) FROM callback_logs"),
        n(c, "SELECT count(*) FROM assessments WHERE source = 'interview'"),
        n(c, "SELECT count(*) FROM alert_actions"),
        n(c, "SELECT count(*) FROM audit_log WHERE action IN ('log_call', 'assessment', 'acknowledge')"),
    ]
}

#[test]
fn ten_writers_and_an_import_lose_nothing() {
    let Some(admin) = server("pg_writers") else { return };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("demo.db");
    let (code, _, err) = tui_fixture::bd(&sqlite, &["demo"]);
    assert_eq!(code, 0, "{err}");
    let owner = fresh_database(&admin, "writers");
    let db = owner.rsplit('/').next().unwrap().to_string();
    let (code, _, err) = tui_fixture::bd(&sqlite, &["migrate", "--to", &owner]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = tui_fixture::bd(&sqlite, &["roles", "sync", "--pg", &owner]);
    assert_eq!(code, 0, "{err}");
    let mut pg = Client::connect(&owner, NoTls).unwrap();
    // `import` refuses a demo book (real files go into their own): the demo's runs made to look
    // like the back office's, so this book takes an import like a branch's real one
    pg.execute("UPDATE import_runs SET actor = 'M01' WHERE actor = 'demo'", &[]).unwrap();
    // a DBA's strictest default: every write transaction still runs at READ COMMITTED under the
    // write lock (at SERIALIZABLE a writer's snapshot would predate its wait for the lock)
    pg.batch_execute(&format!("ALTER DATABASE {db} SET default_transaction_isolation = 'serializable'")).unwrap();

    // the import: every holding of the last date, again, dated a business day later
    let rows = pg
        .query(
            "SELECT customer_id, code, quantity, cost_price FROM holdings
             WHERE as_of = (SELECT max(as_of) FROM holdings) ORDER BY customer_id, code",
            &[],
        )
        .unwrap();
    let mut file = String::from("customer_id,as_of,code,quantity,cost_price\n");
    for r in &rows {
        let (c, code, q, cost): (String, String, i64, i64) = (r.get(0), r.get(1), r.get(2), r.get(3));
        file.push_str(&format!("{c},{IMPORT_AS_OF},{code},{q},{}.{:03}\n", cost / 1000, cost % 1000));
    }
    let holdings_file = dir.path().join("holdings.csv");
    std::fs::write(&holdings_file, file).unwrap();
    let file_rows = rows.len() as i64;
    assert!(file_rows > 3_000, "{file_rows}");

    let writers: Vec<(String, String)> = pg
        .query("SELECT manager_id, role FROM managers ORDER BY manager_id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(writers.len(), 10, "the 3k demo: a head and 9 managers");
    assert_eq!(writers.iter().filter(|(_, r)| r == "supervisor").count(), 1);
    let n: usize = std::env::var("PG_WRITERS_N").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let before = counts(&mut pg);

    let started = Instant::now();
    let children: Vec<_> = writers
        .iter()
        .map(|(id, _)| {
            let role = format!("bd_{}", id.to_lowercase());
            let out = dir.path().join(format!("{role}.out"));
            let child = Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "pg_writer_child", "--ignored", "--test-threads=1"])
                .env(CHILD_ENV, url_for(&admin, &role, &db))
                .env(OUT_ENV, &out)
                .env(N_ENV, n.to_string())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (role, out, child)
        })
        .collect();
    // the import starts while the writers write
    std::thread::sleep(Duration::from_millis(150));
    let import_started = Instant::now();
    let (code, out, err) = bd_on(dir.path(), &owner, &["import", "holdings", holdings_file.to_str().unwrap()]);
    let import_took = import_started.elapsed();
    assert_eq!(code, 0, "{out}{err}");
    let mut sum = Tally::default();
    for (role, path, child) in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{role}: {stderr}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{role} wrote no result: {stderr}"));
        let t = Tally::parse(text.lines().next().unwrap());
        assert_eq!(t.errors, 0, "{role} saw errors:\n{text}");
        assert_eq!((t.calls, t.assessments, t.acks), (n.div_ceil(3) as i64, ((n + 1) / 3) as i64, (n / 3) as i64));
        sum.calls += t.calls;
        sum.assessments += t.assessments;
        sum.acks += t.acks;
        sum.retries += t.retries;
    }
    let wall = started.elapsed();
    let after = counts(&mut pg);
    assert_eq!(after[0] - before[0], sum.calls, "callback_logs");
    assert_eq!(after[1] - before[1], sum.assessments, "assessments");
    assert_eq!(after[2] - before[2], sum.acks, "alert_actions");
    assert_eq!(after[3] - before[3], sum.calls + sum.assessments + sum.acks, "audit rows");
    assert_eq!(sum.calls + sum.assessments + sum.acks, (10 * n) as i64);
    // the import: its report counts the file's rows, and they are all there
    assert!(out.contains(&file_rows.to_string()), "{out}");
    let imported: i64 =
        pg.query_one("SELECT count(*) FROM holdings WHERE as_of = $1", &[&IMPORT_AS_OF]).unwrap().get(0);
    assert_eq!(imported, file_rows);
    // every acknowledged alert is acknowledged now (the import's alert run kept them)
    let acked: i64 = pg
        .query_one(
            "SELECT count(*) FROM alerts WHERE id IN (SELECT alert_id FROM alert_actions WHERE action = 'acknowledge'
             AND note = '已与客户沟通') AND status = 'acknowledged'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(acked, sum.acks);
    eprintln!(
        "pg writers: 10 writers × {n} writes = {} ({} calls, {} assessments, {} acks), {} retries, \
         import of {file_rows} holdings {:.2} s, wall {:.2} s",
        10 * n,
        sum.calls,
        sum.assessments,
        sum.acks,
        sum.retries,
        import_took.as_secs_f64(),
        wall.as_secs_f64()
    );
}

#[test]
fn a_deadlock_with_a_session_outside_the_lock_is_retried() {
    let Some(admin) = server("pg_writers") else { return };
    let url = fresh_database(&admin, "deadlock");
    let conn = brokerdesk::store::open_server(&url).unwrap();
    conn.execute_batch(
        "CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT NOT NULL); INSERT INTO t VALUES (1, 0), (2, 0)",
    )
    .unwrap();
    let retries_before = brokerdesk::store::db::retries();
    // a session that does not take the write lock (psql, a DBA's script) holds row 2 and will
    // want row 1; it waits 10 s before looking for deadlocks, so the writer is the one aborted
    let (hold_tx, hold_rx) = std::sync::mpsc::channel::<()>();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    let raw_url = url.clone();
    let raw = std::thread::spawn(move || {
        let mut c = Client::connect(&raw_url, NoTls).unwrap();
        c.batch_execute("SET deadlock_timeout = '10s'; BEGIN; UPDATE t SET v = v + 10 WHERE id = 2").unwrap();
        hold_tx.send(()).unwrap();
        go_rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        c.batch_execute("UPDATE t SET v = v + 10 WHERE id = 1; COMMIT").unwrap();
    });
    hold_rx.recv().unwrap();
    let mut runs = 0;
    conn.write_retrying(|tx| -> rusqlite::Result<()> {
        runs += 1;
        tx.execute("UPDATE t SET v = v + 1 WHERE id = 1", [])?;
        if runs == 1 {
            go_tx.send(()).unwrap();
        }
        // first run: waits for row 2 while the raw session waits for row 1 → 40P01 after 1 s
        tx.execute("UPDATE t SET v = v + 1 WHERE id = 2", [])?;
        Ok(())
    })
    .unwrap();
    raw.join().unwrap();
    assert_eq!(runs, 2, "aborted once, committed on the second run");
    assert_eq!(brokerdesk::store::db::retries() - retries_before, 1);
    // each side's increments exactly once: the aborted run left nothing
    let v: Vec<i64> = conn
        .prepare("SELECT v FROM t ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(v, vec![11, 11]);

    // an error that a new run cannot mend is not retried
    let mut runs = 0;
    let e = conn
        .write_retrying(|tx| -> rusqlite::Result<()> {
            runs += 1;
            tx.execute("INSERT INTO t VALUES (1, 0)", [])?;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(runs, 1);
    assert!(e.to_string().contains("23505") || e.to_string().contains("duplicate key"), "{e}");
    assert_eq!(brokerdesk::store::db::retries() - retries_before, 1);
}

/// The head's coverage of 2026: (customers reached, base) of the branch.
fn branch_reached(conn: &Db) -> u64 {
    brokerdesk::store::callbacks::lists::coverage(conn, &Scope::Branch, 2026, tui_fixture::d(tui_fixture::TODAY))
        .unwrap()
        .branch
        .reached
}

#[test]
fn a_commit_elsewhere_shows_at_the_next_tick() {
    use brokerdesk::session::{Lang, Session};
    use brokerdesk::tui::app::App;
    use brokerdesk::tui::screens::Screen;
    let Some(admin) = server("pg_writers") else { return };
    let url = fresh_database(&admin, "refresh");
    let conn = tui_fixture::build(brokerdesk::store::open_server(&url).unwrap());
    let today = tui_fixture::d(tui_fixture::TODAY);
    let head = brokerdesk::store::managers::get(&conn, "M00").unwrap().unwrap();
    let s = Session {
        conn,
        db_label: "pg".into(),
        today,
        user: head,
        scope: Scope::Branch,
        rules: Rules::defaults(),
        lang: Lang::Zh,
    };
    let mut app = tui_fixture::open(&s, brokerdesk::tui::ScreenId::Today, 100, 40);
    let agenda = |app: &App| -> Vec<String> {
        match app.tabs[0].last() {
            Some(Screen::Today(t)) => t.data.as_ref().unwrap().rows.iter().map(|r| r.customer_id.clone()).collect(),
            _ => panic!("Today is the first tab"),
        }
    };
    assert!(!app.tick(&s).unwrap(), "nothing changed");
    // the other session: another desk's connection (the head's second window, a manager's)
    let other = brokerdesk::store::open_server(&url).unwrap();
    let rules = Rules::defaults();
    let cal = Calendar::defaults();
    let poll_cost = {
        let t = Instant::now();
        for _ in 0..200 {
            brokerdesk::store::book::data_version(&s.conn).unwrap();
        }
        t.elapsed() / 200
    };
    // the counter alone (what the poll cost before the writers in flight were part of it)
    let counter_cost = {
        let t = Instant::now();
        for _ in 0..200 {
            s.conn.query_row("SELECT last_value FROM bd_changes", [], |r| r.get::<_, i64>(0)).unwrap();
        }
        t.elapsed() / 200
    };
    let mut waits = Vec::new();
    let reached = branch_reached(&s.conn);
    // customers on the head's agenda not yet reached this year (each call adds one to the
    // coverage), each called in turn: reached, so off the agenda
    let fresh: Vec<String> = other
        .prepare(
            "SELECT customer_id FROM customers WHERE status = 'active' AND opened_on < '2026-01-01'
             AND customer_id NOT IN (SELECT customer_id FROM callback_logs WHERE outcome = 'reached'
             AND called_on >= '2026-01-01')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let due: Vec<String> = brokerdesk::store::callbacks::lists::agenda(&other, &Scope::Branch, today, 7, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.customer_id)
        .collect();
    // what a call of `c` adds to the head's coverage: one customer reached, unless already
    let adds = |c: &String| u64::from(fresh.contains(c));
    assert!(due.len() >= 2, "{due:?}");
    // a tick between the writer's statements and its commit: the counter has moved, the rows are
    // not visible yet; the commit must still show at the tick after it (never a missed refresh)
    let first = &due[0];
    let call = NewCall {
        customer_id: first.clone(),
        plan_id: None,
        channel: Channel::Phone,
        outcome: CallOutcome::Reached,
        note: "客户已确认".into(),
        next_on: None,
    };
    let tx = other.write_tx().unwrap();
    let by = Caller { manager_id: "M00", scope: &Scope::Branch, today, now: chrono::Utc::now() };
    brokerdesk::store::callbacks::log_call(&tx, &call, by, &rules, &cal).unwrap();
    if app.tick(&s).unwrap() {
        app.sync(&s, ratatui::layout::Size::new(100, 40)).unwrap();
    }
    assert!(agenda(&app).contains(first), "not committed yet: still on the agenda");
    tx.commit().unwrap();
    assert!(app.tick(&s).unwrap(), "the commit moves the version");
    app.sync(&s, ratatui::layout::Size::new(100, 40)).unwrap();
    assert!(!agenda(&app).contains(first), "{first} called: off the head's agenda");
    assert_eq!(branch_reached(&s.conn), reached + adds(first), "the head's coverage counts the call");
    // then calls of the next customer, not reached (retried the next business day: it stays on
    // the agenda with one try more), each committing at a moment the loop does not know; the
    // loop ticks every TICK as the TUI does with no key pressed, until the agenda shows it
    let second = due[1].clone();
    let tries = |app: &App| -> Option<(String, u32)> {
        match app.tabs[0].last() {
            Some(Screen::Today(t)) => {
                t.data.as_ref()?.rows.iter().find(|r| r.customer_id == second).map(|r| (r.plan_id.clone(), r.tries))
            }
            _ => None,
        }
    };
    for k in 0..5u64 {
        let (plan, before) = tries(&app).expect("on the head's agenda");
        let pause = Duration::from_millis(61 + 97 * k);
        let (tx_done, rx_done) = std::sync::mpsc::channel::<Instant>();
        let (url2, customer2, rules2, cal2) = (url.clone(), second.clone(), rules.clone(), cal.clone());
        let writer = std::thread::spawn(move || {
            let c = brokerdesk::store::open_server(&url2).unwrap();
            std::thread::sleep(pause);
            let call = NewCall {
                customer_id: customer2,
                plan_id: Some(plan),
                channel: Channel::Phone,
                outcome: CallOutcome::NotReached,
                note: "未接通".into(),
                next_on: None,
            };
            let by = Caller { manager_id: "M00", scope: &Scope::Branch, today, now: chrono::Utc::now() };
            c.write_retrying(|tx| brokerdesk::store::callbacks::log_call(tx, &call, by, &rules2, &cal2)).unwrap();
            tx_done.send(Instant::now()).unwrap();
        });
        let mut ticks = 0;
        let seen = loop {
            std::thread::sleep(brokerdesk::tui::TICK);
            ticks += 1;
            assert!(ticks <= 10, "not shown after {ticks} ticks");
            if app.tick(&s).unwrap() {
                app.sync(&s, ratatui::layout::Size::new(100, 40)).unwrap();
                if tries(&app).is_some_and(|(_, t)| t == before + 1) {
                    break Instant::now();
                }
            }
        };
        let committed = rx_done.recv().unwrap();
        writer.join().unwrap();
        let wait = seen.saturating_duration_since(committed);
        assert!(wait <= brokerdesk::tui::TICK + Duration::from_millis(250), "shown {wait:?} after the commit");
        waits.push(wait);
    }
    drop(other);
    waits.sort();
    eprintln!(
        "pg refresh: commit → shown at the next tick {:?} (max {:?}, TICK {:?}); one poll {:?} (the counter alone {:?})",
        waits,
        waits.last().unwrap(),
        brokerdesk::tui::TICK,
        poll_cost,
        counter_cost
    );
}
