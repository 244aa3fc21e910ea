//! Service tier (服务等级, 分级) from total assets or value contribution (SPEC §4.3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{Fen, format_wan};
use super::rules::Rules;

/// The four service tiers, T1 highest (钻石 金卡 银卡 普通 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    T1,
    T2,
    T3,
    T4,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::T1, Tier::T2, Tier::T3, Tier::T4];
    /// `"T1"` … `"T4"`.
    pub fn code(self) -> &'static str {
        ["T1", "T2", "T3", "T4"][self as usize]
    }
    /// 0..4.
    pub fn index(self) -> usize {
        self as usize
    }
    /// Parses `T1`..`T4` (case-insensitive).
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which threshold earned the tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TierBasis {
    /// Total assets ≥ threshold.
    Assets { figure: Fen, threshold: Fen },
    /// 12-month contribution ≥ threshold (assets alone were not enough).
    Contribution { figure: Fen, threshold: Fen },
    /// Base tier: neither threshold of any higher tier met.
    Base { assets: Fen, contribution: Fen },
}

/// A tier with the reason the UI shows (SPEC §4.3: which threshold, which figure, as of which date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierDecision {
    pub tier: Tier,
    pub basis: TierBasis,
    pub as_of: NaiveDate,
}

impl TierDecision {
    /// The reason in Chinese, e.g. `资产总值 612.3万 ≥ 500.0万（统计日 2025-08-26）`.
    pub fn reason_zh(&self) -> String {
        let body = match self.basis {
            TierBasis::Assets { figure, threshold } => {
                format!("资产总值 {} ≥ {}", format_wan(figure), format_wan(threshold))
            }
            TierBasis::Contribution { figure, threshold } => {
                format!("价值贡献 {} ≥ {}", format_wan(figure), format_wan(threshold))
            }
            TierBasis::Base { assets, contribution } => {
                format!("资产总值 {}、价值贡献 {} 未达更高等级", format_wan(assets), format_wan(contribution))
            }
        };
        format!("{body}（统计日 {}）", self.as_of)
    }
    /// The reason in English.
    pub fn reason_en(&self) -> String {
        let body = match self.basis {
            TierBasis::Assets { figure, threshold } => {
                format!("total assets {} ≥ {}", format_wan(figure), format_wan(threshold))
            }
            TierBasis::Contribution { figure, threshold } => {
                format!("contribution {} ≥ {}", format_wan(figure), format_wan(threshold))
            }
            TierBasis::Base { assets, contribution } => {
                format!(
                    "assets {} and contribution {} below higher tiers",
                    format_wan(assets),
                    format_wan(contribution)
                )
            }
        };
        format!("{body} (as of {})", self.as_of)
    }
}

/// The highest tier whose asset **or** contribution threshold the customer meets (SPEC §4.3).
/// When both are met at that tier, assets are named as the reason.
pub fn assign_tier(total_assets: Fen, contribution: Fen, as_of: NaiveDate, rules: &Rules) -> TierDecision {
    for rule in &rules.tiers {
        if let Some(threshold) = rule.min_assets().filter(|t| total_assets >= *t) {
            return TierDecision {
                tier: rule.tier,
                basis: TierBasis::Assets { figure: total_assets, threshold },
                as_of,
            };
        }
        if let Some(threshold) = rule.min_contribution().filter(|t| contribution >= *t) {
            return TierDecision {
                tier: rule.tier,
                basis: TierBasis::Contribution { figure: contribution, threshold },
                as_of,
            };
        }
    }
    TierDecision { tier: Tier::T4, basis: TierBasis::Base { assets: total_assets, contribution }, as_of }
}

#[cfg(test)]
mod tests {
    use super::*;
    const WAN: Fen = 1_000_000;

    fn tier(assets: Fen, contrib: Fen) -> TierDecision {
        assign_tier(assets, contrib, "2025-08-26".parse().unwrap(), &Rules::defaults())
    }

    #[test]
    fn thresholds_of_spec_table() {
        assert_eq!(tier(500 * WAN, 0).tier, Tier::T1); // exactly 500万
        assert_eq!(tier(500 * WAN - 1, 0).tier, Tier::T2); // one fen short
        assert_eq!(tier(0, 5 * WAN).tier, Tier::T1); // 5万 contribution alone
        assert_eq!(tier(100 * WAN, 0).tier, Tier::T2);
        assert_eq!(tier(50 * WAN, WAN).tier, Tier::T2); // 1万 contribution
        assert_eq!(tier(10 * WAN, 0).tier, Tier::T3);
        assert_eq!(tier(0, 200_000).tier, Tier::T3); // 2千 = 200,000 fen
        assert_eq!(tier(10 * WAN - 1, 199_999).tier, Tier::T4);
    }

    #[test]
    fn reasons_name_the_figure() {
        let d = tier(30 * WAN, 12_000 * 100); // 30万 assets, 1.2万 contribution → T2 by contribution
        assert_eq!(d.tier, Tier::T2);
        assert_eq!(d.basis, TierBasis::Contribution { figure: 1_200_000, threshold: WAN });
        assert_eq!(d.reason_zh(), "价值贡献 1.2万 ≥ 1.0万（统计日 2025-08-26）");
        let b = tier(5 * WAN, 0);
        assert_eq!(b.reason_zh(), "资产总值 5.0万、价值贡献 0元 未达更高等级（统计日 2025-08-26）");
    }
}
