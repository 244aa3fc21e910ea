//! Queries on `orders` (the day's orders from the back office).

use crate::store::db::Db;
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::model::Order;

/// Inserts or updates an order by (customer_id, time, code, side).
pub fn upsert(conn: &Db, o: &Order) -> rusqlite::Result<Upsert> {
    let time = o.time.to_rfc3339();
    let old: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT price, quantity FROM orders WHERE customer_id = ?1 AND time = ?2 AND code = ?3 AND side = ?4",
        )?
        .query_row(params![o.customer_id, time, o.code, o.side.code()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if old == Some((o.price, o.quantity)) {
        return Ok(Upsert::Unchanged);
    }
    conn.prepare_cached(
        "INSERT INTO orders (customer_id, time, code, side, price, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (customer_id, time, code, side) DO UPDATE SET price = excluded.price, quantity = excluded.quantity",
    )?
    .execute(params![o.customer_id, time, o.code, o.side.code(), o.price, o.quantity])?;
    Ok(if old.is_some() { Upsert::Updated } else { Upsert::Inserted })
}
