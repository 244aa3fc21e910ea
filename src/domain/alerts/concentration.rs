//! Concentration (集中度): the largest position over 40% of total assets (warning) or 50%
//! (critical); the three largest together over 70% (warning, with two positions or more).
//! Strictly above: a position at exactly 50.00% is a warning, at 50.01% critical.

use super::{
    AlertRule, ConcentrationRules, Finding, Position, SUBJECT_TOP3, Severity, pct, pct_threshold, share_above,
};
use crate::domain::money::{Fen, ratio_bp};

/// Findings for the largest position (subject: its code) and the top three (subject `top3`).
pub fn check(positions: &[Position<'_>], base: Fen, r: &ConcentrationRules) -> Vec<Finding> {
    let mut sorted: Vec<&Position<'_>> = positions.iter().filter(|p| p.market_value > 0).collect();
    sorted.sort_by(|a, b| b.market_value.cmp(&a.market_value).then(a.security.code.cmp(&b.security.code)));
    let mut out = Vec::new();
    let Some(largest) = sorted.first() else { return out };
    let weight = ratio_bp(largest.market_value, base).unwrap_or(0);
    let level = if share_above(largest.market_value, base, r.largest_critical_bp) {
        Some((Severity::Critical, r.largest_critical_bp))
    } else if share_above(largest.market_value, base, r.largest_warning_bp) {
        Some((Severity::Warning, r.largest_warning_bp))
    } else {
        None
    };
    if let Some((severity, threshold)) = level {
        let (w, t) = (pct(weight, threshold), pct_threshold(threshold));
        out.push(Finding::new(
            AlertRule::Concentration,
            severity,
            largest.security.code.clone(),
            format!("{} 占资产 {w} > {t}", largest.security.name),
            format!("{} {w} of assets > {t}", largest.security.name),
        ));
    }
    if sorted.len() >= 2 {
        let top: Fen = sorted.iter().take(3).map(|p| p.market_value).fold(0, |a, v| a.saturating_add(v));
        if share_above(top, base, r.top3_warning_bp) {
            let n = sorted.len().min(3);
            let (w, t) = (pct(ratio_bp(top, base).unwrap_or(0), r.top3_warning_bp), pct_threshold(r.top3_warning_bp));
            let names: Vec<&str> = sorted.iter().take(3).map(|p| p.security.name.as_str()).collect();
            out.push(Finding::new(
                AlertRule::Concentration,
                Severity::Warning,
                SUBJECT_TOP3,
                format!("前{n}大持仓（{}）合计占资产 {w} > {t}", names.join("、")),
                format!("top {n} positions ({}) {w} of assets > {t}", names.join(", ")),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::risk::ProductRisk;

    fn rules() -> ConcentrationRules {
        crate::domain::rules::Rules::defaults().alerts.concentration
    }

    #[test]
    fn at_and_around_fifty_percent() {
        let s = sec("600519", "贵州茅台", SecurityKind::Stock, "");
        // 100 shares at 1,000.000 yuan = 100,000.00 yuan of 200,000.00 total: exactly 50.0%
        let p = [pos(&s, ProductRisk::R3, 100, 900_000, 1_000_000, &[])];
        let f = check(&p, 20_000_000, &rules());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning, "50.0% is above 40% but not above 50%");
        assert_eq!(f[0].message.zh, "贵州茅台 占资产 50.0% > 40%");
        // 50.01%: total 199,960.00 → 100,000 / 199,960 = 50.010%
        let f = check(&p, 19_996_000, &rules());
        assert_eq!(f[0].severity, Severity::Critical);
        assert_eq!(f[0].message.zh, "贵州茅台 占资产 50.01% > 50%");
        assert_eq!(f[0].message.en, "贵州茅台 50.01% of assets > 50%");
        // 62.3%
        let f = check(&p, 16_051_364, &rules());
        assert_eq!(f[0].message.zh, "贵州茅台 占资产 62.3% > 50%");
        // exactly 40.0%: nothing
        assert!(check(&p, 25_000_000, &rules()).is_empty());
        // 40.01%: warning
        assert_eq!(check(&p, 24_993_000, &rules())[0].severity, Severity::Warning);
    }

    #[test]
    fn top_three() {
        let (a, b, c, e) = (
            sec("A", "甲", SecurityKind::Stock, ""),
            sec("B", "乙", SecurityKind::Stock, ""),
            sec("C", "丙", SecurityKind::Stock, ""),
            sec("E", "戊", SecurityKind::Stock, ""),
        );
        // units at 1 yuan: 30% + 25% + 15% = 70.0% of 100,000 yuan: not above 70%; a fourth of 10% does not count
        let mk = |s, v: i64| pos(s, ProductRisk::R3, v, 1_000, 1_000, &[]);
        let p = [mk(&a, 30_000), mk(&b, 25_000), mk(&c, 15_000), mk(&e, 10_000)];
        assert!(check(&p, 10_000_000, &rules()).is_empty());
        let p = [mk(&a, 30_000), mk(&b, 25_000), mk(&c, 15_010), mk(&e, 10_000)];
        let f = check(&p, 10_000_000, &rules());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, "top3");
        assert_eq!(f[0].message.zh, "前3大持仓（甲、乙、丙）合计占资产 70.01% > 70%");
        // one position alone never raises the top-3 alert
        let one = [mk(&a, 90_000)];
        let f = check(&one, 10_000_000, &rules());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, "A");
    }
}
