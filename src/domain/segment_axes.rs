//! The other axes of the 分级分类 screen (SPEC §4.4; seed 第七条 其它客户分类补充, "多维度分类"):
//! A/B/C/D, Ⅰ/Ⅱ/Ⅲ/Ⅳ, age band, years since opening, holding concentration band and profit/loss
//! band. Pure: the store hands in one [`CustomerFacts`] per customer, these rules place it in one
//! segment of an [`Axis`].
//!
//! The seed (营业部客户分类, 第七条) defines the two 2 × 2 axes:
//! "按照'客户交易量贡献'和'客户资产周转率'两个指标将客户细分为高贡献高周转的 A类客户、高贡献低周转的
//! B类客户、低贡献高周转的 C类客户、低贡献低周转的 D类客户" and "按照'客户交易量贡献'和'客户资产增长率'
//! … 高贡献高增长的Ⅰ类客户、高贡献低增长的Ⅱ类客户、低贡献高增长的Ⅲ类客户、低贡献低增长的Ⅳ类客户".
//! So **B = high contribution, low turnover** and **C = low contribution, high turnover**.
//!
//! High and low are against a threshold, by default the median over the **whole branch** (every
//! customer in the DB with the figure, not only a manager's book, so a manager and the branch head
//! see the same cut). A figure **equal to the threshold is low**: high means strictly above. With
//! many zero contributions (dormant accounts) the median can be 0, and a customer who brought
//! nothing must not count as high.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::id_number::age_on;
use super::money::{Fen, ratio_bp};
use super::segment::Cell;
use super::tier::Tier;

/// An axis of the matrix other than the default tier × risk type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Axis {
    /// A/B/C/D: contribution × asset turnover.
    Abcd,
    /// Ⅰ/Ⅱ/Ⅲ/Ⅳ: contribution × asset growth over 12 months.
    Growth,
    /// Age band at the statistics date.
    Age,
    /// Whole years since the account was opened.
    Tenure,
    /// Largest position's share of total assets.
    Concentration,
    /// Unrealised profit/loss ÷ cost.
    Pnl,
}

/// Band edges the firm may want to change; defaults per SPEC §4.4 and the lead's design notes.
/// Concentration edges above 20 % come from the alert rules (SPEC §4.7) so the bands line up with
/// the 预警 thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandEdges {
    /// Lower edges of the age bands after the first, years: `<30, 30–39, …, ≥70`.
    pub age_years: [u32; 5],
    /// Lower edges of the tenure bands after the first, whole years: `<1, 1–3, 3–5, 5–10, ≥10`.
    pub tenure_years: [u32; 4],
    /// Concentration edges, basis points of total assets: `<e0`, `e0..=e1`, `e1<…≤e2`, `>e2`.
    pub concentration_bp: [i64; 3],
    /// P/L edges, basis points of cost: `≤−e1`, `−e1<…≤−e0`, `−e0<…<e0`, `e0≤…≤e1`, `>e1`.
    pub pnl_bp: [i64; 2],
}

impl Default for BandEdges {
    fn default() -> BandEdges {
        BandEdges {
            age_years: [30, 40, 50, 60, 70],
            tenure_years: [1, 3, 5, 10],
            concentration_bp: [2_000, 4_000, 5_000],
            pnl_bp: [500, 2_000],
        }
    }
}

/// The `[segments]` section of the rules file (all optional; defaults below): fixed thresholds
/// instead of the branch medians, and the band edges a firm may want to change. The two upper
/// concentration edges are the alert rule's (`[alerts.concentration]`, SPEC §4.7), not repeated here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SegmentRules {
    /// Fixed contribution threshold, whole yuan (high = strictly above), instead of the median.
    pub contribution_yuan: Option<i64>,
    /// Fixed asset-turnover threshold, basis points (23000 = 2.3 times), instead of the median.
    pub turnover_bp: Option<i64>,
    /// Fixed 12-month asset-growth threshold, basis points (1000 = +10 %), instead of the median.
    pub growth_bp: Option<i64>,
    /// Lower edges of the age bands after the first, years, increasing (30, 40, 50, 60, 70).
    pub age_years: [u32; 5],
    /// Lower edges of the tenure bands after the first, whole years, increasing (1, 3, 5, 10).
    pub tenure_years: [u32; 4],
    /// The lowest concentration edge, basis points (2000 = 20 %), below the alert's warning share.
    pub concentration_low_bp: i64,
    /// P/L edges, basis points of cost (500, 2000: ±5 %, ±20 %), increasing.
    pub pnl_bp: [i64; 2],
}

impl Default for SegmentRules {
    fn default() -> SegmentRules {
        let e = BandEdges::default();
        SegmentRules {
            contribution_yuan: None,
            turnover_bp: None,
            growth_bp: None,
            age_years: e.age_years,
            tenure_years: e.tenure_years,
            concentration_low_bp: e.concentration_bp[0],
            pnl_bp: e.pnl_bp,
        }
    }
}

impl SegmentRules {
    /// Checks the section; `largest_warning_bp` is the alert rule's warning share. Errors name the
    /// field: edges not increasing, ages over 150, tenure over 100 years, a concentration edge not
    /// between 0 and the warning share, P/L edges not within 0 < near < far ≤ 100000, a negative
    /// fixed contribution or turnover.
    pub fn validate(&self, largest_warning_bp: i64) -> Result<(), String> {
        let increasing = |v: &[i64]| v.windows(2).all(|w| w[0] < w[1]);
        let ages: Vec<i64> = self.age_years.iter().map(|a| i64::from(*a)).collect();
        if !increasing(&ages) || ages[0] == 0 || ages[4] > 150 {
            return Err(format!("segments.age_years must increase within 1..=150, found {:?}", self.age_years));
        }
        let years: Vec<i64> = self.tenure_years.iter().map(|a| i64::from(*a)).collect();
        if !increasing(&years) || years[0] == 0 || years[3] > 100 {
            return Err(format!("segments.tenure_years must increase within 1..=100, found {:?}", self.tenure_years));
        }
        if self.concentration_low_bp <= 0 || self.concentration_low_bp >= largest_warning_bp {
            return Err(format!(
                "segments.concentration_low_bp must be above 0 and below alerts.concentration.largest_warning_bp {largest_warning_bp}, found {}",
                self.concentration_low_bp
            ));
        }
        let [near, far] = self.pnl_bp;
        if near <= 0 || near >= far || far > 100_000 {
            return Err(format!("segments.pnl_bp must be 0 < near < far <= 100000, found {:?}", self.pnl_bp));
        }
        if self.contribution_yuan.is_some_and(|c| !(0..=1_000_000_000_000).contains(&c)) {
            return Err(format!(
                "segments.contribution_yuan must be 0..=1000000000000, found {:?}",
                self.contribution_yuan
            ));
        }
        if self.turnover_bp.is_some_and(|t| !(0..=100_000_000).contains(&t)) {
            return Err(format!("segments.turnover_bp must be 0..=100000000, found {:?}", self.turnover_bp));
        }
        if self.growth_bp.is_some_and(|g| !(-10_000..=100_000_000).contains(&g)) {
            return Err(format!("segments.growth_bp must be -10000..=100000000, found {:?}", self.growth_bp));
        }
        Ok(())
    }

    /// The band edges, with the alert rule's concentration shares (`largest_warning_bp`,
    /// `largest_critical_bp`) as the two upper concentration edges.
    pub fn edges(&self, largest_warning_bp: i64, largest_critical_bp: i64) -> BandEdges {
        BandEdges {
            age_years: self.age_years,
            tenure_years: self.tenure_years,
            concentration_bp: [self.concentration_low_bp, largest_warning_bp, largest_critical_bp],
            pnl_bp: self.pnl_bp,
        }
    }

    /// `medians` with every fixed figure of this section in its place.
    pub fn apply(&self, medians: Thresholds) -> Thresholds {
        Thresholds {
            contribution: self
                .contribution_yuan
                .map(|y| y * super::money::FEN_PER_YUAN)
                .unwrap_or(medians.contribution),
            turnover_bp: self.turnover_bp.unwrap_or(medians.turnover_bp),
            growth_bp: self.growth_bp.unwrap_or(medians.growth_bp),
        }
    }
}

/// A segment's zh and en names.
type Names = (&'static str, &'static str);

const ABCD: [Names; 5] = [
    ("A 高贡献高周转", "A high contr./high turnover"),
    ("B 高贡献低周转", "B high contr./low turnover"),
    ("C 低贡献高周转", "C low contr./high turnover"),
    ("D 低贡献低周转", "D low contr./low turnover"),
    ("无资产", "no assets"),
];
const GROWTH: [Names; 5] = [
    ("I 高贡献高增长", "I high contr./high growth"),
    ("II 高贡献低增长", "II high contr./low growth"),
    ("III 低贡献高增长", "III low contr./high growth"),
    ("IV 低贡献低增长", "IV low contr./low growth"),
    ("新开户/无历史", "new/no history"),
];
const AGE: [Names; 7] = [
    ("30岁以下", "under 30"),
    ("30-39岁", "30-39"),
    ("40-49岁", "40-49"),
    ("50-59岁", "50-59"),
    ("60-69岁", "60-69"),
    ("70岁及以上", "70 and over"),
    ("机构/未知", "institution/unknown"),
];
const TENURE: [Names; 5] = [
    ("不足1年", "under 1 year"),
    ("1-3年", "1-3 years"),
    ("3-5年", "3-5 years"),
    ("5-10年", "5-10 years"),
    ("10年及以上", "10 years and more"),
];
const CONCENTRATION: [Names; 5] = [
    ("无持仓", "no holdings"),
    ("最大持仓<20%", "largest <20%"),
    ("20%-40%", "20%-40%"),
    ("40%-50%", "40%-50%"),
    (">50%", ">50%"),
];
const PNL: [Names; 6] = [
    ("亏损≥20%", "loss ≥20%"),
    ("亏损5%-20%", "loss 5%-20%"),
    ("±5%以内", "within ±5%"),
    ("盈利5%-20%", "gain 5%-20%"),
    ("盈利>20%", "gain >20%"),
    ("无持仓", "no holdings"),
];

impl Axis {
    /// Every axis in the order `x` cycles through them (after the default matrix).
    pub const ALL: [Axis; 6] = [Axis::Abcd, Axis::Growth, Axis::Age, Axis::Tenure, Axis::Concentration, Axis::Pnl];

    /// The `--axes` value: `abcd`, `growth`, `age`, `tenure`, `concentration`, `pnl`.
    pub fn code(self) -> &'static str {
        match self {
            Axis::Abcd => "abcd",
            Axis::Growth => "growth",
            Axis::Age => "age",
            Axis::Tenure => "tenure",
            Axis::Concentration => "concentration",
            Axis::Pnl => "pnl",
        }
    }
    /// The axis of a [`Self::code`].
    pub fn parse(code: &str) -> Option<Axis> {
        Axis::ALL.into_iter().find(|a| a.code() == code)
    }
    /// The axis name: `贡献×换手 (A/B/C/D)` …
    pub fn label_zh(self) -> &'static str {
        match self {
            Axis::Abcd => "贡献×周转 ABCD",
            Axis::Growth => "贡献×增长 I-IV",
            Axis::Age => "年龄",
            Axis::Tenure => "开户年限",
            Axis::Concentration => "持仓集中度",
            Axis::Pnl => "浮动盈亏",
        }
    }
    /// English axis name.
    pub fn label_en(self) -> &'static str {
        match self {
            Axis::Abcd => "contr.×turnover ABCD",
            Axis::Growth => "contr.×growth I-IV",
            Axis::Age => "age",
            Axis::Tenure => "years since opening",
            Axis::Concentration => "concentration",
            Axis::Pnl => "profit/loss",
        }
    }
    fn names(self) -> &'static [Names] {
        match self {
            Axis::Abcd => &ABCD,
            Axis::Growth => &GROWTH,
            Axis::Age => &AGE,
            Axis::Tenure => &TENURE,
            Axis::Concentration => &CONCENTRATION,
            Axis::Pnl => &PNL,
        }
    }
    /// How many segments the axis has (its last one collects customers the figure is missing for,
    /// except on the tenure axis, which every customer has).
    pub fn len(self) -> usize {
        self.names().len()
    }
    /// Never empty.
    pub fn is_empty(self) -> bool {
        false
    }
    /// Name of segment `i` (`None` past the end).
    pub fn segment_label(self, i: usize, en: bool) -> Option<&'static str> {
        self.names().get(i).map(|n| if en { n.1 } else { n.0 })
    }
    /// The ASCII code of segment `i` for the CSV: `A`…`D`, `no_assets`; `I`…`IV`, `no_history`;
    /// `lt30`, `30-39` … `70plus`, `unknown`; `lt1`, `1-3` … `10plus`; `no_holdings`, `lt20`,
    /// `20-40`, `40-50`, `gt50`; `loss20plus`, `loss5-20`, `within5`, `gain5-20`, `gain20plus`,
    /// `no_holdings` (`""` past the end).
    pub fn segment_code(self, i: usize) -> &'static str {
        match (self, i) {
            (Axis::Abcd, 0) => "A",
            (Axis::Abcd, 1) => "B",
            (Axis::Abcd, 2) => "C",
            (Axis::Abcd, 3) => "D",
            (Axis::Abcd, _) => "no_assets",
            (Axis::Growth, 0) => "I",
            (Axis::Growth, 1) => "II",
            (Axis::Growth, 2) => "III",
            (Axis::Growth, 3) => "IV",
            (Axis::Growth, _) => "no_history",
            (Axis::Age, _) => {
                ["lt30", "30-39", "40-49", "50-59", "60-69", "70plus", "unknown"].get(i).copied().unwrap_or("")
            }
            (Axis::Tenure, _) => ["lt1", "1-3", "3-5", "5-10", "10plus"].get(i).copied().unwrap_or(""),
            (Axis::Concentration, _) => ["no_holdings", "lt20", "20-40", "40-50", "gt50"].get(i).copied().unwrap_or(""),
            (Axis::Pnl, _) => ["loss20plus", "loss5-20", "within5", "gain5-20", "gain20plus", "no_holdings"]
                .get(i)
                .copied()
                .unwrap_or(""),
        }
    }
}

/// What the axes need of one customer. Money in fen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerFacts {
    pub institution: bool,
    pub birth_date: Option<NaiveDate>,
    pub opened_on: Option<NaiveDate>,
    /// Total assets of the latest snapshot (0 without one).
    pub total_assets: Fen,
    /// Net commission + other income over 12 months, latest snapshot.
    pub contribution: Fen,
    /// Turnover over 12 months, latest snapshot.
    pub turnover_12m: Fen,
    /// Mean total assets of the snapshots of the last 12 months (see `store::segments`);
    /// `None` without a snapshot.
    pub average_assets: Option<Fen>,
    /// Total assets of the snapshot 12 months before the latest (see `store::segments`); `None`
    /// when there is none (opened later, or no history imported).
    pub assets_12m_ago: Option<Fen>,
    /// Market value of the largest position; `None` without holdings.
    pub largest_position: Option<Fen>,
    /// Σ market value of the holdings.
    pub market_value: Fen,
    /// Σ quantity × cost price of the holdings.
    pub cost_value: Fen,
}

impl CustomerFacts {
    /// Turnover ÷ average assets in basis points (2.3 times = 23,000); `None` when the average is
    /// not positive.
    pub fn turnover_bp(&self) -> Option<i64> {
        self.average_assets.filter(|a| *a > 0).and_then(|a| ratio_bp(self.turnover_12m, a))
    }
    /// Latest total assets ÷ total assets 12 months before, minus 1, in basis points (+12.5 % =
    /// 1,250); `None` without that snapshot or when it held nothing (growth from 0 is undefined).
    pub fn growth_bp(&self) -> Option<i64> {
        let base = self.assets_12m_ago.filter(|a| *a > 0)?;
        ratio_bp(self.total_assets.checked_sub(base)?, base)
    }
}

/// The thresholds of the two 2 × 2 axes (branch medians by default, see [`Thresholds::medians`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Thresholds {
    /// Contribution, fen: above it is high.
    pub contribution: Fen,
    /// Turnover ÷ average assets, basis points: above it is high turnover.
    pub turnover_bp: i64,
    /// 12-month asset growth, basis points: above it is high growth.
    pub growth_bp: i64,
}

/// The median of `values` (sorted in place): the middle value, or the mean of the two middle
/// values rounded toward −∞ for an even count; `None` when empty.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        Some(values[n / 2])
    } else {
        let sum = i128::from(values[n / 2 - 1]) + i128::from(values[n / 2]);
        Some(sum.div_euclid(2) as i64)
    }
}

impl Thresholds {
    /// The branch medians: of contribution and turnover over the customers with a positive average
    /// of assets (the ones A/B/C/D places), and of growth over the customers with a snapshot 12
    /// months back. Medians of nothing are 0.
    pub fn medians<'a>(facts: impl IntoIterator<Item = &'a CustomerFacts>) -> Thresholds {
        let (mut contribution, mut turnover, mut growth) = (Vec::new(), Vec::new(), Vec::new());
        for f in facts {
            if let Some(t) = f.turnover_bp() {
                turnover.push(t);
                contribution.push(f.contribution);
            }
            if let Some(g) = f.growth_bp() {
                growth.push(g);
            }
        }
        Thresholds {
            contribution: median(&mut contribution).unwrap_or(0),
            turnover_bp: median(&mut turnover).unwrap_or(0),
            growth_bp: median(&mut growth).unwrap_or(0),
        }
    }
}

/// The index of the band of `value` among ascending lower `edges`: 0 below the first edge, `i + 1`
/// from edge `i` (inclusive) on.
fn band(value: u32, edges: &[u32]) -> usize {
    edges.iter().filter(|e| value >= **e).count()
}

/// The 2 × 2 quadrant: 0 = high/high, 1 = high/low, 2 = low/high, 3 = low/low (strictly above is high).
fn quadrant(contribution: Fen, other: i64, t_contribution: Fen, t_other: i64) -> usize {
    match (contribution > t_contribution, other > t_other) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// The segment (index into the axis's segments) of a customer on `axis`, with `on` the statistics
/// date (ages and tenure are counted to it).
pub fn classify(axis: Axis, f: &CustomerFacts, t: &Thresholds, edges: &BandEdges, on: NaiveDate) -> usize {
    match axis {
        Axis::Abcd => match f.turnover_bp() {
            Some(turnover) => quadrant(f.contribution, turnover, t.contribution, t.turnover_bp),
            None => 4,
        },
        Axis::Growth => match f.growth_bp() {
            Some(growth) => quadrant(f.contribution, growth, t.contribution, t.growth_bp),
            None => 4,
        },
        Axis::Age => match f.birth_date.filter(|b| !f.institution && *b <= on) {
            Some(b) => band(age_on(b, on), &edges.age_years),
            None => 6,
        },
        Axis::Tenure => {
            let years = f.opened_on.filter(|o| *o <= on).map(|o| on.years_since(o).unwrap_or(0)).unwrap_or(0);
            band(years, &edges.tenure_years)
        }
        Axis::Concentration => {
            let share = f.largest_position.and_then(|l| ratio_bp(l, f.total_assets).filter(|_| f.total_assets > 0));
            let [low, warn, crit] = edges.concentration_bp;
            match share {
                None => 0,
                Some(s) if s < low => 1,
                Some(s) if s <= warn => 2,
                Some(s) if s <= crit => 3,
                Some(_) => 4,
            }
        }
        Axis::Pnl => {
            let [near, far] = edges.pnl_bp;
            let pnl = f.largest_position.and(ratio_bp(f.market_value - f.cost_value, f.cost_value));
            match pnl {
                None => 5,
                Some(p) if p <= -far => 0,
                Some(p) if p <= -near => 1,
                Some(p) if p < near => 2,
                Some(p) if p <= far => 3,
                Some(_) => 4,
            }
        }
    }
}

/// The matrix of one axis: per tier (T1..T4) and segment, customers and total assets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AxisMatrix {
    pub axis: Axis,
    /// `cells[tier.index()][segment]`.
    pub cells: [Vec<Cell>; 4],
}

impl AxisMatrix {
    /// An empty matrix of `axis`.
    pub fn new(axis: Axis) -> AxisMatrix {
        AxisMatrix { axis, cells: std::array::from_fn(|_| vec![Cell::default(); axis.len()]) }
    }
    /// Adds one customer.
    pub fn add(&mut self, tier: Tier, segment: usize, total_assets: Fen) {
        if let Some(c) = self.cells[tier.index()].get_mut(segment) {
            c.customers += 1;
            c.total_assets = c.total_assets.saturating_add(total_assets);
        }
    }
    /// One cell; `tier = None` is the segment's total over the tiers; `segment = None` the tier's
    /// total; both `None` the grand total.
    pub fn cell(&self, tier: Option<Tier>, segment: Option<usize>) -> Cell {
        let rows: Vec<&Vec<Cell>> = match tier {
            Some(t) => vec![&self.cells[t.index()]],
            None => self.cells.iter().collect(),
        };
        rows.into_iter()
            .flat_map(|r| r.iter().enumerate().filter(|(i, _)| segment.is_none_or(|s| s == *i)).map(|(_, c)| c))
            .fold(Cell::default(), |a, c| Cell {
                customers: a.customers + c.customers,
                total_assets: a.total_assets.saturating_add(c.total_assets),
            })
    }
}

#[cfg(test)]
mod tests;
