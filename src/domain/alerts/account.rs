//! Account-level rules: idle cash (资金闲置: cash over 90% of total assets for 30 days or more, on
//! active customers) and dormant (休眠: no trade for 180 days; or the regulatory dormant test — no
//! securities, cash below 100 yuan and no trade for 3 years — on any account not closed, so the
//! accounts already marked 休眠 show which test they meet). Both info, subject `customer`.

use super::{
    AlertRule, CustomerFacts, DormantRules, Finding, IdleCashRules, SUBJECT_CUSTOMER, Severity, pct, pct_threshold,
    share_above,
};
use crate::domain::model::CustomerStatus;
use crate::domain::money::{format_yuan, ratio_bp};

/// Cash over the threshold on the latest snapshot, and idle for at least `min_days`: since the
/// earliest of the unbroken run of snapshots (latest backwards) over the threshold, or since the
/// last trade (never traded: the opening date) when that is earlier — without a trade the cash
/// was not invested.
pub fn idle_cash(f: &CustomerFacts, r: &IdleCashRules) -> Option<Finding> {
    if f.status != CustomerStatus::Active {
        return None;
    }
    let latest = f.snapshots.last()?;
    let over = |s: &super::CashPoint| share_above(s.cash, s.total_assets, r.cash_bp);
    if !over(latest) {
        return None;
    }
    let run_start = f.snapshots.iter().rev().take_while(|s| over(s)).last().map(|s| s.as_of).unwrap_or(latest.as_of);
    let last_trade = f.last_trade_on.unwrap_or(f.opened_on);
    let since = run_start.min(last_trade);
    let days = (latest.as_of - since).num_days();
    if days < r.min_days {
        return None;
    }
    let share = pct(ratio_bp(latest.cash, latest.total_assets).unwrap_or(0), r.cash_bp);
    let t = pct_threshold(r.cash_bp);
    Some(Finding::new(
        AlertRule::IdleCash,
        Severity::Info,
        SUBJECT_CUSTOMER,
        format!("现金 {} 元占资产 {share} > {t}，已闲置 {days} 天（自 {since}）", format_yuan(latest.cash)),
        format!(
            "cash {} yuan is {share} of assets > {t}, idle for {days} days (since {since})",
            format_yuan(latest.cash)
        ),
    ))
}

/// The regulatory dormant test first, else no trade for `no_trade_days` (closed accounts: nothing).
pub fn dormant(f: &CustomerFacts, has_positions: bool, r: &DormantRules) -> Option<Finding> {
    if f.status == CustomerStatus::Closed {
        return None;
    }
    let last = f.last_trade_on.unwrap_or(f.opened_on);
    let days = (f.as_of - last).num_days();
    let (zh_last, en_last) = match f.last_trade_on {
        Some(d) => (format!("最近交易 {d}"), format!("last trade {d}")),
        None => (format!("开户 {} 以来无交易", f.opened_on), format!("no trade since opening on {}", f.opened_on)),
    };
    let years_ago = f.as_of.checked_sub_months(chrono::Months::new(r.regulatory_no_trade_years.saturating_mul(12)));
    let regulatory = !has_positions
        && f.cash < r.regulatory_cash_yuan.saturating_mul(100)
        && years_ago.is_some_and(|limit| last <= limit);
    if regulatory {
        let y = r.regulatory_no_trade_years;
        return Some(Finding::new(
            AlertRule::Dormant,
            Severity::Info,
            SUBJECT_CUSTOMER,
            format!(
                "符合休眠户标准：无持仓，现金 {} 元 < {} 元，{y} 年以上无交易（{zh_last}）",
                format_yuan(f.cash),
                r.regulatory_cash_yuan
            ),
            format!(
                "meets the dormant-account test: no securities, cash {} < {} yuan, no trade for {y} years ({en_last})",
                format_yuan(f.cash),
                r.regulatory_cash_yuan
            ),
        ));
    }
    if days >= r.no_trade_days {
        return Some(Finding::new(
            AlertRule::Dormant,
            Severity::Info,
            SUBJECT_CUSTOMER,
            format!("{days} 天无交易（≥{}，{zh_last}）", r.no_trade_days),
            format!("no trade for {days} days (≥{}, {en_last})", r.no_trade_days),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::CashPoint;
    use crate::domain::alerts::testkit::*;

    fn rules() -> crate::domain::alerts::AlertRules {
        crate::domain::rules::Rules::defaults().alerts
    }

    #[test]
    fn idle_cash_needs_thirty_days() {
        let mut f = facts();
        f.last_trade_on = Some(d("2025-08-20"));
        // 90.0% exactly is not above 90%
        f.snapshots = vec![CashPoint { as_of: d("2025-08-26"), cash: 9_000, total_assets: 10_000 }];
        assert!(idle_cash(&f, &rules().idle_cash).is_none());
        // 90.01% but traded 6 days ago and no older snapshot: not yet 30 days
        f.snapshots = vec![CashPoint { as_of: d("2025-08-26"), cash: 9_001, total_assets: 10_000 }];
        assert!(idle_cash(&f, &rules().idle_cash).is_none());
        // last trade exactly 30 days before: fires
        f.last_trade_on = Some(d("2025-07-27"));
        let g = idle_cash(&f, &rules().idle_cash).unwrap();
        assert_eq!(g.message.zh, "现金 90.01 元占资产 90.01% > 90%，已闲置 30 天（自 2025-07-27）");
        // snapshots over 90% since 2025-07-20 though traded recently: fires, since the run began
        f.last_trade_on = Some(d("2025-08-25"));
        f.snapshots = vec![
            CashPoint { as_of: d("2025-06-30"), cash: 10, total_assets: 10_000 },
            CashPoint { as_of: d("2025-07-20"), cash: 9_500, total_assets: 10_000 },
            CashPoint { as_of: d("2025-08-26"), cash: 9_600, total_assets: 10_000 },
        ];
        assert!(idle_cash(&f, &rules().idle_cash).unwrap().message.zh.contains("已闲置 37 天"));
        f.status = CustomerStatus::Dormant;
        assert!(idle_cash(&f, &rules().idle_cash).is_none(), "active customers only");
    }

    #[test]
    fn dormant_both_tests() {
        let r = rules().dormant;
        let mut f = facts();
        f.last_trade_on = Some(d("2025-02-28")); // 179 days before 2025-08-26
        assert!(dormant(&f, true, &r).is_none());
        f.last_trade_on = Some(d("2025-02-27")); // 180 days
        assert_eq!(dormant(&f, true, &r).unwrap().message.zh, "180 天无交易（≥180，最近交易 2025-02-27）");
        // the regulatory test: no securities, cash 99.99 < 100, last trade 3 years ago to the day
        f.last_trade_on = Some(d("2022-08-26"));
        f.cash = 9_999;
        assert!(dormant(&f, false, &r).unwrap().message.zh.starts_with("符合休眠户标准"));
        f.cash = 10_000; // 100.00 is not below 100
        assert!(!dormant(&f, false, &r).unwrap().message.zh.starts_with("符合休眠户标准"));
        f.cash = 0;
        f.last_trade_on = Some(d("2022-08-27")); // one day short of 3 years
        assert!(!dormant(&f, false, &r).unwrap().message.zh.starts_with("符合休眠户标准"));
        f.status = CustomerStatus::Dormant;
        assert!(dormant(&f, false, &r).is_some(), "an account marked 休眠 still shows the test it meets");
        f.status = CustomerStatus::Closed;
        assert!(dormant(&f, false, &r).is_none());
    }
}
