//! Callbacks (回访, SPEC §4.6): the open plan (`callback_plans`, derived from the rules and the
//! log) and the call log (`callback_logs`, append-only). The decisions are the domain's
//! ([`crate::domain::schedule`]); this module gathers the facts, writes the changes and serves
//! the agenda, lists and reports ([`lists`]).
//!
//! - [`replan`] brings the open plan in line with the rules, for every customer or the ones
//!   touched (after an import, a saved assessment, a logged call, other tier rules). Idempotent.
//! - [`log_call`] appends a logged call and applies what it does to the plan, in the caller's
//!   transaction.

pub mod lists;
mod plan;

use crate::store::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

pub use plan::replan;
use plan::{Sel, gather_facts, to_json};

use super::StoreError;
use crate::domain::calendar::Calendar;
use crate::domain::model::CustomerStatus;
use crate::domain::rules::Rules;
use crate::domain::schedule::{AfterCall, CallOutcome, Channel, after_call};
use crate::domain::tier::Tier;

/// What [`replan`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplanSummary {
    pub customers: usize,
    pub inserted: usize,
    pub rescheduled: usize,
    pub cancelled: usize,
}

impl ReplanSummary {
    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.inserted + self.rescheduled + self.cancelled == 0
    }
}

/// A call to log (回访记录).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCall {
    pub customer_id: String,
    /// The open callback it answers; `None` for a call outside the plan.
    pub plan_id: Option<String>,
    pub channel: Channel,
    pub outcome: CallOutcome,
    pub note: String,
    /// The next callback date the manager sets (replaces the cadence for the next routine one).
    pub next_on: Option<NaiveDate>,
}

/// What a logged call did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedCall {
    /// The new log row's UUID v7.
    pub id: String,
    pub effect: AfterCall,
    /// The customer's next open callback after the call, if any.
    pub next_due: Option<NaiveDate>,
}

/// The longest note kept, in characters.
pub const NOTE_MAX_CHARS: usize = 500;

/// Who logs a call, and when.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    /// The signed-in user (recorded on the log and the audit row).
    pub manager_id: &'a str,
    /// The book they may log calls in.
    pub scope: &'a super::book::Scope,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Appends a logged call and applies it ([`after_call`]): spoken to → this and the customer's
/// other open callbacks are done and the routine one is planned again; not reached → retried the
/// next business day up to the maximum of tries, then it stays overdue; wrong number → stays,
/// flagged. Writes an audit row. Run inside the caller's write transaction (all or nothing).
///
/// Errors (Chinese with the English in brackets): a customer unknown or outside `by.scope`, a plan
/// that is not this customer's open callback (logged elsewhere meanwhile), a next date not after
/// today or past the routine cadence, a note longer than [`NOTE_MAX_CHARS`]. A next date set
/// with "not reached" is the retry date.
pub fn log_call(
    conn: &Db,
    call: &NewCall,
    by: Caller<'_>,
    rules: &Rules,
    cal: &Calendar,
) -> Result<LoggedCall, StoreError> {
    let customer = &call.customer_id;
    if !super::book::in_scope(conn, by.scope, customer)? {
        return Err(StoreError::Rule(format!(
            "客户 {customer} 不在您的客户范围内 (customer {customer} is not in your book)"
        )));
    }
    if call.note.chars().count() > NOTE_MAX_CHARS {
        return Err(StoreError::Rule(format!(
            "备注最多 {NOTE_MAX_CHARS} 字 (the note is longer than {NOTE_MAX_CHARS} characters)"
        )));
    }
    if let Some(next) = call.next_on {
        let today = by.today;
        if next <= today {
            return Err(StoreError::Rule(format!(
                "下次回访日期 {next} 须晚于今天 {today} (the next callback date must be after today)"
            )));
        }
        // earlier than the cadence is the manager's call; later would skip the rule
        let json = to_json(std::slice::from_ref(customer))?;
        if let Some(f) = gather_facts(conn, rules, today, Sel::Ids(&json))?.get(customer) {
            let latest = cal.add_days(today, crate::domain::schedule::cadence(f, rules).1);
            if next > latest {
                return Err(StoreError::Rule(format!(
                    "下次回访日期 {next} 超出回访周期，最晚 {latest} (the next callback date is past the cadence: {latest} at the latest)"
                )));
            }
        }
    }
    let plan: Option<(String, u32)> = match &call.plan_id {
        None => None,
        Some(pid) => {
            let found: Option<(String, u32)> = conn
                .prepare_cached(
                    "SELECT reason, tries FROM callback_plans WHERE id = ?1 AND customer_id = ?2 AND status = 'open'",
                )?
                .query_row(params![pid, call.customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                Some(f) => Some(f),
                None => {
                    return Err(StoreError::Rule(
                        "这条回访已不是待办（可能已在另一处记录），按 r 刷新后再记录 (the callback is no longer open: reload with r)"
                            .into(),
                    ));
                }
            }
        }
    };
    let tries = plan.as_ref().map_or(0, |(_, t)| *t);
    let effect = match (after_call(call.outcome, tries, rules, cal, by.today), call.next_on) {
        // the customer asked to be called on another day: retry then
        (AfterCall::Retry { tries, .. }, Some(next)) => AfterCall::Retry { tries, due_on: cal.on_or_after(next) },
        (effect, _) => effect,
    };
    let id = insert_log(
        conn,
        &LogRecord {
            call,
            manager_id: by.manager_id,
            now: by.now,
            called_on: by.today,
            reason: plan.as_ref().map_or("", |(r, _)| r.as_str()),
            try_no: tries.saturating_add(1),
        },
    )?;
    let now_text = by.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match (effect, &call.plan_id) {
        (AfterCall::Done, _) => {
            conn.prepare_cached(
                "UPDATE callback_plans SET status = 'done', closed_at = ?2, closed_by = ?3
                 WHERE customer_id = ?1 AND status = 'open'",
            )?
            .execute(params![call.customer_id, now_text, id])?;
        }
        (AfterCall::Retry { tries, due_on }, Some(pid)) => {
            conn.prepare_cached("UPDATE callback_plans SET tries = ?2, due_on = ?3 WHERE id = ?1")?
                .execute(params![pid, tries, due_on])?;
        }
        (AfterCall::Stays { tries }, Some(pid)) => {
            conn.prepare_cached("UPDATE callback_plans SET tries = ?2 WHERE id = ?1")?.execute(params![pid, tries])?;
        }
        _ => {}
    }
    super::audit::record(
        conn,
        &super::audit::AuditEntry {
            at: by.now,
            actor: by.manager_id,
            entity: "callback",
            entity_id: &call.customer_id,
            action: "log_call",
            old_value: None,
            // what happened first (the audit screen shows the start of it), the log's id last
            new_value: Some(&format!("{} {} · {id}", call.channel.code(), call.outcome.code())),
        },
    )?;
    replan(conn, rules, cal, by.today, by.now, Some(std::slice::from_ref(&call.customer_id)))?;
    let next_due = lists::next_due(conn, &call.customer_id)?;
    Ok(LoggedCall { id, effect, next_due })
}

/// One row of the call log to append (see [`insert_log`]).
#[derive(Debug, Clone, Copy)]
pub struct LogRecord<'a> {
    pub call: &'a NewCall,
    /// Who logged it.
    pub manager_id: &'a str,
    /// When it was logged (the time part of its UUID v7).
    pub now: DateTime<Utc>,
    /// The China date of the call.
    pub called_on: NaiveDate,
    /// The reason of the callback it answers (`""` outside the plan).
    pub reason: &'a str,
    /// 1 for the first try at this callback.
    pub try_no: u32,
}

/// Appends one logged call (UUID v7 from `now`, this installation's id) and returns its id.
/// [`log_call`] uses it and then applies the call to the plan; the demo's history generator
/// appends past calls with it and re-plans once.
pub fn insert_log(conn: &Db, r: &LogRecord<'_>) -> rusqlite::Result<String> {
    let id = super::ids::new_record_id(r.now);
    let installation = super::ids::installation_id(conn)?;
    conn.prepare_cached(
        "INSERT INTO callback_logs (id, installation_id, plan_id, customer_id, manager_id, logged_at, called_on, reason,
                                    channel, outcome, try_no, note, next_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id,
        installation,
        r.call.plan_id,
        r.call.customer_id,
        r.manager_id,
        r.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        r.called_on,
        r.reason,
        r.call.channel.code(),
        r.call.outcome.code(),
        r.try_no,
        r.call.note,
        r.call.next_on,
    ])?;
    Ok(id)
}

/// A customer as a callback-history generator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub customer_id: String,
    pub manager_id: String,
    pub status: CustomerStatus,
    pub opened_on: NaiveDate,
    pub tier: Tier,
    /// Days between routine callbacks.
    pub cadence_days: u32,
}

/// Every customer with its manager, status, opening date, tier (from `customer_book`) and routine
/// cadence as of `today` ([`crate::domain::schedule::cadence`]: the tier's period, capped for an
/// elderly customer holding R4/R5), in account order: what the demo's callback history is
/// generated from.
pub fn subjects(conn: &Db, rules: &Rules, today: NaiveDate) -> rusqlite::Result<Vec<Subject>> {
    let facts = gather_facts(conn, rules, today, Sel::All)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.customer_id, c.manager_id FROM customers c JOIN customer_book b ON b.customer_id = c.customer_id
         ORDER BY c.customer_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (customer_id, manager_id) = row?;
        let Some(f) = facts.get(&customer_id) else { continue };
        out.push(Subject {
            cadence_days: crate::domain::schedule::cadence(f, rules).1,
            status: f.status,
            opened_on: f.opened_on,
            tier: f.tier,
            customer_id,
            manager_id,
        });
    }
    Ok(out)
}

/// The open routine callback of a customer: (id, due on, tries).
pub fn open_routine(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<(String, NaiveDate, u32)>> {
    conn.prepare_cached(
        "SELECT id, due_on, tries FROM callback_plans WHERE customer_id = ?1 AND status = 'open' AND routine = 1",
    )?
    .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()
}
