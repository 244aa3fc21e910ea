//! Reusable pieces: the priority-column table, the one-line input, popups and the help popup.

pub mod help;
pub mod input;
pub mod table;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;

/// The one-row rect `row` of `area`, or `None` when the area has no such row or no width.
pub fn row_rect(area: Rect, row: u16) -> Option<Rect> {
    (row < area.height && area.width > 0).then(|| Rect { x: area.x, y: area.y + row, width: area.width, height: 1 })
}

/// Draws `line` on row `row` of `area` (nothing if outside).
pub fn put_line(frame: &mut Frame, area: Rect, row: u16, line: Line<'_>) {
    if let Some(r) = row_rect(area, row) {
        frame.render_widget(line, r);
    }
}

/// A `width × height` rect centred in `area`, clamped to it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears `rect` for a popup. A wide glyph just left of the popup whose right half would be
/// covered is blanked too, so no half glyph is left on screen.
pub fn clear_popup(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 || rect.width == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let left = (rect.x - 1, y);
        if buf.area.contains(left.into()) && crate::domain::text::width(buf[left].symbol()) > 1 {
            buf[left].set_symbol(" ");
        }
    }
}

/// Width in cells of a run of spans.
pub fn spans_width(spans: &[ratatui::text::Span<'_>]) -> usize {
    spans.iter().map(|s| crate::domain::text::width(&s.content)).sum()
}

/// Joins `segments` (each a run of spans, most important first) with `sep`, leaving out any
/// segment that would overflow `width`, so a narrow terminal loses whole facts, never half a glyph.
pub fn fit_segments(
    segments: Vec<Vec<ratatui::text::Span<'static>>>,
    sep: &'static str,
    width: usize,
) -> Line<'static> {
    let sep_w = crate::domain::text::width(sep);
    let mut used = 0usize;
    let mut out: Vec<ratatui::text::Span<'static>> = Vec::new();
    for seg in segments {
        let w = spans_width(&seg);
        let extra = if out.is_empty() { w } else { w + sep_w };
        if used + extra > width {
            continue;
        }
        if !out.is_empty() {
            out.push(ratatui::text::Span::raw(sep));
        }
        used += extra;
        out.extend(seg);
    }
    Line::from(out)
}
