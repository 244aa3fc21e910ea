//! Charts drawn with ratatui's own widgets: horizontal [`BarChart`]s (customers / assets per tier
//! and per type, on 今日) and a line [`Chart`] of the branch's assets over the snapshot history
//! (on 分级分类). Figures are integers until the last step: a chart's coordinates are display
//! values only, never used for money.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::box_title;
use crate::domain::money::{Fen, format_count};
use crate::domain::risk::SegmentColumn;
use crate::domain::segment::{Cell, SegmentMatrix};
use crate::domain::text::{Align, pad_to_cells, width};
use crate::domain::tier::Tier;
use crate::session::Lang;
use crate::tui::format::wan_fit;
use crate::tui::theme;

/// One bar: its label, the value its length measures (≥ 0) and the value as shown.
#[derive(Debug, Clone)]
pub struct BarItem {
    pub label: String,
    pub value: u64,
    pub text: String,
    pub style: Style,
}

/// A bordered horizontal [`BarChart`] titled with the first of `titles` that fits; a gap line
/// between bars when the height allows. Draws nothing in less than 8 × 3 cells.
pub fn render_hbars(frame: &mut Frame, area: Rect, titles: &[String], items: &[BarItem]) {
    if area.width < 8 || area.height < 3 {
        return;
    }
    let block = Block::default().borders(Borders::ALL).title(box_title(titles, area.width));
    let inner = block.inner(area);
    let n = items.len() as u16;
    let gap = u16::from(n > 0 && inner.height >= 2 * n - 1);
    // the figure goes in the label, right-aligned after it, so the bar starts clear of it
    // (ratatui writes a bar's own text over the bar's first cells, hiding short bars)
    let label_w = items.iter().map(|b| width(&b.label)).max().unwrap_or(0);
    let text_w = items.iter().map(|b| width(&b.text)).max().unwrap_or(0);
    let bars: Vec<Bar> = items
        .iter()
        .map(|b| {
            let label = format!(
                "{} {}",
                pad_to_cells(&b.label, label_w, Align::Left),
                pad_to_cells(&b.text, text_w, Align::Right)
            );
            Bar::default().label(Line::from(label)).value(b.value).text_value(String::new()).style(b.style)
        })
        .collect();
    let chart = BarChart::horizontal(bars).block(block).bar_width(1).bar_gap(gap).value_style(theme::title());
    frame.render_widget(chart, area);
}

/// Customers per tier and per type as two bar charts side by side, and from 120 columns also
/// assets per tier and per type (four charts): 今日's charts (SPEC §4.4 figures of the scope).
/// `tier_labels` are `T1 钻石`… in tier order.
pub fn render_matrix_bars(frame: &mut Frame, area: Rect, m: &SegmentMatrix, tier_labels: &[String; 4], lang: Lang) {
    let bar = |label: String, c: Cell, assets: bool, style: Style| -> BarItem {
        let (value, text) = if assets {
            (c.total_assets.max(0) as u64, wan_fit(c.total_assets, 10))
        } else {
            (c.customers, format_count(c.customers))
        };
        BarItem { label, value, text, style }
    };
    let tiers = |assets: bool| -> Vec<BarItem> {
        Tier::ALL
            .iter()
            .zip(tier_labels)
            .map(|(t, label)| bar(label.clone(), m.tier_total(*t), assets, theme::tier(*t)))
            .collect()
    };
    let types = |assets: bool| -> Vec<BarItem> {
        SegmentColumn::ALL
            .iter()
            .map(|col| {
                bar(lang.pick(col.label_zh(), col.label_en()).to_string(), m.column_total(*col), assets, Style::new())
            })
            .collect()
    };
    let title = |what: &str, by: &str| vec![format!(" {what} · {by} "), format!(" {what} "), String::new()];
    let (cust, assets) = (tr!(lang, CUSTOMERS_KEHUSHU), tr!(lang, ASSETS));
    let (by_tier, by_type) = (tr!(lang, BY_TIER), tr!(lang, BY_RISK_TYPE));
    let mut charts = vec![(title(cust, by_tier), tiers(false)), (title(cust, by_type), types(false))];
    if area.width >= 120 {
        charts.push((title(assets, by_tier), tiers(true)));
        charts.push((title(assets, by_type), types(true)));
    }
    let n = charts.len() as u16;
    let each = area.width / n;
    for (i, (titles, items)) in charts.iter().enumerate() {
        let x = area.x + each * i as u16;
        let width = if i as u16 == n - 1 { area.width - each * (n - 1) } else { each };
        render_hbars(frame, Rect { x, width, ..area }, titles, items);
    }
}

/// One point of the assets history: the statistics date, Σ total assets (fen), customers.
pub type AumPoint = (NaiveDate, Fen, u64);

/// Forms of the chart's title, longest first.
fn aum_titles(points: &[AumPoint], lang: Lang) -> Vec<String> {
    let name = tr!(lang, ASSETS_ZICHANGUIMO);
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => vec![
            format!(" {name} · {} {} → {} {} ", first.0, wan_fit(first.1, 10), last.0, wan_fit(last.1, 10)),
            format!(" {name} {} → {} ", wan_fit(first.1, 8), wan_fit(last.1, 8)),
            format!(" {name} "),
            String::new(),
        ],
        _ => vec![format!(" {name} "), String::new()],
    }
}

/// The assets of the scope over the snapshot history as a line [`Chart`]: x = days from the first
/// statistics date (labels: the first and last date), y = Σ total assets (labels: the lowest and
/// highest in 万/亿). One point shows the figure instead of a line; none says so.
pub fn render_aum(frame: &mut Frame, area: Rect, points: &[AumPoint], lang: Lang) {
    if area.width < 12 || area.height < 4 {
        return;
    }
    let block = Block::default().borders(Borders::ALL).title(box_title(&aum_titles(points, lang), area.width));
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) if points.len() > 1 => (f, l),
        (Some(only), _) => {
            let text =
                format!("{} {} · {}", only.0, wan_fit(only.1, 12), tr!(lang, ONE_STATISTICS_DATE));
            frame.render_widget(Paragraph::new(text).style(theme::title()).block(block), area);
            return;
        }
        _ => {
            let text = tr!(lang, NO_ACCOUNT_SNAPSHOTS_YET);
            frame.render_widget(Paragraph::new(text).style(theme::dim()).block(block), area);
            return;
        }
    };
    let span_days = (last.0 - first.0).num_days().max(1) as f64;
    // display coordinates: days and 万 (money itself stays integer fen)
    let data: Vec<(f64, f64)> =
        points.iter().map(|(d, fen, _)| ((*d - first.0).num_days() as f64, *fen as f64 / 1_000_000.0)).collect();
    let lo = points.iter().map(|p| p.1).min().unwrap_or(0);
    let hi = points.iter().map(|p| p.1).max().unwrap_or(0);
    let (lo_w, hi_w) = (lo as f64 / 1_000_000.0, hi as f64 / 1_000_000.0);
    let pad = ((hi_w - lo_w) * 0.1).max(hi_w.abs() * 0.01).max(1.0);
    let y_labels: Vec<Line> = vec![Line::from(wan_fit(lo, 9)), Line::from(wan_fit(hi, 9))];
    let x_labels: Vec<Line> = vec![Line::from(first.0.to_string()), Line::from(last.0.to_string())];
    let dataset =
        Dataset::default().marker(Marker::Braille).graph_type(GraphType::Line).style(theme::title()).data(&data);
    let chart = Chart::new(vec![dataset])
        .block(block)
        .x_axis(Axis::default().bounds([0.0, span_days]).labels(x_labels).style(theme::dim()))
        .y_axis(Axis::default().bounds([lo_w - pad, hi_w + pad]).labels(y_labels).style(theme::dim()));
    frame.render_widget(chart, area);
}
