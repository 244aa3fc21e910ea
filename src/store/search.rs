//! An in-memory index of one scope's search text (`customer_book.search_text`: name, 资金账号,
//! last 4 digits of the mobile), so a text search of the customer list answers in one frame at a
//! million customers instead of a `LIKE '%…%'` scan of the table per keystroke.
//!
//! Shape: the search texts, ASCII-lowercased (SQLite's `LIKE` folds ASCII case only), one after
//! another in one byte buffer, each ended by a 0 byte; a substring search of that buffer
//! (`memchr::memmem`, SIMD) finds the matching rows. The five sort orders of [`SortKey`] are
//! computed once at build (row numbers in list order, and each row's rank), so ordering the
//! matches is a walk of one precomputed order (many matches) or a sort by rank (few).
//! A query that extends the previous one is searched only within the previous matches
//! ([`SearchIndex::find`] with `narrow_from`); `s` re-sorts the same matches without searching.
//!
//! The result is exactly that of [`super::book::ids`] (the `LIKE` scan) for the filters the index
//! [`covers`](SearchIndex::covers): the scope, the text, tier, segment column, level and
//! assessment validity. `with_alerts` and segment-axis cells stay on the SQL path.
//!
//! Memory: about 30 bytes of text + 11 bytes of facts + 40 bytes of orders and ranks + the
//! 资金账号 per customer (~100 MB at 1M customers).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::book::{BookFilter, Scope, SortKey, Validity, profile_of};
use crate::domain::risk::RiskLevel;
use crate::domain::tier::Tier;

/// Per-customer facts the non-text filters look at (the columns of `customer_book` they read).
#[derive(Debug, Clone, Copy)]
struct Facts {
    tier: u8,
    professional: bool,
    /// Index in [`RiskLevel::ALL`], or `u8::MAX` for none.
    level: u8,
    lowest: bool,
    valid_until: Option<NaiveDate>,
}

/// The text of one scope's book, searchable in memory. Built by [`SearchIndex::build`] (or
/// [`SearchIndex::open_and_build`] on a thread); immutable afterwards, so it is shared by `Arc`.
pub struct SearchIndex {
    scope: Scope,
    /// Lowercased search texts, each followed by a 0 byte.
    text: Vec<u8>,
    /// `starts[i] .. starts[i + 1] - 1` is row `i`'s text; `len = rows + 1`.
    starts: Vec<u32>,
    /// 资金账号 of each row, concatenated; `id_starts` as `starts`.
    ids: Vec<u8>,
    id_starts: Vec<u32>,
    facts: Vec<Facts>,
    /// Per [`SortKey::ALL`] position: the rows in list order.
    orders: Vec<Vec<u32>>,
    /// Per [`SortKey::ALL`] position: each row's place in `orders`.
    ranks: Vec<Vec<u32>>,
}

/// The rows whose text contains one needle (ascending row numbers, unfiltered, unsorted): the
/// input of [`SearchIndex::ordered`], and the start of the next search when the query grows.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    needle: Vec<u8>,
    rows: Vec<u32>,
}

impl Matches {
    /// How many rows contain the needle (before the other filters).
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    /// Whether no row contains the needle.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Why a build stopped early.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Value(#[from] rusqlite::types::FromSqlError),
    #[error("cancelled")]
    Cancelled,
    #[error("the book is too large for the in-memory search index")]
    TooLarge,
}

/// The needle of a query as the `LIKE` filter reads it: trimmed, ASCII-lowercased.
fn needle_of(text: &str) -> Vec<u8> {
    text.trim().as_bytes().to_ascii_lowercase()
}

fn pos(sort: SortKey) -> usize {
    SortKey::ALL.iter().position(|k| *k == sort).unwrap_or(0)
}

impl SearchIndex {
    /// An index of `scope` holding nothing yet (rows are appended by the builder).
    fn empty(scope: Scope) -> SearchIndex {
        SearchIndex {
            scope,
            text: Vec::new(),
            starts: vec![0],
            ids: Vec::new(),
            id_starts: vec![0],
            facts: Vec::new(),
            orders: Vec::new(),
            ranks: Vec::new(),
        }
    }

    /// Opens `path` read-only (its own connection: a background thread) and builds the index of
    /// `scope`. `cancel` set → stops early with [`BuildError::Cancelled`].
    pub fn open_and_build(path: &Path, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        SearchIndex::build(&conn, scope, cancel)
    }

    /// Reads the book of `scope` (one pass over `customer_book`, in one read transaction so the
    /// snapshot is consistent) and computes the five list orders.
    pub fn build(conn: &Connection, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        conn.execute_batch("BEGIN")?;
        let built = Self::read(conn, scope, cancel);
        conn.execute_batch("COMMIT")?;
        built
    }

    fn read(conn: &Connection, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        let (filter, manager) = match scope {
            Scope::Branch => ("", None),
            Scope::Manager(m) => ("WHERE manager_id = ?1", Some(m.as_str())),
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT customer_id, search_text, total_assets, contribution, name_key, tier, professional, risk_level,
                    lowest, valid_until
             FROM customer_book {filter}"
        ))?;
        let mut rows = match manager {
            Some(m) => stmt.query([m])?,
            None => stmt.query([])?,
        };
        let mut ix = SearchIndex::empty(scope.clone());
        let mut assets: Vec<i64> = Vec::new();
        let mut contribution: Vec<i64> = Vec::new();
        let mut names: Vec<Option<String>> = Vec::new();
        while let Some(r) = rows.next()? {
            if ix.facts.len() % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                return Err(BuildError::Cancelled);
            }
            let id = r.get_ref(0)?.as_str()?;
            ix.ids.extend_from_slice(id.as_bytes());
            let text = r.get_ref(1)?.as_str()?;
            ix.text.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
            ix.text.push(0);
            let (Ok(end), Ok(id_end)) = (u32::try_from(ix.text.len()), u32::try_from(ix.ids.len())) else {
                return Err(BuildError::TooLarge);
            };
            ix.starts.push(end);
            ix.id_starts.push(id_end);
            assets.push(r.get(2)?);
            contribution.push(r.get(3)?);
            names.push(r.get(4)?);
            let tier: String = r.get(5)?;
            let level: Option<String> = r.get(7)?;
            ix.facts.push(Facts {
                tier: Tier::parse(&tier).unwrap_or(Tier::T4) as u8,
                professional: r.get(6)?,
                level: level
                    .as_deref()
                    .and_then(RiskLevel::parse)
                    .and_then(|l| RiskLevel::ALL.iter().position(|x| *x == l))
                    .map_or(u8::MAX, |i| i as u8),
                lowest: r.get(8)?,
                valid_until: r.get(9)?,
            });
        }
        drop(rows);
        let n = ix.facts.len();
        let mut orders: Vec<Vec<u32>> = vec![Vec::new(); SortKey::ALL.len()];
        let mut ranks: Vec<Vec<u32>> = vec![Vec::new(); SortKey::ALL.len()];
        // the name order first, so its keys (a string per row) are freed before the other orders
        // are held: a lower peak while the index is built
        let mut sorts = vec![SortKey::Name];
        sorts.extend(SortKey::ALL.into_iter().filter(|k| *k != SortKey::Name));
        for sort in sorts {
            if cancel.load(Ordering::Relaxed) {
                return Err(BuildError::Cancelled);
            }
            let mut order: Vec<u32> = (0..n as u32).collect();
            let id = |i: u32| ix.id(i);
            // the keys and collation of `book::ids` (ORDER BY text, number DESC, customer_id)
            match sort {
                SortKey::AssetsDesc => order.sort_unstable_by(|&a, &b| {
                    assets[b as usize].cmp(&assets[a as usize]).then_with(|| id(a).cmp(id(b)))
                }),
                SortKey::ContributionDesc => order.sort_unstable_by(|&a, &b| {
                    contribution[b as usize].cmp(&contribution[a as usize]).then_with(|| id(a).cmp(id(b)))
                }),
                SortKey::Name => order.sort_unstable_by(|&a, &b| {
                    names[a as usize].cmp(&names[b as usize]).then_with(|| id(a).cmp(id(b)))
                }),
                SortKey::CustomerId => order.sort_unstable_by(|&a, &b| id(a).cmp(id(b))),
                SortKey::Tier => order.sort_unstable_by(|&a, &b| {
                    let (ta, tb) =
                        (Tier::ALL[ix.facts[a as usize].tier as usize], Tier::ALL[ix.facts[b as usize].tier as usize]);
                    ta.code()
                        .cmp(tb.code())
                        .then(assets[b as usize].cmp(&assets[a as usize]))
                        .then_with(|| id(a).cmp(id(b)))
                }),
            }
            let mut rank = vec![0u32; n];
            for (place, &row) in order.iter().enumerate() {
                rank[row as usize] = place as u32;
            }
            orders[pos(sort)] = order;
            ranks[pos(sort)] = rank;
            if sort == SortKey::Name {
                names = Vec::new();
            }
        }
        ix.orders = orders;
        ix.ranks = ranks;
        Ok(ix)
    }

    /// The scope the index was built for.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// Number of customers indexed.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether the scope has no customer.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Bytes held (text, ids, facts, orders), for the benchmarks' memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ids.capacity()
            + 4 * (self.starts.capacity() + self.id_starts.capacity())
            + self.facts.capacity() * std::mem::size_of::<Facts>()
            + self.orders.iter().chain(&self.ranks).map(|v| 4 * v.capacity()).sum::<usize>()
    }

    /// 资金账号 of row `row`.
    pub fn id(&self, row: u32) -> &str {
        let (a, b) = (self.id_starts[row as usize] as usize, self.id_starts[row as usize + 1] as usize);
        // the ids were copied from `&str`s at row boundaries
        std::str::from_utf8(&self.ids[a..b]).unwrap_or_default()
    }

    /// 资金账号 of `rows` (a visible window of an [`ordered`](Self::ordered) list).
    pub fn ids_of(&self, rows: &[u32]) -> Vec<String> {
        rows.iter().map(|&r| self.id(r).to_string()).collect()
    }

    /// Whether the index answers `filter` (its scope, and no filter that needs other tables).
    pub fn covers(&self, filter: &BookFilter) -> bool {
        filter.scope == self.scope && !filter.with_alerts && filter.axis_cell.is_none()
    }

    /// The rows whose search text contains `text` (trimmed, ASCII case folded, as `LIKE`).
    /// `narrow_from`: the matches of an earlier query; when `text` contains that query, only
    /// those rows are searched.
    pub fn find(&self, text: &str, narrow_from: Option<&Matches>) -> Matches {
        let needle = needle_of(text);
        let n = self.len();
        if needle.is_empty() {
            return Matches { needle, rows: (0..n as u32).collect() };
        }
        if needle.contains(&0) {
            return Matches { needle, rows: Vec::new() };
        }
        let finder = memchr::memmem::Finder::new(&needle);
        let rows = match narrow_from {
            Some(prev) if needle.windows(prev.needle.len().max(1)).any(|w| w == prev.needle.as_slice()) => prev
                .rows
                .iter()
                .copied()
                .filter(|&r| {
                    finder
                        .find(&self.text[self.starts[r as usize] as usize..self.starts[r as usize + 1] as usize])
                        .is_some()
                })
                .collect(),
            _ => {
                let mut rows = Vec::new();
                let mut at = 0usize;
                let mut row = 0usize;
                while let Some(hit) = finder.find(&self.text[at..]) {
                    let p = (at + hit) as u32;
                    row = self.row_at(p, row);
                    rows.push(row as u32);
                    at = self.starts[row + 1] as usize;
                    row += 1;
                    if row >= n {
                        break;
                    }
                }
                rows
            }
        };
        Matches { needle, rows }
    }

    /// The row whose text holds byte `p`, searching forward from row `from` (galloping: the
    /// hits of a scan come in ascending order, often in the next row).
    fn row_at(&self, p: u32, from: usize) -> usize {
        // the row is the last i with starts[i] <= p
        let mut step = 1;
        let mut lo = from;
        while lo + step < self.starts.len() && self.starts[lo + step] <= p {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(self.starts.len());
        lo + self.starts[lo..hi].partition_point(|&s| s <= p) - 1
    }

    /// The matches that also pass `filter`'s other conditions (tier, column, level, validity;
    /// the text is `m`'s), in `sort` order: the list [`super::book::ids`] returns, as rows.
    pub fn ordered(&self, m: &Matches, filter: &BookFilter, sort: SortKey, today: NaiveDate) -> Vec<u32> {
        let keep = |r: u32| self.passes(r as usize, filter, today);
        let p = pos(sort);
        if m.rows.len() * 8 < self.len() {
            let mut out: Vec<u32> = m.rows.iter().copied().filter(|&r| keep(r)).collect();
            let rank = &self.ranks[p];
            out.sort_unstable_by_key(|&r| rank[r as usize]);
            out
        } else {
            let mut set = vec![0u64; self.len().div_ceil(64)];
            for &r in &m.rows {
                set[r as usize / 64] |= 1 << (r % 64);
            }
            self.orders[p].iter().copied().filter(|&r| set[r as usize / 64] >> (r % 64) & 1 == 1 && keep(r)).collect()
        }
    }

    /// Whether row `r` passes the non-text conditions of `filter` (the same rules as
    /// `book::where_clause`: the segment column from the domain rule, validity for ordinary investors).
    fn passes(&self, r: usize, f: &BookFilter, today: NaiveDate) -> bool {
        let x = self.facts[r];
        let level = RiskLevel::ALL.get(x.level as usize).copied();
        if f.tier.is_some_and(|t| t as u8 != x.tier) {
            return false;
        }
        if f.level.is_some_and(|l| Some(l) != level) {
            return false;
        }
        if let Some(c) = f.column
            && profile_of(x.professional, level, x.lowest, x.valid_until, today).segment_column() != c
        {
            return false;
        }
        match f.validity {
            None => true,
            Some(Validity::Expiring(days)) => {
                let soon = today.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(today);
                !x.professional && x.valid_until.is_some_and(|u| u >= today && u <= soon)
            }
            Some(Validity::Expired) => !x.professional && x.valid_until.is_some_and(|u| u < today),
            Some(Validity::Never) => !x.professional && level.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        let mut ix = SearchIndex::empty(Scope::Branch);
        for (i, t) in texts.iter().enumerate() {
            ix.text.extend(t.bytes().map(|b| b.to_ascii_lowercase()));
            ix.text.push(0);
            ix.starts.push(ix.text.len() as u32);
            ix.ids.extend(format!("{i:03}").bytes());
            ix.id_starts.push(ix.ids.len() as u32);
            ix.facts.push(Facts { tier: 0, professional: false, level: u8::MAX, lowest: false, valid_until: None });
        }
        ix
    }

    #[test]
    fn finds_each_row_once_and_never_across_rows() {
        let ix = index(&["张伟 310001 1234", "王芳 310002 5678", "张伟伟 310003 1111", "Zhang 310004 "]);
        assert_eq!(ix.find("张伟", None).rows, vec![0, 2]);
        assert_eq!(ix.find("1", None).rows, vec![0, 1, 2, 3]);
        assert_eq!(ix.find("ZHANG", None).rows, vec![3], "ASCII case folded as LIKE");
        assert_eq!(ix.find("1234王", None).rows, Vec::<u32>::new(), "no match across two rows");
        assert_eq!(ix.find("伟 3100", None).rows, vec![0, 2], "the spaces inside one row count");
        assert_eq!(ix.find("  ", None).len(), 4, "blank = everything, as no text filter");
    }

    #[test]
    fn narrowing_gives_the_full_search_result() {
        let ix = index(&["张伟 310001 1234", "王芳 310002 5678", "张伟伟 310003 1111", "伟 310004 1234"]);
        let first = ix.find("伟", None);
        assert_eq!(first.rows, vec![0, 2, 3]);
        let narrowed = ix.find("伟 3100", Some(&first));
        assert_eq!(narrowed.rows, ix.find("伟 3100", None).rows);
        // a query that does not extend the last one searches everything
        let other = ix.find("王", Some(&first));
        assert_eq!(other.rows, vec![1]);
    }
}
