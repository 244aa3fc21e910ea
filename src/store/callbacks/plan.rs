//! Re-planning the open callbacks ([`replan`]) a chunk of customers at a time, and the planning
//! facts it reads ([`gather_facts`], also for [`super::log_call`] and [`super::subjects`]).

use crate::store::db::Db;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::ReplanSummary;
use crate::domain::calendar::Calendar;
use crate::domain::id_number::age_on;
use crate::domain::model::CustomerStatus;
use crate::domain::rating::effective_rating;
use crate::domain::risk::ProductRisk;
use crate::domain::rules::Rules;
use crate::domain::schedule::{CallbackReason, Change, Contact, CustomerFacts, Event, OpenPlan, reconcile};
use crate::domain::tier::Tier;

/// Which customers a read keeps, bound as `?1`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Sel<'a> {
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

pub(super) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> rusqlite::Result<String> {
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
    conn: &Db,
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
    conn: &Db,
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
                        crate::store::ids::new_record_id(now),
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
pub(super) fn gather_facts(
    conn: &Db,
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
    while let Some(ref r) = rows.next()? {
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
            crate::store::securities::COLUMNS_OF_S
        ))?;
        let mut rows = stmt.query([json])?;
        while let Some(ref r) = rows.next()? {
            let id: String = r.get(0)?;
            let code: String = r.get(1)?;
            let rating = match ratings.get(&code) {
                Some(x) => *x,
                None => {
                    let x = effective_rating(
                        &crate::store::securities::row(&crate::store::Shifted(r, 1))?,
                        &rules.product_ratings,
                    );
                    ratings.insert(code, x);
                    x
                }
            };
            if let Some(f) = facts.get_mut(&id) {
                f.highest_holding = f.highest_holding.max(Some(rating));
            }
        }
    }
    // the last contact (reached or refused) and the date set at it (ties on the instant: the
    // later record, UUID v7 ids sorting by time)
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, logged_at, called_on, next_on FROM (
             SELECT customer_id, logged_at, called_on, next_on,
                    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY logged_at DESC, id DESC) AS n
             FROM callback_logs
             WHERE outcome IN ('reached', 'refused') AND {}
         ) AS last WHERE n = 1",
        subset_filter("customer_id", subset)
    ))?;
    let mut rows = stmt.query([subset.param()])?;
    while let Some(ref r) = rows.next()? {
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
    while let Some(ref r) = rows.next()? {
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
    while let Some(ref r) = rows.next()? {
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
fn open_plans(conn: &Db, subset: Sel<'_>) -> rusqlite::Result<HashMap<String, Vec<OpenPlan>>> {
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
    while let Some(ref r) = rows.next()? {
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
fn planned_events(conn: &Db, subset: Sel<'_>) -> rusqlite::Result<HashSet<(String, CallbackReason, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, reason, trigger FROM callback_plans
         WHERE routine = 0 AND {}",
        subset_filter("customer_id", subset)
    ))?;
    let mut out = HashSet::new();
    let mut rows = stmt.query([subset.param()])?;
    while let Some(ref r) = rows.next()? {
        let reason: String = r.get(1)?;
        if let Some(reason) = CallbackReason::parse(&reason) {
            out.insert((r.get(0)?, reason, r.get(2)?));
        }
    }
    Ok(out)
}
