//! Allocation (存量客户分配, SPEC §4.8): the loads of the managers concerned, the proposal of
//! [`crate::domain::allocation`] for a departing manager's book or a set of customers, and applying
//! a plan in one write transaction: the customers' manager (in `customers` and the derived
//! `customer_book`), one append-only `reassignments` record and one audit row per customer.
//!
//! Open callbacks and alerts carry no manager of their own: every list of 今日, 回访 and 预警 finds
//! them through the customer's current manager, so they follow the customer with the move.
//! Closed customers are not moved (a departing book moves its active and dormant customers).

use crate::store::db::{Db, Row};
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use crate::i18n::Msg;
use super::StoreError;
use crate::domain::allocation::{Load, Method, Moving, Plan, propose as propose_plan};
use crate::domain::model::{Manager, Role};
use crate::domain::tier::Tier;

/// Which customers move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// A (departing) manager's whole book: their active and dormant customers.
    Book(String),
    /// These customers (one from the detail screen, or the customers of a filter).
    Customers(Vec<String>),
}

fn rule(msg: Msg) -> StoreError {
    StoreError::Refused(Box::new(msg))
}

/// The loads (customers, assets in fen, tier mix; closed customers not counted) of `managers`,
/// from `customer_book`. A manager without customers has an empty load.
pub fn loads(conn: &Db, managers: &[String]) -> rusqlite::Result<BTreeMap<String, Load>> {
    let mut out = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT tier, COUNT(*), COALESCE(SUM(total_assets), 0) FROM customer_book
         WHERE manager_id = ?1 AND status <> 'closed' GROUP BY tier",
    )?;
    for m in managers {
        let mut load = Load::default();
        let rows = stmt.query_map([m], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (tier, n, assets) = row?;
            load.count += n as u64;
            load.assets = load.assets.saturating_add(assets);
            if let Some(t) = Tier::parse(&tier) {
                load.tiers[t.index()] += n as u64;
            }
        }
        out.insert(m.clone(), load);
    }
    Ok(out)
}

/// The customers of `selection` as the proposal needs them. Errors: an unknown manager, an
/// unknown or closed customer.
pub fn moving(conn: &Db, selection: &Selection) -> Result<Vec<Moving>, StoreError> {
    let row = |r: &Row<'_>| -> rusqlite::Result<(Moving, String)> {
        let tier: String = r.get(3)?;
        Ok((
            Moving {
                customer_id: r.get(0)?,
                from: r.get(1)?,
                assets: r.get(2)?,
                tier: Tier::parse(&tier).unwrap_or(Tier::T4),
            },
            r.get(4)?,
        ))
    };
    match selection {
        Selection::Book(m) => {
            if super::managers::get(conn, m)?.is_none() {
                return Err(rule(Msg::UnknownManagerId { id: m.clone() }));
            }
            let mut stmt = conn.prepare_cached(
                "SELECT customer_id, manager_id, total_assets, tier, status FROM customer_book
                 WHERE manager_id = ?1 AND status <> 'closed' ORDER BY customer_id",
            )?;
            let rows = stmt.query_map([m], row)?;
            Ok(rows.map(|r| r.map(|(c, _)| c)).collect::<rusqlite::Result<_>>()?)
        }
        Selection::Customers(ids) => {
            let mut stmt = conn.prepare_cached(
                "SELECT customer_id, manager_id, total_assets, tier, status FROM customer_book WHERE customer_id = ?1",
            )?;
            let mut out = Vec::with_capacity(ids.len());
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if !seen.insert(id.as_str()) {
                    continue;
                }
                match stmt.query_row([id], row).optional()? {
                    None => return Err(rule(Msg::UnknownCustomerId { id: id.clone() })),
                    Some((_, status)) if status == "closed" => {
                        return Err(rule(Msg::CustomerClosed { id: id.clone() }));
                    }
                    Some((c, _)) => out.push(c),
                }
            }
            Ok(out)
        }
    }
}

/// `ids` without the closed customers (and unknown ids), in the same order: the customers of a
/// filter that can be reassigned.
pub fn without_closed(conn: &Db, ids: &[String]) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT status <> 'closed' FROM customers WHERE customer_id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if stmt.query_row([id], |r| r.get::<_, bool>(0)).optional()? == Some(true) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// Proposes the moves of `selection` to the managers `to` (balanced when `method` is
/// [`Method::Balance`]), with the before/after table of every manager concerned.
///
/// Customers of a [`Selection::Customers`] already with a receiver are left out of the plan.
/// Errors: no or an unknown receiver, a departing book whose manager is also a receiver, several
/// receivers without the balance, an unknown manager or customer, a closed customer.
pub fn propose(conn: &Db, selection: &Selection, to: &[String], method: Method) -> Result<Plan, StoreError> {
    let mut receivers: Vec<String> = Vec::new();
    for m in to {
        if super::managers::get(conn, m)?.is_none() {
            return Err(rule(Msg::UnknownManagerId { id: m.clone() }));
        }
        if !receivers.contains(m) {
            receivers.push(m.clone());
        }
    }
    let mut moving = moving(conn, selection)?;
    if let Selection::Customers(_) = selection {
        // a filtered set (R on the list) may hold customers already with a receiver: they stay
        // where they are, the rest are spread (a whole departing book is refused in the domain
        // when its manager is also a receiver)
        let already = moving.iter().find(|c| receivers.contains(&c.from)).cloned();
        moving.retain(|c| !receivers.contains(&c.from));
        if let (true, Some(c)) = (moving.is_empty(), already) {
            // nothing left to move: say why
            return Err(rule(Msg::AlreadyWith { customer: c.customer_id, manager: c.from }));
        }
    }
    let mut sources: Vec<String> = moving.iter().map(|c| c.from.clone()).collect();
    if let Selection::Book(m) = selection {
        sources.push(m.clone());
    }
    sources.sort();
    sources.dedup();
    let receivers = loads(conn, &receivers)?;
    let sources = loads(conn, &sources)?;
    propose_plan(&moving, &receivers, &sources, method).map_err(|e| rule(Msg::Allocation(e)))
}

/// Applies `plan` in one write transaction as `by` (a supervisor; a manager is refused), at `now`,
/// with `reason` (`departure`, `balance`, `single`, `filter`, …) on every record. Each move must
/// still hold: the customer exists, is not closed and is still with `from` (else nothing is
/// applied); the receiver exists and differs. Returns how many customers moved.
pub fn apply(
    conn: &Db,
    plan: &Plan,
    by: &Manager,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    if by.role != Role::Supervisor {
        return Err(rule(Msg::OnlyHeadReassigns { manager: by.manager_id.clone() }));
    }
    let tx = super::write_tx_shared(conn)?;
    let installation = super::ids::installation_id(&tx)?;
    for mv in &plan.moves {
        if mv.to == mv.from {
            return Err(rule(Msg::AlreadyWith { customer: mv.customer_id.clone(), manager: mv.to.clone() }));
        }
        if super::managers::get(&tx, &mv.to)?.is_none() {
            return Err(rule(Msg::UnknownManagerId { id: mv.to.clone() }));
        }
        let current: Option<(String, String)> = tx
            .prepare_cached("SELECT manager_id, status FROM customers WHERE customer_id = ?1")?
            .query_row([&mv.customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match current {
            None => return Err(rule(Msg::UnknownCustomerId { id: mv.customer_id.clone() })),
            Some((_, status)) if status == "closed" => {
                return Err(rule(Msg::CustomerClosed { id: mv.customer_id.clone() }));
            }
            Some((m, _)) if m != mv.from => {
                return Err(rule(Msg::NowWith { customer: mv.customer_id.clone(), now: m, from: mv.from.clone() }));
            }
            Some(_) => {}
        }
        tx.prepare_cached("UPDATE customers SET manager_id = ?2 WHERE customer_id = ?1")?
            .execute(params![mv.customer_id, mv.to])?;
        tx.prepare_cached("UPDATE customer_book SET manager_id = ?2 WHERE customer_id = ?1")?
            .execute(params![mv.customer_id, mv.to])?;
        // a session under its own rules reads a private book (book_view): the file's follows too
        tx.prepare_cached(&format!("UPDATE {}.customer_book SET manager_id = ?2 WHERE customer_id = ?1", tx.main_schema()))?
            .execute(params![mv.customer_id, mv.to])?;
        tx.prepare_cached(
            "INSERT INTO reassignments (id, installation_id, customer_id, from_manager, to_manager, by_manager, at, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            super::ids::new_record_id(now),
            installation,
            mv.customer_id,
            mv.from,
            mv.to,
            by.manager_id,
            now.to_rfc3339(),
            reason
        ])?;
        super::audit::record(
            &tx,
            &super::audit::AuditEntry {
                at: now,
                actor: &by.manager_id,
                entity: "customer",
                entity_id: &mv.customer_id,
                action: "reassign",
                old_value: Some(&mv.from),
                new_value: Some(&mv.to),
            },
        )?;
    }
    tx.commit()?;
    Ok(plan.moves.len())
}

/// One reassignment record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassignment {
    pub id: String,
    pub installation_id: String,
    pub customer_id: String,
    pub from_manager: String,
    pub to_manager: String,
    pub by_manager: String,
    pub at: String,
    pub reason: String,
}

/// A customer's reassignments, oldest first.
pub fn history(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<Reassignment>> {
    conn.prepare_cached(
        "SELECT id, installation_id, customer_id, from_manager, to_manager, by_manager, at, reason
         FROM reassignments WHERE customer_id = ?1 ORDER BY at, id",
    )?
    .query_map([customer_id], |r| {
        Ok(Reassignment {
            id: r.get(0)?,
            installation_id: r.get(1)?,
            customer_id: r.get(2)?,
            from_manager: r.get(3)?,
            to_manager: r.get(4)?,
            by_manager: r.get(5)?,
            at: r.get(6)?,
            reason: r.get(7)?,
        })
    })?
    .collect()
}
