//! `brokerdesk import` speaks Chinese by default and English with `--lang en` or the settings
//! file's `lang = "en"` (`--lang` wins): the Rejected summary, every problem line, the report line
//! and the rejects file's `error` cells; the CLI's own messages (`check`, `demo`, refusals) likewise.

mod import_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brokerdesk::import::{ImportKind, ImportOptions, import_bytes};
use brokerdesk::session::Lang;

/// Three data rows: line 2 good; line 3 repeats M001 and has an unknown role; line 4 has a
/// full-width digit in its key and no name. 4 problems on 2 of 3 rows.
const MANAGERS: &str =
    "manager_id,name,branch,role\nM001,张三,上海营业部,manager\nM001,李四,上海营业部,x\nM00２,,上海营业部,\n";

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("m.csv"), MANAGERS).unwrap();
        Setup { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `brokerdesk --db x.db --today 2025-08-27 import managers m.csv ARGS` in the temp dir,
    /// with the settings file `config` (absent unless written).
    fn import(&self, config: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .current_dir(self.dir.path())
            .env("BROKERDESK_CONFIG", config)
            .args(["--db", "x.db", "--today", "2025-08-27", "import", "managers", "m.csv"])
            .args(args)
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end().to_string()
}

const ZH_REJECTED: &str =
    "m.csv：已拒绝，未导入任何数据：4 处问题，涉及 3 行中的 2 行（请修正，或用 --skip-bad 只导入正确的行）
m.csv:3: manager_id: 与第 2 行重复（manager_id 相同）
m.csv:3: role: 未知取值 \"x\"；可用：manager（客户经理）、supervisor（营业部负责人）
m.csv:4: manager_id: \"M00２\" 含有全角字符 '２'：编号只能用半角字母和数字
m.csv:4: name: 必填，但为空";

const EN_REJECTED: &str =
    "m.csv: rejected, nothing imported: 4 problems on 2 of 3 rows (fix them, or use --skip-bad to import the good rows)
m.csv:3: manager_id: duplicate of line 2 (same manager_id)
m.csv:3: role: unknown value \"x\"; use one of manager (客户经理), supervisor (营业部负责人)
m.csv:4: manager_id: \"M00２\" has full-width '２': keys must be ASCII letters and digits
m.csv:4: name: required, but empty";

#[test]
fn a_refused_file_is_reported_in_chinese_by_default_and_in_english_on_request() {
    let s = Setup::new();
    let no_config = s.path("none.toml");
    std::fs::write(&no_config, "").unwrap();
    let out = s.import(&no_config, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), ZH_REJECTED);
    let out = s.import(&no_config, &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), EN_REJECTED);
}

#[test]
fn the_settings_file_chooses_the_language_and_the_command_line_wins() {
    let s = Setup::new();
    let config = s.path("config.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let out = s.import(&config, &[]);
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), EN_REJECTED.to_string()));
    let out = s.import(&config, &["--lang", "zh"]);
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), ZH_REJECTED.to_string()));
    // a wrong setting is an error naming the file, before anything is done
    let s = Setup::new();
    let config = s.path("config.toml");
    std::fs::write(&config, "lang = \"fr\"\n").unwrap();
    let out = s.import(&config, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("brokerdesk: {}：lang = \"fr\"：请用 \"zh\"（中文）或 \"en\"（英文）", config.display())
    );
    assert!(!s.path("x.db").exists());
}

#[test]
fn skip_bad_reports_and_writes_rejects_in_the_chosen_language() {
    let s = Setup::new();
    let no_config = s.path("none.toml");
    std::fs::write(&no_config, "").unwrap();
    let out = s.import(&no_config, &["--skip-bad"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // the problem lines (without the summary) on stderr, the report line on stdout
    let problems: Vec<&str> = ZH_REJECTED.lines().skip(1).collect();
    assert_eq!(text(&out.stderr), problems.join("\n"));
    assert_eq!(text(&out.stdout), "m.csv（客户经理）：3 行：新增 1，更新 0，未变 0，拒绝 2 → m.rejects.csv");
    let rejects = std::fs::read_to_string(s.path("m.rejects.csv")).unwrap();
    assert!(
        rejects.contains("\"manager_id: 与第 2 行重复（manager_id 相同）; role: 未知取值 \"\"x\"\"；"),
        "{rejects}"
    );
    let out = s.import(&no_config, &["--skip-bad", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // re-imported: M001 is now unchanged
    assert_eq!(
        text(&out.stdout),
        "m.csv (managers): 3 rows: 0 inserted, 0 updated, 1 unchanged, 2 rejected → m.rejects.csv"
    );
    let rejects = std::fs::read_to_string(s.path("m.rejects.csv")).unwrap();
    assert!(
        rejects.contains("\"manager_id: duplicate of line 2 (same manager_id); role: unknown value \"\"x\"\";"),
        "{rejects}"
    );
}

/// The bad fixtures of the import tests, refused on a good base book, in Chinese.
fn refused_in_chinese(kind: ImportKind, name: &str) -> String {
    let mut conn = import_support::db();
    import_support::base(&mut conn);
    let zh = ImportOptions { lang: Lang::Zh, ..import_support::opts() };
    import_bytes(&mut conn, kind, name, &import_support::fixture(name), &zh).unwrap_err().to_string()
}

/// The rows' cross-checks and the domain's errors (ID numbers, answer sheets) in Chinese: the same
/// problems the English tests of these fixtures list, worded for the back office.
#[test]
fn rows_and_domain_errors_in_chinese() {
    assert_eq!(
        refused_in_chinese(ImportKind::Customers, "customers_gender_mismatch.csv"),
        "customers_gender_mismatch.csv：已拒绝，未导入任何数据：5 处问题，涉及 4 行中的 3 行（请修正，或用 --skip-bad 只导入正确的行）
customers_gender_mismatch.csv:2: gender: F 与证件号码 110105********0016 不符（号码表明性别为 M（男））
customers_gender_mismatch.csv:4: gender: 女 与证件号码 310104********0036 不符（号码表明性别为 M（男））
customers_gender_mismatch.csv:4: birth_date: 1965-06-21 与证件号码 310104********0036 不符（号码中的出生日期为 1965-06-20）
customers_gender_mismatch.csv:5: gender: 未知性别 \"X\"（请用 M/F 或 男/女）
customers_gender_mismatch.csv:5: manager_id: 未知客户经理 M009（请先导入客户经理）"
    );
    let ids = refused_in_chinese(ImportKind::Customers, "customers_bad_id.csv");
    assert!(ids.contains(":3: id_number: 居民身份证号码 110105********0017 有误：校验码为 7，应为 6\n"), "{ids}");
    assert!(ids.contains(":4: id_number: 居民身份证号码 110105*******1001 有误：应为 18 位，实际 17 位\n"), "{ids}");
    assert!(ids.contains(":5: id_number: 统一社会信用代码 913100********186Q 有误：校验码为 Q，应为 P\n"), "{ids}");
    assert_eq!(
        refused_in_chinese(ImportKind::Assessments, "assessments_bad.csv"),
        "assessments_bad.csv：已拒绝，未导入任何数据：5 处问题，涉及 4 行中的 4 行（请修正，或用 --skip-bad 只导入正确的行）
assessments_bad.csv:2: answers: 应有 20 个答案（每题一个），实际 3 个
assessments_bad.csv:3: questionnaire_id: 未知问卷 sac-x
assessments_bad.csv:4: version: 问卷 sac-individual 没有版本 9（已有版本：1）
assessments_bad.csv:5: assessed_on: 测评日期 2030-03-01 晚于今天（2025-08-27）
assessments_bad.csv:5: answers: 第 1 题（income_source）是单选题，但 \"AB\" 选了多个选项"
    );
    assert_eq!(
        refused_in_chinese(ImportKind::Holdings, "holdings_duplicate.csv").lines().nth(1),
        Some("holdings_duplicate.csv:5: customer_id: 与第 2 行重复（customer_id + as_of + code 相同）")
    );
    assert_eq!(
        refused_in_chinese(ImportKind::Holdings, "holdings_negative.csv").lines().last(),
        Some("holdings_negative.csv:5: cost_price: 成本价不能为负数：-5")
    );
    assert_eq!(
        refused_in_chinese(ImportKind::Holdings, "holdings_bad_header.csv"),
        "holdings_bad_header.csv:1: 表头: 持仓文件缺少必需的列：quantity（持仓数量）"
    );
}

/// The CLI's own messages go through the same catalogue: Chinese by default, English with --lang en.
#[test]
fn cli_messages_in_chinese_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let no_config = dir.path().join("none.toml");
    std::fs::write(&no_config, "").unwrap();
    let bd = |db: &Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .env("BROKERDESK_CONFIG", &no_config)
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-29"])
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let typo = dir.path().join("typo.db");
    let (code, _, err) = bd(&typo, &["check"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "brokerdesk: {} 处没有数据库（请先用 `brokerdesk demo` 或 `brokerdesk import …` 建立）",
            typo.display()
        )
    );
    let (_, _, err) = bd(&typo, &["check", "--lang", "en"]);
    assert!(err.starts_with("brokerdesk: no database at "), "{err}");

    let db = dir.path().join("demo.db");
    let (code, out, err) = bd(&db, &["demo", "--customers", "30"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("：客户经理 ") && out.contains("，客户 30 位（文件中现有 30 位），"), "{out}");
    let (code, out, _) = bd(&db, &["check"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\n完整性：ok\n外键：ok\n") && out.ends_with("\n客户：30 位\n检查结果：正常"), "{out}");
    let csv = dir.path().join("m.csv");
    std::fs::write(&csv, MANAGERS).unwrap();
    let (code, _, err) = bd(&db, &["import", "managers", csv.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "brokerdesk: {} 中是演示数据：真实文件请导入单独的数据库（--db PATH），或删除此文件后重新开始",
            db.display()
        )
    );
}
