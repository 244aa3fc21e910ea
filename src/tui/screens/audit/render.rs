//! Drawing the 审计 screen: a pure function of [`AuditState`] (nothing is read here).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{AuditState, EditField};
use crate::domain::text::{Align, truncate_to_cells};
use crate::session::Lang;
use crate::store::audit::{self, AuditFilter, AuditRow};
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{fit_leading, fit_text, put_line};

/// Columns of the table.
pub const COLUMNS: [ColSpec; 6] = [
    ColSpec::new("时间", "Time", 16, Align::Left),
    ColSpec::new("操作人", "Who", 10, Align::Left),
    ColSpec::new("操作", "Action", 8, Align::Left),
    ColSpec::new("客户", "Customer", 8, Align::Left),
    ColSpec::new("对象", "Entity", 20, Align::Left),
    ColSpec::new("变更 旧 → 新", "Old → new", 24, Align::Left).short("变更", "Change"),
];
const C_CHANGE: usize = 5;
/// How the table gives way: the entity goes first (the line under the table shows it), then the
/// time and the person narrow, the change narrows, the customer goes.
const STEPS: [Step; 6] = [
    Step::Drop(4),
    Step::Narrow(0, 11),
    Step::Narrow(1, 8),
    Step::Narrow(C_CHANGE, 12),
    Step::Drop(3),
    Step::Narrow(C_CHANGE, 8),
];

/// `2026-11-29 10:00` (China time) of a row, and its short form `11-29 10:00`.
fn time_forms(r: &AuditRow) -> Vec<String> {
    match r.instant() {
        Some(t) => {
            let local = t.with_timezone(&crate::clock::china_offset());
            vec![local.format("%Y-%m-%d %H:%M").to_string(), local.format("%m-%d %H:%M").to_string()]
        }
        None => vec![r.at.clone()],
    }
}

/// The change in words (report/audit.rs), managers by name.
fn change_text(r: &AuditRow, ctx: &Ctx) -> String {
    crate::report::audit::change_text(r, &|id| Some(ctx.manager_label(id)), ctx.lang())
}

use crate::report::audit::entity_label;

impl AuditState {
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            put_line(frame, body, 1, Line::styled(format!("  {}", tr!(lang, THE_AUDIT_LOG_IS_FOR_THE)), theme::dim()));
            return;
        }
        let mut items: Vec<Vec<Span<'static>>> = vec![vec![Span::styled(tr!(lang, AUDIT_LOG), theme::title())]];
        for chip in self.chips(ctx) {
            items.push(vec![Span::raw("  "), Span::styled(chip, theme::warn())]);
        }
        items.push(vec![Span::styled(
            format!("  {} {}", crate::domain::money::format_count(self.total), tr!(lang, ENTRIES)),
            theme::muted(),
        )]);
        items.push(vec![Span::styled(format!("  {}", tr!(lang, P_WHO_CUSTOMER_A_ACTION_T)), theme::dim())]);
        put_line(frame, body, 0, fit_leading(items, body.width as usize));

        let table_h = (Self::table_rows(body) + 1) as u16;
        let area = Rect { y: body.y.saturating_add(1), height: table_h.min(body.height.saturating_sub(1)), ..body };
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let who = match &r.actor_name {
                    Some(n) => vec![crate::report::audit::who_text(r), n.clone()],
                    None => vec![r.actor.clone()],
                };
                let customer = r.customer_name.clone().unwrap_or_default();
                let entity = format!("{} {}", entity_label(&r.entity, lang), r.entity_id);
                vec![
                    Cell::forms(time_forms(r)),
                    Cell::forms(who),
                    Cell::new(audit::action_label(&r.action, lang)),
                    Cell::new(customer),
                    Cell::new(entity),
                    Cell::new(change_text(r, ctx)),
                ]
            })
            .collect();
        let fitted = table::fit_columns(&COLUMNS, &rows, &STEPS, Some((C_CHANGE, 200)), body.width, lang);
        let selected = self.selected.checked_sub(self.offset).filter(|i| *i < rows.len());
        table::render_fitted(frame, area, &COLUMNS, &fitted, lang, &rows, selected);
        if self.total == 0 {
            let text = if self.filter == AuditFilter::default() {
                tr!(lang, THE_AUDIT_LOG_IS_EMPTY)
            } else {
                tr!(lang, NO_ENTRY_MATCHES_C_CLEARS_THE)
            };
            put_line(frame, area, 2, Line::styled(format!("  {text}"), theme::dim()));
        }
        // the selected entry in full
        if let Some(r) = self.selected_row()
            && body.height >= 8
        {
            let w = body.width as usize;
            let panel = Rect { y: body.bottom().saturating_sub(2), height: 2, ..body };
            let head = format!(
                "{} · {} · {} {} · {}",
                time_forms(r)[0],
                ctx.manager_label(&r.actor),
                entity_label(&r.entity, lang),
                r.entity_id,
                change_text(r, ctx)
            );
            put_line(frame, panel, 0, Line::styled(fit_text(&head, w), theme::title()));
            let id = format!("{} {}  {} {}", tr!(lang, RECORD), r.record_id, tr!(lang, INSTALLATION), r.installation);
            put_line(frame, panel, 1, Line::styled(truncate_to_cells(&id, w), theme::dim()));
        }
        if let Some((field, input)) = &self.editing {
            let prompt = match field {
                EditField::Customer => tr!(lang, CUSTOMER_NAME_OR_ACCOUNT),
                EditField::Dates => tr!(lang, DATES_FROM_TO),
            };
            input_line(frame, body, prompt, input, lang);
        }
        if let Some((_, picker)) = &self.picker {
            picker.render(frame, body, lang);
        }
    }
}

/// The text input on the summary row: prompt, text (scrolled so the cursor shows), a hint, and the
/// terminal cursor at the cell position of the input's cursor (the IME window follows it).
fn input_line(frame: &mut Frame, body: Rect, prompt: &str, input: &LineInput, lang: Lang) {
    use crate::domain::text::width;
    if body.height == 0 || body.width == 0 {
        return;
    }
    let room = (body.width as usize).saturating_sub(width(prompt) + 1).max(1);
    let scroll = input.scroll_cells(room);
    let text = truncate_to_cells(&crate::domain::text::skip_cells(input.text(), scroll), room);
    let hint = tr!(lang, ENTER_ACCEPT_ESC_CANCEL);
    let mut spans = vec![Span::styled(prompt.to_string(), theme::key()), Span::raw(text.clone())];
    let used = width(prompt) + width(&text);
    if used + width(hint) <= body.width as usize {
        spans.push(Span::styled(hint, theme::dim()));
    }
    let used = used + spans.get(2).map_or(0, |s| width(&s.content));
    spans.push(Span::raw(" ".repeat((body.width as usize).saturating_sub(used))));
    put_line(frame, body, 0, Line::from(spans));
    let x = body.x as usize + width(prompt) + input.cursor_cells().saturating_sub(scroll);
    frame.set_cursor_position((x.min(body.right().saturating_sub(1) as usize) as u16, body.y));
}
