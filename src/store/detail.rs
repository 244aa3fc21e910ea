//! The read model of the customer detail screen (客户详情): one customer with the latest snapshot,
//! the tier and why, the risk profile and assessment validity, valued holdings with their rating,
//! suitability and weight, the assessment history, open alerts and the callback log.
//!
//! Everything is decided by the domain rules ([`assign_tier`], [`RiskProfile::resolve`],
//! [`effective_rating`], [`suitability`]); this module only gathers the figures.

use crate::store::db::Db;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::StoreError;
use super::holdings::ValuedHolding;
use crate::domain::id_number::age_on;
use crate::domain::model::{AccountSnapshot, Assessment, Customer, InvestorClass};
use crate::domain::money::Fen;
use crate::domain::rating::{RatingBasis, rating_with_basis};
use crate::domain::risk::{AssessmentStatus, ProductRisk, RiskProfile, Suitability, suitability};
use crate::domain::rules::Rules;
use crate::domain::schedule::{CallOutcome, CallbackReason, Channel};
use crate::domain::tier::{TierDecision, assign_tier};

/// How many callbacks of the log are loaded.
pub const CALLBACK_LOG: usize = 20;

/// One valued position with its rating, suitability and weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldingLine {
    pub valued: ValuedHolding,
    /// The rating in force ([`effective_rating`]).
    pub rating: ProductRisk,
    /// Where the rating comes from (the file, or which default rule).
    pub rating_basis: RatingBasis,
    /// Unresolved alerts on this holding (subject = its code): how many, and the worst severity.
    pub alerts: Option<(usize, crate::domain::alerts::Severity)>,
    pub suitability: Suitability,
    /// Share of total assets in basis points (1/10,000); `None` when total assets are zero.
    pub weight_bp: Option<i64>,
    /// Unrealised profit or loss (market value − cost), fen.
    pub pnl: Fen,
}

/// An open or acknowledged alert of the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertLine {
    pub rule: String,
    pub severity: String,
    pub subject: String,
    pub detail: String,
    /// The message in English (empty when none was stored).
    pub detail_en: String,
    pub first_seen: String,
    pub status: String,
}

/// One line of the customer's callbacks: an open callback or a logged call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackLine {
    /// The open callback's id (`None` for a logged call).
    pub plan_id: Option<String>,
    /// The day it first fell due (open) or the day of the call (logged).
    pub on: NaiveDate,
    /// Why it is planned (a call outside the plan has none).
    pub reason: Option<CallbackReason>,
    /// `None` for an open callback; how it went for a logged call.
    pub logged: Option<(Channel, CallOutcome)>,
    /// Failed tries (open) or the try number (logged).
    pub tries: u32,
    pub note: String,
}

/// Everything the detail screen shows about one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDetail {
    pub customer: Customer,
    /// Age on `today` from the birth date, if known.
    pub age: Option<u32>,
    /// Latest account snapshot.
    pub snapshot: Option<AccountSnapshot>,
    /// Tier and why (as of the snapshot date, or the opening date without one).
    pub tier: TierDecision,
    /// What suitability matching uses.
    pub profile: RiskProfile,
    /// Latest assessment (also when expired).
    pub latest_assessment: Option<Assessment>,
    /// Validity of the latest assessment on `today`.
    pub assessment_status: AssessmentStatus,
    /// The expiring window used (from the assessment's questionnaire, else the rules).
    pub expiring_days: u32,
    /// Holdings on their latest date, largest first.
    pub holdings: Vec<HoldingLine>,
    /// Statistics date of the holdings.
    pub holdings_as_of: Option<NaiveDate>,
    /// Total assets of the latest snapshot (what the tier is judged on), else Σ market value.
    pub total_assets: Fen,
    /// What the holdings' weights are taken of (figures of the holdings' own date, so that the
    /// weights of one day's positions add up to at most 100%).
    pub weight_basis: WeightBasis,
    /// The amount the weights are taken of, fen.
    pub weight_base: Fen,
    /// All assessments, newest first.
    pub history: Vec<Assessment>,
    /// Professional-investor classifications (SPEC §4.2), newest first.
    pub classifications: Vec<super::professional::ProfessionalRecord>,
    /// Alerts not resolved, most severe first.
    pub alerts: Vec<AlertLine>,
    /// Open callbacks (earliest due first), then the latest logged calls (newest first).
    pub callbacks: Vec<CallbackLine>,
}

/// What the weights of the holdings are shares of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightBasis {
    /// The total assets of the account snapshot on the holdings' date.
    Snapshot { as_of: NaiveDate },
    /// Σ market value of the holdings plus the cash of the snapshot nearest the holdings' date
    /// (there is none on that date, or its total assets are below the holdings' market value).
    MarketPlusCash { cash_as_of: NaiveDate },
    /// Σ market value of the holdings (no snapshot at all, or no holdings: nothing to weigh).
    Market,
}

impl CustomerDetail {
    /// Earliest open callback.
    pub fn next_callback(&self) -> Option<NaiveDate> {
        self.callbacks.iter().filter(|c| c.logged.is_none()).map(|c| c.on).min()
    }
    /// Σ market value of the holdings.
    pub fn market_value(&self) -> Fen {
        self.holdings.iter().map(|h| h.valued.market_value).sum()
    }
    /// Σ unrealised profit or loss.
    pub fn pnl(&self) -> Fen {
        self.holdings.iter().map(|h| h.pnl).sum()
    }
    /// Number of holdings that do not fit the customer's risk profile.
    pub fn unsuitable(&self) -> usize {
        self.holdings.iter().filter(|h| !h.suitability.is_suitable()).count()
    }
}

/// Loads the detail of `customer_id` as of `today` (assessment validity), or `None` if unknown.
pub fn load(
    conn: &Db,
    customer_id: &str,
    today: NaiveDate,
    rules: &Rules,
) -> Result<Option<CustomerDetail>, StoreError> {
    let Some(customer) = super::customers::get(conn, customer_id)? else { return Ok(None) };
    let snapshot = super::accounts::latest(conn, customer_id)?;
    let (assets, contribution, as_of) = match &snapshot {
        Some(s) => (s.total_assets, s.contribution(), s.as_of),
        None => (0, 0, customer.opened_on),
    };
    let tier = assign_tier(assets, contribution, as_of, rules);

    let history = super::assessments::history(conn, customer_id)?;
    let latest_assessment = history.first().cloned();
    let expiring_days = match &latest_assessment {
        Some(a) => super::assessments::questionnaire(conn, &a.questionnaire_id, a.version)?
            .map(|q| q.expiring_days)
            .unwrap_or(rules.assessment.expiring_days),
        None => rules.assessment.expiring_days,
    };
    let assessment_status =
        AssessmentStatus::of(latest_assessment.as_ref().map(|a| a.valid_until), today, expiring_days);
    let profile = RiskProfile::resolve(
        customer.investor_class == InvestorClass::Professional,
        latest_assessment.as_ref().map(|a| (a.level, a.lowest, a.valid_until)),
        today,
    );

    let valued = super::holdings::latest_valued(conn, customer_id)?;
    let holdings_as_of = valued.first().map(|v| v.holding.as_of);
    let market: Fen = valued.iter().fold(0 as Fen, |a, v| a.saturating_add(v.market_value));
    let total_assets = if snapshot.is_some() && assets > 0 { assets } else { market };
    let (weight_basis, weight_base) = match holdings_as_of {
        Some(on) => weight_base(conn, customer_id, on, market)?,
        None => (WeightBasis::Market, market),
    };
    let alerts = alerts(conn, customer_id)?;
    let holdings: Vec<HoldingLine> = valued
        .into_iter()
        .map(|v| {
            let (rating, rating_basis) = rating_with_basis(&v.security, &rules.product_ratings);
            let on: Vec<crate::domain::alerts::Severity> = alerts
                .iter()
                .filter(|a| a.subject == v.holding.code)
                .filter_map(|a| crate::domain::alerts::Severity::parse(&a.severity))
                .collect();
            HoldingLine {
                rating,
                rating_basis,
                alerts: on.iter().max().map(|worst| (on.len(), *worst)),
                suitability: suitability(profile, rating),
                weight_bp: crate::domain::money::ratio_bp(v.market_value, weight_base),
                pnl: v.market_value - v.cost_value,
                valued: v,
            }
        })
        .collect();
    Ok(Some(CustomerDetail {
        age: customer.birth_date.map(|b| age_on(b, today)),
        alerts,
        callbacks: callbacks(conn, customer_id)?,
        customer,
        snapshot,
        tier,
        profile,
        latest_assessment,
        assessment_status,
        expiring_days,
        holdings,
        holdings_as_of,
        total_assets,
        weight_basis,
        weight_base,
        history,
        classifications: super::professional::history(conn, customer_id)?,
    }))
}

/// What the weights of holdings dated `on` (worth `market` in all) are taken of: the total
/// assets of the snapshot of that same date when there is one and it covers the holdings; else
/// the holdings plus the cash of the snapshot nearest that date (on or before it first); else
/// the holdings alone. A later snapshot's total (the account moved since) is never used: the
/// weights of one day's positions add up to at most 100%.
fn weight_base(
    conn: &Db,
    customer_id: &str,
    on: NaiveDate,
    market: Fen,
) -> rusqlite::Result<(WeightBasis, Fen)> {
    if let Some(s) = super::accounts::get(conn, customer_id, on)?
        && s.total_assets >= market
        && s.total_assets > 0
    {
        return Ok((WeightBasis::Snapshot { as_of: on }, s.total_assets));
    }
    let nearest: Option<(NaiveDate, Fen)> = conn
        .prepare_cached(
            "SELECT as_of, cash FROM account_snapshots WHERE customer_id = ?1
             ORDER BY as_of > ?2, CASE WHEN as_of <= ?2 THEN as_of END DESC, as_of LIMIT 1",
        )?
        .query_row(params![customer_id, on], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match nearest {
        Some((cash_as_of, cash)) => (WeightBasis::MarketPlusCash { cash_as_of }, market + cash.max(0)),
        None => (WeightBasis::Market, market),
    })
}

fn alerts(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<AlertLine>> {
    conn.prepare_cached(
        "SELECT rule, severity, subject, detail, first_seen, status, detail_en FROM alerts
         WHERE customer_id = ?1 AND status <> 'resolved'
         ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, first_seen DESC, id DESC",
    )?
    .query_map([customer_id], |r| {
        Ok(AlertLine {
            rule: r.get(0)?,
            severity: r.get(1)?,
            subject: r.get(2)?,
            detail: r.get(3)?,
            first_seen: r.get(4)?,
            status: r.get(5)?,
            detail_en: r.get(6)?,
        })
    })?
    .collect()
}

fn callbacks(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<CallbackLine>> {
    let (open, log) = super::callbacks::lists::for_customer(conn, customer_id, CALLBACK_LOG)?;
    let open = open.into_iter().map(|p| CallbackLine {
        plan_id: Some(p.plan_id),
        on: p.first_due_on,
        reason: Some(p.reason),
        logged: None,
        tries: p.tries,
        note: String::new(),
    });
    let logged = log.into_iter().map(|l| CallbackLine {
        plan_id: None,
        on: l.called_on,
        reason: l.reason,
        logged: Some((l.channel, l.outcome)),
        tries: l.try_no,
        note: l.note,
    });
    Ok(open.chain(logged).collect())
}
