//! Queries on `holdings` (positions per customer per statistics date).

use crate::store::db::{Db, Row};
use chrono::NaiveDate;
use rusqlite::params;

use super::Upsert;
use crate::domain::model::{Holding, PriceMilli, Security, market_value};
use crate::domain::money::Fen;

/// Inserts or updates a holding by (customer_id, as_of, code). One statement for a new row (the
/// common case of a fresh statistics date), two for an existing one. The date is bound as its
/// `YYYY-MM-DD` text made on the stack ([`super::days::ymd`]), the text chrono's binding would store.
pub fn upsert(conn: &Db, h: &Holding) -> rusqlite::Result<Upsert> {
    let mut buf = [0u8; 10];
    let owned;
    let as_of = match super::days::ymd(h.as_of, &mut buf) {
        Some(s) => s,
        None => {
            owned = h.as_of.format("%F").to_string();
            owned.as_str()
        }
    };
    let inserted = conn
        .prepare_cached("INSERT OR IGNORE INTO holdings (customer_id, as_of, code, quantity, cost_price) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![h.customer_id, as_of, h.code, h.quantity, h.cost_price])?;
    if inserted == 1 {
        return Ok(Upsert::Inserted);
    }
    let updated = conn
        .prepare_cached(
            "UPDATE holdings SET quantity = ?4, cost_price = ?5 WHERE customer_id = ?1 AND as_of = ?2 AND code = ?3
             AND (quantity <> ?4 OR cost_price <> ?5)",
        )?
        .execute(params![h.customer_id, as_of, h.code, h.quantity, h.cost_price])?;
    Ok(if updated == 1 { Upsert::Updated } else { Upsert::Unchanged })
}

/// A holding valued at the latest close on or before its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuedHolding {
    pub holding: Holding,
    pub security: Security,
    /// Close used (厘) and its date; `None` when no price is known (valued at cost).
    pub close: Option<(NaiveDate, PriceMilli)>,
    /// quantity × close (or × cost when no price), fen.
    pub market_value: Fen,
    /// quantity × cost price, fen.
    pub cost_value: Fen,
}

/// The holdings of a customer on their latest holdings date, valued, largest first.
pub fn latest_valued(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<ValuedHolding>> {
    let as_of: Option<NaiveDate> = conn
        .prepare_cached("SELECT MAX(as_of) FROM holdings WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?;
    let Some(as_of) = as_of else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT h.customer_id, h.as_of, h.code, h.quantity, h.cost_price,
                s.code, s.exchange, s.name, s.kind, s.board, s.industry, s.category, s.risk_rating, s.face_value,
                (SELECT p.date FROM prices p WHERE p.code = h.code AND p.date <= h.as_of ORDER BY p.date DESC LIMIT 1),
                (SELECT p.close FROM prices p WHERE p.code = h.code AND p.date <= h.as_of ORDER BY p.date DESC LIMIT 1)
         FROM holdings h JOIN securities s ON s.code = h.code
         WHERE h.customer_id = ?1 AND h.as_of = ?2 AND h.quantity > 0",
    )?;
    let mut out: Vec<ValuedHolding> =
        stmt.query_map(params![customer_id, as_of], valued_row)?.collect::<rusqlite::Result<_>>()?;
    out.sort_by(|a, b| b.market_value.cmp(&a.market_value).then(a.holding.code.cmp(&b.holding.code)));
    Ok(out)
}

/// A holding valued at its close (columns 0–4 the holding, 5–13 the security, 14–15 the date
/// and close of the latest price on or before its date; at cost without a price).
fn valued_row(r: &Row<'_>) -> rusqlite::Result<ValuedHolding> {
    let holding = Holding {
        customer_id: r.get(0)?,
        as_of: r.get(1)?,
        code: r.get(2)?,
        quantity: r.get(3)?,
        cost_price: r.get(4)?,
    };
    let security = super::securities::row(&super::Shifted(r, 5))?;
    let close = r.get::<_, Option<NaiveDate>>(14)?.zip(r.get::<_, Option<PriceMilli>>(15)?);
    let price = close.map(|c| c.1).unwrap_or(holding.cost_price);
    Ok(ValuedHolding {
        market_value: market_value(holding.quantity, price),
        cost_value: market_value(holding.quantity, holding.cost_price),
        holding,
        security,
        close,
    })
}

/// Σ market value in fen of a customer's holdings on `as_of` at the latest closes on or before it
/// (positions without a price at cost). Used when an account file leaves total assets out.
pub fn market_value_on(conn: &Db, customer_id: &str, as_of: NaiveDate) -> rusqlite::Result<Fen> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.quantity, COALESCE((SELECT p.close FROM prices p WHERE p.code = h.code AND p.date <= h.as_of
                 ORDER BY p.date DESC LIMIT 1), h.cost_price)
         FROM holdings h WHERE h.customer_id = ?1 AND h.as_of = ?2",
    )?;
    let rows = stmt.query_map(params![customer_id, as_of], |r| Ok(market_value(r.get(0)?, r.get(1)?)))?;
    // saturating: a sum past i64 (only reachable at the import maxima) is never wrapped
    rows.into_iter().try_fold(0 as Fen, |sum, v| Ok(sum.saturating_add(v?)))
}

/// One row of the holdings export: a holding on its customer's latest holdings date, with the
/// customer's name and the security's name and rating, valued like [`latest_valued`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldingLine {
    pub customer_name: String,
    pub manager_id: String,
    pub valued: ValuedHolding,
}

/// Every holding of the customers of `scope` on each one's latest holdings date (zero quantities
/// included, as stored), by customer id and security code.
pub fn latest_of_scope(conn: &Db, scope: &super::book::Scope) -> rusqlite::Result<Vec<HoldingLine>> {
    let manager = match scope {
        super::book::Scope::Branch => None,
        super::book::Scope::Manager(m) => Some(m.as_str()),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT h.customer_id, h.as_of, h.code, h.quantity, h.cost_price,
                s.code, s.exchange, s.name, s.kind, s.board, s.industry, s.category, s.risk_rating, s.face_value,
                (SELECT p.date FROM prices p WHERE p.code = h.code AND p.date <= h.as_of ORDER BY p.date DESC LIMIT 1),
                (SELECT p.close FROM prices p WHERE p.code = h.code AND p.date <= h.as_of ORDER BY p.date DESC LIMIT 1),
                c.name, c.manager_id
         FROM customers c
         JOIN holdings h ON h.customer_id = c.customer_id
              AND h.as_of = (SELECT MAX(x.as_of) FROM holdings x WHERE x.customer_id = c.customer_id)
         JOIN securities s ON s.code = h.code
         WHERE (?1 IS NULL OR c.manager_id = ?1)
         ORDER BY h.customer_id, h.code",
    )?;
    let rows = stmt.query_map(params![manager], |r| {
        Ok(HoldingLine { customer_name: r.get(16)?, manager_id: r.get(17)?, valued: valued_row(r)? })
    })?;
    rows.collect()
}
