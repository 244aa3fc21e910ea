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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::domain::calendar::Calendar;
use crate::domain::id_number::age_on;
use crate::domain::model::CustomerStatus;
use crate::domain::rating::effective_rating;
use crate::domain::risk::ProductRisk;
use crate::domain::rules::Rules;
use crate::domain::schedule::{
    AfterCall, CallOutcome, CallbackReason, Change, Channel, Contact, CustomerFacts, Event, OpenPlan, after_call,
    reconcile,
};
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

/// Which customers a read keeps, bound as `?1`.
#[derive(Debug, Clone, Copy)]
enum Sel<'a> {
    /// Every customer (`?1` is `NULL`).
    All,
    /// The ids of a JSON array.
    Ids(&'a str),
    /// The ids from the first to the second of a JSON array of two, both included.
    Range(&'a str),
}

impl<'a> Sel<'a> {
    fn param(self) -> Option<&'a str> {
        match self {
            Sel::All => None,
            Sel::Ids(json) | Sel::Range(json) => Some(json),
        }
    }
}

/// The condition on `column` that keeps the customers of `sel` (bound as `?1`): an indexed `IN`
/// for some ids, an indexed range for a chunk, a constant `?1 IS NULL` (true) for every customer.
/// Never two of them joined with OR, which would scan the whole table for one customer.
fn subset_filter(column: &str, sel: Sel<'_>) -> String {
    match sel {
        Sel::All => "?1 IS NULL".to_string(),
        Sel::Ids(_) => format!("{column} IN (SELECT value FROM json_each(?1))"),
        Sel::Range(_) => format!("{column} BETWEEN json_extract(?1, '$[0]') AND json_extract(?1, '$[1]')"),
    }
}

/// The subset as a JSON array of ids, or `None` for every customer.
fn subset_json(customers: Option<&[String]>) -> rusqlite::Result<Option<String>> {
    customers.map(to_json).transpose()
}

fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> rusqlite::Result<String> {
    serde_json::to_string(v).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Customers re-planned per chunk (one read per table each).
const CHUNK: usize = 1024;

/// Brings the open callbacks of `customers` (all when `None`) in line with the rules as of
/// `today` ([`reconcile`]): inserts the routine callback and event callbacks due, moves the
/// routine one when tier or cadence changed, cancels those of customers who left the plan.
/// Run inside the caller's write transaction; reads `customer_book` for the tier, so refresh
/// the book first. Idempotent: a second run writes nothing.
///
/// The customers are taken in key order, [`CHUNK`] at a time: the facts and plans of a chunk are
/// read by key range (by ids for a subset of less than 1 in 8 of the book), so memory is bounded
/// by a chunk, not the book.
pub fn replan(
    conn: &Connection,
    rules: &Rules,
    cal: &Calendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    customers: Option<&[String]>,
) -> rusqlite::Result<ReplanSummary> {
    if customers.is_some_and(|c| c.is_empty()) {
        return Ok(ReplanSummary::default());
    }
    let subset = subset_json(customers)?;
    let sparse = match customers {
        Some(ids) => {
            let total: i64 = conn.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get(0))?;
            (ids.len() as i64).saturating_mul(8) < total
        }
        None => false,
    };
    let sel = match &subset {
        Some(json) => Sel::Ids(json),
        None => Sel::All,
    };
    // replanning writes only `callback_plans`: this read of customers stays valid throughout
    let mut stmt = conn.prepare(&format!(
        "SELECT c.customer_id FROM customers c WHERE {} ORDER BY c.customer_id",
        subset_filter("c.customer_id", sel)
    ))?;
    let mut rows = stmt.query([sel.param()])?;
    let mut summary = ReplanSummary::default();
    let mut chunk: Vec<String> = Vec::with_capacity(CHUNK);
    loop {
        let row = rows.next()?;
        if let Some(r) = row {
            chunk.push(r.get(0)?);
        }
        if chunk.len() == CHUNK || (row.is_none() && !chunk.is_empty()) {
            let key = if sparse { to_json(&chunk)? } else { to_json(&[&chunk[0], &chunk[chunk.len() - 1]])? };
            let sel = if sparse { Sel::Ids(&key) } else { Sel::Range(&key) };
            replan_chunk(conn, rules, cal, today, now, &chunk, sel, &mut summary)?;
            chunk.clear();
        }
        if row.is_none() {
            break;
        }
    }
    Ok(summary)
}

/// [`replan`] for the customers `ids` (in key order), whose rows `sel` reads (it may read others
/// too: they are skipped).
#[allow(clippy::too_many_arguments)]
fn replan_chunk(
    conn: &Connection,
    rules: &Rules,
    cal: &Calendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    ids: &[String],
    sel: Sel<'_>,
    summary: &mut ReplanSummary,
) -> rusqlite::Result<()> {
    let facts = gather_facts(conn, rules, today, sel)?;
    let open = open_plans(conn, sel)?;
    let planned = planned_events(conn, sel)?;
    let now_text = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut insert = conn.prepare_cached(
        "INSERT INTO callback_plans (id, customer_id, reason, routine, trigger, due_on, first_due_on, planned_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?;
    let mut reschedule =
        // a callback being retried keeps the day it first fell due; a re-planned one starts afresh
        conn.prepare_cached(
            "UPDATE callback_plans SET due_on = ?2, reason = ?3,
                    first_due_on = CASE WHEN tries = 0 THEN ?2 ELSE first_due_on END
             WHERE id = ?1 AND status = 'open'",
        )?;
    let mut cancel = conn.prepare_cached(
        "UPDATE callback_plans SET status = 'cancelled', closed_at = ?2 WHERE id = ?1 AND status = 'open'",
    )?;
    let none: Vec<OpenPlan> = Vec::new();
    for id in ids {
        let Some(f) = facts.get(id) else { continue };
        summary.customers += 1;
        let mine = open.get(id).unwrap_or(&none);
        let known =
            |reason: CallbackReason, trigger: &str| planned.contains(&(id.clone(), reason, trigger.to_string()));
        for change in reconcile(f, mine, rules, cal, today, known) {
            match change {
                Change::Insert(d) => {
                    insert.execute(params![
                        super::ids::new_record_id(now),
                        id,
                        d.reason.code(),
                        d.reason.is_routine(),
                        d.trigger,
                        d.due_on,
                        now_text
                    ])?;
                    summary.inserted += 1;
                }
                Change::Reschedule { id: plan, reason, due_on } => {
                    reschedule.execute(params![plan, due_on, reason.code()])?;
                    summary.rescheduled += 1;
                }
                Change::Cancel { id: plan } => {
                    cancel.execute(params![plan, now_text])?;
                    summary.cancelled += 1;
                }
            }
        }
    }
    Ok(())
}

/// The planning facts of every customer in the subset, by id.
fn gather_facts(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    subset: Sel<'_>,
) -> rusqlite::Result<HashMap<String, CustomerFacts>> {
    let mut facts: HashMap<String, CustomerFacts> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.customer_id, c.status, c.opened_on, c.birth_date, b.tier
         FROM customers c LEFT JOIN customer_book b ON b.customer_id = c.customer_id
         WHERE {}",
        subset_filter("c.customer_id", subset)
    ))?;
    let mut rows = stmt.query([subset.param()])?;
    while let Some(r) = rows.next()? {
        let status: String = r.get(1)?;
        let birth: Option<NaiveDate> = r.get(3)?;
        let tier: Option<String> = r.get(4)?;
        facts.insert(
            r.get(0)?,
            CustomerFacts {
                status: CustomerStatus::parse(&status).unwrap_or(CustomerStatus::Active),
                opened_on: r.get(2)?,
                tier: tier.as_deref().and_then(Tier::parse).unwrap_or(Tier::T4),
                age: birth.filter(|b| *b <= today).map(|b| age_on(b, today)),
                highest_holding: None,
                last_contact: None,
                level_changes: Vec::new(),
                confirmed_mismatches: Vec::new(),
            },
        );
    }
    // the highest rating held: only the elderly cadence reads it, so only for the elderly
    let elderly: Vec<&String> = facts
        .iter()
        .filter(|(_, f)| f.age.is_some_and(|a| a >= rules.callbacks.elderly_age))
        .map(|(id, _)| id)
        .collect();
    if !elderly.is_empty() {
        // the rating of each held security, decided once per security by the domain rule
        let mut ratings: HashMap<String, ProductRisk> = HashMap::new();
        let json = to_json(&elderly)?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT h.customer_id, {} FROM json_each(?1) j
             CROSS JOIN holdings h ON h.customer_id = j.value
             JOIN securities s ON s.code = h.code
             WHERE h.quantity > 0
               AND h.as_of = (SELECT MAX(x.as_of) FROM holdings x WHERE x.customer_id = h.customer_id)",
            super::securities::COLUMNS_OF_S
        ))?;
        let mut rows = stmt.query([json])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let code: String = r.get(1)?;
            let rating = match ratings.get(&code) {
                Some(x) => *x,
                None => {
                    let x = effective_rating(&super::securities::row(&super::Shifted(r, 1))?, &rules.product_ratings);
                    ratings.insert(code, x);
                    x
                }
            };
            if let Some(f) = facts.get_mut(&id) {
                f.highest_holding = f.highest_holding.max(Some(rating));
            }
        }
    }
    // the last contact (reached or refused) and the date set at it
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, MAX(logged_at), called_on, next_on FROM callback_logs
         WHERE outcome IN ('reached', 'refused') AND {}
         GROUP BY customer_id",
        subset_filter("customer_id", subset)
    ))?;
    let mut rows = stmt.query([subset.param()])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        if let Some(f) = facts.get_mut(&id) {
            f.last_contact = Some(Contact { on: r.get(2)?, next_on: r.get(3)? });
        }
    }
    // assessments that changed the level, within the look-back window
    let cutoff = today - chrono::Days::new(u64::from(rules.callbacks.event_lookback_days));
    // (the one before: an earlier day, or the same day recorded earlier — a same-day re-assessment)
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.customer_id, a.assessed_on, a.level,
                (SELECT p.level FROM assessments p WHERE p.customer_id = a.customer_id
                   AND (p.assessed_on, p.recorded_at, p.id) < (a.assessed_on, a.recorded_at, a.id)
                 ORDER BY p.assessed_on DESC, p.recorded_at DESC, p.id DESC LIMIT 1),
                a.id
         FROM assessments a
         WHERE a.assessed_on >= ?2 AND {}",
        subset_filter("a.customer_id", subset)
    ))?;
    let mut rows = stmt.query(params![subset.param(), cutoff])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let on: NaiveDate = r.get(1)?;
        let level: String = r.get(2)?;
        let before: Option<String> = r.get(3)?;
        if let Some(f) = facts.get_mut(&id)
            && before.is_some_and(|b| b != level)
        {
            f.level_changes.push(Event { on, key: r.get(4)? });
        }
    }
    // suitability mismatches the customer confirmed with a signed warning (their China date)
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, id, at FROM warning_confirmations WHERE at >= ?2 AND {}",
        subset_filter("customer_id", subset)
    ))?;
    let since = (cutoff - chrono::Days::new(1)).to_string();
    let mut rows = stmt.query(params![subset.param(), since])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let at: String = r.get(2)?;
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(&at) else { continue };
        let on = crate::clock::china_date_of(at.with_timezone(&Utc));
        if let Some(f) = facts.get_mut(&id) {
            f.confirmed_mismatches.push(Event { on, key: r.get(1)? });
        }
    }
    Ok(facts)
}

/// Open callbacks by customer.
fn open_plans(conn: &Connection, subset: Sel<'_>) -> rusqlite::Result<HashMap<String, Vec<OpenPlan>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, customer_id, reason, trigger, due_on, tries FROM callback_plans
         WHERE {} AND {}",
        // for a chunk, the customer index, not every open plan of the book (no ANALYZE statistics)
        match subset {
            Sel::All => "status = 'open'",
            Sel::Ids(_) | Sel::Range(_) => "+status = 'open'",
        },
        subset_filter("customer_id", subset)
    ))?;
    let mut out: HashMap<String, Vec<OpenPlan>> = HashMap::new();
    let mut rows = stmt.query([subset.param()])?;
    while let Some(r) = rows.next()? {
        let reason: String = r.get(2)?;
        let Some(reason) = CallbackReason::parse(&reason) else { continue };
        out.entry(r.get(1)?).or_default().push(OpenPlan {
            id: r.get(0)?,
            reason,
            trigger: r.get(3)?,
            due_on: r.get(4)?,
            tries: r.get(5)?,
        });
    }
    Ok(out)
}

/// Every event callback ever planned (open, done or cancelled): (customer, reason, trigger).
fn planned_events(conn: &Connection, subset: Sel<'_>) -> rusqlite::Result<HashSet<(String, CallbackReason, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, reason, trigger FROM callback_plans
         WHERE routine = 0 AND {}",
        subset_filter("customer_id", subset)
    ))?;
    let mut out = HashSet::new();
    let mut rows = stmt.query([subset.param()])?;
    while let Some(r) = rows.next()? {
        let reason: String = r.get(1)?;
        if let Some(reason) = CallbackReason::parse(&reason) {
            out.insert((r.get(0)?, reason, r.get(2)?));
        }
    }
    Ok(out)
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
    conn: &Connection,
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
pub fn insert_log(conn: &Connection, r: &LogRecord<'_>) -> rusqlite::Result<String> {
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
pub fn subjects(conn: &Connection, rules: &Rules, today: NaiveDate) -> rusqlite::Result<Vec<Subject>> {
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
pub fn open_routine(conn: &Connection, customer_id: &str) -> rusqlite::Result<Option<(String, NaiveDate, u32)>> {
    conn.prepare_cached(
        "SELECT id, due_on, tries FROM callback_plans WHERE customer_id = ?1 AND status = 'open' AND routine = 1",
    )?
    .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()
}
