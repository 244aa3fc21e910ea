//! Customer loss (客户亏损): the unrealised loss of all positions together is more than 20% of
//! their cost. Warning, subject `customer`.

use super::{
    AlertRule, CustomerLossRules, Finding, Position, SUBJECT_CUSTOMER, Severity, pct, pct_threshold, share_above,
};
use crate::domain::money::{Fen, format_yuan_whole, ratio_bp};

pub fn check(positions: &[Position<'_>], r: &CustomerLossRules) -> Option<Finding> {
    let cost: Fen = positions.iter().map(|p| p.cost_value).fold(0, Fen::saturating_add);
    let value: Fen = positions.iter().map(|p| p.market_value).fold(0, Fen::saturating_add);
    let loss = cost.saturating_sub(value);
    if loss <= 0 || !share_above(loss, cost, r.loss_bp) {
        return None;
    }
    let shown = pct(ratio_bp(-loss, cost).unwrap_or(0), -r.loss_bp);
    let t = pct_threshold(r.loss_bp);
    Some(Finding::new(
        AlertRule::CustomerLoss,
        Severity::Warning,
        SUBJECT_CUSTOMER,
        format!("持仓浮亏 {} 元，占成本 {shown}（超过 -{t}）", format_yuan_whole(loss)),
        format!("unrealised loss {} yuan, {shown} of cost (beyond -{t})", format_yuan_whole(loss)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::SecurityKind;
    use crate::domain::risk::ProductRisk;

    #[test]
    fn more_than_twenty_percent_of_cost() {
        let r = crate::domain::rules::Rules::defaults().alerts.customer_loss;
        let (a, b) = (sec("A", "甲", SecurityKind::Stock, ""), sec("B", "乙", SecurityKind::Stock, ""));
        // cost 10,000 + 10,000; value 6,000 + 10,000: loss 4,000 = exactly 20%: nothing
        let p =
            [pos(&a, ProductRisk::R3, 1000, 10_000, 6_000, &[]), pos(&b, ProductRisk::R3, 1000, 10_000, 10_000, &[])];
        assert!(check(&p, &r).is_none());
        // value 5,999: loss 4,001 = 20.005%
        let p =
            [pos(&a, ProductRisk::R3, 1000, 10_000, 5_999, &[]), pos(&b, ProductRisk::R3, 1000, 10_000, 10_000, &[])];
        let f = check(&p, &r).unwrap();
        assert_eq!(f.message.zh, "持仓浮亏 4,001 元，占成本 -20.01%（超过 -20%）");
        assert_eq!(f.subject, "customer");
    }
}
