//! An in-memory index of one scope's search text (`customer_book.search_text`: name, 资金账号,
//! last 4 digits of the mobile), so a text search of the customer list answers in one frame at a
//! million customers instead of a `LIKE '%…%'` scan of the table per keystroke.
//!
//! Shape: each row's search text, ASCII-lowercased (SQLite's `LIKE` folds ASCII case only), in a
//! fixed 32-byte slot ([`scan`]: compared 16 bytes at a time, so a query matching every row is as
//! cheap per row as one matching none); the ~1 % longer texts are searched one by one. A search
//! gives a bitset of the matching rows ([`Matches`]). The five sort orders of [`SortKey`] are
//! computed once at build (rows in list order, and each row's rank). A list ([`List`]) is the
//! matches ∧ the other filters (a cached bitset per filter): its count is a popcount, and its
//! first window a walk of the precomputed order that stops when the window is full (few matches:
//! a sort by rank). A query that extends the previous one is searched only within its matches
//! ([`SearchIndex::find`] with `narrow_from`; extended at the end: one compare per row); `s`
//! re-sorts the same matches without searching.
//!
//! The result is exactly that of [`super::book::ids`] (the `LIKE` scan) for the filters the index
//! [`covers`](SearchIndex::covers): the scope, the text, tier, segment column, level and
//! assessment validity. `with_alerts` and segment-axis cells stay on the SQL path.
//!
//! Memory per customer: 32 bytes of slot + 8 of facts + 40 of orders and ranks + the 资金账号 and
//! its offset (~100 MB at 1M customers), plus ~125 KB per bitset (a search, a filter).

mod build;
mod list;
mod scan;

pub use list::List;

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::book::{BookFilter, Scope, SortKey, Validity, profile_of};
use crate::domain::risk::RiskLevel;
use crate::domain::tier::Tier;
use scan::{Pattern, Slot, W, ones};

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

/// The non-text conditions of a filter and the day they are judged on: the key of a cached
/// filter bitset.
type FilterKey =
    (Option<Tier>, Option<crate::domain::risk::SegmentColumn>, Option<RiskLevel>, Option<Validity>, NaiveDate);

/// The text of one scope's book, searchable in memory. Built by [`SearchIndex::build`] (or
/// [`SearchIndex::open_and_build`] on a thread); immutable afterwards (but for a small cache of
/// filter bitsets), so it is shared by `Arc`.
pub struct SearchIndex {
    scope: Scope,
    /// Lowercased search text of each row shorter than [`W`] bytes, zero-padded; all zeros for
    /// a long row.
    slots: Vec<Slot>,
    /// Bitset: the rows whose text is too long for a slot.
    is_long: Vec<u64>,
    /// Lowercased texts of the long rows, one after another; `long_starts` indexed by row order
    /// among the long rows (`long_rows`), `len = long rows + 1`.
    long_rows: Vec<u32>,
    long_text: Vec<u8>,
    long_starts: Vec<u32>,
    /// 资金账号 of each row, concatenated; `id_starts[i] .. id_starts[i + 1]` is row `i`'s.
    ids: Vec<u8>,
    id_starts: Vec<u32>,
    facts: Vec<Facts>,
    /// Per [`SortKey::ALL`] position: the rows in list order.
    orders: Vec<Vec<u32>>,
    /// Per [`SortKey::ALL`] position: each row's place in `orders`.
    ranks: Vec<Vec<u32>>,
    /// The last filter's bitset (the rows passing its non-text conditions).
    filter_cache: Mutex<Option<(FilterKey, Arc<Vec<u64>>)>>,
}

/// The rows whose text contains one needle (a bitset over the rows, unfiltered, unsorted): the
/// input of [`SearchIndex::list`], and the start of the next search when the query grows.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    needle: Vec<u8>,
    /// Bit `r` set ⇔ row `r` matches.
    bits: Vec<u64>,
    count: usize,
    /// Per matching row held in a slot (not the long rows), ascending: where the needle starts
    /// in the slot (bit mask). `None`: not kept (the empty query).
    occ: Option<Vec<u32>>,
}

impl Matches {
    /// How many rows contain the needle (before the other filters).
    pub fn len(&self) -> usize {
        self.count
    }
    /// Whether no row contains the needle.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    /// The matching rows, ascending.
    pub fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        ones(&self.bits)
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
    /// The second connection to the book could not be opened (the server's words).
    #[error("{0}")]
    Open(String),
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

/// Rows per chunk of a full scan: each chunk is searched by `memmem` (sparse hits) or slot by
/// slot (dense), as the chunk before it turned out.
const CHUNK: usize = 4096;

impl SearchIndex {
    /// An index of `scope` holding nothing yet (rows are appended by the builder).
    fn empty(scope: Scope) -> SearchIndex {
        SearchIndex {
            scope,
            slots: Vec::new(),
            is_long: Vec::new(),
            long_rows: Vec::new(),
            long_text: Vec::new(),
            long_starts: vec![0],
            ids: Vec::new(),
            id_starts: vec![0],
            facts: Vec::new(),
            orders: Vec::new(),
            ranks: Vec::new(),
            filter_cache: Mutex::new(None),
        }
    }

    /// Appends one row (its 资金账号, search text and facts).
    fn push(&mut self, id: &[u8], text: &[u8], facts: Facts) -> Result<(), BuildError> {
        let row = self.facts.len();
        if row.is_multiple_of(64) {
            self.is_long.push(0);
        }
        let mut slot = [0u8; W];
        if text.len() < W {
            for (s, b) in slot.iter_mut().zip(text) {
                *s = b.to_ascii_lowercase();
            }
        } else {
            self.is_long[row / 64] |= 1 << (row % 64);
            self.long_rows.push(row as u32);
            self.long_text.extend(text.iter().map(|b| b.to_ascii_lowercase()));
            self.long_starts.push(u32::try_from(self.long_text.len()).map_err(|_| BuildError::TooLarge)?);
        }
        self.slots.push(slot);
        self.ids.extend_from_slice(id);
        self.id_starts.push(u32::try_from(self.ids.len()).map_err(|_| BuildError::TooLarge)?);
        self.facts.push(facts);
        if self.facts.len() >= u32::MAX as usize {
            return Err(BuildError::TooLarge);
        }
        Ok(())
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

    /// Bytes held (slots, texts, ids, facts, orders), for the benchmarks' memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * W
            + 8 * self.is_long.capacity()
            + self.long_text.capacity()
            + 4 * (self.long_rows.capacity() + self.long_starts.capacity())
            + self.ids.capacity()
            + 4 * self.id_starts.capacity()
            + self.facts.capacity() * std::mem::size_of::<Facts>()
            + self.orders.iter().chain(&self.ranks).map(|v| 4 * v.capacity()).sum::<usize>()
    }

    fn id_bytes(&self, row: u32) -> &[u8] {
        &self.ids[self.id_starts[row as usize] as usize..self.id_starts[row as usize + 1] as usize]
    }

    /// 资金账号 of row `row`.
    pub fn id(&self, row: u32) -> &str {
        // the ids were copied from `&str`s at row boundaries
        std::str::from_utf8(self.id_bytes(row)).unwrap_or_default()
    }

    /// 资金账号 of `rows` (a visible window of a [`List`]).
    pub fn ids_of(&self, rows: &[u32]) -> Vec<String> {
        rows.iter().map(|&r| self.id(r).to_string()).collect()
    }

    /// Whether the index answers `filter` (its scope, and no filter that needs other tables).
    pub fn covers(&self, filter: &BookFilter) -> bool {
        filter.scope == self.scope && !filter.with_alerts && filter.axis_cell.is_none()
    }

    /// The lowercased text of long row number `i` (in `long_rows` order).
    fn long_text_of(&self, i: usize) -> &[u8] {
        &self.long_text[self.long_starts[i] as usize..self.long_starts[i + 1] as usize]
    }

    /// The rows whose search text contains `text` (trimmed, ASCII case folded, as `LIKE`).
    /// `narrow_from`: the matches of an earlier query; when `text` contains that query, only
    /// those rows are searched (when it extends it at the end, only the added bytes compared).
    pub fn find(&self, text: &str, narrow_from: Option<&Matches>) -> Matches {
        let needle = needle_of(text);
        let n = self.len();
        let mut bits = vec![0u64; n.div_ceil(64)];
        if needle.is_empty() {
            for r in 0..n {
                bits[r / 64] |= 1 << (r % 64);
            }
            return Matches { needle, bits, count: n, occ: None };
        }
        if needle.contains(&0) {
            return Matches { needle, bits, count: 0, occ: Some(Vec::new()) };
        }
        let pattern = Pattern::new(&needle);
        let finder = memchr::memmem::Finder::new(&needle);
        let mut occ: Vec<u32> = Vec::new();
        let mut count = 0;
        let set = |bits: &mut Vec<u64>, r: u32| bits[r as usize / 64] |= 1 << (r % 64);
        // (matches of this index only: a rebuilt index may hold other rows)
        let narrow_from = narrow_from.filter(|p| p.bits.len() == bits.len());
        match narrow_from.filter(|p| !p.needle.is_empty() && memchr::memmem::find(&needle, &p.needle).is_some()) {
            Some(prev) => {
                // the earlier matches, ascending, with their occurrence masks when the query
                // extends the earlier one at its end
                let from = prev.needle.len();
                let prev_occ = prev.occ.as_deref().filter(|_| needle.starts_with(&prev.needle));
                let (mut short_i, mut long_i) = (0, 0);
                for (w, &word) in prev.bits.iter().enumerate() {
                    let (mut x, long_w) = (word, self.is_long[w]);
                    while x != 0 {
                        let b = x.trailing_zeros();
                        x &= x - 1;
                        let r = w as u32 * 64 + b;
                        if long_w >> b & 1 == 1 {
                            long_i += self.long_rows[long_i..].partition_point(|&l| l < r);
                            if finder.find(self.long_text_of(long_i)).is_some() {
                                bits[w] |= 1 << b;
                                count += 1;
                            }
                            continue;
                        }
                        let Some(slot) = self.slots.get(r as usize) else { break };
                        let o = match prev_occ {
                            Some(po) => pattern.extend(slot, po.get(short_i).copied().unwrap_or(0), from),
                            None => pattern.occ(slot),
                        };
                        short_i += 1;
                        if o != 0 {
                            bits[w] |= 1 << b;
                            occ.push(o);
                            count += 1;
                        }
                    }
                }
            }
            None => {
                // chunk by chunk: memmem where hits were sparse, slot by slot where dense
                let hay = self.slots.as_flattened();
                let mut dense = false;
                for c0 in (0..n).step_by(CHUNK) {
                    let c1 = (c0 + CHUNK).min(n);
                    let before = occ.len();
                    if dense {
                        for r in c0..c1 {
                            let o = pattern.occ(&self.slots[r]);
                            if o != 0 {
                                set(&mut bits, r as u32);
                                occ.push(o);
                            }
                        }
                    } else {
                        let (mut at, end) = (c0 * W, c1 * W);
                        while let Some(hit) = finder.find(&hay[at..end]) {
                            let r = (at + hit) / W;
                            set(&mut bits, r as u32);
                            occ.push(pattern.occ(&self.slots[r]));
                            at = (r + 1) * W;
                        }
                    }
                    dense = (occ.len() - before) * 8 > c1 - c0;
                }
                count = occ.len();
                // the long rows (their slots are empty)
                for (i, &r) in self.long_rows.iter().enumerate() {
                    if finder.find(self.long_text_of(i)).is_some() {
                        set(&mut bits, r);
                        count += 1;
                    }
                }
            }
        }
        Matches { needle, bits, count, occ: Some(occ) }
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

    /// The rows passing `filter`'s non-text conditions as a bitset (`None`: it has none), cached
    /// for the last filter (typing and re-sorting keep the filter).
    fn filter_bits(&self, filter: &BookFilter, today: NaiveDate) -> Option<Arc<Vec<u64>>> {
        let key: FilterKey = (filter.tier, filter.column, filter.level, filter.validity, today);
        if key.0.is_none() && key.1.is_none() && key.2.is_none() && key.3.is_none() {
            return None;
        }
        let mut cache = self.filter_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, bits)) = cache.as_ref()
            && *k == key
        {
            return Some(bits.clone());
        }
        let n = self.len();
        let mut bits = vec![0u64; n.div_ceil(64)];
        for r in 0..n {
            if self.passes(r, filter, today) {
                bits[r / 64] |= 1 << (r % 64);
            }
        }
        let bits = Arc::new(bits);
        *cache = Some((key, bits.clone()));
        Some(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        let mut ix = SearchIndex::empty(Scope::Branch);
        for (i, t) in texts.iter().enumerate() {
            let facts = Facts { tier: 0, professional: false, level: u8::MAX, lowest: false, valid_until: None };
            ix.push(format!("{i:06}").as_bytes(), t.as_bytes(), facts).unwrap();
        }
        let identity: Vec<u32> = (0..texts.len() as u32).collect();
        ix.orders = vec![identity.clone(); SortKey::ALL.len()];
        ix.ranks = vec![identity; SortKey::ALL.len()];
        ix
    }

    fn rows(m: &Matches) -> Vec<u32> {
        m.rows().collect()
    }

    #[test]
    fn finds_each_row_once_and_never_across_rows() {
        let ix = index(&["张伟 310001 1234", "王芳 310002 5678", "张伟伟 310003 1111", "Zhang 310004 "]);
        assert_eq!(rows(&ix.find("张伟", None)), vec![0, 2]);
        assert_eq!(rows(&ix.find("1", None)), vec![0, 1, 2, 3]);
        assert_eq!(rows(&ix.find("ZHANG", None)), vec![3], "ASCII case folded as LIKE");
        assert_eq!(rows(&ix.find("1234王", None)), Vec::<u32>::new(), "no match across two rows");
        assert_eq!(rows(&ix.find("伟 3100", None)), vec![0, 2], "the spaces inside one row count");
        assert_eq!(ix.find("  ", None).len(), 4, "blank = everything, as no text filter");
    }

    #[test]
    fn narrowing_gives_the_full_search_result() {
        let ix = index(&["张伟 310001 1234", "王芳 310002 5678", "张伟伟 310003 1111", "伟 310004 1234"]);
        let first = ix.find("伟", None);
        assert_eq!(rows(&first), vec![0, 2, 3]);
        let narrowed = ix.find("伟 3100", Some(&first));
        assert_eq!(rows(&narrowed), rows(&ix.find("伟 3100", None)));
        // a query that does not extend the last one searches everything
        let other = ix.find("王", Some(&first));
        assert_eq!(rows(&other), vec![1]);
    }

    /// Every way of searching (from scratch in sparse and dense chunks, extended at the end,
    /// narrowed by containment) agrees with a plain substring test, slots and long rows alike.
    #[test]
    fn every_search_path_agrees_with_a_substring_test() {
        let names = ["王芳", "张伟", "欧阳娜娜", "苏州睿晟资产管理有限公司", "Li Na", "陈"];
        let mut texts = Vec::new();
        let mut x: u64 = 7;
        for i in 0..3 * CHUNK + 123 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let name = names[(x >> 33) as usize % names.len()];
            // the first chunk has a 7 in few rows (sparse), the rest in every row (dense)
            let id = if i < CHUNK { 310800100000 + i as u64 } else { 710800100000 + i as u64 };
            texts.push(format!("{name} {id} {:04}", (x >> 40) % 10000));
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let ix = index(&refs);
        assert!(!ix.long_rows.is_empty() && ix.long_rows.len() < texts.len() / 2);
        let truth = |q: &str| -> Vec<u32> {
            let q = q.trim().to_ascii_lowercase();
            (0..texts.len() as u32).filter(|&r| texts[r as usize].to_ascii_lowercase().contains(&q)).collect()
        };
        for q in
            ["7108001", "310800100042", "娜", "公司 7", "li na", "1 2", "0", "00", "9999", "zzz", "限公司 71080010"]
        {
            let mut last: Option<Matches> = None;
            for (end, _) in q.char_indices().skip(1).chain([(q.len(), ' ')]) {
                let typed = &q[..end];
                let m = ix.find(typed, last.as_ref());
                assert_eq!(rows(&m), truth(typed), "typed {typed:?}");
                assert_eq!(m.len(), truth(typed).len());
                assert_eq!(rows(&ix.find(typed, None)), truth(typed), "from scratch {typed:?}");
                last = Some(m);
            }
            // narrowed by containment (a byte added in front)
            let wider = format!("1{q}");
            assert_eq!(rows(&ix.find(&wider, last.as_ref())), truth(&wider), "{wider:?}");
        }
        // lists: the count and every window are the head of the whole ordered list
        let m = ix.find("0", None);
        let f = BookFilter::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let all = ix.ordered(&m, &f, SortKey::AssetsDesc, today);
        assert_eq!(all.len(), m.len());
        let mut list = ix.list(&m, &f, SortKey::AssetsDesc, today);
        assert_eq!(list.window(&ix, 0, 36), &all[..36]);
        assert_eq!(list.window(&ix, 100, 136), &all[100..136]);
        assert_eq!(list.window(&ix, all.len() - 5, all.len() + 10), &all[all.len() - 5..]);
    }
}
