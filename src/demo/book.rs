//! The generator: managers, customers, account snapshots, holdings and assessments of one branch,
//! as domain records, deterministic for a given [`DemoOptions`].

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64;

use super::answers::{SheetFacts, SheetMaker};
use super::calibration::{
    ASSESSED_SHARE, CSDC_2016_BUCKETS, CUSTOMERS_PER_MANAGER, INSTITUTION_SHARE, LEVEL_TARGET_PCT, LOWEST_SHARE,
    MAX_MANAGERS, MIN_MANAGERS, bucket_of, normal_cdf,
};
use super::draw::{log_lerp, quantile_band, weighted_index, weighted_pick};
use super::market::Market;
use super::names::{company_name, person_name};
use super::people::{age_for_latent, area_code, area_code_in, birth_date_for_age, credit_code, mobile, resident_id};
use super::portfolio::{Activity, PortfolioInput, Position, activity, positions};
use super::{BRANCH, DemoOptions};
use crate::domain::id_number::{Gender, age_on};
use crate::domain::model::{
    AccountSnapshot, Assessment, Customer, CustomerKind, CustomerStatus, Holding, InvestorClass, Manager, Order, Role,
    Side,
};
use crate::domain::money::Fen;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::{ProductRisk, RiskLevel};
use crate::domain::scoring::{Answers, ScoreResult};

/// The generated book as domain records, each list in output order.
#[derive(Debug, Clone)]
pub struct DemoBook {
    /// The statistics date (统计日期): latest price date; the current snapshot and holdings are as of it.
    pub statistics_date: NaiveDate,
    /// The earlier snapshot date, one year before (a trading day).
    pub previous_date: NaiveDate,
    /// `M01`… with `M01` the branch head (role supervisor).
    pub managers: Vec<Manager>,
    /// By `customer_id`.
    pub customers: Vec<Customer>,
    /// By `customer_id`, then `as_of`.
    pub accounts: Vec<AccountSnapshot>,
    /// By `customer_id`, then `code`; all as of the statistics date.
    pub holdings: Vec<Holding>,
    /// By `customer_id`, then `assessed_on`; scored with the default questionnaire.
    pub assessments: Vec<Assessment>,
    /// The statistics date's orders (see [`day_orders`]), by `customer_id`, then time.
    pub orders: Vec<Order>,
}

/// Weights of account-opening years (A-share new-investor waves: 2007, 2015, 2020–21, 2024).
const OPEN_YEARS: &[(i32, u32)] = &[
    (1996, 10),
    (1997, 15),
    (1998, 10),
    (1999, 12),
    (2000, 20),
    (2001, 12),
    (2002, 6),
    (2003, 5),
    (2004, 6),
    (2005, 5),
    (2006, 20),
    (2007, 60),
    (2008, 25),
    (2009, 25),
    (2010, 20),
    (2011, 15),
    (2012, 12),
    (2013, 13),
    (2014, 25),
    (2015, 70),
    (2016, 30),
    (2017, 30),
    (2018, 25),
    (2019, 30),
    (2020, 45),
    (2021, 50),
    (2022, 35),
    (2023, 30),
    (2024, 45),
    (2025, 25),
];

/// Probability of a professional investor by CSDC bucket (skewed to large accounts; about 2 % overall).
const PROFESSIONAL_BY_BUCKET: [f64; 8] = [0.003, 0.003, 0.03, 0.08, 0.25, 0.7, 0.7, 0.7];
/// Probability of dormant status by CSDC bucket (about 6 % overall, mostly small accounts).
const DORMANT_BY_BUCKET: [f64; 8] = [0.075, 0.075, 0.025, 0.025, 0.02, 0.02, 0.02, 0.02];

/// One customer before ids are assigned.
struct Draft {
    kind: CustomerKind,
    name: String,
    gender: Option<Gender>,
    birth: Option<NaiveDate>,
    id_number: String,
    mobile: Option<String>,
    opened_on: NaiveDate,
    class: InvestorClass,
    status: CustomerStatus,
    /// Regulatory dormant: no securities, cash under 100 yuan, no trade for 3 years.
    empty_dormant: bool,
    total: Fen,
    appetite: f64,
    manager: usize,
}

fn days(n: i64) -> Days {
    Days::new(n.max(0) as u64)
}

/// Total assets in fen for a uniform draw `u` by the CSDC buckets, log-uniform within a bucket.
pub fn assets_for_quantile(u: f64) -> Fen {
    let (i, within) = quantile_band(CSDC_2016_BUCKETS.iter().map(|b| b.share_pct), u);
    let (lo, hi) = (CSDC_2016_BUCKETS[i].lo_yuan * 100, CSDC_2016_BUCKETS[i].hi_yuan * 100);
    (log_lerp(lo as f64, hi as f64, within).floor() as Fen).clamp(lo, hi - 1)
}

/// Number of managers for `customers`: one per 300, at least 10, at most 50.
pub fn manager_count(customers: usize) -> usize {
    (customers.div_ceil(CUSTOMERS_PER_MANAGER)).clamp(MIN_MANAGERS, MAX_MANAGERS)
}

fn open_date<R: Rng>(rng: &mut R, earliest: NaiveDate, latest: NaiveDate) -> NaiveDate {
    if earliest >= latest {
        return latest;
    }
    let years: Vec<(i32, u32)> =
        OPEN_YEARS.iter().copied().filter(|(y, _)| *y >= earliest.year() && *y <= latest.year()).collect();
    let year =
        if years.is_empty() { latest.year() } else { years[weighted_index(rng, years.iter().map(|(_, w)| *w))].0 };
    let lo = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(earliest).max(earliest);
    let hi = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(latest).min(latest);
    let span = (hi - lo).num_days().max(0);
    lo + days(rng.random_range(0..=span))
}

fn trading_day_on_or_before(m: &Market, d: NaiveDate) -> NaiveDate {
    if d < m.calendar[0] {
        // Before the price history: step back over weekends only.
        let mut d = d;
        while d.weekday().number_from_monday() > 5 {
            d = d - days(1);
        }
        return d;
    }
    m.calendar[m.day_on_or_before(d)]
}

/// Generates the book for `opts` (pure: no I/O, no clock).
pub fn generate_book(market: &Market, questionnaire: &Questionnaire, opts: &DemoOptions) -> DemoBook {
    let mut rng = Pcg64::seed_from_u64(opts.seed);
    let stats = market.statistics_date();
    let previous_date = market.calendar[market.day_on_or_before(stats - Months::new(12))];
    // Accounts are opened, and people are adults, by the earlier of today and the statistics date.
    let horizon = opts.today.min(stats);

    // Managers.
    let n_managers = manager_count(opts.customers);
    let mut managers = Vec::with_capacity(n_managers);
    let mut manager_weights = Vec::with_capacity(n_managers);
    for i in 0..n_managers {
        let gender = if rng.random_bool(0.5) { Gender::Male } else { Gender::Female };
        let year = rng.random_range(1968..=1998);
        let role = if i == 0 { Role::Supervisor } else { Role::Manager };
        managers.push(Manager {
            manager_id: format!("M{:02}", i + 1),
            name: person_name(&mut rng, gender, year),
            branch: BRANCH.to_string(),
            role,
        });
        manager_weights.push(if i == 0 { 0.3 } else { 0.7 + 0.6 * rng.random::<f64>() });
    }

    // Customers.
    let mut used_ids: HashSet<String> = HashSet::with_capacity(opts.customers);
    let mut used_mobiles: HashSet<String> = HashSet::with_capacity(opts.customers);
    let mut used_company_names: HashSet<String> = HashSet::new();
    let mut drafts: Vec<Draft> = Vec::with_capacity(opts.customers);
    for _ in 0..opts.customers {
        let w: f64 = StandardNormal.sample(&mut rng);
        let e_age: f64 = StandardNormal.sample(&mut rng);
        let e_app: f64 = StandardNormal.sample(&mut rng);
        let institution = rng.random_bool(INSTITUTION_SHARE);
        let manager = weighted_pick(&mut rng, &manager_weights).unwrap_or(n_managers - 1);
        let age_z = 0.35 * w + (1.0f64 - 0.35 * 0.35).sqrt() * e_age;
        // Appetite: richer and younger take more risk; normalised to unit variance.
        let raw = 0.35 * w - 0.3 * age_z + (1.0f64 - 0.35 * 0.35 - 0.3 * 0.3).sqrt() * e_app;
        let appetite = raw / (1.0f64 - 2.0 * 0.35 * 0.3 * 0.35).sqrt();
        if institution {
            let total = (log_lerp(500_000.0, 300_000_000.0, rng.random()) * 100.0).floor() as Fen;
            let class =
                if (total >= 1_000_000_000 && rng.random_bool(0.8)) || (total >= 500_000_000 && rng.random_bool(0.3)) {
                    InvestorClass::Professional
                } else {
                    InvestorClass::Ordinary
                };
            let (mut name, mut city) = company_name(&mut rng);
            while !used_company_names.insert(name.clone()) {
                (name, city) = company_name(&mut rng);
            }
            let area = area_code_in(&mut rng, city);
            let mut id = credit_code(&mut rng, area);
            while !used_ids.insert(id.clone()) {
                id = credit_code(&mut rng, area);
            }
            let mobile = if rng.random_bool(0.7) { Some(unique_mobile(&mut rng, &mut used_mobiles)) } else { None };
            let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
            let opened_on = open_date(&mut rng, earliest, horizon - days(10));
            drafts.push(Draft {
                kind: CustomerKind::Institution,
                name,
                gender: None,
                birth: None,
                id_number: id,
                mobile,
                opened_on,
                class,
                status: CustomerStatus::Active,
                empty_dormant: false,
                total,
                appetite,
                manager,
            });
            continue;
        }
        let mut total = assets_for_quantile(normal_cdf(w));
        let bucket = bucket_of(total);
        let gender =
            if rng.random_bool(super::calibration::AMAC_2020_MALE_PCT / 100.0) { Gender::Male } else { Gender::Female };
        let mut age = age_for_latent(age_z);
        let mut birth = birth_date_for_age(&mut rng, age, opts.today);
        // Adult (18) at least 30 days before the horizon, so an account could be opened.
        while birth + Months::new(18 * 12) > horizon - days(30) {
            age += 1;
            birth = birth_date_for_age(&mut rng, age, opts.today);
        }
        let area = area_code(&mut rng);
        let mut id = resident_id(&mut rng, area, birth, gender);
        while !used_ids.insert(id.clone()) {
            id = resident_id(&mut rng, area, birth, gender);
        }
        let name = person_name(&mut rng, gender, birth.year());
        let mobile = unique_mobile(&mut rng, &mut used_mobiles);
        let adult = birth + Months::new(18 * 12);
        let earliest = adult.max(NaiveDate::from_ymd_opt(1996, 1, 1).expect("date"));
        let opened_on = if rng.random_bool(0.012) {
            // A few brand-new accounts (new-account callbacks).
            (horizon - days(rng.random_range(1..=45))).max(earliest)
        } else {
            open_date(&mut rng, earliest, horizon - days(1))
        };
        let class = if rng.random_bool(PROFESSIONAL_BY_BUCKET[bucket]) {
            InvestorClass::Professional
        } else {
            InvestorClass::Ordinary
        };
        let old_enough = opened_on + days(200) <= stats;
        // dormant needs a year without trades after the first ones (the draw stays where it was,
        // so the rest of the book is the same as before this rule)
        let dormant =
            old_enough && rng.random_bool(DORMANT_BY_BUCKET[bucket]) && opened_on + days(400) <= stats;
        let empty_dormant = dormant && bucket == 0 && opened_on + days(1100) <= stats && rng.random_bool(0.3);
        if empty_dormant {
            total = rng.random_range(50..10_000);
        }
        drafts.push(Draft {
            kind: CustomerKind::Individual,
            name,
            gender: Some(gender),
            birth: Some(birth),
            id_number: id,
            mobile: Some(mobile),
            opened_on,
            class,
            status: if dormant { CustomerStatus::Dormant } else { CustomerStatus::Active },
            empty_dormant,
            total,
            appetite,
            manager,
        });
    }

    // Customer ids (资金账号) in opening order: branch prefix 3108 + an 8-digit serial with gaps.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| (drafts[i].opened_on, i));
    let mut serial: u64 = 100_000;
    let maker = SheetMaker::new(questionnaire);
    let prev_day = market.day_on_or_before(previous_date);

    let mut customers = Vec::with_capacity(drafts.len());
    let mut accounts = Vec::with_capacity(drafts.len() * 2);
    let mut holdings = Vec::with_capacity(drafts.len() * 3);
    let mut assessments = Vec::with_capacity(drafts.len());
    for i in order {
        let d = &drafts[i];
        serial += rng.random_range(1..=12);
        let customer_id = format!("3108{serial:08}");

        // Last trade and cash.
        let last_trade_on = if d.status == CustomerStatus::Dormant {
            // dormant (休眠) means no trade in the last 12 months: nothing traded, no commission
            let (lo, hi) = if d.empty_dormant { (1100, 2500) } else { (366, 1500) };
            let back = rng.random_range(lo..=hi);
            trading_day_on_or_before(market, (stats - days(back)).max(d.opened_on + days(3)))
                .max(d.opened_on)
                .min(stats - days(lo))
        } else {
            let mean = 15.0;
            let e: f64 = rand_distr::Exp1.sample(&mut rng);
            let back = ((e * mean) as i64).min(150);
            let day = trading_day_on_or_before(market, stats - days(back));
            if day < d.opened_on {
                // New account: first trades after opening.
                let span = (stats - d.opened_on).num_days();
                trading_day_on_or_before(market, d.opened_on + days(rng.random_range(0..=span))).max(d.opened_on)
            } else {
                day
            }
        };
        // The level the customer's answers give (from appetite), and whether they keep their
        // holdings within it (most do; the rest are the suitability alerts of the book).
        let individual_ordinary = d.kind == CustomerKind::Individual && d.class == InvestorClass::Ordinary;
        let (level, lowest) =
            if individual_ordinary { target_level(&mut rng, d.appetite) } else { (RiskLevel::C5, false) };
        let max_rating = if individual_ordinary {
            let (limit, keep) = match level {
                RiskLevel::C1 if lowest => (ProductRisk::R1, 0.9),
                RiskLevel::C1 => (ProductRisk::R1, 0.75),
                RiskLevel::C2 => (ProductRisk::R2, 0.7),
                RiskLevel::C3 => (ProductRisk::R3, 0.8),
                RiskLevel::C4 => (ProductRisk::R4, 0.9),
                RiskLevel::C5 => (ProductRisk::R5, 1.0),
            };
            rng.random_bool(keep).then_some(limit)
        } else {
            None
        };
        let margin = d.total >= 50 * 1_000_000
            && d.appetite > 0.5
            && max_rating.is_none_or(|m| m >= ProductRisk::R4)
            && rng.random_bool(0.3);
        let mostly_cash = !d.empty_dormant && rng.random_bool(0.04);
        let cash_share = if d.empty_dormant {
            1.0
        } else if mostly_cash {
            0.9 + 0.1 * rng.random::<f64>()
        } else {
            let u: f64 = rng.random();
            0.02 + 0.4 * u * u
        };
        let last_trade_day = market.day_on_or_before(last_trade_on);
        let opened_day = if d.opened_on < market.calendar[0] { 0 } else { market.day_on_or_before(d.opened_on) };
        let pos: Vec<Position> = if d.empty_dormant {
            Vec::new()
        } else {
            let input = PortfolioInput {
                total: d.total,
                appetite: d.appetite,
                opened_day: opened_day.min(last_trade_day),
                last_trade_day,
                prev_day,
                cash_share,
                max_rating,
            };
            positions(&mut rng, market, &input)
        };
        let value_now: Fen = pos.iter().map(Position::value_now).sum();
        let fund_value: Fen = pos.iter().filter(|p| p.fund).map(Position::value_now).sum();
        let cash = d.total - value_now;
        debug_assert!(cash >= 0);

        // One year earlier: same portfolio at last year's prices, scaled by net flows.
        let has_prev = d.opened_on <= previous_date;
        let z_flow: f64 = StandardNormal.sample(&mut rng);
        let flow = (0.3 * z_flow).exp();
        let value_prev: Fen = pos.iter().map(Position::value_prev).sum();
        let total_prev = if d.empty_dormant { d.total } else { (((cash + value_prev) as f64) / flow).round() as Fen };
        let avg_assets = if has_prev { (d.total + total_prev) / 2 } else { d.total };

        // Share of the last 12 months the customer traded in.
        let cash_damping = if mostly_cash { 0.3 } else { 1.0 };
        let active_share = cash_damping
            * if d.status == CustomerStatus::Dormant {
                0.0
            } else if d.opened_on > previous_date {
                (stats - d.opened_on).num_days() as f64 / 365.0
            } else {
                1.0
            };
        let now_act = activity(&mut rng, avg_assets, d.appetite, active_share, fund_value, margin);
        let current = AccountSnapshot {
            customer_id: customer_id.clone(),
            as_of: stats,
            cash,
            total_assets: d.total,
            net_commission_12m: now_act.net_commission,
            other_income_12m: now_act.other_income,
            turnover_12m: now_act.turnover,
            last_trade_on: Some(last_trade_on),
        };
        // Accounts are listed by customer, then date: the earlier snapshot first.
        if has_prev {
            let z_cash: f64 = StandardNormal.sample(&mut rng);
            let prev_cash_share = (cash as f64 / d.total.max(1) as f64 + 0.1 * z_cash).clamp(0.0, 1.0);
            let prev_cash =
                if d.empty_dormant { d.total } else { (total_prev as f64 * prev_cash_share).round() as Fen };
            let prev_last = if last_trade_on <= previous_date {
                last_trade_on
            } else {
                let e: f64 = rand_distr::Exp1.sample(&mut rng);
                let back = ((e * 20.0) as i64).min(200);
                trading_day_on_or_before(market, previous_date - days(back)).max(d.opened_on)
            };
            let prev_active =
                cash_damping * ((365 - (previous_date - prev_last).num_days()) as f64 / 365.0).clamp(0.0, 1.0);
            let prev_act: Activity = activity(&mut rng, total_prev, d.appetite, prev_active, fund_value, margin);
            accounts.push(AccountSnapshot {
                customer_id: customer_id.clone(),
                as_of: previous_date,
                cash: prev_cash,
                total_assets: total_prev,
                net_commission_12m: prev_act.net_commission,
                other_income_12m: prev_act.other_income,
                turnover_12m: prev_act.turnover,
                last_trade_on: Some(prev_last),
            });
        }
        accounts.push(current);

        for p in &pos {
            holdings.push(Holding {
                customer_id: customer_id.clone(),
                as_of: stats,
                code: p.code.clone(),
                quantity: p.quantity,
                cost_price: p.cost_price,
            });
        }

        // Assessments: individual ordinary customers, about 85 %.
        if individual_ordinary && rng.random_bool(ASSESSED_SHARE) {
            let birth = d.birth.expect("individuals have a birth date");
            let adult = birth + Months::new(18 * 12);
            let earliest = d.opened_on.max(adult);
            let latest = opts.today.max(earliest);
            let back = rng.random_range(0..=835);
            let assessed_on = (opts.today - days(back)).max(earliest).min(latest);
            let monthly =
                if now_act.turnover > 0 || !pos.is_empty() { Some(now_act.turnover / 100 / 12 * 2) } else { None };
            let investable = (d.total as f64 / 100.0 * (0.5f64.ln() + 1.2 * rng.random::<f64>() + 0.6).exp()) as i64;
            let facts = SheetFacts {
                age: age_on(birth, assessed_on),
                investable_yuan: investable,
                monthly_turnover_yuan: monthly,
            };
            // Some customers were assessed before: an older sheet, superseded by the latest.
            let older_on = assessed_on.checked_sub_days(Days::new(rng.random_range(365..=1100)));
            if let Some(older_on) = older_on.filter(|o| *o >= earliest && rng.random_bool(0.18)) {
                let old_level = match rng.random_range(0..4) {
                    0 if level > RiskLevel::C1 => RiskLevel::ALL[level as usize - 1],
                    1 if level < RiskLevel::C5 => RiskLevel::ALL[level as usize + 1],
                    _ => level,
                };
                let old_facts = SheetFacts { age: age_on(birth, older_on), ..facts };
                let sheet = maker.sheet(&mut rng, old_level, false, &old_facts);
                assessments.push(assessment(questionnaire, &customer_id, sheet, older_on));
            }
            let sheet = maker.sheet(&mut rng, level, lowest, &facts);
            assessments.push(assessment(questionnaire, &customer_id, sheet, assessed_on));
        }

        customers.push(Customer {
            customer_id,
            name: d.name.clone(),
            kind: d.kind,
            gender: d.gender,
            birth_date: d.birth,
            id_number: d.id_number.clone(),
            mobile: d.mobile.clone(),
            manager_id: managers[d.manager].manager_id.clone(),
            opened_on: d.opened_on,
            investor_class: d.class,
            status: d.status,
        });
    }
    let mut orders = day_orders(market, &holdings, stats);
    // a dormant customer (休眠) places no order: nothing traded for a year, today included
    let dormant: std::collections::HashSet<&str> = customers
        .iter()
        .filter(|c| c.status == CustomerStatus::Dormant)
        .map(|c| c.customer_id.as_str())
        .collect();
    orders.retain(|o| !dormant.contains(o.customer_id.as_str()));
    DemoBook { statistics_date: stats, previous_date, managers, customers, accounts, holdings, assessments, orders }
}

/// The back office's orders of the statistics date, derived from the holdings without the
/// generator's random stream (so the rest of the book does not move): every 97th stock position
/// sells 100 shares (or all) near the close; every 997th position's order is a fat finger at a
/// tenth of the close; every 1,499th customer-position also buys 10 of a convertible bond at
/// 1.000 yuan against its 100-yuan face (the mispriced-order rule's textbook case).
pub fn day_orders(market: &Market, holdings: &[Holding], stats: NaiveDate) -> Vec<Order> {
    let closes: std::collections::HashMap<&str, crate::domain::model::PriceMilli> =
        market.stocks.iter().map(|s| (s.code.as_str(), s.last_close())).collect();
    let at = |minute: usize| {
        let t = stats.and_hms_opt(9, 30, 0).unwrap_or_default() + chrono::Duration::minutes((minute % 120) as i64);
        t.and_local_timezone(crate::clock::china_offset()).single().map(|t| t.with_timezone(&chrono::Utc))
    };
    let mut orders = Vec::new();
    for (i, h) in holdings.iter().enumerate() {
        let Some(close) = closes.get(h.code.as_str()).copied() else { continue };
        let Some(time) = at(i) else { continue };
        if i % 97 == 0 || i % 997 == 0 {
            let price = if i % 997 == 0 { (close / 10).max(10) } else { close + (i as i64 % 3 - 1) * 10 };
            orders.push(Order {
                customer_id: h.customer_id.clone(),
                time,
                code: h.code.clone(),
                side: Side::Sell,
                price,
                quantity: h.quantity.min(100),
            });
        }
        if i % 1499 == 0 {
            orders.push(Order {
                customer_id: h.customer_id.clone(),
                time: time + chrono::Duration::minutes(1),
                code: "110043".into(),
                side: Side::Buy,
                price: 1_000,
                quantity: 10,
            });
        }
    }
    orders.sort_by(|a, b| a.customer_id.cmp(&b.customer_id).then(a.time.cmp(&b.time)).then(a.code.cmp(&b.code)));
    orders.dedup_by(|a, b| a.customer_id == b.customer_id && a.time == b.time && a.code == b.code && a.side == b.side);
    orders
}

/// The level a customer of `appetite` (standard normal) answers to, by the quantiles of
/// [`LEVEL_TARGET_PCT`]; a share of the C1s are lowest-category sheets.
fn target_level<R: Rng>(rng: &mut R, appetite: f64) -> (RiskLevel, bool) {
    let q = normal_cdf(appetite);
    let mut acc = 0.0;
    let mut level = RiskLevel::C5;
    for (l, pct) in RiskLevel::ALL.iter().zip(LEVEL_TARGET_PCT) {
        acc += pct / 100.0;
        if q < acc {
            level = *l;
            break;
        }
    }
    let lowest = level == RiskLevel::C1 && rng.random_bool(LOWEST_SHARE / (LEVEL_TARGET_PCT[0] / 100.0));
    (level, lowest)
}

/// The assessment row of a scored sheet, valid for the questionnaire's validity days counting
/// `assessed_on` (as the import computes it).
fn assessment(
    q: &Questionnaire,
    customer_id: &str,
    (answers, r): (Answers, ScoreResult),
    assessed_on: NaiveDate,
) -> Assessment {
    Assessment {
        customer_id: customer_id.to_string(),
        questionnaire_id: q.id.clone(),
        version: q.version,
        answers: answers.to_text(),
        score: r.score,
        level: r.level,
        lowest: r.lowest,
        assessed_on,
        valid_until: q.valid_until(assessed_on),
        manager_id: None,
        customer_confirmed: true,
    }
}

fn unique_mobile<R: Rng>(rng: &mut R, used: &mut HashSet<String>) -> String {
    loop {
        let m = mobile(rng);
        if used.insert(m.clone()) {
            return m;
        }
    }
}
