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

use crate::store::db::Db;
use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;

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
    fn load(conn: &Db, header: &HeaderMap) -> Result<Self, ImportError>;

    /// Reads one row. Problems go to `row`; the record is only used when the row has none.
    fn parse(&mut self, conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Self::Record>;

    /// Writes one good record inside the import's transaction.
    fn write(&mut self, tx: &Db, record: &Self::Record, opts: &ImportOptions) -> Result<Upsert, ImportError>;

    /// Whose alerts an import of this kind can change ([`AlertsAfter`]).
    const ALERTS: AlertsAfter = AlertsAfter::Nobody;

    /// The customer a record is about (for [`AlertsAfter::Records`]).
    fn customer_of(_record: &Self::Record) -> Option<&str> {
        None
    }

    /// Whether the kind keeps the customers of the records it wrote itself, compactly
    /// ([`Kind::touched`]), instead of the driver keeping [`Kind::customer_of`]'s ids.
    const KEEPS_TOUCHED: bool = false;

    /// The customers of the records written so far, sorted (only when [`Kind::KEEPS_TOUCHED`]).
    fn touched(&self) -> Vec<String> {
        Vec::new()
    }

    /// A hint before the rows: the file has at most `rows` data rows (its line count), so per-row
    /// state can be sized once instead of growing (and holding two copies while it grows).
    fn expect_rows(&mut self, _rows: usize) {}
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
pub fn key_set(conn: &Db, sql: &str) -> rusqlite::Result<Keys> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// What the checks of a file referring to customers need of a stored customer.
#[derive(Debug, Clone, Copy)]
pub struct StoredCustomer {
    pub kind: CustomerKind,
    pub birth_date: Option<NaiveDate>,
    /// The account opening date (开户日期), never before the birth date.
    pub opened_on: NaiveDate,
    /// The customer's manager: an index into [`StoredCustomers`]'s managers ([`StoredCustomers::manager_id`]).
    manager: u32,
    /// A number for this customer, unique within one load (0, 1, 2… in load order): a compact key
    /// for per-row maps and sets.
    pub idx: u32,
}

/// Every stored customer by id, compactly (issue 10: 1M customers in ≈ 45 MB instead of ≈ 200 MB
/// of `String`-keyed map): the ids in one text arena, the customers in a `Vec`, and a hash table
/// of `u32` indices (foldhash) for one lookup per row; managers' ids interned.
#[derive(Default)]
pub struct StoredCustomers {
    /// Every customer id, one after another.
    ids: String,
    /// Where each customer's id ends in `ids` (its start is the previous one's end).
    ends: Vec<usize>,
    customers: Vec<StoredCustomer>,
    /// Indices into `customers`, hashed by id.
    table: hashbrown::HashTable<u32>,
    managers: Vec<Box<str>>,
    hasher: foldhash::fast::FixedState,
}

impl StoredCustomers {
    fn id_at(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }

    fn hash(&self, id: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&self.hasher, id)
    }

    /// The stored customer with id `id`.
    pub fn get(&self, id: &str) -> Option<&StoredCustomer> {
        let i = *self.table.find(self.hash(id), |&i| self.id_at(i as usize) == id)?;
        self.customers.get(i as usize)
    }

    /// The id of the customer numbered `idx` ([`StoredCustomer::idx`]).
    pub fn id_of(&self, idx: u32) -> Option<&str> {
        ((idx as usize) < self.ends.len()).then(|| self.id_at(idx as usize))
    }

    /// The manager id (客户经理编号) of a stored customer.
    pub fn manager_id(&self, c: &StoredCustomer) -> &str {
        self.managers.get(c.manager as usize).map_or("", |m| m)
    }

    /// How many customers are stored.
    pub fn len(&self) -> usize {
        self.customers.len()
    }
}

/// Every stored customer, loaded once per import: the existence check of the kinds that refer to
/// customers ([`known_customer`]) and what their other checks need.
pub fn stored_customers(conn: &Db) -> rusqlite::Result<StoredCustomers> {
    let n: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    let n = usize::try_from(n).unwrap_or(0);
    let mut s = StoredCustomers {
        ends: Vec::with_capacity(n),
        customers: Vec::with_capacity(n),
        table: hashbrown::HashTable::with_capacity(n),
        ..StoredCustomers::default()
    };
    let mut managers: HashMap<String, u32> = HashMap::default();
    let mut stmt = conn.prepare("SELECT customer_id, kind, birth_date, opened_on, manager_id FROM customers")?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        let id = r.get_ref(0)?.as_str()?;
        let kind = r.get_ref(1)?.as_str()?;
        let manager = r.get_ref(4)?.as_str()?;
        let manager = match managers.get(manager) {
            Some(&m) => m,
            None => {
                let m = s.managers.len() as u32;
                s.managers.push(manager.into());
                managers.insert(manager.to_string(), m);
                m
            }
        };
        let i = s.customers.len() as u32;
        let customer = StoredCustomer {
            kind: CustomerKind::parse(kind).unwrap_or(CustomerKind::Individual),
            birth_date: r.get(2)?,
            opened_on: r.get(3)?,
            manager,
            idx: i,
        };
        let hash = s.hash(id);
        if s.table.find(hash, |&j| s.id_at(j as usize) == id).is_some() {
            continue; // customer_id is the primary key: never twice
        }
        s.ids.push_str(id);
        s.ends.push(s.ids.len());
        s.customers.push(customer);
        let (ids, ends, hasher) = (&s.ids, &s.ends, &s.hasher);
        s.table.insert_unique(hash, i, |&j| {
            let j = j as usize;
            let start = if j == 0 { 0 } else { ends[j - 1] };
            std::hash::BuildHasher::hash_one(hasher, &ids[start..ends[j]])
        });
    }
    s.ids.shrink_to_fit();
    Ok(s)
}

/// The keys of the holdings duplicate check: (customer number, statistics date, security number)
/// with the line that had each, compactly (issue 10): 16 bytes a row in a `Vec` and a 4-byte index
/// per slot of a hash table (≈ 100 MB for 3.9M rows instead of ≈ 315 MB of `HashMap` at its growth).
#[derive(Default)]
pub struct SeenTriples {
    /// (a, b, c, line) per key seen.
    keys: Vec<[u32; 4]>,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::FixedState,
}

impl SeenTriples {
    /// Room for about `n` keys (e.g. the file's line count), so the table does not grow mid-file.
    pub fn reserve(&mut self, n: usize) {
        self.keys.reserve(n);
        let keys = &self.keys;
        let hasher = &self.hasher;
        self.table.reserve(n, |&i| {
            let k = keys[i as usize];
            std::hash::BuildHasher::hash_one(hasher, [k[0], k[1], k[2]])
        });
    }

    /// Registers `key` for `row`; when an earlier line had it, records a problem on `fields[0]`
    /// naming that line and the key columns ([`Seen::check`]'s message).
    pub fn check(&mut self, row: &mut Row<'_>, fields: &[&str], key: [u32; 3]) {
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, key);
        let keys = &self.keys;
        if let Some(&i) = self.table.find(hash, |&i| keys[i as usize][..3] == key) {
            let first = u64::from(keys[i as usize][3]);
            let names = fields.iter().map(|f| row.header(f).to_string()).collect();
            row.problem(fields[0], Msg::DuplicateOf { line: first, fields: names });
            return;
        }
        let line = u32::try_from(row.line).unwrap_or(u32::MAX);
        let i = self.keys.len() as u32;
        self.keys.push([key[0], key[1], key[2], line]);
        let (keys, hasher) = (&self.keys, &self.hasher);
        self.table.insert_unique(hash, i, |&j| {
            let k = keys[j as usize];
            std::hash::BuildHasher::hash_one(hasher, [k[0], k[1], k[2]])
        });
    }
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
