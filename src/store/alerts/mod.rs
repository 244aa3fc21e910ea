//! Holding-risk alerts (SPEC §4.7): the engine that evaluates the rules of
//! [`crate::domain::alerts`] over the book and keeps the `alerts` table in step, the queries of
//! the 预警 screen and the report, and the records a person makes on an alert (acknowledgement,
//! resolution, signed warning confirmation — append-only, UUID v7).
//!
//! The engine ([`run`]) reads everything in a handful of queries (prices once per security, not
//! per holding), evaluates in memory and writes in the caller's transaction:
//! - a finding with no tracked alert of its (customer, rule, subject) opens one;
//! - an open alert found again takes the new severity and message (`last_seen` moves);
//! - an acknowledged alert, or one a person resolved while its condition still holds, is left
//!   as it is unless the condition worsens beyond the severity it was handled at (warning →
//!   critical): then it opens again;
//! - an open or acknowledged alert no longer found is resolved (kept, with the time).
//!
//! The same data on the same day gives the same table: a second run changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::domain::alerts::{
    AlertRule, AlertStatus, CashPoint, CustomerFacts, CustomerInput, Finding, OrderFacts, Position, Severity, evaluate,
    weight_base,
};
use crate::domain::id_number::age_on;
use crate::domain::model::{CustomerStatus, Order, PriceMilli, Security, Side, market_value};
use crate::domain::money::Fen;
use crate::domain::rating::effective_rating;
use crate::domain::risk::{AssessmentStatus, ProductRisk, RiskLevel, RiskProfile};
use crate::domain::rules::Rules;

mod handling;
mod lists;

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

/// The filter of a read: `NULL` for all customers, else a JSON array of ids.
fn which_param(which: &Which) -> Option<String> {
    match which {
        Which::All => None,
        Which::Customers(ids) => Some(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())),
    }
}

/// The condition that keeps the customers of `filter` (bound as `?1`): an indexed `IN` for some
/// customers, a constant `?1 IS NULL` for all. Never the two joined with OR, which would read
/// every row of the table to find one customer's.
fn in_which(col: &str, filter: &Option<String>) -> String {
    match filter {
        Some(_) => format!("{col} IN (SELECT value FROM json_each(?1))"),
        None => "?1 IS NULL".to_string(),
    }
}

struct CustomerRow {
    id: String,
    status: CustomerStatus,
    professional: bool,
    birth_date: Option<NaiveDate>,
    opened_on: NaiveDate,
    latest: Option<(RiskLevel, bool, NaiveDate, String, u32)>,
}

struct HoldingRow {
    as_of: NaiveDate,
    code: String,
    quantity: i64,
    cost_price: PriceMilli,
    first_held: NaiveDate,
}

struct Tracked {
    id: i64,
    severity: Severity,
    status: AlertStatus,
    handled: Option<Severity>,
    held: bool,
    detail: String,
    detail_en: String,
    last_seen: NaiveDate,
}

/// Evaluates every rule for the customers of `which` and brings `alerts` in step, in the caller's
/// transaction (`tx`). `today` is the China date (assessment validity, ages, first/last seen);
/// `now` the instant recorded on resolutions.
pub fn run(
    tx: &Connection,
    which: &Which,
    today: NaiveDate,
    now: DateTime<Utc>,
    rules: &Rules,
) -> Result<RunSummary, StoreError> {
    if let Which::Customers(ids) = which
        && ids.is_empty()
    {
        return Ok(RunSummary::default());
    }
    let filter = which_param(which);
    let customers = load_customers(tx, &filter)?;
    let snapshots = load_snapshots(tx, &filter)?;
    let holdings = load_holdings(tx, &filter)?;
    let securities = load_securities(tx, rules)?;
    let prices = load_prices(tx, &holdings, rules)?;
    let orders = load_orders(tx, &filter, rules)?;
    let mut tracked = load_tracked(tx, &filter)?;
    let expiring = expiring_days(tx, &customers, rules)?;

    let mut summary = RunSummary { customers: customers.len(), ..RunSummary::default() };
    let now_text = now.to_rfc3339();
    let empty_snaps: Vec<CashPoint> = Vec::new();
    let empty_hold: Vec<HoldingRow> = Vec::new();
    let empty_orders: Vec<(Order, Option<PriceMilli>)> = Vec::new();
    for c in &customers {
        let snaps = snapshots.get(&c.id).map(|(s, _)| s).unwrap_or(&empty_snaps);
        let last_trade_on = snapshots.get(&c.id).and_then(|(_, t)| *t);
        let held = holdings.get(&c.id).unwrap_or(&empty_hold);
        let positions: Vec<Position<'_>> = held
            .iter()
            .filter_map(|h| {
                let (security, rating) = securities.get(&h.code)?;
                let series = prices.get(&h.code).map(Vec::as_slice).unwrap_or(&[]);
                let closes = &series[..series.partition_point(|(d, _)| *d <= h.as_of)];
                let close = closes.last().map(|c| c.1);
                Some(Position {
                    security,
                    rating: *rating,
                    quantity: h.quantity,
                    cost_price: h.cost_price,
                    close,
                    market_value: market_value(h.quantity, close.unwrap_or(h.cost_price)),
                    cost_value: market_value(h.quantity, h.cost_price),
                    closes,
                    first_held: h.first_held,
                })
            })
            .collect();
        let holdings_on = held.first().map(|h| h.as_of);
        let market: Fen = positions.iter().map(|p| p.market_value).fold(0, Fen::saturating_add);
        let latest = snaps.last();
        let same_day = holdings_on.and_then(|on| snaps.iter().find(|s| s.as_of == on)).map(|s| s.total_assets);
        let base = weight_base(market, same_day, latest.map(|s| s.cash).unwrap_or(0));
        let valid_until = c.latest.as_ref().map(|l| l.2);
        let expiring_days = c
            .latest
            .as_ref()
            .and_then(|l| expiring.get(&(l.3.clone(), l.4)).copied())
            .unwrap_or(rules.assessment.expiring_days);
        let facts = CustomerFacts {
            customer_id: c.id.clone(),
            status: c.status,
            profile: RiskProfile::resolve(c.professional, c.latest.as_ref().map(|l| (l.0, l.1, l.2)), today),
            assessment: AssessmentStatus::of(valid_until, today, expiring_days),
            valid_until,
            age: c.birth_date.map(|b| age_on(b, today)),
            opened_on: c.opened_on,
            as_of: latest.map(|s| s.as_of).or(holdings_on).unwrap_or(c.opened_on),
            cash: latest.map(|s| s.cash).unwrap_or(0),
            weight_base: base,
            snapshots: snaps.clone(),
            last_trade_on,
        };
        let order_rows = orders.get(&c.id).unwrap_or(&empty_orders);
        let order_facts: Vec<OrderFacts<'_>> = order_rows
            .iter()
            .filter_map(|(o, prev)| {
                securities.get(&o.code).map(|(s, _)| OrderFacts { order: o, security: s, previous_close: *prev })
            })
            .collect();
        let findings =
            evaluate(&CustomerInput { facts: &facts, positions: &positions, orders: &order_facts }, &rules.alerts);
        for f in findings {
            *summary.findings.entry(f.rule).or_default() += 1;
            let key = (c.id.clone(), f.rule.code().to_string(), f.subject.clone());
            match tracked.remove(&key) {
                Some(t) => reconcile(tx, &t, &c.id, &f, today, &now_text, &mut summary)?,
                None => {
                    insert(tx, &c.id, &f, today, &now_text)?;
                    summary.opened += 1;
                }
            }
        }
    }
    // what was tracked and is not found any more
    for (_, t) in tracked {
        if t.held {
            tx.prepare_cached("UPDATE alerts SET held = 0 WHERE id = ?1")?.execute([t.id])?;
            summary.updated += 1;
        } else {
            tx.prepare_cached(
                "UPDATE alerts SET status = 'resolved', resolved_at = ?2, actor = ?3, updated_at = ?2 WHERE id = ?1",
            )?
            .execute(params![t.id, now_text, ENGINE_ACTOR])?;
            summary.resolved += 1;
        }
    }
    Ok(summary)
}

/// [`run`] in a transaction of its own (`brokerdesk alerts run`).
pub fn run_now(
    conn: &mut Connection,
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

fn insert(tx: &Connection, customer: &str, f: &Finding, today: NaiveDate, now: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO alerts (customer_id, rule, severity, subject, detail, detail_en, first_seen, last_seen, status, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'open', ?8)",
    )?
    .execute(params![
        customer,
        f.rule.code(),
        f.severity.code(),
        f.subject,
        f.message.zh,
        f.message.en,
        today,
        now
    ])?;
    Ok(())
}

fn reconcile(
    tx: &Connection,
    t: &Tracked,
    customer: &str,
    f: &Finding,
    today: NaiveDate,
    now: &str,
    summary: &mut RunSummary,
) -> rusqlite::Result<()> {
    let worse = t.handled.is_some_and(|h| f.severity > h);
    match t.status {
        AlertStatus::Resolved if worse => {
            // resolved by a person and now worse: a new alert (the old one stays in history)
            tx.prepare_cached("UPDATE alerts SET held = 0 WHERE id = ?1")?.execute([t.id])?;
            insert(tx, customer, f, today, now)?;
            summary.reopened += 1;
            return Ok(());
        }
        AlertStatus::Acknowledged if worse => {
            tx.prepare_cached(
                "UPDATE alerts SET status = 'open', severity = ?2, detail = ?3, detail_en = ?4, last_seen = ?5,
                 handled_severity = NULL, updated_at = ?6 WHERE id = ?1",
            )?
            .execute(params![t.id, f.severity.code(), f.message.zh, f.message.en, today, now])?;
            summary.reopened += 1;
            return Ok(());
        }
        _ => {}
    }
    if t.severity == f.severity && t.detail == f.message.zh && t.detail_en == f.message.en && t.last_seen >= today {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE alerts SET severity = ?2, detail = ?3, detail_en = ?4, last_seen = MAX(last_seen, ?5), updated_at = ?6
         WHERE id = ?1",
    )?
    .execute(params![t.id, f.severity.code(), f.message.zh, f.message.en, today, now])?;
    summary.updated += 1;
    Ok(())
}

fn load_customers(tx: &Connection, filter: &Option<String>) -> rusqlite::Result<Vec<CustomerRow>> {
    let sql = format!(
        "SELECT c.customer_id, c.status, c.investor_class, c.birth_date, c.opened_on,
                a.level, a.lowest, a.valid_until, a.questionnaire_id, a.version
         FROM customers c
         LEFT JOIN assessments a ON a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = c.customer_id
              ORDER BY y.assessed_on DESC, y.id DESC LIMIT 1)
         WHERE {} ORDER BY c.customer_id",
        in_which("c.customer_id", filter)
    );
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([filter], |r| {
        let status: String = r.get(1)?;
        let class: String = r.get(2)?;
        let level: Option<String> = r.get(5)?;
        let latest = match (level.as_deref().and_then(RiskLevel::parse), r.get::<_, Option<NaiveDate>>(7)?) {
            (Some(l), Some(until)) => Some((
                l,
                r.get::<_, Option<bool>>(6)?.unwrap_or(false),
                until,
                r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                r.get::<_, Option<u32>>(9)?.unwrap_or(0),
            )),
            _ => None,
        };
        Ok(CustomerRow {
            id: r.get(0)?,
            status: CustomerStatus::parse(&status).unwrap_or(CustomerStatus::Active),
            professional: class == "professional",
            birth_date: r.get(3)?,
            opened_on: r.get(4)?,
            latest,
        })
    })?;
    rows.collect()
}

type Snapshots = HashMap<String, (Vec<CashPoint>, Option<NaiveDate>)>;

/// Every snapshot (oldest first) and the latest one's last trade date, per customer.
fn load_snapshots(tx: &Connection, filter: &Option<String>) -> rusqlite::Result<Snapshots> {
    let sql = format!(
        "SELECT customer_id, as_of, cash, total_assets, last_trade_on FROM account_snapshots WHERE {}
         ORDER BY customer_id, as_of",
        in_which("customer_id", filter)
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([filter])?;
    let mut out: Snapshots = HashMap::new();
    while let Some(r) = rows.next()? {
        let e = out.entry(r.get(0)?).or_default();
        e.0.push(CashPoint { as_of: r.get(1)?, cash: r.get(2)?, total_assets: r.get(3)? });
        e.1 = r.get(4)?;
    }
    Ok(out)
}

/// The positions of each customer's latest holdings date, with the first date each is on record:
/// one scan of the holdings in key order (customer, date, code), no per-row subquery.
fn load_holdings(tx: &Connection, filter: &Option<String>) -> rusqlite::Result<HashMap<String, Vec<HoldingRow>>> {
    let sql = format!(
        "SELECT customer_id, as_of, code, quantity, cost_price FROM holdings WHERE {}
         ORDER BY customer_id, as_of, code",
        in_which("customer_id", filter)
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([filter])?;
    let mut out: HashMap<String, Vec<HoldingRow>> = HashMap::new();
    // the customer being read: the first date of each code, and the rows of the latest date so far
    let mut current: Option<String> = None;
    let mut first: HashMap<String, NaiveDate> = HashMap::new();
    let mut latest: Vec<HoldingRow> = Vec::new();
    let mut finish = |id: Option<String>, first: &mut HashMap<String, NaiveDate>, latest: &mut Vec<HoldingRow>| {
        if let Some(id) = id {
            let mut kept: Vec<HoldingRow> = std::mem::take(latest).into_iter().filter(|h| h.quantity > 0).collect();
            for h in &mut kept {
                h.first_held = first.get(&h.code).copied().unwrap_or(h.as_of);
            }
            if !kept.is_empty() {
                out.insert(id, kept);
            }
        }
        first.clear();
    };
    while let Some(r) = rows.next()? {
        let customer: String = r.get(0)?;
        if current.as_deref() != Some(customer.as_str()) {
            finish(current.take(), &mut first, &mut latest);
            current = Some(customer);
        }
        let as_of: NaiveDate = r.get(1)?;
        let code: String = r.get(2)?;
        first.entry(code.clone()).or_insert(as_of);
        if latest.first().is_some_and(|h| h.as_of != as_of) {
            latest.clear(); // a later date (rows come in date order)
        }
        latest.push(HoldingRow { as_of, code, quantity: r.get(3)?, cost_price: r.get(4)?, first_held: as_of });
    }
    finish(current.take(), &mut first, &mut latest);
    Ok(out)
}

/// Every security with the rating in force.
fn load_securities(tx: &Connection, rules: &Rules) -> rusqlite::Result<HashMap<String, (Security, ProductRisk)>> {
    let mut stmt = tx.prepare(
        "SELECT code, exchange, name, kind, board, industry, category, risk_rating, face_value FROM securities",
    )?;
    let rows = stmt.query_map([], |r| {
        let s = super::securities::row(r)?;
        let rating = effective_rating(&s, &rules.product_ratings);
        Ok((s.code.clone(), (s, rating)))
    })?;
    rows.collect()
}

/// Closes of every held security, oldest first, from far enough back for the moving average,
/// the 3-day fall and the peak since each position was first held — one read per security.
fn load_prices(
    tx: &Connection,
    holdings: &HashMap<String, Vec<HoldingRow>>,
    rules: &Rules,
) -> rusqlite::Result<HashMap<String, Vec<(NaiveDate, PriceMilli)>>> {
    let mut from: HashMap<&str, NaiveDate> = HashMap::new();
    let t = &rules.alerts.turning_point;
    // trading days → calendar days, generously (holidays)
    let window = chrono::Duration::days(((t.ma_days + t.cross_within_days + t.fall_days) * 2 + 15) as i64);
    for h in holdings.values().flatten() {
        let start = h.first_held.min(h.as_of - window);
        from.entry(h.code.as_str()).and_modify(|d| *d = (*d).min(start)).or_insert(start);
    }
    let mut stmt = tx.prepare_cached("SELECT date, close FROM prices WHERE code = ?1 AND date >= ?2 ORDER BY date")?;
    let mut out = HashMap::with_capacity(from.len());
    for (code, start) in from {
        let series: Vec<(NaiveDate, PriceMilli)> =
            stmt.query_map(params![code, start], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        out.insert(code.to_string(), series);
    }
    Ok(out)
}

/// Each customer's recent orders with the last close before each order's day.
type OrdersByCustomer = HashMap<String, Vec<(Order, Option<PriceMilli>)>>;

/// The orders of the last `order_days` calendar days up to the latest order day in the data, with the last close before each
/// order's (China) day, per customer.
fn load_orders(tx: &Connection, filter: &Option<String>, rules: &Rules) -> rusqlite::Result<OrdersByCustomer> {
    let latest: Option<DateTime<Utc>> = tx.query_row("SELECT MAX(time) FROM orders", [], |r| r.get(0))?;
    let mut out: OrdersByCustomer = HashMap::new();
    let Some(latest) = latest else { return Ok(out) };
    let last_day = crate::clock::china_date_of(latest);
    let first_day = last_day - chrono::Duration::days(i64::from(rules.alerts.mispriced_order.order_days) - 1);
    let since = first_day
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::china_offset()).single())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(latest);
    let sql = format!(
        "SELECT customer_id, time, code, side, price, quantity FROM orders WHERE time >= ?2 AND {}",
        in_which("customer_id", filter)
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut prev =
        tx.prepare_cached("SELECT close FROM prices WHERE code = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1")?;
    let mut rows = stmt.query(params![filter, since.to_rfc3339()])?;
    while let Some(r) = rows.next()? {
        let side: String = r.get(3)?;
        let o = Order {
            customer_id: r.get(0)?,
            time: r.get(1)?,
            code: r.get(2)?,
            side: Side::parse(&side).unwrap_or(Side::Buy),
            price: r.get(4)?,
            quantity: r.get(5)?,
        };
        let day = crate::clock::china_date_of(o.time);
        let close: Option<PriceMilli> = prev.query_row(params![o.code, day], |r| r.get(0)).optional()?;
        out.entry(o.customer_id.clone()).or_default().push((o, close));
    }
    Ok(out)
}

type TrackedKey = (String, String, String);

fn load_tracked(tx: &Connection, filter: &Option<String>) -> rusqlite::Result<HashMap<TrackedKey, Tracked>> {
    let sql = format!(
        "SELECT id, customer_id, rule, subject, severity, status, handled_severity, held, detail, detail_en, last_seen
         FROM alerts WHERE (status <> 'resolved' OR held = 1) AND {}",
        in_which("customer_id", filter)
    );
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([filter], |r| {
        let severity: String = r.get(4)?;
        let status: String = r.get(5)?;
        let handled: Option<String> = r.get(6)?;
        Ok((
            (r.get(1)?, r.get(2)?, r.get(3)?),
            Tracked {
                id: r.get(0)?,
                severity: Severity::parse(&severity).unwrap_or(Severity::Info),
                status: AlertStatus::parse(&status).unwrap_or(AlertStatus::Open),
                handled: handled.as_deref().and_then(Severity::parse),
                held: r.get(7)?,
                detail: r.get(8)?,
                detail_en: r.get(9)?,
                last_seen: r.get(10)?,
            },
        ))
    })?;
    rows.collect()
}

/// The expiring window of each questionnaire version the customers' latest assessments used.
fn expiring_days(
    tx: &Connection,
    customers: &[CustomerRow],
    rules: &Rules,
) -> Result<HashMap<(String, u32), u32>, StoreError> {
    let keys: HashSet<(String, u32)> =
        customers.iter().filter_map(|c| c.latest.as_ref().map(|l| (l.3.clone(), l.4))).collect();
    let mut out = HashMap::new();
    for (id, version) in keys {
        let days = super::assessments::questionnaire(tx, &id, version)?
            .map(|q| q.expiring_days)
            .unwrap_or(rules.assessment.expiring_days);
        out.insert((id, version), days);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
