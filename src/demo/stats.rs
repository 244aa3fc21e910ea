//! Measured distributions of a generated book, to check it against its calibration and to report.

use chrono::NaiveDate;

use super::book::DemoBook;
use super::calibration::bucket_of;
use crate::domain::model::{Assessment, CustomerKind, CustomerStatus, InvestorClass};
use crate::domain::risk::AssessmentStatus;

/// Counts over a [`DemoBook`] (shares are left to the reader: divide by the matching total).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoStats {
    pub customers: usize,
    pub individuals: usize,
    pub institutions: usize,
    pub professionals: usize,
    pub dormant: usize,
    /// Individuals by CSDC bucket of total assets on the statistics date (<1万 … >1亿).
    pub asset_buckets: [usize; 8],
    /// Individual ordinary customers (those who take the default questionnaire).
    pub eligible: usize,
    /// Eligible customers with at least one assessment.
    pub assessed: usize,
    /// Customers with more than one assessment (the older ones superseded).
    pub reassessed: usize,
    /// Latest assessments by level C1..C5.
    pub levels: [usize; 5],
    /// Latest assessments with the lowest-category flag.
    pub lowest: usize,
    /// Latest assessments expired on `today`.
    pub expired: usize,
    /// Latest assessments expiring within the window on `today`.
    pub expiring: usize,
    /// Holding rows.
    pub holdings: usize,
    /// Customers without any holding.
    pub without_holdings: usize,
    /// Customers whose cash is more than 90 % of total assets (current snapshot).
    pub mostly_cash: usize,
}

/// Measures `book` as of `today` (assessment expiry) with an expiring window of `expiring_days`.
pub fn measure(book: &DemoBook, today: NaiveDate, expiring_days: u32) -> DemoStats {
    let mut s = DemoStats { customers: book.customers.len(), holdings: book.holdings.len(), ..DemoStats::default() };
    let mut acc = book.accounts.iter().filter(|a| a.as_of == book.statistics_date).peekable();
    let mut hold = book.holdings.iter().peekable();
    let mut ass = book.assessments.iter().peekable();
    for c in &book.customers {
        match c.kind {
            CustomerKind::Individual => s.individuals += 1,
            CustomerKind::Institution => s.institutions += 1,
        }
        if c.investor_class == InvestorClass::Professional {
            s.professionals += 1;
        }
        if c.status == CustomerStatus::Dormant {
            s.dormant += 1;
        }
        while acc.peek().is_some_and(|a| a.customer_id < c.customer_id) {
            acc.next();
        }
        if let Some(a) = acc.peek().filter(|a| a.customer_id == c.customer_id) {
            if c.kind == CustomerKind::Individual {
                s.asset_buckets[bucket_of(a.total_assets)] += 1;
            }
            if a.cash * 10 > a.total_assets * 9 {
                s.mostly_cash += 1;
            }
        }
        let mut held = 0;
        while hold.peek().is_some_and(|h| h.customer_id <= c.customer_id) {
            if hold.next().is_some_and(|h| h.customer_id == c.customer_id) {
                held += 1;
            }
        }
        if held == 0 {
            s.without_holdings += 1;
        }
        let mut mine: Vec<&Assessment> = Vec::new();
        while ass.peek().is_some_and(|a| a.customer_id <= c.customer_id) {
            if let Some(a) = ass.next().filter(|a| a.customer_id == c.customer_id) {
                mine.push(a);
            }
        }
        if c.kind == CustomerKind::Individual && c.investor_class == InvestorClass::Ordinary {
            s.eligible += 1;
        }
        if let Some(latest) = mine.iter().max_by_key(|a| a.assessed_on) {
            s.assessed += 1;
            if mine.len() > 1 {
                s.reassessed += 1;
            }
            s.levels[latest.level as usize] += 1;
            if latest.lowest {
                s.lowest += 1;
            }
            match AssessmentStatus::of(Some(latest.valid_until), today, expiring_days) {
                AssessmentStatus::Expired => s.expired += 1,
                AssessmentStatus::Expiring => s.expiring += 1,
                _ => {}
            }
        }
    }
    s
}

impl DemoStats {
    /// Share in percent of `part` in `whole` (0 when `whole` is 0).
    pub fn pct(part: usize, whole: usize) -> f64 {
        if whole == 0 { 0.0 } else { part as f64 * 100.0 / whole as f64 }
    }
}
