//! Horizontal bar charts of the 分级分类 screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::domain::text::{Align, pad_to_cells};
use crate::tui::theme;
use crate::tui::widgets::{box_title, put_line};

/// One bar of a chart: its label, the value it measures and the value as shown.
#[derive(Debug, Clone)]
pub struct ChartBar {
    pub label: String,
    pub value: i64,
    pub text: String,
    pub style: Style,
}

/// Cells of a bar for `value` when `max` fills `width`: `round(value / max × width)`, and at least
/// one cell for any value above zero (nothing for zero or less, or when `max` is not positive).
pub fn bar_cells(value: i64, max: i64, width: usize) -> usize {
    if value <= 0 || max <= 0 || width == 0 {
        return 0;
    }
    let (v, m, w) = (value.min(max) as i128, max as i128, width as i128);
    let cells = (2 * v * w + m) / (2 * m); // rounded half up
    (cells as usize).clamp(1, width)
}

/// A bordered horizontal bar chart: per bar its label, the bar (proportional to its value, see
/// [`bar_cells`]) and its value after the bar. The title takes the first of `titles` that fits;
/// the values go when there is no room for them beside a bar; a gap line between bars when the
/// height allows.
pub fn render_bars(frame: &mut Frame, area: Rect, titles: &[String], bars: &[ChartBar]) {
    let text_w = crate::domain::text::width;
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner_w = area.width as usize - 2;
    let title = box_title(titles, area.width);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = bars.iter().map(|b| text_w(&b.label)).max().unwrap_or(0);
    let value_w = bars.iter().map(|b| text_w(&b.text)).max().unwrap_or(0);
    let with_values = inner_w >= label_w + 1 + 1 + 1 + value_w;
    let bar_w = if with_values { inner_w - label_w - 2 - value_w } else { inner_w.saturating_sub(label_w + 1) };
    if bar_w == 0 {
        return;
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let n = bars.len();
    let gap = usize::from(n > 0 && inner.height as usize >= 2 * n - 1);
    for (i, bar) in bars.iter().enumerate() {
        let row = i * (1 + gap);
        if row >= inner.height as usize {
            break;
        }
        let cells = bar_cells(bar.value, max, bar_w);
        let mut spans = vec![
            Span::styled(pad_to_cells(&bar.label, label_w, Align::Left), bar.style),
            Span::raw(" "),
            Span::styled("█".repeat(cells), bar.style),
        ];
        if with_values {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(bar.text.clone(), theme::title()));
        }
        put_line(frame, inner, row as u16, Line::from(spans));
    }
}

#[cfg(test)]
mod tests {
    use super::bar_cells;

    #[test]
    fn bars_are_rounded_shares_of_the_width_at_least_one_cell() {
        // the QA figures, in tenths of 万, over a 38-cell bar
        assert_eq!(bar_cells(1_105_399, 1_105_399, 38), 38);
        assert_eq!(bar_cells(152_998, 1_105_399, 38), 5); // 5.26
        assert_eq!(bar_cells(345_573, 1_105_399, 38), 12); // 11.88
        assert_eq!(bar_cells(211_670, 1_322_084, 38), 6); // 6.08
        assert_eq!(bar_cells(55_660, 1_322_084, 38), 2); // 1.60
        assert_eq!(bar_cells(1, 1_000_000, 38), 1, "a non-zero value shows");
        assert_eq!(bar_cells(1, 2, 3), 2, "1.5 rounds up");
        assert_eq!(bar_cells(0, 10, 38), 0);
        assert_eq!(bar_cells(-5, 10, 38), 0);
        assert_eq!(bar_cells(5, 0, 38), 0);
        assert_eq!(bar_cells(5, 10, 0), 0);
        assert_eq!(bar_cells(i64::MAX, i64::MAX, 1000), 1000);
    }
}
