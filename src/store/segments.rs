//! The facts the segment axes (SPEC §4.4, `domain::segment_axes`) classify on, read for the whole
//! branch in three streaming queries, and the per-axis matrix and cell lists built from them.
//!
//! Which snapshots are used (table `account_snapshots`, one row per customer per `as_of`), with
//! L = the customer's latest snapshot (the one `customer_book` is built from):
//! - **contribution, turnover**: `net_commission_12m + other_income_12m` and `turnover_12m` of L;
//! - **12 months back**: the snapshot whose `as_of` is closest to L − 12 months, among those within
//!   31 days of it (the earlier on a tie). None → the customer goes to 新开户/无历史 on the growth
//!   axis (opened later or no history imported; nothing is guessed);
//! - **growth** = total assets of L ÷ total assets of that snapshot − 1;
//! - **average assets** = the mean total assets of the snapshots from that snapshot (or, without
//!   one, from L − 12 months exclusive) up to L inclusive; asset turnover = turnover ÷ that mean.
//!
//! Holdings: the customer's latest holdings date, each position at the latest close on or before
//! it (at cost without a price), like `store::holdings::latest_valued`.

use crate::store::db::{Db, Row};
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, Months, NaiveDate};

use super::book::Scope;
use crate::domain::model::market_value;
use crate::domain::money::Fen;
use crate::domain::rules::Rules;
use crate::domain::segment_axes::{Axis, AxisMatrix, BandEdges, CustomerFacts, Thresholds, classify};
use crate::domain::tier::Tier;

/// One customer's place in the book and the facts the axes need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFacts {
    pub customer_id: String,
    pub manager_id: String,
    pub tier: Tier,
    pub facts: CustomerFacts,
}

/// The whole branch's facts as of the statistics date `on`, with the thresholds in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchFacts {
    /// Statistics date: ages and years since opening are counted to it.
    pub on: NaiveDate,
    /// By `customer_id`.
    pub rows: Vec<BookFacts>,
    /// Branch medians (SPEC §4.4 default), or the rules file's fixed figures.
    pub thresholds: Thresholds,
    /// Which thresholds are the rules file's fixed figures (not medians).
    pub fixed: Fixed,
    pub edges: BandEdges,
}

/// Which of the thresholds are fixed by the rules file's `[segments]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fixed {
    pub contribution: bool,
    pub turnover: bool,
    pub growth: bool,
}

/// A customer list restricted to one cell of an axis (Enter on the cell): the ids are the cell's
/// customers exactly, so the list counts what the cell counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisCell {
    pub axis: Axis,
    /// Segment index (`None`: every segment, the tier's total).
    pub segment: Option<usize>,
    /// `None`: every tier.
    pub tier: Option<Tier>,
    /// The customers of the cell, by `customer_id`.
    pub ids: Arc<Vec<String>>,
}

/// The snapshot 12 months before `latest` (see the module doc) among `(as_of, total_assets)` in
/// date order, and the mean total assets from it (or from `latest` − 12 months, exclusive) to
/// `latest`.
pub fn history(snapshots: &[(NaiveDate, Fen)], latest: NaiveDate) -> (Option<Fen>, Option<Fen>) {
    let Some(target) = latest.checked_sub_months(Months::new(12)) else { return (None, None) };
    let window = Days::new(31);
    let base = snapshots
        .iter()
        .filter(|(d, _)| {
            *d < latest && target.checked_sub_days(window).is_none_or(|lo| *d >= lo) && *d <= target + window
        })
        .min_by_key(|(d, _)| ((*d - target).num_days().abs(), *d));
    let from_ok = |d: NaiveDate| match base {
        Some((b, _)) => d >= *b,
        None => d > target,
    };
    let used: Vec<Fen> = snapshots.iter().filter(|(d, _)| from_ok(*d) && *d <= latest).map(|(_, a)| *a).collect();
    let average = if used.is_empty() {
        None
    } else {
        let sum: i128 = used.iter().map(|a| i128::from(*a)).sum();
        Some((sum / used.len() as i128) as Fen)
    };
    (base.map(|(_, a)| *a), average)
}

/// Reads every customer's facts (three streaming queries: the book, the snapshots in key order,
/// the valued latest holdings). The thresholds are the branch medians, each replaced by the rules
/// file's fixed figure where `[segments]` sets one; the bands are `[segments]`' with the alert
/// rule's concentration shares.
pub fn branch_facts(conn: &Db, on: NaiveDate, rules: &Rules) -> rusqlite::Result<BranchFacts> {
    let seg = &rules.segments;
    let conc = &rules.alerts.concentration;
    let edges = seg.edges(conc.largest_warning_bp, conc.largest_critical_bp);
    // snapshots per customer, in date order (the primary key's order: no sort)
    let mut snaps: HashMap<String, Vec<(NaiveDate, Fen, Fen)>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT customer_id, as_of, total_assets, turnover_12m FROM account_snapshots ORDER BY customer_id, as_of",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(ref r) = rows.next()? {
            let id: String = r.get(0)?;
            snaps.entry(id).or_default().push((r.get(1)?, r.get(2)?, r.get(3)?));
        }
    }
    // the close of each (holdings date, code) pair: a few thousand lookups, not one per holding
    let mut closes: HashMap<(NaiveDate, String), Option<i64>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT d.as_of, d.code,
                    (SELECT p.close FROM prices p WHERE p.code = d.code AND p.date <= d.as_of
                     ORDER BY p.date DESC LIMIT 1)
             FROM (SELECT DISTINCT as_of, code FROM holdings) d",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(ref r) = rows.next()? {
            closes.insert((r.get(0)?, r.get(1)?), r.get(2)?);
        }
    }
    // holdings at each customer's latest holdings date: (largest, Σ market value, Σ cost). In key
    // order a customer's later date comes after the earlier one and replaces it.
    let mut held: HashMap<String, (NaiveDate, Fen, Fen, Fen)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT customer_id, as_of, code, quantity, cost_price FROM holdings WHERE quantity > 0
             ORDER BY customer_id, as_of",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(ref r) = rows.next()? {
            let id: String = r.get(0)?;
            let as_of: NaiveDate = r.get(1)?;
            let code: String = r.get(2)?;
            let quantity: i64 = r.get(3)?;
            let cost: i64 = r.get(4)?;
            let close = closes.get(&(as_of, code)).copied().flatten();
            let mv = market_value(quantity, close.unwrap_or(cost));
            let cv = market_value(quantity, cost);
            let e = held.entry(id).or_insert((as_of, 0, 0, 0));
            if e.0 != as_of {
                *e = (as_of, 0, 0, 0);
            }
            e.1 = e.1.max(mv);
            e.2 = e.2.saturating_add(mv);
            e.3 = e.3.saturating_add(cv);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.customer_id, c.manager_id, b.tier, c.kind, c.birth_date, c.opened_on,
                b.total_assets, b.contribution, b.as_of
         FROM customers c JOIN customer_book b ON b.customer_id = c.customer_id
         ORDER BY c.customer_id",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        let customer_id: String = r.get(0)?;
        let tier: String = r.get(2)?;
        let kind: String = r.get(3)?;
        let latest: Option<NaiveDate> = r.get(8)?;
        let mine = snaps.get(&customer_id);
        let (ago, average) = match (latest, mine) {
            (Some(l), Some(s)) => {
                let dated: Vec<(NaiveDate, Fen)> = s.iter().map(|(d, a, _)| (*d, *a)).collect();
                history(&dated, l)
            }
            _ => (None, None),
        };
        // the turnover of the snapshot the book was built from
        let turnover = mine.and_then(|s| s.iter().find(|(d, _, _)| Some(*d) == latest)).map(|(_, _, t)| *t);
        let holding = held.get(&customer_id);
        let facts = CustomerFacts {
            institution: kind == "institution",
            birth_date: r.get(4)?,
            opened_on: r.get(5)?,
            total_assets: r.get(6)?,
            contribution: r.get(7)?,
            turnover_12m: turnover.unwrap_or(0),
            average_assets: average,
            assets_12m_ago: ago,
            largest_position: holding.map(|h| h.1),
            market_value: holding.map(|h| h.2).unwrap_or(0),
            cost_value: holding.map(|h| h.3).unwrap_or(0),
        };
        out.push(BookFacts { customer_id, manager_id: r.get(1)?, tier: Tier::parse(&tier).unwrap_or(Tier::T4), facts });
    }
    let thresholds = seg.apply(Thresholds::medians(out.iter().map(|b| &b.facts)));
    let fixed = Fixed {
        contribution: seg.contribution_yuan.is_some(),
        turnover: seg.turnover_bp.is_some(),
        growth: seg.growth_bp.is_some(),
    };
    Ok(BranchFacts { on, rows: out, thresholds, fixed, edges })
}

/// Σ total assets and customers per snapshot date (`as_of`) of the customers of `scope`, oldest
/// first: the branch's (or a manager's book's) assets over the snapshot history. A date with
/// snapshots of only some customers (a partial import) counts only those.
pub fn aum_history(conn: &Db, scope: &Scope) -> rusqlite::Result<Vec<(NaiveDate, Fen, u64)>> {
    let row =
        |r: &Row<'_>| Ok((r.get(0)?, r.get::<_, Option<Fen>>(1)?.unwrap_or(0), r.get::<_, i64>(2)? as u64));
    match scope {
        Scope::Branch => conn
            .prepare_cached(
                "SELECT as_of, SUM(total_assets), COUNT(*) FROM account_snapshots GROUP BY as_of ORDER BY as_of",
            )?
            .query_map([], row)?
            .collect(),
        Scope::Manager(m) => conn
            .prepare_cached(
                "SELECT s.as_of, SUM(s.total_assets), COUNT(*) FROM customers c
                 JOIN account_snapshots s ON s.customer_id = c.customer_id
                 WHERE c.manager_id = ?1 GROUP BY s.as_of ORDER BY s.as_of",
            )?
            .query_map([m], row)?
            .collect(),
    }
}

impl BranchFacts {
    fn in_scope<'a>(&'a self, scope: &'a Scope) -> impl Iterator<Item = &'a BookFacts> + 'a {
        self.rows.iter().filter(move |b| match scope {
            Scope::Branch => true,
            Scope::Manager(m) => &b.manager_id == m,
        })
    }
    /// The segment of one customer on `axis`.
    pub fn segment_of(&self, axis: Axis, b: &BookFacts) -> usize {
        classify(axis, &b.facts, &self.thresholds, &self.edges, self.on)
    }
    /// The matrix of `axis` over the customers of `scope` (thresholds stay the branch's).
    pub fn matrix(&self, axis: Axis, scope: &Scope) -> AxisMatrix {
        let mut m = AxisMatrix::new(axis);
        for b in self.in_scope(scope) {
            m.add(b.tier, self.segment_of(axis, b), b.facts.total_assets);
        }
        m
    }
    /// The customers of one cell (`None` = every segment / every tier), by `customer_id`.
    pub fn cell(&self, axis: Axis, scope: &Scope, tier: Option<Tier>, segment: Option<usize>) -> AxisCell {
        let ids: Vec<String> = self
            .in_scope(scope)
            .filter(|b| tier.is_none_or(|t| b.tier == t))
            .filter(|b| segment.is_none_or(|s| self.segment_of(axis, b) == s))
            .map(|b| b.customer_id.clone())
            .collect();
        AxisCell { axis, segment, tier, ids: Arc::new(ids) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn history_picks_the_snapshot_closest_to_a_year_back() {
        let latest = d("2025-08-26");
        // the demo's shape: one snapshot on the trading day before a year back, and the latest
        let two = [(d("2024-08-23"), 400), (latest, 600)];
        assert_eq!(history(&two, latest), (Some(400), Some(500)));
        // monthly: the one on 2024-08-26 is the base; the mean runs from it to the latest
        let monthly = [(d("2024-07-26"), 1), (d("2024-08-26"), 100), (d("2025-02-26"), 200), (latest, 300)];
        assert_eq!(history(&monthly, latest), (Some(100), Some(200)));
        // nothing within 31 days of a year back: no base; the mean of the last 12 months
        let young = [(d("2025-03-01"), 100), (latest, 301)];
        assert_eq!(history(&young, latest), (None, Some(200)));
        let old = [(d("2024-07-25"), 100), (latest, 300)];
        assert_eq!(history(&old, latest), (None, Some(300)), "32 days off: not a year back");
        // tie: the earlier
        let tie = [(d("2024-08-25"), 1), (d("2024-08-27"), 2), (latest, 3)];
        assert_eq!(history(&tie, latest).0, Some(1));
    }
}
