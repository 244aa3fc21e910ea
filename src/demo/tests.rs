//! Tests of the whole generator: determinism, identities, calibration, money arithmetic.

use std::collections::{BTreeMap, HashSet};

use chrono::Days;

use super::calibration::{CSDC_2016_BUCKETS, LEVEL_TARGET_PCT};
use super::*;
use crate::domain::id_number::{Gender, age_on, parse_resident_id, parse_uscc};
use crate::domain::model::{CustomerKind, CustomerStatus, InvestorClass, PriceMilli, Role, market_value};
use crate::domain::money::Fen;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::scoring::{Answers, ScoringContext, score};

fn opts(customers: usize) -> DemoOptions {
    DemoOptions { customers, ..DemoOptions::default() }
}

/// Price on the statistics date of every priced code, 厘.
fn prices_now() -> BTreeMap<String, PriceMilli> {
    let m = market::market().unwrap();
    let mut p: BTreeMap<String, PriceMilli> = m.stocks.iter().map(|s| (s.code.clone(), s.last_close())).collect();
    p.extend(m.funds.iter().map(|f| (f.code.clone(), f.nav)));
    p
}

#[test]
fn same_options_give_identical_files_and_another_seed_differs() {
    let a = generate(&opts(1_500)).unwrap();
    let b = generate(&opts(1_500)).unwrap();
    for f in DemoFile::ALL {
        assert_eq!(a.csv(f).unwrap(), b.csv(f).unwrap(), "{f:?}");
    }
    let c = generate(&DemoOptions { seed: 7, ..opts(1_500) }).unwrap();
    assert_ne!(a.csv(DemoFile::Customers).unwrap(), c.csv(DemoFile::Customers).unwrap());
}

#[test]
fn identities_are_valid_and_consistent() {
    let o = opts(5_000);
    let book = generate(&o).unwrap();
    let mut ids = HashSet::new();
    let mut mobiles = HashSet::new();
    let mut customer_ids = HashSet::new();
    for c in &book.customers {
        assert!(c.customer_id.len() == 12 && c.customer_id.bytes().all(|b| b.is_ascii_digit()), "{}", c.customer_id);
        assert!(customer_ids.insert(c.customer_id.clone()));
        assert!(ids.insert(c.id_number.clone()), "duplicate ID {}", c.id_number);
        if let Some(m) = &c.mobile {
            assert!(m.len() == 11 && m.starts_with('1') && m.bytes().all(|b| b.is_ascii_digit()), "{m}");
            assert!(mobiles.insert(m.clone()));
        }
        assert!(c.opened_on <= book.statistics_date);
        match c.kind {
            CustomerKind::Individual => {
                let id = parse_resident_id(&c.id_number).unwrap_or_else(|e| panic!("{}: {e}", c.id_number));
                assert_eq!(Some(id.birth_date), c.birth_date);
                assert_eq!(Some(id.gender), c.gender);
                assert!(age_on(id.birth_date, o.today) >= 18);
                assert!(age_on(id.birth_date, c.opened_on) >= 18, "{} opened a minor account", c.customer_id);
                assert!(c.mobile.is_some());
                let n = c.name.chars().count();
                assert!((2..=4).contains(&n), "{}", c.name);
            }
            CustomerKind::Institution => {
                assert_eq!(parse_uscc(&c.id_number).unwrap(), c.id_number);
                assert_eq!((c.gender, c.birth_date), (None, None));
                assert!(c.name.contains("公司") || c.name.contains("合伙"), "{}", c.name);
                if c.name.starts_with("上海") {
                    assert_eq!(&c.id_number[2..6], "3101", "{} registered in Shanghai", c.name);
                }
            }
        }
    }
    // Some 4-character (compound surname) names, both genders, a few institutions.
    assert!(book.customers.iter().any(|c| c.name.chars().count() == 4));
    let female = book.customers.iter().filter(|c| c.gender == Some(Gender::Female)).count();
    assert!((35..=56).contains(&(female * 100 / book.customers.len())), "{female} women");
    let inst = book.customers.iter().filter(|c| c.kind == CustomerKind::Institution).count();
    assert!((20..=90).contains(&inst), "{inst} institutions of 5000");
}

#[test]
fn managers_scale_with_one_supervisor() {
    assert_eq!(book::manager_count(3_000), 10);
    assert_eq!(book::manager_count(100), 10);
    assert_eq!(book::manager_count(6_000), 20);
    assert_eq!(book::manager_count(100_000), 50);
    let book = generate(&opts(3_000)).unwrap();
    assert_eq!(book.managers.len(), 10);
    assert_eq!(book.managers.iter().filter(|m| m.role == Role::Supervisor).count(), 1);
    assert_eq!(book.managers[0].manager_id, "M01");
    assert_eq!(book.managers[9].manager_id, "M10");
    assert!(book.managers.iter().all(|m| m.branch == BRANCH));
    let ids: HashSet<&str> = book.managers.iter().map(|m| m.manager_id.as_str()).collect();
    assert!(book.customers.iter().all(|c| ids.contains(c.manager_id.as_str())));
    // Every manager has a book; the branch head's is the smallest.
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &book.customers {
        *per.entry(c.manager_id.as_str()).or_default() += 1;
    }
    assert_eq!(per.len(), 10);
    assert!(per["M01"] < per.values().copied().filter(|n| *n != per["M01"]).min().unwrap());
}

#[test]
fn asset_buckets_follow_csdc_at_20k() {
    let o = opts(20_000);
    let book = generate(&o).unwrap();
    let s = book.stats(o.today);
    let total: f64 = CSDC_2016_BUCKETS.iter().map(|b| b.share_pct).sum();
    for (b, n) in CSDC_2016_BUCKETS.iter().zip(s.asset_buckets) {
        let got = DemoStats::pct(n, s.individuals);
        let want = b.share_pct * 100.0 / total;
        assert!((got - want).abs() < 1.5, "{}: {got:.2}% vs CSDC {want:.2}%", b.label);
    }
    // The assessment calibration at the same size.
    let assessed = DemoStats::pct(s.assessed, s.eligible);
    assert!((82.0..=88.0).contains(&assessed), "assessed {assessed:.1}%");
    let n: usize = s.levels.iter().sum();
    for (i, want) in LEVEL_TARGET_PCT.iter().enumerate() {
        let got = DemoStats::pct(s.levels[i], n);
        assert!((got - want).abs() < 4.0, "C{}: {got:.1}% vs {want}%", i + 1);
    }
    let lowest = DemoStats::pct(s.lowest, n);
    assert!((1.0..=3.0).contains(&lowest), "lowest {lowest:.1}%");
    let expired = DemoStats::pct(s.expired, s.assessed);
    assert!((8.0..=12.0).contains(&expired), "expired {expired:.1}%");
    assert!(s.expiring > 0 && s.reassessed > 0);
    let professional = DemoStats::pct(s.professionals, s.customers);
    assert!((1.0..=3.5).contains(&professional), "professional {professional:.1}%");
    let dormant = DemoStats::pct(s.dormant, s.customers);
    assert!((4.0..=8.0).contains(&dormant), "dormant {dormant:.1}%");
    assert!(s.mostly_cash > 0);
}

#[test]
fn total_assets_are_cash_plus_market_value_in_fen() {
    let book = generate(&opts(4_000)).unwrap();
    let prices = prices_now();
    let mut value: BTreeMap<&str, Fen> = BTreeMap::new();
    for h in &book.holdings {
        assert_eq!(h.as_of, book.statistics_date);
        let p = prices.get(&h.code).unwrap_or_else(|| panic!("{} has no price", h.code));
        *value.entry(h.customer_id.as_str()).or_default() += market_value(h.quantity, *p);
        assert!(h.quantity > 0 && h.cost_price > 0);
    }
    let current: Vec<_> = book.accounts.iter().filter(|a| a.as_of == book.statistics_date).collect();
    assert_eq!(current.len(), book.customers.len());
    for a in current {
        let mv = value.get(a.customer_id.as_str()).copied().unwrap_or(0);
        assert!(a.cash >= 0, "{}", a.customer_id);
        assert_eq!(a.total_assets, a.cash + mv, "{}", a.customer_id);
    }
    let previous = book.accounts.iter().filter(|a| a.as_of == book.previous_date).count();
    assert!(previous > book.customers.len() * 8 / 10, "{previous} earlier snapshots");
}

#[test]
fn trading_figures_fit_status_and_holdings() {
    let book = generate(&opts(4_000)).unwrap();
    let m = market::market().unwrap();
    let status: BTreeMap<&str, (CustomerStatus, chrono::NaiveDate)> =
        book.customers.iter().map(|c| (c.customer_id.as_str(), (c.status, c.opened_on))).collect();
    let year_ago = book.statistics_date - Days::new(365);
    for a in &book.accounts {
        let (st, opened) = status[a.customer_id.as_str()];
        if let Some(t) = a.last_trade_on {
            assert!(t >= opened && t <= a.as_of, "{}", a.customer_id);
        }
        assert!(a.turnover_12m >= 0 && a.net_commission_12m >= 0 && a.other_income_12m >= 0);
        assert!(a.net_commission_12m as f64 <= a.turnover_12m as f64 * 0.0004 + 1.0);
        if a.as_of != book.statistics_date {
            continue;
        }
        let days_since = a.last_trade_on.map(|t| (a.as_of - t).num_days());
        match st {
            CustomerStatus::Dormant => {
                // dormant = no trade for a year: no turnover, no commission in the 12 months
                assert!(days_since.is_some_and(|d| d > 365), "{} dormant", a.customer_id);
                assert_eq!((a.turnover_12m, a.net_commission_12m), (0, 0), "{} dormant trades", a.customer_id);
            }
            _ => assert!(days_since.is_some_and(|d| d < 180), "{} active", a.customer_id),
        }
        if st == CustomerStatus::Dormant {
            assert!(!book.orders.iter().any(|o| o.customer_id == a.customer_id), "{} dormant orders", a.customer_id);
        }
        if a.last_trade_on.is_none_or(|t| t < year_ago) {
            assert_eq!(a.turnover_12m, 0, "{}: no trade in 12 months", a.customer_id);
        }
    }
    // Stocks in whole lots, bought at a real close on or before the last trade.
    let last: BTreeMap<&str, chrono::NaiveDate> = book
        .accounts
        .iter()
        .filter(|a| a.as_of == book.statistics_date)
        .filter_map(|a| Some((a.customer_id.as_str(), a.last_trade_on?)))
        .collect();
    for h in &book.holdings {
        if let Some(s) = m.stocks.iter().find(|s| s.code == h.code) {
            assert_eq!(h.quantity % 100, 0);
            let until = m.day_on_or_before(last[h.customer_id.as_str()]);
            assert!(
                s.closes[..=until.saturating_sub(s.first_day).min(s.closes.len() - 1)].contains(&h.cost_price),
                "{} {}",
                h.customer_id,
                h.code
            );
        }
    }
    // A few ST and growth-board holdings, some funds.
    assert!(book.holdings.iter().any(|h| m.stocks.iter().any(|s| s.code == h.code && s.st)));
    assert!(book.holdings.iter().any(|h| m.stocks.iter().any(|s| s.code == h.code && s.growth_board())));
    assert!(book.holdings.iter().any(|h| m.funds.iter().any(|f| f.code == h.code)));
}

#[test]
fn assessments_rescore_with_the_real_engine() {
    let o = opts(3_000);
    let book = generate(&o).unwrap();
    let q = crate::assets::default_questionnaire();
    let age_q = q.questions.iter().position(|x| x.autofill.as_deref() == Some("age")).unwrap();
    let customers: BTreeMap<&str, &crate::domain::model::Customer> =
        book.customers.iter().map(|c| (c.customer_id.as_str(), c)).collect();
    let mut per_customer: BTreeMap<&str, Vec<chrono::NaiveDate>> = BTreeMap::new();
    for a in &book.assessments {
        let c = customers[a.customer_id.as_str()];
        assert_eq!((c.kind, c.investor_class), (CustomerKind::Individual, InvestorClass::Ordinary));
        let birth = c.birth_date.unwrap();
        let age = age_on(birth, a.assessed_on);
        assert!(age >= 18 && a.assessed_on >= c.opened_on && a.assessed_on <= o.today);
        let answers = Answers::parse(&a.answers, &q).unwrap();
        let r = score(&q, &answers, ScoringContext { age: Some(age), ..ScoringContext::default() }).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (a.score, a.level, a.lowest), "{} {}", a.customer_id, a.answers);
        let key = Questionnaire::option_for_age(&q.questions[age_q], age).unwrap();
        assert_eq!(a.answers.split(',').nth(age_q).unwrap(), key.to_string());
        assert_eq!((a.questionnaire_id.as_str(), a.version), (q.id.as_str(), q.version));
        per_customer.entry(a.customer_id.as_str()).or_default().push(a.assessed_on);
    }
    // Two sheets of one customer are on different days (the table's unique key).
    for dates in per_customer.values() {
        let set: HashSet<_> = dates.iter().collect();
        assert_eq!(set.len(), dates.len());
    }
    assert!(book.assessments.iter().any(|a| a.answers.split(',').any(|t| t.len() > 1)), "some multi-letter answers");
}

#[test]
fn csv_files_have_the_spec_headers_and_all_rows() {
    let book = generate(&opts(800)).unwrap();
    let expect = [
        (DemoFile::Managers, "manager_id,name,branch,role", book.managers.len()),
        (
            DemoFile::Customers,
            "customer_id,name,kind,gender,birth_date,id_number,mobile,manager_id,opened_on,investor_class,status",
            book.customers.len(),
        ),
        (
            DemoFile::Accounts,
            "customer_id,as_of,cash,total_assets,net_commission_12m,other_income_12m,turnover_12m,last_trade_on",
            book.accounts.len(),
        ),
        (DemoFile::Holdings, "customer_id,as_of,code,quantity,cost_price", book.holdings.len()),
        (DemoFile::Assessments, "customer_id,questionnaire_id,version,answers,assessed_on", book.assessments.len()),
        (
            DemoFile::Securities,
            "code,exchange,name,kind,board,industry,category,risk_rating,face_value",
            market::market().unwrap().securities,
        ),
        (DemoFile::Prices, "code,date,open,high,low,close,volume", market::market().unwrap().price_bars),
        (DemoFile::Orders, "customer_id,time,code,side,price,quantity", book.orders.len()),
    ];
    assert!(book.orders.iter().any(|o| o.code == "110043" && o.price == 1_000), "a bond ordered at 1 yuan");
    for (file, header, rows) in expect {
        let bytes = book.csv(file).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(text.lines().next().unwrap(), header, "{file:?}");
        let mut r = csv::Reader::from_reader(&bytes[..]);
        let n = r.records().inspect(|rec| assert!(rec.is_ok())).count();
        assert_eq!(n, rows, "{file:?}");
    }
    // Every held code is a security in the securities file.
    let codes: HashSet<String> = csv::Reader::from_reader(&book.csv(DemoFile::Securities).unwrap()[..])
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert!(book.holdings.iter().all(|h| codes.contains(&h.code)));
}

#[test]
fn a_branch_of_100k_customers_generates() {
    let book = generate(&opts(100_000)).unwrap();
    assert_eq!(book.customers.len(), 100_000);
    assert_eq!(book.managers.len(), 50);
    assert!(book.holdings.len() > 300_000, "{} holdings", book.holdings.len());
    let bytes = book.csv(DemoFile::Holdings).unwrap();
    assert!(bytes.len() > 10_000_000);
}

#[test]
fn most_assessed_customers_hold_within_their_level() {
    let o = opts(6_000);
    let book = generate(&o).unwrap();
    let m = market::market().unwrap();
    let rating: BTreeMap<&str, crate::domain::risk::ProductRisk> = m
        .stocks
        .iter()
        .map(|s| (s.code.as_str(), s.rating))
        .chain(m.funds.iter().map(|f| (f.code.as_str(), f.rating)))
        .collect();
    let mut latest: BTreeMap<&str, &crate::domain::model::Assessment> = BTreeMap::new();
    for a in &book.assessments {
        latest.insert(a.customer_id.as_str(), a); // sorted by date within a customer
    }
    let mut highest: BTreeMap<&str, u8> = BTreeMap::new();
    for h in &book.holdings {
        let r = rating[h.code.as_str()].rank();
        let e = highest.entry(h.customer_id.as_str()).or_default();
        *e = (*e).max(r);
    }
    let (mut with_holdings, mut above) = (0, 0);
    let mut above_by_level = [0usize; 5];
    for (id, a) in &latest {
        if let Some(r) = highest.get(id) {
            with_holdings += 1;
            if *r > a.level.rank() {
                above += 1;
                above_by_level[a.level as usize] += 1;
            }
        }
    }
    let share = DemoStats::pct(above, with_holdings);
    assert!((10.0..=40.0).contains(&share), "{share:.1}% hold above their level ({above_by_level:?})");
    assert_eq!(above_by_level[4], 0, "C5 may hold anything");
    assert!(above_by_level[..4].iter().all(|n| *n > 0), "{above_by_level:?}");
}
