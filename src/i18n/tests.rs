//! The catalogue's tests: each message family in both languages, masking, and the guard
//! against inline zh/en wording in screens and reports.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn both_languages_word_the_same_values() {
    let m = Msg::DuplicateOf {
        line: 12, fields: vec!["资金账号".into(), "统计日期".into(), "证券代码".into()]
    };
    assert_eq!(m.render(Lang::Zh), "与第 12 行重复（资金账号 + 统计日期 + 证券代码相同）");
    assert_eq!(m.render(Lang::En), "duplicate of line 12 (same 资金账号 + 统计日期 + 证券代码)");
    let m = Msg::UnknownCustomer { id: "310000000099".into() };
    assert_eq!(m.render(Lang::Zh), "未知客户 310000000099（请先导入客户）");
    assert_eq!(m.render(Lang::En), "unknown customer 310000000099 (import the customers first)");
    let m = Msg::AfterToday { what: DateNoun::StatisticsDate, day: d("2025-09-01"), today: d("2025-08-27") };
    assert_eq!(m.render(Lang::Zh), "统计日期 2025-09-01 晚于今天（2025-08-27）");
    assert_eq!(m.render(Lang::En), "statistics date 2025-09-01 is after today (2025-08-27)");
}

#[test]
fn rejected_summary_and_report_line() {
    let m = Msg::Rejected { file: "customers.csv".into(), problems: 3, bad_rows: 2, total: 120 };
    assert_eq!(
        m.render(Lang::Zh),
        "customers.csv：已拒绝，未导入任何数据：3 处问题，涉及 120 行中的 2 行（请修正，或用 --skip-bad 只导入正确的行）"
    );
    assert_eq!(
        m.render(Lang::En),
        "customers.csv: rejected, nothing imported: 3 problems on 2 of 120 rows (fix them, or use --skip-bad to import the good rows)"
    );
    let one = Msg::Rejected { file: "m.csv".into(), problems: 1, bad_rows: 1, total: 1 };
    assert_eq!(
        one.render(Lang::En),
        "m.csv: rejected, nothing imported: 1 problem on 1 of 1 row (fix them, or use --skip-bad to import the good rows)"
    );
    let report = Msg::Report(Box::new(ReportLine {
        file: "customers.csv".into(),
        kind: ImportKind::Customers,
        rows: 120,
        inserted: 100,
        updated: 10,
        unchanged: 8,
        rejected: 2,
        rejects_file: Some("customers.rejects.csv".into()),
        alerts: Some(AlertCounts { customers: 110, opened: 5, updated: 1, reopened: 0, resolved: 2 }),
    }));
    assert_eq!(
        report.render(Lang::Zh),
        "customers.csv（客户）：120 行：新增 100，更新 10，未变 8，拒绝 2 → customers.rejects.csv；\
         预警涉及 110 位客户：新开 5，更新 1，重开 0，解除 2"
    );
    assert_eq!(
        report.render(Lang::En),
        "customers.csv (customers): 120 rows: 100 inserted, 10 updated, 8 unchanged, 2 rejected → customers.rejects.csv; \
         alerts for 110 customers: 5 opened, 1 updated, 0 reopened, 2 resolved"
    );
}

#[test]
fn domain_errors_in_chinese() {
    let m = Msg::BadResidentId {
        text: "110105194912310021".into(),
        issue: IdIssue::Id(IdError::Checksum { found: '1', expected: 'X' }),
        stored: None,
    };
    assert_eq!(m.render(Lang::Zh), "居民身份证号码 110105********0021 有误：校验码为 1，应为 X");
    assert_eq!(m.render(Lang::En), "bad resident ID 110105********0021: check character is 1, expected X");
    let m = Msg::BadUscc { text: "123".into(), error: IdError::Length(3), stored: Some(CustomerKind::Institution) };
    assert_eq!(
        m.render(Lang::Zh),
        "统一社会信用代码 *23 有误：应为 18 位，实际 3 位（该客户已存为 institution（机构）；如需更改，请加上客户类型列）"
    );
    let m = Msg::Answer(AnswerError::Count { expected: 10, found: 9 });
    assert_eq!(m.render(Lang::Zh), "应有 10 个答案（每题一个），实际 9 个");
    assert_eq!(m.render(Lang::En), "expected 10 answers (one per question), found 9");
}

#[test]
fn import_problems_never_show_a_full_id_number_or_mobile() {
    let m = Msg::BadResidentId {
        text: "110105198001010017".into(),
        issue: IdIssue::Id(IdError::Checksum { found: '7', expected: '5' }),
        stored: None,
    };
    assert_eq!(m.render(Lang::Zh), "居民身份证号码 110105********0017 有误：校验码为 7，应为 5");
    assert_eq!(m.render(Lang::En), "bad resident ID 110105********0017: check character is 7, expected 5");
    let m = Msg::BadUscc {
        text: "91310000MA1FL0000X".into(),
        error: IdError::Checksum { found: 'X', expected: '3' },
        stored: None,
    };
    assert_eq!(m.render(Lang::Zh), "统一社会信用代码 913100********000X 有误：校验码为 X，应为 3");
    let m = Msg::GenderMismatch { cell: "女".into(), number: "110105198001010017".into(), gender: Gender::Male };
    assert!(m.render(Lang::Zh).starts_with("女 与证件号码 110105********0017 不符"), "{}", m.render(Lang::Zh));
    assert!(m.render(Lang::En).contains("the ID number 110105********0017,"), "{}", m.render(Lang::En));
    let m = Msg::BirthDateMismatch { given: d("1980-01-02"), number: "110105198001010017".into(), birth: d("1980-01-01") };
    assert_eq!(m.render(Lang::Zh), "1980-01-02 与证件号码 110105********0017 不符（号码中的出生日期为 1980-01-01）");
    let m = Msg::IdBirthInFuture { number: "110105209901010017".into(), birth: d("2099-01-01") };
    assert_eq!(m.render(Lang::En), "bad resident ID 110105********0017: birth date 2099-01-01 in the number is in the future");
    let m = Msg::NotAMobile { text: "1381234567".into() };
    assert_eq!(m.render(Lang::Zh), "不是有效手机号码：\"******4567\"（应为 1 开头的 11 位数字）");
    // no 18-character run of the number survives in any rendering
    for m in [
        Msg::BadResidentId { text: "110105198001010017".into(), issue: IdIssue::BirthYearBefore1900(1899), stored: None },
        Msg::IdBirthInFuture { number: "110105198001010017".into(), birth: d("2099-01-01") },
    ] {
        for lang in [Lang::Zh, Lang::En] {
            assert!(!m.render(lang).contains("198001010017"), "{}", m.render(lang));
        }
    }
}

#[test]
fn screens_and_reports_in_chinese_and_english() {
    use crate::domain::risk::{ProductRisk, RiskLevel};
    let cases = [
        (Msg::OnAgenda { n: 1234 }, "日程 1,234", "1,234 on the agenda"),
        (Msg::DaysLate { days: 3 }, "逾期3天", "3d late"),
        (Msg::Tries { n: 3 }, "3次", "3x"),
        (Msg::Days { days: 1 }, "1 日", "1 day"),
        (Msg::Days { days: 60 }, "60 日", "60 days"),
        (Msg::Age { age: 45 }, "45岁", "age 45"),
        (Msg::LevelName(RiskLevel::C3), "C3 稳健型", "C3"),
        (
            Msg::Unsuitable(Suitability::AboveLevel { level: RiskLevel::C3, rating: ProductRisk::R4 }),
            "✗ R4 高于 C3",
            "✗ R4 above C3",
        ),
        (Msg::Unsuitable(Suitability::Suitable), "", ""),
        (Msg::NoteLength { used: 210, max: 200 }, "备注 210/200 字", "note 210/200 characters"),
        (Msg::ConfirmMove { n: 8, to: "陈明(M02)".into() }, "将 8 位客户调给 陈明(M02)", "Move 8 customers to 陈明(M02)"),
        (Msg::ToMove { n: 1200 }, "1,200 位待调动", "1,200 to move"),
        (Msg::StepNotAnswered { step: 4 }, "第 4 步尚未作答", "step 4 is not answered"),
        (Msg::ExpiringIn { days: 30 }, "30天内到期", "expiring in 30 days"),
        (Msg::OpenCallbacks { open: 12, overdue: 3 }, "共 12 个待回访，其中逾期 3 个", "12 open callbacks, 3 overdue"),
        (Msg::RuleLabel(AlertRule::Suitability), "适当性 suitability", "suitability"),
        (
            Msg::Exported { rows: 1500, path: "/tmp/c.xlsx".into() },
            "已导出 1,500 行 → /tmp/c.xlsx",
            "exported 1,500 rows → /tmp/c.xlsx",
        ),
    ];
    for (m, zh, en) in cases {
        assert_eq!(m.render(Lang::Zh), zh, "{m:?}");
        assert_eq!(m.render(Lang::En), en, "{m:?}");
    }
    assert!(Msg::CoverageTitle { year: 2025 }.render(Lang::Zh).starts_with("2025 年回访覆盖率"));
}

#[test]
fn allocate_and_export_refusals_in_chinese_and_english() {
    use crate::domain::allocation::AllocationError;
    let cases = [
        (Msg::UnknownManagerId { id: "M99".into() }, "没有客户经理 M99", "no manager M99"),
        (
            Msg::CustomerClosed { id: "310000000001".into() },
            "客户 310000000001 已销户：已销户的账户不能调动",
            "customer 310000000001 is closed: a closed account is not reassigned",
        ),
        (
            Msg::Allocation(AllocationError::SeveralWithoutBalance),
            "多位接收人需要均衡方案（--balance）",
            "several receiving managers need the balance proposal (--balance)",
        ),
        (
            Msg::AlreadyClass {
                customer: "310000000001".into(),
                class: crate::domain::model::InvestorClass::Professional,
            },
            "310000000001 已是专业投资者",
            "310000000001 is already professional",
        ),
        (
            Msg::BadYuanOption { option: "income".into(), text: "1万".into(), detail: "not a number".into() },
            "--income \"1万\"：不是有效金额（以元为单位，最多 2 位小数）",
            "--income \"1万\": not a number",
        ),
        (Msg::WouldMove { n: 8 }, "拟调动 8 位客户（试算，未写入）", "8 customers would move (dry run: nothing written)"),
        (
            Msg::ExistsAlready { path: "c.csv".into() },
            "c.csv 已存在（加 --force 覆盖）",
            "c.csv exists already (--force replaces it)",
        ),
        (
            Msg::ExportAuditFailed,
            "无法写入导出的审计记录（已删除导出的文件）",
            "writing the export's audit row (the file was removed)",
        ),
    ];
    for (m, zh, en) in cases {
        assert_eq!(m.render(Lang::Zh), zh, "{m:?}");
        assert_eq!(m.render(Lang::En), en, "{m:?}");
    }
    // a store refusal reads in the user's language; its Display stays English
    let e = crate::store::StoreError::Refused(Box::new(Msg::UnknownCustomerId { id: "X".into() }));
    assert_eq!((e.render(Lang::Zh), e.to_string()), ("没有客户 X".to_string(), "no customer X".to_string()));
}

/// The screens and reports word their messages in the catalogue, not inline: no `.rs` file
/// under src/tui or src/report (nor src/report.rs) has an arm on `Lang::Zh` (alone or in a
/// tuple) whose expression is a `format!`.
#[test]
fn no_inline_wording_in_screens_or_reports() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("report.rs")];
    walk(&root.join("tui"), &mut files);
    walk(&root.join("report"), &mut files);
    assert!(files.len() > 20, "found the sources: {files:?}");
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            // an arm on Chinese: `Lang::Zh =>`, `(View::Open, Lang::Zh) =>`, `(Lang::Zh, x) =>`
            let Some(at) = line.find("Lang::Zh") else { continue };
            if !line[at..].contains("=>") {
                continue;
            }
            // the arm's expression: this line and the next two (a `format!` may wrap)
            let arm = lines[i..(i + 3).min(lines.len())].join(" ");
            let arm = arm[arm.find("Lang::Zh").unwrap_or(0)..].split_once("=>").map_or("", |(_, a)| a);
            let arm = arm.split("Lang::En").next().unwrap_or_default();
            if arm.contains("format!") {
                offenders.push(format!("{}:{}", f.display(), i + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "inline zh/en wording; add a Msg variant instead: {offenders:?}");
}

#[test]
fn a_backup_from_a_server_names_its_scope_tables_and_rows_in_both_languages() {
    use super::pg::{BackupScope, PgMsg};
    let tables = vec![("customers".to_string(), 1_234), ("holdings".to_string(), 5_678)];
    let m = Msg::Pg(PgMsg::BackedUp {
        path: "/tmp/m03.db".into(),
        scope: BackupScope::Manager { id: "M03".into(), name: "陈芳丽".into() },
        tables: tables.clone(),
        millis: 1_300,
    });
    assert_eq!(
        m.render(Lang::Zh),
        "已备份客户经理 陈芳丽（M03）的客户到 /tmp/m03.db：2 张表，共 6,912 行，逐表计数一致（1.3 秒）\n  \
         customers                    1,234\n  holdings                     5,678"
    );
    assert_eq!(
        m.render(Lang::En),
        "backed up the customers of manager 陈芳丽 (M03) to /tmp/m03.db: 2 tables, 6,912 rows, every table's count \
         checked (1.3 s)\n  customers                    1,234\n  holdings                     5,678"
    );
    let m = Msg::Pg(PgMsg::BackedUp { path: "b.db".into(), scope: BackupScope::Branch, tables, millis: 0 });
    assert!(m.render(Lang::Zh).starts_with("已备份全营业部到 b.db：2 张表"), "{}", m.render(Lang::Zh));
    assert!(m.render(Lang::En).starts_with("backed up the whole branch to b.db: 2 tables"));
    let m = Msg::Pg(PgMsg::BackupCountMismatch { table: "holdings".into(), read: 10, written: 9 });
    assert_eq!(m.render(Lang::Zh), "备份时 holdings 从服务器读出 10 行，文件中写入 9 行，不一致：备份文件已删除");
    let m = Msg::Pg(PgMsg::BackupNotOwnRole { manager: "M03".into() });
    assert!(m.render(Lang::Zh).contains("请以 bd_m03 登录后备份"), "{}", m.render(Lang::Zh));
    assert!(m.render(Lang::En).contains("sign in as bd_m03"));
}
