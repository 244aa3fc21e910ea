//! Good back-office files: a full load with exact values, Chinese headers, encodings, re-imports.

mod import_support;

use brokerdesk::store::db::Db;
use brokerdesk::domain::id_number::Gender;
use brokerdesk::domain::model::{CustomerKind, CustomerStatus, Exchange, InvestorClass, Role, SecurityKind, Side};
use brokerdesk::domain::risk::{ProductRisk, RiskLevel};
use brokerdesk::import::{ImportKind, ImportOptions, import_bytes, import_file};
use brokerdesk::store;
use chrono::NaiveDate;
use import_support::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn full_load_round_trip_with_exact_values() {
    let mut conn = db();
    let reports = base(&mut conn);
    let counted: Vec<(ImportKind, usize, usize)> = reports.iter().map(|r| (r.kind, r.rows, r.inserted)).collect();
    assert_eq!(
        counted,
        vec![
            (ImportKind::Managers, 3, 3),
            (ImportKind::Customers, 5, 5), // the blank CRLF line is skipped
            (ImportKind::Securities, 4, 4),
            (ImportKind::Prices, 5, 5),
            (ImportKind::Holdings, 5, 5),
            (ImportKind::Accounts, 5, 5),
        ]
    );
    assert!(reports.iter().all(|r| r.updated + r.unchanged + r.rejected == 0 && r.rejects_file.is_none()));

    // managers: empty role → manager
    let m2 = store::managers::get(&conn, "M002").unwrap().unwrap();
    assert_eq!((m2.name.as_str(), m2.branch.as_str(), m2.role), ("李强", "上海徐汇营业部", Role::Manager));
    assert_eq!(store::managers::get(&conn, "S001").unwrap().unwrap().role, Role::Supervisor);

    // customers: stated, derived from the ID, Chinese enum labels, institution
    let c1 = store::customers::get(&conn, "100001").unwrap().unwrap();
    assert_eq!(
        (c1.gender, c1.birth_date, c1.mobile.as_deref()),
        (Some(Gender::Male), Some(d("1980-01-01")), Some("13800138000"))
    );
    let c2 = store::customers::get(&conn, "100002").unwrap().unwrap();
    assert_eq!(c2.gender, Some(Gender::Female), "derived from the 17th digit");
    assert_eq!(c2.birth_date, Some(d("1985-12-15")), "derived from digits 7–14");
    assert_eq!(c2.mobile.as_deref(), Some("13912345678"));
    assert_eq!(c2.opened_on, d("2018-06-15"));
    assert_eq!(
        (c2.kind, c2.investor_class, c2.status),
        (CustomerKind::Individual, InvestorClass::Ordinary, CustomerStatus::Active)
    );
    let c3 = store::customers::get(&conn, "100003").unwrap().unwrap();
    assert_eq!((c3.gender, c3.birth_date, c3.opened_on), (Some(Gender::Male), Some(d("1965-06-20")), d("2010-05-20")));
    let c4 = store::customers::get(&conn, "100004").unwrap().unwrap();
    assert_eq!((c4.kind, c4.gender, c4.birth_date), (CustomerKind::Institution, None, None));
    assert_eq!((c4.id_number.as_str(), c4.investor_class), ("91310000717866186P", InvestorClass::Professional));
    assert_eq!(store::customers::get(&conn, "100005").unwrap().unwrap().name, "陈小雨", "cells are trimmed");

    // securities: face value in fen, guessed exchange, ratings
    let cb = store::securities::get(&conn, "110043").unwrap().unwrap();
    assert_eq!(
        (cb.kind, cb.exchange, cb.face_value, cb.risk_rating),
        (SecurityKind::Convertible, Exchange::SH, Some(10_000), None)
    );
    let etf = store::securities::get(&conn, "510300").unwrap().unwrap();
    assert_eq!((etf.exchange, etf.category.as_str(), etf.risk_rating), (Exchange::SH, "ETF", Some(ProductRisk::R3)));

    // prices in 厘 with thousands separators; volume
    let (open, close, volume): (i64, i64, i64) =
        row(&conn, "SELECT open, close, volume FROM prices WHERE code = '600519' AND date = '2025-08-25'");
    assert_eq!((open, close, volume), (1_430_000, 1_440_000, 3_123_456));
    assert_eq!(
        store::prices::close_on_or_before(&conn, "110043", d("2025-08-27")).unwrap(),
        Some((d("2025-08-26"), 129_456))
    );

    // holdings: "10,000" units, cost "1,380.25" yuan → 厘
    let (q, cost): (i64, i64) =
        row(&conn, "SELECT quantity, cost_price FROM holdings WHERE customer_id = '100001' AND code = '000001'");
    assert_eq!((q, cost), (10_000, 11_500));
    let cost: i64 = value(&conn, "SELECT cost_price FROM holdings WHERE customer_id = '100001' AND code = '600519'");
    assert_eq!(cost, 1_380_250);

    // accounts: total assets derived = cash + Σ quantity × close of 2025-08-26 when the cell is empty
    let s1 = store::accounts::get(&conn, "100001", d("2025-08-26")).unwrap().unwrap();
    // 50,000.00 + 100 × 1,450.50 + 10,000 × 12.30 = 50,000 + 145,050 + 123,000 = 318,050.00 yuan
    assert_eq!(s1.cash, 5_000_000);
    assert_eq!(s1.total_assets, 31_805_000);
    assert_eq!((s1.net_commission_12m, s1.other_income_12m, s1.turnover_12m), (1_234_567, 10_000, 200_000_000));
    assert_eq!(s1.last_trade_on, Some(d("2025-08-20")));
    // 1,000.50 + 20,000 × 4.123 = 1,000.50 + 82,460 = 83,460.50
    assert_eq!(store::accounts::get(&conn, "100002", d("2025-08-26")).unwrap().unwrap().total_assets, 8_346_050);
    // stated 9,999.99 is kept as stated
    assert_eq!(store::accounts::get(&conn, "100003", d("2025-08-26")).unwrap().unwrap().total_assets, 999_999);
    // YYYYMMDD as_of; 3,000,000.00 + 1,000 × 1,450.50 = 4,450,500.00
    assert_eq!(store::accounts::get(&conn, "100004", d("2025-08-26")).unwrap().unwrap().total_assets, 445_050_000);
    // no holdings: cash only
    assert_eq!(store::accounts::get(&conn, "100005", d("2025-08-26")).unwrap().unwrap().total_assets, 20_000);

    // the book was refreshed in the same transaction: tiers from assets or contribution
    let tiers: Vec<(String, String, String, i64)> =
        rows(&conn, "SELECT customer_id, tier, tier_basis, total_assets FROM customer_book ORDER BY customer_id");
    let t =
        |id: &str, tier: &str, basis: &str, assets: i64| (id.to_string(), tier.to_string(), basis.to_string(), assets);
    assert_eq!(
        tiers,
        vec![
            t("100001", "T2", "contribution", 31_805_000), // 12,445.67 yuan ≥ 1万
            t("100002", "T4", "base", 8_346_050),
            t("100003", "T4", "base", 999_999),
            t("100004", "T1", "contribution", 445_050_000), // 60,000 ≥ 5万 (assets only T2)
            t("100005", "T4", "base", 20_000),
        ]
    );

    // one import_runs row per file, with its counts
    let runs: Vec<(String, String, i64, i64)> =
        rows(&conn, "SELECT kind, file, rows, inserted FROM import_runs ORDER BY id");
    assert_eq!(runs.len(), 6);
    assert_eq!(runs[1], ("customers".to_string(), "customers.csv".to_string(), 5, 5));
    let actor: String = value(&conn, "SELECT actor FROM import_runs LIMIT 1");
    assert_eq!(actor, "tester");
}

#[test]
fn import_file_names_the_path_and_reports() {
    let mut conn = db();
    let path = fixture_path("managers.csv");
    let r = import_file(&mut conn, ImportKind::Managers, &path, &opts()).unwrap();
    assert_eq!(r.file, path.display().to_string());
    assert_eq!(
        r.to_string(),
        format!("{} (managers): 3 rows: 3 inserted, 0 updated, 0 unchanged, 0 rejected", path.display())
    );
}

#[test]
fn reimport_is_idempotent_and_an_edited_row_updates() {
    let mut conn = db();
    base(&mut conn);
    let before = counts(&conn);
    let again = base(&mut conn);
    for r in &again {
        assert_eq!(tally(r), (0, 0, r.rows, 0), "{r}");
    }
    let after = counts(&conn);
    for ((table, n0), (_, n1)) in before.iter().zip(&after) {
        if *table == "import_runs" {
            assert_eq!(*n1, n0 + 6);
        } else {
            assert_eq!(n0, n1, "{table} grew on re-import");
        }
    }

    // one edited holding: 100 → 300 shares of 600519
    let edited = String::from_utf8(fixture("holdings.csv"))
        .unwrap()
        .replace("100001,2025-08-26,600519,100,", "100001,2025-08-26,600519,300,");
    let r = import_bytes(&mut conn, ImportKind::Holdings, "holdings.csv", edited.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 1, 4, 0));
    let q: i64 = value(&conn, "SELECT quantity FROM holdings WHERE customer_id = '100001' AND code = '600519'");
    assert_eq!(q, 300);
    assert_eq!(count(&conn, "holdings"), 5);

    // one edited customer: a new mobile, and the book follows
    let edited = String::from_utf8(fixture("customers.csv")).unwrap().replace("13800138000", "13600000001");
    let r = import_bytes(&mut conn, ImportKind::Customers, "customers.csv", edited.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 1, 4, 0));
    let search: String = value(&conn, "SELECT search_text FROM customer_book WHERE customer_id = '100001'");
    assert!(search.ends_with(" 0001"), "{search}");
}

#[test]
fn chinese_headers_in_any_order_with_extra_columns() {
    let mut conn = db();
    base(&mut conn);
    let r = import(&mut conn, ImportKind::Customers, "customers_zh.csv").unwrap();
    assert_eq!(tally(&r), (3, 0, 0, 0));
    let c = store::customers::get(&conn, "200001").unwrap().unwrap();
    assert_eq!((c.name.as_str(), c.gender, c.birth_date), ("周杰", Some(Gender::Male), Some(d("1990-03-15"))));
    assert_eq!((c.manager_id.as_str(), c.id_number.as_str()), ("M002", "32010219900315005X"));
    let c = store::customers::get(&conn, "200002").unwrap().unwrap();
    assert_eq!((c.gender, c.mobile), (Some(Gender::Female), None));
    // no kind column: a valid credit code makes an institution
    let c = store::customers::get(&conn, "200003").unwrap().unwrap();
    assert_eq!(
        (c.kind, c.gender, c.birth_date, c.id_number.as_str()),
        (CustomerKind::Institution, None, None, "91110000MA01ABCD0J")
    );

    let r = import(&mut conn, ImportKind::Holdings, "holdings_zh.csv").unwrap();
    assert_eq!(tally(&r), (2, 0, 0, 0));
    let (q, cost, as_of): (i64, i64, String) =
        row(&conn, "SELECT quantity, cost_price, as_of FROM holdings WHERE customer_id = '200001'");
    assert_eq!((q, cost, as_of.as_str()), (1_200, 1_500_123, "2025-08-26"));
}

#[test]
fn gbk_utf8_bom_and_gbk_with_bom_read_the_same() {
    let text = String::from_utf8(fixture("customers_zh.csv")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the GBK bytes are not UTF-8");
    let bom = |body: &[u8]| [b"\xEF\xBB\xBF".as_slice(), body].concat();
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("gbk.csv", gbk.to_vec()),
        ("gbk_bom.csv", bom(&gbk)),
        ("utf8_bom.csv", bom(text.as_bytes())),
        ("utf8.csv", text.as_bytes().to_vec()),
    ];
    let mut seen = Vec::new();
    for (name, bytes) in variants {
        let mut conn = db();
        base(&mut conn);
        let r = import_bytes(&mut conn, ImportKind::Customers, name, &bytes, &opts())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tally(&r), (3, 0, 0, 0), "{name}");
        let c = store::customers::get(&conn, "200001").unwrap().unwrap();
        assert_eq!(c.name, "周杰", "{name}");
        seen.push(c);
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]));

    // forced encoding: GBK bytes read as UTF-8 are refused with the line of the first bad byte
    let mut conn = db();
    base(&mut conn);
    let forced = ImportOptions { encoding: Some(encoding_rs::UTF_8), ..opts() };
    let e = import_bytes(&mut conn, ImportKind::Customers, "gbk.csv", &gbk, &forced).unwrap_err();
    assert_eq!(e.to_string(), "gbk.csv:1: encoding: not valid UTF-8 at byte 1");
    let forced = ImportOptions { encoding: brokerdesk::import::encoding_for_label("gb18030"), ..opts() };
    let r = import_bytes(&mut conn, ImportKind::Customers, "gbk.csv", &gbk, &forced).unwrap();
    assert_eq!(r.inserted, 3);
}

#[test]
fn assessments_are_rescored_and_append_only() {
    let mut conn = db();
    base(&mut conn);
    let r = import(&mut conn, ImportKind::Assessments, "assessments.csv").unwrap();
    assert_eq!(tally(&r), (2, 0, 0, 0));
    assert_eq!(count(&conn, "questionnaires"), 1, "the embedded definition is stored once");

    let a = store::assessments::latest(&conn, "100001").unwrap().unwrap();
    assert_eq!((a.score, a.level, a.lowest), (59, RiskLevel::C4, false));
    assert_eq!(
        (a.assessed_on, a.valid_until),
        (d("2024-03-01"), d("2026-02-28")),
        "730 days: 2024-03-01 ..= 2026-02-28"
    );
    assert_eq!((a.manager_id.as_deref(), a.customer_confirmed), (Some("M001"), true));
    assert_eq!(a.answers, "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A");
    // 100005 was 16 on 2025-03-01 (born 2008-11-03): lowest category whatever the score
    let a = store::assessments::latest(&conn, "100005").unwrap().unwrap();
    assert_eq!((a.score, a.level, a.lowest), (59, RiskLevel::C1, true));
    assert_eq!(a.answers, "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A", "stored in canonical form");
    let (level, lowest): (String, bool) =
        row(&conn, "SELECT risk_level, lowest FROM customer_book WHERE customer_id = '100005'");
    assert_eq!((level.as_str(), lowest), ("C1", true));

    // identical re-import: unchanged
    let r = import(&mut conn, ImportKind::Assessments, "assessments.csv").unwrap();
    assert_eq!(tally(&r), (0, 0, 2, 0));
    assert_eq!(count(&conn, "assessments"), 2);

    // other answers under the same key: a row problem, nothing written
    let before = counts(&conn);
    let conflicting = String::from_utf8(fixture("assessments.csv")).unwrap().replace("\"A,C,A,B,D", "\"B,C,A,B,D");
    let e = import_bytes(&mut conn, ImportKind::Assessments, "a.csv", conflicting.as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        problem_lines(&e),
        vec![
            "a.csv:2: answers: an assessment of 100001 on 2024-03-01 with sac-individual v1 is already recorded with answers \
             A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A; assessments are never edited"
        ]
    );
    assert_eq!(counts(&conn), before);
}

#[test]
fn orders_with_chinese_sides_and_china_times() {
    let mut conn = db();
    base(&mut conn);
    let r = import(&mut conn, ImportKind::Orders, "orders.csv").unwrap();
    assert_eq!(tally(&r), (3, 0, 0, 0));
    let orders: Vec<(String, String, String, String, i64, i64)> =
        rows(&conn, "SELECT customer_id, time, code, side, price, quantity FROM orders ORDER BY customer_id");
    let o = |c: &str, t: &str, code: &str, s: Side, p: i64, q: i64| {
        (c.into(), t.into(), code.into(), s.code().to_string(), p, q)
    };
    assert_eq!(
        orders,
        vec![
            o("100001", "2025-08-26T01:31:05+00:00", "600519", Side::Buy, 1_449_000, 100),
            o("100002", "2025-08-26T02:02:00+00:00", "110043", Side::Sell, 1_000, 1_000),
            // a bare time of day falls on `today` (2025-08-27) China time
            o("100003", "2025-08-27T06:55:00+00:00", "000001", Side::Buy, 12_300, 200),
        ]
    );
    let r = import(&mut conn, ImportKind::Orders, "orders.csv").unwrap();
    assert_eq!(tally(&r), (0, 0, 3, 0));
}

#[test]
fn tab_separated_and_blank_and_all_empty_lines() {
    let mut conn = db();
    let text = "manager_id\tname\tbranch\n\nM001\t王芳\t徐汇\n\t\t\n M002 \t李强\t徐汇\n";
    let r = import_bytes(&mut conn, ImportKind::Managers, "m.tsv", text.as_bytes(), &opts()).unwrap();
    assert_eq!((r.rows, r.inserted), (2, 2));
    assert_eq!(store::managers::get(&conn, "M002").unwrap().unwrap().name, "李强");
}

/// Re-importing from a file without the optional columns leaves the stored values alone; defaults
/// only apply to new rows, and an empty cell in a present column still means empty.
#[test]
fn reimport_without_optional_columns_keeps_stored_values() {
    let mut conn = db();
    base(&mut conn);
    let customer = |conn: &Db, id: &str| store::customers::get(conn, id).unwrap().unwrap();
    let before_1 = customer(&conn, "100001");
    let before_4 = customer(&conn, "100004");
    assert_eq!((before_4.kind, before_4.investor_class), (CustomerKind::Institution, InvestorClass::Professional));

    // customers: only the required columns; 100001 and 100004 unchanged, 800001 new with defaults
    let text = "customer_id,name,id_number,manager_id,opened_on\n\
                100001,张三,110105198001010016,M001,2015-03-02\n\
                100004,上海某某投资有限公司,91310000717866186P,M002,2020-01-10\n\
                800001,新客户,110105198512150029,M001,2024-01-02\n";
    let r = import_bytes(&mut conn, ImportKind::Customers, "c.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (1, 0, 2, 0));
    assert_eq!(customer(&conn, "100001"), before_1);
    assert_eq!(before_1.mobile.as_deref(), Some("13800138000"));
    assert_eq!(customer(&conn, "100004"), before_4);
    let new = customer(&conn, "800001");
    assert_eq!(
        (new.kind, new.investor_class, new.status, new.mobile, new.gender),
        (CustomerKind::Individual, InvestorClass::Ordinary, CustomerStatus::Active, None, Some(Gender::Female))
    );
    // a present column changes the value; the absent ones are still kept
    let text = "customer_id,name,id_number,manager_id,opened_on,status,mobile\n\
                100004,上海某某投资有限公司,91310000717866186P,M002,2020-01-10,dormant,\n\
                100001,张三,110105198001010016,M001,2015-03-02,,13600000001\n";
    let r = import_bytes(&mut conn, ImportKind::Customers, "c.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 2, 0, 0));
    let c4 = customer(&conn, "100004");
    assert_eq!(
        (c4.kind, c4.investor_class, c4.status, c4.mobile),
        (CustomerKind::Institution, InvestorClass::Professional, CustomerStatus::Dormant, None)
    );
    let c1 = customer(&conn, "100001");
    assert_eq!((c1.status, c1.mobile.as_deref()), (CustomerStatus::Active, Some("13600000001")), "empty = default");
    let (professional, status): (bool, String) =
        row(&conn, "SELECT professional, status FROM customer_book WHERE customer_id = '100004'");
    assert_eq!((professional, status.as_str()), (true, "dormant"), "the book follows");
    // without a kind column the stored kind decides how the ID is read
    let text = "customer_id,name,id_number,manager_id,opened_on\n100004,某公司,110105198001010016,M002,2020-01-10\n";
    let e = import_bytes(&mut conn, ImportKind::Customers, "c.csv", text.as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        problem_lines(&e),
        vec![
            "c.csv:2: id_number: bad unified social credit code 110105********0016: check character is 6, expected 3 \
             (the customer is stored as institution (机构); add a kind column to change it)"
        ]
    );

    // managers: no role column keeps the supervisor a supervisor; a new manager is a manager
    let text = "manager_id,name,branch\nS001,赵敏,上海徐汇营业部\nM009,新经理,上海徐汇营业部\n";
    let r = import_bytes(&mut conn, ImportKind::Managers, "m.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (1, 0, 1, 0));
    assert_eq!(store::managers::get(&conn, "S001").unwrap().unwrap().role, Role::Supervisor);
    assert_eq!(store::managers::get(&conn, "M009").unwrap().unwrap().role, Role::Manager);

    // accounts: other income, turnover and last trade kept; total assets still derived
    let s1 = store::accounts::get(&conn, "100001", d("2025-08-26")).unwrap().unwrap();
    let text = "customer_id,as_of,cash,net_commission_12m\n100001,2025-08-26,\"60,000.00\",\"12,345.67\"\n";
    let r = import_bytes(&mut conn, ImportKind::Accounts, "a.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 1, 0, 0));
    let s = store::accounts::get(&conn, "100001", d("2025-08-26")).unwrap().unwrap();
    assert_eq!(
        (s.cash, s.total_assets, s.other_income_12m, s.turnover_12m, s.last_trade_on),
        (6_000_000, s1.total_assets + 1_000_000, 10_000, 200_000_000, Some(d("2025-08-20")))
    );
    // a new snapshot of the same customer gets the defaults
    let text = "customer_id,as_of,cash,net_commission_12m\n100001,2025-08-27,100,0\n";
    import_bytes(&mut conn, ImportKind::Accounts, "a.csv", text.as_bytes(), &opts()).unwrap();
    let s = store::accounts::get(&conn, "100001", d("2025-08-27")).unwrap().unwrap();
    assert_eq!((s.other_income_12m, s.turnover_12m, s.last_trade_on), (0, 0, None));

    // securities: exchange, board, industry, category, rating and face value kept
    let text = "code,exchange,name,kind,board,industry,category,risk_rating,face_value\n\
                T00001,SZ,测试产品,fund,创业板,科技,LOF,R4,100\n";
    import_bytes(&mut conn, ImportKind::Securities, "s.csv", text.as_bytes(), &opts()).unwrap();
    let before = store::securities::get(&conn, "T00001").unwrap().unwrap();
    let text = "code,name,kind\nT00001,测试产品二,fund\n510300,沪深300ETF,fund\n";
    let r = import_bytes(&mut conn, ImportKind::Securities, "s.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 1, 1, 0));
    let after = store::securities::get(&conn, "T00001").unwrap().unwrap();
    assert_eq!(after.name, "测试产品二");
    assert_eq!(
        (after.exchange, after.board, after.industry, after.category, after.risk_rating, after.face_value),
        (Exchange::SZ, before.board, before.industry, before.category, Some(ProductRisk::R4), Some(10_000))
    );
    let etf = store::securities::get(&conn, "510300").unwrap().unwrap();
    assert_eq!((etf.category.as_str(), etf.risk_rating), ("ETF", Some(ProductRisk::R3)));
    // an empty cell in a present column empties it
    let text = "code,name,kind,risk_rating\nT00001,测试产品二,fund,\n";
    import_bytes(&mut conn, ImportKind::Securities, "s.csv", text.as_bytes(), &opts()).unwrap();
    let after = store::securities::get(&conn, "T00001").unwrap().unwrap();
    assert_eq!((after.risk_rating, after.category.as_str(), after.exchange), (None, "LOF", Exchange::SZ));

    // prices: the volume is kept
    let text = "code,date,open,high,low,close\n600519,2025-08-25,\"1,430.00\",\"1,445.50\",\"1,425.00\",\"1,440.00\"\n";
    let r = import_bytes(&mut conn, ImportKind::Prices, "p.csv", text.as_bytes(), &opts()).unwrap();
    assert_eq!(tally(&r), (0, 0, 1, 0));
    let volume: i64 = value(&conn, "SELECT volume FROM prices WHERE code = '600519' AND date = '2025-08-25'");
    assert_eq!(volume, 3_123_456);
}

/// The book is rebuilt with the rules passed in, not the defaults.
#[test]
fn book_is_refreshed_with_the_rules_in_force() {
    let mut conn = db();
    base(&mut conn);
    let tier = |conn: &Db| -> (String, String) {
        row(conn, "SELECT tier, tier_basis FROM customer_book WHERE customer_id = '100002'")
    };
    assert_eq!(tier(&conn), ("T4".to_string(), "base".to_string()), "83,460.50 yuan < 10万 by default");
    let mut rules = brokerdesk::domain::rules::Rules::defaults();
    rules.tiers[2].min_assets_yuan = Some(50_000);
    let firm = ImportOptions { rules, ..opts() };
    for (kind, name) in [(ImportKind::Accounts, "accounts.csv"), (ImportKind::Customers, "customers.csv")] {
        let r = import_bytes(&mut conn, kind, name, &fixture(name), &firm).unwrap();
        assert_eq!(r.unchanged, 5, "{name}");
        assert_eq!(tier(&conn), ("T3".to_string(), "assets".to_string()), "{name}: ≥ 5万 with the firm's rules");
    }
    // and back with the defaults
    import(&mut conn, ImportKind::Managers, "managers.csv").unwrap();
    assert_eq!(tier(&conn).0, "T4");
}
