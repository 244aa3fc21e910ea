//! The alert engine's reads and writes ([`run`]): the customers of the run in key order, cut into
//! chunks of [`CHUNK`] customers; for each chunk one range read per table (snapshots, holdings,
//! recent orders, tracked alerts), each in customer order, merged by customer. Memory is bounded
//! by one chunk's rows plus the price series of the held securities, not by the book. Securities
//! are interned (a number per code), price series are read once per security (again only when a
//! position needs an earlier start), dates are parsed and written without chrono's formatter, and
//! only the alerts whose row would change are written.

use crate::store::db::{Db, Row, Stmt};
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::rows::{Grouped, Held, HoldingRow, Prices, Securities, latest_positions, text};
use crate::store::days::{day, day_opt, day_text};

use super::{ENGINE_ACTOR, RunSummary, Which};
use crate::domain::alerts::{
    AlertRule, AlertStatus, CashPoint, CustomerFacts, CustomerInput, Finding, OrderFacts, Position, Severity, evaluate,
    weight_base,
};
use crate::domain::id_number::age_on;
use crate::domain::model::{CustomerStatus, Order, Side, market_value};
use crate::domain::money::Fen;
use crate::domain::risk::{AssessmentStatus, RiskLevel, RiskProfile};
use crate::domain::rules::Rules;
use crate::store::StoreError;

/// Customers evaluated per chunk (one range read per table each).
pub(super) const CHUNK: usize = 1024;

struct CustomerRow {
    id: String,
    status: CustomerStatus,
    professional: bool,
    birth_date: Option<NaiveDate>,
    opened_on: NaiveDate,
    /// The latest assessment: level, lowest, valid until, questionnaire (id, version).
    latest: Option<(RiskLevel, bool, NaiveDate, String, u32)>,
}

struct Tracked {
    id: i64,
    rule: Option<AlertRule>,
    subject: String,
    severity: Severity,
    status: AlertStatus,
    handled: Option<Severity>,
    held: bool,
    detail: String,
    detail_en: String,
    last_seen: NaiveDate,
}

/// The range condition of a chunk's read on `col`: `?1`..`?2` (first and last id of the chunk),
/// and for a sparse subset of the book the chunk's ids (`?3`, a JSON array), so that it reads
/// only its own rows.
fn chunk_filter(col: &str, sparse: bool) -> String {
    if sparse {
        format!("{col} IN (SELECT value FROM json_each(?3)) AND {col} BETWEEN ?1 AND ?2")
    } else {
        format!("{col} BETWEEN ?1 AND ?2 AND ?3 IS NULL")
    }
}

/// The statements of a run, prepared once.
struct Reads<'c> {
    snapshots: Stmt<'c>,
    holdings: Stmt<'c>,
    orders: Stmt<'c>,
    tracked: Stmt<'c>,
    prices: Stmt<'c>,
    last_close: Stmt<'c>,
    prev_close: Stmt<'c>,
}

impl<'c> Reads<'c> {
    fn prepare(tx: &'c Db, sparse: bool) -> rusqlite::Result<Reads<'c>> {
        Ok(Reads {
            snapshots: tx.prepare(&format!(
                "SELECT customer_id, as_of, cash, total_assets, last_trade_on FROM account_snapshots WHERE {}
                 ORDER BY customer_id, as_of",
                chunk_filter("customer_id", sparse)
            ))?,
            holdings: tx.prepare(&format!(
                "SELECT customer_id, as_of, code, quantity, cost_price FROM holdings WHERE {}
                 ORDER BY customer_id, as_of, code",
                chunk_filter("customer_id", sparse)
            ))?,
            orders: tx.prepare(&format!(
                "SELECT customer_id, time, code, side, price, quantity FROM orders WHERE time >= ?4 AND {}
                 ORDER BY customer_id, id",
                chunk_filter("customer_id", sparse)
            ))?,
            tracked: tx.prepare(&format!(
                "SELECT id, customer_id, rule, subject, severity, status, handled_severity, held, detail, detail_en,
                        last_seen
                 FROM alerts WHERE (status <> 'resolved' OR held = 1) AND {}
                 ORDER BY customer_id",
                chunk_filter("customer_id", sparse)
            ))?,
            prices: tx.prepare("SELECT date, close FROM prices WHERE code = ?1 AND date >= ?2 ORDER BY date")?,
            last_close: tx
                .prepare("SELECT close FROM prices WHERE code = ?1 AND date <= ?2 ORDER BY date DESC LIMIT 1")?,
            prev_close: tx
                .prepare("SELECT close FROM prices WHERE code = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1")?,
        })
    }
}

/// The place in `chunk` (ids in key order) of the customer `id` of a row read in key order,
/// moving `at` forward; `None` for a customer not in the chunk.
fn place(chunk: &[CustomerRow], at: &mut usize, id: &str) -> Option<usize> {
    while *at < chunk.len() && chunk[*at].id.as_str() < id {
        *at += 1;
    }
    (*at < chunk.len() && chunk[*at].id == id).then_some(*at)
}

/// Evaluates every rule for the customers of `which` and brings `alerts` in step, in the caller's
/// transaction (`tx`). `today` is the China date (assessment validity, ages, first/last seen);
/// `now` the instant recorded on resolutions. See the module [`super`] for the lifecycle.
pub fn run(
    tx: &Db,
    which: &Which,
    today: NaiveDate,
    now: DateTime<Utc>,
    rules: &Rules,
) -> Result<RunSummary, StoreError> {
    let filter = match which {
        Which::All => None,
        Which::Customers(ids) if ids.is_empty() => return Ok(RunSummary::default()),
        Which::Customers(ids) => Some(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())),
    };
    // a subset of at least 1 in 8 of the book is read by key ranges like the whole book (rows of
    // others in a range are skipped); a sparser one by its ids
    let sparse = match which {
        Which::Customers(ids) => {
            let total: i64 = tx.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get(0))?;
            (ids.len() as i64).saturating_mul(8) < total
        }
        Which::All => false,
    };
    let mut engine = Engine {
        tx,
        rules,
        today,
        today_text: day_text(today),
        now_text: now.to_rfc3339(),
        orders_since: orders_since(tx, rules)?,
        securities: Securities::load(tx, rules)?,
        prices: Prices { series: Vec::new() },
        expiring: HashMap::new(),
        reads: Reads::prepare(tx, sparse)?,
        sparse,
        summary: RunSummary::default(),
    };
    engine.prices.series.resize_with(engine.securities.list.len(), || None);

    let sql = format!(
        "SELECT c.customer_id, c.status, c.investor_class, c.birth_date, c.opened_on,
                a.level, a.lowest, a.valid_until, a.questionnaire_id, a.version
         FROM customers c
         LEFT JOIN assessments a ON a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = c.customer_id
              ORDER BY y.assessed_on DESC, y.id DESC LIMIT 1)
         WHERE {} ORDER BY c.customer_id",
        match filter {
            Some(_) => "c.customer_id IN (SELECT value FROM json_each(?1))",
            None => "?1 IS NULL",
        }
    );
    // the run writes only `alerts`: this read of customers and assessments stays valid throughout
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([&filter])?;
    let mut chunk: Vec<CustomerRow> = Vec::with_capacity(CHUNK);
    while let Some(ref r) = rows.next()? {
        chunk.push(customer_row(r)?);
        if chunk.len() == CHUNK {
            engine.chunk(&chunk)?;
            chunk.clear();
        }
    }
    if !chunk.is_empty() {
        engine.chunk(&chunk)?;
    }
    Ok(engine.summary)
}

fn customer_row(r: &Row<'_>) -> rusqlite::Result<CustomerRow> {
    let level = RiskLevel::parse(text(r, 5)?);
    let latest = match (level, day_opt(r, 7)?) {
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
        status: CustomerStatus::parse(text(r, 1)?).unwrap_or(CustomerStatus::Active),
        professional: text(r, 2)? == "professional",
        birth_date: day_opt(r, 3)?,
        opened_on: day(r, 4)?,
        latest,
    })
}

/// The instant from which orders are judged: the start (China time) of the first of the last
/// `order_days` calendar days up to the latest order day in the data; `None` without orders.
fn orders_since(tx: &Db, rules: &Rules) -> rusqlite::Result<Option<String>> {
    let latest: Option<DateTime<Utc>> = tx.query_row("SELECT MAX(time) FROM orders", [], |r| r.get(0))?;
    let Some(latest) = latest else { return Ok(None) };
    let last_day = crate::clock::china_date_of(latest);
    let first_day = last_day - chrono::Duration::days(i64::from(rules.alerts.mispriced_order.order_days) - 1);
    let since = first_day
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::china_offset()).single())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(latest);
    Ok(Some(since.to_rfc3339()))
}

struct Engine<'c> {
    tx: &'c Db,
    rules: &'c Rules,
    today: NaiveDate,
    today_text: String,
    now_text: String,
    orders_since: Option<String>,
    securities: Securities,
    prices: Prices,
    /// The expiring window of each questionnaire version met so far.
    expiring: HashMap<(String, u32), u32>,
    reads: Reads<'c>,
    /// Chunks are read by their ids, not by key range (see [`chunk_filter`]).
    sparse: bool,
    summary: RunSummary,
}

impl Engine<'_> {
    /// Reads the rows of `chunk`'s customers, evaluates them in key order and writes the changes.
    fn chunk(&mut self, chunk: &[CustomerRow]) -> Result<(), StoreError> {
        let (lo, hi) = (&chunk[0].id, &chunk[chunk.len() - 1].id);
        let ids = if self.sparse {
            Some(serde_json::to_string(&chunk.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()).unwrap_or_default())
        } else {
            None
        };
        let mut at = 0;
        let mut snapshots = Vec::new();
        let mut rows = self.reads.snapshots.query(params![lo, hi, ids])?;
        while let Some(ref r) = rows.next()? {
            let Some(i) = place(chunk, &mut at, text(r, 0)?) else { continue };
            let point = CashPoint { as_of: day(r, 1)?, cash: r.get(2)?, total_assets: r.get(3)? };
            snapshots.push((i, (point, day_opt(r, 4)?)));
        }
        drop(rows);
        let mut at = 0;
        let mut holdings = Vec::new();
        let mut rows = self.reads.holdings.query(params![lo, hi, ids])?;
        while let Some(ref r) = rows.next()? {
            let Some(i) = place(chunk, &mut at, text(r, 0)?) else { continue };
            holdings.push((
                i,
                HoldingRow {
                    as_of: day(r, 1)?,
                    security: self.securities.number(text(r, 2)?),
                    quantity: r.get(3)?,
                    cost_price: r.get(4)?,
                    first_held: NaiveDate::MIN,
                },
            ));
        }
        drop(rows);
        let mut orders = Vec::new();
        if let Some(since) = &self.orders_since {
            let mut at = 0;
            let mut rows = self.reads.orders.query(params![lo, hi, ids, since])?;
            while let Some(ref r) = rows.next()? {
                let Some(i) = place(chunk, &mut at, text(r, 0)?) else { continue };
                orders.push((
                    i,
                    Order {
                        customer_id: r.get(0)?,
                        time: r.get(1)?,
                        code: r.get(2)?,
                        side: Side::parse(text(r, 3)?).unwrap_or(Side::Buy),
                        price: r.get(4)?,
                        quantity: r.get(5)?,
                    },
                ));
            }
        }
        // read whole before any write to `alerts`
        let mut at = 0;
        let mut tracked = Vec::new();
        let mut rows = self.reads.tracked.query(params![lo, hi, ids])?;
        while let Some(ref r) = rows.next()? {
            let Some(i) = place(chunk, &mut at, text(r, 1)?) else { continue };
            tracked.push((
                i,
                Tracked {
                    id: r.get(0)?,
                    rule: AlertRule::parse(text(r, 2)?),
                    subject: r.get(3)?,
                    severity: Severity::parse(text(r, 4)?).unwrap_or(Severity::Info),
                    status: AlertStatus::parse(text(r, 5)?).unwrap_or(AlertStatus::Open),
                    handled: Severity::parse(text(r, 6)?),
                    held: r.get(7)?,
                    detail: r.get(8)?,
                    detail_en: r.get(9)?,
                    last_seen: day(r, 10)?,
                },
            ));
        }
        drop(rows);
        let (mut snapshots, mut holdings, mut orders, mut tracked) =
            (Grouped::new(snapshots), Grouped::new(holdings), Grouped::new(orders), Grouped::new(tracked));
        for (i, c) in chunk.iter().enumerate() {
            let held = latest_positions(holdings.take(i));
            self.customer(c, snapshots.take(i), held, orders.take(i), tracked.take(i))?;
        }
        Ok(())
    }

    fn customer(
        &mut self,
        c: &CustomerRow,
        snaps: Vec<(CashPoint, Option<NaiveDate>)>,
        held: Held,
        orders: Vec<Order>,
        mut tracked: Vec<Tracked>,
    ) -> Result<(), StoreError> {
        let rules = self.rules;
        let today = self.today;
        self.summary.customers += 1;
        let expiring_days = match &c.latest {
            Some(l) => self.expiring_days(&l.3, l.4)?,
            None => rules.assessment.expiring_days,
        };
        let last_trade_on = snaps.last().and_then(|s| s.1);
        let snaps: Vec<CashPoint> = snaps.into_iter().map(|s| s.0).collect();
        // price series of the positions: far enough back for the moving average, the n-day fall
        // and the peak since each position was first held (trading days → calendar days, generously)
        let t = &rules.alerts.turning_point;
        let window = chrono::Duration::days(((t.ma_days + t.cross_within_days + t.fall_days) * 2 + 15) as i64);
        let mut ranges = Vec::with_capacity(held.rows.len());
        for h in &held.rows {
            ranges.push(match h.security {
                Some(n) => {
                    let code = &self.securities.list[n as usize].0.code;
                    let start = h.first_held.min(h.as_of - window);
                    Some(self.prices.closes(
                        &mut self.reads.prices,
                        &mut self.reads.last_close,
                        code,
                        n,
                        start,
                        h.as_of,
                    )?)
                }
                None => None,
            });
        }
        let positions: Vec<Position<'_>> = held
            .rows
            .iter()
            .zip(ranges)
            .filter_map(|(h, range)| {
                let n = h.security?;
                let (range, close) = range?;
                let (security, rating) = &self.securities.list[n as usize];
                Some(Position {
                    security,
                    rating: *rating,
                    quantity: h.quantity,
                    cost_price: h.cost_price,
                    close,
                    market_value: market_value(h.quantity, close.unwrap_or(h.cost_price)),
                    cost_value: market_value(h.quantity, h.cost_price),
                    closes: &self.prices.get(n)[range],
                    first_held: h.first_held,
                })
            })
            .collect();
        let holdings_on = held.rows.first().map(|h| h.as_of);
        let market: Fen = positions.iter().map(|p| p.market_value).fold(0, Fen::saturating_add);
        let latest = snaps.last();
        let same_day = holdings_on.and_then(|on| snaps.iter().find(|s| s.as_of == on)).map(|s| s.total_assets);
        let base = weight_base(market, same_day, latest.map(|s| s.cash).unwrap_or(0));
        let valid_until = c.latest.as_ref().map(|l| l.2);
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
            last_trade_on,
            snapshots: snaps,
        };
        let mut prev = Vec::with_capacity(orders.len());
        for o in &orders {
            let on = crate::clock::china_date_of(o.time);
            prev.push(self.reads.prev_close.query_row(params![o.code, day_text(on)], |r| r.get(0)).optional()?);
        }
        let order_facts: Vec<OrderFacts<'_>> = orders
            .iter()
            .zip(prev)
            .filter_map(|(o, previous_close)| {
                let n = self.securities.number(&o.code)?;
                Some(OrderFacts { order: o, security: &self.securities.list[n as usize].0, previous_close })
            })
            .collect();
        let findings =
            evaluate(&CustomerInput { facts: &facts, positions: &positions, orders: &order_facts }, &rules.alerts);
        for f in findings {
            *self.summary.findings.entry(f.rule).or_default() += 1;
            let found = tracked.iter().position(|t| t.rule == Some(f.rule) && t.subject == f.subject);
            match found {
                Some(i) => {
                    let t = tracked.swap_remove(i);
                    self.reconcile(&t, &c.id, &f)?;
                }
                None => {
                    self.insert(&c.id, &f)?;
                    self.summary.opened += 1;
                }
            }
        }
        // what was tracked and is not found any more
        for t in tracked {
            if t.held {
                self.tx.prepare_cached("UPDATE alerts SET held = 0 WHERE id = ?1")?.execute([t.id])?;
                self.summary.updated += 1;
            } else {
                self.tx
                    .prepare_cached(
                        "UPDATE alerts SET status = 'resolved', resolved_at = ?2, actor = ?3, updated_at = ?2
                         WHERE id = ?1",
                    )?
                    .execute(params![t.id, self.now_text, ENGINE_ACTOR])?;
                self.summary.resolved += 1;
            }
        }
        Ok(())
    }

    /// The expiring window of a questionnaire version (the rules' default when it is unknown).
    fn expiring_days(&mut self, id: &str, version: u32) -> Result<u32, StoreError> {
        if let Some(days) = self.expiring.get(&(id.to_string(), version)) {
            return Ok(*days);
        }
        let days = crate::store::assessments::questionnaire(self.tx, id, version)?
            .map(|q| q.expiring_days)
            .unwrap_or(self.rules.assessment.expiring_days);
        self.expiring.insert((id.to_string(), version), days);
        Ok(days)
    }

    fn insert(&self, customer: &str, f: &Finding) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO alerts (customer_id, rule, severity, subject, detail, detail_en, first_seen, last_seen,
                                     status, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'open', ?8)",
            )?
            .execute(params![
                customer,
                f.rule.code(),
                f.severity.code(),
                f.subject,
                f.message.zh,
                f.message.en,
                self.today_text,
                self.now_text
            ])?;
        Ok(())
    }

    /// Brings a tracked alert found again in step (see the module [`super`]); writes only when
    /// its row would change.
    fn reconcile(&mut self, t: &Tracked, customer: &str, f: &Finding) -> rusqlite::Result<()> {
        let worse = t.handled.is_some_and(|h| f.severity > h);
        match t.status {
            AlertStatus::Resolved if worse => {
                // resolved by a person and now worse: a new alert (the old one stays in history)
                self.tx.prepare_cached("UPDATE alerts SET held = 0 WHERE id = ?1")?.execute([t.id])?;
                self.insert(customer, f)?;
                self.summary.reopened += 1;
                return Ok(());
            }
            AlertStatus::Acknowledged if worse => {
                self.tx
                    .prepare_cached(
                        "UPDATE alerts SET status = 'open', severity = ?2, detail = ?3, detail_en = ?4, last_seen = ?5,
                         handled_severity = NULL, updated_at = ?6 WHERE id = ?1",
                    )?
                    .execute(params![
                        t.id,
                        f.severity.code(),
                        f.message.zh,
                        f.message.en,
                        self.today_text,
                        self.now_text
                    ])?;
                self.summary.reopened += 1;
                return Ok(());
            }
            _ => {}
        }
        if t.severity == f.severity
            && t.detail == f.message.zh
            && t.detail_en == f.message.en
            && t.last_seen >= self.today
        {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "UPDATE alerts SET severity = ?2, detail = ?3, detail_en = ?4, last_seen = CASE WHEN last_seen >= ?5 THEN last_seen ELSE ?5 END,
                        updated_at = ?6
                 WHERE id = ?1",
            )?
            .execute(params![t.id, f.severity.code(), f.message.zh, f.message.en, self.today_text, self.now_text])?;
        self.summary.updated += 1;
        Ok(())
    }
}
