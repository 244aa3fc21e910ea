//! `report segments --axes abcd|growth|age|tenure|concentration|pnl` (SPEC §4.4): one row per
//! tier × segment of the axis. CSV header (a contract, in README):
//! `axis,segment,tier,customers,total_assets_yuan,threshold`.
//!
//! `segment` is [`Axis::segment_code`]; `threshold` is the cut of the 2 × 2 axes, the same on
//! every row of the axis (`contribution_yuan>1234.56;turnover_times>2.30` for `abcd`,
//! `contribution_yuan>1234.56;growth_pct>12.50` for `growth`: high means strictly above), and
//! empty for the band axes (their bands are in the segment code).

use std::fmt::Write as _;

use serde::Serialize;

use super::Format;
use crate::domain::money::{format_count, format_wan, format_yuan_plain};
use crate::domain::segment_axes::{Axis, AxisMatrix, Thresholds};
use crate::domain::tier::Tier;
use crate::session::Lang;

/// One row of the axis report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AxisRow {
    pub axis: &'static str,
    pub segment: &'static str,
    pub tier: &'static str,
    pub customers: u64,
    /// Yuan with two decimals, as text (`"1234.50"`).
    pub total_assets_yuan: String,
    pub threshold: String,
}

/// A ratio in basis points as a decimal with two places (`23000` → `2.30` for times with
/// `per = 10_000`, `1250` → `12.50` for percent with `per = 100`).
fn decimal(bp: i64, per: i64) -> String {
    let neg = bp < 0;
    let abs = bp.unsigned_abs();
    let per = per.unsigned_abs();
    let hundredths = abs * 100 / per;
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    if neg && hundredths > 0 { format!("-{text}") } else { text }
}

/// The `threshold` column of `axis` (see the module doc).
pub fn threshold_text(axis: Axis, t: &Thresholds) -> String {
    let contribution = format!("contribution_yuan>{}", format_yuan_plain(t.contribution));
    match axis {
        Axis::Abcd => format!("{contribution};turnover_times>{}", decimal(t.turnover_bp, 10_000)),
        Axis::Growth => format!("{contribution};growth_pct>{}", decimal(t.growth_bp, 100)),
        _ => String::new(),
    }
}

/// Tier-major rows: T1's segments in axis order, then T2's, …
pub fn axis_rows(m: &AxisMatrix, t: &Thresholds) -> Vec<AxisRow> {
    let threshold = threshold_text(m.axis, t);
    let mut rows = Vec::new();
    for tier in Tier::ALL {
        for segment in 0..m.axis.len() {
            let cell = m.cell(Some(tier), Some(segment));
            rows.push(AxisRow {
                axis: m.axis.code(),
                segment: m.axis.segment_code(segment),
                tier: tier.code(),
                customers: cell.customers,
                total_assets_yuan: format_yuan_plain(cell.total_assets),
                threshold: threshold.clone(),
            });
        }
    }
    rows
}

/// Renders the axis report. Errors only if CSV/JSON serialisation fails.
pub fn render(m: &AxisMatrix, t: &Thresholds, format: Format, lang: Lang) -> anyhow::Result<String> {
    let rows = axis_rows(m, t);
    Ok(match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in &rows {
                w.serialize(r)?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Json => serde_json::to_string_pretty(&rows)? + "\n",
        Format::Text => {
            let en = lang == Lang::En;
            let mut out = format!("{}\n", lang.pick(m.axis.label_zh(), m.axis.label_en()));
            let th = threshold_text(m.axis, t);
            if !th.is_empty() {
                let _ = writeln!(out, "{th}");
            }
            for segment in 0..m.axis.len() {
                let cell = m.cell(None, Some(segment));
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}",
                    m.axis.segment_label(segment, en).unwrap_or(""),
                    format_count(cell.customers),
                    format_wan(cell.total_assets)
                );
            }
            out
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_and_rows_exactly() {
        let mut m = AxisMatrix::new(Axis::Abcd);
        m.add(Tier::T1, 1, 123_450);
        let t = Thresholds { contribution: 123_456, turnover_bp: 23_000, growth_bp: 1_250 };
        let csv = render(&m, &t, Format::Csv, Lang::Zh).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("axis,segment,tier,customers,total_assets_yuan,threshold"));
        assert_eq!(lines.next(), Some("abcd,A,T1,0,0.00,contribution_yuan>1234.56;turnover_times>2.30"));
        assert_eq!(lines.next(), Some("abcd,B,T1,1,1234.50,contribution_yuan>1234.56;turnover_times>2.30"));
        assert_eq!(csv.lines().count(), 1 + 4 * 5);
        assert_eq!(threshold_text(Axis::Growth, &t), "contribution_yuan>1234.56;growth_pct>12.50");
        assert_eq!(
            threshold_text(Axis::Growth, &Thresholds { growth_bp: -5, ..t }),
            "contribution_yuan>1234.56;growth_pct>-0.05"
        );
        let age = render(&AxisMatrix::new(Axis::Age), &t, Format::Csv, Lang::Zh).unwrap();
        assert_eq!(age.lines().nth(1), Some("age,lt30,T1,0,0.00,"));
        assert_eq!(age.lines().count(), 1 + 4 * 7);
    }
}
