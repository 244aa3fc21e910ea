//! The embedded market data (`assets/market/*.csv.gz`, built by `assets/market/make_market.py` from
//! `../shared/data`): the securities and prices files exactly as the demo imports them, and the
//! priced universe the portfolio generator draws from. Prices in 厘 ([`PriceMilli`]).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::domain::model::{Exchange, PriceMilli, Security, SecurityKind};
use crate::domain::money::parse_decimal;
use crate::domain::rating::{effective_rating, is_st_name};
use crate::domain::risk::ProductRisk;
use crate::domain::rules::Rules;

static SECURITIES_GZ: &[u8] = include_bytes!("../../assets/market/securities.csv.gz");
static PRICES_GZ: &[u8] = include_bytes!("../../assets/market/prices.csv.gz");
static UNIVERSE_GZ: &[u8] = include_bytes!("../../assets/market/stock_universe.csv.gz");
static FUND_RETURNS_GZ: &[u8] = include_bytes!("../../assets/market/fund_returns.csv.gz");

fn gunzip(name: &str, gz: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(gz.len() * 4);
    flate2::read::GzDecoder::new(gz).read_to_end(&mut out).map_err(|e| format!("embedded {name}: {e}"))?;
    Ok(out)
}

/// The securities import file (UTF-8 CSV, header `code,exchange,name,kind,board,industry,category,risk_rating,face_value`):
/// every A-share stock, listed ETFs and convertibles, and a few hundred open funds.
pub fn securities_csv() -> Result<&'static [u8], String> {
    static CELL: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    CELL.get_or_init(|| gunzip("securities.csv.gz", SECURITIES_GZ)).as_deref().map_err(Clone::clone)
}

/// The prices import file (header `code,date,open,high,low,close,volume`, yuan, volume in shares):
/// daily bars of the 207 priced stocks from 2023-01-03 and one NAV bar per open fund.
pub fn prices_csv() -> Result<&'static [u8], String> {
    static CELL: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    CELL.get_or_init(|| gunzip("prices.csv.gz", PRICES_GZ)).as_deref().map_err(Clone::clone)
}

/// Why one of the 207 priced stocks was picked upstream (`a_share_daily_universe.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selection {
    Bluechip,
    Liquid,
    St,
    SmallCap,
    RecentIpo,
}

/// A stock with daily closes.
#[derive(Debug, Clone)]
pub struct PricedStock {
    pub code: String,
    pub name: String,
    /// 主板 / 创业板.
    pub board: String,
    pub selection: Selection,
    /// ST or *ST name (rated R5 by the default rules).
    pub st: bool,
    /// Rating by the default rules of `assets/rules.toml` (R3 main board, R4 ChiNext, R5 ST).
    pub rating: ProductRisk,
    /// Index into [`Market::calendar`] of the first bar.
    pub first_day: usize,
    /// Closes in 厘 from `first_day` to the last calendar day; a day without a bar repeats the previous close.
    pub closes: Vec<PriceMilli>,
}

impl PricedStock {
    /// The close on calendar day `day` (the first close before the stock's first bar).
    pub fn close_on(&self, day: usize) -> PriceMilli {
        let i = day.saturating_sub(self.first_day).min(self.closes.len() - 1);
        self.closes[i]
    }
    /// The close on the last calendar day (the statistics date).
    pub fn last_close(&self) -> PriceMilli {
        self.closes[self.closes.len() - 1]
    }
    /// ChiNext / STAR / BSE: rated R4 by the default rules.
    pub fn growth_board(&self) -> bool {
        self.board != "主板"
    }
}

/// Broad class of an open fund, from its Eastmoney type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FundClass {
    /// 货币型: NAV 1.00, rated R1.
    Money,
    /// 债券型, 指数型-固收, FOF-稳健型: R2 (bond types) or R3.
    Bond,
    /// 混合型, FOF: R3.
    Mixed,
    /// 股票型, 指数型-股票: R3.
    Equity,
    /// QDII and overseas index: R4.
    Overseas,
}

/// An open (OTC) fund with its NAV and trailing returns.
#[derive(Debug, Clone)]
pub struct PricedFund {
    pub code: String,
    pub name: String,
    /// Eastmoney fund type, e.g. `债券型-长债`.
    pub category: String,
    pub class: FundClass,
    /// Unit NAV in 厘 on `nav_date`.
    pub nav: PriceMilli,
    pub nav_date: NaiveDate,
    /// Trailing returns in percent over 1m, 3m, 6m, 1y, 2y, 3y (`None` when the fund is younger).
    pub returns: [Option<f64>; 6],
    /// Rating by the default rules of `assets/rules.toml` (R1 money, R2 bond, R3 mixed/equity, R4 QDII).
    pub rating: ProductRisk,
}

/// Months of each entry of [`PricedFund::returns`].
pub const RETURN_MONTHS: [u32; 6] = [1, 3, 6, 12, 24, 36];

/// The priced universe: what holdings can be valued with.
#[derive(Debug, Clone)]
pub struct Market {
    /// Trading days of the stock bars, ascending.
    pub calendar: Vec<NaiveDate>,
    /// Stocks with daily closes, by code.
    pub stocks: Vec<PricedStock>,
    /// Open funds with a NAV, by code.
    pub funds: Vec<PricedFund>,
    /// Number of [`Market::funds`] in each [`FundClass`] (indexed by `class as usize`).
    pub funds_per_class: [usize; 5],
    /// Number of rows in the securities file.
    pub securities: usize,
    /// Number of bars in the prices file.
    pub price_bars: usize,
}

impl Market {
    /// The statistics date (统计日期): the last trading day in the data (2025-08-26).
    pub fn statistics_date(&self) -> NaiveDate {
        self.calendar[self.calendar.len() - 1]
    }
    /// Index of the last calendar day on or before `date` (0 if it is before the first).
    pub fn day_on_or_before(&self, date: NaiveDate) -> usize {
        self.calendar.partition_point(|d| *d <= date).saturating_sub(1)
    }
}

/// The market, parsed once from the embedded files.
pub fn market() -> Result<&'static Market, String> {
    static CELL: OnceLock<Result<Market, String>> = OnceLock::new();
    CELL.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(true).from_reader(bytes)
}

fn price(text: &str, what: &str) -> Result<PriceMilli, String> {
    parse_decimal(text, 3).map_err(|e| format!("embedded {what}: {e}"))
}

fn date(text: &str, what: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("embedded {what}: {text:?}: {e}"))
}

/// The default rating of a security as the rules file would give it.
fn default_rating(
    rules: &Rules,
    code: &str,
    name: &str,
    kind: SecurityKind,
    board: &str,
    category: &str,
) -> ProductRisk {
    let security = Security {
        code: code.to_string(),
        exchange: Exchange::OTC,
        name: name.to_string(),
        kind,
        board: board.to_string(),
        industry: String::new(),
        category: category.to_string(),
        risk_rating: None,
        face_value: None,
    };
    effective_rating(&security, &rules.product_ratings)
}

fn load() -> Result<Market, String> {
    let rules = Rules::defaults();
    // code → (name, kind, board, category)
    let mut info: BTreeMap<String, (String, String, String, String)> = BTreeMap::new();
    let mut securities = 0;
    for rec in reader(securities_csv()?).records() {
        let r = rec.map_err(|e| format!("embedded securities.csv: {e}"))?;
        info.insert(r[0].to_string(), (r[2].to_string(), r[3].to_string(), r[4].to_string(), r[6].to_string()));
        securities += 1;
    }
    let universe_bytes = gunzip("stock_universe.csv.gz", UNIVERSE_GZ)?;
    let mut selection: BTreeMap<String, Selection> = BTreeMap::new();
    for rec in reader(&universe_bytes).records() {
        let r = rec.map_err(|e| format!("embedded stock_universe.csv: {e}"))?;
        let s = match &r[1] {
            "bluechip" => Selection::Bluechip,
            "liquid" => Selection::Liquid,
            "st" => Selection::St,
            "small_cap_random" => Selection::SmallCap,
            "recent_ipo" => Selection::RecentIpo,
            other => return Err(format!("embedded stock_universe.csv: unknown selection {other:?}")),
        };
        selection.insert(r[0].to_string(), s);
    }
    let returns_bytes = gunzip("fund_returns.csv.gz", FUND_RETURNS_GZ)?;
    let mut returns: BTreeMap<String, [Option<f64>; 6]> = BTreeMap::new();
    for rec in reader(&returns_bytes).records() {
        let r = rec.map_err(|e| format!("embedded fund_returns.csv: {e}"))?;
        let mut v = [None; 6];
        for (i, slot) in v.iter_mut().enumerate() {
            *slot = r.get(i + 1).and_then(|t| t.trim().parse::<f64>().ok());
        }
        returns.insert(r[0].to_string(), v);
    }

    // Stock bars: (code, date, close); fund bars: one per fund.
    let mut bars: BTreeMap<String, Vec<(NaiveDate, PriceMilli)>> = BTreeMap::new();
    let mut fund_navs: BTreeMap<String, (NaiveDate, PriceMilli)> = BTreeMap::new();
    let mut price_bars = 0;
    for rec in reader(prices_csv()?).records() {
        let r = rec.map_err(|e| format!("embedded prices.csv: {e}"))?;
        price_bars += 1;
        let d = date(&r[1], "prices.csv")?;
        let close = price(&r[5], "prices.csv")?;
        if selection.contains_key(&r[0]) {
            bars.entry(r[0].to_string()).or_default().push((d, close));
        } else {
            fund_navs.insert(r[0].to_string(), (d, close));
        }
    }
    let mut calendar: Vec<NaiveDate> = bars.values().flat_map(|v| v.iter().map(|(d, _)| *d)).collect();
    calendar.sort_unstable();
    calendar.dedup();
    if calendar.is_empty() {
        return Err("embedded prices.csv has no stock bars".into());
    }

    let mut stocks = Vec::with_capacity(bars.len());
    for (code, mut series) in bars {
        series.sort_unstable();
        let (name, _, board, _) =
            info.get(&code).cloned().ok_or_else(|| format!("embedded prices.csv: {code} is not in securities.csv"))?;
        let first_day = calendar.partition_point(|d| *d < series[0].0);
        let mut closes = Vec::with_capacity(calendar.len() - first_day);
        let mut next = series.iter().peekable();
        let mut last = series[0].1;
        for d in &calendar[first_day..] {
            if let Some((bd, c)) = next.peek()
                && bd == d
            {
                last = *c;
                next.next();
            }
            closes.push(last);
        }
        let st = is_st_name(&name);
        let rating = default_rating(&rules, &code, &name, SecurityKind::Stock, &board, "");
        stocks.push(PricedStock { selection: selection[&code], code, name, board, st, rating, first_day, closes });
    }

    let mut funds = Vec::with_capacity(fund_navs.len());
    for (code, (nav_date, nav)) in fund_navs {
        let (name, kind, _, category) =
            info.get(&code).cloned().ok_or_else(|| format!("embedded prices.csv: {code} is not in securities.csv"))?;
        if kind != "fund" {
            return Err(format!("embedded prices.csv: {code} has one bar but is a {kind}"));
        }
        let class = if category.starts_with("货币") {
            FundClass::Money
        } else if category.starts_with("债券") || category.starts_with("指数型-固收") || category == "FOF-稳健型"
        {
            FundClass::Bond
        } else if category.starts_with("QDII") || category.starts_with("指数型-海外") {
            FundClass::Overseas
        } else if category.starts_with("股票") || category.starts_with("指数型") {
            FundClass::Equity
        } else {
            FundClass::Mixed
        };
        let returns = returns.get(&code).copied().unwrap_or([None; 6]);
        let rating = default_rating(&rules, &code, &name, SecurityKind::Fund, "", &category);
        funds.push(PricedFund { code, name, category, class, nav, nav_date, returns, rating });
    }
    let mut funds_per_class = [0; 5];
    for f in &funds {
        funds_per_class[f.class as usize] += 1;
    }
    Ok(Market { calendar, stocks, funds, funds_per_class, securities, price_bars })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_market_loads() {
        let m = market().unwrap();
        assert_eq!(m.statistics_date(), NaiveDate::from_ymd_opt(2025, 8, 26).unwrap());
        assert_eq!(m.stocks.len(), 207);
        assert!(m.funds.len() >= 300, "{} funds", m.funds.len());
        assert!(m.securities > 7000);
        assert!(m.calendar[0] >= NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
        let moutai = m.stocks.iter().find(|s| s.code == "600519").expect("贵州茅台 is a bluechip");
        assert_eq!(moutai.selection, Selection::Bluechip);
        assert!(moutai.last_close() > 1_000_000, "茅台 closes above 1,000 yuan");
        assert!(m.stocks.iter().filter(|s| s.st).count() >= 10);
        assert!(m.funds.iter().any(|f| f.class == FundClass::Money && f.nav == 1000));
        assert!(m.funds.iter().filter(|f| f.class == FundClass::Money).all(|f| f.rating == ProductRisk::R1));
        assert!(m.funds.iter().any(|f| f.rating == ProductRisk::R2));
        assert_eq!(moutai.rating, ProductRisk::R3);
        assert!(m.stocks.iter().filter(|s| s.st).all(|s| s.rating == ProductRisk::R5));
        assert!(m.stocks.iter().any(|s| s.rating == ProductRisk::R4));
        for s in &m.stocks {
            assert_eq!(s.first_day + s.closes.len(), m.calendar.len(), "{}", s.code);
            assert!(s.closes.iter().all(|c| *c > 0));
        }
        let header = std::str::from_utf8(&securities_csv().unwrap()[..80]).unwrap();
        assert!(header.starts_with("code,exchange,name,kind,board,industry,category,risk_rating,face_value\n"));
        assert!(prices_csv().unwrap().starts_with(b"code,date,open,high,low,close,volume\n"));
    }

    #[test]
    fn security_codes_are_unique() {
        let mut codes: Vec<String> =
            reader(securities_csv().unwrap()).records().map(|r| r.unwrap()[0].to_string()).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }
}
