//! Drawing the customer list: the summary line, the windowed table, the empty-book hints and
//! the filter popup (a pure function of the state), and the cells of one row.

use chrono::Datelike;
use super::*;

impl CustomersState {
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        // summary line: filters and sort, or the search input
        if let Some(search) = &self.search {
            // the long prompt when it leaves room for the text, else the short one; the key
            // hint only when it fits whole
            let text = search.input.text().to_string();
            let long = format!("{} ", tr!(lang, SEARCH_NAME_ACCOUNT_MOBILE));
            let short = format!("{} ", tr!(lang, SEARCH_SOUSUO_2));
            let room = body.width as usize;
            let prompt = if width(&long) + width(&text) < room { long } else { short };
            let hint = tr!(lang, ENTER_ACCEPT_ESC_CANCEL);
            let mut spans = vec![Span::styled(prompt.clone(), theme::key()), Span::raw(text.clone())];
            if width(&prompt) + width(&text) + width(hint) <= room {
                spans.push(Span::styled(hint, theme::dim()));
            }
            put_line(frame, body, 0, Line::from(spans));
            if body.height > 0 && body.width > 0 {
                let x = body.x as usize + width(&prompt) + search.input.cursor_cells();
                let x = x.min(body.right().saturating_sub(1) as usize) as u16;
                frame.set_cursor_position((x, body.y));
            }
        } else {
            // whole items from the left, as many as fit: the filters, the sort, the count
            let chips = self.filter_chips(ctx);
            let mut items: Vec<Vec<Span<'static>>> = Vec::new();
            if chips.is_empty() {
                items.push(vec![Span::styled(tr!(lang, ALL_CUSTOMERS), theme::title())]);
            } else {
                items.push(vec![Span::styled(tr!(lang, FILTER), theme::title())]);
                for (i, chip) in chips.into_iter().enumerate() {
                    let sep = if i == 0 { " " } else { "  " };
                    items.push(vec![Span::raw(sep), Span::styled(chip, theme::warn())]);
                }
            }
            items.push(vec![Span::styled(
                format!("  {} {}", tr!(lang, SORT_PAIXU), lang.pick(self.sort.label_zh(), self.sort.label_en())),
                theme::muted(),
            )]);
            items.push(vec![Span::styled(
                format!("  {}", lang.count(self.total as u64, "位", "customer", "customers")),
                theme::muted(),
            )]);
            put_line(frame, body, 0, fit_leading(items, body.width as usize));
        }

        let table_area = Rect { y: body.y.saturating_add(1), height: body.height.saturating_sub(1), ..body };
        let columns = columns(ctx);
        let rows: Vec<Vec<Cell>> = self.rows.iter().map(|r| row_cells(r, ctx)).collect();
        let widths = table::layout(&columns, &STEPS, Some((C_NAME, name_room(&rows))), body.width);
        let selected = self.selected.checked_sub(self.offset).filter(|i| *i < rows.len());
        table::render(frame, table_area, &columns, &widths, lang, &rows, selected);
        if self.total == 0 {
            let unfiltered = self.filter == self.unfiltered();
            let lines: Vec<(&str, Style)> = if self.db_empty {
                crate::tui::screens::empty_db_hint(lang).map(|l| (l, theme::warn())).to_vec()
            } else if unfiltered {
                vec![(tr!(lang, NO_CUSTOMERS_IN_THIS_BOOK), theme::dim())]
            } else {
                vec![(
                    tr!(lang, NO_CUSTOMER_MATCHES_C_CLEARS_THE),
                    theme::dim(),
                )]
            };
            let room = (body.width as usize).saturating_sub(2);
            for (i, (text, style)) in lines.into_iter().enumerate() {
                let text = crate::tui::widgets::fit_message(text, room);
                put_line(frame, table_area, 2 + i as u16, Line::styled(format!("  {text}"), style));
            }
        }

        if let Some(field) = self.popup {
            self.render_popup(ctx, body, field, frame);
        }
    }

    fn render_popup(&self, ctx: &Ctx, body: Rect, field: usize, frame: &mut Frame) {
        let lang = ctx.lang();
        let all = tr!(lang, ALL).to_string();
        let values = [
            self.filter.tier.map(|t| ctx.tier_label(t)).unwrap_or_else(|| all.clone()),
            self.filter
                .column
                .map(|c| lang.pick(c.label_zh(), c.label_en()).to_string())
                .unwrap_or_else(|| all.clone()),
            self.filter.level.map(|l| level_label(l, lang)).unwrap_or_else(|| all.clone()),
            if self.filter.with_alerts {
                tr!(lang, WITH_OPEN_ALERTS_ZHIKANYOUYU).to_string()
            } else {
                all.clone()
            },
            self.filter.validity.map(|v| v.label(lang)).unwrap_or_else(|| all.clone()),
        ];
        let labels = [
            tr!(lang, TIER_FUWUDENGJI),
            tr!(lang, RISK_TYPE),
            tr!(lang, LEVEL_CEPINGDENGJI),
            tr!(lang, ALERTS),
            tr!(lang, VALIDITY),
        ];
        let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        // the lines for a popup `inner` cells wide inside: the values' padding and the key hint
        // give way (whole keys) on a narrow terminal rather than being cut at the border
        let build = |inner: usize| -> Vec<Line<'static>> {
            let mut lines: Vec<Line<'static>> = labels
                .iter()
                .zip(values.iter())
                .enumerate()
                .map(|(i, (label, value))| {
                    let focus = i == field;
                    let marker = if focus { "›" } else { " " };
                    let value_style = if focus {
                        theme::selected()
                    } else if *value != all {
                        theme::warn()
                    } else {
                        Style::new()
                    };
                    let pad = 14.min(inner.saturating_sub(2 + label_w + 2 + 4)).max(width(value));
                    Line::from(vec![
                        Span::styled(format!("{marker} "), theme::key()),
                        Span::raw(pad_to_cells(label, label_w, Align::Left)),
                        Span::raw("  "),
                        Span::styled(format!("‹ {} ›", pad_to_cells(value, pad, Align::Left)), value_style),
                    ])
                })
                .collect();
            lines.push(Line::raw(""));
            let keys = [
                tr!(lang, FIELD),
                tr!(lang, VALUE),
                tr!(lang, C_CLEAR),
                tr!(lang, ENTER_CLOSE),
            ];
            lines.push(fit_leading(keys.iter().map(|k| vec![Span::styled(*k, theme::dim())]).collect(), inner));
            let count = lang.count(self.total as u64, "位客户符合", "customer matches", "customers match");
            lines.push(Line::styled(crate::tui::widgets::fit_words(&count, inner), theme::muted()));
            lines
        };
        let natural = build(usize::MAX);
        let w = natural.iter().map(|l| spans_width(&l.spans)).max().unwrap_or(20) as u16 + 4;
        let rect = centered(body, w, natural.len() as u16 + 2);
        if rect.width == 0 || rect.height == 0 {
            return;
        }
        let lines = build(rect.width.saturating_sub(2) as usize);
        clear_popup(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr!(lang, FILTER)));
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}

/// The columns with the tier column as wide as the longest tier label of the rules in force.
pub fn columns(ctx: &Ctx) -> [ColSpec; 10] {
    let mut cols = COLUMNS;
    let longest = Tier::ALL.iter().map(|t| width(&ctx.tier_label(*t))).max().unwrap_or(7);
    cols[4].width = longest.clamp(2, 12) as u16;
    // the alert count is narrow, its title is not in English (`Alerts`): never cut the title
    let alerts = &mut cols[C_ALERTS];
    alerts.width = alerts.width.max(width(ctx.lang().pick(alerts.zh, alerts.en)) as u16);
    cols
}

/// The cells of one book row (every form a column may need; the table picks what fits).
pub fn row_cells(r: &BookRow, ctx: &Ctx) -> Vec<Cell> {
    let lang = ctx.lang();
    let today = ctx.today();
    let name_style = if r.status == "active" { Style::new() } else { theme::dim() };
    let mut name = Cell::new(r.name.clone()).style(name_style);
    if r.status != "active" {
        let status = crate::domain::model::CustomerStatus::parse(&r.status)
            .map(|s| lang.pick(s.label_zh(), s.code()))
            .unwrap_or("");
        name.forms.insert(0, format!("{}({status})", r.name));
    }
    let tier = Cell::forms(vec![ctx.tier_label(r.tier), r.tier.code().to_string()]).style(theme::tier(r.tier));
    let risk = risk_cell(r, ctx);
    let callback = match r.next_callback {
        Some(d) => {
            let style = if d < today {
                theme::bad()
            } else if d == today {
                theme::warn()
            } else {
                Style::new()
            };
            Cell::forms(callback_forms(d, today)).style(style)
        }
        None => Cell::new("—").style(theme::dim()),
    };
    let alerts =
        if r.open_alerts > 0 { Cell::new(r.open_alerts.to_string()).style(theme::bad()) } else { Cell::new("") };
    vec![
        Cell::new(r.customer_id.clone()),
        name,
        Cell::new(mask_id_number(&r.id_number)),
        Cell::new(r.mobile.as_deref().map(mask_mobile).unwrap_or_else(|| "—".into())),
        tier,
        risk,
        Cell::forms(amount_forms(r.total_assets)),
        Cell::forms(amount_forms(r.contribution)),
        callback,
        alerts,
    ]
}

/// How wide the name column may grow when the terminal has room: the widest name on screen
/// (institutions' names run to 20+ cells: `苏州睿晟资产管理有限公司`), at least 16 cells so short
/// names keep the usual spacing, at most 40 so one odd name does not push the figures away.
fn name_room(rows: &[Vec<Cell>]) -> u16 {
    let widest = rows.iter().filter_map(|r| r.get(C_NAME)).map(|c| width(c.form_at(0))).max().unwrap_or(0);
    widest.clamp(16, 40) as u16
}

/// `C3 稳健型` (English: `C3 Balanced`).
fn level_label(level: RiskLevel, lang: crate::session::Lang) -> String {
    format!("{} {}", level.code(), lang.pick(level.label_zh(), level.risk_type().label_en()))
}

/// 风险: `C3 稳健型`, `专业投资者`, `未评估`, or an expired level dimmed with 过期.
fn risk_cell(r: &BookRow, ctx: &Ctx) -> Cell {
    let lang = ctx.lang();
    match (r.column, r.risk_level) {
        (SegmentColumn::Professional, _) => {
            Cell::forms(vec![tr!(lang, PROFESSIONAL_CAP).into(), tr!(lang, PROF).into()])
                .style(theme::good())
        }
        (SegmentColumn::Unassessed, Some(l)) => {
            // the expiry mark stays in every form: an expired level counts as 未评估
            let expired = tr!(lang, EXPIRED_GUOQI);
            Cell::forms(vec![
                format!("{} {expired}", level_label(l, lang)),
                format!("{} {expired}", l.code()),
                format!("{} {}", l.code(), tr!(lang, EXP)),
            ])
            .style(theme::dim())
        }
        (SegmentColumn::Unassessed, None) => {
            Cell::forms(vec![tr!(lang, UNASSESSED).into(), tr!(lang, NONE_WEIPINGGU).into()])
                .style(theme::warn())
        }
        (SegmentColumn::Type(_), Some(l)) => {
            let expiring = r
                .valid_until
                .is_some_and(|u| (u - ctx.today()).num_days() < ctx.rules().assessment.expiring_days as i64);
            let style = if expiring { theme::warn() } else { Style::new() };
            if expiring {
                // the mark stays in every form: re-assessment is due
                let soon = tr!(lang, EXPIRING_JIANGDAOQI);
                return Cell::forms(vec![
                    format!("{} {soon}", level_label(l, lang)),
                    format!("{} {soon}", l.code()),
                    format!("{} {}", l.code(), tr!(lang, SOON)),
                ])
                .style(style);
            }
            if r.lowest {
                let lowest = tr!(lang, LOWEST);
                Cell::forms(vec![
                    format!("{} {lowest}", level_label(l, lang)),
                    format!("{} {lowest}", l.code()),
                    l.code().to_string(),
                ])
                .style(style)
            } else {
                Cell::forms(vec![level_label(l, lang), l.code().to_string()]).style(style)
            }
        }
        (SegmentColumn::Type(t), None) => Cell::new(lang.pick(t.label_zh(), t.label_en())),
    }
}

/// The forms of a next-callback date, widest first: `2026-12-05`, then `12-05` within this year
/// and the year alone for another (`2015`: a bare `08-31` of 2015 would read as next August; the
/// narrow column holds 5 cells).
fn callback_forms(d: chrono::NaiveDate, today: chrono::NaiveDate) -> Vec<String> {
    let short = if d.year() == today.year() { d.format("%m-%d") } else { d.format("%Y") };
    vec![d.format("%Y-%m-%d").to_string(), short.to_string()]
}

#[cfg(test)]
mod callback_form_tests {
    use super::callback_forms;

    #[test]
    fn the_short_form_keeps_the_year_of_another_year() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let today = d("2026-12-02");
        assert_eq!(callback_forms(d("2026-12-05"), today), ["2026-12-05", "12-05"]);
        assert_eq!(callback_forms(d("2015-08-31"), today), ["2015-08-31", "2015"]);
        assert_eq!(callback_forms(d("2027-01-04"), today), ["2027-01-04", "2027"]);
    }
}
