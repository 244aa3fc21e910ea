//! Holdings and account figures of one demo customer: positions among the priced stocks and open
//! funds at real closes, cash for the rest, and 12-month turnover and contribution that fit the
//! customer's trading. Money in fen, prices in 厘.

use rand::Rng;
use rand_distr::{Distribution, Exp1, StandardNormal};

use super::draw::weighted_pick;
use super::market::{FundClass, Market, PricedStock, RETURN_MONTHS, Selection};
use crate::domain::model::{PriceMilli, market_value};
use crate::domain::money::Fen;
use crate::domain::risk::ProductRisk;

/// One generated position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub code: String,
    /// Shares (stocks: whole lots of 100) or fund units.
    pub quantity: i64,
    /// Cost price, 厘: a real close (stocks) or the NAV implied by a real trailing return (funds).
    pub cost_price: PriceMilli,
    /// Price on the statistics date, 厘.
    pub price_now: PriceMilli,
    /// Price one year before the statistics date, 厘 (cost when bought later or unknown).
    pub price_prev: PriceMilli,
    /// `true` for funds.
    pub fund: bool,
}

impl Position {
    /// Market value on the statistics date, fen.
    pub fn value_now(&self) -> Fen {
        market_value(self.quantity, self.price_now)
    }
    /// Market value one year earlier at that year's price, fen.
    pub fn value_prev(&self) -> Fen {
        market_value(self.quantity, self.price_prev)
    }
}

/// What the portfolio of a customer is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioInput {
    /// Total assets on the statistics date, fen (cash takes what positions leave).
    pub total: Fen,
    /// Risk appetite, standard normal (higher: more stocks, growth boards, ST).
    pub appetite: f64,
    /// Calendar index of the account opening (0 if before the price history).
    pub opened_day: usize,
    /// Calendar index of the last trade; positions were bought on or before it.
    pub last_trade_day: usize,
    /// Calendar index one year before the statistics date.
    pub prev_day: usize,
    /// Share of total assets kept in cash (0..=1).
    pub cash_share: f64,
    /// Highest product rating the customer buys (`None`: anything). A customer who keeps to
    /// their level holds nothing a suitability check would flag.
    pub max_rating: Option<ProductRisk>,
}

/// Smallest fund position, fen (1,000 yuan).
const MIN_FUND_POSITION: Fen = 100_000;

fn stock_weight(s: &PricedStock, a: f64) -> f64 {
    match s.selection {
        Selection::Bluechip => (5.0 * (1.0 - 0.2 * a)).max(1.0),
        Selection::Liquid if s.growth_board() => (1.5 * (1.0 + 0.5 * a)).max(0.3),
        Selection::Liquid => 3.0,
        Selection::SmallCap => (0.8 * (1.0 + 0.5 * a)).max(0.2),
        Selection::RecentIpo => (0.5 * (1.0 + 0.5 * a)).max(0.1),
        Selection::St => (0.25 * (1.0 + a)).max(0.05),
    }
}

fn fund_class_weight(c: FundClass, a: f64) -> f64 {
    match c {
        FundClass::Money => (2.0 - a).max(0.2),
        FundClass::Bond => (3.0 - a).max(0.3),
        FundClass::Mixed => 3.0,
        FundClass::Equity => (2.0 + a).max(0.3),
        FundClass::Overseas => (0.6 + 0.3 * a).max(0.1),
    }
}

/// How many positions an account of `total` fen holds (1–8, more for larger accounts).
fn position_count<R: Rng>(rng: &mut R, total: Fen) -> usize {
    let yuan = total / 100;
    let (lo, hi) = match yuan {
        y if y < 10_000 => (1, 4),
        y if y < 100_000 => (2, 7),
        y if y < 500_000 => (3, 8),
        _ => (4, 8),
    };
    rng.random_range(lo..=hi)
}

/// Draws the positions; their value never exceeds `total × (1 − cash_share)`.
pub fn positions<R: Rng>(rng: &mut R, market: &Market, input: &PortfolioInput) -> Vec<Position> {
    let invested = (input.total as f64 * (1.0 - input.cash_share)).floor() as Fen;
    if invested <= 0 {
        return Vec::new();
    }
    let a = input.appetite;
    let n = position_count(rng, input.total);
    let shares: Vec<f64> = (0..n)
        .map(|_| {
            let e: f64 = Exp1.sample(rng);
            e.powf(1.3) + 1e-6
        })
        .collect();
    let share_sum: f64 = shares.iter().sum();
    let allowed = |r: ProductRisk| input.max_rating.is_none_or(|m| r <= m);
    // Stocks that were listed by the customer's last trade and within their rating limit.
    let listed: Vec<usize> = (0..market.stocks.len())
        .filter(|&i| market.stocks[i].first_day <= input.last_trade_day && allowed(market.stocks[i].rating))
        .collect();
    let fund_p = if listed.is_empty() { 1.0 } else { (0.35 - 0.15 * a).clamp(0.05, 0.8) };
    let mut out: Vec<Position> = Vec::with_capacity(n);
    for share in shares {
        let target = (invested as f64 * share / share_sum).floor() as Fen;
        if target < 100 {
            continue;
        }
        // Small slices go to stocks (a fund position under 1,000 yuan is odd) unless stocks are out.
        let min_fund = if listed.is_empty() { 10_000 } else { MIN_FUND_POSITION };
        if target >= min_fund && rng.random_bool(fund_p) {
            if let Some(p) = fund_position(rng, market, input, target, &out) {
                out.push(p);
            }
            continue;
        }
        // A stock; whole lots. Too expensive for the slice: retry among the affordable ones.
        let weights: Vec<f64> = listed
            .iter()
            .map(|&i| {
                let s = &market.stocks[i];
                if out.iter().any(|p| p.code == s.code) || market_value(100, s.last_close()) > target {
                    0.0
                } else {
                    stock_weight(s, a)
                }
            })
            .collect();
        let Some(k) = weighted_pick(rng, &weights) else { continue };
        let s = &market.stocks[listed[k]];
        let lots = target / market_value(100, s.last_close());
        if lots <= 0 {
            continue;
        }
        let lo = s.first_day.max(input.opened_day).min(input.last_trade_day);
        let bought = rng.random_range(lo..=input.last_trade_day);
        let cost = s.close_on(bought);
        let prev =
            if s.first_day <= input.prev_day && bought <= input.prev_day { s.close_on(input.prev_day) } else { cost };
        out.push(Position {
            code: s.code.clone(),
            quantity: lots * 100,
            cost_price: cost,
            price_now: s.last_close(),
            price_prev: prev,
            fund: false,
        });
    }
    out.sort_by(|x, y| x.code.cmp(&y.code));
    out
}

fn fund_position<R: Rng>(
    rng: &mut R,
    market: &Market,
    input: &PortfolioInput,
    target: Fen,
    held: &[Position],
) -> Option<Position> {
    // Funds weighted by class (appetite) and spread evenly within a class.
    let weights: Vec<f64> = market
        .funds
        .iter()
        .map(|f| {
            if held.iter().any(|p| p.code == f.code) || input.max_rating.is_some_and(|m| f.rating > m) {
                0.0
            } else {
                fund_class_weight(f.class, input.appetite) / market.funds_per_class[f.class as usize] as f64
            }
        })
        .collect();
    let f = &market.funds[weighted_pick(rng, &weights)?];
    let units = target * 10 / f.nav;
    if units <= 0 || market_value(units, f.nav) < 100 {
        return None;
    }
    // Bought `months` before the NAV date, at the NAV the fund's real trailing return implies, no
    // earlier than the account opening and no later than the last trade.
    let nav_day = market.day_on_or_before(f.nav_date);
    let days_back = |months: u32| (months as usize * 21).min(nav_day);
    let usable: Vec<usize> = (0..RETURN_MONTHS.len())
        .filter(|&k| f.returns[k].is_some())
        .filter(|&k| {
            let day = nav_day - days_back(RETURN_MONTHS[k]);
            day >= input.opened_day && day <= input.last_trade_day
        })
        .collect();
    let implied = |k: usize| -> PriceMilli {
        let r = f.returns[k].unwrap_or(0.0);
        ((f.nav as f64) / (1.0 + r / 100.0)).round().max(1.0) as PriceMilli
    };
    let cost = if f.class == FundClass::Money || usable.is_empty() {
        f.nav
    } else {
        implied(usable[rng.random_range(0..usable.len())])
    };
    let prev = if f.class == FundClass::Money {
        f.nav
    } else {
        match f.returns[3] {
            Some(_) if input.opened_day <= input.prev_day => implied(3),
            _ => cost,
        }
    };
    Some(Position {
        code: f.code.clone(),
        quantity: units,
        cost_price: cost,
        price_now: f.nav,
        price_prev: prev,
        fund: true,
    })
}

/// The 12-month figures of one snapshot, fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Activity {
    pub turnover: Fen,
    pub net_commission: Fen,
    pub other_income: Fen,
}

/// Turnover, net commission and other income over 12 months for an account averaging
/// `avg_assets` fen: turnover = assets × a lognormal rate (median about 3×/year, higher with
/// appetite, scaled by `active_share` of the year traded); net commission ≈ turnover × a net rate
/// around 0.015 % (lower for large accounts); other income = fund trailer fees on `fund_value`
/// plus, with `margin`, interest on a margin loan of 5–30 % of assets at 6 %.
pub fn activity<R: Rng>(
    rng: &mut R,
    avg_assets: Fen,
    appetite: f64,
    active_share: f64,
    fund_value: Fen,
    margin: bool,
) -> Activity {
    if avg_assets <= 0 {
        return Activity::default();
    }
    let z: f64 = StandardNormal.sample(rng);
    let rate = (3.0f64.ln() + 0.35 * appetite + 0.9 * z).exp().min(60.0) * active_share.clamp(0.0, 1.0);
    let turnover = (avg_assets as f64 * rate).round() as Fen;
    let size_discount = if avg_assets >= 500 * 1_000_000 {
        0.75
    } else if avg_assets >= 100 * 1_000_000 {
        0.85
    } else {
        1.0
    };
    let z2: f64 = StandardNormal.sample(rng);
    let net_rate = (0.000_15 * size_discount * (0.3 * z2).exp()).clamp(0.000_05, 0.000_4);
    let net_commission = (turnover as f64 * net_rate).round() as Fen;
    let trailer = (fund_value as f64 * (0.002 + 0.003 * rng.random::<f64>())).round() as Fen;
    let margin = if margin && active_share > 0.0 {
        (avg_assets as f64 * (0.05 + 0.25 * rng.random::<f64>()) * 0.06).round() as Fen
    } else {
        0
    };
    Activity { turnover, net_commission, other_income: trailer + margin }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::market::market;
    use rand::SeedableRng;
    use rand_pcg::Pcg64;

    #[test]
    fn positions_fit_the_money_and_use_real_prices() {
        let m = market().unwrap();
        let mut rng = Pcg64::seed_from_u64(5);
        let last = m.calendar.len() - 1;
        for i in 0..500 {
            let total: Fen = 1_000_000 * (1 + i as i64 % 300);
            let input = PortfolioInput {
                total,
                appetite: (i as f64 / 250.0) - 1.0,
                opened_day: 0,
                last_trade_day: last - i % 100,
                prev_day: m.day_on_or_before(m.statistics_date() - chrono::Months::new(12)),
                cash_share: 0.1,
                max_rating: if i % 3 == 0 { Some(ProductRisk::R2) } else { None },
            };
            let ps = positions(&mut rng, m, &input);
            let value: Fen = ps.iter().map(Position::value_now).sum();
            assert!(value <= total * 9 / 10 + 1, "{value} > 90% of {total}");
            for p in &ps {
                let rating = m
                    .stocks
                    .iter()
                    .find(|s| s.code == p.code)
                    .map(|s| s.rating)
                    .or_else(|| m.funds.iter().find(|f| f.code == p.code).map(|f| f.rating));
                assert!(input.max_rating.is_none_or(|r| rating.unwrap() <= r));
                if let Some(s) = m.stocks.iter().find(|s| s.code == p.code) {
                    assert_eq!(p.quantity % 100, 0);
                    assert_eq!(p.price_now, s.last_close());
                    assert!(s.closes.contains(&p.cost_price), "cost {} of {} is a real close", p.cost_price, p.code);
                } else {
                    assert!(p.fund && m.funds.iter().any(|f| f.code == p.code && f.nav == p.price_now));
                }
            }
        }
    }
}
