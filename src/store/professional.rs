//! Professional-investor classifications (专业投资者, SPEC §4.2): each conversion, either way, is
//! an append-only record (UUID v7, installation id) with the criterion met, the evidence figures,
//! the customer's reason and the date; `customers.investor_class` follows it in the same
//! transaction, and the customer's `customer_book` row is refreshed at once (segment matrix and
//! suitability follow).

use crate::store::db::Db;
use crate::i18n::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::StoreError;
use crate::domain::model::InvestorClass;
use crate::domain::money::Fen;
use crate::domain::professional::{Conversion, ProfessionalFacts, check_conversion};
use crate::domain::rules::Rules;

/// One stored classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfessionalRecord {
    pub id: String,
    pub customer_id: String,
    pub conversion: Conversion,
    /// The criterion met (Chinese text from the domain rule).
    pub criterion: String,
    pub financial_assets: Fen,
    pub avg_income_3y: Fen,
    pub net_assets: Fen,
    pub experience_years: u32,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub manager_id: Option<String>,
}

/// Checks the conversion of `customer_id` against SPEC §4.2 ([`check_conversion`]) and, when
/// allowed, records it, sets the customer's investor class and refreshes their book row — in the
/// caller's transaction `tx`. Returns the record id.
///
/// Errors: unknown customer; already of the target class; figures below the thresholds (the
/// rule's text); an empty reason; SQL errors.
#[allow(clippy::too_many_arguments)]
pub fn convert(
    tx: &Db,
    rules: &Rules,
    customer_id: &str,
    to: Conversion,
    facts: ProfessionalFacts,
    reason: &str,
    decided_on: NaiveDate,
    manager_id: &str,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let Some(c) = super::customers::get(tx, customer_id)? else {
        return Err(StoreError::Refused(Box::new(Msg::UnknownCustomerId { id: customer_id.to_string() })));
    };
    let target = match to {
        Conversion::ToProfessional => InvestorClass::Professional,
        Conversion::ToOrdinary => InvestorClass::Ordinary,
    };
    if c.investor_class == target {
        return Err(StoreError::Refused(Box::new(Msg::AlreadyClass { customer: customer_id.to_string(), class: target })));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::Refused(Box::new(Msg::ConversionNeedsReason)));
    }
    let criterion = check_conversion(c.kind, facts, to).map_err(StoreError::Rule)?;
    let id = super::ids::new_record_id(now);
    tx.prepare_cached(
        "INSERT INTO professional_records (id, installation_id, customer_id, conversion, criterion, financial_assets,
         avg_income_3y, net_assets, experience_years, reason, decided_on, manager_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id,
        super::ids::installation_id(tx)?,
        customer_id,
        to.code(),
        criterion,
        facts.financial_assets,
        facts.avg_income_3y,
        facts.net_assets,
        facts.experience_years,
        reason.trim(),
        decided_on,
        manager_id,
        now.to_rfc3339(),
    ])?;
    tx.prepare_cached("UPDATE customers SET investor_class = ?2 WHERE customer_id = ?1")?
        .execute(params![customer_id, target.code()])?;
    super::audit::record(
        tx,
        &super::audit::AuditEntry {
            at: now,
            actor: manager_id,
            entity: "customer",
            entity_id: customer_id,
            action: "investor_class",
            old_value: Some(c.investor_class.code()),
            new_value: Some(target.code()),
        },
    )?;
    super::book_view::refresh_customer(tx, rules, customer_id)?;
    Ok(id)
}

/// A customer's classifications, newest first.
pub fn history(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<ProfessionalRecord>> {
    conn.prepare_cached(
        "SELECT id, customer_id, conversion, criterion, financial_assets, avg_income_3y, net_assets, experience_years,
                reason, decided_on, manager_id
         FROM professional_records WHERE customer_id = ?1 ORDER BY decided_on DESC, recorded_at DESC, id DESC",
    )?
    .query_map([customer_id], |r| {
        let conversion: String = r.get(2)?;
        Ok(ProfessionalRecord {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            conversion: Conversion::parse(&conversion).unwrap_or(Conversion::ToOrdinary),
            criterion: r.get(3)?,
            financial_assets: r.get(4)?,
            avg_income_3y: r.get(5)?,
            net_assets: r.get(6)?,
            experience_years: r.get(7)?,
            reason: r.get(8)?,
            decided_on: r.get(9)?,
            manager_id: r.get(10)?,
        })
    })?
    .collect()
}
