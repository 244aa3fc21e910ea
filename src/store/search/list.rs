//! A search's list in one sort order, built only as far as it is shown: the count is a popcount
//! of (matches ∧ filter), and a window walks the precomputed order from where the last one
//! stopped until it is full. With many matches the first window costs a few dozen steps; with
//! few (at most 1 row in 64) they are sorted by rank at once.

use chrono::NaiveDate;

use super::scan::ones;
use super::{Matches, SearchIndex, pos};
use crate::store::book::{BookFilter, SortKey};

/// The rows of a search in list order, produced on demand ([`List::window`]).
#[derive(Debug, Clone)]
pub struct List {
    /// Bit `r` set ⇔ row `r` is in the list.
    keep: Vec<u64>,
    count: usize,
    /// Position of the sort in [`SortKey::ALL`].
    sort: usize,
    /// The head of the list found so far.
    walked: Vec<u32>,
    /// Next place of the precomputed order to look at.
    cursor: usize,
}

impl List {
    /// Number of rows in the list.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Rows `from .. to` of the list (clamped to its length), walking `ix`'s order as far as
    /// needed. `ix` must be the index the list was made by.
    pub fn window(&mut self, ix: &SearchIndex, from: usize, to: usize) -> &[u32] {
        let to = to.min(self.count);
        let order = &ix.orders[self.sort];
        while self.walked.len() < to && self.cursor < order.len() {
            let r = order[self.cursor];
            self.cursor += 1;
            if self.keep[r as usize / 64] >> (r % 64) & 1 == 1 {
                self.walked.push(r);
            }
        }
        let to = to.min(self.walked.len());
        &self.walked[from.min(to)..to]
    }
}

impl SearchIndex {
    /// The matches `m` that also pass `filter`'s other conditions (tier, column, level, validity;
    /// the text is `m`'s), in `sort` order: the list [`crate::store::book::ids`] returns, as rows,
    /// produced as far as it is read.
    pub fn list(&self, m: &Matches, filter: &BookFilter, sort: SortKey, today: NaiveDate) -> List {
        let mut keep = m.bits.clone();
        if let Some(f) = self.filter_bits(filter, today) {
            for (k, f) in keep.iter_mut().zip(f.iter()) {
                *k &= f;
            }
        }
        let count = keep.iter().map(|w| w.count_ones() as usize).sum();
        let p = pos(sort);
        let mut list = List { keep, count, sort: p, walked: Vec::new(), cursor: 0 };
        if count * 64 <= self.len() {
            let rank = &self.ranks[p];
            list.walked = ones(&list.keep).collect();
            list.walked.sort_unstable_by_key(|&r| rank[r as usize]);
            list.cursor = self.len();
        }
        list
    }

    /// The whole list of [`SearchIndex::list`] at once (tests; the screen reads windows).
    pub fn ordered(&self, m: &Matches, filter: &BookFilter, sort: SortKey, today: NaiveDate) -> Vec<u32> {
        let mut list = self.list(m, filter, sort, today);
        let n = list.len();
        list.window(self, 0, n).to_vec()
    }
}
