//! Drawing of the 分级分类 screen: the header, the matrix, the selected cell's line and the charts.

use super::*;

/// Rows of the assets-history chart: at least (border, 3 rows of line, axis labels), at most.
const AUM_MIN_H: u16 = 7;
const AUM_MAX_H: u16 = 12;

impl SegmentsState {
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        if let Some(axis) = self.axis {
            return self.render_axis(ctx, axis, body, frame);
        }
        let lang = ctx.lang();
        let total = self.matrix.total();
        let stat = ctx.statistics_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        // whole items from the left, as many as fit; the total amount in the most precise unit
        // that fits the room left (`183,832.0万`, `183,832万`, `18.4亿`)
        let items = vec![
            vec![Span::styled(tr!(lang, SEGMENTS), theme::title())],
            vec![Span::styled(format!("  {}", ctx.scope_label()), theme::muted())],
            vec![Span::styled(format!(" · {} {stat}", tr!(lang, AS_OF)), theme::muted())],
            vec![Span::styled(
                format!(" · {} {} {}", tr!(lang, TOTAL), format_count(total.customers), tr!(lang, CUSTOMERS_WEI),),
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
        // the value columns that fit whole (a terminal too narrow for all of them shows the first
        // ones, never a cut figure)
        let mut used = label_w;
        let shown = widths
            .iter()
            .take_while(|w| {
                used += *w + 1;
                used <= body.width as usize
            })
            .count()
            .max(1);
        self.shown_cols.set(shown);
        let widths = &widths[..shown];
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
            for col in 0..shown {
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
            for (i, text) in super::super::empty_db_hint(lang).into_iter().enumerate() {
                if chart_top + (i as u16) < info_row {
                    let text = crate::tui::widgets::fit_message(text, room);
                    put_line(frame, body, chart_top + i as u16, Line::styled(text, theme::warn()));
                }
            }
        } else if chart_h >= 3 && body.width >= 20 {
            let area = Rect { x: body.x, y: body.y + chart_top, width: body.width, height: chart_h.min(CHART_H) };
            self.render_charts(ctx, area, self.metric, frame);
            let mut below = area.y + area.height;
            if chart_h >= 2 * CHART_H {
                self.render_charts(ctx, Rect { y: area.y + CHART_H, ..area }, self.metric.other(), frame);
                below += CHART_H;
            }
            // the assets over the snapshot history, in the rows left above the info line
            let left = (body.y + info_row).saturating_sub(below);
            if left >= AUM_MIN_H && chart_h >= CHART_H + AUM_MIN_H {
                let aum = Rect { x: body.x, y: below, width: body.width, height: left.min(AUM_MAX_H) };
                crate::tui::widgets::charts::render_aum(frame, aum, &self.aum, lang);
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
            (None, None) => tr!(lang, ALL_CAP).to_string(),
        };
        let item = |text: String| vec![Span::raw(text)];
        fit_leading(
            vec![
                vec![Span::styled(name, theme::title())],
                item(format!("  {} {}", format_count(cell.customers), tr!(lang, CUSTOMERS_WEI))),
                item(format!("  {}", format_wan(cell.total_assets))),
                item(format!(
                    "  {} {}",
                    tr!(lang, OF_CUSTOMERS),
                    percent_of(cell.customers as i64, total.customers as i64)
                )),
                item(format!("  {} {}", tr!(lang, OF_ASSETS), percent_of(cell.total_assets, total.total_assets))),
                vec![Span::styled(tr!(lang, ENTER_LIST), theme::dim())],
                vec![Span::styled(tr!(lang, A_CHART), theme::dim())],
            ],
            width,
        )
    }

    fn render_charts(&self, ctx: &Ctx, area: Rect, metric: Metric, frame: &mut Frame) {
        let lang = ctx.lang();
        let metric_name = match metric {
            Metric::Customers => tr!(lang, CUSTOMERS_KEHUSHU),
            Metric::Assets => tr!(lang, ASSETS),
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
        let by_tier =
            [format!(" {} · {} ", metric_name, tr!(lang, BY_TIER)), format!(" {metric_name} "), String::new()];
        let by_type =
            [format!(" {} · {} ", metric_name, tr!(lang, BY_RISK_TYPE)), format!(" {metric_name} "), String::new()];
        if left.width >= 12 && left.height >= 3 {
            render_bars(frame, left, &by_tier, &tier_bars);
        }
        if right.width >= 12 && right.height >= 3 {
            render_bars(frame, right, &by_type, &type_bars);
        }
    }
}
