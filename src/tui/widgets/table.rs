//! A table drawn from an already-windowed slice of rows, with columns that give way by priority
//! when the terminal is narrow (drop, narrow or compact low-priority columns first). All cutting
//! and padding goes through `domain::text`, so CJK names align by display width.
//!
//! Columns are either fixed (a preferred width, narrowed by [`Step::Narrow`]) or sized from their
//! content ([`ColSpec::content`]: as wide as their widest cell, never cut; [`Step::Compact`]
//! switches the whole column to its cells' next, shorter form, e.g. `110,884,123` → `11,088.4万`,
//! so one column never mixes forms because of width).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::put_line;
use crate::domain::text::{Align, pad_to_cells, truncate_to_cells, width};
use crate::session::Lang;
use crate::tui::theme;

/// One column: title (and a short one for when it is narrowed), preferred width in cells, alignment.
#[derive(Debug, Clone, Copy)]
pub struct ColSpec {
    pub zh: &'static str,
    pub en: &'static str,
    pub short_zh: &'static str,
    pub short_en: &'static str,
    pub width: u16,
    pub align: Align,
    /// Sized from the cells (see [`fit_columns`]); `width` is then the least width while the
    /// column shows its longest forms.
    pub content: bool,
}

impl ColSpec {
    pub const fn new(zh: &'static str, en: &'static str, width: u16, align: Align) -> ColSpec {
        ColSpec { zh, en, short_zh: zh, short_en: en, width, align, content: false }
    }
    /// A column as wide as its widest cell (at the column's form level) or its short title.
    pub const fn content(mut self) -> ColSpec {
        self.content = true;
        self
    }
    /// The title used when the full one does not fit.
    pub const fn short(mut self, zh: &'static str, en: &'static str) -> ColSpec {
        self.short_zh = zh;
        self.short_en = en;
        self
    }
}

/// One step of giving way when the columns do not fit, applied in order until they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Hide column `i`.
    Drop(usize),
    /// Narrow column `i` to this many cells.
    Narrow(usize, u16),
    /// Show column `i` in its cells' next shorter form (a content column shrinks to fit it).
    Compact(usize),
}

/// Cells between columns.
pub const GAP: u16 = 1;

/// The width of each column (`None` = hidden) for `avail` cells: preferred widths, then `steps`
/// until they fit; spare cells go to `grow = (column, up to width)`.
pub fn layout(specs: &[ColSpec], steps: &[Step], grow: Option<(usize, u16)>, avail: u16) -> Vec<Option<u16>> {
    fit_with(specs, steps, grow, avail, |i, _| specs[i].width).widths
}

/// Column widths (`None` = hidden) and the form level of each column's cells (0 = the longest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub widths: Vec<Option<u16>>,
    pub levels: Vec<usize>,
}

/// [`layout`] for columns that may be sized from `rows` (all the rows the table can show, not
/// just the visible window, so widths do not jump while scrolling): content columns start as
/// wide as their longest forms, then `steps` apply until the table fits `avail`
/// ([`Step::Compact`] moves a column to its next form level); spare cells go to `grow`.
pub fn fit_columns(
    specs: &[ColSpec],
    rows: &[Vec<Cell>],
    steps: &[Step],
    grow: Option<(usize, u16)>,
    avail: u16,
    lang: Lang,
) -> Fitted {
    // at level 0 the preferred width is a minimum (columns keep their usual spacing when there
    // is room); compacted, a column is exactly as wide as its cells or its short title
    let content_width = |i: usize, level: usize| -> u16 {
        let spec = &specs[i];
        if rows.is_empty() {
            return spec.width;
        }
        let title = width(lang.pick(spec.short_zh, spec.short_en));
        let cells = rows.iter().filter_map(|r| r.get(i)).map(|c| width(c.form_at(level))).max().unwrap_or(0);
        let floor = if level == 0 { spec.width as usize } else { 1 };
        title.max(cells).max(floor).min(u16::MAX as usize) as u16
    };
    fit_with(specs, steps, grow, avail, content_width)
}

/// The fitting both [`layout`] and [`fit_columns`] do, with `content_width(column, level)` the
/// width of a content column at a form level.
fn fit_with(
    specs: &[ColSpec],
    steps: &[Step],
    grow: Option<(usize, u16)>,
    avail: u16,
    content_width: impl Fn(usize, usize) -> u16,
) -> Fitted {
    let mut levels = vec![0usize; specs.len()];
    let mut widths: Vec<Option<u16>> =
        specs.iter().enumerate().map(|(i, s)| Some(if s.content { content_width(i, 0) } else { s.width })).collect();
    for step in steps {
        if total(&widths) <= avail as usize {
            break;
        }
        // a step for a column this table does not have (a shorter variant of the same table,
        // e.g. without the manager column) is skipped, never an index out of bounds
        let (Step::Drop(i) | Step::Narrow(i, _) | Step::Compact(i)) = *step;
        if i >= specs.len() {
            continue;
        }
        match *step {
            Step::Drop(i) => widths[i] = None,
            Step::Narrow(i, w) => {
                if let Some(cur) = widths[i].as_mut() {
                    *cur = (*cur).min(w);
                }
            }
            Step::Compact(i) => {
                levels[i] += 1;
                if specs[i].content
                    && let Some(cur) = widths[i].as_mut()
                {
                    *cur = (*cur).min(content_width(i, levels[i]));
                }
            }
        }
    }
    drop_from_right(&mut widths, avail);
    if let Some((i, max)) = grow {
        let used = total(&widths);
        if let Some(cur) = widths[i].as_mut()
            && used < avail as usize
        {
            let spare = (avail as usize - used) as u16;
            *cur = (*cur + spare).min(max.max(*cur));
        }
    }
    Fitted { widths, levels }
}

/// The last resort when every step was taken and the columns still overflow `avail`: whole
/// columns go from the right (a row is never cut at the edge of the screen, which could cut a
/// figure); the first column left narrows to `avail` (its text cut with `…`).
fn drop_from_right(widths: &mut [Option<u16>], avail: u16) {
    while total(widths) > avail as usize && widths.iter().flatten().count() > 1 {
        if let Some(last) = widths.iter_mut().rev().find(|w| w.is_some()) {
            *last = None;
        }
    }
    if let Some(only) = widths.iter_mut().flatten().next()
        && *only > avail
    {
        *only = avail;
    }
}

/// Cells taken by the visible columns and the gaps between them.
pub fn total(widths: &[Option<u16>]) -> usize {
    let shown: Vec<u16> = widths.iter().flatten().copied().collect();
    shown.iter().map(|w| *w as usize).sum::<usize>() + shown.len().saturating_sub(1) * GAP as usize
}

/// A cell: alternative texts from longest to shortest (the first that fits is shown, else the
/// last one cut with `…`) and a style.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub forms: Vec<String>,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { forms: vec![text.into()], style: Style::new() }
    }
    pub fn forms(forms: Vec<String>) -> Cell {
        Cell { forms, style: Style::new() }
    }
    pub fn style(mut self, style: Style) -> Cell {
        self.style = style;
        self
    }
    /// The form of `level` (the last one when there are fewer).
    pub fn form_at(&self, level: usize) -> &str {
        self.forms.get(level).or(self.forms.last()).map(String::as_str).unwrap_or("")
    }
    /// The text shown in `cells` cells from form `level` on.
    pub fn fit_at(&self, level: usize, cells: usize) -> String {
        let from = level.min(self.forms.len().saturating_sub(1));
        fit(self.forms.get(from..).unwrap_or_default(), cells)
    }
}

/// The first of `forms` no wider than `cells`, else the last one truncated.
pub fn fit(forms: &[String], cells: usize) -> String {
    forms
        .iter()
        .find(|f| width(f) <= cells)
        .cloned()
        .unwrap_or_else(|| truncate_to_cells(forms.last().map(String::as_str).unwrap_or(""), cells))
}

/// The header line.
pub fn header_line(specs: &[ColSpec], widths: &[Option<u16>], lang: Lang) -> Line<'static> {
    let cells: Vec<Cell> = specs
        .iter()
        .map(|s| Cell::forms(vec![lang.pick(s.zh, s.en).to_string(), lang.pick(s.short_zh, s.short_en).to_string()]))
        .collect();
    row_line(specs, widths, &cells, theme::header())
}

/// One row as a line: each visible cell padded to its column, gaps between.
pub fn row_line(specs: &[ColSpec], widths: &[Option<u16>], cells: &[Cell], row_style: Style) -> Line<'static> {
    row_line_at(specs, widths, &[], cells, row_style)
}

/// [`row_line`] with each column's cells shown from their form `levels[i]` on (missing = 0).
pub fn row_line_at(
    specs: &[ColSpec],
    widths: &[Option<u16>],
    levels: &[usize],
    cells: &[Cell],
    row_style: Style,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(specs.len() * 2);
    let mut first = true;
    for (i, spec) in specs.iter().enumerate() {
        let Some(w) = widths.get(i).copied().flatten() else { continue };
        if !first {
            spans.push(Span::raw(" ".repeat(GAP as usize)));
        }
        first = false;
        let cell = cells.get(i).cloned().unwrap_or_default();
        let level = levels.get(i).copied().unwrap_or(0);
        spans.push(Span::styled(pad_to_cells(&cell.fit_at(level, w as usize), w as usize, spec.align), cell.style));
    }
    Line::from(spans).style(row_style)
}

/// Draws a header and `rows` (already the visible window) into `area`; `selected` is an index
/// into `rows`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    specs: &[ColSpec],
    widths: &[Option<u16>],
    lang: Lang,
    rows: &[Vec<Cell>],
    selected: Option<usize>,
) {
    let fitted = Fitted { widths: widths.to_vec(), levels: Vec::new() };
    render_fitted(frame, area, specs, &fitted, lang, rows, selected);
}

/// [`render`] with the form levels of [`fit_columns`].
pub fn render_fitted(
    frame: &mut Frame,
    area: Rect,
    specs: &[ColSpec],
    fitted: &Fitted,
    lang: Lang,
    rows: &[Vec<Cell>],
    selected: Option<usize>,
) {
    let widths = fitted.widths.as_slice();
    put_line(frame, area, 0, header_line(specs, widths, lang));
    for (i, cells) in rows.iter().enumerate() {
        let Ok(row) = u16::try_from(i + 1) else { break };
        if row >= area.height {
            break;
        }
        let style = if selected == Some(i) { theme::selected() } else { Style::new() };
        let mut line = row_line_at(specs, widths, &fitted.levels, cells, style);
        if selected == Some(i) {
            // fill the whole row width so the highlight reads as a bar
            let used = total(widths);
            let pad = (area.width as usize).saturating_sub(used);
            line.spans.push(Span::raw(" ".repeat(pad)));
        }
        put_line(frame, area, row, line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: [ColSpec; 3] = [
        ColSpec::new("姓名", "Name", 8, Align::Left),
        ColSpec::new("证件号", "ID", 18, Align::Left),
        ColSpec::new("资产", "Assets", 10, Align::Right),
    ];

    #[test]
    fn steps_for_columns_the_table_lacks_are_skipped() {
        let steps = [Step::Drop(7), Step::Narrow(9, 2), Step::Compact(5), Step::Drop(1)];
        assert_eq!(layout(&SPECS, &steps, None, 20), vec![Some(8), None, Some(10)]);
    }

    #[test]
    fn gives_way_in_order_and_grows() {
        let steps = [Step::Drop(1), Step::Narrow(2, 6)];
        assert_eq!(layout(&SPECS, &steps, None, 80), vec![Some(8), Some(18), Some(10)]);
        assert_eq!(layout(&SPECS, &steps, None, 20), vec![Some(8), None, Some(10)]);
        assert_eq!(layout(&SPECS, &steps, None, 15), vec![Some(8), None, Some(6)]);
        assert_eq!(layout(&SPECS, &steps, Some((0, 12)), 22), vec![Some(11), None, Some(10)]);
        // every step taken and still too wide: whole columns go from the right
        assert_eq!(layout(&SPECS, &steps, None, 14), vec![Some(8), None, None]);
        assert_eq!(layout(&SPECS, &steps, None, 5), vec![Some(5), None, None]);
    }

    #[test]
    fn content_columns_take_their_widest_form_then_compact() {
        let specs =
            [ColSpec::new("名称", "Name", 8, Align::Left), ColSpec::new("市值", "Value", 6, Align::Right).content()];
        let rows = vec![
            vec![Cell::new("贵州茅台"), Cell::forms(vec!["110,884,123".into(), "11,088.4万".into()])],
            vec![Cell::new("宁德时代"), Cell::forms(vec!["72,864".into()])],
        ];
        let steps = [Step::Compact(1), Step::Narrow(0, 4)];
        let f = fit_columns(&specs, &rows, &steps, Some((0, 12)), 40, Lang::Zh);
        assert_eq!((f.widths.clone(), f.levels.clone()), (vec![Some(12), Some(11)], vec![0, 0]));
        let f = fit_columns(&specs, &rows, &steps, None, 19, Lang::Zh);
        assert_eq!((f.widths.clone(), f.levels.clone()), (vec![Some(8), Some(10)], vec![0, 1]));
        let line = row_line_at(&specs, &f.widths, &f.levels, &rows[0], Style::new());
        let text: String = line.spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(text, "贵州茅台 11,088.4万");
        // a cell with one form keeps it at any level
        let line = row_line_at(&specs, &f.widths, &f.levels, &rows[1], Style::new());
        assert!(line.spans.iter().any(|s| s.content.contains("72,864")));
        let f = fit_columns(&specs, &rows, &steps, None, 15, Lang::Zh);
        assert_eq!(f.widths, vec![Some(4), Some(10)], "the name is cut, never the digits");
    }

    #[test]
    fn rows_align_by_display_width() {
        let w = [Some(8), None, Some(10)];
        let a = row_line(&SPECS, &w, &[Cell::new("欧阳娜娜"), Cell::new("x"), Cell::new("1.0万")], Style::new());
        let b = row_line(&SPECS, &w, &[Cell::new("张三a"), Cell::new("x"), Cell::new("12")], Style::new());
        let text = |l: &Line| l.spans.iter().map(|s| s.content.to_string()).collect::<String>();
        assert_eq!(width(&text(&a)), 19);
        assert_eq!(width(&text(&b)), 19);
        assert_eq!(text(&b), format!("张三a{}12", " ".repeat(12)));
        let c = row_line(&SPECS, &w, &[Cell::new("欧阳娜娜娜"), Cell::new(""), Cell::new("")], Style::new());
        assert!(text(&c).starts_with("欧阳娜… "), "{}", text(&c));
    }
}
