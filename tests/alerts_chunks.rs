//! The alert engine and the callback re-planning read the book a chunk of customers at a time
//! (by key range, or by ids for a sparse subset). On the 3,000-customer demo book (three chunks
//! and a part): runs over subsets — a sparse one, then the dense rest — leave exactly the rows a
//! whole-book run leaves, a subset run touches no other customer, and an import's incremental
//! run leaves nothing for a whole-book run to change.

use brokerdesk::store::db::Db;
use brokerdesk::demo::{self, DemoOptions};
use brokerdesk::domain::calendar::Calendar;
use brokerdesk::domain::rules::Rules;
use brokerdesk::import::{ImportKind, ImportOptions, import_bytes};
use brokerdesk::store::alerts::{self, Which};
use brokerdesk::store::callbacks;
use chrono::NaiveDate;

/// The alerts as the rules and the lifecycle leave them (the row ids aside).
const ALERTS: &str = "SELECT customer_id, rule, severity, subject, detail, detail_en, first_seen, last_seen, status,
        handled_severity, held, resolved_at, actor, updated_at FROM alerts
    ORDER BY customer_id, rule, subject, status, first_seen";
/// The callback plan (the UUID v7 ids and the planning instant aside; a level change's trigger,
/// the assessment's UUID, as that assessment's date: on PostgreSQL the copies are separate
/// builds of the same book, whose records have their own ids).
const PLANS: &str = "SELECT customer_id, reason, routine, t, due_on, first_due_on, tries, status, open FROM (
        SELECT customer_id, reason, routine, due_on, first_due_on, tries, status, CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END AS open,
               CASE WHEN reason = 'level_changed' THEN (SELECT a.assessed_on FROM assessments a WHERE a.id = trigger)
                    ELSE trigger END AS t
        FROM callback_plans) AS p ORDER BY customer_id, reason, t, status, due_on";

fn dump(conn: &Db, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| {
        (0..r.column_count())
            .map(|i| {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    v => format!("{v:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn of(rows: &[Vec<String>], keep: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    rows.iter().filter(|r| keep(&r[0])).cloned().collect()
}

/// The demo book, copied (`VACUUM INTO`) to `copies` files; on PostgreSQL built `copies` times
/// (the demo is the same book for the same options).
fn demo_copies(dir: &std::path::Path, copies: usize) -> (DemoOptions, Vec<Db>) {
    let opts = DemoOptions::default();
    let demo_book = || {
        let mut conn = brokerdesk::store::open_scratch().unwrap();
        demo::build(&mut conn, &opts).unwrap();
        // imports into the demo book are refused: these are the test's own
        conn.execute("UPDATE import_runs SET actor = 'test' WHERE actor = 'demo'", []).unwrap();
        conn
    };
    if brokerdesk::store::scratch_on_server() {
        return (opts.clone(), (0..copies).map(|_| demo_book()).collect());
    }
    let conn = demo_book();
    let out = (0..copies)
        .map(|i| {
            let path = dir.join(format!("copy{i}.db"));
            conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
            brokerdesk::store::open(&path).unwrap()
        })
        .collect();
    (opts, out)
}

fn ids(conn: &Db) -> Vec<String> {
    conn.prepare("SELECT customer_id FROM customers ORDER BY customer_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn subset_runs_leave_what_a_whole_book_run_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let (opts, mut conns) = demo_copies(dir.path(), 2);
    let rules = Rules::defaults();
    let cal = Calendar::defaults();
    // 120 days on: assessments expire, callbacks fall due, alerts open and change
    let later = opts.today + chrono::Days::new(120);
    let now = brokerdesk::clock::now(Some(later));
    // 1 in 7 sold everything: their holding alerts resolve
    for c in &conns {
        c.execute(
            "DELETE FROM holdings WHERE customer_id IN (SELECT customer_id FROM customers WHERE customer_id LIKE '%7')",
            [],
        )
        .unwrap();
        // and 1 in 11 closed the account: their alerts resolve, their callbacks are cancelled
        c.execute("UPDATE customers SET status = 'closed' WHERE customer_id LIKE '%11'", []).unwrap();
    }
    let all = ids(&conns[0]);
    assert_eq!(all.len(), 3000);
    let before_alerts = dump(&conns[0], ALERTS);
    let before_plans = dump(&conns[0], PLANS);

    // the whole book at once
    let whole = alerts::run_now(&mut conns[0], &Which::All, later, now, &rules).unwrap();
    assert!(whole.opened > 0 && whole.updated > 0 && whole.resolved > 0, "{whole}");
    let whole_plan = callbacks::replan(&conns[0], &rules, &cal, later, now, None).unwrap();
    assert!(whole_plan.rescheduled > 0 && whole_plan.cancelled > 0, "{whole_plan:?}");

    // a sparse subset (1 in 50: read by ids), then the dense rest (read by key ranges)
    let sparse: Vec<String> = all.iter().step_by(50).cloned().collect();
    let rest: Vec<String> = all.iter().enumerate().filter(|(i, _)| i % 50 != 0).map(|(_, c)| c.clone()).collect();
    let first = alerts::run_now(&mut conns[1], &Which::Customers(sparse.clone()), later, now, &rules).unwrap();
    assert_eq!(first.customers, sparse.len());
    let first_plan = callbacks::replan(&conns[1], &rules, &cal, later, now, Some(&sparse)).unwrap();
    assert_eq!(first_plan.customers, sparse.len());
    // nobody else touched
    let in_sparse = |c: &str| sparse.binary_search_by(|x| x.as_str().cmp(c)).is_ok();
    let (mid_alerts, mid_plans) = (dump(&conns[1], ALERTS), dump(&conns[1], PLANS));
    assert_eq!(of(&mid_alerts, |c| !in_sparse(c)), of(&before_alerts, |c| !in_sparse(c)));
    assert_eq!(of(&mid_plans, |c| !in_sparse(c)), of(&before_plans, |c| !in_sparse(c)));
    assert_ne!(of(&mid_alerts, in_sparse), of(&before_alerts, in_sparse), "the run changed its own");

    let second = alerts::run_now(&mut conns[1], &Which::Customers(rest.clone()), later, now, &rules).unwrap();
    assert_eq!(second.customers, rest.len());
    callbacks::replan(&conns[1], &rules, &cal, later, now, Some(&rest)).unwrap();
    assert_eq!(first.opened + second.opened, whole.opened);
    assert_eq!(first.resolved + second.resolved, whole.resolved);
    let (whole_alerts, whole_plans) = (dump(&conns[0], ALERTS), dump(&conns[0], PLANS));
    assert_eq!(dump(&conns[1], ALERTS), whole_alerts);
    // plans: the same, ids and planning instants aside
    assert_eq!(dump(&conns[1], PLANS), whole_plans);
}

/// A holdings file of a later date for every third customer: their positions of the latest date
/// with the quantity of every fourth doubled.
fn holdings_file(conn: &Db, day: NaiveDate) -> String {
    let mut out = String::from("customer_id,as_of,code,quantity,cost_price\n");
    let mut stmt = conn
        .prepare(
            "SELECT h.customer_id, h.code, h.quantity, h.cost_price FROM holdings h
             WHERE h.as_of = (SELECT MAX(x.as_of) FROM holdings x WHERE x.customer_id = h.customer_id)
               AND (SELECT COUNT(*) FROM customers y WHERE y.customer_id < h.customer_id) % 3 = 0
             ORDER BY h.customer_id, h.code",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })
        .unwrap();
    for (i, row) in rows.enumerate() {
        let (customer, code, quantity, cost) = row.unwrap();
        let quantity = if i % 4 == 0 { quantity * 2 } else { quantity };
        out.push_str(&format!("{customer},{day},{code},{quantity},{}.{:03}\n", cost / 1000, cost % 1000));
    }
    out
}

#[test]
fn an_imports_incremental_run_leaves_nothing_for_a_whole_book_run() {
    let dir = tempfile::tempdir().unwrap();
    let (opts, mut conns) = demo_copies(dir.path(), 1);
    let conn = &mut conns[0];
    let rules = Rules::defaults();
    let day = opts.today; // the trading day after the statistics date
    let file = holdings_file(conn, day);
    let touched = file.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect::<std::collections::BTreeSet<_>>();
    assert!((900..=1000).contains(&touched.len()), "{}", touched.len());
    let now = brokerdesk::clock::now(Some(day));
    let report =
        import_bytes(conn, ImportKind::Holdings, "h.csv", file.as_bytes(), &ImportOptions::new("test", day, now))
            .unwrap();
    let summary = report.alerts.clone().expect("the rules ran for the file's customers");
    assert_eq!(summary.customers, touched.len());
    assert!(summary.changed(), "doubled positions change concentration alerts: {summary}");
    let after = dump(conn, ALERTS);
    let full = alerts::run_now(conn, &Which::All, day, now, &rules).unwrap();
    assert!(!full.changed(), "{full}");
    assert_eq!(dump(conn, ALERTS), after);
    let plan = callbacks::replan(conn, &rules, &Calendar::defaults(), day, now, None).unwrap();
    assert!(plan.is_empty(), "{plan:?}");
}
