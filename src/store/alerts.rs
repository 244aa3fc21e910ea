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
use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::StoreError;
use super::book::Scope;
use crate::domain::alerts::{
    AlertRule, AlertStatus, CashPoint, CustomerFacts, CustomerInput, Finding, OrderFacts, Position, Severity, evaluate,
    weight_base,
};
use crate::domain::id_number::age_on;
use crate::domain::model::{CustomerStatus, Order, PriceMilli, Security, Side, market_value};
use crate::domain::money::Fen;
use crate::domain::rating::effective_rating;
use crate::domain::risk::{AssessmentStatus, ProductRisk, RiskLevel, RiskProfile, Suitability, suitability};
use crate::domain::rules::Rules;

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

// ---- reading alerts (screen, report, detail) ----

/// Which alerts a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Open and acknowledged (not resolved).
    #[default]
    Unresolved,
    Only(AlertStatus),
    All,
}

/// Filters of the 预警 list (combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertFilter {
    pub scope: Scope,
    pub rule: Option<AlertRule>,
    pub severity: Option<Severity>,
    pub status: StatusFilter,
}

/// One alert as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRow {
    pub id: i64,
    pub customer_id: String,
    pub customer_name: String,
    pub manager_id: String,
    pub rule: AlertRule,
    pub severity: Severity,
    pub subject: String,
    pub status: AlertStatus,
    pub first_seen: NaiveDate,
    pub last_seen: NaiveDate,
    pub detail: String,
    pub detail_en: String,
    pub actor: Option<String>,
    pub note: String,
    pub resolved_at: Option<String>,
}

impl AlertRow {
    /// The message in `lang` (the Chinese one when no English one is stored).
    pub fn message(&self, lang: crate::session::Lang) -> &str {
        match lang {
            crate::session::Lang::En if !self.detail_en.is_empty() => &self.detail_en,
            _ => &self.detail,
        }
    }
}

const ROW_COLUMNS: &str = "a.id, a.customer_id, c.name, c.manager_id, a.rule, a.severity, a.subject, a.status,
    a.first_seen, a.last_seen, a.detail, a.detail_en, a.actor, a.note, a.resolved_at";

fn alert_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AlertRow> {
    let rule: String = r.get(4)?;
    let severity: String = r.get(5)?;
    let status: String = r.get(7)?;
    Ok(AlertRow {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer_name: r.get(2)?,
        manager_id: r.get(3)?,
        rule: AlertRule::parse(&rule).unwrap_or(AlertRule::Suitability),
        severity: Severity::parse(&severity).unwrap_or(Severity::Info),
        subject: r.get(6)?,
        status: AlertStatus::parse(&status).unwrap_or(AlertStatus::Open),
        first_seen: r.get(8)?,
        last_seen: r.get(9)?,
        detail: r.get(10)?,
        detail_en: r.get(11)?,
        actor: r.get(12)?,
        note: r.get(13)?,
        resolved_at: r.get(14)?,
    })
}

/// Named parameters of a query built at run time.
type Params = Vec<(&'static str, Box<dyn ToSql>)>;

fn filter_sql(f: &AlertFilter) -> (String, Params) {
    let mut parts = vec!["1".to_string()];
    let mut p: Params = Vec::new();
    if let Scope::Manager(m) = &f.scope {
        parts.push("c.manager_id = :manager".into());
        p.push((":manager", Box::new(m.clone())));
    }
    // the unary `+` keeps these terms off the indexes, so a window is read in list order off
    // `alerts_order` instead of sorting every unresolved alert
    if let Some(r) = f.rule {
        parts.push("+a.rule = :rule".into());
        p.push((":rule", Box::new(r.code())));
    }
    if let Some(s) = f.severity {
        parts.push("+a.severity = :severity".into());
        p.push((":severity", Box::new(s.code())));
    }
    match f.status {
        StatusFilter::Unresolved => parts.push("+a.status IN ('open', 'acknowledged')".into()),
        StatusFilter::Only(s) => {
            parts.push("+a.status = :status".into());
            p.push((":status", Box::new(s.code())));
        }
        StatusFilter::All => {}
    }
    (parts.join(" AND "), p)
}

/// Order of the list: most severe first, then the oldest (longest outstanding), then customer.
const LIST_ORDER: &str = "CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.first_seen, a.customer_id, a.rule, a.subject, a.id";

/// How many alerts match.
pub fn count(conn: &Connection, f: &AlertFilter) -> rusqlite::Result<u64> {
    let (w, p) = filter_sql(f);
    // the customers only for a manager's book; the count then runs on an index of alerts alone
    let w = w.replace('+', "");
    let sql = match f.scope {
        Scope::Branch => format!("SELECT COUNT(*) FROM alerts a WHERE {w}"),
        Scope::Manager(_) => {
            format!("SELECT COUNT(*) FROM alerts a JOIN customers c ON c.customer_id = a.customer_id WHERE {w}")
        }
    };
    let bind: Vec<(&str, &dyn ToSql)> = p.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    conn.prepare_cached(&sql)?.query_row(bind.as_slice(), |r| r.get::<_, i64>(0).map(|n| n as u64))
}

/// The rows `offset .. offset + limit` of the list (severity, then age).
pub fn page(conn: &Connection, f: &AlertFilter, offset: usize, limit: usize) -> rusqlite::Result<Vec<AlertRow>> {
    let (w, p) = filter_sql(f);
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id WHERE {w}
         ORDER BY {LIST_ORDER} LIMIT {limit} OFFSET {offset}"
    );
    let bind: Vec<(&str, &dyn ToSql)> = p.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(bind.as_slice(), alert_row)?;
    rows.collect()
}

/// Every alert of `scope` (resolved ones too: the history), for the report: by customer, rule,
/// subject and first seen.
pub fn all(conn: &Connection, scope: &Scope) -> rusqlite::Result<Vec<AlertRow>> {
    let (w, p) = filter_sql(&AlertFilter { scope: scope.clone(), status: StatusFilter::All, ..AlertFilter::default() });
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id WHERE {w}
         ORDER BY a.customer_id, a.rule, a.subject, a.first_seen, a.id"
    );
    let bind: Vec<(&str, &dyn ToSql)> = p.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(bind.as_slice(), alert_row)?;
    rows.collect()
}

/// One alert by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<AlertRow>> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id WHERE a.id = ?1"
    ))?
    .query_row([id], alert_row)
    .optional()
}

/// The alerts of a customer not resolved, most severe first (the customer detail).
pub fn unresolved_of(conn: &Connection, customer_id: &str) -> rusqlite::Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id
         WHERE a.customer_id = ?1 AND a.status IN ('open', 'acknowledged') ORDER BY {LIST_ORDER}"
    ))?;
    let rows = stmt.query_map([customer_id], alert_row)?;
    rows.collect()
}

// ---- what a person records ----

/// Who records something on an alert, in which book, when.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The book the person sees (a manager acts only on their own customers).
    pub scope: &'a Scope,
    pub manager_id: &'a str,
    pub now: DateTime<Utc>,
}

/// What a person does to an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    Acknowledge,
    Resolve,
}

impl Handling {
    pub fn code(self) -> &'static str {
        match self {
            Handling::Acknowledge => "acknowledge",
            Handling::Resolve => "resolve",
        }
    }
}

/// The alert `id` if `scope` may act on it and its status allows `what` (acknowledge: open;
/// resolve: open or acknowledged).
fn actionable(
    conn: &Connection,
    id: i64,
    scope: &Scope,
    what: &str,
    allowed: &[AlertStatus],
) -> Result<AlertRow, StoreError> {
    let Some(a) = get(conn, id)? else { return Err(StoreError::Rule(format!("no alert {id}"))) };
    if let Scope::Manager(m) = scope
        && a.manager_id != *m
    {
        return Err(StoreError::Rule(format!("alert {id} is of a customer outside your book")));
    }
    if !allowed.contains(&a.status) {
        return Err(StoreError::Rule(format!("alert {id} is {}: cannot {what} it", a.status.code())));
    }
    Ok(a)
}

/// Acknowledges (open → acknowledged) or resolves (open/acknowledged → resolved, held while the
/// condition still holds) alert `id` with `note`, as `by`: the append-only
/// record in `alert_actions` and the alert's new state, in one transaction.
pub fn handle(conn: &Connection, id: i64, what: Handling, by: Actor<'_>, note: &str) -> Result<AlertRow, StoreError> {
    let Actor { scope, manager_id, now } = by;
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::Rule("a note is required".into()));
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let allowed: &[AlertStatus] = match what {
        Handling::Acknowledge => &[AlertStatus::Open],
        Handling::Resolve => &[AlertStatus::Open, AlertStatus::Acknowledged],
    };
    let a = actionable(&tx, id, scope, what.code(), allowed)?;
    record_action(&tx, &a, what, manager_id, note, now)?;
    let at = now.to_rfc3339();
    match what {
        Handling::Acknowledge => tx.execute(
            "UPDATE alerts SET status = 'acknowledged', handled_severity = severity, actor = ?2, note = ?3, updated_at = ?4
             WHERE id = ?1",
            params![id, manager_id, note, at],
        )?,
        Handling::Resolve => tx.execute(
            "UPDATE alerts SET status = 'resolved', held = 1, handled_severity = severity, resolved_at = ?4, actor = ?2,
             note = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, manager_id, note, at],
        )?,
    };
    let out = get(&tx, id)?.ok_or_else(|| StoreError::Rule(format!("no alert {id}")))?;
    tx.commit()?;
    Ok(out)
}

fn record_action(
    tx: &Connection,
    a: &AlertRow,
    what: Handling,
    manager_id: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let new_status = match what {
        Handling::Acknowledge => AlertStatus::Acknowledged,
        Handling::Resolve => AlertStatus::Resolved,
    };
    super::audit::record(
        tx,
        &super::audit::AuditEntry {
            at: now,
            actor: manager_id,
            entity: "alert",
            entity_id: &a.id.to_string(),
            action: what.code(),
            old_value: Some(a.status.code()),
            new_value: Some(new_status.code()),
        },
    )?;
    tx.prepare_cached(
        "INSERT INTO alert_actions (id, installation_id, alert_id, customer_id, rule, subject, severity, action,
         manager_id, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        super::ids::new_record_id(now),
        super::ids::installation_id(tx)?,
        a.id,
        a.customer_id,
        a.rule.code(),
        a.subject,
        a.severity.code(),
        what.code(),
        manager_id,
        now.to_rfc3339(),
        note
    ])?;
    Ok(())
}

/// A signed warning confirmation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub id: String,
    pub customer_id: String,
    pub code: String,
    pub product_rating: ProductRisk,
    pub customer_level: Option<RiskLevel>,
    pub manager_id: String,
    pub at: String,
    pub note: String,
}

/// Records the customer's signed risk warning on suitability alert `id` (SPEC §4.5: holding a
/// product above their level), as `by`, acknowledges the alert and plans the customer's
/// `mismatch_confirmed` callback — one transaction. Refused for a lowest-category customer (no waiver) and for one without a valid
/// assessment (assess first), as the domain's [`suitability`] decides on `today`.
pub fn confirm_warning(
    conn: &Connection,
    id: i64,
    by: Actor<'_>,
    note: &str,
    today: NaiveDate,
    rules: &Rules,
) -> Result<Confirmation, StoreError> {
    let Actor { scope, manager_id, now } = by;
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::Rule("a note is required".into()));
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let a = actionable(&tx, id, scope, "confirm", &[AlertStatus::Open, AlertStatus::Acknowledged])?;
    if a.rule != AlertRule::Suitability {
        return Err(StoreError::Rule(format!("alert {id} is not a suitability alert")));
    }
    let Some(security) = super::securities::get(&tx, &a.subject)? else {
        return Err(StoreError::Rule(format!("alert {id}: unknown product {}", a.subject)));
    };
    let rating = effective_rating(&security, &rules.product_ratings);
    let customer = super::customers::get(&tx, &a.customer_id)?
        .ok_or_else(|| StoreError::Rule(format!("unknown customer {}", a.customer_id)))?;
    let latest = super::assessments::latest(&tx, &a.customer_id)?;
    let profile = RiskProfile::resolve(
        customer.investor_class == crate::domain::model::InvestorClass::Professional,
        latest.as_ref().map(|l| (l.level, l.lowest, l.valid_until)),
        today,
    );
    let level = match suitability(profile, rating) {
        Suitability::AboveLevel { level, .. } => level,
        Suitability::LowestCategory { .. } => {
            return Err(StoreError::Rule(
                "最低风险承受能力类别客户不得持有 R1 以上产品，不能以签署风险警示替代 (lowest category: no waiver)"
                    .into(),
            ));
        }
        Suitability::Unassessed { .. } => {
            return Err(StoreError::Rule(
                "客户未有效测评：请先完成风险测评 (no valid assessment: assess the customer first)".into(),
            ));
        }
        Suitability::Suitable => {
            return Err(StoreError::Rule(format!("{} now fits the customer's level: nothing to confirm", a.subject)));
        }
    };
    let c = Confirmation {
        id: super::ids::new_record_id(now),
        customer_id: a.customer_id.clone(),
        code: a.subject.clone(),
        product_rating: rating,
        customer_level: Some(level),
        manager_id: manager_id.to_string(),
        at: now.to_rfc3339(),
        note: note.to_string(),
    };
    tx.execute(
        "INSERT INTO warning_confirmations (id, installation_id, alert_id, customer_id, code, product_rating,
         customer_level, manager_id, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.id,
            super::ids::installation_id(&tx)?,
            a.id,
            c.customer_id,
            c.code,
            rating.code(),
            level.code(),
            c.manager_id,
            c.at,
            c.note
        ],
    )?;
    if a.status == AlertStatus::Open {
        record_action(&tx, &a, Handling::Acknowledge, manager_id, note, now)?;
        tx.execute(
            "UPDATE alerts SET status = 'acknowledged', handled_severity = severity, actor = ?2, note = ?3, updated_at = ?4
             WHERE id = ?1",
            params![id, manager_id, note, c.at],
        )?;
    }
    super::audit::record(
        &tx,
        &super::audit::AuditEntry {
            at: now,
            actor: manager_id,
            entity: "warning_confirmation",
            entity_id: &c.id,
            action: "signed_warning",
            old_value: None,
            new_value: Some(&format!("{} {} {} > {}", c.customer_id, c.code, rating.code(), level.code())),
        },
    )?;
    // the confirmed mismatch plans its callback (within 2 trading days, SPEC §4.6)
    let cal = crate::domain::calendar::Calendar::defaults();
    super::callbacks::replan(&tx, rules, &cal, today, now, Some(std::slice::from_ref(&c.customer_id)))?;
    tx.commit()?;
    Ok(c)
}

/// The signed warning confirmations of a customer, newest first.
pub fn confirmations_of(conn: &Connection, customer_id: &str) -> rusqlite::Result<Vec<Confirmation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, code, product_rating, customer_level, manager_id, at, note FROM warning_confirmations
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        let rating: String = r.get(3)?;
        let level: Option<String> = r.get(4)?;
        Ok(Confirmation {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            code: r.get(2)?,
            product_rating: ProductRisk::parse(&rating).unwrap_or(ProductRisk::R5),
            customer_level: level.as_deref().and_then(RiskLevel::parse),
            manager_id: r.get(5)?,
            at: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    const TODAY: &str = "2025-08-27";
    const STAT: &str = "2025-08-26";

    fn now() -> DateTime<Utc> {
        crate::clock::now(Some(d(TODAY)))
    }

    /// One C3 customer holding `qty` of a main-board stock (R3) at cost 10.000 closing at 10.000,
    /// 200,000 yuan of assets; a ChiNext stock (R4) of 1,000 units.
    fn book() -> Connection {
        let conn = crate::store::open_in_memory().unwrap();
        crate::store::managers::upsert(
            &conn,
            &Manager { manager_id: "M01".into(), name: "李娜".into(), branch: "b".into(), role: Role::Manager },
        )
        .unwrap();
        crate::store::customers::upsert(
            &conn,
            &Customer {
                customer_id: "C1".into(),
                name: "张三".into(),
                kind: CustomerKind::Individual,
                gender: None,
                birth_date: Some(d("1980-01-01")),
                id_number: "x".into(),
                mobile: None,
                manager_id: "M01".into(),
                opened_on: d("2015-01-05"),
                investor_class: InvestorClass::Ordinary,
                status: CustomerStatus::Active,
            },
        )
        .unwrap();
        for (code, name, board) in [("600000", "浦发银行", "主板"), ("300750", "宁德时代", "创业板")] {
            crate::store::securities::upsert(
                &conn,
                &Security {
                    code: code.into(),
                    exchange: Exchange::SH,
                    name: name.into(),
                    kind: SecurityKind::Stock,
                    board: board.into(),
                    industry: String::new(),
                    category: String::new(),
                    risk_rating: None,
                    face_value: None,
                },
            )
            .unwrap();
            crate::store::prices::upsert(
                &conn,
                &PriceBar {
                    code: code.into(),
                    date: d(STAT),
                    open: 10_000,
                    high: 10_000,
                    low: 10_000,
                    close: 10_000,
                    volume: 1,
                },
            )
            .unwrap();
        }
        let q = crate::assets::default_questionnaire();
        crate::store::assessments::ensure_questionnaire(&conn, &q, now()).unwrap();
        crate::store::assessments::append(
            &conn,
            &Assessment {
                customer_id: "C1".into(),
                questionnaire_id: q.id.clone(),
                version: q.version,
                answers: "A".into(),
                score: 45,
                level: RiskLevel::C3,
                lowest: false,
                assessed_on: d("2025-01-10"),
                valid_until: d("2027-01-09"),
                manager_id: None,
                customer_confirmed: true,
            },
            now(),
        )
        .unwrap();
        crate::store::accounts::upsert(
            &conn,
            &AccountSnapshot {
                customer_id: "C1".into(),
                as_of: d(STAT),
                cash: 1_000_000,
                total_assets: 20_000_000,
                net_commission_12m: 0,
                other_income_12m: 0,
                turnover_12m: 0,
                last_trade_on: Some(d("2025-08-20")),
            },
        )
        .unwrap();
        set_holding(&conn, "300750", 1_000, 10_000);
        conn
    }

    fn set_holding(conn: &Connection, code: &str, quantity: i64, cost: PriceMilli) {
        crate::store::holdings::upsert(
            conn,
            &Holding { customer_id: "C1".into(), as_of: d(STAT), code: code.into(), quantity, cost_price: cost },
        )
        .unwrap();
    }

    fn run_all(conn: &mut Connection) -> RunSummary {
        run_now(conn, &Which::All, d(TODAY), now(), &Rules::defaults()).unwrap()
    }

    fn states(conn: &Connection) -> Vec<(String, String, String, String)> {
        let mut stmt = conn.prepare("SELECT rule, subject, severity, status FROM alerts ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    }

    fn s(a: &str, b: &str, c: &str, e: &str) -> (String, String, String, String) {
        (a.into(), b.into(), c.into(), e.into())
    }

    #[test]
    fn a_second_run_changes_nothing_and_gone_conditions_resolve() {
        let mut conn = book();
        let first = run_all(&mut conn);
        assert_eq!(first.opened, 1, "{first}");
        assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "open")]);
        let snapshot: Vec<(i64, String)> = conn
            .prepare("SELECT id, detail || last_seen || updated_at FROM alerts")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let second = run_all(&mut conn);
        assert!(!second.changed(), "{second}");
        assert_eq!(second.total_findings(), 1);
        let again: Vec<(i64, String)> = conn
            .prepare("SELECT id, detail || last_seen || updated_at FROM alerts")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(snapshot, again);
        // the R4 position sold: the alert resolves, kept with the time
        set_holding(&conn, "300750", 0, 10_000);
        let third = run_all(&mut conn);
        assert_eq!(third.resolved, 1);
        assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "resolved")]);
        let (at, actor): (Option<String>, Option<String>) =
            conn.query_row("SELECT resolved_at, actor FROM alerts", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((at.as_deref(), actor.as_deref()), (Some(now().to_rfc3339().as_str()), Some(ENGINE_ACTOR)));
        assert!(!run_all(&mut conn).changed());
        // bought again: a new alert, the old one stays in history
        set_holding(&conn, "300750", 1_000, 10_000);
        assert_eq!(run_all(&mut conn).opened, 1);
        assert_eq!(states(&conn).len(), 2);
    }

    #[test]
    fn acknowledged_is_not_reopened_unless_it_worsens() {
        let mut conn = book();
        // 90,000 of 200,000 in one main-board stock: 45% > 40%, warning
        set_holding(&conn, "300750", 0, 10_000);
        set_holding(&conn, "600000", 9_000, 10_000);
        run_all(&mut conn);
        assert_eq!(states(&conn), vec![s("concentration", "600000", "warning", "open")]);
        let id: i64 = conn.query_row("SELECT id FROM alerts", [], |r| r.get(0)).unwrap();
        let scope = Scope::Manager("M01".into());
        handle(
            &conn,
            id,
            Handling::Acknowledge,
            Actor { scope: &scope, manager_id: "M01", now: now() },
            "已电话告知客户分散持仓",
        )
        .unwrap();
        assert!(
            handle(&conn, id, Handling::Acknowledge, Actor { scope: &scope, manager_id: "M01", now: now() }, "again")
                .is_err()
        );
        // the same condition with other numbers: stays acknowledged
        set_holding(&conn, "600000", 9_500, 10_000);
        let r = run_all(&mut conn);
        assert_eq!(r.reopened, 0);
        assert_eq!(states(&conn), vec![s("concentration", "600000", "warning", "acknowledged")]);
        // worse: 110,000 = 55% > 50%, critical → open again
        set_holding(&conn, "600000", 11_000, 10_000);
        let r = run_all(&mut conn);
        assert_eq!(r.reopened, 1);
        assert_eq!(states(&conn), vec![s("concentration", "600000", "critical", "open")]);
        assert!(!run_all(&mut conn).changed());
        // resolved by a person while it holds: stays resolved, no new alert
        handle(
            &conn,
            id,
            Handling::Resolve,
            Actor { scope: &scope, manager_id: "M01", now: now() },
            "客户确认自愿集中持有",
        )
        .unwrap();
        assert!(!run_all(&mut conn).changed());
        assert_eq!(states(&conn), vec![s("concentration", "600000", "critical", "resolved")]);
        // the condition goes, then comes back: a new alert
        set_holding(&conn, "600000", 1_000, 10_000);
        run_all(&mut conn);
        set_holding(&conn, "600000", 11_000, 10_000);
        run_all(&mut conn);
        assert_eq!(states(&conn).last().unwrap(), &s("concentration", "600000", "critical", "open"));
        // two actions recorded, append-only
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM alert_actions", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        let audited: i64 = conn
            .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'alert' AND actor = 'M01'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 2);
        assert!(conn.execute("UPDATE alert_actions SET note = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM alert_actions", []).is_err());
        // another manager's scope may not act
        let other = Scope::Manager("M02".into());
        let last: i64 = conn.query_row("SELECT MAX(id) FROM alerts", [], |r| r.get(0)).unwrap();
        assert!(
            handle(&conn, last, Handling::Acknowledge, Actor { scope: &other, manager_id: "M02", now: now() }, "x")
                .is_err()
        );
    }

    #[test]
    fn signed_warning_is_recorded_once_and_append_only() {
        let mut conn = book();
        run_all(&mut conn);
        let id: i64 = conn.query_row("SELECT id FROM alerts", [], |r| r.get(0)).unwrap();
        let by = Actor { scope: &Scope::Branch, manager_id: "M01", now: now() };
        let c = confirm_warning(&conn, id, by, "客户已签署风险警示书", d(TODAY), &Rules::defaults()).unwrap();
        assert_eq!((c.product_rating, c.customer_level), (ProductRisk::R4, Some(RiskLevel::C3)));
        assert_eq!(uuid::Uuid::parse_str(&c.id).unwrap().get_version_num(), 7);
        assert_eq!(states(&conn), vec![s("suitability", "300750", "critical", "acknowledged")]);
        assert_eq!(confirmations_of(&conn, "C1").unwrap().len(), 1);
        // the confirmed mismatch planned its callback within 2 trading days (SPEC §4.6)
        let planned: (String, NaiveDate) = conn
            .query_row(
                "SELECT trigger, due_on FROM callback_plans WHERE customer_id = 'C1' AND reason = 'mismatch_confirmed'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(planned, (c.id.clone(), d("2025-08-29")), "Wed 08-27 + 2 trading days");
        assert!(conn.execute("UPDATE warning_confirmations SET note = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM warning_confirmations", []).is_err());
        assert!(!run_all(&mut conn).changed(), "an acknowledged mismatch stays acknowledged");
        // no note, no record
        assert!(confirm_warning(&conn, id, by, " ", d(TODAY), &Rules::defaults()).is_err());
    }

    #[test]
    fn only_the_customers_asked_for_are_touched() {
        let mut conn = book();
        let r =
            run_now(&mut conn, &Which::Customers(vec!["nobody".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
        assert_eq!((r.customers, r.opened), (0, 0));
        let r = run_now(&mut conn, &Which::Customers(vec!["C1".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
        assert_eq!((r.customers, r.opened), (1, 1));
        // a run for someone else leaves C1's alert alone
        let r =
            run_now(&mut conn, &Which::Customers(vec!["nobody".into()]), d(TODAY), now(), &Rules::defaults()).unwrap();
        assert_eq!(r.resolved, 0);
    }
}
