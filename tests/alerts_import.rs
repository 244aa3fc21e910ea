//! The alert rules run after each import, in its transaction, for the customers it touched;
//! the securities import reads the product category under its Chinese and English headers.

mod import_support;

use brokerdesk::store::db::Db;
use brokerdesk::import::{ImportKind, import_bytes};
use import_support::*;

#[test]
fn a_bond_sold_at_one_yuan_raises_a_mispriced_order_alert_on_import() {
    let mut conn = db();
    let reports = base(&mut conn);
    // the holdings import already ran the rules for its customers
    let holdings = reports.iter().find(|r| r.kind == ImportKind::Holdings).unwrap();
    assert!(holdings.alerts.as_ref().is_some_and(|a| a.customers == 4), "{holdings}");
    let r = import(&mut conn, ImportKind::Orders, "orders.csv").unwrap();
    let summary = r.alerts.clone().expect("the rules ran after the orders import");
    assert_eq!(summary.customers, 3, "only the customers of the file");
    assert!(r.to_string().contains("alerts for 3 customers"), "{r}");
    let (severity, subject, message): (String, String, String) = row(
        &conn,
        "SELECT severity, subject, detail FROM alerts WHERE rule = 'mispriced_order' AND customer_id = '100002'",
    );
    assert_eq!(severity, "critical");
    assert_eq!(subject, "order:110043:sell:2025-08-26T02:02:00+00:00");
    assert_eq!(message, "无锡转债(110043) 卖出委托价 1.00 偏离面值 100.00 -99.0%（超过 ±20%）");
    assert_eq!(count_where(&conn, "rule = 'mispriced_order'"), 1, "the other orders are near their close");
    // the same file again changes nothing
    let before: Vec<(i64, String, String)> = rows(&conn, "SELECT id, status, updated_at FROM alerts ORDER BY id");
    let again = import(&mut conn, ImportKind::Orders, "orders.csv").unwrap();
    assert!(!again.alerts.unwrap().changed());
    let after: Vec<(i64, String, String)> = rows(&conn, "SELECT id, status, updated_at FROM alerts ORDER BY id");
    assert_eq!(before, after);
}

fn count_where(conn: &Db, cond: &str) -> i64 {
    value(conn, &format!("SELECT COUNT(*) FROM alerts WHERE {cond}"))
}

#[test]
fn category_headers_in_chinese_and_english() {
    for (header, cell, stored) in [
        ("类别", "货币型", "货币型"),
        ("基金类型", "债券型-长债", "债券型-长债"),
        ("债券类型", "国债", "国债"),
        ("category", "Money Market", "货币型"),
        ("fund_type", "bond", "债券型"),
        ("bond_type", "government bond", "国债"),
    ] {
        let mut conn = db();
        let kind = if header.contains("债券") || header.starts_with("bond") { "债券" } else { "基金" };
        let file = format!("证券代码,证券名称,证券类别,{header}\n019547,24国债09,{kind},{cell}\n");
        import_bytes(&mut conn, ImportKind::Securities, "s.csv", file.as_bytes(), &opts()).unwrap();
        let got: String = value(&conn, "SELECT category FROM securities WHERE code = '019547'");
        assert_eq!(got, stored, "{header}");
        let s = brokerdesk::store::securities::get(&conn, "019547").unwrap().unwrap();
        let rating = brokerdesk::domain::rating::effective_rating(
            &s,
            &brokerdesk::domain::rules::Rules::defaults().product_ratings,
        );
        let expected = if stored.starts_with("债券") { "R2" } else { "R1" };
        assert_eq!(rating.code(), expected, "{header} {cell}");
    }
}
