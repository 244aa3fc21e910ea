//! Holding-risk alerts (预警, SPEC §4.7) as pure rules: one file per rule family, each a function
//! over a customer's facts, positions (with their price history) and orders, giving findings
//! with the rule, severity, subject and a message with the numbers in Chinese and English.
//! No SQL, no clock: the store gathers the facts ([`crate::store::alerts`]) and passes `today`.
//!
//! Thresholds come from the `[alerts]` table of the rules file ([`AlertRules`]).

pub mod account;
pub mod assessment;
pub mod concentration;
pub mod customer_loss;
pub mod drawdown;
pub mod elderly;
pub mod mispriced_order;
pub mod suitability;
pub mod turning_point;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{CustomerStatus, Order, PriceMilli, Security};
use super::money::Fen;
use super::risk::{AssessmentStatus, ProductRisk, RiskProfile};

/// The rules of §4.7, in report order. `code()` is the report's rule name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AlertRule {
    Suitability,
    Concentration,
    Drawdown,
    TurningPoint,
    CustomerLoss,
    MispricedOrder,
    IdleCash,
    Dormant,
    Assessment,
    Elderly,
}

impl AlertRule {
    pub const ALL: [AlertRule; 10] = [
        AlertRule::Suitability,
        AlertRule::Concentration,
        AlertRule::Drawdown,
        AlertRule::TurningPoint,
        AlertRule::CustomerLoss,
        AlertRule::MispricedOrder,
        AlertRule::IdleCash,
        AlertRule::Dormant,
        AlertRule::Assessment,
        AlertRule::Elderly,
    ];
    /// snake_case name (DB, reports): `suitability`, `turning_point`, …
    pub fn code(self) -> &'static str {
        match self {
            AlertRule::Suitability => "suitability",
            AlertRule::Concentration => "concentration",
            AlertRule::Drawdown => "drawdown",
            AlertRule::TurningPoint => "turning_point",
            AlertRule::CustomerLoss => "customer_loss",
            AlertRule::MispricedOrder => "mispriced_order",
            AlertRule::IdleCash => "idle_cash",
            AlertRule::Dormant => "dormant",
            AlertRule::Assessment => "assessment",
            AlertRule::Elderly => "elderly",
        }
    }
    pub fn parse(s: &str) -> Option<AlertRule> {
        AlertRule::ALL.into_iter().find(|r| r.code() == s.trim())
    }
    /// 适当性 / 集中度 / …
    pub fn label_zh(self) -> &'static str {
        match self {
            AlertRule::Suitability => "适当性",
            AlertRule::Concentration => "集中度",
            AlertRule::Drawdown => "回撤",
            AlertRule::TurningPoint => "拐点",
            AlertRule::CustomerLoss => "客户亏损",
            AlertRule::MispricedOrder => "异常委托价",
            AlertRule::IdleCash => "资金闲置",
            AlertRule::Dormant => "休眠",
            AlertRule::Assessment => "测评",
            AlertRule::Elderly => "高龄",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            AlertRule::Suitability => "Suitability",
            AlertRule::Concentration => "Concentration",
            AlertRule::Drawdown => "Drawdown",
            AlertRule::TurningPoint => "Turning point",
            AlertRule::CustomerLoss => "Customer loss",
            AlertRule::MispricedOrder => "Mispriced order",
            AlertRule::IdleCash => "Idle cash",
            AlertRule::Dormant => "Dormant",
            AlertRule::Assessment => "Assessment",
            AlertRule::Elderly => "Elderly",
        }
    }
}

/// How serious an alert is; ordered info < warning < critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Info];
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.code() == s.trim())
    }
    /// 提示 / 警告 / 严重.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Critical => "严重",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

/// Lifecycle of a stored alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlertStatus {
    Open,
    Acknowledged,
    Resolved,
}

impl AlertStatus {
    pub const ALL: [AlertStatus; 3] = [AlertStatus::Open, AlertStatus::Acknowledged, AlertStatus::Resolved];
    pub fn code(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Acknowledged => "acknowledged",
            AlertStatus::Resolved => "resolved",
        }
    }
    pub fn parse(s: &str) -> Option<AlertStatus> {
        AlertStatus::ALL.into_iter().find(|v| v.code() == s.trim())
    }
    /// 未处理 / 已知悉 / 已解决.
    pub fn label_zh(self) -> &'static str {
        match self {
            AlertStatus::Open => "未处理",
            AlertStatus::Acknowledged => "已知悉",
            AlertStatus::Resolved => "已解决",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Acknowledged => "acknowledged",
            AlertStatus::Resolved => "resolved",
        }
    }
}

/// The subject of a customer-wide alert (the report's `subject` column).
pub const SUBJECT_CUSTOMER: &str = "customer";
/// The subject of the top-3 concentration alert.
pub const SUBJECT_TOP3: &str = "top3";

/// A message in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

/// What a rule found: the alert's key is (customer, `rule`, `subject`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: AlertRule,
    pub severity: Severity,
    /// A security code (holding), `order:…` (order), [`SUBJECT_CUSTOMER`] or [`SUBJECT_TOP3`].
    pub subject: String,
    pub message: Message,
}

impl Finding {
    pub fn new(rule: AlertRule, severity: Severity, subject: impl Into<String>, zh: String, en: String) -> Finding {
        Finding { rule, severity, subject: subject.into(), message: Message { zh, en } }
    }
}

// ---- thresholds ([alerts] of the rules file) ----

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConcentrationRules {
    pub largest_warning_bp: i64,
    pub largest_critical_bp: i64,
    pub top3_warning_bp: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DrawdownRules {
    pub warning_bp: i64,
    pub critical_bp: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TurningPointRules {
    pub heavy_bp: i64,
    pub ma_days: usize,
    pub cross_within_days: usize,
    pub fall_days: usize,
    pub fall_bp: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CustomerLossRules {
    pub loss_bp: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MispricedOrderRules {
    pub deviation_bp: i64,
    pub order_days: u32,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IdleCashRules {
    pub cash_bp: i64,
    pub min_days: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DormantRules {
    pub no_trade_days: i64,
    pub regulatory_no_trade_years: u32,
    pub regulatory_cash_yuan: i64,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AssessmentAlertRules {
    pub critical_above: ProductRisk,
}
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ElderlyRules {
    pub warning_age: u32,
    pub critical_age: u32,
    pub min_rating: ProductRisk,
}

/// Every threshold of §4.7.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AlertRules {
    pub concentration: ConcentrationRules,
    pub drawdown: DrawdownRules,
    pub turning_point: TurningPointRules,
    pub customer_loss: CustomerLossRules,
    pub mispriced_order: MispricedOrderRules,
    pub idle_cash: IdleCashRules,
    pub dormant: DormantRules,
    pub assessment: AssessmentAlertRules,
    pub elderly: ElderlyRules,
}

impl AlertRules {
    /// The broken rule, if any: shares within 1..=10000 bp, warning below critical, windows ≥ 1.
    pub fn validate(&self) -> Result<(), String> {
        let share = |name: &str, v: i64| {
            if (1..=10_000).contains(&v) { Ok(()) } else { Err(format!("alerts.{name} = {v} must be 1..=10000 bp")) }
        };
        let c = &self.concentration;
        share("concentration.largest_warning_bp", c.largest_warning_bp)?;
        share("concentration.largest_critical_bp", c.largest_critical_bp)?;
        share("concentration.top3_warning_bp", c.top3_warning_bp)?;
        if c.largest_warning_bp >= c.largest_critical_bp {
            return Err("alerts.concentration: largest_warning_bp must be below largest_critical_bp".into());
        }
        share("drawdown.warning_bp", self.drawdown.warning_bp)?;
        share("drawdown.critical_bp", self.drawdown.critical_bp)?;
        if self.drawdown.warning_bp >= self.drawdown.critical_bp {
            return Err("alerts.drawdown: warning_bp must be below critical_bp".into());
        }
        let t = &self.turning_point;
        share("turning_point.heavy_bp", t.heavy_bp)?;
        share("turning_point.fall_bp", t.fall_bp)?;
        if t.ma_days < 2 || t.cross_within_days < 1 || t.fall_days < 1 {
            return Err("alerts.turning_point: ma_days ≥ 2, cross_within_days ≥ 1, fall_days ≥ 1".into());
        }
        share("customer_loss.loss_bp", self.customer_loss.loss_bp)?;
        if self.mispriced_order.deviation_bp < 1 || self.mispriced_order.order_days < 1 {
            return Err("alerts.mispriced_order: deviation_bp ≥ 1 and order_days ≥ 1".into());
        }
        share("idle_cash.cash_bp", self.idle_cash.cash_bp)?;
        if self.idle_cash.min_days < 0 || self.dormant.no_trade_days < 1 || self.dormant.regulatory_cash_yuan < 0 {
            return Err("alerts: idle_cash.min_days ≥ 0, dormant.no_trade_days ≥ 1, regulatory_cash_yuan ≥ 0".into());
        }
        if self.elderly.warning_age >= self.elderly.critical_age {
            return Err("alerts.elderly: warning_age must be below critical_age".into());
        }
        Ok(())
    }
}

// ---- the facts a rule reads ----

/// One account snapshot's cash and total (for the idle-cash history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashPoint {
    pub as_of: NaiveDate,
    pub cash: Fen,
    pub total_assets: Fen,
}

/// What the rules know of a customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFacts {
    pub customer_id: String,
    pub status: CustomerStatus,
    /// What suitability matching uses (on `today`).
    pub profile: RiskProfile,
    /// Validity of the latest assessment on `today` (professional investors: ignored).
    pub assessment: AssessmentStatus,
    pub valid_until: Option<NaiveDate>,
    /// Age on `today`, when the birth date is known.
    pub age: Option<u32>,
    pub opened_on: NaiveDate,
    /// Statistics date the account is judged on (latest snapshot, else latest holdings date).
    pub as_of: NaiveDate,
    /// Cash of the latest snapshot.
    pub cash: Fen,
    /// What position weights are taken of (see [`weight_base`]).
    pub weight_base: Fen,
    /// Snapshots, oldest first (the latest last).
    pub snapshots: Vec<CashPoint>,
    pub last_trade_on: Option<NaiveDate>,
}

/// One position on the customer's latest holdings date.
#[derive(Debug, Clone, PartialEq)]
pub struct Position<'a> {
    pub security: &'a Security,
    /// The rating in force.
    pub rating: ProductRisk,
    pub quantity: i64,
    pub cost_price: PriceMilli,
    /// The latest close on or before the holdings date (`None`: no price, valued at cost).
    pub close: Option<PriceMilli>,
    pub market_value: Fen,
    pub cost_value: Fen,
    /// Closes of the security up to the holdings date, oldest first.
    pub closes: &'a [(NaiveDate, PriceMilli)],
    /// The first holdings date this position is on record (a lower bound of when it was bought).
    pub first_held: NaiveDate,
}

impl Position<'_> {
    /// `贵州茅台(600519)`.
    pub fn label(&self) -> String {
        format!("{}({})", self.security.name, self.security.code)
    }
}

/// One order with what it is compared against.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderFacts<'a> {
    pub order: &'a Order,
    pub security: &'a Security,
    /// The last close before the order's day.
    pub previous_close: Option<PriceMilli>,
}

/// Everything evaluated for one customer.
pub struct CustomerInput<'a> {
    pub facts: &'a CustomerFacts,
    /// Largest first is not required.
    pub positions: &'a [Position<'a>],
    pub orders: &'a [OrderFacts<'a>],
}

/// Runs every rule of §4.7 for one customer. Closed accounts raise nothing.
pub fn evaluate(input: &CustomerInput<'_>, rules: &AlertRules) -> Vec<Finding> {
    let f = input.facts;
    if f.status == CustomerStatus::Closed {
        return Vec::new();
    }
    let mut out = Vec::new();
    out.extend(suitability::check(f.profile, input.positions));
    out.extend(concentration::check(input.positions, f.weight_base, &rules.concentration));
    out.extend(drawdown::check(input.positions, &rules.drawdown));
    out.extend(turning_point::check(input.positions, f.weight_base, &rules.turning_point));
    out.extend(customer_loss::check(input.positions, &rules.customer_loss));
    out.extend(mispriced_order::check(input.orders, &rules.mispriced_order));
    out.extend(account::idle_cash(f, &rules.idle_cash));
    out.extend(account::dormant(f, !input.positions.is_empty(), &rules.dormant));
    out.extend(assessment::check(f, input.positions, &rules.assessment));
    out.extend(elderly::check(f.age, input.positions, &rules.elderly));
    out
}

/// What the weights of positions worth `market` on `holdings_on` are shares of (as the customer
/// detail shows them): the snapshot of that same day when it covers the positions, else the
/// positions plus the latest cash.
pub fn weight_base(market: Fen, snapshot_same_day: Option<Fen>, latest_cash: Fen) -> Fen {
    match snapshot_same_day {
        Some(total) if total >= market && total > 0 => total,
        _ => market.saturating_add(latest_cash.max(0)),
    }
}

// ---- exact comparisons and percent text ----

/// Whether `part / whole > bp / 10000`, exactly (no rounding); false for a zero or negative whole.
pub fn share_above(part: Fen, whole: Fen, bp: i64) -> bool {
    whole > 0 && (part as i128) * 10_000 > (bp as i128) * (whole as i128)
}

/// Whether `part / whole >= bp / 10000`, exactly.
pub fn share_at_least(part: Fen, whole: Fen, bp: i64) -> bool {
    whole > 0 && (part as i128) * 10_000 >= (bp as i128) * (whole as i128)
}

/// A threshold in bp as a percent without trailing zeros: 5000 → `50%`, 1250 → `12.5%`.
pub fn pct_threshold(bp: i64) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    if frac == 0 {
        format!("{whole}%")
    } else if frac % 10 == 0 {
        format!("{whole}.{}%", frac / 10)
    } else {
        format!("{whole}.{frac:02}%")
    }
}

/// A figure in bp as a percent with one decimal (`62.3%`), or two when one decimal would show it
/// equal to the `threshold` it is compared with (`50.01% > 50%`).
pub fn pct(bp: i64, threshold: i64) -> String {
    let tenths = if bp >= 0 { (bp + 5) / 10 } else { (bp - 5) / 10 };
    if tenths * 10 == threshold && bp != threshold {
        let sign = if bp < 0 { "-" } else { "" };
        return format!("{sign}{}.{:02}%", bp.abs() / 100, bp.abs() % 100);
    }
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}%", tenths.abs() / 10, tenths.abs() % 10)
}

/// A price in 厘 as yuan: two decimals, three when the 厘 digit is not zero (`1125.00`, `2.345`).
pub fn price_text(p: PriceMilli) -> String {
    let sign = if p < 0 { "-" } else { "" };
    let a = p.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{}.{:02}", a / 1000, (a % 1000) / 10)
    } else {
        format!("{sign}{}.{:03}", a / 1000, a % 1000)
    }
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Hand-made securities and positions for the rule tests.
    use super::*;
    use crate::domain::model::{Exchange, SecurityKind};

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub fn sec(code: &str, name: &str, kind: SecurityKind, category: &str) -> Security {
        Security {
            code: code.into(),
            exchange: Exchange::SH,
            name: name.into(),
            kind,
            board: "主板".into(),
            industry: String::new(),
            category: category.into(),
            risk_rating: None,
            face_value: None,
        }
    }

    /// A position of `quantity` at `close` (厘) bought at `cost` (厘), rated `rating`.
    pub fn pos<'a>(
        s: &'a Security,
        rating: ProductRisk,
        quantity: i64,
        cost: PriceMilli,
        close: PriceMilli,
        closes: &'a [(NaiveDate, PriceMilli)],
    ) -> Position<'a> {
        Position {
            security: s,
            rating,
            quantity,
            cost_price: cost,
            close: Some(close),
            market_value: crate::domain::model::market_value(quantity, close),
            cost_value: crate::domain::model::market_value(quantity, cost),
            closes,
            first_held: closes.first().map(|c| c.0).unwrap_or(d("2025-08-26")),
        }
    }

    pub fn facts() -> CustomerFacts {
        CustomerFacts {
            customer_id: "C1".into(),
            status: CustomerStatus::Active,
            profile: RiskProfile::Assessed { level: crate::domain::risk::RiskLevel::C3, lowest: false },
            assessment: AssessmentStatus::Valid,
            valid_until: Some(d("2027-01-01")),
            age: Some(45),
            opened_on: d("2015-01-05"),
            as_of: d("2025-08-26"),
            cash: 0,
            weight_base: 0,
            snapshots: Vec::new(),
            last_trade_on: Some(d("2025-08-20")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_text() {
        assert_eq!(pct(6230, 5000), "62.3%");
        assert_eq!(pct(5001, 5000), "50.01%");
        assert_eq!(pct(5000, 5000), "50.0%");
        assert_eq!(pct(-2500, -2500), "-25.0%");
        assert_eq!(pct(-2504, -2500), "-25.04%");
        assert_eq!(pct(-1499, 1500), "-15.0%");
        assert_eq!(pct_threshold(5000), "50%");
        assert_eq!(pct_threshold(1250), "12.5%");
        assert_eq!(pct_threshold(705), "7.05%");
        assert_eq!(price_text(1_125_000), "1125.00");
        assert_eq!(price_text(2_345), "2.345");
        assert_eq!(price_text(1_000), "1.00");
    }

    #[test]
    fn exact_shares() {
        assert!(!share_above(50, 100, 5000));
        assert!(share_above(5001, 10_000, 5000));
        assert!(share_at_least(50, 100, 5000));
        assert!(!share_above(1, 0, 0));
    }

    #[test]
    fn names_round_trip() {
        for r in AlertRule::ALL {
            assert_eq!(AlertRule::parse(r.code()), Some(r));
        }
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.code()), Some(s));
        }
        assert!(Severity::Critical > Severity::Warning && Severity::Warning > Severity::Info);
    }

    #[test]
    fn weight_base_prefers_the_same_day_snapshot() {
        assert_eq!(weight_base(100, Some(150), 30), 150);
        assert_eq!(weight_base(100, Some(90), 30), 130);
        assert_eq!(weight_base(100, None, 30), 130);
        assert_eq!(weight_base(100, None, -5), 100);
    }
}
