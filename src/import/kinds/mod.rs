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

use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::ImportError;
use super::fields;
use super::headers::{Col, HeaderMap};
use super::row::Row;
use super::{ImportKind, ImportOptions};
use crate::domain::model::CustomerKind;
use crate::i18n::{DateNoun, Msg};
use crate::store::Upsert;

/// A kind of import file.
pub trait Kind: Sized {
    /// Which kind this is (its columns, whether it changes the `customer_book`, its name).
    const KIND: ImportKind;
    /// What one good row becomes.
    type Record;

    /// Loads what the checks need from the DB (existence sets), once per import, inside the
    /// import's write transaction; `header` says which columns the file has.
    fn load(conn: &Connection, header: &HeaderMap) -> Result<Self, ImportError>;

    /// Reads one row. Problems go to `row`; the record is only used when the row has none.
    fn parse(&mut self, conn: &Connection, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Self::Record>;

    /// Writes one good record inside the import's transaction.
    fn write(&mut self, tx: &Connection, record: &Self::Record, opts: &ImportOptions) -> Result<Upsert, ImportError>;

    /// Whose alerts an import of this kind can change ([`AlertsAfter`]).
    const ALERTS: AlertsAfter = AlertsAfter::Nobody;

    /// The customer a record is about (for [`AlertsAfter::Records`]).
    fn customer_of(_record: &Self::Record) -> Option<&str> {
        None
    }
}

/// Which customers the alert rules are run for after an import of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertsAfter {
    /// No rule reads this kind (managers).
    Nobody,
    /// The customers of the imported records.
    Records,
    /// Everyone (securities and prices: any holder may be affected).
    Everyone,
}

/// The optional columns a file lacks: an existing row keeps its stored values of them (SPEC §3: an
/// absent column is not an empty one); defaults only apply to new rows.
pub struct Absent(Vec<&'static str>);

impl Absent {
    /// The optional columns of `cols` that `header` does not have.
    pub fn of(header: &HeaderMap, cols: &[Col]) -> Absent {
        Absent(cols.iter().filter(|c| !c.required && !header.has(c.field)).map(|c| c.field).collect())
    }

    /// Whether the file lacks the column of `field`.
    pub fn lacks(&self, field: &str) -> bool {
        self.0.contains(&field)
    }

    /// Whether the file lacks any of `fields`.
    pub fn any(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.lacks(f))
    }

    /// The stored value `old` when the file lacks `field`, else the file's `new`.
    pub fn keep<T>(&self, field: &str, old: T, new: T) -> T {
        if self.lacks(field) { old } else { new }
    }
}

/// Business keys seen so far in the file, with the line that had each: a repeat is an error on
/// the later line. Keyed with foldhash (keys are ours, checked text or interned numbers): one
/// lookup per row, so the hasher counts.
pub struct Seen<K> {
    lines: HashMap<K, u64>,
}

impl<K: Hash + Eq> Default for Seen<K> {
    fn default() -> Self {
        Seen { lines: HashMap::default() }
    }
}

impl<K: Hash + Eq> Seen<K> {
    /// Registers `key` for `row`; when an earlier line had it, records a problem on `fields[0]`
    /// naming that line and the key columns.
    pub fn check(&mut self, row: &mut Row<'_>, fields: &[&str], key: K) {
        match self.lines.entry(key) {
            Entry::Occupied(first) => {
                let first = *first.get();
                let names = fields.iter().map(|f| row.header(f).to_string()).collect();
                row.problem(fields[0], Msg::DuplicateOf { line: first, fields: names });
            }
            Entry::Vacant(v) => {
                v.insert(row.line);
            }
        }
    }
}

/// A set of business keys (foldhash: one lookup per row).
pub type Keys = HashSet<String>;

/// Every value of one text column (a key) of a table, for existence checks without a query per row.
pub fn key_set(conn: &Connection, sql: &str) -> rusqlite::Result<Keys> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// What the checks of a file referring to customers need of a stored customer.
pub struct StoredCustomer {
    pub kind: CustomerKind,
    pub birth_date: Option<NaiveDate>,
    /// The account opening date (开户日期), never before the birth date.
    pub opened_on: NaiveDate,
    pub manager_id: String,
    /// A number for this customer, unique within one load: a compact key for per-row maps.
    pub idx: u32,
}

/// Every stored customer by id (foldhash: one lookup per row).
pub type StoredCustomers = HashMap<String, StoredCustomer>;

/// Every stored customer, loaded once per import: the existence check of the kinds that refer to
/// customers ([`known_customer`]) and what their other checks need.
pub fn stored_customers(conn: &Connection) -> rusqlite::Result<StoredCustomers> {
    let mut stmt = conn.prepare("SELECT customer_id, kind, birth_date, opened_on, manager_id FROM customers")?;
    let mut idx = 0u32;
    let rows = stmt.query_map([], |r| {
        idx = idx.wrapping_add(1);
        let kind: String = r.get(1)?;
        let customer = StoredCustomer {
            kind: CustomerKind::parse(&kind).unwrap_or(CustomerKind::Individual),
            birth_date: r.get(2)?,
            opened_on: r.get(3)?,
            manager_id: r.get(4)?,
            idx,
        };
        Ok((r.get::<_, String>(0)?, customer))
    })?;
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

/// A problem on `field` when `day` (the `what`, e.g. the statistics date) is after today.
pub fn not_after_today(row: &mut Row<'_>, field: &str, what: DateNoun, day: Option<NaiveDate>, today: NaiveDate) {
    if let Some(d) = day
        && d > today
    {
        row.problem(field, Msg::AfterToday { what, day: d, today });
    }
}

/// A required customer id that must already be in the DB, with what is stored of the customer.
pub fn known_customer<'a, 'c>(
    row: &mut Row<'a>,
    customers: &'c StoredCustomers,
) -> Option<(&'a str, &'c StoredCustomer)> {
    let id = key(row, "customer_id")?;
    match customers.get(id) {
        Some(c) => Some((id, c)),
        None => {
            row.problem("customer_id", Msg::UnknownCustomer { id: id.to_string() });
            None
        }
    }
}

/// A problem on `field` when `day` (the `what`, e.g. the statistics date) is before the customer's
/// account was opened on `opened` (which is never before the birth date, so this covers that too).
pub fn not_before_opening(
    row: &mut Row<'_>,
    field: &str,
    what: DateNoun,
    day: Option<NaiveDate>,
    opened: Option<NaiveDate>,
) {
    if let (Some(d), Some(o)) = (day, opened)
        && d < o
    {
        row.problem(field, Msg::BeforeOpening { what, day: d, opened: o });
    }
}

/// A required security code that must already be in the DB.
pub fn known_security<'a>(row: &mut Row<'a>, codes: &Keys) -> Option<&'a str> {
    let code = key(row, "code")?;
    if !codes.contains(code) {
        row.problem("code", Msg::UnknownSecurity { code: code.to_string() });
        return None;
    }
    Some(code)
}
