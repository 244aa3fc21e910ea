//! The engine's lifecycle, idempotence, scope and the append-only records, on small hand-made books.

use super::*;
use crate::store::db::Db;
use crate::domain::model::*;
use crate::domain::risk::{ProductRisk, RiskLevel};
use crate::store::book::Scope;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
const TODAY: &str = "2025-08-27";
const STAT: &str = "2025-08-26";

fn now() -> DateTime<Utc> {
    crate::clock::now(Some(d(TODAY)))
}

/// One C3 customer holding `qty` of a main-board stock (R3) at cost 10.000 closing at 10.000,
/// 200,000 yuan of assets; a ChiNext stock (R4) of 1,000 units.
fn book() -> Db {
    let conn = crate::store::open_scratch().unwrap();
    crate::store::managers::upsert(
        &conn,
        &Manager { manager_id: "M01".into(), name: "李娜".into(), branch: "b".into(), role: Role::Manager },
    )
    .unwrap();
    crate::store::customers::upsert(
        &conn,
        &Customer {
            customer_id: "C1".into(),
            name: "张三".into(),
            kind: CustomerKind::Individual,
            gender: None,
            birth_date: Some(d("1980-01-01")),
            id_number: "x".into(),
            mobile: None,
            manager_id: "M01".into(),
            opened_on: d("2015-01-05"),
            investor_class: InvestorClass::Ordinary,
            status: CustomerStatus::Active,
        },
    )
    .unwrap();
    for (code, name, board) in [("600000", "浦发银行", "主板"), ("300750", "宁德时代", "创业板")] {
        crate::store::securities::upsert(
            &conn,
            &Security {
                code: code.into(),
                exchange: Exchange::SH,
                name: name.into(),
                kind: SecurityKind::Stock,
                board: board.into(),
                industry: String::new(),
                category: String::new(),
                risk_rating: None,
                face_value: None,
            },
        )
        .unwrap();
        crate::store::prices::upsert(
            &conn,
            &PriceBar {
                code: code.into(),
                date: d(STAT),
                open: 10_000,
                high: 10_000,
                low: 10_000,
                close: 10_000,
                volume: 1,
            },
        )
        .unwrap();
    }
    let q = crate::assets::default_questionnaire();
    crate::store::assessments::ensure_questionnaire(&conn, &q, now()).unwrap();
    crate::store::assessments::append(
        &conn,
        &Assessment {
            customer_id: "C1".into(),
            questionnaire_id: q.id.clone(),
            version: q.version,
            answers: "A".into(),
            score: 45,
            level: RiskLevel::C3,
            lowest: false,
            assessed_on: d("2025-01-10"),
            valid_until: d("2027-01-09"),
            manager_id: None,
            customer_confirmed: true,
        },
        now(),
    )
    .unwrap();
    crate::store::accounts::upsert(
        &conn,
        &AccountSnapshot {
            customer_id: "C1".into(),
            as_of: d(STAT),
            cash: 1_000_000,
            total_assets: 20_000_000,
            net_commission_12m: 0,
            other_income_12m: 0,
            turnover_12m: 0,
            last_trade_on: Some(d("2025-08-20")),
        },
    )
    .unwrap();
    set_holding(&conn, "300750", 1_000, 10_000);
    conn
}

fn set_holding(conn: &Db, code: &str, quantity: i64, cost: PriceMilli) {
    crate::store::holdings::upsert(
        conn,
        &Holding { customer_id: "C1".into(), as_of: d(STAT), code: code.into(), quantity, cost_price: cost },
    )
    .unwrap();
}

fn run_all(conn: &mut Db) -> RunSummary {
    run_now(conn, &Which::All, d(TODAY), now(), &Rules::defaults()).unwrap()
}

fn states(conn: &Db) -> Vec<(String, String, String, String)> {
    let mut stmt = conn.prepare("SELECT rule, subject, severity, status FROM alerts ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
}

fn s(a: &str, b: &str, c: &str, e: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), e.into())
}

#[test]
fn a_second_run_changes_nothing_and_gone_conditions_resolve() {
    let mut conn = book();
    let first = run_all(&mut conn);
    assert_eq!(first.opened, 1, "{first}");
    assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "open")]);
    let snapshot: Vec<(i64, String)> = conn
        .prepare("SELECT id, detail || last_seen || updated_at FROM alerts")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let second = run_all(&mut conn);
    assert!(!second.changed(), "{second}");
    assert_eq!(second.total_findings(), 1);
    let again: Vec<(i64, String)> = conn
        .prepare("SELECT id, detail || last_seen || updated_at FROM alerts")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(snapshot, again);
    // the R4 position sold: the alert resolves, kept with the time
    set_holding(&conn, "300750", 0, 10_000);
    let third = run_all(&mut conn);
    assert_eq!(third.resolved, 1);
    assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "resolved")]);
    let (at, actor): (Option<String>, Option<String>) =
        conn.query_row("SELECT resolved_at, actor FROM alerts", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((at.as_deref(), actor.as_deref()), (Some(now().to_rfc3339().as_str()), Some(ENGINE_ACTOR)));
    assert!(!run_all(&mut conn).changed());
    // bought again: a new alert, the old one stays in history
    set_holding(&conn, "300750", 1_000, 10_000);
    assert_eq!(run_all(&mut conn).opened, 1);
    assert_eq!(states(&conn).len(), 2);
}

#[test]
fn acknowledged_is_not_reopened_unless_it_worsens() {
    let mut conn = book();
    // 90,000 of 200,000 in one main-board stock: 45% > 40%, warning
    set_holding(&conn, "300750", 0, 10_000);
    set_holding(&conn, "600000", 9_000, 10_000);
    run_all(&mut conn);
    assert_eq!(states(&conn), vec![s("concentration", "600000", "warning", "open")]);
    let id: i64 = conn.query_row("SELECT id FROM alerts", [], |r| r.get(0)).unwrap();
    let scope = Scope::Manager("M01".into());
    handle(
        &conn,
        id,
        Handling::Acknowledge,
        Actor { scope: &scope, manager_id: "M01", now: now() },
        "已电话告知客户分散持仓",
    )
    .unwrap();
    assert!(
        handle(&conn, id, Handling::Acknowledge, Actor { scope: &scope, manager_id: "M01", now: now() }, "again")
            .is_err()
    );
    // the same condition with other numbers: stays acknowledged
    set_holding(&conn, "600000", 9_500, 10_000);
    let r = run_all(&mut conn);
    assert_eq!(r.reopened, 0);
    assert_eq!(states(&conn), vec![s("concentration", "600000", "warning", "acknowledged")]);
    // worse: 110,000 = 55% > 50%, critical → open again
    set_holding(&conn, "600000", 11_000, 10_000);
    let r = run_all(&mut conn);
    assert_eq!(r.reopened, 1);
    assert_eq!(states(&conn), vec![s("concentration", "600000", "critical", "open")]);
    assert!(!run_all(&mut conn).changed());
    // resolved by a person while it holds: stays resolved, no new alert
    handle(
        &conn,
        id,
        Handling::Resolve,
        Actor { scope: &scope, manager_id: "M01", now: now() },
        "客户确认自愿集中持有",
    )
    .unwrap();
    assert!(!run_all(&mut conn).changed());
    assert_eq!(states(&conn), vec![s("concentration", "600000", "critical", "resolved")]);
    // the condition goes, then comes back: a new alert
    set_holding(&conn, "600000", 1_000, 10_000);
    run_all(&mut conn);
    set_holding(&conn, "600000", 11_000, 10_000);
    run_all(&mut conn);
    assert_eq!(states(&conn).last().unwrap(), &s("concentration", "600000", "critical", "open"));
    // two actions recorded, append-only
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM alert_actions", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
    let audited: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'alert' AND actor = 'M01'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 2);
    assert!(conn.execute("UPDATE alert_actions SET note = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM alert_actions", []).is_err());
    // another manager's scope may not act
    let other = Scope::Manager("M02".into());
    let last: i64 = conn.query_row("SELECT MAX(id) FROM alerts", [], |r| r.get(0)).unwrap();
    assert!(
        handle(&conn, last, Handling::Acknowledge, Actor { scope: &other, manager_id: "M02", now: now() }, "x")
            .is_err()
    );
}

#[test]
fn signed_warning_is_recorded_once_and_append_only() {
    let mut conn = book();
    run_all(&mut conn);
    let id: i64 = conn.query_row("SELECT id FROM alerts", [], |r| r.get(0)).unwrap();
    let by = Actor { scope: &Scope::Branch, manager_id: "M01", now: now() };
    let c = confirm_warning(&conn, id, by, "客户已签署风险警示书", d(TODAY), &Rules::defaults()).unwrap();
    assert_eq!((c.product_rating, c.customer_level), (ProductRisk::R4, Some(RiskLevel::C3)));
    assert_eq!(uuid::Uuid::parse_str(&c.id).unwrap().get_version_num(), 7);
    assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "acknowledged")]);
    assert_eq!(confirmations_of(&conn, "C1").unwrap().len(), 1);
    // the confirmed mismatch planned its callback within 2 trading days (SPEC §4.6)
    let planned: (String, NaiveDate) = conn
        .query_row(
            "SELECT trigger, due_on FROM callback_plans WHERE customer_id = 'C1' AND reason = 'mismatch_confirmed'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(planned, (c.id.clone(), d("2025-08-29")), "Wed 08-27 + 2 trading days");
    assert!(conn.execute("UPDATE warning_confirmations SET note = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM warning_confirmations", []).is_err());
    assert!(!run_all(&mut conn).changed(), "an acknowledged mismatch stays acknowledged");
    // no note, no record
    assert!(confirm_warning(&conn, id, by, " ", d(TODAY), &Rules::defaults()).is_err());
}

#[test]
fn only_the_customers_asked_for_are_touched() {
    let mut conn = book();
    let r = run_now(&mut conn, &Which::Customers(vec!["nobody".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
    assert_eq!((r.customers, r.opened), (0, 0));
    let r = run_now(&mut conn, &Which::Customers(vec!["C1".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
    assert_eq!((r.customers, r.opened), (1, 1));
    // a run for someone else leaves C1's alert alone
    let r = run_now(&mut conn, &Which::Customers(vec!["nobody".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
    assert_eq!(r.resolved, 0);
}
