//! `report segments`: the 20-cell matrix adds up to the customers in scope and matches the same
//! counts made with plain SQL over the raw tables (not the derived customer_book).

use brokerdesk::store::db::Db;
use std::process::Command;

use brokerdesk::domain::id_number::resident_check_char;
use brokerdesk::domain::model::*;
use brokerdesk::domain::rules::Rules;
use brokerdesk::store;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn id_number(seq: u32) -> String {
    let first = format!("31011519800101{seq:03}");
    format!("{first}{}", resident_check_char(&first).unwrap())
}

/// Plain SQL over customers, account_snapshots and assessments with the SPEC §4.3 thresholds
/// (in fen) and the §2 type grouping written out by hand.
pub const PLAIN_SQL: &str = "
WITH snap AS (
  SELECT s.customer_id, s.total_assets AS assets, s.net_commission_12m + s.other_income_12m AS contrib
  FROM account_snapshots s
  WHERE s.as_of = (SELECT MAX(x.as_of) FROM account_snapshots x WHERE x.customer_id = s.customer_id)),
ass AS (
  SELECT a.customer_id, a.level, a.valid_until FROM assessments a
  WHERE a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = a.customer_id ORDER BY y.assessed_on DESC, y.id DESC LIMIT 1))
SELECT
  CASE WHEN COALESCE(snap.assets, 0) >= 500000000 OR COALESCE(snap.contrib, 0) >= 5000000 THEN 'T1'
       WHEN COALESCE(snap.assets, 0) >= 100000000 OR COALESCE(snap.contrib, 0) >= 1000000 THEN 'T2'
       WHEN COALESCE(snap.assets, 0) >= 10000000 OR COALESCE(snap.contrib, 0) >= 200000 THEN 'T3'
       ELSE 'T4' END AS tier,
  CASE WHEN c.investor_class = 'professional' THEN 'professional'
       WHEN ass.level IS NULL OR ass.valid_until < ?1 THEN 'unassessed'
       WHEN ass.level IN ('C1', 'C2') THEN 'conservative'
       WHEN ass.level = 'C3' THEN 'balanced'
       ELSE 'aggressive' END AS risk_type,
  COUNT(*), COALESCE(SUM(snap.assets), 0)
FROM customers c LEFT JOIN snap ON snap.customer_id = c.customer_id LEFT JOIN ass ON ass.customer_id = c.customer_id
WHERE (?2 IS NULL OR c.manager_id = ?2)
GROUP BY tier, risk_type ORDER BY tier, risk_type";

/// (tier, risk_type) → (customers, total assets in fen) by plain SQL.
pub fn plain_counts(conn: &Db, today: NaiveDate, manager: Option<&str>) -> Vec<(String, String, u64, i64)> {
    let mut stmt = conn.prepare(PLAIN_SQL).unwrap();
    stmt.query_map(rusqlite::params![today, manager], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64, r.get(3)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Parses the CSV of `report segments --format csv` into the same shape (non-empty cells only).
pub fn csv_counts(csv: &str) -> Vec<(String, String, u64, i64)> {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("tier,risk_type,customers,total_assets_yuan"));
    let mut out: Vec<(String, String, u64, i64)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 4, "{l}");
            let fen = brokerdesk::domain::money::parse_yuan(f[3]).unwrap();
            (f[0].to_string(), f[1].to_string(), f[2].parse().unwrap(), fen)
        })
        .collect();
    assert_eq!(out.len(), 20, "one row per cell");
    out.retain(|r| r.2 > 0);
    out.sort();
    out
}

fn report_csv(db: &std::path::Path, today: &str, manager: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brokerdesk"));
    cmd.args(["--db", db.to_str().unwrap(), "--today", today, "report", "segments", "--format", "csv"]);
    if let Some(m) = manager {
        cmd.args(["--manager", m]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A hand-made book at the tier edges; expected cells worked out by hand below.
fn hand_book(conn: &mut Db) {
    let tx = conn.transaction().unwrap();
    for (id, role) in [("S1", Role::Supervisor), ("M1", Role::Manager), ("M2", Role::Manager)] {
        store::managers::upsert(
            &tx,
            &Manager { manager_id: id.into(), name: format!("经理{id}"), branch: "测试营业部".into(), role },
        )
        .unwrap();
    }
    let q = brokerdesk::assets::default_questionnaire();
    store::assessments::ensure_questionnaire(&tx, &q, "2026-01-01T00:00:00Z".parse().unwrap()).unwrap();
    // (seq, manager, class, assets yuan, contribution yuan, level, valid_until)
    /// (seq, manager, class, assets yuan, contribution yuan, level, valid_until)
    type Row<'a> = (u32, &'a str, InvestorClass, i64, i64, Option<&'a str>, &'a str);
    let rows: &[Row] = &[
        (1, "M1", InvestorClass::Ordinary, 5_000_000, 0, Some("C3"), "2027-06-01"), // T1 balanced (assets edge)
        (2, "M1", InvestorClass::Ordinary, 10, 50_000, Some("C5"), "2027-06-01"),   // T1 aggressive (contribution edge)
        (3, "M1", InvestorClass::Professional, 2_000_000, 0, None, ""),             // T2 professional
        (4, "M2", InvestorClass::Ordinary, 999_999, 9_999, Some("C2"), "2026-11-28"), // T3, expired yesterday → unassessed
        (5, "M2", InvestorClass::Ordinary, 99_999, 1_999, Some("C1"), "2026-11-29"),  // T4 conservative (valid today)
        (6, "M2", InvestorClass::Ordinary, 100_000, 0, None, ""),                     // T3 unassessed (never)
    ];
    for &(seq, manager, class, assets, contrib, level, until) in rows {
        let cid = format!("1000000000{seq:02}");
        let c = Customer {
            customer_id: cid.clone(),
            name: ["张三", "欧阳娜娜", "李四", "王五", "赵六", "钱七"][seq as usize - 1].into(),
            kind: CustomerKind::Individual,
            gender: None,
            birth_date: Some(d("1980-01-01")),
            id_number: id_number(seq),
            mobile: Some(format!("1380000{seq:04}")),
            manager_id: manager.into(),
            opened_on: d("2015-03-02"),
            investor_class: class,
            status: CustomerStatus::Active,
        };
        store::customers::upsert(&tx, &c).unwrap();
        // an older snapshot that must NOT count, then the latest
        for (as_of, factor) in [("2024-08-26", 3), ("2025-08-26", 1)] {
            let s = AccountSnapshot {
                customer_id: cid.clone(),
                as_of: d(as_of),
                cash: assets * 100 * factor,
                total_assets: assets * 100 * factor,
                net_commission_12m: contrib * 100,
                other_income_12m: 0,
                turnover_12m: 0,
                last_trade_on: None,
            };
            store::accounts::upsert(&tx, &s).unwrap();
        }
        if let Some(level) = level {
            let a = Assessment {
                customer_id: cid,
                questionnaire_id: q.id.clone(),
                version: q.version,
                answers: "x".into(),
                score: 0,
                level: brokerdesk::domain::risk::RiskLevel::parse(level).unwrap(),
                lowest: false,
                assessed_on: d("2024-11-29"),
                valid_until: d(until),
                manager_id: Some(manager.into()),
                customer_confirmed: true,
            };
            store::assessments::append(&tx, &a, "2024-11-29T01:00:00Z".parse().unwrap()).unwrap();
        }
    }
    store::book::refresh(&tx, &Rules::defaults()).unwrap();
    tx.commit().unwrap();
}

#[test]
fn hand_made_book_cells() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hand.db");
    let mut conn = store::open(&db).unwrap();
    hand_book(&mut conn);
    let today = d("2026-11-29");
    let expected: Vec<(String, String, u64, i64)> = vec![
        ("T1", "aggressive", 1, 1_000),
        ("T1", "balanced", 1, 500_000_000),
        ("T2", "professional", 1, 200_000_000),
        ("T3", "unassessed", 2, 99_999_900 + 10_000_000),
        ("T4", "conservative", 1, 9_999_900),
    ]
    .into_iter()
    .map(|(t, c, n, a)| (t.to_string(), c.to_string(), n, a))
    .collect();
    assert_eq!(plain_counts(&conn, today, None), expected);
    assert_eq!(csv_counts(&report_csv(&db, "2026-11-29", None)), expected);
    // One day earlier customer 4's assessment is still valid: C2 → conservative.
    let earlier = csv_counts(&report_csv(&db, "2026-11-28", None));
    assert!(earlier.contains(&("T3".into(), "conservative".into(), 1, 99_999_900)), "{earlier:?}");
    // --manager M2 sees only customers 4–6.
    let m2 = csv_counts(&report_csv(&db, "2026-11-29", Some("M2")));
    assert_eq!(m2.iter().map(|r| r.2).sum::<u64>(), 3);
    assert_eq!(m2, plain_counts(&conn, today, Some("M2")));
}

/// On the 3,000-customer demo book: the report's 20 cells add up to the customers in scope and
/// equal the plain-SQL counts, for the branch and for one manager.
#[test]
fn demo_book_matches_plain_sql() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let today = d("2026-11-29");
    {
        let mut conn = store::open(&db).unwrap();
        let opts = brokerdesk::demo::DemoOptions { today, ..brokerdesk::demo::DemoOptions::default() };
        brokerdesk::demo::build(&mut conn, &opts).unwrap();
    }
    let conn = store::open(&db).unwrap();
    let branch = csv_counts(&report_csv(&db, "2026-11-29", None));
    assert_eq!(branch.iter().map(|r| r.2).sum::<u64>(), 3_000);
    assert_eq!(branch, plain_counts(&conn, today, None));
    let total_fen: i64 = conn
        .query_row(
            "SELECT SUM(total_assets) FROM account_snapshots s
             WHERE as_of = (SELECT MAX(as_of) FROM account_snapshots x WHERE x.customer_id = s.customer_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(branch.iter().map(|r| r.3).sum::<i64>(), total_fen);
    let in_scope: u64 = conn
        .query_row("SELECT COUNT(*) FROM customers WHERE manager_id = 'M03'", [], |r| r.get::<_, i64>(0))
        .unwrap() as u64;
    assert!(in_scope > 100, "M03 has a real book ({in_scope})");
    let m03 = csv_counts(&report_csv(&db, "2026-11-29", Some("M03")));
    assert_eq!(m03.iter().map(|r| r.2).sum::<u64>(), in_scope);
    assert_eq!(m03, plain_counts(&conn, today, Some("M03")));
}
