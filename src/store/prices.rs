//! Queries on `prices` (daily bars; prices in 厘).

use crate::store::db::Db;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::model::{PriceBar, PriceMilli};

/// Inserts or updates a bar by (code, date): one statement for a new bar, two for an existing one.
pub fn upsert(conn: &Db, b: &PriceBar) -> rusqlite::Result<Upsert> {
    let inserted = conn
        .prepare_cached("INSERT OR IGNORE INTO prices (code, date, open, high, low, close, volume) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![b.code, b.date, b.open, b.high, b.low, b.close, b.volume])?;
    if inserted == 1 {
        return Ok(Upsert::Inserted);
    }
    let updated = conn
        .prepare_cached(
            "UPDATE prices SET open = ?3, high = ?4, low = ?5, close = ?6, volume = ?7 WHERE code = ?1 AND date = ?2
             AND (open <> ?3 OR high <> ?4 OR low <> ?5 OR close <> ?6 OR volume <> ?7)",
        )?
        .execute(params![b.code, b.date, b.open, b.high, b.low, b.close, b.volume])?;
    Ok(if updated == 1 { Upsert::Updated } else { Upsert::Unchanged })
}

/// The latest close on or before `on`, with its date.
pub fn close_on_or_before(
    conn: &Db,
    code: &str,
    on: NaiveDate,
) -> rusqlite::Result<Option<(NaiveDate, PriceMilli)>> {
    conn.prepare_cached("SELECT date, close FROM prices WHERE code = ?1 AND date <= ?2 ORDER BY date DESC LIMIT 1")?
        .query_row(params![code, on], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
}

/// Closes of `code` on or before `on`, oldest first, at most `limit` of them (for sparklines).
pub fn recent_closes(
    conn: &Db,
    code: &str,
    on: NaiveDate,
    limit: usize,
) -> rusqlite::Result<Vec<(NaiveDate, PriceMilli)>> {
    let mut rows: Vec<(NaiveDate, PriceMilli)> = conn
        .prepare_cached("SELECT date, close FROM prices WHERE code = ?1 AND date <= ?2 ORDER BY date DESC LIMIT ?3")?
        .query_map(params![code, on, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.reverse();
    Ok(rows)
}
