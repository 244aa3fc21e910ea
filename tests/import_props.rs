//! Property tests of the importer on hostile and odd input (issue 9; issue 11 items 1 and 5): no
//! input panics, no figure wraps; a figure in a unit is stored exactly or refused.

mod import_support;

use brokerdesk::store::db::Db;
use brokerdesk::import::bounds::{MAX_FEN, MAX_PRICE_MILLI, MAX_QUANTITY};
use brokerdesk::import::{ImportKind, ImportOptions, import_bytes};
use import_support::*;
use proptest::prelude::*;

fn skip_bad() -> ImportOptions {
    ImportOptions { skip_bad: true, ..opts() }
}

/// Every stored figure is inside its sane maximum (nothing wrapped to a negative or huge value).
fn figures_in_bounds(conn: &Db) {
    let q: i64 = value(conn, "SELECT COALESCE(MAX(ABS(quantity)), 0) FROM holdings");
    let p: i64 = value(conn, "SELECT COALESCE(MAX(ABS(cost_price)), 0) FROM holdings");
    let neg: i64 = value(conn, "SELECT COUNT(*) FROM holdings WHERE quantity < 0 OR cost_price < 0");
    let m: i64 = value(
        conn,
        "SELECT COALESCE(MAX(MAX(ABS(cash), ABS(total_assets), ABS(net_commission_12m), ABS(other_income_12m), ABS(turnover_12m))), 0) FROM account_snapshots",
    );
    assert!(q <= MAX_QUANTITY && p <= MAX_PRICE_MILLI && m <= MAX_FEN && neg == 0, "q {q} p {p} m {m} neg {neg}");
}

/// A cell of the kinds back offices and attackers write.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,22}",
        "-?[0-9]{1,16}\\.[0-9]{0,6}",
        "[0-9]\\.[0-9]{1,5}[eE][+-]?[0-9]{1,3}",
        "=\"[0-9]{1,8}\"",
        "'[0-9]{6}",
        "[0-9]{3}\\*{4}[0-9]{4}",
        "(--|-|—|N/A|合计|共 3 条|单位：万元)",
        "[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}",
        "\\PC{0,12}",
        "(100001|100002|600519|000001|510300|M001)",
        "[\"\r\n\t;,]{1,3}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    (prop::collection::vec(cell(), 0..8), prop_oneof![Just(","), Just("\t"), Just(";")])
        .prop_map(|(cells, d)| cells.join(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Headers with units and synonyms, then any lines, with any line ends: a report or an error,
    /// never a panic; whatever is stored is inside the bounds.
    #[test]
    fn no_input_panics_or_wraps(
        lines in prop::collection::vec(line(), 0..12),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        preamble in prop::option::of("\\PC{0,20}"),
    ) {
        let mut conn = db();
        base(&mut conn);
        let end = if crlf { "\r\n" } else { "\n" };
        for header in [
            "资金账号,统计日期,证券代码,证券数量(万股),参考成本价(元)",
            "资金账号,统计日期,现金余额(万元),资产总值(亿元),净佣金(近12月),成交金额(千元)",
        ] {
            let kind = if header.contains("证券") { ImportKind::Holdings } else { ImportKind::Accounts };
            let mut text = String::new();
            if let Some(p) = &preamble {
                text.push_str(p);
                text.push_str(end);
            }
            text.push_str(header);
            for l in &lines {
                text.push_str(end);
                text.push_str(l);
            }
            if final_newline {
                text.push_str(end);
            }
            let _ = import_bytes(&mut conn, kind, "p.csv", text.as_bytes(), &skip_bad());
            let _ = import_bytes(&mut conn, kind, "p.csv", text.as_bytes(), &opts());
            figures_in_bounds(&conn);
        }
    }

    /// Every import kind, under its own English header (SPEC §3), with hostile rows: a report or
    /// an error naming `FILE:LINE` — never a panic, nothing wrapped, all or nothing without
    /// `--skip-bad`.
    #[test]
    fn every_kind_takes_hostile_rows_without_a_panic(
        lines in prop::collection::vec(line(), 1..10),
        crlf in any::<bool>(),
    ) {
        let mut conn = db();
        base(&mut conn);
        let end = if crlf { "\r\n" } else { "\n" };
        for kind in ImportKind::ALL {
            let header: Vec<&str> = kind.columns().iter().map(|c| c.field).collect();
            let mut text = header.join(",");
            for l in &lines {
                text.push_str(end);
                text.push_str(l);
            }
            text.push_str(end);
            let runs: i64 = value(&conn, "SELECT COUNT(*) FROM import_runs");
            match import_bytes(&mut conn, kind, "k.csv", text.as_bytes(), &opts()) {
                Ok(_) => prop_assert_eq!(value::<i64>(&conn, "SELECT COUNT(*) FROM import_runs"), runs + 1),
                Err(e) => {
                    let e = e.to_string();
                    prop_assert!(e.contains("k.csv"), "{}: {}", kind.code(), e);
                    prop_assert_eq!(value::<i64>(&conn, "SELECT COUNT(*) FROM import_runs"), runs, "{} half-written", kind.code());
                }
            }
            let _ = import_bytes(&mut conn, kind, "k.csv", text.as_bytes(), &skip_bad());
            figures_in_bounds(&conn);
        }
    }

    /// `成交金额(万元)` and friends: stored exactly (value × 10^shift yuan, in fen) when that is at
    /// most 10^15 yuan and to the fen; refused otherwise — never rounded, never wrapped.
    #[test]
    fn amounts_in_units_are_exact_or_refused(
        int in 0u64..100_000_000_000_000u64,
        frac in "[0-9]{0,7}",
        unit in prop_oneof![Just(("元", 0u32)), Just(("千元", 3)), Just(("万元", 4)), Just(("百万元", 6)), Just(("亿元", 8))],
    ) {
        let mut conn = db();
        base(&mut conn);
        let cell = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
        let text = format!("资金账号,统计日期,现金余额,净佣金,成交金额({})\r\n100001,2025-08-26,0,0,{cell}\r\n", unit.0);
        let r = import_bytes(&mut conn, ImportKind::Accounts, "u.csv", text.as_bytes(), &opts());
        // the exact value in fen: int.frac × 10^(shift + 2), when it is whole
        let places = unit.1 + 2;
        let frac_digits = frac.trim_end_matches('0');
        let exact = if frac_digits.len() as u32 > places {
            None
        } else {
            let mut f = frac_digits.to_string();
            while (f.len() as u32) < places { f.push('0'); }
            let v = i128::from(int) * 10i128.pow(places) + f.parse::<i128>().unwrap_or(0);
            (v <= i128::from(MAX_FEN)).then_some(v as i64)
        };
        match (exact, r) {
            (Some(v), Ok(_)) => {
                let stored: i64 = value(&conn, "SELECT turnover_12m FROM account_snapshots WHERE customer_id = '100001' AND as_of = '2025-08-26'");
                prop_assert_eq!(stored, v);
            }
            (None, Err(_)) => {}
            (exact, r) => prop_assert!(false, "{cell} {}: expected {exact:?}, got {r:?}", unit.0),
        }
    }
}
