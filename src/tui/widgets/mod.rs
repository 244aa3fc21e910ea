//! Reusable pieces: the priority-column table, the one-line input, popups and the help popup.

pub mod charts;
pub mod cursor;
pub mod help;
pub mod input;
pub mod manager_picker;
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

/// What an open popup draws when `area` is too small for it: `窗口太小` / `Too small` on a
/// cleared middle row (cut to the width), so a popup that takes the keys is never invisible.
pub fn too_small(frame: &mut Frame, area: Rect, lang: crate::session::Lang) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let row = Rect { y: area.y + area.height / 2, height: 1, ..area };
    clear_popup(frame, row);
    let text = crate::domain::text::truncate_to_cells(tr!(lang, TOO_SMALL), area.width as usize);
    let pad = (area.width as usize).saturating_sub(crate::domain::text::width(&text)) / 2;
    frame.render_widget(Line::styled(format!("{}{text}", " ".repeat(pad)), crate::tui::theme::warn()), row);
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

/// Items in order, each carrying its own leading separator, up to the first one that does not
/// fit `width`: a narrow terminal loses whole items from the right, never part of one.
pub fn fit_leading(items: Vec<Vec<ratatui::text::Span<'static>>>, width: usize) -> Line<'static> {
    let mut used = 0usize;
    let mut out: Vec<ratatui::text::Span<'static>> = Vec::new();
    for item in items {
        let w = spans_width(&item);
        if used + w > width {
            break;
        }
        used += w;
        out.extend(item);
    }
    Line::from(out)
}

/// `text` if it fits `cells`; else its leading whole words (split at spaces) and ` …`, so no
/// word or figure is ever cut; `…` alone when not even the first word fits (empty for 0 cells).
pub fn fit_words(text: &str, cells: usize) -> String {
    use crate::domain::text::width;
    if width(text) <= cells {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let candidate = if out.is_empty() { word.to_string() } else { format!("{out} {word}") };
        // room for ` …` after it (the text goes on)
        if width(&candidate) + 2 > cells {
            break;
        }
        out = candidate;
    }
    let out = out.trim_end();
    match (out.is_empty(), cells) {
        (_, 0) => String::new(),
        (true, _) => "…".into(),
        (false, _) => format!("{out} …"),
    }
}

/// The first of `forms` that fits a box `outer` cells wide (inside its corners), else none: a
/// box title is never cut.
pub fn box_title(forms: &[String], outer: u16) -> String {
    let room = outer.saturating_sub(2) as usize;
    forms.iter().find(|f| crate::domain::text::width(f) <= room).cloned().unwrap_or_default()
}

/// `text` cut to `cells` with `…` (whole glyphs), backing off so that no figure is cut inside:
/// `占资产 56.3% > 50%` in 12 cells is `占资产 …`, never `占资产 5…` (nor `占资产 56.3%…`, which
/// reads as cut).
pub fn fit_text(text: &str, cells: usize) -> String {
    use crate::domain::text::{truncate_to_cells, width};
    if width(text) <= cells {
        return text.to_string();
    }
    let cut = truncate_to_cells(text, cells);
    let kept = cut.strip_suffix('…').unwrap_or(&cut);
    let figure = |c: char| c.is_ascii_digit() || ",.%-+:".contains(c);
    // a figure just before the `…` would read as cut even when whole: it goes too
    if kept.chars().last().is_some_and(figure) {
        let trimmed = kept.trim_end_matches(figure);
        return format!("{trimmed}…");
    }
    cut
}

/// A message for the status bar: [`fit_words`], except that a first word without digits that
/// does not fit (a sentence of CJK text has no spaces) is cut inside, ending in `…`.
pub fn fit_message(text: &str, cells: usize) -> String {
    let fitted = fit_words(text, cells);
    let first = text.split(' ').next().unwrap_or("");
    if fitted == "…" && !first.chars().any(|c| c.is_ascii_digit()) {
        return crate::domain::text::truncate_to_cells(first, cells);
    }
    fitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_text_never_cuts_a_figure() {
        assert_eq!(fit_text("占资产 56.3% > 50%", 30), "占资产 56.3% > 50%");
        assert_eq!(fit_text("占资产 56.3% > 50%", 9), "占资产 …");
        assert_eq!(fit_text("占资产 56.3% > 50%", 13), "占资产 …");
        assert_eq!(fit_text("贵州茅台(600519)", 12), "贵州茅台(…");
        assert_eq!(fit_text("最近发现 2026-11-29 · a", 15), "最近发现 …");
    }
    use crate::domain::text::width;

    #[test]
    fn fit_words_keeps_whole_words() {
        let reason = "资产总值 612.3万 ≥ 500.0万（统计日 2026-11-27）";
        assert_eq!(fit_words(reason, 100), reason);
        assert_eq!(fit_words(reason, 19), "资产总值 612.3万 …");
        assert_eq!(fit_words(reason, 16), "资产总值 …");
        assert_eq!(fit_words(reason, 5), "…");
        assert_eq!(fit_message(reason, 5), "资产…");
        assert_eq!(fit_message("612.3万 ≥ 500万", 5), "…");
        assert_eq!(fit_message("数据库正忙（可能正在导入），请稍后再试", 10), "数据库正…");
        assert_eq!(fit_words("x", 0), "");
        for cells in 0..50 {
            assert!(width(&fit_words(reason, cells)) <= cells, "{cells}");
            assert!(width(&fit_message(reason, cells)) <= cells, "{cells}");
        }
    }

    #[test]
    fn fit_leading_stops_at_the_first_item_that_does_not_fit() {
        use ratatui::text::Span;
        let items = || vec![vec![Span::raw("合计")], vec![Span::raw(" 3,000 位")], vec![Span::raw(" 1")]];
        let text = |l: Line| l.spans.iter().map(|s| s.content.to_string()).collect::<String>();
        assert_eq!(text(fit_leading(items(), 20)), "合计 3,000 位 1");
        assert_eq!(text(fit_leading(items(), 14)), "合计 3,000 位");
        assert_eq!(text(fit_leading(items(), 12)), "合计");
        assert_eq!(text(fit_leading(items(), 3)), "");
    }
}
