//! Suitability (适当性): a holding rated above the customer's level, above R1 for the lowest
//! category, or above R1 without a valid assessment — critical (SPEC §4.5, §4.7).

use super::{AlertRule, Finding, Position, Severity};
use crate::domain::risk::{RiskProfile, Suitability, suitability};

/// One critical finding per unsuitable holding (subject: its code).
pub fn check(profile: RiskProfile, positions: &[Position<'_>]) -> Vec<Finding> {
    positions
        .iter()
        .filter_map(|p| {
            let (zh, en) = match suitability(profile, p.rating) {
                Suitability::Suitable => return None,
                Suitability::AboveLevel { level, rating } => (
                    format!("{} 风险等级 {} 高于客户 {}", p.label(), rating.code(), level.code()),
                    format!("{} rated {} above the customer's {}", p.label(), rating.code(), level.code()),
                ),
                Suitability::LowestCategory { rating } => (
                    format!("{} {}：最低风险承受能力类别只可持有 R1", p.label(), rating.code()),
                    format!("{} {}: a lowest-category customer may hold only R1", p.label(), rating.code()),
                ),
                Suitability::Unassessed { rating } => (
                    format!("{} {}：客户未有效测评，只可持有 R1", p.label(), rating.code()),
                    format!("{} {}: no valid assessment, only R1 is suitable", p.label(), rating.code()),
                ),
            };
            Some(Finding::new(AlertRule::Suitability, Severity::Critical, p.security.code.clone(), zh, en))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::rating::effective_rating;
    use crate::domain::risk::{ProductRisk, RiskLevel};
    use crate::domain::rules::Rules;

    #[test]
    fn money_fund_fits_the_lowest_category_a_bond_fund_does_not() {
        let rules = Rules::defaults().product_ratings;
        let money = sec("511880", "银华日利", SecurityKind::Fund, "货币型-普通货币");
        let bond = sec("003376", "广发中债7-10年", SecurityKind::Fund, "债券型-长债");
        let (rm, rb) = (effective_rating(&money, &rules), effective_rating(&bond, &rules));
        assert_eq!((rm, rb), (ProductRisk::R1, ProductRisk::R2));
        let lowest = RiskProfile::Assessed { level: RiskLevel::C1, lowest: true };
        let positions = [pos(&money, rm, 1000, 100_000, 100_000, &[]), pos(&bond, rb, 1000, 1_200, 1_250, &[])];
        let found = check(lowest, &positions);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].subject, "003376");
        assert_eq!(found[0].severity, Severity::Critical);
        assert_eq!(found[0].message.zh, "广发中债7-10年(003376) R2：最低风险承受能力类别只可持有 R1");
    }

    #[test]
    fn above_level_and_unassessed() {
        let s = sec("300750", "宁德时代", SecurityKind::Stock, "");
        let p = [pos(&s, ProductRisk::R4, 100, 200_000, 250_000, &[])];
        let c3 = RiskProfile::Assessed { level: RiskLevel::C3, lowest: false };
        assert_eq!(check(c3, &p)[0].message.zh, "宁德时代(300750) 风险等级 R4 高于客户 C3");
        let c4 = RiskProfile::Assessed { level: RiskLevel::C4, lowest: false };
        assert!(check(c4, &p).is_empty(), "R4 = C4 fits");
        assert!(check(RiskProfile::Professional, &p).is_empty());
        let un = RiskProfile::Unassessed { last_level: Some(RiskLevel::C5) };
        assert_eq!(check(un, &p)[0].message.en, "宁德时代(300750) R4: no valid assessment, only R1 is suitable");
    }
}
