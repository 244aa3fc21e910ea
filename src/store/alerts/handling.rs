//! What a person records on an alert: acknowledgement, resolution, the customer's signed warning
//! (append-only records with UUID v7, audited).

use crate::store::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::*;
use crate::domain::alerts::{AlertRule, AlertStatus};
use crate::domain::rating::effective_rating;
use crate::domain::risk::{ProductRisk, RiskLevel, RiskProfile, Suitability, suitability};
use crate::domain::rules::Rules;
use crate::store::StoreError;
use crate::store::book::Scope;

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
    conn: &Db,
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
/// Runs in [`Db::write_retrying`]: a serialization failure or deadlock on PostgreSQL is retried.
pub fn handle(conn: &Db, id: i64, what: Handling, by: Actor<'_>, note: &str) -> Result<AlertRow, StoreError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::Rule("a note is required".into()));
    }
    conn.write_retrying(|tx| handle_in(tx, id, what, by, note))
}

/// [`handle`] inside the write transaction `tx` (run again on a retry).
fn handle_in(tx: &Db, id: i64, what: Handling, by: Actor<'_>, note: &str) -> Result<AlertRow, StoreError> {
    let Actor { scope, manager_id, now } = by;
    let allowed: &[AlertStatus] = match what {
        Handling::Acknowledge => &[AlertStatus::Open],
        Handling::Resolve => &[AlertStatus::Open, AlertStatus::Acknowledged],
    };
    let a = actionable(tx, id, scope, what.code(), allowed)?;
    record_action(tx, &a, what, manager_id, note, now)?;
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
    get(tx, id)?.ok_or_else(|| StoreError::Rule(format!("no alert {id}")))
}

fn record_action(
    tx: &Db,
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
    crate::store::audit::record(
        tx,
        &crate::store::audit::AuditEntry {
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
        crate::store::ids::new_record_id(now),
        crate::store::ids::installation_id(tx)?,
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
/// assessment (assess first), as the domain's [`suitability`] decides on `today`. Runs in
/// [`Db::write_retrying`].
pub fn confirm_warning(
    conn: &Db,
    id: i64,
    by: Actor<'_>,
    note: &str,
    today: NaiveDate,
    rules: &Rules,
) -> Result<Confirmation, StoreError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::Rule("a note is required".into()));
    }
    conn.write_retrying(|tx| confirm_in(tx, id, by, note, today, rules))
}

/// [`confirm_warning`] inside the write transaction `tx` (run again on a retry).
fn confirm_in(
    tx: &Db,
    id: i64,
    by: Actor<'_>,
    note: &str,
    today: NaiveDate,
    rules: &Rules,
) -> Result<Confirmation, StoreError> {
    let Actor { scope, manager_id, now } = by;
    let a = actionable(&tx, id, scope, "confirm", &[AlertStatus::Open, AlertStatus::Acknowledged])?;
    if a.rule != AlertRule::Suitability {
        return Err(StoreError::Rule(format!("alert {id} is not a suitability alert")));
    }
    let Some(security) = crate::store::securities::get(&tx, &a.subject)? else {
        return Err(StoreError::Rule(format!("alert {id}: unknown product {}", a.subject)));
    };
    let rating = effective_rating(&security, &rules.product_ratings);
    let customer = crate::store::customers::get(&tx, &a.customer_id)?
        .ok_or_else(|| StoreError::Rule(format!("unknown customer {}", a.customer_id)))?;
    let latest = crate::store::assessments::latest(&tx, &a.customer_id)?;
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
        id: crate::store::ids::new_record_id(now),
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
            crate::store::ids::installation_id(&tx)?,
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
    crate::store::audit::record(
        &tx,
        &crate::store::audit::AuditEntry {
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
    crate::store::callbacks::replan(&tx, rules, &cal, today, now, Some(std::slice::from_ref(&c.customer_id)))?;
    Ok(c)
}

/// The signed warning confirmations of a customer, newest first.
pub fn confirmations_of(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<Confirmation>> {
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
