//! Turning point (拐点) of a heavy position (≥ 20% of total assets): the close falls below its
//! 20-day moving average after a close at or above it within the last few trading days, or the
//! price falls 7% or more over 3 trading days. Warning. The moving average of a day includes
//! that day's close; a security with too short a history is not judged on it.

use super::{
    AlertRule, Finding, Position, Severity, TurningPointRules, pct, pct_threshold, price_text, share_at_least,
};
use crate::domain::model::PriceMilli;
use crate::domain::money::Fen;

/// The `n`-day moving average (厘, rounded down) of the closes ending at index `end`, if there are `n`.
pub fn moving_average(closes: &[PriceMilli], end: usize, n: usize) -> Option<PriceMilli> {
    if n == 0 || end + 1 < n || end >= closes.len() {
        return None;
    }
    let sum: i128 = closes[end + 1 - n..=end].iter().map(|c| *c as i128).sum();
    Some((sum / n as i128) as PriceMilli)
}

/// Whether the last close is below its moving average and one of the `within` closes before it
/// was at or above its own: `Some((close, average))` then.
pub fn crossed_below(closes: &[PriceMilli], n: usize, within: usize) -> Option<(PriceMilli, PriceMilli)> {
    let last = closes.len().checked_sub(1)?;
    let ma = moving_average(closes, last, n)?;
    let close = closes[last];
    // below: close × n < Σ (exact, no rounding of the average)
    let sum: i128 = closes[last + 1 - n..=last].iter().map(|c| *c as i128).sum();
    if (close as i128) * (n as i128) >= sum {
        return None;
    }
    let was_above = (1..=within).any(|k| {
        last.checked_sub(k).is_some_and(|i| {
            i + 1 >= n && {
                let s: i128 = closes[i + 1 - n..=i].iter().map(|c| *c as i128).sum();
                (closes[i] as i128) * (n as i128) >= s
            }
        })
    });
    was_above.then_some((close, ma))
}

/// The move over the last `days` trading days in bp, when it is a fall of at least `fall_bp`.
pub fn fell(closes: &[PriceMilli], days: usize, fall_bp: i64) -> Option<i64> {
    let last = closes.len().checked_sub(1)?;
    let before = closes[last.checked_sub(days)?];
    let now = closes[last];
    if before <= 0 || now >= before {
        return None;
    }
    let drop = (before - now) as i128 * 10_000;
    (drop >= fall_bp as i128 * before as i128)
        .then(|| crate::domain::money::ratio_bp(now - before, before).unwrap_or(0))
}

/// One warning per heavy position that turned (subject: its code).
pub fn check(positions: &[Position<'_>], base: Fen, r: &TurningPointRules) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in positions {
        if !share_at_least(p.market_value, base, r.heavy_bp) {
            continue;
        }
        let closes: Vec<PriceMilli> = p.closes.iter().map(|(_, c)| *c).collect();
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if let Some((close, ma)) = crossed_below(&closes, r.ma_days, r.cross_within_days) {
            zh.push(format!("收盘 {} 跌破{}日均线 {}", price_text(close), r.ma_days, price_text(ma)));
            en.push(format!("closed at {} below its {}-day average {}", price_text(close), r.ma_days, price_text(ma)));
        }
        if let Some(bp) = fell(&closes, r.fall_days, r.fall_bp) {
            let shown = pct(bp, -r.fall_bp);
            zh.push(format!("{}日下跌 {shown}（≥{}）", r.fall_days, pct_threshold(r.fall_bp)));
            en.push(format!("fell {shown} in {} days (≥{})", r.fall_days, pct_threshold(r.fall_bp)));
        }
        if zh.is_empty() {
            continue;
        }
        let weight = pct(crate::domain::money::ratio_bp(p.market_value, base).unwrap_or(0), -1);
        out.push(Finding::new(
            AlertRule::TurningPoint,
            Severity::Warning,
            p.security.code.clone(),
            format!("{}（占资产 {weight}）{}", p.label(), zh.join("，")),
            format!("{} ({weight} of assets) {}", p.label(), en.join(", ")),
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

    fn rules() -> TurningPointRules {
        crate::domain::rules::Rules::defaults().alerts.turning_point
    }

    /// 20 closes of 10.000 then the given ones.
    fn series(tail: &[PriceMilli]) -> Vec<(chrono::NaiveDate, PriceMilli)> {
        let start = d("2025-07-01");
        std::iter::repeat_n(10_000, 20)
            .chain(tail.iter().copied())
            .enumerate()
            .map(|(i, c)| (start + chrono::Duration::days(i as i64), c))
            .collect()
    }

    #[test]
    fn a_close_crossing_the_20_day_average() {
        let s = sec("600519", "贵州茅台", SecurityKind::Stock, "");
        // flat at 10.000, then 9.990: the average of the last 20 is (19×10 + 9.99)/20 = 9.9995
        // and the close is below it; the day before closed at its average (10.000): a cross
        let closes = series(&[9_990]);
        let p = pos(&s, ProductRisk::R3, 3_000, 10_000, 9_990, &closes);
        let base = p.market_value * 4; // 25% of assets: heavy
        let f = check(std::slice::from_ref(&p), base, &rules());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.zh, "贵州茅台(600519)（占资产 25.0%）收盘 9.99 跌破20日均线 9.999");
        // the same close at exactly the average does not cross: 20 × 10.000
        let closes = series(&[10_000]);
        let p = pos(&s, ProductRisk::R3, 3_000, 10_000, 10_000, &closes);
        assert!(check(std::slice::from_ref(&p), p.market_value * 4, &rules()).is_empty());
        // below the average for longer than 5 days after the last close above it: no longer a turn
        let closes = series(&[9_000, 8_990, 8_980, 8_970, 8_960, 8_950, 8_940]);
        let c: Vec<PriceMilli> = closes.iter().map(|x| x.1).collect();
        assert!(crossed_below(&c, 20, 5).is_none());
        assert!(crossed_below(&c[..c.len() - 2], 20, 5).is_some());
    }

    #[test]
    fn heavy_only_and_the_three_day_fall() {
        let s = sec("600519", "贵州茅台", SecurityKind::Stock, "");
        // 10.000 → 9.300 over three days: −7.0% exactly, fires
        let closes = series(&[10_500, 10_400, 9_800, 9_300]);
        let p = pos(&s, ProductRisk::R3, 1_000, 8_000, 9_300, &closes);
        let c: Vec<PriceMilli> = closes.iter().map(|x| x.1).collect();
        assert_eq!(fell(&c, 3, 700), Some(-1143), "10.500 → 9.300 is −11.4%");
        assert_eq!(fell(&[10_000, 9_900, 9_800, 9_300], 3, 700), Some(-700));
        assert_eq!(fell(&[10_000, 9_900, 9_800, 9_301], 3, 700), None);
        // 20.0% of assets is heavy; 19.99% is not
        let base = p.market_value * 5;
        assert_eq!(check(std::slice::from_ref(&p), base, &rules()).len(), 1);
        assert!(check(std::slice::from_ref(&p), base + 5, &rules()).is_empty());
    }
}
