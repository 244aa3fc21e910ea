//! Mispriced order (异常委托价): an order's price more than 20% away from the previous close, or,
//! for a bond without a close, from its face value (a 100-yuan bond sold at 1 yuan). Critical.

use super::{AlertRule, Finding, MispricedOrderRules, OrderFacts, Severity, pct, pct_threshold, price_text};
use crate::domain::model::PriceMilli;

/// The subject of an order's alert: `order:<code>:<side>:<time RFC 3339>`.
pub fn subject(o: &OrderFacts<'_>) -> String {
    format!("order:{}:{}:{}", o.order.code, o.order.side.code(), o.order.time.to_rfc3339())
}

pub fn check(orders: &[OrderFacts<'_>], r: &MispricedOrderRules) -> Vec<Finding> {
    let mut out = Vec::new();
    for o in orders {
        // the face value is in fen; prices in 厘
        let face = o.security.face_value.and_then(|f| f.checked_mul(10)).filter(|f| *f > 0);
        let (reference, is_face): (PriceMilli, bool) = match (o.previous_close, face) {
            (Some(c), _) if c > 0 => (c, false),
            (_, Some(f)) => (f, true),
            _ => continue,
        };
        let diff = (o.order.price - reference).abs() as i128;
        if diff * 10_000 <= r.deviation_bp as i128 * reference as i128 {
            continue;
        }
        let bp = crate::domain::money::ratio_bp(o.order.price - reference, reference).unwrap_or(0);
        let shown = pct(bp, if bp < 0 { -r.deviation_bp } else { r.deviation_bp });
        let t = pct_threshold(r.deviation_bp);
        let side_zh = o.order.side.label_zh();
        let side_en = o.order.side.code();
        let (ref_zh, ref_en) = if is_face { ("面值", "face value") } else { ("前收盘", "previous close") };
        let name = format!("{}({})", o.security.name, o.security.code);
        out.push(Finding::new(
            AlertRule::MispricedOrder,
            Severity::Critical,
            subject(o),
            format!(
                "{name} {side_zh}委托价 {} 偏离{ref_zh} {} {shown}（超过 ±{t}）",
                price_text(o.order.price),
                price_text(reference)
            ),
            format!(
                "{name} {side_en} order at {} is {shown} off the {ref_en} {} (beyond ±{t})",
                price_text(o.order.price),
                price_text(reference)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alerts::testkit::*;
    use crate::domain::model::{Order, SecurityKind, Side};

    fn order(code: &str, price: PriceMilli) -> Order {
        Order {
            customer_id: "C1".into(),
            time: "2025-08-26T01:31:00Z".parse().unwrap(),
            code: code.into(),
            side: Side::Sell,
            price,
            quantity: 10,
        }
    }

    #[test]
    fn a_hundred_yuan_bond_sold_at_one_yuan() {
        let r = crate::domain::rules::Rules::defaults().alerts.mispriced_order;
        let mut bond = sec("019547", "24国债09", SecurityKind::Bond, "国债");
        bond.face_value = Some(10_000);
        let o = order("019547", 1_000);
        let f = check(&[OrderFacts { order: &o, security: &bond, previous_close: None }], &r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Critical);
        assert_eq!(f[0].message.zh, "24国债09(019547) 卖出委托价 1.00 偏离面值 100.00 -99.0%（超过 ±20%）");
        assert_eq!(f[0].subject, "order:019547:sell:2025-08-26T01:31:00+00:00");
        // against a close of 100.500: 80.400 is −20.0% exactly (not beyond), 80.399 is
        let ok = order("019547", 80_400);
        assert!(check(&[OrderFacts { order: &ok, security: &bond, previous_close: Some(100_500) }], &r).is_empty());
        let bad = order("019547", 80_399);
        assert_eq!(check(&[OrderFacts { order: &bad, security: &bond, previous_close: Some(100_500) }], &r).len(), 1);
        // +20.01% above
        let high = order("019547", 120_611);
        let f = check(&[OrderFacts { order: &high, security: &bond, previous_close: Some(100_500) }], &r);
        assert!(f[0].message.zh.contains("+") || f[0].message.zh.contains("20.01%"), "{}", f[0].message.zh);
        // nothing to compare with: no alert
        let stock = sec("600000", "浦发银行", SecurityKind::Stock, "");
        assert!(check(&[OrderFacts { order: &o, security: &stock, previous_close: None }], &r).is_empty());
    }
}
