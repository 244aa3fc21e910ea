//! Row reading of the alert engine ([`super::engine`]): text without a copy (dates by
//! [`crate::store::days`]), the securities numbered, the price series read once per security, a chunk's rows
//! handed out per customer.

use crate::store::db::{Db, Row, Stmt};
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params};

use crate::domain::model::{PriceMilli, Security};
use crate::domain::rating::effective_rating;
use crate::domain::risk::ProductRisk;
use crate::domain::rules::Rules;
use crate::store::days::{day, day_text};

/// Column `i` as text without a copy (empty for `NULL`).
pub(super) fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    match r.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| rusqlite::Error::Utf8Error(i, e)),
        ValueRef::Null => Ok(""),
        _ => Err(rusqlite::Error::InvalidColumnType(i, "text".into(), rusqlite::types::Type::Integer)),
    }
}

/// Every security with the rating in force, numbered.
pub(super) struct Securities {
    pub(super) list: Vec<(Security, ProductRisk)>,
    by_code: HashMap<String, u32, foldhash::fast::RandomState>,
}

impl Securities {
    pub(super) fn load(tx: &Db, rules: &Rules) -> rusqlite::Result<Securities> {
        let mut stmt = tx.prepare(
            "SELECT code, exchange, name, kind, board, industry, category, risk_rating, face_value FROM securities",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Securities { list: Vec::new(), by_code: HashMap::default() };
        while let Some(ref r) = rows.next()? {
            let s = crate::store::securities::row(r)?;
            let rating = effective_rating(&s, &rules.product_ratings);
            let n = out.list.len() as u32;
            out.by_code.insert(s.code.clone(), n);
            out.list.push((s, rating));
        }
        Ok(out)
    }
    pub(super) fn number(&self, code: &str) -> Option<u32> {
        self.by_code.get(code).copied()
    }
}

/// A security's closes (date, close in 厘), oldest first.
type Closes = Vec<(NaiveDate, PriceMilli)>;

/// The closes of each security read so far and the date they were read from.
pub(super) struct Prices {
    pub(super) series: Vec<Option<(NaiveDate, Closes)>>,
}

impl Prices {
    /// The closes of security `n` from `start` up to `until`, read from `start` on first use (or
    /// again from an earlier `start`), and the latest close on or before `until` (looked up on
    /// its own when none is on or after `start`).
    pub(super) fn closes(
        &mut self,
        stmt: &mut Stmt<'_>,
        last: &mut Stmt<'_>,
        code: &str,
        n: u32,
        start: NaiveDate,
        until: NaiveDate,
    ) -> rusqlite::Result<(std::ops::Range<usize>, Option<PriceMilli>)> {
        let slot = &mut self.series[n as usize];
        if slot.as_ref().is_none_or(|(from, _)| *from > start) {
            let mut series = Vec::new();
            let mut rows = stmt.query(params![code, day_text(start)])?;
            while let Some(ref r) = rows.next()? {
                series.push((day(r, 0)?, r.get(1)?));
            }
            *slot = Some((start, series));
        }
        let series = &slot.as_ref().map(|s| &s.1[..]).unwrap_or(&[]);
        let range = series.partition_point(|(d, _)| *d < start)..series.partition_point(|(d, _)| *d <= until);
        let close = match series[range.clone()].last() {
            Some(c) => Some(c.1),
            None => last.query_row(params![code, day_text(until)], |r| r.get(0)).optional()?,
        };
        Ok((range, close))
    }
    pub(super) fn get(&self, n: u32) -> &[(NaiveDate, PriceMilli)] {
        self.series[n as usize].as_ref().map(|s| &s.1[..]).unwrap_or(&[])
    }
}

/// One chunk's rows of a table by customer: each row carries its customer's place in the chunk
/// (rows come in customer order), and [`Grouped::take`] hands out each customer's rows in turn.
pub(super) struct Grouped<T> {
    rows: std::iter::Peekable<std::vec::IntoIter<(usize, T)>>,
}

impl<T> Grouped<T> {
    pub(super) fn new(rows: Vec<(usize, T)>) -> Grouped<T> {
        Grouped { rows: rows.into_iter().peekable() }
    }
    /// The rows of the chunk's customer `i` (asked in increasing `i`).
    pub(super) fn take(&mut self, i: usize) -> Vec<T> {
        while self.rows.next_if(|(k, _)| *k < i).is_some() {}
        let mut out = Vec::new();
        while let Some((_, t)) = self.rows.next_if(|(k, _)| *k == i) {
            out.push(t);
        }
        out
    }
}

pub(super) struct HoldingRow {
    pub(super) as_of: NaiveDate,
    /// The security's number in [`Securities`] (`None`: not in `securities`).
    pub(super) security: Option<u32>,
    pub(super) quantity: i64,
    pub(super) cost_price: PriceMilli,
    pub(super) first_held: NaiveDate,
}

/// A customer's positions on their latest holdings date, with the first date each is on record.
pub(super) struct Held {
    pub(super) rows: Vec<HoldingRow>,
}

/// The rows of a customer's latest holdings date with a positive quantity, each with the first
/// date its security is on record (`rows` in date, code order).
pub(super) fn latest_positions(rows: Vec<HoldingRow>) -> Held {
    // the first date of each security (a code not in `securities` is never a position)
    let mut first: Vec<(u32, NaiveDate)> = Vec::new();
    let mut latest: Vec<HoldingRow> = Vec::new();
    for h in rows {
        if let Some(n) = h.security
            && !first.iter().any(|(k, _)| *k == n)
        {
            first.push((n, h.as_of));
        }
        if latest.first().is_some_and(|l| l.as_of != h.as_of) {
            latest.clear(); // a later date (rows come in date order)
        }
        latest.push(h);
    }
    latest.retain(|h| h.quantity > 0);
    for h in &mut latest {
        h.first_held = match h.security {
            Some(n) => first.iter().find(|(k, _)| *k == n).map_or(h.as_of, |(_, d)| *d),
            None => h.as_of,
        };
    }
    Held { rows: latest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_hands_out_each_customers_rows() {
        let mut g = Grouped::new(vec![(0, 1), (1, 2), (1, 3), (3, 4)]);
        assert_eq!(g.take(0), [1]);
        assert_eq!(g.take(1), [2, 3]);
        assert_eq!(g.take(2), Vec::<i32>::new());
        assert_eq!(g.take(3), [4]);
        assert_eq!(g.take(4), Vec::<i32>::new());
    }
}
