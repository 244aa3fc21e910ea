//! Unit tests of the segment axes, values worked out by hand.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
const WAN: Fen = 1_000_000;

#[test]
fn medians_odd_even_and_empty() {
    assert_eq!(median(&mut [5, 1, 3]), Some(3));
    assert_eq!(median(&mut [4, 1, 3, 2]), Some(2), "(2 + 3) / 2 = 2.5 rounds down");
    assert_eq!(median(&mut [-3, -2]), Some(-3), "(-3 + -2) / 2 = -2.5 rounds toward −∞");
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX), "no overflow");
}

fn facts(contribution: Fen, turnover: Fen, average: Option<Fen>, now: Fen, ago: Option<Fen>) -> CustomerFacts {
    CustomerFacts {
        contribution,
        turnover_12m: turnover,
        average_assets: average,
        total_assets: now,
        assets_12m_ago: ago,
        ..CustomerFacts::default()
    }
}

#[test]
fn abcd_and_growth_quadrants_with_the_median_low() {
    // turnover ÷ average: 100万 / 50万 = 2 times = 20,000 bp; growth: 60万 / 40万 − 1 = 50 % = 5,000 bp
    let f = facts(3_000 * 100, 100 * WAN, Some(50 * WAN), 60 * WAN, Some(40 * WAN));
    assert_eq!(f.turnover_bp(), Some(20_000));
    assert_eq!(f.growth_bp(), Some(5_000));
    let t = Thresholds { contribution: 2_000 * 100, turnover_bp: 15_000, growth_bp: 6_000 };
    let e = BandEdges::default();
    let on = d("2025-08-26");
    assert_eq!(classify(Axis::Abcd, &f, &t, &e, on), 0, "A: high contribution, high turnover");
    assert_eq!(classify(Axis::Growth, &f, &t, &e, on), 1, "Ⅱ: high contribution, growth 50 % ≤ 60 %");
    // exactly at the thresholds: low on both
    let at = Thresholds { contribution: 3_000 * 100, turnover_bp: 20_000, growth_bp: 5_000 };
    assert_eq!(classify(Axis::Abcd, &f, &at, &e, on), 3, "D: equal to the median is low");
    assert_eq!(classify(Axis::Growth, &f, &at, &e, on), 3);
    // B is high contribution, low turnover; C the other way round (seed 第七条)
    let b = Thresholds { turnover_bp: 30_000, ..t };
    assert_eq!(classify(Axis::Abcd, &f, &b, &e, on), 1);
    let c = Thresholds { contribution: 5_000 * 100, ..t };
    assert_eq!(classify(Axis::Abcd, &f, &c, &e, on), 2);
    // no average assets → no-assets column; no snapshot 12 months back → 新开户/无历史
    let none = facts(10, 10, None, 10, None);
    assert_eq!(classify(Axis::Abcd, &none, &t, &e, on), 4);
    assert_eq!(classify(Axis::Growth, &none, &t, &e, on), 4);
    let from_zero = facts(10, 10, Some(0), 10, Some(0));
    assert_eq!(classify(Axis::Abcd, &from_zero, &t, &e, on), 4, "average 0: turnover undefined");
    assert_eq!(classify(Axis::Growth, &from_zero, &t, &e, on), 4, "growth from 0 is undefined");
}

#[test]
fn branch_medians_use_only_customers_with_the_figure() {
    let all = [
        facts(100, 10, Some(10), 30, Some(10)), // turnover 1× = 10,000 bp, growth 200 %
        facts(300, 30, Some(10), 10, Some(10)), // 3×, 0 %
        facts(200, 20, Some(10), 5, Some(10)),  // 2×, −50 %
        facts(9_999, 99, None, 5, None),        // no assets: in no median
    ];
    let t = Thresholds::medians(&all);
    assert_eq!(t, Thresholds { contribution: 200, turnover_bp: 20_000, growth_bp: 0 });
}

#[test]
fn age_and_tenure_bands() {
    let e = BandEdges::default();
    let t = Thresholds::default();
    let on = d("2025-08-26");
    let born = |b: &str| CustomerFacts { birth_date: Some(d(b)), ..CustomerFacts::default() };
    assert_eq!(classify(Axis::Age, &born("1995-08-27"), &t, &e, on), 0, "29 the day before the 30th birthday");
    assert_eq!(classify(Axis::Age, &born("1995-08-26"), &t, &e, on), 1, "30 on the birthday");
    assert_eq!(classify(Axis::Age, &born("1966-01-01"), &t, &e, on), 3, "59: 50–59");
    assert_eq!(classify(Axis::Age, &born("1955-08-26"), &t, &e, on), 5, "70");
    let inst = CustomerFacts { institution: true, birth_date: Some(d("1990-01-01")), ..CustomerFacts::default() };
    assert_eq!(classify(Axis::Age, &inst, &t, &e, on), 6);
    assert_eq!(classify(Axis::Age, &CustomerFacts::default(), &t, &e, on), 6, "unknown birth date");
    let opened = |o: &str| CustomerFacts { opened_on: Some(d(o)), ..CustomerFacts::default() };
    assert_eq!(classify(Axis::Tenure, &opened("2024-08-27"), &t, &e, on), 0);
    assert_eq!(classify(Axis::Tenure, &opened("2024-08-26"), &t, &e, on), 1, "one whole year");
    assert_eq!(classify(Axis::Tenure, &opened("2022-08-26"), &t, &e, on), 2, "3 years");
    assert_eq!(classify(Axis::Tenure, &opened("2015-08-27"), &t, &e, on), 3, "9 years");
    assert_eq!(classify(Axis::Tenure, &opened("2015-08-26"), &t, &e, on), 4, "10 years");
}

#[test]
fn concentration_and_pnl_bands() {
    let e = BandEdges::default();
    let t = Thresholds::default();
    let on = d("2025-08-26");
    let held = |largest: Fen, total: Fen, mv: Fen, cost: Fen| CustomerFacts {
        largest_position: Some(largest),
        total_assets: total,
        market_value: mv,
        cost_value: cost,
        ..CustomerFacts::default()
    };
    let conc = |f: &CustomerFacts| classify(Axis::Concentration, f, &t, &e, on);
    assert_eq!(conc(&CustomerFacts::default()), 0, "no holdings");
    assert_eq!(conc(&held(1_999, 10_000, 0, 0)), 1, "19.99 %");
    assert_eq!(conc(&held(2_000, 10_000, 0, 0)), 2, "20 %");
    assert_eq!(conc(&held(4_000, 10_000, 0, 0)), 2, "40 % is not above the warning threshold");
    assert_eq!(conc(&held(4_001, 10_000, 0, 0)), 3);
    assert_eq!(conc(&held(5_000, 10_000, 0, 0)), 3, "50 % is not above the critical threshold");
    assert_eq!(conc(&held(5_001, 10_000, 0, 0)), 4);
    let pnl = |mv: Fen, cost: Fen| classify(Axis::Pnl, &held(1, 1, mv, cost), &t, &e, on);
    assert_eq!(pnl(8_000, 10_000), 0, "−20 %");
    assert_eq!(pnl(8_001, 10_000), 1);
    assert_eq!(pnl(9_500, 10_000), 1, "−5 %");
    assert_eq!(pnl(9_501, 10_000), 2);
    assert_eq!(pnl(10_499, 10_000), 2);
    assert_eq!(pnl(10_500, 10_000), 3, "+5 %");
    assert_eq!(pnl(12_000, 10_000), 3, "+20 %");
    assert_eq!(pnl(12_001, 10_000), 4);
    assert_eq!(pnl(1, 0), 5, "no cost: undefined");
    assert_eq!(classify(Axis::Pnl, &CustomerFacts::default(), &t, &e, on), 5, "no holdings");
}

#[test]
fn segment_rules_validate_and_override() {
    let r = SegmentRules::default();
    assert_eq!(r.validate(4_000), Ok(()));
    assert_eq!(r.edges(4_000, 5_000), BandEdges::default());
    let bad = SegmentRules { age_years: [30, 40, 40, 60, 70], ..SegmentRules::default() };
    assert!(bad.validate(4_000).unwrap_err().starts_with("segments.age_years"));
    let bad = SegmentRules { concentration_low_bp: 4_000, ..SegmentRules::default() };
    assert!(bad.validate(4_000).unwrap_err().starts_with("segments.concentration_low_bp"));
    let bad = SegmentRules { pnl_bp: [2_000, 500], ..SegmentRules::default() };
    assert!(bad.validate(4_000).is_err());
    let bad = SegmentRules { contribution_yuan: Some(-1), ..SegmentRules::default() };
    assert!(bad.validate(4_000).is_err());
    let fixed = SegmentRules { contribution_yuan: Some(5_000), growth_bp: Some(1_000), ..SegmentRules::default() };
    let medians = Thresholds { contribution: 1, turnover_bp: 2, growth_bp: 3 };
    assert_eq!(fixed.apply(medians), Thresholds { contribution: 500_000, turnover_bp: 2, growth_bp: 1_000 });
}

#[test]
fn matrix_totals() {
    let mut m = AxisMatrix::new(Axis::Abcd);
    m.add(Tier::T1, 0, 100);
    m.add(Tier::T1, 0, 50);
    m.add(Tier::T3, 0, 7);
    m.add(Tier::T3, 4, 1);
    m.add(Tier::T3, 9, 1); // out of range: ignored
    assert_eq!(m.cell(Some(Tier::T1), Some(0)), Cell { customers: 2, total_assets: 150 });
    assert_eq!(m.cell(None, Some(0)), Cell { customers: 3, total_assets: 157 });
    assert_eq!(m.cell(Some(Tier::T3), None), Cell { customers: 2, total_assets: 8 });
    assert_eq!(m.cell(None, None), Cell { customers: 4, total_assets: 158 });
    assert_eq!(Axis::parse("pnl"), Some(Axis::Pnl));
    assert_eq!(Axis::parse("tier"), None);
    assert_eq!(Axis::Abcd.segment_code(1), "B");
}
