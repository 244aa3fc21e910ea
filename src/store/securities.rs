//! Queries on `securities`.

use crate::store::db::Db;
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::model::{Exchange, Security, SecurityKind};
use crate::domain::risk::ProductRisk;

const COLUMNS: &str = "code, exchange, name, kind, board, industry, category, risk_rating, face_value";

/// [`COLUMNS`] of a `securities s` in a join, in the order [`row`] reads them.
pub(crate) const COLUMNS_OF_S: &str =
    "s.code, s.exchange, s.name, s.kind, s.board, s.industry, s.category, s.risk_rating, s.face_value";

/// Inserts or updates a security by `code`.
pub fn upsert(conn: &Db, s: &Security) -> rusqlite::Result<Upsert> {
    let old = get(conn, &s.code)?;
    if old.as_ref() == Some(s) {
        return Ok(Upsert::Unchanged);
    }
    conn.prepare_cached(&format!(
        "INSERT INTO securities ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (code) DO UPDATE SET exchange = excluded.exchange, name = excluded.name, kind = excluded.kind,
         board = excluded.board, industry = excluded.industry, category = excluded.category,
         risk_rating = excluded.risk_rating, face_value = excluded.face_value"
    ))?
    .execute(params![
        s.code,
        s.exchange.code(),
        s.name,
        s.kind.code(),
        s.board,
        s.industry,
        s.category,
        s.risk_rating.map(ProductRisk::code),
        s.face_value
    ])?;
    Ok(if old.is_some() { Upsert::Updated } else { Upsert::Inserted })
}

/// One security by code.
pub fn get(conn: &Db, code: &str) -> rusqlite::Result<Option<Security>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM securities WHERE code = ?1"))?
        .query_row([code], |r| row(r))
        .optional()
}

/// Whether a security code is known.
pub fn exists(conn: &Db, code: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM securities WHERE code = ?1")?.exists([code])
}

pub(crate) fn row<R: super::Columns>(r: &R) -> rusqlite::Result<Security> {
    let exchange: String = r.get(1)?;
    let kind: String = r.get(3)?;
    let rating: Option<String> = r.get(7)?;
    Ok(Security {
        code: r.get(0)?,
        exchange: Exchange::parse(&exchange).unwrap_or(Exchange::OTC),
        name: r.get(2)?,
        kind: SecurityKind::parse(&kind).unwrap_or(SecurityKind::Other),
        board: r.get(4)?,
        industry: r.get(5)?,
        category: r.get(6)?,
        risk_rating: rating.as_deref().and_then(ProductRisk::parse),
        face_value: r.get(8)?,
    })
}
