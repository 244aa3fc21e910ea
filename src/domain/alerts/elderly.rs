//! Elderly (高龄): a customer aged 60 or more holding R4/R5 (warning), 70 or more (critical).
//! Subject `customer`; the message lists the products.

use super::{AlertRule, ElderlyRules, Finding, Position, SUBJECT_CUSTOMER, Severity};

pub fn check(age: Option<u32>, positions: &[Position<'_>], r: &ElderlyRules) -> Option<Finding> {
    let age = age?;
    if age < r.warning_age {
        return None;
    }
    let risky: Vec<&Position<'_>> = positions.iter().filter(|p| p.rating >= r.min_rating).collect();
    if risky.is_empty() {
        return None;
    }
    let severity = if age >= r.critical_age { Severity::Critical } else { Severity::Warning };
    let listed: Vec<String> =
        risky.iter().take(3).map(|p| format!("{} {}", p.security.name, p.rating.code())).collect();
    let more_zh = if risky.len() > 3 { format!(" 等{}只", risky.len()) } else { String::new() };
    let more_en = if risky.len() > 3 { format!(" and {} more", risky.len() - 3) } else { String::new() };
    let min = r.min_rating.code();
    Some(Finding::new(
        AlertRule::Elderly,
        severity,
        SUBJECT_CUSTOMER,
        format!("客户 {age} 岁，持有 {min} 及以上产品：{}{more_zh}", listed.join("、")),
        format!("customer aged {age} holds {min} or above: {}{more_en}", listed.join(", ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::risk::ProductRisk;

    #[test]
    fn sixty_and_seventy() {
        let r = crate::domain::rules::Rules::defaults().alerts.elderly;
        let gem = sec("300750", "宁德时代", SecurityKind::Stock, "");
        let main = sec("600000", "浦发银行", SecurityKind::Stock, "");
        let p = [pos(&gem, ProductRisk::R4, 10, 1, 1, &[]), pos(&main, ProductRisk::R3, 10, 1, 1, &[])];
        assert!(check(Some(59), &p, &r).is_none());
        let f = check(Some(60), &p, &r).unwrap();
        assert_eq!(
            (f.severity, f.message.zh.as_str()),
            (Severity::Warning, "客户 60 岁，持有 R4 及以上产品：宁德时代 R4")
        );
        assert_eq!(check(Some(69), &p, &r).unwrap().severity, Severity::Warning);
        assert_eq!(check(Some(70), &p, &r).unwrap().severity, Severity::Critical);
        assert!(check(Some(80), &p[1..], &r).is_none(), "R3 only");
        assert!(check(None, &p, &r).is_none());
    }
}
