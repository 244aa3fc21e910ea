//! Drawing the 预警 screen: a pure function of [`AlertsState`] (nothing is read here).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::state::{AlertsState, NotePopup, alert_status_label, rule_label, severity_label, status_label};
use crate::domain::alerts::{AlertRule, AlertStatus, SUBJECT_CUSTOMER, SUBJECT_TOP3, Severity};
use crate::domain::money::format_count;
use crate::domain::text::{Align, pad_to_cells, truncate_to_cells, width};
use crate::session::Lang;
use crate::store::alerts::AlertRow;
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{centered, clear_popup, fit_leading, fit_text, put_line, spans_width};

/// Columns of the list, in display order.
pub const COLUMNS: [ColSpec; 8] = [
    ColSpec::new("程度", "Sev", 4, Align::Left),
    ColSpec::new("规则", "Rule", 10, Align::Left),
    ColSpec::new("客户", "Customer", 8, Align::Left),
    ColSpec::new("资金账号", "Account", 12, Align::Left),
    ColSpec::new("标的", "Subject", 8, Align::Left),
    ColSpec::new("状态", "Status", 6, Align::Left),
    ColSpec::new("发现日", "Found", 10, Align::Left).short("发现", "Found"),
    ColSpec::new("说明", "Message", 20, Align::Left),
];
const C_MESSAGE: usize = 7;

/// How the list gives way on a narrow terminal: the account goes first, the date narrows, then
/// the subject and the status go.
pub const STEPS: [Step; 7] = [
    Step::Drop(3),
    Step::Narrow(6, 5),
    Step::Narrow(C_MESSAGE, 12),
    Step::Drop(4),
    Step::Drop(5),
    Step::Drop(6),
    Step::Narrow(1, 4),
];

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => theme::bad(),
        Severity::Warning => theme::warn(),
        Severity::Info => theme::muted(),
    }
}

/// `600519`, `客户` (customer-wide), `前三` (top 3), or the code of an order.
pub fn subject_forms(subject: &str, lang: Lang) -> Vec<String> {
    if subject == SUBJECT_CUSTOMER {
        return vec![tr!(lang, CUSTOMER_KEHU).to_string(), "—".into()];
    }
    if subject == SUBJECT_TOP3 {
        return vec![tr!(lang, TOP_3).to_string()];
    }
    if let Some(rest) = subject.strip_prefix("order:") {
        let code = rest.split(':').next().unwrap_or(rest);
        return vec![format!("{}{code}", tr!(lang, ORD)), code.to_string()];
    }
    vec![subject.to_string()]
}

/// Four cells at most: 严重 / `crit`.
fn severity_short(s: Severity, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Zh, s) => s.label_zh(),
        (Lang::En, Severity::Critical) => "crit",
        (Lang::En, Severity::Warning) => "warn",
        (Lang::En, Severity::Info) => "info",
    }
}

/// Ten cells at most: the Chinese labels, short English ones.
fn rule_short(r: AlertRule, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => r.label_zh(),
        Lang::En => match r {
            AlertRule::Suitability => "Suitable",
            AlertRule::Concentration => "Concentr.",
            AlertRule::Drawdown => "Drawdown",
            AlertRule::TurningPoint => "Turn",
            AlertRule::CustomerLoss => "Loss",
            AlertRule::MispricedOrder => "Mispriced",
            AlertRule::IdleCash => "Idle cash",
            AlertRule::Dormant => "Dormant",
            AlertRule::Assessment => "Assessment",
            AlertRule::Elderly => "Elderly",
        },
    }
}

fn row_cells(r: &AlertRow, lang: Lang, message_cells: usize) -> Vec<Cell> {
    let status_style = match r.status {
        AlertStatus::Open => Style::new(),
        AlertStatus::Acknowledged => theme::good(),
        AlertStatus::Resolved => theme::dim(),
    };
    vec![
        Cell::forms(vec![severity_label(r.severity, lang).to_string(), severity_short(r.severity, lang).to_string()])
            .style(severity_style(r.severity)),
        Cell::forms(vec![rule_label(r.rule, lang).to_string(), rule_short(r.rule, lang).to_string()]),
        Cell::new(r.customer_name.clone()),
        Cell::new(r.customer_id.clone()),
        Cell::forms(subject_forms(&r.subject, lang)),
        Cell::new(alert_status_label(r.status, lang)).style(status_style),
        Cell::forms(vec![r.first_seen.format("%Y-%m-%d").to_string(), r.first_seen.format("%m-%d").to_string()]),
        Cell::new(fit_text(r.message(lang), message_cells)),
    ]
}

impl AlertsState {
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        // summary: the filters, the manager in view, the count
        let mut items: Vec<Vec<Span<'static>>> = vec![vec![Span::styled(tr!(lang, ALERTS), theme::title())]];
        for chip in self.filter_chips(ctx) {
            items.push(vec![Span::raw("  "), Span::styled(chip, theme::warn())]);
        }
        items.push(vec![Span::styled(format!("  {}", ctx.scope_label()), theme::muted())]);
        items.push(vec![Span::styled(
            format!("  {}", lang.count(self.total as u64, "条", "alert", "alerts")),
            theme::muted(),
        )]);
        put_line(frame, body, 0, fit_leading(items, body.width as usize));

        let table_h = (Self::table_rows(body) + 1) as u16;
        let table_area =
            Rect { y: body.y.saturating_add(1), height: table_h.min(body.height.saturating_sub(1)), ..body };
        let widths = table::layout(&COLUMNS, &STEPS, Some((C_MESSAGE, 400)), body.width);
        let message_cells = widths.get(C_MESSAGE).copied().flatten().unwrap_or(0) as usize;
        let rows: Vec<Vec<Cell>> = self.rows.iter().map(|r| row_cells(r, lang, message_cells)).collect();
        let selected = self.selected.checked_sub(self.offset).filter(|i| *i < rows.len());
        table::render(frame, table_area, &COLUMNS, &widths, lang, &rows, selected);
        if self.total == 0 {
            let text = if self.filter
                == (crate::store::alerts::AlertFilter { scope: self.filter.scope.clone(), ..Default::default() })
            {
                tr!(lang, NO_UNRESOLVED_ALERTS_THE_RULES_RUN)
            } else {
                tr!(lang, NO_ALERT_MATCHES_C_CLEARS_THE)
            };
            let room = (body.width as usize).saturating_sub(2);
            put_line(frame, table_area, 2, Line::styled(format!("  {}", truncate_to_cells(text, room)), theme::dim()));
        }
        // the selected alert in full, below the table
        if let Some(r) = self.selected_row()
            && body.height >= 7
        {
            let area = Rect { y: body.bottom().saturating_sub(3), height: 3, ..body };
            let w = body.width as usize;
            let head = format!(
                "{} {} · {} · {} · {}",
                r.customer_name,
                r.customer_id,
                ctx.manager_label(&r.manager_id),
                rule_label(r.rule, lang),
                severity_label(r.severity, lang)
            );
            put_line(frame, area, 0, Line::styled(fit_text(&head, w), theme::title()));
            put_line(frame, area, 1, Line::styled(fit_text(r.message(lang), w), severity_style(r.severity)));
            let second = match (&r.status, &r.actor) {
                (AlertStatus::Open, _) => format!(
                    "{} {} · {}",
                    tr!(lang, LAST_SEEN),
                    r.last_seen,
                    tr!(lang, A_ACKNOWLEDGE_X_RESOLVE_W_SIGNED)
                ),
                (st, actor) => {
                    let at = r.resolved_at.as_deref().map(|t| t.get(..10).unwrap_or(t)).unwrap_or("");
                    [alert_status_label(*st, lang), actor.as_deref().unwrap_or(""), at, r.note.as_str()]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                }
            };
            put_line(frame, area, 2, Line::styled(fit_text(&second, w), theme::dim()));
        }
        if let Some(field) = self.popup {
            self.render_filter(ctx, body, field, frame);
        }
        if let Some(note) = &self.note {
            render_note(note, ctx, body, frame);
        }
    }

    fn render_filter(&self, ctx: &Ctx, body: Rect, field: usize, frame: &mut Frame) {
        let lang = ctx.lang();
        let all = tr!(lang, ALL).to_string();
        let values = [
            self.filter.rule.map(|r| rule_label(r, lang).to_string()).unwrap_or_else(|| all.clone()),
            self.filter.severity.map(|s| severity_label(s, lang).to_string()).unwrap_or_else(|| all.clone()),
            status_label(self.filter.status, lang),
        ];
        let labels = [tr!(lang, RULE_CAP), tr!(lang, SEVERITY), tr!(lang, STATUS)];
        let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        let mut lines: Vec<Line<'static>> = labels
            .iter()
            .zip(values.iter())
            .enumerate()
            .map(|(i, (label, value))| {
                let focus = i == field;
                let style = if focus { theme::selected() } else { Style::new() };
                Line::from(vec![
                    Span::styled(if focus { "› " } else { "  " }, theme::key()),
                    Span::raw(pad_to_cells(label, label_w, Align::Left)),
                    Span::raw("  "),
                    Span::styled(format!("‹ {} ›", pad_to_cells(value, 12, Align::Left)), style),
                ])
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(tr!(lang, FIELD_VALUE_C_CLEAR_ENTER_CLOSE), theme::dim()));
        lines.push(Line::styled(format!("{} {}", format_count(self.total), tr!(lang, ALERTS_MATCH)), theme::muted()));
        let w = lines.iter().map(|l| spans_width(&l.spans)).max().unwrap_or(20) as u16 + 4;
        let rect = centered(body, w, lines.len() as u16 + 2);
        if rect.width < 3 || rect.height < 3 {
            return crate::tui::widgets::too_small(frame, body, lang);
        }
        let inner = rect.width.saturating_sub(2) as usize;
        let lines: Vec<Line<'static>> = lines.into_iter().map(|l| fit_line(l, inner)).collect();
        clear_popup(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr!(lang, FILTER_ALERTS)));
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}

/// A line cut to `cells` (whole glyphs).
fn fit_line(line: Line<'static>, cells: usize) -> Line<'static> {
    if spans_width(&line.spans) <= cells {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for s in line.spans {
        let room = cells.saturating_sub(used);
        if room == 0 {
            break;
        }
        let text = truncate_to_cells(&s.content, room);
        used += width(&text);
        spans.push(Span::styled(text, s.style));
    }
    Line::from(spans)
}

/// The note popup: what is recorded, on which alert, the input with its cursor at the cell
/// position (the IME window follows it), and why the last Enter was refused.
fn render_note(note: &NotePopup, ctx: &Ctx, body: Rect, frame: &mut Frame) {
    let lang = ctx.lang();
    let a = &note.alert;
    let w = body.width.saturating_sub(4).clamp(10, 76);
    let rect = centered(body, w, 8);
    if rect.width < 6 || rect.height < 5 {
        return crate::tui::widgets::too_small(frame, body, lang);
    }
    let inner = rect.width.saturating_sub(2) as usize;
    let who = format!("{} {} · {}", a.customer_name, a.customer_id, rule_label(a.rule, lang));
    let prompt = format!("{} ", tr!(lang, NOTE_SHUOMING));
    let field = inner.saturating_sub(width(&prompt) + 1).max(1);
    let scroll = note.input.scroll_cells(field);
    let visible = crate::domain::text::skip_cells(note.input.text(), scroll);
    let mut lines = vec![
        Line::styled(truncate_to_cells(&who, inner), theme::title()),
        Line::raw(fit_text(a.message(lang), inner)),
        Line::raw(""),
        Line::from(vec![Span::styled(prompt.clone(), theme::key()), Span::raw(truncate_to_cells(&visible, field))]),
    ];
    match &note.error {
        Some(e) => lines.push(Line::styled(truncate_to_cells(e, inner), theme::error())),
        None => {
            lines.push(Line::styled(truncate_to_cells(tr!(lang, ENTER_SAVE_KEPT_WITH_WHO_AND), inner), theme::dim()))
        }
    }
    clear_popup(frame, rect);
    let title = format!(" {} ", note.kind.title(lang));
    let block = Block::default().borders(Borders::ALL).title(crate::tui::widgets::box_title(&[title], rect.width));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    // the cursor at the cell position of the input
    let x = rect.x as usize + 1 + width(&prompt) + note.input.cursor_cells().saturating_sub(scroll);
    let y = rect.y + 4;
    if y < rect.bottom().saturating_sub(1) {
        frame.set_cursor_position((x.min(rect.right().saturating_sub(2) as usize) as u16, y));
    }
}
