//! The alert engine on the 3,000-customer demo book with real prices: its suitability and
//! concentration findings equal an independent plain-SQL computation of SPEC §4.5/§4.7 (the
//! default ratings of assets/rules.toml written out as a CASE), a second run changes nothing,
//! and the report lists exactly what the table holds.

use brokerdesk::store::db::Db;
use brokerdesk::demo::{self, DemoOptions};
use brokerdesk::domain::rules::Rules;
use brokerdesk::store::alerts::{self, Which};

fn count(conn: &Db, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The default product rating of SPEC §4.5 in SQL (first match wins, as in rules.toml).
const RATING: &str = "CASE
    WHEN s.risk_rating IS NOT NULL THEN s.risk_rating
    WHEN s.kind = 'stock' AND (upper(ltrim(s.name)) LIKE 'ST%' OR upper(ltrim(s.name)) LIKE '*ST%'
         OR ltrim(s.name) LIKE '＊ST%' OR upper(ltrim(s.name)) LIKE 'SST%' OR upper(ltrim(s.name)) LIKE 'S*ST%') THEN 'R5'
    WHEN s.kind = 'stock' AND s.board IN ('创业板', '科创板', '北交所') THEN 'R4'
    WHEN s.kind = 'stock' AND substr(s.code, 1, 3) IN ('300', '301', '302', '688', '689') THEN 'R4'
    WHEN s.kind = 'stock' THEN 'R3'
    WHEN s.kind = 'warrant' THEN 'R5'
    WHEN s.kind = 'convertible' THEN 'R4'
    WHEN s.kind = 'bond' AND (s.category LIKE '国债%' OR s.category LIKE '地方政府债%' OR s.category LIKE '政策性金融债%') THEN 'R1'
    WHEN s.kind = 'bond' AND (s.category LIKE '可转债%' OR s.category LIKE '可交换债%') THEN 'R4'
    WHEN s.kind = 'bond' THEN 'R2'
    WHEN s.kind = 'fund' AND s.category LIKE '货币%' THEN 'R1'
    WHEN s.kind = 'fund' AND (s.category LIKE '债券%' OR s.category LIKE '指数型-固收%') THEN 'R2'
    WHEN s.kind = 'fund' AND (s.category LIKE '杠杆%' OR s.category LIKE '分级%' OR s.category LIKE '结构化%') THEN 'R5'
    WHEN s.kind = 'fund' AND (s.category LIKE 'QDII%' OR s.category LIKE '商品%') THEN 'R4'
    WHEN s.kind = 'fund' THEN 'R3'
    WHEN s.kind = 'wealth_product' AND (s.category LIKE '杠杆%' OR s.category LIKE '分级%' OR s.category LIKE '结构化%') THEN 'R5'
    ELSE 'R3' END";

/// Each customer's positions on their latest holdings date, valued at the latest close on or
/// before it (at cost without one), with the rating and the weight base.
fn positions_sql() -> String {
    format!(
        "WITH pos AS (
           SELECT h.customer_id, h.as_of, h.code, {RATING} AS rating,
                  (h.quantity * COALESCE((SELECT p.close FROM prices p WHERE p.code = h.code AND p.date <= h.as_of
                       ORDER BY p.date DESC LIMIT 1), h.cost_price) + 5) / 10 AS mv
           FROM holdings h JOIN securities s ON s.code = h.code JOIN customers c ON c.customer_id = h.customer_id
           WHERE h.quantity > 0 AND c.status <> 'closed'
             AND h.as_of = (SELECT MAX(x.as_of) FROM holdings x WHERE x.customer_id = h.customer_id)),
         market AS (SELECT customer_id, as_of, SUM(mv) AS mv FROM pos GROUP BY customer_id),
         base AS (
           SELECT m.customer_id,
                  CASE WHEN same.total_assets >= m.mv AND same.total_assets > 0 THEN same.total_assets
                       ELSE m.mv + MAX(COALESCE((SELECT a.cash FROM account_snapshots a WHERE a.customer_id = m.customer_id
                            ORDER BY a.as_of DESC LIMIT 1), 0), 0) END AS base
           FROM market m
           LEFT JOIN account_snapshots same ON same.customer_id = m.customer_id AND same.as_of = m.as_of)"
    )
}

#[test]
fn suitability_and_concentration_equal_plain_sql_on_the_demo_book() {
    let mut conn = brokerdesk::store::open_scratch().unwrap();
    let opts = DemoOptions::default();
    let summary = demo::build(&mut conn, &opts).unwrap();
    assert_eq!(summary.customers, 3000);
    let today = opts.today.to_string();

    // suitability: R above C; lowest category above R1; no valid assessment (none, or expired
    // before today) above R1; professional investors never
    let suitability_sql = format!(
        "{} SELECT COUNT(*) FROM pos JOIN customers c ON c.customer_id = pos.customer_id
         LEFT JOIN assessments a ON a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = c.customer_id
              ORDER BY y.assessed_on DESC, y.id DESC LIMIT 1)
         WHERE c.investor_class <> 'professional' AND (
               (a.id IS NOT NULL AND a.valid_until >= '{today}' AND a.lowest = 1 AND pos.rating > 'R1')
            OR (a.id IS NOT NULL AND a.valid_until >= '{today}' AND a.lowest = 0
                AND CAST(substr(pos.rating, 2) AS INTEGER) > CAST(substr(a.level, 2) AS INTEGER))
            OR ((a.id IS NULL OR a.valid_until < '{today}') AND pos.rating > 'R1'))",
        positions_sql()
    );
    let expected = count(&conn, &suitability_sql);
    let got = count(&conn, "SELECT COUNT(*) FROM alerts WHERE rule = 'suitability' AND status = 'open'");
    assert!(expected > 100, "the demo has mismatches: {expected}");
    assert_eq!(got, expected, "suitability");

    // concentration: the largest position > 50% critical, > 40% warning; top 3 > 70% (two or more)
    let ranked = format!(
        "{}, ranked AS (SELECT pos.*, b.base, ROW_NUMBER() OVER (PARTITION BY pos.customer_id ORDER BY pos.mv DESC, pos.code) AS n,
                COUNT(*) OVER (PARTITION BY pos.customer_id) AS k
              FROM pos JOIN base b ON b.customer_id = pos.customer_id WHERE pos.mv > 0)",
        positions_sql()
    );
    let critical =
        count(&conn, &format!("{ranked} SELECT COUNT(*) FROM ranked WHERE n = 1 AND mv * 10000 > 5000 * base"));
    let warning = count(
        &conn,
        &format!(
            "{ranked} SELECT COUNT(*) FROM ranked WHERE n = 1 AND mv * 10000 > 4000 * base AND mv * 10000 <= 5000 * base"
        ),
    );
    let top3 = count(
        &conn,
        &format!(
            "{ranked} SELECT COUNT(*) FROM (SELECT customer_id, SUM(mv) AS top, MAX(base) AS base, MAX(k) AS k FROM ranked
             WHERE n <= 3 GROUP BY customer_id) WHERE k >= 2 AND top * 10000 > 7000 * base"
        ),
    );
    let engine = |sql: &str| {
        count(&conn, &format!("SELECT COUNT(*) FROM alerts WHERE rule = 'concentration' AND status = 'open' AND {sql}"))
    };
    assert_eq!(engine("subject <> 'top3' AND severity = 'critical'"), critical, "largest > 50%");
    assert_eq!(engine("subject <> 'top3' AND severity = 'warning'"), warning, "largest > 40%");
    assert_eq!(engine("subject = 'top3'"), top3, "top 3 > 70%");
    assert!(critical > 0 && warning > 0 && top3 > 0);

    // a second run changes nothing
    let again = alerts::run_now(
        &mut conn,
        &Which::All,
        opts.today,
        brokerdesk::clock::now(Some(opts.today)),
        &Rules::defaults(),
    )
    .unwrap();
    assert!(!again.changed(), "{again}");
    assert_eq!(again.total_findings() as i64, count(&conn, "SELECT COUNT(*) FROM alerts WHERE status = 'open'"));
    // the counts per rule (the numbers in the report)
    let per_rule: Vec<(String, i64)> = conn
        .prepare("SELECT rule, COUNT(*) FROM alerts GROUP BY rule ORDER BY rule")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    eprintln!("alerts per rule on the 3k demo: {per_rule:?}");
    // the report lists every row, with the contract header
    let rows = alerts::all(&conn, &brokerdesk::store::book::Scope::Branch).unwrap();
    let csv =
        brokerdesk::report::alerts(&rows, brokerdesk::report::Format::Csv, brokerdesk::session::Lang::Zh).unwrap();
    assert!(csv.starts_with("customer_id,rule,severity,subject,status,first_seen,last_seen,message\n"));
    assert_eq!(csv.lines().count() as i64, 1 + count(&conn, "SELECT COUNT(*) FROM alerts"));
}
