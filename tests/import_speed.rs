//! Import speed at branch scale (SPEC §1: up to 100k customers; ~500k holdings). Ignored by default:
//! `cargo test --release --test import_speed -- --ignored --nocapture`.

mod import_support;

use std::fmt::Write;
use std::time::Instant;

use brokerdesk::domain::id_number::resident_check_char;
use brokerdesk::import::{ImportKind, import_bytes};
use import_support::*;

const CUSTOMERS: usize = 100_000;
const HOLDINGS_PER_CUSTOMER: usize = 5;
const SECURITIES: usize = 2_000;

fn timed(conn: &mut rusqlite::Connection, kind: ImportKind, text: &str) -> f64 {
    let start = Instant::now();
    let r = import_bytes(conn, kind, kind.code(), text.as_bytes(), &opts()).unwrap_or_else(|e| panic!("{e}"));
    let secs = start.elapsed().as_secs_f64();
    println!("{:>12}: {:>7} rows, {:>6} bytes/row, {:>7.2} s, {:>9.0} rows/s", kind, r.rows, text.len() / r.rows.max(1), secs, r.rows as f64 / secs);
    assert_eq!(r.inserted, r.rows);
    secs
}

#[test]
#[ignore = "scale test; run in release with --ignored --nocapture"]
fn branch_scale_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = brokerdesk::store::open(&dir.path().join("speed.db")).unwrap();

    let mut managers = String::from("manager_id,name,branch\n");
    for m in 0..50 {
        writeln!(managers, "M{m:03},经理{m},徐汇营业部").unwrap();
    }
    let mut customers = String::from("customer_id,name,id_number,mobile,manager_id,opened_on\n");
    for i in 0..CUSTOMERS {
        let first17 = format!("110105{}{:02}{:02}{:03}", 1950 + i % 55, 1 + i % 12, 1 + i % 28, i % 1000);
        let id = format!("{first17}{}", resident_check_char(&first17).unwrap());
        writeln!(customers, "{},客户{i},{id},1{:010},M{:03},2015-03-02", 10_000_000 + i, 3_000_000_000u64 + i as u64, i % 50).unwrap();
    }
    let mut securities = String::from("code,name,kind\n");
    let mut prices = String::from("code,date,open,high,low,close,volume\n");
    for s in 0..SECURITIES {
        writeln!(securities, "{},证券{s},stock", 600_000 + s).unwrap();
        writeln!(prices, "{},2025-08-26,10.00,11.00,9.50,10.{:02},\"1,000,000\"", 600_000 + s, s % 100).unwrap();
    }
    let mut holdings = String::from("customer_id,as_of,code,quantity,cost_price\n");
    for i in 0..CUSTOMERS {
        for k in 0..HOLDINGS_PER_CUSTOMER {
            let code = 600_000 + (i * 7 + k * 311) % SECURITIES;
            writeln!(holdings, "{},2025-08-26,{code},\"1,{:03}\",9.876", 10_000_000 + i, (i + k) % 1000).unwrap();
        }
    }
    let mut accounts = String::from("customer_id,as_of,cash,net_commission_12m\n");
    for i in 0..CUSTOMERS {
        writeln!(accounts, "{},2025-08-26,\"12,345.67\",{}", 10_000_000 + i, i % 5000).unwrap();
    }

    // checking alone: the same holdings plus one bad row at the end are refused after every row is read
    let mut conn_check = brokerdesk::store::open(&dir.path().join("check.db")).unwrap();
    timed(&mut conn_check, ImportKind::Managers, &managers);
    timed(&mut conn_check, ImportKind::Customers, &customers);
    timed(&mut conn_check, ImportKind::Securities, &securities);
    let start = Instant::now();
    let bad = format!("{holdings}10000000,2025-08-26,600001,-1,1\n");
    let e = import_bytes(&mut conn_check, ImportKind::Holdings, "h", bad.as_bytes(), &opts()).unwrap_err();
    assert_eq!(e.problems().len(), 1);
    println!("check only (500k holdings, refused): {:.2} s", start.elapsed().as_secs_f64());
    drop(conn_check);

    let total_start = Instant::now();
    timed(&mut conn, ImportKind::Managers, &managers);
    timed(&mut conn, ImportKind::Customers, &customers);
    timed(&mut conn, ImportKind::Securities, &securities);
    timed(&mut conn, ImportKind::Prices, &prices);
    let holdings_secs = timed(&mut conn, ImportKind::Holdings, &holdings);
    timed(&mut conn, ImportKind::Accounts, &accounts);
    println!("total: {:.2} s", total_start.elapsed().as_secs_f64());
    assert_eq!(count(&conn, "holdings"), (CUSTOMERS * HOLDINGS_PER_CUSTOMER) as i64);
    if !cfg!(debug_assertions) {
        assert!(holdings_secs < 15.0, "500k holdings took {holdings_secs:.1} s");
    }
}
