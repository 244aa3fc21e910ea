//! Reports printed by `brokerdesk report …`: plain text by default, `--format csv|json`.

pub mod callbacks;

use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::money::{format_count, format_wan, format_yuan_plain};
use crate::domain::risk::SegmentColumn;
use crate::domain::segment::SegmentMatrix;
use crate::domain::tier::Tier;
use crate::session::Lang;

/// Output format of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Csv,
    Json,
}

/// One cell of the segments report (the CSV contract: `tier,risk_type,customers,total_assets_yuan`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SegmentRow {
    pub tier: &'static str,
    pub risk_type: &'static str,
    pub customers: u64,
    /// Yuan with two decimals, as text so no float rounding creeps in (e.g. `"1234.50"`).
    pub total_assets_yuan: String,
}

/// The 20 rows (4 tiers × 5 columns) in matrix order.
pub fn segment_rows(m: &SegmentMatrix) -> Vec<SegmentRow> {
    let mut rows = Vec::with_capacity(20);
    for tier in Tier::ALL {
        for col in SegmentColumn::ALL {
            let cell = m.cell(tier, col);
            rows.push(SegmentRow {
                tier: tier.code(),
                risk_type: col.code(),
                customers: cell.customers,
                total_assets_yuan: format_yuan_plain(cell.total_assets),
            });
        }
    }
    rows
}

/// Renders the segments report. Errors only if CSV/JSON serialisation fails.
pub fn segments(m: &SegmentMatrix, format: Format, lang: Lang, tier_labels: &[String; 4]) -> anyhow::Result<String> {
    let rows = segment_rows(m);
    Ok(match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in &rows {
                w.serialize(r)?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Json => serde_json::to_string_pretty(&rows)? + "\n",
        Format::Text => segments_text(m, lang, tier_labels),
    })
}

fn segments_text(m: &SegmentMatrix, lang: Lang, tier_labels: &[String; 4]) -> String {
    use crate::domain::text::{Align, pad_to_cells};
    let mut out = String::new();
    let head = lang.pick("分级 \\ 分类", "tier \\ type");
    let _ = write!(out, "{}", pad_to_cells(head, 14, Align::Left));
    for col in SegmentColumn::ALL {
        let label = match lang {
            Lang::Zh => col.label_zh(),
            Lang::En => col.label_en(),
        };
        let _ = write!(out, "{}", pad_to_cells(label, 20, Align::Right));
    }
    let _ = writeln!(out, "{}", pad_to_cells(lang.pick("合计", "total"), 20, Align::Right));
    let cell_text =
        |c: crate::domain::segment::Cell| format!("{} / {}", format_count(c.customers), format_wan(c.total_assets));
    for tier in Tier::ALL {
        let _ =
            write!(out, "{}", pad_to_cells(&format!("{} {}", tier.code(), tier_labels[tier.index()]), 14, Align::Left));
        for col in SegmentColumn::ALL {
            let _ = write!(out, "{}", pad_to_cells(&cell_text(m.cell(tier, col)), 20, Align::Right));
        }
        let _ = writeln!(out, "{}", pad_to_cells(&cell_text(m.tier_total(tier)), 20, Align::Right));
    }
    let _ = write!(out, "{}", pad_to_cells(lang.pick("合计", "total"), 14, Align::Left));
    for col in SegmentColumn::ALL {
        let _ = write!(out, "{}", pad_to_cells(&cell_text(m.column_total(col)), 20, Align::Right));
    }
    let _ = writeln!(out, "{}", pad_to_cells(&cell_text(m.total()), 20, Align::Right));
    let _ = writeln!(out, "{}", lang.pick("（客户数 / 资产总值）", "(customers / total assets)"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::risk::RiskType;

    #[test]
    fn csv_contract() {
        let mut m = SegmentMatrix::default();
        m.add(Tier::T1, SegmentColumn::Type(RiskType::Balanced), 2, 1_234_550);
        m.add(Tier::T4, SegmentColumn::Unassessed, 1, 5);
        let labels = ["钻石".to_string(), "金卡".into(), "银卡".into(), "普通".into()];
        let csv = segments(&m, Format::Csv, Lang::Zh, &labels).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[0], "tier,risk_type,customers,total_assets_yuan");
        assert_eq!(lines[1], "T1,conservative,0,0.00");
        assert_eq!(lines[2], "T1,balanced,2,12345.50");
        assert_eq!(lines[20], "T4,unassessed,1,0.05");
        let json = segments(&m, Format::Json, Lang::Zh, &labels).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v[1]["customers"], 2);
        assert_eq!(v[1]["total_assets_yuan"], "12345.50");
    }
}
