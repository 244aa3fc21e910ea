//! Exports (`brokerdesk export VIEW --format csv|xlsx`): XLSX read back with calamine (values,
//! number formats, masked fields, the scope sheet), CSV round trips through `import`, formula
//! neutralisation, who may export what, and the audit rows.

mod import_support;

use brokerdesk::store::db::Db;
use std::path::{Path, PathBuf};

use brokerdesk::domain::model::Role;
use brokerdesk::domain::rules::Rules;
use brokerdesk::export::{self, ExportFormat, Options, Request, View};
use brokerdesk::import::{ImportKind, import_file};
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::{self, book::Scope};
use calamine::{Data, Reader, Xlsx, open_workbook};
use import_support::*;

/// A session on `conn` signed in as `user` (`S001` is the supervisor of the import fixtures).
fn session(conn: Db, user: &str) -> Session {
    let user = store::managers::get(&conn, user).unwrap().unwrap();
    let scope = if user.role == Role::Supervisor { Scope::Branch } else { Scope::Manager(user.manager_id.clone()) };
    Session { conn, db_label: "test".into(), today: today(), user, scope, rules: Rules::defaults(), lang: Lang::Zh }
}

/// The import fixtures' base book (managers, customers, securities, prices, holdings, accounts).
fn base_session(user: &str) -> Session {
    let mut conn = db();
    base(&mut conn);
    session(conn, user)
}

fn opts(path: &Path, format: ExportFormat, unmasked: bool) -> Options {
    Options { format, path: path.to_path_buf(), unmasked, force: false, now: brokerdesk::clock::now(Some(today())) }
}

fn export(s: &Session, view: View, path: &Path, format: ExportFormat, unmasked: bool) -> export::Written {
    export::run(s, &Request::plain(view, s.scope.clone()), &opts(path, format, unmasked)).unwrap()
}

/// Renames a customer (the book row too), as an import of a new name would.
fn rename(s: &Session, customer_id: &str, name: &str) {
    let mut c = store::customers::get(&s.conn, customer_id).unwrap().unwrap();
    c.name = name.into();
    store::customers::upsert(&s.conn, &c).unwrap();
    store::book::refresh(&s.conn, &s.rules).unwrap();
}

fn text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    String::from_utf8(bytes[3..].to_vec()).unwrap()
}

fn audit_actions(s: &Session) -> Vec<(String, String, String)> {
    // oldest first, as they were written (the audit query gives newest first)
    let mut rows: Vec<_> = store::audit::query(&s.conn, &Default::default(), 0, 1_000)
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "export")
        .map(|a| (a.actor, a.entity_id, a.action))
        .collect();
    rows.reverse();
    rows
}

#[test]
fn customers_csv_masked_with_import_headers() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    let path = dir.path().join("c.csv");
    let w = export(&s, View::Customers, &path, ExportFormat::Csv, false);
    assert_eq!(w.rows, 5);
    let csv = text(&path);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "customer_id,name,kind,gender,birth_date,id_number,mobile,manager_id,opened_on,investor_class,status,\
         tier,risk_level,risk_type,valid_until,total_assets,contribution_12m,next_callback,open_alerts"
    );
    // default sort: assets, largest first; 100003 holds 9,999.99 yuan (stated in accounts.csv)
    let row = lines.iter().find(|l| l.starts_with("100003,")).unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(
        &cells[..11],
        &[
            "100003",
            "王建国",
            "individual",
            "M",
            "",
            "310104********0036",
            "",
            "M002",
            "2010-05-20",
            "ordinary",
            "active"
        ]
    );
    assert_eq!((cells[15], cells[16]), ("9999.99", "0.00"));
    let row = lines.iter().find(|l| l.starts_with("100001,")).unwrap();
    assert!(row.contains(",110105********0016,138****8000,"), "{row}");
    assert!(row.contains(",12445.67,"), "contribution 12,345.67 + 100: {row}");
    assert_eq!(lines.last(), Some(&""), "CRLF after the last row");
    // a masked file does not import: the ID numbers are not real ones
    let mut fresh = db();
    import(&mut fresh, ImportKind::Managers, "managers.csv").unwrap();
    let err = import_file(&mut fresh, ImportKind::Customers, &path, &import_support::opts()).unwrap_err().to_string();
    assert!(err.contains(":2: id_number: \"913100********186P\" is masked (has *)"), "{err}");
}

#[test]
fn customers_and_holdings_csv_round_trip_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let a = base_session("S001");
    // a formula-looking name survives the round trip (neutralised in the file, read back by the import)
    rename(&a, "100002", "=HYPERLINK(\"x\")");
    let (c1, h1) = (dir.path().join("c1.csv"), dir.path().join("h1.csv"));
    assert_eq!(export(&a, View::Customers, &c1, ExportFormat::Csv, true).rows, 5);
    assert_eq!(export(&a, View::Holdings, &h1, ExportFormat::Csv, true).rows, 5);
    let holdings = text(&h1);
    assert!(holdings.starts_with("customer_id,as_of,code,quantity,cost_price,customer_name,"), "{holdings}");
    // no rating in the securities file: the default rules give a main-board stock R3 (SPEC §4.5)
    assert!(holdings.contains("\r\n100001,2025-08-26,600519,100,1380.25,张三,M001,贵州茅台,R3,"), "{holdings}");
    assert!(
        text(&c1)
            .contains("\r\n100002,\"'=HYPERLINK(\"\"x\"\")\",individual,F,1985-12-15,110105198512150029,13912345678,")
    );

    let mut conn = db();
    for (k, f) in [
        (ImportKind::Managers, "managers.csv"),
        (ImportKind::Securities, "securities.csv"),
        (ImportKind::Prices, "prices.csv"),
    ] {
        import(&mut conn, k, f).unwrap();
    }
    import_file(&mut conn, ImportKind::Customers, &c1, &import_support::opts()).unwrap();
    import_file(&mut conn, ImportKind::Holdings, &h1, &import_support::opts()).unwrap();
    import(&mut conn, ImportKind::Accounts, "accounts.csv").unwrap();
    let b = session(conn, "S001");
    assert_eq!(store::customers::get(&b.conn, "100002").unwrap().unwrap().name, "=HYPERLINK(\"x\")");
    let (c2, h2) = (dir.path().join("c2.csv"), dir.path().join("h2.csv"));
    export(&b, View::Customers, &c2, ExportFormat::Csv, true);
    export(&b, View::Holdings, &h2, ExportFormat::Csv, true);
    assert_eq!(text(&c1), text(&c2));
    assert_eq!(std::fs::read(&h1).unwrap(), std::fs::read(&h2).unwrap());
}

/// Our own XLSX opens on its 说明 sheet: the import reads the first sheet that holds the table
/// (客户), says which, and stores the same customers the CSV export gives.
#[test]
fn an_unmasked_customers_xlsx_imports_back_from_its_data_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let a = base_session("S001");
    let (x1, c1) = (dir.path().join("c1.xlsx"), dir.path().join("c1.csv"));
    assert_eq!(export(&a, View::Customers, &x1, ExportFormat::Xlsx, true).rows, 5);
    export(&a, View::Customers, &c1, ExportFormat::Csv, true);
    let mut conn = db();
    import(&mut conn, ImportKind::Managers, "managers.csv").unwrap();
    let report = import_file(&mut conn, ImportKind::Customers, &x1, &import_support::opts()).unwrap();
    assert!(report.notices.iter().any(|n| n.message.contains("\"客户\"")), "{:?}", report.notices);
    let b = session(conn, "S001");
    let c2 = dir.path().join("c2.csv");
    export(&b, View::Customers, &c2, ExportFormat::Csv, true);
    // the customers' own columns (the book's figures need the accounts file, not imported here)
    let own = |t: String| -> Vec<String> {
        t.split("\r\n").map(|l| l.split(',').take(11).collect::<Vec<_>>().join(",")).collect()
    };
    let mut before = own(text(&c1));
    let mut after = own(text(&c2));
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

#[test]
fn formula_looking_names_are_neutralised_in_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    let names = [("100001", "=HYPERLINK(\"x\")"), ("100002", "+1"), ("100003", "@SUM(A1)"), ("100005", "-2+3")];
    for (id, name) in names {
        rename(&s, id, name);
    }
    let csv_path = dir.path().join("c.csv");
    export(&s, View::Customers, &csv_path, ExportFormat::Csv, false);
    let body = text(&csv_path);
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let by_id: std::collections::HashMap<String, String> =
        r.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect();
    let xlsx_path = dir.path().join("c.xlsx");
    export(&s, View::Customers, &xlsx_path, ExportFormat::Xlsx, false);
    let mut wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let range = wb.worksheet_range("客户").unwrap();
    for (id, name) in names {
        assert_eq!(by_id[id], format!("'{name}"), "CSV {id}");
        // XLSX: the text as it is, styled with the quote prefix (no visible `'`)
        let row = (1..range.height()).find(|&r| range.get((r, 0)) == Some(&Data::String(id.into()))).unwrap();
        assert_eq!(range.get((row, 1)), Some(&Data::String(name.to_string())), "XLSX {id}");
        assert!(brokerdesk::export::xlsx::needs_quote_prefix(name), "{name}");
    }
    // an untouched name and the amounts (negative ones are numbers, not text) are left alone
    assert_eq!(by_id["100004"], "上海某某投资有限公司");
}

#[test]
fn xlsx_reads_back_with_values_formats_and_scope_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    let path = dir.path().join("c.xlsx");
    let w = export(&s, View::Customers, &path, ExportFormat::Xlsx, false);
    assert_eq!(w.rows, 5);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["说明".to_string(), "客户".to_string()]);

    let about = wb.worksheet_range("说明").unwrap();
    let fact = |key: &str| -> String {
        (0..about.height())
            .find(|&r| about.get((r, 0)) == Some(&Data::String(key.into())))
            .and_then(|r| about.get((r, 1)))
            .map(|d| d.to_string())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    assert_eq!(fact("范围"), "全营业部");
    assert_eq!(fact("筛选"), "无");
    assert_eq!(fact("排序"), "资产↓");
    assert_eq!(fact("统计日"), "2025-08-26");
    assert_eq!(fact("今日"), "2025-08-27");
    assert_eq!(fact("导出人"), "赵敏(S001)");
    assert!(fact("个人信息").starts_with("已脱敏"));
    assert_eq!(fact("行数"), "5");

    let range = wb.worksheet_range("客户").unwrap();
    let header: Vec<String> = (0..range.width()).map(|c| range.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(&header[..3], &["资金账号", "客户姓名", "客户类型"]);
    assert_eq!(header[15], "资产总值(元)");
    let row = (1..range.height()).find(|&r| range.get((r, 0)) == Some(&Data::String("100003".into()))).unwrap();
    assert_eq!(range.get((row, 1)), Some(&Data::String("王建国".into())));
    assert_eq!(range.get((row, 2)), Some(&Data::String("个人".into())), "labels, not codes, for people");
    assert_eq!(range.get((row, 5)), Some(&Data::String("310104********0036".into())), "masked ID");
    assert_eq!(range.get((row, 4)), Some(&Data::Empty), "no birth date in a masked file");
    assert_eq!(range.get((row, 15)), Some(&Data::Float(9999.99)), "money as a number in yuan");
    let Some(Data::DateTime(opened)) = range.get((row, 8)) else { panic!("{:?}", range.get((row, 8))) };
    assert_eq!(opened.as_f64(), 40318.0, "2010-05-20 as an Excel serial date");
    let row1 = (1..range.height()).find(|&r| range.get((r, 0)) == Some(&Data::String("100001".into()))).unwrap();
    let Some(Data::DateTime(opened)) = range.get((row1, 8)) else { panic!() };
    assert_eq!(opened.as_f64(), 42065.0, "2015-03-02");
    assert_eq!(range.get((row1, 6)), Some(&Data::String("138****8000".into())), "masked mobile");
    assert_eq!(range.get((row1, 16)), Some(&Data::Float(12445.67)));

    let styles = wb.worksheet_style("客户").unwrap();
    let fmt = |r: u32, c: u32| styles.get((r, c)).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.clone());
    assert_eq!(fmt(row as u32, 15).as_deref(), Some("#,##0.00"));
    assert_eq!(fmt(row as u32, 8).as_deref(), Some("yyyy-mm-dd"));
    assert!(styles.get((0, 0)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold()), "bold header");
}

#[test]
fn unmasked_is_the_supervisors_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = base_session("M001");
    let path = dir.path().join("m.csv");
    let err = export::run(&m, &Request::plain(View::Customers, m.scope.clone()), &opts(&path, ExportFormat::Csv, true))
        .unwrap_err()
        .to_string();
    assert!(err.contains("只有营业部负责人"), "{err}");
    assert!(!path.exists());
    let err = export::run(&m, &Request::plain(View::Audit, m.scope.clone()), &opts(&path, ExportFormat::Csv, false))
        .unwrap_err()
        .to_string();
    assert!(err.contains("审计"), "{err}");
    let err = export::run(&m, &Request::plain(View::Customers, Scope::Branch), &opts(&path, ExportFormat::Csv, false))
        .unwrap_err()
        .to_string();
    assert!(err.contains("自己"), "{err}");
    assert!(audit_actions(&m).is_empty(), "nothing written, nothing audited");
    // a manager's masked export: their own customers only, audited
    assert_eq!(export(&m, View::Customers, &path, ExportFormat::Csv, false).rows, 3);
    assert_eq!(audit_actions(&m), vec![("M001".into(), "customers".into(), "export".into())]);
    // no overwrite without --force
    let again =
        export::run(&m, &Request::plain(View::Customers, m.scope.clone()), &opts(&path, ExportFormat::Csv, false));
    assert!(again.unwrap_err().to_string().contains("已存在（加 --force 覆盖）"));
    m.lang = Lang::En;
    let again =
        export::run(&m, &Request::plain(View::Customers, m.scope.clone()), &opts(&path, ExportFormat::Csv, false));
    assert!(again.unwrap_err().to_string().contains("exists already (--force replaces it)"));
    m.lang = Lang::Zh;
    let forced = Options { force: true, ..opts(&path, ExportFormat::Csv, false) };
    export::run(&m, &Request::plain(View::Customers, m.scope.clone()), &forced).unwrap();

    let s = base_session("S001");
    let full = dir.path().join("full.xlsx");
    export(&s, View::Customers, &full, ExportFormat::Xlsx, true);
    let audit = store::audit::query(&s.conn, &Default::default(), 0, 1).unwrap();
    let last = audit.first().unwrap();
    assert_eq!((last.actor.as_str(), last.entity.as_str(), last.action.as_str()), ("S001", "export", "unmask_export"));
    let v: serde_json::Value = serde_json::from_str(last.new_value.as_deref().unwrap()).unwrap();
    assert_eq!((v["rows"].as_u64(), v["masked"].as_bool(), v["format"].as_str()), (Some(5), Some(false), Some("xlsx")));
    assert!(v["file"].as_str().unwrap().ends_with("full.xlsx"));
    let mut wb: Xlsx<_> = open_workbook(&full).unwrap();
    let range = wb.worksheet_range("客户").unwrap();
    assert!((1..range.height()).any(|r| range.get((r, 5)) == Some(&Data::String("110105198001010016".into()))));
    // the audit log itself, as the supervisor exports it
    let log = dir.path().join("audit.csv");
    // every row written so far: the fixture's imports and the unmasked export above
    let before = store::audit::count(&s.conn, &Default::default()).unwrap();
    assert!(before >= 2, "{before}");
    assert_eq!(export(&s, View::Audit, &log, ExportFormat::Csv, false).rows as u64, before);
    let log_text = text(&log);
    assert!(log_text.starts_with("at,actor,action,entity,customer,change,record_id,installation\r\n"), "{log_text}");
    // newest first: the unmasked export heads the list
    // in words: who by name, the action's code, the entity, no customer, the change without JSON
    let first = log_text.lines().nth(1).unwrap();
    assert!(first.contains(",unmask_export,导出 customers,,xlsx · 5 行 · 未脱敏 · /"), "{log_text}");
    assert!(!first.contains('{'), "{first}");
    let at = first.split(',').next().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(at.trim_start_matches('\u{feff}'), "%Y-%m-%d %H:%M:%S").is_ok(),
        "{at}"
    );
    // the XLSX: a real date-time cell and the change in words
    let log_x = dir.path().join("audit.xlsx");
    export(&s, View::Audit, &log_x, ExportFormat::Xlsx, false);
    let mut wb: Xlsx<_> = open_workbook(&log_x).unwrap();
    let sheet = wb.worksheet_range("审计").unwrap();
    assert!(matches!(sheet.get((1, 0)), Some(Data::DateTime(_))), "{:?}", sheet.get((1, 0)));
    assert_eq!(sheet.get((1, 2)), Some(&Data::String("导出".into())));
    let change = sheet.get((1, 5)).unwrap().to_string();
    assert!(change.starts_with("csv · ") && change.contains(" 行 · 已脱敏 · "), "{change}");
}

#[test]
fn every_view_exports_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    for view in [
        View::Customers,
        View::Segments,
        View::Holdings,
        View::Callbacks,
        View::Calls,
        View::Alerts,
        View::Assessments,
        View::Audit,
    ] {
        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
            let path: PathBuf = dir.path().join(export::default_file_name(view, today(), format));
            let w = export(&s, view, &path, format, false);
            assert!(path.exists(), "{path:?}");
            if format == ExportFormat::Xlsx {
                let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
                let range = wb.worksheet_range(view.sheet_name(Lang::Zh)).unwrap();
                assert_eq!(range.height(), w.rows + 1, "{view:?}: header + rows");
            } else {
                assert_eq!(text(&path).matches("\r\n").count(), w.rows + 1, "{view:?}");
            }
        }
    }
    // the segments: 20 cells, all five customers counted once
    let seg = text(&dir.path().join(export::default_file_name(View::Segments, today(), ExportFormat::Csv)));
    let customers: i64 = seg.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().parse::<i64>().unwrap()).sum();
    assert_eq!(customers, 5);
}

#[test]
fn customer_filters_and_sort_follow_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    let filter = store::book::BookFilter { scope: Scope::Branch, text: "张".into(), ..Default::default() };
    let request = Request::Customers { filter: filter.clone(), sort: store::book::SortKey::CustomerId };
    let path = dir.path().join("f.xlsx");
    let w = export::run(&s, &request, &opts(&path, ExportFormat::Xlsx, false)).unwrap();
    assert_eq!(w.rows as u64, store::book::count(&s.conn, &filter, today()).unwrap());
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let about = wb.worksheet_range("说明").unwrap();
    assert!((0..about.height()).any(|r| about.get((r, 1)) == Some(&Data::String("搜索: 张".into()))));
    assert!((0..about.height()).any(|r| about.get((r, 1)) == Some(&Data::String("账号".into()))));
}

#[test]
fn the_rejects_file_neutralises_formula_cells_but_keeps_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db();
    import(&mut conn, ImportKind::Managers, "managers.csv").unwrap();
    let rejects = dir.path().join("bad.rejects.csv");
    let o = brokerdesk::import::ImportOptions {
        skip_bad: true,
        rejects_path: Some(rejects.clone()),
        ..import_support::opts()
    };
    // a bad row (unknown manager) whose name is a formula and whose mobile cell is a negative number
    let file = "customer_id,name,id_number,mobile,manager_id,opened_on\n\
                100001,=HYPERLINK(\"http://x\"),110105198001010016,-12.50,M999,2015-03-02\n\
                100002,李丽,110105198512150029,,M001,2018-06-15\n";
    let report =
        brokerdesk::import::import_bytes(&mut conn, ImportKind::Customers, "bad.csv", file.as_bytes(), &o).unwrap();
    assert_eq!((report.inserted, report.rejected), (1, 1));
    let text = text(&rejects);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&row[3], "-12.50", "a number is data, not a formula");
}

#[test]
fn the_matrix_on_another_axis_exports_what_the_report_gives() {
    use brokerdesk::domain::segment_axes::Axis;
    let s = base_session("S001");
    let dir = tempfile::tempdir().unwrap();
    let customers = store::customers::count(&s.conn).unwrap();
    for axis in Axis::ALL {
        let path = dir.path().join(format!("{}.csv", axis.code()));
        let request = Request::SegmentAxis { scope: s.scope.clone(), axis };
        let w = export::run(&s, &request, &opts(&path, ExportFormat::Csv, false)).unwrap();
        // one row per tier × segment, and every customer of the book in exactly one of them
        assert_eq!(w.rows, 4 * axis.len(), "{axis:?}");
        let t = text(&path);
        let mut lines = t.lines();
        assert_eq!(lines.next(), Some("axis,segment,tier,customers,total_assets,threshold"));
        let counted: u64 = lines.map(|l| l.split(',').nth(3).unwrap().parse::<u64>().unwrap()).sum();
        assert_eq!(counted, customers, "{axis:?}");
        // the same counts as `report segments --axes`
        let on = store::accounts::statistics_date(&s.conn).unwrap().unwrap_or(today());
        let facts = store::segments::branch_facts(&s.conn, on, &s.rules).unwrap();
        let report = brokerdesk::report::segments::axis_rows(&facts.matrix(axis, &s.scope), &facts.thresholds);
        let exported: Vec<u64> =
            t.lines().skip(1).map(|l| l.split(',').nth(3).unwrap().parse::<u64>().unwrap()).collect();
        assert_eq!(exported, report.iter().map(|r| r.customers).collect::<Vec<_>>(), "{axis:?}");
    }
}

#[test]
fn a_file_is_written_under_its_name_only_when_complete() {
    let dir = tempfile::tempdir().unwrap();
    let s = base_session("S001");
    let path = dir.path().join("c.csv");
    assert_eq!(export::part_path(&path), dir.path().join("c.csv.part"));
    // the `.part` cannot be made (a folder is in its place): the export fails, nothing under c.csv
    std::fs::create_dir(dir.path().join("c.csv.part")).unwrap();
    assert!(
        export::run(&s, &Request::plain(View::Customers, s.scope.clone()), &opts(&path, ExportFormat::Csv, false))
            .is_err()
    );
    assert!(!path.exists());
    std::fs::remove_dir(dir.path().join("c.csv.part")).unwrap();
    // a stale `.part` of a killed export is replaced; the complete file takes the name
    std::fs::write(dir.path().join("c.csv.part"), "half a fi").unwrap();
    export(&s, View::Customers, &path, ExportFormat::Csv, false);
    assert!(text(&path).starts_with("customer_id,"));
    assert!(!dir.path().join("c.csv.part").exists());
    // an existing file is still refused without --force, and replaced with it
    assert!(
        export::run(&s, &Request::plain(View::Customers, s.scope.clone()), &opts(&path, ExportFormat::Csv, false))
            .is_err()
    );
    let forced = Options { force: true, ..opts(&path, ExportFormat::Csv, false) };
    export::run(&s, &Request::plain(View::Customers, s.scope.clone()), &forced).unwrap();
    assert!(!dir.path().join("c.csv.part").exists());
}
