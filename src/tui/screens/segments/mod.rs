//! 分级分类 Segments: the 4 tiers × (保守型 稳健型 进取型 专业投资者 未评估) matrix with row and
//! column totals (SPEC §4.4), a cursor over the cells (Enter opens the customers of the cell), and
//! bars of customers or assets by tier and by type.

mod axis;
mod bars;
mod render;

pub use bars::{ChartBar, bar_cells, render_bars};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Ctx, Outcome, Screen};
use crate::domain::money::{format_count, format_wan};
use crate::domain::risk::SegmentColumn;
use crate::domain::segment::{Cell, SegmentMatrix};
use crate::domain::text::{Align, pad_to_cells};
use crate::domain::tier::Tier;
use crate::store::book::{self, BookFilter, Scope};
use crate::tui::action::Action;
use crate::tui::format::{percent_of, threshold, wan_fit, wan_whole, yi_strict};
use crate::tui::theme;
use crate::tui::widgets::table::fit;
use crate::tui::widgets::{fit_leading, put_line};

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    #[default]
    Customers,
    Assets,
}

impl Metric {
    /// The other metric (`a` toggles).
    pub fn other(self) -> Metric {
        match self {
            Metric::Customers => Metric::Assets,
            Metric::Assets => Metric::Customers,
        }
    }
}

/// Rows of the cursor: the 4 tiers and the totals row.
pub const ROWS: usize = 5;
/// Columns of the cursor: the 5 segment columns and the totals column.
pub const COLS: usize = 6;

/// State of the matrix screen.
#[derive(Debug, Clone, Default)]
pub struct SegmentsState {
    pub matrix: SegmentMatrix,
    key: Option<Scope>,
    /// Cursor row: 0..4 tiers, 4 = 合计.
    pub row: usize,
    /// Cursor column: 0..5 in `SegmentColumn::ALL` order, 5 = 合计.
    pub col: usize,
    pub metric: Metric,
    /// How many matrix queries ran.
    pub fetches: usize,
    /// The DB holds no customer at all (checked when the matrix comes back empty).
    pub db_empty: bool,
    /// The axis in view (`x` / `X`); `None` = the default tier × risk type matrix.
    pub axis: Option<crate::domain::segment_axes::Axis>,
    /// The branch's facts for the other axes, read on first use (branch-wide: the thresholds are
    /// the branch's for a manager too).
    facts: Option<crate::store::segments::BranchFacts>,
    /// The matrix of [`Self::axis`] over the scope in view, and the scope it was built for.
    pub axis_matrix: Option<(crate::domain::segment_axes::AxisMatrix, Scope)>,
    /// Cursor on the axis view: the segment row (`axis.len()` = 合计).
    pub arow: usize,
    /// Cursor on the axis view: 0 = all tiers, 1..=4 = T1..T4.
    pub acol: usize,
    /// The scope's assets per snapshot date, oldest first (read with the matrix).
    pub aum: Vec<crate::tui::widgets::charts::AumPoint>,
    /// How many value columns the last frame showed (a narrow terminal shows the first ones);
    /// 0 before the first frame. The cursor never goes right of them.
    shown_cols: std::cell::Cell<usize>,
    /// Whether the last frame of an axis view had room for its per-tier columns; when not, the
    /// cursor stays on the all-tiers column.
    axis_tiers_hidden: std::cell::Cell<bool>,
}

const LABEL_W: usize = 12;
const LABEL_W_WIDE: usize = 24;
/// The widest value column.
const CELL_MAX: usize = 16;

/// The unit and precision of one column of amounts: every figure of the column in it (amounts
/// under 1万 in a 万 column show in yuan, `500元`, never `0.0万`; in a 亿 column a small one shows
/// as `<0.1亿`, never `0.0亿` nor in 万).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `12,345.6万`
    Wan,
    /// `12,346万`
    WanWhole,
    /// `0.28亿`
    Yi2,
    /// `1.2亿`
    Yi,
}

/// Fen per 亿.
const FEN_PER_YI: i64 = 100_000_000 * 100;

impl Unit {
    pub fn format(self, fen: crate::domain::money::Fen) -> String {
        match self {
            Unit::Wan => format_wan(fen),
            Unit::WanWhole => wan_whole(fen),
            Unit::Yi2 => yi_strict(fen, 2),
            Unit::Yi => yi_strict(fen, 1),
        }
    }
}

/// The precision of the whole matrix, finest first; each column's unit follows from it and from
/// the column's largest amount, so one row never mixes `3,474.0万` with `103,707万`.
const LEVELS: usize = 5;

/// The unit of a column whose largest amount is `max` at precision `level`: 0 all in 万 with
/// one decimal; 1 all in whole 万; 2 a column reaching 1亿 in 亿 with two decimals, the others
/// in whole 万; 3 the same with one decimal; 4 a column reaching 1,000万 in 亿 with one decimal
/// (`0.5亿` for 5,370万, never `1亿`), the others in whole 万.
pub fn unit_for(level: usize, max: crate::domain::money::Fen) -> Unit {
    match level {
        0 => Unit::Wan,
        1 => Unit::WanWhole,
        2 if max >= FEN_PER_YI => Unit::Yi2,
        3 if max >= FEN_PER_YI => Unit::Yi,
        4.. if max >= FEN_PER_YI / 10 => Unit::Yi,
        _ => Unit::WanWhole,
    }
}

/// How the matrix fits a width: the label column, the width and unit of each value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixLayout {
    pub label_w: usize,
    pub widths: [usize; COLS],
    pub units: [Unit; COLS],
    /// Thresholds spelled out in the (wider) label column.
    pub wide: bool,
    /// Rows named by the tier code alone (`T1`): the labels do not fit.
    pub codes: bool,
}
/// Height of a row of charts: 5 bars with gaps and the border.
const CHART_H: u16 = 11;

impl SegmentsState {
    pub fn new() -> SegmentsState {
        SegmentsState::default()
    }

    /// The tier of the cursor row (`None` on the totals row).
    pub fn tier(&self) -> Option<Tier> {
        Tier::ALL.get(self.row).copied()
    }
    /// The column of the cursor (`None` on the totals column).
    pub fn column(&self) -> Option<SegmentColumn> {
        SegmentColumn::ALL.get(self.col).copied()
    }

    /// The figures under the cursor.
    pub fn cell_at(&self, row: usize, col: usize) -> Cell {
        let m = &self.matrix;
        match (Tier::ALL.get(row), SegmentColumn::ALL.get(col)) {
            (Some(t), Some(c)) => m.cell(*t, *c),
            (Some(t), None) => m.tier_total(*t),
            (None, Some(c)) => m.column_total(*c),
            (None, None) => m.total(),
        }
    }
    pub fn selected_cell(&self) -> Cell {
        self.cell_at(self.row, self.col)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        if matches!(action, Action::NextAxis | Action::PrevAxis) {
            self.switch_axis(action == Action::NextAxis);
            return Ok(Outcome::None);
        }
        if self.axis.is_some() {
            return self.update_axis(action, ctx);
        }
        match action {
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(ROWS - 1),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(self.last_col()),
            Action::ToggleMetric => self.metric = self.metric.other(),
            Action::Export => {
                let request = crate::export::Request::Segments { scope: ctx.scope.clone() };
                return crate::tui::export::export(ctx, request);
            }
            Action::Open => {
                let filter = BookFilter {
                    scope: ctx.scope.clone(),
                    tier: self.tier(),
                    column: self.column(),
                    ..BookFilter::default()
                };
                return Ok(Outcome::Push(Box::new(Screen::Customers(super::CustomersState::new(filter)))));
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// The rightmost column the cursor may take: the last one drawn (all before the first frame).
    fn last_col(&self) -> usize {
        match self.shown_cols.get() {
            0 => COLS - 1,
            n => n.min(COLS) - 1,
        }
    }

    /// Forgets the matrix: the next sync reads it again.
    pub fn invalidate(&mut self) {
        self.key = None;
        self.facts = None;
        self.axis_matrix = None;
    }

    /// Reads the matrix when the scope changed (or on first show, or after [`Self::invalidate`]).
    pub fn sync(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.key.as_ref() != Some(ctx.scope) {
            self.matrix = book::matrix(&ctx.session.conn, ctx.scope, ctx.today())?;
            self.db_empty = self.matrix.total().customers == 0 && !book::any_customers(&ctx.session.conn)?;
            self.aum = crate::store::segments::aum_history(&ctx.session.conn, ctx.scope)?;
            self.key = Some(ctx.scope.clone());
            self.fetches += 1;
        }
        self.sync_axis(ctx)
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let total = self.matrix.total();
        format!(
            "{} {} · {}",
            format_count(total.customers),
            tr!(ctx.lang(), CUSTOMERS_WEIKEHU),
            format_wan(total.total_assets)
        )
    }

    fn column_label(ctx: &Ctx, col: usize) -> String {
        match SegmentColumn::ALL.get(col) {
            Some(c) => ctx.lang().pick(c.label_zh(), c.label_en()).to_string(),
            None => tr!(ctx.lang(), TOTAL_CAP).to_string(),
        }
    }

    /// The column title, long and short (`专业投资者`, `专业`).
    fn column_labels(ctx: &Ctx, col: usize) -> [String; 2] {
        let short = match SegmentColumn::ALL.get(col) {
            Some(SegmentColumn::Type(crate::domain::risk::RiskType::Conservative)) => ("保守", "Cons."),
            Some(SegmentColumn::Type(crate::domain::risk::RiskType::Balanced)) => ("稳健", "Bal."),
            Some(SegmentColumn::Type(crate::domain::risk::RiskType::Aggressive)) => ("进取", "Aggr."),
            Some(SegmentColumn::Professional) => ("专业", "Prof."),
            Some(SegmentColumn::Unassessed) => ("未评", "Unass."),
            None => ("合计", "Total"),
        };
        [Self::column_label(ctx, col), ctx.lang().pick(short.0, short.1).to_string()]
    }

    /// The label column and the value columns for `width` cells. Every column shows its figures
    /// whole: counts, and amounts in the most precise unit that fits (one unit per column).
    /// First one width for all value columns (a regular grid) with the widest label that allows
    /// it, down to the tier code alone; failing that, each column as wide as its figures.
    pub fn layout(&self, ctx: &Ctx, width: usize) -> MatrixLayout {
        let text_w = crate::domain::text::width;
        // each column's largest amount, and the units it takes at each precision level
        let max: [crate::domain::money::Fen; COLS] = std::array::from_fn(|col| {
            (0..ROWS)
                .map(|row| self.cell_at(row, col))
                .filter(|c| c.customers > 0)
                .map(|c| c.total_assets)
                .max()
                .unwrap_or(0)
        });
        let units_at = |level: usize| -> [Unit; COLS] { std::array::from_fn(|col| unit_for(level, max[col])) };
        // the cells a column needs at each level: its figures and its shorter title, measured once
        let needs: [[usize; LEVELS]; COLS] = std::array::from_fn(|col| {
            let title = Self::column_labels(ctx, col).iter().map(|t| text_w(t)).min();
            std::array::from_fn(|level| {
                let unit = unit_for(level, max[col]);
                (0..ROWS)
                    .map(|row| self.cell_at(row, col))
                    .map(|c| {
                        let count = text_w(&format_count(c.customers));
                        let amount = if c.customers == 0 { 0 } else { text_w(&unit.format(c.total_assets)) };
                        count.max(amount)
                    })
                    .chain(title)
                    .max()
                    .unwrap_or(1)
            })
        });
        let wide = width >= LABEL_W_WIDE + COLS * 17;
        let preferred = if wide { LABEL_W_WIDE } else { LABEL_W };
        let full_label = (0..ROWS).map(|row| text_w(&Self::row_label(ctx, row, false))).max().unwrap_or(2);
        let min_label = (0..ROWS).map(|row| text_w(&Self::row_label(ctx, row, true))).max().unwrap_or(2);
        let layout = |label_w: usize, widths: [usize; COLS], level: usize| MatrixLayout {
            label_w,
            widths,
            units: units_at(level),
            wide: wide && label_w == LABEL_W_WIDE,
            codes: label_w < full_label,
        };
        // a regular grid: one width for the value columns
        let grid = |label_w: usize, level: usize| -> Option<MatrixLayout> {
            let cw = (width.saturating_sub(label_w) / COLS).saturating_sub(1).clamp(1, CELL_MAX);
            (0..COLS).all(|col| needs[col][level] <= cw).then(|| layout(label_w, [cw; COLS], level))
        };
        // each column as wide as its figures, the spare cells shared out
        let per_column = |label_w: usize, level: usize| -> Option<MatrixLayout> {
            let total = label_w + (0..COLS).map(|c| needs[c][level] + 1).sum::<usize>();
            let spare = width.checked_sub(total)?;
            let widths: [usize; COLS] =
                std::array::from_fn(|c| (needs[c][level] + spare / COLS).min(CELL_MAX.max(needs[c][level])));
            Some(layout(label_w, widths, level))
        };
        // the finest precision first (figures before names); at each, a regular grid then columns
        // as wide as they need with the preferred label, then the same with narrower labels down
        // to the tier codes alone
        let top = preferred.max(full_label);
        for level in 0..LEVELS {
            if let Some(l) = grid(top, level).or_else(|| per_column(top, level)) {
                return l;
            }
            if let Some(l) = (min_label..top).rev().find_map(|w| grid(w, level).or_else(|| per_column(w, level))) {
                return l;
            }
        }
        // nothing fits: the coarsest, drawn as far as the terminal goes (whole columns only)
        let widths: [usize; COLS] = std::array::from_fn(|c| needs[c][LEVELS - 1]);
        layout(min_label, widths, LEVELS - 1)
    }

    /// A row's name: `T1 钻石`, or `T1` when `code`; `合计` for the totals row.
    fn row_label(ctx: &Ctx, row: usize, code: bool) -> String {
        match Tier::ALL.get(row) {
            Some(t) if code => t.code().to_string(),
            Some(t) => ctx.tier_label(*t),
            None => tr!(ctx.lang(), TOTAL_CAP).to_string(),
        }
    }

    /// Row label: `T1 钻石` and its thresholds, `资产≥500万 或贡献≥5万` when `wide`, else `≥500万/5万`.
    fn row_labels(ctx: &Ctx, row: usize, wide: bool) -> (String, String) {
        let lang = ctx.lang();
        match Tier::ALL.get(row) {
            Some(t) => {
                let rule = ctx.rules().tier_rule(*t);
                let th = match (rule.min_assets(), rule.min_contribution()) {
                    (Some(a), Some(c)) if wide => {
                        format!("{}≥{} {}≥{}", tr!(lang, ASSETS), threshold(a), tr!(lang, OR_CONTR), threshold(c))
                    }
                    (Some(a), Some(c)) => format!("≥{}/{}", threshold(a), threshold(c)),
                    (Some(a), None) => format!("≥{}", threshold(a)),
                    (None, Some(c)) => format!("{}≥{}", tr!(ctx.lang(), CONTR), threshold(c)),
                    (None, None) => tr!(ctx.lang(), OTHERS).to_string(),
                };
                (ctx.tier_label(*t), th)
            }
            None => (tr!(ctx.lang(), TOTAL_CAP).to_string(), String::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Unit, unit_for};

    #[test]
    fn units() {
        let fen = 2_807_300_000_i64 * 10; // 28,073万 = 2.8073亿
        assert_eq!(Unit::Wan.format(fen), "28,073.0万");
        assert_eq!(Unit::WanWhole.format(fen), "28,073万");
        assert_eq!(Unit::Yi2.format(fen), "2.81亿");
        assert_eq!(Unit::Yi.format(fen), "2.8亿");
        assert_eq!(Unit::Yi2.format(150 * 1_000_000), "0.02亿");
        assert_eq!(Unit::Yi2.format(-150 * 1_000_000), "-0.02亿");
        // a small amount keeps the column's unit: never `0.0亿`, never in 万
        assert_eq!(Unit::Yi.format(13 * 1_000_000), "<0.1亿");
        assert_eq!(Unit::Yi2.format(130 * 1_000_000), "0.01亿");
        assert_eq!(Unit::Yi2.format(4 * 1_000_000), "<0.01亿");
        assert_eq!(Unit::Yi.format(0), "0.0亿");
    }

    #[test]
    fn a_column_takes_its_unit_from_its_largest_amount() {
        let wan = |w: i64| w * 1_000_000; // 万 in fen
        // 5,370万 is `0.5亿` at the coarsest level, never `1亿`; below 1,000万 a column stays in 万
        assert_eq!(unit_for(4, wan(5_370)), Unit::Yi);
        assert_eq!(Unit::Yi.format(wan(5_370)), "0.5亿");
        assert_eq!(unit_for(4, wan(951)), Unit::WanWhole);
        assert_eq!(unit_for(3, wan(5_370)), Unit::WanWhole);
        assert_eq!(unit_for(3, wan(14_208)), Unit::Yi);
        assert_eq!(unit_for(2, wan(14_208)), Unit::Yi2);
        assert_eq!(unit_for(1, wan(103_707)), Unit::WanWhole);
        assert_eq!(unit_for(0, wan(103_707)), Unit::Wan);
    }
}
