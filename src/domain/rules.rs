//! Firm-adjustable rule data (SPEC numbers marked *(default)*): tier thresholds and callback cadence,
//! default product ratings, assessment validity. Loaded from `assets/rules.toml` (embedded) or a
//! firm's own file with the same shape; validated at load.

use serde::Deserialize;

use super::alerts::AlertRules;
use super::money::{FEN_PER_YUAN, Fen};
use super::rating::RatingRule;
use super::risk::ProductRisk;
use super::tier::Tier;

/// The embedded default rules file.
pub const DEFAULT_RULES_TOML: &str = include_str!("../../assets/rules.toml");

/// One tier's thresholds (SPEC §4.3). Amounts in the file are whole yuan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TierRule {
    pub tier: Tier,
    /// Name shown in the UI, e.g. 钻石.
    pub label_zh: String,
    /// English name.
    pub label_en: String,
    /// Total assets at or above this (yuan) qualify; absent for the base tier.
    pub min_assets_yuan: Option<i64>,
    /// Or 12-month contribution at or above this (yuan).
    pub min_contribution_yuan: Option<i64>,
    /// Routine callback period in days (SPEC §4.6).
    pub callback_days: u32,
}

impl TierRule {
    /// Asset threshold in fen, if any.
    pub fn min_assets(&self) -> Option<Fen> {
        self.min_assets_yuan.map(|y| y.saturating_mul(FEN_PER_YUAN))
    }
    /// Contribution threshold in fen, if any.
    pub fn min_contribution(&self) -> Option<Fen> {
        self.min_contribution_yuan.map(|y| y.saturating_mul(FEN_PER_YUAN))
    }
}

/// Assessment rules outside a questionnaire file. Validity itself is per questionnaire version
/// (`validity_days` in its TOML, recorded with every assessment).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AssessmentRules {
    /// "Expiring" warning window, days before `valid_until`, where no questionnaire is at hand.
    pub expiring_days: u32,
}

/// Callback planning numbers (SPEC §4.6 defaults); the routine cadence per tier is
/// [`TierRule::callback_days`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CallbackRules {
    /// New account → a callback within this many calendar days of opening (30).
    pub new_account_days: u32,
    /// A new assessment with a changed level → within this many trading days (2).
    pub level_change_trading_days: u32,
    /// A suitability mismatch confirmed by the customer → within this many trading days (2).
    pub mismatch_trading_days: u32,
    /// Age (years) from which holding [`Self::elderly_min_rating`] or above shortens the cadence (60).
    pub elderly_age: u32,
    /// The product rating from which an elderly customer's holding counts (R4).
    pub elderly_min_rating: ProductRisk,
    /// The elderly customer's cadence cap in days (30).
    pub elderly_cadence_days: u32,
    /// "Not reached" is retried the next business day up to this many tries in all (3).
    pub max_tries: u32,
    /// Events dated more than this many days before today plan no callback (30).
    pub event_lookback_days: u32,
    /// The agenda's "next days" window (7).
    pub upcoming_days: u32,
}

/// All adjustable rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rules {
    pub assessment: AssessmentRules,
    pub callbacks: CallbackRules,
    /// T1..T4 in order, highest first.
    pub tiers: Vec<TierRule>,
    /// Ordered; the first rule that matches a security gives its default rating.
    pub product_ratings: Vec<RatingRule>,
    /// Thresholds of the holding-risk alerts (SPEC §4.7).
    pub alerts: AlertRules,
    /// The other segment axes (SPEC §4.4): optional fixed thresholds and band edges.
    #[serde(default)]
    pub segments: super::segment_axes::SegmentRules,
}

/// Why a rules file was refused.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{path}: {source}")]
    Toml { path: String, source: toml::de::Error },
    #[error("{path}: {rule}")]
    Invalid { path: String, rule: String },
}

impl Rules {
    /// Parses and validates a rules file; `path` only names it in errors.
    ///
    /// Errors: TOML syntax or shape; tiers not exactly T1..T4 in order; thresholds not decreasing;
    /// the last tier with a threshold; no catch-all product rating rule at the end.
    pub fn from_toml(text: &str, path: &str) -> Result<Rules, RulesError> {
        let rules: Rules = toml::from_str(text).map_err(|source| RulesError::Toml { path: path.into(), source })?;
        let invalid = |rule: String| RulesError::Invalid { path: path.into(), rule };
        let order: Vec<Tier> = rules.tiers.iter().map(|t| t.tier).collect();
        if order != Tier::ALL {
            return Err(invalid(format!("tiers must be T1, T2, T3, T4 in that order, found {order:?}")));
        }
        use super::limits::{MAX_THRESHOLD_YUAN, line_of};
        for t in &rules.tiers {
            for (key, v) in [("min_assets_yuan", t.min_assets_yuan), ("min_contribution_yuan", t.min_contribution_yuan)] {
                if let Some(v) = v
                    && !(0..=MAX_THRESHOLD_YUAN).contains(&v)
                {
                    let at = line_of(text, key, &v.to_string()).map(|n| format!("line {n}: ")).unwrap_or_default();
                    return Err(invalid(format!(
                        "{at}{:?} {key} = {v} must be between 0 and {MAX_THRESHOLD_YUAN} yuan",
                        t.tier
                    )));
                }
            }
        }
        for pair in rules.tiers.windows(2) {
            let (hi, lo) = (&pair[0], &pair[1]);
            if let (Some(a), Some(b)) = (hi.min_assets_yuan, lo.min_assets_yuan)
                && a <= b
            {
                return Err(invalid(format!("{:?} asset threshold {a} must exceed {:?}'s {b}", hi.tier, lo.tier)));
            }
            if let (Some(a), Some(b)) = (hi.min_contribution_yuan, lo.min_contribution_yuan)
                && a <= b
            {
                return Err(invalid(format!(
                    "{:?} contribution threshold {a} must exceed {:?}'s {b}",
                    hi.tier, lo.tier
                )));
            }
        }
        let base = &rules.tiers[3];
        if base.min_assets_yuan.is_some() || base.min_contribution_yuan.is_some() {
            return Err(invalid("T4 is the base tier and takes no threshold".into()));
        }
        if rules.tiers[..3].iter().any(|t| t.min_assets_yuan.is_none() && t.min_contribution_yuan.is_none()) {
            return Err(invalid("T1..T3 need an asset or a contribution threshold".into()));
        }
        let c = &rules.callbacks;
        if c.max_tries == 0 || c.max_tries > 20 {
            return Err(invalid(format!("callbacks.max_tries must be 1..=20, found {}", c.max_tries)));
        }
        let day_fields = [
            ("new_account_days", c.new_account_days),
            ("level_change_trading_days", c.level_change_trading_days),
            ("mismatch_trading_days", c.mismatch_trading_days),
            ("elderly_cadence_days", c.elderly_cadence_days),
            ("event_lookback_days", c.event_lookback_days),
            ("upcoming_days", c.upcoming_days),
        ];
        for (name, days) in day_fields {
            if days > 3660 {
                return Err(invalid(format!("callbacks.{name} must be at most 3660 days, found {days}")));
            }
        }
        if c.elderly_age > 150 {
            return Err(invalid(format!("callbacks.elderly_age must be at most 150, found {}", c.elderly_age)));
        }
        if let Some(t) = rules.tiers.iter().find(|t| t.callback_days == 0 || t.callback_days > 3660) {
            return Err(invalid(format!("{:?} callback_days must be 1..=3660, found {}", t.tier, t.callback_days)));
        }
        if !rules.product_ratings.last().is_some_and(RatingRule::is_catch_all) {
            return Err(invalid("product_ratings must end with a rule that matches everything".into()));
        }
        rules.alerts.validate().map_err(invalid)?;
        rules.segments.validate(rules.alerts.concentration.largest_warning_bp).map_err(invalid)?;
        Ok(rules)
    }

    /// The embedded defaults (SPEC §4.3, §4.5, §4.1).
    pub fn defaults() -> Rules {
        Rules::from_toml(DEFAULT_RULES_TOML, "assets/rules.toml").expect("embedded rules.toml is valid (tested)")
    }

    /// The rule row of `tier`.
    pub fn tier_rule(&self, tier: Tier) -> &TierRule {
        &self.tiers[tier.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_spec_table() {
        let r = Rules::defaults();
        assert_eq!(r.tier_rule(Tier::T1).min_assets(), Some(5_000_000 * 100));
        assert_eq!(r.tier_rule(Tier::T1).min_contribution(), Some(50_000 * 100));
        assert_eq!(r.tier_rule(Tier::T2).min_assets(), Some(1_000_000 * 100));
        assert_eq!(r.tier_rule(Tier::T2).min_contribution(), Some(10_000 * 100));
        assert_eq!(r.tier_rule(Tier::T3).min_assets(), Some(100_000 * 100));
        assert_eq!(r.tier_rule(Tier::T3).min_contribution(), Some(2_000 * 100));
        assert_eq!(r.tier_rule(Tier::T4).min_assets(), None);
        let days: Vec<u32> = r.tiers.iter().map(|t| t.callback_days).collect();
        assert_eq!(days, vec![30, 60, 90, 180]);
        assert_eq!(r.assessment.expiring_days, 30);
        let c = &r.callbacks;
        assert_eq!((c.new_account_days, c.level_change_trading_days, c.mismatch_trading_days), (30, 2, 2));
        assert_eq!((c.elderly_age, c.elderly_min_rating, c.elderly_cadence_days), (60, ProductRisk::R4, 30));
        assert_eq!((c.max_tries, c.upcoming_days), (3, 7));
    }

    #[test]
    fn refuses_bad_callback_numbers() {
        let bad = DEFAULT_RULES_TOML.replacen("max_tries = 3", "max_tries = 0", 1);
        let err = Rules::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert_eq!(err, "x.toml: callbacks.max_tries must be 1..=20, found 0");
        let bad = DEFAULT_RULES_TOML.replacen("callback_days = 30", "callback_days = 0", 1);
        let err = Rules::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert_eq!(err, "x.toml: T1 callback_days must be 1..=3660, found 0");
    }

    #[test]
    fn refuses_bad_orders() {
        let bad = DEFAULT_RULES_TOML.replacen("min_assets_yuan = 1000000", "min_assets_yuan = 9000000", 1);
        let err = Rules::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.starts_with("x.toml: T1 asset threshold"), "{err}");
    }

    #[test]
    fn alert_thresholds_load_and_are_checked() {
        let a = Rules::defaults().alerts;
        assert_eq!((a.concentration.largest_warning_bp, a.concentration.largest_critical_bp), (4000, 5000));
        assert_eq!(a.concentration.top3_warning_bp, 7000);
        assert_eq!((a.drawdown.warning_bp, a.drawdown.critical_bp), (1500, 2500));
        assert_eq!((a.turning_point.heavy_bp, a.turning_point.ma_days, a.turning_point.fall_bp), (2000, 20, 700));
        assert_eq!(a.mispriced_order.deviation_bp, 2000);
        assert_eq!((a.idle_cash.cash_bp, a.idle_cash.min_days), (9000, 30));
        assert_eq!((a.dormant.no_trade_days, a.dormant.regulatory_no_trade_years), (180, 3));
        assert_eq!((a.elderly.warning_age, a.elderly.critical_age), (60, 70));
        let bad = DEFAULT_RULES_TOML.replacen("largest_warning_bp = 4000", "largest_warning_bp = 6000", 1);
        let err = Rules::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("largest_warning_bp must be below"), "{err}");
        let missing = DEFAULT_RULES_TOML.replacen("[alerts.elderly]", "[alerts.elderlyx]", 1);
        assert!(Rules::from_toml(&missing, "x.toml").is_err());
    }
}
