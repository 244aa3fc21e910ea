//! The incremental `customer_book` refresh after an import (issue 10): rebuilding only the
//! customers a file touched gives the same rows as rebuilding the whole book.

mod tui_fixture;

use brokerdesk::store::db::Db;
use brokerdesk::domain::rules::Rules;
use brokerdesk::store::book;

fn dump(c: &Db) -> Vec<String> {
    c.prepare(
        "SELECT json_array(customer_id, manager_id, name, search_text, kind, status, as_of, total_assets,
                contribution, tier, tier_basis, professional, risk_level, risk_type, lowest, valid_until, name_key)
         FROM customer_book ORDER BY customer_id",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn refreshing_the_touched_customers_gives_the_rows_of_a_full_refresh() {
    let conn = tui_fixture::conn();
    let rules = Rules::defaults();
    let before = dump(&conn);
    assert_eq!(before.len(), 12);
    // the customer with the smallest assets on their latest snapshot gets 1.2亿 (T1 by assets)
    let id: String = conn
        .query_row(
            "SELECT s.customer_id FROM account_snapshots s
             WHERE s.as_of = (SELECT MAX(x.as_of) FROM account_snapshots x WHERE x.customer_id = s.customer_id)
             ORDER BY s.total_assets, s.customer_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let tier_before: String =
        conn.query_row("SELECT tier FROM customer_book WHERE customer_id = ?1", [&id], |r| r.get(0)).unwrap();
    assert_ne!(tier_before, "T1");
    let tx = conn.transaction().unwrap();
    tx.execute(
        "UPDATE account_snapshots SET total_assets = 12000000000 WHERE customer_id = ?1
         AND as_of = (SELECT MAX(as_of) FROM account_snapshots WHERE customer_id = ?1)",
        [&id],
    )
    .unwrap();
    tx.execute("UPDATE customers SET name = '新名字' WHERE customer_id = ?1", [&id]).unwrap();
    // one of 12 is within one in INCREMENTAL_ONE_IN (10): rebuilt alone
    assert!(book::INCREMENTAL_ONE_IN <= 12);
    assert_eq!(book::refresh_customers(&tx, &rules, [id.as_str()]).unwrap(), 1);
    let incremental = dump(&tx);
    assert_eq!(book::refresh(&tx, &rules).unwrap(), 12);
    let full = dump(&tx);
    assert_eq!(incremental, full);
    let (tier, name): (String, String) = tx
        .query_row("SELECT tier, name FROM customer_book WHERE customer_id = ?1", [&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((tier.as_str(), name.as_str()), ("T1", "新名字"));
    // the other eleven rows are as before
    let others =
        |rows: &[String]| rows.iter().filter(|r| !r.contains(&format!("\"{id}\""))).cloned().collect::<Vec<_>>();
    assert_eq!(others(&full), others(&before));
}

#[test]
fn touching_many_customers_takes_the_full_refresh() {
    let conn = tui_fixture::conn();
    let rules = Rules::defaults();
    let before = dump(&conn);
    let tx = conn.transaction().unwrap();
    tx.execute("UPDATE customers SET name = name || '乙'", []).unwrap();
    // two of 12 is more than one in ten: the whole book is rebuilt, every renamed row current
    let ids: Vec<String> = tx
        .prepare("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(book::refresh_customers(&tx, &rules, ids.iter().map(String::as_str)).unwrap(), 12);
    let after = dump(&tx);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().all(|r| r.contains("乙")), "{after:?}");
}
