//! `report callbacks` (the open plan) and `report coverage` (SPEC §4.6 coverage rule).

use std::fmt::Write as _;

use serde::Serialize;

use super::Format;
use crate::domain::coverage::YearCoverage;
use crate::domain::schedule::{CallbackReason, Coverage};
use crate::domain::text::{Align, pad_to_cells};
use crate::session::Lang;
use crate::store::callbacks::lists::ReportRow;

/// The `manager_id` of the branch's total row in `report coverage`.
pub const BRANCH_ROW: &str = "ALL";

fn csv_of<T: Serialize>(rows: &[T], header: &[&str]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    // the header is written even for no rows (serde writes it only with the first row)
    w.write_record(header)?;
    for r in rows {
        w.serialize(r)?;
    }
    // formula-looking cells neutralised (crate::export::cell)
    Ok(crate::export::cell::neutralise_csv(&String::from_utf8(w.into_inner()?)?)?)
}

/// The CSV header of `report callbacks` (a contract).
pub const CALLBACKS_HEADER: [&str; 6] = ["customer_id", "manager_id", "due_on", "reason", "tries", "overdue_days"];

/// Renders the open callbacks (earliest due first).
pub fn callbacks(rows: &[ReportRow], format: Format, lang: Lang) -> anyhow::Result<String> {
    Ok(match format {
        Format::Csv => csv_of(rows, &CALLBACKS_HEADER)?,
        Format::Json => serde_json::to_string_pretty(rows)? + "\n",
        Format::Text => {
            let mut out = String::new();
            let head = [
                (tr!(lang, CUSTOMER), 14),
                (tr!(lang, MANAGER), 10),
                (tr!(lang, DUE_ON), 12),
                (tr!(lang, REASON), 20),
                (tr!(lang, TRIES), 6),
                (tr!(lang, OVERDUE), 9),
            ];
            for (h, w) in head {
                let _ = write!(out, "{}", pad_to_cells(h, w, Align::Left));
            }
            out = out.trim_end().to_string() + "\n";
            for r in rows {
                let reason =
                    CallbackReason::parse(r.reason).map_or(r.reason, |x| lang.pick(x.label_zh(), x.label_en()));
                let line = format!(
                    "{}{}{}{}{}{}",
                    pad_to_cells(&r.customer_id, 14, Align::Left),
                    pad_to_cells(&r.manager_id, 10, Align::Left),
                    pad_to_cells(&r.due_on.to_string(), 12, Align::Left),
                    pad_to_cells(reason, 20, Align::Left),
                    pad_to_cells(&r.tries.to_string(), 6, Align::Left),
                    r.overdue_days
                );
                let _ = writeln!(out, "{line}");
            }
            let overdue = rows.iter().filter(|r| r.overdue_days > 0).count();
            let _ = writeln!(out, "{}", crate::i18n::Msg::OpenCallbacks { open: rows.len(), overdue }.render(lang));
            out
        }
    })
}

/// One row of `report coverage` (CSV header `manager_id,active_at_start,reached,share_pct,meets_10pct`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// The manager, or [`BRANCH_ROW`] for the branch total.
    pub manager_id: String,
    pub active_at_start: u64,
    pub reached: u64,
    /// Percent with one decimal, e.g. `"12.5"`.
    pub share_pct: String,
    pub meets_10pct: bool,
}

/// The CSV header of `report coverage` (a contract).
pub const COVERAGE_HEADER: [&str; 5] = ["manager_id", "active_at_start", "reached", "share_pct", "meets_10pct"];

/// Rows per manager, then (with `branch_total`, the supervisor's report) the branch row [`BRANCH_ROW`],
/// which counts each customer once (not the sum of the managers' rows: a customer moved during
/// the year is in both managers' bases). A manager's own report has only their row.
pub fn coverage_rows(year: &YearCoverage, branch_total: bool) -> Vec<CoverageRow> {
    let row = |id: &str, c: &Coverage| CoverageRow {
        manager_id: id.to_string(),
        active_at_start: c.active_at_start,
        reached: c.reached,
        share_pct: c.share_pct(),
        meets_10pct: c.meets_10pct(),
    };
    let total = branch_total.then(|| row(BRANCH_ROW, &year.branch));
    year.per_manager.iter().map(|(m, c)| row(m, c)).chain(total).collect()
}

/// Renders the coverage of `year`.
pub fn coverage(rows: &[CoverageRow], year: i32, format: Format, lang: Lang) -> anyhow::Result<String> {
    Ok(match format {
        Format::Csv => csv_of(rows, &COVERAGE_HEADER)?,
        Format::Json => serde_json::to_string_pretty(rows)? + "\n",
        Format::Text => {
            let mut out = crate::i18n::Msg::CoverageTitle { year }.render(lang);
            let head = [
                (tr!(lang, MANAGER), 10),
                (tr!(lang, ACTIVE), 10),
                (tr!(lang, REACHED), 10),
                (tr!(lang, SHARE), 10),
                (tr!(lang, MEETS), 6),
            ];
            for (h, w) in head {
                let _ = write!(out, "{}", pad_to_cells(h, w, Align::Left));
            }
            out = out.trim_end().to_string() + "\n";
            for r in rows {
                let id = if r.manager_id == BRANCH_ROW { tr!(lang, BRANCH) } else { &r.manager_id };
                let _ = writeln!(
                    out,
                    "{}{}{}{}{}",
                    pad_to_cells(id, 10, Align::Left),
                    pad_to_cells(&r.active_at_start.to_string(), 10, Align::Left),
                    pad_to_cells(&r.reached.to_string(), 10, Align::Left),
                    pad_to_cells(&r.share_pct, 10, Align::Left),
                    if r.meets_10pct { tr!(lang, YES) } else { tr!(lang, NO) }
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
    fn coverage_csv_keeps_its_header_and_adds_the_branch_total() {
        // c moved M01 → M02 mid-year: in both bases, once in the branch row (10 customers)
        let year = YearCoverage {
            per_manager: vec![
                ("M01".to_string(), Coverage { active_at_start: 7, reached: 1 }),
                ("M02".to_string(), Coverage { active_at_start: 4, reached: 0 }),
            ],
            branch: Coverage { active_at_start: 10, reached: 1 },
        };
        let csv = coverage(&coverage_rows(&year, true), 2026, Format::Csv, Lang::Zh).unwrap();
        assert_eq!(
            csv,
            "manager_id,active_at_start,reached,share_pct,meets_10pct\nM01,7,1,14.3,true\nM02,4,0,0.0,false\nALL,10,1,10.0,true\n"
        );
        let mine = YearCoverage { per_manager: year.per_manager[..1].to_vec(), branch: year.branch };
        let mine = coverage(&coverage_rows(&mine, false), 2026, Format::Csv, Lang::Zh).unwrap();
        assert_eq!(mine, "manager_id,active_at_start,reached,share_pct,meets_10pct\nM01,7,1,14.3,true\n");
    }

    #[test]
    fn callbacks_csv_header_even_when_empty() {
        assert_eq!(
            callbacks(&[], Format::Csv, Lang::Zh).unwrap(),
            "customer_id,manager_id,due_on,reason,tries,overdue_days\n"
        );
    }
}
