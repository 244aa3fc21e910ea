//! Reports printed by `brokerdesk report …`: plain text by default, `--format csv|json`.

pub mod allocation;
pub mod audit;
pub mod callbacks;
pub mod segments;

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
            crate::export::cell::neutralise_csv(&String::from_utf8(w.into_inner()?)?)?
        }
        Format::Json => serde_json::to_string_pretty(&rows)? + "\n",
        Format::Text => segments_text(m, lang, tier_labels),
    })
}

fn segments_text(m: &SegmentMatrix, lang: Lang, tier_labels: &[String; 4]) -> String {
    use crate::domain::text::{Align, pad_to_cells, width};
    let cell_text =
        |c: crate::domain::segment::Cell| format!("{} / {}", format_count(c.customers), format_wan(c.total_assets));
    let head = tr!(lang, TIER_TYPE_FENJIFENLEI);
    let labels: Vec<&str> = SegmentColumn::ALL
        .iter()
        .map(|col| match lang {
            Lang::Zh => col.label_zh(),
            Lang::En => col.label_en(),
        })
        .chain([tr!(lang, TOTAL)])
        .collect();
    // every row: its label, then the five cells and the row total
    let mut rows: Vec<(String, Vec<String>)> = Tier::ALL
        .iter()
        .map(|&tier| {
            let mut cells: Vec<String> = SegmentColumn::ALL.iter().map(|&col| cell_text(m.cell(tier, col))).collect();
            cells.push(cell_text(m.tier_total(tier)));
            (format!("{} {}", tier.code(), tier_labels[tier.index()]), cells)
        })
        .collect();
    let mut totals: Vec<String> = SegmentColumn::ALL.iter().map(|&col| cell_text(m.column_total(col))).collect();
    totals.push(cell_text(m.total()));
    rows.push((tr!(lang, TOTAL).to_string(), totals));
    // columns as wide as their widest text plus a gap of two, at least the usual 14 / 20 cells,
    // so figures of a large branch never run together (`233,859.7万25,833`)
    let first = rows.iter().map(|(l, _)| width(l)).chain([width(head)]).max().unwrap_or(0).max(12) + 2;
    let column = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|c| width(c)))
        .chain(labels.iter().map(|l| width(l)))
        .max()
        .unwrap_or(0)
        .max(18)
        + 2;
    let mut out = pad_to_cells(head, first, Align::Left);
    for label in &labels {
        out.push_str(&pad_to_cells(label, column, Align::Right));
    }
    out.push('\n');
    for (label, cells) in &rows {
        out.push_str(&pad_to_cells(label, first, Align::Left));
        for c in cells {
            out.push_str(&pad_to_cells(c, column, Align::Right));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", tr!(lang, CUSTOMERS_TOTAL_ASSETS));
    out
}

/// The text report's columns never run together, even with a branch's largest figures.
#[cfg(test)]
#[test]
fn segments_text_keeps_a_gap_between_large_figures() {
    use crate::domain::risk::RiskType;
    let mut m = SegmentMatrix::default();
    m.add(Tier::T1, SegmentColumn::Type(RiskType::Balanced), 25_833, 2_338_597_000_000_00);
    m.add(Tier::T1, SegmentColumn::Professional, 1_234_567, 9_000_000_000_000_000);
    let labels = ["钻石".to_string(), "金卡".into(), "银卡".into(), "普通".into()];
    let text = segments_text(&m, Lang::Zh, &labels);
    let t1 = text.lines().nth(1).unwrap();
    // each figure is preceded by at least two spaces
    for part in ["25,833 / ", "1,234,567 / "] {
        let at = t1.find(part).unwrap_or_else(|| panic!("{t1}"));
        assert!(t1[..at].ends_with("  "), "{t1}");
    }
    let widths: Vec<usize> = text.lines().take(6).map(crate::domain::text::width).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}\n{text}");
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

/// One line of `report assessments` (the CSV contract:
/// `customer_id,level,score,lowest,assessed_on,valid_until,state,source,manager_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRow {
    pub customer_id: String,
    /// `C1`…`C5`; empty (CSV) / null (JSON) when never assessed.
    pub level: Option<String>,
    pub score: Option<u32>,
    /// `true` / `false`.
    pub lowest: bool,
    pub assessed_on: Option<String>,
    pub valid_until: Option<String>,
    /// `valid|expiring|expired|never|professional`.
    pub state: &'static str,
    /// `interview|import`; empty / null when never assessed.
    pub source: Option<String>,
    /// Who ran the latest assessment; empty / null when unknown.
    pub manager_id: Option<String>,
}

/// The latest assessment per customer as report rows, with the state on `today`
/// ([`crate::domain::assessment::ReportState`]; the expiring window of the assessment's
/// questionnaire, else `default_expiring_days`).
pub fn assessment_rows(
    lines: &[crate::store::assessments::LatestLine],
    today: chrono::NaiveDate,
    default_expiring_days: u32,
) -> Vec<AssessmentRow> {
    use crate::domain::assessment::ReportState;
    let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    lines
        .iter()
        .map(|l| AssessmentRow {
            customer_id: l.customer_id.clone(),
            level: l.level.map(|x| x.code().to_string()),
            score: l.score,
            lowest: l.lowest,
            assessed_on: opt(l.assessed_on),
            valid_until: opt(l.valid_until),
            state: ReportState::of(
                l.professional,
                l.valid_until,
                today,
                l.expiring_days.unwrap_or(default_expiring_days),
            )
            .code(),
            source: l.source.map(|s| s.code().to_string()),
            manager_id: l.manager_id.clone(),
        })
        .collect()
}

/// Renders `report assessments`: CSV with the contract header, JSON (an array of the rows), or
/// text (aligned columns and a count per state).
pub fn assessments(rows: &[AssessmentRow], format: Format, lang: Lang) -> anyhow::Result<String> {
    Ok(match format {
        Format::Csv => {
            // the header comes from the field names (the contract), also for an empty report
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            w.write_record([
                "customer_id",
                "level",
                "score",
                "lowest",
                "assessed_on",
                "valid_until",
                "state",
                "source",
                "manager_id",
            ])?;
            for r in rows {
                w.serialize(r)?;
            }
            crate::export::cell::neutralise_csv(&String::from_utf8(w.into_inner()?)?)?
        }
        Format::Json => serde_json::to_string_pretty(rows)? + "\n",
        Format::Text => {
            let mut out = String::new();
            for state in ["valid", "expiring", "expired", "never", "professional"] {
                let n = rows.iter().filter(|r| r.state == state).count();
                let label = match state {
                    "valid" => tr!(lang, VALID),
                    "expiring" => tr!(lang, EXPIRING_JIANGDAOQI),
                    "expired" => tr!(lang, EXPIRED),
                    "never" => tr!(lang, NEVER),
                    _ => tr!(lang, PROFESSIONAL),
                };
                let _ = writeln!(out, "{label}: {}", format_count(n as u64));
            }
            out.push('\n');
            for r in rows {
                let t = |v: &Option<String>| v.clone().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{:<14} {:<3} {:>3} {:<5} {:<10} {:<10} {:<12} {:<9} {}",
                    r.customer_id,
                    t(&r.level),
                    r.score.map(|s| s.to_string()).unwrap_or_default(),
                    r.lowest,
                    t(&r.assessed_on),
                    t(&r.valid_until),
                    r.state,
                    t(&r.source),
                    t(&r.manager_id)
                );
            }
            out
        }
    })
}

/// One alert of the alerts report (the CSV contract:
/// `customer_id,rule,severity,subject,status,first_seen,last_seen,message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertReportRow {
    pub customer_id: String,
    pub rule: &'static str,
    pub severity: &'static str,
    pub subject: String,
    pub status: &'static str,
    pub first_seen: String,
    pub last_seen: String,
    pub message: String,
}

/// The alerts report: every alert (resolved ones too) as CSV/JSON rows with the message in
/// `lang`; as text, the counts per rule and status, most urgent first.
pub fn alerts(rows: &[crate::store::alerts::AlertRow], format: Format, lang: Lang) -> anyhow::Result<String> {
    use crate::domain::alerts::{AlertRule, AlertStatus, Severity};
    let out: Vec<AlertReportRow> = rows
        .iter()
        .map(|a| AlertReportRow {
            customer_id: a.customer_id.clone(),
            rule: a.rule.code(),
            severity: a.severity.code(),
            subject: a.subject.clone(),
            status: a.status.code(),
            first_seen: a.first_seen.to_string(),
            last_seen: a.last_seen.to_string(),
            message: a.message(lang).to_string(),
        })
        .collect();
    Ok(match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            if out.is_empty() {
                w.write_record([
                    "customer_id",
                    "rule",
                    "severity",
                    "subject",
                    "status",
                    "first_seen",
                    "last_seen",
                    "message",
                ])?;
            }
            for r in &out {
                w.serialize(r)?;
            }
            crate::export::cell::neutralise_csv(&String::from_utf8(w.into_inner()?)?)?
        }
        Format::Json => serde_json::to_string_pretty(&out)? + "\n",
        Format::Text => {
            use crate::domain::text::{Align, pad_to_cells};
            let mut s = String::new();
            let head = [
                tr!(lang, RULE),
                tr!(lang, CRITICAL),
                tr!(lang, WARNING),
                tr!(lang, INFO),
                tr!(lang, OPEN),
                tr!(lang, ACKNOWLEDGED),
                tr!(lang, RESOLVED),
            ];
            let _ = write!(s, "{}", pad_to_cells(head[0], 26, Align::Left));
            for h in &head[1..] {
                let _ = write!(s, "{}", pad_to_cells(h, 13, Align::Right));
            }
            s.push('\n');
            let mut total = [0u64; 6];
            for rule in AlertRule::ALL {
                let of_rule: Vec<_> = rows.iter().filter(|a| a.rule == rule).collect();
                let unresolved = |sev: Severity| {
                    of_rule.iter().filter(|a| a.severity == sev && a.status != AlertStatus::Resolved).count() as u64
                };
                let status = |st: AlertStatus| of_rule.iter().filter(|a| a.status == st).count() as u64;
                let counts = [
                    unresolved(Severity::Critical),
                    unresolved(Severity::Warning),
                    unresolved(Severity::Info),
                    status(AlertStatus::Open),
                    status(AlertStatus::Acknowledged),
                    status(AlertStatus::Resolved),
                ];
                let label = crate::i18n::Msg::RuleLabel(rule).render(lang);
                let _ = write!(s, "{}", pad_to_cells(&label, 26, Align::Left));
                for (i, c) in counts.iter().enumerate() {
                    total[i] += c;
                    let _ = write!(s, "{}", pad_to_cells(&format_count(*c), 13, Align::Right));
                }
                s.push('\n');
            }
            let _ = write!(s, "{}", pad_to_cells(tr!(lang, TOTAL), 26, Align::Left));
            for c in total {
                let _ = write!(s, "{}", pad_to_cells(&format_count(c), 13, Align::Right));
            }
            s.push('\n');
            s.push_str(tr!(lang, CRITICAL_WARNING_INFO_COUNT_UNRESOLVED_ALERTS));
            s
        }
    })
}
