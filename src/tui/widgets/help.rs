//! The `?` popup: every key of the focused context and the global keys, generated from the
//! keymap tables (descriptions in the session's language). On a terminal too short for all of
//! them it scrolls (`j`/`k`, `↓`/`↑`) and says there is more.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{centered, clear_popup, spans_width};
use crate::domain::text::{Align, pad_to_cells, width};
use crate::session::Lang;
use crate::tui::keymap::Context;
use crate::tui::theme;

/// The help lines for `ctx` (its keys, then the global keys).
pub fn lines(ctx: Context, lang: Lang) -> Vec<Line<'static>> {
    let sections: Vec<Context> =
        // the interview takes no global key but `?` and Ctrl-C: its help lists its own keys only
        if ctx == Context::Global || ctx.is_interview() { vec![ctx] } else { vec![ctx, Context::Global] };
    let key_width =
        sections.iter().flat_map(|c| c.bindings().iter()).map(|b| width(&b.keys_label())).max().unwrap_or(0).min(24);
    let mut out = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(section.title(lang).to_string(), theme::header()));
        for binding in section.bindings() {
            out.push(Line::from(vec![
                Span::styled(pad_to_cells(&binding.keys_label(), key_width, Align::Left), theme::key()),
                Span::raw("  "),
                Span::raw(binding.describe(lang).to_string()),
            ]));
        }
    }
    out
}

/// How far the help of `ctx` can scroll on a terminal `height` rows tall (0 when it all fits).
pub fn max_scroll(ctx: Context, lang: Lang, height: u16) -> usize {
    lines(ctx, lang).len().saturating_sub(height.saturating_sub(2) as usize)
}

/// Draws the popup centred in `area`, from line `scroll` on (clamped).
pub fn render(frame: &mut Frame, area: Rect, ctx: Context, lang: Lang, scroll: usize) {
    let lines = lines(ctx, lang);
    let content_w = lines.iter().map(|l| spans_width(&l.spans)).max().unwrap_or(10) as u16;
    let rect = centered(area, content_w.saturating_add(4), (lines.len() as u16).saturating_add(2));
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    clear_popup(frame, rect);
    let visible = rect.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let more_below = scroll + visible < lines.len();
    let hint = match (scroll > 0, more_below) {
        (_, true) => tr!(lang, J_MORE_OTHER_KEYS_CLOSE),
        (true, false) => tr!(lang, K_BACK_OTHER_KEYS_CLOSE),
        (false, false) => tr!(lang, ANY_KEY_CLOSES),
    };
    let title = format!(" {} · {} ", tr!(lang, HELP_BANGZHU), ctx.title(lang));
    let block = Block::default().borders(Borders::ALL).title(title).title_bottom(hint);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown).block(block), rect);
}
