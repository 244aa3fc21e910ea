//! The allocation proposal as text (`brokerdesk allocate`, and the cells of the 分配 screen's
//! table): per manager concerned, customers, assets (万) and the tier mix T1/T2/T3/T4, before → after.

use std::fmt::Write as _;

use crate::domain::allocation::{Load, LoadRow, Plan};
use crate::domain::model::Manager;
use crate::domain::money::{format_count, format_wan};
use crate::domain::text::{Align, pad_to_cells, width};
use crate::session::Lang;

/// `李娜(M01)`, or the id alone for an unknown manager.
pub fn manager_label(managers: &[Manager], id: &str) -> String {
    match managers.iter().find(|m| m.manager_id == id) {
        Some(m) => format!("{}({})", m.name, m.manager_id),
        None => id.to_string(),
    }
}

/// `0/2/3/3`: customers per tier T1/T2/T3/T4.
pub fn tier_mix(l: &Load) -> String {
    l.tiers.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("/")
}

/// The cells of one table row: manager, customers, assets and tier mix, each `before → after`.
pub fn row_cells(r: &LoadRow, managers: &[Manager]) -> [String; 4] {
    [
        manager_label(managers, &r.manager_id),
        format!("{} → {}", format_count(r.before.count), format_count(r.after.count)),
        format!("{} → {}", format_wan(r.before.assets), format_wan(r.after.assets)),
        format!("{} → {}", tier_mix(&r.before), tier_mix(&r.after)),
    ]
}

/// The column heads of the table.
pub fn heads(lang: Lang) -> [&'static str; 4] {
    [tr!(lang, MANAGER), tr!(lang, CUSTOMERS_KEHUSHU), tr!(lang, ASSETS), tr!(lang, TIERS_T1_T2_T3_T4)]
}

/// The before/after table as aligned text (display width), one line per manager, then the count
/// of moves.
pub fn text(plan: &Plan, managers: &[Manager], lang: Lang) -> String {
    let rows: Vec<[String; 4]> = plan.table.iter().map(|r| row_cells(r, managers)).collect();
    let heads = heads(lang);
    let mut widths: [usize; 4] = heads.map(width);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: [&str; 4]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let align = if i == 0 { Align::Left } else { Align::Right };
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(&pad_to_cells(c, w, align));
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(heads));
    for r in &rows {
        let _ = writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3]]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Role;

    #[test]
    fn table_aligns_by_display_width() {
        let managers =
            vec![Manager {
                manager_id: "M01".into(), name: "李娜".into(), branch: String::new(), role: Role::Manager
            }];
        let plan = Plan {
            moves: Vec::new(),
            table: vec![
                LoadRow {
                    manager_id: "M01".into(),
                    before: Load { count: 6, assets: 680 * 1_000_000, tiers: [0, 2, 2, 2] },
                    after: Load::default(),
                },
                LoadRow {
                    manager_id: "M03".into(),
                    before: Load::default(),
                    after: Load { count: 3, assets: 420 * 1_000_000, tiers: [0, 1, 1, 1] },
                },
            ],
        };
        let t = text(&plan, &managers, Lang::Zh);
        assert_eq!(
            t,
            "客户经理   客户数           资产   分级 T1/T2/T3/T4\n\
             李娜(M01)   6 → 0  680.0万 → 0元  0/2/2/2 → 0/0/0/0\n\
             M03         0 → 3  0元 → 420.0万  0/0/0/0 → 0/1/1/1\n"
        );
    }
}
