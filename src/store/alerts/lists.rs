//! Reading alerts: the 预警 screen's windowed list, the report, a customer's unresolved alerts.

use crate::store::db::{Db, Row};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, ToSql};

use crate::domain::alerts::{AlertRule, AlertStatus, Severity};
use crate::store::book::Scope;

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

fn alert_row(r: &Row<'_>) -> rusqlite::Result<AlertRow> {
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
    let mut parts = vec!["1 = 1".to_string()];
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
pub fn count(conn: &Db, f: &AlertFilter) -> rusqlite::Result<u64> {
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
pub fn page(conn: &Db, f: &AlertFilter, offset: usize, limit: usize) -> rusqlite::Result<Vec<AlertRow>> {
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
pub fn all(conn: &Db, scope: &Scope) -> rusqlite::Result<Vec<AlertRow>> {
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
pub fn get(conn: &Db, id: i64) -> rusqlite::Result<Option<AlertRow>> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id WHERE a.id = ?1"
    ))?
    .query_row([id], alert_row)
    .optional()
}

/// The alerts of a customer not resolved, most severe first (the customer detail).
pub fn unresolved_of(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM alerts a JOIN customers c ON c.customer_id = a.customer_id
         WHERE a.customer_id = ?1 AND a.status IN ('open', 'acknowledged') ORDER BY {LIST_ORDER}"
    ))?;
    let rows = stmt.query_map([customer_id], alert_row)?;
    rows.collect()
}
