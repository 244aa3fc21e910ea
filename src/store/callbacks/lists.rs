//! Reads of the callback plan and log: the 今日 agenda, the 回访 screen's windowed lists, one
//! customer's callbacks, and the `report callbacks` / `report coverage` rows.

use crate::store::db::{Db, Row};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{ToSql, params};

use crate::domain::schedule::{CallOutcome, CallbackReason, Channel};
use crate::domain::tier::Tier;
use crate::store::book::Scope;

/// One open callback with what a row of the agenda or the plan list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub plan_id: String,
    pub customer_id: String,
    pub name: String,
    pub manager_id: String,
    pub tier: Tier,
    pub mobile: Option<String>,
    /// When to call: the due date, or the next try after "not reached".
    pub due_on: NaiveDate,
    /// When it first fell due: the agenda places it and counts days overdue from here.
    pub first_due_on: NaiveDate,
    pub reason: CallbackReason,
    /// Failed tries so far.
    pub tries: u32,
    /// The customer's latest call was a wrong number (号码错误): the contact data needs fixing.
    pub wrong_number: bool,
}

/// Filters of the open plan list (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanFilter {
    pub scope: Scope,
    pub reason: Option<CallbackReason>,
    /// Only callbacks due before today.
    pub overdue_only: bool,
    /// Due on or after.
    pub from: Option<NaiveDate>,
    /// Due on or before.
    pub to: Option<NaiveDate>,
}

/// Filters of the call log (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub scope: Scope,
    pub outcome: Option<CallOutcome>,
    /// Called on or after.
    pub from: Option<NaiveDate>,
    /// Called on or before.
    pub to: Option<NaiveDate>,
    pub customer_id: Option<String>,
}

/// One logged call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    pub id: String,
    pub customer_id: String,
    pub name: String,
    /// Who logged it.
    pub manager_id: String,
    pub called_on: NaiveDate,
    /// The instant it was logged (UTC).
    pub logged_at: String,
    /// The reason of the callback it answered (`None` outside the plan).
    pub reason: Option<CallbackReason>,
    pub channel: Channel,
    pub outcome: CallOutcome,
    pub try_no: u32,
    pub note: String,
    pub next_on: Option<NaiveDate>,
}

type Params = Vec<(&'static str, Box<dyn ToSql>)>;

fn scope_part(scope: &Scope, parts: &mut Vec<String>, params: &mut Params) {
    if let Scope::Manager(m) = scope {
        parts.push("b.manager_id = :manager".into());
        params.push((":manager", Box::new(m.clone())));
    }
}

fn joined(parts: &[String]) -> String {
    if parts.is_empty() { "1 = 1".into() } else { parts.join(" AND ") }
}

fn bind(params: &Params) -> Vec<(&str, &dyn ToSql)> {
    params.iter().map(|(k, v)| (*k, v.as_ref())).collect()
}

fn plan_where(f: &PlanFilter, today: NaiveDate) -> (String, Params) {
    let mut parts = vec!["p.status = 'open'".to_string()];
    let mut params: Params = Vec::new();
    scope_part(&f.scope, &mut parts, &mut params);
    if let Some(r) = f.reason {
        parts.push("p.reason = :reason".into());
        params.push((":reason", Box::new(r.code())));
    }
    if f.overdue_only {
        parts.push("p.first_due_on < :today".into());
        params.push((":today", Box::new(today)));
    }
    if let Some(d) = f.from {
        parts.push("p.due_on >= :from".into());
        params.push((":from", Box::new(d)));
    }
    if let Some(d) = f.to {
        // first_due_on ≤ due_on always (a retry only moves due_on later): the bound on the
        // indexed first_due_on lets the (status, first_due_on) index find the candidates
        parts.push("p.first_due_on <= :to AND p.due_on <= :to".into());
        params.push((":to", Box::new(d)));
    }
    (joined(&parts), params)
}

const PLAN_COLUMNS: &str = "p.id, p.customer_id, b.name, b.manager_id, b.tier, c.mobile, p.due_on, p.reason, p.tries,
     (SELECT l.outcome = 'wrong_number' FROM callback_logs l WHERE l.customer_id = p.customer_id
      ORDER BY l.logged_at DESC LIMIT 1), p.first_due_on";

fn plan_row(r: &Row<'_>) -> rusqlite::Result<PlanRow> {
    let tier: String = r.get(4)?;
    let reason: String = r.get(7)?;
    Ok(PlanRow {
        plan_id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        manager_id: r.get(3)?,
        tier: Tier::parse(&tier).unwrap_or(Tier::T4),
        mobile: r.get(5)?,
        due_on: r.get(6)?,
        reason: CallbackReason::parse(&reason).unwrap_or(CallbackReason::Routine),
        tries: r.get(8)?,
        wrong_number: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
        first_due_on: r.get(10)?,
    })
}

/// How many open callbacks match `f`.
pub fn count_open(conn: &Db, f: &PlanFilter, today: NaiveDate) -> rusqlite::Result<u64> {
    let (w, params) = plan_where(f, today);
    let sql = format!(
        "SELECT COUNT(*) FROM callback_plans p JOIN customer_book b ON b.customer_id = p.customer_id WHERE {w}"
    );
    conn.prepare_cached(&sql)?.query_row(bind(&params).as_slice(), |r| r.get::<_, i64>(0).map(|n| n as u64))
}

/// The open callbacks matching `f`, longest overdue first (then higher tier, then account), rows
/// `offset .. offset + limit`.
pub fn open_page(
    conn: &Db,
    f: &PlanFilter,
    today: NaiveDate,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<Vec<PlanRow>> {
    let (w, params) = plan_where(f, today);
    let sql = format!(
        "SELECT {PLAN_COLUMNS}
         FROM callback_plans p JOIN customer_book b ON b.customer_id = p.customer_id
         JOIN customers c ON c.customer_id = p.customer_id
         WHERE {w} ORDER BY p.first_due_on, b.tier, p.customer_id, p.id LIMIT {limit} OFFSET {offset}"
    );
    conn.prepare_cached(&sql)?.query_map(bind(&params).as_slice(), plan_row)?.collect()
}

/// The agenda of `today` for `scope`: every open callback due up to `today + upcoming_days`
/// (overdue ones included), earliest first. At most `cap` rows (the screen says when more exist).
pub fn agenda(
    conn: &Db,
    scope: &Scope,
    today: NaiveDate,
    upcoming_days: u32,
    cap: usize,
) -> rusqlite::Result<Vec<PlanRow>> {
    let until = today + chrono::Days::new(u64::from(upcoming_days));
    let f = PlanFilter { scope: scope.clone(), to: Some(until), ..PlanFilter::default() };
    open_page(conn, &f, today, 0, cap)
}

/// Open callbacks overdue, due today and due in the next `upcoming_days` days, for `scope`.
pub fn agenda_counts(
    conn: &Db,
    scope: &Scope,
    today: NaiveDate,
    upcoming_days: u32,
) -> rusqlite::Result<(u64, u64, u64)> {
    let until = today + chrono::Days::new(u64::from(upcoming_days));
    let mut parts =
        vec!["p.status = 'open'".to_string(), "p.first_due_on <= :until".into(), "p.due_on <= :until".into()];
    let mut params: Params = vec![(":until", Box::new(until)), (":today", Box::new(today))];
    scope_part(scope, &mut parts, &mut params);
    let sql = format!(
        "SELECT COALESCE(SUM(CASE WHEN p.first_due_on < :today THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN p.first_due_on = :today THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN p.first_due_on > :today THEN 1 ELSE 0 END), 0)
         FROM callback_plans p JOIN customer_book b ON b.customer_id = p.customer_id WHERE {}",
        joined(&parts)
    );
    conn.prepare_cached(&sql)?.query_row(bind(&params).as_slice(), |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64))
    })
}

/// A manager's call log: the calls on their current customers (their predecessors' included)
/// and every call they logged themselves, also on customers since reassigned to someone else —
/// a reassignment does not take a person's own record away.
fn log_where(f: &LogFilter) -> (String, Params) {
    let mut parts: Vec<String> = Vec::new();
    let mut params: Params = Vec::new();
    if let Scope::Manager(m) = &f.scope {
        parts.push("(b.manager_id = :manager OR l.manager_id = :manager)".into());
        params.push((":manager", Box::new(m.clone())));
    }
    if let Some(o) = f.outcome {
        parts.push("l.outcome = :outcome".into());
        params.push((":outcome", Box::new(o.code())));
    }
    if let Some(d) = f.from {
        parts.push("l.called_on >= :from".into());
        params.push((":from", Box::new(d)));
    }
    if let Some(d) = f.to {
        parts.push("l.called_on <= :to".into());
        params.push((":to", Box::new(d)));
    }
    if let Some(c) = &f.customer_id {
        parts.push("l.customer_id = :customer".into());
        params.push((":customer", Box::new(c.clone())));
    }
    (joined(&parts), params)
}

/// How many logged calls match `f`.
pub fn count_logs(conn: &Db, f: &LogFilter) -> rusqlite::Result<u64> {
    let (w, params) = log_where(f);
    let sql =
        format!("SELECT COUNT(*) FROM callback_logs l JOIN customer_book b ON b.customer_id = l.customer_id WHERE {w}");
    conn.prepare_cached(&sql)?.query_row(bind(&params).as_slice(), |r| r.get::<_, i64>(0).map(|n| n as u64))
}

/// The logged calls matching `f`, newest first, rows `offset .. offset + limit`.
pub fn log_page(conn: &Db, f: &LogFilter, offset: usize, limit: usize) -> rusqlite::Result<Vec<LogRow>> {
    let (w, params) = log_where(f);
    let sql = format!(
        "SELECT l.id, l.customer_id, b.name, l.manager_id, l.called_on, l.logged_at, l.reason, l.channel, l.outcome,
                l.try_no, l.note, l.next_on
         FROM callback_logs l JOIN customer_book b ON b.customer_id = l.customer_id
         WHERE {w} ORDER BY l.called_on DESC, l.logged_at DESC, l.id DESC LIMIT {limit} OFFSET {offset}"
    );
    conn.prepare_cached(&sql)?.query_map(bind(&params).as_slice(), log_row)?.collect()
}

fn log_row(r: &Row<'_>) -> rusqlite::Result<LogRow> {
    let reason: String = r.get(6)?;
    let channel: String = r.get(7)?;
    let outcome: String = r.get(8)?;
    Ok(LogRow {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        manager_id: r.get(3)?,
        called_on: r.get(4)?,
        logged_at: r.get(5)?,
        reason: CallbackReason::parse(&reason),
        channel: Channel::parse(&channel).unwrap_or(Channel::Phone),
        outcome: CallOutcome::parse(&outcome).unwrap_or(CallOutcome::NotReached),
        try_no: r.get(9)?,
        note: r.get(10)?,
        next_on: r.get(11)?,
    })
}

/// The customer's earliest open callback.
pub fn next_due(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<NaiveDate>> {
    conn.prepare_cached("SELECT MIN(due_on) FROM callback_plans WHERE customer_id = ?1 AND status = 'open'")?
        .query_row([customer_id], |r| r.get(0))
}

/// One customer's open callbacks (earliest first) and latest `log_limit` logged calls (newest first).
pub fn for_customer(
    conn: &Db,
    customer_id: &str,
    log_limit: usize,
) -> rusqlite::Result<(Vec<PlanRow>, Vec<LogRow>)> {
    let sql = format!(
        "SELECT {PLAN_COLUMNS}
         FROM callback_plans p JOIN customer_book b ON b.customer_id = p.customer_id
         JOIN customers c ON c.customer_id = p.customer_id
         WHERE p.customer_id = ?1 AND p.status = 'open' ORDER BY p.first_due_on, p.id"
    );
    let open = conn.prepare_cached(&sql)?.query_map([customer_id], plan_row)?.collect::<rusqlite::Result<_>>()?;
    let f = LogFilter { customer_id: Some(customer_id.to_string()), ..LogFilter::default() };
    Ok((open, log_page(conn, &f, 0, log_limit)?))
}

/// One row of `report callbacks` (CSV header `customer_id,manager_id,due_on,reason,tries,overdue_days`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReportRow {
    pub customer_id: String,
    pub manager_id: String,
    pub due_on: NaiveDate,
    pub reason: &'static str,
    pub tries: u32,
    /// Days past the day it first fell due (retries do not reset it; 0 when not overdue).
    pub overdue_days: u32,
}

/// Every open callback in `scope`, earliest due first.
pub fn report_rows(conn: &Db, scope: &Scope, today: NaiveDate) -> rusqlite::Result<Vec<ReportRow>> {
    let f = PlanFilter { scope: scope.clone(), ..PlanFilter::default() };
    // every row: the largest LIMIT SQLite takes (an i64)
    let rows = open_page(conn, &f, today, 0, i64::MAX as usize)?;
    Ok(rows
        .into_iter()
        .map(|r| ReportRow {
            overdue_days: u32::try_from((today - r.first_due_on).num_days().max(0)).unwrap_or(u32::MAX),
            customer_id: r.customer_id,
            manager_id: r.manager_id,
            due_on: r.due_on,
            reason: r.reason.code(),
            tries: r.tries,
        })
        .collect())
}

/// Coverage of `year` by the book at the start of the year (the rule: [`crate::domain::coverage`]):
/// the customers opened before 1 January whose status is active (dormant and closed excluded; the
/// store keeps no status history), their reassignments, and their calls with outcome `reached`
/// dated 1 January to 31 December (or `today`, if earlier). A manager's scope keeps only their row
/// (the branch total is still the branch's).
pub fn coverage(
    conn: &Db,
    scope: &Scope,
    year: i32,
    today: NaiveDate,
) -> rusqlite::Result<crate::domain::coverage::YearCoverage> {
    use crate::domain::coverage::{CustomerYear, Move, by_book_at_start};
    use std::collections::HashMap;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX).min(today);
    let instant = |s: String| -> rusqlite::Result<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
    };
    // customers active at the start; without moves one reached instant is enough
    let mut customers: Vec<CustomerYear> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.customer_id, c.manager_id,
                (SELECT MIN(l.logged_at) FROM callback_logs l WHERE l.customer_id = c.customer_id
                  AND l.called_on >= ?1 AND l.called_on <= ?2 AND l.outcome = 'reached'),
                EXISTS (SELECT 1 FROM reassignments r WHERE r.customer_id = c.customer_id)
         FROM customers c WHERE c.opened_on < ?1 AND c.status = 'active'",
    )?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(ref r) = rows.next()? {
        let id: String = r.get(0)?;
        let moved: bool = r.get(3)?;
        let reached_at = match (moved, r.get::<_, Option<String>>(2)?) {
            (false, Some(t)) => vec![instant(t)?],
            _ => Vec::new(),
        };
        if moved {
            index.insert(id, customers.len());
        }
        customers.push(CustomerYear { manager_now: r.get(1)?, moves: Vec::new(), reached_at });
    }
    let mut stmt = conn.prepare_cached("SELECT customer_id, from_manager, to_manager, at FROM reassignments")?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            customers[i].moves.push(Move { from: r.get(1)?, to: r.get(2)?, at: instant(r.get(3)?)? });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT l.customer_id, l.logged_at FROM callback_logs l
         WHERE l.called_on >= ?1 AND l.called_on <= ?2 AND l.outcome = 'reached'
           AND l.customer_id IN (SELECT customer_id FROM reassignments)",
    )?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(ref r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            customers[i].reached_at.push(instant(r.get(1)?)?);
        }
    }
    let china = crate::clock::china_offset();
    let midnight = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(china).single())
            .map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
    };
    let next_year = NaiveDate::from_ymd_opt(year + 1, 1, 1).map_or(DateTime::<Utc>::MAX_UTC, midnight);
    let mut year_cov = by_book_at_start(&customers, midnight(start), next_year);
    if let Scope::Manager(m) = scope {
        year_cov.per_manager.retain(|(id, _)| id == m);
    }
    Ok(year_cov)
}

/// The instant a log was made, as a China-time date and time for display (`2026-11-30 09:12`).
pub fn logged_at_local(logged_at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(logged_at)
        .map(|t| t.with_timezone(&crate::clock::china_offset()).naive_local())
        .map(|t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| logged_at.to_string())
}
