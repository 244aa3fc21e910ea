//! Assessment (测评): the latest assessment expires within the expiring window (warning), or has
//! expired or was never done (critical when holding anything above R1, else warning).
//! Professional investors have no level and raise nothing. Subject `customer`.

use super::{AlertRule, AssessmentAlertRules, CustomerFacts, Finding, Position, SUBJECT_CUSTOMER, Severity};
use crate::domain::risk::{AssessmentStatus, RiskProfile};

pub fn check(f: &CustomerFacts, positions: &[Position<'_>], r: &AssessmentAlertRules) -> Option<Finding> {
    if f.profile == RiskProfile::Professional {
        return None;
    }
    let above: Vec<&Position<'_>> = positions.iter().filter(|p| p.rating > r.critical_above).collect();
    let held = if above.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("，持有 {} 只 {} 以上产品", above.len(), r.critical_above.code()),
            format!(", holds {} product(s) above {}", above.len(), r.critical_above.code()),
        )
    };
    let severity = if above.is_empty() { Severity::Warning } else { Severity::Critical };
    let (severity, zh, en) = match (f.assessment, f.valid_until) {
        (AssessmentStatus::Valid, _) => return None,
        (AssessmentStatus::Expiring, Some(until)) => (
            Severity::Warning,
            format!("风险测评将于 {until} 到期，请安排重新测评"),
            format!("the risk assessment expires on {until}: plan a new one"),
        ),
        (AssessmentStatus::Expired, Some(until)) => (
            severity,
            format!("风险测评已于 {until} 过期{}", held.0),
            format!("the risk assessment expired on {until}{}", held.1),
        ),
        _ => (severity, format!("从未做过风险测评{}", held.0), format!("never assessed{}", held.1)),
    };
    Some(Finding::new(AlertRule::Assessment, severity, SUBJECT_CUSTOMER, zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::risk::{ProductRisk, RiskLevel};

    #[test]
    fn expiring_expired_never() {
        let r = crate::domain::rules::Rules::defaults().alerts.assessment;
        let money = sec("511880", "银华日利", SecurityKind::Fund, "货币型");
        let stock = sec("600000", "浦发银行", SecurityKind::Stock, "");
        let only_r1 = [pos(&money, ProductRisk::R1, 10, 100_000, 100_000, &[])];
        let r3 = [pos(&stock, ProductRisk::R3, 10, 10_000, 10_000, &[])];
        let mut f = facts();
        assert!(check(&f, &r3, &r).is_none());
        f.assessment = AssessmentStatus::Expiring;
        f.valid_until = Some(d("2025-09-10"));
        let g = check(&f, &r3, &r).unwrap();
        assert_eq!(
            (g.severity, g.message.zh.as_str()),
            (Severity::Warning, "风险测评将于 2025-09-10 到期，请安排重新测评")
        );
        f.assessment = AssessmentStatus::Expired;
        f.profile = RiskProfile::Unassessed { last_level: Some(RiskLevel::C3) };
        assert_eq!(check(&f, &only_r1, &r).unwrap().severity, Severity::Warning);
        let g = check(&f, &r3, &r).unwrap();
        assert_eq!(g.severity, Severity::Critical);
        assert_eq!(g.message.zh, "风险测评已于 2025-09-10 过期，持有 1 只 R1 以上产品");
        f.assessment = AssessmentStatus::Never;
        f.valid_until = None;
        assert_eq!(check(&f, &[], &r).unwrap().message.en, "never assessed");
        f.profile = RiskProfile::Professional;
        assert!(check(&f, &r3, &r).is_none());
    }
}
