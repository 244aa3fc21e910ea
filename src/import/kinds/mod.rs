//! One file per kind of back-office file: its columns, how a row becomes a model value (with
//! every check against the file and the DB), and how that value is written.

pub mod accounts;
pub mod assessments;
pub mod customers;
pub mod holdings;
pub mod managers;
pub mod orders;
pub mod prices;
pub mod securities;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::ImportOptions;
use super::error::ImportError;
use super::fields;
use super::headers::Col;
use super::row::Row;
use crate::store::Upsert;

/// A kind of import file.
pub trait Kind: Sized {
    /// What one good row becomes.
    type Record;
    /// The columns the file may have (SPEC §3 "Imports").
    const COLUMNS: &'static [Col];
    /// Whether the derived `customer_book` must be rebuilt after writing.
    const AFFECTS_BOOK: bool;

    /// Loads what the checks need from the DB (existence sets), once per import.
    fn load(conn: &Connection, opts: &ImportOptions) -> Result<Self, ImportError>;

    /// Reads one row. Problems go to `row`; the record is only used when the row has none.
    fn parse(&mut self, conn: &Connection, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Self::Record>;

    /// Writes one good record inside the import's transaction.
    fn write(&mut self, tx: &Connection, record: &Self::Record, opts: &ImportOptions) -> Result<Upsert, ImportError>;
}

/// Business keys seen so far in the file, with the line that had each: a repeat is an error on
/// the later line.
pub struct Seen<K> {
    lines: HashMap<K, u64>,
}

impl<K: Hash + Eq> Default for Seen<K> {
    fn default() -> Self {
        Seen { lines: HashMap::new() }
    }
}

impl<K: Hash + Eq> Seen<K> {
    /// Registers `key` for `row`; when an earlier line had it, records a problem on `fields[0]`
    /// naming that line and the key columns.
    pub fn check(&mut self, row: &mut Row<'_>, fields: &[&str], key: K) {
        match self.lines.entry(key) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = *first.get();
                let names: Vec<&str> = fields.iter().map(|f| row.header(f)).collect();
                let what =
                    if names.len() == 1 { format!("same {}", names[0]) } else { format!("same {}", names.join(" + ")) };
                row.problem(fields[0], format!("duplicate of line {first} ({what})"));
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(row.line);
            }
        }
    }
}

/// Every value of one text column (a key) of a table, for existence checks without a query per row.
pub fn key_set(conn: &Connection, sql: &str) -> rusqlite::Result<HashSet<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// A required business key (资金账号, 客户经理编号, 证券代码): ASCII letters and digits
/// ([`fields::key`]).
pub fn key<'a>(row: &mut Row<'a>, field: &str) -> Option<&'a str> {
    row.req(field, fields::key)
}

/// A required free-text cell without control characters ([`fields::plain_text`]).
pub fn plain<'a>(row: &mut Row<'a>, field: &str) -> Option<&'a str> {
    row.req(field, fields::plain_text)
}

/// An optional free-text cell (empty when absent or empty); a control character is a problem.
pub fn opt_plain(row: &mut Row<'_>, field: &str) -> String {
    row.opt(field, fields::plain_text).unwrap_or_default().to_string()
}

/// A problem on `field` when `day` (the `what`, e.g. "statistics date") is after today.
pub fn not_after_today(row: &mut Row<'_>, field: &str, what: &str, day: Option<NaiveDate>, today: NaiveDate) {
    if let Some(d) = day
        && d > today
    {
        row.problem(field, format!("{what} {d} is after today ({today})"));
    }
}

/// The optional columns of `cols` the file does not have: their stored values are kept when an
/// existing row is updated (SPEC §3: an absent column is not an empty one).
pub fn absent_columns(row: &Row<'_>, cols: &[Col]) -> Vec<&'static str> {
    cols.iter().filter(|c| !c.required && !row.has(c.field)).map(|c| c.field).collect()
}

/// A required customer id that must already be in the DB.
pub fn known_customer<'a>(row: &mut Row<'a>, customers: &HashSet<String>) -> Option<&'a str> {
    customer_in(row, |id| customers.contains(id))
}

/// Every customer's account opening date (开户日期), loaded once per import: the existence set of
/// the kinds whose dates may not precede the opening ([`opened_customer`], [`not_before_opening`]).
pub fn opening_dates(conn: &Connection) -> rusqlite::Result<HashMap<String, NaiveDate>> {
    let mut stmt = conn.prepare("SELECT customer_id, opened_on FROM customers")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?)))?;
    rows.collect()
}

/// A required customer id that must already be in the DB, with the date its account was opened.
pub fn opened_customer<'a>(row: &mut Row<'a>, opened: &HashMap<String, NaiveDate>) -> Option<(&'a str, NaiveDate)> {
    let id = customer_in(row, |id| opened.contains_key(id))?;
    Some((id, opened[id]))
}

fn customer_in<'a>(row: &mut Row<'a>, known: impl FnOnce(&str) -> bool) -> Option<&'a str> {
    let id = key(row, "customer_id")?;
    if !known(id) {
        row.problem("customer_id", format!("unknown customer {id} (import the customers first)"));
        return None;
    }
    Some(id)
}

/// A problem on `field` when `day` (the `what`, e.g. "statistics date") is before the customer's
/// account was opened on `opened` (which is never before the birth date, so this covers that too).
pub fn not_before_opening(
    row: &mut Row<'_>,
    field: &str,
    what: &str,
    day: Option<NaiveDate>,
    opened: Option<NaiveDate>,
) {
    if let (Some(d), Some(o)) = (day, opened)
        && d < o
    {
        row.problem(field, format!("{what} {d} is before the account was opened on {o}"));
    }
}

/// A required security code that must already be in the DB.
pub fn known_security<'a>(row: &mut Row<'a>, codes: &HashSet<String>) -> Option<&'a str> {
    let code = key(row, "code")?;
    if !codes.contains(code) {
        row.problem("code", format!("unknown security code {code}"));
        return None;
    }
    Some(code)
}
