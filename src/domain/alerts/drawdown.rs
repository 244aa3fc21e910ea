//! Drawdown (回撤): a position's value down 15% (warning) or 25% (critical) from the higher of its
//! cost and its peak close since it was first seen held. At the threshold it fires (−25.0% is
//! critical). Positions without a close are valued at cost and never draw down.

use super::{AlertRule, DrawdownRules, Finding, Position, Severity, pct, pct_threshold, price_text};
use crate::domain::model::PriceMilli;

/// The reference a position's drawdown is measured from: the higher of the cost price and the
/// peak close on or after `first_held`, and whether it is the peak.
pub fn reference(p: &Position<'_>) -> (PriceMilli, bool) {
    let peak = p.closes.iter().filter(|(d, _)| *d >= p.first_held).map(|(_, c)| *c).max();
    match peak {
        Some(peak) if peak > p.cost_price => (peak, true),
        _ => (p.cost_price, false),
    }
}

/// One finding per position down at least the warning threshold (subject: its code).
pub fn check(positions: &[Position<'_>], r: &DrawdownRules) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in positions {
        let Some(close) = p.close else { continue };
        let (reference, from_peak) = reference(p);
        if reference <= 0 || close >= reference {
            continue;
        }
        let drop = (reference - close) as i128 * 10_000;
        let at_least = |bp: i64| drop >= bp as i128 * reference as i128;
        let (severity, threshold) = if at_least(r.critical_bp) {
            (Severity::Critical, r.critical_bp)
        } else if at_least(r.warning_bp) {
            (Severity::Warning, r.warning_bp)
        } else {
            continue;
        };
        let bp = crate::domain::money::ratio_bp(close - reference, reference).unwrap_or(0);
        let shown = pct(bp, -threshold);
        let t = pct_threshold(threshold);
        let (ref_zh, ref_en) =
            if from_peak { ("持有以来最高收盘", "peak close since held") } else { ("成本", "cost") };
        out.push(Finding::new(
            AlertRule::Drawdown,
            severity,
            p.security.code.clone(),
            format!(
                "{} 较{ref_zh} {} 回撤 {shown}（现价 {}），超过 -{t}",
                p.label(),
                price_text(reference),
                price_text(close)
            ),
            format!(
                "{} {shown} from its {ref_en} {} (now {}), beyond -{t}",
                p.label(),
                price_text(reference),
                price_text(close)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::risk::ProductRisk;

    fn rules() -> DrawdownRules {
        crate::domain::rules::Rules::defaults().alerts.drawdown
    }

    #[test]
    fn from_cost_at_and_around_the_thresholds() {
        let s = sec("600519", "贵州茅台", SecurityKind::Stock, "");
        // cost 1,500.000, close 1,125.000: exactly −25.0% → critical
        let p = [pos(&s, ProductRisk::R3, 100, 1_500_000, 1_125_000, &[])];
        let f = check(&p, &rules());
        assert_eq!(f[0].severity, Severity::Critical);
        assert_eq!(f[0].message.zh, "贵州茅台(600519) 较成本 1500.00 回撤 -25.0%（现价 1125.00），超过 -25%");
        // close 1,125.015: −24.999% → warning
        let p = [pos(&s, ProductRisk::R3, 100, 1_500_000, 1_125_015, &[])];
        assert_eq!(check(&p, &rules())[0].severity, Severity::Warning);
        // exactly −15.0% (1,275.000) → warning; 1,275.001 → nothing
        let p = [pos(&s, ProductRisk::R3, 100, 1_500_000, 1_275_000, &[])];
        assert_eq!(check(&p, &rules())[0].severity, Severity::Warning);
        let p = [pos(&s, ProductRisk::R3, 100, 1_500_000, 1_275_001, &[])];
        assert!(check(&p, &rules()).is_empty());
    }

    #[test]
    fn from_the_peak_since_held() {
        let s = sec("600000", "浦发银行", SecurityKind::Stock, "");
        // bought at 10, rose to 20 after it was first held, now 15: −25% from the peak
        let closes = [(d("2025-08-01"), 25_000), (d("2025-08-20"), 20_000), (d("2025-08-26"), 15_000)];
        let mut p = pos(&s, ProductRisk::R3, 1000, 10_000, 15_000, &closes);
        p.first_held = d("2025-08-10"); // the 25.000 close was before it was held
        let f = check(&[p], &rules());
        assert_eq!(f[0].severity, Severity::Critical);
        assert!(f[0].message.zh.contains("较持有以来最高收盘 20.00 回撤 -25.0%"), "{}", f[0].message.zh);
    }
}
