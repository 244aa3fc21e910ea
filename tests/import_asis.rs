//! Back-office files as they really come (issue 9; issue 11 items 4–5): synthetic fixtures in
//! tests/fixtures/import/asis (written by make_fixtures.py there; CRLF where Windows software
//! writes them), each with the exact rows stored or the lines named, and the DB unchanged on
//! refusal.

mod import_support;

use brokerdesk::store::db::Db;
use brokerdesk::import::{ImportError, ImportKind, ImportReport, import_bytes, import_file};
use import_support::*;

fn asis_bytes(name: &str) -> Vec<u8> {
    fixture(&format!("asis/{name}"))
}

/// Imports an as-is fixture into `conn` (named by its bare file name in messages).
fn asis(conn: &mut Db, kind: ImportKind, name: &str) -> Result<ImportReport, ImportError> {
    import_bytes(conn, kind, name, &asis_bytes(name), &opts())
}

/// A base book (managers … accounts of tests/fixtures/import).
fn book() -> Db {
    let mut conn = db();
    base(&mut conn);
    conn
}

/// Imports an as-is fixture into a base book, expects it refused with the DB unchanged, and
/// returns the error text.
fn refused_asis(kind: ImportKind, name: &str) -> String {
    refuse(kind, name, &asis_bytes(name)).to_string()
}

fn notices(r: &ImportReport) -> Vec<String> {
    r.notices.iter().map(|n| n.render(&r.file)).collect()
}

fn holdings_of(conn: &Db, customer: &str) -> Vec<(String, String, i64, i64)> {
    rows(
        conn,
        &format!(
            "SELECT as_of, code, quantity, cost_price FROM holdings WHERE customer_id = '{customer}' ORDER BY as_of, code"
        ),
    )
}

#[test]
fn crm_report_with_title_export_lines_padding_and_footer() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Holdings, "crm_holdings.csv").unwrap();
    assert_eq!((r.rows, r.inserted, r.updated, r.unchanged, r.rejected), (2, 0, 1, 1, 0));
    assert_eq!(
        notices(&r),
        vec![
            "crm_holdings.csv:1: skipped lines 1–2 before the header (title or export information)",
            "crm_holdings.csv:5: 参考成本价(元): 1 price(s) had 4 decimals, rounded half-up to 0.001 yuan (the stored precision), e.g. line 5: 11.5678 → 11.568",
            "crm_holdings.csv:7: skipped the footer after the data (total, count or separator lines): lines 7, 8",
        ]
    );
    // ="000001" and '510300 unwrapped; 11.5678 → 11.568 yuan = 11,568 厘; 3.9500 is 3.950 exactly
    assert_eq!(
        holdings_of(&conn, "100001"),
        vec![
            ("2025-08-26".into(), "000001".into(), 10_000, 11_568),
            ("2025-08-26".into(), "600519".into(), 100, 1_380_250)
        ]
    );
    assert_eq!(holdings_of(&conn, "100002"), vec![("2025-08-26".into(), "510300".into(), 20_000, 3_950)]);
}

#[test]
fn units_in_headers_scale_the_values() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Accounts, "accounts_units.csv").unwrap();
    assert_eq!((r.rows, r.updated), (1, 1));
    let (cash, total, net, other, turnover, last): (i64, i64, i64, i64, i64, String) = row(
        &conn,
        "SELECT cash, total_assets, net_commission_12m, other_income_12m, turnover_12m, last_trade_on
         FROM account_snapshots WHERE customer_id = '100001' AND as_of = '2025-08-26'",
    );
    // 成交金额(万元) 612.35 → 6,123,500.00 yuan; 资产总值（万元） 123.4567 → 1,234,567.00 yuan;
    // 其他收入(千元) 1.5 → 1,500.00 yuan; 净佣金(近12月) is a name, not a unit; 2025/8/20 an Excel date
    assert_eq!(turnover, 612_350_000);
    assert_eq!(total, 123_456_700);
    assert_eq!(other, 150_000);
    assert_eq!((cash, net), (5_000_000, 1_234_567));
    assert_eq!(last, "2025-08-20");
    assert_eq!(
        notices(&r),
        vec![
            "accounts_units.csv:1: 资产总值（万元）: values in 万元, multiplied by 10,000",
            "accounts_units.csv:1: 其他收入(千元): values in 千元, multiplied by 1,000",
            "accounts_units.csv:1: 成交金额(万元): values in 万元, multiplied by 10,000",
        ]
    );
}

#[test]
fn a_unit_title_line_applies_or_is_refused() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Accounts, "accounts_title_unit.csv").unwrap();
    let (cash, net): (i64, i64) = row(
        &conn,
        "SELECT cash, net_commission_12m FROM account_snapshots WHERE customer_id = '100001' AND as_of = '2025-08-26'",
    );
    assert_eq!((cash, net), (5_500_000, 120_000)); // 5.5 万元 = 55,000.00 yuan; 0.12 万元 = 1,200.00
    assert_eq!(
        notices(&r),
        vec![
            "accounts_title_unit.csv:1: skipped lines 1–2 before the header (title or export information)",
            "accounts_title_unit.csv:2: \"单位：万元\" on line 2 applies to the amount columns without a unit: 现金余额, 净佣金",
        ]
    );
    assert_eq!(
        refused_asis(ImportKind::Accounts, "accounts_title_unit_bad.csv"),
        "accounts_title_unit_bad.csv:2: header: line 2: unknown unit in \"单位：万美元\"; put the unit in the column names instead (成交金额(万元))"
    );
    assert_eq!(
        refused_asis(ImportKind::Accounts, "accounts_unknown_unit.csv"),
        "accounts_unknown_unit.csv:1: header: column 5 \"成交金额(美元)\": unknown unit \"美元\"; use 元, 万元, 股 … or no unit"
    );
    assert_eq!(
        refused_asis(ImportKind::Holdings, "holdings_unit_misfit.csv"),
        "holdings_unit_misfit.csv:1: header: column 4 \"持仓数量(万元)\": \"万元\" is a unit of money, which does not fit this column"
    );
}

#[test]
fn excel_damage_is_refused_never_repaired() {
    let e = refuse(ImportKind::Customers, "customers_excel.csv", &asis_bytes("customers_excel.csv"));
    assert_eq!(
        problem_lines(&e),
        vec![
            "customers_excel.csv:3: 证件号码: \"3.30106E+17\" in scientific notation (Excel lost the digits; re-export the column as text)",
            "customers_excel.csv:4: 手机号码: \"136****1014\" is masked (has *); import the full value",
            "customers_excel.csv:5: 证件号码: \"330108********1703\" is masked (has *); import the full value",
        ]
    );
    // the same people without the damage: dashes read as empty, ="…" and '… unwrapped, 2019/11/2
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Customers, "customers_clean_dashes.csv").unwrap();
    assert_eq!((r.inserted, r.rejected), (2, 0));
    let people: Vec<(String, Option<String>, Option<String>, String, String)> = rows(
        &conn,
        "SELECT customer_id, mobile, birth_date, opened_on, status FROM customers
         WHERE customer_id IN ('100011', '100012') ORDER BY customer_id",
    );
    assert_eq!(
        people,
        vec![
            ("100011".into(), None, Some("1990-01-01".into()), "2020-01-02".into(), "active".into()),
            ("100012".into(), None, Some("1990-02-02".into()), "2019-11-02".into(), "active".into()),
        ]
    );
}

#[test]
fn unicode_text_and_terminal_grids_saved_as_xls() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Holdings, "holdings_unicode.txt").unwrap();
    assert_eq!((r.rows, r.unchanged), (1, 1), "{r:?}"); // the base book's own holding, read from UTF-16 LE
    let r = asis(&mut conn, ImportKind::Holdings, "terminal_holdings.xls").unwrap();
    assert_eq!((r.rows, r.updated), (1, 1));
    assert_eq!(
        notices(&r),
        vec!["terminal_holdings.xls: named .xls but tab-separated text, not a workbook: read as text"]
    );
    assert_eq!(holdings_of(&conn, "100003"), vec![("2025-08-26".into(), "110043".into(), 60, 105_200)]);
    assert_eq!(
        refused_asis(ImportKind::Holdings, "holdings_utf16_nobom.txt"),
        "holdings_utf16_nobom.txt:1: encoding: looks like UTF-16 LE text without a byte-order mark; add --encoding utf-16le or save as UTF-8 CSV"
    );
    assert_eq!(
        refused_asis(ImportKind::Holdings, "holdings_grid.txt"),
        "holdings_grid.txt:1: header: from line 1 this is a fixed-width text grid (columns aligned with spaces), not CSV; export it from the program as Excel, CSV or tab-separated text"
    );
}

#[test]
fn a_repeated_column_keeps_the_one_whose_values_parse() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Orders, "orders_two_sides.csv").unwrap();
    assert_eq!((r.rows, r.inserted), (2, 2));
    assert_eq!(
        notices(&r),
        vec![
            "orders_two_sides.csv:1: header \"买卖标志\" appears twice: column 4 used (its values parse), column 7 ignored"
        ]
    );
    let sides: Vec<(String, String)> = rows(&conn, "SELECT customer_id, side FROM orders ORDER BY customer_id");
    assert_eq!(sides, vec![("100001".into(), "buy".into()), ("100002".into(), "sell".into())]);
}

#[test]
fn cut_files_are_refused_and_a_last_line_without_its_end_is_fine() {
    assert_eq!(
        refused_asis(ImportKind::Holdings, "holdings_cut_fields.csv"),
        "holdings_cut_fields.csv:3: the last line (3) has no line end and 3 fields where the header has 5: the file looks cut; export it again"
    );
    assert_eq!(
        refused_asis(ImportKind::Holdings, "holdings_cut_number.csv"),
        "holdings_cut_number.csv:3: the last line (3) has no line end and 5 fields where the header has 5: the file looks cut; export it again"
    );
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Holdings, "holdings_no_final_newline.csv").unwrap();
    assert_eq!((r.rows, r.unchanged, r.rejected), (2, 2, 0));
}

#[test]
fn other_encodings_are_refused_not_stored_as_mojibake() {
    assert_eq!(
        refused_asis(ImportKind::Customers, "customers_sjis.csv"),
        "customers_sjis.csv:1: encoding: looks like Shift-JIS (Japanese), not UTF-8 or GBK; save it as UTF-8 or GBK in the program that made it"
    );
    assert_eq!(
        refused_asis(ImportKind::Customers, "customers_mixed.csv"),
        "customers_mixed.csv:3: encoding: the file mixes two encodings: line 1 is UTF-8, line 3 is GBK; save it in one encoding and import again"
    );
}

#[test]
fn semicolons_and_physical_line_numbers_in_crlf_files() {
    let mut conn = book();
    let r = asis(&mut conn, ImportKind::Holdings, "holdings_semicolon.csv").unwrap();
    assert_eq!((r.rows, r.unchanged), (1, 1));
    // CRLF, a blank line 2: the bad row is physical line 3
    let e = refuse(ImportKind::Holdings, "holdings_crlf_bad.csv", &asis_bytes("holdings_crlf_bad.csv"));
    assert_eq!(problem_lines(&e), vec!["holdings_crlf_bad.csv:3: 持仓数量: negative quantity -100"]);
}

#[test]
fn limits_maxima_dates_and_codes() {
    let e = refuse(ImportKind::Customers, "customers_long_name.csv", &asis_bytes("customers_long_name.csv"));
    assert_eq!(problem_lines(&e), vec!["customers_long_name.csv:2: 客户姓名: too long: 201 characters (at most 200)"]);
    let e = refuse(ImportKind::Holdings, "holdings_huge.csv", &asis_bytes("holdings_huge.csv"));
    assert_eq!(
        problem_lines(&e),
        vec![
            "holdings_huge.csv:2: quantity: \"9223372036854775807\" is over the sane maximum for a quantity (10^12)",
            "holdings_huge.csv:3: quantity: quantity × cost price is over the sane maximum for money (10^15 yuan)",
            "holdings_huge.csv:4: as_of: date \"9999-12-31\" is out of range (1900–2099)",
            "holdings_huge.csv:5: as_of: not a date: \"+2025-08-26\" (use YYYY-MM-DD or YYYYMMDD)",
        ]
    );
    let e = refuse(ImportKind::Securities, "securities_codes.csv", &asis_bytes("securities_codes.csv"));
    assert_eq!(problem_lines(&e), vec!["securities_codes.csv:2: 证券代码: SH security codes are 6 digits: \"60051\""]);
}

#[test]
fn a_huge_unknown_header_is_echoed_cut() {
    let mut text = "x".repeat(100_000);
    text.push_str(",资金账号\n1,2\n");
    let e = refuse(ImportKind::Holdings, "big.csv", text.as_bytes()).to_string();
    assert!(e.len() < 400, "{} bytes: {}", e.len(), &e[..200]);
}

#[test]
fn full_id_numbers_never_appear_in_import_messages() {
    // a well-formed but wrong ID (bad check digit), a USCC as a person's ID
    let text = "资金账号,客户姓名,证件号码,客户经理编号,开户日期\n\
                100051,甲,110105199001010011,M001,2020-01-02\n\
                100052,乙,91310000MA1FL8XX3Q,M001,2020-01-02\n";
    let e = refuse(ImportKind::Customers, "ids.csv", text.as_bytes()).to_string();
    assert!(!e.contains("110105199001010011") && !e.contains("91310000MA1FL8XX3Q"), "{e}");
    assert!(e.contains("110105********0011"), "{e}");
}

#[test]
fn a_real_xlsx_workbook_is_read_and_its_damage_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("持仓.xlsx");
    let mut book_x = rust_xlsxwriter::Workbook::new();
    let sheet = book_x.add_worksheet();
    sheet.set_name("持仓明细").unwrap();
    sheet.write_string(0, 0, "客户持仓明细").unwrap();
    for (c, h) in ["资金账号", "统计日期", "证券代码", "持仓数量", "成本价"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 100001.0).unwrap();
    sheet.write_string(3, 1, "2025-08-26").unwrap();
    sheet.write_string(3, 2, "000001").unwrap();
    sheet.write_number(3, 3, 12000.0).unwrap();
    sheet.write_number(3, 4, 11.25).unwrap();
    book_x.save(&path).unwrap();
    let mut conn = book();
    let r = import_file(&mut conn, ImportKind::Holdings, &path, &opts()).unwrap();
    assert_eq!((r.rows, r.updated), (1, 1));
    assert_eq!(
        r.notices.iter().map(|n| n.render("x")).collect::<Vec<_>>(),
        vec![
            "x: Excel workbook: read sheet \"持仓明细\"",
            "x:1: skipped line 1 before the header (title or export information)",
        ]
    );
    assert_eq!(holdings_of(&conn, "100001")[0], ("2025-08-26".into(), "000001".into(), 12_000, 11_250));

    // an account stored as a number of 18 digits: Excel kept 15; refused, the row named (line 4)
    let mut book_x = rust_xlsxwriter::Workbook::new();
    let sheet = book_x.add_worksheet();
    for (c, h) in ["资金账号", "统计日期", "证券代码", "持仓数量", "成本价"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 310800100001000001.0).unwrap();
    sheet.write_string(3, 1, "2025-08-26").unwrap();
    sheet.write_string(3, 2, "000001").unwrap();
    sheet.write_number(3, 3, 1.0).unwrap();
    sheet.write_number(3, 4, 1.0).unwrap();
    book_x.save(&path).unwrap();
    let before = counts(&conn);
    let e = import_file(&mut conn, ImportKind::Holdings, &path, &opts()).unwrap_err();
    assert_eq!(counts(&conn), before);
    assert_eq!(
        problem_lines(&e).iter().map(|l| l.split_once(": ").map(|(_, m)| m.to_string()).unwrap()).collect::<Vec<_>>(),
        vec![
            "资金账号: \"3.10800100001E17\" in scientific notation (Excel lost the digits; re-export the column as text)"
        ]
    );
    assert!(e.to_string().contains("持仓.xlsx:4: 资金账号"), "{e}");
}

/// A rejects file that is a symbolic link is refused, never followed; nothing is imported.
#[cfg(unix)]
#[test]
fn a_rejects_file_through_a_symlink_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("important.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("h.rejects.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut conn = book();
    let before = counts(&conn);
    let text =
        "customer_id,as_of,code,quantity,cost_price\n100001,2025-08-26,600519,-1,1\n100001,2025-08-26,000001,5,1\n";
    let o = brokerdesk::import::ImportOptions { skip_bad: true, rejects_path: Some(link.clone()), ..opts() };
    let e = import_bytes(&mut conn, ImportKind::Holdings, "h.csv", text.as_bytes(), &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{}: a symbolic link: the rejects file is never written through one", link.display())
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert_eq!(counts(&conn), before);
}
