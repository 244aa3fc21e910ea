//! 分级分类 Segments: the 4 tiers × (保守型 稳健型 进取型 专业投资者 未评估) matrix with row and
//! column totals (SPEC §4.4), a cursor over the cells (Enter opens the customers of the cell), and
//! bars of customers or assets by tier and by type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{Ctx, Outcome, Screen};
use crate::domain::money::{format_count, format_wan};
use crate::domain::risk::SegmentColumn;
use crate::domain::segment::{Cell, SegmentMatrix};
use crate::domain::text::{Align, pad_to_cells};
use crate::domain::tier::Tier;
use crate::store::book::{self, BookFilter, Scope};
use crate::tui::action::Action;
use crate::tui::format::{format_yi, percent_of, threshold, wan_fit, wan_whole};
use crate::tui::theme;
use crate::tui::widgets::table::fit;
use crate::tui::widgets::{box_title, fit_leading, put_line};

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
}

const LABEL_W: usize = 12;
const LABEL_W_WIDE: usize = 24;
/// The widest value column.
const CELL_MAX: usize = 16;

/// The unit of one column of amounts: the whole column uses one, the most precise that fits.
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
    /// `438亿`
    YiWhole,
}

impl Unit {
    const ALL: [Unit; 5] = [Unit::Wan, Unit::WanWhole, Unit::Yi2, Unit::Yi, Unit::YiWhole];

    /// The place in [`Self::ALL`] (finest first).
    fn index(self) -> usize {
        self as usize
    }

    pub fn format(self, fen: crate::domain::money::Fen) -> String {
        match self {
            Unit::Wan => format_wan(fen),
            Unit::WanWhole => wan_whole(fen),
            Unit::Yi2 => format_yi(fen, 2),
            Unit::Yi => format_yi(fen, 1),
            Unit::YiWhole => format_yi(fen, 0),
        }
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
        match action {
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(ROWS - 1),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(COLS - 1),
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

    /// Forgets the matrix: the next sync reads it again.
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    /// Reads the matrix when the scope changed (or on first show, or after [`Self::invalidate`]).
    pub fn sync(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.key.as_ref() != Some(ctx.scope) {
            self.matrix = book::matrix(&ctx.session.conn, ctx.scope, ctx.today())?;
            self.db_empty = self.matrix.total().customers == 0 && !book::any_customers(&ctx.session.conn)?;
            self.key = Some(ctx.scope.clone());
            self.fetches += 1;
        }
        Ok(())
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let total = self.matrix.total();
        format!(
            "{} {} · {}",
            format_count(total.customers),
            ctx.lang().pick("位客户", "customers"),
            format_wan(total.total_assets)
        )
    }

    fn column_label(ctx: &Ctx, col: usize) -> String {
        match SegmentColumn::ALL.get(col) {
            Some(c) => ctx.lang().pick(c.label_zh(), c.label_en()).to_string(),
            None => ctx.lang().pick("合计", "Total").to_string(),
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
        // the cells a column needs in each unit: its figures and its shorter title, measured once
        let needs: [[usize; Unit::ALL.len()]; COLS] = std::array::from_fn(|col| {
            let title = Self::column_labels(ctx, col).iter().map(|t| text_w(t)).min();
            Unit::ALL.map(|unit| {
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
        let need = |col: usize, unit: Unit| needs[col][unit.index()];
        let wide = width >= LABEL_W_WIDE + COLS * 17;
        let preferred = if wide { LABEL_W_WIDE } else { LABEL_W };
        let full_label = (0..ROWS).map(|row| text_w(&Self::row_label(ctx, row, false))).max().unwrap_or(2);
        let min_label = (0..ROWS).map(|row| text_w(&Self::row_label(ctx, row, true))).max().unwrap_or(2);
        let layout = |label_w: usize, widths: [usize; COLS], units: [Unit; COLS]| MatrixLayout {
            label_w,
            widths,
            units,
            wide: wide && label_w == LABEL_W_WIDE,
            codes: label_w < full_label,
        };
        // a regular grid: one width for the value columns, a unit per column
        let grid = |label_w: usize, coarsest: Unit| -> Option<MatrixLayout> {
            let cw = (width.saturating_sub(label_w) / COLS).saturating_sub(1).clamp(1, CELL_MAX);
            let allowed = coarsest.index() + 1;
            // the columns in 亿 all show the same decimals
            let candidates: Vec<Unit> = Unit::ALL[..allowed]
                .iter()
                .copied()
                .filter(|u| *u != Unit::Yi2 || matches!(coarsest, Unit::Yi2))
                .collect();
            let units: Vec<Unit> =
                (0..COLS).filter_map(|col| candidates.iter().copied().find(|u| need(col, *u) <= cw)).collect();
            let units: [Unit; COLS] = units.try_into().ok()?;
            Some(layout(label_w, [cw; COLS], units))
        };
        // 1. amounts in 万 with the preferred label; 2. then 亿 where needed (two decimals if they
        // fit, else one), the widest label that keeps the tier names
        if let Some(l) = grid(preferred, Unit::WanWhole) {
            return l;
        }
        for coarsest in [Unit::Yi2, Unit::Yi] {
            if let Some(l) = (full_label..=preferred.max(full_label)).rev().find_map(|w| grid(w, coarsest)) {
                return l;
            }
        }
        // 3. the tier codes alone
        for coarsest in [Unit::Yi, Unit::YiWhole] {
            if let Some(l) = (min_label..full_label).rev().find_map(|w| grid(w, coarsest)) {
                return l;
            }
        }
        // each column as wide as it needs: coarsen the widest column's unit until the figures fit
        let mut units = [Unit::Wan; COLS];
        let total = |units: &[Unit; COLS]| min_label + (0..COLS).map(|c| need(c, units[c]) + 1).sum::<usize>();
        while total(&units) > width {
            let coarser = (0..COLS)
                .filter_map(|c| {
                    let next = Unit::ALL.get(units[c].index() + 1)?;
                    Some((need(c, units[c]), c, *next))
                })
                .max_by_key(|(w, c, _)| (*w, std::cmp::Reverse(*c)));
            match coarser {
                Some((_, c, next)) => units[c] = next,
                None => break,
            }
        }
        let widths: [usize; COLS] = std::array::from_fn(|c| need(c, units[c]));
        let spare = width.saturating_sub(total(&units));
        let widths = widths.map(|w| (w + spare / COLS).min(CELL_MAX.max(w)));
        let label_w = min_label.max(width.saturating_sub(widths.iter().map(|w| w + 1).sum::<usize>()).min(preferred));
        layout(label_w, widths, units)
    }

    /// A row's name: `T1 钻石`, or `T1` when `code`; `合计` for the totals row.
    fn row_label(ctx: &Ctx, row: usize, code: bool) -> String {
        match Tier::ALL.get(row) {
            Some(t) if code => t.code().to_string(),
            Some(t) => ctx.tier_label(*t),
            None => ctx.lang().pick("合计", "Total").to_string(),
        }
    }

    /// Row label: `T1 钻石` and its thresholds, `资产≥500万 或贡献≥5万` when `wide`, else `≥500万/5万`.
    fn row_labels(ctx: &Ctx, row: usize, wide: bool) -> (String, String) {
        let lang = ctx.lang();
        match Tier::ALL.get(row) {
            Some(t) => {
                let rule = ctx.rules().tier_rule(*t);
                let th = match (rule.min_assets(), rule.min_contribution()) {
                    (Some(a), Some(c)) if wide => format!(
                        "{}≥{} {}≥{}",
                        lang.pick("资产", "assets"),
                        threshold(a),
                        lang.pick("或贡献", "or contr."),
                        threshold(c)
                    ),
                    (Some(a), Some(c)) => format!("≥{}/{}", threshold(a), threshold(c)),
                    (Some(a), None) => format!("≥{}", threshold(a)),
                    (None, Some(c)) => format!("{}≥{}", ctx.lang().pick("贡献", "contr."), threshold(c)),
                    (None, None) => ctx.lang().pick("其余", "others").to_string(),
                };
                (ctx.tier_label(*t), th)
            }
            None => (ctx.lang().pick("合计", "Total").to_string(), String::new()),
        }
    }

    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let total = self.matrix.total();
        let stat = ctx.statistics_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        // whole items from the left, as many as fit; the total amount in the most precise unit
        // that fits the room left (`183,832.0万`, `183,832万`, `18.4亿`)
        let items = vec![
            vec![Span::styled(lang.pick("分级分类", "Segments"), theme::title())],
            vec![Span::styled(format!("  {}", ctx.scope_label()), theme::muted())],
            vec![Span::styled(format!(" · {} {stat}", lang.pick("统计日", "as of")), theme::muted())],
            vec![Span::styled(
                format!(
                    " · {} {} {}",
                    lang.pick("合计", "total"),
                    format_count(total.customers),
                    lang.pick("位", "customers"),
                ),
                theme::muted(),
            )],
        ];
        let n = items.len();
        let mut header = fit_leading(items, body.width as usize);
        let room = (body.width as usize).saturating_sub(header.width() + 1);
        let amount = wan_fit(total.total_assets, room);
        if header.spans.len() == n && crate::domain::text::width(&amount) <= room {
            header.spans.push(Span::styled(format!(" {amount}"), theme::muted()));
        }
        put_line(frame, body, 0, header);

        // the matrix
        // a wider label column (thresholds spelled out) when the terminal has room for it; on a
        // narrow one the label narrows and the amounts switch unit (per column) before any cut
        let MatrixLayout { label_w, widths, units, wide, codes } = self.layout(ctx, body.width as usize);
        // the thresholds under the tier names: all rows in full, all shortened (assets only), or
        // none, rather than cut
        let thresholds: Vec<[String; 3]> = (0..ROWS)
            .map(|row| {
                let th = Self::row_labels(ctx, row, wide).1;
                let short = th.split('/').next().unwrap_or("").to_string();
                [th, short, String::new()]
            })
            .collect();
        let th_level =
            (0..3).find(|l| thresholds.iter().all(|t| crate::domain::text::width(&t[*l]) <= label_w)).unwrap_or(2);
        let mut y: u16 = 1;
        let mut header = vec![Span::raw(pad_to_cells("", label_w, Align::Left))];
        for (col, w) in widths.iter().enumerate() {
            header.push(Span::raw(" "));
            let title = fit(&Self::column_labels(ctx, col), *w);
            header.push(Span::styled(pad_to_cells(&title, *w, Align::Right), theme::header()));
        }
        put_line(frame, body, y, Line::from(header));
        y += 1;
        for (row, row_thresholds) in thresholds.iter().enumerate() {
            if row == ROWS - 1 {
                let rule_w = (label_w + widths.iter().map(|w| w + 1).sum::<usize>()).min(body.width as usize);
                put_line(frame, body, y, Line::styled("─".repeat(rule_w), theme::dim()));
                y += 1;
            }
            let label = Self::row_label(ctx, row, codes);
            let th = row_thresholds[th_level].clone();
            let label_style = Tier::ALL.get(row).map(|t| theme::tier(*t)).unwrap_or_else(theme::title);
            let mut top = vec![Span::styled(pad_to_cells(&label, label_w, Align::Left), label_style)];
            let mut bottom = vec![Span::styled(pad_to_cells(&th, label_w, Align::Left), theme::dim())];
            for col in 0..COLS {
                let cell = self.cell_at(row, col);
                let on = row == self.row && col == self.col;
                let total_cell = row == ROWS - 1 || col == COLS - 1;
                let base = if cell.customers == 0 {
                    theme::dim()
                } else if total_cell {
                    theme::title()
                } else {
                    Style::new()
                };
                let style = if on { base.patch(theme::selected()) } else { base };
                let count = format_count(cell.customers);
                let assets = if cell.customers == 0 { String::new() } else { units[col].format(cell.total_assets) };
                top.push(Span::raw(" "));
                top.push(Span::styled(pad_to_cells(&count, widths[col], Align::Right), style));
                bottom.push(Span::raw(" "));
                bottom.push(Span::styled(pad_to_cells(&assets, widths[col], Align::Right), style));
            }
            put_line(frame, body, y, Line::from(top));
            put_line(frame, body, y + 1, Line::from(bottom));
            y += 2;
        }

        // the selected cell, on the last line of the body
        let info_row = body.height.saturating_sub(1);
        if info_row > y {
            put_line(frame, body, info_row, self.info_line(ctx, body.width as usize));
        }

        // bars between the matrix and the info line
        let chart_top = y + 1;
        // one row of charts (the metric `a` selects), or both metrics when there is room
        let chart_h = info_row.saturating_sub(chart_top);
        if self.db_empty {
            // nothing to chart: say how to fill the DB
            let room = body.width as usize;
            for (i, text) in super::empty_db_hint(lang).into_iter().enumerate() {
                if chart_top + (i as u16) < info_row {
                    let text = crate::tui::widgets::fit_message(text, room);
                    put_line(frame, body, chart_top + i as u16, Line::styled(text, theme::warn()));
                }
            }
        } else if chart_h >= 3 && body.width >= 20 {
            let area = Rect { x: body.x, y: body.y + chart_top, width: body.width, height: chart_h.min(CHART_H) };
            self.render_charts(ctx, area, self.metric, frame);
            if chart_h >= 2 * CHART_H {
                self.render_charts(ctx, Rect { y: area.y + CHART_H, ..area }, self.metric.other(), frame);
            }
        }
    }

    /// The selected cell's figures and the keys, whole items from the left as many as fit `width`.
    fn info_line(&self, ctx: &Ctx, width: usize) -> Line<'static> {
        let lang = ctx.lang();
        let cell = self.selected_cell();
        let total = self.matrix.total();
        let name = match (self.tier(), self.column()) {
            (Some(t), Some(_)) => format!("{} × {}", ctx.tier_label(t), Self::column_label(ctx, self.col)),
            (Some(t), None) => ctx.tier_label(t),
            (None, Some(_)) => Self::column_label(ctx, self.col),
            (None, None) => lang.pick("全部", "All").to_string(),
        };
        let item = |text: String| vec![Span::raw(text)];
        fit_leading(
            vec![
                vec![Span::styled(name, theme::title())],
                item(format!("  {} {}", format_count(cell.customers), lang.pick("位", "customers"))),
                item(format!("  {}", format_wan(cell.total_assets))),
                item(format!(
                    "  {} {}",
                    lang.pick("占客户", "of customers"),
                    percent_of(cell.customers as i64, total.customers as i64)
                )),
                item(format!(
                    "  {} {}",
                    lang.pick("占资产", "of assets"),
                    percent_of(cell.total_assets, total.total_assets)
                )),
                vec![Span::styled(lang.pick("   Enter 查看", "   Enter list"), theme::dim())],
                vec![Span::styled(lang.pick("  a 图表", "  a chart"), theme::dim())],
            ],
            width,
        )
    }

    fn render_charts(&self, ctx: &Ctx, area: Rect, metric: Metric, frame: &mut Frame) {
        let lang = ctx.lang();
        let metric_name = match metric {
            Metric::Customers => lang.pick("客户数", "customers"),
            Metric::Assets => lang.pick("资产", "assets"),
        };
        let value = |c: Cell| -> (i64, String) {
            match metric {
                Metric::Customers => (c.customers as i64, format_count(c.customers)),
                Metric::Assets => (c.total_assets, format_wan(c.total_assets)),
            }
        };
        let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        let tier_bars: Vec<ChartBar> = Tier::ALL
            .iter()
            .map(|t| {
                let (v, text) = value(self.matrix.tier_total(*t));
                ChartBar { label: ctx.tier_label(*t), value: v, text, style: theme::tier(*t) }
            })
            .collect();
        let type_bars: Vec<ChartBar> = SegmentColumn::ALL
            .iter()
            .map(|c| {
                let (v, text) = value(self.matrix.column_total(*c));
                ChartBar {
                    label: lang.pick(c.label_zh(), c.label_en()).to_string(),
                    value: v,
                    text,
                    style: Style::new(),
                }
            })
            .collect();
        let by_tier = [
            format!(" {} · {} ", metric_name, lang.pick("按等级", "by tier")),
            format!(" {metric_name} "),
            String::new(),
        ];
        let by_type = [
            format!(" {} · {} ", metric_name, lang.pick("按风险类型", "by risk type")),
            format!(" {metric_name} "),
            String::new(),
        ];
        if left.width >= 12 && left.height >= 3 {
            render_bars(frame, left, &by_tier, &tier_bars);
        }
        if right.width >= 12 && right.height >= 3 {
            render_bars(frame, right, &by_type, &type_bars);
        }
    }
}

/// One bar of a chart: its label, the value it measures and the value as shown.
#[derive(Debug, Clone)]
pub struct ChartBar {
    pub label: String,
    pub value: i64,
    pub text: String,
    pub style: Style,
}

/// Cells of a bar for `value` when `max` fills `width`: `round(value / max × width)`, and at least
/// one cell for any value above zero (nothing for zero or less, or when `max` is not positive).
pub fn bar_cells(value: i64, max: i64, width: usize) -> usize {
    if value <= 0 || max <= 0 || width == 0 {
        return 0;
    }
    let (v, m, w) = (value.min(max) as i128, max as i128, width as i128);
    let cells = (2 * v * w + m) / (2 * m); // rounded half up
    (cells as usize).clamp(1, width)
}

/// A bordered horizontal bar chart: per bar its label, the bar (proportional to its value, see
/// [`bar_cells`]) and its value after the bar. The title takes the first of `titles` that fits;
/// the values go when there is no room for them beside a bar; a gap line between bars when the
/// height allows.
pub fn render_bars(frame: &mut Frame, area: Rect, titles: &[String], bars: &[ChartBar]) {
    let text_w = crate::domain::text::width;
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner_w = area.width as usize - 2;
    let title = box_title(titles, area.width);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = bars.iter().map(|b| text_w(&b.label)).max().unwrap_or(0);
    let value_w = bars.iter().map(|b| text_w(&b.text)).max().unwrap_or(0);
    let with_values = inner_w >= label_w + 1 + 1 + 1 + value_w;
    let bar_w = if with_values { inner_w - label_w - 2 - value_w } else { inner_w.saturating_sub(label_w + 1) };
    if bar_w == 0 {
        return;
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let n = bars.len();
    let gap = usize::from(n > 0 && inner.height as usize >= 2 * n - 1);
    for (i, bar) in bars.iter().enumerate() {
        let row = i * (1 + gap);
        if row >= inner.height as usize {
            break;
        }
        let cells = bar_cells(bar.value, max, bar_w);
        let mut spans = vec![
            Span::styled(pad_to_cells(&bar.label, label_w, Align::Left), bar.style),
            Span::raw(" "),
            Span::styled("█".repeat(cells), bar.style),
        ];
        if with_values {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(bar.text.clone(), theme::title()));
        }
        put_line(frame, inner, row as u16, Line::from(spans));
    }
}

#[cfg(test)]
mod tests {
    use super::{Unit, bar_cells};

    #[test]
    fn bars_are_rounded_shares_of_the_width_at_least_one_cell() {
        // the QA figures, in tenths of 万, over a 38-cell bar
        assert_eq!(bar_cells(1_105_399, 1_105_399, 38), 38);
        assert_eq!(bar_cells(152_998, 1_105_399, 38), 5); // 5.26
        assert_eq!(bar_cells(345_573, 1_105_399, 38), 12); // 11.88
        assert_eq!(bar_cells(211_670, 1_322_084, 38), 6); // 6.08
        assert_eq!(bar_cells(55_660, 1_322_084, 38), 2); // 1.60
        assert_eq!(bar_cells(1, 1_000_000, 38), 1, "a non-zero value shows");
        assert_eq!(bar_cells(1, 2, 3), 2, "1.5 rounds up");
        assert_eq!(bar_cells(0, 10, 38), 0);
        assert_eq!(bar_cells(-5, 10, 38), 0);
        assert_eq!(bar_cells(5, 0, 38), 0);
        assert_eq!(bar_cells(5, 10, 0), 0);
        assert_eq!(bar_cells(i64::MAX, i64::MAX, 1000), 1000);
    }

    #[test]
    fn units() {
        let fen = 2_807_300_000_i64 * 10; // 28,073万 = 2.8073亿
        assert_eq!(Unit::Wan.format(fen), "28,073.0万");
        assert_eq!(Unit::WanWhole.format(fen), "28,073万");
        assert_eq!(Unit::Yi2.format(fen), "2.81亿");
        assert_eq!(Unit::Yi.format(fen), "2.8亿");
        assert_eq!(Unit::YiWhole.format(fen), "3亿");
        assert_eq!(Unit::Yi2.format(150 * 1_000_000), "0.02亿");
        assert_eq!(Unit::Yi2.format(-150 * 1_000_000), "-0.02亿");
    }
}
