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
                vec![Span::styled(format!("{:>3}{}", a.score, lang.pick("分", "pt")), style)],
                vec![Span::styled(level_name(a.level, lang), style)],
            ];
            if a.lowest {
                segs.push(vec![Span::styled(lang.pick("最低类别", "lowest"), theme::bad())]);
            }
            if expired && i == 0 {
                segs.push(vec![Span::styled(lang.pick("已过期", "expired"), theme::bad())]);
            }
            if i == 0 && d.assessment_status == AssessmentStatus::Expiring {
                segs.push(vec![Span::styled(lang.pick("将到期", "expiring"), theme::warn())]);
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
                    lang.pick("转为专业投资者", "to professional")
                }
                crate::domain::professional::Conversion::ToOrdinary => lang.pick("转为普通投资者", "to ordinary"),
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
            format!(" {} {} ", lang.pick("测评记录", "Assessments"), d.history.len()),
            format!(" {} ", lang.pick("测评", "Assessed")),
        ],
        area.width,
    );
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(lang.pick("未做过测评", "never assessed"), theme::warn())]
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
                "critical" => (lang.pick("严重", "crit"), theme::bad()),
                "warning" => (lang.pick("警告", "warn"), theme::warn()),
                _ => (lang.pick("提示", "info"), theme::muted()),
            };
            let label = if a.status == "acknowledged" {
                format!("{label}{} ", lang.pick("·已知悉", "·ack"))
            } else {
                format!("{label} ")
            };
            let room = (area.width as usize).saturating_sub(2 + crate::domain::text::width(&label));
            let text = if lang == Lang::En && !a.detail_en.is_empty() { &a.detail_en } else { &a.detail };
            Line::from(vec![Span::styled(label, style), Span::raw(crate::tui::widgets::fit_text(text, room))])
        })
        .collect();
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(lang.pick("无未处理预警", "no open alerts"), theme::dim())]
    } else {
        lines
    };
    let title = box_title(&[format!(" {} {} ", lang.pick("预警", "Alerts"), d.alerts.len())], area.width);
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
                None if c.on < today => (lang.pick("逾期", "overdue"), theme::bad()),
                None => (lang.pick("待办", "open"), theme::warn()),
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
                    items.push(vec![Span::raw(format!(" · {} {}", lang.pick("已尝试", "tries"), c.tries))])
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
        vec![Line::styled(lang.pick("无回访记录", "no callbacks"), theme::dim())]
    } else {
        lines
    };
    let title = box_title(
        &[
            format!(" {} · {} ", lang.pick("回访", "Callbacks"), lang.pick("l 记录回访", "l log a call")),
            format!(" {} ", lang.pick("回访", "Calls")),
        ],
        area.width,
    );
    frame.render_widget(Paragraph::new(body).block(Block::default().borders(Borders::ALL).title(title)), area);
}
