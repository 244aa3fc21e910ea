//! Queries on `account_snapshots` (one per customer per statistics date; history kept).

use crate::store::db::{Db, Row};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::model::AccountSnapshot;

const COLUMNS: &str =
    "customer_id, as_of, cash, total_assets, net_commission_12m, other_income_12m, turnover_12m, last_trade_on";

/// Inserts or updates a snapshot by (customer_id, as_of).
pub fn upsert(conn: &Db, s: &AccountSnapshot) -> rusqlite::Result<Upsert> {
    let old = get(conn, &s.customer_id, s.as_of)?;
    if old.as_ref() == Some(s) {
        return Ok(Upsert::Unchanged);
    }
    conn.prepare_cached(&format!(
        "INSERT INTO account_snapshots ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (customer_id, as_of) DO UPDATE SET cash = excluded.cash, total_assets = excluded.total_assets,
         net_commission_12m = excluded.net_commission_12m, other_income_12m = excluded.other_income_12m,
         turnover_12m = excluded.turnover_12m, last_trade_on = excluded.last_trade_on"
    ))?
    .execute(params![
        s.customer_id,
        s.as_of,
        s.cash,
        s.total_assets,
        s.net_commission_12m,
        s.other_income_12m,
        s.turnover_12m,
        s.last_trade_on
    ])?;
    Ok(if old.is_some() { Upsert::Updated } else { Upsert::Inserted })
}

/// The snapshot of one customer on one date.
pub fn get(conn: &Db, customer_id: &str, as_of: NaiveDate) -> rusqlite::Result<Option<AccountSnapshot>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM account_snapshots WHERE customer_id = ?1 AND as_of = ?2"))?
        .query_row(params![customer_id, as_of], row)
        .optional()
}

/// The latest snapshot of a customer.
pub fn latest(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<AccountSnapshot>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM account_snapshots WHERE customer_id = ?1 ORDER BY as_of DESC LIMIT 1"
    ))?
    .query_row([customer_id], row)
    .optional()
}

/// The statistics date (统计日期): the latest `as_of` in the data, if any.
pub fn statistics_date(conn: &Db) -> rusqlite::Result<Option<NaiveDate>> {
    conn.query_row("SELECT MAX(as_of) FROM account_snapshots", [], |r| r.get(0))
}

fn row(r: &Row<'_>) -> rusqlite::Result<AccountSnapshot> {
    Ok(AccountSnapshot {
        customer_id: r.get(0)?,
        as_of: r.get(1)?,
        cash: r.get(2)?,
        total_assets: r.get(3)?,
        net_commission_12m: r.get(4)?,
        other_income_12m: r.get(5)?,
        turnover_12m: r.get(6)?,
        last_trade_on: r.get(7)?,
    })
}
