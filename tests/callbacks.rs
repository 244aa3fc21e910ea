//! Callback planning and the call log on the fixture book (12 customers: M01 has 1–8, #8 dormant;
//! M02 has 9–12; all opened 2018-06-15), with a fixed today.

mod tui_fixture;

use brokerdesk::store::db::Db;
use brokerdesk::domain::calendar::Calendar;
use brokerdesk::domain::rules::Rules;
use brokerdesk::domain::schedule::{AfterCall, CallOutcome, Channel};
use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::Scope;
use brokerdesk::store::callbacks::{self, Caller, NewCall, lists};
use chrono::NaiveDate;
use tui_fixture::d;

fn now(day: &str) -> chrono::DateTime<chrono::Utc> {
    brokerdesk::clock::now(Some(d(day)))
}

fn replan(conn: &Db, today: &str) -> callbacks::ReplanSummary {
    callbacks::replan(conn, &Rules::defaults(), &Calendar::defaults(), d(today), now(today), None).unwrap()
}

fn routine_plan(conn: &Db, customer: &str) -> (String, NaiveDate, u32, String) {
    conn.query_row(
        "SELECT id, due_on, tries, reason FROM callback_plans WHERE customer_id = ?1 AND status = 'open' AND routine = 1",
        [customer],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

fn log(
    conn: &Db,
    customer: &str,
    plan: Option<String>,
    outcome: CallOutcome,
    day: &str,
) -> callbacks::LoggedCall {
    let scope = Scope::Branch;
    let tx = brokerdesk::store::write_tx_shared(conn).unwrap();
    let call = NewCall {
        customer_id: customer.into(),
        plan_id: plan,
        channel: Channel::Phone,
        outcome,
        note: "客户在开会，稍后再联系".into(),
        next_on: None,
    };
    let by = Caller { manager_id: "M01", scope: &scope, today: d(day), now: now(day) };
    let logged = callbacks::log_call(&tx, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap();
    tx.commit().unwrap();
    logged
}

#[test]
fn every_active_customer_gets_one_routine_callback_and_replanning_twice_changes_nothing() {
    let conn = tui_fixture::conn();
    let first = replan(&conn, "2026-11-30");
    assert!(!first.is_empty());
    let (active, routine): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM customers WHERE status = 'active'),
                    (SELECT COUNT(*) FROM callback_plans WHERE status = 'open' AND routine = 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((active, routine), (11, 11), "one routine callback per active customer, none for the dormant one");
    assert_eq!(replan(&conn, "2026-11-30"), callbacks::ReplanSummary { customers: 12, ..Default::default() });
    // customer 1 was reached on 2026-10-21 (fixture log): due 10-21 + the tier's period, on a business day
    let tier: String =
        conn.query_row("SELECT tier FROM customer_book WHERE customer_id = '310000000001'", [], |r| r.get(0)).unwrap();
    let days = Rules::defaults().tier_rule(Tier::parse(&tier).unwrap()).callback_days;
    let (_, due, _, _) = routine_plan(&conn, "310000000001");
    assert_eq!(due, Calendar::defaults().add_days(d("2026-10-21"), days));
}

#[test]
fn not_reached_three_times_then_reached() {
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-30");
    let c = "310000000002";
    let (plan, first_due, _, _) = routine_plan(&conn, c);
    // Mon 11-30: not reached → retried Tue 12-01 (try 1 of 3)
    let l = log(&conn, c, Some(plan.clone()), CallOutcome::NotReached, "2026-11-30");
    assert_eq!(l.effect, AfterCall::Retry { tries: 1, due_on: d("2026-12-01") });
    assert_eq!(routine_plan(&conn, c), (plan.clone(), d("2026-12-01"), 1, "routine".into()));
    let l = log(&conn, c, Some(plan.clone()), CallOutcome::NotReached, "2026-12-01");
    assert_eq!(l.effect, AfterCall::Retry { tries: 2, due_on: d("2026-12-02") });
    // the third failed try: it stays where it is (overdue from tomorrow) with 3 tries
    let l = log(&conn, c, Some(plan.clone()), CallOutcome::NotReached, "2026-12-02");
    assert_eq!(l.effect, AfterCall::Stays { tries: 3 });
    assert_eq!(routine_plan(&conn, c), (plan.clone(), d("2026-12-02"), 3, "routine".into()));
    // re-planning keeps the retried callback as it is
    assert!(replan(&conn, "2026-12-03").is_empty());
    // retries never reset how late it is: days overdue count from the day it first fell due
    let row = lists::report_rows(&conn, &Scope::Branch, d("2026-12-04"))
        .unwrap()
        .into_iter()
        .find(|r| r.customer_id == c)
        .unwrap();
    assert_eq!(row.due_on, d("2026-12-02"));
    assert_eq!(i64::from(row.overdue_days), (d("2026-12-04") - first_due).num_days());
    assert!(first_due < d("2026-11-30"), "it was overdue before the first try: {first_due}");
    // Thu 12-03 reached: done, the next routine one from today
    let l = log(&conn, c, Some(plan.clone()), CallOutcome::Reached, "2026-12-03");
    assert_eq!(l.effect, AfterCall::Done);
    let status: String =
        conn.query_row("SELECT status FROM callback_plans WHERE id = ?1", [&plan], |r| r.get(0)).unwrap();
    assert_eq!(status, "done");
    let tier: String =
        conn.query_row("SELECT tier FROM customer_book WHERE customer_id = ?1", [c], |r| r.get(0)).unwrap();
    let days = Rules::defaults().tier_rule(Tier::parse(&tier).unwrap()).callback_days;
    let (next, due, tries, _) = routine_plan(&conn, c);
    assert_ne!(next, plan);
    assert_eq!((due, tries), (Calendar::defaults().add_days(d("2026-12-03"), days), 0));
    assert_eq!(l.next_due, Some(due));
    // four calls in the log, newest first, each with its try number
    let f = lists::LogFilter { customer_id: Some(c.into()), ..Default::default() };
    let rows = lists::log_page(&conn, &f, 0, 10).unwrap();
    let seen: Vec<(NaiveDate, CallOutcome, u32)> = rows.iter().map(|r| (r.called_on, r.outcome, r.try_no)).collect();
    assert_eq!(
        seen,
        vec![
            (d("2026-12-03"), CallOutcome::Reached, 4),
            (d("2026-12-02"), CallOutcome::NotReached, 3),
            (d("2026-12-01"), CallOutcome::NotReached, 2),
            (d("2026-11-30"), CallOutcome::NotReached, 1),
        ]
    );
    let audited: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'log_call' AND entity_id = ?1", [c], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 4);
}

#[test]
fn wrong_number_flags_the_customer_and_a_manager_logs_only_in_their_book() {
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-30");
    let c = "310000000003";
    let (plan, due, _, _) = routine_plan(&conn, c);
    let l = log(&conn, c, Some(plan.clone()), CallOutcome::WrongNumber, "2026-11-30");
    assert_eq!(l.effect, AfterCall::Stays { tries: 1 });
    let f = lists::PlanFilter { scope: Scope::Manager("M01".into()), ..Default::default() };
    let row =
        lists::open_page(&conn, &f, d("2026-11-30"), 0, 100).unwrap().into_iter().find(|r| r.customer_id == c).unwrap();
    assert!(row.wrong_number);
    assert_eq!((row.due_on, row.tries), (due, 1));
    // M02 may not log a call on M01's customer
    let scope = Scope::Manager("M02".into());
    let by = Caller { manager_id: "M02", scope: &scope, today: d("2026-11-30"), now: now("2026-11-30") };
    let call = NewCall {
        customer_id: c.into(),
        plan_id: Some(plan),
        channel: Channel::WeChat,
        outcome: CallOutcome::Reached,
        note: String::new(),
        next_on: None,
    };
    let err = callbacks::log_call(&conn, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap_err();
    assert_eq!(err.to_string(), "客户 310000000003 不在您的客户范围内 (customer 310000000003 is not in your book)");
}

#[test]
fn the_next_date_set_at_a_call_plans_the_next_routine_callback() {
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-30");
    let c = "310000000009";
    let (plan, _, _, _) = routine_plan(&conn, c);
    let scope = Scope::Branch;
    let by = Caller { manager_id: "M00", scope: &scope, today: d("2026-11-30"), now: now("2026-11-30") };
    let mut call = NewCall {
        customer_id: c.into(),
        plan_id: Some(plan),
        channel: Channel::InPerson,
        outcome: CallOutcome::Reached,
        note: "约好下周面谈".into(),
        next_on: Some(d("2026-11-30")),
    };
    let err = callbacks::log_call(&conn, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "下次回访日期 2026-11-30 须晚于今天 2026-11-30 (the next callback date must be after today)"
    );
    // past the cadence (T2: 60 days → 2027-01-29) is refused
    call.next_on = Some(d("2027-03-01"));
    let err = callbacks::log_call(&conn, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap_err();
    assert!(err.to_string().starts_with("下次回访日期 2027-03-01 超出回访周期，最晚 "), "{err}");
    call.next_on = Some(d("2026-12-05")); // a Saturday → Monday 12-07
    let logged = callbacks::log_call(&conn, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap();
    assert_eq!(routine_plan(&conn, c).1, d("2026-12-07"));
    // the audit row says what happened first, the log's id last (the 审计 screen shows the start)
    let filter = brokerdesk::store::audit::AuditFilter { action: Some("log_call".into()), ..Default::default() };
    let audit = brokerdesk::store::audit::query(&conn, &filter, 0, 1).unwrap();
    assert_eq!(audit[0].new_value.as_deref(), Some(format!("in_person reached · {}", logged.id).as_str()));
    assert_eq!(audit[0].customer_id.as_deref(), Some(c));
}

#[test]
fn the_call_log_is_append_only() {
    let conn = tui_fixture::conn();
    let err = conn.execute("UPDATE callback_logs SET note = 'x'", []).unwrap_err().to_string();
    assert!(err.contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM callback_logs", []).unwrap_err().to_string();
    assert!(err.contains("append-only"), "{err}");
    let err = conn
        .execute(
            "INSERT OR REPLACE INTO callback_logs (id, installation_id, customer_id, manager_id, logged_at, called_on, reason, channel, outcome)
             VALUES ('l1', 'x', '310000000001', 'M01', '2026-10-21T02:00:00Z', '2026-10-21', '', 'sms', 'refused')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(tui_fixture::refused_as_append_only(&conn, &err), "{err}");
    let outcome: String =
        conn.query_row("SELECT outcome FROM callback_logs WHERE id = 'l1'", [], |r| r.get(0)).unwrap();
    assert_eq!(outcome, "reached");
}

#[test]
fn coverage_on_the_fixture_book() {
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-30");
    // 2026: M01 has 7 active (8 is dormant), 1 reached (the fixture's 2026-10-21 call); M02 4 active, 0
    let cov = lists::coverage(&conn, &Scope::Branch, 2026, d("2026-11-30")).unwrap();
    assert_eq!(
        shown(&cov.per_manager),
        vec![("M01".into(), 7, 1, "14.3".into(), true), ("M02".into(), 4, 0, "0.0".into(), false)]
    );
    assert_eq!((cov.branch.active_at_start, cov.branch.reached), (11, 1));
    // a not-reached call does not count; a reached one does
    let (p9, ..) = routine_plan(&conn, "310000000009");
    log(&conn, "310000000009", Some(p9), CallOutcome::NotReached, "2026-11-30");
    let (p10, ..) = routine_plan(&conn, "310000000010");
    log(&conn, "310000000010", Some(p10), CallOutcome::Reached, "2026-11-30");
    let cov = lists::coverage(&conn, &Scope::Manager("M02".into()), 2026, d("2026-11-30")).unwrap();
    assert_eq!(cov.per_manager.len(), 1);
    let m02 = cov.per_manager[0].1;
    assert_eq!((m02.reached, m02.share_pct(), m02.meets_10pct()), (1, "25.0".into(), true));
    // nobody was reached in 2025
    let cov = lists::coverage(&conn, &Scope::Branch, 2025, d("2026-11-30")).unwrap();
    assert!(cov.per_manager.iter().all(|(_, c)| c.reached == 0));
}

fn shown(per: &[(String, brokerdesk::domain::schedule::Coverage)]) -> Vec<(String, u64, u64, String, bool)> {
    per.iter().map(|(m, c)| (m.clone(), c.active_at_start, c.reached, c.share_pct(), c.meets_10pct())).collect()
}

/// Customer 1 (reached 2026-10-21 02:00Z by the fixture) moves M01 → M02 on 2026-06-01, and
/// customer 2 moves M01 → M02 on 2026-11-01, after a reached call on 2026-09-10 (M01's time):
/// M01 keeps both in its base (held them in 2026) and is credited c2; M02 gets both in its base
/// (4 + 2 = 6) and is credited c1 (its call came after the move). The branch counts 11 customers
/// once, 2 reached.
#[test]
fn coverage_follows_the_book_at_the_start_of_the_year() {
    let conn = tui_fixture::conn();
    conn.execute_batch(
        "INSERT INTO callback_logs (id, installation_id, customer_id, manager_id, logged_at, called_on, reason, channel, outcome)
           VALUES ('l2', 'x', '310000000002', 'M01', '2026-09-10T03:00:00Z', '2026-09-10', '', 'phone', 'reached');
         INSERT INTO reassignments (id, installation_id, customer_id, from_manager, to_manager, by_manager, at, reason)
           VALUES ('r1', 'x', '310000000001', 'M01', 'M02', 'M01', '2026-06-01T00:00:00+00:00', 'single'),
                  ('r2', 'x', '310000000002', 'M01', 'M02', 'M01', '2026-11-01T00:00:00+00:00', 'single');
         UPDATE customers SET manager_id = 'M02' WHERE customer_id IN ('310000000001', '310000000002');",
    )
    .unwrap();
    let cov = lists::coverage(&conn, &Scope::Branch, 2026, d("2026-11-30")).unwrap();
    assert_eq!(
        shown(&cov.per_manager),
        vec![("M01".into(), 7, 1, "14.3".into(), true), ("M02".into(), 6, 1, "16.7".into(), true)]
    );
    assert_eq!((cov.branch.active_at_start, cov.branch.reached), (11, 2));
    let rows = brokerdesk::report::callbacks::coverage_rows(&cov, true);
    assert_eq!((rows[2].manager_id.as_str(), rows[2].active_at_start, rows[2].share_pct.as_str()), ("ALL", 11, "18.2"));
    // the departing manager's own report still has their row
    let cov = lists::coverage(&conn, &Scope::Manager("M01".into()), 2026, d("2026-11-30")).unwrap();
    assert_eq!(shown(&cov.per_manager), vec![("M01".into(), 7, 1, "14.3".into(), true)]);
}

#[test]
fn report_rows_count_days_overdue() {
    let conn = tui_fixture::conn();
    // the fixture's hand-made plans before any re-planning: p1 due 11-20, today 11-29 → 9 days overdue
    let rows = lists::report_rows(&conn, &Scope::Branch, d("2026-11-29")).unwrap();
    let shown: Vec<(&str, NaiveDate, u32)> =
        rows.iter().map(|r| (r.customer_id.as_str(), r.due_on, r.overdue_days)).collect();
    assert_eq!(
        shown,
        vec![
            ("310000000001", d("2026-11-20"), 9),
            ("310000000002", d("2026-11-30"), 0),
            ("310000000007", d("2026-12-15"), 0),
        ]
    );
    assert_eq!(lists::agenda_counts(&conn, &Scope::Branch, d("2026-11-29"), 7).unwrap(), (1, 0, 1));
    assert_eq!(lists::agenda_counts(&conn, &Scope::Manager("M02".into()), d("2026-11-29"), 7).unwrap(), (0, 0, 0));
}

#[test]
fn a_saved_interview_that_changes_the_level_plans_a_callback_within_2_trading_days() {
    use brokerdesk::domain::risk::RiskLevel;
    use brokerdesk::store::assessments::NewInterview;
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-27");
    let q = brokerdesk::assets::default_questionnaire();
    let interview = |level: RiskLevel, previous: RiskLevel| NewInterview {
        customer_id: "310000000002".into(),
        answers: "A".into(),
        answers_shown: Vec::new(),
        score: 60,
        level,
        lowest: false,
        lowest_cause: String::new(),
        no_full_civil_capacity: false,
        age_note: String::new(),
        assessed_on: d("2026-11-27"),
        valid_until: d("2028-11-25"),
        manager_id: "M01".into(),
        previous_level: Some(previous),
        reason: "收入增加".into(),
    };
    let events = |conn: &Db| -> Vec<(String, NaiveDate)> {
        let mut stmt = conn
            .prepare("SELECT reason, due_on FROM callback_plans WHERE customer_id = '310000000002' AND routine = 0 ORDER BY due_on")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    // 张三a was C3: a C4 saved on Friday 11-27 → a callback by Tuesday 12-01
    let tx = brokerdesk::store::write_tx_shared(&conn).unwrap();
    brokerdesk::store::assessments::save_interview(
        &tx,
        &Rules::defaults(),
        &q,
        &interview(RiskLevel::C4, RiskLevel::C3),
        now("2026-11-27"),
    )
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(events(&conn), vec![("level_changed".to_string(), d("2026-12-01"))]);
    // the same day again with the same level: no new change, nothing more planned
    brokerdesk::store::assessments::save_interview(
        &conn,
        &Rules::defaults(),
        &q,
        &interview(RiskLevel::C4, RiskLevel::C4),
        now("2026-11-27"),
    )
    .unwrap();
    assert_eq!(events(&conn).len(), 1);
    assert!(replan(&conn, "2026-11-27").is_empty(), "idempotent");
}

#[test]
fn not_reached_with_a_date_the_customer_asked_for_is_retried_then() {
    let conn = tui_fixture::conn();
    replan(&conn, "2026-11-30");
    let c = "310000000010";
    let (plan, ..) = routine_plan(&conn, c);
    let scope = Scope::Branch;
    let by = Caller { manager_id: "M02", scope: &scope, today: d("2026-11-30"), now: now("2026-11-30") };
    let call = NewCall {
        customer_id: c.into(),
        plan_id: Some(plan),
        channel: Channel::Sms,
        outcome: CallOutcome::NotReached,
        note: "家属接听，客户出差，下周四再联系".into(),
        next_on: Some(d("2026-12-10")),
    };
    let logged = callbacks::log_call(&conn, &call, by, &Rules::defaults(), &Calendar::defaults()).unwrap();
    assert_eq!(logged.effect, AfterCall::Retry { tries: 1, due_on: d("2026-12-10") });
    assert_eq!(routine_plan(&conn, c).1, d("2026-12-10"));
}
