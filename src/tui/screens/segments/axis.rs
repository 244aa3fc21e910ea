//! The other axes of 分级分类 (SPEC §4.4): `x` / `X` cycle tier × type → A/B/C/D → Ⅰ–Ⅳ → age →
//! years since opening → concentration → P/L → back. One row per segment of the axis (and 合计),
//! with its customers, assets and shares, and per tier T1..T4 the customers (and assets when
//! there is room). The thresholds in force show under the title. A cell opens the list of exactly
//! its customers. Every role may switch (a manager sees their own book, cut at the branch's
//! medians); SPEC names the branch head, and forbids no one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Metric, SegmentsState};
use crate::domain::money::{format_count, format_wan, format_yuan};
use crate::domain::segment::Cell;
use crate::domain::segment_axes::{Axis, AxisMatrix};
use crate::domain::text::{Align, pad_to_cells, width};
use crate::domain::tier::Tier;
use crate::store::book::BookFilter;
use crate::tui::action::Action;
use crate::tui::format::{percent_bp, percent_of, wan_fit};
use crate::tui::screens::{Ctx, Outcome, Screen};
use crate::tui::theme;
use crate::tui::widgets::{fit_leading, put_line};

/// `2.31倍` (`2.31×`) from basis points.
fn times(bp: i64, lang: crate::session::Lang) -> String {
    let hundredths = bp.max(0) / 100;
    format!("{}.{:02}{}", hundredths / 100, hundredths % 100, tr!(lang, TEXT_BEI))
}

impl SegmentsState {
    /// The next (or previous) axis; the cursor goes to the axis's first cell.
    pub(super) fn switch_axis(&mut self, forward: bool) {
        let order: Vec<Option<Axis>> = std::iter::once(None).chain(Axis::ALL.into_iter().map(Some)).collect();
        let at = order.iter().position(|a| *a == self.axis).unwrap_or(0);
        let n = order.len();
        self.axis = order[if forward { (at + 1) % n } else { (at + n - 1) % n }];
        self.axis_matrix = None;
        self.arow = 0;
        self.acol = 0;
    }

    /// Reads the branch's facts (once) and builds the axis's matrix for the scope in view.
    pub(super) fn sync_axis(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        let Some(axis) = self.axis else { return Ok(()) };
        if self.facts.is_none() {
            let conn = &ctx.session.conn;
            let on = ctx.statistics_date.unwrap_or_else(|| ctx.today());
            self.facts = Some(crate::store::segments::branch_facts(conn, on, ctx.rules())?);
            self.axis_matrix = None;
            self.fetches += 1;
        }
        let stale = self.axis_matrix.as_ref().is_none_or(|(m, scope)| m.axis != axis || scope != ctx.scope);
        if stale && let Some(facts) = &self.facts {
            self.axis_matrix = Some((facts.matrix(axis, ctx.scope), ctx.scope.clone()));
        }
        Ok(())
    }

    /// The axis view's matrix (empty before the first sync).
    pub fn axis_view(&self) -> Option<&AxisMatrix> {
        self.axis_matrix.as_ref().map(|(m, _)| m)
    }

    /// The cell under the axis cursor.
    fn axis_cell(&self, m: &AxisMatrix, row: usize, col: usize) -> Cell {
        let segment = (row < m.axis.len()).then_some(row);
        let tier = col.checked_sub(1).and_then(|i| Tier::ALL.get(i).copied());
        m.cell(tier, segment)
    }

    pub(super) fn update_axis(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let Some(axis) = self.axis else { return Ok(Outcome::None) };
        match action {
            Action::Up => self.arow = self.arow.saturating_sub(1),
            Action::Down => self.arow = (self.arow + 1).min(axis.len()),
            Action::Left => self.acol = self.acol.saturating_sub(1),
            Action::Right if !self.axis_tiers_hidden.get() => self.acol = (self.acol + 1).min(Tier::ALL.len()),
            Action::ToggleMetric => self.metric = self.metric.other(),
            Action::Export => {
                let request = crate::export::Request::SegmentAxis { scope: ctx.scope.clone(), axis };
                return crate::tui::export::export(ctx, request);
            }
            Action::Open => {
                let Some(facts) = &self.facts else { return Ok(Outcome::None) };
                let segment = (self.arow < axis.len()).then_some(self.arow);
                let tier = self.acol.checked_sub(1).and_then(|i| Tier::ALL.get(i).copied());
                let cell = facts.cell(axis, ctx.scope, None, segment);
                let filter =
                    BookFilter { scope: ctx.scope.clone(), tier, axis_cell: Some(cell), ..BookFilter::default() };
                return Ok(Outcome::Push(Box::new(Screen::Customers(crate::tui::screens::CustomersState::new(
                    filter,
                )))));
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// The thresholds line: `贡献中位数 47.46元 · 周转率中位数 2.31倍 · 高于中位数为高 · 统计日 2025-08-26`.
    fn threshold_items(&self, ctx: &Ctx, axis: Axis) -> Vec<Vec<Span<'static>>> {
        let lang = ctx.lang();
        let Some(f) = &self.facts else { return Vec::new() };
        let t = f.thresholds;
        let item = |s: String| vec![Span::styled(s, theme::muted())];
        let (median, fixed) = (tr!(lang, MEDIAN), tr!(lang, RULES));
        let kind = |is_fixed: bool| if is_fixed { fixed } else { median };
        let contribution = item(format!(
            "{}{} {}{}",
            tr!(lang, CONTRIBUTION),
            kind(f.fixed.contribution),
            format_yuan(t.contribution),
            tr!(lang, YUAN)
        ));
        let above = item(tr!(lang, ABOVE_IS_HIGH).to_string());
        let on = item(format!(" · {} {}", tr!(lang, AS_OF), f.on));
        match axis {
            Axis::Abcd => vec![
                contribution,
                item(format!(" · {}{} {}", tr!(lang, TURNOVER), kind(f.fixed.turnover), times(t.turnover_bp, lang))),
                on,
                above,
            ],
            Axis::Growth => vec![
                contribution,
                item(format!(
                    " · {}{} {}",
                    tr!(lang, T_12_MONTH_GROWTH),
                    kind(f.fixed.growth),
                    percent_bp(t.growth_bp)
                )),
                on,
                above,
            ],
            Axis::Age => vec![item(format!("{} {}", tr!(lang, AGE_ON), f.on))],
            Axis::Tenure => vec![item(format!("{} {}", tr!(lang, YEARS_TO), f.on))],
            Axis::Concentration => vec![
                item(tr!(lang, LARGEST_POSITION_TOTAL_ASSETS).to_string()),
                item(tr!(lang, T_40_50_AS_THE_ALERT_RULE).to_string()),
                on,
            ],
            Axis::Pnl => vec![item(tr!(lang, UNREALISED_P_L_COST).to_string()), on],
        }
    }

    pub(super) fn render_axis(&self, ctx: &Ctx, axis: Axis, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let en = lang == crate::session::Lang::En;
        let w = body.width as usize;
        let Some(m) = self.axis_view() else { return };
        let total = m.cell(None, None);
        let header = fit_leading(
            vec![
                vec![Span::styled(tr!(lang, SEGMENTS), theme::title())],
                vec![Span::styled(format!(" · {}", lang.pick(axis.label_zh(), axis.label_en())), theme::title())],
                vec![Span::styled(format!("  {}", ctx.scope_label()), theme::muted())],
                vec![Span::styled(
                    format!(" · {} {} {}", tr!(lang, TOTAL), format_count(total.customers), tr!(lang, CUSTOMERS_WEI)),
                    theme::muted(),
                )],
                vec![Span::styled(format!(" {}", format_wan(total.total_assets)), theme::muted())],
            ],
            w,
        );
        put_line(frame, body, 0, header);
        put_line(frame, body, 1, fit_leading(self.threshold_items(ctx, axis), w));

        // columns: label | customers | assets | T1..T4 (customers, + assets when wide) | shares
        let rows = axis.len() + 1;
        let label = |row: usize| -> String {
            match axis.segment_label(row, en) {
                Some(l) => l.to_string(),
                None => tr!(lang, TOTAL_CAP).to_string(),
            }
        };
        let label_w = (0..rows).map(|r| width(&label(r))).max().unwrap_or(4);
        let amount_w = (0..rows)
            .map(|r| width(&format_wan(self.axis_cell(m, r, 0).total_assets)))
            .max()
            .unwrap_or(4)
            .max(width(tr!(lang, ASSETS)));
        let count_w = width(&format_count(total.customers)).max(width(tr!(lang, CUST)));
        let tier_amounts = w >= 150;
        let tier_w = |col: usize| -> usize {
            (0..rows)
                .map(|r| {
                    let c = self.axis_cell(m, r, col);
                    width(&tier_text(c, tier_amounts))
                })
                .chain(std::iter::once(width(&ctx.tier_label(Tier::ALL[col - 1]))))
                .max()
                .unwrap_or(4)
        };
        let base = label_w + 1 + count_w + 1 + amount_w;
        let tiers_w: usize = (1..=4).map(|c| tier_w(c) + 1).sum();
        let show_tiers = base + tiers_w <= w;
        self.axis_tiers_hidden.set(!show_tiers);
        let shares_w = 2 * 7;
        let show_shares = base + if show_tiers { tiers_w } else { 0 } + shares_w <= w;

        let mut head = vec![
            Span::raw(pad_to_cells("", label_w, Align::Left)),
            Span::styled(format!(" {}", pad_to_cells(tr!(lang, CUST), count_w, Align::Right)), theme::header()),
            Span::styled(format!(" {}", pad_to_cells(tr!(lang, ASSETS), amount_w, Align::Right)), theme::header()),
        ];
        if show_tiers {
            for col in 1..=4 {
                let t = Tier::ALL[col - 1];
                let name = if tier_amounts { ctx.tier_label(t) } else { t.code().to_string() };
                head.push(Span::styled(
                    format!(" {}", pad_to_cells(&name, tier_w(col), Align::Right)),
                    theme::header(),
                ));
            }
        }
        if show_shares {
            head.push(Span::styled(
                format!(" {}", pad_to_cells(tr!(lang, CUST_ZHANKEHU), 6, Align::Right)),
                theme::header(),
            ));
            head.push(Span::styled(format!(" {}", pad_to_cells(tr!(lang, ASSET), 6, Align::Right)), theme::header()));
        }
        put_line(frame, body, 2, Line::from(head));
        let mut y: u16 = 3;
        for row in 0..rows {
            if row == rows - 1 {
                let rule_w =
                    (base + if show_tiers { tiers_w } else { 0 } + if show_shares { shares_w } else { 0 }).min(w);
                put_line(frame, body, y, Line::styled("─".repeat(rule_w), theme::dim()));
                y += 1;
            }
            let all = self.axis_cell(m, row, 0);
            let style_of = |c: Cell, col: usize| -> Style {
                let base = if c.customers == 0 {
                    theme::dim()
                } else if row == rows - 1 {
                    theme::title()
                } else {
                    Style::new()
                };
                if row == self.arow && col == self.acol { base.patch(theme::selected()) } else { base }
            };
            let mut spans = vec![
                Span::styled(
                    pad_to_cells(&label(row), label_w, Align::Left),
                    if row == rows - 1 { theme::title() } else { Style::new() },
                ),
                Span::raw(" "),
                Span::styled(pad_to_cells(&format_count(all.customers), count_w, Align::Right), style_of(all, 0)),
                Span::raw(" "),
                Span::styled(pad_to_cells(&format_wan(all.total_assets), amount_w, Align::Right), style_of(all, 0)),
            ];
            if show_tiers {
                for col in 1..=4 {
                    let c = self.axis_cell(m, row, col);
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(
                        pad_to_cells(&tier_text(c, tier_amounts), tier_w(col), Align::Right),
                        style_of(c, col),
                    ));
                }
            }
            if show_shares {
                spans.push(Span::raw(format!(
                    " {} {}",
                    pad_to_cells(&percent_of(all.customers as i64, total.customers as i64), 6, Align::Right),
                    pad_to_cells(&percent_of(all.total_assets, total.total_assets), 6, Align::Right)
                )));
            }
            put_line(frame, body, y, Line::from(spans));
            y += 1;
        }

        // the selected cell on the last line
        let info_row = body.height.saturating_sub(1);
        if info_row > y {
            let cell = self.axis_cell(m, self.arow, self.acol);
            let mut name = label(self.arow);
            if let Some(t) = self.acol.checked_sub(1).and_then(|i| Tier::ALL.get(i)) {
                name = format!("{name} × {}", ctx.tier_label(*t));
            }
            let item = |text: String| vec![Span::raw(text)];
            let line = fit_leading(
                vec![
                    vec![Span::styled(name, theme::title())],
                    item(format!("  {} {}", format_count(cell.customers), tr!(lang, CUSTOMERS_WEI))),
                    item(format!("  {}", format_wan(cell.total_assets))),
                    vec![Span::styled(tr!(lang, ENTER_LIST), theme::dim())],
                    vec![Span::styled(tr!(lang, X_AXIS), theme::dim())],
                    vec![Span::styled(tr!(lang, A_CHART), theme::dim())],
                ],
                w,
            );
            put_line(frame, body, info_row, line);
        }
        // bars of the segments between the table and the info line, when there is room
        let top = y + 1;
        let room = info_row.saturating_sub(top);
        if room >= axis.len() as u16 + 2 && body.width >= 30 {
            let metric = self.metric;
            let bars: Vec<super::ChartBar> = (0..axis.len())
                .map(|s| {
                    let c = m.cell(None, Some(s));
                    let (value, text) = match metric {
                        Metric::Customers => (c.customers as i64, format_count(c.customers)),
                        Metric::Assets => (c.total_assets, format_wan(c.total_assets)),
                    };
                    super::ChartBar { label: label(s), value, text, style: Style::new() }
                })
                .collect();
            let name = match metric {
                Metric::Customers => tr!(lang, CUSTOMERS_KEHUSHU),
                Metric::Assets => tr!(lang, ASSETS),
            };
            let titles = [
                format!(" {name} · {} ", lang.pick(axis.label_zh(), axis.label_en())),
                format!(" {name} "),
                String::new(),
            ];
            let n = axis.len() as u16;
            let h = if room > 2 * n { 2 * n + 1 } else { n + 2 };
            let area = Rect { x: body.x, y: body.y + top, width: body.width.min(100), height: h };
            super::render_bars(frame, area, &titles, &bars);
        }
    }
}

/// A tier cell: the count, and the amount after it when `amounts` (`885 · 11.3亿`).
fn tier_text(c: Cell, amounts: bool) -> String {
    if amounts && c.customers > 0 {
        format!("{} · {}", format_count(c.customers), wan_fit(c.total_assets, 9))
    } else {
        format_count(c.customers)
    }
}
