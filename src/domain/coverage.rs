//! Callback coverage by the book at the start of the year (SPEC §4.6: at least 10 % of the
//! customers active at the start of the year reached during the year). Pure: the store gathers
//! each customer's reassignments and reached calls, this module decides who is credited.
//!
//! The rule:
//! - a manager's base is every customer active on 1 January whom they held at any moment of the
//!   year (the holder on 1 January, and every receiver of a reassignment made during the year);
//! - a reached call is credited to the manager who held the customer at the instant of the call
//!   (so a receiver's share does not include calls made before the move, and a departing manager
//!   keeps the calls made while the customer was theirs);
//! - the branch row counts each customer once: its base is every customer active on 1 January,
//!   reached if any reached call was made that year (whoever held the customer).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::schedule::Coverage;

/// One reassignment of a customer: held by `from` until `at`, by `to` from `at` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from: String,
    pub to: String,
    pub at: DateTime<Utc>,
}

/// One customer active on 1 January of the year, with what the store knows of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerYear {
    /// The manager holding the customer now (after every move).
    pub manager_now: String,
    /// The customer's reassignments, in any order (sorted here by instant).
    pub moves: Vec<Move>,
    /// The instants of the customer's reached calls made during the year (the store filters them
    /// by the call's date; an empty list = not reached this year).
    pub reached_at: Vec<DateTime<Utc>>,
}

/// The coverage of a year: one row per manager who held a customer active on 1 January at any
/// moment of the year (manager id order), and the branch total (each customer once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCoverage {
    pub per_manager: Vec<(String, Coverage)>,
    pub branch: Coverage,
}

/// Who held a customer at instant `t`: the receiver of the last move at or before `t`; before
/// the first move, that move's giver; with no moves, the manager now. `moves` sorted by instant.
fn holder_at<'a>(moves: &'a [Move], manager_now: &'a str, t: DateTime<Utc>) -> &'a str {
    match moves.iter().rposition(|m| m.at <= t) {
        Some(i) => &moves[i].to,
        None => moves.first().map_or(manager_now, |m| m.from.as_str()),
    }
}

/// Coverage of the year that runs from `year_start` (1 January, 00:00 China time) to `year_end`
/// (exclusive: 1 January of the next year) over `customers` (those active on 1 January).
pub fn by_book_at_start(
    customers: &[CustomerYear],
    year_start: DateTime<Utc>,
    year_end: DateTime<Utc>,
) -> YearCoverage {
    let mut per: BTreeMap<String, Coverage> = BTreeMap::new();
    let mut branch = Coverage { active_at_start: 0, reached: 0 };
    for c in customers {
        let mut moves = c.moves.clone();
        moves.sort_by_key(|m| m.at);
        // holders during the year, in order of first holding, each once
        let mut holders: Vec<&str> = vec![holder_at(&moves, &c.manager_now, year_start)];
        for m in moves.iter().filter(|m| m.at > year_start && m.at < year_end) {
            if !holders.contains(&m.to.as_str()) {
                holders.push(&m.to);
            }
        }
        let mut reached_by: Vec<&str> = Vec::new();
        for &t in &c.reached_at {
            let h = holder_at(&moves, &c.manager_now, t);
            if !reached_by.contains(&h) {
                reached_by.push(h);
            }
        }
        for h in holders {
            let row = per.entry(h.to_string()).or_insert(Coverage { active_at_start: 0, reached: 0 });
            row.active_at_start = row.active_at_start.saturating_add(1);
            if reached_by.contains(&h) {
                row.reached = row.reached.saturating_add(1);
            }
        }
        branch.active_at_start = branch.active_at_start.saturating_add(1);
        if !c.reached_at.is_empty() {
            branch.reached = branch.reached.saturating_add(1);
        }
    }
    YearCoverage { per_manager: per.into_iter().collect(), branch }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap()
    }

    fn mv(from: &str, to: &str, t: DateTime<Utc>) -> Move {
        Move { from: from.into(), to: to.into(), at: t }
    }

    fn cov(active: u64, reached: u64) -> Coverage {
        Coverage { active_at_start: active, reached }
    }

    /// Hand-worked book for 2026 (year 2025-12-31T16:00Z … 2026-12-31T16:00Z):
    /// - c1: M01 all year, reached in March → M01 base 1, reached 1.
    /// - c2: M01 → M02 on 1 July; reached by M01 in February and by M02 in September → both
    ///   have c2 in their base and both reached it; the branch counts it once.
    /// - c3: M01 → M02 on 1 July; reached in May only (M01's time) → M01 reached, M02 not.
    /// - c4: M01 → M03 on 10 June, never reached → M01 and M03 base, nobody reached.
    /// - c5: moved M09 → M02 in 2025 (before the year), reached in October → M02 only; M09
    ///   held it before the year and has no row.
    /// - c6: M02 now, moved M01 → M02 in 2027 (after the year; e.g. a back-dated `--year`),
    ///   reached in April → M01 held it all 2026: M01 base and reached, M02 nothing.
    ///
    /// M01: base c1 c2 c3 c4 c6 = 5, reached c1 c2 c3 c6 = 4 → 80.0 %.
    /// M02: base c2 c3 c5 = 3, reached c2 c5 = 2 → 66.7 %.
    /// M03: base c4 = 1, reached 0.
    /// Branch: 6 customers, reached c1 c2 c3 c5 c6 = 5 (c2 once).
    #[test]
    fn a_mid_year_reassignment_splits_base_and_credit() {
        let start = Utc.with_ymd_and_hms(2025, 12, 31, 16, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        let c = |now: &str, moves: Vec<Move>, reached_at: Vec<DateTime<Utc>>| CustomerYear {
            manager_now: now.into(),
            moves,
            reached_at,
        };
        let book = vec![
            c("M01", vec![], vec![at(2026, 3, 5)]),
            c("M02", vec![mv("M01", "M02", at(2026, 7, 1))], vec![at(2026, 9, 1), at(2026, 2, 1)]),
            c("M02", vec![mv("M01", "M02", at(2026, 7, 1))], vec![at(2026, 5, 1)]),
            c("M03", vec![mv("M01", "M03", at(2026, 6, 10))], vec![]),
            c("M02", vec![mv("M09", "M02", at(2025, 4, 1))], vec![at(2026, 10, 1)]),
            c("M02", vec![mv("M01", "M02", at(2027, 2, 1))], vec![at(2026, 4, 1)]),
        ];
        let y = by_book_at_start(&book, start, end);
        assert_eq!(
            y.per_manager,
            vec![("M01".into(), cov(5, 4)), ("M02".into(), cov(3, 2)), ("M03".into(), cov(1, 0))]
        );
        assert_eq!(y.per_manager[1].1.share_pct(), "66.7");
        assert_eq!(y.branch, cov(6, 5));
        // the branch row is not the sum of the managers' rows (9 bases, 6 reached)
        let sum: u64 = y.per_manager.iter().map(|(_, c)| c.active_at_start).sum();
        assert_eq!(sum, 9);
    }

    #[test]
    fn a_move_at_the_instant_of_a_call_credits_the_receiver_and_two_moves_back_count_once() {
        let start = Utc.with_ymd_and_hms(2025, 12, 31, 16, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        let book = vec![CustomerYear {
            manager_now: "M01".into(),
            moves: vec![mv("M02", "M01", at(2026, 8, 1)), mv("M01", "M02", at(2026, 3, 1))],
            reached_at: vec![at(2026, 3, 1)],
        }];
        let y = by_book_at_start(&book, start, end);
        assert_eq!(y.per_manager, vec![("M01".into(), cov(1, 0)), ("M02".into(), cov(1, 1))]);
        assert_eq!(y.branch, cov(1, 1));
    }
}
