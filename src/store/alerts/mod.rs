//! Holding-risk alerts (SPEC §4.7): the engine that evaluates the rules of
//! [`crate::domain::alerts`] over the book and keeps the `alerts` table in step, the queries of
//! the 预警 screen and the report, and the records a person makes on an alert (acknowledgement,
//! resolution, signed warning confirmation — append-only, UUID v7).
//!
//! The engine ([`run`], [`engine`]) reads the customers in key order, a chunk at a time (one
//! range read per table per chunk, prices once per security), evaluates in memory and writes in
//! the caller's transaction, only the rows that change:
//! - a finding with no tracked alert of its (customer, rule, subject) opens one;
//! - an open alert found again takes the new severity and message (`last_seen` moves);
//! - an acknowledged alert, or one a person resolved while its condition still holds, is left
//!   as it is unless the condition worsens beyond the severity it was handled at (warning →
//!   critical): then it opens again;
//! - an open or acknowledged alert no longer found is resolved (kept, with the time).
//!
//! The same data on the same day gives the same table: a second run changes nothing.

use crate::store::db::Db;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::StoreError;
use crate::domain::alerts::AlertRule;
use crate::domain::rules::Rules;

mod engine;
mod handling;
mod lists;
mod rows;

pub use engine::run;

pub use handling::*;
pub use lists::*;

/// The actor recorded when the engine resolves an alert whose condition is gone.
pub const ENGINE_ACTOR: &str = "engine";

/// Which customers a run evaluates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    All,
    /// Only these (e.g. the customers an import touched).
    Customers(Vec<String>),
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub customers: usize,
    /// Findings of the rules (alerts that hold now), per rule.
    pub findings: BTreeMap<AlertRule, usize>,
    pub opened: usize,
    pub updated: usize,
    pub reopened: usize,
    pub resolved: usize,
}

impl RunSummary {
    /// Whether the run changed any row.
    pub fn changed(&self) -> bool {
        self.opened + self.updated + self.reopened + self.resolved > 0
    }
    pub fn total_findings(&self) -> usize {
        self.findings.values().sum()
    }
}

impl std::fmt::Display for RunSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} customers evaluated; {} alerts hold: {} opened, {} updated, {} reopened, {} resolved",
            self.customers,
            self.total_findings(),
            self.opened,
            self.updated,
            self.reopened,
            self.resolved
        )?;
        for (rule, n) in &self.findings {
            write!(f, "\n  {:<16}{n:>8}", rule.code())?;
        }
        Ok(())
    }
}

/// [`run`] in a transaction of its own (`brokerdesk alerts run`).
pub fn run_now(
    conn: &mut Db,
    which: &Which,
    today: NaiveDate,
    now: DateTime<Utc>,
    rules: &Rules,
) -> Result<RunSummary, StoreError> {
    let tx = super::write_tx(conn)?;
    let summary = run(&tx, which, today, now, rules)?;
    tx.commit()?;
    Ok(summary)
}

#[cfg(test)]
mod tests;
