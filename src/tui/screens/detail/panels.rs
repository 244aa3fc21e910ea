//! The lower boxes of the customer detail: the assessment history, the open alerts and the
//! callbacks (open ones and the call log). Each is a pure function of the loaded detail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::level_name;
use crate::domain::risk::AssessmentStatus;
use crate::session::Lang;
use crate::store::detail::CustomerDetail;
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::{box_title, fit_leading, fit_segments, fit_words, spans_width};

pub(super) fn render_history(d: &CustomerDetail, ctx: &Ctx, area: Rect, frame: &mut Frame) {
    let lang = ctx.lang();
    let today = ctx.today();
    let lines: Vec<Line> = d
        .history
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let expired = a.valid_until < today;
            let style = if i == 0 && !expired {
                theme::title()
            } else if i == 0 {
                Style::new()
            } else {
                theme::dim()
            };
            let mut segs = vec![
                vec![Span::styled(a.assessed_on.to_string(), style)],
                vec![Span::styled(format!("{:>3}{}", a.score, tr!(lang, PT)), style)],
                vec![Span::styled(level_name(a.level, lang), style)],
            ];
            if a.lowest {
                segs.push(vec![Span::styled(tr!(lang, LOWEST_ZUIDILEIBIE_2), theme::bad())]);
            }
            if expired && i == 0 {
                segs.push(vec![Span::styled(tr!(lang, EXPIRED), theme::bad())]);
            }
            if i == 0 && d.assessment_status == AssessmentStatus::Expiring {
                segs.push(vec![Span::styled(tr!(lang, EXPIRING_JIANGDAOQI), theme::warn())]);
            }
            fit_segments(segs, "  ", area.width.saturating_sub(2) as usize)
        })
        .collect();
    // professional-investor conversions first (they decide whether a level applies at all)
    let lines: Vec<Line> = d
        .classifications
        .iter()
        .map(|c| {
            let to = match c.conversion {
                crate::domain::professional::Conversion::ToProfessional => {
                    tr!(lang, TO_PROFESSIONAL)
                }
                crate::domain::professional::Conversion::ToOrdinary => tr!(lang, TO_ORDINARY),
            };
            fit_segments(
                vec![
                    vec![Span::styled(c.decided_on.to_string(), theme::muted())],
                    vec![Span::styled(to.to_string(), theme::good())],
                    vec![Span::styled(c.criterion.clone(), theme::dim())],
                ],
                "  ",
                area.width.saturating_sub(2) as usize,
            )
        })
        .chain(lines)
        .collect();
    let title = box_title(
        &[
            format!(" {} {} ", tr!(lang, ASSESSMENTS_CEPINGJILU), d.history.len()),
            format!(" {} ", tr!(lang, ASSESSED_CAP)),
        ],
        area.width,
    );
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(tr!(lang, NEVER_ASSESSED_WEIZUOGUOCE), theme::warn())]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(body).block(Block::default().borders(Borders::ALL).title(title)), area);
}

pub(super) fn render_alerts(d: &CustomerDetail, ctx: &Ctx, area: Rect, frame: &mut Frame) {
    let lang = ctx.lang();
    let lines: Vec<Line> = d
        .alerts
        .iter()
        .map(|a| {
            let (label, style) = match a.severity.as_str() {
                "critical" => (tr!(lang, CRIT), theme::bad()),
                "warning" => (tr!(lang, WARN), theme::warn()),
                _ => (tr!(lang, INFO), theme::muted()),
            };
            let label = if a.status == "acknowledged" {
                format!("{label}{} ", tr!(lang, ACK))
            } else {
                format!("{label} ")
            };
            let room = (area.width as usize).saturating_sub(2 + crate::domain::text::width(&label));
            let text = if lang == Lang::En && !a.detail_en.is_empty() { &a.detail_en } else { &a.detail };
            Line::from(vec![Span::styled(label, style), Span::raw(crate::tui::widgets::fit_text(text, room))])
        })
        .collect();
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(tr!(lang, NO_OPEN_ALERTS), theme::dim())]
    } else {
        lines
    };
    let title = box_title(&[format!(" {} {} ", tr!(lang, ALERTS), d.alerts.len())], area.width);
    frame.render_widget(Paragraph::new(body).block(Block::default().borders(Borders::ALL).title(title)), area);
}

pub(super) fn render_callbacks(d: &CustomerDetail, ctx: &Ctx, area: Rect, frame: &mut Frame) {
    let lang = ctx.lang();
    let today = ctx.today();
    let lines: Vec<Line> = d
        .callbacks
        .iter()
        .flat_map(|c| {
            let status = match c.logged {
                None if c.on < today => (tr!(lang, OVERDUE_YUQI), theme::bad()),
                None => (tr!(lang, OPEN_DAIBAN), theme::warn()),
                Some((_, o)) if o.is_contact() => (lang.pick(o.label_zh(), o.label_en()), theme::good()),
                Some((_, o)) => (lang.pick(o.label_zh(), o.label_en()), theme::warn()),
            };
            // whole items from the left as far as they fit; the note (free text) keeps whole words
            let room = (area.width as usize).saturating_sub(2);
            let mut items = vec![vec![Span::raw(format!("{} ", c.on)), Span::styled(status.0, status.1)]];
            if let Some(r) = c.reason {
                items.push(vec![Span::raw(format!(" {}", lang.pick(r.label_zh(), r.label_en())))]);
            }
            match c.logged {
                Some((ch, _)) => items.push(vec![Span::raw(format!(" · {}", lang.pick(ch.label_zh(), ch.label_en())))]),
                None if c.tries > 0 => {
                    items.push(vec![Span::raw(format!(" · {} {}", tr!(lang, TRIES_YICHANGSHI), c.tries))])
                }
                None => {}
            }
            let all_w: usize = items.iter().map(|i| spans_width(i)).sum();
            let mut line = fit_leading(items, room);
            let used = spans_width(&line.spans);
            let mut out = Vec::with_capacity(2);
            if !c.note.is_empty() {
                let inline = fit_words(&c.note, room.saturating_sub(used + 3));
                if used == all_w && inline == c.note {
                    line.spans.push(Span::raw(format!(" · {inline}")));
                    out.push(line);
                } else {
                    // the note on its own line, as much as fits
                    out.push(line);
                    out.push(Line::styled(format!("  {}", fit_words(&c.note, room.saturating_sub(2))), theme::muted()));
                }
            } else {
                out.push(line);
            }
            out
        })
        .collect();
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(tr!(lang, NO_CALLBACKS), theme::dim())]
    } else {
        lines
    };
    let title = box_title(
        &[
            format!(" {} · {} ", tr!(lang, CALLBACKS), tr!(lang, L_LOG_A_CALL)),
            format!(" {} ", tr!(lang, CALLS)),
        ],
        area.width,
    );
    frame.render_widget(Paragraph::new(body).block(Block::default().borders(Borders::ALL).title(title)), area);
}
